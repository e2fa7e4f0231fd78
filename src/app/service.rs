//! A portfolio in the window: the Service view of all its teams, and a team taken from it
//! into the editor. The portfolio is read-only here (the command line adds teams and
//! imports sheets); the editor holds one of its teams, saved as a team file of its own.

use std::path::{Path, PathBuf};

use super::workshop::ExportKind;
use super::{files, MainView, StatusMessage, TeamscapeApp, Then};
use crate::analysis::portfolio::{analyse, team_sums, ServiceFigures};
use crate::analysis::portfolio_compare::{compare, ServiceChanges};
use crate::analysis::service_map::{place, ServiceMap};
use crate::analysis::{analyse_workshop_safe_knowing, Analysis};
use crate::document::Document;
use crate::model::families::GroupBy;
use crate::model::portfolio::Portfolio;
use crate::model::portfolio_team::{service_as_team, take_team, ServiceAsTeam};
use crate::model::Team;
use crate::ui::service::{Conditions, Service, ServiceStyle, ServiceViewState, Tab};

/// An open portfolio, with its figures and map worked out once (it does not change here).
pub struct ServiceState {
    pub portfolio: Portfolio,
    pub path: PathBuf,
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
        let changes = portfolio.snapshots.last().and_then(|last| {
            let then = portfolio.as_of(&last.label)?;
            Some(compare(&then, &portfolio, (&last.label, "now")))
        });
        Self {
            changes,
            figures: analyse(&portfolio),
            map: place(&portfolio),
            style: ServiceStyle::of(&portfolio),
            view: ServiceViewState::default(),
            present_view: ServiceViewState::default(),
            as_team: None,
            conditions: None,
            portfolio,
            path,
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
        let first = portfolio
            .teams
            .iter()
            .find_map(|t| take_team(&portfolio, &t.name).ok());
        let document = match first {
            Some(team) => Document::new(team, None, files::file_name(path)),
            None => Document::new(crate::model::library::new_team(), None, "New team"),
        };
        self.replace_document(document);
        self.remember_recent(path);
        self.status = Some(StatusMessage::info(format!(
            "The portfolio “{}”: {}. Open a team from the list to edit it.",
            portfolio.name,
            crate::format::count(portfolio.teams.len(), "team", "teams")
        )));
        self.service = Some(ServiceState::new(portfolio, path.to_path_buf()));
        self.editor.view = MainView::Service;
    }

    /// Open one of the portfolio's teams in the editor, asking first if the team there has
    /// unsaved changes.
    pub fn open_service_team(&mut self, name: &str) {
        self.request(Then::TakeTeam(name.to_owned()));
    }

    /// Take the team out of the open portfolio into the editor, with no path: saving it
    /// asks for a team file, never writing over the portfolio.
    pub(super) fn take_service_team(&mut self, name: &str) {
        let Some(service) = &self.service else {
            return;
        };
        match take_team(&service.portfolio, name) {
            Ok(team) => {
                let source = files::file_name(&service.path);
                let portfolio = service.portfolio.name.clone();
                self.replace_document(Document::new(team, None, source));
                self.editor.view = MainView::Map;
                self.status = Some(StatusMessage::info(format!(
                    "The team “{name}” of the portfolio “{portfolio}”: save it as a team file of its own. The Service view is still a click away."
                )));
            }
            Err(e) => self.status = Some(StatusMessage::error(e)),
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
        let open =
            crate::ui::service::show(ui, &state.shown(hide_names, with_conditions), &mut view);
        state.view = view;
        if let Some(name) = open {
            self.open_service_team(&name);
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
        let mut text = format!("# {}: workshop handout\n\n{date}\n\n", self.portfolio.name);
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
                name: &self.portfolio.name,
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
            .get_or_insert_with(|| service_as_team(&self.portfolio));
        let min_group = min_override.unwrap_or(whole.team.min_group_size);
        let key = (hide_names, min_group, group_by);
        if self.conditions.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        self.conditions = Some(if hide_names {
            let room = crate::model::presentation::for_the_room(&whole.team, min_group, group_by);
            let known = team_sums(&self.portfolio, whole, group_by);
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
            portfolio: &self.portfolio,
            figures: &self.figures,
            map: &self.map,
            style: &self.style,
            hide_names,
        }
    }
}
