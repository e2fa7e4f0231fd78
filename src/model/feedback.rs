//! What children and families tell the team: rounds of service-user feedback, on the
//! Experience of Service Questionnaire (ESQ, CORC) or the NHS Friends and Family Test (FFT).
//! A round holds no respondent's id and no response's date, and its responses are kept in
//! an order of their own, so no answer can be traced to a family. Free text stays in the
//! manager's file; only quotes the manager picks, checked against names, reach a workshop.
//! The measures are in `analysis::feedback`; their definitions and sources in
//! `docs/measures.md`, "What families tell us".

use serde::{Deserialize, Serialize};

use super::team::Team;

/// Workshop-safe mode shows no figure from fewer responses than this (a team setting).
pub const DEFAULT_MIN_RESPONSES: usize = 5;

/// The ESQ's rated items, in the questionnaire's order: its number, the subscale the
/// publisher's scoring puts it in, and what it asks in Teamscape's own short words (the
/// questionnaire's wording is CORC's and is not copied here).
pub const ESQ_ITEMS: [(u8, Subscale, &str); 12] = [
    (1, Subscale::Care, "Listened to"),
    (2, Subscale::Care, "Easy to talk to"),
    (3, Subscale::Care, "Treated well"),
    (4, Subscale::Care, "Views and worries taken seriously"),
    (5, Subscale::Care, "Staff know how to help"),
    (6, Subscale::Care, "Help available explained"),
    (7, Subscale::Care, "Staff working together to help"),
    (8, Subscale::Environment, "Comfortable facilities"),
    (9, Subscale::Environment, "Appointments at convenient times"),
    (10, Subscale::Environment, "Easy to get to"),
    (11, Subscale::Care, "Would recommend to a friend"),
    (12, Subscale::Care, "Overall, the help is good"),
];

/// The two subscales of the ESQ's published scoring (see `docs/measures.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subscale {
    /// Satisfaction with care.
    Care,
    /// Satisfaction with the environment: the place, the times, the journey.
    Environment,
}

impl Subscale {
    pub const ALL: [Self; 2] = [Self::Care, Self::Environment];

    pub fn label(self) -> &'static str {
        match self {
            Self::Care => "Satisfaction with care",
            Self::Environment => "Satisfaction with environment",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Care => "care",
            Self::Environment => "environment",
        }
    }
}

/// The ESQ item that asks whether the people who saw the child worked together to help:
/// what the families say about the team working together.
pub const WORKING_TOGETHER_ITEM: u8 = 7;

/// The ESQ's three free-text questions, by the import's column names, in Teamscape's words.
pub const ESQ_COMMENTS: [(&str, &str); 3] = [
    ("liked", "What was really good"),
    ("improve", "What could be better"),
    ("other", "Anything else"),
];

/// One round: what one collection of feedback gathered, over a stretch of days.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackRound {
    /// "Families, spring 2026".
    pub label: String,
    pub kind: Kind,
    /// The first and last day a response was dated (YYYY-MM-DD); only the stretch is kept.
    pub from: String,
    pub to: String,
    pub responses: Vec<FeedbackResponse>,
    /// The snapshot this round belongs with (feedback gathered before a restructure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// Names the manager keeps for this round (children, parents, a school): a picked quote
    /// holding one of them is refused, as is one naming a team member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Comments the manager picked to quote in a workshop, each checked by [`quote_problem`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
    /// The team's own questionnaire, kept with its answers (a round of [`Kind::Own`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<super::instrument::Instrument>,
}

/// Which questionnaire a round asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Esq,
    Fft,
    /// The team's own short questionnaire: an instrument file of items about the service.
    Own,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Esq => "Experience of Service Questionnaire",
            Self::Fft => "Friends and Family Test",
            Self::Own => "team's own questionnaire",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Esq => "esq",
            Self::Fft => "fft",
            Self::Own => "own",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "esq" | "chi-esq" => Some(Self::Esq),
            "fft" => Some(Self::Fft),
            "own" => Some(Self::Own),
            _ => None,
        }
    }
}

/// The ESQ's forms: one for parents and carers, two for children and young people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Form {
    ParentCarer,
    YoungPerson,
    Child,
}

impl Form {
    pub const ALL: [Self; 3] = [Self::ParentCarer, Self::YoungPerson, Self::Child];

    pub fn label(self) -> &'static str {
        match self {
            Self::ParentCarer => "Parents and carers",
            Self::YoungPerson => "Young people (12–18)",
            Self::Child => "Children (9–11)",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::ParentCarer => "parent",
            Self::YoungPerson => "young person",
            Self::Child => "child",
        }
    }

    /// A form as a sheet or a CORC export may name it.
    pub fn parse(text: &str) -> Option<Self> {
        let t: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        match t.as_str() {
            "parent" | "carer" | "parent carer" | "parents" | "parent or carer" | "p"
            | "parent version" => Some(Self::ParentCarer),
            "young person" | "young people" | "12 18" | "yp" | "12 18 years" | "adolescent"
            | "12 to 18" => Some(Self::YoungPerson),
            "child" | "children" | "9 11" | "9 11 years" | "9 to 11" => Some(Self::Child),
            _ => None,
        }
    }
}

/// An ESQ answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EsqAnswer {
    Certainly,
    Partly,
    Not,
    DontKnow,
}

impl EsqAnswer {
    pub const ALL: [Self; 4] = [Self::Certainly, Self::Partly, Self::Not, Self::DontKnow];

    /// On 0–2: not true 0, partly true 1, certainly true 2; don't know is not scored.
    pub fn score(self) -> Option<u8> {
        match self {
            Self::Certainly => Some(2),
            Self::Partly => Some(1),
            Self::Not => Some(0),
            Self::DontKnow => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Certainly => "Certainly true",
            Self::Partly => "Partly true",
            Self::Not => "Not true",
            Self::DontKnow => "Don't know",
        }
    }

    /// Any case, spacing or apostrophe; `None` for a word that is none of the four.
    pub fn parse(text: &str) -> Option<Self> {
        match words(text).as_str() {
            "certainly true" | "certainly" => Some(Self::Certainly),
            "partly true" | "partly" => Some(Self::Partly),
            "not true" | "not" => Some(Self::Not),
            "don t know" | "dont know" | "do not know" => Some(Self::DontKnow),
            _ => None,
        }
    }
}

/// A Friends and Family Test answer, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum FftAnswer {
    VeryGood,
    Good,
    Neither,
    Poor,
    VeryPoor,
    DontKnow,
}

impl FftAnswer {
    pub const ALL: [Self; 6] = [
        Self::VeryGood,
        Self::Good,
        Self::Neither,
        Self::Poor,
        Self::VeryPoor,
        Self::DontKnow,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::VeryGood => "Very good",
            Self::Good => "Good",
            Self::Neither => "Neither good nor poor",
            Self::Poor => "Poor",
            Self::VeryPoor => "Very poor",
            Self::DontKnow => "Don't know",
        }
    }

    /// The answer words in any case, or 1–5 with 1 the best (the order NHS England lists
    /// them in), or "don't know".
    pub fn parse(text: &str) -> Option<Self> {
        match words(text).as_str() {
            "very good" | "1" => Some(Self::VeryGood),
            "good" | "2" => Some(Self::Good),
            "neither good nor poor" | "neither" | "3" => Some(Self::Neither),
            "poor" | "4" => Some(Self::Poor),
            "very poor" | "5" => Some(Self::VeryPoor),
            "don t know" | "dont know" | "do not know" => Some(Self::DontKnow),
            _ => None,
        }
    }
}

/// Lower case, every run of anything but letters and digits one space: "Don’t  Know" →
/// "don t know".
fn words(text: &str) -> String {
    let t: String = text
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One family's or young person's answers, with nothing that says who they are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedbackResponse {
    pub answers: Answers,
    /// Free text, by question (`liked`, `improve`, `other`, or `comment` for the FFT): the
    /// manager's to read, never a workshop's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub question: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answers {
    /// The form, and the twelve items in order (`None` where left empty).
    Esq {
        form: Form,
        items: Vec<Option<EsqAnswer>>,
    },
    /// The one rating, `None` where left empty.
    Fft(Option<FftAnswer>),
    /// Answers to the team's own items; an item left empty is not stored.
    Items(Vec<OwnAnswer>),
}

/// One answer to one of the team's own items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnAnswer {
    /// The item's id in the round's instrument.
    pub item: String,
    /// On the item's scale; `None` for "don't know".
    pub value: Option<u8>,
}

impl FeedbackRound {
    /// The forms the round's responses were given on, in [`Form::ALL`] order (none for the
    /// FFT).
    pub fn forms(&self) -> Vec<Form> {
        Form::ALL
            .into_iter()
            .filter(|f| {
                self.responses
                    .iter()
                    .any(|r| matches!(&r.answers, Answers::Esq { form, .. } if form == f))
            })
            .collect()
    }

    /// Put the responses in an order that says nothing (by their answers, then their
    /// comments), so the order a sheet listed them in, often by date, is not kept.
    pub fn shuffle(&mut self) {
        self.responses.sort_by(|a, b| {
            let key = |r: &FeedbackResponse| format!("{:?}{:?}", r.answers, r.comments);
            key(a).cmp(&key(b))
        });
    }

    /// Every comment, with its response's place in the round.
    pub fn comments(&self) -> impl Iterator<Item = &Comment> {
        self.responses.iter().flat_map(|r| &r.comments)
    }
}

/// A label for a new feedback round that no other has: `base`, or `base (2)`…
pub fn free_round_label(team: &Team, base: &str) -> String {
    super::snapshot::free_label(base, |l| {
        team.feedback
            .iter()
            .any(|r| super::snapshot::label_key(&r.label) == super::snapshot::label_key(l))
    })
}

/// Why a quote may not be shown in a workshop: it holds a team member's name (now or in a
/// snapshot) or one of the round's names, as a whole word, case aside. `None` when it may.
pub fn quote_problem(team: &Team, round: &FeedbackRound, quote: &str) -> Option<String> {
    QuoteCheck::of(team).problem(round, quote)
}

/// The parts of every team member's name (now and in the snapshots), read once, for checking
/// many quotes: a list of comments checks each against the same names.
pub struct QuoteCheck {
    /// Lower case → as written, for the reason given.
    parts: std::collections::HashMap<String, String>,
}

impl QuoteCheck {
    pub fn of(team: &Team) -> Self {
        let members = team
            .members
            .iter()
            .chain(team.snapshots.iter().flat_map(|s| &s.team.members));
        let mut parts = std::collections::HashMap::new();
        for m in members {
            // Each part of a name on its own: "Sarah" alone names Dr Sarah Khan in a small
            // team.
            for part in m.name.split(|c: char| !c.is_alphanumeric()) {
                let lower = part.to_lowercase();
                if part.chars().count() >= 2 && !TITLES.contains(&lower.as_str()) {
                    parts.entry(lower).or_insert_with(|| part.to_owned());
                }
            }
        }
        Self { parts }
    }

    /// See [`quote_problem`].
    pub fn problem(&self, round: &FeedbackRound, quote: &str) -> Option<String> {
        if quote.trim().is_empty() {
            return Some("the quote is empty".to_owned());
        }
        let said: Vec<String> = tokens(quote);
        let holds = |name: &str| {
            let name_tokens = tokens(name);
            !name_tokens.is_empty()
                && said
                    .windows(name_tokens.len())
                    .any(|w| w == name_tokens.as_slice())
        };
        if let Some(name) = round.names.iter().find(|n| holds(n)) {
            return Some(format!(
                "it holds “{}”, one of the names kept for this round",
                name.trim()
            ));
        }
        said.iter()
            .find_map(|w| self.parts.get(w))
            .map(|part| format!("it holds “{part}”, part of a team member's name"))
    }
}

/// Words that begin a name without naming anyone.
const TITLES: [&str; 8] = ["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"];

/// The words of a text, lower case, split at anything but letters and digits ("Jamie's" is
/// "jamie" and "s", so a possessive names as the name does).
fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How service users were involved in the change a snapshot marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Involvement {
    CoDesigned,
    Consulted,
    Informed,
    NotInvolved,
}

impl Involvement {
    pub const ALL: [Self; 4] = [
        Self::CoDesigned,
        Self::Consulted,
        Self::Informed,
        Self::NotInvolved,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::CoDesigned => "Co-designed with service users",
            Self::Consulted => "Service users consulted",
            Self::Informed => "Service users informed",
            Self::NotInvolved => "Service users not involved",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::CoDesigned => "co-designed",
            Self::Consulted => "consulted",
            Self::Informed => "informed",
            Self::NotInvolved => "not-involved",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|i| i.key() == words(text).replace(' ', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(names: &[&str]) -> FeedbackRound {
        FeedbackRound {
            label: "r".into(),
            kind: Kind::Fft,
            from: "2026-01-01".into(),
            to: "2026-01-31".into(),
            responses: Vec::new(),
            snapshot: None,
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            quotes: Vec::new(),
            instrument: None,
        }
    }

    #[test]
    fn a_quote_naming_a_member_or_a_kept_name_is_refused() {
        let mut team = crate::model::generate::synthetic_team(1, 1);
        team.members[0].name = "Dr Sarah Khan".to_owned();
        let r = round(&["Oakfield School", "Jamie"]);
        assert!(quote_problem(&team, &r, "Sarah really listened").is_some());
        assert!(quote_problem(&team, &r, "KHAN was great").is_some());
        assert!(quote_problem(&team, &r, "jamie's worker helped").is_some());
        assert!(quote_problem(&team, &r, "Jameson's worker helped").is_none());
        assert!(quote_problem(&team, &r, "Jamie got help").is_some());
        assert!(quote_problem(&team, &r, "the staff at oakfield school").is_some());
        assert!(quote_problem(&team, &r, "Oakfield was far").is_none());
        // A title alone names nobody; a word that only contains a name is not the name.
        assert!(quote_problem(&team, &r, "The dr was kind").is_none());
        assert!(quote_problem(&team, &r, "Sarahs").is_none());
        assert!(quote_problem(&team, &r, "They listened to us").is_none());
    }

    #[test]
    fn answers_are_read_in_any_case() {
        assert_eq!(EsqAnswer::parse(" Don’t Know "), Some(EsqAnswer::DontKnow));
        assert_eq!(
            EsqAnswer::parse("CERTAINLY TRUE"),
            Some(EsqAnswer::Certainly)
        );
        assert_eq!(EsqAnswer::parse("certianly true"), None);
        assert_eq!(FftAnswer::parse("1"), Some(FftAnswer::VeryGood));
        assert_eq!(
            FftAnswer::parse("Neither good nor poor"),
            Some(FftAnswer::Neither)
        );
        assert_eq!(FftAnswer::parse("6"), None);
        assert_eq!(Form::parse("Parent/Carer"), Some(Form::ParentCarer));
        assert_eq!(Form::parse("12-18"), Some(Form::YoungPerson));
    }
}
