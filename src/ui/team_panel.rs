//! The team panel: team settings and the discipline and agency catalogues, with their
//! colours and shapes (the map's legend). Reads the team, queues [`Edit`]s.

use egui::{ComboBox, DragValue};

use super::field;
use super::style::{self, AgencyShape};
use crate::document::{Edit, TeamSettings};
use crate::model::{
    pay, AgencyId, DisciplineId, Family, Framework, Integration, ProfessionalModel, Sector,
    Service, Team,
};

/// A delete that needs the manager to say where the members go.
#[derive(Clone, Debug, PartialEq)]
pub enum PendingDelete {
    Discipline {
        id: DisciplineId,
        move_to: Option<DisciplineId>,
    },
    Agency {
        id: AgencyId,
        move_to: Option<AgencyId>,
    },
}

#[derive(Default)]
pub struct TeamPanelState {
    pub pending_delete: Option<PendingDelete>,
    pub feedback: super::feedback_panel::FeedbackPanelState,
    /// The form for a pay year made from an announced award or a table, while it is open.
    pub add_year: Option<AddYearForm>,
    /// The pay-year menu asked for a published table: the app opens the file dialog.
    pub wants_table: bool,
    /// The manager asked to keep this pay year in their own library: the app writes it.
    pub wants_keep: Option<String>,
}

/// A pay year the library does not hold, being made from an announced award.
#[derive(Clone, Debug, PartialEq)]
pub struct AddYearForm {
    pub year: String,
    pub percent: f64,
    pub source: String,
    /// One scale by name, or every scale.
    pub scale: Option<String>,
    /// A published table already read, in place of an award.
    pub table: Option<PayTable>,
}

/// A published pay table chosen for a new year: the file it came from and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct PayTable {
    pub file: String,
    pub sheet: Box<crate::model::csv::Sheet>,
    /// The scales it gives figures for, as the form lists them.
    pub scales: Vec<String>,
}

impl AddYearForm {
    /// The form for the year after the team's latest, to be filled in.
    pub fn after(team: &Team, table: Option<PayTable>) -> Self {
        let last = team.pay_scales.iter().map(|s| s.year.as_str()).max();
        Self {
            year: last.and_then(pay::next_year).unwrap_or_default(),
            percent: 0.0,
            source: String::new(),
            scale: None,
            table,
        }
    }
}

/// `names_hidden`: a workshop is looking, so messages count members rather than name them.
/// `today` (`YYYY-MM-DD`): whether the team's pay year is over.
pub fn show(
    ui: &mut egui::Ui,
    (team, today): (&Team, &str),
    names_hidden: bool,
    state: &mut TeamPanelState,
    edits: &mut Vec<Edit>,
) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        egui::CollapsingHeader::new("Team").default_open(true).show(ui, |ui| settings(ui, team, today, (&mut state.add_year, &mut state.wants_table), &mut state.wants_keep, edits));
        egui::CollapsingHeader::new(format!("Disciplines ({})", team.disciplines.len())).default_open(true).show(ui, |ui| disciplines(ui, team, names_hidden, state, edits));
        egui::CollapsingHeader::new(format!("Agencies ({})", team.agencies.len())).default_open(true).show(ui, |ui| agencies(ui, team, state, edits));
        if !team.feedback.is_empty() {
            egui::CollapsingHeader::new(format!("What families said ({})", team.feedback.len())).default_open(false).show(ui, |ui| super::feedback_panel::show(ui, team, names_hidden, &mut state.feedback, edits));
        }
        ui.add_space(8.0);
        ui.weak("Fill colour: discipline. Shape: agency. Size: time in this team. Dashed outline: part-time or split post. Arrows: line management.");
    });
    confirm_delete(ui.ctx(), team, state, edits);
    add_year_form(ui.ctx(), team, today, &mut state.add_year, edits);
}

/// The form for a pay year made from an announced award: the year, the award, where it was
/// announced, and which scales. One undo step when added (`Edit::AddPayYear`).
fn add_year_form(
    ctx: &egui::Context,
    team: &Team,
    today: &str,
    form: &mut Option<AddYearForm>,
    edits: &mut Vec<Edit>,
) {
    let Some(f) = form.as_mut() else {
        return;
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("add_pay_year")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        if let Some(table) = &f.table {
            ui.heading("Add a pay year from a published table");
            ui.label(format!("Each figure {} gives replaces the scale's last, as read from the table; scales it leaves out stay as they are. Say where the table was published, so the handout can cite it.", table.file));
        } else {
            ui.heading("Add a pay year from an announced award");
            ui.label("For a year the library does not hold yet: each figure is last year's raised by the award, to the pound, and marked estimated with where the award was announced. Replace them with the published table when it is out.");
        }
        egui::Grid::new("add_pay_year_grid").num_columns(2).show(ui, |ui| {
            let l = ui.label("Pay year");
            ui.text_edit_singleline(&mut f.year).labelled_by(l.id);
            ui.end_row();
            if let Some(table) = &f.table {
                ui.label("Scales in the table");
                let scales: Vec<&str> = table.scales.iter().map(String::as_str).collect();
                ui.label(crate::format::list(&scales));
                ui.end_row();
                source_row(ui, "Published in", "the table's title, publisher and date", &mut f.source);
                return;
            }
            let l = ui.label("Award");
            ui.add(
                DragValue::new(&mut f.percent)
                    .range(-50.0..=50.0)
                    .speed(0.1)
                    .max_decimals(2)
                    .suffix(" %"),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Scales");
            ComboBox::from_id_salt("add_pay_year_scale")
                .selected_text(f.scale.as_deref().unwrap_or("Every scale"))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.scale, None, "Every scale");
                    for s in &team.pay_scales {
                        ui.selectable_value(&mut f.scale, Some(s.name.clone()), &s.name);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            source_row(ui, "Announced in", "the announcement, its publisher and date", &mut f.source);
        });
        let ready = !f.year.trim().is_empty() && !f.source.trim().is_empty();
        ui.horizontal(|ui| {
            if ui.add_enabled(ready, egui::Button::new("Add the year")).clicked() {
                answer = Some(true);
            }
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
        });
    });
    match answer {
        Some(true) => {
            if let Some(f) = form.take() {
                let (year, source, today) = (
                    f.year.trim().to_owned(),
                    f.source.trim().to_owned(),
                    today.to_owned(),
                );
                edits.push(match f.table {
                    Some(table) => Edit::AddPayYearFromTable {
                        year,
                        table: table.sheet,
                        source,
                        today,
                    },
                    None => Edit::AddPayYear {
                        year,
                        uplift: pay::Uplift {
                            percent: f.percent,
                            source,
                            scale: f.scale,
                        },
                        today,
                    },
                });
            }
        }
        Some(false) => *form = None,
        None => {}
    }
}

/// A grid row for where a year's figures come from: every figure made from them cites it.
fn source_row(ui: &mut egui::Ui, label: &str, hint: &str, source: &mut String) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(source)
            .hint_text(hint)
            .desired_width(320.0),
    )
    .labelled_by(l.id);
    ui.end_row();
}

/// The professional family a discipline belongs to: what the room sees it with when the
/// discipline is too small to show on its own. Fixed while names are hidden, so nobody
/// regroups in front of the room to single a person out.
pub fn family_choice(
    ui: &mut egui::Ui,
    id: DisciplineId,
    family: &mut Family,
    names_hidden: bool,
    changed: &mut bool,
) {
    ui.horizontal(|ui| {
        let label = ui.label("Professional family");
        ui.add_enabled_ui(!names_hidden, |ui| {
            let before = *family;
            ComboBox::from_id_salt(("family", id.0))
                .selected_text(family.label())
                .show_ui(ui, |ui| {
                    for f in Family::ALL {
                        ui.selectable_value(family, f, f.label());
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("With names hidden, a discipline too small to show on its own is shown with the rest of its family")
                .on_disabled_hover_text("Fixed while names are hidden: regrouping in front of the room could single someone out");
            if *family != before {
                *changed = true;
            }
        });
    });
}

/// The team's pay year. Choosing one (even the current one, to refresh figures from the
/// library) re-rates every library scale and every member on a scale point, as one undo step
/// whose status line says how many salaries changed.
fn pay_year(
    ui: &mut egui::Ui,
    team: &Team,
    (add_year, wants_table): (&mut Option<AddYearForm>, &mut bool),
    edits: &mut Vec<Edit>,
) -> egui::Response {
    let mut chosen = None;
    // A file from before pay years whose library scales disagree has no single year.
    let current = match &team.pay_year {
        Some(year) => year.as_str(),
        None if team.pay_scales.iter().any(|s| s.key.is_some()) => "mixed years",
        None => "the team's own scales",
    };
    let r = ComboBox::from_id_salt("pay_year")
        .truncate()
        .selected_text(current)
        .width(140.0)
        .show_ui(ui, |ui| {
            for year in pay::years() {
                if ui
                    .selectable_label(team.pay_year.as_deref() == Some(year), year)
                    .clicked()
                {
                    chosen = Some(year);
                }
            }
            // A year the library does not hold, for which an award has been announced.
            let own = team
                .pay_year
                .as_ref()
                .filter(|y| !pay::years().contains(&y.as_str()));
            if let Some(year) = own {
                let _ = ui.selectable_label(true, year);
            }
            ui.separator();
            if ui.button("Add a year from an announced award…").clicked() {
                *add_year = Some(AddYearForm::after(team, None));
            }
            if ui.button("Add a year from a published table…").clicked() {
                *wants_table = true;
            }
        })
        .response
        .on_hover_text(
            "The year of the national pay scales. Choosing one re-rates every member on a scale point to that year's figures.",
        );
    if let Some(year) = chosen {
        edits.push(Edit::RerateTo {
            year: year.to_owned(),
        });
    }
    r
}

fn settings(
    ui: &mut egui::Ui,
    team: &Team,
    today: &str,
    add_year: (&mut Option<AddYearForm>, &mut bool),
    keep: &mut Option<String>,
    edits: &mut Vec<Edit>,
) {
    let mut s = TeamSettings::of(team);
    let mut field = None;
    let mut changed = |f: &'static str, yes: bool| {
        if yes {
            field = Some(f);
        }
    };
    egui::Grid::new("team_settings")
        .num_columns(2)
        .show(ui, |ui| {
            let l = ui.label("Team name");
            let f = field::text(
                ui,
                field::Target::TeamName,
                &team.name,
                140.0,
                field::name_check(true),
            );
            f.response.labelled_by(l.id);
            if let Some(name) = f.commit {
                s.name = name;
                changed("name", true);
            }
            ui.end_row();
            let services = Service::ALL.map(|v| (v, v.label()));
            changed("service", choice(ui, "Service", &mut s.service, services));
            let levels = Integration::ALL.map(|v| (v, v.label()));
            changed(
                "integration",
                choice(ui, "Integration", &mut s.integration, levels),
            );
            let frameworks = Framework::ALL.map(|f| (f, f.name()));
            changed(
                "framework",
                choice(ui, "Outcomes framework", &mut s.framework, frameworks),
            );
            if let Some(about) = crate::model::framework::about(s.framework) {
                ui.label("");
                ui.weak(&about.period).on_hover_text(&about.status);
                ui.end_row();
            }
            let hosts = std::iter::once((None, "none"))
                .chain(team.agencies.iter().map(|a| (Some(a.id), a.name.as_str())));
            changed(
                "host agency",
                choice(ui, "Host agency", &mut s.host_agency, hosts),
            );
            let l = ui.label("Pay year");
            pay_year(ui, team, add_year, edits).labelled_by(l.id);
            ui.end_row();
            if let Some(warning) = crate::model::pay::out_of_date(team, today) {
                ui.label("");
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(warning).color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
                ui.end_row();
            }
            let l = ui.label("Core threshold");
            let threshold = ui
                .add(
                    DragValue::new(&mut s.core_threshold)
                        .update_while_editing(false)
                        .clamp_existing_to_range(false)
                        .range(0.05..=1.0)
                        .speed(0.01)
                        .max_decimals(2)
                        .suffix(" FTE in team"),
                )
                .labelled_by(l.id)
                .on_hover_text("Members with at least this much time in the team count as core");
            changed("core threshold", threshold.changed());
            ui.end_row();
            changed(
                "smallest group shown",
                smallest(
                    ui,
                    "Smallest group shown",
                    &mut s.min_group_size,
                    crate::model::validate::MIN_GROUP_SIZE_RANGE,
                    " people",
                    "With names hidden (workshops, exports), no figure is shown for a group smaller than this",
                ),
            );
            changed(
                "fewest families' answers shown",
                smallest(
                    ui,
                    "Fewest families' answers shown",
                    &mut s.min_responses,
                    crate::model::validate::MIN_RESPONSES_RANGE,
                    " answers",
                    "With names hidden, no figure of families' feedback is shown from fewer answers than this",
                ),
            );
        });
    // Below the grid, at the panel's full width: the label is too long for a grid cell.
    if let Some(year) = pay::own::unkept_year(team) {
        if ui
            .add(egui::Button::new(format!("Keep {year} in my pay library")).wrap())
            .on_hover_text("A year added by hand stays in this team's file. Kept in your pay library too, every team you open or start can choose it.")
            .clicked()
        {
            *keep = Some(year);
        }
    }
    // The declared level of integration is a claim; the evidence sits under it (wrapped
    // below the grid, so it does not widen the panel).
    let p = crate::analysis::integration(team);
    if p.headcount > 0 {
        ui.weak(format!(
            "Integration in practice: {} of {} co-located, {} line-managed outside the team, {} in split posts.",
            p.co_located, p.headcount, p.managed_outside, p.split_posts
        ))
        .on_hover_text("Co-location, where line management sits and split posts show how integrated the team is, whatever it declares");
    }
    for (label, target, text, into) in [
        (
            "Description",
            field::Target::Description,
            &team.description,
            &mut s.description,
        ),
        ("Notes", field::Target::Notes, &team.notes, &mut s.notes),
    ] {
        let l = ui.label(label);
        let f = field::multiline(ui, target, text, 2, crate::model::validate::check_text);
        f.response.labelled_by(l.id);
        if let Some(text) = f.commit {
            *into = text;
            changed(
                if label == "Notes" {
                    "notes"
                } else {
                    "description"
                },
                true,
            );
        }
    }
    if let Some(field) = field {
        edits.push(Edit::UpdateTeam { settings: s, field });
    }
}

/// A labelled drop-down row of the settings grid; true if the choice changed.
fn choice<'o, T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: impl IntoIterator<Item = (T, &'o str)>,
) -> bool {
    let l = ui.label(label);
    let options = options.into_iter().map(|(v, text)| (v, text.to_owned()));
    let (response, changed) = field::choice(ui, label, value, options, Some(140.0));
    response.labelled_by(l.id);
    ui.end_row();
    changed
}

/// A labelled row setting the smallest number of people (or answers) a figure is shown
/// for; true if it changed.
fn smallest(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut usize,
    range: std::ops::RangeInclusive<usize>,
    suffix: &str,
    hover: &str,
) -> bool {
    let l = ui.label(label);
    let changed = ui
        .add(
            DragValue::new(value)
                .update_while_editing(false)
                .clamp_existing_to_range(false)
                .range(range)
                .speed(0.05)
                .suffix(suffix),
        )
        .labelled_by(l.id)
        .on_hover_text(hover)
        .changed();
    ui.end_row();
    changed
}

fn disciplines(
    ui: &mut egui::Ui,
    team: &Team,
    names_hidden: bool,
    state: &mut TeamPanelState,
    edits: &mut Vec<Edit>,
) {
    for d in &team.disciplines {
        let count = team.members.iter().filter(|m| m.discipline == d.id).count();
        let mut edited = d.clone();
        let mut changed = false;
        ui.push_id(("discipline", d.id.0), |ui| {
            ui.horizontal(|ui| {
                let mut colour = style::rgb(d.colour);
                if ui
                    .color_edit_button_srgba(&mut colour)
                    .on_hover_text("Colour on the map and in charts")
                    .changed()
                {
                    edited.colour = style::to_rgb(colour);
                    changed = true;
                }
                let f = field::text_hinted(
                    ui,
                    field::Target::DisciplineName(d.id),
                    &d.name,
                    120.0,
                    "Discipline name",
                    |name| {
                        let others = team.disciplines.iter().filter(|x| x.id != d.id);
                        unique_name(name, others.map(|x| x.name.as_str()), "discipline")
                    },
                );
                f.response.on_hover_text("Discipline name");
                if let Some(name) = f.commit {
                    edited.name = name;
                    changed = true;
                }
                ui.weak(format!("{count}")).on_hover_text("members");
            });
            let role = if d.support_role { " · support role" } else { "" };
            egui::CollapsingHeader::new(format!("models: {}{role}", d.models_label()))
                .id_salt("details")
                .show(ui, |ui| {
                    if ui
                        .checkbox(&mut edited.support_role, "Support role (not a profession)")
                        .on_hover_text("Administration, reception: members of the team, but left out when the top and the bottom of the ladder are compared")
                        .changed()
                    {
                        changed = true;
                    }
                    family_choice(ui, d.id, &mut edited.family, names_hidden, &mut changed);
                    ui.label("Professional models (as many as apply)");
                    for m in ProfessionalModel::ALL {
                        if m == ProfessionalModel::NoModel {
                            continue;
                        }
                        let mut on = edited.models.contains(&m);
                        if ui.checkbox(&mut on, format!("{} model", m.label())).changed() {
                            if on {
                                edited.models.push(m);
                                edited.models.sort();
                            } else {
                                edited.models.retain(|x| *x != m);
                            }
                            changed = true;
                        }
                    }
                    ui.label(format!(
                        "{} {} it contributes to",
                        team.framework.name(),
                        team.framework.parts()
                    ));
                    for &o in team.framework.outcomes() {
                        let mut on = edited.outcomes.contains(&o);
                        if ui.checkbox(&mut on, o.label()).changed() {
                            if on {
                                edited.outcomes.push(o);
                            } else {
                                edited.outcomes.retain(|x| *x != o);
                            }
                            changed = true;
                        }
                    }
                    if ui.button("Delete discipline").clicked() {
                        if count == 0 {
                            edits.push(Edit::DeleteDiscipline {
                                id: d.id,
                                move_members_to: None,
                            });
                        } else {
                            let other =
                                team.disciplines.iter().find(|x| x.id != d.id).map(|x| x.id);
                            state.pending_delete = Some(PendingDelete::Discipline {
                                id: d.id,
                                move_to: other,
                            });
                        }
                    }
                });
        });
        if changed {
            edits.push(Edit::UpdateDiscipline(edited));
        }
    }
    if ui.button("+ Add discipline").clicked() {
        edits.push(Edit::AddDiscipline);
    }
}

fn agencies(ui: &mut egui::Ui, team: &Team, state: &mut TeamPanelState, edits: &mut Vec<Edit>) {
    for (i, a) in team.agencies.iter().enumerate() {
        let count = team.members.iter().filter(|m| m.agency == a.id).count();
        let mut edited = a.clone();
        let mut changed = false;
        ui.push_id(("agency", a.id.0), |ui| {
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::hover());
                style::draw_node(
                    ui.painter(),
                    AgencyShape::for_index(i),
                    rect.center(),
                    7.0,
                    ui.visuals().weak_text_color(),
                    egui::Stroke::new(1.0, ui.visuals().text_color()),
                    false,
                );
                let f = field::text_hinted(
                    ui,
                    field::Target::AgencyName(a.id),
                    &a.name,
                    120.0,
                    "Agency name",
                    |name| {
                        let others = team.agencies.iter().filter(|x| x.id != a.id);
                        unique_name(name, others.map(|x| x.name.as_str()), "agency")
                    },
                );
                f.response.on_hover_text("Agency name");
                if let Some(name) = f.commit {
                    edited.name = name;
                    changed = true;
                }
                ui.weak(format!("{count}"));
            });
            ui.horizontal(|ui| {
                ui.add_space(22.0);
                ComboBox::from_id_salt("sector")
                    .truncate()
                    .selected_text(edited.sector.label())
                    .show_ui(ui, |ui| {
                        for s in Sector::ALL {
                            if ui
                                .selectable_value(&mut edited.sector, s, s.label())
                                .changed()
                            {
                                changed = true;
                            }
                        }
                    })
                    .response
                    .on_hover_text("Sector");
                if ui.small_button("Delete").clicked() {
                    if count == 0 {
                        edits.push(Edit::DeleteAgency {
                            id: a.id,
                            move_members_to: None,
                        });
                    } else {
                        let other = team.agencies.iter().find(|x| x.id != a.id).map(|x| x.id);
                        state.pending_delete = Some(PendingDelete::Agency {
                            id: a.id,
                            move_to: other,
                        });
                    }
                }
            });
        });
        if changed {
            edits.push(Edit::UpdateAgency(edited));
        }
    }
    if ui.button("+ Add agency").clicked() {
        edits.push(Edit::AddAgency);
    }
}

/// A catalogue name: present, not too long, and not another entry's (compared as validation
/// compares them: trimmed, in any case).
fn unique_name<'a>(
    name: &str,
    mut others: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<(), String> {
    field::name_check(true)(name)?;
    let key = name.trim().to_lowercase();
    if others.any(|other| other.trim().to_lowercase() == key) {
        Err(format!("Another {what} has this name."))
    } else {
        Ok(())
    }
}

/// Deleting a discipline or agency that members belong to asks where they should go.
fn confirm_delete(
    ctx: &egui::Context,
    team: &Team,
    state: &mut TeamPanelState,
    edits: &mut Vec<Edit>,
) {
    let Some(pending) = state.pending_delete.clone() else {
        return;
    };
    let mut close = false;
    let mut next = pending.clone();
    egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| match &mut next {
        PendingDelete::Discipline { id, move_to } => {
            let others: Vec<_> = team
                .disciplines
                .iter()
                .filter(|d| d.id != *id)
                .map(|d| (d.id, d.name.as_str()))
                .collect();
            let name = team.discipline(*id).map_or("?", |d| d.name.as_str());
            let n = team.members.iter().filter(|m| m.discipline == *id).count();
            match ask_where(
                ui,
                name,
                &format!("{n} member(s) belong to it."),
                &others,
                move_to,
            ) {
                Some(true) => {
                    edits.push(Edit::DeleteDiscipline {
                        id: *id,
                        move_members_to: *move_to,
                    });
                    close = true;
                }
                Some(false) => close = true,
                None => {}
            }
        }
        PendingDelete::Agency { id, move_to } => {
            let others: Vec<_> = team
                .agencies
                .iter()
                .filter(|a| a.id != *id)
                .map(|a| (a.id, a.name.as_str()))
                .collect();
            let name = team.agency(*id).map_or("?", |a| a.name.as_str());
            let n = team.members.iter().filter(|m| m.agency == *id).count();
            match ask_where(
                ui,
                name,
                &format!("{n} member(s) work for it."),
                &others,
                move_to,
            ) {
                Some(true) => {
                    edits.push(Edit::DeleteAgency {
                        id: *id,
                        move_members_to: *move_to,
                    });
                    close = true;
                }
                Some(false) => close = true,
                None => {}
            }
        }
    });
    state.pending_delete = if close { None } else { Some(next) };
}

/// The body of the delete question: where should the members go? `Some(true)` deletes,
/// `Some(false)` cancels, `None` is still asking.
fn ask_where<Id: Copy + PartialEq>(
    ui: &mut egui::Ui,
    name: &str,
    who: &str,
    others: &[(Id, &str)],
    move_to: &mut Option<Id>,
) -> Option<bool> {
    ui.heading(format!("Delete “{name}”?"));
    ui.label(format!("{who} Move them to:"));
    let current = others
        .iter()
        .find(|(id, _)| Some(*id) == *move_to)
        .map_or("choose…", |(_, n)| *n);
    ComboBox::from_id_salt("move_to")
        .truncate()
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (id, other) in others {
                ui.selectable_value(move_to, Some(*id), *other);
            }
        })
        .response
        .on_hover_text("Move members to");
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                move_to.is_some(),
                egui::Button::new("Delete and move members"),
            )
            .clicked()
        {
            answer = Some(true);
        }
        if ui.button("Cancel").clicked() {
            answer = Some(false);
        }
    });
    answer
}
