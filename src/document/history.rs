//! Undo and redo, never saved to the file. A step holds only what an edit changed: the
//! team's settings and catalogues (small), the members that differed and, if it changed,
//! the order of the members. Unchanged members are never copied, so 200 steps on a
//! 10,000-member team cost what the edits touched, not 200 teams.

use std::collections::HashMap;

use crate::model::{Member, MemberId, Team};

/// How many steps back a manager can go.
pub const MAX_UNDO_STEPS: usize = 200;

/// What turns one version of the team back into another.
#[derive(Clone, Debug)]
struct Step {
    /// The team as it was, without its members.
    shell: Team,
    /// The members' ids in their old order, where the order changed (or members came or went).
    order: Option<Vec<MemberId>>,
    /// Old versions of the members that differ, by id.
    members: HashMap<MemberId, Member>,
    /// The merge key of the edits in this step (see `Edit::merge_key`).
    key: Option<String>,
}

/// A copy of everything but the members, without cloning the members first.
fn shell_of(team: &Team) -> Team {
    Team {
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
        disciplines: team.disciplines.clone(),
        agencies: team.agencies.clone(),
        pay_year: team.pay_year.clone(),
        pay_scales: team.pay_scales.clone(),
        members: Vec::new(),
        presentation: team.presentation.clone(),
        perceptions: team.perceptions.clone(),
        // Cheap: each snapshot's team is shared, not copied.
        snapshots: team.snapshots.clone(),
        feedback: team.feedback.clone(),
    }
}

impl Step {
    /// The step that turns `after` back into `before`.
    fn between(before: &Team, after: &Team, key: Option<String>) -> Self {
        let mut step = Self {
            shell: shell_of(before),
            order: None,
            members: HashMap::new(),
            key,
        };
        step.add_differences(before, after);
        step
    }

    /// Remember the members of `before` that `after` lacks or holds differently, and the
    /// order if it changed. Members already remembered keep their older version.
    fn add_differences(&mut self, before: &Team, after: &Team) {
        let same_order = before.members.len() == after.members.len()
            && before
                .members
                .iter()
                .zip(&after.members)
                .all(|(a, b)| a.id == b.id);
        if same_order {
            for (a, b) in before.members.iter().zip(&after.members) {
                if a != b {
                    self.members.entry(a.id).or_insert_with(|| a.clone());
                }
            }
        } else {
            let now: HashMap<MemberId, &Member> = after.members.iter().map(|m| (m.id, m)).collect();
            for a in &before.members {
                if now.get(&a.id).is_none_or(|b| *b != a) {
                    self.members.entry(a.id).or_insert_with(|| a.clone());
                }
            }
            if self.order.is_none() {
                self.order = Some(before.members.iter().map(|m| m.id).collect());
            }
        }
    }

    /// Turn `current` back into the team this step remembers, and return the step that
    /// undoes that (for redo, or undo after redo).
    fn restore(self, current: &mut Team) -> Self {
        let mut reverse = Self {
            shell: shell_of(current),
            order: None,
            members: HashMap::new(),
            key: None,
        };
        let Self {
            shell,
            order,
            mut members,
            ..
        } = self;
        let mut old = std::mem::take(&mut current.members);
        let order = order.unwrap_or_else(|| old.iter().map(|m| m.id).collect());
        let mut by_id: HashMap<MemberId, Member> = HashMap::with_capacity(old.len());
        let old_order: Vec<MemberId> = old.iter().map(|m| m.id).collect();
        for m in old.drain(..) {
            by_id.insert(m.id, m);
        }
        let mut restored = Vec::with_capacity(order.len());
        for id in &order {
            match members.remove(id) {
                Some(m) => {
                    if let Some(now) = by_id.remove(id) {
                        reverse.members.insert(*id, now);
                    }
                    restored.push(m);
                }
                None => {
                    if let Some(now) = by_id.remove(id) {
                        restored.push(now);
                    }
                }
            }
        }
        // What is left are members the restored team does not have: the reverse step
        // brings them back.
        reverse.members.extend(by_id);
        if old_order != order {
            reverse.order = Some(old_order);
        }
        *current = shell;
        current.members = restored;
        reverse
    }
}

#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The current gesture has ended: the next change starts a new step even if its merge
    /// key matches the last one.
    sealed: bool,
}

impl History {
    /// Record a change from `before` to `after`. A change with the same merge key as the last
    /// one joins its step, unless the gesture that made the last one has ended.
    pub fn record(&mut self, before: &Team, after: &Team, key: Option<String>) {
        self.redo.clear();
        let sealed = std::mem::replace(&mut self.sealed, false);
        if let Some(last) = self.undo.last_mut() {
            if !sealed && key.is_some() && last.key == key {
                last.add_differences(before, after);
                return;
            }
        }
        self.undo.push(Step::between(before, after, key));
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.remove(0);
        }
    }

    /// End the current gesture (a drag stopped, a field lost focus): the next change is a
    /// step of its own.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    pub fn undo(&mut self, current: &mut Team) -> bool {
        self.sealed = true;
        match self.undo.pop() {
            Some(step) => {
                self.redo.push(step.restore(current));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, current: &mut Team) -> bool {
        self.sealed = true;
        match self.redo.pop() {
            Some(step) => {
                self.undo.push(step.restore(current));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo_steps(&self) -> usize {
        self.undo.len()
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{generate, Position};

    fn team(n: usize) -> Team {
        generate::synthetic_team(n, 7)
    }

    #[test]
    fn undo_and_redo_restore_settings_members_and_order() {
        let mut h = History::default();
        let original = team(30);
        let mut current = original.clone();

        // Rename the team, move one member, delete two, all as separate steps.
        let mut next = current.clone();
        next.name = "Renamed".into();
        h.record(&current, &next, None);
        current = next;
        let mut next = current.clone();
        next.members[3].position = Position { x: 5.0, y: 6.0 };
        h.record(&current, &next, None);
        current = next;
        let mut next = current.clone();
        next.members.remove(10);
        next.members.remove(0);
        h.record(&current, &next, None);
        let after_all = next.clone();
        current = next;

        assert!(h.undo(&mut current));
        assert!(h.undo(&mut current));
        assert!(h.undo(&mut current));
        assert_eq!(current, original);
        assert!(!h.can_undo());
        assert!(h.redo(&mut current));
        assert!(h.redo(&mut current));
        assert!(h.redo(&mut current));
        assert_eq!(current, after_all);
        assert!(h.undo(&mut current));
        assert_eq!(current.members.len(), 30);
    }

    #[test]
    fn one_gesture_is_one_step_and_two_gestures_never_merge() {
        let mut h = History::default();
        let original = team(5);
        let mut current = original.clone();
        for x in [1.0, 2.0, 3.0] {
            let mut next = current.clone();
            next.members[0].fte = x / 4.0;
            h.record(&current, &next, Some("member 1 fte".into()));
            current = next;
        }
        assert_eq!(h.undo_steps(), 1, "one drag of a slider is one step");
        h.seal();
        let mut next = current.clone();
        next.members[0].fte = 1.0;
        h.record(&current, &next, Some("member 1 fte".into()));
        current = next;
        assert_eq!(
            h.undo_steps(),
            2,
            "the same field minutes later is a new step"
        );
        assert!(h.undo(&mut current));
        assert!((current.members[0].fte - 0.75).abs() < 1e-12);
        assert!(h.undo(&mut current));
        assert_eq!(current, original);
    }

    #[test]
    fn history_is_capped() {
        let mut h = History::default();
        let a = team(2);
        let mut b = a.clone();
        b.name = "b".into();
        for _ in 0..MAX_UNDO_STEPS + 50 {
            h.record(&a, &b, None);
        }
        assert_eq!(h.undo_steps(), MAX_UNDO_STEPS);
    }

    #[test]
    fn a_step_that_moves_one_member_holds_one_member() {
        let mut h = History::default();
        let a = team(1000);
        let mut b = a.clone();
        b.members[500].position.x += 10.0;
        h.record(&a, &b, None);
        assert_eq!(h.undo[0].members.len(), 1);
        assert!(h.undo[0].order.is_none());
    }
}
