//! Findings: short, ranked sentences a manager could read out in a workshop. Each states its
//! figures with their counts, appears only when the data clears a named threshold, and is
//! worded as what the data shows, not what causes it (docs/measures.md, "Findings").
//!
//! Findings are made from the analysis they are part of; in workshop-safe mode that analysis
//! has its small groups withheld already, so no finding can name one.

use crate::model::{AgencyId, DisciplineId, Integration, MemberId, ProfessionalModel, Team};

mod rounds;

use super::{Analysis, Median};
use crate::format::{count, money};
pub use rounds::ordinal;
use rounds::{climate_gaps, families_changes, perception_gaps, round_changes};

/// A pay ratio between the best- and worst-paid professions worth mentioning.
pub const PAY_RATIO_NOTABLE: f64 = 1.5;
/// A spread of the conditions ladder (0 to 1) between its top and foot worth mentioning.
pub const LADDER_SPREAD_NOTABLE: f64 = 0.3;
/// |Spearman ρ| from which the conditions–time-in-team pattern is "loose"…
pub const SPEARMAN_LOOSE: f64 = 0.3;
/// …and from which it is "clear".
pub const SPEARMAN_CLEAR: f64 = 0.5;
/// A permutation p-value under this is called unlikely to be chance.
pub const P_VALUE_CHANCE: f64 = 0.05;
/// Share of peripheral members from one agency worth mentioning (with at least 2 of them).
pub const PERIPHERAL_AGENCY_SHARE: f64 = 0.5;
pub const MIN_PERIPHERAL_FOR_AGENCY_FINDING: usize = 2;
/// Gaps between the profession with the most and the least, in days a year.
pub const TRAINING_GAP_NOTABLE_DAYS: f64 = 3.0;
pub const LEAVE_GAP_NOTABLE_DAYS: f64 = 4.0;
/// One agency providing this share of the team's time dominates it.
pub const DOMINANT_AGENCY_SHARE: f64 = 0.6;
/// One professional model held by disciplines with this share of the team's time dominates.
pub const DOMINANT_MODEL_SHARE: f64 = 0.5;
/// Core and peripheral median pay differing by this factor is worth mentioning.
pub const CORE_PERIPHERY_PAY_RATIO: f64 = 1.15;
/// Autonomy gap (on the 1–5 scale) between professions worth mentioning.
pub const AUTONOMY_GAP_NOTABLE: f64 = 2.0;
/// A discipline seen this many places higher or lower than its conditions rank is worth
/// mentioning.
pub const PERCEPTION_RANK_GAP_NOTABLE: f64 = 2.0;
/// With names hidden, a comparison of means is stated only when the medians (computed, never
/// shown) point the same way and differ by at least this share: otherwise one or two people
/// may be driving the means.
pub const ROBUST_MEDIAN_DIFFERENCE: f64 = 0.05;
/// At most this many findings are listed.
pub const MAX_FINDINGS: usize = 8;

/// What a finding is about, so the UI can open the right chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingKind {
    PayRatio,
    ConditionsLadder,
    ConditionsCoreness,
    PeripheryAgency,
    UntaggedOutcome,
    TrainingGap,
    LeaveGap,
    AutonomyGap,
    DominantAgency,
    DominantModel,
    ModelGap,
    CorePeripheryPay,
    MostlyPeripheral,
    IntegrationMismatch,
    PerceptionGap,
    /// A team factor clearly apart between two groups of one round.
    ClimateGap,
    /// A team factor clearly moved for a group between two rounds.
    RoundChange,
    /// What families say about the team working together clearly moved between periods.
    FamiliesChange,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub kind: FindingKind,
    pub text: String,
    /// How far past its threshold the figure is (1 = just past it): the ranking key.
    pub strength: f64,
    /// Disciplines and members to highlight on the map.
    pub disciplines: Vec<DisciplineId>,
    pub members: Vec<MemberId>,
}

impl Finding {
    fn new(kind: FindingKind, text: String, strength: f64) -> Self {
        Self {
            kind,
            text,
            strength,
            disciplines: Vec::new(),
            members: Vec::new(),
        }
    }

    fn about(mut self, a: &Analysis, disciplines: &[DisciplineId]) -> Self {
        self.disciplines = disciplines.to_vec();
        self.members = disciplines.iter().flat_map(|d| members_of(a, *d)).collect();
        self
    }
}

fn days(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn members_of(a: &Analysis, d: DisciplineId) -> Vec<MemberId> {
    a.members
        .iter()
        .filter(|m| m.discipline == d)
        .map(|m| m.id)
        .collect()
}

/// "; professions only: Administration left out as a support role", where one was.
pub fn professions_note(a: &Analysis) -> String {
    let left: Vec<&str> = a
        .hierarchy
        .support_roles_left_out
        .iter()
        .map(|d| a.discipline_name(*d))
        .collect();
    // A withheld group is never named, even to say it was left out.
    if a.min_group().is_some() && !left.is_empty() {
        return "; professions only: support roles left out".to_owned();
    }
    match left.as_slice() {
        [] => String::new(),
        [one] => format!("; professions only: {one} left out as a support role"),
        many => format!(
            "; professions only: {} left out as support roles",
            many.join(", ")
        ),
    }
}

/// Whether `high` exceeds `low` by at least [`ROBUST_MEDIAN_DIFFERENCE`] of `low` (any
/// positive amount over a low of 0); false when either is unknown.
pub fn medians_agree(high: Option<f64>, low: Option<f64>) -> bool {
    match (high, low) {
        (Some(h), Some(l)) => h > l && h - l >= ROBUST_MEDIAN_DIFFERENCE * l.abs(),
        _ => false,
    }
}

/// With names hidden, whether the robust medians of `top` and `bottom` support a finding
/// that `top`'s mean is above `bottom`'s; always true in the manager's view, which states
/// medians.
fn holds(a: &Analysis, top: DisciplineId, bottom: DisciplineId, which: Median) -> bool {
    a.min_group().is_none()
        || medians_agree(a.robust_median(top, which), a.robust_median(bottom, which))
}

/// How a comparison between two professions speaks of them: with names hidden, means of
/// groups of at least the minimum; in the manager's view medians, but where a side is one
/// person, of that person ("for the one person in Careers"), not of a profession.
struct Sides<'a> {
    a: &'a Analysis,
    /// "Mean funded training", "Median funded training" or "Funded training".
    lead: String,
    /// Some side is one person (manager's view only).
    mixed: bool,
}

impl Sides<'_> {
    fn one(&self, d: DisciplineId) -> bool {
        self.a.min_group().is_none() && headcount(self.a, d) == 1
    }

    /// "10 days a year in Social work", "10 days a year for the one person in Careers", or
    /// beside one person "a median of 1 in Early years".
    fn at(&self, d: DisciplineId, value: &str) -> String {
        let name = self.a.discipline_name(d);
        if self.one(d) {
            format!("{value} for the one person in {name}")
        } else if self.mixed {
            format!("a median of {value} in {name}")
        } else {
            format!("{value} in {name}")
        }
    }
}

fn sides<'a>(a: &'a Analysis, thing: &str, top: DisciplineId, bottom: DisciplineId) -> Sides<'a> {
    let one = |d| a.min_group().is_none() && headcount(a, d) == 1;
    let mixed = one(top) || one(bottom);
    let lead = if a.min_group().is_some() {
        format!("Mean {thing}")
    } else if mixed {
        let mut c = thing.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    } else {
        format!("Median {thing}")
    };
    Sides { a, lead, mixed }
}

/// A p-value as a finding writes it: "p = 0.04", or "p < 0.001" rather than "p = 0.00".
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_owned()
    } else if p < 0.01 {
        format!("p = {p:.3}")
    } else {
        format!("p = {p:.2}")
    }
}

/// "loosely" or "clearly", by the named thresholds.
pub fn strength_word(rho: f64) -> &'static str {
    if rho.abs() >= SPEARMAN_CLEAR {
        "clearly"
    } else {
        "loosely"
    }
}

pub fn findings(team: &Team, a: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    pay_ratio(a, &mut out);
    conditions_ladder(a, &mut out);
    conditions_coreness(a, &mut out);
    periphery_agency(team, a, &mut out);
    untagged_outcomes(a, &mut out);
    gaps(a, &mut out);
    dominant_agency(a, &mut out);
    models(a, &mut out);
    core_periphery(a, &mut out);
    integration(a, &mut out);
    perception_gaps(a, &mut out);
    climate_gaps(a, &mut out);
    round_changes(a, &mut out);
    families_changes(a, &mut out);
    // Strongest first; the caller lists the first MAX_FINDINGS and keeps the rest for slides.
    out.sort_by(|x, y| y.strength.total_cmp(&x.strength));
    out
}

fn headcount(a: &Analysis, d: DisciplineId) -> usize {
    a.discipline(d).map_or(0, |f| f.figures.headcount)
}

fn pay_ratio(a: &Analysis, out: &mut Vec<Finding>) {
    let h = &a.hierarchy;
    let (Some(ratio), Some(top), Some(bottom)) = (
        h.top_bottom_pay_ratio,
        h.best_paid_discipline,
        h.worst_paid_discipline,
    ) else {
        return;
    };
    if ratio < PAY_RATIO_NOTABLE {
        return;
    }
    // Medians, or means with names hidden (a median would be one person's pay), which the
    // medians must bear out.
    if !holds(a, top, bottom, Median::Salary) {
        return;
    }
    let safe = a.min_group().is_some();
    let pay = |d| {
        a.discipline(d)
            .and_then(|f| {
                if safe {
                    f.figures.mean_salary
                } else {
                    f.figures.median_salary
                }
            })
            .map_or_else(|| "n/a".to_owned(), money)
    };
    let s = sides(a, "full-time pay", top, bottom);
    let (name_top, name_bottom) = (a.discipline_name(top), a.discipline_name(bottom));
    let subject = match (s.one(top), s.one(bottom)) {
        (true, true) => format!(
            "Full-time pay for the one person in {name_top} is {ratio:.1} times that of the one person in {name_bottom}"
        ),
        (true, false) => format!(
            "Full-time pay for the one person in {name_top} is {ratio:.1} times the median in {name_bottom}"
        ),
        (false, true) => format!(
            "Median full-time pay in {name_top} is {ratio:.1} times the pay of the one person in {name_bottom}"
        ),
        (false, false) => format!("{} in {name_top} is {ratio:.1} times that in {name_bottom}", s.lead),
    };
    out.push(
        Finding::new(
            FindingKind::PayRatio,
            format!(
                "{subject} ({} against {}; n = {} and {}{})",
                pay(top),
                pay(bottom),
                headcount(a, top),
                headcount(a, bottom),
                professions_note(a)
            ),
            ratio / PAY_RATIO_NOTABLE,
        )
        .about(a, &[top, bottom]),
    );
}

fn conditions_ladder(a: &Analysis, out: &mut Vec<Finding>) {
    let ranked: Vec<_> = a
        .disciplines
        .iter()
        .filter(|d| !d.support_role && !d.figures.suppressed)
        .filter(|d| d.figures.conditions_index.is_some())
        .collect();
    let (Some(first), Some(last)) = (ranked.first(), ranked.last()) else {
        return;
    };
    if ranked.len() < 3 {
        return;
    }
    let (hi, lo) = (
        first.figures.conditions_index.unwrap_or(0.0),
        last.figures.conditions_index.unwrap_or(0.0),
    );
    if hi - lo < LADDER_SPREAD_NOTABLE {
        return;
    }
    out.push(
        Finding::new(
            FindingKind::ConditionsLadder,
            format!(
                "On pay, leave, training and autonomy together, conditions are best in {} (conditions index {hi:.2}, n = {}) and poorest in {} ({lo:.2}, n = {}{})",
                first.figures.name,
                first.figures.headcount,
                last.figures.name,
                last.figures.headcount,
                professions_note(a)
            ),
            (hi - lo) / LADDER_SPREAD_NOTABLE,
        )
        .about(a, &[first.id, last.id]),
    );
}

fn conditions_coreness(a: &Analysis, out: &mut Vec<Finding>) {
    let h = &a.hierarchy;
    let (Some(rho), Some(p)) = (
        h.conditions_coreness_spearman,
        h.conditions_coreness_p_value,
    ) else {
        return;
    };
    if rho.abs() < SPEARMAN_LOOSE {
        return;
    }
    let direction = if rho < 0.0 { "less" } else { "more" };
    let chance = if p < P_VALUE_CHANCE {
        String::new()
    } else {
        "; a pattern this strong could arise by chance in a team this size".to_owned()
    };
    out.push(Finding::new(
        FindingKind::ConditionsCoreness,
        format!(
            "Members with better conditions tend to spend {direction} of their week in the team: {} related (Spearman ρ = {rho:.2}, permutation {}, n = {}{chance})",
            strength_word(rho),
            p_text(p),
            h.spearman_n
        ),
        // The negative pattern is the one the research warns of: rank it higher; and a
        // pattern that could be chance lower.
        rho.abs() / SPEARMAN_LOOSE
            * if rho < 0.0 { 1.5 } else { 1.0 }
            * if p < P_VALUE_CHANCE { 1.0 } else { 0.6 },
    ));
}

fn agency_shown(a: &Analysis, id: AgencyId) -> bool {
    a.agency(id).is_some_and(|x| !x.figures.suppressed)
}

fn periphery_agency(team: &Team, a: &Analysis, out: &mut Vec<Finding>) {
    let peripheral: Vec<_> = a.members.iter().filter(|m| !m.core).collect();
    if peripheral.len() < MIN_PERIPHERAL_FOR_AGENCY_FINDING {
        return;
    }
    let mut by_agency: Vec<(AgencyId, usize)> = Vec::new();
    for m in &peripheral {
        match by_agency.iter_mut().find(|(id, _)| *id == m.agency) {
            Some((_, n)) => *n += 1,
            None => by_agency.push((m.agency, 1)),
        }
    }
    by_agency.sort_by_key(|x| std::cmp::Reverse(x.1));
    let Some((agency, n)) = by_agency.first().copied() else {
        return;
    };
    let share = n as f64 / peripheral.len() as f64;
    if share >= PERIPHERAL_AGENCY_SHARE
        && team.host_agency != Some(agency)
        && n >= MIN_PERIPHERAL_FOR_AGENCY_FINDING
        && agency_shown(a, agency)
    {
        let mut f = Finding::new(
            FindingKind::PeripheryAgency,
            format!(
                "{n} of the {} peripheral members work for {} (n = {} from that agency)",
                peripheral.len(),
                a.agency_name(agency),
                a.agency(agency).map_or(0, |x| x.figures.headcount)
            ),
            share / PERIPHERAL_AGENCY_SHARE,
        );
        f.members = peripheral
            .iter()
            .filter(|m| m.agency == agency)
            .map(|m| m.id)
            .collect();
        out.push(f);
    }
}

fn untagged_outcomes(a: &Analysis, out: &mut Vec<Finding>) {
    if a.headcount == 0 {
        return;
    }
    for outcome in &a.untagged_outcomes {
        out.push(Finding::new(
            FindingKind::UntaggedOutcome,
            format!(
                "No discipline is tagged with the {} {} “{}”: how does each profession here contribute to it? ({} disciplines, n = {})",
                crate::model::framework::dated(a.framework),
                a.framework.parts().trim_end_matches('s'),
                outcome.label(),
                a.disciplines.iter().filter(|d| d.figures.headcount > 0).count(),
                a.headcount
            ),
            1.2,
        ));
    }
}

/// Gaps in leave, training and autonomy between professions: medians, so one person cannot
/// drive them, or means with names hidden (where a median would be one person's figure).
fn gaps(a: &Analysis, out: &mut Vec<Finding>) {
    type Figure = fn(&super::GroupFigures) -> Option<f64>;
    let h = &a.hierarchy;
    let safe = a.min_group().is_some();
    let get = |d: DisciplineId, f: fn(&super::GroupFigures) -> Option<f64>| {
        a.discipline(d).and_then(|x| f(&x.figures)).unwrap_or(0.0)
    };
    let (training, leave, autonomy): (Figure, Figure, Figure) = if safe {
        (
            |g| g.mean_training_days,
            |g| g.mean_leave_days,
            |g| g.mean_autonomy,
        )
    } else {
        (
            |g| g.median_training_days,
            |g| g.median_leave_days,
            |g| g.median_autonomy,
        )
    };
    if let (Some(gap), Some(top), Some(bottom)) = (
        h.training_gap_days,
        h.most_training_discipline,
        h.least_training_discipline,
    ) {
        if gap >= TRAINING_GAP_NOTABLE_DAYS && holds(a, top, bottom, Median::Training) {
            let s = sides(a, "funded training", top, bottom);
            out.push(
                Finding::new(
                    FindingKind::TrainingGap,
                    format!(
                        "{} is {} and {} (n = {} and {}{})",
                        s.lead,
                        s.at(top, &format!("{} days a year", days(get(top, training)))),
                        s.at(bottom, &days(get(bottom, training))),
                        headcount(a, top),
                        headcount(a, bottom),
                        professions_note(a)
                    ),
                    gap / TRAINING_GAP_NOTABLE_DAYS,
                )
                .about(a, &[top, bottom]),
            );
        }
    }
    if let (Some(gap), Some(top), Some(bottom)) = (
        h.leave_gap_days,
        h.most_leave_discipline,
        h.least_leave_discipline,
    ) {
        if gap >= LEAVE_GAP_NOTABLE_DAYS && holds(a, top, bottom, Median::Leave) {
            let s = sides(a, "annual leave", top, bottom);
            out.push(
                Finding::new(
                    FindingKind::LeaveGap,
                    format!(
                        "{} runs from {} to {} a year, full time (n = {} and {}{})",
                        s.lead,
                        s.at(bottom, &format!("{} days", days(get(bottom, leave)))),
                        s.at(top, &format!("{} days", days(get(top, leave)))),
                        headcount(a, bottom),
                        headcount(a, top),
                        professions_note(a)
                    ),
                    gap / LEAVE_GAP_NOTABLE_DAYS,
                )
                .about(a, &[top, bottom]),
            );
        }
    }
    if let Some((top, hi, bottom, lo)) = super::spread(&a.disciplines, autonomy) {
        if hi - lo >= AUTONOMY_GAP_NOTABLE && holds(a, top, bottom, Median::Autonomy) {
            let s = sides(a, "autonomy in decisions", top, bottom);
            out.push(
                Finding::new(
                    FindingKind::AutonomyGap,
                    format!(
                        "{} is {} and {} (n = {} and {}{})",
                        s.lead,
                        s.at(top, &format!("{hi:.1} of 5")),
                        s.at(bottom, &format!("{lo:.1}")),
                        headcount(a, top),
                        headcount(a, bottom),
                        professions_note(a)
                    ),
                    (hi - lo) / AUTONOMY_GAP_NOTABLE,
                )
                .about(a, &[top, bottom]),
            );
        }
    }
}

/// The dominant agency, and what follows from it: whether the members from the other
/// agencies are the ones on the edge.
fn dominant_agency(a: &Analysis, out: &mut Vec<Finding>) {
    let (Some(agency), Some(share)) = (
        a.composition.dominant_agency,
        a.composition.dominant_agency_share,
    ) else {
        return;
    };
    let staffed = a
        .agencies
        .iter()
        .filter(|x| x.figures.headcount > 0)
        .count();
    if share < DOMINANT_AGENCY_SHARE || staffed < 2 || !agency_shown(a, agency) {
        return;
    }
    let own: Vec<_> = a.members.iter().filter(|m| m.agency == agency).collect();
    let others: Vec<_> = a.members.iter().filter(|m| m.agency != agency).collect();
    let edge = |list: &[&super::MemberFigures]| list.iter().filter(|m| !m.core).count();
    let (own_edge, other_edge) = (edge(&own), edge(&others));
    let rate = |k: usize, n: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    let (own_rate, other_rate) = (rate(own_edge, own.len()), rate(other_edge, others.len()));
    let name = a.agency_name(agency);
    let follows = if other_rate > own_rate {
        format!(
            "; members from the other agencies are more often on the edge: {other_edge} of {} against {own_edge} of {} from {name}",
            others.len(),
            own.len()
        )
    } else {
        format!(
            "; members from the other agencies are no more often on the edge ({other_edge} of {} against {own_edge} of {} from {name})",
            others.len(),
            own.len()
        )
    };
    let mut f = Finding::new(
        FindingKind::DominantAgency,
        format!(
            "{name} provides {:.0}% of the team's time ({} of {} members){follows}",
            share * 100.0,
            own.len(),
            a.headcount
        ),
        // A dominant agency matters most when the others sit at the edge.
        share / DOMINANT_AGENCY_SHARE * (1.0 + (other_rate - own_rate).max(0.0)),
    );
    f.members = others.iter().filter(|m| !m.core).map(|m| m.id).collect();
    out.push(f);
}

/// The balance of professional models: one that dominates, and medical without social (or
/// social without medical), which the research asks to complement each other.
fn models(a: &Analysis, out: &mut Vec<Finding>) {
    if a.team_fte <= 0.0 {
        return;
    }
    let c = &a.composition;
    let holding = |model: ProfessionalModel| {
        a.disciplines
            .iter()
            .filter(|d| d.figures.headcount > 0 && d.models.contains(&model))
            .map(|d| d.id)
            .collect::<Vec<_>>()
    };
    if let Some(top) = c
        .models
        .iter()
        .max_by(|x, y| x.team_fte.total_cmp(&y.team_fte))
    {
        let share = top.team_fte / a.team_fte;
        // Disciplines can hold several models: one dominates only when the next is far behind.
        let runner_up = c
            .models
            .iter()
            .filter(|m| m.model != top.model)
            .map(|m| m.team_fte / a.team_fte)
            .fold(0.0, f64::max);
        if share >= DOMINANT_MODEL_SHARE && runner_up < share / 2.0 && top.headcount < a.headcount {
            let mut others: Vec<String> = c
                .models
                .iter()
                .filter(|m| m.model != top.model && m.headcount > 0 && !m.withheld)
                .map(|m| {
                    format!(
                        "{} {:.0}%",
                        m.model.label(),
                        m.team_fte / a.team_fte * 100.0
                    )
                })
                .collect();
            // Models held by fewer than the minimum (names hidden) are named, not measured.
            let few: Vec<&str> = c
                .models
                .iter()
                .filter(|m| m.model != top.model && m.withheld)
                .map(|m| m.model.label())
                .collect();
            if !few.is_empty() {
                others.push(format!(
                    "{} held by {}",
                    few.join(" and "),
                    super::report::withheld(a)
                ));
            }
            let rest = if others.is_empty() {
                "; no other model is held".to_owned()
            } else {
                format!(" (others: {})", others.join(", "))
            };
            out.push(
                Finding::new(
                    FindingKind::DominantModel,
                    format!(
                        "Disciplines holding the {} model account for {:.0}% of the team's time ({} of {} members){rest}. How do the other frameworks complement it?",
                        top.model.label(),
                        share * 100.0,
                        top.headcount,
                        a.headcount
                    ),
                    share / DOMINANT_MODEL_SHARE,
                )
                .about(a, &holding(top.model)),
            );
        }
    }
    let get = |model| c.models.iter().find(|m| m.model == model);
    if let (Some(medical), Some(social)) = (
        get(ProfessionalModel::Medical),
        get(ProfessionalModel::Social),
    ) {
        let (held, missing) = match (medical.headcount > 0, social.headcount > 0) {
            (true, false) => (medical, "social"),
            (false, true) => (social, "medical"),
            _ => return,
        };
        out.push(
            Finding::new(
                FindingKind::ModelGap,
                format!(
                    "The {} model is held ({}, n = {}) but no discipline holds the {missing} model: who brings that view of children's needs?",
                    held.model.label(),
                    count(held.disciplines, "discipline", "disciplines"),
                    held.headcount
                ),
                1.3,
            )
            .about(a, &holding(held.model)),
        );
    }
}

fn core_periphery(a: &Analysis, out: &mut Vec<Finding>) {
    let cp = &a.core_periphery;
    let (core_pay, edge_pay, word) = if a.min_group().is_some() {
        (cp.core.mean_salary, cp.peripheral.mean_salary, "mean")
    } else {
        (cp.core.median_salary, cp.peripheral.median_salary, "median")
    };
    if let (Some(core), Some(edge)) = (core_pay, edge_pay) {
        if core > 0.0 && edge > 0.0 {
            let ratio = (edge / core).max(core / edge);
            // With names hidden these are means: one consultant at the edge can make the edge
            // look better paid. The medians must say the same.
            let (core_median, edge_median) = a.robust_side_salaries();
            let robust = a.min_group().is_none()
                || if edge > core {
                    medians_agree(edge_median, core_median)
                } else {
                    medians_agree(core_median, edge_median)
                };
            if ratio >= CORE_PERIPHERY_PAY_RATIO && robust {
                let who = if edge > core {
                    "Peripheral members are paid more than the core"
                } else {
                    "Core members are paid more than peripheral members"
                };
                let mut f = Finding::new(
                    FindingKind::CorePeripheryPay,
                    format!(
                        "{who}: {word} full-time pay {} at the edge against {} at the core (n = {} and {})",
                        money(edge),
                        money(core),
                        cp.peripheral.headcount,
                        cp.core.headcount
                    ),
                    ratio / CORE_PERIPHERY_PAY_RATIO,
                );
                f.members = a.members.iter().filter(|m| !m.core).map(|m| m.id).collect();
                out.push(f);
            }
        }
    }
    let shown: Vec<DisciplineId> = cp
        .mostly_peripheral
        .iter()
        .copied()
        .filter(|d| a.discipline_shown(*d))
        .collect();
    if !shown.is_empty() && cp.core.headcount > 0 {
        let names: Vec<String> = shown
            .iter()
            .map(|d| {
                format!(
                    "{} ({} of {})",
                    a.discipline_name(*d),
                    a.discipline(*d).map_or(0, |f| f.figures.peripheral),
                    headcount(a, *d)
                )
            })
            .collect();
        let mut f = Finding::new(
            FindingKind::MostlyPeripheral,
            format!("Mostly on the edge of the team: {}", names.join(", ")),
            1.0 + shown.len() as f64 / a.disciplines.len().max(1) as f64,
        );
        f.disciplines.clone_from(&shown);
        f.members = a
            .members
            .iter()
            .filter(|m| !m.core && shown.contains(&m.discipline))
            .map(|m| m.id)
            .collect();
        out.push(f);
    }
}

/// Where the declared level on the integration continuum and the evidence disagree.
fn integration(a: &Analysis, out: &mut Vec<Finding>) {
    let p = &a.integration;
    let n = p.headcount;
    if n == 0 {
        return;
    }
    let mut evidence: Vec<String> = Vec::new();
    if p.declared == Integration::Integration {
        if p.managed_outside > 0 {
            evidence.push(format!(
                "{} of {n} members {} line-managed outside it",
                p.managed_outside,
                if p.managed_outside == 1 { "is" } else { "are" }
            ));
        }
        if p.co_located < n {
            let away = n - p.co_located;
            evidence.push(format!(
                "{away} of {n} {} not co-located",
                if away == 1 { "is" } else { "are" }
            ));
        }
        if !evidence.is_empty() {
            let weight = (p.managed_outside + (n - p.co_located)) as f64 / n as f64;
            out.push(Finding::new(
                FindingKind::IntegrationMismatch,
                format!(
                    "Declared one team under unitary management, but {}",
                    evidence.join(", and ")
                ),
                1.2 + weight,
            ));
        }
    } else if p.declared <= Integration::Collaboration
        && p.co_located == n
        && p.managed_outside == 0
        && p.agencies > 1
    {
        out.push(Finding::new(
            FindingKind::IntegrationMismatch,
            format!(
                "Declared as {}, yet all {n} members are co-located and none is line-managed outside the team: closer to an integrated team than declared",
                p.declared.label().to_lowercase()
            ),
            1.1,
        ));
    }
}
