//! Evidence that a sentence or a draft is tied to its reader: proper names, numbers and
//! dates, quoted titles, a named piece of their work, a shared event, a mutual contact. The
//! `unless_specific` condition of phrase rules and the document-level `missing-context` check
//! both read it, and the hover lists what was found.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::evidence_sources::{self as sources, Id};
use crate::text::lean::LeanRegex as Regex;
use crate::text::memo::Memo;

/// Capitalised words that say nothing specific about a reader.
const NOT_SPECIFIC: &[&str] = &[
    "i",
    "i'm",
    "i'd",
    "i've",
    "i'll",
    "im",
    "linkedin",
    "hi",
    "hello",
    "hey",
    "dear",
    "thanks",
    "thank",
    "best",
    "regards",
    "cheers",
    "ok",
    "okay",
    "ceo",
    "ceos",
    "cio",
    "cios",
    "ciso",
    "cisos",
    "ctos",
    "cfos",
    "cmos",
    "vps",
    "svp",
    "evp",
    "roi",
    "kpi",
    "kpis",
    "dtc",
    "d2c",
    "smb",
    "smbs",
    "cto",
    "cfo",
    "coo",
    "cmo",
    "vp",
    "hr",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "congrats",
    "congratulations",
    "happy",
    "ai",
    "b2b",
    "saas",
    "the",
    "a",
    "an",
    "my",
    "your",
    "we",
    "you",
    "our",
    "it",
    "this",
    "that",
    "p.s",
    "ps",
    "re",
    "fw",
    "fwd",
    "subject",
    "team",
    "please",
    "just",
    "also",
    "and",
    "but",
    "so",
    "inmail",
    "zoom",
    "teams",
    "google",
    "email",
    "e-mail",
    "internet",
    "web",
    "covid",
    // Trade acronyms and job-title words: a mail merge writes "SEO", "CRM" or "Head of
    // Product" as easily as a name, so they say nothing about this reader.
    "seo",
    "god",
    "ml",
    "nlp",
    "iot",
    "llm",
    "llms",
    "genai",
    "esg",
    // Workplace programmes every internal pitch names: employee resource groups, DEI.
    "erg",
    "ergs",
    "dei",
    // Sales regions and a city's business district: every pitch to the region names them.
    "apac",
    "emea",
    "latam",
    "mena",
    "dach",
    "anz",
    "cbd",
    "crm",
    "roi",
    "kpi",
    "kpis",
    "api",
    "apis",
    "ux",
    "ui",
    "it",
    "smb",
    "smbs",
    "gtm",
    "b2c",
    "erp",
    "ppc",
    "sdr",
    "sdrs",
    "bdr",
    "okr",
    "okrs",
    "faq",
    "pdf",
    "asap",
    "fyi",
    "head",
    "chief",
    "officer",
    "president",
    "vice",
    "director",
    "manager",
    "senior",
    "principal",
    "lead",
    "founder",
    "co-founder",
    "cofounder",
    "partner",
    "product",
    "marketing",
    "sales",
    "operations",
    "engineering",
    "engineer",
    "recruiter",
    "specialist",
    "consultant",
    "executive",
    "analyst",
    "designer",
    "developer",
    "business",
    "development",
    "junior",
    "associate",
    "assistant",
    "coordinator",
    "administrator",
    "architect",
    "technician",
    "intern",
    "trainee",
    "avp",
    "talent",
    "acquisition",
    "account",
    "accounts",
    "customer",
    "success",
    // Recruiters' shorthand: cost to company, multinationals, banking and insurance.
    // Platforms and their stock parts: "your Google Business Profile", "Facebook ads".
    "profile",
    "ads",
    "facebook",
    "instagram",
    "youtube",
    "tiktok",
    "whatsapp",
    "gmail",
    "outlook",
    "ctc",
    "mnc",
    "mncs",
    "bfsi",
    "cv",
    "pm",
    "pms",
    "sme",
    "smes",
    // Degrees and research fields, capitalised in every student's cold email.
    "phd",
    "msc",
    "mba",
    "btech",
    "mtech",
    "m.tech",
    "b.tech",
    "machine",
    "learning",
    "computer",
    "vision",
    "natural",
    "language",
    "processing",
    "artificial",
    "intelligence",
    "data",
    "science",
    // Where a profile was found: every scraped list names the site.
    "researchgate",
    "academia.edu",
    "twitter",
    "medium",
    "substack",
];

fn not_details() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(&sources::not_details()))
}

/// A line that only restates the reader's job title and employer ("Saw you're a 7th grade
/// science teacher at Lincoln Middle", "I see you work at Maersk"): what a mail merge fills
/// in from a profile. Its numbers and names are not a reason tied to the reader.
fn role_at_employer() -> &'static Regex {
    constant(Id::ROLE_AT_EMPLOYER)
}

fn number() -> &'static Regex {
    constant(Id::NUMBER)
}

/// A month or weekday, not counting the modal "May I ask" / "May we".
fn has_month_or_day(text: &str) -> bool {
    if !text.contains("May ") {
        return month_or_day().is_match(text);
    }
    let modal = constant(Id::MODAL_MAY);
    month_or_day().is_match(&modal.replace_all(text, " "))
}

/// Month and day names. Those that are also everyday words ("may", "march", "sat") count only
/// capitalised; the others in any case, as texted ("on sunday").
fn month_or_day() -> &'static Regex {
    constant(Id::MONTH_OR_DAY)
}

fn quoted_title() -> &'static Regex {
    constant(Id::QUOTED_TITLE)
}

/// "your <piece of work> <on|about|at|that|comparing|...>": the start of a named piece of
/// their work. What follows is checked by `generic_subject`, so "your posts on LinkedIn" does
/// not count. Also what their page or sign shows ("your gallery page still shows the orangery
/// before the refurb"): only someone who looked can say.
fn their_work() -> &'static Regex {
    constant(Id::THEIR_WORK)
}

/// A picture or clip of theirs, described by what it shows: "saw the pic of the new counter
/// on ur insta". Only someone who looked can say what was in it.
fn picture_of() -> &'static Regex {
    constant(Id::PICTURE_OF)
}

/// A document of theirs named by its number: "Bid 24-117 on the district portal", "your RFP
/// 2024-03", "PR #412". Only someone answering that very tender or ticket can quote it.
/// Issues, tickets and pull requests need the `#`, since "issue 3 of our newsletter" is not.
/// A tender named by its subject counts too: "the tender for the school transport review".
fn reference_number() -> &'static Regex {
    constant(Id::REFERENCE_NUMBER)
}

/// A named show, talk or piece the writer went to or read: "I visited “Threads of Kano” at
/// the Horniman". The quoted title is what makes it theirs rather than a topic. Playing their
/// game or eating at their restaurant, named, counts the same way: "we ate at Marrow".
fn visited_title() -> &'static Regex {
    constant(Id::VISITED_TITLE)
}

/// Subjects that make "your posts on ..." generic again: the platform, or a topic so broad
/// that it fits anyone.
fn generic_subject() -> &'static Regex {
    constant(Id::GENERIC_SUBJECT)
}

fn has_their_work(text: &str) -> bool {
    their_work().find_iter(text).any(|m| {
        // "Submit your next article" asks for work that does not exist yet.
        if m.as_str()
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("next") || w.eq_ignore_ascii_case("future"))
        {
            return false;
        }
        let tail = &text[m.end()..];
        // After a comma a title may follow ("your post, Taming Retries"), but a new clause
        // does not name the piece: "Having reviewed your portfolio, our team was impressed".
        if m.as_str().trim_end().ends_with(',') && opens_clause_after_comma(tail) {
            return false;
        }
        // An empty tail is a sentence cut at a line break ("your poster comparing\n8- and
        // 12-hour shifts"): the piece of work is still named.
        tail.trim().is_empty()
            || tail.starts_with(|c: char| {
                c.is_alphanumeric() || matches!(c, '“' | '"' | '\'' | '‘' | '#' | '$')
            }) && !generic_subject().is_match(tail)
    })
}

/// Whether the words after a comma start a new clause with its own subject ("your
/// portfolio, our team was impressed") rather than a title. Other words may go on describing
/// the piece ("your PyCon talk, and the flame graphs in it") or start a clause that still
/// names it ("I tried your recipe, my kids asked for the beans").
fn opens_clause_after_comma(tail: &str) -> bool {
    tail.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .find(|w| !w.is_empty())
        .is_some_and(|first| first.eq_ignore_ascii_case("our"))
}

/// Something the reader did, told as a fact only someone who knows them could tell: "the
/// checklist you used", "you rescued the billing migration", "you taught me to solder".
fn deed_relative() -> &'static Regex {
    constant(Id::DEED_RELATIVE)
}

fn deed_direct() -> &'static Regex {
    constant(Id::DEED_DIRECT)
}

/// Nouns that make "the X you made" flattery rather than a fact: "the impact you've made",
/// "the work you do", "the content you shared".
const GENERIC_DEED_OBJECTS: &[&str] = &[
    "impact",
    "work",
    "value",
    "content",
    "insights",
    "insight",
    "things",
    "success",
    "successes",
    "journey",
    "experience",
    "expertise",
    "passion",
    "dedication",
    "contributions",
    "contribution",
    "achievements",
    "accomplishments",
    "progress",
    "difference",
    "growth",
    "results",
    "career",
    "path",
    "background",
    "way",
    "everything",
    "stuff",
    "posts",
    "updates",
    "update",
    "connections",
    "network",
    "profile",
    "role",
    "position",
    "job",
    "company",
    "business",
    "brand",
    "team",
    "moves",
    "strides",
    "milestones",
    "milestone",
    "leadership",
    "vision",
    "mission",
];

/// Verbs that tell what anyone could read off a profile or a notification ("you joined",
/// "you viewed my profile", "you raised a Series A"), or that belong to a question ("are
/// you interested"), in a relative clause ("the post you liked") as much as in a statement.
const GENERIC_VERBS_ANYWHERE: &[&str] = &[
    "viewed",
    "visited",
    "liked",
    "followed",
    "accepted",
    "connected",
    "joined",
    "started",
    "moved",
    "changed",
    "celebrated",
    "reached",
    "received",
    "added",
    "registered",
    "signed",
    "downloaded",
    "subscribed",
    "opened",
    "clicked",
    "interested",
    "based",
    "located",
    "needed",
    "wanted",
    "loved",
    "enjoyed",
    "attended",
    "requested",
    "expressed",
    "posted",
    "raised",
    "earned",
    "completed",
    "achieved",
    "noticed",
    "seemed",
    "appeared",
];

/// Verbs generic only as "you <verb> ...": "the checklist you used" is a fact about the
/// reader's work, "you used LinkedIn" is not.
const GENERIC_VERBS_DIRECT_ONLY: &[&str] = &[
    "checked",
    "worked",
    "graduated",
    "studied",
    "transitioned",
    "pivoted",
    "switched",
    "landed",
    "passed",
    "commented",
    "reacted",
    "endorsed",
    "hired",
    "expanded",
    "secured",
    "closed",
    "announced",
    "considered",
    "missed",
    "qualified",
    "involved",
    "focused",
    "tired",
    "excited",
    "inclined",
    "used",
    "managed",
    "handled",
    "scaled",
    "grew",
    "built up",
    "experienced",
    "faced",
    "tackled",
    "explored",
    "evaluated",
    "looked",
    "tried",
];

fn is_generic_direct_verb(verb: &str) -> bool {
    GENERIC_VERBS_ANYWHERE.contains(&verb) || GENERIC_VERBS_DIRECT_ONLY.contains(&verb)
}

/// Words before "you" that turn "you <did>" into a question or a condition ("have you
/// considered", "if you missed").
const NOT_A_STATEMENT: &[&str] = &[
    "have", "did", "had", "if", "when", "whether", "would", "could", "should", "will", "can", "do",
    "unless", "once", "as", "that", "how", "why", "what", "where", "thank",
];

/// Congratulations on something the reader made, named: "congrats on shipping bumpalo-lite
/// 3.0". Only verbs of finishing a piece of work count; "congrats on the new role" or "on
/// hitting 3 years" are notifications, and a bare noun ("on publishing your book") names
/// nothing only this reader did.
fn congrats_on_work() -> &'static Regex {
    constant(Id::CONGRATS_ON_WORK)
}

/// Nouns that leave "congrats on publishing your X" without a detail.
const BARE_WORK_NOUNS: &[&str] = &[
    "product",
    "book",
    "paper",
    "article",
    "podcast",
    "app",
    "website",
    "site",
    "startup",
    "newsletter",
    "post",
    "video",
    "course",
    "thesis",
    "dissertation",
    "project",
    "release",
    "version",
    "feature",
    "update",
];

fn has_congrats_on_work(text: &str) -> bool {
    congrats_on_work().captures_iter(text).any(|c| {
        // The capture may carry the sentence's full stop ("product.").
        let noun = c
            .get(1)
            .map_or("", |m| m.as_str())
            .trim_end_matches(['.', '-'])
            .to_lowercase();
        !noun.is_empty()
            && !GENERIC_DEED_OBJECTS.contains(&noun.as_str())
            && !BARE_WORK_NOUNS.contains(&noun.as_str())
    })
}

fn has_deed(text: &str) -> bool {
    if has_congrats_on_work(text) {
        return true;
    }
    let relative = deed_relative().captures_iter(text).any(|c| {
        let noun = c
            .get(1)
            .map_or("", |m| m.as_str())
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase();
        let verb = c.get(2).map_or("", |m| m.as_str()).to_lowercase();
        !GENERIC_DEED_OBJECTS.contains(&noun.as_str())
            && !GENERIC_VERBS_ANYWHERE.contains(&verb.as_str())
    });
    relative
        || deed_direct().captures_iter(text).any(|c| {
            let before = c.get(1).map_or("", |m| m.as_str()).to_lowercase();
            let verb = c.get(2).map_or("", |m| m.as_str()).to_lowercase();
            let object = c.get(3).map_or("", |m| m.as_str()).to_lowercase();
            !NOT_A_STATEMENT.contains(&before.as_str())
                && !is_generic_direct_verb(&verb)
                && !matches!(
                    object.as_str(),
                    "interesting" | "amazing" | "something" | "nothing" | "everything"
                )
        })
}

fn shared_history() -> &'static Regex {
    constant(Id::SHARED_HISTORY)
}

/// A congratulation on a named achievement of theirs ("Congratulations on the Red Dot for the
/// Halo wheelchair brake", "congrats on the RIAI shortlist"): the award, shortlist or launch
/// is theirs and has a name. A new role, promotion or anniversary at a company is what a
/// profile announces, and the company is not the achievement.
fn congrats_on_named(sentence: &str, names: &KnownNames) -> bool {
    const PROFILE_EVENTS: &[&str] = &[
        "role",
        "position",
        "job",
        "gig",
        "promotion",
        "anniversary",
        "appointment",
        "move",
        "title",
        "years",
        "year",
        "post",
        "new",
        "step",
        "chapter",
        "journey",
        "career",
        "milestone",
        "achievement",
        "success",
    ];
    let re = constant(Id::CONGRATS_ON_NAMED);
    re.captures_iter(sentence).any(|caps| {
        let between = caps.get(1).map_or("", |m| m.as_str()).to_lowercase();
        let name = caps.get(2).map_or("", |m| m.as_str());
        let lower = name.to_lowercase();
        !between
            .split_whitespace()
            .any(|w| PROFILE_EVENTS.contains(&w))
            && !names.contains(&lower)
            && !NOT_SPECIFIC.contains(&lower.as_str())
    })
}

/// A mutual contact named as the source of the note ("Priya Raman suggested I write"). A
/// capitalised word that names no one ("As mentioned", "It says") is not a contact.
fn has_mutual_contact(sentence: &str) -> bool {
    const NOT_A_PERSON: &[&str] = &[
        "As",
        "It",
        "This",
        "That",
        "Which",
        "What",
        "Everyone",
        "Someone",
        "Somebody",
        "Nobody",
        "Research",
        "Experience",
        "Data",
        "Also",
        "Previously",
        "Again",
    ];
    mutual_contact().find_iter(sentence).any(|m| {
        let first = m.as_str().split_whitespace().next().unwrap_or("");
        !NOT_A_PERSON.contains(&first)
    })
}

fn mutual_contact() -> &'static Regex {
    constant(Id::MUTUAL_CONTACT)
}

/// Words of a sentence addressed to the reader. Thanks, hopes and congratulations are
/// addressed to them even without a "you" ("Hope the Kraków opening went well on Monday").
fn about_reader() -> &'static Regex {
    constant(Id::ABOUT_READER)
}

/// A congratulation or thanks on a piece of the reader's work named only by its kind ("Congrats
/// on the paper, Dr. Haddad!", "Thanks for your talk"): the sentence after it often carries
/// the detail ("Figure 3 is the one I keep going back to: ...").
pub fn introduces_their_piece(sentence: &str) -> bool {
    constant(Id::INTRODUCES_THEIR_PIECE).is_match(sentence)
}

/// "teams like yours", "people like you", "shops your size", "if you or anyone you know...":
/// the reader as one of a crowd, which is not about them at all.
fn crowd_like_you() -> &'static Regex {
    constant(Id::CROWD_LIKE_YOU)
}

fn placeholder_like() -> &'static Regex {
    constant(Id::PLACEHOLDER_LIKE)
}

/// Whether the sentence holds something shaped like a merge field. "It was great chatting at
/// [SHOW NAME]" is a mail merge's memory, not a shared one, so its history does not count.
pub fn has_merge_field(sentence: &str) -> bool {
    constant(Id::MERGE_FIELD).is_match(sentence)
}

/// The constant evidence regex `id`, compiled on first use and then shared.
fn constant(id: Id) -> &'static Regex {
    constant_at(id as usize)
}

/// Compile every constant evidence regex now. Start-up calls this on a spare thread while it
/// reads the rule pack: the first draft then finds them built, or waits only for the one in
/// progress. It goes from the last to the first, so that a thread linting at the same time
/// (which meets them roughly in list order) and this one meet in the middle.
pub fn warm_up() {
    for index in (0..sources::LISTED.len()).rev() {
        let _ = constant_at(index);
    }
    let _ = not_details();
}

fn constant_at(index: usize) -> &'static Regex {
    static COMPILED: [OnceLock<Regex>; sources::LISTED.len()] =
        [const { OnceLock::new() }; sources::LISTED.len()];
    COMPILED[index].get_or_init(|| compile(sources::LISTED[index]))
}

fn compile(source: &str) -> Regex {
    Regex::new(&sources::prepare(source))
        .unwrap_or_else(|err| panic!("evidence regex is a constant: {err}"))
}

/// Names a detail check should not count as specific: the recipient's and sender's names,
/// their company, the greeting's name. Stored lower-case.
#[derive(Debug, Clone, Default)]
pub struct KnownNames {
    words: HashSet<String>,
}

impl KnownNames {
    /// Add every word of `name`.
    pub fn add(&mut self, name: &str) {
        for word in name.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            if !word.is_empty() {
                self.words.insert(word.to_lowercase());
            }
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }

    /// The key `details` is memoised under: the sentence, then the known names that occur
    /// in it. The checks only ever ask about words of the sentence, so a name that does not
    /// occur in it cannot change the result, and drafts that share a sentence share one
    /// entry whoever they are addressed to.
    fn memo_key(&self, sentence: &str) -> String {
        let mut key = String::with_capacity(sentence.len() + 16);
        key.push_str(sentence);
        if self.words.is_empty() {
            return key;
        }
        let lower = sentence.to_lowercase();
        let mut present: Vec<&str> = self
            .words
            .iter()
            .map(String::as_str)
            .filter(|word| lower.contains(word))
            .collect();
        present.sort_unstable();
        for word in present {
            key.push('\0');
            key.push_str(word);
        }
        key
    }
}

/// The kinds of evidence a sentence can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DetailKind {
    /// A named piece of the reader's work with a detail.
    TheirWork,
    /// A shared event, conversation or history.
    SharedHistory,
    /// A named mutual contact.
    MutualContact,
    /// A number or a date.
    NumberOrDate,
    /// A quoted title.
    QuotedTitle,
    /// A proper name (not the reader's own name or company).
    ProperName,
}

impl DetailKind {
    /// Whether this kind ties a draft to its reader on its own (their work, a shared past, a
    /// mutual contact); the others count only in a sentence about the reader, or in pairs.
    pub fn is_strong(self) -> bool {
        matches!(
            self,
            DetailKind::TheirWork | DetailKind::SharedHistory | DetailKind::MutualContact
        )
    }

    /// Words for the hover.
    pub fn describe(self) -> &'static str {
        match self {
            DetailKind::TheirWork => "a named piece of their work",
            DetailKind::SharedHistory => "a shared event or conversation",
            DetailKind::MutualContact => "a named mutual contact",
            DetailKind::NumberOrDate => "a concrete number or date",
            DetailKind::QuotedTitle => "a quoted title",
            DetailKind::ProperName => "a named project, place, event or organisation",
        }
    }
}

/// Bytes of sentence details kept for reuse: some 20,000 sentences.
const DETAILS_MEMO_BYTES: usize = 4 << 20;

/// The specific details in one sentence (placeholders and time boxes removed first). A
/// sentence met before, with the same known names in it, is answered from a memo table.
pub fn details(sentence: &str, names: &KnownNames) -> Vec<DetailKind> {
    static MEMO: OnceLock<Memo<Vec<DetailKind>>> = OnceLock::new();
    MEMO.get_or_init(|| Memo::new(DETAILS_MEMO_BYTES))
        .get_or_compute(&names.memo_key(sentence), || {
            compute_details(sentence, names)
        })
}

/// What a phrase blanked out of a sentence leaves at its start: a mark rather than a space,
/// so "your recent work on [INSERT TOPIC], which..." leaves no named piece behind (the comma
/// after a bare blank would read as the end of a title).
pub(crate) const BLANK_MARK: char = '\u{2026}';
const BLANK_MARK_WORD: &str = " \u{2026} ";

/// `sentence` as its details are read: texting spellings written out, merge fields marked
/// blank, and what only looks like a detail (a time box, a title at an employer) blanked.
fn cleaned_for_details(sentence: &str) -> String {
    let sentence = spelled_out(sentence);
    let cleaned = placeholder_like().replace_all(&sentence, BLANK_MARK_WORD);
    let cleaned = not_details().replace_all(&cleaned, " ");
    role_at_employer().replace_all(&cleaned, " ").into_owned()
}

/// How many separate names a sentence holds once cleaned as for its details (see
/// `proper_name_runs`).
fn named_things(sentence: &str, names: &KnownNames) -> usize {
    proper_name_runs(&cleaned_for_details(sentence), names)
}

fn compute_details(sentence: &str, names: &KnownNames) -> Vec<DetailKind> {
    let cleaned = cleaned_for_details(sentence);
    let mut found = Vec::new();
    if has_their_work(&cleaned)
        || has_deed(&cleaned)
        || picture_of().is_match(&cleaned)
        || visited_title().is_match(&cleaned)
        || reference_number().is_match(&cleaned)
        || congrats_on_named(&cleaned, names)
    {
        found.push(DetailKind::TheirWork);
    }
    if shared_history().is_match(&cleaned) && !has_merge_field(sentence) {
        found.push(DetailKind::SharedHistory);
    }
    if has_mutual_contact(&cleaned) {
        found.push(DetailKind::MutualContact);
    }
    if number().is_match(&cleaned) || has_month_or_day(&cleaned) {
        found.push(DetailKind::NumberOrDate);
    }
    if quoted_title()
        .find_iter(&cleaned)
        .any(|m| !is_scare_quote(&cleaned[..m.start()], m.as_str()))
    {
        found.push(DetailKind::QuotedTitle);
    }
    if has_proper_name(&cleaned, names) {
        found.push(DetailKind::ProperName);
    }
    found
}

/// Texting spellings of "you" and "your", written out so the evidence patterns read "u
/// trained me on the 4am ovens" as they read "you trained me on the 4am ovens".
const TEXT_SPEAK: &[(&str, &str)] = &[
    ("u", "you"),
    ("ur", "your"),
    ("Ur", "Your"),
    ("urs", "yours"),
    ("youre", "you're"),
    ("Youre", "You're"),
];

/// `sentence` with its `TEXT_SPEAK` words written out; borrowed when it has none.
fn spelled_out(sentence: &str) -> std::borrow::Cow<'_, str> {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_';
    let words = || {
        sentence
            .split(|c: char| !is_word_char(c))
            .filter_map(|w| TEXT_SPEAK.iter().find(|(short, _)| *short == w))
    };
    if words().next().is_none() {
        return std::borrow::Cow::Borrowed(sentence);
    }
    let mut out = String::with_capacity(sentence.len() + 16);
    let mut word_start = None;
    for (i, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ' ')))
    {
        match (word_start, is_word_char(c) && i < sentence.len()) {
            (None, true) => word_start = Some(i),
            (Some(start), false) => {
                let word = &sentence[start..i];
                let long = TEXT_SPEAK.iter().find(|(short, _)| *short == word);
                out.push_str(long.map_or(word, |(_, long)| long));
                word_start = None;
            }
            _ => {}
        }
        if word_start.is_none() && i < sentence.len() {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A short lowercase phrase in quotes after an article ("we think you'd be a “perfect
/// fit”") marks the writer's irony or emphasis, not a title or the reader's own words: those
/// carry a capital or a number, run longer, or follow a verb ("every ticket tagged “payment
/// failed”").
fn is_scare_quote(before: &str, quoted: &str) -> bool {
    let inner = quoted.trim_matches(|c| matches!(c, '"' | '“' | '”'));
    let after_article = before.split_whitespace().next_back().is_some_and(|w| {
        ["a", "an", "the", "real", "true", "total", "such"].contains(&w.to_lowercase().as_str())
    });
    after_article
        && inner.split_whitespace().count() <= 3
        && !inner
            .chars()
            .any(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Whether a sentence carries any specific detail.
pub fn is_specific(sentence: &str, names: &KnownNames) -> bool {
    details(sentence, names).iter().any(|k| {
        matches!(
            k,
            DetailKind::TheirWork
                | DetailKind::MutualContact
                | DetailKind::NumberOrDate
                | DetailKind::QuotedTitle
                | DetailKind::ProperName
        )
    })
}

/// Names that make praise specific without any other detail: "the new Kestrel release,
/// especially the Redis adapter" names more than a company.
const PRAISE_NAMES: usize = 2;

/// `is_specific` for praise, where one name is not a detail: "impressed by everything Lumen
/// Foods is doing" praises a company it only names. Two names, or one said to be theirs,
/// still are. The names are counted only when the sentence has one at all.
pub fn is_specific_praise(sentence: &str, names: &KnownNames) -> bool {
    let found = details(sentence, names);
    let other_detail = found.iter().any(|k| {
        matches!(
            k,
            DetailKind::TheirWork
                | DetailKind::MutualContact
                | DetailKind::NumberOrDate
                | DetailKind::QuotedTitle
        )
    });
    other_detail
        || found.contains(&DetailKind::ProperName) && named_things(sentence, names) >= PRAISE_NAMES
}

/// The rest of a sentence with its vague topics blanked ("and hear more about your journey",
/// "about what you do", "and share a little about our work"): a condition that accepts an ask
/// because a topic follows should not accept one of these, which would fit any reader.
pub fn without_vague_topics(after: &str) -> std::borrow::Cow<'_, str> {
    let re = constant(Id::VAGUE_TOPIC);
    if !re.is_match(after) {
        return std::borrow::Cow::Borrowed(after);
    }
    let mut out = String::with_capacity(after.len());
    let mut last = 0;
    for m in re.find_iter(after) {
        out.push_str(&after[last..m.start()]);
        // Keep the punctuation or conjunction that ended the vague topic.
        let text = m.as_str();
        let kept = text
            .rfind(['.', '!', '?', ',', ';', ':', ')'])
            .unwrap_or(text.len());
        out.extend(std::iter::repeat_n(' ', kept));
        out.push_str(&text[kept..]);
        last = m.end();
    }
    out.push_str(&after[last..]);
    std::borrow::Cow::Owned(out)
}

/// Whether a sentence names the reader ("you", "your", texted "ur" or "u").
pub fn speaks_to_reader(sentence: &str) -> bool {
    reader_word().is_match(sentence)
}

/// Whether a sentence speaks to the reader as themselves: not as one of a crowd ("teams like
/// yours"), not as the target of a pitch ("we help you cut churn by 30%"), and not as the
/// one who would receive the writer's offer ("I can walk floors 3 and 4 with you").
pub fn is_said_to_reader(sentence: &str) -> bool {
    reader_word().is_match(&crowd_like_you().replace_all(sentence, " "))
        && !is_pitch_to_reader(sentence)
        && !constant(Id::WRITER_OFFER).is_match(sentence)
}

/// Whether a sentence speaks in the company "we" voice ("we help", "our platform"), where
/// details describe the sender's business rather than anything shared with the reader.
pub fn is_company_voice(sentence: &str) -> bool {
    company_voice().is_match(sentence)
}

/// A sentence that offers the reader something: in the company voice ("Our FlowPip 8 can
/// help you move the needle"), as an order to grow something of theirs ("Boost your funding
/// success in 2025"), or as a question that sells ("Would a 20% cut in AWS spend be worth 15
/// minutes?").
pub fn is_pitch_to_reader(sentence: &str) -> bool {
    is_company_voice(sentence) && constant(Id::IS_PITCH_TO_READER).is_match(sentence)
        || constant(Id::IMPERATIVE_PITCH).is_match(sentence)
        || constant(Id::JOB_DUTY).is_match(sentence) && constant(Id::JOB_TERMS).is_match(sentence)
        || sentence.trim_end().ends_with('?') && constant(Id::VALUE_QUESTION).is_match(sentence)
}

fn company_voice() -> &'static Regex {
    constant(Id::COMPANY_VOICE)
}

/// Whether a sentence puts a question to the reader without a question mark: "We still need to
/// know whether the 300 kits under CLIN 0002 all ship to Camp Lejeune". Like a question, its
/// details are what only the reader can answer.
pub fn is_indirect_question(sentence: &str) -> bool {
    constant(Id::INDIRECT_QUESTION).is_match(sentence)
}

/// Whether a sentence asks the reader something, with a question mark or without one.
pub fn asks_reader(sentence: &str) -> bool {
    sentence.trim_end().ends_with('?') || is_indirect_question(sentence)
}

/// Whether a sentence is a question about something the writer and reader do together:
/// "can we have them circle back past the water point?". The company "we" of a pitch ("would
/// our platform help Acme?") is not, and neither is an ask for a meeting ("can we set up a
/// call on Tuesday?"): there the reader is only its target.
pub fn is_joint_question(sentence: &str) -> bool {
    if !sentence.trim_end().ends_with('?') {
        return false;
    }
    let re = constant(Id::IS_JOINT_QUESTION);
    re.captures_iter(sentence).any(|c| {
        let verb = c.get(1).map_or("", |m| m.as_str()).to_lowercase();
        !PITCH_OR_MEETING_VERBS.contains(&verb.as_str())
    })
}

/// Verbs after "can we" that make the question a pitch or a request for the reader's time.
const PITCH_OR_MEETING_VERBS: &[&str] = &[
    "help",
    "assist",
    "support",
    "offer",
    "show",
    "send",
    "schedule",
    "set",
    "book",
    "arrange",
    "hop",
    "jump",
    "get",
    "grab",
    "find",
    "chat",
    "talk",
    "speak",
    "connect",
    "meet",
    "sync",
    "discuss",
    "explore",
    "partner",
    "collaborate",
    "work",
    "demo",
    "walk",
    "share",
    "catch",
    "touch",
    "reconnect",
    "start",
];

/// Whether a sentence introduces the sender: "introduce myself as...", "I'm Tom from
/// Ledgerly", "here at Coast 96.2".
pub fn is_self_introduction(sentence: &str) -> bool {
    constant(Id::IS_SELF_INTRODUCTION).is_match(sentence)
}

/// Where a clause about the writer starts in the text before a phrase, when that text ends
/// with one: "I'm a nursing student at Rutgers and honestly ...", "I coach the Hornets U11
/// girls and would love to ...", "I'm looking to grow my network in UK film and ...", or the
/// writer's search ("... while looking at indie devs in Kraków and"), or the company's news
/// ("We're growing our DevRel team and"). Its names and numbers
/// are the writer's. A clause that mentions the reader ("im a huge fan of ur build and") is
/// not.
pub fn sender_clause_start(before: &str) -> Option<usize> {
    let clause = constant(Id::SENDER_CLAUSE_START);
    let found = clause.find(before)?;
    (!reader_word().is_match(found.as_str())).then_some(found.start())
}

/// A clause about the writer in the text after a phrase, up to the next comma or
/// conjunction: "ur profile is so inspiring, im a 2nd yr business student and ...", "...
/// because I am always happy to connect with people of the WASH sector". Like
/// the clause before a phrase, its names and numbers are the writer's; a clause that
/// mentions the reader is not one.
pub fn sender_clause_after(after: &str) -> Option<Range<usize>> {
    let clause = constant(Id::SENDER_CLAUSE_AFTER);
    let found = clause.find(after)?;
    (!reader_word().is_match(found.as_str())).then_some(found.range())
}

/// A recruiter's fit pitch in the text after a phrase ("... and I think you'd be a great fit
/// for a Senior Test Engineer role with a Tier 1 supplier"), up to the end of the sentence or
/// to where it turns back to the reader ("... given your ICAF paper"). Its names are the role's and the
/// client's, though it says "you".
pub fn fit_pitch_after(after: &str) -> Option<Range<usize>> {
    let pitch = constant(Id::FIT_PITCH).find(after)?;
    let end = constant(Id::FIT_PITCH_END)
        .find(pitch.as_str())
        .map_or(pitch.end(), |turn| pitch.start() + turn.start());
    Some(pitch.start()..end)
}

/// A word for the reader ("you", "your", texted "ur" or "u").
fn reader_word() -> &'static Regex {
    constant(Id::READER_WORD)
}

/// Whether a sentence gives an ask its length: "20 minutes", "a 15-min call", "half an hour".
pub fn names_a_length(sentence: &str) -> bool {
    constant(Id::NAMES_A_LENGTH).is_match(sentence)
}

/// Whether a sentence speaks to the reader or to shared history, so its details count as a
/// reason tied to them (a sentence about the sender's own stack does not).
pub fn is_about_reader(sentence: &str) -> bool {
    let sentence = crowd_like_you().replace_all(sentence, " ");
    // The formulas of a formal letter ("under your kind guidance", "for your kind perusal")
    // would be written to any professor.
    let sentence = constant(Id::DEFERENTIAL_FORMULA).replace_all(&sentence, " ");
    let sentence = constant(Id::HABIT_USED_TO).replace_all(&sentence, " ");
    about_reader().is_match(&named_hope().replace_all(&sentence, " "))
}

/// "Hope" as the first word of a name after a preposition or article ("the Executive Director
/// of Hope Bridge Youth Initiative", "at Hope Street"), or opening a sentence as the name of an
/// organisation ("Hope Springs Community Trust is a ..."): not the writer hoping anything for
/// the reader. "Hope Saturday's Gala went well" is still a hope.
fn named_hope() -> &'static Regex {
    constant(Id::NAMED_HOPE)
}

/// Words that open a greeting; the capitalised words after one are the reader's name. The
/// greeting line (`document::greeting`) is recognised by the same words.
pub(crate) const GREETING_WORDS: &[&str] = &[
    "hi", "hey", "hello", "dear", "hiya", "hola", "hallo", "bonjour", "ciao", "salut", "hej",
    "moin", "namaste",
];

/// Two-word greetings of other languages ("Buenas tardes", "Bom dia", "Guten Tag"): the first
/// word, and a regex alternation of the second. The name follows the second word.
const GREETING_PHRASES: &[(&str, &str)] = &[
    ("buenas", r"d[ií]as|tardes|noches"),
    ("buenos", r"d[ií]as|tardes|noches"),
    ("bom", "dia"),
    ("boa", "tarde|noite"),
    ("guten", "tag|morgen|abend"),
];

/// `GREETING_PHRASES` as one regex alternation, for the greeting line.
pub(crate) fn greeting_phrases_regex() -> String {
    GREETING_PHRASES
        .iter()
        .map(|(first, second)| format!(r"{first}\s+(?:{second})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A capitalised word that is not the sentence's first word, not a stock capitalised word and
/// not one of the known names; or a mid-word capital ("iOS", "GitHub").
fn has_proper_name(sentence: &str, names: &KnownNames) -> bool {
    proper_name_runs(sentence, names) > 0
}

/// How many runs of capitalised words in `sentence` name something specific: "Kestrel" and
/// "Redis" in "the new Kestrel release, especially the Redis adapter" are two. A run right
/// after "your" counts twice.
fn proper_name_runs(sentence: &str, names: &KnownNames) -> usize {
    if is_title_case(sentence) {
        return 0;
    }
    let mut first = true;
    let mut after_greeting = 0u8;
    let (mut runs, mut in_run, mut after_your) = (0usize, false, false);
    for raw in
        sentence.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/'))
    {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        let after_break = first;
        first = raw.ends_with(['.', '!', '?', ':']);
        // "Hey Jordan Lee, ..." names the reader, like a greeting line of its own.
        let greeted = after_greeting > 0;
        let lower_word = word.to_lowercase();
        after_greeting = if GREETING_WORDS.contains(&lower_word.as_str()) {
            2
        } else if GREETING_PHRASES
            .iter()
            .any(|(first, _)| *first == lower_word)
        {
            3
        } else if raw.ends_with(',') {
            0
        } else {
            after_greeting.saturating_sub(1)
        };
        let named = !(after_break || (greeted && word.starts_with(char::is_uppercase)))
            && names_something(word, names);
        if named && !in_run {
            // A name said to be theirs ("your Carr Street open day") is a thing of the
            // reader's by itself, worth two.
            runs += if after_your { 2 } else { 1 };
        }
        // A comma or a full stop ends a run: "Reloop, NFC" is two names.
        in_run = named && !raw.ends_with([',', '.', ';', ':', '!', '?']);
        after_your = matches!(lower_word.as_str(), "your" | "ur");
    }
    runs
}

/// Whether a capitalised `word` (not the first of a sentence) names something: not a known
/// name, a stock capitalised word or a reporting period.
fn names_something(word: &str, names: &KnownNames) -> bool {
    let mut chars = word.chars();
    let Some(initial) = chars.next() else {
        return false;
    };
    let inner_capital =
        chars.clone().any(char::is_uppercase) && word.chars().any(char::is_lowercase);
    if !(initial.is_uppercase() || inner_capital) {
        return false;
    }
    // Curly and straight apostrophes are one: "I’d" is as common as "I'd".
    let lower = word.to_lowercase().replace('\u{2019}', "'");
    let base = lower.trim_end_matches("'s");
    !(NOT_SPECIFIC.contains(&base) || names.contains(base) || is_period_label(base))
}

/// Words of at least this many a sentence in Title Case or capitals has.
const TITLE_CASE_MIN_WORDS: usize = 4;

/// "What An Inspiring Journey In Education", "LET ME KNOW IF YOUR OPEN TO CONNECTING": when
/// (nearly) every word is capitalised, a capital marks no name.
pub fn is_title_case(sentence: &str) -> bool {
    let (mut capitalised, mut lower) = (0usize, 0usize);
    for word in sentence.split_whitespace() {
        match word.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_uppercase() => capitalised += 1,
            Some(_) => lower += 1,
            None => {}
        }
    }
    capitalised >= TITLE_CASE_MIN_WORDS && lower <= 1
}

/// "Q4", "H2", "FY25": a reporting period every company has, not a name.
fn is_period_label(word: &str) -> bool {
    let (head, digits) = word.split_at(word.find(|c: char| c.is_ascii_digit()).unwrap_or(0));
    matches!(head, "q" | "h" | "fy" | "cy")
        && (1..=4).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_counted_apart_and_a_name_of_theirs_counts_twice() {
        let none = KnownNames::default();
        assert_eq!(
            named_things("impressed by everything Lumen Foods is doing", &none),
            1
        );
        assert_eq!(
            named_things(
                "Loved the new Kestrel release, especially the Redis adapter",
                &none
            ),
            2
        );
        assert_eq!(named_things("I liked your Carr Street open day", &none), 2);
        let employer_only = "really admire what you've built at Ninefold";
        assert!(is_specific(employer_only, &none));
        assert!(!is_specific_praise(employer_only, &none));
        assert!(is_specific_praise(
            "Loved the new Kestrel release, especially the Redis adapter",
            &none
        ));
        // Merge fields are blanked before names are read.
        assert_eq!(
            named_things("a role with [Company] in the [INDUSTRY] space", &none),
            0
        );
    }

    #[test]
    fn texting_spellings_are_written_out_and_other_words_left_alone() {
        assert_eq!(
            spelled_out("u trained me, ur way is still how i fold them"),
            "you trained me, your way is still how i fold them"
        );
        assert_eq!(
            spelled_out("Ur team's U.S. launch"),
            "Your team's U.S. launch"
        );
        assert!(matches!(
            spelled_out("useful run"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            details(
                "u trained me on the 4am ovens back in 2016",
                &KnownNames::default()
            ),
            details(
                "you trained me on the 4am ovens back in 2016",
                &KnownNames::default()
            )
        );
    }

    fn names(list: &[&str]) -> KnownNames {
        let mut n = KnownNames::default();
        for name in list {
            n.add(name);
        }
        n
    }

    /// Each of `theirs` carries a piece of the reader's work under `known`; none of `not` does.
    fn assert_their_work(known: &KnownNames, theirs: &[&str], not: &[&str]) {
        for s in theirs {
            assert!(details(s, known).contains(&DetailKind::TheirWork), "{s}");
        }
        for s in not {
            assert!(!details(s, known).contains(&DetailKind::TheirWork), "{s}");
        }
    }

    #[test]
    fn joint_questions_are_shared_work_but_pitch_questions_are_not() {
        assert!(is_joint_question(
            "for the night route on Friday, can we have them circle back past the water point?"
        ));
        assert!(is_joint_question(
            "Should we keep the 5pm briefing at the crew bar?"
        ));
        assert!(!is_joint_question(
            "Would our platform help Acme cut onboarding time by 30% next quarter?"
        ));
        assert!(!is_joint_question(
            "Should we keep the 5pm briefing at the crew bar"
        ));
        for pitch in [
            "Can we help you grow?",
            "Can we set up a call on Tuesday?",
            "Could we quickly show you a 20-minute demo on Thursday?",
        ] {
            assert!(!is_joint_question(pitch), "{pitch}");
        }
    }

    #[test]
    fn capitals_in_a_title_case_or_shouted_sentence_are_no_names() {
        let none = names(&[]);
        for s in [
            "What An Inspiring Journey In Education",
            "LET ME KNOW IF YOUR OPEN TO CONNECTING",
        ] {
            assert!(!has_proper_name(s, &none), "{s}");
        }
        // One capitalised name in an ordinary sentence still counts.
        assert!(has_proper_name(
            "I read your notes from the Leeds study day last week.",
            &none
        ));
    }

    #[test]
    fn a_piece_they_made_or_we_use_is_their_work() {
        assert_their_work(
            &names(&[]),
            &[
                "The journey map you posted in January is what convinced our team.",
                "We use your library pdfminer-tables for our bank statements.",
                // Named by the venue or topic it came from.
                "Moving to post-processing makes sense after your EMOS paper.",
                "Your PyCon talk, and the flame graphs in it, changed our profiling.",
                "I've been working through your lecture notes on randomized linear algebra.",
            ],
            &[
                "We use your product every day.",
                "I really enjoyed your recent paper.",
                "Your Amazing talk was inspiring.",
                "Thanks for your notes.",
            ],
        );
    }

    #[test]
    fn the_modal_may_is_no_month() {
        let none = names(&[]);
        let modal = "May I ask if we can have a quick call when you are free?";
        assert!(!details(modal, &none).contains(&DetailKind::NumberOrDate));
        let month = "We met at the Leeds meetup in May and talked about queues.";
        assert!(details(month, &none).contains(&DetailKind::NumberOrDate));
    }

    #[test]
    fn a_congratulation_on_a_piece_by_kind_introduces_it() {
        assert!(introduces_their_piece("Congrats on the paper, Dr. Haddad!"));
        assert!(introduces_their_piece("Thanks for your talk yesterday."));
        assert!(introduces_their_piece(
            "Congrats on the best paper award at CHI, Dr. Sato!"
        ));
        assert!(!introduces_their_piece(
            "Thanks for the quick reply on Friday."
        ));
        assert!(!introduces_their_piece("Congrats on the new role!"));
        assert!(!introduces_their_piece("I read the paper on the train."));
    }

    #[test]
    fn a_piece_about_the_reader_is_their_work() {
        assert_their_work(
            &names(&[]),
            &[
                "I read the Arizona Dental Association newsletter piece on your Mesa practice moving to same-day crowns.",
                "caught that podcast interview with you about the flood barriers",
                "I thought I'd reach out about the retry budget in your Kestrel post.",
                "the second chart in your newsletter.",
            ],
            // A piece on a topic, not on them, is not; nor is a piece left unnamed before a new
            // clause.
            &[
                "I read an article about fluxonium qubits last week.",
                "Having reviewed your portfolio, our team was truly impressed.",
            ],
        );
    }

    #[test]
    fn a_job_title_and_employer_from_their_profile_is_no_detail() {
        let none = names(&[]);
        for s in [
            "Saw you’re a 7th grade science teacher at Lincoln Middle.",
            "I see you work at Maersk.",
            "I noticed you're heading up growth at Canva.",
            "Saw you're the Head of Ops over at Brightway Freight, so figured I'd reach out.",
            "Grants manager at the Arts Council is a big deal.",
        ] {
            assert!(!is_specific(s, &none), "{s}");
        }
        // What they did there still counts.
        for s in [
            "Saw you're the Head of Ops at Brightway Freight and read your post on the 40% cut in dwell time.",
            "Noticed you're speaking at PyCon Berlin on Friday.",
            "Grants manager at the Arts Council is a big deal after the 2021 ESOL budget you rescued.",
        ] {
            assert!(is_specific(s, &none), "{s}");
        }
    }

    #[test]
    fn a_clause_about_the_writer_is_not_about_the_reader() {
        for (before, start) in [
            ("im a 3rd yr nursing student at rutgers and honestly ", 0),
            (
                "hope ur doing well :) im a 3rd yr nursing student at rutgers and ",
                22,
            ),
            ("I'm a junior in civil engineering at Georgia Tech, and ", 0),
            (
                "I'm a junior in civil engineering at Georgia Tech, and I've always been ",
                0,
            ),
            ("As a young engineer at Arup, and ", 0),
            (
                "I coach the Hornets U11 girls on the other side of town and would luv to ",
                0,
            ),
            ("I also coach the Eastside U9s and would love to ", 0),
            (
                "I'm coaching the Eastside U9s this year and would love to ",
                0,
            ),
            ("I run a small bakery in Leeds and would love to ", 0),
            (
                "I taught 7th-grade science in St. Paul for eight years and I’m now halfway through a UX research certificate, so ",
                0,
            ),
            ("btw I’m graduating in June and on the job hunt, ", 4),
            (
                "I am looking to expand my network in UK film industry and it would be grateful to ",
                0,
            ),
            (
                "I came across your profile while looking at indie game devs in Kraków and ",
                27,
            ),
            ("We’re growing our DevRel team and I was ", 0),
            (
                "Btw I’ve just started heading up individual giving at Riverside Hospice, ",
                4,
            ),
            ("I recently joined Riverside Hospice as a fundraiser, ", 0),
        ] {
            assert_eq!(sender_clause_start(before), Some(start), "{before}");
        }
        for before in [
            "I'm a big fan of the cistern level you built, and ",
            "im a huge fan of ur Dunmore build and ",
            "Congrats on the Series B, and ",
            "I'm a junior at Georgia Tech",
            "I run the same BFD timers as your team and ",
            "I'm working through your checklist and ",
            "I coaching ",
            "I came across your talk while looking for your Kestrel slides and ",
            "We're growing your Kestrel deployment and ",
            "I’ve just started reading your Kestrel notes, ",
            "I started reading the 2023 Calder hardship report on the train and ",
        ] {
            assert_eq!(sender_clause_start(before), None, "{before}");
        }
    }

    #[test]
    fn a_writer_clause_after_a_phrase_is_found_up_to_its_conjunction() {
        let after = " tbh 🙌 im a 2nd yr business student and tryna grow";
        let clause = sender_clause_after(after).map(|r| &after[r]);
        assert_eq!(clause, Some("im a 2nd yr business student and "));
        assert_eq!(
            sender_clause_after(", I'm a nurse in Leeds, and ").map(|r| r.start),
            Some(2)
        );
        let after =
            " some time, also because I am always happy to connect with people of the WASH sector.";
        let clause = sender_clause_after(after).map(|r| &after[r]);
        assert_eq!(
            clause,
            Some("I am always happy to connect with people of the WASH sector.")
        );
        for after in [
            ", im a huge fan of ur Dunmore build",
            " on the Ostrich scheduler you open-sourced",
            ", I'm keen to hear how your team sized the Kafka partitions",
        ] {
            assert_eq!(sender_clause_after(after), None, "{after}");
        }
    }

    #[test]
    fn a_fit_pitch_runs_to_the_end_or_back_to_the_reader() {
        for (after, expected) in [
            (
                " and I think you’d be a great fit for a Senior Test Engineer role with my client in the Midlands.",
                Some("and I think you’d be a great fit for a Senior Test Engineer role with my client in the Midlands"),
            ),
            (
                " and you'd make the perfect fit for the test team, given your ICAF 2025 paper.",
                Some("and you'd make the perfect fit for the test team,"),
            ),
            (
                " and I think you'd be a great fit for the lab Priya runs after your ICAF paper.",
                Some("and I think you'd be a great fit for the lab Priya runs"),
            ),
            (
                " and you would be perfect for a Senior Test Engineer role with my client.",
                Some("and you would be perfect for a Senior Test Engineer role with my client"),
            ),
            (" on the Ostrich scheduler you open-sourced", None),
        ] {
            let pitch = fit_pitch_after(after).map(|r| &after[r]);
            assert_eq!(pitch, expected, "{after}");
        }
    }

    #[test]
    fn shops_your_size_is_a_crowd_not_the_reader() {
        assert!(!is_about_reader(
            "A lot of shops your size are saving 5+ hrs a week on bids."
        ));
        assert!(is_about_reader(
            "Your shop saved 5 hours on the Dayton bid."
        ));
    }

    #[test]
    fn a_deferential_formula_is_not_about_the_reader() {
        assert!(!is_about_reader(
            "I am keen to pursue a PhD under your kind guidance in the Fall 2025 intake."
        ));
        assert!(is_about_reader(
            "I would like to pursue a PhD on your 2023 model of effluent adsorption."
        ));
    }

    #[test]
    fn things_they_sent_or_put_out_and_shared_days_are_evidence() {
        let none = names(&[]);
        for s in [
            "Thanks for sending the Q3 pack for the Harbourline Re sidecar.",
            "Directions for Monday's steel delivery to the site.",
            "I noticed the council has put out the tender for the school transport route review.",
            "Still remember you in week one mislabelling half the Felixstowe containers.",
            "I still think about the night in 2021 when you re-ran the media-fill simulation three times.",
        ] {
            assert!(!details(s, &none).is_empty(), "{s}");
            assert!(
                details(s, &none)
                    .iter()
                    .any(|k| matches!(k, DetailKind::SharedHistory | DetailKind::TheirWork)),
                "{s}"
            );
        }
        let generic = "Thanks for sharing your insights on leadership.";
        assert!(
            !details(generic, &none)
                .iter()
                .any(|k| matches!(k, DetailKind::SharedHistory | DetailKind::TheirWork)),
            "{generic}"
        );
    }

    #[test]
    fn a_habit_of_the_senders_is_not_about_the_reader() {
        assert!(!is_about_reader(
            "I hold a steroid injection qualification (2022) and am used to running my own lists."
        ));
        assert!(!is_about_reader(
            "We're accustomed to night shifts on the renal ward."
        ));
        assert!(is_about_reader("We used your checklist on the renal ward."));
        assert!(is_about_reader("You used to run the Leeds meetup."));
        // "I used to play for" is not a habit of being used to something.
        assert!(is_about_reader(
            "Hanwell Town is a club I used to play for."
        ));
    }

    #[test]
    fn something_discussed_together_is_shared_history() {
        let none = names(&[]);
        assert!(details(
            "Following up on the gentamicin levels for bed 14 that we discussed on this morning's round.",
            &none
        )
        .contains(&DetailKind::SharedHistory));
        assert!(!details("It was great chatting at [SHOW NAME].", &none)
            .contains(&DetailKind::SharedHistory));
        assert!(
            details("It was great chatting at FABTECH in Chicago.", &none)
                .contains(&DetailKind::SharedHistory)
        );
        for memory in [
            "It was great meeting you at the Leeds meetup [photo attached].",
            "It was great meeting you at FABTECH [1].",
            "It was great meeting you at FABTECH, my email is <tom@weldco.io>.",
        ] {
            assert!(
                details(memory, &none).contains(&DetailKind::SharedHistory),
                "{memory}"
            );
        }
        assert!(!details(
            "Just following up on the proposal that we discussed.",
            &none
        )
        .contains(&DetailKind::SharedHistory));
        // A bump pointing back at "what we discussed" names nothing.
        assert!(
            !details("Would love to circle back on what we discussed.", &none)
                .contains(&DetailKind::SharedHistory)
        );
    }

    #[test]
    fn a_pitch_to_a_crowd_or_a_merge_tag_is_not_about_the_reader() {
        assert!(!is_about_reader(
            "At PawsGrowth we help practices double bookings with done-for-you Google Ads."
        ));
        assert!(!is_about_reader(
            "StockPilot helps independent retailers like you cut overstock."
        ));
        assert!(!is_about_reader(
            "I am the Executive Director of Hope Bridge Youth Initiative, a registered NGO."
        ));
        assert!(is_pitch_to_reader(
            "All our products are FSC certified and we can do custom printing up to 4 colours with your logo."
        ));
        assert!(!is_pitch_to_reader(
            "We can print the 4-colour proof of your Kestrel label before Friday's tasting."
        ));
        assert!(!is_about_reader(
            "Hope Springs Community Trust is a leading grassroots charity, since 2004."
        ));
        assert!(is_indirect_question(
            "We still need to know whether the 300 sandbag kits under CLIN 0002 all ship to Camp Lejeune."
        ));
        assert!(!is_indirect_question(
            "We need to know our numbers before the board meets."
        ));
        assert!(is_indirect_question(
            "I’d like to confirm whether the kits ship to Cherry Point."
        ));
        assert!(is_about_reader("Hope You’re Settling In At Brightwell!"));
        assert!(is_about_reader("Hope Lisbon treated you well."));
        assert!(is_about_reader(
            "Hope Saturday's Gala at the Corn Exchange went well for you."
        ));
        assert!(is_about_reader("I hope Leeds treated you well."));
        let none = names(&[]);
        assert!(details("Are you the right person to talk to at  |COMPANY| ?", &none).is_empty());
        assert!(details(
            "There is low hanging fruit on your Google Business Profile.",
            &none
        )
        .is_empty());
    }

    #[test]
    fn a_reporting_period_is_not_a_name() {
        let none = names(&[]);
        let generic = "Just wanted to touch base about some synergy heading into Q4.";
        assert!(details(generic, &none).is_empty(), "{generic}");
        assert!(is_period_label("fy25") && is_period_label("q4") && !is_period_label("qa4x"));
    }

    #[test]
    fn playing_their_game_or_eating_at_their_place_is_their_work() {
        assert_their_work(
            &names(&[]),
            &[
                "I played through *Lanternfall* last weekend.",
                "We ate at Marrow on Friday, table of six at the late seating.",
                "Got your quote for the pallet racking at the Joliet building.",
                "While playing the Brazilian Portuguese build of Hollow Tides last weekend, I noticed a typo.",
            ],
            &[
                "I played tennis on Friday.",
                "We ate at home.",
                "While playing the demo of our app, you can skip the tutorial.",
            ],
        );
    }

    #[test]
    fn a_congratulation_on_a_named_achievement_is_their_work() {
        assert_their_work(
            &names(&["Acme"]),
            &[
                "Congratulations on the Red Dot for the Halo wheelchair brake.",
                "Congrats on the RIAI shortlist for the Ballymun library!",
                "Congratulations, Saoirse — the RIAI shortlist for the Ballymun library is deserved.",
            ],
            &[
                "Congrats on the new role at Acme!",
                "Congratulations on your promotion at Google.",
                "Congrats on the LinkedIn anniversary!",
            ],
        );
    }

    #[test]
    fn a_scare_quote_is_not_a_title() {
        assert!(is_scare_quote("you’d be a ", "“perfect fit”"));
        assert!(is_scare_quote("it’s a real ", "\"win-win\""));
        assert!(!is_scare_quote("the ", "“Low Tide”"));
        assert!(!is_scare_quote(
            "you said ",
            "“come back when churn is under 3%”"
        ));
        assert!(!is_scare_quote("every ticket tagged ", "“payment failed”"));
        let names = KnownNames::default();
        assert!(
            !details("We think you’d be a “perfect fit” for what we do.", &names)
                .contains(&DetailKind::QuotedTitle)
        );
        assert!(details(
            "Your talk “Retries Without Tears” changed our queue sizing.",
            &names
        )
        .contains(&DetailKind::QuotedTitle));
        assert!(details(
            "you read every ticket tagged “payment failed” before planning",
            &names
        )
        .contains(&DetailKind::QuotedTitle));
    }

    #[test]
    fn specific_sentences() {
        let none = names(&[]);
        for s in [
            "Congrats on the Series B, the pricing teardown was sharp.",
            "Your talk at RustConf about retries changed our rollout.",
            "I read your post on idempotency keys last week.",
            "Priya Raman mentioned you rebuilt the importer.",
            "The survey closed with 212 responses.",
            "Loved your essay “Boring Technology Wins” a lot.",
            // Texting shorthand: "ur" for "your", a clipped day name.
            "saw ur talk at the meetup last thurs",
            "loved ur post about tide tables",
            "saw the pic of the new counter on ur insta, the tiled bit looks class",
            "saw the oak frame garage u did on Mill Lane, the one with the curved braces.",
            "I visited “Threads of Kano” at the Horniman last month.",
            // Lower-case day names and a favour done for the writer.
            "hope the move to the new unit went ok on sunday",
        ] {
            assert!(is_specific(s, &none), "{s}");
        }
    }

    #[test]
    fn generic_sentences() {
        let known = names(&["Sarah Lee", "Acme"]);
        for s in [
            "Congrats on the new role, Sarah!",
            "I hope this message finds you well.",
            "Do you have 15 minutes for a quick call?",
            "Hi {{first_name}}, I noticed {{company}} is growing.",
            "I came across your profile on LinkedIn and was impressed.",
            "Congratulations on your work anniversary at Acme!",
            "Hey Jordan, happy work anniversary!",
            "Hi Jordan Lee, hope all is well.",
            "Buenas tardes Rodrigo, your trajectory looks remarkable.",
            "Congrats on the new role at Acme!",
            "Congratulations on your promotion at Google.",
            "Guten Tag Jonas, I am passionate about AI and ML.",
            "Thanks and God bless.",
            "Kindly revert or call 0803 412 7719.",
            "As mentioned, we would love to help.",
            "Saw we share a few contacts, so figured I’d say hello.",
            "Thought I’ll drop a note, since I’m new here and I’ve heard good things.",
            "Just circling back on my email from last week, wanted to touch base.",
            "Following up on my note of 4 June, any thoughts?",
            "would love 2 pick ur brain, keen 2 connect!",
            "There is huge potential to leverage your expertise for our 2025 Giving Campaign.",
            "I was fascinated by your recent work on [INSERT PAPER/TOPIC], which aligns with my interests.",
        ] {
            assert!(!is_specific(s, &known), "{s}: {:?}", details(s, &known));
        }
        // The date of something the reader did is still a detail.
        assert!(is_specific(
            "Your email from last week about the Leeds depot was a great read.",
            &known
        ));
    }

    #[test]
    fn every_constant_evidence_regex_is_stored_parsed_as_it_would_be_parsed() {
        let all = sources::all();
        assert!(all.len() > 25);
        for source in all {
            let prepared = sources::prepare(&source);
            let narrowed = crate::text::lean::narrow_word_classes(&prepared);
            let expected = crate::text::casefold::folded_hir(&narrowed);
            assert!(expected.is_some(), "{source}");
            assert_eq!(
                crate::text::lean::prebuilt_hir(&narrowed),
                expected,
                "{source}"
            );
        }
    }

    #[test]
    fn a_project_on_their_github_is_their_work() {
        let none = names(&[]);
        assert!(
            details("I had a look at pgslice-lite on your GitHub.", &none)
                .contains(&DetailKind::TheirWork)
        );
        assert!(!details("I had a look at your GitHub.", &none).contains(&DetailKind::TheirWork));
    }

    #[test]
    fn an_ask_has_a_length_when_it_names_minutes() {
        for s in [
            "Would you have 20 minutes for a call?",
            "A 15-min chat would do.",
            "Could you spare half an hour?",
            "I'm glad to set up a 20-minute call.",
        ] {
            assert!(names_a_length(s), "{s}");
        }
        for s in ["Could we talk next week?", "The 20 mint plants arrived."] {
            assert!(!names_a_length(s), "{s}");
        }
    }

    #[test]
    fn thanks_for_a_named_shared_event_is_history_but_thanks_for_your_time_is_not() {
        let none = names(&[]);
        assert!(
            details("Thanks for the tour of the terminal on Tuesday.", &none)
                .contains(&DetailKind::SharedHistory)
        );
        assert!(
            details("Thanks for leading Sunday's run.", &none).contains(&DetailKind::SharedHistory)
        );
        assert!(details(
            "Thanks for publishing the scraper for the regional hospital waiting-list data.",
            &none
        )
        .contains(&DetailKind::SharedHistory));
        // A favour done for the writer, lower-case as texted.
        assert!(details(
            "also thanks again for lending us the banneton rack, i owe u one.",
            &none
        )
        .contains(&DetailKind::SharedHistory));
        assert!(!details("Thanks for your time and consideration.", &none)
            .contains(&DetailKind::SharedHistory));
        assert!(details(
            "I never thanked you properly for the tip at the Sebrae workshop in Campinas.",
            &none
        )
        .contains(&DetailKind::SharedHistory));
    }

    #[test]
    fn a_past_reply_is_history_but_awaiting_a_reply_is_not() {
        let none = names(&[]);
        let history = |s: &str| details(s, &none).contains(&DetailKind::SharedHistory);
        assert!(history(
            "Your reply to my question about tombstone growth saved me a week."
        ));
        assert!(history(
            "You were right about anyhow in libraries, so I switched."
        ));
        assert!(history(
            "We split the last slice of pizza at the Dublin Rust meetup."
        ));
        assert!(!history("Looking forward for your reply."));
        assert!(!history(
            "I would appreciate your feedback on our new tool."
        ));
    }

    #[test]
    fn deeds_and_shared_past_are_strong_but_profile_facts_are_not() {
        let none = names(&[]);
        for s in [
            "Five years since you rescued the billing migration by writing the script.",
            "Could you send me the onboarding checklist you used for the first ten hires?",
            "It's been a while since we shipped the eligibility rewrite together at Civix.",
            "Thanks for walking us through the three pricing tiers.",
            "Fellow Waterloo co-op alum here.",
            "Pastor Whitfield gave me your name.",
            "Hi Kenji, congrats on shipping bumpalo-lite 3.0!",
            "I'm a bassoon student applying to the Lakeshore Summer Academy you direct.",
            "Bid 24-117 on the district procurement portal lists nine rooftop units.",
            "I left a note on PR #412 about the timer wheel.",
        ] {
            let found = details(s, &none);
            assert!(found.iter().any(|k| k.is_strong()), "{s}: {found:?}");
        }
        for s in [
            "I saw you started a new role at Acme.",
            "Have you considered a partnership?",
            "I love the impact you've made.",
            "Noticed you viewed my profile.",
            "In issue 3 of our newsletter we covered pricing.",
            "I've enjoyed your posts on LinkedIn.",
            "We could work together on this.",
            "Thanks for connecting!",
            "Congrats on publishing your book!",
            "Congratulations on shipping the new product.",
        ] {
            let found = details(s, &none);
            assert!(!found.iter().any(|k| k.is_strong()), "{s}: {found:?}");
        }
    }

    #[test]
    fn crowd_comparisons_and_resume_lines_are_not_about_the_reader() {
        assert!(!is_about_reader(
            "Teams like yours use Pipewell to book 3x more meetings."
        ));
        assert!(is_about_reader(
            "Hope the Kraków opening went well on Monday."
        ));
        let none = names(&[]);
        assert!(
            !details("I am an SEO specialist with 8+ years of experience.", &none)
                .contains(&DetailKind::NumberOrDate)
        );
    }

    #[test]
    fn reader_focus() {
        assert!(is_about_reader(
            "Your answer on the issue tracker fixed our build."
        ));
        assert!(!is_about_reader("Our stack is mostly Postgres and Go."));
    }

    #[test]
    fn vague_topics_are_blanked_and_real_ones_kept() {
        let blanked = without_vague_topics(" sometime and hear more about your journey.");
        assert!(!blanked.contains("about"));
        assert!(blanked.ends_with('.'));
        assert!(
            !without_vague_topics(" to chat about what you do, if you have time").contains("about")
        );
        // The writer's own pitch is no topic for the reader either.
        for pitch in [
            " to connect and share a little about our work.",
            " to connect and share a little about the incredible impact our donors are making.",
            " to tell you more about what we do at Harbour Trust, if you have time",
        ] {
            assert!(!without_vague_topics(pitch).contains("about"), "{pitch}");
        }
        for kept in [
            " about your Kestrel talk?",
            " about your experience at Stripe with the ledger migration.",
            " about the Halden migration.",
        ] {
            assert_eq!(without_vague_topics(kept), kept);
        }
    }

    #[test]
    fn a_possessive_before_their_work_and_a_noticed_fact_are_read() {
        let names = KnownNames::default();
        let found = details(
            "Your team’s case study on the Northgate rollout made the rounds here.",
            &names,
        );
        assert!(found.contains(&DetailKind::TheirWork), "{found:?}");
        assert!(is_about_reader(
            "I noticed Harbor & Finch reposted the data role on 2 May."
        ));
        assert!(!is_about_reader(
            "The Harbor & Finch role was reposted on 2 May."
        ));
    }

    /// Whether the details of `sentence`, with no known names, include `kind`.
    fn has_kind(sentence: &str, kind: DetailKind) -> bool {
        details(sentence, &KnownNames::default()).contains(&kind)
    }

    #[test]
    fn being_in_their_group_needs_the_writer_in_it() {
        for s in [
            "I was a student in your course on structural dynamics in 2019.",
            "We sat in your reading group at Imperial for a year.",
        ] {
            assert!(has_kind(s, DetailKind::SharedHistory), "{s}");
        }
        for s in [
            "Kindly let me know if there is any opening in your group for Fall 2025 intake.",
            "I wanted to ask about PhD opportunities in your group.",
        ] {
            assert!(!has_kind(s, DetailKind::SharedHistory), "{s}");
        }
    }

    #[test]
    fn their_next_piece_is_not_their_work_but_any_gerund_may_describe_one() {
        let next = "We invite you to submit your next research article, review or case report.";
        assert!(!has_kind(next, DetailKind::TheirWork), "{next}");
        let pr = "Your PR adding tail sampling by span attribute is why I'm writing.";
        assert!(has_kind(pr, DetailKind::TheirWork), "{pr}");
    }

    #[test]
    fn a_service_offered_on_their_thing_is_not_their_work() {
        let offer = "Whether you want a second opinion on your portfolio, our advisers can help.";
        assert!(!has_kind(offer, DetailKind::TheirWork), "{offer}");
        let theirs = "Your portfolio of the Leith murals is why I'm writing.";
        assert!(has_kind(theirs, DetailKind::TheirWork), "{theirs}");
    }

    #[test]
    fn a_served_crowd_and_an_imperative_subject_are_not_the_reader() {
        assert!(!is_about_reader("We help PIs like you:"));
        assert!(!is_about_reader(
            "Serving busy founders like yourself since 2015."
        ));
        assert!(is_about_reader("Your PIs like the new portal."));
        assert!(is_pitch_to_reader(
            "Subject: Boost your funding success in 2025"
        ));
        assert!(!is_pitch_to_reader(
            "Your funding success in 2025 was well earned."
        ));
        assert!(!is_said_to_reader(
            "We help teams like yours cut AWS costs by 30% in 2024."
        ));
        assert!(!is_said_to_reader(
            "I can walk floors 3 and 4 with you any evening next week."
        ));
        assert!(is_said_to_reader(
            "Your club’s floodlight application comes to committee on 18 September."
        ));
    }

    #[test]
    fn a_track_record_in_clients_and_an_offered_opportunity_are_pitches() {
        for pitch in [
            "At Quantiv, we’ve helped 250+ data teams cut their Snowflake bill by 40% on average.",
            "We have worked with over 1,200 clinics across the UK since 2019, and your practice is next.",
            "I think there’s a real opportunity to unlock some savings for you too, as we did for Acme.",
            "It's a Staff Security Engineer role at Halden Bank: €140–165k base, 4 days remote, you would own the Sigma rule pipeline.",
            "You'd lead a team of 6 in Leeds, with a salary of £95k and equity.",
        ] {
            assert!(is_pitch_to_reader(pitch), "{pitch}");
        }
        for said in [
            "We helped you move the 40 racks in 2019, so you know how we work with your team.",
            "We’ve worked with your team on the 2023 audit, which is why I have your number.",
            "Your answer gave us the chance to cut our cold-start time for the 3 apps we run.",
            "Congrats on the new role! I hear you'll lead the remote platform team of 12 from March.",
            "If you'd like, the 2019 base layer is in the shared drive.",
        ] {
            assert!(!is_pitch_to_reader(said), "{said}");
        }
    }

    #[test]
    fn a_weekday_put_as_a_slot_is_no_detail() {
        let none = KnownNames::default();
        assert!(details("Does Thursday or Friday work?", &none).is_empty());
        assert!(!details("Did Thursday's inspection go well?", &none).is_empty());
    }
}
