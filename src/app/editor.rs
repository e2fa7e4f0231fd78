//! The editor: its view state (which view, the map's camera, who is selected, the inspector,
//! the windows that are open) and the panels it draws around the map or the charts.

use egui::Panel;

use super::{workshop, StatusMessage, TeamscapeApp};
use crate::analysis::Analysis;
use crate::model::Team;
use crate::ui::charts::{self, ChartClick, ChartId};
use crate::ui::map::{MapView, Marks};
use crate::ui::{inspector, team_panel};

/// What the centre of the window shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MainView {
    Map,
    Charts(ChartId),
    /// Every member in a row (`ui::table`).
    Table,
    /// Two versions side by side (`app::compare`).
    Compare,
    /// A snapshot, read-only.
    Snapshot,
    /// The open portfolio's teams on one map, and the tables behind it (`app::service`).
    Service,
}

#[allow(clippy::struct_excessive_bools)] // which windows are open, each read by name
pub struct Editor {
    pub map: MapView,
    /// Who is selected (what edits act on) and highlighted; the map and table read it.
    pub marks: Marks,
    pub view: MainView,
    pub(super) inspector: inspector::InspectorState,
    pub(super) team_panel: team_panel::TeamPanelState,
    pub(super) table: crate::ui::table::TableState,
    pub(super) show_shortcuts: bool,
    pub(super) show_slide_chooser: bool,
    /// The list of rules the team breaks (open by itself when such a team is opened).
    pub(super) show_problems: bool,
    /// A text field had the keyboard at the end of the last frame.
    pub(super) was_typing: bool,
    /// The widget that had the keyboard at the end of the last frame.
    pub(super) last_focus: Option<egui::Id>,
}

impl Default for Editor {
    fn default() -> Self {
        Self {
            map: MapView::default(),
            marks: Marks::default(),
            view: MainView::Map,
            inspector: inspector::InspectorState {
                today: crate::format::today_iso(),
                ..inspector::InspectorState::default()
            },
            team_panel: team_panel::TeamPanelState::default(),
            table: crate::ui::table::TableState::default(),
            show_shortcuts: false,
            show_slide_chooser: false,
            show_problems: false,
            was_typing: false,
            last_focus: None,
        }
    }
}

impl TeamscapeApp {
    /// The editor: menus, toolbar, team panel, inspector, and the map or the charts.
    pub(super) fn editor_ui(&mut self, ui: &mut egui::Ui) {
        Panel::top("menu").show(ui, |ui| {
            self.menu_bar(ui);
            self.toolbar(ui);
        });
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        // The charts need the width; the team panel is for drawing the team.
        if self.editor.view == MainView::Map {
            Panel::left("team")
                .default_size(250.0)
                .size_range(200.0..=340.0)
                .resizable(true)
                .show(ui, |ui| {
                    team_panel::show(
                        ui,
                        (self.document.team(), &self.editor.inspector.today),
                        self.workshop.hide_names,
                        &mut self.editor.team_panel,
                        &mut self.edits,
                    );
                });
            if std::mem::take(&mut self.editor.team_panel.wants_table) {
                self.actions.push(crate::command::Action::ImportPayTable);
            }
            if let Some(year) = self.editor.team_panel.wants_keep.take() {
                self.keep_pay_year(&year);
            }
        }
        // A fixed width: a panel that grew with its contents would shift the map under the
        // pointer every time the selection changed.
        let hide = self.workshop.hide_names;
        let editing = !matches!(
            self.editor.view,
            MainView::Compare | MainView::Snapshot | MainView::Service
        );
        if editing {
            Panel::right("inspector").exact_size(330.0).show(ui, |ui| {
                ui.set_min_width(ui.available_width());
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if hide {
                            if names_hidden_notice(ui) {
                                self.actions.push(crate::command::Action::HideNames);
                            }
                        } else {
                            inspector::show(
                                ui,
                                self.document.team(),
                                self.document.index(),
                                &self.editor.marks.selection,
                                &mut self.editor.inspector,
                                &mut self.edits,
                            );
                        }
                    });
            });
        }
        self.analysis();
        if hide {
            self.refresh_hidden();
        }
        let revision = self.document.revision();
        if !editing {
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| match self.editor.view {
                    MainView::Compare => self.compare_view(ui),
                    MainView::Service => self.service_view(ui),
                    _ => self.snapshot_view(ui),
                });
            return;
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let Some((team, analysis)) = workshop::shown(
                    self.document.team(),
                    self.analysis.as_ref(),
                    self.workshop.hidden.as_ref(),
                    hide,
                ) else {
                    return;
                };
                match self.editor.view {
                    // With names hidden the ladder shows one mark per discipline, never a
                    // person at their own height.
                    MainView::Map
                        if self.editor.map.layout == crate::analysis::layout::Layout::Ladder
                            && analysis.min_group().is_some() =>
                    {
                        ui.add_space(6.0);
                        crate::ui::charts::ladder_marks(ui, team, analysis);
                    }
                    MainView::Map => {
                        let marks = &mut self.editor.marks;
                        self.editor
                            .map
                            .show(ui, team, analysis, revision, marks, &mut self.edits);
                    }
                    MainView::Table if hide => {
                        egui::Frame::NONE
                            .fill(ui.visuals().panel_fill)
                            .inner_margin(12.0)
                            .show(ui, |ui| {
                                ui.set_min_size(ui.available_size());
                                ui.heading("Names are hidden");
                                ui.label("The table lists every member by name, so it waits while names are hidden. The map and the charts show the team as the room may see it.");
                            });
                    }
                    MainView::Table => {
                        let out = egui::Frame::NONE
                            .fill(ui.visuals().panel_fill)
                            .inner_margin(8.0)
                            .show(ui, |ui| {
                                ui.set_min_size(ui.available_size());
                                crate::ui::table::show(
                                    ui,
                                    self.document.team(),
                                    self.document.index(),
                                    &self.editor.marks.selection,
                                    &mut self.editor.table,
                                    &mut self.edits,
                                )
                            })
                            .inner;
                        self.table_output(ui.ctx(), &out);
                    }
                    // Drawn above, before the editor's panels.
                    MainView::Compare | MainView::Snapshot | MainView::Service => {}
                    MainView::Charts(chart) => {
                        let (picked, click) = charts_view(ui, chart, team, analysis);
                        self.editor.view = MainView::Charts(picked);
                        if let Some(ChartClick::Highlight(members)) = click {
                            let n = members.len();
                            self.editor.marks.highlight = members.into_iter().collect();
                            self.status = Some(StatusMessage::info(format!(
                                "{n} members highlighted on the map (1, 2 or 3 shows it; Esc clears)"
                            )));
                        }
                    }
                }
            });
    }
}

impl TeamscapeApp {
    /// What the table asked for besides edits: a selection, a new row, deleting rows, and
    /// rows pasted from a spreadsheet (when no field has the keyboard: a field takes its
    /// own paste).
    fn table_output(&mut self, ctx: &egui::Context, out: &crate::ui::table::TableOutput) {
        if let Some((id, additive)) = out.select {
            let selection = &mut self.editor.marks.selection;
            if !additive {
                selection.clear();
                selection.insert(id);
            } else if !selection.remove(&id) {
                selection.insert(id);
            }
        }
        if out.add {
            self.actions.push(crate::command::Action::AddMember);
        }
        if out.delete {
            self.actions.push(crate::command::Action::DeleteSelection);
        }
        if ctx.memory(|m| m.focused().is_none()) {
            let pasted: Vec<String> = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Paste(text) => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            });
            for text in pasted {
                self.paste_members(&text);
            }
        }
    }
}

/// In place of the inspector while names are hidden: editing shows names, so it waits.
/// Returns whether "Show names" was clicked.
fn names_hidden_notice(ui: &mut egui::Ui) -> bool {
    ui.heading("Names are hidden");
    ui.label("Members appear by job title, or as “Member N” where titles repeat. Workshop-safe mode is on: no figure is shown for a group smaller than the team's minimum, nor any that would give one person's pay, leave, training, autonomy or conditions away.");
    ui.add_space(6.0);
    ui.label("Editing a member would show their name, so the inspector is closed meanwhile.");
    ui.add_space(6.0);
    ui.button("Show names").clicked()
}

/// The charts view: chart tabs across the top, findings on the right, the chart in the rest.
pub(super) fn charts_view(
    ui: &mut egui::Ui,
    chart: ChartId,
    team: &Team,
    analysis: &Analysis,
) -> (ChartId, Option<ChartClick>) {
    let mut picked = chart;
    let mut click = None;
    // The charts view paints its own background (the map does too).
    egui::Frame::NONE
        .fill(ui.visuals().panel_fill)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.set_min_size(ui.available_size());
            // Three rows: what the data says about conditions, and what the rounds say about
            // how the professions see each other and how they work together.
            for (row, heading) in [
                "Conditions:",
                "How we see each other:",
                "How we work together:",
            ]
            .into_iter()
            .enumerate()
            {
                ui.horizontal_wrapped(|ui| {
                    ui.label(egui::RichText::new(heading).weak());
                    for c in ChartId::all().filter(|c| c.row() == row) {
                        if ui.selectable_label(c == chart, c.label()).clicked() {
                            picked = c;
                        }
                    }
                });
            }
            ui.separator();
            Panel::right("findings").exact_size(270.0).show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        click = charts::findings_list(ui, &analysis.findings);
                    });
            });
            egui::CentralPanel::default()
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    if let Some(c) = charts::show_chart(ui, picked, team, analysis) {
                        click = Some(c);
                    }
                });
        });
    (picked, click)
}
