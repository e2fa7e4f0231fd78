//! Autosave and recovery, one file per window. Each running window writes its unsaved work
//! to `window-<pid>-<time>.ron` in the recovery folder (its first line a comment naming the
//! file the work belongs to, so the two are written in one safe write) and holds an exclusive lock on `window-<pid>-<time>.lock` while it runs. At start, a
//! recovery file whose lock can be taken belongs to a window that is gone: it is offered.
//! A live window's file is locked, so it is never offered, and never touched by another.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::model::{io, FileError, Team};

/// The first line of a recovery file names the team's file after this.
const SOURCE_LINE: &str = "// source: ";
/// Where a recovery file of an earlier build said its team came from.
const SOURCE_EXT: &str = "source";
const LOCK_EXT: &str = "lock";
/// The single recovery file of Teamscape before one per window; still offered.
const LEGACY_SOURCE: &str = "recovery-source.txt";

/// The folder autosaves go to: `recovery` in Teamscape's data folder
/// (`~/.local/share/teamscape/recovery`, or `%LOCALAPPDATA%\Teamscape\recovery` on Windows).
pub fn default_dir() -> Option<PathBuf> {
    crate::platform::data_dir().map(|d| d.join("recovery"))
}

/// This window's own recovery file, and the lock that says the window is alive.
struct Own {
    /// The recovery folder joined with `window-<pid>-<time>`, without an extension.
    base: PathBuf,
    /// Held for as long as the window runs; the operating system lets go when it dies.
    lock: File,
}

impl Drop for Own {
    fn drop(&mut self) {
        // A clean exit leaves nothing behind but work still to recover.
        if !self.base.with_extension("ron").exists() {
            let _ = self.lock.unlock();
            let _ = std::fs::remove_file(self.base.with_extension(LOCK_EXT));
        }
    }
}

pub struct Recovery {
    dir: Option<PathBuf>,
    own: Option<Own>,
    /// When autosave last wrote (or the window started): a wall clock, since autosave runs
    /// in `App::logic`, also while the window is hidden and egui's clock stands still.
    pub(super) last_autosave: std::time::Instant,
    /// The document revision the recovery file holds.
    pub(super) written_revision: Option<u64>,
}

/// Work left by a window that is gone.
pub struct RecoveryOffer {
    pub team: Team,
    /// The file the work belongs to, if it had one.
    pub source: Option<PathBuf>,
    pub written: Option<SystemTime>,
    /// The recovery file itself.
    pub file: PathBuf,
    /// Held while the offer is open, so a second window starting now does not offer it too.
    lock: Option<File>,
}

impl Default for Recovery {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Recovery {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            own: None,
            last_autosave: std::time::Instant::now(),
            written_revision: None,
        }
    }

    /// This window's recovery file, once it has written one.
    pub fn own_file(&self) -> Option<PathBuf> {
        self.own.as_ref().map(|o| o.base.with_extension("ron"))
    }

    fn own(&mut self) -> Result<&Own, FileError> {
        let Some(dir) = &self.dir else {
            return Err(FileError::new("", "autosave is off", ""));
        };
        if self.own.is_none() {
            std::fs::create_dir_all(dir).map_err(|e| {
                FileError::new(
                    io::display_path(dir),
                    format!("could not make the recovery folder: {e}"),
                    "Unsaved work cannot be kept safe until this is fixed: save often.",
                )
            })?;
            let nanos = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let base = dir.join(format!("window-{}-{nanos}", std::process::id()));
            let lock_path = base.with_extension(LOCK_EXT);
            let lock = File::create(&lock_path)
                .and_then(|f| f.try_lock().map(|()| f).map_err(std::io::Error::other))
                .map_err(|e| {
                    FileError::new(
                        io::display_path(&lock_path),
                        format!("could not lock this window's recovery file: {e}"),
                        "Unsaved work cannot be kept safe until this is fixed: save often.",
                    )
                })?;
            self.own = Some(Own { base, lock });
        }
        self.own
            .as_ref()
            .ok_or_else(|| FileError::new("", "autosave is off", ""))
    }

    pub fn is_on(&self) -> bool {
        self.dir.is_some()
    }

    /// Write `team` (belonging to `source`) to this window's recovery file, safely.
    pub fn write(&mut self, team: &Team, source: Option<&Path>) -> Result<(), FileError> {
        let mut text = String::new();
        // A path with a line break in it cannot sit in a comment line: then none is named.
        if let Some(source) = source.map(|p| p.display().to_string()) {
            if !source.contains(['\n', '\r']) {
                text = format!("{SOURCE_LINE}{source}\n");
            }
        }
        text.push_str(&io::to_ron(team)?);
        let base = self.own()?.base.clone();
        // A recovery file it could not read back would be no recovery.
        io::check_writable_size(&base.with_extension("ron"), text.len() as u64)?;
        io::write_export(&base.with_extension("ron"), |w| {
            w.write_all(text.as_bytes())
        })
    }

    /// Forget this window's unsaved work: after a save, or Discard.
    pub fn remove_own(&mut self) {
        if let Some(own) = &self.own {
            let _ = std::fs::remove_file(own.base.with_extension("ron"));
        }
        self.written_revision = None;
    }

    /// Work left by windows that are gone, and recovery files that could not be read.
    pub fn scan(&self) -> (Vec<RecoveryOffer>, Vec<FileError>) {
        let mut offers = Vec::new();
        let mut errors = Vec::new();
        let Some(dir) = &self.dir else {
            return (offers, errors);
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return (offers, errors);
        };
        let own = self.own_file();
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .filter(|p| Some(p) != own.as_ref())
            .collect();
        files.sort();
        for file in files {
            // A window that is alive holds this lock: its work is not ours to offer.
            let Ok(lock) = File::create(file.with_extension(LOCK_EXT)) else {
                continue;
            };
            if lock.try_lock().is_err() {
                continue;
            }
            let source = io::display_path(&file);
            let read = io::read_text(&file).and_then(|text| {
                let team = io::from_ron(&text, &source)?;
                io::check_ids(&team, &source)?;
                Ok((team, text))
            });
            match read {
                Ok((team, text)) => offers.push(RecoveryOffer {
                    team,
                    source: read_source(&file, &text),
                    written: std::fs::metadata(&file).and_then(|m| m.modified()).ok(),
                    file,
                    lock: Some(lock),
                }),
                Err(e) => errors.push(FileError::new(
                    io::display_path(&file),
                    format!(
                        "an autosaved recovery file could not be read: {}",
                        e.message
                    ),
                    "It has been left where it is; the team you opened is unchanged.",
                )),
            }
        }
        (offers, errors)
    }
}

impl RecoveryOffer {
    /// Delete this recovery file and what goes with it, and only that.
    pub fn discard(mut self) {
        for path in [
            self.file.clone(),
            self.file.with_extension(SOURCE_EXT),
            self.file.with_extension(LOCK_EXT),
        ] {
            let _ = std::fs::remove_file(path);
        }
        if self.file.file_stem().is_some_and(|s| s == "recovery") {
            if let Some(dir) = self.file.parent() {
                let _ = std::fs::remove_file(dir.join(LEGACY_SOURCE));
            }
        }
        if let Some(lock) = self.lock.take() {
            let _ = lock.unlock();
        }
    }
}

/// The file a recovery file's work belongs to: from its first line, or from the `.source`
/// file an earlier build wrote beside it.
fn read_source(file: &Path, text: &str) -> Option<PathBuf> {
    if let Some(path) = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix(SOURCE_LINE))
    {
        let path = path.trim();
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    let legacy = file.parent().map(|d| d.join(LEGACY_SOURCE));
    let text = std::fs::read_to_string(file.with_extension(SOURCE_EXT))
        .ok()
        .or_else(|| {
            (file.file_stem()? == "recovery")
                .then(|| std::fs::read_to_string(legacy?).ok())
                .flatten()
        })?;
    let text = text.trim();
    (!text.is_empty()).then(|| PathBuf::from(text))
}
