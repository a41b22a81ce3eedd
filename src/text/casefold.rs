//! Case-insensitive regexes without Unicode case folding at parse time. The syntax crate
//! folds every literal of a `(?i)` pattern through Unicode's case tables, which for the long
//! case-insensitive alternations of the core costs about as much as compiling the rest of
//! the regex. Drafts only need a letter and its other case, so this module rewrites the
//! parsed pattern: each letter in a case-insensitive part becomes a class of its lower and
//! upper case (`k` becomes `[kK]`, `é` becomes `[éÉ]`), and the `i` flag is dropped. The
//! difference from full folding is a handful of symbols drafts do not use as letters (the
//! Kelvin sign for `k`, the long s for `s`).

use regex_syntax::ast::{self, Ast, ClassSet, ClassSetItem, Flag, FlagsItemKind, GroupKind};
use regex_syntax::hir::translate::Translator;
use regex_syntax::hir::Hir;

/// `source` translated with its case-insensitive parts spelled out as classes, or `None` when
/// it does not parse or holds a construct whose folding this rewrite does not reproduce (a
/// case-specific class such as `\p{Lu}` or a class set operation in a case-insensitive part);
/// the caller then compiles `source` the usual way, which also reports any syntax error.
pub(crate) fn folded_hir(source: &str) -> Option<Hir> {
    let parsed = ast::parse::Parser::new().parse(source).ok()?;
    let mut insensitive = false;
    let rewritten = fold(&parsed, &mut insensitive)?;
    Translator::new().translate(source, &rewritten).ok()
}

/// `node` rewritten; `insensitive` is the case flag in force, which a bare `(?i)` changes for
/// the rest of its group, in the order the parts are read.
fn fold(node: &Ast, insensitive: &mut bool) -> Option<Ast> {
    Some(match node {
        Ast::Flags(set) => {
            apply_flags(&set.flags, insensitive);
            Ast::flags(ast::SetFlags {
                span: set.span,
                flags: without_case_flag(&set.flags),
            })
        }
        Ast::Literal(lit) if *insensitive => literal_both_cases(lit),
        Ast::ClassBracketed(class) if *insensitive => {
            Ast::class_bracketed(bracketed_both_cases(class)?)
        }
        Ast::ClassUnicode(class) if *insensitive && is_case_specific(&class.kind) => return None,
        Ast::Repetition(rep) => Ast::repetition(ast::Repetition {
            span: rep.span,
            op: rep.op.clone(),
            greedy: rep.greedy,
            ast: Box::new(fold(&rep.ast, insensitive)?),
        }),
        Ast::Group(group) => {
            let outer = *insensitive;
            let kind = match &group.kind {
                GroupKind::NonCapturing(flags) => {
                    apply_flags(flags, insensitive);
                    GroupKind::NonCapturing(without_case_flag(flags))
                }
                other => other.clone(),
            };
            let inner = fold(&group.ast, insensitive)?;
            *insensitive = outer;
            Ast::group(ast::Group {
                span: group.span,
                kind,
                ast: Box::new(inner),
            })
        }
        Ast::Alternation(alt) => Ast::alternation(ast::Alternation {
            span: alt.span,
            asts: fold_all(&alt.asts, insensitive)?,
        }),
        Ast::Concat(concat) => Ast::concat(ast::Concat {
            span: concat.span,
            asts: fold_all(&concat.asts, insensitive)?,
        }),
        other => other.clone(),
    })
}

fn fold_all(nodes: &[Ast], insensitive: &mut bool) -> Option<Vec<Ast>> {
    nodes.iter().map(|n| fold(n, insensitive)).collect()
}

fn apply_flags(flags: &ast::Flags, insensitive: &mut bool) {
    let mut negated = false;
    for item in &flags.items {
        match item.kind {
            FlagsItemKind::Negation => negated = true,
            FlagsItemKind::Flag(Flag::CaseInsensitive) => *insensitive = !negated,
            FlagsItemKind::Flag(_) => {}
        }
    }
}

fn without_case_flag(flags: &ast::Flags) -> ast::Flags {
    ast::Flags {
        span: flags.span,
        items: flags
            .items
            .iter()
            .filter(|i| i.kind != FlagsItemKind::Flag(Flag::CaseInsensitive))
            .cloned()
            .collect(),
    }
}

/// The other cases of a character, when it has exactly one-character ones.
fn other_cases(c: char) -> Vec<char> {
    let mut out = Vec::new();
    for variant in [single(c.to_lowercase()), single(c.to_uppercase())]
        .into_iter()
        .flatten()
    {
        if variant != c && !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

fn single(mut chars: impl Iterator<Item = char>) -> Option<char> {
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}

fn variant_literal(of: &ast::Literal, c: char) -> ast::Literal {
    ast::Literal {
        span: of.span,
        kind: ast::LiteralKind::Verbatim,
        c,
    }
}

fn literal_both_cases(lit: &ast::Literal) -> Ast {
    let others = other_cases(lit.c);
    if others.is_empty() {
        return Ast::literal(lit.clone());
    }
    let mut items = vec![ClassSetItem::Literal(lit.clone())];
    items.extend(
        others
            .into_iter()
            .map(|c| ClassSetItem::Literal(variant_literal(lit, c))),
    );
    Ast::class_bracketed(ast::ClassBracketed {
        span: lit.span,
        negated: false,
        kind: ClassSet::union(ast::ClassSetUnion {
            span: lit.span,
            items,
        }),
    })
}

/// A bracketed class with the other case of each letter and letter range added. Negation
/// still applies to the whole, as it does after folding.
fn bracketed_both_cases(class: &ast::ClassBracketed) -> Option<ast::ClassBracketed> {
    let ClassSet::Item(item) = &class.kind else {
        return None;
    };
    Some(ast::ClassBracketed {
        span: class.span,
        negated: class.negated,
        kind: ClassSet::Item(item_both_cases(item)?),
    })
}

fn item_both_cases(item: &ClassSetItem) -> Option<ClassSetItem> {
    let mut added = Vec::new();
    match item {
        ClassSetItem::Literal(lit) => {
            added.extend(
                other_cases(lit.c)
                    .into_iter()
                    .map(|c| ClassSetItem::Literal(variant_literal(lit, c))),
            );
        }
        ClassSetItem::Range(range) => added.extend(other_case_range(range)),
        ClassSetItem::Unicode(class) if is_case_specific(&class.kind) => return None,
        ClassSetItem::Ascii(class) if is_case_specific_ascii(&class.kind) => return None,
        ClassSetItem::Bracketed(inner) => {
            return Some(ClassSetItem::Bracketed(Box::new(bracketed_both_cases(
                inner,
            )?)))
        }
        ClassSetItem::Union(union) => {
            let items = union
                .items
                .iter()
                .map(item_both_cases)
                .collect::<Option<Vec<_>>>()?;
            return Some(ClassSetItem::Union(ast::ClassSetUnion {
                span: union.span,
                items,
            }));
        }
        _ => {}
    }
    if added.is_empty() {
        return Some(item.clone());
    }
    let span = *item.span();
    let mut items = vec![item.clone()];
    items.extend(added);
    Some(ClassSetItem::Union(ast::ClassSetUnion { span, items }))
}

/// The other case of an ASCII letter range inside one case (`a-f` gives `A-F`). Other ranges
/// are left as written: those the core uses (digits, the Latin blocks) hold both cases
/// already.
fn other_case_range(range: &ast::ClassSetRange) -> Option<ClassSetItem> {
    let (start, end) = (range.start.c, range.end.c);
    let swap = if start.is_ascii_lowercase() && end.is_ascii_lowercase() {
        |c: char| c.to_ascii_uppercase()
    } else if start.is_ascii_uppercase() && end.is_ascii_uppercase() {
        |c: char| c.to_ascii_lowercase()
    } else {
        return None;
    };
    Some(ClassSetItem::Range(ast::ClassSetRange {
        span: range.span,
        start: variant_literal(&range.start, swap(start)),
        end: variant_literal(&range.end, swap(end)),
    }))
}

/// A Unicode class that holds only one case, which folding would widen.
fn is_case_specific(kind: &ast::ClassUnicodeKind) -> bool {
    let name = match kind {
        // One-letter classes (`\pL`, `\pN`) are general categories that hold both cases.
        ast::ClassUnicodeKind::OneLetter(_) => return false,
        ast::ClassUnicodeKind::Named(name) => name.as_str(),
        ast::ClassUnicodeKind::NamedValue { value, .. } => value.as_str(),
    };
    let name = name.to_ascii_lowercase().replace(['_', ' ', '-'], "");
    matches!(
        name.as_str(),
        "lu" | "ll"
            | "lt"
            | "uppercase"
            | "lowercase"
            | "uppercaseletter"
            | "lowercaseletter"
            | "titlecaseletter"
            | "upper"
            | "lower"
            | "lc"
            | "casedletter"
    )
}

fn is_case_specific_ascii(kind: &ast::ClassAsciiKind) -> bool {
    matches!(
        kind,
        ast::ClassAsciiKind::Upper | ast::ClassAsciiKind::Lower
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::meta::Regex;

    fn same_matches(pattern: &str, haystacks: &[&str]) {
        let hir = folded_hir(pattern).unwrap_or_else(|| panic!("not folded: {pattern}"));
        let folded = Regex::builder().build_from_hir(&hir).expect("builds");
        let reference = regex::Regex::new(pattern).expect("reference builds");
        for text in haystacks {
            let ours: Vec<_> = folded.find_iter(*text).map(|m| m.range()).collect();
            let theirs: Vec<_> = reference.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(ours, theirs, "{pattern} on {text:?}");
        }
    }

    #[test]
    fn case_insensitive_parts_match_as_the_regex_crate_does() {
        let texts = [
            "We MET at PyCon; we Met again",
            "Hope you're WELL, Zoë. ZOË said hi",
            "The a-F range: Abc xyz QRS",
            "Tuesday tUESDAY TUESDAY tuesday",
            "Ça va? ça VA!",
        ];
        same_matches(r"(?i)(?-u:\b)(?:we met|hope you're well)", &texts);
        same_matches(r"(?i)zoë|ça va", &texts);
        same_matches(r"(?i)[a-f]+|[^a-z ]+", &texts);
        same_matches(r"(?i)tues(?-i:DAY)|(?-i:t)UESDAY", &texts);
        same_matches(r"x(?i)a|b|(?-i)tuesday", &texts);
        same_matches(r"(?i:we)\s+(?-i:Met)|[[:alpha:]]{3}", &texts);
    }

    #[test]
    fn case_specific_classes_are_left_to_the_usual_build() {
        assert!(folded_hir(r"(?i)\p{Lu}+").is_none());
        assert!(folded_hir(r"(?i)[[:upper:]]").is_none());
        assert!(folded_hir(r"(?i)[a-z&&[^x]]").is_none());
        assert!(folded_hir(r"\p{Lu}+").is_some());
        assert!(folded_hir(r"(?i)(").is_none());
    }
}
