//! What families said, in the manager's own view: each feedback round, its comments, the
//! names kept to check quotes against, and the quotes picked for workshops. Never drawn
//! with names hidden: comments are the manager's alone. Reads the team, queues [`Edit`]s.

use std::collections::HashMap;

use crate::document::Edit;
use crate::model::feedback::{FeedbackRound, QuoteCheck};
use crate::model::Team;

/// The most comments listed per round before a scroll.
const LIST_HEIGHT: f32 = 260.0;

/// The names being typed for each round, by label, until the field loses focus.
#[derive(Default)]
pub struct FeedbackPanelState {
    names: HashMap<String, String>,
}

pub fn show(
    ui: &mut egui::Ui,
    team: &Team,
    names_hidden: bool,
    state: &mut FeedbackPanelState,
    edits: &mut Vec<Edit>,
) {
    if names_hidden {
        ui.weak(
            "Families' comments are the manager's alone: show names to read them and pick quotes.",
        );
        return;
    }
    for round in &team.feedback {
        ui.separator();
        round_section(ui, team, round, state, edits);
    }
}

fn round_section(
    ui: &mut egui::Ui,
    team: &Team,
    round: &FeedbackRound,
    state: &mut FeedbackPanelState,
    edits: &mut Vec<Edit>,
) {
    ui.strong(&round.label);
    ui.weak(format!(
        "{}, {} responses, {} to {}",
        crate::format::capitalised(round.kind.label()),
        round.responses.len(),
        crate::format::date_words(&round.from),
        crate::format::date_words(&round.to),
    ));
    if !team.snapshots.is_empty() {
        // Feedback gathered before a restructure goes with the snapshot taken then, so the
        // families' slide sets it beside the staff's view of the same time.
        let mut link = round.snapshot.clone();
        let l = ui.label("Gathered before");
        egui::ComboBox::from_id_salt(("feedback snapshot", &round.label))
            .selected_text(link.as_deref().unwrap_or("No snapshot: now"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut link, None, "No snapshot: now");
                for s in &team.snapshots {
                    ui.selectable_value(&mut link, Some(s.label.clone()), &s.label);
                }
            })
            .response
            .labelled_by(l.id)
            .on_hover_text("The snapshot of the restructure this feedback came before");
        if link != round.snapshot {
            edits.push(Edit::LinkFeedback {
                round: round.label.clone(),
                snapshot: link,
            });
        }
    }
    let l = ui.label("Names to keep out of quotes");
    let joined = round.names.join(", ");
    let id = ui.make_persistent_id(("feedback names", &round.label));
    let text = state
        .names
        .entry(round.label.clone())
        .or_insert_with(|| joined.clone());
    // While the field is not being typed in, it shows what the team holds (after an undo).
    if !ui.memory(|m| m.has_focus(id)) && *text != joined {
        text.clone_from(&joined);
    }
    let r = ui
        .add(
            egui::TextEdit::singleline(text)
                .id(id)
                .hint_text("children, parents, schools, separated by commas"),
        )
        .labelled_by(l.id)
        .on_hover_text(
            "A quote holding any of these words is refused, as is one holding a team member's name",
        );
    if r.lost_focus() && *text != joined {
        edits.push(Edit::SetFeedbackNames {
            round: round.label.clone(),
            names: text.split(',').map(str::to_owned).collect(),
        });
    }
    if !round.quotes.is_empty() {
        ui.label("Quoted in workshops:");
        for q in &round.quotes {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(format!("“{q}”")).italics());
                if ui.small_button("Stop quoting").clicked() {
                    edits.push(Edit::DropQuote {
                        round: round.label.clone(),
                        quote: q.clone(),
                    });
                }
            });
        }
    }
    let comments: Vec<_> = round.comments().collect();
    if comments.is_empty() {
        ui.weak("No comments in this round.");
        return;
    }
    egui::CollapsingHeader::new(format!("Comments ({})", comments.len()))
        .id_salt(("feedback comments", &round.label))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("feedback comments scroll", &round.label))
                .max_height(LIST_HEIGHT)
                .show(ui, |ui| {
                    // The team's names read once for the list, not once per comment.
                    let check = QuoteCheck::of(team);
                    for c in comments {
                        ui.label(format!("“{}”", c.text));
                        ui.horizontal_wrapped(|ui| {
                            ui.weak(question_words(&c.question));
                            if round.quotes.contains(&c.text) {
                                ui.weak("· quoted");
                            } else if let Some(problem) = check.problem(round, &c.text) {
                                ui.weak(format!("· not quotable: {problem}"));
                            } else if ui.small_button("Quote in workshops").clicked() {
                                edits.push(Edit::PickQuote {
                                    round: round.label.clone(),
                                    quote: c.text.clone(),
                                });
                            }
                        });
                    }
                });
        });
}

fn question_words(key: &str) -> &str {
    crate::model::feedback::ESQ_COMMENTS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("Comment", |(_, words)| words)
}
