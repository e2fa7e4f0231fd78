//! The one place a test window is made: its size, its theme, and the app in it.

use egui_kittest::Harness;
use teamscape::app::TeamscapeApp;
use teamscape::model::Team;

/// Snapshots: small, to keep the committed PNGs small.
pub const SMALL: [f32; 2] = [1024.0, 640.0];
/// The editor's interaction tests.
pub const EDITOR: [f32; 2] = [1280.0, 800.0];
/// Slides: 16:9.
pub const SLIDES: [f32; 2] = [1280.0, 720.0];
/// The size the layout and keyboard tests check the map at, as CI's real window.
pub const FULL: [f32; 2] = [1440.0, 900.0];

/// A test window to be opened: dark unless made light, kittest's own step unless set.
/// The day the windows of these tests take as today.
pub const TODAY: &str = "2026-03-01";

pub struct Window {
    size: [f32; 2],
    theme: egui::Theme,
    step_dt: Option<f32>,
}

pub fn window(size: [f32; 2]) -> Window {
    Window {
        size,
        theme: egui::Theme::Dark,
        step_dt: None,
    }
}

impl Window {
    pub fn light(mut self) -> Self {
        self.theme = egui::Theme::Light;
        self
    }

    /// The time one frame takes: a double-click needs two clicks within 0.3 s.
    pub fn step_dt(mut self, seconds: f32) -> Self {
        self.step_dt = Some(seconds);
        self
    }

    /// The window around `app`, run until it settles.
    pub fn open(self, app: TeamscapeApp) -> Harness<'static, TeamscapeApp> {
        self.open_with(move |_cc| app)
    }

    /// The window around the app `make` builds (it may set up egui's context first), run
    /// until it settles.
    pub fn open_with(
        self,
        make: impl FnOnce(&mut eframe::CreationContext<'static>) -> TeamscapeApp,
    ) -> Harness<'static, TeamscapeApp> {
        let mut builder = Harness::builder()
            .with_size(self.size)
            .with_theme(self.theme);
        if let Some(dt) = self.step_dt {
            builder = builder.with_step_dt(dt);
        }
        let mut harness = builder.build_eframe(make);
        // A day inside the samples' pay year (2025/26), so that what is drawn does not
        // change with the clock; a test of the warning sets a later one.
        harness.state_mut().set_today(TODAY);
        harness.run();
        harness
    }
}

/// The app as the file and document tests want it: this team, Teamscape's own file dialogs,
/// and autosave into `recovery` (or none).
pub fn app_for(
    team: Team,
    path: Option<std::path::PathBuf>,
    recovery: Option<std::path::PathBuf>,
) -> TeamscapeApp {
    let mut app = TeamscapeApp::new(team, path, "test.ron");
    app.set_native_dialogs(false);
    app.set_recovery_dir(recovery);
    app
}

/// The app on `team`, as the file dialog's tests open it.
pub fn harness(app: TeamscapeApp) -> Harness<'static, TeamscapeApp> {
    window(EDITOR).open(app)
}

/// The app on `team` in the full window, light theme: the layout and keyboard tests' view.
pub fn harness_1440(team: Team) -> Harness<'static, TeamscapeApp> {
    window(FULL)
        .light()
        .open(TeamscapeApp::new(team, None, "test.ron"))
}

/// In the in-app file dialog: replace the text of `field` ("File name", "Folder name")
/// with `path`, then press `button` ("Save", "Export here").
pub fn choose_in_dialog(
    harness: &mut Harness<'static, TeamscapeApp>,
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

/// With `TEAMSCAPE_SLIDE_PICTURES=DIR`, save what the window shows now as `DIR/name`, to
/// look at; otherwise nothing.
pub fn keep_picture(harness: &mut Harness<'static, TeamscapeApp>, name: &str) {
    if let Some(dir) = std::env::var_os("TEAMSCAPE_SLIDE_PICTURES") {
        harness.run_steps(4);
        let image = harness.render().unwrap();
        image.save(std::path::Path::new(&dir).join(name)).unwrap();
    }
}

/// Give the field labelled `label` the keyboard and type `text` into it.
pub fn type_into(harness: &mut Harness<'static, TeamscapeApp>, label: &str, text: &str) {
    use egui_kittest::kittest::Queryable as _;
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// File ▸ Export for a workshop ▸ `item`, clicked as a manager would.
pub fn export_for_a_workshop(harness: &mut Harness<'static, TeamscapeApp>, item: &str) {
    use egui_kittest::kittest::Queryable as _;
    for label in ["File", "Export for a workshop", item] {
        harness.get_by_label(label).click();
        harness.run();
    }
}
