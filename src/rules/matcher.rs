//! Compiled rules and the phrase matcher. Each pattern is translated once (the built-in ones
//! by `build.rs`, so start-up only looks them up); an aho-corasick
//! automaton over the patterns' anchor words (literals every match must contain) finds in
//! one pass which patterns can occur in a draft, and only those regexes run. Each regex is
//! compiled the first time a draft needs it and then shared, so start-up stays cheap and a
//! rule pack of hundreds of patterns costs only what the drafts use. Context conditions then
//! decide, sentence by sentence, whether a match is a finding.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::Input;

use super::evidence::{self, DetailKind, KnownNames};
use super::pattern;
use super::sentences;
use super::{RuleError, RuleKind, RuleSpec};
use crate::prose::Prose;
use crate::text::lean::narrow_word_classes;
use crate::text::memo::Memo;

/// Upper bound for one compiled pattern, so a custom rule cannot eat the memory.
const REGEX_SIZE_LIMIT: usize = 4 << 20;

/// A rule ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    /// The record it came from.
    pub spec: RuleSpec,
    patterns: Vec<LazyRegex>,
    unless_sentence: Vec<LazyRegex>,
    unless_followed_by: Vec<LazyRegex>,
    unless_preceded_by: Vec<LazyRegex>,
    requires_sentence: Vec<LazyRegex>,
    unless_previous_sentence: Vec<LazyRegex>,
    unless_next_sentence: Vec<LazyRegex>,
    /// Per pattern: anchor-word sets (word index, whole word only) of which a block must hold
    /// one word each before the pattern's regex runs on it.
    required_words: Vec<Vec<Vec<(usize, bool)>>>,
    /// Per pattern, from its translation: anchors, required anchor sets and whether a match
    /// may cross a sentence end, until the rule set's index takes them.
    pending_anchors: Vec<PatternAnchors>,
}

/// A pattern's anchors and required anchor sets, and whether a match may run on past a
/// sentence's final punctuation, so that it is searched over whole blocks (see
/// `pattern::Translated`).
type PatternAnchors = (
    Option<Vec<pattern::Anchor>>,
    Vec<Vec<pattern::Anchor>>,
    bool,
);

/// A regex translated from a pattern and compiled on first use.
#[derive(Debug)]
struct LazyRegex {
    /// Regex source, or (for a pattern translated on first use) the pattern itself.
    text: String,
    translated: bool,
    /// Whether the regex searches whole drafts (a pattern without anchors), where its own
    /// literal prefilter pays for itself; other regexes only see the short blocks or
    /// sentences the anchor words picked.
    prefilter: bool,
    /// A regex of the built-in pack, whose `\w` may be narrowed to the scripts drafts use
    /// (`lean::narrow_word_classes`) to compile faster; a custom rule's regex is compiled
    /// exactly as written.
    narrow: bool,
    cell: OnceLock<Option<Regex>>,
}

impl LazyRegex {
    fn new(source: String) -> Self {
        LazyRegex {
            text: source,
            translated: true,
            prefilter: false,
            narrow: false,
            cell: OnceLock::new(),
        }
    }

    /// A pattern of a checked rule pack, translated only when first needed: most condition
    /// patterns never run in a given process.
    fn untranslated(pattern: String) -> Self {
        LazyRegex {
            translated: false,
            narrow: true,
            ..LazyRegex::new(pattern)
        }
    }

    /// The compiled regex; `None` only for a pattern that failed validation, which
    /// `RuleSet::compile` rejects for custom rules and the tests rule out for built-in ones.
    fn get(&self) -> Option<&Regex> {
        self.cell
            .get_or_init(|| {
                let mut source = if self.translated {
                    Cow::Borrowed(self.text.as_str())
                } else {
                    Cow::Owned(pattern::to_regex_source(&self.text).ok()?)
                };
                if self.narrow {
                    if let Cow::Owned(narrowed) = narrow_word_classes(&source) {
                        source = Cow::Owned(narrowed);
                    }
                }
                build_source(&source, self.prefilter).ok()
            })
            .as_ref()
    }

    fn is_match(&self, text: &str) -> bool {
        self.get().is_some_and(|r| r.is_match(text))
    }
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

/// A pattern an anchor word stands for.
#[derive(Debug, Clone, Copy)]
struct AnchorOwner {
    rule: usize,
    pattern: usize,
    /// The pattern holds the anchor as a whole word only.
    whole_word: bool,
}

/// The prefilter's words, each with the patterns it stands for.
#[derive(Default)]
struct WordTable {
    words: Vec<String>,
    owners: Vec<Vec<AnchorOwner>>,
    position: std::collections::HashMap<String, usize>,
}

impl WordTable {
    fn index(&mut self, text: String) -> usize {
        if let Some(&i) = self.position.get(&text) {
            return i;
        }
        self.words.push(text.clone());
        self.owners.push(Vec::new());
        self.position.insert(text, self.owners.len() - 1);
        self.owners.len() - 1
    }
}

/// A compiled rule set.
#[derive(Debug)]
pub struct RuleSet {
    rules: Vec<CompiledRule>,
    /// Anchor words of the patterns that stay inside a sentence.
    within: AnchorIndex,
    /// Anchor words of the patterns that may cross a sentence end.
    across: AnchorIndex,
    /// Patterns with no anchor: always run.
    always: Vec<(usize, usize)>,
    /// Raw matches of the patterns that stay inside a sentence, per sentence-sized piece of
    /// a block with its edge characters (`segment_hits`).
    segment_memo: Memo<Arc<[BlockHit]>>,
}

/// An automaton over some patterns' anchor words, with the patterns each word stands for.
#[derive(Debug, Default)]
struct AnchorIndex {
    /// Finds anchor words; `None` when no pattern has one.
    automaton: Option<AhoCorasick>,
    /// For each anchor: the patterns it stands for.
    owners: Vec<Vec<AnchorOwner>>,
}

impl AnchorIndex {
    fn build(table: WordTable) -> AnchorIndex {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&table.words)
            .ok()
            .filter(|_| !table.words.is_empty());
        AnchorIndex {
            automaton,
            owners: table.owners,
        }
    }
}

/// Bytes of sentence matches kept for reuse: some 40,000 sentences.
const SEGMENT_MEMO_BYTES: usize = 8 << 20;

impl RuleSet {
    /// The built-in pack, compiled once per process.
    pub fn builtin() -> Arc<RuleSet> {
        static BUILTIN: OnceLock<Arc<RuleSet>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                match RuleSet::compile_checked(super::builtin::specs().to_vec(), &|_| false) {
                    Ok(set) => Arc::new(set),
                    Err(errors) => {
                        for err in &errors {
                            eprintln!("outreach-lint: built-in rule error: {err}");
                        }
                        Arc::new(RuleSet::empty())
                    }
                }
            })
            .clone()
    }

    /// A set with no rules.
    pub fn empty() -> RuleSet {
        RuleSet {
            rules: Vec::new(),
            within: AnchorIndex::default(),
            across: AnchorIndex::default(),
            always: Vec::new(),
            segment_memo: Memo::new(SEGMENT_MEMO_BYTES),
        }
    }

    /// Compile rule records; every problem is reported, each naming its rule. Every
    /// pattern is translated and checked here, so a broken custom rule fails at load time.
    pub fn compile(specs: Vec<RuleSpec>) -> Result<RuleSet, Vec<RuleError>> {
        Self::compile_checked(specs, &|_| true)
    }

    /// Compile, fully checking only the records `check` selects (the built-in pack is checked
    /// by its tests, so start-up need not compile every regex).
    pub fn compile_checked(
        specs: Vec<RuleSpec>,
        check: &dyn Fn(&RuleSpec) -> bool,
    ) -> Result<RuleSet, Vec<RuleError>> {
        let mut errors = Vec::new();
        let mut rules = Vec::new();
        for spec in specs {
            if let Err(err) = spec.validate() {
                errors.push(err);
                continue;
            }
            let eager = check(&spec);
            match compile_rule(spec, eager) {
                Ok(rule) => rules.push(rule),
                Err(err) => errors.push(err),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self::index(rules))
    }

    /// Build the anchor automata over the rules' patterns: one for the patterns that stay
    /// inside a sentence, searched sentence by sentence, one for those that may cross.
    fn index(mut rules: Vec<CompiledRule>) -> RuleSet {
        let mut within = WordTable::default();
        let mut across = WordTable::default();
        let mut always = Vec::new();
        for (r, rule) in rules.iter_mut().enumerate() {
            if rule.spec.kind != RuleKind::Phrase {
                continue;
            }
            let pending = std::mem::take(&mut rule.pending_anchors);
            for (p, (anchors, required, crosses)) in pending.into_iter().enumerate() {
                let table = if crosses { &mut across } else { &mut within };
                let sets = required
                    .into_iter()
                    .map(|set| {
                        set.into_iter()
                            .map(|a| (table.index(a.text), a.whole_word))
                            .collect()
                    })
                    .collect();
                rule.required_words.push(sets);
                match anchors {
                    Some(set) => {
                        for anchor in set {
                            let idx = table.index(anchor.text);
                            table.owners[idx].push(AnchorOwner {
                                rule: r,
                                pattern: p,
                                whole_word: anchor.whole_word,
                            });
                        }
                    }
                    None => {
                        always.push((r, p));
                        if let Some(regex) = rule.patterns.get_mut(p) {
                            regex.prefilter = true;
                        }
                    }
                }
            }
        }
        let (within, across) = (AnchorIndex::build(within), AnchorIndex::build(across));
        for index in [&within, &across] {
            if index.automaton.is_none() {
                // Without an automaton every pattern has to run.
                for owners in &index.owners {
                    always.extend(owners.iter().map(|o| (o.rule, o.pattern)));
                }
            }
        }
        always.sort_unstable();
        always.dedup();
        RuleSet {
            rules,
            within,
            across,
            always,
            segment_memo: Memo::new(SEGMENT_MEMO_BYTES),
        }
    }

    /// All rules in order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// A rule by id.
    pub fn get(&self, id: &str) -> Option<&CompiledRule> {
        self.rules.iter().find(|r| r.spec.id == id)
    }

    /// The spec of a rule by id, when `options` leave it enabled.
    pub fn enabled_spec(&self, id: &str, options: &crate::lint::LintOptions) -> Option<&RuleSpec> {
        self.get(id)
            .map(|r| &r.spec)
            .filter(|s| options.rule_enabled(&s.id, &s.category))
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
        // Rules whose literal sense one use in this draft has shown (`literal_sense_carries`).
        let mut literal: Vec<usize> = Vec::new();
        let mut consider = |hit: &BlockHit, offset: usize| {
            let rule = &self.rules[hit.rule];
            if !enabled(rule) {
                return;
            }
            let range = trimmed(masked, offset + hit.range.start..offset + hit.range.end);
            if range.is_empty() {
                return;
            }
            let sentence = sentences::containing(sentences, range.start).unwrap_or(range.clone());
            let candidate = PhraseMatch {
                rule: hit.rule,
                pattern: hit.pattern,
                range,
                sentence,
            };
            if passes_conditions(rule, &candidate, prose, sentences, names) {
                found.push(candidate);
            } else if rule.spec.literal_sense_carries
                && excused_by_sense(rule, &candidate, masked, sentences)
                && !literal.contains(&hit.rule)
            {
                literal.push(hit.rule);
            }
        };
        for hit in self.search_always(masked) {
            consider(&hit, 0);
        }
        for block in &prose.blocks {
            let Some(text) = masked.get(block.range.clone()) else {
                continue;
            };
            for hit in &self.search_block(text) {
                consider(hit, block.range.start);
            }
        }
        if !literal.is_empty() {
            found.retain(|m| !literal.contains(&m.rule));
        }
        collapse_overlaps(found)
    }
}

/// The anchor words in `range` of `text`, each noted as a whole word when no word
/// character touches it in `text`.
fn anchor_words(index: &AnchorIndex, text: &str, range: Range<usize>) -> BlockWords {
    let mut words = BlockWords::new(index.owners.len());
    let Some(ac) = &index.automaton else {
        return words;
    };
    let bytes = text.as_bytes();
    let is_word = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    };
    let input = aho_corasick::Input::new(text).range(range);
    for m in ac.find_overlapping_iter(input) {
        let word_before = m.start().checked_sub(1).is_some_and(is_word);
        let whole = !word_before && !is_word(m.end());
        words.add(m.pattern().as_usize(), whole);
    }
    words
}

/// The sentence-sized pieces of a block: it is cut after each `pattern::SENTENCE_ENDS`
/// character that whitespace follows. The pieces cover the block.
fn segments(block: &str) -> Vec<Range<usize>> {
    let bytes = block.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..bytes.len().saturating_sub(1) {
        if pattern::SENTENCE_ENDS.contains(&bytes[i]) && bytes[i + 1].is_ascii_whitespace() {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push(start..bytes.len());
    }
    out
}

/// A raw match of one pattern in one block, before its rule's context conditions; the range
/// is relative to the block.
#[derive(Debug, Clone)]
struct BlockHit {
    rule: usize,
    pattern: usize,
    range: Range<usize>,
}

impl RuleSet {
    /// Matches of the patterns without anchors, which search the whole text.
    fn search_always(&self, text: &str) -> Vec<BlockHit> {
        let mut out = Vec::new();
        for &(rule, pattern) in &self.always {
            self.search_pattern(rule, pattern, Input::new(text), &mut out);
        }
        out
    }

    /// The raw matches in `block`, before their rules' context conditions (which read the
    /// sentences around and run on every use). Patterns that can run on past a sentence's
    /// end are searched over the whole block, the others sentence by sentence, from the
    /// memo table where the sentence was met before (`segment_hits`).
    fn search_block(&self, block: &str) -> Vec<BlockHit> {
        let mut out = Vec::new();
        let words = anchor_words(&self.across, block, 0..block.len());
        for (rule, pattern) in self.candidates(&self.across, &words) {
            self.search_pattern(rule, pattern, Input::new(block), &mut out);
        }
        for segment in segments(block) {
            let context = segment.start.saturating_sub(1)..(segment.end + 1).min(block.len());
            let offset = context.start;
            let inner = segment.start - offset..segment.end - offset;
            for hit in self.segment_hits(&block[context], inner).iter() {
                out.push(BlockHit {
                    range: hit.range.start + offset..hit.range.end + offset,
                    ..hit.clone()
                });
            }
        }
        out
    }

    /// The matches, inside `inner`, of the patterns that cannot cross a sentence end.
    /// `context` is `inner` with the character before and after it, which is all that a word
    /// boundary or a line anchor at its edges reads, so the result depends on `context`
    /// alone and is memoised under it: a sentence that recurs across drafts is searched once.
    fn segment_hits(&self, context: &str, inner: Range<usize>) -> Arc<[BlockHit]> {
        // The key says which edge characters are context, so a segment at the start of a
        // block never shares an entry with the same bytes after a sentence end.
        let edges = match (inner.start > 0, inner.end < context.len()) {
            (false, false) => '0',
            (true, false) => '1',
            (false, true) => '2',
            (true, true) => '3',
        };
        let mut key = String::with_capacity(context.len() + 1);
        key.push(edges);
        key.push_str(context);
        self.segment_memo.get_or_compute(&key, || {
            let words = anchor_words(&self.within, context, inner.clone());
            let mut out = Vec::new();
            for (rule, pattern) in self.candidates(&self.within, &words) {
                let input = Input::new(context).range(inner.clone());
                self.search_pattern(rule, pattern, input, &mut out);
            }
            Arc::from(out)
        })
    }

    /// The non-empty matches of one pattern in `input`, appended to `out`.
    fn search_pattern(
        &self,
        rule: usize,
        pattern: usize,
        input: Input<'_>,
        out: &mut Vec<BlockHit>,
    ) {
        let Some(regex) = self.rules[rule].patterns[pattern].get() else {
            return;
        };
        for m in regex.find_iter(input) {
            if !m.is_empty() {
                out.push(BlockHit {
                    rule,
                    pattern,
                    range: m.range(),
                });
            }
        }
    }

    /// The patterns of `index` whose anchors and required words `words` holds, in rule and
    /// pattern order.
    fn candidates(&self, index: &AnchorIndex, words: &BlockWords) -> Vec<(usize, usize)> {
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for &(word, whole) in words.seen() {
            for owner in &index.owners[word] {
                if whole || !owner.whole_word {
                    hits.push((owner.rule, owner.pattern));
                }
            }
        }
        hits.sort_unstable();
        hits.dedup();
        hits.retain(|&(r, p)| {
            self.rules[r].required_words[p]
                .iter()
                .all(|set| set.iter().any(|&(w, whole)| words.holds(w, whole)))
        });
        hits
    }
}

/// The anchor words one block holds, as a whole word or anywhere: a bit per word, so testing
/// a pattern's required words costs a few bit reads.
struct BlockWords {
    anywhere: Vec<u64>,
    whole: Vec<u64>,
    seen: Vec<(usize, bool)>,
}

impl BlockWords {
    fn new(words: usize) -> Self {
        BlockWords {
            anywhere: vec![0; words.div_ceil(64)],
            whole: vec![0; words.div_ceil(64)],
            seen: Vec::new(),
        }
    }

    fn add(&mut self, word: usize, whole: bool) {
        let (i, bit) = (word / 64, 1u64 << (word % 64));
        let Some(slot) = self.anywhere.get_mut(i) else {
            return;
        };
        let new_anywhere = *slot & bit == 0;
        *slot |= bit;
        let mut new_whole = false;
        if whole {
            if let Some(slot) = self.whole.get_mut(i) {
                new_whole = *slot & bit == 0;
                *slot |= bit;
            }
        }
        // Each (word, whole word) pair is listed once, however often it recurs.
        if new_anywhere || new_whole {
            self.seen.push((word, whole));
        }
    }

    /// The (word, whole word) pairs added since the last clear; a word seen both inside a
    /// longer word and on its own is listed with `true`.
    fn seen(&self) -> &[(usize, bool)] {
        &self.seen
    }

    /// Whether the block holds `word` (as a whole word when `whole_only`).
    fn holds(&self, word: usize, whole_only: bool) -> bool {
        let map = if whole_only {
            &self.whole
        } else {
            &self.anywhere
        };
        map.get(word / 64)
            .is_some_and(|w| w & (1u64 << (word % 64)) != 0)
    }
}

fn compile_rule(spec: RuleSpec, eager: bool) -> Result<CompiledRule, RuleError> {
    let lazy = |list: &[String]| -> Result<Vec<LazyRegex>, RuleError> {
        list.iter()
            .map(|p| {
                if !eager {
                    return Ok(LazyRegex::untranslated(p.clone()));
                }
                let src = source(&spec.id, p)?;
                build(&spec.id, p, &src)?;
                Ok(LazyRegex::new(src))
            })
            .collect()
    };
    let mut patterns = Vec::new();
    let mut pending_anchors = Vec::new();
    if spec.kind == RuleKind::Phrase {
        for (i, p) in spec.patterns.iter().enumerate() {
            let translated = match super::builtin::pretranslated(&spec.id, i, p) {
                Some(done) => done,
                None => pattern::translate(p).map_err(|source| RuleError::Pattern {
                    rule: spec.id.clone(),
                    source,
                })?,
            };
            if eager {
                build(&spec.id, p, &translated.source)?;
            }
            patterns.push(LazyRegex {
                narrow: !eager,
                ..LazyRegex::new(translated.source)
            });
            pending_anchors.push((
                translated.anchors,
                translated.required,
                translated.crosses_sentences,
            ));
        }
    }
    Ok(CompiledRule {
        unless_sentence: lazy(&spec.unless_sentence)?,
        unless_followed_by: lazy(&spec.unless_followed_by)?,
        unless_preceded_by: lazy(&spec.unless_preceded_by)?,
        requires_sentence: lazy(&spec.requires_sentence)?,
        unless_previous_sentence: lazy(&spec.unless_previous_sentence)?,
        unless_next_sentence: lazy(&spec.unless_next_sentence)?,
        required_words: Vec::new(),
        pending_anchors,
        patterns,
        spec,
    })
}

fn source(rule: &str, pattern: &str) -> Result<String, RuleError> {
    pattern::to_regex_source(pattern).map_err(|source| RuleError::Pattern {
        rule: rule.to_string(),
        source,
    })
}

fn build(rule: &str, pattern: &str, source: &str) -> Result<Regex, RuleError> {
    build_source(source, false).map_err(|err| RuleError::Regex {
        rule: rule.to_string(),
        pattern: pattern.to_string(),
        reason: err.to_string(),
    })
}

fn build_source(source: &str, prefilter: bool) -> Result<Regex, Box<meta::BuildError>> {
    // A small lazy-DFA cache per regex: hundreds of patterns run on short drafts, and the
    // default (several MB each, per thread) would dominate memory for no speed gain. Only
    // match bounds are ever read, so only the implicit whole-match group is compiled. No
    // full DFA either: its up-front determinization costs more than a short run saves.
    let config = meta::Config::new()
        .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
        .hybrid_cache_capacity(1 << 18)
        .which_captures(WhichCaptures::Implicit)
        .auto_prefilter(prefilter)
        .dfa(false);
    crate::text::lean::build_folded(Regex::builder().configure(config), source)
}

/// A match without the whitespace or block barrier a pattern may have had to consume at its
/// edges (a greeting line is matched up to the line's end).
fn trimmed(masked: &str, mut range: Range<usize>) -> Range<usize> {
    let bytes = masked.as_bytes();
    let is_edge = |b: u8| b.is_ascii_whitespace() || b == crate::prose::BARRIER;
    while range.end > range.start && is_edge(bytes[range.end - 1]) {
        range.end -= 1;
    }
    while range.start < range.end && is_edge(bytes[range.start]) {
        range.start += 1;
    }
    range
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
    // A match that runs past its sentence's end (a hard-wrapped "Allow me to / introduce
    // myself") is judged with the text it runs into.
    let reach = masked
        .get(m.sentence.start..m.sentence.end.max(m.range.end))
        .unwrap_or(sentence);
    if !rule.requires_sentence.is_empty()
        && !rule.requires_sentence.iter().any(|r| r.is_match(reach))
    {
        return false;
    }
    if excused_by_sense(rule, m, masked, sentences) {
        return false;
    }
    if spec.unless_specific
        && specific_around(
            m,
            masked,
            sentences,
            names,
            !spec.specific_in_own_sentence,
            spec.category != PRAISE,
        )
    {
        return false;
    }
    if spec.unless_specific_question_follows
        && specific_question_follows(m, masked, sentences, names)
    {
        return false;
    }
    if spec.unless_sized_ask_after_question && sized_ask_after_question(m, masked, sentences, names)
    {
        return false;
    }
    if spec.unless_detail_follows
        && detail_follows(
            m,
            masked,
            sentences,
            names,
            spec.category == PLATFORM_DEFAULT && is_bare_kudos(m, masked),
        )
    {
        return false;
    }
    true
}

/// The sense conditions excuse the match: the words around it show the phrase used
/// literally ("the synergy of the two drugs", "leverage ratio") rather than as a stock line.
fn excused_by_sense(
    rule: &CompiledRule,
    m: &PhraseMatch,
    masked: &str,
    sentences: &[Range<usize>],
) -> bool {
    let sentence = &masked[m.sentence.clone()];
    if rule.unless_sentence.iter().any(|r| r.is_match(sentence)) {
        return true;
    }
    let after = masked
        .get(m.range.end..m.sentence.end.max(m.range.end))
        .unwrap_or("");
    if !rule.unless_followed_by.is_empty() {
        let topical = evidence::without_vague_topics(after);
        if rule.unless_followed_by.iter().any(|r| r.is_match(&topical)) {
            return true;
        }
    }
    let before = masked
        .get(m.sentence.start.min(m.range.start)..m.range.start)
        .unwrap_or("");
    if rule.unless_preceded_by.iter().any(|r| r.is_match(before)) {
        return true;
    }
    if !rule.unless_previous_sentence.is_empty() {
        let previous = previous_sentence(m, masked, sentences, Reach::SameBlock).unwrap_or("");
        if rule
            .unless_previous_sentence
            .iter()
            .any(|r| r.is_match(previous))
        {
            return true;
        }
    }
    if !rule.unless_next_sentence.is_empty() {
        let next = next_sentence_in_block(m, masked, sentences).unwrap_or("");
        if rule.unless_next_sentence.iter().any(|r| r.is_match(next)) {
            return true;
        }
    }
    false
}

/// How far back `previous_sentence` may look.
#[derive(Debug, Clone, Copy)]
enum Reach {
    /// Only within the match's block: no block barrier and no blank line between.
    SameBlock,
    /// Also the last sentence of the block just above (one blank line or block barrier).
    BlockAbove,
}

/// The sentence before the match's sentence, when it is within `reach`.
fn previous_sentence<'t>(
    m: &PhraseMatch,
    masked: &'t str,
    sentences: &[Range<usize>],
    reach: Reach,
) -> Option<&'t str> {
    let idx = sentences.partition_point(|s| s.start < m.sentence.start);
    let previous = sentences.get(idx.checked_sub(1)?)?;
    let between = masked.get(previous.end..m.sentence.start)?;
    let close = match reach {
        Reach::SameBlock => within_block(between),
        Reach::BlockAbove => one_block_apart(between),
    };
    close.then(|| masked.get(previous.clone())).flatten()
}

/// The category of praise rules, whose specific detail must be more than one name:
/// "impressed by everything Lumen Foods is doing" praises a company it only names.
const PRAISE: &str = "vague_flattery";
/// The category of the platform's one-click texts.
const PLATFORM_DEFAULT: &str = "platform_default";

/// Words a bare kudos line may hold besides the one-click phrase: a name, "huge", "so".
const BARE_KUDOS_SPARE_WORDS: usize = 1;
/// The longest aside ("So happy for you.") a bare kudos may have before its detail.
const BARE_KUDOS_ASIDE_WORDS: usize = 5;

/// "Hope you're doing great." or "So well deserved." after a bare kudos: a second stock line,
/// so the pair is the form, whatever follows.
fn is_stock_aside(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| {
        ["hope", "hoping", "trust", "deserved", "deserve", "proud"]
            .iter()
            .any(|stock| w.eq_ignore_ascii_case(stock))
    })
}

/// "Congrats on the new role!" as a sentence of its own, give or take a name and an emoji:
/// the platform's one-click text standing alone. `detail_follows` excuses such a line only
/// when what follows is a short aside and then something strong ("So happy for you. The
/// on-call rota you rebuilt..."); a next sentence that is itself specific still excuses it
/// (`specific_around`), since personal notes often open "Congrats on the new role, Dimitri!"
/// and go straight into what they did. "Congrats on the new role at Brightpath!" names the
/// place and is not bare.
fn is_bare_kudos(m: &PhraseMatch, masked: &str) -> bool {
    let (Some(before), Some(after)) = (
        masked.get(m.sentence.start..m.range.start),
        masked.get(m.range.end..m.sentence.end),
    ) else {
        return false;
    };
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
            .count()
    };
    words(before) + words(after) <= BARE_KUDOS_SPARE_WORDS
        && !masked.get(m.range.clone()).is_some_and(names_the_place)
}

/// The sentence (with the match itself blanked) carries a detail, or the next sentence of
/// the same block names their work, a shared event or a mutual contact. For praise
/// (`names_count` false) a single name is not enough (`evidence::is_specific_praise`).
fn specific_around(
    m: &PhraseMatch,
    masked: &str,
    sentences: &[Range<usize>],
    names: &KnownNames,
    next_counts: bool,
    names_count: bool,
) -> bool {
    let mut sentence = String::with_capacity(m.sentence.len());
    let before = &masked[m.sentence.start..m.range.start.max(m.sentence.start)];
    // "im a 3rd yr student at rutgers and honestly ur journey is so inspiring": the
    // details of a clause about the writer are not about the reader.
    let kept = evidence::sender_clause_start(before).unwrap_or(before.len());
    // "Would Love To Pick Your Brain sometime": when the stock phrase is written in Title
    // Case, the capitalised words running into it are part of the same styling, not a name.
    let phrase = &masked[m.range.clone()];
    let phrase_capitalised = phrase.split_whitespace().count() >= 2
        && phrase
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let styled = if phrase_capitalised {
        capitalised_run_start(&before[..kept])
    } else {
        kept
    };
    sentence.push_str(&before[..styled]);
    sentence.push_str(&before[styled..kept].to_lowercase());
    sentence.extend(std::iter::repeat_n(' ', before.len() - kept));
    sentence.extend(std::iter::repeat_n(' ', m.range.len()));
    let after = masked.get(m.range.end..m.sentence.end).unwrap_or("");
    // The writer's own clause and a recruiter's fit pitch are both blanked: "..., I'm a
    // recruiter at Hays Leeds since 2014, and I think you'd be a great fit for a Test role".
    let mut blanks: Vec<Range<usize>> = evidence::sender_clause_after(after)
        .into_iter()
        .chain(evidence::fit_pitch_after(after))
        .collect();
    blanks.sort_by_key(|r| r.start);
    let mut at = 0;
    for blank in blanks {
        let start = blank.start.max(at);
        if start >= blank.end {
            continue;
        }
        sentence.push_str(&after[at..start]);
        sentence.extend(std::iter::repeat_n(' ', blank.end - start));
        at = blank.end;
    }
    sentence.push_str(&after[at..]);
    // In a Title Case or shouted sentence capitals mark no names, and the stock phrase's
    // own words are blanked above, so the judgement is made on the whole sentence.
    if evidence::is_title_case(&masked[m.sentence.clone()]) {
        sentence = sentence.to_lowercase();
    }
    let specific = if names_count {
        evidence::is_specific(&sentence, names)
    } else {
        evidence::is_specific_praise(&sentence, names)
    };
    if specific {
        return true;
    }
    next_counts
        && next_sentence_in_block(m, masked, sentences)
            .is_some_and(|next| evidence::details(next, names).iter().any(|k| k.is_strong()))
}

/// The next sentence or two of the paragraph, those said to the reader, carry two kinds of
/// detail (a number or date, a name, a quoted title): "Congrats on the new role! Director of Digital
/// Collections at the Newberry is a big job after what you did with the 1919 digitisation."
/// The congratulation is the first half of a specific one. A `bare` kudos (`is_bare_kudos`)
/// asks more of what follows: a short aside that is not stock, then something strong.
fn detail_follows(
    m: &PhraseMatch,
    masked: &str,
    sentences: &[Range<usize>],
    names: &KnownNames,
    bare: bool,
) -> bool {
    // The detail may take two sentences: "Saw the announcement that you're taking over the
    // CI group at Ordo. Honestly the right person: the remote-cache work you led last year...".
    // Only sentences said to the reader count: "I'm leaving the Army after 8 yrs" is the
    // writer's news, and "we help teams like yours cut AWS costs by 30%" a pitch.
    let mut kinds: Vec<DetailKind> = Vec::new();
    let mut at = m.sentence.clone();
    // A congratulation that names where ("Kudos on 3 years at Wise, Lina!") and ends its
    // paragraph is the headline of what the next paragraph says.
    let headline = masked.get(m.range.clone()).is_some_and(names_the_place);
    let mut read = 0;
    while read < 2 {
        let next = match next_in_block(&at, masked, sentences) {
            None if read == 0 && headline => next_after_paragraph_break(&at, masked, sentences),
            next => next,
        };
        let Some(next) = next else {
            break;
        };
        let text = &masked[next.clone()];
        at = next;
        // An emoji after the "!" ("Kudos on 3 years at Wise! 🎉") is not a sentence.
        if !text.chars().any(char::is_alphanumeric) {
            continue;
        }
        read += 1;
        if bare {
            let found = evidence::details(text, names);
            if read == 1 {
                if !found.is_empty()
                    || text.split_whitespace().count() > BARE_KUDOS_ASIDE_WORDS
                    || is_stock_aside(text)
                {
                    return false;
                }
                continue;
            }
            return found.iter().any(|k| k.is_strong());
        }
        if evidence::is_said_to_reader(text) {
            for kind in evidence::details(text, names) {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
        }
        if kinds.len() >= 2 {
            return true;
        }
    }
    false
}

/// The next sentence of the paragraph is a question that carries a detail or shared history:
/// the writer knows the reader, so the pleasantry before it is a greeting, not a form.
fn specific_question_follows(
    m: &PhraseMatch,
    masked: &str,
    sentences: &[Range<usize>],
    names: &KnownNames,
) -> bool {
    // Any detail kind counts: those `is_specific` reads, plus shared history.
    next_sentence_in_block(m, masked, sentences).is_some_and(|next| {
        next.trim_end().ends_with('?') && !evidence::details(next, names).is_empty()
    })
}

/// Where the run of capitalised words that ends `text` starts (`text.len()` when its last
/// word is not capitalised).
fn capitalised_run_start(text: &str) -> usize {
    let mut start = text.len();
    let mut rest = text.trim_end();
    while let Some(word) = rest.split_whitespace().next_back() {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        start = rest.len() - word.len();
        rest = rest[..start].trim_end();
    }
    start
}

/// The ask names its length and the sentence before is a question to the reader that
/// carries a detail, in the same paragraph or across one paragraph break: a list of
/// questions followed by "Would you have 20 minutes for a call?" has said what the call is
/// for and how long it takes.
fn sized_ask_after_question(
    m: &PhraseMatch,
    masked: &str,
    sentences: &[Range<usize>],
    names: &KnownNames,
) -> bool {
    if !masked
        .get(m.sentence.clone())
        .is_some_and(evidence::names_a_length)
    {
        return false;
    }
    let asks_with_detail = |question: &str| {
        question.trim_end().ends_with('?')
            && evidence::is_about_reader(question)
            && !evidence::details(question, names).is_empty()
    };
    previous_sentence(m, masked, sentences, Reach::BlockAbove).is_some_and(asks_with_detail)
        || two_back(m, masked, sentences).is_some_and(asks_with_detail)
}

/// The sentence two before the match's sentence, with at most one paragraph break among
/// the three: "Would you share how you normalised viability? We lose synergy by day 12. If
/// it's easier, I'm glad to set up a 20-minute call.", or the same ask opening the next
/// paragraph after the question and one sentence of the sender's own situation.
fn two_back<'t>(m: &PhraseMatch, masked: &'t str, sentences: &[Range<usize>]) -> Option<&'t str> {
    let idx = sentences.partition_point(|s| s.start < m.sentence.start);
    let first = sentences.get(idx.checked_sub(2)?)?;
    let second = sentences.get(idx - 1)?;
    let gaps = [
        masked.get(first.end..second.start)?,
        masked.get(second.end..m.sentence.start)?,
    ];
    let breaks = gaps.iter().filter(|gap| !within_block(gap)).count();
    let joined = breaks <= 1
        && gaps
            .iter()
            .all(|gap| within_block(gap) || one_block_apart(gap));
    joined.then(|| masked.get(first.clone())).flatten()
}

/// The sentence after the match's sentence, when it is in the same block.
fn next_sentence_in_block<'t>(
    m: &PhraseMatch,
    masked: &'t str,
    sentences: &[Range<usize>],
) -> Option<&'t str> {
    next_in_block(&m.sentence, masked, sentences).and_then(|next| masked.get(next))
}

/// The range of the sentence after `sentence`, when it is in the same block.
fn next_in_block(
    sentence: &Range<usize>,
    masked: &str,
    sentences: &[Range<usize>],
) -> Option<Range<usize>> {
    next_sentence_when(sentence, masked, sentences, within_block)
}

/// The range of the sentence after `sentence`, when the text between them passes `close`.
fn next_sentence_when(
    sentence: &Range<usize>,
    masked: &str,
    sentences: &[Range<usize>],
    close: impl Fn(&str) -> bool,
) -> Option<Range<usize>> {
    let next = sentences.get(sentences.partition_point(|s| s.start <= sentence.start))?;
    let between = masked.get(sentence.end..next.start)?;
    (close(between) && masked.get(next.clone()).is_some()).then(|| next.clone())
}

/// Whether a phrase says where, with a capitalised name after "at" ("3 years at Wise").
fn names_the_place(phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .zip(phrase.split_whitespace().skip(1))
        .any(|(word, next)| {
            word.eq_ignore_ascii_case("at") && next.starts_with(|c: char| c.is_uppercase())
        })
}

/// The first sentence of the next paragraph, when nothing but the break (one blank line, or
/// a markdown block boundary) and symbols lie between.
fn next_after_paragraph_break(
    sentence: &Range<usize>,
    masked: &str,
    sentences: &[Range<usize>],
) -> Option<Range<usize>> {
    // An emoji after the headline's "!" may sit between ("... at Wise! 🎉"); the block
    // barrier is not alphanumeric either.
    next_sentence_when(sentence, masked, sentences, |between| {
        between.chars().all(|c| !c.is_alphanumeric()) && between.matches('\n').count() <= 2
    })
}

/// Whether the text between two sentences keeps them in one block: no block barrier and no
/// blank line.
fn within_block(between: &str) -> bool {
    !between.contains(crate::prose::BARRIER as char) && between.matches('\n').count() <= 1
}

/// The text between two sentences is one paragraph break (a blank line or a block barrier)
/// and nothing else.
fn one_block_apart(between: &str) -> bool {
    let barrier = crate::prose::BARRIER as char;
    between.chars().all(|c| c.is_whitespace() || c == barrier) && between.matches('\n').count() <= 2
}

fn in_heading(prose: &Prose, offset: usize) -> bool {
    prose.heading_at(offset)
}

/// One match per rule per overlapping cluster, the longest (earliest on a tie).
fn collapse_overlaps(mut found: Vec<PhraseMatch>) -> Vec<PhraseMatch> {
    found.sort_by(|a, b| {
        (
            a.rule,
            a.range.start,
            std::cmp::Reverse(a.range.end),
            a.pattern,
        )
            .cmp(&(
                b.rule,
                b.range.start,
                std::cmp::Reverse(b.range.end),
                b.pattern,
            ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lint, Format, LintOptions};

    fn rule_set(extra: &str) -> RuleSet {
        rule_set_with(extra, r#"patterns = ["let me know what works"]"#)
    }

    /// A test rule with the id `fires` looks for, its own patterns and `extra` settings.
    fn rule_set_with(extra: &str, patterns: &str) -> RuleSet {
        let source = format!(
            r#"
[[rule]]
id = "bare-availability"
category = "generic_closer"
severity = "warning"
message = "Bare availability closer"
hint = "Propose a time."
explanation = "Test rule."
{patterns}
{extra}
"#
        );
        let file = super::super::builtin::parse_file(&source).unwrap();
        RuleSet::compile(file.rule).unwrap()
    }

    fn fires(set: &RuleSet, text: &str) -> bool {
        !lint(text, Format::PlainText, set, &LintOptions::default())
            .findings
            .iter()
            .all(|f| f.rule != "bare-availability")
    }

    #[test]
    fn next_sentence_condition_reads_only_the_sentence_after_in_the_same_paragraph() {
        let set = rule_set(r#"unless_next_sentence = ["(go through|walk through) (the|our) *"]"#);
        assert!(!fires(
            &set,
            "Let me know what works. I'd like to go through the two schema drafts."
        ));
        assert!(fires(&set, "Let me know what works. Hope you are well."));
        // A topic two sentences on, or in the next paragraph, does not excuse it.
        assert!(fires(
            &set,
            "Let me know what works. Thanks. We could go through the drafts."
        ));
        assert!(fires(
            &set,
            "Let me know what works.\n\nWe could go through the drafts."
        ));
    }

    #[test]
    fn previous_sentence_condition_reads_only_the_sentence_before_in_the_same_paragraph() {
        let set = rule_set(r#"unless_previous_sentence = ["(Monday|Tuesday|Thursday)"]"#);
        assert!(!fires(
            &set,
            "Would Tuesday at 10 work for the schema review? Let me know what works."
        ));
        assert!(fires(&set, "Hope you are well. Let me know what works."));
        // A day two sentences back, or in the paragraph before, does not excuse it.
        assert!(fires(
            &set,
            "Tuesday was fun. I have an idea. Let me know what works."
        ));
        assert!(fires(
            &set,
            "Would Tuesday work?\n\nLet me know what works."
        ));
        // Without the condition the day changes nothing.
        assert!(fires(
            &rule_set(""),
            "Would Tuesday work? Let me know what works."
        ));
    }

    #[test]
    fn a_literal_use_anywhere_in_the_draft_excuses_every_use_when_the_sense_carries() {
        let literal = r#"unless_followed_by = ["for the (sample|assay)"]"#;
        let draft = "Let me know what works for the assay.\n\nAlso, let me know what works.";
        // Without the flag, only the use with the literal sense is excused.
        assert!(fires(&rule_set(literal), draft));
        let carries = format!("{literal}\nliteral_sense_carries = true");
        assert!(!fires(&rule_set(&carries), draft));
        // The flag alone excuses nothing: some use must show the literal sense.
        assert!(fires(
            &rule_set(&carries),
            "Let me know what works.\n\nAlso, let me know what works."
        ));
    }

    #[test]
    fn every_built_in_regex_is_stored_parsed_exactly_as_it_would_be_parsed() {
        let mut stored = 0;
        for rule in RuleSet::builtin().rules() {
            let spec = &rule.spec;
            let conditions = [
                &spec.unless_sentence,
                &spec.unless_followed_by,
                &spec.unless_preceded_by,
                &spec.requires_sentence,
                &spec.unless_previous_sentence,
                &spec.unless_next_sentence,
            ];
            let mut sources: Vec<String> = conditions
                .iter()
                .flat_map(|list| list.iter())
                .map(|p| pattern::to_regex_source(p).expect("built-in condition translates"))
                .collect();
            if spec.kind == RuleKind::Phrase {
                sources.extend(
                    spec.patterns
                        .iter()
                        .map(|p| pattern::translate(p).expect("built-in pattern").source),
                );
            }
            for source in sources {
                let narrowed = narrow_word_classes(&source);
                let expected = crate::text::casefold::folded_hir(&narrowed);
                assert_eq!(
                    crate::text::lean::prebuilt_hir(&narrowed),
                    expected,
                    "{}: {source}",
                    spec.id
                );
                stored += usize::from(expected.is_some());
            }
        }
        assert!(stored > 1000, "only {stored} regexes stored");
        // A regex that is not built in is parsed as usual.
        assert!(crate::text::lean::prebuilt_hir(r"(?i)kestrel\s+queue").is_none());
    }

    #[test]
    fn a_sized_ask_after_a_detailed_question_is_excused_and_nothing_else_is() {
        let set = rule_set("unless_sized_ask_after_question = true");
        let questions = "We are moving the Reno DC to zone picking.\n\n1. How did you handle orders that span more than 3 zones?\n2. Did your Manhattan setup handle zone assignment out of the box?\n\n";
        let sized = "If you have 20 minutes for a call, let me know what works.";
        assert!(!fires(&set, &format!("{questions}{sized}")));
        // Same paragraph too.
        assert!(!fires(
            &set,
            "Did your Manhattan setup handle zone assignment? 20 minutes would do, let me know what works."
        ));
        // Or two sentences back in the paragraph.
        assert!(!fires(
            &set,
            "Did your Manhattan setup handle zone assignment? Ours splits at 3 zones. If 20 minutes suits, let me know what works."
        ));
        // Or two sentences back across one paragraph break.
        assert!(!fires(
            &set,
            "Did your Manhattan setup handle zone assignment? Ours splits at 3 zones.\n\nIf 20 minutes suits, let me know what works."
        ));
        // Two sentences back across two paragraph breaks is too far.
        assert!(fires(
            &set,
            "Did your Manhattan setup handle zone assignment?\n\nOurs splits at 3 zones.\n\nIf 20 minutes suits, let me know what works."
        ));
        // An open-ended ask after the same questions is still flagged.
        assert!(fires(
            &set,
            &format!("{questions}Let me know what works to chat sometime.")
        ));
        // A question with no detail, or not to the reader, does not excuse it.
        assert!(fires(
            &set,
            "How are things with you?\n\nIf 20 minutes suits, let me know what works."
        ));
        assert!(fires(
            &set,
            "Is the Manhattan module worth it?\n\nIf 20 minutes suits, let me know what works."
        ));
        // Two paragraphs away is too far.
        assert!(fires(
            &set,
            "Did your Manhattan setup handle zone assignment?\n\nThanks again.\n\nIf 20 minutes suits, let me know what works."
        ));
        assert!(fires(&rule_set(""), &format!("{questions}{sized}")));
    }

    #[test]
    fn a_following_sentence_with_details_for_the_reader_excuses_the_phrase() {
        let set = rule_set("unless_detail_follows = true");
        // A name and a number, said to the reader.
        assert!(!fires(
            &set,
            "Let me know what works! I still remember you fixing the Halden importer in 2019."
        ));
        // Only one kind of detail, or details not said to the reader, are not enough.
        assert!(fires(
            &set,
            "Let me know what works! I hope you had a good 2019."
        ));
        assert!(fires(
            &set,
            "Let me know what works! Our Halden office opened in 2019."
        ));
        // The detail may take two sentences said to the reader, but not the writer's news.
        assert!(!fires(
            &set,
            "Let me know what works! I saw you moved to Halden. The importer you fixed in 2019 is still running."
        ));
        assert!(fires(
            &set,
            "Let me know what works! Hope you are well. I left the Army in 2019 after 8 years at Fort Hood."
        ));
        // The next paragraph is too far.
        assert!(fires(
            &set,
            "Let me know what works!\n\nI still remember you fixing the Halden importer in 2019."
        ));
        // Unless the phrase names where and heads the note; a bare one still does not.
        let kudos = rule_set_with(
            "unless_detail_follows = true",
            r#"patterns = ["kudos on * years at *"]"#,
        );
        assert!(!fires(
            &kudos,
            "Kudos on 3 years at Wise, Lina! 🎉\n\nThe SEPA Instant rollout you shipped in April cut our recon to 3 hours."
        ));
        assert!(fires(
            &kudos,
            "Kudos on 3 years at the firm!\n\nThe SEPA Instant rollout you shipped in April cut our recon to 3 hours."
        ));
        assert!(fires(
            &rule_set(""),
            "Let me know what works! I still remember you fixing the Halden importer in 2019."
        ));
    }

    #[test]
    fn blocks_are_cut_after_sentence_ends_that_whitespace_follows() {
        let text = "Hi Sam. See v2.1 now! Ok?\nDone";
        let pieces: Vec<&str> = segments(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pieces, ["Hi Sam.", " See v2.1 now!", " Ok?", "\nDone"]);
        assert!(segments("").is_empty());
        assert_eq!(segments("Trailing."), vec![(0..9)]);
    }

    #[test]
    fn a_pattern_that_spans_a_sentence_end_is_searched_over_the_block() {
        let set = rule_set(
            r#"
[[rule]]
id = "hope-then-pitch"
category = "generic_opener"
severity = "warning"
message = "Pleasantry straight into a pitch"
hint = "Say why you write."
explanation = "Test rule."
patterns = ['re:hope you are well\. we']
"#,
        );
        let found = |text: &str| {
            lint(text, Format::PlainText, &set, &LintOptions::default())
                .findings
                .iter()
                .any(|f| f.rule == "hope-then-pitch")
        };
        assert!(found("Hi Sam, hope you are well. We build ledgers."));
        assert!(!found("Hi Sam, hope you are well. I read your post."));
    }

    #[test]
    fn a_sentence_seen_before_gives_the_same_findings_at_its_edges() {
        // Word boundaries and line anchors at a sentence's edges read the characters around
        // it; the second draft repeats the first one's sentence where those differ.
        let set = rule_set("");
        let options = LintOptions::default();
        let ranges = |text: &str| -> Vec<std::ops::Range<usize>> {
            lint(text, Format::PlainText, &set, &options)
                .findings
                .into_iter()
                .filter(|f| f.rule == "bare-availability")
                .map(|f| f.range)
                .collect()
        };
        assert_eq!(ranges("Thanks. Let me know what works."), vec![(8..30)]);
        assert_eq!(ranges("Thanks.Let me know what works."), vec![(7..29)]);
        assert_eq!(ranges("Thanks. Let me know what works!"), vec![(8..30)]);
        assert_eq!(ranges("Let me know what works."), vec![(0..22)]);
        assert!(ranges("Thanks. Let me know what worksheets fit.").is_empty());
    }

    #[test]
    fn sentence_end_punctuation_in_a_pattern_marks_it_as_crossing() {
        use super::pattern::translate;
        for (pattern, crosses) in [
            ("let me know what works", false),
            (r"re:any\s+thoughts\?", true),
            ("re:[^,]+ rocks", true),
            ("re:[^.!?,]+ rocks", false),
            (r"re:\d[\d,.]*k followers", true),
            (r"(did|have) you (get|had) a chance to (look|reply)\?", true),
        ] {
            let translated = translate(pattern).unwrap();
            assert_eq!(translated.crosses_sentences, crosses, "{pattern}");
        }
    }

    #[test]
    fn a_custom_rule_keeps_the_full_unicode_word_class() {
        // U+1200 (Ethiopic) is outside the narrowed class the built-in pack uses.
        let set = rule_set(r#"unless_sentence = ['re:x\wy']"#);
        assert!(!fires(&set, "Let me know what works, xሀy."));
        assert!(fires(&set, "Let me know what works, x-y."));
    }
}
