//! The source text of the evidence checks' constant regexes, apart from the code that uses
//! them so that `build.rs` can parse them ahead of time (see `text::hirpack`): `prepare` gives
//! the exact source the evidence module compiles, and `all` lists every one.

/// Word characters for evidence patterns: ASCII letters and digits plus the Latin-1 and
/// Latin Extended letters names and places use. Unicode `\w` (hundreds of ranges) repeated
/// in bounded loops makes automata so large that the lazy DFA keeps clearing its cache and
/// every sentence falls back to a slow engine.
pub(crate) const EVIDENCE_WORD: &str = r"[0-9A-Za-z_\u{c0}-\u{24f}]";
/// Whitespace: masked text holds only ASCII spaces and line breaks.
pub(crate) const EVIDENCE_SPACE: &str = r"[ \t\r\n]";

/// The source an evidence regex is compiled from: `\\w` and `\\s` narrowed as above.
pub(crate) fn prepare(source: &str) -> String {
    source
        .replace(r"\w", EVIDENCE_WORD)
        .replace(r"\s", EVIDENCE_SPACE)
}

/// What looks like a detail but says nothing specific about the reader. Each is blanked out of
/// a sentence before its details are read.
const NOT_DETAILS: &[&str] = &[
    // A time box: "15 minutes", "2 hrs", "10-15 mins", "20 to 30 minutes".
    r"(?-u:\b)(?:\d+\s*(?:-|–|to|or)\s*)?\d+\s*(?:-|–)?\s*(?:min|mins|minutes?|hours?|hrs?|secs?|seconds?)(?-u:\b)",
    // A résumé line: "8+ years of experience", "10 years in the industry".
    r"(?-u:\b)\d+\+?\s*(?:years?|yrs?)\s+(?:of\s+)?(?:experience|expertise|in\s+(?:the|this)\s+(?:industry|field|space|business|sector))(?-u:\b)",
    // A year looked ahead to: "your hiring plans for 2025", "for Fall 2025 intake".
    r"(?-u:\b)(?:for|into|throughout|heading\s+into|ahead\s+of)\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:fall|spring|summer|winter|autumn|q[1-4]|h[12])\s+)?20\d\d(?-u:\b)",
    // A weekday offered for the call: "free Thursday or Friday", "works on Tuesday".
    r"(?-u:\b)(?:free|available|works?)\s+(?:on\s+|this\s+|next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+or\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)?(?-u:\b)",
    // A service offered on something of theirs: "a second opinion on your portfolio", "a free
    // audit of your website". The offer fits any reader.
    r"(?-u:\b)(?:second\s+opinion|(?:free\s+|quick\s+|full\s+)?(?:review|audit|health[\s-]check|assessment|look|teardown|valuation)|advice)\s+(?:on|of|at|for)\s+(?:your|ur)\s+(?:[\w-]+\s+)?(?:portfolio|pension|pensions|investments?|finances|website|site|shop|store|menu|listing|listings|profile|strategy|setup|stack|funnel|ads|campaigns?|property|home)(?-u:\b)",
    // A weekday put to the reader as a slot: "Does Thursday or Friday work?".
    r"(?-u:\b)(?:(?:this|next|on)\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+or\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)?\s+(?:work|works|suit|suits|(?:be|is)\s+(?:better|good|ok|okay|free))(?-u:\b)",
    // "a quick chat Thursday or Friday"; "our call on Monday" stays a detail.
    r"(?-u:\b)(?:call|chat|catch-up|catch\s+up|meeting|slot)\s+(?:this\s+|next\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+or\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)?(?-u:\b)",
    // A clock time: "at 10:00", "10.30am".
    r"(?-u:\b)\d{1,2}[:.]\d{2}\s*(?:am|pm)?(?-u:\b)",
    // An hour alone: "at 3pm".
    r"(?-u:\b)\d{1,2}\s*(?:am|pm)(?-u:\b)",
    // A phone number.
    r"\+?(?-u:\b)\d{1,4}[ .-]\d{3,4}[ .-]\d{3,5}(?:[ .-]\d{2,5})?(?-u:\b)",
    // The crowd they belong to: "in the Brussels policy community".
    r"(?-u:\b)(?:in|across|within|throughout)\s+the\s+(?-i:[A-Z][\w&.'’-]*)(?:\s+(?-i:[A-Z][\w&.'’-]*)){0,2}(?:\s+[a-z]+)?\s+(?:community|space|industry|sector|ecosystem|scene|world|market)(?-u:\b)",
    // The date of the writer's own earlier message: "my email from last week", "my note of
    // 4 June". It dates the nudge, not anything about the reader.
    r"(?-u:\b)(?:my|our)\s+(?:(?:last|previous|earlier|original|first|initial)\s+)?(?:email|e-mail|message|note|mail|inmail|letter|request)\s+(?:from|of|on|sent)\s+(?:last\s+(?:week|month)|yesterday|earlier\s+(?:this|last)\s+(?:week|month)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+|[a-z]+\s+\d{1,2}(?:st|nd|rd|th)?)(?-u:\b)",
    // Texted "to": "would love 2 pick ur brain", "keen 2 connect".
    r"(?-u:\b)(?:love|like|keen|want|need|hope|going|able|nice|great|good|happy|glad|free|open|eager|excited|looking|forward|reach|talk|chat|speak|connect|listen|come|go|get|try|tryna)\s+2(?-u:\b)",
    // The role a recruiter offers: "a great fit for a Staff SRE role on our team".
    r"(?-u:\b)(?:fit|match|candidate)\s+for\s+(?:a|an|the|our|this)\s+[^.!?\n]{0,40}?\s(?:role|position|opening|opportunity|job|vacancy)(?-u:\b)",
    // When the writer will chase: "I'll circle back next Tuesday", "follow up on Friday if I
    // don't hear back". It dates the writer's next nudge, not anything of the reader's.
    r"(?-u:\b)(?:circle\s+back|follow\s+up|check\s+in|check\s+back|ping\s+you|nudge\s+you|get\s+back\s+to\s+you|reach\s+out\s+again|try\s+(?:you\s+)?again|write\s+again)\s+(?:again\s+)?(?:on\s+|next\s+|this\s+|after\s+|before\s+|by\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?-u:\b)",
    // A month offered for the call: "hop on a quick call in January". It times the ask.
    r"(?-u:\b)(?:call|chat|catch-up|catch\s+up|meeting|coffee|zoom|sync)\s+(?:(?:early|late|later|sometime)\s+)?(?:in|during|this|next)\s+(?:(?:early|late|mid)[\s-]+)?(?:january|february|march|april|may|june|july|august|september|october|november|december|the\s+new\s+year)(?-u:\b)",
    // The writer's own named programme with its year: "our 2025 Giving Campaign", "my 2024
    // Spring Tour", "our Q3 Partner Summit". Its year and name are the sender's.
    r"(?-u:\b)(?:our|my)\s+(?:(?:19|20)\d\d|q[1-4](?:\s+20\d\d)?)\s+(?-i:[A-Z][\w&.'’-]*)(?:\s+(?-i:[A-Z][\w&.'’-]*)){0,3}",
    // A pleasantry about their employer: "that things are going great at Ortec".
    r"(?-u:\b)(?:things|everything|all|life|work)\s+(?:is|are|has\s+been|have\s+been)\s+(?:going\s+)?(?:great|well|good|smoothly|fine|busy)\s+(?:at|with|over\s+at|in)\s+(?:the\s+)?(?-i:[A-Z][\w&.'’-]*)(?:\s+(?-i:[A-Z][\w&.'’-]*)){0,3}",
    // Their employer named only as where they are busy: "what you're up to at the Ministry".
    r"(?-u:\b)what\s+(?:you're|you’re|you\s+are|you've\s+been|you’ve\s+been|your\s+team\s+is|you\s+all\s+are)\s+(?:up\s+to|doing|building|working\s+on|achieving)\s+(?:at|with|over\s+at|in)\s+(?:the\s+)?(?-i:[A-Z][\w&.'’-]*)(?:\s+(?-i:[A-Z][\w&.'’-]*)){0,3}",
    // A tenure from their profile: "5 years at Halden".
    r"(?-u:\b)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\+?[\s-]*(?:years?|yrs?)\s+(?:at|with|@)\s+(?:the\s+)?(?-i:[A-Z0-9][\w&.'’-]*)(?:\s+(?-i:[A-Z0-9&][\w&.'’-]*)){0,3}",
];

/// The one regex of every `NOT_DETAILS` part, case-insensitive.
pub(crate) fn not_details() -> String {
    format!("(?i){}", NOT_DETAILS.join("|"))
}

/// Declares each constant and the list of them all, so that a new one cannot be left out of
/// the list `build.rs` parses.
macro_rules! evidence_regexes {
    ($($(#[$doc:meta])* $name:ident = $source:literal;)*) => {
        $($(#[$doc])* pub(crate) const $name: &str = $source;)*

        /// Every constant evidence regex above, as written (before `prepare`), in the order
        /// of `Id`.
        pub(crate) const LISTED: &[&str] = &[$($name),*];

        /// Names each constant by its place in `LISTED`, so compiled regexes can be kept in
        /// one table.
        #[allow(non_camel_case_types, dead_code, clippy::upper_case_acronyms)]
        #[derive(Debug, Clone, Copy)]
        pub(crate) enum Id {
            $($name),*
        }
    };
}

/// Every constant evidence regex, as written (before `prepare`), `NOT_DETAILS` included.
// Read by build.rs (which includes this file) and by the tests.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn all() -> Vec<String> {
    let mut out: Vec<String> = LISTED.iter().map(|s| s.to_string()).collect();
    out.push(not_details());
    out
}

evidence_regexes! {
    /// Used by `evidence::without_vague_topics`.
    VAGUE_TOPIC = r"(?i)(?-u:\b)(?:hear|learn|know|find\s+out|talk|chat|speak)?\s*(?:(?:more|all)\s+)?(?:about|regarding|on)\s+(?:(?:your|ur)\s+(?:(?:career|professional|entrepreneurial|leadership|personal)\s+)?(?:journey|career|story|experience|experiences|background|path|career\s+path|success|goals|plans|world|expertise|insights?|thoughts|perspective|work|business|company|role|day-to-day|passion|vision)|what\s+(?:you|u)\s+do|what\s+(?:you(?:['’]re|\s+are)|ur|u\s+r)\s+(?:up\s+to|working\s+on|doing)(?:\s+these\s+days|\s+now|\s+lately)?|(?:you|u|yourself|each\s+other|things|life|everything|(?:the\s+)?same))(?:\s+(?:too|as\s+well|sometime|some\s+time|soon))?\s*(?:[.!?,;:)]|$|\s+(?:and|or|so|if|when|whenever|at\s+your\s+convenience)(?-u:\b))|(?-u:\b)(?:share|tell\s+(?:you|u)|show\s+(?:you|u))\s+(?:(?:a\s+(?:little|bit)|some|a\s+few\s+things)\s+)?(?:more\s+)?about\s+(?:our|my|what\s+(?:we|I)|how\s+(?:we|I)|the\s+(?:incredible|amazing|great|important|exciting|wonderful|meaningful)\s+(?:impact|work|things|difference))[^.!?,;:\n]*";

    /// Used by `evidence::role_at_employer`.
    ROLE_AT_EMPLOYER = r"(?i)(?-u:\b)(?:saw|see|seeing|noticed|notice|spotted)\s+(?:that\s+)?(?:(?:you(?:['’]re|\s+are)|ur|youre)\s+(?:now\s+|currently\s+)?(?:a|an|the)\s+[^.!?,;:—–\n]{1,60}?|(?:you|u)\s+(?:work|lead|run|manage|head\s+up)|(?:you|u)(?:['’]re|\s+are)\s+(?:now\s+)?(?:working|managing|leading|running|heading\s+up)(?:\s+[\w&/-]+){0,2}?|(?:you|u)(?:['’]re|\s+are)\s+now)\s+(?:over\s+)?(?:at|with|for)\s+(?:the\s+)?(?-i:[A-Z0-9][\w&.'’-]*)(?:\s+(?-i:[A-Z0-9&][\w&.'’-]*)){0,4}|^[^\p{L}\p{N}]*(?:[\w&/-]+\s+){0,3}?(?:manager|director|head|lead|officer|partner|engineer|analyst|consultant|editor|producer|designer|developer|scientist|nurse|teacher|principal|dean|chair|president|founder|counsel|associate|coordinator|specialist|adviser|advisor|architect|buyer|controller|planner|curator|CFO|CEO|CTO|COO|CMO|VP|[\w&/-]+\s+of\s+[\w&/-]+)\s+at\s+(?:the\s+)?(?-i:[A-Z0-9][\w&.'’-]*)(?:\s+(?-i:[A-Z0-9&][\w&.'’-]*)){0,4}\s+(?:is|was|sounds|feels|looks)\s+(?:like\s+)?(?:such\s+)?(?:a|an)\s+(?:(?:really|very|seriously)\s+)?(?:big|huge|massive|great|major|real|fantastic|amazing|brilliant)\s+(?:deal|step|move|win|one|leap|jump|role|fit|gig)[\s.!]*$";

    /// Used by `evidence::number`.
    NUMBER = r"(?-u:\b)\d[\d.,:%]*(?:st|nd|rd|th|k|m|x|%)?(?-u:\b)";

    /// The modal "May I" / "May we", which `evidence::has_month_or_day` sets aside.
    MODAL_MAY = r"(?-u:\b)May\s+(?:I|we|you|he|she|they|it|i|this|that|there)(?-u:\b)";

    /// Used by `evidence::month_or_day`.
    MONTH_OR_DAY = r"(?-u:\b)(?:March|April|May|June|July|August|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|weds|thurs|january|february|september|october|november|december)|yesterday|last (?:week|month|year|spring|summer|fall|autumn|winter|night|weekend))(?-u:\b)";

    /// Used by `evidence::quoted_title`.
    QUOTED_TITLE = r#"["“][^"“”\n]{2,80}\s[^"“”\n]{1,80}["”]"#;

    /// Used by `evidence::their_work`.
    THEIR_WORK = r#"(?i)(?-u:\b)(?:looked\s+at|had\s+a\s+look\s+at|checked\s+out|tried|forked|starred|read|used|ran)\s+[\w.-]*[a-z][\w.-]*\s+on\s+your\s+(?:github|gitlab|codeberg|blog|substack|site|website|channel|repo|page)(?-u:\b)[\s.,;:!?)]*|(?:the|that|this)\s+(?:[\w.-]+\s+){0,4}?(?:post|map|talk|article|paper|thread|deck|chart|write-?up|video|slides|report|guide|checklist|poster|demo|library|tool)\s+(?:you|u)\s+(?:posted|wrote|shared|gave|published|presented|made|built|shipped|ran|released|put\s+out)\s+|(?-u:\b)(?:we|I)\s+(?:use|used|have\s+been\s+using|rely\s+on|run|deploy|deployed)\s+(?:your|ur)\s+(?:[\w.-]+\s+){0,2}?(?:library|crate|package|tool|plugin|app|module|repo|gem|sdk|api|framework|extension|template|checklist|spreadsheet|model|dataset)\s+|(?-u:\b)(?:got|received|thanks for|reviewed|went through|read through)\s+(?:your|ur|yr)\s+(?:[\w.-]+\s+){0,2}?(?:quote|estimate|bid|drawings|submittal|proposal)\s*(?:for|on)\s+|(?-u:\b)(?:your|ur|yr)\s+(?:[\w.'’-]+\s+){0,4}?(?:post|posts|talk|talks|article|paper|papers|preprint|poster|podcast|book|chapter|thread|comment|answer|presentation|keynote|workshop|slides|deck|project|pr|prs|pull request|commit|fork|crate|package|plugin|extension|gem|module|notebook|dashboard|newsletter|video|episode|study|research|thesis|dissertation|blog|essay|write-?up|teardown|benchmark|library|repo|repository|tutorial|course|lecture|panel|session|demo|report|review|interview|piece|op-ed|column|work on|analysis|guide|chart|diagram|map|tool|app|open-source|patch|fix|issue|rfc|proposal|grant|spec|migration|rewrite|launch|survey|recipe|design|model|dataset|finding|findings|argument|point|take|framework|checklist|list|series|solution|submission|entry|case study|whitepaper|white paper|mural|exhibit|exhibition|album|film|documentary|photo|photos|photographs|speech|sermon|lesson|class|seminar|syllabus|bakery|menu|shop|score|soundtrack|song|single|EP|mixtape|playlist|arrangement|choreography|production|staging|collection|catalogue|installation|portfolio|game|level|notes|handout|handouts|textbook|teaser|showreel|reel|clip|livestream|vlog|illustration|illustrations|artwork|zine|comic|typeface|storyboard|animation|worksheet|rubric|lesson plan|scheme of work)(?-u:\b)\s*(?:on|about|at|in|from|for|to|into|where|when|titled|called|named|that|which|who|of|with|w/|by|[a-z]{3,}ing|reported|showed|argued|found|described|proposed|measured|compared|explained|covered|last|this|—|–|-|:|,)(?:\s+|$)|(?-u:\b)(?:your|ur)\s+(?-i:[A-Z][a-z]*[A-Z0-9][\w-]*)\s+(?:paper|papers|talk|talks|post|article|preprint|poster|keynote|workshop|slides|deck|thesis|notes|tutorial|lecture|demo|benchmark|write-?up)(?-u:\b)[\s.,;:!?)]*|(?-u:\b)(?:your|ur)\s+(?-i:[A-Z][\w'’-]+)\s+(?:trailer|reel|print|prints)(?-u:\b)[\s.,;:!?)]*|(?-u:\b)(?:read|saw|watched|heard|listened to|caught)\s+(?:the|a|an|that)\s+(?:[\w.-]+\s+){0,5}?(?:piece|article|interview|profile|feature|story|write-?up|segment|episode|coverage|spotlight|q&a)\s+(?:on|about|with|featuring)\s+(?:you|your|ur)(?-u:\b)\s*|(?-u:\b)(?:your|ur)\s+(?:[\w.-]+\s+){0,3}?(?:website|site|page|gallery|listing|brochure|menu|catalogue|homepage|shopfront|storefront|sign|signage)\s+(?:still\s+|currently\s+|now\s+|already\s+)?(?:shows|says|lists|mentions|describes|features|uses|has)\s+(?:the|a|an|two|three|four)\s+|(?-u:\b)(?:the|that|this)\s+(?:[\w.'’-]+\s+){1,4}?(?:in|from|of)\s+(?:your|ur)\s+(?:[\w.'’-]+\s+){0,2}?(?:post|talk|article|paper|thread|deck|slides|chart|write-?up|video|report|guide|poster|demo|newsletter|episode|podcast|keynote|workshop|thesis|preprint|book|chapter|lecture|tutorial)(?-u:\b)[\s.,;:!?)]*"#;

    /// Used by `evidence::picture_of`.
    PICTURE_OF = r"(?i)(?-u:\b)(?:saw|seen|loved|liked|spotted|enjoyed|caught)\s+(?:the|that|those|your|ur|yr)\s+(?:[\w-]+\s+){0,2}?(?:pic|pics|photo|photos|picture|pictures|video|videos|clip|clips|reel|reels|story|stories|snap|snaps)\s+of\s+(?:the|your|ur|yr|that|those|his|her|their|a|an)\s+[\w-]{3,}";

    /// Used by `evidence::reference_number`.
    REFERENCE_NUMBER = r"(?i)(?-u:\b)(?:(?:bid|rfp|rfq|rfi|itb|tender|solicitation|docket|permit|planning application)\s*(?:no\.?\s*|number\s+|#\s*)?[0-9][0-9A-Za-z/-]*|(?:issue|ticket|pr|pull request|bug)\s*#\s*[0-9]+|(?:tender|rfp|rfq|itt|invitation to tender|call for proposals|solicitation)\s+(?:for|on)\s+(?:the|your|its|their)\s+[\w-]+\s+[\w-]+)(?-u:\b)";

    /// Used by `evidence::visited_title`.
    VISITED_TITLE = r#"(?i)(?-u:\b)(?:I|we)\s+(?:visited|attended|saw|watched|read|heard|listened to|toured|went to|caught)\s+(?:the\s+|your\s+)?[“"][^”"\n]{3,80}[”"]|(?-u:\b)(?:I|we)\s+(?:just\s+|finally\s+|recently\s+)?(?:(?:played\s+through|ate\s+at|dined\s+at|had\s+(?:dinner|lunch|brunch|breakfast)\s+at)\s+[*_“"]*|played\s+[*_“"]+)(?-i:[A-Z])[\w'’-]+|(?-u:\b)(?:while|after|when)\s+playing\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:build|version|demo|beta|release|port)\s+of\s+[*_“"]*(?-i:[A-Z])[\w'’-]+|(?-u:\b)(?:I|we)\s+(?:\w+ly\s+|just\s+|finally\s+|also\s+)?(?:played|tried|watched|read|heard|finished|beat|completed|saw|listened\s+to|backed)\s+(?:the\s+|your\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s+(?:demo|beta|build|prototype|trailer|episode|album|EP|single|zine|comic|game|novel|film|short|mixtape|Kickstarter|podcast)(?-u:\b)"#;

    /// Used by `evidence::generic_subject`.
    GENERIC_SUBJECT = r"(?i)^(?:linkedin|here|this platform|the platform|social media|twitter|my feed|your profile|leadership|innovation|the industry|your industry|the future|success|growth|various|all things|many topics|different topics|a lot of|so many|the space|this space|your field|the field|a couple of|a few|one or two|some things|things|stuff|this|that|it)(?-u:\b)";

    /// Used by `evidence::deed_relative`.
    DEED_RELATIVE = r"(?i)(?-u:\b)(?:the|that|those|this|these)\s+((?:[\w.-]+\s+){0,4}?[\w-]+)\s+(?:you|u|you've|you’ve|you have|your (?:team|students|lab|group|crew|kids|class))\s+(?:just\s+|kindly\s+|once\s+)?((?:[a-z]{2,}ed)|built|wrote|made|gave|ran|led|drew|sent|taught|spent|found|brought|kept|took|put together|set up|sold|held|shot|sang|did|chose|began|maintain|maintains|run|runs|lead|direct|directs|teach|host|organi[sz]e|edit|manage|chair|coach|curate|moderate)(?-u:\b)";

    /// Used by `evidence::deed_direct`.
    DEED_DIRECT = r"(?i)(?:(?-u:\b)([\w'’]+)\s+)?you(?:'ve|’ve| have)?\s+(?:just\s+|also\s+|once\s+|kindly\s+|basically\s+|single-handedly\s+|personally\s+)?(?:re-)?((?:[a-z]{2,}ed)|built|wrote|made|gave|ran|led|drew|sent|taught|spent|found|brought|kept|took|put together|set up|sold|held|shot|sang|chose|fought|dug|swept|caught)\s+(the|a|an|that|this|those|these|our|my|me|us|it|them|his|her|their|some|every|each|two|three|four|five|six|\d[\w.,]*|[a-z]+ing)(?-u:\b)";

    /// Used by `evidence::congrats_on_work`.
    CONGRATS_ON_WORK = r"(?i)(?-u:\b)(?:congrats|congratulations|kudos|well done)\s+(?:again\s+)?(?:on|for)\s+(?:shipping|releasing|publishing|open-sourcing|merging|defending|submitting|finishing)\s+(?:(?:the|your|a|an|this)\s+)?(?:new\s+)?([\w.-]+)";

    /// Used by `evidence::shared_history`.
    SHARED_HISTORY = r"(?i)(?-u:\b)(?:we met|met you|meeting you|we spoke|we talked|(?:that|which)\s+(?:we|you and I)\s+(?:discussed|agreed|went through|went over|talked through|spoke about|talked about)\s+(?:on|at|during|over|after|in)\s|we chatted|spoke with you|talked with you|chatted with you|our (?:(?:hallway|quick|short|brief|long|great|lovely|recent|last|earlier|first|phone|video|zoom|coffee|lunch|booth|email|LinkedIn|DM|Slack|Discord)\s+){0,2}(?:chat|conversation|call|talk|exchange|meeting|time (?:at|on|in)|days (?:at|on|in)|years (?:at|on|in))|saw you (?:at|in|on|present|presenting|speak|speaking|talk|talking|give|giving|perform|performing|play|playing|demo|run|lead)|heard you|(?:the|that|those) [\w-]+ (?:we|you and I) (?:just )?(?:[a-z]{2,}ed|ran|built|wrote|did|saw|met|had|took|shot|sang|played|fought|caught) (?:[\w'’-]+\s+){0,4}?(?:at|in|on|during) (?:the\s+)?(?-i:[A-Z])|you were (?:(?:so|absolutely|totally|completely|quite|dead)\s+)?right (?:about|that|to)|we (?:split|argued|debated|swapped|traded|compared|queued|danced|got talking|started talking|ended up talking) (?:[\w'’-]+\s+){0,10}?(?:at|during|after) (?:the|that) |you (?:said|mentioned|told|asked|showed|suggested|recommended|gave|presented|spoke|answered|replied|wrote|shared|built|rebuilt|ran|led|published|open-sourced|launched)|(?:(?:i|i'll|i’ll|i\s+will|we)\s+)?(?:still\s+|always\s+|often\s+|will\s+always\s+)?(?:remember|recall|think\s+(?:back\s+)?(?:of|about))\s+(?:you\s+(?:[\w'’-]+\s+){0,4}?[a-z]+ing|when\s+you|the\s+(?:day|time|night|morning|afternoon|evening|week|weekend)\s+(?:(?:in|at|on|of|before|after)\s+[\w'’-]+\s+){0,2}?(?:when\s+|that\s+)?you|how\s+you)|never\s+(?:forget|forgot)\s+(?:you\s+[a-z]+ing|when\s+you|the\s+(?:day|time|night)\s+you|how\s+you)|sat next to|(?:was|were|sat|been|studied|worked|me|us|student|intern|I|we)\s+in your (?:class|course|session|workshop|seminar|lecture|lab|section|cohort|group|team|dorm|residency|bootcamp|squad|study group|reading group)|(?:took|audited|TA'd|TAed) your (?:class|course|seminar|lecture|workshop)|(?:thanks? (?:you )?(?:so much |again |also )?|thanked you (?:properly |enough |again )?)for (?:(?:the|your) (?:[\w-]+\s+)?(?:tip|tour|talk|session|demo|workshop|intro|introduction|walk|walkthrough|chat|call|coffee|lunch|dinner|drinks|beer|conversation|catch-up|tips|pointers|feedback|notes|reply|advice|help|book|recommendation|invite|invitation|ride|loan|hospitality|chat on|call on|advice on|reply on|notes? on)|leading|hosting|showing|organi[sz]ing|running|inviting|speaking at|(?:walking|showing|taking|having|hosting|helping|introducing|including|inviting|pointing|sending|telling|letting|giving|mentoring|teaching|meeting|seeing|joining|squeezing|fitting|covering|driving|feeding|putting up|lending|loaning|rescuing|saving|looking after|sorting|fixing|picking up|dropping|collecting|warning|referring) (?:me|us))|thanks? (?:you )?(?:so much |again )?for (?:sending|forwarding|passing on|passing along)(?:\s+(?:over|across|along|through))?\s+(?:the|your|that|those|this|these)\s+(?:[\w'’.-]+\s+){0,4}?(?-i:[A-Z0-9])[\w'’-]+|thanks? (?:you )?(?:so much |again )?for (?:publishing|writing up|maintaining|open-sourcing|releasing|documenting|building|recording|translating|digitising|digitizing) (?:the|your|that|those|this) [\w-]+|(?:great|good|lovely|nice) (?:to meet|meeting|seeing|talking|chatting|catching up)|(?:chatting|talking|speaking) (?:with|to) you (?:on|about|during|after|over) |your (?:reply|answer|question|comment|suggestion) (?:to|on|in|under|at|during|after)|(?:per|following|after|as per|based on|with) your (?:[\w-]+\s+)?(?:comments|notes|feedback|edits|markup|mark-up|steer) (?:this|last|yesterday|on|from|in|at)|we (?:both |all )?(?:sat|shared a|shared the|caught up|overlapped|collaborated|studied|roomed|carpooled|ran into|bumped into|were (?:in|on) the same|worked together|built [\w\s-]{1,40}?together|shipped [\w\s-]{1,60}?together)|we (?:\w+ed|built|wrote|ran|spent|taught|led|made|did|were|had|went) (?:[\w'’.-]+\s+){0,8}?together|when (?:we|you and I) (?:were|worked|met|last|first|both|studied|sat|shared|ran|overlapped)|(?:you and I|the two of us) (?:\w+ed|were|built|wrote|ran|spent|sat|shared|went|both)|(?:your|my) (?:old|former) (?:colleague|teammate|manager|boss|student|intern|classmate|roommate|mentor|TA|advisor|adviser|supervisor|team)|(?:as|was) your (?:student|intern|TA|mentee|report|teammate|classmate|tenant|neighbou?r|patient|client)|(?:same|joined your) (?:cohort|lab|dorm|residency|bootcamp|squad|study group|reading group)|fellow (?:[\w-]+\s+){0,3}?(?:alum|alumna|alumnus|alumni|grad|graduate)|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight)(?:'s|’s) (?:[\w-]+\s+){0,2}?(?:run|ride|hike|walk|swim|rehearsal|practice|practise|game|match|class|lesson|meetup|meeting|shift|service|standup|stand-up|session|workshop|training|club|choir|dinner|lunch|potluck|party|trip|shoot|gig|show|call|sync|retro|review|visit|clean-up|cleanup|delivery|pickup|pick-up|collection|install|installation|inspection|handover|pour|lift|load-in|viewing|appointment|survey|shipment))(?-u:\b)";

    /// Used by `evidence::congrats_on_named`.
    CONGRATS_ON_NAMED = r"(?i)(?-u:\b)(?:congrats|congratulations|kudos|well\s+done)(?:\s+again)?(?:\s+(?:on|for)|\s*,\s*[\w'’-]+\s*[—–:-]+|\s*[—–:-]+)\s+(?:the|your|ur)\s+((?:[\w'’-]+\s+){0,3}?)((?-i:\p{Lu})[\w'’-]*)";

    /// Used by `evidence::mutual_contact`.
    MUTUAL_CONTACT = r"(?-u:\b)(?:[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?\s+(?:mentioned|suggested|recommended|introduced|pointed me|told me|said|says|thought|thinks|speaks highly|spoke highly|put us in touch|passed along|shared your|forwarded|sent me|referred me|directed me|gave me your|passed me your|swears by)(?-u:\b)|(?i:(?:gave|passed|sent|forwarded|shared) me your (?:name|details|email|contact|number|address|info))|(?i:(?:at|on|per) )[A-Z][\p{L}'’-]+(?:'s|’s) (?i:suggestion|recommendation|advice|urging)|(?i:introduced (?:me )?(?:to you )?by|through our (?:mutual )?(?:friend|colleague)|our mutual (?:friend|colleague|contact)|(?:friend|colleague|classmate|teammate) of (?:mine|yours))\s+[A-Z]?)";

    /// Used by `evidence::about_reader`.
    ABOUT_READER = r"(?i)(?-u:\b)(?:you|your|yours|you're|you’re|you've|you’ve|u|ur|we met|met|saw|noticed|spotted|read|watched|heard|listened|tried|used|ran|filed|attended|followed|hope|hoping|hoped|congrats|congratulations|thanks|thank|kudos|well done|bravo|good luck|best of luck)(?-u:\b)";

    /// Used by `evidence::introduces_their_piece`.
    INTRODUCES_THEIR_PIECE = r"(?i)(?-u:\b)(?:congrats|congratulations|kudos|well done|thanks|thank you)(?-u:\b)[^.!?\n]{0,24}?(?-u:\b)(?:on|for)\s+(?:the|your|ur)\s+(?:[\w-]+\s+){0,2}?(?:paper|preprint|talk|keynote|post|article|book|thesis|study|report|piece|episode|essay|thread|poster|release|launch|series|album|exhibition|write-?up|presentation|lecture|review|chapter|film|show|award|prize|fellowship|grant)(?-u:\b)";

    /// Used by `evidence::crowd_like_you`.
    CROWD_LIKE_YOU = r"(?i)(?-u:\b)(?:companies|company|teams|team|firms|firm|people|folks|leaders|businesses|business|organi[sz]ations|brands|founders|professionals|others|clients|customers|agencies|startups|shops|stores|practices|clinics|schools|retailers|restaurants|hotels|dealerships|manufacturers|distributors|carriers|fleets|contractors|owners|operators|creators|coaches|investors|recruiters|someone|anyone)\s+(?:(?:just\s+)?like\s+(?:yours|you|yourself)|(?:of\s+)?(?:your|ur)\s+size)(?-u:\b)|(?-u:\b)(?:help|helps|helping|helped|serve|serves|serving|support|supports|supporting|with|for|other|many|busy|fellow)\s+(?:[\w-]+\s+)?[\w'’-]+s\s+(?:just\s+)?like\s+(?:yours|you|yourself)(?-u:\b)|(?-u:\b)(?:done|made|built)-for-you(?-u:\b)|(?-u:\b)(?:(?:you|u)\s+or\s+)?anyone\s+(?:you|u)\s+know(?-u:\b)|(?-u:\b)(?:I['’]m|I\s+am|im)\s+(?:your|ur)\s+(?:girl|guy|man|woman|person|go-to)(?-u:\b)";

    /// Used by `evidence::is_about_reader`.
    DEFERENTIAL_FORMULA = r"(?i)(?-u:\b)(?:under|for|with|of)\s+(?:your|ur)\s+(?:kind|able|esteemed|expert|valuable|valued|learned|good)\s+(?:guidance|supervision|perusal|consideration|reference|mentorship|attention|self)(?-u:\b)";

    /// Used by `evidence::is_about_reader`: "am used to running my own lists" is a habit of
    /// the sender's, not something of the reader's they used.
    HABIT_USED_TO = r"(?i)(?-u:\b)(?:am|i['’]m|are|we['’]re|is|was|were|get|got|getting|be|been|being)\s+(?:(?:so|very|quite|pretty|really|well|not|now|fully)\s+)?(?:used|accustomed)\s+to(?-u:\b)";

    /// Used by `evidence::has_merge_field`: the shapes of an unfilled merge field only
    /// ("[First Name]", "[SHOW NAME]", "{{company}}", "<Company>", "%FNAME%", "*|FNAME|*"), not
    /// every bracket ("[1]", "[sic]", "<tom@weldco.io>").
    MERGE_FIELD = r"\{\{[^}\n]*\}\}|\[(?:[A-Z][a-z]*|[A-Z]{2,})(?:[ _](?:[A-Z][a-z]*|[A-Z]{2,}))*\]|\[(?i:insert|your|their|first|last|company|event|name|recipient)[^\]\n]{0,30}\]|<<?[A-Z][A-Za-z_]*(?: [A-Z][A-Za-z_]*)*>>?|%[A-Z_]+%|\*\|[A-Z_]+\|\*";

    /// Used by `evidence::named_hope`.
    NAMED_HOPE = r"(?-u:\b)(?i:of|the|at|from|for|with|in|to|on)\s+Hope\s+(?:[A-XZ]|Y[a-np-z])[\w'’-]*|^\W*Hope(?:\s+[A-Z][\w'’-]*){1,4}\s+(?:(?:is|are|has|was)\s+(?:a|an|the)\s|(?:Trust|Foundation|Centre|Center|Alliance|Initiative|Project|Charity|Fund|Society|Association|Academy|Hospice)(?-u:\b))";

    /// Used by `evidence::placeholder_like`.
    PLACEHOLDER_LIKE = r"\{\{[^}]*\}\}|\{[\w.]+\}|\[[^\]\n]{1,40}\]|<[^>\n]{1,30}>|%[A-Z_]+%|\*?\|[A-Z_]+\|\*?|\$\{[^}]*\}|(?-u:\b)X{2,4}(?:/X{2,4}){0,2}(?-u:\b)";

    /// Used by `evidence::is_pitch_to_reader`.
    /// Besides "help you" and the like: a track record counted in clients ("we've helped 250+
    /// data teams cut ...") and an opportunity offered to the reader ("a real opportunity to
    /// unlock some savings for you too"), a benefit clause ("we provide paralegals ... so
    /// you can leverage top talent"), and a supplier's offer to brand their goods ("we can do
    /// custom printing up to 4 colours with your logo").
    IS_PITCH_TO_READER = r"(?i)(?-u:\b)(?:help|helps|helping|amplify|amplifying|boost|boosting|grow|growing|increase|increasing|scale|scaling|streamline|streamlining|supercharge|unlock|unlocking|transform|transforming)\s+(?:you|your|ur)(?-u:\b)|(?-u:\b)(?:we|we['’]ve|we\s+have)\s+(?:already\s+)?(?:helped|enabled|supported|served|worked\s+with|partnered\s+with)\s+(?:over\s+|more\s+than\s+|nearly\s+|almost\s+)?\d[\d,.]*\s*(?:\+|k\+?)?\s|(?-u:\b)(?:opportunity|chance|way)\s+to\s+(?:help|unlock|save|cut|boost|grow|drive|find|capture|deliver|create)\s+(?:[\w'’-]+\s+){0,4}for\s+(?:you|your|ur)(?-u:\b)|(?-u:\b)(?:so\s+(?:that\s+)?|allowing\s+|enabling\s+|letting\s+)(?:you|your\s+team)\s+(?:can|could|will|to|['’]ll)\s+(?:leverage|scale|focus|save|grow|cut|reduce|access|hire|tap|enjoy|boost|streamline|free\s+up|spend\s+more|concentrate)(?-u:\b)|(?-u:\b)(?:we|I)\s+(?:can|could|will)\s+(?:also\s+|easily\s+)?(?:do|offer|provide|supply|print|make|deliver|ship|customi[sz]e|brand)\s+(?:[\w'’-]+\s+){0,6}?(?:with|for)\s+(?:your|ur)\s+(?:logo|brand|branding)(?-u:\b)";

    /// Used by `evidence::is_pitch_to_reader`: a subject line or opening that is an order to
    /// grow something of theirs ("Boost your funding success in 2025").
    IMPERATIVE_PITCH = r"(?i)^[\s*_#>-]*(?:(?:subject|re|fwd?)\s*:[\s*_]*)?(?:boost|grow|scale|supercharge|unlock|transform|streamline|increase|double|triple|maximi[sz]e|skyrocket|10x)\s+(?:your|ur)(?-u:\b)";

    /// Used by `evidence::is_pitch_to_reader`, with `JOB_TERMS`: a job put to the reader, what
    /// they would do in it beside its pay or terms ("€140–165k base, 4 days remote, you would
    /// own the Sigma rule pipeline"). The conditional is the offer; "you'll lead the team" may
    /// be their new job.
    JOB_DUTY = r"(?i)(?-u:\b)you(?:\s+would|['’]d)\s+(?:own|lead|join|run|manage|report|work|be|get|have|build|drive|shape)(?-u:\b)";

    /// Used by `evidence::is_pitch_to_reader`, with `JOB_DUTY`: a job's pay or terms.
    JOB_TERMS = r"(?i)(?-u:\b)(?:base|salary|OTE|equity|bonus|remote|hybrid|relocation|sponsorship|per\s+annum)(?-u:\b)|[£$€]\s?\d|(?-u:\b)\d+\s?[kK](?-u:\b)";

    /// Used by `evidence::is_said_to_reader`: a sentence that opens on what the writer offers
    /// to do ("I can walk floors 3 and 4 with you next week").
    WRITER_OFFER = r"(?i)^\W*(?:I|we)(?:\s+(?:can|could|will|would|shall)|['’](?:ll|d))\s";

    /// Used by `evidence::is_pitch_to_reader`: what a question that sells asks about ("Would a
    /// 20% cut in AWS spend be worth 15 minutes?", "Is cutting onboarding time by 40% a
    /// priority?", "Would it make sense to show how Northwind saved 300 hours?").
    VALUE_QUESTION = r"(?i)(?-u:\b)(?:worth\s+(?:a|an|\d+|five|ten|fifteen|twenty|your)|(?:a|the|your)\s+(?:top\s+|real\s+)?priority|make\s+sense|(?:show|walk)\s+(?:you\s+)?(?:how|what|through)|(?:cut|cutting|save|saving|reduce|reducing|boost|boosting|grow|growing|increase|increasing|double|doubling)\s+(?:[\w-]+\s+){0,3}?by\s+(?:up\s+to\s+)?\d|interested\s+in|open\s+to|demo)(?-u:\b)";

    /// Used by `evidence::company_voice`.
    COMPANY_VOICE = r"(?i)(?-u:\b)(?:we|we're|we’re|we've|we’ve|we'd|we’d|our|ours|us)(?-u:\b)";

    /// Used by `evidence::is_joint_question`.
    IS_JOINT_QUESTION = r"(?i)(?-u:\b)(?:can|could|shall|should|would|will|do|did|may|might)\s+we\s+(?:(?:just|quickly|briefly|maybe|perhaps)\s+)?([\w'’-]+)";

    /// Used by `evidence::is_indirect_question`.
    INDIRECT_QUESTION = r"(?i)^\W*(?:we|I)(?:['’]d\s+like|\s+(?:(?:still|just|only|really)\s+)?(?:need|want|would\s+like))\s+to\s+(?:know|confirm|check|find\s+out|understand|clarify)\s+(?:whether|if|which|how\s+(?:many|much)|when|where)(?-u:\b)";

    /// Used by `evidence::is_self_introduction`.
    IS_SELF_INTRODUCTION = r"(?i)(?-u:\b)(?:introduce myself|(?:to|for)\s+introduc(?:e|ing)\s+(?:our|my)\s+(?:company|firm|agency|business|services|team|organi[sz]ation|startup|brand|product)|my name(?:'s|’s| is)|(?:i'm|i’m|i am|im|this is) (?-i:[A-Z])[\w'’-]+,? (?:from|at|with|of|here)|(?:here|over) at (?-i:[A-Z]))";

    /// Used by `evidence::sender_clause_start`.
    SENDER_CLAUSE_START = r"(?i)(?-u:\b)(?:(?:i'm|i’m|im|i am)\s+(?:a|an|currently\s+an?|now\s+an?)|as\s+an?|(?:i'm|i’m|im|i am)\s+(?:(?:always|also|currently|really)\s+)?(?:looking|trying|hoping|keen|eager|aiming)\s+to|(?:while|when)\s+(?:i\s+was\s+)?(?:looking|searching|browsing|scrolling|researching)\s+(?:at|for|through|into|on)|(?:we're|we’re|we\s+are)\s+(?:currently\s+|also\s+|now\s+)?(?:growing|hiring|building|expanding|scaling|launching)|i\s+(?:also\s+|currently\s+|now\s+|still\s+|once\s+|previously\s+)?(?:coach|coached|run|ran|teach|taught|manage|managed|lead|led|own|owned|organi[sz]e|organi[sz]ed|volunteer|volunteered|study|studied|work|worked)|(?:i'm|i’m|im|i am)\s+(?:also\s+|currently\s+|now\s+|still\s+)?(?:coaching|running|teaching|managing|leading|organi[sz]ing|volunteering|studying|working|graduating|finishing|relocating|moving|applying|job\s+hunting)|(?:i've|i’ve|ive|i\s+have|i)\s+(?:just\s+|recently\s+)?(?:started\s+(?:as|at|heading|leading|running|managing|working|a\s+new)|joined\s+(?-i:[A-Z])\w*|begun\s+(?:as|at|working)|taken\s+over|stepped\s+into))\s[^,;:]*?(?:,\s*(?:always|also|really|currently|just)?\s*(?:tryna|trying\s+to|looking\s+to|keen\s+to|hoping\s+to)\s[^,;:]*?)?(?:(?:,\s*|\s+)(?:and|so|but)(?:\s+[\w'’]+){0,5}\s*|,\s*)$";

    /// Used by `evidence::sender_clause_after`.
    SENDER_CLAUSE_AFTER = r"(?i)(?-u:\b)(?:i'm|i’m|im|i am)\s+(?:a|an|currently\s+an?|now\s+an?|(?:(?:always|also|very|really|so|currently)\s+)*(?:happy|keen|eager|looking|interested|passionate|excited|trying|hoping)\s+to)\s[^,;:]*?(?:[,;:]|\s(?:and|so|but)\s|$)";

    /// Used by `evidence::sender_clause_after`: a recruiter's fit pitch, to the end of the
    /// sentence.
    FIT_PITCH = r"(?i)(?-u:\b)(?:and\s+|so\s+)?(?:(?:I\s+)?(?:think|believe|feel|reckon|know)\s+(?:that\s+)?)?(?:you|u)(?:['’]d|\s+would|\s+could|\s+might|\s+may|['’]ll|\s+will)\s+(?:also\s+)?(?:be|make)\s+(?:an?\s+|the\s+)?(?:(?:really|very|truly|perfect|great|good|strong|ideal|excellent|fantastic|brilliant|natural|amazing)\s+)+(?:(?:fit|match|candidate|addition)\s+)?for\s[^.!?;]*";

    /// Used by `evidence::fit_pitch_after`: where a fit pitch turns back to the reader.
    FIT_PITCH_END = r"(?i)\s(?:given|after|because|since|as|with|from)\s+(?:your|ur)(?-u:\b)";

    /// Used by `evidence::reader_word`.
    READER_WORD = r"(?i)(?-u:\b)(?:you|your|yours|ur|u)(?-u:\b)";

    /// Used by `evidence::names_a_length`.
    NAMES_A_LENGTH = r"(?i)(?-u:\b)(?:(?:\d+|five|ten|fifteen|twenty|thirty|forty-five)\s*-?\s*(?:min|mins|minute|minutes)|half\s+an\s+hour|half-hour)(?-u:\b)";
}
