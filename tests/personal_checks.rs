//! The personalisation checks on realistic drafts and templates: each fires where it
//! should, says why in its message, offers the right fix, and stays quiet on clean personal
//! drafts (including every clean personal draft of the labelled corpus).

use std::path::Path;

use outreach_lint::fix::apply_edits;
use outreach_lint::personal::ids;
use outreach_lint::{lint, Finding, Format, LintOptions, LintReport, RuleSet};

/// A clean personal note (the same as `examples/drafts/personal-after-meetup.md`).
const MEETUP: &str = "---\nrecipient: Tomás Oliveira\nchannel: linkedin-note\nmet_at: the Porto Postgres day\ntheir_work: your talk on logical replication slots\n---\nHi Tomás,\n\nWe spoke after your talk at the Porto Postgres day, the one where the replication slot filled\nthe disk during the live demo. Your fix (a `max_slot_wal_keep_size` alarm) is now in our runbook.\nCould I ask you two questions about slot monitoring by email?\n\nAna\n";

fn check(text: &str) -> LintReport {
    lint(
        text,
        Format::Markdown,
        &RuleSet::builtin(),
        &LintOptions::default(),
    )
}

#[track_caller]
fn only<'a>(report: &'a LintReport, rule: &str) -> &'a Finding {
    let found: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {rule}, got {:#?}",
        report.findings
    );
    found[0]
}

#[track_caller]
fn none_of(report: &LintReport, rules: &[&str]) {
    let hits: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| rules.contains(&f.rule.as_str()))
        .collect();
    assert!(hits.is_empty(), "unexpected: {hits:#?}");
}

fn apply_first_fix(text: &str, finding: &Finding) -> String {
    apply_edits(text, &finding.fixes[0].edits).0
}

// ---------------------------------------------------------------- unused-context

const UNUSED: &str = "---
recipient: Noor Haddad
company: Tidewater
channel: email
met_at: RustConf 2026, the async trait hallway session
---
Hi Noor,

I work on the billing team at a logistics company, and I am rebuilding our retry logic this quarter.

Would you be open to a short exchange about how Tidewater handles idempotency?

Best,
Jordan
";

#[test]
fn unused_context_names_the_fact_and_inserts_a_line_from_it() {
    let report = check(UNUSED);
    let f = only(&report, ids::UNUSED_CONTEXT);
    assert_eq!(f.category, "missing_context");
    assert!(
        f.message.contains("met_at") && f.message.contains("RustConf 2026"),
        "{}",
        f.message
    );
    assert_eq!(&UNUSED[f.range.clone()], "Hi Noor,");
    assert!(f.fixes.len() >= 2, "several variants: {:#?}", f.fixes);
    assert!(f.fixes[0].preferred && !f.fixes[0].safe);
    for fix in &f.fixes {
        let inserted = &fix.edits[0].replacement;
        assert!(
            inserted.contains("RustConf 2026"),
            "built from the fact: {inserted:?}"
        );
        assert!(
            !inserted.contains('['),
            "no placeholders when facts exist: {inserted:?}"
        );
    }
    let fixed = apply_first_fix(UNUSED, f);
    assert!(
        fixed.contains(
            "Hi Noor,\n\nWe met at RustConf 2026, the async trait hallway session.\n\nI work on"
        ),
        "{fixed}"
    );
    let after = check(&fixed);
    none_of(&after, &[ids::UNUSED_CONTEXT]);
    assert!(after.score.as_ref().map(|s| s.value) > report.score.as_ref().map(|s| s.value));
}

#[test]
fn mentions_are_matched_by_word_tolerant_of_inflection_case_and_accents() {
    for (front, body) in [
        (
            "their_work: talk on retry budgets",
            "We hit the same wall: your per-tenant retry budget idea is exactly what we need.",
        ),
        (
            "met_at: the Porto Postgres Day",
            "It was good to meet at the porto postgres day last spring.",
        ),
        (
            "mutual: Tomás Ribeiro",
            "Tomas Ribeiro said you rebuilt the importer in a weekend.",
        ),
        (
            "reason: the cold-storage grant they won",
            "Congratulations on the cold storage grants for the pantry network.",
        ),
        (
            "met_at: PyCon US 2024, hallway after the async track",
            "Following up on our chat at PyCon about retries.",
        ),
    ] {
        let text = format!("---\nrecipient: Ana Souza\n{front}\n---\nHi Ana,\n\n{body}\n\nCould I ask you two questions about it?\n\nLena\n");
        none_of(&check(&text), &[ids::UNUSED_CONTEXT]);
    }
}

#[test]
fn unused_context_lists_every_unused_fact_and_skips_templates() {
    let text = "---\nrecipient: Ji-ho Park\nmet_at: KubeCon EU\nmutual: Priya Raman\n---\nHi Ji-ho,\n\nI lead platform at a fintech and we are hiring. Are you open to a chat?\n";
    let f = only(&check(text), ids::UNUSED_CONTEXT).clone();
    assert!(
        f.message.contains("met_at") && f.message.contains("mutual"),
        "{}",
        f.message
    );
    let texts: Vec<&str> = f
        .fixes
        .iter()
        .map(|x| x.edits[0].replacement.as_str())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("KubeCon EU"))
            && texts.iter().any(|t| t.contains("Priya Raman")),
        "{texts:?}"
    );
    let template = text.replace("---\nHi", "template: true\n---\nHi");
    none_of(&check(&template), &[ids::UNUSED_CONTEXT]);
}

// ---------------------------------------------------------------- greeting and names

#[test]
fn greeting_spelling_differs_from_the_recipient() {
    let text = "---\nrecipient: Sara Lindqvist\n---\nHi Sarah,\n\nYour talk on retry budgets at PyCon changed our rollout plan.\n";
    let report = check(text);
    let f = only(&report, ids::GREETING_MISMATCH);
    assert!(
        f.message.contains("Sarah") && f.message.contains("Sara"),
        "{}",
        f.message
    );
    assert_eq!(&text[f.range.clone()], "Sarah");
    assert!(f.fixes[0].safe && f.fixes[0].preferred);
    let fixed = apply_first_fix(text, f);
    assert!(fixed.contains("Hi Sara,\n"));
    none_of(&check(&fixed), &[ids::GREETING_MISMATCH]);
}

#[test]
fn greeting_to_someone_else_entirely() {
    let text = "---\nrecipient: Tomás Oliveira\n---\nHi Priya,\n\nYour talk at the Porto Postgres day is now in our runbook.\n";
    let f = only(&check(text), ids::GREETING_MISMATCH).clone();
    assert!(
        f.message.contains("Priya") && f.message.contains("Tomás Oliveira"),
        "{}",
        f.message
    );
    assert_eq!(apply_first_fix(text, &f).lines().nth(3), Some("Hi Tomás,"));
}

#[test]
fn greetings_that_match_stay_clean() {
    for (recipient, greeting) in [
        ("Dr. Maren Solberg", "Dear Dr. Solberg,"),
        ("Alexandra Chen", "Hi Alex,"),
        ("Robert Kim", "Hi Bob,"),
        ("Patrice Holloway, MSN, RN", "Hi Patrice,"),
        ("zoë park", "hi Zoë,"),
        ("Sara Lindqvist", "Hi there,"),
        ("Sara Lindqvist", "Hi {{first_name}},"),
    ] {
        let text = format!("---\nrecipient: {recipient}\n---\n{greeting}\n\nYour paper on no-show rates after the telehealth rollout was useful.\n");
        none_of(&check(&text), &[ids::GREETING_MISMATCH]);
    }
}

#[test]
fn a_name_left_from_the_draft_this_was_copied_from() {
    let text = "---\nrecipient: Tomás Oliveira\nsender: Ana Reis\n---\nHi Tomás,\n\nYour fix for the replication slot alarm is now in our runbook. Thanks again for the pointer, Priya!\n\nCould I ask two questions about slot monitoring?\n\nAna\n";
    let report = check(text);
    let f = only(&report, ids::LEFTOVER_NAME);
    assert_eq!(&text[f.range.clone()], "Priya");
    assert!(f.message.contains("Tomás Oliveira"), "{}", f.message);
    assert_eq!(f.fixes[0].edits[0].replacement, "Tomás");
}

#[test]
fn a_company_left_from_an_earlier_draft() {
    let text = "---\nrecipient: Wanjiru Kamau\ncompany: Safaricom\n---\nHi Wanjiru,\n\nI love what your team at Acme is doing with the public latency dashboard for M-Pesa.\n";
    let f = only(&check(text), ids::LEFTOVER_NAME).clone();
    assert_eq!(&text[f.range.clone()], "Acme");
    assert!(f.message.contains("Safaricom"), "{}", f.message);
    let same = text.replace("Acme", "Safaricom");
    none_of(&check(&same), &[ids::LEFTOVER_NAME]);
}

#[test]
fn names_that_belong_stay_clean() {
    for body in [
        // Sign-off with the sender's name.
        "Your talk on retries helped a lot.\n\nThanks,\nLena",
        // A place after a place.
        "We met at the meetup in Porto, Portugal. Your demo of slot alarms stuck with me.",
        // A region after a word for a place.
        "I farm in Barmer district, Rajasthan. Your demo of slot alarms stuck with me.",
        // The mutual contact from the front matter.
        "Your talk on retries helped. Thanks for the intro, James!",
        // An event, not an employer.
        "I watched your talk at RustConf about async traits.",
        // The recipient's own name, used again.
        "Great to hear from you again, Tobias! Your retry budget post helped.",
        // An ordinal that opens a sentence.
        "First, thank you for releasing the retry budget code.",
        // A name inside quoted speech addresses someone else.
        "Thanks for the lift after T-ball. Coach Maria yelling “touch base, Ari!” every single inning is going to be my ringtone now.",
        "Thanks for the lift. The coach kept yelling \"nice swing, Ari!\" every single inning.",
        // The last item of a list in brackets.
        "Fennec has posted a Credit Analyst role (direct lending, London).",
    ] {
        let text = format!("---\nrecipient: Tobias Lindqvist\ncompany: Fennec\nmutual: James Whitfield\n---\nHi Tobias,\n\n{body}\n");
        none_of(&check(&text), &[ids::LEFTOVER_NAME]);
    }
}

// ---------------------------------------------------------------- pitch in a note

#[test]
fn a_connection_request_that_pitches() {
    let text = "---\nrecipient: Inês Carvalho\nchannel: linkedin-note\nmet_at: Web Summit Lisbon\n---\nHi Inês, great meeting you at Web Summit Lisbon. Our platform cuts reporting time in half. Happy to book a quick demo and share our pricing.\n";
    let report = check(text);
    let pitches: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.rule == ids::PITCH_IN_NOTE)
        .collect();
    assert_eq!(pitches.len(), 2, "one per pitching sentence: {pitches:#?}");
    assert!(
        pitches[0].message.contains("Our platform"),
        "{}",
        pitches[0].message
    );
    // The same text as an email is not a connection request.
    none_of(
        &check(&text.replace("linkedin-note", "email")),
        &[ids::PITCH_IN_NOTE],
    );
    // A live demo in someone's talk is not a pitch.
    let talk = "---\nchannel: linkedin-note\n---\nHi Tomás, we spoke after your talk at the Porto Postgres day, where the slot filled the disk during the live demo. Our platform team now alarms on it.\n";
    none_of(&check(talk), &[ids::PITCH_IN_NOTE]);
}

// ---------------------------------------------------------------- focus

#[test]
fn sender_focus_is_info_with_counts() {
    let text = "---\nchannel: email\n---\nHi Dana,\n\nI run growth at Corvid in Austin. We have grown our pipeline 3x since March. Our team of six ships weekly and we just closed two enterprise pilots. I am building a small advisory circle this quarter.\n\nBest,\nMorgan\n";
    let report = check(text);
    let f = only(&report, ids::SENDER_FOCUS);
    assert_eq!(f.severity.as_str(), "info");
    assert!(f.message.contains("4 of 4"), "{}", f.message);
    assert!(f.message.contains("you/your \u{00d7}0"), "{}", f.message);
}

#[test]
fn a_short_self_introduction_with_a_question_is_fine() {
    let text = "Dear Ms. Okonjo,\n\nI'm an undergraduate at Howard writing my senior thesis on the 1968 Poor People's Campaign. I'd love to see the Box 14 folder in person.\n\nCould I book the reading room on Friday 21 March, from 10:00? I've read the handling rules.\n\nThank you,\nKamala Reid\n";
    none_of(&check(text), &[ids::SENDER_FOCUS]);
}

#[test]
fn a_sentence_naming_their_work_from_the_front_matter_is_about_them() {
    let body = "Hi Clara, a small heads-up about issue 12 of Drawings from Porto, which went out this morning. The greeting printed the raw merge tag for me, and two colleagues here got the same. I suspect the template was switched to another syntax last week. We have pinned the cork section up in the studio since.\n";
    let known = format!(
        "---\nchannel: email\ntheir_work: studio newsletter Drawings from Porto, issue 12\n---\n{body}"
    );
    none_of(&check(&known), &[ids::SENDER_FOCUS]);
    // Without the front matter nothing says the newsletter is theirs.
    let unknown = format!("---\nchannel: email\n---\n{body}");
    only(&check(&unknown), ids::SENDER_FOCUS);
}

// ---------------------------------------------------------------- templates

const NAME_ONLY: &str = "---
template: true
channel: email
fields: [first_name, company]
---
Hi {{first_name}},

We help teams like {{company}} ship reports faster. Would a short call next week work?

Best,
{{sender_name}}
";

#[test]
fn a_template_personalised_only_by_name_and_company() {
    let report = check(NAME_ONLY);
    let f = only(&report, ids::NAME_ONLY);
    assert!(
        f.message.contains("{{first_name}}") && f.message.contains("{{company}}"),
        "{}",
        f.message
    );
    assert!(
        !f.message.contains("sender_name"),
        "sender fields do not count: {}",
        f.message
    );
    assert_eq!(&NAME_ONLY[f.range.clone()], "{{first_name}}");
    let fixed = apply_first_fix(NAME_ONLY, f);
    assert!(
        fixed.contains("fields: [first_name, company, met_at]"),
        "declares the new field: {fixed}"
    );
    assert!(
        fixed.contains("Hi {{first_name}},\n\nWe met at {{met_at}}.\n\n"),
        "{fixed}"
    );
    none_of(&check(&fixed), &[ids::NAME_ONLY]);
    assert!(report.score.is_none(), "templates are not scored");
}

#[test]
fn undeclared_fields_get_the_closest_declared_name() {
    let text = "---\ntemplate: true\nfields: [first_name, recent_post]\n---\nHi {{frist_name}},\n\nYour {{recent_post}} was the clearest write-up of the bug I have seen.\n";
    let report = check(text);
    let f = only(&report, ids::UNDECLARED_FIELD);
    assert_eq!(&text[f.range.clone()], "{{frist_name}}");
    assert!(
        f.message.contains("first_name, recent_post"),
        "{}",
        f.message
    );
    assert_eq!(f.fixes[0].title, "Use the declared field {{first_name}}");
    assert!(f.fixes[0].preferred);
    let fixed = apply_first_fix(text, f);
    assert!(fixed.contains("Hi {{first_name}},"));
    none_of(&check(&fixed), &[ids::UNDECLARED_FIELD]);
    // Declaring it instead, in a block list.
    let block = "---\ntemplate: true\nfields:\n  - first_name\n---\nHi {{first_name}}, loved {{recent_post}}.\n";
    let f = only(&check(block), ids::UNDECLARED_FIELD).clone();
    let declare = f
        .fixes
        .iter()
        .find(|x| x.title.starts_with("Declare"))
        .expect("declare fix");
    let fixed = apply_edits(block, &declare.edits).0;
    assert!(
        fixed.contains("fields:\n  - first_name\n  - recent_post\n"),
        "{fixed}"
    );
    none_of(&check(&fixed), &[ids::UNDECLARED_FIELD]);
}

#[test]
fn generic_fallbacks_are_flagged_in_every_syntax() {
    for (field, reads) in [
        (r#"{{first_name|default:"there"}}"#, "Hi there,"),
        (r#"{{ first_name | default: "friend" }}"#, "Hi friend,"),
        (r#"{{ first_name or "there" }}"#, "Hi there,"),
    ] {
        let text = format!("---\ntemplate: true\n---\nHi {field},\n\nWe met at {{{{met_at}}}} and I keep thinking about it.\n");
        let report = check(&text);
        let f = only(&report, ids::GENERIC_FALLBACK);
        assert_eq!(&text[f.range.clone()], field);
        assert!(f.message.contains(reads), "{}", f.message);
        let fixed = apply_first_fix(&text, f);
        none_of(&check(&fixed), &[ids::GENERIC_FALLBACK]);
    }
    let company = "---\ntemplate: true\n---\nHi {{first_name}},\n\nI noticed {{company|default:\"your company\"}} is hiring for {{role}} after {{recent_post}}.\n";
    only(&check(company), ids::GENERIC_FALLBACK);
    let fine = "---\ntemplate: true\n---\nHi {{first_name|default:\"Sam\"}},\n\nYour {{recent_post}} helped.\n";
    none_of(&check(fine), &[ids::GENERIC_FALLBACK]);
    // A fallback written as an else branch.
    for text in [
        "---\ntemplate: true\n---\n{% if first_name %}Hi {{first_name}},{% else %}Hi there,{% endif %}\n\nYour {{recent_post}} helped.\n",
        "---\ntemplate: true\n---\nHi {{#if first_name}}{{first_name}}{{else}}friend{{/if}},\n\nYour {{recent_post}} helped.\n",
    ] {
        let report = check(text);
        let f = only(&report, ids::GENERIC_FALLBACK);
        assert!(matches!(&text[f.range.clone()], "Hi there," | "friend"), "{:?}", &text[f.range.clone()]);
    }
}

// ---------------------------------------------------------------- clean drafts stay clean

const PERSONAL_RULES: &[&str] = ids::ALL;

#[test]
fn clean_personal_drafts_stay_clean() {
    for text in [
        MEETUP,
        "---\nrecipient: Tobias Lindqvist\nchannel: linkedin-message\nmet_at: PyCon US 2024, hallway after the async track\ntheir_work: talk on retry budgets\n---\nHi Tobias,\n\nFollowing up on our chat at PyCon about retries: you mentioned that full jitter alone wasn't enough once your webhook fan-out passed ~40k deliveries a minute.\n\nDid the budget live in the sender, or in a shared Redis counter?\n\nLena\n",
        "---\nrecipient: Gloria Estrada\ncompany: Second Harvest Valley\nchannel: email\nmutual: Pastor James Whitfield\nreason: cold-storage grant they won\n---\nDear Gloria,\n\nPastor James Whitfield told me your pantry won the county cold-storage grant this spring. We are applying in the next round. Would you share how you framed the refrigeration budget?\n\nThank you,\nMarisol\n",
        "hey priya, congrats on shipping the tokio broadcast fix, the waker leak writeup was great. i'm hitting the same thing in our fan-out service. could i send you the repro?\n",
        "---\nrecipient: Joan Albright\n---\nDear Mrs. Albright,\n\nThank you for your gift of $250 in memory of your mother, Ruth.\n\nPaula\n",
    ] {
        let report = check(text);
        none_of(&report, PERSONAL_RULES);
    }
}

#[test]
fn no_clean_personal_corpus_draft_is_flagged_by_a_personalisation_check() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let path = entry.expect("entry").path();
        let Some(format) = Format::from_path(&path) else {
            continue;
        };
        let raw = std::fs::read_to_string(&path).expect("utf-8");
        let Some((header, body)) = raw.split_once('\n') else {
            continue;
        };
        if !header.contains("kind=personal") {
            continue;
        }
        let report = lint(body, format, &RuleSet::builtin(), &LintOptions::default());
        let hits: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| PERSONAL_RULES.contains(&f.rule.as_str()))
            .collect();
        assert!(hits.is_empty(), "{}: {hits:#?}", path.display());
        checked += 1;
    }
    assert!(
        checked >= 50,
        "the corpus has its personal drafts ({checked})"
    );
}
