//! Where new members go on the map when nobody has placed them (spreadsheet imports and the
//! samples): each discipline a small cluster, core clusters around an inner circle and
//! peripheral members further out, so the first picture already hints at core and edge.

use super::team::{DisciplineId, Position, Team};

/// Distance between members inside a cluster, in map units.
const CELL: f32 = 120.0;
/// Space between neighbouring clusters on a circle.
const CLUSTER_GAP: f32 = 90.0;
/// How much further out the peripheral circle is than the core one.
const PERIPHERAL_OFFSET: f32 = 240.0;
const MIN_CORE_RADIUS: f32 = 160.0;

/// Give members from index `first_new` on a position.
pub fn place_new_members(team: &mut Team, first_new: usize) {
    let new: Vec<usize> = (first_new..team.members.len()).collect();
    if new.is_empty() {
        return;
    }
    let mut order: Vec<DisciplineId> = team.disciplines.iter().map(|d| d.id).collect();
    for &i in &new {
        if !order.contains(&team.members[i].discipline) {
            order.push(team.members[i].discipline);
        }
    }
    // Members of each discipline, split into core and peripheral.
    let groups: Vec<(Vec<usize>, Vec<usize>)> = order
        .iter()
        .map(|d| {
            let of: Vec<usize> = new
                .iter()
                .copied()
                .filter(|i| team.members[*i].discipline == *d)
                .collect();
            of.into_iter()
                .partition(|i| team.is_core(&team.members[*i]))
        })
        .collect();
    let width = |n: usize| {
        if n == 0 {
            0.0
        } else {
            (n as f32).sqrt().ceil() * CELL
        }
    };
    // Each discipline gets an arc as wide as its wider cluster.
    let arcs: Vec<f32> = groups
        .iter()
        .map(|(c, p)| width(c.len()).max(width(p.len())))
        .collect();
    let used: Vec<&f32> = arcs.iter().filter(|w| **w > 0.0).collect();
    let circumference: f32 = used.iter().map(|w| **w + CLUSTER_GAP).sum();
    let core_radius = (circumference / std::f32::consts::TAU).max(MIN_CORE_RADIUS);
    let mut along = 0.0;
    for ((core, edge), arc) in groups.iter().zip(&arcs) {
        if *arc == 0.0 {
            continue;
        }
        let angle = std::f32::consts::TAU * (along + arc / 2.0) / circumference.max(1.0)
            - std::f32::consts::FRAC_PI_2;
        along += arc + CLUSTER_GAP;
        let (sin, cos) = angle.sin_cos();
        for (members, radius) in [
            (core, core_radius),
            (
                edge,
                core_radius + PERIPHERAL_OFFSET + width(core.len()) / 2.0,
            ),
        ] {
            let columns = (members.len() as f32).sqrt().ceil().max(1.0) as usize;
            let rows = members.len().div_ceil(columns);
            for (k, &i) in members.iter().enumerate() {
                let (col, row) = ((k % columns) as f32, (k / columns) as f32);
                let dx = (col - (columns as f32 - 1.0) / 2.0) * CELL;
                let dy = (row - (rows as f32 - 1.0) / 2.0) * CELL;
                team.members[i].position = Position {
                    x: cos * radius + dx,
                    y: sin * radius + dy,
                };
            }
        }
    }
}
