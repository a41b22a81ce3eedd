//! Every rule's own examples, generated from the rule pack: each `bad` example must fire its
//! rule, and no `good` example may fire any phrase rule. Document rules are checked against
//! whole drafts in their own tests, since a lone sentence is not a draft.

use outreach_lint::rules::RuleKind;
use outreach_lint::{lint, Format, LintOptions, RuleSet};

fn phrase_options(rules: &RuleSet) -> LintOptions {
    let mut options = LintOptions::default();
    for rule in rules.rules() {
        if rule.spec.kind == RuleKind::Document {
            options.ignore.insert(rule.spec.id.clone());
        }
    }
    options
}

#[test]
fn bad_examples_fire_their_rule() {
    let rules = RuleSet::builtin();
    let options = phrase_options(&rules);
    let mut failures = Vec::new();
    for rule in rules.rules() {
        for example in &rule.spec.examples.bad {
            for format in [Format::PlainText, Format::Markdown] {
                let report = lint(example, format, &rules, &options);
                if !report.findings.iter().any(|f| f.rule == rule.spec.id) {
                    let got: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
                    failures.push(format!(
                        "{} ({format:?}) did not fire on {example:?}; got {got:?}",
                        rule.spec.id
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn good_examples_fire_nothing() {
    let rules = RuleSet::builtin();
    let options = phrase_options(&rules);
    let mut failures = Vec::new();
    for rule in rules.rules() {
        for example in &rule.spec.examples.good {
            for format in [Format::PlainText, Format::Markdown] {
                let report = lint(example, format, &rules, &options);
                for f in &report.findings {
                    failures.push(format!(
                        "good example of {} fired {} ({format:?}) on {:?}: {example:?}",
                        rule.spec.id,
                        f.rule,
                        &example[f.range.clone()]
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_phrase_rule_has_examples_and_text() {
    let rules = RuleSet::builtin();
    assert!(rules.rules().len() >= 30, "the built-in pack has its rules");
    for rule in rules.rules() {
        let spec = &rule.spec;
        assert!(
            !spec.explanation.trim().is_empty(),
            "{} has an explanation",
            spec.id
        );
        assert!(!spec.hint.trim().is_empty(), "{} has a hint", spec.id);
        if spec.kind == RuleKind::Phrase {
            assert!(spec.examples.bad.len() >= 2, "{} has bad examples", spec.id);
            assert!(
                spec.examples.good.len() >= 2,
                "{} has good examples",
                spec.id
            );
        }
    }
}
