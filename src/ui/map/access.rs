//! The map in the accessibility tree: a focusable, described node per member, and the keys
//! that move between them and nudge them.

use std::collections::{BTreeSet, HashMap};

use egui::{Pos2, Rect, Sense, Stroke, Vec2};

use crate::analysis::layout::Layout;
use crate::document::Edit;
use crate::model::{MemberId, Team};

use super::{MapView, MAX_KEYBOARD_NODES, NUDGE, NUDGE_FAR};

use super::{describe, MIN_TARGET_RADIUS};

impl MapView {
    /// Each member on screen is a focusable node in the accessibility tree, described in
    /// full. Tab and Shift+Tab move between them and select each; in the free layout the
    /// arrow keys nudge the selection (Shift: further), one undo step a press. Enter and F2
    /// (the app's shortcuts) put the cursor in the name.
    pub(super) fn member_nodes(
        &mut self,
        ui: &egui::Ui,
        rect: Rect,
        team: &Team,
        world: &HashMap<MemberId, Pos2>,
        selection: &mut BTreeSet<MemberId>,
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
            let selected = selection.contains(&m.id);
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
                selection.clear();
                selection.insert(m.id);
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
        let mut ids: Vec<MemberId> = selection.iter().copied().collect();
        if ids.is_empty() {
            ids.push(member);
        }
        edits.push(self.moved_by(team, &ids, step));
    }
}
