//! The recipient context: what a draft's front matter says about the person it is for and
//! how it will be sent. Everything personalised (context lines, unused-context checks, name
//! checks, the personalisation score) reads this instead of the raw front matter.
//!
//! The schema (documented for users in `docs/front-matter.md`):
//!
//! | key | meaning |
//! |---|---|
//! | `recipient` | the person's name as they write it |
//! | `company`, `role` | where they work and what they do |
//! | `channel` | `linkedin-note`, `linkedin-message`, `inmail` or `email` |
//! | `met_at` | where or how you met (event, class, conference) |
//! | `their_work` | a post, talk, paper or project of theirs |
//! | `mutual` | a shared contact or group |
//! | `shared_interest` | something you both care about |
//! | `reason` | why connect, why now |
//! | `ask` | the one specific request |
//! | `sender`, `subject` | who writes; the email or InMail subject |
//! | `template`, `fields` | a mail-merge template and its declared merge fields |
//!
//! Common spellings are accepted as aliases (`name`, `how_we_met`, `recent_post`,
//! `referred_by`, ...; see [`ALIASES`]); unknown keys are kept as written.

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
pub const REASON_FIELDS: &[&str] = &[
    "met_at",
    "their_work",
    "mutual",
    "shared_interest",
    "reason",
];

/// The facts whose absence from the body the `unused-context` check reports.
pub const CHECKED_FACTS: &[&str] = &["met_at", "their_work", "mutual", "reason"];

/// Keys that declare a template's merge fields.
const FIELD_LIST_KEYS: &[&str] = &["fields", "merge_fields", "variables", "placeholders"];

/// Known keys and the aliases that mean them (documented in `docs/front-matter.md`; a test
/// keeps the two in step). Keys are compared after lower-casing, with `-` and spaces read
/// as `_`.
pub const ALIASES: &[(&str, &[&str])] = &[
    (
        "recipient",
        &[
            "name",
            "to",
            "recipient_name",
            "full_name",
            "first_name",
            "contact",
            "contact_name",
            "person",
            "prospect",
            "candidate",
            "addressee",
            "their_name",
        ],
    ),
    (
        "company",
        &[
            "organisation",
            "organization",
            "org",
            "employer",
            "their_company",
            "company_name",
            "firm",
            "workplace",
            "business",
            "account",
        ],
    ),
    (
        "role",
        &[
            "title",
            "job_title",
            "position",
            "their_role",
            "job",
            "headline",
        ],
    ),
    ("channel", &["medium", "via", "platform", "send_via"]),
    (
        "met_at",
        &[
            "how_we_met",
            "where_we_met",
            "met",
            "event",
            "met_at_event",
            "where_met",
            "how_met",
            "met_in",
            "met_during",
            "conference",
            "venue",
        ],
    ),
    (
        "their_work",
        &[
            "recent_post",
            "their_post",
            "post",
            "talk",
            "paper",
            "project",
            "their_talk",
            "work",
            "article",
            "their_article",
            "their_paper",
            "their_project",
            "recent_work",
            "publication",
            "blog_post",
            "podcast",
            "repo",
        ],
    ),
    (
        "mutual",
        &[
            "mutual_contact",
            "mutual_connection",
            "mutual_friend",
            "shared_contact",
            "common_connection",
            "referred_by",
            "referral",
            "referrer",
            "introduced_by",
            "intro",
            "shared_group",
            "community",
        ],
    ),
    (
        "shared_interest",
        &[
            "interest",
            "common_ground",
            "shared",
            "interests",
            "in_common",
            "common_interest",
            "hobby",
        ],
    ),
    (
        "reason",
        &[
            "why",
            "why_now",
            "purpose",
            "reason_to_connect",
            "reason_for_reaching_out",
            "motivation",
            "hook",
            "trigger",
        ],
    ),
    (
        "ask",
        &[
            "request",
            "the_ask",
            "cta",
            "call_to_action",
            "goal",
            "question",
        ],
    ),
    (
        "sender",
        &[
            "from",
            "my_name",
            "sender_name",
            "author",
            "signature",
            "signed",
        ],
    ),
    ("subject", &["title_line", "email_subject", "subject_line"]),
];

/// Aliases of `mutual` that say the contact sent the writer to the recipient, so a line
/// may say "X suggested I get in touch" without inventing anything.
const REFERRAL_KEYS: &[&str] = &[
    "referred_by",
    "referral",
    "referrer",
    "introduced_by",
    "intro",
];

/// What the draft knows about its recipient.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RecipientContext {
    /// Canonical key -> value (aliases resolved; unknown keys kept as written).
    pub fields: BTreeMap<String, String>,
    /// Canonical key -> the key as written in the front matter (`how_we_met` for `met_at`).
    pub sources: BTreeMap<String, String>,
    /// Declared merge fields (`fields:` list).
    pub declared_fields: Vec<String>,
    /// `template: true`, or a `fields:` list without `template: false`.
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
        let mut template_flag: Option<bool> = None;
        for (key, value) in &fm.fields {
            if FIELD_LIST_KEYS.contains(&key.as_str()) {
                if ctx.declared_fields.is_empty() {
                    ctx.declared_fields = fm.list(key);
                }
                continue;
            }
            if key == "template" {
                template_flag = Some(fm.flag(key));
                continue;
            }
            let canonical = canonical_key(key);
            let text = value.as_text();
            if text.trim().is_empty() {
                continue;
            }
            // An explicit canonical key wins over an alias; among aliases, the first in
            // key order.
            if canonical != key && fm.fields.contains_key(canonical) {
                continue;
            }
            if ctx.fields.contains_key(canonical) {
                continue;
            }
            ctx.fields
                .insert(canonical.to_string(), text.trim().to_string());
            ctx.sources.insert(canonical.to_string(), key.clone());
        }
        ctx.template = template_flag.unwrap_or(!ctx.declared_fields.is_empty());
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

    /// The recipient's first name, when known (titles such as "Dr." skipped).
    pub fn first_name(&self) -> Option<&str> {
        self.get("recipient").and_then(|n| {
            n.split([' ', '\t', ','])
                .filter(|w| !w.is_empty())
                .find(|w| !is_title(w))
        })
    }

    /// The words of the recipient's name, without titles and post-nominals ("Dr. Maren
    /// Solberg, MD" gives Maren, Solberg).
    pub fn recipient_words(&self) -> Vec<&str> {
        let Some(name) = self.get("recipient") else {
            return Vec::new();
        };
        let main = name.split(',').next().unwrap_or(name);
        main.split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-'))
            .filter(|w| !w.is_empty() && !is_title(w))
            .collect()
    }

    /// The reason-carrying facts present, as (key, value).
    pub fn reason_facts(&self) -> Vec<(&'static str, &str)> {
        REASON_FIELDS
            .iter()
            .filter_map(|k| self.get(k).map(|v| (*k, v)))
            .collect()
    }

    /// The key as written in the front matter for a canonical key.
    pub fn source_key(&self, canonical: &str) -> Option<&str> {
        self.sources.get(canonical).map(String::as_str)
    }

    /// Whether the `mutual` fact was written as a referral (`referred_by`, `introduced_by`).
    pub fn mutual_is_referral(&self) -> bool {
        self.source_key("mutual")
            .is_some_and(|k| REFERRAL_KEYS.contains(&k))
    }
}

/// Courtesy titles that are not part of a name for greeting purposes.
pub fn is_title(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_ascii_lowercase().as_str(),
        "dr" | "mr"
            | "mrs"
            | "ms"
            | "mx"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "rev"
            | "pastor"
            | "fr"
            | "sr"
            | "jr"
            | "phd"
            | "md"
            | "rn"
            | "msn"
            | "mba"
            | "esq"
    )
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
        assert_eq!(ctx.source_key("met_at"), Some("how_we_met"));
        assert!(!ctx.template);
    }

    fn ctx(front: &str) -> RecipientContext {
        let text = format!("---\n{front}---\nHi\n");
        let prose = extract(&text, Format::Markdown);
        RecipientContext::from_front_matter(prose.front_matter.as_ref())
    }

    #[test]
    fn more_aliases_and_referrals() {
        let c = ctx("contact_name: Dr. Maren Solberg, MD\nemployer: Nordlys\nreferred_by: Priya Raman\nwhy_now: the clinic opens in May\ncall_to_action: a 20-minute call\n");
        assert_eq!(c.get("recipient"), Some("Dr. Maren Solberg, MD"));
        assert_eq!(c.first_name(), Some("Maren"));
        assert_eq!(c.recipient_words(), vec!["Maren", "Solberg"]);
        assert_eq!(c.get("company"), Some("Nordlys"));
        assert_eq!(c.get("mutual"), Some("Priya Raman"));
        assert!(c.mutual_is_referral());
        assert_eq!(c.get("reason"), Some("the clinic opens in May"));
        assert_eq!(c.get("ask"), Some("a 20-minute call"));
        let plain = ctx("mutual_contact: Priya\n");
        assert!(!plain.mutual_is_referral());
    }

    #[test]
    fn canonical_key_wins_over_alias() {
        let c = ctx("met_at: RustConf\nevent: PyCon\n");
        assert_eq!(c.get("met_at"), Some("RustConf"));
        assert_eq!(c.source_key("met_at"), Some("met_at"));
    }

    #[test]
    fn a_fields_list_makes_a_template_unless_told_otherwise() {
        let c = ctx("fields: [first_name, met_at]\n");
        assert!(c.template);
        assert_eq!(c.declared_fields, vec!["first_name", "met_at"]);
        let explicit = ctx("template: false\nfields: [first_name]\n");
        assert!(!explicit.template);
        let block = ctx("template: yes\nmerge_fields:\n  - first_name\n  - recent_post\n");
        assert!(block.template);
        assert_eq!(block.declared_fields, vec!["first_name", "recent_post"]);
    }
}
