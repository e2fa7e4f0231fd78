//! Workshop slides as the team file keeps them, and the names a workshop shows in place of
//! people's names. No egui here: the command line and the report use this too.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{LineManager, MemberId, Team};

/// One slide of a workshop presentation. The ids (kebab-case) are what the team file stores
/// and what exported pictures are called (`03-map-rings.png`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SlideId {
    Title,
    Map,
    MapRings,
    MapLadder,
    StatusLadder,
    Pay,
    Conditions,
    Quartiles,
    CorePeriphery,
    Composition,
    Outcomes,
    Lorenz,
    SeenVsGiven,
    SayByRater,
    SelfVsOthers,
    FeelValued,
    /// A relational round's matrix per round-robin factor.
    WorkingTogether,
    /// A relational round's team factors by group, with intervals.
    TeamClimate,
    /// A relational round against the one before it.
    RoundChange,
    /// What families say about the team working together, beside the staff's own view.
    Families,
    /// What changed since the latest snapshot: findings and slope charts.
    Changes,
    /// The map with the members who left as ghosts.
    ChangesMap,
}

impl SlideId {
    /// Every slide, in the order a new team presents them. The perception slides are left
    /// out of a presentation while the team has no responses ([`Presentation::for_team`]).
    pub const ALL: [Self; 22] = [
        Self::Title,
        Self::Changes,
        Self::ChangesMap,
        Self::MapRings,
        Self::MapLadder,
        Self::StatusLadder,
        Self::Pay,
        Self::Conditions,
        Self::CorePeriphery,
        Self::Quartiles,
        Self::Composition,
        Self::SeenVsGiven,
        Self::SayByRater,
        Self::SelfVsOthers,
        Self::FeelValued,
        Self::RoundChange,
        Self::TeamClimate,
        Self::WorkingTogether,
        Self::Families,
        Self::Outcomes,
        Self::Lorenz,
        Self::Map,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Title => "title",
            Self::Map => "map",
            Self::MapRings => "map-rings",
            Self::MapLadder => "map-ladder",
            Self::StatusLadder => "status-ladder",
            Self::Pay => "pay",
            Self::Conditions => "conditions",
            Self::Quartiles => "quartiles",
            Self::CorePeriphery => "core-periphery",
            Self::Composition => "composition",
            Self::Outcomes => "outcomes",
            Self::Lorenz => "lorenz",
            Self::SeenVsGiven => "seen-vs-given",
            Self::SayByRater => "say-by-rater",
            Self::SelfVsOthers => "self-vs-others",
            Self::FeelValued => "feel-valued",
            Self::WorkingTogether => "working-together",
            Self::TeamClimate => "team-climate",
            Self::RoundChange => "round-change",
            Self::Families => "families",
            Self::Changes => "changes",
            Self::ChangesMap => "changes-map",
        }
    }

    /// A short name for the slide list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Map => "Map: the team as drawn",
            Self::MapRings => "Map: core and periphery",
            Self::MapLadder => "Map: conditions ladder",
            Self::StatusLadder => "Chart: conditions ladder",
            Self::Pay => "Chart: pay by discipline",
            Self::Conditions => "Chart: conditions",
            Self::Quartiles => "Chart: pay quartiles",
            Self::CorePeriphery => "Chart: core and periphery",
            Self::Composition => "Chart: composition",
            Self::Outcomes => "Chart: Every Child Matters",
            Self::Lorenz => "Chart: pay inequality",
            Self::SeenVsGiven => "Chart: seen versus given",
            Self::SayByRater => "Chart: who gives whom a say",
            Self::SelfVsOthers => "Chart: own view and others'",
            Self::FeelValued => "Chart: how valued people feel",
            Self::WorkingTogether => "Chart: how the professions work together",
            Self::TeamClimate => "Chart: team climate by group",
            Self::RoundChange => "Chart: round against round",
            Self::Families => "Chart: what families say",
            Self::Changes => "Changes since the last snapshot",
            Self::ChangesMap => "Changes on the map",
        }
    }

    /// Whether the slide shows perception responses, and so has nothing on it until the
    /// team has some.
    pub fn needs_responses(self) -> bool {
        matches!(
            self,
            Self::SeenVsGiven | Self::SayByRater | Self::SelfVsOthers | Self::FeelValued
        )
    }

    /// Whether the slide shows a relational round (one of an instrument, or of ratings read
    /// as the short form), and so has nothing on it until the team has one; the round
    /// against round slide needs two of one instrument.
    pub fn needs_relational(self) -> bool {
        matches!(
            self,
            Self::WorkingTogether | Self::TeamClimate | Self::RoundChange
        )
    }

    /// Whether the slide shows service users' feedback, and so has nothing on it until the
    /// team has a round of it.
    pub fn needs_feedback(self) -> bool {
        matches!(self, Self::Families)
    }

    /// Whether the slide compares the team with its latest snapshot, and so has nothing on
    /// it until the team has one.
    pub fn needs_snapshot(self) -> bool {
        matches!(self, Self::Changes | Self::ChangesMap)
    }
}

/// Which slides a workshop shows, in order. A team file without it presents every slide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Presentation {
    pub slides: Vec<SlideId>,
    /// The discussion question of a slide, where the team replaced the default (kept out of
    /// the file while there is none).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub prompts: BTreeMap<SlideId, String>,
}

impl Default for Presentation {
    fn default() -> Self {
        Self {
            slides: SlideId::ALL.to_vec(),
            prompts: BTreeMap::new(),
        }
    }
}

impl Presentation {
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// The slides to show for `team`: the chosen ones, without the perception slides while
    /// the team has no responses, nor the relational ones without the rounds they need
    /// (slides with nothing on them), never none.
    pub fn for_team(&self, team: &Team) -> Vec<SlideId> {
        let has_responses = team.perceptions.iter().any(|r| !r.responses.is_empty());
        let has_snapshot = !team.snapshots.is_empty();
        let has_feedback = team.feedback.iter().any(|r| !r.responses.is_empty());
        // What each round was asked: its instrument, or the short form for one of ratings
        // (pairwise choices are no instrument's).
        let asked: Vec<&str> = team
            .perceptions
            .iter()
            .filter_map(|r| match &r.instrument {
                Some(i) => Some(i.name.as_str()),
                None => r
                    .responses
                    .iter()
                    .any(|x| matches!(x.answers, super::Answers::Ratings(_)))
                    .then_some("short form"),
            })
            .collect();
        let twice = asked
            .iter()
            .enumerate()
            .any(|(k, a)| asked[..k].contains(a));
        let shows = |s: SlideId| match s {
            SlideId::RoundChange => twice,
            s if s.needs_relational() => !asked.is_empty(),
            _ => true,
        };
        let mut out: Vec<SlideId> = self
            .chosen()
            .into_iter()
            .filter(|s| shows(*s))
            .filter(|s| !s.needs_responses() || has_responses)
            .filter(|s| !s.needs_snapshot() || has_snapshot)
            .filter(|s| !s.needs_feedback() || has_feedback)
            .collect();
        if out.is_empty() {
            out.push(SlideId::Title);
        }
        out
    }

    /// The slides to show: the chosen ones without repeats, or the title slide alone when
    /// none is chosen (a presentation is never empty).
    pub fn chosen(&self) -> Vec<SlideId> {
        let mut out: Vec<SlideId> = Vec::new();
        for s in &self.slides {
            if !out.contains(s) {
                out.push(*s);
            }
        }
        if out.is_empty() {
            out.push(SlideId::Title);
        }
        out
    }
}

/// What a workshop calls each member instead of their name: the job title where nobody else
/// has it, otherwise "Member N" with N the member's place in the team list (1-based).
pub fn display_labels(team: &Team) -> HashMap<MemberId, String> {
    let key = |t: &str| t.trim().to_lowercase();
    let mut title_count: HashMap<String, usize> = HashMap::new();
    for m in &team.members {
        *title_count.entry(key(&m.job_title)).or_default() += 1;
    }
    // A job title that is also somebody's name (filled in by mistake) would give it away.
    let names: std::collections::HashSet<String> =
        team.members.iter().map(|m| key(&m.name)).collect();
    team.members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let title = m.job_title.trim();
            let unique = !title.is_empty()
                && title_count.get(&key(title)) == Some(&1)
                && !names.contains(&key(title));
            let label = if unique {
                title.to_owned()
            } else {
                format!("Member {}", i + 1)
            };
            (m.id, label)
        })
        .collect()
}

/// What the room sees with names hidden: the team [`anonymised`], with its disciplines
/// regrouped so that each group shown meets `min_group` where it can (each discipline that
/// does, then the rest of each professional family; see [`super::families`]).
pub fn for_the_room(team: &Team, min_group: usize, by: super::families::GroupBy) -> Team {
    regrouped(&anonymised(team), min_group, by)
}

/// The team's disciplines regrouped as in [`for_the_room`], names kept: for comparing
/// versions, where members are matched by name across files and the comparison itself
/// names nobody.
pub fn regrouped(team: &Team, min_group: usize, by: super::families::GroupBy) -> Team {
    let range = super::validate::MIN_GROUP_SIZE_RANGE;
    let min = min_group.clamp(*range.start(), *range.end());
    super::families::regroup(team, min, by)
}

/// A copy of the team with no person's name left in it: members are called by
/// [`display_labels`], external line managers "External manager 1", "2"… and the notes
/// (free text that may name people) are dropped. Everything else, ids included, is kept,
/// so figures and layouts are exactly those of the real team.
pub fn anonymised(team: &Team) -> Team {
    let mut out = team.clone();
    let labels = display_labels(team);
    let names: std::collections::HashSet<String> = team
        .members
        .iter()
        .map(|m| m.name.trim().to_lowercase())
        .collect();
    let mut externals: Vec<String> = Vec::new();
    for m in &mut out.members {
        if let Some(label) = labels.get(&m.id) {
            m.name.clone_from(label);
        }
        // A job title is not a name, unless someone typed a name into it.
        if names.contains(&m.job_title.trim().to_lowercase()) {
            m.job_title.clear();
        }
        if let LineManager::External { name, .. } = &mut m.line_manager {
            let k = externals.iter().position(|n| n == name).unwrap_or_else(|| {
                externals.push(name.clone());
                externals.len() - 1
            });
            *name = format!("External manager {}", k + 1);
        }
    }
    out.notes.clear();
    out.description.clear();
    // Snapshots name people too: each is anonymised the same way (ids kept, so a
    // comparison still matches members), and called by its number, not its label.
    let mut relabel: Vec<(String, String)> = Vec::new();
    for (i, s) in out.snapshots.iter_mut().enumerate() {
        s.team = std::sync::Arc::new(anonymised(&s.team));
        let hidden = format!("Snapshot {}", i + 1);
        relabel.push((super::snapshot::label_key(&s.label), hidden.clone()));
        s.label = hidden;
        // The manager's note may name people; how service users were involved stays.
        s.involvement_note.clear();
    }
    // A round linked to a snapshot follows it to its number, so the two still pair.
    let hidden_label = |link: &mut Option<String>| {
        if let Some(l) = link.as_mut() {
            let key = super::snapshot::label_key(l);
            if let Some((_, hidden)) = relabel.iter().find(|(k, _)| *k == key) {
                hidden.clone_into(l);
            }
        }
    };
    for r in &mut out.perceptions {
        hidden_label(&mut r.snapshot);
    }
    // Families' free text and the names kept to check quotes stay with the manager; only the
    // quotes the manager picked, each checked against every name, go to the room.
    let check = super::feedback::QuoteCheck::of(team);
    for (r, original) in out.feedback.iter_mut().zip(&team.feedback) {
        hidden_label(&mut r.snapshot);
        // Checked again: a member who joined since a quote was picked may share a name in it.
        r.quotes.retain(|q| check.problem(original, q).is_none());
        r.names.clear();
        for x in &mut r.responses {
            x.comments.clear();
        }
    }
    out
}
