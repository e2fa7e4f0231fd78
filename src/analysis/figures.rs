//! What an analysis holds: each member's, group's and side's figures, the hierarchy, the
//! quartiles, composition and outcomes, and the whole [`Analysis`] the views read.

use std::collections::HashMap;

use super::{compare, disclosure, feedback, perceptions, relational, stats, Finding};
use crate::model::{
    AgencyId, DisciplineId, Family, Framework, Integration, MemberId, Outcome, ProfessionalModel,
};

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
    pub ranks: ConditionsParts,
    /// Mean of the defined parts of `ranks`: the member's conditions index.
    pub conditions_index: Option<f64>,
}

/// The four parts of a conditions index, each a percentile rank from 0 to 1 (or a mean).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ConditionsParts {
    pub salary: Option<f64>,
    pub leave: Option<f64>,
    pub training: Option<f64>,
    pub autonomy: Option<f64>,
}

impl ConditionsParts {
    pub(super) fn index(&self) -> Option<f64> {
        stats::mean(
            [self.salary, self.leave, self.training, self.autonomy]
                .into_iter()
                .flatten(),
        )
    }
}

/// Figures for a group of members: a discipline or an agency.
#[derive(Clone, Debug, PartialEq, Default)]
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
    /// The group's median full-time pay over the team's: 1.2 reads "1.2 × the team median".
    pub pay_ratio_to_median: Option<f64>,
    /// The group's mean full-time pay over the team's mean (what workshop-safe mode shows,
    /// where a median would be one person's pay).
    pub pay_ratio_to_mean: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_training_budget: Option<f64>,
    pub mean_autonomy: Option<f64>,
    /// Medians of leave, training days and autonomy: what the manager's gap findings compare,
    /// so one person cannot drive them (withheld with names hidden, like every median).
    pub median_leave_days: Option<f64>,
    pub median_training_days: Option<f64>,
    pub median_autonomy: Option<f64>,
    pub conditions_index: Option<f64>,
    /// Mean of each part of the conditions index over the group's members.
    pub conditions_parts: ConditionsParts,
    pub core: usize,
    pub peripheral: usize,
    /// Team FTE and contracted FTE: the difference is time spent in other teams.
    pub contracted_fte: f64,
    /// Workshop-safe mode withheld every figure but the name and the headcount.
    pub suppressed: bool,
    /// Figures workshop-safe mode withheld from a group it otherwise shows (by
    /// [`disclosure::SALARY`] and the other constants).
    pub withheld: disclosure::Figures,
}

impl GroupFigures {
    /// Apply workshop-safe mode's verdict: the whole group when it is under the minimum
    /// (`suppressed`), otherwise each withheld figure.
    pub(super) fn withhold(&mut self, hidden: disclosure::Figures, min: usize) {
        if self.headcount == 0 {
            return;
        }
        if self.headcount < min {
            self.suppress();
            return;
        }
        // The conditions index is the mean of its four parts: shown with three of them it
        // would give the fourth away, so index and parts stand or fall together.
        let mut hidden = hidden;
        if [
            disclosure::SALARY,
            disclosure::LEAVE,
            disclosure::TRAINING_DAYS,
            disclosure::AUTONOMY,
        ]
        .iter()
        .any(|f| hidden[*f])
        {
            hidden[disclosure::CONDITIONS_INDEX] = true;
        }
        // Every field is named here, none by `..`: a figure added to `GroupFigures` does not
        // compile until someone decides whether a room with names hidden may see it.
        let Self {
            // Known in the room: who is in the group and how much of their week is here.
            name: _,
            headcount: _,
            team_fte: _,
            share_of_team_fte: _,
            contracted_fte: _,
            core: _,
            peripheral: _,
            suppressed: _,
            withheld,
            // A median is one person's figure (or two people's mean): never with names hidden.
            median_salary,
            pay_gap,
            pay_ratio_to_median,
            median_leave_days,
            median_training_days,
            median_autonomy,
            // Means: sums the disclosure check protects, each by its figure.
            mean_salary,
            pay_ratio_to_mean,
            mean_leave_days,
            mean_training_days,
            mean_training_budget,
            mean_autonomy,
            conditions_index,
            conditions_parts,
        } = self;
        *withheld = hidden;
        for median in [
            median_salary,
            pay_gap,
            pay_ratio_to_median,
            median_leave_days,
            median_training_days,
            median_autonomy,
        ] {
            *median = None;
        }
        let clear = |hide: usize, figures: &mut [&mut Option<f64>]| {
            if hidden[hide] {
                for f in figures.iter_mut() {
                    **f = None;
                }
            }
        };
        if hidden[disclosure::CONDITIONS_INDEX] {
            *conditions_parts = ConditionsParts::default();
        }
        clear(
            disclosure::SALARY,
            &mut [mean_salary, pay_ratio_to_mean, &mut conditions_parts.salary],
        );
        clear(
            disclosure::LEAVE,
            &mut [mean_leave_days, &mut conditions_parts.leave],
        );
        clear(
            disclosure::TRAINING_DAYS,
            &mut [mean_training_days, &mut conditions_parts.training],
        );
        clear(disclosure::TRAINING_BUDGET, &mut [mean_training_budget]);
        clear(
            disclosure::AUTONOMY,
            &mut [mean_autonomy, &mut conditions_parts.autonomy],
        );
        clear(disclosure::CONDITIONS_INDEX, &mut [conditions_index]);
    }

    /// Take out every figure about conditions. Time in team (and so the core and peripheral
    /// counts) stays for whole-team totals: it is known in the room, and not one of the
    /// figures the mode protects; the report and the charts still show none of it for the
    /// group itself.
    fn suppress(&mut self) {
        *self = Self {
            name: std::mem::take(&mut self.name),
            headcount: self.headcount,
            team_fte: self.team_fte,
            share_of_team_fte: self.share_of_team_fte,
            contracted_fte: self.contracted_fte,
            core: self.core,
            peripheral: self.peripheral,
            suppressed: true,
            withheld: [true; disclosure::ATTRIBUTES],
            ..Self::default()
        };
    }

    /// Whether workshop-safe mode shows none of the group's conditions: too small, or every
    /// figure would give someone away. Such a group is counted with "Other disciplines".
    pub fn fully_withheld(&self) -> bool {
        self.suppressed || self.withheld.iter().all(|w| *w)
    }

    /// Whether workshop-safe mode withheld this figure of the group.
    pub fn is_withheld(&self, figure: usize) -> bool {
        self.suppressed || self.withheld.get(figure).copied().unwrap_or(false)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct DisciplineFigures {
    pub id: DisciplineId,
    pub models: Vec<ProfessionalModel>,
    /// Administration and the like: left out of top-against-bottom comparisons.
    pub support_role: bool,
    pub family: Family,
    pub figures: GroupFigures,
}

/// A professional family's figures (docs/measures.md, "Professional families"). With names
/// hidden a family's figure is shown only where every group of it the room sees shows that
/// figure: the family's sum is then theirs added up, and says nothing new.
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyFigures {
    pub family: Family,
    /// The team's disciplines in it that have members (the room's groups, names hidden).
    pub disciplines: Vec<DisciplineId>,
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
    /// The most Gini can be with this many people, `(n − 1) / n`: one person paid everything.
    pub salary_gini_max: Option<f64>,
    /// Highest discipline median FTE salary over the lowest, professions only (means in
    /// workshop-safe mode).
    pub top_bottom_pay_ratio: Option<f64>,
    pub best_paid_discipline: Option<DisciplineId>,
    pub worst_paid_discipline: Option<DisciplineId>,
    pub leave_gap_days: Option<f64>,
    pub most_leave_discipline: Option<DisciplineId>,
    pub least_leave_discipline: Option<DisciplineId>,
    pub training_gap_days: Option<f64>,
    pub most_training_discipline: Option<DisciplineId>,
    pub least_training_discipline: Option<DisciplineId>,
    /// Support roles with members, left out of the comparisons above.
    pub support_roles_left_out: Vec<DisciplineId>,
    /// Spearman's ρ between members' conditions index and time in team, from
    /// [`MIN_MEMBERS_FOR_CORRELATION`] members.
    pub conditions_coreness_spearman: Option<f64>,
    /// Two-sided permutation p-value of that ρ.
    pub conditions_coreness_p_value: Option<f64>,
    /// Members counted in the correlation.
    pub spearman_n: usize,
    /// Points the Lorenz curve joins: every member with pay in the manager's view; with names
    /// hidden, groups of at least the minimum (up to four), or 0 where the curve is withheld
    /// (its groups' pay, set beside the professions', would give someone's away).
    pub lorenz_groups: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quartile {
    /// 1 (lowest paid) to 4.
    pub quartile: u8,
    pub headcount: usize,
    /// Headcount per discipline, in the team's discipline order, zero counts left out. In
    /// workshop-safe mode, withheld disciplines are counted in `other` instead.
    pub disciplines: Vec<(DisciplineId, usize)>,
    /// Members of withheld disciplines, merged ("Other disciplines").
    pub other: usize,
    /// Workshop-safe mode withheld the mix (it would place fewer than the minimum group).
    pub mix_withheld: bool,
    pub min_salary: Option<f64>,
    pub max_salary: Option<f64>,
}

/// One professional model's place in the team. Disciplines can hold several models, so the
/// shares of all models can add up to more than the whole.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelBalance {
    pub model: ProfessionalModel,
    pub team_fte: f64,
    pub headcount: usize,
    /// Disciplines (with members) that hold the model.
    pub disciplines: usize,
    /// Workshop-safe mode: held by fewer than the minimum, so its time is not shown.
    pub withheld: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Composition {
    pub discipline_blau: Option<f64>,
    pub agency_blau: Option<f64>,
    pub dominant_agency: Option<AgencyId>,
    pub dominant_agency_share: Option<f64>,
    /// Every model but "none", in `ProfessionalModel::ALL` order.
    pub models: Vec<ModelBalance>,
    /// Disciplines with members that hold more than one model.
    pub multi_model_disciplines: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeCover {
    pub outcome: Outcome,
    pub team_fte: f64,
    pub headcount: usize,
    /// Disciplines (with members) tagged with the outcome.
    pub disciplines: Vec<DisciplineId>,
    /// Workshop-safe mode: fewer than the minimum, so its time is not shown.
    pub withheld: bool,
}

/// One side of the core–periphery split.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Side {
    pub headcount: usize,
    pub team_fte: f64,
    pub median_salary: Option<f64>,
    pub mean_salary: Option<f64>,
    pub mean_leave_days: Option<f64>,
    pub mean_training_days: Option<f64>,
    pub mean_training_budget: Option<f64>,
    pub mean_autonomy: Option<f64>,
    /// Workshop-safe mode withheld this side's figures.
    pub suppressed: bool,
}

impl Side {
    /// As [`GroupFigures::withhold`].
    pub(super) fn withhold(&mut self, hidden: disclosure::Figures, min: usize) {
        if self.headcount == 0 {
            return;
        }
        if self.headcount < min {
            *self = Self {
                headcount: self.headcount,
                team_fte: self.team_fte,
                suppressed: true,
                ..Self::default()
            };
            return;
        }
        if hidden[disclosure::SALARY] {
            self.median_salary = None;
            self.mean_salary = None;
        }
        if hidden[disclosure::LEAVE] {
            self.mean_leave_days = None;
        }
        if hidden[disclosure::TRAINING_DAYS] {
            self.mean_training_days = None;
        }
        if hidden[disclosure::TRAINING_BUDGET] {
            self.mean_training_budget = None;
        }
        if hidden[disclosure::AUTONOMY] {
            self.mean_autonomy = None;
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct CorePeriphery {
    pub threshold: f64,
    pub core: Side,
    pub peripheral: Side,
    /// Disciplines with more peripheral than core members.
    pub mostly_peripheral: Vec<DisciplineId>,
}

/// The evidence for where the team sits on the integration continuum, set beside the level it
/// declares (docs/measures.md, "Integration profile").
#[derive(Clone, Debug, PartialEq, Default)]
pub struct IntegrationProfile {
    pub declared: Integration,
    pub headcount: usize,
    pub co_located: usize,
    /// Line-managed by another member of the team.
    pub managed_in_team: usize,
    /// Line-managed by someone outside the team.
    pub managed_outside: usize,
    /// No line manager recorded (often the team's own manager).
    pub no_manager: usize,
    /// Members who spend part of their time in other teams (`team_share < 1`).
    pub split_posts: usize,
    /// Agencies with members.
    pub agencies: usize,
}

impl IntegrationProfile {
    fn share(part: usize, whole: usize) -> Option<f64> {
        (whole > 0).then(|| part as f64 / whole as f64)
    }

    pub fn co_located_share(&self) -> Option<f64> {
        Self::share(self.co_located, self.headcount)
    }

    /// Of the members with a line manager recorded, the share managed inside the team.
    pub fn managed_in_team_share(&self) -> Option<f64> {
        Self::share(
            self.managed_in_team,
            self.managed_in_team + self.managed_outside,
        )
    }

    pub fn split_post_share(&self) -> Option<f64> {
        Self::share(self.split_posts, self.headcount)
    }
}

/// Everything the charts, slides and report show about one team.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub team_name: String,
    pub headcount: usize,
    pub team_fte: f64,
    /// `None` in workshop-safe mode, where the middle person's pay would show.
    pub team_median_salary: Option<f64>,
    pub team_mean_salary: Option<f64>,
    pub members: Vec<MemberFigures>,
    /// The conditions ladder: highest conditions index first; disciplines with no members and
    /// withheld ones last.
    pub disciplines: Vec<DisciplineFigures>,
    /// In workshop-safe mode, the withheld disciplines together, when there are enough of
    /// them to show (their figures follow from the team's and the shown groups' anyway).
    pub other_disciplines: Option<GroupFigures>,
    /// Professional families with members, in [`Family::ALL`] order.
    pub families: Vec<FamilyFigures>,
    /// Largest share of team FTE first.
    pub agencies: Vec<AgencyFigures>,
    pub hierarchy: Hierarchy,
    pub quartiles: Vec<Quartile>,
    pub composition: Composition,
    /// The team's outcomes framework, which `outcomes` are of.
    pub framework: Framework,
    pub outcomes: Vec<OutcomeCover>,
    /// Outcomes no discipline with members is tagged with.
    pub untagged_outcomes: Vec<Outcome>,
    pub core_periphery: CorePeriphery,
    pub integration: IntegrationProfile,
    /// The strongest findings, at most [`findings::MAX_FINDINGS`]: the list a manager reads.
    pub findings: Vec<Finding>,
    /// Findings that cleared their threshold but did not make the list: a slide about their
    /// subject can still carry one as its caption.
    pub further_findings: Vec<Finding>,
    /// `Some(minimum group size)` when this is the workshop-safe analysis.
    pub workshop_safe: Option<usize>,
    /// How the professions see each other, from the team's perception rounds.
    pub perceptions: Option<perceptions::Perceptions>,
    /// Each relational round (a round of an instrument), measured on its own; with names
    /// hidden, figures from too few answers are withheld (`relational::withhold`).
    pub relational: Vec<relational::RoundFigures>,
    /// Each relational round against the one before it of the same instrument, from the
    /// figures above (so withheld as they are).
    pub relational_changes: Vec<relational::RoundChange>,
    /// What families told the team: each round (ESQ form by form); with names hidden, no
    /// figure from fewer responses than the team's minimum.
    pub feedback: Vec<feedback::RoundFeedback>,
    /// Each feedback round against the one before it of the same questionnaire and form.
    pub feedback_changes: Vec<feedback::FeedbackChange>,
    /// The families' view of the team working together, and the staff's own, period by
    /// period (each linked snapshot, then now).
    pub side_by_side: Vec<feedback::Period>,
    /// With names hidden: the fewest responses a families' figure is shown from.
    pub min_responses: Option<usize>,
    /// The comments the manager picked to quote in a workshop (each checked against every
    /// name when picked): the only free text of families' that any output holds.
    pub quotes: Vec<String>,
    /// How service users were involved in the change the latest snapshot marks, in words
    /// for the slides of change; `None` without snapshots.
    pub involvement: Option<String>,
    /// The team against its latest snapshot (with names hidden, the hidden comparison), for
    /// the workshop's slides of change; `None` for a team without snapshots.
    pub changes: Option<Box<compare::Comparison>>,
    /// Medians computed but never shown: with names hidden, what the findings check a
    /// comparison of means against (docs/measures.md, "Findings"). Private, so no output
    /// can reach them.
    pub(super) robust: Robust,
    /// With names hidden and sums known from elsewhere (another release), per figure: someone
    /// could still be worked out with every group withheld, so nothing of that figure may
    /// be shown (nor the findings, which draw on every figure).
    pub exposed_elsewhere: disclosure::Figures,
}

/// Group medians kept back from the room: a finding comparing means is stated only when the
/// medians agree with it.
#[derive(Clone, Debug, PartialEq, Default)]
pub(super) struct Robust {
    pub(super) disciplines: HashMap<DisciplineId, [Option<f64>; 4]>,
    pub(super) core_salary: Option<f64>,
    pub(super) peripheral_salary: Option<f64>,
}

/// Which median [`Analysis::robust_median`] gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Median {
    Salary = 0,
    Leave = 1,
    Training = 2,
    Autonomy = 3,
}

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

    /// Whether figures about this discipline may be shown (false when workshop-safe mode
    /// withheld them).
    pub fn discipline_shown(&self, id: DisciplineId) -> bool {
        self.discipline(id).is_some_and(|d| !d.figures.suppressed)
    }

    /// The minimum group size, when this is the workshop-safe analysis.
    pub fn min_group(&self) -> Option<usize> {
        self.workshop_safe
    }

    /// Disciplines with members whose figures are withheld, for the note that says why.
    pub fn withheld_disciplines(&self) -> Vec<&str> {
        self.disciplines
            .iter()
            .filter(|d| d.figures.headcount > 0 && d.figures.fully_withheld())
            .map(|d| d.figures.name.as_str())
            .collect()
    }

    /// Agencies with members whose figures are withheld.
    pub fn withheld_agencies(&self) -> Vec<&str> {
        self.agencies
            .iter()
            .filter(|a| a.figures.headcount > 0 && a.figures.fully_withheld())
            .map(|a| a.figures.name.as_str())
            .collect()
    }

    /// Every finding that cleared its threshold, strongest first: the listed ones, then the
    /// rest.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> + Clone {
        self.findings.iter().chain(&self.further_findings)
    }

    /// A discipline's median, kept back from output: for the findings' robustness check.
    pub(crate) fn robust_median(&self, id: DisciplineId, which: Median) -> Option<f64> {
        self.robust
            .disciplines
            .get(&id)
            .and_then(|m| m[which as usize])
    }

    /// The core's and the periphery's median pay, kept back likewise.
    pub(crate) fn robust_side_salaries(&self) -> (Option<f64>, Option<f64>) {
        (self.robust.core_salary, self.robust.peripheral_salary)
    }

    /// Members whose pay is known (counted in whole-team pay figures).
    pub fn paid_headcount(&self) -> usize {
        self.members.iter().filter(|m| m.salary.is_some()).count()
    }
}
