//! The pay-scale library in `assets/pay_scales.ron`: national scales by pay year, each year
//! with its effective date and source, and each scale's annual-leave rule with its own.
//!
//! A team carries a copy of the scales it uses (so a later library never changes a saved
//! team); [`rerate`] replaces those copies with another year's figures when the manager
//! changes the team's pay year.

use std::fmt::Write as _;
use std::sync::{OnceLock, RwLock};

pub mod own;

use serde::Deserialize;

use super::team::{Member, Pay, PayPoint, PayScale, PayScaleId, Team};

const PAY_SCALES_RON: &str = include_str!("../../assets/pay_scales.ron");

/// The year a new team starts on: the latest the library holds for every scale.
pub const CURRENT_YEAR: &str = "2025/26";

#[derive(Deserialize, Debug, PartialEq, Clone)]
pub(crate) struct Library {
    pub(crate) scales: Vec<LibraryScale>,
}

/// A national scale, every year the library holds of it, and its leave rule.
#[derive(Deserialize, Debug, PartialEq, Clone)]
pub struct LibraryScale {
    /// Stable across years and names: what a team's copy refers to.
    pub key: String,
    pub name: String,
    /// Earlier names of the scale, so older files and spreadsheets still find it.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub leave: LeaveRule,
    pub years: Vec<ScaleYear>,
}

/// One pay year of a scale.
#[derive(Deserialize, Debug, PartialEq, Clone)]
pub struct ScaleYear {
    /// "2025/26".
    pub year: String,
    /// YYYY-MM-DD.
    pub effective: String,
    pub source: Source,
    #[serde(default)]
    pub note: String,
    pub points: Vec<PayPoint>,
}

/// A published document: its title and address.
#[derive(Deserialize, Debug, PartialEq, Clone)]
pub struct Source {
    pub title: String,
    pub url: String,
    /// A copy of the official figures (a council's table, a union's or a newspaper's), not
    /// the awarding body's own document: the figures are shown as published, with this said.
    #[serde(default)]
    pub secondary: bool,
    /// Figures the manager supplied (a year kept in their own library), not ones read for
    /// the library: never called confirmed.
    #[serde(default)]
    pub supplied: bool,
}

/// What an agreement gives in annual leave, full time, not counting public holidays.
#[derive(Deserialize, Debug, PartialEq, Clone)]
pub struct LeaveRule {
    pub entitlement: Entitlement,
    pub source: Source,
    /// What the days leave out or add ("plus 8 public holidays").
    #[serde(default)]
    pub note: String,
}

#[derive(Deserialize, Debug, PartialEq, Clone)]
pub enum Entitlement {
    /// Days from the first step whose years of service the member has reached; steps in
    /// ascending order of years, the first at 0.
    ByService(Vec<LeaveStep>),
    /// No annual-leave entitlement to compare (teachers: directed time, holidays when
    /// schools close).
    NoEntitlement,
    /// The agreement leaves leave to the employer.
    SetLocally,
    /// The agreement sets leave, but the library does not hold its figures (see the note).
    NotHeld,
}

#[derive(Deserialize, Debug, PartialEq, Clone, Copy)]
pub struct LeaveStep {
    /// Completed years of service from which `days` apply.
    pub after_years: u32,
    pub days: f64,
}

/// The embedded library. A unit test guarantees it parses and is complete, so an empty
/// library here can only mean a broken build, never a crash at start-up.
pub(crate) fn library_builtin() -> &'static [LibraryScale] {
    static LIBRARY: OnceLock<Vec<LibraryScale>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        ron::from_str::<Library>(PAY_SCALES_RON)
            .map(|l| l.scales)
            .unwrap_or_default()
    })
}

/// The built-in library with the years the manager keeps ([`own`]) added, once
/// [`use_own`] has read them; the built-in library alone until then.
pub fn library() -> &'static [LibraryScale] {
    let with_own = WITH_OWN.read().ok().and_then(|l| *l);
    with_own.unwrap_or_else(library_builtin)
}

static WITH_OWN: RwLock<Option<&'static [LibraryScale]>> = RwLock::new(None);

/// From now on, the library includes the manager's years. Called at start-up and when the
/// manager keeps a year. Each call leaks one copy of the library (a few dozen kilobytes,
/// a handful of times a session), so that every reader keeps a `'static` view.
pub fn use_own(own: &own::OwnLibrary) {
    let merged: &'static [LibraryScale] = Vec::leak(own::merged(own));
    if let Ok(mut l) = WITH_OWN.write() {
        *l = Some(merged);
    }
}

/// The library scale with this key.
pub fn library_scale(key: &str) -> Option<&'static LibraryScale> {
    library().iter().find(|s| s.key == key)
}

/// The library scale called `name` now or before, ignoring case.
pub fn library_scale_named(name: &str) -> Option<&'static LibraryScale> {
    let name = name.trim();
    library().iter().find(|s| {
        s.name.eq_ignore_ascii_case(name) || s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// Whether figures that took effect on `effective` (`YYYY-MM-DD`) are for a pay year now
/// over, on `today` (`YYYY-MM-DD`): a pay year runs twelve months from the day its figures
/// take effect (April for most scales, September for teachers'). ISO dates compare in order
/// as text.
pub fn year_is_over(effective: &str, today: &str) -> bool {
    let Some((year, rest)) = effective.split_once('-') else {
        return false;
    };
    let Ok(year) = year.parse::<u32>() else {
        return false;
    };
    today >= format!("{:04}-{rest}", year + 1).as_str()
}

/// The pay year after `year`: "2025/26" → "2026/27".
pub fn next_year(year: &str) -> Option<String> {
    let (first, _) = year.split_once('/')?;
    let first: u32 = first.trim().parse().ok()?;
    Some(format!("{}/{:02}", first + 1, (first + 2) % 100))
}

/// What to tell a manager whose pay figures are for a year that has ended by `today`
/// (`YYYY-MM-DD`): the team's pay year, and the award to look for. `None` while every scale
/// the team holds is for the year under way (or says nothing of when it took effect).
pub fn out_of_date(team: &Team, today: &str) -> Option<String> {
    // The scales the members are paid on (a team holds copies of others to choose from);
    // every scale where nobody is on a point.
    let used: Vec<&PayScale> = team
        .pay_scales
        .iter()
        .filter(|s| {
            team.members
                .iter()
                .any(|m| matches!(&m.pay, Pay::Point { scale, .. } if *scale == s.id))
        })
        .collect();
    let relevant: Vec<&PayScale> = if used.is_empty() {
        team.pay_scales.iter().collect()
    } else {
        used
    };
    let over: Vec<&PayScale> = relevant
        .iter()
        .copied()
        .filter(|s| year_is_over(&s.effective, today))
        .collect();
    let first = over.first()?;
    let year = &first.year;
    let next = next_year(year).map_or_else(|| "next".to_owned(), |n| format!("the {n}"));
    // Where only some scales are behind (one moved on to a newer year), they are named; a
    // scale of the manager's own, with no date, is neither.
    let dated = relevant.iter().filter(|s| !s.effective.is_empty()).count();
    let which = if over.len() == dated {
        String::new()
    } else {
        let names: Vec<&str> = over.iter().map(|s| s.name.as_str()).collect();
        format!(" for {}", crate::format::list(&names))
    };
    Some(format!(
        "Pay figures{which} are for {year}; check whether {next} award has been published."
    ))
}

/// After scales of `team` moved on to `year` in `new`: the team's pay year moves on too where
/// every scale has; returns how many members' salaries changed (only points can).
fn settle(team: &Team, new: &mut Team, year: &str) -> usize {
    if new.pay_scales.iter().all(|s| s.year == year) {
        new.pay_year = Some(year.to_owned());
    }
    team.members
        .iter()
        .zip(&new.members)
        .filter(|(a, b)| team.salary_of(&a.pay) != new.salary_of(&b.pay))
        .count()
}

/// A scale's copy moved on by hand to `year`: its effective day on the same day of the
/// year `year` starts in ("2026/27": 2026; a year later where the label does not say), its
/// source `source` (with no address, and not marked a copy), `note` saying how it was made,
/// and marked as the manager's figures. Moving on to the year it is already on (a
/// published table replacing an estimate) keeps its day.
fn move_on(s: &mut PayScale, year: &str, source: &str, note: String) {
    if s.year != year {
        if let Some((y, rest)) = s.effective.split_once('-') {
            let starts = year.get(..4).and_then(|y| y.parse::<u32>().ok());
            if let Some(y) = starts.or_else(|| y.parse::<u32>().ok().map(|y| y + 1)) {
                s.effective = format!("{y:04}-{rest}");
            }
        }
    }
    year.clone_into(&mut s.year);
    source.clone_into(&mut s.source);
    s.source_url.clear();
    s.source_secondary = false;
    s.supplied = true;
    s.note = note;
}

/// Whether a sheet row is a pay table's header: it has the columns scale, point and salary.
pub fn is_table_header(cells: &[String]) -> bool {
    ["scale", "point", "salary"]
        .iter()
        .all(|name| cells.iter().any(|c| c.trim().eq_ignore_ascii_case(name)))
}

/// The team with a new pay `year` read from a published table: a sheet with the columns
/// `scale`, `point` and `salary` (any order, any case), one row per point. Every point of
/// each scale the table names must be in it; scales it does not name stay as they were. The
/// figures are published, so none is marked estimated; `source` names the table, and the
/// scale is marked as the manager's figures (see [`standing`]). Refused, saying which line
/// and column, for a scale or point the team does not have, a salary that is not one, or a
/// row that cannot be read.
pub fn from_table(
    team: &Team,
    year: &str,
    sheet: &super::csv::Sheet,
    source: &str,
    today: &str,
) -> Result<(Team, String), String> {
    use std::collections::HashMap;
    let year = year.trim();
    let source = source.trim();
    if year.is_empty() || source.is_empty() {
        return Err("a table needs its pay year and its source (--source): where it was published, and when".to_owned());
    }
    let column = |name: &str| {
        sheet
            .headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                format!(
                    "line {}: the table needs the columns scale, point and salary; it has no “{name}” column",
                    sheet.header_line
                )
            })
    };
    let (c_scale, c_point, c_salary) = (column("scale")?, column("point")?, column("salary")?);
    let mut given: HashMap<usize, HashMap<String, f64>> = HashMap::new();
    for row in &sheet.rows {
        let (line, cells) = row
            .as_ref()
            .map_err(|e| format!("line {}: {}", e.line, e.message))?;
        let cell = |c: usize| cells.get(c).unwrap_or("").trim();
        let (scale, point, salary) = (cell(c_scale), cell(c_point), cell(c_salary));
        let Some(k) = team
            .pay_scales
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(scale))
        else {
            let names: Vec<&str> = team.pay_scales.iter().map(|s| s.name.as_str()).collect();
            return Err(format!(
                "line {line}, column scale: the team has no pay scale called “{scale}” (it has {})",
                names.join(", ")
            ));
        };
        let s = &team.pay_scales[k];
        let Some(p) = s.points.iter().find(|p| p.name.eq_ignore_ascii_case(point)) else {
            return Err(format!(
                "line {line}, column point: {} has no point called “{point}”",
                s.name
            ));
        };
        let pounds: String = salary
            .chars()
            .filter(|c| !matches!(c, '£' | ',' | ' '))
            .collect();
        let value = pounds
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0 && *v <= 1_000_000.0)
            .ok_or_else(|| {
                format!(
                    "line {line}, column salary: “{salary}” is not a full-time salary in pounds"
                )
            })?;
        given.entry(k).or_default().insert(p.name.clone(), value);
    }
    if given.is_empty() {
        return Err("the table has no rows".to_owned());
    }
    let mut new = team.clone();
    let mut in_table: Vec<usize> = given.keys().copied().collect();
    in_table.sort_unstable();
    for k in &in_table {
        let s = &mut new.pay_scales[*k];
        let figures = &given[k];
        if let Some(missing) = s.points.iter().find(|p| !figures.contains_key(&p.name)) {
            return Err(format!(
                "the table gives no {year} figure for {} of {}: add it, or leave the scale out of the table",
                missing.name, s.name
            ));
        }
        for p in &mut s.points {
            p.salary = figures[&p.name];
            p.estimated = None;
        }
        move_on(
            s,
            year,
            source,
            format!("Read from a published table the manager supplied, on {today}"),
        );
    }
    let changed = settle(team, &mut new, year);
    let names: Vec<&str> = in_table
        .iter()
        .map(|k| new.pay_scales[*k].name.as_str())
        .collect();
    let said = format!(
        "Pay year {year}: {} read from the table ({source}); {changed} salaries changed",
        crate::format::list(&names)
    );
    Ok((new, said))
}

/// How far a scale's figures can be relied on, in words for the handout and the command
/// line: confirmed, copied from a secondary source, estimated in part, or estimated.
pub fn standing(s: &PayScale) -> String {
    let estimated = s.points.iter().filter(|p| p.estimated.is_some()).count();
    match (estimated, s.key.is_some()) {
        (0, false) => "entered by the manager (check against the employer's own table)".to_owned(),
        (0, true) if s.supplied => {
            "read from a table the manager supplied, not the library's (check it against the awarding body's own before quoting)".to_owned()
        }
        (0, true) if s.source_secondary => {
            "copied: the official figures as another body published them, not the awarding body's own document (check against it before quoting)".to_owned()
        }
        (0, true) => "confirmed: the awarding body's own published table".to_owned(),
        (n, _) if n == s.points.len() => {
            "estimated: no figure is confirmed by a published table; treat them as approximate, not as anyone's actual pay".to_owned()
        }
        (n, _) => format!(
            "partly estimated: {n} of {} figures are not confirmed by a published table",
            s.points.len()
        ),
    }
}

/// An announced award, to make a pay year the library does not hold yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Uplift {
    /// The award, in per cent (3.0 for 3%).
    pub percent: f64,
    /// Where it was announced, and when: every figure made from it says so.
    pub source: String,
    /// One scale, by name; every scale of the team where `None`.
    pub scale: Option<String>,
}

// The percentage is never NaN (the command line and the window refuse it), so equality is
// total, as the command line's commands need.
impl Eq for Uplift {}

/// The team with a new pay `year` made by hand from an announced award: each chosen scale's
/// figures raised by `u.percent`, to the nearest pound, every one marked estimated with the
/// reason, the scale's year and effective day moved on by one year and its source the
/// announcement. Members keep their points, so their pay follows. Returns the team and a
/// sentence for the manager; refused where a scale is already of that year or no scale has
/// the name given.
pub fn uplift(team: &Team, year: &str, u: &Uplift, today: &str) -> Result<(Team, String), String> {
    let year = year.trim();
    if year.is_empty() {
        return Err("a pay year needs a label, such as 2026/27".to_owned());
    }
    if !(u.percent.is_finite() && (-50.0..=50.0).contains(&u.percent)) {
        return Err(format!(
            "the award must be a percentage from -50 to 50, not {}",
            u.percent
        ));
    }
    if u.source.trim().is_empty() {
        return Err(
            "say where the award was announced, and when (--source): every figure made from it will say so"
                .to_owned(),
        );
    }
    let chosen = |s: &PayScale| {
        u.scale
            .as_deref()
            .is_none_or(|name| s.name.eq_ignore_ascii_case(name.trim()))
    };
    if !team.pay_scales.iter().any(chosen) {
        let names: Vec<&str> = team.pay_scales.iter().map(|s| s.name.as_str()).collect();
        return Err(format!(
            "the team has no pay scale called “{}” (it has {})",
            u.scale.as_deref().unwrap_or(""),
            names.join(", ")
        ));
    }
    if let Some(s) = team.pay_scales.iter().find(|s| chosen(s) && s.year == year) {
        return Err(format!("{} is already for {year}", s.name));
    }
    let factor = 1.0 + u.percent / 100.0;
    let source = u.source.trim();
    let mut new = team.clone();
    let mut raised = 0;
    for s in new.pay_scales.iter_mut().filter(|s| chosen(s)) {
        let old = s.year.clone();
        for p in &mut s.points {
            p.salary = (p.salary * factor).round();
            p.estimated = Some(format!(
                "the {old} figure raised by the announced {}% ({source})",
                u.percent
            ));
        }
        let note = format!(
            "Estimated: every figure is the {old} figure raised by {}%, as announced ({source}), entered by hand on {today}. Replace them with the published table when it is out",
            u.percent
        );
        move_on(s, year, source, note);
        raised += 1;
    }
    let changed = settle(team, &mut new, year);
    Ok((
        new,
        format!(
            "Pay year {year}: {} raised by {}% (every figure estimated, from {source}); {changed} salaries on scale points changed",
            crate::format::count(raised, "scale", "scales"),
            u.percent
        ),
    ))
}

/// Every pay year the library holds, oldest first.
pub fn years() -> Vec<&'static str> {
    let mut years: Vec<&str> = library()
        .iter()
        .flat_map(|s| s.years.iter().map(|y| y.year.as_str()))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

impl LibraryScale {
    pub fn year(&self, year: &str) -> Option<&ScaleYear> {
        self.years.iter().find(|y| y.year == year)
    }

    /// The team's copy of this scale in `year`, under `id`.
    pub fn copy_for(&self, year: &ScaleYear, id: PayScaleId) -> PayScale {
        PayScale {
            id,
            name: self.name.clone(),
            key: Some(self.key.clone()),
            year: year.year.clone(),
            effective: year.effective.clone(),
            source: year.source.title.clone(),
            source_url: year.source.url.clone(),
            source_secondary: year.source.secondary,
            supplied: year.source.supplied,
            note: year.note.clone(),
            points: year.points.clone(),
        }
    }
}

/// The pay year in which the most of these (scale, point, salary) triples hold, where any
/// do: how a spreadsheet with salaries beside its scale points says which year it is in.
pub fn year_of_salaries<'a>(
    points: impl IntoIterator<Item = (&'a str, &'a str, f64)>,
) -> Option<&'static str> {
    let years = years();
    let mut counts = vec![0_usize; years.len()];
    // A sheet of 10,000 rows holds a few dozen different points: each is looked up once.
    let mut distinct: rustc_hash::FxHashMap<(&str, &str, u64), usize> =
        rustc_hash::FxHashMap::default();
    for (scale, point, salary) in points {
        *distinct
            .entry((scale, point, salary.to_bits()))
            .or_default() += 1;
    }
    for ((scale, point, salary), rows) in distinct {
        let Some(lib) = library_scale_named(scale) else {
            continue;
        };
        let salary = f64::from_bits(salary);
        for (year, count) in years.iter().zip(&mut counts) {
            let matches = lib.year(year).is_some_and(|y| {
                y.points.iter().any(|p| {
                    p.name.eq_ignore_ascii_case(point.trim()) && (p.salary - salary).abs() <= 1.0
                })
            });
            if matches {
                *count += rows;
            }
        }
    }
    // Ties (figures held over from one year to the next) go to the later year.
    let best = counts.iter().copied().max().filter(|n| *n > 0)?;
    years
        .iter()
        .zip(&counts)
        .rev()
        .find(|(_, n)| **n == best)
        .map(|(y, _)| *y)
}

/// Every library scale in `year`, numbered from 1, for a new team.
pub fn scales_for_year(year: &str) -> Vec<PayScale> {
    library()
        .iter()
        .filter_map(|s| s.year(year).map(|y| (s, y)))
        .zip(1..)
        .map(|((s, y), id)| s.copy_for(y, PayScaleId(id)))
        .collect()
}

/// What a change of pay year did, for the status bar and the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rerated {
    pub year: String,
    /// Members whose full-time pay is now different.
    pub salaries_changed: usize,
    /// Members on a scale point, whatever happened to their pay.
    pub on_scale_points: usize,
    /// Members whose point the new year does not have: they keep their pay as an explicit
    /// salary, named here so the manager can place them.
    pub kept_as_salary: Vec<String>,
    /// Scales left as they were: made by the manager, or not in the library for that year.
    pub unchanged_scales: Vec<String>,
    /// Library scales the team lacked, now there to choose from.
    pub added_scales: Vec<String>,
}

impl Rerated {
    /// For the status bar and the command line. With names hidden (a workshop), the members
    /// kept as a salary are counted, not named.
    pub fn summary(&self, with_names: bool) -> String {
        let mut s = format!(
            "Pay year {}: {} of {} salaries on scale points changed",
            self.year, self.salaries_changed, self.on_scale_points
        );
        if !self.kept_as_salary.is_empty() {
            let who = if with_names {
                format!(" ({})", self.kept_as_salary.join(", "))
            } else {
                String::new()
            };
            let _ = write!(
                s,
                "; {} kept as a salary, their point is not on the {} scale{who}: choose a point for each",
                self.kept_as_salary.len(),
                self.year,
            );
        }
        if !self.added_scales.is_empty() {
            let _ = write!(
                s,
                "; scales now available: {}",
                self.added_scales.join(", ")
            );
        }
        if !self.unchanged_scales.is_empty() {
            let _ = write!(s, "; not re-rated: {}", self.unchanged_scales.join(", "));
        }
        s
    }
}

/// The team with every library scale it uses re-rated to `year`, and the library's other
/// scales of that year added for members to be placed on. Members keep their point
/// where the new year has one of that name; otherwise they keep their pay as an explicit
/// salary (and are named), so no pay silently changes meaning. Refused when the library
/// has no such year.
pub fn rerate(team: &Team, year: &str) -> Result<(Team, Rerated), String> {
    if !years().contains(&year) {
        return Err(format!(
            "the pay-scale library has no pay year “{year}” (it has {})",
            years().join(", ")
        ));
    }
    let mut new = team.clone();
    let mut done = Rerated {
        year: year.to_owned(),
        ..Rerated::default()
    };
    for scale in &mut new.pay_scales {
        let found = scale
            .key
            .as_deref()
            .and_then(library_scale)
            .and_then(|lib| lib.year(year).map(|y| (lib, y)));
        match found {
            Some((lib, y)) => *scale = lib.copy_for(y, scale.id),
            None => done.unchanged_scales.push(scale.name.clone()),
        }
    }
    for lib in library() {
        let present = new
            .pay_scales
            .iter()
            .any(|s| s.key.as_deref() == Some(lib.key.as_str()));
        if let (false, Some(y)) = (present, lib.year(year)) {
            let id = new.next_pay_scale_id();
            new.pay_scales.push(lib.copy_for(y, id));
            done.added_scales.push(lib.name.clone());
        }
    }
    for (before, m) in team.members.iter().zip(&mut new.members) {
        let Pay::Point { scale, point } = &m.pay else {
            continue;
        };
        done.on_scale_points += 1;
        let still_there = new
            .pay_scales
            .iter()
            .find(|s| s.id == *scale)
            .is_some_and(|s| s.point(point).is_some());
        if !still_there {
            if let Some(salary) = team.fte_salary(before) {
                m.pay = Pay::Salary(salary);
                done.kept_as_salary.push(m.name.clone());
            }
        }
    }
    for (before, after) in team.members.iter().zip(&new.members) {
        if matches!(before.pay, Pay::Point { .. })
            && team.fte_salary(before) != new.fte_salary(after)
        {
            done.salaries_changed += 1;
        }
    }
    new.pay_year = Some(year.to_owned());
    Ok((new, done))
}

/// Files before version 2 held copies of library scales without saying so: link each to its
/// library scale by name, and take the team's pay year from them where they agree. Their
/// figures stay as they were until the manager changes the pay year.
pub fn link_to_library(team: &mut Team) {
    for scale in &mut team.pay_scales {
        if scale.key.is_none() {
            scale.key = library_scale_named(&scale.name).map(|l| l.key.clone());
        }
    }
    if team.pay_year.is_none() {
        let mut years = team
            .pay_scales
            .iter()
            .filter(|s| s.key.is_some())
            .map(|s| s.year.as_str());
        if let Some(first) = years.next() {
            if years.all(|y| y == first) {
                team.pay_year = Some(first.to_owned());
            }
        }
    }
}

/// What a member's agreement gives in leave, from their scale and years of service.
#[derive(Clone, Debug, PartialEq)]
pub struct LeaveSuggestion {
    /// Full-time days without public holidays; `None` where there is no entitlement to
    /// compare or the employer sets it.
    pub days: Option<f64>,
    /// "Agenda for Change: 29 days after 5 years' service".
    pub text: String,
    pub source: Source,
    pub note: String,
    /// Whether the member's years of service are recorded (without them the suggestion is
    /// the entitlement on appointment).
    pub years_known: bool,
    /// Whether the agreement fixes the figure (days, or no entitlement at all), so that a
    /// different recorded figure is the manager's own.
    pub fixed: bool,
    /// Every figure the agreement gives at some length of service: without the member's
    /// years, any of them is consistent with it.
    pub any_of: Vec<f64>,
}

impl LeaveSuggestion {
    /// Whether the member's recorded leave differs from what the agreement fixes.
    pub fn is_overridden(&self, leave_days: Option<f64>) -> bool {
        if !self.fixed {
            return false;
        }
        let differs = |a: f64, b: f64| (a - b).abs() > 0.01;
        match (self.days, leave_days) {
            (Some(_), Some(b)) if !self.years_known => self.any_of.iter().all(|a| differs(*a, b)),
            (Some(a), Some(b)) => differs(a, b),
            (None, Some(_)) => true,
            (Some(_) | None, None) => false,
        }
    }
}

/// The leave a member's pay scale gives, where the scale is a library scale with a rule.
pub fn suggested_leave(team: &Team, member: &Member) -> Option<LeaveSuggestion> {
    let Pay::Point { scale, .. } = &member.pay else {
        return None;
    };
    let lib = team
        .pay_scale(*scale)?
        .key
        .as_deref()
        .and_then(library_scale)?;
    let rule = &lib.leave;
    let years = member.years_of_service;
    let (days, text) = match &rule.entitlement {
        Entitlement::ByService(steps) => {
            let step = steps
                .iter()
                .rev()
                .find(|s| s.after_years <= years.unwrap_or(0))
                .or(steps.first())?;
            let text = match years {
                // Without the member's years, the whole rule.
                None => {
                    let rest: Vec<String> = steps
                        .iter()
                        .skip(1)
                        .map(|s| format!("{} after {} years", number(s.days), s.after_years))
                        .collect();
                    let mut t = format!("{}: {} days", lib.name, number(step.days));
                    for r in rest {
                        let _ = write!(t, ", {r}");
                    }
                    t.push_str(" (years of service not recorded)");
                    t
                }
                Some(y) => {
                    let when = match y {
                        0 => "on appointment".to_owned(),
                        1 => "at 1 year's service".to_owned(),
                        y => format!("at {y} years' service"),
                    };
                    format!("{}: {} days {when}", lib.name, number(step.days))
                }
            };
            (Some(step.days), text)
        }
        Entitlement::NoEntitlement => (None, format!("{}: no annual-leave entitlement", lib.name)),
        Entitlement::SetLocally => (None, format!("{}: leave is set by the employer", lib.name)),
        Entitlement::NotHeld => (None, format!("{}: {}", lib.name, rule.note)),
    };
    let any_of = match &rule.entitlement {
        Entitlement::ByService(steps) => steps.iter().map(|s| s.days).collect(),
        _ => Vec::new(),
    };
    let fixed = matches!(
        rule.entitlement,
        Entitlement::ByService(_) | Entitlement::NoEntitlement
    );
    Some(LeaveSuggestion {
        days,
        text,
        source: rule.source.clone(),
        note: rule.note.clone(),
        years_known: years.is_some(),
        fixed,
        any_of,
    })
}

fn number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// The handout's notes on pay: each scale's year, date and source.
///
/// The manager's own view lists the scales members are on, as the team file holds them. In
/// workshop-safe mode (`safe`) it lists every library scale the team holds, used or not, so
/// the list says nothing of who is on which, in the library's own words, never the file's
/// free text; the manager's own scales are only counted.
pub fn sources_markdown(team: &Team, safe: bool) -> String {
    let today = crate::format::today_iso();
    let used = |s: &PayScale| {
        team.members
            .iter()
            .any(|m| matches!(&m.pay, Pay::Point { scale, .. } if *scale == s.id))
    };
    let library_copy = |s: &PayScale| {
        let lib = s.key.as_deref().and_then(library_scale)?;
        let year = lib.year(&s.year)?;
        Some(lib.copy_for(year, s.id))
    };
    let listed: Vec<PayScale> = if safe {
        team.pay_scales.iter().filter_map(library_copy).collect()
    } else {
        team.pay_scales
            .iter()
            .filter(|s| used(s))
            .cloned()
            .collect()
    };
    let own = team
        .pay_scales
        .iter()
        .filter(|s| library_copy(s).is_none())
        .count();
    if listed.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n## Pay figures\n\nEach scale says how far its figures can be relied on: *confirmed* (the awarding body's own published table), *copied* (the official figures as another body published them), or *estimated* (not confirmed by any published table).\n\n");
    if let Some(warning) = out_of_date(team, &today) {
        let _ = writeln!(out, "**{warning}**\n");
    }
    for s in &listed {
        let _ = write!(out, "- **{}**, {}", s.name, s.year);
        if !s.effective.is_empty() {
            let _ = write!(out, ", from {}", crate::format::date_words(&s.effective));
        }
        out.push_str(": ");
        if s.source_url.is_empty() {
            out.push_str(&s.source);
        } else {
            let _ = write!(out, "[{}]({})", s.source, s.source_url);
        }
        if s.source_secondary {
            out.push_str(", a copy of the official figures");
        }
        let estimated = s.points.iter().filter(|p| p.estimated.is_some()).count();
        if estimated > 0 {
            let _ = write!(
                out,
                ". {estimated} of {} points are estimated",
                s.points.len()
            );
        }
        if !s.note.is_empty() {
            let _ = write!(out, ". {}", s.note.trim_end_matches('.'));
        }
        let _ = writeln!(out, ". *{}*.", crate::format::capitalised(&standing(s)));
    }
    if safe && own > 0 {
        let _ = writeln!(out, "- The team also has {own} pay scale(s) of its own.");
    }
    if team.members.iter().any(|m| matches!(m.pay, Pay::Salary(_))) {
        out.push_str("- Some members' pay is a salary entered by the manager.\n");
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_pay_year_is_over_twelve_months_after_its_figures_took_effect() {
        use super::{next_year, out_of_date, year_is_over};
        // Agenda for Change 2025/26 took effect on 1 April 2025.
        assert!(!year_is_over("2025-04-01", "2026-03-31"));
        assert!(year_is_over("2025-04-01", "2026-04-01"));
        // Teachers' 2025/26 pay, from 1 September 2025, runs to the end of August 2026.
        assert!(!year_is_over("2025-09-01", "2026-08-31"));
        assert!(year_is_over("2025-09-01", "2026-12-06"));
        // A scale the manager made says nothing of when: never called out of date.
        assert!(!year_is_over("", "2030-01-01"));
        assert_eq!(next_year("2025/26").as_deref(), Some("2026/27"));
        assert_eq!(next_year("2099/00").as_deref(), Some("2100/01"));
        assert_eq!(next_year("own"), None);
        let team = crate::samples::load(1).unwrap();
        assert_eq!(team.pay_year.as_deref(), Some("2025/26"));
        assert_eq!(
            out_of_date(&team, "2026-12-06").as_deref(),
            Some(
                "Pay figures are for 2025/26; check whether the 2026/27 award has been published."
            )
        );
        assert_eq!(out_of_date(&team, "2025-12-06"), None);
        // Agenda for Change moved on to 2026/27 (from 1 April 2026), the rest not: the other
        // scales its members are paid on are named (the consultants', and the NJC's for its
        // administrators).
        let mut mixed = team.clone();
        for s in &mut mixed.pay_scales {
            if s.name == "NHS Agenda for Change" {
                s.year = "2026/27".into();
                s.effective = "2026-04-01".into();
            }
        }
        assert_eq!(
            out_of_date(&mixed, "2026-12-06").as_deref(),
            Some("Pay figures for Consultants (England) and NJC local government are for 2025/26; check whether the 2026/27 award has been published.")
        );
    }

    #[test]
    #[allow(clippy::float_cmp)] // whole pounds, exactly
    fn agenda_for_change_2026_27_is_the_3_3_percent_award_every_figure_estimated() {
        let afc = super::library_scale("agenda-for-change").unwrap();
        let y = afc.year("2026/27").unwrap();
        assert_eq!(y.effective, "2026-04-01");
        // 31,049 × 1.033 = 32,073.62, so 32,074; 46,580 × 1.033 = 48,117.14, so 48,117.
        let point = |name: &str| y.points.iter().find(|p| p.name == name).unwrap();
        assert_eq!(point("Band 5 entry").salary, 32_074.0);
        assert_eq!(point("Band 6 top").salary, 48_117.0);
        assert!(y.points.iter().all(|p| p.estimated.is_some()));
        // The only scale the library holds for 2026/27: a team moved to it keeps the rest.
        let team = crate::samples::load(1).unwrap();
        let (_, done) = super::rerate(&team, "2026/27").unwrap();
        assert!(done
            .unchanged_scales
            .contains(&"Consultants (England)".to_owned()));
        assert_eq!(super::CURRENT_YEAR, "2025/26");
    }

    #[test]
    #[allow(clippy::float_cmp)] // whole pounds, exactly
    fn an_announced_award_makes_a_year_every_figure_of_it_estimated() {
        use super::{uplift, Uplift};
        use crate::model::Pay;
        let team = crate::samples::load(1).unwrap();
        let award = Uplift {
            percent: 3.0,
            source: "Government response to the NHSPRB, 2026".to_owned(),
            scale: Some("nhs agenda for change".to_owned()),
        };
        let (new, said) = uplift(&team, "2026/27", &award, "2026-12-06").unwrap();
        let afc = new
            .pay_scales
            .iter()
            .find(|s| s.name == "NHS Agenda for Change")
            .unwrap();
        // Band 5 entry, 31,049 in 2025/26: 31,980.47, so 31,980. Band 6 top, 46,580:
        // 47,977.4, so 47,977.
        assert_eq!(afc.point("Band 5 entry").unwrap().salary, 31_980.0);
        assert_eq!(afc.point("Band 6 top").unwrap().salary, 47_977.0);
        assert!(afc.points.iter().all(|p| p
            .estimated
            .as_deref()
            .is_some_and(|e| e.contains("2025/26 figure raised by the announced 3%"))));
        assert_eq!(
            (afc.year.as_str(), afc.effective.as_str()),
            ("2026/27", "2026-04-01")
        );
        assert_eq!(afc.source, "Government response to the NHSPRB, 2026");
        // One scale of several: the team's pay year stays, the others as they were.
        assert_eq!(new.pay_year.as_deref(), Some("2025/26"));
        let others = |t: &crate::model::Team| {
            t.pay_scales
                .iter()
                .filter(|s| s.name != "NHS Agenda for Change")
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(others(&new), others(&team));
        // Members keep their points; those on the scale are paid its new figures.
        let on_afc = team
            .members
            .iter()
            .filter(|m| matches!(&m.pay, Pay::Point { scale, .. } if *scale == afc.id))
            .count();
        assert!(
            said.starts_with("Pay year 2026/27: 1 scale raised by 3%"),
            "{said}"
        );
        assert!(
            said.ends_with(&format!("{on_afc} salaries on scale points changed")),
            "{said}"
        );
        // Every scale: the team's pay year moves on. The same year again is refused.
        let all = Uplift {
            scale: None,
            ..award
        };
        let (every, _) = uplift(&team, "2026/27", &all, "2026-12-06").unwrap();
        assert_eq!(every.pay_year.as_deref(), Some("2026/27"));
        assert!(uplift(&every, "2026/27", &all, "2026-12-06").is_err());
        assert!(uplift(
            &team,
            "2026/27",
            &Uplift {
                source: " ".into(),
                ..all.clone()
            },
            "2026-12-06"
        )
        .is_err());
    }
}
