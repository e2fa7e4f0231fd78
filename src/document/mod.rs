//! The team being edited, and the only code that changes it.
//!
//! ```text
//! panels ──read──▶ &Team (Document::team)
//! panels ──queue─▶ Edit ──▶ Document::apply ──▶ copy, change, validate ──▶ keep + one undo step
//!                                                                    └──▶ Refusal (team untouched)
//! undo / redo / open / import / restore ──▶ Document (the same checks, the same history)
//! ```
//!
//! The team sits in a private field: nothing outside this module can reach `&mut Team`.

mod edit;
mod history;
pub mod portfolio;

use std::path::{Path, PathBuf};

pub use edit::{Edit, Refusal, TeamSettings};
pub use history::{History, MAX_UNDO_STEPS};
pub use portfolio::{PortfolioDocument, PortfolioEdit, PortfolioRefusal};

use crate::model::{validate, validate_after_edit, Member, MemberId, MemberIndex, Problem, Team};

/// What an applied edit did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// False when the edit left the team as it was (no undo step, nothing to save).
    pub changed: bool,
    /// The member an `AddMember` created, for the editor to select.
    pub added: Option<MemberId>,
}

pub struct Document {
    team: Team,
    index: MemberIndex,
    /// Where the team was opened from or last saved to; `None` for a sample or a new team.
    path: Option<PathBuf>,
    /// Shown in the window title: the file name, or the sample's name.
    source_name: String,
    /// Bumped on every change, so derived figures and layouts know when to recompute.
    revision: u64,
    /// The revision last saved (or opened); `None` if this team has never been on disk as it
    /// is (restored work, a new team that was changed).
    saved_revision: Option<u64>,
    history: History,
    /// The rules the team breaks now. Empty except for a file opened with problems: then
    /// edits may not add to them, and saving waits until they are fixed.
    problems: Vec<Problem>,
}

impl Document {
    /// A team opened from `path` (or a sample, with no path), as it is on disk.
    pub fn new(team: Team, path: Option<PathBuf>, source_name: impl Into<String>) -> Self {
        let problems = validate(&team);
        Self {
            index: MemberIndex::of(&team),
            team,
            path: path.map(absolute),
            source_name: source_name.into(),
            revision: 0,
            saved_revision: Some(0),
            history: History::default(),
            problems,
        }
    }

    /// Work restored after a crash: it belongs to `path` but has never been saved there.
    pub fn restored(team: Team, path: Option<PathBuf>, source_name: impl Into<String>) -> Self {
        let mut doc = Self::new(team, path, source_name);
        doc.saved_revision = None;
        doc
    }

    pub fn team(&self) -> &Team {
        &self.team
    }

    /// A member by id, without scanning the team.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.index.get(&self.team, id)
    }

    pub fn index(&self) -> &MemberIndex {
        &self.index
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn source_name(&self) -> &str {
        &self.source_name
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }

    /// The rules the team breaks now (see [`Self::apply`]).
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Apply an edit: on a copy, then validated. An edit that would break a rule the team
    /// keeps now is refused and the team stays as it was; otherwise the change is kept as
    /// one undo step (or joins the step of the gesture in progress).
    pub fn apply(&mut self, edit: Edit) -> Result<Applied, Refusal> {
        let key = edit.merge_key();
        let mut next = self.team.clone();
        let added = edit.apply_to(&mut next)?;
        if next == self.team {
            return Ok(Applied {
                changed: false,
                added,
            });
        }
        let problems = validate_after_edit(&next, &self.team, &self.problems);
        let known: std::collections::HashSet<&Problem> = self.problems.iter().collect();
        let new: Vec<&Problem> = problems.iter().filter(|p| !known.contains(p)).collect();
        match new.as_slice() {
            [] => {}
            [one] => return Err(Refusal::new(format!("Not changed: {one}."))),
            // An import can break several rules at once: each is listed, to correct together.
            many => {
                let list: Vec<String> = many.iter().map(|p| format!("  - {p}")).collect();
                return Err(Refusal::new(format!(
                    "Not changed: it would break {} rules:\n{}",
                    many.len(),
                    list.join("\n")
                )));
            }
        }
        self.history.record(&self.team, &next, key);
        self.set_team(next, problems);
        Ok(Applied {
            changed: true,
            added,
        })
    }

    /// The gesture in progress has ended (a drag stopped, a field lost focus): the next
    /// edit starts a new undo step even if it changes the same field.
    pub fn end_gesture(&mut self) {
        self.history.seal();
    }

    pub fn undo(&mut self) -> bool {
        let mut team = std::mem::take(&mut self.team);
        let done = self.history.undo(&mut team);
        self.after_history(team, done)
    }

    pub fn redo(&mut self) -> bool {
        let mut team = std::mem::take(&mut self.team);
        let done = self.history.redo(&mut team);
        self.after_history(team, done)
    }

    fn after_history(&mut self, team: Team, done: bool) -> bool {
        if done {
            let problems = validate(&team);
            self.set_team(team, problems);
        } else {
            self.team = team;
        }
        done
    }

    fn set_team(&mut self, team: Team, problems: Vec<Problem>) {
        self.team = team;
        self.index = MemberIndex::of(&self.team);
        self.problems = problems;
        self.revision += 1;
    }

    /// Another team in place of this one (File ▸ Open, New, a sample): a fresh history.
    pub fn replace(&mut self, other: Self) {
        let revision = self.revision + 1;
        *self = other;
        // Revisions only grow, so caches keyed by them never mistake the new team for the old.
        let saved = self.saved_revision.is_some();
        self.revision = revision;
        self.saved_revision = saved.then_some(revision);
    }

    /// The team is now on disk at `path` (a .ron save).
    pub fn mark_saved(&mut self, path: PathBuf, source_name: impl Into<String>) {
        self.path = Some(absolute(path));
        self.source_name = source_name.into();
        self.saved_revision = Some(self.revision);
    }

    /// Forget the unsaved changes' claim on the user (Discard): the team stays as it is.
    pub fn mark_discarded(&mut self) {
        self.saved_revision = Some(self.revision);
    }
}

/// The path from the root, so a recovery file written now still names it after a restart
/// from another folder.
fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineManager, Position};

    fn doc() -> Document {
        Document::new(crate::model::generate::synthetic_team(12, 3), None, "test")
    }

    #[test]
    fn an_edit_that_breaks_a_rule_is_refused_and_changes_nothing() {
        let mut d = doc();
        let before = d.team().clone();
        let mut m = d.team().members[0].clone();
        m.line_manager = LineManager::External {
            name: "  ".into(),
            agency: m.agency,
        };
        let refused = d.apply(Edit::UpdateMember {
            member: m,
            field: "line manager",
        });
        let reason = refused.unwrap_err().reason;
        assert!(reason.contains("line manager"), "{reason}");
        assert_eq!(*d.team(), before);
        assert!(!d.can_undo());
        assert!(!d.is_dirty());

        // Two disciplines with one name.
        let mut second = d.team().disciplines[1].clone();
        second.name.clone_from(&d.team().disciplines[0].name);
        assert!(d.apply(Edit::UpdateDiscipline(second)).is_err());
        // An over-long team name.
        let mut s = TeamSettings::of(d.team());
        s.name = "x".repeat(300);
        assert!(d
            .apply(Edit::UpdateTeam {
                settings: s,
                field: "name"
            })
            .is_err());
        assert_eq!(*d.team(), before);
    }

    /// A perception round added as an edit is stored protected (the same as the kiosk's and
    /// an import's), and one undo takes it away.
    #[test]
    fn a_perception_round_is_added_protected_in_one_undo_step() {
        use crate::model::{Answers, PerceptionRound, Rating, Response};
        let mut d = doc();
        let before = d.team().clone();
        let discipline = d.team().members[0].discipline;
        let response = Response {
            rater: Some(discipline),
            rater_family: None,
            side: None,
            feel_valued: Some(4),
            answers: Answers::Ratings(vec![Rating {
                discipline,
                say: Some(3),
                valued: Some(5),
            }]),
        };
        let round = PerceptionRound {
            label: "Away day".into(),
            date: "2026-12-05".into(),
            responses: vec![response; 4],
            protected: false,
            instrument: None,
            snapshot: None,
        };
        d.apply(Edit::AddPerceptionRound(Box::new(round))).unwrap();
        assert_eq!(d.team().perceptions.len(), 1);
        assert!(d.team().perceptions[0].protected, "stored protected");
        assert!(d.undo());
        assert_eq!(*d.team(), before);
    }

    /// Re-rating to a year the library has changes the pay year in one undo step; to one it
    /// has not, it is refused and nothing changes.
    #[test]
    fn rerating_to_a_year_is_one_step_or_refused() {
        let mut d = doc();
        let before = d.team().clone();
        assert!(d
            .apply(Edit::RerateTo {
                year: "1999/00".into()
            })
            .is_err());
        assert_eq!(*d.team(), before);
        let year = crate::model::pay::years()
            .into_iter()
            .find(|y| Some(*y) != before.pay_year.as_deref())
            .unwrap();
        d.apply(Edit::RerateTo { year: year.into() }).unwrap();
        assert_eq!(d.team().pay_year.as_deref(), Some(year));
        assert!(d.undo());
        assert_eq!(*d.team(), before);
    }

    /// A sheet's members come in whole, with a discipline they name, as one undo step; a
    /// sheet with a bad cell is refused with its line and column, and nothing changes.
    #[test]
    fn members_are_imported_whole_in_one_step_or_refused_by_cell() {
        let mut d = doc();
        let before = d.team().clone();
        let sheet = |text: &str| Box::new(crate::model::csv::Sheet::read(text).unwrap());
        let good = "name,discipline,fte,salary\nAsha Patel,Art therapy,0.6,36000\nBen Cole,Art therapy,1,38000\n";
        d.apply(Edit::ImportMembers(sheet(good))).unwrap();
        assert_eq!(d.team().members.len(), before.members.len() + 2);
        let art = d
            .team()
            .disciplines
            .iter()
            .find(|x| x.name == "Art therapy");
        let art = art.expect("the new discipline is added").id;
        let added = &d.team().members[before.members.len()..];
        assert_eq!(added[0].name, "Asha Patel");
        assert!(added.iter().all(|m| m.discipline == art));
        assert!((added[0].fte - 0.6).abs() < 1e-12);
        assert!(d.undo());
        assert_eq!(*d.team(), before);

        let bad = "name,discipline,fte,salary\nAsha Patel,Art therapy,0.6,36000\nBen Cole,Art therapy,lots,38000\n";
        let refused = d.apply(Edit::ImportMembers(sheet(bad))).unwrap_err();
        let problems = refused.sheet.expect("the sheet's problems");
        assert_eq!(problems.rows.len(), 1, "{problems}");
        assert_eq!(problems.rows[0].line, 3);
        assert_eq!(problems.rows[0].column.as_deref(), Some("fte"));
        assert_eq!(*d.team(), before);
        assert!(!d.can_undo());
    }

    #[test]
    fn edits_undo_redo_and_the_index_follow_each_other() {
        let mut d = doc();
        let applied = d.apply(Edit::AddMember {
            at: Position { x: 1.0, y: 2.0 },
        });
        let id = applied.unwrap().added.unwrap();
        assert_eq!(d.member(id).map(|m| m.position.x), Some(1.0));
        assert!(d.is_dirty());
        let r = d.revision();
        assert!(d.undo());
        assert!(d.member(id).is_none());
        assert!(d.revision() > r);
        assert!(d.redo());
        assert!(d.member(id).is_some());
        d.mark_saved(PathBuf::from("x.ron"), "x.ron");
        assert!(!d.is_dirty());
    }

    #[test]
    fn a_team_opened_with_problems_can_be_edited_but_not_made_worse() {
        let mut team = crate::model::generate::synthetic_team(5, 1);
        team.members[0].fte = 7.0; // breaks a rule
        let mut d = Document::new(team, None, "bad");
        assert_eq!(d.problems().len(), 1);
        // An unrelated edit is fine; a new problem is not.
        let mut m = d.team().members[1].clone();
        m.job_title = "Lead".into();
        assert!(d
            .apply(Edit::UpdateMember {
                member: m,
                field: "job title"
            })
            .is_ok());
        let mut m = d.team().members[2].clone();
        m.team_share = 0.0;
        assert!(d
            .apply(Edit::UpdateMember {
                member: m,
                field: "team share"
            })
            .is_err());
        // Fixing it clears the list.
        let mut m = d.team().members[0].clone();
        m.fte = 0.5;
        assert!(d
            .apply(Edit::UpdateMember {
                member: m,
                field: "fte"
            })
            .is_ok());
        assert!(d.problems().is_empty());
    }
}
