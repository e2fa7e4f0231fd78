//! The charts of who is where: core and periphery, composition, the outcomes framework and pay
//! inequality. Each reads the analysis (withheld as the room may see it) and draws.

use egui::{Align2, RichText};
use egui_plot::{Bar, BarChart, ItemId, Legend, Line, LineStyle, PlotPoint, PlotPoints, Text};

use super::{
    every_category, fitted, heading, integration_line, plain_plot, plot, row_labels, rows, short,
    withheld_line, Row, Shown, CONDITION_COLOURS, ELSEWHERE,
};
use crate::analysis::{Analysis, Side};
use crate::format::money;
use crate::model::{framework, Team};

pub(super) fn core_periphery(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let cp = &a.core_periphery;
    heading(
        ui,
        "Core and periphery: where each discipline's time goes, and what each side gets",
        &format!("Core = {} FTE or more in this team (or marked). {} core and {} peripheral members. Left: contracted FTE split into time in this team and time elsewhere. Right: each side's {} pay over the team's, and its mean leave, training and autonomy over the team's mean.{}", cp.threshold, cp.core.headcount, cp.peripheral.headcount, if a.min_group().is_some() { "mean" } else { "median" }, withheld_line(a, crate::analysis::disclosure::SALARY)),
    );
    let ranked = rows(team, a);
    let n = ranked.len();
    let names: Vec<String> = ranked
        .iter()
        .map(|d| {
            if d.figures.fully_withheld() {
                format!(
                    "{} (n = {}): withheld",
                    fitted(&d.figures.name, 20, n),
                    d.figures.headcount
                )
            } else {
                format!(
                    "{} ({} of {} core)",
                    fitted(&d.figures.name, 20, n),
                    d.figures.core,
                    d.figures.headcount
                )
            }
        })
        .collect();
    let mut result = None;
    two_up(ui, |part, which, height| {
        if which == 0 {
            let r = fte_split(part, height, &ranked, names.clone());
            result = Some((r.response, r.hovered_plot_item));
        } else {
            what_each_side_gets(part, height, team, a);
        }
    });
    result
}

/// Each discipline's contracted FTE split into time in this team and time elsewhere.
fn fte_split(
    part: &mut egui::Ui,
    height: f32,
    ranked: &[Row],
    names: Vec<String>,
) -> egui_plot::PlotResponse<()> {
    let n = ranked.len();
    plot("fte_split")
        .height(height)
        .x_axis_label("FTE (time in this team, then elsewhere)")
        .y_grid_spacer(every_category(0, n))
        .y_axis_min_width(200.0)
        .include_x(0.0)
        .y_axis_formatter(row_labels(names))
        .show(part, |p| {
            let mut here = Vec::new();
            let mut away = Vec::new();
            for (k, d) in ranked.iter().enumerate() {
                let y = (n - 1 - k) as f64;
                let g = &d.figures;
                if g.fully_withheld() {
                    continue;
                }
                here.push(
                    Bar::new(y, g.team_fte)
                        .width(0.7)
                        .fill(d.colour)
                        .name(format!("{}: {:.1} FTE in this team", g.name, g.team_fte)),
                );
                away.push(
                    Bar::new(y, (g.contracted_fte - g.team_fte).max(0.0))
                        .base_offset(g.team_fte)
                        .width(0.7)
                        .fill(ELSEWHERE.gamma_multiply(0.5))
                        .name(format!(
                            "{}: {:.1} FTE elsewhere",
                            g.name,
                            g.contracted_fte - g.team_fte
                        )),
                );
            }
            p.bar_chart(
                BarChart::new("time in this team", here)
                    .horizontal()
                    .color(CONDITION_COLOURS[0]),
            );
            p.bar_chart(
                BarChart::new("time in other teams", away)
                    .horizontal()
                    .color(ELSEWHERE),
            );
        })
}

/// A side's pay, leave, training and autonomy: pay as the median, or the mean with names
/// hidden (a median would be one person's pay); the rest as means.
fn side_values(side: &Side, safe: bool) -> [Option<f64>; 4] {
    [
        if safe {
            side.mean_salary
        } else {
            side.median_salary
        },
        side.mean_leave_days,
        side.mean_training_days,
        side.mean_autonomy,
    ]
}

/// Each condition relative to the team average, core against periphery. Pay against the
/// median (one consultant cannot drive it), or the mean with names hidden; the rest
/// against means.
fn what_each_side_gets(part: &mut egui::Ui, height: f32, team: &Team, a: &Analysis) {
    let cp = &a.core_periphery;
    let safe = a.min_group().is_some();
    let team_avg = [
        if safe {
            a.team_mean_salary.unwrap_or(0.0)
        } else {
            a.team_median_salary.unwrap_or(0.0)
        },
        mean_of(team, |m| m.leave_days),
        mean_of(team, |m| m.training_days),
        mean_of(team, |m| m.autonomy.map(|x| f64::from(x.level()))),
    ];
    let sides = [
        ("core", &cp.core, CONDITION_COLOURS[2]),
        ("peripheral", &cp.peripheral, CONDITION_COLOURS[1]),
    ];
    let labels = ["pay", "leave", "training", "autonomy"];
    // Headroom above the tallest bar for the legend.
    let tallest = sides
        .iter()
        .flat_map(|(_, side, _)| side_values(side, safe))
        .zip(team_avg.iter().cycle())
        .filter_map(|(v, avg)| v.filter(|_| *avg > 0.0).map(|v| v / avg))
        .fold(1.0, f64::max);
    let any_shown = sides.iter().any(|(_, side, _)| {
        side_values(side, false).iter().any(Option::is_some) || side.mean_salary.is_some()
    });
    if !any_shown {
        // An empty plot would read as "no difference"; say what is missing and why.
        part.add_space(height * 0.3);
        part.label(
            RichText::new(if safe {
                "What each side gets is withheld: with names hidden, the core's and the edge's figures set beside the professions' would give someone's away."
            } else {
                "No pay, leave, training or autonomy is recorded for either side."
            })
            .size(16.0)
            .weak(),
        );
        return;
    }
    plot("core_vs_periphery")
        .height(height)
        .include_y(tallest * 1.35)
        .y_axis_label("relative to the team (1 = the team's median or mean)")
        .x_grid_spacer(every_category(0, 4))
        .x_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && (0.0..4.0).contains(&i) {
                labels[i as usize].to_owned()
            } else {
                String::new()
            }
        })
        .include_y(0.0)
        .show(part, |p| {
            for (s, (name, side, colour)) in sides.iter().enumerate() {
                let bars: Vec<Bar> = side_values(side, safe)
                    .iter()
                    .enumerate()
                    .filter_map(|(k, v)| {
                        let v = (*v)?;
                        let avg = team_avg[k];
                        (avg > 0.0).then(|| {
                            // With names hidden the tooltip shows only what the bar shows.
                            let exact = if safe {
                                format!("{:.2} × the team's", v / avg)
                            } else if k == 0 {
                                money(v)
                            } else {
                                format!("{v:.1}")
                            };
                            Bar::new(k as f64 + (s as f64 - 0.5) * 0.38, v / avg)
                                .fill(*colour)
                                .width(0.36)
                                .name(format!(
                                    "{name} {}: {exact} (n = {})",
                                    labels[k], side.headcount
                                ))
                        })
                    })
                    .collect();
                p.bar_chart(
                    BarChart::new(format!("{name} (n = {})", side.headcount), bars).color(*colour),
                );
            }
            p.line(
                Line::new("team average", vec![[-0.5, 1.0], [3.5, 1.0]])
                    .style(LineStyle::dashed_loose())
                    .color(ELSEWHERE),
            );
        });
}

/// Two plots side by side where there is room, one above the other where there is not.
pub(super) fn two_up(ui: &mut egui::Ui, mut draw: impl FnMut(&mut egui::Ui, usize, f32)) {
    if ui.available_width() > 900.0 {
        let height = ui.available_height();
        ui.columns(2, |cols| {
            for (i, col) in cols.iter_mut().enumerate() {
                draw(col, i, height);
            }
        });
    } else {
        let height = (ui.available_height() - 8.0) / 2.0;
        draw(ui, 0, height);
        ui.add_space(8.0);
        draw(ui, 1, height);
    }
}

pub(super) fn mean_of(team: &Team, f: impl Fn(&crate::model::Member) -> Option<f64>) -> f64 {
    crate::analysis::stats::mean(team.members.iter().filter_map(f)).unwrap_or(0.0)
}

pub(super) fn composition(ui: &mut egui::Ui, a: &Analysis) -> Shown {
    let c = &a.composition;
    let opt = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.2}"));
    heading(
        ui,
        "Composition: whose time the team is made of, by agency and by professional model",
        &format!(
            "Blau diversity (0 = all alike, higher = more mixed): disciplines {}, agencies {}. Largest agency: {} with {} of team FTE. {} Models: a discipline can hold several, so the bars can add up to more than the team. n = {}.",
            opt(c.discipline_blau),
            opt(c.agency_blau),
            c.dominant_agency.map_or("n/a", |id| a.agency_name(id)),
            c.dominant_agency_share.map_or_else(|| "n/a".to_owned(), |s| format!("{:.0}%", s * 100.0)),
            integration_line(a),
            a.headcount
        ),
    );
    // Time in team is known in the room and not a figure the mode protects; but with names
    // hidden, an agency of fewer than the minimum is not singled out (report::agency_time).
    let agencies: Vec<(String, f64, usize)> = crate::analysis::report::agency_time(a)
        .into_iter()
        .map(|(name, fte, n, shown)| {
            if shown {
                (name, fte, n)
            } else {
                (
                    format!("{name}: {}", crate::analysis::report::withheld(a)),
                    0.0,
                    n,
                )
            }
        })
        .collect();
    let models: Vec<(String, f64, usize)> = c
        .models
        .iter()
        .filter(|m| m.headcount > 0)
        .map(|m| {
            (
                format!(
                    "{} ({}){}",
                    m.model.label(),
                    crate::format::count(m.disciplines, "discipline", "disciplines"),
                    if m.withheld {
                        format!(": {}", crate::analysis::report::withheld(a))
                    } else {
                        String::new()
                    }
                ),
                m.team_fte,
                m.headcount,
            )
        })
        .collect();
    let mut result = None;
    // One scale for both halves, with room past the longest bar for the axis's last number.
    let right = agencies
        .iter()
        .chain(&models)
        .map(|(_, fte, _)| *fte)
        .fold(1.0, f64::max)
        * 1.08;
    let sections = [
        ("by_agency", "team FTE, by agency", agencies),
        ("by_model", "team FTE, by model", models),
    ];
    two_up(ui, |part, col, height| {
        let (id, title, rows) = (sections[col].0, sections[col].1, &sections[col].2);
        let n = rows.len();
        let names: Vec<String> = rows
            .iter()
            .map(|(name, _, count)| format!("{} (n = {count})", short(name, 32)))
            .collect();
        let r = plain_plot(id)
            .height(height)
            .x_axis_label(title)
            .y_axis_min_width(220.0)
            .include_x(0.0)
            .include_x(right)
            .y_axis_formatter(row_labels(names.clone()))
            .show(part, |p| {
                let bars: Vec<Bar> = rows
                    .iter()
                    .enumerate()
                    .map(|(k, (name, fte, count))| {
                        Bar::new((n - 1 - k) as f64, *fte)
                            .width(0.7)
                            .fill(CONDITION_COLOURS[col * 2])
                            .name(format!("{name}: {fte:.1} FTE, {count} members"))
                    })
                    .collect();
                p.bar_chart(
                    BarChart::new(title, bars)
                        .horizontal()
                        .color(CONDITION_COLOURS[col * 2]),
                );
            });
        if col == 0 {
            result = Some((r.response, r.hovered_plot_item));
        }
    });
    result
}

#[allow(clippy::unnecessary_wraps)]
pub(super) fn outcomes(ui: &mut egui::Ui, a: &Analysis) -> Shown {
    let text_colour = ui.visuals().text_color();
    let error_colour = ui.visuals().error_fg_color;
    let untagged: Vec<&str> = a.untagged_outcomes.iter().map(|o| o.label()).collect();
    let f = a.framework;
    let part = f.parts().trim_end_matches('s');
    heading(
        ui,
        &format!(
            "{}: the shared frame, and the time of the disciplines tagged with each {part}",
            framework::dated(f)
        ),
        &if untagged.is_empty() {
            format!("{} Bars: team FTE of the disciplines tagged with each {part} (a discipline can carry several). n = {}.", framework::summary(f), a.headcount)
        } else {
            format!("{} No discipline is tagged with: {}. How does each profession contribute to it? n = {}.", framework::summary(f), untagged.join(", "), a.headcount)
        },
    );
    let rows = a.outcomes.len();
    let names: Vec<String> = a
        .outcomes
        .iter()
        .map(|o| o.outcome.label().to_owned())
        .collect();
    let top = a.outcomes.iter().map(|o| o.team_fte).fold(0.0, f64::max);
    let r = plain_plot("outcomes")
        .x_axis_label(format!(
            "team FTE of the disciplines tagged with the {part}"
        ))
        .y_grid_spacer(every_category(0, rows))
        .y_axis_min_width(200.0)
        .y_axis_formatter(row_labels(names.clone()))
        .include_x(0.0)
        .include_x((top * 1.3).max(1.0))
        .show(ui, |p| {
            let bars: Vec<Bar> = a
                .outcomes
                .iter()
                .enumerate()
                .map(|(k, o)| {
                    Bar::new((rows - 1 - k) as f64, o.team_fte)
                        .width(0.6)
                        .fill(CONDITION_COLOURS[0])
                        .name(format!(
                            "{}: {:.1} FTE, {} members",
                            o.outcome.label(),
                            o.team_fte,
                            o.headcount
                        ))
                })
                .collect();
            p.bar_chart(
                BarChart::new("team FTE", bars)
                    .horizontal()
                    .color(CONDITION_COLOURS[0]),
            );
            for (k, o) in a.outcomes.iter().enumerate() {
                let (text, colour) = if o.withheld {
                    (
                        format!(
                            "{} (n = {})",
                            crate::analysis::report::withheld(a),
                            o.headcount
                        ),
                        text_colour,
                    )
                } else if o.headcount == 0 {
                    (
                        "no discipline tagged: how do we each contribute?".to_owned(),
                        error_colour,
                    )
                } else {
                    (
                        format!(
                            "{:.1} FTE, {} (n = {})",
                            o.team_fte,
                            crate::format::count(o.disciplines.len(), "discipline", "disciplines"),
                            o.headcount
                        ),
                        text_colour,
                    )
                };
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new(o.team_fte + top * 0.02, (rows - 1 - k) as f64),
                        RichText::new(text).size(15.0).strong(),
                    )
                    .id(ItemId::new(("outcome", k)))
                    .anchor(Align2::LEFT_CENTER)
                    .color(colour),
                );
            }
        });
    Some((r.response, r.hovered_plot_item))
}

pub(super) fn lorenz(ui: &mut egui::Ui, a: &Analysis) -> Shown {
    let mut salaries: Vec<f64> = a.members.iter().filter_map(|m| m.salary).collect();
    salaries.sort_by(f64::total_cmp);
    let n = salaries.len();
    // Workshop-safe mode: each step of a per-member curve is one person's share of the pay,
    // so the curve joins groups of at least the minimum size instead (up to four).
    let groups = a.hierarchy.lorenz_groups;
    if groups < 2 || a.hierarchy.salary_gini.is_none() {
        let why = match a.min_group() {
            Some(min) if crate::analysis::lorenz_group_count(n, min) >= 2 => format!(
                "Withheld: with names hidden, the pay of the curve's groups, set beside the professions' pay, would give someone's away (n = {n}). The Gini coefficient stands for it: {}.",
                crate::analysis::report::gini_reading(a).unwrap_or_else(|| "n/a".to_owned())
            ),
            Some(min) => format!(
                "Withheld: with names hidden, the curve needs at least two groups of {min} or more members with a salary (n = {n})."
            ),
            None => format!("Not enough members with a salary to draw a curve (n = {n})."),
        };
        heading(ui, "Pay inequality", &why);
        // The curve is withheld but its one-number summary is not: give it the slide's space
        // rather than leave the room looking at nothing.
        if let (Some(gini), Some(max)) = (a.hierarchy.salary_gini, a.hierarchy.salary_gini_max) {
            ui.vertical_centered(|ui| {
                ui.add_space(ui.available_height() * 0.25);
                ui.label(RichText::new(format!("Gini {gini:.2}")).size(64.0).strong());
                ui.label(
                    RichText::new(format!(
                        "of full-time pay: 0 if everyone were paid the same; {max:.2}, the most possible with {} people, if one person were paid everything",
                        a.paid_headcount()
                    ))
                    .size(18.0)
                    .weak(),
                );
            });
        }
        return None;
    }
    let total: f64 = salaries.iter().sum();
    let gini = crate::analysis::report::gini_reading(a).unwrap_or_else(|| "n/a".to_owned());
    heading(
        ui,
        "Pay inequality: Lorenz curve of full-time pay",
        &format!(
            "Members from lowest to highest paid; the curve shows the share of all full-time pay held by the lowest-paid share of members. The further below the diagonal, the less equal.{} Gini {gini}. n = {n}.",
            if groups < n { format!(" Names are hidden, so the curve joins {groups} groups as equal as the count allows, not single members.") } else { String::new() }
        ),
    );
    let mut curve = vec![[0.0, 0.0]];
    let mut running = 0.0;
    let mut next_end = 1;
    for (k, s) in salaries.iter().enumerate() {
        running += s;
        // Group j ends at sorted position floor(j·n / groups), as the groups the disclosure
        // check protects (analysis::lorenz_groups).
        if k + 1 == next_end * n / groups {
            curve.push([
                (k + 1) as f64 / n as f64,
                if total > 0.0 { running / total } else { 0.0 },
            ]);
            next_end += 1;
        }
    }
    let gini_short = a
        .hierarchy
        .salary_gini
        .map_or_else(|| "n/a".to_owned(), |g| format!("{g:.2}"));
    // No fixed aspect: on a wide slide it would stretch the axes to -100%..200%. The empty
    // corner above the diagonal holds the legend.
    let r = plot("lorenz")
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_label("share of members, lowest paid first")
        .y_axis_label("share of all full-time pay")
        .x_axis_formatter(|m, _| format!("{:.0}%", m.value * 100.0))
        .y_axis_formatter(|m, _| format!("{:.0}%", m.value * 100.0))
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(1.0)
        .show(ui, |p| {
            p.line(
                Line::new("perfect equality", vec![[0.0, 0.0], [1.0, 1.0]])
                    .style(LineStyle::dashed_loose())
                    .color(ELSEWHERE),
            );
            p.line(
                Line::new(
                    format!("this team (Gini {gini_short})"),
                    PlotPoints::new(curve),
                )
                .color(CONDITION_COLOURS[1])
                .width(3.0),
            );
        });
    Some((r.response, r.hovered_plot_item))
}
