//! Hostile and damaged input: truncated, byte-flipped and spliced versions of every sample,
//! and junk, fed to both loaders (and validation). Each must return, never panic.

use crate::common;

use teamscape::model::csv as sheet;
use teamscape::model::generate::Rng;
use teamscape::model::io::{parse_team, to_ron, FileKind};
use teamscape::model::validate;

const INTERESTING: &[&[u8]] = &[
    b"NaN",
    b"1e999",
    b"-inf",
    b"\"",
    b"(",
    b")",
    b"[",
    b"]",
    b",",
    b"None",
    b"Some(",
    b"\xff\xfe",
    b"\0",
    b"99999999999999999999",
    b"version: 2",
    b";",
    b"\r\n",
    b"\"\"\"",
    b"\xe2\x80",
];

fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    match rng.below(5) {
        0 => bytes.truncate(rng.below(bytes.len())),
        1 => {
            for _ in 0..=rng.below(8) {
                let i = rng.below(bytes.len());
                if let Some(b) = bytes.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
        }
        2 => {
            // Splice: the start of one file, the end of another.
            let cut_a = rng.below(bytes.len());
            let cut_b = rng.below(other.len());
            bytes.truncate(cut_a);
            bytes.extend_from_slice(&other[cut_b..]);
        }
        3 => {
            let i = rng.below(bytes.len());
            let junk = INTERESTING[rng.below(INTERESTING.len())];
            bytes.splice(i..i, junk.iter().copied());
        }
        _ => {
            // Delete a run.
            let i = rng.below(bytes.len());
            let j = (i + rng.below(200)).min(bytes.len());
            bytes.drain(i..j);
        }
    }
    bytes
}

fn feed(bytes: &[u8], kind: FileKind) -> bool {
    let text = String::from_utf8_lossy(bytes);
    match parse_team(&text, kind, "fuzz") {
        Ok(team) => {
            let _ = validate(&team);
            true
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            false
        }
    }
}

#[test]
fn ten_thousand_damaged_files_never_panic() {
    let samples = common::samples();
    let rons: Vec<Vec<u8>> = samples
        .iter()
        .map(|(_, t)| to_ron(t).unwrap().into_bytes())
        .collect();
    let csvs: Vec<Vec<u8>> = samples
        .iter()
        .map(|(_, t)| sheet::export(t).unwrap().into_bytes())
        .collect();
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let (mut fed, mut refused) = (0, 0);
    for round in 0..6_000 {
        let i = round % rons.len();
        let j = rng.below(rons.len());
        for (kind, set) in [(FileKind::Ron, &rons), (FileKind::Csv, &csvs)] {
            let damaged = mutate(&mut rng, &set[i], &set[j]);
            if !feed(&damaged, kind) {
                refused += 1;
            }
            fed += 1;
        }
    }
    assert_eq!(fed, 12_000);
    // Most damage must be noticed (a flipped bit inside a name can still be a valid file).
    assert!(
        refused > fed / 2,
        "only {refused} of {fed} damaged files were refused"
    );
}

#[test]
fn junk_never_panics() {
    let deep_ron = format!("{}{}", "(".repeat(50_000), ")".repeat(50_000));
    let deep_list = format!(
        r#"(format: "teamscape-team", version: 1, team: (name: {}))"#,
        "[".repeat(10_000)
    );
    let long_cell = format!("name,discipline,salary\n{},x,1\n", "a".repeat(1_000_000));
    let wide = format!("{}\n", ",".repeat(100_000));
    let junk: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"\xef\xbb\xbf".to_vec(),
        deep_ron.into_bytes(),
        deep_list.into_bytes(),
        long_cell.into_bytes(),
        wide.into_bytes(),
        b"name,discipline,salary\nA,B,1e999\nC,D,NaN\nE,F,-0\n".to_vec(),
        b"name;discipline;salary;fte\nA;B;1;inf%\n".to_vec(),
        b"\"unterminated,quote\nname,discipline\n".to_vec(),
        (0..=255u8).collect(),
        br#"(format: "teamscape-team", version: 4294967295)"#.to_vec(),
        br#"(format: "teamscape-team", version: -1)"#.to_vec(),
    ];
    for bytes in &junk {
        feed(bytes, FileKind::Ron);
        feed(bytes, FileKind::Csv);
    }
}
