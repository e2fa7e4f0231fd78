//! The report as JSON, for other tools: the same figures as the text and Markdown, withheld
//! as they are (a withheld figure is `null`). The shape is a contract other tools read: a
//! field is added, never renamed or removed.

use std::collections::BTreeMap;

use serde::Serialize;

mod rounds;

use super::{agency_shares, Analysis, GroupFigures};
use crate::analysis::{DisciplineFigures, FamilyFigures};
use rounds::{
    json_perceptions, json_relational, json_service_users, JsonPerceptions, JsonRelational,
    JsonServiceUsers,
};

#[derive(Serialize)]
struct JsonReport<'a> {
    team: JsonTeam<'a>,
    disciplines: Vec<JsonDiscipline<'a>>,
    /// With names hidden, the withheld disciplines together (when there are enough of them).
    other_disciplines: Option<JsonOther<'a>>,
    /// Professional families with members.
    families: Vec<JsonFamily<'a>>,
    agencies: Vec<JsonAgency<'a>>,
    hierarchy: JsonHierarchy,
    core_periphery: JsonCorePeriphery<'a>,
    composition: JsonComposition<'a>,
    integration: JsonIntegration,
    quartiles: Vec<JsonQuartile<'a>>,
    /// The outcomes framework, with its period: "Every Child Matters (2003–2010)".
    framework: String,
    outcomes: Vec<JsonOutcome>,
    findings: Vec<&'a str>,
    /// `null` when the team has no perception responses.
    perceptions: Option<JsonPerceptions<'a>>,
    /// `null` when the team has no relational round; with names hidden, figures from too few
    /// answers are `null`.
    relational: Option<JsonRelational<'a>>,
    /// What families told the team; with names hidden, every figure from fewer responses
    /// than the team's minimum is `null`. No comment appears here, only picked quotes.
    service_users: JsonServiceUsers<'a>,
}

#[derive(Serialize)]
struct JsonTeam<'a> {
    name: &'a str,
    headcount: usize,
    team_fte: f64,
    /// Null with names hidden: the middle person's pay.
    median_salary: Option<f64>,
    mean_salary: Option<f64>,
    /// The minimum group size when figures were withheld (names hidden), else null.
    min_group_size: Option<usize>,
}

#[derive(Serialize)]
struct JsonFamily<'a> {
    name: &'static str,
    /// The disciplines in it (with names hidden, the groups the room sees).
    disciplines: Vec<&'a str>,
    headcount: usize,
    suppressed: bool,
    mean_salary: Option<f64>,
    mean_leave_days: Option<f64>,
    mean_training_days: Option<f64>,
    mean_autonomy: Option<f64>,
    status_index: Option<f64>,
    core: Option<usize>,
    peripheral: Option<usize>,
}

#[derive(Serialize)]
struct JsonDiscipline<'a> {
    name: &'a str,
    /// Its professional family (`Family::key`).
    family: &'static str,
    /// The first model held, or "none" (kept for older readers); all of them follow.
    professional_model: &'static str,
    professional_models: Vec<&'static str>,
    support_role: bool,
    suppressed: bool,
    headcount: usize,
    team_fte: Option<f64>,
    median_salary: Option<f64>,
    mean_salary: Option<f64>,
    pay_gap: Option<f64>,
    pay_ratio_to_median: Option<f64>,
    pay_ratio_to_mean: Option<f64>,
    mean_leave_days: Option<f64>,
    mean_training_days: Option<f64>,
    mean_training_budget: Option<f64>,
    mean_autonomy: Option<f64>,
    /// The conditions index (key kept from when it was called the status index).
    status_index: Option<f64>,
    core: Option<usize>,
    peripheral: Option<usize>,
}

#[derive(Serialize)]
struct JsonOther<'a> {
    name: &'a str,
    headcount: usize,
    /// The withheld disciplines it holds.
    disciplines: Vec<&'a str>,
    median_salary: Option<f64>,
    mean_salary: Option<f64>,
    mean_leave_days: Option<f64>,
    mean_training_days: Option<f64>,
    mean_training_budget: Option<f64>,
    mean_autonomy: Option<f64>,
    status_index: Option<f64>,
}

#[derive(Serialize)]
struct JsonAgency<'a> {
    name: &'a str,
    suppressed: bool,
    headcount: usize,
    team_fte: Option<f64>,
    share_of_team_fte: Option<f64>,
    median_salary: Option<f64>,
    status_index: Option<f64>,
}

#[derive(Serialize)]
struct JsonHierarchy {
    salary_gini: Option<f64>,
    salary_gini_max: Option<f64>,
    top_bottom_pay_ratio: Option<f64>,
    leave_gap_days: Option<f64>,
    training_gap_days: Option<f64>,
    /// Conditions index against time in team; null below n = 10.
    status_coreness_spearman: Option<f64>,
    status_coreness_p_value: Option<f64>,
    spearman_n: usize,
    /// Points the Lorenz curve joins (members, or with names hidden groups; 0: withheld).
    lorenz_groups: usize,
}

#[derive(Serialize)]
struct JsonCorePeriphery<'a> {
    threshold: f64,
    core_headcount: usize,
    peripheral_headcount: usize,
    core_suppressed: bool,
    peripheral_suppressed: bool,
    core_median_salary: Option<f64>,
    peripheral_median_salary: Option<f64>,
    core_mean_salary: Option<f64>,
    peripheral_mean_salary: Option<f64>,
    core_mean_leave_days: Option<f64>,
    peripheral_mean_leave_days: Option<f64>,
    core_mean_training_days: Option<f64>,
    peripheral_mean_training_days: Option<f64>,
    core_mean_autonomy: Option<f64>,
    peripheral_mean_autonomy: Option<f64>,
    mostly_peripheral_disciplines: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonComposition<'a> {
    discipline_blau: Option<f64>,
    agency_blau: Option<f64>,
    dominant_agency: Option<&'a str>,
    dominant_agency_share: Option<f64>,
    /// Team FTE of the disciplines holding each model (a discipline can hold several).
    team_fte_by_model: BTreeMap<&'static str, f64>,
    multi_model_disciplines: usize,
}

#[derive(Serialize)]
struct JsonIntegration {
    declared: &'static str,
    /// Each agency's share of the team's time (with names hidden, small agencies together).
    agency_time_shares: BTreeMap<String, f64>,
    co_located_share: Option<f64>,
    managed_in_team_share: Option<f64>,
    managed_outside: usize,
    no_manager: usize,
    split_post_share: Option<f64>,
    agencies: usize,
}

#[derive(Serialize)]
struct JsonQuartile<'a> {
    quartile: u8,
    headcount: usize,
    disciplines: BTreeMap<&'a str, usize>,
    other_disciplines: usize,
    mix_withheld: bool,
}

#[derive(Serialize)]
struct JsonOutcome {
    outcome: &'static str,
    /// Null in workshop-safe mode when fewer than the minimum are tagged with it.
    team_fte: Option<f64>,
    headcount: usize,
    disciplines: usize,
}

pub(super) fn json(a: &Analysis) -> String {
    let report = JsonReport {
        team: JsonTeam {
            name: &a.team_name,
            headcount: a.headcount,
            team_fte: a.team_fte,
            median_salary: a.team_median_salary,
            mean_salary: a.team_mean_salary,
            min_group_size: a.min_group(),
        },
        disciplines: a.disciplines.iter().map(JsonDiscipline::of).collect(),
        other_disciplines: a.other_disciplines.as_ref().map(|g| JsonOther {
            name: &g.name,
            headcount: g.headcount,
            disciplines: a.withheld_disciplines(),
            median_salary: g.median_salary,
            mean_salary: g.mean_salary,
            mean_leave_days: g.mean_leave_days,
            mean_training_days: g.mean_training_days,
            mean_training_budget: g.mean_training_budget,
            mean_autonomy: g.mean_autonomy,
            status_index: g.conditions_index,
        }),
        families: a.families.iter().map(|f| JsonFamily::of(f, a)).collect(),
        agencies: a
            .agencies
            .iter()
            .map(|x| JsonAgency::of(&x.figures))
            .collect(),
        hierarchy: JsonHierarchy {
            salary_gini: a.hierarchy.salary_gini,
            salary_gini_max: a.hierarchy.salary_gini_max,
            top_bottom_pay_ratio: a.hierarchy.top_bottom_pay_ratio,
            leave_gap_days: a.hierarchy.leave_gap_days,
            training_gap_days: a.hierarchy.training_gap_days,
            status_coreness_spearman: a.hierarchy.conditions_coreness_spearman,
            status_coreness_p_value: a.hierarchy.conditions_coreness_p_value,
            spearman_n: a.hierarchy.spearman_n,
            lorenz_groups: a.hierarchy.lorenz_groups,
        },
        core_periphery: JsonCorePeriphery::of(a),
        composition: JsonComposition {
            discipline_blau: a.composition.discipline_blau,
            agency_blau: a.composition.agency_blau,
            dominant_agency: a.composition.dominant_agency.map(|id| a.agency_name(id)),
            dominant_agency_share: a.composition.dominant_agency_share,
            team_fte_by_model: a
                .composition
                .models
                .iter()
                .filter(|m| !m.withheld)
                .map(|m| (m.model.key(), m.team_fte))
                .collect(),
            multi_model_disciplines: a.composition.multi_model_disciplines,
        },
        integration: JsonIntegration::of(a),
        quartiles: a
            .quartiles
            .iter()
            .map(|q| JsonQuartile {
                quartile: q.quartile,
                headcount: q.headcount,
                disciplines: q
                    .disciplines
                    .iter()
                    .map(|(d, n)| (a.discipline_name(*d), *n))
                    .collect(),
                other_disciplines: q.other,
                mix_withheld: q.mix_withheld,
            })
            .collect(),
        framework: crate::model::framework::dated(a.framework),
        outcomes: a
            .outcomes
            .iter()
            .map(|o| JsonOutcome {
                outcome: o.outcome.label(),
                team_fte: (!o.withheld).then_some(o.team_fte),
                headcount: o.headcount,
                disciplines: o.disciplines.len(),
            })
            .collect(),
        findings: a.findings.iter().map(|f| f.text.as_str()).collect(),
        perceptions: a.perceptions.as_ref().map(json_perceptions),
        relational: json_relational(&a.relational, &a.relational_changes),
        service_users: json_service_users(a),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A withheld group keeps its name and headcount; everything else is null.
fn fig(g: &GroupFigures, v: Option<f64>) -> Option<f64> {
    if g.suppressed {
        None
    } else {
        v
    }
}

fn count_of(g: &GroupFigures, v: usize) -> Option<usize> {
    (!g.suppressed).then_some(v)
}

impl<'a> JsonDiscipline<'a> {
    fn of(d: &'a DisciplineFigures) -> Self {
        let g = &d.figures;
        Self {
            name: &g.name,
            family: d.family.key(),
            professional_model: d
                .models
                .first()
                .copied()
                .unwrap_or(crate::model::ProfessionalModel::NoModel)
                .key(),
            professional_models: d.models.iter().map(|m| m.key()).collect(),
            support_role: d.support_role,
            suppressed: g.suppressed,
            headcount: g.headcount,
            team_fte: fig(g, Some(g.team_fte)),
            median_salary: fig(g, g.median_salary),
            mean_salary: fig(g, g.mean_salary),
            pay_gap: fig(g, g.pay_gap),
            pay_ratio_to_median: fig(g, g.pay_ratio_to_median),
            pay_ratio_to_mean: fig(g, g.pay_ratio_to_mean),
            mean_leave_days: fig(g, g.mean_leave_days),
            mean_training_days: fig(g, g.mean_training_days),
            mean_training_budget: fig(g, g.mean_training_budget),
            mean_autonomy: fig(g, g.mean_autonomy),
            status_index: fig(g, g.conditions_index),
            core: count_of(g, g.core),
            peripheral: count_of(g, g.peripheral),
        }
    }
}

impl<'a> JsonFamily<'a> {
    fn of(f: &FamilyFigures, a: &'a Analysis) -> Self {
        let g = &f.figures;
        Self {
            name: f.family.label(),
            disciplines: f
                .disciplines
                .iter()
                .map(|d| a.discipline_name(*d))
                .collect(),
            headcount: g.headcount,
            suppressed: g.suppressed,
            mean_salary: fig(g, g.mean_salary),
            mean_leave_days: fig(g, g.mean_leave_days),
            mean_training_days: fig(g, g.mean_training_days),
            mean_autonomy: fig(g, g.mean_autonomy),
            status_index: fig(g, g.conditions_index),
            core: count_of(g, g.core),
            peripheral: count_of(g, g.peripheral),
        }
    }
}

impl<'a> JsonAgency<'a> {
    fn of(g: &'a GroupFigures) -> Self {
        Self {
            name: &g.name,
            suppressed: g.suppressed,
            headcount: g.headcount,
            team_fte: fig(g, Some(g.team_fte)),
            share_of_team_fte: fig(g, g.share_of_team_fte),
            median_salary: fig(g, g.median_salary),
            status_index: fig(g, g.conditions_index),
        }
    }
}

impl<'a> JsonCorePeriphery<'a> {
    fn of(a: &'a Analysis) -> Self {
        let cp = &a.core_periphery;
        Self {
            threshold: cp.threshold,
            core_headcount: cp.core.headcount,
            peripheral_headcount: cp.peripheral.headcount,
            core_suppressed: cp.core.suppressed,
            peripheral_suppressed: cp.peripheral.suppressed,
            core_median_salary: cp.core.median_salary,
            peripheral_median_salary: cp.peripheral.median_salary,
            core_mean_salary: cp.core.mean_salary,
            peripheral_mean_salary: cp.peripheral.mean_salary,
            core_mean_leave_days: cp.core.mean_leave_days,
            peripheral_mean_leave_days: cp.peripheral.mean_leave_days,
            core_mean_training_days: cp.core.mean_training_days,
            peripheral_mean_training_days: cp.peripheral.mean_training_days,
            core_mean_autonomy: cp.core.mean_autonomy,
            peripheral_mean_autonomy: cp.peripheral.mean_autonomy,
            mostly_peripheral_disciplines: cp
                .mostly_peripheral
                .iter()
                .filter(|d| a.discipline_shown(**d))
                .map(|d| a.discipline_name(*d))
                .collect(),
        }
    }
}

impl JsonIntegration {
    fn of(a: &Analysis) -> Self {
        let p = &a.integration;
        Self {
            declared: p.declared.label(),
            agency_time_shares: agency_shares(a).into_iter().collect(),
            co_located_share: p.co_located_share(),
            managed_in_team_share: p.managed_in_team_share(),
            managed_outside: p.managed_outside,
            no_manager: p.no_manager,
            split_post_share: p.split_post_share(),
            agencies: p.agencies,
        }
    }
}
