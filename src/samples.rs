//! The five sample teams, embedded in the binary so the app always has a team to open.

/// (file name, RON text) for each sample, in the order the File ▸ Samples menu lists them.
pub const SAMPLES: [(&str, &str); 5] = [
    (
        "youth-offending-team.ron",
        include_str!("../sample_teams/youth-offending-team.ron"),
    ),
    (
        "camhs-team.ron",
        include_str!("../sample_teams/camhs-team.ron"),
    ),
    (
        "special-needs-nursery.ron",
        include_str!("../sample_teams/special-needs-nursery.ron"),
    ),
    (
        "neuro-rehabilitation-team.ron",
        include_str!("../sample_teams/neuro-rehabilitation-team.ron"),
    ),
    (
        "child-development-centre.ron",
        include_str!("../sample_teams/child-development-centre.ron"),
    ),
];

/// The sample the app opens when it is given no file.
pub const DEFAULT_SAMPLE: usize = 0;

/// Parse an embedded sample. Tests check every sample parses and validates.
pub fn load(index: usize) -> Result<crate::model::Team, crate::model::FileError> {
    let (name, text) = SAMPLES
        .get(index)
        .copied()
        .unwrap_or(SAMPLES[DEFAULT_SAMPLE]);
    crate::model::io::from_ron(text, name)
}
