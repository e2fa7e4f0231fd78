//! Where new members go on the map when nobody has placed them (spreadsheet imports).

use std::collections::BTreeMap;

use super::team::{DisciplineId, Position, Team};

/// Radius of the circle on which discipline groups sit for core members; peripheral members
/// sit further out so the first picture already hints at the core and the edge.
const CORE_RADIUS: f32 = 220.0;
const PERIPHERAL_RADIUS: f32 = 420.0;
/// Spacing between members inside one group.
const MEMBER_SPACING: f32 = 70.0;

/// Give members from index `first_new` on a position: grouped by discipline around a
/// circle, core members nearer the middle.
pub fn place_new_members(team: &mut Team, first_new: usize) {
    let disciplines: Vec<DisciplineId> = team.disciplines.iter().map(|d| d.id).collect();
    let count = disciplines.len().max(1) as f32;
    // How many members each (discipline, core?) group already has: new ones go after them.
    let mut filled: BTreeMap<(DisciplineId, bool), usize> = BTreeMap::new();
    for i in first_new..team.members.len() {
        let member = &team.members[i];
        let core = team.is_core(member);
        let slot = filled.entry((member.discipline, core)).or_insert(0);
        let k = *slot;
        *slot += 1;
        let group = disciplines
            .iter()
            .position(|d| *d == member.discipline)
            .unwrap_or(0) as f32;
        let angle = std::f32::consts::TAU * group / count - std::f32::consts::FRAC_PI_2;
        let radius = if core { CORE_RADIUS } else { PERIPHERAL_RADIUS };
        // Members of a group fan out along the circle, alternating either side of its centre.
        let offset = if k.is_multiple_of(2) {
            (k / 2) as f32
        } else {
            -(k.div_ceil(2) as f32)
        };
        let (sin, cos) = angle.sin_cos();
        let tangent = (-sin, cos);
        team.members[i].position = Position {
            x: cos * radius + tangent.0 * offset * MEMBER_SPACING,
            y: sin * radius + tangent.1 * offset * MEMBER_SPACING,
        };
    }
}
