//! The charts view: eight `egui_plot` charts that surface the conditions hierarchy and the
//! core–periphery imbalance, with the findings beside them. Every figure comes from
//! [`Analysis`]; nothing is computed here but positions and labels.

use egui::{Align2, Color32, RichText};
use egui_plot::{
    Bar, BarChart, ItemId, Legend, Line, LineStyle, MarkerShape, Plot, PlotPoint, PlotPoints,
    Points, Text,
};

mod families;
mod perceptions;
mod relational;

use super::style;
use crate::analysis::tables;
use crate::analysis::{Analysis, Finding};
use crate::format::money;
use crate::model::{AgencyId, DisciplineId, MemberId, Team};

/// Declared in the order the charts view lists them: [`ChartId::all`] iterates them from the
/// derive, so a chart added here is in the view, the help and `--view chart:ID`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, strum::EnumIter)]
pub enum ChartId {
    #[default]
    StatusLadder,
    Pay,
    Conditions,
    Quartiles,
    CorePeriphery,
    Composition,
    Outcomes,
    Lorenz,
    SeenVsGiven,
    SayByRater,
    SelfVsOthers,
    FeelValued,
    WorkingTogether,
    TeamClimate,
    RoundChange,
    Families,
}

impl ChartId {
    /// Every chart, in the order they are declared.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    /// The id used by `--view chart:<id>`.
    pub fn id(self) -> &'static str {
        match self {
            Self::StatusLadder => "status-ladder",
            Self::Pay => "pay",
            Self::Conditions => "conditions",
            Self::Quartiles => "quartiles",
            Self::CorePeriphery => "core-periphery",
            Self::Composition => "composition",
            Self::Outcomes => "outcomes",
            Self::Lorenz => "lorenz",
            Self::SeenVsGiven => "seen-vs-given",
            Self::SayByRater => "say-by-rater",
            Self::SelfVsOthers => "self-vs-others",
            Self::FeelValued => "feel-valued",
            Self::WorkingTogether => "working-together",
            Self::TeamClimate => "team-climate",
            Self::RoundChange => "round-change",
            Self::Families => "families",
        }
    }

    /// Which row of the charts view the chart sits in: 0 what the data says about
    /// conditions, 1 how the professions see each other, 2 how they work together.
    pub fn row(self) -> usize {
        match self {
            Self::SeenVsGiven | Self::SayByRater | Self::SelfVsOthers | Self::FeelValued => 1,
            Self::WorkingTogether | Self::TeamClimate | Self::RoundChange | Self::Families => 2,
            _ => 0,
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::all().find(|c| c.id() == id)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::StatusLadder => "Conditions ladder",
            Self::Pay => "Pay by discipline",
            Self::Conditions => "Conditions",
            Self::Quartiles => "Pay quartiles",
            Self::CorePeriphery => "Core and periphery",
            Self::Composition => "Composition",
            Self::Outcomes => "Every Child Matters",
            Self::Lorenz => "Pay inequality",
            Self::SeenVsGiven => "Seen versus given",
            Self::SayByRater => "Who gives whom a say",
            Self::SelfVsOthers => "Own view and others'",
            Self::FeelValued => "How valued people feel",
            Self::WorkingTogether => "Group by group",
            Self::TeamClimate => "Team climate",
            Self::RoundChange => "Round against round",
            Self::Families => "What families say",
        }
    }
}

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
    let summary = crate::analysis::slides::caption(super::present::slide_of_chart(chart), analysis)
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

/// The line under a chart that says what workshop-safe mode withheld from it (each slide's
/// note lists them by name).
fn withheld_line(a: &Analysis) -> String {
    let hidden = a.withheld_disciplines().len();
    if hidden == 0 {
        String::new()
    } else {
        format!(
            " Names are hidden: {} withheld (groups of {} people, or figures that would give one person away){}.",
            crate::format::count(hidden, "discipline", "disciplines"),
            crate::analysis::report::withheld(a),
            if a.other_disciplines.is_some() { ", shown together as “Other disciplines”" } else { "" }
        )
    }
}

#[allow(clippy::unnecessary_wraps)]
fn status_ladder(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
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
    if let Some(other) = &a.other_disciplines {
        ranked.push((None, other, ELSEWHERE));
    }
    heading(
        ui,
        "Conditions ladder: disciplines ranked by pay, leave, training and autonomy",
        &format!(
            "{} Conditions index 0–1: the mean of each member's percentile ranks in the team. {} groups, n = {} members.{}",
            crate::analysis::report::CONDITIONS_SENTENCE,
            ranked.len(),
            a.headcount,
            withheld_line(a)
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
const BAR_LABEL_SIZE: f32 = 15.0;

/// How far an axis from 0 must run for labels drawn after bars, each `(start, text)` from
/// `start` in plot units, to end inside the plot: far enough, and no further, so short labels
/// do not leave half a slide empty. A label `px` points wide ends inside a plot `w` points
/// wide whose axis runs to `end` when start + px · end / w ≤ end.
fn axis_end_for_labels<'t>(ui: &egui::Ui, labels: impl Iterator<Item = (f64, &'t str)>) -> f64 {
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
fn unit_interval_marks(_: egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    (0..=10)
        .map(|i| egui_plot::GridMark {
            value: f64::from(i) / 10.0,
            step_size: if i % 5 == 0 { 0.5 } else { 0.1 },
        })
        .collect()
}

/// "0", "0.1" … "1" under [`unit_interval_marks`].
fn unit_interval_label(mark: egui_plot::GridMark, _: &std::ops::RangeInclusive<f64>) -> String {
    if (mark.value - mark.value.round()).abs() < 1e-9 {
        format!("{:.0}", mark.value)
    } else {
        format!("{:.1}", mark.value)
    }
}

#[allow(clippy::unnecessary_wraps)]
fn pay(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
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
fn pay_means(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let text_colour = ui.visuals().text_color();
    heading(
        ui,
        "Full-time pay by discipline: each discipline's mean",
        &format!(
            "Each bar is the discipline's mean full-time-equivalent salary, beside it that mean over the team's ({}). Names are hidden, so no median is shown: it would be one person's pay. Best conditions at the top. n = {}.{}",
            a.team_mean_salary.map_or_else(|| "n/a".to_owned(), money),
            a.headcount,
            withheld_line(a)
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
fn conditions(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    heading(
        ui,
        "The mundane hierarchy: pay, leave, training and autonomy by discipline",
        &format!("Each bar is the discipline's mean percentile rank in the team (0 = lowest, 0.5 = middle, 1 = highest). Disciplines in conditions-ladder order. n = {}.{}", a.headcount, withheld_line(a)),
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
fn quartiles(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
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

fn core_periphery(ui: &mut egui::Ui, team: &Team, a: &Analysis) -> Shown {
    let cp = &a.core_periphery;
    heading(
        ui,
        "Core and periphery: where each discipline's time goes, and what each side gets",
        &format!("Core = {} FTE or more in this team (or marked). {} core and {} peripheral members. Left: contracted FTE split into time in this team and time elsewhere. Right: each side's {} pay over the team's, and its mean leave, training and autonomy over the team's mean.{}", cp.threshold, cp.core.headcount, cp.peripheral.headcount, if a.min_group().is_some() { "mean" } else { "median" }, withheld_line(a)),
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
            let r = plot("fte_split")
                .height(height)
                .x_axis_label("FTE (time in this team, then elsewhere)")
                .y_grid_spacer(every_category(0, n))
                .y_axis_min_width(200.0)
                .include_x(0.0)
                .y_axis_formatter(row_labels(names.clone()))
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
                });
            result = Some((r.response, r.hovered_plot_item));
            return;
        }
        // Right: each condition relative to the team average, core against periphery.
        // Pay against the median (one consultant cannot drive it), or the mean with names
        // hidden (a median would be one person's pay); the rest against means.
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
            .flat_map(|(_, side, _)| {
                let pay = if safe {
                    side.mean_salary
                } else {
                    side.median_salary
                };
                [
                    pay,
                    side.mean_leave_days,
                    side.mean_training_days,
                    side.mean_autonomy,
                ]
            })
            .zip(team_avg.iter().cycle())
            .filter_map(|(v, avg)| v.filter(|_| *avg > 0.0).map(|v| v / avg))
            .fold(1.0, f64::max);
        let any_shown = sides.iter().any(|(_, side, _)| {
            [
                side.mean_salary,
                side.median_salary,
                side.mean_leave_days,
                side.mean_training_days,
                side.mean_autonomy,
            ]
            .iter()
            .any(Option::is_some)
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
                    let values = [
                        if safe {
                            side.mean_salary
                        } else {
                            side.median_salary
                        },
                        side.mean_leave_days,
                        side.mean_training_days,
                        side.mean_autonomy,
                    ];
                    let bars: Vec<Bar> = values
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
                        BarChart::new(format!("{name} (n = {})", side.headcount), bars)
                            .color(*colour),
                    );
                }
                p.line(
                    Line::new("team average", vec![[-0.5, 1.0], [3.5, 1.0]])
                        .style(LineStyle::dashed_loose())
                        .color(ELSEWHERE),
                );
            });
    });
    result
}

/// Two plots side by side where there is room, one above the other where there is not.
fn two_up(ui: &mut egui::Ui, mut draw: impl FnMut(&mut egui::Ui, usize, f32)) {
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

fn mean_of(team: &Team, f: impl Fn(&crate::model::Member) -> Option<f64>) -> f64 {
    crate::analysis::stats::mean(team.members.iter().filter_map(f)).unwrap_or(0.0)
}

fn composition(ui: &mut egui::Ui, a: &Analysis) -> Shown {
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
fn outcomes(ui: &mut egui::Ui, a: &Analysis) -> Shown {
    let text_colour = ui.visuals().text_color();
    let error_colour = ui.visuals().error_fg_color;
    let untagged: Vec<&str> = a.untagged_outcomes.iter().map(|o| o.label()).collect();
    heading(
        ui,
        "Every Child Matters: the shared frame, and the time of the disciplines tagged with each outcome",
        &if untagged.is_empty() {
            format!("The five outcomes are a language every profession can use. Bars: team FTE of the disciplines tagged with each outcome (a discipline can carry several). n = {}.", a.headcount)
        } else {
            format!("The five outcomes are a language every profession can use. No discipline is tagged with: {}. How does each profession contribute to it? n = {}.", untagged.join(", "), a.headcount)
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
        .x_axis_label("team FTE of the disciplines tagged with the outcome")
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

fn lorenz(ui: &mut egui::Ui, a: &Analysis) -> Shown {
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
struct Row<'a> {
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
