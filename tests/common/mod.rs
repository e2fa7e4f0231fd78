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
