//! The real app driven through its UI with `egui_kittest`: find widgets by label, click, type,
//! drag, then assert on the team.

use crate::common;
use crate::support::{window, EDITOR, SMALL};

use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use teamscape::analysis::layout::Layout;
use teamscape::app::TeamscapeApp;
use teamscape::model::{Framework, LineManager, MemberId};

fn harness_with(team: teamscape::model::Team) -> Harness<'static, TeamscapeApp> {
    window(EDITOR).open(TeamscapeApp::new(team, None, "test.ron"))
}

fn sample_harness() -> Harness<'static, TeamscapeApp> {
    harness_with(common::sample("youth"))
}

/// A click at a point, as a mouse makes it.
fn click_at(harness: &mut Harness<'_, TeamscapeApp>, pos: Pos2, modifiers: Modifiers) {
    harness.event_modifiers(egui::Event::PointerMoved(pos), modifiers);
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    harness.run();
}

/// A member as the document holds it now.
fn member<'h>(
    harness: &'h Harness<'_, TeamscapeApp>,
    id: MemberId,
) -> &'h teamscape::model::Member {
    harness
        .state()
        .document()
        .team()
        .member(id)
        .expect("the member is in the team")
}

fn screen_pos(harness: &Harness<'_, TeamscapeApp>, id: MemberId) -> Pos2 {
    harness.state().editor().map.screen_pos(id).unwrap()
}

#[test]
fn add_a_member_with_the_button_then_undo_and_redo() {
    let mut harness = sample_harness();
    let before = harness.state().document().team().members.len();
    harness.get_by_label("Add member").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.document().team().members.len(), before + 1);
    let new = app.document().team().members.last().unwrap();
    assert_eq!(new.name, "New member");
    assert!(
        app.editor().marks.selection.contains(&new.id),
        "the new member is selected for editing"
    );
    assert!(app.document().is_dirty());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), before);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), before + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(
        harness.state().document().team().members.len(),
        before + 1,
        "Ctrl+Y redoes too"
    );
}

#[test]
fn add_with_n_and_by_double_click_on_empty_map() {
    let mut harness = window(EDITOR).step_dt(0.05).open(TeamscapeApp::new(
        teamscape::model::library::new_team(),
        None,
        "new.ron",
    ));
    assert!(harness.state().document().team().members.is_empty());
    harness.hover_at(Pos2::new(640.0, 400.0));
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), 1);
    // A double-click on empty map, well away from the first member.
    let at = Pos2::new(500.0, 250.0);
    harness.hover_at(at);
    harness.run();
    for _ in 0..2 {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
    harness.run();
    let team = harness.state().document().team();
    assert_eq!(team.members.len(), 2);
    assert_ne!(
        team.members[0].name, team.members[1].name,
        "new members get distinct names"
    );
    assert!(
        teamscape::model::validate(team).is_empty(),
        "{:?}",
        teamscape::model::validate(team)
    );
}

#[test]
fn edit_a_member_in_the_inspector() {
    let mut harness = sample_harness();
    let id = harness.state().document().team().members[0].id;
    let pos = screen_pos(&harness, id);
    harness.hover_at(pos);
    harness.run();
    click_at(&mut harness, pos, Modifiers::NONE);
    assert_eq!(
        harness
            .state()
            .editor()
            .marks
            .selection
            .iter()
            .copied()
            .collect::<Vec<_>>(),
        vec![id]
    );

    let name = harness.get_by_label("Name");
    name.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Dee Okafor");
    harness.run();
    assert_eq!(
        member(&harness, id).name,
        "Denise Okafor",
        "nothing is committed while the field is being typed into"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(member(&harness, id).job_title, "YOT manager");
    assert_eq!(member(&harness, id).name, "Dee Okafor");

    let title = harness.get_by_label("Job title");
    title.focus();
    title.type_text(" (acting)");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(member(&harness, id).job_title, "YOT manager (acting)");

    // Typing a whole name is one undo step, not one per key.
    click_at(&mut harness, Pos2::new(700.0, 760.0), Modifiers::NONE); // leave the text field
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(member(&harness, id).job_title, "YOT manager");
    assert_eq!(member(&harness, id).name, "Dee Okafor");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(member(&harness, id).name, "Denise Okafor");
}

#[test]
fn change_discipline_and_contract_through_combo_boxes() {
    let mut harness = sample_harness();
    let id = harness.state().document().team().members[16].id; // Danny Walsh, youth worker
    harness.state_mut().editor_mut().marks.selection.insert(id);
    harness.run();
    harness.get_by_label("Discipline").click();
    harness.run();
    harness.get_by_label("Social work").click();
    harness.run();
    let team = harness.state().document().team();
    assert_eq!(
        team.discipline(team.member(id).unwrap().discipline)
            .unwrap()
            .name,
        "Social work"
    );
    harness.get_by_label("Contract").click();
    harness.run();
    harness.get_by_label("secondment").click();
    harness.run();
    assert_eq!(
        member(&harness, id).contract,
        teamscape::model::Contract::Secondment
    );
}

#[test]
fn drag_a_member_is_one_undo_step() {
    let mut harness = sample_harness();
    let id = harness.state().document().team().members[5].id;
    let before = member(&harness, id).position;
    let start = screen_pos(&harness, id);
    harness.drag_at(start);
    harness.step();
    for k in 1..=5 {
        harness.hover_at(start + egui::vec2(12.0 * k as f32, 8.0 * k as f32));
        harness.step();
    }
    harness.drop_at(start + egui::vec2(60.0, 40.0));
    harness.run();
    let after = member(&harness, id).position;
    assert!(
        after.x > before.x + 10.0 && after.y > before.y + 5.0,
        "{before:?} → {after:?}"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        member(&harness, id).position,
        before,
        "the whole drag undoes at once"
    );
}

#[test]
fn link_a_line_manager_by_dragging_the_handle() {
    let mut harness = sample_harness();
    let (report, boss) = (
        harness.state().document().team().members[15].id,
        harness.state().document().team().members[1].id,
    ); // Leanne → Gareth
    harness
        .state_mut()
        .editor_mut()
        .marks
        .selection
        .insert(report);
    harness.run();
    // The handle sits just outside the node's top right.
    let centre = screen_pos(&harness, report);
    let mut handle = None;
    for d in 4..40 {
        let p = centre + egui::vec2(d as f32 * 0.75, -(d as f32) * 0.75);
        harness.hover_at(p);
        harness.run();
        if harness.state().editor().map.handle_under(p) == Some(report) {
            handle = Some(p);
            break;
        }
    }
    let handle = handle.expect("the selected member has a handle");
    let target = screen_pos(&harness, boss);
    harness.drag_at(handle);
    harness.step();
    harness.hover_at(handle.lerp(target, 0.5));
    harness.step();
    harness.hover_at(target);
    harness.step();
    harness.drop_at(target);
    harness.run();
    assert_eq!(
        member(&harness, report).line_manager,
        LineManager::Member(boss)
    );
}

#[test]
fn a_circle_of_line_management_is_refused() {
    let mut harness = sample_harness();
    let team = harness.state().document().team();
    let (denise, gareth) = (team.members[0].id, team.members[1].id);
    harness
        .state_mut()
        .apply(teamscape::document::Edit::SetLineManager {
            member: denise,
            manager: LineManager::Member(gareth),
        });
    harness.run();
    assert!(matches!(
        member(&harness, denise).line_manager,
        LineManager::External { .. }
    ));
    let message = harness.state().status().cloned().unwrap();
    assert!(
        message.is_error && message.text.contains("circle"),
        "{message:?}"
    );
}

#[test]
fn delete_selected_then_undo() {
    let mut harness = sample_harness();
    let id = harness.state().document().team().members[1].id; // Gareth manages others
    let pos = screen_pos(&harness, id);
    click_at(&mut harness, pos, Modifiers::NONE);
    harness.key_press(Key::Delete);
    harness.run();
    let team = harness.state().document().team();
    assert!(team.member(id).is_none());
    assert!(
        team.members
            .iter()
            .all(|m| m.line_manager != LineManager::Member(id)),
        "no arrow points at a deleted member"
    );
    assert!(teamscape::model::validate(team).is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    let team = harness.state().document().team();
    assert!(team.member(id).is_some());
    assert_eq!(
        team.members[3].line_manager,
        LineManager::Member(id),
        "undo restores the links too"
    );
}

#[test]
fn rubber_band_and_shift_click_select_several() {
    let mut harness = sample_harness();
    let a = harness.state().document().team().members[3].id;
    let b = harness.state().document().team().members[4].id;
    let (pa, pb) = (screen_pos(&harness, a), screen_pos(&harness, b));
    click_at(&mut harness, pa, Modifiers::NONE);
    assert_eq!(
        screen_pos(&harness, b),
        pb,
        "selecting must not move the map (the inspector keeps its width)"
    );
    click_at(&mut harness, pb, Modifiers::SHIFT);
    assert_eq!(
        harness.state().editor().marks.selection.len(),
        2,
        "{pa:?} {pb:?} {:?}",
        harness.state().editor().marks.selection
    );
    // Shift-drag a box around the whole map.
    harness.state_mut().editor_mut().marks.selection.clear();
    let map = harness.state().editor().map.rect().shrink(4.0);
    let (from, to) = (map.left_top(), map.right_bottom());
    harness.event_modifiers(egui::Event::PointerMoved(from), Modifiers::SHIFT);
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: from,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    harness.step();
    for k in 1..=4 {
        harness.event_modifiers(
            egui::Event::PointerMoved(from.lerp(to, k as f32 / 4.0)),
            Modifiers::SHIFT,
        );
        harness.step();
    }
    harness.event_modifiers(
        egui::Event::PointerButton {
            pos: to,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::SHIFT,
        },
        Modifiers::SHIFT,
    );
    harness.run();
    assert!(
        harness.state().editor().marks.selection.len() >= 15,
        "{}",
        harness.state().editor().marks.selection.len()
    );
}

#[test]
fn switch_layouts_keeps_free_positions() {
    let mut harness = sample_harness();
    let saved: Vec<_> = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .map(|m| m.position)
        .collect();
    harness.key_press(Key::Num2);
    harness.run();
    assert_eq!(harness.state().editor().map.layout, Layout::Rings);
    harness.get_by_label("Conditions ladder").click();
    harness.run();
    assert_eq!(harness.state().editor().map.layout, Layout::Ladder);
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(harness.state().editor().map.layout, Layout::Free);
    let now: Vec<_> = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .map(|m| m.position)
        .collect();
    assert_eq!(now, saved);
    assert!(
        !harness.state().document().is_dirty(),
        "switching layouts is not an edit"
    );
}

#[test]
fn shortcuts_do_not_fire_while_typing() {
    let mut harness = sample_harness();
    let id = harness.state().document().team().members[0].id;
    harness.state_mut().editor_mut().marks.selection.insert(id);
    harness.run();
    let before = harness.state().document().team().members.len();
    let title = harness.get_by_label("Job title");
    title.focus();
    title.type_text("N1");
    harness.run();
    assert_eq!(
        harness.state().document().team().members.len(),
        before,
        "typing N adds no member"
    );
    assert_eq!(harness.state().editor().map.layout, Layout::Free);
    harness.key_press(Key::Enter);
    harness.run();
    assert!(member(&harness, id).job_title.ends_with("N1"));
}

#[test]
fn delete_a_discipline_in_use_asks_where_members_go() {
    let mut harness = sample_harness();
    let youth_work = harness
        .state()
        .document()
        .team()
        .discipline_by_name("Youth work")
        .unwrap()
        .id;
    let social_work = harness
        .state()
        .document()
        .team()
        .discipline_by_name("Social work")
        .unwrap()
        .id;
    harness
        .state_mut()
        .apply(teamscape::document::Edit::DeleteDiscipline {
            id: youth_work,
            move_members_to: None,
        });
    assert!(
        harness
            .state()
            .document()
            .team()
            .discipline(youth_work)
            .is_some(),
        "refused without a destination"
    );
    harness
        .state_mut()
        .apply(teamscape::document::Edit::DeleteDiscipline {
            id: youth_work,
            move_members_to: Some(social_work),
        });
    let team = harness.state().document().team();
    assert!(team.discipline(youth_work).is_none());
    assert!(team.members.iter().all(|m| m.discipline != youth_work));
    assert!(teamscape::model::validate(team).is_empty());
}

// ---- snapshots: a sample team in each layout ----

/// The youth offending team in the small dark window, set up by `setup`, for snapshots.
fn small_dark_harness(setup: impl FnOnce(&mut TeamscapeApp)) -> Harness<'static, TeamscapeApp> {
    let mut app = TeamscapeApp::new(common::sample("youth"), None, "youth-offending-team.ron");
    setup(&mut app);
    window(SMALL).open(app)
}

fn snapshot_of(name: &str, setup: impl FnOnce(&mut TeamscapeApp) + 'static) {
    small_dark_harness(setup).snapshot(name);
}

fn snapshot_layout(layout: Layout, name: &str) {
    snapshot_of(name, move |app| app.editor_mut().map.layout = layout);
}

#[test]
fn snapshot_free_layout() {
    snapshot_layout(Layout::Free, "map_free");
}

#[test]
fn snapshot_rings_layout() {
    snapshot_layout(Layout::Rings, "map_rings");
}

#[test]
fn snapshot_ladder_layout() {
    snapshot_layout(Layout::Ladder, "map_ladder");
}

#[test]
fn ctrl_s_saves_back_to_the_opened_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.ron");
    teamscape::model::io::save_team(&common::sample("camhs"), &path).unwrap();
    let team = teamscape::model::io::open_team(&path).unwrap();
    let mut harness = window(EDITOR).open(TeamscapeApp::new(team, Some(path), "team.ron"));
    harness.get_by_label("Add member").click();
    harness.run();
    assert!(harness.state().document().is_dirty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().document().is_dirty());
    let saved = teamscape::model::io::open_team(&dir.path().join("team.ron")).unwrap();
    assert_eq!(saved, *harness.state().document().team());
    assert!(dir.path().join("team.ron.bak").exists());
}

// ---- charts ----

#[test]
fn a_salary_edit_in_the_inspector_reorders_the_status_ladder() {
    let mut harness = sample_harness();
    harness.key_press(Key::Num4);
    harness.run();
    assert!(matches!(
        harness.state().editor().view,
        teamscape::app::MainView::Charts(_)
    ));
    let ladder = |h: &Harness<'_, TeamscapeApp>| -> Vec<String> {
        teamscape::analysis::analyse(h.state().document().team())
            .disciplines
            .iter()
            .map(|d| d.figures.name.clone())
            .collect()
    };
    let before = ladder(&harness);
    assert_eq!(before.last().map(String::as_str), Some("Administration"));
    // Maureen Hall, the administrator, gets a consultant's salary through the inspector.
    let id = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .find(|m| m.name == "Maureen Hall")
        .unwrap()
        .id;
    harness.state_mut().editor_mut().marks.selection.insert(id);
    harness.run();
    harness.get_by_label("salary").click();
    harness.run();
    harness
        .get_by_label("Full-time salary")
        .set_value_accesskit(140_000.0);
    harness.run();
    assert_eq!(
        member(&harness, id).pay,
        teamscape::model::Pay::Salary(140_000.0)
    );
    let after = ladder(&harness);
    assert_ne!(before, after);
    let admin = after.iter().position(|n| n == "Administration").unwrap();
    assert!(
        admin < after.len() - 1,
        "administration is no longer at the foot: {after:?}"
    );
}

#[test]
fn clicking_a_finding_highlights_its_members() {
    let mut harness = sample_harness();
    harness.key_press(Key::Num4);
    harness.run();
    let finding = harness
        .state_mut()
        .analysis()
        .findings
        .iter()
        .find(|f| !f.members.is_empty())
        .unwrap()
        .clone();
    let label = format!(
        "{}. {}",
        harness
            .state_mut()
            .analysis()
            .findings
            .iter()
            .position(|f| *f == finding)
            .unwrap()
            + 1,
        finding.text
    );
    harness.get_by_label(&label).click();
    harness.run();
    let highlighted: Vec<MemberId> = harness
        .state()
        .editor()
        .marks
        .highlight
        .iter()
        .copied()
        .collect();
    let mut expected = finding.members.clone();
    expected.sort();
    expected.dedup();
    assert_eq!(highlighted, expected);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().editor().marks.highlight.is_empty());
}

fn snapshot_chart(chart: teamscape::ui::charts::ChartId) {
    snapshot_of(&format!("chart_{}", chart.id()), move |app| {
        app.set_view(teamscape::app::MainView::Charts(chart));
    });
}

macro_rules! chart_snapshots {
    ($($name:ident: $chart:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                snapshot_chart(teamscape::ui::charts::ChartId::$chart);
            }
        )*
    };
}

chart_snapshots!(
    snapshot_chart_status_ladder: StatusLadder,
    snapshot_chart_pay: Pay,
    snapshot_chart_conditions: Conditions,
    snapshot_chart_quartiles: Quartiles,
    snapshot_chart_core_periphery: CorePeriphery,
    snapshot_chart_composition: Composition,
    snapshot_chart_outcomes: Outcomes,
    snapshot_chart_lorenz: Lorenz,
);

#[test]
fn deleting_a_discipline_in_use_through_the_team_panel_moves_its_members() {
    let mut harness = sample_harness();
    let social = harness.state().document().team().disciplines[0].id; // Social work, 3 members
    let youth_justice = harness
        .state()
        .document()
        .team()
        .discipline_by_name("Youth justice")
        .unwrap()
        .id;
    harness
        .query_all_by_label("models: social")
        .next()
        .unwrap()
        .click();
    harness.run();
    // The discipline's details are long now: bring the button into view first.
    harness.get_by_label("Delete discipline").scroll_to_me();
    harness.run();
    harness.get_by_label("Delete discipline").click();
    harness.run();
    harness.get_by_label("Delete “Social work”?");
    harness.get_by_label("Move members to").click();
    harness.run();
    harness
        .query_all_by_label("Youth justice")
        .last()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("Delete and move members").click();
    harness.run();
    let team = harness.state().document().team();
    assert!(team.discipline(social).is_none());
    assert_eq!(
        team.members
            .iter()
            .filter(|m| m.discipline == youth_justice)
            .count(),
        6 + 3
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(
        harness
            .state()
            .document()
            .team()
            .discipline(social)
            .is_some(),
        "undo brings it back"
    );
}

#[test]
fn a_discipline_holds_several_models_and_can_be_a_support_role() {
    let mut harness = sample_harness();
    let social = harness.state().document().team().disciplines[0].id; // Social work
    harness
        .query_all_by_label("models: social")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("criminal justice model").click();
    harness.run();
    let team = harness.state().document().team();
    let d = team.discipline(social).unwrap();
    assert_eq!(
        d.models,
        vec![
            teamscape::model::ProfessionalModel::Social,
            teamscape::model::ProfessionalModel::Justice
        ]
    );
    assert!(!d.support_role);
    let support_role = |h: &Harness<'_, TeamscapeApp>| {
        h.state()
            .document()
            .team()
            .discipline(social)
            .is_some_and(|d| d.support_role)
    };
    harness
        .get_by_label("Support role (not a profession)")
        .click();
    harness.run();
    assert!(support_role(&harness));
    // One undo step each: Ctrl+Z takes the support role back, the model stays.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(!support_role(&harness));
}

#[test]
fn with_names_hidden_the_ladder_shows_one_mark_per_discipline_and_no_one_by_name() {
    let mut harness = small_dark_harness(|app| app.editor_mut().map.layout = Layout::Ladder);
    harness.get_by_label("Hide names").click();
    harness.run();
    harness.run();
    assert!(harness.state().workshop().hide_names());
    for m in &common::sample("youth").members {
        assert!(
            harness.query_by_label(&m.name).is_none(),
            "{} is shown with names hidden",
            m.name
        );
    }
    harness.snapshot("map_ladder_names_hidden");
}

/// The salary of the youth offending team's clinical psychologist (Band 8a top).
fn psychologist_pay(harness: &Harness<'_, TeamscapeApp>) -> Option<f64> {
    let team = harness.state().document().team();
    let m = team
        .members
        .iter()
        .find(|m| m.job_title.contains("psychologist"))?;
    team.fte_salary(m)
}

#[test]
fn choosing_a_pay_year_in_the_team_panel_re_rates_everyone_in_one_undo_step() {
    let mut harness = sample_harness();
    assert_eq!(
        psychologist_pay(&harness),
        Some(62_682.0),
        "Band 8a top, 2025/26"
    );
    harness.get_by_label("Pay year").click();
    harness.run();
    harness.get_by_label("2024/25").click();
    harness.run();
    let team = harness.state().document().team();
    assert_eq!(team.pay_year.as_deref(), Some("2024/25"));
    assert_eq!(
        psychologist_pay(&harness),
        Some(60_504.0),
        "Band 8a top, 2024/25"
    );
    // 18 members on scale points; the probation officer's figures are held at 2024/25.
    let status = harness.state().status().unwrap().text.clone();
    assert!(
        status.starts_with("Pay year 2024/25: 17 of 18 salaries on scale points changed"),
        "{status}"
    );
    harness.get_by_label(&status);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().team().pay_year.as_deref(),
        Some("2025/26")
    );
    assert_eq!(psychologist_pay(&harness), Some(62_682.0));
}

#[test]
fn choosing_an_outcomes_framework_in_the_team_panel_is_one_undo_step() {
    let mut harness = harness_with(common::sample("camhs"));
    assert_eq!(
        harness.state().document().team().framework,
        Framework::EveryChildMatters,
        "a file written before frameworks reads as Every Child Matters"
    );
    harness.get_by_label("2003–2010");
    harness.get_by_label("Outcomes framework").click();
    harness.run();
    harness
        .get_by_label("Children's Social Care National Framework")
        .click();
    harness.run();
    let team = harness.state().document().team();
    assert_eq!(team.framework, Framework::NationalFramework);
    let analysis = teamscape::analysis::analyse(team);
    assert_eq!(analysis.outcomes.len(), 4, "the framework's four outcomes");
    harness.get_by_label("since December 2023");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(
        harness.state().document().team().framework,
        Framework::EveryChildMatters
    );
}

#[test]
fn the_inspector_says_which_year_a_figure_is_and_marks_estimates_and_leave_set_by_hand() {
    let mut harness = harness_with(common::sample("camhs"));
    let select = |harness: &mut Harness<'_, TeamscapeApp>, title: &str| {
        let id = harness
            .state()
            .document()
            .team()
            .members
            .iter()
            .find(|m| m.job_title == title)
            .unwrap()
            .id;
        let selection = &mut harness.state_mut().editor_mut().marks.selection;
        selection.clear();
        selection.insert(id);
        harness.run();
        id
    };
    // A consultant: 2025/26 figures from the 4% award, not yet read in a circular.
    select(&mut harness, "Consultant child and adolescent psychiatrist");
    harness.get_by_label("2025/26 figures, from 1 April 2025");
    harness.get_by_label("Estimated: 2024/25 × 1.04 (the 4% award), rounded up; may differ by £1");
    // Five years as a consultant: 32 days, as recorded.
    harness.get_by_label("Consultants (England): 32 days at 5 years' service");
    // The clinical team leader records 33 days; at 2 years' service Agenda for Change gives 27.
    let id = select(&mut harness, "Clinical team leader");
    harness.get_by_label("2025/26 figures, from 1 April 2025");
    assert!(
        harness.query_by_label_contains("Estimated").is_none(),
        "Band 7 top is published"
    );
    let mut member = harness.state().document().member(id).unwrap().clone();
    member.years_of_service = Some(2);
    harness
        .state_mut()
        .apply(teamscape::document::Edit::UpdateMember {
            member,
            field: "years of service",
        });
    harness.run();
    harness.get_by_label("Set by hand. NHS Agenda for Change: 27 days at 2 years' service");
    harness.get_by_label("Use the agreement's figure").click();
    harness.run();
    assert_eq!(
        harness.state().document().member(id).unwrap().leave_days,
        Some(27.0)
    );
    harness.get_by_label("NHS Agenda for Change: 27 days at 2 years' service");
}

#[test]
fn a_pay_year_that_is_over_is_said_in_the_team_panel_and_the_inspector() {
    let mut harness = harness_with(common::sample("camhs"));
    let warning =
        "Pay figures are for 2025/26; check whether the 2026/27 award has been published.";
    // On the tests' day (March 2026) the year is under way: nothing is said.
    assert!(harness.query_by_label(warning).is_none());
    // In December 2026 it is over (Agenda for Change 2025/26 ran from 1 April 2025).
    harness.state_mut().set_today("2026-12-06");
    harness.run();
    harness.get_by_label(warning);
    // A member on a scale point: the inspector says it under the scale's source.
    let id = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .find(|m| matches!(m.pay, teamscape::model::Pay::Point { .. }))
        .unwrap()
        .id;
    harness.state_mut().editor_mut().marks.selection.insert(id);
    harness.run();
    harness.get_by_label_contains("That pay year is over: check whether the 2026/27 award");
}

#[test]
fn a_pay_year_is_read_from_a_published_table_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    // A table with a point the consultants' scale does not have (line 3): refused by line,
    // before anything is asked, and the team untouched.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "scale,point,salary\nConsultants (England),Point 1 (start),112000\nConsultants (England),Point 9,150000\n",
    )
    .unwrap();
    let mut harness = harness_with(common::sample("camhs"));
    let before = harness.state().document().team().clone();
    harness.get_by_label("Pay year").click();
    harness.run();
    harness
        .get_by_label("Add a year from a published table…")
        .click();
    harness.run();
    crate::support::choose_in_dialog(&mut harness, "File name", &bad, "Open");
    harness.run();
    harness.get_by_label_contains(
        "line 3, column point: Consultants (England) has no point called “Point 9”",
    );
    assert_eq!(harness.state().document().team(), &before);
    harness.get_by_label("OK").click();
    harness.run();

    // The whole scale, £ signs and thousands commas as tables print them.
    let good = dir.path().join("consultants.csv");
    std::fs::write(
        &good,
        "scale,point,salary\n\
         Consultants (England),Point 1 (start),\"£112,000\"\n\
         Consultants (England),Point 2 (after 3 years),118500\n\
         Consultants (England),Point 3 (after 4 years),122000\n\
         Consultants (England),Point 4 (after 8 years),134000\n\
         Consultants (England),Point 5 (after 14 years),149000\n",
    )
    .unwrap();
    harness
        .state_mut()
        .queue(teamscape::command::Action::ImportPayTable);
    harness.run();
    crate::support::choose_in_dialog(&mut harness, "File name", &good, "Open");
    harness.run();
    harness.get_by_label("Add a pay year from a published table");
    harness.get_by_label("Consultants (England)");
    assert!(harness
        .get_by_label("Add the year")
        .accesskit_node()
        .is_disabled());
    crate::support::type_into(
        &mut harness,
        "Published in",
        "NHS Employers, consultants' pay 2026/27 (test)",
    );
    crate::support::keep_picture(&mut harness, "add-pay-year-table.png");
    harness.get_by_label("Add the year").click();
    harness.run();
    let team = harness.state().document().team();
    // The team's other scales are still 2025/26, so its pay year is too.
    assert_eq!(team.pay_year.as_deref(), Some("2025/26"));
    let status = harness.state().status().unwrap().text.clone();
    assert!(
        status.starts_with("Pay year 2026/27: Consultants (England) read from the table"),
        "{status}"
    );
    // Dr Qureshi, on point 3 after 4 years: the table's £122,000, not estimated.
    assert_eq!(team.fte_salary(&team.members[0]), Some(122_000.0));
    let consultants = team
        .pay_scales
        .iter()
        .find(|s| s.name == "Consultants (England)")
        .unwrap();
    assert_eq!(consultants.year, "2026/27");
    assert!(consultants.points.iter().all(|p| p.estimated.is_none()));
    assert_eq!(
        consultants.source,
        "NHS Employers, consultants' pay 2026/27 (test)"
    );
    // One undo step puts every figure back.
    harness.state_mut().queue(teamscape::command::Action::Undo);
    harness.run();
    assert_eq!(harness.state().document().team(), &before);
}

#[test]
fn a_year_added_by_hand_is_kept_in_the_managers_pay_library_for_every_team() {
    use teamscape::model::pay;
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("teamscape").join(pay::own::FILE_NAME);
    let mut harness = harness_with(common::sample("camhs"));
    harness.state_mut().set_pay_library(Some(library.clone()));
    // A year no other test uses: the library a window reads is the process's.
    harness
        .state_mut()
        .apply(teamscape::document::Edit::AddPayYear {
            year: "2031/32".to_owned(),
            uplift: pay::Uplift {
                percent: 2.0,
                source: "An award announced for the test".to_owned(),
                scale: Some("Consultants (England)".to_owned()),
            },
            today: crate::support::TODAY.to_owned(),
        });
    harness.run();
    assert!(!pay::years().contains(&"2031/32"));
    crate::support::keep_picture(&mut harness, "keep-pay-year.png");
    harness
        .get_by_label("Keep 2031/32 in my pay library")
        .click();
    harness.run();
    let status = harness.state().status().unwrap().text.clone();
    assert!(
        status.starts_with("Kept 2031/32 of Consultants (England) in your pay library"),
        "{status}"
    );
    // Kept with its figures and why each is estimated: point 3 was £119,490, so 2% more is
    // £121,879.80, £121,880.
    let kept = pay::own::read(&library).unwrap();
    assert_eq!(kept.years.len(), 1);
    let year = &kept.years[0];
    assert_eq!(
        (year.key.as_deref(), year.year.as_str()),
        (Some("consultant"), "2031/32")
    );
    let p3 = year
        .points
        .iter()
        .find(|p| p.name == "Point 3 (after 4 years)")
        .unwrap();
    assert_eq!(p3.salary, 121_880.0);
    assert!(p3
        .estimated
        .as_deref()
        .unwrap()
        .contains("An award announced for the test"));
    // Every team can now choose it, and the offer is gone.
    assert!(pay::years().contains(&"2031/32"));
    assert!(harness
        .query_by_label("Keep 2031/32 in my pay library")
        .is_none());
}

#[test]
fn a_pay_year_is_added_from_an_announced_award_as_one_undo_step() {
    let mut harness = harness_with(common::sample("camhs"));
    harness.get_by_label("Pay year").click();
    harness.run();
    harness
        .get_by_label("Add a year from an announced award…")
        .click();
    harness.run();
    // The next year is offered; the award and where it was announced are the manager's.
    harness.get_by_label("Add a pay year from an announced award");
    assert!(harness
        .get_by_label("Add the year")
        .accesskit_node()
        .is_disabled());
    harness.get_by_label("Award").focus();
    harness.run();
    harness.get_by_label("Award").type_text("3");
    harness.key_press(egui::Key::Enter);
    harness.run();
    crate::support::type_into(&mut harness, "Announced in", "Announced award, 2026 (test)");
    crate::support::keep_picture(&mut harness, "add-pay-year.png");
    let before = harness.state().document().team().clone();
    harness.get_by_label("Add the year").click();
    harness.run();
    let team = harness.state().document().team();
    assert_eq!(team.pay_year.as_deref(), Some("2026/27"));
    // Dr Qureshi, on the consultants' point after 4 years: £119,490 in 2025/26, so
    // £123,074.70 raised by 3%, £123,075.
    assert_eq!(team.fte_salary(&team.members[0]), Some(123_075.0));
    assert!(harness
        .state()
        .status()
        .unwrap()
        .text
        .starts_with("Pay year 2026/27: "));
    // One undo step puts every figure back.
    harness.state_mut().queue(teamscape::command::Action::Undo);
    harness.run();
    assert_eq!(harness.state().document().team(), &before);
}
