//! The relational charts: how the professions work together (a round's matrix per
//! round-robin factor), team climate by group with 95 % intervals, and a round against the
//! one before it. Every figure comes from `analysis::relational`, already withheld in the
//! room; this draws what is there and says what is not.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Vec2};
use egui_plot::{Line, MarkerShape, PlotPoint, PlotPoints, Points, Text};

use super::perceptions::heat_on;
use super::{every_category, heading, plain_plot, row_labels, short, ChartId, Shown, ELSEWHERE};
use crate::analysis::relational::{latest_matrix, latest_team, FactorFigures, GroupMean};
use crate::analysis::Analysis;
use crate::model::instrument::About;
use crate::model::Team;

/// The round a chart needs, or a heading that says how to get one.
fn or_how<T>(ui: &mut egui::Ui, chart: ChartId, found: Option<T>, needs: &str) -> Option<T> {
    if found.is_none() {
        heading(ui, chart.label(), needs);
    }
    found
}

const NO_ROUND: &str = "No relational round yet. Import a round of an instrument (teamscape perceptions import TEAM.ron RESPONSES.csv --instrument NAME), or run a perception round, to see how the professions work together.";

/// A group's colour: its discipline's where the group is one, grey otherwise.
fn colour(team: &Team, group: &str) -> Color32 {
    team.disciplines
        .iter()
        .find(|d| d.name == group)
        .map_or(ELSEWHERE, |d| super::colour_of(team, d.id))
}

/// The latest round's round-robin factors side by side, each a grid of rater group (rows)
/// by rated group (columns), coloured on the factor's scale. Own-group cells are outlined.
pub(super) fn working_together(ui: &mut egui::Ui, a: &Analysis) -> Shown {
    let round = or_how(
        ui,
        ChartId::WorkingTogether,
        latest_matrix(&a.relational),
        NO_ROUND,
    )?;
    let factors: Vec<&FactorFigures> = round
        .factors
        .iter()
        .filter(|f| f.about == About::Each)
        .collect();
    let axes = MatrixAxes::of(&factors);
    let withheld = factors
        .iter()
        .flat_map(|f| &f.cells)
        .filter(|c| c.mean.is_none())
        .count();
    let left_out = if axes.left_out.is_empty() {
        String::new()
    } else {
        format!(" Nothing shown by or about: {}.", axes.left_out.join(", "))
    };
    let room = a.min_group().map_or_else(String::new, |min| {
        format!(
            " Names are hidden: {withheld} cells withheld (fewer than {min} answers, or about a profession of fewer than {min} people).{left_out}"
        )
    });
    let isolation = if factors.iter().any(|f| f.factor == "isolation") {
        " For isolation a higher number means more kept apart."
    } else {
        ""
    };
    heading(
        ui,
        &format!("How the professions work together: {}", round.label),
        &format!(
            "Rows: who answered (n = respondents). Columns: the group they answered about. Each cell is the mean of the rater group's scores on the factor's items; outlined cells are a group about itself. “I don't work with them” is left out.{isolation} {} respondents; {}.{room}",
            round.respondents,
            round.instrument
        ),
    );
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let painter = ui.painter_at(rect);
    let grid = HeatGrid::new(ui.visuals(), &painter, rect, factors.len(), &axes);
    for (row, r) in axes.raters.iter().enumerate() {
        let n = round
            .response_rate
            .iter()
            .find(|g| g.group == *r)
            .map_or(String::new(), |g| format!(" (n = {})", g.respondents));
        let label = painter.layout(
            format!("{r}{n}"),
            FontId::proportional((grid.row_h * 0.4).clamp(11.0, 14.0)),
            grid.text,
            grid.left_w - 10.0,
        );
        let y = grid.grid_top + (row as f32 + 0.5) * grid.row_h - label.size().y / 2.0;
        painter.galley(Pos2::new(rect.left(), y), label, grid.text);
    }
    for (p, f) in factors.iter().enumerate() {
        let left = rect.left() + grid.left_w + p as f32 * (grid.panel_w + HeatGrid::GAP);
        grid.panel(&painter, left, f, &axes);
    }
    Some((response, None))
}

/// The rows (who answered) and columns (about whom) every panel of the matrix shares, so
/// the panels read across; a group with nothing shown in any panel takes no row or column:
/// the room sees its name in the line above instead of a band of empty cells.
#[derive(Debug, PartialEq)]
struct MatrixAxes<'f> {
    raters: Vec<&'f str>,
    rated: Vec<&'f str>,
    left_out: Vec<&'f str>,
}

impl<'f> MatrixAxes<'f> {
    fn of(factors: &[&'f FactorFigures]) -> Self {
        let mut raters: Vec<&str> = Vec::new();
        let mut rated: Vec<&str> = Vec::new();
        for f in factors {
            let (r, c) = f.matrix_groups();
            for x in r {
                if !raters.contains(&x) {
                    raters.push(x);
                }
            }
            for x in c {
                if !rated.contains(&x) {
                    rated.push(x);
                }
            }
        }
        let shown_any = |by: bool, g: &str| {
            factors
                .iter()
                .flat_map(|f| &f.cells)
                .any(|c| c.mean.is_some() && if by { c.rater == g } else { c.rated == g })
        };
        let mut left_out: Vec<&str> = Vec::new();
        for g in raters.iter().chain(&rated) {
            let shown = shown_any(true, g) || shown_any(false, g);
            if !shown && !left_out.contains(g) {
                left_out.push(g);
            }
        }
        raters.retain(|g| shown_any(true, g));
        rated.retain(|g| shown_any(false, g));
        Self {
            raters,
            rated,
            left_out,
        }
    }
}

/// Where the matrix's panels, rows and columns stand, and the colours they are drawn in.
struct HeatGrid {
    text: Color32,
    weak: Color32,
    left_w: f32,
    panel_w: f32,
    col_w: f32,
    row_h: f32,
    /// The top of the panels' titles, and of the cells.
    top: f32,
    grid_top: f32,
    /// Narrow columns take their names upright, as a printed heat map does: wrapped into a
    /// narrow column, "Child and adolescent psychiatry" would break inside its words.
    upright: bool,
    headers: Vec<std::sync::Arc<egui::Galley>>,
}

impl HeatGrid {
    const GAP: f32 = 18.0;
    const TITLE_H: f32 = 44.0;
    const LEGEND_H: f32 = 34.0;

    fn new(
        visuals: &egui::Visuals,
        painter: &egui::Painter,
        rect: Rect,
        panels: usize,
        axes: &MatrixAxes,
    ) -> Self {
        let text = visuals.text_color();
        let left_w = (rect.width() * 0.16).clamp(110.0, 220.0);
        let k = panels.max(1) as f32;
        let panel_w = (rect.width() - left_w - Self::GAP * (k - 1.0)) / k;
        let col_w = (panel_w / axes.rated.len().max(1) as f32).min(130.0);
        let upright = col_w < 110.0;
        let headers: Vec<_> = axes
            .rated
            .iter()
            .map(|g| {
                let wrap = if upright { f32::INFINITY } else { col_w - 4.0 };
                painter.layout(short(g, 32), FontId::proportional(12.5), text, wrap)
            })
            .collect();
        let header_h = headers
            .iter()
            .map(|g| if upright { g.size().x } else { g.size().y })
            .fold(0.0, f32::max)
            + 8.0;
        let rows = axes.raters.len().max(1) as f32;
        Self {
            text,
            weak: visuals.weak_text_color(),
            left_w,
            panel_w,
            col_w,
            row_h: ((rect.height() - Self::TITLE_H - header_h - Self::LEGEND_H) / rows)
                .clamp(18.0, 80.0),
            top: rect.top(),
            grid_top: rect.top() + Self::TITLE_H + header_h,
            upright,
            headers,
        }
    }

    /// One factor's panel from `left`: its name and network mean, the column names, the
    /// cells, and its scale underneath.
    fn panel(&self, painter: &egui::Painter, left: f32, f: &FactorFigures, axes: &MatrixAxes) {
        let top = self.top;
        painter.text(
            Pos2::new(left, top),
            Align2::LEFT_TOP,
            crate::format::capitalised(&f.factor),
            FontId::proportional(17.0),
            self.text,
        );
        painter.text(
            Pos2::new(left, top + 21.0),
            Align2::LEFT_TOP,
            f.network_mean.map_or_else(
                || "network mean withheld".to_owned(),
                |m| format!("network mean {m:.1}"),
            ),
            FontId::proportional(13.0),
            self.weak,
        );
        for (col, header) in self.headers.iter().enumerate() {
            let centre = left + (col as f32 + 0.5) * self.col_w;
            if self.upright {
                // Turned a quarter anticlockwise about its top left corner, the text runs
                // up from the grid, its line's height across the column.
                let pos = Pos2::new(centre - header.size().y / 2.0, self.grid_top - 4.0);
                painter.add(
                    egui::epaint::TextShape::new(pos, header.clone(), self.text)
                        .with_angle(-std::f32::consts::FRAC_PI_2),
                );
            } else {
                let x = centre - header.size().x / 2.0;
                let y = self.grid_top - 4.0 - header.size().y;
                painter.galley(Pos2::new(x, y), header.clone(), self.text);
            }
        }
        for (row, r) in axes.raters.iter().enumerate() {
            for (col, c) in axes.rated.iter().enumerate() {
                let area = Rect::from_min_size(
                    Pos2::new(
                        left + col as f32 * self.col_w,
                        self.grid_top + row as f32 * self.row_h,
                    ),
                    Vec2::new(self.col_w, self.row_h),
                )
                .shrink(1.5);
                self.cell(painter, area, f, r, c);
            }
        }
        let legend_top = self.grid_top + axes.raters.len() as f32 * self.row_h + 10.0;
        let bar_w = (self.col_w * axes.rated.len() as f32 * 0.6).clamp(80.0, 220.0);
        self.legend(painter, Pos2::new(left, legend_top), bar_w, f.scale);
    }

    /// One cell: its mean on the factor's colour scale, "withheld", or a dot where the
    /// round has no such pair; outlined where a group answered about itself.
    fn cell(&self, painter: &egui::Painter, area: Rect, f: &FactorFigures, r: &str, c: &str) {
        let (low, high) = (f64::from(f.scale.0), f64::from(f.scale.1));
        let cell = f.cell(r, c);
        let (fill, ink, text) = match cell.and_then(|x| x.mean) {
            Some(m) => {
                let (fill, ink) = heat_on(m, low, high);
                (fill, ink, format!("{m:.1}"))
            }
            None if cell.is_some() => (
                self.weak.gamma_multiply(0.15),
                self.weak,
                if self.col_w < 70.0 { "–" } else { "withheld" }.to_owned(),
            ),
            None => (Color32::TRANSPARENT, self.weak, "·".to_owned()),
        };
        painter.rect_filled(area, 3.0, fill);
        let stroke = if r == c {
            Stroke::new(2.5, self.text)
        } else {
            Stroke::new(0.5, self.weak.gamma_multiply(0.4))
        };
        painter.rect_stroke(area, 3.0, stroke, StrokeKind::Inside);
        let size = if text.len() > 4 {
            11.0
        } else {
            (self.row_h * 0.38).clamp(11.0, 18.0)
        };
        painter.text(
            area.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(size),
            ink,
        );
    }

    /// The scale under a panel: its low end, a bar of the colours, its high end.
    fn legend(&self, painter: &egui::Painter, at: Pos2, bar_w: f32, scale: (u8, u8)) {
        let (low, high) = (f64::from(scale.0), f64::from(scale.1));
        let steps = 30;
        painter.text(
            at + Vec2::new(0.0, 8.0),
            Align2::LEFT_CENTER,
            scale.0.to_string(),
            FontId::proportional(12.0),
            self.text,
        );
        for s in 0..steps {
            let v = low + (high - low) * f64::from(s) / f64::from(steps - 1);
            painter.rect_filled(
                Rect::from_min_size(
                    at + Vec2::new(14.0 + bar_w * s as f32 / steps as f32, 0.0),
                    Vec2::new(bar_w / steps as f32 + 0.5, 16.0),
                ),
                0.0,
                heat_on(v, low, high).0,
            );
        }
        painter.text(
            at + Vec2::new(20.0 + bar_w, 8.0),
            Align2::LEFT_CENTER,
            scale.1.to_string(),
            FontId::proportional(12.0),
            self.text,
        );
    }
}

/// One row of an interval chart: a label, and the figure it draws.
struct Row<'a> {
    label: String,
    group: &'a str,
    mean: Option<f64>,
    interval: Option<(f64, f64)>,
    /// The whole team's row, drawn darker.
    team: bool,
    /// The core's or the periphery's row: drawn darker, as a diamond, since it cuts across
    /// the groups.
    side: bool,
}

fn group_rows(f: &FactorFigures) -> Vec<Row<'_>> {
    let label = |g: &GroupMean| {
        let what = if g.group == "Everyone" {
            "Whole team"
        } else {
            g.group.as_str()
        };
        match g.mean {
            Some(_) => format!("{} (n = {})", short(what, 30), g.n),
            None => format!("{} (n = {}): withheld", short(what, 30), g.n),
        }
    };
    let sides = f.sides.iter().map(|g| (g, true));
    f.groups
        .iter()
        .map(|g| (g, false))
        .chain(sides)
        .chain(f.everyone.iter().map(|g| (g, false)))
        .map(|(g, side)| Row {
            label: label(g),
            group: &g.group,
            mean: g.mean,
            interval: g.interval,
            team: g.group == "Everyone",
            side,
        })
        .collect()
}

/// The latest round's team factors: each group's mean as a dot with its 95 % interval, the
/// whole team last, one block per factor.
pub(super) fn team_climate(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let round = or_how(
        ui,
        ChartId::TeamClimate,
        latest_team(&a.relational),
        NO_ROUND,
    )?;
    let factors: Vec<&FactorFigures> = round
        .factors
        .iter()
        .filter(|f| f.about == About::Team)
        .collect();
    let room = a.min_group().map_or_else(String::new, |min| {
        format!(
            " Names are hidden: no mean from fewer than {min} answers, nor one that with the others would give fewer than {min} people's answers away; no interval from fewer than {}.",
            crate::analysis::relational::MIN_INTERVAL_N.max(min)
        )
    });
    let alpha: Vec<String> = factors
        .iter()
        .map(|f| {
            let gap = f.core_gap.as_ref().map_or_else(String::new, |g| {
                format!(
                    "; core less periphery {}",
                    crate::analysis::relational::gap_brief(g)
                )
            });
            format!(
                "{}: {}{gap}",
                f.factor,
                crate::analysis::relational::alpha_text(f)
            )
        })
        .collect();
    heading(
        ui,
        &format!("Team climate by group: {}", round.label),
        &format!(
            "Each dot is a group's mean answer, the line its 95 % interval (bootstrap, 1,000 resamples); groups are the respondents' own, and the core and periphery (diamonds) as respondents said. {}. {} respondents, {} in no group.{room}",
            alpha.join("; "),
            round.respondents,
            round.ungrouped
        ),
    );
    let mut rows: Vec<(String, Vec<Row<'_>>)> = Vec::new();
    for f in &factors {
        rows.push((f.factor.clone(), group_rows(f)));
    }
    Some(interval_plot(
        ui,
        team,
        "team_climate",
        &rows,
        scale_of(&factors),
    ))
}

/// A plot of labelled rows (the first name at the top) over a factor's scale, with a grid
/// line at each whole answer and `room` scale points on the right for the numbers.
pub(super) fn rows_plot(
    id: &str,
    names: Vec<String>,
    (low, high): (f64, f64),
    room: f64,
) -> egui_plot::Plot<'static> {
    let n = names.len();
    let marks = move |_: egui_plot::GridInput| {
        (low as i64..=high as i64)
            .map(|v| egui_plot::GridMark {
                value: v as f64,
                step_size: 1.0,
            })
            .collect()
    };
    plain_plot(id)
        .x_axis_label(format!("mean answer, {low} to {high}"))
        .x_grid_spacer(marks)
        .y_grid_spacer(every_category(0, n))
        // Every row is named at full strength: egui_plot fades labels closer than 30
        // points, which a factor's many rows on a slide are.
        .custom_y_axes(vec![egui_plot::AxisHints::new_y()
            .formatter(row_labels(names))
            .min_thickness(260.0)
            .label_spacing(8.0..=12.0)])
        .include_x(low)
        .include_x(high + room)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .show_grid([true, false])
        .show_axes([true, true])
}

fn scale_of(factors: &[&FactorFigures]) -> (f64, f64) {
    let low = factors.iter().map(|f| f.scale.0).min().unwrap_or(1);
    let high = factors.iter().map(|f| f.scale.1).max().unwrap_or(5);
    (f64::from(low), f64::from(high))
}

/// Blocks of rows, each under its factor's name: dots with interval lines.
fn interval_plot(
    ui: &mut egui::Ui,
    team: &Team,
    id: &str,
    blocks: &[(String, Vec<Row<'_>>)],
    (low, high): (f64, f64),
) -> (egui::Response, Option<egui_plot::ItemId>) {
    let mut names: Vec<String> = Vec::new();
    for (factor, rows) in blocks {
        names.push(format!("{}:", crate::format::capitalised(factor)));
        names.extend(rows.iter().map(|r| format!("  {}", r.label)));
    }
    let n = names.len();
    let text_colour = ui.visuals().text_color();
    let r = rows_plot(id, names, (low, high), 0.4).show(ui, |plot| {
        let mut k = 0;
        for (_, rows) in blocks {
            k += 1;
            for row in rows {
                let y = (n - 1 - k) as f64;
                k += 1;
                let Some(m) = row.mean else { continue };
                let colour = if row.team || row.side {
                    text_colour
                } else {
                    colour(team, row.group)
                };
                mean_mark(
                    plot,
                    &row.label,
                    (m, y),
                    row.interval,
                    (colour, text_colour),
                    row.side,
                );
            }
        }
    });
    (r.response, r.hovered_plot_item)
}

/// A mean on a row of a plot: a dot (a diamond for a side), its 95 % interval as a line, and
/// its value to the right in the text colour. `colours` is the mark's and the text's.
pub(super) fn mean_mark(
    plot: &mut egui_plot::PlotUi<'_>,
    label: &str,
    (m, y): (f64, f64),
    interval: Option<(f64, f64)>,
    (colour, text_colour): (Color32, Color32),
    diamond: bool,
) {
    if let Some((lo, hi)) = interval {
        plot.line(
            Line::new(label, PlotPoints::from(vec![[lo, y], [hi, y]]))
                .color(colour)
                .width(3.0),
        );
    }
    plot.points(
        Points::new(label, vec![[m, y]])
            .shape(if diamond {
                MarkerShape::Diamond
            } else {
                MarkerShape::Circle
            })
            .radius(if diamond { 8.0 } else { 7.0 })
            .filled(true)
            .color(colour),
    );
    let right = interval.map_or(m, |i| i.1);
    plot.text(
        Text::new(
            "",
            PlotPoint::new(right + 0.15, y),
            RichText::new(format!("{m:.1}")).size(15.0),
        )
        .anchor(Align2::LEFT_CENTER)
        .color(text_colour),
    );
}

/// The latest round against the one before it of the same instrument: for each group, the
/// earlier round's mean (hollow) and the later one's (filled), joined, with their intervals;
/// a change whose intervals part is marked clear.
pub(super) fn round_change(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let change = or_how(
        ui,
        ChartId::RoundChange,
        a.relational_changes.last(),
        "No two rounds of one instrument yet: a second round of the same instrument (or of ratings) compares with the one before it here.",
    )?;
    let room = a.min_group().map_or_else(String::new, |min| {
        format!(" Names are hidden: a figure from fewer than {min} answers is withheld in either round.")
    });
    let linked = |label: &str, snapshot: &Option<String>| {
        snapshot
            .as_ref()
            .map(|s| format!(" {label} goes with the snapshot “{s}”."))
            .unwrap_or_default()
    };
    let room = format!(
        "{}{}{room}",
        linked("The earlier round", &change.before_snapshot),
        linked("The later round", &change.after_snapshot)
    );
    heading(
        ui,
        &format!("{} against {}", change.after, change.before),
        &format!(
            "Hollow: {}; filled: {}; each with its 95 % interval where there is one, the earlier round's above the dots, the later one's below. “clear” marks a change whose intervals (each from at least {} answers) do not overlap; any other may be chance. Round-robin factors show the network mean and each group as the others see it, which carry no interval.{room}",
            change.before,
            change.after,
            crate::analysis::relational::MIN_INTERVAL_N
        ),
    );
    let mut names: Vec<String> = Vec::new();
    let mut rows: Vec<(f64, &crate::analysis::relational::Change)> = Vec::new();
    let mut lines = 0.0;
    for f in &change.factors {
        names.push(format!("{}:", crate::format::capitalised(&f.factor)));
        lines += 1.0;
        for c in &f.changes {
            let what = if c.what == "Everyone" {
                "Whole team"
            } else {
                c.what.as_str()
            };
            names.push(format!(
                "  {} (n = {}, then {})",
                short(what, 28),
                c.n_before,
                c.n_after
            ));
            rows.push((lines, c));
            lines += 1.0;
        }
    }
    let n = names.len();
    let (low, high) = change.factors.iter().fold((f64::MAX, f64::MIN), |acc, f| {
        (
            acc.0.min(f64::from(f.scale.0)),
            acc.1.max(f64::from(f.scale.1)),
        )
    });
    let (low, high) = if low <= high { (low, high) } else { (1.0, 5.0) };
    let text_colour = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let r = rows_plot("round_change", names, (low, high), 0.6).show(ui, |plot| {
        for (k, c) in &rows {
            let y = (n - 1) as f64 - k;
            let colour = if c.what == "Everyone" || c.what == "Network mean" {
                text_colour
            } else {
                colour(team, &c.what)
            };
            let (Some(before), Some(after)) = (c.before, c.after) else {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(low, y),
                        RichText::new("withheld").size(13.0),
                    )
                    .anchor(Align2::LEFT_CENTER)
                    .color(weak),
                );
                continue;
            };
            for (interval, dy) in [(c.interval_before, 0.18), (c.interval_after, -0.18)] {
                if let Some((lo, hi)) = interval {
                    plot.line(
                        Line::new("", PlotPoints::from(vec![[lo, y + dy], [hi, y + dy]]))
                            .color(colour.gamma_multiply(0.6))
                            .width(2.0),
                    );
                }
            }
            plot.line(
                Line::new("", PlotPoints::from(vec![[before, y], [after, y]]))
                    .color(colour)
                    .width(2.0),
            );
            plot.points(
                Points::new("", vec![[before, y]])
                    .shape(MarkerShape::Circle)
                    .radius(6.0)
                    .filled(false)
                    .color(colour),
            );
            plot.points(
                Points::new("", vec![[after, y]])
                    .shape(MarkerShape::Circle)
                    .radius(7.0)
                    .filled(true)
                    .color(colour),
            );
            let right = [
                before,
                after,
                c.interval_before.map_or(before, |i| i.1),
                c.interval_after.map_or(after, |i| i.1),
            ]
            .into_iter()
            .fold(f64::MIN, f64::max);
            let diff = after - before;
            let text = if c.clear {
                format!("{diff:+.1} clear")
            } else {
                format!("{diff:+.1}")
            };
            let mut rich = RichText::new(text).size(15.0);
            if c.clear {
                rich = rich.strong();
            }
            plot.text(
                Text::new("", PlotPoint::new(right + 0.18, y), rich)
                    .anchor(Align2::LEFT_CENTER)
                    .color(text_colour),
            );
        }
    });
    Some((r.response, r.hovered_plot_item))
}
