//! The rounds in the JSON report: perception rounds, relational rounds and families'
//! feedback, each as the analysis measured it (withheld figures are `null`).

use serde::Serialize;

use crate::analysis::Analysis;

#[derive(Serialize)]
pub(super) struct JsonServiceUsers<'a> {
    /// With names hidden, the fewest responses a figure is shown from; `null` otherwise.
    min_responses: Option<usize>,
    rounds: Vec<JsonFeedbackRound<'a>>,
    /// Each round against the one before it of the same questionnaire and form.
    changes: Vec<JsonFeedbackChange<'a>>,
    /// The families' view and the staff's, period by period.
    side_by_side: Vec<JsonPeriod<'a>>,
    /// Comments the manager chose to quote, each checked against every name.
    quotes: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonFeedbackRound<'a> {
    label: &'a str,
    kind: &'static str,
    form: Option<&'static str>,
    from: Option<&'a str>,
    to: Option<&'a str>,
    snapshot: Option<&'a str>,
    respondents: Option<usize>,
    items: Vec<JsonFeedbackItem>,
    subscales: Vec<JsonSubscale>,
    percent_positive: Option<f64>,
    percent_negative: Option<f64>,
    /// FFT: responses with a rating, don't know included; `null` for the ESQ.
    ratings: Option<usize>,
    /// FFT: each answer's count, best first, then don't know.
    answers: Option<JsonFftAnswers>,
    /// The team's own questionnaire: each item; empty for the ESQ and FFT.
    own_items: Vec<JsonOwnItem<'a>>,
}

#[derive(Serialize)]
struct JsonOwnItem<'a> {
    item: &'a str,
    text: &'a str,
    scale_min: u8,
    scale_max: u8,
    n: Option<usize>,
    /// The count of each answer from the scale's lowest to its highest.
    counts: Option<&'a [usize]>,
    dont_know: Option<usize>,
    mean: Option<f64>,
}

#[derive(Serialize)]
struct JsonFeedbackItem {
    item: u8,
    text: &'static str,
    n: Option<usize>,
    certainly: Option<usize>,
    partly: Option<usize>,
    not: Option<usize>,
    dont_know: Option<usize>,
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct JsonSubscale {
    subscale: &'static str,
    n: Option<usize>,
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct JsonFftAnswers {
    very_good: usize,
    good: usize,
    neither: usize,
    poor: usize,
    very_poor: usize,
    dont_know: usize,
}

#[derive(Serialize)]
struct JsonFeedbackChange<'a> {
    before: &'a str,
    after: &'a str,
    before_snapshot: Option<&'a str>,
    after_snapshot: Option<&'a str>,
    kind: &'static str,
    form: Option<&'static str>,
    shares: Vec<JsonShareChange<'a>>,
}

#[derive(Serialize)]
struct JsonShareChange<'a> {
    what: &'a str,
    before: Option<f64>,
    after: Option<f64>,
    n_before: Option<usize>,
    n_after: Option<usize>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    clear: bool,
}

#[derive(Serialize)]
struct JsonPeriod<'a> {
    /// The snapshot the period ends at; `null` for now.
    snapshot: Option<&'a str>,
    families: Vec<JsonFamiliesView<'a>>,
    staff_round: Option<&'a str>,
    staff: Vec<JsonStaffFactor<'a>>,
}

#[derive(Serialize)]
struct JsonFamiliesView<'a> {
    round: &'a str,
    kind: &'static str,
    n: Option<usize>,
    /// ESQ: the share "certainly true" on the working-together item; FFT: the share
    /// positive. 0–1.
    share: Option<f64>,
    mean_score: Option<f64>,
}

#[derive(Serialize)]
struct JsonStaffFactor<'a> {
    factor: &'a str,
    scale_min: u8,
    scale_max: u8,
    n: usize,
    mean: Option<f64>,
}

pub(super) fn json_service_users(a: &Analysis) -> JsonServiceUsers<'_> {
    JsonServiceUsers {
        min_responses: a.min_responses,
        rounds: a
            .feedback
            .iter()
            .map(|r| JsonFeedbackRound {
                label: &r.label,
                kind: r.kind.key(),
                form: r.form.map(crate::model::feedback::Form::key),
                from: r.from.as_deref(),
                to: r.to.as_deref(),
                snapshot: r.snapshot.as_deref(),
                respondents: r.respondents,
                items: r
                    .items
                    .iter()
                    .map(|i| JsonFeedbackItem {
                        item: i.item,
                        text: i.text,
                        n: i.n,
                        certainly: i.counts.map(|c| c[0]),
                        partly: i.counts.map(|c| c[1]),
                        not: i.counts.map(|c| c[2]),
                        dont_know: i.counts.map(|c| c[3]),
                        mean_score: i.mean_score,
                    })
                    .collect(),
                subscales: r
                    .subscales
                    .iter()
                    .map(|x| JsonSubscale {
                        subscale: x.subscale.key(),
                        n: x.n,
                        mean_score: x.mean,
                    })
                    .collect(),
                percent_positive: r.fft.as_ref().and_then(|f| f.percent_positive),
                percent_negative: r.fft.as_ref().and_then(|f| f.percent_negative),
                ratings: r.fft.as_ref().and_then(|f| f.n),
                answers: r
                    .fft
                    .as_ref()
                    .and_then(|f| f.counts)
                    .map(|c| JsonFftAnswers {
                        very_good: c[0],
                        good: c[1],
                        neither: c[2],
                        poor: c[3],
                        very_poor: c[4],
                        dont_know: c[5],
                    }),
                own_items: r
                    .own
                    .iter()
                    .map(|i| JsonOwnItem {
                        item: &i.id,
                        text: &i.text,
                        scale_min: i.scale.0,
                        scale_max: i.scale.1,
                        n: i.n,
                        counts: i.counts.as_deref(),
                        dont_know: i.dont_know,
                        mean: i.mean,
                    })
                    .collect(),
            })
            .collect(),
        changes: a
            .feedback_changes
            .iter()
            .map(|c| JsonFeedbackChange {
                before: &c.before,
                after: &c.after,
                before_snapshot: c.before_snapshot.as_deref(),
                after_snapshot: c.after_snapshot.as_deref(),
                kind: c.kind.key(),
                form: c.form.map(crate::model::feedback::Form::key),
                shares: c
                    .rows
                    .iter()
                    .map(|r| JsonShareChange {
                        what: &r.what,
                        before: r.before,
                        after: r.after,
                        n_before: r.n_before,
                        n_after: r.n_after,
                        ci_low: r.interval.map(|i| i.0),
                        ci_high: r.interval.map(|i| i.1),
                        clear: r.clear(),
                    })
                    .collect(),
            })
            .collect(),
        side_by_side: a
            .side_by_side
            .iter()
            .map(|p| JsonPeriod {
                snapshot: p.snapshot.as_deref(),
                families: p
                    .families
                    .iter()
                    .map(|f| JsonFamiliesView {
                        round: &f.label,
                        kind: f.kind.key(),
                        n: f.n,
                        share: f.share,
                        mean_score: f.mean_score,
                    })
                    .collect(),
                staff_round: p.staff_round.as_deref(),
                staff: p
                    .staff
                    .iter()
                    .map(|f| JsonStaffFactor {
                        factor: &f.factor,
                        scale_min: f.scale.0,
                        scale_max: f.scale.1,
                        n: f.n,
                        mean: f.mean,
                    })
                    .collect(),
            })
            .collect(),
        quotes: a.quotes.iter().map(String::as_str).collect(),
    }
}

#[derive(Serialize)]
pub(super) struct JsonRelational<'a> {
    rounds: Vec<JsonRelationalRound<'a>>,
    /// Each round against the one before it of the same instrument.
    changes: Vec<JsonRoundChange<'a>>,
}

#[derive(Serialize)]
struct JsonRoundChange<'a> {
    before: &'a str,
    after: &'a str,
    before_snapshot: Option<&'a str>,
    after_snapshot: Option<&'a str>,
    instrument: &'a str,
    factors: Vec<JsonFactorChange<'a>>,
}

#[derive(Serialize)]
struct JsonFactorChange<'a> {
    factor: &'a str,
    about: &'static str,
    changes: Vec<JsonChange<'a>>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    what: &'a str,
    before: Option<f64>,
    after: Option<f64>,
    difference: Option<f64>,
    n_before: usize,
    n_after: usize,
    clear: bool,
}

fn json_round_change(c: &crate::analysis::relational::RoundChange) -> JsonRoundChange<'_> {
    JsonRoundChange {
        before: &c.before,
        after: &c.after,
        before_snapshot: c.before_snapshot.as_deref(),
        after_snapshot: c.after_snapshot.as_deref(),
        instrument: &c.instrument,
        factors: c
            .factors
            .iter()
            .map(|f| JsonFactorChange {
                factor: &f.factor,
                about: f.about.key(),
                changes: f
                    .changes
                    .iter()
                    .map(|x| JsonChange {
                        what: &x.what,
                        before: x.before,
                        after: x.after,
                        difference: x.difference(),
                        n_before: x.n_before,
                        n_after: x.n_after,
                        clear: x.clear,
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct JsonRelationalRound<'a> {
    label: &'a str,
    date: &'a str,
    instrument: &'a str,
    /// The snapshot the round is linked to (a restructure's before), if any.
    snapshot: Option<&'a str>,
    respondents: usize,
    /// Respondents in no group (preferred not to say, or too small a profession to keep).
    ungrouped: usize,
    response_rate: Vec<JsonRate<'a>>,
    factors: Vec<JsonFactor<'a>>,
}

#[derive(Serialize)]
struct JsonRate<'a> {
    group: &'a str,
    respondents: usize,
    headcount: usize,
}

#[derive(Serialize)]
struct JsonFactor<'a> {
    factor: &'a str,
    about: &'static str,
    items: usize,
    alpha: Option<f64>,
    alpha_rows: usize,
    network_mean: Option<f64>,
    cells: Vec<JsonCell<'a>>,
    profiles: Vec<JsonProfile<'a>>,
    groups: Vec<JsonGroupMean<'a>>,
    everyone: Option<JsonGroupMean<'a>>,
    /// About the team: the core and the periphery, as respondents said.
    sides: Vec<JsonGroupMean<'a>>,
    core_gap: Option<JsonGap>,
}

/// The core's mean less the periphery's.
#[derive(Serialize)]
struct JsonGap {
    difference: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    clear: bool,
}

#[derive(Serialize)]
struct JsonCell<'a> {
    rater: &'a str,
    rated: &'a str,
    n: usize,
    /// `null` where withheld (names hidden).
    mean: Option<f64>,
}

#[derive(Serialize)]
struct JsonProfile<'a> {
    group: &'a str,
    seen_by_others: Option<f64>,
    sees_others: Option<f64>,
}

#[derive(Serialize)]
struct JsonGroupMean<'a> {
    group: &'a str,
    n: usize,
    mean: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
}

fn json_group_mean(g: &crate::analysis::relational::GroupMean) -> JsonGroupMean<'_> {
    JsonGroupMean {
        group: &g.group,
        n: g.n,
        mean: g.mean,
        ci_low: g.interval.map(|i| i.0),
        ci_high: g.interval.map(|i| i.1),
    }
}

pub(super) fn json_relational<'a>(
    rounds: &'a [crate::analysis::relational::RoundFigures],
    changes: &'a [crate::analysis::relational::RoundChange],
) -> Option<JsonRelational<'a>> {
    let group = json_group_mean;
    (!rounds.is_empty()).then(|| JsonRelational {
        changes: changes.iter().map(json_round_change).collect(),
        rounds: rounds
            .iter()
            .map(|r| JsonRelationalRound {
                label: &r.label,
                date: &r.date,
                instrument: &r.instrument,
                snapshot: r.snapshot.as_deref(),
                respondents: r.respondents,
                ungrouped: r.ungrouped,
                response_rate: r
                    .response_rate
                    .iter()
                    .map(|g| JsonRate {
                        group: &g.group,
                        respondents: g.respondents,
                        headcount: g.headcount,
                    })
                    .collect(),
                factors: r
                    .factors
                    .iter()
                    .map(|f| JsonFactor {
                        factor: &f.factor,
                        about: f.about.key(),
                        items: f.items,
                        alpha: f.alpha,
                        alpha_rows: f.alpha_rows,
                        network_mean: f.network_mean,
                        cells: f
                            .cells
                            .iter()
                            .map(|c| JsonCell {
                                rater: &c.rater,
                                rated: &c.rated,
                                n: c.n,
                                mean: c.mean,
                            })
                            .collect(),
                        profiles: f
                            .profiles
                            .iter()
                            .map(|p| JsonProfile {
                                group: &p.group,
                                seen_by_others: p.seen_by_others,
                                sees_others: p.sees_others,
                            })
                            .collect(),
                        groups: f.groups.iter().map(group).collect(),
                        everyone: f.everyone.as_ref().map(group),
                        sides: f.sides.iter().map(group).collect(),
                        core_gap: f.core_gap.as_ref().map(|g| JsonGap {
                            difference: g.difference,
                            ci_low: g.interval.map(|i| i.0),
                            ci_high: g.interval.map(|i| i.1),
                            clear: g.clear(),
                        }),
                    })
                    .collect(),
            })
            .collect(),
    })
}

#[derive(Serialize)]
pub(super) struct JsonPerceptions<'a> {
    rounds: usize,
    /// The rounds measured: the latest of ratings and of pairwise choices, not pooled.
    round_labels: &'a [String],
    respondents: usize,
    min_group: usize,
    disciplines: Vec<JsonPerception<'a>>,
    spearman_conditions_vs_perceived: Option<f64>,
    feel_valued: Vec<JsonFeelValued<'a>>,
}

#[derive(Serialize)]
struct JsonQuestion {
    raters: usize,
    perceived_mean: Option<f64>,
    self_mean: Option<f64>,
    others_mean: Option<f64>,
}

#[derive(Serialize)]
struct JsonPerception<'a> {
    name: &'a str,
    say: JsonQuestion,
    valued: JsonQuestion,
    perceived_rank: Option<f64>,
    conditions_rank: Option<f64>,
    rank_gap: Option<f64>,
    bt_log_strength: Option<f64>,
    comparisons: usize,
    feel_valued_mean: Option<f64>,
    feel_valued_n: Option<usize>,
}

#[derive(Serialize)]
struct JsonFeelValued<'a> {
    group: &'a str,
    n: usize,
    mean: Option<f64>,
}

pub(super) fn json_perceptions(
    p: &crate::analysis::perceptions::Perceptions,
) -> JsonPerceptions<'_> {
    let q = |f: &crate::analysis::perceptions::QuestionFigures| JsonQuestion {
        raters: f.raters,
        perceived_mean: f.perceived_mean,
        self_mean: f.self_mean,
        others_mean: f.others_mean,
    };
    JsonPerceptions {
        rounds: p.rounds.len(),
        round_labels: &p.rounds,
        respondents: p.respondents,
        min_group: p.min_group,
        disciplines: p
            .disciplines
            .iter()
            .map(|d| JsonPerception {
                name: &d.name,
                say: q(&d.say),
                valued: q(&d.valued),
                perceived_rank: d.perceived_rank,
                conditions_rank: d.conditions_rank,
                rank_gap: d.rank_gap,
                bt_log_strength: d.bt_log_strength,
                comparisons: d.comparisons,
                feel_valued_mean: d.feel_valued_mean,
                feel_valued_n: d.feel_valued_n,
            })
            .collect(),
        spearman_conditions_vs_perceived: p.spearman_conditions_vs_perceived,
        feel_valued: p
            .feel_valued
            .iter()
            .map(|g| JsonFeelValued {
                group: &g.group,
                n: g.n,
                mean: g.mean,
            })
            .collect(),
    }
}
