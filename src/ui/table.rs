//! The members table: one row per member, every field in a column, sortable by any column
//! and editable in place with the inspector's own widgets (`member_fields`), so the same
//! ranges hold and each cell's change is one undo step. The selection is the map's. Rows
//! pasted from a spreadsheet are handled by the app (they go through the CSV import).

use std::cmp::Ordering;
use std::collections::BTreeSet;

use egui::{RichText, Sense};
use egui_extras::{Column as Width, TableBuilder};

use super::member_fields;
use crate::document::Edit;
use crate::format::money;
use crate::model::validate::{MAX_LEAVE_DAYS, MAX_TRAINING_BUDGET, MAX_TRAINING_DAYS};
use crate::model::{member_problems, LineManager, Member, MemberId, MemberIndex, Pay, Team};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    JobTitle,
    Discipline,
    /// The discipline's professional family: editing it moves the whole discipline.
    Family,
    Agency,
    Pay,
    FullTimePay,
    Fte,
    TeamShare,
    Leave,
    YearsOfService,
    Training,
    TrainingBudget,
    Autonomy,
    Contract,
    CoLocated,
    Membership,
    LineManager,
}

impl Column {
    pub const ALL: [Self; 18] = [
        Self::Name,
        Self::JobTitle,
        Self::Discipline,
        Self::Family,
        Self::Agency,
        Self::Pay,
        Self::FullTimePay,
        Self::Fte,
        Self::TeamShare,
        Self::Leave,
        Self::YearsOfService,
        Self::Training,
        Self::TrainingBudget,
        Self::Autonomy,
        Self::Contract,
        Self::CoLocated,
        Self::Membership,
        Self::LineManager,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::JobTitle => "Job title",
            Self::Discipline => "Discipline",
            Self::Family => "Professional family",
            Self::Agency => "Agency",
            Self::Pay => "Pay (salary or point)",
            Self::FullTimePay => "Full-time pay",
            Self::Fte => "FTE",
            Self::TeamShare => "Time here",
            Self::Leave => "Leave",
            Self::YearsOfService => "Years",
            Self::Training => "Training",
            Self::TrainingBudget => "Budget",
            Self::Autonomy => "Autonomy",
            Self::Contract => "Contract",
            Self::CoLocated => "Co-located",
            Self::Membership => "Core or edge",
            Self::LineManager => "Line manager",
        }
    }

    fn width(self) -> f32 {
        match self {
            Self::Family => 190.0,
            Self::Name | Self::JobTitle | Self::LineManager | Self::Pay => 150.0,
            Self::Discipline | Self::Agency | Self::Autonomy | Self::Membership => 140.0,
            Self::TrainingBudget | Self::Leave | Self::Training => 110.0,
            Self::Contract => 100.0,
            Self::FullTimePay | Self::YearsOfService => 90.0,
            Self::Fte | Self::TeamShare | Self::CoLocated => 70.0,
        }
    }

    /// What the column sorts by: a number where there is one, otherwise text; members
    /// without a value go last either way.
    fn key(self, team: &Team, index: &MemberIndex, m: &Member) -> SortKey {
        let text = |s: &str| SortKey::Text(s.to_lowercase());
        let number = |v: Option<f64>| v.map_or(SortKey::Missing, SortKey::Number);
        match self {
            Self::Name => text(&m.name),
            Self::JobTitle => text(&m.job_title),
            Self::Discipline => text(team.discipline(m.discipline).map_or("", |d| &d.name)),
            Self::Family => text(
                team.discipline(m.discipline)
                    .map_or("", |d| d.family.label()),
            ),
            Self::Agency => text(team.agency(m.agency).map_or("", |a| &a.name)),
            Self::Pay | Self::FullTimePay => number(team.fte_salary(m)),
            Self::Fte => number(Some(m.fte)),
            Self::TeamShare => number(Some(m.team_share)),
            Self::Leave => number(m.leave_days),
            Self::YearsOfService => number(m.years_of_service.map(f64::from)),
            Self::Training => number(m.training_days),
            Self::TrainingBudget => number(m.training_budget),
            Self::Autonomy => number(m.autonomy.map(|a| f64::from(a.level()))),
            Self::Contract => text(m.contract.label()),
            Self::CoLocated => number(Some(if m.co_located { 1.0 } else { 0.0 })),
            Self::Membership => number(Some(if team.is_core(m) { 1.0 } else { 0.0 })),
            Self::LineManager => match &m.line_manager {
                LineManager::NoManager => SortKey::Missing,
                LineManager::Member(id) => text(index.get(team, *id).map_or("", |b| &b.name)),
                LineManager::External { name, .. } => text(name),
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum SortKey {
    Number(f64),
    Text(String),
    Missing,
}

impl SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Self::Number(a), Self::Number(b)) => a.total_cmp(b),
            (Self::Text(a), Self::Text(b)) => a.cmp(b),
            (Self::Missing, Self::Missing) => Ordering::Equal,
            // Numbers before text before nothing.
            (Self::Missing, _) | (Self::Text(_), Self::Number(_)) => Ordering::Greater,
            (_, Self::Missing) | (Self::Number(_), Self::Text(_)) => Ordering::Less,
        }
    }
}

/// How the table is sorted: by a column, up or down; by the team's order until a header is
/// clicked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TableState {
    pub sort: Option<(Column, bool)>,
}

/// What a frame of the table asks the app to do besides editing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOutput {
    /// A row was clicked: select it (with Ctrl or Shift, add it to the selection).
    pub select: Option<(MemberId, bool)>,
    pub add: bool,
    pub delete: bool,
}

/// The members in the order the table shows them.
pub fn sorted(team: &Team, index: &MemberIndex, sort: Option<(Column, bool)>) -> Vec<MemberId> {
    let mut ids: Vec<MemberId> = team.members.iter().map(|m| m.id).collect();
    if let Some((column, ascending)) = sort {
        let mut keyed: Vec<(SortKey, MemberId)> = team
            .members
            .iter()
            .map(|m| (column.key(team, index, m), m.id))
            .collect();
        // Missing values last in both directions; the team's order breaks ties.
        keyed.sort_by(|(a, _), (b, _)| match (a, b) {
            (SortKey::Missing, _) | (_, SortKey::Missing) => a.cmp(b),
            _ if ascending => a.cmp(b),
            _ => b.cmp(a),
        });
        ids = keyed.into_iter().map(|(_, id)| id).collect();
    }
    ids
}

pub fn show(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    selection: &BTreeSet<MemberId>,
    state: &mut TableState,
    edits: &mut Vec<Edit>,
) -> TableOutput {
    let mut out = TableOutput::default();
    ui.horizontal(|ui| {
        out.add = ui
            .button("Add member")
            .on_hover_text("A new row, selected, with its name ready to type (N)")
            .clicked();
        let n = selection.len();
        out.delete = ui
            .add_enabled(n > 0, egui::Button::new(format!("Delete selected ({n})")))
            .on_hover_text("Remove the selected members (Delete; undo with Ctrl+Z)")
            .clicked();
    });
    ui.add(
        egui::Label::new(RichText::new("Click a header to sort. Ctrl+V pastes rows copied from a spreadsheet, with the same columns as a CSV import: a first row of column names, or Teamscape's own column order.").weak())
            .wrap(),
    );
    ui.add_space(4.0);
    let rows = sorted(team, index, state.sort);
    // Eighteen columns are wider than most windows: the table scrolls sideways too.
    egui::ScrollArea::horizontal().show(ui, |ui| {
        table(ui, team, index, selection, state, edits, &rows, &mut out);
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn table(
    ui: &mut egui::Ui,
    team: &Team,
    index: &MemberIndex,
    selection: &BTreeSet<MemberId>,
    state: &mut TableState,
    edits: &mut Vec<Edit>,
    rows: &[MemberId],
    out: &mut TableOutput,
) {
    let text_height = ui.text_style_height(&egui::TextStyle::Body);
    let row_height = (text_height + 10.0).max(24.0);
    let mut table = TableBuilder::new(ui)
        .id_salt("members_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Width::exact(34.0));
    for c in Column::ALL {
        table = table.column(Width::initial(c.width()).at_least(50.0).clip(true));
    }
    table
        .header(row_height, |mut header| {
            header.col(|ui| {
                ui.weak("#");
            });
            for c in Column::ALL {
                header.col(|ui| {
                    let arrow = match state.sort {
                        Some((s, true)) if s == c => " ⏶",
                        Some((s, false)) if s == c => " ⏷",
                        _ => "",
                    };
                    let r = ui
                        .add(
                            egui::Button::new(
                                RichText::new(format!("{}{arrow}", c.title())).strong(),
                            )
                            .frame(false),
                        )
                        .on_hover_text(format!("Sort by {}", c.title().to_lowercase()));
                    if r.clicked() {
                        state.sort = match state.sort {
                            Some((s, true)) if s == c => Some((c, false)),
                            Some((s, false)) if s == c => None,
                            _ => Some((c, true)),
                        };
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(original) = rows.get(row.index()).and_then(|id| index.get(team, *id))
                else {
                    return;
                };
                row.set_selected(selection.contains(&original.id));
                let mut m = original.clone();
                let mut changed: member_fields::Changed = None;
                let problems = member_problems(team, index, original);
                row.col(|ui| {
                    let number = format!("{}", row_number(index, original.id));
                    // Not selectable text: a click on the number selects the row.
                    if problems.is_empty() {
                        ui.add(
                            egui::Label::new(RichText::new(number).weak())
                                .selectable(false)
                                .sense(Sense::hover()),
                        );
                    } else {
                        let text: Vec<String> = problems
                            .iter()
                            .map(|p| format!("{}: {}", p.field, p.message))
                            .collect();
                        ui.colored_label(ui.visuals().error_fg_color, format!("{number} ⚠"))
                            .on_hover_text(text.join("\n"));
                    }
                });
                for c in Column::ALL {
                    if c == Column::Family {
                        row.col(|ui| family_cell(ui, team, original, edits));
                    } else {
                        row.col(|ui| cell(ui, c, team, index, original, &mut m, &mut changed));
                    }
                }
                if row.response().clicked() {
                    let additive = ui_modifiers(&row.response());
                    out.select = Some((original.id, additive));
                }
                if let Some(field) = changed {
                    if m != *original {
                        edits.push(Edit::UpdateMember { member: m, field });
                    }
                }
            });
        });
}

/// The family of the member's discipline: choosing another moves the whole discipline (every
/// member in it), as the team panel does. (The table waits while names are hidden, so this
/// cannot regroup in front of the room.)
fn family_cell(ui: &mut egui::Ui, team: &Team, m: &Member, edits: &mut Vec<Edit>) {
    let Some(d) = team.discipline(m.discipline) else {
        ui.weak("—");
        return;
    };
    let mut family = d.family;
    let r = egui::ComboBox::from_id_salt(("family_cell", m.id.0))
        .selected_text(family.label())
        .width(170.0)
        .show_ui(ui, |ui| {
            for f in crate::model::Family::ALL {
                ui.selectable_value(&mut family, f, f.label());
            }
        })
        .response
        .on_hover_text(format!(
            "The family of {}: with names hidden, a discipline too small to show on its own is shown with the rest of its family",
            d.name
        ));
    let who = if m.name.is_empty() {
        "member".to_owned()
    } else {
        m.name.clone()
    };
    ui.ctx().accesskit_node_builder(r.id, |node| {
        node.set_label(format!("{}, {who}", Column::Family.title()));
    });
    if family != d.family {
        let mut edited = d.clone();
        edited.family = family;
        edits.push(Edit::UpdateDiscipline(edited));
    }
}

/// The member's place in the team's own order, from 1: the number a row keeps however the
/// table is sorted (from the index, as it is asked for once a cell).
fn row_number(index: &MemberIndex, id: MemberId) -> usize {
    index.position(id).map_or(0, |i| i + 1)
}

fn ui_modifiers(response: &egui::Response) -> bool {
    response
        .ctx
        .input(|i| i.modifiers.command || i.modifiers.shift)
}

/// One cell: the widget that edits the column's field, labelled for screen readers with
/// the column and the member ("Salary, Dee Okafor").
fn cell(
    ui: &mut egui::Ui,
    column: Column,
    team: &Team,
    index: &MemberIndex,
    original: &Member,
    m: &mut Member,
    changed: &mut member_fields::Changed,
) {
    let width = column.width() - 12.0;
    let response = match column {
        Column::Name => {
            member_fields::text(ui, member_fields::Text::Name, original, m, changed, width)
        }
        Column::JobTitle => member_fields::text(
            ui,
            member_fields::Text::JobTitle,
            original,
            m,
            changed,
            width,
        ),
        Column::Discipline => member_fields::discipline(ui, team, m, changed, width),
        // Drawn by `family_cell`: it edits the discipline, not the member.
        Column::Family => ui.label(
            team.discipline(m.discipline)
                .map_or("", |d| d.family.label()),
        ),
        Column::Agency => member_fields::agency(ui, team, m, changed, width),
        // A salary to type, or the point on the member's scale to pick.
        Column::Pay if matches!(m.pay, Pay::Salary(_)) => member_fields::salary(ui, m, changed, ""),
        Column::Pay => member_fields::pay_point(ui, team, m, changed, width),
        Column::FullTimePay => ui.label(team.fte_salary(m).map_or_else(|| "n/a".to_owned(), money)),
        Column::Fte => member_fields::fte(ui, m, changed, ""),
        Column::TeamShare => member_fields::team_share(ui, m, changed),
        Column::Leave => member_fields::optional_number(
            ui,
            "Annual leave",
            "leave",
            &mut m.leave_days,
            27.0,
            MAX_LEAVE_DAYS,
            " d",
            changed,
        ),
        Column::YearsOfService => member_fields::years_of_service(ui, m, changed, ""),
        Column::Training => member_fields::optional_number(
            ui,
            "Training",
            "training days",
            &mut m.training_days,
            2.0,
            MAX_TRAINING_DAYS,
            " d",
            changed,
        ),
        Column::TrainingBudget => member_fields::optional_number(
            ui,
            "Training budget",
            "training budget",
            &mut m.training_budget,
            200.0,
            MAX_TRAINING_BUDGET,
            " £",
            changed,
        ),
        Column::Autonomy => member_fields::autonomy(ui, m, changed, width),
        Column::Contract => member_fields::contract(ui, m, changed),
        Column::CoLocated => {
            let r = ui.checkbox(&mut m.co_located, "");
            if r.changed() {
                *changed = Some("co-located");
            }
            r
        }
        Column::Membership => member_fields::membership(ui, team, m, changed),
        Column::LineManager => member_fields::line_manager(ui, team, index, m, changed, width),
    };
    let who = if original.name.is_empty() {
        format!("member {}", row_number(index, original.id))
    } else {
        original.name.clone()
    };
    let label = format!("{}, {who}", column.title());
    // The widget keeps its role and value; it gains a name a screen reader can say.
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(label));
}
