//! Personalisation intelligence: the checks that know what a *personal* outreach draft
//! needs. They read the recipient context (front matter) and the draft's own text:
//!
//! - [`unused`]: facts the front matter knows (where you met, their work, a mutual contact,
//!   the reason) that the body never uses (`unused-context`);
//! - [`template`]: mail-merge templates whose only fields are the name or company
//!   (`name-only-personalisation`), fields used but not declared (`undeclared-merge-field`),
//!   fallbacks that turn generic (`generic-fallback`);
//! - [`recipients`]: filling a template per CSV row, linting each result and mapping the
//!   positions back to the template (`empty-merge-value` for gaps);
//! - [`consistency`]: greeting name vs recipient (`greeting-name-mismatch`), names left from
//!   an earlier draft (`leftover-name`), a sales pitch in a connection request
//!   (`pitch-in-connection-request`);
//! - [`focus`]: drafts mostly about the sender (`sender-focus`);
//! - [`lines`]: personalised context lines built from the facts, in the writer's voice;
//! - [`score`]: the 0-100 personalisation score and its signals.
//!
//! Each check takes its message and severity from its rule record in
//! `rules/builtin/document.toml`, so ids, config, directives and `explain` work as for every
//! other rule; a check whose record is missing or disabled does not run.

pub mod consistency;
pub mod focus;
pub mod lines;
pub mod recipients;
pub mod score;
pub mod template;
pub mod unused;
pub mod words;

use crate::lint::{Draft, Finding, LintOptions};
use crate::rules::RuleSet;

/// Stable ids of the personalisation checks.
pub mod ids {
    /// Front-matter facts the body never uses.
    pub const UNUSED_CONTEXT: &str = "unused-context";
    /// Mostly about the sender, nothing about the reader.
    pub const SENDER_FOCUS: &str = "sender-focus";
    /// A template whose only merge fields are name and company.
    pub const NAME_ONLY: &str = "name-only-personalisation";
    /// A merge field used but not in `fields:`.
    pub const UNDECLARED_FIELD: &str = "undeclared-merge-field";
    /// A merge-field fallback that reads as generic ("there", "friend").
    pub const GENERIC_FALLBACK: &str = "generic-fallback";
    /// Greeting name differs from the front-matter recipient.
    pub const GREETING_MISMATCH: &str = "greeting-name-mismatch";
    /// Another person's or company's name left from an earlier draft.
    pub const LEFTOVER_NAME: &str = "leftover-name";
    /// A sales pitch in a LinkedIn connection request.
    pub const PITCH_IN_NOTE: &str = "pitch-in-connection-request";
    /// A merge field with no value for a recipient leaves a gap.
    pub const EMPTY_MERGE_VALUE: &str = "empty-merge-value";

    /// Every id above.
    pub const ALL: &[&str] = &[
        UNUSED_CONTEXT,
        SENDER_FOCUS,
        NAME_ONLY,
        UNDECLARED_FIELD,
        GENERIC_FALLBACK,
        GREETING_MISMATCH,
        LEFTOVER_NAME,
        PITCH_IN_NOTE,
        EMPTY_MERGE_VALUE,
    ];
}

/// Run the personalisation checks that are enabled; called from the document checks.
pub fn run(
    draft: &Draft<'_>,
    rules: &RuleSet,
    options: &LintOptions,
    phrase_findings: &[Finding],
) -> Vec<Finding> {
    let spec = |id: &str| rules.enabled_spec(id, options);
    let mut out = Vec::new();
    if draft.template {
        if let Some(spec) = spec(ids::NAME_ONLY) {
            out.extend(template::name_only(draft, spec));
        }
        if let Some(spec) = spec(ids::UNDECLARED_FIELD) {
            out.extend(template::undeclared(draft, spec));
        }
        if let Some(spec) = spec(ids::GENERIC_FALLBACK) {
            out.extend(template::generic_fallbacks(draft, spec));
        }
    } else {
        if let Some(spec) = spec(ids::UNUSED_CONTEXT) {
            out.extend(unused::check(draft, spec));
        }
        if let Some(spec) = spec(ids::GREETING_MISMATCH) {
            out.extend(consistency::greeting_mismatch(draft, spec));
        }
        if let Some(spec) = spec(ids::LEFTOVER_NAME) {
            out.extend(consistency::leftover_names(draft, spec));
        }
    }
    if let Some(spec) = spec(ids::PITCH_IN_NOTE) {
        out.extend(consistency::pitch_in_note(draft, spec, options));
    }
    if let Some(spec) = spec(ids::SENDER_FOCUS) {
        out.extend(focus::check(draft, spec, phrase_findings));
    }
    out
}

pub(crate) use crate::rules::document::finding;

/// A value shortened for a one-line message.
pub(crate) fn short(value: &str, max_chars: usize) -> String {
    let one_line: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let cut: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
    format!("{}\u{2026}", cut.trim_end())
}

/// Compile a constant regular expression.
pub(crate) fn regex(source: &str) -> crate::text::lean::LeanRegex {
    crate::text::lean::LeanRegex::new(source)
        .unwrap_or_else(|err| panic!("personalisation regex is a constant: {err}"))
}
