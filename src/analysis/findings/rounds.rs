//! Findings from the rounds: how the professions see each other (perception gaps), team
//! climate apart between groups or sides, rounds of an instrument compared, and what families
//! say moving across a restructure.

use super::{Finding, FindingKind, PERCEPTION_RANK_GAP_NOTABLE};
use crate::analysis::Analysis;
use crate::model::instrument::About;

/// "3rd", "joint 2nd" (an average rank of tied places).
pub fn ordinal(rank: f64) -> String {
    let place = rank.floor() as u64;
    let suffix = match (place % 10, place % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    if rank.fract() == 0.0 {
        format!("{place}{suffix}")
    } else {
        format!("joint {place}{suffix}")
    }
}

/// The disciplines seen as having much more, or much less, say than their conditions rank:
/// the two largest gaps (docs/measures.md, "Perceptions").
pub(super) fn perception_gaps(a: &Analysis, out: &mut Vec<Finding>) {
    let Some(p) = &a.perceptions else {
        return;
    };
    let mut gaps: Vec<&crate::analysis::perceptions::DisciplinePerception> = p
        .disciplines
        .iter()
        .filter(|d| {
            d.rank_gap
                .is_some_and(|g| g.abs() >= PERCEPTION_RANK_GAP_NOTABLE)
        })
        .collect();
    gaps.sort_by(|x, y| {
        let g = |d: &crate::analysis::perceptions::DisciplinePerception| {
            d.rank_gap.unwrap_or(0.0).abs()
        };
        g(y).total_cmp(&g(x))
    });
    for d in gaps.into_iter().take(2) {
        let (Some(gap), Some(seen), Some(given)) =
            (d.rank_gap, d.perceived_rank, d.conditions_rank)
        else {
            continue;
        };
        let more_or_less = if gap > 0.0 { "more" } else { "less" };
        let text = format!(
            "{} is seen as having {more_or_less} say ({} of {}) than its conditions suggest ({}); {} ratings",
            d.name,
            ordinal(seen),
            p.ranked,
            ordinal(given),
            d.say.raters
        );
        out.push(
            Finding::new(
                FindingKind::PerceptionGap,
                text,
                gap.abs() / PERCEPTION_RANK_GAP_NOTABLE,
            )
            .about(a, &[d.id]),
        );
    }
}

/// A team factor's difference (groups of one round, or one group across rounds) counts from
/// this many scale points, and only where the 95 % intervals do not overlap.
const CLIMATE_DIFFERENCE_NOTABLE: f64 = 0.5;

fn one_decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// In each instrument's latest round, each team factor's lowest and highest group (of those
/// with an interval from enough answers), where their intervals are apart.
pub(super) fn climate_gaps(a: &Analysis, out: &mut Vec<Finding>) {
    let mut seen: Vec<&str> = Vec::new();
    for round in a.relational.iter().rev() {
        if seen.contains(&round.instrument.as_str()) {
            continue;
        }
        seen.push(&round.instrument);
        for f in round.factors.iter().filter(|f| f.about == About::Team) {
            let shown: Vec<(&crate::analysis::relational::GroupMean, f64, (f64, f64))> = f
                .groups
                .iter()
                .filter(|g| g.n >= crate::analysis::relational::MIN_INTERVAL_N)
                .filter_map(|g| Some((g, g.mean?, g.interval?)))
                .collect();
            let low = shown.iter().min_by(|x, y| x.1.total_cmp(&y.1));
            let high = shown.iter().max_by(|x, y| x.1.total_cmp(&y.1));
            let (Some(low), Some(high)) = (low, high) else {
                continue;
            };
            let gap = high.1 - low.1;
            if gap < CLIMATE_DIFFERENCE_NOTABLE || low.2 .1 >= high.2 .0 {
                continue;
            }
            let text = format!(
                "{}: {} answer {} on average (n {}), {} {} (n {}); the 95 % intervals do not overlap ({})",
                crate::format::capitalised(&f.factor),
                high.0.group,
                one_decimal(high.1),
                high.0.n,
                low.0.group,
                one_decimal(low.1),
                low.0.n,
                round.label
            );
            out.push(Finding::new(
                FindingKind::ClimateGap,
                text,
                gap / CLIMATE_DIFFERENCE_NOTABLE,
            ));
        }
        for f in round.factors.iter().filter(|f| f.about == About::Team) {
            core_gap(f, &round.label, out);
        }
    }
}

/// The core against the periphery on a team factor, where the interval of the difference
/// leaves out zero, each side has at least [`MIN_INTERVAL_N`] answers and the difference is
/// notable.
///
/// [`MIN_INTERVAL_N`]: crate::analysis::relational::MIN_INTERVAL_N
fn core_gap(f: &crate::analysis::relational::FactorFigures, label: &str, out: &mut Vec<Finding>) {
    use crate::model::Side;
    let side = |s: Side| {
        f.sides
            .iter()
            .find(|g| g.group == s.label())
            .filter(|g| g.n >= crate::analysis::relational::MIN_INTERVAL_N)
            .and_then(|g| Some((g.mean?, g.n)))
    };
    let (Some(gap), Some((core, n_core)), Some((edge, n_edge))) =
        (&f.core_gap, side(Side::Core), side(Side::Peripheral))
    else {
        return;
    };
    let (Some(d), Some((low, high))) = (gap.difference, gap.interval) else {
        return;
    };
    if !gap.clear() || d.abs() < CLIMATE_DIFFERENCE_NOTABLE {
        return;
    }
    let text = format!(
        "{}: the core answers {} on average (n {n_core}), the periphery {} (n {n_edge}); the 95 % interval of the difference ({low:+.2} to {high:+.2}) does not include zero ({label})",
        crate::format::capitalised(&f.factor),
        one_decimal(core),
        one_decimal(edge),
    );
    out.push(Finding::new(
        FindingKind::ClimateGap,
        text,
        d.abs() / CLIMATE_DIFFERENCE_NOTABLE,
    ));
}

/// The clear changes of each instrument's latest comparison, largest first, at most two.
pub(super) fn round_changes(a: &Analysis, out: &mut Vec<Finding>) {
    let mut seen: Vec<&str> = Vec::new();
    let mut found: Vec<Finding> = Vec::new();
    for change in a.relational_changes.iter().rev() {
        if seen.contains(&change.instrument.as_str()) {
            continue;
        }
        seen.push(&change.instrument);
        for f in &change.factors {
            for c in f.changes.iter().filter(|c| c.clear) {
                let (Some(before), Some(after), Some(d)) = (c.before, c.after, c.difference())
                else {
                    continue;
                };
                if d.abs() < CLIMATE_DIFFERENCE_NOTABLE {
                    continue;
                }
                let who = if c.what == "Everyone" {
                    "the whole team".to_owned()
                } else {
                    c.what.clone()
                };
                let text = format!(
                    "{} {} for {who}, from {} (n {}) in {} to {} (n {}) in {}; the 95 % intervals do not overlap",
                    crate::format::capitalised(&f.factor),
                    if d > 0.0 { "rose" } else { "fell" },
                    one_decimal(before),
                    c.n_before,
                    change.before,
                    one_decimal(after),
                    c.n_after,
                    change.after
                );
                found.push(Finding::new(
                    FindingKind::RoundChange,
                    text,
                    d.abs() / CLIMATE_DIFFERENCE_NOTABLE,
                ));
            }
        }
    }
    found.sort_by(|x, y| y.strength.total_cmp(&x.strength));
    out.extend(found.into_iter().take(2));
}

/// A change in a share this large (with its interval clear of zero) is worth saying.
const SHARE_CHANGE_NOTABLE: f64 = 0.15;

/// Where the families' view of the team working together clearly moved from one period to
/// the next (its Newcombe interval leaves out zero, by at least 15 points), with both n.
pub(super) fn families_changes(a: &Analysis, out: &mut Vec<Finding>) {
    for pair in a.side_by_side.windows(2) {
        let (then, now) = (&pair[0], &pair[1]);
        for after in &now.families {
            let Some(before) = then.families.iter().find(|f| f.kind == after.kind) else {
                continue;
            };
            let change = crate::analysis::feedback::families_change(before, after);
            let (Some(b), Some(x), Some(nb), Some(na)) =
                (change.before, change.after, change.n_before, change.n_after)
            else {
                continue;
            };
            if !change.clear() || (x - b).abs() < SHARE_CHANGE_NOTABLE {
                continue;
            }
            let what = match after.kind {
                crate::model::feedback::Kind::Esq | crate::model::feedback::Kind::Own => {
                    "Families who said it was certainly true that the staff worked together to help"
                }
                crate::model::feedback::Kind::Fft => {
                    "Families who rated the service good or very good"
                }
            };
            let period = |p: &crate::analysis::feedback::Period| {
                p.taken.as_ref().map_or_else(
                    || "now".to_owned(),
                    |t| format!("at the snapshot of {}", crate::format::date_words(t)),
                )
            };
            let mut text = format!(
                "{what} {} from {:.0} % (n {nb}) {} to {:.0} % (n {na}) {}; the 95 % interval of the change leaves out zero",
                if x > b { "rose" } else { "fell" },
                100.0 * b,
                period(then),
                100.0 * x,
                period(now),
            );
            // The staff's own view over the same two periods, where it clearly moved too.
            let staff: Vec<String> = a
                .relational_changes
                .iter()
                .filter(|c| {
                    Some(&c.before) == then.staff_round.as_ref()
                        && Some(&c.after) == now.staff_round.as_ref()
                })
                .flat_map(|c| &c.factors)
                .filter(|f| f.about == crate::model::instrument::About::Team)
                .filter_map(|f| {
                    let e = f.changes.iter().find(|c| c.what == "Everyone" && c.clear)?;
                    Some(format!(
                        "{} {} from {} (n {}) to {} (n {})",
                        f.factor,
                        if e.difference()? > 0.0 {
                            "rose"
                        } else {
                            "fell"
                        },
                        one_decimal(e.before?),
                        e.n_before,
                        one_decimal(e.after?),
                        e.n_after
                    ))
                })
                .collect();
            if !staff.is_empty() {
                text = format!(
                    "{text}. Over the same time the staff's own {}, intervals apart",
                    staff.join(" and ")
                );
            }
            out.push(Finding::new(
                FindingKind::FamiliesChange,
                text,
                (x - b).abs() / SHARE_CHANGE_NOTABLE,
            ));
        }
    }
}
