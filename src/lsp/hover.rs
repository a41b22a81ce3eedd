//! Hover: for the findings under the cursor, markdown that says what the reader concludes,
//! why (the rule's explanation and the finding's evidence), a better version built from the
//! draft's own front matter where there is some, the rule id, and how to silence it.

use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::Analysis;
use crate::fix;
use crate::lint::{Draft, Finding};
use crate::prose::Format;
use crate::text::PositionEncoding;

/// What a reader takes from a phrase of each category, in their words.
pub fn reader_concludes(category: &str) -> Option<&'static str> {
    Some(match category {
        "collector" => "*\"You want a bigger count.\"* And: *\"You don't know me, but I look worth following.\"*",
        "platform_default" => "*\"You clicked a button; LinkedIn wrote this, not you.\"* And, as with any collected connection: *\"You want a bigger count\"* and *\"you don't know me, but I look worth following.\"*",
        "generic_opener" => "*\"This could start a message to anyone; the real message hasn't started yet.\"*",
        "generic_closer" => "*\"A template sign-off: nothing here expects a reply from me in particular.\"*",
        "vague_flattery" => "*\"Praise with nothing behind it: you haven't actually looked at my work.\"*",
        "vague_ask" => "*\"You want my time, but not for anything I can judge.\"*",
        "filler" => "*\"Words I can skip\"* — and they start skimming.",
        "placeholder" => "*\"A mail merge that didn't fill in: this went to a list.\"*",
        "self_centred" => "*\"This is about you, not about me.\"*",
        "personalisation" => "*\"This was written for someone else and the names were swapped.\"*",
        "length" => "*\"Too long for where it was sent\"*: it gets cut off or skimmed.",
        "missing_context" | "context" | "document" => "*\"Why me?\"* Nothing here says why you wrote to this person in particular.",
        _ => return None,
    })
}

/// The hover at `position`, when a finding covers it.
pub fn hover(analysis: &Analysis, position: Position, encoding: PositionEncoding) -> Option<Hover> {
    let offset = analysis.snapshot.offset(position, encoding);
    let hits: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| f.range.start <= offset && offset <= f.range.end)
        .collect();
    if hits.is_empty() {
        return None;
    }
    let draft = Draft::new(&analysis.snapshot.text, analysis.format, &analysis.options);
    let sections: Vec<String> = hits
        .iter()
        .map(|f| finding_markdown(analysis, &draft, f))
        .collect();
    let first = hits[0];
    let range = hits.iter().skip(1).fold(first.range.clone(), |acc, f| {
        acc.start.max(f.range.start)..acc.end.min(f.range.end)
    });
    let range = if range.start <= range.end {
        range
    } else {
        first.range.clone()
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: sections.join("\n\n---\n\n"),
        }),
        range: Some(analysis.snapshot.diagnostic_range(range, encoding)),
    })
}

fn finding_markdown(analysis: &Analysis, draft: &Draft<'_>, finding: &Finding) -> String {
    let spec = analysis.rules.get(&finding.rule).map(|r| &r.spec);
    let mut out = format!(
        "**{}** · `{}` · {} · {}\n",
        finding.message,
        finding.rule,
        finding.category,
        finding.severity.as_str()
    );
    if let Some(text) = reader_concludes(&finding.category)
        .or_else(|| reader_concludes(&finding.rule.replace('-', "_")))
    {
        out.push_str(&format!("\n**What the reader concludes:** {text}\n"));
    }
    if let Some(spec) = spec {
        if !spec.explanation.trim().is_empty() {
            out.push_str(&format!("\n**Why:** {}\n", spec.explanation.trim()));
        }
    }
    if let Some(detail) = finding.detail.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push('\n');
        out.push_str(detail.trim());
        out.push('\n');
    }
    out.push_str(&better_version(
        draft,
        finding,
        spec.map(|s| s.hint.as_str()),
    ));
    out.push_str(&silence(finding, analysis.format));
    out
}

/// A better version: the finding's own replacements, then lines built from the front matter
/// (or, without any, a line with placeholders to fill in), then the rule's hint.
fn better_version(draft: &Draft<'_>, finding: &Finding, hint: Option<&str>) -> String {
    let context = fix::context_lines(draft);
    let mut lines: Vec<String> = context
        .iter()
        .filter(|(_, from_facts)| *from_facts)
        .map(|(line, _)| line.clone())
        .collect();
    let from_front_matter = !lines.is_empty();
    for fix in &finding.fixes {
        let inserted: Vec<&str> = fix
            .edits
            .iter()
            .map(|e| e.replacement.trim())
            .filter(|r| !r.is_empty())
            .collect();
        let text = inserted.join(" ");
        if !text.is_empty() && !lines.contains(&text) {
            lines.push(text);
        }
    }
    if lines.is_empty() {
        if let Some((line, _)) = context.first() {
            lines.push(line.clone());
        }
    }
    let mut out = String::new();
    if !lines.is_empty() {
        let title = if from_front_matter {
            "**A better version** (from this draft's front matter):"
        } else {
            "**A better version** (fill in the brackets):"
        };
        out.push_str(&format!("\n{title}\n"));
        for line in lines.iter().take(4) {
            out.push_str(&format!("- {line}\n"));
        }
    }
    if let Some(hint) = hint.map(str::trim).filter(|h| !h.is_empty()) {
        out.push_str(&format!("\n**Instead:** {hint}\n"));
    }
    out
}

fn silence(finding: &Finding, format: Format) -> String {
    let rule = &finding.rule;
    let inline = match format {
        Format::Markdown => format!(
            "`<!-- outreach-lint-disable-next-line {rule} -->` on the line before, `<!-- outreach-lint-disable-file {rule} -->` for the whole file, "
        ),
        Format::PlainText => format!(
            "`[per-file-ignores]` in `.outreach-lint.toml` for this file (`\"draft.txt\" = [\"{rule}\"]`), "
        ),
    };
    format!(
        "\n**Silence it:** {inline}or `{rule} = \"off\"` under `[rules]` in `.outreach-lint.toml` (editor setting `outreachLint.rules`).\n\nRule: [`{rule}`]({}#{rule})\n",
        super::convert::RULES_DOC
    )
}
