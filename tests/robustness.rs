//! The core never panics on odd input: random mixtures of markdown syntax, multi-byte
//! characters, stray line endings, front-matter fences and merge fields are linted in both
//! formats, and every finding's range lies on character boundaries inside the text, with
//! every fix applicable.

use outreach_lint::fix::apply_edits;
use outreach_lint::{lint, Format, LintOptions, RuleSet};

const FRAGMENTS: &[&str] = &[
    "I'd like to add you to my professional network",
    "---\n",
    "...\n",
    "\r\n",
    "\r",
    "\n\n",
    "😀",
    "é",
    "e\u{301}",
    "中文",
    "\u{a0}",
    "\u{2019}",
    "`code`",
    "```\n",
    "~~~",
    "    indent\n",
    "<!-- outreach-lint-disable -->",
    "<!-- outreach-lint-enable",
    "-->",
    "<div>",
    "[link](http://x)",
    "<http://auto>",
    "{{first_name}}",
    "[Name]",
    "%FIRSTNAME%",
    "*|FNAME|*",
    "# ",
    "> ",
    "- ",
    "1. ",
    "| a | b |\n|---|---|\n",
    "Hi Sam,\n",
    "congrats on the new role",
    "hope you're doing well",
    ".",
    "!",
    "?",
    "…",
    "\"",
    "“",
    "*",
    "_",
    "\\",
    "key: [unclosed\n",
    "template: true\n",
    "channel: linkedin-note\n",
    "recipient: Zoë\n",
    "pick your brain",
    "touch base",
    "15 minutes",
    " ",
    "\t",
    "XX",
];

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_drafts_never_panic_and_ranges_are_sound() {
    let rules = RuleSet::builtin();
    let options = LintOptions::default();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..1500 {
        let pieces = 1 + rng.below(40);
        let mut text = String::new();
        if round % 5 == 0 {
            text.push_str("---\n");
        }
        for _ in 0..pieces {
            text.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
        for format in [Format::Markdown, Format::PlainText] {
            let report = lint(&text, format, &rules, &options);
            for f in &report.findings {
                assert!(
                    f.range.start <= f.range.end && f.range.end <= text.len(),
                    "{text:?}: {f:?}"
                );
                assert!(
                    text.is_char_boundary(f.range.start) && text.is_char_boundary(f.range.end),
                    "{text:?}: {f:?}"
                );
                for fix in &f.fixes {
                    let (_, applied) = apply_edits(&text, &fix.edits);
                    assert_eq!(
                        applied,
                        fix.edits.len(),
                        "fix {:?} applies to {text:?}",
                        fix.title
                    );
                }
            }
        }
    }
}

#[test]
fn huge_drafts_get_one_finding() {
    let rules = RuleSet::builtin();
    let options = LintOptions {
        max_bytes: 1000,
        ..LintOptions::default()
    };
    let text = "I'd like to add you to my network. ".repeat(100);
    let report = lint(&text, Format::PlainText, &rules, &options);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, "file-too-large");
}
