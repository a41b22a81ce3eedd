//! The personalisation score: its range and signals on realistic drafts, and its two
//! monotonicity properties checked over a few hundred generated drafts: adding a context
//! line built from the draft's own facts never lowers the score, and adding a stock phrase
//! never raises it.

use outreach_lint::fix::{apply_edits, context_line_fixes};
use outreach_lint::lint::Draft;
use outreach_lint::personal::score::Score;
use outreach_lint::{lint, Format, LintOptions, RuleSet};

/// A clean personal note (the same as `examples/drafts/personal-after-meetup.md`).
const MEETUP: &str = "---\nrecipient: Tomás Oliveira\nchannel: linkedin-note\nmet_at: the Porto Postgres day\ntheir_work: your talk on logical replication slots\n---\nHi Tomás,\n\nWe spoke after your talk at the Porto Postgres day, the one where the replication slot filled\nthe disk during the live demo. Your fix (a `max_slot_wal_keep_size` alarm) is now in our runbook.\nCould I ask you two questions about slot monitoring by email?\n\nAna\n";

/// A stock connection note (the same as `examples/drafts/generic-connection-note.txt`).
const GENERIC: &str = "Hi Jordan,\n\nI came across your profile and was really impressed by your background. I'd like to add you to my professional network on LinkedIn.\n\nLooking forward to connecting!\n";

fn score_of(text: &str, format: Format) -> Score {
    lint(text, format, &RuleSet::builtin(), &LintOptions::default())
        .score
        .unwrap_or_else(|| panic!("a draft has a score: {text}"))
}

fn phrase_count(text: &str, format: Format) -> usize {
    lint(text, format, &RuleSet::builtin(), &LintOptions::default())
        .findings
        .iter()
        .filter(|f| f.pattern.is_some())
        .count()
}

#[test]
fn personal_drafts_score_high_and_generic_ones_low() {
    let personal = score_of(MEETUP, Format::Markdown);
    let generic = score_of(GENERIC, Format::PlainText);
    assert!(personal.value >= 80, "{personal:#?}");
    assert!(generic.value <= 20, "{generic:#?}");
    let names: Vec<&str> = personal.signals.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        vec!["facts", "stock_phrases", "focus", "ask", "length"]
    );
    assert_eq!(personal.signals.iter().map(|s| s.max).sum::<i32>(), 100);
    assert!(personal.label().contains("/100") && personal.markdown().contains("| facts |"));
}

#[test]
fn templates_have_no_score_and_length_counts() {
    let template = "---\ntemplate: true\n---\nHi {{first_name}},\n\nYour {{recent_post}} helped.\n";
    assert!(lint(
        template,
        Format::Markdown,
        &RuleSet::builtin(),
        &LintOptions::default()
    )
    .score
    .is_none());
    let body = "Your talk on retry budgets at PyCon changed how we plan rollouts. ".repeat(6);
    let within = format!("---\nchannel: linkedin-message\n---\nHi Tobias,\n\n{body}\n");
    let over = format!("---\nchannel: linkedin-note\n---\nHi Tobias,\n\n{body}\n");
    let length = |s: &Score| {
        s.signals
            .iter()
            .find(|x| x.name == "length")
            .map(|x| x.points)
    };
    assert_eq!(length(&score_of(&within, Format::Markdown)), Some(10));
    assert_eq!(length(&score_of(&over, Format::Markdown)), Some(0));
}

/// A small deterministic generator (no extra dependencies).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() as usize) % items.len()]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const FACTS: &[(&str, &[&str])] = &[
    (
        "met_at",
        &[
            "PyCon US 2024, hallway after the async track",
            "the Porto Postgres day",
            "Web Summit Lisbon",
            "AONL 2024 poster session",
            "in your Tuesday statistics class",
        ],
    ),
    (
        "their_work",
        &[
            "talk on retry budgets",
            "post on idempotency keys",
            "JAMA Netw Open paper on no-show rates",
            "tokio PR fixing a waker leak",
            "public Grafana dashboard for M-Pesa API latency",
        ],
    ),
    (
        "mutual",
        &[
            "Priya Raman",
            "Pastor James Whitfield",
            "the Rust Lisbon meetup",
        ],
    ),
    (
        "shared_interest",
        &["sourdough baking", "trail running", "open data for transit"],
    ),
    (
        "reason",
        &[
            "the cold-storage grant they won",
            "to ask how they staffed the night shift",
            "their team just opened a Lisbon office",
        ],
    ),
];

const SENTENCES: &[&str] = &[
    "I lead the data platform team at a logistics company in Leeds.",
    "We are rebuilding our retry logic this quarter.",
    "Our stack is mostly Postgres and Go.",
    "The migration took us six weeks and two rollbacks.",
    "You mentioned that full jitter was not enough at your scale.",
    "Your dashboard made the latency story easy to follow.",
    "The survey closed on Friday with 212 responses.",
    "I have been reading everything I can find on backpressure.",
];

const ASKS: &[&str] = &[
    "Could I send you two questions about it?",
    "Did the budget live in the sender or in a shared counter?",
    "Would a 20-minute call on Thursday work?",
];

const STOCK: &[&str] = &[
    "I hope this message finds you well.",
    "I'd like to add you to my professional network on LinkedIn.",
    "Looking forward to connecting!",
    "I came across your profile and was really impressed.",
    "I would love to pick your brain sometime.",
    "Let's touch base next week.",
    "Feel free to reach out anytime.",
];

fn generate(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.chance(85) {
        text.push_str("---\nrecipient: Tobias Lindqvist\n");
        text.push_str(rng.pick(&["channel: email\n", "channel: linkedin-message\n", ""]));
        for (key, values) in FACTS {
            if rng.chance(45) {
                text.push_str(&format!("{key}: {}\n", rng.pick(values)));
            }
        }
        text.push_str("---\n");
    }
    if rng.chance(80) {
        text.push_str(rng.pick(&["Hi Tobias,\n\n", "Dear Tobias,\n\n", "hey tobias,\n\n"]));
    }
    let paragraphs = 1 + rng.next() % 3;
    for _ in 0..paragraphs {
        let sentences = 1 + rng.next() % 3;
        let mut para: Vec<&str> = Vec::new();
        for _ in 0..sentences {
            para.push(rng.pick(SENTENCES));
        }
        if rng.chance(25) {
            para.push(rng.pick(STOCK));
        }
        text.push_str(&para.join(" "));
        text.push_str("\n\n");
    }
    if rng.chance(70) {
        text.push_str(rng.pick(ASKS));
        text.push_str("\n\n");
    }
    text.push_str(rng.pick(&["Best,\nLena\n", "Lena\n", "Thanks,\nLena\n"]));
    text
}

#[test]
fn adding_a_context_line_from_the_facts_never_lowers_the_score() {
    let mut rng = Rng(20260401);
    let options = LintOptions::default();
    let mut lines_checked = 0;
    for _ in 0..100 {
        let text = generate(&mut rng);
        let before = score_of(&text, Format::Markdown);
        let draft = Draft::new(&text, Format::Markdown, &options);
        for fix in context_line_fixes(&draft) {
            if !fix.title.starts_with("Insert a personal line") {
                continue;
            }
            let (with_line, applied) = apply_edits(&text, &fix.edits);
            assert_eq!(applied, 1);
            let after = score_of(&with_line, Format::Markdown);
            assert!(
                after.value >= before.value,
                "adding {:?} lowered the score {} -> {}\n--- before\n{text}\n{before:#?}\n--- after\n{with_line}\n{after:#?}",
                fix.edits[0].replacement,
                before.value,
                after.value
            );
            lines_checked += 1;
        }
    }
    assert!(
        lines_checked >= 80,
        "enough lines were tried ({lines_checked})"
    );
}

#[test]
fn adding_a_stock_phrase_never_raises_the_score() {
    let mut rng = Rng(7);
    let mut flagged = 0;
    for _ in 0..80 {
        let text = generate(&mut rng);
        let before = score_of(&text, Format::Markdown);
        let phrases_before = phrase_count(&text, Format::Markdown);
        let stock = rng.pick(STOCK);
        let body = text
            .find("---\n")
            .filter(|&i| i == 0)
            .and_then(|_| text[4..].find("---\n").map(|j| j + 8))
            .unwrap_or(0);
        let first_break = text[body..].find("\n\n").map_or(text.len(), |i| body + i);
        let variants = [
            // Its own paragraph after the first one.
            format!(
                "{}\n\n{stock}{}",
                &text[..first_break],
                &text[first_break..]
            ),
            // Appended to the first paragraph.
            format!("{} {stock}{}", &text[..first_break], &text[first_break..]),
            // Before the sign-off.
            {
                let sign_off = text.rfind("\n\n").unwrap_or(text.len());
                format!("{}\n\n{stock}{}", &text[..sign_off], &text[sign_off..])
            },
        ];
        for with_stock in variants {
            if phrase_count(&with_stock, Format::Markdown) <= phrases_before {
                continue;
            }
            flagged += 1;
            let after = score_of(&with_stock, Format::Markdown);
            assert!(
                after.value <= before.value,
                "adding {stock:?} raised the score {} -> {}\n--- before\n{text}\n{before:#?}\n--- after\n{with_stock}\n{after:#?}",
                before.value,
                after.value
            );
        }
    }
    assert!(
        flagged >= 80,
        "enough stock phrases were flagged and tried ({flagged})"
    );
}
