//! `--screenshot`: a picture of the window once it has settled, then exit; and saving any
//! window picture as PNG.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::TeamscapeApp;
use crate::model::io;

/// Frames to wait before a `--screenshot`, so fonts, layout and animations have settled.
const SCREENSHOT_AFTER_FRAMES: u32 = 30;

/// What a `--screenshot` (or `--export-slides`) run reports back to `main` once the window
/// has closed.
pub type ScreenshotResult = Arc<Mutex<Option<Result<(), String>>>>;

pub(super) struct Request {
    path: PathBuf,
    /// Where to write the pictured frame's map geometry (`--dump-layout`).
    pub(super) dump_layout: Option<PathBuf>,
    requested: bool,
    result: ScreenshotResult,
}

impl Request {
    pub(super) fn new(path: PathBuf) -> Self {
        Self {
            path,
            dump_layout: None,
            requested: false,
            result: Arc::new(Mutex::new(None)),
        }
    }

    pub(super) fn result(&self) -> ScreenshotResult {
        Arc::clone(&self.result)
    }
}

impl TeamscapeApp {
    pub(super) fn drive_screenshot(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.screenshot else {
            return;
        };
        let finished = shot.result.lock().map_or(true, |r| r.is_some());
        if finished {
            // eframe remembers the zoom at exit: not a slide's.
            self.leave_presenting(ctx);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else if !shot.requested && self.frames >= SCREENSHOT_AFTER_FRAMES {
            shot.requested = true;
            let path = shot.path.clone();
            let result = Arc::clone(&shot.result);
            // The geometry of this frame, the one pictured; a view with no map (the charts,
            // the table) has no members on it.
            let layout = shot.dump_layout.as_ref().map(|json| {
                let value = self.editor.map.drawn().map_or_else(
                    || serde_json::json!({"view": null, "members": [], "external_managers": []}),
                    crate::ui::map::DrawnLayout::to_json,
                );
                (json.clone(), value)
            });
            if let Some((json, value)) = layout {
                let text = serde_json::to_string_pretty(&value).unwrap_or_default();
                if let Err(e) = io::write_export(&json, |out| out.write_all(text.as_bytes())) {
                    if let Ok(mut slot) = result.lock() {
                        *slot = Some(Err(e.to_string()));
                    }
                }
            }
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

/// Write a window picture as PNG, safely: a failed write leaves no half-written picture.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), String> {
    let [w, h] = image.size;
    let bytes: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(egui::Color32::to_array)
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, bytes)
        .ok_or_else(|| "the window picture has the wrong size".to_owned())?;
    let mut png = std::io::Cursor::new(Vec::new());
    buffer
        .write_to(&mut png, image::ImageFormat::Png)
        .map_err(|e| format!("{}: could not encode the picture: {e}", path.display()))?;
    io::write_export(path, |out| out.write_all(png.get_ref())).map_err(|e| e.to_string())
}
