//! The camera: where the map's world stands on screen (centre and zoom), how large a node
//! is drawn, fitting the layout and its guides to the window, and where members stand while a
//! layout switch animates or a drag moves them.

use std::collections::HashMap;

use egui::{Pos2, Rect, Vec2};

use super::{Drag, MapView, ANIMATION_SECONDS, MIN_ZOOM};
use crate::analysis::layout::{self, Guides, Layout};
use crate::analysis::Analysis;
use crate::model::{LineManager, MemberId, Team};

impl MapView {
    /// On-screen radius of a node. On the free map it grows with the square root of the
    /// zoom, so members stay visible when a large team is zoomed out and do not balloon when
    /// zoomed in. Rings and ladder are spread for nodes of a size in map units, so there they
    /// scale with the picture.
    pub(super) fn screen_radius(&self, team_fte: f64) -> f32 {
        let scale = match self.placement.as_ref().and_then(|(_, p)| p.node_scale) {
            Some(s) => self.zoom * s,
            None => self.zoom.sqrt(),
        };
        (layout::node_radius(team_fte) * scale).max(3.0)
    }

    pub(super) fn to_screen(&self, world: Pos2) -> Pos2 {
        self.last_rect.center() + (world.to_vec2() - self.centre) * self.zoom
    }

    pub(super) fn to_world(&self, screen: Pos2) -> Pos2 {
        ((screen - self.last_rect.center()) / self.zoom + self.centre).to_pos2()
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

    /// Where each member stands this frame: the layout's place, part way there from the
    /// last layout while a switch animates, and moved by a drag in progress.
    pub(super) fn world_now(
        &mut self,
        ui: &egui::Ui,
        target: &HashMap<MemberId, Pos2>,
    ) -> HashMap<MemberId, Pos2> {
        let mut world = target.clone();
        if let Some(anim) = &self.animation {
            let now = ui.input(|i| i.time);
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
        world
    }

    /// Room for what is drawn around the members (left, right, top, bottom): external
    /// managers in the free layout, ring labels, the axis and discipline names in the ladder.
    pub(super) fn fit_margin(
        &self,
        painter: &egui::Painter,
        team: &Team,
        analysis: &Analysis,
        rect: Rect,
        guides: &Guides,
    ) -> [f32; 4] {
        let externals = team
            .members
            .iter()
            .any(|m| matches!(m.line_manager, LineManager::External { .. }));
        match self.layout {
            Layout::Free if externals => [
                40.0,
                self.external_box_width(painter, team, rect) + 40.0,
                40.0,
                50.0,
            ],
            Layout::Free => [60.0, 60.0, 30.0, 50.0],
            Layout::Rings => [40.0, 40.0, 20.0, 40.0],
            // Sloped discipline names need room to the left and below (see
            // `sloped_names_margin`); first for names on one line.
            Layout::Ladder => match guides {
                Guides::Ladder { columns, .. } => {
                    self.sloped_names_margin(painter, columns, analysis, false)
                }
                _ => [60.0, 30.0, 50.0, 60.0],
            },
        }
    }

    /// Zoom and pan so the layout (`target`) and its guides fill the map, less `margin`.
    pub(super) fn fit_picture(
        &mut self,
        painter: &egui::Painter,
        analysis: &Analysis,
        rect: Rect,
        target: &HashMap<MemberId, Pos2>,
        guides: &Guides,
        margin: [f32; 4],
    ) {
        let mut points: Vec<Pos2> = target.values().copied().collect();
        // The rings themselves belong in the picture, with their labels below them.
        if let Guides::Rings(rings) = guides {
            let outermost = rings.iter().map(|(r, _)| *r).fold(0.0, f32::max);
            let reach = points
                .iter()
                .map(|p| p.to_vec2().length())
                .fold(layout::CORE_RADIUS, f32::max);
            let r = outermost.min(reach + 40.0);
            points.extend([Pos2::new(-r, -r), Pos2::new(r, r)]);
        }
        let Guides::Ladder { columns, height } = guides else {
            self.fit_to(&points, rect, margin);
            return;
        };
        // The whole conditions axis, 0 to 1, belongs in the picture, across every column.
        if let (Some(first), Some(last)) = (columns.first(), columns.last()) {
            points.extend([Pos2::new(first.1, -height), Pos2::new(last.1, 0.0)]);
        }
        // Where the columns stand far enough apart for their names to lie flat under
        // them (a slide, a wide window), the ladder is fitted with room for three lines
        // of names under it instead of the sloped names' room: it is larger so.
        let line = 13.0 * self.text_scale * 1.3;
        let flat_margin = [
            (60.0 * self.text_scale).max(margin[0] * 0.4),
            60.0,
            50.0,
            self.column_names_drop() + 3.0 * line + 30.0,
        ];
        self.fit_to(&points, rect, flat_margin);
        if self.flat_column_names(painter, columns, analysis).is_some() {
            return;
        }
        self.fit_to(&points, rect, margin);
        // Where the columns stand far enough apart, long names take two lines, and the
        // room they give back makes the ladder larger (and the columns further apart still).
        if self.two_line_names(columns) {
            let margin = self.sloped_names_margin(painter, columns, analysis, true);
            self.fit_to(&points, rect, margin);
        }
    }
}
