//! The pay-scale library: published values pinned, every year with its date and source,
//! leave rules by length of service, and a change of pay year that re-rates a team.

use crate::common;

use teamscape::document::{Document, Edit};
use teamscape::model::io::{from_ron, open_team, to_ron};
use teamscape::model::pay::{self, Entitlement};
use teamscape::model::{library, Member, MemberId, Pay, Team};

/// A published point's salary: fails if the library marks it estimated.
fn value(key: &str, year: &str, point: &str) -> f64 {
    let scale = pay::library_scale(key).unwrap_or_else(|| panic!("no scale {key}"));
    let y = scale
        .year(year)
        .unwrap_or_else(|| panic!("{key} has no {year}"));
    let p = y
        .points
        .iter()
        .find(|p| p.name == point)
        .unwrap_or_else(|| panic!("{key} {year} has no point {point}"));
    assert!(
        p.estimated.is_none(),
        "{key} {year} {point} is a published figure, not an estimate"
    );
    p.salary
}

/// Figures read from the pay circulars and agreements named in each scale's source.
#[test]
fn published_values_are_pinned() {
    let pinned: &[(&str, &str, &str, f64)] = &[
        // NHS Employers, Agenda for Change pay scales 2024/25 and 2025/26.
        ("agenda-for-change", "2024/25", "Band 2", 23_615.0),
        ("agenda-for-change", "2024/25", "Band 5 entry", 29_970.0),
        ("agenda-for-change", "2024/25", "Band 6 top", 44_962.0),
        ("agenda-for-change", "2025/26", "Band 2", 24_465.0),
        ("agenda-for-change", "2025/26", "Band 5 entry", 31_049.0),
        ("agenda-for-change", "2025/26", "Band 6 mid", 40_823.0),
        ("agenda-for-change", "2025/26", "Band 7 top", 54_710.0),
        ("agenda-for-change", "2025/26", "Band 9 top", 125_637.0),
        // Consultants: the five points of the 2024 reform.
        ("consultant", "2024/25", "Point 1 (start)", 105_504.0),
        (
            "consultant",
            "2024/25",
            "Point 3 (after 4 years)",
            114_894.0,
        ),
        (
            "consultant",
            "2024/25",
            "Point 5 (after 14 years)",
            139_882.0,
        ),
        // NJC pay spine.
        ("njc", "2024/25", "SCP 2", 23_656.0),
        ("njc", "2024/25", "SCP 30", 39_513.0),
        ("njc", "2025/26", "SCP 2", 24_413.0),
        ("njc", "2025/26", "SCP 13", 29_064.0),
        // Teachers outside London, from September.
        ("teachers", "2024/25", "M1", 31_650.0),
        ("teachers", "2024/25", "U3", 49_084.0),
        ("teachers", "2025/26", "M1", 32_916.0),
        ("teachers", "2025/26", "M6", 45_352.0),
        ("teachers", "2025/26", "U3", 51_048.0),
    ];
    for (key, year, point, salary) in pinned {
        assert_eq!(value(key, year, point), *salary, "{key} {year} {point}");
    }
    // Leading practitioners' minimum was £50,025 in 2024/25 (£50,471 is the fringe upper
    // range's maximum, which an earlier library held).
    assert_eq!(
        value("teachers", "2024/25", "Leading practitioner min"),
        50_025.0
    );
}

/// Figures no document read for the library confirms are held, but marked, with the reason.
#[test]
fn estimated_figures_say_so_and_why() {
    let estimate = |key: &str, year: &str, point: &str| {
        let y = pay::library_scale(key).unwrap().year(year).unwrap();
        let p = y.points.iter().find(|p| p.name == point).unwrap();
        (p.salary, p.estimated.clone().unwrap_or_default())
    };
    // The 3.2% award on a 2024/25 spine point, rounded: 39,513 × 1.032 = 40,777.4.
    let (salary, why) = estimate("njc", "2025/26", "SCP 30");
    assert_eq!(salary, 40_777.0);
    assert!(why.contains("3.2%"), "{why}");
    // Police 2025: 29,907 × 1.042 = 31,163.1 and 48,231 × 1.042 = 50,256.7.
    assert_eq!(estimate("police-constables", "2025/26", "PC 1").0, 31_163.0);
    assert_eq!(estimate("police-constables", "2025/26", "PC 7").0, 50_257.0);
    // Consultants 2025/26: 105,504 × 1.04 = 109,724.2, rounded up.
    assert_eq!(
        estimate("consultant", "2025/26", "Point 1 (start)").0,
        109_725.0
    );
    // Scales with no published table read are estimated throughout.
    for key in ["soulbury", "jnc-youth-community", "probation"] {
        let y = pay::library_scale(key).unwrap().year("2025/26").unwrap();
        assert!(y.points.iter().all(|p| p.estimated.is_some()), "{key}");
    }
}

#[test]
fn every_scale_has_both_years_each_with_a_date_and_a_source() {
    let scales = pay::library();
    assert!(scales.len() >= 9, "{} scales", scales.len());
    let years = pay::years();
    assert!(years.contains(&"2024/25") && years.contains(&"2025/26"));
    for s in scales {
        assert!(!s.name.is_empty(), "{}", s.key);
        for year in ["2024/25", "2025/26"] {
            let y = s
                .year(year)
                .unwrap_or_else(|| panic!("{} lacks {year}", s.key));
            let date: Vec<u32> = y
                .effective
                .split('-')
                .map(|p| p.parse().unwrap_or(0))
                .collect();
            assert!(
                date.len() == 3
                    && (2024..=2026).contains(&date[0])
                    && (1..=12).contains(&date[1])
                    && (1..=31).contains(&date[2]),
                "{} {year}: effective date “{}” is not YYYY-MM-DD",
                s.key,
                y.effective
            );
            assert!(!y.source.title.trim().is_empty(), "{} {year}", s.key);
            assert!(
                y.source.url.starts_with("https://"),
                "{} {year}: {}",
                s.key,
                y.source.url
            );
            assert!(!y.points.is_empty(), "{} {year}", s.key);
            for p in &y.points {
                assert!(
                    p.salary > 10_000.0 && p.salary < 250_000.0,
                    "{} {year} {}",
                    s.key,
                    p.name
                );
                if let Some(reason) = &p.estimated {
                    assert!(
                        reason.len() > 10,
                        "{} {year} {}: say why it is estimated",
                        s.key,
                        p.name
                    );
                }
            }
            let mut names: Vec<&str> = y.points.iter().map(|p| p.name.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(
                names.len(),
                y.points.len(),
                "{} {year}: a point twice",
                s.key
            );
        }
        // Re-rating moves members by point name: both years must name the same points.
        let names = |year| -> Vec<String> {
            s.year(year)
                .unwrap()
                .points
                .iter()
                .map(|p| p.name.clone())
                .collect()
        };
        assert_eq!(names("2024/25"), names("2025/26"), "{}", s.key);
        assert!(
            !s.leave.source.title.is_empty() && s.leave.source.url.starts_with("https://"),
            "{}",
            s.key
        );
        if let Entitlement::ByService(steps) = &s.leave.entitlement {
            assert_eq!(steps.first().map(|x| x.after_years), Some(0), "{}", s.key);
            assert!(
                steps
                    .windows(2)
                    .all(|w| w[0].after_years < w[1].after_years && w[0].days <= w[1].days),
                "{}",
                s.key
            );
        }
    }
}

#[test]
fn a_new_team_is_on_the_current_year() {
    let team = library::new_team();
    assert_eq!(team.pay_year.as_deref(), Some(pay::CURRENT_YEAR));
    assert_eq!(team.pay_scales.len(), pay::library().len());
    assert!(team
        .pay_scales
        .iter()
        .all(|s| s.year == pay::CURRENT_YEAR && s.key.is_some()));
    assert!(teamscape::model::validate(&team).is_empty());
}

fn member(id: u32, pay: Pay, years: Option<u32>, leave: Option<f64>) -> Member {
    Member {
        leave_days: leave,
        years_of_service: years,
        ..Member::new(
            MemberId(id),
            &format!("M{id}"),
            teamscape::model::DisciplineId(1),
            teamscape::model::AgencyId(1),
            pay,
        )
    }
}

/// A 2024/25 team: one member on each of three scales, one on a salary.
fn team_on_2024() -> Team {
    let mut team = library::new_team();
    let (team2, _) = pay::rerate(&team, "2024/25").unwrap();
    team = team2;
    library::discipline_named(&mut team, "Social work");
    library::agency_named(&mut team, "Council");
    let scale = |key: &str| {
        team.pay_scales
            .iter()
            .find(|s| s.key.as_deref() == Some(key))
            .unwrap()
            .id
    };
    let on = |key: &str, point: &str| Pay::Point {
        scale: scale(key),
        point: point.to_owned(),
    };
    let members = vec![
        member(
            1,
            on("agenda-for-change", "Band 6 mid"),
            Some(6),
            Some(29.0),
        ),
        member(2, on("njc", "SCP 30"), None, Some(23.0)),
        member(3, on("teachers", "M3"), Some(2), None),
        member(4, Pay::Salary(41_000.0), None, Some(25.0)),
    ];
    team.members = members;
    team
}

#[test]
fn changing_the_pay_year_re_rates_every_scale_point_to_the_library() {
    let team = team_on_2024();
    assert_eq!(team.fte_salary(&team.members[0]), Some(39_405.0));
    let (new, done) = pay::rerate(&team, "2025/26").unwrap();
    assert_eq!(new.pay_year.as_deref(), Some("2025/26"));
    assert_eq!(done.on_scale_points, 3);
    assert_eq!(done.salaries_changed, 3);
    assert!(done.kept_as_salary.is_empty());
    assert_eq!(new.fte_salary(&new.members[0]), Some(40_823.0));
    assert_eq!(new.fte_salary(&new.members[1]), Some(40_777.0));
    assert_eq!(new.fte_salary(&new.members[2]), Some(37_101.0));
    assert_eq!(
        new.fte_salary(&new.members[3]),
        Some(41_000.0),
        "a salary is the manager's own"
    );
    // Every scale now says which year and where from.
    for s in &new.pay_scales {
        assert_eq!(s.year, "2025/26");
        assert!(!s.effective.is_empty() && s.source_url.starts_with("https://"));
    }
    assert!(done
        .summary(true)
        .starts_with("Pay year 2025/26: 3 of 3 salaries on scale points changed"));
    assert!(pay::rerate(&team, "2031/32").is_err());
}

#[test]
fn the_pay_year_change_is_one_undo_step() {
    let team = team_on_2024();
    let mut doc = Document::new(team.clone(), None, "test.ron");
    doc.apply(Edit::RerateTo {
        year: "2025/26".into(),
    })
    .unwrap();
    assert_eq!(
        doc.team().fte_salary(&doc.team().members[2]),
        Some(37_101.0)
    );
    assert!(doc.undo());
    assert_eq!(doc.team(), &team);
}

#[test]
fn a_point_the_new_year_lacks_keeps_its_pay_as_a_salary_and_is_named() {
    let mut team = team_on_2024();
    // A scale copied from an older library, with a point the library no longer has.
    let njc = team
        .pay_scales
        .iter_mut()
        .find(|s| s.key.as_deref() == Some("njc"))
        .unwrap();
    njc.points.push(teamscape::model::PayPoint {
        name: "SCP 99".to_owned(),
        salary: 61_000.0,
        estimated: None,
    });
    let id = njc.id;
    team.members[1].pay = Pay::Point {
        scale: id,
        point: "SCP 99".to_owned(),
    };
    let (new, done) = pay::rerate(&team, "2025/26").unwrap();
    assert_eq!(new.members[1].pay, Pay::Salary(61_000.0));
    assert_eq!(done.kept_as_salary, vec!["M2".to_owned()]);
    assert_eq!(done.salaries_changed, 2);
    assert!(
        done.summary(true).contains("1 kept as a salary"),
        "{}",
        done.summary(true)
    );
    assert!(teamscape::model::validate(&new).is_empty());
}

#[test]
fn a_scale_of_the_managers_own_is_left_alone() {
    let mut team = team_on_2024();
    let own = teamscape::model::PayScale {
        id: team.next_pay_scale_id(),
        name: "Our charity's grades".to_owned(),
        key: None,
        year: "2024/25".to_owned(),
        effective: String::new(),
        source: "HR".to_owned(),
        source_url: String::new(),
        source_secondary: false,
        supplied: false,
        note: String::new(),
        points: vec![teamscape::model::PayPoint {
            name: "Grade 1".to_owned(),
            salary: 25_000.0,
            estimated: None,
        }],
    };
    let id = own.id;
    team.pay_scales.push(own.clone());
    team.members[3].pay = Pay::Point {
        scale: id,
        point: "Grade 1".to_owned(),
    };
    let (new, done) = pay::rerate(&team, "2025/26").unwrap();
    assert_eq!(new.pay_scale(id), Some(&own));
    assert_eq!(
        done.unchanged_scales,
        vec!["Our charity's grades".to_owned()]
    );
    assert_eq!(new.fte_salary(&new.members[3]), Some(25_000.0));
}

#[test]
fn a_version_1_file_links_its_scales_to_the_library_and_keeps_its_figures() {
    let text = include_str!("../data/version-1.ron");
    let team = from_ron(text, "version-1.ron").unwrap();
    assert_eq!(team.pay_year.as_deref(), Some("2024/25"));
    assert_eq!(team.pay_scales[0].key.as_deref(), Some("njc"));
    assert_eq!(
        team.pay_scales[0].points[0].salary, 39_513.0,
        "its own figure"
    );
    let (new, _) = pay::rerate(&team, "2025/26").unwrap();
    assert_eq!(new.fte_salary(&new.members[0]), Some(40_777.0));
    // Saved again, it says version 2 and reads back the same.
    let saved = to_ron(&new).unwrap();
    assert!(saved.contains("version: 2,"));
    assert!(saved.contains("pay_year: Some(\"2025/26\")"));
    assert_eq!(from_ron(&saved, "x.ron").unwrap(), new);
}

#[test]
fn leave_follows_the_agreement_and_years_of_service() {
    let team = team_on_2024();
    let afc = team.members[0].pay.clone();
    let leave = |pay: &Pay, years: Option<u32>| {
        pay::suggested_leave(&team, &member(9, pay.clone(), years, None)).map(|s| s.days)
    };
    // Agenda for Change: 27 days, 29 after 5 years, 33 after 10.
    assert_eq!(leave(&afc, Some(0)), Some(Some(27.0)));
    assert_eq!(leave(&afc, Some(4)), Some(Some(27.0)));
    assert_eq!(leave(&afc, Some(5)), Some(Some(29.0)));
    assert_eq!(leave(&afc, Some(9)), Some(Some(29.0)));
    assert_eq!(leave(&afc, Some(10)), Some(Some(33.0)));
    assert_eq!(leave(&afc, Some(40)), Some(Some(33.0)));
    let unknown = pay::suggested_leave(&team, &member(9, afc.clone(), None, None)).unwrap();
    assert_eq!(unknown.days, Some(27.0));
    assert_eq!(
        unknown.text,
        "NHS Agenda for Change: 27 days, 29 after 5 years, 33 after 10 years (years of service not recorded)"
    );
    assert!(!unknown.years_known);
    // Without years of service, any of the agreement's figures is consistent with it.
    assert!(!unknown.is_overridden(Some(33.0)));
    assert!(unknown.is_overridden(Some(30.0)));
    // Green Book: 23 days, 26 after five years' continuous service, plus the 2 extra
    // statutory days that Agenda for Change counts within its 27: 25 and 28, to compare.
    let njc = team.members[1].pay.clone();
    assert_eq!(leave(&njc, Some(3)), Some(Some(25.0)));
    assert_eq!(leave(&njc, Some(5)), Some(Some(28.0)));
    // Police: the steps since April 2025 are not held, so nothing is suggested or marked.
    let police = pay::library_scale("police-constables").unwrap();
    let mut on_police = team.clone();
    let id = on_police
        .pay_scales
        .iter()
        .find(|s| s.key.as_deref() == Some(police.key.as_str()))
        .unwrap()
        .id;
    let officer = member(
        8,
        Pay::Point {
            scale: id,
            point: "PC 7".to_owned(),
        },
        Some(20),
        Some(30.0),
    );
    on_police.members.push(officer.clone());
    let s = pay::suggested_leave(&on_police, &officer).unwrap();
    assert_eq!(s.days, None);
    assert!(!s.is_overridden(Some(30.0)));
    assert!(s.text.contains("not held"), "{}", s.text);
    // Teachers: no entitlement to compare; a salary: no agreement to read.
    let teacher = pay::suggested_leave(&team, &team.members[2]).unwrap();
    assert_eq!(teacher.days, None);
    assert!(!teacher.is_overridden(None));
    assert!(teacher.is_overridden(Some(30.0)));
    assert!(pay::suggested_leave(&team, &team.members[3]).is_none());
    // The manager's own figure is marked as an override.
    let s = pay::suggested_leave(&team, &team.members[0]).unwrap();
    assert!(!s.is_overridden(Some(29.0)));
    assert!(s.is_overridden(Some(31.0)));
}

#[test]
fn every_sample_is_on_2025_26_with_consultants_on_real_points() {
    for (name, team) in common::samples() {
        assert_eq!(team.pay_year.as_deref(), Some("2025/26"), "{name}");
        for m in &team.members {
            if let Pay::Point { scale, point } = &m.pay {
                let s = team.pay_scale(*scale).unwrap();
                let key = s
                    .key
                    .as_deref()
                    .unwrap_or_else(|| panic!("{name}: {} is not linked", s.name));
                let lib = pay::library_scale(key).unwrap().year("2025/26").unwrap();
                let p = lib
                    .points
                    .iter()
                    .find(|p| &p.name == point)
                    .unwrap_or_else(|| {
                        panic!(
                            "{name}: {} is on {point}, which {key} 2025/26 lacks",
                            m.name
                        )
                    });
                assert_eq!(team.fte_salary(m), Some(p.salary), "{name}: {}", m.name);
            }
        }
    }
}

#[test]
fn a_saved_sample_round_trips_with_its_sources() {
    let team = common::sample("camhs");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    teamscape::model::io::save_team(&team, &path).unwrap();
    assert_eq!(open_team(&path).unwrap(), team);
}

#[test]
fn a_version_1_consultant_on_an_old_threshold_keeps_their_pay_and_is_named() {
    let text = include_str!("../data/version-1.ron").replace(
        r#"PayScale(id: (1), name: "NJC local government", year: "2024/25", source: "test", points: [
        PayPoint(name: "SCP 30", salary: 39513.0),
      ]),"#,
        r#"PayScale(id: (1), name: "NJC local government", year: "2024/25", source: "test", points: [
        PayPoint(name: "SCP 30", salary: 39513.0),
      ]),
      PayScale(id: (2), name: "Consultant (2003 contract)", year: "2024/25", source: "approximate", points: [
        PayPoint(name: "Threshold 5", salary: 119500.0),
      ]),"#,
    ).replace("pay: Salary(31650.0),", r#"pay: Point(scale: (2), point: "Threshold 5"),"#);
    let team = from_ron(&text, "old.ron").unwrap();
    assert_eq!(team.pay_scales[1].key.as_deref(), Some("consultant"));
    assert_eq!(
        team.fte_salary(&team.members[1]),
        Some(119_500.0),
        "its own figure"
    );
    let (new, done) = pay::rerate(&team, "2025/26").unwrap();
    assert_eq!(new.members[1].pay, Pay::Salary(119_500.0));
    assert_eq!(done.kept_as_salary, vec!["Cat Roe".to_owned()]);
    assert!(done.summary(true).contains("(Cat Roe)"));
    // With names hidden (a workshop), the status line counts and does not name.
    let hidden = done.summary(false);
    assert!(hidden.contains("1 kept as a salary"), "{hidden}");
    assert!(!hidden.contains("Cat Roe"), "{hidden}");
    assert!(teamscape::model::validate(&new).is_empty());
}

#[test]
fn a_spreadsheet_exported_from_a_2024_25_team_reopens_on_2024_25() {
    use teamscape::model::csv as sheet;
    use teamscape::model::io::{parse_team, FileKind};
    let (old, _) = pay::rerate(&common::sample("youth"), "2024/25").unwrap();
    let csv = sheet::export(&old).unwrap();
    let back = parse_team(&csv, FileKind::Csv, "old.csv").unwrap();
    assert_eq!(back.pay_year.as_deref(), Some("2024/25"));
    for (a, b) in old.members.iter().zip(&back.members) {
        assert_eq!(old.fte_salary(a), back.fte_salary(b), "{}", a.name);
    }
    // Imported into a team on 2025/26 with members, the year is the team's, and the
    // mismatch says which year the sheet's figures belong to.
    let mut current = common::sample("camhs");
    let err = sheet::import_into(&mut current, &csv, "old.csv").unwrap_err();
    let first = err.rows[0].to_string();
    assert!(
        first.contains("in 2025/26")
            && first.contains("it is the 2024/25 figure: set the team's pay year to 2024/25"),
        "{first}"
    );
    assert_eq!(current, common::sample("camhs"), "nothing imported");
}

#[test]
fn an_old_consultant_threshold_in_a_spreadsheet_says_what_replaced_it() {
    use teamscape::model::io::{parse_team, FileKind};
    let csv = "name,discipline,pay_scale,pay_point\nDr A,Psychiatry,Consultant (2003 contract),Threshold 5\n";
    let err = parse_team(csv, FileKind::Csv, "old.csv").unwrap_err();
    assert!(
        err.message
            .contains("the 2003 contract's thresholds were replaced in 2024 by five points"),
        "{err}"
    );
}

#[test]
fn with_names_hidden_the_handout_lists_the_librarys_words_for_every_scale_not_who_is_on_which() {
    let mut team = common::sample("camhs");
    // Free text a manager might have put in a scale: never in a workshop handout.
    team.pay_scales[0].note = "Dr Qureshi negotiated this".to_owned();
    let own = teamscape::model::PayScale {
        id: team.next_pay_scale_id(),
        name: "Karen Doyle's protected salary".to_owned(),
        key: None,
        year: "2025/26".to_owned(),
        effective: String::new(),
        source: "HR".to_owned(),
        source_url: String::new(),
        source_secondary: false,
        supplied: false,
        note: String::new(),
        points: vec![teamscape::model::PayPoint {
            name: "Only".to_owned(),
            salary: 41_000.0,
            estimated: None,
        }],
    };
    team.pay_scales.push(own);
    let safe = pay::sources_markdown(&team, true);
    assert!(
        !safe.contains("Qureshi") && !safe.contains("Karen"),
        "{safe}"
    );
    assert!(safe.contains("- The team also has 1 pay scale(s) of its own."));
    // Every library scale is listed, used or not (teachers: nobody in this team).
    assert_eq!(
        safe.matches("\n- **").count(),
        pay::library().len(),
        "{safe}"
    );
    assert!(safe.contains("**Teachers (outside London)**"));
    assert!(safe.contains("a copy of the official figures"));
    // The manager's own notes list the scales members are on, as the file has them.
    let own_view = pay::sources_markdown(&team, false);
    assert!(own_view.contains("Dr Qureshi negotiated this"));
    assert!(!own_view.contains("Teachers"));
}

/// The manager's own pay library: kept whole, read back, merged under the built-in years
/// (never over them), and a broken file named by line.
#[test]
fn the_managers_pay_library_keeps_years_the_library_does_not_hold() {
    use teamscape::model::pay::own;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("teamscape").join(own::FILE_NAME);
    assert_eq!(
        own::read(&path).unwrap(),
        own::OwnLibrary::default(),
        "no file yet"
    );
    let (team, raised) = crate::common::camhs_with_a_year_of_its_own();
    assert_eq!(
        own::unkept_year(&team),
        None,
        "a sample holds only library years"
    );
    assert_eq!(own::unkept_year(&raised).as_deref(), Some("2031/32"));
    // A year the built-in library holds is not the manager's to keep.
    assert!(own::years_to_keep(&raised, "2025/26").is_empty());
    let years = own::years_to_keep(&raised, "2031/32");
    assert_eq!(years.len(), 1);
    own::keep(&path, years.clone()).unwrap();
    // Kept again with other figures: replaced, not listed twice.
    let mut again = years.clone();
    again[0].points[0].salary = 1.0;
    let kept = own::keep(&path, again).unwrap();
    assert_eq!(kept.years.len(), 1);
    assert_eq!(kept.years[0].points[0].salary, 1.0);
    assert_eq!(own::read(&path).unwrap(), kept);
    // Point 1 (start), £109,725 in 2025/26, raised by 10%: £120,697.50, so £120,698.
    let merged = own::merged(&own::OwnLibrary { years });
    let consultants = merged.iter().find(|s| s.key == "consultant").unwrap();
    let y = consultants.year("2031/32").unwrap();
    assert_eq!(y.points[0].salary, 120_698.0);
    assert_eq!(y.source.title, "Test award");
    // A year the built-in library holds stays as published.
    let mut clash = own::years_to_keep(&raised, "2031/32");
    clash[0].year = "2025/26".to_owned();
    let merged = own::merged(&own::OwnLibrary { years: clash });
    let consultants = merged.iter().find(|s| s.key == "consultant").unwrap();
    assert_eq!(
        consultants.year("2025/26").unwrap().points[0].salary,
        109_725.0
    );
    // A broken file: where, and that Teamscape carries on.
    std::fs::write(
        &path,
        "(years: [\n  (key: \"consultant\", year: 2031),\n])\n",
    )
    .unwrap();
    let err = own::read(&path).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
    assert!(err.hint.contains("carries on"), "{err}");
}

/// A table's year starts on its own label's year, and a table replacing an estimate for the
/// same year keeps its day; the handout never calls the manager's table confirmed.
#[test]
fn a_table_year_starts_in_its_own_year_and_is_the_managers_not_confirmed() {
    let team = common::sample("camhs");
    let table = teamscape::model::csv::Sheet::read(
        "scale,point,salary\n\
         Consultants (England),Point 1 (start),112000\n\
         Consultants (England),Point 2 (after 3 years),118500\n\
         Consultants (England),Point 3 (after 4 years),122000\n\
         Consultants (England),Point 4 (after 8 years),134000\n\
         Consultants (England),Point 5 (after 14 years),149000\n",
    )
    .unwrap();
    let consultants = |t: &Team| {
        t.pay_scales
            .iter()
            .find(|s| s.name == "Consultants (England)")
            .unwrap()
            .clone()
    };
    assert_eq!(consultants(&team).effective, "2025-04-01");
    // 2025/26 to 2026/27: a year on, 1 April 2026.
    let (next, _) = pay::from_table(&team, "2026/27", &table, "Test table", "2026-12-06").unwrap();
    assert_eq!(consultants(&next).effective, "2026-04-01");
    assert!(
        pay::standing(&consultants(&next)).starts_with("read from a table the manager supplied")
    );
    // An estimate for 2026/27 replaced by its table: still 1 April 2026, not 2027.
    let (estimated, _) = pay::uplift(
        &team,
        "2026/27",
        &pay::Uplift {
            percent: 3.0,
            source: "Test award".to_owned(),
            scale: Some("Consultants (England)".to_owned()),
        },
        "2026-12-06",
    )
    .unwrap();
    assert_eq!(consultants(&estimated).effective, "2026-04-01");
    assert!(pay::standing(&consultants(&estimated)).starts_with("estimated"));
    let (replaced, _) =
        pay::from_table(&estimated, "2026/27", &table, "Test table", "2026-12-06").unwrap();
    assert_eq!(consultants(&replaced).effective, "2026-04-01");
    assert_eq!(consultants(&replaced).points[2].salary, 122_000.0);
    // Two years on from 2025/26, by its label: 1 April 2027.
    let (later, _) = pay::from_table(&team, "2027/28", &table, "Test table", "2026-12-06").unwrap();
    assert_eq!(consultants(&later).effective, "2027-04-01");
    // A library year read into a team is the library's, and stays confirmed or copied.
    assert!(!consultants(&team).supplied);
}
