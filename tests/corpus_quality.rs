//! Detection quality on the labelled corpus in `tests/corpus/`: span precision and recall for
//! phrase findings, how many clean personal drafts are flagged at all, and F1 of the
//! document-level `missing-context` check. Floors are set a little under what we measured,
//! so a change that makes detection worse fails here. `CORPUS_VERBOSE=1` prints every miss
//! and false alarm.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use outreach_lint::rules::{opening, RuleKind};
use outreach_lint::{lint, Format, LintOptions, RuleSet};

/// One labelled draft.
struct Labelled {
    name: String,
    kind: String,
    missing_context: bool,
    text: String,
    format: Format,
    spans: Vec<(Range<usize>, String)>,
}

fn corpus_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.len() > 4
                && name[..3].chars().all(|c| c.is_ascii_digit())
                && (name.ends_with(".md") || name.ends_with(".txt"))
        })
        .collect();
    files.sort();
    files
}

fn parse(path: &Path) -> Labelled {
    let raw = std::fs::read_to_string(path).expect("corpus files are UTF-8");
    let (header, body) = raw.split_once('\n').expect("header line");
    let field = |key: &str| {
        header
            .split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{}: header lacks {key}", path.display()))
            .to_string()
    };
    let mut text = String::with_capacity(body.len());
    let mut spans = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('⟦') {
        text.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let close = after.find('⟧').expect("balanced markers");
        let inner = &after[..close];
        let (words, category) = inner.rsplit_once('|').expect("marker has a category");
        let start = text.len();
        text.push_str(words);
        spans.push((start..text.len(), category.to_string()));
        rest = &after[close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    Labelled {
        name: path.file_name().unwrap().to_string_lossy().into_owned(),
        kind: field("kind"),
        missing_context: field("missing_context") == "yes",
        format: Format::from_path(path).expect("md or txt"),
        text,
        spans,
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[derive(Default)]
struct Tally {
    expected: usize,
    recalled: usize,
    predicted: usize,
    correct: usize,
}

#[test]
fn corpus_quality_meets_floors() {
    let rules = RuleSet::builtin();
    let document_rules: Vec<String> = rules
        .rules()
        .iter()
        .filter(|r| {
            // Sentence-level document checks point at stock lines; the others speak of
            // the whole draft.
            r.spec.kind == RuleKind::Document
                && !r.spec.id.starts_with("interchangeable-")
                && r.spec.id != opening::ID
        })
        .map(|r| r.spec.id.clone())
        .collect();
    let verbose = std::env::var_os("CORPUS_VERBOSE").is_some();
    let mut total = Tally::default();
    let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
    let (mut personal, mut personal_flagged) = (0usize, 0usize);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let files = corpus_files();
    assert!(files.len() >= 100, "the corpus holds at least 100 drafts");
    for path in &files {
        let draft = parse(path);
        let report = lint(&draft.text, draft.format, &rules, &LintOptions::default());
        let phrase: Vec<_> = report
            .findings
            .iter()
            .filter(|f| !document_rules.contains(&f.rule))
            .collect();
        for (span, category) in &draft.spans {
            let hit = phrase.iter().any(|f| overlaps(&f.range, span));
            total.expected += 1;
            let cat = by_category.entry(category.clone()).or_default();
            cat.expected += 1;
            if hit {
                total.recalled += 1;
                cat.recalled += 1;
            } else if verbose {
                println!(
                    "MISS {} [{category}] {:?}",
                    draft.name,
                    &draft.text[span.clone()]
                );
            }
        }
        for f in &phrase {
            let hit = draft.spans.iter().any(|(s, _)| overlaps(&f.range, s));
            total.predicted += 1;
            let cat = by_category.entry(f.category.clone()).or_default();
            cat.predicted += 1;
            if hit {
                total.correct += 1;
                cat.correct += 1;
            } else if verbose {
                println!(
                    "FALSE {} [{}] {:?}",
                    draft.name,
                    f.rule,
                    &draft.text[f.range.clone()]
                );
            }
        }
        if draft.kind == "personal" {
            personal += 1;
            if !report.findings.is_empty() {
                personal_flagged += 1;
                if verbose {
                    for f in &report.findings {
                        println!(
                            "PERSONAL-FLAGGED {} [{}] {:?}",
                            draft.name,
                            f.rule,
                            &draft.text[f.range.clone()]
                        );
                    }
                }
            }
        }
        let predicted_missing = report.findings.iter().any(|f| f.rule == "missing-context");
        match (predicted_missing, draft.missing_context) {
            (true, true) => tp += 1,
            (true, false) => {
                fp += 1;
                if verbose {
                    println!("MC-FALSE {}", draft.name);
                }
            }
            (false, true) => {
                fn_ += 1;
                if verbose {
                    println!("MC-MISS {}", draft.name);
                }
            }
            (false, false) => {}
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    let recall = ratio(total.recalled, total.expected);
    let precision = ratio(total.correct, total.predicted);
    let flagged_rate = ratio(personal_flagged, personal);
    let mc_precision = ratio(tp, tp + fp);
    let mc_recall = ratio(tp, tp + fn_);
    let mc_f1 = if mc_precision + mc_recall == 0.0 {
        0.0
    } else {
        2.0 * mc_precision * mc_recall / (mc_precision + mc_recall)
    };
    println!("drafts: {}", files.len());
    println!(
        "{:<18} {:>9} {:>9} {:>9} {:>9}",
        "category", "expected", "recall", "predicted", "precision"
    );
    for (cat, t) in &by_category {
        println!(
            "{cat:<18} {:>9} {:>9.2} {:>9} {:>9.2}",
            t.expected,
            ratio(t.recalled, t.expected),
            t.predicted,
            ratio(t.correct, t.predicted)
        );
    }
    println!("span recall {recall:.3}, span precision {precision:.3}");
    println!("personal drafts flagged: {personal_flagged}/{personal} ({flagged_rate:.3})");
    println!("missing-context precision {mc_precision:.3}, recall {mc_recall:.3}, F1 {mc_f1:.3}");
    assert!(
        recall >= RECALL_FLOOR,
        "span recall {recall:.3} < {RECALL_FLOOR}"
    );
    assert!(
        precision >= PRECISION_FLOOR,
        "span precision {precision:.3} < {PRECISION_FLOOR}"
    );
    assert!(
        flagged_rate <= PERSONAL_FLAGGED_CEILING,
        "personal flagged {flagged_rate:.3} > {PERSONAL_FLAGGED_CEILING}"
    );
    assert!(
        mc_f1 >= MISSING_CONTEXT_F1_FLOOR,
        "missing-context F1 {mc_f1:.3} < {MISSING_CONTEXT_F1_FLOOR}"
    );
}

/// Lowered from 0.98 when drafts 562-671 arrived (0.968 with them): about thirty of their
/// stock lines are rewordings that no pattern or structural check reads yet ("a boutique
/// importer passionate about connecting the world's best producers with discerning buyers");
/// they stay in as misses rather than being chased one phrase at a time. Lowered again to
/// 0.95 when the untuned batch 1180-1219 arrived (0.960 with it): its misses are kept as the
/// honest measure of what the rules do not read yet.
const RECALL_FLOOR: f64 = 0.95;
/// Lower than recall on purpose: the interchangeable-sentence check flags every stock-shaped
/// sentence of a draft with no reader-tied reason, including a few the labellers left
/// unmarked ("Shall I send you a free audit report?"). On drafts written after the rules
/// it raised recall by about ten points for about one point of precision. Lowered to 0.955
/// when drafts 1640-1699 arrived (0.9598 with them): their writers marked overlapping stock
/// lines as one span ("Do you have 15 minutes this week to hop on a quick call?") and left
/// "Quick question" and "leaders like yourself" unmarked in pitches, which the rules report.
/// Lowered to 0.95 when the untuned batch 1880-1939 arrived (0.954 with it; 0.921 on the
/// batch alone): it is kept exactly as written and scored, as the honest measure. Lowered to
/// 0.945 when drafts 2360-2419 arrived (0.9496 with them): their writers left stock lines of
/// sales bumps unmarked ("I know things get busy", "in case it got buried", "If not, no
/// worries at all", "I am hard working person") that the rules report.
const PRECISION_FLOOR: f64 = 0.945;
/// Drafts 1220-1519 pushed this to 10 of 639; since a lone jargon phrase in a draft tied to its
/// reader is no longer reported (`lint::drop_lone_jargon`), 5 of 639. Raised from 0.01 when
/// drafts 1580-1639 arrived: two of their personal drafts close with a stock line their
/// writers let stand ("Thank you in advance and sorry for my English", 1588; "Would love to
/// connect and send you the benchmark I mentioned", 1618), 7 of 689. Raised to 0.014 when
/// drafts 1760-1819 arrived: three of their personal drafts keep a flag whose excuse is
/// outside what the rules read ("Congrats on the new role" before "the person who wrote the
/// Patroni failover runbook", 1778; a formal "thank you in advance for your time", 1813;
/// "Happy birthday" alone on its line above a paragraph of shared history, 1816), 10 of 752.
/// Raised to 0.015 when drafts 1940-2119 arrived (12 of 857): one personal draft's front matter
/// is broken YAML and rightly gets the front-matter error (2022), and a customer's support
/// request to a vendor is tied to the reader only through the vendor's product and firmware
/// version, which the evidence check does not read as theirs (2090). Lowered to 0.013 when
/// drafts 2120-2179 arrived (10 of 881: 1618 and 2090 are no longer flagged); 11 of 908 with
/// drafts 2180-2239 (2237, a lone "Congrats on 10 years" line whose detail is in the next
/// paragraph; other writers mark that line as stock). Back to 0.015 when drafts 2240-2299
/// arrived (13 of 938): "Could I pick your brain about taking catering in-house?" is made
/// specific only by the next sentence, and reading the next sentence for this rule excused
/// 223 of the generated drafts' unrelated asks (2273); a site manager's note to the
/// neighbouring building's manager is tied to her only through her building (2293). Raised
/// to 0.017 when drafts 2300-2359 arrived (16 of 965): a chef's question to the chef whose
/// restaurant she ate at is tied to him only through the restaurant (2303); "compare notes
/// over a coffee" takes its topic from the sentence before (2319); "this is a bit out of the
/// blue" sits in a sentence of shared school history the evidence check does not read (2354).
/// Raised to 0.019 when the untuned batch 2420-2479 arrived (19 of 1019), kept exactly as
/// written and scored: "Your name came up when I spoke to Cllr Bains yesterday" (2441), "Could
/// I pick your brain about that for 20 minutes? Specifically:" before a list of questions
/// (2456), and "Congrats on 10 years at Kestrel 🎉" whose detail follows the emoji (2463).
/// Back to 0.017 (17 of 1019) once the first two were read: a name that came up "when I spoke
/// to Cllr Bains", and an ask whose next sentence is "Specifically:".
/// Lowered to 0.015 when drafts 2480-2659 arrived (15 of 1091, 0.0137): the lone-courtesy
/// field, the headline kudos and line-by-line front matter cleared five older flags (1813,
/// 2022, 2237, 2273, 2354); 2582, 2605 and 2629 are new.
/// Lowered to 0.013 (13 of 1091, 0.0119) once 2605 and 2629 were read: an ask followed by
/// "Specifically whether…" or by a line that opens a list, and a camera's "full circle back".
/// Kept at 0.013 when drafts 2660-2719 arrived: none of their 24 personal drafts is flagged
/// (13 of 1115, 0.0117).
const PERSONAL_FLAGGED_CEILING: f64 = 0.013;
/// Lowered from 0.98 when drafts 532-561 arrived: two of their mixed drafts tie themselves to
/// the reader only in lower-case texting ("saw ur Birthday Party at the Tobacco Factory last
/// thurs") or after a sender boast, which the evidence check does not read yet.
const MISSING_CONTEXT_F1_FLOOR: f64 = 0.97;
