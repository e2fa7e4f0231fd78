//! `teamscape portfolio import STAFF.csv OUT.ron` and `teamscape portfolio report FILE`:
//! the service across its teams, from a staffing sheet (one row per post).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::analysis::{portfolio as service, report::Format};
use crate::model::io::{self, FileKind};
use crate::model::portfolio::{self, Portfolio};
use crate::model::portfolio_csv;
use crate::model::portfolio_team::{self, AddError, Answer};

/// Read a staffing sheet (CSV in any encoding, or a workbook's sheet) into a portfolio
/// named after the file.
fn read_sheet(path: &Path, err: &mut dyn std::io::Write) -> Result<Portfolio, String> {
    let (sheet, notices) = io::read_sheet(
        path,
        None,
        portfolio_csv::is_staffing_header,
        "the columns person_id, team and fte_in_team",
    )
    .map_err(|e| e.to_string())?;
    for notice in &notices {
        writeln!(err, "{notice}").map_err(|e| e.to_string())?;
    }
    let name = path
        .file_stem()
        .map_or_else(|| "Service".into(), |s| s.to_string_lossy());
    portfolio_csv::import(&sheet, &name).map_err(|e| {
        e.into_file_error(&io::display_path(path)).to_string() + "\nNothing was written."
    })
}

/// A portfolio file, or a staffing sheet read as one.
fn open(path: &Path, err: &mut dyn std::io::Write) -> Result<Portfolio, String> {
    let bytes = io::read_bytes(path).map_err(|e| e.to_string())?;
    match FileKind::sniff(path, &bytes).map_err(|e| e.to_string())? {
        FileKind::Ron => {
            let text = String::from_utf8(bytes).map_err(|_| {
                format!(
                    "{}: the file is not UTF-8 text: it may be damaged",
                    io::display_path(path)
                )
            })?;
            portfolio::from_ron(&text, &io::display_path(path)).map_err(|e| e.to_string())
        }
        _ => read_sheet(path, err),
    }
}

pub(super) fn import(
    sheet: &Path,
    output: &Path,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let p = read_sheet(sheet, err)?;
    let text = portfolio::to_ron(&p).map_err(|e| e.to_string())?;
    io::write_atomically(output, |w| w.write_all(text.as_bytes())).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "{} → {}: {} people in {} teams, {} posts",
        sheet.display(),
        output.display(),
        p.people.len(),
        p.teams.len(),
        p.posts.len()
    )
    .map_err(|e| e.to_string())
}

/// `portfolio add TEAM PORTFOLIO.ron`: the team's members become posts of a new team of the
/// portfolio, matched to the people it holds; unsure matches are asked, and nothing is
/// written until they are answered.
pub(super) fn add(
    team_path: &Path,
    portfolio_path: &Path,
    answers: &[(String, Answer)],
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let loaded = io::open_team_from(team_path, None).map_err(|e| e.to_string())?;
    for notice in &loaded.notices {
        writeln!(err, "{notice}").map_err(|e| e.to_string())?;
    }
    let shown = io::display_path(portfolio_path);
    let held = if portfolio_path.exists() {
        open(portfolio_path, err)?
    } else {
        Portfolio {
            name: portfolio_path
                .file_stem()
                .map_or_else(|| "Service".into(), |s| s.to_string_lossy().into_owned()),
            ..Portfolio::default()
        }
    };
    let answers: HashMap<String, Answer> = answers
        .iter()
        .map(|(name, a)| (name.trim().to_lowercase(), a.clone()))
        .collect();
    let added = match portfolio_team::add_team(&held, &loaded.team, &answers) {
        Ok(added) => added,
        Err(AddError::Refused(why)) => {
            return Err(format!("{shown}: {why}. Nothing was written."));
        }
        Err(AddError::Questions(questions)) => {
            let mut text = format!(
                "{shown}: {} of {} may be people the portfolio already holds. Nothing was written; answer each and run the command again:",
                crate::format::count(questions.len(), "member", "members"),
                loaded.team.name
            );
            for q in &questions {
                let _ = write!(
                    text,
                    "\n  {} ({}, {}) could be:",
                    q.member, q.discipline, q.agency
                );
                for (id, who) in &q.candidates {
                    let _ = write!(text, "\n    --same \"{}={id}\"  ({who})", q.member);
                }
                let _ = write!(text, "\n    --separate \"{}\"  (someone new)", q.member);
            }
            return Err(text);
        }
    };
    let text = portfolio::to_ron(&added.portfolio).map_err(|e| e.to_string())?;
    io::write_atomically(portfolio_path, |w| w.write_all(text.as_bytes()))
        .map_err(|e| e.to_string())?;
    for notice in &added.notices {
        writeln!(err, "{notice}").map_err(|e| e.to_string())?;
    }
    writeln!(
        out,
        "{} → {shown}: the team “{}” added; the portfolio now has {} in {}, {}",
        team_path.display(),
        loaded.team.name,
        crate::format::count(added.portfolio.people.len(), "person", "people"),
        crate::format::count(added.portfolio.teams.len(), "team", "teams"),
        crate::format::count(added.portfolio.posts.len(), "post", "posts")
    )
    .map_err(|e| e.to_string())
}

/// `check PORTFOLIO.ron` without `--team`: every team taken out and checked, each problem
/// named with its team. `None` for a file that is not a portfolio.
pub(super) fn check_every_team(
    path: &Path,
    out: &mut dyn std::io::Write,
) -> Option<Result<(), String>> {
    let bytes = io::read_bytes(path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    if !io::is_portfolio(text) {
        return None;
    }
    let shown = io::display_path(path);
    let checked = portfolio::from_ron(text, &shown)
        .map_err(|e| e.to_string())
        .and_then(|p| {
            let mut problems = Vec::new();
            for t in &p.teams {
                match portfolio_team::take_team(&p, &t.name)
                    .and_then(|team| io::check_valid(&team, &t.name).map_err(|e| e.to_string()))
                {
                    Ok(()) => {}
                    Err(e) => problems.push(format!("“{}”: {e}", t.name)),
                }
            }
            if problems.is_empty() {
                Ok(p)
            } else {
                Err(format!("{shown}: {}", problems.join("\n")))
            }
        });
    Some(checked.and_then(|p| {
        writeln!(
            out,
            "{shown}: ok — portfolio “{}”, {} in {}, {}",
            p.name,
            crate::format::count(p.people.len(), "person", "people"),
            crate::format::count(p.teams.len(), "team", "teams"),
            crate::format::count(p.posts.len(), "post", "posts")
        )
        .map_err(|e| e.to_string())
    }))
}

pub(super) fn report(
    file: &Path,
    format: Format,
    hide_names: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let p = open(file, err)?;
    let figures = service::analyse(&p);
    writeln!(out, "{}", service::render(&figures, format, hide_names)).map_err(|e| e.to_string())
}

/// `generate --teams T --people P OUT.ron`: a synthetic portfolio, for trying Teamscape at
/// the scale of a whole service.
pub(super) fn generate(
    teams: usize,
    people: usize,
    output: &Path,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    let p = crate::model::generate::synthetic_portfolio(teams, people, 2024);
    let text = portfolio::to_ron(&p).map_err(|e| e.to_string())?;
    io::write_atomically(output, |w| w.write_all(text.as_bytes())).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "{}: a portfolio of {} in {}, {}",
        output.display(),
        crate::format::count(p.people.len(), "person", "people"),
        crate::format::count(p.teams.len(), "team", "teams"),
        crate::format::count(p.posts.len(), "post", "posts")
    )
    .map_err(|e| e.to_string())
}

/// `portfolio snapshot PORTFOLIO.ron LABEL`: the service as it is today, kept in the file
/// under `LABEL` to compare with later.
pub(super) fn snapshot(
    file: &Path,
    label: &str,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let shown = io::display_path(file);
    let label = label.trim();
    if label.is_empty() || label.contains('#') {
        return Err(format!(
            "{shown}: a snapshot needs a label without “#”, such as \"Before the restructure\". Nothing was written."
        ));
    }
    if FileKind::of(file) != Ok(FileKind::Ron) {
        return Err(format!(
            "{shown}: a snapshot is kept in a portfolio file (.ron); import the staffing sheet first with `teamscape portfolio import`. Nothing was written."
        ));
    }
    let mut p = open(file, err)?;
    if p.snapshots.iter().any(|s| s.label == label) {
        return Err(format!(
            "{shown}: it already has a snapshot called “{label}”; choose another label. Nothing was written."
        ));
    }
    let taken = crate::format::today_iso();
    let snap = p.snapshot(label, &taken);
    p.snapshots.push(snap);
    let text = portfolio::to_ron(&p).map_err(|e| e.to_string())?;
    io::write_atomically(file, |w| w.write_all(text.as_bytes())).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "{shown}: the service as it is on {taken} kept as “{label}” ({} in all)",
        crate::format::count(p.snapshots.len(), "snapshot", "snapshots")
    )
    .map_err(|e| e.to_string())
}

/// `portfolio compare BEFORE AFTER`: two versions of the service, each a file or
/// `FILE#LABEL` for one of its snapshots.
pub(super) fn compare(
    before: &str,
    after: &str,
    format: Format,
    hide_names: bool,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> Result<(), String> {
    let (b, b_title) = version(before, err)?;
    let (a, a_title) = version(after, err)?;
    let changes = crate::analysis::portfolio_compare::compare(&b, &a, (&b_title, &a_title));
    writeln!(
        out,
        "{}",
        crate::analysis::portfolio_compare::render(&changes, format, hide_names)
    )
    .map_err(|e| e.to_string())
}

/// A version of a service: a portfolio (or staffing sheet) file, or `FILE#LABEL` for one of
/// its snapshots; with the title it goes by.
fn version(spec: &str, err: &mut dyn std::io::Write) -> Result<(Portfolio, String), String> {
    let whole = Path::new(spec);
    if whole.is_file() {
        let p = open(whole, err)?;
        let title = whole
            .file_name()
            .map_or_else(|| spec.to_owned(), |n| n.to_string_lossy().into_owned());
        return Ok((p, title));
    }
    // The file is the longest part before a '#' that exists.
    let split = spec
        .match_indices('#')
        .map(|(i, _)| (&spec[..i], &spec[i + 1..]))
        .rev()
        .find(|(file, _)| Path::new(file).is_file());
    let Some((file, label)) = split else {
        return Err(format!(
            "{}: no such file",
            crate::format::shorten(spec, 200)
        ));
    };
    let p = open(Path::new(file), err)?;
    match p.as_of(label) {
        Some(then) => Ok((then, label.to_owned())),
        None if p.snapshots.is_empty() => Err(format!(
            "{file}: this portfolio has no snapshots, so there is no “{label}”; keep one with `teamscape portfolio snapshot {file} LABEL`"
        )),
        None => Err(format!(
            "{file}: no snapshot is called “{label}”; it has {}",
            p.snapshots
                .iter()
                .map(|s| format!("“{}”", s.label))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}
