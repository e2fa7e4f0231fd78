//! The report: the same [`Analysis`] as text for the terminal, Markdown for handouts and
//! JSON for other tools. JSON keys are stable `snake_case`; money is in pounds; shares run
//! from 0 to 1; undefined values are `null`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::{Analysis, GroupFigures};
use crate::format::money;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "text" => Some(Self::Text),
            "md" | "markdown" => Some(Self::Markdown),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

pub fn render(a: &Analysis, format: Format) -> String {
    match format {
        Format::Text => text(a),
        Format::Markdown => markdown(a),
        Format::Json => json(a),
    }
}

fn opt(v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    v.map_or_else(|| "n/a".to_owned(), f)
}

fn pct(v: f64) -> String {
    format!("{:.0}%", v * 100.0)
}

fn two(v: f64) -> String {
    format!("{v:.2}")
}

fn one(v: f64) -> String {
    format!("{v:.1}")
}

/// A pay figure, or why it is missing: "hidden (n < 3)" when a workshop withholds it.
fn pay(a: &Analysis, headcount: usize, v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    if a.pay_hidden(headcount) {
        format!("hidden (n < {})", super::MIN_PAY_GROUP)
    } else {
        opt(v, f)
    }
}

/// The note a handout carries when pay figures were withheld.
pub fn withheld_note(a: &Analysis) -> Option<String> {
    if !a.pay_withheld {
        return None;
    }
    let hidden = a.hidden_pay_disciplines();
    let which = if hidden.is_empty() {
        String::new()
    } else {
        format!(" Hidden here: {}.", hidden.join(", "))
    };
    Some(format!(
        "Names are hidden. Pay is not shown for any group of fewer than {} people, so nobody's pay can be worked out.{which}",
        super::MIN_PAY_GROUP
    ))
}

/// Rows for the discipline table, shared by text and Markdown.
fn discipline_rows(a: &Analysis) -> Vec<[String; 9]> {
    a.disciplines
        .iter()
        .map(|d| {
            let g = &d.figures;
            [
                g.name.clone(),
                g.headcount.to_string(),
                format!("{:.1}", g.team_fte),
                pay(a, g.headcount, g.median_salary, money),
                pay(a, g.headcount, g.pay_gap, pct),
                opt(g.mean_leave_days, one),
                opt(g.mean_training_days, one),
                opt(g.mean_autonomy, one),
                opt(g.status_index, two),
            ]
        })
        .collect()
}

const DISCIPLINE_HEADINGS: [&str; 9] = [
    "Discipline",
    "n",
    "Team FTE",
    "Median pay",
    "Pay gap",
    "Leave",
    "Training",
    "Autonomy",
    "Status",
];

fn summary_lines(a: &Analysis) -> Vec<String> {
    let h = &a.hierarchy;
    let c = &a.composition;
    let cp = &a.core_periphery;
    vec![
        format!("Headcount {} · team FTE {:.1} · team median full-time pay {}", a.headcount, a.team_fte, pay(a, a.headcount, a.team_median_salary, money)),
        format!("Gini of full-time pay {} · top/bottom discipline pay ratio {}", opt(h.salary_gini, two), if a.pay_withheld && h.top_bottom_pay_ratio.is_none() && h.best_paid_discipline.is_some() { format!("hidden (n < {})", super::MIN_PAY_GROUP) } else { opt(h.top_bottom_pay_ratio, |v| format!("{v:.1}×")) }),
        format!("Leave gap {} days · training gap {} days", opt(h.leave_gap_days, one), opt(h.training_gap_days, one)),
        format!("Status–coreness Spearman ρ {} (n = {})", opt(h.status_coreness_spearman, two), h.spearman_n),
        format!(
            "Core (team FTE ≥ {}): {} members, mean pay {}, training {} days · peripheral: {} members, mean pay {}, training {} days",
            cp.threshold, cp.core.headcount, pay(a, cp.core.headcount, cp.core.mean_salary, money), opt(cp.core.mean_training_days, one),
            cp.peripheral.headcount, pay(a, cp.peripheral.headcount, cp.peripheral.mean_salary, money), opt(cp.peripheral.mean_training_days, one)
        ),
        format!(
            "Blau diversity: disciplines {} · agencies {} · dominant agency {} ({} of team FTE)",
            opt(c.discipline_blau, two), opt(c.agency_blau, two),
            c.dominant_agency.map_or("n/a", |id| a.agency_name(id)), opt(c.dominant_agency_share, pct)
        ),
    ]
}

fn text(a: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}\n{}\n",
        a.team_name,
        "=".repeat(a.team_name.chars().count())
    );
    if let Some(note) = withheld_note(a) {
        let _ = writeln!(s, "{note}\n");
    }
    for line in summary_lines(a) {
        let _ = writeln!(s, "{line}");
    }
    let _ = writeln!(s, "\nStatus ladder (highest first)");
    let rows = discipline_rows(a);
    let widths: Vec<usize> = (0..9)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([DISCIPLINE_HEADINGS[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    format!("{c:<w$}", w = widths[i])
                } else {
                    format!("{c:>w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(s, "{}", line(DISCIPLINE_HEADINGS.to_vec()));
    for r in &rows {
        let _ = writeln!(s, "{}", line(r.iter().map(String::as_str).collect()));
    }
    let _ = writeln!(s, "\nPay quartiles (lowest paid first)");
    for q in &a.quartiles {
        let mix: Vec<String> = q
            .disciplines
            .iter()
            .map(|(d, n)| format!("{} {n}", a.discipline_name(*d)))
            .collect();
        let _ = writeln!(
            s,
            "  Q{} (n = {}): {}",
            q.quartile,
            q.headcount,
            mix.join(", ")
        );
    }
    let _ = writeln!(s, "\nEvery Child Matters outcomes (team FTE serving each)");
    for o in &a.outcomes {
        let _ = writeln!(
            s,
            "  {:<30} {:>5.1} FTE, {} members",
            o.outcome.label(),
            o.team_fte,
            o.headcount
        );
    }
    let _ = writeln!(s, "\nFindings");
    if a.findings.is_empty() {
        let _ = writeln!(s, "  (none clears its threshold)");
    }
    for (i, f) in a.findings.iter().enumerate() {
        let _ = writeln!(s, "  {}. {}", i + 1, f.text);
    }
    s
}

fn markdown(a: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", a.team_name);
    if let Some(note) = withheld_note(a) {
        let _ = writeln!(s, "_{note}_\n");
    }
    s.push_str(&markdown_body(a));
    s
}

/// The Markdown report from its first section on, for the report and the handout alike.
pub fn markdown_body(a: &Analysis) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## Findings\n");
    if a.findings.is_empty() {
        let _ = writeln!(s, "No figure clears its threshold.");
    }
    for (i, f) in a.findings.iter().enumerate() {
        let _ = writeln!(s, "{}. {}", i + 1, f.text);
    }
    let _ = writeln!(s, "\n## The team in figures\n");
    for line in summary_lines(a) {
        let _ = writeln!(s, "- {line}");
    }
    let _ = writeln!(s, "\n## Status ladder\n");
    let _ = writeln!(s, "| {} |", DISCIPLINE_HEADINGS.join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(DISCIPLINE_HEADINGS.len()));
    for r in discipline_rows(a) {
        let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(s, "\n## Pay quartiles\n");
    for q in &a.quartiles {
        let mix: Vec<String> = q
            .disciplines
            .iter()
            .map(|(d, n)| format!("{} {n}", a.discipline_name(*d)))
            .collect();
        let _ = writeln!(
            s,
            "- **Q{}** (n = {}): {}",
            q.quartile,
            q.headcount,
            mix.join(", ")
        );
    }
    let _ = writeln!(s, "\n## Every Child Matters outcomes\n");
    for o in &a.outcomes {
        let _ = writeln!(
            s,
            "- {}: {:.1} FTE ({} members)",
            o.outcome.label(),
            o.team_fte,
            o.headcount
        );
    }
    let _ = writeln!(s, "\n_Pay is full-time equivalent; leave is the full-time entitlement; n is the headcount behind each figure._");
    s
}

#[derive(Serialize)]
struct JsonReport<'a> {
    team: JsonTeam<'a>,
    disciplines: Vec<JsonDiscipline<'a>>,
    agencies: Vec<JsonAgency<'a>>,
    hierarchy: JsonHierarchy,
    core_periphery: JsonCorePeriphery<'a>,
    composition: JsonComposition<'a>,
    quartiles: Vec<JsonQuartile<'a>>,
    outcomes: Vec<JsonOutcome>,
    findings: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonTeam<'a> {
    name: &'a str,
    headcount: usize,
    team_fte: f64,
    median_salary: Option<f64>,
}

#[derive(Serialize)]
struct JsonDiscipline<'a> {
    name: &'a str,
    professional_model: &'static str,
    headcount: usize,
    team_fte: f64,
    median_salary: Option<f64>,
    mean_salary: Option<f64>,
    pay_gap: Option<f64>,
    mean_leave_days: Option<f64>,
    mean_training_days: Option<f64>,
    mean_training_budget: Option<f64>,
    mean_autonomy: Option<f64>,
    status_index: Option<f64>,
    core: usize,
    peripheral: usize,
}

#[derive(Serialize)]
struct JsonAgency<'a> {
    name: &'a str,
    headcount: usize,
    team_fte: f64,
    share_of_team_fte: Option<f64>,
    median_salary: Option<f64>,
    status_index: Option<f64>,
}

#[derive(Serialize)]
struct JsonHierarchy {
    salary_gini: Option<f64>,
    top_bottom_pay_ratio: Option<f64>,
    leave_gap_days: Option<f64>,
    training_gap_days: Option<f64>,
    status_coreness_spearman: Option<f64>,
}

#[derive(Serialize)]
struct JsonCorePeriphery<'a> {
    threshold: f64,
    core_headcount: usize,
    peripheral_headcount: usize,
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
    team_fte_by_model: BTreeMap<&'static str, f64>,
}

#[derive(Serialize)]
struct JsonQuartile<'a> {
    quartile: u8,
    headcount: usize,
    disciplines: BTreeMap<&'a str, usize>,
}

#[derive(Serialize)]
struct JsonOutcome {
    outcome: &'static str,
    team_fte: f64,
    headcount: usize,
}

fn group(g: &GroupFigures) -> (&str, usize, f64) {
    (g.name.as_str(), g.headcount, g.team_fte)
}

fn json(a: &Analysis) -> String {
    let report = JsonReport {
        team: JsonTeam {
            name: &a.team_name,
            headcount: a.headcount,
            team_fte: a.team_fte,
            median_salary: a.team_median_salary,
        },
        disciplines: a
            .disciplines
            .iter()
            .map(|d| {
                let g = &d.figures;
                let (name, headcount, team_fte) = group(g);
                JsonDiscipline {
                    name,
                    professional_model: d.model.label(),
                    headcount,
                    team_fte,
                    median_salary: g.median_salary,
                    mean_salary: g.mean_salary,
                    pay_gap: g.pay_gap,
                    mean_leave_days: g.mean_leave_days,
                    mean_training_days: g.mean_training_days,
                    mean_training_budget: g.mean_training_budget,
                    mean_autonomy: g.mean_autonomy,
                    status_index: g.status_index,
                    core: g.core,
                    peripheral: g.peripheral,
                }
            })
            .collect(),
        agencies: a
            .agencies
            .iter()
            .map(|x| {
                let (name, headcount, team_fte) = group(&x.figures);
                JsonAgency {
                    name,
                    headcount,
                    team_fte,
                    share_of_team_fte: x.figures.share_of_team_fte,
                    median_salary: x.figures.median_salary,
                    status_index: x.figures.status_index,
                }
            })
            .collect(),
        hierarchy: JsonHierarchy {
            salary_gini: a.hierarchy.salary_gini,
            top_bottom_pay_ratio: a.hierarchy.top_bottom_pay_ratio,
            leave_gap_days: a.hierarchy.leave_gap_days,
            training_gap_days: a.hierarchy.training_gap_days,
            status_coreness_spearman: a.hierarchy.status_coreness_spearman,
        },
        core_periphery: {
            let cp = &a.core_periphery;
            JsonCorePeriphery {
                threshold: cp.threshold,
                core_headcount: cp.core.headcount,
                peripheral_headcount: cp.peripheral.headcount,
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
                    .map(|d| a.discipline_name(*d))
                    .collect(),
            }
        },
        composition: JsonComposition {
            discipline_blau: a.composition.discipline_blau,
            agency_blau: a.composition.agency_blau,
            dominant_agency: a.composition.dominant_agency.map(|id| a.agency_name(id)),
            dominant_agency_share: a.composition.dominant_agency_share,
            team_fte_by_model: a
                .composition
                .fte_by_model
                .iter()
                .map(|(m, fte, _)| (m.label(), *fte))
                .collect(),
        },
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
            })
            .collect(),
        outcomes: a
            .outcomes
            .iter()
            .map(|o| JsonOutcome {
                outcome: o.outcome.label(),
                team_fte: o.team_fte,
                headcount: o.headcount,
            })
            .collect(),
        findings: a.findings.iter().map(|f| f.text.as_str()).collect(),
    };
    serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
