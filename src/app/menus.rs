//! The menu bar, the toolbar, the status bar and the small windows they open. Every item is
//! an [`Action`]: drawing one queues it, and `commands.rs` runs it.

use egui::{Button, RichText};

use super::{MainView, TeamscapeApp, APP_NAME};
use crate::analysis::layout::Layout;
use crate::command::Action;
use crate::document::Edit;
use crate::model::SlideId;

impl TeamscapeApp {
    /// A menu entry for an action: its label, first shortcut, tooltip and enabled state.
    fn menu_item(&mut self, ui: &mut egui::Ui, action: Action) {
        self.menu_item_labelled(ui, action, action.label());
    }

    fn menu_item_labelled(&mut self, ui: &mut egui::Ui, action: Action, label: &str) {
        let state = self.action_state();
        let mut button = Button::new(label);
        if let Some(shortcut) = action.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
        }
        if ui
            .add_enabled(action.enabled(&state), button)
            .on_hover_text(action.tooltip())
            .on_disabled_hover_text(action.disabled_reason())
            .clicked()
        {
            self.actions.push(action);
            ui.close();
        }
    }

    /// A tick box for an on/off action (Hide names, Dark theme).
    fn menu_toggle(&mut self, ui: &mut egui::Ui, action: Action, on: bool) {
        let mut tick = on;
        if ui
            .checkbox(&mut tick, action.label())
            .on_hover_text(action.tooltip())
            .changed()
        {
            self.actions.push(action);
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu(ui));
            ui.menu_button("Edit", |ui| {
                for action in [Action::Undo, Action::Redo] {
                    self.menu_item(ui, action);
                }
                ui.separator();
                for action in [
                    Action::AddMember,
                    Action::RenameSelected,
                    Action::DeleteSelection,
                    Action::SelectAll,
                ] {
                    self.menu_item(ui, action);
                }
                ui.separator();
                self.menu_item(ui, Action::SaveSnapshot);
                self.menu_item(ui, Action::ShowSnapshots);
            });
            ui.menu_button("View", |ui| {
                for action in [
                    Action::LayoutFree,
                    Action::LayoutRings,
                    Action::LayoutLadder,
                    Action::ShowCharts,
                    Action::ShowTable,
                    Action::ShowCompare,
                ] {
                    self.menu_item(ui, action);
                }
                ui.separator();
                self.menu_item(ui, Action::FitView);
                self.menu_item(ui, Action::Tidy);
                ui.separator();
                self.menu_item(ui, Action::Present);
                self.menu_item(ui, Action::ChooseSlides);
                self.menu_item(ui, Action::RunPerceptionRound);
                self.menu_item(ui, Action::ShowProblems);
                self.menu_toggle(ui, Action::HideNames, self.workshop.hide_names);
                self.group_by_menu(ui);
                ui.separator();
                let dark = ui.visuals().dark_mode;
                self.menu_toggle(ui, Action::DarkTheme, dark);
            });
            ui.menu_button("Help", |ui| {
                self.menu_item(ui, Action::ShowShortcuts);
                ui.label(format!("{APP_NAME} {}", env!("CARGO_PKG_VERSION")));
            });
        });
    }

    /// With names hidden, the room sees each discipline that meets the minimum group and
    /// the rest by professional family; or families throughout, chosen here. It changes
    /// what the room sees, not the team.
    fn group_by_menu(&mut self, ui: &mut egui::Ui) {
        use crate::model::families::GroupBy;
        ui.menu_button("Group by (names hidden)", |ui| {
            for g in GroupBy::ALL {
                if ui
                    .radio(self.workshop.group_by == g, g.label())
                    .on_hover_text(match g {
                        GroupBy::Discipline => "Each discipline with enough people on its own; the rest of each professional family together; then “Other disciplines”",
                        GroupBy::Family => "Professional families throughout: medicine and psychology, nursing and therapies, social work, education and youth work…",
                    })
                    .clicked()
                {
                    self.workshop.group_by = g;
                    self.workshop.hidden = None;
                    self.compare.viewing_analysis = None;
                    ui.close();
                }
            }
        });
    }

    fn file_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("New", |ui| {
            self.menu_item(ui, Action::NewEmpty);
            ui.separator();
            for (i, (name, _)) in crate::samples::SAMPLES.iter().enumerate() {
                self.menu_item_labelled(ui, Action::NewSample(i), &format!("Copy of {name}"));
            }
        });
        self.menu_item(ui, Action::Open);
        ui.menu_button("Open Recent", |ui| {
            if self.prefs.recent.is_empty() {
                ui.weak("No recent files yet");
            }
            for (i, path) in self.prefs.recent.clone().iter().enumerate() {
                self.menu_item_labelled(ui, Action::OpenRecent(i), &path.display().to_string());
            }
        });
        ui.separator();
        self.menu_item(ui, Action::Save);
        self.menu_item(ui, Action::SaveAs);
        ui.separator();
        self.menu_item(ui, Action::ImportCsv);
        self.menu_item(ui, Action::ImportPerceptions);
        self.menu_item(ui, Action::ImportFeedback);
        self.menu_item(ui, Action::ImportPayTable);
        self.menu_item(ui, Action::ExportWorkbook);
        self.menu_item(ui, Action::ExportCsv);
        ui.menu_button("Export for a workshop", |ui| {
            ui.weak(if self.workshop.hide_names {
                "Names hidden"
            } else {
                "Names shown: View › Hide names hides them"
            });
            self.menu_item(ui, Action::ExportPicture);
            self.menu_item(ui, Action::ExportSlides);
            self.menu_item(ui, Action::ExportHandoutPdf);
        });
        ui.menu_button("Samples", |ui| {
            for (i, (name, _)) in crate::samples::SAMPLES.iter().enumerate() {
                self.menu_item_labelled(ui, Action::NewSample(i), name);
            }
        });
        ui.separator();
        self.menu_item(ui, Action::Quit);
    }

    pub(super) fn toolbar(&mut self, ui: &mut egui::Ui) {
        // Wrapped, so a narrow window moves buttons to a second row instead of cutting them off.
        ui.horizontal_wrapped(|ui| {
            // A long team name is cut short (whole on hover, and in the Team panel), so the
            // buttons keep to one row in a window of 1440 points.
            let name = &self.document.team().name;
            ui.scope(|ui| {
                ui.set_max_width(240.0);
                ui.add(egui::Label::new(RichText::new(name).strong()).truncate())
                    .on_hover_text(name);
            });
            ui.separator();
            if let Some(service) = &self.service {
                if ui
                    .selectable_label(self.editor.view == MainView::Service, "Service")
                    .on_hover_text(format!(
                        "Every team of “{}” on one map, and the tables behind it",
                        service.portfolio().name
                    ))
                    .clicked()
                {
                    self.editor.view = MainView::Service;
                }
                // The team in the editor came from the portfolio: its changes can go back.
                if let Some(name) = service
                    .taken_name()
                    .filter(|_| self.editor.view != MainView::Service)
                {
                    let hover = format!(
                        "Put “{name}” back into the service as it is now, in place of the team as it was (save the service to keep it)"
                    );
                    if ui
                        // Short, so the toolbar keeps to one row at 1440 points.
                        .add_enabled(self.can_put_back(), egui::Button::new("Put back"))
                        .on_hover_text(hover)
                        .on_disabled_hover_text("No changes to put back: edit the team first")
                        .clicked()
                    {
                        self.put_back_team();
                    }
                }
                ui.separator();
            }
            ui.label("Map:");
            for action in [
                Action::LayoutFree,
                Action::LayoutRings,
                Action::LayoutLadder,
            ] {
                let layout = action.layout();
                let selected =
                    self.editor.view == MainView::Map && layout == Some(self.editor.map.layout);
                let text = match layout {
                    Some(Layout::Free) => "Free",
                    Some(Layout::Rings) => "Core and periphery",
                    _ => "Conditions ladder",
                };
                if ui
                    .selectable_label(selected, text)
                    .on_hover_text(action.tooltip())
                    .clicked()
                {
                    self.actions.push(action);
                }
            }
            ui.separator();
            let charts = matches!(self.editor.view, MainView::Charts(_));
            if ui
                .selectable_label(charts, Action::ShowCharts.label())
                .on_hover_text(Action::ShowCharts.tooltip())
                .clicked()
            {
                self.actions.push(Action::ShowCharts);
            }
            if ui
                .selectable_label(
                    self.editor.view == MainView::Table,
                    Action::ShowTable.label(),
                )
                .on_hover_text(Action::ShowTable.tooltip())
                .clicked()
            {
                self.actions.push(Action::ShowTable);
            }
            if ui
                .selectable_label(
                    self.editor.view == MainView::Compare,
                    Action::ShowCompare.label(),
                )
                .on_hover_text(Action::ShowCompare.tooltip())
                .clicked()
            {
                self.actions.push(Action::ShowCompare);
            }
            if !self.editor.marks.highlight.is_empty() {
                ui.separator();
                let n = self.editor.marks.highlight.len();
                if ui
                    .button(format!("Clear highlight ({n})"))
                    .on_hover_text(Action::ClearHighlight.tooltip())
                    .clicked()
                {
                    self.actions.push(Action::ClearHighlight);
                }
            }
            ui.separator();
            if ui
                .button(Action::Present.label())
                .on_hover_text(Action::Present.tooltip())
                .clicked()
            {
                self.actions.push(Action::Present);
            }
            let mut hide = self.workshop.hide_names;
            if ui
                .toggle_value(&mut hide, Action::HideNames.label())
                .on_hover_text(Action::HideNames.tooltip())
                .clicked()
            {
                self.actions.push(Action::HideNames);
            }
            // The editing buttons act on the team in the editor, which the Service view does
            // not show.
            if self.editor.view == MainView::Service {
                return;
            }
            ui.separator();
            let state = self.action_state();
            for action in [
                Action::FitView,
                Action::Tidy,
                Action::AddMember,
                Action::Undo,
                Action::Redo,
            ] {
                if ui
                    .add_enabled(action.enabled(&state), Button::new(action.label()))
                    .on_hover_text(action.tooltip())
                    .clicked()
                {
                    self.actions.push(action);
                }
            }
        });
    }

    pub(super) fn status_bar(&mut self, ui: &mut egui::Ui) {
        let (core, edge) = {
            let a = self.analysis();
            (
                a.core_periphery.core.headcount,
                a.core_periphery.peripheral.headcount,
            )
        };
        let team = self.document.team();
        let service = self
            .service
            .as_ref()
            .filter(|_| self.editor.view == MainView::Service);
        ui.horizontal(|ui| {
            if let Some(s) = service {
                // The Service view's own counts, not the team in the editor's.
                let fte: f64 = s.figures.teams.iter().map(|t| t.team_fte).sum();
                ui.label(crate::format::count(s.figures.people.count, "person", "people"));
                ui.separator();
                ui.label(crate::format::count(s.figures.teams.len(), "team", "teams"));
                ui.separator();
                ui.label(format!("{fte:.1} FTE in teams"));
                ui.separator();
                ui.label(super::files::file_name(s.path()));
                ui.separator();
                ui.label(format!("in the editor: {}", team.name));
            } else {
                ui.label(format!("{} members", team.members.len()));
                ui.separator();
                ui.label(format!("team FTE {:.1}", team.team_fte()));
                ui.separator();
                ui.label(format!("{core} core · {edge} peripheral"));
                ui.separator();
                ui.label(self.document.source_name());
            }
            if self.document.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "unsaved changes");
            }
            let problems = self.document.problems().len();
            if problems > 0 {
                ui.separator();
                if ui
                    .button(
                        egui::RichText::new(format!(
                            "{} to fix",
                            crate::format::count(problems, "problem", "problems")
                        ))
                        .color(ui.visuals().error_fg_color),
                    )
                    .on_hover_text(Action::ShowProblems.tooltip())
                    .clicked()
                {
                    self.actions.push(Action::ShowProblems);
                }
            }
            if let Some(message) = &self.status {
                ui.separator();
                let colour = if message.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                // Cut short where the bar ends, whole on hover.
                ui.add(
                    egui::Label::new(egui::RichText::new(&message.text).color(colour)).truncate(),
                )
                .on_hover_text(&message.text);
            }
            // The hint only where it fits; on a small screen the figures matter more.
            if ui.available_width() > 760.0 {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak("Drag background to pan · wheel to zoom · Shift-drag to select several · drag a selected member's handle to their manager");
                });
            }
        });
    }

    /// The rules the team breaks, each a link to the member (or the team panel) to fix.
    pub(super) fn problems_window(&mut self, ctx: &egui::Context) {
        if !self.editor.show_problems || self.document.problems().is_empty() {
            return;
        }
        let mut open = true;
        let mut go_to = None;
        let problems = self.document.problems();
        // Low on the map, clear of the menus, the team panel's fields and the inspector.
        let corner = egui::pos2(280.0, (ctx.content_rect().height() - 260.0).max(80.0));
        egui::Window::new("Problems to fix")
            .open(&mut open)
            .default_width(420.0)
            .default_pos(corner)
            .show(ctx, |ui| {
                ui.label(format!(
                    "This team breaks {}. Everything else works; saving waits until they are fixed. Click one to go to it.",
                    crate::format::count(problems.len(), "rule", "rules")
                ));
                ui.separator();
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    for p in problems {
                        let text = format!("{}, {}: {}", p.place, p.field, p.message);
                        if ui.link(text).clicked() {
                            go_to = Some(p.member);
                        }
                    }
                });
            });
        match go_to {
            Some(Some(member)) if !self.workshop.hide_names => {
                self.editor.view = MainView::Map;
                self.editor.marks.selection.clear();
                self.editor.marks.selection.insert(member);
            }
            // Team settings, disciplines and agencies are edited in the team panel.
            Some(_) => self.editor.view = MainView::Map,
            None => {}
        }
        self.editor.show_problems = open;
    }

    pub(super) fn shortcuts_window(&mut self, ctx: &egui::Context) {
        let mut open = self.editor.show_shortcuts;
        egui::Window::new("Keyboard and mouse")
            .open(&mut open)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for action in Action::all() {
                        if action.shortcuts().is_empty() {
                            continue;
                        }
                        ui.label(action.label());
                        let keys: Vec<String> = action
                            .shortcuts()
                            .iter()
                            .map(|s| ctx.format_shortcut(s))
                            .collect();
                        ui.label(keys.join("  or  "));
                        ui.end_row();
                    }
                    for (what, how) in [
                        ("Add a member", "double-click empty map"),
                        ("Select several", "Shift-click, or Shift-drag a box"),
                        ("Pan", "drag the background"),
                        ("Zoom", "scroll wheel or pinch"),
                        (
                            "Set a line manager",
                            "select a member, drag its small handle onto the manager",
                        ),
                        (
                            "Keep what you typed",
                            "Enter, or click elsewhere; Escape puts the old value back",
                        ),
                    ] {
                        ui.label(what);
                        ui.label(how);
                        ui.end_row();
                    }
                });
            });
        self.editor.show_shortcuts = open;
    }

    /// Which slides Present shows and in what order. Each change is one undoable edit of the
    /// team file.
    pub(super) fn slide_chooser(&mut self, ctx: &egui::Context) {
        if !self.editor.show_slide_chooser {
            return;
        }
        let mut open = true;
        let chosen = self.slides();
        let mut next: Option<Vec<SlideId>> = None;
        let mut prompt_edits: Vec<Edit> = Vec::new();
        egui::Window::new("Workshop slides")
            .open(&mut open)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label("Ticked slides are shown, top to bottom. Saved with the team.");
                ui.add_space(4.0);
                let unchosen = SlideId::all().into_iter().filter(|s| !chosen.contains(s));
                let rows: Vec<(SlideId, bool)> = chosen
                    .iter()
                    .map(|s| (*s, true))
                    .chain(unchosen.map(|s| (s, false)))
                    .collect();
                egui::Grid::new("slides").striped(true).show(ui, |ui| {
                    for (k, (slide, shown)) in rows.iter().enumerate() {
                        let mut tick = *shown;
                        if ui.checkbox(&mut tick, slide.label()).changed() {
                            let mut list = chosen.clone();
                            if tick {
                                list.push(*slide);
                            } else {
                                list.retain(|s| s != slide);
                            }
                            next = Some(list);
                        }
                        if *shown {
                            for (label, later) in [("Up", false), ("Down", true)] {
                                let possible = if later { k + 1 < chosen.len() } else { k > 0 };
                                let when = if later { "later" } else { "earlier" };
                                if ui
                                    .add_enabled(possible, Button::new(label).small())
                                    .on_hover_text(format!("Show “{}” {when}", slide.label()))
                                    .clicked()
                                {
                                    let mut list = chosen.clone();
                                    list.swap(k, if later { k + 1 } else { k - 1 });
                                    next = Some(list);
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
                ui.add_space(4.0);
                if ui.button("Back to every slide").clicked() {
                    next = Some(SlideId::all());
                }
                ui.separator();
                ui.strong("Discussion questions");
                ui.weak("Each slide asks the room a question drawn from the research. Edit it for your team; empty it to go back to the default.");
                egui::ScrollArea::vertical()
                    .max_height(260.0)
                    .show(ui, |ui| {
                        let team = self.document.team();
                        for slide in &chosen {
                            let l = ui.label(format!("Question for “{}”", slide.label()));
                            let f = crate::ui::field::multiline(
                                ui,
                                crate::ui::field::Target::Prompt(*slide),
                                crate::analysis::slides::prompt(team, *slide),
                                2,
                                |text| {
                                    let max = crate::model::validate::MAX_PROMPT_CHARS;
                                    if text.chars().count() > max {
                                        Err(format!("At most {max} characters."))
                                    } else {
                                        Ok(())
                                    }
                                },
                            );
                            f.response.labelled_by(l.id);
                            if let Some(text) = f.commit {
                                prompt_edits.push(Edit::SetPrompt {
                                    slide: *slide,
                                    prompt: text,
                                });
                            }
                        }
                    });
            });
        if let Some(list) = next {
            self.edits.push(Edit::SetSlides(list));
        }
        self.edits.extend(prompt_edits);
        self.editor.show_slide_chooser = open;
    }
}
