//! Writing a file safely: a temporary file beside the target, synced and renamed over it,
//! a .bak of what was there, nothing left behind on any error, and never a special file or
//! a link followed.

use super::*;

/// Save a team as .ron or .csv (by extension), safely: see [`write_atomically`].
pub fn save_team(team: &Team, path: &Path) -> Result<(), FileError> {
    let text = match FileKind::of(path)? {
        FileKind::Ron => to_ron(team)?,
        // UTF-8 with a byte-order mark: without one, Excel reads "Siân" and "£" as
        // Windows-1252 and shows them garbled.
        FileKind::Csv => csv::export(team)
            .map(|text| format!("\u{feff}{text}"))
            .map_err(|e| {
                FileError::new(
                    display_path(path),
                    format!("the spreadsheet could not be written: {e}"),
                    "Nothing was saved and the file on disk is unchanged. Please report this as a bug.",
                )
            })?,
        FileKind::Xlsx | FileKind::Ods | FileKind::Xls => {
            return Err(FileError::new(
                display_path(path),
                "a team is saved as .ron (or .csv); a workbook is written by exporting it",
                "Use File › Export spreadsheet…, or teamscape convert team.ron team.xlsx.",
            ))
        }
    };
    check_writable_size(path, text.len() as u64)?;
    write_atomically(path, |w| w.write_all(text.as_bytes()))
}

/// The backup kept beside a saved file: `NAME.ron` → `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsStr::to_os_string)
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Write a file so that it is never half-written: the content goes to a temporary file in
/// the same folder, is flushed and synced, then renamed over the target (and the folder
/// synced). The previous version is kept as `NAME.bak`, the original's permissions are kept,
/// and a symbolic link is followed to its target and left in place. If `write` fails, the
/// old file stays byte for byte as it was.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), FileError> {
    write_safely(path, true, write)
}

/// Like [`write_atomically`], without the `.bak` copy: for pictures and handouts, which are
/// made again at will and would only clutter a folder with backups.
pub fn write_export(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), FileError> {
    write_safely(path, false, write)
}

fn write_safely(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> Result<(), FileError> {
    // A link is followed to its target and left in place.
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|e| FileError::io(path, "follow the link", &e))?
        }
        _ => path.to_path_buf(),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(FileError::io(&target, "look at the file", &e)),
    };
    if let Some(meta) = &existing {
        if let Some(e) = not_a_file(&target, meta, Role::Output) {
            return Err(e);
        }
        // Renaming over it would work (the folder is writable) and undo its owner's choice.
        if meta.permissions().readonly() {
            return Err(FileError::new(
                display_path(&target),
                "the file is read-only, so Teamscape will not replace it",
                if cfg!(windows) {
                    "Save under another name, or clear Read-only in the file's Properties and save again."
                } else {
                    "Save under another name, or make it writable (chmod u+w) and save again."
                },
            ));
        }
    }
    let bak = backup_path(&target);
    let keep_backup = keep_backup && existing.is_some();
    if keep_backup {
        if let Ok(meta) = std::fs::metadata(&bak) {
            if let Some(mut e) = not_a_file(&bak, &meta, Role::Output) {
                e.message = format!("{} (the previous version is kept there)", e.message);
                "Move or rename it, then save again.".clone_into(&mut e.hint);
                return Err(e);
            }
        }
    }
    let (folder, name) = folder_and_name(&target)?;
    remove_leftovers(folder, &name);

    let mut file =
        temporary_beside(folder, &name).map_err(|e| FileError::io(&target, "start writing", &e))?;
    write(file.as_file_mut()).map_err(|e| FileError::io(&target, "write", &e))?;
    file.as_file_mut()
        .flush()
        .and_then(|()| file.as_file().sync_all())
        .map_err(|e| FileError::io(&target, "write", &e))?;
    if let Some(meta) = &existing {
        // The new version keeps the old one's permissions (a team file is personal data).
        let _ = file.as_file().set_permissions(meta.permissions());
    } else if !holds_a_team(&target) {
        // A new picture or handout is for sharing: readable by others, as files usually
        // are. A new team file, CSV or workbook (or recovery file) keeps the temporary
        // file's mode, readable by its owner alone: it holds names and pay.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = file
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
    }
    // Keep the previous version, itself written safely: copied, not read into memory.
    if keep_backup {
        let mut copy = temporary_beside(folder, &bak_name(&name))
            .map_err(|e| FileError::io(&bak, "keep a backup copy", &e))?;
        std::fs::File::open(&target)
            .and_then(|mut old| std::io::copy(&mut old, copy.as_file_mut()))
            .and_then(|_| copy.as_file().sync_all())
            .map_err(|e| FileError::io(&bak, "keep a backup copy", &e))?;
        if let Some(meta) = &existing {
            let _ = copy.as_file().set_permissions(meta.permissions());
        }
        // A temporary file that fails to take its place is removed as it is dropped.
        copy.persist(&bak)
            .map_err(|e| FileError::io(&bak, "keep a backup copy", &e.error))?;
    }
    file.persist(&target)
        .map_err(|e| FileError::io(&target, "finish saving", &e.error))?;
    sync_folder(folder);
    Ok(())
}

/// Whether a path is read or written: the hint differs.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Input,
    Output,
}

/// Anything but a plain file, refused before it is touched: reading a device does not end,
/// opening a pipe waits for ever, and a save would replace either with a file.
pub(super) fn not_a_file(path: &Path, meta: &std::fs::Metadata, role: Role) -> Option<FileError> {
    if meta.is_file() {
        return None;
    }
    let what = if meta.is_dir() {
        "a folder"
    } else {
        special_kind(meta)
    };
    let hint = match (role, meta.is_dir()) {
        (Role::Input, true) => "Choose a file inside it.",
        (Role::Input, false) => "Choose a team file or a spreadsheet.",
        (Role::Output, _) => "Choose a file name in a folder instead.",
    };
    Some(FileError::new(
        display_path(path),
        format!("this is {what}, not a file"),
        hint,
    ))
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_fifo() {
        "a pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not an ordinary file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "not an ordinary file"
}

fn folder_and_name(target: &Path) -> Result<(&Path, String), FileError> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            FileError::new(
                display_path(target),
                "this names a folder, not a file",
                "Choose a file name in a folder instead.",
            )
        })?;
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok((folder, name))
}

fn bak_name(name: &str) -> String {
    format!("{name}.bak")
}

/// How many random characters end a temporary file's name: `.NAME.XXXXXX`, the pattern
/// atomic-write-file used before, so leftovers of either are known.
const TEMPORARY_SUFFIX: usize = 6;

/// A temporary file beside the target, `.NAME.XXXXXX`, removed when dropped unless it is
/// persisted: no save leaves one behind on any error path.
fn temporary_beside(folder: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix("")
        .rand_bytes(TEMPORARY_SUFFIX)
        .tempfile_in(folder)
}

/// Whether `file` is a temporary file of a save of `name`: `.NAME.` then six letters or
/// digits.
pub fn is_leftover_of(file: &str, name: &str) -> bool {
    file.strip_prefix('.')
        .and_then(|rest| rest.strip_prefix(name))
        .and_then(|rest| rest.strip_prefix('.'))
        .is_some_and(|suffix| {
            suffix.len() == TEMPORARY_SUFFIX && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// What Teamscape writes whole teams into: a temporary file of one of these, left by a
/// killed save, holds names and pay.
const TEAM_EXTENSIONS: [&str; 4] = ["ron", "csv", "xlsx", "bak"];

/// Temporary files killed saves left in the folder: of this file and its backup, and of any
/// team file, CSV, workbook or backup (`.NAME.XXXXXX` where NAME ends in one of
/// [`TEAM_EXTENSIONS`]). Each holds a whole team, so they go at the next save to the folder.
/// Best effort: a file that cannot be removed is left. (A save of the same file running at
/// this moment in another window would lose its temporary file and fail, leaving its target
/// as it was.)
fn remove_leftovers(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let bak = bak_name(name);
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let ours = is_leftover_of(&file, name)
            || is_leftover_of(&file, &bak)
            || leftover_target(&file).is_some_and(|target| {
                TEAM_EXTENSIONS
                    .iter()
                    .any(|ext| target.to_ascii_lowercase().ends_with(&format!(".{ext}")))
            });
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a file of this name holds a whole team: see [`TEAM_EXTENSIONS`].
fn holds_a_team(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEAM_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The file a temporary `.NAME.XXXXXX` was to become: `NAME`.
fn leftover_target(file: &str) -> Option<&str> {
    let rest = file.strip_prefix('.')?;
    let (target, suffix) = rest.rsplit_once('.')?;
    (suffix.len() == TEMPORARY_SUFFIX
        && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        && !target.is_empty())
    .then_some(target)
}

/// After a rename, the folder itself is synced so the new name survives a power cut.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}
