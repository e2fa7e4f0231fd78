//! The kiosk's screens: what each person sees and presses, drawn from the round's state in
//! `mod.rs`.

use super::{
    About, Align, Choice, DisciplineId, Draft, Instrument, Key, Kiosk, KioskEnd, KioskMode, Layout,
    Modifiers, RichText, Screen, Side, Team, Vec2, ASK_FOR_THE_TEAMS_VIEW, END_ROUND,
    FEEL_VALUED_QUESTION, PAIRWISE_QUESTION, SAY_QUESTION, VALUED_QUESTION,
};

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
pub(super) fn instruments_for(team: &Team) -> Vec<Instrument> {
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
            Screen::Setup => setup_screen(ui, kiosk, enter),
            Screen::Blank => blank_screen(ui, kiosk, enter),
            Screen::Rater => rater_screen(ui, kiosk),
            Screen::Side => side_screen(ui, kiosk),
            Screen::FeelValued => feel_valued_screen(ui, kiosk),
            Screen::Rate(k) => rate_screen(ui, kiosk, k, enter),
            Screen::Pair(k) => pair_screen(ui, kiosk, k),
            Screen::Item(k) => item_screen(ui, kiosk, k, enter),
            Screen::Done => done_screen(ui, kiosk, enter),
        }
    });
    None
}

/// The facilitator chooses how people answer.
fn setup_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk, enter: bool) {
    ui.label(big("A perception round: how do the professions here see each other?").strong());
    ui.add_space(12.0);
    ui.label(
        RichText::new("Facilitator: choose how people answer, then pass the laptop round.")
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
        RichText::new("Keys: Enter or 1 for ratings, 2 for pairs, 3 and on for the forms.").weak(),
    );
}

/// Between two people: what the round is and who sees what, then Start.
fn blank_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk, enter: bool) {
    ui.label(big("How do the professions here see each other?").strong());
    ui.add_space(12.0);
    ui.label(
        RichText::new("Anonymous: no name is asked, and no answer is shown to the next person.")
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

/// Which discipline the person answering is in, or prefer not to say.
fn rater_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk) {
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

/// Whether the person works at least the core threshold here.
fn side_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk) {
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

/// How valued the person feels in the team.
fn feel_valued_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk) {
    ui.label(big(FEEL_VALUED_QUESTION).strong());
    ui.label(RichText::new("1 = not at all, 5 = very much. Press 1 to 5, or click.").size(20.0));
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

/// The say and valued expertise of the `k`th discipline.
fn rate_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk, k: usize, enter: bool) {
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

/// The `k`th pair: which of two has more say.
fn pair_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk, k: usize) {
    let Some((a, b)) = kiosk.draft.pairs.get(k).copied() else {
        kiosk.screen = Screen::Done;
        return;
    };
    ui.label(RichText::new(format!("{} of {}", k + 1, kiosk.draft.pairs.len())).weak());
    ui.label(big(PAIRWISE_QUESTION).strong());
    ui.label(RichText::new(ASK_FOR_THE_TEAMS_VIEW).size(20.0));
    ui.label(RichText::new("Press 1 for the left, 2 for the right, or click.").size(20.0));
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

/// Thanks, and pass the laptop on.
fn done_screen(ui: &mut egui::Ui, kiosk: &mut Kiosk, enter: bool) {
    ui.label(big("Thank you.").strong());
    ui.add_space(20.0);
    if button(ui, "Done, pass it on") || enter {
        kiosk.pass_on();
    }
}
