//! Workshop-safe mode, attacked. For every sample, everything the mode outputs — the JSON and
//! Markdown report, the slide captions and the handout — is read as someone in the room would
//! read it, knowing who belongs to which discipline, agency and side of the core, and the
//! attack tries to work out one member's pay, leave, training, autonomy or conditions index.
//!
//! The attack is written independently of `analysis::disclosure`: it works on members, not
//! cells, and tests each member's unit vector against the span of every sum the JSON reveals
//! (a mean times its headcount; a median of two, which is their mean), plus the team's own sum.

use crate::common;

use serde_json::Value;
use teamscape::analysis::{analyse_workshop_safe, report, slides};
use teamscape::model::families::{regrouping, GroupBy};
use teamscape::model::presentation::for_the_room;
use teamscape::model::{DisciplineId, SlideId, Team};

const SAMPLES: [&str; 5] = ["camhs", "child", "neuro", "special", "youth"];

/// Rank of a matrix by Gaussian elimination with partial pivoting.
fn rank(mut m: Vec<Vec<f64>>) -> usize {
    let cols = m.first().map_or(0, Vec::len);
    let mut r = 0;
    for c in 0..cols {
        let Some(p) = (r..m.len()).max_by(|a, b| m[*a][c].abs().total_cmp(&m[*b][c].abs())) else {
            break;
        };
        if m[p][c].abs() < 1e-9 {
            continue;
        }
        m.swap(r, p);
        for i in 0..m.len() {
            if i != r {
                let f = m[i][c] / m[r][c];
                let pivot = m[r].clone();
                for (x, y) in m[i].iter_mut().zip(&pivot) {
                    *x -= f * y;
                }
            }
        }
        r += 1;
        if r == m.len() {
            break;
        }
    }
    r
}

/// A member's figure by attribute, as the team holds it (the secret being attacked).
fn has(team: &Team, i: usize, attribute: &str) -> bool {
    let m = &team.members[i];
    match attribute {
        "salary" => team.fte_salary(m).is_some(),
        "leave" => m.leave_days.is_some(),
        "training" => m.training_days.is_some(),
        "budget" => m.training_budget.is_some(),
        "autonomy" => m.autonomy.is_some(),
        // Every member with any figure has a conditions index.
        _ => true,
    }
}

/// The team's disciplines a group the room sees by this name holds: a discipline of the
/// team, or a group the room's regrouping made of several.
fn disciplines_named(team: &Team, name: &str, by: GroupBy, min: usize) -> Vec<DisciplineId> {
    if let Some(d) = team.discipline_by_name(name) {
        return vec![d.id];
    }
    let r = regrouping(team, min, by);
    let group = r
        .groups
        .iter()
        .find(|g| g.name == name)
        .unwrap_or_else(|| panic!("the room sees a group “{name}” the attack cannot place"));
    r.map
        .iter()
        .filter(|(_, to)| **to == group.id)
        .map(|(from, _)| *from)
        .collect()
}

/// The sums the JSON reveals for one attribute, as member sets.
fn revealed_sets(team: &Team, json: &Value, attribute: &str, by: GroupBy) -> Vec<Vec<usize>> {
    let min = json["team"]["min_group_size"].as_u64().unwrap_or(1) as usize;
    let n = team.members.len();
    let members_where = |f: &dyn Fn(usize) -> bool| -> Vec<usize> {
        (0..n)
            .filter(|i| f(*i) && has(team, *i, attribute))
            .collect()
    };
    let keys: &[&str] = match attribute {
        "salary" => &["mean_salary", "median_salary"],
        "leave" => &["mean_leave_days"],
        "training" => &["mean_training_days"],
        "budget" => &["mean_training_budget"],
        "autonomy" => &["mean_autonomy"],
        _ => &["status_index"],
    };
    let mut sets = vec![members_where(&|_| true)];
    let shown = |entry: &Value| {
        keys.iter().any(|k| {
            let v = &entry[*k];
            // A median is a sum only for two people.
            !v.is_null() && (*k != "median_salary" || entry["headcount"] == 2)
        })
    };
    for d in json["disciplines"].as_array().unwrap() {
        if shown(d) {
            let ids = disciplines_named(team, d["name"].as_str().unwrap(), by, min);
            sets.push(members_where(&|i| {
                ids.contains(&team.members[i].discipline)
            }));
        }
    }
    // A family's figures: every member of the family, whatever the room calls their groups.
    for f in json["families"].as_array().unwrap() {
        if shown(f) {
            let name = f["name"].as_str().unwrap();
            sets.push(members_where(&|i| {
                team.discipline(team.members[i].discipline)
                    .is_some_and(|d| d.family.label() == name)
            }));
        }
    }
    let other = &json["other_disciplines"];
    if !other.is_null() && shown(other) {
        let withheld: Vec<_> = other["disciplines"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| disciplines_named(team, d.as_str().unwrap(), by, min))
            .collect();
        sets.push(members_where(&|i| {
            withheld.contains(&team.members[i].discipline)
        }));
    }
    for a in json["agencies"].as_array().unwrap() {
        if shown(a) {
            let name = a["name"].as_str().unwrap();
            let id = team.agency_by_name(name).map(|x| x.id);
            sets.push(members_where(&|i| Some(team.members[i].agency) == id));
        }
    }
    // The Lorenz curve's groups: sums of members taken in pay order, which the room may know
    // by seniority. (The chart joins as many groups of the minimum as fit, up to four.)
    if attribute == "salary" && json["hierarchy"]["lorenz_groups"].as_u64() != Some(0) {
        let mut paid: Vec<(f64, usize)> = (0..n)
            .filter_map(|i| team.fte_salary(&team.members[i]).map(|s| (s, i)))
            .collect();
        paid.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let groups = teamscape::analysis::lorenz_group_count(paid.len(), min);
        if groups >= 2 {
            for j in 1..=groups {
                let (from, to) = ((j - 1) * paid.len() / groups, j * paid.len() / groups);
                sets.push(paid[from..to].iter().map(|(_, i)| *i).collect());
            }
        }
    }
    let cp = &json["core_periphery"];
    for (side, core) in [("core", true), ("peripheral", false)] {
        let key = match attribute {
            "salary" => format!("{side}_mean_salary"),
            "leave" => format!("{side}_mean_leave_days"),
            "training" => format!("{side}_mean_training_days"),
            "autonomy" => format!("{side}_mean_autonomy"),
            _ => continue,
        };
        if !cp[&key].is_null() {
            sets.push(members_where(&|i| team.is_core(&team.members[i]) == core));
        }
    }
    sets
}

/// Members whose figure follows from the revealed sums: to an outsider (`insider` `None`),
/// or to the member `insider`, who knows their own figure too and subtracts it.
fn recoverable_by(
    team: &Team,
    json: &Value,
    attribute: &str,
    by: GroupBy,
    insider: Option<usize>,
) -> Vec<String> {
    let n = team.members.len();
    let mut rows: Vec<Vec<f64>> = revealed_sets(team, json, attribute, by)
        .into_iter()
        .map(|set| {
            let mut row = vec![0.0; n];
            for i in set {
                row[i] = 1.0;
            }
            row
        })
        .collect();
    if let Some(me) = insider {
        let mut own = vec![0.0; n];
        own[me] = 1.0;
        rows.push(own);
    }
    let base = rank(rows.clone());
    (0..n)
        .filter(|i| has(team, *i, attribute) && Some(*i) != insider)
        .filter(|i| {
            let mut with = rows.clone();
            let mut unit = vec![0.0; n];
            unit[*i] = 1.0;
            with.push(unit);
            rank(with) == base
        })
        .map(|i| format!("{} ({attribute})", team.members[i].job_title))
        .collect()
}

fn recoverable(team: &Team, json: &Value, attribute: &str) -> Vec<String> {
    recoverable_by(team, json, attribute, GroupBy::Discipline, None)
}

#[test]
fn nothing_workshop_safe_mode_outputs_gives_anyone_away() {
    for (sample, by) in SAMPLES
        .into_iter()
        .flat_map(|s| GroupBy::ALL.map(|by| (s, by)))
    {
        let team = common::sample(sample);
        let shown = for_the_room(&team, team.min_group_size, by);
        let safe = analyse_workshop_safe(&shown, team.min_group_size);
        let json: Value =
            serde_json::from_str(&report::render(&safe, report::Format::Json)).unwrap();
        // The room's team keeps members in order, so the attack can use the real team's
        // groups.
        assert_eq!(shown.members.len(), team.members.len());
        for attribute in ["salary", "leave", "training", "budget", "autonomy", "rank"] {
            let found = recoverable_by(&team, &json, attribute, by, None);
            assert!(found.is_empty(), "{sample} by {by:?}: recovered {found:?}");
            // A colleague in the room who knows their own figure and subtracts it.
            for me in 0..team.members.len() {
                let found = recoverable_by(&team, &json, attribute, by, Some(me));
                assert!(
                    found.is_empty(),
                    "{sample} by {by:?}: member {me} recovers {found:?}"
                );
            }
        }
        // No median: with names hidden it would be one person's pay (or two people's mean).
        assert!(json["team"]["median_salary"].is_null(), "{sample}");
        for list in ["disciplines", "agencies"] {
            for e in json[list].as_array().unwrap() {
                assert!(e["median_salary"].is_null(), "{sample}: {e}");
            }
        }
        assert!(json["other_disciplines"]["median_salary"].is_null());
        for k in ["core_median_salary", "peripheral_median_salary"] {
            assert!(json["core_periphery"][k].is_null(), "{sample}: {k}");
        }
        // No pay quartile places fewer than the minimum of one discipline.
        for q in json["quartiles"].as_array().unwrap() {
            for (name, count) in q["disciplines"].as_object().unwrap() {
                assert!(
                    count.as_u64().unwrap() >= 3,
                    "{sample}: {name} {count} in {q}"
                );
            }
        }
        // The conditions index is shown only with all four of its parts' figures, so it can
        // never give a withheld one away.
        for d in json["disciplines"].as_array().unwrap() {
            if !d["status_index"].is_null() {
                for k in [
                    "mean_salary",
                    "mean_leave_days",
                    "mean_training_days",
                    "mean_autonomy",
                ] {
                    let name = d["name"].as_str().unwrap();
                    let has_values = team
                        .discipline_by_name(name)
                        .map(|x| team.members.iter().filter(|m| m.discipline == x.id))
                        .is_some_and(|mut m| match k {
                            "mean_leave_days" => m.any(|m| m.leave_days.is_some()),
                            _ => true,
                        });
                    if has_values {
                        assert!(
                            !d[k].is_null(),
                            "{sample}: {name} shows its index but not {k}"
                        );
                    }
                }
            }
        }
        // Suppressed groups keep only their name and headcount.
        for list in ["disciplines", "agencies"] {
            for entry in json[list].as_array().unwrap() {
                let small = entry["headcount"].as_u64().unwrap() < 3;
                if small && entry["headcount"] != 0 {
                    assert_eq!(entry["suppressed"], true, "{sample}: {entry}");
                }
                if entry["suppressed"] == true {
                    for (k, v) in entry.as_object().unwrap() {
                        if ![
                            "name",
                            "headcount",
                            "suppressed",
                            "professional_model",
                            "professional_models",
                            "support_role",
                            "family",
                        ]
                        .contains(&k.as_str())
                        {
                            assert!(v.is_null(), "{sample}: {k} of {entry}");
                        }
                    }
                }
            }
        }
        // Every text the room sees: findings, captions with their questions, the handout and
        // the Markdown report. None names a withheld group, and every pound figure in them is
        // one the JSON shows (so the attack above covers it).
        // The groups under the minimum: `suppressed` in the JSON. (A larger group whose every
        // figure was withheld may still be named, for what is known in the room: its size,
        // its share of the time.)
        let withheld: Vec<String> = ["disciplines", "agencies"]
            .iter()
            .flat_map(|list| json[*list].as_array().unwrap().iter())
            .filter(|e| e["suppressed"] == true)
            .map(|e| e["name"].as_str().unwrap().to_owned())
            .collect();
        assert!(
            !withheld.is_empty(),
            "{sample}: every sample has small groups"
        );
        let captions: Vec<String> = slides::captions(&SlideId::all(), &safe)
            .into_iter()
            .flatten()
            .map(|c| c.text)
            .collect();
        for text in safe.findings.iter().map(|f| &f.text).chain(&captions) {
            for name in &withheld {
                assert!(
                    !text.contains(name.as_str()),
                    "{sample}: {name} named in {text}"
                );
            }
        }
        let mut money_shown: Vec<String> = Vec::new();
        let mut collect = |v: &Value| {
            if let Some(x) = v.as_f64() {
                money_shown.push(teamscape::format::money(x));
            }
        };
        collect(&json["team"]["median_salary"]);
        collect(&json["team"]["mean_salary"]);
        collect(&json["other_disciplines"]["median_salary"]);
        collect(&json["other_disciplines"]["mean_salary"]);
        for list in ["disciplines", "agencies", "families"] {
            for e in json[list].as_array().unwrap() {
                collect(&e["median_salary"]);
                collect(&e["mean_salary"]);
            }
        }
        for k in [
            "core_median_salary",
            "peripheral_median_salary",
            "core_mean_salary",
            "peripheral_mean_salary",
        ] {
            collect(&json["core_periphery"][k]);
        }
        let handout = slides::handout(&shown, &safe, &SlideId::all(), "27 November 2026");
        let markdown = report::render(&safe, report::Format::Markdown);
        for text in [handout.as_str(), markdown.as_str()]
            .into_iter()
            .chain(captions.iter().map(String::as_str))
        {
            for (at, _) in text.match_indices('£') {
                let figure: String = text[at..]
                    .chars()
                    .take_while(|c| *c == '£' || c.is_ascii_digit() || *c == ',')
                    .collect();
                let figure = figure.trim_end_matches(',');
                // "£" in a heading or sentence with no figure after it is not a figure.
                if figure.len() > 1 {
                    assert!(
                        money_shown.iter().any(|m| m == figure),
                        "{sample}: {figure} is not a figure the JSON shows"
                    );
                }
            }
        }
        // No member's name reaches the room.
        for m in &team.members {
            assert!(!handout.contains(&m.name), "{sample}: {}", m.name);
        }
    }
}

/// Two exports that withheld different figures, set side by side, would give away what each
/// protects alone: what is withheld must depend on the team and nothing else. (Each analysis
/// here runs with fresh hash keys, which once chose the order of the disclosure check's cells
/// and with it which side of the core showed its leave.)
#[test]
fn the_same_team_always_withholds_the_same_figures() {
    for (sample, by) in SAMPLES
        .into_iter()
        .flat_map(|s| GroupBy::ALL.map(|by| (s, by)))
    {
        let team = common::sample(sample);
        let shown = for_the_room(&team, team.min_group_size, by);
        let first = report::render(
            &analyse_workshop_safe(&shown, team.min_group_size),
            report::Format::Json,
        );
        for _ in 0..8 {
            let again = report::render(
                &analyse_workshop_safe(&shown, team.min_group_size),
                report::Format::Json,
            );
            assert!(
                first == again,
                "{sample} by {by:?}: two runs withheld differently"
            );
        }
    }
}

#[test]
fn the_attack_finds_what_the_manager_report_gives_away() {
    // The same attack on the manager's own report (everything shown) finds people: so the
    // test above passes because the mode withholds, not because the attack is blind.
    let team = common::sample("youth");
    let full = teamscape::analysis::analyse(&team);
    let json: Value = serde_json::from_str(&report::render(&full, report::Format::Json)).unwrap();
    let found = recoverable(&team, &json, "leave");
    assert!(
        found.iter().any(|f| f.starts_with("Clinical psychologist")) || found.len() > 5,
        "{found:?}"
    );
    // And the insider's attack is sharper than the outsider's: in a pair shown as a group,
    // each learns the other's figure.
    let mut pair = common::sample("youth");
    let social = pair.discipline_by_name("Social work").unwrap().id;
    let keep: Vec<_> = pair
        .members
        .iter()
        .filter(|m| m.discipline == social)
        .map(|m| m.id)
        .take(2)
        .collect();
    pair.members.retain(|m| keep.contains(&m.id));
    let json: Value = serde_json::from_str(&report::render(
        &teamscape::analysis::analyse(&pair),
        report::Format::Json,
    ))
    .unwrap();
    assert!(
        recoverable(&pair, &json, "leave").is_empty(),
        "two alike to an outsider"
    );
    assert_eq!(
        recoverable_by(&pair, &json, "leave", GroupBy::Discipline, Some(0)).len(),
        1,
        "the one knows the other"
    );
}

/// The done-when of professional families: with names hidden, in every sample the people
/// whose full-time pay the room sees at discipline or family level (not "Other", not the
/// team) are at least 60 % of the team, and at least 75 % across the five; and every sample
/// keeps at least four findings.
#[test]
fn the_room_sees_most_people_at_discipline_or_family_level() {
    let (mut seen, mut everyone) = (0, 0);
    for sample in SAMPLES {
        let team = common::sample(sample);
        let min = team.min_group_size;
        let safe = analyse_workshop_safe(&for_the_room(&team, min, GroupBy::Discipline), min);
        let paid_shown: usize = safe
            .disciplines
            .iter()
            .filter(|d| d.figures.mean_salary.is_some())
            .map(|d| d.figures.headcount)
            .sum();
        let share = paid_shown as f64 / team.members.len() as f64;
        assert!(
            share >= 0.6,
            "{sample}: pay shown for {share:.2} of the team"
        );
        assert!(safe.findings.len() >= 4, "{sample}: {:?}", safe.findings);
        seen += paid_shown;
        everyone += team.members.len();
        // Families throughout: every group shown is a family (or a discipline too small to
        // make one, withheld), never a discipline shown apart from its family.
        let by_family = analyse_workshop_safe(&for_the_room(&team, min, GroupBy::Family), min);
        for d in by_family
            .disciplines
            .iter()
            .filter(|d| !d.figures.suppressed)
        {
            assert!(
                teamscape::model::Family::ALL
                    .iter()
                    .any(|f| f.label() == d.figures.name),
                "{sample}: {} by family",
                d.figures.name
            );
        }
    }
    let share = seen as f64 / everyone as f64;
    assert!(share >= 0.75, "across the samples: {share:.3}");
}

/// The CAMHS sample's consultants are on the edge: with names hidden, their pay lifts the
/// edge's *mean* far above the core's, while the medians barely differ. The room is not told
/// the edge is paid more.
#[test]
fn a_mean_one_salary_drives_is_not_a_finding() {
    let team = common::sample("camhs");
    let safe = analyse_workshop_safe(&for_the_room(&team, 3, GroupBy::Discipline), 3);
    assert!(
        !safe
            .all_findings()
            .any(|f| f.text.contains("paid more than the core")),
        "{:?}",
        safe.findings
    );
    // By hand: six core members paid 30,000 … 35,000 (median 32,500, mean 32,500), three on
    // the edge paid 31,000, 33,000 and 100,000 (median 33,000, mean 54,667). Means: the edge
    // 1.68 × the core, past the 1.15 threshold; medians: 33,000 / 32,500 = 1.015, under 5 %.
    let mut t = common::sample("youth");
    let template = t.members[0].clone();
    let pays = [30_000.0, 31_000.0, 32_000.0, 33_000.0, 34_000.0, 35_000.0];
    let edge = [31_000.0, 33_000.0, 100_000.0];
    t.members = pays
        .iter()
        .map(|p| (*p, 1.0))
        .chain(edge.iter().map(|p| (*p, 0.2)))
        .enumerate()
        .map(|(i, (pay, share))| {
            let mut m = template.clone();
            m.id = teamscape::model::MemberId(i as u32 + 1);
            m.pay = teamscape::model::Pay::Salary(pay);
            m.fte = 1.0;
            m.team_share = share;
            m.membership = teamscape::model::Membership::Automatic;
            m.line_manager = teamscape::model::LineManager::NoManager;
            m
        })
        .collect();
    let safe = analyse_workshop_safe(&t, 3);
    let cp = &safe.core_periphery;
    assert_eq!(cp.peripheral.mean_salary.map(f64::round), Some(54_667.0));
    assert_eq!(cp.core.mean_salary, Some(32_500.0));
    assert!(
        !safe
            .all_findings()
            .any(|f| f.kind == teamscape::analysis::findings::FindingKind::CorePeripheryPay),
        "{:?}",
        safe.findings
    );
    // The manager's view states medians, which do not differ by the 1.15 either.
    let full = teamscape::analysis::analyse(&t);
    assert!(!full.all_findings().any(|f| f.text.contains("paid more")));
    // With the consultant's pay on the edge's median too (two of three at 100,000), the
    // medians agree and the room is told.
    t.members[6].pay = teamscape::model::Pay::Salary(100_000.0);
    let safe = analyse_workshop_safe(&t, 3);
    assert!(
        safe.all_findings()
            .any(|f| f.text.contains("Peripheral members are paid more")),
        "{:?}",
        safe.findings
    );
}

/// Secondary suppression worked by hand. Discipline A has 4 members and B 1, both in agency X;
/// C has 3 in agency Y; everyone is core. With a minimum of 3:
/// - B (1) is withheld first: too small.
/// - X (A + B) less A would give B: X goes (agencies go first).
/// - The team less A less C would still give B: one more discipline must go, the smallest, C.
/// - B and C together (4) are shown as "Other disciplines": their sum is the team's less A's.
/// - Y is C exactly, so showing Y would give C's figures back: it goes too (agencies go
///   before disciplines). The core side is the whole team and keeps its figures.
#[test]
fn secondary_suppression_by_hand() {
    let mut team = common::sample("youth");
    let (x, y) = (team.agencies[0].id, team.agencies[1].id);
    let (da, db, dc) = (
        team.disciplines[0].id,
        team.disciplines[1].id,
        team.disciplines[2].id,
    );
    let template = team.members[0].clone();
    let plan = [
        (da, x),
        (da, x),
        (da, x),
        (da, x),
        (db, x),
        (dc, y),
        (dc, y),
        (dc, y),
    ];
    team.members = plan
        .iter()
        .enumerate()
        .map(|(i, (d, a))| {
            let mut m = template.clone();
            m.id = teamscape::model::MemberId(i as u32 + 1);
            m.discipline = *d;
            m.agency = *a;
            m.pay = teamscape::model::Pay::Salary(30_000.0 + 1_000.0 * i as f64);
            m.leave_days = Some(25.0 + i as f64);
            m.fte = 1.0;
            m.team_share = 1.0;
            m.membership = teamscape::model::Membership::Automatic;
            m.line_manager = teamscape::model::LineManager::NoManager;
            m
        })
        .collect();
    let safe = analyse_workshop_safe(&team, 3);
    let figures = |d| &safe.discipline(d).unwrap().figures;
    assert!(!figures(da).fully_withheld(), "A stays");
    assert!(figures(db).suppressed, "B is too small");
    assert!(
        !figures(dc).suppressed && figures(dc).fully_withheld(),
        "C goes for B's sake"
    );
    let agency = |id| &safe.agency(id).unwrap().figures;
    assert!(agency(x).fully_withheld() && agency(y).fully_withheld());
    // The core is everyone: it says no more than the team, so it keeps its figures.
    assert_eq!(
        safe.core_periphery.core.median_salary,
        safe.team_median_salary
    );
    let other = safe.other_disciplines.as_ref().unwrap();
    assert_eq!(other.headcount, 4);
    // Leave: members 5..8 (B, C) have 29, 30, 31, 32 → mean 30.5.
    assert_eq!(other.mean_leave_days, Some(30.5));
    // And the attack agrees: nobody is recoverable.
    let json: Value = serde_json::from_str(&report::render(&safe, report::Format::Json)).unwrap();
    for attribute in ["salary", "leave", "training", "budget", "autonomy", "rank"] {
        let found = recoverable(&team, &json, attribute);
        assert!(found.is_empty(), "{attribute}: {found:?}\n{json}");
    }
}
