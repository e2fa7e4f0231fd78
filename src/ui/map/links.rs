//! Line management on the map: arrows between members, and routed lines to the boxes of
//! managers outside the team.

use std::collections::HashMap;

use egui::{Align2, FontId, Pos2, Rect, Shape, Stroke, Vec2};

use crate::model::{AgencyId, LineManager, MemberId};

use super::{Frame, MapView};
use super::{EXTERNAL_BOX_GAP, EXTERNAL_BOX_TEXT, MAX_LINKS_DRAWN};

/// Length of an arrowhead on screen, whatever the zoom.
const ARROW_HEAD: f32 = 9.0;

/// A line from `start` whose head, a filled triangle of fixed size, touches `end`.
pub(super) fn arrow(painter: &egui::Painter, start: Pos2, end: Pos2, stroke: Stroke) {
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

/// Members by their manager outside the team (name and agency).
type ExternalGroups = HashMap<(String, AgencyId), Vec<MemberId>>;

impl MapView {
    /// Line management: an arrow from each manager in the team to each of their reports,
    /// and a box for each manager outside it, with lines to theirs. Returns the boxes.
    pub(super) fn draw_links(&self, f: &Frame) -> Vec<Rect> {
        // Thousands of arrows are unreadable and slow to draw: then only the selection's,
        // and none while thousands are selected.
        let crowded = f.team.members.len() > MAX_LINKS_DRAWN;
        if crowded {
            let too_many_selected = f.marks.selection.len() > MAX_LINKS_DRAWN;
            f.painter.text(
                f.painter.clip_rect().left_bottom() + Vec2::new(8.0, -8.0),
                Align2::LEFT_BOTTOM,
                if too_many_selected {
                    "Too many people selected to draw their line-management arrows: select fewer."
                } else {
                    "Too many people to draw every line-management arrow: select members to see theirs."
                },
                FontId::proportional(12.0),
                f.visuals.weak_text_color(),
            );
            if too_many_selected {
                return Vec::new();
            }
        }
        let external = self.draw_arrows(f, crowded);
        self.draw_external_managers(f, external)
    }

    /// The arrows between members (only the selection's where `crowded`); returns those
    /// whose manager is outside the team.
    fn draw_arrows(&self, f: &Frame, crowded: bool) -> ExternalGroups {
        let stroke = Stroke::new(1.4, f.visuals.text_color().gamma_multiply(0.45));
        let mut external = ExternalGroups::new();
        let fte: HashMap<MemberId, f64> = f
            .team
            .members
            .iter()
            .map(|m| (m.id, m.team_fte()))
            .collect();
        for m in &f.team.members {
            if crowded
                && !f.marks.selection.contains(&m.id)
                && !matches!(m.line_manager, LineManager::Member(b) if f.marks.selection.contains(&b))
            {
                continue;
            }
            let Some(to) = f.world.get(&m.id) else {
                continue;
            };
            match &m.line_manager {
                LineManager::Member(boss) => {
                    let (Some(from), Some(boss_fte)) = (f.world.get(boss), fte.get(boss)) else {
                        continue;
                    };
                    let (a, z) = (self.to_screen(*from), self.to_screen(*to));
                    let dir = (z - a).normalized();
                    let start = a + dir * self.screen_radius(*boss_fte);
                    let end = z - dir * self.screen_radius(m.team_fte());
                    if (end - start).length() > ARROW_HEAD + 2.0 {
                        arrow(f.painter, start, end, stroke);
                    }
                }
                LineManager::External { name, agency } => external
                    .entry((name.clone(), *agency))
                    .or_default()
                    .push(m.id),
                LineManager::NoManager => {}
            }
        }
        external
    }

    /// External managers stand in a column at the right edge of the map, in the order of
    /// their reports' height, so their boxes never overlap; a line runs to each report.
    fn draw_external_managers(&self, f: &Frame, external: ExternalGroups) -> Vec<Rect> {
        let (painter, visuals, team) = (f.painter, f.visuals, f.team);
        let font = FontId::proportional(EXTERNAL_BOX_TEXT * self.text_scale);
        let dotted = Stroke::new(1.0, visuals.text_color().gamma_multiply(0.35));
        let mut groups: Vec<((String, AgencyId), Vec<MemberId>, f32)> = external
            .into_iter()
            .map(|(key, reports)| {
                let ys: Vec<f32> = reports
                    .iter()
                    .filter_map(|id| f.world.get(id))
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
        let natural: Vec<f32> = galleys.iter().map(|g| g.size().y + 6.0).collect();
        let (heights, mut top) = stack_boxes(&natural, clip);
        // Other members' nodes, for routing the lines around them.
        let nodes: Vec<(Pos2, f32)> = if dashed {
            team.members
                .iter()
                .filter_map(|m| {
                    let p = f.world.get(&m.id)?;
                    Some((self.to_screen(*p), self.screen_radius(m.team_fte())))
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut boxes = Vec::new();
        for (((_, reports, _), galley), height) in groups.into_iter().zip(galleys).zip(heights) {
            let box_rect = Rect::from_min_size(
                Pos2::new(clip.right() - box_width - 8.0, top),
                Vec2::new(box_width, height),
            );
            top += height + EXTERNAL_BOX_GAP;
            let anchor = Pos2::new(box_rect.left(), box_rect.center().y);
            for id in &reports {
                let Some(m) = self.member(team, *id) else {
                    continue;
                };
                if let Some(p) = f.world.get(id) {
                    let z = self.to_screen(*p);
                    if dashed {
                        let route =
                            route_to_box(z, self.screen_radius(m.team_fte()), anchor, &nodes);
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
}

/// The heights of external managers' boxes stacked down the map's right edge (`clip`), and
/// the top of the first: each as tall as its text (`natural`), centred on the map; where
/// they cannot all fit, each gets an equal share of the height and its text is cut.
pub(super) fn stack_boxes(natural: &[f32], clip: Rect) -> (Vec<f32>, f32) {
    let room = clip.height() - 20.0;
    let fits = natural.iter().map(|h| h + EXTERNAL_BOX_GAP).sum::<f32>() <= room;
    let share = room / natural.len().max(1) as f32;
    let heights: Vec<f32> = natural
        .iter()
        .map(|h| {
            if fits {
                *h
            } else {
                h.min(share - EXTERNAL_BOX_GAP)
            }
        })
        .collect();
    let total: f32 = heights.iter().map(|h| h + EXTERNAL_BOX_GAP).sum();
    let top = (clip.center().y - total / 2.0).max(clip.top() + 10.0);
    (heights, top)
}

/// The line from a member (a node at `from`, radius `r`) to their external manager's box
/// (`to`, on its left edge), crossing as few other nodes (`nodes`, the member's own among
/// them) as it can: straight; across, then over to the box; or up or down, then across.
/// Each leg of a bend runs along a row or a column, where a tidy map's nodes leave room.
/// Ties go to the first, the shortest.
pub(super) fn route_to_box(from: Pos2, r: f32, to: Pos2, nodes: &[(Pos2, f32)]) -> Vec<Pos2> {
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

pub(super) fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: f32, y: f32) -> Pos2 {
        Pos2::new(x, y)
    }

    fn assert_near(a: f32, b: f32) {
        assert!((a - b).abs() < 1e-4, "{a} is not {b}");
    }

    #[test]
    fn a_clear_line_runs_straight_from_the_nodes_edge() {
        let route = route_to_box(p(0.0, 0.0), 10.0, p(100.0, 0.0), &[(p(0.0, 0.0), 10.0)]);
        assert_eq!(route, vec![p(10.0, 0.0), p(100.0, 0.0)]);
    }

    #[test]
    fn a_line_bends_round_the_nodes_in_its_way() {
        let from = p(0.0, 0.0);
        let to = p(100.0, 50.0);
        // A node on the straight line: across to the box's gutter (14 left of it), then over.
        let one = [(from, 10.0), (p(50.0, 25.0), 10.0)];
        assert_eq!(
            route_to_box(from, 10.0, to, &one),
            vec![p(10.0, 0.0), p(86.0, 0.0), p(100.0, 50.0)]
        );
        // And one on that row too: down first, then across.
        let two = [(from, 10.0), (p(50.0, 25.0), 10.0), (p(50.0, 0.0), 10.0)];
        assert_eq!(
            route_to_box(from, 10.0, to, &two),
            vec![p(0.0, 10.0), p(0.0, 50.0), p(100.0, 50.0)]
        );
        // Where every way crosses one, the first of the fewest: straight.
        let walled = [
            (from, 10.0),
            (p(50.0, 25.0), 10.0),
            (p(50.0, 0.0), 10.0),
            (p(0.0, 30.0), 10.0),
        ];
        assert_eq!(route_to_box(from, 10.0, to, &walled).len(), 2);
    }

    #[test]
    fn external_boxes_stack_centred_or_share_the_height() {
        let gap = EXTERNAL_BOX_GAP;
        let map = Rect::from_min_size(p(0.0, 0.0), egui::vec2(800.0, 600.0));
        // Two boxes of 40 and 60 fit: as tall as their text, centred on the map's middle.
        let (heights, top) = stack_boxes(&[40.0, 60.0], map);
        assert_eq!(heights, vec![40.0, 60.0]);
        assert_near(top, 244.0); // 300 − (40 + 6 + 60 + 6) / 2
                                 // Twenty of 40 cannot (580 of room): each gets a twentieth, less the gap, from the top.
        let (heights, top) = stack_boxes(&[40.0; 20], map);
        assert_eq!(heights, vec![29.0 - gap; 20]);
        assert_near(top, 10.0);
    }

    #[test]
    fn distance_to_a_segment_is_to_its_nearest_point() {
        assert_near(
            distance_to_segment(p(5.0, 5.0), p(0.0, 0.0), p(10.0, 0.0)),
            5.0,
        );
        assert_near(
            distance_to_segment(p(13.0, 4.0), p(0.0, 0.0), p(10.0, 0.0)),
            5.0,
        );
        assert_near(
            distance_to_segment(p(3.0, 4.0), p(0.0, 0.0), p(0.0, 0.0)),
            5.0,
        );
    }
}
