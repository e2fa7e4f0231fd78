//! How the professions in a team see each other: rounds of anonymous responses, gathered in
//! the room (the kiosk) or imported from a form's spreadsheet. No response holds a name.
//! The measures are in `analysis::perceptions`; their definitions in `docs/measures.md`.

use serde::{Deserialize, Serialize};

use super::team::DisciplineId;

/// The lowest and highest answer on every 1–5 question.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// The questions, as the kiosk and the form ask them.
pub const FEEL_VALUED_QUESTION: &str = "How valued do you feel in this team?";
pub const SAY_QUESTION: &str =
    "How much say does this profession have in decisions about children here?";
pub const VALUED_QUESTION: &str = "How much is this profession's expertise valued in this team?";
/// Said before the per-discipline questions: the round asks for the team's view.
pub const ASK_FOR_THE_TEAMS_VIEW: &str =
    "Answer with what colleagues here generally think, not only your own view.";
pub const PAIRWISE_QUESTION: &str =
    "Which of these two professions has more say in decisions about children here?";

/// One round: a label, a date and its responses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PerceptionRound {
    /// "Away day, March 2026".
    pub label: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub responses: Vec<Response>,
}

/// One person's anonymous answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The rater's own discipline; `None` for "prefer not to say".
    pub rater: Option<DisciplineId>,
    /// 1–5, or skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feel_valued: Option<u8>,
    pub answers: Answers,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answers {
    /// For each discipline rated, its say and how its expertise is valued.
    Ratings(Vec<Rating>),
    /// Pairs of disciplines, each with the one chosen as having more say.
    Pairwise(Vec<Choice>),
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub discipline: DisciplineId,
    /// 1–5, or skipped.
    pub say: Option<u8>,
    /// 1–5, or skipped.
    pub valued: Option<u8>,
}

/// One pairwise choice: `higher` was chosen over `lower` as having more say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub higher: DisciplineId,
    pub lower: DisciplineId,
}

impl Response {
    /// Every discipline the response refers to, as rater or rated.
    pub fn disciplines(&self) -> impl Iterator<Item = DisciplineId> + '_ {
        let rated: Vec<DisciplineId> = match &self.answers {
            Answers::Ratings(r) => r.iter().map(|r| r.discipline).collect(),
            Answers::Pairwise(c) => c.iter().flat_map(|c| [c.higher, c.lower]).collect(),
        };
        self.rater.into_iter().chain(rated)
    }

    /// After a discipline is merged into another (`to`), or deleted (`None`): the rater
    /// joins it or becomes "prefer not to say"; ratings of it are dropped where the response
    /// already rates `to`; choices between the two are dropped.
    pub fn merge_discipline(&mut self, from: DisciplineId, to: Option<DisciplineId>) {
        if self.rater == Some(from) {
            self.rater = to;
        }
        match &mut self.answers {
            Answers::Ratings(ratings) => {
                let has_to = to.is_some_and(|t| ratings.iter().any(|r| r.discipline == t));
                ratings.retain(|r| r.discipline != from || (to.is_some() && !has_to));
                for r in ratings.iter_mut() {
                    if r.discipline == from {
                        if let Some(t) = to {
                            r.discipline = t;
                        }
                    }
                }
            }
            Answers::Pairwise(choices) => {
                for c in choices.iter_mut() {
                    if let Some(t) = to {
                        if c.higher == from {
                            c.higher = t;
                        }
                        if c.lower == from {
                            c.lower = t;
                        }
                    }
                }
                choices.retain(|c| c.higher != c.lower && c.higher != from && c.lower != from);
            }
        }
    }
}

/// Whether a 1–5 answer is in range.
pub fn on_scale(v: Option<u8>) -> bool {
    v.is_none_or(|v| SCALE.contains(&v))
}
