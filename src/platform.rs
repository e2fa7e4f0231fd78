//! What differs between Linux and Windows: where Teamscape keeps its own files, the log, and
//! the console of a Windows GUI program. Preferences need nothing here: eframe keeps them in
//! the platform's place (`~/.local/share/teamscape` on Linux, `%APPDATA%\teamscape\data` on
//! Windows).

use std::path::PathBuf;

/// Where Teamscape keeps files that are its own and belong to this machine (autosaved work,
/// the log): `%LOCALAPPDATA%\Teamscape` on Windows, so a roaming profile does not carry
/// another machine's unsaved work around; `$XDG_DATA_HOME/teamscape`, by default
/// `~/.local/share/teamscape`, elsewhere.
pub fn data_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        var("LOCALAPPDATA").map(|d| d.join("Teamscape"))
    } else {
        var("XDG_DATA_HOME")
            .or_else(|| var("HOME").map(|h| h.join(".local").join("share")))
            .map(|d| d.join("teamscape"))
    }
}

/// A file name made from a team's name, valid on Windows too: no `\ / : * ? " < > |`, no
/// trailing dot or space, not a device name (`CON`, `AUX`, `COM1`…), and not empty ("Team").
pub fn file_stem_for(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_end_matches(['.', ' ']);
    // Windows keeps these names for devices, whatever follows the dot.
    let device = stem
        .split('.')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let reserved = matches!(device.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (device.len() == 4
            && (device.starts_with("COM") || device.starts_with("LPT"))
            && device.ends_with(|c: char| c.is_ascii_digit()));
    if stem.is_empty() {
        "Team".to_owned()
    } else if reserved {
        format!("{stem} team")
    } else {
        stem.to_owned()
    }
}

/// Say something worth keeping about this run (the renderer that failed, say) on stderr and,
/// on Windows, where a program started from the Start menu has no terminal, at the end of
/// `teamscape.log` in [`data_dir`].
pub fn log(message: &str) {
    eprintln!("teamscape: {message}");
    if cfg!(windows) {
        if let Some(dir) = data_dir() {
            use std::io::Write as _;
            let _ = std::fs::create_dir_all(&dir);
            if let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(dir.join(LOG_FILE))
            {
                let _ = writeln!(file, "{message}");
            }
        }
    }
}

const LOG_FILE: &str = "teamscape.log";
/// The log is started afresh at a start that finds it longer than this: it keeps the lines
/// of several runs (two windows, a restart with OpenGL) without growing for ever.
const LOG_LIMIT: u64 = 64 * 1024;

/// Keep the log short (Windows only; see [`log`]).
pub fn start_log() {
    if cfg!(windows) {
        if let Some(path) = data_dir().map(|d| d.join(LOG_FILE)) {
            if std::fs::metadata(&path).is_ok_and(|m| m.len() > LOG_LIMIT) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// A Windows GUI program has no console, so `teamscape.exe check team.ron` typed in a
/// terminal would print nothing. Attach to the console of the program that started this one,
/// when there is one and the output is not already going to a file or pipe.
#[cfg(windows)]
#[allow(unsafe_code)]
pub fn attach_console() {
    use windows_sys::Win32::System::Console::{
        AttachConsole, GetStdHandle, ATTACH_PARENT_PROCESS, STD_OUTPUT_HANDLE,
    };
    // SAFETY: both calls take plain values and only read or set this process's handles.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out as isize == -1 {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

/// Nothing to do: a program on Linux always has the terminal it was started from.
#[cfg(not(windows))]
pub fn attach_console() {}

#[cfg(test)]
mod tests {
    use super::file_stem_for;

    #[test]
    fn a_team_name_becomes_a_file_name_windows_accepts() {
        assert_eq!(file_stem_for("CAMHS: North/East"), "CAMHS- North-East");
        assert_eq!(file_stem_for("Équipe \"Sud\"?"), "Équipe -Sud--");
        assert_eq!(file_stem_for("Team A. "), "Team A");
        assert_eq!(file_stem_for("  "), "Team");
        assert_eq!(
            file_stem_for("Youth offending team"),
            "Youth offending team"
        );
    }
}
