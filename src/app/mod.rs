//! The window. [`TeamscapeApp`] is five parts and a queue:
//!
//! - `document`: the team, and the only code that changes it (`crate::document`);
//! - `editor`: the editor's view state: map camera, selection, inspector, open windows;
//! - `files`: opening, saving, the unsaved-changes question, autosave and recovery;
//! - `workshop`: presenting, hidden names and exports;
//! - `compare`: snapshots, and the Compare view of two versions.
//!
//! Each frame the panels read `&Team` and queue [`Action`]s and [`Edit`]s; `commands.rs`
//! runs them in one place, after the panels have drawn. Two edits apply where they happen,
//! each through the same `Document::apply`: what a file dialog brings in (`imports`, once
//! the dialog returns, after the queue, so its refusal can name the sheet's cells) and a
//! perception round as the kiosk ends (the presentation then turns to what the room said).
//! Nothing else changes the team.

mod commands;
mod compare;
mod editor;
mod files;
mod imports;
mod menus;
mod recovery;
mod screenshot;
mod service;
mod workshop;

use std::path::PathBuf;

use crate::analysis::{analyse, layout::Layout, Analysis};
use crate::command::Action;
use crate::document::{Document, Edit};
use crate::model::{io, FileError, Team};
use crate::ui::charts::ChartId;

pub use editor::{Editor, MainView};
pub use files::{describe_time, Asking, Files, Then, AUTOSAVE_SECONDS};
pub use recovery::RecoveryOffer;
pub use screenshot::{save_png, ScreenshotResult};
pub use service::ServiceState;
pub use workshop::{ExportJob, ExportKind, Workshop};

pub const APP_NAME: &str = "Teamscape";
pub const ICON_PNG: &[u8] = include_bytes!("../../assets/icon.png");

/// How the window starts, from the command line (`main` makes this from `cli::RunOptions`).
#[derive(Clone, Debug, Default)]
pub struct StartOptions {
    pub file: Option<PathBuf>,
    /// The part of `file` to read: a workbook's sheet (`--sheet`) or a portfolio's team
    /// (`--team`).
    pub sheet: Option<String>,
    pub view: StartView,
    pub screenshot: Option<PathBuf>,
    /// With `screenshot`: write the map's geometry in the pictured frame (`--dump-layout`).
    pub dump_layout: Option<PathBuf>,
    pub theme: Option<egui::Theme>,
    pub present: bool,
    pub hide_names: bool,
    /// Overrides the team's minimum group size for workshop-safe mode (`--min-group`).
    pub min_group: Option<usize>,
    /// Disciplines or professional families with names hidden (`--group-by`).
    pub group_by: crate::model::families::GroupBy,
    pub export_slides: Option<PathBuf>,
}

/// The view to start in: a map layout, or a chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct StartView {
    pub layout: Layout,
    pub charts: Option<ChartId>,
    /// The members table.
    pub table: bool,
    /// The Compare view (the latest snapshot against now), on this tab.
    pub compare: Option<crate::ui::compare::Tab>,
    /// A portfolio's Service view, on this tab.
    pub service: Option<crate::ui::service::Tab>,
}

impl StartView {
    /// `map`, `rings`, `ladder`, `charts` or `chart:ID`; the error says what is allowed.
    pub fn parse(view: &str) -> Result<Self, String> {
        if view == "charts" {
            return Ok(Self {
                charts: Some(ChartId::default()),
                ..Self::default()
            });
        }
        let compare = match view {
            "compare" => Some(crate::ui::compare::Tab::Changes),
            "compare-map" => Some(crate::ui::compare::Tab::Map),
            "compare-slopes" => Some(crate::ui::compare::Tab::Slopes),
            _ => None,
        };
        if compare.is_some() {
            return Ok(Self {
                compare,
                ..Self::default()
            });
        }
        if let Some(tab) = crate::ui::service::Tab::ALL
            .into_iter()
            .find(|t| t.id() == view)
        {
            return Ok(Self {
                service: Some(tab),
                ..Self::default()
            });
        }
        if view == "table" {
            return Ok(Self {
                table: true,
                ..Self::default()
            });
        }
        if let Some(layout) = Layout::from_id(view) {
            return Ok(Self {
                layout,
                ..Self::default()
            });
        }
        if let Some(chart) = view.strip_prefix("chart:").and_then(ChartId::from_id) {
            return Ok(Self {
                charts: Some(chart),
                ..Self::default()
            });
        }
        let charts: Vec<String> = ChartId::all()
            .map(|c| format!("chart:{}", c.id()))
            .collect();
        Err(format!(
            "unknown view “{view}”: use map, rings, ladder, table, compare, compare-map, compare-slopes, {} (a portfolio), charts or one of {}",
            crate::ui::service::Tab::ALL.map(crate::ui::service::Tab::id).join(", "),
            charts.join(", ")
        ))
    }
}

/// The app's own preferences, kept in eframe storage (never in the team file). Every field
/// has a default, so an older or damaged store never stops the app starting.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    /// The editor's zoom while a presentation (which zooms the window) runs: if the app is
    /// stopped mid-presentation, eframe remembers the slide zoom and this puts it right.
    pub zoom_before_present: Option<f32>,
}

/// A line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

impl StatusMessage {
    fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
        }
    }

    fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
        }
    }
}

pub struct TeamscapeApp {
    document: Document,
    editor: Editor,
    files: Files,
    workshop: Workshop,
    /// Snapshots and the Compare view.
    compare: compare::CompareState,
    /// The portfolio open in the Service view, if any.
    service: Option<ServiceState>,
    screenshot: Option<screenshot::Request>,
    /// The analysis of the document at a revision.
    analysis: Option<(u64, Analysis)>,
    /// Queued this frame by menus, buttons, shortcuts and panels; run by `commands.rs`.
    actions: Vec<Action>,
    edits: Vec<Edit>,
    /// A short message for the status bar: a refused edit, or a save.
    status: Option<StatusMessage>,
    prefs: Prefs,
    /// A theme asked for on the command line, applied on the first frame.
    theme: Option<egui::Theme>,
    /// When `main` started, to report the time to the first frame (`TEAMSCAPE_TRACE_STARTUP=1`).
    started: Option<std::time::Instant>,
    frames: u32,
    title: String,
}

impl TeamscapeApp {
    /// The app with a team open, no autosave and Teamscape's own file dialogs (as tests
    /// want it). [`Self::from_options`] is what the real window starts with.
    pub fn new(team: Team, path: Option<PathBuf>, source_name: impl Into<String>) -> Self {
        let mut app = Self {
            document: Document::new(team, path, source_name),
            editor: Editor::default(),
            files: Files::default(),
            workshop: Workshop::default(),
            compare: compare::CompareState::default(),
            service: None,
            screenshot: None,
            analysis: None,
            actions: Vec::new(),
            edits: Vec::new(),
            status: None,
            prefs: Prefs::default(),
            theme: None,
            started: None,
            frames: 0,
            title: String::new(),
        };
        app.announce_problems();
        app
    }

    /// The app as the command line asks for it: the given file, or the default sample.
    pub fn from_options(options: &StartOptions) -> Result<Self, FileError> {
        let mut notices = Vec::new();
        let mut service = None;
        let mut app = if let Some(path) = &options.file {
            if options.sheet.is_none() {
                service = io::read_portfolio(path)?;
            }
            if let Some(p) = service.take() {
                let mut app = Self::new(crate::model::library::new_team(), None, "New team");
                app.open_service(p, path);
                app
            } else {
                let loaded = io::read_team_to_edit_from(path, options.sheet.as_deref())?;
                notices = loaded.notices;
                // A team taken from a portfolio is saved as a file of its own, never over it.
                match loaded.from_portfolio {
                    Some(_) => Self::new(loaded.team, None, files::file_name(path)),
                    None => Self::new(loaded.team, Some(path.clone()), files::file_name(path)),
                }
            }
        } else {
            let index = crate::samples::DEFAULT_SAMPLE;
            let team = crate::samples::load(index)?;
            Self::new(team, None, crate::samples::SAMPLES[index].0)
        };
        app.editor.map.layout = options.view.layout;
        if let Some(chart) = options.view.charts {
            app.editor.view = MainView::Charts(chart);
        }
        if options.view.table {
            app.editor.view = MainView::Table;
        }
        if let (Some(tab), Some(service)) = (options.view.service, app.service.as_mut()) {
            service.view.tab = tab;
        }
        if let Some(tab) = options.view.compare {
            app.editor.view = MainView::Compare;
            app.compare.tab = tab;
        }
        app.files.native_dialogs = crate::ui::file_dialog::native_available();
        app.set_recovery_dir(recovery::default_dir());
        app.files.pay_library =
            crate::platform::data_dir().map(|d| d.join(crate::model::pay::own::FILE_NAME));
        if let Some(path) = &app.files.pay_library {
            if let Err(e) = crate::model::pay::own::load(path) {
                app.files.error = Some(e);
            }
        }
        app.theme = options.theme;
        app.workshop.hide_names = options.hide_names;
        app.workshop.min_group = options.min_group;
        app.workshop.group_by = options.group_by;
        if options.present {
            app.start_presenting(options.hide_names);
        }
        if let Some(dir) = &options.export_slides {
            app.workshop.export_result =
                Some(app.export_slides_and_exit(dir.clone(), options.hide_names));
        }
        if let Some(path) = &options.screenshot {
            let mut request = screenshot::Request::new(path.clone());
            if let Some(json) = &options.dump_layout {
                request.dump_layout = Some(json.clone());
                app.editor.map.record_layout = true;
            }
            app.screenshot = Some(request);
        }
        if !notices.is_empty() {
            app.status = Some(StatusMessage::info(notices.join(" ")));
        }
        Ok(app)
    }

    /// The day the window takes as today (`YYYY-MM-DD`), for whether a pay year is over:
    /// the clock's, unless a test fixes it.
    pub fn set_today(&mut self, iso: &str) {
        iso.clone_into(&mut self.editor.inspector.today);
    }

    /// Where the manager's own pay library is kept (`None`: nowhere, so no year is kept).
    pub fn set_pay_library(&mut self, path: Option<PathBuf>) {
        self.files.pay_library = path;
    }

    /// Where autosaves go (`None` turns autosave off), and look there for work to recover.
    pub fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.files.recovery = recovery::Recovery::new(dir);
        self.check_for_recovery();
    }

    /// Try the system's file dialogs (false: always Teamscape's own).
    pub fn set_native_dialogs(&mut self, native: bool) {
        self.files.native_dialogs = native;
    }

    pub fn set_started(&mut self, started: std::time::Instant) {
        self.started = Some(started);
    }

    /// The preferences eframe kept; the open file joins the recent list.
    pub fn set_prefs(&mut self, prefs: Prefs) {
        self.prefs = prefs;
        if let Some(path) = self.document.path().map(std::path::Path::to_path_buf) {
            self.remember_recent(&path);
        }
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// The editor's view state (selection, camera): not the team, which only edits change.
    pub fn editor_mut(&mut self) -> &mut Editor {
        &mut self.editor
    }

    pub fn files(&self) -> &Files {
        &self.files
    }

    pub fn workshop(&self) -> &Workshop {
        &self.workshop
    }

    pub fn status(&self) -> Option<&StatusMessage> {
        self.status.as_ref()
    }

    /// Show the map or a chart, as the toolbar does.
    pub fn set_view(&mut self, view: MainView) {
        self.editor.view = view;
    }

    /// Lets `main` learn, after the window closes, whether the screenshot was saved.
    pub fn screenshot_result(&self) -> Option<ScreenshotResult> {
        self.screenshot
            .as_ref()
            .map(screenshot::Request::result)
            .or_else(|| self.workshop.export_result.clone())
    }

    pub fn window_title(&self) -> String {
        if let (MainView::Service, Some(s)) = (self.editor.view, &self.service) {
            return format!(
                "{} — {} — {APP_NAME}",
                s.portfolio().name,
                files::file_name(s.path())
            );
        }
        let marker = if self.document.is_dirty() { "• " } else { "" };
        format!(
            "{marker}{} — {} — {APP_NAME}",
            self.document.team().name,
            self.document.source_name()
        )
    }

    /// The analysis of the current team, recomputed only when the team changed.
    pub fn analysis(&mut self) -> &Analysis {
        let revision = self.document.revision();
        if self.analysis.as_ref().is_some_and(|(r, _)| *r != revision) {
            self.analysis = None;
        }
        let team = self.document.team();
        &self
            .analysis
            .get_or_insert_with(|| (revision, analyse(team)))
            .1
    }

    /// A team that breaks rules opens anyway; say so, and list them.
    fn announce_problems(&mut self) {
        let n = self.document.problems().len();
        if n > 0 {
            self.editor.show_problems = true;
            self.status = Some(StatusMessage::error(format!(
                "This team breaks {}: fix it here; saving waits until then.",
                crate::format::count(n, "rule", "rules")
            )));
        }
    }
}

impl eframe::App for TeamscapeApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }

    /// While exporting or taking a `--screenshot`, the pointer is kept out: a hover tooltip
    /// (or a hovered member's label, which may cover others) would end up in the picture,
    /// wherever the pointer happens to rest.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.exporting() || self.screenshot.is_some() {
            raw_input.events.retain(|e| {
                !matches!(
                    e,
                    egui::Event::PointerMoved(_)
                        | egui::Event::MouseMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseWheel { .. }
                        | egui::Event::Touch { .. }
                )
            });
            raw_input.events.push(egui::Event::PointerGone);
        }
    }

    /// Runs before every frame, and also while the window is hidden or covered (eframe then
    /// skips `ui`): autosave must not wait for the window to be seen.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Some(next) = self.autosave() {
            // Wake up for the next autosave even if nobody touches the window.
            ctx.request_repaint_after(next);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frames = self.frames.saturating_add(1);
        let ctx = ui.ctx().clone();
        if self.frames == 1 {
            self.first_frame(&ctx);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        match self.mode() {
            Mode::Exporting => self.export_frame(ui),
            Mode::Round => self.kiosk_frame(ui),
            Mode::Presenting => self.present_frame(ui),
            Mode::Editing => {
                self.consume_shortcuts(&ctx);
                self.editor_ui(ui);
                self.shortcuts_window(&ctx);
                self.slide_chooser(&ctx);
                self.problems_window(&ctx);
                self.snapshots_window(&ctx);
                self.save_snapshot_question(&ctx);
            }
        }
        self.commit_orphaned_drafts(&ctx);

        let now = ctx.input(|i| i.time);
        self.run_pending(now, &ctx);
        // A gesture (a drag, a field being typed into) has ended: the next edit is a new
        // undo step even if it changes the same field.
        // A gesture also ends when the keyboard moves to another field (Tab, a click).
        let focus = ctx.memory(egui::Memory::focused);
        self.editor.was_typing = focus.is_some() && self.editor.map.keyboard_member(&ctx).is_none();
        if (ctx.dragged_id().is_none() && focus.is_none()) || focus != self.editor.last_focus {
            self.document.end_gesture();
        }
        self.editor.last_focus = focus;
        self.service_questions(&ctx);
        self.file_ui(&ctx);
        self.handle_close(&ctx);
        self.drive_screenshot(&ctx);
    }
}

/// What the window is doing. Several can be under way at once (a round started from a
/// presentation, an export asked for while presenting); the one that has the screen is
/// decided here, once: an export owns the window until it is done, a perception round takes
/// the screen from a presentation, and a presentation from the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exporting,
    Round,
    Presenting,
    Editing,
}

impl TeamscapeApp {
    /// The mode that has the screen (see [`Mode`]).
    pub fn mode(&self) -> Mode {
        if self.workshop.export.is_some() {
            Mode::Exporting
        } else if self.workshop.kiosk.is_some() {
            Mode::Round
        } else if self.workshop.present.is_some() {
            Mode::Presenting
        } else {
            Mode::Editing
        }
    }

    fn first_frame(&mut self, ctx: &egui::Context) {
        if self.workshop.present.is_none() {
            if let Some(zoom) = self.prefs.zoom_before_present.take() {
                ctx.set_zoom_factor(zoom);
            }
        }
        if let Some(started) = self.started.take() {
            if std::env::var_os("TEAMSCAPE_TRACE_STARTUP").is_some() {
                eprintln!(
                    "teamscape: first frame {:.0} ms after start",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
        }
        if let Some(theme) = self.theme.take() {
            ctx.set_theme(theme);
        }
    }

    /// Closing (the window's button, Ctrl+Q, Quit) with unsaved changes asks first.
    fn handle_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) {
            // Presenting zooms the whole window: put the editor's zoom back before eframe
            // remembers it for the next start.
            self.leave_presenting(ctx);
            if !self.files.allow_close {
                let service = self
                    .service
                    .as_ref()
                    .is_some_and(service::ServiceState::is_dirty);
                if service || self.document.is_dirty() {
                    ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                    self.request(Then::Close);
                }
            }
        }
        if std::mem::take(&mut self.files.close_now) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Preferences from eframe storage, or the defaults.
pub fn load_prefs(storage: Option<&dyn eframe::Storage>) -> Prefs {
    storage
        .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
        .unwrap_or_default()
}

/// The app icon, decoded from `assets/icon.png`.
pub fn icon() -> Option<egui::IconData> {
    let image = image::load_from_memory(ICON_PNG).ok()?.into_rgba8();
    let (width, height) = image.dimensions();
    Some(egui::IconData {
        rgba: image.into_raw(),
        width,
        height,
    })
}
