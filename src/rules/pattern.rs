//! The phrase pattern language (documented in `docs/rules-and-patterns.md`), compiled to
//! Rust regular expressions. A pattern is written the way people write the phrase; the
//! compiler makes spaces match any whitespace run with at most one line break, treats
//! straight and curly apostrophes and quotes alike, expands contractions to their long
//! forms, and keeps matches from starting or ending inside a word.

use thiserror::Error;

/// Horizontal whitespace: spaces and tabs. Patterns run on the masked text, where every
/// no-break and typographic space is already an ASCII space (`prose::normalise_spaces`).
const HSPACE: &str = r"[ \t]";
/// Any apostrophe a draft may use.
const APOS: &str = r"['\u{2019}\u{2018}\u{02bc}]";
/// Any double quote a draft may use.
const QUOTE: &str = r#"["\u{201c}\u{201d}\u{201e}]"#;
/// Word edges. ASCII word boundaries, because the lazy DFA that runs the whole rule set in
/// one pass cannot evaluate Unicode ones on non-ASCII text and would fall back to a far slower
/// engine. A letter like "é" next to a pattern is rare enough to accept.
const START_HALF: &str = r"(?-u:\b{start-half})";
const END_HALF: &str = r"(?-u:\b{end-half})";
/// One word for `*` and `**`.
/// Letters are approximated by ranges (ASCII plus everything from U+00C0 to U+2FFF) rather
/// than `\p{L}`: the exact class costs far more to compile and the difference never matters
/// for a wildcard between words.
const WORD: &str = r"[0-9A-Za-z\u{c0}-\u{2fff}][0-9A-Za-z\u{c0}-\u{2fff}'\u{2019}\-]*";

/// A pattern that does not compile, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("pattern `{pattern}`: {reason}")]
pub struct PatternError {
    /// The pattern as written.
    pub pattern: String,
    /// What is wrong with it.
    pub reason: String,
}

/// Whitespace between words: a run of spaces with at most one line break inside.
pub fn whitespace() -> &'static str {
    static WS: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    WS.get_or_init(|| format!(r"(?:{HSPACE}+(?:(?:\r\n|\r|\n){HSPACE}*)?|(?:\r\n|\r|\n){HSPACE}*)"))
}

/// A pattern translated once: its regex source and what the prefilter needs.
#[derive(Debug, Clone)]
pub struct Translated {
    /// Regex source (see `to_regex_source`).
    pub source: String,
    /// Anchor words, one of which every match contains (`anchors`).
    pub anchors: Option<Vec<Anchor>>,
    /// Selective anchor sets, one word of each of which every match contains
    /// (`required_anchor_sets`).
    pub required: Vec<Vec<Anchor>>,
    /// A match may hold sentence-final punctuation (`can_hold_sentence_end`), so it has to be
    /// searched for across a whole block rather than sentence by sentence.
    pub crosses_sentences: bool,
}

/// Translate a pattern in one parse: its regex source, anchors and required anchor sets,
/// and whether a match may cross a sentence end.
pub fn translate(pattern: &str) -> Result<Translated, PatternError> {
    let (source, anchors, required) = translate_parts(pattern)?;
    Ok(Translated {
        crosses_sentences: can_hold_sentence_end(&source),
        source,
        anchors,
        required,
    })
}

/// A pattern's regex source, anchors and required anchor sets (the sentence-end check,
/// which parses the source again, is left to `translate`).
type Parts = (String, Option<Vec<Anchor>>, Vec<Vec<Anchor>>);

fn translate_parts(pattern: &str) -> Result<Parts, PatternError> {
    let fail = |reason: &str| PatternError {
        pattern: pattern.to_string(),
        reason: reason.to_string(),
    };
    if let Some(raw) = pattern.strip_prefix("re:") {
        // Raw expressions keep the case-insensitivity every pattern has.
        let (anchors, required) = raw_anchors(raw);
        return Ok((format!("(?i:{raw})"), anchors, required));
    }
    if pattern.trim().is_empty() {
        return Err(fail("the pattern is empty"));
    }
    let chars: Vec<char> = pattern.trim().chars().collect();
    let mut parser = Parser { chars, pos: 0 };
    let items = parser.sequence(None).map_err(|r| fail(&r))?;
    if parser.pos < parser.chars.len() {
        return Err(fail(&format!(
            "unexpected `{}` at character {}",
            parser.chars[parser.pos],
            parser.pos + 1
        )));
    }
    let body = emit(&items);
    // A compiled pattern starts and ends on word edges.
    let sets = anchor_sets(&items, true, true);
    Ok((
        format!(r"{START_HALF}(?:{body}){END_HALF}"),
        best_anchor_set(sets.clone()),
        sets.into_iter().filter(|set| is_selective(set)).collect(),
    ))
}

/// The punctuation that ends a sentence, where the matcher may cut a block in two.
pub const SENTENCE_ENDS: [u8; 3] = [b'.', b'!', b'?'];

/// Whether some match of the regex `source` can hold one of `SENTENCE_ENDS`. One that cannot
/// never runs on past a sentence's final punctuation, so the matcher may search each
/// sentence on its own and reuse the result wherever the sentence recurs. A source that does
/// not parse counts as crossing.
pub fn can_hold_sentence_end(source: &str) -> bool {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .map_or(true, |hir| hir_holds_sentence_end(&hir))
}

fn hir_holds_sentence_end(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    let in_range = |start: u32, end: u32| {
        SENTENCE_ENDS
            .iter()
            .any(|&b| (start..=end).contains(&u32::from(b)))
    };
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.iter().any(|b| SENTENCE_ENDS.contains(b)),
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .any(|r| in_range(u32::from(r.start()), u32::from(r.end()))),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .any(|r| in_range(u32::from(r.start()), u32::from(r.end()))),
        HirKind::Repetition(rep) => hir_holds_sentence_end(&rep.sub),
        HirKind::Capture(capture) => hir_holds_sentence_end(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().any(hir_holds_sentence_end)
        }
    }
}

/// Compile a pattern to regex source. Case-insensitivity is built into the source: ASCII
/// letters become two-letter classes and other cased letters get a local `(?i:)`, because
/// a globally case-insensitive regex folds every Unicode range it holds (the word wildcard,
/// the space classes) and grows too large for the lazy DFA, which then hands the search to
/// a much slower engine.
pub fn to_regex_source(pattern: &str) -> Result<String, PatternError> {
    translate_parts(pattern).map(|(source, _, _)| source)
}

#[derive(Debug, Clone)]
enum Item {
    Space,
    /// Regex source of one word or literal piece.
    Piece(String),
    /// A plain ASCII word: its regex source and the lower-case literal every match contains.
    Word(String, String),
    Group(Vec<Vec<Item>>),
    Optional(Vec<Item>),
    /// `**`: zero to three words.
    SomeWords,
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// Items up to (not including) one of the closing characters.
    fn sequence(&mut self, closers: Option<&[char]>) -> Result<Vec<Item>, String> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if closers.is_some_and(|set| set.contains(&c)) {
                break;
            }
            match c {
                c if c.is_whitespace() => {
                    while self.peek().is_some_and(char::is_whitespace) {
                        self.pos += 1;
                    }
                    items.push(Item::Space);
                }
                '(' => {
                    self.pos += 1;
                    items.push(Item::Group(self.alternatives()?));
                }
                '[' => {
                    self.pos += 1;
                    let inner = self.sequence(Some(&[']']))?;
                    if self.peek() != Some(']') {
                        return Err("`[` without a closing `]`".into());
                    }
                    self.pos += 1;
                    items.push(Item::Optional(inner));
                }
                ')' | ']' | '|' => return Err(format!("unexpected `{c}`")),
                '*' => {
                    self.pos += 1;
                    if self.peek() == Some('*') {
                        self.pos += 1;
                        items.push(Item::SomeWords);
                    } else {
                        items.push(Item::Piece(WORD.to_string()));
                    }
                }
                '\\' => {
                    self.pos += 1;
                    let escaped = self.peek().ok_or("a trailing `\\`")?;
                    self.pos += 1;
                    items.push(Item::Piece(folded(escaped)));
                }
                c if is_word_char(c) => items.push(self.word()),
                '\'' | '\u{2019}' => {
                    self.pos += 1;
                    items.push(Item::Piece(APOS.to_string()));
                }
                '"' | '\u{201c}' | '\u{201d}' => {
                    self.pos += 1;
                    items.push(Item::Piece(QUOTE.to_string()));
                }
                other => {
                    self.pos += 1;
                    items.push(Item::Piece(folded(other)));
                }
            }
        }
        Ok(items)
    }

    fn alternatives(&mut self) -> Result<Vec<Vec<Item>>, String> {
        let mut alts = Vec::new();
        loop {
            alts.push(trim_spaces(self.sequence(Some(&['|', ')']))?));
            match self.peek() {
                Some('|') => self.pos += 1,
                Some(')') => {
                    self.pos += 1;
                    return Ok(alts);
                }
                _ => return Err("`(` without a closing `)`".into()),
            }
        }
    }

    /// A word: letters and digits with inner apostrophes and hyphens.
    fn word(&mut self) -> Item {
        let start = self.pos;
        while let Some(c) = self.peek() {
            let inner_joiner = matches!(c, '\'' | '\u{2019}' | '-')
                && self
                    .chars
                    .get(self.pos + 1)
                    .is_some_and(|n| is_word_char(*n));
            if is_word_char(c) || inner_joiner {
                self.pos += 1;
            } else {
                break;
            }
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        let source = expand_word(&word);
        let lower = word.to_lowercase().replace('\u{2019}', "'");
        if let Some(short) = text_speak(&lower) {
            // The texting forms are short and common inside other words, so they cannot
            // anchor the pattern; the other words of the pattern do.
            let short: Vec<String> = short.iter().map(|w| literal_word(w)).collect();
            return Item::Piece(format!("(?:{source}|{})", short.join("|")));
        }
        // A hyphenated word always contains each of its parts ("win-win" matches "winwin"),
        // so it is anchored on the longest, which is the rarest.
        // A word with an apostrophe and no long form ("industry's") always holds its parts too.
        let part = word.split(['-', '\'', '\u{2019}']).fold("", |longest, p| {
            if p.len() > longest.len() {
                p
            } else {
                longest
            }
        });
        let has_long_form = word.contains(['\'', '\u{2019}']) && long_form(&lower).is_some();
        if let Some(typos) = misspellings(&lower) {
            // Each spelling is a word of its own, so the group still anchors the pattern.
            let spellings = std::iter::once(lower.as_str()).chain(typos.iter().copied());
            return Item::Group(
                spellings
                    .map(|w| vec![Item::Word(expand_word(w), w.to_string())])
                    .collect(),
            );
        }
        if !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()) && !has_long_form {
            Item::Word(source, part.to_ascii_lowercase())
        } else {
            Item::Piece(source)
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn trim_spaces(mut items: Vec<Item>) -> Vec<Item> {
    while matches!(items.first(), Some(Item::Space)) {
        items.remove(0);
    }
    while matches!(items.last(), Some(Item::Space)) {
        items.pop();
    }
    items
}

/// Regex for a sequence. An optional part or `**` next to a space takes that space with it,
/// so "my [professional] network" also matches "my network" with a single space.
fn emit(items: &[Item]) -> String {
    let ws = whitespace();
    let mut out = String::new();
    let mut i = 0;
    while i < items.len() {
        let next_is_optional =
            matches!(items.get(i + 1), Some(Item::Optional(_) | Item::SomeWords));
        match &items[i] {
            Item::Space if next_is_optional => {
                out.push_str(&emit_optional_after_space(&items[i + 1], ws));
                i += 2;
                continue;
            }
            Item::Space => out.push_str(ws),
            Item::Piece(p) | Item::Word(p, _) => out.push_str(p),
            Item::Group(alts) => {
                let parts: Vec<String> = alts.iter().map(|a| emit(a)).collect();
                out.push_str(&format!("(?:{})", parts.join("|")));
            }
            Item::Optional(inner) => {
                // An optional part at the start of a sequence takes the following space.
                if matches!(items.get(i + 1), Some(Item::Space)) {
                    out.push_str(&format!("(?:{}{ws})?", emit(inner)));
                    i += 2;
                    continue;
                }
                out.push_str(&format!("(?:{})?", emit(inner)));
            }
            Item::SomeWords => {
                if matches!(items.get(i + 1), Some(Item::Space)) {
                    out.push_str(&format!("(?:{WORD}{ws}){{0,3}}"));
                    i += 2;
                    continue;
                }
                out.push_str(&format!("(?:{WORD}(?:{ws}{WORD}){{0,2}})?"));
            }
        }
        i += 1;
    }
    out
}

/// The space before an optional part belongs to the part: `A [B] C` = `A(?: B)? C`.
fn emit_optional_after_space(item: &Item, ws: &str) -> String {
    match item {
        Item::Optional(inner) => format!("(?:{ws}{})?", emit(inner)),
        _ => format!("(?:{ws}{WORD}){{0,3}}"),
    }
}

/// Contractions: the written form with any apostrophe, and the long form.
fn expand_word(word: &str) -> String {
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    if let Some(long) = long_form(&lower) {
        let short = literal_word(word);
        let ws = whitespace();
        let long: Vec<String> = long
            .iter()
            .map(|form| {
                form.split(' ')
                    .map(|w| {
                        let mut out = String::with_capacity(w.len() * 4);
                        w.chars().for_each(|c| push_folded(&mut out, c));
                        out
                    })
                    .collect::<Vec<_>>()
                    .join(ws)
            })
            .collect();
        return format!("(?:{short}|{})", long.join("|"));
    }
    literal_word(word)
}

/// A word with its apostrophes widened and hyphens made optional.
fn literal_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len() * 4);
    for c in word.chars() {
        match c {
            '\'' | '\u{2019}' => out.push_str(APOS),
            // A hyphen may also be a space or a single line break: "like\nminded" in a
            // hard-wrapped draft is the same word.
            '-' => {
                out.push_str(r"(?:[\-\u{2010}\u{2011}\u{2013}]|");
                out.push_str(whitespace());
                out.push_str(")?");
            }
            other => push_folded(&mut out, other),
        }
    }
    out
}

/// One character matching either case.
fn folded(c: char) -> String {
    let mut out = String::with_capacity(6);
    push_folded(&mut out, c);
    out
}

fn push_folded(out: &mut String, c: char) {
    if c.is_ascii_alphabetic() {
        out.push('[');
        out.push(c.to_ascii_lowercase());
        out.push(c.to_ascii_uppercase());
        out.push(']');
    } else if c.is_lowercase() || c.is_uppercase() {
        out.push_str("(?i:");
        push_escaped(out, c);
        out.push(')');
    } else {
        push_escaped(out, c);
    }
}

fn push_escaped(out: &mut String, c: char) {
    if regex_syntax::is_meta_character(c) {
        out.push('\\');
    }
    out.push(c);
}

/// The texting spellings of a common word ("u" for "you"), which drafts written on a phone
/// use as often as the word itself.
fn text_speak(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "you" => &["u", "ya"],
        "your" => &["ur", "yr"],
        // "let me know if your open to connecting": the possessive is the usual misspelling.
        "you're" => &["ur", "youre", "your"],
        "i'm" => &["im"],
        "let's" => &["lets"],
        "please" => &["pls", "plz"],
        "thanks" => &["thx", "tks"],
        "people" => &["ppl"],
        "message" => &["msg"],
        "love" => &["luv"],
        "should" => &["shld", "shud"],
        "definitely" => &["deffo", "defo"],
        "really" => &["rly", "rlly"],
        _ => return None,
    })
}

/// The frequent misspellings of a word that stock outreach lines are built on. A hurried
/// draft keeps its stock line even when a letter is doubled or dropped, and the line reads
/// just as generic to the recipient.
fn misspellings(word: &str) -> Option<&'static [&'static str]> {
    Some(match word {
        "across" => &["accross", "acros", "accros"],
        "connect" => &["conect"],
        "connected" => &["conected"],
        "connecting" => &["conecting"],
        "connection" => &["conection"],
        "connections" => &["conections"],
        "opportunity" => &["oppurtunity", "opportunuty", "oportunity", "opportunty"],
        "opportunities" => &["oppurtunities", "oportunities"],
        "business" => &["buisness", "bussiness", "busness"],
        "interested" => &["intrested", "interseted"],
        "professional" => &["proffesional", "profesional", "professionnal"],
        "definitely" => &["definately", "definitly"],
        "receive" => &["recieve"],
        "appreciate" => &["apreciate", "appriciate"],
        "looking" => &["lookin"],
        "forward" => &["foward", "forwards"],
        "experience" => &["experiance", "expereince"],
        "excited" => &["exited"],
        "professionals" => &["profesionals", "proffesionals", "professionnals"],
        "impressive" => &["impresive", "impressve"],
        "impressed" => &["impresed"],
        "inspiring" => &["inspirng", "insipring"],
        "well" => &["wel"],
        "doing" => &["doin"],
        "great" => &["gr8"],
        _ => return None,
    })
}

/// The long forms of a contraction (lower case, straight apostrophe), if it is one.
fn long_form(word: &str) -> Option<Vec<String>> {
    let (stem, suffix) = word.split_once('\'')?;
    let irregular = match word {
        "can't" => Some(vec!["cannot", "can not"]),
        "won't" => Some(vec!["will not"]),
        "shan't" => Some(vec!["shall not"]),
        "let's" => Some(vec!["let us"]),
        _ => None,
    };
    if let Some(forms) = irregular {
        return Some(forms.into_iter().map(str::to_string).collect());
    }
    let forms: Vec<&str> = match suffix {
        "d" => vec!["would", "had"],
        "re" => vec!["are"],
        "m" => vec!["am"],
        "ve" => vec!["have"],
        "ll" => vec!["will"],
        "s" if matches!(
            stem,
            "it" | "that" | "what" | "there" | "here" | "who" | "he" | "she" | "where"
        ) =>
        {
            vec!["is", "has"]
        }
        "t" if stem.ends_with('n') => {
            return Some(vec![format!("{} not", &stem[..stem.len() - 1])]);
        }
        _ => return None,
    };
    Some(forms.into_iter().map(|f| format!("{stem} {f}")).collect())
}

/// Rough occurrences per thousand words of outreach prose for the words that are frequent
/// enough to matter when choosing anchors; any other word is rare (see `anchor_rate`).
const WORD_RATES: &[(&str, f32)] = &[
    ("the", 50.0),
    ("i", 25.0),
    ("you", 25.0),
    ("to", 30.0),
    ("and", 25.0),
    ("a", 22.0),
    ("of", 22.0),
    ("in", 15.0),
    ("for", 12.0),
    ("is", 12.0),
    ("your", 12.0),
    ("my", 10.0),
    ("it", 10.0),
    ("that", 10.0),
    ("on", 9.0),
    ("we", 9.0),
    ("with", 7.0),
    ("this", 7.0),
    ("be", 6.0),
    ("are", 5.0),
    ("our", 5.0),
    ("at", 5.0),
    ("have", 5.0),
    ("would", 5.0),
    ("me", 5.0),
    ("as", 4.0),
    ("so", 4.0),
    ("if", 3.0),
    ("do", 3.0),
    ("can", 3.0),
    ("will", 3.0),
    ("an", 3.0),
    ("or", 3.0),
    ("from", 3.0),
    ("about", 3.0),
    ("was", 3.0),
    ("not", 2.0),
    ("all", 2.0),
    ("what", 2.0),
    ("just", 2.0),
    ("by", 2.0),
    ("us", 2.0),
    ("love", 2.0),
    ("like", 2.0),
    ("am", 2.0),
    ("more", 2.0),
    ("work", 2.0),
    ("how", 2.0),
    ("no", 1.0),
    ("hi", 1.0),
    ("hello", 1.0),
    ("thanks", 1.0),
    ("really", 1.0),
    ("very", 1.0),
    ("know", 1.0),
    ("let", 1.0),
    ("get", 1.0),
    ("any", 1.0),
    ("some", 1.0),
    ("time", 1.0),
    ("team", 1.0),
    ("great", 1.0),
    ("hope", 1.0),
    ("well", 1.0),
    ("there", 1.0),
    ("out", 1.0),
    ("up", 1.0),
    ("new", 1.0),
    ("one", 1.0),
    ("here", 1.0),
];

/// Words at or above this rate filter out too few blocks to be worth a required-set check.
const REQUIRED_RATE_LIMIT: f32 = 4.0;

/// Estimated occurrences per thousand words of prose holding `anchor`: listed words at their
/// rate, other words by length (short ones are common), and a literal that may sit inside a
/// longer word ("co" in "company") more often than a whole word.
fn anchor_rate(anchor: &Anchor) -> f32 {
    let text = anchor.text.as_str();
    let base = WORD_RATES
        .iter()
        .find(|(word, _)| *word == text)
        .map_or_else(
            || match text.len() {
                0..=2 => 5.0,
                3 => 1.0,
                4 => 0.5,
                _ => 0.3,
            },
            |(_, rate)| *rate,
        );
    let inside_words = match (anchor.whole_word, text.len()) {
        (true, _) => 1.0,
        (false, 0..=3) => 4.0,
        (false, 4) => 2.0,
        (false, _) => 1.2,
    };
    base * inside_words
}

/// How often a block holds one of the set's words: the sum of their rates.
fn set_rate(set: &[Anchor]) -> f32 {
    set.iter().map(anchor_rate).sum()
}

/// A literal every match of a pattern contains, for the prefilter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Anchor {
    /// Lower-case text.
    pub text: String,
    /// A match holds the literal as a whole word (an ASCII word boundary on both sides), so
    /// an occurrence inside a longer word ("at" in "great") cannot start a match.
    pub whole_word: bool,
}

impl Anchor {
    fn substring(text: String) -> Self {
        Anchor {
            text,
            whole_word: false,
        }
    }
}

/// Anchors of `pattern`: literals of which every match contains at least one; `None` when no
/// such set exists (all-optional patterns, raw expressions without usable literals).
pub fn anchors(pattern: &str) -> Option<Vec<Anchor>> {
    translate_parts(pattern).ok()?.1
}

/// Shortest raw literal worth prefiltering on: shorter ones occur in nearly every draft.
const MIN_RAW_ANCHOR: usize = 3;

/// Anchors and required anchor sets of a raw expression. The candidates are its finite set of
/// required prefix (else suffix) literals, as found by regex-syntax's literal extractor, and
/// the words that its structure requires wherever they sit (`hir_anchor_sets`); the rarest
/// set wins.
fn raw_anchors(raw: &str) -> (Option<Vec<Anchor>>, Vec<Vec<Anchor>>) {
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(raw) else {
        return (None, Vec::new());
    };
    let structural = hir_anchor_sets(&hir);
    let mut candidates = structural.clone();
    candidates.extend(extracted_literals(&hir));
    let required = structural
        .into_iter()
        .filter(|set| is_selective(set))
        .collect();
    (best_anchor_set(candidates), required)
}

/// The required prefix (else suffix) literals of an expression, when every one is long enough
/// to be selective and has no non-ASCII letter (the prefilter folds ASCII case only).
fn extracted_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<Anchor>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let seq = Extractor::new().kind(kind).extract(hir);
        let Some(literals) = seq.literals() else {
            continue;
        };
        let words: Option<Vec<String>> = literals
            .iter()
            .map(|lit| {
                let text = std::str::from_utf8(lit.as_bytes()).ok()?;
                // Punctuation such as `{{` or `*|` is rare in prose even when short.
                let selective = text.len() >= 2
                    || !text
                        .chars()
                        .any(|c| c.is_alphanumeric() || c.is_whitespace());
                let usable = selective && !text.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
                usable.then(|| text.to_ascii_lowercase())
            })
            .collect();
        if let Some(mut words) = words {
            words.sort();
            words.dedup();
            if !words.is_empty() && words.len() <= 64 {
                return Some(words.into_iter().map(Anchor::substring).collect());
            }
        }
    }
    None
}

/// Anchor sets an expression requires: each ASCII word of at least `MIN_RAW_ANCHOR` letters in
/// a literal it must match, and for an alternation whose every branch requires one, the union
/// of the branches' rarest sets. Optional parts and classes require nothing.
fn hir_anchor_sets(hir: &regex_syntax::hir::Hir) -> Vec<Vec<Anchor>> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(lit) => String::from_utf8_lossy(&lit.0)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| word.len() >= MIN_RAW_ANCHOR)
            .map(|word| vec![Anchor::substring(word.to_ascii_lowercase())])
            .collect(),
        HirKind::Concat(parts) => parts.iter().flat_map(hir_anchor_sets).collect(),
        HirKind::Alternation(branches) => branches
            .iter()
            .map(|branch| best_anchor_set(hir_anchor_sets(branch)))
            .collect::<Option<Vec<_>>>()
            .map(|sets| {
                let mut union = sets.concat();
                union.sort_by(|a, b| a.text.cmp(&b.text));
                union.dedup();
                vec![union]
            })
            .unwrap_or_default(),
        HirKind::Repetition(rep) if rep.min > 0 => hir_anchor_sets(&rep.sub),
        HirKind::Capture(capture) => hir_anchor_sets(&capture.sub),
        _ => Vec::new(),
    }
}

/// The best anchor set of a sequence: a single required word (the longest), else the union
/// of a required group's alternatives (the smallest such union).
fn sequence_anchors(items: &[Item], open_start: bool, open_end: bool) -> Option<Vec<Anchor>> {
    best_anchor_set(anchor_sets(items, open_start, open_end))
}

/// The most selective of several anchor sets: the one whose words occur least often in
/// prose (see `anchor_rate`), then the one with fewer words.
fn best_anchor_set(sets: Vec<Vec<Anchor>>) -> Option<Vec<Anchor>> {
    let mut best: Option<(f32, Vec<Anchor>)> = None;
    for candidate in sets {
        let rate = set_rate(&candidate);
        let better = best.as_ref().is_none_or(|(best_rate, b)| {
            rate < *best_rate || (rate == *best_rate && candidate.len() < b.len())
        });
        if better {
            best = Some((rate, candidate));
        }
    }
    best.map(|(_, set)| set)
}

/// One anchor set per required item of a sequence (a word, or a group whose every
/// alternative has anchors). `open_start` and `open_end` say whether the sequence itself
/// sits on a word edge on either side.
fn anchor_sets(items: &[Item], open_start: bool, open_end: bool) -> Vec<Vec<Anchor>> {
    let mut sets = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let starts_word = if i == 0 {
            open_start
        } else {
            matches!(items[i - 1], Item::Space)
        };
        let ends_word = match items.get(i + 1) {
            None => open_end,
            Some(next) => matches!(next, Item::Space),
        };
        let candidate = match item {
            Item::Word(source, word) => Some(vec![Anchor {
                text: word.clone(),
                // A part of a hyphenated word or of a word with an apostrophe is not a
                // whole word.
                whole_word: starts_word
                    && ends_word
                    && !source.contains('-')
                    && !source.contains(APOS),
            }]),
            Item::Group(alts) => alts
                .iter()
                .map(|alt| sequence_anchors(alt, starts_word, ends_word))
                .collect::<Option<Vec<_>>>()
                .map(|sets| sets.concat()),
            _ => None,
        };
        sets.extend(candidate);
    }
    sets
}

/// Every selective anchor set of a pattern: each set's words are uncommon, so checking that
/// a block holds one word of every set is cheap and rules out most blocks before the regex
/// runs. Empty for raw expressions.
pub fn required_anchor_sets(pattern: &str) -> Vec<Vec<Anchor>> {
    translate_parts(pattern)
        .map(|(_, _, required)| required)
        .unwrap_or_default()
}

fn is_selective(set: &[Anchor]) -> bool {
    set.iter()
        .all(|a| a.text.len() >= MIN_RAW_ANCHOR && anchor_rate(a) < REQUIRED_RATE_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[track_caller]
    fn compiled(pattern: &str) -> Regex {
        let source = to_regex_source(pattern).unwrap();
        Regex::new(&source).unwrap()
    }

    /// The text as patterns see it: masked text has ASCII spaces only.
    fn masked(text: &str) -> String {
        let mut bytes = text.as_bytes().to_vec();
        crate::prose::normalise_spaces(&mut bytes);
        String::from_utf8(bytes).unwrap()
    }

    #[track_caller]
    fn assert_matches(pattern: &str, text: &str) {
        assert!(
            compiled(pattern).is_match(&masked(text)),
            "{pattern:?} should match {text:?}"
        );
    }

    #[track_caller]
    fn assert_no_match(pattern: &str, text: &str) {
        assert!(
            !compiled(pattern).is_match(&masked(text)),
            "{pattern:?} should not match {text:?}"
        );
    }

    #[test]
    fn spaces_cross_one_line_break_and_nbsp_but_not_a_blank_line() {
        let p = "add you to my network";
        assert_matches(p, "I'd like to ADD YOU to my\nnetwork.");
        assert_matches(p, "add you to\r\n   my network");
        assert_matches(p, "add\u{a0}you to my network");
        assert_matches(p, "add you\u{2009}to\u{202f}my network");
        assert_matches("add\u{a0}you", "add you");
        assert_no_match(p, "add you to my\n\nnetwork");
        assert_no_match(p, "add you to my\u{1e}network");
    }

    #[test]
    fn contractions_and_curly_apostrophes() {
        let p = "I'd like to connect";
        assert_matches(p, "I'd like to connect");
        assert_matches(p, "I’d like to connect");
        assert_matches(p, "I would like to connect");
        assert_matches("you're", "you are");
        assert_matches("add you to my network", "add u to my network");
        assert_matches(
            "I'm keen to meet people like you",
            "im keen to meet ppl like ya",
        );
        assert_matches("your profile", "ur profile");
        assert_matches(
            "I hope this message finds you well",
            "I hope this msg finds u well",
        );
        assert_matches("would love to chat", "would luv to chat");
        assert_no_match("would love to chat", "would glove to chat");
        assert_no_match("your profile", "our profile");
        assert_no_match("add you to", "add gnu to");
        assert_matches("don't", "do not");
        assert_matches("can't", "cannot");
        assert_matches("let's connect", "Let us connect");
        assert_no_match("we're", "were");
    }

    #[test]
    fn alternatives_and_optionals() {
        let p = "(grow|expand|build) my [professional] network";
        assert_matches(p, "expand my network");
        assert_matches(p, "grow my professional network");
        assert_no_match(p, "grow my  own network");
        let start = "[just] (following|circling) (up|back)";
        assert_matches(start, "Following up on this");
        assert_matches(start, "just circling back");
    }

    #[test]
    fn words_and_some_words() {
        assert_matches("congrats on * anniversary", "congrats on your anniversary");
        assert_no_match("congrats on * anniversary", "congrats on anniversary");
        assert_matches("congrats on ** anniversary", "congrats on anniversary");
        assert_matches(
            "congrats on ** anniversary",
            "Congrats on your 5-year work anniversary",
        );
    }

    #[test]
    fn word_boundaries_and_hyphens() {
        assert_no_match("network", "networking");
        assert_no_match("leverage", "deleverage");
        assert_matches("follow-up", "a follow up note");
        assert_matches("follow-up", "a followup");
        assert_matches("follow-up", "a follow–up");
        assert_matches("win-win", "a win-win");
        assert_matches("like-minded people", "like\nminded people");
        assert_no_match("like-minded people", "like\n\nminded people");
    }

    #[test]
    fn frequent_misspellings_match_and_still_anchor() {
        assert_matches("came across your profile", "I came accross your profile");
        assert_matches("a business opportunity", "a buisness oppurtunity");
        assert_matches("be connected", "be conected");
        // The pattern's anchor is one of its words with all its spellings.
        let set = anchors("business opportunities")
            .map(|set| set.into_iter().map(|a| a.text).collect::<Vec<_>>());
        assert!(
            set.is_some_and(|words| words.contains(&"buisness".to_string())
                || words.contains(&"oppurtunities".to_string()))
        );
    }

    #[test]
    fn quotes_raw_and_escapes() {
        assert_matches("\"your profile\"", "“your profile”");
        assert_matches(r"re:\{\{\s*\w+\s*\}\}", "Hi {{ first_name }}");
        assert_matches(r"\[Name\]", "Hello [Name],");
    }

    #[test]
    fn anchors_are_required_words() {
        let texts = |p: &str| -> Option<Vec<String>> {
            anchors(p).map(|set| set.into_iter().map(|a| a.text).collect())
        };
        assert_eq!(
            texts("I'd like to add you to my [professional] network"),
            Some(vec!["network".to_string()])
        );
        assert_eq!(
            texts("(grow|expand) my network"),
            Some(vec!["network".to_string()])
        );
        let group = texts("(touch base|circling back)").unwrap();
        assert_eq!(group, vec!["touch".to_string(), "circling".to_string()]);
        assert_eq!(texts(r"re:\w+"), None);
        assert_eq!(texts(r"re:\{\{\s*\w+\s*\}\}"), Some(vec!["{{".to_string()]));
        assert_eq!(texts(r"re:a\s+b"), None, "too short to select");
        assert_eq!(
            texts(r"re:(?:follow\s+back|f4f)(?-u:\b)"),
            Some(vec!["f4f".to_string(), "follow".to_string()])
        );
        assert_eq!(
            texts(r"re:\d+\+\s+(?:connections|followers)"),
            Some(vec!["connections".to_string(), "followers".to_string()])
        );
        assert_eq!(texts("[optional] *"), None);
    }

    #[test]
    fn required_sets_are_every_selective_required_word() {
        let sets = |p: &str| -> Vec<Vec<String>> {
            required_anchor_sets(p)
                .into_iter()
                .map(|set| set.into_iter().map(|a| a.text).collect())
                .collect()
        };
        assert_eq!(
            sets("I'd like to add you to my [professional] network"),
            vec![
                vec!["like".to_string()],
                vec!["add".to_string()],
                vec!["network".to_string()]
            ]
        );
        assert_eq!(
            sets("(grow|expand) my network"),
            vec![
                vec!["grow".to_string(), "expand".to_string()],
                vec!["network".to_string()]
            ]
        );
        assert_eq!(
            sets("re:grow\\s+network"),
            vec![vec!["grow".to_string()], vec!["network".to_string()]]
        );
        // The most frequent words filter out too few blocks to be worth checking.
        assert_eq!(
            sets("you and the network"),
            vec![vec!["network".to_string()]]
        );
    }

    #[test]
    fn anchors_know_when_they_are_whole_words() {
        let whole = |p: &str| -> Vec<(String, bool)> {
            anchors(p)
                .unwrap()
                .into_iter()
                .map(|a| (a.text, a.whole_word))
                .collect()
        };
        assert_eq!(whole("big fan"), vec![("big".to_string(), true)]);
        assert_eq!(whole("win-win"), vec![("win".to_string(), false)]);
        // A hyphenated word or a word with an apostrophe is anchored on its longest part.
        assert_eq!(
            whole("I'm a co-founder"),
            vec![("founder".to_string(), false)]
        );
        assert_eq!(
            whole("the industry's best"),
            vec![("industry".to_string(), false)]
        );
        assert_eq!(
            whole("(pre|re)schedule"),
            vec![("schedule".to_string(), false)]
        );
        assert_eq!(
            whole("(grow|expand) my"),
            vec![("grow".to_string(), true), ("expand".to_string(), true)]
        );
        assert!(anchors(r"re:(?:follow\s+back)")
            .unwrap()
            .iter()
            .all(|a| !a.whole_word));
    }

    #[test]
    fn anchors_prefer_the_rarest_set() {
        let texts =
            |p: &str| -> Vec<String> { anchors(p).unwrap().into_iter().map(|a| a.text).collect() };
        // "the" is in every draft; the group of rare words is the better filter even though
        // it holds "team".
        assert_eq!(
            texts("we are the (founders|team|makers) of"),
            vec!["founders", "team", "makers"]
        );
        // A contraction with long forms ("I'd" is also "I would") has no anchor of its own.
        assert_eq!(texts("I'd (adore|cherish)"), vec!["adore", "cherish"]);
    }

    #[test]
    fn raw_expressions_are_anchored_on_the_words_they_require() {
        let raw = r"re:(?:I\s+saw|saw|heard)\s+you\s+(?:started|took)\s+a\s+new\s+role";
        let anchor_texts: Vec<String> = anchors(raw).unwrap().into_iter().map(|a| a.text).collect();
        assert_eq!(anchor_texts, vec!["role"]);
        let sets: Vec<Vec<String>> = required_anchor_sets(raw)
            .into_iter()
            .map(|set| set.into_iter().map(|a| a.text).collect())
            .collect();
        assert!(sets.contains(&vec!["started".to_string(), "took".to_string()]));
        assert!(sets.contains(&vec!["role".to_string()]));
        // Optional parts and classes require nothing.
        assert_eq!(
            anchors(r"re:(?:quick\s+)?\d+\s*min"),
            Some(vec![Anchor::substring("min".into())])
        );
        assert_eq!(anchors(r"re:(?:quick\s+)?\d+"), None);
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(to_regex_source("(a|b").is_err());
        assert!(to_regex_source("[a").is_err());
        assert!(to_regex_source("a)").is_err());
        assert!(to_regex_source("  ").is_err());
    }
}
