//! Relational rounds: how the professions see and work with each other, measured on an
//! instrument's factors (docs/measures.md, "Relational rounds"). Each round is measured on
//! its own: the relational matrix of a round-robin factor (rater group × rated group), its
//! network mean, each team factor's mean by rater group with a bootstrap interval,
//! Cronbach's α per factor and the response rate per group.
//!
//! Rater groups are the raters' disciplines, or their professional families where a round
//! stores them by family (small disciplines, see `model::perceptions::protect`). Respondents
//! who preferred not to say count towards the round and α, not towards any group.

use std::collections::BTreeMap;

mod compare;

pub use compare::{changes, compare, Change, FactorChange, RoundChange};

use crate::model::generate::Rng;
use crate::model::instrument::{About, Instrument, Item};
use crate::model::{Answers, PerceptionRound, Response, Side, Team};

/// Fewer complete rows than this, and α is not computed.
pub const MIN_ALPHA_ROWS: usize = 10;
/// Resamples for each bootstrap interval.
const RESAMPLES: usize = 1_000;
/// With names hidden, an interval needs at least this many answers as well as the minimum
/// group: from three scores, the 2.5th and 97.5th percentiles of the resampled means are
/// the lowest and highest score themselves (each is drawn three times in 1 resample of 27),
/// so with the mean they would give every answer away.
pub const MIN_INTERVAL_N: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct RoundFigures {
    pub label: String,
    pub date: String,
    pub instrument: String,
    /// The snapshot the round is linked to, if any.
    pub snapshot: Option<String>,
    pub respondents: usize,
    /// Respondents in no group: they preferred not to say, or their profession and family
    /// were too small to keep (a group listed with 0 may have answered among these).
    pub ungrouped: usize,
    pub response_rate: Vec<GroupRate>,
    pub factors: Vec<FactorFigures>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupRate {
    pub group: String,
    pub respondents: usize,
    /// Members the group has in the team.
    pub headcount: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FactorFigures {
    pub factor: String,
    pub about: About,
    pub items: usize,
    /// The scale its answers are on (its items' min and max).
    pub scale: (u8, u8),
    /// Cronbach's α; `None` below [`MIN_ALPHA_ROWS`] complete rows or for one item.
    pub alpha: Option<f64>,
    /// The complete rows α was computed over.
    pub alpha_rows: usize,
    /// The unweighted mean of the shown cells whose rater and rated group differ (round
    /// robin).
    pub network_mean: Option<f64>,
    /// Round robin: rater group × rated group.
    pub cells: Vec<Cell>,
    /// Round robin: each group as it is seen by the others and as it sees them.
    pub profiles: Vec<Profile>,
    /// About the team: each rater group's mean.
    pub groups: Vec<GroupMean>,
    /// About the team: everyone who answered, groups or not.
    pub everyone: Option<GroupMean>,
    /// About the team: the respondents who said they work in the core, and on the
    /// periphery (`Side::ALL` order, only sides someone on answered).
    pub sides: Vec<GroupMean>,
    /// About the team: the core's mean less the periphery's, with its bootstrap interval.
    pub core_gap: Option<Gap>,
    /// About the team: each scored respondent's group and side, without their score, so
    /// that the room can tell which groups' sums together would give someone away.
    pub scored: Vec<(Option<String>, Option<Side>)>,
}

/// A difference between two groups' means: a seeded bootstrap 95 % interval from resampling
/// each group on its own; clear when the interval leaves out zero.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// `None` where withheld in the room.
    pub difference: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

impl Gap {
    /// Whether the interval is shown and leaves out zero.
    pub fn clear(&self) -> bool {
        self.interval
            .is_some_and(|(low, high)| low > 0.0 || high < 0.0)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub rater: String,
    pub rated: String,
    pub n: usize,
    /// `None` where withheld in the room.
    pub mean: Option<f64>,
}

/// A group in a round-robin factor: the unweighted mean of the shown cells about it by the
/// other groups, and of the shown cells by it about the others (self-ratings left out).
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub group: String,
    pub seen_by_others: Option<f64>,
    pub sees_others: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupMean {
    pub group: String,
    pub n: usize,
    /// `None` where withheld in the room.
    pub mean: Option<f64>,
    /// A seeded bootstrap 95 % interval of the mean (percentile, 1,000 resamples); `None`
    /// where withheld in the room.
    pub interval: Option<(f64, f64)>,
}

impl FactorFigures {
    /// The cell of `rater` about `rated`.
    pub fn cell(&self, by: &str, about: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.rater == by && c.rated == about)
    }

    /// How `a` sees `b` less how `b` sees `a`, where both are shown.
    pub fn asymmetry(&self, a: &str, b: &str) -> Option<f64> {
        Some(self.cell(a, b)?.mean? - self.cell(b, a)?.mean?)
    }

    /// The groups the matrix is about (rated), in the team's order, then raters that are no
    /// rated group (a family of small disciplines rates but is not rated as one).
    pub fn matrix_groups(&self) -> (Vec<&str>, Vec<&str>) {
        let mut rated: Vec<&str> = Vec::new();
        let mut raters: Vec<&str> = Vec::new();
        for c in &self.cells {
            if !rated.contains(&c.rated.as_str()) {
                rated.push(&c.rated);
            }
        }
        for c in &self.cells {
            if !raters.contains(&c.rater.as_str()) {
                raters.push(&c.rater);
            }
        }
        raters.sort_by_key(|r| rated.iter().position(|x| x == r).unwrap_or(usize::MAX));
        (raters, rated)
    }
}

/// Every round of the team that can be measured on an instrument, by date (rounds of one
/// date in the order they were added): the rounds of an instrument, and rounds of ratings
/// read as the Teamscape short form (whose items they are), so those compare round against
/// round too.
pub fn analyse(team: &Team) -> Vec<RoundFigures> {
    let mut rounds: Vec<&PerceptionRound> = team.perceptions.iter().collect();
    // Dates are YYYY-MM-DD, so their text sorts as they do; the sort is stable.
    rounds.sort_by(|a, b| a.date.cmp(&b.date));
    rounds
        .into_iter()
        .filter_map(|round| {
            if let Some(instrument) = &round.instrument {
                return Some(analyse_round(team, round, instrument));
            }
            let (round, instrument) = as_short_form(round)?;
            Some(analyse_round(team, &round, &instrument))
        })
        .collect()
}

/// A round of ratings as answers to the Teamscape short form: feeling valued about the
/// team, say and expertise valued about each discipline. `None` for a round of pairwise
/// choices, which is no instrument's.
fn as_short_form(round: &PerceptionRound) -> Option<(PerceptionRound, Instrument)> {
    use crate::model::ItemAnswer;
    let instrument = crate::model::instrument::shipped()
        .into_iter()
        .find(|i| i.name == SHORT_FORM)?;
    let responses: Vec<Response> = round
        .responses
        .iter()
        .filter_map(|r| {
            let Answers::Ratings(ratings) = &r.answers else {
                return None;
            };
            let item = |id: &str, about, value| ItemAnswer {
                item: id.to_owned(),
                about,
                value: Some(value),
            };
            let mut answers: Vec<ItemAnswer> = r
                .feel_valued
                .map(|v| item("feel_valued", None, v))
                .into_iter()
                .collect();
            for x in ratings {
                answers.extend(x.say.map(|v| item("say", Some(x.discipline), v)));
                answers.extend(x.valued.map(|v| item("valued", Some(x.discipline), v)));
            }
            Some(Response {
                answers: Answers::Items(answers),
                feel_valued: None,
                ..r.clone()
            })
        })
        .collect();
    (!responses.is_empty()).then(|| {
        let round = PerceptionRound {
            responses,
            instrument: Some(instrument.clone()),
            ..round.clone()
        };
        (round, instrument)
    })
}

pub use crate::model::instrument::SHORT_FORM;

/// The group a response counts in: its rater's discipline, or family; `None` for "prefer
/// not to say".
fn rater_group(team: &Team, r: &Response) -> Option<String> {
    match (r.rater, r.rater_family) {
        (Some(d), _) => Some(
            team.discipline(d)
                .map_or_else(|| format!("discipline {}", d.0), |d| d.name.clone()),
        ),
        (None, Some(f)) => Some(f.label().to_owned()),
        (None, None) => None,
    }
}

pub fn analyse_round(
    team: &Team,
    round: &PerceptionRound,
    instrument: &Instrument,
) -> RoundFigures {
    let groups: Vec<Option<String>> = round
        .responses
        .iter()
        .map(|r| rater_group(team, r))
        .collect();
    let grid = Grid::of(team, round, instrument);
    let factors = instrument
        .factors()
        .into_iter()
        .map(|factor| factor_figures(team, round, instrument, factor, &groups, &grid))
        .collect();
    RoundFigures {
        label: round.label.clone(),
        date: round.date.clone(),
        instrument: instrument.name.clone(),
        snapshot: round.snapshot.clone(),
        respondents: round.responses.len(),
        ungrouped: groups.iter().filter(|g| g.is_none()).count(),
        response_rate: response_rate(team, &groups),
        factors,
    }
}

/// Respondents per rater group against the group's headcount: a discipline's members, or a
/// family's members outside the disciplines that are rater groups of their own. Disciplines
/// with members and no respondent are listed with 0.
fn response_rate(team: &Team, groups: &[Option<String>]) -> Vec<GroupRate> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for g in groups.iter().flatten() {
        *counts.entry(g).or_default() += 1;
    }
    let own_group = |name: &str| counts.contains_key(name);
    let mut out: Vec<GroupRate> = Vec::new();
    for d in &team.disciplines {
        let headcount = team.members.iter().filter(|m| m.discipline == d.id).count();
        let family_group = counts.contains_key(d.family.label()) && !own_group(&d.name);
        if headcount == 0 || family_group {
            continue;
        }
        out.push(GroupRate {
            group: d.name.clone(),
            respondents: counts.get(d.name.as_str()).copied().unwrap_or(0),
            headcount,
        });
    }
    for f in crate::model::Family::ALL {
        let Some(respondents) = counts.get(f.label()).copied() else {
            continue;
        };
        // In the room's team a family may be a discipline of its own, listed above.
        if out.iter().any(|g| g.group == f.label()) {
            continue;
        }
        let headcount = team
            .members
            .iter()
            .filter(|m| {
                team.discipline(m.discipline)
                    .is_some_and(|d| d.family == f && !own_group(&d.name))
            })
            .count();
        out.push(GroupRate {
            group: f.label().to_owned(),
            respondents,
            headcount,
        });
    }
    out
}

/// Every response's answers laid out once, by item and by what it is about (each of the
/// team's disciplines, then the team): reading a factor is then a look-up, not a search.
struct Grid {
    /// Slots per response: items × (disciplines + 1).
    width: usize,
    targets: usize,
    slots: Vec<Slot>,
}

#[derive(Clone, Copy, PartialEq)]
enum Slot {
    Empty,
    NotApplicable,
    Value(u8),
}

impl Grid {
    fn of(team: &Team, round: &PerceptionRound, instrument: &Instrument) -> Self {
        let targets = team.disciplines.len() + 1;
        let width = instrument.items.len() * targets;
        let item_index: std::collections::HashMap<&str, usize> = instrument
            .items
            .iter()
            .enumerate()
            .map(|(k, i)| (i.id.as_str(), k))
            .collect();
        let target_index: std::collections::HashMap<crate::model::DisciplineId, usize> = team
            .disciplines
            .iter()
            .enumerate()
            .map(|(k, d)| (d.id, k))
            .collect();
        let mut slots = vec![Slot::Empty; width * round.responses.len()];
        for (r, response) in round.responses.iter().enumerate() {
            let Answers::Items(answers) = &response.answers else {
                continue;
            };
            for a in answers {
                let (Some(item), Some(target)) = (
                    item_index.get(a.item.as_str()),
                    match a.about {
                        None => Some(targets - 1),
                        Some(d) => target_index.get(&d).copied(),
                    },
                ) else {
                    continue;
                };
                slots[r * width + item * targets + target] =
                    a.value.map_or(Slot::NotApplicable, Slot::Value);
            }
        }
        Self {
            width,
            targets,
            slots,
        }
    }

    fn slot(&self, response: usize, item: usize, target: usize) -> Slot {
        self.slots[response * self.width + item * self.targets + target]
    }

    /// A respondent's score on `items` about `target`: the mean of their answered items, each
    /// turned round if reverse-scored; `None` if they answered none ("I don't work with
    /// them" and empty left out).
    fn score(&self, response: usize, items: &[(usize, &Item)], target: usize) -> Option<f64> {
        let (mut sum, mut n) = (0.0, 0_u32);
        for (k, item) in items {
            if let Slot::Value(v) = self.slot(response, *k, target) {
                sum += item.scored(v);
                n += 1;
            }
        }
        (n > 0).then(|| sum / f64::from(n))
    }

    /// One row of item answers for α: every item answered on its scale, or `None`.
    fn complete_row(
        &self,
        response: usize,
        items: &[(usize, &Item)],
        target: usize,
    ) -> Option<Vec<f64>> {
        items
            .iter()
            .map(|(k, item)| match self.slot(response, *k, target) {
                Slot::Value(v) => Some(item.scored(v)),
                Slot::Empty | Slot::NotApplicable => None,
            })
            .collect()
    }
}

fn factor_figures(
    team: &Team,
    round: &PerceptionRound,
    instrument: &Instrument,
    factor: &str,
    groups: &[Option<String>],
    grid: &Grid,
) -> FactorFigures {
    let items: Vec<(usize, &Item)> = instrument
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.factor == factor)
        .collect();
    let about = items.first().map_or(About::Team, |(_, i)| i.about);
    let seed = seed_of(&round.label, factor);
    let mut rows: Vec<Vec<f64>> = Vec::new();
    let scale = items.first().map_or((1, 5), |(_, i)| (i.min, i.max));
    let mut figures = FactorFigures {
        factor: factor.to_owned(),
        about,
        items: items.len(),
        scale,
        alpha: None,
        alpha_rows: 0,
        network_mean: None,
        cells: Vec::new(),
        profiles: Vec::new(),
        groups: Vec::new(),
        everyone: None,
        sides: Vec::new(),
        core_gap: None,
        scored: Vec::new(),
    };
    let team_target = grid.targets - 1;
    match about {
        About::Team => {
            let mut by_group: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
            let mut by_side: BTreeMap<Side, Vec<f64>> = BTreeMap::new();
            let mut all = Vec::new();
            for (r, g) in groups.iter().enumerate() {
                rows.extend(grid.complete_row(r, &items, team_target));
                let Some(s) = grid.score(r, &items, team_target) else {
                    continue;
                };
                all.push(s);
                if let Some(g) = g {
                    by_group.entry(g).or_default().push(s);
                }
                let side = round.responses[r].side;
                if let Some(side) = side {
                    by_side.entry(side).or_default().push(s);
                }
                figures.scored.push((g.clone(), side));
            }
            figures.groups = by_group
                .into_iter()
                .filter_map(|(g, scores)| group_mean(g, &scores, seed))
                .collect();
            figures.everyone = group_mean("Everyone", &all, seed);
            figures.sides = by_side
                .iter()
                .filter_map(|(side, scores)| group_mean(side.label(), scores, seed))
                .collect();
            if let (Some(core), Some(edge)) =
                (by_side.get(&Side::Core), by_side.get(&Side::Peripheral))
            {
                figures.core_gap = Some(gap(core, edge, seed));
            }
        }
        About::Each => {
            // The groups asked about: the team's disciplines, in the team's order.
            let mut cells: BTreeMap<(&str, usize), (f64, usize)> = BTreeMap::new();
            for (r, g) in groups.iter().enumerate() {
                for target in 0..team_target {
                    rows.extend(grid.complete_row(r, &items, target));
                    if let (Some(g), Some(s)) = (g, grid.score(r, &items, target)) {
                        let cell = cells.entry((g.as_str(), target)).or_default();
                        cell.0 += s;
                        cell.1 += 1;
                    }
                }
            }
            figures.cells = cells
                .into_iter()
                .map(|((rater, target), (sum, n))| Cell {
                    rater: rater.to_owned(),
                    rated: team.disciplines[target].name.clone(),
                    n,
                    mean: Some(sum / n as f64),
                })
                .collect();
            derive(&mut figures);
        }
    }
    figures.alpha_rows = rows.len();
    figures.alpha = cronbach_alpha(&rows);
    figures
}

/// A group's mean with its bootstrap interval; `None` for no scores.
fn group_mean(group: &str, scores: &[f64], seed: u64) -> Option<GroupMean> {
    let mean = crate::analysis::stats::mean(scores.iter().copied())?;
    let (low, high) = bootstrap_interval(scores, seed ^ seed_of(group, ""));
    Some(GroupMean {
        group: group.to_owned(),
        n: scores.len(),
        mean: Some(mean),
        // A percentile interval can, rarely, fall beside a skewed sample's mean: the
        // interval shown always holds the mean it stands around.
        interval: Some((low.min(mean), high.max(mean))),
    })
}

/// `a`'s mean less `b`'s, with the 2.5th and 97.5th percentiles of the differences of
/// [`RESAMPLES`] pairs of resamples, each group resampled on its own.
fn gap(a: &[f64], b: &[f64], seed: u64) -> Gap {
    use crate::analysis::stats::mean;
    let difference = mean(a.iter().copied())
        .zip(mean(b.iter().copied()))
        .map(|(x, y)| x - y);
    let mut rng = Rng(seed ^ seed_of("core", "periphery") | 1);
    let mut resample =
        |v: &[f64]| (0..v.len()).map(|_| v[rng.below(v.len())]).sum::<f64>() / v.len() as f64;
    let (low, high) = percentiles((0..RESAMPLES).map(|_| resample(a) - resample(b)).collect());
    Gap {
        difference,
        interval: difference.map(|d| (low.min(d), high.max(d))),
    }
}

/// The figures a round-robin factor derives from its shown cells: the network mean and
/// each group's profile. Only shown cells count, so nothing derived gives a withheld cell
/// away.
fn derive(f: &mut FactorFigures) {
    use crate::analysis::stats::mean;
    #[allow(clippy::trivially_copy_pass_by_ref)] // `filter` hands a `&&Cell`.
    fn others(c: &&Cell) -> bool {
        c.rater != c.rated
    }
    f.network_mean = mean(f.cells.iter().filter(others).filter_map(|c| c.mean));
    let (raters, rated) = f.matrix_groups();
    let mut groups: Vec<String> = rated.iter().map(|g| (*g).to_owned()).collect();
    groups.extend(
        raters
            .iter()
            .filter(|g| !rated.contains(g))
            .map(|g| (*g).to_owned()),
    );
    f.profiles = groups
        .into_iter()
        .map(|g| Profile {
            seen_by_others: mean(
                f.cells
                    .iter()
                    .filter(others)
                    .filter(|c| c.rated == g)
                    .filter_map(|c| c.mean),
            ),
            sees_others: mean(
                f.cells
                    .iter()
                    .filter(others)
                    .filter(|c| c.rater == g)
                    .filter_map(|c| c.mean),
            ),
            group: g,
        })
        .collect();
}

/// The room's figures (docs/measures.md, "Relational rounds", "In the room"): a cell or a
/// group's mean from fewer than `min` answers is withheld, and so is everything about a
/// group in `hidden` (a profession of fewer than `min` people, whose ratings are ratings
/// of those people). The same goes for the core and the periphery of a team factor. Where
/// the shown sums of groups and sides, with the team's own, would still give away a smaller
/// set of respondents, more are withheld ([`secondary_suppression`]). An interval needs
/// [`MIN_INTERVAL_N`] answers as well; the core–periphery gap is shown only where both
/// sides are, its interval only where both of theirs are. Derived figures are recomputed
/// from what is left.
pub fn withhold(rounds: &mut [RoundFigures], min: usize, hidden: &[String]) {
    let min = min.max(1);
    let hidden = |g: &str| hidden.iter().any(|h| h == g);
    for f in rounds.iter_mut().flat_map(|r| &mut r.factors) {
        for c in &mut f.cells {
            if c.n < min || hidden(&c.rated) || hidden(&c.rater) {
                c.mean = None;
            }
        }
        if f.about == About::Each {
            derive(f);
            continue;
        }
        let everyone_shown = f.everyone.as_ref().is_none_or(|e| e.n >= min);
        let withhold_mean = |g: &mut GroupMean| {
            g.mean = None;
            g.interval = None;
        };
        for g in &mut f.groups {
            if !everyone_shown || g.n < min || hidden(&g.group) {
                withhold_mean(g);
            }
        }
        for g in &mut f.sides {
            if !everyone_shown || g.n < min {
                withhold_mean(g);
            }
        }
        if let Some(everyone) = f.everyone.as_mut().filter(|_| !everyone_shown) {
            withhold_mean(everyone);
        }
        secondary_suppression(f, min);
        f.groups
            .iter_mut()
            .chain(&mut f.sides)
            .chain(&mut f.everyone)
            .for_each(|g| {
                if g.n < min.max(MIN_INTERVAL_N) {
                    g.interval = None;
                }
            });
        let side = |s: Side| f.sides.iter().find(|g| g.group == s.label());
        let (core, edge) = (side(Side::Core), side(Side::Peripheral));
        let both_shown =
            core.is_some_and(|g| g.mean.is_some()) && edge.is_some_and(|g| g.mean.is_some());
        let both_intervals = core.is_some_and(|g| g.interval.is_some())
            && edge.is_some_and(|g| g.interval.is_some());
        if let Some(gap) = &mut f.core_gap {
            if !both_shown {
                gap.difference = None;
            }
            if !both_intervals {
                gap.interval = None;
            }
        }
    }
}

/// Withhold further group and side means of a team factor until nobody's score, nor a
/// cell of fewer than `min` respondents sharing a group and a side, can be worked out by
/// adding and subtracting the shown sums and the team's own, even by a colleague who knows
/// their own score ([`disclosure::exposed_cells`]). Of the shown sides, then groups
/// (smallest first), the first whose withholding helps is given up: so a group goes rather
/// than a core–periphery gap where only the group's going protects anyone.
fn secondary_suppression(f: &mut FactorFigures, min: usize) {
    use crate::analysis::disclosure::exposed_cells;
    if f.everyone.as_ref().is_none_or(|e| e.mean.is_none()) {
        return;
    }
    // Each shown group and side as the respondents in it.
    let members = |f: &FactorFigures| -> Vec<(usize, Vec<usize>)> {
        let sides = f
            .sides
            .iter()
            .enumerate()
            .filter(|(_, g)| g.mean.is_some())
            .map(|(k, g)| {
                let people = (0..f.scored.len())
                    .filter(|i| f.scored[*i].1.is_some_and(|s| s.label() == g.group))
                    .collect();
                (k, people)
            });
        let groups = f
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.mean.is_some())
            .map(|(k, g)| {
                let people = (0..f.scored.len())
                    .filter(|i| f.scored[*i].0.as_deref() == Some(g.group.as_str()))
                    .collect();
                (f.sides.len() + k, people)
            });
        sides.chain(groups).collect()
    };
    let exposed = |shown: &[(usize, Vec<usize>)], without: Option<usize>| {
        let sets: Vec<&[usize]> = shown
            .iter()
            .filter(|(k, _)| Some(*k) != without)
            .map(|(_, p)| p.as_slice())
            .collect();
        exposed_cells(f.scored.len(), |_| true, &sets, min)
    };
    loop {
        let shown = members(f);
        let before = exposed(&shown, None);
        if before == 0 {
            return;
        }
        // Sides first, then groups smallest first; a group of everyone says no more than
        // the team's own sum and is never given up. The first whose withholding helps goes;
        // where none helps alone, the first.
        let mut order: Vec<usize> = shown
            .iter()
            .filter(|(_, p)| p.len() < f.scored.len())
            .map(|(k, _)| *k)
            .collect();
        let size = |k: usize| {
            shown
                .iter()
                .find(|(x, _)| *x == k)
                .map_or(0, |(_, p)| p.len())
        };
        order.sort_by_key(|k| (*k >= f.sides.len(), size(*k)));
        let Some(first) = order.first().copied() else {
            return;
        };
        let k = order
            .iter()
            .copied()
            .find(|k| exposed(&shown, Some(*k)) < before)
            .unwrap_or(first);
        let g = if k < f.sides.len() {
            &mut f.sides[k]
        } else {
            &mut f.groups[k - f.sides.len()]
        };
        g.mean = None;
        g.interval = None;
    }
}

/// The 2.5th and 97.5th percentiles of the means of [`RESAMPLES`] resamples, drawn with a
/// fixed seed so the same round always shows the same interval.
pub fn bootstrap_interval(scores: &[f64], seed: u64) -> (f64, f64) {
    let n = scores.len();
    if n < 2 {
        let v = scores.first().copied().unwrap_or(f64::NAN);
        return (v, v);
    }
    let mut rng = Rng(seed | 1);
    percentiles(
        (0..RESAMPLES)
            .map(|_| (0..n).map(|_| scores[rng.below(n)]).sum::<f64>() / n as f64)
            .collect(),
    )
}

/// The 2.5th and 97.5th percentiles of [`RESAMPLES`] draws.
fn percentiles(mut draws: Vec<f64>) -> (f64, f64) {
    draws.sort_by(f64::total_cmp);
    let at = |q: f64| draws[((q * (RESAMPLES - 1) as f64).round() as usize).min(RESAMPLES - 1)];
    (at(0.025), at(0.975))
}

/// Cronbach's α over complete rows: k/(k−1) · (1 − Σ item variances / variance of the
/// row sums), sample variances; `None` below [`MIN_ALPHA_ROWS`] rows, for one item, or where
/// the sums do not vary.
pub fn cronbach_alpha(rows: &[Vec<f64>]) -> Option<f64> {
    let k = rows.first()?.len();
    if k < 2 || rows.len() < MIN_ALPHA_ROWS {
        return None;
    }
    let variance = |values: &mut dyn Iterator<Item = f64>| {
        let v: Vec<f64> = values.collect();
        let n = v.len() as f64;
        let mean = v.iter().sum::<f64>() / n;
        v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)
    };
    let items: f64 = (0..k)
        .map(|i| variance(&mut rows.iter().map(|r| r[i])))
        .sum();
    let total = variance(&mut rows.iter().map(|r| r.iter().sum::<f64>()));
    (total > 0.0).then(|| k as f64 / (k as f64 - 1.0) * (1.0 - items / total))
}

/// A seed from text (FNV-1a), so each round, factor and group has its own fixed draws.
fn seed_of(a: &str, b: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in a.bytes().chain([0]).chain(b.bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The latest round with a round-robin factor that has cells: the round the matrix shows.
pub fn latest_matrix(rounds: &[RoundFigures]) -> Option<&RoundFigures> {
    rounds.iter().rev().find(|r| {
        r.factors
            .iter()
            .any(|f| f.about == About::Each && !f.cells.is_empty())
    })
}

/// The latest round with a team factor that anyone answered.
pub fn latest_team(rounds: &[RoundFigures]) -> Option<&RoundFigures> {
    rounds.iter().rev().find(|r| {
        r.factors
            .iter()
            .any(|f| f.about == About::Team && f.everyone.is_some())
    })
}

/// A factor's reliability in words: "α = 0.82 over 15 complete answers", or why there is
/// none.
pub fn alpha_text(f: &FactorFigures) -> String {
    match f.alpha {
        Some(x) => format!("α = {x:.2} over {} complete answers", f.alpha_rows),
        None if f.items < 2 => "one item, so no α".to_owned(),
        None if f.alpha_rows < MIN_ALPHA_ROWS => format!(
            "α not computed: {} complete answers, fewer than {MIN_ALPHA_ROWS}",
            f.alpha_rows
        ),
        None => "α not computed: the answers do not vary".to_owned(),
    }
}

/// What a factor's scale runs from and to, for captions: "1 to 5".
/// A signed figure to two places, with no "−0.00".
fn signed(x: f64) -> String {
    if x.abs() < 0.005 {
        "0.00".to_owned()
    } else {
        format!("{x:+.2}")
    }
}

/// The core–periphery gap of a team factor in words, with its interval, *n* and whether
/// the data support it; `None` where there is no gap to speak of.
pub fn gap_text(f: &FactorFigures) -> Option<String> {
    let gap = f.core_gap.as_ref()?;
    let n = |s: Side| {
        f.sides
            .iter()
            .find(|g| g.group == s.label())
            .map_or(0, |g| g.n)
    };
    let (core, edge) = (n(Side::Core), n(Side::Peripheral));
    Some(format!(
        "Core less periphery: {} ({core} core and {edge} periphery respondents).",
        gap_brief(gap)
    ))
}

/// "+0.72 (95 % interval 0.00 to +1.40): no clear difference", or "withheld".
pub fn gap_brief(gap: &Gap) -> String {
    let Some(d) = gap.difference else {
        return "withheld".to_owned();
    };
    let interval = gap.interval.map_or_else(
        || "no interval from so few answers".to_owned(),
        |(low, high)| format!("95 % interval {} to {}", signed(low), signed(high)),
    );
    let reading = match (gap.clear(), d > 0.0) {
        (true, true) => "the core scores higher, clearly",
        (true, false) => "the periphery scores higher, clearly",
        (false, _) => "no clear difference",
    };
    format!("{} ({interval}): {reading}", signed(d))
}

pub fn scale_text(f: &FactorFigures) -> String {
    format!("{} to {}", f.scale.0, f.scale.1)
}
