//! Everything a user can do. [`Action`]s drive menus, buttons and shortcuts (each knows its
//! label, tooltip, shortcut and whether it is enabled); [`Edit`]s carry the data of a change
//! to the team. Panels only queue these; `app.rs` applies them in one place.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::model::{
    Agency, AgencyId, Discipline, DisciplineId, LineManager, Member, MemberId, Position,
};
use crate::ui::layout::Layout;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    AddMember,
    DeleteSelection,
    SelectAll,
    FitView,
    LayoutFree,
    LayoutRings,
    LayoutLadder,
    ShowCharts,
    ClearHighlight,
    Present,
    HideNames,
}

/// What decides whether an action can run now.
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // four independent facts, read by name
pub struct ActionState {
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_selection: bool,
    pub has_members: bool,
    pub has_highlight: bool,
}

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD_SHIFT: Modifiers = Modifiers {
    alt: false,
    ctrl: false,
    shift: true,
    mac_cmd: false,
    command: true,
};

impl Action {
    pub const ALL: [Self; 16] = [
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Undo,
        Self::Redo,
        Self::AddMember,
        Self::DeleteSelection,
        Self::SelectAll,
        Self::FitView,
        Self::LayoutFree,
        Self::LayoutRings,
        Self::LayoutLadder,
        Self::ShowCharts,
        Self::ClearHighlight,
        Self::Present,
        Self::HideNames,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::AddMember => "Add member",
            Self::DeleteSelection => "Delete selected",
            Self::SelectAll => "Select all",
            Self::FitView => "Fit team to window",
            Self::LayoutFree => "Free layout",
            Self::LayoutRings => "Core and periphery rings",
            Self::LayoutLadder => "Status ladder",
            Self::ShowCharts => "Charts",
            Self::ClearHighlight => "Clear highlight",
            Self::Present => "Present",
            Self::HideNames => "Hide names",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::Open => "Open a .ron team file or a .csv spreadsheet",
            Self::Save => "Save the team to its file (a backup of the previous version is kept as .bak)",
            Self::SaveAs => "Save the team to a new .ron file",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change you undid",
            Self::AddMember => "Add a member (N adds one under the pointer; double-click the map too)",
            Self::DeleteSelection => "Remove the selected members from the team",
            Self::SelectAll => "Select every member",
            Self::FitView => "Zoom and pan so the whole team fits",
            Self::LayoutFree => "Your own positions, saved in the file",
            Self::LayoutRings => "Core members on the inner ring, peripheral members further out by their time in the team",
            Self::LayoutLadder => "Height is the status index; disciplines run across",
            Self::ShowCharts => "Charts of the status hierarchy and the core–periphery imbalance, with findings",
            Self::ClearHighlight => "Stop highlighting the members picked from a chart or finding",
            Self::Present => "Show the chosen slides full screen for a workshop (arrows step, Esc leaves)",
            Self::HideNames => "Show members by job title or as “Member N”, and no pay for groups under three, on screen and in exports",
        }
    }

    /// Shortcuts, the first shown in menus. Ones with Shift come first in [`Self::ALL_SHORTCUTS`]
    /// order so Ctrl+Shift+Z is not taken for Ctrl+Z.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::O)];
        const SAVE: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[key(CMD_SHIFT, Key::S)];
        const UNDO: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::Z)];
        const REDO: &[KeyboardShortcut] =
            &[key(CMD_SHIFT, Key::Z), key(Modifiers::COMMAND, Key::Y)];
        const ADD: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::N)];
        const DELETE: &[KeyboardShortcut] = &[
            key(Modifiers::NONE, Key::Delete),
            key(Modifiers::NONE, Key::Backspace),
        ];
        const ALL: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::A)];
        const FIT: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::Num0)];
        const FREE: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num1)];
        const RINGS: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num2)];
        const LADDER: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num3)];
        const CHARTS: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num4)];
        const CLEAR: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Escape)];
        const PRESENT: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::F5)];
        const HIDE: &[KeyboardShortcut] = &[key(CMD_SHIFT, Key::H)];
        match self {
            Self::Open => OPEN,
            Self::Save => SAVE,
            Self::SaveAs => SAVE_AS,
            Self::Undo => UNDO,
            Self::Redo => REDO,
            Self::AddMember => ADD,
            Self::DeleteSelection => DELETE,
            Self::SelectAll => ALL,
            Self::FitView => FIT,
            Self::LayoutFree => FREE,
            Self::LayoutRings => RINGS,
            Self::LayoutLadder => LADDER,
            Self::ShowCharts => CHARTS,
            Self::ClearHighlight => CLEAR,
            Self::Present => PRESENT,
            Self::HideNames => HIDE,
        }
    }

    pub fn enabled(self, state: &ActionState) -> bool {
        match self {
            Self::Undo => state.can_undo,
            Self::Redo => state.can_redo,
            Self::DeleteSelection => state.has_selection,
            Self::SelectAll | Self::FitView => state.has_members,
            Self::Open
            | Self::Save
            | Self::SaveAs
            | Self::AddMember
            | Self::LayoutFree
            | Self::LayoutRings
            | Self::LayoutLadder
            | Self::ShowCharts
            | Self::Present
            | Self::HideNames => true,
            Self::ClearHighlight => state.has_highlight,
        }
    }

    pub fn layout(self) -> Option<Layout> {
        match self {
            Self::LayoutFree => Some(Layout::Free),
            Self::LayoutRings => Some(Layout::Rings),
            Self::LayoutLadder => Some(Layout::Ladder),
            _ => None,
        }
    }

    /// Every (action, shortcut) pair, those with more modifiers first, so consuming them in
    /// this order never lets a plain shortcut steal a Shift one.
    pub fn all_shortcuts() -> Vec<(Self, KeyboardShortcut)> {
        let mut all: Vec<(Self, KeyboardShortcut)> = Self::ALL
            .iter()
            .flat_map(|a| a.shortcuts().iter().map(move |s| (*a, *s)))
            .collect();
        let weight = |s: &KeyboardShortcut| {
            u8::from(s.modifiers.shift)
                + u8::from(s.modifiers.alt)
                + u8::from(s.modifiers.command || s.modifiers.ctrl)
        };
        all.sort_by_key(|(_, s)| std::cmp::Reverse(weight(s)));
        all
    }
}

/// A change to the team, with the data it needs. Applying one is the only way the team
/// changes, and each is one undo step (or merges into the last one, see `merge_key`).
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
    /// The inspector's edit of one member. `field` names the field, so typing into one
    /// field is one undo step, not one per key.
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
    SetSlides(Vec<crate::model::SlideId>),
}

impl Edit {
    /// Consecutive edits with the same key merge into one undo step.
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Self::UpdateMember { member, field } => Some(format!("member {} {field}", member.id.0)),
            Self::UpdateTeam { field, .. } => Some(format!("team {field}")),
            Self::UpdateDiscipline(d) => Some(format!("discipline {}", d.id.0)),
            Self::UpdateAgency(a) => Some(format!("agency {}", a.id.0)),
            _ => None,
        }
    }
}

/// The team-level settings the team panel edits.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamSettings {
    pub name: String,
    pub service: crate::model::Service,
    pub description: String,
    pub notes: String,
    pub integration: crate::model::Integration,
    pub host_agency: Option<AgencyId>,
    pub core_threshold: f64,
}

impl TeamSettings {
    pub fn of(team: &crate::model::Team) -> Self {
        Self {
            name: team.name.clone(),
            service: team.service,
            description: team.description.clone(),
            notes: team.notes.clone(),
            integration: team.integration,
            host_agency: team.host_agency,
            core_threshold: team.core_threshold,
        }
    }

    pub fn apply_to(self, team: &mut crate::model::Team) {
        team.name = self.name;
        team.service = self.service;
        team.description = self.description;
        team.notes = self.notes;
        team.integration = self.integration;
        team.host_agency = self.host_agency;
        team.core_threshold = self.core_threshold;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let all = Action::all_shortcuts();
        for (i, (a, s)) in all.iter().enumerate() {
            for (b, t) in &all[i + 1..] {
                assert!(s != t, "{a:?} and {b:?} share {s:?}");
            }
        }
    }

    #[test]
    fn shift_shortcuts_are_consumed_first() {
        let all = Action::all_shortcuts();
        let redo = all
            .iter()
            .position(|(_, s)| s.modifiers.shift)
            .unwrap_or(usize::MAX);
        let undo = all
            .iter()
            .position(|(a, _)| *a == Action::Undo)
            .unwrap_or(0);
        assert!(redo < undo);
    }
}
