//! Markdown prose extraction with pulldown-cmark's offset iterator. Text events of prose
//! blocks are copied into the masked text; inline markup between them becomes spaces; code,
//! HTML, image alt text, autolinks and link destinations stay blanked. HTML comments are
//! read for suppression directives.

use std::ops::Range;
use std::sync::OnceLock;

use crate::text::lean::LeanRegex as Regex;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{bytes_to_string, Block, Directive, DirectiveKind, Prose, BARRIER};

/// Builds the masked text and the block list while walking the events.
struct Masker<'a> {
    text: &'a str,
    masked: Vec<u8>,
    blocks: Vec<Block>,
    run: Option<Range<usize>>,
    run_heading: bool,
    in_heading: bool,
    skip_depth: usize,
    /// For each open link, whether it is an autolink (and so raised `skip_depth`).
    open_links: Vec<bool>,
}

impl<'a> Masker<'a> {
    fn new(text: &'a str) -> Self {
        Masker {
            text,
            masked: vec![BARRIER; text.len()],
            blocks: Vec::new(),
            run: None,
            run_heading: false,
            in_heading: false,
            skip_depth: 0,
            open_links: Vec::new(),
        }
    }

    /// Copy a prose range, joining it to the current run with spaces over the markup between.
    fn keep(&mut self, range: Range<usize>) {
        if self.skip_depth > 0 || range.is_empty() {
            return;
        }
        match &mut self.run {
            Some(run) => {
                for byte in &mut self.masked[run.end.min(range.start)..range.start] {
                    *byte = b' ';
                }
                run.end = run.end.max(range.end);
            }
            None => {
                self.run = Some(range.clone());
                self.run_heading = self.in_heading;
            }
        }
        self.masked[range.clone()].copy_from_slice(&self.text.as_bytes()[range]);
    }

    /// A block boundary: the current run becomes a block.
    fn close_run(&mut self) {
        if let Some(run) = self.run.take() {
            self.blocks.push(Block {
                range: run,
                heading: self.run_heading,
            });
        }
    }
}

/// Extract the prose of a markdown document whose body starts at `body_start`.
pub(super) fn extract(text: &str, body_start: usize) -> Prose {
    let mut masker = Masker::new(text);
    let mut directives = Vec::new();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let body = &text[body_start..];
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        match event {
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => masker.keep(range),
            Event::InlineHtml(html) if is_merge_tag(&html) => masker.keep(range),
            Event::Html(html) | Event::InlineHtml(html) => {
                directives.extend(parse_directive(&html, range));
            }
            Event::Start(tag) => start_tag(&mut masker, &tag),
            Event::End(tag) => end_tag(&mut masker, tag),
            _ => {}
        }
    }
    masker.close_run();
    Prose {
        masked: bytes_to_string(masker.masked),
        blocks: masker.blocks,
        front_matter: None,
        body_start,
        directives,
    }
}

/// HTML elements a draft might really use inline; any other `<Word>` is a merge field.
const HTML_ELEMENTS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "button", "cite", "code", "data", "del", "details",
    "dfn", "div", "em", "font", "hr", "i", "img", "input", "ins", "kbd", "label", "mark", "p", "q",
    "s", "samp", "small", "span", "strike", "strong", "sub", "summary", "sup", "time", "tt", "u",
    "var", "wbr", "center", "video", "audio", "source", "picture", "iframe",
];

/// `<FirstName>`, `<Company Name>`, `<insert detail>`: markdown reads these as inline HTML,
/// but no such element exists, so the writer meant a merge field and it must stay visible
/// to the placeholder rules.
fn is_merge_tag(html: &str) -> bool {
    let Some(inner) = html.strip_prefix('<').and_then(|h| h.strip_suffix('>')) else {
        return false;
    };
    let name = inner.split([' ', '\t', '/']).next().unwrap_or("");
    !name.is_empty()
        && !inner.contains(['=', '"', '\n'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && !HTML_ELEMENTS.contains(&name.to_ascii_lowercase().as_str())
}

fn start_tag(masker: &mut Masker<'_>, tag: &Tag<'_>) {
    match tag {
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
        Tag::Link { link_type, .. } => {
            let autolink = matches!(link_type, LinkType::Autolink | LinkType::Email);
            if autolink {
                masker.skip_depth += 1;
            }
            masker.open_links.push(autolink);
        }
        Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
            masker.close_run();
            masker.skip_depth += 1;
        }
        Tag::Heading { .. } => {
            masker.close_run();
            masker.in_heading = true;
        }
        _ => masker.close_run(),
    }
}

fn end_tag(masker: &mut Masker<'_>, tag: TagEnd) {
    match tag {
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {}
        TagEnd::Link => {
            // Only autolinks raised the depth; a plain link's text stays in the run.
            if masker.open_links.pop() == Some(true) {
                masker.skip_depth = masker.skip_depth.saturating_sub(1);
            }
        }
        TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
            masker.skip_depth = masker.skip_depth.saturating_sub(1);
            masker.close_run();
        }
        TagEnd::Heading(_) => {
            masker.close_run();
            masker.in_heading = false;
        }
        _ => masker.close_run(),
    }
}

fn directive_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"<!--\s*outreach-lint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->",
        )
        .unwrap_or_else(|err| panic!("directive regex is a constant: {err}"))
    })
}

/// Directives in one HTML event (a block may hold several comments).
fn parse_directive(html: &str, range: Range<usize>) -> Vec<Directive> {
    directive_regex()
        .captures_iter(html)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            let kind = match caps.get(1)?.as_str() {
                "disable-next-line" => DirectiveKind::DisableNextLine,
                "disable-file" => DirectiveKind::DisableFile,
                "disable" => DirectiveKind::Disable,
                _ => DirectiveKind::Enable,
            };
            let rules = caps
                .get(2)
                .map(|m| {
                    m.as_str()
                        .split([',', ' ', '\t', '\n'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default();
            Some(Directive {
                range: range.start + whole.start()..range.start + whole.end(),
                kind,
                rules,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{extract as extract_any, Format};
    use super::*;

    fn masked(text: &str) -> String {
        extract_any(text, Format::Markdown).masked
    }

    #[test]
    fn code_html_and_urls_are_blanked() {
        let text = "Hi `{{first_name}}` and [my site](https://network.example) <!-- note -->\n\n```\ngrow my network\n```\n\n    indented code\n\n<div>html block</div>\n\n<https://auto.link>\n";
        let m = masked(text);
        assert_eq!(m.len(), text.len());
        assert!(!m.contains("first_name"));
        assert!(m.contains("my site"));
        assert!(!m.contains("network.example"));
        assert!(!m.contains("grow my network"));
        assert!(!m.contains("indented code"));
        assert!(!m.contains("html block"));
        assert!(!m.contains("auto.link"));
        assert!(!m.contains("note"));
    }

    #[test]
    fn prose_after_an_autolink_is_still_read() {
        // A forwarded email's header line holds an address in angle brackets; everything
        // after it is still the draft.
        let text = "From: Sanne <sanne@praktijk.example>\nDate: 3 March\n\nDear Sir/Madam,\n\nSee <https://x.example> and [docs](https://y.example) then grow my network.\n";
        let m = masked(text);
        assert!(!m.contains("praktijk.example"), "{m}");
        assert!(m.contains("Date: 3 March"), "{m}");
        assert!(m.contains("Dear Sir/Madam"), "{m}");
        assert!(m.contains("then grow my network"), "{m}");
        assert!(!m.contains("x.example"), "{m}");
    }

    #[test]
    fn angle_bracket_merge_fields_stay_visible_but_real_inline_html_does_not() {
        let m = masked("Hi <<FirstName>>, your <Company Name> team\n\nsee <span class=\"x\">this</span> and <b>bold</b>\n");
        assert!(m.contains("<<FirstName>>"), "{m}");
        assert!(m.contains("<Company Name>"), "{m}");
        assert!(!m.contains("span"), "{m}");
        assert!(!m.contains("<b>"), "{m}");
        assert!(m.contains("bold"), "{m}");
    }

    #[test]
    fn emphasis_becomes_space_and_blocks_are_separated() {
        let text =
            "# Quick question\nI'd *like* to add you\nto my network\n\n- item one\n- item two\n";
        let prose = extract_any(text, Format::Markdown);
        assert!(prose
            .masked
            .contains("I'd  like  to add you\nto my network"));
        assert_eq!(prose.blocks.len(), 4);
        assert!(prose.blocks[0].heading);
        assert!(!prose.blocks[1].heading);
        let first_item = &text[prose.blocks[2].range.clone()];
        assert_eq!(first_item, "item one");
    }

    #[test]
    fn multibyte_text_keeps_offsets() {
        let text = "Zoë 😀 **wrote** `code 😀` café\n";
        let prose = extract_any(text, Format::Markdown);
        assert_eq!(prose.masked.len(), text.len());
        let at = text.find("café").unwrap();
        assert_eq!(&prose.masked[at..at + "café".len()], "café");
    }

    #[test]
    fn directives_are_read_from_comments() {
        let text = "<!-- outreach-lint-disable-file -->\n\nText <!-- outreach-lint-disable collector, filler-touch-base -->\n";
        let prose = extract_any(text, Format::Markdown);
        assert_eq!(prose.directives.len(), 2);
        assert_eq!(prose.directives[0].kind, DirectiveKind::DisableFile);
        assert_eq!(
            prose.directives[1].rules,
            vec!["collector", "filler-touch-base"]
        );
    }

    #[test]
    fn table_cells_and_block_quotes_are_prose() {
        let text = "| a | b |\n|---|---|\n| grow my network | ok |\n\n> quoted line\n> continues\n";
        let prose = extract_any(text, Format::Markdown);
        assert!(prose.masked.contains("grow my network"));
        assert!(prose.masked.contains("quoted line\n  continues"));
    }
}
