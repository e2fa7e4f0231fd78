//! Where members sit in each map layout. Pure geometry from the team and its analysis (no
//! egui), so it is tested like the analysis and cached by the team's revision.

use std::collections::HashMap;

use crate::analysis::Analysis;
use crate::model::{DisciplineId, MemberId, Position, Team};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Layout {
    /// The manager's own positions, saved in the file.
    #[default]
    Free,
    /// Core on the inner ring, peripheral further out by time in team.
    Rings,
    /// Height is the conditions index; disciplines run across.
    Ladder,
}

impl Layout {
    pub const ALL: [Self; 3] = [Self::Free, Self::Rings, Self::Ladder];

    pub fn id(self) -> &'static str {
        match self {
            Self::Free => "map",
            Self::Rings => "rings",
            Self::Ladder => "ladder",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.id() == id)
    }
}

/// Ring radii in map units: the core band lies inside `CORE_RADIUS`; a member with almost
/// no time in the team sits at `OUTER_RADIUS`.
pub const INNER_RADIUS: f32 = 150.0;
pub const CORE_RADIUS: f32 = 340.0;
pub const OUTER_RADIUS: f32 = 640.0;
/// Neighbours on a ring step in and out by this much, so a crowded discipline stays legible.
const STAGGER: f32 = 22.0;
/// Ladder geometry: status 0 at y = 0, status 1 at y = −`LADDER_HEIGHT`.
pub const LADDER_HEIGHT: f32 = 600.0;
pub const LADDER_COLUMN: f32 = 130.0;
const LADDER_SPREAD: f32 = 30.0;

/// The guides drawn behind a layout.
#[derive(Clone, Debug, PartialEq)]
pub enum Guides {
    None,
    /// Circles with their labels: (radius, label).
    Rings(Vec<(f32, String)>),
    /// Discipline columns (id, x centre) over a conditions axis from 0 to 1. With names
    /// hidden, `None` is the column of the withheld disciplines together.
    Ladder(Vec<(Option<DisciplineId>, f32)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub positions: HashMap<MemberId, Position>,
    pub guides: Guides,
}

pub fn place(team: &Team, analysis: &Analysis, layout: Layout) -> Placement {
    match layout {
        Layout::Free => Placement {
            positions: team.members.iter().map(|m| (m.id, m.position)).collect(),
            guides: Guides::None,
        },
        Layout::Rings => rings(team, analysis),
        Layout::Ladder => ladder(team, analysis),
    }
}

/// Disciplines in ladder order (highest status first), so both layouts group alike.
fn discipline_order(analysis: &Analysis) -> Vec<DisciplineId> {
    analysis.disciplines.iter().map(|d| d.id).collect()
}

fn rings(team: &Team, analysis: &Analysis) -> Placement {
    let order = discipline_order(analysis);
    let rank = |d: DisciplineId| order.iter().position(|x| *x == d).unwrap_or(order.len());
    let mut members: Vec<_> = team.members.iter().collect();
    members.sort_by_key(|m| (rank(m.discipline), m.id));
    // Angular slots: one per member plus a gap between discipline groups.
    let groups = members
        .windows(2)
        .filter(|w| w[0].discipline != w[1].discipline)
        .count()
        + 1;
    let slots = (members.len() + groups).max(1) as f32;
    let threshold = team.core_threshold.clamp(0.01, 1.0);
    let mut positions = HashMap::new();
    let mut slot = 0.0;
    for (i, m) in members.iter().enumerate() {
        if i > 0 && members[i - 1].discipline != m.discipline {
            slot += 1.0;
        }
        let angle = std::f32::consts::TAU * slot / slots - std::f32::consts::FRAC_PI_2;
        slot += 1.0;
        let fte = m.team_fte().clamp(0.0, 1.0) as f32;
        let radius = if team.is_core(m) {
            // More time in the team, nearer the middle.
            let t = ((fte - threshold as f32) / (1.0 - threshold as f32).max(0.01)).clamp(0.0, 1.0);
            CORE_RADIUS - 40.0 - t * (CORE_RADIUS - 40.0 - INNER_RADIUS)
        } else {
            let t = (fte / threshold as f32).clamp(0.0, 1.0);
            OUTER_RADIUS - STAGGER - t * (OUTER_RADIUS - CORE_RADIUS - 40.0 - 2.0 * STAGGER)
        };
        let radius = radius + if i % 2 == 0 { STAGGER } else { -STAGGER };
        let (sin, cos) = angle.sin_cos();
        positions.insert(
            m.id,
            Position {
                x: cos * radius,
                y: sin * radius,
            },
        );
    }
    Placement {
        positions,
        guides: Guides::Rings(vec![
            (
                CORE_RADIUS,
                format!("core: {threshold:.2} FTE or more in this team"),
            ),
            (
                OUTER_RADIUS + 40.0,
                "peripheral: less time in this team, further out".to_owned(),
            ),
        ]),
    }
}

fn ladder(team: &Team, analysis: &Analysis) -> Placement {
    let safe = analysis.min_group().is_some();
    // With names hidden, one column per shown discipline, then one for the withheld together.
    let mut order: Vec<Option<DisciplineId>> = analysis
        .disciplines
        .iter()
        .filter(|d| !safe || (d.figures.headcount > 0 && !d.figures.fully_withheld()))
        .map(|d| Some(d.id))
        .collect();
    let withheld: Vec<DisciplineId> = analysis
        .disciplines
        .iter()
        .filter(|d| safe && d.figures.headcount > 0 && d.figures.fully_withheld())
        .map(|d| d.id)
        .collect();
    if !withheld.is_empty() {
        order.push(None);
    }
    let mut column: HashMap<DisciplineId, usize> = order
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.map(|d| (d, i)))
        .collect();
    for d in withheld {
        column.insert(d, order.len() - 1);
    }
    // Workshop-safe mode places nobody at their own height: every member sits at their
    // discipline's index (or the other disciplines' together), and the map draws one mark.
    let status: HashMap<MemberId, f64> = if analysis.min_group().is_some() {
        analysis
            .members
            .iter()
            .filter_map(|m| {
                let d = analysis.discipline(m.discipline)?;
                let index = if d.figures.fully_withheld() {
                    analysis.other_disciplines.as_ref()?.conditions_index
                } else {
                    d.figures.conditions_index
                };
                index.map(|s| (m.id, s))
            })
            .collect()
    } else {
        analysis
            .members
            .iter()
            .filter_map(|m| m.conditions_index.map(|s| (m.id, s)))
            .collect()
    };
    let mut seen: HashMap<DisciplineId, usize> = HashMap::new();
    let mut positions = HashMap::new();
    let mut members: Vec<_> = team.members.iter().collect();
    members.sort_by(|a, b| {
        let s = |m: &&crate::model::Member| status.get(&m.id).copied().unwrap_or(0.0);
        s(b).total_cmp(&s(a)).then(a.id.cmp(&b.id))
    });
    for m in members {
        let col = column.get(&m.discipline).copied().unwrap_or(order.len());
        let k = seen.entry(m.discipline).or_insert(0);
        // Members of a column alternate either side of its centre.
        let offset = if (*k).is_multiple_of(2) {
            (*k / 2) as f32
        } else {
            -(k.div_ceil(2) as f32)
        };
        *k += 1;
        let s = status.get(&m.id).copied().unwrap_or(0.0) as f32;
        positions.insert(
            m.id,
            Position {
                x: col as f32 * LADDER_COLUMN
                    + (offset * LADDER_SPREAD).clamp(-LADDER_COLUMN * 0.4, LADDER_COLUMN * 0.4),
                y: -s * LADDER_HEIGHT,
            },
        );
    }
    Placement {
        positions,
        guides: Guides::Ladder(
            order
                .iter()
                .enumerate()
                .map(|(i, d)| (*d, i as f32 * LADDER_COLUMN))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyse;
    use crate::model::generate::synthetic_team;

    #[test]
    fn core_members_sit_inside_the_core_ring_and_peripheral_outside() {
        let team = synthetic_team(200, 3);
        let a = analyse(&team);
        let p = place(&team, &a, Layout::Rings);
        for m in &team.members {
            let pos = p.positions[&m.id];
            let r = pos.x.hypot(pos.y);
            if team.is_core(m) {
                assert!(r < CORE_RADIUS, "{r}");
            } else {
                assert!(r > CORE_RADIUS && r <= OUTER_RADIUS, "{r}");
            }
        }
    }

    #[test]
    fn with_names_hidden_the_ladder_places_nobody_at_their_own_height() {
        let team = synthetic_team(60, 4);
        let a = crate::analysis::analyse_workshop_safe(&team, 3);
        let p = place(&team, &a, Layout::Ladder);
        // Every member sits at their group's height: their discipline's index, or the other
        // disciplines' together; so within a discipline, one height only.
        for d in &a.disciplines {
            let heights: Vec<f32> = team
                .members
                .iter()
                .filter(|m| m.discipline == d.id)
                .filter_map(|m| p.positions.get(&m.id).map(|pos| pos.y))
                .collect();
            assert!(
                heights.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-3),
                "{}: {heights:?}",
                d.figures.name
            );
        }
    }

    #[test]
    fn ladder_height_is_the_conditions_index() {
        let team = synthetic_team(50, 4);
        let a = analyse(&team);
        let p = place(&team, &a, Layout::Ladder);
        for m in &a.members {
            let y = p.positions[&m.id].y;
            assert!((y + m.conditions_index.unwrap_or(0.0) as f32 * LADDER_HEIGHT).abs() < 1e-3);
        }
    }

    #[test]
    fn free_layout_is_the_saved_positions() {
        let team = synthetic_team(10, 5);
        let p = place(&team, &analyse(&team), Layout::Free);
        assert!(team
            .members
            .iter()
            .all(|m| p.positions[&m.id] == m.position));
    }
}
