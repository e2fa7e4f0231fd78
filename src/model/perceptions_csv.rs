//! Perception responses from a spreadsheet, such as an online form's export, in one of two
//! layouts recognised from the header (with the members sheet's tolerance: a byte-order
//! mark, semicolons, case and spacing in headers):
//!
//! - ratings, one row per respondent: `rater_discipline`, `feel_valued`, then
//!   `say: <discipline>` and `valued: <discipline>` for any of the team's disciplines;
//! - pairwise, one row per choice: `respondent`, `rater_discipline`, `higher`, `lower`.
//!
//! An import succeeds whole or not at all, listing every bad cell by line and column. The
//! `respondent` column only groups a person's choices: it is never stored.

use std::collections::HashMap;

use super::csv::{normalise_header, readable, CsvError, RowError, Sheet};
use super::perceptions::{
    side_question, Answers, Choice, PerceptionRound, Rating, Response, Side, SCALE,
};
use super::team::{DisciplineId, Team};

/// The header cells that say which layout a sheet has.
const PAIRWISE_COLUMNS: [&str; 4] = ["respondent", "rater_discipline", "higher", "lower"];

/// Which of the two layouts a sheet is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetLayout {
    Ratings,
    Pairwise,
}

/// A ratings column: which question, for which discipline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Question {
    Say,
    Valued,
}

/// The round the sheet holds, with this label and date, for `team`'s disciplines. The team
/// is not changed: the caller adds the round (through the document, or the command line).
pub fn import(
    team: &Team,
    text: &str,
    label: &str,
    date: &str,
) -> Result<(PerceptionRound, SheetLayout), CsvError> {
    import_sheet(team, &Sheet::read(text)?, label, date)
}

/// [`import`] for a sheet already read, from CSV text or a workbook.
pub fn import_sheet(
    team: &Team,
    sheet: &Sheet,
    label: &str,
    date: &str,
) -> Result<(PerceptionRound, SheetLayout), CsvError> {
    import_rows(team, sheet, label, date).map_err(|e| sheet.locate(e))
}

fn import_rows(
    team: &Team,
    sheet: &Sheet,
    label: &str,
    date: &str,
) -> Result<(PerceptionRound, SheetLayout), CsvError> {
    let keys: Vec<String> = sheet.headers.iter().map(normalise_header).collect();
    let is_pairwise = ["higher", "lower"]
        .iter()
        .all(|k| keys.iter().any(|h| h == k));
    let (responses, layout) = if is_pairwise {
        (pairwise(team, &keys, sheet)?, SheetLayout::Pairwise)
    } else {
        (ratings(team, &keys, sheet)?, SheetLayout::Ratings)
    };
    if responses.is_empty() {
        return Err(CsvError::one(
            sheet.header_line + 1,
            None,
            "the sheet has a header but no responses",
        ));
    }
    Ok((
        PerceptionRound {
            label: label.trim().to_owned(),
            date: date.to_owned(),
            responses,
            protected: false,
            instrument: None,
            snapshot: None,
        },
        layout,
    ))
}

/// The team's discipline of this name, ignoring case and spacing at the ends.
fn discipline(team: &Team, name: &str) -> Option<DisciplineId> {
    team.discipline_by_name(name.trim()).map(|d| d.id)
}

/// A rater's discipline: a name from the catalogue, or "prefer not to say" (or a blank).
fn rater(team: &Team, cell: &str) -> Result<Option<DisciplineId>, String> {
    let t = cell.trim();
    let lower = t.to_lowercase();
    if t.is_empty() || lower == "prefer not to say" || lower == "prefer not to say." {
        return Ok(None);
    }
    discipline(team, t)
        .map(Some)
        .ok_or_else(|| unknown(team, t))
}

fn unknown(team: &Team, name: &str) -> String {
    let known: Vec<&str> = team.disciplines.iter().map(|d| d.name.as_str()).collect();
    format!(
        "“{name}” is not one of the team's disciplines ({}), or “prefer not to say”",
        known.join(", ")
    )
}

/// A 1–5 answer: blank is skipped; forms may write "4" or "4 – a lot".
fn answer(cell: &str) -> Result<Option<u8>, String> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    answer_on(t, *SCALE.start(), *SCALE.end()).map(Some)
}

fn ratings(team: &Team, keys: &[String], sheet: &Sheet) -> Result<Vec<Response>, CsvError> {
    let (headers, rows) = (&sheet.headers, &sheet.rows);
    let mut errors = Vec::new();
    let col = |k: &str| keys.iter().position(|h| h == k);
    let rater_col = col("rater_discipline");
    if rater_col.is_none() {
        errors.push(RowError {
            line: sheet.header_line,
            column: Some("rater_discipline".to_owned()),
            message: "this column is missing. A ratings sheet has rater_discipline, feel_valued, then “say: <discipline>” and “valued: <discipline>” columns; a pairwise sheet has respondent, rater_discipline, higher and lower".to_owned(),
        });
    }
    let feel_col = col("feel_valued");
    // "say: Social work", "Valued : social work".
    let mut questions: Vec<(usize, Question, DisciplineId)> = Vec::new();
    let mut seen: HashMap<(Question, DisciplineId), usize> = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let Some((prefix, name)) = h.split_once(':') else {
            continue;
        };
        let q = match normalise_header(prefix).as_str() {
            "say" => Question::Say,
            "valued" => Question::Valued,
            _ => continue,
        };
        match discipline(team, name) {
            Some(d) => {
                if seen.insert((q, d), i).is_some() {
                    errors.push(RowError {
                        line: sheet.header_line,
                        column: Some(h.trim().to_owned()),
                        message: "this column appears twice".to_owned(),
                    });
                }
                questions.push((i, q, d));
            }
            None => errors.push(RowError {
                line: sheet.header_line,
                column: Some(h.trim().to_owned()),
                message: unknown(team, name.trim()),
            }),
        }
    }
    if questions.is_empty() && rater_col.is_some() {
        errors.push(RowError {
            line: sheet.header_line,
            column: None,
            message: "no “say: <discipline>” or “valued: <discipline>” columns: add one for each discipline rated".to_owned(),
        });
    }
    if !errors.is_empty() {
        return Err(CsvError::of(errors));
    }

    let mut responses = Vec::new();
    for row in rows {
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("");
        let mut bad = |column: &str, message: String| {
            errors.push(RowError {
                line,
                column: Some(column.to_owned()),
                message,
            });
        };
        let rater = rater(team, cell(rater_col)).unwrap_or_else(|e| {
            bad("rater_discipline", e);
            None
        });
        let feel_valued = answer(cell(feel_col)).unwrap_or_else(|e| {
            bad("feel_valued", e);
            None
        });
        let mut by_discipline: Vec<Rating> = Vec::new();
        for (i, q, d) in &questions {
            let v = answer(cell(Some(*i))).unwrap_or_else(|e| {
                bad(headers.get(*i).unwrap_or("").trim(), e);
                None
            });
            let at = if let Some(k) = by_discipline.iter().position(|r| r.discipline == *d) {
                k
            } else {
                by_discipline.push(Rating {
                    discipline: *d,
                    say: None,
                    valued: None,
                });
                by_discipline.len() - 1
            };
            let slot = &mut by_discipline[at];
            match q {
                Question::Say => slot.say = v,
                Question::Valued => slot.valued = v,
            }
        }
        by_discipline.retain(|r| r.say.is_some() || r.valued.is_some());
        responses.push(Response {
            rater,
            rater_family: None,
            side: None,
            feel_valued,
            answers: Answers::Ratings(by_discipline),
        });
    }
    if errors.is_empty() {
        Ok(responses)
    } else {
        Err(CsvError::of(errors))
    }
}

fn pairwise(team: &Team, keys: &[String], sheet: &Sheet) -> Result<Vec<Response>, CsvError> {
    let rows = &sheet.rows;
    let mut errors = Vec::new();
    let mut cols = [0_usize; 4];
    for (slot, name) in cols.iter_mut().zip(PAIRWISE_COLUMNS) {
        match keys.iter().position(|h| h == name) {
            Some(i) => *slot = i,
            None => errors.push(RowError {
                line: sheet.header_line,
                column: Some(name.to_owned()),
                message: "this column of a pairwise sheet is missing (respondent, rater_discipline, higher, lower)".to_owned(),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(CsvError::of(errors));
    }
    let [respondent_col, rater_col, higher_col, lower_col] = cols;
    // Respondents in order of first appearance, each with their discipline and choices.
    let mut order: Vec<String> = Vec::new();
    let mut people: HashMap<String, (u64, Option<DisciplineId>, Vec<Choice>)> = HashMap::new();
    for row in rows {
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        let cell = |i: usize| record.get(i).map_or("", str::trim);
        let mut bad = |column: &str, message: String| {
            errors.push(RowError {
                line,
                column: Some(column.to_owned()),
                message,
            });
        };
        let who = cell(respondent_col).to_owned();
        if who.is_empty() {
            bad(
                "respondent",
                "every choice needs a respondent (a number or code that groups one person's choices)".to_owned(),
            );
            continue;
        }
        let rater = match rater(team, cell(rater_col)) {
            Ok(r) => r,
            Err(e) => {
                bad("rater_discipline", e);
                None
            }
        };
        let mut side = |col: usize, name: &str| {
            let t = cell(col);
            if t.is_empty() {
                bad(name, "give the discipline's name".to_owned());
                return None;
            }
            let d = discipline(team, t);
            if d.is_none() {
                bad(name, unknown(team, t));
            }
            d
        };
        let higher = side(higher_col, "higher");
        let lower = side(lower_col, "lower");
        let entry = people.entry(who.clone()).or_insert_with(|| {
            order.push(who.clone());
            (line, rater, Vec::new())
        });
        if entry.1 != rater {
            errors.push(RowError {
                line,
                column: Some("rater_discipline".to_owned()),
                message: format!(
                    "respondent “{who}” gave another discipline on line {}: one person, one discipline",
                    entry.0
                ),
            });
        }
        if let (Some(h), Some(l)) = (higher, lower) {
            if h == l {
                errors.push(RowError {
                    line,
                    column: Some("lower".to_owned()),
                    message: "higher and lower are the same discipline: a choice is between two"
                        .to_owned(),
                });
            } else {
                entry.2.push(Choice {
                    higher: h,
                    lower: l,
                });
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(CsvError::of(errors));
    }
    Ok(order
        .into_iter()
        .filter_map(|who| people.remove(&who))
        .map(|(_, rater, choices)| Response {
            rater,
            rater_family: None,
            side: None,
            feel_valued: None,
            answers: Answers::Pairwise(choices),
        })
        .collect())
}

/// The item a responses column answers, and the group it asks about: `<id>` or
/// `<id>: <group>` (the layout Teamscape documents), or as Google Forms and Microsoft Forms
/// head their columns, by the item's wording: `<text>` for an item about the team, and a
/// grid's `<text> [<group>]` or `<group> [<text>]` for one about each group. Wording matches
/// whatever its case, spacing and closing punctuation.
fn item_column<'a>(
    header: &'a str,
    instrument: &super::instrument::Instrument,
) -> Option<(usize, Option<&'a str>)> {
    let h = header.trim();
    let by_id = |id: &str| {
        instrument
            .items
            .iter()
            .position(|item| item.id == id.trim())
    };
    if let Some(k) = by_id(h) {
        return Some((k, None));
    }
    if let Some((id, name)) = h.split_once(':') {
        if let Some(k) = by_id(id) {
            return Some((k, Some(name.trim())));
        }
    }
    let plain = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['.', '?', '!', ':'])
            .to_lowercase()
    };
    let by_text = |t: &str| {
        let t = plain(t);
        instrument
            .items
            .iter()
            .position(|item| plain(&item.text) == t)
    };
    if let Some(k) = by_text(h) {
        return Some((k, None));
    }
    let (outside, inside) = h.strip_suffix(']')?.rsplit_once('[')?;
    match (by_text(outside), by_text(inside)) {
        (Some(k), _) => Some((k, Some(inside.trim()))),
        (None, Some(k)) => Some((k, Some(outside.trim()))),
        (None, None) => None,
    }
}

/// A round of `instrument` from a sheet with one row per respondent: `respondent` (never
/// stored), `rater_discipline` (a discipline, a professional family, or "prefer not to
/// say"), then a column `<id>` for each item about the team and `<id>: <discipline>` for
/// each item about each group. An empty cell is not answered; `n/a` is "I don't work with
/// them", where the instrument offers it. Columns that name no item (a form's timestamp,
/// say) are left alone. Every bad cell is listed; nothing is returned from a sheet with any.
pub fn import_instrument_round(
    team: &Team,
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
    label: &str,
    date: &str,
) -> Result<PerceptionRound, CsvError> {
    instrument_rows(team, sheet, instrument, label, date).map_err(|e| sheet.locate(e))
}

fn instrument_rows(
    team: &Team,
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
    label: &str,
    date: &str,
) -> Result<PerceptionRound, CsvError> {
    let keys: Vec<String> = sheet.headers.iter().map(normalise_header).collect();
    let mut errors = Vec::new();
    // A form asks the question in words; its column is headed with them.
    let rater_keys = [
        "rater_discipline",
        "your_profession",
        "which_is_your_own_profession?",
        "which_is_your_own_profession",
    ];
    let Some(rater_col) = keys.iter().position(|k| rater_keys.contains(&k.as_str())) else {
        return Err(CsvError::one(
            sheet.header_line,
            Some("rater_discipline"),
            "this column is missing: a responses sheet has respondent, rater_discipline, then a column for each item (“<id>” about the team, “<id>: <discipline>” about each group)",
        ));
    };
    // The side of the core: optional, headed `side` or with the kiosk's question.
    let side_col = keys.iter().position(|k| {
        k == "side" || k == "core_or_periphery" || *k == normalise_header(&side_question(team))
    });
    let columns = instrument_columns(team, sheet, instrument, &mut errors);
    if !errors.is_empty() {
        return Err(CsvError::of(errors));
    }
    let mut responses = Vec::new();
    for row in &sheet.rows {
        if errors.len() >= super::csv::MAX_PROBLEMS {
            break;
        }
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        let mut bad = |column: &str, message: String| {
            errors.push(RowError {
                line,
                column: Some(column.to_owned()),
                message,
            });
        };
        let (rater, rater_family) = match rater_or_family(team, cell(rater_col)) {
            Ok(r) => r,
            Err(e) => {
                bad("rater_discipline", e);
                (None, None)
            }
        };
        let side = match side_col.map(|i| side(cell(i))) {
            None => None,
            Some(Ok(s)) => s,
            Some(Err(e)) => {
                bad(
                    sheet
                        .headers
                        .get(side_col.unwrap_or(0))
                        .unwrap_or("side")
                        .trim(),
                    e,
                );
                None
            }
        };
        let answers = item_answers(sheet, instrument, &columns, &cell, &mut bad);
        responses.push(Response {
            rater,
            rater_family,
            side,
            feel_valued: None,
            answers: Answers::Items(answers),
        });
    }
    super::csv::refuse_if_any(sheet, responses.is_empty(), errors)?;
    Ok(PerceptionRound {
        label: label.trim().to_owned(),
        date: date.to_owned(),
        responses,
        protected: false,
        instrument: Some(instrument.clone()),
        snapshot: None,
    })
}

/// An instrument sheet's item columns: (column, item index, the group asked about). A
/// column that names an item wrongly, or twice, is a problem in `errors`, as is a sheet with
/// no item column at all.
fn instrument_columns(
    team: &Team,
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
    errors: &mut Vec<RowError>,
) -> Vec<ItemColumn> {
    use super::instrument::About;
    let mut columns: Vec<ItemColumn> = Vec::new();
    for (i, h) in sheet.headers.iter().enumerate() {
        let Some((k, name)) = item_column(h, instrument) else {
            continue;
        };
        let item = &instrument.items[k];
        let id = item.id.as_str();
        let mut bad = |message: String| {
            errors.push(RowError {
                line: sheet.header_line,
                column: Some(h.trim().to_owned()),
                message,
            });
        };
        match (item.about, name) {
            (About::Team, None) => columns.push((i, k, None)),
            (About::Team, Some(_)) => bad(format!(
                "“{id}” asks about the team: its column is “{id}”, with no discipline"
            )),
            (About::Each, None) => bad(format!(
                "“{id}” asks about each group: name one in the column, as “{id}: <discipline>”"
            )),
            (About::Each, Some(name)) => match discipline(team, name) {
                Some(d) => columns.push((i, k, Some(d))),
                None => bad(unknown(team, name)),
            },
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, k, about) in &columns {
        if !seen.insert((*k, *about)) {
            errors.push(RowError {
                line: sheet.header_line,
                column: Some(sheet.headers.get(*i).unwrap_or("").trim().to_owned()),
                message: "this column appears twice".to_owned(),
            });
        }
    }
    if columns.is_empty() {
        errors.push(RowError {
            line: sheet.header_line,
            column: None,
            message: format!(
                "no column names an item of “{}”: expected columns such as “{}”",
                instrument.name,
                instrument
                    .items
                    .first()
                    .map_or_else(String::new, |i| match i.about {
                        About::Team => i.id.clone(),
                        About::Each => format!("{}: <discipline>", i.id),
                    })
            ),
        });
    }
    columns
}

/// (column, item index, group asked about).
type ItemColumn = (usize, usize, Option<DisciplineId>);

/// One response's answers to the instrument's items, from its row's cells; an answer off
/// the item's scale, or an n/a the item does not offer, is a problem given to `bad`.
fn item_answers<'r>(
    sheet: &Sheet,
    instrument: &super::instrument::Instrument,
    columns: &[ItemColumn],
    cell: &dyn Fn(usize) -> &'r str,
    bad: &mut dyn FnMut(&str, String),
) -> Vec<super::perceptions::ItemAnswer> {
    use super::instrument::About;
    let mut answers = Vec::new();
    for (i, k, about) in columns {
        let item = &instrument.items[*k];
        let text = cell(*i);
        if text.is_empty() {
            continue;
        }
        let lower = text.to_lowercase();
        if matches!(
            lower.as_str(),
            "n/a" | "na" | "i don't work with them" | "i don’t work with them"
        ) {
            if item.about == About::Each && instrument.not_applicable {
                answers.push(super::perceptions::ItemAnswer {
                    item: item.id.clone(),
                    about: *about,
                    value: None,
                });
            } else {
                bad(
                    sheet.headers.get(*i).unwrap_or("").trim(),
                    format!(
                        "“{}” does not offer n/a: leave the cell empty if it was not answered",
                        item.id
                    ),
                );
            }
            continue;
        }
        match answer_on(text, item.min, item.max) {
            Ok(v) => answers.push(super::perceptions::ItemAnswer {
                item: item.id.clone(),
                about: *about,
                value: Some(v),
            }),
            Err(e) => bad(sheet.headers.get(*i).unwrap_or("").trim(), e),
        }
    }
    answers
}

/// A rater: a discipline of the team, a professional family (its name or key), or "prefer
/// not to say" (or a blank).
fn rater_or_family(
    team: &Team,
    cell: &str,
) -> Result<(Option<DisciplineId>, Option<super::team::Family>), String> {
    let t = cell.trim();
    if let Some(f) = super::team::Family::ALL
        .into_iter()
        .find(|f| f.label().eq_ignore_ascii_case(t) || f.key().eq_ignore_ascii_case(t))
    {
        return Ok((None, Some(f)));
    }
    rater(team, t).map(|d| (d, None)).map_err(|e| {
        let families: Vec<&str> = super::team::Family::ALL.iter().map(|f| f.label()).collect();
        format!("{e}; or a professional family ({})", families.join(", "))
    })
}

/// A respondent's side of the core: `core` or `periphery` (also `peripheral`, `edge`), or a
/// form's answer to the kiosk's question (“Yes…” is core, “No…” periphery); empty or
/// “prefer not to say” is not said.
fn side(cell: &str) -> Result<Option<Side>, String> {
    let t = cell.trim().to_lowercase();
    let starts = |w: &str| {
        t.strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
    };
    if t.is_empty() || t.starts_with("prefer not to say") {
        Ok(None)
    } else if starts("core") || starts("yes") {
        Ok(Some(Side::Core))
    } else if ["periphery", "peripheral", "edge", "no"]
        .iter()
        .any(|w| starts(w))
    {
        Ok(Some(Side::Peripheral))
    } else {
        Err(format!(
            "“{}” is not a side: write core, periphery or prefer not to say (or leave it empty)",
            crate::format::shorten(cell.trim(), 40)
        ))
    }
}

/// An answer on a scale from `min` to `max`: "4", or a form's "4 – agree".
fn answer_on(cell: &str, min: u8, max: u8) -> Result<u8, String> {
    let t = cell.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    let clean_end = rest.is_empty()
        || rest
            .starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | ':' | '.' | ')'));
    match digits.parse::<u8>() {
        Ok(v) if (min..=max).contains(&v) && clean_end && !rest.starts_with(".5") => Ok(v),
        _ => Err(format!(
            "“{}” is not an answer from {min} to {max} (leave it empty if it was not answered)",
            crate::format::shorten(t, 40)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{answer, side, Side};

    #[test]
    fn sides_read_as_written_or_as_a_form_answers() {
        assert_eq!(side(""), Ok(None));
        assert_eq!(side("Prefer not to say"), Ok(None));
        assert_eq!(side(" core "), Ok(Some(Side::Core)));
        assert_eq!(side("Yes, at least that"), Ok(Some(Side::Core)));
        assert_eq!(side("Periphery"), Ok(Some(Side::Peripheral)));
        assert_eq!(side("No, less than that"), Ok(Some(Side::Peripheral)));
        assert_eq!(side("edge"), Ok(Some(Side::Peripheral)));
        // A word that only begins like an answer is not one.
        assert!(side("nobody").is_err());
        assert!(side("corel").is_err());
        assert!(side("sometimes").is_err());
    }

    #[test]
    fn answers_read_as_forms_write_them() {
        assert_eq!(answer(""), Ok(None));
        assert_eq!(answer(" 4 "), Ok(Some(4)));
        assert_eq!(answer("5 – a great deal"), Ok(Some(5)));
        assert_eq!(answer("1. None"), Ok(Some(1)));
        assert!(answer("0").is_err());
        assert!(answer("6").is_err());
        assert!(answer("3.5").is_err());
        assert!(answer("45").is_err());
        assert!(answer("lots").is_err());
    }
}
