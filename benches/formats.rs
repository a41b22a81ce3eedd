//! Criterion benchmarks of the `check` reporters and the campaign checks over 10,000 files:
//! rendering the JSON contract, SARIF, GitHub workflow commands and compact lines from the
//! same results, and reading plus grouping the campaign facts of 10,000 drafts. The
//! end-to-end figures (hyperfine over `python3 gen_corpus.py --n 10000`) are in the README.
//!
//! Results are built by linting 200 generated drafts and repeating them under 10,000 paths:
//! a reporter's cost depends on the number of files and findings, not on their variety.

use std::hint::black_box;
use std::io::Write as _;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use outreach_lint::cli::campaign::{self, Settings};
use outreach_lint::cli::check::FileResult;
use outreach_lint::cli::{formats, report, sarif};
use outreach_lint::{lint, Format, LintOptions, RuleSet, Severity};

const FILES: usize = 10_000;
const DISTINCT: usize = 200;

const OPENERS: &[&str] = &[
    "I hope this message finds you well.",
    "I came across your profile and was really impressed by your background.",
    "Your talk at RustConf on retry budgets fixed our outage in May.",
    "I know you're busy, so I'll keep this short.",
    "Priya Raman suggested I write to you about the Leeds data meetup.",
    "Your post on idempotency keys is pinned in our team channel.",
];
const MIDDLES: &[&str] = &[
    "I'd like to add you to my professional network on LinkedIn.",
    "We run the billing platform for a mid-sized logistics company.",
    "Would you be open to grabbing a virtual coffee so I can pick your brain?",
    "Our team ships a release every other Thursday.",
    "Just wanted to touch base.",
    "The survey closed on Friday with 212 responses.",
    "I noticed that {{company}} is doing great things in {{industry}}.",
];
const CLOSERS: &[&str] = &[
    "Would you be open to a quick call next week?",
    "Could I send you the two-page write-up and get your take on the retry budget?",
    "Looking forward to connecting!",
    "Would a 20-minute call on Tuesday work for you?",
];

/// A deterministic draft: opener, three middle sentences, closer, sign-off.
fn draft(i: usize) -> String {
    let pick = |pool: &[&'static str], salt: usize| {
        pool[(i.wrapping_mul(2_654_435_761).wrapping_add(salt * 97)) % pool.len()]
    };
    format!(
        "# Note {i}\n\nHi Sam,\n\n{} {} {}\n\n{} Draft {i} covers the {} rollout.\n\n{}\n\nBest,\nAlex\n",
        pick(OPENERS, 1),
        pick(MIDDLES, 2),
        pick(MIDDLES, 3),
        pick(MIDDLES, 4),
        ["search", "billing", "routing", "payroll"][i % 4],
        pick(CLOSERS, 5),
    )
}

fn results() -> Vec<FileResult> {
    let rules = RuleSet::builtin();
    let options = LintOptions::default();
    let linted: Vec<(String, Vec<outreach_lint::Finding>)> = (0..DISTINCT)
        .map(|i| {
            let text = draft(i);
            let findings = lint(&text, Format::Markdown, &rules, &options).findings;
            (text, findings)
        })
        .collect();
    (0..FILES)
        .map(|i| {
            let (text, findings) = &linted[i % DISTINCT];
            FileResult::checked(
                format!("drafts/batch-{}/draft_{i:05}.md", i / 1000),
                text.clone(),
                findings.clone(),
            )
        })
        .collect()
}

fn bench_reporters(c: &mut Criterion) {
    let results = results();
    let rule_sets = vec![RuleSet::builtin()];
    let findings: usize = results.iter().map(|r| r.findings.len()).sum();
    let mut group = c.benchmark_group(format!("report {FILES} files, {findings} findings"));
    group.throughput(Throughput::Elements(FILES as u64));
    group.sample_size(20);
    group.bench_function("json", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(32 << 20);
            serde_json::to_writer(&mut out, &report::json_report(black_box(&results)))
                .expect("json");
            writeln!(out).expect("newline");
            out
        })
    });
    group.bench_function("sarif", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(32 << 20);
            sarif::write(&mut out, black_box(&results), &rule_sets, None).expect("sarif");
            out
        })
    });
    group.bench_function("github", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(16 << 20);
            formats::write_github(&mut out, black_box(&results), &rule_sets).expect("github");
            out
        })
    });
    group.bench_function("compact", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(16 << 20);
            formats::write_compact(&mut out, black_box(&results)).expect("compact");
            out
        })
    });
    group.finish();
}

fn bench_campaign(c: &mut Criterion) {
    let texts: Vec<String> = (0..FILES).map(draft).collect();
    let settings = Settings {
        severity: [
            Some(Severity::Warning),
            Some(Severity::Info),
            Some(Severity::Warning),
        ],
    };
    let mut group = c.benchmark_group(format!("campaign {FILES} files"));
    group.throughput(Throughput::Elements(FILES as u64));
    group.sample_size(10);
    group.bench_function("facts (per-file part, run in parallel by check)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| campaign::facts(black_box(t), Format::Markdown, 0, settings))
                .collect::<Vec<_>>()
        })
    });
    let facts: Vec<_> = texts
        .iter()
        .map(|t| campaign::facts(t, Format::Markdown, 0, settings))
        .collect();
    group.bench_function("analyse (grouping across files)", |b| {
        b.iter(|| campaign::analyse(black_box(&facts)))
    });
    group.finish();
}

criterion_group!(benches, bench_reporters, bench_campaign);
criterion_main!(benches);
