//! The samples, shared by all three test binaries.
#![allow(dead_code)]

use teamscape::model::Team;

/// Every embedded sample, parsed.
pub fn samples() -> Vec<(&'static str, Team)> {
    teamscape::samples::SAMPLES
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, teamscape::samples::load(i).unwrap()))
        .collect()
}

pub fn sample(name: &str) -> Team {
    samples()
        .into_iter()
        .find(|(n, _)| n.starts_with(name))
        .unwrap()
        .1
}

/// The CAMHS sample with a 2031/32 for the consultants made from a 10% award, and the team
/// as it was: a year no library holds, to keep in the manager's pay library.
#[allow(dead_code)] // not every test binary keeps a pay year
pub fn camhs_with_a_year_of_its_own() -> (Team, Team) {
    use teamscape::model::pay;
    let team = sample("camhs");
    let (raised, _) = pay::uplift(
        &team,
        "2031/32",
        &pay::Uplift {
            percent: 10.0,
            source: "Test award".to_owned(),
            scale: Some("Consultants (England)".to_owned()),
        },
        "2026-12-06",
    )
    .unwrap();
    (team, raised)
}
