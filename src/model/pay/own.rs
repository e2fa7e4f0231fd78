//! The pay years the manager keeps: a year added by hand (from an announced award or a
//! published table) can be kept in a library file of the manager's own, beside the built-in
//! library, so that every team they open or start can choose it. The file sits in
//! Teamscape's data folder (`pay_years.ron`); it holds only years the built-in library does
//! not, each with its source and its estimates, exactly as the team held them.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{library_builtin, LibraryScale, ScaleYear, Source};
use crate::model::io::{write_atomically, FileError};
use crate::model::team::{PayPoint, Team};

/// The file's name in the data folder.
pub const FILE_NAME: &str = "pay_years.ron";

#[derive(Serialize, Deserialize, Debug, Default, Clone, PartialEq)]
pub struct OwnLibrary {
    pub years: Vec<OwnYear>,
}

/// One scale's year, as a team held it when the manager kept it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct OwnYear {
    /// The library scale it is a year of.
    pub key: String,
    /// The scale's name, for a reader of the file.
    pub scale: String,
    pub year: String,
    pub effective: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source_url: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub source_secondary: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub points: Vec<PayPoint>,
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
    ron::from_str(&text).map_err(|e| {
        let mut err = crate::model::io::ron_error(&source, &text, &e);
        "Teamscape carries on with its own library. Fix the line shown, or move the file away to start a new one."
            .clone_into(&mut err.hint);
        err
    })
}

/// The years of `team` on `year` that the built-in library does not hold, as the manager's
/// library would keep them.
pub fn years_to_keep(team: &Team, year: &str) -> Vec<OwnYear> {
    team.pay_scales
        .iter()
        .filter(|s| s.year == year)
        .filter_map(|s| {
            let key = s.key.as_deref()?;
            let lib = library_builtin().iter().find(|l| l.key == key)?;
            lib.year(year).is_none().then(|| OwnYear {
                key: key.to_owned(),
                scale: s.name.clone(),
                year: s.year.clone(),
                effective: s.effective.clone(),
                source: s.source.clone(),
                source_url: s.source_url.clone(),
                source_secondary: s.source_secondary,
                note: s.note.clone(),
                points: s.points.clone(),
            })
        })
        .collect()
}

/// The latest year of `team`'s that the built-in library does not hold and the manager's
/// does not hold with the team's figures: the year to offer to keep, if any.
pub fn unkept_year(team: &Team) -> Option<String> {
    years_to_keep_all(team)
        .into_iter()
        .filter(|y| {
            let kept = super::library_scale(&y.key).and_then(|l| l.year(&y.year));
            kept.is_none_or(|k| k.points != y.points)
        })
        .map(|y| y.year)
        .max()
}

/// Every year of `team` that the built-in library does not hold, as it would be kept.
fn years_to_keep_all(team: &Team) -> Vec<OwnYear> {
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
pub fn keep(path: &Path, years: Vec<OwnYear>) -> Result<OwnLibrary, FileError> {
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

/// The built-in library with the manager's years added, each to its scale, oldest first.
/// A year the built-in library holds is never replaced: the library's published figures win.
pub fn merged(own: &OwnLibrary) -> Vec<LibraryScale> {
    let mut scales: Vec<LibraryScale> = library_builtin().to_vec();
    for y in &own.years {
        let Some(scale) = scales.iter_mut().find(|s| s.key == y.key) else {
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
            },
            note: y.note.clone(),
            points: y.points.clone(),
        });
        scale.years.sort_by(|a, b| a.year.cmp(&b.year));
    }
    scales
}
