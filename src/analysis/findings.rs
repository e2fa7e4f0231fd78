//! Findings: short, ranked sentences a manager could read out in a workshop. Each is tied to
//! a figure and its count, and appears only when the data clears a named threshold.

use crate::model::{DisciplineId, MemberId, Team};

use super::Analysis;
use crate::format::money;

/// A pay ratio between the best- and worst-paid disciplines worth mentioning.
pub const PAY_RATIO_NOTABLE: f64 = 1.5;
/// |Spearman ρ| between status and time in team worth mentioning.
pub const SPEARMAN_NOTABLE: f64 = 0.3;
/// Share of peripheral members from one agency worth mentioning (with at least 2 of them).
pub const PERIPHERAL_AGENCY_SHARE: f64 = 0.5;
pub const MIN_PERIPHERAL_FOR_AGENCY_FINDING: usize = 2;
/// Gaps between the discipline with the most and the least, in days a year.
pub const TRAINING_GAP_NOTABLE_DAYS: f64 = 3.0;
pub const LEAVE_GAP_NOTABLE_DAYS: f64 = 4.0;
/// One agency providing this share of the team's time dominates it.
pub const DOMINANT_AGENCY_SHARE: f64 = 0.6;
/// One professional model taking this share of the team's time dominates it.
pub const DOMINANT_MODEL_SHARE: f64 = 0.5;
/// Core and peripheral mean pay differing by this factor is worth mentioning.
pub const CORE_PERIPHERY_PAY_RATIO: f64 = 1.15;
/// Autonomy gap (on the 1–5 scale) between disciplines worth mentioning.
pub const AUTONOMY_GAP_NOTABLE: f64 = 2.0;
/// At most this many findings are listed.
pub const MAX_FINDINGS: usize = 8;

/// What a finding is about, so the UI can open the right chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindingKind {
    PayRatio,
    StatusLadder,
    StatusCoreness,
    PeripheryAgency,
    UnservedOutcome,
    TrainingGap,
    LeaveGap,
    AutonomyGap,
    DominantAgency,
    DominantModel,
    CorePeripheryPay,
    MostlyPeripheral,
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
    /// When the sentence states pay, the size of the smallest group whose pay it states
    /// (workshops hide pay for groups under three).
    pub smallest_pay_group: Option<usize>,
    /// The same finding with no pay figure in it, for workshops that hide small groups' pay.
    pub pay_free_text: Option<String>,
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

pub fn findings(team: &Team, a: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    let h = &a.hierarchy;
    let headcount = |d: DisciplineId| a.discipline(d).map_or(0, |f| f.figures.headcount);
    let name = |d: DisciplineId| a.discipline_name(d).to_owned();

    if let (Some(ratio), Some(top), Some(bottom)) = (
        h.top_bottom_pay_ratio,
        h.best_paid_discipline,
        h.worst_paid_discipline,
    ) {
        if ratio >= PAY_RATIO_NOTABLE {
            let (hi, lo) = (
                a.discipline(top)
                    .and_then(|d| d.figures.median_salary)
                    .unwrap_or(0.0),
                a.discipline(bottom)
                    .and_then(|d| d.figures.median_salary)
                    .unwrap_or(0.0),
            );
            out.push(Finding {
                kind: FindingKind::PayRatio,
                text: format!(
                    "Median full-time pay in {} is {ratio:.1} times that in {} ({} against {}; n = {} and {})",
                    name(top), name(bottom), money(hi), money(lo), headcount(top), headcount(bottom)
                ),
                strength: ratio / PAY_RATIO_NOTABLE,
                disciplines: vec![top, bottom],
                members: [members_of(a, top), members_of(a, bottom)].concat(),
                smallest_pay_group: Some(headcount(top).min(headcount(bottom))),
                pay_free_text: Some(format!(
                    "Full-time pay is highest in {} and lowest in {} (n = {} and {}; pay figures hidden for groups under three)",
                    name(top), name(bottom), headcount(top), headcount(bottom)
                )),
            });
        }
    }

    let ranked: Vec<_> = a
        .disciplines
        .iter()
        .filter(|d| d.figures.status_index.is_some())
        .collect();
    if let (Some(first), Some(last)) = (ranked.first(), ranked.last()) {
        if ranked.len() >= 3 {
            let (hi, lo) = (
                first.figures.status_index.unwrap_or(0.0),
                last.figures.status_index.unwrap_or(0.0),
            );
            out.push(Finding {
                kind: FindingKind::StatusLadder,
                text: format!(
                    "{} tops the status ladder (index {hi:.2}, n = {}) and {} is at its foot ({lo:.2}, n = {})",
                    first.figures.name, first.figures.headcount, last.figures.name, last.figures.headcount
                ),
                // The spread of the ladder, 0 to 1; a spread of a half counts as notable.
                strength: (hi - lo) / 0.5,
                disciplines: vec![first.id, last.id],
                members: [members_of(a, first.id), members_of(a, last.id)].concat(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    if let Some(rho) = h.status_coreness_spearman {
        if rho.abs() >= SPEARMAN_NOTABLE {
            let text = if rho < 0.0 {
                format!("Higher-status members spend less of their week in the team: status and time in team correlate at ρ = {rho:.2} (n = {})", h.spearman_n)
            } else {
                format!("Higher-status members spend more of their week in the team: status and time in team correlate at ρ = {rho:.2} (n = {})", h.spearman_n)
            };
            out.push(Finding {
                kind: FindingKind::StatusCoreness,
                text,
                // A negative correlation is the pattern the research warns of: rank it higher.
                strength: rho.abs() / SPEARMAN_NOTABLE * if rho < 0.0 { 1.5 } else { 1.0 },
                disciplines: Vec::new(),
                members: Vec::new(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    let peripheral: Vec<_> = a.members.iter().filter(|m| !m.core).collect();
    if peripheral.len() >= MIN_PERIPHERAL_FOR_AGENCY_FINDING {
        let mut by_agency: Vec<(crate::model::AgencyId, usize)> = Vec::new();
        for m in &peripheral {
            match by_agency.iter_mut().find(|(id, _)| *id == m.agency) {
                Some((_, n)) => *n += 1,
                None => by_agency.push((m.agency, 1)),
            }
        }
        by_agency.sort_by_key(|x| std::cmp::Reverse(x.1));
        if let Some((agency, n)) = by_agency.first().copied() {
            let share = n as f64 / peripheral.len() as f64;
            let is_host = team.host_agency == Some(agency);
            if share >= PERIPHERAL_AGENCY_SHARE
                && !is_host
                && n >= MIN_PERIPHERAL_FOR_AGENCY_FINDING
            {
                out.push(Finding {
                    kind: FindingKind::PeripheryAgency,
                    text: format!(
                        "{n} of the {} peripheral members work for {}",
                        peripheral.len(),
                        a.agency_name(agency)
                    ),
                    strength: share / PERIPHERAL_AGENCY_SHARE,
                    disciplines: Vec::new(),
                    members: peripheral
                        .iter()
                        .filter(|m| m.agency == agency)
                        .map(|m| m.id)
                        .collect(),
                    smallest_pay_group: None,
                    pay_free_text: None,
                });
            }
        }
    }

    if a.headcount > 0 {
        for outcome in &a.unserved_outcomes {
            out.push(Finding {
                kind: FindingKind::UnservedOutcome,
                text: format!("Nobody in the team mainly serves “{}”", outcome.label()),
                strength: 1.6,
                disciplines: Vec::new(),
                members: Vec::new(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    if let (Some(gap), Some(top), Some(bottom)) = (
        h.training_gap_days,
        h.most_training_discipline,
        h.least_training_discipline,
    ) {
        if gap >= TRAINING_GAP_NOTABLE_DAYS {
            let get = |d| {
                a.discipline(d)
                    .and_then(|f| f.figures.mean_training_days)
                    .unwrap_or(0.0)
            };
            out.push(Finding {
                kind: FindingKind::TrainingGap,
                text: format!(
                    "Funded training averages {} days a year in {} and {} in {} (n = {} and {})",
                    days(get(top)),
                    name(top),
                    days(get(bottom)),
                    name(bottom),
                    headcount(top),
                    headcount(bottom)
                ),
                strength: gap / TRAINING_GAP_NOTABLE_DAYS,
                disciplines: vec![top, bottom],
                members: [members_of(a, top), members_of(a, bottom)].concat(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    if let (Some(gap), Some(top), Some(bottom)) = (
        h.leave_gap_days,
        h.most_leave_discipline,
        h.least_leave_discipline,
    ) {
        if gap >= LEAVE_GAP_NOTABLE_DAYS {
            let get = |d| {
                a.discipline(d)
                    .and_then(|f| f.figures.mean_leave_days)
                    .unwrap_or(0.0)
            };
            out.push(Finding {
                kind: FindingKind::LeaveGap,
                text: format!(
                    "Annual leave runs from {} days ({}) to {} days ({}) a year, full time (n = {} and {})",
                    days(get(bottom)), name(bottom), days(get(top)), name(top), headcount(bottom), headcount(top)
                ),
                strength: gap / LEAVE_GAP_NOTABLE_DAYS,
                disciplines: vec![top, bottom],
                members: [members_of(a, top), members_of(a, bottom)].concat(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    if let Some((top, hi, bottom, lo)) = super::spread(&a.disciplines, |g| g.mean_autonomy) {
        if hi - lo >= AUTONOMY_GAP_NOTABLE {
            out.push(Finding {
                kind: FindingKind::AutonomyGap,
                text: format!(
                    "Autonomy in decisions averages {hi:.1} of 5 in {} and {lo:.1} in {} (n = {} and {})",
                    name(top), name(bottom), headcount(top), headcount(bottom)
                ),
                strength: (hi - lo) / AUTONOMY_GAP_NOTABLE,
                disciplines: vec![top, bottom],
                members: [members_of(a, top), members_of(a, bottom)].concat(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    if let (Some(agency), Some(share)) = (
        a.composition.dominant_agency,
        a.composition.dominant_agency_share,
    ) {
        if share >= DOMINANT_AGENCY_SHARE
            && a.agencies
                .iter()
                .filter(|x| x.figures.headcount > 0)
                .count()
                > 1
        {
            let n = a.agency(agency).map_or(0, |x| x.figures.headcount);
            out.push(Finding {
                kind: FindingKind::DominantAgency,
                text: format!(
                    "{} provides {:.0}% of the team's time ({n} of {} members)",
                    a.agency_name(agency),
                    share * 100.0,
                    a.headcount
                ),
                strength: share / DOMINANT_AGENCY_SHARE,
                disciplines: Vec::new(),
                members: a
                    .members
                    .iter()
                    .filter(|m| m.agency == agency)
                    .map(|m| m.id)
                    .collect(),
                smallest_pay_group: None,
                pay_free_text: None,
            });
        }
    }

    if a.team_fte > 0.0 {
        if let Some((model, fte, n)) = a
            .composition
            .fte_by_model
            .iter()
            .copied()
            .max_by(|x, y| x.1.total_cmp(&y.1))
        {
            let share = fte / a.team_fte;
            if share >= DOMINANT_MODEL_SHARE && n < a.headcount {
                out.push(Finding {
                    kind: FindingKind::DominantModel,
                    text: format!(
                        "The {} model accounts for {:.0}% of the team's time ({n} of {} members)",
                        model.label(),
                        share * 100.0,
                        a.headcount
                    ),
                    strength: share / DOMINANT_MODEL_SHARE,
                    disciplines: a
                        .disciplines
                        .iter()
                        .filter(|d| d.model == model)
                        .map(|d| d.id)
                        .collect(),
                    members: Vec::new(),
                    smallest_pay_group: None,
                    pay_free_text: None,
                });
            }
        }
    }

    let cp = &a.core_periphery;
    if let (Some(core), Some(edge)) = (cp.core.mean_salary, cp.peripheral.mean_salary) {
        if core > 0.0 && edge > 0.0 {
            let ratio = (edge / core).max(core / edge);
            if ratio >= CORE_PERIPHERY_PAY_RATIO {
                let who = if edge > core {
                    "Peripheral members are paid more than the core"
                } else {
                    "Core members are paid more than peripheral members"
                };
                out.push(Finding {
                    kind: FindingKind::CorePeripheryPay,
                    text: format!(
                        "{who}: mean full-time pay {} at the edge against {} at the core (n = {} and {})",
                        money(edge), money(core), cp.peripheral.headcount, cp.core.headcount
                    ),
                    strength: ratio / CORE_PERIPHERY_PAY_RATIO,
                    disciplines: Vec::new(),
                    members: a.members.iter().filter(|m| !m.core).map(|m| m.id).collect(),
                    smallest_pay_group: Some(cp.peripheral.headcount.min(cp.core.headcount)),
                    pay_free_text: Some(format!(
                        "{who} (n = {} at the edge and {} at the core; pay figures hidden for groups under three)",
                        cp.peripheral.headcount, cp.core.headcount
                    )),
                });
            }
        }
    }

    if !cp.mostly_peripheral.is_empty() && cp.core.headcount > 0 {
        let names: Vec<String> = cp
            .mostly_peripheral
            .iter()
            .map(|d| {
                format!(
                    "{} ({} of {})",
                    name(*d),
                    a.discipline(*d).map_or(0, |f| f.figures.peripheral),
                    headcount(*d)
                )
            })
            .collect();
        out.push(Finding {
            kind: FindingKind::MostlyPeripheral,
            text: format!("Mostly on the edge of the team: {}", names.join(", ")),
            strength: 1.0 + cp.mostly_peripheral.len() as f64 / a.disciplines.len().max(1) as f64,
            disciplines: cp.mostly_peripheral.clone(),
            members: a.members.iter().filter(|m| !m.core).map(|m| m.id).collect(),
            smallest_pay_group: None,
            pay_free_text: None,
        });
    }

    // Strongest first; the caller lists the first MAX_FINDINGS and keeps the rest for slides.
    out.sort_by(|x, y| y.strength.total_cmp(&x.strength));
    out
}
