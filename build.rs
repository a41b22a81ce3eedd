//! Build script: translates the built-in rule pack's phrase patterns ahead of time. The
//! translation (regex source plus the prefilter's anchor words) is the same code the binary
//! runs for custom rules (`src/rules/pattern.rs`, included here), so a built-in pattern costs
//! nothing at start-up but a table lookup.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/rules/pattern.rs"]
mod pattern;

fn main() {
    println!("cargo:rerun-if-changed=rules/builtin");
    println!("cargo:rerun-if-changed=src/rules/pattern.rs");
    let mut files: Vec<_> = std::fs::read_dir("rules/builtin")
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    for file in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        println!("cargo:rerun-if-changed={}", file.display());
        emit_file(file, &mut out);
    }
    out.push_str("]\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()))
        .join("pretranslated.rs");
    if let Err(err) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {err}", dest.display());
    }
}

/// Emit one `PreRule` per rule of a file. A file or pattern that does not parse is skipped:
/// the binary then translates it at run time and the rule-pack tests report the defect.
fn emit_file(file: &Path, out: &mut String) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    let rules = table.get("rule").and_then(|r| r.as_array());
    for rule in rules.into_iter().flatten() {
        let (Some(id), Some(patterns)) = (
            rule.get("id").and_then(|v| v.as_str()),
            rule.get("patterns").and_then(|v| v.as_array()),
        ) else {
            continue;
        };
        let _ = writeln!(out, "PreRule {{ id: {id:?}, patterns: &[");
        for text in patterns.iter().filter_map(|p| p.as_str()) {
            emit_pattern(text, out);
        }
        out.push_str("] },\n");
    }
}

fn emit_pattern(text: &str, out: &mut String) {
    let Ok(t) = pattern::translate(text) else {
        return;
    };
    let anchors = match &t.anchors {
        Some(set) => format!("Some(&[{}])", anchor_list(set)),
        None => "None".to_string(),
    };
    let required: Vec<String> = t
        .required
        .iter()
        .map(|set| format!("&[{}]", anchor_list(set)))
        .collect();
    let _ = writeln!(
        out,
        "PrePattern {{ pattern: {text:?}, source: {:?}, anchors: {anchors}, required: &[{}], crosses_sentences: {} }},",
        t.source,
        required.join(", "),
        t.crosses_sentences
    );
}

fn anchor_list(set: &[pattern::Anchor]) -> String {
    set.iter()
        .map(|a| format!("({:?}, {})", a.text, a.whole_word))
        .collect::<Vec<_>>()
        .join(", ")
}
