//! File dialogs. The native one (rfd, through the XDG desktop portal on Linux) runs on a
//! worker thread so a portal that never answers cannot hang the window; the in-app one is a
//! modal where a path can be typed or picked from the folder list. It is used where no
//! portal can answer (no session bus, Xvfb), when `TEAMSCAPE_FILE_DIALOG=builtin` is set,
//! and in tests.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Set to `builtin` to always use the in-app dialog.
pub const ENV_FORCE_BUILTIN: &str = "TEAMSCAPE_FILE_DIALOG";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    SaveAs,
    ImportCsv,
    ImportPerceptions,
    ImportFeedback,
    /// A published pay table, read into a pay year.
    ImportPayTable,
    ExportCsv,
    /// An .xlsx workbook: members, figures, findings.
    ExportWorkbook,
    /// The printable handout alone, as a PDF.
    ExportHandoutPdf,
    /// A PNG of the current view.
    ExportPicture,
    /// A folder for every slide and the handout.
    ExportSlides,
    /// Another team file, read to compare with the team.
    CompareWith,
    /// A team file to add to the open portfolio.
    AddToService,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Self::Open => "Open a team",
            Self::CompareWith => "Compare with another team file (.ron, .csv, .xlsx)",
            Self::AddToService => "Add a team file to the service (.ron, .xlsx, .ods, .csv)",
            Self::SaveAs => "Save the team as",
            Self::ImportCsv => "Import members from a spreadsheet (.xlsx, .ods, .xls, .csv)",
            Self::ImportPerceptions => "Import perception responses (.xlsx, .ods, .csv)",
            Self::ImportFeedback => "Import families' feedback (.xlsx, .ods, .csv)",
            Self::ImportPayTable => {
                "Import a published pay table: scale, point, salary (.xlsx, .ods, .csv)"
            }
            Self::ExportCsv => "Export the members as a spreadsheet (CSV)",
            Self::ExportWorkbook => "Export the team as a spreadsheet (.xlsx)",
            Self::ExportHandoutPdf => "Export the workshop handout (PDF)",
            Self::ExportPicture => "Export this view as a picture (PNG)",
            Self::ExportSlides => "Export every slide and the handout into a folder",
        }
    }

    fn saves(self) -> bool {
        matches!(
            self,
            Self::SaveAs
                | Self::ExportCsv
                | Self::ExportWorkbook
                | Self::ExportHandoutPdf
                | Self::ExportPicture
                | Self::ExportSlides
        )
    }

    /// Chooses a folder (created if it does not exist) rather than a file.
    pub fn picks_folder(self) -> bool {
        self == Self::ExportSlides
    }

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Open | Self::CompareWith | Self::AddToService => {
                &["ron", "xlsx", "ods", "xls", "csv"]
            }
            Self::SaveAs => &["ron"],
            Self::ImportCsv
            | Self::ImportPerceptions
            | Self::ImportFeedback
            | Self::ImportPayTable => &["xlsx", "ods", "xls", "csv"],
            Self::ExportCsv => &["csv"],
            Self::ExportWorkbook => &["xlsx"],
            Self::ExportHandoutPdf => &["pdf"],
            Self::ExportPicture => &["png"],
            Self::ExportSlides => &[],
        }
    }
}

/// Whether the native dialog can be tried here.
pub fn native_available() -> bool {
    if std::env::var(ENV_FORCE_BUILTIN).is_ok_and(|v| v == "builtin") {
        return false;
    }
    // The portal is reached over the session bus; without one, rfd would only fail slowly.
    // With a bus but no portal installed, rfd tries zenity, and without zenity it returns
    // nothing, which would look like Cancel: the built-in dialog then, so Open still opens.
    cfg!(not(target_os = "linux"))
        || (std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            && (portal_installed() || on_path("zenity")))
}

/// Whether a desktop portal is installed, by the D-Bus service file its package puts in the
/// system's (or the user's) data folders.
fn portal_installed() -> bool {
    const SERVICE: &str = "dbus-1/services/org.freedesktop.portal.Desktop.service";
    let data_dirs = std::env::var("XDG_DATA_DIRS")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "/usr/local/share:/usr/share".to_owned());
    let home_data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    data_dirs
        .split(':')
        .map(PathBuf::from)
        .chain(home_data)
        .any(|dir| dir.join(SERVICE).is_file())
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(program).is_file()))
}

/// A dialog in progress: native on a worker thread, or built in.
pub enum Dialog {
    Native {
        purpose: Purpose,
        receiver: mpsc::Receiver<Option<PathBuf>>,
    },
    Builtin(BuiltinDialog),
}

impl Dialog {
    pub fn start(purpose: Purpose, folder: PathBuf, file_name: String, native: bool) -> Self {
        if native {
            let (sender, receiver) = mpsc::channel();
            let extensions = purpose.extensions();
            let folder2 = folder.clone();
            let name2 = file_name.clone();
            let spawned = std::thread::Builder::new()
                .name("file-dialog".to_owned())
                .spawn(move || {
                    let mut dialog = rfd::FileDialog::new()
                        .set_title(purpose.title())
                        .set_directory(&folder2);
                    if !extensions.is_empty() {
                        dialog = dialog.add_filter("Teamscape", extensions);
                    }
                    let picked = if purpose.picks_folder() {
                        dialog.pick_folder()
                    } else if purpose.saves() {
                        dialog.set_file_name(name2).save_file()
                    } else {
                        dialog.pick_file()
                    };
                    let _ = sender.send(picked);
                });
            if spawned.is_ok() {
                return Self::Native { purpose, receiver };
            }
        }
        Self::Builtin(BuiltinDialog::new(purpose, folder, file_name))
    }

    pub fn purpose(&self) -> Purpose {
        match self {
            Self::Native { purpose, .. } => *purpose,
            Self::Builtin(b) => b.purpose,
        }
    }
}

/// What a dialog ended with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DialogEnd {
    Still,
    Cancelled,
    Chosen(PathBuf),
}

/// Show or poll the dialog. The native one shows a small waiting window with a way out.
pub fn show(ctx: &egui::Context, dialog: &mut Dialog) -> DialogEnd {
    match dialog {
        Dialog::Native { purpose, receiver } => match receiver.try_recv() {
            Ok(Some(path)) => DialogEnd::Chosen(path),
            Ok(None) | Err(mpsc::TryRecvError::Disconnected) => DialogEnd::Cancelled,
            Err(mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                let mut switch = false;
                egui::Modal::new(egui::Id::unique("native_dialog_wait")).show(ctx, |ui| {
                    ui.heading(purpose.title());
                    ui.label("Waiting for the system file dialog…");
                    if ui.button("Use Teamscape's own dialog instead").clicked() {
                        switch = true;
                    }
                });
                if switch {
                    let folder = std::env::current_dir().unwrap_or_default();
                    *dialog = Dialog::Builtin(BuiltinDialog::new(*purpose, folder, String::new()));
                }
                DialogEnd::Still
            }
        },
        Dialog::Builtin(b) => b.show(ctx),
    }
}

/// The in-app dialog's state.
pub struct BuiltinDialog {
    pub purpose: Purpose,
    pub folder: PathBuf,
    /// What is typed: a file name in `folder`, or a whole path.
    pub name: String,
    entries: Vec<(String, bool)>,
    listed: Option<PathBuf>,
    problem: Option<String>,
}

impl BuiltinDialog {
    pub fn new(purpose: Purpose, folder: PathBuf, name: String) -> Self {
        Self {
            purpose,
            folder,
            name,
            entries: Vec::new(),
            listed: None,
            problem: None,
        }
    }

    /// The path the dialog would choose now.
    pub fn chosen_path(&self) -> PathBuf {
        let typed = Path::new(self.name.trim());
        let mut path = if typed.is_absolute() {
            typed.to_path_buf()
        } else {
            self.folder.join(typed)
        };
        if self.purpose.saves() && !self.purpose.picks_folder() && path.extension().is_none() {
            path.set_extension(self.purpose.extensions()[0]);
        }
        path
    }

    fn refresh(&mut self) {
        if self.listed.as_ref() == Some(&self.folder) {
            return;
        }
        self.listed = Some(self.folder.clone());
        self.entries.clear();
        let Ok(read) = std::fs::read_dir(&self.folder) else {
            self.problem = Some(format!("{} cannot be read", self.folder.display()));
            return;
        };
        let extensions = self.purpose.extensions();
        for entry in read.flatten().take(2_000) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let fits = Path::new(&name)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e.to_ascii_lowercase().as_str()));
            if is_dir || fits {
                self.entries.push((name, is_dir));
            }
        }
        self.entries.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
        });
    }

    pub fn show(&mut self, ctx: &egui::Context) -> DialogEnd {
        self.refresh();
        let mut outcome = DialogEnd::Still;
        egui::Modal::new(egui::Id::unique("builtin_file_dialog")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(self.purpose.title());
            ui.horizontal(|ui| {
                if ui.button("Up").on_hover_text("The folder above").clicked() {
                    if let Some(parent) = self.folder.parent() {
                        self.folder = parent.to_path_buf();
                    }
                }
                ui.label(self.folder.display().to_string());
            });
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    let mut go_into = None;
                    for (name, is_dir) in &self.entries {
                        let label = if *is_dir {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        let r = ui.selectable_label(!*is_dir && self.name == *name, label);
                        if r.clicked() {
                            if *is_dir {
                                go_into = Some(self.folder.join(name));
                            } else {
                                self.name.clone_from(name);
                            }
                        }
                        if r.double_clicked() && !*is_dir {
                            outcome = DialogEnd::Chosen(self.folder.join(name));
                        }
                    }
                    if self.entries.is_empty() {
                        ui.weak(if self.purpose.picks_folder() {
                            "No folders here."
                        } else {
                            "No team files here."
                        });
                    }
                    if let Some(dir) = go_into {
                        self.folder = dir;
                    }
                });
            ui.horizontal(|ui| {
                let l = ui.label(if self.purpose.picks_folder() {
                    "Folder name"
                } else {
                    "File name"
                });
                ui.add(egui::TextEdit::singleline(&mut self.name).desired_width(360.0))
                    .labelled_by(l.id);
            });
            if let Some(problem) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, problem);
            }
            ui.horizontal(|ui| {
                let action = if self.purpose.picks_folder() {
                    "Export here"
                } else if self.purpose.saves() {
                    "Save"
                } else {
                    "Open"
                };
                if ui
                    .add_enabled(!self.name.trim().is_empty(), egui::Button::new(action))
                    .clicked()
                {
                    let path = self.chosen_path();
                    if self.purpose.picks_folder() {
                        outcome = DialogEnd::Chosen(path);
                    } else if path.is_dir() {
                        self.folder = path;
                        self.name.clear();
                    } else if !self.purpose.saves() && !path.exists() {
                        self.problem = Some(format!("{} does not exist", path.display()));
                    } else {
                        outcome = DialogEnd::Chosen(path);
                    }
                }
                if ui.button("Cancel").clicked() {
                    outcome = DialogEnd::Cancelled;
                }
            });
        });
        outcome
    }
}
