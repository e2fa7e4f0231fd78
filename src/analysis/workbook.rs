//! The team as an Excel workbook (.xlsx, written with `rust_xlsxwriter`), for managers who
//! keep their staff list in a spreadsheet:
//!
//! - **Members**: the CSV export's columns in the same order, formatted as a person would
//!   (£ for money, % for time shares, Yes/No), so the sheet reads straight back in;
//! - **Disciplines**: the report's figures per discipline;
//! - **Findings**: what the figures show.
//!
//! With names hidden there is no Members sheet (each row is one person, and a job title or
//! a salary picks them out), and the figures follow workshop-safe mode's withholding, as in
//! the report.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet, XlsxError};

use super::{report, tables, Analysis};
use crate::model::csv::COLUMNS;
use crate::model::io::{self, FileError};
use crate::model::{LineManager, Pay, Team};

/// Whether the workbook may name the members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    Shown,
    /// Workshop-safe mode, with the smallest group whose figures may be shown.
    Hidden {
        min_group: usize,
        group_by: crate::model::families::GroupBy,
    },
}

/// The workbook's bytes. `date` (ISO) goes into the findings sheet's heading.
pub fn to_xlsx(team: &Team, names: Names, date: &str) -> Result<Vec<u8>, XlsxError> {
    let analysis = match names {
        Names::Shown => super::analyse(team),
        Names::Hidden {
            min_group,
            group_by,
        } => super::analyse_workshop_safe(
            &crate::model::presentation::for_the_room(team, min_group, group_by),
            min_group,
        ),
    };
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("{} — Teamscape", team.name))
            .set_comment("Written by Teamscape"),
    );
    let formats = Formats::new();
    if names == Names::Shown {
        members_sheet(book.add_worksheet(), team, &formats)?;
    }
    disciplines_sheet(book.add_worksheet(), &analysis, &formats)?;
    findings_sheet(book.add_worksheet(), team, &analysis, date, &formats)?;
    book.save_to_buffer()
}

/// Write the workbook to `path` safely (never half-written; the old file kept as `.bak`).
pub fn save(team: &Team, names: Names, date: &str, path: &Path) -> Result<(), FileError> {
    let bytes = to_xlsx(team, names, date).map_err(|e| {
        FileError::new(
            io::display_path(path),
            format!("the workbook could not be written: {e}"),
            "Nothing was saved and the file on disk is unchanged. Please report this as a bug.",
        )
    })?;
    io::check_writable_size(path, bytes.len() as u64)?;
    io::write_atomically(path, |out| out.write_all(&bytes))
}

struct Formats {
    heading: Format,
    pounds: Format,
    pounds_and_pence: Format,
    percent: Format,
    percent_fine: Format,
    wrap: Format,
    title: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            heading: Format::new().set_bold().set_background_color("#E8EEF4"),
            pounds: Format::new().set_num_format("£#,##0"),
            pounds_and_pence: Format::new().set_num_format("£#,##0.00"),
            percent: Format::new().set_num_format("0%"),
            percent_fine: Format::new().set_num_format("0.0#%"),
            wrap: Format::new().set_text_wrap(),
            title: Format::new().set_bold().set_font_size(14),
        }
    }

    /// Whole pounds show as £37,338; pence only where there are some, so what a sheet
    /// shows (and a CSV saved from it holds) is the amount exactly.
    fn money(&self, v: f64) -> &Format {
        if (v - v.round()).abs() < 1e-9 {
            &self.pounds
        } else {
            &self.pounds_and_pence
        }
    }

    /// 60%, or 12.5% where a share has a finer part.
    fn share(&self, v: f64) -> &Format {
        let pct = v * 100.0;
        if (pct - pct.round()).abs() < 1e-9 {
            &self.percent
        } else {
            &self.percent_fine
        }
    }
}

fn headings(sheet: &mut Worksheet, row: u32, names: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (c, name) in names.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, *name, &f.heading)?;
    }
    Ok(())
}

fn members_sheet(sheet: &mut Worksheet, team: &Team, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Members")?;
    headings(sheet, 0, &COLUMNS, f)?;
    sheet.set_freeze_panes(1, 0)?;
    let names: std::collections::HashMap<_, _> = team
        .members
        .iter()
        .map(|m| (m.id, m.name.as_str()))
        .collect();
    let agency = |id| team.agency(id).map(|a| a.name.as_str()).unwrap_or_default();
    for (i, m) in team.members.iter().enumerate() {
        let row = i as u32 + 1;
        let mut text = |col: u16, s: &str| -> Result<(), XlsxError> {
            if !s.is_empty() {
                sheet.write_string(row, col, s)?;
            }
            Ok(())
        };
        text(0, &m.name)?;
        text(1, &m.job_title)?;
        text(
            2,
            team.discipline(m.discipline)
                .map_or("", |d| d.name.as_str()),
        )?;
        text(3, agency(m.agency))?;
        if let Pay::Point { scale, point } = &m.pay {
            text(5, team.pay_scale(*scale).map_or("", |s| s.name.as_str()))?;
            text(6, point)?;
        }
        text(14, m.contract.label())?;
        text(15, if m.co_located { "Yes" } else { "No" })?;
        text(16, m.membership.label())?;
        match &m.line_manager {
            LineManager::NoManager => {}
            LineManager::Member(id) => text(17, names.get(id).copied().unwrap_or_default())?,
            LineManager::External { name, agency: a } => {
                text(17, name)?;
                text(18, agency(*a))?;
            }
        }
        if let Some(salary) = team.fte_salary(m) {
            sheet.write_number_with_format(row, 4, salary, f.money(salary))?;
        }
        sheet.write_number_with_format(row, 7, m.fte, f.share(m.fte))?;
        sheet.write_number_with_format(row, 8, m.team_share, f.share(m.team_share))?;
        if let Some(v) = m.leave_days {
            sheet.write_number(row, 9, v)?;
        }
        if let Some(v) = m.years_of_service {
            sheet.write_number(row, 10, v)?;
        }
        if let Some(v) = m.training_days {
            sheet.write_number(row, 11, v)?;
        }
        if let Some(v) = m.training_budget {
            sheet.write_number_with_format(row, 12, v, f.money(v))?;
        }
        if let Some(a) = m.autonomy {
            sheet.write_number(row, 13, a.level())?;
        }
    }
    sheet.set_autofit_max_width(260).autofit();
    Ok(())
}

/// A figure from the report's table as a number where it is one (`£37,338`, `1.5`), so the
/// sheet can sum and sort it; "fewer than 3", "withheld" and "1.20 × median" stay text.
enum Cell {
    Number(f64),
    Pounds(f64),
    Text(String),
}

fn cell(text: &str) -> Cell {
    if let Some(amount) = text.strip_prefix('£') {
        if let Ok(v) = amount.replace(',', "").parse::<f64>() {
            return Cell::Pounds(v);
        }
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Cell::Number(v),
        _ => Cell::Text(text.to_owned()),
    }
}

fn disciplines_sheet(sheet: &mut Worksheet, a: &Analysis, f: &Formats) -> Result<(), XlsxError> {
    sheet.set_name("Disciplines")?;
    let table = tables::disciplines(a);
    let columns: Vec<&str> = table.columns.iter().map(String::as_str).collect();
    headings(sheet, 0, &columns, f)?;
    sheet.set_freeze_panes(1, 1)?;
    for (row, cells) in (1..).zip(&table.rows) {
        for (col, text) in (0..).zip(cells) {
            match cell(text) {
                Cell::Number(v) => sheet.write_number(row, col, v)?,
                Cell::Pounds(v) => sheet.write_number_with_format(row, col, v, f.money(v))?,
                Cell::Text(t) => sheet.write_string(row, col, t)?,
            };
        }
    }
    sheet.set_autofit_max_width(260).autofit();
    // Notes under the table: what the ratio means, and what was withheld.
    let meaning = if a.min_group().is_some() {
        report::TIMES_MEAN_MEANING
    } else {
        report::TIMES_MEDIAN_MEANING
    };
    let notes = std::iter::once(meaning.to_owned()).chain(report::withheld_note(a));
    for (row, note) in (table.rows.len() as u32 + 2..).zip(notes) {
        sheet.write_string(row, 0, note)?;
    }
    Ok(())
}

fn findings_sheet(
    sheet: &mut Worksheet,
    team: &Team,
    a: &Analysis,
    date: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    sheet.set_name("Findings")?;
    sheet.write_string_with_format(
        0,
        0,
        format!(
            "{}: findings, {}",
            team.name,
            crate::format::date_words(date)
        ),
        &f.title,
    )?;
    sheet.set_column_width(0, 110)?;
    if a.findings.is_empty() {
        sheet.write_string(2, 0, "No finding passes its threshold for this team.")?;
    }
    for (i, finding) in a.findings.iter().enumerate() {
        sheet.write_string_with_format(i as u32 + 2, 0, &finding.text, &f.wrap)?;
    }
    if let Some(note) = report::withheld_note(a) {
        sheet.write_string_with_format(a.findings.len() as u32 + 3, 0, note, &f.wrap)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_figures_become_numbers_where_they_are_numbers() {
        assert!(matches!(cell("£37,338"), Cell::Pounds(v) if (v - 37338.0).abs() < 1e-9));
        assert!(matches!(cell("1.5"), Cell::Number(v) if (v - 1.5).abs() < 1e-9));
        assert!(matches!(cell("fewer than 3"), Cell::Text(_)));
        assert!(matches!(cell("1.20 × median"), Cell::Text(_)));
        assert!(matches!(cell("n/a"), Cell::Text(_)));
    }
}
