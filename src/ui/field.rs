//! Text fields that never put an invalid value into the team. What is typed stays a draft
//! (in egui's memory) while the field has the keyboard; it is committed on Enter or when the
//! field loses focus, and only if it is valid. While it is not, the field has a red outline
//! and the reason shows under it. Escape puts back the value the team holds.

use egui::{Id, Response, Stroke, StrokeKind, TextEdit};

/// A field's text while it differs from the team's.
#[derive(Clone, Debug, Default)]
struct Draft {
    text: String,
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
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    width: f32,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    show(ui, id_salt, current, width, 1, None, check)
}

/// A one-line field with no label beside it: the hint names it (on screen while it is
/// empty, and to screen readers).
pub fn text_hinted(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    width: f32,
    hint: &str,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    show(ui, id_salt, current, width, 1, Some(hint), check)
}

/// A field of several lines (notes, a description).
pub fn multiline(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    rows: usize,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    show(ui, id_salt, current, f32::INFINITY, rows, None, check)
}

fn show(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    width: f32,
    rows: usize,
    hint: Option<&str>,
    check: impl Fn(&str) -> Result<(), String>,
) -> Field {
    let id = ui.make_persistent_id(id_salt);
    let draft_id = id.with("draft");
    let mut draft: Option<Draft> = ui.data(|d| d.get_temp(draft_id));
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
        draft = Some(Draft { text: text.clone() });
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
    store(ui, draft_id, draft);
    Field { response, commit }
}

fn store(ui: &egui::Ui, id: Id, draft: Option<Draft>) {
    ui.data_mut(|d| match draft {
        Some(draft) => {
            d.insert_temp(id, draft);
        }
        None => d.remove::<Draft>(id),
    });
}

/// The check for a name: required or not, and not too long.
pub fn name_check(required: bool) -> impl Fn(&str) -> Result<(), String> {
    move |s: &str| crate::model::validate::check_name(s, required)
}
