//! Workshop mode through the real app with `egui_kittest`: present, step, leave; hide names
//! (checked in the accessibility tree of every slide); choose slides; export pictures.

use crate::common;
use crate::support::{self, window, SLIDES};

use egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use egui_kittest::Harness;
use teamscape::app::TeamscapeApp;
use teamscape::command::Action;
use teamscape::document::Edit;
use teamscape::model::{ChartId, LineManager, SlideId, Team};

fn harness_with(team: Team) -> Harness<'static, TeamscapeApp> {
    window(SLIDES)
        .light()
        .open(TeamscapeApp::new(team, None, "test.ron"))
}

/// Every label and value in the accessibility tree: what a screen reader would say.
fn spoken_text(harness: &Harness<'_, TeamscapeApp>) -> String {
    let mut out = String::new();
    for node in harness.root().children_recursive() {
        let n = node.accesskit_node();
        for text in [n.label(), n.value(), n.description()]
            .into_iter()
            .flatten()
        {
            out.push_str(&text);
            out.push('\n');
        }
    }
    out
}

/// Members' and external managers' names: what Hide names must keep off every slide.
fn names_in(team: &Team) -> Vec<String> {
    let mut names: Vec<String> = team.members.iter().map(|m| m.name.clone()).collect();
    for m in &team.members {
        if let LineManager::External { name, .. } = &m.line_manager {
            names.push(name.clone());
        }
    }
    names
}

fn press(harness: &mut Harness<'_, TeamscapeApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// After an export, one more frame puts the editor's zoom back.
fn assert_zoom_restored(harness: &mut Harness<'_, TeamscapeApp>) {
    harness.run();
    assert!(
        (harness.ctx.zoom_factor() - 1.0).abs() < 1e-6,
        "zoom restored: {}",
        harness.ctx.zoom_factor()
    );
}

/// View ▸ Run a perception round… by its shortcut, Ctrl+Shift+R.
fn start_a_round(harness: &mut Harness<'_, TeamscapeApp>) {
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        Key::R,
    );
    harness.run();
}

/// The facilitator's Ctrl+Shift+E.
fn end_the_round(harness: &mut Harness<'_, TeamscapeApp>) {
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
        Key::E,
    );
    harness.run();
}

fn index(harness: &Harness<'_, TeamscapeApp>) -> Option<usize> {
    harness.state().workshop().presenter().map(|p| p.index)
}

#[test]
fn f5_presents_the_arrows_and_page_keys_step_and_esc_leaves() {
    let mut harness = harness_with(common::sample("youth"));
    press(&mut harness, Key::F5);
    assert_eq!(index(&harness), Some(0));
    // Presenting hides names unless asked otherwise, and the title slide names the team.
    assert!(harness.state().workshop().presenter().unwrap().hide_names);
    harness.get_by_label("Northbrook Youth Offending Team");
    // 18 with the four perception slides and two relational ones (its round of ratings read
    // as the short form): the sample has a round, so only round against round waits.
    harness.get_by_label("1 / 18");
    // Nothing of the editor is left on screen.
    assert!(harness.query_by_label("Add member").is_none());

    press(&mut harness, Key::ArrowRight);
    assert_eq!(index(&harness), Some(1));
    harness.get_by_label("2 / 18");
    press(&mut harness, Key::PageDown);
    assert_eq!(index(&harness), Some(2));
    press(&mut harness, Key::PageUp);
    assert_eq!(index(&harness), Some(1));
    press(&mut harness, Key::ArrowLeft);
    press(&mut harness, Key::ArrowLeft); // already at the first slide: stays
    assert_eq!(index(&harness), Some(0));
    press(&mut harness, Key::End);
    assert_eq!(index(&harness), Some(17));
    press(&mut harness, Key::ArrowRight); // already at the last slide: stays
    assert_eq!(index(&harness), Some(17));

    press(&mut harness, Key::Escape);
    assert_eq!(index(&harness), None);
    harness.get_by_label("Add member");
    // The editor's zoom is back.
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-6);
}

#[test]
fn the_footer_buttons_step_too() {
    let mut harness = harness_with(common::sample("camhs"));
    harness.get_by_label("Present").click();
    harness.run();
    assert_eq!(index(&harness), Some(0));
    harness.get_by_label("Next").click();
    harness.run();
    assert_eq!(index(&harness), Some(1));
    harness.get_by_label("Previous").click();
    harness.run();
    assert_eq!(index(&harness), Some(0));
    harness.get_by_label("Leave").click();
    harness.run();
    assert_eq!(index(&harness), None);
}

#[test]
fn with_names_hidden_no_slide_names_anyone() {
    for sample in ["youth", "camhs"] {
        let team = common::sample(sample);
        let names = names_in(&team);
        let mut harness = harness_with(team);
        press(&mut harness, Key::F5);
        let total = harness.state().slides().len();
        for k in 0..total {
            // Two frames: plots and maps lay out from the frame before.
            harness.run();
            let spoken = spoken_text(&harness);
            for name in &names {
                assert!(
                    !spoken.contains(name.as_str()),
                    "{sample}: slide {} names {name}",
                    k + 1
                );
            }
            press(&mut harness, Key::ArrowRight);
        }
    }
}

#[test]
fn the_name_check_can_fail_names_show_when_hide_names_is_off() {
    // The check above would pass on a map that labelled nobody; here the same map, names
    // shown, puts names in the tree.
    let team = common::sample("youth");
    let names = names_in(&team);
    let mut harness = harness_with(team);
    press(&mut harness, Key::F5);
    press(&mut harness, Key::H); // names shown
    assert!(!harness.state().workshop().presenter().unwrap().hide_names);
    let map = harness
        .state()
        .slides()
        .iter()
        .position(|s| *s == SlideId::Map)
        .unwrap();
    for _ in 0..map {
        press(&mut harness, Key::ArrowRight);
    }
    harness.run();
    harness.run();
    let spoken = spoken_text(&harness);
    assert!(
        names.iter().any(|n| spoken.contains(n.as_str())),
        "with names shown the map labels somebody by name"
    );
    press(&mut harness, Key::H); // hidden again
    harness.run();
    let spoken = spoken_text(&harness);
    assert!(names.iter().all(|n| !spoken.contains(n.as_str())));
    let labels = teamscape::model::presentation::display_labels(&common::sample("youth"));
    assert!(
        labels.values().any(|l| spoken.contains(&format!("{l}, "))),
        "job titles or numbers stand in for names"
    );
}

#[test]
fn hide_names_in_the_editor_closes_the_inspector_and_relabels_the_map() {
    let team = common::sample("youth");
    let names = names_in(&team);
    let mut harness = harness_with(team);
    harness.get_by_label("Hide names").click();
    harness.run();
    harness.run();
    assert!(harness.state().workshop().hide_names());
    harness.get_by_label("Names are hidden");
    let spoken = spoken_text(&harness);
    for name in &names {
        assert!(
            !spoken.contains(name.as_str()),
            "the editor still names {name}"
        );
    }
}

#[test]
fn choose_slides_untick_one_and_undo_it() {
    let mut harness = harness_with(common::sample("youth"));
    // Every slide but the two of change, which wait for a snapshot, round against round,
    // which waits for a second round, and what families say, which waits for their feedback.
    let all = harness.state().slides();
    assert_eq!(all.len(), SlideId::all().len() - 4);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Choose workshop slides…").click();
    harness.run();
    harness.get_by_label("Chart: pay quartiles").click();
    harness.run();
    let slides = harness.state().slides();
    assert_eq!(slides.len(), all.len() - 1);
    assert!(!slides.contains(&SlideId::Chart(ChartId::Quartiles)));
    assert!(
        harness.state().document().is_dirty(),
        "the slide list is part of the team file"
    );
    // Move the pay chart one earlier.
    let pay = slides
        .iter()
        .position(|s| *s == SlideId::Chart(ChartId::Pay))
        .unwrap();
    // One "Up" button per chosen row, in row order.
    harness.get_all_by_label("Up").nth(pay).unwrap().click();
    harness.run();
    assert_eq!(
        harness.state().slides()[pay - 1],
        SlideId::Chart(ChartId::Pay)
    );
    // Each change is one undo step.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().slides(), all);
    // A slide's question is the team's to change, and an empty one returns to the default.
    harness.get_by_label("Question for “Chart: pay by discipline”");
    harness.state_mut().apply(Edit::SetPrompt {
        slide: SlideId::Chart(ChartId::Pay),
        prompt: "  What would fair look like here?  ".to_owned(),
    });
    let team = harness.state().document().team().clone();
    assert_eq!(
        teamscape::analysis::slides::prompt(&team, SlideId::Chart(ChartId::Pay)),
        "What would fair look like here?"
    );
    let ron = teamscape::model::io::to_ron(&team).unwrap();
    assert!(
        ron.contains("What would fair look like here?"),
        "saved in the file"
    );
    harness.state_mut().apply(Edit::SetPrompt {
        slide: SlideId::Chart(ChartId::Pay),
        prompt: String::new(),
    });
    assert_eq!(
        teamscape::analysis::slides::prompt(
            harness.state().document().team(),
            SlideId::Chart(ChartId::Pay)
        ),
        teamscape::analysis::slides::default_prompt(SlideId::Chart(ChartId::Pay))
    );
    // Present shows only the chosen slides.
    harness.state_mut().apply(Edit::SetSlides(vec![
        SlideId::Chart(ChartId::Pay),
        SlideId::Title,
    ]));
    harness.state_mut().start_presenting(true);
    harness.run();
    harness.get_by_label("1 / 2");
}

#[test]
fn export_all_slides_writes_pictures_of_the_window_and_the_handout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("slides");
    let team = common::sample("youth");
    let names = names_in(&team);
    let mut harness = harness_with(team);
    harness.state_mut().apply(Edit::SetSlides(vec![
        SlideId::Title,
        SlideId::MapRings,
        SlideId::Chart(ChartId::Pay),
    ]));
    harness.state_mut().export_slides(out.clone(), true);
    for _ in 0..200 {
        if !harness.state().workshop().exporting() {
            break;
        }
        harness.step();
    }
    assert!(
        !harness.state().workshop().exporting(),
        "the export finished"
    );
    let message = harness.state().status().cloned().unwrap();
    assert!(!message.is_error, "{}", message.text);
    for name in ["01-title.png", "02-map-rings.png", "03-pay.png"] {
        let picture = image::open(out.join(name)).unwrap();
        // A slide is the whole window, in pixels.
        assert_eq!(
            (picture.width(), picture.height()),
            (SLIDES[0] as u32, SLIDES[1] as u32),
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        5,
        "3 pictures, handout.md and handout.pdf"
    );
    assert!(std::fs::read(out.join("handout.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
    let handout = std::fs::read_to_string(out.join("handout.md")).unwrap();
    assert!(handout.contains("(03-pay.png)") && handout.contains("![Chart: pay by discipline: "));
    for name in &names {
        assert!(!handout.contains(name.as_str()));
    }
    assert_zoom_restored(&mut harness);
}

#[test]
fn export_a_picture_of_the_current_chart_at_twice_the_scale() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pay.png");
    let mut harness = harness_with(common::sample("camhs"));
    harness
        .state_mut()
        .set_view(teamscape::app::MainView::Charts(
            teamscape::ui::charts::ChartId::Pay,
        ));
    harness.run();
    harness.state_mut().export_picture(path.clone());
    let mut zooms = Vec::new();
    for _ in 0..100 {
        if !harness.state().workshop().exporting() {
            break;
        }
        zooms.push(harness.ctx.zoom_factor());
        harness.step();
    }
    assert!(!harness.state().workshop().exporting());
    assert!(
        zooms.iter().any(|z| (*z - 2.0).abs() < 1e-6),
        "drawn at twice the scale: {zooms:?}"
    );
    let picture = image::open(&path).unwrap();
    // Two pixels per point: the window's 1280×720 pixels hold a 640×360-point chart.
    assert_eq!((picture.width(), picture.height()), (1280, 720));
    assert_zoom_restored(&mut harness);
}

#[test]
fn an_empty_team_presents_every_slide_without_failing() {
    let mut harness = harness_with(Team::default());
    press(&mut harness, Key::F5);
    for _ in 0..12 {
        press(&mut harness, Key::ArrowRight);
    }
    assert_eq!(index(&harness), Some(11));
    harness.get_by_label("12 / 12");
}

#[test]
fn an_export_that_cannot_write_says_why_and_gives_the_window_back() {
    let dir = tempfile::tempdir().unwrap();
    // A folder cannot be made inside a file.
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let mut harness = harness_with(common::sample("youth"));
    harness.state_mut().export_slides(file.join("slides"), true);
    for _ in 0..20 {
        harness.step();
    }
    assert!(!harness.state().workshop().exporting());
    let message = harness.state().status().cloned().unwrap();
    assert!(message.is_error);
    assert!(
        message.text.contains("could not create the folder"),
        "{}",
        message.text
    );
    harness.get_by_label("Add member");
}

#[test]
fn export_all_slides_from_the_file_menu_through_the_in_app_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("workshop");
    let mut harness = harness_with(common::sample("camhs"));
    harness.state_mut().apply(Edit::SetSlides(vec![
        SlideId::Title,
        SlideId::Chart(ChartId::Outcomes),
    ]));
    harness.state_mut().queue(Action::HideNames);
    harness.run();
    crate::support::export_for_a_workshop(&mut harness, "All slides and handout…");
    support::choose_in_dialog(&mut harness, "Folder name", &target, "Export here");
    for _ in 0..100 {
        harness.step();
        if !harness.state().workshop().exporting() && target.join("handout.md").exists() {
            break;
        }
    }
    assert!(target.join("01-title.png").exists());
    assert!(target.join("02-outcomes.png").exists());
    let handout = std::fs::read_to_string(target.join("handout.md")).unwrap();
    assert!(handout.contains("Names are hidden."));
    let message = harness.state().status().cloned().unwrap();
    assert!(
        message.text.starts_with("Exported 2 slides"),
        "{}",
        message.text
    );
}

#[test]
fn the_handout_alone_is_exported_as_a_pdf_drawn_light_and_the_theme_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("camhs handout.pdf");
    let mut harness = harness_with(common::sample("camhs"));
    harness.ctx.set_theme(egui::Theme::Dark);
    harness.state_mut().apply(Edit::SetSlides(vec![
        SlideId::Title,
        SlideId::Chart(ChartId::Pay),
    ]));
    harness.run();
    crate::support::export_for_a_workshop(&mut harness, "Handout (PDF)…");
    support::choose_in_dialog(&mut harness, "File name", &target, "Save");
    let mut drawn_light = false;
    for _ in 0..100 {
        harness.step();
        drawn_light |=
            harness.state().workshop().exporting() && harness.ctx.theme() == egui::Theme::Light;
        if !harness.state().workshop().exporting() && target.exists() {
            break;
        }
    }
    let pdf = std::fs::read(&target).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(drawn_light, "the slides were not drawn in the light theme");
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    let message = harness.state().status().cloned().unwrap();
    assert!(
        message.text.starts_with("Exported the handout, 2 slides"),
        "{}",
        message.text
    );
    // Only the PDF is left: the slides' folder was the app's own.
    let left: Vec<_> = std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("teamscape-handout-{}-", std::process::id()))
        })
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_slide_zoom_left_by_a_stopped_presentation_is_undone_at_the_next_start() {
    // eframe stored the slide zoom (1.7) when the app was stopped mid-presentation; the
    // preferences stored the editor's (1.0).
    let mut harness = window(SLIDES).open_with(|cc| {
        cc.egui_ctx.set_zoom_factor(1.7);
        let mut app = TeamscapeApp::new(common::sample("youth"), None, "t.ron");
        app.set_prefs(teamscape::app::Prefs {
            zoom_before_present: Some(1.0),
            ..Default::default()
        });
        app
    });
    assert!((harness.ctx.zoom_factor() - 1.0).abs() < 1e-6);
    assert_eq!(harness.state().prefs().zoom_before_present, None);
    // Presenting records the editor's zoom until it ends.
    press(&mut harness, Key::F5);
    assert_eq!(harness.state().prefs().zoom_before_present, Some(1.0));
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().prefs().zoom_before_present, None);
}

#[test]
fn no_spreadsheet_while_names_are_hidden() {
    // A CSV lists each member's pay; a unique job title would give it away.
    let mut harness = harness_with(common::sample("youth"));
    harness.get_by_label("File").click();
    harness.run();
    assert!(!harness
        .get_by_label("Export CSV…")
        .accesskit_node()
        .is_disabled());
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Hide names").click();
    harness.run();
    harness.get_by_label("File").click();
    harness.run();
    assert!(harness
        .get_by_label("Export CSV…")
        .accesskit_node()
        .is_disabled());
}

#[test]
fn a_slides_question_is_typed_in_the_slide_chooser_and_saved_with_the_team() {
    let mut harness = harness_with(common::sample("youth"));
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Choose workshop slides…").click();
    harness.run();
    let field = harness.get_by_label("Question for “Title”");
    field.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness
        .get_by_label("Question for “Title”")
        .type_text("Who would we call first in a crisis, and why?");
    harness.run();
    // Nothing is committed while it is typed; leaving the field commits it.
    assert_eq!(
        teamscape::analysis::slides::prompt(harness.state().document().team(), SlideId::Title),
        teamscape::analysis::slides::default_prompt(SlideId::Title)
    );
    harness.key_press(Key::Tab);
    harness.run();
    harness.run();
    let team = harness.state().document().team();
    assert_eq!(
        teamscape::analysis::slides::prompt(team, SlideId::Title),
        "Who would we call first in a crisis, and why?"
    );
    assert!(harness.state().document().is_dirty());
    // The handout carries it.
    let shown = teamscape::model::presentation::anonymised(team);
    let safe = teamscape::analysis::analyse_workshop_safe(&shown, 3);
    let handout =
        teamscape::analysis::slides::handout(&shown, &safe, &[SlideId::Title], "27 November 2026");
    assert!(handout.contains("**To discuss:** Who would we call first in a crisis, and why?"));
}

/// Click the button with this label.
fn click(harness: &mut Harness<'_, TeamscapeApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

#[test]
fn a_perception_round_in_the_room_three_people_and_a_blank_screen_between_them() {
    let team = common::sample("neuro");
    let disciplines: Vec<String> = team.disciplines.iter().map(|d| d.name.clone()).collect();
    let n = disciplines.len();
    let first = team.disciplines[0].id;
    let mut harness = harness_with(team);
    start_a_round(&mut harness);
    assert!(harness.state().kiosk_running());
    click(&mut harness, "1: Ratings: each profession, 1 to 5");

    // 1: their own is the first discipline; works in the core (1); feels valued 4; rates
    // every discipline say 5, valued 3 by keys (the second key of each screen moves on).
    click(&mut harness, "Start");
    click(&mut harness, &disciplines[0]);
    harness.get_by_label("Do you usually work at least half a full-time week in this team?");
    press(&mut harness, Key::Num1);
    press(&mut harness, Key::Num4);
    for _ in 0..n {
        press(&mut harness, Key::Num5);
        press(&mut harness, Key::Num3);
    }
    click(&mut harness, "Done, pass it on");
    // The screen is blank for the next person: no discipline, no answer.
    harness.get_by_label("Start");
    for d in &disciplines {
        assert!(
            harness.query_by_label(d).is_none(),
            "{d} on the blank screen"
        );
    }
    assert!(harness.query_by_label("say: 5").is_none());

    // 2: prefers not to say, twice (profession and side), skips feeling valued and the
    // first discipline, then 2 and 2.
    click(&mut harness, "Start");
    click(&mut harness, "Prefer not to say");
    click(&mut harness, "Prefer not to say");
    click(&mut harness, "Skip");
    click(&mut harness, "Skip");
    for _ in 1..n {
        press(&mut harness, Key::Num2);
        press(&mut harness, Key::Num2);
    }
    press(&mut harness, Key::Enter);

    // 3: clicks rather than types.
    press(&mut harness, Key::Enter);
    click(&mut harness, &disciplines[1]);
    click(&mut harness, "2: No, less than that");
    click(&mut harness, "1");
    // Two rows of 1 to 5 on each discipline's screen: say, then valued.
    for _ in 0..n {
        harness.get_all_by_label("3").next().unwrap().click();
        harness.run();
        harness.get_all_by_label("4").nth(1).unwrap().click();
        harness.run();
    }
    click(&mut harness, "Done, pass it on");

    // Escape does not end it; the facilitator's Ctrl+Shift+E does.
    press(&mut harness, Key::Escape);
    assert!(harness.state().kiosk_running());
    end_the_round(&mut harness);
    assert!(!harness.state().kiosk_running());
    let team = harness.state().document().team();
    assert_eq!(team.perceptions.len(), 1);
    let r = &team.perceptions[0].responses;
    assert_eq!(r.len(), 3);
    // Stored shuffled: each person is found by how valued they said they feel.
    let person = |v: Option<u8>| r.iter().find(|x| x.feel_valued == v).unwrap();
    let (one, two, three) = (person(Some(4)), person(None), person(Some(1)));
    // The first discipline, paediatrics, has one member here, and her family (medicine and
    // psychology) two: her answers are kept under no discipline, so nobody can trace them.
    assert_eq!(
        team.members
            .iter()
            .filter(|m| m.discipline == first)
            .count(),
        1
    );
    assert_eq!((one.rater, one.rater_family), (None, None));
    let ratings = |x: &teamscape::model::Response| match &x.answers {
        teamscape::model::Answers::Ratings(x) => x.clone(),
        _ => Vec::new(),
    };
    assert_eq!(ratings(one).len(), n);
    assert!(ratings(one)
        .iter()
        .all(|x| x.say == Some(5) && x.valued == Some(3)));
    assert_eq!(two.rater, None);
    assert_eq!(
        ratings(two).len(),
        n - 1,
        "the skipped discipline is not rated"
    );
    assert!(ratings(two)
        .iter()
        .all(|x| x.say == Some(2) && x.valued == Some(2)));
    assert!(ratings(three)
        .iter()
        .all(|x| x.say == Some(3) && x.valued == Some(4)));
    let status = harness.state().status().unwrap().text.clone();
    assert!(status.ends_with(": 3 respondents"), "{status}");
    // One undo step takes the round out again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().document().team().perceptions.is_empty());
}

#[test]
fn a_round_started_from_present_returns_to_the_presentation_on_what_the_room_said() {
    // The neuro team has no round yet: its presentation has no perception slides.
    let mut harness = harness_with(common::sample("neuro"));
    press(&mut harness, Key::F5);
    harness.get_by_label("1 / 12");
    assert_eq!(harness.state().mode(), teamscape::app::Mode::Presenting);
    click(&mut harness, "Run a round");
    assert!(harness.state().kiosk_running());
    assert!(
        harness.state().workshop().presenter().is_some(),
        "the presentation waits behind the kiosk"
    );
    assert_eq!(
        harness.state().mode(),
        teamscape::app::Mode::Round,
        "the round has the screen"
    );
    click(&mut harness, "1: Ratings: each profession, 1 to 5");
    let n = harness.state().document().team().disciplines.len();
    for _ in 0..3 {
        click(&mut harness, "Start");
        click(&mut harness, "Prefer not to say");
        press(&mut harness, Key::Num0);
        press(&mut harness, Key::Num3);
        for _ in 0..n {
            press(&mut harness, Key::Num4);
            press(&mut harness, Key::Num2);
        }
        press(&mut harness, Key::Enter);
    }
    end_the_round(&mut harness);
    assert!(!harness.state().kiosk_running());
    assert_eq!(harness.state().mode(), teamscape::app::Mode::Presenting);
    assert_eq!(
        harness.state().document().team().perceptions[0]
            .responses
            .len(),
        3
    );
    // Back in the presentation, now with the four perception slides and two relational
    // ones, on "Seen versus given".
    let slides = harness.state().slides();
    assert_eq!(slides.len(), 18);
    let at = index(&harness).unwrap();
    assert_eq!(slides[at], SlideId::Chart(ChartId::SeenVsGiven));
    harness.get_by_label(&format!("{} / 18", at + 1));
}

#[test]
fn a_pairwise_round_shows_each_person_ten_different_pairs_and_keeps_their_choices() {
    let team = common::sample("neuro");
    let first = team.disciplines[0].id;
    let mut harness = harness_with(team);
    start_a_round(&mut harness);
    click(&mut harness, "2: Pairs: which of two has more say");
    for person in 0..2 {
        click(&mut harness, "Start");
        if person == 0 {
            click(&mut harness, "Prefer not to say");
        } else {
            harness
                .get_all_by_label(
                    &harness.state().document().team().disciplines[0]
                        .name
                        .clone(),
                )
                .next()
                .unwrap()
                .click();
            harness.run();
        }
        press(&mut harness, Key::Num3);
        // Left, right, left… by keys; the ninth is "can't say".
        for k in 0..10 {
            if k == 8 {
                click(&mut harness, "Can't say");
            } else {
                press(&mut harness, if k % 2 == 0 { Key::Num1 } else { Key::Num2 });
            }
        }
        click(&mut harness, "Done, pass it on");
    }
    end_the_round(&mut harness);
    let team = harness.state().document().team();
    let r = &team.perceptions[0].responses;
    assert_eq!(r.len(), 2);
    // The second person chose paediatrics, a discipline of one here (and a family of two):
    // stored under no discipline, like the first, who preferred not to say.
    assert_eq!(
        team.members
            .iter()
            .filter(|m| m.discipline == first)
            .count(),
        1
    );
    assert!(r
        .iter()
        .all(|x| x.rater.is_none() && x.rater_family.is_none()));
    let mut all_pairs = Vec::new();
    for resp in r {
        let teamscape::model::Answers::Pairwise(choices) = &resp.answers else {
            panic!("pairwise answers")
        };
        assert_eq!(choices.len(), 9, "ten pairs, one skipped");
        let mut pairs: Vec<_> = choices
            .iter()
            .map(|c| (c.higher.min(c.lower), c.higher.max(c.lower)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), 9, "no pair twice for one person");
        all_pairs.extend(pairs);
    }
    // 11 disciplines make 55 pairs: the second person is shown ten the first was not.
    all_pairs.sort_unstable();
    all_pairs.dedup();
    assert_eq!(all_pairs.len(), 18);
}

/// Families' comments stay with the manager: on no slide, names shown or hidden, except the
/// one quote the manager picked, which is on the families' slide with who chose it.
#[test]
fn no_slide_shows_a_familys_comment_but_the_picked_quote() {
    let team = common::sample("camhs");
    let quotes: Vec<String> = team
        .feedback
        .iter()
        .flat_map(|r| r.quotes.clone())
        .collect();
    let comments: Vec<String> = team
        .feedback
        .iter()
        .flat_map(|r| r.comments().map(|c| c.text.clone()))
        .filter(|c| !quotes.contains(c))
        .collect();
    assert!(comments.len() > 10 && quotes.len() == 1);
    for hidden in [true, false] {
        let mut harness = harness_with(team.clone());
        press(&mut harness, Key::F5);
        if !hidden {
            press(&mut harness, Key::H);
        }
        assert_eq!(
            harness.state().workshop().presenter().unwrap().hide_names,
            hidden
        );
        let slides = harness.state().slides();
        assert!(slides.contains(&SlideId::Chart(ChartId::Families)));
        let mut quoted_on = Vec::new();
        for slide in &slides {
            harness.run();
            let spoken = spoken_text(&harness);
            for c in &comments {
                assert!(!spoken.contains(c.as_str()), "{slide:?} shows “{c}”");
            }
            if spoken.contains(quotes[0].as_str()) {
                assert!(spoken.contains("Quotes chosen by the manager"));
                quoted_on.push(*slide);
            }
            press(&mut harness, Key::ArrowRight);
        }
        assert_eq!(quoted_on, vec![SlideId::Chart(ChartId::Families)]);
    }
}

/// In the team panel, with names shown: a comment naming a team member cannot be picked;
/// one that names nobody is picked with one click, and one undo step takes it back.
#[test]
fn picking_a_quote_refuses_a_name_and_undoes() {
    let mut team = common::sample("camhs");
    let round = team
        .feedback
        .iter()
        .position(|r| r.snapshot.is_none())
        .unwrap();
    team.feedback[round].quotes.clear();
    // A comment that names a member (Dr Helen Forsyth), first in the list.
    let mut named = team.feedback[round].responses[0].clone();
    named.comments = vec![teamscape::model::feedback::Comment {
        question: "liked".to_owned(),
        text: "Dr Forsyth explained everything clearly".to_owned(),
    }];
    team.feedback[round].responses.insert(0, named);
    let mut harness = harness_with(team);
    // The panel scrolls: each control is brought into view before it is clicked.
    let header = harness.get_by_label("What families said (2)");
    header.scroll_to_me();
    harness.run();
    harness.get_by_label("What families said (2)").click();
    harness.run();
    let label = harness.state().document().team().feedback[round]
        .label
        .clone();
    // The autumn round's comments, opened.
    let headers = harness.query_all_by_label_contains("Comments (").count();
    assert_eq!(headers, 2);
    harness
        .query_all_by_label_contains("Comments (")
        .nth(round)
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness
        .query_all_by_label_contains("Comments (")
        .nth(round)
        .unwrap()
        .click();
    harness.run();
    let spoken = spoken_text(&harness);
    // The comment naming a member has no button: the reason is shown in its place.
    assert!(spoken.contains("Dr Forsyth explained everything clearly"));
    assert!(spoken.contains("not quotable: it holds “Forsyth”, part of a team member's name"));
    let before = harness.state().document().team().clone();
    harness
        .query_all_by_label("Quote in workshops")
        .next()
        .unwrap()
        .scroll_to_me();
    harness.run();
    harness
        .query_all_by_label("Quote in workshops")
        .next()
        .unwrap()
        .click();
    harness.run();
    let picked = harness.state().document().team().feedback[round]
        .quotes
        .clone();
    assert_eq!(picked.len(), 1, "one click picks one quote in “{label}”");
    assert!(!picked[0].contains("Forsyth"));
    let spoken = spoken_text(&harness);
    assert!(spoken.contains("Quoted in workshops:"));
    harness.get_by_label("Undo").click();
    harness.run();
    assert_eq!(harness.state().document().team(), &before);
}
