//! Pure functions from a team to figures (no egui). The charts, the workshop slides and the
//! command-line report all read [`Analysis`]: nothing is computed twice or differently.
//!
//! Definitions follow `docs/measures.md`. Figures that cannot be defined (an empty team, one
//! member, missing data) are `None`, shown as "n/a", never NaN.
//!
//! Two analyses exist: [`analyse`], the manager's own, with every figure; and
//! [`analyse_workshop_safe`], what may be shown with names hidden: every figure of a group
//! under the team's minimum size is withheld, and so is any further group whose figures,
//! set against the rest, would give one of them away (see [`disclosure`]).
//!
//! Words, one per concept (the code's older names in brackets, to be brought in line):
//! - **names hidden**: the mode a workshop runs in; `hide_names` is the switch
//!   (`names_hidden`, `hidden`).
//! - **workshop-safe**: what the analysis is in that mode ([`Analysis::workshop_safe`]).
//! - **withheld**: a figure not shown in that mode, for its own small n (primary) or because
//!   with others it would give one away (secondary); never "suppressed" in what users read.
//! - **anonymised**: the team copy the room sees, people called by job title or number
//!   (`model::presentation::anonymised`).
//! - **group**: what figures are given for in the room: a discipline, a professional family, or
//!   "Other disciplines"; **side**: core or periphery.
//! - **round**: a set of anonymous answers: a *perception round* (staff, on each other), a
//!   *relational round* (one of an instrument), a *feedback round* (children and families).
//!   The **kiosk** is the screen that takes a perception round in the room.
//! - **snapshot**: the team as it was, kept in its file; **period**: the time up to a snapshot,
//!   or now, that rounds are set side by side in.

pub mod compare;
pub mod disclosure;
pub mod feedback;
pub mod findings;
pub mod handout_pdf;
pub mod layout;
pub mod perceptions;
pub mod relational;
pub mod report;
pub mod slides;
pub mod stats;
pub mod tables;
pub mod workbook;

use std::collections::HashMap;

use crate::model::{
    AgencyId, DisciplineId, Family, Integration, LineManager, Member, MemberId, Outcome,
    ProfessionalModel, Team,
};

pub use findings::Finding;

/// The rank correlation between conditions and time in team is reported only from this many
/// members: below it, almost any ordering looks like a pattern (docs/measures.md).
pub const MIN_MEMBERS_FOR_CORRELATION: usize = 10;

/// One member's derived figures.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberFigures {
    pub id: MemberId,
    pub discipline: DisciplineId,
    pub agency: AgencyId,
    pub salary: Option<f64>,
    pub team_fte: f64,
    pub core: bool,
    /// Percentile ranks among members with the value: salary, leave, training days, autonomy.
    pub ranks: ConditionsParts,
    /// Mean of the defined parts of `ranks`: the member's conditions index.
    pub conditions_index: Option<f64>,
}

/// The four parts of a conditions index, each a percentile rank from 0 to 1 (or a mean).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ConditionsParts {
    pub salary: Option<f64>,
    pub leave: Option<f64>,
    pub training: Option<f64>,
    pub autonomy: Option<f64>,
}

impl ConditionsParts {
    fn index(&self) -> Option<f64> {
        stats::mean(
            [self.salary, self.leave, self.training, self.autonomy]
                .into_iter()
                .flatten(),
        )
    }
}

/// Figures for a group of members: a discipline or an agency.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct GroupFigures {
    pub name: String,
    pub headcount: usize,
    pub team_fte: f64,
    /// Share of the whole team's team FTE, 0 to 1.
    pub share_of_team_fte: Option<f64>,
    pub median_salary: Option<f64>,
    pub mean_salary: Option<f64>,
    /// `(team median − group median) / team median`: positive means paid less than the team.
    pub pay_gap: Option<f64>,
    /// The group's median full-time pay over the team's: 1.2 reads "1.2 × the team median".
    pub pay_ratio_to_median: Option<f64>,
    /// The group's mean full-time pay over the team's mean (what workshop-safe mode shows,
    /// where a median would be one person's pay).
    pub pay_ratio_to_mean: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_training_budget: Option<f64>,
    pub mean_autonomy: Option<f64>,
    /// Medians of leave, training days and autonomy: what the manager's gap findings compare,
    /// so one person cannot drive them (withheld with names hidden, like every median).
    pub median_leave_days: Option<f64>,
    pub median_training_days: Option<f64>,
    pub median_autonomy: Option<f64>,
    pub conditions_index: Option<f64>,
    /// Mean of each part of the conditions index over the group's members.
    pub conditions_parts: ConditionsParts,
    pub core: usize,
    pub peripheral: usize,
    /// Team FTE and contracted FTE: the difference is time spent in other teams.
    pub contracted_fte: f64,
    /// Workshop-safe mode withheld every figure but the name and the headcount.
    pub suppressed: bool,
    /// Figures workshop-safe mode withheld from a group it otherwise shows (by
    /// [`disclosure::SALARY`] and the other constants).
    pub withheld: disclosure::Figures,
}

impl GroupFigures {
    /// Apply workshop-safe mode's verdict: the whole group when it is under the minimum
    /// (`suppressed`), otherwise each withheld figure.
    fn withhold(&mut self, hidden: disclosure::Figures, min: usize) {
        if self.headcount == 0 {
            return;
        }
        if self.headcount < min {
            self.suppress();
            return;
        }
        // The conditions index is the mean of its four parts: shown with three of them it
        // would give the fourth away, so index and parts stand or fall together.
        let mut hidden = hidden;
        if [
            disclosure::SALARY,
            disclosure::LEAVE,
            disclosure::TRAINING_DAYS,
            disclosure::AUTONOMY,
        ]
        .iter()
        .any(|f| hidden[*f])
        {
            hidden[disclosure::CONDITIONS_INDEX] = true;
        }
        // Every field is named here, none by `..`: a figure added to `GroupFigures` does not
        // compile until someone decides whether a room with names hidden may see it.
        let Self {
            // Known in the room: who is in the group and how much of their week is here.
            name: _,
            headcount: _,
            team_fte: _,
            share_of_team_fte: _,
            contracted_fte: _,
            core: _,
            peripheral: _,
            suppressed: _,
            withheld,
            // A median is one person's figure (or two people's mean): never with names hidden.
            median_salary,
            pay_gap,
            pay_ratio_to_median,
            median_leave_days,
            median_training_days,
            median_autonomy,
            // Means: sums the disclosure check protects, each by its figure.
            mean_salary,
            pay_ratio_to_mean,
            mean_leave_days,
            mean_training_days,
            mean_training_budget,
            mean_autonomy,
            conditions_index,
            conditions_parts,
        } = self;
        *withheld = hidden;
        for median in [
            median_salary,
            pay_gap,
            pay_ratio_to_median,
            median_leave_days,
            median_training_days,
            median_autonomy,
        ] {
            *median = None;
        }
        let clear = |hide: usize, figures: &mut [&mut Option<f64>]| {
            if hidden[hide] {
                for f in figures.iter_mut() {
                    **f = None;
                }
            }
        };
        if hidden[disclosure::CONDITIONS_INDEX] {
            *conditions_parts = ConditionsParts::default();
        }
        clear(
            disclosure::SALARY,
            &mut [mean_salary, pay_ratio_to_mean, &mut conditions_parts.salary],
        );
        clear(
            disclosure::LEAVE,
            &mut [mean_leave_days, &mut conditions_parts.leave],
        );
        clear(
            disclosure::TRAINING_DAYS,
            &mut [mean_training_days, &mut conditions_parts.training],
        );
        clear(disclosure::TRAINING_BUDGET, &mut [mean_training_budget]);
        clear(
            disclosure::AUTONOMY,
            &mut [mean_autonomy, &mut conditions_parts.autonomy],
        );
        clear(disclosure::CONDITIONS_INDEX, &mut [conditions_index]);
    }

    /// Take out every figure about conditions. Time in team (and so the core and peripheral
    /// counts) stays for whole-team totals: it is known in the room, and not one of the
    /// figures the mode protects; the report and the charts still show none of it for the
    /// group itself.
    fn suppress(&mut self) {
        *self = Self {
            name: std::mem::take(&mut self.name),
            headcount: self.headcount,
            team_fte: self.team_fte,
            share_of_team_fte: self.share_of_team_fte,
            contracted_fte: self.contracted_fte,
            core: self.core,
            peripheral: self.peripheral,
            suppressed: true,
            withheld: [true; disclosure::ATTRIBUTES],
            ..Self::default()
        };
    }

    /// Whether workshop-safe mode shows none of the group's conditions: too small, or every
    /// figure would give someone away. Such a group is counted with "Other disciplines".
    pub fn fully_withheld(&self) -> bool {
        self.suppressed || self.withheld.iter().all(|w| *w)
    }

    /// Whether workshop-safe mode withheld this figure of the group.
    pub fn is_withheld(&self, figure: usize) -> bool {
        self.suppressed || self.withheld.get(figure).copied().unwrap_or(false)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DisciplineFigures {
    pub id: DisciplineId,
    pub models: Vec<ProfessionalModel>,
    /// Administration and the like: left out of top-against-bottom comparisons.
    pub support_role: bool,
    pub family: Family,
    pub figures: GroupFigures,
}

/// A professional family's figures (docs/measures.md, "Professional families"). With names
/// hidden a family's figure is shown only where every group of it the room sees shows that
/// figure: the family's sum is then theirs added up, and says nothing new.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyFigures {
    pub family: Family,
    /// The team's disciplines in it that have members (the room's groups, names hidden).
    pub disciplines: Vec<DisciplineId>,
    pub figures: GroupFigures,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgencyFigures {
    pub id: AgencyId,
    pub figures: GroupFigures,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Hierarchy {
    pub salary_gini: Option<f64>,
    /// The most Gini can be with this many people, `(n − 1) / n`: one person paid everything.
    pub salary_gini_max: Option<f64>,
    /// Highest discipline median FTE salary over the lowest, professions only (means in
    /// workshop-safe mode).
    pub top_bottom_pay_ratio: Option<f64>,
    pub best_paid_discipline: Option<DisciplineId>,
    pub worst_paid_discipline: Option<DisciplineId>,
    pub leave_gap_days: Option<f64>,
    pub most_leave_discipline: Option<DisciplineId>,
    pub least_leave_discipline: Option<DisciplineId>,
    pub training_gap_days: Option<f64>,
    pub most_training_discipline: Option<DisciplineId>,
    pub least_training_discipline: Option<DisciplineId>,
    /// Support roles with members, left out of the comparisons above.
    pub support_roles_left_out: Vec<DisciplineId>,
    /// Spearman's ρ between members' conditions index and time in team, from
    /// [`MIN_MEMBERS_FOR_CORRELATION`] members.
    pub conditions_coreness_spearman: Option<f64>,
    /// Two-sided permutation p-value of that ρ.
    pub conditions_coreness_p_value: Option<f64>,
    /// Members counted in the correlation.
    pub spearman_n: usize,
    /// Points the Lorenz curve joins: every member with pay in the manager's view; with names
    /// hidden, groups of at least the minimum (up to four), or 0 where the curve is withheld
    /// (its groups' pay, set beside the professions', would give someone's away).
    pub lorenz_groups: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quartile {
    /// 1 (lowest paid) to 4.
    pub quartile: u8,
    pub headcount: usize,
    /// Headcount per discipline, in the team's discipline order, zero counts left out. In
    /// workshop-safe mode, withheld disciplines are counted in `other` instead.
    pub disciplines: Vec<(DisciplineId, usize)>,
    /// Members of withheld disciplines, merged ("Other disciplines").
    pub other: usize,
    /// Workshop-safe mode withheld the mix (it would place fewer than the minimum group).
    pub mix_withheld: bool,
    pub min_salary: Option<f64>,
    pub max_salary: Option<f64>,
}

/// One professional model's place in the team. Disciplines can hold several models, so the
/// shares of all models can add up to more than the whole.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelBalance {
    pub model: ProfessionalModel,
    pub team_fte: f64,
    pub headcount: usize,
    /// Disciplines (with members) that hold the model.
    pub disciplines: usize,
    /// Workshop-safe mode: held by fewer than the minimum, so its time is not shown.
    pub withheld: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Composition {
    pub discipline_blau: Option<f64>,
    pub agency_blau: Option<f64>,
    pub dominant_agency: Option<AgencyId>,
    pub dominant_agency_share: Option<f64>,
    /// Every model but "none", in `ProfessionalModel::ALL` order.
    pub models: Vec<ModelBalance>,
    /// Disciplines with members that hold more than one model.
    pub multi_model_disciplines: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeCover {
    pub outcome: Outcome,
    pub team_fte: f64,
    pub headcount: usize,
    /// Disciplines (with members) tagged with the outcome.
    pub disciplines: Vec<DisciplineId>,
    /// Workshop-safe mode: fewer than the minimum, so its time is not shown.
    pub withheld: bool,
}

/// One side of the core–periphery split.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Side {
    pub headcount: usize,
    pub team_fte: f64,
    pub median_salary: Option<f64>,
    pub mean_salary: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_training_budget: Option<f64>,
    pub mean_autonomy: Option<f64>,
    /// Workshop-safe mode withheld this side's figures.
    pub suppressed: bool,
}

impl Side {
    /// As [`GroupFigures::withhold`].
    fn withhold(&mut self, hidden: disclosure::Figures, min: usize) {
        if self.headcount == 0 {
            return;
        }
        if self.headcount < min {
            *self = Self {
                headcount: self.headcount,
                team_fte: self.team_fte,
                suppressed: true,
                ..Self::default()
            };
            return;
        }
        if hidden[disclosure::SALARY] {
            self.median_salary = None;
            self.mean_salary = None;
        }
        if hidden[disclosure::LEAVE] {
            self.mean_leave_days = None;
        }
        if hidden[disclosure::TRAINING_DAYS] {
            self.mean_training_days = None;
        }
        if hidden[disclosure::TRAINING_BUDGET] {
            self.mean_training_budget = None;
        }
        if hidden[disclosure::AUTONOMY] {
            self.mean_autonomy = None;
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct CorePeriphery {
    pub threshold: f64,
    pub core: Side,
    pub peripheral: Side,
    /// Disciplines with more peripheral than core members.
    pub mostly_peripheral: Vec<DisciplineId>,
}

/// The evidence for where the team sits on the integration continuum, set beside the level it
/// declares (docs/measures.md, "Integration profile").
#[derive(Clone, Debug, PartialEq, Default)]
pub struct IntegrationProfile {
    pub declared: Integration,
    pub headcount: usize,
    pub co_located: usize,
    /// Line-managed by another member of the team.
    pub managed_in_team: usize,
    /// Line-managed by someone outside the team.
    pub managed_outside: usize,
    /// No line manager recorded (often the team's own manager).
    pub no_manager: usize,
    /// Members who spend part of their time in other teams (`team_share < 1`).
    pub split_posts: usize,
    /// Agencies with members.
    pub agencies: usize,
}

impl IntegrationProfile {
    fn share(part: usize, whole: usize) -> Option<f64> {
        (whole > 0).then(|| part as f64 / whole as f64)
    }

    pub fn co_located_share(&self) -> Option<f64> {
        Self::share(self.co_located, self.headcount)
    }

    /// Of the members with a line manager recorded, the share managed inside the team.
    pub fn managed_in_team_share(&self) -> Option<f64> {
        Self::share(
            self.managed_in_team,
            self.managed_in_team + self.managed_outside,
        )
    }

    pub fn split_post_share(&self) -> Option<f64> {
        Self::share(self.split_posts, self.headcount)
    }
}

/// Everything the charts, slides and report show about one team.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub team_name: String,
    pub headcount: usize,
    pub team_fte: f64,
    /// `None` in workshop-safe mode, where the middle person's pay would show.
    pub team_median_salary: Option<f64>,
    pub team_mean_salary: Option<f64>,
    pub members: Vec<MemberFigures>,
    /// The conditions ladder: highest conditions index first; disciplines with no members and
    /// withheld ones last.
    pub disciplines: Vec<DisciplineFigures>,
    /// In workshop-safe mode, the withheld disciplines together, when there are enough of
    /// them to show (their figures follow from the team's and the shown groups' anyway).
    pub other_disciplines: Option<GroupFigures>,
    /// Professional families with members, in [`Family::ALL`] order.
    pub families: Vec<FamilyFigures>,
    /// Largest share of team FTE first.
    pub agencies: Vec<AgencyFigures>,
    pub hierarchy: Hierarchy,
    pub quartiles: Vec<Quartile>,
    pub composition: Composition,
    pub outcomes: Vec<OutcomeCover>,
    /// Outcomes no discipline with members is tagged with.
    pub untagged_outcomes: Vec<Outcome>,
    pub core_periphery: CorePeriphery,
    pub integration: IntegrationProfile,
    /// The strongest findings, at most [`findings::MAX_FINDINGS`]: the list a manager reads.
    pub findings: Vec<Finding>,
    /// Findings that cleared their threshold but did not make the list: a slide about their
    /// subject can still carry one as its caption.
    pub further_findings: Vec<Finding>,
    /// `Some(minimum group size)` when this is the workshop-safe analysis.
    pub workshop_safe: Option<usize>,
    /// How the professions see each other, from the team's perception rounds.
    pub perceptions: Option<perceptions::Perceptions>,
    /// Each relational round (a round of an instrument), measured on its own; with names
    /// hidden, figures from too few answers are withheld (`relational::withhold`).
    pub relational: Vec<relational::RoundFigures>,
    /// Each relational round against the one before it of the same instrument, from the
    /// figures above (so withheld as they are).
    pub relational_changes: Vec<relational::RoundChange>,
    /// What families told the team: each round (ESQ form by form); with names hidden, no
    /// figure from fewer responses than the team's minimum.
    pub feedback: Vec<feedback::RoundFeedback>,
    /// Each feedback round against the one before it of the same questionnaire and form.
    pub feedback_changes: Vec<feedback::FeedbackChange>,
    /// The families' view of the team working together, and the staff's own, period by
    /// period (each linked snapshot, then now).
    pub side_by_side: Vec<feedback::Period>,
    /// With names hidden: the fewest responses a families' figure is shown from.
    pub min_responses: Option<usize>,
    /// The comments the manager picked to quote in a workshop (each checked against every
    /// name when picked): the only free text of families' that any output holds.
    pub quotes: Vec<String>,
    /// How service users were involved in the change the latest snapshot marks, in words
    /// for the slides of change; `None` without snapshots.
    pub involvement: Option<String>,
    /// The team against its latest snapshot (with names hidden, the hidden comparison), for
    /// the workshop's slides of change; `None` for a team without snapshots.
    pub changes: Option<Box<compare::Comparison>>,
    /// Medians computed but never shown: with names hidden, what the findings check a
    /// comparison of means against (docs/measures.md, "Findings"). Private, so no output
    /// can reach them.
    robust: Robust,
}

/// Group medians kept back from the room: a finding comparing means is stated only when the
/// medians agree with it.
#[derive(Clone, Debug, PartialEq, Default)]
struct Robust {
    disciplines: HashMap<DisciplineId, [Option<f64>; 4]>,
    core_salary: Option<f64>,
    peripheral_salary: Option<f64>,
}

/// Which median [`Analysis::robust_median`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Median {
    Salary = 0,
    Leave = 1,
    Training = 2,
    Autonomy = 3,
}

impl Analysis {
    pub fn discipline(&self, id: DisciplineId) -> Option<&DisciplineFigures> {
        self.disciplines.iter().find(|d| d.id == id)
    }

    pub fn agency(&self, id: AgencyId) -> Option<&AgencyFigures> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn member(&self, id: MemberId) -> Option<&MemberFigures> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Name of a discipline, for sentences.
    pub fn discipline_name(&self, id: DisciplineId) -> &str {
        self.discipline(id).map_or("?", |d| d.figures.name.as_str())
    }

    pub fn agency_name(&self, id: AgencyId) -> &str {
        self.agency(id).map_or("?", |a| a.figures.name.as_str())
    }

    /// Whether figures about this discipline may be shown (false when workshop-safe mode
    /// withheld them).
    pub fn discipline_shown(&self, id: DisciplineId) -> bool {
        self.discipline(id).is_some_and(|d| !d.figures.suppressed)
    }

    /// The minimum group size, when this is the workshop-safe analysis.
    pub fn min_group(&self) -> Option<usize> {
        self.workshop_safe
    }

    /// Disciplines with members whose figures are withheld, for the note that says why.
    pub fn withheld_disciplines(&self) -> Vec<&str> {
        self.disciplines
            .iter()
            .filter(|d| d.figures.headcount > 0 && d.figures.fully_withheld())
            .map(|d| d.figures.name.as_str())
            .collect()
    }

    /// Agencies with members whose figures are withheld.
    pub fn withheld_agencies(&self) -> Vec<&str> {
        self.agencies
            .iter()
            .filter(|a| a.figures.headcount > 0 && a.figures.fully_withheld())
            .map(|a| a.figures.name.as_str())
            .collect()
    }

    /// Every finding that cleared its threshold, strongest first: the listed ones, then the
    /// rest.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> + Clone {
        self.findings.iter().chain(&self.further_findings)
    }

    /// A discipline's median, kept back from output: for the findings' robustness check.
    pub(crate) fn robust_median(&self, id: DisciplineId, which: Median) -> Option<f64> {
        self.robust
            .disciplines
            .get(&id)
            .and_then(|m| m[which as usize])
    }

    /// The core's and the periphery's median pay, kept back likewise.
    pub(crate) fn robust_side_salaries(&self) -> (Option<f64>, Option<f64>) {
        (self.robust.core_salary, self.robust.peripheral_salary)
    }

    /// Members whose pay is known (counted in whole-team pay figures).
    pub fn paid_headcount(&self) -> usize {
        self.members.iter().filter(|m| m.salary.is_some()).count()
    }
}

/// Percentile ranks of an optional value over the members who have it.
fn ranks_of(members: &[&Member], value: impl Fn(&Member) -> Option<f64>) -> Vec<Option<f64>> {
    let values: Vec<Option<f64>> = members.iter().map(|m| value(m)).collect();
    ranks_of_values(&values)
}

fn ranks_of_values(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let present: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    let mut out = vec![None; values.len()];
    let values: Vec<f64> = present.iter().map(|(_, v)| *v).collect();
    for ((i, _), r) in present.iter().zip(stats::percentile_ranks(&values)) {
        out[*i] = Some(r);
    }
    out
}

/// Analyse a team for its manager: every figure. Members whose discipline or agency is missing
/// from the catalogues (an invalid team) are still counted, under "?".
pub fn analyse(team: &Team) -> Analysis {
    with_changes(team, analyse_with(team, None))
}

/// What may be shown with names hidden: workshop-safe mode. Every figure of a group smaller
/// than `min_group` is withheld, and so is any group whose figures, set against the team's
/// and the other groups', would give away one person's (docs/measures.md, "Workshop-safe
/// mode"). Findings are made from what is left, so none names a withheld group.
pub fn analyse_workshop_safe(team: &Team, min_group: usize) -> Analysis {
    with_changes(team, analyse_one(team, Some(min_group)))
}

/// The analysis of one version of the team, without comparing it with its snapshots (what
/// a comparison itself analyses). `min_group` as in [`analyse_workshop_safe`].
pub(crate) fn analyse_one(team: &Team, min_group: Option<usize>) -> Analysis {
    // A file can hold an out-of-range minimum (it opens with a problem to fix); protection
    // never drops below the least that hides anyone.
    let range = crate::model::validate::MIN_GROUP_SIZE_RANGE;
    analyse_with(
        team,
        min_group.map(|m| m.clamp(*range.start(), *range.end())),
    )
}

fn with_changes(team: &Team, mut a: Analysis) -> Analysis {
    // Every version the room may see: the figures set side by side must not, with any of
    // them, give away what changed for a few people.
    let seen: Vec<&Team> = team.snapshots.iter().map(|s| &*s.team).collect();
    a.involvement = team
        .snapshots
        .last()
        .map(|s| slides::involvement_words(s).trim().to_owned());
    a.changes = team.snapshots.last().map(|s| {
        Box::new(compare::Comparison::of(
            (&s.title(), &s.team),
            ("Now", team),
            compare::Ids::Shared,
            a.workshop_safe,
            &seen,
        ))
    });
    a
}

/// Everything about the members that the groups are built from.
struct Base<'a> {
    members: Vec<&'a Member>,
    figures: Vec<MemberFigures>,
    team_fte: f64,
    team_median: Option<f64>,
    team_mean: Option<f64>,
    by_discipline: Vec<(DisciplineId, Vec<usize>)>,
    by_agency: Vec<(AgencyId, Vec<usize>)>,
}

fn base(team: &Team) -> Base<'_> {
    base_with(team, true)
}

/// `ranks`: rank every member's conditions in the team (the conditions index and its parts);
/// without, those are `None`, and four sorts of the team are saved.
fn base_with(team: &Team, ranks: bool) -> Base<'_> {
    let members: Vec<&Member> = team.members.iter().collect();
    // Resolve every pay point once: looking each up by name per member dominates large teams.
    let points: HashMap<(crate::model::PayScaleId, &str), f64> = team
        .pay_scales
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .map(move |p| ((s.id, p.name.as_str()), p.salary))
        })
        .collect();
    let salaries_by_member: Vec<Option<f64>> = members
        .iter()
        .map(|m| match &m.pay {
            crate::model::Pay::Salary(s) => Some(*s),
            crate::model::Pay::Point { scale, point } => {
                points.get(&(*scale, point.as_str())).copied()
            }
        })
        .map(|s| s.filter(|v| v.is_finite()))
        .collect();
    let none = || vec![None; members.len()];
    let (salary_ranks, leave_ranks, training_ranks, autonomy_ranks) = if ranks {
        (
            ranks_of_values(&salaries_by_member),
            ranks_of(&members, |m| m.leave_days),
            ranks_of(&members, |m| m.training_days),
            ranks_of(&members, |m| m.autonomy.map(|a| f64::from(a.level()))),
        )
    } else {
        (none(), none(), none(), none())
    };

    let figures: Vec<MemberFigures> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let ranks = ConditionsParts {
                salary: salary_ranks[i],
                leave: leave_ranks[i],
                training: training_ranks[i],
                autonomy: autonomy_ranks[i],
            };
            MemberFigures {
                id: m.id,
                discipline: m.discipline,
                agency: m.agency,
                salary: salaries_by_member[i],
                team_fte: m.team_fte(),
                core: team.is_core(m),
                conditions_index: ranks.index(),
                ranks,
            }
        })
        .collect();
    let team_fte: f64 = figures.iter().map(|m| m.team_fte).sum();
    let salaries: Vec<f64> = figures.iter().filter_map(|m| m.salary).collect();
    let team_median = stats::median(&salaries);
    let team_mean = stats::mean(salaries.iter().copied());

    // Group member indices by discipline and by agency, in catalogue order.
    // A linear search over a handful of groups beats hashing ten thousand ids.
    let mut by_discipline: Vec<(DisciplineId, Vec<usize>)> = team
        .disciplines
        .iter()
        .map(|d| (d.id, Vec::new()))
        .collect();
    let mut by_agency: Vec<(AgencyId, Vec<usize>)> =
        team.agencies.iter().map(|a| (a.id, Vec::new())).collect();
    for (i, m) in members.iter().enumerate() {
        push_grouped(&mut by_discipline, m.discipline, i);
        push_grouped(&mut by_agency, m.agency, i);
    }
    Base {
        members,
        figures,
        team_fte,
        team_median,
        team_mean,
        by_discipline,
        by_agency,
    }
}

/// Each discipline's figures, as the analysis has them, but without the conditions index:
/// what a comparison sets side by side (the whole analysis of two 10,000-member versions
/// would take most of the comparison's time). No workshop-safe withholding.
pub(crate) fn discipline_figures(team: &Team) -> Vec<DisciplineFigures> {
    discipline_groups(team, &base_with(team, false))
}

fn discipline_groups(team: &Team, b: &Base<'_>) -> Vec<DisciplineFigures> {
    let mut disciplines: Vec<DisciplineFigures> = team
        .disciplines
        .iter()
        .map(|d| DisciplineFigures {
            id: d.id,
            models: d.models.clone(),
            support_role: d.support_role,
            family: d.family,
            figures: group_figures(&d.name, grouped(&b.by_discipline, d.id), b),
        })
        .collect();
    for (id, idx) in b.by_discipline.iter().skip(team.disciplines.len()) {
        disciplines.push(DisciplineFigures {
            id: *id,
            models: Vec::new(),
            support_role: false,
            family: Family::Other,
            figures: group_figures("?", idx, b),
        });
    }
    disciplines
}

fn analyse_with(team: &Team, min_group: Option<usize>) -> Analysis {
    let b = base(team);
    let group = |name: &str, idx: &[usize]| group_figures(name, idx, &b);

    let mut disciplines = discipline_groups(team, &b);
    let mut agencies: Vec<AgencyFigures> = team
        .agencies
        .iter()
        .map(|a| AgencyFigures {
            id: a.id,
            figures: group(&a.name, grouped(&b.by_agency, a.id)),
        })
        .collect();
    for (id, idx) in b.by_agency.iter().skip(team.agencies.len()) {
        agencies.push(AgencyFigures {
            id: *id,
            figures: group("?", idx),
        });
    }
    let mut core_periphery = core_periphery(team, &b, &disciplines);
    let mut other_disciplines = None;
    let mut lorenz_withheld = false;
    let mut team_median_salary = b.team_median;
    let mut salary_gini = stats::gini(
        &b.figures
            .iter()
            .filter_map(|m| m.salary)
            .collect::<Vec<_>>(),
    );

    // Before anything is withheld: the medians the findings check means against.
    let robust = Robust {
        disciplines: disciplines
            .iter()
            .map(|d| {
                let g = &d.figures;
                (
                    d.id,
                    [
                        g.median_salary,
                        g.median_leave_days,
                        g.median_training_days,
                        g.median_autonomy,
                    ],
                )
            })
            .collect(),
        core_salary: core_periphery.core.median_salary,
        peripheral_salary: core_periphery.peripheral.median_salary,
    };
    if let Some(min) = min_group {
        let withheld = disclosure::withheld(&disclosure::Groups {
            members: &b.members,
            figures: &b.figures,
            disciplines: b
                .by_discipline
                .iter()
                .map(|(_, idx)| idx.as_slice())
                .collect(),
            agencies: agencies_in_catalogue_order(&b, &agencies),
            core_side: (0..b.figures.len())
                .filter(|i| b.figures[*i].core)
                .collect(),
            fixed_salary_sets: lorenz_groups(&b.figures, min),
            min_group: min,
        });
        lorenz_withheld = withheld.fixed_salary_sets;
        let mut other: Vec<usize> = Vec::new();
        let everything = [true; disclosure::ATTRIBUTES];
        for (k, d) in disciplines.iter_mut().enumerate() {
            let hidden = *withheld.disciplines.get(k).unwrap_or(&everything);
            d.figures.withhold(hidden, min);
            if d.figures.fully_withheld() {
                other.extend_from_slice(&b.by_discipline[k].1);
            }
        }
        // Which figures every other discipline shows: only then is the withheld disciplines'
        // figure their complement, which the team's and the shown groups' sums give anyway.
        let shown_everywhere: disclosure::Figures = std::array::from_fn(|f| {
            disciplines
                .iter()
                .filter(|d| d.figures.headcount > 0 && !d.figures.fully_withheld())
                .all(|d| !d.figures.is_withheld(f))
        });
        for (k, a) in agencies.iter_mut().enumerate() {
            a.figures
                .withhold(*withheld.agencies.get(k).unwrap_or(&everything), min);
        }
        let cp = &mut core_periphery;
        cp.core.withhold(withheld.core, min);
        cp.peripheral.withhold(withheld.peripheral, min);
        if other.len() >= min {
            let mut g = group("Other disciplines", &other);
            g.withhold(std::array::from_fn(|f| !shown_everywhere[f]), min);
            other_disciplines = Some(g);
        }
        let paid = b.figures.iter().filter(|m| m.salary.is_some()).count();
        if paid < min {
            salary_gini = None;
        }
        // A median is one person's figure (or two people's mean): anyone who can order a group
        // by seniority learns that person's pay. With names hidden, pay is shown as means,
        // whose sums the check above protects.
        team_median_salary = None;
        for g in disciplines
            .iter_mut()
            .map(|d| &mut d.figures)
            .chain(agencies.iter_mut().map(|a| &mut a.figures))
            .chain(other_disciplines.as_mut())
        {
            g.median_salary = None;
            g.pay_gap = None;
            g.pay_ratio_to_median = None;
            g.median_leave_days = None;
            g.median_training_days = None;
            g.median_autonomy = None;
        }
        for side in [&mut core_periphery.core, &mut core_periphery.peripheral] {
            side.median_salary = None;
        }
    }

    let families = families(&b, &disciplines, min_group);

    // The conditions ladder: highest first, undefined and withheld last, ties by name.
    disciplines.sort_by(|a, b| {
        let key = |d: &DisciplineFigures| d.figures.conditions_index.unwrap_or(f64::NEG_INFINITY);
        key(b)
            .total_cmp(&key(a))
            .then_with(|| a.figures.name.cmp(&b.figures.name))
    });
    agencies.sort_by(|a, b| {
        b.figures
            .team_fte
            .total_cmp(&a.figures.team_fte)
            .then_with(|| b.figures.headcount.cmp(&a.figures.headcount))
            .then_with(|| a.figures.name.cmp(&b.figures.name))
    });

    let mut hierarchy = hierarchy(&disciplines, &b.figures, salary_gini, min_group.is_some());
    let paid = b.figures.iter().filter(|m| m.salary.is_some()).count();
    hierarchy.lorenz_groups = match min_group {
        _ if lorenz_withheld => 0,
        Some(min) => lorenz_group_count(paid, min),
        None => paid,
    };
    let quartiles = quartiles(team, &b.figures, &disciplines, min_group);
    let mut composition = composition(&disciplines, &agencies, b.team_fte);
    let (mut outcomes, untagged_outcomes) = outcomes(team, &disciplines);
    // Time in team is known in the room, but a figure for fewer than the minimum is still a
    // figure about them: withheld for a model or an outcome held by so few.
    if let Some(min) = min_group {
        for m in &mut composition.models {
            if m.headcount > 0 && m.headcount < min {
                m.team_fte = 0.0;
                m.withheld = true;
            }
        }
        for o in &mut outcomes {
            if o.headcount > 0 && o.headcount < min {
                o.team_fte = 0.0;
                o.withheld = true;
            }
        }
    }
    let integration = integration(team);

    let mut analysis = Analysis {
        team_name: team.name.clone(),
        headcount: b.members.len(),
        team_fte: b.team_fte,
        team_median_salary,
        team_mean_salary: b.team_mean.filter(|_| {
            b.figures.iter().filter(|m| m.salary.is_some()).count() >= min_group.unwrap_or(1)
        }),
        members: b.figures,
        disciplines,
        other_disciplines,
        families,
        agencies,
        hierarchy,
        quartiles,
        composition,
        outcomes,
        untagged_outcomes,
        core_periphery,
        integration,
        findings: Vec::new(),
        further_findings: Vec::new(),
        workshop_safe: min_group,
        perceptions: None,
        relational: Vec::new(),
        relational_changes: Vec::new(),
        feedback: Vec::new(),
        feedback_changes: Vec::new(),
        side_by_side: Vec::new(),
        min_responses: None,
        quotes: Vec::new(),
        involvement: None,
        changes: None,
        robust,
    };
    // Anonymous answers are withheld under the minimum group always, names hidden or not.
    let conditions: std::collections::BTreeMap<DisciplineId, Option<f64>> = analysis
        .disciplines
        .iter()
        .map(|d| (d.id, d.figures.conditions_index))
        .collect();
    // With names hidden, how others see a profession of one or two people is how they see
    // those people: nothing is shown about a discipline smaller than the minimum.
    let hidden: std::collections::BTreeSet<DisciplineId> =
        min_group.map_or_else(std::collections::BTreeSet::new, |min| {
            analysis
                .disciplines
                .iter()
                .filter(|d| d.figures.headcount > 0 && d.figures.headcount < min)
                .map(|d| d.id)
                .collect()
        });
    analysis.perceptions = perceptions::analyse_hiding(
        team,
        &conditions,
        min_group.unwrap_or_else(|| {
            let range = crate::model::validate::MIN_GROUP_SIZE_RANGE;
            team.min_group_size.clamp(*range.start(), *range.end())
        }),
        &hidden,
    );
    analysis.relational = relational::analyse(team);
    if let Some(min) = min_group {
        let small: Vec<String> = team
            .disciplines
            .iter()
            .filter(|d| hidden.contains(&d.id))
            .map(|d| d.name.clone())
            .collect();
        relational::withhold(&mut analysis.relational, min, &small);
    }
    analysis.relational_changes = relational::changes(&analysis.relational);
    let min_responses = min_group.map(|_| team.min_responses.max(1));
    analysis.min_responses = min_responses;
    analysis.quotes = team
        .feedback
        .iter()
        .flat_map(|r| r.quotes.iter().cloned())
        .collect();
    analysis.feedback = feedback::analyse(team);
    if let Some(min) = min_responses {
        feedback::withhold(&mut analysis.feedback, min);
    }
    analysis.feedback_changes = feedback::changes(&analysis.feedback);
    analysis.side_by_side = feedback::side_by_side(
        team,
        &feedback::families_views(team, min_responses),
        &analysis.relational,
    );
    let mut all = findings::findings(team, &analysis);
    analysis.further_findings = all.split_off(all.len().min(findings::MAX_FINDINGS));
    analysis.findings = all;
    analysis
}

/// Each family's figures, from the disciplines' (already withheld, names hidden): a family
/// figure is shown with names hidden only where every one of its groups shows it.
fn families(
    b: &Base<'_>,
    disciplines: &[DisciplineFigures],
    min_group: Option<usize>,
) -> Vec<FamilyFigures> {
    Family::ALL
        .into_iter()
        .filter_map(|family| {
            let of: Vec<&DisciplineFigures> = disciplines
                .iter()
                .filter(|d| d.family == family && d.figures.headcount > 0)
                .collect();
            if of.is_empty() {
                return None;
            }
            let idx: Vec<usize> = b
                .by_discipline
                .iter()
                .filter(|(id, _)| of.iter().any(|d| d.id == *id))
                .flat_map(|(_, v)| v.iter().copied())
                .collect();
            let mut figures = group_figures(family.label(), &idx, b);
            if let Some(min) = min_group {
                let hidden = std::array::from_fn(|f| of.iter().any(|d| d.figures.is_withheld(f)));
                figures.withhold(hidden, min);
                figures.median_salary = None;
                figures.pay_gap = None;
                figures.pay_ratio_to_median = None;
                figures.median_leave_days = None;
                figures.median_training_days = None;
                figures.median_autonomy = None;
            }
            Some(FamilyFigures {
                family,
                disciplines: of.iter().map(|d| d.id).collect(),
                figures,
            })
        })
        .collect()
}

/// How many groups the workshop-safe Lorenz curve joins: as many as give each at least the
/// minimum, up to four (the chart draws the same).
pub fn lorenz_group_count(paid: usize, min_group: usize) -> usize {
    (paid / min_group.max(1)).min(4)
}

/// The members of each of those groups, lowest paid first: group j (from 1) ends at sorted
/// position `floor(j · n / groups)`. Their pay sums are what the curve shows.
fn lorenz_groups(members: &[MemberFigures], min_group: usize) -> Vec<Vec<usize>> {
    let mut paid: Vec<(f64, usize)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.salary.map(|s| (s, i)))
        .collect();
    paid.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let n = paid.len();
    let groups = lorenz_group_count(n, min_group);
    if groups < 2 {
        return Vec::new();
    }
    (1..=groups)
        .map(|j| {
            paid[(j - 1) * n / groups..j * n / groups]
                .iter()
                .map(|(_, i)| *i)
                .collect()
        })
        .collect()
}

/// Agency member lists in the order of `agencies` (which is still catalogue order here).
fn agencies_in_catalogue_order<'a>(
    b: &'a Base<'_>,
    agencies: &[AgencyFigures],
) -> Vec<&'a [usize]> {
    agencies
        .iter()
        .map(|a| grouped(&b.by_agency, a.id))
        .collect()
}

fn push_grouped<K: PartialEq + Copy>(groups: &mut Vec<(K, Vec<usize>)>, key: K, index: usize) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, list)) => list.push(index),
        None => groups.push((key, vec![index])),
    }
}

fn grouped<K: PartialEq + Copy>(groups: &[(K, Vec<usize>)], key: K) -> &[usize] {
    groups
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, v)| v.as_slice())
}

fn group_figures(name: &str, idx: &[usize], b: &Base<'_>) -> GroupFigures {
    let (members, figures) = (&b.members, &b.figures);
    let salaries: Vec<f64> = idx.iter().filter_map(|i| figures[*i].salary).collect();
    let fte: f64 = idx.iter().map(|i| figures[*i].team_fte).sum();
    let median_salary = stats::median(&salaries);
    let part = |f: fn(&ConditionsParts) -> Option<f64>| {
        stats::mean(idx.iter().filter_map(|i| f(&figures[*i].ranks)))
    };
    let team_median = b.team_median.filter(|t| *t > 0.0);
    let team_mean = b.team_mean.filter(|t| *t > 0.0);
    let mean_salary = stats::mean(salaries.iter().copied());
    GroupFigures {
        name: name.to_owned(),
        headcount: idx.len(),
        team_fte: fte,
        share_of_team_fte: (b.team_fte > 0.0).then(|| fte / b.team_fte),
        median_salary,
        mean_salary,
        pay_gap: team_median.zip(median_salary).map(|(t, g)| (t - g) / t),
        pay_ratio_to_median: team_median.zip(median_salary).map(|(t, g)| g / t),
        pay_ratio_to_mean: team_mean.zip(mean_salary).map(|(t, g)| g / t),
        mean_leave_days: stats::mean(idx.iter().filter_map(|i| members[*i].leave_days)),
        mean_training_days: stats::mean(idx.iter().filter_map(|i| members[*i].training_days)),
        mean_training_budget: stats::mean(idx.iter().filter_map(|i| members[*i].training_budget)),
        mean_autonomy: stats::mean(
            idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level()))),
        ),
        median_leave_days: stats::median(
            &idx.iter()
                .filter_map(|i| members[*i].leave_days)
                .collect::<Vec<_>>(),
        ),
        median_training_days: stats::median(
            &idx.iter()
                .filter_map(|i| members[*i].training_days)
                .collect::<Vec<_>>(),
        ),
        median_autonomy: stats::median(
            &idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level())))
                .collect::<Vec<_>>(),
        ),
        conditions_index: stats::mean(idx.iter().filter_map(|i| figures[*i].conditions_index)),
        conditions_parts: ConditionsParts {
            salary: part(|p| p.salary),
            leave: part(|p| p.leave),
            training: part(|p| p.training),
            autonomy: part(|p| p.autonomy),
        },
        core: idx.iter().filter(|i| figures[**i].core).count(),
        peripheral: idx.iter().filter(|i| !figures[**i].core).count(),
        contracted_fte: idx.iter().map(|i| members[*i].fte).sum(),
        suppressed: false,
        withheld: [false; disclosure::ATTRIBUTES],
    }
}

/// The profession with the highest and the lowest value, and the spread between them.
/// Support roles are left out: comparing a consultant with an administrator says nothing
/// about professions (docs/measures.md).
fn spread(
    disciplines: &[DisciplineFigures],
    value: impl Fn(&GroupFigures) -> Option<f64>,
) -> Option<(DisciplineId, f64, DisciplineId, f64)> {
    let with: Vec<(DisciplineId, f64)> = disciplines
        .iter()
        .filter(|d| !d.support_role && !d.figures.suppressed)
        .filter_map(|d| value(&d.figures).map(|v| (d.id, v)))
        .collect();
    let top = with.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let bottom = with.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some((top.0, top.1, bottom.0, bottom.1))
}

fn hierarchy(
    disciplines: &[DisciplineFigures],
    members: &[MemberFigures],
    salary_gini: Option<f64>,
    safe: bool,
) -> Hierarchy {
    let paid = members.iter().filter(|m| m.salary.is_some()).count();
    let mut h = Hierarchy {
        salary_gini,
        salary_gini_max: salary_gini.and((paid > 0).then(|| (paid - 1) as f64 / paid as f64)),
        support_roles_left_out: disciplines
            .iter()
            .filter(|d| d.support_role && d.figures.headcount > 0)
            .map(|d| d.id)
            .collect(),
        ..Hierarchy::default()
    };
    // Medians, but means in workshop-safe mode (where a median is one person's pay).
    let central = |g: &GroupFigures| if safe { g.mean_salary } else { g.median_salary };
    if let Some((top, hi, bottom, lo)) = spread(disciplines, central) {
        if top != bottom && lo > 0.0 {
            h.top_bottom_pay_ratio = Some(hi / lo);
            h.best_paid_discipline = Some(top);
            h.worst_paid_discipline = Some(bottom);
        }
    }
    let leave = |g: &GroupFigures| {
        if safe {
            g.mean_leave_days
        } else {
            g.median_leave_days
        }
    };
    let training = |g: &GroupFigures| {
        if safe {
            g.mean_training_days
        } else {
            g.median_training_days
        }
    };
    if let Some((top, hi, bottom, lo)) = spread(disciplines, leave) {
        if top != bottom {
            h.leave_gap_days = Some(hi - lo);
            h.most_leave_discipline = Some(top);
            h.least_leave_discipline = Some(bottom);
        }
    }
    if let Some((top, hi, bottom, lo)) = spread(disciplines, training) {
        if top != bottom {
            h.training_gap_days = Some(hi - lo);
            h.most_training_discipline = Some(top);
            h.least_training_discipline = Some(bottom);
        }
    }
    let pairs: Vec<(f64, f64)> = members
        .iter()
        .filter_map(|m| m.conditions_index.map(|s| (s, m.team_fte)))
        .collect();
    h.spearman_n = pairs.len();
    if pairs.len() >= MIN_MEMBERS_FOR_CORRELATION {
        let (index, fte): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        if let Some((rho, p)) = stats::spearman_test(&index, &fte) {
            h.conditions_coreness_spearman = Some(rho);
            h.conditions_coreness_p_value = Some(p);
        }
    }
    h
}

/// Pay quartiles the UK gender-pay-gap way: sort by FTE salary ascending; the member at
/// sorted position k (from 0) is in quartile `floor(4k / n) + 1`. In workshop-safe mode the
/// withheld disciplines are merged into `other`, the lowest and highest salaries (each one
/// person's) are left out, and the mix is withheld entirely when the merged members are too
/// few to hide among.
fn quartiles(
    team: &Team,
    members: &[MemberFigures],
    disciplines: &[DisciplineFigures],
    min_group: Option<usize>,
) -> Vec<Quartile> {
    // (salary, id, member): ids are unique, so an unstable sort is deterministic.
    let mut paid: Vec<(f64, MemberId, &MemberFigures)> = members
        .iter()
        .filter_map(|m| m.salary.map(|s| (s, m.id, m)))
        .collect();
    paid.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let n = paid.len();
    let mut quartiles: Vec<Quartile> = (1..=4)
        .map(|q| Quartile {
            quartile: q,
            headcount: 0,
            disciplines: Vec::new(),
            other: 0,
            mix_withheld: false,
            min_salary: None,
            max_salary: None,
        })
        .collect();
    let withheld: Vec<DisciplineId> = disciplines
        .iter()
        .filter(|d| d.figures.suppressed)
        .map(|d| d.id)
        .collect();
    let mut counts: Vec<HashMap<DisciplineId, usize>> = vec![HashMap::new(); 4];
    for (k, (s, _, m)) in paid.iter().enumerate() {
        let s = *s;
        let q = 4 * k / n; // 0..=3
        quartiles[q].headcount += 1;
        if min_group.is_some() && withheld.contains(&m.discipline) {
            quartiles[q].other += 1;
        } else {
            *counts[q].entry(m.discipline).or_default() += 1;
        }
        if min_group.is_none() {
            quartiles[q].min_salary = Some(quartiles[q].min_salary.map_or(s, |v: f64| v.min(s)));
            quartiles[q].max_salary = Some(quartiles[q].max_salary.map_or(s, |v: f64| v.max(s)));
        }
    }
    // Workshop-safe mode: a discipline's count in a quartile below the minimum would place
    // those few people in a pay band; it is counted with the other disciplines instead.
    if let Some(min) = min_group {
        for (q, count) in quartiles.iter_mut().zip(counts.iter_mut()) {
            count.retain(|_, n| {
                let small = *n < min;
                if small {
                    q.other += *n;
                }
                !small
            });
        }
    }
    let merged: usize = quartiles.iter().map(|q| q.other).sum();
    let mix_withheld = min_group.is_some_and(|min| merged > 0 && merged < min);
    for (q, count) in quartiles.iter_mut().zip(counts) {
        if mix_withheld {
            q.other = 0;
            q.mix_withheld = true;
            continue;
        }
        let mut order: Vec<DisciplineId> = team.disciplines.iter().map(|d| d.id).collect();
        let mut extra: Vec<DisciplineId> = count
            .keys()
            .filter(|id| !order.contains(id))
            .copied()
            .collect();
        extra.sort();
        order.extend(extra);
        q.disciplines = order
            .into_iter()
            .filter_map(|id| count.get(&id).map(|c| (id, *c)))
            .collect();
    }
    quartiles
}

fn composition(
    disciplines: &[DisciplineFigures],
    agencies: &[AgencyFigures],
    team_fte: f64,
) -> Composition {
    let dominant = agencies.first().filter(|a| a.figures.headcount > 0);
    let staffed = || disciplines.iter().filter(|d| d.figures.headcount > 0);
    let models = ProfessionalModel::ALL
        .iter()
        .filter(|m| **m != ProfessionalModel::NoModel)
        .map(|model| {
            staffed().filter(|d| d.models.contains(model)).fold(
                ModelBalance {
                    model: *model,
                    team_fte: 0.0,
                    headcount: 0,
                    disciplines: 0,
                    withheld: false,
                },
                |mut b, d| {
                    b.team_fte += d.figures.team_fte;
                    b.headcount += d.figures.headcount;
                    b.disciplines += 1;
                    b
                },
            )
        })
        .collect();
    Composition {
        discipline_blau: stats::blau(disciplines.iter().map(|d| d.figures.headcount)),
        agency_blau: stats::blau(agencies.iter().map(|a| a.figures.headcount)),
        dominant_agency: dominant.map(|a| a.id),
        dominant_agency_share: dominant
            .and_then(|a| (team_fte > 0.0).then(|| a.figures.team_fte / team_fte)),
        models,
        multi_model_disciplines: staffed().filter(|d| d.models.len() > 1).count(),
    }
}

/// Team FTE contributing to each outcome, summed over the disciplines tagged with it.
fn outcomes(team: &Team, disciplines: &[DisciplineFigures]) -> (Vec<OutcomeCover>, Vec<Outcome>) {
    let covers: Vec<OutcomeCover> = Outcome::ALL
        .iter()
        .map(|o| {
            let tagged: Vec<&DisciplineFigures> = disciplines
                .iter()
                .filter(|d| d.figures.headcount > 0)
                .filter(|d| {
                    team.discipline(d.id)
                        .is_some_and(|t| t.outcomes.contains(o))
                })
                .collect();
            OutcomeCover {
                outcome: *o,
                team_fte: tagged.iter().fold(0.0, |t, d| t + d.figures.team_fte),
                headcount: tagged.iter().map(|d| d.figures.headcount).sum(),
                disciplines: tagged.iter().map(|d| d.id).collect(),
                withheld: false,
            }
        })
        .collect();
    let untagged = covers
        .iter()
        .filter(|c| c.headcount == 0)
        .map(|c| c.outcome)
        .collect();
    (covers, untagged)
}

fn side(b: &Base<'_>, core: bool) -> Side {
    let (members, figures) = (&b.members, &b.figures);
    let idx: Vec<usize> = (0..members.len())
        .filter(|i| figures[*i].core == core)
        .collect();
    let salaries: Vec<f64> = idx.iter().filter_map(|i| figures[*i].salary).collect();
    Side {
        headcount: idx.len(),
        team_fte: idx.iter().map(|i| figures[*i].team_fte).sum(),
        median_salary: stats::median(&salaries),
        mean_salary: stats::mean(salaries.iter().copied()),
        mean_leave_days: stats::mean(idx.iter().filter_map(|i| members[*i].leave_days)),
        mean_training_days: stats::mean(idx.iter().filter_map(|i| members[*i].training_days)),
        mean_training_budget: stats::mean(idx.iter().filter_map(|i| members[*i].training_budget)),
        mean_autonomy: stats::mean(
            idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level()))),
        ),
        suppressed: false,
    }
}

fn core_periphery(team: &Team, b: &Base<'_>, disciplines: &[DisciplineFigures]) -> CorePeriphery {
    CorePeriphery {
        threshold: team.core_threshold,
        core: side(b, true),
        peripheral: side(b, false),
        mostly_peripheral: disciplines
            .iter()
            .filter(|d| d.figures.peripheral > d.figures.core)
            .map(|d| d.id)
            .collect(),
    }
}

/// The evidence for the team's place on the integration continuum (also shown beside the
/// declared level in the team panel).
pub fn integration(team: &Team) -> IntegrationProfile {
    let mut p = IntegrationProfile {
        declared: team.integration,
        headcount: team.members.len(),
        ..IntegrationProfile::default()
    };
    let mut agencies: Vec<AgencyId> = Vec::new();
    for m in &team.members {
        p.co_located += usize::from(m.co_located);
        p.split_posts += usize::from(m.team_share < 1.0);
        match m.line_manager {
            LineManager::Member(_) => p.managed_in_team += 1,
            LineManager::External { .. } => p.managed_outside += 1,
            LineManager::NoManager => p.no_manager += 1,
        }
        if !agencies.contains(&m.agency) {
            agencies.push(m.agency);
        }
    }
    p.agencies = agencies.len();
    p
}
