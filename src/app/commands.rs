//! Where queued actions and edits run: the one place menus, toolbar buttons, shortcuts and
//! panels end up. Edits go to [`crate::document::Document::apply`]; a refusal becomes a line
//! in the status bar and the team stays as it was.

use super::{MainView, StatusMessage, TeamscapeApp, Then};
use crate::command::{Action, ActionState};
use crate::document::{Edit, TeamSettings};
use crate::model::LineManager;
use crate::ui::charts::ChartId;
use crate::ui::field::{self, Target};
use crate::ui::file_dialog::Purpose;

impl TeamscapeApp {
    pub(super) fn action_state(&self) -> ActionState {
        let selection = &self.editor.marks.selection;
        // In the Service view, undo and redo are the portfolio's.
        let service = self
            .service
            .as_ref()
            .filter(|_| self.editor.view == MainView::Service);
        ActionState {
            can_undo: service.map_or_else(
                || self.document.can_undo(),
                super::service::ServiceState::can_undo,
            ),
            can_redo: service.map_or_else(
                || self.document.can_redo(),
                super::service::ServiceState::can_redo,
            ),
            has_selection: !selection.is_empty(),
            one_selected: selection.len() == 1,
            has_members: !self.document.team().members.is_empty(),
            has_highlight: !self.editor.marks.highlight.is_empty(),
            names_hidden: self.workshop.hide_names,
            recent_files: self.prefs.recent.len(),
            has_problems: !self.document.problems().is_empty(),
            has_snapshots: !self.document.team().snapshots.is_empty(),
            read_only_view: matches!(self.editor.view, MainView::Compare | MainView::Snapshot),
        }
    }

    /// Queue an action, as a menu item, button or shortcut does.
    pub fn queue(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Queue an edit, as a panel does.
    pub fn queue_edit(&mut self, edit: Edit) {
        self.edits.push(edit);
    }

    /// Shortcuts, consumed once per frame before the panels draw. While a text field has the
    /// keyboard, only the app-wide ones (Save, Open, Present…) are taken, and the field gives
    /// up focus first so what was typed is committed before the command runs.
    pub(super) fn consume_shortcuts(&mut self, ctx: &egui::Context) {
        // A file dialog or a question on screen has the keys (its own Enter, Escape, typing).
        if self.files.is_asking()
            || self.editor.team_panel.pending_delete.is_some()
            || self.editor.team_panel.add_year.is_some()
            || self
                .service
                .as_ref()
                .is_some_and(super::service::ServiceState::is_asking)
        {
            return;
        }
        // Escape takes the keyboard from a field before the frame starts: the key is still
        // the field's (it puts the old value back), so "typing" counts the last frame too.
        // A member on the map with the keyboard is not typing: N, Delete, F2 and the rest work.
        let member_keys = self.editor.map.keyboard_member(ctx).is_some();
        let typing = (ctx.egui_wants_keyboard_input() && !member_keys) || self.editor.was_typing;
        // A field nothing has been typed into yet leaves undo and redo to the team.
        let untouched = ctx
            .memory(egui::Memory::focused)
            .is_some_and(|id| !crate::ui::field::has_draft(ctx, id));
        let state = self.action_state();
        for (action, shortcut) in Action::all_shortcuts() {
            let team_undo = untouched && matches!(action, Action::Undo | Action::Redo);
            // A key whose action cannot run now is left for whatever else wants it.
            if (typing && !action.works_in_text_fields() && !team_undo) || !action.enabled(&state) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                if typing {
                    // The field sees `lost_focus` this frame and commits its draft, which
                    // `run_pending` applies before this action.
                    ctx.memory_mut(egui::Memory::stop_text_input);
                }
                self.actions.push(action);
            }
        }
    }

    /// Apply everything queued this frame: the panels' edits first (a field committed as
    /// Ctrl+S was pressed is saved with the team), then the actions.
    pub(super) fn run_pending(&mut self, now: f64, ctx: &egui::Context) {
        for edit in std::mem::take(&mut self.edits) {
            self.apply(edit);
        }
        for action in std::mem::take(&mut self.actions) {
            // Checked as each one runs: an earlier action may have changed what is possible.
            if action.enabled(&self.action_state()) {
                self.run_action(action, now, ctx);
            }
        }
    }

    /// Drafts whose field is gone (another member selected, the panel closed) are committed
    /// like any edit: kept if valid, refused with the reason in the status bar otherwise.
    pub(super) fn commit_orphaned_drafts(&mut self, ctx: &egui::Context) {
        for (target, text) in field::orphaned_drafts(ctx) {
            if let Some(edit) = self.edit_for_draft(target, text) {
                self.edits.push(edit);
            }
        }
    }

    /// The edit that puts `text` where a field's draft belongs; `None` if nothing changes.
    fn edit_for_draft(&self, target: Target, text: String) -> Option<Edit> {
        let team = self.document.team();
        let member = |id| self.document.member(id).cloned();
        let settings = |set: &dyn Fn(&mut TeamSettings)| {
            let mut s = TeamSettings::of(team);
            set(&mut s);
            s
        };
        let edit = match target {
            Target::MemberName(id) => {
                let mut m = member(id)?;
                m.name = text;
                Edit::UpdateMember {
                    member: m,
                    field: "name",
                }
            }
            Target::JobTitle(id) => {
                let mut m = member(id)?;
                m.job_title = text;
                Edit::UpdateMember {
                    member: m,
                    field: "job title",
                }
            }
            Target::ManagerRole(id) => {
                let mut m = member(id)?;
                let LineManager::External { name, .. } = &mut m.line_manager else {
                    return None;
                };
                *name = text;
                Edit::UpdateMember {
                    member: m,
                    field: "line manager",
                }
            }
            Target::TeamName => Edit::UpdateTeam {
                settings: settings(&|s| s.name.clone_from(&text)),
                field: "name",
            },
            Target::Description => Edit::UpdateTeam {
                settings: settings(&|s| s.description.clone_from(&text)),
                field: "description",
            },
            Target::Notes => Edit::UpdateTeam {
                settings: settings(&|s| s.notes.clone_from(&text)),
                field: "notes",
            },
            Target::DisciplineName(id) => {
                let mut d = team.discipline(id)?.clone();
                d.name = text;
                Edit::UpdateDiscipline(d)
            }
            Target::AgencyName(id) => {
                let mut a = team.agency(id)?.clone();
                a.name = text;
                Edit::UpdateAgency(a)
            }
            Target::Prompt(slide) => Edit::SetPrompt {
                slide,
                prompt: text,
            },
        };
        Some(edit)
    }

    /// One edit through the document. A new member is selected; a refusal is reported.
    pub fn apply(&mut self, edit: Edit) {
        let what = match &edit {
            Edit::SaveSnapshot { label, .. } => Some(format!(
                "Saved the snapshot “{}”. Edit › Snapshots… lists it; Ctrl+S keeps it in the file.",
                label.trim()
            )),
            Edit::RestoreSnapshot { label } => Some(format!(
                "Restored the team as the snapshot “{label}” holds it (Ctrl+Z undoes this)."
            )),
            Edit::DeleteSnapshot { label } => Some(format!(
                "Deleted the snapshot “{label}” (Ctrl+Z brings it back)."
            )),
            Edit::AddPerceptionRound(round) => Some(format!(
                "Added the perception round “{}”: {} respondents",
                round.label,
                round.responses.len()
            )),
            // What moved, counted (names hidden) or named (names shown).
            Edit::RerateTo { year } => crate::model::pay::rerate(self.document.team(), year)
                .ok()
                .map(|(_, done)| done.summary(!self.workshop.hide_names)),
            Edit::AddPayYear {
                year,
                uplift,
                today,
            } => crate::model::pay::uplift(self.document.team(), year, uplift, today)
                .ok()
                .map(|(_, said)| format!("{said} (Ctrl+Z undoes this).")),
            Edit::AddPayYearFromTable {
                year,
                table,
                source,
                today,
            } => crate::model::pay::from_table(self.document.team(), year, table, source, today)
                .ok()
                .map(|(_, said)| format!("{said} (Ctrl+Z undoes this).")),
            Edit::AddFeedbackRound(round) => Some(format!(
                "Added the feedback round “{}”: {} responses to the {}. Its comments are in the team panel, What families said.",
                round.label,
                round.responses.len(),
                round.kind.label()
            )),
            Edit::PickQuote { quote, .. } => Some(format!(
                "“{}” will be quoted on the families' slide, as chosen by the manager.",
                crate::format::shorten(quote.trim(), 60)
            )),
            _ => None,
        };
        match self.document.apply(edit) {
            Ok(applied) => {
                if applied.changed {
                    self.status = what.map(StatusMessage::info);
                }
                if let Some(id) = applied.added {
                    self.editor.marks.selection.clear();
                    self.editor.marks.selection.insert(id);
                }
            }
            Err(refusal) => self.status = Some(StatusMessage::error(refusal.reason)),
        }
    }

    fn run_action(&mut self, action: Action, now: f64, ctx: &egui::Context) {
        match action {
            Action::NewEmpty => self.request(Then::NewEmpty),
            Action::NewSample(i) => self.request(Then::NewSample(i)),
            Action::Open => self.request(Then::ChooseAndOpen),
            Action::OpenRecent(i) => {
                if let Some(path) = self.prefs.recent.get(i).cloned() {
                    self.request(Then::Open(path));
                }
            }
            // In the Service view, Save is the portfolio's.
            Action::Save if self.presents_service() => {
                self.save_service();
            }
            Action::Save => self.save_or_ask(None),
            Action::SaveAs => self.start_dialog(Purpose::SaveAs, None),
            Action::ImportCsv => self.start_dialog(Purpose::ImportCsv, None),
            Action::ImportPerceptions => self.start_dialog(Purpose::ImportPerceptions, None),
            Action::ImportFeedback => self.start_dialog(Purpose::ImportFeedback, None),
            Action::ImportPayTable => self.start_dialog(Purpose::ImportPayTable, None),
            Action::ExportCsv => self.start_dialog(Purpose::ExportCsv, None),
            Action::ExportWorkbook => self.start_dialog(Purpose::ExportWorkbook, None),
            Action::ExportHandoutPdf => self.start_dialog(Purpose::ExportHandoutPdf, None),
            Action::ExportPicture => self.start_dialog(Purpose::ExportPicture, None),
            Action::ExportSlides => self.start_dialog(Purpose::ExportSlides, None),
            Action::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Action::Undo => match self.service.as_mut() {
                Some(service) if self.editor.view == MainView::Service => service.undo(),
                _ => {
                    self.document.undo();
                }
            },
            Action::Redo => match self.service.as_mut() {
                Some(service) if self.editor.view == MainView::Service => service.redo(),
                _ => {
                    self.document.redo();
                }
            },
            Action::AddMember => {
                let map = &self.editor.map;
                let at = map.pointer_world.unwrap_or_else(|| map.centre_world());
                let before = self.document.team().members.len();
                self.apply(Edit::AddMember { at });
                // The new member is selected: its name is ready to type.
                if self.document.team().members.len() > before {
                    self.editor.inspector.focus_name = true;
                }
            }
            Action::DeleteSelection => {
                let ids = self.editor.marks.selection.iter().copied().collect();
                self.apply(Edit::DeleteMembers(ids));
            }
            Action::SelectAll => {
                self.editor.marks.selection =
                    self.document.team().members.iter().map(|m| m.id).collect();
            }
            Action::RenameSelected => self.editor.inspector.focus_name = true,
            Action::FitView => self.editor.map.fit(),
            Action::Tidy => {
                let moves = crate::model::placement::tidy_positions(self.document.team());
                self.apply(Edit::MoveMembers(moves));
                self.editor.view = MainView::Map;
                self.editor
                    .map
                    .set_layout(crate::analysis::layout::Layout::Free, now);
                self.editor.map.fit();
            }
            Action::LayoutFree | Action::LayoutRings | Action::LayoutLadder => {
                self.editor.view = MainView::Map;
                if let Some(layout) = action.layout() {
                    self.editor.map.set_layout(layout, now);
                }
            }
            Action::ShowTable => self.editor.view = MainView::Table,
            Action::ShowCharts => {
                if !matches!(self.editor.view, MainView::Charts(_)) {
                    self.editor.view = MainView::Charts(ChartId::default());
                }
            }
            Action::ClearHighlight => self.editor.marks.highlight.clear(),
            Action::Present => self.start_presenting(true),
            Action::HideNames => self.workshop.hide_names = !self.workshop.hide_names,
            Action::ChooseSlides => self.editor.show_slide_chooser = true,
            Action::RunPerceptionRound => self.start_perception_round(ctx),
            Action::DarkTheme => {
                ctx.set_theme(if ctx.theme() == egui::Theme::Dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                });
            }
            Action::ShowShortcuts => self.editor.show_shortcuts = true,
            Action::ShowProblems => self.editor.show_problems = true,
            Action::SaveSnapshot => self.start_save_snapshot(),
            Action::ShowSnapshots => self.compare.show_list = true,
            Action::ShowCompare => self.editor.view = MainView::Compare,
        }
    }
}
