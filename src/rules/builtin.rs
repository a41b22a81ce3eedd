//! The built-in rule pack: the TOML files of `rules/builtin/`, embedded in the binary at
//! build time and parsed once per process.

use std::sync::OnceLock;

use super::pattern::{Anchor, Translated};
use super::{RuleFile, RuleSpec};

/// The embedded files, by name, in a fixed order.
pub const FILES: &[(&str, &str)] = &[
    (
        "platform_default.toml",
        include_str!("../../rules/builtin/platform_default.toml"),
    ),
    (
        "generic_opener.toml",
        include_str!("../../rules/builtin/generic_opener.toml"),
    ),
    (
        "generic_closer.toml",
        include_str!("../../rules/builtin/generic_closer.toml"),
    ),
    (
        "vague_flattery.toml",
        include_str!("../../rules/builtin/vague_flattery.toml"),
    ),
    (
        "collector.toml",
        include_str!("../../rules/builtin/collector.toml"),
    ),
    (
        "vague_ask.toml",
        include_str!("../../rules/builtin/vague_ask.toml"),
    ),
    (
        "filler.toml",
        include_str!("../../rules/builtin/filler.toml"),
    ),
    (
        "placeholder.toml",
        include_str!("../../rules/builtin/placeholder.toml"),
    ),
    (
        "self_centred.toml",
        include_str!("../../rules/builtin/self_centred.toml"),
    ),
    (
        "document.toml",
        include_str!("../../rules/builtin/document.toml"),
    ),
];

/// A built-in rule's phrase patterns as `build.rs` translated them.
pub(crate) struct PreRule {
    id: &'static str,
    patterns: &'static [PrePattern],
}

/// One pattern translated at build time (see `pattern::Translated`).
pub(crate) struct PrePattern {
    pattern: &'static str,
    source: &'static str,
    anchors: Option<&'static [(&'static str, bool)]>,
    required: &'static [&'static [(&'static str, bool)]],
    crosses_sentences: bool,
}

/// Every built-in phrase pattern, translated by `build.rs`.
static PRETRANSLATED: &[PreRule] = include!(concat!(env!("OUT_DIR"), "/pretranslated.rs"));

/// The build-time translation of pattern `index` of rule `rule`, when its text is `text`:
/// the same result `pattern::translate` gives, without the parse.
pub(crate) fn pretranslated(rule: &str, index: usize, text: &str) -> Option<Translated> {
    let pre = PRETRANSLATED
        .iter()
        .find(|r| r.id == rule)?
        .patterns
        .get(index)
        .filter(|p| p.pattern == text)?;
    let anchor_set = |set: &[(&str, bool)]| -> Vec<Anchor> {
        set.iter()
            .map(|&(text, whole_word)| Anchor {
                text: text.to_string(),
                whole_word,
            })
            .collect()
    };
    Some(Translated {
        source: pre.source.to_string(),
        anchors: pre.anchors.map(anchor_set),
        required: pre.required.iter().map(|set| anchor_set(set)).collect(),
        crosses_sentences: pre.crosses_sentences,
    })
}

/// The built-in rule records. A file that does not parse is a build defect caught by the
/// tests; at run time it is skipped with a message on stderr rather than taking the tool down.
pub fn specs() -> &'static [RuleSpec] {
    static SPECS: OnceLock<Vec<RuleSpec>> = OnceLock::new();
    SPECS.get_or_init(|| {
        let mut all = Vec::new();
        for (name, source) in FILES {
            match parse_file(source) {
                Ok(file) => all.extend(file.rule),
                Err(err) => eprintln!("outreach-lint: built-in rule file {name}: {err}"),
            }
        }
        all
    })
}

/// Parse one rule file.
pub fn parse_file(source: &str) -> Result<RuleFile, toml::de::Error> {
    toml::from_str(source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn build_time_translation_equals_run_time_translation() {
        let mut count = 0;
        for spec in specs() {
            for (i, text) in spec.patterns.iter().enumerate() {
                let pre = pretranslated(&spec.id, i, text).unwrap_or_else(|| {
                    panic!("{}: `{text}` was not translated by build.rs", spec.id)
                });
                let now = crate::rules::pattern::translate(text).expect("built-in pattern");
                assert_eq!(pre.source, now.source, "{}: `{text}`", spec.id);
                assert_eq!(pre.anchors, now.anchors, "{}: `{text}`", spec.id);
                assert_eq!(pre.required, now.required, "{}: `{text}`", spec.id);
                assert_eq!(
                    pre.crosses_sentences, now.crosses_sentences,
                    "{}: `{text}`",
                    spec.id
                );
                count += 1;
            }
        }
        assert!(count > 500, "only {count} patterns compared");
        assert!(pretranslated("collector", 0, "not the pattern text").is_none());
    }

    #[test]
    fn every_builtin_file_parses_and_validates() {
        for (name, source) in FILES {
            let file = parse_file(source).unwrap_or_else(|e| panic!("{name}: {e}"));
            for rule in &file.rule {
                rule.validate().unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }

    /// Start-up skips compiling the pack (its conditions are translated on first use), so
    /// this is where every built-in pattern and condition is translated and compiled.
    #[test]
    fn every_builtin_pattern_and_condition_compiles() {
        if let Err(errors) = crate::rules::RuleSet::compile(specs().to_vec()) {
            panic!("built-in rules do not compile: {errors:?}");
        }
    }

    #[test]
    fn ids_are_unique() {
        let mut seen = HashSet::new();
        for rule in specs() {
            assert!(seen.insert(rule.id.clone()), "duplicate id {}", rule.id);
        }
    }
}
