//! The conditions charts: the ladder, pay, the four conditions and pay quartiles. Each reads
//! the analysis (withheld as the room may see it) and draws; nothing is computed here but
//! positions.

use egui::{Align2, Color32, RichText};
use egui_plot::{Bar, BarChart, ItemId, Legend, Line, LineStyle, PlotPoint, Points, Text};

use super::{
    colour_of, discipline_item, every_category, fitted, heading, marker, plain_plot, plot,
    row_labels, rows, short, style, withheld_line, Shown, CONDITION_COLOURS, ELSEWHERE,
};
use crate::analysis::Analysis;
use crate::format::money;
use crate::model::{AgencyId, DisciplineId, Team};

#[allow(clippy::unnecessary_wraps)]
pub(super) fn status_ladder(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let text_colour = ui.visuals().text_color();
    // (id for highlighting, figures, colour): shown disciplines, then the withheld ones
    // together where there are enough of them.
    let mut ranked: Vec<(
        Option<DisciplineId>,
        &crate::analysis::GroupFigures,
        Color32,
    )> = a
        .disciplines
        .iter()
        .filter(|d| !d.figures.fully_withheld() && d.figures.conditions_index.is_some())
        .map(|d| (Some(d.id), &d.figures, colour_of(team, d.id)))
        .collect();
    // Without an index (withheld, as some figure of it is), a group has no place on the
    // ladder; it is named under it instead.
    let unranked: Vec<String> = a
        .disciplines
        .iter()
        .map(|d| &d.figures)
        .filter(|g| g.headcount > 0 && !g.fully_withheld() && g.conditions_index.is_none())
        .chain(
            a.other_disciplines
                .iter()
                .filter(|g| g.conditions_index.is_none()),
        )
        .map(|g| format!("{} (n = {})", g.name, g.headcount))
        .collect();
    if let Some(other) = a
        .other_disciplines
        .as_ref()
        .filter(|g| g.conditions_index.is_some())
    {
        ranked.push((None, other, ELSEWHERE));
    }
    let unranked = if unranked.is_empty() {
        String::new()
    } else {
        format!(
            " No index{} for {}.",
            if a.min_group().is_some() {
                " shown"
            } else {
                ""
            },
            unranked.join(", ")
        )
    };
    heading(
        ui,
        "Conditions ladder: disciplines ranked by pay, leave, training and autonomy",
        &format!(
            "{} Conditions index 0–1: the mean of each member's percentile ranks in the team. {} groups, n = {} members.{}{unranked}",
            crate::analysis::report::CONDITIONS_SENTENCE,
            ranked.len(),
            a.headcount,
            withheld_line(a, crate::analysis::disclosure::CONDITIONS_INDEX)
        ),
    );
    let rows = ranked.len();
    let safe = a.min_group().is_some();
    let labels: Vec<String> = ranked
        .iter()
        .map(|(_, g, _)| {
            let value = g.conditions_index.unwrap_or(0.0);
            format!("{}  {value:.2}  (n = {})", g.name, g.headcount)
        })
        .collect();
    // The index runs 0–1; the axis runs on only as far as the labels need.
    let right = axis_end_for_labels(
        ui,
        ranked
            .iter()
            .zip(&labels)
            .map(|((_, g, _), text)| (g.conditions_index.unwrap_or(0.0) + 0.02, text.as_str())),
    )
    // In a narrow panel the labels cannot all fit; past 1.75 the bars would shrink to
    // nothing, so there they run on past the plot as before.
    .clamp(1.0, 1.75);
    let shown = plain_plot("status_ladder")
        .show_grid([true, false])
        .x_axis_label("conditions index (0 = poorest in the team, 1 = best)")
        .y_axis_label("")
        .show_axes([true, false])
        .x_grid_spacer(unit_interval_marks)
        .x_axis_formatter(unit_interval_label)
        .include_x(0.0)
        .include_x(right)
        .include_y(-0.7)
        .include_y(rows as f64 - 0.3)
        .show(ui, |p| {
            for (k, (id, g, colour)) in ranked.iter().enumerate() {
                let y = (rows - 1 - k) as f64;
                let value = g.conditions_index.unwrap_or(0.0);
                let parts = g.conditions_parts;
                let part =
                    |x: Option<f64>| x.map_or_else(|| "n/a".to_owned(), |x| format!("{x:.2}"));
                // Workshop-safe mode: the tooltip shows only what the bar shows.
                let tip = if safe {
                    format!("{} (n = {})\nconditions index {value:.2}", g.name, g.headcount)
                } else {
                    format!(
                        "{} (n = {})\nconditions index {value:.2}\nranks: pay {} · leave {} · training {} · autonomy {}",
                        g.name,
                        g.headcount,
                        part(parts.salary),
                        part(parts.leave),
                        part(parts.training),
                        part(parts.autonomy)
                    )
                };
                let bar = Bar::new(y, value)
                    .width(0.7)
                    .fill(*colour)
                    .name(tip.clone());
                let mut chart = BarChart::new(g.name.clone(), vec![bar])
                    .horizontal()
                    .element_formatter(Box::new(move |_, _| tip.clone()));
                if let Some(id) = id {
                    chart = chart.id(discipline_item(*id));
                }
                p.bar_chart(chart);
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(value + 0.02, y),
                        RichText::new(labels[k].clone()).size(BAR_LABEL_SIZE),
                    )
                    .id(ItemId::new(("label", k)))
                    .anchor(Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
    Some((shown.response, shown.hovered_plot_item))
}

/// The size of the labels drawn after bars, in points.
pub(super) const BAR_LABEL_SIZE: f32 = 15.0;

/// How far an axis from 0 must run for labels drawn after bars, each `(start, text)` from
/// `start` in plot units, to end inside the plot: far enough, and no further, so short labels
/// do not leave half a slide empty. A label `px` points wide ends inside a plot `w` points
/// wide whose axis runs to `end` when start + px · end / w ≤ end.
pub(super) fn axis_end_for_labels<'t>(
    ui: &egui::Ui,
    labels: impl Iterator<Item = (f64, &'t str)>,
) -> f64 {
    let font = egui::FontId::proportional(BAR_LABEL_SIZE);
    let width = f64::from(ui.available_width().max(1.0));
    labels
        .map(|(start, text)| {
            let galley =
                ui.painter()
                    .layout_no_wrap(text.to_owned(), font.clone(), Color32::PLACEHOLDER);
            // A little slack for the plot's frame and the gap before the label.
            let px = f64::from(galley.size().x) + 16.0;
            start / (1.0 - px / width).max(0.2)
        })
        .fold(0.0, f64::max)
}

/// Grid lines for an index that runs 0–1: every tenth, labelled at 0, 0.5 and 1, and none
/// past 1, where the axis only makes room for labels.
pub(super) fn unit_interval_marks(_: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    (0..=10)
        .map(|i| egui_plot::GridMark {
            value: f64::from(i) / 10.0,
            step_size: if i % 5 == 0 { 0.5 } else { 0.1 },
        })
        .collect()
}

/// "0", "0.1" … "1" under [`unit_interval_marks`].
pub(super) fn unit_interval_label(
    mark: egui_plot::GridMark,
    _: &std::ops::RangeInclusive<f64>,
) -> String {
    if (mark.value - mark.value.round()).abs() < 1e-9 {
        format!("{:.0}", mark.value)
    } else {
        format!("{:.1}", mark.value)
    }
}

#[allow(clippy::unnecessary_wraps)]
pub(super) fn pay(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let text_colour = ui.visuals().text_color();
    // Workshop-safe mode draws no member: one person's point is their pay.
    if a.min_group().is_some() {
        return pay_means(ui, team, a);
    }
    heading(
        ui,
        "Full-time pay by discipline: every member, and each discipline's median",
        &format!("Each point is one member's full-time-equivalent salary; colour and shape show the agency; the upright bar is the median. Best conditions at the top. n = {}.", a.headcount),
    );
    // Rows top to bottom in ladder order: row k sits at y = rows − 1 − k.
    let order: Vec<DisciplineId> = a.disciplines.iter().map(|d| d.id).collect();
    let rows = order.len();
    let names: Vec<String> = a
        .disciplines
        .iter()
        .map(|d| {
            let ratio = d
                .figures
                .pay_ratio_to_median
                .map_or_else(String::new, |r| format!(", {r:.2} × median"));
            format!(
                "{} (n = {}){ratio}",
                short(&d.figures.name, 22),
                d.figures.headcount
            )
        })
        .collect();
    let row_of = move |id: DisciplineId| {
        order
            .iter()
            .position(|d| *d == id)
            .map(|k| (rows - 1 - k) as f64)
    };
    let agency_index = |id: AgencyId| team.agencies.iter().position(|x| x.id == id).unwrap_or(0);
    let top = a
        .members
        .iter()
        .filter_map(|m| m.salary)
        .fold(0.0, f64::max);
    let r = plot("pay")
        .legend(Legend::default().position(egui_plot::Corner::RightBottom))
        .x_axis_label("full-time salary, £ a year")
        .x_axis_formatter(|m, _| money(m.value))
        .y_grid_spacer(every_category(0, rows))
        .y_axis_min_width(220.0)
        .y_axis_formatter(row_labels(names.clone()))
        // Every row, even one whose members are hidden.
        .include_y(-0.6)
        .include_y(rows as f64 - 0.4)
        .include_x(0.0)
        // Room on the right for the legend.
        .include_x(top * 1.45)
        .show(ui, |p| {
            for (k, agency) in team.agencies.iter().enumerate() {
                let points: Vec<[f64; 2]> = a
                    .members
                    .iter()
                    .filter(|m| m.agency == agency.id)
                    .filter_map(|m| {
                        // Spread a row's members a little so equal salaries stay visible.
                        let jitter = ((m.id.0 % 7) as f64 - 3.0) * 0.06;
                        Some([m.salary?, row_of(m.discipline)? + jitter])
                    })
                    .collect();
                if points.is_empty() {
                    continue;
                }
                p.points(
                    Points::new(format!("{} (n = {})", agency.name, points.len()), points)
                        .radius(5.0)
                        .shape(marker(agency_index(agency.id)))
                        .color(CONDITION_COLOURS[k % 4])
                        .filled(true),
                );
            }
            for d in &a.disciplines {
                if let (Some(median), Some(y)) = (d.figures.median_salary, row_of(d.id)) {
                    p.line(
                        Line::new("", vec![[median, y - 0.35], [median, y + 0.35]])
                            .color(text_colour)
                            .width(2.5)
                            .id(ItemId::new(("median", d.id.0))),
                    );
                }
            }
        });
    Some((r.response, r.hovered_plot_item))
}

/// Pay with names hidden: one bar per shown discipline at its mean (a median would be one
/// person's pay), labelled with the figure and its ratio to the team's mean.
#[allow(clippy::unnecessary_wraps)]
pub(super) fn pay_means(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let text_colour = ui.visuals().text_color();
    heading(
        ui,
        "Full-time pay by discipline: each discipline's mean",
        &format!(
            "Each bar is the discipline's mean full-time-equivalent salary, beside it that mean over the team's ({}). Names are hidden, so no median is shown: it would be one person's pay. Best conditions at the top. n = {}.{}",
            a.team_mean_salary.map_or_else(|| "n/a".to_owned(), money),
            a.headcount,
            withheld_line(a, crate::analysis::disclosure::SALARY)
        ),
    );
    let list = rows(team, a);
    let n = list.len();
    let top = list
        .iter()
        .filter_map(|r| r.figures.mean_salary)
        .fold(0.0, f64::max);
    let label = |g: &crate::analysis::GroupFigures, mean: f64| {
        let ratio = g
            .pay_ratio_to_mean
            .map_or_else(String::new, |r| format!(", {r:.2} × mean"));
        format!("{}  {}{ratio}  (n = {})", g.name, money(mean), g.headcount)
    };
    let labels: Vec<Option<String>> = list
        .iter()
        .map(|row| row.figures.mean_salary.map(|mean| label(row.figures, mean)))
        .collect();
    let right = axis_end_for_labels(
        ui,
        list.iter().zip(&labels).filter_map(|(row, text)| {
            Some((row.figures.mean_salary? + top * 0.02, text.as_deref()?))
        }),
    )
    // As on the ladder: in a narrow panel, no further than before.
    .clamp(top * 1.05, top * 1.8);
    let r = plain_plot("pay")
        .show_grid([true, false])
        .show_axes([true, false])
        .x_axis_label("mean full-time salary, £ a year")
        .x_axis_formatter(|m, _| money(m.value))
        .include_x(0.0)
        .include_x(right)
        .include_y(-0.7)
        .include_y(n as f64 - 0.3)
        .show(ui, |p| {
            for (k, row) in list.iter().enumerate() {
                let y = (n - 1 - k) as f64;
                let g = row.figures;
                let Some(mean) = g.mean_salary else {
                    continue;
                };
                let ratio = g
                    .pay_ratio_to_mean
                    .map_or_else(String::new, |r| format!(", {r:.2} × mean"));
                let tip = format!("{} (n = {}): {}{ratio}", g.name, g.headcount, money(mean));
                p.bar_chart(
                    BarChart::new(
                        g.name.clone(),
                        vec![Bar::new(y, mean)
                            .width(0.7)
                            .fill(row.colour)
                            .name(tip.clone())],
                    )
                    .horizontal()
                    .element_formatter(Box::new(move |_, _| tip.clone())),
                );
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(mean + top * 0.02, y),
                        RichText::new(labels[k].clone().unwrap_or_default()).size(BAR_LABEL_SIZE),
                    )
                    .id(ItemId::new(("pay_label", k)))
                    .anchor(Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
    Some((r.response, r.hovered_plot_item))
}

#[allow(clippy::unnecessary_wraps)]
pub(super) fn conditions(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    heading(
        ui,
        "The mundane hierarchy: pay, leave, training and autonomy by discipline",
        &format!("Each bar is the discipline's mean percentile rank in the team (0 = lowest, 0.5 = middle, 1 = highest). Disciplines in conditions-ladder order. n = {}.{}", a.headcount, withheld_line(a, crate::analysis::disclosure::CONDITIONS_INDEX)),
    );
    let ranked = rows(team, a);
    let n = ranked.len();
    let names: Vec<String> = ranked
        .iter()
        .map(|d| {
            format!(
                "{} (n = {}){}",
                fitted(&d.figures.name, 22, n),
                d.figures.headcount,
                if d.figures.fully_withheld() {
                    ": withheld"
                } else {
                    ""
                }
            )
        })
        .collect();
    let r = plot("conditions")
        .x_axis_label("mean percentile rank in the team")
        .y_grid_spacer(every_category(0, n))
        .x_grid_spacer(unit_interval_marks)
        .x_axis_formatter(unit_interval_label)
        .include_x(0.0)
        // Room on the right for the legend.
        .include_x(1.4)
        .y_axis_min_width(170.0)
        .y_axis_formatter(row_labels(names.clone()))
        .show(ui, |p| {
            let labels = ["pay", "leave", "training", "autonomy"];
            let mut charts: Vec<BarChart> = Vec::new();
            for (c, label) in labels.iter().enumerate() {
                let bars: Vec<Bar> = ranked
                    .iter()
                    .enumerate()
                    .filter_map(|(k, d)| {
                        let parts = d.figures.conditions_parts;
                        let v = [parts.salary, parts.leave, parts.training, parts.autonomy][c]?;
                        let y = (n - 1 - k) as f64 + (c as f64 - 1.5) * 0.2;
                        Some(
                            Bar::new(y, v)
                                .width(0.18)
                                .fill(CONDITION_COLOURS[c])
                                .name(format!("{}: {label} rank {v:.2}", d.figures.name)),
                        )
                    })
                    .collect();
                charts.push(
                    BarChart::new(*label, bars)
                        .horizontal()
                        .color(CONDITION_COLOURS[c]),
                );
            }
            for chart in charts {
                p.bar_chart(chart);
            }
            p.line(
                Line::new(
                    "team middle (0.5)",
                    vec![[0.5, -0.6], [0.5, n as f64 - 0.4]],
                )
                .style(LineStyle::dashed_loose())
                .color(ELSEWHERE),
            );
        });
    Some((r.response, r.hovered_plot_item))
}

#[allow(clippy::unnecessary_wraps)]
pub(super) fn quartiles(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let withheld_mix = a.quartiles.iter().any(|q| q.mix_withheld);
    heading(
        ui,
        "Who is in each pay quartile: the mix of disciplines from lowest to highest paid",
        &format!(
            "Members sorted by full-time pay and split into {}, lowest first; each bar shows its disciplines as shares.{}",
            crate::analysis::report::quartile_sizes(a),
            if withheld_mix {
                format!(" The mix is withheld: it would place {} people.", crate::analysis::report::withheld(a))
            } else if a.quartiles.iter().any(|q| q.other > 0) {
                format!(
                    " Grey counts together the disciplines withheld because names are hidden and, in each quartile, any discipline with fewer than {} there: a smaller count would place those few people in a pay band.",
                    a.min_group().unwrap_or_default()
                )
            } else {
                String::new()
            }
        ),
    );
    let quartile_names = ["Q1 lowest paid", "Q2", "Q3", "Q4 highest paid"];
    let others = crate::analysis::report::quartile_others(a);
    let r = plot("quartiles")
        .y_axis_label("share of the quartile's members")
        .x_grid_spacer(every_category(1, 5))
        .y_axis_formatter(|m, _| format!("{:.0}%", m.value * 100.0))
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && (1.0..=4.0).contains(&i) {
                quartile_names[i as usize - 1].to_owned()
            } else {
                String::new()
            }
        })
        .include_y(0.0)
        .include_y(1.08)
        // Room on the right for the legend, clear of the bars.
        .include_x(0.5)
        .include_x(6.4)
        .show(ui, |p| {
            let mut below: Vec<f64> = vec![0.0; 4];
            for d in &team.disciplines {
                let bars: Vec<Bar> = a
                    .quartiles
                    .iter()
                    .enumerate()
                    .filter_map(|(k, q)| {
                        let count = q.disciplines.iter().find(|(id, _)| *id == d.id)?.1;
                        let share = count as f64 / q.headcount.max(1) as f64;
                        let bar = Bar::new(k as f64 + 1.0, share)
                            .fill(style::rgb(d.colour))
                            .base_offset(below[k])
                            .width(0.6)
                            .name(format!(
                                "{}: {count} of {} in Q{}",
                                d.name, q.headcount, q.quartile
                            ));
                        below[k] += share;
                        Some(bar)
                    })
                    .collect();
                if bars.is_empty() {
                    continue;
                }
                p.bar_chart(
                    BarChart::new(d.name.clone(), bars)
                        .color(style::rgb(d.colour))
                        .id(discipline_item(d.id)),
                );
            }
            let other: Vec<Bar> = a
                .quartiles
                .iter()
                .enumerate()
                .filter(|(_, q)| q.other > 0)
                .map(|(k, q)| {
                    Bar::new(k as f64 + 1.0, q.other as f64 / q.headcount.max(1) as f64)
                        .fill(ELSEWHERE)
                        .base_offset(below[k])
                        .width(0.6)
                        .name(format!(
                            "{others}: {} of {} in Q{}",
                            q.other, q.headcount, q.quartile
                        ))
                })
                .collect();
            if !other.is_empty() {
                p.bar_chart(BarChart::new(others.clone(), other).color(ELSEWHERE));
            }
            for q in &a.quartiles {
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(f64::from(q.quartile), 1.04),
                        RichText::new(format!("n = {}", q.headcount)).size(14.0),
                    )
                    .id(ItemId::new(("n", q.quartile))),
                );
            }
        });
    Some((r.response, r.hovered_plot_item))
}
