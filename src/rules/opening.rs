//! The sender's business introduction as the draft's opening line.
//!
//! Phrase rules catch the stock shapes ("we are a leading provider of..."), but the opening
//! pitch is written with the sender's own names in it: "I'm Tom from Ledgerly, and we help
//! growing businesses take the stress out of month-end close". Those names make the sentence
//! look specific to every detail test, so neither a phrase list nor the interchangeable check
//! sees it. What gives it away is its shape and its place: among the first lines of the body,
//! before anything about the reader, the sender says who they are *and* what their business
//! does. A student or a neighbour introducing themselves ("I'm a second-year PhD student in
//! Lowe's group") has no business cue and is left alone. A reason tied to the reader that
//! comes *after* the pitch does not excuse it: the reader meets the pitch first. In a chain of
//! the sender's own bumps, the earlier message quoted below has an opening of its own, and it
//! is read the same way.

use std::ops::Range;
use std::sync::OnceLock;

use crate::text::lean::LeanRegex as Regex;

use super::evidence;
use super::{document, RuleSet};
use crate::lint::{Draft, Finding, LintOptions};

/// The rule id.
pub const ID: &str = "business-intro-opening";

/// How many body sentences count as the opening.
const OPENING_SENTENCES: usize = 3;

/// Shorter sentences are fragments ("Quick one!"), not an opening.
const MIN_WORDS: usize = 4;

/// The findings for a draft that opens on the sender's business: each pitch sentence of the
/// opening, up to the first one tied to the reader.
pub fn run(
    draft: &Draft<'_>,
    rules: &RuleSet,
    options: &LintOptions,
    phrase_findings: &[Finding],
) -> Vec<Finding> {
    let Some(spec) = rules.enabled_spec(ID, options) else {
        return Vec::new();
    };
    let greeting = document::greeting(draft).map(|g| g.line);
    // The draft's own opening, then the opening of each earlier message the sender quoted
    // below it: a chain of their own bumps carries the first pitch further down. A quoted
    // message by someone else (a forwarded vendor email, the note being answered) still ends
    // the section above it, but is not read.
    let quoted = quoted_messages(draft.text);
    let mut sections = vec![(0, true)];
    let mut above_start = 0;
    for q in &quoted {
        let own = q
            .author
            .as_deref()
            .is_some_and(|a| signed_above(draft.text, above_start..q.header, a));
        sections.push((q.body, own));
        above_start = q.body;
    }
    let mut out = Vec::new();
    for (i, &(start, read)) in sections.iter().enumerate() {
        if !read {
            continue;
        }
        let end = quoted.get(i).map_or(usize::MAX, |q| q.header);
        let first = draft.sentences.partition_point(|s| s.end <= start);
        let body: Vec<Range<usize>> = draft.sentences[first..]
            .iter()
            .take_while(|s| s.start < end)
            .filter(|s| {
                !draft.prose.heading_at(s.start)
                    && !greeting.as_ref().is_some_and(|g| g.contains(&s.start))
            })
            .map(|s| s.start + inline_greeting_len(draft.masked(s.clone()))..s.end)
            .filter(|s| is_substantive(draft.masked(s.clone()), s, phrase_findings))
            .take(OPENING_SENTENCES)
            .collect();
        out.extend(flag_opening(draft, spec, &body, phrase_findings));
    }
    out
}

/// The pitch sentences among one message's opening `body` sentences.
fn flag_opening(
    draft: &Draft<'_>,
    spec: &crate::rules::RuleSpec,
    body: &[Range<usize>],
    phrase_findings: &[Finding],
) -> Vec<Finding> {
    let mut out = Vec::new();
    for sentence in body {
        let text = draft.masked(sentence.clone());
        if !is_business_intro(text) {
            if ties_to_reader(draft, sentence) || !out.is_empty() {
                break;
            }
            continue;
        }
        // In the introduction itself, names and numbers are the sender's own.
        if names_something_shared(draft, sentence) {
            break;
        }
        // "I'm a recruiter at Hedgerow, and I'm writing because of krone": the sentence
        // announces a reason, and the next one delivers it.
        if announces_reason(text) && next_ties_to_reader(draft, sentence) {
            break;
        }
        let already_flagged = phrase_findings.iter().any(|f| {
            f.category == spec.category
                && f.range.start < sentence.end
                && sentence.start < f.range.end
        });
        if !already_flagged {
            out.push(document::finding(
                spec,
                sentence.clone(),
                spec.message.clone(),
                None,
            ));
        }
    }
    out
}

/// An earlier message quoted in a reply or a forward.
#[derive(Debug, PartialEq)]
struct Quoted {
    /// Where its header ("On ... wrote:", "From:", "-----Original Message-----") starts.
    header: usize,
    /// The start of the first line after the header that is neither a header line nor blank.
    body: usize,
    /// Who wrote it, from the "From:" or "wrote:" line, when it says.
    author: Option<String>,
}

fn separator_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // "On ... wrote:" needs a digit (the date), so "On the train I reread what I wrote:" is
    // prose.
    RE.get_or_init(|| {
        compile(r"(?i)^(?:-{2,}[ \t]*(?:original message|forwarded message)[ \t]*-{2,}|begin forwarded message:|on [^\n]{0,200}[0-9][^\n]{0,200}(?-u:\b)wrote:)[ \t]*$")
    })
}

fn header_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(r"(?i)^(?:from|sent|date|to|cc|subject)[ \t]*:"))
}

/// The earlier messages quoted below the draft, in order. Quote marks (`>`) at the start of a
/// line are ignored; a lone "From:" line counts as a header only with another header right
/// below it.
fn quoted_messages(text: &str) -> Vec<Quoted> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len();
            Some((start, line.trim_start_matches(['>', ' ', '\t']).trim_end()))
        })
        .collect();
    let is_header = |i: usize| {
        lines
            .get(i)
            .is_some_and(|(_, l)| header_regex().is_match(l))
    };
    let mut found = Vec::new();
    let mut pending: Option<(usize, Option<String>)> = None;
    for (i, &(at, line)) in lines.iter().enumerate() {
        let is_from = line
            .get(..5)
            .is_some_and(|w| w.eq_ignore_ascii_case("from:"));
        if separator_regex().is_match(line) {
            pending = Some((at, wrote_author(line)));
        } else if is_header(i) {
            if is_from && (pending.is_some() || is_header(i + 1)) {
                let author = from_author(line);
                let header = pending.as_ref().map_or(at, |(h, _)| *h);
                pending = Some((header, author));
            }
        } else if !line.is_empty() {
            if let Some((header, author)) = pending.take() {
                found.push(Quoted {
                    header,
                    body: at,
                    author,
                });
            }
        }
    }
    found
}

/// "From: Sanne Verbeek <sanne@praktijk.example>" → "Sanne Verbeek".
fn from_author(line: &str) -> Option<String> {
    let rest = line.get(5..)?;
    let name = rest
        .split(['<', '[', '('])
        .next()?
        .trim()
        .trim_matches(['"', '\'']);
    (!name.is_empty() && !name.contains('@')).then(|| name.to_string())
}

/// "On Wed, 26 Feb 2025 at 08:47, Hollie Brennan <h@x.example> wrote:" → "Hollie Brennan":
/// the run of capitalised words just before "wrote:" (or before the address).
fn wrote_author(line: &str) -> Option<String> {
    let end = line.to_ascii_lowercase().rfind("wrote:")?;
    let head = line.get(..end)?.split('<').next()?;
    let mut name: Vec<&str> = head
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .rev()
        .take_while(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && !w.chars().any(|c| c.is_ascii_digit())
                && !matches!(*w, "AM" | "PM" | "On")
        })
        .collect();
    name.reverse();
    (!name.is_empty()).then(|| name.join(" "))
}

/// Whether the author of a quoted message signed the message above it too: a chain of the
/// sender's own bumps, not a vendor's pitch they forwarded or a stranger's note they answer.
fn signed_above(text: &str, above: std::ops::Range<usize>, author: &str) -> bool {
    let Some(first) = author
        .split_whitespace()
        .find(|w| w.chars().count() >= 2 && w.starts_with(|c: char| c.is_uppercase()))
    else {
        return false;
    };
    let Some(above) = text.get(above) else {
        return false;
    };
    above
        .lines()
        .map(|l| l.trim_start_matches(['>', ' ', '\t']).trim())
        // "Hi Tom," names the reader, not the writer.
        .filter(|l| !l.is_empty() && !greeting_like().is_match(l))
        .rev()
        .take(SIGNATURE_LINES)
        .any(|l| l.split(|c: char| !c.is_alphanumeric()).any(|w| w == first))
}

/// How many lines above a quote header are read for the sign-off.
const SIGNATURE_LINES: usize = 8;

/// A sentence that can open the body: not a subject line, a second greeting, a fragment, or
/// a stock opener the phrase rules already flagged ("Hope you're having a great week!").
fn is_substantive(text: &str, range: &Range<usize>, phrase_findings: &[Finding]) -> bool {
    let words = text.split_whitespace().count();
    // A finding that covers the sentence give or take its punctuation and spacing.
    const SLACK: usize = 3;
    let stock_opener = phrase_findings.iter().any(|f| {
        f.category != "self_centred"
            && f.range.start <= range.start + SLACK
            && (f.range.end + SLACK >= range.end || {
                // "I hope this mail finds you in good health and high spirits": what the
                // finding leaves over is a tail, not a sentence of its own.
                let tail = f.range.end.saturating_sub(range.start);
                text.get(tail..)
                    .is_some_and(|rest| rest.split_whitespace().count() < MIN_WORDS)
            })
    });
    words >= MIN_WORDS && !greeting_like().is_match(text) && !stock_opener
}

/// The words a greeting opens with, as regex alternatives.
const GREETING_WORDS: &str =
    "hi|hello|hey|hiya|dear|greetings|good (?:morning|afternoon|evening|day)";

/// "Dear Sir/Madam, we are web design agency from Lahore...": the length of a greeting
/// written on the same line as the first sentence, which is not part of that sentence; 0
/// when there is none or nothing of substance follows it.
fn inline_greeting_len(text: &str) -> usize {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        compile(&format!(
            r"(?i)^\W*(?:{GREETING_WORDS})(?-u:\b)(?:[ \t]+[^\s,!:]+){{0,3}}?[ \t]*[,!:][ \t]*"
        ))
    });
    match re.find(text) {
        Some(m) if text[m.end()..].split_whitespace().count() >= MIN_WORDS => m.end(),
        _ => 0,
    }
}

fn greeting_like() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(&format!(
            r"(?i)^\W*(?:subject|re|fwd?|{GREETING_WORDS})(?-u:\b)"
        ))
    })
}

/// The sentence names something of the reader's, something shared, or a mutual contact.
fn names_something_shared(draft: &Draft<'_>, sentence: &Range<usize>) -> bool {
    draft.details(sentence).iter().any(|k| k.is_strong())
}

/// The sentence gives a reason tied to the reader: something shared, or a detail in a
/// sentence about them.
fn ties_to_reader(draft: &Draft<'_>, sentence: &Range<usize>) -> bool {
    names_something_shared(draft, sentence)
        || (evidence::is_about_reader(draft.masked(sentence.clone()))
            && !draft.details(sentence).is_empty())
}

/// The sentence says it is about to give the reason for writing.
fn announces_reason(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(r"(?i)(?-u:\b)(?:writing|reaching out|getting in touch|messaging you|contacting you)\s+(?:to you\s+)?(?:because|about|regarding)(?-u:\b)")
    })
    .is_match(text)
}

/// The body sentence after `sentence` gives a reason tied to the reader.
fn next_ties_to_reader(draft: &Draft<'_>, sentence: &Range<usize>) -> bool {
    let next = draft
        .sentences
        .partition_point(|s| s.start <= sentence.start);
    draft
        .sentences
        .get(next)
        .is_some_and(|s| ties_to_reader(draft, s))
}

/// "I'm Tom from Ledgerly, and we help...", "We are Oceanic Marine Services, a reputed...":
/// the sender introduces themselves and says what their business is or does.
pub fn is_business_intro(text: &str) -> bool {
    // "My name is Joanna and my son Filip is 10, he plays in goal since 2 years": a parent.
    if family_member().is_match(text) && !company_we().is_match(text) {
        return false;
    }
    intro_start().is_match(text) && (business_cue().is_match(text) || is_own_track_record(text))
        // "Lakeside Trust is a charity working with young carers, which is why your job ad
        // caught my eye" describes the reader's organisation, not the sender's.
        || company_claim().is_match(text)
            && !evidence::is_about_reader(text)
            && !third_party_cue().is_match(text)
}

/// "Shelter is a charity fighting homelessness, and I've volunteered at their Leeds hub": an
/// organisation the writer describes from outside, as a volunteer, player or supporter.
fn third_party_cue() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(r"(?i)(?-u:\b)(?:I(?:['’]ve|\s+have)?\s+(?:joined|play|played|volunteer|volunteered|used\s+to|support|supported|donate|donated|follow|followed|been\s+(?:a\s+)?(?:member|volunteer|fan|supporter)))(?-u:\b)")
    })
}

/// The company "we": "We are a family-run bakery, my son and I have been supplying cafés".
fn company_we() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(r"(?i)(?-u:\b)(?:we|we['’]re|we['’]ve|our|us)(?-u:\b)"))
}

/// A child of the writer's: "my son", "my daughter", "my kids".
fn family_member() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(r"(?i)(?-u:\b)my\s+(?:son|daughter|child|children|kids?|boy|girl)(?-u:\b)")
    })
}

/// The sender's own reach or output, in a sentence that does not mention the reader: "with
/// over 50k monthly listeners", "my music has been featured on BBC Introducing", "we've
/// published 14 titles", "trusted by 3,000+ farmers", "a studio that has delivered 90+
/// logos", "more than 500 satisfied clients". Said of the reader ("your show passing 50k monthly listeners") it is
/// praise, not a pitch.
fn is_own_track_record(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?i)(?-u:\b)(?:\d[\d,.]*[km]?\+?\s+(?:monthly\s+|weekly\s+|active\s+|daily\s+)?(?:downloads|subscribers|listeners|followers|streams|wishlists|installs)|featured\s+(?:on|by)|(?:we['’]ve|we\s+have)\s+(?:published|shipped|released|launched)\s+(?:over\s+|more\s+than\s+)?\d[\d,]*\+?\s+(?:titles|games|apps|products|brands|albums|books)|trusted\s+by\s+(?:over\s+|more\s+than\s+|nearly\s+)?\d[\d,.]*[k]?\+?|(?:has|have|I['’]ve|we['’]ve)\s+(?:already\s+)?(?:delivered|completed|designed|built|shot|produced|edited|flown|supported|served)\s+(?:over\s+|more\s+than\s+|nearly\s+)?\d[\d,.]*\+?|(?:more\s+th[ae]n|over)\s+\d[\d,.]*\+?\s+(?:satisfied|happy)\s+(?:clients?|customers?|couples|brands)|\d+\+?\s*(?:years?|yrs?)['’]?\s+(?:of\s+)?(?:experience|exp|expertise)|since\s+\d+\s+(?:years?|yrs?)|(?:we['’]ve|we\s+have)\s+been\s+(?:proudly\s+)?(?:serving|helping|supporting|protecting|cleaning|insuring|representing)\s+[^.!?]{1,60}?\s(?:since\s+(?:19|20)\d\d|for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:\d+|two|three|four|five|ten|twenty)\s+(?:years|decades)))(?-u:\b)",
        )
    })
    .is_match(text)
        && !evidence::speaks_to_reader(text)
}

/// The kinds of company claim, one alternative each, tried as one regex.
const COMPANY_CLAIMS: &[&str] = &[
    // "RouteLoop helps mid-size carriers cut empty miles"
    r"^\W*(?:[A-Z][a-z]{2,}[A-Z][\w&.-]*|[A-Z][\w&.-]*\s+(?:AI|Labs|Solutions|Systems|Technologies|Software|Health|Group|Partners|Inc\.?|Ltd\.?|LLC))\s+(?:helps|empowers|enables|lets|gives)\s+(?:[\w-]+\s+){0,3}?[\w-]+s\s+(?:to\s+)?[a-z]+",
    // "RevPilot is the #1 AI revenue management platform"
    r"^\W*[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,3}\s+is\s+(?:the\s+|a\s+|an\s+|[A-Z][\w-]*['’]s\s+)?(?:#\s?1|(?i:no\.?\s?1|number[\s-]one|leading|fastest[\s-]growing|largest|top-rated|award-winning|premier|(?:(?:most\s+)?trusted|preferred|go-to)\s+(?:[\w-]+\s+)?(?:partner|provider|supplier|brand|platform)))[\s,]",
    // "At Harrow & Lane we've sold over 400 homes", "we manage over 1,200 properties"
    r"(?i:^\W*(?:(?:last|this)\s+year\s*,?\s+)?(?:(?:here\s+)?at\s+(?-i:[A-Z])[\w&.-]*(?:\s+(?:&|and|(?-i:[A-Z])[\w&.-]*)){0,3}\s*,?\s+)?(?:I['’]ve|I\s+have|we['’]ve|we\s+have|we)\s+(?:just\s+|already\s+)?(?:shot|sold|supplied|installed|fitted|deployed|onboarded|manage|managed|operate|run|closed|placed|served|delivered|tripled|doubled|quadrupled|raised|photographed|booked|coached|trained|led|backed|funded|invested\s+in|crossed|passed|hit|flown|inspected)\s+(?:[\w-]+\s+){0,2}?(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:\$\d|\d[\d,]*(?:[^\d.,]|\.(?:\s|$)|$)|our\s))",
    // "DataBridge Health is a global leader in interoperability solutions"
    r"^\W*[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,2}\s+is\s+(?:a|an|the)\s+(?i:global|leading|national|international|recogni[sz]ed|trusted|proven|market|industry|world|european|uk|us)\s+(?i:leader|pioneer|authority)\s+(?i:in|for|of)\s",
    // "SentinelCare was recently named a Leader"
    r"^\W*[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,2}\s+(?:was|were|has\s+been|is)\s+(?:recently\s+|just\s+)?(?:named|ranked|rated|recogni[sz]ed|voted|awarded|shortlisted)\s",
    // "Glazeline has installed over 40,000 m²", "has been trusted by 200+ housebuilders",
    // "Since 1998, Pinnacle Risk Advisors has protected thousands of local businesses"
    r"^\W*(?:(?:(?i:since|for\s+(?:over\s+|more\s+than\s+|nearly\s+)?)\s*[\w ]{1,20}),\s*)?[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,2}\s+(?:has|have)\s+(?:been\s+trusted\s+by|installed|delivered|served|helped|supported|shipped|placed|processed|completed|trained|protected|insured|represented|worked\s+with|partnered\s+with)\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:\d|(?:thousands|hundreds|dozens|millions)\s+of\s)",
    // "Keystone Property Partners manages 1,100+ doors": a firm of two words or more, since
    // "Sarah manages 14 people" may be about anyone
    r"^\W*[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){1,3}\s+(?:manages|operates|serves|supports|insures|protects|represents|powers|works\s+with|partners\s+with)\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:\d|(?:thousands|hundreds|dozens|millions)\s+of\s)",
    // "Summit Party Rentals has been the go-to rental partner for 400+ planners"
    r"^\W*[A-Z][\w&.-]+(?:\s+[A-Z][\w&.-]+){0,3}\s+(?:has|have)\s+been\s+(?:the|a)\s+(?:go-to|leading|trusted|preferred|top|premier|number[\s-]one|#\s?1)\s",
    // "Sparkle Pro Cleaning has been serving the area since 2011": a trading name, its last
    // word a kind of business, and how long it has served
    r"^\W*(?:[A-Z][\w&.'’-]*\s+){0,3}(?:Cleaning|Cleaners|Services|Solutions|Insurance|Partners|Group|Ltd\.?|Limited|Co\.?|Company|Agency|Studios?|Realty|Roofing|Plumbing|Electrical|Landscaping|Logistics|Consulting|Consultants|Marketing|Digital|Builders|Construction|Accountants|Accounting|Bookkeeping|Associates|Advisors|Advisers|Bakery|Florists?|Events|Rentals|Records|Productions|Photography|Motors|Lettings|Estates|Recruitment|Staffing|Security|Removals|Catering|Interiors)\s+(?:has|have)\s+been\s+(?:proudly\s+)?(?:serving|helping|supporting|protecting|providing|cleaning|insuring|representing|trusted\s+by)\s",
    // "Calder Street Partners is a boutique M&A adviser with 60+ completed deals"
    r"^\W*[A-Z][\w&.-]+(?:\s+(?:&|and|[A-Z0-9][\w&.-]*)){0,3}\s+is\s+(?:an?|the)\s+(?:[\w&'’-]+,?\s+){0,4}?(?:firm|adviser|advisor|advisory|agency|consultancy|practice|studio|platform|provider|specialist|boutique|manufacturer|supplier|distributor|brokerage|broker|publisher|label|company|business|charity|club|academy|nonprofit|non-profit|not-for-profit|NGO|foundation|trust|organi[sz]ation|assistant|software|solution|engine|marketplace|forwarder)\s+(?:with|that|which|who|based|serving|representing|specialising|specializing|founded|focused|dedicated|ranked|trusted|built|designed|helping|working|tackling|fighting|combating|combatting|championing|transforming|revolutioni[sz]ing|reshaping|redefining|powering|restoring|delivering|providing|empowering|supporting|bringing|enabling|making|offering|connecting)\s",
    // "Kestrel Educational is one of the UK's fastest-growing independent publishers", "The
    // Global Design Excellence Awards is one of the world's most prestigious programmes": a
    // trading name (run together, or ending in a kind of business) ranked among its peers, so
    // "Marta Ruiz is one of the leading kelp ecologists" stays a person.
    r"^\W*(?:(?:[A-LN-Z][a-z]+|M(?:[abd-z][a-z]*|a(?:[abd-z][a-z]*)?))[A-Z][\w&.-]*|[A-Z][\w&.'’-]*(?:\s+(?:&|of|[A-Z][\w&.'’-]*)){0,3}\s+(?:Ltd\.?|Limited|Group|Travel|Tours|Education|Educational|Learning|Publishing|Press|Media|Labs|Games|Studios?|Software|Systems|Technologies|Solutions|Services|Partners|Logistics|Insurance|Consulting|Agency|Company|Co\.?|Awards|Components|Parts|Supplies|Distribution|Networks|Telecom|Construction))\s+(?:is|are)\s+(?:one\s+of|among)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+)?[\w-]+['’]s\s+)?(?i:fastest[\s-]growing|largest|leading|biggest|premier|foremost|most\s+(?:prestigious|trusted|innovative|established|recogni[sz]ed|awarded))\s",
    // "EduVoyage has been organising award-winning educational tours since 2004": a name run
    // together (not a Mc or Mac surname) and how long it has traded, so "Tom Reed has been
    // running the Leeds meetup since 2019" stays a person, and so does "McKenzie".
    r"^\W*(?:[A-LN-Z][a-z]+|M(?:[abd-z][a-z]*|a(?:[abd-z][a-z]*)?))[A-Z][\w&.-]*\s+(?:has|have)\s+been\s+(?:organising|organizing|running|providing|delivering|supplying|manufacturing|designing|producing|serving|offering|operating|crafting|making|building|creating|installing|publishing|hosting|distributing|developing|placing|insuring|arranging)\s+(?:[\w&'’,-]+\s+){0,6}?(?i:since\s+(?:19|20)\d\d|for\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty|fifty)\+?\s+(?:years|decades))",
    // "The Grand Meridian Dubai is a luxurious 5-star property located in the heart of
    // Business Bay": a venue's brochure line, told by where it stands
    r"^\W*[A-Z][\w&.'’-]+(?:\s+[A-Z][\w&.'’-]+){0,3}\s+is\s+(?:an?|the)\s+(?:[\w&-]+\s+){0,3}?(?:hotel|property|resort|venue|winery|brewery|distillery|retreat)\s+(?:located|situated|nestled)\s+(?:in|on|at|right|just|among|between)\s",
    // "Trusted by 40+ NHS and private providers"
    r"(?i:^\W*(?:proudly\s+)?trusted\s+by\s+(?:over\s+|more\s+than\s+|nearly\s+)?\d)",
];

/// A sentence that opens on a company name and what it does for its customers: "RouteLoop
/// helps mid-size carriers cut empty miles". Only the sender's own product is introduced
/// this way before anything about the reader.
fn company_claim() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(&COMPANY_CLAIMS.join("|")))
}

fn intro_start() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?i)^\W*(?:(?:so|and|well|also|quick intro|a quick intro)[\s,:—–-]+)?(?:i'm|i’m|i am|im|my name(?:'s|’s| is)|this is|(?:it\s+is|it['’]s)\s+(?:my|our)\s+(?:great\s+|distinct\s+)?(?:pleasure|privilege|honou?r)\s+to\s+introduce|we're|we’re|we are|we|our (?:[\w-]+\s+){0,2}?(?:agency|company|firm|team|startup|studio|platform|house|practice|shop|brand|business)|i (?:lead|run|head(?: up)?|manage) (?:[\w-]+ ){0,3}?at (?-i:[A-Z])[\w&.-]*|i (?:run|own|founded|co-founded|started) (?-i:[A-Z])[\w&.-]*|i (?:run|own|founded|co-founded|started|set up) (?:a|an|my own) (?:[\w-]+ ){0,3}?(?:consultancy|agency|firm|studio|business|company|practice|startup|brand)|(?:here )?at (?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])[\w&.-]*){0,3},?\s+(?:we|we've|we’ve|we're|we’re|our)|as (?:the |a |an )?(?:founder|co-founder|cofounder|ceo|owner|director|managing director|head|partner|principal|president)\s+(?:of|at)\s+[^,]{2,60},\s*(?:i|i've|i’ve|i'm|i’m|we|we've|we’ve|we're|we’re))(?-u:\b)",
        )
    })
}

/// The company voice, or the words of a role, a firm or a sales claim.
fn business_cue() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?i)(?-u:\b)(?:(?:we|we're|we’re|we are)\s+(?:help|helps|supply|provide|offer|build|make|manufacture|specialise|specialize|work with|partner with|are a|are an|are the|are leading|are one of)|(?:we're|we’re|we are)\s+(?:building|developing|creating|reinventing|redefining|rethinking|making)\s+(?:the\s+)?(?:next[\s-]generation|future|first|only|world['’]s|new\s+standard|smarter|simplest|easiest)|next[\s-]generation\s+of|ai[\s-](?:powered|driven|first|native)|(?:we're|we’re|we are)\s+(?:a|an|the)|our\s+(?:platform|product|company|firm|agency|team|clients|customers|solution|solutions|services|software|app)|helping\s+(?:[\w-]+\s+){0,2}?[\w-]+s|founder|co-founder|cofounder|ceo|cto|coo|head up|head of (?:sales|growth|partnerships|marketing|business development)|run (?:growth|sales|partnerships|marketing|bd|business development|(?:the\s+)?ops|(?:the\s+)?operations)|freight forwarder|forwarding agent|partnerships|business development|account (?:executive|manager)|award-winning|leading|,\s*(?:a|the)\s+(?:global\s+|national\s+|recogni[sz]ed\s+|trusted\s+|proven\s+|market\s+|industry\s+)?leader\s+in|on\s+behalf\s+of\s+(?-i:[A-Z])\w*|(?:a|an|the|our|are|and|most|well|highly)[\s-]+reputed|premier|(?:we're|we’re|we\s+are)\s+(?:a\s+)?(?:professional|leading|reputed|certified|established)\s+(?:manufacturer|exporter|supplier|factory)|pvt|ltd|llc|inc|gmbh|agency|consultancy|revolutioni[sz]ing|transforming|disrupting|reinventing|on a mission|next-gen|cutting-edge|innovative|all-in-one|full-service|fastest[- ]growing|top-producing|proudly serving|recruiter|realtor|headhunter|sdr|bdr|sales development|talent acquisition|talent partner|(?:insurance|mortgage|real estate|business|freight|customs) broker|sales (?:rep|representative|executive|manager|director)|host of|featured in|like yours|shortlisted for|the (?:largest|biggest)|early-stage fund|seed fund|venture fund|fund backing|we invest|\d[\d,.]*\+?\s+(?:downloads|subscribers|listeners|followers))(?-u:\b)|^\W*(?:we're|we’re|we are)\s+(?-i:[A-Z])[\w&.-]*(?:\s+[\w&.-]+){0,3},\s*(?:a|an|the|one\s+of\s+the\s+(?:most|leading|largest|biggest|fastest|top|best|premier|foremost))(?-u:\b)|^\W*(?:we're|we’re|we\s+are)\s+(?-i:[A-Z])[\w&.-]*(?:\s+(?-i:[A-Z])[\w&.-]*){0,3}\s+(?-i:Academy|School|Agency|Studios?|Labs|Group|Ltd|Inc|Institute|Consulting|Solutions),\s*helping(?-u:\b)",
        )
    })
}

fn compile(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|err| panic!("opening regex is a constant: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_introductions() {
        for s in [
            "I’m Tom from Ledgerly, and we help growing businesses take the stress out of month-end close.",
            "I run a small consultancy helping councils get more out of their digital teams.",
            "Greenline Services is one of the North West’s leading grounds maintenance contractors, delivering quality for over 25 years.",
            "Ashby Town Juniors is a thriving grassroots club with over 300 players aged 5–16.",
            "We are a family-run bakery, my son and I have been supplying cafés across Leeds since 1998.",
            "im jake, i run growth at Classly and we help studio owners like u fill more classes",
            "We are Oceanic Marine Services, a reputed ship chandling company in Singapore.",
            "I’m Chloe, an award-winning wedding photographer based in the Cotswolds.",
            "I’m Sarah, and I head up partnerships at Millstone Flour Co.",
            "We’re PixelForge Publishing, a passionate team of gamers helping indie studios.",
            "At Giveforward Partners we've spent over a decade helping charities unlock income.",
            "Our agency GameReach is leading sponsorship agency for esport teams in Europe.",
            "I am Rajesh from Techvision Automation Pvt Ltd, we are leading manufacturer of robots.",
            "As the founder of Legacy Giving Partners, I've spent 20 years helping nonprofits unlock gifts.",
            "My name is Deborah Kline and I'm a top-producing agent with Summit Ridge Realty.",
            "At GreenRoot, we're revolutionizing the way farmers approach soil health.",
            "RouteLoop helps mid-size carriers cut empty miles with AI-powered dispatch.",
            "At Clarivue, we’re building the next generation of AI-powered patient flow solutions for forward-thinking health systems.",
            "We are building the future of clinical documentation.",
            "Loomwell is fastest growing denim sourcing platform in Türkiye, working with 300+ mills.",
            "RevPilot is the #1 AI revenue management platform for independent hotels.",
            "DataBridge Health is a global leader in interoperability solutions, serving over 200 healthcare organisations in 18 countries.",
            "Glazeline has installed over 40,000 m² of unitised curtain wall since 2009.",
            "Our award-winning post house has just opened a third grading suite in London.",
            "I’m Dayo, host of The Diaspora Builders Podcast, where we interview African founders.",
            "At Brightmoor Risk Partners we’ve been protecting businesses like yours for over 25 years.",
            "Quick intro: I’m a Principal at Forge Peak Ventures, a $120M early-stage fund backing founders.",
            "At Fernbrook Studio we’ve published 9 titles on Switch and Steam.",
            "I’m a producer from Bristol with 30k monthly listeners on Spotify.",
            "I'm a ceramicist in Leith and my mugs have been featured on BBC Scotland.",
            "I’ve shot over 250 weddings and was featured in Rock My Wedding this year.",
            "Last year we tripled our taproom sales, launched 14 new beers and won two golds.",
            "At Harrow & Lane we’ve sold over 400 homes across the borough since 2009.",
            "Calder Street Partners is a boutique M&A adviser with 60+ completed deals since 2011.",
            "Marlowe Finch LLP is a full-service commercial law firm with offices in London and Dubai.",
            "The Grand Meridian Dubai is a luxurious 5-star property located in the heart of Business Bay.",
            "Trusted by 40+ NHS and private providers.",
            "Westbridge Public Affairs is an award-winning, full-service government relations consultancy with over 20 years’ experience.",
            "Brightline Comms is a full-service PR agency representing some of the most exciting names in B2B fintech.",
            "It is my great pleasure to introduce Al Noor Smart Solutions, a pioneer and leading provider of ERP and AI solutions in the GCC region.",
            "Kestrel is an independent brand and packaging agency based in Belfast, with over 15 years’ experience.",
            "ChairFlow is an innovative, AI-first platform transforming the way clinics operate.",
            "Hope Springs Community Trust is a leading grassroots charity dedicated to transforming lives across the region since 2004.",
            "Asha Jyoti Foundation is a registered NGO working for upliftment of underprivileged children since 2009.",
            "Great Lakes Habitat Alliance is a nationally recognized conservation nonprofit restoring critical ecosystems across six states.",
            "GreenPeak is Europe’s trusted partner for premium foliar nutrition and biostimulants.",
            "FitForm Coaching is a results-driven personal training company helping clients across the North West transform their bodies.",
            "At Keystone Lettings we manage over 1,200 properties across the city.",
            "Northline Roofing Supplies has been trusted by 200+ housebuilders for over 25 years.",
            "At MedaFlow we’ve supplied over 1,200 smart infusion pumps to hospitals across the UK.",
            "I lead developer relations at Vectorly, the fastest-growing open-source vector database.",
            "quick intro - im Josh from RouteMate, we’re the #1 rated TMS for UK hauliers on Capterra",
            "SentinelCare was recently named a Leader in the 2024 Healthcare MDR Report.",
            "LaunchPad is Europe's leading pre-seed accelerator, with 140+ alumni.",
            "We've led rounds in 40+ companies, including three unicorns.",
            "We just crossed $5M ARR and 200+ DTC brands now use Cartly.",
            "My name is Aisha and I’m the lead organiser of HackNova, the largest student-run hackathon in the region.",
            "My name is Priya and I'm an SDR at Sentrik.",
            "im pieter, i run the ops side at a small freight forwarder in rotterdam",
            "My name is Hannah and I lead talent acquisition for our offshore wind division.",
            "I’m reaching out on behalf of MedAxis Solutions, a leader in revenue-cycle management.",
            "GridSight is the AI-native outage intelligence platform trusted by 60+ utilities and co-ops across North America.",
            "At SkyLine Aerial we’ve flown more than 40,000 structure inspections for utilities across the Midwest.",
            "I run Studio Kettle, a one-woman branding studio that has delivered 90+ logos for startups across Europe.",
            "We are Sanaru, AI-driven platform for smallholder farmers, already trusted by 3,000+ farmers in Kenya and Uganda.",
            "I am professional wedding and event photographer with 10 year experience and more then 500 satisfied client in Europe.",
            "Keystone Property Partners manages 1,100+ doors across the tri-state area.",
            "Summit Party Rentals has been the go-to rental partner for 400+ planners and venues across the region.",
            "Since 1998, Pinnacle Risk Advisors has protected thousands of local businesses.",
            "For over 20 years, Harlow Insurance has insured more than 3,000 contractors in Ohio.",
            "Sparkle Pro Cleaning has been serving the area since 2011 and we are fully insured.",
            "We have been proudly serving families in the Wirral for over 15 years.",
            "we are web design agency from Lahore with 8 years experience making website for small business.",
            "My name is Ravi and I am currently working as Senior Business Analyst since 7 years in banking domain.",
            "I'm a freelance bookkeeper with 12+ years of experience helping cafés stay on top of VAT.",
            "Pike & Lowe is an independent Lloyd’s broker with over 25 years’ experience placing complex commercial risks.",
            "PrimeLink 3PL is a full-service third-party logistics provider with over 2 million square feet of warehouse space.",
            "SheetSmith is the AI-powered documentation assistant that architects love.",
            "Kestrel Educational is one of the UK’s fastest-growing independent publishers.",
            "AutoTrek Components is one of Europe’s fastest-growing distributors of OE-quality brake, clutch and suspension parts.",
            "We are FibraSur Construcciones, one of the most experienced company in fibre optic deployment in Spain and Latin America.",
            "We’ve placed 1,200 engineers with operators across the Nordics.",
            "The Global Design Excellence Awards is one of the world’s most prestigious international programmes.",
            "EduVoyage has been organising award-winning educational tours since 2004.",
            "we are SkyPath Aviation Academy, helping young ppl become airline pilots with our 18 month integrated ATPL",
            "We are professional manufacturer of custom printed packaging since 2008, located in Dongguan, China.",
        ] {
            assert!(is_business_intro(s), "{s}");
        }
    }

    fn fires(text: &str) -> bool {
        let rules = RuleSet::builtin();
        let report = crate::lint::lint(
            text,
            crate::Format::PlainText,
            &rules,
            &LintOptions::default(),
        );
        report.findings.iter().any(|f| f.rule == ID)
    }

    #[test]
    fn an_introduction_that_announces_the_reason_given_next_is_left_alone() {
        let announced = "Hi Wojciech,\n\nI’m a recruiter at Hedgerow, and I’m writing because of krone, not your job title. Our Android lead found your write-up in krone issue #212 while debugging the same Doze problem.\n";
        assert!(!fires(announced));
        // Announcing a reason and then pitching is still a pitch.
        let pitch = "Hi Wojciech,\n\nI’m a recruiter at Hedgerow, and I’m writing because of an exciting role. We are a fast-growing agritech startup with 40 staff.\n";
        assert!(fires(pitch));
    }

    #[test]
    fn a_greeting_on_the_same_line_does_not_hide_the_pitch() {
        assert!(fires("Dear Sir/Madam, we are web design agency from Lahore with 8 years experience making website for small business. Kindly reply.\n"));
        assert!(fires("Hi there, I'm Tom from Ledgerly, and we help growing businesses take the stress out of month-end close.\n"));
        assert!(!fires(
            "Dear Ms Okafor, I'm a second-year PhD student in Graham Lowe's group at Durham.\n"
        ));
        assert_eq!(inline_greeting_len("Hi Sam, thanks for Thursday."), 0);
        assert_eq!(
            inline_greeting_len("Dear Sir/Madam, we are a web agency."),
            "Dear Sir/Madam, ".len()
        );
    }

    #[test]
    fn a_pitch_in_the_third_sentence_is_still_the_opening() {
        let third = "Hi Sam,\n\nThe spring was a busy one for us. The team spent it rebuilding outbound tooling. Brightloop is the #1 rated sales engagement platform on G2.\n";
        assert!(fires(third));
    }

    #[test]
    fn the_opening_of_a_quoted_earlier_message_is_read_too() {
        let forwarded = "Hi Daniel,\n\nNot sure my last email reached you, so here it is again.\n\nSanne\n\n---------- Forwarded message ---------\nFrom: Sanne Verbeek <sanne@praktijk.example>\nDate: Mon, 3 Mar 2025\nSubject: Growing online\n\nDear Sir/Madam,\n\nPixelPraktijk is a digital agency that specialises in websites for healthcare providers.\n";
        assert!(fires(forwarded));
        let outlook = "Dear Folake,\n\nDoes the £10,000 threshold in your guidance apply to the amount we request?\n\nWarm wishes,\nRhiannon\n\nFrom: Rhiannon Price\nSent: 04 September 2025 11:02\nTo: Folake Adeyemi\n\nDear Folake,\n\nGreenway Food Hub is a grassroots charity tackling food insecurity across North Cardiff.\n";
        assert!(fires(outlook));
        let quoted = "Hi Gareth,\n\nAny thoughts on the below?\n\nHollie\n\nOn Wed, 26 Feb 2025 at 08:47, Hollie Brennan wrote:\n> Hi Gareth,\n>\n> Sentrix Inspection Systems has installed over 400 x-ray units in snack plants.\n";
        assert!(fires(quoted));
        // "From:" in a sentence, and a lone "From:" line, start no quoted message.
        let plain = "Hi Ana,\n\nFrom: the desk of a tired organiser.\n\nOn the train back from your workshop I reread what I wrote:\nThanks for the tour of the bakery on Saturday.\n";
        assert_eq!(quoted_messages(plain), Vec::new());
        let found = quoted_messages(quoted);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].author.as_deref(), Some("Hollie Brennan"));
        assert!(quoted[found[0].body..].starts_with("> Hi Gareth,"));
        // Short header lines and multibyte text after a header word do not trip it.
        assert_eq!(quoted_messages("To:\nCc:é\nFrom:\nFrom:é\n"), Vec::new());
    }

    #[test]
    fn a_quoted_message_by_someone_else_is_not_the_senders_opening() {
        // Declining a pitch: the quoted pitch is the vendor's, not the writer's.
        let declining = "Hi Tom,\n\nThanks, but we renewed with our current provider in May.\n\nPriya\n\nOn Tue, 4 Mar 2025 at 09:12, Tom Hadley <tom@ledgerly.example> wrote:\n> Hi Priya,\n>\n> I’m Tom from Ledgerly, and we help growing businesses take the stress out of month-end close.\n";
        assert!(!fires(declining));
        // The same pitch bumped by its own writer is theirs.
        let bump = "Hi Priya,\n\nAny thoughts on the below?\n\nTom\n\nOn Tue, 4 Mar 2025 at 09:12, Tom Hadley <tom@ledgerly.example> wrote:\n> Hi Priya,\n>\n> I’m Tom from Ledgerly, and we help growing businesses take the stress out of month-end close.\n";
        assert!(fires(bump));
        assert_eq!(
            wrote_author("On 3/4/2025 9:12 AM Tom Hadley wrote:").as_deref(),
            Some("Tom Hadley")
        );
        assert_eq!(
            wrote_author("On Tue, Oct 8 at 9:02 AM Tyler Brooks wrote:").as_deref(),
            Some("Tyler Brooks")
        );
        assert_eq!(wrote_author("On Tue, 4 Mar 2025 wrote:"), None);
        assert_eq!(from_author("From: <x@y.example>"), None);
    }

    #[test]
    fn other_introductions_and_lines() {
        for s in [
            "I’m a second-year PhD student in Graham Lowe’s group at Durham.",
            "I'm Ana from the Porto Python group.",
            "Your talk on retry budgets changed how we size our queues.",
            "Thanks for the tour of the bakery on Saturday.",
            "My name is Leo and I am a sophomore studying geology.",
            "We're hosting an exclusive roundtable for leaders in your space.",
            "I am project engineer at Kowalczyk Budownictwo, we just finish the seismic retrofit of a school.",
            "Sarah helps new volunteers find their feet on the Tuesday shift.",
            "McKenzie helps new volunteers find their feet on the Tuesday shift.",
            "Your team is the leading reason I moved to Leeds.",
            "Your team is the go-to crew for night shoots in Leeds, everyone says so.",
            "Marta is a trusted voice on the Harbour stage bookings.",
            "Lakeside Trust is a charity working with young carers, which is why your job ad caught my eye.",
            "Your Substack is the go-to source for anyone running small-batch kilns.",
            "Ana Ruiz is a trusted source on Basque labour history, and your 2019 book is on my desk.",
            "Ama has been on call for the sync service since March.",
            "I run the night shift at St Mary's, and your checklist is now on our ward.",
            "We’ve shot two rolls on the Leica you lent us.",
            "Harbour Lane is a small practice on the seafront, two doors down from you.",
            "The Crown is a lovely venue with a proper stage, and we would love to play your folk night on 14 March.",
            "Trusted by my old manager, I ran the Leeds rota for two years.",
            "I'm writing on behalf of my daughter, and our neighbourhood association too.",
            "I'm a leader in our church youth group, so the curriculum question is mine too.",
            "I'm a teacher in Leith, and we've published 3 issues of the class zine so far.",
            "I'm so glad your mugs were featured on BBC Scotland last week.",
            "I'm a longtime listener, and your show passing 50k monthly listeners is well deserved.",
            "We've published 3 titles with your studio's art so far.",
            "We've built 3 prototypes on your SDK since the March release.",
            "Sarah manages 14 people on the night shift, and she says your rota tool saved her Sundays.",
            "Since March, Tom Reyes has managed 40 units on Elm Street for your aunt.",
            "Your Kestrel team has been the go-to example in every talk I give on retries.",
            "I run Parkrun in Leith most Saturdays, and I saw your pacing post.",
            "I'm a nurse, and I have supported 12 families through the same appeal you won.",
            "I'm a nurse with 12 years of experience, and your sepsis checklist is now on our ward.",
            "We have been serving your street's recycling since 2019, and the new bins arrive Monday.",
            "Greenline Landscaping has been brilliant with the verge, by the way.",
            "Dear Sir/Madam, we are grateful for the grant.",
            "I am seeking for opportunity as Software Developer Intern or Fresher in your reputed organisation.",
            "We're building a Postgres queue at Kestrel and hit the same vacuum stall you described.",
            "We are making the next batch of sourdough on Friday.",
            "Tom Reed has been running the Leeds meetup since 2019, and he suggested I write.",
            "Priya Nair is one of the most respected underwriters in the London market.",
            "Marta Ruiz is one of the leading kelp ecologists in Norway.",
            "McKenzie has been running the Leeds parkrun since 2015, and she is stepping down in June.",
            "We are Maya and Joel, one of the couples from your Saturday pottery class.",
            "We raised £12,000 for the Calder flood fund at the May fair.",
            "We run smppkit 3.2 in front of two SMSCs at a regional MVNO, and since we upgraded on 4 June the merge tags go out unrendered.",
            "Zotero is a tool that every PhD student in our lab leans on.",
            "I'm a buyer at Halden Medical, and we are looking for a manufacturer who can extrude 3 mm PEEK tubing.",
            "We're Maya and Joel, helping out with the Harehills allotment open day on Saturday.",
            "My name is Joanna and my son Filip is 10 years old, he is playing as goalkeeper for Hanwell Town Minis since 2 years.",
            "Leith Harriers is a friendly club with a Tuesday track session, and your pacing post is pinned in our chat.",
            "Shelter is a charity fighting homelessness, and I've volunteered at their Leeds hub since 2019.",
        ] {
            assert!(!is_business_intro(s), "{s}");
        }
    }
}
