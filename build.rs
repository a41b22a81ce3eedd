//! Build script: translates the built-in rule pack's phrase patterns ahead of time. The
//! translation (regex source plus the prefilter's anchor words) is the same code the binary
//! runs for custom rules (`src/rules/pattern.rs`, included here), so a built-in pattern costs
//! nothing at start-up but a table lookup. It also parses every built-in phrase and condition
//! regex, and the evidence checks' constant regexes (`src/rules/evidence_sources.rs`), into the
//! byte form of `src/text/hirpack.rs`, with the binary's own narrowing and case spelling, so
//! the binary only compiles the automata.

use std::fmt::Write as _;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/rules/pattern.rs"]
mod pattern;

#[allow(dead_code)]
#[path = "src/text/casefold.rs"]
mod casefold;

#[allow(dead_code)]
#[path = "src/text/hirpack.rs"]
mod hirpack;

#[allow(dead_code)]
#[path = "src/text/wordclass.rs"]
mod wordclass;

#[allow(dead_code)]
#[path = "src/rules/evidence_sources.rs"]
mod evidence_sources;

/// The rule fields that hold condition patterns, compiled like phrase patterns.
const CONDITION_KEYS: &[&str] = &[
    "unless_sentence",
    "unless_followed_by",
    "unless_preceded_by",
    "requires_sentence",
    "unless_previous_sentence",
    "unless_next_sentence",
];

fn main() {
    println!("cargo:rerun-if-changed=rules/builtin");
    for shared in [
        "src/rules/pattern.rs",
        "src/text/casefold.rs",
        "src/text/hirpack.rs",
        "src/text/wordclass.rs",
        "src/rules/evidence_sources.rs",
    ] {
        println!("cargo:rerun-if-changed={shared}");
    }
    let mut files: Vec<_> = std::fs::read_dir("rules/builtin")
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    let mut out = String::from("&[\n");
    let mut parsed = Vec::new();
    for file in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        println!("cargo:rerun-if-changed={}", file.display());
        emit_file(file, &mut out, &mut parsed);
    }
    out.push_str("]\n");
    for source in evidence_sources::all() {
        add_parsed(&evidence_sources::prepare(&source), &mut parsed);
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    write(
        &Path::new(&out_dir).join("pretranslated.rs"),
        out.as_bytes(),
    );
    write(
        &Path::new(&out_dir).join("prebuilt_hir.bin"),
        &hirpack::write_table(parsed),
    );
}

fn write(dest: &Path, bytes: &[u8]) {
    if let Err(err) = std::fs::write(dest, bytes) {
        panic!("cannot write {}: {err}", dest.display());
    }
}

/// Record the parsed form of a regex source as the binary would compile it: `\w` narrowed,
/// case-insensitive parts spelled out (`text::lean::build_folded`). A source the rewrite does
/// not take is left to the binary.
fn add_parsed(source: &str, parsed: &mut Vec<(String, Vec<u8>)>) {
    let narrowed = wordclass::narrow_word_classes(source);
    if let Some(hir) = casefold::folded_hir(&narrowed) {
        let mut form = Vec::new();
        hirpack::encode(&hir, &mut form);
        parsed.push((narrowed.into_owned(), form));
    }
}

/// Emit one `PreRule` per rule of a file. A file or pattern that does not parse is skipped:
/// the binary then translates it at run time and the rule-pack tests report the defect.
fn emit_file(file: &Path, out: &mut String, parsed: &mut Vec<(String, Vec<u8>)>) {
    let Ok(text) = std::fs::read_to_string(file) else {
        return;
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return;
    };
    let rules = table.get("rule").and_then(|r| r.as_array());
    for rule in rules.into_iter().flatten() {
        for key in CONDITION_KEYS {
            let conditions = rule.get(*key).and_then(|v| v.as_array());
            for text in conditions.into_iter().flatten().filter_map(|p| p.as_str()) {
                if let Ok(source) = pattern::to_regex_source(text) {
                    add_parsed(&source, parsed);
                }
            }
        }
        let (Some(id), Some(patterns)) = (
            rule.get("id").and_then(|v| v.as_str()),
            rule.get("patterns").and_then(|v| v.as_array()),
        ) else {
            continue;
        };
        let _ = writeln!(out, "PreRule {{ id: {id:?}, patterns: &[");
        for text in patterns.iter().filter_map(|p| p.as_str()) {
            emit_pattern(text, out, parsed);
        }
        out.push_str("] },\n");
    }
}

fn emit_pattern(text: &str, out: &mut String, parsed: &mut Vec<(String, Vec<u8>)>) {
    let Ok(t) = pattern::translate(text) else {
        return;
    };
    add_parsed(&t.source, parsed);
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
