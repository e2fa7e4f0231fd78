//! Everything a user can do. Each [`Action`] drives a menu item, a toolbar button or a
//! shortcut, and knows its label, tooltip, shortcuts and whether it is enabled. Changes to the
//! team itself are [`crate::document::Edit`]s. Panels only queue these; `app::commands`
//! runs them in one place.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::analysis::layout::Layout;

/// Declared in menu order: [`Action::all`] iterates them from the derive, so an action added
/// here is in the menus' shortcut list and the clash test without another list to edit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, strum::EnumIter)]
pub enum Action {
    // File
    NewEmpty,
    /// A copy of the sample with this index in `samples::SAMPLES`.
    NewSample(usize),
    Open,
    /// The file at this place in File ▸ Open Recent.
    OpenRecent(usize),
    Save,
    SaveAs,
    ImportCsv,
    ImportPerceptions,
    ImportFeedback,
    /// A pay year read from a published table (`scale, point, salary`).
    ImportPayTable,
    ExportCsv,
    ExportWorkbook,
    ExportPicture,
    ExportSlides,
    ExportHandoutPdf,
    Quit,
    // Edit
    Undo,
    Redo,
    AddMember,
    DeleteSelection,
    SelectAll,
    RenameSelected,
    /// Keep the team as it is now under a label, in the team file.
    SaveSnapshot,
    /// The snapshots the team file keeps: view, compare, restore, delete.
    ShowSnapshots,
    // View
    FitView,
    Tidy,
    LayoutFree,
    LayoutRings,
    LayoutLadder,
    ShowCharts,
    ShowTable,
    /// Two versions of the team side by side.
    ShowCompare,
    ClearHighlight,
    Present,
    HideNames,
    ChooseSlides,
    RunPerceptionRound,
    DarkTheme,
    /// The list of rules the team breaks.
    ShowProblems,
    // Help
    ShowShortcuts,
}

/// What decides whether an action can run now.
#[derive(Clone, Copy, Debug, Default)]
#[allow(clippy::struct_excessive_bools)] // independent facts, read by name
pub struct ActionState {
    pub can_undo: bool,
    pub can_redo: bool,
    pub has_selection: bool,
    pub one_selected: bool,
    pub has_members: bool,
    pub has_highlight: bool,
    pub names_hidden: bool,
    pub recent_files: usize,
    pub has_problems: bool,
    pub has_snapshots: bool,
    /// The Compare view or a snapshot open read-only: nothing on screen to edit.
    pub read_only_view: bool,
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
    /// Every action that takes no argument, in menu order (the order they are declared in).
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
            .filter(|a| !matches!(a, Self::NewSample(_) | Self::OpenRecent(_)))
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NewEmpty => "Empty team",
            Self::NewSample(_) => "Copy of a sample",
            Self::Open => "Open…",
            Self::OpenRecent(_) => "Open recent file",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::ImportCsv => "Import spreadsheet…",
            Self::ImportPerceptions => "Import perception responses…",
            Self::ImportFeedback => "Import families' feedback…",
            Self::ImportPayTable => "Import a published pay table…",
            Self::ExportCsv => "Export CSV…",
            Self::ExportWorkbook => "Export spreadsheet (.xlsx)…",
            Self::ExportHandoutPdf => "Handout (PDF)…",
            Self::ExportPicture => "Picture of this view (PNG)…",
            Self::ExportSlides => "All slides and handout…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::AddMember => "Add member",
            Self::DeleteSelection => "Delete selected",
            Self::SelectAll => "Select all",
            Self::RenameSelected => "Rename selected member",
            Self::SaveSnapshot => "Save snapshot…",
            Self::ShowSnapshots => "Snapshots…",
            Self::ShowCompare => "Compare",
            Self::FitView => "Fit team to window",
            Self::Tidy => "Tidy map",
            Self::LayoutFree => "Free layout",
            Self::LayoutRings => "Core and periphery rings",
            Self::LayoutLadder => "Conditions ladder",
            Self::ShowCharts => "Charts",
            Self::ShowTable => "Table",
            Self::ClearHighlight => "Clear highlight",
            Self::Present => "Present",
            Self::HideNames => "Hide names",
            Self::ChooseSlides => "Choose workshop slides…",
            Self::RunPerceptionRound => "Run a perception round…",
            Self::DarkTheme => "Dark theme",
            Self::ShowProblems => "Problems to fix…",
            Self::ShowShortcuts => "Keyboard and mouse",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Self::NewEmpty => "Start a new team with no members",
            Self::NewSample(_) => "Start from a copy of a sample team",
            Self::Open => "Open a .ron team file or a .csv spreadsheet",
            Self::OpenRecent(_) => "Open a file you had open before",
            Self::Save => "Save the team to its file (a backup of the previous version is kept as .bak)",
            Self::SaveAs => "Save the team to a new .ron file",
            Self::ImportCsv => "Add members from a spreadsheet (.xlsx, .ods, .xls or .csv) to this team (one undo step)",
            Self::ImportPerceptions => "Add a round of anonymous responses on how the professions see each other, from a form's spreadsheet (CSV)",
            Self::ImportFeedback => "Add a round of the Experience of Service Questionnaire or the Friends and Family Test, from the sheet that collected it (CSV or workbook)",
            Self::ImportPayTable => "Add a pay year the library does not hold from its published table: a sheet with the columns scale, point and salary (one undo step)",
            Self::ExportCsv => "Write the members as a CSV spreadsheet",
            Self::ExportWorkbook => "An Excel workbook: the members (£, %, Yes/No), the figures per discipline and the findings; with names hidden, only the figures and findings",
            Self::ExportHandoutPdf => "A printable A4 handout: a title page, each chosen slide with its finding and question, and the figures per discipline",
            Self::ExportPicture => "The map or chart on screen as a PNG, at twice the screen's scale",
            Self::ExportSlides => "Every chosen slide as a numbered PNG, with handout.md and a printable handout.pdf, into a folder",
            Self::Quit => "Close Teamscape (unsaved changes are asked about first)",
            Self::Undo => "Undo the last change",
            Self::Redo => "Redo the change you undid",
            Self::AddMember => "Add a member (N adds one under the pointer; double-click the map too)",
            Self::DeleteSelection => "Remove the selected members from the team",
            Self::SelectAll => "Select every member",
            Self::RenameSelected => "Put the cursor in the selected member's name (F2 or Enter)",
            Self::SaveSnapshot => "Keep the team as it is now under a label and today's date, such as “Before the merger”, to compare with or go back to later (kept in the team file)",
            Self::ShowSnapshots => "The snapshots kept in this team file: look at one, compare it with now, restore it or delete it",
            Self::ShowCompare => "Two versions side by side: who joined and left, what changed for whom, who moved between core and edge, and each discipline's figures before and after",
            Self::FitView => "Zoom and pan so the whole team fits",
            Self::Tidy => "Lay the free map out again: line management top-down, everyone else beside it, nobody on top of anybody (T; one undo step)",
            Self::LayoutFree => "Your own positions, saved in the file",
            Self::LayoutRings => "Core members on the inner ring, peripheral members further out by their time in the team",
            Self::LayoutLadder => "Height is the conditions index; disciplines run across",
            Self::ShowCharts => "Charts of the conditions hierarchy and the core–periphery imbalance, with findings",
            Self::ShowTable => "Every member in a row: sort by any column, edit in place, paste rows from a spreadsheet",
            Self::ClearHighlight => "Stop highlighting the members picked from a chart or finding",
            Self::Present => "Show the chosen slides full screen for a workshop (arrows step, Esc leaves)",
            Self::HideNames => "Show members by job title or as “Member N”, and no pay for groups under three, on screen and in exports",
            Self::ChooseSlides => "Which slides Present shows, and in what order (saved in the team file)",
            Self::RunPerceptionRound => "Pass one laptop round the room: each person answers anonymously how the professions here see each other (Ctrl+Shift+E ends the round)",
            Self::DarkTheme => "Light text on a dark background",
            Self::ShowProblems => "The rules this team breaks; saving waits until they are fixed",
            Self::ShowShortcuts => "Every shortcut and mouse gesture",
        }
    }

    /// Shortcuts, the first shown in menus. See [`Self::all_shortcuts`] for the order they
    /// are consumed in.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const OPEN: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::O)];
        const NEW: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::N)];
        const SAVE: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::S)];
        const SAVE_AS: &[KeyboardShortcut] = &[key(CMD_SHIFT, Key::S)];
        const QUIT: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::Q)];
        const UNDO: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::Z)];
        const REDO: &[KeyboardShortcut] =
            &[key(CMD_SHIFT, Key::Z), key(Modifiers::COMMAND, Key::Y)];
        const ADD: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::N)];
        const DELETE: &[KeyboardShortcut] = &[
            key(Modifiers::NONE, Key::Delete),
            key(Modifiers::NONE, Key::Backspace),
        ];
        const ALL: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::A)];
        const RENAME: &[KeyboardShortcut] = &[
            key(Modifiers::NONE, Key::F2),
            key(Modifiers::NONE, Key::Enter),
        ];
        const FIT: &[KeyboardShortcut] = &[key(Modifiers::COMMAND, Key::Num0)];
        const FREE: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num1)];
        const RINGS: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num2)];
        const LADDER: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num3)];
        const CHARTS: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num4)];
        const TIDY: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::T)];
        const TABLE: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num5)];
        const COMPARE: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Num6)];
        const CLEAR: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::Escape)];
        const PRESENT: &[KeyboardShortcut] = &[key(Modifiers::NONE, Key::F5)];
        const HIDE: &[KeyboardShortcut] = &[key(CMD_SHIFT, Key::H)];
        const ROUND: &[KeyboardShortcut] = &[key(CMD_SHIFT, Key::R)];
        match self {
            Self::NewEmpty => NEW,
            Self::Open => OPEN,
            Self::Save => SAVE,
            Self::SaveAs => SAVE_AS,
            Self::Quit => QUIT,
            Self::Undo => UNDO,
            Self::Redo => REDO,
            Self::AddMember => ADD,
            Self::DeleteSelection => DELETE,
            Self::SelectAll => ALL,
            Self::RenameSelected => RENAME,
            Self::FitView => FIT,
            Self::Tidy => TIDY,
            Self::LayoutFree => FREE,
            Self::LayoutRings => RINGS,
            Self::LayoutLadder => LADDER,
            Self::ShowCharts => CHARTS,
            Self::ShowTable => TABLE,
            Self::ShowCompare => COMPARE,
            Self::ClearHighlight => CLEAR,
            Self::Present => PRESENT,
            Self::HideNames => HIDE,
            Self::RunPerceptionRound => ROUND,
            Self::NewSample(_)
            | Self::OpenRecent(_)
            | Self::ImportCsv
            | Self::ImportPerceptions
            | Self::ImportFeedback
            | Self::ImportPayTable
            | Self::ExportCsv
            | Self::ExportWorkbook
            | Self::ExportPicture
            | Self::ExportSlides
            | Self::ExportHandoutPdf
            | Self::ChooseSlides
            | Self::DarkTheme
            | Self::ShowProblems
            | Self::SaveSnapshot
            | Self::ShowSnapshots
            | Self::ShowShortcuts => &[],
        }
    }

    /// Whether the shortcut also works while a text field has the keyboard. Plain keys and
    /// the text field's own (Ctrl+Z, Ctrl+Y, Ctrl+A) belong to the field; the rest are the
    /// app's wherever the cursor is.
    pub fn works_in_text_fields(self) -> bool {
        matches!(
            self,
            Self::NewEmpty
                | Self::Open
                | Self::Save
                | Self::SaveAs
                | Self::Quit
                | Self::Present
                | Self::HideNames
        )
    }

    pub fn enabled(self, state: &ActionState) -> bool {
        match self {
            Self::Undo => state.can_undo,
            Self::Redo => state.can_redo,
            Self::DeleteSelection => {
                state.has_selection && !state.names_hidden && !state.read_only_view
            }
            Self::RenameSelected => {
                state.one_selected && !state.names_hidden && !state.read_only_view
            }
            Self::SelectAll | Self::FitView | Self::Tidy => {
                state.has_members && !state.read_only_view
            }
            Self::AddMember => !state.read_only_view,
            Self::ClearHighlight => state.has_highlight,
            // A spreadsheet lists each member's own pay; with names hidden a unique job title
            // would still give it away.
            Self::ExportCsv => !state.names_hidden,
            Self::OpenRecent(i) => i < state.recent_files,
            Self::ShowProblems => state.has_problems,
            Self::ShowSnapshots => state.has_snapshots,
            Self::NewEmpty
            | Self::NewSample(_)
            | Self::Open
            | Self::Save
            | Self::SaveAs
            | Self::ImportCsv
            | Self::ImportPerceptions
            | Self::ImportFeedback
            | Self::ImportPayTable
            | Self::ExportWorkbook
            | Self::ExportPicture
            | Self::ExportSlides
            | Self::ExportHandoutPdf
            | Self::Quit
            | Self::LayoutFree
            | Self::LayoutRings
            | Self::LayoutLadder
            | Self::ShowCharts
            | Self::ShowTable
            | Self::ShowCompare
            | Self::SaveSnapshot
            | Self::Present
            | Self::HideNames
            | Self::ChooseSlides
            | Self::RunPerceptionRound
            | Self::DarkTheme
            | Self::ShowShortcuts => true,
        }
    }

    /// Why an action is off, for its tooltip.
    pub fn disabled_reason(self) -> &'static str {
        match self {
            Self::ExportCsv => "Names are hidden: a spreadsheet lists each member's pay, which a job title would give away. Show names to export it.",
            Self::DeleteSelection | Self::RenameSelected => "Select a member on the map first (names must be shown to edit)",
            Self::Undo => "Nothing to undo",
            Self::Redo => "Nothing to redo",
            Self::ShowProblems => "The team keeps every rule",
            Self::ShowSnapshots => "This team file keeps no snapshots yet: Edit › Save snapshot… makes one",
            _ => "Not available now",
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
        let mut all: Vec<(Self, KeyboardShortcut)> = Self::all()
            .flat_map(|a| a.shortcuts().iter().map(move |s| (a, *s)))
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

    /// The clash test reads `all_shortcuts`; every action's shortcuts must be in it, so an
    /// action added to the enum cannot escape the test.
    #[test]
    fn the_clash_test_sees_every_action() {
        use strum::IntoEnumIterator as _;
        let all = Action::all_shortcuts();
        let mut with_keys = 0;
        for action in Action::iter() {
            for s in action.shortcuts() {
                assert!(
                    all.contains(&(action, *s)),
                    "{action:?}'s {s:?} is not in the clash test"
                );
                with_keys += 1;
            }
        }
        assert_eq!(with_keys, all.len());
        assert_eq!(Action::all().count() + 2, Action::iter().count());
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
