//! The figures behind each chart as plain tables: what a screen reader reads out in place of
//! the picture, and the Markdown report's perception tables. Workshop-safe mode's withholding
//! is already in the analysis, so a table holds nothing its chart does not show.

use std::fmt::Write as _;

use super::perceptions::Perceptions;
use super::{report, Analysis};

/// A table: column headings and rows of cells, as text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl DataTable {
    fn new(columns: &[&str]) -> Self {
        Self {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// As a Markdown table (pipes in cells escaped).
    pub fn to_markdown(&self) -> String {
        let cell = |t: &str| t.replace('|', "\\|");
        let mut s = String::new();
        let header: Vec<String> = self.columns.iter().map(|c| cell(c)).collect();
        let _ = writeln!(s, "| {} |", header.join(" | "));
        let _ = writeln!(s, "|{}", "---|".repeat(self.columns.len()));
        for row in &self.rows {
            let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
            let _ = writeln!(s, "| {} |", cells.join(" | "));
        }
        s
    }
}

/// Figures per discipline (the report's table): behind the ladder, pay, conditions and core
/// and periphery charts.
pub fn disciplines(a: &Analysis) -> DataTable {
    DataTable {
        columns: report::headings(a)
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
        rows: report::discipline_rows(a)
            .into_iter()
            .map(Vec::from)
            .collect(),
    }
}

/// Headcount and mix of each pay quartile.
pub fn quartiles(a: &Analysis) -> DataTable {
    let mut t = DataTable::new(&["Pay quartile", "Members", "Disciplines"]);
    for q in &a.quartiles {
        t.rows.push(vec![
            format!("Q{}", q.quartile),
            q.headcount.to_string(),
            report::quartile_mix(a, q),
        ]);
    }
    t
}

/// Each agency's time in the team (agencies under the minimum together when names are
/// hidden).
pub fn agencies(a: &Analysis) -> DataTable {
    let mut t = DataTable::new(&["Agency", "Team FTE", "Members"]);
    for (name, fte, headcount, shown) in report::agency_time(a) {
        let fte = if shown {
            format!("{fte:.1}")
        } else {
            report::withheld(a)
        };
        t.rows.push(vec![name, fte, headcount.to_string()]);
    }
    t
}

/// The time of the disciplines tagged with each outcome (or tenet) of the team's framework.
pub fn outcomes(a: &Analysis) -> DataTable {
    let part = crate::format::capitalised(a.framework.parts().trim_end_matches('s'));
    let mut t = DataTable::new(&[&part, "Team FTE", "Members", "Disciplines"]);
    for o in &a.outcomes {
        t.rows.push(vec![
            o.outcome.label().to_owned(),
            report::outcome_fte(a, o),
            o.headcount.to_string(),
            o.disciplines.len().to_string(),
        ]);
    }
    t
}

/// The Gini coefficient of full-time pay, and what it means.
pub fn pay_inequality(a: &Analysis) -> DataTable {
    let mut t = DataTable::new(&["Measure", "Value"]);
    t.rows.push(vec![
        "Gini coefficient of full-time pay".to_owned(),
        report::gini_reading(a).unwrap_or_else(|| "not enough pay figures".to_owned()),
    ]);
    t
}

pub(crate) fn mean_or_withheld(v: Option<f64>, n: usize) -> String {
    match v {
        Some(v) => format!("{v:.1}"),
        None if n == 0 => "no ratings".to_owned(),
        None => "withheld".to_owned(),
    }
}

/// How each discipline is seen, beside its conditions.
pub fn seen_versus_given(p: &Perceptions) -> DataTable {
    use super::findings::ordinal;
    let mut t = DataTable::new(&[
        "Discipline",
        "Say (others)",
        "Say (own)",
        "Valued (others)",
        "Seen rank",
        "Conditions rank",
        "Ratings",
    ]);
    for d in &p.disciplines {
        if d.say.raters == 0 && d.valued.raters == 0 && d.comparisons == 0 {
            continue;
        }
        t.rows.push(vec![
            d.name.clone(),
            mean_or_withheld(d.say.others_mean, d.say.raters),
            mean_or_withheld(d.say.self_mean, d.say.raters),
            mean_or_withheld(d.valued.others_mean, d.valued.raters),
            d.perceived_rank.map_or_else(|| "–".to_owned(), ordinal),
            d.conditions_rank.map_or_else(|| "–".to_owned(), ordinal),
            d.say.raters.to_string(),
        ]);
    }
    t
}

/// Mean say by the raters' own discipline: rated disciplines down, rater groups across.
pub fn say_by_rater(p: &Perceptions) -> DataTable {
    let h = &p.say_by_rater;
    let mut t = DataTable {
        columns: std::iter::once("Rated".to_owned())
            .chain(
                h.raters
                    .iter()
                    .map(|g| format!("{} (n = {})", g.name, g.respondents)),
            )
            .collect(),
        rows: Vec::new(),
    };
    for (row, (rated, name)) in h.rated.iter().enumerate() {
        let cells = h.raters.iter().enumerate().map(|(col, g)| {
            if g.discipline == Some(*rated) {
                "own".to_owned()
            } else {
                h.cells
                    .get(col)
                    .and_then(|c| c.get(row))
                    .map_or_else(|| "–".to_owned(), |c| mean_or_withheld(c.mean, c.n))
            }
        });
        t.rows
            .push(std::iter::once(name.clone()).chain(cells).collect());
    }
    t
}

/// How valued people feel, by their own discipline (small groups pooled).
pub fn feel_valued(p: &Perceptions) -> DataTable {
    let mut t = DataTable::new(&["Respondents' discipline", "Respondents", "Mean, 1 to 5"]);
    for g in &p.feel_valued {
        t.rows.push(vec![
            g.group.clone(),
            g.n.to_string(),
            mean_or_withheld(g.mean, g.n),
        ]);
    }
    t
}

/// The latest relational round's matrix: each round-robin factor's cells.
pub fn working_together(a: &Analysis) -> DataTable {
    use crate::model::instrument::About;
    let mut t = DataTable::new(&["Factor", "Rater group", "Rated group", "Answers", "Mean"]);
    let Some(round) = super::relational::latest_matrix(&a.relational) else {
        return t;
    };
    for f in round.factors.iter().filter(|f| f.about == About::Each) {
        for c in &f.cells {
            t.rows.push(vec![
                f.factor.clone(),
                c.rater.clone(),
                if c.rater == c.rated {
                    format!("{} (own)", c.rated)
                } else {
                    c.rated.clone()
                },
                c.n.to_string(),
                mean_or_withheld(c.mean, c.n),
            ]);
        }
    }
    t
}

/// The latest relational round's team factors by group, with 95 % intervals.
pub fn team_climate(a: &Analysis) -> DataTable {
    use crate::model::instrument::About;
    let mut t = DataTable::new(&["Factor", "Group", "Respondents", "Mean", "95 % interval"]);
    let Some(round) = super::relational::latest_team(&a.relational) else {
        return t;
    };
    for f in round.factors.iter().filter(|f| f.about == About::Team) {
        for g in f.groups.iter().chain(&f.sides).chain(&f.everyone) {
            t.rows.push(vec![
                f.factor.clone(),
                g.group.clone(),
                g.n.to_string(),
                mean_or_withheld(g.mean, g.n),
                interval_text(g.interval),
            ]);
        }
        if let Some(gap) = &f.core_gap {
            let n: usize = f.sides.iter().map(|g| g.n).sum();
            t.rows.push(vec![
                f.factor.clone(),
                "Core less periphery".to_owned(),
                n.to_string(),
                gap.difference
                    .map_or_else(|| "withheld".to_owned(), |d| format!("{d:+.2}")),
                gap.interval.map_or_else(
                    || "–".to_owned(),
                    |(lo, hi)| format!("{lo:+.2} to {hi:+.2}"),
                ),
            ]);
        }
    }
    t
}

/// An interval as "3.8 to 4.6", or a dash where none is shown.
pub(crate) fn interval_text(i: Option<(f64, f64)>) -> String {
    i.map_or_else(|| "–".to_owned(), |(lo, hi)| format!("{lo:.1} to {hi:.1}"))
}

/// The latest round against the one before it of the same instrument.
pub fn round_change(a: &Analysis) -> DataTable {
    a.relational_changes
        .last()
        .map_or_else(|| change_table(None), |c| change_table(Some(c)))
}

/// One round against another, figure by figure (headings only for none).
pub fn change_table(change: Option<&super::relational::RoundChange>) -> DataTable {
    let mut t = DataTable::new(&["Factor", "Group", "Before", "After", "Change", "Clear"]);
    for f in change.iter().flat_map(|c| &c.factors) {
        for c in &f.changes {
            t.rows.push(vec![
                f.factor.clone(),
                c.what.clone(),
                format!(
                    "{} (n = {})",
                    mean_or_withheld(c.before, c.n_before),
                    c.n_before
                ),
                format!(
                    "{} (n = {})",
                    mean_or_withheld(c.after, c.n_after),
                    c.n_after
                ),
                c.difference()
                    .map_or_else(|| "–".to_owned(), |d| format!("{d:+.1}")),
                if c.clear { "yes" } else { "no" }.to_owned(),
            ]);
        }
    }
    t
}

/// The team's own questionnaires: per item, the count of each answer and the mean.
pub fn feedback_own(a: &Analysis) -> DataTable {
    let mut t = DataTable::new(&[
        "Round",
        "Item",
        "Scale",
        "n",
        "Answers, lowest first",
        "Don't know",
        "Mean",
    ]);
    let withheld = || "withheld".to_owned();
    for r in &a.feedback {
        for i in &r.own {
            t.rows.push(vec![
                r.label.clone(),
                format!("{} {}", i.id, i.text),
                format!("{}–{}", i.scale.0, i.scale.1),
                i.n.map_or_else(withheld, |n| n.to_string()),
                i.counts.as_ref().map_or_else(withheld, |c| {
                    c.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(" · ")
                }),
                i.dont_know.map_or_else(withheld, |n| n.to_string()),
                i.mean.map_or_else(withheld, |m| format!("{m:.2}")),
            ]);
        }
    }
    t
}

/// Every feedback round's figures: per ESQ item (each form) the count of each answer and the
/// mean score; per FFT round the answers and the published shares; then the side by side.
pub fn feedback(a: &Analysis) -> DataTable {
    let mut t = DataTable::new(&[
        "Round",
        "Form",
        "Item",
        "n",
        "Certainly true / very good + good",
        "Partly true / neither",
        "Not true / poor + very poor",
        "Don't know",
        "Mean score (0–2) / % positive",
    ]);
    let count = |c: Option<usize>| c.map_or_else(|| "withheld".to_owned(), |c| c.to_string());
    for r in &a.feedback {
        let form = r.form.map_or("–", |f| f.label());
        for i in &r.items {
            let c = |k: usize| count(i.counts.map(|c| c[k]));
            t.rows.push(vec![
                r.label.clone(),
                form.to_owned(),
                format!("q{} {}", i.item, i.text),
                count(i.n),
                c(0),
                c(1),
                c(2),
                c(3),
                i.mean_score
                    .map_or_else(|| "withheld".to_owned(), |m| format!("{m:.2}")),
            ]);
        }
        for s in &r.subscales {
            t.rows.push(vec![
                r.label.clone(),
                form.to_owned(),
                s.subscale.label().to_owned(),
                count(s.n),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                s.mean
                    .map_or_else(|| "withheld".to_owned(), |m| format!("{m:.2}")),
            ]);
        }
        if let Some(f) = &r.fft {
            let c = |k: &[usize]| count(f.counts.map(|c| k.iter().map(|i| c[*i]).sum()));
            t.rows.push(vec![
                r.label.clone(),
                form.to_owned(),
                "Overall experience".to_owned(),
                count(f.n),
                c(&[0, 1]),
                c(&[2]),
                c(&[3, 4]),
                c(&[5]),
                f.percent_positive
                    .map_or_else(|| "withheld".to_owned(), |p| format!("{p:.1} %")),
            ]);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_pipes_and_has_one_rule() {
        let t = DataTable {
            columns: vec!["A".into(), "B".into()],
            rows: vec![vec!["x|y".into(), "1".into()]],
        };
        assert_eq!(t.to_markdown(), "| A | B |\n|---|---|\n| x\\|y | 1 |\n");
    }
}
