//! Two versions of a team on screen: the changes in words and lists, a map with the
//! members who left as ghosts, and slope charts of each discipline's figures. Draws a
//! [`Comparison`] it is given; with names hidden the comparison names nobody, and the map
//! labels members as the room may see them (`labels`) and leavers not at all.

use std::collections::HashMap;
use std::fmt::Write as _;

use egui::{Color32, Pos2, Rect, RichText, Stroke, Vec2};
use egui_plot::{GridMark, Line, PlotPoints, Points};

use super::map::initials;
use super::style::{self, AgencyShape};
use crate::analysis::compare::{Comparison, Measure};
use crate::model::{MemberId, Team};

/// The marks of change on the map (Okabe–Ito: told apart with the common colour-vision
/// deficiencies, and each also said in words beside the node).
pub const JOINED: Color32 = Color32::from_rgb(0, 158, 115);
pub const CHANGED: Color32 = Color32::from_rgb(230, 159, 0);
pub const MOVED: Color32 = Color32::from_rgb(0, 114, 178);

/// What the comparison view shows below its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Changes,
    Map,
    Slopes,
}

impl Tab {
    pub const ALL: [Self; 3] = [Self::Changes, Self::Map, Self::Slopes];

    pub fn label(self) -> &'static str {
        match self {
            Self::Changes => "Changes",
            Self::Map => "Map",
            Self::Slopes => "Slope charts",
        }
    }
}

/// The findings, as a list to read out.
pub fn findings(ui: &mut egui::Ui, c: &Comparison, size: f32) {
    for f in &c.findings {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("•").size(size));
            ui.label(RichText::new(f).size(size));
        });
    }
}

/// Members added, removed, changed and moved, then the disciplines side by side.
pub fn changes(ui: &mut egui::Ui, c: &Comparison) {
    ui.heading("Members");
    if c.names_hidden() {
        ui.label(format!(
            "{} joined, {} left, {} changed, {} moved to the core, {} moved to the edge. Names are hidden, so members are counted and not listed.",
            c.added.len(),
            c.removed.len(),
            c.changed.len(),
            c.moved_to_core.len(),
            c.moved_to_periphery.len()
        ));
    } else {
        let list =
            |ui: &mut egui::Ui, title: &str, members: &[crate::analysis::compare::MemberRef]| {
                ui.label(RichText::new(format!("{title} ({})", members.len())).strong());
                if members.is_empty() {
                    ui.label(RichText::new("  nobody").weak());
                }
                for m in members {
                    ui.label(format!("  {} ({})", m.name, m.discipline));
                }
                ui.add_space(4.0);
            };
        ui.columns(2, |cols| {
            list(&mut cols[0], "Joined", &c.added);
            list(&mut cols[0], "Left", &c.removed);
            list(
                &mut cols[1],
                "Moved from the edge to the core",
                &c.moved_to_core,
            );
            list(
                &mut cols[1],
                "Moved from the core to the edge",
                &c.moved_to_periphery,
            );
        });
        ui.label(RichText::new(format!("Changed ({})", c.changed.len())).strong());
        egui::Grid::new("changed_members")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                for m in &c.changed {
                    ui.label(&m.member.name);
                    ui.label(RichText::new(format!("matched by {}", m.matched_by.label())).weak())
                        .on_hover_text("id: the same member in two versions of one file; name: the same name and discipline in files that do not share ids");
                    let fields: Vec<String> = m
                        .fields
                        .iter()
                        .map(|f| format!("{}: {} to {}", f.field, f.old, f.new))
                        .collect();
                    ui.label(fields.join("; "));
                    ui.end_row();
                }
            });
    }
    ui.add_space(10.0);
    ui.heading("Disciplines, before and after");
    let hidden = c.names_hidden();
    egui::Grid::new("compare_disciplines")
        .striped(true)
        .num_columns(Measure::ALL.len() + 1)
        .show(ui, |ui| {
            ui.label(RichText::new("Discipline").strong());
            for m in Measure::ALL {
                ui.label(RichText::new(m.label(hidden)).strong());
            }
            ui.end_row();
            for row in crate::analysis::compare::table_rows(c, "to") {
                for cell in row {
                    ui.label(cell);
                }
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.label(RichText::new(crate::analysis::compare::INDEX_NOTE).weak());
}

/// Where each member is drawn, fitted to `rect`: the new version's members, and the old
/// version's leavers as ghosts where they were.
struct Placed {
    pos: Pos2,
    colour: Color32,
    shape: AgencyShape,
    label: Option<String>,
    ghost: bool,
    marks: Vec<(Color32, &'static str)>,
}

/// The map of the new version with leavers as ghosts, joiners, changed members and moves
/// marked. `labels` names each member of `new` as the room may see them (display labels
/// with names hidden), or `None` to use names.
#[allow(clippy::implicit_hasher)] // the labels come from `display_labels`, one hasher
pub fn map(
    ui: &mut egui::Ui,
    c: &Comparison,
    old: &Team,
    new: &Team,
    labels: Option<&HashMap<MemberId, String>>,
) {
    legend(ui, c.names_hidden());
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), egui::Sense::hover());
    // For a screen reader (and the tests), what the picture shows, in words.
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, map_description(c)));
    let painter = ui.painter_at(rect);
    let placed = place(c, old, new, labels);
    if placed.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Neither version has members.",
            egui::FontId::proportional(16.0),
            ui.visuals().weak_text_color(),
        );
        return;
    }
    let (min, max) = placed.iter().fold(
        (
            Pos2::new(f32::INFINITY, f32::INFINITY),
            Pos2::new(f32::NEG_INFINITY, f32::NEG_INFINITY),
        ),
        |(lo, hi), p| (lo.min(p.pos), hi.max(p.pos)),
    );
    // Room for the widest label at the sides, and for a label and its words below.
    let inner = Rect::from_min_max(
        rect.min + Vec2::new(90.0, 24.0),
        rect.max - Vec2::new(90.0, 56.0),
    );
    let span = (max - min).max(Vec2::splat(1.0));
    let scale = (inner.width() / span.x)
        .min(inner.height() / span.y)
        .min(2.5);
    let centre = Pos2::new(f32::midpoint(min.x, max.x), f32::midpoint(min.y, max.y));
    let to_screen = |p: Pos2| inner.center() + (p - centre) * scale;
    let r = (12.0 * scale.sqrt()).clamp(6.0, 18.0);
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    for p in &placed {
        let at = to_screen(p.pos);
        if p.ghost {
            style::draw_node(
                &painter,
                p.shape,
                at,
                r,
                Color32::TRANSPARENT,
                Stroke::new(1.5, weak),
                true,
            );
        } else {
            for (i, (colour, _)) in p.marks.iter().enumerate() {
                painter.circle_stroke(at, r + 4.0 + 4.0 * i as f32, Stroke::new(3.0, *colour));
            }
            style::draw_node(
                &painter,
                p.shape,
                at,
                r,
                p.colour,
                Stroke::new(1.0, text),
                false,
            );
        }
    }
    // Labels after every node, greedily: members with something to say first (joined,
    // left, changed, moved), each with its full name if that fits clear of the labels and
    // nodes already placed, else initials, else none. The story is in the marked members.
    let mut taken: Vec<Rect> = placed
        .iter()
        .map(|p| Rect::from_center_size(to_screen(p.pos), Vec2::splat(2.0 * r)))
        .collect();
    let mut order: Vec<&Placed> = placed.iter().collect();
    order.sort_by_key(|p| p.marks.is_empty() && !p.ghost);
    for p in order {
        let at = to_screen(p.pos);
        let mut words: Vec<&str> = p.marks.iter().map(|(_, w)| *w).collect();
        if p.ghost {
            words.push("left");
        }
        let ring = r + 4.0 + 4.0 * p.marks.len() as f32;
        let colour = if p.ghost { weak } else { text };
        // Name and note, initials and note, initials alone (the rings still tell); each
        // below the node, then above it.
        let candidates: Vec<(String, bool)> = match &p.label {
            Some(label) => vec![
                (label.clone(), true),
                (initials(label), true),
                (initials(label), false),
            ],
            None => vec![(String::new(), true)],
        };
        'placing: for (label, with_note) in candidates {
            let name = (!label.is_empty()).then(|| {
                painter.layout_no_wrap(label.clone(), egui::FontId::proportional(13.0), colour)
            });
            let note = (with_note && !words.is_empty()).then(|| {
                painter.layout_no_wrap(words.join(", "), egui::FontId::proportional(12.0), weak)
            });
            let width = name
                .as_ref()
                .map_or(0.0, |g| g.size().x)
                .max(note.as_ref().map_or(0.0, |g| g.size().x));
            let height = name.as_ref().map_or(0.0, |g| g.size().y)
                + note.as_ref().map_or(0.0, |g| g.size().y);
            if height == 0.0 {
                break;
            }
            for top in [at.y + ring, at.y - ring - height] {
                let area = Rect::from_min_size(
                    Pos2::new(at.x - width / 2.0, top),
                    Vec2::new(width, height),
                );
                if taken.iter().any(|t| t.intersects(area)) {
                    continue;
                }
                taken.push(area);
                let mut y = top;
                for g in [name, note].into_iter().flatten() {
                    let size = g.size();
                    painter.galley(Pos2::new(at.x - size.x / 2.0, y), g, colour);
                    y += size.y;
                }
                break 'placing;
            }
        }
    }
}

/// "Map of changes. Joined: Amy Cartwright, Grace Mensah. Left: Dr Rachel Adams. …", or
/// with names hidden the counts.
fn map_description(c: &Comparison) -> String {
    let lists = [
        ("Joined", c.added.iter().collect::<Vec<_>>()),
        ("Left", c.removed.iter().collect()),
        ("Changed", c.changed.iter().map(|m| &m.member).collect()),
        ("Moved to the core", c.moved_to_core.iter().collect()),
        ("Moved to the edge", c.moved_to_periphery.iter().collect()),
    ];
    let mut out = "Map of changes.".to_owned();
    for (title, members) in lists {
        if c.names_hidden() {
            if title != "Changed" {
                let _ = write!(out, " {title}: {}.", members.len());
            }
        } else if !members.is_empty() {
            let names: Vec<&str> = members.iter().map(|m| m.name.as_str()).collect();
            let _ = write!(out, " {title}: {}.", names.join(", "));
        }
    }
    out
}

fn legend(ui: &mut egui::Ui, hidden: bool) {
    ui.horizontal_wrapped(|ui| {
        let chip = |ui: &mut egui::Ui, colour: Color32, text: &str| {
            let (r, _) = ui.allocate_exact_size(Vec2::splat(16.0), egui::Sense::hover());
            ui.painter()
                .circle_stroke(r.center(), 6.0, Stroke::new(3.0, colour));
            ui.label(text);
            ui.add_space(10.0);
        };
        chip(ui, JOINED, "joined");
        if !hidden {
            chip(ui, CHANGED, "changed");
        }
        chip(ui, MOVED, "moved between core and edge");
        let (r, _) = ui.allocate_exact_size(Vec2::splat(16.0), egui::Sense::hover());
        let dashed = AgencyShape::Circle.points(r.center(), 6.0);
        let mut closed = dashed.clone();
        closed.push(dashed[0]);
        ui.painter().extend(egui::Shape::dashed_line(
            &closed,
            Stroke::new(1.5, ui.visuals().weak_text_color()),
            3.0,
            2.0,
        ));
        ui.label("left (where they were)");
        if hidden {
            ui.add_space(10.0);
            ui.label(
                RichText::new("Names are hidden: what changed for each person is not marked.")
                    .weak(),
            );
        }
    });
}

fn place(
    c: &Comparison,
    old: &Team,
    new: &Team,
    labels: Option<&HashMap<MemberId, String>>,
) -> Vec<Placed> {
    let colour_of = |t: &Team, m: &crate::model::Member| {
        t.discipline(m.discipline)
            .map_or(Color32::GRAY, |d| style::rgb(d.colour))
    };
    let shape_of = |t: &Team, m: &crate::model::Member| {
        AgencyShape::for_index(
            t.agencies
                .iter()
                .position(|a| a.id == m.agency)
                .unwrap_or(0),
        )
    };
    let added: std::collections::HashSet<MemberId> = c.added.iter().map(|m| m.id).collect();
    let changed: std::collections::HashSet<MemberId> =
        c.changed.iter().map(|m| m.member.id).collect();
    let moved: HashMap<MemberId, &'static str> = c
        .moved_to_core
        .iter()
        .map(|m| (m.id, "to the core"))
        .chain(c.moved_to_periphery.iter().map(|m| (m.id, "to the edge")))
        .collect();
    let mut out: Vec<Placed> = new
        .members
        .iter()
        .map(|m| {
            let mut marks = Vec::new();
            if added.contains(&m.id) {
                marks.push((JOINED, "joined"));
            }
            if !c.names_hidden() && changed.contains(&m.id) {
                marks.push((CHANGED, "changed"));
            }
            if let Some(w) = moved.get(&m.id) {
                marks.push((MOVED, *w));
            }
            Placed {
                pos: Pos2::new(m.position.x, m.position.y),
                colour: colour_of(new, m),
                shape: shape_of(new, m),
                label: Some(
                    labels
                        .and_then(|l| l.get(&m.id).cloned())
                        .unwrap_or_else(|| m.name.clone()),
                ),
                ghost: false,
                marks,
            }
        })
        .collect();
    for r in &c.removed {
        if let Some(m) = old.member(r.id) {
            out.push(Placed {
                pos: Pos2::new(m.position.x, m.position.y),
                colour: colour_of(old, m),
                shape: shape_of(old, m),
                label: (!c.names_hidden()).then(|| m.name.clone()),
                ghost: true,
                marks: Vec::new(),
            });
        }
    }
    out
}

/// One slope chart per measure: each discipline in both versions a line from before to
/// after, in its colour. Withheld figures are not drawn.
pub fn slopes(
    ui: &mut egui::Ui,
    c: &Comparison,
    (old, new): (&Team, &Team),
    measures: &[Measure],
    columns: usize,
    text_size: f32,
) {
    let hidden = c.names_hidden();
    let colour = |name: &str| {
        let key = name.trim().to_lowercase();
        new.disciplines
            .iter()
            .chain(&old.disciplines)
            .find(|d| d.name.trim().to_lowercase() == key)
            .map_or(Color32::GRAY, |d| style::rgb(d.colour))
    };
    let shown: Vec<_> = c.disciplines.iter().filter(|d| c.comparable(d)).collect();
    ui.horizontal_wrapped(|ui| {
        for d in &shown {
            let (r, _) = ui.allocate_exact_size(Vec2::splat(12.0), egui::Sense::hover());
            ui.painter().rect_filled(r, 2.0, colour(&d.name));
            ui.label(RichText::new(&d.name).size(text_size * 0.85));
            ui.add_space(8.0);
        }
    });
    if shown.is_empty() {
        ui.label("No discipline can be set side by side: none is in both versions (or, with names hidden, large enough in both).");
        return;
    }
    let columns = columns.max(1);
    let rows = measures.len().div_ceil(columns);
    let cell = Vec2::new(
        ui.available_width() / columns as f32 - 8.0,
        (ui.available_height() / rows as f32 - 8.0).max(120.0),
    );
    egui::Grid::new("slopes")
        .num_columns(columns)
        .spacing([8.0, 8.0])
        .show(ui, |ui| {
            for (i, m) in measures.iter().enumerate() {
                ui.vertical(|ui| {
                    ui.set_width(cell.x);
                    ui.label(RichText::new(m.label(hidden)).size(text_size).strong());
                    let m = *m;
                    let drawn = shown.iter().any(|d| {
                        let value = |side: &Option<_>| side.as_ref().and_then(|s| m.value(s, hidden));
                        value(&d.old).is_some() && value(&d.new).is_some()
                    });
                    // An empty plot with a lone "£0k" reads as a figure; say why there is none.
                    if !drawn {
                        ui.allocate_ui(Vec2::new(cell.x, cell.y - text_size * 1.6), |ui| {
                            ui.label(
                                RichText::new(if hidden {
                                    "Withheld: with names hidden, no group here shows this figure in both versions."
                                } else {
                                    "No discipline has this figure in both versions."
                                })
                                .size(text_size * 0.85)
                                .weak(),
                            );
                        });
                        return;
                    }
                    super::charts::plain_plot(&format!("slope_{i}"))
                        .height(cell.y - text_size * 1.6)
                        .include_x(-0.15)
                        .include_x(1.15)
                        .show_grid([false, true])
                        .x_grid_spacer(|_| {
                            vec![
                                GridMark {
                                    value: 0.0,
                                    step_size: 1.0,
                                },
                                GridMark {
                                    value: 1.0,
                                    step_size: 1.0,
                                },
                            ]
                        })
                        // Which versions these are is said above the charts.
                        .x_axis_formatter(|mark, _| {
                            if mark.value < 0.5 { "Before" } else { "After" }.to_owned()
                        })
                        .y_axis_formatter(move |mark, _| {
                            let v = mark.value;
                            match m {
                                Measure::Pay => format!("£{:.0}k", v / 1000.0),
                                Measure::CoreShare => format!("{:.0}%", v * 100.0),
                                _ => format!("{v}"),
                            }
                        })
                        .show(ui, |plot| {
                            for d in &shown {
                                let (Some(before), Some(after)) = (&d.old, &d.new) else {
                                    continue;
                                };
                                let (Some(a), Some(b)) =
                                    (m.value(before, hidden), m.value(after, hidden))
                                else {
                                    continue;
                                };
                                let col = colour(&d.name);
                                plot.line(
                                    Line::new(
                                        d.name.clone(),
                                        PlotPoints::from(vec![[0.0, a], [1.0, b]]),
                                    )
                                    .color(col)
                                    .width(2.5),
                                );
                                plot.points(
                                    Points::new(d.name.clone(), vec![[0.0, a], [1.0, b]])
                                        .color(col)
                                        .radius(4.0),
                                );
                            }
                        });
                });
                if (i + 1) % columns == 0 {
                    ui.end_row();
                }
            }
        });
}
