//! The perception charts: how the professions see each other, from the team's anonymous
//! rounds, set beside what their conditions say. Every figure comes from
//! [`Perceptions`](crate::analysis::perceptions::Perceptions), already withheld where it
//! would rest on fewer ratings than the minimum; this draws what is there and says what is not.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, Vec2};
use egui_plot::{Bar, BarChart, Line, PlotPoint, Points, Text};

use super::{
    colour_of, discipline_item, every_category, heading, plain_plot, plot, row_labels, short,
    ChartId, Shown, ELSEWHERE,
};
use crate::analysis::perceptions::{
    DisciplinePerception, Perceptions, QuestionFigures, OTHER_RATERS,
};
use crate::analysis::Analysis;
use crate::model::Team;

/// The two series of the own-view chart, from the Okabe–Ito palette.
const OWN: Color32 = Color32::from_rgb(230, 159, 0);
const OTHERS: Color32 = Color32::from_rgb(0, 114, 178);

/// The team's perception figures, or a heading that says how to gather some.
fn perceptions_or_how<'a>(
    ui: &mut egui::Ui,
    chart: ChartId,
    a: &'a Analysis,
) -> Option<&'a Perceptions> {
    if a.perceptions.is_none() {
        heading(
            ui,
            chart.label(),
            "No perception responses yet. Run a round in the room (View › Run a perception round…), or import a form's responses (File › Import perception responses…), to set how the professions see each other beside their conditions.",
        );
    }
    a.perceptions.as_ref()
}

pub(super) fn seen_vs_given(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let p = perceptions_or_how(ui, ChartId::SeenVsGiven, a)?;
    let ranked: Vec<&DisciplinePerception> = p
        .disciplines
        .iter()
        .filter(|d| d.perceived_rank.is_some() && d.conditions_rank.is_some())
        .collect();
    let rho = p
        .spearman_conditions_vs_perceived
        .map_or_else(String::new, |r| format!(" Spearman's ρ = {r:.2}."));
    // Rated disciplines that cannot be placed on both sides, and why.
    let unranked: Vec<&str> = p
        .disciplines
        .iter()
        .filter(|d| d.say.raters > 0 && d.perceived_rank.is_none())
        .map(|d| d.name.as_str())
        .collect();
    let unranked = if unranked.is_empty() {
        String::new()
    } else if a.min_group().is_some() {
        format!(
            " Not ranked: {} (disciplines under {} people are not shown with names hidden, nor figures from fewer than {} ratings by others).",
            crate::format::count(unranked.len(), "discipline", "disciplines"),
            p.min_group,
            p.min_group
        )
    } else {
        format!(
            " Not ranked: {} (no conditions index, or fewer than {} ratings by others).",
            unranked.join(", "),
            p.min_group
        )
    };
    heading(
        ui,
        "Seen versus given: rank by conditions, and by the say others see",
        &format!(
            "Left: each discipline's place on the conditions ladder. Right: its place by the mean say everyone else rates it as having (1 to 5). A line that climbs is seen as having more say than its conditions suggest.{rho} {} respondents; no figure from fewer than {} ratings.{unranked}",
            p.respondents, p.min_group
        ),
    );
    if ranked.len() < 2 {
        ui.label(format!(
            "Too few disciplines have enough ratings from others and a conditions index to rank ({} of {}).",
            ranked.len(),
            p.disciplines.len()
        ));
        return None;
    }
    let text_colour = ui.visuals().text_color();
    let n = ranked.len() as f64;
    let r = plain_plot("seen_vs_given")
        .show_axes([false, false])
        .show_grid([false, false])
        .include_x(-0.95)
        .include_x(2.05)
        .include_y(0.3)
        .include_y(-(n + 0.6))
        .show(ui, |plot| {
            for (x, label) in [(0.0, "conditions rank"), (1.0, "seen rank (say)")] {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(x, 0.2),
                        RichText::new(label).size(15.0).strong(),
                    )
                    .color(text_colour),
                );
            }
            for d in &ranked {
                let (Some(given), Some(seen)) = (d.conditions_rank, d.perceived_rank) else {
                    continue;
                };
                let colour = colour_of(team, d.id);
                let big = d.rank_gap.is_some_and(|g| {
                    g.abs() >= crate::analysis::findings::PERCEPTION_RANK_GAP_NOTABLE
                });
                plot.line(
                    Line::new(d.name.clone(), vec![[0.0, -given], [1.0, -seen]])
                        .color(colour)
                        .width(if big { 4.0 } else { 2.0 })
                        .id(discipline_item(d.id)),
                );
                plot.points(
                    Points::new("", vec![[0.0, -given], [1.0, -seen]])
                        .color(colour)
                        .radius(5.0),
                );
                let say = d
                    .say
                    .others_mean
                    .map_or_else(String::new, |v| format!("  {v:.1}"));
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(-0.04, -given),
                        RichText::new(format!(
                            "{}  {}",
                            d.name,
                            crate::analysis::findings::ordinal(given)
                        ))
                        .size(15.0),
                    )
                    .anchor(Align2::RIGHT_CENTER)
                    .color(text_colour),
                );
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(1.04, -seen),
                        RichText::new(format!(
                            "{}{say}  {}",
                            crate::analysis::findings::ordinal(seen),
                            d.name
                        ))
                        .size(15.0),
                    )
                    .anchor(Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
    Some((r.response, r.hovered_plot_item))
}

/// A colour for a mean rating from 1 to 5: light to dark blue (one hue, so it reads in
/// grey and for colour-blind viewers), with the text colour that stands out on it.
fn heat(v: f64) -> (Color32, Color32) {
    heat_on(v, 1.0, 5.0)
}

/// As [`heat`], on a scale from `low` to `high`.
pub(super) fn heat_on(v: f64, low: f64, high: f64) -> (Color32, Color32) {
    let t = ((v - low) / (high - low).max(f64::EPSILON)).clamp(0.0, 1.0) as f32;
    let (light, dark) = ([239.0, 243.0, 255.0], [8.0, 48.0, 107.0]);
    let c = |k: usize| (light[k] + (dark[k] - light[k]) * t).round() as u8;
    let text = if t > 0.55 {
        Color32::WHITE
    } else {
        Color32::from_rgb(20, 20, 20)
    };
    (Color32::from_rgb(c(0), c(1), c(2)), text)
}

/// Rated discipline × rater group, mean say, drawn as a grid of cells: a row per rated
/// discipline (there are many, and their names are long), a column per rater group (a few).
/// A click on a row highlights that discipline's members.
pub(super) fn say_by_rater(ui: &mut egui::Ui, analysis: &Analysis) -> Shown {
    let seen = perceptions_or_how(ui, ChartId::SayByRater, analysis)?;
    let heat_map = &seen.say_by_rater;
    heading(
        ui,
        "Who gives whom a say: mean say seen, by the raters' own discipline",
        &format!(
            "Rows: the discipline rated. Columns: who rated (groups of fewer than {min} respondents are counted as “{OTHER_RATERS}”). 1 = no say in decisions about children here, 5 = a great deal. Ratings of one's own discipline are left out. No cell from fewer than {min} ratings, nor one the row's total would give away. {} respondents.",
            seen.respondents,
            min = seen.min_group,
        ),
    );
    if heat_map.rated.is_empty() || heat_map.raters.is_empty() {
        ui.label("No ratings of say to show: the rounds so far asked for pairs, which “Seen versus given” uses.");
        return None;
    }
    let text_colour = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
    let painter = ui.painter_at(rect);
    let font = |size: f32| FontId::proportional(size);
    let legend_h = 40.0;
    let left_w = (rect.width() * 0.26).clamp(120.0, 260.0);
    let rows = heat_map.rated.len();
    let cols = heat_map.raters.len();
    // Columns no wider than a readable cell, so a team with two rater groups is not a
    // pair of wide bands.
    let col_w = ((rect.width() - left_w) / cols as f32).min(220.0);
    let headers: Vec<_> = heat_map
        .raters
        .iter()
        .map(|g| {
            let text = format!("{} (n = {})", g.name, g.respondents);
            painter.layout(text, font(14.0), text_colour, col_w - 8.0)
        })
        .collect();
    let header_h = headers.iter().map(|g| g.size().y).fold(0.0, f32::max) + 10.0;
    let row_h = ((rect.height() - header_h - legend_h) / rows as f32).clamp(20.0, 90.0);
    let grid_top = rect.top() + header_h;
    let cell = |row: usize, col: usize| {
        Rect::from_min_size(
            Pos2::new(
                rect.left() + left_w + col as f32 * col_w,
                grid_top + row as f32 * row_h,
            ),
            Vec2::new(col_w, row_h),
        )
        .shrink(1.5)
    };
    for (col, header) in headers.into_iter().enumerate() {
        let x = rect.left() + left_w + (col as f32 + 0.5) * col_w - header.size().x / 2.0;
        let y = grid_top - 6.0 - header.size().y;
        painter.galley(Pos2::new(x, y), header, text_colour);
    }
    let label_size = (row_h * 0.45).clamp(11.0, 15.0);
    for (row, (rated, name)) in heat_map.rated.iter().enumerate() {
        let label = painter.layout(name.clone(), font(label_size), text_colour, left_w - 12.0);
        let y = grid_top + (row as f32 + 0.5) * row_h - label.size().y / 2.0;
        painter.galley(Pos2::new(rect.left(), y), label, text_colour);
        for (col, group) in heat_map.raters.iter().enumerate() {
            let area = cell(row, col);
            let own = group.discipline == Some(*rated);
            let c = heat_map.cells[col][row];
            say_cell(&painter, weak, area, c, own, (row_h, col_w));
        }
    }
    // The scale, under the grid.
    let legend_top = grid_top + rows as f32 * row_h + 12.0;
    let bar_w = (col_w * cols as f32).clamp(200.0, 320.0);
    let start = Pos2::new(rect.left() + left_w, legend_top);
    say_legend(&painter, text_colour, start, bar_w);
    // No outline for the row under the pointer: an idle pointer would draw it into
    // slides. The hand says a click highlights its members.
    let hovered = response.hover_pos().and_then(|pos| {
        let row = ((pos.y - grid_top) / row_h).floor();
        (pos.y >= grid_top && row >= 0.0 && (row as usize) < rows).then_some(row as usize)
    });
    let response = if hovered.is_some() {
        response.on_hover_cursor(egui::CursorIcon::PointingHand)
    } else {
        response
    };
    let item = hovered.map(|row| discipline_item(heat_map.rated[row].0));
    Some((response, item))
}

/// One cell of the say heat map: the mean and its count, "own", a dot where nobody rated,
/// or "withheld". `(row_h, col_w)` is the cell's size before its margin.
fn say_cell(
    painter: &egui::Painter,
    weak: Color32,
    area: Rect,
    c: crate::analysis::perceptions::Cell,
    own: bool,
    (row_h, col_w): (f32, f32),
) {
    let (fill, ink, big, small) = match c.mean {
        Some(m) => {
            let (fill, ink) = heat(m);
            (fill, ink, format!("{m:.1}"), format!("n = {}", c.n))
        }
        None if own => (Color32::TRANSPARENT, weak, "own".to_owned(), String::new()),
        None if c.n == 0 => (Color32::TRANSPARENT, weak, "·".to_owned(), String::new()),
        None => (
            weak.gamma_multiply(0.15),
            weak,
            "withheld".to_owned(),
            String::new(),
        ),
    };
    painter.rect_filled(area, 3.0, fill);
    painter.rect_stroke(
        area,
        3.0,
        Stroke::new(0.5, weak.gamma_multiply(0.4)),
        StrokeKind::Inside,
    );
    let big_size = if c.mean.is_some() {
        (row_h * 0.4).clamp(11.0, 20.0)
    } else {
        (row_h * 0.3).clamp(10.0, 13.0)
    };
    // The count sits beside the mean, small, where the cell is wide enough.
    if small.is_empty() || col_w < 110.0 {
        painter.text(
            area.center(),
            Align2::CENTER_CENTER,
            big,
            FontId::proportional(big_size),
            ink,
        );
    } else {
        painter.text(
            area.center() - Vec2::new(6.0, 0.0),
            Align2::RIGHT_CENTER,
            big,
            FontId::proportional(big_size),
            ink,
        );
        painter.text(
            area.center() + Vec2::new(2.0, 0.0),
            Align2::LEFT_CENTER,
            small,
            FontId::proportional(11.0),
            ink,
        );
    }
}

/// The say scale under the heat map, from `start`: "1 no say", the colours, "5 a great deal".
fn say_legend(painter: &egui::Painter, text_colour: Color32, start: Pos2, bar_w: f32) {
    let (start, legend_top) = (start.x, start.y);
    painter.text(
        Pos2::new(start - 8.0, legend_top + 9.0),
        Align2::RIGHT_CENTER,
        "1 no say",
        FontId::proportional(13.0),
        text_colour,
    );
    let steps = 40;
    for k in 0..steps {
        let v = 1.0 + 4.0 * f64::from(k) / f64::from(steps - 1);
        let x = start + bar_w * k as f32 / steps as f32;
        painter.rect_filled(
            Rect::from_min_size(
                Pos2::new(x, legend_top),
                Vec2::new(bar_w / steps as f32 + 0.5, 18.0),
            ),
            0.0,
            heat(v).0,
        );
    }
    painter.text(
        Pos2::new(start + bar_w + 8.0, legend_top + 9.0),
        Align2::LEFT_CENTER,
        "5 a great deal",
        FontId::proportional(13.0),
        text_colour,
    );
}

/// Grid marks at 1, 2, 3, 4 and 5 only: the answers' scale, nothing past it.
fn scale_marks(_: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    (1..=5)
        .map(|v| egui_plot::GridMark {
            value: f64::from(v),
            step_size: 1.0,
        })
        .collect()
}

/// Which question a bar chart shows.
fn say(d: &DisciplinePerception) -> &QuestionFigures {
    &d.say
}

fn valued(d: &DisciplinePerception) -> &QuestionFigures {
    &d.valued
}

/// Each discipline's view of itself beside everyone else's, for say and for valued
/// expertise.
pub(super) fn self_vs_others(ui: &mut egui::Ui, analysis: &Analysis) -> Shown {
    let seen = perceptions_or_how(ui, ChartId::SelfVsOthers, analysis)?;
    heading(
        ui,
        "Own view and others': how each discipline rates itself, and how everyone else rates it",
        &format!(
            "Mean rating, 1 to 5. A discipline's own bar needs at least {min} ratings by its own members, and everyone else's at least {min}. {} respondents.",
            seen.respondents,
            min = seen.min_group
        ),
    );
    let rows: Vec<&DisciplinePerception> = seen
        .disciplines
        .iter()
        .filter(|d| {
            [&d.say, &d.valued]
                .iter()
                .any(|q| q.self_mean.is_some() || q.others_mean.is_some())
        })
        .collect();
    if rows.is_empty() {
        ui.label("No discipline has enough ratings to show.");
        return None;
    }
    let n = rows.len();
    let names: Vec<String> = rows.iter().map(|d| short(&d.name, 30)).collect();
    let mut shown: Shown = None;
    super::team_shape::two_up(ui, |ui, i, height| {
        let (question, figures): (&str, fn(&DisciplinePerception) -> &QuestionFigures) = if i == 0 {
            ("say in decisions about children", say)
        } else {
            ("how much its expertise is valued", valued)
        };
        let bars = |own: bool| -> Vec<Bar> {
            rows.iter()
                .enumerate()
                .filter_map(|(k, d)| {
                    let q = figures(d);
                    let v = if own { q.self_mean } else { q.others_mean }?;
                    let y = (n - 1 - k) as f64 + if own { 0.19 } else { -0.19 };
                    Some(
                        Bar::new(y, v - 1.0)
                            .base_offset(1.0)
                            .width(0.36)
                            .fill(if own { OWN } else { OTHERS })
                            .name(format!(
                                "{}: {} {v:.1}",
                                d.name,
                                if own { "own members" } else { "everyone else" }
                            )),
                    )
                })
                .collect()
        };
        let r = plot(&format!("self_vs_others_{i}"))
            .height(height)
            .x_axis_label(format!("{question}, 1 to 5"))
            .y_grid_spacer(every_category(0, n))
            .y_axis_min_width(if i == 0 { 170.0 } else { 120.0 })
            .y_axis_formatter(row_labels(names.clone()))
            .x_grid_spacer(scale_marks)
            // Room on the right for the legend, past the end of the scale.
            .include_x(1.0)
            .include_x(6.2)
            .include_y(-0.6)
            .include_y(n as f64 - 0.4)
            .show(ui, |plot| {
                plot.bar_chart(
                    BarChart::new("its own members", bars(true))
                        .horizontal()
                        .color(OWN),
                );
                plot.bar_chart(
                    BarChart::new("everyone else", bars(false))
                        .horizontal()
                        .color(OTHERS),
                );
            });
        shown = Some((r.response, None));
    });
    shown
}

/// How valued people feel in the team, by their own discipline.
pub(super) fn feel_valued(ui: &mut egui::Ui, team: &Team, analysis: &Analysis) -> Shown {
    let seen = perceptions_or_how(ui, ChartId::FeelValued, analysis)?;
    let answered: usize = seen.feel_valued.iter().map(|g| g.n).sum();
    heading(
        ui,
        "How valued do you feel in this team? Mean answer by the respondent's own discipline",
        &format!(
            "1 = not at all, 5 = very. Disciplines with fewer than {min} respondents, and those who preferred not to say, are counted together as “{OTHER_RATERS}”; a group of fewer than {min} is withheld. {answered} of {} respondents answered.",
            seen.respondents,
            min = seen.min_group
        ),
    );
    if seen.feel_valued.is_empty() {
        ui.label("Nobody answered this question.");
        return None;
    }
    let n = seen.feel_valued.len();
    let names: Vec<String> = seen
        .feel_valued
        .iter()
        .map(|g| {
            let name = if g.group == OTHER_RATERS {
                "Others or not said"
            } else {
                g.group.as_str()
            };
            format!(
                "{} (n = {}){}",
                short(name, 24),
                g.n,
                if g.mean.is_none() { ": withheld" } else { "" }
            )
        })
        .collect();
    let text_colour = ui.visuals().text_color();
    let r = plain_plot("feel_valued")
        .x_axis_label("mean answer, 1 to 5")
        .x_grid_spacer(scale_marks)
        .y_grid_spacer(every_category(0, n))
        .y_axis_min_width(200.0)
        .y_axis_formatter(row_labels(names))
        .include_x(1.0)
        .include_x(5.4)
        .include_y(-0.6)
        .include_y(n as f64 - 0.4)
        .show_grid([true, false])
        .show_axes([true, true])
        .show(ui, |plot| {
            for (k, g) in seen.feel_valued.iter().enumerate() {
                let Some(v) = g.mean else { continue };
                let y = (n - 1 - k) as f64;
                let discipline = team.disciplines.iter().find(|d| d.name == g.group);
                let colour = discipline.map_or(ELSEWHERE, |d| colour_of(team, d.id));
                let mut chart = BarChart::new(
                    g.group.clone(),
                    vec![Bar::new(y, v - 1.0)
                        .base_offset(1.0)
                        .width(0.6)
                        .fill(colour)
                        .name(format!("{}: {v:.1}", g.group))],
                )
                .horizontal()
                .color(colour);
                if let Some(d) = discipline {
                    chart = chart.id(discipline_item(d.id));
                }
                plot.bar_chart(chart);
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(v + 0.06, y),
                        RichText::new(format!("{v:.1}")).size(15.0),
                    )
                    .anchor(Align2::LEFT_CENTER)
                    .color(text_colour),
                );
            }
        });
    Some((r.response, r.hovered_plot_item))
}
