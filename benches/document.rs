//! The document core at organisation scale (10,000 members): opening a file, one edit
//! through `Document::apply`, the memory 200 undo steps hold, and a whole app frame with
//! every member selected (Ctrl+A, then a frame: it was quadratic before the id index).

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{criterion_group, criterion_main, Criterion};
use teamscape::document::{Document, Edit};
use teamscape::model::generate::synthetic_team;
use teamscape::model::{io, Position};

/// The app's allocator, counting the bytes alive, so the undo history's memory is measured
/// rather than estimated.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to mimalloc, which upholds GlobalAlloc's
// contract; the counter only adds and subtracts sizes.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_add(new_size, Ordering::Relaxed);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MEMBERS: usize = 10_000;

fn document() -> Document {
    Document::new(synthetic_team(MEMBERS, 7), None, "bench")
}

/// The four everyday edits in turn: move a member, rename one, rename the team, delete one.
fn everyday_edit(doc: &Document, k: usize) -> Edit {
    let team = doc.team();
    let m = &team.members[(k * 37) % team.members.len()];
    match k % 4 {
        0 => Edit::MoveMembers(vec![(
            m.id,
            Position {
                x: m.position.x + 5.0,
                y: m.position.y,
            },
        )]),
        1 => {
            let mut renamed = m.clone();
            renamed.name = format!("Renamed {k}");
            Edit::UpdateMember {
                member: renamed,
                field: "name",
            }
        }
        2 => {
            let mut settings = teamscape::document::TeamSettings::of(team);
            settings.name = format!("Team {k}");
            Edit::UpdateTeam {
                settings,
                field: "name",
            }
        }
        _ => Edit::DeleteMembers(vec![m.id]),
    }
}

/// Not a timing: the bytes 200 undo steps keep alive at 10,000 members, written where
/// `scripts/benchmarks.sh` reads it.
fn undo_memory(_c: &mut Criterion) {
    let mut doc = document();
    let before = LIVE.load(Ordering::Relaxed);
    let team_before = doc.team().members.len();
    for k in 0..teamscape::document::MAX_UNDO_STEPS {
        let edit = everyday_edit(&doc, k);
        let _ = doc.apply(edit);
        doc.end_gesture();
    }
    let after = LIVE.load(Ordering::Relaxed);
    let extra = after.saturating_sub(before);
    let text = format!(
        "{{\"steps\": {}, \"members\": {team_before}, \"extra_bytes\": {extra}}}\n",
        teamscape::document::MAX_UNDO_STEPS
    );
    println!("undo history: {text}");
    let _ = std::fs::create_dir_all("target/criterion");
    let _ = std::fs::write("target/criterion/undo_memory.json", text);
}

fn open_and_apply(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("teamscape-doc-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("team.ron");
    if io::save_team(&synthetic_team(MEMBERS, 7), &path).is_err() {
        return;
    }
    let mut group = c.benchmark_group("document_10000");
    group.sample_size(20);
    // Read, parse, check every rule, index: all that File ▸ Open does before the first frame.
    group.bench_function("open", |b| {
        b.iter(|| io::read_team(&path).map(|team| Document::new(team, None, "team.ron")));
    });
    let mut doc = document();
    let mut k = 0;
    group.bench_function("apply_edit", |b| {
        b.iter(|| {
            k += 1;
            let edit = everyday_edit(&doc, k * 4); // always a move: the team keeps its size
            doc.apply(edit)
        });
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ctrl+A on 10,000 members, then frames of the whole app (map, inspector, panels).
fn select_all_frame(c: &mut Criterion) {
    use egui_kittest::Harness;
    let app = teamscape::app::TeamscapeApp::new(synthetic_team(MEMBERS, 7), None, "bench");
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |_cc| app);
    harness.step();
    harness
        .state_mut()
        .queue(teamscape::command::Action::SelectAll);
    harness.step();
    harness.step();
    assert_eq!(harness.state().editor().marks.selection.len(), MEMBERS);
    c.bench_function("select_all_frame_10000", |b| {
        b.iter(|| {
            harness.step();
            let output = harness.output();
            harness
                .ctx
                .tessellate(output.shapes.clone(), output.pixels_per_point)
        });
    });
}

criterion_group!(benches, undo_memory, open_and_apply, select_all_frame);
criterion_main!(benches);
