//! Opening, saving and never losing a team, driven through the real app with `egui_kittest`.
//! The in-app file dialog is used throughout: tests never touch a native dialog.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Modifiers, ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use teamscape::app::{TeamscapeApp, Then};
use teamscape::model::io::{open_team, save_team};

use crate::support::{self, app_for, harness};

/// A team file on disk and an app that opened it.
fn opened(dir: &Path) -> (PathBuf, Harness<'static, TeamscapeApp>) {
    let path = dir.join("team.ron");
    save_team(&common::sample("camhs"), &path).unwrap();
    let team = open_team(&path).unwrap();
    (
        path.clone(),
        harness(app_for(team, Some(path), Some(dir.join("recovery")))),
    )
}

fn add_member(harness: &mut Harness<'static, TeamscapeApp>) {
    harness.get_by_label("Add member").click();
    harness.run();
    assert!(harness.state().document().is_dirty());
}

fn request_close(harness: &mut Harness<'static, TeamscapeApp>) {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
}

fn sent(harness: &Harness<'static, TeamscapeApp>, wanted: &ViewportCommand) -> bool {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|v| v.commands.iter().any(|c| c == wanted))
}

#[test]
fn close_with_unsaved_changes_then_cancel_keeps_the_team() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut harness) = opened(dir.path());
    add_member(&mut harness);
    let team = harness.state().document().team().clone();
    request_close(&mut harness);
    assert!(
        sent(&harness, &ViewportCommand::CancelClose),
        "the close is held back"
    );
    harness.run();
    assert_eq!(harness.state().files().confirm(), Some(&Then::Close));
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().files().confirm(), None);
    assert_eq!(*harness.state().document().team(), team);
    assert!(harness.state().document().is_dirty());
    assert!(!sent(&harness, &ViewportCommand::Close));
}

#[test]
fn close_then_save_writes_the_file_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = opened(dir.path());
    add_member(&mut harness);
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Save").click();
    harness.step();
    assert!(
        sent(&harness, &ViewportCommand::Close),
        "after saving, the window closes"
    );
    assert_eq!(
        open_team(&path).unwrap(),
        *harness.state().document().team()
    );
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn save_as_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    let target = dir.path().join("my team.ron");
    support::choose_in_dialog(&mut harness, "File name", &target, "Save");
    harness.run();
    assert_eq!(
        open_team(&target).unwrap(),
        *harness.state().document().team()
    );
    assert_eq!(harness.state().document().path(), Some(target.as_path()));
    assert_eq!(harness.state().document().source_name(), "my team.ron");
    assert!(harness
        .state()
        .prefs()
        .recent
        .iter()
        .any(|p| p.ends_with("my team.ron")));
}

#[test]
fn ctrl_s_on_a_sample_asks_where_to_save() {
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("File name"); // the in-app dialog is open
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.csv");
    std::fs::copy("tests/data/samples_csv/special-needs-nursery.csv", &path).unwrap();
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.clone())));
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), 17);
    assert_eq!(harness.state().document().source_name(), "dropped.csv");
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn a_bad_file_shows_a_dialog_and_the_team_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(
        &bad,
        "(format: \"teamscape-team\", version: 1, team: (name: \"x\",",
    )
    .unwrap();
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let before = harness.state().document().team().clone();
    harness.state_mut().request(Then::Open(bad));
    harness.run();
    harness.get_by_label("That did not work");
    let error = harness.state().files().error().cloned().unwrap();
    assert!(
        error.line.is_some() && error.path.ends_with("broken.ron"),
        "{error}"
    );
    assert_eq!(*harness.state().document().team(), before);
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().files().error().is_none());
}

#[test]
fn after_a_crash_the_app_offers_recovery_and_restores_the_team_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (path, mut first) = opened(dir.path());
    add_member(&mut first);
    let edited = first.state().document().team().clone();
    first.state_mut().autosave_now();
    let left = first.state().files().recovery_file().unwrap();
    assert!(left.exists());
    assert_eq!(left.parent(), Some(recovery.as_path()));
    drop(first); // the "crash": no save, no clean close

    let app = app_for(
        open_team(&path).unwrap(),
        Some(path.clone()),
        Some(recovery.clone()),
    );
    let mut second = harness(app);
    second.get_by_label("Restore unsaved work?");
    second.get_by_label("Restore").click();
    second.run();
    assert_eq!(*second.state().document().team(), edited);
    assert!(
        second.state().document().is_dirty(),
        "restored work still needs saving"
    );
    assert_eq!(second.state().document().path(), Some(path.as_path()));
    // Saving ends the need for the recovery file.
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    assert!(!left.exists(), "the restored file was taken over");
    let own = second.state().files().recovery_file().unwrap();
    assert!(!own.exists(), "saved: nothing left to recover");
    assert_eq!(open_team(&path).unwrap(), edited);
}

#[test]
fn discarding_removes_the_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (_, mut harness) = opened(dir.path());
    add_member(&mut harness);
    harness.state_mut().autosave_now();
    let own = harness.state().files().recovery_file().unwrap();
    assert!(own.exists());
    assert_eq!(own.parent(), Some(recovery.as_path()));
    request_close(&mut harness);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.step();
    assert!(!own.exists());
    assert!(sent(&harness, &ViewportCommand::Close));
}

/// A workbook holding two teams' members, one per sheet, as a manager keeps last year's
/// list beside this year's.
fn two_sheet_workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (sheet, names) in [
        ("Last year", ["Ada Quinn", "Ben Ross"].as_slice()),
        (
            "This year",
            ["Ada Quinn", "Ben Ross", "Siân Evans"].as_slice(),
        ),
    ] {
        let s = book.add_worksheet().set_name(sheet).unwrap();
        for (c, h) in ["name", "discipline", "salary"].iter().enumerate() {
            s.write_string(0, c as u16, *h).unwrap();
        }
        for (r, name) in names.iter().enumerate() {
            let r = r as u32 + 1;
            s.write_string(r, 0, *name).unwrap();
            s.write_string(r, 1, "Social work").unwrap();
            s.write_number(r, 2, 39186).unwrap();
        }
    }
    book.save(path).unwrap();
}

#[test]
fn a_workbook_with_two_member_sheets_asks_which_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("staff.xlsx");
    two_sheet_workbook(&path);
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let before = harness.state().document().team().clone();
    harness.state_mut().request(Then::Open(path.clone()));
    harness.run();
    harness.get_by_label("Which sheet?");
    // Nothing is read until a sheet is chosen.
    assert_eq!(*harness.state().document().team(), before);
    harness.get_by_label("This year").click();
    harness.run();
    harness.get_by_label("Read this sheet").click();
    harness.run();
    assert!(harness.state().files().sheet_choice().is_none());
    let team = harness.state().document().team();
    assert_eq!(team.members.len(), 3);
    assert_eq!(team.members[2].name, "Siân Evans");
    assert_eq!(harness.state().document().source_name(), "staff.xlsx");
}

#[test]
fn export_spreadsheet_writes_a_workbook_that_opens_as_the_same_team() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Export spreadsheet (.xlsx)…").click();
    harness.run();
    let target = dir.path().join("camhs.xlsx");
    support::choose_in_dialog(&mut harness, "File name", &target, "Save");
    harness.run();
    let written = open_team(&target).unwrap();
    let team = harness.state().document().team();
    assert_eq!(
        teamscape::model::csv::export(&written).unwrap(),
        teamscape::model::csv::export(team).unwrap()
    );
}

/// File ▸ Import families' feedback…: a sheet of the Friends and Family Test joins the team
/// as one undo step, known as the FFT by its rating column; a sheet with a misspelt answer
/// is refused by line and column, and the team is as it was.
#[test]
fn families_feedback_is_imported_from_the_menu_and_a_bad_sheet_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("fft march.csv");
    std::fs::write(
        &good,
        "date,rating,comment\n2026-03-01,Very good,Kind staff\n2026-03-02,4,\n2026-03-03,don't know,\n",
    )
    .unwrap();
    let bad = dir.path().join("fft april.csv");
    std::fs::write(&bad, "date,rating,comment\n2026-04-01,very goood,\n").unwrap();
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let import = |harness: &mut Harness<'static, TeamscapeApp>, path: &Path| {
        harness.get_by_label("File").click();
        harness.run();
        harness.get_by_label("Import families' feedback…").click();
        harness.run();
        support::choose_in_dialog(harness, "File name", path, "Open");
        harness.run();
        harness.run();
    };
    import(&mut harness, &good);
    let team = harness.state().document().team().clone();
    assert_eq!(team.feedback.len(), 1);
    let round = &team.feedback[0];
    assert_eq!(round.kind, teamscape::model::feedback::Kind::Fft);
    assert_eq!(round.label, "FFT from fft march");
    assert_eq!(
        (round.from.as_str(), round.to.as_str()),
        ("2026-03-01", "2026-03-03")
    );
    assert_eq!(round.responses.len(), 3);
    import(&mut harness, &bad);
    harness.get_by_label("That did not work");
    let error = harness.state().files().error().cloned().unwrap();
    assert!(
        error.to_string().contains("line 2, column “rating”"),
        "{error}"
    );
    assert_eq!(*harness.state().document().team(), team);
    harness.get_by_label("OK").click();
    harness.run();
    harness.get_by_label("Undo").click();
    harness.run();
    assert!(harness.state().document().team().feedback.is_empty());
}
