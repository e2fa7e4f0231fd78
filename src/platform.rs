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
/// trailing dot or space, and not empty ("Team").
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
    if stem.is_empty() {
        "Team".to_owned()
    } else {
        stem.to_owned()
    }
}

/// Say something worth keeping about this run (the renderer that failed, say) on stderr and,
/// on Windows, where a program started from the Start menu has no terminal, in
/// `teamscape.log` in [`data_dir`]. The log holds the last run's lines only.
pub fn log(message: &str) {
    eprintln!("teamscape: {message}");
    if cfg!(windows) {
        if let Some(dir) = data_dir() {
            use std::io::Write as _;
            let _ = std::fs::create_dir_all(&dir);
            if let Ok(mut file) = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(dir.join("teamscape.log"))
            {
                let _ = writeln!(file, "{message}");
            }
        }
    }
}

/// Start this run's log afresh (Windows only; see [`log`]).
pub fn start_log() {
    if cfg!(windows) {
        if let Some(dir) = data_dir() {
            let _ = std::fs::remove_file(dir.join("teamscape.log"));
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
