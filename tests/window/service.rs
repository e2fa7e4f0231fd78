//! A portfolio in the window: it opens in the Service view, each table reads from it, names
//! hide there too, and a team opened from it goes to the editor with no file of its own.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use teamscape::app::{MainView, StartOptions, StartView, TeamscapeApp};
use teamscape::document::Edit;

use crate::support::{window, EDITOR, FULL};

fn sample_portfolio() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_teams/service/children-and-families-service.ron")
}

fn service_window(view: &str, hide_names: bool) -> Harness<'static, TeamscapeApp> {
    let options = StartOptions {
        file: Some(sample_portfolio()),
        view: StartView::parse(view).unwrap(),
        hide_names,
        ..StartOptions::default()
    };
    let mut app = TeamscapeApp::from_options(&options).unwrap();
    app.set_recovery_dir(None);
    app.set_native_dialogs(false);
    window(FULL).open(app)
}

#[test]
fn a_portfolio_opens_in_the_service_view_with_a_team_ready_in_the_editor() {
    let harness = service_window("service", false);
    let app = harness.state();
    assert_eq!(app.editor().view, MainView::Service);
    let service = app.service().unwrap();
    assert_eq!(service.figures.teams.len(), 5);
    assert_eq!(service.map.people.len(), 83);
    assert!(app
        .window_title()
        .starts_with("Children and families service"));
    // The editor holds the first team, with no file: saving it never writes the portfolio.
    assert_eq!(app.document().team().name, "Riverside Community CAMHS");
    assert!(app.document().path().is_none());
    harness.get_by_label("Service map");
    harness.get_by_label(
        "1. The one educational psychologist works in 4 teams and is on the edge of all of them.",
    );
}

#[test]
fn a_team_opened_from_the_service_goes_to_the_editor_and_the_service_stays_a_click_away() {
    let mut harness = service_window("service", false);
    harness
        .get_by_label("Open Northbrook Youth Offending Team")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(
        app.document().team().name,
        "Northbrook Youth Offending Team"
    );
    assert_eq!(app.document().team().members.len(), 21);
    assert!(app.document().path().is_none());
    assert_eq!(app.editor().view, MainView::Map);
    // The toolbar's button (the team panel has a "Service" field of its own).
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Service")
        .click();
    harness.run();
    assert_eq!(harness.state().editor().view, MainView::Service);
}

#[test]
fn opening_another_team_over_unsaved_changes_asks_first() {
    let mut harness = service_window("service", false);
    let mut member = harness.state().document().team().members[0].clone();
    member.job_title = "Changed".into();
    harness.state_mut().apply(Edit::UpdateMember {
        member,
        field: "job title",
    });
    harness.run();
    assert!(harness.state().document().is_dirty());
    harness
        .get_by_label("Open Little Oaks Specialist Nursery")
        .click();
    harness.run();
    // Nothing is lost: the question comes first, and the team is still the changed one.
    assert_eq!(
        harness.state().document().team().name,
        "Riverside Community CAMHS"
    );
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(
        harness.state().document().team().name,
        "Little Oaks Specialist Nursery"
    );
}

#[test]
fn file_open_of_a_portfolio_shows_the_service() {
    let team = teamscape::samples::load(0).unwrap();
    let mut app = TeamscapeApp::new(team, None, "sample");
    app.set_recovery_dir(None);
    app.open_path(&sample_portfolio());
    assert_eq!(app.editor().view, MainView::Service);
    assert!(app.service().is_some());
    // With --team, the one team opens as before, and no service.
    let options = StartOptions {
        file: Some(sample_portfolio()),
        sheet: Some("Little Oaks Specialist Nursery".into()),
        ..StartOptions::default()
    };
    let app = TeamscapeApp::from_options(&options).unwrap();
    assert!(app.service().is_none());
    assert_eq!(app.document().team().name, "Little Oaks Specialist Nursery");
}

#[test]
fn the_people_table_names_people_and_with_names_hidden_gives_their_discipline() {
    let harness = service_window("service-people", false);
    harness.get_by_label("Dr Patrick Doyle (Educational psychology)");
    harness.get_by_label("83 people: 79 in one team, 3 in two, 1 in three or more.");
    let harness = service_window("service-people", true);
    assert!(harness.query_by_label_contains("Patrick Doyle").is_none());
    harness.get_by_label("Educational psychology");
}

#[test]
fn the_shared_time_matrix_gives_each_pair_once_each_way() {
    let harness = service_window("service-shared", false);
    // Northbrook YOT and Riverside CAMHS share 0.5 FTE: Karen Doyle's 0.4 in CAMHS and the
    // EP's 0.1 there (the smaller of each person's two FTEs), in both cells of the pair.
    assert_eq!(harness.query_all_by_label("0.50").count(), 2);
    harness.get_by_label("5. Northbrook Youth Offending Team");
}

#[test]
fn every_tab_draws_in_a_small_window() {
    for tab in teamscape::ui::service::Tab::ALL {
        let options = StartOptions {
            file: Some(sample_portfolio()),
            view: StartView::parse(tab.id()).unwrap(),
            ..StartOptions::default()
        };
        let mut app = TeamscapeApp::from_options(&options).unwrap();
        app.set_recovery_dir(None);
        let harness = window(EDITOR).open(app);
        harness.get_by_label(tab.label());
    }
}

#[test]
fn conditions_across_the_service_count_each_person_once_and_hide_names_safely() {
    let mut harness = service_window("service-conditions", false);
    {
        let app = harness.state();
        let service = app.service().unwrap();
        assert_eq!(service.view.tab, teamscape::ui::service::Tab::Conditions);
    }
    harness.get_by_label("Each person once, across all their teams: core if core in any of them.");
    harness
        .get_by_label(teamscape::ui::charts::ChartId::Pay.label())
        .click();
    harness.run();
    assert_eq!(
        harness.state().service().unwrap().view.chart,
        teamscape::ui::charts::ChartId::Pay
    );
    // With names hidden, the service's figures are checked against what each team's own
    // workshop shows: the sample shows its ladder, each person once, and no figure of a
    // group that a team's own would give away.
    let mut harness = service_window("service-conditions", true);
    harness.get_by_label_contains("no group of fewer than 3 is shown on its own");
    assert!(harness
        .query_by_label("These figures wait while names are hidden")
        .is_none());
    harness.get_by_label_contains("8 groups, n = 83 members");
    // Early years shows some figures, but not all four its index is made of.
    harness
        .get_by_label_contains("No index shown for Administration (n = 7), Early years (n = 14)");
    let pictures = std::env::var_os("TEAMSCAPE_SLIDE_PICTURES").map(std::path::PathBuf::from);
    // The ladder first (its name is also the map's mode), then its neighbours.
    for chart in [
        None,
        Some(teamscape::ui::charts::ChartId::Pay),
        Some(teamscape::ui::charts::ChartId::Conditions),
    ] {
        if let Some(chart) = chart {
            // Another widget is labelled "Conditions" too; the chart's tab comes first.
            harness
                .get_all_by_label(chart.label())
                .next()
                .unwrap()
                .click();
            harness.run();
            assert_eq!(harness.state().service().unwrap().view.chart, chart);
        }
        if let Some(dir) = &pictures {
            harness.run_steps(4);
            let image = harness.render().unwrap();
            let id = chart.map_or("status-ladder", |c| c.id());
            image
                .save(dir.join(format!("service-conditions-{id}.png")))
                .unwrap();
        }
        assert!(harness.query_by_label_contains("Patrick Doyle").is_none());
        assert!(harness.query_by_label_contains("Karen Doyle").is_none());
    }
}

#[test]
fn the_service_is_presented_slide_by_slide_with_names_hidden() {
    use egui::Key;
    let mut harness = service_window("service", false);
    harness.state_mut().start_presenting(true);
    harness.run();
    harness.get_by_label("Names are hidden: people appear by discipline.");
    // TEAMSCAPE_SLIDE_PICTURES=DIR keeps a picture of each slide, to look at.
    let pictures = std::env::var_os("TEAMSCAPE_SLIDE_PICTURES").map(std::path::PathBuf::from);
    // The title, the changes since the sample's snapshot, the map, the findings, four
    // tables and the conditions.
    for k in 0..9 {
        if let Some(dir) = &pictures {
            harness.run_steps(4);
            let image = harness.render().unwrap();
            image
                .save(dir.join(format!("service-slide-{k}.png")))
                .unwrap();
        }
        // No name on any slide, however the service is shown.
        for name in [
            "Patrick Doyle",
            "Karen Doyle",
            "Naomi Pearce",
            "Rachel Dunn",
        ] {
            assert!(
                harness.query_by_label_contains(name).is_none(),
                "{name} on slide {k}"
            );
        }
        harness.key_press(Key::ArrowRight);
        harness.run();
    }
    // The last slide: the conditions, as the room may see them.
    harness.get_by_label("9 / 9");
    harness.get_by_label_contains("No index shown for Administration (n = 7)");
    harness.key_press(Key::H);
    harness.run();
    assert!(harness
        .query_by_label_contains("No index shown for Administration")
        .is_none());
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().workshop().presenter().is_none());
    assert_eq!(harness.state().editor().view, MainView::Service);
}

#[test]
fn the_changes_since_the_samples_snapshot_name_people_only_when_names_show() {
    let harness = service_window("service-changes", false);
    harness.get_by_label(
        "Now against “Before the secondments”. A changed figure reads “then to now”.",
    );
    harness.get_by_label(
        "• The one educational psychologist now works in 4 teams, 2 at “Before the secondments”.",
    );
    harness.get_by_label_contains("Dr Patrick Doyle (Educational psychology): ");
    let harness = service_window("service-changes", true);
    harness.get_by_label(
        "• The one educational psychologist now works in 4 teams, 2 at “Before the secondments”.",
    );
    assert!(harness.query_by_label_contains("Patrick Doyle").is_none());
    assert!(harness.query_by_label_contains("Karen Doyle").is_none());
}

#[test]
fn from_the_service_view_a_picture_and_the_handout_are_the_services() {
    let dir = tempfile::tempdir().unwrap();
    // A picture of the tab in view, drawn as a slide of the service's deck.
    let picture = dir.path().join("shared.png");
    let mut harness = service_window("service-shared", true);
    harness.state_mut().export_picture(picture.clone());
    let mut drew_the_tab = false;
    for _ in 0..100 {
        if !harness.state().workshop().exporting() {
            break;
        }
        harness.step();
        // The view is not drawn while exporting: the slide is, under its heading.
        drew_the_tab |= harness.query_by_label("Time teams share").is_some()
            && harness.query_by_label("Service map").is_none();
    }
    assert!(drew_the_tab, "the picture was not of the service's tab");
    assert!(image::open(&picture).is_ok());
    assert_eq!(
        harness.state().status().unwrap().text,
        format!("Exported {}", picture.display())
    );
    assert_eq!(harness.state().editor().view, MainView::Service);
    // The handout alone, from the File menu: the service's nine slides, as a PDF.
    let target = dir.path().join("service handout.pdf");
    harness.run();
    crate::support::export_for_a_workshop(&mut harness, "Handout (PDF)…");
    crate::support::choose_in_dialog(&mut harness, "File name", &target, "Save");
    for _ in 0..300 {
        harness.step();
        if !harness.state().workshop().exporting() && target.exists() {
            break;
        }
    }
    let pdf = std::fs::read(&target).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let message = harness.state().status().cloned().unwrap();
    assert!(
        message
            .text
            .starts_with("Exported the service's handout, 9 slides"),
        "{}",
        message.text
    );
}

/// The sample portfolio copied to a folder of its own, opened in the Service view: what
/// is saved goes there, never over the sample.
fn service_copy(dir: &std::path::Path) -> (std::path::PathBuf, Harness<'static, TeamscapeApp>) {
    let path = dir.join("service.ron");
    std::fs::copy(sample_portfolio(), &path).unwrap();
    let options = StartOptions {
        file: Some(path.clone()),
        view: StartView::parse("service").unwrap(),
        ..StartOptions::default()
    };
    let mut app = TeamscapeApp::from_options(&options).unwrap();
    app.set_recovery_dir(None);
    app.set_native_dialogs(false);
    (path, window(FULL).open(app))
}

/// The educational psychologist's FTE in `team`.
fn doyle_in(app: &TeamscapeApp, team: &str) -> f64 {
    let p = app.service().unwrap().portfolio();
    p.posts
        .iter()
        .find(|post| post.person == "meadowbank-child-development-centre-14" && post.team == team)
        .unwrap()
        .fte
}

#[test]
fn a_team_edited_from_the_service_is_put_back_undone_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = service_copy(dir.path());
    let camhs = "Riverside Community CAMHS";
    // Nothing to put back until the team has changed.
    harness
        .get_by_label("Open Riverside Community CAMHS")
        .click();
    harness.run();
    assert!(!harness.state().can_put_back());
    // The educational psychologist: 0.1 of a full-time week in CAMHS, now 0.3.
    let mut doyle = harness
        .state()
        .document()
        .team()
        .members
        .iter()
        .find(|m| m.name == "Dr Patrick Doyle")
        .unwrap()
        .clone();
    doyle.team_share = 0.3;
    harness.state_mut().apply(Edit::UpdateMember {
        member: doyle,
        field: "team share",
    });
    harness.run();
    crate::support::keep_picture(&mut harness, "put-back.png");
    assert!((doyle_in(harness.state(), camhs) - 0.1).abs() < 1e-9);
    harness.get_by_label("Put back").click();
    harness.run();
    let app = harness.state();
    assert!((doyle_in(app, camhs) - 0.3).abs() < 1e-9);
    // His other teams are as they were; the change is the service's now, to save.
    assert!((doyle_in(app, "Northbrook Youth Offending Team") - 0.2).abs() < 1e-9);
    assert!(app.service().unwrap().is_dirty());
    assert!(!app.document().is_dirty());
    assert!(app
        .status()
        .unwrap()
        .text
        .starts_with("Put “Riverside Community CAMHS” back into the service"));
    // In the Service view: the figures follow, and Undo is the service's.
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Service")
        .click();
    harness.run();
    harness.get_by_label("changes not saved");
    let fte = |app: &TeamscapeApp| {
        app.service()
            .unwrap()
            .figures
            .teams
            .iter()
            .find(|t| t.name == camhs)
            .unwrap()
            .team_fte
    };
    // CAMHS: 11.6 FTE before, 0.2 more now.
    assert!((fte(harness.state()) - 11.8).abs() < 1e-9);
    harness.get_by_label("Undo").click();
    harness.run();
    assert!((fte(harness.state()) - 11.6).abs() < 1e-9);
    assert!(!harness.state().service().unwrap().is_dirty());
    harness.get_by_label("Redo").click();
    harness.run();
    harness.get_by_label("Save the service").click();
    harness.run();
    assert!(!harness.state().service().unwrap().is_dirty());
    // What was saved reads back with the change, and the sample is untouched.
    let saved = teamscape::model::io::read_portfolio(&path)
        .unwrap()
        .unwrap();
    let post = saved
        .posts
        .iter()
        .find(|p| p.person == "meadowbank-child-development-centre-14" && p.team == camhs)
        .unwrap();
    assert!((post.fte - 0.3).abs() < 1e-9);
    assert!(path.with_file_name("service.ron.bak").exists());
}

#[test]
fn a_snapshot_is_taken_in_the_window_and_closing_asks_to_save_the_service() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = service_copy(dir.path());
    let before = harness
        .state()
        .service()
        .unwrap()
        .portfolio()
        .snapshots
        .len();
    harness.get_by_label("Take a snapshot…").click();
    harness.run();
    // Typing: Keep waits for a label.
    assert!(harness.get_by_label("Keep").accesskit_node().is_disabled());
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("After the secondments");
    harness.run();
    harness.get_by_label("Keep").click();
    harness.run();
    let s = harness.state().service().unwrap();
    assert_eq!(s.portfolio().snapshots.len(), before + 1);
    assert_eq!(
        s.portfolio().snapshots.last().unwrap().label,
        "After the secondments"
    );
    assert!(s.is_dirty());
    // In the Service view, Ctrl+Z and Ctrl+Shift+Z are the service's.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(snapshots(&harness), before);
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert_eq!(snapshots(&harness), before + 1);
    // The same label again is refused, saying why.
    harness.get_by_label("Take a snapshot…").click();
    harness.run();
    harness
        .get_by_role(egui::accesskit::Role::TextInput)
        .type_text("After the secondments");
    harness.run();
    harness.get_by_label("Keep").click();
    harness.run();
    assert_eq!(
        harness.state().status().unwrap().text,
        "There is already a snapshot called “After the secondments”: choose another label."
    );
    // Closing asks about the service first; Cancel keeps everything.
    harness.state_mut().request(teamscape::app::Then::Close);
    harness.run();
    harness.get_by_label("Save the service's changes?");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.state().service().unwrap().is_dirty());
    harness.state_mut().request(teamscape::app::Then::Close);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let saved = teamscape::model::io::read_portfolio(&path)
        .unwrap()
        .unwrap();
    assert_eq!(saved.snapshots.len(), before + 1);
}

#[test]
fn a_newcomer_who_may_be_someone_the_service_holds_is_asked_about_before_going_back() {
    use teamscape::model::{Member, Pay};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut harness) = service_copy(dir.path());
    harness
        .get_by_label("Open Eastgate Children's Neuro-Rehabilitation Team")
        .click();
    harness.run();
    // A "Naomi Pearce" joins the neuro-rehabilitation team as a physiotherapist; the
    // service's Naomi Pearce is a speech and language therapist elsewhere.
    let team = harness.state().document().team().clone();
    let physio = team
        .disciplines
        .iter()
        .find(|d| d.name == "Physiotherapy")
        .unwrap()
        .id;
    let mut newcomer = Member::new(
        team.next_member_id(),
        "Naomi Pearce",
        physio,
        team.agencies[0].id,
        Pay::Salary(38_000.0),
    );
    harness.state_mut().apply(Edit::AddMember {
        at: teamscape::model::Position { x: 0.0, y: 900.0 },
    });
    let added = harness.state().document().team().members.last().unwrap().id;
    newcomer.id = added;
    harness.state_mut().apply(Edit::UpdateMember {
        member: newcomer,
        field: "name",
    });
    harness.run();
    let people = harness.state().service().unwrap().portfolio().people.len();
    harness.get_by_label("Put back").click();
    harness.run();
    // Nothing is put back until the question is answered.
    harness.get_by_label("Who are the team's new members?");
    assert_eq!(
        harness.state().service().unwrap().portfolio().people.len(),
        people
    );
    harness.get_by_label("Someone new to the service").click();
    harness.run();
    harness.get_by_label("Put the team back").click();
    harness.run();
    let p = harness.state().service().unwrap().portfolio();
    assert_eq!(p.people.len(), people + 1);
    assert_eq!(
        p.people.iter().filter(|q| q.name == "Naomi Pearce").count(),
        2
    );
    assert!(harness
        .query_by_label("Who are the team's new members?")
        .is_none());
}

#[test]
fn a_team_file_is_added_to_the_service_from_the_service_view() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut harness) = service_copy(dir.path());
    // A sixth team: the youth offending team's file under another name. Its people are
    // the service's own (same name, discipline and employer), so none is asked about.
    let mut team = crate::common::sample("youth");
    team.name = "Southbrook Youth Justice Service".to_owned();
    let file = dir.path().join("southbrook.ron");
    teamscape::model::io::save_team(&team, &file).unwrap();
    harness.get_by_label("Add a team file…").click();
    harness.run();
    crate::support::choose_in_dialog(&mut harness, "File name", &file, "Open");
    harness.run();
    let s = harness.state().service().unwrap();
    assert_eq!(s.portfolio().teams.len(), 6);
    // 83, and the file's speech and language therapist, whose post the sample service
    // gives to someone seconded in.
    assert_eq!(s.portfolio().people.len(), 84);
    assert!(s.is_dirty());
    assert!(
        harness
            .state()
            .status()
            .unwrap()
            .text
            == "Added “Southbrook Youth Justice Service” to the service: save the service to keep it. 18 of its people already work in other teams of the service.",
        "{}",
        harness.state().status().unwrap().text
    );
    // Its people now work in two teams each, but the therapist new to the service.
    let youth = s
        .figures
        .teams
        .iter()
        .find(|t| t.name == "Southbrook Youth Justice Service")
        .unwrap();
    assert_eq!(
        (youth.headcount, youth.shared_people),
        (team.members.len(), 18)
    );
    // The same file again: refused, saying why, and nothing changes.
    harness.get_by_label("Add a team file…").click();
    harness.run();
    crate::support::choose_in_dialog(&mut harness, "File name", &file, "Open");
    harness.run();
    assert_eq!(
        harness.state().service().unwrap().portfolio().teams.len(),
        6
    );
    assert!(harness
        .state()
        .status()
        .unwrap()
        .text
        .contains("already has a team called"));
}

/// How many snapshots the open service holds.
fn snapshots(harness: &Harness<'static, TeamscapeApp>) -> usize {
    harness
        .state()
        .service()
        .unwrap()
        .portfolio()
        .snapshots
        .len()
}
