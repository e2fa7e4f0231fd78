//! Portfolios across teams (issue 34): a staffing sheet read, its figures worked by hand,
//! refusals that name rows, and the file and command line round trip.

use std::process::Command;

use teamscape::analysis::portfolio::{analyse, render, SharedFte};
use teamscape::analysis::report::Format;
use teamscape::model::csv::Sheet;
use teamscape::model::{portfolio, portfolio_csv, portfolio_team};

/// The educational psychologist in four teams, a speech and language therapist in two, two
/// social workers who share a name (one managing the other), and an early years worker. The
/// YOT sets its core threshold at 0.6 on one row and leaves it empty on another.
const SERVICE: &str = "\
person_id,name,discipline,agency,team,fte_in_team,fte,salary,line_manager,core_threshold
E1,Dr Ann Lee,Educational psychology,County Council,Nursery,0.2,0.8,52000,,
E1,Dr Ann Lee,Educational psychology,County Council,CDC,0.2,,,,
E1,Dr Ann Lee,Educational psychology,County Council,YOT,0.2,0.8,52000,,
E1,Dr Ann Lee,Educational psychology,County Council,CAMHS,0.2,,,,
S1,Sam Cole,Speech and language therapy,NHS Trust,Nursery,0.5,1,,,
S1,Sam Cole,Speech and language therapy,NHS Trust,CDC,0.3,,,,
W1,Jo Park,Social work,County Council,YOT,1,1,,,0.6
W2,Jo Park,Social work,County Council,YOT,0.6,,,W1,
N1,Kim Roe,Early years,County Council,Nursery,1,1,,,
";

fn service() -> portfolio::Portfolio {
    portfolio_csv::import(&Sheet::read(SERVICE).unwrap(), "Service").unwrap()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn a_staffing_sheet_gives_the_figures_worked_by_hand() {
    let p = service();
    assert_eq!(p.people.len(), 5);
    assert_eq!(p.posts.len(), 9);
    let f = analyse(&p);
    // Teams in the sheet's order. Nursery: E1 0.2, S1 0.5 (reaches 0.5), N1 1.0.
    let t: Vec<(&str, usize, usize, usize, usize)> = f
        .teams
        .iter()
        .map(|t| {
            (
                t.name.as_str(),
                t.headcount,
                t.core,
                t.peripheral,
                t.shared_people,
            )
        })
        .collect();
    assert_eq!(
        t,
        vec![
            ("Nursery", 3, 2, 1, 2),
            ("CDC", 2, 0, 2, 2),
            // Threshold 0.6: W1 (1.0) and W2 (0.6, reaching it) core; E1 shared.
            ("YOT", 3, 2, 1, 1),
            ("CAMHS", 1, 0, 1, 1),
        ]
    );
    let fte: Vec<f64> = f.teams.iter().map(|t| t.team_fte).collect();
    for (got, want) in fte.iter().zip([1.7, 0.5, 1.8, 0.2]) {
        assert!(near(*got, want), "{fte:?}");
    }
    // Five people (the two Jo Parks are two): W1, W2, N1 in one team, S1 in two, E1 in four.
    let people = &f.people;
    assert_eq!(
        (
            people.count,
            people.in_one_team,
            people.in_two_teams,
            people.in_three_or_more
        ),
        (5, 3, 1, 1)
    );
    // Most thinly spread first; the two at one team each by name.
    let d: Vec<(&str, usize, f64, f64)> = f
        .disciplines
        .iter()
        .map(|d| {
            (
                d.name.as_str(),
                d.people,
                d.team_fte,
                d.mean_teams_per_person,
            )
        })
        .collect();
    let want = [
        ("Educational psychology", 1, 0.8, 4.0),
        ("Speech and language therapy", 1, 0.8, 2.0),
        ("Early years", 1, 1.0, 1.0),
        ("Social work", 2, 1.6, 1.0),
    ];
    assert_eq!(d.len(), want.len());
    for (got, want) in d.iter().zip(want) {
        assert_eq!((got.0, got.1), (want.0, want.1));
        assert!(near(got.2, want.2) && near(got.3, want.3), "{got:?}");
    }
    // E1 gives each of the six pairs of her teams 0.2; S1 adds min(0.5, 0.3) to CDC–Nursery.
    let pair = |a: &str, b: &str, fte: f64| SharedFte {
        team_a: a.into(),
        team_b: b.into(),
        fte,
    };
    let want = [
        pair("CAMHS", "CDC", 0.2),
        pair("CAMHS", "Nursery", 0.2),
        pair("CAMHS", "YOT", 0.2),
        pair("CDC", "Nursery", 0.5),
        pair("CDC", "YOT", 0.2),
        pair("Nursery", "YOT", 0.2),
    ];
    assert_eq!(f.shared_fte.len(), want.len());
    for (got, want) in f.shared_fte.iter().zip(&want) {
        assert_eq!((&got.team_a, &got.team_b), (&want.team_a, &want.team_b));
        assert!(near(got.fte, want.fte), "{got:?}");
    }
    // The JSON is the contract's shape and names nobody.
    let text = render(&f, Format::Json, false);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["disciplines", "people", "shared_fte", "teams"]);
    assert_eq!(
        json["teams"][2]["team_fte"]
            .as_f64()
            .map(|x| (x * 10.0).round()),
        Some(18.0)
    );
    assert!(!text.contains("Ann Lee") && !text.contains("Jo Park"));
    // The text names the one in three teams or more, unless names are hidden.
    assert!(render(&f, Format::Text, false)
        .contains("Dr Ann Lee (Educational psychology): Nursery, CDC, YOT, CAMHS"));
    assert!(!render(&f, Format::Markdown, true).contains("Ann Lee"));
}

fn refused(sheet: &str) -> String {
    portfolio_csv::import(&Sheet::read(sheet).unwrap(), "Service")
        .unwrap_err()
        .lines()
        .join("\n")
}

#[test]
fn rows_that_disagree_about_a_person_or_a_team_are_refused_by_line() {
    let header = "person_id,name,discipline,agency,team,fte_in_team,fte,core_threshold\n";
    let e = refused(&format!(
        "{header}P1,Ann,Social work,Council,A,0.5,1,\nP1,Ann,Youth work,Council,B,0.5,1,\n"
    ));
    assert!(
        e.contains("line 3") && e.contains("discipline") && e.contains("on line 2"),
        "{e}"
    );
    // An empty cell on a later row is not a disagreement.
    assert!(portfolio_csv::import(
        &Sheet::read(&format!(
            "{header}P1,Ann,Social work,Council,A,0.5,1,\nP1,Ann,Social work,Council,B,0.5,,\n"
        ))
        .unwrap(),
        "S"
    )
    .is_ok());
    let e = refused(&format!(
        "{header}P1,Ann,Social work,Council,A,0.5,1,0.4\nP2,Bo,Social work,Council,A,0.5,1,0.6\n"
    ));
    assert!(
        e.contains("line 3") && e.contains("core_threshold") && e.contains("0.4"),
        "{e}"
    );
    let e = refused(&format!(
        "{header}P1,Ann,Social work,Council,A,0.5,1,\nP1,Ann,Social work,Council,A,0.2,1,\n"
    ));
    assert!(
        e.contains("line 3") && e.contains("already has a post in A on line 2"),
        "{e}"
    );
    // Posts over the contract, and an unknown line manager.
    let e = refused(&format!(
        "{header}P1,Ann,Social work,Council,A,0.6,0.8,\nP1,Ann,Social work,Council,B,0.6,,\n"
    ));
    assert!(
        e.contains("line 2") && e.contains("1.20 FTE, more than their contracted 0.8"),
        "{e}"
    );
    let e = refused(
        "person_id,name,discipline,agency,team,fte_in_team,line_manager\nP1,Ann,Social work,Council,A,1,P9\n",
    );
    assert!(
        e.contains("line 2") && e.contains("line_manager") && e.contains("P9"),
        "{e}"
    );
    // A missing column, and a bad FTE.
    let e = refused("person_id,name,discipline,agency,team\nP1,Ann,Social work,Council,A\n");
    assert!(e.contains("line 1") && e.contains("fte_in_team"), "{e}");
    let e = refused(&format!("{header}P1,Ann,Social work,Council,A,lots,1,\n"));
    assert!(
        e.contains("line 2") && e.contains("fte_in_team") && e.contains("lots"),
        "{e}"
    );
}

#[test]
fn a_portfolio_file_round_trips_and_refuses_what_is_not_one() {
    let p = service();
    let text = portfolio::to_ron(&p).unwrap();
    assert!(text.contains("format: \"teamscape-portfolio\""));
    assert_eq!(portfolio::from_ron(&text, "s.ron").unwrap(), p);
    let team_file = std::fs::read_to_string("sample_teams/camhs-team.ron").unwrap();
    assert!(portfolio::from_ron(&team_file, "camhs-team.ron").is_err());
    // A post naming a person who is not there is a named problem, not a panic later.
    let broken = text.replacen("person: \"S1\"", "person: \"S9\"", 1);
    let e = portfolio::from_ron(&broken, "s.ron")
        .unwrap_err()
        .to_string();
    assert!(e.contains("S9"), "{e}");
}

/// A service whose teams work to frameworks beside Every Child Matters is version 2; one
/// from a newer Teamscape is refused by its header, before what this one cannot read.
#[test]
fn a_portfolio_with_child_first_is_version_2_and_a_newer_one_is_refused_by_its_header() {
    let p = service();
    assert_eq!(portfolio::version_for(&p), 1, "no framework beyond ECM");
    let sample =
        std::fs::read_to_string("sample_teams/service/children-and-families-service.ron").unwrap();
    let service = portfolio::from_ron(&sample, "service.ron").unwrap();
    assert_eq!(
        portfolio::version_for(&service),
        2,
        "its youth justice team is on Child First"
    );
    assert!(portfolio::to_ron(&service).unwrap().contains("version: 2,"));
    let future = sample.replacen("version: 2,", "version: 3,", 1).replacen(
        "framework: ChildFirst,",
        "framework: SomethingNew,",
        1,
    );
    let e = portfolio::from_ron(&future, "service.ron").unwrap_err();
    assert!(
        e.message.contains("newer than this Teamscape reads (2)"),
        "{e}"
    );
}

#[test]
fn the_command_line_imports_and_reports_a_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("service.csv");
    std::fs::write(&sheet, SERVICE).unwrap();
    let out = dir.path().join("service.ron");
    let bin = env!("CARGO_BIN_EXE_teamscape");
    let run = |args: &[&std::ffi::OsStr]| Command::new(bin).args(args).output().unwrap();
    let import = run(&[
        "portfolio".as_ref(),
        "import".as_ref(),
        sheet.as_os_str(),
        out.as_os_str(),
    ]);
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    assert!(String::from_utf8_lossy(&import.stdout).contains("5 people in 4 teams, 9 posts"));
    let from_file = run(&[
        "portfolio".as_ref(),
        "report".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let from_sheet = run(&[
        "portfolio".as_ref(),
        "report".as_ref(),
        sheet.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert!(
        from_file.status.success(),
        "{}",
        String::from_utf8_lossy(&from_file.stderr)
    );
    assert_eq!(from_file.stdout, from_sheet.stdout);
    // A refused sheet writes nothing and names its rows.
    std::fs::write(
        &sheet,
        SERVICE.replacen("Nursery,0.5,1", "Nursery,0.5,0.4", 1),
    )
    .unwrap();
    let again = dir.path().join("again.ron");
    let refused = run(&[
        "portfolio".as_ref(),
        "import".as_ref(),
        sheet.as_os_str(),
        again.as_os_str(),
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("line 6") && err.contains("Nothing was written"),
        "{err}"
    );
    assert!(!again.exists());
}

/// Every sample team put in a portfolio, on its own and as one of five, comes out as the
/// team that went in: the same members, ids, pay points, marks and places, the same
/// settings, rounds and snapshots.
#[test]
fn each_sample_team_comes_out_of_a_portfolio_as_it_went_in() {
    let mut all = portfolio::Portfolio {
        name: "Service".into(),
        ..Default::default()
    };
    let none = std::collections::HashMap::new();
    for (file, _) in teamscape::samples::SAMPLES {
        let team =
            teamscape::model::io::open_team(&std::path::Path::new("sample_teams").join(file))
                .unwrap();
        let alone = portfolio_team::from_team(&team).unwrap();
        assert_eq!(
            portfolio_team::take_team(&alone, &team.name).unwrap(),
            team,
            "{file}"
        );
        all = portfolio_team::add_team(&all, &team, &none)
            .unwrap()
            .portfolio;
        // Through the file too: what is saved is what is read.
        let text = portfolio::to_ron(&all).unwrap();
        all = portfolio::from_ron(&text, "service.ron").unwrap();
        assert_eq!(
            portfolio_team::take_team(&all, &team.name).unwrap(),
            team,
            "{file}"
        );
    }
    assert_eq!(all.teams.len(), 5);
    let f = analyse(&all);
    // The service's figures are the teams' own: CAMHS has 16 members, 13 of them core.
    let camhs = f
        .teams
        .iter()
        .find(|t| t.name == "Riverside Community CAMHS")
        .unwrap();
    assert_eq!((camhs.headcount, camhs.core, camhs.peripheral), (16, 13, 3));
}

/// A member is the person held with the same name, discipline and employer; a name held
/// with another discipline is asked about, and the answer decides.
#[test]
fn a_team_added_to_a_portfolio_matches_its_people_and_asks_where_unsure() {
    use portfolio_team::{AddError, Answer};
    let held = service();
    let mut team = teamscape::model::io::open_team(std::path::Path::new(
        "sample_teams/special-needs-nursery.ron",
    ))
    .unwrap();
    // The nursery's first member becomes Dr Ann Lee, the educational psychologist of the
    // sheet, employed by the county council; the second shares Sam Cole's name but not
    // the discipline.
    let ep = teamscape::model::library::new_discipline(&team, "Educational psychology");
    let council = teamscape::model::library::new_agency(&team, "County Council");
    let (ep_id, council_id) = (ep.id, council.id);
    team.disciplines.push(ep);
    team.agencies.push(council);
    team.members[0].name = "Dr Ann Lee".into();
    team.members[0].discipline = ep_id;
    team.members[0].agency = council_id;
    team.members[0].fte = 0.8;
    team.members[0].team_share = 0.25;
    team.members[1].name = "Sam Cole".into();
    let none = std::collections::HashMap::new();
    let Err(AddError::Questions(q)) = portfolio_team::add_team(&held, &team, &none) else {
        panic!("Sam Cole's discipline differs: that must be asked");
    };
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].member, "Sam Cole");
    assert_eq!(q[0].candidates[0].0, "S1");
    // Answered as someone new: Ann Lee is matched (now in five teams), Sam is a new person.
    let answers: std::collections::HashMap<_, _> = [("sam cole".to_owned(), Answer::Separate)]
        .into_iter()
        .collect();
    let added = portfolio_team::add_team(&held, &team, &answers).unwrap();
    let p = &added.portfolio;
    assert_eq!(p.people.len(), held.people.len() + team.members.len() - 1);
    assert_eq!(p.posts.iter().filter(|post| post.person == "E1").count(), 5);
    assert!(added
        .notices
        .iter()
        .any(|n| n.contains("Dr Ann Lee is the person_id E1")));
    // Her salary in the sheet (52,000) is kept over the nursery's pay point, and said.
    assert!(
        added
            .notices
            .iter()
            .any(|n| n.contains("salary 52000 is kept")),
        "{:?}",
        added.notices
    );
    let f = analyse(p);
    assert_eq!(f.people.in_three_or_more, 1);
    // Answered as the same person, Sam Cole's second post joins S1's.
    let answers: std::collections::HashMap<_, _> =
        [("Sam Cole".to_lowercase(), Answer::Same("S1".into()))]
            .into_iter()
            .collect();
    let added = portfolio_team::add_team(&held, &team, &answers).unwrap();
    assert_eq!(
        added
            .portfolio
            .posts
            .iter()
            .filter(|post| post.person == "S1")
            .count(),
        3
    );
    // A team already in the portfolio is refused, not doubled.
    let again = portfolio_team::add_team(&added.portfolio, &team, &answers);
    assert!(matches!(again, Err(AddError::Refused(_))));
}

/// A team from a staffing sheet comes out with the sheet's salaries, contracts and line
/// managers; a team with someone whose salary the sheet leaves out is refused, by name,
/// for a team file needs each member's pay and none is made up.
#[test]
fn a_team_taken_from_a_staffing_sheet_keeps_its_figures_and_invents_no_pay() {
    let p = service();
    let e = portfolio_team::take_team(&p, "YOT").unwrap_err();
    assert!(e.contains("Jo Park") && e.contains("salary"), "{e}");
    let with_pay = SERVICE
        .replace("YOT,1,1,,,0.6", "YOT,1,1,41000,,0.6")
        .replace("YOT,0.6,,,W1,", "YOT,0.6,,36000,W1,");
    let p = portfolio_csv::import(&Sheet::read(&with_pay).unwrap(), "Service").unwrap();
    let yot = portfolio_team::take_team(&p, "YOT").unwrap();
    assert_eq!(yot.core_threshold, 0.6);
    let ann = yot.members.iter().find(|m| m.name == "Dr Ann Lee").unwrap();
    // 0.2 of her 0.8 contract: a quarter.
    assert_eq!((ann.fte, ann.team_share), (0.8, 0.25));
    // W2 has no contract in the sheet: their posts (0.6) are it, all of it here.
    let jo2 = yot
        .members
        .iter()
        .find(|m| m.name == "Jo Park" && m.fte < 1.0)
        .unwrap();
    assert_eq!((jo2.fte, jo2.team_share), (0.6, 1.0));
    let jo1 = yot
        .members
        .iter()
        .find(|m| m.name == "Jo Park" && m.fte == 1.0)
        .unwrap();
    assert_eq!(
        jo2.line_manager,
        teamscape::model::LineManager::Member(jo1.id)
    );
    assert!(teamscape::model::validate::validate(&yot).is_empty());
    assert!(portfolio_team::take_team(&p, "Nowhere")
        .unwrap_err()
        .contains("“YOT”"));
}

#[test]
fn the_command_line_adds_teams_and_opens_one_team_of_a_portfolio() {
    let dir = tempfile::tempdir().unwrap();
    let service = dir.path().join("service.ron");
    let bin = env!("CARGO_BIN_EXE_teamscape");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let s = service.to_str().unwrap();
    for file in [
        "sample_teams/camhs-team.ron",
        "sample_teams/youth-offending-team.ron",
    ] {
        let add = run(&["portfolio", "add", file, s]);
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
    }
    // Two teams: which one must be said.
    let which = run(&["report", s]);
    assert_eq!(which.status.code(), Some(1));
    let err = String::from_utf8_lossy(&which.stderr);
    assert!(err.contains("2 teams") && err.contains("--team"), "{err}");
    let direct = run(&["report", "sample_teams/camhs-team.ron", "--format", "json"]);
    let taken = run(&[
        "report",
        s,
        "--team",
        "Riverside Community CAMHS",
        "--format",
        "json",
    ]);
    assert!(
        taken.status.success(),
        "{}",
        String::from_utf8_lossy(&taken.stderr)
    );
    assert_eq!(direct.stdout, taken.stdout);
    let check = run(&["check", s, "--team", "Northbrook Youth Offending Team"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Adding a team again is refused and the portfolio is unchanged.
    let before = std::fs::read(&service).unwrap();
    let again = run(&["portfolio", "add", "sample_teams/camhs-team.ron", s]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("Nothing was written"));
    assert_eq!(std::fs::read(&service).unwrap(), before);
}

/// `generate --teams T --people P` makes a portfolio every team of which checks, and whose
/// report counts every person and team it was asked for.
#[test]
fn a_generated_portfolio_checks_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("big.ron");
    let o = out.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_teamscape");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let made = run(&["generate", "--teams", "6", "--people", "90", o]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let check = run(&["check", o]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("90 people in 6 teams"));
    let p = portfolio::from_ron(&std::fs::read_to_string(&out).unwrap(), o).unwrap();
    let f = analyse(&p);
    assert_eq!(f.people.count, 90);
    assert!(f.people.in_two_teams + f.people.in_three_or_more > 0);
    let mixed = run(&["generate", "--members", "5", "--teams", "2", o]);
    assert_eq!(mixed.status.code(), Some(2));
}

/// Worked by hand from the sheet: Ann Lee, the only educational psychologist, has 0.2 in
/// each of four teams, below every threshold (0.5, and the YOT's 0.6). The CDC's edge is
/// Ann (0.2) and Sam (0.3), both also in the nursery: 2 of 2. Every other team has one
/// person on its edge, too few for a sentence. No finding names anyone.
#[test]
fn findings_across_teams_are_worked_by_hand_and_name_no_one() {
    let f = analyse(&service());
    assert_eq!(
        f.findings,
        [
            "The one educational psychologist works in 4 teams and is on the edge of all of them.",
            "Most of CDC's edge (2 of 2) is people who also work in other teams.",
            // County Council: Ann 0.8 over four posts, the two Jo Parks 1 + 0.6, Kim 1:
            // 3.4 of the 4.2 FTE in teams (Sam's 0.8 is the NHS Trust's), 81%.
            "County Council employs 81% of the service's time in teams (3.4 of 4.2 FTE).",
        ]
    );
    let council = &f.employers[0];
    assert_eq!(
        (council.agency.as_str(), council.people),
        ("County Council", 4)
    );
    assert!(near(council.fte, 3.4));
    // The nursery: Ann 0.2 and Kim 1 (council) against Sam's 0.5 (NHS).
    let nursery = &f.team_employers[0];
    assert_eq!(nursery.len(), 2);
    assert!(near(nursery[0].fte, 1.2) && near(nursery[1].fte, 0.5));
    let hidden = render(&f, Format::Markdown, true);
    assert!(hidden.contains("The one educational psychologist works in 4 teams"));
    assert!(
        !hidden.contains("Ann Lee") && !hidden.contains("Sam Cole"),
        "{hidden}"
    );
}

#[test]
fn the_service_as_one_team_holds_each_person_once_and_invents_no_pay() {
    use teamscape::model::Membership;
    // In the sheet only Dr Ann Lee has a salary: the others are left out, by name.
    let whole = portfolio_team::service_as_team(&service());
    assert_eq!(whole.team.members.len(), 1);
    assert_eq!(
        whole.no_salary,
        ["Sam Cole", "Jo Park", "Jo Park", "Kim Roe"]
    );
    let with_pay = SERVICE
        .replace("YOT,1,1,,,0.6", "YOT,1,1,41000,,0.6")
        .replace("YOT,0.6,,,W1,", "YOT,0.6,,36000,W1,");
    let p = portfolio_csv::import(&Sheet::read(&with_pay).unwrap(), "Service").unwrap();
    let whole = portfolio_team::service_as_team(&p);
    assert_eq!(whole.no_salary, ["Sam Cole", "Kim Roe"]);
    let team = &whole.team;
    assert_eq!(team.members.len(), 3);
    // Ann: 0.2 in each of four teams, on the edge of all of them, so on the service's edge;
    // her contract is the sheet's 0.8, all of it in the service.
    let ann = team
        .members
        .iter()
        .find(|m| m.name == "Dr Ann Lee")
        .unwrap();
    assert_eq!(ann.membership, Membership::Peripheral);
    assert_eq!((ann.fte, ann.team_share), (0.8, 1.0));
    assert_eq!(ann.pay, teamscape::model::Pay::Salary(52_000.0));
    // W2's 0.6 reaches the YOT's threshold of 0.6, so core; with no contract in the sheet
    // their post is it.
    let jo2 = team
        .members
        .iter()
        .find(|m| m.pay == teamscape::model::Pay::Salary(36_000.0))
        .unwrap();
    assert_eq!((jo2.membership, jo2.fte), (Membership::Core, 0.6));
    assert!(teamscape::model::validate::validate(team).is_empty());

    // The sample service: 83 people once each, every one with a salary.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample_teams/service/children-and-families-service.ron"
    ))
    .unwrap();
    let p = portfolio::from_ron(&text, "service").unwrap();
    let whole = portfolio_team::service_as_team(&p);
    assert!(whole.no_salary.is_empty());
    assert_eq!(whole.team.members.len(), 83);
    let named = |name: &str| {
        whole
            .team
            .members
            .iter()
            .filter(|m| m.name == name)
            .collect::<Vec<_>>()
    };
    // The EP is on the edge of all four teams; Karen Doyle is core in the YOT (0.6).
    assert_eq!(
        named("Dr Patrick Doyle")[0].membership,
        Membership::Peripheral
    );
    assert_eq!(named("Karen Doyle")[0].membership, Membership::Core);
    assert!(teamscape::model::validate::validate(&whole.team).is_empty());
}

/// Five nurses, four in team A and one in B, and six teachers, three in each; all full-time,
/// each with their own salary: nurses 31,000 to 35,000, teachers 41,000 to 46,000.
fn nurses_and_teachers() -> String {
    use std::fmt::Write as _;
    let mut sheet = "person_id,name,discipline,agency,team,fte_in_team,fte,salary\n".to_owned();
    for k in 1..=5 {
        let team = if k <= 4 { "A" } else { "B" };
        writeln!(sheet, "X{k},Nurse {k},Nursing,NHS,{team},1,1,3{k}000").unwrap();
    }
    for k in 1..=6 {
        let team = if k <= 3 { "A" } else { "B" };
        writeln!(sheet, "Y{k},Teacher {k},Teaching,School,{team},1,1,4{k}000").unwrap();
    }
    sheet
}

#[test]
fn a_figure_waits_where_the_services_whole_less_the_teams_gives_someone_away() {
    use teamscape::analysis::portfolio::team_sums;
    use teamscape::analysis::{analyse_workshop_safe_knowing, disclosure};
    use teamscape::model::families::GroupBy;
    // Sam works in both teams of three. Each team's workshop shows its total, which Sam can
    // take their own pay from (a group of three: allowed, and not the service's doing). But
    // the two teams' totals less the service's give Sam's pay to anyone: 93,000 + 97,000 −
    // 160,000 = 30,000. The service's total is always shown, so pay waits; the conditions
    // index, ranked within the service alone, does not.
    let sheet = "person_id,name,discipline,agency,team,fte_in_team,fte,salary\n\
        S,Sam,Nursing,NHS,A,0.5,1,30000\n\
        S,Sam,Nursing,NHS,B,0.5,1,30000\n\
        X1,Xan,Nursing,NHS,A,1,1,31000\n\
        X2,Xia,Nursing,NHS,A,1,1,32000\n\
        Y1,Yve,Nursing,NHS,B,1,1,33000\n\
        Y2,Yun,Nursing,NHS,B,1,1,34000\n";
    let p = portfolio_csv::import(&Sheet::read(sheet).unwrap(), "S").unwrap();
    let whole = portfolio_team::service_as_team(&p);
    let room = teamscape::model::presentation::for_the_room(&whole.team, 3, GroupBy::Discipline);
    let known = team_sums(&p, &whole, GroupBy::Discipline);
    let a = analyse_workshop_safe_knowing(&room, 3, &known);
    let mut waits = [false; disclosure::ATTRIBUTES];
    waits[disclosure::SALARY] = true;
    assert_eq!(a.exposed_elsewhere, waits);
    // Sam in one team only: nothing to set the teams' totals against, nothing waits.
    let one = sheet.replace("S,Sam,Nursing,NHS,B,0.5,1,30000\n", "");
    let p = portfolio_csv::import(&Sheet::read(&one).unwrap(), "S").unwrap();
    let whole = portfolio_team::service_as_team(&p);
    let room = teamscape::model::presentation::for_the_room(&whole.team, 3, GroupBy::Discipline);
    let a = analyse_workshop_safe_knowing(&room, 3, &team_sums(&p, &whole, GroupBy::Discipline));
    assert_eq!(a.exposed_elsewhere, [false; disclosure::ATTRIBUTES]);
}

#[test]
fn the_service_then_and_now_is_worked_by_hand() {
    use teamscape::analysis::portfolio_compare::{compare, render};
    // Sam Cole leaves the CDC; Kim Roe gives 0.2 of her week to the YOT.
    let after_sheet = SERVICE
        .replace("S1,Sam Cole,Speech and language therapy,NHS Trust,CDC,0.3,,,,\n", "")
        .replace(
            "N1,Kim Roe,Early years,County Council,Nursery,1,1,,,\n",
            "N1,Kim Roe,Early years,County Council,Nursery,0.8,1,,,\nN1,Kim Roe,Early years,County Council,YOT,0.2,,,,\n",
        );
    let after = portfolio_csv::import(&Sheet::read(&after_sheet).unwrap(), "Service").unwrap();
    let c = compare(&service(), &after, ("before", "after"));
    let p = &c.people;
    assert_eq!(
        (p.joined, p.left, p.in_more_teams, p.in_fewer_teams),
        (0, 0, 1, 1)
    );
    assert_eq!(
        (
            p.after.in_one_team,
            p.after.in_two_teams,
            p.after.in_three_or_more
        ),
        (3, 1, 1)
    );
    let team = |name: &str| c.teams.iter().find(|t| t.name == name).unwrap();
    // The CDC: Ann 0.2 and Sam 0.3, both shared, then Ann alone.
    let (b, a) = (
        team("CDC").before.as_ref().unwrap(),
        team("CDC").after.as_ref().unwrap(),
    );
    assert_eq!(
        (b.headcount, b.shared_people, a.headcount, a.shared_people),
        (2, 2, 1, 1)
    );
    assert!(near(b.team_fte, 0.5) && near(a.team_fte, 0.2));
    // The YOT: Ann 0.2, Jo 1 and Jo 0.6 (core at 0.6), then Kim's 0.2 on the edge too.
    let (b, a) = (
        team("YOT").before.as_ref().unwrap(),
        team("YOT").after.as_ref().unwrap(),
    );
    assert_eq!(
        (b.headcount, b.core, b.peripheral, b.shared_people),
        (3, 2, 1, 1)
    );
    assert_eq!(
        (a.headcount, a.core, a.peripheral, a.shared_people),
        (4, 2, 2, 2)
    );
    assert!(near(a.team_fte, 2.0));
    assert_eq!(
        c.findings,
        [
            "The one person in early years now works in 2 teams, 1 at “before”.",
            "CDC shares 1 person with other teams, against 2 at “before”.",
            "YOT shares 2 people with other teams, against 1 at “before”.",
        ]
    );
    let movers: Vec<&str> = c.movers.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(movers, ["Kim Roe", "Sam Cole"]);
    // Names only where they are shown; the JSON never has them.
    assert!(
        render(&c, Format::Text, false).contains("Kim Roe (Early years): Nursery → Nursery, YOT")
    );
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let hidden = render(&c, format, true);
        assert!(
            !hidden.contains("Kim Roe") && !hidden.contains("Sam Cole"),
            "{hidden}"
        );
    }
}

#[test]
fn a_snapshot_is_kept_in_the_portfolio_and_compared_with_now() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("service.csv");
    std::fs::write(&sheet, SERVICE).unwrap();
    let file = dir.path().join("service.ron");
    let bin = env!("CARGO_BIN_EXE_teamscape");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let path = file.to_str().unwrap();
    assert!(run(&["portfolio", "import", sheet.to_str().unwrap(), path])
        .status
        .success());
    let kept = run(&["portfolio", "snapshot", path, "Before"]);
    assert!(
        kept.status.success(),
        "{}",
        String::from_utf8_lossy(&kept.stderr)
    );
    // The same label again is refused, and the file left as it was.
    let text = std::fs::read_to_string(&file).unwrap();
    let again = run(&["portfolio", "snapshot", path, "Before"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already has a snapshot called “Before”")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    // Then against now: nothing changed, so every team is the same both sides.
    let same = run(&[
        "portfolio",
        "compare",
        &format!("{path}#Before"),
        path,
        "--format",
        "json",
    ]);
    assert!(
        same.status.success(),
        "{}",
        String::from_utf8_lossy(&same.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&same.stdout).unwrap();
    for t in json["teams"].as_array().unwrap() {
        assert_eq!(t["before"], t["after"]);
    }
    assert_eq!(json["people"]["in_more_teams"], 0);
    // A label the file does not have is named with those it has.
    let missing = run(&["portfolio", "compare", &format!("{path}#Later"), path]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("it has “Before”"));
    // The snapshot holds no team settings and no post records, and reads back as it was.
    let p = portfolio::from_ron(&std::fs::read_to_string(&file).unwrap(), "s").unwrap();
    assert_eq!(p.as_of("Before").unwrap().posts, p.posts);
}

#[test]
fn service_figures_are_withheld_where_a_teams_own_would_give_the_rest_away() {
    use teamscape::analysis::analyse_workshop_safe_knowing;
    use teamscape::analysis::portfolio::team_sums;
    use teamscape::model::families::GroupBy;
    let sheet = nurses_and_teachers();
    let service_pay = |sheet: &str| {
        let p = portfolio_csv::import(&Sheet::read(sheet).unwrap(), "S").unwrap();
        let whole = portfolio_team::service_as_team(&p);
        let room =
            teamscape::model::presentation::for_the_room(&whole.team, 3, GroupBy::Discipline);
        let known = team_sums(&p, &whole, GroupBy::Discipline);
        let a = analyse_workshop_safe_knowing(&room, 3, &known);
        let pay = |name: &str| {
            let d = room.disciplines.iter().find(|d| d.name == name).unwrap();
            a.disciplines
                .iter()
                .find(|x| x.id == d.id)
                .and_then(|x| x.figures.mean_salary)
        };
        (
            a.exposed_elsewhere.iter().any(|w| *w),
            pay("Nursing"),
            pay("Teaching"),
        )
    };
    // A's workshop shows its four nurses and three teachers; B's only its total (its one
    // nurse would follow from anything more). The service's nurses less A's are B's nurse,
    // and its teachers less A's are B's three, whom B's total then gives the nurse away
    // against: both are withheld, and nobody is left exposed.
    assert_eq!(service_pay(&sheet), (false, None, None));
    // Without the teams' sums the service shows both, as a team would.
    let p = portfolio_csv::import(&Sheet::read(&sheet).unwrap(), "S").unwrap();
    let whole = portfolio_team::service_as_team(&p);
    let room = teamscape::model::presentation::for_the_room(&whole.team, 3, GroupBy::Discipline);
    let alone = teamscape::analysis::analyse_workshop_safe(&room, 3);
    assert!(alone
        .disciplines
        .iter()
        .all(|d| d.figures.headcount == 0 || d.figures.mean_salary.is_some()));
    // With three nurses in B, B shows its nurses and teachers too, and the service's
    // figures add nothing to the teams': both are shown. Nurses: 31,000 to 34,000 in A and
    // 35,000 to 37,000 in B, mean 34,000; teachers 41,000 to 46,000, mean 43,500.
    let more =
        format!("{sheet}X6,Nurse 6,Nursing,NHS,B,1,1,36000\nX7,Nurse 7,Nursing,NHS,B,1,1,37000\n");
    assert_eq!(service_pay(&more), (false, Some(34_000.0), Some(43_500.0)));
}

/// Two JSON reports alike, numbers within 1e-9.
fn same_figures(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => near(
            x.as_f64().unwrap_or(f64::NAN),
            y.as_f64().unwrap_or(f64::NAN),
        ),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_figures(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_figures(v, w)))
        }
        _ => a == b,
    }
}

fn sample_service() -> portfolio::Portfolio {
    teamscape::model::io::read_portfolio(std::path::Path::new(
        "sample_teams/service/children-and-families-service.ron",
    ))
    .unwrap()
    .unwrap()
}

#[test]
fn a_team_taken_out_and_put_back_keeps_the_services_figures() {
    let p = sample_service();
    let none = std::collections::HashMap::<String, portfolio_team::Answer>::new();
    let json = |q: &portfolio::Portfolio| -> serde_json::Value {
        serde_json::from_str(&render(&analyse(q), Format::Json, false)).unwrap()
    };
    for t in &p.teams {
        let mut taken = portfolio_team::take(&p, &t.name).unwrap();
        // Unchanged: the portfolio as it was, to the byte.
        let back = portfolio_team::put_back(&p, &t.name, &taken, &none).unwrap();
        assert!(back.portfolio == p, "{} came back changed", t.name);
        // Someone moved on the map: every figure of the service as it was, and the same
        // people, though the team's posts now all carry its records.
        taken.team.members[0].position.x += 10.0;
        let back = portfolio_team::put_back(&p, &t.name, &taken, &none).unwrap();
        assert_eq!(back.notices, Vec::<String>::new(), "{}", t.name);
        // Each figure as it was, but for the order sums are added in (15 or 14.999…).
        assert!(
            same_figures(&json(&back.portfolio), &json(&p)),
            "{}",
            t.name
        );
        assert_eq!(back.portfolio.people, p.people, "{}", t.name);
        assert_eq!(
            portfolio_team::take_team(&back.portfolio, &t.name).unwrap(),
            taken.team,
            "{}",
            t.name
        );
    }
}

#[test]
fn a_team_edited_and_put_back_changes_its_people_everywhere_and_only_its_own_posts() {
    use teamscape::model::{Member, MemberId, Pay};
    let p = sample_service();
    let camhs = "Riverside Community CAMHS";
    let mut taken = portfolio_team::take(&p, camhs).unwrap();
    let person = |id: &MemberId| taken.person_of[id].clone();
    let team = &mut taken.team;
    // The educational psychologist (1.0 contract; 0.1 in CAMHS, 0.2 in the YOT, 0.2 in the
    // CDC, 0.1 in the nursery): three tenths of the week in CAMHS now, and a raise.
    let doyle = team
        .members
        .iter()
        .position(|m| m.name == "Dr Patrick Doyle")
        .unwrap();
    team.members[doyle].team_share = 0.3;
    team.members[doyle].pay = Pay::Salary(52_000.0);
    // A clinical psychologist in CAMHS alone leaves; someone new joins.
    let lindqvist = team
        .members
        .iter()
        .position(|m| m.name == "Dr Sarah Lindqvist")
        .unwrap();
    let gone = person(&team.members[lindqvist].id);
    let discipline = team.members[lindqvist].discipline;
    let agency = team.members[lindqvist].agency;
    team.members.remove(lindqvist);
    let id = team.next_member_id();
    team.members.push(Member {
        fte: 1.0,
        team_share: 1.0,
        ..Member::new(id, "Zoe New", discipline, agency, Pay::Salary(45_000.0))
    });
    let none = std::collections::HashMap::<String, portfolio_team::Answer>::new();
    let back = portfolio_team::put_back(&p, camhs, &taken, &none).unwrap();
    let q = &back.portfolio;
    // One person left and one came: 83 still, and as many posts.
    assert_eq!(q.people.len(), p.people.len());
    assert_eq!(q.posts.len(), p.posts.len());
    assert!(q.person(&gone).is_none());
    let doyle = "meadowbank-child-development-centre-14";
    assert_eq!(q.person(doyle).unwrap().salary, Some(52_000.0));
    let mut posts: Vec<(String, f64)> = q
        .posts
        .iter()
        .filter(|post| post.person == doyle)
        .map(|post| (post.team.clone(), post.fte))
        .collect();
    posts.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        posts,
        [
            ("Little Oaks Specialist Nursery".to_owned(), 0.1),
            ("Meadowbank Child Development Centre".to_owned(), 0.2),
            ("Northbrook Youth Offending Team".to_owned(), 0.2),
            (camhs.to_owned(), 0.3),
        ]
    );
    // The other teams are as they were, and the team keeps its place.
    for t in &p.teams {
        if t.name != camhs {
            assert_eq!(
                portfolio_team::take_team(q, &t.name).unwrap().members.len(),
                portfolio_team::take_team(&p, &t.name)
                    .unwrap()
                    .members
                    .len()
            );
        }
    }
    assert_eq!(
        q.teams.iter().map(|t| &t.name).collect::<Vec<_>>(),
        p.teams.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    let f = analyse(q);
    let camhs_figures = f.teams.iter().find(|t| t.name == camhs).unwrap();
    assert_eq!(camhs_figures.headcount, 17);
}
