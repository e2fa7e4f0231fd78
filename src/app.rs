//! The eframe application: draws the panels, then applies the queued actions and edits in
//! one place ([`TeamscapeApp::apply_edit`] is the only code that changes the team).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{Button, Panel};

use crate::analysis::{analyse, Analysis};
use crate::cli::RunOptions;
use crate::command::{Action, ActionState, Edit};
use crate::history::History;
use crate::model::{
    io, library, Autonomy, Contract, FileError, LineManager, Member, MemberId, Membership, Pay,
    Position, Team,
};
mod files;
mod workshop;

pub use files::{describe_time, Then, AUTOSAVE_SECONDS};
pub use workshop::{ExportJob, ExportKind};

use crate::ui::charts::{self, ChartClick, ChartId};
use crate::ui::file_dialog::{self, Dialog, Purpose};
use crate::ui::{inspector, layout::Layout, map::MapView, present::Presenter, team_panel};

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MainView {
    Map,
    Charts(ChartId),
}

/// Frames to wait before a `--screenshot`, so fonts, layout and animations have settled.
const SCREENSHOT_AFTER_FRAMES: u32 = 30;

pub const APP_NAME: &str = "Teamscape";
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icon.png");

/// What a `--screenshot` run reports back to `main` once the window has closed.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

#[allow(clippy::struct_excessive_bools)] // independent flags, each read by name
pub struct TeamscapeApp {
    pub team: Team,
    /// Where the team was opened from; `None` for a sample or a new team.
    pub path: Option<PathBuf>,
    /// Shown in the window title: the file name, or the sample's name.
    pub source_name: String,
    pub dirty: bool,
    /// Bumped on every change, so derived figures and layouts know when to recompute.
    pub revision: u64,
    pub map: MapView,
    pub view: MainView,
    history: History,
    analysis: Option<(u64, Analysis)>,
    inspector: inspector::InspectorState,
    team_panel: team_panel::TeamPanelState,
    actions: Vec<Action>,
    edits: Vec<Edit>,
    /// A short message for the status bar: a refused edit, or a save.
    pub message: Option<StatusMessage>,
    show_shortcuts: bool,
    title: String,
    screenshot: Option<ScreenshotRequest>,
    /// A theme asked for on the command line, applied on the first frame.
    theme: Option<egui::Theme>,
    /// When `main` started, to report the time to the first frame (`TEAMSCAPE_TRACE_STARTUP=1`).
    pub started: Option<std::time::Instant>,
    frames: u32,
    // ---- files (see files.rs) ----
    dialog: Option<Dialog>,
    after_dialog: Option<Then>,
    /// Try the system's file dialog (false: always the in-app one).
    pub native_dialogs: bool,
    /// The unsaved-changes question, with what to do after it.
    pub confirm: Option<Then>,
    /// A file problem to show.
    pub error: Option<FileError>,
    /// Where autosaves go; `None` turns autosave off.
    pub recovery_dir: Option<PathBuf>,
    pub recovery_offer: Option<files::RecoveryOffer>,
    last_autosave: f64,
    autosaved_revision: Option<u64>,
    allow_close: bool,
    close_now: bool,
    pub prefs: Prefs,
    // ---- workshop (see workshop.rs) ----
    /// Hide names in the editor's map, charts and exports (View ▸ Hide names).
    pub hide_names: bool,
    pub present: Option<Presenter>,
    present_setup_done: bool,
    export: Option<ExportJob>,
    hidden: Option<workshop::HiddenView>,
    show_slide_chooser: bool,
    /// For `--export-slides`: how the export ended, for `main`'s exit code.
    export_result: Option<ScreenshotResult>,
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

struct ScreenshotRequest {
    path: PathBuf,
    requested: bool,
    result: ScreenshotResult,
}

impl TeamscapeApp {
    pub fn new(team: Team, path: Option<PathBuf>, source_name: String) -> Self {
        Self {
            team,
            path,
            source_name,
            dirty: false,
            revision: 0,
            map: MapView::default(),
            view: MainView::Map,
            history: History::default(),
            analysis: None,
            inspector: inspector::InspectorState::default(),
            team_panel: team_panel::TeamPanelState::default(),
            actions: Vec::new(),
            edits: Vec::new(),
            message: None,
            show_shortcuts: false,
            title: String::new(),
            screenshot: None,
            theme: None,
            started: None,
            frames: 0,
            dialog: None,
            after_dialog: None,
            native_dialogs: false,
            confirm: None,
            error: None,
            recovery_dir: None,
            recovery_offer: None,
            last_autosave: 0.0,
            autosaved_revision: None,
            allow_close: false,
            close_now: false,
            prefs: Prefs::default(),
            hide_names: false,
            present: None,
            present_setup_done: false,
            export: None,
            hidden: None,
            show_slide_chooser: false,
            export_result: None,
        }
    }

    /// The app as the command line asks for it: the given file, or the default sample.
    pub fn from_options(options: &RunOptions) -> Result<Self, FileError> {
        let (layout, view) = match options.view.as_deref() {
            None => (Layout::Free, MainView::Map),
            Some("charts") => (Layout::Free, MainView::Charts(ChartId::default())),
            Some(view) => match (
                Layout::from_id(view),
                view.strip_prefix("chart:").and_then(ChartId::from_id),
            ) {
                (Some(layout), _) => (layout, MainView::Map),
                (None, Some(chart)) => (Layout::Free, MainView::Charts(chart)),
                (None, None) => {
                    let charts: Vec<String> = ChartId::ALL
                        .iter()
                        .map(|c| format!("chart:{}", c.id()))
                        .collect();
                    return Err(FileError::new(
                        "--view",
                        format!("unknown view “{view}”"),
                        format!(
                            "Use map, rings, ladder, charts or one of {}.",
                            charts.join(", ")
                        ),
                    ));
                }
            },
        };
        let mut app = if let Some(path) = &options.file {
            let team = io::open_team(path)?;
            Self::new(team, Some(path.clone()), file_name(path))
        } else {
            let index = crate::samples::DEFAULT_SAMPLE;
            let team = crate::samples::load(index)?;
            Self::new(team, None, crate::samples::SAMPLES[index].0.to_owned())
        };
        app.map.layout = layout;
        app.view = view;
        app.native_dialogs = file_dialog::native_available();
        app.recovery_dir = files::default_recovery_dir();
        app.check_for_recovery();
        app.theme = options.dark.map(|dark| {
            if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            }
        });
        app.hide_names = options.hide_names;
        if options.present {
            app.start_presenting(options.hide_names);
        }
        if let Some(dir) = &options.export_slides {
            app.export_result = Some(app.export_slides_and_exit(dir.clone(), options.hide_names));
        }
        if let Some(path) = &options.screenshot {
            app.screenshot = Some(ScreenshotRequest {
                path: path.clone(),
                requested: false,
                result: Arc::new(Mutex::new(None)),
            });
        }
        Ok(app)
    }

    /// Lets `main` learn, after the window closes, whether the screenshot was saved.
    pub fn screenshot_result(&self) -> Option<ScreenshotResult> {
        self.screenshot
            .as_ref()
            .map(|s| Arc::clone(&s.result))
            .or_else(|| self.export_result.clone())
    }

    pub fn window_title(&self) -> String {
        let marker = if self.dirty { "• " } else { "" };
        format!(
            "{marker}{} — {} — {APP_NAME}",
            self.team.name, self.source_name
        )
    }

    /// The analysis of the current team, recomputed only when the team changed.
    pub fn analysis(&mut self) -> &Analysis {
        if self
            .analysis
            .as_ref()
            .is_some_and(|(r, _)| *r != self.revision)
        {
            self.analysis = None;
        }
        let (revision, team) = (self.revision, &self.team);
        &self
            .analysis
            .get_or_insert_with(|| (revision, analyse(team)))
            .1
    }

    fn action_state(&self) -> ActionState {
        ActionState {
            can_undo: self.history.can_undo(),
            can_redo: self.history.can_redo(),
            has_selection: !self.map.selection.is_empty(),
            has_members: !self.team.members.is_empty(),
            has_highlight: !self.map.highlight.is_empty(),
        }
    }

    /// Queue an action, as a menu item, button or shortcut does.
    pub fn queue(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Queue an edit, as a panel does.
    pub fn queue_edit(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    /// Apply everything queued this frame. Called at the end of each frame.
    pub fn run_pending(&mut self, now: f64) {
        let state = self.action_state();
        for action in std::mem::take(&mut self.actions) {
            if action.enabled(&state) {
                self.run_action(action, now);
            }
        }
        for edit in std::mem::take(&mut self.edits) {
            self.apply_edit(edit);
        }
    }

    fn run_action(&mut self, action: Action, now: f64) {
        match action {
            Action::Save => self.save_or_ask(None),
            Action::SaveAs => self.start_dialog(Purpose::SaveAs, None),
            Action::Open => self.request(Then::ChooseAndOpen),
            Action::Undo => {
                if self.history.undo(&mut self.team) {
                    self.changed();
                }
            }
            Action::Redo => {
                if self.history.redo(&mut self.team) {
                    self.changed();
                }
            }
            Action::AddMember => {
                let at = self
                    .map
                    .pointer_world
                    .unwrap_or_else(|| self.map.centre_world());
                self.apply_edit(Edit::AddMember { at });
            }
            Action::DeleteSelection => {
                let ids = self.map.selection.iter().copied().collect();
                self.apply_edit(Edit::DeleteMembers(ids));
            }
            Action::SelectAll => {
                self.map.selection = self.team.members.iter().map(|m| m.id).collect();
            }
            Action::FitView => self.map.fit(),
            Action::LayoutFree | Action::LayoutRings | Action::LayoutLadder => {
                self.view = MainView::Map;
                if let Some(layout) = action.layout() {
                    self.map.set_layout(layout, now);
                }
            }
            Action::ShowCharts => {
                if !matches!(self.view, MainView::Charts(_)) {
                    self.view = MainView::Charts(ChartId::default());
                }
            }
            Action::ClearHighlight => self.map.highlight.clear(),
            Action::Present => self.start_presenting(true),
            Action::HideNames => self.hide_names = !self.hide_names,
        }
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.dirty = true;
    }

    /// The only place the team changes: each edit is one undo step (or joins the last one).
    pub fn apply_edit(&mut self, edit: Edit) {
        let mut next = self.team.clone();
        let merge_key = edit.merge_key();
        let mut select = None;
        match edit {
            Edit::AddMember { at } => {
                let member = Self::new_member(&mut next, at);
                select = Some(member.id);
                next.members.push(member);
            }
            Edit::DeleteMembers(ids) => {
                next.members.retain(|m| !ids.contains(&m.id));
                for m in &mut next.members {
                    if matches!(m.line_manager, LineManager::Member(b) if ids.contains(&b)) {
                        m.line_manager = LineManager::NoManager;
                    }
                }
            }
            Edit::MoveMembers(moves) => {
                for (id, p) in moves {
                    if let Some(m) = next.member_mut(id) {
                        m.position = p;
                    }
                }
            }
            Edit::SetLineManager { member, manager } => {
                if let LineManager::Member(boss) = manager {
                    if manages(&next, member, boss) || member == boss {
                        self.message = Some(StatusMessage::error("That would make line management go round in a circle, so it was not changed."));
                        return;
                    }
                }
                if let Some(m) = next.member_mut(member) {
                    m.line_manager = manager;
                }
            }
            Edit::UpdateMember { member, .. } => {
                if let LineManager::Member(boss) = member.line_manager {
                    if manages(&next, member.id, boss) {
                        self.message = Some(StatusMessage::error("That would make line management go round in a circle, so it was not changed."));
                        return;
                    }
                }
                if let Some(m) = next.member_mut(member.id) {
                    *m = member;
                }
            }
            Edit::UpdateTeam { settings, .. } => settings.apply_to(&mut next),
            Edit::AddDiscipline => {
                let name = unused_name(|n| next.discipline_by_name(n).is_some(), "New discipline");
                let d = library::new_discipline(&next, &name);
                next.disciplines.push(d);
            }
            Edit::UpdateDiscipline(d) => {
                if let Some(x) = next.disciplines.iter_mut().find(|x| x.id == d.id) {
                    *x = d;
                }
            }
            Edit::DeleteDiscipline {
                id,
                move_members_to,
            } => {
                let in_use = next.members.iter().any(|m| m.discipline == id);
                match move_members_to {
                    Some(to) if to != id && next.discipline(to).is_some() => {
                        for m in next.members.iter_mut().filter(|m| m.discipline == id) {
                            m.discipline = to;
                        }
                    }
                    _ if in_use => {
                        self.message = Some(StatusMessage::error(
                            "Choose a discipline for its members first.",
                        ));
                        return;
                    }
                    _ => {}
                }
                next.disciplines.retain(|d| d.id != id);
            }
            Edit::AddAgency => {
                let name = unused_name(|n| next.agency_by_name(n).is_some(), "New agency");
                let a = library::new_agency(&next, &name);
                next.agencies.push(a);
            }
            Edit::UpdateAgency(a) => {
                if let Some(x) = next.agencies.iter_mut().find(|x| x.id == a.id) {
                    *x = a;
                }
            }
            Edit::DeleteAgency {
                id,
                move_members_to,
            } => {
                let in_use = next.members.iter().any(|m| m.agency == id || matches!(&m.line_manager, LineManager::External { agency, .. } if *agency == id));
                match move_members_to {
                    Some(to) if to != id && next.agency(to).is_some() => {
                        for m in &mut next.members {
                            if m.agency == id {
                                m.agency = to;
                            }
                            if let LineManager::External { agency, .. } = &mut m.line_manager {
                                if *agency == id {
                                    *agency = to;
                                }
                            }
                        }
                    }
                    _ if in_use => {
                        self.message = Some(StatusMessage::error(
                            "Choose an agency for its members first.",
                        ));
                        return;
                    }
                    _ => {}
                }
                if next.host_agency == Some(id) {
                    next.host_agency = move_members_to;
                }
                next.agencies.retain(|a| a.id != id);
            }
            Edit::SetSlides(slides) => {
                if slides.is_empty() {
                    self.message = Some(StatusMessage::error(
                        "A workshop needs at least one slide, so the last one stays.",
                    ));
                    return;
                }
                next.presentation.slides = slides;
            }
        }
        if next != self.team {
            self.history.record(&self.team, merge_key);
            self.team = next;
            self.changed();
            self.message = None;
        }
        if let Some(id) = select {
            self.map.selection.clear();
            self.map.selection.insert(id);
        }
    }

    /// A new member with sensible defaults: the most common discipline and the host agency.
    fn new_member(team: &mut Team, at: Position) -> Member {
        let discipline = most_common(team.members.iter().map(|m| m.discipline))
            .or_else(|| team.disciplines.first().map(|d| d.id))
            .unwrap_or_else(|| library::discipline_named(team, "Unassigned discipline"));
        let agency = team
            .host_agency
            .or_else(|| team.agencies.first().map(|a| a.id))
            .unwrap_or_else(|| library::agency_named(team, "Host agency"));
        let id = team.next_member_id();
        Member {
            id,
            name: unused_name(|n| team.members.iter().any(|m| m.name == n), "New member"),
            job_title: String::new(),
            discipline,
            agency,
            pay: Pay::Salary(30_000.0),
            fte: 1.0,
            team_share: 1.0,
            leave_days: Some(25.0),
            training_days: Some(2.0),
            training_budget: None,
            autonomy: Some(Autonomy::DecidesWithSupervision),
            contract: Contract::Permanent,
            co_located: true,
            membership: Membership::Automatic,
            line_manager: LineManager::NoManager,
            position: at,
        }
    }

    fn consume_shortcuts(&mut self, ui: &mut egui::Ui) {
        // While a text field has focus, keys belong to it (Ctrl+Z undoes typing there).
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        for (action, shortcut) in Action::all_shortcuts() {
            if ui.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.actions.push(action);
            }
        }
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, action: Action) {
        let state = self.action_state();
        let mut button = Button::new(action.label());
        if let Some(shortcut) = action.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui
            .add_enabled(action.enabled(&state), button)
            .on_hover_text(action.tooltip())
            .clicked()
        {
            self.actions.push(action);
            ui.close();
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu(ui));
            ui.menu_button("Edit", |ui| {
                for action in [Action::Undo, Action::Redo] {
                    self.menu_item(ui, action);
                }
                ui.separator();
                for action in [
                    Action::AddMember,
                    Action::DeleteSelection,
                    Action::SelectAll,
                ] {
                    self.menu_item(ui, action);
                }
            });
            ui.menu_button("View", |ui| {
                for action in [
                    Action::LayoutFree,
                    Action::LayoutRings,
                    Action::LayoutLadder,
                ] {
                    self.menu_item(ui, action);
                }
                ui.separator();
                self.menu_item(ui, Action::FitView);
                ui.separator();
                self.menu_item(ui, Action::Present);
                if ui
                    .button("Choose workshop slides…")
                    .on_hover_text(
                        "Which slides Present shows, and in what order (saved in the team file)",
                    )
                    .clicked()
                {
                    self.show_slide_chooser = true;
                    ui.close();
                }
                let mut hide = self.hide_names;
                if ui
                    .checkbox(&mut hide, Action::HideNames.label())
                    .on_hover_text(Action::HideNames.tooltip())
                    .changed()
                {
                    self.actions.push(Action::HideNames);
                }
                ui.separator();
                let mut dark = ui.visuals().dark_mode;
                if ui.checkbox(&mut dark, "Dark theme").changed() {
                    ui.ctx().set_theme(if dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Keyboard and mouse").clicked() {
                    self.show_shortcuts = true;
                    ui.close();
                }
                ui.label(format!("{APP_NAME} {}", env!("CARGO_PKG_VERSION")));
            });
        });
    }

    fn file_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("New", |ui| {
            if ui.button("Empty team").clicked() {
                self.request(Then::NewEmpty);
                ui.close();
            }
            ui.separator();
            for (i, (name, _)) in crate::samples::SAMPLES.iter().enumerate() {
                if ui.button(format!("Copy of {name}")).clicked() {
                    self.request(Then::NewSample(i));
                    ui.close();
                }
            }
        });
        self.menu_item(ui, Action::Open);
        ui.menu_button("Open Recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.weak("No recent files yet");
            }
            for path in self.prefs.recent.clone() {
                if ui.button(path.display().to_string()).clicked() {
                    self.request(Then::Open(path));
                    ui.close();
                }
            }
        });
        ui.separator();
        self.menu_item(ui, Action::Save);
        self.menu_item(ui, Action::SaveAs);
        ui.separator();
        if ui
            .button("Import CSV…")
            .on_hover_text("Add members from a spreadsheet to this team")
            .clicked()
        {
            self.start_dialog(Purpose::ImportCsv, None);
            ui.close();
        }
        // A spreadsheet lists each member's own pay; with names hidden a unique job title
        // would still give it away, so it waits until names are shown.
        if ui
            .add_enabled(!self.hide_names, Button::new("Export CSV…"))
            .on_hover_text("Write the members as a spreadsheet")
            .on_disabled_hover_text("Names are hidden: a spreadsheet lists each member's pay, which a job title would give away. Show names to export it.")
            .clicked()
        {
            self.start_dialog(Purpose::ExportCsv, None);
            ui.close();
        }
        ui.menu_button("Export for a workshop", |ui| {
            let names = if self.hide_names {
                "names hidden"
            } else {
                "names shown: View ▸ Hide names hides them"
            };
            if ui
                .button("Picture of this view (PNG)…")
                .on_hover_text(format!(
                    "The map or chart on screen, at twice the screen's scale ({names})"
                ))
                .clicked()
            {
                self.start_dialog(Purpose::ExportPicture, None);
                ui.close();
            }
            if ui
                .button("All slides and handout…")
                .on_hover_text(format!(
                    "Every chosen slide as a numbered PNG, and handout.md, into a folder ({names})"
                ))
                .clicked()
            {
                self.start_dialog(Purpose::ExportSlides, None);
                ui.close();
            }
        });
        ui.menu_button("Samples", |ui| {
            for (i, (name, _)) in crate::samples::SAMPLES.iter().enumerate() {
                if ui.button(*name).clicked() {
                    self.request(Then::NewSample(i));
                    ui.close();
                }
            }
        });
        ui.separator();
        let quit = Button::new("Quit").shortcut_text(ui.ctx().format_shortcut(
            &egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Q),
        ));
        if ui.add(quit).clicked() {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            ui.close();
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) {
        // Wrapped, so a narrow window moves buttons to a second row instead of cutting them off.
        ui.horizontal_wrapped(|ui| {
            ui.strong(&self.team.name);
            ui.separator();
            ui.label("Map:");
            for action in [
                Action::LayoutFree,
                Action::LayoutRings,
                Action::LayoutLadder,
            ] {
                let layout = action.layout();
                let selected = self.view == MainView::Map && layout == Some(self.map.layout);
                let text = match layout {
                    Some(Layout::Free) => "Free",
                    Some(Layout::Rings) => "Core and periphery",
                    _ => "Status ladder",
                };
                if ui
                    .selectable_label(selected, text)
                    .on_hover_text(action.tooltip())
                    .clicked()
                {
                    self.actions.push(action);
                }
            }
            ui.separator();
            let charts = matches!(self.view, MainView::Charts(_));
            if ui
                .selectable_label(charts, "Charts")
                .on_hover_text(Action::ShowCharts.tooltip())
                .clicked()
            {
                self.actions.push(Action::ShowCharts);
            }
            if !self.map.highlight.is_empty() {
                ui.separator();
                let n = self.map.highlight.len();
                if ui
                    .button(format!("Clear highlight ({n})"))
                    .on_hover_text(Action::ClearHighlight.tooltip())
                    .clicked()
                {
                    self.actions.push(Action::ClearHighlight);
                }
            }
            ui.separator();
            if ui
                .button(Action::Present.label())
                .on_hover_text(Action::Present.tooltip())
                .clicked()
            {
                self.actions.push(Action::Present);
            }
            let mut hide = self.hide_names;
            if ui
                .toggle_value(&mut hide, Action::HideNames.label())
                .on_hover_text(Action::HideNames.tooltip())
                .clicked()
            {
                self.actions.push(Action::HideNames);
            }
            ui.separator();
            for action in [
                Action::FitView,
                Action::AddMember,
                Action::Undo,
                Action::Redo,
            ] {
                let state = self.action_state();
                if ui
                    .add_enabled(action.enabled(&state), Button::new(action.label()))
                    .on_hover_text(action.tooltip())
                    .clicked()
                {
                    self.actions.push(action);
                }
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let (core, edge) = {
            let a = self.analysis();
            (
                a.core_periphery.core.headcount,
                a.core_periphery.peripheral.headcount,
            )
        };
        ui.horizontal(|ui| {
            ui.label(format!("{} members", self.team.members.len()));
            ui.separator();
            ui.label(format!("team FTE {:.1}", self.team.team_fte()));
            ui.separator();
            ui.label(format!("{core} core · {edge} peripheral"));
            ui.separator();
            ui.label(&self.source_name);
            if self.dirty {
                ui.colored_label(ui.visuals().warn_fg_color, "unsaved changes");
            }
            if let Some(message) = &self.message {
                ui.separator();
                let colour = if message.is_error { ui.visuals().error_fg_color } else { ui.visuals().text_color() };
                ui.colored_label(colour, &message.text);
            }
            // The hint only where it fits; on a small screen the figures matter more.
            if ui.available_width() > 760.0 {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak("Drag background to pan · wheel to zoom · Shift-drag to select several · drag a selected member's handle to their manager");
                });
            }
        });
    }

    /// Which slides Present shows and in what order. Each change is one undoable edit of the
    /// team file.
    fn slide_chooser(&mut self, ctx: &egui::Context) {
        if !self.show_slide_chooser {
            return;
        }
        let mut open = true;
        let chosen = self.slides();
        let mut next: Option<Vec<crate::model::SlideId>> = None;
        egui::Window::new("Workshop slides")
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("Ticked slides are shown, top to bottom. Saved with the team.");
                ui.add_space(4.0);
                let unchosen = crate::model::SlideId::ALL
                    .into_iter()
                    .filter(|s| !chosen.contains(s));
                let rows: Vec<(crate::model::SlideId, bool)> = chosen
                    .iter()
                    .map(|s| (*s, true))
                    .chain(unchosen.map(|s| (s, false)))
                    .collect();
                egui::Grid::new("slides").striped(true).show(ui, |ui| {
                    for (k, (slide, shown)) in rows.iter().enumerate() {
                        let mut tick = *shown;
                        if ui.checkbox(&mut tick, slide.label()).changed() {
                            let mut list = chosen.clone();
                            if tick {
                                list.push(*slide);
                            } else {
                                list.retain(|s| s != slide);
                            }
                            next = Some(list);
                        }
                        if *shown {
                            let up = ui.add_enabled(k > 0, egui::Button::new("Up").small());
                            if up
                                .on_hover_text(format!("Show “{}” earlier", slide.label()))
                                .clicked()
                            {
                                let mut list = chosen.clone();
                                list.swap(k, k - 1);
                                next = Some(list);
                            }
                            let down = ui.add_enabled(
                                k + 1 < chosen.len(),
                                egui::Button::new("Down").small(),
                            );
                            if down
                                .on_hover_text(format!("Show “{}” later", slide.label()))
                                .clicked()
                            {
                                let mut list = chosen.clone();
                                list.swap(k, k + 1);
                                next = Some(list);
                            }
                        }
                        ui.end_row();
                    }
                });
                ui.add_space(4.0);
                if ui.button("Back to every slide").clicked() {
                    next = Some(crate::model::SlideId::ALL.to_vec());
                }
            });
        if let Some(list) = next {
            self.edits.push(Edit::SetSlides(list));
        }
        self.show_slide_chooser = open;
    }

    fn shortcuts_window(&mut self, ctx: &egui::Context) {
        let mut open = self.show_shortcuts;
        egui::Window::new("Keyboard and mouse")
            .open(&mut open)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for action in Action::ALL {
                        ui.label(action.label());
                        let keys: Vec<String> = action
                            .shortcuts()
                            .iter()
                            .map(|s| ctx.format_shortcut(s))
                            .collect();
                        ui.label(keys.join("  or  "));
                        ui.end_row();
                    }
                    for (what, how) in [
                        ("Add a member", "double-click empty map"),
                        ("Select several", "Shift-click, or Shift-drag a box"),
                        ("Pan", "drag the background"),
                        ("Zoom", "scroll wheel or pinch"),
                        (
                            "Set a line manager",
                            "select a member, drag its small handle onto the manager",
                        ),
                    ] {
                        ui.label(what);
                        ui.label(how);
                        ui.end_row();
                    }
                });
            });
        self.show_shortcuts = open;
    }

    fn drive_screenshot(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.screenshot else {
            return;
        };
        let finished = shot.result.lock().map_or(true, |r| r.is_some());
        if finished {
            // eframe remembers the zoom at exit: not a slide's.
            self.leave_presenting(ctx);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if !shot.requested && self.frames >= SCREENSHOT_AFTER_FRAMES {
            shot.requested = true;
            let path = shot.path.clone();
            let result = Arc::clone(&shot.result);
            let ctx2 = ctx.clone();
            ctx.request_screenshot(move |image| {
                let outcome = save_png(&image, &path);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(outcome);
                }
                ctx2.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

impl eframe::App for TeamscapeApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs);
    }

    /// While exporting, the pointer is kept out: a hover tooltip would end up in the picture.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.exporting() {
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

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frames = self.frames.saturating_add(1);
        let ctx = ui.ctx().clone();
        if self.frames == 1 && self.present.is_none() {
            if let Some(zoom) = self.prefs.zoom_before_present.take() {
                ctx.set_zoom_factor(zoom);
            }
        }
        if self.frames == 1 {
            if let Some(started) = self.started.take() {
                if std::env::var_os("TEAMSCAPE_TRACE_STARTUP").is_some() {
                    eprintln!(
                        "teamscape: first frame {:.0} ms after start",
                        started.elapsed().as_secs_f64() * 1000.0
                    );
                }
            }
        }
        if let Some(theme) = self.theme.take() {
            ctx.set_theme(theme);
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if self.export.is_some() {
            self.export_frame(ui);
        } else if self.present.is_some() {
            self.present_frame(ui);
        } else {
            self.consume_shortcuts(ui);
            self.editor(ui);
            self.shortcuts_window(&ctx);
            self.slide_chooser(&ctx);
        }

        let now = ctx.input(|i| i.time);
        self.run_pending(now);
        self.file_ui(&ctx);
        // Presenting zooms the whole window: put the editor's zoom back before eframe
        // remembers it for the next start.
        if ctx.input(|i| i.viewport().close_requested()) {
            self.leave_presenting(&ctx);
        }
        // Closing (the window's button, Ctrl+Q, Quit) with unsaved changes asks first.
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.allow_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Then::Close);
        }
        if std::mem::take(&mut self.close_now) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.autosave(now);
        if self.dirty {
            // Wake up for the next autosave even if nobody touches the window.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(AUTOSAVE_SECONDS));
        }
        self.drive_screenshot(&ctx);
    }
}

impl TeamscapeApp {
    /// The editor: menus, toolbar, team panel, inspector, and the map or the charts.
    fn editor(&mut self, ui: &mut egui::Ui) {
        Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.toolbar(ui);
        });
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        // The charts need the width; the team panel is for drawing the team.
        if self.view == MainView::Map {
            Panel::left("team")
                .default_size(250.0)
                .size_range(200.0..=340.0)
                .resizable(true)
                .show(ui, |ui| {
                    team_panel::show(ui, &self.team, &mut self.team_panel, &mut self.edits);
                });
        }
        // A fixed width: a panel that grew with its contents would shift the map under the
        // pointer every time the selection changed.
        let hide = self.hide_names;
        Panel::right("inspector").exact_size(330.0).show(ui, |ui| {
            ui.set_min_width(ui.available_width());
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if hide {
                        names_hidden_notice(ui, &mut self.hide_names);
                    } else {
                        inspector::show(
                            ui,
                            &self.team,
                            &self.map.selection,
                            &mut self.inspector,
                            &mut self.edits,
                        );
                    }
                });
        });
        self.analysis();
        if hide {
            self.refresh_hidden();
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let Some((team, analysis)) =
                    workshop::shown(
                    &self.team,
                    self.analysis.as_ref(),
                    self.hidden.as_ref(),
                    hide,
                )
                else {
                    return;
                };
                match self.view {
                    MainView::Map => {
                        self.map
                            .show(ui, team, analysis, self.revision, &mut self.edits);
                    }
                    MainView::Charts(chart) => {
                        let (picked, click) = charts_view(ui, chart, team, analysis);
                        self.view = MainView::Charts(picked);
                        if let Some(ChartClick::Highlight(members)) = click {
                            let n = members.len();
                            self.map.highlight = members.into_iter().collect();
                            self.message = Some(StatusMessage::info(format!(
                                "{n} members highlighted on the map (1, 2 or 3 shows it; Esc clears)"
                            )));
                        }
                    }
                }
            });
    }
}

/// In place of the inspector while names are hidden: editing shows names, so it waits.
fn names_hidden_notice(ui: &mut egui::Ui, hide_names: &mut bool) {
    ui.heading("Names are hidden");
    ui.label("Members appear by job title, or as “Member N” where titles repeat, and no pay figure is shown for a group of fewer than three people.");
    ui.add_space(6.0);
    ui.label("Editing a member would show their name, so the inspector is closed meanwhile.");
    ui.add_space(6.0);
    if ui.button("Show names").clicked() {
        *hide_names = false;
    }
}

/// The charts view: chart tabs across the top, findings on the right, the chart in the rest.
fn charts_view(
    ui: &mut egui::Ui,
    chart: ChartId,
    team: &Team,
    analysis: &Analysis,
) -> (ChartId, Option<ChartClick>) {
    let mut picked = chart;
    let mut click = None;
    // The charts view paints its own background (the map does too).
    egui::Frame::NONE
        .fill(ui.visuals().panel_fill)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            ui.horizontal_wrapped(|ui| {
                for c in ChartId::ALL {
                    if ui.selectable_label(c == chart, c.label()).clicked() {
                        picked = c;
                    }
                }
            });
            ui.separator();
            Panel::right("findings").exact_size(270.0).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        click = charts::findings_list(ui, &analysis.findings);
                    });
            });
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    if let Some(c) = charts::show_chart(ui, picked, team, analysis) {
                        click = Some(c);
                    }
                });
        });
    (picked, click)
}

/// Whether `boss` is (directly or not) managed by `member`: making `boss` the manager of
/// `member` would then close a circle.
fn manages(team: &Team, member: MemberId, boss: MemberId) -> bool {
    let mut at = Some(boss);
    let mut steps = 0;
    while let Some(id) = at {
        if id == member {
            return true;
        }
        steps += 1;
        if steps > team.members.len() {
            return true; // already a circle: refuse rather than loop
        }
        at = match team.member(id).map(|m| &m.line_manager) {
            Some(LineManager::Member(next)) => Some(*next),
            _ => None,
        };
    }
    false
}

fn most_common<T: PartialEq + Copy>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: Vec<(T, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(x, _)| x)
}

/// `base`, or `base 2`, `base 3`… whichever is free first.
fn unused_name(taken: impl Fn(&str) -> bool, base: &str) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    let mut k: u64 = 2;
    loop {
        let name = format!("{base} {k}");
        if !taken(&name) {
            return name;
        }
        k += 1;
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Write a window picture as PNG, safely: a failed write leaves no half-written picture.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_array)
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the window picture has the wrong size".to_owned())?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| format!("{}: could not encode the picture: {e}", path.display()))?;
    io::write_export(path, |out| out.write_all(png.get_ref())).map_err(|e| e.to_string())
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
