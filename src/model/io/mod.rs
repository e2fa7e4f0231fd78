//! Team files on disk: the RON format with its version header and migrations, safe writes,
//! and opening a file by its extension (RON or CSV).

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::csv;
use super::team::Team;
use super::validate::validate;
use super::SlideId;

mod kind;
mod write;

pub use kind::FileKind;
pub use write::{backup_path, is_leftover_of, save_team, write_atomically, write_export};
use write::{not_a_file, Role};

/// The `format` field every team file starts with.
pub const FORMAT_NAME: &str = "teamscape-team";
/// The newest version this build writes. Every older version must still open: see [`migrate`].
/// Version 3 added snapshots. A team without any is still written as version 2, so the
/// Teamscape before snapshots opens it; one with snapshots is version 3, which that
/// Teamscape refuses rather than dropping the snapshots on its next save. Version 4 added
/// professional families and perception raters stored by family: every file says each
/// discipline's family, but only one that an older Teamscape would lose something of (a
/// family other than the default for the name, a rater stored by family) is version 4.
/// Version 5 added relational rounds: a round that keeps its instrument and answers to it,
/// a respondent's side of the core, and their slides (a slide list or question naming one is version 5).
/// Version 6 added what families tell the team: feedback rounds, the team's minimum of
/// responses, a snapshot's note of how service users were involved, and the families' slide.
/// Version 7 added outcomes frameworks: a team on another framework than Every Child
/// Matters, or a discipline tagged in one, is version 7.
pub const CURRENT_VERSION: u32 = 7;

/// Whether the team holds what only version 7 keeps: a framework other than Every Child
/// Matters, or an outcome of one (an older Teamscape knows only the five).
fn needs_frameworks(team: &Team) -> bool {
    let any = |t: &Team| {
        !t.framework.is_default()
            || t.disciplines
                .iter()
                .flat_map(|d| &d.outcomes)
                .any(|o| !o.framework().is_default())
    };
    any(team) || team.snapshots.iter().any(|s| any(&s.team))
}

/// Whether the team holds what only version 6 keeps (see [`CURRENT_VERSION`]).
fn needs_feedback(team: &Team) -> bool {
    !team.feedback.is_empty()
        || team.min_responses != super::feedback::DEFAULT_MIN_RESPONSES
        || team.snapshots.iter().any(|s| {
            s.involvement.is_some() || !s.involvement_note.is_empty() || needs_feedback(&s.team)
        })
}

/// Whether the team holds a relational round, a round linked to a snapshot, or a response
/// that says its side of the core, which only version 5 keeps.
fn needs_instruments(team: &Team) -> bool {
    let any = |t: &Team| {
        t.perceptions.iter().any(|r| {
            r.instrument.is_some()
                || r.snapshot.is_some()
                || r.responses.iter().any(|x| x.side.is_some())
        })
    };
    any(team) || team.snapshots.iter().any(|s| any(&s.team))
}

/// Whether the team holds what only version 4 keeps: a discipline in another family than
/// its name's default, or a perception answer stored with the rater's family.
fn needs_families(team: &Team) -> bool {
    let custom = |t: &Team| {
        t.disciplines
            .iter()
            .any(|d| d.family != super::library::default_family(&d.name))
            || t.perceptions
                .iter()
                .flat_map(|r| &r.responses)
                .any(|r| r.rater_family.is_some())
    };
    custom(team) || team.snapshots.iter().any(|s| custom(&s.team))
}

/// The oldest version that holds everything in `team`: version 7 for an outcomes framework
/// (see [`needs_frameworks`]), version 4 for families (see
/// [`needs_families`]), version 3 for snapshots, or for a slide list or question that names a
/// slide of change (version 2 does not know them).
pub fn version_for(team: &Team) -> u32 {
    let p = &team.presentation;
    let names_slide = |wanted: fn(SlideId) -> bool| {
        !p.is_default() && p.slides.iter().chain(p.prompts.keys()).any(|s| wanted(*s))
    };
    if needs_frameworks(team) {
        return 7;
    }
    if needs_feedback(team) || names_slide(SlideId::needs_feedback) {
        return 6;
    }
    if needs_instruments(team) || names_slide(SlideId::needs_relational) {
        return 5;
    }
    if needs_families(team) {
        return 4;
    }
    let names_slide_of_change = names_slide(SlideId::needs_snapshot);
    if team.snapshots.is_empty() && !names_slide_of_change {
        2
    } else {
        3
    }
}
/// Files larger than this are refused before parsing (a 10,000-member team is about 7 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A problem opening, reading or writing a team file: which file, where in it, what went
/// wrong and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    /// 1-based line and column, where the problem has a place in the file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// One line saying what to do.
    pub hint: String,
}

impl FileError {
    pub fn new(
        path: impl Into<String>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        // A value quoted from a file can be megabytes long (a 5 MB name): no line of a
        // message echoes more than a screenful.
        let message: String = message.into();
        let message = message
            .lines()
            .map(|line| crate::format::shorten(line, 1_000))
            .collect::<Vec<_>>()
            .join("\n");
        Self {
            path: path.into(),
            line: None,
            column: None,
            message,
            hint: hint.into(),
        }
    }

    fn io(path: &Path, action: &str, err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        // Windows refuses to replace or open a file another program holds open (Excel locks
        // the workbooks and CSV files it shows): ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION,
        // or "access denied" for a rename over it.
        let held_open = cfg!(windows)
            && (matches!(err.raw_os_error(), Some(32 | 33))
                || err.kind() == ErrorKind::PermissionDenied);
        let hint = match err.kind() {
            _ if held_open => {
                "If another program has this file open (Excel locks the files it shows), close it there and try again; otherwise choose another folder."
            }
            ErrorKind::NotFound => "Check the file name and folder.",
            ErrorKind::PermissionDenied => {
                "You do not have permission here: choose another folder or ask for access."
            }
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => {
                "The disk is full: free some space or save somewhere else."
            }
            ErrorKind::ReadOnlyFilesystem => "This place is read-only: save somewhere else.",
            _ => "Try again, or choose another file or folder.",
        };
        Self::new(
            display_path(path),
            format!("could not {action}: {err}"),
            hint,
        )
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

impl std::error::Error for FileError {}

pub fn display_path(path: &Path) -> String {
    path.display().to_string()
}

/// The whole file as written: a header naming the format and version, then the team.
#[derive(Serialize)]
#[serde(rename = "TeamFile")]
struct TeamFileOut<'a> {
    format: &'a str,
    version: u32,
    team: &'a Team,
}

/// Read first, on its own, so a newer file is refused before its unknown contents are parsed.
#[derive(Deserialize, Debug, PartialEq, Eq)]
#[serde(rename = "TeamFile")]
pub(crate) struct Header {
    pub(crate) format: String,
    pub(crate) version: u32,
}

/// Versions 1 to 4 of the file. Version 4 added families, read with defaults when absent;
/// version 3 added snapshots, optional too. Version 2 added the team's pay year, each scale's library
/// key, effective date, address and estimated points, and members' years of service, all
/// optional, so version 1 reads with the same types and is then linked to the library
/// ([`super::pay::link_to_library`]). A version that renames or removes a field freezes the
/// older types in a module of their own.
#[derive(Deserialize)]
#[serde(rename = "TeamFile")]
struct TeamFileV1V2 {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    team: Team,
}

/// The team as RON text, ready to save. A failure is an error to show, never text to write.
pub fn to_ron(team: &Team) -> Result<String, FileError> {
    let file = TeamFileOut {
        format: FORMAT_NAME,
        version: version_for(team),
        team,
    };
    ron::ser::to_string_pretty(&file, pretty()).map_err(|e| {
        FileError::new(
            team.name.clone(),
            format!("the team could not be written as a team file: {e}"),
            "Nothing was saved and the file on disk is unchanged. Please report this as a bug.",
        )
    })
}

/// How Teamscape writes its RON files (teams and portfolios).
pub(crate) fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        // Raw strings: names like “Children's nursing” and multi-line notes stay readable.
        .escape_strings(false)
        // ron would end lines with CRLF on Windows: one file, byte for byte, on every system.
        .new_line("\n")
        .indentor("  ")
}

/// Parse a team file's text. `source` names the file in messages. Does not validate.
pub fn from_ron(text: &str, source: &str) -> Result<Team, FileError> {
    let header = match quick_header(text) {
        Some(header) => header,
        // Not in the order Teamscape writes: let ron read (and skip) the whole file.
        None => ron::from_str(text).map_err(|e| ron_error(source, text, &e))?,
    };
    if header.format != FORMAT_NAME {
        return Err(FileError::new(
            source,
            format!(
                "this is not a Teamscape team file (its format is “{}”)",
                header.format
            ),
            "Open a .ron file saved by Teamscape, or import a spreadsheet as .csv.",
        ));
    }
    migrate(header.version, text, source)
}

/// The header as Teamscape writes it, `TeamFile(format: "…", version: N, team: …)`, read
/// from the first lines without parsing the team: reading the header through ron would skip
/// the whole team once more, doubling the time to open a large file.
pub(crate) fn quick_header(text: &str) -> Option<Header> {
    let end = (0..=text.len().min(1024))
        .rev()
        .find(|i| text.is_char_boundary(*i))?;
    let mut rest = &text[..end];
    // Skip comments and the optional struct name.
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n')?.1;
        } else {
            break;
        }
    }
    rest = rest
        .strip_prefix("TeamFile")
        .or_else(|| rest.strip_prefix("PortfolioFile"))
        .unwrap_or(rest)
        .trim_start();
    rest = rest.strip_prefix('(')?.trim_start();
    rest = rest
        .strip_prefix("format")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    rest = rest.strip_prefix('"')?;
    let (format, after) = rest.split_once('"')?;
    if format.contains('\\') {
        return None;
    }
    rest = after.trim_start().strip_prefix(',')?.trim_start();
    rest = rest
        .strip_prefix("version")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let version = digits.parse().ok()?;
    rest = rest[digits.len()..].trim_start();
    rest.starts_with(',').then(|| Header {
        format: format.to_owned(),
        version,
    })
}

/// Every version this build knows, oldest first, brought up to the current model.
fn migrate(version: u32, text: &str, source: &str) -> Result<Team, FileError> {
    match version {
        1 => {
            let file: TeamFileV1V2 =
                ron::from_str(text).map_err(|e| ron_error(source, text, &e))?;
            let mut team = file.team;
            super::pay::link_to_library(&mut team);
            Ok(team)
        }
        2..=7 => {
            let file: TeamFileV1V2 =
                ron::from_str(text).map_err(|e| ron_error(source, text, &e))?;
            Ok(file.team)
        }
        v if v > CURRENT_VERSION => Err(FileError::new(
            source,
            format!("this file was saved by a newer Teamscape (file version {v}; this one reads up to {CURRENT_VERSION})"),
            "Update Teamscape to open it. It has not been changed.",
        )),
        v => Err(FileError::new(
            source,
            format!("unknown file version {v}"),
            "The header should say version: 1 or later.",
        )),
    }
}

pub(crate) fn ron_error(source: &str, text: &str, e: &ron::error::SpannedError) -> FileError {
    use ron::error::Error as E;
    // An error on the last line of a file that does not close its brackets is a cut-off file,
    // whatever the parser expected there (an unfinished string, a missing comma).
    let last_line = text.lines().count().max(1);
    let cut_off = e.span.start.line >= last_line && !text.trim_end().ends_with(')');
    let hint = match &e.code {
        _ if cut_off => {
            "The file ends too early: it may have been cut off. Try the .bak copy beside it."
        }
        E::Eof => "The file ends too early: it may have been cut off. Try the .bak copy beside it.",
        E::ExceededRecursionLimit => "The file is nested far too deeply to be a team file.",
        E::ExpectedString | E::ExpectedStringEnd => "Text must be inside double quotes.",
        E::ExpectedComma => "A comma is missing between two items.",
        E::ExpectedFloat | E::ExpectedInteger | E::FloatUnderscore => {
            "A number is expected here, like 0.6 or 37338."
        }
        E::MissingStructField { .. } => {
            "A required field is missing: add it, or re-save from Teamscape."
        }
        E::NoSuchEnumVariant { .. } => "This word is not one of the allowed choices listed above.",
        E::Utf8Error(_) => "The file is not UTF-8 text: it may be damaged.",
        E::TrailingCharacters => "There is extra text after the end of the team.",
        _ => "Check the brackets, quotes and commas near this place, or open the .bak copy.",
    };
    // ron's own words speak to Rust programmers ("try the raw identifier `r#3`"): say what
    // is wrong in the file's terms instead where they would not help.
    let message = match &e.code {
        E::ExceededRecursionLimit => "brackets are nested far too deeply here".to_owned(),
        E::InvalidIdentifier(word) | E::SuggestRawIdentifier(word) => format!(
            "“{}” cannot stand here: a field name or a choice is expected",
            crate::format::shorten(word, 40)
        ),
        other => crate::format::shorten(&other.to_string(), 300),
    };
    FileError {
        path: source.to_owned(),
        line: Some(e.span.start.line),
        column: Some(e.span.start.col),
        message,
        hint: hint.to_owned(),
    }
}

/// Read a file's bytes, refusing anything larger than [`MAX_FILE_BYTES`].
/// What a file is, by its content: whether a comparison may trust its member ids (a team
/// file keeps them; a spreadsheet's are numbered as it is read).
pub fn read_kind(path: &Path) -> Option<FileKind> {
    let bytes = read_bytes(path).ok()?;
    FileKind::sniff(path, &bytes).ok()
}

pub fn read_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    let meta = std::fs::metadata(path).map_err(|e| FileError::io(path, "open the file", &e))?;
    if let Some(e) = not_a_file(path, &meta, Role::Input) {
        return Err(e);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    // The file can grow after the look above: read no more than the limit allows. Room
    // for all of it at once: doubling as it reads touched three times the memory, and fresh
    // pages were most of the time of opening a large sheet.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    std::fs::File::open(path)
        .and_then(|f| {
            use std::io::Read as _;
            f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| FileError::io(path, "read the file", &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(path: &Path, bytes: u64) -> FileError {
    FileError::new(
        display_path(path),
        format!(
            "the file is {} MB, larger than the {} MB a team file may be",
            bytes.div_ceil(1 << 20),
            MAX_FILE_BYTES >> 20
        ),
        "Check that this is the right file.",
    )
}

/// Refuse to write what Teamscape could not read back: the one limit, [`MAX_FILE_BYTES`],
/// serves the writer and the reader.
pub fn check_writable_size(path: &Path, bytes: u64) -> Result<(), FileError> {
    if bytes > MAX_FILE_BYTES {
        return Err(FileError::new(
            display_path(path),
            format!(
                "the file would be {} MB, larger than the {} MB Teamscape can open again, so it was not written",
                bytes.div_ceil(1 << 20),
                MAX_FILE_BYTES >> 20
            ),
            "Nothing was saved and any file already there is unchanged. Split the team, or keep fewer snapshots and rounds in it.",
        ));
    }
    Ok(())
}

/// Read a file's text, which must be UTF-8 (a team file, a recovery file), refusing
/// anything larger than [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, FileError> {
    utf8_text(read_bytes(path)?, path)
}

fn utf8_text(bytes: Vec<u8>, path: &Path) -> Result<String, FileError> {
    String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col_of_byte(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        FileError {
            path: display_path(path),
            line: Some(line),
            column: Some(column),
            message: "the file is not UTF-8 text".to_owned(),
            hint: "Open the .bak copy beside it, or save it again as UTF-8.".to_owned(),
        }
    })
}

/// A spreadsheet's text in the encoding its program chose: UTF-8 (with or without a
/// byte-order mark), UTF-16 with a byte-order mark (Excel's "Unicode text"), and otherwise
/// Windows-1252, which Excel's "CSV (Comma delimited)" and `LibreOffice` write on a UK
/// Windows machine. The notice says when the last was assumed.
pub fn decode_sheet_text(bytes: &[u8], source: &str) -> (String, Option<String>) {
    decode_sheet_bytes(bytes.to_vec(), source)
}

/// [`decode_sheet_text`] of bytes it may keep: UTF-8 without a byte-order mark, the common
/// case, becomes the text without a copy.
fn decode_sheet_bytes(bytes: Vec<u8>, source: &str) -> (String, Option<String>) {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_with_bom_removal(&bytes);
        return (text.into_owned(), None);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return (text, None),
        Err(e) => e.into_bytes(),
    };
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    (
        text.into_owned(),
        Some(format!(
            "{source} was read as Windows-1252, as Excel and LibreOffice save CSV on Windows: check that accented names look right."
        )),
    )
}

fn line_col_of_byte(before: &[u8]) -> (usize, usize) {
    #[allow(clippy::naive_bytecount)] // only on an error path
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, col)
}

/// A team read from a file, with anything the user should be told about how it was read
/// (the encoding assumed, the sheet chosen).
#[derive(Debug)]
pub struct Loaded {
    pub team: Team,
    pub notices: Vec<String>,
    /// The portfolio the team was taken from, by name: saving the team must not write over
    /// the portfolio's file, so the app saves it as a team file of its own.
    pub from_portfolio: Option<String>,
}

/// The names of a workbook's sheets that `is_header` accepts, or `None` for a file that is
/// not a workbook: the app asks which to read when there is more than one.
pub fn workbook_candidates(
    path: &Path,
    is_header: fn(&[String]) -> bool,
) -> Result<Option<Vec<String>>, FileError> {
    let bytes = read_bytes(path)?;
    let kind = FileKind::sniff(path, &bytes)?;
    if !kind.is_workbook() {
        return Ok(None);
    }
    let sheets = super::workbook::read(bytes, kind, &display_path(path))?;
    Ok(Some(super::workbook::candidates(&sheets, is_header)))
}

/// A spreadsheet read from a file of any kind Teamscape reads but RON: CSV in whichever
/// encoding, or the sheet of a workbook that `is_header` picks (or `sheet`, by name).
pub fn read_sheet(
    path: &Path,
    sheet: Option<&str>,
    is_header: fn(&[String]) -> bool,
    what: &str,
) -> Result<(csv::Sheet, Vec<String>), FileError> {
    let bytes = read_bytes(path)?;
    let kind = FileKind::sniff(path, &bytes)?;
    sheet_from_bytes(path, bytes, kind, sheet, is_header, what)
}

fn sheet_from_bytes(
    path: &Path,
    bytes: Vec<u8>,
    kind: FileKind,
    sheet: Option<&str>,
    is_header: fn(&[String]) -> bool,
    what: &str,
) -> Result<(csv::Sheet, Vec<String>), FileError> {
    let source = display_path(path);
    // Notices name the file, not its folder: they stand in a status line.
    let name = path
        .file_name()
        .map_or_else(|| source.clone(), |n| n.to_string_lossy().into_owned());
    match kind {
        FileKind::Ron => Err(FileError::new(
            source,
            "this is a Teamscape team file, not a spreadsheet",
            "Open it with File › Open, or choose a spreadsheet to import.",
        )),
        FileKind::Csv => {
            let (text, notice) = decode_sheet_bytes(bytes, &name);
            let read = csv::Sheet::read(&text).map_err(|e| e.into_file_error(&source))?;
            let mut notices: Vec<String> = notice.into_iter().collect();
            if let Some(wanted) = sheet {
                notices.push(format!(
                    "{name} is a CSV file, which has one sheet: “{wanted}” was not looked for."
                ));
            }
            Ok((read, notices))
        }
        kind => {
            let sheets = super::workbook::read(bytes, kind, &source)?;
            let chosen = super::workbook::choose(&sheets, sheet, is_header, what, &source)?;
            let mut notices = Vec::new();
            if sheets.len() > 1 {
                notices.push(format!("Read the sheet “{}” of {name}.", chosen.name));
            }
            let index = sheets
                .iter()
                .position(|s| std::ptr::eq(s, chosen))
                .unwrap_or_default();
            let chosen = sheets.into_iter().nth(index).ok_or_else(|| {
                FileError::new(source.clone(), format!("the workbook has no {what}"), "")
            })?;
            Ok((chosen.into_sheet(is_header), notices))
        }
    }
}

/// A new team, named after the spreadsheet it is made from, holding the sheet's members.
fn team_from_sheet(sheet: &csv::Sheet, source: &str) -> Result<Team, FileError> {
    let mut team = super::library::new_team();
    Path::new(source)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("Imported team")
        .clone_into(&mut team.name);
    csv::import_sheet(&mut team, sheet).map_err(|e| e.into_file_error(source))?;
    Ok(team)
}

/// Parse a team from text of the given kind; CSV members join a new team that has the
/// pay-scale library. Does not validate.
pub fn parse_team(text: &str, kind: FileKind, source: &str) -> Result<Team, FileError> {
    if kind == FileKind::Ron {
        return from_ron(text, source);
    }
    let sheet = csv::Sheet::read(text).map_err(|e| e.into_file_error(source))?;
    team_from_sheet(&sheet, source)
}

/// Open a file of any kind Teamscape reads as a valid team. A file that breaks a rule is
/// reported with every problem and never silently changed.
pub fn open_team(path: &Path) -> Result<Team, FileError> {
    open_team_from(path, None).map(|loaded| loaded.team)
}

/// [`open_team`], reading the part called `part` if given (a workbook's sheet or a
/// portfolio's team), and keeping the notices about how the file was read.
pub fn open_team_from(path: &Path, part: Option<&str>) -> Result<Loaded, FileError> {
    let loaded = load(path, part)?;
    check_valid(&loaded.team, &display_path(path))?;
    Ok(loaded)
}

/// Read a team file or spreadsheet as a team without checking its rules: the app opens a
/// team that parses but breaks a rule, lists the problems, and saves once they are fixed.
pub fn read_team(path: &Path) -> Result<Team, FileError> {
    load(path, None).map(|loaded| loaded.team)
}

/// Read a file as a team, by its content: a team file, a CSV spreadsheet in whichever
/// encoding, or a workbook's members sheet (the first with `name` and `discipline` in its
/// header, or the one `part` names), or one team of a portfolio (its only team, or the one
/// `part` names). Does not validate.
pub fn load(path: &Path, part: Option<&str>) -> Result<Loaded, FileError> {
    load_bytes(path, read_bytes(path)?, part)
}

/// [`load`] of a file's bytes already read: `path` names it in messages, and its extension
/// is what the name says the file is. The fuzz targets read files this way, in memory.
pub fn load_bytes(path: &Path, bytes: Vec<u8>, part: Option<&str>) -> Result<Loaded, FileError> {
    let source = display_path(path);
    let kind = FileKind::sniff(path, &bytes)?;
    if kind == FileKind::Ron {
        let text = utf8_text(bytes, path)?;
        if is_portfolio(&text) {
            return team_of_portfolio(&text, &source, part);
        }
        let mut team = from_ron(&text, &source)?;
        let mut notices = Vec::new();
        if team.protect_rounds() {
            notices.push(
                "Its perception rounds were stored answer by answer in the order given; they \
                 are now kept with the rater's family where a discipline is small, in shuffled \
                 order, and the file is rewritten that way when you next save it."
                    .to_owned(),
            );
        }
        return Ok(Loaded {
            team,
            notices,
            from_portfolio: None,
        });
    }
    let (sheet, notices) = sheet_from_bytes(
        path,
        bytes,
        kind,
        part,
        super::workbook::is_members_header,
        "the columns name and discipline",
    )?;
    Ok(Loaded {
        team: team_from_sheet(&sheet, &source)?,
        notices,
        from_portfolio: None,
    })
}

/// The portfolio in `path` when the file is one; `Ok(None)` for any other file, which is
/// read as a team.
pub fn read_portfolio(path: &Path) -> Result<Option<super::portfolio::Portfolio>, FileError> {
    let bytes = read_bytes(path)?;
    if FileKind::sniff(path, &bytes)? != FileKind::Ron {
        return Ok(None);
    }
    let text = utf8_text(bytes, path)?;
    if !is_portfolio(&text) {
        return Ok(None);
    }
    super::portfolio::from_ron(&text, &display_path(path)).map(Some)
}

/// Whether RON text is a portfolio file, by its header as Teamscape writes it.
pub fn is_portfolio(text: &str) -> bool {
    quick_header(text).is_some_and(|h| h.format == super::portfolio::FORMAT_NAME)
}

/// One team of a portfolio file, as a team file: the one named, or its only team.
fn team_of_portfolio(text: &str, source: &str, team: Option<&str>) -> Result<Loaded, FileError> {
    let p = super::portfolio::from_ron(text, source)?;
    let name = match (team, p.teams.as_slice()) {
        (Some(name), _) => name.to_owned(),
        (None, [only]) => only.name.clone(),
        (None, _) => {
            return Err(FileError::new(
                source,
                format!(
                    "this portfolio holds {}: {}",
                    crate::format::count(p.teams.len(), "team", "teams"),
                    super::portfolio_team::team_names(&p)
                ),
                "Name the team to open with --team NAME, or report the whole service with `teamscape portfolio report`.",
            ))
        }
    };
    let team = super::portfolio_team::take_team(&p, &name).map_err(|e| {
        FileError::new(
            source,
            e,
            "Name one of the portfolio's teams with --team NAME.",
        )
    })?;
    Ok(Loaded {
        notices: vec![format!(
            "The team “{}” of the portfolio “{}”: save it as a team file of its own.",
            team.name, p.name
        )],
        team,
        from_portfolio: Some(p.name),
    })
}

/// Read a team to edit: any file that parses opens, problems and all, except one where two
/// members (or disciplines, agencies, pay scales) share an id. The editor tells them apart
/// by id, so such a file could not be edited safely: it is refused, naming each.
pub fn read_team_to_edit(path: &Path) -> Result<Team, FileError> {
    read_team_to_edit_from(path, None).map(|loaded| loaded.team)
}

/// [`read_team_to_edit`], reading the part called `part` if given (a workbook's sheet or a
/// portfolio's team), and keeping the notices about how the file was read.
pub fn read_team_to_edit_from(path: &Path, part: Option<&str>) -> Result<Loaded, FileError> {
    let loaded = load(path, part)?;
    check_ids(&loaded.team, &display_path(path))?;
    Ok(loaded)
}

/// Refuse a team in which two items share an id (see [`read_team_to_edit`]).
pub fn check_ids(team: &Team, source: &str) -> Result<(), FileError> {
    let list: Vec<String> = validate(team)
        .iter()
        .filter(|p| p.field == "id")
        .map(|p| format!("  - {p}"))
        .collect();
    if list.is_empty() {
        return Ok(());
    }
    Err(FileError::new(
        source,
        format!(
            "two items share an id, so the team cannot be edited safely:\n{}",
            list.join("\n")
        ),
        "Give each item its own id in the file, or open the .bak copy beside it.",
    ))
}

/// Turn validation problems into one error listing them all.
pub fn check_valid(team: &Team, source: &str) -> Result<(), FileError> {
    let problems = validate(team);
    if problems.is_empty() {
        return Ok(());
    }
    let mut list: Vec<String> = problems
        .iter()
        .take(csv::MAX_LISTED_PROBLEMS)
        .map(|p| format!("  - {p}"))
        .collect();
    let more = problems.len().saturating_sub(csv::MAX_LISTED_PROBLEMS);
    if more > 0 {
        list.push(format!(
            "  - and {} more like these",
            crate::format::thousands(more as u64)
        ));
    }
    Err(FileError::new(
        source,
        format!(
            "the team breaks {} rule(s):\n{}",
            problems.len(),
            list.join("\n")
        ),
        "Correct these in the file (or the spreadsheet) and open it again.",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_header_reads_what_teamscape_writes_and_gives_way_otherwise() {
        let written = to_ron(&Team::default()).unwrap_or_default();
        assert_eq!(
            quick_header(&written),
            Some(Header {
                format: FORMAT_NAME.to_owned(),
                version: 2
            })
        );
        let commented = "// notes\n(format: \"teamscape-team\", version: 12, team: ())";
        assert_eq!(quick_header(commented).map(|h| h.version), Some(12));
        // Other orders, escapes and junk fall back to ron's full parse.
        assert_eq!(
            quick_header("(version: 1, format: \"teamscape-team\")"),
            None
        );
        assert_eq!(quick_header("(format: \"a\\\"b\", version: 1,"), None);
        assert_eq!(
            quick_header("(format: \"x\", version: 99999999999999999999,"),
            None
        );
        assert_eq!(quick_header(""), None);
    }
}
