//! `unused-context`: the front matter knows where you met, a piece of their work, a mutual
//! contact or the reason for writing, and the body mentions none of them. Mentions are
//! compared by significant words, tolerant of case, accents and inflection, so "PyCon US
//! 2024, hallway after the async track" is used by "our chat at PyCon" and "talk on retry
//! budgets" by "your per-tenant retry budget".

use std::collections::HashSet;

use crate::context::{RecipientContext, CHECKED_FACTS};
use crate::fix;
use crate::lint::{Draft, Finding};
use crate::rules::{document, RuleSpec};

use super::words::{
    fold, fold_into, is_stopword, mentions, significant_stems, stem, stems_meet, tokens, word_forms,
};
use super::{finding, short};

/// Human words for a fact key.
pub fn describe(key: &str) -> &'static str {
    match key {
        "met_at" => "where you met",
        "their_work" => "their work",
        "mutual" => "your mutual contact",
        "shared_interest" => "your shared interest",
        "reason" => "your reason for writing",
        _ => "a fact",
    }
}

/// Folded words of the recipient's and sender's names and the company: a fact mentioning
/// only these is not used by a body that mentions them.
pub fn name_words(ctx: &RecipientContext) -> HashSet<String> {
    let mut out = HashSet::new();
    for key in ["recipient", "company", "sender"] {
        if let Some(value) = ctx.get(key) {
            for t in tokens(value) {
                out.insert(fold(t.text));
            }
        }
    }
    out
}

/// Facts as (canonical key, value).
pub type FactList<'c> = Vec<(&'static str, &'c str)>;

/// The significant stems of each fact of a context, computed once per draft.
#[derive(Debug, Clone, Default)]
pub struct FactStems<'c> {
    /// (key, value, stems) for each fact with at least one significant word.
    pub facts: Vec<(&'static str, &'c str, Vec<String>)>,
    /// The first three letters of every fact stem: a word whose folded form starts
    /// otherwise cannot meet any of them (stemming keeps at least three letters).
    keys: HashSet<String>,
}

/// The first three characters of a word (or all of a shorter one).
fn key3(word: &str) -> &str {
    match word.char_indices().nth(3) {
        Some((i, _)) => &word[..i],
        None => word,
    }
}

impl<'c> FactStems<'c> {
    /// The facts of `keys` present in `ctx`; facts with no significant word are left out,
    /// since no body can be judged to use them or not.
    pub fn new(ctx: &'c RecipientContext, keys: &[&'static str]) -> Self {
        let exclude = name_words(ctx);
        let facts = keys
            .iter()
            .filter_map(|key| {
                let value = ctx.get(key)?;
                let stems = significant_stems(value, &exclude);
                (!stems.is_empty()).then_some((*key, value, stems))
            })
            .collect::<Vec<_>>();
        let keys = facts
            .iter()
            .flat_map(|(_, _, stems)| stems.iter().map(|s| key3(s).to_string()))
            .collect();
        FactStems { facts, keys }
    }

    /// Which facts a text mentions, as a bit per fact (in `facts` order, at most 64). Folds
    /// each word into one reused buffer and stems only words that could meet a fact stem.
    pub fn scan(&self, text: &str) -> u64 {
        if self.facts.is_empty() {
            return 0;
        }
        let n = self.facts.len().min(64);
        let all = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
        let mut found = 0u64;
        let mut buf = String::new();
        for token in tokens(text) {
            for word in word_forms(token.text) {
                fold_into(word, &mut buf);
                if !self.keys.contains(key3(&buf)) || is_stopword(&buf) {
                    continue;
                }
                let stemmed = stem(&buf);
                for (i, (_, _, stems)) in self.facts.iter().enumerate().take(n) {
                    if stems.iter().any(|s| stems_meet(s, &stemmed)) {
                        found |= 1 << i;
                    }
                }
            }
            if found == all {
                break;
            }
        }
        found
    }

    /// The facts whose bits are set, and the rest.
    pub fn split(&self, bits: u64) -> (FactList<'c>, FactList<'c>) {
        let (mut used, mut unused) = (Vec::new(), Vec::new());
        for (i, (key, value, _)) in self.facts.iter().enumerate() {
            if i < 64 && bits & (1 << i) != 0 {
                used.push((*key, *value));
            } else {
                unused.push((*key, *value));
            }
        }
        (used, unused)
    }

    /// Split the facts into those a text (given as its stem set) mentions and the rest.
    pub fn usage(&self, text_stems: &HashSet<String>) -> (FactList<'c>, FactList<'c>) {
        let (mut used, mut unused) = (Vec::new(), Vec::new());
        for (key, value, stems) in &self.facts {
            if mentions(text_stems, stems) {
                used.push((*key, *value));
            } else {
                unused.push((*key, *value));
            }
        }
        (used, unused)
    }

    /// Whether a text names one fact outright: two of its significant words. A single shared
    /// word ("studio" of "studio newsletter, issue 12", or a one-word `met_at: PyCon`) is too
    /// weak to say the sentence is about that fact.
    pub fn names_a_fact(&self, text: &str) -> bool {
        let words = super::words::stem_set(text);
        self.facts.iter().any(|(_, _, stems)| {
            let met = stems
                .iter()
                .filter(|s| words.iter().any(|w| stems_meet(s, w)))
                .count();
            met >= 2
        })
    }

    /// Whether a text (given as its stem set) mentions any fact.
    pub fn any_used(&self, text_stems: &HashSet<String>) -> bool {
        self.facts
            .iter()
            .any(|(_, _, stems)| mentions(text_stems, stems))
    }
}

/// Which facts (of `keys`) the text mentions and which it does not; facts with no
/// significant word cannot be judged and are in neither list.
pub fn fact_usage<'c>(
    ctx: &'c RecipientContext,
    keys: &[&'static str],
    body: &str,
) -> (FactList<'c>, FactList<'c>) {
    let facts = FactStems::new(ctx, keys);
    facts.split(facts.scan(body))
}

/// The check.
pub fn check(draft: &Draft<'_>, spec: &RuleSpec) -> Option<Finding> {
    if draft.template || draft.prose.blocks.is_empty() {
        return None;
    }
    let body_start = draft.prose.body_start.min(draft.prose.masked.len());
    let body = &draft.prose.masked[body_start..];
    let (used, unused) = fact_usage(&draft.context, CHECKED_FACTS, body);
    if !used.is_empty() || unused.is_empty() {
        return None;
    }
    let list: Vec<String> = unused
        .iter()
        .map(|(k, v)| format!("{k} \u{201c}{}\u{201d}", short(v, 60)))
        .collect();
    let message = format!("{}: {}", spec.message, list.join(", "));
    let mut detail = String::from("**Known but unused:**\n");
    for (key, value) in &unused {
        detail.push_str(&format!(
            "- {} (`{key}`): {}\n",
            describe(key),
            short(value, 120)
        ));
    }
    detail.push_str(
        "\nOne sentence that uses one of these tells the reader why this message is for them.",
    );
    let mut result = finding(spec, document::anchor(draft), message, Some(detail));
    result.fixes = fix::context_line_fixes(draft);
    Some(result)
}
