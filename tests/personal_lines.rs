//! Personalised context lines and the front-matter schema: lines come only from the
//! draft's facts, never trip a phrase rule, copy the writer's voice, and without facts carry
//! placeholders that the placeholder rules flag until they are filled. The schema's aliases
//! and the personalisation rule ids stay in step with `docs/front-matter.md`.

use outreach_lint::context::ALIASES;
use outreach_lint::fix::{apply_edits, context_line_fixes, context_lines};
use outreach_lint::lint::Draft;
use outreach_lint::personal::ids;
use outreach_lint::personal::lines::PLACEHOLDER_LINES;
use outreach_lint::rules::RuleKind;
use outreach_lint::{lint, Format, LintOptions, RuleSet};

const BODY: &str = "Hi Tobias,\n\nWe are rebuilding our retry logic this quarter and hit the same wall you described.\n\nCould I send you two questions about it?\n\nLena\n";

fn with_front(front: &str) -> String {
    format!("---\nrecipient: Tobias Lindqvist\n{front}---\n{BODY}")
}

fn phrase_findings(text: &str) -> Vec<String> {
    lint(
        text,
        Format::Markdown,
        &RuleSet::builtin(),
        &LintOptions::default(),
    )
    .findings
    .iter()
    .filter(|f| f.pattern.is_some())
    .map(|f| format!("{} {:?}", f.rule, &text[f.range.clone()]))
    .collect()
}

const FACT_SETS: &[&str] = &[
    "met_at: PyCon US 2024, hallway after the async track\n",
    "their_work: talk on retry budgets\n",
    "their_work: JAMA Netw Open paper on no-show rates after telehealth rollout\n",
    "their_work: tokio PR fixing waker leak in broadcast channel\n",
    "mutual: Pastor James Whitfield\n",
    "referred_by: Priya Raman\n",
    "mutual: the Rust Lisbon meetup\n",
    "shared_interest: sourdough baking\n",
    "reason: cold-storage grant they won\n",
    "reason: to ask how your team staffed the night shift\n",
    "met_at: in your Tuesday statistics class\nthird_party: ignored\n",
];

#[test]
fn lines_from_facts_say_only_what_the_front_matter_says() {
    let options = LintOptions::default();
    for front in FACT_SETS {
        let text = with_front(front);
        let draft = Draft::new(&text, Format::Markdown, &options);
        let lines = context_lines(&draft);
        assert!(
            lines.len() >= 2,
            "several variants for {front:?}: {lines:?}"
        );
        let facts: String = front.to_lowercase();
        for (line, from_facts) in &lines {
            assert!(from_facts, "{line}");
            assert!(!line.contains('['), "{line}");
            assert!(line.split_whitespace().count() <= 22, "short: {line}");
            assert!(
                line.split_whitespace().next().is_some_and(|w| matches!(
                    w,
                    "I" | "We" | "It" | "Your" | "The"
                ) || facts
                    .contains(&w.to_lowercase())),
                "first person or the fact first: {line}"
            );
            // No invented names: every capitalised word after the first is in the facts.
            for word in line.split_whitespace().skip(1) {
                let w = word.trim_matches(|c: char| !c.is_alphanumeric());
                if w.chars().next().is_some_and(char::is_uppercase) && w != "I" {
                    assert!(
                        facts.contains(&w.to_lowercase()),
                        "{w:?} is not in the facts: {line}"
                    );
                }
            }
        }
    }
}

#[test]
fn inserted_lines_go_after_the_greeting_and_trip_no_phrase_rule() {
    let options = LintOptions::default();
    for front in FACT_SETS {
        let text = with_front(front);
        let before = phrase_findings(&text);
        let draft = Draft::new(&text, Format::Markdown, &options);
        for fix in context_line_fixes(&draft) {
            let (fixed, _) = apply_edits(&text, &fix.edits);
            let line = fix.edits[0].replacement.trim();
            assert!(
                fixed.contains(&format!("Hi Tobias,\n\n{line}\n\nWe are rebuilding")),
                "{fixed}"
            );
            assert_eq!(
                phrase_findings(&fixed),
                before,
                "the line {line:?} trips a phrase rule"
            );
        }
    }
}

#[test]
fn without_facts_the_placeholders_are_flagged_until_filled() {
    let text = format!("---\nrecipient: Tobias Lindqvist\n---\n{BODY}");
    let options = LintOptions::default();
    let draft = Draft::new(&text, Format::Markdown, &options);
    let fixes = context_line_fixes(&draft);
    assert_eq!(fixes.len(), PLACEHOLDER_LINES.len());
    for fix in &fixes {
        assert!(
            fix.title.starts_with("Insert a context line to fill in"),
            "{}",
            fix.title
        );
        let (fixed, _) = apply_edits(&text, &fix.edits);
        let report = lint(&fixed, Format::Markdown, &RuleSet::builtin(), &options);
        let inserted_at = fix.edits[0].start;
        let line = fix.edits[0].replacement.as_str();
        let mut search = 0;
        while let Some(open) = line[search..].find('[') {
            let start = inserted_at + search + open;
            let close = line[search + open..]
                .find(']')
                .map_or(line.len(), |c| search + open + c + 1);
            let end = inserted_at + close;
            assert!(
                report.findings.iter().any(|f| f.category == "placeholder"
                    && f.range.start <= start
                    && end <= f.range.end),
                "{:?} is not flagged as a placeholder: {:#?}",
                &fixed[start..end],
                report.findings
            );
            search = close;
        }
    }
    // Filled in, the line is clean.
    let filled = fixes[0].edits[0]
        .replacement
        .replace("[where we met]", "PyCon US")
        .replace("[the specific detail]", "your point about retry budgets");
    let fixed = format!(
        "{}{}{}",
        &text[..fixes[0].edits[0].start],
        filled,
        &text[fixes[0].edits[0].start..]
    );
    let report = lint(&fixed, Format::Markdown, &RuleSet::builtin(), &options);
    assert!(
        !report.findings.iter().any(|f| f.category == "placeholder"),
        "{:#?}",
        report.findings
    );
}

#[test]
fn lines_copy_the_writers_voice() {
    let text = "---\nmet_at: the Porto Postgres day\n---\nhey tomás,\n\ni'm rebuilding our slot alarms this week. it's mostly your idea, honestly. we're on pg 16 now.\n\nana\n";
    let options = LintOptions::default();
    let draft = Draft::new(text, Format::Markdown, &options);
    let lines = context_lines(&draft);
    assert_eq!(lines[0].0, "we met at the Porto Postgres day.");
    assert!(
        lines
            .iter()
            .all(|(l, _)| !l.starts_with(char::is_uppercase)),
        "{lines:?}"
    );
    let curly = "---\nreason: the grant they won\n---\nHi Gloria,\n\nI’m applying next round and it’s due in May.\n";
    let draft = Draft::new(curly, Format::Markdown, &options);
    assert_eq!(
        context_lines(&draft)[0].0,
        "I’m writing about the grant you won."
    );
}

#[test]
fn every_alias_and_personalisation_rule_is_documented() {
    let doc = include_str!("../docs/front-matter.md");
    for (canonical, aliases) in ALIASES {
        assert!(
            doc.contains(&format!("`{canonical}`")),
            "{canonical} is documented"
        );
        for alias in *aliases {
            assert!(
                doc.contains(&format!("`{alias}`")),
                "alias {alias} of {canonical} is documented"
            );
        }
    }
    let rules = RuleSet::builtin();
    for id in ids::ALL {
        let rule = rules
            .get(id)
            .unwrap_or_else(|| panic!("{id} has a rule record"));
        assert_eq!(rule.spec.kind, RuleKind::Document, "{id}");
        assert!(
            !rule.spec.explanation.trim().is_empty() && !rule.spec.hint.trim().is_empty(),
            "{id}"
        );
        assert!(
            doc.contains(&format!("`{id}`")),
            "{id} is documented in docs/front-matter.md"
        );
    }
}
