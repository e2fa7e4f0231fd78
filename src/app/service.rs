//! A portfolio in the window: the Service view of all its teams, and a team taken from it
//! into the editor. The editor's team can be saved as a team file of its own, or put back
//! into the portfolio; the Service view takes snapshots, undoes and saves the portfolio
//! (every change a `PortfolioEdit`, through `document::portfolio`). The command line adds
//! teams and imports sheets.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::workshop::ExportKind;
use super::{files, MainView, StatusMessage, TeamscapeApp, Then};
use crate::analysis::portfolio::{analyse, team_sums, ServiceFigures};
use crate::analysis::portfolio_compare::{compare, ServiceChanges};
use crate::analysis::service_map::{place, ServiceMap};
use crate::analysis::{analyse_workshop_safe_knowing, Analysis};
use crate::document::{Document, PortfolioDocument, PortfolioEdit, PortfolioRefusal};
use crate::model::families::GroupBy;
use crate::model::portfolio::Portfolio;
use crate::model::portfolio_team::{service_as_team, take, Answer, Question, ServiceAsTeam, Taken};
use crate::model::{MemberId, Team};
use crate::ui::file_dialog::Purpose;
use crate::ui::service::{Ask, Conditions, Service, ServiceStyle, ServiceViewState, Tab};

/// An open portfolio, with its figures and map worked out again whenever it changes.
pub struct ServiceState {
    /// The portfolio, and the only way to change it.
    doc: PortfolioDocument,
    pub figures: ServiceFigures,
    /// Now against the latest snapshot, if there is one.
    pub changes: Option<ServiceChanges>,
    pub map: ServiceMap,
    style: ServiceStyle,
    pub view: ServiceViewState,
    /// The map's camera and the chart while the service is presented.
    pub present_view: ServiceViewState,
    /// The service as one team, made when the conditions tab is first shown.
    as_team: Option<ServiceAsTeam>,
    /// The team the conditions tab shows (regrouped for the room with names hidden) and its
    /// analysis, for the names-hidden flag, minimum group and grouping they were made for.
    conditions: Option<ConditionsCache>,
    /// The team in the editor, where it was taken from this portfolio.
    taken: Option<TakenFrom>,
    /// Questions to answer before a team can be put back or added.
    pub(super) questions: Option<MemberQuestions>,
    /// The label being typed for a new snapshot, while its box is open.
    pub(super) snapshot_label: Option<String>,
}

/// A team taken out into the editor: its name in the portfolio, and who its members are.
struct TakenFrom {
    name: String,
    person_of: HashMap<MemberId, String>,
}

/// Members of a team being put back or added who may be people the portfolio holds, the
/// answers given so far (by member name), and what to try again once all are answered.
pub(super) struct MemberQuestions {
    pub(super) questions: Vec<Question>,
    pub(super) answers: HashMap<String, Answer>,
    pub(super) then: Pending,
}

/// What waits for the answers.
pub(super) enum Pending {
    /// The team in the editor, going back.
    PutBack,
    /// A team file's team, joining.
    AddTeam(Box<Team>),
}

/// The conditions tab's team and analysis, for the names-hidden flag, minimum group and
/// grouping they were made for.
struct ConditionsCache {
    key: (bool, usize, GroupBy),
    team: Team,
    analysis: Analysis,
}

impl ServiceState {
    pub fn new(portfolio: Portfolio, path: PathBuf) -> Self {
        let mut state = Self {
            changes: None,
            figures: analyse(&portfolio),
            map: place(&portfolio),
            style: ServiceStyle::of(&portfolio),
            view: ServiceViewState::default(),
            present_view: ServiceViewState::default(),
            as_team: None,
            conditions: None,
            taken: None,
            questions: None,
            snapshot_label: None,
            doc: PortfolioDocument::new(portfolio, path),
        };
        state.changes = state.changes_since_last_snapshot();
        state
    }

    pub fn portfolio(&self) -> &Portfolio {
        self.doc.portfolio()
    }

    pub fn path(&self) -> &Path {
        self.doc.path()
    }

    /// Whether the portfolio has changes not saved to its file.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    pub fn can_undo(&self) -> bool {
        self.doc.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.doc.can_redo()
    }

    /// The manager chose to lose the portfolio's changes: nothing is left to ask about.
    pub(super) fn discard_changes(&mut self) {
        self.doc.mark_discarded();
    }

    /// The editor no longer holds the team taken from the portfolio.
    pub(super) fn forget_taken(&mut self) {
        self.taken = None;
        self.questions = None;
    }

    /// A question of the Service view's is on screen: keys belong to it.
    pub fn is_asking(&self) -> bool {
        self.snapshot_label.is_some() || self.questions.is_some()
    }

    /// The name, in the portfolio, of the team in the editor, where it was taken from it.
    pub fn taken_name(&self) -> Option<&str> {
        self.taken.as_ref().map(|t| t.name.as_str())
    }

    fn changes_since_last_snapshot(&self) -> Option<ServiceChanges> {
        let p = self.doc.portfolio();
        let last = p.snapshots.last()?;
        let then = p.as_of(&last.label)?;
        Some(compare(&then, p, (&last.label, "now")))
    }

    /// The figures, map and changes of the portfolio as it is now; the conditions again
    /// when next shown. The view (tab, camera) stays.
    fn derive(&mut self) {
        let p = self.doc.portfolio();
        self.figures = analyse(p);
        self.map = place(p);
        self.style = ServiceStyle::of(p);
        self.changes = self.changes_since_last_snapshot();
        self.as_team = None;
        self.conditions = None;
    }

    /// Change the portfolio (see [`PortfolioDocument::apply`]), and what is drawn from it.
    pub(super) fn apply(&mut self, edit: PortfolioEdit) -> Result<Vec<String>, PortfolioRefusal> {
        let before = self.doc.version();
        let notices = self.doc.apply(edit)?;
        if self.doc.version() != before {
            self.derive();
        }
        Ok(notices)
    }

    pub(super) fn undo(&mut self) {
        if self.doc.undo() {
            self.derive();
        }
    }

    pub(super) fn redo(&mut self) {
        if self.doc.redo() {
            self.derive();
        }
    }
}

impl TeamscapeApp {
    /// The portfolio open in the Service view, if any.
    pub fn service(&self) -> Option<&ServiceState> {
        self.service.as_ref()
    }

    /// Open a portfolio: the Service view shows it, and the editor holds its first team
    /// that can be taken out (or a new team, if none can: a sheet without salaries).
    pub(super) fn open_service(&mut self, portfolio: Portfolio, path: &Path) {
        // Changes to the portfolio open now are asked about first.
        if self.service.as_ref().is_some_and(ServiceState::is_dirty) {
            self.files.confirm_service = Some(Then::Open(path.to_path_buf()));
            return;
        }
        let first = portfolio.teams.iter().find_map(|t| {
            take(&portfolio, &t.name)
                .ok()
                .map(|taken| (t.name.clone(), taken))
        });
        let mut service = ServiceState::new(portfolio, path.to_path_buf());
        let document = match first {
            Some((name, taken)) => {
                service.taken = Some(TakenFrom {
                    name,
                    person_of: taken.person_of,
                });
                Document::new(taken.team, None, files::file_name(path))
            }
            None => Document::new(crate::model::library::new_team(), None, "New team"),
        };
        self.replace_document(document);
        self.remember_recent(path);
        self.status = Some(StatusMessage::info(format!(
            "The portfolio “{}”: {}. Open a team from the list to edit it.",
            service.portfolio().name,
            crate::format::count(service.portfolio().teams.len(), "team", "teams")
        )));
        self.service = Some(service);
        self.editor.view = MainView::Service;
    }

    /// Open one of the portfolio's teams in the editor, asking first if the team there has
    /// unsaved changes.
    pub fn open_service_team(&mut self, name: &str) {
        self.request(Then::TakeTeam(name.to_owned()));
    }

    /// Take the team out of the open portfolio into the editor, with no path: it is put
    /// back into the portfolio, or saved as a team file of its own, never over the
    /// portfolio's file.
    pub(super) fn take_service_team(&mut self, name: &str) {
        let Some(service) = &self.service else {
            return;
        };
        match take(service.portfolio(), name) {
            Ok(taken) => {
                let source = files::file_name(service.path());
                let portfolio = service.portfolio().name.clone();
                self.replace_document(Document::new(taken.team, None, source));
                if let Some(service) = &mut self.service {
                    service.taken = Some(TakenFrom {
                        name: name.to_owned(),
                        person_of: taken.person_of,
                    });
                }
                self.editor.view = MainView::Map;
                self.status = Some(StatusMessage::info(format!(
                    "The team “{name}” of the portfolio “{portfolio}”: put it back into the service when you have edited it, or save it as a team file of its own."
                )));
            }
            Err(e) => self.status = Some(StatusMessage::error(e)),
        }
    }

    /// Whether the team in the editor was taken from the open portfolio and has changed
    /// since: what "Put back into the service" offers to keep.
    pub fn can_put_back(&self) -> bool {
        self.service.as_ref().is_some_and(|s| s.taken.is_some()) && self.document.is_dirty()
    }

    /// Put the team in the editor back into the portfolio it was taken from, in place of
    /// the team as it was; where a new member may be someone the portfolio holds, ask.
    pub fn put_back_team(&mut self) {
        let answers = self
            .service
            .as_mut()
            .and_then(|s| s.questions.take())
            .map(|q| q.answers)
            .unwrap_or_default();
        let team = self.document.team().clone();
        let Some(service) = self.service.as_mut() else {
            return;
        };
        let Some(from) = &service.taken else {
            self.status = Some(StatusMessage::error(
                "The team in the editor was not taken from the open portfolio.".to_owned(),
            ));
            return;
        };
        let edit = PortfolioEdit::PutBack {
            name: from.name.clone(),
            taken: Box::new(Taken {
                team,
                person_of: from.person_of.clone(),
            }),
            answers: answers.clone(),
        };
        match service.apply(edit) {
            Ok(notices) => {
                let name = self.document.team().name.clone();
                // Who each member is now, newcomers included, for the next time.
                service.taken = take(service.portfolio(), &name)
                    .ok()
                    .map(|taken| TakenFrom {
                        name: name.clone(),
                        person_of: taken.person_of,
                    });
                // Its changes are the portfolio's now, to save with it.
                self.document.mark_discarded();
                self.files.recovery.remove_own();
                self.status = Some(StatusMessage::info(format!(
                    "Put “{name}” back into the service: save the service to keep it.{}",
                    notices_text(&notices)
                )));
            }
            Err(PortfolioRefusal::Questions(questions)) => {
                service.questions = Some(MemberQuestions {
                    questions,
                    answers,
                    then: Pending::PutBack,
                });
            }
            Err(PortfolioRefusal::Refused(why)) => {
                self.status = Some(StatusMessage::error(why));
            }
        }
    }

    /// Add a team file to the open portfolio (File dialog of the Service view).
    pub(super) fn add_team_file_to_service(&mut self, path: &Path) {
        match crate::model::io::open_team_from(path, None) {
            Ok(loaded) => self.add_team_to_service(loaded.team),
            Err(e) => self.files.error = Some(e),
        }
    }

    /// Add `team` to the open portfolio as a team of its own; where a member may be someone
    /// the portfolio holds, ask.
    pub fn add_team_to_service(&mut self, team: Team) {
        let Some(service) = self.service.as_mut() else {
            return;
        };
        let answers = service
            .questions
            .take()
            .map(|q| q.answers)
            .unwrap_or_default();
        let name = team.name.clone();
        let edit = PortfolioEdit::AddTeam {
            team: Box::new(team.clone()),
            answers: answers.clone(),
        };
        match service.apply(edit) {
            Ok(notices) => {
                self.status = Some(StatusMessage::info(format!(
                    "Added “{name}” to the service: save the service to keep it.{}",
                    notices_text(&notices)
                )));
            }
            Err(PortfolioRefusal::Questions(questions)) => {
                service.questions = Some(MemberQuestions {
                    questions,
                    answers,
                    then: Pending::AddTeam(Box::new(team)),
                });
            }
            Err(PortfolioRefusal::Refused(why)) => self.status = Some(StatusMessage::error(why)),
        }
    }

    /// Keep the service as it is today in the portfolio, under `label`.
    pub fn take_service_snapshot(&mut self, label: &str) {
        let Some(service) = self.service.as_mut() else {
            return;
        };
        let edit = PortfolioEdit::TakeSnapshot {
            label: label.to_owned(),
            taken: crate::format::today_iso(),
        };
        self.status = Some(match service.apply(edit) {
            Ok(_) => StatusMessage::info(format!(
                "Kept the service as it is today as “{}”: save the service to keep it.",
                label.trim()
            )),
            Err(PortfolioRefusal::Refused(why)) => StatusMessage::error(why),
            Err(PortfolioRefusal::Questions(_)) => return,
        });
    }

    /// Write the portfolio to its file (the old one kept as `.bak`). Returns whether it was
    /// written.
    pub fn save_service(&mut self) -> bool {
        let Some(service) = self.service.as_mut() else {
            return false;
        };
        match service.doc.save() {
            Ok(()) => {
                self.status = Some(StatusMessage::info(format!(
                    "Saved {}",
                    files::file_name(service.path())
                )));
                true
            }
            Err(e) => {
                self.files.error = Some(e);
                false
            }
        }
    }

    /// The Service view, in the central panel.
    pub(super) fn service_view(&mut self, ui: &mut egui::Ui) {
        let hide_names = self.workshop.hide_names;
        let (min_override, group_by) = (self.workshop.min_group, self.workshop.group_by);
        let Some(state) = self.service.as_mut() else {
            self.editor.view = MainView::Map;
            return;
        };
        let with_conditions = state.view.tab == Tab::Conditions;
        if with_conditions {
            state.prepare_conditions(hide_names, min_override, group_by);
        }
        // The view's own state is lent out while the service is read.
        let mut view = std::mem::take(&mut state.view);
        let mut shown = state.shown(hide_names, with_conditions);
        shown.editing = Some(crate::ui::service::Editing {
            dirty: state.is_dirty(),
            can_undo: state.can_undo(),
            can_redo: state.can_redo(),
        });
        let ask = crate::ui::service::show(ui, &shown, &mut view);
        state.view = view;
        match ask {
            Some(Ask::OpenTeam(name)) => self.open_service_team(&name),
            Some(Ask::TakeSnapshot) => state.snapshot_label = Some(String::new()),
            Some(Ask::AddTeam) => self.start_dialog(Purpose::AddToService, None),
            Some(Ask::Undo) => state.undo(),
            Some(Ask::Redo) => state.redo(),
            Some(Ask::Save) => {
                self.save_service();
            }
            None => {}
        }
    }

    /// Whether a presentation started now presents the service rather than the team.
    pub(super) fn presents_service(&self) -> bool {
        self.editor.view == MainView::Service && self.service.is_some()
    }

    /// One frame of the service's presentation: the slide, and the steps it asks for
    /// besides `steps` (the keys already read).
    pub(super) fn service_present_frame(
        &mut self,
        ui: &mut egui::Ui,
        mut steps: Vec<crate::ui::present::Step>,
    ) {
        use crate::ui::present::Step;
        use crate::ui::service::Slide;
        let ctx = ui.ctx().clone();
        let (min_override, group_by) = (self.workshop.min_group, self.workshop.group_by);
        let (Some(state), Some(p)) = (self.service.as_mut(), self.workshop.present.as_mut()) else {
            return;
        };
        // Which slides there are does not depend on the conditions: read them without.
        let slides = crate::ui::service::slides(&state.shown(p.hide_names, false));
        let last = slides.len().saturating_sub(1);
        p.index = p.index.min(last);
        let slide = slides.get(p.index).copied().unwrap_or(Slide::Title);
        let with_conditions = slide == Slide::Tab(Tab::Conditions);
        if with_conditions {
            state.prepare_conditions(p.hide_names, min_override, group_by);
        }
        let date = crate::format::long_date(std::time::SystemTime::now());
        let mut view = std::mem::take(&mut state.present_view);
        let service = state.shown(p.hide_names, with_conditions);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let at = crate::ui::service::SlideAt {
                    place: Some((p.index, slides.len())),
                    date: &date,
                };
                if let Some(step) =
                    crate::ui::service::slide(ui, &service, &mut view, (slide, at), true)
                {
                    steps.push(step);
                }
            });
        state.present_view = view;
        for step in steps {
            match step {
                Step::Next => p.index = (p.index + 1).min(last),
                Step::Previous => p.index = p.index.saturating_sub(1),
                Step::First => p.index = 0,
                Step::Last => p.index = last,
                Step::ToggleNames => p.hide_names = !p.hide_names,
                // A perception round is a team's: the service has none.
                Step::RunRound => {}
                Step::Leave => {
                    self.leave_presenting(&ctx);
                    return;
                }
            }
        }
    }
}

impl TeamscapeApp {
    /// One frame of exporting the service's deck (or a picture of one of its slides): draw
    /// the slide, take its picture once settled (`capture_slide`), and after the last write
    /// the handout.
    pub(super) fn export_service_frame(&mut self, ui: &mut egui::Ui) {
        use crate::ui::service::Slide;
        let ctx = ui.ctx().clone();
        let (min_override, group_by) = (self.workshop.min_group, self.workshop.group_by);
        let (Some(state), Some(job)) = (self.service.as_mut(), self.workshop.export.as_mut())
        else {
            self.finish_export(&ctx, Err("no portfolio is open".to_owned()));
            return;
        };
        let (hide_names, index) = (job.hide_names(), job.index());
        let (slides, place) = match job.kind() {
            ExportKind::ServicePicture { slide, .. } => (vec![*slide], false),
            _ => (
                crate::ui::service::slides(&state.shown(hide_names, false)),
                true,
            ),
        };
        let Some(slide) = slides.get(index).copied() else {
            let outcome = match job.kind() {
                ExportKind::ServiceSlides { dir, pdf_to } => {
                    state.write_handout(dir, &slides, hide_names, job.written(), pdf_to.as_deref())
                }
                _ => Ok(()),
            };
            self.finish_export(&ctx, outcome);
            return;
        };
        let path = match job.kind() {
            ExportKind::ServicePicture { path, .. } => path.clone(),
            ExportKind::ServiceSlides { dir, .. } => {
                dir.join(format!("{:02}-{}.png", index + 1, slide.id()))
            }
            _ => return,
        };
        let zoom = crate::ui::present::slide_zoom(&ctx);
        if (ctx.zoom_factor() - zoom).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
        }
        let with_conditions = slide == Slide::Tab(Tab::Conditions);
        if with_conditions {
            state.prepare_conditions(hide_names, min_override, group_by);
        }
        let date = crate::format::long_date(std::time::SystemTime::now());
        let service = state.shown(hide_names, with_conditions);
        let rect = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                let at = crate::ui::service::SlideAt {
                    place: place.then_some((index, slides.len())),
                    date: &date,
                };
                crate::ui::service::slide(ui, &service, &mut job.service_view, (slide, at), false);
                ui.max_rect()
            })
            .inner;
        self.capture_slide(&ctx, rect, path);
    }
}

/// A team's notices on joining the service, for the status bar: how many of its people the
/// service already held, then the first few facts that differed (the portfolio's kept).
fn notices_text(notices: &[String]) -> String {
    use std::fmt::Write as _;
    let (matched, differ): (Vec<&String>, Vec<&String>) = notices
        .iter()
        .partition(|n| n.contains(" is the person_id "));
    let mut text = String::new();
    match matched.len() {
        0 => {}
        1 => text.push_str(" 1 of its people already works in another team of the service."),
        n => {
            let _ = write!(
                text,
                " {n} of its people already work in other teams of the service."
            );
        }
    }
    if !differ.is_empty() {
        let shown: Vec<&str> = differ.iter().take(3).map(|n| n.as_str()).collect();
        let _ = write!(text, " {}", shown.join("; "));
        if differ.len() > 3 {
            let _ = write!(text, "; and {} more", differ.len() - 3);
        }
        text.push('.');
    }
    text
}

/// What the handout's title page says of hiding names.
const NAMES_HIDDEN: &str = "People appear by discipline, never by name. Each person counts once in a group across the service, however many teams they work in, and no group smaller than the minimum is shown on its own; figures that a team's own workshop could be set against to give someone away are withheld.";

impl ServiceState {
    /// The deck's handout: each slide's picture and title, then the service's report (and
    /// what changed since its latest snapshot), names left out where hidden; as `handout.md`
    /// beside the pictures and `handout.pdf` (or only the PDF, at `pdf_to`).
    fn write_handout(
        &self,
        dir: &Path,
        slides: &[crate::ui::service::Slide],
        hide_names: bool,
        pictures: &[PathBuf],
        pdf_to: Option<&Path>,
    ) -> Result<(), String> {
        use crate::analysis::report::Format;
        use std::fmt::Write as _;
        let date = crate::format::long_date(std::time::SystemTime::now());
        let report = |format: Format| {
            let mut text = crate::analysis::portfolio::render(&self.figures, format, hide_names);
            if let Some(changes) = &self.changes {
                text.push_str("\n\n");
                text.push_str(&crate::analysis::portfolio_compare::render(
                    changes, format, hide_names,
                ));
            }
            text
        };
        let mut text = format!(
            "# {}: workshop handout\n\n{date}\n\n",
            self.doc.portfolio().name
        );
        for (k, slide) in slides.iter().enumerate() {
            let _ = writeln!(
                text,
                "## {}\n\n![]({:02}-{}.png)\n\nTo discuss: {}\n",
                slide.title(),
                k + 1,
                slide.id(),
                slide.prompt()
            );
        }
        text.push_str(&report(Format::Markdown));
        if pdf_to.is_none() {
            crate::model::io::write_export(&dir.join("handout.md"), |out| {
                out.write_all(text.as_bytes())
            })
            .map_err(|e| e.to_string())?;
        }
        let pictures = pictures
            .iter()
            .map(|path| {
                std::fs::read(path).map_err(|e| format!("could not read {}: {e}", path.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let p = &self.figures.people;
        let fte: f64 = self.figures.teams.iter().map(|t| t.team_fte).sum();
        let counts = [
            format!(
                "{} · {} · {fte:.1} FTE in teams",
                crate::format::count(self.figures.teams.len(), "team", "teams"),
                crate::format::count(p.count, "person", "people"),
            ),
            format!(
                "{} in one team, {} in two, {} in three or more",
                p.in_one_team, p.in_two_teams, p.in_three_or_more
            ),
        ];
        let titles: Vec<(String, String)> = slides
            .iter()
            .map(|s| (s.title().to_owned(), s.prompt().to_owned()))
            .collect();
        let pdf = crate::analysis::handout_pdf::render_service(
            &crate::analysis::handout_pdf::ServiceHandout {
                name: &self.doc.portfolio().name,
                counts: &counts,
                names_hidden: hide_names.then_some(NAMES_HIDDEN),
                slides: &titles,
                pictures: &pictures,
                report: &report(Format::Text),
                date: &date,
            },
        )?;
        let target = pdf_to.map_or_else(|| dir.join("handout.pdf"), Path::to_path_buf);
        crate::model::io::write_export(&target, |out| out.write_all(&pdf))
            .map_err(|e| e.to_string())
    }

    /// Make the service as one team, and its conditions as the room may see them, if they
    /// are not made for these settings already.
    fn prepare_conditions(
        &mut self,
        hide_names: bool,
        min_override: Option<usize>,
        group_by: GroupBy,
    ) {
        let whole = self
            .as_team
            .get_or_insert_with(|| service_as_team(self.doc.portfolio()));
        let min_group = min_override.unwrap_or(whole.team.min_group_size);
        let key = (hide_names, min_group, group_by);
        if self.conditions.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        self.conditions = Some(if hide_names {
            let room = crate::model::presentation::for_the_room(&whole.team, min_group, group_by);
            let known = team_sums(self.doc.portfolio(), whole, group_by);
            ConditionsCache {
                key,
                analysis: analyse_workshop_safe_knowing(&room, min_group, &known),
                team: room,
            }
        } else {
            ConditionsCache {
                key,
                team: whole.team.clone(),
                analysis: crate::analysis::analyse(&whole.team),
            }
        });
    }

    /// What the view or a slide reads; the conditions only where asked for (and prepared).
    fn shown(&self, hide_names: bool, with_conditions: bool) -> Service<'_> {
        let no_salary = self.as_team.as_ref().map_or(0, |t| t.no_salary.len());
        let conditions = self
            .conditions
            .as_ref()
            .filter(|c| with_conditions && c.key.0 == hide_names)
            .map(|c| Conditions {
                team: &c.team,
                analysis: &c.analysis,
                no_salary,
                min_group: c.key.1,
            });
        Service {
            conditions,
            changes: self.changes.as_ref(),
            portfolio: self.doc.portfolio(),
            figures: &self.figures,
            map: &self.map,
            style: &self.style,
            hide_names,
            editing: None,
        }
    }
}

impl TeamscapeApp {
    /// The Service view's own questions, drawn every frame while one is open: the label of
    /// a new snapshot, and who the new members of a team being put back are.
    pub(super) fn service_questions(&mut self, ctx: &egui::Context) {
        self.snapshot_label_question(ctx);
        self.put_back_questions(ctx);
    }

    fn snapshot_label_question(&mut self, ctx: &egui::Context) {
        let Some(label) = self
            .service
            .as_mut()
            .and_then(|s| s.snapshot_label.as_mut())
        else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("service_snapshot_label")).show(ctx, |ui| {
            ui.heading("Take a snapshot of the service");
            ui.label("Keep the service as it is today, to compare with later. Its label:");
            let field = ui.add(
                egui::TextEdit::singleline(label)
                    .hint_text("Before the restructure")
                    .desired_width(320.0),
            );
            if !field.has_focus() && !field.lost_focus() {
                field.request_focus();
            }
            let ready = !label.trim().is_empty();
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if ui.add_enabled(ready, egui::Button::new("Keep")).clicked() || (enter && ready) {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    answer = Some(false);
                }
            });
        });
        let label = label.clone();
        match answer {
            Some(true) => {
                if let Some(s) = self.service.as_mut() {
                    s.snapshot_label = None;
                }
                self.take_service_snapshot(&label);
            }
            Some(false) => {
                if let Some(s) = self.service.as_mut() {
                    s.snapshot_label = None;
                }
            }
            None => {}
        }
    }

    fn put_back_questions(&mut self, ctx: &egui::Context) {
        let Some(asking) = self.service.as_mut().and_then(|s| s.questions.as_mut()) else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("service_put_back_questions")).show(ctx, |ui| {
            ui.set_max_width(640.0);
            ui.heading(match asking.then {
                Pending::PutBack => "Who are the team's new members?",
                Pending::AddTeam(_) => "Who are the team's members?",
            });
            ui.label("The service already holds someone of the same name. Say for each whether it is the same person, then put the team back.");
            ui.add_space(4.0);
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for q in &asking.questions {
                    ui.separator();
                    ui.strong(format!("{} ({}, {})", q.member, q.discipline, q.agency));
                    let key = q.member.trim().to_lowercase();
                    let current = asking.answers.get(&key).cloned();
                    for (id, who) in &q.candidates {
                        let this = Answer::Same(id.clone());
                        if ui
                            .radio(current.as_ref() == Some(&this), format!("The same person as {id}: {who}"))
                            .clicked()
                        {
                            asking.answers.insert(key.clone(), this);
                        }
                    }
                    if ui
                        .radio(current == Some(Answer::Separate), "Someone new to the service")
                        .clicked()
                    {
                        asking.answers.insert(key.clone(), Answer::Separate);
                    }
                }
            });
            let ready = asking
                .questions
                .iter()
                .all(|q| asking.answers.contains_key(&q.member.trim().to_lowercase()));
            ui.separator();
            ui.horizontal(|ui| {
                let go = match asking.then {
                    Pending::PutBack => "Put the team back",
                    Pending::AddTeam(_) => "Add the team",
                };
                if ui.add_enabled(ready, egui::Button::new(go)).clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            // The answers go with the next try, which takes them.
            Some(true) => {
                let adding = self.service.as_mut().and_then(|s| match &mut s.questions {
                    Some(MemberQuestions {
                        then: Pending::AddTeam(team),
                        ..
                    }) => Some(std::mem::take(&mut **team)),
                    _ => None,
                });
                match adding {
                    Some(team) => self.add_team_to_service(team),
                    None => self.put_back_team(),
                }
            }
            Some(false) => {
                if let Some(s) = self.service.as_mut() {
                    s.questions = None;
                }
            }
            None => {}
        }
    }
}
