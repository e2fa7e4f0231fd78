//! Every change to a team, as data, and how each one applies. Only [`super::Document`]
//! calls [`Edit::apply_to`], on a copy it validates before keeping.

use std::collections::HashSet;

use crate::model::{
    library, Agency, AgencyId, Autonomy, Discipline, DisciplineId, Framework, Integration,
    LineManager, Member, MemberId, Pay, Position, Service, SlideId, Snapshot, Team,
};

/// A change to the team, with the data it needs.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddMember {
        at: Position,
    },
    DeleteMembers(Vec<MemberId>),
    /// The end of a drag: the final positions of the moved members.
    MoveMembers(Vec<(MemberId, Position)>),
    SetLineManager {
        member: MemberId,
        manager: LineManager,
    },
    /// The inspector's edit of one member. `field` names the field, so the frames of one
    /// slider drag are one undo step.
    UpdateMember {
        member: Member,
        field: &'static str,
    },
    UpdateTeam {
        settings: TeamSettings,
        field: &'static str,
    },
    AddDiscipline,
    UpdateDiscipline(Discipline),
    /// Delete a discipline, moving its members to another.
    DeleteDiscipline {
        id: DisciplineId,
        move_members_to: Option<DisciplineId>,
    },
    AddAgency,
    UpdateAgency(Agency),
    DeleteAgency {
        id: AgencyId,
        move_members_to: Option<AgencyId>,
    },
    /// The workshop slides to show, in order (saved in the team file).
    SetSlides(Vec<SlideId>),
    /// A slide's discussion question; an empty one returns to the default.
    SetPrompt {
        slide: SlideId,
        prompt: String,
    },
    /// Keep the team as it is now under a label and a date (`taken`, `2026-03-14`).
    SaveSnapshot {
        label: String,
        taken: String,
    },
    /// Put the team back as a snapshot holds it, keeping every snapshot: one undo step.
    RestoreSnapshot {
        label: String,
    },
    DeleteSnapshot {
        label: String,
    },
    /// Add a round of perception responses (imported, or from the kiosk), stored so no answer
    /// can be traced (`perceptions::protect`).
    AddPerceptionRound(Box<crate::model::PerceptionRound>),
    /// Re-rate every member on a national scale point to the library's figures for `year`,
    /// and make it the team's pay year.
    RerateTo {
        year: String,
    },
    /// Make a pay year the library does not hold from an announced award, on `today`
    /// (`YYYY-MM-DD`, which the figures' note records); see `pay::uplift`.
    AddPayYear {
        year: String,
        uplift: crate::model::pay::Uplift,
        today: String,
    },
    /// Add a pay year read from its published table (`scale, point, salary`), with where
    /// it was published; the scales the table leaves out stay as they are.
    AddPayYearFromTable {
        year: String,
        table: Box<crate::model::csv::Sheet>,
        source: String,
        today: String,
    },
    /// Add a round of what families told the team (imported from a sheet).
    AddFeedbackRound(Box<crate::model::feedback::FeedbackRound>),
    /// Pair a feedback round with a snapshot (the restructure it came before), or with none.
    LinkFeedback {
        round: String,
        snapshot: Option<String>,
    },
    /// The names kept for a feedback round: a picked quote holding one is refused.
    SetFeedbackNames {
        round: String,
        names: Vec<String>,
    },
    /// Pick a comment to quote in a workshop; refused with the reason where it holds a name.
    PickQuote {
        round: String,
        quote: String,
    },
    /// Stop quoting a picked comment.
    DropQuote {
        round: String,
        quote: String,
    },
    /// How service users were involved in the change a snapshot marks.
    SetInvolvement {
        snapshot: String,
        involvement: Option<crate::model::feedback::Involvement>,
        note: String,
    },
    /// A spreadsheet's members added to the team, with the disciplines and agencies they
    /// name (`model::csv::import_sheet`): all of them, or none and the sheet's problems.
    ImportMembers(Box<crate::model::csv::Sheet>),
}

/// Why an edit was not made, in words for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
    /// Where an edit read a sheet, its problems by line (or cell) and column.
    pub sheet: Option<crate::model::csv::CsvError>,
}

impl Refusal {
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
            sheet: None,
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)
    }
}

const CIRCLE: &str = "That would make line management go round in a circle, so it was not changed.";

impl Edit {
    /// Consecutive edits with the same key, in one gesture, are one undo step.
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Self::UpdateMember { member, field } => Some(format!("member {} {field}", member.id.0)),
            Self::UpdateTeam { field, .. } => Some(format!("team {field}")),
            Self::UpdateDiscipline(d) => Some(format!("discipline {}", d.id.0)),
            Self::UpdateAgency(a) => Some(format!("agency {}", a.id.0)),
            Self::SetFeedbackNames { round, .. } => Some(format!("feedback names {round}")),
            Self::SetInvolvement { snapshot, .. } => Some(format!("involvement {snapshot}")),
            _ => None,
        }
    }

    /// Apply to `team` (a copy the document owns). Returns the member this edit added, if
    /// any, or why it cannot be made. The document validates the result afterwards.
    pub(super) fn apply_to(self, team: &mut Team) -> Result<Option<MemberId>, Refusal> {
        match self {
            Self::AddMember { at } => {
                let member = new_member(team, at);
                let id = member.id;
                team.members.push(member);
                return Ok(Some(id));
            }
            Self::DeleteMembers(ids) => {
                let ids: HashSet<MemberId> = ids.into_iter().collect();
                team.members.retain(|m| !ids.contains(&m.id));
                for m in &mut team.members {
                    if matches!(m.line_manager, LineManager::Member(b) if ids.contains(&b)) {
                        m.line_manager = LineManager::NoManager;
                    }
                }
            }
            Self::MoveMembers(moves) => {
                let moves: std::collections::HashMap<MemberId, Position> =
                    moves.into_iter().collect();
                for m in &mut team.members {
                    if let Some(p) = moves.get(&m.id) {
                        m.position = *p;
                    }
                }
            }
            Self::SetLineManager { member, manager } => {
                if let LineManager::Member(boss) = manager {
                    if member == boss || manages(team, member, boss) {
                        return Err(Refusal::new(CIRCLE));
                    }
                }
                if let Some(m) = team.member_mut(member) {
                    m.line_manager = manager;
                }
            }
            Self::UpdateMember { member, .. } => {
                if let LineManager::Member(boss) = member.line_manager {
                    if manages(team, member.id, boss) {
                        return Err(Refusal::new(CIRCLE));
                    }
                }
                if let Some(m) = team.member_mut(member.id) {
                    *m = member;
                }
            }
            Self::UpdateTeam { settings, .. } => settings.apply_to(team),
            Self::AddDiscipline => {
                let name = unused_name(|n| team.discipline_by_name(n).is_some(), "New discipline");
                let d = library::new_discipline(team, &name);
                team.disciplines.push(d);
            }
            Self::UpdateDiscipline(d) => {
                if let Some(x) = team.disciplines.iter_mut().find(|x| x.id == d.id) {
                    *x = d;
                }
            }
            Self::DeleteDiscipline {
                id,
                move_members_to,
            } => {
                let in_use = team.members.iter().any(|m| m.discipline == id);
                match move_members_to {
                    Some(to) if to != id && team.discipline(to).is_some() => {
                        for m in team.members.iter_mut().filter(|m| m.discipline == id) {
                            m.discipline = to;
                        }
                    }
                    _ if in_use => {
                        return Err(Refusal::new("Choose a discipline for its members first."))
                    }
                    _ => {}
                }
                // Responses follow the members: merged into the same discipline, or (with
                // no members to move) the discipline's ratings go and its raters become
                // "prefer not to say".
                let to = move_members_to.filter(|to| *to != id && team.discipline(*to).is_some());
                for round in &mut team.perceptions {
                    for r in &mut round.responses {
                        r.merge_discipline(id, to);
                    }
                }
                team.disciplines.retain(|d| d.id != id);
            }
            Self::AddAgency => {
                let name = unused_name(|n| team.agency_by_name(n).is_some(), "New agency");
                let a = library::new_agency(team, &name);
                team.agencies.push(a);
            }
            Self::UpdateAgency(a) => {
                if let Some(x) = team.agencies.iter_mut().find(|x| x.id == a.id) {
                    *x = a;
                }
            }
            Self::DeleteAgency {
                id,
                move_members_to,
            } => delete_agency(team, id, move_members_to)?,
            Self::SetSlides(slides) => {
                if slides.is_empty() {
                    return Err(Refusal::new(
                        "A workshop needs at least one slide, so the last one stays.",
                    ));
                }
                team.presentation.slides = slides;
            }
            Self::SetPrompt { slide, prompt } => {
                if prompt.trim().is_empty() {
                    team.presentation.prompts.remove(&slide);
                } else {
                    team.presentation
                        .prompts
                        .insert(slide, prompt.trim().to_owned());
                }
            }
            Self::SaveSnapshot { .. }
            | Self::RestoreSnapshot { .. }
            | Self::DeleteSnapshot { .. } => self.apply_snapshot(team)?,
            Self::AddPerceptionRound(round) => team.add_round(*round),
            Self::RerateTo { year } => {
                let (rerated, _) = crate::model::pay::rerate(team, &year).map_err(Refusal::new)?;
                *team = rerated;
            }
            Self::AddPayYear {
                year,
                uplift,
                today,
            } => {
                let (raised, _) = crate::model::pay::uplift(team, &year, &uplift, &today)
                    .map_err(|e| Refusal::new(format!("Not added: {e}.")))?;
                *team = raised;
            }
            Self::AddPayYearFromTable {
                year,
                table,
                source,
                today,
            } => {
                let (read, _) = crate::model::pay::from_table(team, &year, &table, &source, &today)
                    .map_err(|e| Refusal::new(format!("Not added: {e}.")))?;
                *team = read;
            }
            Self::AddFeedbackRound(_)
            | Self::LinkFeedback { .. }
            | Self::SetFeedbackNames { .. }
            | Self::PickQuote { .. }
            | Self::DropQuote { .. }
            | Self::SetInvolvement { .. } => self.apply_feedback(team)?,
            Self::ImportMembers(sheet) => {
                crate::model::csv::import_sheet(team, &sheet).map_err(|e| Refusal {
                    reason: e.to_string(),
                    sheet: Some(e),
                })?;
            }
        }
        Ok(None)
    }

    /// Keeping, restoring and deleting snapshots.
    fn apply_snapshot(self, team: &mut Team) -> Result<(), Refusal> {
        match self {
            Self::SaveSnapshot { label, taken } => {
                if label.trim().is_empty() {
                    return Err(Refusal::new(
                        "Give the snapshot a label, such as “Before the merger”.",
                    ));
                }
                if let Some(s) = team.snapshot(&label) {
                    return Err(Refusal::new(format!(
                        "There is already a snapshot called “{}”: choose another label.",
                        s.label
                    )));
                }
                let snapshot = Snapshot::of(team, &label, &taken);
                team.snapshots.push(snapshot);
            }
            Self::RestoreSnapshot { label } => {
                let Some(snapshot) = team.snapshot(&label) else {
                    return Err(Refusal::new(format!(
                        "There is no snapshot called “{label}”."
                    )));
                };
                let mut restored = Team::clone(&snapshot.team);
                restored.snapshots = std::mem::take(&mut team.snapshots);
                *team = restored;
            }
            Self::DeleteSnapshot { label } => {
                let key = crate::model::snapshot::label_key(&label);
                let before = team.snapshots.len();
                team.snapshots
                    .retain(|s| crate::model::snapshot::label_key(&s.label) != key);
                if team.snapshots.len() == before {
                    return Err(Refusal::new(format!(
                        "There is no snapshot called “{label}”."
                    )));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The edits of families' feedback and of service users' involvement.
    fn apply_feedback(self, team: &mut Team) -> Result<(), Refusal> {
        match self {
            Self::AddFeedbackRound(round) => {
                if feedback_round(team, &round.label).is_ok() {
                    return Err(Refusal::new(format!(
                        "There is already a feedback round called “{}”: choose another label.",
                        round.label
                    )));
                }
                team.feedback.push(*round);
            }
            Self::LinkFeedback { round, snapshot } => {
                let snapshot =
                    match snapshot {
                        Some(label) => {
                            Some(team.snapshot(&label).map(|s| s.label.clone()).ok_or_else(
                                || Refusal::new(format!("There is no snapshot called “{label}”.")),
                            )?)
                        }
                        None => None,
                    };
                feedback_round(team, &round)?.snapshot = snapshot;
            }
            Self::SetFeedbackNames { round, names } => {
                feedback_round(team, &round)?.names = names
                    .iter()
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty())
                    .collect();
            }
            Self::PickQuote { round, quote } => {
                let quote = quote.trim().to_owned();
                // Checked against a copy: the check reads the members, the round is mutable.
                let r = feedback_round(team, &round)?.clone();
                if let Some(problem) = crate::model::feedback::quote_problem(team, &r, &quote) {
                    return Err(Refusal::new(format!(
                        "Not quoted: {problem}. Choose another comment, or quote a part of it without the name."
                    )));
                }
                let r = feedback_round(team, &round)?;
                if !r.quotes.contains(&quote) {
                    r.quotes.push(quote);
                }
            }
            Self::DropQuote { round, quote } => {
                feedback_round(team, &round)?.quotes.retain(|q| *q != quote);
            }
            Self::SetInvolvement {
                snapshot,
                involvement,
                note,
            } => {
                let key = crate::model::snapshot::label_key(&snapshot);
                let Some(s) = team
                    .snapshots
                    .iter_mut()
                    .find(|s| crate::model::snapshot::label_key(&s.label) == key)
                else {
                    return Err(Refusal::new(format!(
                        "There is no snapshot called “{snapshot}”."
                    )));
                };
                s.involvement = involvement;
                // Kept as typed (a field typing into it must not lose its spaces); outputs
                // trim it.
                s.involvement_note = note;
            }
            _ => {}
        }
        Ok(())
    }
}

/// The feedback round labelled `label`, or why there is none.
fn feedback_round<'t>(
    team: &'t mut Team,
    label: &str,
) -> Result<&'t mut crate::model::feedback::FeedbackRound, Refusal> {
    let key = crate::model::snapshot::label_key(label);
    team.feedback
        .iter_mut()
        .find(|r| crate::model::snapshot::label_key(&r.label) == key)
        .ok_or_else(|| Refusal::new(format!("There is no feedback round called “{label}”.")))
}

fn delete_agency(
    team: &mut Team,
    id: AgencyId,
    move_members_to: Option<AgencyId>,
) -> Result<(), Refusal> {
    let in_use = team.members.iter().any(|m| {
        m.agency == id
            || matches!(&m.line_manager, LineManager::External { agency, .. } if *agency == id)
    });
    match move_members_to {
        Some(to) if to != id && team.agency(to).is_some() => {
            for m in &mut team.members {
                if m.agency == id {
                    m.agency = to;
                }
                if let LineManager::External { agency, .. } = &mut m.line_manager {
                    if *agency == id {
                        *agency = to;
                    }
                }
            }
        }
        _ if in_use => return Err(Refusal::new("Choose an agency for its members first.")),
        _ => {}
    }
    if team.host_agency == Some(id) {
        team.host_agency = move_members_to;
    }
    team.agencies.retain(|a| a.id != id);
    Ok(())
}

/// The team-level settings the team panel edits.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamSettings {
    pub name: String,
    pub service: Service,
    pub description: String,
    pub notes: String,
    pub integration: Integration,
    pub framework: Framework,
    pub host_agency: Option<AgencyId>,
    pub core_threshold: f64,
    pub min_group_size: usize,
    pub min_responses: usize,
}

impl TeamSettings {
    pub fn of(team: &Team) -> Self {
        Self {
            name: team.name.clone(),
            service: team.service,
            description: team.description.clone(),
            notes: team.notes.clone(),
            integration: team.integration,
            framework: team.framework,
            host_agency: team.host_agency,
            core_threshold: team.core_threshold,
            min_group_size: team.min_group_size,
            min_responses: team.min_responses,
        }
    }

    fn apply_to(self, team: &mut Team) {
        team.name = self.name;
        team.service = self.service;
        team.description = self.description;
        team.notes = self.notes;
        team.integration = self.integration;
        team.framework = self.framework;
        team.host_agency = self.host_agency;
        team.core_threshold = self.core_threshold;
        team.min_group_size = self.min_group_size;
        team.min_responses = self.min_responses;
    }
}

/// A new member with sensible defaults: the most common discipline and the host agency.
fn new_member(team: &mut Team, at: Position) -> Member {
    let discipline = most_common(team.members.iter().map(|m| m.discipline))
        .or_else(|| team.disciplines.first().map(|d| d.id))
        .unwrap_or_else(|| library::discipline_named(team, "Unassigned discipline"));
    let agency = team
        .host_agency
        .or_else(|| team.agencies.first().map(|a| a.id))
        .unwrap_or_else(|| library::agency_named(team, "Host agency"));
    let id = team.next_member_id();
    let names: HashSet<&str> = team.members.iter().map(|m| m.name.as_str()).collect();
    Member {
        leave_days: Some(25.0),
        training_days: Some(2.0),
        autonomy: Some(Autonomy::DecidesWithSupervision),
        position: at,
        ..Member::new(
            id,
            &unused_name(|n| names.contains(n), "New member"),
            discipline,
            agency,
            Pay::Salary(30_000.0),
        )
    }
}

/// Whether `boss` is (directly or not) managed by `member`: making `boss` the manager of
/// `member` would then close a circle.
fn manages(team: &Team, member: MemberId, boss: MemberId) -> bool {
    let managers: std::collections::HashMap<MemberId, MemberId> = team
        .members
        .iter()
        .filter_map(|m| match m.line_manager {
            LineManager::Member(b) => Some((m.id, b)),
            _ => None,
        })
        .collect();
    let mut at = Some(boss);
    let mut steps = 0;
    while let Some(id) = at {
        if id == member {
            return true;
        }
        steps += 1;
        if steps > team.members.len() {
            return true; // already a circle: refuse rather than loop
        }
        at = managers.get(&id).copied();
    }
    false
}

fn most_common<T: std::hash::Hash + Eq + Copy>(items: impl Iterator<Item = T>) -> Option<T> {
    // Counted by hash, in order of first appearance; ties go to the last of them.
    let mut order: Vec<T> = Vec::new();
    let mut counts: std::collections::HashMap<T, usize> = std::collections::HashMap::new();
    for item in items {
        let n = counts.entry(item).or_default();
        if *n == 0 {
            order.push(item);
        }
        *n += 1;
    }
    order
        .into_iter()
        .max_by_key(|x| counts.get(x).copied().unwrap_or(0))
}

/// `base`, or `base 2`, `base 3`… whichever is free first.
fn unused_name(taken: impl Fn(&str) -> bool, base: &str) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    let mut k: u64 = 2;
    loop {
        let name = format!("{base} {k}");
        if !taken(&name) {
            return name;
        }
        k += 1;
    }
}
