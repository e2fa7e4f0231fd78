//! How the professions in a team see each other: rounds of anonymous responses, gathered in
//! the room (the kiosk) or imported from a form's spreadsheet. No response holds a name.
//! The measures are in `analysis::perceptions`; their definitions in `docs/measures.md`.

use serde::{Deserialize, Serialize};

use super::team::{DisciplineId, Family, Team};

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
    /// Stored so no answer can be traced ([`protect`]): raters of small disciplines by family,
    /// responses shuffled. A round from a file written before this is protected on opening.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protected: bool,
    /// The instrument a relational round asked, kept with its answers so the round can be
    /// read without it; `None` for a round of the short form's first layout (ratings or
    /// pairwise choices).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<super::instrument::Instrument>,
    /// The label of the snapshot this round belongs with (a round run just before a
    /// restructure, with the snapshot taken then), so a before and after sit side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
}

/// One person's anonymous answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The rater's own discipline; `None` for "prefer not to say".
    pub rater: Option<DisciplineId>,
    /// With `rater` `None`: the rater's professional family, where their discipline was too
    /// small to store but their family was not (see [`protect`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater_family: Option<Family>,
    /// The side of the team's core the rater says they work on (asked against the team's
    /// core threshold); `None` where not asked, not said, or too few to keep (see
    /// [`protect`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// 1–5, or skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feel_valued: Option<u8>,
    pub answers: Answers,
}

/// Core or periphery, as a respondent says: the question asks whether they work at least
/// the team's core threshold in the team (see [`side_question`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Side {
    Core,
    Peripheral,
}

impl Side {
    pub const ALL: [Self; 2] = [Self::Core, Self::Peripheral];

    /// As the charts name the two sides.
    pub fn label(self) -> &'static str {
        match self {
            Self::Core => "Core",
            Self::Peripheral => "Periphery",
        }
    }

    /// A member's side by the team's own rule (explicit marks, or time in team).
    pub fn of(team: &Team, member: &super::team::Member) -> Self {
        if team.is_core(member) {
            Self::Core
        } else {
            Self::Peripheral
        }
    }
}

/// The question that asks a respondent's side, in the team's own terms: its core threshold
/// as a share of a full-time week.
pub fn side_question(team: &Team) -> String {
    format!(
        "Do you usually work {} in this team?",
        threshold_words(team.core_threshold)
    )
}

/// "at least half a full-time week", "at least 60 % of a full-time week".
pub fn threshold_words(threshold: f64) -> String {
    let share = (threshold * 100.0).round();
    if (share - 50.0).abs() < 0.5 {
        "at least half a full-time week".to_owned()
    } else if share >= 99.5 {
        "full time".to_owned()
    } else {
        format!("at least {share:.0} % of a full-time week")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Answers {
    /// For each discipline rated, its say and how its expertise is valued.
    Ratings(Vec<Rating>),
    /// Pairs of disciplines, each with the one chosen as having more say.
    Pairwise(Vec<Choice>),
    /// Answers to the round's instrument: an item not answered is not stored.
    Items(Vec<ItemAnswer>),
}

/// One answer to one of an instrument's items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemAnswer {
    /// The item's id in the round's instrument.
    pub item: String,
    /// The group asked about; `None` for an item about the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<DisciplineId>,
    /// On the item's scale; `None` for "I don't work with them".
    pub value: Option<u8>,
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
            Answers::Items(a) => a.iter().filter_map(|a| a.about).collect(),
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
            Answers::Items(answers) => {
                // An answer about `from` joins `to` unless the same item is answered about
                // `to` already; with `from` deleted, it goes.
                let answered_to: Vec<String> = answers
                    .iter()
                    .filter(|a| to.is_some() && a.about == to)
                    .map(|a| a.item.clone())
                    .collect();
                answers.retain(|a| {
                    a.about != Some(from) || (to.is_some() && !answered_to.contains(&a.item))
                });
                for a in answers.iter_mut() {
                    if a.about == Some(from) {
                        a.about = to;
                    }
                }
            }
        }
    }
}

/// Whether a 1–5 answer is in range.
pub fn on_scale(v: Option<u8>) -> bool {
    v.is_none_or(|v| SCALE.contains(&v))
}

/// Store a round so that nobody can trace an answer to a person (docs/measures.md,
/// "Perceptions"): a rater whose discipline has fewer members than the team's minimum group
/// is stored with their professional family, or with nothing ("Other") when the family is
/// small too. A side of the core is kept only where the team has at least the minimum on
/// it, and then the rater's discipline (or family) only where at least the minimum of its
/// members are on that side: the one part-time psychologist who says "periphery" is stored
/// as a psychologist no more. The responses are shuffled, so their order says nothing about
/// who answered when. Nothing records when each was given. Returns whether the round
/// changed in more than its order.
pub fn protect(round: &mut PerceptionRound, team: &Team) -> bool {
    use std::collections::HashMap;
    let range = super::validate::MIN_GROUP_SIZE_RANGE;
    let min = team.min_group_size.clamp(*range.start(), *range.end());
    // Members by discipline and by family, each on either side or both (`None`).
    let mut disciplines: HashMap<(DisciplineId, Option<Side>), usize> = HashMap::new();
    let mut families: HashMap<(Family, Option<Side>), usize> = HashMap::new();
    let mut sides: HashMap<Side, usize> = HashMap::new();
    for m in &team.members {
        let side = Side::of(team, m);
        *sides.entry(side).or_default() += 1;
        for s in [None, Some(side)] {
            *disciplines.entry((m.discipline, s)).or_default() += 1;
            if let Some(d) = team.discipline(m.discipline) {
                *families.entry((d.family, s)).or_default() += 1;
            }
        }
    }
    let family_of = |d: DisciplineId| team.discipline(d).map(|d| d.family);
    let mut changed = !round.protected;
    for r in &mut round.responses {
        if let Some(s) = r.side {
            if sides.get(&s).copied().unwrap_or(0) < min {
                r.side = None;
                changed = true;
            }
        }
        let big_family = |f: Family| {
            [None, r.side]
                .iter()
                .all(|s| families.get(&(f, *s)).copied().unwrap_or(0) >= min)
        };
        if let Some(d) = r.rater {
            let small = [None, r.side]
                .iter()
                .any(|s| disciplines.get(&(d, *s)).copied().unwrap_or(0) < min);
            if small {
                r.rater = None;
                r.rater_family = family_of(d).filter(|f| big_family(*f));
                changed = true;
            }
        } else if let Some(f) = r.rater_family {
            if !big_family(f) {
                r.rater_family = None;
                changed = true;
            }
        }
    }
    shuffle(&mut round.responses);
    round.protected = true;
    changed
}

/// Fisher–Yates with a seed the operating system chose for this process (std's hash keys):
/// unlike the analysis's fixed seeds, nobody can repeat it to undo the order.
fn shuffle<T>(items: &mut [T]) {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_usize(items.len());
    let mut state = hasher.finish();
    let mut next = move || {
        // SplitMix64.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
