//! `teamscape feedback …`: add a round of families' feedback to a team file, link it to a
//! snapshot, pick a quote, and record how service users were involved in a change. Each
//! goes through the document's edits (the one writer), then a safe save; on any refusal
//! the team file is left byte for byte as it was.

use std::path::Path;

use crate::document::{Document, Edit};
use crate::model::feedback::{Involvement, Kind};
use crate::model::io::{self, FileKind};

/// Open a .ron team file as a document, apply `edit`, save safely; the message on success.
fn edit_and_save(team_path: &Path, edit: Edit) -> Result<(), String> {
    if io::FileKind::of(team_path).map_err(|e| e.to_string())? != FileKind::Ron {
        return Err(format!(
            "{}: feedback rounds are kept in a .ron team file; convert the spreadsheet first (teamscape convert team.csv team.ron)",
            team_path.display()
        ));
    }
    let team = io::open_team(team_path).map_err(|e| e.to_string())?;
    let mut doc = Document::new(
        team,
        Some(team_path.to_owned()),
        io::display_path(team_path),
    );
    doc.apply(edit)
        .map_err(|r| format!("{}: {r} The team file is unchanged.", team_path.display()))?;
    if let Some(p) = doc.problems().first() {
        return Err(format!(
            "{}: the change would not be valid ({p}); the team file is unchanged",
            team_path.display()
        ));
    }
    io::save_team(doc.team(), team_path).map_err(|e| e.to_string())
}

pub(super) fn import(
    team_path: &Path,
    sheet: &Path,
    (kind, instrument): (Kind, Option<&str>),
    label: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    let instrument = instrument.map(super::read_instrument).transpose()?;
    let (responses, _) = io::read_sheet(
        sheet,
        None,
        if instrument.is_some() {
            // Any header: the columns are the questionnaire's own item ids.
            |cells: &[String]| cells.iter().any(|c| !c.trim().is_empty())
        } else {
            crate::model::feedback_csv::is_feedback_header
        },
        "a form or rating column",
    )
    .map_err(|e| e.to_string())?;
    let name = sheet.file_stem().map_or_else(
        || "feedback".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let label = label.map_or_else(|| format!("Imported from {name}"), str::to_owned);
    let round = match &instrument {
        Some(instrument) => crate::model::feedback_csv::import_own(&responses, instrument, &label),
        None => crate::model::feedback_csv::import_sheet(&responses, kind, &label),
    }
    .map_err(|e| e.into_file_error(&io::display_path(sheet)).to_string())?;
    let (n, forms) = (round.responses.len(), round.forms());
    edit_and_save(team_path, Edit::AddFeedbackRound(Box::new(round)))?;
    let forms: Vec<&str> = forms.iter().map(|f| f.label()).collect();
    writeln!(
        out,
        "{}: added the round “{label}” of the {}, {n} responses{}, from {}",
        team_path.display(),
        kind.label(),
        if forms.is_empty() {
            String::new()
        } else {
            format!(" ({})", forms.join(", "))
        },
        sheet.display()
    )
    .map_err(|e| e.to_string())
}

/// Link a feedback round to a snapshot ("" unlinks).
pub(super) fn link(
    team_path: &Path,
    round: &str,
    snapshot: &str,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    edit_and_save(
        team_path,
        Edit::LinkFeedback {
            round: round.to_owned(),
            snapshot: (!snapshot.is_empty()).then(|| snapshot.to_owned()),
        },
    )?;
    writeln!(
        out,
        "{}: the feedback round “{round}” is {}",
        team_path.display(),
        if snapshot.is_empty() {
            "linked to no snapshot".to_owned()
        } else {
            format!("linked to the snapshot “{snapshot}”")
        }
    )
    .map_err(|e| e.to_string())
}

pub(super) fn quote(
    team_path: &Path,
    round: &str,
    quote: &str,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    edit_and_save(
        team_path,
        Edit::PickQuote {
            round: round.to_owned(),
            quote: quote.to_owned(),
        },
    )?;
    writeln!(
        out,
        "{}: “{}” will be quoted in workshops, as chosen by the manager",
        team_path.display(),
        crate::format::shorten(quote.trim(), 80)
    )
    .map_err(|e| e.to_string())
}

pub(super) fn involvement(
    team_path: &Path,
    snapshot: &str,
    involvement: Option<Involvement>,
    note: &str,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    edit_and_save(
        team_path,
        Edit::SetInvolvement {
            snapshot: snapshot.to_owned(),
            involvement,
            note: note.to_owned(),
        },
    )?;
    writeln!(
        out,
        "{}: the snapshot “{snapshot}”: {}",
        team_path.display(),
        involvement.map_or(
            "service users' involvement not recorded",
            Involvement::label
        )
    )
    .map_err(|e| e.to_string())
}
