//! The charts view: `egui_plot` charts that surface the conditions hierarchy, the
//! core–periphery imbalance, how the professions see and work with each other and what
//! families say, with the findings beside them. Every figure comes from [`Analysis`]; nothing
//! is computed here but positions and labels. This file holds the dispatch and shared
//! helpers (the registry, [`ChartId`], is the model's, since slides name charts); the charts
//! are in `conditions`, `team_shape`, `perceptions`, `relational` and `families`.

use egui::{Align2, Color32, RichText};
use egui_plot::{ItemId, Legend, MarkerShape, Plot, PlotPoint, Points, Text};

mod conditions;
mod families;
mod perceptions;
mod relational;
mod team_shape;

use super::style;
use crate::analysis::tables;
use crate::analysis::{Analysis, Finding};
use crate::model::{DisciplineId, MemberId, Team};

use conditions::{conditions, pay, quartiles, status_ladder};
use team_shape::{composition, core_periphery, lorenz, outcomes};

/// The registry of charts is the model's: slides refer to charts by it.
pub use crate::model::presentation::ChartId;

/// What a click in the charts asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartClick {
    Highlight(Vec<MemberId>),
}

/// Colours for the four conditions, from the Okabe–Ito palette.
const CONDITION_COLOURS: [Color32; 4] = [
    Color32::from_rgb(0, 114, 178),
    Color32::from_rgb(230, 159, 0),
    Color32::from_rgb(0, 158, 115),
    Color32::from_rgb(204, 121, 167),
];
const ELSEWHERE: Color32 = Color32::from_rgb(153, 153, 153);

fn discipline_item(id: DisciplineId) -> ItemId {
    ItemId::new(("discipline", id.0))
}

fn colour_of(team: &Team, id: DisciplineId) -> Color32 {
    team.discipline(id)
        .map_or(Color32::GRAY, |d| style::rgb(d.colour))
}

fn members_of(analysis: &Analysis, id: DisciplineId) -> Vec<MemberId> {
    analysis
        .members
        .iter()
        .filter(|m| m.discipline == id)
        .map(|m| m.id)
        .collect()
}

/// A title that says what the chart shows, and a line with the counts behind it.
fn heading(ui: &mut egui::Ui, title: &str, subtitle: &str) {
    ui.label(RichText::new(title).heading().strong());
    ui.label(RichText::new(subtitle).weak());
    ui.add_space(4.0);
}

/// A plot whose items are labelled in place, so it needs no legend.
pub(crate) fn plain_plot(id: &str) -> Plot<'static> {
    Plot::new(id.to_owned())
        // A crosshair says nothing on category charts, and an idle pointer would draw it
        // into screenshots and slides.
        .show_crosshair(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

fn plot(id: &str) -> Plot<'static> {
    Plot::new(id.to_owned())
        .show_crosshair(false)
        .legend(Legend::default().position(egui_plot::Corner::RightTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([false, true])
}

/// Draw the chosen chart. A click on a discipline returns its members to highlight.
pub fn show_chart(
    ui: &mut egui::Ui,
    chart: ChartId,
    team: &Team,
    analysis: &Analysis,
) -> Option<ChartClick> {
    if analysis.headcount == 0 {
        heading(
            ui,
            chart.label(),
            "No members yet: add some on the map to see this chart.",
        );
        return None;
    }
    let response = match chart {
        ChartId::StatusLadder => status_ladder(ui, team, analysis),
        ChartId::Pay => pay(ui, team, analysis),
        ChartId::Conditions => conditions(ui, team, analysis),
        ChartId::Quartiles => quartiles(ui, team, analysis),
        ChartId::CorePeriphery => core_periphery(ui, team, analysis),
        ChartId::Composition => composition(ui, analysis),
        ChartId::Outcomes => outcomes(ui, analysis),
        ChartId::Lorenz => lorenz(ui, analysis),
        ChartId::SeenVsGiven => perceptions::seen_vs_given(ui, team, analysis),
        ChartId::SayByRater => perceptions::say_by_rater(ui, analysis),
        ChartId::SelfVsOthers => perceptions::self_vs_others(ui, analysis),
        ChartId::FeelValued => perceptions::feel_valued(ui, team, analysis),
        ChartId::WorkingTogether => relational::working_together(ui, analysis),
        ChartId::TeamClimate => relational::team_climate(ui, team, analysis),
        ChartId::RoundChange => relational::round_change(ui, team, analysis),
        ChartId::Families => families::families(ui, team, analysis),
    };
    expose_to_screen_readers(ui, chart, analysis);
    let (plot_response, hovered) = response?;
    if plot_response.clicked() {
        let id = hovered?;
        let d = analysis
            .disciplines
            .iter()
            .find(|d| discipline_item(d.id) == id)?;
        return Some(ChartClick::Highlight(members_of(analysis, d.id)));
    }
    None
}

/// The figures behind a chart, as a table.
pub fn data_table(chart: ChartId, analysis: &Analysis) -> tables::DataTable {
    let perceptions = analysis.perceptions.as_ref();
    let from = |f: fn(&crate::analysis::perceptions::Perceptions) -> tables::DataTable| {
        perceptions.map(f).unwrap_or_default()
    };
    match chart {
        ChartId::StatusLadder | ChartId::Pay | ChartId::Conditions | ChartId::CorePeriphery => {
            tables::disciplines(analysis)
        }
        ChartId::Quartiles => tables::quartiles(analysis),
        ChartId::Composition => tables::agencies(analysis),
        ChartId::Outcomes => tables::outcomes(analysis),
        ChartId::Lorenz => tables::pay_inequality(analysis),
        ChartId::SeenVsGiven | ChartId::SelfVsOthers => from(tables::seen_versus_given),
        ChartId::SayByRater => from(tables::say_by_rater),
        ChartId::FeelValued => from(tables::feel_valued),
        ChartId::WorkingTogether => tables::working_together(analysis),
        ChartId::TeamClimate => tables::team_climate(analysis),
        ChartId::RoundChange => tables::round_change(analysis),
        ChartId::Families => tables::feedback(analysis),
    }
}

/// A chart in the accessibility tree: a figure named by the chart, described in one
/// sentence (its slide's caption: the strongest finding, or what it shows), holding its
/// figures as a table of rows and cells, the first row the column headings. A screen
/// reader cannot read a plot's painted bars; it can read this.
fn expose_to_screen_readers(ui: &mut egui::Ui, chart: ChartId, analysis: &Analysis) {
    use egui::accesskit::{Rect as Bounds, Role};
    let rect = ui.min_rect();
    let summary = crate::analysis::slides::caption(crate::model::SlideId::Chart(chart), analysis)
        .map_or_else(|| chart.label().to_owned(), |c| c.text);
    let bounds = Bounds {
        x0: f64::from(rect.min.x),
        y0: f64::from(rect.min.y),
        x1: f64::from(rect.max.x),
        y1: f64::from(rect.max.y),
    };
    // Nodes hang on widgets: each level is a widget of no size and no sense, and the next
    // level's Ui names it as its accessibility parent.
    let anchor = egui::Rect::from_min_size(rect.min, egui::Vec2::ZERO);
    let ctx = ui.ctx().clone();
    // Whether the node was made: not while no screen reader (or test) asks for the tree.
    let node = |ui: &mut egui::Ui, id: egui::Id, build: &dyn Fn(&mut egui::accesskit::Node)| {
        ui.interact(anchor, id, egui::Sense::hover());
        ctx.accesskit_node_builder(id, |n| {
            n.set_bounds(bounds);
            build(n);
        })
        .is_some()
    };
    let child = |ui: &mut egui::Ui, parent: egui::Id| {
        ui.new_child(
            egui::UiBuilder::new()
                .max_rect(anchor)
                .accessibility_parent(parent),
        )
    };
    let figure = ui.scope_id().with(("chart_figure", chart.id()));
    let made = node(ui, figure, &|n| {
        n.set_role(Role::Figure);
        n.set_label(chart.label());
        n.set_description(summary.as_str());
    });
    if !made {
        return;
    }
    let table = data_table(chart, analysis);
    let mut figure_ui = child(ui, figure);
    let table_id = figure.with("table");
    let columns = table.columns.len();
    let rows = table.rows.len() + 1;
    node(&mut figure_ui, table_id, &|n| {
        n.set_role(Role::Table);
        n.set_label(format!("The figures of “{}”", chart.label()));
        n.set_row_count(rows);
        n.set_column_count(columns);
    });
    let mut table_ui = child(&mut figure_ui, table_id);
    for (r, cells) in std::iter::once(&table.columns)
        .chain(&table.rows)
        .enumerate()
    {
        let row_id = table_id.with(r);
        node(&mut table_ui, row_id, &|n| {
            n.set_role(Role::Row);
            n.set_row_index(r);
        });
        let mut row_ui = child(&mut table_ui, row_id);
        for (c, text) in cells.iter().enumerate() {
            node(&mut row_ui, row_id.with(c), &|n| {
                n.set_role(if r == 0 {
                    Role::ColumnHeader
                } else {
                    Role::Cell
                });
                n.set_label(text.as_str());
                n.set_row_index(r);
                n.set_column_index(c);
            });
        }
    }
}

/// The plot's response and the item under the pointer. Every chart returns this, so
/// `show_chart` treats them alike (some can never be `None`, hence the allow).
type Shown = Option<(egui::Response, Option<ItemId>)>;

/// The line under a chart of `figure` (a [`crate::analysis::disclosure`] figure) that says
/// what workshop-safe mode withheld from it (each slide's note lists them by name).
fn withheld_line(a: &Analysis, figure: usize) -> String {
    let hidden = a.withheld_disciplines().len();
    if hidden == 0 {
        String::new()
    } else {
        format!(
            " Names are hidden: {} withheld (groups of {} people, or figures that would give one person away){}.",
            crate::format::count(hidden, "discipline", "disciplines"),
            crate::analysis::report::withheld(a),
            if a.other_disciplines.as_ref().is_some_and(|o| !o.is_withheld(figure)) { ", shown together as “Other disciplines”" } else { "" }
        )
    }
}

/// "Seen versus given": each discipline's rank by its conditions index (left) joined to its
/// rank by the say others see it having (right), from the team's perception rounds.
/// The integration profile in one sentence: the declared level beside the evidence.
fn integration_line(a: &Analysis) -> String {
    let p = &a.integration;
    let pct = |v: Option<f64>| v.map_or_else(|| "n/a".to_owned(), |v| format!("{:.0}%", v * 100.0));
    format!(
        "Declared: {}. Evidence: {} co-located; {} of those with a line manager are managed in the team ({} outside); {} in split posts.",
        p.declared.label().to_lowercase(),
        pct(p.co_located_share()),
        pct(p.managed_in_team_share()),
        p.managed_outside,
        pct(p.split_post_share())
    )
}

/// One row of a per-discipline chart: a discipline, or the withheld ones together.
pub(super) struct Row<'a> {
    figures: &'a crate::analysis::GroupFigures,
    colour: Color32,
}

/// The rows a per-discipline chart draws, in conditions-ladder order: every discipline with
/// members; with names hidden, only the shown ones, then "Other disciplines" where there are
/// enough withheld members to show together.
fn rows<'a>(team: &Team, a: &'a Analysis) -> Vec<Row<'a>> {
    let safe = a.min_group().is_some();
    let mut rows: Vec<Row<'a>> = a
        .disciplines
        .iter()
        .filter(|d| d.figures.headcount > 0 && !(safe && d.figures.fully_withheld()))
        .map(|d| Row {
            figures: &d.figures,
            colour: colour_of(team, d.id),
        })
        .collect();
    if let Some(other) = &a.other_disciplines {
        rows.push(Row {
            figures: other,
            colour: ELSEWHERE,
        });
    }
    rows
}

/// The index of the category a grid mark falls on, if it falls on one.
fn category(value: f64, count: usize) -> Option<usize> {
    let i = value.round();
    ((value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < count).then_some(i as usize)
}

/// Axis labels for rows drawn top to bottom: row k sits at y = count − 1 − k.
fn row_labels(
    names: Vec<String>,
) -> impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |mark, _| {
        category(mark.value, names.len())
            .map(|i| names[names.len() - 1 - i].clone())
            .unwrap_or_default()
    }
}

/// A grid mark on every category (0, 1, 2…), so no name is thinned away.
fn every_category(
    from: usize,
    to: usize,
) -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    move |_| {
        (from..to)
            .map(|i| egui_plot::GridMark {
                value: i as f64,
                step_size: 1.0,
            })
            .collect()
    }
}

fn marker(i: usize) -> MarkerShape {
    const SHAPES: [MarkerShape; 6] = [
        MarkerShape::Circle,
        MarkerShape::Square,
        MarkerShape::Diamond,
        MarkerShape::Up,
        MarkerShape::Asterisk,
        MarkerShape::Down,
    ];
    SHAPES[i % SHAPES.len()]
}

/// A name for a chart's axis, cut to `max` characters.
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_owned()
    } else {
        format!(
            "{}…",
            name.chars().take(max.saturating_sub(1)).collect::<String>()
        )
    }
}

/// A name for one of `rows` rows or columns: with few of them (the room's groups), a long
/// name runs onto a second line at a space, so "Education, early years and youth work"
/// stays readable where a cut would lose what the group is; with many, a second line would
/// not fit and the plot would drop the label, so it is cut.
fn fitted(name: &str, max: usize, rows: usize) -> String {
    if rows > 6 || name.chars().count() <= max {
        return short(name, max);
    }
    let first_line_end = name
        .char_indices()
        .filter(|(i, c)| *c == ' ' && name[..*i].chars().count() <= max)
        .map(|(i, _)| i)
        .next_back();
    match first_line_end {
        Some(i) => format!("{}\n{}", &name[..i], short(&name[i + 1..], max)),
        None => short(name, max),
    }
}

/// The findings beside the charts; clicking one highlights its members on the map.
pub fn findings_list(ui: &mut egui::Ui, findings: &[Finding]) -> Option<ChartClick> {
    ui.label(RichText::new("Findings").heading().strong());
    ui.weak("Strongest first. Click one to highlight its members on the map.");
    ui.add_space(4.0);
    if findings.is_empty() {
        ui.label("No figure clears its threshold yet.");
    }
    let mut clicked = None;
    for (k, f) in findings.iter().enumerate() {
        let r = ui.add(egui::Button::selectable(false, format!("{}. {}", k + 1, f.text)).wrap());
        if r.clicked() {
            clicked = Some(ChartClick::Highlight(f.members.clone()));
        }
        ui.add_space(2.0);
    }
    clicked
}

/// The ladder map as workshop-safe mode shows it: one mark per shown discipline (and one for
/// the withheld together) at its conditions index, with its n, never a person at their own
/// height. Drawn as a plot so the marks and names lay themselves out.
pub fn ladder_marks(ui: &mut egui::Ui, team: &Team, a: &Analysis) {
    let text_colour = ui.visuals().text_color();
    let list = rows(team, a);
    let n = list.len();
    let names: Vec<String> = list
        .iter()
        .map(|r| {
            format!(
                "{} (n = {})",
                fitted(&r.figures.name, 26, n),
                r.figures.headcount
            )
        })
        .collect();
    let withheld = a.withheld_disciplines().len();
    plain_plot("ladder_marks")
        .show_grid([false, true])
        .y_axis_label("conditions index (0 = poorest in the team, 1 = best)")
        // The index runs from 0 to 1; the room above 1 is for the labels.
        .y_axis_formatter(|m, _| {
            if m.value <= 1.0 + 1e-9 {
                format!("{:.2}", m.value)
            } else {
                String::new()
            }
        })
        .x_grid_spacer(every_category(0, n))
        .x_axis_formatter({
            let names = names.clone();
            move |m, _| {
                category(m.value, names.len()).map_or_else(String::new, |i| names[i].clone())
            }
        })
        .include_y(0.0)
        .include_y(1.12)
        .include_x(-0.6)
        .include_x(n as f64 - 0.4)
        .show(ui, |p| {
            for (k, row) in list.iter().enumerate() {
                let Some(index) = row.figures.conditions_index else {
                    continue;
                };
                p.points(
                    Points::new(row.figures.name.clone(), vec![[k as f64, index]])
                        .radius(16.0)
                        .shape(MarkerShape::Circle)
                        .filled(true)
                        .color(row.colour),
                );
                p.text(
                    Text::new(
                        "",
                        // Neighbours' labels alternate above and below their marks.
                        PlotPoint::new(
                            k as f64,
                            if k % 2 == 0 {
                                index + 0.06
                            } else {
                                index - 0.06
                            },
                        ),
                        // The name rides with the mark: axis labels drop out when columns
                        // are narrower than the names.
                        RichText::new(format!(
                            "{}\n{index:.2}  (n = {})",
                            fitted(&row.figures.name, 22, n),
                            row.figures.headcount
                        ))
                        .size(16.0)
                        .strong(),
                    )
                    .id(ItemId::new(("mark", k)))
                    .anchor(if k % 2 == 0 {
                        Align2::CENTER_BOTTOM
                    } else {
                        Align2::CENTER_TOP
                    })
                    .color(text_colour),
                );
            }
            if withheld > 0 && a.other_disciplines.is_none() {
                p.text(
                    Text::new(
                        "",
                        PlotPoint::new((n as f64 - 1.0) / 2.0, 1.08),
                        RichText::new(format!(
                            "{} withheld and too few to show together",
                            crate::format::count(withheld, "discipline", "disciplines")
                        ))
                        .size(14.0),
                    )
                    .id(ItemId::new("withheld_note"))
                    .color(text_colour),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn long_names_run_onto_a_second_line_where_rows_leave_room() {
        assert_eq!(fitted("Social work", 22, 3), "Social work");
        assert_eq!(
            fitted("Education, early years and youth work", 22, 3),
            "Education, early years\nand youth work"
        );
        assert_eq!(
            fitted("Medicine and psychology", 20, 6),
            "Medicine and\npsychology"
        );
        // Eleven rows: no room for two lines.
        assert_eq!(
            fitted("Medicine and psychology", 20, 11),
            "Medicine and psycho…"
        );
        assert_eq!(fitted("Neuropsychologicalassessment", 10, 2), "Neuropsyc…");
        assert_eq!(fitted("Ab cdefghijklmnopqrstu", 10, 2), "Ab\ncdefghijk…");
    }
}
