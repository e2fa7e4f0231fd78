//! Opening, saving and never losing a team: the File menu's work, the unsaved-changes
//! question, drag and drop, autosave and recovery, and the error dialog.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{file_name, StatusMessage, TeamscapeApp};
use crate::model::{io, FileError, Team};
use crate::ui::file_dialog::{self, Dialog, Outcome, Purpose};

/// Seconds between autosaves of unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;
/// The most recent files kept.
pub const MAX_RECENT: usize = 10;
const RECOVERY_FILE: &str = "recovery.ron";
const RECOVERY_SOURCE: &str = "recovery-source.txt";

/// What to do once the unsaved-changes question is answered (or was not needed).
#[derive(Clone, Debug, PartialEq)]
pub enum Then {
    Close,
    Open(PathBuf),
    ChooseAndOpen,
    NewEmpty,
    NewSample(usize),
}

/// A recovery file found at start-up.
#[derive(Clone, Debug)]
pub struct RecoveryOffer {
    pub team: Team,
    pub source: Option<PathBuf>,
    pub written: Option<SystemTime>,
}

/// The folder autosaves go to: `$XDG_DATA_HOME/teamscape/recovery`, by default
/// `~/.local/share/teamscape/recovery`.
pub fn default_recovery_dir() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(data.join("teamscape").join("recovery"))
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
    /// Ask before losing unsaved changes; run `then` at once if there are none.
    pub fn request(&mut self, then: Then) {
        if self.dirty {
            self.confirm = Some(then);
        } else {
            self.run_then(then);
        }
    }

    fn run_then(&mut self, then: Then) {
        match then {
            Then::Close => {
                self.allow_close = true;
                self.close_now = true;
            }
            Then::Open(path) => self.open_path(&path),
            Then::ChooseAndOpen => self.start_dialog(Purpose::Open, None),
            Then::NewEmpty => self.replace_team(
                crate::model::library::new_team(),
                None,
                "New team".to_owned(),
            ),
            Then::NewSample(i) => match crate::samples::load(i) {
                Ok(team) => {
                    let name = crate::samples::SAMPLES
                        .get(i)
                        .map_or("sample", |s| s.0)
                        .to_owned();
                    self.replace_team(team, None, name);
                }
                Err(e) => self.error = Some(e),
            },
        }
    }

    /// Open a team file; on any problem show it and keep the current team.
    pub fn open_path(&mut self, path: &Path) {
        match io::open_team(path) {
            Ok(team) => {
                self.replace_team(team, Some(path.to_path_buf()), file_name(path));
                self.remember_recent(path);
            }
            Err(e) => self.error = Some(e),
        }
    }

    fn replace_team(&mut self, team: Team, path: Option<PathBuf>, source_name: String) {
        self.team = team;
        self.path = path;
        self.source_name = source_name;
        self.dirty = false;
        self.history.clear();
        self.revision += 1;
        self.map.selection.clear();
        self.map.highlight.clear();
        self.map.fit();
        self.remove_recovery();
        self.message = None;
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
        match self.path.clone() {
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

    /// Write a valid team to `path`. Returns whether it was written.
    pub fn save_to(&mut self, path: &Path) -> bool {
        let source = io::display_path(path);
        let result =
            io::check_valid(&self.team, &source).and_then(|()| io::save_team(&self.team, path));
        match result {
            Ok(()) => {
                if io::FileKind::of(path) == Ok(io::FileKind::Ron) {
                    self.path = Some(path.to_path_buf());
                    self.source_name = file_name(path);
                    self.dirty = false;
                    self.remove_recovery();
                    self.remember_recent(path);
                }
                self.message = Some(StatusMessage::info(format!("Saved {}", file_name(path))));
                true
            }
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    pub fn start_dialog(&mut self, purpose: Purpose, then: Option<Then>) {
        if self.dialog.is_some() {
            return; // one at a time: repeat clicks are ignored
        }
        let folder = self
            .path
            .as_ref()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|p| p.is_dir())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let stem = self.path.as_ref().and_then(|p| p.file_stem()).map_or_else(
            || self.team.name.replace(['/', '\\'], "-"),
            |s| s.to_string_lossy().into_owned(),
        );
        let name = match purpose {
            Purpose::SaveAs => format!("{stem}.ron"),
            Purpose::ExportCsv => format!("{stem}.csv"),
            Purpose::ExportPicture => format!("{stem}-{}.png", self.current_slide().id()),
            Purpose::ExportSlides => super::workshop::default_slides_folder(&stem),
            Purpose::Open | Purpose::ImportCsv => String::new(),
        };
        self.dialog = Some(Dialog::start(purpose, folder, name, self.native_dialogs));
        self.after_dialog = then;
    }

    fn finish_dialog(&mut self, purpose: Purpose, path: PathBuf) {
        let then = self.after_dialog.take();
        match purpose {
            Purpose::Open => self.request(Then::Open(path)),
            Purpose::SaveAs => {
                if self.save_to(&path) {
                    if let Some(then) = then {
                        self.run_then(then);
                    }
                }
            }
            Purpose::ExportCsv if self.hide_names => {
                // The menu item is off while names are hidden; this covers a dialog that
                // was already open when they were hidden.
                self.message = Some(StatusMessage::error(
                    "Names are hidden, so the spreadsheet (which lists each member's pay) was not written.",
                ));
            }
            Purpose::ExportCsv => {
                if let Err(e) = io::save_team(&self.team, &path) {
                    self.error = Some(e);
                } else {
                    self.message = Some(StatusMessage::info(format!(
                        "Exported {}",
                        file_name(&path)
                    )));
                }
            }
            Purpose::ExportPicture => self.export_picture(path),
            Purpose::ExportSlides => {
                let hide = self.hide_names;
                self.export_slides(path, hide);
            }
            Purpose::ImportCsv => {
                let imported = io::read_text(&path).and_then(|text| {
                    let mut team = self.team.clone();
                    crate::model::csv::import_into(&mut team, &text, &io::display_path(&path))
                        .map_err(|e| e.into_file_error(&io::display_path(&path)))?;
                    io::check_valid(&team, &io::display_path(&path))?;
                    Ok(team)
                });
                match imported {
                    Ok(team) => {
                        let added = team.members.len() - self.team.members.len();
                        self.history.record(&self.team, None);
                        self.team = team;
                        self.changed();
                        self.message =
                            Some(StatusMessage::info(format!("Imported {added} members")));
                    }
                    Err(e) => self.error = Some(e),
                }
            }
        }
    }

    /// The recovery file for this app, if autosave has somewhere to go.
    fn recovery_path(&self) -> Option<PathBuf> {
        self.recovery_dir.as_ref().map(|d| d.join(RECOVERY_FILE))
    }

    /// Write unsaved changes to the recovery file, safely, at most every 30 seconds.
    pub fn autosave(&mut self, now: f64) {
        if !self.dirty
            || self.autosaved_revision == Some(self.revision)
            || now - self.last_autosave < AUTOSAVE_SECONDS
        {
            return;
        }
        self.autosave_now();
        self.last_autosave = now;
    }

    /// Write the recovery file now (tests call this to simulate the 30-second timer).
    pub fn autosave_now(&mut self) {
        let (Some(dir), Some(path)) = (self.recovery_dir.clone(), self.recovery_path()) else {
            return;
        };
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let text = io::to_ron(&self.team);
        let source = self
            .path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let written =
            io::write_atomically(&path, |w| w.write_all(text.as_bytes())).and_then(|()| {
                io::write_atomically(&dir.join(RECOVERY_SOURCE), |w| {
                    w.write_all(source.as_bytes())
                })
            });
        if written.is_ok() {
            self.autosaved_revision = Some(self.revision);
        }
    }

    /// Forget the recovery file: after a save, or an explicit Discard.
    pub fn remove_recovery(&mut self) {
        if let Some(dir) = &self.recovery_dir {
            for name in [RECOVERY_FILE, RECOVERY_SOURCE] {
                let _ = std::fs::remove_file(dir.join(name));
                let _ = std::fs::remove_file(io::backup_path(&dir.join(name)));
            }
        }
        self.autosaved_revision = None;
    }

    /// Look for a recovery file left by a session that did not end cleanly.
    pub fn check_for_recovery(&mut self) {
        let (Some(dir), Some(path)) = (self.recovery_dir.clone(), self.recovery_path()) else {
            return;
        };
        if !path.exists() {
            return;
        }
        match io::open_team(&path) {
            Ok(team) => {
                let source = std::fs::read_to_string(dir.join(RECOVERY_SOURCE))
                    .ok()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| PathBuf::from(s.trim()));
                let written = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
                self.recovery_offer = Some(RecoveryOffer {
                    team,
                    source,
                    written,
                });
            }
            Err(e) => {
                self.error = Some(FileError::new(
                    io::display_path(&path),
                    format!(
                        "an autosaved recovery file could not be read: {}",
                        e.message
                    ),
                    "It has been left where it is; the team you opened is unchanged.",
                ));
            }
        }
    }

    /// The dialogs this module owns, drawn every frame.
    pub fn file_ui(&mut self, ctx: &egui::Context) {
        // Files dropped on the window.
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
                "Drop a .ron team file or a .csv spreadsheet to open it",
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }

        if let Some(dialog) = &mut self.dialog {
            let purpose = dialog.purpose();
            match file_dialog::show(ctx, dialog) {
                Outcome::Still => {}
                Outcome::Cancelled => {
                    self.dialog = None;
                    self.after_dialog = None;
                }
                Outcome::Chosen(path) => {
                    self.dialog = None;
                    self.finish_dialog(purpose, path);
                }
            }
        }

        if let Some(then) = self.confirm.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
                ui.heading("Save your changes?");
                let what = match &then {
                    Then::Close => "before closing",
                    Then::Open(_) | Then::ChooseAndOpen => "before opening another team",
                    Then::NewEmpty | Then::NewSample(_) => "before starting a new team",
                };
                ui.label(format!(
                    "“{}” has changes that are not saved {what}.",
                    self.team.name
                ));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(0);
                    }
                    if ui.button("Discard").clicked() {
                        answer = Some(1);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(2);
                    }
                });
            });
            match answer {
                Some(0) => {
                    self.confirm = None;
                    self.save_or_ask(Some(then));
                }
                Some(1) => {
                    self.confirm = None;
                    self.remove_recovery();
                    self.dirty = false;
                    self.run_then(then);
                }
                Some(_) => self.confirm = None,
                None => {}
            }
        }

        if let Some(offer) = self.recovery_offer.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("recovery_offer")).show(ctx, |ui| {
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "Teamscape was not closed cleanly. Unsaved changes to “{}” ({} members) were kept, written {}.",
                    offer.team.name,
                    offer.team.members.len(),
                    offer.written.map_or_else(|| "at an unknown time".to_owned(), describe_time)
                ));
                if let Some(source) = &offer.source {
                    ui.label(format!("They belong to {}.", source.display()));
                }
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        answer = Some(true);
                    }
                    if ui.button("Discard them").clicked() {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    self.recovery_offer = None;
                    let name = offer
                        .source
                        .as_deref()
                        .map_or_else(|| "recovered team".to_owned(), file_name);
                    // Keep the recovery file until the restored team is saved.
                    let dir = self.recovery_dir.take();
                    self.replace_team(offer.team, offer.source, name);
                    self.recovery_dir = dir;
                    self.dirty = true;
                }
                Some(false) => {
                    self.recovery_offer = None;
                    self.remove_recovery();
                }
                None => {}
            }
        }

        if let Some(error) = self.error.clone() {
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
                self.error = None;
            }
        }
    }
}
