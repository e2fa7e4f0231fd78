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

/// Horizontal and vertical distance between members in a tidy layout, in map units: room
/// for a name under each node at the zoom a team of about twenty is shown at.
pub const TIDY_COLUMN: f32 = 210.0;
pub const TIDY_ROW: f32 = 190.0;
/// A manager's reports who manage nobody stand in a grid of at most this many columns, so
/// a manager of ten does not stretch the map into one long row.
const MAX_LEAF_COLUMNS: usize = 2;

/// A laid-out subtree: its width in columns, and each member's column (from the block's
/// left edge, to the node's centre) and row (from the block's top).
struct Block {
    width: f32,
    items: Vec<(usize, f32, usize)>,
}

impl Block {
    /// Blocks side by side, their tops level, shifted down by `row`.
    fn beside(blocks: Vec<Self>, row: usize) -> Self {
        let mut width = 0.0;
        let mut items = Vec::new();
        for b in blocks {
            items.extend(b.items.into_iter().map(|(i, c, r)| (i, c + width, r + row)));
            width += b.width;
        }
        Self { width, items }
    }

    /// Members in a grid of `columns`, row by row.
    fn grid(members: &[usize], columns: usize) -> Self {
        let columns = columns.clamp(1, members.len().max(1));
        Self {
            width: columns as f32,
            items: members
                .iter()
                .enumerate()
                .map(|(k, i)| (*i, (k % columns) as f32 + 0.5, k / columns))
                .collect(),
        }
    }
}

/// A tidy subtree: the member over a row of their reports' blocks, leaves gridded first.
fn subtree(i: usize, reports: &[Vec<usize>], placed: &mut [bool]) -> Block {
    placed[i] = true;
    let children: Vec<usize> = reports[i].iter().copied().filter(|c| !placed[*c]).collect();
    if children.is_empty() {
        return Block {
            width: 1.0,
            items: vec![(i, 0.5, 0)],
        };
    }
    let (leaves, managers): (Vec<usize>, Vec<usize>) =
        children.into_iter().partition(|c| reports[*c].is_empty());
    let mut blocks = Vec::new();
    if !leaves.is_empty() {
        for c in &leaves {
            placed[*c] = true;
        }
        // Two abreast at most, the rest below: trees grow down rather than across, as
        // the map is read left to right and names need the width.
        let columns = leaves.len().clamp(1, MAX_LEAF_COLUMNS);
        blocks.push(Block::grid(&leaves, columns));
    }
    for c in managers {
        if !placed[c] {
            blocks.push(subtree(c, reports, placed));
        }
    }
    let below = Block::beside(blocks, 1);
    let width = below.width.max(1.0);
    let mut items = vec![(i, width / 2.0, 0)];
    items.extend(below.items);
    Block { width, items }
}

/// Positions for the free layout that show line management top-down: each tree of managers
/// and reports in layers (a manager centred over their reports; reports who manage nobody
/// in a grid under them), the trees side by side, and those with no manager in the team and
/// no reports in a grid to the right, nearest the managers outside the team. No two
/// members closer than a column across or a row down. Team order breaks ties, so the same
/// team always tidies the same way.
pub fn tidy_positions(team: &Team) -> Vec<(super::team::MemberId, Position)> {
    use super::team::LineManager;
    let n = team.members.len();
    let at: std::collections::HashMap<super::team::MemberId, usize> = team
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id, i))
        .collect();
    let mut reports: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_manager = vec![false; n];
    for (i, m) in team.members.iter().enumerate() {
        if let LineManager::Member(boss) = m.line_manager {
            if let Some(&b) = at.get(&boss) {
                if b != i {
                    reports[b].push(i);
                    has_manager[i] = true;
                }
            }
        }
    }
    let mut placed = vec![false; n];
    let mut trees = Vec::new();
    let mut alone = Vec::new();
    for i in 0..n {
        if has_manager[i] || placed[i] {
            continue;
        }
        if reports[i].is_empty() {
            alone.push(i);
        } else {
            trees.push(subtree(i, &reports, &mut placed));
        }
    }
    // Anyone left (only possible in a circle of management, which the document refuses).
    for i in 0..n {
        if !placed[i] && !alone.contains(&i) {
            trees.push(subtree(i, &reports, &mut placed));
        }
    }
    // Those with no manager here and no reports: under the trees, as wide as they are
    // (a map is about as tall as it is wide, and the managers outside the team stand at its
    // right edge), or in a square grid when there are no trees.
    let alone_block = (!alone.is_empty()).then(|| {
        let trees_width: f32 =
            trees.iter().map(|b| b.width).sum::<f32>() + 0.3 * trees.len().saturating_sub(1) as f32;
        let columns = if trees.is_empty() {
            (alone.len() as f32).sqrt().ceil() as usize
        } else {
            (trees_width.floor() as usize).max(2)
        };
        Block::grid(&alone, columns.max(1))
    });
    // A gap of a third of a column between neighbouring trees.
    let gap = Block {
        width: 0.3,
        items: Vec::new(),
    };
    let mut spaced = Vec::new();
    for (k, b) in trees.into_iter().enumerate() {
        if k > 0 {
            spaced.push(Block {
                width: gap.width,
                items: Vec::new(),
            });
        }
        spaced.push(b);
    }
    let mut all = Block::beside(spaced, 0);
    if let Some(block) = alone_block {
        // One empty row between the trees and the rest; centred under the trees.
        let top = all.items.iter().map(|(_, _, r)| r + 2).max().unwrap_or(0);
        let shift = ((all.width - block.width) / 2.0).max(0.0);
        all.items.extend(
            block
                .items
                .into_iter()
                .map(|(i, c, r)| (i, c + shift, r + top)),
        );
        all.width = all.width.max(block.width);
    }
    let rows = all.items.iter().map(|(_, _, r)| *r).max().unwrap_or(0) as f32;
    all.items
        .into_iter()
        .map(|(i, c, r)| {
            (
                team.members[i].id,
                Position {
                    x: (c - all.width / 2.0) * TIDY_COLUMN,
                    y: (r as f32 - rows / 2.0) * TIDY_ROW,
                },
            )
        })
        .collect()
}
