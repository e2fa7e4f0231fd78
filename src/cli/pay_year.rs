//! `teamscape pay-year FILE [YEAR [--uplift PERCENT --source TEXT [--scale NAME]]]`: list
//! each scale's year and source; re-rate the team to a year of the library; or make a year
//! the library does not hold from an announced award. Saved safely, the old file kept.

use std::path::Path;

use crate::model::io;

pub(super) fn pay_year(
    file: &Path,
    year: Option<&str>,
    made: Option<&super::MadeYear>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    use crate::model::pay;
    use std::fmt::Write as _;
    let team = io::open_team(file).map_err(|e| e.to_string())?;
    let text = match year {
        None => {
            let mut text = format!(
                "{}: pay year {}\n",
                file.display(),
                team.pay_year
                    .as_deref()
                    .unwrap_or("none (the team's own scales)")
            );
            for s in &team.pay_scales {
                let estimated = s.points.iter().filter(|p| p.estimated.is_some()).count();
                let _ = writeln!(
                    text,
                    "  {} {}{}: {}{}{}\n    {}",
                    s.name,
                    s.year,
                    if s.effective.is_empty() {
                        String::new()
                    } else {
                        format!(" from {}", s.effective)
                    },
                    s.source,
                    if s.source_url.is_empty() {
                        String::new()
                    } else {
                        format!(" <{}>", s.source_url)
                    },
                    if estimated > 0 {
                        format!(" ({estimated} points estimated)")
                    } else {
                        String::new()
                    },
                    pay::standing(s)
                );
            }
            if let Some(warning) = pay::out_of_date(&team, &crate::format::today_iso()) {
                let _ = writeln!(text, "Out of date: {warning}");
            }
            let _ = write!(text, "Library years: {}", pay::years().join(", "));
            text
        }
        Some(year) => {
            let today = crate::format::today_iso();
            let (new, said) = match made {
                Some(super::MadeYear::Uplift(u)) => pay::uplift(&team, year, u, &today),
                Some(super::MadeYear::Table { table, source }) => {
                    let (sheet, _) = io::read_sheet(
                        table,
                        None,
                        pay::is_table_header,
                        "a pay table (scale, point, salary)",
                    )
                    .map_err(|e| e.to_string())?;
                    pay::from_table(&team, year, &sheet, source, &today)
                        .map_err(|e| format!("{}: {e}", table.display()))
                }
                None => pay::rerate(&team, year).map(|(new, done)| (new, done.summary(true))),
            }
            .map_err(|e| format!("{}: {e}", file.display()))?;
            let problems = crate::model::validate(&new);
            if let Some(p) = problems.first() {
                return Err(format!(
                    "{}: the re-rated team would not be valid ({p}); the file is unchanged",
                    file.display()
                ));
            }
            io::save_team(&new, file).map_err(|e| e.to_string())?;
            format!("{}: {said}", file.display())
        }
    };
    writeln!(out, "{text}").map_err(|e| e.to_string())
}

/// `pay-year FILE --keep`: the years FILE made by hand, kept in the manager's pay library at
/// `library` (`None` where there is no data folder).
pub(super) fn keep(
    file: &Path,
    library: Option<&std::path::PathBuf>,
    out: &mut dyn std::io::Write,
) -> Result<(), String> {
    use crate::model::pay::own;
    let team = io::open_team(file).map_err(|e| e.to_string())?;
    let years = own::years_to_keep_all(&team);
    let text = if years.is_empty() {
        format!(
            "{}: every year it holds is in the library; nothing to keep",
            file.display()
        )
    } else {
        let path = library.ok_or("there is no data folder here to keep a pay library in")?;
        let kept: Vec<String> = years
            .iter()
            .map(|y| format!("{} {}", y.name, y.year))
            .collect();
        let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
        own::keep(path, years).map_err(|e| e.to_string())?;
        format!(
            "{}: kept {} in your pay library ({})",
            file.display(),
            crate::format::list(&kept),
            io::display_path(path)
        )
    };
    writeln!(out, "{text}").map_err(|e| e.to_string())
}
