//! The rule model: rule records as data (the built-in pack embedded from
//! `rules/builtin/*.toml`, plus custom rules from a config file), their validation, and the
//! compiled form the linter runs. Phrase rules are matched by `matcher`; document rules are
//! checks in `document` that take their text (message, explanation) from the same records.

pub mod builtin;
pub mod document;
pub mod evidence;
mod evidence_sources;
pub mod interchangeable;
pub mod matcher;
pub mod opening;
pub mod pattern;
pub mod sentences;

use serde::{Deserialize, Serialize};
use thiserror::Error;

pub use matcher::{CompiledRule, RuleSet};

/// How serious a finding is. Ordered: `Hint < Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A suggestion only.
    Hint,
    /// Worth knowing.
    Info,
    /// Should be fixed before sending.
    #[default]
    Warning,
    /// Must be fixed before sending.
    Error,
}

impl Severity {
    /// The lower-case name used in output and config.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parse a lower-case name.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "hint" => Some(Severity::Hint),
            "info" | "information" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// Whether a rule is driven by patterns or is a check in code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// Matched by its patterns and context conditions.
    #[default]
    Phrase,
    /// A document-level check implemented in code.
    Document,
}

/// Example sentences that a generated test checks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Each must fire the rule.
    #[serde(default)]
    pub bad: Vec<String>,
    /// None may fire any rule.
    #[serde(default)]
    pub good: Vec<String>,
}

fn yes() -> bool {
    true
}

/// One rule record, as written in a rule file or a config file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// Stable kebab-case id.
    pub id: String,
    /// Category (part of the output contract).
    pub category: String,
    /// Default severity.
    #[serde(default)]
    pub severity: Severity,
    /// Phrase or document rule.
    #[serde(default)]
    pub kind: RuleKind,
    /// One-line message.
    pub message: String,
    /// One-line hint: what to write instead.
    #[serde(default)]
    pub hint: String,
    /// Markdown explanation (hover, `explain`).
    #[serde(default)]
    pub explanation: String,
    /// Phrase patterns.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// Replacement suggestions.
    #[serde(default)]
    pub suggestions: Vec<String>,
    /// Offer a fix that removes the phrase.
    #[serde(default = "yes")]
    pub removable: bool,
    /// Skip when the sentence matches any of these.
    #[serde(default)]
    pub unless_sentence: Vec<String>,
    /// Skip when the rest of the sentence after the match matches any of these.
    #[serde(default)]
    pub unless_followed_by: Vec<String>,
    /// Skip when the sentence before the match matches any of these.
    #[serde(default)]
    pub unless_preceded_by: Vec<String>,
    /// Fire only when the sentence matches one of these.
    #[serde(default)]
    pub requires_sentence: Vec<String>,
    /// Skip when the sentence before the match's sentence, in the same paragraph, matches
    /// any of these ("Would Tuesday work? Let me know what suits you.").
    #[serde(default)]
    pub unless_previous_sentence: Vec<String>,
    /// Skip when the sentence after the match's sentence, in the same paragraph, matches any
    /// of these ("Happy to jump on a call. I'd want to go through the two peering sessions.").
    #[serde(default)]
    pub unless_next_sentence: Vec<String>,
    /// Skip when the sentence carries a specific detail, or the next sentence of the
    /// paragraph names their work, a shared past or a mutual contact.
    #[serde(default)]
    pub unless_specific: bool,
    /// With `unless_specific`, only the match's own sentence counts: "Your profile is really
    /// impressive! I read your post on..." is praise with nothing in it, whatever follows.
    #[serde(default)]
    pub specific_in_own_sentence: bool,
    /// Skip when the next sentence of the paragraph is a question with a specific detail
    /// ("Hope you're well. Did the ewe we sectioned on Saturday pull through?").
    #[serde(default)]
    pub unless_specific_question_follows: bool,
    /// Skip when the ask names its length ("20 minutes") and the sentence before, in the same
    /// paragraph or the one just above, is a question to the reader with a specific detail:
    /// the call asked for after "Did your Manhattan setup handle zone assignment?" is for
    /// that question. An open-ended "hop on a call sometime" after it is still flagged.
    #[serde(default)]
    pub unless_sized_ask_after_question: bool,
    /// Skip when the next sentence or two of the paragraph, counting only those said to the
    /// reader, carry two kinds of detail: "Congrats on the new role! Director of Digital Collections at the
    /// Newberry is a big job after what you did with the 1919 digitisation."
    #[serde(default)]
    pub unless_detail_follows: bool,
    /// Skip when the draft as a whole gives a reason tied to the reader (what `missing-context`
    /// looks for): "well deserved" after a congratulation that names the work.
    #[serde(default)]
    pub unless_reader_reason: bool,
    /// Skip when it is the draft's only phrase finding, the draft gives a reason tied to the
    /// reader, and its own sentence, the one before it or the one after it in the paragraph
    /// holds a detail about the reader: a lone "thank you in advance" or "out of the blue" in a note built
    /// on their work is courtesy, not a form letter. "Would you be up for a virtual coffee
    /// sometime?" alone in its paragraph, after the specific part, is still flagged.
    #[serde(default)]
    pub unless_alone_near_reader_detail: bool,
    /// Once one use of the phrase in the draft is excused by a sense condition
    /// (`unless_sentence`, `unless_followed_by`, `unless_preceded_by`,
    /// `unless_previous_sentence`, `unless_next_sentence`), excuse every use: a draft that
    /// speaks of "Bliss synergy" means the measured effect when it later says "synergy
    /// prediction drops".
    #[serde(default)]
    pub literal_sense_carries: bool,
    /// Never fire inside a heading or subject line.
    #[serde(default)]
    pub skip_headings: bool,
    /// Example sentences.
    #[serde(default)]
    pub examples: Examples,
}

/// A file of rule records.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// The records.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
}

/// A rule that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleError {
    /// A pattern or condition did not compile.
    #[error("rule `{rule}`: {source}")]
    Pattern {
        /// The rule id.
        rule: String,
        /// The pattern problem.
        source: pattern::PatternError,
    },
    /// The compiled expression is invalid or too large.
    #[error("rule `{rule}`: pattern `{pattern}` does not compile: {reason}")]
    Regex {
        /// The rule id.
        rule: String,
        /// The pattern as written.
        pattern: String,
        /// The regex engine's reason.
        reason: String,
    },
    /// The record itself is wrong.
    #[error("rule `{rule}`: {reason}")]
    Invalid {
        /// The rule id.
        rule: String,
        /// What is wrong.
        reason: String,
    },
}

impl RuleSpec {
    /// Check what the schema cannot: id shape, and that phrase rules have patterns.
    pub fn validate(&self) -> Result<(), RuleError> {
        let invalid = |reason: &str| RuleError::Invalid {
            rule: self.id.clone(),
            reason: reason.to_string(),
        };
        let kebab = !self.id.is_empty()
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !self.id.starts_with('-')
            && !self.id.ends_with('-');
        if !kebab {
            return Err(invalid("the id must be kebab-case (a-z, 0-9 and -)"));
        }
        if self.category.trim().is_empty() {
            return Err(invalid("the category is empty"));
        }
        if self.message.trim().is_empty() {
            return Err(invalid("the message is empty"));
        }
        if self.kind == RuleKind::Phrase && self.patterns.is_empty() {
            return Err(invalid("a phrase rule needs at least one pattern"));
        }
        Ok(())
    }
}
