//! The team map: members as nodes on a canvas, line management as arrows, in one of three
//! layouts. It reads the team and queues [`Edit`]s; it never changes the team itself.

use std::collections::{BTreeSet, HashMap};

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::style;
use crate::analysis::layout::{self, Guides, Layout, Placement};
use crate::analysis::Analysis;
use crate::document::Edit;
use crate::model::{AgencyId, LineManager, MemberId, MemberIndex, Position, Team};

/// Teams up to this size have a focusable, described node per member on the map.
const MAX_KEYBOARD_NODES: usize = 300;
/// One member as a frame drew it, in screen points.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnMember {
    pub id: MemberId,
    pub node: Rect,
    /// The label's box and what it says, unless it gave way.
    pub label: Option<(Rect, String)>,
}

/// Where a frame of the map put every member, label and external manager's box.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnLayout {
    pub view: Layout,
    pub members: Vec<DrawnMember>,
    pub external_boxes: Vec<Rect>,
}

impl DrawnLayout {
    /// The `--dump-layout` JSON: `{"view", "members": [{"id", "node", "label",
    /// "label_text"}], "external_managers": [{"box"}]}`, rectangles as `[x0, y0, x1, y1]`.
    pub fn to_json(&self) -> serde_json::Value {
        let rect = |r: &Rect| serde_json::json!([r.min.x, r.min.y, r.max.x, r.max.y]);
        serde_json::json!({
            "view": self.view.id(),
            "members": self.members.iter().map(|m| serde_json::json!({
                "id": m.id.0,
                "node": rect(&m.node),
                "label": m.label.as_ref().map(|(r, _)| rect(r)),
                "label_text": m.label.as_ref().map(|(_, t)| t.clone()),
            })).collect::<Vec<_>>(),
            "external_managers": self.external_boxes.iter().map(|b| serde_json::json!({"box": rect(b)})).collect::<Vec<_>>(),
        })
    }
}

/// How far an arrow key moves the selected members, in map units; with Shift.
const NUDGE: f32 = 10.0;
const NUDGE_FAR: f32 = 50.0;

/// What a screen reader says of a member: name (or the hidden-name label, in an
/// anonymised team), discipline, agency, time in this team, core or peripheral.
pub fn describe(team: &Team, m: &crate::model::Member) -> String {
    let discipline = team
        .discipline(m.discipline)
        .map_or("?", |d| d.name.as_str());
    let agency = team.agency(m.agency).map_or("?", |a| a.name.as_str());
    let core = team.is_core(m);
    format!(
        "{}: {discipline}, {agency}, {:.2} FTE in this team, {}",
        if m.name.is_empty() {
            "Unnamed member"
        } else {
            &m.name
        },
        m.team_fte(),
        if core { "core" } else { "peripheral" }
    )
}

/// A crowded label's last resort: the initials of a name ("Dr Ben Osei" → "BO"), leaving
/// out titles; a numbered label keeps its number ("Member 12" → "M12").
fn initials(name: &str) -> String {
    const TITLES: [&str; 6] = ["Dr", "PC", "Mr", "Mrs", "Ms", "Prof"];
    if let Some((word, number)) = name.rsplit_once(' ') {
        if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
            let first: String = word.chars().take(1).collect();
            return format!("{first}{number}");
        }
    }
    if name.chars().count() <= 4 {
        return name.to_owned();
    }
    // Words in brackets ("(seconded)") and titles are left out.
    let letters: String = name
        .split_whitespace()
        .filter(|w| !w.starts_with('(') && !TITLES.contains(&w.trim_end_matches('.')))
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .flat_map(char::to_uppercase)
        .take(3)
        .collect();
    if letters.is_empty() {
        name.to_owned()
    } else {
        letters
    }
}

/// Length of an arrowhead on screen, whatever the zoom.
const ARROW_HEAD: f32 = 9.0;

/// A line from `start` whose head, a filled triangle of fixed size, touches `end`.
fn arrow(painter: &egui::Painter, start: Pos2, end: Pos2, stroke: Stroke) {
    let dir = (end - start).normalized();
    let base = end - dir * ARROW_HEAD;
    painter.line_segment([start, base], stroke);
    let side = dir.rot90() * (ARROW_HEAD * 0.45);
    painter.add(Shape::convex_polygon(
        vec![end, base + side, base - side],
        stroke.color,
        Stroke::NONE,
    ));
}

/// Seconds a layout switch takes to animate.
const ANIMATION_SECONDS: f64 = 0.35;
/// Below this on-screen radius, labels are left out unless hovered or selected.
const MIN_RADIUS_FOR_LABELS: f32 = 7.0;
/// A member's node is a target (for the keyboard, a screen reader, and labels to keep off)
/// at least this big in radius, however small it is painted.
const MIN_TARGET_RADIUS: f32 = 6.0;
/// Teams up to this size may have labels stand off on leader lines (see `draw_nodes`).
const MAX_LEADER_LABELS: usize = 100;
/// Text size in the external managers' boxes, before the map's text scale, and the space
/// between two boxes.
const EXTERNAL_BOX_TEXT: f32 = 12.0;
const EXTERNAL_BOX_GAP: f32 = 6.0;
/// The ladder's discipline names slope down to the left at this angle (radians), where
/// they do not lie flat.
const COLUMN_NAME_SLOPE: f32 = -0.6;
const MIN_ZOOM: f32 = 0.02;
/// Above this many members, line management is drawn only for the selection.
const MAX_LINKS_DRAWN: usize = 600;
/// Below this on-screen radius a node is a plain square in one shared mesh: shapes and
/// dashes cannot be told apart that small, and thousands of outlined polygons are slow.
const TINY_RADIUS: f32 = 6.0;
/// More members than this on screen at once are all drawn as small squares (a 2,000-member
/// team keeps its shapes, outlines and labels).
const MAX_DETAILED_NODES: usize = 2_500;
const MAX_ZOOM: f32 = 6.0;
/// Selected or highlighted members beyond this many (Ctrl+A on a large team) are marked by
/// colour alone: a full node, handle and label each would cost a frame seconds.
const MAX_MARKED_IN_DETAIL: usize = 300;

#[derive(Clone, Debug, PartialEq)]
enum Drag {
    None,
    Pan,
    /// Moving the selection; `offset` is in world units.
    Move {
        ids: Vec<MemberId>,
        offset: Vec2,
    },
    /// From a member's handle towards their line manager.
    Link {
        from: MemberId,
        to: Pos2,
    },
    /// A rubber band, in screen coordinates.
    Band {
        start: Pos2,
        now: Pos2,
    },
}

struct Animation {
    from: HashMap<MemberId, Pos2>,
    start: f64,
}

pub struct MapView {
    pub layout: Layout,
    pub selection: BTreeSet<MemberId>,
    /// Members to highlight (from a chart or a finding).
    pub highlight: BTreeSet<MemberId>,
    /// The world point at the centre of the map, and pixels per world unit.
    centre: Vec2,
    zoom: f32,
    fit_pending: bool,
    drag: Drag,
    animation: Option<Animation>,
    /// The layout's positions, for (team revision, layout, the map's shape).
    placement: Option<((u64, Layout, u32), Placement)>,
    /// Members by id for the team drawn at this revision: lookups never scan the team.
    index: Option<(u64, MemberIndex)>,
    /// What was drawn last frame, in world coordinates: where an animation starts, and
    /// where tests find members.
    shown: HashMap<MemberId, Pos2>,
    last_rect: Rect,
    /// The world position under the pointer, if it is over the map.
    pub pointer_world: Option<Position>,
    /// Handles drawn last frame, on screen.
    handle_hits: Vec<(MemberId, Pos2)>,
    /// A picture to look at (a workshop slide, an export): no editing, panning or tooltips.
    pub read_only: bool,
    /// Keep what each frame drew where ([`DrawnLayout`]): for `--dump-layout`.
    pub record_layout: bool,
    drawn: Option<DrawnLayout>,
    /// The ids of this frame's member nodes (focusable, in the accessibility tree), so the
    /// app can tell a member with the keyboard from a field being typed into.
    member_nodes: HashMap<egui::Id, MemberId>,
    /// Labels and guide text are this many times their editor size (larger on slides).
    pub text_scale: f32,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            layout: Layout::Free,
            selection: BTreeSet::new(),
            highlight: BTreeSet::new(),
            centre: Vec2::ZERO,
            zoom: 1.0,
            fit_pending: true,
            drag: Drag::None,
            animation: None,
            placement: None,
            index: None,
            shown: HashMap::new(),
            last_rect: Rect::NOTHING,
            pointer_world: None,
            handle_hits: Vec::new(),
            read_only: false,
            member_nodes: HashMap::new(),
            record_layout: false,
            drawn: None,
            text_scale: 1.0,
        }
    }
}

impl MapView {
    pub fn set_layout(&mut self, layout: Layout, now: f64) {
        if layout != self.layout {
            self.animation = Some(Animation {
                from: self.shown.clone(),
                start: now,
            });
            self.layout = layout;
            self.fit_pending = true;
        }
    }

    pub fn fit(&mut self) {
        self.fit_pending = true;
    }

    /// The world position at the centre of the map: where `N` adds a member when the
    /// pointer is elsewhere.
    pub fn centre_world(&self) -> Position {
        Position {
            x: self.centre.x,
            y: self.centre.y,
        }
    }

    /// On-screen radius of a node. On the free map it grows with the square root of the
    /// zoom, so members stay visible when a large team is zoomed out and do not balloon when
    /// zoomed in. Rings and ladder are spread for nodes of a size in map units, so there they
    /// scale with the picture.
    fn screen_radius(&self, team_fte: f64) -> f32 {
        let scale = match self.placement.as_ref().and_then(|(_, p)| p.node_scale) {
            Some(s) => self.zoom * s,
            None => self.zoom.sqrt(),
        };
        (layout::node_radius(team_fte) * scale).max(3.0)
    }

    fn to_screen(&self, world: Pos2) -> Pos2 {
        self.last_rect.center() + (world.to_vec2() - self.centre) * self.zoom
    }

    fn to_world(&self, screen: Pos2) -> Pos2 {
        ((screen - self.last_rect.center()) / self.zoom + self.centre).to_pos2()
    }

    /// The map's area on screen last frame.
    pub fn rect(&self) -> Rect {
        self.last_rect
    }

    /// The member whose line-management handle is under a screen point, if any.
    pub fn handle_under(&self, screen: Pos2) -> Option<MemberId> {
        self.handle_hits
            .iter()
            .find(|(_, p)| p.distance(screen) <= 7.0)
            .map(|(id, _)| *id)
    }

    /// Where a member was drawn last frame, on screen (for tests and tooltips).
    pub fn screen_pos(&self, id: MemberId) -> Option<Pos2> {
        self.shown.get(&id).map(|w| self.to_screen(*w))
    }

    /// The index of `team` at `revision`, rebuilt when the team changes.
    fn refresh_index(&mut self, team: &Team, revision: u64) {
        if !matches!(&self.index, Some((r, _)) if *r == revision) {
            self.index = Some((revision, MemberIndex::of(team)));
        }
    }

    fn member<'a>(&self, team: &'a Team, id: MemberId) -> Option<&'a crate::model::Member> {
        self.index.as_ref()?.1.get(team, id)
    }

    fn placement(&mut self, team: &Team, analysis: &Analysis, revision: u64) -> &Placement {
        // The ladder takes the shape of the map, less the room its axis and names need, in
        // steps of a twentieth (so resizing the window does not lay it out every frame).
        let room = self.last_rect.size() - Vec2::new(150.0, 130.0) * self.text_scale;
        let aspect = if self.layout == Layout::Ladder {
            (room.y.max(1.0) / room.x.max(1.0) * 20.0).round() / 20.0
        } else {
            0.0
        };
        let key = (revision, self.layout, aspect.to_bits());
        let stale = !matches!(&self.placement, Some((k, _)) if *k == key);
        if stale {
            // A new shape of map (the window resized, a panel opened) lays the ladder out
            // anew, and the picture is fitted to it again.
            if matches!(&self.placement, Some(((r, l, _), _)) if *r == revision && *l == self.layout)
            {
                self.fit_pending = true;
            }
            let placement = layout::place_in(team, analysis, self.layout, aspect);
            self.placement = Some((key, placement));
        }
        match &self.placement {
            Some((_, p)) => p,
            None => unreachable_placement(),
        }
    }

    /// Zoom and pan so `points` fill `rect`, less a margin in screen pixels (left, right,
    /// top, bottom) for labels drawn around them.
    fn fit_to(&mut self, points: &[Pos2], rect: Rect, margin: [f32; 4]) {
        if points.is_empty() {
            self.centre = Vec2::ZERO;
            self.zoom = 1.0;
            return;
        }
        let bounds = Rect::from_points(points).expand(30.0);
        let inner = Rect::from_min_max(
            rect.min + Vec2::new(margin[0], margin[2]),
            rect.max - Vec2::new(margin[1], margin[3]),
        );
        let zoom = (inner.width().max(50.0) / bounds.width())
            .min(inner.height().max(50.0) / bounds.height());
        self.zoom = zoom.clamp(MIN_ZOOM, 1.6);
        // Centre the bounds in the inner rect, not the whole one.
        let shift = (inner.center() - rect.center()) / self.zoom;
        self.centre = bounds.center().to_vec2() - shift;
    }

    /// Draw the map and handle its input. Changes to the team go into `edits`.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        team: &Team,
        analysis: &Analysis,
        revision: u64,
        edits: &mut Vec<Edit>,
    ) {
        let sense = if self.read_only {
            Sense::hover()
        } else {
            Sense::click_and_drag()
        };
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), sense);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Team map"));
        self.last_rect = rect;
        self.refresh_index(team, revision);
        let now = ui.input(|i| i.time);
        let target: HashMap<MemberId, Pos2> = self
            .placement(team, analysis, revision)
            .positions
            .iter()
            .map(|(id, p)| (*id, Pos2::new(p.x, p.y)))
            .collect();
        let guides = self.placement(team, analysis, revision).guides.clone();

        // Animate from what was shown to the new layout.
        let mut world = target.clone();
        if let Some(anim) = &self.animation {
            let t = ((now - anim.start) / ANIMATION_SECONDS).clamp(0.0, 1.0) as f32;
            let eased = 1.0 - (1.0 - t).powi(3);
            for (id, to) in &mut world {
                if let Some(from) = anim.from.get(id) {
                    *to = from.lerp(*to, eased);
                }
            }
            if t >= 1.0 {
                self.animation = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
        if let Drag::Move { ids, offset } = &self.drag {
            for id in ids {
                if let Some(p) = world.get_mut(id) {
                    *p += *offset;
                }
            }
        }
        if self.fit_pending {
            let mut points: Vec<Pos2> = target.values().copied().collect();
            // The rings themselves belong in the picture, with their labels below them.
            if let Guides::Rings(rings) = &guides {
                let outermost = rings.iter().map(|(r, _)| *r).fold(0.0, f32::max);
                let reach = points
                    .iter()
                    .map(|p| p.to_vec2().length())
                    .fold(layout::CORE_RADIUS, f32::max);
                let r = outermost.min(reach + 40.0);
                points.extend([Pos2::new(-r, -r), Pos2::new(r, r)]);
            }
            // The whole conditions axis, 0 to 1, belongs in the picture, across every column.
            if let Guides::Ladder { columns, height } = &guides {
                if let (Some(first), Some(last)) = (columns.first(), columns.last()) {
                    points.extend([Pos2::new(first.1, -height), Pos2::new(last.1, 0.0)]);
                }
            }
            // Room for what is drawn around the members: external managers in the free
            // layout, ring labels, the axis and discipline names in the ladder.
            let externals = team
                .members
                .iter()
                .any(|m| matches!(m.line_manager, LineManager::External { .. }));
            let margin = match self.layout {
                Layout::Free if externals => [
                    40.0,
                    self.external_box_width(ui.painter(), team, rect) + 40.0,
                    40.0,
                    50.0,
                ],
                Layout::Free => [60.0, 60.0, 30.0, 50.0],
                Layout::Rings => [40.0, 40.0, 20.0, 40.0],
                // Sloped discipline names need room to the left and below (see
                // `sloped_names_margin`); first for names on one line.
                Layout::Ladder => match &guides {
                    Guides::Ladder { columns, .. } => {
                        self.sloped_names_margin(ui.painter(), columns, analysis, false)
                    }
                    _ => [60.0, 30.0, 50.0, 60.0],
                },
            };
            // Where the columns stand far enough apart for their names to lie flat under
            // them (a slide, a wide window), the ladder is fitted with room for three lines
            // of names under it instead of the sloped names' room: it is larger so.
            let flat = match &guides {
                Guides::Ladder { columns, .. } => {
                    let line = 13.0 * self.text_scale * 1.3;
                    let flat_margin = [
                        (60.0 * self.text_scale).max(margin[0] * 0.4),
                        60.0,
                        50.0,
                        self.column_names_drop() + 3.0 * line + 30.0,
                    ];
                    self.fit_to(&points, rect, flat_margin);
                    self.flat_column_names(ui.painter(), columns, analysis)
                        .is_some()
                }
                _ => false,
            };
            if !flat {
                self.fit_to(&points, rect, margin);
                // Where the columns stand far enough apart, long names take two lines, and
                // the room they give back makes the ladder larger (and the columns further
                // apart still).
                if let Guides::Ladder { columns, .. } = &guides {
                    if self.two_line_names(columns) {
                        let margin =
                            self.sloped_names_margin(ui.painter(), columns, analysis, true);
                        self.fit_to(&points, rect, margin);
                    }
                }
            }
            self.fit_pending = false;
        }

        if !self.read_only {
            self.handle_input(ui, &response, team, &world, edits);
        }
        self.member_nodes(ui, rect, team, &world, edits);

        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);
        // Where members are drawn, so the rings' labels can keep clear of them.
        let rings = matches!(guides, Guides::Rings(_));
        let node_rects: Vec<Rect> = if rings && team.members.len() <= MAX_KEYBOARD_NODES {
            team.members
                .iter()
                .filter_map(|m| {
                    let p = world.get(&m.id)?;
                    let r = self.screen_radius(m.team_fte()) + 2.0;
                    Some(Rect::from_center_size(
                        self.to_screen(*p),
                        Vec2::splat(2.0 * r),
                    ))
                })
                .collect()
        } else {
            Vec::new()
        };
        let guide_texts = self.draw_guides(&painter, &guides, analysis, &visuals, &node_rects);
        // Line management belongs to the free layout; elsewhere it would only add noise.
        let manager_boxes = if self.layout == Layout::Free {
            self.draw_links(&painter, team, &world, &visuals)
        } else {
            Vec::new()
        };
        let labels = self.draw_nodes(
            ui,
            &painter,
            team,
            analysis,
            &world,
            &visuals,
            response.hover_pos().filter(|_| !self.read_only),
            &[manager_boxes.as_slice(), &guide_texts].concat(),
        );
        if self.record_layout {
            self.drawn = Some(self.drawn_layout(team, &world, labels, manager_boxes));
        }
        match &self.drag {
            Drag::Band { start, now } => {
                let band = Rect::from_two_pos(*start, *now);
                painter.rect_filled(band, 2.0, visuals.selection.bg_fill.gamma_multiply(0.25));
                painter.rect_stroke(
                    band,
                    2.0,
                    visuals.selection.stroke,
                    egui::StrokeKind::Inside,
                );
            }
            Drag::Link { from, to } => {
                if let Some(p) = world.get(from) {
                    painter.arrow(
                        self.to_screen(*p),
                        *to - self.to_screen(*p),
                        Stroke::new(2.0, visuals.selection.stroke.color),
                    );
                }
            }
            _ => {}
        }
        if team.members.is_empty() {
            painter.text(
                rect.center(),
                Align2::CENTER_CENTER,
                if self.read_only {
                    "No members yet."
                } else {
                    "An empty team.\nDouble-click here (or press N) to add the first member."
                },
                FontId::proportional(18.0),
                visuals.weak_text_color(),
            );
        }
        let handles = if self.selection.len() > MAX_MARKED_IN_DETAIL {
            0 // not drawn, so not there to grab
        } else {
            self.selection.len()
        };
        self.handle_hits = self
            .selection
            .iter()
            .take(handles)
            .filter_map(|id| {
                Some((
                    *id,
                    self.handle_pos(*world.get(id)?, self.member(team, *id)?.team_fte()),
                ))
            })
            .collect();
        self.shown = world;
    }

    /// What this frame drew where, in screen points (`--dump-layout`).
    fn drawn_layout(
        &self,
        team: &Team,
        world: &HashMap<MemberId, Pos2>,
        labels: Vec<(MemberId, Rect, String)>,
        external_boxes: Vec<Rect>,
    ) -> DrawnLayout {
        let mut labels: HashMap<MemberId, (Rect, String)> =
            labels.into_iter().map(|(id, r, t)| (id, (r, t))).collect();
        let members = team
            .members
            .iter()
            .filter_map(|m| {
                let centre = self.to_screen(*world.get(&m.id)?);
                let r = self.screen_radius(m.team_fte());
                Some(DrawnMember {
                    id: m.id,
                    node: Rect::from_center_size(centre, Vec2::splat(2.0 * r)),
                    label: labels.remove(&m.id),
                })
            })
            .collect();
        DrawnLayout {
            view: self.layout,
            members,
            external_boxes,
        }
    }

    /// The geometry of the last frame drawn with `record_layout` on.
    pub fn drawn(&self) -> Option<&DrawnLayout> {
        self.drawn.as_ref()
    }

    /// The member whose node has the keyboard, if one has.
    pub fn keyboard_member(&self, ctx: &egui::Context) -> Option<MemberId> {
        let focused = ctx.memory(egui::Memory::focused)?;
        self.member_nodes.get(&focused).copied()
    }

    /// Each member on screen is a focusable node in the accessibility tree, described in
    /// full. Tab and Shift+Tab move between them and select each; in the free layout the
    /// arrow keys nudge the selection (Shift: further), one undo step a press. Enter and F2
    /// (the app's shortcuts) put the cursor in the name.
    fn member_nodes(
        &mut self,
        ui: &egui::Ui,
        rect: Rect,
        team: &Team,
        world: &HashMap<MemberId, Pos2>,
        edits: &mut Vec<Edit>,
    ) {
        self.member_nodes.clear();
        // Beyond a few hundred members a node each would cost the frame more than Tab through
        // them is worth: the members table reaches every member by keyboard.
        if team.members.len() > MAX_KEYBOARD_NODES {
            return;
        }
        let mut focused = None;
        for m in &team.members {
            let Some(p) = world.get(&m.id) else {
                continue;
            };
            let centre = self.to_screen(*p);
            if !rect.contains(centre) {
                continue;
            }
            let r = self.screen_radius(m.team_fte()).max(MIN_TARGET_RADIUS);
            let id = ui.scope_id().with(("member_node", m.id.0));
            let node = ui.interact(
                Rect::from_center_size(centre, Vec2::splat(2.0 * r)),
                id,
                Sense::focusable_noninteractive(),
            );
            let selected = self.selection.contains(&m.id);
            node.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::ListBoxOption,
                    true,
                    selected,
                    describe(team, m),
                )
            });
            self.member_nodes.insert(id, m.id);
            if node.gained_focus() && !self.read_only {
                self.selection.clear();
                self.selection.insert(m.id);
            }
            if node.has_focus() {
                focused = Some((id, m.id, centre, r));
            }
        }
        let Some((id, member, centre, r)) = focused else {
            return;
        };
        // The arrows are the node's, not egui's way between widgets.
        ui.memory_mut(|mem| {
            mem.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    ..Default::default()
                },
            );
        });
        ui.painter_at(rect).circle_stroke(
            centre,
            r + 5.0,
            Stroke::new(2.0, ui.visuals().selection.stroke.color),
        );
        if self.read_only || self.layout != Layout::Free {
            return;
        }
        let mut step = Vec2::ZERO;
        let mut far = false;
        ui.input_mut(|i| {
            for (key, dir) in [
                (egui::Key::ArrowLeft, Vec2::new(-1.0, 0.0)),
                (egui::Key::ArrowRight, Vec2::new(1.0, 0.0)),
                (egui::Key::ArrowUp, Vec2::new(0.0, -1.0)),
                (egui::Key::ArrowDown, Vec2::new(0.0, 1.0)),
            ] {
                // Shift first: a plain key's match ignores Shift.
                for (modifiers, big) in [
                    (egui::Modifiers::SHIFT, true),
                    (egui::Modifiers::NONE, false),
                ] {
                    while i.consume_key(modifiers, key) {
                        step += dir;
                        far |= big;
                    }
                }
            }
        });
        if step == Vec2::ZERO {
            return;
        }
        let step = step * if far { NUDGE_FAR } else { NUDGE };
        let mut ids: Vec<MemberId> = self.selection.iter().copied().collect();
        if ids.is_empty() {
            ids.push(member);
        }
        edits.push(self.moved_by(team, &ids, step));
    }

    /// Moving these members by `offset` map units from where the team has them: one edit.
    fn moved_by(&self, team: &Team, ids: &[MemberId], offset: Vec2) -> Edit {
        let moves = ids
            .iter()
            .filter_map(|id| {
                let m = self.member(team, *id)?;
                Some((
                    *id,
                    Position {
                        x: m.position.x + offset.x,
                        y: m.position.y + offset.y,
                    },
                ))
            })
            .collect();
        Edit::MoveMembers(moves)
    }

    fn hit(&self, world: &HashMap<MemberId, Pos2>, team: &Team, screen: Pos2) -> Option<MemberId> {
        // Topmost (last drawn) first.
        team.members.iter().rev().find_map(|m| {
            let p = self.to_screen(*world.get(&m.id)?);
            let r = self.screen_radius(m.team_fte()).max(4.0);
            (p.distance(screen) <= r).then_some(m.id)
        })
    }

    /// The line-management handle sits at the top right of a selected or hovered node.
    fn handle_pos(&self, world_pos: Pos2, team_fte: f64) -> Pos2 {
        let r = self.screen_radius(team_fte).max(4.0);
        self.to_screen(world_pos) + Vec2::new(r * 0.75, -r * 0.75) + Vec2::new(4.0, -4.0)
    }

    fn hit_handle(
        &self,
        world: &HashMap<MemberId, Pos2>,
        team: &Team,
        screen: Pos2,
    ) -> Option<MemberId> {
        if self.selection.len() > MAX_MARKED_IN_DETAIL {
            return None; // handles are not drawn
        }
        team.members.iter().find_map(|m| {
            let h = self.handle_pos(*world.get(&m.id)?, m.team_fte());
            (h.distance(screen) <= 7.0 && self.selection.contains(&m.id)).then_some(m.id)
        })
    }

    fn handle_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        team: &Team,
        world: &HashMap<MemberId, Pos2>,
        edits: &mut Vec<Edit>,
    ) {
        let hover = response.hover_pos();
        self.pointer_world = hover.map(|p| {
            let w = self.to_world(p);
            Position { x: w.x, y: w.y }
        });
        let shift = ui.input(|i| i.modifiers.shift);

        // Zoom about the pointer: the wheel, or a pinch / Ctrl+wheel.
        if let Some(p) = hover {
            let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = pinch * (scroll * 0.0025).exp();
            if (factor - 1.0).abs() > 1e-4 {
                let before = self.to_world(p);
                self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
                let after = self.to_world(p);
                self.centre += before - after;
            }
        }

        if response.drag_started() {
            let origin = ui
                .input(|i| i.pointer.press_origin())
                .or(hover)
                .unwrap_or_default();
            self.drag = if let Some(id) = self.hit_handle(world, team, origin) {
                Drag::Link {
                    from: id,
                    to: origin,
                }
            } else if let Some(id) = self.hit(world, team, origin) {
                if !self.selection.contains(&id) {
                    if !shift {
                        self.selection.clear();
                    }
                    self.selection.insert(id);
                }
                if self.layout == Layout::Free {
                    Drag::Move {
                        ids: self.selection.iter().copied().collect(),
                        offset: Vec2::ZERO,
                    }
                } else {
                    Drag::Pan
                }
            } else if shift {
                Drag::Band {
                    start: origin,
                    now: origin,
                }
            } else {
                Drag::Pan
            };
        }
        if response.dragged() {
            let delta = response.drag_delta();
            let zoom = self.zoom;
            match &mut self.drag {
                Drag::Pan => self.centre -= delta / zoom,
                Drag::Move { offset, .. } => *offset += delta / zoom,
                Drag::Link { to, .. } | Drag::Band { now: to, .. } => {
                    if let Some(p) = hover.or_else(|| ui.input(|i| i.pointer.latest_pos())) {
                        *to = p;
                    }
                }
                Drag::None => {}
            }
        }
        if response.drag_stopped() {
            match std::mem::replace(&mut self.drag, Drag::None) {
                Drag::Move { ids, offset } if offset.length() > 0.0 => {
                    edits.push(self.moved_by(team, &ids, offset));
                }
                Drag::Link { from, to } => {
                    if let Some(target) = self.hit(world, team, to).filter(|t| *t != from) {
                        edits.push(Edit::SetLineManager {
                            member: from,
                            manager: LineManager::Member(target),
                        });
                    }
                }
                Drag::Band { start, now } => {
                    let band = Rect::from_two_pos(start, now);
                    for m in &team.members {
                        if world
                            .get(&m.id)
                            .is_some_and(|p| band.contains(self.to_screen(*p)))
                        {
                            self.selection.insert(m.id);
                        }
                    }
                }
                _ => {}
            }
        }
        // A double-click is also a click: select first, then add on empty map.
        if response.clicked() {
            let hit = hover.and_then(|p| self.hit(world, team, p));
            match hit {
                Some(id) if shift && !self.selection.remove(&id) => {
                    self.selection.insert(id);
                }
                Some(id) => {
                    self.selection.clear();
                    self.selection.insert(id);
                }
                None if !shift => self.selection.clear(),
                None => {}
            }
        }
        if response.double_clicked() {
            if let Some(p) = hover.filter(|p| self.hit(world, team, *p).is_none()) {
                let w = self.to_world(p);
                edits.push(Edit::AddMember {
                    at: Position { x: w.x, y: w.y },
                });
            }
        }
        // Forget members that no longer exist (deleted, or undone).
        if let Some((_, index)) = &self.index {
            self.selection.retain(|id| index.contains(*id));
        }
    }

    fn draw_guides(
        &self,
        painter: &egui::Painter,
        guides: &Guides,
        analysis: &Analysis,
        visuals: &egui::Visuals,
        nodes: &[Rect],
    ) -> Vec<Rect> {
        // Where guide text went: members' labels keep off it.
        let mut texts = Vec::new();
        let guide = Stroke::new(1.0, visuals.weak_text_color().gamma_multiply(0.6));
        let font = FontId::proportional(13.0 * self.text_scale);
        match guides {
            Guides::None => {}
            Guides::Rings(rings) => {
                let centre = self.to_screen(Pos2::ZERO);
                for (radius, label) in rings {
                    let r = radius * self.zoom;
                    painter.circle_stroke(centre, r, guide);
                    // Below the ring, where members' labels rarely are, and never off the map;
                    // where a member sits there, above it, or just inside it.
                    let galley = painter.layout_no_wrap(
                        label.clone(),
                        font.clone(),
                        visuals.weak_text_color(),
                    );
                    let size = galley.size();
                    let clip = painter.clip_rect();
                    let place = |y: f32| {
                        let y = y.clamp(clip.top() + 4.0, clip.bottom() - 4.0 - size.y);
                        Rect::from_min_size(Pos2::new(centre.x - size.x / 2.0, y), size)
                    };
                    let candidates = [
                        place(centre.y + r + 4.0),
                        place(centre.y - r - 4.0 - size.y),
                        place(centre.y + r - 4.0 - size.y),
                        place(centre.y - r + 4.0),
                    ];
                    let at = candidates
                        .iter()
                        .find(|c| !nodes.iter().any(|n| n.intersects(**c)))
                        .unwrap_or(&candidates[0]);
                    texts.push(*at);
                    painter.galley(at.min, galley, visuals.weak_text_color());
                }
            }
            Guides::Ladder { columns, height } => {
                let top = *height;
                let x0 = columns.first().map_or(0.0, |c| c.1) - layout::LADDER_COLUMN * 0.6;
                let x1 = columns.last().map_or(0.0, |c| c.1) + layout::LADDER_COLUMN * 0.6;
                for k in 0..=4 {
                    let v = k as f32 / 4.0;
                    let y = -v * top;
                    let a = self.to_screen(Pos2::new(x0, y));
                    let b = self.to_screen(Pos2::new(x1, y));
                    painter.line_segment([a, b], guide);
                    texts.push(painter.text(
                        a - Vec2::new(6.0, 0.0),
                        Align2::RIGHT_CENTER,
                        format!("{v:.2}"),
                        font.clone(),
                        visuals.weak_text_color(),
                    ));
                }
                let axis_top = self.to_screen(Pos2::new(x0, -top)) - Vec2::new(6.0, 22.0);
                // Over the axis, moved left as far as it takes to stay on the map, and
                // wrapped where the map is narrower than it.
                let clip = painter.clip_rect();
                let title = painter.layout(
                    "Conditions index: mean rank on pay, leave, training and autonomy (higher = better conditions)".to_owned(),
                    font.clone(),
                    visuals.text_color(),
                    clip.width() - 16.0,
                );
                let x = axis_top
                    .x
                    .min(clip.right() - 8.0 - title.size().x)
                    .max(clip.left() + 8.0);
                let at = Pos2::new(x, (axis_top.y - title.size().y).max(clip.top() + 4.0));
                texts.push(Rect::from_min_size(at, title.size()));
                painter.galley(at, title, visuals.text_color());
                // Discipline names lie flat under their columns where there is room, and
                // otherwise slope down to the left, so long names never collide.
                if let Some(names) = self.flat_column_names(painter, columns, analysis) {
                    for ((_, x), galley) in columns.iter().zip(names) {
                        let top = self.to_screen(Pos2::new(*x, 0.0))
                            + Vec2::new(0.0, self.column_names_drop());
                        let at = top - Vec2::new(galley.size().x / 2.0, 0.0);
                        texts.push(Rect::from_min_size(at, galley.size()));
                        painter.galley(at, galley, visuals.text_color());
                    }
                    return texts;
                }
                let two_lines = self.two_line_names(columns);
                for (id, x) in columns {
                    let p = self.to_screen(Pos2::new(*x, 0.0))
                        + Vec2::new(6.0, self.column_names_drop());
                    let galley =
                        sloped_column_name(painter, column_name(analysis, *id), &font, two_lines);
                    let angle = COLUMN_NAME_SLOPE;
                    let width = galley.size().x;
                    // Rotate about the text's start, then shift so its end sits under the column.
                    let start = p - Vec2::new(width * angle.cos(), width * angle.sin());
                    painter.add(
                        egui::epaint::TextShape::new(start, galley, visuals.text_color())
                            .with_angle(angle),
                    );
                }
            }
        }
        texts
    }

    /// The width of the external managers' boxes: as wide as their longest line (a manager's
    /// title, or their agency's name), so that each takes two lines, but no more than 30% of
    /// the map.
    fn external_box_width(&self, painter: &egui::Painter, team: &Team, map: Rect) -> f32 {
        let font = FontId::proportional(EXTERNAL_BOX_TEXT * self.text_scale);
        let mut lines: BTreeSet<&str> = BTreeSet::new();
        for m in &team.members {
            if let LineManager::External { name, agency } = &m.line_manager {
                lines.insert(name);
                lines.insert(team.agency(*agency).map_or("?", |a| a.name.as_str()));
            }
        }
        (widest(painter, &font, lines.into_iter()) + 12.0)
            .clamp(110.0, (map.width() * 0.3).max(110.0))
    }

    /// The margin (left, right, top, bottom) the ladder needs for its axis and its sloped
    /// discipline names, worked out from the names' laid-out size. Columns further right need
    /// less to the left, as their names start further right (a column is at least about 40
    /// points apart).
    fn sloped_names_margin(
        &self,
        painter: &egui::Painter,
        columns: &[(Option<crate::model::DisciplineId>, f32)],
        analysis: &Analysis,
        two_lines: bool,
    ) -> [f32; 4] {
        let font = FontId::proportional(13.0 * self.text_scale);
        let (sin, cos) = COLUMN_NAME_SLOPE.abs().sin_cos();
        let sizes: Vec<Vec2> = columns
            .iter()
            .map(|(id, _)| {
                sloped_column_name(painter, column_name(analysis, *id), &font, two_lines).size()
            })
            .collect();
        let left = sizes
            .iter()
            .enumerate()
            .map(|(k, size)| size.x * cos - 40.0 * k as f32)
            .fold(0.0, f32::max);
        let below = sizes
            .iter()
            .map(|size| size.x * sin + size.y * cos)
            .fold(0.0, f32::max);
        [
            (20.0 + left).max(60.0 * self.text_scale),
            30.0,
            50.0,
            36.0 + below + 14.0,
        ]
    }

    /// Whether the ladder's columns stand far enough apart at this zoom for sloped names of
    /// two lines not to run into their neighbours.
    fn two_line_names(&self, columns: &[(Option<crate::model::DisciplineId>, f32)]) -> bool {
        let spacing = columns
            .windows(2)
            .map(|w| (w[1].1 - w[0].1) * self.zoom)
            .fold(f32::INFINITY, f32::min);
        let line = 13.0 * self.text_scale * 1.3;
        spacing * COLUMN_NAME_SLOPE.abs().sin() >= 2.0 * line + 4.0
    }

    /// How far under the ladder's axis the discipline names start: clear of the nodes of
    /// those at 0.
    fn column_names_drop(&self) -> f32 {
        30.0 * self.zoom.clamp(0.4, 1.0) + 6.0
    }

    /// The ladder's discipline names wrapped to lie flat under their columns at this zoom,
    /// if every one fits in three lines within its column's room; `None` where the columns
    /// stand too close together (then the names slope).
    fn flat_column_names(
        &self,
        painter: &egui::Painter,
        columns: &[(Option<crate::model::DisciplineId>, f32)],
        analysis: &Analysis,
    ) -> Option<Vec<std::sync::Arc<egui::Galley>>> {
        let spacing = columns
            .windows(2)
            .map(|w| (w[1].1 - w[0].1) * self.zoom)
            .fold(f32::INFINITY, f32::min);
        let width = spacing - 8.0;
        let font = FontId::proportional(13.0 * self.text_scale);
        if width < 40.0 * self.text_scale {
            return None;
        }
        let names: Vec<_> = columns
            .iter()
            .map(|(id, _)| {
                painter.layout(
                    column_name(analysis, *id),
                    font.clone(),
                    Color32::PLACEHOLDER,
                    width,
                )
            })
            .collect();
        // A word longer than the room would be broken mid-word: that does not fit.
        let fits = columns.iter().zip(&names).all(|((id, _), g)| {
            let name = column_name(analysis, *id);
            g.rows.len() <= 3 && widest(painter, &font, name.split_whitespace()) <= width
        });
        fits.then_some(names)
    }

    fn draw_links(
        &self,
        painter: &egui::Painter,
        team: &Team,
        world: &HashMap<MemberId, Pos2>,
        visuals: &egui::Visuals,
    ) -> Vec<Rect> {
        let mut boxes = Vec::new();
        let stroke = Stroke::new(1.4, visuals.text_color().gamma_multiply(0.45));
        let mut external: HashMap<(String, AgencyId), Vec<MemberId>> = HashMap::new();
        let fte: HashMap<MemberId, f64> =
            team.members.iter().map(|m| (m.id, m.team_fte())).collect();
        // Thousands of arrows are unreadable and slow to draw: then only the selection's,
        // and none while thousands are selected.
        let crowded = team.members.len() > MAX_LINKS_DRAWN;
        if crowded {
            let too_many_selected = self.selection.len() > MAX_LINKS_DRAWN;
            painter.text(
                painter.clip_rect().left_bottom() + Vec2::new(8.0, -8.0),
                Align2::LEFT_BOTTOM,
                if too_many_selected {
                    "Too many people selected to draw their line-management arrows: select fewer."
                } else {
                    "Too many people to draw every line-management arrow: select members to see theirs."
                },
                FontId::proportional(12.0),
                visuals.weak_text_color(),
            );
            if too_many_selected {
                return boxes;
            }
        }
        for m in &team.members {
            if crowded
                && !self.selection.contains(&m.id)
                && !matches!(m.line_manager, LineManager::Member(b) if self.selection.contains(&b))
            {
                continue;
            }
            let Some(to) = world.get(&m.id) else { continue };
            let r_to = self.screen_radius(m.team_fte());
            match &m.line_manager {
                LineManager::Member(boss) => {
                    let (Some(from), Some(boss_fte)) = (world.get(boss), fte.get(boss)) else {
                        continue;
                    };
                    let (a, z) = (self.to_screen(*from), self.to_screen(*to));
                    let dir = (z - a).normalized();
                    let start = a + dir * self.screen_radius(*boss_fte);
                    let end = z - dir * r_to;
                    if (end - start).length() > ARROW_HEAD + 2.0 {
                        arrow(painter, start, end, stroke);
                    }
                }
                LineManager::External { name, agency } => external
                    .entry((name.clone(), *agency))
                    .or_default()
                    .push(m.id),
                LineManager::NoManager => {}
            }
        }
        let font = FontId::proportional(EXTERNAL_BOX_TEXT * self.text_scale);
        let dotted = Stroke::new(1.0, visuals.text_color().gamma_multiply(0.35));
        // External managers stand in a column at the right edge of the map, in the order of
        // their reports' height, so their boxes never overlap.
        let mut groups: Vec<((String, AgencyId), Vec<MemberId>, f32)> = external
            .into_iter()
            .map(|(key, reports)| {
                let ys: Vec<f32> = reports
                    .iter()
                    .filter_map(|id| world.get(id))
                    .map(|p| self.to_screen(*p).y)
                    .collect();
                let mean = ys.iter().sum::<f32>() / ys.len().max(1) as f32;
                (key, reports, mean)
            })
            .collect();
        // Ties (reports on one row, as a tidy layout puts them) by name, so the order does
        // not change from frame to frame with the map's hashing.
        groups.sort_by(|a, b| {
            a.2.total_cmp(&b.2)
                .then_with(|| a.0 .0.cmp(&b.0 .0))
                .then_with(|| a.0 .1 .0.cmp(&b.0 .1 .0))
        });
        let clip = painter.clip_rect();
        let box_width = self.external_box_width(painter, team, clip);
        // Dashes cost a shape each: with many external links, plain faint lines instead.
        let external_links: usize = groups.iter().map(|g| g.1.len()).sum();
        let dashed = external_links <= 150;
        let galleys: Vec<_> = groups
            .iter()
            .map(|((name, agency), _, _)| {
                let agency_name = team.agency(*agency).map_or("?", |a| a.name.as_str());
                painter.layout(
                    format!("{name}\n{agency_name}"),
                    font.clone(),
                    visuals.weak_text_color(),
                    box_width - 10.0,
                )
            })
            .collect();
        // Each box as tall as its text, one under another; where they cannot all fit, each
        // gets an equal share of the height and its text is cut.
        let natural: f32 = galleys
            .iter()
            .map(|g| g.size().y + 6.0 + EXTERNAL_BOX_GAP)
            .sum();
        let room = clip.height() - 20.0;
        let share = room / groups.len().max(1) as f32;
        let heights: Vec<f32> = galleys
            .iter()
            .map(|g| {
                if natural <= room {
                    g.size().y + 6.0
                } else {
                    (g.size().y + 6.0).min(share - EXTERNAL_BOX_GAP)
                }
            })
            .collect();
        let total: f32 = heights.iter().map(|h| h + EXTERNAL_BOX_GAP).sum();
        let mut top = (clip.center().y - total / 2.0).max(clip.top() + 10.0);
        // Other members' nodes, for routing the lines around them.
        let nodes: Vec<(Pos2, f32)> = if dashed {
            team.members
                .iter()
                .filter_map(|m| {
                    let p = world.get(&m.id)?;
                    Some((self.to_screen(*p), self.screen_radius(m.team_fte())))
                })
                .collect()
        } else {
            Vec::new()
        };
        for (((_, reports, _), galley), height) in groups.into_iter().zip(galleys).zip(heights) {
            let box_rect = Rect::from_min_size(
                Pos2::new(clip.right() - box_width - 8.0, top),
                Vec2::new(box_width, height),
            );
            top += height + EXTERNAL_BOX_GAP;
            let anchor = Pos2::new(box_rect.left(), box_rect.center().y);
            for id in &reports {
                if let Some(p) = world.get(id) {
                    let z = self.to_screen(*p);
                    if dashed {
                        let r = self.screen_radius(fte.get(id).copied().unwrap_or(0.0));
                        let route = route_to_box(z, r, anchor, &nodes);
                        painter.extend(Shape::dashed_line(&route, dotted, 4.0, 4.0));
                    } else {
                        painter.line_segment([anchor, z], Stroke::new(0.5, dotted.color));
                    }
                }
            }
            painter.rect(
                box_rect,
                4.0,
                visuals.faint_bg_color,
                Stroke::new(1.0, visuals.weak_text_color()),
                egui::StrokeKind::Inside,
            );
            let clipped = painter.with_clip_rect(box_rect.intersect(clip));
            clipped.galley(
                box_rect.min + Vec2::new(5.0, 3.0),
                galley,
                visuals.weak_text_color(),
            );
            boxes.push(box_rect);
        }
        boxes
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_nodes(
        &self,
        ui: &egui::Ui,
        painter: &egui::Painter,
        team: &Team,
        analysis: &Analysis,
        world: &HashMap<MemberId, Pos2>,
        visuals: &egui::Visuals,
        hover: Option<Pos2>,
        obstacles: &[Rect],
    ) -> Vec<(MemberId, Rect, String)> {
        let mut drawn_labels = Vec::new();
        let hovered = hover.and_then(|p| self.hit(world, team, p));
        let agency_index: HashMap<AgencyId, usize> = team
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let mut placed_labels = LabelGrid::default();
        // In teams of a size a room reads, every label is fitted in (shortened where
        // crowded, and never over a node); in larger ones, crowded labels give way.
        let shorten = team.members.len() <= MAX_KEYBOARD_NODES;
        // Labels on leader lines, where none fits beside the node, in teams a room reads
        // member by member (the search costs a crowded large team milliseconds a frame).
        let leaders = team.members.len() <= MAX_LEADER_LABELS;
        let label_font = FontId::proportional(13.0 * self.text_scale);
        let small_font = FontId::proportional(11.0 * self.text_scale);
        let colours: HashMap<crate::model::DisciplineId, Color32> = team
            .disciplines
            .iter()
            .map(|d| (d.id, style::rgb(d.colour)))
            .collect();
        // Members drawn this frame (on screen), in team order.
        let mut labels: Vec<&crate::model::Member> = Vec::new();
        let mut tiny = egui::Mesh::default();
        // With thousands of members on screen at once, every node is a small square: outlines,
        // dashes and labels would only pile up (and cost a software renderer seconds a frame).
        let clip = painter.clip_rect();
        let visible = world
            .values()
            .filter(|p| clip.contains(self.to_screen(**p)))
            .count();
        let dense = visible > MAX_DETAILED_NODES;
        let many_marked = self.selection.len() + self.highlight.len() > MAX_MARKED_IN_DETAIL;
        // On a slide, a label must not cover another member: nodes claim their space first.
        let mut node_rects = LabelGrid::default();
        // No label over the boxes of the managers outside the team, or the guides' text.
        for r in obstacles {
            node_rects.insert(*r);
        }
        for m in &team.members {
            let Some(p) = world.get(&m.id) else { continue };
            let centre = self.to_screen(*p);
            let r = self.screen_radius(m.team_fte());
            if !painter.clip_rect().expand(r + 4.0).contains(centre) {
                continue;
            }
            let colour = colours.get(&m.discipline).copied().unwrap_or(Color32::GRAY);
            let selected = self.selection.contains(&m.id);
            let marked = selected || self.highlight.contains(&m.id);
            if ((r < TINY_RADIUS && !shorten) || dense) && (!marked || many_marked) {
                let side = 2.0 * r.min(TINY_RADIUS * 0.7);
                if marked {
                    // A frame of the selection's (or the highlight's) colour round the square.
                    let frame = if selected {
                        visuals.selection.stroke.color
                    } else {
                        style::HIGHLIGHT
                    };
                    tiny.add_colored_rect(
                        Rect::from_center_size(centre, Vec2::splat(side + 4.0)),
                        frame,
                    );
                }
                tiny.add_colored_rect(Rect::from_center_size(centre, Vec2::splat(side)), colour);
                continue;
            }
            let shape =
                style::AgencyShape::for_index(agency_index.get(&m.agency).copied().unwrap_or(0));
            let outline_colour = visuals.text_color();
            if self.highlight.contains(&m.id) {
                painter.circle_stroke(centre, r + 6.0, Stroke::new(3.0, style::HIGHLIGHT));
            }
            if self.selection.contains(&m.id) {
                painter.circle_filled(
                    centre,
                    r + 5.0,
                    visuals.selection.bg_fill.gamma_multiply(0.6),
                );
            }
            style::draw_node(
                painter,
                shape,
                centre,
                r,
                colour,
                Stroke::new(1.6, outline_colour),
                m.is_part_time_or_split(),
            );
            if self.read_only || shorten {
                node_rects.insert(Rect::from_center_size(
                    centre,
                    Vec2::splat(2.0 * r.max(MIN_TARGET_RADIUS)),
                ));
            }
            if selected && !many_marked {
                let h = self.handle_pos(*p, m.team_fte());
                painter.circle(
                    h,
                    5.0,
                    visuals.selection.bg_fill,
                    Stroke::new(1.0, visuals.text_color()),
                );
            }
            labels.push(m);
        }
        painter.add(Shape::mesh(tiny));
        // Selected and hovered members claim label space first.
        labels.sort_by_key(|m| {
            std::cmp::Reverse((
                self.selection.contains(&m.id) || hovered == Some(m.id),
                self.highlight.contains(&m.id),
            ))
        });
        // Where every label goes is worked out before any is painted. In a team a room
        // reads, every member first gets their shortest label (initials) wherever one fits,
        // then each label grows to the name, and to the name and discipline, where there is
        // room: so a crowded corner shortens its labels instead of losing some.
        let mut placed: Vec<MemberLabel> = Vec::new();
        for m in labels {
            let Some(p) = world.get(&m.id) else { continue };
            let r = self.screen_radius(m.team_fte());
            let important =
                hovered == Some(m.id) || (!many_marked && self.selection.contains(&m.id));
            if r < MIN_RADIUS_FOR_LABELS && !important && !shorten {
                continue;
            }
            let centre = self.to_screen(*p);
            // Labels keep off all of a small node's target, not only what is painted.
            let r = r.max(MIN_TARGET_RADIUS);
            let title = if m.name.trim().is_empty() {
                m.job_title.as_str()
            } else {
                m.name.as_str()
            };
            let discipline = team
                .discipline(m.discipline)
                .map_or("", |d| d.name.as_str());
            // Test an estimate first: laying out text that will give way is the costliest
            // part of a crowded frame.
            let chars = title.chars().count().max(discipline.chars().count()) as f32;
            let estimate = Rect::from_min_size(
                centre + Vec2::new(0.0, r + 3.0) - Vec2::new(chars * 3.2, 0.0) * self.text_scale,
                Vec2::new(chars * 6.4, 28.0) * self.text_scale,
            );
            if !important && !shorten && placed_labels.overlaps(estimate) {
                continue;
            }
            let mut label = MemberLabel {
                id: m.id,
                title: title.to_owned(),
                discipline: discipline.to_owned(),
                centre,
                r,
                forms: vec![(title.to_owned(), discipline.to_owned())],
                form: 0,
                rect: Rect::NOTHING,
            };
            if shorten {
                label.forms.push((title.to_owned(), String::new()));
                label.forms.push((initials(title), String::new()));
            }
            // The selected and hovered have their full label, over anything.
            let first = if important || !shorten {
                0
            } else {
                label.forms.len() - 1
            };
            let size = label_size(painter, &label.forms[first], &label_font, &small_font);
            let free = |rect: &Rect| {
                important
                    || ((!shorten || clip.contains_rect(*rect))
                        && !(placed_labels.overlaps(*rect) || node_rects.overlaps(*rect)))
            };
            // Where no place beside the node is free, a label may stand further off, on
            // a leader line.
            let rect = label_places(centre, r, size, shorten)
                .into_iter()
                .find(free)
                .or_else(|| {
                    leaders
                        .then(|| label_places_further(centre, r, size).find(free))
                        .flatten()
                });
            // Nothing fits: this label gives way.
            let Some(rect) = rect else { continue };
            placed_labels.insert(rect);
            label.form = first;
            label.rect = rect;
            placed.push(label);
        }
        if shorten {
            for label in &mut placed {
                placed_labels.remove(label.rect);
                for form in 0..label.form {
                    let size = label_size(painter, &label.forms[form], &label_font, &small_font);
                    let free = label_places(label.centre, label.r, size, true)
                        .into_iter()
                        .find(|rect| {
                            clip.contains_rect(*rect)
                                && !(placed_labels.overlaps(*rect) || node_rects.overlaps(*rect))
                        });
                    if let Some(rect) = free {
                        label.form = form;
                        label.rect = rect;
                        break;
                    }
                }
                placed_labels.insert(label.rect);
            }
        }
        for label in placed {
            let (line1, line2) = &label.forms[label.form];
            let rect = label.rect;
            // A label standing off from its node is tied to it by a line.
            let gap = rect.distance_to_pos(label.centre);
            if gap > label.r + 12.0 {
                let near = rect.clamp(label.centre);
                let dir = (near - label.centre).normalized();
                painter.line_segment(
                    [label.centre + dir * (label.r + 1.0), near],
                    Stroke::new(1.0, visuals.weak_text_color()),
                );
            }
            let text = if line2.is_empty() {
                line1.clone()
            } else {
                format!("{line1}, {line2}")
            };
            let g1 = painter.layout_no_wrap(
                line1.clone(),
                label_font.clone(),
                visuals.strong_text_color(),
            );
            let g2 = painter.layout_no_wrap(
                line2.clone(),
                small_font.clone(),
                visuals.weak_text_color(),
            );
            drawn_labels.push((label.id, rect, text));
            // Painted text is invisible to screen readers (and to UI tests): each label
            // also becomes a node in the accessibility tree.
            ui.ctx().accesskit_node_builder(
                ui.make_persistent_id(("member_label", label.id.0)),
                |node| {
                    node.set_role(egui::accesskit::Role::Label);
                    node.set_value(format!("{}, {}", label.title, label.discipline));
                    node.set_bounds(egui::accesskit::Rect {
                        x0: f64::from(rect.min.x),
                        y0: f64::from(rect.min.y),
                        x1: f64::from(rect.max.x),
                        y1: f64::from(rect.max.y),
                    });
                },
            );
            painter.rect_filled(
                rect.expand(1.0),
                3.0,
                visuals.extreme_bg_color.gamma_multiply(0.8),
            );
            painter.galley(
                Pos2::new(rect.center().x - g1.size().x / 2.0, rect.min.y),
                g1,
                visuals.strong_text_color(),
            );
            let h2 = g2.size().y;
            painter.galley(
                Pos2::new(rect.center().x - g2.size().x / 2.0, rect.max.y - h2),
                g2,
                visuals.weak_text_color(),
            );
        }
        if let Some(id) = hovered {
            if let Some(m) = self.member(team, id) {
                // With names hidden, one person's pay and conditions are never shown.
                let conditions = if analysis.min_group().is_some() {
                    String::new()
                } else {
                    let salary = team
                        .fte_salary(m)
                        .map_or_else(|| "n/a".to_owned(), crate::format::money);
                    let index = analysis
                        .member(id)
                        .and_then(|f| f.conditions_index)
                        .map_or_else(|| "n/a".to_owned(), |s| format!("{s:.2}"));
                    format!("\nFull-time pay {salary} · conditions index {index}")
                };
                let tip = format!(
                    "{} — {}\n{} · {}\nFTE {:.2} × {:.0}% in team = {:.2} · {}{conditions}",
                    m.name,
                    m.job_title,
                    team.discipline(m.discipline)
                        .map_or("?", |d| d.name.as_str()),
                    team.agency(m.agency).map_or("?", |a| a.name.as_str()),
                    m.fte,
                    m.team_share * 100.0,
                    m.team_fte(),
                    if team.is_core(m) {
                        "core"
                    } else {
                        "peripheral"
                    },
                );
                // Painted rather than a tooltip window: a window under the pointer would
                // swallow the next click on a neighbouring member.
                let tip_painter = ui.ctx().layer_painter(egui::LayerId::new(
                    egui::Order::Tooltip,
                    egui::Id::unique("map_member_tip"),
                ));
                let galley = tip_painter.layout(
                    tip,
                    FontId::proportional(13.0),
                    visuals.text_color(),
                    360.0,
                );
                let pointer_pos = hover.unwrap_or_default();
                let mut tip_rect = Rect::from_min_size(
                    pointer_pos + Vec2::new(18.0, 18.0),
                    galley.size() + Vec2::splat(12.0),
                );
                let clip = painter.clip_rect();
                if tip_rect.right() > clip.right() {
                    tip_rect = tip_rect.translate(Vec2::new(-(tip_rect.width() + 36.0), 0.0));
                }
                if tip_rect.bottom() > clip.bottom() {
                    tip_rect = tip_rect.translate(Vec2::new(0.0, -(tip_rect.height() + 36.0)));
                }
                tip_painter.rect(
                    tip_rect,
                    6.0,
                    visuals.window_fill,
                    visuals.window_stroke,
                    egui::StrokeKind::Inside,
                );
                tip_painter.galley(
                    tip_rect.min + Vec2::splat(6.0),
                    galley,
                    visuals.text_color(),
                );
            }
        }
        drawn_labels
    }
}

/// External managers' boxes take a slice of the map's width, never most of it.
/// The width of the widest of `texts` on one line in `font`.
fn widest<'a>(painter: &egui::Painter, font: &FontId, texts: impl Iterator<Item = &'a str>) -> f32 {
    texts
        .map(|t| {
            painter
                .layout_no_wrap(t.to_owned(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        })
        .fold(0.0, f32::max)
}

/// A ladder column's name to slope under it: on one line, or where `two_lines` allows and
/// it is long, on two, so that sloped names take less of the picture's height.
fn sloped_column_name(
    painter: &egui::Painter,
    name: String,
    font: &FontId,
    two_lines: bool,
) -> std::sync::Arc<egui::Galley> {
    let one_line = painter.layout_no_wrap(name.clone(), font.clone(), Color32::PLACEHOLDER);
    if !two_lines || one_line.size().x <= font.size * 9.0 {
        return one_line;
    }
    let longest_word = widest(painter, font, name.split_whitespace());
    let width = (one_line.size().x * 0.6).max(longest_word + 1.0);
    let wrapped = painter.layout(name, font.clone(), Color32::PLACEHOLDER, width);
    if wrapped.rows.len() <= 2 {
        wrapped
    } else {
        one_line
    }
}

/// The line from a member (a node at `from`, radius `r`) to their external manager's box
/// (`to`, on its left edge), crossing as few other nodes (`nodes`, the member's own among
/// them) as it can: straight; across, then over to the box; or up or down, then across.
/// Each leg of a bend runs along a row or a column, where a tidy map's nodes leave room.
/// Ties go to the first, the shortest.
fn route_to_box(from: Pos2, r: f32, to: Pos2, nodes: &[(Pos2, f32)]) -> Vec<Pos2> {
    let crossings = |path: &[Pos2]| -> usize {
        nodes
            .iter()
            .filter(|(centre, radius)| {
                centre.distance(from) > 0.5
                    && path.windows(2).any(|leg| {
                        let reach = radius + 2.0;
                        Rect::from_two_pos(leg[0], leg[1])
                            .expand(reach)
                            .contains(*centre)
                            && distance_to_segment(*centre, leg[0], leg[1]) < reach
                    })
            })
            .count()
    };
    let straight = vec![from, to];
    let mut best = if crossings(&straight) == 0 {
        straight
    } else {
        let gutter = to.x - 14.0;
        [
            straight,
            vec![from, Pos2::new(gutter, from.y), to],
            vec![from, Pos2::new(from.x, to.y), to],
        ]
        .into_iter()
        .min_by_key(|path| crossings(path))
        .unwrap_or_else(|| vec![from, to])
    };
    // Start at the node's edge, not its centre.
    if let Some(next) = best.get(1).copied() {
        best[0] = from + (next - from).normalized() * r;
    }
    best
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// A member's label: the forms it may take (longest first: name and discipline, name,
/// initials), the one chosen, and where.
struct MemberLabel {
    id: MemberId,
    title: String,
    discipline: String,
    centre: Pos2,
    r: f32,
    forms: Vec<(String, String)>,
    form: usize,
    rect: Rect,
}

/// The size of a label of one or two lines.
fn label_size(
    painter: &egui::Painter,
    (line1, line2): &(String, String),
    font: &FontId,
    small: &FontId,
) -> Vec2 {
    let g1 = painter.layout_no_wrap(line1.clone(), font.clone(), Color32::WHITE);
    if line2.is_empty() {
        return g1.size();
    }
    let g2 = painter.layout_no_wrap(line2.clone(), small.clone(), Color32::WHITE);
    Vec2::new(g1.size().x.max(g2.size().x), g1.size().y + g2.size().y)
}

/// Where a label of `size` may go around a node at `centre` of radius `r`, in order of
/// preference: below, above, right, left, then the corners (where neighbours crowd in on
/// four sides, one of them is often still open). Only below where labels may give way.
fn label_places(centre: Pos2, r: f32, size: Vec2, all: bool) -> Vec<Rect> {
    let d = r * std::f32::consts::FRAC_1_SQRT_2 + 2.0;
    let below = centre + Vec2::new(-size.x / 2.0, r + 3.0);
    let places = if all {
        vec![
            below,
            centre + Vec2::new(-size.x / 2.0, -r - 3.0 - size.y),
            centre + Vec2::new(r + 4.0, -size.y / 2.0),
            centre - Vec2::new(r + 4.0 + size.x, size.y / 2.0),
            centre + Vec2::new(d, d),
            centre + Vec2::new(-d - size.x, d),
            centre + Vec2::new(d, -d - size.y),
            centre + Vec2::new(-d - size.x, -d - size.y),
        ]
    } else {
        vec![below]
    };
    places
        .into_iter()
        .map(|at| Rect::from_min_size(at, size))
        .collect()
}

/// Places further from a node for a label that found none beside it: rings of sixteen
/// directions, each ring 10 points further out, nearest first.
fn label_places_further(centre: Pos2, r: f32, size: Vec2) -> impl Iterator<Item = Rect> {
    (1..=6).flat_map(move |ring| {
        let distance = r + 8.0 + ring as f32 * 10.0;
        (0..16).map(move |k| {
            let angle = std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::TAU / 16.0;
            let dir = Vec2::angled(angle);
            let at = centre + dir * distance + Vec2::new(dir.x * size.x, dir.y * size.y) / 2.0;
            Rect::from_center_size(at, size)
        })
    })
}

/// Placed label rectangles, bucketed by screen area so checking a new label for overlap
/// looks only at its neighbours (a plain list is quadratic with thousands of members).
#[derive(Default)]
struct LabelGrid {
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl LabelGrid {
    const CELL: f32 = 128.0;

    fn cells_of(rect: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (rect.min.x / Self::CELL).floor() as i32,
            (rect.max.x / Self::CELL).floor() as i32,
        );
        let (y0, y1) = (
            (rect.min.y / Self::CELL).floor() as i32,
            (rect.max.y / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn overlaps(&self, rect: Rect) -> bool {
        Self::cells_of(rect).any(|c| {
            self.cells
                .get(&c)
                .is_some_and(|v| v.iter().any(|o| o.intersects(rect)))
        })
    }

    fn insert(&mut self, rect: Rect) {
        for c in Self::cells_of(rect) {
            self.cells.entry(c).or_default().push(rect);
        }
    }

    fn remove(&mut self, rect: Rect) {
        for c in Self::cells_of(rect) {
            if let Some(cell) = self.cells.get_mut(&c) {
                if let Some(k) = cell.iter().position(|o| *o == rect) {
                    cell.swap_remove(k);
                }
            }
        }
    }
}

fn unreachable_placement() -> &'static Placement {
    static EMPTY: std::sync::OnceLock<Placement> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Placement {
        positions: HashMap::new(),
        guides: Guides::None,
        node_scale: None,
    })
}

/// The name under a ladder column: the discipline's, with its n when names are hidden, or the
/// withheld disciplines together.
fn column_name(analysis: &Analysis, id: Option<crate::model::DisciplineId>) -> String {
    let safe = analysis.min_group().is_some();
    match id.and_then(|id| analysis.discipline(id)) {
        Some(d) if safe => format!("{} (n = {})", d.figures.name, d.figures.headcount),
        Some(d) => d.figures.name.clone(),
        None => {
            let n: usize = analysis
                .disciplines
                .iter()
                .filter(|d| d.figures.fully_withheld())
                .map(|d| d.figures.headcount)
                .sum();
            match &analysis.other_disciplines {
                Some(_) => format!("Other disciplines (n = {n})"),
                None => format!(
                    "Withheld: {} (n = {n})",
                    crate::analysis::report::withheld(analysis)
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_leave_out_titles_and_brackets_and_keep_numbers() {
        assert_eq!(initials("Dr Ben Osei"), "BO");
        assert_eq!(initials("Social worker (seconded)"), "SW");
        assert_eq!(initials("Member 12"), "M12");
        assert_eq!(initials("Ann"), "Ann");
        assert_eq!(initials("PC Mark Evans"), "ME");
    }
}
