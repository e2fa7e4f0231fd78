//! The inspector: every field of the selected member, with units, ranges and the model's
//! own validation messages. It edits a copy and queues an [`Edit`]; it never writes. Text
//! fields commit on Enter or when they lose focus, and only a valid value (`ui::field`).

use std::collections::BTreeSet;

use egui::{ComboBox, DragValue};

use super::{field, member_fields};
use crate::document::Edit;
use crate::format::{self, money};
use crate::model::validate::{MAX_LEAVE_DAYS, MAX_TRAINING_BUDGET, MAX_TRAINING_DAYS};
use crate::model::{
    member_problems, pay, LineManager, Member, MemberId, MemberIndex, Pay, PayPoint, PayScale, Team,
};

/// Notes under a field wrap at this width, so the inspector keeps its size.
const INSPECTOR_TEXT_WIDTH: f32 = 190.0;

#[derive(Default)]
pub struct InspectorState {
    /// Put the cursor in the name field on the next frame (F2, Enter, a new member).
    pub focus_name: bool,
    /// Today, as `YYYY-MM-DD`: whether a scale's pay year is over (the app's clock, which
    /// tests set).
    pub today: String,
}

/// One row of the inspector's grid: a label, then the widget, labelled for screen readers
/// and tests.
fn row<R>(
    ui: &mut egui::Ui,
    label: &str,
    add: impl FnOnce(&mut egui::Ui) -> (egui::Response, R),
) -> R {
    let l = ui.label(label);
    let (response, r) = add(ui);
    response.labelled_by(l.id);
    ui.end_row();
    r
}

pub fn show(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    selection: &BTreeSet<MemberId>,
    state: &mut InspectorState,
    edits: &mut Vec<Edit>,
) {
    match selection.len() {
        0 => {
            ui.heading("No one selected");
            ui.label("Click a member on the map to see and edit them. Double-click empty map, or press N, to add one.");
            state.focus_name = false;
        }
        1 => {
            let Some(id) = selection.first().copied() else {
                return;
            };
            let Some(original) = index.get(team, id) else {
                return;
            };
            member_editor(ui, team, index, original, state, edits);
        }
        n => {
            ui.heading(format!("{n} members selected"));
            let fte: f64 = selection
                .iter()
                .filter_map(|id| index.get(team, *id))
                .map(Member::team_fte)
                .sum();
            ui.label(format!("Together {fte:.2} FTE in this team."));
            if ui.button("Delete these members").clicked() {
                edits.push(Edit::DeleteMembers(selection.iter().copied().collect()));
            }
            state.focus_name = false;
        }
    }
}

fn member_editor(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    original: &Member,
    state: &mut InspectorState,
    edits: &mut Vec<Edit>,
) {
    let mut m = original.clone();
    let mut field: Option<&'static str> = None;
    ui.heading(if m.name.is_empty() {
        "Member"
    } else {
        m.name.as_str()
    });
    let core = team.is_core(original);
    ui.label(format!(
        "{:.2} FTE in this team ({:.2} contracted × {:.0}% here): {}",
        m.team_fte(),
        m.fte,
        m.team_share * 100.0,
        if core { "core" } else { "peripheral" }
    ));
    ui.add_space(6.0);

    egui::Grid::new("inspector")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            identity_rows(ui, team, original, &mut m, &mut field, state);
            pay_rows(ui, team, &mut m, &mut field, &state.today);
            terms_rows(ui, team, &mut m, &mut field);
            place_rows(ui, team, index, &mut m, &mut field);
        });

    let problems = member_problems(team, index, &m);
    for p in &problems {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{}: {}", p.field, p.message),
        );
    }
    ui.add_space(8.0);
    if ui
        .button("Delete member")
        .on_hover_text("Remove from the team (Delete; undo with Ctrl+Z)")
        .clicked()
    {
        edits.push(Edit::DeleteMembers(vec![m.id]));
        return;
    }
    if let Some(field) = field {
        if m != *original {
            edits.push(Edit::UpdateMember { member: m, field });
        }
    }
}

/// Who the member is: name (focused and selected for a new member), job title, discipline
/// and agency.
fn identity_rows(
    ui: &mut egui::Ui,
    team: &Team,
    original: &Member,
    m: &mut Member,
    field: &mut Option<&'static str>,
    state: &mut InspectorState,
) {
    row(ui, "Name", |ui| {
        let name = member_fields::Text::Name;
        let r = member_fields::text(ui, name, original, m, field, 170.0);
        if std::mem::take(&mut state.focus_name) {
            r.request_focus();
            // The whole name selected: typing replaces it ("New member", a rename).
            let mut text_state = egui::TextEdit::load_state(ui.ctx(), r.id).unwrap_or_default();
            text_state.cursor.set_char_range(Some(
                egui::text_selection::CCursorRange::select_all_str(&original.name),
            ));
            text_state.store(ui.ctx(), r.id);
        }
        (r, ())
    });
    row(ui, "Job title", |ui| {
        let title = member_fields::Text::JobTitle;
        let r = member_fields::text(ui, title, original, m, field, 170.0);
        (r, ())
    });
    row(ui, "Discipline", |ui| {
        (member_fields::discipline(ui, team, m, field, 170.0), ())
    });
    row(ui, "Agency", |ui| {
        (member_fields::agency(ui, team, m, field, 170.0), ())
    });
}

/// Their time and terms: FTE, time in this team, leave, training, autonomy and contract.
fn terms_rows(ui: &mut egui::Ui, team: &Team, m: &mut Member, field: &mut Option<&'static str>) {
    row(ui, "FTE (contracted)", |ui| {
        (member_fields::fte(ui, m, field, " of full time"), ())
    });
    row(ui, "Time in this team", |ui| {
        (member_fields::team_share(ui, m, field), ())
    });
    optional_number(
        ui,
        "Annual leave",
        "leave",
        &mut m.leave_days,
        27.0,
        MAX_LEAVE_DAYS,
        " days (full time)",
        field,
    );
    leave_rows(ui, team, m, field);
    optional_number(
        ui,
        "Training",
        "training days",
        &mut m.training_days,
        2.0,
        MAX_TRAINING_DAYS,
        " days a year",
        field,
    );
    optional_number(
        ui,
        "Training budget",
        "training budget",
        &mut m.training_budget,
        200.0,
        MAX_TRAINING_BUDGET,
        " £ a year",
        field,
    );
    row(ui, "Autonomy", |ui| {
        (member_fields::autonomy(ui, m, field, 170.0), ())
    });
    row(ui, "Contract", |ui| {
        (member_fields::contract(ui, m, field), ())
    });
}

/// Where they sit: co-location, membership, line management and their place on the map.
fn place_rows(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    m: &mut Member,
    field: &mut Option<&'static str>,
) {
    row(ui, "Co-located", |ui| {
        let r = ui.checkbox(&mut m.co_located, "works from the team's base");
        if r.changed() {
            *field = Some("co-located");
        }
        (r, ())
    });
    row(ui, "Membership", |ui| {
        (member_fields::membership(ui, team, m, field), ())
    });
    line_manager_rows(ui, team, index, m, field);
    row(ui, "Map position", |ui| {
        let r = ui.horizontal(|ui| {
            let a = ui.add(
                DragValue::new(&mut m.position.x)
                    .update_while_editing(false)
                    .clamp_existing_to_range(false)
                    .range(-1.0e6..=1.0e6)
                    .prefix("x "),
            );
            let b = ui
                .add(
                    DragValue::new(&mut m.position.y)
                        .update_while_editing(false)
                        .clamp_existing_to_range(false)
                        .range(-1.0e6..=1.0e6)
                        .prefix("y "),
                )
                .on_hover_text("Map position y");
            if a.changed() || b.changed() {
                *field = Some("position");
            }
            a
        });
        (r.inner, ())
    });
}

fn pay_rows(
    ui: &mut egui::Ui,
    team: &Team,
    m: &mut Member,
    field: &mut Option<&'static str>,
    today: &str,
) {
    let on_scale = matches!(m.pay, Pay::Point { .. });
    row(ui, "Pay", |ui| {
        let r = ui.horizontal(|ui| {
            let a = ui.radio(on_scale, "scale point");
            let b = ui.radio(!on_scale, "salary");
            if a.clicked() && !on_scale {
                if let Some(scale) = team.pay_scales.first() {
                    let salary = team.fte_salary(m).unwrap_or(0.0);
                    // Start from the point nearest the current salary.
                    let nearest = scale.points.iter().min_by(|x, y| {
                        (x.salary - salary)
                            .abs()
                            .total_cmp(&(y.salary - salary).abs())
                    });
                    if let Some(p) = nearest {
                        m.pay = Pay::Point {
                            scale: scale.id,
                            point: p.name.clone(),
                        };
                        *field = Some("pay");
                    }
                }
            }
            if b.clicked() && on_scale {
                m.pay = Pay::Salary(team.fte_salary(m).unwrap_or(30_000.0));
                *field = Some("pay");
            }
            a
        });
        (r.inner, ())
    });
    match m.pay.clone() {
        Pay::Point { scale, point } => {
            row(ui, "Pay scale", |ui| {
                let current = team.pay_scale(scale).map_or("?", |s| s.name.as_str());
                let r = ComboBox::from_id_salt("pay_scale")
                    .truncate()
                    .selected_text(current)
                    .width(170.0)
                    .show_ui(ui, |ui| {
                        for s in &team.pay_scales {
                            if ui
                                .selectable_label(s.id == scale, format!("{} ({})", s.name, s.year))
                                .clicked()
                                && s.id != scale
                            {
                                if let Some(p) = s.points.first() {
                                    m.pay = Pay::Point {
                                        scale: s.id,
                                        point: p.name.clone(),
                                    };
                                    *field = Some("pay");
                                }
                            }
                        }
                    });
                (r.response, ())
            });
            row(ui, "Pay point", |ui| {
                (member_fields::pay_point(ui, team, m, field, 170.0), ())
            });
            if let Some(s) = team.pay_scale(scale) {
                scale_provenance(ui, s, s.point(&point), today);
            }
        }
        Pay::Salary(_) => {
            row(ui, "Full-time salary", |ui| {
                (member_fields::salary(ui, m, field, " a year"), ())
            });
        }
    }
    ui.label("");
    ui.weak(format!(
        "Full-time pay {}",
        team.fte_salary(m).map_or_else(|| "n/a".to_owned(), money)
    ));
    ui.end_row();
}

/// Which year the figures belong to and where they come from, with a warning for a point
/// no primary document confirms.
fn scale_provenance(ui: &mut egui::Ui, s: &PayScale, point: Option<&PayPoint>, today: &str) {
    ui.label("");
    ui.vertical(|ui| {
        ui.set_max_width(INSPECTOR_TEXT_WIDTH);
        let from = if s.effective.is_empty() {
            String::new()
        } else {
            format!(", from {}", format::date_words(&s.effective))
        };
        ui.weak(format!("{} figures{from}", s.year));
        if crate::model::pay::year_is_over(&s.effective, today) {
            let next = crate::model::pay::next_year(&s.year)
                .map_or_else(|| "the next".to_owned(), |n| format!("the {n}"));
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!(
                        "That pay year is over: check whether {next} award has been published."
                    ))
                    .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
        if s.source_url.is_empty() {
            ui.add(egui::Label::new(egui::RichText::new(&s.source).weak()).wrap());
        } else {
            ui.hyperlink_to(&s.source, &s.source_url)
                .on_hover_text(&s.source_url);
        }
        if s.source_secondary {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(
                        "A copy of the official figures, not the pay circular itself: check before quoting.",
                    )
                    .weak(),
                )
                .wrap(),
            );
        }
        if let Some(reason) = point.and_then(|p| p.estimated.as_deref()) {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("Estimated: {reason}"))
                        .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        }
    });
    ui.end_row();
}

/// Years of service, and what the member's agreement gives in leave for them: the manager
/// can take the suggestion or keep their own figure, which is then marked.
fn leave_rows(ui: &mut egui::Ui, team: &Team, m: &mut Member, field: &mut Option<&'static str>) {
    row(ui, "Years of service", |ui| {
        (member_fields::years_of_service(ui, m, field, " years"), ())
    });
    let Some(suggestion) = pay::suggested_leave(team, m) else {
        return;
    };
    ui.label("");
    ui.vertical(|ui| {
        ui.set_max_width(INSPECTOR_TEXT_WIDTH);
        let overridden = suggestion.is_overridden(m.leave_days);
        let text = if overridden {
            format!("Set by hand. {}", suggestion.text)
        } else {
            suggestion.text.clone()
        };
        let label = egui::RichText::new(text);
        let label = if overridden {
            label.color(ui.visuals().warn_fg_color)
        } else {
            label.weak()
        };
        ui.add(egui::Label::new(label).wrap())
            .on_hover_text(format!(
                "{}{}",
                suggestion.source.title,
                if suggestion.note.is_empty() {
                    String::new()
                } else {
                    format!(". {}", suggestion.note)
                }
            ));
        // Offered where the agreement's figure for this member is known (years recorded, or
        // one figure for everyone) and differs from, or fills in, what is recorded.
        let known = suggestion.years_known || suggestion.any_of.len() <= 1;
        let blank = m.leave_days.is_none() && suggestion.days.is_some();
        if suggestion.fixed
            && known
            && (overridden || blank)
            && ui.small_button("Use the agreement's figure").clicked()
        {
            m.leave_days = suggestion.days;
            *field = Some("leave");
        }
    });
    ui.end_row();
}

#[allow(clippy::too_many_arguments)]
fn optional_number(
    ui: &mut egui::Ui,
    label: &str,
    name: &'static str,
    value: &mut Option<f64>,
    default: f64,
    max: f64,
    unit: &str,
    field: &mut Option<&'static str>,
) {
    row(ui, label, |ui| {
        let r = member_fields::optional_number(ui, label, name, value, default, max, unit, field);
        (r, ())
    });
}

fn line_manager_rows(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    m: &mut Member,
    field: &mut Option<&'static str>,
) {
    row(ui, "Line manager", |ui| {
        (
            member_fields::line_manager(ui, team, index, m, field, 170.0),
            (),
        )
    });
    if let LineManager::External { name, agency } = &mut m.line_manager {
        row(ui, "Manager's role", |ui| {
            let f = field::text(
                ui,
                field::Target::ManagerRole(m.id),
                name,
                170.0,
                field::name_check(true),
            );
            if let Some(role) = f.commit {
                *name = role;
                *field = Some("line manager");
            }
            (f.response, ())
        });
        row(ui, "Manager's agency", |ui| {
            let current = team.agency(*agency).map_or("?", |a| a.name.as_str());
            let r = ComboBox::from_id_salt("manager_agency")
                .truncate()
                .selected_text(current)
                .show_ui(ui, |ui| {
                    for a in &team.agencies {
                        if ui.selectable_value(agency, a.id, &a.name).changed() {
                            *field = Some("line manager");
                        }
                    }
                });
            (r.response, ())
        });
    }
}
