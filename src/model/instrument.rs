//! Instruments as data: the questions a relational round asks, their scale and their source.
//! Teamscape ships its own wording (`assets/instruments.ron`: the short form it has always
//! asked, and forms adapted from published scales whose wording it may not copy); an
//! organisation that holds a licence for a published survey imports its items from a CSV
//! file (`id,factor,about,reverse,min,max,text`) and Teamscape only computes. The measures
//! are in `analysis::relational`; their definitions in `docs/measures.md`.

use serde::{Deserialize, Serialize};

use super::csv::{normalise_header, CsvError, RowError, Sheet};

/// The questions of one form, with where they come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Instrument {
    /// "Collaboration between professions (adapted from the ICS)".
    pub name: String,
    pub items: Vec<Item>,
    /// Whether "I don't work with them" may be answered about another group.
    pub not_applicable: bool,
    pub source: Source,
}

/// Where an instrument's wording comes from, and on what terms.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The publication the items are taken or adapted from, or who wrote them.
    pub citation: String,
    #[serde(default)]
    pub address: String,
    /// The terms the wording is used on, in a sentence.
    pub licence: String,
    /// Whether the wording has been tested for validity and reliability as worded here.
    pub validated: bool,
}

/// One question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Short and unique in the instrument: `comm1`. A responses sheet names its columns by it.
    pub id: String,
    /// The factor it measures: `communication`.
    pub factor: String,
    pub about: About,
    /// Agreement means less of the factor: an answer `a` counts as `min + max − a`.
    pub reverse: bool,
    pub min: u8,
    pub max: u8,
    pub text: String,
}

/// Whom a question asks about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum About {
    /// The team as a whole: asked once.
    Team,
    /// Each other group in turn (round robin): asked once per group.
    Each,
}

impl About {
    pub fn key(self) -> &'static str {
        match self {
            Self::Team => "team",
            Self::Each => "each",
        }
    }
}

impl Item {
    /// An answer as it counts: reverse-scored items turned round.
    pub fn scored(&self, answer: u8) -> f64 {
        if self.reverse {
            f64::from(self.min) + f64::from(self.max) - f64::from(answer)
        } else {
            f64::from(answer)
        }
    }
}

impl Instrument {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    /// The factors, in the order their first items come.
    pub fn factors(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for item in &self.items {
            if !out.contains(&item.factor.as_str()) {
                out.push(&item.factor);
            }
        }
        out
    }
}

/// The instruments Teamscape ships, in the order it offers them.
/// The shipped instrument a round of ratings answered.
pub const SHORT_FORM: &str = "Teamscape short form";

pub fn shipped() -> Vec<Instrument> {
    // A parse error is a bug caught by the tests, never a user's file.
    ron::from_str(include_str!("../../assets/instruments.ron")).unwrap_or_default()
}

/// The longest question text an instrument may hold.
const MAX_TEXT_CHARS: usize = 500;
/// The most items an instrument may hold.
const MAX_ITEMS: usize = 200;

/// An instrument from a CSV sheet in the layout `id,factor,about,reverse,min,max,text`
/// (header names as a spreadsheet may spell them). Every bad cell is listed; nothing is
/// returned from a sheet with any.
pub fn from_sheet(sheet: &Sheet, name: &str) -> Result<Instrument, CsvError> {
    let keys: Vec<String> = sheet.headers.iter().map(normalise_header).collect();
    let column = |key: &str| keys.iter().position(|k| k == key);
    let mut errors = Vec::new();
    let wanted = ["id", "factor", "about", "reverse", "min", "max", "text"];
    for key in wanted {
        if column(key).is_none() {
            errors.push(RowError {
                line: sheet.header_line,
                column: Some(key.to_owned()),
                message: "this column of an instrument is missing from the header row".to_owned(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(CsvError::of(errors));
    }
    let mut items: Vec<Item> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for row in &sheet.rows {
        let Some((line, record)) = super::csv::readable(row, &mut errors) else {
            continue;
        };
        let mut bad = |key: &str, message: String| {
            errors.push(RowError {
                line,
                column: Some(key.to_owned()),
                message,
            });
        };
        if let Some(item) = item_of_row(&keys, record, &mut bad, &mut ids) {
            items.push(item);
        }
    }
    errors.extend(whole_problems(&items, sheet.header_line, errors.is_empty()));
    if !errors.is_empty() {
        return Err(CsvError::of(errors));
    }
    Ok(Instrument {
        name: name.to_owned(),
        items,
        not_applicable: true,
        source: Source {
            citation: format!("{name}: items imported by the team"),
            address: String::new(),
            licence: "The wording is the importing organisation's, under its own licence; Teamscape does not ship it.".to_owned(),
            validated: false,
        },
    })
}

/// One item from its row (under the header's normalised `keys`), or `None` with every
/// problem given to `bad`; `ids` are the ids taken so far.
fn item_of_row(
    keys: &[String],
    record: &::csv::StringRecord,
    bad: &mut dyn FnMut(&str, String),
    ids: &mut Vec<String>,
) -> Option<Item> {
    let cell = |key: &str| {
        keys.iter()
            .position(|k| k == key)
            .and_then(|i| record.get(i))
            .map_or("", super::csv::cell_value)
            .trim()
    };
    let id = cell("id").to_owned();
    let id_ok = !id.is_empty()
        && id.len() <= 40
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if !id_ok {
        bad(
            "id",
            format!(
                "“{}” is not an item id: use up to 40 letters, digits, - _ or .",
                crate::format::shorten(&id, 40)
            ),
        );
    } else if ids.contains(&id) {
        bad("id", format!("the id “{id}” is used twice"));
    } else {
        ids.push(id.clone());
    }
    let factor = cell("factor").to_owned();
    if factor.is_empty() || factor.chars().count() > 60 {
        bad(
            "factor",
            "every item names its factor, in at most 60 characters".to_owned(),
        );
    }
    let about = match cell("about").to_ascii_lowercase().as_str() {
        "team" => Some(About::Team),
        "each" => Some(About::Each),
        other => {
            bad(
                "about",
                format!(
                    "“{}” is not team or each",
                    crate::format::shorten(other, 40)
                ),
            );
            None
        }
    };
    let reverse = match cell("reverse").to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" | "" => Some(false),
        other => {
            bad(
                "reverse",
                format!("“{}” is not yes or no", crate::format::shorten(other, 40)),
            );
            None
        }
    };
    let mut bound = |key: &str| match cell(key).parse::<u8>() {
        Ok(v) if v <= 10 => Some(v),
        _ => {
            bad(
                key,
                format!(
                    "“{}” is not a whole number from 0 to 10",
                    crate::format::shorten(cell(key), 40)
                ),
            );
            None
        }
    };
    let (min, max) = (bound("min"), bound("max"));
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo >= hi {
            bad(
                "max",
                format!("the scale runs from {lo} to {hi}: max must be above min"),
            );
        }
    }
    let text = cell("text").to_owned();
    if text.is_empty() || text.chars().count() > MAX_TEXT_CHARS {
        bad(
            "text",
            format!("every item has its question, in at most {MAX_TEXT_CHARS} characters"),
        );
    }
    let (true, Some(about), Some(reverse), Some(min), Some(max)) =
        (id_ok, about, reverse, min, max)
    else {
        return None;
    };
    Some(Item {
        id,
        factor,
        about,
        reverse,
        min,
        max,
        text,
    })
}

/// What is wrong with the items together: a factor that mixes team and each items, no
/// items at all (only reported where `clean`: no row had a problem), or too many.
fn whole_problems(items: &[Item], header_line: u64, clean: bool) -> Vec<RowError> {
    let mut errors = Vec::new();
    // A factor asks about one thing: the team, or each group.
    let mut mixed: Vec<&str> = Vec::new();
    for item in items {
        let first = items.iter().find(|i| i.factor == item.factor);
        if first.is_some_and(|f| f.about != item.about) && !mixed.contains(&item.factor.as_str()) {
            mixed.push(&item.factor);
        }
    }
    for factor in mixed {
        errors.push(RowError {
            line: header_line,
            column: Some("about".to_owned()),
            message: format!(
                "the factor “{factor}” mixes team and each items: a factor asks about one"
            ),
        });
    }
    if items.is_empty() && clean {
        errors.push(RowError {
            line: header_line + 1,
            column: None,
            message: "the sheet has a header but no items".to_owned(),
        });
    }
    if items.len() > MAX_ITEMS {
        errors.push(RowError {
            line: header_line,
            column: None,
            message: format!("an instrument holds at most {MAX_ITEMS} items"),
        });
    }
    errors
}
