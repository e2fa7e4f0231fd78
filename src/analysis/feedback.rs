//! What families tell the team, measured: for each round (and each ESQ form in it) the count
//! and share of every answer per item, the mean score with don't know apart, the ESQ's two
//! subscales, the FFT's shares of positive and negative answers; each round against the one
//! before it; and the families' view of the team working together beside the staff's own
//! relational figures from the same period. Definitions in `docs/measures.md`, "What
//! families tell us".
//!
//! With names hidden, no figure comes from fewer responses than the team's minimum, and a
//! figure over several forms is withheld where, set against the forms shown, it would give
//! a withheld form's figure away.

use crate::model::feedback::{
    Answers, EsqAnswer, FeedbackRound, FftAnswer, Form, Kind, Subscale, ESQ_ITEMS,
    WORKING_TOGETHER_ITEM,
};
use crate::model::Team;

use super::relational::RoundFigures;
use crate::model::instrument::About;

/// One round's figures for one ESQ form, or for a Friends and Family Test round.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundFeedback {
    pub label: String,
    pub kind: Kind,
    /// `None` for the FFT.
    pub form: Option<Form>,
    /// The round's first and last day; `None` in the room for a form of fewer responses
    /// than the minimum, where the days could say who answered.
    pub from: Option<String>,
    pub to: Option<String>,
    pub snapshot: Option<String>,
    /// `None` where withheld in the room.
    pub respondents: Option<usize>,
    /// ESQ: the twelve items in order; empty for the FFT.
    pub items: Vec<ItemFigures>,
    pub subscales: Vec<SubscaleFigures>,
    /// FFT: the answers and the published shares; `None` for the ESQ.
    pub fft: Option<FftFigures>,
    /// The team's own questionnaire: each item; empty for the ESQ and FFT.
    pub own: Vec<OwnItemFigures>,
}

/// One of the team's own items: how many gave each answer on its scale, and the mean over
/// those who did not answer "don't know". Every figure is `None` where withheld in the room.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnItemFigures {
    pub id: String,
    pub text: String,
    pub scale: (u8, u8),
    /// Answers given, don't know included.
    pub n: Option<usize>,
    /// The count of each answer from the scale's lowest to its highest.
    pub counts: Option<Vec<usize>>,
    pub dont_know: Option<usize>,
    /// On the item's own scale, as answered (a reverse-worded item is not turned round).
    pub mean: Option<f64>,
    pub scored: Option<usize>,
}

fn own_figures(round: &FeedbackRound) -> Vec<OwnItemFigures> {
    let Some(instrument) = &round.instrument else {
        return Vec::new();
    };
    instrument
        .items
        .iter()
        .map(|item| {
            let answers: Vec<Option<u8>> = round
                .responses
                .iter()
                .filter_map(|r| match &r.answers {
                    Answers::Items(a) => a.iter().find(|a| a.item == item.id).map(|a| a.value),
                    _ => None,
                })
                .collect();
            let mut counts = vec![0usize; usize::from(item.max.saturating_sub(item.min)) + 1];
            for v in answers.iter().flatten() {
                if let Some(c) = counts.get_mut(usize::from(v.saturating_sub(item.min))) {
                    *c += 1;
                }
            }
            let values: Vec<f64> = answers.iter().flatten().map(|v| f64::from(*v)).collect();
            OwnItemFigures {
                id: item.id.clone(),
                text: item.text.clone(),
                scale: (item.min, item.max),
                n: Some(answers.len()),
                counts: Some(counts),
                dont_know: Some(answers.iter().filter(|a| a.is_none()).count()),
                mean: super::stats::mean(values.iter().copied()),
                scored: Some(values.len()),
            }
        })
        .collect()
}

/// One ESQ item: how many gave each answer, and the mean score (0–2) over those who did not
/// answer "don't know". Every field is `None` where withheld in the room.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemFigures {
    pub item: u8,
    /// Teamscape's short words for what it asks.
    pub text: &'static str,
    /// Answers given, don't know included.
    pub n: Option<usize>,
    /// Certainly true, partly true, not true, don't know.
    pub counts: Option<[usize; 4]>,
    pub mean_score: Option<f64>,
    /// Answers other than don't know: what the mean is over.
    pub scored: Option<usize>,
}

impl ItemFigures {
    /// The share answering "certainly true", of all answers given (don't know included).
    pub fn share_certainly(&self) -> Option<f64> {
        let n = self.n?;
        (n > 0).then(|| self.counts.map(|c| c[0] as f64 / n as f64))?
    }
}

/// A subscale: the mean over respondents of each respondent's mean item score (0–2) on the
/// subscale's items they scored; `n` the respondents with at least one scored item.
#[derive(Clone, Debug, PartialEq)]
pub struct SubscaleFigures {
    pub subscale: Subscale,
    pub n: Option<usize>,
    pub mean: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FftFigures {
    /// Responses with a rating, don't know included.
    pub n: Option<usize>,
    /// In [`FftAnswer::ALL`] order.
    pub counts: Option<[usize; 6]>,
    /// Very good and good, as a percentage of every rating (don't know included), as NHS
    /// England publishes it.
    pub percent_positive: Option<f64>,
    /// Poor and very poor, the same way.
    pub percent_negative: Option<f64>,
}

/// Every round's figures, in the team's order of rounds, each ESQ round form by form.
pub fn analyse(team: &Team) -> Vec<RoundFeedback> {
    team.feedback.iter().flat_map(round_figures).collect()
}

fn round_figures(round: &FeedbackRound) -> Vec<RoundFeedback> {
    let base = |form: Option<Form>| RoundFeedback {
        label: round.label.clone(),
        kind: round.kind,
        form,
        from: Some(round.from.clone()),
        to: Some(round.to.clone()),
        snapshot: round.snapshot.clone(),
        respondents: None,
        items: Vec::new(),
        subscales: Vec::new(),
        fft: None,
        own: Vec::new(),
    };
    match round.kind {
        Kind::Fft => {
            let ratings: Vec<FftAnswer> = round
                .responses
                .iter()
                .filter_map(|r| match r.answers {
                    Answers::Fft(a) => a,
                    Answers::Esq { .. } | Answers::Items(_) => None,
                })
                .collect();
            let mut counts = [0usize; 6];
            for a in &ratings {
                if let Some(i) = FftAnswer::ALL.iter().position(|x| x == a) {
                    counts[i] += 1;
                }
            }
            let n = ratings.len();
            let percent = |k: &[usize]| {
                (n > 0)
                    .then(|| 100.0 * k.iter().map(|i| counts[*i]).sum::<usize>() as f64 / n as f64)
            };
            vec![RoundFeedback {
                respondents: Some(round.responses.len()),
                fft: Some(FftFigures {
                    n: Some(n),
                    counts: Some(counts),
                    percent_positive: percent(&[0, 1]),
                    percent_negative: percent(&[3, 4]),
                }),
                ..base(None)
            }]
        }
        Kind::Own => vec![RoundFeedback {
            respondents: Some(round.responses.len()),
            own: own_figures(round),
            ..base(None)
        }],
        Kind::Esq => round
            .forms()
            .into_iter()
            .map(|form| {
                let rows: Vec<&Vec<Option<EsqAnswer>>> = round
                    .responses
                    .iter()
                    .filter_map(|r| match &r.answers {
                        Answers::Esq { form: f, items } if *f == form => Some(items),
                        _ => None,
                    })
                    .collect();
                RoundFeedback {
                    respondents: Some(rows.len()),
                    items: ESQ_ITEMS
                        .iter()
                        .enumerate()
                        .map(|(k, (item, _, text))| item_figures(*item, text, &rows, k))
                        .collect(),
                    subscales: Subscale::ALL
                        .into_iter()
                        .map(|s| subscale_figures(s, &rows))
                        .collect(),
                    ..base(Some(form))
                }
            })
            .collect(),
    }
}

fn item_figures(
    item: u8,
    text: &'static str,
    rows: &[&Vec<Option<EsqAnswer>>],
    k: usize,
) -> ItemFigures {
    let mut counts = [0usize; 4];
    for a in rows.iter().filter_map(|r| r.get(k).copied().flatten()) {
        if let Some(i) = EsqAnswer::ALL.iter().position(|x| *x == a) {
            counts[i] += 1;
        }
    }
    let n: usize = counts.iter().sum();
    let scored = n - counts[3];
    ItemFigures {
        item,
        text,
        n: Some(n),
        counts: Some(counts),
        mean_score: (scored > 0).then(|| (2 * counts[0] + counts[1]) as f64 / scored as f64),
        scored: Some(scored),
    }
}

fn subscale_figures(subscale: Subscale, rows: &[&Vec<Option<EsqAnswer>>]) -> SubscaleFigures {
    let means: Vec<f64> = rows
        .iter()
        .filter_map(|r| {
            let scores: Vec<f64> = ESQ_ITEMS
                .iter()
                .enumerate()
                .filter(|(_, (_, s, _))| *s == subscale)
                .filter_map(|(k, _)| r.get(k).copied().flatten()?.score())
                .map(f64::from)
                .collect();
            super::stats::mean(scores.iter().copied())
        })
        .collect();
    SubscaleFigures {
        subscale,
        n: Some(means.len()),
        mean: super::stats::mean(means.iter().copied()),
    }
}

/// Withhold, for the room, every figure from fewer than `min` responses.
pub fn withhold(rounds: &mut [RoundFeedback], min: usize) {
    for r in rounds {
        if r.respondents.is_some_and(|n| n < min) {
            r.respondents = None;
            r.from = None;
            r.to = None;
        }
        for i in &mut r.items {
            if i.n.is_some_and(|n| n < min) {
                *i = ItemFigures {
                    item: i.item,
                    text: i.text,
                    n: None,
                    counts: None,
                    mean_score: None,
                    scored: None,
                };
            } else if i.scored.is_some_and(|n| n < min) {
                i.mean_score = None;
            }
        }
        for s in &mut r.subscales {
            if s.n.is_some_and(|n| n < min) {
                s.n = None;
                s.mean = None;
            }
        }
        for i in &mut r.own {
            if i.n.is_some_and(|n| n < min) {
                i.n = None;
                i.counts = None;
                i.dont_know = None;
                i.mean = None;
                i.scored = None;
            } else if i.scored.is_some_and(|n| n < min) {
                i.mean = None;
            }
        }
        if let Some(f) = &mut r.fft {
            if f.n.is_some_and(|n| n < min) {
                *f = FftFigures {
                    n: None,
                    counts: None,
                    percent_positive: None,
                    percent_negative: None,
                };
            }
        }
    }
}

/// The families' view of the team working together in one round, every form together (the
/// ESQ's working-together item), or the FFT's share positive.
#[derive(Clone, Debug, PartialEq)]
pub struct FamiliesView {
    pub label: String,
    pub kind: Kind,
    pub snapshot: Option<String>,
    pub to: String,
    /// Answers to the item (ESQ) or ratings (FFT).
    pub n: Option<usize>,
    /// ESQ: the share answering "certainly true"; FFT: the share positive. 0–1.
    pub share: Option<f64>,
    /// ESQ: the mean score on 0–2.
    pub mean_score: Option<f64>,
}

/// The families' view in each round. With `min` (names hidden), a round's figure over its
/// forms is withheld from fewer than `min` answers, and also where the forms withheld on
/// their own hold between 1 and `min − 1` answers together: the whole less the forms shown
/// would give those answers away.
pub fn families_views(team: &Team, min: Option<usize>) -> Vec<FamiliesView> {
    team.feedback
        .iter()
        // The team's own questions have no item the ESQ's item 7 is known to match.
        .filter(|round| round.kind != Kind::Own)
        .map(|round| {
            let figures = round_figures(round);
            let (n, share, mean_score) = match round.kind {
                Kind::Fft => {
                    let f = figures.first().and_then(|r| r.fft.clone());
                    (
                        f.as_ref().and_then(|f| f.n),
                        f.and_then(|f| f.percent_positive).map(|p| p / 100.0),
                        None,
                    )
                }
                Kind::Esq | Kind::Own => {
                    let k = usize::from(WORKING_TOGETHER_ITEM) - 1;
                    let per_form: Vec<&ItemFigures> =
                        figures.iter().filter_map(|r| r.items.get(k)).collect();
                    let mut counts = [0usize; 4];
                    for c in per_form.iter().filter_map(|i| i.counts) {
                        for (t, x) in counts.iter_mut().zip(c) {
                            *t += x;
                        }
                    }
                    let n: usize = counts.iter().sum();
                    let scored = n - counts[3];
                    (
                        Some(n),
                        (n > 0).then(|| counts[0] as f64 / n as f64),
                        (scored > 0).then(|| (2 * counts[0] + counts[1]) as f64 / scored as f64),
                    )
                }
            };
            // The item's answers on each form (ESQ) or the ratings (FFT).
            let form_ns: Vec<usize> = figures
                .iter()
                .filter_map(|r| match round.kind {
                    Kind::Fft => r.fft.as_ref()?.n,
                    Kind::Esq | Kind::Own => r.items.get(usize::from(WORKING_TOGETHER_ITEM) - 1)?.n,
                })
                .collect();
            let withheld = min.is_some_and(|min| {
                let small = |n: &&usize| **n > 0 && **n < min;
                let withheld_forms: usize = form_ns.iter().filter(small).sum();
                let shown_forms = form_ns.iter().filter(|n| **n >= min).count();
                n.is_some_and(|n| n < min)
                    || (shown_forms > 0 && withheld_forms > 0 && withheld_forms < min)
            });
            FamiliesView {
                label: round.label.clone(),
                kind: round.kind,
                snapshot: round.snapshot.clone(),
                to: round.to.clone(),
                n: if withheld { None } else { n },
                share: if withheld { None } else { share },
                mean_score: if withheld { None } else { mean_score },
            }
        })
        .collect()
}

/// A stretch of the team's life: before the restructure a snapshot marks, or now.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    /// The snapshot's label; `None` for now (rounds linked to no snapshot).
    pub snapshot: Option<String>,
    /// The day the snapshot was taken: what findings name the period by, since a label is
    /// free text the room does not see.
    pub taken: Option<String>,
    /// The families' latest round of the period, of each kind.
    pub families: Vec<FamiliesView>,
    /// The staff's latest relational round of the period with a team factor, and each of
    /// its team factors: name, scale, respondents, mean.
    pub staff_round: Option<String>,
    pub staff: Vec<StaffFactor>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StaffFactor {
    pub factor: String,
    pub scale: (u8, u8),
    pub n: usize,
    pub mean: Option<f64>,
    pub interval: Option<(f64, f64)>,
}

/// The families' and the staff's view side by side, period by period: each snapshot a round
/// is linked to (oldest first), then now. Empty while the team has no feedback.
pub fn side_by_side(team: &Team, families: &[FamiliesView], staff: &[RoundFigures]) -> Vec<Period> {
    if families.is_empty() {
        return Vec::new();
    }
    let mut periods: Vec<Option<String>> = team
        .snapshots
        .iter()
        .map(|s| Some(s.label.clone()))
        .filter(|s| {
            families.iter().any(|f| &f.snapshot == s) || staff.iter().any(|r| &r.snapshot == s)
        })
        .collect();
    periods.push(None);
    periods
        .into_iter()
        .filter_map(|snapshot| {
            let mut fam: Vec<FamiliesView> = Vec::new();
            for kind in [Kind::Esq, Kind::Fft] {
                if let Some(f) = families
                    .iter()
                    .rev()
                    .find(|f| f.snapshot == snapshot && f.kind == kind)
                {
                    fam.push(f.clone());
                }
            }
            let round = staff.iter().rev().find(|r| {
                r.snapshot == snapshot
                    && r.factors
                        .iter()
                        .any(|f| f.about == About::Team && f.everyone.is_some())
            });
            let staff_factors = round.map_or_else(Vec::new, |r| {
                r.factors
                    .iter()
                    .filter(|f| f.about == About::Team)
                    .filter_map(|f| {
                        let e = f.everyone.as_ref()?;
                        Some(StaffFactor {
                            factor: f.factor.clone(),
                            scale: f.scale,
                            n: e.n,
                            mean: e.mean,
                            interval: e.interval,
                        })
                    })
                    .collect()
            });
            let taken = snapshot
                .as_ref()
                .and_then(|l| team.snapshot(l))
                .map(|s| s.taken.clone());
            (!fam.is_empty() || round.is_some()).then(|| Period {
                snapshot,
                taken,
                families: fam,
                staff_round: round.map(|r| r.label.clone()),
                staff: staff_factors,
            })
        })
        .collect()
}

/// Newcombe's hybrid score interval (method 10) for the difference of two proportions,
/// `x2/n2 − x1/n1`, at 95 %: the change in a share between two rounds of different families.
pub fn share_change_interval(x1: usize, n1: usize, x2: usize, n2: usize) -> Option<(f64, f64)> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (l1, u1) = super::stats::wilson(x1, n1)?;
    let (l2, u2) = super::stats::wilson(x2, n2)?;
    let (p1, p2) = (x1 as f64 / n1 as f64, x2 as f64 / n2 as f64);
    let d = p2 - p1;
    let low = d - ((p2 - l2).powi(2) + (u1 - p1).powi(2)).sqrt();
    let high = d + ((u2 - p2).powi(2) + (p1 - l1).powi(2)).sqrt();
    Some((low, high))
}

/// One round against the one before it of the same questionnaire and form.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackChange {
    pub before: String,
    pub after: String,
    pub before_snapshot: Option<String>,
    pub after_snapshot: Option<String>,
    pub kind: Kind,
    pub form: Option<Form>,
    /// ESQ: each item's share "certainly true"; FFT: the share positive.
    pub rows: Vec<ShareChange>,
}

/// A share in two rounds, with the Newcombe 95 % interval of its change.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareChange {
    pub what: String,
    /// 0–1; `None` where withheld.
    pub before: Option<f64>,
    pub after: Option<f64>,
    pub n_before: Option<usize>,
    pub n_after: Option<usize>,
    pub interval: Option<(f64, f64)>,
}

impl ShareChange {
    /// The interval is shown and leaves out zero.
    pub fn clear(&self) -> bool {
        self.interval
            .is_some_and(|(low, high)| low > 0.0 || high < 0.0)
    }
}

fn share_change(
    what: String,
    before: (Option<f64>, Option<usize>),
    after: (Option<f64>, Option<usize>),
) -> ShareChange {
    let count = |(share, n): (Option<f64>, Option<usize>)| {
        Some(((share? * n? as f64).round() as usize, n?))
    };
    let interval = count(before)
        .zip(count(after))
        .and_then(|((x1, n1), (x2, n2))| share_change_interval(x1, n1, x2, n2));
    ShareChange {
        what,
        before: before.0,
        after: after.0,
        n_before: before.1,
        n_after: after.1,
        interval,
    }
}

/// Each round against the one before it of the same questionnaire and form, from the
/// figures given (so withheld as they are).
pub fn changes(rounds: &[RoundFeedback]) -> Vec<FeedbackChange> {
    rounds
        .iter()
        .enumerate()
        .filter_map(|(k, after)| {
            let before = rounds[..k]
                .iter()
                .rev()
                .find(|r| r.kind == after.kind && r.form == after.form && r.label != after.label)?;
            let rows = match after.kind {
                // The team's own items may change between rounds: not compared.
                Kind::Own => return None,
                Kind::Esq => before
                    .items
                    .iter()
                    .zip(&after.items)
                    .map(|(b, a)| {
                        share_change(
                            format!("{} (q{})", a.text, a.item),
                            (b.share_certainly(), b.n),
                            (a.share_certainly(), a.n),
                        )
                    })
                    .collect(),
                Kind::Fft => {
                    let pick = |r: &RoundFeedback| {
                        let f = r.fft.as_ref();
                        (
                            f.and_then(|f| f.percent_positive).map(|p| p / 100.0),
                            f.and_then(|f| f.n),
                        )
                    };
                    vec![share_change(
                        "Positive".to_owned(),
                        pick(before),
                        pick(after),
                    )]
                }
            };
            Some(FeedbackChange {
                before: before.label.clone(),
                after: after.label.clone(),
                before_snapshot: before.snapshot.clone(),
                after_snapshot: after.snapshot.clone(),
                kind: after.kind,
                form: after.form,
                rows,
            })
        })
        .collect()
}

/// The families' view in one period against the one before, as a change in share.
pub fn families_change(before: &FamiliesView, after: &FamiliesView) -> ShareChange {
    share_change(
        match after.kind {
            Kind::Esq | Kind::Own => "Staff working together to help: certainly true".to_owned(),
            Kind::Fft => "Friends and Family Test: positive".to_owned(),
        },
        (before.share, before.n),
        (after.share, after.n),
    )
}

/// "staff working together, certainly true 62 % (n = 21)", or withheld.
pub fn view_text(f: &FamiliesView) -> String {
    let what = match f.kind {
        Kind::Esq | Kind::Own => "staff working together to help, certainly true",
        Kind::Fft => "Friends and Family Test, good or very good",
    };
    match (f.share, f.n) {
        (Some(s), Some(n)) => format!("{what} {:.0} % (n = {n})", 100.0 * s),
        _ => format!("{what} withheld (too few responses)"),
    }
}
