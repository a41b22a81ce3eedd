//! Criterion benchmarks of the pure core: linting one typical draft (markdown and plain
//! text), a draft with front matter, and compiling the built-in rule pack. The end-to-end
//! `check` benchmark over 10,000 files is a hyperfine command in the README.

use criterion::{criterion_group, criterion_main, Criterion};
use outreach_lint::{lint, Format, LintOptions, RuleSet};

const DRAFT: &str = "---\nrecipient: Marta Ruiz\nchannel: linkedin-message\nmet_at: RustConf\n---\n# Quick question\n\nHi Marta,\n\nI hope this message finds you well. I came across your profile and was really impressed by your background.\nYour talk at RustConf about schema migrations changed how our team thinks about rollbacks.\nWe currently have six engineers and one designer. Our stack is mostly Postgres, Go and a little Rust.\n\n- I'd like to add you to my professional network.\n- I would love to pick your brain about observability.\n- The survey closed on Friday with 212 responses.\n\nWould a 20-minute call on Tuesday or Wednesday afternoon work for you?\n\nBest,\nAlex\n";

fn bench_lint(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let options = LintOptions::default();
    c.bench_function("lint markdown draft (1 KB)", |b| {
        b.iter(|| {
            lint(
                std::hint::black_box(DRAFT),
                Format::Markdown,
                &rules,
                &options,
            )
        })
    });
    c.bench_function("lint plain-text draft (1 KB)", |b| {
        b.iter(|| {
            lint(
                std::hint::black_box(DRAFT),
                Format::PlainText,
                &rules,
                &options,
            )
        })
    });
    let big = DRAFT.repeat(100);
    c.bench_function("lint markdown draft (100 KB)", |b| {
        b.iter(|| {
            lint(
                std::hint::black_box(&big),
                Format::Markdown,
                &rules,
                &options,
            )
        })
    });
    c.bench_function("compile built-in rule pack", |b| {
        b.iter(|| RuleSet::compile(outreach_lint::rules::builtin::specs().to_vec()))
    });
}

criterion_group!(benches, bench_lint);
criterion_main!(benches);
