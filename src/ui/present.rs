//! Workshop slides: one view per slide (a map layout, a chart, or the title), in large type,
//! with the slide's finding underneath. Used full screen by Present and, window-sized, by the
//! picture and slide exports. Reads the team and analysis it is given: when names are hidden
//! the app passes the anonymised team and the workshop-safe analysis (docs/measures.md), so
//! nothing drawn here can name anyone or give their figures away.

use egui::{Align, FontId, Key, Layout as EguiLayout, Panel, RichText, Vec2};

use super::charts::{self, ChartId};
use super::map::{MapView, Marks};
use super::style;
use crate::analysis::layout::Layout;
use crate::analysis::{slides, Analysis};
use crate::model::{SlideId, Team};

/// The size, in points, a slide is designed for. Present zooms so the screen holds about
/// this much, which makes every text on a 1920×1080 projector about 1.7 times its size in
/// the editor.
const SLIDE_POINTS: Vec2 = Vec2::new(1100.0, 640.0);

/// What a slide shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlideView {
    Title,
    Map(Layout),
    Chart(ChartId),
    /// The team against its latest snapshot: findings and slope charts, or the map.
    Changes,
    ChangesMap,
}

pub fn view_of(slide: SlideId) -> SlideView {
    match slide {
        SlideId::Title => SlideView::Title,
        SlideId::Map => SlideView::Map(Layout::Free),
        SlideId::MapRings => SlideView::Map(Layout::Rings),
        SlideId::MapLadder => SlideView::Map(Layout::Ladder),
        SlideId::Chart(chart) => SlideView::Chart(chart),
        SlideId::Changes => SlideView::Changes,
        SlideId::ChangesMap => SlideView::ChangesMap,
    }
}

/// The slide that shows a map layout (for exporting the current view).
pub fn slide_of_map(layout: Layout) -> SlideId {
    match layout {
        Layout::Free => SlideId::Map,
        Layout::Rings => SlideId::MapRings,
        Layout::Ladder => SlideId::MapLadder,
    }
}

/// A step through the presentation, from a key or a button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
    First,
    Last,
    Leave,
    ToggleNames,
    /// Start a perception round: the kiosk takes the screen, and the presentation resumes
    /// on "Seen versus given" when the facilitator ends it.
    RunRound,
}

/// The presentation in progress.
pub struct Presenter {
    pub index: usize,
    pub hide_names: bool,
    pub map: MapView,
    /// The zoom before presenting, put back on leaving.
    pub previous_zoom: f32,
}

impl Presenter {
    pub fn new(hide_names: bool, previous_zoom: f32) -> Self {
        Self {
            index: 0,
            hide_names,
            map: read_only_map(),
            previous_zoom,
        }
    }
}

pub fn read_only_map() -> MapView {
    let mut map = MapView::default();
    map.read_only = true;
    map.text_scale = 1.3;
    map
}

/// Consume the presentation's keys: arrows, Page Up/Down, Space, Home/End, Esc, H and
/// Ctrl+Shift+R.
pub fn keys(ctx: &egui::Context) -> Vec<Step> {
    const KEYS: [(Key, Step); 10] = [
        (Key::ArrowRight, Step::Next),
        (Key::PageDown, Step::Next),
        (Key::Space, Step::Next),
        (Key::ArrowLeft, Step::Previous),
        (Key::PageUp, Step::Previous),
        (Key::Backspace, Step::Previous),
        (Key::Home, Step::First),
        (Key::End, Step::Last),
        (Key::Escape, Step::Leave),
        (Key::H, Step::ToggleNames),
    ];
    ctx.input_mut(|i| {
        let mut steps: Vec<Step> = KEYS
            .iter()
            .filter(|(key, _)| i.consume_key(egui::Modifiers::NONE, *key))
            .map(|(_, step)| *step)
            .collect();
        // The editor's shortcut for a round works here too.
        if i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::R) {
            steps.push(Step::RunRound);
        }
        steps
    })
}

/// The zoom that makes the window hold about [`SLIDE_POINTS`]: large type on a projector,
/// never smaller than the editor's.
pub fn slide_zoom(ctx: &egui::Context) -> f32 {
    let physical = ctx.content_rect().size() * ctx.pixels_per_point();
    let native = ctx.native_pixels_per_point().unwrap_or(1.0).max(0.25);
    (physical.x / native / SLIDE_POINTS.x)
        .min(physical.y / native / SLIDE_POINTS.y)
        .clamp(1.0, 3.0)
}

/// Everything a slide needs besides the map's own state.
pub struct SlideContent<'a> {
    /// The team as the room may see it (anonymised when names are hidden).
    pub team: &'a Team,
    /// Its analysis (with small groups' pay withheld when names are hidden).
    pub analysis: &'a Analysis,
    pub revision: u64,
    /// This slide's place, from 1, and how many there are.
    pub number: usize,
    pub total: usize,
    pub hide_names: bool,
    pub date: &'a str,
    /// The sentence underneath (slides; see `slides::captions`), or none (a single
    /// picture of the view).
    pub caption: Option<slides::Caption>,
    /// The question the slide puts to the room (slides only).
    pub prompt: Option<String>,
    /// Buttons to step and leave (on screen, not in exported pictures).
    pub controls: bool,
}

/// Text sizes on a slide, in points before Present's zoom.
const TITLE_SIZE: f32 = 26.0;
const BODY_SIZE: f32 = 16.0;
const CAPTION_SIZE: f32 = 21.0;
const NOTE_SIZE: f32 = 14.0;

/// The type sizes of a slide, set on `ui`: large enough for the back of a room.
pub fn slide_text(ui: &mut egui::Ui) {
    let mut style = (**ui.style()).clone();
    for (text_style, size) in [
        (egui::TextStyle::Heading, TITLE_SIZE),
        (egui::TextStyle::Body, BODY_SIZE),
        (egui::TextStyle::Button, BODY_SIZE),
        (egui::TextStyle::Small, NOTE_SIZE),
    ] {
        style
            .text_styles
            .insert(text_style, FontId::proportional(size));
    }
    ui.set_style(style);
}

/// A slide's margins (its fill is the caller's panel colour).
pub fn slide_frame() -> egui::Frame {
    egui::Frame::NONE.inner_margin(egui::Margin::symmetric(28, 18))
}

/// Draw one slide filling `ui`. Returns a step when a control was clicked.
pub fn show_slide(
    ui: &mut egui::Ui,
    slide: SlideId,
    map: &mut MapView,
    c: &SlideContent,
) -> Option<Step> {
    slide_text(ui);
    let mut step = None;
    slide_frame().fill(ui.visuals().panel_fill).show(ui, |ui| {
        ui.set_min_size(ui.available_size());
        Panel::bottom("slide_footer")
            .frame(egui::Frame::NONE)
            .show_separator_line(false)
            .show(ui, |ui| {
                caption(ui, slide, c);
                step = footer(ui, c);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match view_of(slide) {
                SlideView::Title => title(ui, c),
                SlideView::Map(layout) => map_slide(ui, slide, layout, map, c),
                SlideView::Chart(chart) => {
                    charts::show_chart(ui, chart, c.team, c.analysis);
                }
                SlideView::Changes | SlideView::ChangesMap => changes_slide(ui, slide, c),
            });
    });
    step
}

/// The team against its latest snapshot. `c.team` is the team as the room may see it, its
/// snapshots anonymised with it when names are hidden; the comparison is the analysis's.
fn changes_slide(ui: &mut egui::Ui, slide: SlideId, c: &SlideContent) {
    use crate::analysis::compare::Measure;
    let (Some(changes), Some(snapshot)) = (&c.analysis.changes, c.team.snapshots.last()) else {
        ui.label(RichText::new("What changed").heading().strong());
        ui.label("This team has no snapshot to compare with yet: Edit › Save snapshot… keeps the team as it is, to compare with later.");
        return;
    };
    let old = &*snapshot.team;
    let subtitle = format!(
        "Then: {}, {} members, {:.1} FTE. Now: {} members, {:.1} FTE.{}",
        changes.old.title,
        changes.old.headcount,
        changes.old.team_fte,
        changes.new.headcount,
        changes.new.team_fte,
        crate::analysis::slides::involvement_words(snapshot)
    );
    if slide == SlideId::ChangesMap {
        ui.label(
            RichText::new("Who joined, who left, and who moved between the core and the edge")
                .heading()
                .strong(),
        );
        ui.label(RichText::new(subtitle).weak());
        let labels = c
            .hide_names
            .then(|| crate::model::presentation::display_labels(c.team));
        super::compare::map(ui, changes, old, c.team, labels.as_ref());
        return;
    }
    ui.label(
        RichText::new(format!("What changed since “{}”", snapshot.label))
            .heading()
            .strong(),
    );
    ui.label(RichText::new(format!("{subtitle} Figures are absolute: the conditions index, relative to each version's own team, is not compared.")).weak());
    ui.add_space(6.0);
    ui.columns(2, |cols| {
        // The team line is in the subtitle; the rest, as many as fit a slide.
        let mut shown = changes.clone();
        shown.findings = changes.findings.iter().skip(1).take(7).cloned().collect();
        super::compare::findings(&mut cols[0], &shown, 15.0);
        super::compare::slopes(
            &mut cols[1],
            changes,
            (old, c.team),
            &[
                Measure::TeamFte,
                Measure::CoreShare,
                Measure::Pay,
                Measure::Headcount,
            ],
            2,
            13.0,
        );
    });
}

fn title(ui: &mut egui::Ui, c: &SlideContent) {
    let a = c.analysis;
    let agencies = a
        .agencies
        .iter()
        .filter(|x| x.figures.headcount > 0)
        .count();
    let disciplines = a
        .disciplines
        .iter()
        .filter(|d| d.figures.headcount > 0)
        .count();
    ui.with_layout(EguiLayout::top_down(Align::Center), |ui| {
        ui.add_space((ui.available_height() * 0.22).max(0.0));
        ui.label(RichText::new(&c.team.name).size(46.0).strong());
        ui.add_space(10.0);
        ui.label(RichText::new(c.team.service.label()).size(24.0));
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "Outcomes framework: {}",
                crate::model::framework::dated(c.team.framework)
            ))
            .size(20.0)
            .weak(),
        );
        ui.add_space(24.0);
        ui.label(
            RichText::new(format!(
                "{} members · {agencies} agencies · {disciplines} disciplines · {:.1} FTE in the team",
                a.headcount, a.team_fte
            ))
            .size(22.0),
        );
        ui.add_space(8.0);
        ui.label(
            RichText::new(format!(
                "{} core and {} peripheral members",
                a.core_periphery.core.headcount, a.core_periphery.peripheral.headcount
            ))
            .size(22.0),
        );
        ui.add_space(28.0);
        ui.label(RichText::new(format!("Workshop, {}", c.date)).size(20.0).weak());
        if c.hide_names {
            ui.add_space(6.0);
            ui.label(
                RichText::new("Names are hidden: members appear by job title or number.")
                    .size(18.0)
                    .weak(),
            );
        }
    });
}

fn map_slide(
    ui: &mut egui::Ui,
    slide: SlideId,
    layout: Layout,
    map: &mut MapView,
    c: &SlideContent,
) {
    let (heading, subtitle) = match slide {
        SlideId::MapRings => (
            "Core and periphery: who is at the centre of the team, who is on its edge".to_owned(),
            format!("Inner circle: core members ({} FTE or more in this team). Further out: less of their week spent here. Colour is the discipline, shape the agency.", c.team.core_threshold),
        ),
        SlideId::MapLadder if c.analysis.min_group().is_some() => (
            "The conditions ladder: one mark per discipline".to_owned(),
            "Higher up means better conditions: pay, leave, training and autonomy ranked in the team, averaged over the discipline. Names are hidden, so nobody is placed at their own height.".to_owned(),
        ),
        SlideId::MapLadder => (
            "The conditions ladder, member by member".to_owned(),
            "Higher up means better conditions (pay, leave, training and autonomy ranked in the team). Disciplines run across; colour is the discipline, shape the agency.".to_owned(),
        ),
        _ => (
            "The team as drawn: who works here and who manages whom".to_owned(),
            "Colour is the discipline, shape the agency, size the time spent in this team; a dashed outline is a part-time or split post; arrows run from line manager to report.".to_owned(),
        ),
    };
    ui.label(RichText::new(heading).heading().strong());
    ui.label(RichText::new(subtitle).weak());
    ui.add_space(4.0);
    // One mark per discipline has no agency shapes or outlines to explain. Otherwise the
    // key stands in a column on the right, so the map has the slide's whole height.
    if !(slide == SlideId::MapLadder && c.analysis.min_group().is_some()) {
        Panel::right("slide_legend")
            .frame(egui::Frame::NONE.inner_margin(egui::Margin {
                left: 12,
                ..Default::default()
            }))
            .resizable(false)
            .exact_size(230.0)
            .show_separator_line(false)
            .show(ui, |ui| legend(ui, c.team));
    }
    if map.layout != layout {
        map.layout = layout;
        map.fit();
    }
    // A new window size (entering full screen, a resize) needs the team fitted again.
    let size = ui.available_size();
    if (map.rect().size() - size).length() > 1.0 {
        map.fit();
    }
    if slide == SlideId::MapLadder && c.analysis.min_group().is_some() {
        super::charts::ladder_marks(ui, c.team, c.analysis);
        return;
    }
    let mut ignored = Vec::new();
    map.show(
        ui,
        c.team,
        c.analysis,
        c.revision,
        &mut Marks::default(),
        &mut ignored,
    );
}

/// Agency shapes and part-time outlines, so the room can read the map without the editor:
/// one to a line, in a column beside the map.
fn legend(ui: &mut egui::Ui, team: &Team) {
    let used: Vec<(usize, &crate::model::Agency)> = team
        .agencies
        .iter()
        .enumerate()
        .filter(|(_, a)| team.members.iter().any(|m| m.agency == a.id))
        .collect();
    ui.vertical(|ui| {
        ui.label(RichText::new("Key").weak());
        let colour = ui.visuals().text_color();
        let weak = ui.visuals().weak_text_color();
        let entry = |ui: &mut egui::Ui, shape: style::AgencyShape, dashed: bool, text: &str| {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(Vec2::splat(22.0), egui::Sense::hover());
                style::draw_node(
                    ui.painter(),
                    shape,
                    rect.center(),
                    8.0,
                    weak.gamma_multiply(0.4),
                    egui::Stroke::new(1.6, colour),
                    dashed,
                );
                ui.add(egui::Label::new(text).wrap());
            });
        };
        for (i, agency) in used {
            entry(ui, style::AgencyShape::for_index(i), false, &agency.name);
        }
        entry(
            ui,
            style::AgencyShape::Circle,
            true,
            "part-time or split post",
        );
    });
}

fn caption(ui: &mut egui::Ui, slide: SlideId, c: &SlideContent) {
    let a = c.analysis;
    let text = c.caption.clone();
    let hidden = slides::withheld(slide, a);
    let pay_note = (!hidden.is_empty()).then_some(hidden);
    if text.is_none() && pay_note.is_none() && c.prompt.is_none() {
        return;
    }
    ui.add_space(6.0);
    egui::Frame::NONE
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(6.0)
        .inner_margin(egui::Margin::symmetric(16, 10))
        .show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            if let Some(text) = text {
                let rich = RichText::new(text.text).size(CAPTION_SIZE);
                ui.label(if text.is_finding { rich.strong() } else { rich });
            }
            if let Some(prompt) = &c.prompt {
                ui.label(
                    RichText::new(format!("To discuss: {prompt}"))
                        .size(CAPTION_SIZE - 2.0)
                        .italics(),
                );
            }
            if let Some(hidden) = pay_note {
                ui.label(
                    RichText::new(format!(
                        "Names are hidden, so no figure is shown for groups of {} people or whose figures would give one person's away: {}.",
                        crate::analysis::report::withheld(a),
                        hidden.join(", ")
                    ))
                    .size(NOTE_SIZE)
                    .weak(),
                );
            }
        });
}

fn footer(ui: &mut egui::Ui, c: &SlideContent) -> Option<Step> {
    let mut step = None;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let weak = ui.visuals().weak_text_color();
        ui.label(
            RichText::new(format!("{} · {}", c.team.name, c.date))
                .size(NOTE_SIZE)
                .color(weak),
        );
        ui.with_layout(EguiLayout::right_to_left(Align::Center), |ui| {
            ui.label(
                RichText::new(format!("{} / {}", c.number, c.total))
                    .size(NOTE_SIZE)
                    .color(weak),
            );
            if c.hide_names {
                ui.label(RichText::new("names hidden ·").size(NOTE_SIZE).color(weak));
            }
            if c.controls {
                ui.add_space(12.0);
                for (text, s, tip) in [
                    ("Leave", Step::Leave, "Leave the presentation (Esc)"),
                    (
                        "Next",
                        Step::Next,
                        "Next slide (Right arrow, Page Down, Space)",
                    ),
                    (
                        "Previous",
                        Step::Previous,
                        "Previous slide (Left arrow, Page Up)",
                    ),
                ] {
                    if ui
                        .add(egui::Button::new(RichText::new(text).size(NOTE_SIZE)).frame(false))
                        .on_hover_text(tip)
                        .clicked()
                    {
                        step = Some(s);
                    }
                }
                if ui
                    .add(egui::Button::new(RichText::new("Run a round").size(NOTE_SIZE)).frame(false))
                    .on_hover_text("Pass the laptop round for anonymous ratings of each profession (Ctrl+Shift+R); Ctrl+Shift+E ends the round and comes back here")
                    .clicked()
                {
                    step = Some(Step::RunRound);
                }
                let names = if c.hide_names {
                    "Show names"
                } else {
                    "Hide names"
                };
                if ui
                    .add(egui::Button::new(RichText::new(names).size(NOTE_SIZE)).frame(false))
                    .on_hover_text("H")
                    .clicked()
                {
                    step = Some(Step::ToggleNames);
                }
            }
        });
    });
    step
}

/// A picture of what is on screen, cut to `rect` (in points) and scaled by the screen's
/// pixels per point.
pub fn crop(image: &egui::ColorImage, rect: egui::Rect, pixels_per_point: f32) -> egui::ColorImage {
    let [w, h] = image.size;
    let clamp = |v: f32, max: usize| (v.round().max(0.0) as usize).min(max);
    let (x0, y0) = (
        clamp(rect.min.x * pixels_per_point, w),
        clamp(rect.min.y * pixels_per_point, h),
    );
    let (x1, y1) = (
        clamp(rect.max.x * pixels_per_point, w).max(x0),
        clamp(rect.max.y * pixels_per_point, h).max(y0),
    );
    let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for y in y0..y1 {
        pixels.extend_from_slice(&image.pixels[y * w + x0..y * w + x1]);
    }
    egui::ColorImage::new([x1 - x0, y1 - y0], pixels)
}
