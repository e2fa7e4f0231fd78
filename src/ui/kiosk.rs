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

fn big(text: impl Into<String>) -> RichText {
    RichText::new(text).size(30.0)
}

fn button(ui: &mut egui::Ui, text: impl Into<String>) -> bool {
    ui.add(egui::Button::new(big(text)).min_size(Vec2::new(220.0, 64.0)))
        .clicked()
}

/// The 1–5 answer typed this frame, if any.
fn number_key(ui: &egui::Ui) -> Option<u8> {
    number_key_up_to(ui, 5)
}

/// A digit from 1 to `max` (at most 9) typed this frame, if any.
fn number_key_up_to(ui: &egui::Ui, max: u8) -> Option<u8> {
    let keys = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ];
    ui.input_mut(|i| {
        keys.iter()
            .zip(1..=max.min(9))
            .find(|(k, _)| i.consume_key(Modifiers::NONE, **k))
            .map(|(_, v)| v)
    })
}

/// One item of an instrument: whom it asks about, its text, its scale as big buttons (keys
/// answer where the scale's numbers are single digits), "I don't work with them" (N) where
/// the instrument offers it, and Skip (Enter).
fn item_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk, k: usize, enter: bool) {
    let Some((item_index, about)) = kiosk.draft.plan.get(k).copied() else {
        kiosk.screen = Screen::Done;
        return;
    };
    let Some(instrument) = kiosk.instrument() else {
        kiosk.screen = Screen::Done;
        return;
    };
    let item = instrument.items[item_index].clone();
    let offers_na = instrument.not_applicable && about.is_some();
    let total = kiosk.draft.plan.len();
    ui.label(RichText::new(format!("Question {} of {total}", k + 1)).weak());
    ui.add(
        egui::ProgressBar::new(k as f32 / total.max(1) as f32)
            .desired_width(ui.available_width().min(600.0)),
    );
    ui.add_space(12.0);
    let whom = match about {
        Some(d) => kiosk.name(d).to_owned(),
        None => "This team".to_owned(),
    };
    ui.label(RichText::new(whom).size(40.0).strong());
    ui.add_space(8.0);
    let width = ui.available_width().min(1000.0);
    ui.allocate_ui(Vec2::new(width, 0.0), |ui| {
        ui.vertical_centered(|ui| ui.label(big(item.text.clone()).strong()));
    });
    ui.label(
        RichText::new(format!(
            "{} = disagree strongly, {} = agree strongly.{}",
            item.min,
            item.max,
            if item.max <= 9 && item.min >= 1 {
                " Press a number, or click."
            } else {
                ""
            }
        ))
        .size(20.0),
    );
    ui.add_space(16.0);
    let current = kiosk
        .draft
        .answers
        .iter()
        .find(|a| a.item == item.id && a.about == about)
        .and_then(|a| a.value);
    let typed = if item.min >= 1 {
        number_key_up_to(ui, item.max).filter(|v| *v >= item.min)
    } else {
        None
    };
    let mut chosen = typed;
    ui.horizontal(|ui| {
        let count = f32::from(item.max - item.min + 1);
        let w = (ui.available_width() / count - ui.spacing().item_spacing.x).clamp(40.0, 90.0);
        let row = count * (w + ui.spacing().item_spacing.x);
        ui.add_space(((ui.available_width() - row) / 2.0).max(0.0));
        for v in item.min..=item.max {
            let r = ui.add(
                egui::Button::selectable(current == Some(v), big(v.to_string()))
                    .min_size(Vec2::new(w, 72.0)),
            );
            if r.clicked() {
                chosen = Some(v);
            }
        }
    });
    ui.add_space(20.0);
    let na_key = offers_na && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::N));
    let mut na = false;
    ui.horizontal(|ui| {
        let w = if offers_na { 2.0 * 320.0 } else { 220.0 };
        ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
        if offers_na {
            na = ui
                .add(
                    egui::Button::new(big("I don't work with them (N)"))
                        .min_size(Vec2::new(300.0, 64.0)),
                )
                .clicked();
        }
        if ui
            .add(egui::Button::new(big("Skip")).min_size(Vec2::new(220.0, 64.0)))
            .clicked()
        {
            kiosk.screen = kiosk.item_screen(k + 1);
        }
    });
    if let Some(v) = chosen {
        kiosk.answer(k, Some(v));
        kiosk.screen = kiosk.item_screen(k + 1);
    } else if na || na_key {
        kiosk.screen = kiosk.not_applicable_from(k);
    } else if enter {
        kiosk.screen = kiosk.item_screen(k + 1);
    }
}

/// The instruments a round can ask: those the team's rounds keep (imported ones among
/// them), then the shipped forms, each once by name; the short form is the ratings mode.
fn instruments_for(team: &Team) -> Vec<Instrument> {
    let mut out: Vec<Instrument> = Vec::new();
    let shipped = crate::model::instrument::shipped();
    let kept = team.perceptions.iter().filter_map(|r| r.instrument.clone());
    for i in kept.chain(shipped) {
        if i.name != crate::model::instrument::SHORT_FORM && !out.iter().any(|o| o.name == i.name) {
            out.push(i);
        }
    }
    out
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
                if button(ui, "1: Ratings: each profession, 1 to 5")
                    || enter
                    || ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Num1))
                {
                    kiosk.mode = KioskMode::Ratings;
                    kiosk.screen = Screen::Blank;
                }
                ui.add_space(12.0);
                let key = number_key_up_to(ui, 9);
                if button(ui, "2: Pairs: which of two has more say") || key == Some(2) {
                    kiosk.mode = KioskMode::Pairwise;
                    kiosk.screen = Screen::Blank;
                }
                let mut chosen = None;
                for (k, instrument) in kiosk.instruments.iter().enumerate() {
                    ui.add_space(12.0);
                    let number = k + 3;
                    let text = format!("{number}: {}", instrument.name);
                    if button(ui, text) || key.map(usize::from) == Some(number) {
                        chosen = Some(k);
                    }
                }
                if let Some(k) = chosen {
                    kiosk.choose_instrument(k);
                }
                ui.add_space(12.0);
                ui.label(
                    RichText::new("Keys: Enter or 1 for ratings, 2 for pairs, 3 and on for the forms.")
                        .weak(),
                );
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
                             profession has fewer than {} people here, or on your side of the team's core, \
                             your answers are kept under your professional family, or with everyone else's, \
                             not your profession.",
                            kiosk.min_group, kiosk.min_group
                        ))
                        .size(17.0)
                        .weak(),
                    );
                });
                if let Some(instrument) = kiosk.instrument() {
                    let about = |a: About| instrument.items.iter().filter(|i| i.about == a).count();
                    let mut parts: Vec<String> = Vec::new();
                    if about(About::Team) > 0 {
                        parts.push(format!("{} about the team", about(About::Team)));
                    }
                    if about(About::Each) > 0 {
                        parts.push(format!(
                            "{} about each other profession, the professions in a different order for each person",
                            about(About::Each)
                        ));
                    }
                    let text = format!(
                        "Today's questions: {}. {}. Any question can be skipped{}.",
                        instrument.name,
                        crate::format::capitalised(&parts.join(", then ")),
                        if instrument.not_applicable {
                            ", and “I don't work with them” skips a profession"
                        } else {
                            ""
                        }
                    );
                    ui.add_space(8.0);
                    ui.allocate_ui(Vec2::new(width, 0.0), |ui| {
                        ui.label(RichText::new(text).size(17.0).weak());
                    });
                }
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
                    kiosk.screen = kiosk.after_rater();
                }
            }
            Screen::Side => {
                ui.label(big(kiosk.side_question.clone()).strong());
                ui.add_space(8.0);
                let width = ui.available_width().min(900.0);
                ui.allocate_ui(Vec2::new(width, 0.0), |ui| {
                    ui.label(
                        RichText::new(
                            "People who work part of their week here, or also in other teams, can see a team \
                             differently. This lets the team compare the two sides, never name anyone. \
                             Press 1 or 2, or 0 to prefer not to say.",
                        )
                        .size(20.0),
                    );
                });
                ui.add_space(20.0);
                let typed = number_key_up_to(ui, 2);
                let zero = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Num0));
                let mut chosen: Option<Option<Side>> = None;
                // One above the other, centred as the rest of the screen is.
                if button(ui, "1: Yes, at least that") || typed == Some(1) {
                    chosen = Some(Some(Side::Core));
                }
                ui.add_space(8.0);
                if button(ui, "2: No, less than that") || typed == Some(2) {
                    chosen = Some(Some(Side::Peripheral));
                }
                ui.add_space(12.0);
                if button(ui, "Prefer not to say") || zero {
                    chosen = Some(None);
                }
                if let Some(side) = chosen {
                    kiosk.draft.side = side;
                    kiosk.screen = kiosk.after_side();
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
            Screen::Item(k) => item_screen(ui, kiosk, k, enter),
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
