//! Benchmarks of `check --recipients`: filling one template for 10,000 CSV rows with the
//! position map (no linting), and the whole pipeline (fill, lint every filled draft, map
//! back, aggregate) for 1,000 and 10,000 rows. The end-to-end command, with the CSV
//! generator, is in the README ("Personalisation").

use criterion::{criterion_group, criterion_main, Criterion};
use outreach_lint::lint::Draft;
use outreach_lint::personal::recipients::{check_template, Plan, Recipients};
use outreach_lint::personal::score::score;
use outreach_lint::{Format, LintOptions, RuleSet};

const TEMPLATE: &str = "---\ntemplate: true\nchannel: linkedin-note\nfields: [first_name, company, met_at, their_work]\n---\nHi {{first_name}},\n\nWe met at {{met_at}}. Your point about {{their_work}} changed how I plan our next migration at {{company}}.\nCould I send you two questions about it?\n";

/// A deterministic CSV of `n` rows with accented names and some empty cells.
pub fn csv(n: usize) -> String {
    let firsts = [
        "Sara", "Tom", "Ana", "Tomás", "Zoë", "Priya", "Jonas", "Mei", "Kwame", "Lucía",
    ];
    let lasts = [
        "Lindqvist",
        "Becker",
        "Okafor",
        "Oliveira",
        "Park",
        "Raman",
        "Berg",
        "Chen",
    ];
    let companies = [
        "Fennec",
        "Globex",
        "Acme",
        "Tidewater",
        "Nordlys Health",
        "Ferrous Labs",
    ];
    let events = [
        "PyCon US 2024",
        "RustConf 2026",
        "the Porto Postgres day",
        "Web Summit Lisbon",
        "",
    ];
    let works = [
        "retry budgets",
        "idempotency keys",
        "no-show rates",
        "waker leaks",
        "",
    ];
    let mut out = String::from("first_name,last_name,company,met_at,their_work\n");
    for i in 0..n {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            firsts[i % firsts.len()],
            lasts[(i / 3) % lasts.len()],
            companies[(i / 7) % companies.len()],
            events[(i / 5) % events.len()],
            works[(i / 11) % works.len()]
        ));
    }
    out
}

fn bench_recipients(c: &mut Criterion) {
    let rules = RuleSet::builtin();
    let options = LintOptions::default();
    let big = Recipients::read(csv(10_000).as_bytes()).unwrap_or_default();
    let small = Recipients {
        rows: big.rows[..1000].to_vec(),
        ..big.clone()
    };
    let mut group = c.benchmark_group("recipients");
    group.sample_size(10);
    group.bench_function("fill 10,000 rows (no lint)", |b| {
        b.iter(|| {
            let plan = Plan::new(TEMPLATE, Format::Markdown, &big);
            big.rows
                .iter()
                .map(|row| plan.fill(&big, row).text.len())
                .sum::<usize>()
        })
    });
    group.bench_function("read a 10,000-row CSV", |b| {
        let text = csv(10_000);
        b.iter(|| Recipients::read(std::hint::black_box(text.as_bytes())).map(|r| r.rows.len()))
    });
    // Everything but the phrase matcher: the same pipeline with only the document rules
    // (the personalisation checks, missing-context, channel length, the score).
    let document_only = RuleSet::compile(
        outreach_lint::rules::builtin::specs()
            .iter()
            .filter(|s| s.kind == outreach_lint::rules::RuleKind::Document)
            .cloned()
            .collect(),
    )
    .unwrap_or_else(|_| RuleSet::empty());
    group.bench_function("check_template, 10,000 rows, document rules only", |b| {
        b.iter(|| {
            check_template(TEMPLATE, Format::Markdown, &document_only, &options, &big)
                .rows
                .len()
        })
    });
    group.bench_function("check_template, 1,000 rows", |b| {
        b.iter(|| {
            check_template(TEMPLATE, Format::Markdown, &rules, &options, &small)
                .rows
                .len()
        })
    });
    group.finish();

    // One filled row, piece by piece: where the per-row time goes.
    let plan = Plan::new(TEMPLATE, Format::Markdown, &big);
    let filled = plan.fill(&big, &big.rows[3]).text;
    let mut row_options = options.clone();
    row_options.template = Some(false);
    let mut one = c.benchmark_group("one filled row");
    one.bench_function("Draft::new", |b| {
        b.iter(|| {
            Draft::new(
                std::hint::black_box(&filled),
                Format::Markdown,
                &row_options,
            )
            .sentences
            .len()
        })
    });
    let draft = Draft::new(&filled, Format::Markdown, &row_options);
    one.bench_function("personalisation checks", |b| {
        b.iter(|| outreach_lint::personal::run(&draft, &rules, &row_options, &[]).len())
    });
    one.bench_function("score", |b| {
        b.iter(|| score(&draft, &[], &row_options).value)
    });
    one.bench_function("lint, document rules only", |b| {
        b.iter(|| {
            outreach_lint::lint(&filled, Format::Markdown, &document_only, &row_options)
                .findings
                .len()
        })
    });
    one.bench_function("lint, all rules", |b| {
        b.iter(|| {
            outreach_lint::lint(&filled, Format::Markdown, &rules, &row_options)
                .findings
                .len()
        })
    });
    one.finish();
}

criterion_group!(benches, bench_recipients);
criterion_main!(benches);
