//! Workbooks (.xlsx, .ods, .xls) read with calamine into the same [`Sheet`] a CSV file is
//! read into, so one header contract and one set of checks serve both. Typed cells become the
//! text a CSV would hold: a percentage cell showing 75% is 0.75, a currency cell its amount
//! in pounds, a Yes/No or TRUE/FALSE cell yes or no.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::csv::{normalise_header, Sheet};
use super::io::{FileError, FileKind};

/// How far down a sheet its header row is looked for: a title and a blank row above the
/// header are common in staff lists.
const HEADER_SEARCH_ROWS: usize = 20;

/// One sheet of a workbook: its name and its cells as text, with where they start.
pub struct WorkSheet {
    pub name: String,
    /// 0-based row and column of the first cell held.
    first_row: u32,
    first_column: u32,
    cells: Vec<Vec<String>>,
}

impl WorkSheet {
    /// The sheet read from the first of its top rows that `is_header` accepts (or from its
    /// first row), as a [`Sheet`] whose problems name cells like `Team!E7`.
    pub fn into_sheet(mut self, is_header: fn(&[String]) -> bool) -> Sheet {
        let at = self.header_row(is_header).unwrap_or(0);
        // Taken, not copied: a sheet can hold millions of cells.
        let cells = self.cells.split_off(at.min(self.cells.len()));
        Sheet::from_cells(
            &self.name,
            self.first_row + at as u32,
            self.first_column,
            cells,
        )
    }

    fn header_row(&self, is_header: fn(&[String]) -> bool) -> Option<usize> {
        self.cells
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .position(|row| is_header(row))
    }
}

/// A header row with `name` and `discipline`: a members sheet.
pub fn is_members_header(cells: &[String]) -> bool {
    has_columns(cells, &["name", "discipline"])
}

/// A header row of a perception responses sheet, in either layout.
pub fn is_responses_header(cells: &[String]) -> bool {
    has_columns(cells, &["rater_discipline"])
}

fn has_columns(cells: &[String], wanted: &[&str]) -> bool {
    let keys: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
    wanted.iter().all(|w| keys.iter().any(|k| k == w))
}

/// The most cells a sheet's used area (from its first filled cell to its last) may span: a
/// staff list of 10,000 rows and 50 columns is 500,000. A workbook with one cell in A1 and
/// one in XFD1048576 would otherwise take all memory to lay out.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;

/// Every sheet of a workbook, in the workbook's order.
pub fn read(bytes: Vec<u8>, kind: FileKind, source: &str) -> Result<Vec<WorkSheet>, FileError> {
    super::workbook_limits::check(&bytes, kind, source)?;
    // calamine has panicked on damaged .xls files; a file must not take the window down,
    // nor print "panicked" over the message that says what is wrong.
    quietly(|| read_unguarded(bytes, kind, source))
        .unwrap_or_else(|_| Err(cannot_read(source, &"it is damaged")))
}

thread_local! {
    /// Set while a workbook is read: a panic then is a damaged file, reported in words.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, catching a panic and keeping the panic hook quiet on this thread meanwhile
/// (every other panic is reported as before).
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result
}

fn cannot_read(source: &str, e: &dyn std::fmt::Display) -> FileError {
    FileError::new(
        source,
        format!("the workbook cannot be read: {}", in_words(e)),
        "Open it in Excel or LibreOffice Calc and save it again, or save the sheet as CSV.",
    )
}

/// calamine's error in a manager's words: its XML parser's messages ("Expecting
/// 'table-cell', found 'Start(BytesStart { … })'") say only that the file is damaged.
fn in_words(e: &dyn std::fmt::Display) -> String {
    let raw = e.to_string();
    let lower = raw.to_lowercase();
    if lower.contains("xml") || raw.contains('{') || lower.contains("expecting") {
        "part of it is damaged, or it was not saved by a spreadsheet program".to_owned()
    } else if lower.contains("zip") {
        "it is damaged (its zip archive cannot be unpacked)".to_owned()
    } else {
        crate::format::shorten(&raw, 200)
    }
}

fn read_unguarded(
    bytes: Vec<u8>,
    kind: FileKind,
    source: &str,
) -> Result<Vec<WorkSheet>, FileError> {
    let cursor = Cursor::new(bytes);
    let cannot = |e: &dyn std::fmt::Display| cannot_read(source, e);
    let sheet_error = |name: &str, e: &dyn std::fmt::Display| {
        FileError::new(
            source,
            format!(
                "the sheet “{}” cannot be read: {}",
                crate::format::shorten(name, 60),
                in_words(e)
            ),
            "Open the workbook in Excel or LibreOffice Calc and save it again, or save the sheet as CSV.",
        )
    };
    let mut sheets = Vec::new();
    if kind == FileKind::Xlsx {
        // Cell by cell, so a sheet's size is known before any grid is laid out.
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(cursor).map_err(|e| cannot(&e))?;
        // Counted over the whole workbook: every sheet is kept until one is chosen.
        let (mut held, mut text) = (0_u64, 0_u64);
        for name in book.sheet_names() {
            let mut reader = book
                .worksheet_cells_reader(&name)
                .map_err(|e| sheet_error(&name, &e))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&name, &e))? {
                let (row, column) = cell.get_position();
                // Weighed before it is copied: one long shared string used in every cell
                // would otherwise be copied into each.
                let length = text_len(cell.get_value());
                check_cell_text(length, &name, row, column, source)?;
                text += length as u64;
                if text > super::workbook_limits::MAX_WORKBOOK_TEXT_BYTES {
                    return Err(too_much_text(&name, source));
                }
                let value = Data::from(cell.get_value().clone());
                if value != Data::Empty {
                    cells.push((row, column, cell_text(&value)));
                    // Counted while reading, not after: the count is the memory.
                    held += 1;
                    if held > MAX_SHEET_CELLS {
                        return Err(too_many_cells(&name, source));
                    }
                }
            }
            sheets.push(grid(name, cells, source)?);
        }
        return Ok(sheets);
    }
    let mut book: calamine::Sheets<_> = match kind {
        FileKind::Ods => {
            calamine::Sheets::Ods(calamine::open_workbook_from_rs(cursor).map_err(|e| cannot(&e))?)
        }
        FileKind::Xls => {
            calamine::Sheets::Xls(calamine::open_workbook_from_rs(cursor).map_err(|e| cannot(&e))?)
        }
        FileKind::Ron | FileKind::Csv | FileKind::Xlsx => {
            return Err(cannot(&"it is not a workbook"));
        }
    };
    let (mut held, mut text) = (0_u64, 0_u64);
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| sheet_error(&name, &e))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, c, value) in range.used_cells() {
            let (row, column) = (top + r as u32, left + c as u32);
            let length = match value {
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.len(),
                _ => 0,
            };
            check_cell_text(length, &name, row, column, source)?;
            text += length as u64;
            if text > super::workbook_limits::MAX_WORKBOOK_TEXT_BYTES {
                return Err(too_much_text(&name, source));
            }
            cells.push((row, column, cell_text(value)));
            held += 1;
            if held > MAX_SHEET_CELLS {
                return Err(too_many_cells(&name, source));
            }
        }
        sheets.push(grid(name, cells, source)?);
    }
    Ok(sheets)
}

/// The length in bytes of a cell's text, before it is copied.
fn text_len(value: &calamine::DataRef<'_>) -> usize {
    use calamine::DataRef;
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.len(),
        DataRef::SharedString(s) => s.len(),
        _ => 0,
    }
}

/// Refuse a cell longer than any name, title or note: see
/// [`super::workbook_limits::MAX_CELL_BYTES`].
fn check_cell_text(
    length: usize,
    sheet: &str,
    row: u32,
    column: u32,
    source: &str,
) -> Result<(), FileError> {
    if length <= super::workbook_limits::MAX_CELL_BYTES {
        return Ok(());
    }
    Err(FileError::new(
        source,
        format!(
            "cell {}!{}{} holds {} characters of text, more than any name or note; Teamscape reads at most {}",
            crate::format::shorten(sheet, 40),
            super::csv::column_letters(column),
            row + 1,
            crate::format::thousands(length as u64),
            crate::format::thousands(super::workbook_limits::MAX_CELL_BYTES as u64)
        ),
        "Shorten or clear that cell in Excel or LibreOffice Calc, save, and try again.",
    ))
}

fn too_much_text(sheet: &str, source: &str) -> FileError {
    FileError::new(
        source,
        format!(
            "the workbook holds more than {} MB of text by the sheet “{}”, far more than a staff list",
            super::workbook_limits::MAX_WORKBOOK_TEXT_BYTES >> 20,
            crate::format::shorten(sheet, 40)
        ),
        "Copy the staff list into a new workbook, save that and open it; or save the sheet as CSV.",
    )
}

fn too_many_cells(sheet: &str, source: &str) -> FileError {
    FileError::new(
        source,
        format!(
            "the workbook holds more than {} filled cells by the sheet “{}”, far more than a staff list",
            crate::format::thousands(MAX_SHEET_CELLS),
            crate::format::shorten(sheet, 40)
        ),
        "Copy the staff list into a new workbook, save that and open it; or save the sheet as CSV.",
    )
}

/// A sheet's filled cells (0-based row, column, text) laid out as rows from its first filled
/// cell to its last, refused past [`MAX_SHEET_CELLS`].
fn grid(
    name: String,
    cells: Vec<(u32, u32, String)>,
    source: &str,
) -> Result<WorkSheet, FileError> {
    let first_row = cells.iter().map(|c| c.0).min().unwrap_or(0);
    let first_column = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let last_row = cells.iter().map(|c| c.0).max().unwrap_or(0);
    let last_column = cells.iter().map(|c| c.1).max().unwrap_or(0);
    let height = u64::from(last_row - first_row) + 1;
    let width = u64::from(last_column - first_column) + 1;
    if height * width > MAX_SHEET_CELLS {
        return Err(FileError::new(
            source,
            format!(
                "the sheet “{name}” runs from {}{} to {}{}, far larger than a staff list",
                super::csv::column_letters(first_column),
                first_row + 1,
                super::csv::column_letters(last_column),
                last_row + 1
            ),
            "Delete what stands far below or to the right of the list (press Ctrl+End in the sheet to find it), save, and try again.",
        ));
    }
    let mut rows = vec![
        vec![String::new(); width as usize];
        if cells.is_empty() { 0 } else { height as usize }
    ];
    for (r, c, text) in cells {
        if let Some(cell) = rows
            .get_mut((r - first_row) as usize)
            .and_then(|row| row.get_mut((c - first_column) as usize))
        {
            *cell = text;
        }
    }
    Ok(WorkSheet {
        name,
        first_row,
        first_column,
        cells: rows,
    })
}

/// The sheet to read: the one named `wanted`, or the first whose header `is_header` accepts.
/// `what` says what such a sheet holds, for the message when there is none.
pub fn choose<'a>(
    sheets: &'a [WorkSheet],
    wanted: Option<&str>,
    is_header: fn(&[String]) -> bool,
    what: &str,
    source: &str,
) -> Result<&'a WorkSheet, FileError> {
    let names = || {
        sheets
            .iter()
            .map(|s| format!("“{}”", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = wanted {
        return sheets
            .iter()
            .find(|s| s.name == wanted)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|s| s.name.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .ok_or_else(|| {
                FileError::new(
                    source,
                    format!(
                        "the workbook has no sheet called “{wanted}”; its sheets are {}",
                        names()
                    ),
                    "Give one of these names with --sheet.",
                )
            });
    }
    sheets
        .iter()
        .find(|s| s.header_row(is_header).is_some())
        .ok_or_else(|| {
            FileError::new(
                source,
                format!("no sheet of the workbook has {what} in its top rows; its sheets are {}", names()),
                "Add a header row to the sheet that lists the members, or choose the sheet with --sheet.",
            )
        })
}

/// The names of the sheets whose header `is_header` accepts: the app offers these to choose
/// from when there is more than one.
pub fn candidates(sheets: &[WorkSheet], is_header: fn(&[String]) -> bool) -> Vec<String> {
    sheets
        .iter()
        .filter(|s| s.header_row(is_header).is_some())
        .map(|s| s.name.clone())
        .collect()
}

/// A cell as the text a CSV export of it would hold, before formatting: numbers in full
/// (percentages as fractions, currency as the amount), booleans as yes or no.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // Rust's shortest round trip: 37338, 0.75, 27.5.
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_cells_read_as_a_csv_would_hold_them() {
        assert_eq!(cell_text(&Data::Float(0.75)), "0.75");
        assert_eq!(cell_text(&Data::Float(37338.0)), "37338");
        assert_eq!(cell_text(&Data::Int(27)), "27");
        assert_eq!(cell_text(&Data::Bool(true)), "yes");
        assert_eq!(cell_text(&Data::Bool(false)), "no");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn the_header_row_may_sit_below_a_title() {
        let sheet = WorkSheet {
            name: "Staff".to_owned(),
            first_row: 0,
            first_column: 1,
            cells: vec![
                vec!["Staff list, March 2026".to_owned(), String::new()],
                vec![String::new(), String::new()],
                vec!["Name".to_owned(), "Discipline".to_owned()],
                vec!["Siân Evans".to_owned(), "Nursing".to_owned()],
            ],
        };
        let read = sheet.into_sheet(is_members_header);
        assert_eq!(read.header_line, 3);
        assert_eq!(read.rows.len(), 1);
        let (line, record) = read.rows[0]
            .as_ref()
            .map_err(|_| ())
            .cloned()
            .unwrap_or_default();
        assert_eq!((line, record.get(0)), (4, Some("Siân Evans")));
    }
}
