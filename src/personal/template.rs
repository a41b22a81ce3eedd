//! Mail-merge templates: merge fields (`{{first_name}}`, `{{ first_name | default: "there" }}`,
//! `{{company|default:"your company"}}`, `{{ name or "friend" }}`, Mailchimp `*|FNAME|*`),
//! what kind of fact each carries, and the template checks: name-only personalisation,
//! fields used but not declared, and fallbacks that turn generic.

use std::ops::Range;
use std::sync::OnceLock;

use crate::text::lean::LeanRegex as Regex;

use crate::fix;
use crate::lint::{Draft, Edit, Finding, Fix};
use crate::prose::BARRIER;
use crate::rules::RuleSpec;

use super::lines::{template_lines, voice};
use super::words::{edit_distance, fold};
use super::{finding, regex, short};

/// One merge field in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeField {
    /// The whole field, braces included.
    pub range: Range<usize>,
    /// The field name as written (`first_name`, `contact.firstname`, `FNAME`).
    pub name: String,
    /// Where the name is, for rename fixes.
    pub name_range: Range<usize>,
    /// The normalised key used to compare fields and CSV columns (`firstname`).
    pub key: String,
    /// The fallback value, when the field has one.
    pub default: Option<String>,
}

/// What a merge field carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldClass {
    /// Who they are: name, company, role, location. Filled, it says nothing about why.
    Identity,
    /// About the sender: signature, calendar link, unsubscribe.
    Sender,
    /// Anything else: a fact per recipient (`recent_post`, `met_at`, `icebreaker`).
    Reason,
}

/// Normalised comparison key of a field or column name: the last dotted segment, lower
/// case, letters and digits only (`contact.first_name` and `First Name` give `firstname`).
pub fn field_key(name: &str) -> String {
    let last = name.rsplit('.').next().unwrap_or(name);
    fold(last).chars().filter(|c| c.is_alphanumeric()).collect()
}

const IDENTITY_KEYS: &[&str] = &[
    "firstname",
    "fname",
    "first",
    "name",
    "lastname",
    "lname",
    "last",
    "surname",
    "fullname",
    "recipient",
    "recipientname",
    "contactname",
    "contact",
    "givenname",
    "familyname",
    "salutation",
    "nickname",
    "preferredname",
    "displayname",
    "company",
    "companyname",
    "organisation",
    "organization",
    "org",
    "orgname",
    "employer",
    "account",
    "accountname",
    "business",
    "businessname",
    "firm",
    "title",
    "jobtitle",
    "role",
    "position",
    "city",
    "location",
    "country",
    "region",
    "state",
    "industry",
    "department",
    "seniority",
    "school",
    "university",
    "email",
    "phone",
    "website",
    "domain",
    "linkedin",
    "linkedinurl",
    "profileurl",
    "prospectname",
    "leadname",
    "candidatename",
    "mmerge1",
    "mmerge2",
];

const SENDER_PREFIXES: &[&str] = &[
    "sender",
    "my",
    "from",
    "your",
    "signature",
    "calendar",
    "calendly",
    "unsubscribe",
    "booking",
    "owner",
    "rep",
    "author",
];

/// Classify a field by its key.
pub fn classify(key: &str) -> FieldClass {
    if IDENTITY_KEYS.contains(&key) {
        return FieldClass::Identity;
    }
    if SENDER_PREFIXES.iter().any(|p| key.starts_with(p))
        || key.contains("meetinglink")
        || key.contains("schedul")
    {
        return FieldClass::Sender;
    }
    FieldClass::Reason
}

fn default_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex(
            r#"(?i)(?:(?:default|fallback)\s*[:(=]\s*|(?-u:\b)or\s+)(?:"([^"]*)"|'([^']*)'|“([^”]*)”|‘([^’]*)’)"#,
        )
    })
}

fn name_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| regex(r"^\s*([A-Za-z_][A-Za-z0-9_.\-]*)"))
}

/// The merge fields of `text` from byte `from` on (the body of a draft), in order.
pub fn merge_fields(text: &str, from: usize) -> Vec<MergeField> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = from.min(text.len());
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            let open_len = if bytes.get(i + 2) == Some(&b'{') {
                3
            } else {
                2
            };
            let inner_start = i + open_len;
            let Some(close_rel) = text[inner_start..].find("}}") else {
                break;
            };
            let inner_end = inner_start + close_rel;
            let mut end = inner_end + 2;
            if open_len == 3 && bytes.get(end) == Some(&b'}') {
                end += 1;
            }
            let inner = &text[inner_start..inner_end];
            if !inner.contains('\n') && !inner.contains('{') {
                if let Some(field) = parse_inner(inner, inner_start, i..end) {
                    out.push(field);
                }
                i = end;
                continue;
            }
            i += 2;
            continue;
        }
        if bytes[i] == b'*' && bytes[i + 1] == b'|' {
            if let Some(close_rel) = text[i + 2..].find("|*") {
                let inner = &text[i + 2..i + 2 + close_rel];
                if !inner.is_empty()
                    && inner.len() <= 40
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
                {
                    let name_range = i + 2..i + 2 + inner.len();
                    out.push(MergeField {
                        range: i..i + 2 + close_rel + 2,
                        name: inner.to_string(),
                        name_range,
                        key: field_key(inner),
                        default: None,
                    });
                    i += 2 + close_rel + 2;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

fn parse_inner(inner: &str, inner_start: usize, range: Range<usize>) -> Option<MergeField> {
    let trimmed = inner.trim_start();
    // Handlebars/Mustache sections, comments, partials and `else` are not fields.
    if trimmed.starts_with(['#', '/', '!', '>', '^', '&']) || trimmed.starts_with("else") {
        return None;
    }
    let caps = name_regex().captures(inner)?;
    let name_match = caps.get(1)?;
    let name = name_match.as_str().trim_end_matches(['.', '-']).to_string();
    if name.is_empty() {
        return None;
    }
    let rest = &inner[name_match.end()..];
    let default = default_regex().captures(rest).and_then(|c| {
        (1..=4)
            .find_map(|g| c.get(g))
            .map(|m| m.as_str().to_string())
    });
    let name_start = inner_start + name_match.start();
    Some(MergeField {
        range,
        key: field_key(&name),
        name_range: name_start..name_start + name.len(),
        name,
        default,
    })
}

/// The merge fields of a draft's body that sit in prose (not in code).
pub fn prose_fields(draft: &Draft<'_>) -> Vec<MergeField> {
    merge_fields(draft.text, draft.prose.body_start)
        .into_iter()
        .filter(|f| {
            draft
                .prose
                .masked
                .as_bytes()
                .get(f.range.start)
                .is_some_and(|b| *b != b' ' && *b != BARRIER)
        })
        .collect()
}

fn display(field: &MergeField) -> String {
    format!("{{{{{}}}}}", field.name)
}

fn list_names(fields: &[&MergeField]) -> String {
    let mut names: Vec<String> = Vec::new();
    for f in fields {
        let d = display(f);
        if !names.contains(&d) {
            names.push(d);
        }
    }
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// `name-only-personalisation`: every merge field that is not about the sender names who
/// the recipient is (name, company, role), none why you are writing to them.
pub fn name_only(draft: &Draft<'_>, spec: &RuleSpec) -> Option<Finding> {
    let fields = prose_fields(draft);
    let recipient_fields: Vec<&MergeField> = fields
        .iter()
        .filter(|f| classify(&f.key) != FieldClass::Sender)
        .collect();
    let first = recipient_fields.first()?;
    if recipient_fields
        .iter()
        .any(|f| classify(&f.key) == FieldClass::Reason)
    {
        return None;
    }
    let message = format!(
        "{}: only {} change between recipients",
        spec.message,
        list_names(&recipient_fields)
    );
    let detail = "Filled in, every copy says the same thing to a different name. Add a field that carries a reason for *this* recipient — `{{met_at}}`, `{{recent_post}}`, `{{mutual}}` — and fill it per row.".to_string();
    let mut result = finding(spec, first.range.clone(), message, Some(detail));
    let (at, prefix, suffix) = fix::insertion_point(draft);
    let declared = !draft.context.declared_fields.is_empty();
    for (line, field) in template_lines(voice(draft)) {
        let mut edits = vec![Edit {
            start: at,
            end: at,
            replacement: format!("{prefix}{line}{suffix}"),
        }];
        if declared {
            if let Some(edit) = declare_edit(draft, field) {
                edits.push(edit);
            }
        }
        result.fixes.push(Fix {
            title: format!("Add a line with a reason field: \u{201c}{line}\u{201d}"),
            edits,
            safe: false,
            preferred: false,
        });
    }
    if let Some(first) = result.fixes.first_mut() {
        first.preferred = true;
    }
    Some(result)
}

/// `undeclared-merge-field`: the template declares its fields and uses one it did not.
pub fn undeclared(draft: &Draft<'_>, spec: &RuleSpec) -> Vec<Finding> {
    let declared = &draft.context.declared_fields;
    if declared.is_empty() {
        return Vec::new();
    }
    let keys: Vec<String> = declared.iter().map(|d| field_key(d)).collect();
    let mut out = Vec::new();
    for field in prose_fields(draft) {
        if keys.contains(&field.key) || keys.contains(&field_key(&field.name.replace('.', "_"))) {
            continue;
        }
        let message = format!(
            "{}: {} is not in `fields:` (declared: {})",
            spec.message,
            display(&field),
            declared.join(", ")
        );
        let mut result = finding(spec, field.range.clone(), message, None);
        let closest = declared
            .iter()
            .zip(&keys)
            .map(|(name, key)| (edit_distance(key, &field.key, 3), name))
            .filter(|(d, name)| *d <= 2.min(name.chars().count() / 3).max(1))
            .min_by_key(|(d, _)| *d);
        if let Some((_, name)) = closest {
            result.fixes.push(Fix {
                title: format!("Use the declared field {{{{{name}}}}}"),
                edits: vec![Edit {
                    start: field.name_range.start,
                    end: field.name_range.end,
                    replacement: name.clone(),
                }],
                safe: false,
                preferred: true,
            });
        }
        if let Some(edit) = declare_edit(draft, &field.name) {
            let preferred = result.fixes.is_empty();
            result.fixes.push(Fix {
                title: format!("Declare `{}` in `fields:`", field.name),
                edits: vec![edit],
                safe: false,
                preferred,
            });
        }
        out.push(result);
    }
    out
}

/// Fallback values that turn a personal line generic.
const GENERIC_DEFAULTS: &[&str] = &[
    "there",
    "friend",
    "friends",
    "all",
    "everyone",
    "everybody",
    "team",
    "folks",
    "colleague",
    "colleagues",
    "connection",
    "sir",
    "madam",
    "sir or madam",
    "sir/madam",
    "valued customer",
    "customer",
    "client",
    "user",
    "member",
    "reader",
    "buddy",
    "mate",
    "hiring manager",
    "recruiter",
    "you",
    "the company",
    "the team",
    "fellow professional",
    "professional",
    "partner",
    "human",
    "y'all",
    "guys",
    "hey there",
    "hi there",
    "future colleague",
];

/// Whether a fallback value reads as generic.
pub fn is_generic_default(value: &str) -> bool {
    let v = fold(value.trim())
        .trim_end_matches(['!', '.', ','])
        .to_string();
    if v.is_empty() {
        return false;
    }
    GENERIC_DEFAULTS.contains(&v.as_str()) || v.starts_with("your ") || v.starts_with("our ")
}

/// `generic-fallback`: a field whose fallback makes the filled line generic
/// (`Hi {{first_name|default:"there"}}` becomes "Hi there" for every row without a name).
pub fn generic_fallbacks(draft: &Draft<'_>, spec: &RuleSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    for field in prose_fields(draft) {
        let Some(default) = field.default.as_deref() else {
            continue;
        };
        if !is_generic_default(default) {
            continue;
        }
        let line_start = draft.text[..field.range.start]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line_end = draft.text[field.range.end..]
            .find('\n')
            .map_or(draft.text.len(), |i| field.range.end + i);
        let rendered = format!(
            "{}{}{}",
            &draft.text[line_start..field.range.start],
            default,
            &draft.text[field.range.end..line_end]
        );
        let message = format!(
            "{}: when {} is empty the reader gets \u{201c}{}\u{201d}",
            spec.message,
            display(&field),
            short(rendered.trim(), 60)
        );
        let mut result = finding(spec, field.range.clone(), message, None);
        result.fixes.push(Fix {
            title: format!(
                "Remove the fallback (rows without {} then show up in `check --recipients`)",
                field.name
            ),
            edits: vec![Edit {
                start: field.range.start,
                end: field.range.end,
                replacement: display(&field),
            }],
            safe: false,
            preferred: true,
        });
        out.push(result);
    }
    for range in generic_else_branches(draft) {
        let text = &draft.text[range.clone()];
        let message = format!(
            "{}: when the field is empty the reader gets \u{201c}{}\u{201d}",
            spec.message,
            short(text.trim_end_matches([',', '!', '.', ':']), 60)
        );
        out.push(finding(spec, range, message, None));
    }
    out
}

fn else_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| regex(r"\{%-?\s*else\s*-?%\}|\{\{\s*else\s*\}\}|\{\{\^\s*[\w.]+\s*\}\}"))
}

fn generic_greeting_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex(r"(?i)^\s*(?:(?:hi|hello|hey|dear|greetings|hiya)\s+)?(?:there|friend|friends|all|everyone|everybody|team|folks|sir|madam|sir or madam|colleague|colleagues|valued customer|hiring manager)(?-u:\b)")
    })
}

/// The text of `else` branches (`{% else %}Hi there{% endif %}`, `{{else}}`, `{{^name}}`)
/// that is a generic greeting or a generic stand-in for a name.
fn generic_else_branches(draft: &Draft<'_>) -> Vec<Range<usize>> {
    let body_start = draft.prose.body_start.min(draft.text.len());
    let body = &draft.text[body_start..];
    let mut out = Vec::new();
    for m in else_regex().find_iter(body) {
        let rest = &body[m.end()..];
        let end = [rest.find("{%"), rest.find("{{"), rest.find('\n')]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(rest.len());
        let branch = &rest[..end];
        let trimmed = branch.trim();
        if trimmed.is_empty() || !generic_greeting_regex().is_match(trimmed) {
            continue;
        }
        let lead = branch.len() - branch.trim_start().len();
        let start = body_start + m.end() + lead;
        out.push(start..start + trimmed.len());
    }
    out
}

/// An edit that adds `name` to the front matter's `fields:` list: inside a flow list
/// (`fields: [a, b]`), as a new block item (`  - name`), or after a comma-separated scalar.
pub fn declare_edit(draft: &Draft<'_>, name: &str) -> Option<Edit> {
    let fm = draft.prose.front_matter.as_ref()?;
    let block = draft.text.get(fm.range.clone())?;
    let mut offset = fm.range.start;
    let lines: Vec<&str> = block.split_inclusive('\n').collect();
    for (idx, line) in lines.iter().enumerate() {
        let content = line.trim_end_matches(['\n', '\r']);
        let key = content
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_lowercase()
            .replace(['-', ' '], "_");
        if content.starts_with(char::is_whitespace)
            || !matches!(
                key.as_str(),
                "fields" | "merge_fields" | "variables" | "placeholders"
            )
        {
            offset += line.len();
            continue;
        }
        let colon = content.find(':')?;
        let value = content[colon + 1..].trim();
        if value.starts_with('[') {
            let close = content.rfind(']')?;
            let inside = content[content.find('[')? + 1..close].trim();
            let replacement = if inside.is_empty() {
                name.to_string()
            } else {
                format!(", {name}")
            };
            let at = offset + close;
            return Some(Edit {
                start: at,
                end: at,
                replacement,
            });
        }
        if value.is_empty() {
            // Block list: add after the last `- item` line.
            let mut end = offset + line.len();
            let mut indent = "  ".to_string();
            for next in &lines[idx + 1..] {
                let trimmed = next.trim_start();
                if !trimmed.starts_with("- ") {
                    break;
                }
                indent = next[..next.len() - trimmed.len()].to_string();
                end += next.len();
            }
            let newline = if line.ends_with("\r\n") { "\r\n" } else { "\n" };
            return Some(Edit {
                start: end,
                end,
                replacement: format!("{indent}- {name}{newline}"),
            });
        }
        let at = offset + content.len();
        return Some(Edit {
            start: at,
            end: at,
            replacement: format!(", {name}"),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields_defaults_and_sections() {
        let text = r#"Hi {{ first_name | default: "friend" }}, {{company|default:"your company"}} {{#if x}}{{/if}} *|FNAME|* {{ name or "there" }} {{contact.first_name}} {{{raw}}}"#;
        let fields = merge_fields(text, 0);
        let summary: Vec<(&str, Option<&str>, &str)> = fields
            .iter()
            .map(|f| {
                (
                    f.name.as_str(),
                    f.default.as_deref(),
                    &text[f.range.clone()],
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "first_name",
                    Some("friend"),
                    r#"{{ first_name | default: "friend" }}"#
                ),
                (
                    "company",
                    Some("your company"),
                    r#"{{company|default:"your company"}}"#
                ),
                ("FNAME", None, "*|FNAME|*"),
                ("name", Some("there"), r#"{{ name or "there" }}"#),
                ("contact.first_name", None, "{{contact.first_name}}"),
                ("raw", None, "{{{raw}}}"),
            ]
        );
        assert_eq!(fields[0].key, "firstname");
        assert_eq!(&text[fields[0].name_range.clone()], "first_name");
        assert_eq!(fields[4].key, "firstname");
    }

    #[test]
    fn classes() {
        assert_eq!(classify("firstname"), FieldClass::Identity);
        assert_eq!(classify("company"), FieldClass::Identity);
        assert_eq!(classify("sendername"), FieldClass::Sender);
        assert_eq!(classify("calendarlink"), FieldClass::Sender);
        assert_eq!(classify("recentpost"), FieldClass::Reason);
        assert_eq!(classify("metat"), FieldClass::Reason);
    }

    #[test]
    fn generic_defaults() {
        for d in [
            "there",
            "Friend",
            "your company",
            "everyone!",
            "Sir or Madam",
        ] {
            assert!(is_generic_default(d), "{d}");
        }
        for d in ["", "Sam", "the Porto team offsite"] {
            assert!(!is_generic_default(d), "{d}");
        }
    }

    #[test]
    fn else_branches() {
        let text = "Hi {{#if first_name}}{{first_name}}{{else}}there{{/if}}, {% if name %}Dear {{name}}{% else %}Hi there,{% endif %}";
        let found: Vec<&str> = else_regex()
            .find_iter(text)
            .map(|m| &text[m.end()..])
            .map(|rest| &rest[..rest.find("{").unwrap_or(rest.len())])
            .collect();
        assert_eq!(found, vec!["there", "Hi there,"]);
        assert!(generic_greeting_regex().is_match("there"));
        assert!(generic_greeting_regex().is_match("Hi there,"));
        assert!(!generic_greeting_regex().is_match("Hi Theresa"));
    }
}
