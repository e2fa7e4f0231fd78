//! Service-user feedback from a spreadsheet: paper forms typed into a sheet, or the export of
//! Microsoft Forms, Google Forms or a CORC return laid out with these columns (with the
//! members sheet's tolerance: a byte-order mark, semicolons, case and spacing in headers):
//!
//! - ESQ, one row per response: `respondent`, `form`, `date`, `q1` … `q12` holding the answer
//!   words (certainly true, partly true, not true, don't know, or empty), then the free text
//!   `liked`, `improve`, `other`;
//! - FFT, one row per response: `date`, `rating` (the answer words, or 1–5 with 1 the best,
//!   or don't know), `comment`.
//!
//! A form's own columns (start and completion time, email, name, language) are passed over
//! and never stored; any other column is refused, so a misspelt one cannot lose comments.
//! The import succeeds whole or not at all, listing every bad cell by line and column. The
//! `respondent` column only finds a response given twice: it is never stored, nor is any
//! response's date (the round keeps its first and last day).

use std::collections::HashMap;

use super::csv::{normalise_header, readable, CsvError, RowError, Sheet};
use super::feedback::{
    Answers, Comment, EsqAnswer, FeedbackResponse, FeedbackRound, FftAnswer, Form, Kind,
    ESQ_COMMENTS, ESQ_ITEMS,
};

/// Columns an online form adds that say nothing about the service: read past, never kept.
const FORM_COLUMNS: [&str; 9] = [
    "id",
    "start_time",
    "completion_time",
    "email",
    "name",
    "last_modified_time",
    "timestamp",
    "language",
    "total_points",
];

/// The longest comment kept: longer text is a pasted document, not an answer.
pub const MAX_COMMENT_CHARS: usize = 5_000;

/// The round `sheet` holds, of `kind`, labelled `label`. Nothing is changed: the caller adds
/// the round (through the document, or the command line).
pub fn import_sheet(sheet: &Sheet, kind: Kind, label: &str) -> Result<FeedbackRound, CsvError> {
    if kind == Kind::Own {
        return Err(CsvError::one(
            sheet.header_line,
            None,
            "the team's own questionnaire is read with its instrument (teamscape feedback import … --kind own --instrument FILE)",
        ));
    }
    import_rows(sheet, kind, label).map_err(|e| sheet.locate(e))
}

pub fn import(text: &str, kind: Kind, label: &str) -> Result<FeedbackRound, CsvError> {
    import_sheet(&Sheet::read(text)?, kind, label)
}

/// What a column of the sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Respondent,
    Form,
    Date,
    /// An ESQ item, 1–12.
    Item(u8),
    Rating,
    /// A free-text question, by its key.
    Text(&'static str),
    Ignored,
}

/// An item column's number: `q7`, `q 7`, `item 7`, `esq7`, `7`, or a form's `7. I feel…`.
fn item_number(key: &str) -> Option<u32> {
    let rest = ["q", "item", "esq", "esq_q", "question"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key);
    let rest = rest.trim_start_matches('_');
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = &rest[digits.len()..];
    (!digits.is_empty() && (after.is_empty() || after.starts_with(['.', '_', ')'])))
        .then(|| digits.parse().ok())
        .flatten()
}

fn columns(sheet: &Sheet, kind: Kind) -> Result<Vec<Column>, CsvError> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let line = sheet.header_line;
    for header in &sheet.headers {
        let key = normalise_header(header);
        let column = match (kind, key.as_str()) {
            (_, "") => Column::Ignored,
            (Kind::Esq, "respondent" | "respondent_id") => Column::Respondent,
            (Kind::Esq, "form" | "version" | "esq_form") => Column::Form,
            (_, "date" | "date_completed") => Column::Date,
            (Kind::Fft, "rating" | "answer") => Column::Rating,
            (Kind::Fft, k) if k.starts_with("overall") => Column::Rating,
            (Kind::Fft, "comment" | "comments" | "free_text") => Column::Text("comment"),
            (Kind::Esq, k) if ESQ_COMMENTS.iter().any(|(c, _)| *c == k) => Column::Text(
                ESQ_COMMENTS
                    .iter()
                    .find(|(c, _)| *c == k)
                    .map_or("", |c| c.0),
            ),
            (_, k) if FORM_COLUMNS.contains(&k) => Column::Ignored,
            (Kind::Esq, k) => match item_number(k) {
                Some(n @ 1..=12) => Column::Item(n as u8),
                Some(n) => {
                    errors.push(RowError {
                        line,
                        column: Some(header.to_owned()),
                        message: format!(
                            "the ESQ has items 1 to 12; there is no item {n}. Remove the column, or name the item it holds"
                        ),
                    });
                    Column::Ignored
                }
                None => {
                    errors.push(unknown_column(line, header, kind));
                    Column::Ignored
                }
            },
            (Kind::Fft | Kind::Own, _) => {
                errors.push(unknown_column(line, header, kind));
                Column::Ignored
            }
        };
        if column != Column::Ignored && out.contains(&column) {
            errors.push(RowError {
                line,
                column: Some(header.to_owned()),
                message: "this column comes twice: keep one".to_owned(),
            });
        }
        out.push(column);
    }
    let wanted: Vec<(Column, &str)> = match kind {
        Kind::Esq => vec![(Column::Form, "form")],
        Kind::Fft => vec![(Column::Rating, "rating")],
        Kind::Own => Vec::new(),
    };
    for (column, name) in wanted {
        if !out.contains(&column) {
            errors.push(RowError {
                line,
                column: Some(name.to_owned()),
                message: format!("this column is missing. {}", layout(kind)),
            });
        }
    }
    if kind == Kind::Esq && !out.iter().any(|c| matches!(c, Column::Item(_))) {
        errors.push(RowError {
            line,
            column: None,
            message: format!("no item column (q1 … q12). {}", layout(kind)),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(CsvError::of(errors))
    }
}

fn layout(kind: Kind) -> &'static str {
    match kind {
        Kind::Esq => "An ESQ sheet has respondent, form, date, q1 … q12 (the answer words), then liked, improve and other",
        Kind::Fft => "A Friends and Family Test sheet has date, rating (the answer words, or 1–5 with 1 the best) and comment",
        Kind::Own => "A sheet of the team's own questionnaire has respondent, date, a column per item named by its id, and comment",
    }
}

fn unknown_column(line: u64, header: &str, kind: Kind) -> RowError {
    RowError {
        line,
        column: Some(header.to_owned()),
        message: format!(
            "Teamscape does not know this column, and refuses it rather than lose what it holds. {}",
            layout(kind)
        ),
    }
}

/// A free-text cell as a comment on `question`, or why it is refused.
fn comment(question: &str, cell: &str) -> Result<Comment, String> {
    if cell.chars().count() > MAX_COMMENT_CHARS {
        return Err(format!(
            "this comment is longer than {MAX_COMMENT_CHARS} characters: shorten it"
        ));
    }
    Ok(Comment {
        question: question.to_owned(),
        text: cell.to_owned(),
    })
}

/// Note a respondent's id; the line they answered on before, if they did.
fn answered_before(seen: &mut HashMap<String, u64>, cell: &str, line: u64) -> Result<(), String> {
    match seen.insert(cell.to_lowercase(), line) {
        Some(first) => Err(format!(
            "this respondent answered on line {first} too: keep one response each"
        )),
        None => Ok(()),
    }
}

/// A day as sheets write it: `2026-03-14`, `14/03/2026` (the UK order), either with a time
/// after it (a form's timestamp); as `2026-03-14`.
fn date(cell: &str) -> Result<String, String> {
    let day = cell.split_whitespace().next().unwrap_or("");
    let day = day.split('T').next().unwrap_or(day);
    let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let (y, m, d) = match (parts.first().map(|p| p.len()), numbers.as_deref()) {
        (Some(4), Some([y, m, d])) => (*y, *m, *d),
        (Some(1 | 2), Some([d, m, y])) if *y >= 1000 => (*y, *m, *d),
        _ => {
            return Err(format!(
                "“{}” is not a date: write 2026-03-14 or 14/03/2026",
                crate::format::shorten(cell, 40)
            ))
        }
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if (1..=12).contains(&m) && (1..=days).contains(&d) && (1000..=9999).contains(&y) {
        Ok(format!("{y:04}-{m:02}-{d:02}"))
    } else {
        Err(format!("“{}” is not a day of the calendar", cell.trim()))
    }
}

fn import_rows(sheet: &Sheet, kind: Kind, label: &str) -> Result<FeedbackRound, CsvError> {
    let columns = columns(sheet, kind)?;
    let mut errors = Vec::new();
    let mut responses = Vec::new();
    let mut dates: Vec<String> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &sheet.rows {
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        let mut bad = |column: usize, message: String| {
            errors.push(RowError {
                line,
                column: sheet.headers.get(column).map(str::to_owned),
                message,
            });
        };
        let mut form = None;
        let mut items: Vec<Option<EsqAnswer>> = vec![None; ESQ_ITEMS.len()];
        let mut rating = None;
        let mut comments = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            let cell = record.get(i).unwrap_or("").trim();
            match column {
                Column::Respondent if !cell.is_empty() => {
                    if let Err(e) = answered_before(&mut seen, cell, line) {
                        bad(i, e);
                    }
                }
                Column::Form => match Form::parse(cell) {
                    Some(f) => form = Some(f),
                    None => bad(
                        i,
                        format!(
                            "“{}” is not an ESQ form: write parent (parents and carers), young person (12–18) or child (9–11)",
                            crate::format::shorten(cell, 40)
                        ),
                    ),
                },
                Column::Date if !cell.is_empty() => match date(cell) {
                    Ok(d) => dates.push(d),
                    Err(e) => bad(i, e),
                },
                Column::Item(n) if !cell.is_empty() => match EsqAnswer::parse(cell) {
                    Some(a) => items[usize::from(*n) - 1] = Some(a),
                    None => bad(
                        i,
                        format!(
                            "“{}” is not an ESQ answer: write certainly true, partly true, not true or don't know, or leave it empty",
                            crate::format::shorten(cell, 40)
                        ),
                    ),
                },
                Column::Rating if !cell.is_empty() => match FftAnswer::parse(cell) {
                    Some(a) => rating = Some(a),
                    None => bad(
                        i,
                        format!(
                            "“{}” is not a Friends and Family Test answer: write very good, good, neither good nor poor, poor, very poor or don't know, or 1–5 with 1 the best",
                            crate::format::shorten(cell, 40)
                        ),
                    ),
                },
                Column::Text(question) if !cell.is_empty() => match comment(question, cell) {
                    Ok(c) => comments.push(c),
                    Err(e) => bad(i, e),
                },
                // Empty cells, and columns read past.
                Column::Ignored
                | Column::Respondent
                | Column::Date
                | Column::Item(_)
                | Column::Rating
                | Column::Text(_) => {}
            }
        }
        let answers = match kind {
            Kind::Esq => match form {
                Some(form) => Answers::Esq { form, items },
                None => continue,
            },
            Kind::Fft => Answers::Fft(rating),
            Kind::Own => Answers::Items(Vec::new()),
        };
        responses.push(FeedbackResponse { answers, comments });
    }
    finish(sheet, kind, label, responses, dates, errors, None)
}

/// A round of the team's own questionnaire: one row per response with `respondent` and
/// `date` (both optional), a column per item named by its id holding a whole number on the
/// item's scale, "don't know" or nothing, and free text in `comment`, `liked`, `improve` or
/// `other`. Every item must be about the team (families answer about the service, not
/// about each profession). Every bad cell is named; nothing is kept from a refused sheet.
pub fn import_own(
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
    label: &str,
) -> Result<FeedbackRound, CsvError> {
    import_own_rows(sheet, instrument, label).map_err(|e| sheet.locate(e))
}

/// What each column of an own questionnaire's sheet holds: respondent, date or a comment, or
/// the index of one of the instrument's items.
type OwnColumns = (Vec<Option<Column>>, Vec<Option<usize>>);

/// The columns of an own questionnaire's sheet; every unknown or repeated column, and an
/// instrument with an item about each group, is refused.
fn own_columns(
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
) -> Result<OwnColumns, CsvError> {
    use super::instrument::About;
    let mut errors = Vec::new();
    if let Some(item) = instrument.items.iter().find(|i| i.about != About::Team) {
        return Err(CsvError::one(
            sheet.header_line,
            None,
            format!(
                "the instrument's item “{}” asks about each group; families answer about the service, so every item of their questionnaire is about the team",
                item.id
            ),
        ));
    }
    let ids: Vec<String> = instrument
        .items
        .iter()
        .map(|i| normalise_header(&i.id))
        .collect();
    let mut columns: Vec<Option<Column>> = Vec::new();
    let mut items: Vec<Option<usize>> = Vec::new();
    for header in &sheet.headers {
        let key = normalise_header(header);
        let (column, item) = match key.as_str() {
            "" => (None, None),
            "respondent" | "respondent_id" => (Some(Column::Respondent), None),
            "date" | "date_completed" => (Some(Column::Date), None),
            "comment" | "comments" => (Some(Column::Text("comment")), None),
            k if ESQ_COMMENTS.iter().any(|(c, _)| *c == k) => (
                Some(Column::Text(
                    ESQ_COMMENTS
                        .iter()
                        .find(|(c, _)| *c == k)
                        .map_or("", |c| c.0),
                )),
                None,
            ),
            k if FORM_COLUMNS.contains(&k) => (None, None),
            k => {
                let item = ids.iter().position(|id| id == k);
                if item.is_none() {
                    errors.push(RowError {
                        line: sheet.header_line,
                        column: Some(header.to_owned()),
                        message: format!(
                            "this is not one of the questionnaire's items ({}), nor respondent, date or a comment column: rename or remove it",
                            instrument.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ")
                        ),
                    });
                }
                (None, item)
            }
        };
        if item.is_some() && items.contains(&item) {
            errors.push(RowError {
                line: sheet.header_line,
                column: Some(header.to_owned()),
                message: "this column comes twice: keep one".to_owned(),
            });
        }
        columns.push(column);
        items.push(item);
    }
    if !items.iter().any(Option::is_some) && errors.is_empty() {
        errors.push(RowError {
            line: sheet.header_line,
            column: None,
            message:
                "no column is one of the questionnaire's items: name each item's column by its id"
                    .to_owned(),
        });
    }
    if errors.is_empty() {
        Ok((columns, items))
    } else {
        Err(CsvError::of(errors))
    }
}

fn import_own_rows(
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
    label: &str,
) -> Result<FeedbackRound, CsvError> {
    use super::feedback::OwnAnswer;
    let (columns, items) = own_columns(sheet, instrument)?;
    let mut errors = Vec::new();
    let mut responses = Vec::new();
    let mut dates: Vec<String> = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for row in &sheet.rows {
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        let mut answers = Vec::new();
        let mut comments = Vec::new();
        for (i, (column, item)) in columns.iter().zip(&items).enumerate() {
            let cell = record.get(i).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            let mut bad = |message: String| {
                errors.push(RowError {
                    line,
                    column: sheet.headers.get(i).map(str::to_owned),
                    message,
                });
            };
            if let Some(k) = item {
                let it = &instrument.items[*k];
                let lower = cell.to_lowercase().replace('\u{2019}', "'");
                let value = if matches!(lower.as_str(), "don't know" | "dont know" | "do not know")
                {
                    Ok(None)
                } else {
                    cell.parse::<u8>()
                        .ok()
                        .filter(|v| (it.min..=it.max).contains(v))
                        .map(Some)
                        .ok_or_else(|| {
                            format!(
                                "“{}” is not an answer to {}: write a whole number from {} to {}, or don't know, or leave it empty",
                                crate::format::shorten(cell, 40),
                                it.id,
                                it.min,
                                it.max
                            )
                        })
                };
                match value {
                    Ok(value) => answers.push(OwnAnswer {
                        item: it.id.clone(),
                        value,
                    }),
                    Err(e) => bad(e),
                }
                continue;
            }
            match column {
                Some(Column::Respondent) => {
                    if let Err(e) = answered_before(&mut seen, cell, line) {
                        bad(e);
                    }
                }
                Some(Column::Date) => match date(cell) {
                    Ok(d) => dates.push(d),
                    Err(e) => bad(e),
                },
                Some(Column::Text(question)) => match comment(question, cell) {
                    Ok(c) => comments.push(c),
                    Err(e) => bad(e),
                },
                _ => {}
            }
        }
        responses.push(FeedbackResponse {
            answers: Answers::Items(answers),
            comments,
        });
    }
    finish(
        sheet,
        Kind::Own,
        label,
        responses,
        dates,
        errors,
        Some(instrument.clone()),
    )
}

/// The round, or every problem found; its dates kept only as its first and last day, its
/// responses in an order of their own.
fn finish(
    sheet: &Sheet,
    kind: Kind,
    label: &str,
    responses: Vec<FeedbackResponse>,
    mut dates: Vec<String>,
    errors: Vec<RowError>,
    instrument: Option<super::instrument::Instrument>,
) -> Result<FeedbackRound, CsvError> {
    super::csv::refuse_if_any(sheet, responses.is_empty(), errors)?;
    dates.sort();
    let today = crate::format::today_iso();
    let mut round = FeedbackRound {
        label: label.trim().to_owned(),
        kind,
        from: dates.first().cloned().unwrap_or_else(|| today.clone()),
        to: dates.last().cloned().unwrap_or(today),
        responses,
        snapshot: None,
        names: Vec::new(),
        quotes: Vec::new(),
        instrument,
    };
    round.shuffle();
    Ok(round)
}

/// Which questionnaire a sheet holds, by its columns: a rating column is the Friends and
/// Family Test's; anything else is read as the ESQ (and refused as one if it is not).
pub fn kind_of(sheet: &Sheet) -> Kind {
    let fft = sheet
        .headers
        .iter()
        .map(normalise_header)
        .any(|k| k == "rating" || k.starts_with("overall"));
    if fft {
        Kind::Fft
    } else {
        Kind::Esq
    }
}

/// Whether a header row is a feedback sheet's (for finding it in a workbook).
pub fn is_feedback_header(cells: &[String]) -> bool {
    let keys: Vec<String> = cells.iter().map(|c| normalise_header(c)).collect();
    keys.iter().any(|k| k == "form" || k == "rating")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_columns_are_read_as_forms_name_them() {
        assert_eq!(item_number("q7"), Some(7));
        assert_eq!(item_number("7"), Some(7));
        assert_eq!(item_number("item_12"), Some(12));
        assert_eq!(item_number("7._i_feel_that"), Some(7));
        assert_eq!(item_number("quality"), None);
        assert_eq!(item_number("q13"), Some(13));
    }

    #[test]
    fn dates_in_both_orders_and_with_a_time() {
        assert_eq!(date("2026-03-14").as_deref(), Ok("2026-03-14"));
        assert_eq!(date("14/03/2026 10:21:33").as_deref(), Ok("2026-03-14"));
        assert!(date("31/02/2026").is_err());
        assert!(date("March").is_err());
    }
}
