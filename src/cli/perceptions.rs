//! `teamscape perceptions import|link`: a round of staff's anonymous responses from a
//! form's sheet (ratings, pairwise choices, or an instrument's items), stored protected.

use std::path::Path;

use crate::model::io::{self, FileKind};

/// A responses sheet read as one round for `team`, labelled `label` or after the file.
/// A responses sheet (CSV or workbook), and the round's label: the one given, or "Imported
/// from FILE".
fn responses_sheet(
    sheet: &Path,
    label: Option<&str>,
) -> Result<(crate::model::csv::Sheet, String), String> {
    let (responses, _) = io::read_sheet(
        sheet,
        None,
        crate::model::workbook::is_responses_header,
        "a rater_discipline column",
    )
    .map_err(|e| e.to_string())?;
    let name = sheet.file_stem().map_or_else(
        || "responses".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let label = label.map_or_else(|| format!("Imported from {name}"), str::to_owned);
    Ok((responses, label))
}

pub(super) fn read_responses(
    team: &crate::model::Team,
    sheet: &Path,
    label: Option<&str>,
) -> Result<
    (
        crate::model::PerceptionRound,
        crate::model::perceptions_csv::SheetLayout,
    ),
    String,
> {
    let (responses, label) = responses_sheet(sheet, label)?;
    crate::model::perceptions_csv::import_sheet(
        team,
        &responses,
        &label,
        &crate::format::today_iso(),
    )
    .map_err(|e| e.into_file_error(&io::display_path(sheet)).to_string())
}

/// An instrument: a file of items (`id,factor,about,reverse,min,max,text`), or the name
/// (or the start of it) of one Teamscape ships.
pub(super) fn read_instrument(spec: &str) -> Result<crate::model::instrument::Instrument, String> {
    use crate::model::instrument;
    let path = Path::new(spec);
    if path.exists() {
        let (sheet, _) = io::read_sheet(
            path,
            None,
            |cells| {
                let keys: Vec<String> = cells.iter().map(|c| c.trim().to_lowercase()).collect();
                ["id", "factor", "about"]
                    .iter()
                    .all(|k| keys.iter().any(|h| h == k))
            },
            "the columns id, factor, about, reverse, min, max and text",
        )
        .map_err(|e| e.to_string())?;
        let name = path.file_stem().map_or_else(
            || "Imported instrument".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        return instrument::from_sheet(&sheet, &name)
            .map_err(|e| e.into_file_error(&io::display_path(path)).to_string());
    }
    let shipped = instrument::shipped();
    let wanted = spec.trim().to_lowercase();
    shipped
        .iter()
        .find(|i| i.name.to_lowercase().starts_with(&wanted))
        .cloned()
        .ok_or_else(|| {
            let names: Vec<String> = shipped.iter().map(|i| format!("“{}”", i.name)).collect();
            format!(
                "“{}”: no such instrument file, nor an instrument Teamscape ships ({})",
                crate::format::shorten(spec, 100),
                names.join(", ")
            )
        })
}

/// Add a round to the team (stored so nobody can trace an answer), check the team and save
/// it; the file is left as it was unless all of that succeeds. Returns the respondents.
fn store_round(
    team: &mut crate::model::Team,
    round: crate::model::PerceptionRound,
    team_path: &Path,
    sheet: &Path,
) -> Result<usize, String> {
    let n = round.responses.len();
    team.add_round(round);
    if let Some(p) = crate::model::validate(team).first() {
        return Err(format!(
            "{}: the round would not be valid ({p}); the team file is unchanged",
            sheet.display()
        ));
    }
    io::save_team(team, team_path).map_err(|e| e.to_string())?;
    Ok(n)
}

/// Link the round labelled `round` to the snapshot labelled `snapshot` ("" unlinks), and
/// save (safe save, `.bak`); the file is unchanged if either is not found.
pub(super) fn link_round(
    team_path: &Path,
    round: &str,
    snapshot: &str,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    let mut team = io::open_team(team_path).map_err(|e| e.to_string())?;
    let labels = |v: Vec<&str>| v.join("”, “");
    if !snapshot.is_empty() && !team.snapshots.iter().any(|s| s.label == snapshot) {
        return Err(format!(
            "{}: no snapshot is labelled “{snapshot}” (it holds “{}”); the team file is unchanged",
            team_path.display(),
            labels(team.snapshots.iter().map(|s| s.label.as_str()).collect())
        ));
    }
    let known = labels(team.perceptions.iter().map(|r| r.label.as_str()).collect());
    let Some(r) = team.perceptions.iter_mut().find(|r| r.label == round) else {
        return Err(format!(
            "{}: no round is labelled “{round}” (it holds “{known}”); the team file is unchanged",
            team_path.display()
        ));
    };
    r.snapshot = (!snapshot.is_empty()).then(|| snapshot.to_owned());
    io::save_team(&team, team_path).map_err(|e| e.to_string())?;
    let _ = writeln!(
        out,
        "{}: the round “{round}” is {}",
        team_path.display(),
        if snapshot.is_empty() {
            "linked to no snapshot".to_owned()
        } else {
            format!("linked to the snapshot “{snapshot}”")
        }
    );
    Ok(())
}

pub(super) fn import_perceptions(
    team_path: &Path,
    sheet: &Path,
    label: Option<&str>,
    instrument: Option<&str>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    if io::FileKind::of(team_path).map_err(|e| e.to_string())? != FileKind::Ron {
        return Err(format!(
            "{}: perception rounds are kept in a .ron team file; convert the spreadsheet first (teamscape convert team.csv team.ron)",
            team_path.display()
        ));
    }
    let mut team = io::open_team(team_path).map_err(|e| e.to_string())?;
    if let Some(spec) = instrument {
        let instrument = read_instrument(spec)?;
        let (responses, label) = responses_sheet(sheet, label)?;
        let round = crate::model::perceptions_csv::import_instrument_round(
            &team,
            &responses,
            &instrument,
            &label,
            &crate::format::today_iso(),
        )
        .map_err(|e| e.into_file_error(&io::display_path(sheet)).to_string())?;
        let n = store_round(&mut team, round, team_path, sheet)?;
        return writeln!(
            out,
            "{}: added the round “{label}” of “{}”, {n} respondents, from {}",
            team_path.display(),
            instrument.name,
            sheet.display()
        )
        .map_err(|e| e.to_string());
    }
    let (round, layout) = read_responses(&team, sheet, label)?;
    let label = round.label.clone();
    let n = store_round(&mut team, round, team_path, sheet)?;
    writeln!(
        out,
        "{}: added the round “{label}”, {n} respondents ({}), from {}",
        team_path.display(),
        match layout {
            crate::model::perceptions_csv::SheetLayout::Ratings => "ratings",
            crate::model::perceptions_csv::SheetLayout::Pairwise => "pairwise choices",
        },
        sheet.display()
    )
    .map_err(|e| e.to_string())
}
