//! The portfolio open in the Service view, and the only code that changes it. As for a
//! team ([`super::Document`]), every change is a [`PortfolioEdit`]: made on a copy, checked
//! against the portfolio's rules (`model::portfolio::check`), then kept as one undo step,
//! or refused with the portfolio as it was. An undo step is the whole portfolio before the
//! edit: a service of 3,000 people is well under a megabyte, and its edits are few.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::portfolio::{check, Portfolio};
use crate::model::portfolio_team::{add_team, put_back, AddError, Answer, Question, Taken};

/// How many steps back the portfolio can go.
pub const MAX_PORTFOLIO_UNDO_STEPS: usize = 50;

/// A change to the portfolio.
#[derive(Clone, Debug)]
pub enum PortfolioEdit {
    /// Keep the service as it is now, under `label`, taken on `taken` (`YYYY-MM-DD`).
    TakeSnapshot { label: String, taken: String },
    /// Add a team file's team, with the answers to any question about who its members
    /// are, keyed by member name.
    AddTeam {
        team: Box<crate::model::Team>,
        answers: HashMap<String, Answer>,
    },
    /// Put back a team taken out as `name` (and edited in the editor), with the answers
    /// to any question about who its new members are, keyed by member name.
    PutBack {
        name: String,
        taken: Box<Taken>,
        answers: HashMap<String, Answer>,
    },
}

/// Why an edit was not made; the portfolio is as it was.
#[derive(Clone, Debug, PartialEq)]
pub enum PortfolioRefusal {
    /// The text says why, and what to do.
    Refused(String),
    /// Members who may be people the portfolio already holds: answer each, then again.
    Questions(Vec<Question>),
}

pub struct PortfolioDocument {
    portfolio: Portfolio,
    path: PathBuf,
    /// Which version this is: a new number for every edit, the old one back on undo, so
    /// that derived figures know when to recompute and saving knows what is on disk.
    version: u64,
    /// The last number given out.
    last: u64,
    saved: Option<u64>,
    undo: Vec<(Portfolio, u64)>,
    redo: Vec<(Portfolio, u64)>,
}

impl PortfolioDocument {
    /// A portfolio as it was opened from `path`.
    pub fn new(portfolio: Portfolio, path: PathBuf) -> Self {
        Self {
            portfolio,
            path,
            version: 0,
            last: 0,
            saved: Some(0),
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    pub fn portfolio(&self) -> &Portfolio {
        &self.portfolio
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Changes whenever the portfolio does (undo included).
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.version)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Make an edit: on a copy, checked, then kept as one undo step. Returns what the
    /// manager should know (who was matched to whom, figures that differed); `Ok` with
    /// nothing changed where the edit changed nothing.
    pub fn apply(&mut self, edit: PortfolioEdit) -> Result<Vec<String>, PortfolioRefusal> {
        let (next, notices) = match edit {
            PortfolioEdit::TakeSnapshot { label, taken } => {
                let label = label.trim();
                if label.is_empty() {
                    return Err(PortfolioRefusal::Refused(
                        "A snapshot needs a label, such as “Before the restructure”.".to_owned(),
                    ));
                }
                if self.portfolio.snapshots.iter().any(|s| s.label == label) {
                    return Err(PortfolioRefusal::Refused(format!(
                        "There is already a snapshot called “{label}”: choose another label."
                    )));
                }
                let mut next = self.portfolio.clone();
                let snapshot = next.snapshot(label, &taken);
                next.snapshots.push(snapshot);
                (next, Vec::new())
            }
            PortfolioEdit::AddTeam { team, answers } => {
                added(add_team(&self.portfolio, &team, &answers), "Not added")?
            }
            PortfolioEdit::PutBack {
                name,
                taken,
                answers,
            } => added(
                put_back(&self.portfolio, &name, &taken, &answers),
                "Not put back",
            )?,
        };
        if next == self.portfolio {
            return Ok(notices);
        }
        // The portfolio may not break a rule it keeps now.
        let before: std::collections::HashSet<String> =
            check(&self.portfolio).into_iter().collect();
        let new: Vec<String> = check(&next)
            .into_iter()
            .filter(|p| !before.contains(p))
            .collect();
        if !new.is_empty() {
            return Err(PortfolioRefusal::Refused(format!(
                "Not changed: the portfolio would break its rules: {}.",
                new.join("; ")
            )));
        }
        let previous = std::mem::replace(&mut self.portfolio, next);
        self.undo.push((previous, self.version));
        if self.undo.len() > MAX_PORTFOLIO_UNDO_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
        self.last += 1;
        self.version = self.last;
        Ok(notices)
    }

    pub fn undo(&mut self) -> bool {
        let Some((before, version)) = self.undo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.portfolio, before);
        self.redo.push((now, self.version));
        self.version = version;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some((after, version)) = self.redo.pop() else {
            return false;
        };
        let now = std::mem::replace(&mut self.portfolio, after);
        self.undo.push((now, self.version));
        self.version = version;
        true
    }

    /// Write the portfolio to its file, never half-written (the old one kept as `.bak`).
    pub fn save(&mut self) -> Result<(), crate::model::FileError> {
        let text = crate::model::portfolio::to_ron(&self.portfolio)?;
        crate::model::io::write_atomically(&self.path, |w| w.write_all(text.as_bytes()))?;
        self.saved = Some(self.version);
        Ok(())
    }

    /// The manager chose to lose the changes: nothing is left to ask about.
    pub fn mark_discarded(&mut self) {
        self.saved = Some(self.version);
    }
}

/// A team added (or put back) as the portfolio and its notices, or why not.
fn added(
    result: Result<crate::model::portfolio_team::Added, AddError>,
    not: &str,
) -> Result<(Portfolio, Vec<String>), PortfolioRefusal> {
    match result {
        Ok(added) => Ok((added.portfolio, added.notices)),
        Err(AddError::Refused(why)) => Err(PortfolioRefusal::Refused(format!("{not}: {why}."))),
        Err(AddError::Questions(q)) => Err(PortfolioRefusal::Questions(q)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::portfolio::{Person, Post, ServiceTeam};

    /// Two people, two teams, three posts, worked by hand.
    fn small() -> Portfolio {
        let person = |id: &str, salary: f64| Person {
            id: id.to_owned(),
            name: format!("Person {id}"),
            discipline: "Social work".to_owned(),
            agency: "Council".to_owned(),
            fte: Some(1.0),
            salary: Some(salary),
            leave_days: None,
            training_days: None,
            years_of_service: None,
        };
        let post = |person: &str, team: &str, fte: f64| Post {
            person: person.to_owned(),
            team: team.to_owned(),
            fte,
            line_manager: None,
            record: None,
        };
        let team = |name: &str| ServiceTeam {
            name: name.to_owned(),
            core_threshold: 0.5,
            settings: None,
        };
        Portfolio {
            name: "S".to_owned(),
            people: vec![person("A", 40_000.0), person("B", 42_000.0)],
            teams: vec![team("T1"), team("T2")],
            posts: vec![
                post("A", "T1", 0.6),
                post("A", "T2", 0.4),
                post("B", "T2", 1.0),
            ],
            snapshots: Vec::new(),
        }
    }

    fn snapshot(label: &str) -> PortfolioEdit {
        PortfolioEdit::TakeSnapshot {
            label: label.to_owned(),
            taken: "2026-12-06".to_owned(),
        }
    }

    #[test]
    fn a_snapshot_is_one_undo_step_and_a_label_is_used_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut doc = PortfolioDocument::new(small(), dir.path().join("s.ron"));
        assert!(!doc.is_dirty());
        doc.apply(snapshot("  Before  ")).unwrap();
        assert!(doc.is_dirty());
        assert_eq!(doc.portfolio().snapshots.len(), 1);
        assert_eq!(doc.portfolio().snapshots[0].label, "Before");
        assert_eq!(doc.portfolio().snapshots[0].posts.len(), 3);
        assert_eq!(
            doc.apply(snapshot("Before")),
            Err(PortfolioRefusal::Refused(
                "There is already a snapshot called “Before”: choose another label.".to_owned()
            ))
        );
        assert!(matches!(
            doc.apply(snapshot(" ")),
            Err(PortfolioRefusal::Refused(_))
        ));
        // Undone, the portfolio is as it was opened, and nothing is left to save.
        assert!(doc.undo());
        assert!(doc.portfolio().snapshots.is_empty());
        assert!(!doc.is_dirty());
        assert!(doc.redo());
        assert_eq!(doc.portfolio().snapshots.len(), 1);
        assert!(doc.is_dirty());
        assert!(!doc.redo());
    }

    #[test]
    fn saving_writes_a_portfolio_that_reads_back_and_clears_the_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        let mut doc = PortfolioDocument::new(small(), path.clone());
        doc.apply(snapshot("Before")).unwrap();
        doc.save().unwrap();
        assert!(!doc.is_dirty());
        let text = std::fs::read_to_string(&path).unwrap();
        let read = crate::model::portfolio::from_ron(&text, "s.ron").unwrap();
        assert_eq!(&read, doc.portfolio());
        // Undoing past the save makes it dirty again; the version saved is remembered.
        doc.undo();
        assert!(doc.is_dirty());
        doc.redo();
        assert!(!doc.is_dirty());
    }

    #[test]
    fn a_team_put_back_is_one_step_and_an_unknown_team_is_refused() {
        use crate::model::portfolio_team::take;
        let dir = tempfile::tempdir().unwrap();
        let mut doc = PortfolioDocument::new(small(), dir.path().join("s.ron"));
        // T2: A at 0.4, B at 1.0. A goes to half time there.
        let mut taken = take(doc.portfolio(), "T2").unwrap();
        let a = taken
            .team
            .members
            .iter_mut()
            .find(|m| m.name == "Person A")
            .unwrap();
        a.team_share = 0.5;
        let put = |name: &str, taken: &Taken| PortfolioEdit::PutBack {
            name: name.to_owned(),
            taken: Box::new(taken.clone()),
            answers: HashMap::new(),
        };
        doc.apply(put("T2", &taken)).unwrap();
        let fte: Vec<(&str, &str, f64)> = doc
            .portfolio()
            .posts
            .iter()
            .map(|p| (p.person.as_str(), p.team.as_str(), p.fte))
            .collect();
        assert_eq!(fte, [("A", "T1", 0.6), ("A", "T2", 0.5), ("B", "T2", 1.0)]);
        assert!(doc.can_undo());
        assert!(matches!(
            doc.apply(put("T3", &taken)),
            Err(PortfolioRefusal::Refused(_))
        ));
        doc.undo();
        assert_eq!(doc.portfolio(), &small());
    }
}
