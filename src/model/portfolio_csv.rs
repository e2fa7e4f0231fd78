//! A staffing sheet in the long form HR and finance systems export: one row per post,
//! `person_id, name, discipline, agency, team, fte_in_team`, then the person's own fields
//! (`fte`, `salary`, `leave_days`, `training_days`, `years_of_service`), the post's
//! `line_manager` (a `person_id`) and the team's `core_threshold`, each optional. A person's
//! fields given on several rows must agree, and so must a team's threshold: where they do
//! not, the sheet is refused with the rows named, and nothing is made.

use std::collections::HashMap;

use super::csv::{normalise_header, readable, CsvError, RowError, Sheet, MAX_PROBLEMS};
use super::portfolio::{Person, Portfolio, Post, ServiceTeam, DEFAULT_CORE_THRESHOLD, MAX_FTE};

/// The columns a staffing sheet must have.
pub const REQUIRED: [&str; 6] = [
    "person_id",
    "name",
    "discipline",
    "agency",
    "team",
    "fte_in_team",
];

/// Whether a header row (as written) is a staffing sheet's: it names a `person_id`, a team
/// and an `fte_in_team` (how a workbook's sheet is picked).
pub fn is_staffing_header(headers: &[String]) -> bool {
    let keys: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    ["person_id", "team", "fte_in_team"]
        .iter()
        .all(|k| keys.iter().any(|h| h == k))
}

/// Where each column stands.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn of(sheet: &Sheet) -> Result<Self, CsvError> {
        let mut index = HashMap::new();
        for (i, h) in sheet.headers.iter().enumerate() {
            index.entry(normalise_header(h)).or_insert(i);
        }
        let missing: Vec<RowError> = REQUIRED
            .iter()
            .filter(|k| !index.contains_key(**k))
            .map(|k| RowError {
                line: sheet.header_line,
                column: Some((*k).to_owned()),
                message: "this column is missing: a staffing sheet has person_id, name, discipline, agency, team and fte_in_team, one row per post".to_owned(),
            })
            .collect();
        if missing.is_empty() {
            Ok(Self(index))
        } else {
            Err(sheet.locate(CsvError::of(missing)))
        }
    }

    fn cell<'r>(&self, record: &'r ::csv::StringRecord, key: &str) -> &'r str {
        self.0
            .get(key)
            .and_then(|i| record.get(*i))
            .map_or("", super::csv::cell_value)
            .trim()
    }
}

/// A person as a row gives them, with the line that first did.
struct Seen {
    person: Person,
    line: u64,
}

/// Read a staffing sheet into a portfolio called `name`: all of it, or the sheet's
/// problems by line (or cell) and column.
pub fn import(sheet: &Sheet, name: &str) -> Result<Portfolio, CsvError> {
    let columns = Columns::of(sheet)?;
    let mut errors: Vec<RowError> = Vec::new();
    let mut people: Vec<Seen> = Vec::new();
    let mut person_at: HashMap<String, usize> = HashMap::new();
    let mut teams: Vec<(ServiceTeam, u64, bool)> = Vec::new();
    let mut posts: Vec<(Post, u64)> = Vec::new();
    let mut post_at: HashMap<(String, String), u64> = HashMap::new();
    for row in &sheet.rows {
        if errors.len() >= MAX_PROBLEMS {
            break;
        }
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        let mut bad = |column: &str, message: String| {
            errors.push(RowError {
                line,
                column: Some(column.to_owned()),
                message,
            });
        };
        let Some((person, post, threshold)) = read_row(&columns, record, &mut bad) else {
            continue;
        };
        if let Some(&k) = person_at.get(&person.id) {
            agree(&people[k], &person, &mut bad);
        } else {
            person_at.insert(person.id.clone(), people.len());
            people.push(Seen { person, line });
        }
        match teams.iter_mut().find(|(t, _, _)| t.name == post.team) {
            Some((team, first, given)) => match (threshold, *given) {
                (Some(t), true) if (t - team.core_threshold).abs() > 1e-9 => bad(
                    "core_threshold",
                    format!(
                        "{} has the core threshold {} on line {first}: a team's threshold must agree on every row",
                        post.team, team.core_threshold
                    ),
                ),
                (Some(t), false) => {
                    team.core_threshold = t;
                    *given = true;
                }
                _ => {}
            },
            None => teams.push((
                ServiceTeam {
                    name: post.team.clone(),
                    core_threshold: threshold.unwrap_or(DEFAULT_CORE_THRESHOLD),
                    settings: None,
                },
                line,
                threshold.is_some(),
            )),
        }
        let key = (post.person.clone(), post.team.clone());
        if let Some(first) = post_at.get(&key) {
            bad(
                "team",
                format!(
                    "{} already has a post in {} on line {first}: give one row per person and team",
                    post.person, post.team
                ),
            );
            continue;
        }
        post_at.insert(key, line);
        posts.push((post, line));
    }
    check_across_rows(&people, &posts, &person_at, &mut errors);
    if posts.is_empty() && errors.is_empty() {
        errors.push(RowError {
            line: sheet.header_line + 1,
            column: None,
            message: "the sheet has a header but no posts".to_owned(),
        });
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(sheet.locate(CsvError::of(errors)));
    }
    Ok(Portfolio {
        name: name.to_owned(),
        people: people.into_iter().map(|s| s.person).collect(),
        teams: teams.into_iter().map(|(t, _, _)| t).collect(),
        posts: posts.into_iter().map(|(p, _)| p).collect(),
        snapshots: Vec::new(),
    })
}

/// One row as the person it names, their post, and the team's core threshold if given;
/// `None` where the row cannot make a post (its problems given to `bad`).
fn read_row(
    columns: &Columns,
    record: &::csv::StringRecord,
    bad: &mut dyn FnMut(&str, String),
) -> Option<(Person, Post, Option<f64>)> {
    let cell = |key: &str| columns.cell(record, key);
    let mut ok = true;
    let mut text = |key: &str, bad: &mut dyn FnMut(&str, String)| {
        let value = cell(key);
        if value.is_empty() {
            bad(
                key,
                format!("every post needs its {}", key.replace('_', " ")),
            );
            ok = false;
        }
        value.to_owned()
    };
    let id = text("person_id", bad);
    let name = text("name", bad);
    let discipline = text("discipline", bad);
    let agency = text("agency", bad);
    let team = text("team", bad);
    let fte_in_team = number(cell("fte_in_team"), "fte_in_team", (0.0, MAX_FTE), bad);
    let fte = optional(cell("fte"), "fte", (0.0, MAX_FTE), bad);
    let salary = optional(cell("salary"), "salary", (0.0, 10_000_000.0), bad);
    let leave_days = optional(cell("leave_days"), "leave_days", (0.0, 366.0), bad);
    let training_days = optional(cell("training_days"), "training_days", (0.0, 366.0), bad);
    let years = optional(
        cell("years_of_service"),
        "years_of_service",
        (0.0, 80.0),
        bad,
    );
    let threshold = optional(cell("core_threshold"), "core_threshold", (0.0, 1.0), bad);
    let line_manager = Some(cell("line_manager").to_owned()).filter(|s| !s.is_empty());
    let (
        Some(fte_in_team),
        Ok(fte),
        Ok(salary),
        Ok(leave_days),
        Ok(training_days),
        Ok(years),
        Ok(threshold),
    ) = (
        fte_in_team,
        fte,
        salary,
        leave_days,
        training_days,
        years,
        threshold,
    )
    else {
        return None;
    };
    if !ok {
        return None;
    }
    if years.is_some_and(|y| y.fract() != 0.0) {
        bad(
            "years_of_service",
            "years of service are a whole number".to_owned(),
        );
        return None;
    }
    let person = Person {
        id: id.clone(),
        name,
        discipline,
        agency,
        fte,
        salary,
        leave_days,
        training_days,
        // In 0 to 80 and whole: the cast is exact.
        years_of_service: years.map(|y| y as u32),
    };
    let post = Post {
        person: id,
        team,
        fte: fte_in_team,
        line_manager,
        record: None,
    };
    Some((person, post, threshold))
}

/// A number above `low` and at most `high` (FTEs and thresholds are above 0; days and
/// money may be 0), or `None` with the problem given to `bad`.
fn number(
    cell: &str,
    key: &str,
    (low, high): (f64, f64),
    bad: &mut dyn FnMut(&str, String),
) -> Option<f64> {
    let text = cell.trim().trim_start_matches('£').replace(',', "");
    let zero_allowed = !matches!(key, "fte_in_team" | "fte" | "core_threshold");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v <= high && (v > low || (zero_allowed && v >= low)) => Some(v),
        _ => {
            let range = if zero_allowed {
                format!("from {low} to {high}")
            } else {
                format!("above {low} and at most {high}")
            };
            bad(
                key,
                format!(
                    "“{}” is not a number {range}",
                    crate::format::shorten(cell, 40)
                ),
            );
            None
        }
    }
}

/// An optional number: `Ok(None)` for an empty cell, `Err(())` for a bad one (given to `bad`).
fn optional(
    cell: &str,
    key: &str,
    range: (f64, f64),
    bad: &mut dyn FnMut(&str, String),
) -> Result<Option<f64>, ()> {
    if cell.trim().is_empty() {
        return Ok(None);
    }
    number(cell, key, range, bad).map(Some).ok_or(())
}

/// A person's fields on a later row must be those of the row that first gave them; a field
/// one row leaves empty is not a disagreement.
fn agree(seen: &Seen, now: &Person, bad: &mut dyn FnMut(&str, String)) {
    let first = &seen.person;
    let mut differ = |key: &str, was: String, is: String| {
        bad(
            key,
            format!(
                "{}'s {} is {is} here but {was} on line {}: a person's fields must agree on every row",
                first.id,
                key.replace('_', " "),
                seen.line
            ),
        );
    };
    for (key, was, is) in [
        ("name", &first.name, &now.name),
        ("discipline", &first.discipline, &now.discipline),
        ("agency", &first.agency, &now.agency),
    ] {
        if was != is {
            differ(key, format!("“{was}”"), format!("“{is}”"));
        }
    }
    let years = |y: Option<u32>| y.map(f64::from);
    for (key, was, is) in [
        ("fte", first.fte, now.fte),
        ("salary", first.salary, now.salary),
        ("leave_days", first.leave_days, now.leave_days),
        ("training_days", first.training_days, now.training_days),
        (
            "years_of_service",
            years(first.years_of_service),
            years(now.years_of_service),
        ),
    ] {
        if let (Some(was), Some(is)) = (was, is) {
            if (was - is).abs() > 1e-9 {
                differ(key, format!("{was}"), format!("{is}"));
            }
        }
    }
}

/// What only the whole sheet shows: line managers who are nobody in it, and people whose
/// posts add up to more than their contract.
fn check_across_rows(
    people: &[Seen],
    posts: &[(Post, u64)],
    person_at: &HashMap<String, usize>,
    errors: &mut Vec<RowError>,
) {
    let mut total: HashMap<&str, f64> = HashMap::new();
    for (post, line) in posts {
        *total.entry(post.person.as_str()).or_default() += post.fte;
        if let Some(boss) = &post.line_manager {
            if !person_at.contains_key(boss) {
                errors.push(RowError {
                    line: *line,
                    column: Some("line_manager".to_owned()),
                    message: format!(
                        "no row has the person_id {}: a line manager is given by their person_id",
                        crate::format::shorten(boss, 40)
                    ),
                });
            } else if boss == &post.person {
                errors.push(RowError {
                    line: *line,
                    column: Some("line_manager".to_owned()),
                    message: "a person cannot be their own line manager".to_owned(),
                });
            }
        }
    }
    for seen in people {
        let p = &seen.person;
        if let (Some(fte), Some(sum)) = (p.fte, total.get(p.id.as_str())) {
            if *sum > fte + 1e-9 {
                errors.push(RowError {
                    line: seen.line,
                    column: Some("fte_in_team".to_owned()),
                    message: format!(
                        "{}'s posts add up to {sum:.2} FTE, more than their contracted {fte}",
                        p.id
                    ),
                });
            }
        }
    }
}
