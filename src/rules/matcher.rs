//! Compiled rules and the phrase matcher. Every pattern of every phrase rule is compiled
//! once per rule set; a `RegexSet` over all of them tells in one pass which patterns occur in
//! a draft, and only those run again to find positions. Context conditions then decide,
//! sentence by sentence, whether a match is a finding.

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::evidence::{self, DetailKind, KnownNames};
use super::pattern;
use super::sentences;
use super::{RuleError, RuleKind, RuleSpec};
use crate::prose::Prose;

/// Upper bound for one compiled pattern, so a custom rule cannot eat the memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A rule ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    /// The record it came from.
    pub spec: RuleSpec,
    patterns: Vec<Regex>,
    unless_sentence: Vec<Regex>,
    unless_followed_by: Vec<Regex>,
    unless_preceded_by: Vec<Regex>,
    requires_sentence: Vec<Regex>,
}

impl CompiledRule {
    /// The rule id.
    pub fn id(&self) -> &str {
        &self.spec.id
    }
}

/// A phrase match that passed its rule's context conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Index of the rule in the set.
    pub rule: usize,
    /// Index of the pattern in the rule.
    pub pattern: usize,
    /// Byte range of the match.
    pub range: Range<usize>,
    /// Byte range of the sentence around it.
    pub sentence: Range<usize>,
}

/// A compiled rule set.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<CompiledRule>,
    set: RegexSet,
    /// For each regex of `set`: (rule index, pattern index).
    owners: Vec<(usize, usize)>,
}

impl RuleSet {
    /// The built-in pack, compiled once per process.
    pub fn builtin() -> Arc<RuleSet> {
        static BUILTIN: OnceLock<Arc<RuleSet>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| match RuleSet::compile(super::builtin::specs().to_vec()) {
                Ok(set) => Arc::new(set),
                Err(errors) => {
                    for err in &errors {
                        eprintln!("outreach-lint: built-in rule error: {err}");
                    }
                    Arc::new(RuleSet::empty())
                }
            })
            .clone()
    }

    /// A set with no rules.
    pub fn empty() -> RuleSet {
        RuleSet {
            rules: Vec::new(),
            set: RegexSet::empty(),
            owners: Vec::new(),
        }
    }

    /// Compile rule records; every problem is reported, each naming its rule.
    pub fn compile(specs: Vec<RuleSpec>) -> Result<RuleSet, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        let mut sources = Vec::new();
        let mut owners = Vec::new();
        for spec in specs {
            if let Err(err) = spec.validate() {
                errors.push(err);
                continue;
            }
            match compile_rule(spec) {
                Ok((rule, rule_sources)) => {
                    for (i, source) in rule_sources.into_iter().enumerate() {
                        owners.push((rules.len(), i));
                        sources.push(source);
                    }
                    rules.push(rule);
                }
                Err(err) => errors.push(err),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let set = RegexSetBuilder::new(&sources)
            .size_limit(REGEX_SIZE_LIMIT * 16)
            .build()
            .map_err(|err| {
                vec![RuleError::Invalid {
                    rule: "(all rules)".into(),
                    reason: format!("the combined patterns do not compile: {err}"),
                }]
            })?;
        Ok(RuleSet { rules, set, owners })
    }

    /// All rules in order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// A rule by id.
    pub fn get(&self, id: &str) -> Option<&CompiledRule> {
        self.rules.iter().find(|r| r.spec.id == id)
    }

    /// Phrase matches in `prose` that pass their context conditions, for rules `enabled` says
    /// yes to. Overlapping matches of one rule collapse to the longest.
    pub fn find_phrases(
        &self,
        prose: &Prose,
        sentences: &[Range<usize>],
        names: &KnownNames,
        enabled: &dyn Fn(&CompiledRule) -> bool,
    ) -> Vec<PhraseMatch> {
        let masked = prose.masked.as_str();
        let mut found: Vec<PhraseMatch> = Vec::new();
        for idx in self.set.matches(masked).iter() {
            let (rule_idx, pattern_idx) = self.owners[idx];
            let rule = &self.rules[rule_idx];
            if !enabled(rule) {
                continue;
            }
            for m in rule.patterns[pattern_idx].find_iter(masked) {
                if m.is_empty() {
                    continue;
                }
                let sentence = sentences::containing(sentences, m.start()).unwrap_or(m.range());
                let candidate = PhraseMatch {
                    rule: rule_idx,
                    pattern: pattern_idx,
                    range: m.range(),
                    sentence,
                };
                if passes_conditions(rule, &candidate, prose, sentences, names) {
                    found.push(candidate);
                }
            }
        }
        collapse_overlaps(found)
    }
}

fn compile_rule(spec: RuleSpec) -> Result<(CompiledRule, Vec<String>), RuleError> {
    let patterns_src: Vec<String> = if spec.kind == RuleKind::Phrase {
        spec.patterns
            .iter()
            .map(|p| source(&spec.id, p))
            .collect::<Result<_, _>>()?
    } else {
        Vec::new()
    };
    let patterns = patterns_src
        .iter()
        .zip(&spec.patterns)
        .map(|(src, p)| build(&spec.id, p, src))
        .collect::<Result<Vec<_>, _>>()?;
    let conditions = |list: &[String]| -> Result<Vec<Regex>, RuleError> {
        list.iter()
            .map(|p| build(&spec.id, p, &source(&spec.id, p)?))
            .collect()
    };
    let rule = CompiledRule {
        unless_sentence: conditions(&spec.unless_sentence)?,
        unless_followed_by: conditions(&spec.unless_followed_by)?,
        unless_preceded_by: conditions(&spec.unless_preceded_by)?,
        requires_sentence: conditions(&spec.requires_sentence)?,
        patterns,
        spec,
    };
    let sources = patterns_src.iter().map(|s| format!("(?i){s}")).collect();
    Ok((rule, sources))
}

fn source(rule: &str, pattern: &str) -> Result<String, RuleError> {
    pattern::to_regex_source(pattern).map_err(|source| RuleError::Pattern {
        rule: rule.to_string(),
        source,
    })
}

fn build(rule: &str, pattern: &str, source: &str) -> Result<Regex, RuleError> {
    RegexBuilder::new(source)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|err| RuleError::Regex {
            rule: rule.to_string(),
            pattern: pattern.to_string(),
            reason: err.to_string(),
        })
}

fn passes_conditions(
    rule: &CompiledRule,
    m: &PhraseMatch,
    prose: &Prose,
    sentences: &[Range<usize>],
    names: &KnownNames,
) -> bool {
    let masked = prose.masked.as_str();
    let sentence = &masked[m.sentence.clone()];
    let spec = &rule.spec;
    if spec.skip_headings && in_heading(prose, m.range.start) {
        return false;
    }
    if rule.unless_sentence.iter().any(|r| r.is_match(sentence)) {
        return false;
    }
    if !rule.requires_sentence.is_empty() && !rule.requires_sentence.iter().any(|r| r.is_match(sentence)) {
        return false;
    }
    let after = masked.get(m.range.end..m.sentence.end.max(m.range.end)).unwrap_or("");
    if rule.unless_followed_by.iter().any(|r| r.is_match(after)) {
        return false;
    }
    let before = masked.get(m.sentence.start.min(m.range.start)..m.range.start).unwrap_or("");
    if rule.unless_preceded_by.iter().any(|r| r.is_match(before)) {
        return false;
    }
    if spec.unless_specific && specific_around(m, masked, sentences, names) {
        return false;
    }
    true
}

/// The sentence (with the match itself blanked) carries a detail, or the next sentence of
/// the same block names their work, a shared event or a mutual contact.
fn specific_around(
    m: &PhraseMatch,
    masked: &str,
    sentences: &[Range<usize>],
    names: &KnownNames,
) -> bool {
    let mut sentence = String::with_capacity(m.sentence.len());
    sentence.push_str(&masked[m.sentence.start..m.range.start.max(m.sentence.start)]);
    sentence.extend(std::iter::repeat_n(' ', m.range.len()));
    sentence.push_str(masked.get(m.range.end..m.sentence.end).unwrap_or(""));
    if evidence::is_specific(&sentence, names) {
        return true;
    }
    let next_idx = sentences.partition_point(|s| s.start <= m.sentence.start);
    let Some(next) = sentences.get(next_idx) else {
        return false;
    };
    let between = masked.get(m.sentence.end..next.start).unwrap_or("");
    if between.contains(crate::prose::BARRIER as char) || between.matches('\n').count() > 1 {
        return false;
    }
    evidence::details(&masked[next.clone()], names).iter().any(|k| {
        matches!(
            k,
            DetailKind::TheirWork | DetailKind::SharedHistory | DetailKind::MutualContact
        )
    })
}

fn in_heading(prose: &Prose, offset: usize) -> bool {
    prose
        .blocks
        .iter()
        .any(|b| b.heading && b.range.start <= offset && offset < b.range.end)
}

/// One match per rule per overlapping cluster, the longest (earliest on a tie).
fn collapse_overlaps(mut found: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    found.sort_by(|a, b| {
        (a.rule, a.range.start, std::cmp::Reverse(a.range.end))
            .cmp(&(b.rule, b.range.start, std::cmp::Reverse(b.range.end)))
    });
    let mut kept: Vec<PhraseMatch> = Vec::with_capacity(found.len());
    for m in found {
        match kept.last_mut() {
            Some(last) if last.rule == m.rule && m.range.start < last.range.end => {
                if m.range.len() > last.range.len() {
                    *last = m;
                }
            }
            _ => kept.push(m),
        }
    }
    kept.sort_by_key(|m| (m.range.start, m.range.end, m.rule));
    kept
}
