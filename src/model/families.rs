//! The groups the room sees with names hidden: each discipline that meets the minimum group
//! size, then the rest of each professional family where that pool meets it, and only then
//! the few left over (which the analysis counts as "Other disciplines" when there are enough
//! of them). Or, grouped by family, every family that meets the minimum
//! (docs/measures.md, "Professional families").
//!
//! The regrouping is done on the team itself: the room's team has one discipline per group
//! shown, so every chart, slide, finding, handout, workbook and report works at the level
//! chosen without knowing about families. The groups partition the team, so no group's sum
//! less another's gives a smaller one; the disclosure check then runs on these groups.

use std::collections::BTreeMap;

use super::perceptions::{Answers, Choice, ItemAnswer, PerceptionRound, Rating, Response};
use super::team::{Discipline, DisciplineId, Family, Rgb, Team, OKABE_ITO};

/// The level the room sees groups at.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum GroupBy {
    /// The finest the data can carry: disciplines, then families, then "Other".
    #[default]
    Discipline,
    /// Professional families throughout.
    Family,
}

impl GroupBy {
    pub const ALL: [Self; 2] = [Self::Discipline, Self::Family];

    pub fn label(self) -> &'static str {
        match self {
            Self::Discipline => "Discipline (families where too few)",
            Self::Family => "Professional family",
        }
    }

    /// The word `--group-by` takes.
    pub fn key(self) -> &'static str {
        match self {
            Self::Discipline => "discipline",
            Self::Family => "family",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.key() == key)
    }
}

/// Which discipline each pooled discipline joins in the room: old id to the new group's id.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Regrouping {
    pub map: BTreeMap<DisciplineId, DisciplineId>,
    /// The groups made, as disciplines of the room's team.
    pub groups: Vec<Discipline>,
    /// New colours for groups the room would otherwise confuse: grey is what charts draw
    /// "Other disciplines" and withheld counts in, and two groups may have come to share one.
    pub recolour: BTreeMap<DisciplineId, Rgb>,
}

impl Regrouping {
    /// The room's discipline for a discipline of the team.
    pub fn of(&self, id: DisciplineId) -> DisciplineId {
        self.map.get(&id).copied().unwrap_or(id)
    }
}

/// Headcount of each discipline in the team.
fn headcounts(team: &Team) -> BTreeMap<DisciplineId, usize> {
    let mut n = BTreeMap::new();
    for m in &team.members {
        *n.entry(m.discipline).or_insert(0) += 1;
    }
    n
}

/// One family's disciplines with members, and how they are grouped.
struct FamilyPlan<'a> {
    family: Family,
    disciplines: Vec<&'a Discipline>,
    /// Disciplines pooled into one group (empty: none).
    pooled: Vec<&'a Discipline>,
    /// Members left to "Other disciplines".
    left: usize,
    /// The other way, where there is one: the few left over join the family's smallest
    /// discipline that is shown on its own, as one group (`None` where nothing is left over
    /// or no discipline is shown on its own).
    merged: Option<Vec<&'a Discipline>>,
}

/// How the team's disciplines are grouped for the room at `min` and `by`.
///
/// By discipline, each family shows its disciplines of at least `min` on their own and pools
/// the rest where the pool reaches `min`. Where the rest is 1 to `min` − 1 people, they would
/// fall to "Other disciplines"; or they can join the family's smallest shown discipline as one
/// group (the two psychiatrists with the three psychologists as "Medicine and psychology").
/// Of those choices, the one kept leaves "Other disciplines" either empty or at least `min`
/// (a smaller "Other" is a sum the team's total gives away, so more would be withheld), then
/// shows the most people outside "Other", then keeps the most disciplines on their own.
pub fn regrouping(team: &Team, min: usize, by: GroupBy) -> Regrouping {
    let counts = headcounts(team);
    let count = |d: &Discipline| counts.get(&d.id).copied().unwrap_or(0);
    let mut plans: Vec<FamilyPlan<'_>> = Family::ALL
        .into_iter()
        .filter_map(|family| {
            let disciplines: Vec<&Discipline> = team
                .disciplines
                .iter()
                .filter(|d| d.family == family && count(d) > 0)
                .collect();
            if disciplines.is_empty() {
                return None;
            }
            let small: Vec<&Discipline> = match by {
                GroupBy::Discipline => disciplines
                    .iter()
                    .copied()
                    .filter(|d| count(d) < min)
                    .collect(),
                GroupBy::Family => disciplines.clone(),
            };
            let pool: usize = small.iter().map(|d| count(d)).sum();
            let (pooled, left) = if pool >= min {
                (small.clone(), 0)
            } else {
                (Vec::new(), pool)
            };
            let smallest_shown = disciplines
                .iter()
                .copied()
                .filter(|d| count(d) >= min)
                .min_by_key(|d| (count(d), d.id));
            let merged = match (left, smallest_shown) {
                (1.., Some(shown)) => Some(small.iter().copied().chain([shown]).collect()),
                _ => None,
            };
            Some(FamilyPlan {
                family,
                disciplines,
                pooled,
                left,
                merged,
            })
        })
        .collect();
    // Choose which families merge their few: every combination (at most 2^7).
    let choosable: Vec<usize> = (0..plans.len())
        .filter(|k| plans[*k].merged.is_some())
        .collect();
    let total: usize = counts.values().sum();
    let best = (0..1_u32 << choosable.len())
        .max_by_key(|mask| {
            let merging = |k: usize| {
                choosable
                    .iter()
                    .position(|c| *c == k)
                    .is_some_and(|bit| mask & (1 << bit) != 0)
            };
            let other: usize = (0..plans.len())
                .filter(|k| !merging(*k))
                .map(|k| plans[k].left)
                .sum();
            let safe_other = other == 0 || other >= min;
            (
                safe_other,
                total - other,
                std::cmp::Reverse(mask.count_ones()),
            )
        })
        .unwrap_or(0);
    for (bit, k) in choosable.iter().enumerate() {
        if best & (1 << bit) != 0 {
            let plan = &mut plans[*k];
            plan.pooled = plan.merged.take().unwrap_or_default();
            plan.left = 0;
        }
    }

    // Ids for the new groups above any the team or its snapshots use.
    let first = team
        .disciplines
        .iter()
        .chain(team.snapshots.iter().flat_map(|s| &s.team.disciplines))
        .map(|d| d.id.0)
        .max()
        .map_or(0, |m| m + 1);
    let mut out = Regrouping::default();
    for (k, plan) in plans.iter().filter(|p| !p.pooled.is_empty()).enumerate() {
        let (family, pooled) = (plan.family, &plan.pooled);
        // A family with one of its disciplines shown apart: the group is the rest of it.
        let name = if pooled.len() < plan.disciplines.len() {
            format!("{} (other)", family.label())
        } else {
            family.label().to_owned()
        };
        let largest = pooled
            .iter()
            .max_by_key(|d| (count(d), std::cmp::Reverse(d.id)))
            .map_or(super::team::OKABE_ITO[0], |d| d.colour);
        let mut models: Vec<_> = pooled.iter().flat_map(|d| d.models.clone()).collect();
        models.sort();
        models.dedup();
        let mut outcomes: Vec<_> = pooled.iter().flat_map(|d| d.outcomes.clone()).collect();
        outcomes.sort();
        outcomes.dedup();
        let id = DisciplineId(first + k as u32);
        for d in pooled {
            out.map.insert(d.id, id);
        }
        out.groups.push(Discipline {
            id,
            name,
            colour: largest,
            models,
            outcomes,
            support_role: pooled.iter().all(|d| d.support_role),
            family,
        });
    }
    out.recolour = distinct_colours(team, &counts, &out);
    out
}

/// Colours for the room's groups (the disciplines kept, then the groups made) so that none
/// is the grey of "Other disciplines" and no two are alike: the first to hold a colour keeps
/// it, the rest take the next free one from the palette.
fn distinct_colours(
    team: &Team,
    counts: &BTreeMap<DisciplineId, usize>,
    r: &Regrouping,
) -> BTreeMap<DisciplineId, Rgb> {
    let grey = OKABE_ITO[7];
    let shown: Vec<(DisciplineId, Rgb)> = team
        .disciplines
        .iter()
        .filter(|d| !r.map.contains_key(&d.id) && counts.get(&d.id).copied().unwrap_or(0) > 0)
        .map(|d| (d.id, d.colour))
        .chain(r.groups.iter().map(|g| (g.id, g.colour)))
        .collect();
    let mut used: Vec<Rgb> = Vec::new();
    let mut clashing = Vec::new();
    for (id, colour) in &shown {
        if *colour == grey || used.contains(colour) {
            clashing.push(*id);
        } else {
            used.push(*colour);
        }
    }
    let mut recolour = BTreeMap::new();
    for id in clashing {
        let free = super::library::palette().find(|c| *c != grey && !used.contains(c));
        if let Some(colour) = free {
            used.push(colour);
            recolour.insert(id, colour);
        }
    }
    recolour
}

/// The team with its disciplines regrouped for the room: members, perception answers and
/// snapshots all move to the group their discipline joins.
pub fn regroup(team: &Team, min: usize, by: GroupBy) -> Team {
    let r = regrouping(team, min, by);
    apply(team, &r)
}

fn apply(team: &Team, r: &Regrouping) -> Team {
    if r.groups.is_empty() && r.recolour.is_empty() {
        return team.clone();
    }
    let mut out = team.clone();
    out.disciplines.retain(|d| !r.map.contains_key(&d.id));
    out.disciplines.extend(r.groups.iter().cloned());
    for d in &mut out.disciplines {
        if let Some(colour) = r.recolour.get(&d.id) {
            d.colour = *colour;
        }
    }
    for m in &mut out.members {
        m.discipline = r.of(m.discipline);
    }
    for round in &mut out.perceptions {
        *round = regroup_round(round, r);
    }
    for s in &mut out.snapshots {
        s.team = std::sync::Arc::new(apply(&s.team, r));
    }
    out
}

/// A respondent's answers to an instrument, about the room's groups: answers to one item
/// about two disciplines now in one group become one, their mean rounded half up ("I don't
/// work with them" only where every one of them said so), as for ratings.
fn regroup_items(answers: &[ItemAnswer], r: &Regrouping) -> Vec<ItemAnswer> {
    let mut merged: Vec<(String, Option<DisciplineId>, Vec<u8>)> = Vec::new();
    for a in answers {
        let about = a.about.map(|d| r.of(d));
        let k = if let Some(k) = merged.iter().position(|m| m.0 == a.item && m.1 == about) {
            k
        } else {
            merged.push((a.item.clone(), about, Vec::new()));
            merged.len() - 1
        };
        merged[k].2.extend(a.value);
    }
    merged
        .into_iter()
        .map(|(item, about, values)| {
            let value = (!values.is_empty()).then(|| {
                let sum: u32 = values.iter().map(|x| u32::from(*x)).sum();
                let n = values.len() as u32;
                u8::try_from((2 * sum + n) / (2 * n)).unwrap_or(u8::MAX)
            });
            ItemAnswer { item, about, value }
        })
        .collect()
}

/// A round's answers as the room's groups: a rater's family answer joins the group made of
/// their family's pool; a respondent's ratings of two disciplines now in one group become one
/// rating (their mean, rounded), so nobody counts twice towards a group's minimum; a choice
/// between two disciplines of one group says nothing about groups and is dropped.
fn regroup_round(round: &PerceptionRound, r: &Regrouping) -> PerceptionRound {
    let family_group = |f: Family| r.groups.iter().find(|g| g.family == f).map(|g| g.id);
    let responses = round
        .responses
        .iter()
        .map(|resp| {
            let rater = match (resp.rater, resp.rater_family) {
                (Some(d), _) => Some(r.of(d)),
                (None, Some(f)) => family_group(f),
                (None, None) => None,
            };
            let answers = match &resp.answers {
                Answers::Ratings(ratings) => {
                    let mut by: BTreeMap<DisciplineId, (Vec<u8>, Vec<u8>)> = BTreeMap::new();
                    let mut order: Vec<DisciplineId> = Vec::new();
                    for x in ratings {
                        let id = r.of(x.discipline);
                        if !by.contains_key(&id) {
                            order.push(id);
                        }
                        let e = by.entry(id).or_default();
                        e.0.extend(x.say);
                        e.1.extend(x.valued);
                    }
                    let mean = |v: &[u8]| {
                        (!v.is_empty()).then(|| {
                            let sum: u32 = v.iter().map(|x| u32::from(*x)).sum();
                            // Round half up, in whole numbers: (2·sum + n) / 2n.
                            let n = v.len() as u32;
                            u8::try_from((2 * sum + n) / (2 * n)).unwrap_or(u8::MAX)
                        })
                    };
                    Answers::Ratings(
                        order
                            .into_iter()
                            .filter_map(|id| {
                                by.get(&id).map(|(say, valued)| Rating {
                                    discipline: id,
                                    say: mean(say),
                                    valued: mean(valued),
                                })
                            })
                            .collect(),
                    )
                }
                Answers::Pairwise(choices) => Answers::Pairwise(
                    choices
                        .iter()
                        .map(|c| Choice {
                            higher: r.of(c.higher),
                            lower: r.of(c.lower),
                        })
                        .filter(|c| c.higher != c.lower)
                        .collect(),
                ),
                Answers::Items(answers) => Answers::Items(regroup_items(answers, r)),
            };
            Response {
                rater,
                rater_family: None,
                side: resp.side,
                feel_valued: resp.feel_valued,
                answers,
            }
        })
        .collect();
    PerceptionRound {
        responses,
        ..round.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::library;

    fn team(counts: &[(&str, usize)]) -> Team {
        let mut t = Team::default();
        for (name, n) in counts {
            let d = library::discipline_named(&mut t, name);
            for _ in 0..*n {
                t.members.push(crate::model::Member::new(
                    t.next_member_id(),
                    "x",
                    d,
                    crate::model::AgencyId(0),
                    crate::model::Pay::Salary(30_000.0),
                ));
            }
        }
        t
    }

    #[test]
    fn no_group_the_room_sees_is_grey_or_shares_a_colour() {
        // Early years in the grey the charts keep for "Other disciplines", and youth work in
        // social work's colour: both shown, so both take free colours; social work keeps its.
        let mut t = team(&[("Social work", 3), ("Early years", 3), ("Youth work", 3)]);
        let grey = OKABE_ITO[7];
        t.disciplines[1].colour = grey;
        t.disciplines[2].colour = t.disciplines[0].colour;
        let room = regroup(&t, 3, GroupBy::Discipline);
        let colours: Vec<Rgb> = room.disciplines.iter().map(|d| d.colour).collect();
        assert_eq!(colours[0], t.disciplines[0].colour);
        assert!(!colours.contains(&grey), "{colours:?}");
        assert!(colours[0] != colours[1] && colours[1] != colours[2] && colours[0] != colours[2]);
        // The team's own colours are not touched.
        assert_eq!(t.disciplines[1].colour, grey);
    }

    #[test]
    fn small_disciplines_pool_by_family_and_the_rest_stay() {
        // Social work 4 (shown); psychiatry 1 + clinical psychology 2 = 3 (a family pool);
        // police 1 + probation 1 = 2 (too few: left to "Other").
        let t = team(&[
            ("Social work", 4),
            ("Child and adolescent psychiatry", 1),
            ("Clinical psychology", 2),
            ("Police", 1),
            ("Probation", 1),
        ]);
        let r = regrouping(&t, 3, GroupBy::Discipline);
        assert_eq!(r.groups.len(), 1);
        assert_eq!(r.groups[0].name, "Medicine and psychology");
        assert_eq!(r.map.len(), 2);
        let room = regroup(&t, 3, GroupBy::Discipline);
        let names: Vec<&str> = room.disciplines.iter().map(|d| d.name.as_str()).collect();
        assert!(names.contains(&"Social work") && names.contains(&"Police"));
        assert!(!names.contains(&"Clinical psychology"));
        // By family: social work 4 is a family of its own; justice (2) is still too few.
        let room = regroup(&t, 3, GroupBy::Family);
        let names: Vec<&str> = room.disciplines.iter().map(|d| d.name.as_str()).collect();
        assert!(
            names.contains(&"Social work and family support"),
            "{names:?}"
        );
        assert!(names.contains(&"Police") && !names.contains(&"Social work"));
    }

    #[test]
    fn a_family_with_a_shown_discipline_pools_the_rest_as_other() {
        let t = team(&[
            ("Clinical psychology", 3),
            ("Child and adolescent psychiatry", 1),
            ("Paediatrics", 2),
        ]);
        let room = regroup(&t, 3, GroupBy::Discipline);
        let names: Vec<&str> = room.disciplines.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(
            names,
            ["Clinical psychology", "Medicine and psychology (other)"]
        );
    }
}
