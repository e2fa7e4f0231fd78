//! Snapshots and comparisons in the window: saving a snapshot under a label, the list of
//! snapshots (look at one read-only, compare it with now, restore it, delete it), and the
//! Compare view of any two versions: now, a snapshot, or another team file.

use std::path::PathBuf;

use egui::RichText;

use super::{MainView, StatusMessage, TeamscapeApp};
use crate::analysis::compare::{Comparison, Ids};
use crate::analysis::layout::Layout;
use crate::analysis::{analyse, analyse_workshop_safe, Analysis};
use crate::document::Edit;
use crate::model::families::GroupBy;
use crate::model::presentation::{display_labels, regrouped};
use crate::model::Team;
use crate::ui::charts::ChartId;
use crate::ui::compare::Tab;
use crate::ui::map::{MapView, Marks};

/// One side of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Version {
    /// The team as it is in the editor.
    Now,
    /// A snapshot of this team, by label.
    Snapshot(String),
    /// The other team file opened for comparing (`CompareState::other`).
    OtherFile,
}

/// A team file opened only to compare with: never edited, never saved.
pub struct OtherFile {
    pub path: PathBuf,
    pub team: Team,
    /// A team file (.ron) keeps its member ids; a spreadsheet's are numbered as it is read.
    pub keeps_ids: bool,
    /// With names hidden: the file regrouped as the room sees it, for the minimum group and
    /// grouping it was made for (see `TeamscapeApp::refresh_rooms`).
    pub room: Option<((u64, usize, GroupBy), Team)>,
}

/// What the snapshot being looked at shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotView {
    Map(Layout),
    Charts(ChartId),
}

#[derive(Default)]
pub struct CompareState {
    pub before: Option<Version>,
    pub after: Option<Version>,
    pub tab: Tab,
    pub other: Option<OtherFile>,
    /// Bumped when another file is opened, so a cached comparison is not reused.
    other_generation: u64,
    cache: Option<(CacheKey, Comparison)>,
    /// With names hidden: the team (and its snapshots) regrouped as the room sees it, for the
    /// revision, minimum group and grouping it was made for.
    room: Option<((u64, usize, GroupBy), Team)>,
    /// The label typed into "Save snapshot", while that question is open.
    pub save_label: Option<String>,
    pub show_list: bool,
    /// The snapshot open read-only, by label.
    pub viewing: Option<String>,
    viewing_view: Option<SnapshotView>,
    viewing_map: Option<MapView>,
    pub(super) viewing_analysis: Option<(ViewKey, Team, Analysis)>,
}

type CacheKey = (u64, Version, Version, Option<usize>, GroupBy, u64);
type ViewKey = (String, Option<usize>, GroupBy, u64);

/// The default "before": the latest snapshot, or now.
fn default_before(team: &Team) -> Version {
    team.snapshots
        .last()
        .map_or(Version::Now, |s| Version::Snapshot(s.label.clone()))
}

impl TeamscapeApp {
    /// The team and title of a version, if it still exists (a snapshot may have been
    /// deleted, the other file closed). With names hidden, the team regrouped as the room sees
    /// it (a snapshot by the present team's groups, so the two line up), and nothing until
    /// that is made. Names stay: across files members are matched by name, and the
    /// comparison and its map name nobody.
    fn version_team<'a>(&'a self, v: &Version) -> Option<(String, &'a Team)> {
        let hide = self.workshop.hide_names;
        let room = self.compare.room.as_ref().map(|(_, t)| t);
        match v {
            Version::Now if hide => room.map(|t| ("Now".to_owned(), t)),
            Version::Now => Some(("Now".to_owned(), self.document.team())),
            Version::Snapshot(label) => {
                let team = self.document.team();
                let key = crate::model::snapshot::label_key(label);
                let index = team
                    .snapshots
                    .iter()
                    .position(|s| crate::model::snapshot::label_key(&s.label) == key)?;
                let s = &team.snapshots[index];
                if hide {
                    // By number: a label is free text that may name someone.
                    let shown = room?.snapshots.get(index)?;
                    Some((s.hidden_title(index), &*shown.team))
                } else {
                    Some((s.title(), &*s.team))
                }
            }
            Version::OtherFile => self.compare.other.as_ref().and_then(|o| {
                let title = o.path.file_name().map_or_else(
                    || o.path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                if hide {
                    o.room.as_ref().map(|(_, t)| (title, t))
                } else {
                    Some((title, &o.team))
                }
            }),
        }
    }

    /// With names hidden, make the versions the room sees: the team's (with its snapshots)
    /// and the other file's, each regrouped for the minimum group and the grouping chosen.
    fn refresh_rooms(&mut self) {
        let Some(min) = self.hidden_min() else {
            return;
        };
        let by = self.workshop.group_by;
        let key = (self.document.revision(), min, by);
        if self.compare.room.as_ref().is_none_or(|(k, _)| *k != key) {
            self.compare.room = Some((key, regrouped(self.document.team(), min, by)));
        }
        let key = (self.compare.other_generation, min, by);
        if let Some(o) = &mut self.compare.other {
            if o.room.as_ref().is_none_or(|(k, _)| *k != key) {
                o.room = Some((key, regrouped(&o.team, min, by)));
            }
        }
    }

    fn hidden_min(&self) -> Option<usize> {
        self.workshop.hide_names.then(|| {
            self.workshop
                .min_group
                .unwrap_or(self.document.team().min_group_size)
        })
    }

    /// The two versions being compared, made valid: a choice that no longer exists falls
    /// back to the latest snapshot and now.
    fn chosen_versions(&mut self) -> (Version, Version) {
        let team = self.document.team();
        let before = self
            .compare
            .before
            .clone()
            .filter(|v| self.version_team(v).is_some())
            .unwrap_or_else(|| default_before(team));
        let after = self
            .compare
            .after
            .clone()
            .filter(|v| self.version_team(v).is_some())
            .unwrap_or(Version::Now);
        self.compare.before = Some(before.clone());
        self.compare.after = Some(after.clone());
        (before, after)
    }

    /// The comparison of the chosen versions, recomputed only when one of them changed.
    fn comparison(&mut self) -> Option<&Comparison> {
        // First: without the room's versions, a hidden choice would look gone and be reset.
        self.refresh_rooms();
        let (before, after) = self.chosen_versions();
        let hidden = self.hidden_min();
        let key: CacheKey = (
            self.document.revision(),
            before.clone(),
            after.clone(),
            hidden,
            self.workshop.group_by,
            self.compare.other_generation,
        );
        if self.compare.cache.as_ref().is_none_or(|(k, _)| *k != key) {
            let (old_title, old) = self.version_team(&before)?;
            let (new_title, new) = self.version_team(&after)?;
            let ids = if before != Version::OtherFile && after != Version::OtherFile {
                Ids::Shared
            } else if self.compare.other.as_ref().is_some_and(|o| o.keeps_ids) {
                Ids::Check
            } else {
                Ids::Absent
            };
            let team = match hidden {
                Some(_) => &self.compare.room.as_ref()?.1,
                None => self.document.team(),
            };
            let seen: Vec<&Team> = std::iter::once(team)
                .chain(team.snapshots.iter().map(|s| &*s.team))
                .collect();
            let c = Comparison::of((&old_title, old), (&new_title, new), ids, hidden, &seen);
            self.compare.cache = Some((key, c));
        }
        self.compare.cache.as_ref().map(|(_, c)| c)
    }

    /// Compare a snapshot with now, in the Compare view.
    pub(super) fn compare_with_now(&mut self, label: &str) {
        self.compare.before = Some(Version::Snapshot(label.to_owned()));
        self.compare.after = Some(Version::Now);
        self.compare.viewing = None;
        self.editor.view = MainView::Compare;
    }

    /// A team file to compare with, opened read-only from the in-app or native dialog.
    pub(super) fn open_compare_file(&mut self, path: &std::path::Path) {
        match crate::model::io::open_team_from(path, None) {
            Ok(loaded) => {
                self.compare.other = Some(OtherFile {
                    path: path.to_path_buf(),
                    team: loaded.team,
                    keeps_ids: crate::model::io::read_kind(path)
                        == Some(crate::model::io::FileKind::Ron),
                    room: None,
                });
                self.compare.other_generation += 1;
                self.compare.before = Some(Version::OtherFile);
                self.compare.after = Some(Version::Now);
                self.editor.view = MainView::Compare;
                self.status = Some(StatusMessage::info(format!(
                    "Comparing {} (opened to compare only: it is not changed) with the team now",
                    super::files::file_name(path)
                )));
            }
            Err(e) => self.files.error = Some(e),
        }
    }

    /// The Compare view, filling `ui`.
    pub(super) fn compare_view(&mut self, ui: &mut egui::Ui) {
        self.refresh_rooms();
        egui::Frame::NONE
            .fill(ui.visuals().panel_fill)
            .inner_margin(10.0)
            .show(ui, |ui| {
                ui.set_min_size(ui.available_size());
                self.compare_choices(ui);
                ui.separator();
                let team = self.document.team();
                if team.snapshots.is_empty() && self.compare.other.is_none() {
                    ui.add_space(20.0);
                    ui.heading("Nothing to compare with yet");
                    ui.label("Save a snapshot before a restructure (Edit › Save snapshot…), then compare it with the team as it is later. Or compare with another team file.");
                    ui.add_space(8.0);
                    if ui.button("Save a snapshot of the team now…").clicked() {
                        self.actions.push(crate::command::Action::SaveSnapshot);
                    }
                    return;
                }
                let hide = self.workshop.hide_names;
                let tab = self.compare.tab;
                let (before, after) = self.chosen_versions();
                let labels = hide.then(|| {
                    self.version_team(&after)
                        .map(|(_, t)| display_labels(t))
                        .unwrap_or_default()
                });
                if self.comparison().is_none() {
                    return;
                }
                let (Some(c), Some((_, old)), Some((_, new))) = (
                    self.compare.cache.as_ref().map(|(_, c)| c),
                    self.version_team(&before),
                    self.version_team(&after),
                ) else {
                    return;
                };
                egui::Panel::right("compare_findings")
                    .exact_size(360.0)
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .auto_shrink([false, false])
                            .show(ui, |ui| {
                                ui.heading("What changed");
                                crate::ui::compare::findings(ui, c, 14.0);
                            });
                    });
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE)
                    .show(ui, |ui| match tab {
                        Tab::Changes => {
                            egui::ScrollArea::both()
                                .auto_shrink([false, false])
                                .show(ui, |ui| crate::ui::compare::changes(ui, c));
                        }
                        Tab::Map => crate::ui::compare::map(ui, c, old, new, labels.as_ref()),
                        Tab::Slopes => crate::ui::compare::slopes(
                            ui,
                            c,
                            (old, new),
                            &crate::analysis::compare::Measure::ALL,
                            4,
                            14.0,
                        ),
                    });
            });
    }

    fn compare_choices(&mut self, ui: &mut egui::Ui) {
        let (before, after) = self.chosen_versions();
        let mut options: Vec<(Version, String)> = vec![(Version::Now, "Now".to_owned())];
        for s in &self.document.team().snapshots {
            let v = Version::Snapshot(s.label.clone());
            if let Some((title, _)) = self.version_team(&v) {
                options.push((v, title));
            }
        }
        if let Some((title, _)) = self.version_team(&Version::OtherFile) {
            options.push((Version::OtherFile, format!("File: {title}")));
        }
        let name = |v: &Version| {
            options
                .iter()
                .find(|(o, _)| o == v)
                .map_or_else(String::new, |(_, t)| t.clone())
        };
        let mut picked_before = before.clone();
        let mut picked_after = after.clone();
        ui.horizontal_wrapped(|ui| {
            for (text, id, shown, picked) in [
                ("Before:", "compare_before", &before, &mut picked_before),
                ("After:", "compare_after", &after, &mut picked_after),
            ] {
                let l = ui.label(text);
                egui::ComboBox::from_id_salt(id)
                    .selected_text(name(shown))
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for (v, t) in &options {
                            ui.selectable_value(picked, v.clone(), t);
                        }
                    })
                    .response
                    .labelled_by(l.id);
            }
            if ui
                .button("Swap")
                .on_hover_text("Compare the other way round")
                .clicked()
            {
                std::mem::swap(&mut picked_before, &mut picked_after);
            }
            if ui
                .button("Compare with a file…")
                .on_hover_text("Open another team file (.ron, .csv, .xlsx) to compare with: it is read, never changed")
                .clicked()
            {
                self.start_dialog(crate::ui::file_dialog::Purpose::CompareWith, None);
            }
            ui.separator();
            for t in Tab::ALL {
                if ui.selectable_label(self.compare.tab == t, t.label()).clicked() {
                    self.compare.tab = t;
                }
            }
        });
        self.compare.before = Some(picked_before);
        self.compare.after = Some(picked_after);
    }

    /// Edit › Save snapshot…: a label (today's date by default), then one undo step.
    pub(super) fn save_snapshot_question(&mut self, ctx: &egui::Context) {
        let Some(label) = self.compare.save_label.as_mut() else {
            return;
        };
        let mut save = false;
        let mut cancel = false;
        egui::Modal::new(egui::Id::unique("save_snapshot")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Save a snapshot");
            ui.label("Keeps the team as it is now, under a label, in this team file: compare with it or go back to it later.");
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label("Label:");
                let r = ui.add(
                    egui::TextEdit::singleline(label)
                        .desired_width(320.0)
                        .hint_text("Before the merger"),
                );
                r.request_focus();
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    save = true;
                }
            });
            ui.label(
                RichText::new(format!(
                    "Dated {}. Save the file (Ctrl+S) to keep it on disk.",
                    crate::format::date_words(&crate::format::today_iso())
                ))
                .weak(),
            );
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Save snapshot").clicked() {
                    save = true;
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    cancel = true;
                }
            });
        });
        if save {
            let label = label.trim().to_owned();
            self.compare.save_label = None;
            self.edits.push(Edit::SaveSnapshot {
                label,
                taken: crate::format::today_iso(),
            });
        } else if cancel {
            self.compare.save_label = None;
        }
    }

    pub(super) fn start_save_snapshot(&mut self) {
        let base = format!(
            "Snapshot, {}",
            crate::format::date_words(&crate::format::today_iso())
        );
        self.compare.save_label = Some(self.document.team().free_snapshot_label(&base));
    }

    /// Edit › Snapshots…: each snapshot with what can be done with it.
    pub(super) fn snapshots_window(&mut self, ctx: &egui::Context) {
        if !self.compare.show_list {
            return;
        }
        let mut open = true;
        let mut chosen: Option<(String, &'static str)> = None;
        let mut involvement = None;
        let hide = self.workshop.hide_names;
        let snapshots = &self.document.team().snapshots;
        egui::Window::new("Snapshots")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                if snapshots.is_empty() {
                    ui.label("This team file keeps no snapshots. Edit › Save snapshot… makes one.");
                }
                egui::Grid::new("snapshot_list")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (i, s) in snapshots.iter().enumerate().rev() {
                            ui.vertical(|ui| {
                                // With names hidden, by number: a label may name someone.
                                let name = if hide {
                                    format!("Snapshot {}", i + 1)
                                } else {
                                    s.label.clone()
                                };
                                ui.label(RichText::new(name).strong());
                                ui.label(
                                    RichText::new(format!(
                                        "{} · {} · {:.1} FTE",
                                        crate::format::date_words(&s.taken),
                                        crate::format::count(s.team.members.len(), "member", "members"),
                                        s.team.team_fte()
                                    ))
                                    .weak(),
                                );
                                // The research's advice: service users at the centre of a
                                // change, not told of it afterwards.
                                let mut how = s.involvement;
                                egui::ComboBox::from_id_salt(("involvement", i))
                                    .selected_text(how.map_or("Service users: not recorded", crate::model::feedback::Involvement::label))
                                    .show_ui(ui, |ui| {
                                        ui.selectable_value(&mut how, None, "Not recorded");
                                        for x in crate::model::feedback::Involvement::ALL {
                                            ui.selectable_value(&mut how, Some(x), x.label());
                                        }
                                    })
                                    .response
                                    .on_hover_text("How children and families were involved in the change this snapshot marks: shown on the slides of change");
                                // The note is free text: kept from the room, so edited only
                                // with names shown.
                                let mut note = s.involvement_note.clone();
                                if !hide && s.involvement.is_some() {
                                    ui.add(
                                        egui::TextEdit::singleline(&mut note)
                                            .hint_text("how, in a sentence")
                                            .desired_width(220.0),
                                    )
                                    .on_hover_text("Shown on the slides of change with names shown");
                                }
                                if how != s.involvement || note != s.involvement_note {
                                    involvement = Some((s.label.clone(), how, note));
                                }
                            });
                            ui.horizontal(|ui| {
                                for (what, tip) in [
                                    ("Compare with now", "Side by side with the team as it is now"),
                                    ("Open read-only", "Look at the team as it was, on the map and the charts"),
                                    ("Restore", "Put the team back as it was (one undo step; every snapshot is kept)"),
                                    ("Delete", "Remove this snapshot from the file (Ctrl+Z brings it back)"),
                                ] {
                                    if ui.button(what).on_hover_text(tip).clicked() {
                                        chosen = Some((s.label.clone(), what));
                                    }
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
        self.compare.show_list = open;
        if let Some((snapshot, involvement, note)) = involvement {
            self.edits.push(Edit::SetInvolvement {
                snapshot,
                involvement,
                note,
            });
        }
        match chosen {
            Some((label, "Compare with now")) => self.compare_with_now(&label),
            Some((label, "Open read-only")) => self.view_snapshot(&label),
            Some((label, "Restore")) => self.restore_snapshot(&label),
            Some((label, "Delete")) => self.edits.push(Edit::DeleteSnapshot { label }),
            _ => {}
        }
    }

    pub(super) fn restore_snapshot(&mut self, label: &str) {
        self.edits.push(Edit::RestoreSnapshot {
            label: label.to_owned(),
        });
        self.compare.viewing = None;
        if self.editor.view == MainView::Snapshot {
            self.editor.view = MainView::Map;
        }
    }

    /// Look at a snapshot read-only: the map and charts of the team as it was.
    pub(super) fn view_snapshot(&mut self, label: &str) {
        self.compare.viewing = Some(label.to_owned());
        self.compare.viewing_map = Some(crate::ui::present::read_only_map());
        self.editor.view = MainView::Snapshot;
    }

    /// The snapshot open read-only, with a bar saying so and the way back.
    pub(super) fn snapshot_view(&mut self, ui: &mut egui::Ui) {
        let Some(label) = self.compare.viewing.clone() else {
            self.editor.view = MainView::Map;
            return;
        };
        let Some(snapshot) = self.document.team().snapshot(&label).cloned() else {
            self.compare.viewing = None;
            self.editor.view = MainView::Map;
            return;
        };
        let hidden = self.hidden_min();
        self.analyse_snapshot(&snapshot, hidden);
        let index = self
            .document
            .team()
            .snapshots
            .iter()
            .position(|s| s.label == snapshot.label)
            .unwrap_or(0);
        let name = if hidden.is_some() {
            format!("{}", index + 1)
        } else {
            format!("“{}”", snapshot.label)
        };
        let mut view = self
            .compare
            .viewing_view
            .unwrap_or(SnapshotView::Map(Layout::Free));
        // With names hidden, the snapshot's own figures (its charts, its ladder) set beside
        // today's could show what changed for one or two people: Compare shows what may be
        // set side by side, and the map shows who was where.
        if hidden.is_some() && !matches!(view, SnapshotView::Map(Layout::Free | Layout::Rings)) {
            view = SnapshotView::Map(Layout::Free);
        }
        let mut action: Option<&str> = None;
        egui::Frame::NONE
            .fill(ui.visuals().panel_fill)
            .inner_margin(8.0)
            .show(ui, |ui| {
                ui.set_min_size(ui.available_size());
                action = snapshot_banner(ui, &name, &snapshot.taken);
                snapshot_views(ui, hidden.is_some(), &mut view);
                self.show_snapshot(ui, &mut view, hidden.is_some());
            });
        self.compare.viewing_view = Some(view);
        match action {
            Some("Back to now") => {
                self.compare.viewing = None;
                self.editor.view = MainView::Map;
            }
            Some("Compare with now") => self.compare_with_now(&label),
            Some("Restore this snapshot") => self.restore_snapshot(&label),
            _ => {}
        }
    }

    /// The snapshot's team and analysis as the room may see them, kept until the snapshot,
    /// the hiding or the team changes.
    fn analyse_snapshot(&mut self, snapshot: &crate::model::Snapshot, hidden: Option<usize>) {
        let key: ViewKey = (
            snapshot.label.clone(),
            hidden,
            self.workshop.group_by,
            self.document.revision(),
        );
        if self
            .compare
            .viewing_analysis
            .as_ref()
            .is_some_and(|(k, _, _)| *k == key)
        {
            return;
        }
        let (team, analysis) = match hidden {
            Some(min) => {
                let t = crate::model::presentation::for_the_room(
                    &snapshot.team,
                    min,
                    self.workshop.group_by,
                );
                let a = analyse_workshop_safe(&t, min);
                (t, a)
            }
            None => ((*snapshot.team).clone(), analyse(&snapshot.team)),
        };
        self.compare.viewing_analysis = Some((key, team, analysis));
    }

    /// The snapshot in the chosen view: its map, rings or ladder, or its charts.
    fn show_snapshot(&mut self, ui: &mut egui::Ui, view: &mut SnapshotView, hidden: bool) {
        let Some((_, team, analysis)) = self.compare.viewing_analysis.as_ref() else {
            return;
        };
        match *view {
            SnapshotView::Map(Layout::Ladder) if hidden => {
                crate::ui::charts::ladder_marks(ui, team, analysis);
            }
            SnapshotView::Map(layout) => {
                let map = self
                    .compare
                    .viewing_map
                    .get_or_insert_with(crate::ui::present::read_only_map);
                map.layout = layout;
                let mut ignored = Vec::new();
                let revision = self.document.revision();
                map.show(
                    ui,
                    team,
                    analysis,
                    revision,
                    &mut Marks::default(),
                    &mut ignored,
                );
            }
            SnapshotView::Charts(chart) => {
                let (picked, _) = super::editor::charts_view(ui, chart, team, analysis);
                *view = SnapshotView::Charts(picked);
            }
        }
    }
}

/// The band over a snapshot: what it is, and the ways back. Returns the button clicked.
fn snapshot_banner(ui: &mut egui::Ui, name: &str, taken: &str) -> Option<&'static str> {
    let mut action = None;
    egui::Frame::NONE
        .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
        .inner_margin(8.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "The snapshot {name}, read-only: the team as it was on {}.",
                        crate::format::date_words(taken)
                    ))
                    .strong(),
                );
                for (what, tip) in [
                    ("Back to now", "Return to the team as it is now"),
                    (
                        "Compare with now",
                        "Side by side with the team as it is now",
                    ),
                    (
                        "Restore this snapshot",
                        "Put the team back as it was (one undo step)",
                    ),
                ] {
                    if ui.button(what).on_hover_text(tip).clicked() {
                        action = Some(what);
                    }
                }
            });
        });
    action
}

/// The views of a snapshot to choose from; with names `hidden`, the map and rings only.
fn snapshot_views(ui: &mut egui::Ui, hidden: bool, view: &mut SnapshotView) {
    ui.horizontal_wrapped(|ui| {
        let views: &[(SnapshotView, &str)] = if hidden {
            &[
                (SnapshotView::Map(Layout::Free), "Map"),
                (SnapshotView::Map(Layout::Rings), "Core and periphery"),
            ]
        } else {
            &[
                (SnapshotView::Map(Layout::Free), "Map"),
                (SnapshotView::Map(Layout::Rings), "Core and periphery"),
                (SnapshotView::Map(Layout::Ladder), "Conditions ladder"),
                (SnapshotView::Charts(ChartId::default()), "Charts"),
            ]
        };
        for &(v, text) in views {
            let on = match (*view, v) {
                (SnapshotView::Charts(_), SnapshotView::Charts(_)) => true,
                (a, b) => a == b,
            };
            if ui.selectable_label(on, text).clicked() && !on {
                *view = v;
            }
        }
        if hidden {
            ui.label(RichText::new("Names are hidden: a snapshot's charts and ladder wait, since set beside today's they could show what changed for one or two people. Compare sets side by side what may be.").weak());
        }
    });
}
