//! Workshop slides as the team file keeps them, and the names a workshop shows in place of
//! people's names. No egui here: the command line and the report use this too.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{LineManager, MemberId, Team};

/// One of the charts, by what it shows: the charts view draws it, and a slide can show it
/// ([`SlideId::Chart`]). Declared in the order the charts view lists them: [`ChartId::all`]
/// iterates them from the derive, so a chart added here is in the view, the help,
/// `--view chart:ID`, the slides and the slide chooser; the compiler asks for its name,
/// labels, row and place in a deck below.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, strum::EnumIter)]
pub enum ChartId {
    #[default]
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
}

impl ChartId {
    /// Every chart, in the order they are declared.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    /// The id used by `--view chart:<id>`, by the team file's slide list and by exported
    /// pictures (`03-pay.png`).
    pub fn id(self) -> &'static str {
        match self {
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
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::all().find(|c| c.id() == id)
    }

    /// Which row of the charts view the chart sits in: 0 what the data says about
    /// conditions, 1 how the professions see each other, 2 how they work together.
    pub fn row(self) -> usize {
        match self {
            Self::SeenVsGiven | Self::SayByRater | Self::SelfVsOthers | Self::FeelValued => 1,
            Self::WorkingTogether | Self::TeamClimate | Self::RoundChange | Self::Families => 2,
            _ => 0,
        }
    }

    /// Its tab in the charts view.
    pub fn label(self) -> &'static str {
        match self {
            Self::StatusLadder => "Conditions ladder",
            Self::Pay => "Pay by discipline",
            Self::Conditions => "Conditions",
            Self::Quartiles => "Pay quartiles",
            Self::CorePeriphery => "Core and periphery",
            Self::Composition => "Composition",
            Self::Outcomes => "Outcomes framework",
            Self::Lorenz => "Pay inequality",
            Self::SeenVsGiven => "Seen versus given",
            Self::SayByRater => "Who gives whom a say",
            Self::SelfVsOthers => "Own view and others'",
            Self::FeelValued => "How valued people feel",
            Self::WorkingTogether => "Group by group",
            Self::TeamClimate => "Team climate",
            Self::RoundChange => "Round against round",
            Self::Families => "What families say",
        }
    }

    /// Its name in the slide list, which says more than a tab beside its row.
    pub fn slide_label(self) -> &'static str {
        match self {
            Self::StatusLadder => "Chart: conditions ladder",
            Self::Pay => "Chart: pay by discipline",
            Self::Conditions => "Chart: conditions",
            Self::Quartiles => "Chart: pay quartiles",
            Self::CorePeriphery => "Chart: core and periphery",
            Self::Composition => "Chart: composition",
            Self::Outcomes => "Chart: outcomes framework",
            Self::Lorenz => "Chart: pay inequality",
            Self::SeenVsGiven => "Chart: seen versus given",
            Self::SayByRater => "Chart: who gives whom a say",
            Self::SelfVsOthers => "Chart: own view and others'",
            Self::FeelValued => "Chart: how valued people feel",
            Self::WorkingTogether => "Chart: how the professions work together",
            Self::TeamClimate => "Chart: team climate by group",
            Self::RoundChange => "Chart: round against round",
            Self::Families => "Chart: what families say",
        }
    }

    /// Where a new team's deck shows it, after the maps' slides and before the team as
    /// drawn: what the data says first, then how the professions see each other and work
    /// together, what families say, and the outcomes and pay inequality last.
    fn place_in_deck(self) -> u8 {
        match self {
            Self::StatusLadder => 0,
            Self::Pay => 1,
            Self::Conditions => 2,
            Self::CorePeriphery => 3,
            Self::Quartiles => 4,
            Self::Composition => 5,
            Self::SeenVsGiven => 6,
            Self::SayByRater => 7,
            Self::SelfVsOthers => 8,
            Self::FeelValued => 9,
            Self::RoundChange => 10,
            Self::TeamClimate => 11,
            Self::WorkingTogether => 12,
            Self::Families => 13,
            Self::Outcomes => 14,
            Self::Lorenz => 15,
        }
    }
}

/// One slide of a workshop presentation: a map, a chart, or one of the slides of its own.
/// The team file keeps each by its id (kebab-case, a chart's own id), which also names
/// exported pictures (`03-map-rings.png`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SlideId {
    Title,
    Map,
    MapRings,
    MapLadder,
    Chart(ChartId),
    /// What changed since the latest snapshot: findings and slope charts.
    Changes,
    /// The map with the members who left as ghosts.
    ChangesMap,
}

/// The slides that are not a chart, by id.
const OWN_SLIDES: [(SlideId, &str); 6] = [
    (SlideId::Title, "title"),
    (SlideId::Map, "map"),
    (SlideId::MapRings, "map-rings"),
    (SlideId::MapLadder, "map-ladder"),
    (SlideId::Changes, "changes"),
    (SlideId::ChangesMap, "changes-map"),
];

impl SlideId {
    /// Every slide, in the order a new team presents them: the title, the slides of change,
    /// the maps, every chart in its place, and the team as drawn. The perception slides are
    /// left out of a presentation while the team has no responses
    /// ([`Presentation::for_team`]).
    pub fn all() -> Vec<Self> {
        let mut charts: Vec<ChartId> = ChartId::all().collect();
        charts.sort_by_key(|c| c.place_in_deck());
        [
            Self::Title,
            Self::Changes,
            Self::ChangesMap,
            Self::MapRings,
            Self::MapLadder,
        ]
        .into_iter()
        .chain(charts.into_iter().map(Self::Chart))
        .chain([Self::Map])
        .collect()
    }

    pub fn id(self) -> &'static str {
        match self {
            Self::Chart(c) => c.id(),
            own => OWN_SLIDES
                .iter()
                .find(|(s, _)| *s == own)
                .map_or("", |(_, id)| id),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        OWN_SLIDES
            .iter()
            .find(|(_, i)| *i == id)
            .map(|(s, _)| *s)
            .or_else(|| ChartId::from_id(id).map(Self::Chart))
    }

    /// A short name for the slide list.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Map => "Map: the team as drawn",
            Self::MapRings => "Map: core and periphery",
            Self::MapLadder => "Map: conditions ladder",
            Self::Chart(c) => c.slide_label(),
            Self::Changes => "Changes since the last snapshot",
            Self::ChangesMap => "Changes on the map",
        }
    }

    /// Whether the slide shows perception responses, and so has nothing on it until the
    /// team has some.
    pub fn needs_responses(self) -> bool {
        matches!(self, Self::Chart(c) if c.row() == 1)
    }

    /// Whether the slide shows a relational round (one of an instrument, or of ratings read
    /// as the short form), and so has nothing on it until the team has one; the round
    /// against round slide needs two of one instrument.
    pub fn needs_relational(self) -> bool {
        matches!(
            self,
            Self::Chart(ChartId::WorkingTogether | ChartId::TeamClimate | ChartId::RoundChange)
        )
    }

    /// Whether the slide shows service users' feedback, and so has nothing on it until the
    /// team has a round of it.
    pub fn needs_feedback(self) -> bool {
        matches!(self, Self::Chart(ChartId::Families))
    }

    /// Whether the slide compares the team with its latest snapshot, and so has nothing on
    /// it until the team has one.
    pub fn needs_snapshot(self) -> bool {
        matches!(self, Self::Changes | Self::ChangesMap)
    }
}

/// Kept in files by its id, as a bare identifier (`pay`, `r#map-rings`), as when every
/// slide was a variant of its own: files written before charts were a slide's payload read
/// the same, and write the same.
impl Serialize for SlideId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let index = Self::all().iter().position(|s| s == self).unwrap_or(0);
        serializer.serialize_unit_variant("SlideId", index as u32, self.id())
    }
}

impl<'de> Deserialize<'de> for SlideId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SlideId;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a slide id such as title, map-rings or pay")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<SlideId, E> {
                SlideId::from_id(id).ok_or_else(|| E::unknown_variant(id, slide_ids()))
            }
            fn visit_enum<A: serde::de::EnumAccess<'de>>(
                self,
                data: A,
            ) -> Result<SlideId, A::Error> {
                use serde::de::VariantAccess as _;
                let (Identifier(id), variant) = data.variant()?;
                variant.unit_variant()?;
                self.visit_str(&id)
            }
        }
        /// A variant's name, read as formats read identifiers (RON has no string here).
        struct Identifier(String);
        impl<'de> Deserialize<'de> for Identifier {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Name;
                impl serde::de::Visitor<'_> for Name {
                    type Value = Identifier;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a slide id")
                    }
                    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Identifier, E> {
                        Ok(Identifier(v.to_owned()))
                    }
                }
                d.deserialize_identifier(Name)
            }
        }
        deserializer.deserialize_enum("SlideId", slide_ids(), Visitor)
    }
}

/// Every slide's id, for serde's messages.
fn slide_ids() -> &'static [&'static str] {
    static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| SlideId::all().into_iter().map(SlideId::id).collect())
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
            slides: SlideId::all(),
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
            SlideId::Chart(ChartId::RoundChange) => twice,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_chart_is_a_slide_once_and_every_slide_reads_back_by_its_id() {
        let all = SlideId::all();
        for chart in ChartId::all() {
            let times = all.iter().filter(|s| **s == SlideId::Chart(chart)).count();
            assert_eq!(times, 1, "{chart:?}");
        }
        assert_eq!(all.len(), OWN_SLIDES.len() + ChartId::all().count());
        for slide in &all {
            assert_eq!(SlideId::from_id(slide.id()), Some(*slide), "{slide:?}");
        }
        let mut ids: Vec<&str> = all.iter().map(|s| s.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len(), "two slides share an id");
    }

    #[test]
    fn a_new_deck_keeps_its_order() {
        // The order of every deck before slides referred to charts: files that list no
        // slides present this way, so it is pinned.
        let ids: Vec<&str> = SlideId::all().into_iter().map(SlideId::id).collect();
        assert_eq!(
            ids,
            [
                "title",
                "changes",
                "changes-map",
                "map-rings",
                "map-ladder",
                "status-ladder",
                "pay",
                "conditions",
                "core-periphery",
                "quartiles",
                "composition",
                "seen-vs-given",
                "say-by-rater",
                "self-vs-others",
                "feel-valued",
                "round-change",
                "team-climate",
                "working-together",
                "families",
                "outcomes",
                "lorenz",
                "map",
            ]
        );
    }
}
