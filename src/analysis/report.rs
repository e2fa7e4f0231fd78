//! The report: the same [`Analysis`] as text for the terminal, Markdown for handouts and
//! JSON for other tools. JSON keys are stable `snake_case`; money is in pounds; shares run
//! from 0 to 1; undefined values are `null`.

use std::fmt::Write as _;

mod json;

use super::disclosure::{AUTONOMY, CONDITIONS_INDEX, LEAVE, SALARY, TRAINING_DAYS};
use super::{Analysis, GroupFigures};
use crate::format::{count, money};
use crate::model::framework;

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
        Format::Json => json::json(a),
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
        "\n{} {} (team FTE in the disciplines tagged with each)",
        framework::dated(a.framework),
        a.framework.parts()
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
    let _ = writeln!(
        s,
        "\n## {}: {}\n",
        framework::dated(a.framework),
        a.framework.parts()
    );
    let _ = writeln!(
        s,
        "A shared frame for how each profession contributes, not a division of labour. {}\n",
        framework::markdown(a.framework)
    );
    for o in &a.outcomes {
        let _ = writeln!(
            s,
            "- {}: {} ({} members in {})",
            framework::wording(o.outcome),
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
        "\nEach discipline's {}, to ask how each contributes to the rest:\n",
        a.framework.parts()
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
    if let Some(text) = super::slides::caption(
        crate::model::SlideId::Chart(crate::model::ChartId::Families),
        a,
    ) {
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
