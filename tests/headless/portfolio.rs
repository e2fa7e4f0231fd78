//! Portfolios across teams (issue 34): a staffing sheet read, its figures worked by hand,
//! refusals that name rows, and the file and command line round trip.

use std::process::Command;

use teamscape::analysis::portfolio::{analyse, render, SharedFte};
use teamscape::analysis::report::Format;
use teamscape::model::csv::Sheet;
use teamscape::model::{portfolio, portfolio_csv};

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
