//! Comparing two versions of a team, on a small pair worked out by hand, and snapshots kept
//! in the team file through the document core.

use crate::common;

use teamscape::analysis::compare::{Comparison, Ids, MatchRule, Measure, Value};
use teamscape::analysis::report::Format;
use teamscape::document::{Document, Edit};
use teamscape::model::{io, AgencyId, Discipline, DisciplineId, Member, MemberId, Pay, Rgb, Team};

fn member(id: u32, name: &str, d: u32, salary: f64, fte: f64, share: f64) -> Member {
    Member {
        fte,
        team_share: share,
        leave_days: Some(27.0),
        training_days: Some(3.0),
        ..Member::new(
            MemberId(id),
            name,
            DisciplineId(d),
            AgencyId(1),
            Pay::Salary(salary),
        )
    }
}

fn team(members: Vec<Member>) -> Team {
    let d = |id, name: &str| Discipline {
        id: DisciplineId(id),
        name: name.into(),
        colour: Rgb(0, 0, 0),
        models: Vec::new(),
        outcomes: Vec::new(),
        support_role: false,
        family: teamscape::model::library::default_family(name),
    };
    Team {
        name: "Pair".into(),
        disciplines: vec![d(1, "Nursing"), d(2, "Social work"), d(3, "Psychology")],
        agencies: vec![teamscape::model::Agency {
            id: AgencyId(1),
            name: "NHS".into(),
            sector: teamscape::model::Sector::Health,
        }],
        members,
        ..Team::default()
    }
}

/// Core threshold 0.5 (team FTE = fte × share).
///
/// | member | discipline  | old: salary, fte × share      | new                               |
/// | Ann    | Nursing     | 30,000, 1.0 × 1.0 = 1.0 core  | the same                          |
/// | Ben    | Nursing     | 32,000, 1.0 × 1.0 = 1.0 core  | left                              |
/// | Cal    | Social work | 40,000, 1.0 × 0.4 = 0.4 edge  | share 0.6: 0.6, core (moved)      |
/// | Dee    | Social work | 36,000, 0.8 × 1.0 = 0.8 core  | fte 0.5: 0.5, still core          |
/// | Eve    | Psychology  | —                             | 60,000, 1.0 × 1.0 (joined; new discipline) |
fn before_and_after() -> (Team, Team) {
    let old = team(vec![
        member(1, "Ann", 1, 30_000.0, 1.0, 1.0),
        member(2, "Ben", 1, 32_000.0, 1.0, 1.0),
        member(3, "Cal", 2, 40_000.0, 1.0, 0.4),
        member(4, "Dee", 2, 36_000.0, 0.8, 1.0),
    ]);
    let new = team(vec![
        member(1, "Ann", 1, 30_000.0, 1.0, 1.0),
        member(3, "Cal", 2, 40_000.0, 1.0, 0.6),
        member(4, "Dee", 2, 36_000.0, 0.5, 1.0),
        member(5, "Eve", 3, 60_000.0, 1.0, 1.0),
    ]);
    (old, new)
}

fn names_of(list: &[teamscape::analysis::compare::MemberRef]) -> Vec<&str> {
    list.iter().map(|m| m.name.as_str()).collect()
}

#[test]
fn a_pair_worked_by_hand() {
    let (old, new) = before_and_after();
    let c = Comparison::of(("Before", &old), ("Now", &new), Ids::Shared, None, &[]);
    assert_eq!(names_of(&c.added), ["Eve"]);
    assert_eq!(names_of(&c.removed), ["Ben"]);
    assert_eq!(names_of(&c.moved_to_core), ["Cal"]);
    assert!(c.moved_to_periphery.is_empty());
    // Changed, sorted by name, each with its changed field only.
    assert_eq!(c.changed.len(), 2);
    assert_eq!(c.changed[0].member.name, "Cal");
    assert_eq!(c.changed[0].matched_by, MatchRule::Id);
    assert_eq!(c.changed[0].fields.len(), 1);
    assert_eq!(c.changed[0].fields[0].field, "team_share");
    assert_eq!(c.changed[0].fields[0].old, Value::Number(0.4));
    assert_eq!(c.changed[0].fields[0].new, Value::Number(0.6));
    assert_eq!(c.changed[1].member.name, "Dee");
    assert_eq!(c.changed[1].fields[0].field, "fte");
    assert_eq!(c.changed[1].fields[0].old, Value::Number(0.8));
    assert_eq!(c.changed[1].fields[0].new, Value::Number(0.5));
    // Team: 1 + 1 + 0.4 + 0.8 = 3.2 FTE before, 1 + 0.6 + 0.5 + 1 = 3.1 after.
    assert!((c.old.team_fte - 3.2).abs() < 1e-9);
    assert!((c.new.team_fte - 3.1).abs() < 1e-9);

    // Disciplines, sorted by name.
    let names: Vec<&str> = c.disciplines.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["Nursing", "Psychology", "Social work"]);
    let nursing = &c.disciplines[0];
    let (o, n) = (nursing.old.as_ref().unwrap(), nursing.new.as_ref().unwrap());
    assert_eq!((o.headcount, n.headcount), (2, 1));
    assert_eq!(o.median_salary, Some(31_000.0)); // (30,000 + 32,000) / 2
    assert_eq!(n.median_salary, Some(30_000.0));
    assert_eq!(nursing.change(Measure::TeamFte, false), Some(-1.0));
    assert_eq!(nursing.change(Measure::Pay, false), Some(-1_000.0));
    // The discipline that appears has nothing on the old side.
    assert!(c.disciplines[1].old.is_none());
    assert_eq!(c.disciplines[1].new.as_ref().unwrap().team_fte, Some(1.0));
    let social = &c.disciplines[2];
    let (o, n) = (social.old.as_ref().unwrap(), social.new.as_ref().unwrap());
    assert!((o.team_fte.unwrap() - 1.2).abs() < 1e-9);
    assert!((n.team_fte.unwrap() - 1.1).abs() < 1e-9);
    assert_eq!((o.core_share, n.core_share), (Some(0.5), Some(1.0)));

    assert_eq!(
        c.findings,
        [
            "The team went from 4 members (3.2 FTE) to 4 members (3.1 FTE).",
            "Joined: Eve (Psychology).",
            "Left: Ben (Nursing).",
            "One member of Social work moved from the edge to the core: Cal.",
            "Nursing's time in the team fell from 2.0 to 1.0 FTE.",
            // Nursing's pay moved because Ben left, not because anyone's pay fell: it says so.
            "Median full-time pay in Nursing fell from £31,000 to £30,000, with 1 leaving.",
            "Psychology is new to the team (1 member).",
            "Social work's time in the team fell from 1.2 to 1.1 FTE.",
            "The share of members in the core went from 75% to 100%.",
        ]
    );
}

#[test]
fn the_json_is_the_issues_shape() {
    let (old, new) = before_and_after();
    let c = Comparison::of(("Before", &old), ("Now", &new), Ids::Shared, None, &[]);
    let json: serde_json::Value =
        serde_json::from_str(&teamscape::analysis::compare::render(&c, Format::Json)).unwrap();
    assert_eq!(json["old"]["headcount"], 4);
    assert_eq!(json["new"]["team_fte"], 3.1);
    assert_eq!(json["members"]["added"], serde_json::json!(["Eve"]));
    assert_eq!(json["members"]["removed"], serde_json::json!(["Ben"]));
    assert_eq!(json["members"]["moved_to_core"], serde_json::json!(["Cal"]));
    assert_eq!(json["members"]["moved_to_periphery"], serde_json::json!([]));
    let cal = &json["members"]["changed"][0];
    assert_eq!(cal["name"], "Cal");
    assert_eq!(cal["matched_by"], "id");
    assert_eq!(cal["fields"]["team_share"], serde_json::json!([0.4, 0.6]));
    let psychology = &json["disciplines"][1];
    assert_eq!(psychology["name"], "Psychology");
    assert!(psychology["old"].is_null());
    assert_eq!(psychology["new"]["headcount"], 1);
    let nursing = &json["disciplines"][0];
    assert_eq!(nursing["change"]["team_fte"], -1.0);
    assert_eq!(nursing["change"]["median_salary"], -1000.0);
    assert_eq!(nursing["old"]["core_share"], 1.0);
    assert!(json["note"]
        .as_str()
        .unwrap()
        .contains("conditions index is not compared"));
}

#[test]
fn files_without_shared_ids_are_matched_by_name_and_discipline() {
    let (old, mut new) = before_and_after();
    // Numbered apart, as two spreadsheets would be: id 1 is somebody else in each.
    for (i, m) in new.members.iter_mut().enumerate() {
        m.id = MemberId(10 - i as u32);
    }
    new.members[0].id = MemberId(2); // Ann has Ben's old id
    assert!(!teamscape::analysis::compare::ids_shared(&old, &new));
    let c = Comparison::of(("a.ron", &old), ("b.ron", &new), Ids::Check, None, &[]);
    assert_eq!(names_of(&c.added), ["Eve"]);
    assert_eq!(names_of(&c.removed), ["Ben"]);
    assert!(c.changed.iter().all(|m| m.matched_by == MatchRule::Name));
    assert_eq!(c.changed.len(), 2);
    assert!(c.pairs.iter().all(|p| p.matched_by == MatchRule::Name));
    assert_eq!(c.pairs.len(), 3);
}

#[test]
fn with_names_hidden_nobody_is_named_and_small_changes_are_withheld() {
    let (old, new) = before_and_after();
    let c = Comparison::of(("Before", &old), ("Now", &new), Ids::Shared, Some(2), &[]);
    let text = teamscape::analysis::compare::render(&c, Format::Json);
    for name in ["Ann", "Ben", "Cal", "Dee", "Eve"] {
        assert!(!text.contains(name), "{name} named: {text}");
    }
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["members"]["added"], 1);
    assert_eq!(json["members"]["changed"], 2);
    // Nursing lost one member (Ben): its pay before and after would show Ben's, so both
    // sides are withheld; Social work's pay did not change for anyone and stays.
    let nursing = &c.disciplines[0];
    assert!(nursing.withheld.contains(&Measure::Pay));
    assert_eq!(nursing.old.as_ref().unwrap().mean_salary, None);
    // (Nursing has 1 member now: under the minimum of 2, only its headcount shows.)
    assert!(nursing.new.as_ref().unwrap().withheld);
    let social = &c.disciplines[2];
    assert!(!social.withheld.contains(&Measure::Pay));
    assert_eq!(social.new.as_ref().unwrap().mean_salary, Some(38_000.0));
    assert!(c.findings.iter().all(|f| !f.contains("Cal")));
    assert!(c
        .findings
        .contains(&"One member of Social work moved from the edge to the core.".to_owned()));
}

#[test]
fn snapshots_save_restore_and_undo_through_the_document() {
    let (old, _) = before_and_after();
    let mut doc = Document::new(old.clone(), None, "pair");
    doc.apply(Edit::SaveSnapshot {
        label: "Before the merger".into(),
        taken: "2026-03-14".into(),
    })
    .unwrap();
    assert_eq!(doc.team().snapshots.len(), 1);
    // A second snapshot of that label is refused, case aside.
    assert!(doc
        .apply(Edit::SaveSnapshot {
            label: "before the MERGER ".into(),
            taken: "2026-03-15".into(),
        })
        .is_err());
    doc.apply(Edit::DeleteMembers(vec![MemberId(2)])).unwrap();
    assert_eq!(doc.team().members.len(), 3);
    // A newcomer never takes the id of someone in a snapshot.
    assert_eq!(doc.team().next_member_id(), MemberId(5));

    doc.apply(Edit::RestoreSnapshot {
        label: "Before the merger".into(),
    })
    .unwrap();
    assert_eq!(doc.team().members, old.members);
    assert_eq!(
        doc.team().snapshots.len(),
        1,
        "restoring keeps the snapshots"
    );
    doc.undo();
    assert_eq!(doc.team().members.len(), 3);
    // Deleted, then brought back by undo.
    doc.apply(Edit::DeleteSnapshot {
        label: "BEFORE THE MERGER".into(),
    })
    .unwrap();
    assert!(doc.team().snapshots.is_empty());
    assert!(doc
        .apply(Edit::DeleteSnapshot {
            label: "Before the merger".into()
        })
        .is_err());
    doc.undo();
    assert_eq!(doc.team().snapshots.len(), 1);
    doc.undo();
    doc.undo();
    assert!(doc.team().snapshots.is_empty());
}

/// Six members, ids 1 to 6, and the same list with the fifth row deleted and the rest
/// numbered again (as a spreadsheet read twice would be): ids 1 to 4 still agree, id 5 is
/// now Fay. Id 5 must not pair Eli with Fay.
#[test]
fn a_deleted_row_that_shifts_the_ids_is_not_paired_by_id() {
    let names = ["Ann", "Ben", "Cal", "Dee", "Eli", "Fay"];
    let old = team(
        names
            .iter()
            .enumerate()
            .map(|(i, n)| member(i as u32 + 1, n, 1, 30_000.0, 1.0, 1.0))
            .collect(),
    );
    let new = team(
        names
            .iter()
            .filter(|n| **n != "Eli")
            .enumerate()
            .map(|(i, n)| member(i as u32 + 1, n, 1, 30_000.0, 1.0, 1.0))
            .collect(),
    );
    for ids in [Ids::Check, Ids::Absent] {
        let c = Comparison::of(("a", &old), ("b", &new), ids, None, &[]);
        assert_eq!(names_of(&c.removed), ["Eli"], "{ids:?}");
        assert!(c.added.is_empty() && c.changed.is_empty(), "{ids:?}: {c:?}");
        let fay = c.pairs.iter().find(|p| p.old == MemberId(6)).unwrap();
        assert_eq!(fay.new, MemberId(5));
        assert_eq!(fay.matched_by, MatchRule::Name);
    }
    // Within one file an id is the person: nobody is matched by name.
    let c = Comparison::of(("a", &old), ("b", &new), Ids::Shared, None, &[]);
    assert!(c.pairs.iter().all(|p| p.matched_by == MatchRule::Id));
}

#[test]
fn a_pay_point_reads_the_same_across_files_whose_scale_ids_differ() {
    let scale = |id| teamscape::model::PayScale {
        id: teamscape::model::PayScaleId(id),
        name: "NJC".into(),
        key: None,
        year: "2025/26".into(),
        effective: String::new(),
        source: String::new(),
        source_url: String::new(),
        source_secondary: false,
        supplied: false,
        note: String::new(),
        points: vec![teamscape::model::PayPoint {
            name: "SCP 20".into(),
            salary: 30_000.0,
            estimated: None,
        }],
    };
    let on = |scale_id| {
        let mut m = member(1, "Ann", 1, 0.0, 1.0, 1.0);
        m.pay = Pay::Point {
            scale: teamscape::model::PayScaleId(scale_id),
            point: "SCP 20".into(),
        };
        m
    };
    let mut old = team(vec![on(1)]);
    old.pay_scales = vec![scale(1)];
    let mut new = team(vec![on(7)]);
    new.pay_scales = vec![scale(7)];
    let c = Comparison::of(("a", &old), ("b", &new), Ids::Check, None, &[]);
    assert!(c.changed.is_empty(), "{:?}", c.changed);
    // A different point is a change of pay point and salary.
    new.pay_scales[0].points[0].salary = 31_000.0;
    let c = Comparison::of(("a", &old), ("b", &new), Ids::Check, None, &[]);
    let fields: Vec<&str> = c.changed[0].fields.iter().map(|f| f.field).collect();
    assert_eq!(fields, ["salary"]);
}

#[test]
fn an_out_of_range_minimum_still_protects() {
    // A file may hold a minimum of 1 (it opens with a problem to fix): the comparison uses
    // 2, the least that hides anyone, so Nursing's pay, changed by Ben alone, is withheld.
    let (old, new) = before_and_after();
    let c = Comparison::of(("Before", &old), ("Now", &new), Ids::Shared, Some(1), &[]);
    assert_eq!(c.hidden, Some(2));
    assert!(c.disciplines[0].withheld.contains(&Measure::Pay));
}

/// Two snapshots that agree about Social work, and now, where Fay has joined it. Set side by
/// side with names hidden, the snapshots' Social work pay would be shown by their own
/// comparison; but the room also sees now's, and the two would give Fay's away.
#[test]
fn with_names_hidden_a_figure_is_withheld_against_every_version_the_room_sees() {
    let (old, _) = before_and_after();
    let mut now = old.clone();
    now.members.push(member(9, "Fay", 2, 50_000.0, 1.0, 1.0));
    let alone = Comparison::of(("S1", &old), ("S2", &old), Ids::Shared, Some(2), &[]);
    let social = &alone.disciplines[1];
    assert_eq!(social.name, "Social work");
    assert_eq!(social.new.as_ref().unwrap().mean_salary, Some(38_000.0));
    let seen = [&now];
    let c = Comparison::of(("S1", &old), ("S2", &old), Ids::Shared, Some(2), &seen);
    let social = &c.disciplines[1];
    assert!(social.withheld.contains(&Measure::Pay));
    assert_eq!(social.old.as_ref().unwrap().mean_salary, None);
    assert_eq!(social.new.as_ref().unwrap().mean_salary, None);
    // Fay joined, so every measure of Social work differs in one member: leave too.
    assert!(social.withheld.contains(&Measure::Leave));
    // Nursing is the same in all three: shown.
    assert_eq!(
        c.disciplines[0].old.as_ref().unwrap().mean_salary,
        Some(31_000.0)
    );
}

#[test]
fn a_file_with_snapshots_is_version_3_and_reads_back() {
    let (old, _) = before_and_after();
    assert_eq!(io::version_for(&old), 2, "without snapshots, as before");
    let mut doc = Document::new(old, None, "pair");
    doc.apply(Edit::SaveSnapshot {
        label: "March".into(),
        taken: "2026-03-14".into(),
    })
    .unwrap();
    let text = io::to_ron(doc.team()).unwrap();
    assert!(text.contains("version: 3,"), "{}", &text[..80]);
    let back = io::from_ron(&text, "pair.ron").unwrap();
    assert_eq!(&back, doc.team());
    assert!(teamscape::model::validate(&back).is_empty());

    // Two snapshots of one label, or one inside another, are problems named by snapshot.
    let mut broken = back.clone();
    let mut inner = broken.snapshots[0].clone();
    inner.label = "MARCH".into();
    let mut nested = Team::clone(&inner.team);
    nested.snapshots.push(broken.snapshots[0].clone());
    inner.team = std::sync::Arc::new(nested);
    broken.snapshots.push(inner);
    let problems: Vec<String> = teamscape::model::validate(&broken)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("two snapshots have this label")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("cannot hold snapshots")),
        "{problems:?}"
    );
}

#[test]
fn the_camhs_sample_carries_a_before_snapshot() {
    let team = common::sample("camhs");
    let snapshot = team.snapshot("Before the locality restructure").unwrap();
    let c = Comparison::of(
        (&snapshot.title(), &snapshot.team),
        ("Now", &team),
        Ids::Shared,
        None,
        &[],
    );
    assert_eq!(
        names_of(&c.moved_to_periphery),
        ["Karen Doyle", "Paul Jennings"]
    );
    assert!(c.findings.contains(
        &"Two seconded members of Social work moved from the core to the edge: Karen Doyle and Paul Jennings."
            .to_owned()
    ));
    assert!(c
        .findings
        .contains(&"Social work's time in the team fell from 1.6 to 0.8 FTE.".to_owned()));
}

#[test]
fn with_names_hidden_the_handout_names_no_member_now_or_in_the_snapshot() {
    use teamscape::analysis::slides;
    use teamscape::model::SlideId;
    let team = common::sample("camhs");
    let shown = teamscape::model::presentation::anonymised(&team);
    let safe = teamscape::analysis::analyse_workshop_safe(&shown, team.min_group_size);
    let chosen = team.presentation.for_team(&team);
    assert!(chosen.contains(&SlideId::Changes) && chosen.contains(&SlideId::ChangesMap));
    let handout = slides::handout(&shown, &safe, &chosen, "28 November 2026");
    let mut names: Vec<&str> = team.members.iter().map(|m| m.name.as_str()).collect();
    names.extend(
        team.snapshots[0]
            .team
            .members
            .iter()
            .map(|m| m.name.as_str()),
    );
    assert!(names.contains(&"Dr Rachel Adams"));
    for name in names {
        assert!(!handout.contains(name), "the handout names {name}");
    }
    // The slides of change carry the hidden comparison's findings as captions.
    assert!(
        handout.contains("2 members joined and 1 left."),
        "{handout}"
    );
    assert!(handout.contains("Clinical psychology's time in the team rose from 2.6 to 2.8 FTE."));
    // Anonymised, the snapshot keeps its members' ids but not their names.
    let snapshot = &shown.snapshots[0].team;
    assert_eq!(snapshot.members.len(), team.snapshots[0].team.members.len());
    assert!(snapshot.members.iter().all(|m| !m.name.contains("Adams")));
}
