//! The eframe application. Until the map lands this is a plain view of the team: its name,
//! a table of its members and a status bar.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::cli::RunOptions;
use crate::format::money;
use crate::model::{io, FileError, Team};

/// Frames to wait before a `--screenshot`, so fonts and layout have settled.
const SCREENSHOT_AFTER_FRAMES: u32 = 5;

/// What a `--screenshot` run reports back to `main` once the window has closed.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

pub struct TeamscapeApp {
    pub team: Team,
    /// Where the team was opened from; `None` for a sample or a new team.
    pub path: Option<PathBuf>,
    /// Shown in the window title: the file name, or the sample's name.
    pub source_name: String,
    pub dirty: bool,
    screenshot: Option<ScreenshotRequest>,
    frames: u32,
}

struct ScreenshotRequest {
    path: PathBuf,
    requested: bool,
    result: ScreenshotResult,
}

impl TeamscapeApp {
    pub fn new(team: Team, path: Option<PathBuf>, source_name: String) -> Self {
        Self {
            team,
            path,
            source_name,
            dirty: false,
            screenshot: None,
            frames: 0,
        }
    }

    /// The app as the command line asks for it: the given file, or the default sample.
    pub fn from_options(options: &RunOptions) -> Result<Self, FileError> {
        let mut app = if let Some(path) = &options.file {
            let team = io::open_team(path)?;
            Self::new(team, Some(path.clone()), file_name(path))
        } else {
            let index = crate::samples::DEFAULT_SAMPLE;
            let team = crate::samples::load(index)?;
            Self::new(team, None, crate::samples::SAMPLES[index].0.to_owned())
        };
        if let Some(path) = &options.screenshot {
            app.screenshot = Some(ScreenshotRequest {
                path: path.clone(),
                requested: false,
                result: Arc::new(Mutex::new(None)),
            });
        }
        Ok(app)
    }

    /// Lets `main` learn, after the window closes, whether the screenshot was saved.
    pub fn screenshot_result(&self) -> Option<ScreenshotResult> {
        self.screenshot.as_ref().map(|s| Arc::clone(&s.result))
    }

    pub fn window_title(&self) -> String {
        let marker = if self.dirty { "• " } else { "" };
        format!(
            "{marker}{} — {} — Teamscape",
            self.team.name, self.source_name
        )
    }

    fn drive_screenshot(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.screenshot else {
            return;
        };
        let finished = shot.result.lock().map_or(true, |r| r.is_some());
        if finished {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if !shot.requested && self.frames >= SCREENSHOT_AFTER_FRAMES {
            shot.requested = true;
            let path = shot.path.clone();
            let result = Arc::clone(&shot.result);
            let ctx2 = ctx.clone();
            ctx.request_screenshot(move |image| {
                let outcome = save_png(&image, &path);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(outcome);
                }
                ctx2.request_repaint();
            });
        }
        ctx.request_repaint();
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Write a window picture as PNG.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_array)
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the window picture has the wrong size".to_owned())?;
    buffer
        .save_with_format(path, image::ImageFormat::Png)
        .map_err(|e| format!("{}: could not save the screenshot: {e}", path.display()))
}

impl eframe::App for TeamscapeApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frames = self.frames.saturating_add(1);
        let ctx = ui.ctx().clone();
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(format!("{} members", self.team.members.len()));
                ui.separator();
                ui.label(format!("team FTE {:.1}", self.team.team_fte()));
                ui.separator();
                ui.label(&self.source_name);
                if self.dirty {
                    ui.label("• unsaved changes");
                }
            });
        });
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(&self.team.name);
            ui.label(format!(
                "{} · {}",
                self.team.service.label(),
                self.team.integration.label()
            ));
            if !self.team.description.is_empty() {
                ui.label(&self.team.description);
            }
            ui.separator();
            members_table(ui, &self.team);
        });
        self.drive_screenshot(&ctx);
    }
}

fn members_table(ui: &mut egui::Ui, team: &Team) {
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("members")
            .striped(true)
            .num_columns(10)
            .show(ui, |ui| {
                for heading in [
                    "Name",
                    "Job title",
                    "Discipline",
                    "Agency",
                    "FTE salary",
                    "FTE",
                    "In team",
                    "Leave (days)",
                    "Training (days)",
                    "Core?",
                ] {
                    ui.strong(heading);
                }
                ui.end_row();
                for m in &team.members {
                    ui.label(&m.name);
                    ui.label(&m.job_title);
                    ui.label(
                        team.discipline(m.discipline)
                            .map_or("?", |d| d.name.as_str()),
                    );
                    ui.label(team.agency(m.agency).map_or("?", |a| a.name.as_str()));
                    ui.label(team.fte_salary(m).map_or_else(|| "n/a".to_owned(), money));
                    ui.label(format!("{:.2}", m.fte));
                    ui.label(format!("{:.0}%", m.team_share * 100.0));
                    ui.label(
                        m.leave_days
                            .map_or_else(|| "n/a".to_owned(), |d| format!("{d}")),
                    );
                    ui.label(
                        m.training_days
                            .map_or_else(|| "n/a".to_owned(), |d| format!("{d}")),
                    );
                    ui.label(if team.is_core(m) {
                        "core"
                    } else {
                        "peripheral"
                    });
                    ui.end_row();
                }
            });
    });
}
