//! Pure functions from a team to figures (no egui). The charts, the workshop slides and the
//! command-line report all read [`Analysis`]: nothing is computed twice or differently.
//!
//! Definitions follow DOMAIN.md ("Measures"). Figures that cannot be defined (an empty
//! team, one member, missing data) are `None`, shown as "n/a", never NaN.

pub mod findings;
pub mod layout;
pub mod report;
pub mod slides;
pub mod stats;

use std::collections::HashMap;

use crate::model::{AgencyId, DisciplineId, Member, MemberId, Outcome, ProfessionalModel, Team};

pub use findings::Finding;

/// Correlations over fewer members than this are not reported.
pub const MIN_MEMBERS_FOR_CORRELATION: usize = 3;

/// One member's derived figures.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberFigures {
    pub id: MemberId,
    pub discipline: DisciplineId,
    pub agency: AgencyId,
    pub salary: Option<f64>,
    pub team_fte: f64,
    pub core: bool,
    /// Percentile ranks among members with the value: salary, leave, training days, autonomy.
    pub ranks: StatusParts,
    /// Mean of the defined parts of `ranks`.
    pub status_index: Option<f64>,
}

/// The four parts of a status index, each a percentile rank from 0 to 1 (or a mean of them).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct StatusParts {
    pub salary: Option<f64>,
    pub leave: Option<f64>,
    pub training: Option<f64>,
    pub autonomy: Option<f64>,
}

impl StatusParts {
    fn index(&self) -> Option<f64> {
        stats::mean(
            [self.salary, self.leave, self.training, self.autonomy]
                .into_iter()
                .flatten(),
        )
    }
}

/// Figures for a group of members: a discipline or an agency.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupFigures {
    pub name: String,
    pub headcount: usize,
    pub team_fte: f64,
    /// Share of the whole team's team FTE, 0 to 1.
    pub share_of_team_fte: Option<f64>,
    pub median_salary: Option<f64>,
    pub mean_salary: Option<f64>,
    /// `(team median − group median) / team median`: positive means paid less than the team.
    pub pay_gap: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_training_budget: Option<f64>,
    pub mean_autonomy: Option<f64>,
    pub status_index: Option<f64>,
    /// Mean of each status part over the group's members.
    pub status_parts: StatusParts,
    pub core: usize,
    pub peripheral: usize,
    /// Team FTE and contracted FTE: the difference is time spent in other teams.
    pub contracted_fte: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DisciplineFigures {
    pub id: DisciplineId,
    pub model: ProfessionalModel,
    pub figures: GroupFigures,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AgencyFigures {
    pub id: AgencyId,
    pub figures: GroupFigures,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Hierarchy {
    pub salary_gini: Option<f64>,
    /// Highest discipline median FTE salary over the lowest, with the two disciplines.
    pub top_bottom_pay_ratio: Option<f64>,
    pub best_paid_discipline: Option<DisciplineId>,
    pub worst_paid_discipline: Option<DisciplineId>,
    pub leave_gap_days: Option<f64>,
    pub most_leave_discipline: Option<DisciplineId>,
    pub least_leave_discipline: Option<DisciplineId>,
    pub training_gap_days: Option<f64>,
    pub most_training_discipline: Option<DisciplineId>,
    pub least_training_discipline: Option<DisciplineId>,
    pub status_coreness_spearman: Option<f64>,
    /// Members counted in the correlation.
    pub spearman_n: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quartile {
    /// 1 (lowest paid) to 4.
    pub quartile: u8,
    pub headcount: usize,
    /// Headcount per discipline, in the team's discipline order, zero counts left out.
    pub disciplines: Vec<(DisciplineId, usize)>,
    pub min_salary: Option<f64>,
    pub max_salary: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Composition {
    pub discipline_blau: Option<f64>,
    pub agency_blau: Option<f64>,
    pub dominant_agency: Option<AgencyId>,
    pub dominant_agency_share: Option<f64>,
    /// Team FTE per professional model, in `ProfessionalModel::ALL` order.
    pub fte_by_model: Vec<(ProfessionalModel, f64, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeCover {
    pub outcome: Outcome,
    pub team_fte: f64,
    pub headcount: usize,
}

/// One side of the core–periphery split.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Side {
    pub headcount: usize,
    pub team_fte: f64,
    pub mean_salary: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_training_budget: Option<f64>,
    pub mean_autonomy: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct CorePeriphery {
    pub threshold: f64,
    pub core: Side,
    pub peripheral: Side,
    /// Disciplines with more peripheral than core members.
    pub mostly_peripheral: Vec<DisciplineId>,
}

/// Everything the charts, slides and report show about one team.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub team_name: String,
    pub headcount: usize,
    pub team_fte: f64,
    pub team_median_salary: Option<f64>,
    pub members: Vec<MemberFigures>,
    /// The status ladder: highest status index first; disciplines with no members last.
    pub disciplines: Vec<DisciplineFigures>,
    /// Largest share of team FTE first.
    pub agencies: Vec<AgencyFigures>,
    pub hierarchy: Hierarchy,
    pub quartiles: Vec<Quartile>,
    pub composition: Composition,
    pub outcomes: Vec<OutcomeCover>,
    pub unserved_outcomes: Vec<Outcome>,
    pub core_periphery: CorePeriphery,
    /// The strongest findings, at most [`findings::MAX_FINDINGS`]: the list a manager reads.
    pub findings: Vec<Finding>,
    /// Findings that cleared their threshold but did not make the list: a slide about their
    /// subject can still carry one as its caption.
    pub further_findings: Vec<Finding>,
    /// Set by [`Analysis::withholding_small_pay`]: pay figures of groups under
    /// [`MIN_PAY_GROUP`] have been taken out.
    pub pay_withheld: bool,
}

/// When names are hidden for a workshop, a group smaller than this shows no pay figure, so
/// nobody's pay can be worked out from a chart (DOMAIN.md).
pub const MIN_PAY_GROUP: usize = 3;

impl Analysis {
    pub fn discipline(&self, id: DisciplineId) -> Option<&DisciplineFigures> {
        self.disciplines.iter().find(|d| d.id == id)
    }

    pub fn agency(&self, id: AgencyId) -> Option<&AgencyFigures> {
        self.agencies.iter().find(|a| a.id == id)
    }

    pub fn member(&self, id: MemberId) -> Option<&MemberFigures> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Name of a discipline, for sentences.
    pub fn discipline_name(&self, id: DisciplineId) -> &str {
        self.discipline(id).map_or("?", |d| d.figures.name.as_str())
    }

    pub fn agency_name(&self, id: AgencyId) -> &str {
        self.agency(id).map_or("?", |a| a.figures.name.as_str())
    }

    /// Whether a group of this size has had its pay taken out.
    pub fn pay_hidden(&self, headcount: usize) -> bool {
        self.pay_withheld && headcount < MIN_PAY_GROUP
    }

    /// Disciplines whose pay is hidden, for the note that says why.
    pub fn hidden_pay_disciplines(&self) -> Vec<&str> {
        self.disciplines
            .iter()
            .filter(|d| d.figures.headcount > 0 && self.pay_hidden(d.figures.headcount))
            .map(|d| d.figures.name.as_str())
            .collect()
    }

    /// The analysis as a workshop with hidden names may show it: every pay figure that
    /// describes fewer than [`MIN_PAY_GROUP`] people is taken out (discipline, agency,
    /// quartile, core and periphery, the pay ratio between two small disciplines), and
    /// findings that state such figures are reworded without them. Members' own salaries
    /// stay for whole-team figures; charts that would place them by small group check
    /// [`Analysis::pay_hidden`].
    #[must_use]
    pub fn withholding_small_pay(&self) -> Self {
        let mut a = self.clone();
        a.pay_withheld = true;
        let small = |n: usize| n < MIN_PAY_GROUP;
        let hide_group = |g: &mut GroupFigures| {
            if small(g.headcount) {
                g.median_salary = None;
                g.mean_salary = None;
                g.pay_gap = None;
                g.status_parts.salary = None;
            }
        };
        for d in &mut a.disciplines {
            hide_group(&mut d.figures);
        }
        for x in &mut a.agencies {
            hide_group(&mut x.figures);
        }
        for q in &mut a.quartiles {
            if small(q.headcount) {
                q.min_salary = None;
                q.max_salary = None;
            }
        }
        for side in [&mut a.core_periphery.core, &mut a.core_periphery.peripheral] {
            if small(side.headcount) {
                side.mean_salary = None;
            }
        }
        if small(a.headcount) {
            a.team_median_salary = None;
            a.hierarchy.salary_gini = None;
        }
        let disciplines = &a.disciplines;
        let small_discipline = |id: Option<DisciplineId>| {
            id.and_then(|id| disciplines.iter().find(|d| d.id == id))
                .is_some_and(|d| small(d.figures.headcount))
        };
        if small_discipline(a.hierarchy.best_paid_discipline)
            || small_discipline(a.hierarchy.worst_paid_discipline)
        {
            a.hierarchy.top_bottom_pay_ratio = None;
        }
        let reword = |list: Vec<Finding>| -> Vec<Finding> {
            list.into_iter()
                .filter_map(|mut f| {
                    if f.smallest_pay_group.is_some_and(small) {
                        f.text = f.pay_free_text.take()?;
                        f.smallest_pay_group = None;
                    }
                    Some(f)
                })
                .collect()
        };
        a.findings = reword(std::mem::take(&mut a.findings));
        a.further_findings = reword(std::mem::take(&mut a.further_findings));
        a
    }
}

/// Percentile ranks of an optional value over the members who have it.
fn ranks_of(members: &[&Member], value: impl Fn(&Member) -> Option<f64>) -> Vec<Option<f64>> {
    let values: Vec<Option<f64>> = members.iter().map(|m| value(m)).collect();
    ranks_of_values(&values)
}

fn ranks_of_values(values: &[Option<f64>]) -> Vec<Option<f64>> {
    let present: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    let mut out = vec![None; values.len()];
    let values: Vec<f64> = present.iter().map(|(_, v)| *v).collect();
    for ((i, _), r) in present.iter().zip(stats::percentile_ranks(&values)) {
        out[*i] = Some(r);
    }
    out
}

/// Analyse a team. Members whose discipline or agency is missing from the catalogues (an
/// invalid team) are still counted, under "?".
pub fn analyse(team: &Team) -> Analysis {
    let members: Vec<&Member> = team.members.iter().collect();
    // Resolve every pay point once: looking each up by name per member dominates large teams.
    let points: HashMap<(crate::model::PayScaleId, &str), f64> = team
        .pay_scales
        .iter()
        .flat_map(|s| {
            s.points
                .iter()
                .map(move |p| ((s.id, p.name.as_str()), p.salary))
        })
        .collect();
    let salaries_by_member: Vec<Option<f64>> = members
        .iter()
        .map(|m| match &m.pay {
            crate::model::Pay::Salary(s) => Some(*s),
            crate::model::Pay::Point { scale, point } => {
                points.get(&(*scale, point.as_str())).copied()
            }
        })
        .map(|s| s.filter(|v| v.is_finite()))
        .collect();
    let salary_ranks = ranks_of_values(&salaries_by_member);
    let leave_ranks = ranks_of(&members, |m| m.leave_days);
    let training_ranks = ranks_of(&members, |m| m.training_days);
    let autonomy_ranks = ranks_of(&members, |m| m.autonomy.map(|a| f64::from(a.level())));

    let member_figures: Vec<MemberFigures> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let ranks = StatusParts {
                salary: salary_ranks[i],
                leave: leave_ranks[i],
                training: training_ranks[i],
                autonomy: autonomy_ranks[i],
            };
            MemberFigures {
                id: m.id,
                discipline: m.discipline,
                agency: m.agency,
                salary: salaries_by_member[i],
                team_fte: m.team_fte(),
                core: team.is_core(m),
                status_index: ranks.index(),
                ranks,
            }
        })
        .collect();

    let team_fte: f64 = member_figures.iter().map(|m| m.team_fte).sum();
    let salaries: Vec<f64> = member_figures.iter().filter_map(|m| m.salary).collect();
    let team_median_salary = stats::median(&salaries);

    // Group member indices by discipline and by agency, in catalogue order.
    // A linear search over a handful of groups beats hashing ten thousand ids.
    let mut by_discipline: Vec<(DisciplineId, Vec<usize>)> = team
        .disciplines
        .iter()
        .map(|d| (d.id, Vec::new()))
        .collect();
    let mut by_agency: Vec<(AgencyId, Vec<usize>)> =
        team.agencies.iter().map(|a| (a.id, Vec::new())).collect();
    for (i, m) in members.iter().enumerate() {
        push_grouped(&mut by_discipline, m.discipline, i);
        push_grouped(&mut by_agency, m.agency, i);
    }
    let group = |name: &str, idx: &[usize]| {
        group_figures(
            name,
            idx,
            &members,
            &member_figures,
            team_fte,
            team_median_salary,
        )
    };

    let mut disciplines: Vec<DisciplineFigures> = team
        .disciplines
        .iter()
        .map(|d| DisciplineFigures {
            id: d.id,
            model: d.model,
            figures: group(&d.name, grouped(&by_discipline, d.id)),
        })
        .collect();
    for (id, idx) in by_discipline.iter().skip(team.disciplines.len()) {
        {
            disciplines.push(DisciplineFigures {
                id: *id,
                model: ProfessionalModel::NoModel,
                figures: group("?", idx),
            });
        }
    }
    // The status ladder: highest first, undefined last, ties by name for a stable order.
    disciplines.sort_by(|a, b| {
        let key = |d: &DisciplineFigures| d.figures.status_index.unwrap_or(f64::NEG_INFINITY);
        key(b)
            .total_cmp(&key(a))
            .then_with(|| a.figures.name.cmp(&b.figures.name))
    });

    let mut agencies: Vec<AgencyFigures> = team
        .agencies
        .iter()
        .map(|a| AgencyFigures {
            id: a.id,
            figures: group(&a.name, grouped(&by_agency, a.id)),
        })
        .collect();
    for (id, idx) in by_agency.iter().skip(team.agencies.len()) {
        {
            agencies.push(AgencyFigures {
                id: *id,
                figures: group("?", idx),
            });
        }
    }
    agencies.sort_by(|a, b| {
        b.figures
            .team_fte
            .total_cmp(&a.figures.team_fte)
            .then_with(|| b.figures.headcount.cmp(&a.figures.headcount))
            .then_with(|| a.figures.name.cmp(&b.figures.name))
    });

    let hierarchy = hierarchy(&disciplines, &member_figures, &salaries);
    let quartiles = quartiles(team, &member_figures);
    let composition = composition(&disciplines, &agencies, team_fte);
    let (outcomes, unserved_outcomes) = outcomes(team, &disciplines);
    let core_periphery = core_periphery(team, &members, &member_figures, &disciplines);

    let mut analysis = Analysis {
        team_name: team.name.clone(),
        headcount: members.len(),
        team_fte,
        team_median_salary,
        members: member_figures,
        disciplines,
        agencies,
        hierarchy,
        quartiles,
        composition,
        outcomes,
        unserved_outcomes,
        core_periphery,
        findings: Vec::new(),
        further_findings: Vec::new(),
        pay_withheld: false,
    };
    let mut all = findings::findings(team, &analysis);
    analysis.further_findings = all.split_off(all.len().min(findings::MAX_FINDINGS));
    analysis.findings = all;
    analysis
}

fn push_grouped<K: PartialEq + Copy>(groups: &mut Vec<(K, Vec<usize>)>, key: K, index: usize) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, list)) => list.push(index),
        None => groups.push((key, vec![index])),
    }
}

fn grouped<K: PartialEq + Copy>(groups: &[(K, Vec<usize>)], key: K) -> &[usize] {
    groups
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, v)| v.as_slice())
}

fn group_figures(
    name: &str,
    idx: &[usize],
    members: &[&Member],
    figures: &[MemberFigures],
    team_fte: f64,
    team_median: Option<f64>,
) -> GroupFigures {
    let salaries: Vec<f64> = idx.iter().filter_map(|i| figures[*i].salary).collect();
    let fte: f64 = idx.iter().map(|i| figures[*i].team_fte).sum();
    let median_salary = stats::median(&salaries);
    let part = |f: fn(&StatusParts) -> Option<f64>| {
        stats::mean(idx.iter().filter_map(|i| f(&figures[*i].ranks)))
    };
    GroupFigures {
        name: name.to_owned(),
        headcount: idx.len(),
        team_fte: fte,
        share_of_team_fte: (team_fte > 0.0).then(|| fte / team_fte),
        median_salary,
        mean_salary: stats::mean(salaries.iter().copied()),
        pay_gap: match (team_median, median_salary) {
            (Some(t), Some(g)) if t > 0.0 => Some((t - g) / t),
            _ => None,
        },
        mean_leave_days: stats::mean(idx.iter().filter_map(|i| members[*i].leave_days)),
        mean_training_days: stats::mean(idx.iter().filter_map(|i| members[*i].training_days)),
        mean_training_budget: stats::mean(idx.iter().filter_map(|i| members[*i].training_budget)),
        mean_autonomy: stats::mean(
            idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level()))),
        ),
        status_index: stats::mean(idx.iter().filter_map(|i| figures[*i].status_index)),
        status_parts: StatusParts {
            salary: part(|p| p.salary),
            leave: part(|p| p.leave),
            training: part(|p| p.training),
            autonomy: part(|p| p.autonomy),
        },
        core: idx.iter().filter(|i| figures[**i].core).count(),
        peripheral: idx.iter().filter(|i| !figures[**i].core).count(),
        contracted_fte: idx.iter().map(|i| members[*i].fte).sum(),
    }
}

/// The discipline with the highest and the lowest value, and the spread between them.
fn spread(
    disciplines: &[DisciplineFigures],
    value: impl Fn(&GroupFigures) -> Option<f64>,
) -> Option<(DisciplineId, f64, DisciplineId, f64)> {
    let with: Vec<(DisciplineId, f64)> = disciplines
        .iter()
        .filter_map(|d| value(&d.figures).map(|v| (d.id, v)))
        .collect();
    let top = with.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let bottom = with.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some((top.0, top.1, bottom.0, bottom.1))
}

fn hierarchy(
    disciplines: &[DisciplineFigures],
    members: &[MemberFigures],
    salaries: &[f64],
) -> Hierarchy {
    let mut h = Hierarchy {
        salary_gini: stats::gini(salaries),
        ..Hierarchy::default()
    };
    if let Some((top, hi, bottom, lo)) = spread(disciplines, |g| g.median_salary) {
        if top != bottom && lo > 0.0 {
            h.top_bottom_pay_ratio = Some(hi / lo);
            h.best_paid_discipline = Some(top);
            h.worst_paid_discipline = Some(bottom);
        }
    }
    if let Some((top, hi, bottom, lo)) = spread(disciplines, |g| g.mean_leave_days) {
        if top != bottom {
            h.leave_gap_days = Some(hi - lo);
            h.most_leave_discipline = Some(top);
            h.least_leave_discipline = Some(bottom);
        }
    }
    if let Some((top, hi, bottom, lo)) = spread(disciplines, |g| g.mean_training_days) {
        if top != bottom {
            h.training_gap_days = Some(hi - lo);
            h.most_training_discipline = Some(top);
            h.least_training_discipline = Some(bottom);
        }
    }
    let pairs: Vec<(f64, f64)> = members
        .iter()
        .filter_map(|m| m.status_index.map(|s| (s, m.team_fte)))
        .collect();
    h.spearman_n = pairs.len();
    if pairs.len() >= MIN_MEMBERS_FOR_CORRELATION {
        let (status, fte): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        h.status_coreness_spearman = stats::spearman(&status, &fte);
    }
    h
}

/// Pay quartiles the UK gender-pay-gap way: sort by FTE salary ascending; the member at
/// sorted position k (from 0) is in quartile `floor(4k / n) + 1`.
fn quartiles(team: &Team, members: &[MemberFigures]) -> Vec<Quartile> {
    // (salary, id, member): ids are unique, so an unstable sort is deterministic.
    let mut paid: Vec<(f64, MemberId, &MemberFigures)> = members
        .iter()
        .filter_map(|m| m.salary.map(|s| (s, m.id, m)))
        .collect();
    paid.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let n = paid.len();
    let mut quartiles: Vec<Quartile> = (1..=4)
        .map(|q| Quartile {
            quartile: q,
            headcount: 0,
            disciplines: Vec::new(),
            min_salary: None,
            max_salary: None,
        })
        .collect();
    let mut counts: Vec<HashMap<DisciplineId, usize>> = vec![HashMap::new(); 4];
    for (k, (s, _, m)) in paid.iter().enumerate() {
        let s = *s;
        let q = 4 * k / n; // 0..=3
        quartiles[q].headcount += 1;
        *counts[q].entry(m.discipline).or_default() += 1;
        quartiles[q].min_salary = Some(quartiles[q].min_salary.map_or(s, |v: f64| v.min(s)));
        quartiles[q].max_salary = Some(quartiles[q].max_salary.map_or(s, |v: f64| v.max(s)));
    }
    for (q, count) in quartiles.iter_mut().zip(counts) {
        let mut order: Vec<DisciplineId> = team.disciplines.iter().map(|d| d.id).collect();
        let mut extra: Vec<DisciplineId> = count
            .keys()
            .filter(|id| !order.contains(id))
            .copied()
            .collect();
        extra.sort();
        order.extend(extra);
        q.disciplines = order
            .into_iter()
            .filter_map(|id| count.get(&id).map(|c| (id, *c)))
            .collect();
    }
    quartiles
}

fn composition(
    disciplines: &[DisciplineFigures],
    agencies: &[AgencyFigures],
    team_fte: f64,
) -> Composition {
    let dominant = agencies.first().filter(|a| a.figures.headcount > 0);
    let fte_by_model = ProfessionalModel::ALL
        .iter()
        .map(|model| {
            disciplines
                .iter()
                .filter(|d| d.model == *model)
                .fold((*model, 0.0, 0), |(m, f, n), d| {
                    (m, f + d.figures.team_fte, n + d.figures.headcount)
                })
        })
        .collect();
    Composition {
        discipline_blau: stats::blau(disciplines.iter().map(|d| d.figures.headcount)),
        agency_blau: stats::blau(agencies.iter().map(|a| a.figures.headcount)),
        dominant_agency: dominant.map(|a| a.id),
        dominant_agency_share: dominant
            .and_then(|a| (team_fte > 0.0).then(|| a.figures.team_fte / team_fte)),
        fte_by_model,
    }
}

/// Team FTE serving each outcome, summed over the disciplines that mainly serve it.
fn outcomes(team: &Team, disciplines: &[DisciplineFigures]) -> (Vec<OutcomeCover>, Vec<Outcome>) {
    let covers: Vec<OutcomeCover> = Outcome::ALL
        .iter()
        .map(|o| {
            let (fte, n) = disciplines
                .iter()
                .filter(|d| {
                    team.discipline(d.id)
                        .is_some_and(|t| t.outcomes.contains(o))
                })
                .fold((0.0, 0), |(f, n), d| {
                    (f + d.figures.team_fte, n + d.figures.headcount)
                });
            OutcomeCover {
                outcome: *o,
                team_fte: fte,
                headcount: n,
            }
        })
        .collect();
    let unserved = covers
        .iter()
        .filter(|c| c.headcount == 0)
        .map(|c| c.outcome)
        .collect();
    (covers, unserved)
}

fn side(members: &[&Member], figures: &[MemberFigures], core: bool) -> Side {
    let idx: Vec<usize> = (0..members.len())
        .filter(|i| figures[*i].core == core)
        .collect();
    Side {
        headcount: idx.len(),
        team_fte: idx.iter().map(|i| figures[*i].team_fte).sum(),
        mean_salary: stats::mean(idx.iter().filter_map(|i| figures[*i].salary)),
        mean_leave_days: stats::mean(idx.iter().filter_map(|i| members[*i].leave_days)),
        mean_training_days: stats::mean(idx.iter().filter_map(|i| members[*i].training_days)),
        mean_training_budget: stats::mean(idx.iter().filter_map(|i| members[*i].training_budget)),
        mean_autonomy: stats::mean(
            idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level()))),
        ),
    }
}

fn core_periphery(
    team: &Team,
    members: &[&Member],
    figures: &[MemberFigures],
    disciplines: &[DisciplineFigures],
) -> CorePeriphery {
    CorePeriphery {
        threshold: team.core_threshold,
        core: side(members, figures, true),
        peripheral: side(members, figures, false),
        mostly_peripheral: disciplines
            .iter()
            .filter(|d| d.figures.peripheral > d.figures.core)
            .map(|d| d.id)
            .collect(),
    }
}
