//! The map's pointer input: hits on members and their handles, dragging to move or to make a
//! line manager, box selection, panning and zooming, each queued as an [`Edit`] or a view change.

use std::collections::{BTreeSet, HashMap};

use egui::{Pos2, Rect, Vec2};

use crate::analysis::layout::Layout;
use crate::document::Edit;
use crate::model::{LineManager, MemberId, Position, Team};

use super::{Drag, MapView};

use super::{MAX_MARKED_IN_DETAIL, MAX_ZOOM, MIN_ZOOM};

impl MapView {
    /// Moving these members by `offset` map units from where the team has them: one edit.
    pub(super) fn moved_by(&self, team: &Team, ids: &[MemberId], offset: Vec2) -> Edit {
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

    pub(super) fn hit(
        &self,
        world: &HashMap<MemberId, Pos2>,
        team: &Team,
        screen: Pos2,
    ) -> Option<MemberId> {
        // Topmost (last drawn) first.
        team.members.iter().rev().find_map(|m| {
            let p = self.to_screen(*world.get(&m.id)?);
            let r = self.screen_radius(m.team_fte()).max(4.0);
            (p.distance(screen) <= r).then_some(m.id)
        })
    }

    /// The line-management handle sits at the top right of a selected or hovered node.
    pub(super) fn handle_pos(&self, world_pos: Pos2, team_fte: f64) -> Pos2 {
        let r = self.screen_radius(team_fte).max(4.0);
        self.to_screen(world_pos) + Vec2::new(r * 0.75, -r * 0.75) + Vec2::new(4.0, -4.0)
    }

    /// The selected member whose line-management handle is under `screen`, if any.
    pub(super) fn hit_handle(
        &self,
        world: &HashMap<MemberId, Pos2>,
        team: &Team,
        selection: &BTreeSet<MemberId>,
        screen: Pos2,
    ) -> Option<MemberId> {
        if selection.len() > MAX_MARKED_IN_DETAIL {
            return None; // handles are not drawn
        }
        team.members.iter().find_map(|m| {
            let h = self.handle_pos(*world.get(&m.id)?, m.team_fte());
            (h.distance(screen) <= 7.0 && selection.contains(&m.id)).then_some(m.id)
        })
    }

    pub(super) fn handle_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        team: &Team,
        world: &HashMap<MemberId, Pos2>,
        selection: &mut BTreeSet<MemberId>,
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
            self.drag = if let Some(id) = self.hit_handle(world, team, selection, origin) {
                Drag::Link {
                    from: id,
                    to: origin,
                }
            } else if let Some(id) = self.hit(world, team, origin) {
                if !selection.contains(&id) {
                    if !shift {
                        selection.clear();
                    }
                    selection.insert(id);
                }
                if self.layout == Layout::Free {
                    Drag::Move {
                        ids: selection.iter().copied().collect(),
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
                            selection.insert(m.id);
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
                Some(id) if shift && !selection.remove(&id) => {
                    selection.insert(id);
                }
                Some(id) => {
                    selection.clear();
                    selection.insert(id);
                }
                None if !shift => selection.clear(),
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
            selection.retain(|id| index.contains(*id));
        }
    }
}
