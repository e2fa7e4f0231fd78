//! `teamscape portfolio import STAFF.csv OUT.ron` and `teamscape portfolio report FILE`:
//! the service across its teams, from a staffing sheet (one row per post).

use std::path::Path;

use crate::analysis::{portfolio as service, report::Format};
use crate::model::io::{self, FileKind};
use crate::model::portfolio::{self, Portfolio};
use crate::model::portfolio_csv;

/// Read a staffing sheet (CSV in any encoding, or a workbook's sheet) into a portfolio
/// named after the file.
fn read_sheet(path: &Path, err: &mut dyn std::io::Write) -> Result<Portfolio, String> {
    let (sheet, notices) = io::read_sheet(
        path,
        None,
        portfolio_csv::is_staffing_header,
        "the columns person_id, team and fte_in_team",
    )
    .map_err(|e| e.to_string())?;
    for notice in &notices {
        writeln!(err, "{notice}").map_err(|e| e.to_string())?;
    }
    let name = path
        .file_stem()
        .map_or_else(|| "Service".into(), |s| s.to_string_lossy());
    portfolio_csv::import(&sheet, &name).map_err(|e| {
        e.into_file_error(&io::display_path(path)).to_string() + "\nNothing was written."
    })
}

/// A portfolio file, or a staffing sheet read as one.
fn open(path: &Path, err: &mut dyn std::io::Write) -> Result<Portfolio, String> {
    let bytes = io::read_bytes(path).map_err(|e| e.to_string())?;
    match FileKind::sniff(path, &bytes).map_err(|e| e.to_string())? {
        FileKind::Ron => {
            let text = String::from_utf8(bytes).map_err(|_| {
                format!(
                    "{}: the file is not UTF-8 text: it may be damaged",
                    io::display_path(path)
                )
            })?;
            portfolio::from_ron(&text, &io::display_path(path)).map_err(|e| e.to_string())
        }
        _ => read_sheet(path, err),
    }
}

pub(super) fn import(
    sheet: &Path,
    output: &Path,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let p = read_sheet(sheet, err)?;
    let text = portfolio::to_ron(&p).map_err(|e| e.to_string())?;
    io::write_atomically(output, |w| w.write_all(text.as_bytes())).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "{} → {}: {} people in {} teams, {} posts",
        sheet.display(),
        output.display(),
        p.people.len(),
        p.teams.len(),
        p.posts.len()
    )
    .map_err(|e| e.to_string())
}

pub(super) fn report(
    file: &Path,
    format: Format,
    hide_names: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let p = open(file, err)?;
    let figures = service::analyse(&p);
    writeln!(out, "{}", service::render(&figures, format, hide_names)).map_err(|e| e.to_string())
}
