//! Where a member's label may go, and a grid that finds collisions between labels fast: pure
//! geometry, no painting.

use std::collections::HashMap;

use egui::{Color32, FontId, Pos2, Rect, Vec2};

use crate::model::MemberId;

/// A member's label: the forms it may take (longest first: name and discipline, name,
/// initials), the one chosen, and where.
pub(super) struct MemberLabel {
    pub(super) id: MemberId,
    pub(super) title: String,
    pub(super) discipline: String,
    pub(super) centre: Pos2,
    pub(super) r: f32,
    pub(super) forms: Vec<(String, String)>,
    pub(super) form: usize,
    pub(super) rect: Rect,
}

/// The size of a label of one or two lines.
pub(super) fn label_size(
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
pub(super) fn label_places(centre: Pos2, r: f32, size: Vec2, all: bool) -> Vec<Rect> {
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
pub(super) fn label_places_further(centre: Pos2, r: f32, size: Vec2) -> impl Iterator<Item = Rect> {
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
pub(super) struct LabelGrid {
    pub(super) cells: HashMap<(i32, i32), Vec<Rect>>,
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

    pub(super) fn overlaps(&self, rect: Rect) -> bool {
        Self::cells_of(rect).any(|c| {
            self.cells
                .get(&c)
                .is_some_and(|v| v.iter().any(|o| o.intersects(rect)))
        })
    }

    pub(super) fn insert(&mut self, rect: Rect) {
        for c in Self::cells_of(rect) {
            self.cells.entry(c).or_default().push(rect);
        }
    }

    pub(super) fn remove(&mut self, rect: Rect) {
        for c in Self::cells_of(rect) {
            if let Some(cell) = self.cells.get_mut(&c) {
                if let Some(k) = cell.iter().position(|o| *o == rect) {
                    cell.swap_remove(k);
                }
            }
        }
    }
}
