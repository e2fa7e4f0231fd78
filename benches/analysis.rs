//! The whole analysis at 100, 1,000 and 10,000 members (goal: 10,000 in under 5 ms),
//! loading and saving a 10,000-member file, and what hiding names adds to an edit.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use teamscape::analysis::analyse;
use teamscape::model::generate::synthetic_team;
use teamscape::model::io::{parse_team, to_ron, FileKind};

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyse");
    for n in [100, 1_000, 10_000] {
        let team = synthetic_team(n, 7);
        group.bench_with_input(BenchmarkId::from_parameter(n), &team, |b, team| {
            b.iter(|| analyse(std::hint::black_box(team)));
        });
    }
    group.finish();
}

fn loading(c: &mut Criterion) {
    let team = synthetic_team(10_000, 7);
    let ron = to_ron(&team).unwrap_or_default();
    let csv = teamscape::model::csv::export(&team).unwrap_or_default();
    let mut group = c.benchmark_group("load_10000");
    group.sample_size(20);
    group.bench_function("ron", |b| {
        b.iter(|| parse_team(std::hint::black_box(&ron), FileKind::Ron, "bench.ron"));
    });
    group.bench_function("csv", |b| {
        b.iter(|| parse_team(std::hint::black_box(&csv), FileKind::Csv, "bench.csv"));
    });
    group.finish();
}

/// Saving writes the text and goes through the safe write (temp file, fsync, rename, .bak).
fn saving(c: &mut Criterion) {
    let team = synthetic_team(10_000, 7);
    let dir = std::env::temp_dir().join(format!("teamscape-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let mut group = c.benchmark_group("save_10000");
    group.sample_size(20);
    for ext in ["ron", "csv"] {
        let path = dir.join(format!("team.{ext}"));
        group.bench_function(ext, |b| {
            b.iter(|| teamscape::model::io::save_team(std::hint::black_box(&team), &path));
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// What Hide names adds to each edit in the editor: the anonymised copy of the team and the
/// workshop-safe analysis (with its disclosure check and secondary suppression).
fn hiding_names(c: &mut Criterion) {
    let team = synthetic_team(10_000, 7);
    let mut group = c.benchmark_group("hide_names_10000");
    group.bench_function("anonymise", |b| {
        b.iter(|| teamscape::model::presentation::anonymised(std::hint::black_box(&team)));
    });
    group.bench_function("workshop_safe_analysis", |b| {
        b.iter(|| teamscape::analysis::analyse_workshop_safe(std::hint::black_box(&team), 3));
    });
    group.finish();
}

criterion_group!(benches, analysis, loading, saving, hiding_names);
criterion_main!(benches);
