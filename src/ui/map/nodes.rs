//! The members themselves: circles sized by time in the team, coloured by discipline and
//! shaped by agency, with their labels placed where they collide with nothing.

use std::collections::HashMap;

use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2};

use super::labels::{
    distinct_initials, label_estimate, label_places, label_places_further, label_size, LabelGrid,
    MemberLabel,
};
use super::style;
use super::{Frame, MapView};
use super::{
    MAX_DETAILED_NODES, MAX_KEYBOARD_NODES, MAX_LEADER_LABELS, MIN_RADIUS_FOR_LABELS,
    MIN_TARGET_RADIUS, TINY_RADIUS,
};
use crate::model::{AgencyId, Member, MemberId};

/// What a member's label says: their name (or job title, where names are hidden) and
/// discipline.
fn label_text<'t>(f: &Frame<'t>, m: &'t Member) -> (&'t str, &'t str) {
    let title = if m.name.trim().is_empty() {
        m.job_title.as_str()
    } else {
        m.name.as_str()
    };
    let discipline = f
        .team
        .discipline(m.discipline)
        .map_or("", |d| d.name.as_str());
    (title, discipline)
}

impl MapView {
    /// The members and their labels; returns each label drawn (for `--dump-layout`). Labels
    /// keep off `obstacles`: the external managers' boxes and the guides' text.
    pub(super) fn draw_nodes(
        &self,
        f: &Frame,
        obstacles: &[Rect],
    ) -> Vec<(MemberId, Rect, String)> {
        let hovered = f.hover.and_then(|p| self.hit(f.world, f.team, p));
        let (members, nodes) = self.paint_members(f, obstacles);
        let placed = self.place_labels(f, members, &nodes, hovered);
        let drawn = self.paint_labels(f, placed);
        if let Some(m) = hovered.and_then(|id| self.member(f.team, id)) {
            Self::paint_tip(f, m);
        }
        drawn
    }

    /// In teams of a size a room reads, every label is fitted in (shortened where crowded,
    /// and never over a node); in larger ones, crowded labels give way.
    fn fits_every_label(f: &Frame) -> bool {
        f.team.members.len() <= MAX_KEYBOARD_NODES
    }

    /// The fonts of a label's two lines: name, then discipline.
    fn label_fonts(&self) -> (FontId, FontId) {
        (
            FontId::proportional(13.0 * self.text_scale),
            FontId::proportional(11.0 * self.text_scale),
        )
    }

    /// Paint every member on screen; returns them in team order, to be labelled, and the
    /// space their nodes (and `obstacles`) claim, which labels keep off.
    fn paint_members<'t>(&self, f: &Frame<'t>, obstacles: &[Rect]) -> (Vec<&'t Member>, LabelGrid) {
        let (team, painter, visuals) = (f.team, f.painter, f.visuals);
        let agency_index: HashMap<AgencyId, usize> = team
            .agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let shorten = Self::fits_every_label(f);
        let colours: HashMap<crate::model::DisciplineId, Color32> = team
            .disciplines
            .iter()
            .map(|d| (d.id, style::rgb(d.colour)))
            .collect();
        let mut members: Vec<&Member> = Vec::new();
        let mut tiny = egui::Mesh::default();
        // With thousands of members on screen at once, every node is a small square: outlines,
        // dashes and labels would only pile up (and cost a software renderer seconds a frame).
        let clip = painter.clip_rect();
        let visible = f
            .world
            .values()
            .filter(|p| clip.contains(self.to_screen(**p)))
            .count();
        let dense = visible > MAX_DETAILED_NODES;
        let many_marked = f.marks.many();
        // On a slide, a label must not cover another member: nodes claim their space first.
        let mut nodes = LabelGrid::default();
        for r in obstacles {
            nodes.insert(*r);
        }
        for m in &team.members {
            let Some(p) = f.world.get(&m.id) else {
                continue;
            };
            let centre = self.to_screen(*p);
            let r = self.screen_radius(m.team_fte());
            if !clip.expand(r + 4.0).contains(centre) {
                continue;
            }
            let colour = colours.get(&m.discipline).copied().unwrap_or(Color32::GRAY);
            let selected = f.marks.selection.contains(&m.id);
            let marked = selected || f.marks.highlight.contains(&m.id);
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
            if f.marks.highlight.contains(&m.id) {
                painter.circle_stroke(centre, r + 6.0, Stroke::new(3.0, style::HIGHLIGHT));
            }
            if selected {
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
                Stroke::new(1.6, visuals.text_color()),
                m.is_part_time_or_split(),
            );
            if self.read_only || shorten {
                nodes.insert(Rect::from_center_size(
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
            members.push(m);
        }
        painter.add(Shape::mesh(tiny));
        (members, nodes)
    }

    /// Where every label goes, worked out before any is painted. In a team a room reads,
    /// every member first gets their shortest label (initials) wherever one fits, then each
    /// label grows to the name, and to the name and discipline, where there is room: so a
    /// crowded corner shortens its labels instead of losing some.
    fn place_labels(
        &self,
        f: &Frame,
        mut members: Vec<&Member>,
        nodes: &LabelGrid,
        hovered: Option<MemberId>,
    ) -> Vec<MemberLabel> {
        let shorten = Self::fits_every_label(f);
        // Initials no two professions share (in a team a room reads: cheap at its size).
        let short = if shorten {
            distinct_initials(members.iter().map(|m| label_text(f, m).0))
        } else {
            std::collections::HashMap::new()
        };
        // Labels on leader lines, where none fits beside the node, in teams a room reads
        // member by member (the search costs a crowded large team milliseconds a frame).
        let leaders = f.team.members.len() <= MAX_LEADER_LABELS;
        let many_marked = f.marks.many();
        let (font, small) = self.label_fonts();
        let clip = f.painter.clip_rect();
        let mut taken = LabelGrid::default();
        // Selected and hovered members claim label space first.
        members.sort_by_key(|m| {
            std::cmp::Reverse((
                f.marks.selection.contains(&m.id) || hovered == Some(m.id),
                f.marks.highlight.contains(&m.id),
            ))
        });
        let mut placed: Vec<MemberLabel> = Vec::new();
        for m in members {
            let Some(p) = f.world.get(&m.id) else {
                continue;
            };
            let r = self.screen_radius(m.team_fte());
            let important =
                hovered == Some(m.id) || (!many_marked && f.marks.selection.contains(&m.id));
            if r < MIN_RADIUS_FOR_LABELS && !important && !shorten {
                continue;
            }
            let centre = self.to_screen(*p);
            // Labels keep off all of a small node's target, not only what is painted.
            let r = r.max(MIN_TARGET_RADIUS);
            let (title, discipline) = label_text(f, m);
            // Test an estimate first: laying out text that will give way is the costliest
            // part of a crowded frame.
            let estimate = label_estimate(centre, r, title, discipline, self.text_scale);
            if !important && !shorten && taken.overlaps(estimate) {
                continue;
            }
            let shortest = shorten.then(|| short.get(title).map_or(title, String::as_str));
            let mut label = MemberLabel::new(m.id, title, discipline, centre, r, shortest);
            // The selected and hovered have their full label, over anything.
            let first = if important || !shorten {
                0
            } else {
                label.forms.len() - 1
            };
            let size = label_size(f.painter, &label.forms[first], &font, &small);
            let free = |rect: &Rect| {
                important
                    || ((!shorten || clip.contains_rect(*rect))
                        && !(taken.overlaps(*rect) || nodes.overlaps(*rect)))
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
            taken.insert(rect);
            label.form = first;
            label.rect = rect;
            placed.push(label);
        }
        if shorten {
            for label in &mut placed {
                taken.remove(label.rect);
                for form in 0..label.form {
                    let size = label_size(f.painter, &label.forms[form], &font, &small);
                    let free = label_places(label.centre, label.r, size, true)
                        .into_iter()
                        .find(|rect| {
                            clip.contains_rect(*rect)
                                && !(taken.overlaps(*rect) || nodes.overlaps(*rect))
                        });
                    if let Some(rect) = free {
                        label.form = form;
                        label.rect = rect;
                        break;
                    }
                }
                taken.insert(label.rect);
            }
        }
        placed
    }

    /// Paint the placed labels, each also a node in the accessibility tree; returns what
    /// each says and where.
    fn paint_labels(&self, f: &Frame, placed: Vec<MemberLabel>) -> Vec<(MemberId, Rect, String)> {
        let (painter, visuals) = (f.painter, f.visuals);
        let (font, small) = self.label_fonts();
        let mut drawn = Vec::new();
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
            let g1 =
                painter.layout_no_wrap(line1.clone(), font.clone(), visuals.strong_text_color());
            let g2 =
                painter.layout_no_wrap(line2.clone(), small.clone(), visuals.weak_text_color());
            drawn.push((label.id, rect, text));
            // Painted text is invisible to screen readers (and to UI tests): each label
            // also becomes a node in the accessibility tree.
            f.ui.ctx().accesskit_node_builder(
                f.ui.make_persistent_id(("member_label", label.id.0)),
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
        drawn
    }

    /// The hovered member's card: who they are, and (with names shown) their pay and
    /// conditions. Painted rather than a tooltip window: a window under the pointer would
    /// swallow the next click on a neighbouring member.
    fn paint_tip(f: &Frame, m: &Member) {
        let (team, analysis, visuals) = (f.team, f.analysis, f.visuals);
        // With names hidden, one person's pay and conditions are never shown.
        let conditions = if analysis.min_group().is_some() {
            String::new()
        } else {
            let salary = team
                .fte_salary(m)
                .map_or_else(|| "n/a".to_owned(), crate::format::money);
            let index = analysis
                .member(m.id)
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
        let tip_painter = f.ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            egui::Id::unique("map_member_tip"),
        ));
        let galley =
            tip_painter.layout(tip, FontId::proportional(13.0), visuals.text_color(), 360.0);
        let pointer_pos = f.hover.unwrap_or_default();
        let mut tip_rect = Rect::from_min_size(
            pointer_pos + Vec2::new(18.0, 18.0),
            galley.size() + Vec2::splat(12.0),
        );
        let clip = f.painter.clip_rect();
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
