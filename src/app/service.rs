//! A portfolio in the window: the Service view of all its teams, and a team taken from it
//! into the editor. The portfolio is read-only here (the command line adds teams and
//! imports sheets); the editor holds one of its teams, saved as a team file of its own.

use std::path::{Path, PathBuf};

use super::{files, MainView, StatusMessage, TeamscapeApp, Then};
use crate::analysis::portfolio::{analyse, differencing_risks, ServiceFigures};
use crate::analysis::service_map::{place, ServiceMap};
use crate::analysis::{analyse_workshop_safe, Analysis};
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
    pub map: ServiceMap,
    style: ServiceStyle,
    pub view: ServiceViewState,
    /// The service as one team, made when the conditions tab is first shown.
    as_team: Option<ServiceAsTeam>,
    /// The team the conditions tab shows (regrouped for the room with names hidden) and its
    /// analysis, for the names-hidden flag, minimum group and grouping they were made for.
    conditions: Option<ConditionsCache>,
}

/// The conditions tab's team and analysis, for the names-hidden flag, minimum group and
/// grouping they were made for, and (names hidden) the groups a team's own figures could be
/// subtracted from.
struct ConditionsCache {
    key: (bool, usize, GroupBy),
    team: Team,
    analysis: Analysis,
    risks: Vec<String>,
}

impl ServiceState {
    pub fn new(portfolio: Portfolio, path: PathBuf) -> Self {
        Self {
            figures: analyse(&portfolio),
            map: place(&portfolio),
            style: ServiceStyle::of(&portfolio),
            view: ServiceViewState::default(),
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
        let mut min_group = 0;
        if state.view.tab == Tab::Conditions {
            let whole = state
                .as_team
                .get_or_insert_with(|| service_as_team(&state.portfolio));
            min_group = min_override.unwrap_or(whole.team.min_group_size);
            let key = (hide_names, min_group, group_by);
            if state.conditions.as_ref().is_none_or(|c| c.key != key) {
                state.conditions = Some(if hide_names {
                    let room =
                        crate::model::presentation::for_the_room(&whole.team, min_group, group_by);
                    ConditionsCache {
                        key,
                        analysis: analyse_workshop_safe(&room, min_group),
                        risks: differencing_risks(
                            &state.portfolio,
                            &room,
                            &whole.person_of,
                            min_group,
                        ),
                        team: room,
                    }
                } else {
                    ConditionsCache {
                        key,
                        team: whole.team.clone(),
                        analysis: crate::analysis::analyse(&whole.team),
                        risks: Vec::new(),
                    }
                });
            }
        }
        let no_salary = state.as_team.as_ref().map_or(0, |t| t.no_salary.len());
        let conditions = state
            .conditions
            .as_ref()
            .filter(|_| state.view.tab == Tab::Conditions)
            .map(|c| Conditions {
                team: &c.team,
                analysis: &c.analysis,
                risks: &c.risks,
                no_salary,
                min_group,
            });
        let service = Service {
            conditions,
            portfolio: &state.portfolio,
            figures: &state.figures,
            map: &state.map,
            style: &state.style,
            hide_names,
        };
        if let Some(name) = crate::ui::service::show(ui, &service, &mut state.view) {
            self.open_service_team(&name);
        }
    }
}
