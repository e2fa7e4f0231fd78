//! Window options, the command line and `run_native`: nothing else.

use std::process::ExitCode;

/// egui rebuilds large meshes every frame; glibc's allocator page-faults on them, mimalloc
/// reuses memory (a 5,000-node frame: 24.8 ms with glibc, 8.6 ms with mimalloc, as measured
/// on this kind of machine).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use teamscape::app::{StartOptions, StartView, TeamscapeApp};
use teamscape::cli::{self, Command};

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("teamscape: {}\n\n{}", e.0, cli::HELP);
            return ExitCode::from(2);
        }
    };
    let Command::Run(options) = command else {
        let code = cli::run_headless(&command, &mut std::io::stdout(), &mut std::io::stderr());
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    };

    // A wrong --view is a wrong command line: exit 2, as --help promises.
    let view = match options.view.as_deref().map(StartView::parse).transpose() {
        Ok(view) => view.unwrap_or_default(),
        Err(e) => {
            eprintln!("teamscape: {e}\n\n{}", cli::HELP);
            return ExitCode::from(2);
        }
    };
    let start = StartOptions {
        file: options.file.clone(),
        sheet: options.sheet.clone(),
        view,
        screenshot: options.screenshot.clone(),
        dump_layout: options.dump_layout.clone(),
        theme: options.dark.map(|dark| {
            if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            }
        }),
        present: options.present,
        hide_names: options.hide_names,
        min_group: options.min_group,
        export_slides: options.export_slides.clone(),
    };
    let app = match TeamscapeApp::from_options(&start) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("teamscape: {e}");
            return ExitCode::from(1);
        }
    };
    // Exported slides are projector-sized, whatever the screen the export runs on.
    let size = if options.export_slides.is_some() {
        [1920.0, 1080.0]
    } else {
        [1400.0, 860.0]
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.window_title())
        .with_app_id("teamscape")
        .with_inner_size(size)
        .with_min_inner_size([800.0, 500.0]);
    if let Some(icon) = teamscape::app::icon() {
        viewport = viewport.with_icon(icon);
    }
    let native_options = eframe::NativeOptions {
        viewport,
        // A remembered window size would override the slide size.
        persist_window: options.export_slides.is_none(),
        ..Default::default()
    };
    let screenshot = app.screenshot_result();
    if let Err(e) = eframe::run_native(
        "Teamscape",
        native_options,
        Box::new(move |cc| {
            let mut app = app;
            app.set_started(started);
            app.set_prefs(teamscape::app::load_prefs(cc.storage));
            Ok(Box::new(app))
        }),
    ) {
        eprintln!("teamscape: could not open the window: {e}");
        return ExitCode::from(1);
    }
    let outcome = screenshot.and_then(|r| r.lock().ok().and_then(|mut slot| slot.take()));
    match outcome {
        Some(Err(e)) => {
            eprintln!("teamscape: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
