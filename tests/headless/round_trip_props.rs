//! Property tests: generated teams survive RON → RON and CSV → RON → CSV unchanged.

use proptest::prelude::*;
use teamscape::model::csv as sheet;
use teamscape::model::io::{from_ron, parse_team, to_ron, FileKind};
use teamscape::model::{
    library, validate, Autonomy, Contract, LineManager, Member, MemberId, Membership, Pay,
    Position, Team,
};

const DISCIPLINES: [&str; 5] = [
    "Social work",
    "Clinical psychology",
    "Early years",
    "Police",
    "Administration",
];
const AGENCIES: [&str; 3] = [
    "Northbrook Council",
    "Northbrook NHS Trust",
    "Northshire Police",
];

#[derive(Debug, Clone)]
struct GenMember {
    discipline: usize,
    agency: usize,
    pay: (bool, u32, usize),
    fte: f64,
    share: f64,
    leave: Option<f64>,
    training: Option<f64>,
    budget: Option<u32>,
    autonomy: Option<u8>,
    contract: usize,
    co_located: bool,
    membership: usize,
    manager: Option<(usize, bool)>,
    position: (f32, f32),
}

fn fraction() -> impl Strategy<Value = f64> {
    // Any value in (0, 1], including awkward binary fractions like 0.1 and 0.7.
    (1u32..=1000).prop_map(|k| f64::from(k) / 1000.0)
}

fn member() -> impl Strategy<Value = GenMember> {
    (
        (
            0..DISCIPLINES.len(),
            0..AGENCIES.len(),
            (any::<bool>(), 15_000u32..150_000, 0usize..20),
        ),
        (fraction(), fraction()),
        (
            proptest::option::of((0u32..=800).prop_map(|d| f64::from(d) / 8.0)),
            proptest::option::of((0u32..=200).prop_map(|d| f64::from(d) / 4.0)),
            proptest::option::of(0u32..5000),
            proptest::option::of(1u8..=5),
        ),
        (
            0usize..5,
            any::<bool>(),
            0usize..3,
            proptest::option::of((0usize..40, any::<bool>())),
        ),
        (-5000.0f32..5000.0, -5000.0f32..5000.0),
    )
        .prop_map(
            |(
                (discipline, agency, pay),
                (fte, share),
                (leave, training, budget, autonomy),
                (contract, co_located, membership, manager),
                position,
            )| GenMember {
                discipline,
                agency,
                pay,
                fte,
                share,
                leave,
                training,
                budget,
                autonomy,
                contract,
                co_located,
                membership,
                manager,
                position,
            },
        )
}

/// A valid team built the way the app builds one: from the library, adding by name.
fn build(members: &[GenMember]) -> Team {
    let mut team = library::new_team();
    team.name = "Generated".into();
    let afc = team
        .pay_scale_by_name("NHS Agenda for Change")
        .unwrap()
        .clone();
    for (i, g) in members.iter().enumerate() {
        let discipline = library::discipline_named(&mut team, DISCIPLINES[g.discipline]);
        let agency = library::agency_named(&mut team, AGENCIES[g.agency]);
        let pay = if g.pay.0 {
            Pay::Point {
                scale: afc.id,
                point: afc.points[g.pay.2 % afc.points.len()].name.clone(),
            }
        } else {
            Pay::Salary(f64::from(g.pay.1) + 0.5 * f64::from(g.pay.1 % 2))
        };
        // Managers only point backwards, so there is never a cycle.
        let line_manager = match g.manager {
            Some((k, false)) if i > 0 => LineManager::Member(MemberId((k % i) as u32 + 1)),
            Some((_, true)) => {
                let agency =
                    library::agency_named(&mut team, AGENCIES[(g.agency + 1) % AGENCIES.len()]);
                LineManager::External {
                    name: format!("Head {i}"),
                    agency,
                }
            }
            _ => LineManager::NoManager,
        };
        team.members.push(Member {
            id: MemberId(i as u32 + 1),
            name: format!("Member {i}, “quoted”; odd \"q\" back\\slash \"#  it's"),
            job_title: if i % 3 == 0 {
                String::new()
            } else {
                format!("Title {i}")
            },
            discipline,
            agency,
            pay,
            fte: g.fte,
            team_share: g.share,
            leave_days: g.leave,
            years_of_service: (i % 4 != 0).then_some((i * 7 % 41) as u32),
            training_days: g.training,
            training_budget: g.budget.map(f64::from),
            autonomy: g.autonomy.and_then(Autonomy::from_level),
            contract: Contract::ALL[g.contract],
            co_located: g.co_located,
            membership: Membership::ALL[g.membership],
            line_manager,
            position: Position {
                x: g.position.0,
                y: g.position.1,
            },
        });
    }
    team
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn ron_round_trip_loses_nothing(members in proptest::collection::vec(member(), 0..30)) {
        let team = build(&members);
        prop_assert!(validate(&team).is_empty(), "{:?}", validate(&team));
        let again = from_ron(&to_ron(&team).unwrap(), "gen.ron").unwrap();
        prop_assert_eq!(again, team);
    }

    #[test]
    fn csv_ron_csv_round_trip_loses_nothing(members in proptest::collection::vec(member(), 0..30)) {
        let team = build(&members);
        let csv = sheet::export(&team).unwrap();
        let imported = parse_team(&csv, FileKind::Csv, "gen.csv").unwrap();
        let via_ron = from_ron(&to_ron(&imported).unwrap(), "gen.ron").unwrap();
        prop_assert_eq!(sheet::export(&via_ron).unwrap(), csv.clone());
        // And every field the spreadsheet carries came through with the same value.
        for (a, b) in team.members.iter().zip(&via_ron.members) {
            prop_assert_eq!(&a.name, &b.name);
            prop_assert_eq!(&a.job_title, &b.job_title);
            prop_assert_eq!(team.fte_salary(a), via_ron.fte_salary(b));
            prop_assert_eq!(a.fte, b.fte);
            prop_assert_eq!(a.team_share, b.team_share);
            prop_assert_eq!(a.leave_days, b.leave_days);
            prop_assert_eq!(a.years_of_service, b.years_of_service);
            prop_assert_eq!(a.training_days, b.training_days);
            prop_assert_eq!(a.training_budget, b.training_budget);
            prop_assert_eq!(a.autonomy, b.autonomy);
            prop_assert_eq!(a.contract, b.contract);
            prop_assert_eq!(a.co_located, b.co_located);
            prop_assert_eq!(a.membership, b.membership);
            prop_assert_eq!(
                team.discipline(a.discipline).map(|d| &d.name),
                via_ron.discipline(b.discipline).map(|d| &d.name)
            );
        }
    }
}
