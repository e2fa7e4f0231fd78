//! The members themselves: circles sized by time in the team, coloured by discipline and
//! shaped by agency, with their labels placed where they collide with nothing.

use std::collections::HashMap;

use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2};

use super::labels::{label_places, label_places_further, label_size, LabelGrid, MemberLabel};
use super::style;
use super::MapView;
use super::{
    initials, MAX_DETAILED_NODES, MAX_KEYBOARD_NODES, MAX_LEADER_LABELS, MAX_MARKED_IN_DETAIL,
    MIN_RADIUS_FOR_LABELS, MIN_TARGET_RADIUS, TINY_RADIUS,
};
use crate::analysis::Analysis;
use crate::model::{AgencyId, MemberId, Team};

impl MapView {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn draw_nodes(
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
