//! Bringing data in from spreadsheets: members (from a file or pasted rows), a perception
//! or relational round, and families' feedback, each one undo step or nothing.

use std::path::Path;

use super::files::{file_name, SheetFor};
use super::{StatusMessage, TeamscapeApp};
use crate::document::{Edit, Refusal};
use crate::model::{io, FileError};

impl TeamscapeApp {
    /// Add a spreadsheet's members to the team: all of them as one undo step, or none.
    pub fn import_csv(&mut self, path: &Path) {
        if self.ask_which_sheet(path, SheetFor::ImportMembers) {
            return;
        }
        self.import_members_sheet(path, None);
    }

    pub(super) fn import_members_sheet(&mut self, path: &Path, sheet: Option<&str>) {
        let read = io::read_sheet(
            path,
            sheet,
            crate::model::workbook::is_members_header,
            "the columns name and discipline",
        );
        match read {
            Ok((sheet, notices)) => {
                let had_error = self.files.error.is_some();
                self.import_members(
                    sheet,
                    &io::display_path(path),
                    &format!("from {}", file_name(path)),
                );
                if !had_error && self.files.error.is_none() && !notices.is_empty() {
                    if let Some(status) = &mut self.status {
                        status.text = format!("{} {}", status.text, notices.join(" "));
                    }
                }
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// Rows pasted into the members table: the same contract, checks and single undo
    /// step as a spreadsheet import (`csv::pasted_rows` supplies a missing header row).
    pub fn paste_members(&mut self, text: &str) {
        let text = crate::model::csv::pasted_rows(text);
        let had_error = self.files.error.is_some();
        match crate::model::csv::Sheet::read(&text) {
            Ok(sheet) => self.import_members(sheet, "The pasted rows", "from the clipboard"),
            Err(e) => self.files.error = Some(e.into_file_error("The pasted rows")),
        }
        if let (false, Some(e)) = (had_error, &mut self.files.error) {
            "Correct these cells in the spreadsheet, then copy the rows again and paste them here (Ctrl+V). Nothing was added."
                .clone_into(&mut e.hint);
        }
    }

    /// Add a sheet's members (`source` names it in messages; `from` ends the status line):
    /// all of them as one undo step, or none and the sheet's problems. Rules the team
    /// already breaks do not stop an import; new ones do.
    pub(super) fn import_members(
        &mut self,
        sheet: crate::model::csv::Sheet,
        source: &str,
        from: &str,
    ) {
        let before = self.document.team().members.len();
        match self.document.apply(Edit::ImportMembers(Box::new(sheet))) {
            Ok(_) => {
                let added = self.document.team().members.len().saturating_sub(before);
                self.status = Some(StatusMessage::info(format!(
                    "Imported {added} members {from}"
                )));
            }
            Err(Refusal {
                sheet: Some(problems),
                ..
            }) => self.files.error = Some(problems.into_file_error(source)),
            Err(refusal) => {
                self.files.error = Some(FileError::new(
                    source,
                    refusal.reason,
                    "Correct these in the spreadsheet and import it again. Nothing was added.",
                ));
            }
        }
    }

    /// Add a responses sheet to the team as a new perception round: one undo step, or
    /// nothing and the sheet's problems by line and column.
    pub fn import_perceptions(&mut self, path: &Path) {
        if self.ask_which_sheet(path, SheetFor::ImportPerceptions) {
            return;
        }
        self.import_perceptions_sheet(path, None);
    }

    pub(super) fn import_perceptions_sheet(&mut self, path: &Path, sheet: Option<&str>) {
        let source = io::display_path(path);
        let label = format!(
            "Imported from {}",
            path.file_stem()
                .map_or_else(|| "a spreadsheet".into(), |s| s.to_string_lossy())
        );
        let imported = io::read_sheet(
            path,
            sheet,
            crate::model::workbook::is_responses_header,
            "a rater_discipline column",
        )
        .and_then(|(responses, _)| {
            crate::model::perceptions_csv::import_sheet(
                self.document.team(),
                &responses,
                &label,
                &crate::format::today_iso(),
            )
            .map_err(|e| e.into_file_error(&source))
        });
        match imported {
            Ok((round, _)) => {
                self.apply(Edit::AddPerceptionRound(Box::new(round)));
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// Read a published pay table and ask for its year and source: the table is checked
    /// against the team's scales first, so a wrong scale or point is reported by line before
    /// anything is asked, and the team is untouched until the form's Add.
    pub fn import_pay_table(&mut self, path: &Path) {
        use crate::model::pay;
        const CHECKED: &str = "(checked)";
        let source = io::display_path(path);
        let read = io::read_sheet(
            path,
            None,
            pay::is_table_header,
            "a pay table (columns scale, point and salary)",
        )
        .and_then(|(sheet, _)| {
            let team = self.document.team();
            // Checked with a stand-in for the year, which the form asks for: the scales the
            // table moves to it are the ones it names.
            let (checked, _) =
                pay::from_table(team, CHECKED, &sheet, CHECKED, "").map_err(|e| {
                    FileError::new(
                        source.clone(),
                        e,
                        "Correct the table and import it again; the team has not been changed.",
                    )
                })?;
            let scales = checked
                .pay_scales
                .iter()
                .filter(|s| s.year == CHECKED)
                .map(|s| s.name.clone())
                .collect();
            Ok((sheet, scales))
        });
        match read {
            Ok((sheet, scales)) => {
                let table = crate::ui::team_panel::PayTable {
                    file: file_name(path),
                    sheet: Box::new(sheet),
                    scales,
                };
                self.editor.team_panel.add_year = Some(crate::ui::team_panel::AddYearForm::after(
                    self.document.team(),
                    Some(table),
                ));
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// Keep the team's hand-made `year` in the manager's own pay library, so every team can
    /// choose it from now on; the file is written whole or not at all.
    pub(super) fn keep_pay_year(&mut self, year: &str) {
        use crate::model::pay::{self, own};
        let Some(path) = self.files.pay_library.clone() else {
            self.status = Some(StatusMessage::error(
                "There is no data folder here to keep a pay library in; the year stays in this team's file.",
            ));
            return;
        };
        let years = own::years_to_keep(self.document.team(), year);
        let names: Vec<String> = years.iter().map(|y| y.name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let said = format!(
            "Kept {year} of {} in your pay library ({}): every team you open or start can now choose it.",
            crate::format::list(&names),
            io::display_path(&path)
        );
        match own::keep(&path, years) {
            Ok(library) => {
                pay::use_own(&library);
                self.status = Some(StatusMessage::info(said));
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// Add a sheet of families' feedback (ESQ or FFT, known by its columns) as a new round:
    /// one undo step, or nothing and the sheet's problems by line and column.
    pub fn import_feedback(&mut self, path: &Path) {
        if self.ask_which_sheet(path, SheetFor::ImportFeedback) {
            return;
        }
        self.import_feedback_sheet(path, None);
    }

    pub(super) fn import_feedback_sheet(&mut self, path: &Path, sheet: Option<&str>) {
        use crate::model::feedback_csv;
        let source = io::display_path(path);
        let stem = path
            .file_stem()
            .map_or_else(|| "a spreadsheet".into(), |s| s.to_string_lossy());
        let imported = io::read_sheet(
            path,
            sheet,
            feedback_csv::is_feedback_header,
            "a form column (ESQ) or a rating column (Friends and Family Test)",
        )
        .and_then(|(responses, _)| {
            let kind = feedback_csv::kind_of(&responses);
            let team = self.document.team();
            let label = crate::model::feedback::free_round_label(
                team,
                &format!("{} from {stem}", kind.key().to_uppercase()),
            );
            feedback_csv::import_sheet(&responses, kind, &label)
                .map_err(|e| e.into_file_error(&source))
        });
        match imported {
            Ok(round) => self.apply(Edit::AddFeedbackRound(Box::new(round))),
            Err(e) => self.files.error = Some(e),
        }
    }
}
