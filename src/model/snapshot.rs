//! Snapshots: the team as it was at a moment, kept inside the team file under a label
//! ("Before the merger, March 2026"), to open read-only, restore, or compare with now.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::team::Team;

/// Labels longer than this are a slip: a label names a moment, in a few words.
pub const MAX_LABEL_CHARS: usize = 120;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Snapshot {
    /// Unique within the team (case aside): `teamscape compare FILE#LABEL` finds it by this.
    pub label: String,
    /// The day it was taken, `2026-03-14`.
    pub taken: String,
    /// The whole team as it was, with no snapshots of its own. Shared, never changed: every
    /// edit copies the team and every undo step its settings, and neither may copy this.
    pub team: Arc<Team>,
    /// How service users were involved in the change this snapshot marks (file version 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub involvement: Option<super::feedback::Involvement>,
    /// A sentence on how, in the manager's words ("two parents sat on the design group").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub involvement_note: String,
}

/// Equal when label, date and team are; the same shared team is equal without comparing
/// it (every edit compares the team it made with the one before, snapshots and all).
impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        self.label == other.label
            && self.taken == other.taken
            && self.involvement == other.involvement
            && self.involvement_note == other.involvement_note
            && (Arc::ptr_eq(&self.team, &other.team) || self.team == other.team)
    }
}

impl Snapshot {
    /// The team as it is now, with its snapshots left out (a snapshot never nests).
    pub fn of(team: &Team, label: &str, taken: &str) -> Self {
        let mut copy = team.clone();
        copy.snapshots = Vec::new();
        Self {
            label: label.trim().to_owned(),
            taken: taken.to_owned(),
            team: Arc::new(copy),
            involvement: None,
            involvement_note: String::new(),
        }
    }

    /// What a snapshot is called with names hidden: "Snapshot 2 (14 March 2026)", by its
    /// place in the list from 0. A label is free text, and may name someone.
    pub fn hidden_title(&self, index: usize) -> String {
        format!(
            "Snapshot {} ({})",
            index + 1,
            crate::format::date_words(&self.taken)
        )
    }

    /// "Before the merger (14 March 2026)".
    pub fn title(&self) -> String {
        format!(
            "{} ({})",
            self.label,
            crate::format::date_words(&self.taken)
        )
    }
}

/// The key labels are compared by: case and surrounding spaces do not make a new label.
pub fn label_key(label: &str) -> String {
    label.trim().to_lowercase()
}

/// `base`, or `base (2)`, `base (3)`… : the first that `taken` says is free.
pub fn free_label(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = base.trim();
    let mut label = base.to_owned();
    let mut n = 2;
    while taken(&label) {
        label = format!("{base} ({n})");
        n += 1;
    }
    label
}

impl Team {
    /// The snapshot with this label (case and surrounding spaces aside).
    pub fn snapshot(&self, label: &str) -> Option<&Snapshot> {
        let key = label_key(label);
        self.snapshots.iter().find(|s| label_key(&s.label) == key)
    }

    /// A label for a new snapshot that no other snapshot has: `base`, or `base (2)`…
    pub fn free_snapshot_label(&self, base: &str) -> String {
        free_label(base, |l| self.snapshot(l).is_some())
    }
}
