//! Window options, the command line and `run_native`: nothing else.

// On Windows, a program started from the Start menu should not open a terminal beside its
// window; the command line attaches to the terminal it was typed in (`platform`).
#![cfg_attr(windows, windows_subsystem = "windows")]

use std::process::ExitCode;

/// egui rebuilds large meshes every frame; glibc's allocator page-faults on them, mimalloc
/// reuses memory (a 5,000-node frame: 24.8 ms with glibc, 8.6 ms with mimalloc, as measured
/// on this kind of machine).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use teamscape::app::{StartOptions, StartView, TeamscapeApp};
use teamscape::cli::{self, Command, RendererChoice, RunOptions};
use teamscape::platform;

/// The app id (reverse-DNS), as in `assets/linux/org.teamscape.Teamscape.desktop`.
const APP_ID: &str = "org.teamscape.Teamscape";
/// The folder name eframe keeps preferences under (`~/.local/share/teamscape`,
/// `%APPDATA%\teamscape\data`): the app id of the first releases.
const PREFERENCES_ID: &str = "teamscape";

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    platform::attach_console();
    let args = match text_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    let command = match cli::parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("teamscape: {}\n\n{}", e.0, cli::help());
            return ExitCode::from(2);
        }
    };
    let Command::Run(options) = command else {
        // Years the manager has kept (see `pay::own`) join the library for every command;
        // the window reads them itself, to show a problem in a dialog.
        if let Some(dir) = platform::data_dir() {
            let path = dir.join(teamscape::model::pay::own::FILE_NAME);
            if let Err(e) = teamscape::model::pay::own::load(&path) {
                eprintln!("teamscape: {e}");
            }
        }
        let code = cli::run_headless(&command, &mut std::io::stdout(), &mut std::io::stderr());
        return ExitCode::from(u8::try_from(code).unwrap_or(1));
    };
    let start = match start_options(&options) {
        Ok(start) => start,
        Err(code) => return code,
    };
    let app = match TeamscapeApp::from_options(&start) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("teamscape: {e}");
            return ExitCode::from(1);
        }
    };
    let screenshot = app.screenshot_result();
    platform::start_log();
    if let Err(code) = open_window(app, &args, &options, started) {
        return code;
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

/// The arguments as text. `args()` would panic on an argument that is not valid Unicode (a
/// file name in an old encoding): say which instead.
fn text_args() -> Result<Vec<String>, ExitCode> {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => {
                eprintln!(
                    "teamscape: {} is not valid text (a file name in another encoding?): rename the file and try again.",
                    arg.to_string_lossy()
                );
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(args)
}

/// What the window starts with. A wrong --view is a wrong command line: exit 2, as --help
/// promises.
fn start_options(options: &RunOptions) -> Result<StartOptions, ExitCode> {
    let view = match options.view.as_deref().map(StartView::parse).transpose() {
        Ok(view) => view.unwrap_or_default(),
        Err(e) => {
            eprintln!("teamscape: {e}\n\n{}", cli::help());
            return Err(ExitCode::from(2));
        }
    };
    Ok(StartOptions {
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
        group_by: options.group_by,
        export_slides: options.export_slides.clone(),
    })
}

/// The renderers to try, in order: --renderer, else `TEAMSCAPE_RENDERER`, else wgpu with
/// OpenGL (glow) behind it.
fn renderers(options: &RunOptions) -> &'static [eframe::Renderer] {
    let choice = match options.renderer {
        Some(choice) => choice,
        None => match std::env::var("TEAMSCAPE_RENDERER") {
            Ok(text) => RendererChoice::parse(&text).unwrap_or_else(|| {
                platform::log(&format!(
                    "TEAMSCAPE_RENDERER is “{text}”, which is not auto, wgpu or glow: using auto."
                ));
                RendererChoice::Auto
            }),
            Err(_) => RendererChoice::Auto,
        },
    };
    match choice {
        RendererChoice::Auto => &[eframe::Renderer::Wgpu, eframe::Renderer::Glow],
        RendererChoice::Wgpu => &[eframe::Renderer::Wgpu],
        RendererChoice::Glow => &[eframe::Renderer::Glow],
    }
}

/// Open the window and run the app until it closes, with the first renderer that starts.
fn open_window(
    app: TeamscapeApp,
    args: &[String],
    options: &RunOptions,
    started: std::time::Instant,
) -> Result<(), ExitCode> {
    // Exported slides are projector-sized, whatever the screen the export runs on.
    let size = if options.export_slides.is_some() {
        [1920.0, 1080.0]
    } else {
        [1400.0, 860.0]
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(app.window_title())
        // The same id as the desktop file and the AppStream metainfo (assets/linux), so the
        // window groups under its launcher.
        .with_app_id(APP_ID)
        .with_inner_size(size)
        .with_min_inner_size([800.0, 500.0]);
    if let Some(icon) = teamscape::app::icon() {
        viewport = viewport.with_icon(icon);
    }
    let native_options = |renderer| eframe::NativeOptions {
        viewport: viewport.clone(),
        renderer,
        // A remembered window size would override the slide size.
        persist_window: options.export_slides.is_none(),
        // Preferences stay where Teamscape kept them before its app id was reverse-DNS:
        // eframe would otherwise look under the new id and forget them.
        persistence_path: eframe::storage_dir(PREFERENCES_ID).map(|d| d.join("app.ron")),
        ..Default::default()
    };
    // The app is built once, before any window, so a bad file is reported without one. A
    // renderer that fails does so before eframe asks for the app, so it is still here for
    // the next renderer to take.
    let mut app = Some(app);
    let renderers = renderers(options);
    for (i, renderer) in renderers.iter().enumerate() {
        let result = run_once(native_options(*renderer), &mut app, started);
        let last = i + 1 == renderers.len();
        let result = match result {
            Ok(result) => result.map_err(|e| e.to_string()),
            // winit leaves an event loop a panic went through marked as running, so a
            // second window on it would never open: OpenGL gets a process of its own.
            Err(panic) if app.is_some() && !last => {
                platform::log(&format!(
                    "the {} renderer stopped at start ({}); starting again with OpenGL (glow).",
                    renderer_name(*renderer),
                    panic_message(panic.as_ref())
                ));
                // The app holds the locks of any recovery offers it found: let them go, so
                // the new process offers that work again.
                drop(app.take());
                return Err(relaunch_with_glow(args));
            }
            Err(panic) if app.is_some() => Err(panic_message(panic.as_ref())),
            Err(panic) => std::panic::resume_unwind(panic),
        };
        match result {
            Ok(()) => return Ok(()),
            // Old graphics drivers (and Wine) may offer no adapter wgpu can use, or none
            // that can draw to the window: OpenGL through glow usually still can.
            Err(e) if app.is_some() && !last => {
                platform::log(&format!(
                    "the {} renderer could not start ({e}); drawing with OpenGL (glow) instead.",
                    renderer_name(*renderer)
                ));
            }
            Err(e) => {
                platform::log(&format!(
                    "could not open the window with the {} renderer: {e}",
                    renderer_name(*renderer)
                ));
                if last && app.is_some() {
                    platform::log(if *renderer == eframe::Renderer::Glow {
                        "Update the graphics driver (from the computer maker's site), or ask IT for one with OpenGL 2 or later."
                    } else {
                        "If the graphics driver is old, try --renderer glow, or update the driver."
                    });
                }
                return Err(ExitCode::from(1));
            }
        }
    }
    Ok(())
}

/// One try at the window with one renderer, which takes the app out of `slot` once it has
/// started. Some drivers make wgpu panic rather than fail; before the app has started, that
/// is one more renderer that could not start, so the panic is caught and returned.
fn run_once(
    native_options: eframe::NativeOptions,
    slot: &mut Option<TeamscapeApp>,
    started: std::time::Instant,
) -> std::thread::Result<eframe::Result> {
    let renderer = native_options.renderer;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        eframe::run_native(
            "Teamscape",
            native_options,
            Box::new(move |cc| {
                // For .ci/run: stand in for a driver that makes wgpu panic at start.
                if renderer == eframe::Renderer::Wgpu
                    && std::env::var_os("TEAMSCAPE_TEST_WGPU_PANIC").is_some()
                {
                    panic!("TEAMSCAPE_TEST_WGPU_PANIC is set");
                }
                let mut app = slot.take().ok_or("the app was already started")?;
                app.set_started(started);
                app.set_prefs(teamscape::app::load_prefs(cc.storage));
                Ok(Box::new(app))
            }),
        )
    }))
}

fn renderer_name(renderer: eframe::Renderer) -> &'static str {
    match renderer {
        eframe::Renderer::Glow => "OpenGL (glow)",
        eframe::Renderer::Wgpu => "wgpu",
    }
}

/// What a caught panic said, for the log.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "it stopped with an error".to_owned())
}

/// Run this program again with the same arguments and `--renderer glow` (the last
/// `--renderer` given wins), and exit as it does.
fn relaunch_with_glow(args: &[String]) -> ExitCode {
    let status = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(args)
            .args(["--renderer", "glow"])
            .env_remove("TEAMSCAPE_RENDERER")
            .status()
    });
    match status {
        Ok(status) => ExitCode::from(
            status
                .code()
                .and_then(|c| u8::try_from(c).ok())
                .unwrap_or(1),
        ),
        Err(e) => {
            platform::log(&format!("could not start Teamscape again with OpenGL: {e}"));
            ExitCode::from(1)
        }
    }
}
