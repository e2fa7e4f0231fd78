//! Two versions of a team side by side: who joined, who left, what changed for whom, who
//! moved between the core and the edge, and each discipline's figures before and after.
//!
//! Figures are compared in absolute terms only (headcount, FTE, pounds, days, the autonomy
//! scale). The conditions index is relative to each version's own team, so the same index
//! can mean different conditions in two versions: it is never compared (see [`INDEX_NOTE`]).
//!
//! With names hidden ([`Comparison::of`] with `Some(min_group)`), nobody is named, a
//! discipline's figures follow the report's withholding rules in each version (the
//! workshop-safe analysis), and findings speak only of disciplines shown in both versions.

// FxHash: member ids are small integers, and SipHash was a third of the comparison's time.
use rustc_hash::FxHashMap as HashMap;

use std::fmt::Write as _;

use serde::Serialize;

mod findings;
mod render;

pub use render::{render, table_rows};

use super::{analyse_one, report, DisciplineFigures, GroupFigures};
use crate::format::{count, money};
use crate::model::{AgencyId, DisciplineId, LineManager, Member, MemberId, Pay, PayScaleId, Team};

/// Why the conditions index is not compared.
pub const INDEX_NOTE: &str = "The conditions index is not compared: it places each discipline against the rest of its own team, so the same index in two versions can stand for different pay, leave and training.";

/// A change in time in team smaller than this (FTE) is not a finding.
const FTE_STEP: f64 = 0.1;
/// A change in central pay smaller than this share is not a finding.
const PAY_STEP: f64 = 0.02;
const DAYS_STEP: f64 = 1.0;
const AUTONOMY_STEP: f64 = 0.25;

/// How a member of one version was found in the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchRule {
    /// The same member id: two versions of one file (a snapshot and now).
    Id,
    /// The same name and discipline: files that do not share ids.
    Name,
}

impl MatchRule {
    pub fn label(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Name => "name",
        }
    }
}

/// Whether two versions' member ids mean the same people.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ids {
    /// Two versions of one file (a snapshot and now, two snapshots): an id is a person, and
    /// nobody is matched by name.
    Shared,
    /// Two team files: ids are taken where most of them belong to the same people (one file
    /// copied from the other), and then only for a pair with the same name; the rest are
    /// matched by name and discipline.
    Check,
    /// A spreadsheet on either side: its ids were made up when it was read (rows numbered
    /// from 1), so members are matched by name and discipline only.
    Absent,
}

/// A field's value, as the CSV header contract names and holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Money(f64),
    /// Not recorded (an empty cell).
    Missing,
}

impl Value {
    fn text(s: &str) -> Self {
        if s.trim().is_empty() {
            Self::Missing
        } else {
            Self::Text(s.to_owned())
        }
    }

    fn number(v: Option<f64>) -> Self {
        v.map_or(Self::Missing, Self::Number)
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Text(s) => f.write_str(s),
            Self::Number(v) => write!(f, "{v}"),
            Self::Money(v) => f.write_str(&money(*v)),
            Self::Missing => f.write_str("none"),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Text(t) => s.serialize_str(t),
            Self::Number(v) | Self::Money(v) => s.serialize_f64(*v),
            Self::Missing => s.serialize_none(),
        }
    }
}

/// One field that differs: its CSV column name, and the old and new values.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

/// A member as the comparison names them.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberRef {
    /// The id in the version the member is listed from (the new one, except for removals).
    pub id: MemberId,
    pub name: String,
    pub discipline: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    pub old: MemberId,
    pub new: MemberId,
    pub matched_by: MatchRule,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChangedMember {
    pub member: MemberRef,
    pub matched_by: MatchRule,
    pub fields: Vec<FieldChange>,
}

/// A discipline's figures in one version. Every figure is `None` where that version's
/// analysis withheld it (names hidden) or has no data.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Side {
    pub headcount: usize,
    pub team_fte: Option<f64>,
    pub median_salary: Option<f64>,
    pub mean_salary: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_autonomy: Option<f64>,
    /// Share of the discipline's members in the core, 0 to 1.
    pub core_share: Option<f64>,
    /// Names hidden and the group under the minimum size: only the headcount is shown.
    pub withheld: bool,
}

impl Side {
    /// `hidden`: figures from the workshop-safe analysis, whose `withhold` has already
    /// emptied every figure it withholds.
    fn of(hidden: bool, g: &GroupFigures) -> Self {
        if g.suppressed {
            return Self {
                headcount: g.headcount,
                withheld: true,
                ..Self::default()
            };
        }
        Self {
            headcount: g.headcount,
            team_fte: Some(g.team_fte),
            // With names hidden the mean is shown, never the median: a median is one
            // person's pay (as in the report).
            median_salary: if hidden { None } else { g.median_salary },
            mean_salary: g.mean_salary,
            mean_leave_days: g.mean_leave_days,
            mean_training_days: g.mean_training_days,
            mean_autonomy: g.mean_autonomy,
            core_share: (g.headcount > 0).then(|| g.core as f64 / g.headcount as f64),
            withheld: false,
        }
    }

    /// The pay figure compared: the median, or the mean with names hidden.
    pub fn central_salary(&self, hidden: bool) -> Option<f64> {
        if hidden {
            self.mean_salary
        } else {
            self.median_salary
        }
    }
}

/// One measure of [`Side`], for tables and slope charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Headcount,
    TeamFte,
    Pay,
    Leave,
    Training,
    Autonomy,
    CoreShare,
}

impl Measure {
    pub const ALL: [Self; 7] = [
        Self::Headcount,
        Self::TeamFte,
        Self::Pay,
        Self::Leave,
        Self::Training,
        Self::Autonomy,
        Self::CoreShare,
    ];

    pub fn label(self, hidden: bool) -> &'static str {
        match self {
            Self::Headcount => "Headcount",
            Self::TeamFte => "Time in team (FTE)",
            Self::Pay if hidden => "Mean full-time pay",
            Self::Pay => "Median full-time pay",
            Self::Leave => "Mean leave days",
            Self::Training => "Mean training days",
            Self::Autonomy => "Mean autonomy (1–5)",
            Self::CoreShare => "Share in the core",
        }
    }

    pub fn value(self, side: &Side, hidden: bool) -> Option<f64> {
        match self {
            Self::Headcount => Some(side.headcount as f64),
            Self::TeamFte => side.team_fte,
            Self::Pay => side.central_salary(hidden),
            Self::Leave => side.mean_leave_days,
            Self::Training => side.mean_training_days,
            Self::Autonomy => side.mean_autonomy,
            Self::CoreShare => side.core_share,
        }
    }

    /// The value as a table cell: `£37,338`, `1.5`, `60%`.
    pub fn format(self, v: f64) -> String {
        match self {
            Self::Headcount => format!("{v:.0}"),
            Self::Pay => money(v),
            Self::CoreShare => format!("{:.0}%", v * 100.0),
            Self::TeamFte | Self::Leave | Self::Training | Self::Autonomy => format!("{v:.1}"),
        }
    }

    /// A change as a table cell: `+0.5`, `−£1,200`, `+10 points`.
    pub fn format_change(self, d: f64) -> String {
        let sign = if d < 0.0 { "−" } else { "+" };
        let a = d.abs();
        match self {
            Self::Headcount => format!("{sign}{a:.0}"),
            Self::Pay => format!("{sign}{}", money(a)),
            Self::CoreShare => format!("{sign}{:.0} points", a * 100.0),
            _ => format!("{sign}{a:.1}"),
        }
    }
}

/// A discipline in the two versions, matched by name (case aside). `None` on a side where
/// the discipline has no members.
#[derive(Clone, Debug, PartialEq)]
pub struct DisciplineChange {
    pub name: String,
    pub old: Option<Side>,
    pub new: Option<Side>,
    /// Names hidden: measures withheld (on one side or both) because fewer than the minimum
    /// group of the discipline's members differ in them between the versions, or between
    /// one of them and another version the room may see. The difference of the two figures
    /// would otherwise show what changed for those few.
    pub withheld: Vec<Measure>,
}

impl DisciplineChange {
    /// New minus old, where both versions have the figure.
    pub fn change(&self, m: Measure, hidden: bool) -> Option<f64> {
        Some(m.value(self.new.as_ref()?, hidden)? - m.value(self.old.as_ref()?, hidden)?)
    }
}

/// The team in one version.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// What the version is called: "Before the merger (14 March 2026)", "Now", a file name.
    pub title: String,
    pub name: String,
    pub headcount: usize,
    pub team_fte: f64,
    pub core: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub old: Summary,
    pub new: Summary,
    /// `Some(minimum group size)` with names hidden.
    pub hidden: Option<usize>,
    /// Whether any members were matched by id.
    pub ids_shared: bool,
    /// Sorted by name (as are the other lists).
    pub added: Vec<MemberRef>,
    pub removed: Vec<MemberRef>,
    pub changed: Vec<ChangedMember>,
    pub moved_to_core: Vec<MemberRef>,
    pub moved_to_periphery: Vec<MemberRef>,
    /// Every matched pair, changed or not (the map places each member by it).
    pub pairs: Vec<Pair>,
    /// Sorted by name.
    pub disciplines: Vec<DisciplineChange>,
    pub findings: Vec<String>,
}

fn key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One version's names by id, built once: looking each up in the team's lists would make
/// comparing two 10,000-member versions quadratic (every line manager is a search).
struct Lookup<'a> {
    team: &'a Team,
    members: HashMap<MemberId, &'a Member>,
    disciplines: HashMap<DisciplineId, &'a str>,
    agencies: HashMap<AgencyId, &'a str>,
    /// Full-time pay of each pay point, by scale and point name.
    points: HashMap<(PayScaleId, &'a str), f64>,
}

impl<'a> Lookup<'a> {
    fn of(team: &'a Team) -> Self {
        Self {
            team,
            members: team.members.iter().map(|m| (m.id, m)).collect(),
            disciplines: team
                .disciplines
                .iter()
                .map(|d| (d.id, d.name.as_str()))
                .collect(),
            agencies: team
                .agencies
                .iter()
                .map(|a| (a.id, a.name.as_str()))
                .collect(),
            points: team
                .pay_scales
                .iter()
                .flat_map(|s| {
                    s.points
                        .iter()
                        .map(move |p| ((s.id, p.name.as_str()), p.salary))
                })
                .collect(),
        }
    }

    /// [`Team::fte_salary`], without searching the scales.
    fn salary(&self, m: &Member) -> Option<f64> {
        match &m.pay {
            Pay::Salary(s) => Some(*s),
            Pay::Point { scale, point } => self.points.get(&(*scale, point.as_str())).copied(),
        }
    }

    fn discipline(&self, m: &Member) -> &'a str {
        self.disciplines.get(&m.discipline).copied().unwrap_or("?")
    }

    fn agency(&self, id: AgencyId) -> &'a str {
        self.agencies.get(&id).copied().unwrap_or("")
    }

    fn member(&self, id: MemberId) -> Option<&'a Member> {
        self.members.get(&id).copied()
    }
}

/// Whether two teams share member ids: most ids in both belong to the same person (name,
/// or discipline and a job title). Files made apart (two spreadsheets) number members from 1
/// each, so their ids collide without meaning anything.
pub fn ids_shared(old: &Team, new: &Team) -> bool {
    shared_in(&Lookup::of(old), &Lookup::of(new))
}

fn shared_in(old: &Lookup, new: &Lookup) -> bool {
    let (mut common, mut agree) = (0usize, 0usize);
    for a in &old.team.members {
        if let Some(b) = new.member(a.id) {
            common += 1;
            let same_role = !a.job_title.trim().is_empty()
                && old.discipline(a) == new.discipline(b)
                && key(&a.job_title) == key(&b.job_title);
            if key(&a.name) == key(&b.name) || same_role {
                agree += 1;
            }
        }
    }
    common > 0 && agree * 2 >= common
}

/// Match members: by id where the versions share ids (across files, only where the names
/// agree too), then the rest by name and discipline, except within one file.
fn match_members(old: &Lookup, new: &Lookup, ids: Ids) -> Vec<Pair> {
    let by_id = match ids {
        Ids::Shared => true,
        Ids::Check => shared_in(old, new),
        Ids::Absent => false,
    };
    let names_must_agree = ids != Ids::Shared;
    let (old_lookup, new_lookup) = (old, new);
    let (old, new) = (old.team, new.team);
    let mut pairs = Vec::new();
    let mut old_done = vec![false; old.members.len()];
    let mut new_done = vec![false; new.members.len()];
    if by_id {
        let position: HashMap<MemberId, usize> = new
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        for (i, a) in old.members.iter().enumerate() {
            if let Some(&j) = position.get(&a.id) {
                if names_must_agree && key(&a.name) != key(&new.members[j].name) {
                    continue;
                }
                old_done[i] = true;
                new_done[j] = true;
                pairs.push(Pair {
                    old: a.id,
                    new: a.id,
                    matched_by: MatchRule::Id,
                });
            }
        }
    }
    // Within one file an id is the person: a leaver and a joiner are never paired, even if
    // they share a name (or, with names hidden, the same "Member 6").
    if ids == Ids::Shared {
        return pairs;
    }
    // Name and discipline; two people of one name in one discipline pair in list order.
    let mut waiting: HashMap<(String, String), Vec<usize>> = HashMap::default();
    for (j, b) in new.members.iter().enumerate().rev() {
        if !new_done[j] {
            waiting
                .entry((key(&b.name), key(new_lookup.discipline(b))))
                .or_default()
                .push(j);
        }
    }
    for (i, a) in old.members.iter().enumerate() {
        if old_done[i] {
            continue;
        }
        let k = (key(&a.name), key(old_lookup.discipline(a)));
        if let Some(j) = waiting.get_mut(&k).and_then(Vec::pop) {
            pairs.push(Pair {
                old: a.id,
                new: new.members[j].id,
                matched_by: MatchRule::Name,
            });
        }
    }
    pairs
}

/// The fields of the CSV header contract, for one member, in [`crate::model::csv::COLUMNS`]
/// order. Only the pay point's name and its scale are compared for a member on a scale (with
/// the salary the point gives).
fn fields(v: &Lookup, m: &Member) -> [(&'static str, Value); 19] {
    let team = v.team;
    let (scale, point) = match &m.pay {
        Pay::Salary(_) => (String::new(), String::new()),
        Pay::Point { scale, point } => (
            team.pay_scale(*scale)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            point.clone(),
        ),
    };
    let (manager, manager_agency) = match &m.line_manager {
        LineManager::NoManager => (String::new(), String::new()),
        LineManager::Member(id) => (
            v.member(*id).map(|b| b.name.clone()).unwrap_or_default(),
            String::new(),
        ),
        LineManager::External { name, agency: a } => (name.clone(), v.agency(*a).to_owned()),
    };
    [
        ("name", Value::text(&m.name)),
        ("job_title", Value::text(&m.job_title)),
        ("discipline", Value::text(v.discipline(m))),
        ("agency", Value::text(v.agency(m.agency))),
        ("salary", v.salary(m).map_or(Value::Missing, Value::Money)),
        ("pay_scale", Value::text(&scale)),
        ("pay_point", Value::text(&point)),
        ("fte", Value::Number(m.fte)),
        ("team_share", Value::Number(m.team_share)),
        ("leave_days", Value::number(m.leave_days)),
        (
            "years_of_service",
            Value::number(m.years_of_service.map(f64::from)),
        ),
        ("training_days", Value::number(m.training_days)),
        ("training_budget", Value::number(m.training_budget)),
        (
            "autonomy",
            Value::number(m.autonomy.map(|a| f64::from(a.level()))),
        ),
        ("contract", Value::text(m.contract.label())),
        (
            "co_located",
            Value::text(if m.co_located { "yes" } else { "no" }),
        ),
        ("membership", Value::text(m.membership.label())),
        ("line_manager", Value::text(&manager)),
        ("line_manager_agency", Value::text(&manager_agency)),
    ]
}

#[allow(clippy::float_cmp, clippy::many_single_char_names)] // exact: any change is a change
fn field_changes(old: &Lookup, a: &Member, new: &Lookup, b: &Member) -> Vec<FieldChange> {
    // Most pairs are unchanged: compare the data first, and only then build the values.
    let same_line_manager = match (&a.line_manager, &b.line_manager) {
        (LineManager::Member(x), LineManager::Member(y)) => {
            old.member(*x).map(|m| &m.name) == new.member(*y).map(|m| &m.name)
        }
        (
            LineManager::External { name: x, agency: p },
            LineManager::External { name: y, agency: q },
        ) => x == y && old.agency(*p) == new.agency(*q),
        (x, y) => x == y,
    };
    let quick_same = a.name == b.name
        && a.job_title == b.job_title
        && a.fte == b.fte
        && a.team_share == b.team_share
        && a.leave_days == b.leave_days
        && a.years_of_service == b.years_of_service
        && a.training_days == b.training_days
        && a.training_budget == b.training_budget
        && a.autonomy == b.autonomy
        && a.contract == b.contract
        && a.co_located == b.co_located
        && a.membership == b.membership
        && same_line_manager
        && old.discipline(a) == new.discipline(b)
        && old.agency(a.agency) == new.agency(b.agency)
        && old.salary(a) == new.salary(b)
        && (matches!((&a.pay, &b.pay), (Pay::Salary(_), Pay::Salary(_))) || a.pay == b.pay);
    if quick_same {
        return Vec::new();
    }
    fields(old, a)
        .into_iter()
        .zip(fields(new, b))
        .filter(|((_, x), (_, y))| x != y)
        .map(|((field, old), (_, new))| FieldChange { field, old, new })
        .collect()
}

fn member_ref(v: &Lookup, m: &Member) -> MemberRef {
    MemberRef {
        id: m.id,
        name: m.name.clone(),
        discipline: v.discipline(m).to_owned(),
    }
}

fn sort(list: &mut [MemberRef]) {
    list.sort_by_cached_key(|m| (key(&m.name), m.id));
}

/// Who joined, left, changed and moved, sorted by name.
struct MemberChanges {
    ids_shared: bool,
    pairs: Vec<Pair>,
    changed: Vec<ChangedMember>,
    added: Vec<MemberRef>,
    removed: Vec<MemberRef>,
    moved_to_core: Vec<MemberRef>,
    moved_to_periphery: Vec<MemberRef>,
}

fn member_changes(old_v: &Lookup, new_v: &Lookup, ids: Ids) -> MemberChanges {
    let pairs = match_members(old_v, new_v, ids);
    let ids_shared = pairs.iter().any(|p| p.matched_by == MatchRule::Id);

    let mut changed = Vec::new();
    let mut moved_to_core = Vec::new();
    let mut moved_to_periphery = Vec::new();
    for p in &pairs {
        let (Some(a), Some(b)) = (old_v.member(p.old), new_v.member(p.new)) else {
            continue;
        };
        let fields = field_changes(old_v, a, new_v, b);
        if !fields.is_empty() {
            changed.push(ChangedMember {
                member: member_ref(new_v, b),
                matched_by: p.matched_by,
                fields,
            });
        }
        match (old_v.team.is_core(a), new_v.team.is_core(b)) {
            (false, true) => moved_to_core.push(member_ref(new_v, b)),
            (true, false) => moved_to_periphery.push(member_ref(new_v, b)),
            _ => {}
        }
    }
    let old_matched: rustc_hash::FxHashSet<MemberId> = pairs.iter().map(|p| p.old).collect();
    let new_matched: rustc_hash::FxHashSet<MemberId> = pairs.iter().map(|p| p.new).collect();
    let mut removed: Vec<MemberRef> = old_v
        .team
        .members
        .iter()
        .filter(|m| !old_matched.contains(&m.id))
        .map(|m| member_ref(old_v, m))
        .collect();
    let mut added: Vec<MemberRef> = new_v
        .team
        .members
        .iter()
        .filter(|m| !new_matched.contains(&m.id))
        .map(|m| member_ref(new_v, m))
        .collect();
    for list in [
        &mut added,
        &mut removed,
        &mut moved_to_core,
        &mut moved_to_periphery,
    ] {
        sort(list);
    }
    changed.sort_by_cached_key(|m| (key(&m.member.name), m.member.id));
    MemberChanges {
        ids_shared,
        pairs,
        changed,
        added,
        removed,
        moved_to_core,
        moved_to_periphery,
    }
}

impl Comparison {
    /// Compare `old` with `new`, each with its title. `ids`: whether their member ids mean
    /// the same people. `hidden`: names hidden, with this minimum group size; then
    /// `also_seen` are the other versions the room may see (now, every snapshot), and a
    /// figure is withheld where it differs from one of them in fewer than the minimum of
    /// its members, since the two figures together would show theirs.
    pub fn of(
        old: (&str, &Team),
        new: (&str, &Team),
        ids: Ids,
        hidden: Option<usize>,
        also_seen: &[&Team],
    ) -> Self {
        let (old_title, old_team) = old;
        let (new_title, new_team) = new;
        // A file can hold an out-of-range minimum: protection never drops below the least
        // that hides anyone (as in the workshop-safe analysis).
        let range = crate::model::validate::MIN_GROUP_SIZE_RANGE;
        let hidden = hidden.map(|m| m.clamp(*range.start(), *range.end()));
        // With names shown, only the disciplines' figures are needed; with names hidden,
        // the workshop-safe analysis decides what each version may show.
        let figures = |t: &Team| match hidden {
            Some(_) => analyse_one(t, hidden).disciplines,
            None => super::discipline_figures(t),
        };
        let (old_v, new_v) = (Lookup::of(old_team), Lookup::of(new_team));
        // The disciplines' figures on the other core while this one matches the members:
        // each is about half of the time for two 10,000-member versions.
        let ((d_old, d_new), members) = std::thread::scope(|scope| {
            let both = || (figures(old_team), figures(new_team));
            let job = std::thread::Builder::new().spawn_scoped(scope, both);
            let members = member_changes(&old_v, &new_v, ids);
            let figures = match job {
                Ok(job) => job.join().unwrap_or_else(|_| both()),
                Err(_) => both(),
            };
            (figures, members)
        });
        let MemberChanges {
            ids_shared,
            pairs,
            changed,
            added,
            removed,
            moved_to_core,
            moved_to_periphery,
        } = members;

        let summary = |title: &str, t: &Team| Summary {
            title: title.to_owned(),
            name: t.name.clone(),
            headcount: t.members.len(),
            team_fte: t.team_fte(),
            core: t.members.iter().filter(|m| t.is_core(m)).count(),
        };
        let mut disciplines = discipline_changes(&d_old, &d_new, hidden.is_some());
        if let Some(min) = hidden {
            for (measure, name) in few_differ(&old_v, &new_v, &pairs, min) {
                withhold(&mut disciplines, &name, measure, true, true);
            }
            // Against every other version the room may see, by id where that version
            // shares them (another file's snapshots do not).
            for other in also_seen {
                let other_v = Lookup::of(other);
                for (side, is_old) in [(&old_v, true), (&new_v, false)] {
                    if !shared_in(side, &other_v) {
                        continue;
                    }
                    let pairs = match_members(side, &other_v, Ids::Shared);
                    for (measure, name) in few_differ(side, &other_v, &pairs, min) {
                        withhold(&mut disciplines, &name, measure, is_old, !is_old);
                    }
                }
            }
        }
        let mut c = Self {
            old: summary(old_title, old_team),
            new: summary(new_title, new_team),
            hidden,
            ids_shared,
            added,
            removed,
            changed,
            moved_to_core,
            moved_to_periphery,
            pairs,
            disciplines,
            findings: Vec::new(),
        };
        c.findings = findings::findings(&c, &new_v);
        c
    }

    pub fn names_hidden(&self) -> bool {
        self.hidden.is_some()
    }

    /// Whether figures about this discipline may be set side by side: present in both
    /// versions and, with names hidden, shown in both.
    pub fn comparable(&self, d: &DisciplineChange) -> bool {
        matches!((&d.old, &d.new), (Some(o), Some(n)) if !o.withheld && !n.withheld)
    }

    /// Nothing about the members or the disciplines differs.
    pub fn is_unchanged(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.moved_to_core.is_empty()
            && self.moved_to_periphery.is_empty()
    }
}

fn discipline_changes(
    old: &[DisciplineFigures],
    new: &[DisciplineFigures],
    hidden: bool,
) -> Vec<DisciplineChange> {
    let mut by_name: std::collections::BTreeMap<String, DisciplineChange> =
        std::collections::BTreeMap::new();
    for (list, is_old) in [(old, true), (new, false)] {
        for d in list.iter().filter(|d| d.figures.headcount > 0) {
            let entry = by_name
                .entry(key(&d.figures.name))
                .or_insert_with(|| DisciplineChange {
                    name: d.figures.name.clone(),
                    old: None,
                    new: None,
                    withheld: Vec::new(),
                });
            let side = Some(Side::of(hidden, &d.figures));
            if is_old {
                entry.old = side;
            } else {
                entry.name.clone_from(&d.figures.name);
                entry.new = side;
            }
        }
    }
    by_name.into_values().collect()
}

/// The conditions measures a hidden comparison protects (time in team, headcount and the
/// core are known in the room), with each member's value of it.
type MemberValue = fn(&Team, &Member) -> Option<f64>;

const PROTECTED: [(Measure, MemberValue); 4] = [
    (Measure::Pay, |t, m| t.fte_salary(m)),
    (Measure::Leave, |_, m| m.leave_days),
    (Measure::Training, |_, m| m.training_days),
    (Measure::Autonomy, |_, m| {
        m.autonomy.map(|a| f64::from(a.level()))
    }),
];

/// The measures, by discipline key, that fewer than `min` (but some) of a discipline's
/// members differ in between two versions: those who joined or left it, and those whose
/// value differs.
fn few_differ(a: &Lookup, b: &Lookup, pairs: &[Pair], min: usize) -> Vec<(Measure, String)> {
    let partner_in_b: HashMap<MemberId, MemberId> = pairs.iter().map(|p| (p.old, p.new)).collect();
    let partner_in_a: HashMap<MemberId, MemberId> = pairs.iter().map(|p| (p.new, p.old)).collect();
    // Each discipline's members in each version, by the key disciplines are matched by.
    let mut by_key: HashMap<String, (Vec<&Member>, Vec<&Member>)> = HashMap::default();
    for m in &a.team.members {
        by_key.entry(key(a.discipline(m))).or_default().0.push(m);
    }
    for m in &b.team.members {
        by_key.entry(key(b.discipline(m))).or_default().1.push(m);
    }
    let mut out = Vec::new();
    for (k, (in_a, in_b)) in &by_key {
        let in_d = |v: &Lookup, m: &Member| key(v.discipline(m)) == *k;
        for (measure, value) in PROTECTED {
            let mut differ = 0;
            for x in in_a {
                match partner_in_b.get(&x.id).and_then(|id| b.member(*id)) {
                    Some(y) if in_d(b, y) => {
                        if value(a.team, x) != value(b.team, y) {
                            differ += 1;
                        }
                    }
                    _ => differ += 1,
                }
            }
            for y in in_b {
                let x = partner_in_a.get(&y.id).and_then(|id| a.member(*id));
                if !x.is_some_and(|x| in_d(a, x)) {
                    differ += 1;
                }
            }
            if differ > 0 && differ < min {
                out.push((measure, k.clone()));
            }
        }
    }
    out
}

/// Withhold a discipline's measure on the sides given.
fn withhold(
    disciplines: &mut [DisciplineChange],
    name_key: &str,
    measure: Measure,
    old: bool,
    new: bool,
) {
    let Some(d) = disciplines.iter_mut().find(|d| key(&d.name) == name_key) else {
        return;
    };
    if !d.withheld.contains(&measure) {
        d.withheld.push(measure);
    }
    let sides = [(old, &mut d.old), (new, &mut d.new)];
    for side in sides
        .into_iter()
        .filter(|(on, _)| *on)
        .filter_map(|(_, s)| s.as_mut())
    {
        match measure {
            Measure::Pay => {
                side.median_salary = None;
                side.mean_salary = None;
            }
            Measure::Leave => side.mean_leave_days = None,
            Measure::Training => side.mean_training_days = None,
            Measure::Autonomy => side.mean_autonomy = None,
            _ => {}
        }
    }
}
