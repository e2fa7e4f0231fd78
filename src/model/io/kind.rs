//! What kind of file a file is: by its name for writing, by its content for reading (a
//! workbook renamed .csv, a team file saved as UTF-16, a PDF chosen by mistake).

use super::{decode_sheet_text, display_path, FileError, Path};

/// The kind of team file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Ron,
    Csv,
    Xlsx,
    Ods,
    Xls,
}

/// What Teamscape reads, for messages about a file it cannot.
const WHAT_TEAMSCAPE_READS: &str = "Teamscape reads team files (.ron), workbooks from Excel or LibreOffice Calc (.xlsx, .ods, .xls) and CSV spreadsheets (.csv)";

impl FileKind {
    /// The kind a file's name says it is: how a file is written.
    pub fn of(path: &Path) -> Result<Self, FileError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("ron") => Ok(Self::Ron),
            Some("csv") => Ok(Self::Csv),
            Some("xlsx") => Ok(Self::Xlsx),
            Some("ods") => Ok(Self::Ods),
            Some("xls") => Ok(Self::Xls),
            _ => Err(FileError::new(
                display_path(path),
                format!("{WHAT_TEAMSCAPE_READS}; this name ends in none of these"),
                "Give the file one of these extensions.",
            )),
        }
    }

    /// The kind a file's content says it is: how a file is read. Where the name and the
    /// content disagree (an .xlsx renamed .csv, a `team.ron.bak`), the content decides.
    pub fn sniff(path: &Path, bytes: &[u8]) -> Result<Self, FileError> {
        let by_name = Self::of(path).ok();
        let unknown = |what: &str| {
            FileError::new(
                display_path(path),
                format!("this file is {what}. {WHAT_TEAMSCAPE_READS}"),
                "Choose a team file or a spreadsheet, or save the sheet from its program as .xlsx or .csv.",
            )
        };
        if bytes.starts_with(b"PK\x03\x04") {
            // Both are zip archives; an ODS names its type in its first, uncompressed entry.
            let head = &bytes[..bytes.len().min(200)];
            if contains(head, b"application/vnd.oasis.opendocument.spreadsheet") {
                return Ok(Self::Ods);
            }
            if contains(bytes, b"xl/workbook") {
                return Ok(Self::Xlsx);
            }
            // An .ods whose type entry is not first, as some writers leave it.
            if by_name == Some(Self::Ods) && contains(bytes, b"content.xml") {
                return Ok(Self::Ods);
            }
            if contains(head, b"application/vnd.oasis.opendocument") || contains(bytes, b"word/") {
                return Err(unknown("a word-processor document, not a spreadsheet"));
            }
            return Err(unknown("a zip archive, but not a workbook"));
        }
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Ok(Self::Xls);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(FileError::new(
                display_path(path),
                "the file is empty",
                "It may not have been saved completely: open the .bak copy beside it, or choose another file.",
            ));
        }
        if bytes.starts_with(b"%PDF") {
            return Err(unknown("a PDF document"));
        }
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if !utf16 && bytes.iter().take(4096).any(|b| *b == 0) {
            return Err(unknown("not text, and not a workbook"));
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let head = head.trim_start_matches('\u{feff}');
        if looks_like_ron(head) {
            return Ok(Self::Ron);
        }
        if utf16 {
            let (text, _) = decode_sheet_text(&bytes[..bytes.len().min(4096)], "");
            if looks_like_ron(text.trim_start_matches('\u{feff}')) {
                return Err(FileError::new(
                    display_path(path),
                    "this team file was saved as UTF-16 text; team files are UTF-8",
                    "Open it in a text editor and save it with the encoding UTF-8, then open it again.",
                ));
            }
        }
        if utf16 || looks_like_sheet(head) || by_name == Some(Self::Csv) {
            return Ok(Self::Csv);
        }
        // Text that is neither: a damaged team file is best reported as one.
        match by_name {
            Some(Self::Ron) | None => Ok(Self::Ron),
            Some(_) => Err(unknown(
                "text, but neither a team file nor a CSV spreadsheet",
            )),
        }
    }

    pub fn is_workbook(self) -> bool {
        matches!(self, Self::Xlsx | Self::Ods | Self::Xls)
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A team file starts, after comments, with `TeamFile(` or `(`.
fn looks_like_ron(head: &str) -> bool {
    let mut rest = head;
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix("//") {
            Some(after) => rest = after.split_once('\n').map_or("", |(_, r)| r),
            None => break,
        }
    }
    rest.starts_with("TeamFile") || rest.starts_with('(')
}

/// A CSV or tab-separated sheet: a first line split by a delimiter into several cells.
fn looks_like_sheet(head: &str) -> bool {
    let first = head.lines().next().unwrap_or("");
    first.contains([',', ';', '\t'])
}
