//! What the layouts draw behind the members: the rings of core and periphery, the ladder's
//! columns and their names, and the external managers' boxes' width.

use std::collections::BTreeSet;

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Vec2};

use super::{Frame, MapView};
use super::{COLUMN_NAME_SLOPE, EXTERNAL_BOX_TEXT};
use crate::analysis::layout::{self, Guides};
use crate::analysis::Analysis;
use crate::model::{LineManager, Team};

impl MapView {
    /// The rings or the ladder's axis and columns behind the members; returns where their
    /// text went, which members' labels keep off. Ring labels keep off `nodes`.
    pub(super) fn draw_guides(&self, frame: &Frame, guides: &Guides, nodes: &[Rect]) -> Vec<Rect> {
        let (painter, analysis, visuals) = (frame.painter, frame.analysis, frame.visuals);
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
    pub(super) fn external_box_width(
        &self,
        painter: &egui::Painter,
        team: &Team,
        map: Rect,
    ) -> f32 {
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
    pub(super) fn sloped_names_margin(
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
    pub(super) fn two_line_names(
        &self,
        columns: &[(Option<crate::model::DisciplineId>, f32)],
    ) -> bool {
        let spacing = columns
            .windows(2)
            .map(|w| (w[1].1 - w[0].1) * self.zoom)
            .fold(f32::INFINITY, f32::min);
        let line = 13.0 * self.text_scale * 1.3;
        spacing * COLUMN_NAME_SLOPE.abs().sin() >= 2.0 * line + 4.0
    }

    /// How far under the ladder's axis the discipline names start: clear of the nodes of
    /// those at 0.
    pub(super) fn column_names_drop(&self) -> f32 {
        30.0 * self.zoom.clamp(0.4, 1.0) + 6.0
    }

    /// The ladder's discipline names wrapped to lie flat under their columns at this zoom,
    /// if every one fits in three lines within its column's room; `None` where the columns
    /// stand too close together (then the names slope).
    pub(super) fn flat_column_names(
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
}

/// External managers' boxes take a slice of the map's width, never most of it.
/// The width of the widest of `texts` on one line in `font`.
pub(super) fn widest<'a>(
    painter: &egui::Painter,
    font: &FontId,
    texts: impl Iterator<Item = &'a str>,
) -> f32 {
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
pub(super) fn sloped_column_name(
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

/// The name under a ladder column: the discipline's, with its n when names are hidden, or the
/// withheld disciplines together.
pub(super) fn column_name(analysis: &Analysis, id: Option<crate::model::DisciplineId>) -> String {
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
