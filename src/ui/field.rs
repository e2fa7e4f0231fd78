//! Text fields that never put an invalid value into the team. What is typed stays a draft
//! while the field has the keyboard; it is committed on Enter or when the field loses
//! focus, and only if it is valid. While it is not, the field has a red outline and the
//! reason shows under it. Escape puts back the value the team holds.
//!
//! A draft also says what it edits ([`Target`]), so one whose field stops being drawn (the
//! selection changed, the panel closed) is not lost: [`orphaned_drafts`] hands it to the app
//! at the end of the frame, to commit like any other edit.
//!
//! [`choice`] is the drop-down the panels share, for values chosen from a list.

use std::collections::HashMap;

use egui::{Id, Response, Stroke, StrokeKind, TextEdit};

use crate::model::{AgencyId, DisciplineId, MemberId};

/// A drop-down setting `value` to one of `options` (each with its words), showing the
/// chosen one's words (or "?" for a value not among them); true with the response if the
/// choice changed. `width` where the column wants one.
pub fn choice<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: impl IntoIterator<Item = (T, String)>,
    width: Option<f32>,
) -> (Response, bool) {
    let options: Vec<(T, String)> = options.into_iter().collect();
    let selected = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or_else(|| "?".to_owned(), |(_, text)| text.clone());
    let mut changed = false;
    let mut combo = egui::ComboBox::from_id_salt(id_salt)
        .truncate()
        .selected_text(selected);
    if let Some(width) = width {
        combo = combo.width(width);
    }
    let response = combo
        .show_ui(ui, |ui| {
            for (v, text) in options {
                changed |= ui.selectable_value(value, v, text).changed();
            }
        })
        .response;
    (response, changed)
}

/// What a text field edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    MemberName(MemberId),
    JobTitle(MemberId),
    /// The role of a member's line manager outside the team.
    ManagerRole(MemberId),
    TeamName,
    Description,
    Notes,
    DisciplineName(DisciplineId),
    AgencyName(AgencyId),
    /// A slide's discussion question.
    Prompt(crate::model::SlideId),
}

/// A field's text while it differs from the team's.
#[derive(Clone, Debug)]
struct Draft {
    text: String,
    target: Target,
    /// The frame the field was last drawn in.
    seen: u64,
}

/// Every draft, by field id, in egui's memory (one map, so the app can find those whose
/// field is gone).
type Drafts = HashMap<Id, Draft>;

fn drafts_id() -> Id {
    Id::unique("teamscape_field_drafts")
}

/// What a text field did this frame.
pub struct Field {
    pub response: Response,
    /// A valid new value to commit.
    pub commit: Option<String>,
}

/// A one-line field. `check` says why a value cannot be used, or `Ok`.
pub fn text(
    ui: &mut egui::Ui,
    target: Target,
    current: &str,
    width: f32,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    show(ui, target, current, width, 1, None, check)
}

/// A one-line field with no label beside it: the hint names it (on screen while it is
/// empty, and to screen readers).
pub fn text_hinted(
    ui: &mut egui::Ui,
    target: Target,
    current: &str,
    width: f32,
    hint: &str,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    show(ui, target, current, width, 1, Some(hint), check)
}

/// A field of several lines (notes, a description).
pub fn multiline(
    ui: &mut egui::Ui,
    target: Target,
    current: &str,
    rows: usize,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    show(ui, target, current, f32::INFINITY, rows, None, check)
}

fn show(
    ui: &mut egui::Ui,
    target: Target,
    current: &str,
    width: f32,
    rows: usize,
    hint: Option<&str>,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    let id = ui.make_persistent_id(("field", format!("{target:?}")));
    let frame = ui.ctx().cumulative_pass_nr();
    let mut draft: Option<Draft> = ui.data(|d| {
        d.get_temp::<Drafts>(drafts_id())
            .and_then(|all| all.get(&id).cloned())
    });
    let mut text = draft
        .as_ref()
        .map_or_else(|| current.to_owned(), |d| d.text.clone());
    let problem = check(&text).err();
    // Read before the field runs: it takes Escape for itself.
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
    let inner = ui.vertical(|ui| {
        let edit = if rows > 1 {
            TextEdit::multiline(&mut text).desired_rows(rows)
        } else {
            TextEdit::singleline(&mut text)
        };
        let edit = match hint {
            Some(hint) => edit.hint_text(hint),
            None => edit,
        };
        let response = ui.add(edit.id(id).desired_width(width));
        if let Some(reason) = &problem {
            ui.painter().rect_stroke(
                response.rect.expand(1.0),
                3.0,
                Stroke::new(1.5, ui.visuals().error_fg_color),
                StrokeKind::Outside,
            );
            ui.add(egui::Label::new(
                egui::RichText::new(reason).color(ui.visuals().error_fg_color),
            ))
            .on_hover_text("Fix this to keep the change; Escape puts the old value back");
        }
        response
    });
    let response = inner.inner;
    if response.changed() {
        draft = Some(Draft {
            text: text.clone(),
            target,
            seen: frame,
        });
    }
    let mut commit = None;
    if response.lost_focus() {
        if escape {
            draft = None;
        } else if let Some(d) = &draft {
            if check(&d.text).is_ok() {
                if d.text != current {
                    commit = Some(d.text.clone());
                }
                draft = None;
            }
        }
    }
    if let Some(d) = &mut draft {
        d.seen = frame;
    }
    ui.data_mut(|d| {
        let all = d.get_temp_mut_or_default::<Drafts>(drafts_id());
        match draft {
            Some(draft) => {
                all.insert(id, draft);
            }
            None => {
                all.remove(&id);
            }
        }
    });
    Field { response, commit }
}

/// Whether the field with this widget id holds typing not yet committed. A field that does
/// not (just focused, as after adding a member) leaves Ctrl+Z to the app's undo.
pub fn has_draft(ctx: &egui::Context, id: Id) -> bool {
    ctx.data(|d| {
        d.get_temp::<Drafts>(drafts_id())
            .is_some_and(|all| all.contains_key(&id))
    })
}

/// Drafts whose field was not drawn this frame (the member is no longer selected, the panel
/// was closed): taken out, for the app to commit. Call at the end of a frame.
pub fn orphaned_drafts(ctx: &egui::Context) -> Vec<(Target, String)> {
    let frame = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let all = d.get_temp_mut_or_default::<Drafts>(drafts_id());
        let gone: Vec<Id> = all
            .iter()
            .filter(|(_, draft)| draft.seen != frame)
            .map(|(id, _)| *id)
            .collect();
        gone.into_iter()
            .filter_map(|id| all.remove(&id))
            .map(|d| (d.target, d.text))
            .collect()
    })
}

/// The check for a name: required or not, and not too long.
pub fn name_check(required: bool) -> impl Fn(&str) -> Result<(), String> {
    move |s: &str| crate::model::validate::check_name(s, required)
}
