//! The members table through the real app with `egui_kittest`: view 5, sort, edit a cell
//! (one undo step), select a row (shared with the map), and paste rows from a spreadsheet.

use crate::common;
use crate::support;

use egui::Key;
use egui_kittest::kittest::Queryable as _;
use egui_kittest::Harness;
use teamscape::app::{MainView, TeamscapeApp};
use teamscape::ui::table::{self, Column};

fn names(team: &teamscape::model::Team, ids: &[teamscape::model::MemberId]) -> Vec<String> {
    ids.iter()
        .map(|id| team.member(*id).unwrap().name.clone())
        .collect()
}

#[test]
fn sorting_by_full_time_pay_puts_the_lowest_paid_first_and_missing_values_last() {
    let team = common::sample("camhs");
    let index = teamscape::model::MemberIndex::of(&team);
    // CAMHS full-time pay: the medical secretary (Band 3 top, £26,598) is lowest, then the
    // team administrator (Band 4 entry, £27,485); the consultant on point 3 (£119,490) is
    // highest, then the one on point 2 (£116,183).
    let up = names(
        &team,
        &table::sorted(&team, &index, Some((Column::FullTimePay, true))),
    );
    assert_eq!(&up[..2], ["Tariq Ahmed", "Linda Moss"]);
    let down = names(
        &team,
        &table::sorted(&team, &index, Some((Column::FullTimePay, false))),
    );
    assert_eq!(&down[..2], ["Dr Imran Qureshi", "Dr Helen Forsyth"]);
    // Unsorted is the team's own order.
    let own: Vec<String> = team.members.iter().map(|m| m.name.clone()).collect();
    assert_eq!(names(&team, &table::sorted(&team, &index, None)), own);
    // A member without a leave figure goes last, up or down.
    let mut team = team;
    team.members[0].leave_days = None;
    let index = teamscape::model::MemberIndex::of(&team);
    for ascending in [true, false] {
        let order = names(
            &team,
            &table::sorted(&team, &index, Some((Column::Leave, ascending))),
        );
        assert_eq!(order.last().unwrap(), "Dr Imran Qureshi");
    }
}

#[test]
fn key_5_shows_the_table_a_cell_edit_is_one_undo_step_and_a_click_selects() {
    let mut harness = support::harness_1440(common::sample("camhs"));
    harness.key_press(Key::Num5);
    harness.run();
    assert_eq!(harness.state().editor().view, MainView::Table);
    let id = harness.state().document().team().members[15].id;

    // The name cell of the medical secretary, labelled with the column and the member.
    let cell = harness.get_by_label("Name, Tariq Ahmed");
    cell.focus();
    cell.type_text(" Jr");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let name = |h: &Harness<'_, TeamscapeApp>| {
        h.state().document().team().member(id).unwrap().name.clone()
    };
    assert_eq!(name(&harness), "Tariq Ahmed Jr");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(name(&harness), "Tariq Ahmed");

    // Clicking a row's number selects the member, for the map and the inspector too.
    harness.get_by_label("16").click();
    harness.run();
    let selection: Vec<_> = harness
        .state()
        .editor()
        .marks
        .selection
        .iter()
        .copied()
        .collect();
    assert_eq!(selection, vec![id]);
    harness.get_by_label("Delete selected (1)");
}

#[test]
fn three_rows_pasted_from_a_spreadsheet_become_three_valid_members_in_one_undo_step() {
    let mut harness = support::harness_1440(common::sample("camhs"));
    harness.key_press(Key::Num5);
    harness.run();
    let before = harness.state().document().team().members.len();
    // As a spreadsheet copies them: tab-separated, with the header row.
    let rows = "name\tdiscipline\tagency\tpay_scale\tpay_point\tfte\tteam_share\n\
                Asha Verma\tClinical psychology\tRiverside NHS Foundation Trust\tNHS Agenda for Change\tBand 7 entry\t1\t100%\n\
                Tom Reilly\tSocial work\tRiverside City Council\t\t\t0.8\t0.5\n\
                Nell Carter\tFamily therapy\tRiverside NHS Foundation Trust\tNHS Agenda for Change\tBand 8a entry\t0.6\t1\n";
    // Tom Reilly has no pay yet: the sheet is refused as a whole, and nothing changes.
    harness.event(egui::Event::Paste(rows.to_owned()));
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), before);
    let error = format!("{}", harness.state().files().error().expect("a message"));
    assert!(error.contains("line 3"), "{error}");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.state().files().error().is_none());

    let rows = rows.replace(
        "Riverside City Council\t\t\t",
        "Riverside City Council\tNJC local government\tSCP 28\t",
    );
    harness.event(egui::Event::Paste(rows));
    harness.run();
    if let Some(e) = harness.state().files().error() {
        panic!("{e}");
    }
    let team = harness.state().document().team();
    assert_eq!(team.members.len(), before + 3);
    for name in ["Asha Verma", "Tom Reilly", "Nell Carter"] {
        assert!(team.members.iter().any(|m| m.name == name), "{name}");
    }
    assert!(teamscape::model::validate(team).is_empty());
    let tom = team
        .members
        .iter()
        .find(|m| m.name == "Tom Reilly")
        .unwrap();
    assert!((tom.team_share - 0.5).abs() < 1e-9 && (tom.fte - 0.8).abs() < 1e-9);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().document().team().members.len(), before);
}

#[test]
fn rows_copied_without_their_header_are_read_in_teamscapes_own_column_order() {
    let mut team = common::sample("camhs");
    // name, job_title, discipline, agency, salary, pay_scale, pay_point, fte, team_share
    let rows = "Kim Lee\tCAMHS nurse\tMental health nursing\tRiverside NHS Foundation Trust\t£35,000\t\t\t1\t100%\n";
    let text = teamscape::model::csv::pasted_rows(rows);
    assert!(text.starts_with("name\tjob_title\tdiscipline\tagency\tsalary"));
    teamscape::model::csv::import_into(&mut team, &text, "pasted").unwrap();
    let kim = team.members.iter().find(|m| m.name == "Kim Lee").unwrap();
    assert_eq!(kim.pay, teamscape::model::Pay::Salary(35_000.0));
    assert_eq!(kim.job_title, "CAMHS nurse");
}
