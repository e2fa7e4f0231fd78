//! The team map: members as nodes on a canvas, line management as arrows, in one of three
//! layouts. It reads the team and queues [`Edit`]s; it never changes the team itself.
//!
//! In parts: this file holds the view's state and the frame ([`MapView::show`], which passes
//! one `Frame` to every part that paints); `camera` where the world stands on screen and
//! fitting it; `input` the pointer; `access` the keyboard and accessibility nodes; `guides`
//! the rings and the ladder's columns; `links` the line-management arrows and routes; `nodes`
//! the members; `labels` the geometry of where labels go. Who is selected and highlighted is
//! the editor's ([`Marks`]): the map reads it, and its pointer and keys change the selection.

use std::collections::{BTreeSet, HashMap};

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use super::style;
use crate::analysis::layout::{self, Guides, Layout, Placement};
use crate::analysis::Analysis;
use crate::document::Edit;
use crate::model::{MemberId, MemberIndex, Position, Team};

mod access;
mod camera;
mod guides;
mod input;
mod labels;
mod links;
mod nodes;

pub(crate) use labels::initials;

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

/// Who is marked on the map. Owned by the editor, which acts on the selection; the map
/// draws both, and its pointer and keys change the selection.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    pub selection: BTreeSet<MemberId>,
    /// Members to highlight (from a chart or a finding).
    pub highlight: BTreeSet<MemberId>,
}

impl Marks {
    /// Ctrl+A on a large team: too many marked to draw each in detail.
    fn many(&self) -> bool {
        self.selection.len() + self.highlight.len() > MAX_MARKED_IN_DETAIL
    }
}

pub struct MapView {
    pub layout: Layout,
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

/// What one frame of the map is drawn from, passed whole to each part that paints.
struct Frame<'a> {
    ui: &'a egui::Ui,
    painter: &'a egui::Painter,
    team: &'a Team,
    analysis: &'a Analysis,
    /// Where each member stands this frame, in world units (animated, dragged).
    world: &'a HashMap<MemberId, Pos2>,
    visuals: &'a egui::Visuals,
    marks: &'a Marks,
    /// The pointer, where the map answers it (not on a slide).
    hover: Option<Pos2>,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            layout: Layout::Free,
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

    /// Draw the map with its `marks` and handle its input: a click or a key changes the
    /// selection, and changes to the team go into `edits`.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        team: &Team,
        analysis: &Analysis,
        revision: u64,
        marks: &mut Marks,
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
        let placement = self.placement(team, analysis, revision);
        let target: HashMap<MemberId, Pos2> = placement
            .positions
            .iter()
            .map(|(id, p)| (*id, Pos2::new(p.x, p.y)))
            .collect();
        let guides = placement.guides.clone();
        let world = self.world_now(ui, &target);
        if self.fit_pending {
            let margin = self.fit_margin(ui.painter(), team, analysis, rect, &guides);
            self.fit_picture(ui.painter(), analysis, rect, &target, &guides, margin);
            self.fit_pending = false;
        }
        if !self.read_only {
            self.handle_input(ui, &response, team, &world, &mut marks.selection, edits);
        }
        self.member_nodes(ui, rect, team, &world, &mut marks.selection, edits);
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        let frame = Frame {
            ui,
            painter: &painter,
            team,
            analysis,
            world: &world,
            visuals: &visuals,
            marks,
            hover: response.hover_pos().filter(|_| !self.read_only),
        };
        self.paint(&frame, &guides);
        let handles = if marks.selection.len() > MAX_MARKED_IN_DETAIL {
            0 // not drawn, so not there to grab
        } else {
            marks.selection.len()
        };
        self.handle_hits = marks
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

    /// Paint one frame: the background, guides, line management, the members and their
    /// labels, and what a drag in progress shows.
    fn paint(&mut self, f: &Frame, guides: &Guides) {
        let (painter, visuals, team) = (f.painter, f.visuals, f.team);
        painter.rect_filled(self.last_rect, 0.0, visuals.extreme_bg_color);
        // Where members are drawn, so the rings' labels can keep clear of them.
        let rings = matches!(guides, Guides::Rings(_));
        let node_rects: Vec<Rect> = if rings && team.members.len() <= MAX_KEYBOARD_NODES {
            team.members
                .iter()
                .filter_map(|m| {
                    let p = f.world.get(&m.id)?;
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
        let guide_texts = self.draw_guides(f, guides, &node_rects);
        // Line management belongs to the free layout; elsewhere it would only add noise.
        let manager_boxes = if self.layout == Layout::Free {
            self.draw_links(f)
        } else {
            Vec::new()
        };
        let labels = self.draw_nodes(f, &[manager_boxes.as_slice(), &guide_texts].concat());
        if self.record_layout {
            self.drawn = Some(self.drawn_layout(team, f.world, labels, manager_boxes));
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
                if let Some(p) = f.world.get(from) {
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
                self.last_rect.center(),
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
}

fn unreachable_placement() -> &'static Placement {
    static EMPTY: std::sync::OnceLock<Placement> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| Placement {
        positions: HashMap::new(),
        guides: Guides::None,
        node_scale: None,
    })
}
