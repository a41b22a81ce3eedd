//! The recipient context: what a draft's front matter says about the person it is for and
//! how it will be sent. Common spellings of keys are accepted as aliases; unknown keys are
//! kept. Everything personalised (context lines, unused-context checks, name checks) reads
//! this instead of the raw front matter.

use std::collections::BTreeMap;

use crate::prose::FrontMatter;

/// Where a draft will be sent; decides the length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// A LinkedIn connection request note.
    LinkedinNote,
    /// A LinkedIn message to a connection.
    LinkedinMessage,
    /// A LinkedIn InMail.
    Inmail,
    /// An email.
    Email,
}

impl Channel {
    /// Parse a channel name (`linkedin-note`, `note`, `connection-request`, `inmail`, ...).
    pub fn parse(name: &str) -> Option<Self> {
        let key: String = name
            .trim()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        match key.as_str() {
            "linkedinnote" | "note" | "connectionnote" | "connectionrequest" | "invite"
            | "invitation" | "linkedininvite" | "linkedininvitation" => Some(Channel::LinkedinNote),
            "linkedinmessage" | "linkedinmsg" | "message" | "dm" | "linkedindm" => {
                Some(Channel::LinkedinMessage)
            }
            "inmail" | "linkedininmail" => Some(Channel::Inmail),
            "email" | "mail" | "coldemail" => Some(Channel::Email),
            _ => None,
        }
    }

    /// The canonical name.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::LinkedinNote => "linkedin-note",
            Channel::LinkedinMessage => "linkedin-message",
            Channel::Inmail => "inmail",
            Channel::Email => "email",
        }
    }
}

/// The fields that carry a reason tied to the reader, in the order lines are offered.
pub const REASON_FIELDS: &[&str] = &["met_at", "their_work", "mutual", "shared_interest", "reason"];

/// Known keys and the aliases that mean them.
const ALIASES: &[(&str, &[&str])] = &[
    ("recipient", &["name", "to", "recipient_name", "full_name", "first_name", "contact"]),
    ("company", &["organisation", "organization", "org", "employer", "their_company"]),
    ("role", &["title", "job_title", "position", "their_role"]),
    ("channel", &["medium", "via", "platform"]),
    ("met_at", &["how_we_met", "where_we_met", "met", "event", "met_at_event", "where_met"]),
    ("their_work", &["recent_post", "their_post", "post", "talk", "paper", "project", "their_talk", "work"]),
    ("mutual", &["mutual_contact", "mutual_connection", "referred_by", "referral", "introduced_by", "intro"]),
    ("shared_interest", &["interest", "common_ground", "shared", "interests"]),
    ("reason", &["why", "why_now", "purpose", "reason_to_connect"]),
    ("ask", &["request", "the_ask", "cta"]),
    ("sender", &["from", "my_name", "sender_name", "author"]),
    ("subject", &["title_line", "email_subject"]),
];

/// What the draft knows about its recipient.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecipientContext {
    /// Canonical key -> value (aliases resolved; unknown keys kept as written).
    pub fields: BTreeMap<String, String>,
    /// Declared merge fields (`fields:` list).
    pub declared_fields: Vec<String>,
    /// `template: true`.
    pub template: bool,
    /// The channel, when given and known.
    pub channel: Option<Channel>,
    /// The channel value as written, when it is not one we know.
    pub unknown_channel: Option<String>,
}

impl RecipientContext {
    /// Build from parsed front matter.
    pub fn from_front_matter(fm: Option<&FrontMatter>) -> Self {
        let mut ctx = RecipientContext::default();
        let Some(fm) = fm else { return ctx };
        for (key, value) in &fm.fields {
            if key == "fields" || key == "merge_fields" {
                ctx.declared_fields = fm.list(key);
                continue;
            }
            if key == "template" {
                ctx.template = fm.flag(key);
                continue;
            }
            let canonical = canonical_key(key);
            let text = value.as_text();
            if text.trim().is_empty() {
                continue;
            }
            // An explicit canonical key wins over an alias.
            if canonical != key && fm.fields.contains_key(canonical) {
                continue;
            }
            ctx.fields.insert(canonical.to_string(), text.trim().to_string());
        }
        if let Some(ch) = ctx.fields.get("channel") {
            match Channel::parse(ch) {
                Some(parsed) => ctx.channel = Some(parsed),
                None => ctx.unknown_channel = Some(ch.clone()),
            }
        }
        ctx
    }

    /// A field by canonical key.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields.get(key).map(String::as_str)
    }

    /// The recipient's first name, when known.
    pub fn first_name(&self) -> Option<&str> {
        self.get("recipient")
            .and_then(|n| n.split_whitespace().next())
    }

    /// The reason-carrying facts present, as (key, value).
    pub fn reason_facts(&self) -> Vec<(&'static str, &str)> {
        REASON_FIELDS
            .iter()
            .filter_map(|k| self.get(k).map(|v| (*k, v)))
            .collect()
    }
}

/// The canonical key for a front-matter key.
pub fn canonical_key(key: &str) -> &str {
    for (canonical, aliases) in ALIASES {
        if key == *canonical || aliases.contains(&key) {
            return canonical;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prose::{extract, Format};

    #[test]
    fn aliases_resolve_and_unknown_keys_stay() {
        let text = "---\nname: Zoë Park\nhow_we_met: PyCon Lisbon\nrecent_post: a post on retries\nchannel: LinkedIn note\nmood: sunny\n---\nHi\n";
        let prose = extract(text, Format::Markdown);
        let ctx = RecipientContext::from_front_matter(prose.front_matter.as_ref());
        assert_eq!(ctx.get("recipient"), Some("Zoë Park"));
        assert_eq!(ctx.first_name(), Some("Zoë"));
        assert_eq!(ctx.get("met_at"), Some("PyCon Lisbon"));
        assert_eq!(ctx.get("their_work"), Some("a post on retries"));
        assert_eq!(ctx.get("mood"), Some("sunny"));
        assert_eq!(ctx.channel, Some(Channel::LinkedinNote));
        assert_eq!(ctx.reason_facts().len(), 2);
    }
}
