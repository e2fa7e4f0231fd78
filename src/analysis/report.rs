//! The report: the same [`Analysis`] as text for the terminal, Markdown for handouts and
//! JSON for other tools. JSON keys are stable `snake_case`; money is in pounds; shares run
//! from 0 to 1; undefined values are `null`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::disclosure::{AUTONOMY, CONDITIONS_INDEX, LEAVE, SALARY, TRAINING_DAYS};
use super::{Analysis, GroupFigures};
use crate::format::{count, money};

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

/// What the conditions index is, and what it is not: one sentence for the chart's subtitle,
/// the report and the README.
pub const CONDITIONS_SENTENCE: &str = "The research sees status as how a profession is seen (as expert, or as less skilled); pay, leave, training and autonomy are where it can also show, so this index ranks those conditions within the team and says nothing on its own about how anyone is seen.";

/// How a withheld figure reads.
pub fn withheld(a: &Analysis) -> String {
    format!("fewer than {}", a.min_group().unwrap_or(0))
}

/// A figure, or "fewer than 3" for a withheld group or figure, or "n/a".
fn shown(a: &Analysis, suppressed: bool, v: Option<f64>, f: impl Fn(f64) -> String) -> String {
    if suppressed {
        withheld(a)
    } else {
        opt(v, f)
    }
}

/// `1.20 × median`: a group's median pay over the team's.
/// `1.20 × mean`: a group's mean pay over the team's (workshop-safe mode).
pub fn times_mean(v: f64) -> String {
    format!("{v:.2} × mean")
}

pub fn times_median(v: f64) -> String {
    format!("{v:.2} × median")
}

/// What a pay ratio to the median means, for every place that shows one.
/// What a pay ratio to the mean means (workshop-safe mode, where medians are not shown).
pub const TIMES_MEAN_MEANING: &str =
    "× mean: the group's mean full-time pay divided by the team's (with names hidden a median would be one person's pay, so means are shown)";

pub const TIMES_MEDIAN_MEANING: &str =
    "× median: the group's median full-time pay divided by the team's (1.00 = the same, 0.80 = a fifth less)";

/// "0.18 (0 = everyone paid the same; the most it can be with 16 people is 0.94, when one
/// person is paid everything)".
pub fn gini_reading(a: &Analysis) -> Option<String> {
    let (g, max) = (a.hierarchy.salary_gini?, a.hierarchy.salary_gini_max?);
    Some(format!(
        "{g:.2} (0 = everyone paid the same; the most it can be with {} people is {max:.2}, when one person is paid everything)",
        a.paid_headcount()
    ))
}

/// "four groups as equal as the count allows (5, 4, 4, 4)".
pub fn quartile_sizes(a: &Analysis) -> String {
    let sizes: Vec<String> = a
        .quartiles
        .iter()
        .map(|q| q.headcount.to_string())
        .collect();
    format!(
        "four groups as equal as the count allows ({})",
        sizes.join(", ")
    )
}

/// One quartile's mix of disciplines, for the text and Markdown reports.
pub(crate) fn quartile_mix(a: &Analysis, q: &super::Quartile) -> String {
    if q.mix_withheld {
        return format!("mix withheld (it would place {})", withheld(a));
    }
    let mut mix: Vec<String> = q
        .disciplines
        .iter()
        .map(|(d, n)| format!("{} {n}", a.discipline_name(*d)))
        .collect();
    if q.other > 0 {
        mix.push(format!("{} {}", quartile_others(a), q.other));
    }
    mix.join(", ")
}

/// What a quartile's merged count holds: not only the withheld disciplines but any
/// discipline with too few people in that quartile to show.
pub fn quartile_others(a: &Analysis) -> String {
    format!(
        "withheld or fewer than {}",
        a.min_group().unwrap_or_default()
    )
}

/// The note a handout carries when workshop-safe mode withheld figures.
pub fn withheld_note(a: &Analysis) -> Option<String> {
    let min = a.min_group()?;
    let mut hidden: Vec<&str> = a.withheld_disciplines();
    hidden.extend(a.withheld_agencies());
    let which = if hidden.is_empty() {
        String::new()
    } else {
        format!(" Withheld here: {}.", hidden.join(", "))
    };
    Some(format!(
        "Names are hidden. No figure is shown for any group of fewer than {min} people, or for a group whose figures, set against the others, would give one person's away.{which}"
    ))
}

/// Rows for the discipline table, shared by text and Markdown.
pub(crate) fn discipline_rows(a: &Analysis) -> Vec<[String; 9]> {
    let mut rows: Vec<[String; 9]> = a
        .disciplines
        .iter()
        .map(|d| {
            let g = &d.figures;
            let hide = g.suppressed;
            // "fewer than 3" for a group too small; "withheld" for one figure that would give
            // someone away when set against the others.
            let w = |figure| g.is_withheld(figure);
            let shown = |hidden: bool, v: Option<f64>, f: fn(f64) -> String| {
                if hide {
                    withheld(a)
                } else if hidden {
                    "withheld".to_owned()
                } else {
                    opt(v, f)
                }
            };
            let name = if d.support_role {
                format!("{} (support role)", g.name)
            } else {
                g.name.clone()
            };
            [
                name,
                g.headcount.to_string(),
                shown(false, Some(g.team_fte), one),
                shown(w(SALARY), central_pay(a, g), money),
                shown(w(SALARY), pay_ratio(a, g), ratio_text(a)),
                shown(w(LEAVE), g.mean_leave_days, one),
                shown(w(TRAINING_DAYS), g.mean_training_days, one),
                shown(w(AUTONOMY), g.mean_autonomy, one),
                shown(w(CONDITIONS_INDEX), g.conditions_index, two),
            ]
        })
        .collect();
    if let Some(g) = &a.other_disciplines {
        let shown = |figure: usize, v: Option<f64>, f: fn(f64) -> String| {
            if g.is_withheld(figure) {
                "withheld".to_owned()
            } else {
                opt(v, f)
            }
        };
        rows.push([
            g.name.clone(),
            g.headcount.to_string(),
            one(g.team_fte),
            shown(SALARY, central_pay(a, g), money),
            shown(SALARY, pay_ratio(a, g), ratio_text(a)),
            shown(LEAVE, g.mean_leave_days, one),
            shown(TRAINING_DAYS, g.mean_training_days, one),
            shown(AUTONOMY, g.mean_autonomy, one),
            shown(CONDITIONS_INDEX, g.conditions_index, two),
        ]);
    }
    rows
}

/// A group's central pay figure: its median, or its mean in workshop-safe mode.
pub fn central_pay(a: &Analysis, g: &GroupFigures) -> Option<f64> {
    if a.min_group().is_some() {
        g.mean_salary
    } else {
        g.median_salary
    }
}

/// A group's pay over the team's: median over median, or mean over mean when names are hidden.
pub fn pay_ratio(a: &Analysis, g: &GroupFigures) -> Option<f64> {
    if a.min_group().is_some() {
        g.pay_ratio_to_mean
    } else {
        g.pay_ratio_to_median
    }
}

fn ratio_text(a: &Analysis) -> fn(f64) -> String {
    if a.min_group().is_some() {
        times_mean
    } else {
        times_median
    }
}

/// The team's central pay figure, named: "median £36,486", or "mean £37,120" with names hidden.
pub fn team_pay(a: &Analysis) -> String {
    match (a.min_group(), a.team_median_salary, a.team_mean_salary) {
        (Some(_), _, Some(mean)) => format!("mean {}", money(mean)),
        (None, Some(median), _) => format!("median {}", money(median)),
        _ => "n/a".to_owned(),
    }
}

pub(crate) fn headings(a: &Analysis) -> [&'static str; 9] {
    let mut h = DISCIPLINE_HEADINGS;
    if a.min_group().is_some() {
        h[3] = "Mean pay";
    }
    h
}

const DISCIPLINE_HEADINGS: [&str; 9] = [
    "Discipline",
    "n",
    "Team FTE",
    "Median pay",
    "Pay",
    "Leave",
    "Training",
    "Autonomy",
    "Conditions",
];

fn side_line(a: &Analysis, name: &str, side: &super::Side) -> String {
    let hide = side.suppressed;
    format!(
        "{name}: {} members, {} pay {}, mean leave {} days, training {} days, autonomy {}",
        side.headcount,
        if a.min_group().is_some() {
            "mean"
        } else {
            "median"
        },
        shown(
            a,
            hide,
            if a.min_group().is_some() {
                side.mean_salary
            } else {
                side.median_salary
            },
            money
        ),
        shown(a, hide, side.mean_leave_days, one),
        shown(a, hide, side.mean_training_days, one),
        shown(a, hide, side.mean_autonomy, one),
    )
}

fn summary_lines(a: &Analysis) -> Vec<String> {
    let h = &a.hierarchy;
    let c = &a.composition;
    let cp = &a.core_periphery;
    let p = &a.integration;
    let spearman = match (
        h.conditions_coreness_spearman,
        h.conditions_coreness_p_value,
    ) {
        (Some(rho), Some(pv)) => format!(
            "{rho:.2}, {} (permutation {}, n = {})",
            if rho.abs() < super::findings::SPEARMAN_LOOSE {
                "hardly related"
            } else {
                super::findings::strength_word(rho)
            },
            super::findings::p_text(pv),
            h.spearman_n
        ),
        _ => format!(
            "not reported below n = {} (n = {})",
            super::MIN_MEMBERS_FOR_CORRELATION,
            h.spearman_n
        ),
    };
    let models: Vec<String> = c
        .models
        .iter()
        .filter(|m| m.headcount > 0)
        .map(|m| {
            let fte = if m.withheld {
                withheld(a)
            } else {
                format!("{:.1} FTE", m.team_fte)
            };
            format!(
                "{} {fte} ({})",
                m.model.label(),
                count(m.disciplines, "discipline", "disciplines")
            )
        })
        .collect();
    vec![
        format!(
            "Headcount {} · team FTE {:.1} · team full-time pay {}",
            a.headcount,
            a.team_fte,
            team_pay(a)
        ),
        format!(
            "Gini of full-time pay {}",
            gini_reading(a).unwrap_or_else(|| "n/a".to_owned())
        ),
        format!(
            "Between professions: median pay ratio top to bottom {} · leave gap {} days · training gap {} days{}",
            opt(h.top_bottom_pay_ratio, |v| format!("{v:.1}×")),
            opt(h.leave_gap_days, one),
            opt(h.training_gap_days, one),
            super::findings::professions_note(a)
        ),
        format!("Conditions and time in team, Spearman ρ: {spearman}"),
        format!(
            "Core members have {} FTE or more in this team. {} · {}",
            cp.threshold,
            side_line(a, "Core", &cp.core),
            side_line(a, "peripheral", &cp.peripheral)
        ),
        format!(
            "Blau diversity: disciplines {} · agencies {} · largest agency {} ({} of team FTE)",
            opt(c.discipline_blau, two),
            opt(c.agency_blau, two),
            c.dominant_agency.map_or("n/a", |id| a.agency_name(id)),
            opt(c.dominant_agency_share, pct)
        ),
        format!(
            "Professional models (a discipline can hold several): {}",
            if models.is_empty() { "none recorded".to_owned() } else { models.join(", ") }
        ),
        format!(
            "Integration: declared {} · co-located {} · line-managed in the team {} of those with a manager ({} outside, {} with none recorded) · split posts {} · time by agency: {}",
            p.declared.label().to_lowercase(),
            opt(p.co_located_share(), pct),
            opt(p.managed_in_team_share(), pct),
            p.managed_outside,
            p.no_manager,
            opt(p.split_post_share(), pct),
            agency_shares(a)
                .iter()
                .map(|(name, share)| format!("{name} {}", pct(*share)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ]
}

/// Each agency's time in the team, largest first, as (name, team FTE, headcount, shown). With
/// names hidden, agencies with fewer members than the minimum are counted together as "Other
/// agencies", and not shown at all (`shown` false, no time) when even together they are too
/// few.
pub fn agency_time(a: &Analysis) -> Vec<(String, f64, usize, bool)> {
    let min = a.min_group().unwrap_or(0);
    let mut out: Vec<(String, f64, usize, bool)> = a
        .agencies
        .iter()
        .filter(|x| x.figures.headcount > 0 && x.figures.headcount >= min)
        .map(|x| {
            (
                x.figures.name.clone(),
                x.figures.team_fte,
                x.figures.headcount,
                true,
            )
        })
        .collect();
    let (few, fte) = a
        .agencies
        .iter()
        .filter(|x| x.figures.headcount > 0 && x.figures.headcount < min)
        .fold((0, 0.0), |(n, f), x| {
            (n + x.figures.headcount, f + x.figures.team_fte)
        });
    if few > 0 {
        out.push(("Other agencies".to_owned(), fte, few, few >= min));
    }
    out
}

/// Each agency's share of the team's time, as [`agency_time`] counts it.
pub fn agency_shares(a: &Analysis) -> Vec<(String, f64)> {
    if a.team_fte <= 0.0 {
        return Vec::new();
    }
    agency_time(a)
        .into_iter()
        .filter(|(_, _, _, shown)| *shown)
        .map(|(name, fte, _, _)| (name, fte / a.team_fte))
        .collect()
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
    let _ = writeln!(s, "\nConditions ladder (best conditions first)");
    let rows = discipline_rows(a);
    let widths: Vec<usize> = (0..9)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([headings(a)[i].len()])
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
    let _ = writeln!(s, "{}", line(headings(a).to_vec()));
    for r in &rows {
        let _ = writeln!(s, "{}", line(r.iter().map(String::as_str).collect()));
    }
    let _ = writeln!(s, "{}", table_notes(a));
    let _ = writeln!(
        s,
        "\nPay quartiles, lowest paid first: {}",
        quartile_sizes(a)
    );
    for q in &a.quartiles {
        let _ = writeln!(
            s,
            "  Q{} (n = {}): {}",
            q.quartile,
            q.headcount,
            quartile_mix(a, q)
        );
    }
    let _ = writeln!(
        s,
        "\nEvery Child Matters outcomes (team FTE in the disciplines tagged with each)"
    );
    for o in &a.outcomes {
        let _ = writeln!(
            s,
            "  {:<30} {:>12}, {} members, {}",
            o.outcome.label(),
            outcome_fte(a, o),
            o.headcount,
            count(o.disciplines.len(), "discipline", "disciplines")
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

/// An outcome's team FTE, or why it is not shown.
pub(crate) fn outcome_fte(a: &Analysis, o: &super::OutcomeCover) -> String {
    if o.withheld {
        withheld(a)
    } else {
        format!("{:.1} FTE", o.team_fte)
    }
}

/// What the table's columns mean.
fn table_notes(a: &Analysis) -> String {
    let meaning = if a.min_group().is_some() {
        TIMES_MEAN_MEANING
    } else {
        TIMES_MEDIAN_MEANING
    };
    format!("Pay is {meaning}. Conditions is the conditions index, 0 to 1. {CONDITIONS_SENTENCE}")
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
    let _ = writeln!(s, "\n## Conditions ladder\n");
    let _ = writeln!(s, "| {} |", headings(a).join(" | "));
    let _ = writeln!(s, "|{}", "---|".repeat(DISCIPLINE_HEADINGS.len()));
    for r in discipline_rows(a) {
        let cells: Vec<String> = r.iter().map(|c| c.replace('|', "\\|")).collect();
        let _ = writeln!(s, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(s, "\n_{}_", table_notes(a));
    let _ = writeln!(s, "\n## Pay quartiles\n");
    let _ = writeln!(s, "Lowest paid first, {}.\n", quartile_sizes(a));
    for q in &a.quartiles {
        let _ = writeln!(
            s,
            "- **Q{}** (n = {}): {}",
            q.quartile,
            q.headcount,
            quartile_mix(a, q)
        );
    }
    let _ = writeln!(s, "\n## Every Child Matters outcomes\n");
    let _ = writeln!(
        s,
        "A shared frame for how each profession contributes, not a division of labour.\n"
    );
    for o in &a.outcomes {
        let _ = writeln!(
            s,
            "- {}: {} ({} members in {})",
            o.outcome.label(),
            outcome_fte(a, o),
            o.headcount,
            count(
                o.disciplines.len(),
                "tagged discipline",
                "tagged disciplines"
            )
        );
    }
    let _ = writeln!(
        s,
        "\nEach discipline's outcomes, to ask how each contributes to the rest:\n"
    );
    for d in a.disciplines.iter().filter(|d| d.figures.headcount > 0) {
        let tagged: Vec<&str> = a
            .outcomes
            .iter()
            .filter(|o| o.disciplines.contains(&d.id))
            .map(|o| o.outcome.label())
            .collect();
        let _ = writeln!(
            s,
            "- {}: {}",
            d.figures.name,
            if tagged.is_empty() {
                "none tagged".to_owned()
            } else {
                tagged.join("; ")
            }
        );
    }
    let _ = writeln!(s, "\n_Pay is full-time equivalent; leave is the full-time entitlement; n is the headcount behind each figure._");
    if let Some(p) = &a.perceptions {
        s.push_str(&perceptions_markdown(p));
    }
    s.push_str(&relational_markdown(a));
    s.push_str(&feedback_markdown(a));
    s
}

/// What families told the team: each round's figures, the rounds compared, the side by side
/// with the staff's own view, and the quotes the manager chose (never any other comment).
pub fn feedback_markdown(a: &Analysis) -> String {
    let mut s = String::new();
    if a.feedback.is_empty() {
        return s;
    }
    let _ = writeln!(s, "\n## What families tell us\n");
    let _ = writeln!(
        s,
        "Experience of Service Questionnaire (CORC): each item's answers, and the mean score from 0 (not true) to 2 (certainly true) over the answers other than don't know. Friends and Family Test (NHS England): very good and good, and poor and very poor, as a percentage of every rating, don't know included. {}No answer can be traced to a family: no respondent or date of a response is kept.\n",
        a.min_responses.map_or_else(String::new, |min| format!("With names hidden no figure comes from fewer than {min} responses. "))
    );
    s.push_str(&super::tables::feedback(a).to_markdown());
    let own = super::tables::feedback_own(a);
    if !own.rows.is_empty() {
        let _ = writeln!(
            s,
            "\nThe team's own questions: the count of each answer from the lowest to the highest, and the mean over the answers other than don't know.\n"
        );
        s.push_str(&own.to_markdown());
    }
    for c in &a.feedback_changes {
        let clear: Vec<String> = c
            .rows
            .iter()
            .filter(|r| r.clear())
            .filter_map(|r| {
                Some(format!(
                    "{} {:.0} % (n = {}) to {:.0} % (n = {})",
                    r.what,
                    100.0 * r.before?,
                    r.n_before?,
                    100.0 * r.after?,
                    r.n_after?
                ))
            })
            .collect();
        let _ = writeln!(
            s,
            "\n{} against {}{}: {}.",
            c.after,
            c.before,
            c.form
                .map_or_else(String::new, |f| format!(" ({})", f.label())),
            if clear.is_empty() {
                "no share moved by more than chance would (Newcombe 95 % interval of each change)"
                    .to_owned()
            } else {
                format!("clear changes: {}", clear.join("; "))
            }
        );
    }
    if let Some(text) = super::slides::caption(crate::model::SlideId::Families, a) {
        let _ = writeln!(s, "\n**Families beside the staff.** {}", text.text);
    }
    if !a.quotes.is_empty() {
        let _ = writeln!(
            s,
            "\nQuotes were chosen by the manager from the families' comments, and checked against the names of the team and the names kept for each round; no other comment leaves the manager's file.\n"
        );
        for q in &a.quotes {
            let _ = writeln!(s, "> “{}”\n", q.replace('\n', " "));
        }
    }
    s
}

/// Each relational round on its own (response, reliability, each factor's figures), then
/// each round against the one before it of the same instrument.
pub fn relational_markdown(a: &Analysis) -> String {
    use super::relational::scale_text;
    use super::tables::{interval_text, mean_or_withheld};
    use crate::model::instrument::About;
    let mut s = String::new();
    if a.relational.is_empty() {
        return s;
    }
    let _ = writeln!(s, "\n## How the professions work together: rounds\n");
    let _ = writeln!(
        s,
        "Each round is measured on its own; none is pooled with another. Means are on each factor's own scale; 95 % intervals are bootstrap intervals (1,000 resamples).{}\n",
        a.min_group().map_or_else(String::new, |min| format!(
            " Names are hidden: no figure from fewer than {min} answers, no interval from fewer than {}, and nothing by or about a profession of fewer than {min} people.",
            super::relational::MIN_INTERVAL_N.max(min)
        ))
    );
    for r in &a.relational {
        let _ = writeln!(s, "### {} ({})\n", r.label, r.date);
        let rates: Vec<String> = r
            .response_rate
            .iter()
            .map(|g| format!("{} {} of {}", g.group, g.respondents, g.headcount))
            .collect();
        let _ = writeln!(
            s,
            "{}: {} respondents ({}; {} in no group).\n",
            r.instrument,
            r.respondents,
            rates.join(", "),
            r.ungrouped
        );
        for f in &r.factors {
            let _ = writeln!(
                s,
                "**{}** ({}, {}; {})\n",
                crate::format::capitalised(&f.factor),
                crate::format::count(f.items, "item", "items"),
                scale_text(f),
                super::relational::alpha_text(f)
            );
            let mut t = super::tables::DataTable::default();
            match f.about {
                About::Team => {
                    t.columns = ["Group", "Respondents", "Mean", "95 % interval"]
                        .map(str::to_owned)
                        .to_vec();
                    for g in f.groups.iter().chain(&f.sides).chain(&f.everyone) {
                        t.rows.push(vec![
                            g.group.clone(),
                            g.n.to_string(),
                            mean_or_withheld(g.mean, g.n),
                            interval_text(g.interval),
                        ]);
                    }
                }
                About::Each => {
                    t.columns = ["Group", "As others see it", "As it sees others"]
                        .map(str::to_owned)
                        .to_vec();
                    let one =
                        |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
                    let shown = |p: &&super::relational::Profile| {
                        p.seen_by_others.is_some() || p.sees_others.is_some()
                    };
                    for p in f.profiles.iter().filter(shown) {
                        t.rows.push(vec![
                            p.group.clone(),
                            one(p.seen_by_others),
                            one(p.sees_others),
                        ]);
                    }
                    let _ = writeln!(
                        s,
                        "Network mean {}. The matrix, cell by cell, is in the chart and the JSON report.\n",
                        one(f.network_mean)
                    );
                }
            }
            s.push_str(&t.to_markdown());
            s.push('\n');
            if let Some(line) = super::relational::gap_text(f) {
                let _ = writeln!(s, "{line}\n");
            }
        }
    }
    for c in &a.relational_changes {
        let _ = writeln!(s, "### {} against {}\n", c.after, c.before);
        let _ = writeln!(
            s,
            "A change is called clear only where both 95 % intervals, each from at least {} answers, do not overlap.\n",
            super::relational::MIN_INTERVAL_N
        );
        s.push_str(&super::tables::change_table(Some(c)).to_markdown());
        s.push('\n');
    }
    s
}

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
struct JsonServiceUsers<'a> {
    /// With names hidden, the fewest responses a figure is shown from; `null` otherwise.
    min_responses: Option<usize>,
    rounds: Vec<JsonFeedbackRound<'a>>,
    /// Each round against the one before it of the same questionnaire and form.
    changes: Vec<JsonFeedbackChange<'a>>,
    /// The families' view and the staff's, period by period.
    side_by_side: Vec<JsonPeriod<'a>>,
    /// Comments the manager chose to quote, each checked against every name.
    quotes: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonFeedbackRound<'a> {
    label: &'a str,
    kind: &'static str,
    form: Option<&'static str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    snapshot: Option<&'a str>,
    respondents: Option<usize>,
    items: Vec<JsonFeedbackItem>,
    subscales: Vec<JsonSubscale>,
    percent_positive: Option<f64>,
    percent_negative: Option<f64>,
    /// FFT: responses with a rating, don't know included; `null` for the ESQ.
    ratings: Option<usize>,
    /// FFT: each answer's count, best first, then don't know.
    answers: Option<JsonFftAnswers>,
    /// The team's own questionnaire: each item; empty for the ESQ and FFT.
    own_items: Vec<JsonOwnItem<'a>>,
}

#[derive(Serialize)]
struct JsonOwnItem<'a> {
    item: &'a str,
    text: &'a str,
    scale_min: u8,
    scale_max: u8,
    n: Option<usize>,
    /// The count of each answer from the scale's lowest to its highest.
    counts: Option<&'a [usize]>,
    dont_know: Option<usize>,
    mean: Option<f64>,
}

#[derive(Serialize)]
struct JsonFeedbackItem {
    item: u8,
    text: &'static str,
    n: Option<usize>,
    certainly: Option<usize>,
    partly: Option<usize>,
    not: Option<usize>,
    dont_know: Option<usize>,
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct JsonSubscale {
    subscale: &'static str,
    n: Option<usize>,
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct JsonFftAnswers {
    very_good: usize,
    good: usize,
    neither: usize,
    poor: usize,
    very_poor: usize,
    dont_know: usize,
}

#[derive(Serialize)]
struct JsonFeedbackChange<'a> {
    before: &'a str,
    after: &'a str,
    before_snapshot: Option<&'a str>,
    after_snapshot: Option<&'a str>,
    kind: &'static str,
    form: Option<&'static str>,
    shares: Vec<JsonShareChange<'a>>,
}

#[derive(Serialize)]
struct JsonShareChange<'a> {
    what: &'a str,
    before: Option<f64>,
    after: Option<f64>,
    n_before: Option<usize>,
    n_after: Option<usize>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    clear: bool,
}

#[derive(Serialize)]
struct JsonPeriod<'a> {
    /// The snapshot the period ends at; `null` for now.
    snapshot: Option<&'a str>,
    families: Vec<JsonFamiliesView<'a>>,
    staff_round: Option<&'a str>,
    staff: Vec<JsonStaffFactor<'a>>,
}

#[derive(Serialize)]
struct JsonFamiliesView<'a> {
    round: &'a str,
    kind: &'static str,
    n: Option<usize>,
    /// ESQ: the share "certainly true" on the working-together item; FFT: the share
    /// positive. 0–1.
    share: Option<f64>,
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct JsonStaffFactor<'a> {
    factor: &'a str,
    scale_min: u8,
    scale_max: u8,
    n: usize,
    mean: Option<f64>,
}

fn json_service_users(a: &Analysis) -> JsonServiceUsers<'_> {
    JsonServiceUsers {
        min_responses: a.min_responses,
        rounds: a
            .feedback
            .iter()
            .map(|r| JsonFeedbackRound {
                label: &r.label,
                kind: r.kind.key(),
                form: r.form.map(crate::model::feedback::Form::key),
                from: r.from.as_deref(),
                to: r.to.as_deref(),
                snapshot: r.snapshot.as_deref(),
                respondents: r.respondents,
                items: r
                    .items
                    .iter()
                    .map(|i| JsonFeedbackItem {
                        item: i.item,
                        text: i.text,
                        n: i.n,
                        certainly: i.counts.map(|c| c[0]),
                        partly: i.counts.map(|c| c[1]),
                        not: i.counts.map(|c| c[2]),
                        dont_know: i.counts.map(|c| c[3]),
                        mean_score: i.mean_score,
                    })
                    .collect(),
                subscales: r
                    .subscales
                    .iter()
                    .map(|x| JsonSubscale {
                        subscale: x.subscale.key(),
                        n: x.n,
                        mean_score: x.mean,
                    })
                    .collect(),
                percent_positive: r.fft.as_ref().and_then(|f| f.percent_positive),
                percent_negative: r.fft.as_ref().and_then(|f| f.percent_negative),
                ratings: r.fft.as_ref().and_then(|f| f.n),
                answers: r
                    .fft
                    .as_ref()
                    .and_then(|f| f.counts)
                    .map(|c| JsonFftAnswers {
                        very_good: c[0],
                        good: c[1],
                        neither: c[2],
                        poor: c[3],
                        very_poor: c[4],
                        dont_know: c[5],
                    }),
                own_items: r
                    .own
                    .iter()
                    .map(|i| JsonOwnItem {
                        item: &i.id,
                        text: &i.text,
                        scale_min: i.scale.0,
                        scale_max: i.scale.1,
                        n: i.n,
                        counts: i.counts.as_deref(),
                        dont_know: i.dont_know,
                        mean: i.mean,
                    })
                    .collect(),
            })
            .collect(),
        changes: a
            .feedback_changes
            .iter()
            .map(|c| JsonFeedbackChange {
                before: &c.before,
                after: &c.after,
                before_snapshot: c.before_snapshot.as_deref(),
                after_snapshot: c.after_snapshot.as_deref(),
                kind: c.kind.key(),
                form: c.form.map(crate::model::feedback::Form::key),
                shares: c
                    .rows
                    .iter()
                    .map(|r| JsonShareChange {
                        what: &r.what,
                        before: r.before,
                        after: r.after,
                        n_before: r.n_before,
                        n_after: r.n_after,
                        ci_low: r.interval.map(|i| i.0),
                        ci_high: r.interval.map(|i| i.1),
                        clear: r.clear(),
                    })
                    .collect(),
            })
            .collect(),
        side_by_side: a
            .side_by_side
            .iter()
            .map(|p| JsonPeriod {
                snapshot: p.snapshot.as_deref(),
                families: p
                    .families
                    .iter()
                    .map(|f| JsonFamiliesView {
                        round: &f.label,
                        kind: f.kind.key(),
                        n: f.n,
                        share: f.share,
                        mean_score: f.mean_score,
                    })
                    .collect(),
                staff_round: p.staff_round.as_deref(),
                staff: p
                    .staff
                    .iter()
                    .map(|f| JsonStaffFactor {
                        factor: &f.factor,
                        scale_min: f.scale.0,
                        scale_max: f.scale.1,
                        n: f.n,
                        mean: f.mean,
                    })
                    .collect(),
            })
            .collect(),
        quotes: a.quotes.iter().map(String::as_str).collect(),
    }
}

#[derive(Serialize)]
struct JsonRelational<'a> {
    rounds: Vec<JsonRelationalRound<'a>>,
    /// Each round against the one before it of the same instrument.
    changes: Vec<JsonRoundChange<'a>>,
}

#[derive(Serialize)]
struct JsonRoundChange<'a> {
    before: &'a str,
    after: &'a str,
    before_snapshot: Option<&'a str>,
    after_snapshot: Option<&'a str>,
    instrument: &'a str,
    factors: Vec<JsonFactorChange<'a>>,
}

#[derive(Serialize)]
struct JsonFactorChange<'a> {
    factor: &'a str,
    about: &'static str,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    what: &'a str,
    before: Option<f64>,
    after: Option<f64>,
    difference: Option<f64>,
    n_before: usize,
    n_after: usize,
    clear: bool,
}

fn json_round_change(c: &super::relational::RoundChange) -> JsonRoundChange<'_> {
    JsonRoundChange {
        before: &c.before,
        after: &c.after,
        before_snapshot: c.before_snapshot.as_deref(),
        after_snapshot: c.after_snapshot.as_deref(),
        instrument: &c.instrument,
        factors: c
            .factors
            .iter()
            .map(|f| JsonFactorChange {
                factor: &f.factor,
                about: f.about.key(),
                changes: f
                    .changes
                    .iter()
                    .map(|x| JsonChange {
                        what: &x.what,
                        before: x.before,
                        after: x.after,
                        difference: x.difference(),
                        n_before: x.n_before,
                        n_after: x.n_after,
                        clear: x.clear,
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct JsonRelationalRound<'a> {
    label: &'a str,
    date: &'a str,
    instrument: &'a str,
    /// The snapshot the round is linked to (a restructure's before), if any.
    snapshot: Option<&'a str>,
    respondents: usize,
    /// Respondents in no group (preferred not to say, or too small a profession to keep).
    ungrouped: usize,
    response_rate: Vec<JsonRate<'a>>,
    factors: Vec<JsonFactor<'a>>,
}

#[derive(Serialize)]
struct JsonRate<'a> {
    group: &'a str,
    respondents: usize,
    headcount: usize,
}

#[derive(Serialize)]
struct JsonFactor<'a> {
    factor: &'a str,
    about: &'static str,
    items: usize,
    alpha: Option<f64>,
    alpha_rows: usize,
    network_mean: Option<f64>,
    cells: Vec<JsonCell<'a>>,
    profiles: Vec<JsonProfile<'a>>,
    groups: Vec<JsonGroupMean<'a>>,
    everyone: Option<JsonGroupMean<'a>>,
    /// About the team: the core and the periphery, as respondents said.
    sides: Vec<JsonGroupMean<'a>>,
    core_gap: Option<JsonGap>,
}

/// The core's mean less the periphery's.
#[derive(Serialize)]
struct JsonGap {
    difference: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    clear: bool,
}

#[derive(Serialize)]
struct JsonCell<'a> {
    rater: &'a str,
    rated: &'a str,
    n: usize,
    /// `null` where withheld (names hidden).
    mean: Option<f64>,
}

#[derive(Serialize)]
struct JsonProfile<'a> {
    group: &'a str,
    seen_by_others: Option<f64>,
    sees_others: Option<f64>,
}

#[derive(Serialize)]
struct JsonGroupMean<'a> {
    group: &'a str,
    n: usize,
    mean: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
}

fn json_group_mean(g: &super::relational::GroupMean) -> JsonGroupMean<'_> {
    JsonGroupMean {
        group: &g.group,
        n: g.n,
        mean: g.mean,
        ci_low: g.interval.map(|i| i.0),
        ci_high: g.interval.map(|i| i.1),
    }
}

fn json_relational<'a>(
    rounds: &'a [super::relational::RoundFigures],
    changes: &'a [super::relational::RoundChange],
) -> Option<JsonRelational<'a>> {
    let group = json_group_mean;
    (!rounds.is_empty()).then(|| JsonRelational {
        changes: changes.iter().map(json_round_change).collect(),
        rounds: rounds
            .iter()
            .map(|r| JsonRelationalRound {
                label: &r.label,
                date: &r.date,
                instrument: &r.instrument,
                snapshot: r.snapshot.as_deref(),
                respondents: r.respondents,
                ungrouped: r.ungrouped,
                response_rate: r
                    .response_rate
                    .iter()
                    .map(|g| JsonRate {
                        group: &g.group,
                        respondents: g.respondents,
                        headcount: g.headcount,
                    })
                    .collect(),
                factors: r
                    .factors
                    .iter()
                    .map(|f| JsonFactor {
                        factor: &f.factor,
                        about: f.about.key(),
                        items: f.items,
                        alpha: f.alpha,
                        alpha_rows: f.alpha_rows,
                        network_mean: f.network_mean,
                        cells: f
                            .cells
                            .iter()
                            .map(|c| JsonCell {
                                rater: &c.rater,
                                rated: &c.rated,
                                n: c.n,
                                mean: c.mean,
                            })
                            .collect(),
                        profiles: f
                            .profiles
                            .iter()
                            .map(|p| JsonProfile {
                                group: &p.group,
                                seen_by_others: p.seen_by_others,
                                sees_others: p.sees_others,
                            })
                            .collect(),
                        groups: f.groups.iter().map(group).collect(),
                        everyone: f.everyone.as_ref().map(group),
                        sides: f.sides.iter().map(group).collect(),
                        core_gap: f.core_gap.as_ref().map(|g| JsonGap {
                            difference: g.difference,
                            ci_low: g.interval.map(|i| i.0),
                            ci_high: g.interval.map(|i| i.1),
                            clear: g.clear(),
                        }),
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct JsonPerceptions<'a> {
    rounds: usize,
    /// The rounds measured: the latest of ratings and of pairwise choices, not pooled.
    round_labels: &'a [String],
    respondents: usize,
    min_group: usize,
    disciplines: Vec<JsonPerception<'a>>,
    spearman_conditions_vs_perceived: Option<f64>,
    feel_valued: Vec<JsonFeelValued<'a>>,
}

#[derive(Serialize)]
struct JsonQuestion {
    raters: usize,
    perceived_mean: Option<f64>,
    self_mean: Option<f64>,
    others_mean: Option<f64>,
}

#[derive(Serialize)]
struct JsonPerception<'a> {
    name: &'a str,
    say: JsonQuestion,
    valued: JsonQuestion,
    perceived_rank: Option<f64>,
    conditions_rank: Option<f64>,
    rank_gap: Option<f64>,
    bt_log_strength: Option<f64>,
    comparisons: usize,
    feel_valued_mean: Option<f64>,
    feel_valued_n: Option<usize>,
}

#[derive(Serialize)]
struct JsonFeelValued<'a> {
    group: &'a str,
    n: usize,
    mean: Option<f64>,
}

fn json_perceptions(p: &super::perceptions::Perceptions) -> JsonPerceptions<'_> {
    let q = |f: &super::perceptions::QuestionFigures| JsonQuestion {
        raters: f.raters,
        perceived_mean: f.perceived_mean,
        self_mean: f.self_mean,
        others_mean: f.others_mean,
    };
    JsonPerceptions {
        rounds: p.rounds.len(),
        round_labels: &p.rounds,
        respondents: p.respondents,
        min_group: p.min_group,
        disciplines: p
            .disciplines
            .iter()
            .map(|d| JsonPerception {
                name: &d.name,
                say: q(&d.say),
                valued: q(&d.valued),
                perceived_rank: d.perceived_rank,
                conditions_rank: d.conditions_rank,
                rank_gap: d.rank_gap,
                bt_log_strength: d.bt_log_strength,
                comparisons: d.comparisons,
                feel_valued_mean: d.feel_valued_mean,
                feel_valued_n: d.feel_valued_n,
            })
            .collect(),
        spearman_conditions_vs_perceived: p.spearman_conditions_vs_perceived,
        feel_valued: p
            .feel_valued
            .iter()
            .map(|g| JsonFeelValued {
                group: &g.group,
                n: g.n,
                mean: g.mean,
            })
            .collect(),
    }
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

fn json(a: &Analysis) -> String {
    // A withheld group keeps its name and headcount; everything else is null.
    let fig = |g: &GroupFigures, v: Option<f64>| if g.suppressed { None } else { v };
    let count_of = |g: &GroupFigures, v: usize| (!g.suppressed).then_some(v);
    let cp = &a.core_periphery;
    let report = JsonReport {
        team: JsonTeam {
            name: &a.team_name,
            headcount: a.headcount,
            team_fte: a.team_fte,
            median_salary: a.team_median_salary,
            mean_salary: a.team_mean_salary,
            min_group_size: a.min_group(),
        },
        disciplines: a
            .disciplines
            .iter()
            .map(|d| {
                let g = &d.figures;
                JsonDiscipline {
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
            })
            .collect(),
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
        families: a
            .families
            .iter()
            .map(|f| {
                let g = &f.figures;
                JsonFamily {
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
            })
            .collect(),
        agencies: a
            .agencies
            .iter()
            .map(|x| {
                let g = &x.figures;
                JsonAgency {
                    name: &g.name,
                    suppressed: g.suppressed,
                    headcount: g.headcount,
                    team_fte: fig(g, Some(g.team_fte)),
                    share_of_team_fte: fig(g, g.share_of_team_fte),
                    median_salary: fig(g, g.median_salary),
                    status_index: fig(g, g.conditions_index),
                }
            })
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
        core_periphery: JsonCorePeriphery {
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
        },
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
        integration: {
            let p = &a.integration;
            JsonIntegration {
                declared: p.declared.label(),
                agency_time_shares: agency_shares(a).into_iter().collect(),
                co_located_share: p.co_located_share(),
                managed_in_team_share: p.managed_in_team_share(),
                managed_outside: p.managed_outside,
                no_manager: p.no_manager,
                split_post_share: p.split_post_share(),
                agencies: p.agencies,
            }
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
                other_disciplines: q.other,
                mix_withheld: q.mix_withheld,
            })
            .collect(),
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

/// "Seen versus given": the perception measures as a Markdown section.
pub fn perceptions_markdown(p: &super::perceptions::Perceptions) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\n## Seen versus given: how the professions see each other\n"
    );
    let _ = writeln!(
        s,
        "{} respondents, anonymous, in {}. Say and valued expertise are rated 1 to 5 by everyone else (a discipline's own members apart); no figure is shown from fewer than {} ratings.\n",
        p.respondents,
        p.rounds.join(" and "),
        p.min_group
    );
    s.push_str(&super::tables::seen_versus_given(p).to_markdown());
    if let Some(rho) = p.spearman_conditions_vs_perceived {
        let _ = writeln!(
            s,
            "\nAcross the {} disciplines ranked on both, Spearman's ρ between the conditions index and perceived say is {rho:.2}.",
            p.ranked
        );
    }
    let h = &p.say_by_rater;
    if !h.rated.is_empty() && !h.raters.is_empty() {
        let _ = writeln!(
            s,
            "\nWho gives whom a say: mean say by the raters' own discipline (columns; n = respondents), ratings of one's own discipline left out:\n"
        );
        s.push_str(&super::tables::say_by_rater(p).to_markdown());
    }
    if !p.feel_valued.is_empty() {
        let _ = writeln!(
            s,
            "\nHow valued people feel in the team (1 to 5), by their own discipline:\n"
        );
        for g in &p.feel_valued {
            let _ = writeln!(
                s,
                "- {} (n = {}): {}",
                g.group,
                g.n,
                super::tables::mean_or_withheld(g.mean, g.n)
            );
        }
    }
    s
}
