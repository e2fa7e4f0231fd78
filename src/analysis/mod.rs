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
//! This file runs an analysis; `figures` holds what it produces and `measures` how each
//! figure is worked out from the members.
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
pub mod portfolio;
pub mod portfolio_compare;
pub mod relational;
pub mod report;
pub mod service_map;
pub mod slides;
pub mod stats;
pub mod tables;
pub mod workbook;

mod figures;
mod measures;

use crate::model::{DisciplineId, Team};

pub(crate) use figures::Median;
use figures::Robust;
pub use figures::{
    AgencyFigures, Analysis, Composition, ConditionsParts, CorePeriphery, DisciplineFigures,
    FamilyFigures, GroupFigures, Hierarchy, IntegrationProfile, MemberFigures, ModelBalance,
    OutcomeCover, Quartile, Side,
};
pub use findings::Finding;
pub(crate) use measures::discipline_figures;
use measures::{
    agencies_in_catalogue_order, base, composition, core_periphery, discipline_groups, families,
    group_figures, grouped, hierarchy, lorenz_groups, outcomes, quartiles, spread, Base,
};
pub use measures::{integration, lorenz_group_count};

/// The rank correlation between conditions and time in team is reported only from this many
/// members: below it, almost any ordering looks like a pattern (docs/measures.md).
pub const MIN_MEMBERS_FOR_CORRELATION: usize = 10;

/// Analyse a team for its manager: every figure. Members whose discipline or agency is missing
/// from the catalogues (an invalid team) are still counted, under "?".
pub fn analyse(team: &Team) -> Analysis {
    with_changes(team, analyse_with(team, None, &[]))
}

/// What may be shown with names hidden: workshop-safe mode. Every figure of a group smaller
/// than `min_group` is withheld, and so is any group whose figures, set against the team's
/// and the other groups', would give away one person's (docs/measures.md, "Workshop-safe
/// mode"). Findings are made from what is left, so none names a withheld group.
pub fn analyse_workshop_safe(team: &Team, min_group: usize) -> Analysis {
    with_changes(team, analyse_one(team, Some(min_group)))
}

/// [`analyse_workshop_safe`] of a team whose members' figures the room can also read
/// elsewhere: `known` are the groups (by member) another release shows sums of (each team's
/// own workshop, beside the whole service's). They count as shown in the disclosure check,
/// so groups here are withheld until nobody can be worked out from both; where someone still
/// can, [`Analysis::exposed_elsewhere`] says for which figures, and nothing of them may be
/// shown. Only what the `known` sums do not give away already counts.
pub fn analyse_workshop_safe_knowing(team: &Team, min_group: usize, known: &[Known]) -> Analysis {
    let range = crate::model::validate::MIN_GROUP_SIZE_RANGE;
    let min = min_group.clamp(*range.start(), *range.end());
    with_changes(team, analyse_with(team, Some(min), known))
}

/// A group (by member) whose sums another release shows, and for which figures.
pub type Known = (Vec<crate::model::MemberId>, disclosure::Figures);

/// The groups (by member) whose sums `team`'s own workshop shows at `min_group`, each with
/// the figures it shows them for, and the whole team: what another release can set against
/// it.
pub fn shown_sums(team: &Team, min_group: usize) -> Vec<Known> {
    let b = base(team);
    let agencies = agency_groups(team, &b);
    let withheld = disclosure::withheld(&disclosure_groups(&b, &agencies, min_group, Vec::new()));
    let ids = |idx: &[usize]| idx.iter().map(|i| b.members[*i].id).collect::<Vec<_>>();
    let shown = |hidden: &disclosure::Figures| -> disclosure::Figures {
        std::array::from_fn(|a| !hidden[a])
    };
    let everyone: Vec<usize> = (0..b.members.len()).collect();
    let mut out: Vec<Known> = vec![(ids(&everyone), [true; disclosure::ATTRIBUTES])];
    for (k, (_, idx)) in b.by_discipline.iter().enumerate() {
        if let Some(hidden) = withheld.disciplines.get(k) {
            out.push((ids(idx), shown(hidden)));
        }
    }
    for (k, idx) in agencies_in_catalogue_order(&b, &agencies)
        .iter()
        .enumerate()
    {
        if let Some(hidden) = withheld.agencies.get(k) {
            out.push((ids(idx), shown(hidden)));
        }
    }
    let core: Vec<usize> = (0..b.figures.len())
        .filter(|i| b.figures[*i].core)
        .collect();
    let peripheral: Vec<usize> = (0..b.figures.len())
        .filter(|i| !b.figures[*i].core)
        .collect();
    out.push((ids(&core), shown(&withheld.core)));
    out.push((ids(&peripheral), shown(&withheld.peripheral)));
    if !withheld.fixed_salary_sets {
        let mut salary = [false; disclosure::ATTRIBUTES];
        salary[disclosure::SALARY] = true;
        out.extend(
            lorenz_groups(&b.figures, min_group)
                .iter()
                .map(|set| (ids(set), salary)),
        );
    }
    out.retain(|(g, _)| !g.is_empty());
    out
}

/// The groups the disclosure check weighs, from the team's base.
fn disclosure_groups<'a>(
    b: &'a Base<'_>,
    agencies: &[AgencyFigures],
    min: usize,
    known: Vec<(Vec<usize>, disclosure::Figures)>,
) -> disclosure::Groups<'a> {
    disclosure::Groups {
        members: &b.members,
        figures: &b.figures,
        disciplines: b
            .by_discipline
            .iter()
            .map(|(_, idx)| idx.as_slice())
            .collect(),
        agencies: agencies_in_catalogue_order(b, agencies),
        core_side: (0..b.figures.len())
            .filter(|i| b.figures[*i].core)
            .collect(),
        fixed_salary_sets: lorenz_groups(&b.figures, min),
        known,
        min_group: min,
    }
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
        &[],
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

fn analyse_with(team: &Team, min_group: Option<usize>, known: &[Known]) -> Analysis {
    let b = base(team);
    let mut disciplines = discipline_groups(team, &b);
    let mut agencies = agency_groups(team, &b);
    let mut core_periphery = core_periphery(team, &b, &disciplines);
    let mut other_disciplines = None;
    let mut lorenz_withheld = false;
    let mut team_median_salary = b.team_median;
    let paid = b.figures.iter().filter(|m| m.salary.is_some()).count();
    let mut salary_gini = stats::gini(
        &b.figures
            .iter()
            .filter_map(|m| m.salary)
            .collect::<Vec<_>>(),
    );
    // Before anything is withheld: the medians the findings check means against.
    let robust = Robust::of(&disciplines, &core_periphery);
    let mut exposed_elsewhere = [false; disclosure::ATTRIBUTES];
    if let Some(min) = min_group {
        let mut groups = Groups {
            disciplines: &mut disciplines,
            agencies: &mut agencies,
            core_periphery: &mut core_periphery,
        };
        let index: std::collections::HashMap<crate::model::MemberId, usize> = b
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        let known: Vec<(Vec<usize>, disclosure::Figures)> = known
            .iter()
            .map(|(g, shown)| {
                (
                    g.iter().filter_map(|id| index.get(id).copied()).collect(),
                    *shown,
                )
            })
            .collect();
        (other_disciplines, lorenz_withheld, exposed_elsewhere) = groups.withhold(&b, min, known);
        if paid < min {
            salary_gini = None;
        }
        // A median is one person's figure (or two people's mean): anyone who can order a group
        // by seniority learns that person's pay. With names hidden, pay is shown as means,
        // whose sums the check above protects.
        team_median_salary = None;
        groups.clear_medians(other_disciplines.as_mut());
    }
    let families = families(&b, &disciplines, min_group);
    sort_for_the_ladder(&mut disciplines, &mut agencies);
    let mut hierarchy = hierarchy(&disciplines, &b.figures, salary_gini, min_group.is_some());
    hierarchy.lorenz_groups = match min_group {
        _ if lorenz_withheld => 0,
        Some(min) => lorenz_group_count(paid, min),
        None => paid,
    };
    let quartiles = quartiles(team, &b.figures, &disciplines, min_group);
    let mut composition = composition(&disciplines, &agencies, b.team_fte);
    let (mut outcomes, untagged_outcomes) = outcomes(team, &disciplines);
    if let Some(min) = min_group {
        withhold_small_shares(&mut composition, &mut outcomes, min);
    }
    let mut analysis = Analysis {
        team_name: team.name.clone(),
        headcount: b.members.len(),
        team_fte: b.team_fte,
        team_median_salary,
        team_mean_salary: b.team_mean.filter(|_| paid >= min_group.unwrap_or(1)),
        members: b.figures,
        disciplines,
        other_disciplines,
        families,
        agencies,
        hierarchy,
        quartiles,
        composition,
        framework: team.framework,
        outcomes,
        untagged_outcomes,
        core_periphery,
        integration: integration(team),
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
        exposed_elsewhere,
    };
    analyse_rounds(team, &mut analysis, min_group);
    let mut all = findings::findings(team, &analysis);
    analysis.further_findings = all.split_off(all.len().min(findings::MAX_FINDINGS));
    analysis.findings = all;
    analysis
}

/// Each agency's figures, in the catalogue's order, then any agency a member names that the
/// catalogue does not.
fn agency_groups(team: &Team, b: &Base<'_>) -> Vec<AgencyFigures> {
    let mut agencies: Vec<AgencyFigures> = team
        .agencies
        .iter()
        .map(|a| AgencyFigures {
            id: a.id,
            figures: group_figures(&a.name, grouped(&b.by_agency, a.id), b),
        })
        .collect();
    for (id, idx) in b.by_agency.iter().skip(team.agencies.len()) {
        agencies.push(AgencyFigures {
            id: *id,
            figures: group_figures("?", idx, b),
        });
    }
    agencies
}

impl Robust {
    fn of(disciplines: &[DisciplineFigures], core_periphery: &CorePeriphery) -> Self {
        Self {
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
        }
    }
}

/// The groups whose conditions the room sees, while names are hidden.
struct Groups<'g> {
    disciplines: &'g mut [DisciplineFigures],
    agencies: &'g mut [AgencyFigures],
    core_periphery: &'g mut CorePeriphery,
}

impl Groups<'_> {
    /// Withhold every figure that would give away one person's (see `disclosure`), and
    /// gather the disciplines withheld whole as "Other disciplines" where there are `min` of
    /// them. Returns that group, whether the Lorenz curve's fixed salary sets are withheld,
    /// and the figures that would give someone away whatever is withheld.
    fn withhold(
        &mut self,
        b: &Base<'_>,
        min: usize,
        known: Vec<(Vec<usize>, disclosure::Figures)>,
    ) -> (Option<GroupFigures>, bool, disclosure::Figures) {
        let withheld = disclosure::withheld(&disclosure_groups(b, self.agencies, min, known));
        let mut other: Vec<usize> = Vec::new();
        let everything = [true; disclosure::ATTRIBUTES];
        for (k, d) in self.disciplines.iter_mut().enumerate() {
            let hidden = *withheld.disciplines.get(k).unwrap_or(&everything);
            d.figures.withhold(hidden, min);
            if d.figures.fully_withheld() {
                other.extend_from_slice(&b.by_discipline[k].1);
            }
        }
        // Which figures every other discipline shows: only then is the withheld disciplines'
        // figure their complement, which the team's and the shown groups' sums give anyway.
        let shown_everywhere: disclosure::Figures = std::array::from_fn(|f| {
            self.disciplines
                .iter()
                .filter(|d| d.figures.headcount > 0 && !d.figures.fully_withheld())
                .all(|d| !d.figures.is_withheld(f))
        });
        for (k, a) in self.agencies.iter_mut().enumerate() {
            a.figures
                .withhold(*withheld.agencies.get(k).unwrap_or(&everything), min);
        }
        self.core_periphery.core.withhold(withheld.core, min);
        self.core_periphery
            .peripheral
            .withhold(withheld.peripheral, min);
        let other_disciplines = (other.len() >= min).then(|| {
            let mut g = group_figures("Other disciplines", &other, b);
            g.withhold(std::array::from_fn(|f| !shown_everywhere[f]), min);
            g
        });
        (
            other_disciplines,
            withheld.fixed_salary_sets,
            withheld.residual,
        )
    }

    /// No medians in the room: each is one person's figure, or two people's mean.
    fn clear_medians(&mut self, other: Option<&mut GroupFigures>) {
        for g in self
            .disciplines
            .iter_mut()
            .map(|d| &mut d.figures)
            .chain(self.agencies.iter_mut().map(|a| &mut a.figures))
            .chain(other)
        {
            g.median_salary = None;
            g.pay_gap = None;
            g.pay_ratio_to_median = None;
            g.median_leave_days = None;
            g.median_training_days = None;
            g.median_autonomy = None;
        }
        for side in [
            &mut self.core_periphery.core,
            &mut self.core_periphery.peripheral,
        ] {
            side.median_salary = None;
        }
    }
}

/// The conditions ladder: highest first, undefined and withheld last, ties by name; agencies
/// by their time in the team.
fn sort_for_the_ladder(disciplines: &mut [DisciplineFigures], agencies: &mut [AgencyFigures]) {
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
}

/// Time in team is known in the room, but a figure for fewer than the minimum is still a
/// figure about them: withheld for a model or an outcome held by so few.
fn withhold_small_shares(composition: &mut Composition, outcomes: &mut [OutcomeCover], min: usize) {
    for m in &mut composition.models {
        if m.headcount > 0 && m.headcount < min {
            m.team_fte = 0.0;
            m.withheld = true;
        }
    }
    for o in outcomes {
        if o.headcount > 0 && o.headcount < min {
            o.team_fte = 0.0;
            o.withheld = true;
        }
    }
}

/// The anonymous rounds: staff perceptions, relational instruments and families' feedback,
/// each withheld under its minimum (always, names hidden or not, for answers).
fn analyse_rounds(team: &Team, analysis: &mut Analysis, min_group: Option<usize>) {
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
}
