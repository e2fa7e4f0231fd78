//! The document core through the real app (`egui_kittest`): every change goes through one
//! writer that keeps the team valid, each gesture is one undo step, shortcuts work while
//! typing, a file that breaks a rule opens with its problems, and each window has its own
//! recovery file.

use crate::common;

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use teamscape::app::TeamscapeApp;
use teamscape::document::Edit;
use teamscape::model::io::{open_team, save_team, to_ron};
use teamscape::model::{LineManager, MemberId};

use crate::support::{app_for, harness};

/// A sample saved to `dir/team.ron`, and an app that opened it.
fn opened(dir: &Path, sample: &str) -> (PathBuf, Harness<'static, TeamscapeApp>) {
    let path = dir.join("team.ron");
    save_team(&common::sample(sample), &path).unwrap();
    let team = open_team(&path).unwrap();
    (path.clone(), harness(app_for(team, Some(path), None)))
}

fn select(harness: &mut Harness<'static, TeamscapeApp>, id: MemberId) {
    let selection = &mut harness.state_mut().editor_mut().marks.selection;
    selection.clear();
    selection.insert(id);
    harness.run();
}

fn name_of(harness: &Harness<'static, TeamscapeApp>, id: MemberId) -> String {
    harness.state().document().member(id).unwrap().name.clone()
}

/// Select everything in the focused field and type over it.
fn retype(harness: &mut Harness<'static, TeamscapeApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(text.to_owned()));
    harness.run();
}

#[test]
fn f2_then_typing_then_ctrl_s_saves_the_name_being_typed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = opened(dir.path(), "youth");
    let id = harness.state().document().team().members[0].id;
    select(&mut harness, id);
    harness.key_press(Key::F2);
    harness.run();
    assert!(
        harness.get_by_label("Name").is_focused(),
        "F2 puts the cursor in the name"
    );
    retype(&mut harness, "Dee Okafor");
    assert_eq!(name_of(&harness, id), "Denise Okafor", "not committed yet");
    // Ctrl+S while the field still has the keyboard: the name is committed, then saved.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(name_of(&harness, id), "Dee Okafor");
    assert_eq!(
        open_team(&path).unwrap().member(id).unwrap().name,
        "Dee Okafor"
    );
    assert!(!harness.state().document().is_dirty());
}

#[test]
fn enter_on_a_selected_member_puts_the_cursor_in_its_name() {
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    let id = harness.state().document().team().members[2].id;
    select(&mut harness, id);
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.get_by_label("Name").is_focused());
}

#[test]
fn present_and_hide_names_work_while_a_field_has_the_keyboard() {
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let id = harness.state().document().team().members[0].id;
    select(&mut harness, id);
    harness.get_by_label("Job title").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    assert!(harness.state().workshop().hide_names());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_by_label("Job title").focus();
    harness.run();
    harness.key_press(Key::F5);
    harness.run();
    assert!(harness.state().workshop().presenter().is_some());
}

#[test]
fn an_empty_name_shows_why_and_never_enters_the_team() {
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let id = harness.state().document().team().members[1].id;
    let before = name_of(&harness, id);
    select(&mut harness, id);
    harness.get_by_label("Name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    harness.get_by_label("A name is needed.");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(name_of(&harness, id), before);
    assert!(!harness.state().document().is_dirty());
    // The reason stays beside what was typed, until it is fixed or Escape puts it back.
    harness.get_by_label("A name is needed.");
    harness.get_by_label("Name").focus();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("A name is needed.").is_none());
    assert_eq!(name_of(&harness, id), before);
}

#[test]
fn an_external_managers_role_cannot_be_emptied() {
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    let member = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .find(|m| matches!(m.line_manager, LineManager::External { .. }))
        .unwrap()
        .clone();
    select(&mut harness, member.id);
    harness.get_by_label("Manager's role").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("A name is needed.");
    assert_eq!(
        harness
            .state()
            .document()
            .member(member.id)
            .unwrap()
            .line_manager,
        member.line_manager
    );
    assert!(teamscape::model::validate(harness.state().document().team()).is_empty());
}

#[test]
fn two_disciplines_cannot_be_given_one_name() {
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let team = harness.state().document().team().clone();
    let first = team.disciplines[0].name.clone();
    let fields = harness
        .get_all_by_label("Discipline name")
        .collect::<Vec<_>>();
    fields[1].focus();
    drop(fields);
    harness.run();
    retype(&mut harness, &first);
    harness.get_by_label("Another discipline has this name.");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(*harness.state().document().team(), team);
}

#[test]
fn two_separate_edits_of_one_field_are_two_undo_steps() {
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let id = harness.state().document().team().members[0].id;
    let original = name_of(&harness, id);
    select(&mut harness, id);
    for name in ["First", "Second"] {
        harness.get_by_label("Name").focus();
        harness.run();
        retype(&mut harness, name);
        harness.key_press(Key::Enter);
        harness.run();
    }
    assert_eq!(name_of(&harness, id), "Second");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        name_of(&harness, id),
        "First",
        "one step back is the first edit"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(name_of(&harness, id), original);
}

#[test]
fn ctrl_z_in_a_text_field_undoes_the_typing_not_the_team() {
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let id = harness.state().document().team().members[0].id;
    select(&mut harness, id);
    harness.get_by_label("Job title").focus();
    harness.run();
    retype(&mut harness, "Lead");
    harness.key_press(Key::Enter);
    harness.run();
    let members = harness.state().document().team().members.len();
    harness.get_by_label("Add member").click();
    harness.run();
    select(&mut harness, id);
    harness.get_by_label("Job title").focus();
    harness.run();
    harness.event(Event::Text("er".to_owned()));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().team().members.len(),
        members + 1,
        "Ctrl+Z in the field did not undo the added member"
    );
}

/// A team file with one broken rule: a member contracted for 7 times full time.
fn broken_file(dir: &Path) -> (PathBuf, MemberId, String) {
    let mut team = common::sample("youth");
    team.members[3].fte = 7.0;
    let id = team.members[3].id;
    let path = dir.join("broken.ron");
    let text = to_ron(&team).unwrap();
    std::fs::write(&path, &text).unwrap();
    (path, id, text)
}

#[test]
fn a_file_that_breaks_a_rule_opens_lists_it_and_saves_once_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, id, text) = broken_file(dir.path());
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    harness
        .state_mut()
        .request(teamscape::app::Then::Open(path.clone()));
    harness.run();
    assert_eq!(harness.state().document().path(), Some(path.as_path()));
    assert_eq!(harness.state().document().problems().len(), 1);
    // The list takes the user to the member.
    harness.get_by_label("Problems to fix");
    let link = harness
        .get_all_by_role(egui::accesskit::Role::Link)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("FTE"))
        })
        .unwrap();
    link.click();
    harness.run();
    assert!(harness.state().editor().marks.selection.contains(&id));
    // Saving waits, and the file stays as it was.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let error = harness
        .state()
        .files()
        .error()
        .cloned()
        .unwrap_or_else(|| panic!("no error; status {:?}", harness.state().status()));
    assert!(error.message.contains("breaks 1 rule"), "{}", error.message);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    harness.get_by_label("OK").click();
    harness.run();
    // An edit that adds a problem is refused; one that fixes it is taken.
    let mut other = harness.state().document().team().members[0].clone();
    other.team_share = 0.0;
    harness.state_mut().apply(Edit::UpdateMember {
        member: other,
        field: "team share",
    });
    assert!(harness.state().status().unwrap().is_error);
    let mut fixed = harness.state().document().member(id).unwrap().clone();
    fixed.fte = 0.5;
    harness.state_mut().apply(Edit::UpdateMember {
        member: fixed,
        field: "fte",
    });
    harness.run();
    assert!(harness.state().document().problems().is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.state().files().error().is_none());
    assert!((open_team(&path).unwrap().member(id).unwrap().fte - 0.5).abs() < 1e-12);
}

#[test]
fn recovery_restores_a_team_that_breaks_a_rule() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let (path, id, _) = broken_file(dir.path());
    let team = teamscape::model::io::read_team(&path).unwrap();
    let mut first = harness(app_for(team, Some(path.clone()), Some(recovery.clone())));
    first.get_by_label("Add member").click();
    first.run();
    first.state_mut().autosave_now();
    let edited = first.state().document().team().clone();
    drop(first);

    let mut second = harness(app_for(
        common::sample("camhs"),
        None,
        Some(recovery.clone()),
    ));
    assert_eq!(second.state().files().offers().len(), 1);
    second.get_by_label("Restore").click();
    second.run();
    assert_eq!(*second.state().document().team(), edited);
    assert_eq!(second.state().document().problems().len(), 1);
    assert!(second.state().document().member(id).is_some());
}

#[test]
fn each_window_has_its_own_recovery_file_and_a_live_one_is_never_offered() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let mut windows = Vec::new();
    for sample in ["youth", "camhs"] {
        let mut h = harness(app_for(
            common::sample(sample),
            None,
            Some(recovery.clone()),
        ));
        h.get_by_label("Add member").click();
        h.run();
        h.state_mut().autosave_now();
        windows.push(h);
    }
    let files: Vec<PathBuf> = windows
        .iter()
        .map(|h| h.state().files().recovery_file().unwrap())
        .collect();
    assert_ne!(files[0], files[1]);
    assert!(files.iter().all(|f| f.exists()));

    // A third window, while both run: nothing to offer.
    let mut third = harness(app_for(
        common::sample("special"),
        None,
        Some(recovery.clone()),
    ));
    assert!(third.state().files().offers().is_empty());
    third.get_by_label("Add member").click();
    third.run();
    third.state_mut().autosave_now();

    // The first window dies: its work, and only its, is offered; Discard deletes only it.
    let first_team = windows[0].state().document().team().clone();
    let second = windows.pop().unwrap();
    drop(windows);
    let mut fourth = harness(app_for(
        common::sample("camhs"),
        None,
        Some(recovery.clone()),
    ));
    let offers = fourth.state().files().offers();
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].team, first_team);
    fourth.get_by_label("Discard").click();
    fourth.run();
    assert!(!files[0].exists());
    assert!(files[1].exists(), "a live window's file is never touched");
    assert!(third.state().files().recovery_file().unwrap().exists());
    drop(second);
}

#[test]
fn a_name_being_typed_is_kept_when_another_member_is_selected() {
    // A drag on the map selects without a click, so the field never hears it lost focus:
    // the draft is committed all the same, once its field is no longer drawn.
    let mut harness = harness(app_for(common::sample("youth"), None, None));
    let (a, b) = {
        let members = &harness.state().document().team().members;
        (members[0].id, members[1].id)
    };
    select(&mut harness, a);
    harness.get_by_label("Name").focus();
    harness.run();
    retype(&mut harness, "Dee Okafor");
    assert_eq!(name_of(&harness, a), "Denise Okafor");
    select(&mut harness, b);
    harness.run();
    assert_eq!(name_of(&harness, a), "Dee Okafor");
    assert!(harness.state().document().is_dirty());
}

#[test]
fn a_file_where_two_members_share_an_id_is_refused_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut team = common::sample("youth");
    team.members[1].id = team.members[0].id;
    let path = dir.path().join("twins.ron");
    std::fs::write(&path, to_ron(&team).unwrap()).unwrap();
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    let before = harness.state().document().team().clone();
    harness
        .state_mut()
        .request(teamscape::app::Then::Open(path.clone()));
    harness.run();
    let error = harness.state().files().error().cloned().unwrap();
    assert!(error.message.contains("share an id"), "{}", error.message);
    assert_eq!(*harness.state().document().team(), before);
}
