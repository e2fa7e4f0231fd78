//! What families say, beside the team's own view: for each period (before a restructure a
//! snapshot marks, then now), the share of families who said the staff were certainly working
//! together to help (ESQ) or rated the service good (FFT), and the staff's own team factors
//! from the relational round of the same period. Quotes the manager picked sit underneath.
//! Figures come from `analysis::feedback`, already withheld in the room; no comment is drawn
//! here except a picked quote.

use egui::{Align2, RichText};
use egui_plot::{Bar, BarChart, PlotPoint, Text};

use super::relational::{mean_mark, rows_plot};
use super::{heading, short, ChartId, Shown};
use crate::analysis::feedback::Period;
use crate::analysis::Analysis;
use crate::model::Team;

/// Points a plot's x axis takes below its rows: its numbers and its name.
const AXIS: f32 = 48.0;

/// A row of the staff's plot: a mean and its interval, or nothing shown.
type StaffRow = (Option<f64>, Option<(f64, f64)>);

/// The most picked quotes a slide shows: more would not be read.
const MAX_QUOTES: usize = 3;

/// A period as its rows name it: "Now", or "Then" (numbered where there are several),
/// so a long snapshot label does not crowd the plots; the subtitle says which snapshot.
fn period_name(a: &Analysis, p: &Period) -> String {
    let then: Vec<&Period> = a
        .side_by_side
        .iter()
        .filter(|x| x.snapshot.is_some())
        .collect();
    match then.iter().position(|x| x.snapshot == p.snapshot) {
        None => "Now".to_owned(),
        Some(_) if then.len() == 1 => "Then".to_owned(),
        Some(k) => format!("Then ({})", k + 1),
    }
}

/// "Then: the snapshot “Before the restructure” (13 March 2026)."
fn periods_text(a: &Analysis) -> String {
    let named: Vec<String> = a
        .side_by_side
        .iter()
        .filter_map(|p| {
            let label = p.snapshot.as_ref()?;
            Some(format!(
                "{}: up to the snapshot “{}”{}",
                period_name(a, p),
                short(label, 60),
                p.taken
                    .as_ref()
                    .map(|t| format!(" ({})", crate::format::date_words(t)))
                    .unwrap_or_default()
            ))
        })
        .collect();
    if named.is_empty() {
        String::new()
    } else {
        format!(" {}.", named.join("; "))
    }
}

pub(super) fn families(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    if a.side_by_side.is_empty() {
        heading(
            ui,
            ChartId::Families.label(),
            "No feedback from families yet. Import a round of the Experience of Service Questionnaire or the Friends and Family Test (teamscape feedback import TEAM.ron RESPONSES.csv --kind esq|fft --round LABEL) to set what families say beside the team's own view.",
        );
        return None;
    }
    let room = a.min_responses.map_or_else(String::new, |min| {
        format!(
            " Names are hidden: no figure from fewer than {min} responses; comments stay with the manager."
        )
    });
    heading(
        ui,
        "What families say, beside the team's own view",
        &format!(
            "Above: families who said it was certainly true that the staff were working together to help their child (ESQ, all forms), or who rated the service good or very good (FFT). Below: the staff's own team climate in the same period, means with 95 % intervals.{}{room}",
            periods_text(a)
        ),
    );
    let quotes: Vec<&String> = team
        .feedback
        .iter()
        .flat_map(|r| &r.quotes)
        .take(MAX_QUOTES)
        .collect();
    let quotes_height = if quotes.is_empty() {
        0.0
    } else {
        28.0 * (quotes.len() as f32 + 1.0)
    };
    // One above the other, each as wide as the chart, in height by their rows: side by
    // side, the row names would leave the bars no room.
    let plots_height = (ui.available_height() - quotes_height).max(240.0);
    let families_rows: usize = a.side_by_side.iter().map(|p| p.families.len().max(1)).sum();
    let staff_rows: usize = a.side_by_side.iter().map(|p| p.staff.len().max(1)).sum();
    // Rows the same height in both: each plot's height is its rows (and the padding of one
    // row) plus its axis, so the upper plot's names are as far apart as the lower's and none
    // is faded away.
    let unit = ((plots_height - 2.0 * AXIS) / (families_rows + staff_rows + 2) as f32).max(14.0);
    families_plot(ui, a, unit * (families_rows + 1) as f32 + AXIS);
    let shown = Some(staff_plot(ui, a, unit * (staff_rows + 1) as f32 + AXIS));
    if !quotes.is_empty() {
        ui.label(RichText::new("Quotes chosen by the manager:").strong());
        for q in quotes {
            ui.label(RichText::new(format!("“{}”", short(q, 200))).italics());
        }
    }
    shown
}

/// Bars of the families' shares, period by period.
fn families_plot(ui: &mut egui::Ui, a: &Analysis, height: f32) {
    let mut names: Vec<String> = Vec::new();
    let mut values: Vec<Option<f64>> = Vec::new();
    for p in &a.side_by_side {
        let when = period_name(a, p);
        if p.families.is_empty() {
            names.push(format!("{when}: no feedback round"));
            values.push(None);
        }
        for f in &p.families {
            let what = match f.kind {
                crate::model::feedback::Kind::Esq | crate::model::feedback::Kind::Own => {
                    "working together"
                }
                crate::model::feedback::Kind::Fft => "good or very good",
            };
            names.push(match f.n {
                Some(n) => format!("{when}: {what} (n = {n})"),
                None => format!("{when}: {what}, withheld"),
            });
            values.push(f.share.map(|s| 100.0 * s));
        }
    }
    let n = names.len();
    let text_colour = ui.visuals().text_color();
    let bar_colour = egui::Color32::from_rgb(0, 114, 178);
    let bars: Vec<Bar> = values
        .iter()
        .enumerate()
        .filter_map(|(k, v)| Some(Bar::new((n - 1 - k) as f64, (*v)?).width(0.6)))
        .collect();
    rows_plot("families_view", names, (0.0, 100.0), 18.0)
        .height(height)
        .x_axis_label("% of families' answers")
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [25.0, 25.0, 25.0]))
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new("families", bars)
                    .horizontal()
                    .color(bar_colour),
            );
            for (k, v) in values.iter().enumerate() {
                let Some(v) = v else { continue };
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(v + 2.0, (n - 1 - k) as f64),
                        RichText::new(format!("{v:.0} %")).size(15.0),
                    )
                    .anchor(Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
}

/// The staff's team factors, period by period, as dots with their intervals.
fn staff_plot(
    ui: &mut egui::Ui,
    a: &Analysis,
    height: f32,
) -> (egui::Response, Option<egui_plot::ItemId>) {
    let mut names: Vec<String> = Vec::new();
    let mut rows: Vec<StaffRow> = Vec::new();
    let (mut low, mut high) = (u8::MAX, 0u8);
    for p in &a.side_by_side {
        let when = period_name(a, p);
        if p.staff.is_empty() {
            names.push(format!("{when}: no relational round"));
            rows.push((None, None));
        }
        for f in &p.staff {
            low = low.min(f.scale.0);
            high = high.max(f.scale.1);
            let factor = short(&f.factor, 26);
            names.push(match f.mean {
                Some(_) => format!("{when}: {factor} (n = {})", f.n),
                None => format!("{when}: {factor} (n = {}), withheld", f.n),
            });
            rows.push((f.mean, f.interval));
        }
    }
    if high == 0 {
        (low, high) = (1, 5);
    }
    let n = names.len();
    let colour = ui.visuals().text_color();
    let r = rows_plot(
        "families_staff",
        names,
        (f64::from(low), f64::from(high)),
        0.4,
    )
    .height(height)
    .show(ui, |plot| {
        for (k, (mean, interval)) in rows.iter().enumerate() {
            let y = (n - 1 - k) as f64;
            let Some(m) = mean else { continue };
            mean_mark(plot, "", (*m, y), *interval, (colour, colour), false);
        }
    });
    (r.response, r.hovered_plot_item)
}
