//! Workshop mode: presenting the chosen slides, hiding names, and exporting pictures, every
//! slide and the handout. Slides are drawn by `ui::present`; this file decides which team
//! and analysis they see (the anonymised ones when names are hidden) and runs the exports
//! frame by frame: draw, let the layout settle, take a screenshot, crop, save.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::{save_png, MainView, ScreenshotResult, StatusMessage, TeamscapeApp};

/// Workshop mode's state: hidden names, the presentation, an export in progress.
#[derive(Default)]
pub struct Workshop {
    /// Hide names in the editor's map, charts and exports (View ▸ Hide names).
    pub(super) hide_names: bool,
    pub(super) present: Option<Presenter>,
    pub(super) present_setup_done: bool,
    pub(super) export: Option<ExportJob>,
    pub(super) hidden: Option<HiddenView>,
    /// `--min-group`: overrides the team's minimum group size.
    pub(super) min_group: Option<usize>,
    /// Workshop ▸ Group by: disciplines (families where too few) or families throughout.
    pub(super) group_by: crate::model::families::GroupBy,
    /// For `--export-slides`: how the export ended, for `main`'s exit code.
    pub(super) export_result: Option<ScreenshotResult>,
    /// A perception round running in the room (View ▸ Run a perception round…).
    pub(super) kiosk: Option<crate::ui::kiosk::Kiosk>,
}

impl Workshop {
    /// Whether the editor hides names (the toolbar's toggle).
    pub fn hide_names(&self) -> bool {
        self.hide_names
    }

    /// The presentation, while one runs.
    pub fn presenter(&self) -> Option<&Presenter> {
        self.present.as_ref()
    }

    /// Whether an export is running (it draws instead of the editor).
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    /// The level the room sees groups at.
    pub fn group_by(&self) -> crate::model::families::GroupBy {
        self.group_by
    }
}
use crate::analysis::{slides, Analysis};
use crate::model::{io, presentation, ChartId, SlideId, Team};
use crate::ui::map::MapView;
use crate::ui::present::{self, Presenter, SlideContent, Step};

/// The size of slides exported from the command line: a 1080p projector.
pub const SLIDE_PIXELS: egui::Vec2 = egui::Vec2::new(1920.0, 1080.0);
/// Frames to wait for the window to take the slide size before exporting anyway.
const MAX_RESIZE_FRAMES: u32 = 60;

/// Frames drawn before a slide's screenshot: plots size their axes from the frame before,
/// and a zoom change takes a frame to apply.
const EXPORT_SETTLE_FRAMES: u32 = 4;

/// The team and analysis as the room may see them when names are hidden, kept until the
/// team changes.
pub struct HiddenView {
    /// The team's revision, the minimum group and the grouping it was made for.
    key: (u64, usize, crate::model::families::GroupBy),
    pub team: Team,
    pub analysis: Analysis,
}

/// The team and analysis to draw: the anonymised ones when names are hidden. It never falls
/// back to the real names: hidden but not yet anonymised means nothing to draw.
pub(super) fn shown<'a>(
    team: &'a Team,
    analysis: Option<&'a (u64, Analysis)>,
    hidden: Option<&'a HiddenView>,
    hide: bool,
) -> Option<(&'a Team, &'a Analysis)> {
    if hide {
        hidden.map(|h| (&h.team, &h.analysis))
    } else {
        analysis.map(|(_, a)| (team, a))
    }
}

/// What an export writes.
pub enum ExportKind {
    /// The current map or chart, at twice the screen's scale.
    Picture { path: PathBuf, slide: SlideId },
    /// Every chosen slide as `NN-<id>.png`, then `handout.md` and `handout.pdf`. With
    /// `pdf_to`, `dir` is a folder of our own, and only the PDF is kept, at `pdf_to`.
    Slides {
        dir: PathBuf,
        slides: Vec<SlideId>,
        pdf_to: Option<PathBuf>,
    },
    /// The open portfolio's deck as `NN-<id>.png`, then `handout.md` and `handout.pdf`
    /// (`app::service`); with `pdf_to`, as for a team's.
    ServiceSlides {
        dir: PathBuf,
        pdf_to: Option<PathBuf>,
    },
    /// One slide of the open portfolio's deck (the Service view's tab), as a picture.
    ServicePicture {
        path: PathBuf,
        slide: crate::ui::service::Slide,
    },
}

impl ExportKind {
    /// The service's deck, or a picture of one of its slides: drawn by `app::service`.
    fn is_service(&self) -> bool {
        matches!(
            self,
            Self::ServiceSlides { .. } | Self::ServicePicture { .. }
        )
    }

    /// A handout alone, for printing: drawn in a folder of our own, on paper's light theme.
    fn is_handout_alone(&self) -> bool {
        matches!(
            self,
            Self::Slides {
                pdf_to: Some(_),
                ..
            } | Self::ServiceSlides {
                pdf_to: Some(_),
                ..
            }
        )
    }
}

type ShotSlot = Arc<Mutex<Option<Arc<egui::ColorImage>>>>;

/// An export in progress: it owns the window until it is done.
pub struct ExportJob {
    kind: ExportKind,
    hide_names: bool,
    index: usize,
    frames: u32,
    shot: Option<(ShotSlot, egui::Rect, f32)>,
    written: Vec<PathBuf>,
    previous_zoom: Option<f32>,
    /// The theme to put back after a handout drawn on paper's light theme.
    previous_theme: Option<egui::ThemePreference>,
    map: MapView,
    /// The service map's camera, for a service's deck.
    pub(super) service_view: crate::ui::service::ServiceViewState,
    /// For `--export-slides`: close the window when done and report here.
    exit_with: Option<ScreenshotResult>,
    /// For `--export-slides`: the window size, in pixels, the slides are drawn at (a size
    /// eframe remembered from an earlier run would otherwise win), and frames spent waiting
    /// for the window to take it.
    window: Option<egui::Vec2>,
    resize_frames: u32,
}

impl ExportJob {
    pub fn new(kind: ExportKind, hide_names: bool) -> Self {
        Self {
            kind,
            hide_names,
            index: 0,
            frames: 0,
            shot: None,
            written: Vec::new(),
            previous_zoom: None,
            previous_theme: None,
            map: present::read_only_map(),
            service_view: crate::ui::service::ServiceViewState::default(),
            exit_with: None,
            window: None,
            resize_frames: 0,
        }
    }

    /// The team's slide to draw next (none for a service's deck, drawn by `app::service`).
    fn slide(&self) -> Option<SlideId> {
        match &self.kind {
            ExportKind::Picture { slide, .. } => (self.index == 0).then_some(*slide),
            ExportKind::Slides { slides, .. } => slides.get(self.index).copied(),
            ExportKind::ServiceSlides { .. } | ExportKind::ServicePicture { .. } => None,
        }
    }

    fn path(&self, slide: SlideId) -> PathBuf {
        match &self.kind {
            ExportKind::Picture { path, .. } | ExportKind::ServicePicture { path, .. } => {
                path.clone()
            }
            ExportKind::Slides { dir, .. } | ExportKind::ServiceSlides { dir, .. } => {
                dir.join(slides::file_name(self.index, slide))
            }
        }
    }

    fn total(&self) -> usize {
        match &self.kind {
            ExportKind::Picture { .. } => 1,
            ExportKind::Slides { slides, .. } => slides.len(),
            ExportKind::ServiceSlides { .. } | ExportKind::ServicePicture { .. } => 0,
        }
    }

    pub(super) fn kind(&self) -> &ExportKind {
        &self.kind
    }

    /// The pictures written so far.
    pub(super) fn written(&self) -> &[PathBuf] {
        &self.written
    }

    pub(super) fn hide_names(&self) -> bool {
        self.hide_names
    }

    pub(super) fn index(&self) -> usize {
        self.index
    }
}

impl TeamscapeApp {
    /// The slides the team file chooses, in order (without "Seen versus given" while the
    /// team has no perception responses).
    pub fn slides(&self) -> Vec<SlideId> {
        let team = self.document.team();
        team.presentation.for_team(team)
    }

    /// Whether names are hidden in what is on screen now.
    pub fn names_hidden(&self) -> bool {
        let w = &self.workshop;
        match (&w.present, &w.export) {
            (_, Some(job)) => job.hide_names,
            (Some(p), None) => p.hide_names,
            (None, None) => w.hide_names,
        }
    }

    /// Bring the anonymised team and its withheld analysis up to date.
    pub(super) fn refresh_hidden(&mut self) {
        let min = self
            .workshop
            .min_group
            .unwrap_or(self.document.team().min_group_size);
        let key = (self.document.revision(), min, self.workshop.group_by);
        if self.workshop.hidden.as_ref().is_some_and(|h| h.key == key) {
            return;
        }
        let team = presentation::for_the_room(self.document.team(), min, self.workshop.group_by);
        let analysis = crate::analysis::analyse_workshop_safe(&team, min);
        self.workshop.hidden = Some(HiddenView {
            key,
            team,
            analysis,
        });
    }

    /// Start presenting (names hidden unless asked otherwise).
    pub fn start_presenting(&mut self, hide_names: bool) {
        self.workshop.present = Some(Presenter::new(hide_names, 0.0));
        // The service's map is fitted again to the slide's size.
        if let Some(service) = &mut self.service {
            service.present_view = crate::ui::service::ServiceViewState::default();
        }
        self.workshop.present_setup_done = false;
    }

    /// The presentation's frame: keys, the slide, and the step it asks for.
    pub(super) fn present_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.workshop.present_setup_done {
            self.workshop.present_setup_done = true;
            // A zoom left over from a presentation that was stopped is not the editor's.
            let zoom = self
                .prefs
                .zoom_before_present
                .unwrap_or_else(|| ctx.zoom_factor());
            self.prefs.zoom_before_present = Some(zoom);
            if let Some(p) = &mut self.workshop.present {
                p.previous_zoom = zoom;
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        let zoom = present::slide_zoom(&ctx);
        if (ctx.zoom_factor() - zoom).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
        }
        let mut steps = if ctx.egui_wants_keyboard_input() {
            Vec::new()
        } else {
            present::keys(&ctx)
        };
        if self.presents_service() {
            self.service_present_frame(ui, steps);
            return;
        }
        let slides = self.slides();
        self.analysis();
        self.refresh_hidden();
        let date = crate::format::long_date(std::time::SystemTime::now());
        let revision = self.document.revision();
        let Some(p) = &mut self.workshop.present else {
            return;
        };
        p.index = p.index.min(slides.len().saturating_sub(1));
        let slide = slides.get(p.index).copied().unwrap_or(SlideId::Title);
        let Some((team, analysis)) = shown(
            self.document.team(),
            self.analysis.as_ref(),
            self.workshop.hidden.as_ref(),
            p.hide_names,
        ) else {
            return;
        };
        let content = SlideContent {
            team,
            analysis,
            revision,
            number: p.index + 1,
            total: slides.len(),
            hide_names: p.hide_names,
            date: &date,
            caption: slides::captions(&slides, analysis)
                .get(p.index)
                .cloned()
                .flatten(),
            prompt: slides
                .get(p.index)
                .map(|s| slides::prompt(team, *s).to_owned()),
            controls: true,
        };
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                if let Some(step) = present::show_slide(ui, slide, &mut p.map, &content) {
                    steps.push(step);
                }
            });
        for step in steps {
            match step {
                Step::Next => p.index = (p.index + 1).min(slides.len().saturating_sub(1)),
                Step::Previous => p.index = p.index.saturating_sub(1),
                Step::First => p.index = 0,
                Step::Last => p.index = slides.len().saturating_sub(1),
                Step::ToggleNames => p.hide_names = !p.hide_names,
                Step::RunRound => {
                    // The kiosk is laid out for the editor's scale, not the slides'.
                    if p.previous_zoom > 0.0 {
                        ctx.set_zoom_factor(p.previous_zoom);
                    }
                    self.start_perception_round(&ctx);
                    return;
                }
                Step::Leave => {
                    self.leave_presenting(&ctx);
                    return;
                }
            }
        }
    }

    pub fn leave_presenting(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.workshop.present.take() {
            if p.previous_zoom > 0.0 {
                ctx.set_zoom_factor(p.previous_zoom);
            }
            self.prefs.zoom_before_present = None;
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// The slide that shows what the editor shows now.
    pub fn current_slide(&self) -> SlideId {
        match self.editor.view {
            // The table is not a slide: a picture of it is the map as drawn.
            MainView::Map | MainView::Table => present::slide_of_map(self.editor.map.layout),
            MainView::Charts(chart) => SlideId::Chart(chart),
            MainView::Compare => SlideId::Changes,
            // The service has no deck of its own yet: the team in the editor is presented.
            MainView::Snapshot | MainView::Service => SlideId::Map,
        }
    }

    /// Export the current map or chart as a picture at twice the screen's scale.
    pub fn export_picture(&mut self, path: PathBuf) {
        // From the Service view, its tab as a slide of the service's deck.
        if let Some(state) = self.service.as_ref().filter(|_| self.presents_service()) {
            let mut job = ExportJob::new(
                ExportKind::ServicePicture {
                    path,
                    slide: crate::ui::service::Slide::Tab(state.view.tab),
                },
                self.names_hidden(),
            );
            job.service_view = state.view.clone();
            self.workshop.export = Some(job);
            return;
        }
        let slide = self.current_slide();
        self.workshop.export = Some(ExportJob::new(
            ExportKind::Picture { path, slide },
            self.names_hidden(),
        ));
    }

    /// Export every chosen slide and the handout into `dir` (created if need be).
    pub fn export_slides(&mut self, dir: PathBuf, hide_names: bool) {
        // From the Service view, the service's deck.
        if self.presents_service() {
            self.workshop.export = Some(ExportJob::new(
                ExportKind::ServiceSlides { dir, pdf_to: None },
                hide_names,
            ));
            return;
        }
        let slides = self.slides();
        self.workshop.export = Some(ExportJob::new(
            ExportKind::Slides {
                dir,
                slides,
                pdf_to: None,
            },
            hide_names,
        ));
    }

    /// The printable handout alone: the chosen slides are drawn into a folder of our own,
    /// made into `path`, and the folder removed.
    pub fn export_handout_pdf(&mut self, path: PathBuf, hide_names: bool) {
        let slides = self.slides();
        let dir = std::env::temp_dir().join(format!(
            "teamscape-handout-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis())
        ));
        // From the Service view, the service's handout.
        if self.presents_service() {
            self.workshop.export = Some(ExportJob::new(
                ExportKind::ServiceSlides {
                    dir,
                    pdf_to: Some(path),
                },
                hide_names,
            ));
            return;
        }
        self.workshop.export = Some(ExportJob::new(
            ExportKind::Slides {
                dir,
                slides,
                pdf_to: Some(path),
            },
            hide_names,
        ));
    }

    /// `--export-slides`: export, then close the window and report to `main`.
    pub fn export_slides_and_exit(&mut self, dir: PathBuf, hide_names: bool) -> ScreenshotResult {
        self.export_slides(dir, hide_names);
        let result: ScreenshotResult = Arc::new(Mutex::new(None));
        if let Some(job) = &mut self.workshop.export {
            job.exit_with = Some(Arc::clone(&result));
            job.window = Some(SLIDE_PIXELS);
        }
        result
    }

    /// Whether an export is running (it draws instead of the editor).
    pub fn exporting(&self) -> bool {
        self.workshop.export.is_some()
    }

    /// One frame of an export: draw the slide, and when it has settled take its picture.
    pub(super) fn export_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        ctx.request_repaint();
        self.analysis();
        self.refresh_hidden();
        let revision = self.document.revision();
        let Some(job) = &mut self.workshop.export else {
            return;
        };
        if job.previous_zoom.is_none() {
            job.previous_zoom = Some(ctx.zoom_factor());
            // A handout alone is for printing: its slides are drawn light, whatever the
            // window's theme, and the theme is put back after.
            if job.kind.is_handout_alone() {
                job.previous_theme = Some(ctx.options(|o| o.theme_preference));
                ctx.set_theme(egui::Theme::Light);
            }
            if let ExportKind::Slides { dir, .. } | ExportKind::ServiceSlides { dir, .. } =
                &job.kind
            {
                if let Err(e) = std::fs::create_dir_all(dir) {
                    let message = format!("{}: could not create the folder: {e}", dir.display());
                    self.finish_export(&ctx, Err(message));
                    return;
                }
            }
        }
        if let Some(size) = job.window {
            let now = ctx.content_rect().size() * ctx.pixels_per_point();
            if (now - size).length() > 1.0 && job.resize_frames < MAX_RESIZE_FRAMES {
                if job.resize_frames == 0 {
                    // In points as egui counts them now (zoom included).
                    let points = size / ctx.pixels_per_point().max(0.25);
                    ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(points));
                }
                job.resize_frames += 1;
                job.frames = 0;
            }
        }
        if job.kind.is_service() {
            self.export_service_frame(ui);
            return;
        }
        let Some(slide) = job.slide() else {
            let outcome = self.write_handout();
            self.finish_export(&ctx, outcome);
            return;
        };
        // Pictures of one view at twice the screen's scale; slides as Present shows them.
        let zoom = match job.kind {
            ExportKind::Picture { .. } => job.previous_zoom.unwrap_or(1.0) * 2.0,
            // (A service's are drawn by `app::service` and never come here.)
            _ => present::slide_zoom(&ctx),
        };
        if (ctx.zoom_factor() - zoom).abs() > 0.01 {
            ctx.set_zoom_factor(zoom);
            job.frames = 0;
        }
        let date = crate::format::long_date(std::time::SystemTime::now());
        let Some((team, analysis)) = shown(
            self.document.team(),
            self.analysis.as_ref(),
            self.workshop.hidden.as_ref(),
            job.hide_names,
        ) else {
            return;
        };
        let content = SlideContent {
            team,
            analysis,
            revision,
            number: job.index + 1,
            total: job.total(),
            hide_names: job.hide_names,
            date: &date,
            caption: match &job.kind {
                ExportKind::Slides { slides: list, .. } => slides::captions(list, analysis)
                    .get(job.index)
                    .cloned()
                    .flatten(),
                _ => None,
            },
            prompt: match &job.kind {
                ExportKind::Slides { slides: list, .. } => list
                    .get(job.index)
                    .map(|s| slides::prompt(team, *s).to_owned()),
                _ => None,
            },
            controls: false,
        };
        let rect = egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                present::show_slide(ui, slide, &mut job.map, &content);
                ui.max_rect()
            })
            .inner;
        let path = job.path(slide);
        self.capture_slide(&ctx, rect, path);
    }

    /// Once the slide drawn into `rect` has settled, take its picture and save it at `path`;
    /// then the export moves on to the next slide.
    pub(super) fn capture_slide(&mut self, ctx: &egui::Context, rect: egui::Rect, path: PathBuf) {
        let Some(job) = &mut self.workshop.export else {
            return;
        };
        job.frames += 1;
        match &job.shot {
            None if job.frames >= EXPORT_SETTLE_FRAMES => {
                let slot: ShotSlot = Arc::new(Mutex::new(None));
                let slot2 = Arc::clone(&slot);
                let ctx2 = ctx.clone();
                ctx.request_screenshot(move |image| {
                    if let Ok(mut s) = slot2.lock() {
                        *s = Some(image);
                    }
                    ctx2.request_repaint();
                });
                job.shot = Some((slot, rect, ctx.pixels_per_point()));
            }
            Some((slot, rect, ppp)) => {
                let image = slot.lock().ok().and_then(|mut s| s.take());
                if let Some(image) = image {
                    let picture = present::crop(&image, *rect, *ppp);
                    if let Err(e) = save_png(&picture, &path) {
                        self.finish_export(ctx, Err(e));
                        return;
                    }
                    job.written.push(path);
                    job.index += 1;
                    job.frames = 0;
                    job.shot = None;
                }
            }
            None => {}
        }
    }

    /// After the last slide: the handout beside the pictures.
    fn write_handout(&self) -> Result<(), String> {
        let Some(job) = &self.workshop.export else {
            return Ok(());
        };
        let ExportKind::Slides {
            dir,
            slides,
            pdf_to,
        } = &job.kind
        else {
            return Ok(());
        };
        let Some((team, analysis)) = shown(
            self.document.team(),
            self.analysis.as_ref(),
            self.workshop.hidden.as_ref(),
            job.hide_names,
        ) else {
            return Err("the team's figures were not ready".to_owned());
        };
        let date = crate::format::long_date(std::time::SystemTime::now());
        let text = slides::handout(team, analysis, slides, &date);
        io::write_export(&dir.join("handout.md"), |out| {
            out.write_all(text.as_bytes())
        })
        .map_err(|e| e.to_string())?;
        // The PDF holds the pictures just written, read back from the folder.
        let pictures = job
            .written
            .iter()
            .map(|path| {
                std::fs::read(path).map_err(|e| format!("could not read {}: {e}", path.display()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let pdf =
            crate::analysis::handout_pdf::render(&crate::analysis::handout_pdf::HandoutPdf {
                team,
                analysis,
                slides,
                pictures: &pictures,
                date: &date,
            })?;
        if let Some(target) = pdf_to {
            // The folder of pictures is removed when the export finishes.
            return io::write_export(target, |out| out.write_all(&pdf)).map_err(|e| e.to_string());
        }
        io::write_export(&dir.join("handout.pdf"), |out| out.write_all(&pdf))
            .map_err(|e| e.to_string())
    }

    pub(super) fn finish_export(&mut self, ctx: &egui::Context, outcome: Result<(), String>) {
        let Some(job) = self.workshop.export.take() else {
            return;
        };
        if let Some(zoom) = job.previous_zoom {
            ctx.set_zoom_factor(zoom);
        }
        if let Some(theme) = job.previous_theme {
            ctx.set_theme(theme);
        }
        // A handout alone drew its slides into a folder of the app's own: gone whatever
        // the outcome, so no picture (with names, if they were shown) is left behind.
        if job.kind.is_handout_alone() {
            if let ExportKind::Slides { dir, .. } | ExportKind::ServiceSlides { dir, .. } =
                &job.kind
            {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
        self.status = Some(match (&outcome, &job.kind) {
            (Err(e), _) => StatusMessage::error(format!("Export stopped: {e}")),
            (
                Ok(()),
                ExportKind::Picture { path, .. } | ExportKind::ServicePicture { path, .. },
            ) => StatusMessage::info(format!("Exported {}", path.display())),
            (
                Ok(()),
                ExportKind::Slides {
                    pdf_to: Some(path), ..
                },
            ) => StatusMessage::info(format!(
                "Exported the handout, {} slides, to {}",
                job.written.len(),
                path.display()
            )),
            (Ok(()), ExportKind::Slides { dir, .. }) => StatusMessage::info(format!(
                "Exported {} slides, handout.md and handout.pdf to {}",
                job.written.len(),
                dir.display()
            )),
            (
                Ok(()),
                ExportKind::ServiceSlides {
                    pdf_to: Some(path), ..
                },
            ) => StatusMessage::info(format!(
                "Exported the service's handout, {} slides, to {}",
                job.written.len(),
                path.display()
            )),
            (Ok(()), ExportKind::ServiceSlides { dir, .. }) => StatusMessage::info(format!(
                "Exported the service's {} slides, handout.md and handout.pdf to {}",
                job.written.len(),
                dir.display()
            )),
        });
        if let Some(result) = &job.exit_with {
            if let Ok(mut slot) = result.lock() {
                *slot = Some(outcome);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// A folder name for exported slides: the team file's name with `-slides`.
pub fn default_slides_folder(stem: &str) -> String {
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{}-slides", clean.trim_matches('-'))
}

impl TeamscapeApp {
    /// Start a perception round full screen, on a blank screen waiting for the first person.
    pub fn start_perception_round(&mut self, ctx: &egui::Context) {
        let team = self.document.team();
        let label = format!(
            "Round of {}",
            crate::format::long_date(std::time::SystemTime::now())
        );
        // The clock seeds the order of pairs, so rounds do not all start alike.
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64);
        self.workshop.kiosk = Some(
            crate::ui::kiosk::Kiosk::new(team, label, crate::format::today_iso()).with_seed(seed),
        );
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
    }

    /// The kiosk's frame; when the facilitator ends the round its responses join the team
    /// as one undo step.
    pub(super) fn kiosk_frame(&mut self, ui: &mut egui::Ui) {
        let Some(kiosk) = &mut self.workshop.kiosk else {
            return;
        };
        let ended = egui::CentralPanel::default()
            .show(ui, |ui| crate::ui::kiosk::show(ui, kiosk))
            .inner;
        if ended.is_some() {
            // A round run from Present goes back to the presentation, still full screen.
            if self.workshop.present.is_none() {
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
            if let Some(kiosk) = self.workshop.kiosk.take() {
                let n = kiosk.respondents();
                if n == 0 {
                    self.status = Some(super::StatusMessage::info(
                        "The perception round ended with no responses",
                    ));
                    return;
                }
                let round = kiosk.into_round();
                self.apply(crate::document::Edit::AddPerceptionRound(Box::new(round)));
                // Presenting: go on to what the room just said.
                let slides = self.slides();
                if let Some(p) = &mut self.workshop.present {
                    if let Some(i) = slides
                        .iter()
                        .position(|s| *s == SlideId::Chart(ChartId::SeenVsGiven))
                    {
                        p.index = i;
                    }
                }
            }
        }
    }

    /// Whether a perception round is running.
    pub fn kiosk_running(&self) -> bool {
        self.workshop.kiosk.is_some()
    }
}
