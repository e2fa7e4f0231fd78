//! The workshop handout as a PDF to print: A4 portrait, a title page, then one section per
//! chosen slide (its picture, its finding and its discussion prompt), then the figures per
//! discipline. Written with krilla, which embeds a subset of the font, so the text is real
//! and can be selected and searched; the font is the app's own (Ubuntu Light, from egui), so
//! the handout looks like the slides.
//!
//! krilla places text but does not wrap it: lines are broken here, by the font's advance
//! widths read with ttf-parser.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::{report, slides, tables, Analysis};
use crate::model::{framework, pay, SlideId, Team};

/// A4 in PostScript points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 56.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Content stops here; the page number sits below.
const BOTTOM: f32 = PAGE_HEIGHT - MARGIN;
const BODY_SIZE: f32 = 10.5;
/// A slide's picture, narrower than the text so that two slides fit on a page.
const PICTURE_WIDTH: f32 = 0.86 * TEXT_WIDTH;
const LINE_GAP: f32 = 1.35;
const INK: (u8, u8, u8) = (30, 30, 30);
const QUIET: (u8, u8, u8) = (95, 95, 95);
const RULE: (u8, u8, u8) = (200, 205, 212);

/// The handout's content, gathered by the caller: `pictures` are the chosen slides' PNGs,
/// in the order of `slides`.
pub struct HandoutPdf<'a> {
    pub team: &'a Team,
    pub analysis: &'a Analysis,
    pub slides: &'a [SlideId],
    pub pictures: &'a [Vec<u8>],
    /// As the handout says it: `28 November 2026`.
    pub date: &'a str,
}

/// The PDF's bytes, or what went wrong (a picture that is not a PNG, a font that will not
/// load), as a sentence.
pub fn render(h: &HandoutPdf) -> Result<Vec<u8>, String> {
    let a = h.analysis;
    document(
        &format!("{}: workshop handout", a.team_name),
        &format!("Figures and findings for {}, {}", a.team_name, h.date),
        |pages| {
            title_page(pages, h);
            let captions = slides::captions(h.slides, a);
            for (i, slide) in h.slides.iter().enumerate() {
                let picture = h
                    .pictures
                    .get(i)
                    .ok_or_else(|| format!("the picture of slide {} is missing", i + 1))?;
                let mut under: Vec<(&str, (u8, u8, u8))> = Vec::new();
                if let Some(c) = captions.get(i).and_then(Option::as_ref) {
                    under.push((&c.text, INK));
                }
                if let Some(n) = slides::quotes_note(h.team, *slide) {
                    under.push((n, QUIET));
                }
                let prompt = format!("To discuss: {}", slides::prompt(h.team, *slide));
                under.push((&prompt, QUIET));
                picture_section(
                    pages,
                    &format!("{}. {}", i + 1, slide.label()),
                    picture,
                    &under,
                )?;
            }
            figures_section(pages, a);
            sources_section(pages, h.team, a);
            Ok(())
        },
    )
}

/// A service's handout: a title page, each slide's picture with what to discuss, then the
/// service's report as text.
pub struct ServiceHandout<'a> {
    pub name: &'a str,
    /// Lines under the title: the counts.
    pub counts: &'a [String],
    /// What hiding names withheld, where names are hidden.
    pub names_hidden: Option<&'a str>,
    /// Each slide's title and what to discuss, index for index with `pictures`.
    pub slides: &'a [(String, String)],
    pub pictures: &'a [Vec<u8>],
    /// The report, as `analysis::portfolio::render` writes it in text: a heading on a line of
    /// its own, its lines indented.
    pub report: &'a str,
    pub date: &'a str,
}

/// [`render`] for a service.
pub fn render_service(h: &ServiceHandout) -> Result<Vec<u8>, String> {
    document(
        &format!("{}: workshop handout", h.name),
        &format!(
            "Figures and findings across the teams of {}, {}",
            h.name, h.date
        ),
        |pages| {
            let contents: Vec<&str> = h
                .slides
                .iter()
                .map(|(title, _)| title.as_str())
                .chain(["The service's figures"])
                .collect();
            cover(pages, h.name, h.date, h.counts, h.names_hidden, &contents);
            for (i, (title, prompt)) in h.slides.iter().enumerate() {
                let picture = h
                    .pictures
                    .get(i)
                    .ok_or_else(|| format!("the picture of slide {} is missing", i + 1))?;
                let prompt = format!("To discuss: {prompt}");
                picture_section(
                    pages,
                    &format!("{}. {title}", i + 1),
                    picture,
                    &[(&prompt, QUIET)],
                )?;
            }
            pages.ensure(40.0);
            pages.paragraph(
                &format!("{}. The service's figures", h.slides.len() + 1),
                14.0,
                INK,
            );
            pages.space(6.0);
            for line in h.report.lines() {
                if line.trim().is_empty() {
                    pages.space(8.0);
                } else if line.starts_with(' ') {
                    pages.paragraph(line.trim(), BODY_SIZE, INK);
                } else {
                    pages.ensure(40.0);
                    pages.paragraph(line, 12.0, INK);
                    pages.space(2.0);
                }
            }
            Ok(())
        },
    )
}

/// A4 pages in the app's font, with `title` and `description` as the PDF's metadata, filled
/// by `fill`.
fn document(
    title: &str,
    description: &str,
    fill: impl FnOnce(&mut Pages) -> Result<(), String>,
) -> Result<Vec<u8>, String> {
    let font_data: &'static [u8] = epaint_default_fonts::UBUNTU_LIGHT;
    let font = Font::new(font_data.into(), 0).ok_or("the handout's font could not be loaded")?;
    let face = ttf_parser::Face::parse(font_data, 0)
        .map_err(|e| format!("the handout's font could not be read: {e}"))?;
    let metrics = Metrics { face: &face };
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("en-GB".to_owned())
            .creator("Teamscape".to_owned())
            .description(description.to_owned()),
    );
    let mut pages = Pages {
        doc: &mut doc,
        font,
        metrics,
        blocks: Vec::new(),
        y: MARGIN,
        page: 1,
    };
    fill(&mut pages)?;
    pages.flush();
    doc.finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// Advance widths from the font, for breaking lines.
struct Metrics<'f> {
    face: &'f ttf_parser::Face<'f>,
}

impl Metrics<'_> {
    fn width(&self, text: &str, size: f32) -> f32 {
        let per_unit = size / f32::from(self.face.units_per_em());
        text.chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(size * 0.5, |adv| f32::from(adv) * per_unit)
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width`, at word boundaries (a word longer
    /// than the line stands alone on its line).
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::replace(&mut line, word.to_owned()));
                }
            }
            lines.push(line);
        }
        lines
    }

    /// Text wrapped as [`Self::wrap`] does, but with a word wider than the line (a web
    /// address) broken into pieces that fit. For running text, not for table headings,
    /// whose words should stand whole.
    fn wrap_breaking(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let words: Vec<String> = paragraph
                .split_whitespace()
                .flat_map(|w| self.pieces(w, size, width))
                .collect();
            let mut line = String::new();
            for word in words {
                if line.is_empty() {
                    line = word;
                } else if self.width(&format!("{line} {word}"), size) <= width {
                    line = format!("{line} {word}");
                } else {
                    lines.push(std::mem::replace(&mut line, word));
                }
            }
            lines.push(line);
        }
        lines
    }

    /// A word wider than the line in pieces that fit, broken after a `/` where one falls in
    /// the piece, else where the line ends.
    fn pieces(&self, word: &str, size: f32, width: f32) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = word;
        while self.width(rest, size) > width && rest.chars().nth(1).is_some() {
            let chars: Vec<(usize, char)> = rest.char_indices().collect();
            // The longest prefix that fits, of at least one character.
            let fits = (1..chars.len())
                .rev()
                .find(|&n| self.width(&rest[..chars[n].0], size) <= width)
                .unwrap_or(1);
            let end = chars[fits].0;
            let cut = rest[..end].rfind('/').map_or(end, |i| i + 1);
            out.push(rest[..cut].to_owned());
            rest = &rest[cut..];
        }
        out.push(rest.to_owned());
        out
    }
}

/// Something to draw at a place on the current page.
enum Block {
    Text {
        at: (f32, f32),
        size: f32,
        colour: (u8, u8, u8),
        text: String,
    },
    Picture {
        at: (f32, f32),
        size: (f32, f32),
        png: Vec<u8>,
    },
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    Shade {
        rect: (f32, f32, f32, f32),
    },
}

/// The pages, drawn one at a time: blocks gather for the current page, which is written out
/// when the next begins. `y` is where the next line goes on it.
struct Pages<'d, 'f> {
    doc: &'d mut Document,
    font: Font,
    metrics: Metrics<'f>,
    blocks: Vec<Block>,
    y: f32,
    page: usize,
}

impl Pages<'_, '_> {
    fn text(&mut self, x: f32, baseline: f32, size: f32, colour: (u8, u8, u8), text: &str) {
        self.blocks.push(Block::Text {
            at: (x, baseline),
            size,
            colour,
            text: text.to_owned(),
        });
    }

    /// Wrapped text, starting a new page when a line would not fit.
    fn paragraph(&mut self, text: &str, size: f32, colour: (u8, u8, u8)) {
        for line in self.metrics.wrap_breaking(text, size, TEXT_WIDTH) {
            self.ensure(size * LINE_GAP);
            self.y += size * LINE_GAP;
            self.text(MARGIN, self.y - size * 0.3, size, colour, &line);
        }
    }

    /// The height `text` takes as a paragraph.
    fn height(&self, text: &str, size: f32) -> f32 {
        self.metrics.wrap_breaking(text, size, TEXT_WIDTH).len() as f32 * size * LINE_GAP
    }

    fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// A new page unless `height` more fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > MARGIN {
            self.new_page();
        }
    }

    fn new_page(&mut self) {
        self.flush();
        self.page += 1;
        self.y = MARGIN;
    }

    /// Write the gathered blocks as the current page, with its number at the foot (but on
    /// the title page).
    fn flush(&mut self) {
        let blocks = std::mem::take(&mut self.blocks);
        let Some(settings) = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT) else {
            return;
        };
        let mut page = self.doc.start_page_with(settings);
        let mut surface = page.surface();
        for block in blocks {
            draw(&mut surface, &self.font, block);
        }
        if self.page > 1 {
            let label = self.page.to_string();
            let w = self.metrics.width(&label, 9.0);
            draw(
                &mut surface,
                &self.font,
                Block::Text {
                    at: ((PAGE_WIDTH - w) / 2.0, PAGE_HEIGHT - MARGIN / 2.0),
                    size: 9.0,
                    colour: QUIET,
                    text: label,
                },
            );
        }
        surface.finish();
        page.finish();
    }
}

fn title_page(p: &mut Pages, h: &HandoutPdf) {
    let a = h.analysis;
    // Those with members: a team's catalogue may list more.
    let disciplines = h
        .team
        .disciplines
        .iter()
        .filter(|d| h.team.members.iter().any(|m| m.discipline == d.id))
        .count();
    let agencies = h
        .team
        .agencies
        .iter()
        .filter(|g| h.team.members.iter().any(|m| m.agency == g.id))
        .count();
    let mut counts = vec![
        slides::kind_line(h.team),
        format!(
            "{} · {:.1} FTE in the team · {} · {}",
            crate::format::count(a.headcount, "member", "members"),
            a.team_fte,
            crate::format::count(disciplines, "discipline", "disciplines"),
            crate::format::count(agencies, "agency", "agencies"),
        ),
    ];
    if let Some(warning) = crate::model::pay::out_of_date(h.team, &crate::format::today_iso()) {
        counts.push(warning);
    }
    let note = report::withheld_note(a);
    let contents: Vec<&str> = h
        .slides
        .iter()
        .map(|s| s.label())
        .chain(["Figures per discipline", "Sources"])
        .collect();
    cover(p, &a.team_name, h.date, &counts, note.as_deref(), &contents);
}

/// The title page: the name, the date, the counts, what hiding names withheld, and the
/// numbered contents.
fn cover(
    p: &mut Pages,
    name: &str,
    date: &str,
    counts: &[String],
    names_hidden: Option<&str>,
    contents: &[&str],
) {
    // The title stands a third of the way down, unless that would push the contents over
    // the page: then it moves up as far as they need.
    let numbered: Vec<String> = contents
        .iter()
        .enumerate()
        .map(|(i, item)| format!("{}. {item}", i + 1))
        .collect();
    let needed = p.height(name, 26.0)
        + p.height("Workshop handout", 16.0)
        + p.height(date, 12.0)
        + counts.iter().map(|c| p.height(c, 12.0)).sum::<f32>()
        + names_hidden.map_or(0.0, |n| {
            24.0 + p.height("Names hidden", 14.0) + 4.0 + p.height(n, BODY_SIZE)
        })
        + 30.0
        + p.height("In this handout", 14.0)
        + 4.0
        + numbered.iter().map(|c| p.height(c, BODY_SIZE)).sum::<f32>()
        + 30.0;
    p.space((BOTTOM - MARGIN - needed).clamp(0.0, 150.0));
    p.paragraph(name, 26.0, INK);
    p.space(6.0);
    p.paragraph("Workshop handout", 16.0, QUIET);
    p.space(18.0);
    p.paragraph(date, 12.0, INK);
    p.space(6.0);
    for line in counts {
        p.paragraph(line, 12.0, INK);
    }
    if let Some(note) = names_hidden {
        p.space(24.0);
        p.paragraph("Names hidden", 14.0, INK);
        p.space(4.0);
        p.paragraph(note, BODY_SIZE, QUIET);
    }
    p.space(30.0);
    p.paragraph("In this handout", 14.0, INK);
    p.space(4.0);
    for item in &numbered {
        p.paragraph(item, BODY_SIZE, INK);
    }
    p.new_page();
}

/// A PNG's width and height, from its header.
fn png_size(png: &[u8]) -> Option<(f32, f32)> {
    let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
    (png.starts_with(b"\x89PNG") && w > 0 && h > 0).then_some((w as f32, h as f32))
}

/// A slide's picture under its heading, then the paragraphs under it, kept on one page.
fn picture_section(
    p: &mut Pages,
    heading: &str,
    png: &[u8],
    under: &[(&str, (u8, u8, u8))],
) -> Result<(), String> {
    let (w, h) = png_size(png).ok_or_else(|| format!("the picture of “{heading}” is not a PNG"))?;
    let picture_height = PICTURE_WIDTH * h / w;
    let under_height: f32 = under
        .iter()
        .map(|(text, _)| p.height(text, BODY_SIZE) + 6.0)
        .sum::<f32>()
        // The last needs no space after it to fit.
        - if under.is_empty() { 0.0 } else { 6.0 };
    p.ensure(14.0 * LINE_GAP + 8.0 + picture_height + 10.0 + under_height);
    p.paragraph(heading, 14.0, INK);
    p.space(8.0);
    p.blocks.push(Block::Rule {
        from: (MARGIN, p.y - 4.0),
        to: (MARGIN + TEXT_WIDTH, p.y - 4.0),
        width: 0.5,
    });
    p.blocks.push(Block::Picture {
        at: (MARGIN + (TEXT_WIDTH - PICTURE_WIDTH) / 2.0, p.y),
        size: (PICTURE_WIDTH, picture_height),
        png: png.to_vec(),
    });
    p.space(picture_height + 10.0);
    for (text, colour) in under {
        p.paragraph(text, BODY_SIZE, *colour);
        p.space(6.0);
    }
    p.space(16.0);
    Ok(())
}

/// The report's figures per discipline as a table, its heading row repeated on each page.
/// Where the handout's facts come from: the outcomes framework, with its period, sources
/// and licence, and each pay scale's year, source and how far its figures are confirmed.
fn sources_section(p: &mut Pages, team: &Team, a: &Analysis) {
    let md = format!(
        "## Sources\n\n## The outcomes framework: {}\n\n{}\n{}",
        framework::dated(a.framework),
        framework::markdown(a.framework),
        pay::sources_markdown(team, a.workshop_safe.is_some())
    );
    p.new_page();
    for line in md.lines().map(str::trim) {
        if line.is_empty() {
            p.space(BODY_SIZE * 0.5);
        } else if let Some(heading) = line.strip_prefix("## ") {
            p.space(6.0);
            p.paragraph(heading, 14.0, INK);
            p.space(4.0);
        } else {
            p.paragraph(&plain(line), BODY_SIZE, INK);
        }
    }
}

/// A line of the handout's Markdown as print: links as "title (address)", a bullet for
/// "- ", and no emphasis marks.
fn plain(md: &str) -> String {
    let md = md
        .strip_prefix("- ")
        .map_or(md.to_owned(), |rest| format!("• {rest}"));
    let mut out = String::new();
    let mut rest = md.as_str();
    while let Some(open) = rest.find('[') {
        let Some(mid) = rest[open..].find("](").map(|i| open + i) else {
            break;
        };
        let Some(close) = rest[mid..].find(')').map(|i| mid + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..mid]);
        out.push_str(" (");
        out.push_str(&rest[mid + 2..close]);
        out.push(')');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out.replace("**", "").replace('*', "")
}

fn figures_section(p: &mut Pages, a: &Analysis) {
    let table = tables::disciplines(a);
    p.new_page();
    p.paragraph("Figures per discipline", 14.0, INK);
    p.space(10.0);
    let pad = 4.0;
    // Columns as wide as their widest figure (and the longest word of their heading); the
    // type shrinks until the table fits the page's width.
    let mut size = 8.5_f32;
    let widths = loop {
        let widths: Vec<f32> = (0..table.columns.len())
            .map(|c| {
                let cells = table.rows.iter().filter_map(|r| r.get(c));
                let widest = cells
                    .map(|t| p.metrics.width(t, size))
                    .fold(0.0_f32, f32::max);
                let word = table.columns[c]
                    .split_whitespace()
                    .map(|w| p.metrics.width(w, size))
                    .fold(0.0_f32, f32::max);
                widest.max(word) + 2.0 * pad
            })
            .collect();
        if widths.iter().sum::<f32>() <= TEXT_WIDTH || size <= 6.0 {
            break widths;
        }
        size -= 0.25;
    };
    // Spare width goes to the first column, where the disciplines' names are.
    let spare = (TEXT_WIDTH - widths.iter().sum::<f32>()).max(0.0);
    let widths: Vec<f32> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| if i == 0 { w + spare } else { *w })
        .collect();
    let line = size * LINE_GAP;
    let header: Vec<Vec<String>> = table
        .columns
        .iter()
        .zip(&widths)
        .map(|(c, w)| p.metrics.wrap(c, size, w - 2.0 * pad))
        .collect();
    let header_height = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * line + 2.0 * pad;
    let draw_row = |p: &mut Pages, cells: &[Vec<String>], height: f32, shade: bool| {
        if shade {
            p.blocks.push(Block::Shade {
                rect: (MARGIN, p.y, TEXT_WIDTH, height),
            });
        }
        let mut x = MARGIN;
        for (c, lines) in cells.iter().enumerate() {
            let w = widths.get(c).copied().unwrap_or(0.0);
            for (i, text) in lines.iter().enumerate() {
                let baseline = p.y + pad + line * (i as f32 + 1.0) - size * 0.3;
                // Figures right-aligned, so their digits line up.
                let tx = if c == 0 {
                    x + pad
                } else {
                    x + w - pad - p.metrics.width(text, size)
                };
                p.text(tx, baseline, size, INK, text);
            }
            x += w;
        }
        p.y += height;
    };
    let draw_header = |p: &mut Pages| {
        draw_row(p, &header, header_height, false);
        p.blocks.push(Block::Rule {
            from: (MARGIN, p.y),
            to: (MARGIN + TEXT_WIDTH, p.y),
            width: 0.8,
        });
    };
    draw_header(p);
    for (r, row) in table.rows.iter().enumerate() {
        let cells: Vec<Vec<String>> = row
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(c, (t, w))| {
                if c == 0 {
                    p.metrics.wrap(t, size, w - 2.0 * pad)
                } else {
                    vec![t.clone()]
                }
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * line + 2.0 * pad;
        if p.y + height > BOTTOM {
            p.new_page();
            draw_header(p);
        }
        draw_row(p, &cells, height, r % 2 == 0);
    }
    p.space(14.0);
    let meaning = if a.min_group().is_some() {
        report::TIMES_MEAN_MEANING
    } else {
        report::TIMES_MEDIAN_MEANING
    };
    p.paragraph(meaning, 9.0, QUIET);
    if let Some(note) = report::withheld_note(a) {
        p.space(4.0);
        p.paragraph(&note, 9.0, QUIET);
    }
}

fn colour(c: (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn draw(surface: &mut Surface, font: &Font, block: Block) {
    match block {
        Block::Text {
            at,
            size,
            colour: c,
            text,
        } => {
            surface.set_fill(Some(Fill {
                paint: colour(c).into(),
                ..Fill::default()
            }));
            surface.draw_text(
                Point::from_xy(at.0, at.1),
                font.clone(),
                size,
                &text,
                false,
                TextDirection::Auto,
            );
        }
        Block::Picture { at, size, png } => {
            let (Ok(image), Some(fit)) = (
                krilla::image::Image::from_png(png.into(), true),
                Size::from_wh(size.0, size.1),
            ) else {
                return;
            };
            surface.push_transform(&krilla::geom::Transform::from_translate(at.0, at.1));
            surface.draw_image(image, fit);
            surface.pop();
        }
        Block::Rule { from, to, width } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: colour(RULE).into(),
                    width,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Block::Shade { rect } => {
            let mut path = PathBuilder::new();
            if let Some(r) = Rect::from_xywh(rect.0, rect.1, rect.2, rect.3) {
                path.push_rect(r);
            }
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: rgb::Color::new(236, 240, 245).into(),
                    ..Fill::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_words_within_the_width() {
        let face = ttf_parser::Face::parse(epaint_default_fonts::UBUNTU_LIGHT, 0).unwrap();
        let m = Metrics { face: &face };
        let text = "Members with better conditions tend to spend less of their week in the team";
        let lines = m.wrap(text, 10.0, 150.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 150.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        // A word longer than the line stands alone rather than being lost (table headings);
        // running text breaks it into pieces that fit, a web address after a slash.
        assert_eq!(
            m.wrap("Supercalifragilistic", 10.0, 20.0),
            ["Supercalifragilistic"]
        );
        let word = m.wrap_breaking("Supercalifragilistic", 10.0, 20.0);
        assert!(word.len() > 1 && word.iter().all(|l| m.width(l, 10.0) <= 20.0));
        assert_eq!(word.concat(), "Supercalifragilistic");
        assert_eq!(
            m.wrap_breaking("W", 10.0, 1.0),
            ["W"],
            "one letter is never split"
        );
        let url =
            "https://www.gov.uk/government/publications/childrens-social-care-national-framework";
        let lines = m.wrap_breaking(url, 10.0, 150.0);
        assert_eq!(lines.concat(), url);
        assert!(lines[0].ends_with('/'), "{lines:?}");
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 150.0), "{lines:?}");
    }

    #[test]
    fn markdown_lines_print_plain() {
        assert_eq!(
            plain("- **NHS**, 2025/26: [Pay rates](https://x.org/a). *Confirmed*."),
            "• NHS, 2025/26: Pay rates (https://x.org/a). Confirmed."
        );
        assert_eq!(plain("An [unclosed link"), "An [unclosed link");
    }

    #[test]
    fn a_handout_has_a_title_page_a_page_per_two_slides_and_the_figures() {
        let team = crate::samples::load(0).unwrap();
        let analysis = crate::analysis::analyse(&team);
        let slides = [
            SlideId::Title,
            SlideId::Map,
            SlideId::Chart(crate::model::ChartId::Pay),
        ];
        // A 16:9 picture, as slides are exported.
        let mut png = Vec::new();
        image::RgbaImage::new(32, 18)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let pictures = vec![png; 3];
        let pdf = render(&HandoutPdf {
            team: &team,
            analysis: &analysis,
            slides: &slides,
            pictures: &pictures,
            date: "28 November 2026",
        })
        .unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        // Title page, slides 1–2, slide 3, figures, then two pages of sources (the
        // framework, and the eleven pay scales' years and sources).
        let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
        assert_eq!(pages, 6);
        // A picture missing is an error, not a short handout.
        let short = render(&HandoutPdf {
            team: &team,
            analysis: &analysis,
            slides: &slides,
            pictures: &pictures[..2],
            date: "28 November 2026",
        });
        assert!(short.is_err());
    }
}
