//! Undo and redo: a snapshot of the team before each change. Never saved to the file.

use crate::model::Team;

/// How many steps back a manager can go.
pub const MAX_UNDO_STEPS: usize = 200;

#[derive(Default)]
pub struct History {
    undo: Vec<Team>,
    redo: Vec<Team>,
    /// The merge key of the last recorded change (see `Edit::merge_key`).
    last_key: Option<String>,
}

impl History {
    /// Record the team as it was before a change. A change with the same merge key as the
    /// previous one joins its undo step.
    pub fn record(&mut self, before: &Team, merge_key: Option<String>) {
        self.redo.clear();
        if merge_key.is_some() && merge_key == self.last_key {
            return;
        }
        self.last_key = merge_key;
        self.undo.push(before.clone());
        if self.undo.len() > MAX_UNDO_STEPS {
            self.undo.remove(0);
        }
    }

    /// Close the current merge group: the next change starts a new undo step.
    pub fn seal(&mut self) {
        self.last_key = None;
    }

    pub fn undo(&mut self, current: &mut Team) -> bool {
        self.last_key = None;
        match self.undo.pop() {
            Some(previous) => {
                self.redo.push(std::mem::replace(current, previous));
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self, current: &mut Team) -> bool {
        self.last_key = None;
        match self.redo.pop() {
            Some(next) => {
                self.undo.push(std::mem::replace(current, next));
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

    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Team {
        Team {
            name: name.to_owned(),
            ..Team::default()
        }
    }

    #[test]
    fn undo_redo_and_merging() {
        let mut h = History::default();
        let mut team = named("a");
        h.record(&team, Some("name".into()));
        team = named("ab");
        h.record(&team, Some("name".into())); // same field: merges
        team = named("abc");
        assert!(h.undo(&mut team));
        assert_eq!(team.name, "a");
        assert!(!h.can_undo());
        assert!(h.redo(&mut team));
        assert_eq!(team.name, "abc");
        h.record(&team, None);
        team = named("x");
        assert!(!h.can_redo(), "a new change clears redo");
        assert!(h.undo(&mut team));
        assert_eq!(team.name, "abc");
    }

    #[test]
    fn history_is_capped() {
        let mut h = History::default();
        let team = named("t");
        for _ in 0..MAX_UNDO_STEPS + 50 {
            h.record(&team, None);
        }
        assert_eq!(h.undo.len(), MAX_UNDO_STEPS);
    }
}
