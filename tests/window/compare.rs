//! Snapshots and the Compare view through the real app (`egui_kittest`): save a snapshot
//! from the Edit menu, change the team, compare, restore, undo, save to disk.

use crate::common;

use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use teamscape::app::MainView;
use teamscape::model::io::{open_team, save_team};

use crate::support::{app_for, harness, window, SMALL};

#[test]
fn save_a_snapshot_edit_compare_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    save_team(&common::sample("youth"), &path).unwrap();
    let team = open_team(&path).unwrap();
    let before = team.members.clone();
    let mut harness = harness(app_for(team, Some(path.clone()), None));

    // Edit › Save snapshot…, a label typed over the default, Save snapshot.
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Save snapshot…").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text("Before the merger".to_owned()));
    harness.run();
    harness.get_by_label("Save snapshot").click();
    harness.run();
    let snapshots = &harness.state().document().team().snapshots;
    assert_eq!(snapshots.len(), 1);
    assert_eq!(snapshots[0].label, "Before the merger");
    assert_eq!(snapshots[0].team.members, before);

    // An edit: the first member leaves (selected, Delete).
    let leaver = before[0].clone();
    let selection = &mut harness.state_mut().editor_mut().marks.selection;
    selection.clear();
    selection.insert(leaver.id);
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(
        harness.state().document().team().members.len(),
        before.len() - 1
    );

    // Compare: the snapshot against now, with the leaver named in the findings.
    harness.get_by_label("Compare").click();
    harness.run();
    assert_eq!(harness.state().editor().view, MainView::Compare);
    let discipline = common::sample("youth")
        .discipline(leaver.discipline)
        .unwrap()
        .name
        .clone();
    let left = format!("Left: {} ({discipline}).", leaver.name);
    assert!(
        harness.query_by_label(&left).is_some(),
        "the findings say who left: {left}"
    );
    // The map tab draws the leaver as a ghost (and says so to a screen reader); the slopes
    // tab its charts.
    harness.get_by_label("Map").click();
    harness.run();
    let left = format!("Left: {}.", leaver.name);
    assert!(
        harness.query_by_label_contains(&left).is_some(),
        "the map's description names the leaver: {left}"
    );
    harness.get_by_label("Slope charts").click();
    harness.run();
    assert!(harness.query_by_label("Time in team (FTE)").is_some());

    // Edit › Snapshots… › Restore: the team as it was, one undo step, the snapshot kept.
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Snapshots…").click();
    harness.run();
    harness.get_by_label("Restore").click();
    harness.run();
    let now = harness.state().document().team();
    assert_eq!(now.members, before);
    assert_eq!(now.snapshots.len(), 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().team().members.len(),
        before.len() - 1,
        "Ctrl+Z undoes the restore"
    );

    // Saved, the file keeps the snapshot (version 3, or 4 with its round's raters kept by
    // family, or 7 for the youth justice sample's Child First) and reads back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let saved = open_team(&path).unwrap();
    assert_eq!(saved.snapshots.len(), 1);
    assert_eq!(saved.snapshots[0].team.members, before);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        ["version: 3,", "version: 4,", "version: 7,"]
            .iter()
            .any(|v| text.contains(v)),
        "{}",
        &text[..80]
    );
}

#[test]
fn a_snapshot_opens_read_only_and_keys_do_not_edit_the_team_behind_it() {
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("Snapshots…").click();
    harness.run();
    harness.get_by_label("Open read-only").click();
    harness.run();
    assert_eq!(harness.state().editor().view, MainView::Snapshot);
    assert!(harness
        .query_by_label_contains("read-only: the team as it was on 13 March 2026")
        .is_some());
    // N would add a member to the team now, which is not on screen: it does nothing.
    let n = harness.state().document().team().members.len();
    harness.key_press(Key::N);
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), n);
    harness.get_by_label("Back to now").click();
    harness.run();
    assert_eq!(harness.state().editor().view, MainView::Map);
}

#[test]
fn with_names_hidden_the_compare_view_names_nobody() {
    let mut harness = harness(app_for(common::sample("camhs"), None, None));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::H);
    harness.run();
    harness.get_by_label("Compare").click();
    harness.run();
    assert!(harness
        .query_by_label("2 members joined and 1 left.")
        .is_some());
    for name in ["Rachel Adams", "Karen Doyle", "Amy Cartwright"] {
        assert!(
            harness.query_by_label_contains(name).is_none(),
            "{name} is named with names hidden"
        );
    }
    // The map's labels are painted; its description counts and names nobody.
    harness.get_by_label("Map").click();
    harness.run();
    assert!(harness
        .query_by_label_contains("Map of changes. Joined: 2. Left: 1.")
        .is_some());
    assert!(harness.query_by_label_contains("Rachel Adams").is_none());
    // The slope charts' legend lists the room's groups only: the two clinical
    // psychologists with the rest of their family, as every chart shows them.
    harness.get_by_label("Slope charts").click();
    harness.run();
    assert!(harness.query_by_label("Medicine and psychology").is_some());
    assert!(harness.query_by_label("Clinical psychology").is_none());
    assert!(harness.query_by_label_contains("Rachel Adams").is_none());
}

/// The CAMHS sample's "before" snapshot against now, on the map: the leaver as a ghost,
/// joiners, the changed and the moved marked.
#[test]
fn snapshot_compare_map() {
    let mut app = app_for(common::sample("camhs"), None, None);
    app.set_view(MainView::Compare);
    let mut harness = window(SMALL).open(app);
    harness.get_by_label("Map").click();
    harness.run();
    harness.snapshot("compare_map");
}
