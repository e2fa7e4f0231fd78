//! Every rule a team must keep, with messages a manager understands.
//!
//! Validation only reports: a file that breaks a rule is never silently changed.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::team::{DisciplineId, LineManager, Member, MemberId, Pay, Team};

/// Upper bounds that catch typing slips (an extra zero) without refusing real teams.
pub const MAX_SALARY: f64 = 1_000_000.0;
pub const MAX_LEAVE_DAYS: f64 = 100.0;
/// Longer than any working life: a larger number of years of service is a typing error.
pub const MAX_YEARS_OF_SERVICE: u32 = 60;
pub const MAX_TRAINING_DAYS: f64 = 100.0;
pub const MAX_TRAINING_BUDGET: f64 = 100_000.0;
/// Map coordinates beyond this are a corrupted file, not a drawing.
pub const MAX_COORDINATE: f32 = 1.0e7;
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The range of the workshop-safe minimum group size: 2 is the least that hides anyone; past
/// 20 almost every group in a team of this kind would vanish.
pub const MIN_GROUP_SIZE_RANGE: std::ops::RangeInclusive<usize> = 2..=20;

/// A feedback round as a file may hold it after hand editing: a label of its own, twelve
/// ESQ answers a response, and answers to a team's own items on their scales.
fn feedback_problems(team: &Team, c: &mut Checker) {
    use super::feedback::{Answers, ESQ_ITEMS};
    let mut labels: Vec<String> = Vec::new();
    for r in &team.feedback {
        let place = format!("Feedback round “{}”", r.label);
        let key = super::snapshot::label_key(&r.label);
        if key.is_empty() {
            c.push(&place, "label", "is empty: give the round a label");
        } else if labels.contains(&key) {
            c.push(
                &place,
                "label",
                "is another round's too: give each round its own",
            );
        }
        labels.push(key);
        for (k, x) in r.responses.iter().enumerate() {
            let problem = match &x.answers {
                Answers::Esq { items, .. } if items.len() != ESQ_ITEMS.len() => Some(format!(
                    "response {} holds {} ESQ answers; the ESQ has {}",
                    k + 1,
                    items.len(),
                    ESQ_ITEMS.len()
                )),
                Answers::Items(answers) => answers.iter().find_map(|a| {
                    let item = r.instrument.as_ref()?.items.iter().find(|i| i.id == a.item);
                    match (item, a.value) {
                        (None, _) => Some(format!(
                            "response {} answers “{}”, which is not one of the round's items",
                            k + 1,
                            a.item
                        )),
                        (Some(i), Some(v)) if !(i.min..=i.max).contains(&v) => Some(format!(
                            "response {} answers {} to “{}”, outside its scale of {} to {}",
                            k + 1,
                            v,
                            i.id,
                            i.min,
                            i.max
                        )),
                        _ => None,
                    }
                }),
                _ => None,
            };
            if let Some(p) = problem {
                c.push(&place, "responses", p);
                break;
            }
        }
        if matches!(r.kind, super::feedback::Kind::Own) && r.instrument.is_none() {
            c.push(
                &place,
                "instrument",
                "is missing: a round of the team's own questionnaire keeps its items",
            );
        }
    }
}

/// A note of how service users were involved in a change: a sentence for a slide.
pub const MAX_INVOLVEMENT_CHARS: usize = 300;

/// The smallest number of families' responses a figure may come from with names hidden: at
/// least 3 (fewer and a family could read another's answer), at most 50.
pub const MIN_RESPONSES_RANGE: std::ops::RangeInclusive<usize> = 3..=50;
/// A slide's discussion question, in characters.
pub const MAX_PROMPT_CHARS: usize = 500;

/// One broken rule: where it is, which field, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Problem {
    /// "Member “Asha Patel”", "Discipline “Social work”", "Team"…
    pub place: String,
    pub field: String,
    pub message: String,
    /// The member it is about, so a list of problems can take the user to them.
    pub member: Option<MemberId>,
    /// A problem inside a snapshot's team (not its label or date).
    pub in_snapshot: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}: {}", self.place, self.field, self.message)
    }
}

/// Whether a name can be used: not empty if `required`, and not too long. The text is the
/// reason, for a field to show while the user types.
pub fn check_name(name: &str, required: bool) -> Result<(), String> {
    if required && name.trim().is_empty() {
        Err("A name is needed.".to_owned())
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(format!("At most {MAX_NAME_CHARS} characters."))
    } else {
        Ok(())
    }
}

/// Whether a long text (notes, a description) can be used.
pub fn check_text(text: &str) -> Result<(), String> {
    if text.chars().count() > MAX_TEXT_CHARS {
        Err(format!("At most {MAX_TEXT_CHARS} characters."))
    } else {
        Ok(())
    }
}

fn member_place(m: &Member) -> String {
    if m.name.trim().is_empty() {
        format!("Member #{} (no name)", m.id.0)
    } else {
        format!("Member “{}”", quoted(&m.name))
    }
}

struct Checker {
    problems: Vec<Problem>,
    /// The member being checked, if any: recorded with each problem.
    member: Option<MemberId>,
}

impl Checker {
    fn push(&mut self, place: &str, field: &str, message: impl Into<String>) {
        self.problems.push(Problem {
            place: place.to_owned(),
            field: field.to_owned(),
            message: message.into(),
            member: self.member,
            in_snapshot: false,
        });
    }

    fn name(&mut self, place: &str, field: &str, name: &str, required: bool) {
        if required && name.trim().is_empty() {
            self.push(place, field, "is empty: give it a name");
        }
        if name.chars().count() > MAX_NAME_CHARS {
            self.push(
                place,
                field,
                format!("is longer than {MAX_NAME_CHARS} characters: shorten it"),
            );
        }
    }

    /// A number that must lie in `(0, max]` or `[0, max]`.
    fn range(
        &mut self,
        place: &str,
        field: &str,
        value: f64,
        zero_allowed: bool,
        max: f64,
        unit: &str,
    ) {
        let low_ok = if zero_allowed {
            value >= 0.0
        } else {
            value > 0.0
        };
        if !value.is_finite() || !low_ok || value > max {
            let low = if zero_allowed {
                "at least 0"
            } else {
                "more than 0"
            };
            self.push(
                place,
                field,
                format!(
                    "{} is out of range: it must be {low} and at most {}{unit}",
                    show(value),
                    show(max)
                ),
            );
        }
    }

    fn id_unique<T: std::hash::Hash + Eq + Copy + fmt::Debug>(
        &mut self,
        seen: &mut HashSet<T>,
        id: T,
        raw: u32,
        place: &str,
    ) {
        if !seen.insert(id) {
            self.push(
                place,
                "id",
                format!("id {raw} is used twice: every item needs its own id"),
            );
        }
        if raw == u32::MAX {
            self.push(place, "id", "id is too large: use a smaller number");
        }
    }
}

fn show(value: f64) -> String {
    if value.is_nan() {
        "not a number".to_owned()
    } else if value.is_infinite() {
        "infinity".to_owned()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// Check every rule; an empty list means the team is valid.
pub fn validate(team: &Team) -> Vec<Problem> {
    validate_with(team, true)
}

/// [`validate`] after an edit, which never changes what a snapshot holds: where `team`
/// shares every snapshot's team with `before`, the problems inside them are `before`'s
/// (`before_problems`), not found again. Checking each snapshot's team on every edit would
/// make an edit to a 10,000-member team with three snapshots four times as slow.
pub fn validate_after_edit(
    team: &Team,
    before: &Team,
    before_problems: &[Problem],
) -> Vec<Problem> {
    let shared = team.snapshots.len() == before.snapshots.len()
        && team
            .snapshots
            .iter()
            .zip(&before.snapshots)
            .all(|(a, b)| std::sync::Arc::ptr_eq(&a.team, &b.team));
    if !shared {
        return validate(team);
    }
    let mut problems = validate_with(team, false);
    problems.extend(before_problems.iter().filter(|p| p.in_snapshot).cloned());
    problems
}

fn validate_with(team: &Team, snapshot_contents: bool) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        member: None,
    };
    c.name("Team", "name", &team.name, true);
    if team.description.chars().count() > MAX_TEXT_CHARS
        || team.notes.chars().count() > MAX_TEXT_CHARS
    {
        c.push(
            "Team",
            "notes",
            format!("description or notes are longer than {MAX_TEXT_CHARS} characters"),
        );
    }
    c.range(
        "Team",
        "core threshold",
        team.core_threshold,
        false,
        1.0,
        " (team FTE)",
    );
    if !MIN_GROUP_SIZE_RANGE.contains(&team.min_group_size) {
        c.push(
            "Team",
            "minimum group size",
            format!(
                "{} is out of range: it must be from {} to {}",
                team.min_group_size,
                MIN_GROUP_SIZE_RANGE.start(),
                MIN_GROUP_SIZE_RANGE.end()
            ),
        );
    }
    feedback_problems(team, &mut c);
    for snapshot in &team.snapshots {
        if snapshot.involvement_note.chars().count() > MAX_INVOLVEMENT_CHARS {
            c.push(
                &format!("Snapshot “{}”", snapshot.label),
                "involvement note",
                format!("is longer than {MAX_INVOLVEMENT_CHARS} characters: a sentence will do"),
            );
        }
    }
    if !MIN_RESPONSES_RANGE.contains(&team.min_responses) {
        c.push(
            "Team",
            "minimum of responses",
            format!(
                "{} is out of range: it must be from {} to {}",
                team.min_responses,
                MIN_RESPONSES_RANGE.start(),
                MIN_RESPONSES_RANGE.end()
            ),
        );
    }
    for (slide, prompt) in &team.presentation.prompts {
        if prompt.chars().count() > MAX_PROMPT_CHARS {
            c.push(
                "Team",
                "discussion question",
                format!(
                    "the question for “{}” is longer than {MAX_PROMPT_CHARS} characters",
                    slide.label()
                ),
            );
        }
    }
    if let Some(host) = team.host_agency {
        if team.agency(host).is_none() {
            c.push(
                "Team",
                "host agency",
                format!(
                    "refers to agency id {}, which is not in the team's agency list",
                    host.0
                ),
            );
        }
    }

    check_catalogues(&mut c, team);
    check_members(&mut c, team);
    check_perceptions(&mut c, team);
    check_line_management_cycles(&mut c, team);
    check_snapshots_with(&mut c, team, snapshot_contents);
    let mut slides = HashSet::new();
    for s in &team.presentation.slides {
        if !slides.insert(*s) {
            c.push(
                "Presentation",
                "slides",
                format!("the slide “{}” is listed twice: keep one", s.id()),
            );
        }
    }
    c.problems
}

fn check_catalogues(c: &mut Checker, team: &Team) {
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for d in &team.disciplines {
        let place = format!("Discipline “{}”", quoted(&d.name));
        c.id_unique(&mut ids, d.id, d.id.0, &place);
        c.name(&place, "name", &d.name, true);
        if !names.insert(d.name.trim().to_lowercase()) {
            c.push(&place, "name", "two disciplines have this name: rename one");
        }
        let mut outcomes = HashSet::new();
        for o in &d.outcomes {
            if !outcomes.insert(*o) {
                c.push(
                    &place,
                    "outcomes",
                    format!("“{}” is listed twice", o.label()),
                );
            }
        }
    }

    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for a in &team.agencies {
        let place = format!("Agency “{}”", quoted(&a.name));
        c.id_unique(&mut ids, a.id, a.id.0, &place);
        c.name(&place, "name", &a.name, true);
        if !names.insert(a.name.trim().to_lowercase()) {
            c.push(&place, "name", "two agencies have this name: rename one");
        }
    }

    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for s in &team.pay_scales {
        let place = format!("Pay scale “{}”", quoted(&s.name));
        c.id_unique(&mut ids, s.id, s.id.0, &place);
        c.name(&place, "name", &s.name, true);
        if !names.insert(s.name.trim().to_lowercase()) {
            c.push(&place, "name", "two pay scales have this name: rename one");
        }
        let mut points = HashSet::new();
        for p in &s.points {
            let field = format!("point “{}”", quoted(&p.name));
            c.name(&place, &field, &p.name, true);
            if !points.insert(p.name.as_str()) {
                c.push(&place, &field, "two points on this scale have this name");
            }
            c.range(&place, &field, p.salary, false, MAX_SALARY, " £ a year");
        }
    }
}

/// Each snapshot has a label of its own and a date, holds no snapshots, and keeps every rule
/// itself (a hand-edited file could break one): its problems are named by the snapshot.
/// `contents`: check each snapshot's team too, not only its label and date.
fn check_snapshots_with(c: &mut Checker, team: &Team, contents: bool) {
    let mut labels = HashSet::new();
    for s in &team.snapshots {
        let place = format!("Snapshot “{}”", quoted(&s.label));
        c.name(&place, "label", &s.label, true);
        if s.label.chars().count() > super::snapshot::MAX_LABEL_CHARS {
            c.push(
                &place,
                "label",
                format!(
                    "is longer than {} characters: shorten it",
                    super::snapshot::MAX_LABEL_CHARS
                ),
            );
        }
        if !labels.insert(super::snapshot::label_key(&s.label)) {
            c.push(&place, "label", "two snapshots have this label: rename one");
        }
        if !is_iso_date(&s.taken) {
            c.push(
                &place,
                "date",
                format!("“{}” is not a date like 2026-03-14", quoted(&s.taken)),
            );
        }
        if !s.team.snapshots.is_empty() {
            c.push(
                &place,
                "snapshots",
                "a snapshot cannot hold snapshots of its own",
            );
        }
        if !contents {
            continue;
        }
        for p in validate(&s.team) {
            c.problems.push(Problem {
                place: format!("{place} › {}", p.place),
                field: p.field,
                message: p.message,
                // Not a member of the team as it is now: nothing to select.
                member: None,
                in_snapshot: true,
            });
        }
    }
}

/// Every response refers to disciplines the team has, answers on the 1–5 scale, and rates a
/// discipline once; every pairwise choice is between two different disciplines.
fn check_perceptions(c: &mut Checker, team: &Team) {
    use super::perceptions::{on_scale, Answers};
    let known: HashSet<DisciplineId> = team.disciplines.iter().map(|d| d.id).collect();
    for round in &team.perceptions {
        let place = format!("Perception round “{}”", quoted(&round.label));
        c.name(&place, "label", &round.label, true);
        if !is_iso_date(&round.date) {
            c.push(
                &place,
                "date",
                format!("“{}” is not a date like 2026-03-14", quoted(&round.date)),
            );
        }
        if let Some(label) = &round.snapshot {
            if !team.snapshots.iter().any(|s| &s.label == label) {
                c.push(
                    &place,
                    "snapshot",
                    format!(
                        "it is linked to the snapshot “{}”, which this file does not hold: link it to one it holds, or remove the link",
                        quoted(label)
                    ),
                );
            }
        }
        for (i, r) in round.responses.iter().enumerate() {
            let field = format!("response {}", i + 1);
            if let Some(d) = r.disciplines().find(|d| !known.contains(d)) {
                c.push(
                    &place,
                    &field,
                    format!(
                        "refers to discipline id {}, which the team does not have",
                        d.0
                    ),
                );
            }
            let mut values = vec![r.feel_valued];
            match &r.answers {
                Answers::Ratings(ratings) => {
                    let mut rated = HashSet::new();
                    for x in ratings {
                        values.push(x.say);
                        values.push(x.valued);
                        if !rated.insert(x.discipline) {
                            c.push(&place, &field, "rates one discipline twice");
                        }
                    }
                }
                Answers::Pairwise(choices) => {
                    if choices.iter().any(|x| x.higher == x.lower) {
                        c.push(&place, &field, "compares a discipline with itself");
                    }
                }
                Answers::Items(answers) => {
                    let Some(instrument) = &round.instrument else {
                        c.push(
                            &place,
                            &field,
                            "answers items, but the round keeps no instrument",
                        );
                        continue;
                    };
                    let mut seen = HashSet::new();
                    for a in answers {
                        let Some(item) = instrument.item(&a.item) else {
                            c.push(
                                &place,
                                &field,
                                format!(
                                    "answers “{}”, which the instrument does not ask",
                                    quoted(&a.item)
                                ),
                            );
                            continue;
                        };
                        let each = item.about == super::instrument::About::Each;
                        if each != a.about.is_some() {
                            c.push(
                                &place,
                                &field,
                                format!("answers “{}” about the wrong thing", item.id),
                            );
                        }
                        if a.value.is_some_and(|v| v < item.min || v > item.max) {
                            c.push(
                                &place,
                                &field,
                                format!(
                                    "has an answer to “{}” outside {} to {}",
                                    item.id, item.min, item.max
                                ),
                            );
                        }
                        if !seen.insert((&a.item, a.about)) {
                            c.push(
                                &place,
                                &field,
                                format!("answers “{}” twice about one group", item.id),
                            );
                        }
                    }
                }
            }
            if !values.into_iter().all(on_scale) {
                c.push(&place, &field, "has an answer outside 1 to 5");
            }
        }
    }
}

/// `YYYY-MM-DD`, with a month and day that can exist.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let ok = |p: &str, n: usize| p.len() == n && p.chars().all(|c| c.is_ascii_digit());
    ok(y, 4)
        && ok(m, 2)
        && ok(d, 2)
        && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn check_members(c: &mut Checker, team: &Team) {
    // Built once: looking members up one by one is quadratic on organisation-sized teams.
    let all_ids: HashSet<MemberId> = team.members.iter().map(|m| m.id).collect();
    let mut ids = HashSet::new();
    for m in &team.members {
        c.member = Some(m.id);
        c.id_unique(&mut ids, m.id, m.id.0, &member_place(m));
        check_member(c, team, m, &|id| all_ids.contains(&id));
    }
    c.member = None;
}

/// The problems with one member, for the inspector to show beside its fields. `index`
/// finds the line manager without scanning the team.
pub fn member_problems(
    team: &Team,
    index: &super::team::MemberIndex,
    member: &Member,
) -> Vec<Problem> {
    let mut c = Checker {
        problems: Vec::new(),
        member: Some(member.id),
    };
    check_member(&mut c, team, member, &|id| index.contains(id));
    c.problems
}

fn check_member(c: &mut Checker, team: &Team, m: &Member, exists: &dyn Fn(MemberId) -> bool) {
    let place = member_place(m);
    c.name(&place, "name", &m.name, true);
    c.name(&place, "job title", &m.job_title, false);
    if team.discipline(m.discipline).is_none() {
        c.push(
            &place,
            "discipline",
            format!(
                "refers to discipline id {}, which is not in the team's discipline list",
                m.discipline.0
            ),
        );
    }
    if team.agency(m.agency).is_none() {
        c.push(
            &place,
            "agency",
            format!(
                "refers to agency id {}, which is not in the team's agency list",
                m.agency.0
            ),
        );
    }
    match &m.pay {
        Pay::Salary(s) => c.range(
            &place,
            "salary",
            *s,
            false,
            MAX_SALARY,
            " £ a year (full time)",
        ),
        Pay::Point { scale, point } => match team.pay_scale(*scale) {
            None => c.push(
                &place,
                "pay scale",
                format!(
                    "refers to pay scale id {}, which is not in the team's pay scales",
                    scale.0
                ),
            ),
            Some(s) if s.point(point).is_none() => c.push(
                &place,
                "pay point",
                format!("“{point}” is not a point on the pay scale “{}”", s.name),
            ),
            Some(_) => {}
        },
    }
    c.range(&place, "FTE", m.fte, false, 1.0, " (1 = full time)");
    c.range(
        &place,
        "team share",
        m.team_share,
        false,
        1.0,
        " (1 = all of their time in this team)",
    );
    if let Some(v) = m.leave_days {
        c.range(&place, "annual leave", v, true, MAX_LEAVE_DAYS, " days");
    }
    if let Some(y) = m.years_of_service {
        c.range(
            &place,
            "years of service",
            f64::from(y),
            true,
            f64::from(MAX_YEARS_OF_SERVICE),
            " years",
        );
    }
    if let Some(v) = m.training_days {
        c.range(
            &place,
            "training days",
            v,
            true,
            MAX_TRAINING_DAYS,
            " days a year",
        );
    }
    if let Some(v) = m.training_budget {
        c.range(
            &place,
            "training budget",
            v,
            true,
            MAX_TRAINING_BUDGET,
            " £ a year",
        );
    }
    match &m.line_manager {
        LineManager::NoManager => {}
        LineManager::Member(id) if *id == m.id => {
            c.push(&place, "line manager", "a member cannot manage themselves");
        }
        LineManager::Member(id) => {
            if !exists(*id) {
                c.push(
                    &place,
                    "line manager",
                    format!("refers to member id {}, who is not in the team", id.0),
                );
            }
        }
        LineManager::External { name, agency } => {
            c.name(&place, "line manager", name, true);
            if team.agency(*agency).is_none() {
                c.push(
                    &place,
                    "line manager's agency",
                    format!(
                        "refers to agency id {}, which is not in the team's agency list",
                        agency.0
                    ),
                );
            }
        }
    }
    let p = m.position;
    if !(p.x.is_finite()
        && p.y.is_finite()
        && p.x.abs() <= MAX_COORDINATE
        && p.y.abs() <= MAX_COORDINATE)
    {
        c.push(
            &place,
            "position",
            "is not a usable map position: move the member on the map",
        );
    }
}

/// Report each line-management cycle once, naming its members in order.
fn check_line_management_cycles(c: &mut Checker, team: &Team) {
    let manager: HashMap<MemberId, MemberId> = team
        .members
        .iter()
        .filter_map(|m| match m.line_manager {
            LineManager::Member(boss) if boss != m.id => Some((m.id, boss)),
            _ => None,
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = finished.
    let mut state: HashMap<MemberId, u8> = HashMap::new();
    for start in team.members.iter().map(|m| m.id) {
        if state.get(&start).copied().unwrap_or(0) != 0 {
            continue;
        }
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at {
            match state.get(&id).copied().unwrap_or(0) {
                0 => {
                    state.insert(id, 1);
                    path.push(id);
                    at = manager.get(&id).copied();
                }
                1 => {
                    let from = path.iter().position(|p| *p == id).unwrap_or(0);
                    let names: Vec<String> = path[from..]
                        .iter()
                        .chain(std::iter::once(&id))
                        .map(|i| {
                            team.member(*i)
                                .map_or_else(|| format!("#{}", i.0), |m| m.name.clone())
                        })
                        .collect();
                    let place = team
                        .member(id)
                        .map_or_else(|| format!("Member #{}", id.0), member_place);
                    c.member = Some(id);
                    c.push(
                        &place,
                        "line manager",
                        format!("line management goes round in a circle ({}): someone in it needs a manager outside the circle", names.join(" → ")),
                    );
                    c.member = None;
                    break;
                }
                _ => break,
            }
        }
        for id in path {
            state.insert(id, 2);
        }
    }
}

/// A name or label from the file as a message quotes it: cut if long, so a 5 MB name does
/// not fill the screen and hide what is wrong with it.
fn quoted(text: &str) -> String {
    crate::format::shorten(text, 80)
}
