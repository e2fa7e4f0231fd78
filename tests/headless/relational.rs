//! Relational rounds (issue 31): instruments as data, a round imported from a form's sheet,
//! and its measures worked by hand.

use crate::common;

use std::process::Command;

use teamscape::analysis::relational::{self, bootstrap_interval, cronbach_alpha};
use teamscape::model::csv::Sheet;
use teamscape::model::instrument::{self, About};
use teamscape::model::Side;

fn teamscape(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_teamscape"))
        .args(args)
        .output()
        .unwrap()
}

/// `teamscape perceptions import TEAM RESPONSES --instrument INSTRUMENT [--round LABEL]`.
fn import(
    team: &std::path::Path,
    responses: &std::path::Path,
    instrument: &str,
    round: Option<&str>,
) -> std::process::Output {
    let mut args = vec![
        "perceptions",
        "import",
        team.to_str().unwrap(),
        responses.to_str().unwrap(),
        "--instrument",
        instrument,
    ];
    if let Some(label) = round {
        args.extend(["--round", label]);
    }
    teamscape(&args)
}

/// The import succeeded, or the test says why not.
fn imported(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_shipped_instruments_cite_their_sources_and_copy_no_published_wording() {
    let shipped = instrument::shipped();
    let names: Vec<&str> = shipped.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for i in &shipped {
        assert!(
            !i.source.citation.is_empty() && !i.source.licence.is_empty(),
            "{}",
            i.name
        );
        assert!(
            !i.source.validated,
            "{}: none is validated as worded",
            i.name
        );
        let mut ids: Vec<&str> = i.items.iter().map(|x| x.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), i.items.len(), "{}: ids are unique", i.name);
        assert!(i.items.iter().all(|x| x.min < x.max), "{}", i.name);
    }
    let collaboration = &shipped[1];
    assert_eq!(
        collaboration.factors(),
        ["communication", "accommodation", "isolation"]
    );
    assert!(collaboration.items.iter().all(|x| x.about == About::Each));
    assert!(collaboration
        .source
        .address
        .contains("10.1186/1472-6963-10-83"));
    let climate = &shipped[2];
    assert_eq!(climate.factors(), ["psychological safety", "open debate"]);
    assert_eq!(climate.items.iter().filter(|x| x.reverse).count(), 3);
    // Reverse scoring on a 1–7 scale: 2 counts as 1 + 7 − 2 = 6.
    let reversed = climate.items.iter().find(|x| x.reverse).unwrap();
    assert_eq!(reversed.scored(2), 6.0);
}

#[test]
fn an_instrument_file_is_read_and_every_bad_cell_named() {
    let good = "id,factor,about,reverse,min,max,text\n\
                t1,climate,team,no,1,5,Q1\n\
                e1,collab,each,yes,1,4,E1\n";
    let read = instrument::from_sheet(&Sheet::read(good).unwrap(), "Ours").unwrap();
    assert_eq!(read.items.len(), 2);
    assert!(read.items[1].reverse && read.items[1].about == About::Each);
    assert!(read.source.licence.contains("importing organisation"));
    let bad = "id,factor,about,reverse,min,max,text\n\
               t1,climate,group,no,1,5,Q1\n\
               t1,climate,team,perhaps,5,1,\n";
    let err = instrument::from_sheet(&Sheet::read(bad).unwrap(), "Ours").unwrap_err();
    let text = err.lines().join("\n");
    for expected in [
        "line 2, column “about”",
        "not team or each",
        "line 3, column “id”",
        "used twice",
        "not yes or no",
        "max must be above min",
        "column “text”",
    ] {
        assert!(text.contains(expected), "{expected:?} in:\n{text}");
    }
}

/// Cronbach's α by hand: two items over ten rows.
/// item 1: 1 2 3 4 5 2 3 4 1 5 (mean 3, squared deviations 20, variance 20/9);
/// item 2: 2 2 4 3 5 1 3 5 1 4 (mean 3, 20, 20/9); sums 3 4 7 7 10 3 6 9 2 9 (mean 6, 74,
/// 74/9). α = 2/(2−1) · (1 − (40/9)/(74/9)) = 2 · 34/74 = 68/74.
#[test]
fn cronbach_alpha_worked_by_hand() {
    let rows: Vec<Vec<f64>> = [
        (1, 2),
        (2, 2),
        (3, 4),
        (4, 3),
        (5, 5),
        (2, 1),
        (3, 3),
        (4, 5),
        (1, 1),
        (5, 4),
    ]
    .iter()
    .map(|(a, b)| vec![f64::from(*a), f64::from(*b)])
    .collect();
    let alpha = cronbach_alpha(&rows).unwrap();
    assert!((alpha - 68.0 / 74.0).abs() < 1e-12, "{alpha}");
    // Nine rows, or one item: not computed.
    assert_eq!(cronbach_alpha(&rows[..9]), None);
    let one: Vec<Vec<f64>> = rows.iter().map(|r| vec![r[0]]).collect();
    assert_eq!(cronbach_alpha(&one), None);
}

#[test]
fn a_bootstrap_interval_is_fixed_by_its_seed_and_holds_the_mean() {
    let scores = [1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 4.5];
    let mean = scores.iter().sum::<f64>() / 7.0;
    let (low, high) = bootstrap_interval(&scores, 42);
    assert!(low < mean && mean < high, "{low} {mean} {high}");
    assert!(low >= 1.0 && high <= 5.0);
    assert_eq!(bootstrap_interval(&scores, 42), (low, high));
}

/// A round of five respondents on a two-factor instrument, imported from a form's sheet
/// into the youth offending team (social work 3, youth justice 6), and measured by hand:
///
/// | respondent | rater           | t1 | t2 (reverse) | e1, e2 about SW | e1, e2 about YJ |
/// |------------|-----------------|----|--------------|-----------------|-----------------|
/// | 1          | Social work     | 5  | 1 → 5        | 5, 4 → 4.5      | 3, 3 → 3.0      |
/// | 2          | Social work     | 4  | 2 → 4        | —               | 2, n/a → 2.0    |
/// | 3          | Youth justice   | 3  | 3 → 3        | 4, 4 → 4.0      | 5, 5 → 5.0      |
/// | 4          | Youth justice   | 2  | —            | n/a, n/a → —    | 4, — → 4.0      |
/// | 5          | prefer not to say | 1 | 5 → 1      | 1, 1            | 1, 1            |
///
/// climate: SW [5, 4] → 4.5; YJ [3, 2] → 2.5; everyone [5, 4, 3, 2, 1] → 3.0.
/// collab cells: SW→SW 4.5 (n 1), SW→YJ 2.5 (n 2), YJ→SW 4.0 (n 1), YJ→YJ 4.5 (n 2);
/// network mean (2.5 + 4.0) / 2 = 3.25. α: fewer than 10 complete rows, so null.
#[test]
fn a_round_imported_from_a_sheet_is_measured_as_worked_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    teamscape::model::io::save_team(&common::sample("youth"), &team).unwrap();
    let instrument = dir.path().join("ours.csv");
    std::fs::write(
        &instrument,
        "id,factor,about,reverse,min,max,text\n\
         t1,climate,team,no,1,5,I can raise a problem here.\n\
         t2,climate,team,yes,1,5,Mistakes are held against you here.\n\
         e1,collab,each,no,1,5,This group tells us what we need.\n\
         e2,collab,each,no,1,5,This group shares decisions with us.\n",
    )
    .unwrap();
    let responses = dir.path().join("answers.csv");
    std::fs::write(
        &responses,
        "respondent,rater_discipline,t1,t2,e1: Social work,e2: Social work,e1: Youth justice,e2: Youth justice\n\
         1,Social work,5,1,5,4,3,3\n\
         2,Social work,4,2,,,2,n/a\n\
         3,Youth justice,3,3,4,4,5,5\n\
         4,Youth justice,2,,n/a,n/a,4,\n\
         5,prefer not to say,1,5,1,1,1,1\n",
    )
    .unwrap();
    imported(&import(
        &team,
        &responses,
        instrument.to_str().unwrap(),
        Some("Spring"),
    ));
    let out = teamscape(&["report", team.to_str().unwrap(), "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rounds = json["relational"]["rounds"].as_array().unwrap();
    // The sample's round of ratings is read as the short form; the new round comes after.
    assert_eq!(rounds.len(), 2);
    assert_eq!(rounds[0]["instrument"], "Teamscape short form");
    let round = &rounds[1];
    assert_eq!(round["label"], "Spring");
    assert_eq!(round["instrument"], "ours");
    assert_eq!(round["respondents"], 5);
    assert_eq!(round["ungrouped"], 1);
    let rate = |group: &str| {
        round["response_rate"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == group)
            .map(|g| {
                (
                    g["respondents"].as_u64().unwrap(),
                    g["headcount"].as_u64().unwrap(),
                )
            })
    };
    assert_eq!(rate("Social work"), Some((2, 3)));
    assert_eq!(rate("Youth justice"), Some((2, 6)));
    assert_eq!(rate("Youth work"), Some((0, 2)));
    let factor = |name: &str| {
        round["factors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["factor"] == name)
            .unwrap()
            .clone()
    };
    let climate = factor("climate");
    assert_eq!(climate["about"], "team");
    assert_eq!(climate["items"], 2);
    assert!(climate["alpha"].is_null());
    let group = |name: &str| {
        climate["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["group"] == name)
            .unwrap()
            .clone()
    };
    for (name, n, mean) in [("Social work", 2, 4.5), ("Youth justice", 2, 2.5)] {
        let g = group(name);
        assert_eq!(g["n"], n, "{name}");
        assert_eq!(g["mean"].as_f64().unwrap(), mean, "{name}");
        let (low, high) = (
            g["ci_low"].as_f64().unwrap(),
            g["ci_high"].as_f64().unwrap(),
        );
        assert!(low <= mean && mean <= high, "{name}: {low} {high}");
    }
    assert_eq!(climate["everyone"]["n"], 5);
    assert_eq!(climate["everyone"]["mean"].as_f64().unwrap(), 3.0);
    let collab = factor("collab");
    assert_eq!(collab["about"], "each");
    let cells: Vec<(String, String, u64, f64)> = collab["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["rater"].as_str().unwrap().to_owned(),
                c["rated"].as_str().unwrap().to_owned(),
                c["n"].as_u64().unwrap(),
                c["mean"].as_f64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("Social work", "Social work", 1, 4.5),
        ("Social work", "Youth justice", 2, 2.5),
        ("Youth justice", "Social work", 1, 4.0),
        ("Youth justice", "Youth justice", 2, 4.5),
    ];
    assert_eq!(cells.len(), expected.len(), "{cells:?}");
    for (rater, rated, n, mean) in expected {
        assert!(
            cells.contains(&(rater.to_owned(), rated.to_owned(), n, mean)),
            "{rater} → {rated}: {cells:?}"
        );
    }
    assert_eq!(collab["network_mean"].as_f64().unwrap(), 3.25);
    assert!(collab["alpha"].is_null());
    // Social work as the others see it is youth justice's 4.0, and it sees them at 2.5.
    let profile = |name: &str| {
        let p = collab["profiles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["group"] == name)
            .unwrap()
            .clone();
        (
            p["seen_by_others"].as_f64().unwrap(),
            p["sees_others"].as_f64().unwrap(),
        )
    };
    assert_eq!(profile("Social work"), (4.0, 2.5));
    assert_eq!(profile("Youth justice"), (2.5, 4.0));
    // With names hidden (minimum 3), every cell and group here has 1 or 2 answers and is
    // withheld; the team's 5 answers show, with an interval.
    let out = teamscape(&[
        "report",
        team.to_str().unwrap(),
        "--format",
        "json",
        "--hide-names",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let round = &json["relational"]["rounds"][1];
    let hidden_factor = |name: &str| {
        round["factors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["factor"] == name)
            .unwrap()
            .clone()
    };
    let collab = hidden_factor("collab");
    assert!(collab["cells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["mean"].is_null() && c["n"].as_u64().unwrap() < 3));
    assert!(collab["network_mean"].is_null());
    let climate = hidden_factor("climate");
    assert!(climate["groups"]
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["mean"].is_null() && g["ci_low"].is_null()));
    assert_eq!(climate["everyone"]["mean"].as_f64().unwrap(), 3.0);
    assert!(climate["everyone"]["ci_low"].as_f64().unwrap() <= 3.0);
    // The file keeps the round with its instrument, and opens again.
    let saved = teamscape::model::io::open_team(&team).unwrap();
    let round = saved
        .perceptions
        .iter()
        .find(|r| r.label == "Spring")
        .unwrap();
    assert_eq!(round.instrument.as_ref().map(|i| i.items.len()), Some(4));
    assert!(round.protected);
}

#[test]
fn a_responses_sheet_with_bad_cells_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    teamscape::model::io::save_team(&common::sample("youth"), &team).unwrap();
    let before = std::fs::read(&team).unwrap();
    let responses = dir.path().join("answers.csv");
    std::fs::write(
        &responses,
        "respondent,rater_discipline,safe1,safe2,comm1: Social work,comm1: Astrology\n\
         1,Social work,9,n/a,3,\n\
         2,Nobody,1,2,x,\n",
    )
    .unwrap();
    let out = import(&team, &responses, "Collaboration", None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The collaboration form asks nothing called safe1: those columns are left alone; the
    // unknown discipline in a header is named.
    assert!(stderr.contains("Astrology"), "{stderr}");
    assert_eq!(std::fs::read(&team).unwrap(), before);
    std::fs::write(
        &responses,
        "respondent,rater_discipline,safe1,safe2\n\
         1,Social work,9,n/a\n\
         2,Nobody,1,2\n",
    )
    .unwrap();
    let out = import(&team, &responses, "Team climate", None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for expected in [
        "line 2, column “safe1”",
        "from 1 to 7",
        "column “safe2”",
        "does not offer n/a",
        "line 3, column “rater_discipline”",
        "a professional family",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in:\n{stderr}");
    }
    assert_eq!(std::fs::read(&team).unwrap(), before);
}

/// Core against periphery, from a sheet with a `side` column, in the youth offending team
/// (4 on its periphery, so a side is kept). Everyone prefers not to say their profession.
/// Six say core and answer 6, 7, 6, 7, 6, 6: mean 38 / 6 = 6.33; five say periphery (one
/// as a form's "No, less than that") and answer 2, 1, 2, 3, 2: mean 2.0. The gap is 4.33,
/// its interval far from zero: a finding, with n. In the room the 11 are the team, the
/// sides 6 and 5, with nobody left over: both sides, their intervals (5 answers each) and
/// the finding stay. A side that is no side is refused, cell named.
#[test]
fn core_against_periphery_from_a_side_column_measured_as_worked_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("t.ron");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_teams/youth-offending-team.ron");
    std::fs::copy(sample, &team).unwrap();
    let instrument = dir.path().join("i.csv");
    std::fs::write(
        &instrument,
        "id,factor,about,reverse,min,max,text\nt1,climate,team,no,1,7,I can raise a problem here.\n",
    )
    .unwrap();
    let core = [6, 7, 6, 7, 6, 6].map(|v| format!("c,prefer not to say,core,{v}\n"));
    let edge = [2, 1, 2, 3].map(|v| format!("p,prefer not to say,periphery,{v}\n"));
    let sheet = format!(
        "respondent,rater_discipline,side,t1\n{}{}p,prefer not to say,\"No, less than that\",2\n",
        core.concat(),
        edge.concat()
    );
    let responses = dir.path().join("r.csv");
    std::fs::write(&responses, &sheet).unwrap();
    imported(&import(
        &team,
        &responses,
        instrument.to_str().unwrap(),
        Some("Sides"),
    ));
    for hidden in [false, true] {
        let mut args = vec!["report", team.to_str().unwrap(), "--format", "json"];
        if hidden {
            args.push("--hide-names");
        }
        let out = teamscape(&args);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rounds = json["relational"]["rounds"].as_array().unwrap();
        let round = rounds.iter().find(|r| r["label"] == "Sides").unwrap();
        let f = &round["factors"][0];
        let sides = f["sides"].as_array().unwrap();
        let side = |k: usize| {
            (
                sides[k]["group"].as_str().unwrap().to_owned(),
                sides[k]["n"].as_u64().unwrap(),
                sides[k]["mean"].as_f64().unwrap(),
                sides[k]["ci_low"].as_f64().is_some(),
            )
        };
        assert_eq!(side(0).0, "Core");
        assert_eq!(side(0).1, 6);
        assert!((side(0).2 - 38.0 / 6.0).abs() < 1e-9);
        assert_eq!(side(1), ("Periphery".to_owned(), 5, 2.0, true));
        let gap = &f["core_gap"];
        assert!((gap["difference"].as_f64().unwrap() - (38.0 / 6.0 - 2.0)).abs() < 1e-9);
        assert!(gap["ci_low"].as_f64().unwrap() > 0.0, "{gap}");
        assert_eq!(gap["clear"], true);
        let findings: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|x| x.as_str())
            .collect();
        assert!(
            findings.iter().any(|t| t.contains(
                "Climate: the core answers 6.3 on average (n 6), the periphery 2.0 (n 5)"
            )),
            "{findings:#?}"
        );
    }
    let before = std::fs::read(&team).unwrap();
    std::fs::write(
        &responses,
        "respondent,rater_discipline,side,t1\n1,prefer not to say,core,4\n2,prefer not to say,sometimes,4\n",
    )
    .unwrap();
    let out = import(&team, &responses, instrument.to_str().unwrap(), None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("line 3, column “side”"), "{stderr}");
    assert!(stderr.contains("is not a side"), "{stderr}");
    assert_eq!(std::fs::read(&team).unwrap(), before);
}

fn cell(by: &str, about: &str, n: usize, mean: f64) -> relational::Cell {
    relational::Cell {
        rater: by.to_owned(),
        rated: about.to_owned(),
        n,
        mean: Some(mean),
    }
}

/// A team factor of `everyone` respondents: `people` as (group, side, how many), the rest in
/// no group and no side; its groups, sides and gap from those counts (means made up).
fn team_factor(
    groups: Vec<relational::GroupMean>,
    people: &[(&str, Option<Side>, usize)],
    everyone: usize,
) -> relational::FactorFigures {
    let mut scored: Vec<(Option<String>, Option<Side>)> = Vec::new();
    for (g, side, n) in people {
        let g = (!g.is_empty()).then(|| (*g).to_owned());
        scored.extend(std::iter::repeat_n((g, *side), *n));
    }
    scored.resize(everyone, (None, None));
    let on = |s: Side| scored.iter().filter(|x| x.1 == Some(s)).count();
    let sides: Vec<relational::GroupMean> = Side::ALL
        .iter()
        .filter(|s| on(**s) > 0)
        .map(|s| group(s.label(), on(*s), 3.0))
        .collect();
    let core_gap = (sides.len() == 2).then_some(relational::Gap {
        difference: Some(0.5),
        interval: Some((0.1, 0.9)),
    });
    relational::FactorFigures {
        factor: "climate".to_owned(),
        about: About::Team,
        items: 3,
        scale: (1, 5),
        alpha: None,
        alpha_rows: 0,
        network_mean: None,
        cells: Vec::new(),
        profiles: Vec::new(),
        groups,
        everyone: Some(group("Everyone", everyone, 3.0)),
        sides,
        core_gap,
        scored,
    }
}

fn group(name: &str, n: usize, mean: f64) -> relational::GroupMean {
    relational::GroupMean {
        group: name.to_owned(),
        n,
        mean: Some(mean),
        interval: Some((mean - 0.5, mean + 0.5)),
    }
}

/// Withholding in the room, minimum 3:
/// - the team factor: A (n 4), B (n 3), C (n 2) and one "prefer not to say" make the team's 10.
///   C is withheld (2 < 3); the team's sum less A's and B's leaves C's 2 and the one, 3
///   answers, so nothing more. Where the rest is 1 or 2, the smallest shown group goes as
///   well (the second factor: A 4, B 3 of 8 leave 1, so B goes);
/// - intervals need 5 answers: A's 4 and B's 3 lose theirs, the team's 10 keeps it;
/// - cells: A→B (n 3) 4.0 and B→A (n 3) 2.0 stay, A→C (n 2) and C→A (n 2) go, so does
///   every cell about "Small" (a profession of fewer than 3, hidden); the network mean is
///   (4 + 2) / 2 = 3 from the shown cells only, and A is seen by others at 2, sees them at 4.
#[test]
fn the_room_withholds_small_cells_and_what_would_give_them_away() {
    let team_factor = |groups: Vec<relational::GroupMean>, everyone: usize| {
        let people: Vec<(&str, Option<Side>, usize)> = groups
            .iter()
            .map(|g| (g.group.as_str(), None, g.n))
            .collect();
        let mut f = team_factor(groups.clone(), &people, everyone);
        f.groups = groups;
        f
    };
    let each = relational::FactorFigures {
        factor: "collab".to_owned(),
        about: About::Each,
        items: 2,
        scale: (1, 5),
        alpha: None,
        alpha_rows: 0,
        network_mean: Some(9.0),
        cells: vec![
            cell("A", "B", 3, 4.0),
            cell("B", "A", 3, 2.0),
            cell("A", "C", 2, 1.0),
            cell("C", "A", 2, 5.0),
            cell("A", "Small", 4, 1.0),
            cell("A", "A", 4, 5.0),
        ],
        profiles: Vec::new(),
        groups: Vec::new(),
        everyone: None,
        sides: Vec::new(),
        core_gap: None,
        scored: Vec::new(),
    };
    let mut rounds = vec![relational::RoundFigures {
        label: "Spring".to_owned(),
        date: String::new(),
        instrument: "ours".to_owned(),
        snapshot: None,
        respondents: 10,
        ungrouped: 1,
        response_rate: Vec::new(),
        factors: vec![
            team_factor(
                vec![group("A", 4, 4.0), group("B", 3, 3.0), group("C", 2, 2.0)],
                10,
            ),
            // The rest after A and B would be 1: B goes too.
            team_factor(vec![group("A", 4, 4.0), group("B", 3, 3.0)], 8),
            each,
        ],
    }];
    relational::withhold(&mut rounds, 3, &["Small".to_owned()]);
    let f = &rounds[0].factors;
    let shown = |g: &[relational::GroupMean]| {
        g.iter()
            .map(|g| (g.group.clone(), g.mean.is_some(), g.interval.is_some()))
            .collect::<Vec<_>>()
    };
    let s = |x: &str| x.to_owned();
    assert_eq!(
        shown(&f[0].groups),
        [
            (s("A"), true, false),
            (s("B"), true, false),
            (s("C"), false, false)
        ]
    );
    assert!(f[0].everyone.as_ref().unwrap().interval.is_some());
    assert_eq!(
        shown(&f[1].groups),
        [(s("A"), true, false), (s("B"), false, false)]
    );
    let means: Vec<Option<f64>> = f[2].cells.iter().map(|c| c.mean).collect();
    assert_eq!(means, [Some(4.0), Some(2.0), None, None, None, Some(5.0)]);
    assert_eq!(f[2].network_mean, Some(3.0));
    let a = f[2].profiles.iter().find(|p| p.group == "A").unwrap();
    assert_eq!((a.seen_by_others, a.sees_others), (Some(2.0), Some(4.0)));
    assert_eq!(f[2].asymmetry("A", "B"), Some(2.0));
    assert_eq!(f[2].asymmetry("A", "C"), None);
}

/// Core and periphery in the room, minimum 3. A (5, all core) and B (4 core, 1 on the
/// periphery) make 10. The periphery's one is withheld (1 < 3); the team's sum less the
/// core's 9 would still give that one away, so the core goes too (sides before groups), and
/// with them the gap. A and B stay: the team less A less B leaves nobody.
/// Then A (2 core, 2 periphery) and B (2 and 2), 8 in all: no sum or difference of A, B,
/// core, periphery and the team isolates anyone or ties a lone colleague to anyone, so all
/// show; the gap keeps no interval (each side has 4 answers, an interval needs 5).
#[test]
fn the_room_withholds_a_side_that_with_the_team_would_give_someone_away() {
    let core = Some(Side::Core);
    let edge = Some(Side::Peripheral);
    let mut rounds = vec![relational::RoundFigures {
        label: "Spring".to_owned(),
        date: String::new(),
        instrument: "ours".to_owned(),
        snapshot: None,
        respondents: 18,
        ungrouped: 0,
        response_rate: Vec::new(),
        factors: vec![
            team_factor(
                vec![group("A", 5, 4.0), group("B", 5, 3.0)],
                &[("A", core, 5), ("B", core, 4), ("B", edge, 1)],
                10,
            ),
            team_factor(
                vec![group("A", 4, 4.0), group("B", 4, 3.0)],
                &[
                    ("A", core, 2),
                    ("A", edge, 2),
                    ("B", core, 2),
                    ("B", edge, 2),
                ],
                8,
            ),
        ],
    }];
    relational::withhold(&mut rounds, 3, &[]);
    let f = &rounds[0].factors;
    let shown = |g: &[relational::GroupMean]| -> Vec<(String, bool)> {
        g.iter()
            .map(|g| (g.group.clone(), g.mean.is_some()))
            .collect()
    };
    let s = |x: &str| x.to_owned();
    assert_eq!(shown(&f[0].groups), [(s("A"), true), (s("B"), true)]);
    assert_eq!(
        shown(&f[0].sides),
        [(s("Core"), false), (s("Periphery"), false)]
    );
    let gap = f[0].core_gap.as_ref().unwrap();
    assert_eq!((gap.difference, gap.interval), (None, None));
    assert_eq!(shown(&f[1].groups), [(s("A"), true), (s("B"), true)]);
    assert_eq!(
        shown(&f[1].sides),
        [(s("Core"), true), (s("Periphery"), true)]
    );
    let gap = f[1].core_gap.as_ref().unwrap();
    assert_eq!((gap.difference, gap.interval), (Some(0.5), None));
    assert!(!gap.clear(), "no interval, so nothing is called clear");
}

/// Two rounds compared: A went from 3.0 [2.5, 3.5] to 4.2 [3.8, 4.6], intervals apart, so
/// the change (+1.2) is clear; B from 3.0 [2.5, 3.5] to 3.4 [2.9, 3.9], intervals overlap,
/// so it is not; C is withheld after, so it has no difference. In the round-robin factor the
/// network mean moved from 3.0 to 4.0 and A as others see it from 2.0 to 4.0 (B → A only).
#[test]
fn two_rounds_compare_figure_by_figure_and_call_clear_only_what_the_intervals_support() {
    let g = |name: &str, n: usize, mean: Option<f64>, half: f64| relational::GroupMean {
        group: name.to_owned(),
        n,
        mean,
        interval: mean.map(|m| (m - half, m + half)),
    };
    let factor = |groups, cells: Vec<relational::Cell>| relational::FactorFigures {
        factor: "climate".to_owned(),
        about: About::Team,
        items: 3,
        scale: (1, 7),
        alpha: None,
        alpha_rows: 0,
        network_mean: None,
        cells,
        profiles: Vec::new(),
        groups,
        everyone: None,
        sides: Vec::new(),
        core_gap: None,
        scored: Vec::new(),
    };
    let round = |label: &str, factors| relational::RoundFigures {
        label: label.to_owned(),
        date: String::new(),
        instrument: "ours".to_owned(),
        snapshot: None,
        respondents: 20,
        ungrouped: 0,
        response_rate: Vec::new(),
        factors,
    };
    let mut before = round(
        "Before",
        vec![
            factor(
                vec![
                    g("A", 8, Some(3.0), 0.5),
                    g("B", 6, Some(3.0), 0.5),
                    g("C", 5, Some(2.0), 0.5),
                ],
                Vec::new(),
            ),
            factor(
                Vec::new(),
                vec![cell("A", "B", 4, 4.0), cell("B", "A", 4, 2.0)],
            ),
        ],
    );
    let mut after = round(
        "After",
        vec![
            factor(
                vec![
                    g("A", 9, Some(4.2), 0.4),
                    g("B", 6, Some(3.4), 0.5),
                    g("C", 2, None, 0.0),
                ],
                Vec::new(),
            ),
            factor(
                Vec::new(),
                vec![cell("A", "B", 4, 4.0), cell("B", "A", 5, 4.0)],
            ),
        ],
    );
    // The second factor is a round-robin one called "collab".
    for r in [&mut before, &mut after] {
        r.factors[1].factor = "collab".to_owned();
        r.factors[1].about = About::Each;
    }
    relational::withhold(std::slice::from_mut(&mut before), 1, &[]);
    relational::withhold(std::slice::from_mut(&mut after), 1, &[]);
    let changes = relational::changes(&[before, after]);
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!((c.before.as_str(), c.after.as_str()), ("Before", "After"));
    let climate = &c.factors[0].changes;
    let by = |what: &str| climate.iter().find(|x| x.what == what).unwrap();
    assert!(by("A").clear);
    assert!((by("A").difference().unwrap() - 1.2).abs() < 1e-9);
    assert!(!by("B").clear);
    assert!((by("B").difference().unwrap() - 0.4).abs() < 1e-9);
    assert_eq!(by("C").difference(), None);
    let collab = &c.factors[1].changes;
    assert_eq!(collab[0].what, "Network mean");
    assert_eq!((collab[0].before, collab[0].after), (Some(3.0), Some(4.0)));
    let a = collab.iter().find(|x| x.what == "A").unwrap();
    assert_eq!((a.before, a.after), (Some(2.0), Some(4.0)));
    assert!(
        !a.clear,
        "a cell has no interval, so no change in it is called clear"
    );
}

/// The CAMHS sample holds a round of the collaboration form and two of the team climate
/// form, before and after its restructure; the two compare in `report`, names shown and
/// hidden, and the change the sample was made to show (nursing's psychological safety
/// falling) is called clear both ways, with its n.
#[test]
fn the_camhs_sample_compares_two_climate_rounds_in_the_report() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_teams/camhs-team.ron");
    let instruments: Vec<String> = common::sample("camhs")
        .perceptions
        .iter()
        .filter_map(|r| r.instrument.as_ref().map(|i| i.name.clone()))
        .collect();
    assert!(instruments.iter().any(|i| i.starts_with("Collaboration")));
    assert_eq!(
        instruments
            .iter()
            .filter(|i| i.starts_with("Team climate"))
            .count(),
        2
    );
    for hidden in [false, true] {
        let mut args = vec!["report", path.to_str().unwrap(), "--format", "json"];
        if hidden {
            args.push("--hide-names");
        }
        let out = teamscape(&args);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let changes = json["relational"]["changes"].as_array().unwrap();
        let climate = changes
            .iter()
            .find(|c| {
                c["instrument"]
                    .as_str()
                    .unwrap()
                    .starts_with("Team climate")
            })
            .unwrap();
        assert_eq!(climate["before"], "Team climate, before the restructure");
        // The round before the restructure goes with the snapshot taken then, called by
        // its number with names hidden (a label is free text that may name someone).
        assert_eq!(
            climate["before_snapshot"],
            if hidden {
                "Snapshot 1"
            } else {
                "Before the locality restructure"
            }
        );
        assert!(climate["after_snapshot"].is_null());
        let safety = climate["factors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["factor"] == "psychological safety")
            .unwrap();
        let nursing = if hidden {
            "Nursing and therapies"
        } else {
            "Mental health nursing"
        };
        let change = safety["changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["what"] == nursing)
            .unwrap();
        assert!(change["difference"].as_f64().unwrap() < -1.0, "{change}");
        assert_eq!(change["clear"], true, "{change}");
        let findings: Vec<&str> = json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|f| f.as_str())
            .collect();
        assert!(
            findings
                .iter()
                .any(|f| f.starts_with(&format!("Psychological safety fell for {nursing}"))),
            "{findings:#?}"
        );
    }
}

/// A Google Forms export: a timestamp, the profession asked in words, a team item headed by
/// its wording, and a grid per item with the groups as rows ("<wording> [<group>]"), answers
/// written with their labels. Microsoft Forms heads a statement by its wording too. It
/// imports as the documented layout does: one respondent each from social work and youth
/// justice, youth justice's 5 about social work and "I don't work with them" about itself.
#[test]
fn a_forms_export_headed_by_the_questions_wording_imports() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    teamscape::model::io::save_team(&common::sample("youth"), &team).unwrap();
    let instrument = dir.path().join("ours.csv");
    std::fs::write(
        &instrument,
        "id,factor,about,reverse,min,max,text\n\
         t1,climate,team,no,1,5,I can raise a problem here.\n\
         e1,collab,each,no,1,5,This group tells us what we need.\n",
    )
    .unwrap();
    let responses = dir.path().join("form.csv");
    std::fs::write(
        &responses,
        "Timestamp,Your profession,I can raise a problem here,This group tells us what we need. [Social work],This group tells us what we need. [Youth justice]\n\
         2026/12/01 10:00:00,Social work,4 - Agree,,2 - Disagree\n\
         2026/12/01 10:05:00,Youth justice,5 - Strongly agree,5 - Strongly agree,I don't work with them\n",
    )
    .unwrap();
    imported(&import(
        &team,
        &responses,
        instrument.to_str().unwrap(),
        Some("Form"),
    ));
    let saved = teamscape::model::io::open_team(&team).unwrap();
    let round = saved
        .perceptions
        .iter()
        .find(|r| r.label == "Form")
        .unwrap();
    let answers: usize = round
        .responses
        .iter()
        .map(|r| match &r.answers {
            teamscape::model::Answers::Items(a) => a.len(),
            _ => 0,
        })
        .sum();
    // 1 + 1 (social work: t1 and about youth justice) + 3 (youth justice: t1, about social
    // work, n/a about itself).
    assert_eq!(answers, 5);
    let not_applicable = round
        .responses
        .iter()
        .filter_map(|r| match &r.answers {
            teamscape::model::Answers::Items(a) => {
                Some(a.iter().filter(|x| x.value.is_none()).count())
            }
            _ => None,
        })
        .sum::<usize>();
    assert_eq!(not_applicable, 1);
}

/// `perceptions link` ties a round to a snapshot, refuses one the file does not hold and
/// leaves the file as it was, and a file whose link names no snapshot fails its check.
#[test]
fn a_round_links_to_a_snapshot_the_file_holds() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.ron");
    let mut camhs = common::sample("camhs");
    for r in &mut camhs.perceptions {
        r.snapshot = None;
    }
    teamscape::model::io::save_team(&camhs, &team).unwrap();
    let before = std::fs::read(&team).unwrap();
    let path = team.to_str().unwrap();
    let out = teamscape(&[
        "perceptions",
        "link",
        path,
        "--round",
        "Team climate, November 2026",
        "--snapshot",
        "No such",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no snapshot is labelled “No such”"));
    assert_eq!(std::fs::read(&team).unwrap(), before, "unchanged");
    let out = teamscape(&[
        "perceptions",
        "link",
        path,
        "--round",
        "Away day, November 2026",
        "--snapshot",
        "Before the locality restructure",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let saved = teamscape::model::io::open_team(&team).unwrap();
    let linked: Vec<&str> = saved
        .perceptions
        .iter()
        .filter(|r| r.snapshot.is_some())
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(linked, ["Away day, November 2026"]);
    let mut broken = saved.clone();
    broken.perceptions[0].snapshot = Some("Gone".to_owned());
    let problems = teamscape::model::validate(&broken);
    assert!(
        problems.iter().any(|p| p.to_string().contains("“Gone”")),
        "{problems:?}"
    );
}
