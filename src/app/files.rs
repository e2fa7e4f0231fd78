//! Opening, saving and never losing a team: the File menu's work, the unsaved-changes
//! question, drag and drop, autosave and recovery, and the error dialog.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::recovery::{Recovery, RecoveryOffer};
use super::{StatusMessage, TeamscapeApp};
use crate::document::Document;
use crate::model::{io, FileError};
use crate::ui::file_dialog::{self, Dialog, DialogEnd, Purpose};

/// Seconds between autosaves of unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// `AUTOSAVE_SECONDS`, or for the end-to-end tests a shorter time in
/// `TEAMSCAPE_AUTOSAVE_SECONDS` (from 1 s): they waited 70 s of CI's run for two autosaves.
fn autosave_seconds() -> f64 {
    std::env::var("TEAMSCAPE_AUTOSAVE_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 1.0)
        .unwrap_or(AUTOSAVE_SECONDS)
}
/// The most recent files kept.
pub const MAX_RECENT: usize = 10;

/// What to do once the unsaved-changes question is answered (or was not needed).
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    Close,
    Open(PathBuf),
    ChooseAndOpen,
    NewEmpty,
    NewSample(usize),
    /// A team of the open portfolio, by name.
    TakeTeam(String),
}

/// What the window is asking: a modal over everything else. Declared bottom to top, which
/// is the one place their precedence is written: when several are open at once (a problem
/// found while the file dialog is up), each is drawn over those before it, and the last has
/// the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Asking {
    FileDialog,
    UnsavedChanges,
    ServiceUnsaved,
    Recovery,
    WhichSheet,
    Problem,
}

/// The file workflow's state: the dialog in progress, the questions being asked, autosave.
#[derive(Default)]
#[allow(clippy::struct_excessive_bools)] // independent flags, each read by name
pub struct Files {
    dialog: Option<Dialog>,
    after_dialog: Option<Then>,
    /// Try the system's file dialog (false: always the in-app one).
    pub(super) native_dialogs: bool,
    /// The unsaved-changes question, with what to do after it.
    pub(super) confirm: Option<Then>,
    /// The same question for the open portfolio, asked first.
    pub(super) confirm_service: Option<Then>,
    /// A file problem to show.
    pub(super) error: Option<FileError>,
    /// A workbook with more than one sheet that could be read: which one?
    pub(super) sheet_choice: Option<SheetChoice>,
    pub(super) recovery: Recovery,
    /// Work left by windows that are gone, offered at start.
    pub(super) offers: Vec<RecoveryOffer>,
    /// The first Restore button has been given the keyboard (Enter restores).
    offers_focused: bool,
    pub(super) allow_close: bool,
    pub(super) close_now: bool,
    /// The manager's own pay library (`pay::own`), where a year added by hand can be kept;
    /// `None` where there is no data folder (and in tests, unless one sets it).
    pub(super) pay_library: Option<PathBuf>,
}

/// The question asked when a workbook has several sheets that could be the one meant.
pub struct SheetChoice {
    pub path: PathBuf,
    pub purpose: SheetFor,
    pub names: Vec<String>,
    pub chosen: usize,
}

/// What the chosen sheet is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetFor {
    Open,
    ImportMembers,
    ImportPerceptions,
    ImportFeedback,
}

impl SheetFor {
    fn is_header(self) -> fn(&[String]) -> bool {
        match self {
            Self::Open | Self::ImportMembers => crate::model::workbook::is_members_header,
            Self::ImportPerceptions => crate::model::workbook::is_responses_header,
            Self::ImportFeedback => crate::model::feedback_csv::is_feedback_header,
        }
    }
}

impl Files {
    /// The sheet question being asked, if any.
    pub fn sheet_choice(&self) -> Option<&SheetChoice> {
        self.sheet_choice.as_ref()
    }

    /// The unsaved-changes question being asked, if any.
    pub fn confirm(&self) -> Option<&Then> {
        self.confirm.as_ref()
    }

    /// The file problem on screen, if any.
    pub fn error(&self) -> Option<&FileError> {
        self.error.as_ref()
    }

    /// Recovered work on offer.
    pub fn offers(&self) -> &[RecoveryOffer] {
        &self.offers
    }

    /// This window's own recovery file, once autosave has written it.
    pub fn recovery_file(&self) -> Option<PathBuf> {
        self.recovery.own_file()
    }

    fn is_open(&self, asking: Asking) -> bool {
        match asking {
            Asking::FileDialog => self.dialog.is_some(),
            Asking::UnsavedChanges => self.confirm.is_some(),
            Asking::ServiceUnsaved => self.confirm_service.is_some(),
            Asking::Recovery => !self.offers.is_empty(),
            Asking::WhichSheet => self.sheet_choice.is_some(),
            Asking::Problem => self.error.is_some(),
        }
    }

    /// The question on top, which has the keys.
    pub fn asking(&self) -> Option<Asking> {
        <Asking as strum::IntoEnumIterator>::iter()
            .rev()
            .find(|a| self.is_open(*a))
    }

    /// A file dialog or a question is on screen: keys belong to it.
    pub fn is_asking(&self) -> bool {
        self.asking().is_some()
    }
}

/// The question asked before unsaved changes would be lost: Save (0), Discard (1) or
/// Cancel (2), once one is clicked.
fn save_discard_cancel(
    ctx: &egui::Context,
    id: &'static str,
    heading: &str,
    text: &str,
) -> Option<usize> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.heading(heading);
        ui.label(text);
        ui.horizontal(|ui| {
            for (k, label) in ["Save", "Discard", "Cancel"].into_iter().enumerate() {
                if ui.button(label).clicked() {
                    answer = Some(k);
                }
            }
        });
    });
    answer
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// "14:05 UTC on 2026-11-26, 3 minutes ago".
pub fn describe_time(when: SystemTime) -> String {
    let secs = when
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let ago = SystemTime::now()
        .duration_since(when)
        .map_or(0, |d| d.as_secs());
    let (year, month, day) = crate::format::civil_date((secs / 86_400) as i64);
    let (h, m) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    let ago = match ago {
        0..=59 => "less than a minute ago".to_owned(),
        60..=3599 => format!("{} minutes ago", ago / 60),
        _ => format!("{} hours ago", ago / 3600),
    };
    format!("{h:02}:{m:02} UTC on {year}-{month:02}-{day:02}, {ago}")
}

impl TeamscapeApp {
    /// Ask before losing unsaved changes; run `then` at once if there are none. Closing
    /// asks first about the open portfolio (opening another one asks in `open_service`).
    pub fn request(&mut self, then: Then) {
        if matches!(then, Then::Close)
            && self
                .service
                .as_ref()
                .is_some_and(super::service::ServiceState::is_dirty)
        {
            self.files.confirm_service = Some(then);
        } else if self.document.is_dirty() {
            self.files.confirm = Some(then);
        } else {
            self.run_then(then);
        }
    }

    fn run_then(&mut self, then: Then) {
        match then {
            Then::Close => {
                self.files.allow_close = true;
                self.files.close_now = true;
            }
            Then::Open(path) => self.open_path(&path),
            Then::TakeTeam(name) => self.take_service_team(&name),
            Then::ChooseAndOpen => self.start_dialog(Purpose::Open, None),
            Then::NewEmpty => self.replace_document(Document::new(
                crate::model::library::new_team(),
                None,
                "New team",
            )),
            Then::NewSample(i) => match crate::samples::load(i) {
                Ok(team) => {
                    let name = crate::samples::SAMPLES.get(i).map_or("sample", |s| s.0);
                    self.replace_document(Document::new(team, None, name));
                }
                Err(e) => self.files.error = Some(e),
            },
        }
    }

    /// Open a team file. One that cannot be read is reported and the current team kept; one
    /// that reads but breaks rules opens, with its problems listed.
    pub fn open_path(&mut self, path: &Path) {
        if self.ask_which_sheet(path, SheetFor::Open) {
            return;
        }
        self.open_sheet(path, None);
    }

    /// Open a file, reading the workbook sheet called `sheet` if given.
    pub fn open_sheet(&mut self, path: &Path, sheet: Option<&str>) {
        // A portfolio opens whole, in the Service view; `sheet` names one of its teams.
        if sheet.is_none() {
            match io::read_portfolio(path) {
                Ok(Some(portfolio)) => return self.open_service(portfolio, path),
                Ok(None) => {}
                Err(e) => {
                    self.files.error = Some(e);
                    return;
                }
            }
        }
        match io::read_team_to_edit_from(path, sheet) {
            Ok(loaded) => {
                // A team taken from a portfolio is saved as a file of its own, never over it.
                let own = loaded.from_portfolio.is_none().then(|| path.to_path_buf());
                self.replace_document(Document::new(loaded.team, own, file_name(path)));
                self.remember_recent(path);
                if !loaded.notices.is_empty() {
                    self.status = Some(StatusMessage::info(loaded.notices.join(" ")));
                }
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// For a workbook with more than one sheet that could be meant, ask which (and return
    /// true); otherwise go on (false). A file that cannot be read goes on, to be reported
    /// by the reading itself.
    pub(super) fn ask_which_sheet(&mut self, path: &Path, purpose: SheetFor) -> bool {
        match io::workbook_candidates(path, purpose.is_header()) {
            Ok(Some(names)) if names.len() > 1 => {
                self.files.sheet_choice = Some(SheetChoice {
                    path: path.to_path_buf(),
                    purpose,
                    names,
                    chosen: 0,
                });
                true
            }
            _ => false,
        }
    }

    /// Read the sheet the user chose.
    pub fn choose_sheet(&mut self, index: usize) {
        let Some(choice) = self.files.sheet_choice.take() else {
            return;
        };
        let Some(name) = choice.names.get(index) else {
            return;
        };
        let sheet = Some(name.as_str());
        match choice.purpose {
            SheetFor::Open => self.open_sheet(&choice.path, sheet),
            SheetFor::ImportMembers => self.import_members_sheet(&choice.path, sheet),
            SheetFor::ImportPerceptions => self.import_perceptions_sheet(&choice.path, sheet),
            SheetFor::ImportFeedback => self.import_feedback_sheet(&choice.path, sheet),
        }
    }

    pub(super) fn replace_document(&mut self, document: Document) {
        self.document.replace(document);
        // The team that was taken from the portfolio is gone from the editor.
        if let Some(service) = &mut self.service {
            service.forget_taken();
        }
        self.editor.marks.selection.clear();
        self.editor.marks.highlight.clear();
        self.editor.map.fit();
        self.files.recovery.remove_own();
        self.status = None;
        self.announce_problems();
    }

    /// Put a file at the top of File ▸ Open Recent.
    pub fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.recent.retain(|p| *p != path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(MAX_RECENT);
    }

    /// Save: to the file the team came from when that is a team file, otherwise ask where.
    pub fn save_or_ask(&mut self, then: Option<Then>) {
        match self.document.path().map(Path::to_path_buf) {
            Some(path) if io::FileKind::of(&path) == Ok(io::FileKind::Ron) => {
                if self.save_to(&path) {
                    if let Some(then) = then {
                        self.run_then(then);
                    }
                }
            }
            _ => self.start_dialog(Purpose::SaveAs, then),
        }
    }

    /// Write the team to `path`, if it keeps every rule. Returns whether it was written.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let source = io::display_path(path);
        let result = io::check_valid(self.document.team(), &source).map_err(|mut e| {
            "Fix them first: the Problems list takes you to each. Your work is kept in recovery meanwhile.".clone_into(&mut e.hint);
            e
        });
        match result.and_then(|()| io::save_team(self.document.team(), path)) {
            Ok(()) => {
                if io::FileKind::of(path) == Ok(io::FileKind::Ron) {
                    self.document
                        .mark_saved(path.to_path_buf(), file_name(path));
                    self.files.recovery.remove_own();
                    self.remember_recent(path);
                }
                self.status = Some(StatusMessage::info(format!("Saved {}", file_name(path))));
                true
            }
            Err(e) => {
                self.files.error = Some(e);
                false
            }
        }
    }

    pub(super) fn start_dialog(&mut self, purpose: Purpose, then: Option<Then>) {
        if self.files.dialog.is_some() {
            return; // one at a time: repeat clicks are ignored
        }
        let path = self.document.path();
        // A team file for the service is looked for beside the portfolio.
        let beside = self
            .service
            .as_ref()
            .filter(|_| purpose == Purpose::AddToService)
            .map(|s| s.path().to_path_buf());
        let folder = beside
            .as_deref()
            .or(path)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|p| p.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let stem = path.and_then(|p| p.file_stem()).map_or_else(
            || crate::platform::file_stem_for(&self.document.team().name),
            |s| s.to_string_lossy().into_owned(),
        );
        let name = match purpose {
            Purpose::SaveAs => format!("{stem}.ron"),
            Purpose::ExportCsv => format!("{stem}.csv"),
            Purpose::ExportWorkbook => format!("{stem}.xlsx"),
            Purpose::ExportHandoutPdf => format!("{stem}-handout.pdf"),
            Purpose::ExportPicture => format!("{stem}-{}.png", self.current_slide().id()),
            Purpose::ExportSlides => super::workshop::default_slides_folder(&stem),
            Purpose::Open
            | Purpose::ImportCsv
            | Purpose::ImportPerceptions
            | Purpose::ImportFeedback
            | Purpose::ImportPayTable
            | Purpose::CompareWith
            | Purpose::AddToService => String::new(),
        };
        self.files.dialog = Some(Dialog::start(
            purpose,
            folder,
            name,
            self.files.native_dialogs,
        ));
        self.files.after_dialog = then;
    }

    fn finish_dialog(&mut self, purpose: Purpose, path: PathBuf) {
        let then = self.files.after_dialog.take();
        match purpose {
            Purpose::Open => self.request(Then::Open(path)),
            Purpose::SaveAs => {
                if self.save_to(&path) {
                    if let Some(then) = then {
                        self.run_then(then);
                    }
                }
            }
            Purpose::ExportCsv if self.workshop.hide_names => {
                // The menu item is off while names are hidden; this covers a dialog that
                // was already open when they were hidden.
                self.status = Some(StatusMessage::error(
                    "Names are hidden, so the spreadsheet (which lists each member's pay) was not written.",
                ));
            }
            Purpose::ExportCsv => {
                if let Err(e) = io::save_team(self.document.team(), &path) {
                    self.files.error = Some(e);
                } else {
                    self.status = Some(StatusMessage::info(format!(
                        "Exported {}",
                        file_name(&path)
                    )));
                }
            }
            Purpose::ExportWorkbook => self.export_workbook(&path),
            Purpose::ExportHandoutPdf => {
                let hide = self.workshop.hide_names;
                self.export_handout_pdf(path, hide);
            }
            Purpose::ExportPicture => self.export_picture(path),
            Purpose::ExportSlides => {
                let hide = self.workshop.hide_names;
                self.export_slides(path, hide);
            }
            Purpose::ImportCsv => self.import_csv(&path),
            Purpose::ImportPerceptions => self.import_perceptions(&path),
            Purpose::ImportFeedback => self.import_feedback(&path),
            Purpose::ImportPayTable => self.import_pay_table(&path),
            Purpose::CompareWith => self.open_compare_file(&path),
            Purpose::AddToService => self.add_team_file_to_service(&path),
        }
    }

    /// The team as an .xlsx workbook; with names hidden, only the figures and findings.
    fn export_workbook(&mut self, path: &Path) {
        let team = self.document.team();
        let names = if self.workshop.hide_names {
            crate::analysis::workbook::Names::Hidden {
                min_group: self.workshop.min_group.unwrap_or(team.min_group_size),
                group_by: self.workshop.group_by,
            }
        } else {
            crate::analysis::workbook::Names::Shown
        };
        match crate::analysis::workbook::save(team, names, &crate::format::today_iso(), path) {
            Ok(()) => {
                let which = if self.workshop.hide_names {
                    " (names hidden: the figures and findings, no members sheet)"
                } else {
                    ""
                };
                self.status = Some(StatusMessage::info(format!(
                    "Exported {}{which}",
                    file_name(path)
                )));
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// Write unsaved changes to this window's recovery file, at most every 30 seconds.
    /// Returns how long until the next one is due, while there are unsaved changes.
    pub(super) fn autosave(&mut self) -> Option<std::time::Duration> {
        let every = std::time::Duration::from_secs_f64(autosave_seconds());
        let recovery = &self.files.recovery;
        if !self.document.is_dirty() || !recovery.is_on() {
            return None;
        }
        let since = recovery.last_autosave.elapsed();
        if recovery.written_revision == Some(self.document.revision()) {
            return Some(every.saturating_sub(since));
        }
        if since < every {
            return Some(every.saturating_sub(since));
        }
        self.autosave_now();
        self.files.recovery.last_autosave = std::time::Instant::now();
        Some(every)
    }

    /// Write the recovery file now (tests call this to stand in for the 30-second timer).
    pub fn autosave_now(&mut self) {
        if !self.files.recovery.is_on() {
            return;
        }
        let written = self
            .files
            .recovery
            .write(self.document.team(), self.document.path());
        match written {
            Ok(()) => self.files.recovery.written_revision = Some(self.document.revision()),
            Err(e) => {
                self.status = Some(StatusMessage::error(format!(
                    "Autosave failed: {}. Save your work.",
                    e.message
                )));
            }
        }
    }

    /// Look for work left by windows that are gone.
    pub fn check_for_recovery(&mut self) {
        // Let go of the locks of offers already made, or the scan would find them taken.
        self.files.offers.clear();
        let (offers, errors) = self.files.recovery.scan();
        self.files.offers = offers;
        self.files.offers_focused = false;
        if let Some(e) = errors.into_iter().next() {
            self.files.error = Some(e);
        }
    }

    /// Restore the offer at `index`: the team opens, unsaved, and this window's own
    /// recovery file takes it over before the old one is deleted.
    pub fn restore_offer(&mut self, index: usize) {
        if index >= self.files.offers.len() {
            return;
        }
        let offer = self.files.offers.remove(index);
        let name = offer
            .source
            .as_deref()
            .map_or_else(|| "recovered team".to_owned(), file_name);
        self.replace_document(Document::restored(
            offer.team.clone(),
            offer.source.clone(),
            name,
        ));
        self.autosave_now();
        if self.files.recovery.written_revision.is_some() {
            offer.discard();
        }
        // The others stay on disk, offered again at the next start.
        let more = std::mem::take(&mut self.files.offers).len();
        if more > 0 {
            self.status = Some(StatusMessage::info(format!(
                "Restored. {more} more recovered team(s) will be offered at the next start."
            )));
        }
    }

    /// Delete the offer at `index`, and only it.
    pub fn discard_offer(&mut self, index: usize) {
        if index < self.files.offers.len() {
            self.files.offers.remove(index).discard();
        }
    }

    /// The dialogs this module owns, drawn every frame.
    pub(super) fn file_ui(&mut self, ctx: &egui::Context) {
        self.dropped_files(ctx);
        // Bottom to top, so the one on top is drawn last.
        for asking in <Asking as strum::IntoEnumIterator>::iter() {
            match asking {
                Asking::FileDialog => self.file_dialog(ctx),
                Asking::UnsavedChanges => self.unsaved_changes_question(ctx),
                Asking::ServiceUnsaved => self.service_unsaved_question(ctx),
                Asking::Recovery => self.recovery_offers(ctx),
                Asking::WhichSheet => self.sheet_question(ctx),
                Asking::Problem => self.error_dialog(ctx),
            }
        }
    }

    fn file_dialog(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.files.dialog else {
            return;
        };
        let purpose = dialog.purpose();
        match file_dialog::show(ctx, dialog) {
            DialogEnd::Still => {}
            DialogEnd::Cancelled => {
                self.files.dialog = None;
                self.files.after_dialog = None;
            }
            DialogEnd::Chosen(path) => {
                self.files.dialog = None;
                self.finish_dialog(purpose, path);
            }
        }
    }

    /// Which sheet of a workbook to read, when more than one has the columns needed.
    fn sheet_question(&mut self, ctx: &egui::Context) {
        let Some(choice) = &mut self.files.sheet_choice else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("which_sheet")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading("Which sheet?");
            ui.label(format!(
                "{} has {} sheets that could be the one you mean. Choose one to read:",
                file_name(&choice.path),
                choice.names.len()
            ));
            ui.add_space(6.0);
            for (i, name) in choice.names.iter().enumerate() {
                ui.radio_value(&mut choice.chosen, i, name);
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Read this sheet").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                let index = choice.chosen;
                self.choose_sheet(index);
            }
            Some(false) => self.files.sheet_choice = None,
            None => {}
        }
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().find(|p| !p.as_os_str().is_empty()) {
            self.request(Then::Open(path));
        }
        if ctx.input(|i| !i.raw.hovered_files.is_empty()) {
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop_overlay"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(180));
            painter.text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a team file or a spreadsheet (.xlsx, .ods, .csv) to open it",
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }
    }

    fn unsaved_changes_question(&mut self, ctx: &egui::Context) {
        let Some(then) = self.files.confirm.clone() else {
            return;
        };
        let what = match &then {
            Then::Close => "before closing",
            Then::Open(_) | Then::ChooseAndOpen | Then::TakeTeam(_) => {
                "before opening another team"
            }
            Then::NewEmpty | Then::NewSample(_) => "before starting a new team",
        };
        let answer = save_discard_cancel(
            ctx,
            "unsaved_changes",
            "Save your changes?",
            &format!(
                "“{}” has changes that are not saved {what}.",
                self.document.team().name
            ),
        );
        match answer {
            Some(0) => {
                self.files.confirm = None;
                self.save_or_ask(Some(then));
            }
            Some(1) => {
                self.files.confirm = None;
                self.files.recovery.remove_own();
                self.document.mark_discarded();
                self.run_then(then);
            }
            Some(_) => self.files.confirm = None,
            None => {}
        }
    }

    fn service_unsaved_question(&mut self, ctx: &egui::Context) {
        let Some(then) = self.files.confirm_service.clone() else {
            return;
        };
        let name = self
            .service
            .as_ref()
            .map_or_else(String::new, |s| s.portfolio().name.clone());
        let what = match &then {
            Then::Close => "before closing",
            _ => "before opening another portfolio",
        };
        let answer = save_discard_cancel(
            ctx,
            "service_unsaved",
            "Save the service's changes?",
            &format!("The portfolio “{name}” has changes that are not saved {what}."),
        );
        match answer {
            Some(0) => {
                self.files.confirm_service = None;
                if self.save_service() {
                    self.request(then);
                }
            }
            Some(1) => {
                self.files.confirm_service = None;
                if let Some(service) = &mut self.service {
                    service.discard_changes();
                }
                self.request(then);
            }
            Some(_) => self.files.confirm_service = None,
            None => {}
        }
    }

    fn recovery_offers(&mut self, ctx: &egui::Context) {
        enum Answer {
            Restore(usize),
            Discard(usize),
            Later,
        }
        if self.files.offers.is_empty() {
            return;
        }
        let mut answer = None;
        let focus_first = !std::mem::replace(&mut self.files.offers_focused, true);
        egui::Modal::new(egui::Id::unique("recovery_offer")).show(ctx, |ui| {
            ui.set_max_width(620.0);
            ui.heading("Restore unsaved work?");
            ui.label(if self.files.offers.len() == 1 {
                "A Teamscape window was not closed cleanly. Its unsaved changes were kept:"
            } else {
                "Teamscape windows were not closed cleanly. Their unsaved changes were kept:"
            });
            ui.add_space(4.0);
            for (k, offer) in self.files.offers.iter().enumerate() {
                ui.separator();
                ui.strong(format!(
                    "“{}”, {} members",
                    offer.team.name,
                    offer.team.members.len()
                ));
                ui.label(format!(
                    "Belongs to {}; written {}.",
                    offer.source.as_ref().map_or_else(
                        || "a team never saved to a file".to_owned(),
                        |s| s.display().to_string()
                    ),
                    offer
                        .written
                        .map_or_else(|| "at an unknown time".to_owned(), describe_time)
                ));
                ui.horizontal(|ui| {
                    let restore = ui
                        .button("Restore")
                        .on_hover_text("Open this work here, unsaved, to look at and save");
                    if k == 0 && focus_first {
                        // Enter restores the first: the keyboard alone can answer.
                        restore.request_focus();
                    }
                    if restore.clicked() {
                        answer = Some(Answer::Restore(k));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete this recovered work (and only this)")
                        .clicked()
                    {
                        answer = Some(Answer::Discard(k));
                    }
                });
            }
            ui.separator();
            if ui
                .button("Decide later")
                .on_hover_text("Keep the recovered work and ask again at the next start")
                .clicked()
            {
                answer = Some(Answer::Later);
            }
        });
        match answer {
            Some(Answer::Restore(k)) => self.restore_offer(k),
            Some(Answer::Discard(k)) => self.discard_offer(k),
            Some(Answer::Later) => self.files.offers.clear(),
            None => {}
        }
    }

    fn error_dialog(&mut self, ctx: &egui::Context) {
        let Some(error) = &self.files.error else {
            return;
        };
        let mut close = false;
        egui::Modal::new(egui::Id::unique("file_error")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("That did not work");
            let place = match (error.line, error.column) {
                (Some(l), Some(c)) => format!("{}, line {l}, column {c}", error.path),
                (Some(l), None) => format!("{}, line {l}", error.path),
                _ => error.path.clone(),
            };
            ui.strong(place);
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    ui.label(&error.message);
                });
            ui.label(format!("What to do: {}", error.hint));
            ui.weak("The team you had open is unchanged.");
            if ui.button("OK").clicked() {
                close = true;
            }
        });
        if close {
            self.files.error = None;
        }
    }
}
