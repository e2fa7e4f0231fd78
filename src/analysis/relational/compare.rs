//! Rounds compared: each relational round against the one before it of the same
//! instrument, figure by figure, with whether the change is clear (docs/measures.md).

use super::{About, FactorFigures, GroupMean, RoundFigures, MIN_INTERVAL_N};
use crate::model::Side;

/// One figure in two rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The group (team factors), or "rater → rated" (cells), or "Network" / a profile.
    pub what: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub n_before: usize,
    pub n_after: usize,
    pub interval_before: Option<(f64, f64)>,
    pub interval_after: Option<(f64, f64)>,
    /// Both rounds' 95 % intervals are shown, from at least [`MIN_INTERVAL_N`] answers each,
    /// and do not overlap: the change is clear.
    /// Non-overlapping intervals are a cautious test (they imply a difference well past
    /// the 5 % level), so a change called clear is one the data support.
    pub clear: bool,
}

impl Change {
    pub fn difference(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }
}

/// A factor in two rounds.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorChange {
    pub factor: String,
    pub about: About,
    pub scale: (u8, u8),
    /// Team factors: each group, then "Everyone"; round robin: the network mean, then each
    /// group as seen by others. `n` is the answers behind a figure: respondents for a team
    /// factor, ratings (respondent × group rated) for the round-robin ones.
    pub changes: Vec<Change>,
}

/// Two rounds of one instrument, the earlier first.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundChange {
    pub before: String,
    pub after: String,
    /// The snapshots the two rounds are linked to, if any: the restructure between them.
    pub before_snapshot: Option<String>,
    pub after_snapshot: Option<String>,
    pub instrument: String,
    pub factors: Vec<FactorChange>,
}

/// Every round against the one before it of the same instrument.
pub fn changes(rounds: &[RoundFigures]) -> Vec<RoundChange> {
    rounds
        .iter()
        .enumerate()
        .filter_map(|(k, after)| {
            let before = rounds[..k]
                .iter()
                .rev()
                .find(|r| r.instrument == after.instrument)?;
            Some(compare(before, after))
        })
        .collect()
}

/// Two rounds factor by factor (factors matched by name), group by group. A figure withheld
/// in either round has no difference.
pub fn compare(before: &RoundFigures, after: &RoundFigures) -> RoundChange {
    let factors = after
        .factors
        .iter()
        .filter_map(|a| {
            let b = before
                .factors
                .iter()
                .find(|b| b.factor == a.factor && b.about == a.about)?;
            let changes = match a.about {
                About::Team => {
                    let mut groups: Vec<&str> = b.groups.iter().map(|g| g.group.as_str()).collect();
                    for g in &a.groups {
                        if !groups.contains(&g.group.as_str()) {
                            groups.push(&g.group);
                        }
                    }
                    let find = |f: &FactorFigures, g: &str| {
                        f.groups.iter().find(|x| x.group == g).cloned()
                    };
                    let mut out: Vec<Change> = groups
                        .into_iter()
                        .map(|g| group_change(g, find(b, g).as_ref(), find(a, g).as_ref()))
                        .collect();
                    let side = |f: &FactorFigures, s: Side| {
                        f.sides.iter().find(|x| x.group == s.label()).cloned()
                    };
                    for s in Side::ALL {
                        let (old, new) = (side(b, s), side(a, s));
                        if old.is_some() || new.is_some() {
                            out.push(group_change(s.label(), old.as_ref(), new.as_ref()));
                        }
                    }
                    out.push(group_change(
                        "Everyone",
                        b.everyone.as_ref(),
                        a.everyone.as_ref(),
                    ));
                    out
                }
                About::Each => {
                    // The ratings behind the network mean: its shown cells' answers.
                    let shown = |f: &FactorFigures| -> usize {
                        f.cells
                            .iter()
                            .filter(|c| c.mean.is_some() && c.rater != c.rated)
                            .map(|c| c.n)
                            .sum()
                    };
                    let mut out = vec![Change {
                        what: "Network mean".to_owned(),
                        before: b.network_mean,
                        after: a.network_mean,
                        n_before: shown(b),
                        n_after: shown(a),
                        interval_before: None,
                        interval_after: None,
                        clear: false,
                    }];
                    for p in &a.profiles {
                        let old = b.profiles.iter().find(|x| x.group == p.group);
                        let raters = |f: &FactorFigures| {
                            f.cells
                                .iter()
                                .filter(|c| {
                                    c.rated == p.group && c.rater != c.rated && c.mean.is_some()
                                })
                                .map(|c| c.n)
                                .sum()
                        };
                        out.push(Change {
                            what: p.group.clone(),
                            before: old.and_then(|x| x.seen_by_others),
                            after: p.seen_by_others,
                            n_before: raters(b),
                            n_after: raters(a),
                            interval_before: None,
                            interval_after: None,
                            clear: false,
                        });
                    }
                    out
                }
            };
            Some(FactorChange {
                factor: a.factor.clone(),
                about: a.about,
                scale: a.scale,
                changes,
            })
        })
        .collect();
    RoundChange {
        before: before.label.clone(),
        after: after.label.clone(),
        before_snapshot: before.snapshot.clone(),
        after_snapshot: after.snapshot.clone(),
        instrument: after.instrument.clone(),
        factors,
    }
}

fn group_change(what: &str, before: Option<&GroupMean>, after: Option<&GroupMean>) -> Change {
    let interval = |g: Option<&GroupMean>| g.and_then(|g| g.interval);
    // A percentile bootstrap from fewer than MIN_INTERVAL_N answers is too narrow to lean on.
    let reliable =
        |g: Option<&GroupMean>| g.filter(|g| g.n >= MIN_INTERVAL_N).and_then(|g| g.interval);
    let clear = match (reliable(before), reliable(after)) {
        (Some(b), Some(a)) => a.0 > b.1 || a.1 < b.0,
        _ => false,
    };
    Change {
        what: what.to_owned(),
        before: before.and_then(|g| g.mean),
        after: after.and_then(|g| g.mean),
        n_before: before.map_or(0, |g| g.n),
        n_after: after.map_or(0, |g| g.n),
        interval_before: interval(before),
        interval_after: interval(after),
        clear,
    }
}
