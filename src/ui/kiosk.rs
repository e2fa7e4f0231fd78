//! The perception round in the room: one laptop passed from person to person, full screen.
//! Big targets and keys 1–5; one discipline per screen; "Done, pass it on" blanks the screen
//! so no answer is ever shown to the next person. The facilitator ends the round with
//! Ctrl+Shift+E, which a participant would not press by chance. Two modes, chosen by the
//! facilitator before the first person: ratings (each discipline's say and valued expertise,
//! 1–5) or pairs (about ten pairs each, "which has more say", every pair shown about equally
//! often over the round).

use egui::{Align, Key, Layout, Modifiers, RichText, Vec2};

use crate::model::perceptions::{
    ASK_FOR_THE_TEAMS_VIEW, FEEL_VALUED_QUESTION, PAIRWISE_QUESTION, SAY_QUESTION, VALUED_QUESTION,
};
use crate::model::{Answers, Choice, DisciplineId, PerceptionRound, Rating, Response, Team};

/// Pairs each person is shown in pairwise mode (fewer when the team has fewer pairs).
pub const PAIRS_PER_PERSON: usize = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KioskMode {
    Ratings,
    Pairwise,
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
    FeelValued,
    /// Rating the discipline at this index.
    Rate(usize),
    /// The k-th of this person's pairs.
    Pair(usize),
    Done,
}

/// One person's answers while they give them; dropped when they pass the laptop on.
#[derive(Clone, Debug, Default)]
struct Draft {
    rater: Option<DisciplineId>,
    feel_valued: Option<u8>,
    ratings: Vec<Rating>,
    /// This person's pairs, in the order shown, and their choices.
    pairs: Vec<(DisciplineId, DisciplineId)>,
    choices: Vec<Choice>,
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
        PerceptionRound {
            label: self.label,
            date: self.date,
            responses: self.responses,
            protected: false,
            instrument: None,
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
        };
        self.responses.push(Response {
            rater: draft.rater,
            rater_family: None,
            feel_valued: draft.feel_valued,
            answers,
        });
        self.screen = Screen::Blank;
    }

    /// The screen after feeling valued.
    fn first_question(&mut self) -> Screen {
        match self.mode {
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

fn big(text: impl Into<String>) -> RichText {
    RichText::new(text).size(30.0)
}

fn button(ui: &mut egui::Ui, text: impl Into<String>) -> bool {
    ui.add(egui::Button::new(big(text)).min_size(Vec2::new(220.0, 64.0)))
        .clicked()
}

/// The 1–5 answer typed this frame, if any.
fn number_key(ui: &egui::Ui) -> Option<u8> {
    let keys = [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5];
    ui.input_mut(|i| {
        keys.iter()
            .zip(1..)
            .find(|(k, _)| i.consume_key(Modifiers::NONE, **k))
            .map(|(_, v)| v)
    })
}

/// A row of five big buttons, 1 to 5, with the current answer selected.
fn scale(ui: &mut egui::Ui, current: Option<u8>, what: &str) -> Option<u8> {
    let mut chosen = None;
    ui.horizontal(|ui| {
        // Centred: five buttons and the gaps between them.
        let row = 5.0 * 90.0 + 4.0 * ui.spacing().item_spacing.x;
        ui.add_space(((ui.available_width() - row) / 2.0).max(0.0));
        for v in 1..=5_u8 {
            let r = ui
                .add(
                    egui::Button::selectable(current == Some(v), big(v.to_string()))
                        .min_size(Vec2::new(90.0, 72.0)),
                )
                .on_hover_text(format!("{what}: {v}"));
            if r.clicked() {
                chosen = Some(v);
            }
        }
    });
    chosen
}

/// Draw the kiosk full screen. Returns `Some` when the facilitator ends the round.
pub fn show(ui: &mut egui::Ui, kiosk: &mut Kiosk) -> Option<KioskEnd> {
    if ui.input_mut(|i| i.consume_shortcut(&END_ROUND)) {
        return Some(KioskEnd::End);
    }
    let enter = ui.input_mut(|i| {
        i.consume_key(Modifiers::NONE, Key::Enter) || i.consume_key(Modifiers::NONE, Key::Space)
    });
    ui.with_layout(Layout::top_down(Align::Center), |ui| {
        ui.add_space(ui.available_height() * 0.12);
        match kiosk.screen {
            Screen::Setup => {
                ui.label(
                    big("A perception round: how do the professions here see each other?").strong(),
                );
                ui.add_space(12.0);
                ui.label(
                    RichText::new(
                        "Facilitator: choose how people answer, then pass the laptop round.",
                    )
                    .size(20.0),
                );
                ui.add_space(30.0);
                if button(ui, "Ratings: each profession, 1 to 5") || enter {
                    kiosk.mode = KioskMode::Ratings;
                    kiosk.screen = Screen::Blank;
                }
                ui.add_space(12.0);
                if button(ui, "Pairs: which of two has more say") {
                    kiosk.mode = KioskMode::Pairwise;
                    kiosk.screen = Screen::Blank;
                }
            }
            Screen::Blank => {
                ui.label(big("How do the professions here see each other?").strong());
                ui.add_space(12.0);
                ui.label(
                    RichText::new(
                        "Anonymous: no name is asked, and no answer is shown to the next person.",
                    )
                    .size(20.0),
                );
                ui.add_space(8.0);
                // Who will see what: said before anyone answers.
                let width = ui.available_width().min(900.0);
                ui.allocate_ui(Vec2::new(width, 0.0), |ui| {
                    ui.label(
                        RichText::new(format!(
                            "The team sees only figures from at least {} people's answers. Your manager's file keeps \
                             the answers without names, in shuffled order, and without the time given; if your \
                             profession has fewer than {} people here, your answers are kept under your \
                             professional family, or with everyone else's, not your profession.",
                            kiosk.min_group, kiosk.min_group
                        ))
                        .size(17.0)
                        .weak(),
                    );
                });
                ui.add_space(30.0);
                if button(ui, "Start") || enter {
                    kiosk.draft = Draft::default();
                    kiosk.screen = Screen::Rater;
                }
                ui.add_space(40.0);
                ui.label(
                    RichText::new(format!(
                        "{} so far. Facilitator: Ctrl+Shift+E ends the round.",
                        crate::format::count(kiosk.respondents(), "person", "people")
                    ))
                    .weak(),
                );
            }
            Screen::Rater => {
                ui.label(big("Which is your own profession?").strong());
                ui.add_space(20.0);
                let mut chosen: Option<Option<DisciplineId>> = None;
                // Several to a row: a team of a dozen disciplines fits one screen.
                let width = ui.available_width().min(1100.0);
                ui.allocate_ui(Vec2::new(width, 0.0), |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for (id, name) in &kiosk.disciplines {
                            if button(ui, name) {
                                chosen = Some(Some(*id));
                            }
                        }
                    });
                });
                ui.add_space(12.0);
                let zero = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Num0));
                if button(ui, "Prefer not to say") || zero {
                    chosen = Some(None);
                }
                ui.label(RichText::new("(0 on the keyboard: prefer not to say)").weak());
                if let Some(rater) = chosen {
                    kiosk.draft.rater = rater;
                    kiosk.screen = Screen::FeelValued;
                }
            }
            Screen::FeelValued => {
                ui.label(big(FEEL_VALUED_QUESTION).strong());
                ui.label(
                    RichText::new("1 = not at all, 5 = very much. Press 1 to 5, or click.")
                        .size(20.0),
                );
                ui.add_space(20.0);
                let typed = number_key(ui);
                if let Some(v) = scale(ui, kiosk.draft.feel_valued, "feel valued").or(typed) {
                    kiosk.draft.feel_valued = Some(v);
                    kiosk.screen = kiosk.first_question();
                }
                ui.add_space(20.0);
                if button(ui, "Skip") {
                    kiosk.screen = kiosk.first_question();
                }
            }
            Screen::Rate(k) => {
                let Some((id, name)) = kiosk.disciplines.get(k).cloned() else {
                    kiosk.screen = Screen::Done;
                    return;
                };
                ui.label(RichText::new(format!("{} of {}", k + 1, kiosk.disciplines.len())).weak());
                ui.label(RichText::new(name).size(40.0).strong());
                ui.label(RichText::new(ASK_FOR_THE_TEAMS_VIEW).size(20.0));
                ui.add_space(16.0);
                let typed = number_key(ui);
                let current = *kiosk.rating_mut(id);
                ui.label(big(SAY_QUESTION));
                let say = scale(ui, current.say, "say");
                ui.add_space(16.0);
                ui.label(big(VALUED_QUESTION));
                let valued = scale(ui, current.valued, "valued");
                // Keys answer the first open question on the screen, then the next.
                let r = kiosk.rating_mut(id);
                if let Some(v) = say {
                    r.say = Some(v);
                }
                if let Some(v) = valued {
                    r.valued = Some(v);
                }
                if let Some(v) = typed {
                    if r.say.is_none() {
                        r.say = Some(v);
                    } else {
                        r.valued = Some(v);
                    }
                }
                let both = r.say.is_some() && r.valued.is_some();
                ui.add_space(20.0);
                let skip = button(ui, if both { "Next" } else { "Skip" });
                if skip || enter || (both && (typed.is_some() || valued.is_some())) {
                    kiosk.screen = kiosk.next_after_rating(k);
                }
            }
            Screen::Pair(k) => {
                let Some((a, b)) = kiosk.draft.pairs.get(k).copied() else {
                    kiosk.screen = Screen::Done;
                    return;
                };
                ui.label(RichText::new(format!("{} of {}", k + 1, kiosk.draft.pairs.len())).weak());
                ui.label(big(PAIRWISE_QUESTION).strong());
                ui.label(RichText::new(ASK_FOR_THE_TEAMS_VIEW).size(20.0));
                ui.label(
                    RichText::new("Press 1 for the left, 2 for the right, or click.").size(20.0),
                );
                ui.add_space(24.0);
                let typed = number_key(ui);
                let mut picked = None;
                ui.horizontal(|ui| {
                    let w = 2.0 * 380.0 + ui.spacing().item_spacing.x;
                    ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                    for (side, id) in [(1, a), (2, b)] {
                        let label = big(kiosk.name(id).to_owned());
                        if ui
                            .add(egui::Button::new(label).min_size(Vec2::new(380.0, 120.0)))
                            .clicked()
                            || typed == Some(side)
                        {
                            picked = Some(id);
                        }
                    }
                });
                ui.add_space(20.0);
                let skip = button(ui, "Can't say");
                if let Some(higher) = picked {
                    let lower = if higher == a { b } else { a };
                    kiosk.draft.choices.push(Choice { higher, lower });
                }
                if picked.is_some() || skip {
                    kiosk.screen = if k + 1 < kiosk.draft.pairs.len() {
                        Screen::Pair(k + 1)
                    } else {
                        Screen::Done
                    };
                }
            }
            Screen::Done => {
                ui.label(big("Thank you.").strong());
                ui.add_space(20.0);
                if button(ui, "Done, pass it on") || enter {
                    kiosk.pass_on();
                }
            }
        }
    });
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
