//! Every validation rule, each shown with a bad file: the file is written to disk, opened the
//! way the app and `teamscape check` open it, and must be refused with a message that names
//! the member (or item) and the field.

use crate::common;

use teamscape::model::io::{open_team, to_ron};
use teamscape::model::{
    validate, AgencyId, DisciplineId, LineManager, MemberId, Pay, PayScaleId, Position, Team,
};

/// Write `team` as a file, open it, and return the error text.
fn refused(team: &Team) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, to_ron(team).unwrap()).unwrap();
    match open_team(&path) {
        Ok(_) => panic!("a team breaking a rule was accepted"),
        Err(e) => e.to_string(),
    }
}

fn base() -> Team {
    common::sample("youth-offending-team")
}

fn assert_refused(mutate: impl FnOnce(&mut Team), expected: &[&str]) {
    let mut team = base();
    mutate(&mut team);
    let message = refused(&team);
    for part in expected {
        assert!(
            message.contains(part),
            "expected {part:?} in the message:\n{message}"
        );
    }
}

#[test]
fn samples_are_valid() {
    for (name, team) in common::samples() {
        assert_eq!(validate(&team), vec![], "{name}");
    }
}

#[test]
fn fte_out_of_range() {
    assert_refused(
        |t| t.members[0].fte = 1.4,
        &["Member “Denise Okafor”", "FTE", "1.4 is out of range"],
    );
    assert_refused(|t| t.members[0].fte = 0.0, &["FTE", "0 is out of range"]);
    assert_refused(|t| t.members[0].fte = f64::NAN, &["FTE", "not a number"]);
}

#[test]
fn team_share_out_of_range() {
    assert_refused(
        |t| t.members[1].team_share = -0.5,
        &[
            "Member “Gareth Lewis”",
            "team share",
            "-0.5 is out of range",
        ],
    );
}

#[test]
fn infinite_salary() {
    assert_refused(
        |t| t.members[1].pay = Pay::Salary(f64::INFINITY),
        &["Member “Gareth Lewis”", "salary", "infinity"],
    );
}

#[test]
fn absurd_leave_training_and_budget() {
    assert_refused(
        |t| t.members[2].leave_days = Some(400.0),
        &["annual leave", "400 is out of range"],
    );
    assert_refused(
        |t| t.members[2].training_days = Some(-1.0),
        &["training days", "-1 is out of range"],
    );
    assert_refused(
        |t| t.members[2].training_budget = Some(1e12),
        &["training budget", "out of range"],
    );
}

#[test]
fn core_threshold_out_of_range() {
    assert_refused(|t| t.core_threshold = 2.0, &["Team", "core threshold"]);
}

#[test]
fn unknown_discipline_agency_and_pay_point() {
    assert_refused(
        |t| t.members[3].discipline = DisciplineId(999),
        &["Member “Tom Whitfield”", "discipline", "id 999"],
    );
    assert_refused(
        |t| t.members[3].agency = AgencyId(999),
        &["agency", "id 999"],
    );
    assert_refused(
        |t| {
            t.members[3].pay = Pay::Point {
                scale: PayScaleId(999),
                point: "SCP 25".into(),
            }
        },
        &["pay scale", "id 999"],
    );
    assert_refused(
        |t| {
            let Pay::Point { scale, .. } = t.members[3].pay.clone() else {
                panic!()
            };
            t.members[3].pay = Pay::Point {
                scale,
                point: "SCP 99".into(),
            };
        },
        &["pay point", "“SCP 99” is not a point"],
    );
    assert_refused(
        |t| t.host_agency = Some(AgencyId(77)),
        &["Team", "host agency"],
    );
}

#[test]
fn line_manager_unknown_self_and_cycle() {
    assert_refused(
        |t| t.members[4].line_manager = LineManager::Member(MemberId(999)),
        &["line manager", "member id 999"],
    );
    assert_refused(
        |t| t.members[4].line_manager = LineManager::Member(t.members[4].id),
        &["cannot manage themselves"],
    );
    // Denise manages Gareth, Gareth manages Tom: Tom managing Denise closes a circle.
    assert_refused(
        |t| t.members[0].line_manager = LineManager::Member(t.members[3].id),
        &[
            "goes round in a circle",
            "Denise Okafor",
            "Gareth Lewis",
            "Tom Whitfield",
        ],
    );
    assert_refused(
        |t| {
            t.members[4].line_manager = LineManager::External {
                name: "Head".into(),
                agency: AgencyId(55),
            }
        },
        &["line manager's agency"],
    );
}

#[test]
fn duplicate_ids_and_names() {
    assert_refused(|t| t.members[5].id = t.members[6].id, &["id", "used twice"]);
    assert_refused(
        |t| t.disciplines[1].id = t.disciplines[0].id,
        &["Discipline", "used twice"],
    );
    assert_refused(
        |t| t.agencies[1].id = t.agencies[0].id,
        &["Agency", "used twice"],
    );
    assert_refused(
        |t| t.pay_scales[1].id = t.pay_scales[0].id,
        &["Pay scale", "used twice"],
    );
    assert_refused(
        |t| t.disciplines[1].name = t.disciplines[0].name.clone(),
        &["two disciplines have this name"],
    );
}

#[test]
fn empty_names_and_bad_positions() {
    assert_refused(
        |t| t.members[0].name = "  ".into(),
        &["no name", "is empty"],
    );
    assert_refused(|t| t.name = String::new(), &["Team", "name", "is empty"]);
    assert_refused(
        |t| {
            t.members[0].position = Position {
                x: f32::NAN,
                y: 0.0,
            }
        },
        &["position"],
    );
    assert_refused(
        |t| t.pay_scales[0].points[0].salary = 0.0,
        &["Pay scale", "point", "out of range"],
    );
}

#[test]
fn a_refused_file_is_not_changed() {
    let mut team = base();
    team.members[0].fte = 3.0;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    let text = to_ron(&team).unwrap();
    std::fs::write(&path, &text).unwrap();
    assert!(open_team(&path).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn overlong_text_and_repeated_outcomes() {
    assert_refused(
        |t| t.members[0].name = "x".repeat(500),
        &["name", "longer than 200 characters"],
    );
    assert_refused(
        |t| t.notes = "x".repeat(200_000),
        &["Team", "notes", "longer than"],
    );
    assert_refused(
        |t| {
            let first = t.disciplines[0].outcomes[0];
            t.disciplines[0].outcomes.push(first);
        },
        &["Discipline", "outcomes", "listed twice"],
    );
    assert_refused(
        |t| t.agencies[1].name = t.agencies[0].name.to_uppercase(),
        &["two agencies have this name"],
    );
    assert_refused(
        |t| {
            let p = t.pay_scales[0].points[0].clone();
            t.pay_scales[0].points.push(p);
        },
        &["two points on this scale have this name"],
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let mut team = base();
    team.members[0].fte = 2.0;
    team.members[1].team_share = 0.0;
    team.members[2].leave_days = Some(-3.0);
    assert_eq!(validate(&team).len(), 3);
}
