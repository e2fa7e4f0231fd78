//! Which groups workshop-safe mode must withhold so that nobody's figures can be worked out
//! (docs/measures.md, "Workshop-safe mode").
//!
//! Every group figure the app shows for pay, leave, training, autonomy or the conditions index
//! is a mean (or, for two people, a median, which is their mean): it tells the room the sum
//! of the group's values. The room also knows who is in each group, and we assume it knows
//! the whole team's sum (the conditions index averages 0.5 by construction; charts draw the
//! team average). A person's value can then be worked out exactly when their "cell" — the
//! people who share their discipline, agency and side of the core — can be isolated by adding
//! and subtracting the sums shown: when the cell's indicator vector lies in the row space of
//! the shown groups. This module finds those cells by Gaussian elimination and withholds
//! groups until no cell smaller than the minimum group size can be isolated.
//!
//! Groups smaller than the minimum are withheld first (primary suppression); then, as long as
//! some small cell can still be isolated, further groups are withheld (secondary suppression),
//! the cheapest kind first: agencies, then the sides of the core, then disciplines, smallest
//! first — within a kind, one whose withholding helps if there is one. The conditions ladder
//! keeps as many professions as it can.
//! Each figure is checked on its own, so a group can show its pay but not its leave.

use std::collections::BTreeMap;

use super::MemberFigures;
use crate::model::Member;

/// The groups the analysis would show, as lists of member indices.
pub struct Groups<'a> {
    pub members: &'a [&'a Member],
    pub figures: &'a [MemberFigures],
    pub disciplines: Vec<&'a [usize]>,
    pub agencies: Vec<&'a [usize]>,
    /// Members on the core side; the rest are peripheral.
    pub core_side: Vec<usize>,
    /// Sets whose pay sums are shown together or not at all (the Lorenz curve's groups of
    /// members by pay): given up first, all at once, where that alone protects someone, so
    /// that the professions' pay can stay.
    pub fixed_salary_sets: Vec<Vec<usize>>,
    /// Sums the room can read elsewhere, in another release (a team's own workshop, beside
    /// the service's), each with the figures it is shown for: counted as shown and never
    /// withheld. Never for the conditions index, which each release ranks within itself.
    pub known: Vec<(Vec<usize>, Figures)>,
    pub min_group: usize,
}

/// The figures checked, each its own set of sums: full-time salary, leave, training days,
/// training budget, autonomy and the conditions index.
pub const ATTRIBUTES: usize = 6;
/// Each figure in words, index for index.
pub const FIGURE_NAMES: [&str; ATTRIBUTES] = [
    "pay",
    "leave",
    "training days",
    "training budget",
    "autonomy",
    "the conditions index",
];
pub const SALARY: usize = 0;
pub const LEAVE: usize = 1;
pub const TRAINING_DAYS: usize = 2;
pub const TRAINING_BUDGET: usize = 3;
pub const AUTONOMY: usize = 4;
pub const CONDITIONS_INDEX: usize = 5;

/// Which figures to withhold, per group and per figure (index by the constants above).
pub type Figures = [bool; ATTRIBUTES];

/// What to withhold, index for index with [`Groups`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Withheld {
    pub disciplines: Vec<Figures>,
    pub agencies: Vec<Figures>,
    pub core: Figures,
    pub peripheral: Figures,
    /// The pay sums of `fixed_salary_sets` (the Lorenz curve) are withheld, all together.
    pub fixed_salary_sets: bool,
    /// Someone can still be worked out with every group withheld, from the `known` sums and
    /// the whole's, where the `known` sums alone do not give them away. Nothing of these
    /// figures may then be shown.
    pub residual: Figures,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Discipline,
    Agency,
    Side,
    /// A Lorenz curve group: shown for pay, or withheld with all the others.
    Fixed,
}

struct Row {
    kind: Kind,
    /// Index in its list (0 = core, 1 = peripheral for sides).
    index: usize,
    members: Vec<usize>,
    /// Whether the row's figure is shown, per attribute.
    shown: Figures,
}

fn has(g: &Groups<'_>, i: usize, attribute: usize) -> bool {
    let (m, f) = (g.members[i], &g.figures[i]);
    match attribute {
        SALARY => f.salary.is_some(),
        LEAVE => m.leave_days.is_some(),
        TRAINING_DAYS => m.training_days.is_some(),
        TRAINING_BUDGET => m.training_budget.is_some(),
        AUTONOMY => m.autonomy.is_some(),
        _ => f.conditions_index.is_some(),
    }
}

pub fn withheld(g: &Groups<'_>) -> Withheld {
    let n = g.members.len();
    let core: Vec<usize> = g.core_side.clone();
    let peripheral: Vec<usize> = {
        let mut is_core = vec![false; n];
        for i in &core {
            is_core[*i] = true;
        }
        (0..n).filter(|i| !is_core[*i]).collect()
    };
    let lists = g
        .agencies
        .iter()
        .enumerate()
        .map(|(i, idx)| (Kind::Agency, i, idx.to_vec()))
        .chain(
            g.disciplines
                .iter()
                .enumerate()
                .map(|(i, idx)| (Kind::Discipline, i, idx.to_vec())),
        )
        .chain([(Kind::Side, 0, core), (Kind::Side, 1, peripheral)])
        .chain(
            g.fixed_salary_sets
                .iter()
                .enumerate()
                .map(|(i, set)| (Kind::Fixed, i, set.clone())),
        );
    let small = |count: usize| count > 0 && count < g.min_group;
    // Primary suppression: a group with people in it but fewer than the minimum shows no
    // figure at all; and a figure that fewer than the minimum of its members have (a group of
    // five where only two have training recorded) is withheld for that group.
    let mut rows: Vec<Row> = lists
        .map(|(kind, index, members)| {
            let whole = small(members.len());
            let shown = std::array::from_fn(|a| {
                if kind == Kind::Fixed {
                    return a == SALARY;
                }
                !whole && !small(members.iter().filter(|i| has(g, **i, a)).count())
            });
            Row {
                kind,
                index,
                members,
                shown,
            }
        })
        .collect();
    // Secondary suppression, figure by figure, one group at a time, until no small cell can be
    // isolated.
    let known: Vec<Exposures> = (0..ATTRIBUTES).map(|a| known_exposures(g, a)).collect();
    for attribute in 0..ATTRIBUTES {
        let known = &known[attribute];
        loop {
            let before = exposed(g, &rows, attribute, known);
            if before == 0 {
                break;
            }
            // Give up the cheapest kind of group first (agencies, then sides, then disciplines):
            // within that kind, one whose withholding helps, or else the first, and look again.
            // With every group withheld only the team's own sum is left, which exposes nobody
            // in a team of at least the minimum size.
            // The Lorenz curve first, all its groups at once, where that alone helps: a
            // picture of the spread matters less than the professions' pay.
            let fixed: Vec<usize> = (0..rows.len())
                .filter(|k| rows[*k].kind == Kind::Fixed && rows[*k].shown[attribute])
                .collect();
            if !fixed.is_empty() {
                for k in &fixed {
                    rows[*k].shown[attribute] = false;
                }
                if exposed(g, &rows, attribute, known) < before {
                    continue;
                }
                for k in &fixed {
                    rows[*k].shown[attribute] = true;
                }
            }
            let order = removal_order(g, &rows, attribute);
            let Some(kind) = order.first().map(|k| rows[*k].kind) else {
                break;
            };
            let tier: Vec<usize> = order
                .iter()
                .copied()
                .filter(|k| rows[*k].kind == kind)
                .collect();
            let helps = tier.iter().copied().find(|k| {
                rows[*k].shown[attribute] = false;
                let after = exposed(g, &rows, attribute, known);
                rows[*k].shown[attribute] = true;
                after < before
            });
            let Some(k) = helps.or_else(|| tier.first().copied()) else {
                break;
            };
            rows[k].shown[attribute] = false;
        }
    }
    let residual: Figures = std::array::from_fn(|a| exposed(g, &rows, a, &known[a]) > 0);
    let mut out = Withheld {
        residual,
        disciplines: vec![[false; ATTRIBUTES]; g.disciplines.len()],
        agencies: vec![[false; ATTRIBUTES]; g.agencies.len()],
        core: [false; ATTRIBUTES],
        peripheral: [false; ATTRIBUTES],
        fixed_salary_sets: rows
            .iter()
            .any(|r| r.kind == Kind::Fixed && !r.shown[SALARY]),
    };
    for row in rows.iter().filter(|r| r.kind != Kind::Fixed) {
        let hidden: Figures = std::array::from_fn(|a| !row.shown[a]);
        match (row.kind, row.index) {
            (Kind::Discipline, i) => out.disciplines[i] = hidden,
            (Kind::Agency, i) => out.agencies[i] = hidden,
            (Kind::Side, 0) => out.core = hidden,
            (Kind::Side, _) => out.peripheral = hidden,
            (Kind::Fixed, _) => {}
        }
    }
    out
}

/// Shown groups in the order secondary suppression gives them up: agencies (largest first,
/// as they overlap the disciplines most), then the two sides of the core, then disciplines
/// (smallest first), so the conditions ladder keeps as many professions as it can.
/// A group holding everyone with the figure says no more than the team's own sum, so it is
/// never given up.
fn removal_order(g: &Groups<'_>, rows: &[Row], attribute: usize) -> Vec<usize> {
    let everyone = (0..g.members.len())
        .filter(|i| has(g, *i, attribute))
        .count();
    let mut order: Vec<usize> = (0..rows.len())
        .filter(|k| rows[*k].kind != Kind::Fixed)
        .filter(|k| rows[*k].shown[attribute] && !rows[*k].members.is_empty())
        .filter(|k| {
            let r = &rows[*k];
            r.members.iter().filter(|i| has(g, **i, attribute)).count() < everyone
        })
        .collect();
    order.sort_by_key(|k| {
        let r = &rows[*k];
        match r.kind {
            Kind::Agency => (0, usize::MAX - r.members.len()),
            Kind::Side => (1, r.members.len()),
            Kind::Discipline | Kind::Fixed => (2, r.members.len()),
        }
    });
    order
}

/// How many ways to work someone out, for one figure, from the sums shown and the team's
/// own, that the `known` sums alone do not give already.
fn exposed(g: &Groups<'_>, rows: &[Row], attribute: usize, before: &Exposures) -> usize {
    let shown: Vec<&[usize]> = rows
        .iter()
        .filter(|r| r.shown[attribute])
        .map(|r| r.members.as_slice())
        .chain(known_rows(g, attribute))
        .collect();
    exposures(
        g.members.len(),
        |i| has(g, i, attribute),
        &shown,
        g.min_group,
        true,
    )
    .difference(before)
    .count()
}

/// The `known` sums of one figure.
fn known_rows<'a>(g: &'a Groups<'_>, attribute: usize) -> impl Iterator<Item = &'a [usize]> {
    g.known
        .iter()
        .filter(move |(_, shown)| attribute != CONDITIONS_INDEX && shown[attribute])
        .map(|(members, _)| members.as_slice())
}

/// What the `known` sums give away on their own, before anything here is shown: each other
/// release passed its own check, which lets a member of a group of the minimum size take
/// their figure from its sum and learn the rest's. Here that member may be alone in their
/// cell (they also work elsewhere), so the same sum reads as exposing the rest; it is not
/// this release's to prevent, and only what this release adds is withheld against.
fn known_exposures(g: &Groups<'_>, attribute: usize) -> Exposures {
    let known: Vec<&[usize]> = known_rows(g, attribute).collect();
    if known.is_empty() {
        return Exposures::new();
    }
    exposures(
        g.members.len(),
        |i| has(g, i, attribute),
        &known,
        g.min_group,
        false,
    )
}

/// A way to work out the figures of fewer than the minimum: the sum of a cell isolated
/// outright, or a cell's sum tied to that of a colleague alone in theirs. Cells by their
/// people, so that the same exposure found among different sums compares equal.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Exposure {
    Isolated(Vec<usize>),
    ToInsider { insider: usize, cell: Vec<usize> },
}

type Exposures = std::collections::BTreeSet<Exposure>;

/// Of `n` people, those `counted` (who have the figure): how many cells of them smaller than
/// `min` (people in the same shown groups) can be isolated by adding and subtracting the
/// sums of the `shown` groups and the sum of everyone counted, or tied to a colleague alone
/// in theirs, who knows their own figure. Zero is safe to show.
pub fn exposed_cells(
    n: usize,
    counted: impl Fn(usize) -> bool,
    shown: &[&[usize]],
    min: usize,
) -> usize {
    exposures(n, counted, shown, min, true).len()
}

/// [`exposed_cells`], each exposure by its people; the sum of everyone counted among the
/// sums where `whole`.
fn exposures(
    n: usize,
    counted: impl Fn(usize) -> bool,
    shown: &[&[usize]],
    min: usize,
    whole: bool,
) -> Exposures {
    // Which shown groups each person is in: their signature.
    let mut signature: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (r, members) in shown.iter().enumerate() {
        for i in *members {
            signature[*i].push(r as u32);
        }
    }
    // Cells: people with the figure who share a signature.
    // Ordered, so the same team always gives the same columns and the same answer: were two
    // runs to withhold differently, setting their outputs side by side would undo both.
    let mut cells: BTreeMap<&[u32], Vec<usize>> = BTreeMap::new();
    for (i, sig) in signature.iter().enumerate() {
        if counted(i) {
            cells.entry(sig.as_slice()).or_default().push(i);
        }
    }
    let cells: Vec<(&[u32], Vec<usize>)> = cells.into_iter().collect();
    if cells.is_empty() {
        return Exposures::new();
    }
    // One equation per shown group, plus the whole team's sum; one unknown per cell.
    let mut matrix: Vec<Vec<f64>> = (0..shown.len())
        .map(|r| {
            cells
                .iter()
                .map(|(sig, _)| f64::from(u8::from(sig.contains(&(r as u32)))))
                .collect()
        })
        .collect();
    if whole {
        matrix.push(vec![1.0; cells.len()]);
    }
    let pivots = reduce(&mut matrix);
    let small = |c: usize| cells[c].1.len() < min;
    let mut out: Exposures = isolated_of(&matrix, &pivots)
        .into_iter()
        .filter(|c| small(*c))
        .map(|c| Exposure::Isolated(cells[c].1.clone()))
        .collect();
    // A colleague alone in their cell knows that cell's sum (their own figure): any small
    // cell whose sum the shown sums tie to theirs is then theirs to work out.
    for (a, b) in linked_pairs(&matrix, &pivots) {
        for (insider, other) in [(a, b), (b, a)] {
            if let [one] = cells[insider].1.as_slice() {
                if small(other) {
                    out.insert(Exposure::ToInsider {
                        insider: *one,
                        cell: cells[other].1.clone(),
                    });
                }
            }
        }
    }
    out
}

/// Pairs of columns (cells) that some vector of the row space joins and nothing else: knowing
/// one cell's sum gives the other's. In reduced row echelon form such a vector is one row
/// with exactly two entries, or two rows whose entries outside the pivot columns are
/// proportional (they cancel, leaving the two pivots).
fn linked_pairs(m: &[Vec<f64>], pivots: &[(usize, usize)]) -> Vec<(usize, usize)> {
    const EPS: f64 = 1e-9;
    let is_pivot: std::collections::HashSet<usize> = pivots.iter().map(|(_, c)| *c).collect();
    let mut out = Vec::new();
    let mut by_rest: BTreeMap<Vec<i64>, Vec<usize>> = BTreeMap::new();
    for (r, c) in pivots {
        let rest: Vec<(usize, f64)> = m[*r]
            .iter()
            .enumerate()
            .filter(|(k, v)| !is_pivot.contains(k) && v.abs() > EPS)
            .map(|(k, v)| (k, *v))
            .collect();
        match rest.as_slice() {
            [] => {}
            [(d, _)] => {
                out.push((*c, *d));
                // Two such rows on the same free column cancel too: {a, d} and {b, d} link a
                // and b.
                by_rest
                    .entry(vec![*d as i64, 1_000_000])
                    .or_default()
                    .push(*c);
            }
            [(_, first), ..] => {
                // The non-pivot part up to scale, as a key: entries over the first, rounded.
                let key: Vec<i64> = rest
                    .iter()
                    .flat_map(|(k, v)| [*k as i64, (v / first * 1e6).round() as i64])
                    .collect();
                by_rest.entry(key).or_default().push(*c);
            }
        }
        // A row of two entries whose second is itself a pivot cannot happen in reduced form.
    }
    for same in by_rest.values() {
        for (i, a) in same.iter().enumerate() {
            for b in &same[i + 1..] {
                out.push((*a, *b));
            }
        }
    }
    out
}

/// Reduce to reduced row echelon form in place; the pivots as (row, column).
fn reduce(m: &mut [Vec<f64>]) -> Vec<(usize, usize)> {
    const EPS: f64 = 1e-9;
    let cols = m.first().map_or(0, Vec::len);
    let mut pivot_row = 0;
    let mut pivots: Vec<(usize, usize)> = Vec::new();
    for c in 0..cols {
        let Some(p) = (pivot_row..m.len()).find(|r| m[*r][c].abs() > EPS) else {
            continue;
        };
        m.swap(pivot_row, p);
        let lead = m[pivot_row][c];
        for v in &mut m[pivot_row] {
            *v /= lead;
        }
        for r in 0..m.len() {
            if r != pivot_row && m[r][c].abs() > EPS {
                let factor = m[r][c];
                let (a, b) = if r < pivot_row {
                    let (top, bottom) = m.split_at_mut(pivot_row);
                    (&mut top[r], &bottom[0])
                } else {
                    let (top, bottom) = m.split_at_mut(r);
                    (&mut bottom[0], &top[pivot_row])
                };
                for (x, y) in a.iter_mut().zip(b) {
                    *x -= factor * y;
                }
            }
        }
        pivots.push((pivot_row, c));
        pivot_row += 1;
        if pivot_row == m.len() {
            break;
        }
    }
    pivots
}

/// The columns whose unit vector lies in the row space of a reduced matrix: exactly the
/// pivot columns whose row has no other non-zero entry.
fn isolated_of(m: &[Vec<f64>], pivots: &[(usize, usize)]) -> Vec<usize> {
    const EPS: f64 = 1e-9;
    let cols = m.first().map_or(0, Vec::len);
    pivots
        .iter()
        .filter(|(r, c)| (0..cols).all(|k| k == *c || m[*r][k].abs() <= EPS))
        .map(|(_, c)| *c)
        .collect()
}

/// [`reduce`], then [`isolated_of`].
#[cfg(test)]
fn isolated_columns(m: &mut [Vec<f64>]) -> Vec<usize> {
    let pivots = reduce(m);
    isolated_of(m, &pivots)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolates_by_difference() {
        // Groups {a, b} and {a}: b = first − second; a directly.
        let mut m = vec![vec![1.0, 1.0], vec![1.0, 0.0]];
        assert_eq!(isolated_columns(&mut m), vec![0, 1]);
        // Groups {a, b} and {b, c}: no single person follows.
        let mut m = vec![vec![1.0, 1.0, 0.0], vec![0.0, 1.0, 1.0]];
        assert!(isolated_columns(&mut m).is_empty());
        // Team {a, b, c} with {a, b} shown: c follows.
        let mut m = vec![vec![1.0, 1.0, 0.0], vec![1.0, 1.0, 1.0]];
        assert_eq!(isolated_columns(&mut m), vec![2]);
    }

    #[test]
    fn links_cells_a_colleague_could_subtract_themselves_from() {
        // Groups {a, b} and {b, c, d}: nobody follows, but a and b are tied (a + b known),
        // so a alone in their cell learns b.
        let mut m = vec![vec![1.0, 1.0, 0.0, 0.0], vec![0.0, 1.0, 1.0, 1.0]];
        let pivots = reduce(&mut m);
        assert!(isolated_of(&m, &pivots).is_empty());
        // Reduced: a − c − d and b + c + d, whose parts outside the pivots are
        // proportional: a + b is what ties them.
        assert_eq!(linked_pairs(&m, &pivots), vec![(0, 1)]);
        // One group {a, b}: one row of two entries.
        let mut m = vec![vec![1.0, 1.0, 0.0]];
        let pivots = reduce(&mut m);
        assert_eq!(linked_pairs(&m, &pivots), vec![(0, 1)]);
        // Groups {a, c} and {b, c}: each row has one entry past its pivot, the same one, so
        // a − b is known and a and b are tied as well as each with c. Found whatever the
        // order of the columns, so what is withheld never depends on it.
        let mut m = vec![vec![1.0, 0.0, 1.0], vec![0.0, 1.0, 1.0]];
        let pivots = reduce(&mut m);
        let mut pairs = linked_pairs(&m, &pivots);
        pairs.sort_unstable();
        assert_eq!(pairs, vec![(0, 1), (0, 2), (1, 2)]);
        let mut m = vec![vec![1.0, 1.0, 0.0], vec![1.0, 0.0, 1.0]];
        let pivots = reduce(&mut m);
        let mut pairs = linked_pairs(&m, &pivots);
        pairs.sort_unstable();
        assert_eq!(pairs, vec![(0, 1), (0, 2), (1, 2)]);
    }

    #[test]
    fn counts_only_what_the_known_sums_do_not_give_already() {
        // People a..f are 0..5. Another release showed {a, b, c} and {c, d, e, f}: c works in
        // both, so c is alone in their cell, and taking their own figure from the first sum
        // learns a + b. That is the other release's doing, allowed by its own check (a group
        // of three).
        let known: Vec<&[usize]> = vec![&[0, 1, 2], &[2, 3, 4, 5]];
        let before = exposures(6, |_| true, &known, 3, false);
        assert_eq!(
            before.into_iter().collect::<Vec<_>>(),
            vec![Exposure::ToInsider {
                insider: 2,
                cell: vec![0, 1]
            }]
        );
        // Where the known sums also give {a, b, d, e, f}, everything they split is isolated:
        // a + b, and c. Showing the whole of the six as well adds nothing new.
        let known: Vec<&[usize]> = vec![&[0, 1, 2], &[2, 3, 4, 5], &[0, 1, 3, 4, 5]];
        let before = exposures(6, |_| true, &known, 3, false);
        assert_eq!(
            before.iter().collect::<Vec<_>>(),
            vec![
                &Exposure::Isolated(vec![0, 1]),
                &Exposure::Isolated(vec![2])
            ]
        );
        let whole = exposures(6, |_| true, &known, 3, true);
        assert_eq!(whole.difference(&before).count(), 0);
        // Showing {a, d, e} too splits a from b and d + e from f: b, alone now, takes their own
        // figure from a + b, and learns d + e from a + d + e. New, so this release must
        // withhold it.
        let more: Vec<&[usize]> = vec![&[0, 1, 2], &[2, 3, 4, 5], &[0, 1, 3, 4, 5], &[0, 3, 4]];
        let after = exposures(6, |_| true, &more, 3, true);
        assert!(after.contains(&Exposure::ToInsider {
            insider: 1,
            cell: vec![3, 4]
        }));
        assert!(after.difference(&before).count() > 0);
    }
}
