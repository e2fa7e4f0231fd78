//! The map by keyboard and screen reader, through the real app with `egui_kittest`: every
//! member is a described node, Tab moves between members and selects them, the arrows nudge,
//! and a member can be added, given a discipline and a manager, and saved without a pointer.

use crate::common;
use crate::support::{self, window, FULL};

use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use teamscape::app::TeamscapeApp;

fn press(harness: &mut Harness<'_, TeamscapeApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn selected(harness: &Harness<'_, TeamscapeApp>) -> Vec<String> {
    let team = harness.state().document().team();
    harness
        .state()
        .editor()
        .marks
        .selection
        .iter()
        .map(|id| team.member(*id).unwrap().name.clone())
        .collect()
}

#[test]
fn every_member_on_the_map_is_a_described_node_for_a_screen_reader() {
    let team = common::sample("youth");
    let harness = support::harness_1440(team.clone());
    // The team manager: 1.0 FTE, all her time in the team, so core at the 0.5 threshold.
    harness.get_by_label(
        "Denise Okafor: Social work, Northbrook Borough Council, 1.00 FTE in this team, core",
    );
    for m in &team.members {
        let label = teamscape::ui::map::describe(&team, m);
        let node = harness.get_by_label(&label);
        assert_eq!(
            node.accesskit_node().role(),
            egui::Role::ListBoxOption,
            "{label}"
        );
    }
}

#[test]
fn tab_walks_the_members_in_order_and_the_arrows_nudge_one_undo_step_each() {
    let mut harness = support::harness_1440(common::sample("youth"));
    let names: Vec<String> = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .map(|m| m.name.clone())
        .collect();
    // Tab until the first member has the keyboard (the toolbar's buttons and the team
    // panel's fields come first: about sixty of them).
    let mut steps = 0;
    while selected(&harness) != [names[0].clone()] {
        press(&mut harness, Key::Tab);
        steps += 1;
        assert!(steps < 200, "Tab never reached the first member");
    }
    press(&mut harness, Key::Tab);
    assert_eq!(selected(&harness), [names[1].clone()]);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(selected(&harness), [names[0].clone()]);

    let id = harness.state().document().team().members[0].id;
    let at = |h: &Harness<'_, TeamscapeApp>| {
        let p = h.state().document().team().member(id).unwrap().position;
        (p.x, p.y)
    };
    let (x, y) = at(&harness);
    press(&mut harness, Key::ArrowRight);
    assert_eq!(at(&harness), (x + 10.0, y));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowDown);
    harness.run();
    assert_eq!(at(&harness), (x + 10.0, y + 50.0));
    // The member keeps the keyboard: the arrows did not move it elsewhere.
    assert_eq!(selected(&harness), [names[0].clone()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(at(&harness), (x + 10.0, y));
}

/// The label of the widget with the keyboard, for the messages below.
fn focused_label(harness: &Harness<'_, TeamscapeApp>) -> String {
    harness
        .root()
        .children_recursive()
        .find(|n| n.accesskit_node().is_focused())
        .and_then(|n| n.accesskit_node().label())
        .unwrap_or_default()
}

/// Tab (or Shift+Tab) until the widget labelled `label` has the keyboard.
fn tab_to(harness: &mut Harness<'_, TeamscapeApp>, label: &str, back: bool) {
    for _ in 0..200 {
        if focused_label(harness) == label {
            return;
        }
        let modifiers = if back {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        harness.key_press_modifiers(modifiers, Key::Tab);
        harness.run();
    }
    panic!("Tab never reached “{label}”");
}

#[test]
fn add_a_member_set_discipline_and_manager_and_save_without_a_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    let team = common::sample("youth");
    teamscape::model::io::save_team(&team, &path).unwrap();
    let mut harness = window(FULL).open(support::app_for(team, Some(path.clone()), None));
    let before = harness.state().document().team().members.len();
    // N adds a member and puts the cursor in its name.
    press(&mut harness, Key::N);
    assert_eq!(harness.state().document().team().members.len(), before + 1);
    harness.event(egui::Event::Text("Kim Lee".to_owned()));
    harness.run();
    press(&mut harness, Key::Enter);
    let kim = harness.state().document().team().members[before].clone();
    assert_eq!(kim.name, "Kim Lee");

    // Discipline: Tab to the box, Space opens it, Tab to the choice, Space picks it.
    tab_to(&mut harness, "Discipline", false);
    press(&mut harness, Key::Space);
    tab_to(&mut harness, "Youth work", false);
    press(&mut harness, Key::Space);
    // The line manager the same way: the team manager.
    tab_to(&mut harness, "Line manager", false);
    press(&mut harness, Key::Space);
    tab_to(&mut harness, "Denise Okafor", false);
    press(&mut harness, Key::Space);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();

    let saved = teamscape::model::io::read_team(&path).unwrap();
    let kim = saved.members.iter().find(|m| m.name == "Kim Lee").unwrap();
    let denise = saved
        .members
        .iter()
        .find(|m| m.name == "Denise Okafor")
        .unwrap();
    let youth_work = saved
        .disciplines
        .iter()
        .find(|d| d.name == "Youth work")
        .unwrap();
    assert_eq!(kim.discipline, youth_work.id);
    assert_eq!(
        kim.line_manager,
        teamscape::model::LineManager::Member(denise.id)
    );
    assert!(!harness.state().document().is_dirty());
}

/// Every chart is a figure in the accessibility tree: named, described in one sentence (its
/// slide's caption), and holding its figures as a table whose first row is the headings. For
/// the youth offending team's ladder the table has Clinical psychology's conditions index
/// of 0.99, as its slide says.
#[test]
fn every_chart_is_a_described_figure_with_its_figures_as_a_table() {
    use teamscape::ui::charts::{data_table, ChartId};
    // The relational charts need rounds of an instrument, two of one for round against
    // round, and the families' chart rounds of feedback: the CAMHS sample has them.
    let relational = [
        ChartId::WorkingTogether,
        ChartId::TeamClimate,
        ChartId::RoundChange,
        ChartId::Families,
    ];
    let charts = ChartId::all()
        .filter(|c| !relational.contains(c))
        .map(|c| ("youth-offending-team", c))
        .chain(relational.map(|c| ("camhs", c)));
    for (sample, chart) in charts {
        let mut harness = support::harness_1440(common::sample(sample));
        harness
            .state_mut()
            .set_view(teamscape::app::MainView::Charts(chart));
        harness.run();
        // (role, label, description) of every node, in tree order.
        let nodes: Vec<(egui::Role, String, String)> = harness
            .root()
            .children_recursive()
            .map(|n| {
                let n = n.accesskit_node();
                (
                    n.role(),
                    n.label().unwrap_or_default(),
                    n.description().unwrap_or_default(),
                )
            })
            .collect();
        let with_role = |role: egui::Role| -> Vec<String> {
            nodes
                .iter()
                .filter(|(r, _, _)| *r == role)
                .map(|(_, label, _)| label.clone())
                .collect()
        };
        let summary = nodes
            .iter()
            .find(|(r, label, _)| *r == egui::Role::Figure && label == chart.label())
            .map_or_else(
                || panic!("{}: no figure", chart.id()),
                |(_, _, d)| d.clone(),
            );
        assert!(
            summary.len() > 20 && !summary.contains('\n'),
            "{}: “{summary}”",
            chart.id()
        );
        let expected = data_table(chart, harness.state_mut().analysis());
        assert!(!expected.rows.is_empty(), "{}: no rows", chart.id());
        assert_eq!(
            with_role(egui::Role::ColumnHeader),
            expected.columns,
            "{}",
            chart.id()
        );
        assert_eq!(
            with_role(egui::Role::Cell),
            expected.rows.concat(),
            "{}: every cell, row by row",
            chart.id()
        );
        if chart == ChartId::StatusLadder {
            let row = expected
                .rows
                .iter()
                .find(|r| r[0] == "Clinical psychology")
                .unwrap();
            assert_eq!(row.last().map(String::as_str), Some("0.99"));
        }
    }
}
