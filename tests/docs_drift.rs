//! Docs stay in step with the rule registry: `docs/rules.md` and the README's rule table are
//! exactly what the registry renders. Run with `UPDATE_DOCS=1` to rewrite them.

use std::path::Path;

use outreach_lint::cli::docs;
use outreach_lint::RuleSet;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn rule_reference_matches_registry() {
    let expected = docs::reference(&RuleSet::builtin());
    let path = root().join("docs/rules.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).expect("write docs/rules.md");
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is stale: run `UPDATE_DOCS=1 cargo test --test docs_drift`"
    );
}

#[test]
fn readme_rule_table_matches_registry() {
    let table = docs::readme_table(&RuleSet::builtin());
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let start = readme
        .find(START)
        .expect("README has the rules:start marker")
        + START.len();
    let end = readme.find(END).expect("README has the rules:end marker");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(&path, updated).expect("write README.md");
        return;
    }
    assert!(
        readme[start..end] == table,
        "README rule table is stale: run `UPDATE_DOCS=1 cargo test --test docs_drift`"
    );
}

#[test]
fn every_rule_id_in_docs_exists() {
    let rules = RuleSet::builtin();
    let docs = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    for line in docs.lines().filter_map(|l| l.strip_prefix("## ")) {
        assert!(
            rules.get(line.trim()).is_some(),
            "docs/rules.md documents unknown rule {line}"
        );
    }
}
