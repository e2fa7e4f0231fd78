//! Perception rounds: the measures on small cases worked by hand, the spreadsheet import
//! with good and bad sheets, and the report's contract.

use crate::common;

use std::collections::BTreeMap;

use teamscape::analysis::perceptions::{self, bradley_terry, OTHER_RATERS};
use teamscape::model::perceptions_csv::{self, SheetLayout};
use teamscape::model::{
    library, Answers, Choice, DisciplineId, PerceptionRound, Rating, Response, Team,
};

const A: DisciplineId = DisciplineId(1);
const B: DisciplineId = DisciplineId(2);
const C: DisciplineId = DisciplineId(3);

fn team_abc() -> Team {
    let mut team = library::new_team();
    for name in ["Alpha", "Beta", "Gamma"] {
        library::discipline_named(&mut team, name);
    }
    team
}

fn says(rater: Option<DisciplineId>, a: u8, b: u8, c: u8) -> Response {
    let r = |d, v| Rating {
        discipline: d,
        say: Some(v),
        valued: None,
    };
    Response {
        rater,
        rater_family: None,
        side: None,
        feel_valued: None,
        answers: Answers::Ratings(vec![r(A, a), r(B, b), r(C, c)]),
    }
}

fn round(responses: Vec<Response>) -> PerceptionRound {
    PerceptionRound {
        label: "Test".to_owned(),
        date: "2026-11-27".to_owned(),
        responses,
        protected: false,
        instrument: None,
        snapshot: None,
    }
}

/// Five responses on say:
///
/// | rater   | A | B | C |
/// |---------|---|---|---|
/// | A       | 5 | 3 | 2 |
/// | A       | 4 | 3 | 1 |
/// | B       | 4 | 4 | 2 |
/// | B       | 3 | 5 | 3 |
/// | (none)  | 5 | 2 | 1 |
///
/// A: own [5, 4] → 4.5; others [4, 3, 5] → 4.0; all 21/5 = 4.2.
/// B: own [4, 5] → 4.5; others [3, 3, 2] → 8/3; all 17/5 = 3.4.
/// C: own none; others [2, 1, 2, 3, 1] → 9/5 = 1.8 = all.
fn five() -> Team {
    let mut team = team_abc();
    team.perceptions = vec![round(vec![
        says(Some(A), 5, 3, 2),
        says(Some(A), 4, 3, 1),
        says(Some(B), 4, 4, 2),
        says(Some(B), 3, 5, 3),
        says(None, 5, 2, 1),
    ])];
    team
}

/// Conditions index A 0.2, B 0.9, C 0.5: conditions ranks B 1st, C 2nd, A 3rd.
fn conditions() -> BTreeMap<DisciplineId, Option<f64>> {
    BTreeMap::from([(A, Some(0.2)), (B, Some(0.9)), (C, Some(0.5))])
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[test]
fn ratings_give_self_others_and_all_means_and_ranks_worked_by_hand() {
    let p = perceptions::analyse(&five(), &conditions(), 2).unwrap();
    assert_eq!((p.rounds.len(), p.respondents), (1, 5));
    let a = p.discipline(A).unwrap();
    assert_eq!(a.say.raters, 5);
    assert!(close(a.say.self_mean, 4.5) && close(a.say.others_mean, 4.0));
    assert!(close(a.say.perceived_mean, 4.2));
    let b = p.discipline(B).unwrap();
    assert!(close(b.say.self_mean, 4.5) && close(b.say.others_mean, 8.0 / 3.0));
    assert!(close(b.say.perceived_mean, 3.4));
    let c = p.discipline(C).unwrap();
    assert_eq!(c.say.self_mean, None, "nobody in C answered");
    assert!(close(c.say.others_mean, 1.8) && close(c.say.perceived_mean, 1.8));
    // Seen: A 1st (4.0), B 2nd (2.67), C 3rd (1.8). Given: B 1st, C 2nd, A 3rd.
    // Gap = conditions − seen: A 3 − 1 = +2 (seen as having more say), B −1, C −1.
    assert_eq!(
        (a.perceived_rank, a.conditions_rank, a.rank_gap),
        (Some(1.0), Some(3.0), Some(2.0))
    );
    assert_eq!(
        (b.perceived_rank, b.conditions_rank, b.rank_gap),
        (Some(2.0), Some(1.0), Some(-1.0))
    );
    assert_eq!(
        (c.perceived_rank, c.conditions_rank, c.rank_gap),
        (Some(3.0), Some(2.0), Some(-1.0))
    );
    assert_eq!(p.ranked, 3);
    assert_eq!(
        p.spearman_conditions_vs_perceived, None,
        "fewer than 4 ranked"
    );
}

#[test]
fn no_figure_from_fewer_raters_than_the_minimum_nor_one_a_difference_would_give() {
    // Minimum 3: A's and B's own ratings (2 each) are withheld, and so is their mean of all
    // ratings, since all minus others would give the two people's ratings.
    let p = perceptions::analyse(&five(), &conditions(), 3).unwrap();
    let a = p.discipline(A).unwrap();
    assert_eq!((a.say.self_mean, a.say.perceived_mean), (None, None));
    assert!(close(a.say.others_mean, 4.0));
    let c = p.discipline(C).unwrap();
    assert!(
        close(c.say.perceived_mean, 1.8),
        "no own ratings to give away"
    );
    // Minimum 4: B's 3 ratings by others are withheld too, so B is not ranked.
    let p = perceptions::analyse(&five(), &conditions(), 4).unwrap();
    let b = p.discipline(B).unwrap();
    assert_eq!((b.say.others_mean, b.perceived_rank), (None, None));
    // A's others are 3 too: only C (5 ratings by others) is ranked.
    assert_eq!(p.ranked, 1);
}

#[test]
fn the_spearman_correlation_needs_four_ranked_disciplines() {
    let mut team = five();
    library::discipline_named(&mut team, "Delta");
    let d = team.disciplines[3].id;
    let rate = |v| Rating {
        discipline: d,
        say: Some(v),
        valued: None,
    };
    for (r, v) in team.perceptions[0]
        .responses
        .iter_mut()
        .zip([1, 1, 2, 1, 1])
    {
        if let Answers::Ratings(x) = &mut r.answers {
            x.push(rate(v));
        }
    }
    let mut cond = conditions();
    cond.insert(d, Some(0.1));
    let p = perceptions::analyse(&team, &cond, 2).unwrap();
    // Seen (others' mean): A 4.0, B 2.67, C 1.8, Delta 1.2; conditions: B .9, C .5, A .2,
    // Delta .1. Ranks seen 1,2,3,4 against conditions 3,1,2,4: d² = 4+1+1+0 = 6,
    // ρ = 1 − 6·6 / (4·15) = 0.4.
    assert!(
        close(p.spearman_conditions_vs_perceived, 0.4),
        "{:?}",
        p.spearman_conditions_vs_perceived
    );
}

#[test]
fn bradley_terry_on_a_chain_of_three_derived_by_hand() {
    // Alpha beat Beta 3 times, Beta beat Gamma 3 times; Alpha and Gamma never met.
    // With half a win added to each side of each pair met: Alpha–Beta 4 games, Alpha 3.5
    // wins; Beta–Gamma 4 games, Beta 3.5 wins. The maximum-likelihood strengths solve
    //   Alpha: 3.5 = 4·pA/(pA + pB)  →  pA = 7·pB
    //   Gamma: 0.5 = 4·pC/(pB + pC)  →  pB = 7·pC
    //   (Beta: 0.5 + 3.5 = 4·(1/8) + 4·(7/8) = 4 holds.)
    // Geometric mean 1: pA·pB·pC = 343·pC³ = 1, so pC = 1/7, pB = 1, pA = 7:
    // log strengths ln 7, 0, −ln 7 (±1.9459).
    let wins = BTreeMap::from([(A, 3.0), (B, 3.0)]);
    let pairs = BTreeMap::from([((A, B), 3.0), ((B, C), 3.0)]);
    let s = bradley_terry(&wins, &pairs);
    assert!((s[&A] - 7.0).abs() < 1e-6, "{s:?}");
    assert!((s[&B] - 1.0).abs() < 1e-6, "{s:?}");
    assert!((s[&C] - 1.0 / 7.0).abs() < 1e-6, "{s:?}");

    // Through the analysis: three respondents (the minimum) each chose once per pair.
    let mut team = team_abc();
    let choice = |higher, lower| Choice { higher, lower };
    team.perceptions = vec![round(
        (0..3)
            .map(|_| Response {
                rater: None,
                rater_family: None,
                side: None,
                feel_valued: None,
                answers: Answers::Pairwise(vec![choice(A, B), choice(B, C)]),
            })
            .collect(),
    )];
    let p = perceptions::analyse(&team, &conditions(), 3).unwrap();
    let ln7 = 7.0_f64.ln();
    assert!((p.discipline(A).unwrap().bt_log_strength.unwrap() - ln7).abs() < 1e-6);
    assert!((p.discipline(C).unwrap().bt_log_strength.unwrap() + ln7).abs() < 1e-6);
    assert_eq!(p.discipline(B).unwrap().comparisons, 6);
    assert_eq!(p.discipline(A).unwrap().comparisons, 3);
    // Two respondents are fewer than the minimum: no strengths.
    team.perceptions[0].responses.pop();
    let p = perceptions::analyse(&team, &conditions(), 3).unwrap();
    assert_eq!(p.discipline(A).unwrap().bt_log_strength, None);
}

#[test]
fn feeling_valued_is_shown_by_discipline_only_for_enough_respondents() {
    let feel = |rater, v| Response {
        rater,
        rater_family: None,
        side: None,
        feel_valued: Some(v),
        answers: Answers::Ratings(Vec::new()),
    };
    let mut team = team_abc();
    // A: 4, 4, 5 → 13/3. B: 2, 3 and one "prefer not to say": 1 → pooled, 6/3 = 2.
    team.perceptions = vec![round(vec![
        feel(Some(A), 4),
        feel(Some(A), 4),
        feel(Some(A), 5),
        feel(Some(B), 2),
        feel(Some(B), 3),
        feel(None, 1),
    ])];
    let p = perceptions::analyse(&team, &conditions(), 3).unwrap();
    assert_eq!(p.feel_valued.len(), 2);
    assert_eq!(
        (p.feel_valued[0].group.as_str(), p.feel_valued[0].n),
        ("Alpha", 3)
    );
    assert!(close(p.feel_valued[0].mean, 13.0 / 3.0));
    assert_eq!(
        (p.feel_valued[1].group.as_str(), p.feel_valued[1].n),
        (OTHER_RATERS, 3)
    );
    assert!(close(p.feel_valued[1].mean, 2.0));
    assert_eq!(p.discipline(B).unwrap().feel_valued_mean, None);
    // A pool of one would follow from the others: it takes in the smallest group shown.
    team.perceptions[0].responses.push(feel(Some(B), 4));
    team.perceptions[0]
        .responses
        .retain(|r| r.rater.is_some() || r.feel_valued != Some(1));
    team.perceptions[0].responses.push(feel(Some(C), 1));
    let p = perceptions::analyse(&team, &conditions(), 3).unwrap();
    let groups: Vec<(&str, usize)> = p
        .feel_valued
        .iter()
        .map(|g| (g.group.as_str(), g.n))
        .collect();
    assert_eq!(groups, vec![("Beta", 3), (OTHER_RATERS, 4)]);
}

/// The heat map of `five()` at minimum 2. A and B have 2 respondents each and one answered
/// as "prefer not to say": a pool of 1 is too small, so it takes in the first smallest
/// group, A. Rows: B (2), Other (A's two and the one, 3). Own ratings left out:
///
/// | rater | A         | B              | C              |
/// |-------|-----------|----------------|----------------|
/// | B     | [4,3] 3.5 | (own, none)    | [2,3] 2.5      |
/// | Other | [5] n = 1 | [3,3,2] 8/3    | [2,1,1] 4/3    |
///
/// Column A: the one rating is withheld, and so is B's 3.5, or A's others mean (4.0 from
/// 3 ratings) less B's two would give it: 12 − 7 = 5. Column C adds up: 5 + 4 = 9 = 5 × 1.8.
#[test]
fn the_heat_map_pools_small_rater_groups_and_withholds_what_a_column_total_gives_away() {
    let p = perceptions::analyse(&five(), &conditions(), 2).unwrap();
    let h = &p.say_by_rater;
    let rows: Vec<(&str, usize)> = h
        .raters
        .iter()
        .map(|g| (g.name.as_str(), g.respondents))
        .collect();
    assert_eq!(rows, vec![("Beta", 2), (OTHER_RATERS, 3)]);
    let cols: Vec<DisciplineId> = h.rated.iter().map(|(d, _)| *d).collect();
    assert_eq!(cols, vec![A, B, C]);
    let n: Vec<Vec<usize>> = h
        .cells
        .iter()
        .map(|r| r.iter().map(|c| c.n).collect())
        .collect();
    assert_eq!(n, vec![vec![2, 0, 2], vec![1, 3, 3]]);
    assert_eq!((h.cells[0][0].mean, h.cells[1][0].mean), (None, None));
    assert_eq!(h.cells[0][1].mean, None, "own ratings are left out");
    assert!(close(h.cells[1][1].mean, 8.0 / 3.0));
    assert!(close(h.cells[0][2].mean, 2.5) && close(h.cells[1][2].mean, 4.0 / 3.0));
}

#[test]
fn with_names_hidden_a_small_discipline_is_neither_shown_as_rated_nor_as_a_rater_group() {
    // Gamma hidden (say it has one member): its ratings still count, nothing of its own shows.
    let hidden = std::collections::BTreeSet::from([C]);
    let p = perceptions::analyse_hiding(&five(), &conditions(), 2, &hidden).unwrap();
    let c = p.discipline(C).unwrap();
    assert_eq!(c.say.raters, 5);
    assert_eq!(
        (c.say.others_mean, c.say.perceived_mean, c.perceived_rank),
        (None, None, None)
    );
    assert!(p.say_by_rater.rated.iter().all(|(d, _)| *d != C));
    // A is still seen 1st of the two ranked, B 2nd.
    assert_eq!(p.discipline(A).unwrap().perceived_rank, Some(1.0));
    // B hidden instead: its two respondents join the one, and a pool of 3 needs no more.
    let hidden = std::collections::BTreeSet::from([B]);
    let p = perceptions::analyse_hiding(&five(), &conditions(), 2, &hidden).unwrap();
    let rows: Vec<&str> = p
        .say_by_rater
        .raters
        .iter()
        .map(|g| g.name.as_str())
        .collect();
    assert_eq!(rows, vec!["Alpha", OTHER_RATERS]);
}

#[test]
fn a_ratings_sheet_imports_as_forms_export_it() {
    let team = team_abc();
    // A byte-order mark, semicolons, odd spacing and case in the headers.
    let sheet = "\u{feff}Rater discipline;Feel-valued; Say : alpha ;say: Beta;VALUED: gamma\n\
                 Alpha;4;5;3;2\n\
                 prefer not to say;;4 – a lot;;1\n\
                 ;;;;\n";
    let (round, layout) = perceptions_csv::import(&team, sheet, "Away day", "2026-11-27").unwrap();
    assert_eq!(layout, SheetLayout::Ratings);
    assert_eq!(round.responses.len(), 2, "the blank row is skipped");
    let first = &round.responses[0];
    assert_eq!((first.rater, first.feel_valued), (Some(A), Some(4)));
    let Answers::Ratings(r) = &first.answers else {
        panic!("ratings")
    };
    assert_eq!(
        r,
        &vec![
            Rating {
                discipline: A,
                say: Some(5),
                valued: None
            },
            Rating {
                discipline: B,
                say: Some(3),
                valued: None
            },
            Rating {
                discipline: C,
                say: None,
                valued: Some(2)
            },
        ]
    );
    assert_eq!(round.responses[1].rater, None);
}

#[test]
fn a_pairwise_sheet_groups_choices_by_respondent_and_keeps_no_respondent_code() {
    let team = team_abc();
    let sheet = "respondent,rater_discipline,higher,lower\n7,Alpha,Alpha,Beta\n7,Alpha,Gamma,Beta\n8,,beta,gamma\n";
    let (round, layout) = perceptions_csv::import(&team, sheet, "Pairs", "2026-11-27").unwrap();
    assert_eq!(layout, SheetLayout::Pairwise);
    assert_eq!(round.responses.len(), 2);
    assert_eq!(
        round.responses[0].answers,
        Answers::Pairwise(vec![
            Choice {
                higher: A,
                lower: B
            },
            Choice {
                higher: C,
                lower: B
            }
        ])
    );
    assert_eq!(round.responses[1].rater, None);
    let saved = teamscape::model::io::to_ron(&{
        let mut t = team.clone();
        t.perceptions.push(round);
        t
    })
    .unwrap();
    assert!(
        !saved.contains("respondent"),
        "the grouping code is not stored"
    );
}

#[test]
fn a_bad_sheet_names_every_bad_cell_and_imports_nothing() {
    let team = team_abc();
    let err = perceptions_csv::import(
        &team,
        "rater_discipline,feel_valued,say: Alpha,say: Omega\nAlpha,6,3,\nNursing,2,9,\n",
        "x",
        "2026-11-27",
    )
    .unwrap_err();
    let text: Vec<String> = err.rows.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 1, "{text:?}");
    assert!(
        text[0].starts_with(
            "line 1, column “say: Omega”: “Omega” is not one of the team's disciplines"
        ),
        "{text:?}"
    );

    let err = perceptions_csv::import(
        &team,
        "rater_discipline,feel_valued,say: Alpha\nAlpha,6,3\nNursing,2,9\n",
        "x",
        "2026-11-27",
    )
    .unwrap_err();
    let text: Vec<String> = err.rows.iter().map(ToString::to_string).collect();
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(text[0].starts_with("line 2, column “feel_valued”: “6” is not an answer from 1 to 5"));
    assert!(text[1].starts_with("line 3, column “rater_discipline”: “Nursing” is not one of"));
    assert!(text[2].starts_with("line 3, column “say: Alpha”: “9” is not an answer"));

    let err = perceptions_csv::import(
        &team,
        "respondent,rater_discipline,higher,lower\n1,Alpha,Beta,beta\n",
        "x",
        "2026-11-27",
    )
    .unwrap_err();
    assert!(err.rows[0]
        .to_string()
        .starts_with("line 2, column “lower”: higher and lower are the same discipline"));
}

#[test]
fn deleting_a_discipline_moves_its_responses_with_its_members() {
    let mut team = five();
    let mut r = team.perceptions[0].responses[0].clone();
    r.merge_discipline(A, Some(B));
    assert_eq!(r.rater, Some(B));
    // The response rated B already: its rating of A goes rather than count twice.
    let Answers::Ratings(x) = &r.answers else {
        panic!()
    };
    assert_eq!(
        x.iter().map(|x| x.discipline).collect::<Vec<_>>(),
        vec![B, C]
    );
    for r in &mut team.perceptions[0].responses {
        r.merge_discipline(C, None);
    }
    assert!(team.perceptions[0]
        .responses
        .iter()
        .all(|r| r.disciplines().all(|d| d != C)));
}

#[test]
fn the_report_carries_the_perceptions_contract() {
    let team = five();
    let a = teamscape::analysis::analyse(&team);
    let v: serde_json::Value = serde_json::from_str(&teamscape::analysis::report::render(
        &a,
        teamscape::analysis::report::Format::Json,
    ))
    .unwrap();
    let p = &v["perceptions"];
    assert_eq!(p["rounds"], 1);
    assert_eq!(p["respondents"], 5);
    let alpha = &p["disciplines"][0];
    assert_eq!(alpha["name"], "Alpha");
    for key in ["raters", "perceived_mean", "self_mean", "others_mean"] {
        assert!(alpha["say"].get(key).is_some(), "say.{key}");
        assert!(alpha["valued"].get(key).is_some(), "valued.{key}");
    }
    for key in [
        "perceived_rank",
        "conditions_rank",
        "rank_gap",
        "bt_log_strength",
        "comparisons",
        "feel_valued_mean",
        "feel_valued_n",
    ] {
        assert!(alpha.get(key).is_some(), "{key}");
    }
    assert!(p.get("spearman_conditions_vs_perceived").is_some());
    // The team's minimum is 3: A's two own ratings are withheld.
    assert!(alpha["say"]["self_mean"].is_null());
    assert_eq!(alpha["say"]["others_mean"], 4.0);
    // A team without responses: null.
    let none = teamscape::analysis::report::render(
        &teamscape::analysis::analyse(&team_abc()),
        teamscape::analysis::report::Format::Json,
    );
    let v: serde_json::Value = serde_json::from_str(&none).unwrap();
    assert!(v["perceptions"].is_null());
}

#[test]
fn two_samples_carry_a_round_that_the_charts_can_rank() {
    for name in ["camhs", "youth"] {
        let team = common::sample(name);
        let classic = team.perceptions.iter().filter(|r| r.instrument.is_none());
        assert_eq!(classic.count(), 1, "{name}");
        let a = teamscape::analysis::analyse(&team);
        let p = a.perceptions.unwrap();
        assert!(
            (12..=20).contains(&p.respondents),
            "{name}: {}",
            p.respondents
        );
        assert!(p.ranked >= 4, "{name}: {} ranked", p.ranked);
    }
}

#[test]
fn a_ratings_workbook_imports_and_names_a_bad_answer_by_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.xlsx");
    let write = |bad: bool| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet().set_name("Form responses").unwrap();
        for (c, h) in [
            "Timestamp",
            "rater_discipline",
            "feel_valued",
            "say: Alpha",
            "valued: Beta",
        ]
        .iter()
        .enumerate()
        {
            s.write_string(0, c as u16, *h).unwrap();
        }
        s.write_string(1, 0, "2026-11-27 10:02").unwrap();
        s.write_string(1, 1, "Alpha").unwrap();
        s.write_number(1, 2, 4).unwrap();
        s.write_number(1, 3, 5).unwrap();
        s.write_number(1, 4, 2).unwrap();
        s.write_string(2, 1, "Beta").unwrap();
        if bad {
            s.write_number(2, 3, 7).unwrap();
        } else {
            s.write_number(2, 3, 3).unwrap();
        }
        book.save(&path).unwrap();
    };
    let team = team_abc();
    let read = |team: &Team| {
        let (sheet, _) = teamscape::model::io::read_sheet(
            &path,
            None,
            teamscape::model::workbook::is_responses_header,
            "a rater_discipline column",
        )
        .unwrap();
        perceptions_csv::import_sheet(team, &sheet, "Form", "2026-11-27")
    };
    write(false);
    let (round, layout) = read(&team).unwrap();
    assert_eq!(layout, SheetLayout::Ratings);
    assert_eq!(round.responses.len(), 2);
    assert_eq!(
        (round.responses[0].rater, round.responses[0].feel_valued),
        (Some(A), Some(4))
    );
    write(true);
    let err = read(&team).unwrap_err().into_file_error("responses.xlsx");
    // Column D, row 3: the second respondent's say for Alpha.
    assert!(
        err.message.contains("'Form responses'!D3 (“say: Alpha”)"),
        "{}",
        err.message
    );
}

/// A file written before rounds were protected may keep an unprotected round in a snapshot
/// too: opening it protects that round by the snapshot's own disciplines, so the one
/// clinical psychologist of the youth offending team is not left readable there either.
#[test]
fn opening_a_file_protects_the_rounds_its_snapshots_keep() {
    let mut team = common::sample("youth");
    let psychology = team
        .disciplines
        .iter()
        .find(|d| d.name == "Clinical psychology")
        .unwrap()
        .id;
    let youth_justice = team
        .disciplines
        .iter()
        .find(|d| d.name == "Youth justice")
        .unwrap()
        .id;
    let rated = |rater| Response {
        rater: Some(rater),
        rater_family: None,
        side: None,
        feel_valued: Some(3),
        answers: Answers::Ratings(vec![Rating {
            discipline: youth_justice,
            say: Some(4),
            valued: None,
        }]),
    };
    let mut then = team.clone();
    then.snapshots.clear();
    then.perceptions = vec![round(vec![rated(psychology), rated(youth_justice)])];
    team.snapshots = vec![teamscape::model::Snapshot {
        label: "Before".to_owned(),
        taken: "2026-01-10".to_owned(),
        team: std::sync::Arc::new(then),
        involvement: None,
        involvement_note: String::new(),
    }];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    std::fs::write(&path, teamscape::model::io::to_ron(&team).unwrap()).unwrap();

    let loaded = teamscape::model::io::load(&path, None).unwrap();
    assert_eq!(loaded.notices.len(), 1, "{:?}", loaded.notices);
    let kept = &loaded.team.snapshots[0].team.perceptions[0];
    assert!(kept.protected);
    let raters: Vec<Option<DisciplineId>> = kept.responses.iter().map(|r| r.rater).collect();
    assert!(!raters.contains(&Some(psychology)), "{raters:?}");
    // Youth justice has six members: its rater stays.
    assert!(raters.contains(&Some(youth_justice)), "{raters:?}");
}

/// A side of the core is stored only where the team has enough people on it, and a rater's
/// profession only where enough of its members work on the side they gave. In the youth
/// offending team (minimum 3) youth justice has 6 members, all in the core; the periphery is
/// 4: one psychologist and three in nursing and therapies (speech and language, mental
/// health nursing, substance misuse), one of each.
/// - youth justice, core: kept as it is;
/// - youth justice, periphery: no youth justice worker is on the periphery, nor anyone in
///   justice, so no profession is kept, the side is;
/// - mental health nursing, periphery: a profession of one, but nursing and therapies has 3
///   on the periphery, so the family is kept;
/// - clinical psychology, periphery: medicine and psychology has 1 member, so nothing.
#[test]
fn a_side_is_kept_only_with_what_cannot_single_anyone_out() {
    use teamscape::model::{Family, Side};
    let team = common::sample("youth");
    let id = |name: &str| team.disciplines.iter().find(|d| d.name == name).unwrap().id;
    let (yj, mhn, psych) = (
        id("Youth justice"),
        id("Mental health nursing"),
        id("Clinical psychology"),
    );
    let response = |rater, side, v| Response {
        rater: Some(rater),
        rater_family: None,
        side: Some(side),
        feel_valued: Some(v),
        answers: Answers::Ratings(Vec::new()),
    };
    let mut r = round(vec![
        response(yj, Side::Core, 1),
        response(yj, Side::Peripheral, 2),
        response(mhn, Side::Peripheral, 3),
        response(psych, Side::Peripheral, 4),
    ]);
    assert!(teamscape::model::perceptions::protect(&mut r, &team));
    let by = |v| {
        let x = r
            .responses
            .iter()
            .find(|x| x.feel_valued == Some(v))
            .unwrap();
        (x.rater, x.rater_family, x.side)
    };
    assert_eq!(by(1), (Some(yj), None, Some(Side::Core)));
    assert_eq!(by(2), (None, None, Some(Side::Peripheral)));
    assert_eq!(
        by(3),
        (None, Some(Family::NursingTherapies), Some(Side::Peripheral))
    );
    assert_eq!(by(4), (None, None, Some(Side::Peripheral)));
}

/// Rounds are not pooled: with an earlier round in which two B raters gave everyone 1, the
/// figures are still those of the latest round worked above (A as others see it, 4.0), and
/// each round is measured on its own as the short form: B's say for A is [1, 1] → 1.0 before
/// and [4, 3] → 3.5 now.
#[test]
fn rounds_are_measured_apart_not_pooled() {
    let mut team = five();
    let mut before = round(vec![says(Some(B), 1, 1, 1), says(Some(B), 1, 1, 1)]);
    before.label = "Before".to_owned();
    team.perceptions.insert(0, before);
    let p = perceptions::analyse(&team, &conditions(), 2).unwrap();
    assert_eq!(p.rounds, ["Test"]);
    assert_eq!(p.respondents, 5);
    assert!(close(p.discipline(A).unwrap().say.others_mean, 4.0));
    let rounds = teamscape::analysis::relational::analyse(&team);
    let labels: Vec<&str> = rounds.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Before", "Test"]);
    let b_on_a = |r: &teamscape::analysis::relational::RoundFigures| {
        let say = r.factors.iter().find(|f| f.factor == "say").unwrap();
        let c = say.cell("Beta", "Alpha").unwrap();
        (c.n, c.mean)
    };
    assert_eq!(b_on_a(&rounds[0]), (2, Some(1.0)));
    assert_eq!(b_on_a(&rounds[1]), (2, Some(3.5)));
}
