//! What reading one workbook may cost, checked before calamine sees it. calamine trusts a
//! workbook's own figures: it reserves room for as many shared strings as `uniqueCount`
//! declares, and for the cells an .xls sheet's DIMENSIONS record declares; it unpacks every
//! part whole; and it lays out an .ods sheet's repeated rows and cells up to 100 million
//! cells. A few kilobytes can then ask for gigabytes and abort the process. Here the zip's
//! parts are unpacked into nothing, counting, up to a limit each; `uniqueCount` and the
//! DIMENSIONS records are read; and an .ods workbook's repeats are added up the way calamine
//! would lay them out. Anything past a limit is refused with a message a manager can act on.
//! What calamine lays out for an .xls from its cells' own places (two cells far apart) is
//! not weighed here: see the note in `docs/measures.md`, "Reading files".
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
/// The most text, in bytes, a workbook's sheets may hold together once shared strings are
/// copied into their cells and an .ods workbook's repeats are laid out.
pub const MAX_WORKBOOK_TEXT_BYTES: u64 = 256 << 20;

/// Refuse a workbook that would cost more to read than any staff list does.
pub fn check(bytes: &[u8], kind: FileKind, source: &str) -> Result<(), FileError> {
    match kind {
        FileKind::Xls => return xls_dimensions(bytes, source),
        FileKind::Xlsx | FileKind::Ods => {}
        FileKind::Ron | FileKind::Csv => return Ok(()),
    }
    // An unreadable zip is left for calamine to report.
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total = 0_u64;
    for i in 0..zip.len() {
        let Ok(mut part) = zip.by_index(i) else {
            return Err(damaged(source, &format!("number {}", i + 1)));
        };
        let name = part
            .name()
            .map(std::borrow::Cow::into_owned)
            .unwrap_or_default();
        // The declared size first, then what actually comes out: a declared size can lie.
        // A part that cannot be unpacked (a bad checksum, a size that lies) is damage, not
        // nothing: counted as nothing, it would slip past the total.
        let declared = part.size();
        let unpacked = if declared > MAX_PART_BYTES {
            declared
        } else {
            let mut limited = (&mut part).take(MAX_PART_BYTES + 1);
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|_| damaged(source, &name))?
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

fn damaged(source: &str, part: &str) -> FileError {
    FileError::new(
        source,
        format!(
            "the workbook cannot be read: its part {} is damaged",
            shown(part)
        ),
        "Open it in Excel or LibreOffice Calc and save it again, or save the sheet as CSV.",
    )
}

/// A part's name in a message, cut if long.
fn shown(name: &str) -> String {
    crate::format::shorten(name, 60)
}

/// An .xls is not a zip: its sheets are BIFF records, and calamine reserves room for the
/// cells a sheet's DIMENSIONS record declares (rows × columns) before reading any. Every
/// such record in the file is weighed; a stray match in other data can only refuse a file,
/// never let one through.
fn xls_dimensions(bytes: &[u8], source: &str) -> Result<(), FileError> {
    // Record 0x0200 of 14 bytes: first row, the row past the last (u32 each), first column,
    // the column past the last (u16 each), reserved.
    const MARKER: [u8; 4] = [0x00, 0x02, 0x0E, 0x00];
    let u32_at = |i: usize| {
        bytes.get(i..i + 4).map_or(0, |b| {
            u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        })
    };
    let u16_at = |i: usize| {
        bytes
            .get(i..i + 2)
            .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    for (at, window) in bytes.windows(4).enumerate() {
        if window != MARKER {
            continue;
        }
        let body = at + 4;
        let rows = u32_at(body + 4).saturating_sub(u32_at(body));
        let columns = u16_at(body + 10).saturating_sub(u16_at(body + 8));
        if rows.saturating_mul(columns) > MAX_SHEET_CELLS {
            return Err(too_big(
                source,
                &format!(
                    "a sheet declares {} rows by {} columns",
                    crate::format::thousands(rows),
                    crate::format::thousands(columns)
                ),
            ));
        }
    }
    Ok(())
}

/// An XML reader set as calamine sets its own, so that what calamine reads this reads too:
/// end tags are not matched against start tags (a stray one must not end the weighing).
fn reader<R: Read>(part: R) -> quick_xml::Reader<std::io::BufReader<R>> {
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(part));
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    xml
}

/// `uniqueCount`, which calamine reserves room for before reading a single string: in every
/// part calamine might take for the shared strings (it finds the name in any case).
fn shared_strings<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    source: &str,
) -> Result<(), FileError> {
    let candidates: Vec<usize> = (0..zip.len())
        .filter(|i| {
            zip.name_for_index(*i)
                .and_then(Result::ok)
                .is_some_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"))
        })
        .collect();
    for index in candidates {
        let part = zip
            .by_index(index)
            .map_err(|_| damaged(source, "sharedStrings.xml"))?;
        let mut xml = reader(part);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                    let declared = number_attribute(&e, "uniqueCount").unwrap_or(0);
                    if declared > MAX_SHEET_CELLS {
                        return Err(too_big(
                            source,
                            &format!(
                                "it declares {} different texts",
                                crate::format::thousands(declared)
                            ),
                        ));
                    }
                    break;
                }
                Ok(Event::Eof) => break,
                Err(_) => return Err(damaged(source, "sharedStrings.xml")),
                Ok(_) => {}
            }
        }
    }
    Ok(())
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
    /// Bytes of text (values and formulas) the row's cells hold, repeats counted.
    text: u64,
}

/// An .ods sheet's size once calamine lays out its repeated rows and cells: the rows from
/// the first filled to the last, each as wide as the widest filled span.
#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    /// (cells, bytes of text) once laid out.
    fn cost(&self) -> (u64, u64) {
        let held: u64 = self
            .rows
            .iter()
            .map(|r| r.held)
            .fold(0, u64::saturating_add);
        let (Some(first), Some(last)) = (
            self.rows.iter().position(|r| r.filled.is_some()),
            self.rows.iter().rposition(|r| r.filled.is_some()),
        ) else {
            return (held, 0);
        };
        let left = self.rows.iter().filter_map(|r| r.filled.map(|f| f.0)).min();
        let right = self.rows.iter().filter_map(|r| r.filled.map(|f| f.1)).max();
        let width = match (left, right) {
            (Some(l), Some(r)) => r.saturating_sub(l) + 1,
            _ => 0,
        };
        // Every row between the first and last filled one is laid out, empty or not.
        let span = &self.rows[first..=last];
        let height: u64 = span.iter().map(|r| r.repeats).fold(0, u64::saturating_add);
        let text: u64 = span
            .iter()
            .map(|r| r.repeats.saturating_mul(r.text))
            .fold(0, u64::saturating_add);
        // calamine keeps a formula grid of the same size as the values.
        (
            held.max(height.saturating_mul(width)).saturating_mul(2),
            text,
        )
    }
}

/// calamine's caps on an .ods sheet's rows and columns.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// The cell being read: its repeats, whether it holds anything, and its bytes of text.
struct OdsCell {
    repeats: u64,
    filled: bool,
    text: u64,
}

fn ods_sheets<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    source: &str,
) -> Result<(), FileError> {
    let Ok(part) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = reader(part);
    let mut buf = Vec::new();
    let mut table: Option<Table> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<OdsCell> = None;
    let (mut column, mut empty_before, mut total_rows) = (0_u64, 0_u64, 0_u64);
    // The whole workbook, every sheet together: calamine keeps them all.
    let (mut cells_in_all, mut text_in_all) = (0_u64, 0_u64);
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(Event::Eof) => return Ok(()),
            Err(_) => return Err(damaged(source, "content.xml")),
            Ok(e) => e,
        };
        let empty_tag = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                table = Some(Table::default());
                total_rows = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(t) = table.take() {
                    let (cells, text) = t.cost();
                    cells_in_all = cells_in_all.saturating_add(cells);
                    text_in_all = text_in_all.saturating_add(text);
                    if cells_in_all > 2 * MAX_SHEET_CELLS || text_in_all > MAX_WORKBOOK_TEXT_BYTES {
                        return Err(too_big(
                            source,
                            &format!(
                                "its sheets repeat their rows and cells to {} cells",
                                crate::format::thousands(cells_in_all / 2)
                            ),
                        ));
                    }
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                let asked = number_attribute(&e, "number-rows-repeated").unwrap_or(1);
                let repeats = asked.min(ODS_MAX_ROWS.saturating_sub(total_rows));
                total_rows = total_rows.saturating_add(repeats);
                let new = Row {
                    repeats,
                    ..Row::default()
                };
                column = 0;
                empty_before = 0;
                if empty_tag {
                    // A row with no cells still takes its place between filled rows.
                    if let Some(t) = table.as_mut() {
                        t.rows.push(new);
                    }
                } else {
                    row = Some(new);
                }
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
                let mut started = OdsCell {
                    repeats: number_attribute(&e, "number-columns-repeated").unwrap_or(1),
                    filled: false,
                    text: 0,
                };
                for a in e.attributes().with_checks(false).flatten() {
                    let key = a.key.as_ref();
                    // A value, a type or a formula fills the cell; each keeps its text.
                    if key == "table:formula" || key.starts_with("office:") {
                        started.filled = true;
                        started.text = started.text.saturating_add(a.value.len() as u64);
                    }
                }
                cell = Some(started);
                if empty_tag {
                    finish_cell(&mut cell, &mut row, &mut column, &mut empty_before);
                }
            }
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:s" => {
                // A run of spaces: text:c of them.
                if let Some(c) = cell.as_mut() {
                    let spaces = number_attribute(&e, "c").unwrap_or(1);
                    c.filled = true;
                    c.text = c.text.saturating_add(spaces);
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    c.filled = true;
                    c.text = c.text.saturating_add(t.len() as u64);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut() {
                    c.filled = true;
                    c.text = c.text.saturating_add(r.len() as u64 + 2);
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
    cell: &mut Option<OdsCell>,
    row: &mut Option<Row>,
    column: &mut u64,
    empty_before: &mut u64,
) {
    let (Some(c), Some(r)) = (cell.take(), row.as_mut()) else {
        return;
    };
    let room = |at: u64| ODS_MAX_COLUMNS.saturating_sub(at);
    if c.filled {
        let empties = (*empty_before).min(room(*column));
        *column += empties;
        r.held += empties;
        let repeats = c.repeats.min(room(*column));
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
        r.text = r.text.saturating_add(repeats.saturating_mul(c.text));
        *empty_before = 0;
    } else {
        *empty_before = empty_before.saturating_add(c.repeats);
    }
}
