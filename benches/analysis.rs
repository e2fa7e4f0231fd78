//! The whole analysis at 100, 1,000 and 10,000 members (goal: 10,000 in under 5 ms),
//! loading and saving a 10,000-member file, what hiding names adds to an edit, and comparing
//! two 10,000-member versions (goal: under 20 ms).

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

/// Rings and ladder for the largest team they spread without overlaps: laid out again on
/// every edit while either view is open (goal: under 16 ms, one frame).
fn spreading(c: &mut Criterion) {
    use teamscape::analysis::layout::{place, Layout, MAX_SPREAD};
    let team = synthetic_team(MAX_SPREAD, 7);
    let analysis = analyse(&team);
    let mut group = c.benchmark_group("spread_layout");
    for layout in [Layout::Rings, Layout::Ladder] {
        group.bench_function(format!("{}/{MAX_SPREAD}", layout.id()), |b| {
            b.iter(|| place(std::hint::black_box(&team), &analysis, layout));
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
    // A workbook from disk: read, unzip, parse the sheet's XML with calamine, then the
    // same import as a CSV.
    let dir = std::env::temp_dir().join(format!("teamscape-bench-xlsx-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("team.xlsx");
    let names = teamscape::analysis::workbook::Names::Shown;
    if teamscape::analysis::workbook::save(&team, names, "2026-11-28", &path).is_ok() {
        group.bench_function("xlsx", |b| {
            b.iter(|| teamscape::model::io::load(std::hint::black_box(&path), None));
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
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
    // The workbook: members, the analysis behind its figures and findings, the zip.
    let path = dir.join("team.xlsx");
    group.bench_function("xlsx", |b| {
        b.iter(|| {
            teamscape::analysis::workbook::save(
                std::hint::black_box(&team),
                teamscape::analysis::workbook::Names::Shown,
                "2026-11-28",
                &path,
            )
        });
    });
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

/// Issue 14's goal: 500 respondents rating 20 disciplines (say and valued) and making ten
/// pairwise choices each, analysed in under 5 ms.
fn perceptions(c: &mut Criterion) {
    use std::collections::BTreeMap;
    use teamscape::model::{Answers, Choice, PerceptionRound, Rating, Response};
    let mut team = teamscape::model::library::new_team();
    for k in 0..20 {
        teamscape::model::library::discipline_named(&mut team, &format!("Discipline {k}"));
    }
    let ids: Vec<_> = team.disciplines.iter().map(|d| d.id).collect();
    // A fixed, spread pattern of answers: no randomness, so every run measures the same.
    let v = |i: usize, k: usize| (1 + (i * 7 + k * 3) % 5) as u8;
    let mut responses: Vec<Response> = (0..500)
        .map(|i| Response {
            rater: (i % 23 < 20).then(|| ids[i % 20]),
            rater_family: None,
            side: None,
            feel_valued: Some(v(i, 0)),
            answers: Answers::Ratings(
                ids.iter()
                    .enumerate()
                    .map(|(k, d)| Rating {
                        discipline: *d,
                        say: Some(v(i, k)),
                        valued: Some(v(i + 1, k)),
                    })
                    .collect(),
            ),
        })
        .collect();
    responses.extend((0..500).map(|i| {
        Response {
            rater: None,
            rater_family: None,
            side: None,
            feel_valued: None,
            answers: Answers::Pairwise(
                (0..10)
                    .map(|j| {
                        let a = (i + j) % 20;
                        let b = (i * 3 + j * 7 + 1) % 20;
                        let b = if a == b { (b + 1) % 20 } else { b };
                        Choice {
                            higher: ids[a],
                            lower: ids[b],
                        }
                    })
                    .collect(),
            ),
        }
    }));
    team.perceptions = vec![PerceptionRound {
        label: "Bench".to_owned(),
        date: "2026-11-27".to_owned(),
        responses,
        protected: false,
        instrument: None,
        snapshot: None,
    }];
    let conditions: BTreeMap<_, _> = ids
        .iter()
        .enumerate()
        .map(|(k, d)| (*d, Some(k as f64 / 20.0)))
        .collect();
    c.bench_function("perceptions_500x20", |b| {
        b.iter(|| {
            teamscape::analysis::perceptions::analyse(std::hint::black_box(&team), &conditions, 3)
        });
    });
}

/// Issue 31's goal: a relational round of 500 respondents about 20 groups on 15 items (the
/// collaboration form's 13 round-robin items and two about the team), analysed in under
/// 20 ms.
fn relational(c: &mut Criterion) {
    use teamscape::model::instrument::{About, Instrument, Item, Source};
    use teamscape::model::{Answers, ItemAnswer, PerceptionRound, Response};
    let mut team = teamscape::model::library::new_team();
    for k in 0..20 {
        teamscape::model::library::discipline_named(&mut team, &format!("Discipline {k}"));
    }
    let ids: Vec<_> = team.disciplines.iter().map(|d| d.id).collect();
    // The collaboration form's shape: 5 + 5 + 3 round-robin items, then two about the team.
    let items: Vec<Item> = (0..15)
        .map(|k| Item {
            id: format!("i{k}"),
            factor: match k {
                0..5 => "communication",
                5..10 => "accommodation",
                10..13 => "isolation",
                _ => "climate",
            }
            .to_owned(),
            about: if k >= 13 { About::Team } else { About::Each },
            reverse: k % 5 == 4,
            min: 1,
            max: 5,
            text: String::new(),
        })
        .collect();
    let v = |i: usize, k: usize| (1 + (i * 7 + k * 3) % 5) as u8;
    let responses: Vec<Response> = (0..500)
        .map(|i| Response {
            rater: Some(ids[i % 20]),
            rater_family: None,
            side: None,
            feel_valued: None,
            answers: Answers::Items(
                items
                    .iter()
                    .enumerate()
                    .flat_map(|(k, item)| {
                        let about: Vec<Option<_>> = match item.about {
                            About::Team => vec![None],
                            About::Each => ids.iter().map(|d| Some(*d)).collect(),
                        };
                        about
                            .into_iter()
                            .enumerate()
                            .map(move |(g, about)| ItemAnswer {
                                item: item.id.clone(),
                                about,
                                value: ((i + g + k) % 11 != 0).then(|| v(i + g, k)),
                            })
                    })
                    .collect(),
            ),
        })
        .collect();
    let instrument = Instrument {
        name: "Bench".to_owned(),
        items,
        not_applicable: true,
        source: Source::default(),
    };
    let round = PerceptionRound {
        label: "Bench".to_owned(),
        date: "2026-12-05".to_owned(),
        responses,
        protected: true,
        instrument: Some(instrument.clone()),
        snapshot: None,
    };
    c.bench_function("relational_500x20x15", |b| {
        b.iter(|| {
            teamscape::analysis::relational::analyse_round(
                std::hint::black_box(&team),
                &round,
                &instrument,
            )
        });
    });
}

/// Two versions of a 10,000-member team (a restructure: 200 left, 200 joined, 1,000 with a
/// changed FTE), compared as a snapshot and now (goal: under 20 ms).
fn comparing(c: &mut Criterion) {
    use teamscape::analysis::compare::{Comparison, Ids};
    let old = synthetic_team(10_000, 7);
    let mut new = old.clone();
    new.members.drain(..200);
    let next = new.next_member_id().0;
    let joiners = synthetic_team(200, 8).members;
    for (i, mut m) in joiners.into_iter().enumerate() {
        m.id = teamscape::model::MemberId(next + i as u32);
        m.discipline = new.disciplines[i % new.disciplines.len()].id;
        m.agency = new.agencies[i % new.agencies.len()].id;
        m.pay = teamscape::model::Pay::Salary(30_000.0);
        m.line_manager = teamscape::model::LineManager::NoManager;
        new.members.push(m);
    }
    for m in new.members.iter_mut().step_by(10) {
        m.fte = if m.fte > 0.5 { 0.5 } else { 1.0 };
    }
    let mut group = c.benchmark_group("compare_10000");
    group.sample_size(30);
    group.bench_function("names_shown", |b| {
        b.iter(|| {
            Comparison::of(
                ("Before", &old),
                ("Now", std::hint::black_box(&new)),
                Ids::Shared,
                None,
                &[],
            )
        });
    });
    group.bench_function("names_hidden", |b| {
        b.iter(|| {
            Comparison::of(
                ("Before", &old),
                ("Now", std::hint::black_box(&new)),
                Ids::Shared,
                Some(3),
                &[],
            )
        });
    });
    group.finish();
}

/// A service of 50 teams, 3,000 people and about 4,500 posts (issue 34; goals: open in under
/// 150 ms, analyse in under 30 ms).
fn service(c: &mut Criterion) {
    use teamscape::model::portfolio;
    let p = teamscape::model::generate::synthetic_portfolio(50, 3_000, 7);
    let text = portfolio::to_ron(&p).unwrap_or_default();
    let mut group = c.benchmark_group("portfolio_50_teams_3000_people");
    group.bench_function("open", |b| {
        b.iter(|| portfolio::from_ron(std::hint::black_box(&text), "service.ron"));
    });
    group.bench_function("analyse", |b| {
        b.iter(|| teamscape::analysis::portfolio::analyse(std::hint::black_box(&p)));
    });
    group.bench_function("place_on_the_service_map", |b| {
        b.iter(|| teamscape::analysis::service_map::place(std::hint::black_box(&p)));
    });
    group.bench_function("take_out_one_team", |b| {
        b.iter(|| teamscape::model::portfolio_team::take_team(std::hint::black_box(&p), "Team 7"));
    });
    group.finish();
}

criterion_group!(
    benches,
    service,
    analysis,
    relational,
    comparing,
    loading,
    saving,
    hiding_names,
    perceptions,
    spreading
);
criterion_main!(benches);
