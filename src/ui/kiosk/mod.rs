//! The perception round in the room: one laptop passed from person to person, full screen.
//! Big targets and keys 1–5; one discipline per screen; "Done, pass it on" blanks the screen
//! so no answer is ever shown to the next person. The facilitator ends the round with
//! Ctrl+Shift+E, which a participant would not press by chance. Two modes, chosen by the
//! facilitator before the first person: ratings (each discipline's say and valued expertise,
//! 1–5) or pairs (about ten pairs each, "which has more say", every pair shown about equally
//! often over the round). Or any instrument (a shipped form, or one the team's rounds were
//! imported with): its team items, then each other discipline in a random order for each
//! person, one item to a screen, with "I don't work with them" where the instrument offers
//! it.

use egui::{Align, Key, Layout, Modifiers, RichText, Vec2};

use crate::model::instrument::{About, Instrument};
use crate::model::perceptions::{
    side_question, ASK_FOR_THE_TEAMS_VIEW, FEEL_VALUED_QUESTION, PAIRWISE_QUESTION, SAY_QUESTION,
    VALUED_QUESTION,
};
use crate::model::{
    Answers, Choice, DisciplineId, ItemAnswer, PerceptionRound, Rating, Response, Side, Team,
};

mod screens;

use screens::instruments_for;
pub use screens::show;

/// Pairs each person is shown in pairwise mode (fewer when the team has fewer pairs).
pub const PAIRS_PER_PERSON: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KioskMode {
    Ratings,
    Pairwise,
    /// The instrument at this index of [`Kiosk::instruments`].
    Instrument(usize),
}

/// The facilitator's key combination to end the round.
pub const END_ROUND: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Screen {
    /// The facilitator chooses ratings or pairs, before the first person.
    Setup,
    /// Nothing of anyone's answers: waiting for the next person.
    Blank,
    Rater,
    /// Core or periphery, where the round has questions about the team to compare them on.
    Side,
    FeelValued,
    /// Rating the discipline at this index.
    Rate(usize),
    /// The k-th of this person's pairs.
    Pair(usize),
    /// The k-th question of this person's plan (an instrument's item about the team or a
    /// group).
    Item(usize),
    Done,
}

/// One person's answers while they give them; dropped when they pass the laptop on.
#[derive(Clone, Debug, Default)]
struct Draft {
    rater: Option<DisciplineId>,
    side: Option<Side>,
    feel_valued: Option<u8>,
    ratings: Vec<Rating>,
    /// This person's pairs, in the order shown, and their choices.
    pairs: Vec<(DisciplineId, DisciplineId)>,
    choices: Vec<Choice>,
    /// This person's questions, in the order asked: an item (by index) about the team
    /// (`None`) or a discipline, and their answers (`None` value: "I don't work with them").
    plan: Vec<(usize, Option<DisciplineId>)>,
    answers: Vec<ItemAnswer>,
}

pub struct Kiosk {
    pub label: String,
    pub date: String,
    disciplines: Vec<(DisciplineId, String)>,
    responses: Vec<Response>,
    screen: Screen,
    draft: Draft,
    mode: KioskMode,
    /// How often each pair (by index into `all_pairs`) has been shown this round.
    shown: Vec<usize>,
    /// A small generator for the order of pairs and sides (xorshift; no need for more).
    seed: u64,
    /// The team's minimum group size: said on the opening screen.
    min_group: usize,
    /// The instruments the facilitator can choose: those the team's rounds were imported
    /// with, then the shipped forms (the short form is the ratings mode).
    instruments: Vec<Instrument>,
    /// The team's core threshold, asked as a question ([`side_question`]).
    side_question: String,
}

impl Kiosk {
    pub fn new(team: &Team, label: String, date: String) -> Self {
        Self {
            label,
            date,
            disciplines: team
                .disciplines
                .iter()
                .map(|d| (d.id, d.name.clone()))
                .collect(),
            responses: Vec::new(),
            screen: Screen::Setup,
            draft: Draft::default(),
            mode: KioskMode::Ratings,
            shown: Vec::new(),
            seed: 0x9E37_79B9_7F4A_7C15,
            min_group: team.min_group_size,
            instruments: instruments_for(team),
            side_question: side_question(team),
        }
    }

    /// The instruments on offer, in the order of the setup screen's keys 3, 4…
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// Run the round on the instrument at `index`, skipping the setup screen (the facilitator
    /// chose it before the round, as `--instrument` does).
    pub fn choose_instrument(&mut self, index: usize) {
        if index < self.instruments.len() {
            self.mode = KioskMode::Instrument(index);
            self.screen = Screen::Blank;
        }
    }

    fn instrument(&self) -> Option<&Instrument> {
        match self.mode {
            KioskMode::Instrument(k) => self.instruments.get(k),
            _ => None,
        }
    }

    /// This person's questions: the team items in the instrument's order, then each other
    /// discipline (their own left out) in a random order, its items in the instrument's.
    fn plan(&mut self, own: Option<DisciplineId>) -> Vec<(usize, Option<DisciplineId>)> {
        let Some(instrument) = self.instrument() else {
            return Vec::new();
        };
        let team_items: Vec<usize> = (0..instrument.items.len())
            .filter(|k| instrument.items[*k].about == About::Team)
            .collect();
        let each_items: Vec<usize> = (0..instrument.items.len())
            .filter(|k| instrument.items[*k].about == About::Each)
            .collect();
        let mut groups: Vec<DisciplineId> = if each_items.is_empty() {
            Vec::new()
        } else {
            self.disciplines
                .iter()
                .map(|d| d.0)
                .filter(|d| Some(*d) != own)
                .collect()
        };
        for i in (1..groups.len()).rev() {
            let j = (self.next_random() % (i as u64 + 1)) as usize;
            groups.swap(i, j);
        }
        let mut plan: Vec<(usize, Option<DisciplineId>)> =
            team_items.into_iter().map(|k| (k, None)).collect();
        for g in groups {
            plan.extend(each_items.iter().map(|k| (*k, Some(g))));
        }
        plan
    }

    fn answer(&mut self, k: usize, value: Option<u8>) {
        let Some((item, about)) = self.draft.plan.get(k).copied() else {
            return;
        };
        let Some(id) = self.instrument().map(|i| i.items[item].id.clone()) else {
            return;
        };
        self.draft
            .answers
            .retain(|a| !(a.item == id && a.about == about));
        self.draft.answers.push(ItemAnswer {
            item: id,
            about,
            value,
        });
    }

    /// "I don't work with them": every item about the group of question `k` is answered so,
    /// and the next question is the next group's first.
    fn not_applicable_from(&mut self, k: usize) -> Screen {
        let about = self.draft.plan.get(k).and_then(|q| q.1);
        let mut next = k;
        while let Some(q) = self.draft.plan.get(next) {
            if q.1 != about || about.is_none() {
                break;
            }
            self.answer(next, None);
            next += 1;
        }
        self.item_screen(next.max(k + 1))
    }

    fn item_screen(&self, k: usize) -> Screen {
        if k < self.draft.plan.len() {
            Screen::Item(k)
        } else {
            Screen::Done
        }
    }

    /// Seed the pair order (the app uses the clock; tests a constant).
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed | 1;
        self
    }

    fn next_random(&mut self) -> u64 {
        let mut x = self.seed;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.seed = x;
        x
    }

    fn all_pairs(&self) -> Vec<(DisciplineId, DisciplineId)> {
        let ids: Vec<DisciplineId> = self.disciplines.iter().map(|d| d.0).collect();
        let mut out = Vec::new();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                out.push((*a, *b));
            }
        }
        out
    }

    /// This person's pairs: the least shown so far (ties in random order), in random order,
    /// each side at random, so every pair is shown about equally often over the round.
    fn choose_pairs(&mut self) -> Vec<(DisciplineId, DisciplineId)> {
        let all = self.all_pairs();
        self.shown.resize(all.len(), 0);
        let mut order: Vec<(usize, u64)> =
            (0..all.len()).map(|k| (k, self.next_random())).collect();
        order.sort_by_key(|(k, r)| (self.shown[*k], *r));
        let mut chosen: Vec<usize> = order
            .into_iter()
            .take(PAIRS_PER_PERSON.min(all.len()))
            .map(|(k, _)| k)
            .collect();
        for k in &chosen {
            self.shown[*k] += 1;
        }
        // Shuffle the order shown (Fisher–Yates), and each pair's sides.
        for i in (1..chosen.len()).rev() {
            let j = (self.next_random() % (i as u64 + 1)) as usize;
            chosen.swap(i, j);
        }
        chosen
            .into_iter()
            .map(|k| {
                let (a, b) = all[k];
                if self.next_random().is_multiple_of(2) {
                    (a, b)
                } else {
                    (b, a)
                }
            })
            .collect()
    }

    fn name(&self, id: DisciplineId) -> &str {
        self.disciplines
            .iter()
            .find(|d| d.0 == id)
            .map_or("?", |d| d.1.as_str())
    }

    /// How many people have finished.
    pub fn respondents(&self) -> usize {
        self.responses.len()
    }

    /// The round so far, to add to the team.
    pub fn into_round(self) -> PerceptionRound {
        let instrument = self.instrument().cloned();
        PerceptionRound {
            label: self.label,
            date: self.date,
            responses: self.responses,
            protected: false,
            instrument,
            snapshot: None,
        }
    }

    fn rating_mut(&mut self, d: DisciplineId) -> &mut Rating {
        let at = if let Some(k) = self.draft.ratings.iter().position(|r| r.discipline == d) {
            k
        } else {
            self.draft.ratings.push(Rating {
                discipline: d,
                say: None,
                valued: None,
            });
            self.draft.ratings.len() - 1
        };
        &mut self.draft.ratings[at]
    }

    fn next_after_rating(&self, k: usize) -> Screen {
        if k + 1 < self.disciplines.len() {
            Screen::Rate(k + 1)
        } else {
            Screen::Done
        }
    }

    fn pass_on(&mut self) {
        let draft = std::mem::take(&mut self.draft);
        let answers = match self.mode {
            KioskMode::Ratings => Answers::Ratings(
                draft
                    .ratings
                    .into_iter()
                    .filter(|r| r.say.is_some() || r.valued.is_some())
                    .collect(),
            ),
            KioskMode::Pairwise => Answers::Pairwise(draft.choices),
            KioskMode::Instrument(_) => Answers::Items(draft.answers),
        };
        self.responses.push(Response {
            rater: draft.rater,
            rater_family: None,
            side: draft.side,
            feel_valued: draft.feel_valued,
            answers,
        });
        self.screen = Screen::Blank;
    }

    /// The screen after the rater: their side, where the round asks about the team (feeling
    /// valued, or an instrument's team items), else the questions.
    fn after_rater(&mut self) -> Screen {
        let about_team = match self.mode {
            KioskMode::Ratings => true,
            KioskMode::Pairwise => false,
            KioskMode::Instrument(_) => self
                .instrument()
                .is_some_and(|i| i.items.iter().any(|i| i.about == About::Team)),
        };
        if about_team {
            Screen::Side
        } else {
            self.after_side()
        }
    }

    /// The screen after the side: feeling valued (the short form), or the first question.
    fn after_side(&mut self) -> Screen {
        match self.mode {
            KioskMode::Instrument(_) => self.first_question(),
            KioskMode::Ratings | KioskMode::Pairwise => Screen::FeelValued,
        }
    }

    /// The screen after feeling valued (or after the rater, for an instrument).
    fn first_question(&mut self) -> Screen {
        match self.mode {
            KioskMode::Instrument(_) => {
                self.draft.plan = self.plan(self.draft.rater);
                self.item_screen(0)
            }
            KioskMode::Ratings if !self.disciplines.is_empty() => Screen::Rate(0),
            KioskMode::Pairwise => {
                self.draft.pairs = self.choose_pairs();
                if self.draft.pairs.is_empty() {
                    Screen::Done
                } else {
                    Screen::Pair(0)
                }
            }
            KioskMode::Ratings => Screen::Done,
        }
    }
}

/// What the kiosk asks of the app this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KioskEnd {
    /// The facilitator ended the round.
    End,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With the collaboration form, each person is asked about every other discipline, in
    /// an order drawn for them: two people get two different orders of the same five.
    #[test]
    fn each_person_meets_the_groups_in_their_own_order() {
        let mut team = Team::default();
        for k in 0..6 {
            crate::model::library::discipline_named(&mut team, &format!("D{k}"));
        }
        let own = team.disciplines[0].id;
        let mut kiosk = Kiosk::new(&team, "t".into(), "2026-12-05".into()).with_seed(7);
        let collaboration = kiosk
            .instruments()
            .iter()
            .position(|i| i.name.starts_with("Collaboration"))
            .unwrap();
        kiosk.choose_instrument(collaboration);
        let order = |plan: &[(usize, Option<DisciplineId>)]| {
            let mut groups: Vec<DisciplineId> = Vec::new();
            for (_, about) in plan {
                if let Some(d) = about {
                    if groups.last() != Some(d) {
                        groups.push(*d);
                    }
                }
            }
            groups
        };
        let first = order(&kiosk.plan(Some(own)));
        let second = order(&kiosk.plan(Some(own)));
        assert_eq!(first.len(), 5, "everyone but their own: {first:?}");
        let mut a = first.clone();
        let mut b = second.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same groups");
        assert!(!a.contains(&own));
        assert_ne!(first, second, "in different orders");
        // 13 items about each of the 5.
        assert_eq!(kiosk.plan(Some(own)).len(), 13 * 5);
    }

    /// Five disciplines make ten pairs; three people shown ten each see every pair three
    /// times. Eleven make 55: eleven people shown ten each see every pair twice.
    #[test]
    fn every_pair_is_shown_about_equally_often() {
        for (n, people, times) in [(5, 3, 3), (11, 11, 2)] {
            let mut team = Team::default();
            for k in 0..n {
                crate::model::library::discipline_named(&mut team, &format!("D{k}"));
            }
            let mut kiosk = Kiosk::new(&team, "t".into(), "2026-11-27".into()).with_seed(42);
            for _ in 0..people {
                let pairs = kiosk.choose_pairs();
                assert_eq!(pairs.len(), PAIRS_PER_PERSON.min(n * (n - 1) / 2));
            }
            assert!(
                kiosk.shown.iter().all(|s| *s == times),
                "{n}: {:?}",
                kiosk.shown
            );
        }
    }
}
