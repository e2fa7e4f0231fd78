//! One whole UI frame (layout and tessellation, no GPU) of the map at 200, 2,000 and
//! 10,000 members in each layout, and a frame while a member is dragged at 2,000.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

// The same allocator as the app (src/main.rs), so frames are measured as users get them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use teamscape::analysis::analyse;
use teamscape::analysis::layout::Layout;
use teamscape::model::generate::synthetic_team;
use teamscape::ui::map::{MapView, Marks};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

fn map_frame(c: &mut Criterion) {
    drag_frame(c);
    let mut group = c.benchmark_group("map_frame");
    group.sample_size(20);
    for n in [200, 2_000, 10_000] {
        let team = synthetic_team(n, 11);
        let analysis = analyse(&team);
        for layout in Layout::ALL {
            let ctx = egui::Context::default();
            let mut map = MapView::default();
            map.layout = layout;
            let mut edits = Vec::new();
            let mut marks = Marks::default();
            group.bench_with_input(BenchmarkId::new(layout.id(), n), &n, |b, _| {
                b.iter(|| {
                    let output = ctx.run_ui(input(), |ui| {
                        map.show(ui, &team, &analysis, 0, &mut marks, &mut edits);
                    });
                    ctx.tessellate(output.shapes, output.pixels_per_point)
                });
            });
        }
    }
    group.finish();
}

/// Frames while one member is dragged across the map at 2,000 members.
fn drag_frame(c: &mut Criterion) {
    let team = synthetic_team(2_000, 11);
    let analysis = analyse(&team);
    let ctx = egui::Context::default();
    let mut map = MapView::default();
    let mut edits = Vec::new();
    let mut marks = Marks::default();
    // Settle, then find a member to drag.
    for _ in 0..3 {
        let _ = ctx.run_ui(input(), |ui| {
            map.show(ui, &team, &analysis, 0, &mut marks, &mut edits);
        });
    }
    let Some(start) = team
        .members
        .iter()
        .find_map(|m| map.screen_pos(m.id).filter(|p| p.x > 100.0 && p.y > 100.0))
    else {
        return;
    };
    let press = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let mut step = 0.0f32;
    let mut frame = |events: Vec<egui::Event>| {
        let mut raw = input();
        raw.events = events;
        let output = ctx.run_ui(raw, |ui| {
            map.show(ui, &team, &analysis, 0, &mut marks, &mut edits);
        });
        ctx.tessellate(output.shapes, output.pixels_per_point)
    };
    frame(vec![egui::Event::PointerMoved(start), press(start, true)]);
    c.bench_function("drag_frame/2000", |b| {
        b.iter(|| {
            step = (step + 1.0) % 50.0;
            frame(vec![egui::Event::PointerMoved(
                start + egui::vec2(step, step * 0.5),
            )])
        });
    });
}

/// The charts view's frame: each chart at 200, 2,000 and 10,000 members.
fn charts_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("charts_frame");
    group.sample_size(20);
    for n in [200, 2_000, 10_000] {
        let team = synthetic_team(n, 11);
        let analysis = analyse(&team);
        for chart in teamscape::ui::charts::ChartId::all() {
            let ctx = egui::Context::default();
            group.bench_with_input(BenchmarkId::new(chart.id(), n), &n, |b, _| {
                b.iter(|| {
                    let output = ctx.run_ui(input(), |ui| {
                        teamscape::ui::charts::show_chart(ui, chart, &team, &analysis);
                    });
                    ctx.tessellate(output.shapes, output.pixels_per_point)
                });
            });
        }
    }
    group.finish();
}

/// The Service view's frame: the service map of 50 teams, 3,000 people and about 4,500
/// posts (issue 34; goal: under 8 ms), and its people table.
fn service_frame(c: &mut Criterion) {
    use teamscape::ui::service::{self, Service, ServiceStyle, ServiceViewState, Tab};
    let p = teamscape::model::generate::synthetic_portfolio(50, 3_000, 7);
    let figures = teamscape::analysis::portfolio::analyse(&p);
    let map = teamscape::analysis::service_map::place(&p);
    let style = ServiceStyle::of(&p);
    let s = Service {
        portfolio: &p,
        figures: &figures,
        map: &map,
        style: &style,
        hide_names: false,
        conditions: None,
        changes: None,
        // As the view draws it: with the portfolio's edit buttons.
        editing: Some(service::Editing {
            dirty: false,
            can_undo: false,
            can_redo: false,
        }),
    };
    let mut group = c.benchmark_group("service_frame_50_teams_3000_people");
    group.sample_size(20);
    for tab in [Tab::Map, Tab::People] {
        let ctx = egui::Context::default();
        let mut state = ServiceViewState::default();
        state.tab = tab;
        group.bench_function(tab.id(), |b| {
            b.iter(|| {
                let output = ctx.run_ui(input(), |ui| {
                    service::show(ui, &s, &mut state);
                });
                ctx.tessellate(output.shapes, output.pixels_per_point)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, map_frame, charts_frame, service_frame);
criterion_main!(benches);
