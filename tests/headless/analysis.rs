#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_cmp,
    clippy::too_many_arguments,
    clippy::type_complexity
)]
//! The analysis on a small team whose every figure is worked out by hand below, the edge
//! cases, and the findings for each sample team.

use crate::common;

use teamscape::analysis::findings::FindingKind;
use teamscape::analysis::{analyse, report};
use teamscape::model::{
    AgencyId, Autonomy, Discipline, DisciplineId, Framework, Member, MemberId, Outcome, Pay,
    ProfessionalModel, Rgb, Sector, Team,
};

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

macro_rules! assert_close {
    ($a:expr, $b:expr) => {
        assert!(
            close($a, $b),
            "{} = {:?}, expected {}",
            stringify!($a),
            $a,
            $b
        )
    };
}

fn member(
    id: u32,
    d: u32,
    a: u32,
    salary: f64,
    fte: f64,
    share: f64,
    leave: f64,
    training: f64,
    autonomy: u8,
) -> Member {
    Member {
        fte,
        team_share: share,
        leave_days: Some(leave),
        training_days: Some(training),
        training_budget: Some(training * 100.0),
        autonomy: Autonomy::from_level(autonomy),
        ..Member::new(
            MemberId(id),
            &format!("M{id}"),
            DisciplineId(d),
            AgencyId(a),
            Pay::Salary(salary),
        )
    }
}

/// Psychiatry (D1, medical: healthy, safe), Early years (D2, educational: enjoy),
/// Social work (D3, social: safe, economic). NHS (A1), Council (A2).
///
/// | member | disc | agency | salary  | fte × share = team FTE | leave | training | autonomy |
/// | M1     | Psy  | NHS    | 120,000 | 1.0 × 0.2 = 0.2        | 32    | 10       | 5        |
/// | M2     | EY   | Council|  24,000 | 1.0 × 1.0 = 1.0        | 23    | 1        | 1        |
/// | M3     | EY   | Council|  26,000 | 0.5 × 1.0 = 0.5        | 23    | 1        | 2        |
/// | M4     | SW   | Council|  40,000 | 1.0 × 0.8 = 0.8        | 26    | 4        | 4        |
fn small_team() -> Team {
    let d = |id, name: &str, model, outcomes: Vec<Outcome>| Discipline {
        id: DisciplineId(id),
        name: name.into(),
        colour: Rgb(0, 0, 0),
        models: vec![model],
        outcomes,
        support_role: false,
        family: teamscape::model::library::default_family(name),
    };
    Team {
        name: "Small".into(),
        disciplines: vec![
            d(
                1,
                "Psychiatry",
                ProfessionalModel::Medical,
                vec![Outcome::BeHealthy, Outcome::StaySafe],
            ),
            d(
                2,
                "Early years",
                ProfessionalModel::Educational,
                vec![Outcome::EnjoyAndAchieve],
            ),
            d(
                3,
                "Social work",
                ProfessionalModel::Social,
                vec![Outcome::StaySafe, Outcome::AchieveEconomicWellBeing],
            ),
        ],
        agencies: vec![
            teamscape::model::Agency {
                id: AgencyId(1),
                name: "NHS".into(),
                sector: Sector::Health,
            },
            teamscape::model::Agency {
                id: AgencyId(2),
                name: "Council".into(),
                sector: Sector::LocalAuthority,
            },
        ],
        host_agency: Some(AgencyId(2)),
        members: vec![
            member(1, 1, 1, 120_000.0, 1.0, 0.2, 32.0, 10.0, 5),
            member(2, 2, 2, 24_000.0, 1.0, 1.0, 23.0, 1.0, 1),
            member(3, 2, 2, 26_000.0, 0.5, 1.0, 23.0, 1.0, 2),
            member(4, 3, 2, 40_000.0, 1.0, 0.8, 26.0, 4.0, 4),
        ],
        ..Team::default()
    }
}

#[test]
fn member_status_from_percentile_ranks() {
    let a = analyse(&small_team());
    // n = 4, so percentile = (rank − 1) / 3.
    // Salary ranks 4,1,2,3 → 1, 0, 1/3, 2/3. Leave 23,23 tie at rank 1.5 → 1/6; 26 → 2/3; 32 → 1.
    // Training the same pattern as leave. Autonomy 5,1,2,4 → 1, 0, 1/3, 2/3.
    let m = |id| a.member(MemberId(id)).unwrap();
    assert_close!(m(2).ranks.leave, 1.0 / 6.0);
    assert_close!(m(3).ranks.salary, 1.0 / 3.0);
    // M1 = 1; M2 = (0 + 1/6 + 1/6 + 0) / 4 = 1/12; M3 = (1/3 + 1/6 + 1/6 + 1/3) / 4 = 1/4;
    // M4 = (2/3 × 4) / 4 = 2/3.
    assert_close!(m(1).conditions_index, 1.0);
    assert_close!(m(2).conditions_index, 1.0 / 12.0);
    assert_close!(m(3).conditions_index, 0.25);
    assert_close!(m(4).conditions_index, 2.0 / 3.0);
    assert_close!(Some(m(1).team_fte), 0.2);
    assert!(!m(1).core && m(2).core && m(4).core);
    assert!(m(3).core, "team FTE 0.5 reaches the 0.5 threshold");
}

#[test]
fn discipline_figures_and_the_ladder() {
    let a = analyse(&small_team());
    let names: Vec<&str> = a
        .disciplines
        .iter()
        .map(|d| d.figures.name.as_str())
        .collect();
    // Psychiatry 1; Social work 2/3; Early years (1/12 + 1/4) / 2 = 1/6.
    assert_eq!(names, ["Psychiatry", "Social work", "Early years"]);
    let ey = &a.discipline(DisciplineId(2)).unwrap().figures;
    assert_close!(ey.conditions_index, 1.0 / 6.0);
    assert_eq!((ey.headcount, ey.core, ey.peripheral), (2, 2, 0));
    assert_close!(Some(ey.team_fte), 1.5);
    assert_close!(ey.median_salary, 25_000.0);
    assert_close!(ey.mean_salary, 25_000.0);
    // Team median (26k + 40k) / 2 = 33k; gap (33 − 25) / 33.
    assert_close!(a.team_median_salary, 33_000.0);
    assert_close!(ey.pay_gap, 8.0 / 33.0);
    assert_close!(
        a.discipline(DisciplineId(1)).unwrap().figures.pay_gap,
        (33.0 - 120.0) / 33.0
    );
    assert_close!(ey.mean_leave_days, 23.0);
    assert_close!(ey.mean_training_days, 1.0);
    assert_close!(ey.mean_training_budget, 100.0);
    assert_close!(ey.mean_autonomy, 1.5);
    // Status parts: salary (0 + 1/3) / 2 = 1/6.
    assert_close!(ey.conditions_parts.salary, 1.0 / 6.0);
}

#[test]
fn team_hierarchy_figures() {
    let a = analyse(&small_team());
    let h = &a.hierarchy;
    // |differences| over pairs i<j (thousands): 2 + 16 + 96 + 14 + 94 + 80 = 302, so the
    // double sum is 604; 2 n² mean = 2 × 16 × 52.5 = 1680.
    assert_close!(h.salary_gini, 604.0 / 1680.0);
    assert_close!(h.top_bottom_pay_ratio, 120.0 / 25.0);
    assert_eq!(h.best_paid_discipline, Some(DisciplineId(1)));
    assert_eq!(h.worst_paid_discipline, Some(DisciplineId(2)));
    assert_close!(h.leave_gap_days, 32.0 - 23.0);
    assert_close!(h.training_gap_days, 10.0 - 1.0);
    // With 4 people the most Gini can be is 3/4.
    assert_close!(h.salary_gini_max, 0.75);
    // Conditions ranks M1..M4: 4,1,2,3; team FTE ranks 1,4,2,3 → ρ would be −0.8, but four
    // people are too few to report it (any ordering of so few looks like a pattern).
    assert_eq!(h.conditions_coreness_spearman, None);
    assert_eq!(h.conditions_coreness_p_value, None);
    assert_eq!(h.spearman_n, 4);
}

#[test]
fn quartiles_composition_and_outcomes() {
    let a = analyse(&small_team());
    // Sorted by pay: M2 (k=0 → Q1), M3 (Q2), M4 (Q3), M1 (Q4).
    let q: Vec<(u8, usize, Vec<(DisciplineId, usize)>)> = a
        .quartiles
        .iter()
        .map(|q| (q.quartile, q.headcount, q.disciplines.clone()))
        .collect();
    assert_eq!(
        q,
        vec![
            (1, 1, vec![(DisciplineId(2), 1)]),
            (2, 1, vec![(DisciplineId(2), 1)]),
            (3, 1, vec![(DisciplineId(3), 1)]),
            (4, 1, vec![(DisciplineId(1), 1)]),
        ]
    );
    let c = &a.composition;
    // Disciplines 1, 2, 1 of 4: 1 − (1 + 4 + 1)/16 = 0.625. Agencies 1, 3: 1 − 10/16 = 0.375.
    assert_close!(c.discipline_blau, 0.625);
    assert_close!(c.agency_blau, 0.375);
    assert_eq!(c.dominant_agency, Some(AgencyId(2)));
    assert_close!(c.dominant_agency_share, 2.3 / 2.5);
    let model = |m| c.models.iter().find(|x| x.model == m).map(|x| x.team_fte);
    assert_close!(model(ProfessionalModel::Educational), 1.5);
    assert_close!(model(ProfessionalModel::Medical), 0.2);
    let cover = |o| a.outcomes.iter().find(|c| c.outcome == o).unwrap();
    assert_close!(Some(cover(Outcome::StaySafe).team_fte), 1.0);
    assert_eq!(cover(Outcome::StaySafe).headcount, 2);
    assert_eq!(
        a.untagged_outcomes,
        vec![Outcome::MakeAPositiveContribution]
    );
    assert_close!(Some(a.team_fte), 2.5);
}

#[test]
fn a_team_on_child_first_reads_its_own_tenets_and_keeps_the_others() {
    let mut team = small_team();
    team.framework = Framework::ChildFirst;
    // Psychiatry (0.2 FTE) "as children"; social work (0.8) "as children" and "diverting
    // from stigma"; early years keeps only its Every Child Matters tag.
    team.disciplines[0].outcomes.push(Outcome::AsChildren);
    team.disciplines[2]
        .outcomes
        .extend([Outcome::AsChildren, Outcome::DivertingFromStigma]);
    let a = analyse(&team);
    let covered: Vec<Outcome> = a.outcomes.iter().map(|c| c.outcome).collect();
    assert_eq!(covered, Framework::ChildFirst.outcomes());
    let cover = |o| a.outcomes.iter().find(|c| c.outcome == o).unwrap();
    // 0.2 + 0.8 = 1.0 FTE, two people in two disciplines.
    assert_close!(Some(cover(Outcome::AsChildren).team_fte), 1.0);
    assert_eq!(cover(Outcome::AsChildren).headcount, 2);
    assert_close!(Some(cover(Outcome::DivertingFromStigma).team_fte), 0.8);
    assert_eq!(
        a.untagged_outcomes,
        vec![
            Outcome::ProSocialIdentity,
            Outcome::CollaboratingWithChildren
        ]
    );
    let all: Vec<&str> = a.all_findings().map(|f| f.text.as_str()).collect();
    assert!(
        all.contains(&"No discipline is tagged with the Child First (since about 2019) tenet “collaborating with children”: how does each profession here contribute to it? (3 disciplines, n = 4)"),
        "{all:#?}"
    );
    // Back on Every Child Matters, the tags kept in the file give the same figures as before.
    team.framework = Framework::EveryChildMatters;
    let a = analyse(&team);
    assert_eq!(
        a.untagged_outcomes,
        vec![Outcome::MakeAPositiveContribution]
    );
    let md = report::render(&a, report::Format::Markdown);
    assert!(
        md.contains("## Every Child Matters (2003–2010): outcomes"),
        "{md}"
    );
    assert!(md.contains("Children Act 2004's well-being duty") || md.contains("section 10(2)"));
}

#[test]
fn core_against_periphery() {
    let a = analyse(&small_team());
    let cp = &a.core_periphery;
    assert_eq!((cp.core.headcount, cp.peripheral.headcount), (3, 1));
    assert_close!(cp.core.mean_salary, 30_000.0);
    assert_close!(cp.peripheral.mean_salary, 120_000.0);
    assert_close!(cp.core.mean_training_days, 2.0);
    assert_close!(cp.core.mean_autonomy, 7.0 / 3.0);
    assert_eq!(cp.mostly_peripheral, vec![DisciplineId(1)]);
}

#[test]
fn findings_on_the_small_team() {
    let a = analyse(&small_team());
    let texts: Vec<&str> = a.findings.iter().map(|f| f.text.as_str()).collect();
    assert!(texts.len() <= teamscape::analysis::findings::MAX_FINDINGS);
    // One psychiatrist: the sentence speaks of that person, not of psychiatry.
    assert!(texts.contains(&"Full-time pay for the one person in Psychiatry is 4.8 times the median in Early years (£120,000 against £25,000; n = 1 and 2)"), "{texts:#?}");
    // No correlation at n = 4.
    assert!(!texts.iter().any(|t| t.contains("ρ")), "{texts:#?}");
    let all: Vec<&str> = a.all_findings().map(|f| f.text.as_str()).collect();
    assert!(
        all.contains(&"No discipline is tagged with the Every Child Matters (2003–2010) outcome “make a positive contribution”: how does each profession here contribute to it? (3 disciplines, n = 4)"),
        "{texts:#?}"
    );
    // Ranked: strongest first.
    let strengths: Vec<f64> = a.findings.iter().map(|f| f.strength).collect();
    assert!(strengths.windows(2).all(|w| w[0] >= w[1]));
    let pay = a
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::PayRatio)
        .unwrap();
    assert_eq!(pay.disciplines, vec![DisciplineId(1), DisciplineId(2)]);
}

#[test]
fn explicit_membership_overrides_time_in_team() {
    let mut team = small_team();
    team.members[0].membership = teamscape::model::Membership::Core;
    team.members[1].membership = teamscape::model::Membership::Peripheral;
    let a = analyse(&team);
    assert!(a.member(MemberId(1)).unwrap().core);
    assert!(!a.member(MemberId(2)).unwrap().core);
}

// ---- edge cases: defined results, never NaN or a panic ----

fn no_nan(a: &teamscape::analysis::Analysis) {
    let json = report::render(a, report::Format::Json);
    assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
    serde_json::from_str::<serde_json::Value>(&json).unwrap();
    for f in [report::Format::Text, report::Format::Markdown] {
        let t = report::render(a, f);
        assert!(!t.contains("NaN") && !t.contains("inf"), "{t}");
    }
}

#[test]
fn empty_team() {
    let a = analyse(&Team::default());
    assert_eq!(a.headcount, 0);
    assert_eq!(a.team_median_salary, None);
    assert_eq!(a.hierarchy.salary_gini, None);
    assert_eq!(a.hierarchy.top_bottom_pay_ratio, None);
    assert_eq!(a.hierarchy.conditions_coreness_spearman, None);
    assert_eq!(a.composition.discipline_blau, None);
    assert_eq!(a.composition.dominant_agency_share, None);
    assert!(a.quartiles.iter().all(|q| q.headcount == 0));
    assert!(a.findings.is_empty());
    no_nan(&a);
    let json = report::render(&a, report::Format::Json);
    assert!(json.contains("\"salary_gini\": null"));
}

#[test]
fn one_member() {
    let mut team = small_team();
    team.members.truncate(1);
    let a = analyse(&team);
    // A single value has percentile rank 0.5 on every part.
    assert_close!(a.members[0].conditions_index, 0.5);
    assert_close!(a.hierarchy.salary_gini, 0.0);
    assert_eq!(a.hierarchy.conditions_coreness_spearman, None);
    assert_eq!(
        a.hierarchy.top_bottom_pay_ratio, None,
        "one discipline has pay"
    );
    assert_eq!(a.quartiles[0].headcount, 1);
    no_nan(&a);
}

#[test]
fn one_discipline_and_equal_salaries() {
    let mut team = small_team();
    for m in &mut team.members {
        m.discipline = DisciplineId(2);
        m.pay = Pay::Salary(30_000.0);
    }
    let a = analyse(&team);
    assert_close!(a.hierarchy.salary_gini, 0.0);
    assert_eq!(a.hierarchy.top_bottom_pay_ratio, None);
    assert_eq!(a.hierarchy.leave_gap_days, None);
    assert_close!(a.composition.discipline_blau, 0.0);
    // All equal: every salary rank is the average, 0.5.
    assert!(a.members.iter().all(|m| close(m.ranks.salary, 0.5)));
    assert_close!(a.discipline(DisciplineId(2)).unwrap().figures.pay_gap, 0.0);
    no_nan(&a);
}

#[test]
fn optional_data_missing() {
    let mut team = small_team();
    for m in &mut team.members {
        m.leave_days = None;
        m.training_days = None;
        m.training_budget = None;
        m.autonomy = None;
    }
    let a = analyse(&team);
    // Status is then salary alone: M2 0, M3 1/3, M4 2/3, M1 1.
    assert_close!(a.member(MemberId(3)).unwrap().conditions_index, 1.0 / 3.0);
    assert_eq!(a.hierarchy.leave_gap_days, None);
    assert_eq!(a.core_periphery.core.mean_training_days, None);
    assert_eq!(
        a.discipline(DisciplineId(1)).unwrap().figures.mean_autonomy,
        None
    );
    no_nan(&a);
}

#[test]
fn unknown_ids_in_an_invalid_team_do_not_panic() {
    let mut team = small_team();
    team.members[0].discipline = DisciplineId(99);
    team.members[1].agency = AgencyId(99);
    team.members[2].pay = Pay::Point {
        scale: teamscape::model::PayScaleId(9),
        point: "x".into(),
    };
    let a = analyse(&team);
    assert_eq!(a.headcount, 4);
    no_nan(&a);
}

#[test]
fn report_json_has_the_stable_keys() {
    let a = analyse(&common::sample("youth"));
    let v: serde_json::Value =
        serde_json::from_str(&report::render(&a, report::Format::Json)).unwrap();
    for key in ["name", "headcount", "team_fte"] {
        assert!(v["team"].get(key).is_some(), "team.{key}");
    }
    for key in [
        "name",
        "headcount",
        "team_fte",
        "median_salary",
        "mean_salary",
        "pay_gap",
        "mean_leave_days",
        "mean_training_days",
        "mean_autonomy",
        "status_index",
        "core",
        "peripheral",
        "pay_ratio_to_median",
        "support_role",
        "suppressed",
    ] {
        assert!(v["disciplines"][0].get(key).is_some(), "disciplines.{key}");
    }
    for key in [
        "name",
        "headcount",
        "team_fte",
        "share_of_team_fte",
        "median_salary",
    ] {
        assert!(v["agencies"][0].get(key).is_some(), "agencies.{key}");
    }
    for key in [
        "salary_gini",
        "top_bottom_pay_ratio",
        "leave_gap_days",
        "training_gap_days",
        "status_coreness_spearman",
        "status_coreness_p_value",
        "salary_gini_max",
    ] {
        assert!(v["hierarchy"].get(key).is_some(), "hierarchy.{key}");
    }
    for key in [
        "threshold",
        "core_headcount",
        "peripheral_headcount",
        "core_mean_salary",
        "peripheral_mean_salary",
        "core_median_salary",
        "peripheral_median_salary",
        "core_mean_training_days",
        "peripheral_mean_training_days",
    ] {
        assert!(
            v["core_periphery"].get(key).is_some(),
            "core_periphery.{key}"
        );
    }
    for key in [
        "discipline_blau",
        "agency_blau",
        "dominant_agency",
        "dominant_agency_share",
    ] {
        assert!(v["composition"].get(key).is_some(), "composition.{key}");
    }
    for key in [
        "declared",
        "co_located_share",
        "managed_in_team_share",
        "split_post_share",
    ] {
        assert!(v["integration"].get(key).is_some(), "integration.{key}");
    }
    // The manager's own report withholds nothing.
    assert!(v["team"]["min_group_size"].is_null());
    assert!(v["disciplines"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["suppressed"] == false));
    assert_eq!(v["quartiles"][0]["quartile"], 1);
    assert!(v["quartiles"][0]["disciplines"].is_object());
    // The youth justice sample works to Child First: four tenets, dated.
    assert_eq!(v["framework"], "Child First (since about 2019)");
    assert_eq!(v["outcomes"].as_array().unwrap().len(), 4);
    assert!(!v["findings"].as_array().unwrap().is_empty());
    // The ladder order, highest first.
    let status: Vec<f64> = v["disciplines"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["status_index"].as_f64())
        .collect();
    assert!(status.windows(2).all(|w| w[0] >= w[1]));
}

// ---- measures added for workshops that can trust their findings (worked by hand) ----

#[test]
fn medians_for_each_side_and_pay_against_the_median() {
    let a = analyse(&small_team());
    // Core: M2, M3, M4 (24k, 26k, 40k) → median 26,000. Peripheral: M1 alone, 120,000.
    assert_close!(a.core_periphery.core.median_salary, 26_000.0);
    assert_close!(a.core_periphery.peripheral.median_salary, 120_000.0);
    // Team median of 24, 26, 40, 120 (thousands) = (26 + 40) / 2 = 33,000. Early years'
    // median 25,000 over it: 25 / 33.
    assert_close!(a.team_median_salary, 33_000.0);
    let ey = &a.discipline(DisciplineId(2)).unwrap().figures;
    assert_close!(ey.pay_ratio_to_median, 25.0 / 33.0);
    // The old key, for older readers: (33 − 25) / 33.
    assert_close!(ey.pay_gap, 8.0 / 33.0);
}

#[test]
fn a_support_role_is_left_out_of_top_against_bottom_and_the_finding_says_so() {
    let mut team = small_team();
    team.disciplines[1].support_role = true; // Early years, for the sake of the sum
    let a = analyse(&team);
    let h = &a.hierarchy;
    // Professions left: Psychiatry 120,000 and Social work 40,000 → 3.0.
    assert_close!(h.top_bottom_pay_ratio, 3.0);
    assert_eq!(h.worst_paid_discipline, Some(DisciplineId(3)));
    assert_eq!(h.support_roles_left_out, vec![DisciplineId(2)]);
    // Leave 32 against 26; training 10 against 4.
    assert_close!(h.leave_gap_days, 6.0);
    assert_close!(h.training_gap_days, 6.0);
    let pay = a
        .all_findings()
        .find(|f| f.kind == FindingKind::PayRatio)
        .unwrap();
    assert_eq!(
        pay.text,
        "Full-time pay for the one person in Psychiatry is 3.0 times that of the one person in Social work (£120,000 against £40,000; n = 1 and 1; professions only: Early years left out as a support role)"
    );
}

#[test]
fn the_integration_profile_sets_the_declared_level_beside_the_evidence() {
    let mut team = small_team();
    team.integration = teamscape::model::Integration::Integration;
    team.members[0].co_located = false; // M1, the psychiatrist
    team.members[1].line_manager = teamscape::model::LineManager::Member(MemberId(4));
    team.members[2].line_manager = teamscape::model::LineManager::External {
        name: "Service manager".into(),
        agency: AgencyId(2),
    };
    let a = analyse(&team);
    let p = &a.integration;
    // Co-located 3 of 4; managed in the team 1, outside 1, none recorded 2 → 1 of 2 with a
    // manager; split posts M1 (share 0.2) and M4 (0.8) → 2 of 4.
    assert_close!(p.co_located_share(), 0.75);
    assert_eq!(
        (p.managed_in_team, p.managed_outside, p.no_manager),
        (1, 1, 2)
    );
    assert_close!(p.managed_in_team_share(), 0.5);
    assert_close!(p.split_post_share(), 0.5);
    assert_eq!(p.agencies, 2);
    let all: Vec<&str> = a.all_findings().map(|f| f.text.as_str()).collect();
    assert!(
        all.contains(&"Declared one team under unitary management, but 1 of 4 members is line-managed outside it, and 1 of 4 is not co-located"),
        "{all:#?}"
    );
    // Declared as loose collaboration while everyone is together and managed inside: said too.
    let mut team = small_team();
    team.integration = teamscape::model::Integration::Collaboration;
    let a = analyse(&team);
    assert!(a.all_findings().any(|f| f
        .text
        .starts_with("Declared as collaboration, yet all 4 members are co-located")));
}

#[test]
fn models_can_overlap_and_medical_without_social_is_asked_about() {
    let mut team = small_team();
    // Psychiatry holds medical and therapeutic; social work becomes therapeutic only.
    team.disciplines[0].models = vec![ProfessionalModel::Medical, ProfessionalModel::Therapeutic];
    team.disciplines[2].models = vec![ProfessionalModel::Therapeutic];
    let a = analyse(&team);
    let model = |m| a.composition.models.iter().find(|x| x.model == m).unwrap();
    // Therapeutic: psychiatry 0.2 + social work 0.8 = 1.0 FTE, 2 disciplines, 2 members.
    assert_close!(Some(model(ProfessionalModel::Therapeutic).team_fte), 1.0);
    assert_eq!(model(ProfessionalModel::Therapeutic).disciplines, 2);
    assert_eq!(a.composition.multi_model_disciplines, 1);
    assert_eq!(model(ProfessionalModel::Social).headcount, 0);
    assert!(a.all_findings()
        .any(|f| f.text
            == "The medical model is held (1 discipline, n = 1) but no discipline holds the social model: who brings that view of children's needs?"));
}
