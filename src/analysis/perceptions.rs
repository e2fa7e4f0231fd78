//! How the professions see each other, from the team's perception rounds, set beside the
//! conditions ladder: perceived say and valued expertise per discipline, ranks and their
//! gap, Bradley–Terry strengths from pairwise choices, and how valued raters feel. Every
//! definition is in `docs/measures.md` ("Perceptions").
//!
//! Withholding applies always, not only with names hidden: these are anonymous answers. A
//! figure built from fewer raters than the minimum group size is `None`, and no two shown
//! figures may be subtracted to give a smaller group's (see [`triple`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::stats;
use crate::model::{Answers, DisciplineId, Team};

/// Bradley–Terry iterations stop when the largest relative change is below this...
const BT_TOLERANCE: f64 = 1e-10;
/// ...or after this many, whichever comes first (a guard; small teams converge in dozens).
const BT_MAX_ITERATIONS: usize = 100_000;
/// Spearman's ρ between conditions and perceived say needs at least this many disciplines.
pub const MIN_RANKED_FOR_CORRELATION: usize = 4;

/// The ratings of one discipline on one question.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuestionFigures {
    /// How many ratings it received.
    pub raters: usize,
    pub perceived_mean: Option<f64>,
    /// By raters of its own discipline.
    pub self_mean: Option<f64>,
    /// By everyone else, "prefer not to say" included.
    pub others_mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DisciplinePerception {
    pub id: DisciplineId,
    pub name: String,
    pub say: QuestionFigures,
    pub valued: QuestionFigures,
    /// 1 = seen as having the most say (by others' mean say); average ranks for ties.
    pub perceived_rank: Option<f64>,
    /// 1 = the best conditions index, among the same disciplines.
    pub conditions_rank: Option<f64>,
    /// `conditions_rank − perceived_rank`: positive when seen as having more say than the
    /// conditions suggest.
    pub rank_gap: Option<f64>,
    pub conditions_index: Option<f64>,
    /// ln of the Bradley–Terry strength (geometric mean of strengths 1).
    pub bt_log_strength: Option<f64>,
    /// Pairwise choices the discipline appeared in.
    pub comparisons: usize,
    /// How valued its own members who answered feel, when enough of them did.
    pub feel_valued_mean: Option<f64>,
    pub feel_valued_n: Option<usize>,
}

/// A rater group's feeling valued: a discipline with enough respondents, or everyone else
/// pooled as "Other disciplines, or prefer not to say".
#[derive(Clone, Debug, PartialEq)]
pub struct FeelValued {
    pub group: String,
    pub n: usize,
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Perceptions {
    /// The rounds measured: the latest round of ratings and the latest of pairwise choices,
    /// by date.
    /// Rounds are not pooled: a round before a restructure and one after it would hide the
    /// change they were run to show (rounds are compared in `relational`).
    pub rounds: Vec<String>,
    pub respondents: usize,
    pub min_group: usize,
    /// In the team's discipline order.
    pub disciplines: Vec<DisciplinePerception>,
    pub spearman_conditions_vs_perceived: Option<f64>,
    pub feel_valued: Vec<FeelValued>,
    /// The disciplines ranked on both sides, for the slope chart.
    pub ranked: usize,
    /// Mean say by rater group and rated discipline, for the heat map.
    pub say_by_rater: SayByRater,
}

/// Who gives whom how much say: rows are rater groups (disciplines with at least the
/// minimum of respondents who rated, the rest pooled as [`OTHER_RATERS`]), columns the rated
/// disciplines. A rater's ratings of their own discipline are left out: they are the "own"
/// bars of the self-against-others chart, and leaving them out makes each column add up to
/// the discipline's `others_mean`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SayByRater {
    pub raters: Vec<RaterGroup>,
    pub rated: Vec<(DisciplineId, String)>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RaterGroup {
    pub name: String,
    /// `None` for the pooled group.
    pub discipline: Option<DisciplineId>,
    pub respondents: usize,
}

/// One heat-map cell: how many say ratings it holds, and their mean where shown.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    pub n: usize,
    pub mean: Option<f64>,
}

impl Perceptions {
    pub fn discipline(&self, id: DisciplineId) -> Option<&DisciplinePerception> {
        self.disciplines.iter().find(|d| d.id == id)
    }
}

/// Counts and sums of the ratings of one discipline on one question.
#[derive(Clone, Copy, Default)]
struct Tally {
    self_n: usize,
    self_sum: f64,
    others_n: usize,
    others_sum: f64,
}

impl Tally {
    fn add(&mut self, own: bool, v: u8) {
        if own {
            self.self_n += 1;
            self.self_sum += f64::from(v);
        } else {
            self.others_n += 1;
            self.others_sum += f64::from(v);
        }
    }

    fn figures(&self, min: usize) -> QuestionFigures {
        let (self_mean, others_mean, perceived_mean) = triple(
            (self.self_n, self.self_sum),
            (self.others_n, self.others_sum),
            min,
        );
        QuestionFigures {
            raters: self.self_n + self.others_n,
            perceived_mean,
            self_mean,
            others_mean,
        }
    }
}

/// Self, others and all means from two disjoint groups `(n, sum)`. Each is shown only from
/// at least `min` ratings, and the whole only when neither part is a small group that the
/// whole minus the other part would give away.
fn triple(
    own: (usize, f64),
    others: (usize, f64),
    min: usize,
) -> (Option<f64>, Option<f64>, Option<f64>) {
    let mean = |(n, sum): (usize, f64)| (n >= min && n > 0).then(|| sum / n as f64);
    let safe_part = |n: usize| n == 0 || n >= min;
    let all = (own.0 + others.0, own.1 + others.1);
    let whole = if safe_part(own.0) && safe_part(others.0) {
        mean(all)
    } else {
        None
    };
    (mean(own), mean(others), whole)
}

/// The perception measures for `team`, beside the conditions index of each discipline in
/// `conditions` (`None` where withheld), or `None` when the team has no responses.
pub fn analyse(
    team: &Team,
    conditions: &BTreeMap<DisciplineId, Option<f64>>,
    min: usize,
) -> Option<Perceptions> {
    analyse_hiding(team, conditions, min, &BTreeSet::new())
}

/// As [`analyse`], showing nothing about the disciplines in `hidden`: with names hidden,
/// those with fewer members than the minimum, whose "profession" is one or two people. Their
/// ratings still count in the totals; their own figures are withheld, and their members who
/// answered join the pooled rater group.
pub fn analyse_hiding(
    team: &Team,
    conditions: &BTreeMap<DisciplineId, Option<f64>>,
    min: usize,
    hidden: &BTreeSet<DisciplineId>,
) -> Option<Perceptions> {
    // The latest by date; of one date, the last added.
    let latest = |kind: fn(&Answers) -> bool| {
        team.perceptions
            .iter()
            .filter(|r| r.instrument.is_none() && r.responses.iter().any(|x| kind(&x.answers)))
            .max_by(|a, b| a.date.cmp(&b.date))
    };
    let measured: Vec<&crate::model::PerceptionRound> = [
        latest(|a| matches!(a, Answers::Ratings(_))),
        latest(|a| matches!(a, Answers::Pairwise(_))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let responses: Vec<&crate::model::Response> =
        measured.iter().flat_map(|r| &r.responses).collect();
    if responses.is_empty() {
        return None;
    }
    let min = min.max(1);
    let Tallies {
        say,
        valued,
        wins,
        pairs,
        comparisons,
        compared_by,
    } = Tallies::of(&responses);
    let strengths = bradley_terry(&wins, &pairs);

    let mut disciplines: Vec<DisciplinePerception> = team
        .disciplines
        .iter()
        .map(|d| {
            let shown = !hidden.contains(&d.id);
            let enough_raters = shown && compared_by.get(&d.id).map_or(0, HashSet::len) >= min;
            let figures = |tallies: &HashMap<DisciplineId, Tally>| {
                let f = tallies.get(&d.id).copied().unwrap_or_default().figures(min);
                if shown {
                    f
                } else {
                    QuestionFigures {
                        raters: f.raters,
                        ..QuestionFigures::default()
                    }
                }
            };
            DisciplinePerception {
                id: d.id,
                name: d.name.clone(),
                say: figures(&say),
                valued: figures(&valued),
                perceived_rank: None,
                conditions_rank: None,
                rank_gap: None,
                conditions_index: conditions.get(&d.id).copied().flatten(),
                bt_log_strength: strengths
                    .get(&d.id)
                    .filter(|_| enough_raters)
                    .map(|s| s.ln()),
                comparisons: comparisons.get(&d.id).copied().unwrap_or(0),
                feel_valued_mean: None,
                feel_valued_n: None,
            }
        })
        .collect();

    let (ranked, spearman_conditions_vs_perceived) = rank(&mut disciplines);
    let feel_valued = feel_valued(team, &responses, min, hidden);
    let say_by_rater = say_by_rater(team, &responses, min, hidden);
    for d in &mut disciplines {
        if let Some(g) = feel_valued.iter().find(|g| g.group == d.name) {
            d.feel_valued_mean = g.mean;
            d.feel_valued_n = Some(g.n);
        }
    }
    Some(Perceptions {
        rounds: measured.iter().map(|r| r.label.clone()).collect(),
        respondents: responses.len(),
        min_group: min,
        disciplines,
        spearman_conditions_vs_perceived,
        feel_valued,
        ranked,
        say_by_rater,
    })
}

/// What a round's answers add up to, by discipline rated: say and valued ratings, and the
/// pairwise choices (wins, pairs, comparisons, and which respondents compared each).
#[derive(Default)]
struct Tallies {
    say: HashMap<DisciplineId, Tally>,
    valued: HashMap<DisciplineId, Tally>,
    wins: BTreeMap<DisciplineId, f64>,
    pairs: BTreeMap<(DisciplineId, DisciplineId), f64>,
    comparisons: HashMap<DisciplineId, usize>,
    compared_by: HashMap<DisciplineId, HashSet<usize>>,
}

impl Tallies {
    fn of(responses: &[&crate::model::Response]) -> Self {
        let mut t = Tallies::default();
        for (who, r) in responses.iter().enumerate() {
            match &r.answers {
                Answers::Ratings(ratings) => {
                    for x in ratings {
                        let own = r.rater == Some(x.discipline);
                        if let Some(v) = x.say {
                            t.say.entry(x.discipline).or_default().add(own, v);
                        }
                        if let Some(v) = x.valued {
                            t.valued.entry(x.discipline).or_default().add(own, v);
                        }
                    }
                }
                Answers::Pairwise(choices) => {
                    for c in choices {
                        *t.wins.entry(c.higher).or_default() += 1.0;
                        let key = if c.higher < c.lower {
                            (c.higher, c.lower)
                        } else {
                            (c.lower, c.higher)
                        };
                        *t.pairs.entry(key).or_default() += 1.0;
                        for d in [c.higher, c.lower] {
                            *t.comparisons.entry(d).or_default() += 1;
                            t.compared_by.entry(d).or_default().insert(who);
                        }
                    }
                }
                // A relational round is measured on its own (`analysis::relational`).
                Answers::Items(_) => {}
            }
        }
        t
    }
}

/// Rank the disciplines with both a say seen by others and a conditions index (rank 1 the
/// highest, ties averaged); returns how many were ranked, and the rank correlation where
/// there are enough of them.
fn rank(disciplines: &mut [DisciplinePerception]) -> (usize, Option<f64>) {
    let ranked: Vec<usize> = (0..disciplines.len())
        .filter(|i| {
            disciplines[*i].say.others_mean.is_some() && disciplines[*i].conditions_index.is_some()
        })
        .collect();
    let perceived: Vec<f64> = ranked
        .iter()
        .filter_map(|i| disciplines[*i].say.others_mean)
        .collect();
    let index: Vec<f64> = ranked
        .iter()
        .filter_map(|i| disciplines[*i].conditions_index)
        .collect();
    // Rank 1 is the highest: rank the negated values.
    let negate = |v: &[f64]| v.iter().map(|x| -x).collect::<Vec<f64>>();
    let p_ranks = stats::average_ranks(&negate(&perceived));
    let c_ranks = stats::average_ranks(&negate(&index));
    for (k, i) in ranked.iter().enumerate() {
        let d = &mut disciplines[*i];
        d.perceived_rank = Some(p_ranks[k]);
        d.conditions_rank = Some(c_ranks[k]);
        d.rank_gap = Some(c_ranks[k] - p_ranks[k]);
    }
    let spearman = if ranked.len() >= MIN_RANKED_FOR_CORRELATION {
        stats::spearman(&index, &perceived)
    } else {
        None
    };
    (ranked.len(), spearman)
}

/// The name of the pooled rater group.
pub const OTHER_RATERS: &str = "Other disciplines, or prefer not to say";

/// The shown rater groups (discipline, name, items) and the pool.
type Grouped<T> = (Vec<(DisciplineId, String, Vec<T>)>, Vec<T>);

/// Items grouped by rater discipline: each discipline (in the team's order) with at least
/// `min` of them and not hidden, and the rest pooled. A pool of 1 to `min − 1` takes in the
/// smallest shown group, so that no group's figure follows from the others' and a total.
fn rater_groups<T>(
    team: &Team,
    mut by: BTreeMap<Option<DisciplineId>, Vec<T>>,
    min: usize,
    hidden: &BTreeSet<DisciplineId>,
) -> Grouped<T> {
    let mut shown: Vec<(DisciplineId, String, Vec<T>)> = Vec::new();
    let mut pool: Vec<T> = Vec::new();
    for d in &team.disciplines {
        match by.remove(&Some(d.id)) {
            Some(v) if v.len() >= min && !hidden.contains(&d.id) => {
                shown.push((d.id, d.name.clone(), v));
            }
            Some(v) => pool.extend(v),
            None => {}
        }
    }
    for (_, v) in by {
        pool.extend(v);
    }
    if !pool.is_empty() && pool.len() < min {
        if let Some(k) = (0..shown.len()).min_by_key(|k| shown[*k].2.len()) {
            pool.extend(shown.remove(k).2);
        }
    }
    (shown, pool)
}

/// Feeling valued by rater discipline ([`rater_groups`]).
fn feel_valued(
    team: &Team,
    responses: &[&crate::model::Response],
    min: usize,
    hidden: &BTreeSet<DisciplineId>,
) -> Vec<FeelValued> {
    let mut by: BTreeMap<Option<DisciplineId>, Vec<f64>> = BTreeMap::new();
    for r in responses {
        if let Some(v) = r.feel_valued {
            by.entry(r.rater).or_default().push(f64::from(v));
        }
    }
    let (shown, pool) = rater_groups(team, by, min, hidden);
    let mut out: Vec<FeelValued> = shown
        .into_iter()
        .map(|(_, group, v)| FeelValued {
            group,
            n: v.len(),
            mean: stats::mean(v.iter().copied()),
        })
        .collect();
    if !pool.is_empty() {
        out.push(FeelValued {
            group: OTHER_RATERS.to_owned(),
            n: pool.len(),
            mean: (pool.len() >= min)
                .then(|| stats::mean(pool.iter().copied()))
                .flatten(),
        });
    }
    out
}

/// The heat map of [`SayByRater`]. A cell is shown from at least `min` ratings. For each
/// rated discipline, when the cells withheld for that hold 1 to `min − 1` ratings in all,
/// the shown cell with the fewest is withheld too: otherwise the discipline's total
/// (`others_mean`, with its count) less the shown cells would give the small ones away.
fn say_by_rater(
    team: &Team,
    responses: &[&crate::model::Response],
    min: usize,
    hidden: &BTreeSet<DisciplineId>,
) -> SayByRater {
    let mut by: BTreeMap<Option<DisciplineId>, Vec<&crate::model::Response>> = BTreeMap::new();
    for r in responses {
        if matches!(r.answers, Answers::Ratings(_)) {
            by.entry(r.rater).or_default().push(r);
        }
    }
    let (shown, pool) = rater_groups(team, by, min, hidden);
    let mut groups: Vec<(RaterGroup, Vec<&crate::model::Response>)> = shown
        .into_iter()
        .map(|(id, name, v)| {
            let group = RaterGroup {
                name,
                discipline: Some(id),
                respondents: v.len(),
            };
            (group, v)
        })
        .collect();
    if !pool.is_empty() {
        let group = RaterGroup {
            name: OTHER_RATERS.to_owned(),
            discipline: None,
            respondents: pool.len(),
        };
        groups.push((group, pool));
    }
    // (n, sum) per row and rated discipline, own ratings left out.
    let mut sums: Vec<HashMap<DisciplineId, (usize, f64)>> = vec![HashMap::new(); groups.len()];
    for (row, (_, members)) in groups.iter().enumerate() {
        for r in members {
            let Answers::Ratings(ratings) = &r.answers else {
                continue;
            };
            for x in ratings {
                if let (Some(v), false) = (x.say, r.rater == Some(x.discipline)) {
                    let e = sums[row].entry(x.discipline).or_default();
                    e.0 += 1;
                    e.1 += f64::from(v);
                }
            }
        }
    }
    let rated: Vec<(DisciplineId, String)> = team
        .disciplines
        .iter()
        .filter(|d| !hidden.contains(&d.id) && sums.iter().any(|row| row.contains_key(&d.id)))
        .map(|d| (d.id, d.name.clone()))
        .collect();
    let mut cells: Vec<Vec<Cell>> = sums
        .iter()
        .map(|row| {
            rated
                .iter()
                .map(|(d, _)| {
                    let (n, sum) = row.get(d).copied().unwrap_or((0, 0.0));
                    Cell {
                        n,
                        mean: (n >= min && n > 0).then(|| sum / n as f64),
                    }
                })
                .collect()
        })
        .collect();
    for col in 0..rated.len() {
        let small: usize = cells
            .iter()
            .map(|row| row[col])
            .filter(|c| c.n > 0 && c.mean.is_none())
            .map(|c| c.n)
            .sum();
        if small > 0 && small < min {
            if let Some(row) = (0..cells.len())
                .filter(|r| cells[*r][col].mean.is_some())
                .min_by_key(|r| cells[*r][col].n)
            {
                cells[row][col].mean = None;
            }
        }
    }
    SayByRater {
        raters: groups.into_iter().map(|(g, _)| g).collect(),
        rated,
        cells,
    }
}

/// Bradley–Terry strengths from pairwise wins, by Hunter's (2004) MM algorithm, after adding
/// half a win to each side of every pair compared at least once (so that a discipline that
/// never won still has a strength). Scaled so that their geometric mean is 1.
pub fn bradley_terry(
    wins: &BTreeMap<DisciplineId, f64>,
    pairs: &BTreeMap<(DisciplineId, DisciplineId), f64>,
) -> HashMap<DisciplineId, f64> {
    let mut ids: Vec<DisciplineId> = pairs.keys().flat_map(|(a, b)| [*a, *b]).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return HashMap::new();
    }
    let at: HashMap<DisciplineId, usize> = ids.iter().enumerate().map(|(i, d)| (*d, i)).collect();
    let n = ids.len();
    // With the half wins: each pair gains one comparison, each side half a win.
    let mut w = vec![0.0; n];
    let mut games: Vec<(usize, usize, f64)> = Vec::new();
    for ((a, b), count) in pairs {
        let (i, j) = (at[a], at[b]);
        games.push((i, j, count + 1.0));
        w[i] += 0.5;
        w[j] += 0.5;
    }
    for (d, x) in wins {
        if let Some(i) = at.get(d) {
            w[*i] += x;
        }
    }
    let mut p = vec![1.0; n];
    for _ in 0..BT_MAX_ITERATIONS {
        let mut denom = vec![0.0; n];
        for &(i, j, g) in &games {
            let s = g / (p[i] + p[j]);
            denom[i] += s;
            denom[j] += s;
        }
        let mut next: Vec<f64> = (0..n)
            .map(|i| {
                if denom[i] > 0.0 {
                    w[i] / denom[i]
                } else {
                    p[i]
                }
            })
            .collect();
        let log_mean = next.iter().map(|x| x.ln()).sum::<f64>() / n as f64;
        let scale = (-log_mean).exp();
        for x in &mut next {
            *x *= scale;
        }
        let change = (0..n)
            .map(|i| ((next[i] - p[i]) / p[i]).abs())
            .fold(0.0, f64::max);
        p = next;
        if change < BT_TOLERANCE {
            break;
        }
    }
    ids.into_iter().zip(p).collect()
}
