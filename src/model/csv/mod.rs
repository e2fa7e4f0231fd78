//! Spreadsheets in and out. Managers keep staff lists in spreadsheets, so import accepts what
//! spreadsheets really write (BOM, CRLF, semicolons, `£37,338`, `60%`, yes/no) and export
//! writes the same columns back so a round trip loses nothing.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::fmt;

use super::io::FileError;
use super::library;
use super::pay;
use super::team::{
    Autonomy, Contract, LineManager, Member, MemberId, Membership, Pay, Position, Team,
};
use super::validate::MAX_YEARS_OF_SERVICE;

mod import;

pub use import::{import_into, import_sheet};

/// The columns, in the order export writes them.
pub const COLUMNS: [&str; 19] = [
    "name",
    "job_title",
    "discipline",
    "agency",
    "salary",
    "pay_scale",
    "pay_point",
    "fte",
    "team_share",
    "leave_days",
    "years_of_service",
    "training_days",
    "training_budget",
    "autonomy",
    "contract",
    "co_located",
    "membership",
    "line_manager",
    "line_manager_agency",
];

/// A salary that differs from its pay point by more than this is a contradiction.
const SALARY_MATCH_TOLERANCE: f64 = 1.0;

/// One bad cell or row: the 1-based line in the file, the column, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, column “{c}”: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

/// Every problem found in a spreadsheet: an import succeeds whole or changes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    pub rows: Vec<RowError>,
    /// Where reading stopped after [`MAX_PROBLEMS`]: the line or row of the last problem,
    /// and how many rows the sheet has.
    pub stopped: Option<(u64, usize)>,
    /// For a sheet of a workbook: its name and where its columns are, so each problem is
    /// named by its cell (`Team!E7`) rather than by a line of text.
    pub place: Option<SheetPlace>,
}

/// Where a workbook sheet's columns are: its name and, for each header cell (as written
/// and normalised), its 0-based column in the sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetPlace {
    pub sheet: String,
    pub columns: Vec<(String, u32)>,
}

impl SheetPlace {
    /// `Team!E7`, or `Team, row 7` where the column is not one of the header's.
    fn describe(&self, r: &RowError) -> String {
        let column = r.column.as_deref().and_then(|c| {
            let key = normalise_header(c);
            self.columns
                .iter()
                .find(|(h, _)| h.trim() == c.trim() || normalise_header(h) == key)
                .map(|(_, i)| *i)
        });
        // Quoted where a spreadsheet quotes it: 'Staff list'!E7.
        let quoted = if self.sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
            self.sheet.clone()
        } else {
            format!("'{}'", self.sheet.replace('\'', "''"))
        };
        match (column, &r.column) {
            (Some(i), Some(c)) => {
                format!(
                    "{}!{}{} (“{c}”): {}",
                    quoted,
                    column_letters(i),
                    r.line,
                    r.message
                )
            }
            (None, Some(c)) => format!(
                "{}, row {}, column “{c}”: {}",
                self.sheet, r.line, r.message
            ),
            (_, None) => format!("{}, row {}: {}", self.sheet, r.line, r.message),
        }
    }
}

/// A 0-based column as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA.
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// How many problems a refused sheet lists before saying how many more there are.
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// How many problems a sheet is read for before Teamscape stops looking: a sheet of a
/// million bad rows is refused in a moment, not after reading every one.
pub const MAX_PROBLEMS: usize = 1_000;

impl CsvError {
    pub(super) fn one(line: u64, column: Option<&str>, message: impl Into<String>) -> Self {
        Self::of(vec![RowError {
            line,
            column: column.map(str::to_owned),
            message: message.into(),
        }])
    }

    pub(super) fn of(rows: Vec<RowError>) -> Self {
        Self {
            rows,
            stopped: None,
            place: None,
        }
    }

    /// Each problem as the user looks for it: by line and column in a CSV file, by cell in
    /// a workbook.
    /// The first [`MAX_LISTED_PROBLEMS`], then how many more: a sheet can hold two million
    /// bad cells, and a list of them all helps nobody.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .rows
            .iter()
            .take(MAX_LISTED_PROBLEMS)
            .map(|r| {
                let line = match &self.place {
                    Some(place) => place.describe(r),
                    None => r.to_string(),
                };
                crate::format::shorten(&line, 1_000)
            })
            .collect();
        let more = self.rows.len().saturating_sub(MAX_LISTED_PROBLEMS);
        if more > 0 {
            lines.push(format!(
                "and {} more problem{} like these",
                crate::format::thousands(more as u64),
                if more == 1 { "" } else { "s" }
            ));
        }
        if let Some((at, rows)) = self.stopped {
            let place = match &self.place {
                Some(_) => format!("row {}", crate::format::thousands(at)),
                None => format!("line {}", crate::format::thousands(at)),
            };
            lines.push(format!(
                "Teamscape stopped looking after {} problems, at {place} of a sheet of {} rows: correct these and check again for the rest",
                crate::format::thousands(MAX_PROBLEMS as u64),
                crate::format::thousands(rows as u64)
            ));
        }
        lines
    }

    pub fn into_file_error(self, source: &str) -> FileError {
        let list: Vec<String> = self.lines().iter().map(|r| format!("  - {r}")).collect();
        let (line, hint) = match &self.place {
            // A line number means nothing in a workbook's zipped XML: the list names cells.
            Some(_) => (
                None,
                "Correct these cells in the workbook, save it and open or import it again.",
            ),
            None => (
                self.rows.first().map(|r| r.line as usize),
                "Correct these cells in the spreadsheet, save it and import it again.",
            ),
        };
        FileError {
            path: source.to_owned(),
            line,
            column: None,
            message: format!(
                "the spreadsheet has {}{}; nothing was imported:\n{}",
                if self.stopped.is_some() {
                    "at least "
                } else {
                    ""
                },
                crate::format::count(self.rows.len(), "problem", "problems"),
                list.join("\n")
            ),
            hint: hint.to_owned(),
        }
    }
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.lines().join("\n"))
    }
}

/// `Job Title`, `job-title` and `JOB_TITLE` are the same column.
pub(super) fn normalise_header(h: &str) -> String {
    let mut out = String::new();
    for ch in h.trim().chars() {
        let ch = if matches!(ch, ' ' | '-' | '_') {
            '_'
        } else {
            ch.to_ascii_lowercase()
        };
        if !(ch == '_' && out.ends_with('_')) {
            out.push(ch);
        }
    }
    out.trim_matches('_').to_owned()
}

/// Pick the delimiter from the header line: semicolons where a spreadsheet in a decimal-comma
/// locale wrote them, commas otherwise.
pub(super) fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let (mut commas, mut semis, mut tabs, mut quoted) = (0, 0, 0, false);
    for ch in header.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => commas += 1,
            ';' if !quoted => semis += 1,
            '\t' if !quoted => tabs += 1,
            _ => {}
        }
    }
    // Cells copied from a spreadsheet come tab-separated.
    if tabs > commas.max(semis) {
        b'\t'
    } else if semis > commas {
        b';'
    } else {
        b','
    }
}

/// Rows pasted from a spreadsheet, read under the same header contract as a CSV import.
/// Rows copied without their header row are taken to be in the order Teamscape's own CSV
/// export writes ([`COLUMNS`]), which is what a sheet made from that export has.
pub fn pasted_rows(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_end();
    let first = text.lines().next().unwrap_or("");
    let has_header = first
        .split(['\t', ',', ';'])
        .any(|cell| normalise_header(cell) == "name");
    if has_header {
        text.to_owned()
    } else {
        format!("{}\n{text}", COLUMNS.join("\t"))
    }
}

/// The most rows a sheet may have: the largest team Teamscape makes (`teamscape generate`),
/// and more answers than any round gathers. More is refused before it fills memory: each row
/// held costs about 200 bytes however short its line, so a file of a few megabytes of short
/// lines held a gigabyte (found by fuzzing).
pub const MAX_SHEET_ROWS: usize = 1_000_000;

/// A sheet read with the tolerance every spreadsheet import shares: a byte-order mark
/// dropped, commas or semicolons, rows of any length, blank rows (which spreadsheets leave at
/// the end) skipped. A sheet of a workbook is read into the same shape, its cells as text.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub headers: ::csv::StringRecord,
    /// The header row's line in the file, or its row in the workbook's sheet.
    pub header_line: u64,
    /// Each row in order: its line in the file and its cells, or why it cannot be read.
    pub rows: Vec<Result<(u64, ::csv::StringRecord), RowError>>,
    /// Where a workbook sheet's columns are; `None` for CSV text.
    pub place: Option<SheetPlace>,
}

impl Sheet {
    pub fn read(text: &str) -> Result<Self, CsvError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(text))
            .flexible(true)
            .has_headers(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| CsvError::one(1, None, format!("the header row cannot be read: {e}")))?
            .clone();
        // The csv crate counts lines wrongly after a CRLF record (rust-csv #395, open), and
        // CRLF is what Excel writes: lines are counted here from each record's byte offset,
        // going forward from the last record (no list of every line end: a file of empty
        // lines would make that list eight times its own size).
        let (mut counted_to, mut lines_before) = (0_usize, 0_u64);
        let mut line = |p: Option<&::csv::Position>| {
            // After a CRLF the crate's record offset can point at the previous line's '\n':
            // the record starts at the first byte from there that ends no line.
            p.map_or(0, |p| {
                let from = usize::try_from(p.byte()).unwrap_or(usize::MAX);
                let start = text
                    .get(from..)
                    .and_then(|rest| rest.find(|c| c != '\r' && c != '\n'))
                    .map_or(from, |k| from + k)
                    .min(text.len());
                if start < counted_to {
                    (counted_to, lines_before) = (0, 0);
                }
                #[allow(clippy::naive_bytecount)] // once over the text in all
                let more = text.as_bytes()[counted_to..start]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count();
                lines_before += more as u64;
                counted_to = start;
                1 + lines_before
            })
        };
        let mut rows = Vec::new();
        for record in reader.records() {
            let row = match record {
                Ok(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
                Ok(r) => Ok((line(r.position()), r)),
                Err(e) => Err(RowError {
                    line: line(e.position()),
                    column: None,
                    message: format!("this row cannot be read: {e}"),
                }),
            };
            if rows.len() == MAX_SHEET_ROWS {
                let at = match &row {
                    Ok((l, _)) => *l,
                    Err(e) => e.line,
                };
                return Err(CsvError::one(
                    at,
                    None,
                    format!(
                        "the sheet has more than {} rows, the most Teamscape reads: check that this is the right file",
                        crate::format::thousands(MAX_SHEET_ROWS as u64)
                    ),
                ));
            }
            rows.push(row);
        }
        Ok(Self {
            headers,
            header_line: 1,
            rows,
            place: None,
        })
    }

    /// A workbook sheet's cells as text, its first row the header. `first_row` and
    /// `first_column` (0-based) say where the cells start in the sheet, so that problems are
    /// named by the cell the user sees.
    pub fn from_cells(
        name: &str,
        first_row: u32,
        first_column: u32,
        cells: Vec<Vec<String>>,
    ) -> Self {
        let mut rows = cells.into_iter();
        let headers = ::csv::StringRecord::from(rows.next().unwrap_or_default());
        let header_line = u64::from(first_row) + 1;
        let columns = headers
            .iter()
            .enumerate()
            .filter(|(_, h)| !h.trim().is_empty())
            .map(|(i, h)| (h.to_owned(), first_column + i as u32))
            .collect();
        let rows = rows
            .enumerate()
            .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
            .map(|(i, r)| Ok((header_line + 1 + i as u64, ::csv::StringRecord::from(r))))
            .collect();
        Self {
            headers,
            header_line,
            rows,
            place: Some(SheetPlace {
                sheet: name.to_owned(),
                columns,
            }),
        }
    }

    /// The error with this sheet's place, so a workbook's problems are named by cell.
    pub fn locate(&self, mut error: CsvError) -> CsvError {
        error.place.clone_from(&self.place);
        error
    }
}

/// The problems found in a responses sheet, or one saying it holds no responses (when it has
/// none and no other problem), as a refusal; `Ok` when there is nothing to refuse.
pub(super) fn refuse_if_any(
    sheet: &Sheet,
    no_responses: bool,
    mut errors: Vec<RowError>,
) -> Result<(), CsvError> {
    if no_responses && errors.is_empty() {
        errors.push(RowError {
            line: sheet.header_line + 1,
            column: None,
            message: "the sheet has a header but no responses".to_owned(),
        });
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CsvError::of(errors))
    }
}

/// A row that can be read, with its line; one that cannot is added to `errors` (so errors
/// keep the order of the rows).
pub(super) fn readable<'r>(
    row: &'r Result<(u64, ::csv::StringRecord), RowError>,
    errors: &mut Vec<RowError>,
) -> Option<(u64, &'r ::csv::StringRecord)> {
    match row {
        Ok((line, record)) => Some((*line, record)),
        Err(e) => {
            errors.push(e.clone());
            None
        }
    }
}

/// Whether a spreadsheet would take text beginning this way for a formula (or, for a tab
/// or carriage return, would drop what hides one): the characters OWASP lists for CSV
/// injection (CWE-1236). Apostrophes before them count too, so that quoting can be undone
/// exactly (see [`spreadsheet_safe`]).
fn needs_quote(text: &str) -> bool {
    // Spaces too: a spreadsheet that trims them would find the formula behind them.
    let rest = text.trim_start_matches(['\'', ' ']);
    rest.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell as written to CSV: text a spreadsheet would run as a formula (a name such as
/// `=HYPERLINK(…)`) gets a leading apostrophe, so it opens as text; so does text that
/// already begins with apostrophes before such a character, so that [`cell_value`] gives
/// back exactly what was written.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_quote(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell's text as a value: surrounding spaces dropped, and the apostrophe that
/// [`spreadsheet_safe`] (or a careful spreadsheet user) puts before formula-like text. A
/// leading tab or carriage return is kept: trimmed away, `\t=1+1` would become a live
/// formula in the next spreadsheet to open the team.
pub fn cell_value(raw: &str) -> &str {
    let text = raw.trim_end();
    let inner = text.trim_start();
    // Leading white space goes, unless a formula stands behind it.
    let text = if inner.len() < text.len() && inner.starts_with(['=', '+', '-', '@']) {
        text
    } else {
        inner
    };
    match text.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => text,
    }
}

fn number(v: f64) -> String {
    // Rust's shortest round-trip formatting: 37338, 0.6, 27.5.
    format!("{v}")
}

/// The team's members as a spreadsheet: money as plain numbers, shares as fractions,
/// autonomy as 1–5, the columns in [`COLUMNS`] order. An error is the csv writer's, as text.
pub fn export(team: &Team) -> Result<String, String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let names: HashMap<MemberId, &str> = team
        .members
        .iter()
        .map(|m| (m.id, m.name.as_str()))
        .collect();
    let mut rows: Vec<Vec<String>> = vec![COLUMNS.iter().map(|c| (*c).to_owned()).collect()];
    for m in &team.members {
        let name_of_agency = |id| team.agency(id).map(|a| a.name.clone()).unwrap_or_default();
        let (salary, scale, point) = match &m.pay {
            Pay::Salary(s) => (number(*s), String::new(), String::new()),
            Pay::Point { scale, point } => (
                team.fte_salary(m).map(number).unwrap_or_default(),
                team.pay_scale(*scale)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                point.clone(),
            ),
        };
        let (manager, manager_agency) = match &m.line_manager {
            LineManager::NoManager => (String::new(), String::new()),
            LineManager::Member(id) => (
                names.get(id).map(|n| (*n).to_owned()).unwrap_or_default(),
                String::new(),
            ),
            LineManager::External { name, agency } => (name.clone(), name_of_agency(*agency)),
        };
        rows.push(vec![
            m.name.clone(),
            m.job_title.clone(),
            team.discipline(m.discipline)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            name_of_agency(m.agency),
            salary,
            scale,
            point,
            number(m.fte),
            number(m.team_share),
            m.leave_days.map(number).unwrap_or_default(),
            m.years_of_service
                .map(|y| y.to_string())
                .unwrap_or_default(),
            m.training_days.map(number).unwrap_or_default(),
            m.training_budget.map(number).unwrap_or_default(),
            m.autonomy
                .map(|a| a.level().to_string())
                .unwrap_or_default(),
            m.contract.label().to_owned(),
            if m.co_located { "yes" } else { "no" }.to_owned(),
            m.membership.label().to_owned(),
            manager,
            manager_agency,
        ]);
    }
    for row in rows {
        writer
            .write_record(row.iter().map(|cell| spreadsheet_safe(cell).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    let bytes = writer.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::import::{parse_autonomy, parse_bool, parse_contract, parse_fraction, parse_money};
    use super::*;

    #[test]
    fn headers_are_normalised() {
        assert_eq!(normalise_header(" Job Title "), "job_title");
        assert_eq!(normalise_header("TEAM-share"), "team_share");
        assert_eq!(normalise_header("pay  point"), "pay_point");
    }

    #[test]
    fn money_and_fractions_parse_as_spreadsheets_write_them() {
        assert_eq!(parse_money("£37,338"), Ok(37338.0));
        assert_eq!(parse_money(" £ 105,385.50 "), Ok(105_385.5));
        assert_eq!(parse_money("29970"), Ok(29970.0));
        assert!(parse_money("37,33").is_err());
        assert!(parse_money("£abc").is_err());
        assert_eq!(parse_fraction("60%"), Ok(0.6));
        assert_eq!(parse_fraction("0,5"), Ok(0.5));
        assert!(parse_fraction("60").is_err());
        assert_eq!(parse_bool("YES"), Ok(true));
        assert_eq!(parse_bool("0"), Ok(false));
        assert_eq!(parse_autonomy("4"), Ok(Autonomy::DecidesAndAdvises));
        assert_eq!(
            parse_autonomy("Acts on instruction"),
            Ok(Autonomy::ActsOnInstruction)
        );
        assert!(parse_autonomy("6").is_err());
        assert_eq!(parse_contract("Fixed term"), Ok(Contract::FixedTerm));
    }

    #[test]
    fn formula_like_text_is_written_as_text_and_read_back_as_it_was() {
        for name in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "\t=1+1",
            "\r=1+1",
            "'=1+1",
            "''@x",
        ] {
            let written = spreadsheet_safe(name);
            assert!(written.starts_with('\''), "{name:?} written as {written:?}");
            assert_eq!(cell_value(&written), name);
        }
        // Ordinary text, and an apostrophe that begins a name, are left alone.
        for name in ["Siân O'Neill", "'Tis", "Dr Rachel Adams"] {
            assert_eq!(spreadsheet_safe(name), name);
            assert_eq!(cell_value(name), name);
        }
        assert_eq!(cell_value("  Ann Lee \r"), "Ann Lee");
    }

    #[test]
    fn delimiter_is_sniffed_from_the_header() {
        assert_eq!(sniff_delimiter("name;discipline;salary\n"), b';');
        assert_eq!(sniff_delimiter("name,discipline,\"a;b\"\n"), b',');
    }
}
