//! The service view: the teams of a portfolio on one map, each person once, with the tables
//! behind it (every team side by side, the people in several teams, the time each pair of
//! teams shares, how thinly each discipline is spread). Read-only: a team is changed by
//! opening it in the editor.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use egui::{Color32, Pos2, RichText, Sense, Shape, Stroke, Vec2};

use super::style::{self, AgencyShape};
use crate::analysis::portfolio::ServiceFigures;
use crate::analysis::portfolio_compare::{teams_text, ServiceChanges};
use crate::analysis::service_map::{Placed, ServiceMap};
use crate::analysis::Analysis;
use crate::model::portfolio::Portfolio;
use crate::model::team::OKABE_ITO;
use crate::model::Team;
use crate::ui::charts::ChartId;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Map,
    Teams,
    People,
    Shared,
    Disciplines,
    Conditions,
    Changes,
}

impl Tab {
    pub const ALL: [Self; 7] = [
        Self::Map,
        Self::Teams,
        Self::People,
        Self::Shared,
        Self::Disciplines,
        Self::Conditions,
        Self::Changes,
    ];

    /// Its name for `--view`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Map => "service",
            Self::Teams => "service-teams",
            Self::People => "service-people",
            Self::Shared => "service-shared",
            Self::Disciplines => "service-disciplines",
            Self::Conditions => "service-conditions",
            Self::Changes => "service-changes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Map => "Service map",
            Self::Teams => "Teams side by side",
            Self::People => "People in several teams",
            Self::Shared => "Time teams share",
            Self::Disciplines => "Disciplines spread",
            Self::Conditions => "Conditions across the service",
            Self::Changes => "Since the last snapshot",
        }
    }
}

/// The view's own state: the tab, and where the map's camera stands.
#[derive(Clone, Debug, Default)]
pub struct ServiceViewState {
    pub tab: Tab,
    /// The chart the conditions tab shows.
    pub chart: ChartId,
    centre: Vec2,
    zoom: f32,
    /// False until the map has been fitted to its window once.
    fitted: bool,
}

/// Colours and shapes for the service: each discipline's colour from the teams that define
/// it (the first to do so), or the palette; each employer's shape, by name.
#[derive(Clone, Debug, Default)]
pub struct ServiceStyle {
    colours: HashMap<String, Color32>,
    shapes: HashMap<String, AgencyShape>,
}

impl ServiceStyle {
    pub fn of(p: &Portfolio) -> Self {
        let mut colours = HashMap::new();
        for team in &p.teams {
            for d in team.settings.iter().flat_map(|t| &t.disciplines) {
                colours
                    .entry(d.name.clone())
                    .or_insert_with(|| style::rgb(d.colour));
            }
        }
        let names: BTreeSet<&str> = p.people.iter().map(|x| x.discipline.as_str()).collect();
        for (k, name) in names.into_iter().enumerate() {
            colours
                .entry(name.to_owned())
                .or_insert_with(|| style::rgb(OKABE_ITO[k % OKABE_ITO.len()]));
        }
        let agencies: BTreeSet<&str> = p.people.iter().map(|x| x.agency.as_str()).collect();
        let shapes = agencies
            .into_iter()
            .enumerate()
            .map(|(k, a)| (a.to_owned(), AgencyShape::for_index(k)))
            .collect();
        Self { colours, shapes }
    }

    fn colour(&self, discipline: &str) -> Color32 {
        self.colours
            .get(discipline)
            .copied()
            .unwrap_or(Color32::GRAY)
    }

    fn shape(&self, agency: &str) -> AgencyShape {
        self.shapes
            .get(agency)
            .copied()
            .unwrap_or(AgencyShape::Circle)
    }
}

/// Everything the view reads.
pub struct Service<'a> {
    pub portfolio: &'a Portfolio,
    pub figures: &'a ServiceFigures,
    pub map: &'a ServiceMap,
    pub style: &'a ServiceStyle,
    pub hide_names: bool,
    /// The service as one team, each person once, and its analysis (workshop-safe with
    /// names hidden): only while the conditions tab is shown.
    pub conditions: Option<Conditions<'a>>,
    /// The service now against its latest snapshot, if it has one.
    pub changes: Option<&'a ServiceChanges>,
    /// In the view (not on a slide): what the portfolio's edit buttons may do.
    pub editing: Option<Editing>,
}

/// Whether the portfolio has changes to save, and steps to undo or redo.
#[derive(Clone, Copy, Debug)]
pub struct Editing {
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
}

/// What the manager asked of the Service view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// Take this team out into the editor.
    OpenTeam(String),
    /// Keep the service as it is today, under a label still to be typed.
    TakeSnapshot,
    /// Add a team file, still to be chosen.
    AddTeam,
    Undo,
    Redo,
    Save,
}

pub struct Conditions<'a> {
    pub team: &'a Team,
    pub analysis: &'a Analysis,
    /// People the portfolio holds no salary for, left out.
    pub no_salary: usize,
    /// With names hidden, the smallest group shown.
    pub min_group: usize,
}

/// The charts of conditions the service tab offers.
const CONDITION_CHARTS: [ChartId; 3] = [ChartId::StatusLadder, ChartId::Pay, ChartId::Conditions];

/// Draw the view. Returns what the manager asked for, if anything.
pub fn show(ui: &mut egui::Ui, s: &Service, state: &mut ServiceViewState) -> Option<Ask> {
    let mut ask = None;
    egui::Frame::NONE
        .fill(ui.visuals().panel_fill)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            let p = &s.figures.people;
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&s.portfolio.name).heading().strong());
                ui.label(format!(
                    "{} · {} · {} in more than one team",
                    crate::format::count(s.figures.teams.len(), "team", "teams"),
                    crate::format::count(p.count, "person", "people"),
                    p.in_two_teams + p.in_three_or_more
                ));
                if let Some(e) = s.editing {
                    ui.separator();
                    ask = ask.take().or_else(|| edit_buttons(ui, e));
                }
            });
            ui.horizontal_wrapped(|ui| {
                for tab in Tab::ALL {
                    if ui.selectable_label(state.tab == tab, tab.label()).clicked() {
                        state.tab = tab;
                    }
                }
            });
            ui.separator();
            egui::Panel::right("service_side")
                .exact_size(280.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if let Some(name) = side(ui, s) {
                                ask = Some(Ask::OpenTeam(name));
                            }
                        });
                });
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| tab_body(ui, s, state, state.tab));
        });
    ask
}

/// The portfolio's own buttons: a snapshot, undo and redo, save.
fn edit_buttons(ui: &mut egui::Ui, e: Editing) -> Option<Ask> {
    let mut ask = None;
    if ui
        .button("Add a team file…")
        .on_hover_text("Add a team file's team to the service; its people are matched by name, discipline and employer, and asked about where unsure")
        .clicked()
    {
        ask = Some(Ask::AddTeam);
    }
    if ui
        .button("Take a snapshot…")
        .on_hover_text("Keep the service as it is today inside the portfolio, to compare with later (before a restructure, say)")
        .clicked()
    {
        ask = Some(Ask::TakeSnapshot);
    }
    for (text, can, what) in [
        ("Undo", e.can_undo, Ask::Undo),
        ("Redo", e.can_redo, Ask::Redo),
    ] {
        if ui
            .add_enabled(can, egui::Button::new(text))
            .on_hover_text(format!("{text} the last change to the service"))
            .clicked()
        {
            ask = Some(what);
        }
    }
    if ui
        .add_enabled(e.dirty, egui::Button::new("Save the service"))
        .on_hover_text("Write the portfolio to its file (the previous version is kept as .bak)")
        .clicked()
    {
        ask = Some(Ask::Save);
    }
    if e.dirty {
        ui.weak("changes not saved");
    }
    ask
}

/// What a tab shows, in the view and on its slide.
fn tab_body(ui: &mut egui::Ui, s: &Service, state: &mut ServiceViewState, tab: Tab) {
    match tab {
        Tab::Map => map(ui, s, state),
        Tab::Teams => scrolled(ui, |ui| teams_table(ui, s)),
        Tab::People => people_table(ui, s),
        Tab::Shared => scrolled(ui, |ui| shared_matrix(ui, s)),
        Tab::Disciplines => scrolled(ui, |ui| disciplines_table(ui, s)),
        Tab::Conditions => conditions(ui, s, state),
        Tab::Changes => scrolled(ui, |ui| changes(ui, s)),
    }
}

/// The service now against its latest snapshot: each team then and now, the people by
/// number of teams, the findings, and (names shown) whose teams changed.
fn changes(ui: &mut egui::Ui, s: &Service) {
    let Some(c) = s.changes else {
        ui.label("The portfolio has no snapshot yet. Keep one before a restructure with `teamscape portfolio snapshot FILE LABEL`, and this view shows what changed since.");
        return;
    };
    ui.weak(format!(
        "Now against “{}”. A changed figure reads “then to now”.",
        c.before
    ));
    ui.add_space(4.0);
    let p = &c.people;
    ui.label(format!(
        "{} (then {}): {} joined, {} left; {} in more teams, {} in fewer. In two teams or more: {} (then {}).",
        crate::format::count(p.after.count, "person", "people"),
        p.before.count,
        p.joined,
        p.left,
        p.in_more_teams,
        p.in_fewer_teams,
        p.after.in_two_teams + p.after.in_three_or_more,
        p.before.in_two_teams + p.before.in_three_or_more
    ));
    ui.add_space(6.0);
    egui::Grid::new("service_changes")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in ["Team", "People", "FTE", "Core", "On the edge", "Shared"] {
                ui.strong(h);
            }
            ui.end_row();
            for t in &c.teams {
                ui.label(&t.name);
                // One figure where nothing changed, so the changes stand out.
                let cell = |f: fn(&crate::analysis::portfolio::TeamFigures) -> String| {
                    let then = t.before.as_ref().map_or_else(|| "–".to_owned(), f);
                    let now = t.after.as_ref().map_or_else(|| "–".to_owned(), f);
                    if then == now {
                        now
                    } else {
                        format!("{then} to {now}")
                    }
                };
                ui.label(cell(|x| x.headcount.to_string()));
                ui.label(cell(|x| format!("{:.1}", x.team_fte)));
                ui.label(cell(|x| x.core.to_string()));
                ui.label(cell(|x| x.peripheral.to_string()));
                ui.label(cell(|x| x.shared_people.to_string()));
                ui.end_row();
            }
        });
    if !c.findings.is_empty() {
        ui.add_space(8.0);
        ui.strong("What changed");
        for f in &c.findings {
            ui.label(format!("• {f}"));
        }
    }
    if !s.hide_names && !c.movers.is_empty() {
        ui.add_space(8.0);
        ui.strong("Whose teams changed");
        for m in &c.movers {
            ui.label(format!(
                "{} ({}): was in {}; now in {}",
                m.name,
                m.discipline,
                teams_text(&m.before),
                teams_text(&m.after)
            ));
        }
    }
}

/// The conditions ladder and its neighbours for the service as one team.
fn conditions(ui: &mut egui::Ui, s: &Service, state: &mut ServiceViewState) {
    let Some(c) = &s.conditions else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        for chart in CONDITION_CHARTS {
            if ui
                .selectable_label(state.chart == chart, chart.label())
                .clicked()
            {
                state.chart = chart;
            }
        }
    });
    if !CONDITION_CHARTS.contains(&state.chart) {
        state.chart = ChartId::StatusLadder;
    }
    let mut note =
        "Each person once, across all their teams: core if core in any of them.".to_owned();
    if s.hide_names {
        let _ = write!(
            note,
            " Names are hidden: no group of fewer than {} is shown on its own; small disciplines are pooled by professional family, as in a team.",
            c.min_group
        );
    }
    if c.no_salary > 0 {
        let _ = write!(
            note,
            " {} without a salary in the portfolio {} left out.",
            crate::format::count(c.no_salary, "person", "people"),
            if c.no_salary == 1 { "is" } else { "are" }
        );
    }
    ui.weak(note);
    ui.add_space(4.0);
    let waiting: Vec<&str> = (0..crate::analysis::disclosure::ATTRIBUTES)
        .filter(|a| s.hide_names && c.analysis.exposed_elsewhere[*a])
        .map(|a| crate::analysis::disclosure::FIGURE_NAMES[a])
        .collect();
    if !waiting.is_empty() {
        ui.heading("These figures wait while names are hidden");
        ui.label(format!(
            "Each team's own workshop may show the figures of its people. Set against the service's, even with every group withheld, {} would give away someone's, of fewer than {} people who work in more than one team.",
            crate::format::list(&waiting),
            c.min_group
        ));
        ui.label("Show names to see them here (not in the room), or present each team's conditions in its own workshop.");
        // The index is ranked within the service alone, so it can stand where the other
        // figures wait; the findings draw on every figure, so they wait with them.
        if waiting.contains(
            &crate::analysis::disclosure::FIGURE_NAMES
                [crate::analysis::disclosure::CONDITIONS_INDEX],
        ) {
            return;
        }
        ui.add_space(4.0);
        crate::ui::charts::show_chart(ui, ChartId::StatusLadder, c.team, c.analysis);
        return;
    }
    if let Some(finding) = c.analysis.findings.first() {
        ui.label(format!("Strongest finding: {}", finding.text));
    }
    crate::ui::charts::show_chart(ui, state.chart, c.team, c.analysis);
}

fn scrolled(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui)) {
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, add);
}

/// The findings across teams, and a button to open each team.
fn side(ui: &mut egui::Ui, s: &Service) -> Option<String> {
    let mut open = None;
    ui.label(RichText::new("Findings").heading().strong());
    if s.figures.findings.is_empty() {
        ui.label("No finding across teams yet.");
    }
    for (k, f) in s.figures.findings.iter().enumerate() {
        ui.label(format!("{}. {f}", k + 1));
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Teams").heading().strong());
    ui.weak("Open one to edit, chart or present it. Put it back into the service when you have changed it, or save it as a team file of its own.");
    for t in &s.figures.teams {
        if ui
            .button(format!("Open {}", t.name))
            .on_hover_text(format!(
                "{} · {:.1} FTE · {} core, {} on the edge",
                crate::format::count(t.headcount, "person", "people"),
                t.team_fte,
                t.core,
                t.peripheral
            ))
            .clicked()
        {
            open = Some(t.name.clone());
        }
    }
    open
}

/// The map: clusters, the shared people between them, a line for each of their posts.
fn map(ui: &mut egui::Ui, s: &Service, state: &mut ServiceViewState) {
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = response.rect;
    if !state.fitted || response.double_clicked() {
        fit(s.map, rect, state);
    }
    if response.dragged() {
        state.centre -= response.drag_delta() / state.zoom;
    }
    if response.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll / 400.0).exp();
        if (factor - 1.0).abs() > f32::EPSILON {
            let at = response.hover_pos().unwrap_or(rect.center());
            let before = to_world(state, rect, at);
            state.zoom = (state.zoom * factor).clamp(0.02, 8.0);
            let after = to_world(state, rect, at);
            state.centre += before - after;
        }
    }
    let to_screen = |x: f32, y: f32| rect.center() + (Vec2::new(x, y) - state.centre) * state.zoom;
    let visuals = ui.visuals().clone();
    let text = visuals.text_color();
    let faint = visuals.weak_text_color();

    let hovered = response.hover_pos().and_then(|pointer| {
        s.map
            .people
            .iter()
            .map(|placed| {
                (
                    placed,
                    to_screen(placed.at.x, placed.at.y).distance(pointer),
                )
            })
            .filter(|(placed, d)| *d <= node_radius(placed, state.zoom) + 3.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(placed, _)| placed)
    });

    for cluster in &s.map.teams {
        let c = to_screen(cluster.centre.x, cluster.centre.y);
        let r = cluster.radius * state.zoom;
        painter.circle(
            c,
            r,
            visuals.faint_bg_color,
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        );
    }
    // Lines first, so nodes sit on top of them; fainter the more there are, so that a
    // service of hundreds of shared people shows where they gather, not a solid mass.
    let lines: usize = s
        .map
        .people
        .iter()
        .filter(|p| p.is_shared())
        .map(|p| p.posts.len())
        .sum();
    let fade = 0.7 * (300.0 / lines.max(1) as f32).clamp(0.08, 1.0);
    let dashes = if lines > 300 { 5.0 } else { 12.0 };
    for placed in s.map.people.iter().filter(|p| p.is_shared()) {
        let from = to_screen(placed.at.x, placed.at.y);
        let person = &s.portfolio.people[placed.person];
        let lit = hovered.is_some_and(|h| h.person == placed.person);
        let colour = s.style.colour(&person.discipline);
        for post in &placed.posts {
            let cluster = &s.map.teams[post.team];
            let centre = to_screen(cluster.centre.x, cluster.centre.y);
            let towards = (from - centre).normalized();
            let rim = centre + towards * cluster.radius * state.zoom;
            let width = (1.0 + 5.0 * post.fte as f32) * state.zoom.sqrt().clamp(0.4, 1.5);
            let stroke = Stroke::new(
                if lit { width + 1.5 } else { width },
                if lit {
                    text
                } else {
                    colour.gamma_multiply(fade)
                },
            );
            if post.core {
                painter.line_segment([from, rim], stroke);
            } else {
                // A dozen dashes whatever the length (a fixed dash on a long line at
                // service scale is hundreds of shapes), five where lines are crowded.
                let dash = (from.distance(rim) / (1.6 * dashes)).max(6.0);
                painter.extend(Shape::dashed_line(&[from, rim], stroke, dash, dash * 0.6));
            }
        }
    }
    for placed in &s.map.people {
        let at = to_screen(placed.at.x, placed.at.y);
        let r = node_radius(placed, state.zoom);
        if !rect.expand(r).contains(at) {
            continue;
        }
        let person = &s.portfolio.people[placed.person];
        let core_anywhere = placed.posts.iter().any(|q| q.core);
        style::draw_node(
            &painter,
            s.style.shape(&person.agency),
            at,
            r,
            s.style.colour(&person.discipline),
            Stroke::new(1.5, text),
            !core_anywhere,
        );
    }
    // Team names outside their clusters, on the side away from the middle where the shared
    // people stand; shared people named (or, with names hidden, by discipline) where there
    // are few enough to read.
    let mut labels: Vec<egui::Rect> = Vec::new();
    for (cluster, figures) in s.map.teams.iter().zip(&s.figures.teams) {
        let out = Vec2::new(cluster.centre.x, cluster.centre.y);
        let out = if out.length() > 1.0 {
            out.normalized()
        } else {
            -Vec2::Y
        };
        // Above, below or beside the circle, never over it: first on the side away from the
        // middle, then beside it on that side, then the other way up.
        let up_or_down = if out.y < 0.0 {
            (egui::Align2::CENTER_BOTTOM, -Vec2::Y)
        } else {
            (egui::Align2::CENTER_TOP, Vec2::Y)
        };
        let beside = if out.x > 0.0 {
            (egui::Align2::LEFT_CENTER, Vec2::X)
        } else {
            (egui::Align2::RIGHT_CENTER, -Vec2::X)
        };
        let flipped = if out.y < 0.0 {
            (egui::Align2::CENTER_TOP, Vec2::Y)
        } else {
            (egui::Align2::CENTER_BOTTOM, -Vec2::Y)
        };
        let candidates = if out.y.abs() >= out.x.abs() * 0.6 {
            [up_or_down, beside, flipped]
        } else {
            [beside, up_or_down, flipped]
        };
        let centre = to_screen(cluster.centre.x, cluster.centre.y);
        let galley = painter.layout_no_wrap(
            format!(
                "{}\n{} · {:.1} FTE · {} shared",
                cluster.name,
                crate::format::count(figures.headcount, "person", "people"),
                figures.team_fte,
                figures.shared_people
            ),
            egui::FontId::proportional(13.0),
            text,
        );
        // A name that would cover another name or another team's circle wherever it goes is
        // left to the circle's tooltip: with dozens of teams round the ring, they crowd.
        let free = |place: egui::Rect| {
            let covers_a_team = s.map.teams.iter().any(|other| {
                !std::ptr::eq(other, cluster)
                    && egui::Rect::from_center_size(
                        to_screen(other.centre.x, other.centre.y),
                        Vec2::splat(2.0 * other.radius * state.zoom),
                    )
                    .intersects(place)
            });
            !covers_a_team && !labels.iter().any(|r: &egui::Rect| r.intersects(place))
        };
        let Some(place) = candidates
            .into_iter()
            .map(|(anchor, side)| {
                anchor.anchor_size(
                    centre + side * (cluster.radius * state.zoom + 6.0),
                    galley.size(),
                )
            })
            .find(|place| free(*place))
        else {
            continue;
        };
        labels.push(place);
        painter.galley(place.min, galley, text);
    }
    let shared = s.map.people.iter().filter(|p| p.is_shared()).count();
    if shared <= MAX_NAMED_SHARED || state.zoom > 1.0 {
        for placed in s.map.people.iter().filter(|p| p.is_shared()) {
            let at = to_screen(placed.at.x, placed.at.y);
            if !rect.contains(at) {
                continue;
            }
            let person = &s.portfolio.people[placed.person];
            let label = if s.hide_names {
                &person.discipline
            } else {
                &person.name
            };
            painter.text(
                at + Vec2::new(node_radius(placed, state.zoom) + 4.0, 0.0),
                egui::Align2::LEFT_CENTER,
                label,
                egui::FontId::proportional(12.0),
                text,
            );
        }
    }
    painter.text(
        rect.left_top() + Vec2::new(8.0, 4.0),
        egui::Align2::LEFT_TOP,
        "Each person once. A team's core stands in its middle, its edge round the rim (dashed).\nPeople in several teams stand between them, with a line to each: wider for more time there, dashed where they are on that team's edge.\nColour: discipline · shape: employer · drag to move, scroll to zoom, double-click to fit.",
        egui::FontId::proportional(12.0),
        faint,
    );

    if let Some(placed) = hovered {
        response.on_hover_ui_at_pointer(|ui| person_tooltip(ui, s, placed));
    } else if let Some((cluster, t)) = response.hover_pos().and_then(|pointer| {
        s.map.teams.iter().zip(&s.figures.teams).find(|(c, _)| {
            to_screen(c.centre.x, c.centre.y).distance(pointer) <= c.radius * state.zoom
        })
    }) {
        response.on_hover_ui_at_pointer(|ui| {
            ui.strong(&cluster.name);
            ui.label(format!(
                "{} · {:.1} FTE · {} core, {} on the edge · {} also in other teams",
                crate::format::count(t.headcount, "person", "people"),
                t.team_fte,
                t.core,
                t.peripheral,
                t.shared_people
            ));
        });
    }
}

/// Shared people are labelled on the map when there are no more than this many (or when
/// zoomed in): beyond that the labels would cover the map.
const MAX_NAMED_SHARED: usize = 40;

fn node_radius(placed: &Placed, zoom: f32) -> f32 {
    (crate::analysis::layout::node_radius(placed.total_fte()) * 0.45 * zoom).max(1.5)
}

fn person_tooltip(ui: &mut egui::Ui, s: &Service, placed: &Placed) {
    let person = &s.portfolio.people[placed.person];
    if s.hide_names {
        ui.strong(&person.discipline);
    } else {
        ui.strong(&person.name);
        ui.label(&person.discipline);
    }
    ui.label(&person.agency);
    for post in &placed.posts {
        ui.label(format!(
            "{}: {:.2} FTE, {}",
            s.map.teams[post.team].name,
            post.fte,
            if post.core { "core" } else { "on the edge" }
        ));
    }
}

/// Room either side of the map for a team's name beside its circle.
const MARGIN_SIDE: f32 = 220.0;

fn to_world(state: &ServiceViewState, rect: egui::Rect, screen: Pos2) -> Vec2 {
    (screen - rect.center()) / state.zoom + state.centre
}

/// Zoom and pan so every cluster, and every person, is in the window with room for labels.
fn fit(map: &ServiceMap, rect: egui::Rect, state: &mut ServiceViewState) {
    state.fitted = true;
    let mut points: Vec<Pos2> = map
        .people
        .iter()
        .map(|p| Pos2::new(p.at.x, p.at.y))
        .collect();
    for c in &map.teams {
        points.push(Pos2::new(c.centre.x - c.radius, c.centre.y - c.radius));
        points.push(Pos2::new(c.centre.x + c.radius, c.centre.y + c.radius));
    }
    if points.is_empty() {
        state.centre = Vec2::ZERO;
        state.zoom = 1.0;
        return;
    }
    let bounds = egui::Rect::from_points(&points);
    // Room for the legend above, and for team names above, below and beside their circles.
    let inner = egui::Rect::from_min_max(
        rect.min + Vec2::new(MARGIN_SIDE, 100.0),
        rect.max - Vec2::new(MARGIN_SIDE, 45.0),
    );
    state.zoom = (inner.width().max(50.0) / bounds.width().max(1.0))
        .min(inner.height().max(50.0) / bounds.height().max(1.0))
        .clamp(0.02, 2.0);
    state.centre = bounds.center().to_vec2() - (inner.center() - rect.center()) / state.zoom;
}

fn teams_table(ui: &mut egui::Ui, s: &Service) {
    ui.weak("Each team's people and time counted from its posts. Core: time in the team reaches its threshold. Shared: also in another team.");
    ui.add_space(4.0);
    egui::Grid::new("service_teams")
        .striped(true)
        .num_columns(7)
        .show(ui, |ui| {
            for h in [
                "Team",
                "People",
                "FTE",
                "Core",
                "On the edge",
                "Shared",
                "Largest employer",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for (t, employers) in s.figures.teams.iter().zip(&s.figures.team_employers) {
                ui.label(&t.name);
                ui.label(t.headcount.to_string());
                ui.label(format!("{:.1}", t.team_fte));
                ui.label(t.core.to_string());
                ui.label(t.peripheral.to_string());
                ui.label(t.shared_people.to_string());
                match employers.first() {
                    Some(e) if t.team_fte > 0.0 => {
                        ui.label(format!("{} ({:.0}%)", e.agency, 100.0 * e.fte / t.team_fte));
                    }
                    _ => {
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
    ui.add_space(12.0);
    ui.strong("Across the partnership");
    let total: f64 = s.figures.employers.iter().map(|e| e.fte).sum();
    egui::Grid::new("service_employers")
        .striped(true)
        .show(ui, |ui| {
            for h in ["Employer", "People", "FTE", "Share of time"] {
                ui.strong(h);
            }
            ui.end_row();
            for e in &s.figures.employers {
                ui.label(&e.agency);
                ui.label(e.people.to_string());
                ui.label(format!("{:.1}", e.fte));
                ui.label(match 100.0 * e.fte / total {
                    share if share < 0.5 => "under 1%".to_owned(),
                    share if share.is_finite() => format!("{share:.0}%"),
                    _ => String::new(),
                });
                ui.end_row();
            }
        });
}

fn people_table(ui: &mut egui::Ui, s: &Service) {
    let p = &s.figures.people;
    ui.label(format!(
        "{}: {} in one team, {} in two, {} in three or more.",
        crate::format::count(p.count, "person", "people"),
        p.in_one_team,
        p.in_two_teams,
        p.in_three_or_more
    ));
    if s.hide_names {
        ui.weak("Names are hidden: each person appears by discipline.");
    }
    ui.add_space(4.0);
    let mut shared: Vec<&Placed> = s.map.people.iter().filter(|x| x.is_shared()).collect();
    shared.sort_by(|a, b| {
        b.posts.len().cmp(&a.posts.len()).then_with(|| {
            let (pa, pb) = (&s.portfolio.people[a.person], &s.portfolio.people[b.person]);
            pa.discipline
                .cmp(&pb.discipline)
                .then_with(|| pa.name.cmp(&pb.name))
        })
    });
    if shared.is_empty() {
        ui.label("Nobody works in more than one team.");
        return;
    }
    // Rows as tall as their posts, and only those in view laid out: a service of 50 teams
    // has a thousand people in several.
    let line = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let heights: Vec<f32> = shared
        .iter()
        .map(|x| line * x.posts.len() as f32 + 4.0)
        .collect();
    egui_extras::TableBuilder::new(ui)
        .id_salt("service_people")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Min))
        .column(
            egui_extras::Column::initial(300.0)
                .at_least(120.0)
                .clip(true),
        )
        .column(
            egui_extras::Column::initial(190.0)
                .at_least(80.0)
                .clip(true),
        )
        .column(egui_extras::Column::exact(50.0))
        .column(egui_extras::Column::exact(90.0))
        .column(egui_extras::Column::remainder().at_least(200.0))
        .header(line + 6.0, |mut header| {
            for h in ["Who", "Employer", "Teams", "FTE in teams", "Posts"] {
                header.col(|ui| {
                    ui.strong(h);
                });
            }
        })
        .body(|body| {
            body.heterogeneous_rows(heights.into_iter(), |mut row| {
                let Some(placed) = shared.get(row.index()) else {
                    return;
                };
                let person = &s.portfolio.people[placed.person];
                row.col(|ui| {
                    if s.hide_names {
                        ui.label(&person.discipline);
                    } else {
                        ui.label(format!("{} ({})", person.name, person.discipline));
                    }
                });
                row.col(|ui| {
                    ui.label(&person.agency);
                });
                row.col(|ui| {
                    ui.label(placed.posts.len().to_string());
                });
                row.col(|ui| {
                    ui.label(format!("{:.2}", placed.total_fte()));
                });
                row.col(|ui| {
                    ui.vertical(|ui| {
                        for q in &placed.posts {
                            ui.label(format!(
                                "{}: {:.2}{}",
                                s.map.teams[q.team].name,
                                q.fte,
                                if q.core { "" } else { ", on the edge" }
                            ));
                        }
                    });
                });
            });
        });
}

/// The team × team matrix of shared FTE: each pair's cell shaded by its share of the
/// largest.
fn shared_matrix(ui: &mut egui::Ui, s: &Service) {
    ui.weak("For each pair of teams, the time they share: over the people in both, the smaller of their two FTEs, summed.");
    ui.add_space(4.0);
    if s.figures.shared_fte.is_empty() {
        ui.label("No two teams share anyone.");
        return;
    }
    let names: Vec<&str> = s.figures.teams.iter().map(|t| t.name.as_str()).collect();
    let mut cell: HashMap<(&str, &str), f64> = HashMap::new();
    for pair in &s.figures.shared_fte {
        cell.insert((&pair.team_a, &pair.team_b), pair.fte);
        cell.insert((&pair.team_b, &pair.team_a), pair.fte);
    }
    let largest = s
        .figures
        .shared_fte
        .iter()
        .map(|x| x.fte)
        .fold(0.0_f64, f64::max);
    let accent = ui.visuals().selection.bg_fill;
    // Columns by number, so that long team names do not push the matrix off the window.
    egui::Grid::new("service_shared")
        .num_columns(names.len() + 1)
        .show(ui, |ui| {
            ui.label("");
            for (k, n) in names.iter().enumerate() {
                ui.strong(format!("{}", k + 1)).on_hover_text(*n);
            }
            ui.end_row();
            for (k, a) in names.iter().enumerate() {
                ui.strong(format!("{}. {a}", k + 1));
                for b in &names {
                    if a == b {
                        ui.weak("—");
                        continue;
                    }
                    match cell.get(&(*a, *b)) {
                        Some(&fte) => {
                            let share = if largest > 0.0 { fte / largest } else { 0.0 };
                            egui::Frame::NONE
                                .fill(accent.gamma_multiply(0.2 + 0.8 * share as f32))
                                .inner_margin(4.0)
                                .show(ui, |ui| ui.label(format!("{fte:.2}")));
                        }
                        None => {
                            ui.weak("·");
                        }
                    }
                }
                ui.end_row();
            }
        });
}

fn disciplines_table(ui: &mut egui::Ui, s: &Service) {
    ui.weak("How thinly each discipline is spread: its people, their time over all their teams, the teams each works in on average, and its time per team it works in.");
    ui.add_space(4.0);
    // The teams each discipline is in, for its time per team.
    let mut teams_of: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for placed in &s.map.people {
        let d = s.portfolio.people[placed.person].discipline.as_str();
        teams_of
            .entry(d)
            .or_default()
            .extend(placed.posts.iter().map(|q| q.team));
    }
    let mut rows: Vec<_> = s.figures.disciplines.iter().collect();
    rows.sort_by(|a, b| {
        b.mean_teams_per_person
            .total_cmp(&a.mean_teams_per_person)
            .then_with(|| a.name.cmp(&b.name))
    });
    egui::Grid::new("service_disciplines")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for h in [
                "Discipline",
                "People",
                "FTE in teams",
                "Teams per person",
                "Teams",
                "FTE per team",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for d in rows {
                let teams = teams_of.get(d.name.as_str()).map_or(0, BTreeSet::len);
                ui.horizontal(|ui| {
                    let (r, painter) = ui.allocate_painter(Vec2::splat(10.0), Sense::hover());
                    painter.circle_filled(r.rect.center(), 5.0, s.style.colour(&d.name));
                    ui.label(&d.name);
                });
                ui.label(d.people.to_string());
                ui.label(format!("{:.1}", d.team_fte));
                ui.label(format!("{:.2}", d.mean_teams_per_person));
                ui.label(teams.to_string());
                ui.label(if teams > 0 {
                    format!("{:.2}", d.team_fte / teams as f64)
                } else {
                    String::new()
                });
                ui.end_row();
            }
        });
}

/// A slide of the service's presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slide {
    Title,
    Tab(Tab),
    Findings,
}

impl Slide {
    /// Its name in an exported picture's file name.
    pub fn id(self) -> &'static str {
        match self {
            Self::Title => "service-title",
            Self::Tab(tab) => tab.id(),
            Self::Findings => "service-findings",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Tab(tab) => tab.label(),
            Self::Findings => "What the service's figures say",
        }
    }

    /// What the handout asks the room to discuss under the slide.
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Title => "Which teams make up the service, and who works across them?",
            Self::Tab(Tab::Changes) => "What moved since the snapshot: did the people on the edge come closer in, or go further out?",
            Self::Tab(Tab::Map) => "Who is on the edge of several teams at once, and who speaks for them in each?",
            Self::Findings => "Which of these does the room recognise, and which surprises it?",
            Self::Tab(Tab::Teams) => "Whose people make up each team's core and its edge, and does one employer lead?",
            Self::Tab(Tab::People) => "For those in several teams: where do they belong, and who manages them?",
            Self::Tab(Tab::Shared) => "Which teams share the most time, and do they plan it together?",
            Self::Tab(Tab::Disciplines) => "Which discipline is spread thinnest, and what does that cost the teams and the families?",
            Self::Tab(Tab::Conditions) => "Do the conditions follow the status each profession is seen to have?",
        }
    }
}

/// The service's deck: the title, what changed since the last snapshot (if there is one),
/// the map, the findings, then each table and the conditions (which wait, saying why, where
/// names are hidden and a team's own figures could be subtracted from them).
pub fn slides(s: &Service) -> Vec<Slide> {
    let mut out = vec![Slide::Title];
    if s.changes.is_some() {
        out.push(Slide::Tab(Tab::Changes));
    }
    out.extend([
        Slide::Tab(Tab::Map),
        Slide::Findings,
        Slide::Tab(Tab::Teams),
        Slide::Tab(Tab::People),
        Slide::Tab(Tab::Shared),
        Slide::Tab(Tab::Disciplines),
        Slide::Tab(Tab::Conditions),
    ]);
    out
}

/// Where a slide is drawn: its place in the deck (`k` of `n`, none for a picture of one),
/// and the date it says.
pub struct SlideAt<'a> {
    pub place: Option<(usize, usize)>,
    pub date: &'a str,
}

/// Draw `slide` filling `ui`, in the presentation's zoom, with the step buttons if
/// `controls`. Returns a step when a control was clicked.
pub fn slide(
    ui: &mut egui::Ui,
    s: &Service,
    state: &mut ServiceViewState,
    (slide, at): (Slide, SlideAt<'_>),
    controls: bool,
) -> Option<crate::ui::present::Step> {
    use crate::ui::present::{slide_frame, slide_text, Step};
    let date = at.date;
    let mut step = None;
    slide_text(ui);
    slide_frame().fill(ui.visuals().panel_fill).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        egui::Panel::bottom("service_slide_footer")
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.weak(format!("{} · {date}", s.portfolio.name));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if let Some((k, n)) = at.place {
                            ui.weak(format!("{} / {n}", k + 1));
                        }
                        if s.hide_names {
                            ui.weak("names hidden ·");
                        }
                        if controls {
                            for (text, st) in [
                                ("Leave", Step::Leave),
                                ("Next", Step::Next),
                                ("Previous", Step::Previous),
                            ] {
                                if ui.add(egui::Button::new(text).frame(false)).clicked() {
                                    step = Some(st);
                                }
                            }
                        }
                    });
                });
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match slide {
                Slide::Title => title_slide(ui, s, date),
                Slide::Findings => {
                    ui.heading(RichText::new(slide.title()).strong());
                    ui.add_space(12.0);
                    if s.figures.findings.is_empty() {
                        ui.label("No finding across teams clears its threshold.");
                    }
                    for (k, f) in s.figures.findings.iter().enumerate() {
                        ui.label(RichText::new(format!("{}. {f}", k + 1)).size(20.0));
                        ui.add_space(8.0);
                    }
                }
                Slide::Tab(tab) => {
                    ui.heading(RichText::new(tab.label()).strong());
                    ui.add_space(6.0);
                    tab_body(ui, s, state, tab);
                }
            });
    });
    step
}

fn title_slide(ui: &mut egui::Ui, s: &Service, date: &str) {
    let p = &s.figures.people;
    let fte: f64 = s.figures.teams.iter().map(|t| t.team_fte).sum();
    ui.with_layout(egui::Layout::top_down(egui::Align::Center), |ui| {
        ui.add_space((ui.available_height() * 0.22).max(0.0));
        ui.label(RichText::new(&s.portfolio.name).size(40.0).strong());
        ui.add_space(24.0);
        ui.label(
            RichText::new(format!(
                "{} · {} · {fte:.1} FTE in teams",
                crate::format::count(s.figures.teams.len(), "team", "teams"),
                crate::format::count(p.count, "person", "people"),
            ))
            .size(22.0),
        );
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "{} in one team, {} in two, {} in three or more",
                p.in_one_team, p.in_two_teams, p.in_three_or_more
            ))
            .size(22.0),
        );
        ui.add_space(28.0);
        ui.label(RichText::new(format!("Workshop, {date}")).size(20.0).weak());
        if s.hide_names {
            ui.add_space(6.0);
            ui.label(
                RichText::new("Names are hidden: people appear by discipline.")
                    .size(18.0)
                    .weak(),
            );
        }
    });
}
