//! What reading one workbook may cost, checked before calamine sees it. calamine trusts a
//! workbook's own figures: it reserves room for as many shared strings as `uniqueCount`
//! declares, unpacks every part whole, and lays out an .ods sheet's repeated rows and cells
//! up to 100 million cells. A few kilobytes can then ask for gigabytes and abort the
//! process. Here the zip's parts are unpacked into nothing, counting, up to a limit each;
//! `uniqueCount` is read; and an .ods sheet's repeats are added up the way calamine would
//! lay them out. Anything past a limit is refused with a message a manager can act on.
//!
//! The limits sit far above any staff list: a 10,000-member sheet is about 10 MB of XML.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::io::{FileError, FileKind};
use super::workbook::MAX_SHEET_CELLS;

/// Unpacked bytes one part of a workbook may hold.
pub const MAX_PART_BYTES: u64 = 128 << 20;
/// Unpacked bytes all parts together may hold.
pub const MAX_UNPACKED_BYTES: u64 = 256 << 20;
/// The longest text one cell may hold, in bytes: a name, a job title or a note is far
/// shorter, and a longer one copied into every cell that uses it is how a small workbook
/// asks for gigabytes.
pub const MAX_CELL_BYTES: usize = 10_000;
/// The most text, in bytes, a sheet may hold once its shared strings are copied into their
/// cells and an .ods sheet's repeats are laid out.
pub const MAX_SHEET_TEXT_BYTES: u64 = 256 << 20;

/// Refuse a workbook that would cost more to read than any staff list does.
pub fn check(bytes: &[u8], kind: FileKind, source: &str) -> Result<(), FileError> {
    if !matches!(kind, FileKind::Xlsx | FileKind::Ods) {
        // An .xls is not a zip; its cells are records in the file, bounded by its size.
        return Ok(());
    }
    // An unreadable zip is left for calamine to report.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0_u64;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            continue;
        };
        let name = part
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        // The declared size first, then what actually comes out: a declared size can lie.
        let declared = part.size();
        let unpacked = if declared > MAX_PART_BYTES {
            declared
        } else {
            std::io::copy(
                &mut (&mut part).take(MAX_PART_BYTES + 1),
                &mut std::io::sink(),
            )
            .unwrap_or(0)
        };
        if unpacked > MAX_PART_BYTES {
            return Err(too_big(
                source,
                &format!(
                    "its part {} unpacks to more than {} MB",
                    shown(&name),
                    MAX_PART_BYTES >> 20
                ),
            ));
        }
        total += unpacked;
        if total > MAX_UNPACKED_BYTES {
            return Err(too_big(
                source,
                &format!("it unpacks to more than {} MB", MAX_UNPACKED_BYTES >> 20),
            ));
        }
    }
    match kind {
        FileKind::Xlsx => shared_strings(&mut zip, source),
        _ => ods_sheets(&mut zip, source),
    }
}

fn too_big(source: &str, why: &str) -> FileError {
    FileError::new(
        source,
        format!("the workbook is far larger inside than any staff list: {why}"),
        "Open it in Excel or LibreOffice Calc, copy the staff list into a new workbook, save that and open it; or save the sheet as CSV.",
    )
}

/// A part's name in a message, cut if long.
fn shown(name: &str) -> String {
    crate::format::shorten(name, 60)
}

/// `uniqueCount`, which calamine reserves room for before reading a single string.
fn shared_strings<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    source: &str,
) -> Result<(), FileError> {
    let Some(index) = (0..zip.len()).find(|i| {
        zip.name_for_index(*i)
            .and_then(Result::ok)
            .is_some_and(|n| n.ends_with("sharedStrings.xml"))
    }) else {
        return Ok(());
    };
    let Ok(part) = zip.by_index(index) else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let declared = number_attribute(&e, "uniqueCount").unwrap_or(0);
                if declared > MAX_SHEET_CELLS {
                    return Err(too_big(
                        source,
                        &format!("it declares {declared} different texts"),
                    ));
                }
                return Ok(());
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

fn number_attribute(e: &BytesStart<'_>, key: &str) -> Option<u64> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| {
            let k = a.key.as_ref();
            k == key || k.ends_with(&format!(":{key}"))
        })
        .and_then(|a| a.value.trim().parse().ok())
}

/// One row of an .ods sheet as calamine holds it before laying it out.
#[derive(Default)]
struct Row {
    repeats: u64,
    /// Cells held: every filled cell's repeats, and the empty ones before a filled one.
    held: u64,
    /// First and last filled column.
    filled: Option<(u64, u64)>,
    text: u64,
}

/// An .ods sheet's size once calamine lays out its repeated rows and cells: the rows from
/// the first filled to the last, each as wide as the widest filled span.
#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn cost(&self) -> (u64, u64) {
        let held: u64 = self.rows.iter().map(|r| r.held).sum();
        let filled: Vec<&Row> = self.rows.iter().filter(|r| r.filled.is_some()).collect();
        let (Some(first), Some(last)) = (
            self.rows.iter().position(|r| r.filled.is_some()),
            self.rows.iter().rposition(|r| r.filled.is_some()),
        ) else {
            return (held, 0);
        };
        let left = filled.iter().filter_map(|r| r.filled.map(|f| f.0)).min();
        let right = filled.iter().filter_map(|r| r.filled.map(|f| f.1)).max();
        let width = match (left, right) {
            (Some(l), Some(r)) => r.saturating_sub(l) + 1,
            _ => 0,
        };
        let span = &self.rows[first..=last];
        let height: u64 = span.iter().map(|r| r.repeats).fold(0, u64::saturating_add);
        let text: u64 = span
            .iter()
            .map(|r| r.repeats.saturating_mul(r.text))
            .fold(0, u64::saturating_add);
        (held.max(height.saturating_mul(width)), text)
    }
}

/// calamine's caps on an .ods sheet's rows and columns.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

fn ods_sheets<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    source: &str,
) -> Result<(), FileError> {
    let Ok(part) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let mut buf = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    // The cell being read: its repeats and whether it holds anything.
    let mut cell: Option<(u64, bool, u64)> = None;
    let mut column = 0_u64;
    let mut empty_before = 0_u64;
    let mut total_rows = 0_u64;
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(e) => e,
        };
        let is_empty_tag = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                table = Some(Table::default());
                total_rows = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    let (cells, text) = t.cost();
                    if cells > MAX_SHEET_CELLS || text > MAX_SHEET_TEXT_BYTES {
                        return Err(too_big(
                            source,
                            &format!(
                                "a sheet repeats its rows and cells to {} cells",
                                crate::format::thousands(cells)
                            ),
                        ));
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                let asked = number_attribute(&e, "number-rows-repeated").unwrap_or(1);
                let repeats = asked.min(ODS_MAX_ROWS.saturating_sub(total_rows));
                total_rows = total_rows.saturating_add(repeats);
                row = Some(Row {
                    repeats,
                    ..Row::default()
                });
                column = 0;
                empty_before = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.rows.push(r);
                }
            }
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                let repeats = number_attribute(&e, "number-columns-repeated").unwrap_or(1);
                let value_text = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .filter(|a| {
                        a.key.as_ref().starts_with("office:")
                            && a.key.as_ref() != "office:value-type"
                    })
                    .map(|a| a.value.len() as u64)
                    .sum::<u64>();
                let typed = e
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .any(|a| a.key.as_ref() == "office:value-type");
                cell = Some((repeats, typed, value_text));
                if is_empty_tag {
                    finish_cell(&mut cell, &mut row, &mut column, &mut empty_before);
                }
            }
            Event::Text(t) => {
                if let Some((_, filled, text)) = cell.as_mut() {
                    *filled = true;
                    *text = text.saturating_add(t.len() as u64);
                }
            }
            Event::End(e)
                if matches!(
                    e.name().as_ref(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                finish_cell(&mut cell, &mut row, &mut column, &mut empty_before);
            }
            _ => {}
        }
    }
}

/// Add the cell just read to its row as calamine would: empty cells count only once a
/// filled one follows them; every count stops at calamine's column cap.
fn finish_cell(
    cell: &mut Option<(u64, bool, u64)>,
    row: &mut Option<Row>,
    column: &mut u64,
    empty_before: &mut u64,
) {
    let (Some((repeats, filled, text)), Some(r)) = (cell.take(), row.as_mut()) else {
        return;
    };
    let room = |at: u64| ODS_MAX_COLUMNS.saturating_sub(at);
    if filled {
        let empties = (*empty_before).min(room(*column));
        *column += empties;
        r.held += empties;
        let repeats = repeats.min(room(*column));
        if repeats > 0 {
            let first = *column;
            let last = *column + repeats - 1;
            r.filled = Some(match r.filled {
                Some((a, _)) => (a, last),
                None => (first, last),
            });
        }
        *column += repeats;
        r.held += repeats;
        r.text = r.text.saturating_add(repeats.saturating_mul(text));
        *empty_before = 0;
    } else {
        *empty_before = empty_before.saturating_add(repeats);
    }
}
