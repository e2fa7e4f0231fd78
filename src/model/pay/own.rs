//! The pay years the manager keeps: a year added by hand (from an announced award or a
//! published table) can be kept in a library file of the manager's own, beside the built-in
//! library, so that every team they open or start can choose it. The file sits in
//! Teamscape's data folder (`pay_years.ron`); it holds only years the built-in library does
//! not, each with its source and its estimates, exactly as the team held them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{library_builtin, LibraryScale, ScaleYear, Source};
use crate::model::io::{write_atomically, FileError};
use crate::model::team::{PayScale, Team};

/// The file's name in the data folder.
pub const FILE_NAME: &str = "pay_years.ron";

#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq)]
pub struct OwnLibrary {
    /// Each a library scale's year, as a team held it when the manager kept it: its `key`
    /// names the library scale (the `id` is the team's, and means nothing here).
    pub years: Vec<PayScale>,
}

/// The manager's library at `path`: empty where there is no file yet; a file that will not
/// read is an error saying where, and the built-in library stands alone.
pub fn read(path: &Path) -> Result<OwnLibrary, FileError> {
    let source = crate::model::io::display_path(path);
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(OwnLibrary::default()),
        Err(e) => {
            return Err(FileError::new(
                source,
                format!("your pay library could not be read ({e})"),
                "Teamscape carries on with its own library; check the file's permissions.",
            ))
        }
    };
    from_ron(&text, &source)
}

/// The manager's library from its text; `source` names it in a message.
pub fn from_ron(text: &str, source: &str) -> Result<OwnLibrary, FileError> {
    ron::from_str(text).map_err(|e| {
        let mut err = crate::model::io::ron_error(source, text, &e);
        "Teamscape carries on with its own library. Fix the line shown, or move the file away to start a new one."
            .clone_into(&mut err.hint);
        err
    })
}

/// The years of `team` on `year` that the built-in library does not hold, as the manager's
/// library would keep them.
pub fn years_to_keep(team: &Team, year: &str) -> Vec<PayScale> {
    team.pay_scales
        .iter()
        .filter(|s| s.year == year)
        .filter(|s| {
            let lib = s
                .key
                .as_deref()
                .and_then(|key| library_builtin().iter().find(|l| l.key == key));
            lib.is_some_and(|l| l.year(year).is_none())
        })
        .cloned()
        .collect()
}

/// The latest year of `team`'s that the built-in library does not hold and the manager's
/// does not hold with the team's figures: the year to offer to keep, if any.
pub fn unkept_year(team: &Team) -> Option<String> {
    years_to_keep_all(team)
        .into_iter()
        .filter(|y| {
            let kept = y
                .key
                .as_deref()
                .and_then(super::library_scale)
                .and_then(|l| l.year(&y.year));
            kept.is_none_or(|k| k.points != y.points)
        })
        .map(|y| y.year)
        .max()
}

/// Every year of `team` that the built-in library does not hold, as it would be kept.
pub fn years_to_keep_all(team: &Team) -> Vec<PayScale> {
    let mut years: Vec<&str> = team.pay_scales.iter().map(|s| s.year.as_str()).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .flat_map(|y| years_to_keep(team, y))
        .collect()
}

/// Keep `years` in the manager's library at `path`, replacing any year of the same scale
/// already kept; written whole or not at all. Returns the library as now written.
pub fn keep(path: &Path, years: Vec<PayScale>) -> Result<OwnLibrary, FileError> {
    let mut own = read(path)?;
    for y in years {
        own.years.retain(|k| !(k.key == y.key && k.year == y.year));
        own.years.push(y);
    }
    own.years
        .sort_by(|a, b| (&a.key, &a.year).cmp(&(&b.key, &b.year)));
    let text =
        ron::ser::to_string_pretty(&own, ron::ser::PrettyConfig::default()).map_err(|e| {
            FileError::new(
                crate::model::io::display_path(path),
                format!("your pay library could not be written ({e})"),
                "",
            )
        })?;
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    write_atomically(path, |w| w.write_all(text.as_bytes()))?;
    Ok(own)
}

/// Read the manager's library at `path` into the library every command and window uses;
/// how many years it holds. On an error the built-in library stands alone.
pub fn load(path: &Path) -> Result<usize, FileError> {
    let own = read(path)?;
    if !own.years.is_empty() {
        super::use_own(&own);
    }
    Ok(own.years.len())
}

/// The built-in library with the manager's years added, each to its scale, oldest first.
/// A year the built-in library holds is never replaced: the library's published figures win.
pub fn merged(own: &OwnLibrary) -> Vec<LibraryScale> {
    let mut scales: Vec<LibraryScale> = library_builtin().to_vec();
    for y in &own.years {
        let Some(scale) = scales
            .iter_mut()
            .find(|s| y.key.as_deref() == Some(s.key.as_str()))
        else {
            continue;
        };
        if scale.year(&y.year).is_some() {
            continue;
        }
        scale.years.push(ScaleYear {
            year: y.year.clone(),
            effective: y.effective.clone(),
            source: Source {
                title: y.source.clone(),
                url: y.source_url.clone(),
                secondary: y.source_secondary,
                supplied: y.supplied,
            },
            note: y.note.clone(),
            points: y.points.clone(),
        });
        scale.years.sort_by(|a, b| a.year.cmp(&b.year));
    }
    scales
}
