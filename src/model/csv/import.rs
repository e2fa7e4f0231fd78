//! A members sheet read into the team: each cell parsed with the tolerance spreadsheets
//! need, every bad cell named, line managers matched by name once every row is read, and
//! nothing changed unless the whole sheet is good.

use super::{
    cell_value, library, normalise_header, pay, readable, Autonomy, Contract, CsvError, FxHashMap,
    HashMap, LineManager, Member, MemberId, Membership, Pay, Position, RowError, Sheet, Team,
    COLUMNS, MAX_PROBLEMS, MAX_YEARS_OF_SERVICE, SALARY_MATCH_TOLERANCE,
};

fn parse_number(cell: &str) -> Result<f64, String> {
    let s = cell.trim();
    let v: f64 = s.parse().map_err(|_| format!("“{s}” is not a number"))?;
    if v.is_finite() {
        Ok(v)
    } else {
        Err(format!("“{s}” is not a usable number"))
    }
}

/// `£37,338`, `37338`, `£ 37,338.50`, `37338 GBP`.
pub(super) fn parse_money(cell: &str) -> Result<f64, String> {
    let s = cell.trim();
    let mut body = s
        .trim_start_matches('£')
        .trim_end_matches("GBP")
        .trim_start_matches("GBP")
        .trim()
        .replace([' ', '\u{a0}', '_'], "");
    if body.contains(',') {
        // Commas must be thousands separators: groups of exactly three digits.
        let int_part = body.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int_part.split(',').collect();
        let well_grouped = groups.len() > 1
            && !groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3);
        if !well_grouped {
            return Err(format!(
                "“{s}” is not an amount in pounds: write it like 37338 or £37,338"
            ));
        }
        body = body.replace(',', "");
    }
    parse_number(&body)
        .map_err(|_| format!("“{s}” is not an amount in pounds: write it like 37338 or £37,338"))
}

/// `0.6`, `60%`, `0,6` (decimal comma).
pub(super) fn parse_fraction(cell: &str) -> Result<f64, String> {
    let s = cell.trim();
    if let Some(pct) = s.strip_suffix('%') {
        return parse_number(&pct.trim().replace(',', ".")).map(|v| v / 100.0);
    }
    let v = parse_number(&s.replace(',', "."))?;
    if v > 1.0 && v <= 100.0 {
        return Err(format!(
            "“{s}” is more than 1: write a fraction like 0.6, or a percentage like 60%"
        ));
    }
    Ok(v)
}

/// Days: `27`, `27.5`, `27,5` (decimal comma).
fn parse_days(cell: &str) -> Result<f64, String> {
    parse_number(&cell.trim().replace(',', "."))
}

/// Completed years, as a whole number; "5.5" is refused rather than rounded, since leave
/// steps fall on whole years.
fn parse_years(cell: &str) -> Result<u32, String> {
    let t = cell.trim();
    match t.parse::<u32>() {
        Ok(y) if y <= MAX_YEARS_OF_SERVICE => Ok(y),
        Ok(y) => Err(format!(
            "{y} years is more than a working life: give completed years, 0 to {MAX_YEARS_OF_SERVICE}"
        )),
        Err(_) => Err(format!(
            "“{t}” is not a whole number of years: give completed years, such as 6"
        )),
    }
}

pub(super) fn parse_bool(cell: &str) -> Result<bool, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        other => Err(format!("“{other}” is not yes or no")),
    }
}

pub(super) fn parse_autonomy(cell: &str) -> Result<Autonomy, String> {
    let s = cell.trim().to_lowercase();
    if let Ok(level) = s.parse::<u8>() {
        return Autonomy::from_level(level)
            .ok_or_else(|| format!("“{s}” is not a level from 1 to 5"));
    }
    if let Some(a) = Autonomy::ALL.iter().find(|a| a.label() == s) {
        return Ok(*a);
    }
    let keyword = [
        ("instruction", Autonomy::ActsOnInstruction),
        ("agreed plan", Autonomy::ActsWithinAgreedPlans),
        ("supervision", Autonomy::DecidesWithSupervision),
        ("independent", Autonomy::DecidesAndAdvises),
        ("advises", Autonomy::DecidesAndAdvises),
        ("final say", Autonomy::FinalSayOnCases),
    ];
    keyword
        .iter()
        .find(|(k, _)| s.contains(k))
        .map(|(_, a)| *a)
        .ok_or_else(|| {
            format!("“{s}” is not an autonomy level: use 1–5 or words like “acts on instruction”")
        })
}

pub(super) fn parse_contract(cell: &str) -> Result<Contract, String> {
    match normalise_header(cell).as_str() {
        "permanent" => Ok(Contract::Permanent),
        "fixed_term" | "fixed" | "temporary" => Ok(Contract::FixedTerm),
        "secondment" | "seconded" => Ok(Contract::Secondment),
        "sessional" => Ok(Contract::Sessional),
        "agency" | "locum" => Ok(Contract::Agency),
        _ => Err(format!(
            "“{}” is not a contract: use permanent, fixed-term, secondment, sessional or agency",
            cell.trim()
        )),
    }
}

fn parse_membership(cell: &str) -> Result<Membership, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "automatic" | "auto" => Ok(Membership::Automatic),
        "core" => Ok(Membership::Core),
        "peripheral" | "periphery" => Ok(Membership::Peripheral),
        other => Err(format!("“{other}” is not automatic, core or peripheral")),
    }
}

/// A record's cell under a header key, trimmed.
fn record_cell<'r>(
    index: &FxHashMap<String, usize>,
    r: &'r ::csv::StringRecord,
    key: &str,
) -> Option<&'r str> {
    index.get(key).and_then(|i| r.get(*i)).map(str::trim)
}

/// A row read so far; the line manager is resolved by name after every row is read.
struct PendingRow {
    line: u64,
    member: Member,
    manager_name: Option<String>,
    manager_agency: Option<String>,
}

/// Read a spreadsheet and add its members to `team`. Disciplines and agencies the team does
/// not have yet are created; pay scales missing from the team are copied in from the library.
/// On any error the team is left exactly as it was and every bad cell is listed.
pub fn import_into(team: &mut Team, text: &str, _source: &str) -> Result<(), CsvError> {
    import_sheet(team, &Sheet::read(text)?)
}

/// [`import_into`] for a sheet already read, from CSV text or a workbook.
pub fn import_sheet(team: &mut Team, sheet: &Sheet) -> Result<(), CsvError> {
    import_rows(team, sheet).map_err(|e| sheet.locate(e))
}

fn import_rows(team: &mut Team, sheet: &Sheet) -> Result<(), CsvError> {
    let index = member_columns(sheet)?;
    let mut errors = Vec::new();

    // Work on a copy so a failed import changes nothing.
    let mut work = team.clone();
    // A sheet's salaries say which pay year its scale points are in (a sheet exported from a
    // 2024/25 team lists 2024/25 figures): a new team takes that year. Importing into a team
    // with members keeps the team's year, and a mismatch is reported below.
    if work.members.is_empty() {
        take_pay_year_of(&mut work, sheet, &index);
    }
    let mut pending: Vec<PendingRow> = Vec::with_capacity(sheet.rows.len());
    let mut next_id = work.next_member_id().0;
    let mut stopped = None;
    for row in &sheet.rows {
        if errors.len() >= MAX_PROBLEMS {
            stopped = errors.last().map(|e: &RowError| (e.line, sheet.rows.len()));
            break;
        }
        let Some((line, record)) = readable(row, &mut errors) else {
            continue;
        };
        if let Some(p) = read_row(
            &mut work,
            &index,
            line,
            record,
            MemberId(next_id),
            &mut errors,
        ) {
            next_id = next_id.saturating_add(1);
            pending.push(p);
        }
    }

    if stopped.is_none() {
        resolve_line_managers(&mut work, &mut pending, &mut errors);
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(CsvError {
            stopped,
            ..CsvError::of(errors)
        });
    }
    let first_new = work.members.len();
    work.members.reserve_exact(pending.len());
    work.members.extend(pending.into_iter().map(|p| p.member));
    if first_new == 0 {
        // A whole team from a sheet: line management top-down, as Tidy lays it out. Placed
        // through an index: finding each of 10,000 members by a scan was most of an import.
        let at = crate::model::team::MemberIndex::of(&work);
        for (id, p) in crate::model::placement::tidy_positions(&work) {
            if let Some(m) = at.position(id).and_then(|i| work.members.get_mut(i)) {
                m.position = p;
            }
        }
    } else {
        crate::model::placement::place_new_members(&mut work, first_new);
    }
    *team = work;
    Ok(())
}

/// The members sheet's columns by name: every known column once, the required ones there.
fn member_columns(sheet: &Sheet) -> Result<FxHashMap<String, usize>, CsvError> {
    let headers = &sheet.headers;
    // Looked up twenty times a row: Fx, not SipHash, which was a tenth of reading 10,000 rows.
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut errors = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let key = normalise_header(h);
        if key.is_empty() {
            continue;
        }
        if COLUMNS.contains(&key.as_str()) && index.insert(key.clone(), i).is_some() {
            errors.push(RowError {
                line: sheet.header_line,
                column: Some(key),
                message: "this column appears twice".to_owned(),
            });
        }
    }
    for required in ["name", "discipline"] {
        if !index.contains_key(required) {
            errors.push(RowError {
                line: sheet.header_line,
                column: Some(required.to_owned()),
                message: "this required column is missing from the header row".to_owned(),
            });
        }
    }
    let has_point = index.contains_key("pay_scale") && index.contains_key("pay_point");
    if !index.contains_key("salary") && !has_point {
        errors.push(RowError {
            line: sheet.header_line,
            column: Some("salary".to_owned()),
            message: "add a salary column, or pay_scale and pay_point columns".to_owned(),
        });
    }
    if errors.is_empty() {
        Ok(index)
    } else {
        Err(CsvError::of(errors))
    }
}

/// A sheet's salaries say which pay year its scale points are in (a sheet exported from a
/// 2024/25 team lists 2024/25 figures): a new team takes that year.
fn take_pay_year_of(work: &mut Team, sheet: &Sheet, index: &FxHashMap<String, usize>) {
    let points = sheet.rows.iter().flatten().map(|(_, r)| r).filter_map(|r| {
        let salary = record_cell(index, r, "salary").and_then(|c| parse_money(c).ok())?;
        Some((
            record_cell(index, r, "pay_scale")?,
            record_cell(index, r, "pay_point")?,
            salary,
        ))
    });
    if let Some(year) = pay::year_of_salaries(points) {
        if work.pay_year.as_deref() != Some(year) {
            if let Ok((rerated, _)) = pay::rerate(work, year) {
                *work = rerated;
            }
        }
    }
}

/// One row as a member to add, with its line manager's name to resolve once every row is
/// read; `None` where the row cannot make a member (its problems are in `errors`).
fn read_row(
    work: &mut Team,
    index: &FxHashMap<String, usize>,
    line: u64,
    record: &::csv::StringRecord,
    id: MemberId,
    errors: &mut Vec<RowError>,
) -> Option<PendingRow> {
    let cell = |key: &str| -> Option<&str> {
        index
            .get(key)
            .and_then(|i| record.get(*i))
            .map(cell_value)
            .filter(|s| !s.trim().is_empty())
    };
    let mut bad = |column: &str, message: String| {
        errors.push(RowError {
            line,
            column: Some(column.to_owned()),
            message,
        });
    };

    let name = cell("name").unwrap_or_default().to_owned();
    if name.is_empty() {
        bad("name", "every member needs a name".to_owned());
    }
    let discipline = if let Some(d) = cell("discipline") {
        Some(library::discipline_named(work, d))
    } else {
        bad("discipline", "every member needs a discipline".to_owned());
        None
    };
    let agency = match cell("agency") {
        Some(a) => library::agency_named(work, a),
        None => match work.host_agency {
            Some(h) => h,
            None => library::agency_named(work, "Unspecified agency"),
        },
    };

    let pay = row_pay(work, &cell, &mut bad);

    let mut fraction = |key: &str| match cell(key).map(parse_fraction) {
        None => 1.0,
        Some(Ok(v)) => v,
        Some(Err(e)) => {
            bad(key, e);
            1.0
        }
    };
    let fte = fraction("fte");
    let team_share = fraction("team_share");

    let mut optional =
        |key: &str, parse: fn(&str) -> Result<f64, String>| match cell(key).map(parse) {
            None => None,
            Some(Ok(v)) => Some(v),
            Some(Err(e)) => {
                bad(key, e);
                None
            }
        };
    let leave_days = optional("leave_days", parse_days);
    let training_days = optional("training_days", parse_days);
    let training_budget = optional("training_budget", parse_money);
    let years_of_service = match cell("years_of_service").map(parse_years) {
        None => None,
        Some(Ok(y)) => Some(y),
        Some(Err(e)) => {
            bad("years_of_service", e);
            None
        }
    };

    macro_rules! choice {
        ($key:literal, $parse:expr, $default:expr) => {
            match cell($key).map($parse) {
                None => $default,
                Some(Ok(v)) => v,
                Some(Err(e)) => {
                    bad($key, e);
                    $default
                }
            }
        };
    }
    let autonomy = choice!("autonomy", |s| parse_autonomy(s).map(Some), None);
    let contract = choice!("contract", parse_contract, Contract::Permanent);
    let co_located = choice!("co_located", parse_bool, true);
    let membership = choice!("membership", parse_membership, Membership::Automatic);

    let (Some(discipline), Some(pay)) = (discipline, pay) else {
        return None;
    };
    let member = Member {
        id,
        name,
        job_title: cell("job_title").unwrap_or_default().to_owned(),
        discipline,
        agency,
        pay,
        fte,
        team_share,
        leave_days,
        years_of_service,
        training_days,
        training_budget,
        autonomy,
        contract,
        co_located,
        membership,
        line_manager: LineManager::NoManager,
        position: Position::default(),
    };
    Some(PendingRow {
        line,
        member,
        manager_name: cell("line_manager").map(str::to_owned),
        manager_agency: cell("line_manager_agency").map(str::to_owned),
    })
}

/// A row's pay: a scale point (its salary, where given too, must match it) or a salary.
fn row_pay<'r>(
    work: &mut Team,
    cell: &dyn Fn(&str) -> Option<&'r str>,
    bad: &mut dyn FnMut(&str, String),
) -> Option<Pay> {
    let salary_cell = cell("salary").map(parse_money);
    let salary_unreadable = matches!(salary_cell, Some(Err(_)));
    let salary = match salary_cell {
        Some(Ok(s)) => Some(s),
        Some(Err(e)) => {
            bad("salary", e);
            None
        }
        None => None,
    };
    let pay = match (cell("pay_scale"), cell("pay_point")) {
        (Some(scale_name), Some(point_name)) => match resolve_point(work, scale_name, point_name) {
            Ok((pay, point_salary)) => {
                if let Some(s) = salary {
                    if (s - point_salary).abs() > SALARY_MATCH_TOLERANCE {
                        let year = work.pay_year.as_deref().unwrap_or("this");
                        let hint = match pay::year_of_salaries([(scale_name, point_name, s)]) {
                                Some(other) => format!("it is the {other} figure: set the team's pay year to {other} before importing, or clear the salary"),
                                None => "clear one of them".to_owned(),
                            };
                        bad("salary", format!("£{s} does not match pay point “{point_name}” in {year} (£{point_salary}): {hint}"));
                    }
                }
                Some(pay)
            }
            Err((column, message)) => {
                bad(column, message);
                None
            }
        },
        (Some(_), None) => {
            bad(
                "pay_point",
                "a pay scale is given but no pay point".to_owned(),
            );
            None
        }
        (None, Some(_)) => {
            bad(
                "pay_scale",
                "a pay point is given but no pay scale".to_owned(),
            );
            None
        }
        (None, None) => {
            if let Some(s) = salary {
                Some(Pay::Salary(s))
            } else {
                if !salary_unreadable {
                    bad(
                        "salary",
                        "give a full-time salary, or a pay scale and point".to_owned(),
                    );
                }
                None
            }
        }
    };
    pay
}

/// Find a scale point by name, copying the scale in from the library if the team lacks it.
fn resolve_point(
    team: &mut Team,
    scale_name: &str,
    point_name: &str,
) -> Result<(Pay, f64), (&'static str, String)> {
    let lib = pay::library_scale_named(scale_name);
    // The team's own scale of that name, or its copy of the library scale under any name.
    let existing = team
        .pay_scale_by_name(scale_name)
        .map(|s| s.id)
        .or_else(|| {
            let key = lib.map(|l| l.key.as_str());
            team.pay_scales
                .iter()
                .find(|s| key.is_some() && s.key.as_deref() == key)
                .map(|s| s.id)
        });
    let id = if let Some(id) = existing {
        id
    } else {
        // The team's pay year, or the latest the library holds of this scale.
        let year = lib.and_then(|l| {
            team.pay_year
                .as_deref()
                .and_then(|y| l.year(y))
                .or(l.years.last())
        });
        let (Some(lib), Some(year)) = (lib, year) else {
            let known: Vec<&str> = pay::library().iter().map(|s| s.name.as_str()).collect();
            return Err((
                "pay_scale",
                format!(
                    "“{scale_name}” is not a known pay scale (known: {})",
                    known.join(", ")
                ),
            ));
        };
        let scale = lib.copy_for(year, team.next_pay_scale_id());
        let id = scale.id;
        if team.pay_year.is_none() {
            team.pay_year = Some(scale.year.clone());
        }
        team.pay_scales.push(scale);
        id
    };
    let Some(scale) = team.pay_scale(id) else {
        return Err((
            "pay_scale",
            format!("“{scale_name}” is not a known pay scale"),
        ));
    };
    let point = scale
        .points
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case(point_name.trim()));
    if let Some(p) = point {
        Ok((
            Pay::Point {
                scale: scale.id,
                point: p.name.clone(),
            },
            p.salary,
        ))
    } else {
        let examples: Vec<&str> = scale
            .points
            .iter()
            .take(4)
            .map(|p| p.name.as_str())
            .collect();
        let why = if scale.key.as_deref() == Some("consultant")
            && point_name.trim().to_lowercase().starts_with("threshold")
        {
            ": the 2003 contract's thresholds were replaced in 2024 by five points (at the start and after 3, 4, 8 and 14 years as a consultant); choose the one for the consultant's years"
        } else {
            ""
        };
        Err((
            "pay_point",
            format!(
                "“{point_name}” is not a point on “{}” (points are named like {}){why}",
                scale.name,
                examples.join(", ")
            ),
        ))
    }
}

/// Line managers are given by name: another member of this spreadsheet or of the team, or,
/// with `line_manager_agency`, someone outside the team.
fn resolve_line_managers(team: &mut Team, pending: &mut [PendingRow], errors: &mut Vec<RowError>) {
    let mut by_name: HashMap<String, Vec<MemberId>> = HashMap::new();
    for m in team.members.iter().chain(pending.iter().map(|p| &p.member)) {
        by_name
            .entry(m.name.trim().to_lowercase())
            .or_default()
            .push(m.id);
    }
    for row in pending.iter_mut() {
        let Some(manager) = row.manager_name.clone() else {
            continue;
        };
        if let Some(agency_name) = &row.manager_agency {
            let agency = library::agency_named(team, agency_name);
            row.member.line_manager = LineManager::External {
                name: manager,
                agency,
            };
            continue;
        }
        match by_name.get(&manager.to_lowercase()).map(Vec::as_slice) {
            Some([id]) => row.member.line_manager = LineManager::Member(*id),
            Some(_) => errors.push(RowError {
                line: row.line,
                column: Some("line_manager".to_owned()),
                message: format!("more than one member is called “{manager}”: names must be unique to say who manages whom"),
            }),
            None => errors.push(RowError {
                line: row.line,
                column: Some("line_manager".to_owned()),
                message: format!("nobody called “{manager}” is in the team; for a manager outside the team, fill in line_manager_agency"),
            }),
        }
    }
}
