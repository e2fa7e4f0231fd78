//! How each figure is worked out from the members: ranks, group figures, the conditions
//! hierarchy, quartiles, composition, outcomes, core and periphery, and integration.

use std::collections::HashMap;

use super::{
    disclosure, stats, AgencyFigures, Composition, ConditionsParts, CorePeriphery,
    DisciplineFigures, FamilyFigures, GroupFigures, Hierarchy, IntegrationProfile, MemberFigures,
    ModelBalance, OutcomeCover, Quartile, Side, MIN_MEMBERS_FOR_CORRELATION,
};
use crate::model::{
    AgencyId, DisciplineId, Family, LineManager, Member, MemberId, Outcome, ProfessionalModel, Team,
};

/// Percentile ranks of an optional value over the members who have it.
pub(super) fn ranks_of(
    members: &[&Member],
    value: impl Fn(&Member) -> Option<f64>,
) -> Vec<Option<f64>> {
    let values: Vec<Option<f64>> = members.iter().map(|m| value(m)).collect();
    ranks_of_values(&values)
}

pub(super) fn ranks_of_values(values: &[Option<f64>]) -> Vec<Option<f64>> {
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

/// Everything about the members that the groups are built from.
pub(super) struct Base<'a> {
    pub(super) members: Vec<&'a Member>,
    pub(super) figures: Vec<MemberFigures>,
    pub(super) team_fte: f64,
    pub(super) team_median: Option<f64>,
    pub(super) team_mean: Option<f64>,
    pub(super) by_discipline: Vec<(DisciplineId, Vec<usize>)>,
    pub(super) by_agency: Vec<(AgencyId, Vec<usize>)>,
}

pub(super) fn base(team: &Team) -> Base<'_> {
    base_with(team, true)
}

/// `ranks`: rank every member's conditions in the team (the conditions index and its parts);
/// without, those are `None`, and four sorts of the team are saved.
pub(super) fn base_with(team: &Team, ranks: bool) -> Base<'_> {
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
    let none = || vec![None; members.len()];
    let (salary_ranks, leave_ranks, training_ranks, autonomy_ranks) = if ranks {
        (
            ranks_of_values(&salaries_by_member),
            ranks_of(&members, |m| m.leave_days),
            ranks_of(&members, |m| m.training_days),
            ranks_of(&members, |m| m.autonomy.map(|a| f64::from(a.level()))),
        )
    } else {
        (none(), none(), none(), none())
    };

    let figures: Vec<MemberFigures> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let ranks = ConditionsParts {
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
                conditions_index: ranks.index(),
                ranks,
            }
        })
        .collect();
    let team_fte: f64 = figures.iter().map(|m| m.team_fte).sum();
    let salaries: Vec<f64> = figures.iter().filter_map(|m| m.salary).collect();
    let team_median = stats::median(&salaries);
    let team_mean = stats::mean(salaries.iter().copied());

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
    Base {
        members,
        figures,
        team_fte,
        team_median,
        team_mean,
        by_discipline,
        by_agency,
    }
}

/// Each discipline's figures, as the analysis has them, but without the conditions index:
/// what a comparison sets side by side (the whole analysis of two 10,000-member versions
/// would take most of the comparison's time). No workshop-safe withholding.
pub(crate) fn discipline_figures(team: &Team) -> Vec<DisciplineFigures> {
    discipline_groups(team, &base_with(team, false))
}

pub(super) fn discipline_groups(team: &Team, b: &Base<'_>) -> Vec<DisciplineFigures> {
    let mut disciplines: Vec<DisciplineFigures> = team
        .disciplines
        .iter()
        .map(|d| DisciplineFigures {
            id: d.id,
            models: d.models.clone(),
            support_role: d.support_role,
            family: d.family,
            figures: group_figures(&d.name, grouped(&b.by_discipline, d.id), b),
        })
        .collect();
    for (id, idx) in b.by_discipline.iter().skip(team.disciplines.len()) {
        disciplines.push(DisciplineFigures {
            id: *id,
            models: Vec::new(),
            support_role: false,
            family: Family::Other,
            figures: group_figures("?", idx, b),
        });
    }
    disciplines
}

/// Each family's figures, from the disciplines' (already withheld, names hidden): a family
/// figure is shown with names hidden only where every one of its groups shows it.
pub(super) fn families(
    b: &Base<'_>,
    disciplines: &[DisciplineFigures],
    min_group: Option<usize>,
) -> Vec<FamilyFigures> {
    Family::ALL
        .into_iter()
        .filter_map(|family| {
            let of: Vec<&DisciplineFigures> = disciplines
                .iter()
                .filter(|d| d.family == family && d.figures.headcount > 0)
                .collect();
            if of.is_empty() {
                return None;
            }
            let idx: Vec<usize> = b
                .by_discipline
                .iter()
                .filter(|(id, _)| of.iter().any(|d| d.id == *id))
                .flat_map(|(_, v)| v.iter().copied())
                .collect();
            let mut figures = group_figures(family.label(), &idx, b);
            if let Some(min) = min_group {
                let hidden = std::array::from_fn(|f| of.iter().any(|d| d.figures.is_withheld(f)));
                figures.withhold(hidden, min);
                figures.median_salary = None;
                figures.pay_gap = None;
                figures.pay_ratio_to_median = None;
                figures.median_leave_days = None;
                figures.median_training_days = None;
                figures.median_autonomy = None;
            }
            Some(FamilyFigures {
                family,
                disciplines: of.iter().map(|d| d.id).collect(),
                figures,
            })
        })
        .collect()
}

/// How many groups the workshop-safe Lorenz curve joins: as many as give each at least the
/// minimum, up to four (the chart draws the same).
pub fn lorenz_group_count(paid: usize, min_group: usize) -> usize {
    (paid / min_group.max(1)).min(4)
}

/// The members of each of those groups, lowest paid first: group j (from 1) ends at sorted
/// position `floor(j · n / groups)`. Their pay sums are what the curve shows.
pub(super) fn lorenz_groups(members: &[MemberFigures], min_group: usize) -> Vec<Vec<usize>> {
    let mut paid: Vec<(f64, usize)> = members
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.salary.map(|s| (s, i)))
        .collect();
    paid.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let n = paid.len();
    let groups = lorenz_group_count(n, min_group);
    if groups < 2 {
        return Vec::new();
    }
    (1..=groups)
        .map(|j| {
            paid[(j - 1) * n / groups..j * n / groups]
                .iter()
                .map(|(_, i)| *i)
                .collect()
        })
        .collect()
}

/// Agency member lists in the order of `agencies` (which is still catalogue order here).
pub(super) fn agencies_in_catalogue_order<'a>(
    b: &'a Base<'_>,
    agencies: &[AgencyFigures],
) -> Vec<&'a [usize]> {
    agencies
        .iter()
        .map(|a| grouped(&b.by_agency, a.id))
        .collect()
}

pub(super) fn push_grouped<K: PartialEq + Copy>(
    groups: &mut Vec<(K, Vec<usize>)>,
    key: K,
    index: usize,
) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, list)) => list.push(index),
        None => groups.push((key, vec![index])),
    }
}

pub(super) fn grouped<K: PartialEq + Copy>(groups: &[(K, Vec<usize>)], key: K) -> &[usize] {
    groups
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[], |(_, v)| v.as_slice())
}

pub(super) fn group_figures(name: &str, idx: &[usize], b: &Base<'_>) -> GroupFigures {
    let (members, figures) = (&b.members, &b.figures);
    let salaries: Vec<f64> = idx.iter().filter_map(|i| figures[*i].salary).collect();
    let fte: f64 = idx.iter().map(|i| figures[*i].team_fte).sum();
    let median_salary = stats::median(&salaries);
    let part = |f: fn(&ConditionsParts) -> Option<f64>| {
        stats::mean(idx.iter().filter_map(|i| f(&figures[*i].ranks)))
    };
    let team_median = b.team_median.filter(|t| *t > 0.0);
    let team_mean = b.team_mean.filter(|t| *t > 0.0);
    let mean_salary = stats::mean(salaries.iter().copied());
    GroupFigures {
        name: name.to_owned(),
        headcount: idx.len(),
        team_fte: fte,
        share_of_team_fte: (b.team_fte > 0.0).then(|| fte / b.team_fte),
        median_salary,
        mean_salary,
        pay_gap: team_median.zip(median_salary).map(|(t, g)| (t - g) / t),
        pay_ratio_to_median: team_median.zip(median_salary).map(|(t, g)| g / t),
        pay_ratio_to_mean: team_mean.zip(mean_salary).map(|(t, g)| g / t),
        mean_leave_days: stats::mean(idx.iter().filter_map(|i| members[*i].leave_days)),
        mean_training_days: stats::mean(idx.iter().filter_map(|i| members[*i].training_days)),
        mean_training_budget: stats::mean(idx.iter().filter_map(|i| members[*i].training_budget)),
        mean_autonomy: stats::mean(
            idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level()))),
        ),
        median_leave_days: stats::median(
            &idx.iter()
                .filter_map(|i| members[*i].leave_days)
                .collect::<Vec<_>>(),
        ),
        median_training_days: stats::median(
            &idx.iter()
                .filter_map(|i| members[*i].training_days)
                .collect::<Vec<_>>(),
        ),
        median_autonomy: stats::median(
            &idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level())))
                .collect::<Vec<_>>(),
        ),
        conditions_index: stats::mean(idx.iter().filter_map(|i| figures[*i].conditions_index)),
        conditions_parts: ConditionsParts {
            salary: part(|p| p.salary),
            leave: part(|p| p.leave),
            training: part(|p| p.training),
            autonomy: part(|p| p.autonomy),
        },
        core: idx.iter().filter(|i| figures[**i].core).count(),
        peripheral: idx.iter().filter(|i| !figures[**i].core).count(),
        contracted_fte: idx.iter().map(|i| members[*i].fte).sum(),
        suppressed: false,
        withheld: [false; disclosure::ATTRIBUTES],
    }
}

/// The profession with the highest and the lowest value, and the spread between them.
/// Support roles are left out: comparing a consultant with an administrator says nothing
/// about professions (docs/measures.md).
pub(super) fn spread(
    disciplines: &[DisciplineFigures],
    value: impl Fn(&GroupFigures) -> Option<f64>,
) -> Option<(DisciplineId, f64, DisciplineId, f64)> {
    let with: Vec<(DisciplineId, f64)> = disciplines
        .iter()
        .filter(|d| !d.support_role && !d.figures.suppressed)
        .filter_map(|d| value(&d.figures).map(|v| (d.id, v)))
        .collect();
    let top = with.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1))?;
    let bottom = with.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1))?;
    Some((top.0, top.1, bottom.0, bottom.1))
}

pub(super) fn hierarchy(
    disciplines: &[DisciplineFigures],
    members: &[MemberFigures],
    salary_gini: Option<f64>,
    safe: bool,
) -> Hierarchy {
    let paid = members.iter().filter(|m| m.salary.is_some()).count();
    let mut h = Hierarchy {
        salary_gini,
        salary_gini_max: salary_gini.and((paid > 0).then(|| (paid - 1) as f64 / paid as f64)),
        support_roles_left_out: disciplines
            .iter()
            .filter(|d| d.support_role && d.figures.headcount > 0)
            .map(|d| d.id)
            .collect(),
        ..Hierarchy::default()
    };
    // Medians, but means in workshop-safe mode (where a median is one person's pay).
    let central = |g: &GroupFigures| if safe { g.mean_salary } else { g.median_salary };
    if let Some((top, hi, bottom, lo)) = spread(disciplines, central) {
        if top != bottom && lo > 0.0 {
            h.top_bottom_pay_ratio = Some(hi / lo);
            h.best_paid_discipline = Some(top);
            h.worst_paid_discipline = Some(bottom);
        }
    }
    let leave = |g: &GroupFigures| {
        if safe {
            g.mean_leave_days
        } else {
            g.median_leave_days
        }
    };
    let training = |g: &GroupFigures| {
        if safe {
            g.mean_training_days
        } else {
            g.median_training_days
        }
    };
    if let Some((top, hi, bottom, lo)) = spread(disciplines, leave) {
        if top != bottom {
            h.leave_gap_days = Some(hi - lo);
            h.most_leave_discipline = Some(top);
            h.least_leave_discipline = Some(bottom);
        }
    }
    if let Some((top, hi, bottom, lo)) = spread(disciplines, training) {
        if top != bottom {
            h.training_gap_days = Some(hi - lo);
            h.most_training_discipline = Some(top);
            h.least_training_discipline = Some(bottom);
        }
    }
    let pairs: Vec<(f64, f64)> = members
        .iter()
        .filter_map(|m| m.conditions_index.map(|s| (s, m.team_fte)))
        .collect();
    h.spearman_n = pairs.len();
    if pairs.len() >= MIN_MEMBERS_FOR_CORRELATION {
        let (index, fte): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        if let Some((rho, p)) = stats::spearman_test(&index, &fte) {
            h.conditions_coreness_spearman = Some(rho);
            h.conditions_coreness_p_value = Some(p);
        }
    }
    h
}

/// Pay quartiles the UK gender-pay-gap way: sort by FTE salary ascending; the member at
/// sorted position k (from 0) is in quartile `floor(4k / n) + 1`. In workshop-safe mode the
/// withheld disciplines are merged into `other`, the lowest and highest salaries (each one
/// person's) are left out, and the mix is withheld entirely when the merged members are too
/// few to hide among.
pub(super) fn quartiles(
    team: &Team,
    members: &[MemberFigures],
    disciplines: &[DisciplineFigures],
    min_group: Option<usize>,
) -> Vec<Quartile> {
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
            other: 0,
            mix_withheld: false,
            min_salary: None,
            max_salary: None,
        })
        .collect();
    let withheld: Vec<DisciplineId> = disciplines
        .iter()
        .filter(|d| d.figures.suppressed)
        .map(|d| d.id)
        .collect();
    let mut counts: Vec<HashMap<DisciplineId, usize>> = vec![HashMap::new(); 4];
    for (k, (s, _, m)) in paid.iter().enumerate() {
        let s = *s;
        let q = 4 * k / n; // 0..=3
        quartiles[q].headcount += 1;
        if min_group.is_some() && withheld.contains(&m.discipline) {
            quartiles[q].other += 1;
        } else {
            *counts[q].entry(m.discipline).or_default() += 1;
        }
        if min_group.is_none() {
            quartiles[q].min_salary = Some(quartiles[q].min_salary.map_or(s, |v: f64| v.min(s)));
            quartiles[q].max_salary = Some(quartiles[q].max_salary.map_or(s, |v: f64| v.max(s)));
        }
    }
    // Workshop-safe mode: a discipline's count in a quartile below the minimum would place
    // those few people in a pay band; it is counted with the other disciplines instead.
    if let Some(min) = min_group {
        for (q, count) in quartiles.iter_mut().zip(counts.iter_mut()) {
            count.retain(|_, n| {
                let small = *n < min;
                if small {
                    q.other += *n;
                }
                !small
            });
        }
    }
    let merged: usize = quartiles.iter().map(|q| q.other).sum();
    let mix_withheld = min_group.is_some_and(|min| merged > 0 && merged < min);
    for (q, count) in quartiles.iter_mut().zip(counts) {
        if mix_withheld {
            q.other = 0;
            q.mix_withheld = true;
            continue;
        }
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

pub(super) fn composition(
    disciplines: &[DisciplineFigures],
    agencies: &[AgencyFigures],
    team_fte: f64,
) -> Composition {
    let dominant = agencies.first().filter(|a| a.figures.headcount > 0);
    let staffed = || disciplines.iter().filter(|d| d.figures.headcount > 0);
    let models = ProfessionalModel::ALL
        .iter()
        .filter(|m| **m != ProfessionalModel::NoModel)
        .map(|model| {
            staffed().filter(|d| d.models.contains(model)).fold(
                ModelBalance {
                    model: *model,
                    team_fte: 0.0,
                    headcount: 0,
                    disciplines: 0,
                    withheld: false,
                },
                |mut b, d| {
                    b.team_fte += d.figures.team_fte;
                    b.headcount += d.figures.headcount;
                    b.disciplines += 1;
                    b
                },
            )
        })
        .collect();
    Composition {
        discipline_blau: stats::blau(disciplines.iter().map(|d| d.figures.headcount)),
        agency_blau: stats::blau(agencies.iter().map(|a| a.figures.headcount)),
        dominant_agency: dominant.map(|a| a.id),
        dominant_agency_share: dominant
            .and_then(|a| (team_fte > 0.0).then(|| a.figures.team_fte / team_fte)),
        models,
        multi_model_disciplines: staffed().filter(|d| d.models.len() > 1).count(),
    }
}

/// Team FTE contributing to each outcome of the team's framework, summed over the
/// disciplines tagged with it.
pub(super) fn outcomes(
    team: &Team,
    disciplines: &[DisciplineFigures],
) -> (Vec<OutcomeCover>, Vec<Outcome>) {
    let covers: Vec<OutcomeCover> = team
        .framework
        .outcomes()
        .iter()
        .map(|o| {
            let tagged: Vec<&DisciplineFigures> = disciplines
                .iter()
                .filter(|d| d.figures.headcount > 0)
                .filter(|d| {
                    team.discipline(d.id)
                        .is_some_and(|t| t.outcomes.contains(o))
                })
                .collect();
            OutcomeCover {
                outcome: *o,
                team_fte: tagged.iter().fold(0.0, |t, d| t + d.figures.team_fte),
                headcount: tagged.iter().map(|d| d.figures.headcount).sum(),
                disciplines: tagged.iter().map(|d| d.id).collect(),
                withheld: false,
            }
        })
        .collect();
    let untagged = covers
        .iter()
        .filter(|c| c.headcount == 0)
        .map(|c| c.outcome)
        .collect();
    (covers, untagged)
}

pub(super) fn side(b: &Base<'_>, core: bool) -> Side {
    let (members, figures) = (&b.members, &b.figures);
    let idx: Vec<usize> = (0..members.len())
        .filter(|i| figures[*i].core == core)
        .collect();
    let salaries: Vec<f64> = idx.iter().filter_map(|i| figures[*i].salary).collect();
    Side {
        headcount: idx.len(),
        team_fte: idx.iter().map(|i| figures[*i].team_fte).sum(),
        median_salary: stats::median(&salaries),
        mean_salary: stats::mean(salaries.iter().copied()),
        mean_leave_days: stats::mean(idx.iter().filter_map(|i| members[*i].leave_days)),
        mean_training_days: stats::mean(idx.iter().filter_map(|i| members[*i].training_days)),
        mean_training_budget: stats::mean(idx.iter().filter_map(|i| members[*i].training_budget)),
        mean_autonomy: stats::mean(
            idx.iter()
                .filter_map(|i| members[*i].autonomy.map(|a| f64::from(a.level()))),
        ),
        suppressed: false,
    }
}

pub(super) fn core_periphery(
    team: &Team,
    b: &Base<'_>,
    disciplines: &[DisciplineFigures],
) -> CorePeriphery {
    CorePeriphery {
        threshold: team.core_threshold,
        core: side(b, true),
        peripheral: side(b, false),
        mostly_peripheral: disciplines
            .iter()
            .filter(|d| d.figures.peripheral > d.figures.core)
            .map(|d| d.id)
            .collect(),
    }
}

/// The evidence for the team's place on the integration continuum (also shown beside the
/// declared level in the team panel).
pub fn integration(team: &Team) -> IntegrationProfile {
    let mut p = IntegrationProfile {
        declared: team.integration,
        headcount: team.members.len(),
        ..IntegrationProfile::default()
    };
    let mut agencies: Vec<AgencyId> = Vec::new();
    for m in &team.members {
        p.co_located += usize::from(m.co_located);
        p.split_posts += usize::from(m.team_share < 1.0);
        match m.line_manager {
            LineManager::Member(_) => p.managed_in_team += 1,
            LineManager::External { .. } => p.managed_outside += 1,
            LineManager::NoManager => p.no_manager += 1,
        }
        if !agencies.contains(&m.agency) {
            agencies.push(m.agency);
        }
    }
    p.agencies = agencies.len();
    p
}
