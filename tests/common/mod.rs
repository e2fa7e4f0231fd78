#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Helpers shared by the integration tests.
#![allow(dead_code)]

use teamscape::model::Team;

/// Every embedded sample, parsed.
pub fn samples() -> Vec<(&'static str, Team)> {
    teamscape::samples::SAMPLES
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, teamscape::samples::load(i).unwrap()))
        .collect()
}

pub fn sample(name: &str) -> Team {
    samples()
        .into_iter()
        .find(|(n, _)| n.starts_with(name))
        .unwrap()
        .1
}

/// The app as the file and document tests want it: this team, Teamscape's own file dialogs,
/// and autosave into `recovery` (or none).
pub fn app_for(
    team: Team,
    path: Option<std::path::PathBuf>,
    recovery: Option<std::path::PathBuf>,
) -> teamscape::app::TeamscapeApp {
    let mut app = teamscape::app::TeamscapeApp::new(team, path, "test.ron");
    app.set_native_dialogs(false);
    app.set_recovery_dir(recovery);
    app
}

/// A 1280×800 harness around `app`, run until it settles.
pub fn harness(
    app: teamscape::app::TeamscapeApp,
) -> egui_kittest::Harness<'static, teamscape::app::TeamscapeApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| app);
    harness.run();
    harness
}

/// The app on `team` in a 1440×900 window, light theme, run until it settles: the size the
/// layout and keyboard tests check the map at.
pub fn harness_1440(team: Team) -> egui_kittest::Harness<'static, teamscape::app::TeamscapeApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1440.0, 900.0])
        .with_theme(egui::Theme::Light)
        .build_eframe(move |_cc| teamscape::app::TeamscapeApp::new(team, None, "test.ron"));
    harness.run();
    harness
}

/// In the in-app file dialog: replace the text of `field` ("File name", "Folder name")
/// with `path`, then press `button` ("Save", "Export here").
pub fn choose_in_dialog(
    harness: &mut egui_kittest::Harness<'static, teamscape::app::TeamscapeApp>,
    field: &str,
    path: &std::path::Path,
    button: &str,
) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label(field).focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label(field)
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label(button).click();
}
