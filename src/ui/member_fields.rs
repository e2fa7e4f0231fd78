//! The widgets that edit one field of a member, shared by the inspector (one member, a
//! field per row) and the members table (a member per row, a field per column). Each edits
//! a copy of the member and names the field it changed, so the caller queues one
//! `Edit::UpdateMember` and the frames of one drag are one undo step. None writes to the
//! team, and none accepts a value outside the model's ranges.

use egui::{ComboBox, DragValue, Response};

use crate::format::money;
use crate::model::validate::{MAX_SALARY, MAX_YEARS_OF_SERVICE};
use crate::model::{Autonomy, Contract, LineManager, Member, MemberIndex, Membership, Pay, Team};

/// The field a widget changed, if it did.
pub type Changed = Option<&'static str>;

fn mark(r: &Response, name: &'static str, field: &mut Changed) {
    mark_if(r.changed(), name, field);
}

fn mark_if(changed: bool, name: &'static str, field: &mut Changed) {
    if changed {
        *field = Some(name);
    }
}

/// A member's text fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    Name,
    JobTitle,
}

/// The member's name (required) or job title: a field that commits only a valid value, on
/// Enter or when it loses the keyboard (`ui::field`).
pub fn text(
    ui: &mut egui::Ui,
    which: Text,
    original: &Member,
    m: &mut Member,
    field: &mut Changed,
    width: f32,
) -> Response {
    let (target, current, required) = match which {
        Text::Name => (super::field::Target::MemberName(m.id), &original.name, true),
        Text::JobTitle => (
            super::field::Target::JobTitle(m.id),
            &original.job_title,
            false,
        ),
    };
    let f = super::field::text(
        ui,
        target,
        current,
        width,
        super::field::name_check(required),
    );
    if let Some(value) = f.commit {
        match which {
            Text::Name => {
                m.name = value;
                *field = Some("name");
            }
            Text::JobTitle => {
                m.job_title = value;
                *field = Some("job title");
            }
        }
    }
    f.response
}

pub fn discipline(
    ui: &mut egui::Ui,
    team: &Team,
    m: &mut Member,
    field: &mut Changed,
    width: f32,
) -> Response {
    let options = team.disciplines.iter().map(|d| (d.id, d.name.clone()));
    let (r, changed) = super::field::choice(
        ui,
        ("discipline", m.id.0),
        &mut m.discipline,
        options,
        Some(width),
    );
    mark_if(changed, "discipline", field);
    r
}

pub fn agency(
    ui: &mut egui::Ui,
    team: &Team,
    m: &mut Member,
    field: &mut Changed,
    width: f32,
) -> Response {
    let options = team.agencies.iter().map(|a| (a.id, a.name.clone()));
    let (r, changed) =
        super::field::choice(ui, ("agency", m.id.0), &mut m.agency, options, Some(width));
    mark_if(changed, "agency", field);
    r
}

pub fn fte(ui: &mut egui::Ui, m: &mut Member, field: &mut Changed, unit: &str) -> Response {
    let r = ui.add(
        DragValue::new(&mut m.fte)
            .update_while_editing(false)
            .clamp_existing_to_range(false)
            .range(0.01..=1.0)
            .speed(0.01)
            .max_decimals(2)
            .suffix(unit),
    );
    mark(&r, "fte", field);
    r
}

/// The share of the member's time spent in this team, as a percentage.
pub fn team_share(ui: &mut egui::Ui, m: &mut Member, field: &mut Changed) -> Response {
    let mut pct = m.team_share * 100.0;
    let r = ui.add(
        DragValue::new(&mut pct)
            .update_while_editing(false)
            .clamp_existing_to_range(false)
            .range(1.0..=100.0)
            .speed(1.0)
            .max_decimals(0)
            .suffix(" %"),
    );
    if r.changed() {
        m.team_share = (pct / 100.0).clamp(0.01, 1.0);
        *field = Some("team share");
    }
    r
}

/// A full-time salary in pounds (a member paid on a scale point is not shown one).
pub fn salary(ui: &mut egui::Ui, m: &mut Member, field: &mut Changed, unit: &str) -> Response {
    let mut salary = match m.pay {
        Pay::Salary(s) => s,
        Pay::Point { .. } => return ui.weak("on a scale point"),
    };
    let r = ui.add(
        DragValue::new(&mut salary)
            .update_while_editing(false)
            .clamp_existing_to_range(false)
            .range(1.0..=MAX_SALARY)
            .speed(100.0)
            .max_decimals(0)
            .prefix("£ ")
            .suffix(unit),
    );
    if r.changed() {
        m.pay = Pay::Salary(salary);
        *field = Some("salary");
    }
    r
}

/// The point on the member's pay scale, with each point's salary.
pub fn pay_point(
    ui: &mut egui::Ui,
    team: &Team,
    m: &mut Member,
    field: &mut Changed,
    width: f32,
) -> Response {
    let Pay::Point { scale, point } = m.pay.clone() else {
        return ui.weak("salary");
    };
    ComboBox::from_id_salt(("pay_point", m.id.0))
        .truncate()
        .selected_text(&point)
        .width(width)
        .show_ui(ui, |ui| {
            let Some(s) = team.pay_scale(scale) else {
                return;
            };
            for p in &s.points {
                let estimated = if p.estimated.is_some() {
                    " (estimated)"
                } else {
                    ""
                };
                let text = format!("{} — {}{estimated}", p.name, money(p.salary));
                if ui.selectable_label(p.name == point, text).clicked() && p.name != point {
                    m.pay = Pay::Point {
                        scale,
                        point: p.name.clone(),
                    };
                    *field = Some("pay");
                }
            }
        })
        .response
}

/// A number that may be left unrecorded: a tick box, then the value.
#[allow(clippy::too_many_arguments)]
pub fn optional_number(
    ui: &mut egui::Ui,
    label: &str,
    name: &'static str,
    value: &mut Option<f64>,
    default: f64,
    max: f64,
    unit: &str,
    field: &mut Changed,
) -> Response {
    ui.horizontal(|ui| {
        let mut recorded = value.is_some();
        let c = ui
            .checkbox(&mut recorded, "")
            .on_hover_text(format!("{label} recorded"));
        if c.changed() {
            *value = recorded.then_some(default);
            *field = Some(name);
        }
        match value {
            Some(v) => {
                let d = ui.add(
                    DragValue::new(v)
                        .update_while_editing(false)
                        .clamp_existing_to_range(false)
                        .range(0.0..=max)
                        .speed(0.5)
                        .max_decimals(1)
                        .suffix(unit),
                );
                mark(&d, name, field);
                d
            }
            None => ui.weak("not recorded"),
        }
    })
    .inner
}

pub fn years_of_service(
    ui: &mut egui::Ui,
    m: &mut Member,
    field: &mut Changed,
    unit: &str,
) -> Response {
    ui.horizontal(|ui| {
        let mut recorded = m.years_of_service.is_some();
        let c = ui
            .checkbox(&mut recorded, "")
            .on_hover_text("Years of service recorded");
        if c.changed() {
            m.years_of_service = recorded.then_some(0);
            *field = Some("years of service");
        }
        match &mut m.years_of_service {
            Some(y) => {
                let d = ui.add(
                    DragValue::new(y)
                        .update_while_editing(false)
                        .range(0..=MAX_YEARS_OF_SERVICE)
                        .speed(0.2)
                        .suffix(unit),
                );
                mark(&d, "years of service", field);
                d
            }
            None => ui.weak("not recorded"),
        }
    })
    .inner
}

pub fn autonomy(ui: &mut egui::Ui, m: &mut Member, field: &mut Changed, width: f32) -> Response {
    let options = std::iter::once((None, "not recorded".to_owned())).chain(
        Autonomy::ALL
            .into_iter()
            .map(|a| (Some(a), format!("{} – {}", a.level(), a.label()))),
    );
    let (r, changed) = super::field::choice(
        ui,
        ("autonomy", m.id.0),
        &mut m.autonomy,
        options,
        Some(width),
    );
    mark_if(changed, "autonomy", field);
    r
}

pub fn contract(ui: &mut egui::Ui, m: &mut Member, field: &mut Changed) -> Response {
    let options = Contract::ALL.map(|c| (c, c.label().to_owned()));
    let (r, changed) =
        super::field::choice(ui, ("contract", m.id.0), &mut m.contract, options, None);
    mark_if(changed, "contract", field);
    r
}

/// Core or peripheral by the team's threshold, or marked so by hand.
pub fn membership(ui: &mut egui::Ui, team: &Team, m: &mut Member, field: &mut Changed) -> Response {
    let auto = format!(
        "automatic ({})",
        if m.team_fte() >= team.core_threshold - 1e-9 {
            "core"
        } else {
            "peripheral"
        }
    );
    let label = |x: Membership| {
        if x == Membership::Automatic {
            auto.clone()
        } else {
            format!("marked {}", x.label())
        }
    };
    let options = Membership::ALL.map(|x| (x, label(x)));
    let (r, changed) =
        super::field::choice(ui, ("membership", m.id.0), &mut m.membership, options, None);
    mark_if(changed, "membership", field);
    r
}

/// No line manager, someone outside the team, or a member. A circle of management is
/// refused by the document when the edit is applied.
pub fn line_manager(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    m: &mut Member,
    field: &mut Changed,
    width: f32,
) -> Response {
    let text = match &m.line_manager {
        LineManager::NoManager => "no line manager".to_owned(),
        LineManager::Member(id) => index
            .get(team, *id)
            .map_or("?".to_owned(), |b| b.name.clone()),
        LineManager::External { .. } => "someone outside the team".to_owned(),
    };
    ComboBox::from_id_salt(("line_manager", m.id.0))
        .truncate()
        .selected_text(text)
        .width(width)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(m.line_manager == LineManager::NoManager, "no line manager")
                .clicked()
            {
                m.line_manager = LineManager::NoManager;
                *field = Some("line manager");
            }
            let external = matches!(m.line_manager, LineManager::External { .. });
            if ui
                .selectable_label(external, "someone outside the team")
                .clicked()
                && !external
            {
                m.line_manager = LineManager::External {
                    name: "Service manager".to_owned(),
                    agency: m.agency,
                };
                *field = Some("line manager");
            }
            for other in team.members.iter().filter(|o| o.id != m.id) {
                if ui
                    .selectable_label(m.line_manager == LineManager::Member(other.id), &other.name)
                    .clicked()
                {
                    m.line_manager = LineManager::Member(other.id);
                    *field = Some("line manager");
                }
            }
        })
        .response
}
