//! A portfolio in the window: the Service view of all its teams, and a team taken from it
//! into the editor. The portfolio is read-only here (the command line adds teams and
//! imports sheets); the editor holds one of its teams, saved as a team file of its own.

use std::path::{Path, PathBuf};

use super::{files, MainView, StatusMessage, TeamscapeApp, Then};
use crate::analysis::portfolio::{analyse, ServiceFigures};
use crate::analysis::service_map::{place, ServiceMap};
use crate::document::Document;
use crate::model::portfolio::Portfolio;
use crate::model::portfolio_team::take_team;
use crate::ui::service::{Service, ServiceStyle, ServiceViewState};

/// An open portfolio, with its figures and map worked out once (it does not change here).
pub struct ServiceState {
    pub portfolio: Portfolio,
    pub path: PathBuf,
    pub figures: ServiceFigures,
    pub map: ServiceMap,
    style: ServiceStyle,
    pub view: ServiceViewState,
}

impl ServiceState {
    pub fn new(portfolio: Portfolio, path: PathBuf) -> Self {
        Self {
            figures: analyse(&portfolio),
            map: place(&portfolio),
            style: ServiceStyle::of(&portfolio),
            view: ServiceViewState::default(),
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
        let Some(state) = self.service.as_mut() else {
            self.editor.view = MainView::Map;
            return;
        };
        let service = Service {
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
