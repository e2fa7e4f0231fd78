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
/// In a team too large to spread ([`MAX_SPREAD`]), neighbours on a ring step in and out by
/// this much.
const STAGGER: f32 = 22.0;
/// Ladder geometry: status 0 at y = 0, status 1 at y = −`LADDER_HEIGHT`.
pub const LADDER_HEIGHT: f32 = 600.0;
pub const LADDER_COLUMN: f32 = 130.0;
/// However wide the room, the ladder is at least this high: half its usual height.
const LADDER_MIN_HEIGHT: f32 = 300.0;
/// A ladder spread wider than its height × this is made taller (see `ladder`), unless the
/// map says what shape it has room for ([`place_in`]).
const LADDER_ASPECT: f32 = 0.6;
const LADDER_SPREAD: f32 = 30.0;

/// World radius of a member's node: bigger for more time in the team.
pub fn node_radius(team_fte: f64) -> f32 {
    10.0 + 14.0 * (team_fte.clamp(0.0, 1.0) as f32).sqrt()
}

/// In rings and ladder a node is part of the picture, like the rings and the axis: it is
/// drawn at [`Placement::node_scale`] times [`node_radius`] in map units and scales with the
/// zoom, so a layout without overlaps in map units has none at any zoom or window size.
/// A team of up to [`FULL_SIZE_TEAM`] has nodes this size; larger teams have smaller nodes,
/// so that they still fit the rings and the height of the ladder.
const LAYOUT_NODE_SCALE: f32 = 1.3;
const FULL_SIZE_TEAM: f32 = 24.0;

/// The node scale of rings and ladder for a team of `members`: down by the square root of
/// the team's size beyond [`FULL_SIZE_TEAM`] (the nodes' total area stays about the same),
/// to a floor at which [`MAX_SPREAD`] members still fit inside the core ring.
pub fn layout_node_scale(members: usize) -> f32 {
    LAYOUT_NODE_SCALE
        * (FULL_SIZE_TEAM / members.max(1) as f32)
            .sqrt()
            .clamp(0.35, 1.0)
}

/// The gap between spread nodes shrinks with them, more slowly: labels need room in a team
/// a room reads, and give way in one of hundreds.
fn gap_for(node_scale: f32, gap: f32) -> f32 {
    gap * (node_scale / LAYOUT_NODE_SCALE).sqrt()
}
/// Space kept between spread nodes, in map units: room for a short label between them. On
/// the ladder, nodes side by side keep more, as a label beside a node is often the only one
/// that fits between the heights above and below.
const NODE_GAP: f32 = 12.0;
const LADDER_GAP: f32 = 36.0;
/// Teams up to this size are spread until no two nodes overlap (each placement looks at
/// those before it). Larger ones are a cloud at any zoom; they keep the cheap stagger.
pub const MAX_SPREAD: usize = 300;
/// Steps of the search for a free spot: along a ring or across a ladder column, and in or
/// out on a ring. A step in or out costs [`RADIAL_COST`] steps along, so members move
/// sideways first and keep what their radius says as far as the room allows.
const SPREAD_STEP: f32 = 6.0;
const RADIAL_COST: f32 = 1.5;

/// Nodes placed so far (centre and radius), for finding where the next one is free, with
/// the gap kept between nodes side by side and one above the other.
struct Occupied {
    nodes: Vec<(f32, f32, f32)>,
    /// Across and down.
    gap: (f32, f32),
}

impl Occupied {
    fn new(gap: (f32, f32)) -> Self {
        Self {
            nodes: Vec::new(),
            gap,
        }
    }

    /// Clear of every node placed so far, as squares: a node's bounding box is what a label
    /// must not cover, and what `--dump-layout` reports.
    fn is_free(&self, x: f32, y: f32, r: f32) -> bool {
        self.nodes.iter().all(|&(ox, oy, or)| {
            (x - ox).abs() >= r + or + self.gap.0 || (y - oy).abs() >= r + or + self.gap.1
        })
    }

    fn take(&mut self, x: f32, y: f32, r: f32) -> Position {
        self.nodes.push((x, y, r));
        Position { x, y }
    }
}

/// The free spot on the rings nearest a member's own (`angle`, `radius`), keeping within
/// `band` (their side of the core ring): candidates in order of cost, where a step along the
/// ring costs 1 and a step in or out [`RADIAL_COST`]. None if the band is full.
fn nearest_on_rings(
    occupied: &Occupied,
    angle: f32,
    radius: f32,
    band: (f32, f32),
    r: f32,
) -> Option<(f32, f32)> {
    let lane = SPREAD_STEP / RADIAL_COST;
    // Far enough to go half way round, or from one edge of the band to the other.
    let along_max = (std::f32::consts::PI * band.1 / SPREAD_STEP).ceil() as i32;
    let across_max = ((band.1 - band.0) / lane).ceil() as i32;
    for level in 0..=(along_max + across_max) {
        for across in 0..=level.min(across_max) {
            let along = level - across;
            if along > along_max {
                continue;
            }
            for out in [1, -1] {
                let rad = radius + (out * across) as f32 * lane;
                if rad < band.0 || rad > band.1 {
                    continue;
                }
                for side in [1, -1] {
                    let theta = angle + (side * along) as f32 * SPREAD_STEP / rad;
                    let (sin, cos) = theta.sin_cos();
                    if occupied.is_free(cos * rad, sin * rad, r) {
                        return Some((cos * rad, sin * rad));
                    }
                    if along == 0 {
                        break;
                    }
                }
                if across == 0 {
                    break;
                }
            }
        }
    }
    None
}

/// The guides drawn behind a layout.
#[derive(Clone, Debug, PartialEq)]
pub enum Guides {
    None,
    /// Circles with their labels: (radius, label).
    Rings(Vec<(f32, String)>),
    /// Discipline columns (id, x centre) over a conditions axis from 0 at y = 0 to 1 at
    /// y = −`height`. With names hidden, `None` is the column of the withheld disciplines
    /// together.
    Ladder {
        columns: Vec<(Option<DisciplineId>, f32)>,
        height: f32,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub positions: HashMap<MemberId, Position>,
    pub guides: Guides,
    /// What a node's [`node_radius`] is multiplied by, in map units, where the layout spread
    /// the nodes for their size (rings and ladder); `None` on the free map, where a node's
    /// size on screen follows the zoom less.
    pub node_scale: Option<f32>,
}

pub fn place(team: &Team, analysis: &Analysis, layout: Layout) -> Placement {
    place_in(team, analysis, layout, LADDER_ASPECT)
}

/// [`place`] for a picture `aspect` times as high as it is wide: a ladder spread wider than
/// that is made taller, and in a wide one it is made shorter (to [`LADDER_MIN_HEIGHT`]).
pub fn place_in(team: &Team, analysis: &Analysis, layout: Layout, aspect: f32) -> Placement {
    match layout {
        Layout::Free => Placement {
            positions: team.members.iter().map(|m| (m.id, m.position)).collect(),
            guides: Guides::None,
            node_scale: None,
        },
        Layout::Rings => rings(team, analysis),
        Layout::Ladder => ladder(team, analysis, aspect.clamp(0.15, 1.5)),
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
    let spread = members.len() <= MAX_SPREAD;
    let node_scale = layout_node_scale(members.len());
    let gap = gap_for(node_scale, NODE_GAP);
    let mut occupied = Occupied::new((gap, gap));
    let mut positions = HashMap::new();
    let mut slot = 0.0;
    for (i, m) in members.iter().enumerate() {
        if i > 0 && members[i - 1].discipline != m.discipline {
            slot += 1.0;
        }
        let angle = std::f32::consts::TAU * slot / slots - std::f32::consts::FRAC_PI_2;
        slot += 1.0;
        let fte = m.team_fte().clamp(0.0, 1.0) as f32;
        let r = node_radius(m.team_fte()) * node_scale;
        // Each side of the core ring is a band a member stays within, clear of the ring.
        let (radius, band) = if team.is_core(m) {
            // More time in the team, nearer the middle.
            let t = ((fte - threshold as f32) / (1.0 - threshold as f32).max(0.01)).clamp(0.0, 1.0);
            (
                CORE_RADIUS - 40.0 - t * (CORE_RADIUS - 40.0 - INNER_RADIUS),
                (INNER_RADIUS * 0.5, CORE_RADIUS - r - 4.0),
            )
        } else {
            let t = (fte / threshold as f32).clamp(0.0, 1.0);
            (
                OUTER_RADIUS - STAGGER - t * (OUTER_RADIUS - CORE_RADIUS - 40.0 - 2.0 * STAGGER),
                (CORE_RADIUS + r + 4.0, OUTER_RADIUS),
            )
        };
        let radius = radius.clamp(band.0, band.1.max(band.0));
        let free_spot = spread
            .then(|| nearest_on_rings(&occupied, angle, radius, band, r))
            .flatten()
            .unwrap_or_else(|| {
                let radius = radius + if i % 2 == 0 { STAGGER } else { -STAGGER };
                let (sin, cos) = angle.sin_cos();
                (cos * radius, sin * radius)
            });
        positions.insert(m.id, occupied.take(free_spot.0, free_spot.1, r));
    }
    Placement {
        positions,
        node_scale: Some(node_scale),
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

fn ladder(team: &Team, analysis: &Analysis, aspect: f32) -> Placement {
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
    let mut members: Vec<_> = team.members.iter().collect();
    members.sort_by(|a, b| {
        let s = |m: &&crate::model::Member| status.get(&m.id).copied().unwrap_or(0.0);
        s(b).total_cmp(&s(a)).then(a.id.cmp(&b.id))
    });
    let spread = members.len() <= MAX_SPREAD;
    let node_scale = layout_node_scale(members.len());
    let columns = LadderColumns {
        of: &column,
        count: order.len(),
        status: &status,
        node_scale,
        spread,
    };
    // The ladder takes the shape of the room for it: made taller where it is spread wide
    // (members further apart in height need less room across), shorter in a wide room.
    let mut height = LADDER_HEIGHT;
    let (mut positions, mut centres) = columns.lay_out(&members, height);
    // Taller means narrower: step by the geometric mean towards the height that fits.
    for _ in 0..6 {
        let shown = &centres[..order.len()];
        let width = shown.last().copied().unwrap_or(0.0) - shown.first().copied().unwrap_or(0.0);
        let wanted = (width * aspect).max(LADDER_MIN_HEIGHT);
        if !spread || (wanted - height).abs() <= height * 0.05 {
            break;
        }
        height = (height * wanted).sqrt();
        (positions, centres) = columns.lay_out(&members, height);
    }
    Placement {
        positions,
        node_scale: Some(node_scale),
        guides: Guides::Ladder {
            columns: order.iter().copied().zip(centres).collect(),
            height,
        },
    }
}

/// What places members in ladder columns, for a given height of the axis.
struct LadderColumns<'a> {
    of: &'a HashMap<DisciplineId, usize>,
    count: usize,
    status: &'a HashMap<MemberId, f64>,
    node_scale: f32,
    spread: bool,
}

impl LadderColumns<'_> {
    /// Members (highest first) placed at `height` × their status, and the columns' centres
    /// (one more than the disciplines: members of none stand furthest right).
    fn lay_out(
        &self,
        members: &[&crate::model::Member],
        height: f32,
    ) -> (HashMap<MemberId, Position>, Vec<f32>) {
        // Each column is laid out about its own centre, highest first, then the columns are set
        // side by side as wide as their members need.
        let columns = self.count + 1;
        let mut across: Vec<Vec<(MemberId, Position)>> = vec![Vec::new(); columns];
        let mut occupied: Vec<Occupied> = (0..columns)
            .map(|_| {
                Occupied::new((
                    gap_for(self.node_scale, LADDER_GAP),
                    gap_for(self.node_scale, NODE_GAP),
                ))
            })
            .collect();
        for m in members {
            let col = self.of.get(&m.discipline).copied().unwrap_or(self.count);
            let y = -(self.status.get(&m.id).copied().unwrap_or(0.0) as f32) * height;
            let r = node_radius(m.team_fte()) * self.node_scale;
            let k = across[col].len();
            let x = if self.spread {
                nearest_in_column(&occupied[col], y, r)
            } else {
                // Members of a column alternate either side of its centre.
                let offset = if k.is_multiple_of(2) {
                    (k / 2) as f32
                } else {
                    -(k.div_ceil(2) as f32)
                };
                (offset * LADDER_SPREAD).clamp(-LADDER_COLUMN * 0.4, LADDER_COLUMN * 0.4)
            };
            let at = occupied[col].take(x, y, r);
            across[col].push((m.id, at));
        }
        let mut centres = Vec::with_capacity(columns);
        let mut right_of_last: Option<f32> = None;
        for col in &occupied[..self.count] {
            let left = col.nodes.iter().map(|(x, _, r)| x - r).fold(0.0, f32::min);
            let right = col.nodes.iter().map(|(x, _, r)| x + r).fold(0.0, f32::max);
            let centre = right_of_last.map_or(0.0, |last| {
                let previous = centres.last().copied().unwrap_or(0.0);
                (previous + LADDER_COLUMN).max(last + gap_for(self.node_scale, LADDER_GAP) - left)
            });
            centres.push(centre);
            right_of_last = Some(centre + right);
        }
        // Members of no column (not in the analysis) stand one column further right.
        centres.push(right_of_last.map_or(0.0, |r| r + LADDER_COLUMN));
        let positions = across
            .iter()
            .zip(&centres)
            .flat_map(|(members, cx)| {
                members.iter().map(move |(id, p)| {
                    (
                        *id,
                        Position {
                            x: p.x + cx,
                            y: p.y,
                        },
                    )
                })
            })
            .collect();
        (positions, centres)
    }
}

/// The free spot in a ladder column nearest its centre at height `y`: right of centre
/// first, then left, a step further out each time.
fn nearest_in_column(occupied: &Occupied, y: f32, r: f32) -> f32 {
    // Every node placed is at most this many steps from the centre, so a free spot is found
    // within one more step than the nodes placed so far could fill.
    let steps: f32 = occupied
        .nodes
        .iter()
        .map(|(_, _, or)| 2.0 * (or + r + occupied.gap.0))
        .sum::<f32>()
        / SPREAD_STEP;
    (0..=steps.ceil() as i32 + 1)
        .flat_map(|k| [k, -k])
        .map(|k| k as f32 * SPREAD_STEP)
        .find(|&x| occupied.is_free(x, y, r))
        .unwrap_or(0.0)
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
        let Guides::Ladder { height, .. } = p.guides else {
            panic!("a ladder has ladder guides")
        };
        assert!(height >= LADDER_MIN_HEIGHT);
        for m in &a.members {
            let y = p.positions[&m.id].y;
            assert!((y + m.conditions_index.unwrap_or(0.0) as f32 * height).abs() < 1e-2);
        }
    }

    /// Rings and ladder spread members until no two nodes (as squares, with the gap)
    /// overlap: for a small team, a 60 and the largest that is spread.
    #[test]
    fn spread_nodes_never_overlap_and_keep_their_side_of_the_core_ring() {
        for n in [8, 60, MAX_SPREAD] {
            let team = synthetic_team(n, 11);
            let a = analyse(&team);
            for layout in [Layout::Rings, Layout::Ladder] {
                let p = place(&team, &a, layout);
                let scale = p.node_scale.unwrap_or(0.0);
                let nodes: Vec<(Position, f32)> = team
                    .members
                    .iter()
                    .map(|m| (p.positions[&m.id], node_radius(m.team_fte()) * scale))
                    .collect();
                for (i, (a, ra)) in nodes.iter().enumerate() {
                    for (b, rb) in &nodes[i + 1..] {
                        let apart = ra + rb + gap_for(scale, NODE_GAP) - 1e-3;
                        assert!(
                            (a.x - b.x).abs() >= apart || (a.y - b.y).abs() >= apart,
                            "{n} in {layout:?}: {a:?} and {b:?} overlap"
                        );
                    }
                }
                if layout == Layout::Rings {
                    for (m, (at, r)) in team.members.iter().zip(&nodes) {
                        let radius = at.x.hypot(at.y);
                        if team.is_core(m) {
                            assert!(radius + r <= CORE_RADIUS, "{n}: core at {radius}");
                        } else {
                            assert!(radius - r >= CORE_RADIUS, "{n}: peripheral at {radius}");
                        }
                    }
                }
            }
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
