//! Typeset, tagged PDF plans.
//!
//! `compose` gives the [`Document`]; the layout engine here (fonts,
//! shaping, line breaking, pagination, tables, …) places every glyph;
//! `content` writes the page content streams, printpdf subsets the fonts,
//! `images` turns pictures (decoded by [`crate::picture`]) into XObjects,
//! and lopdf holds the objects: pages, fonts, the tag tree, links,
//! bookmarks and metadata.

mod attachments;
mod bookmarks;
mod content;
mod embedding;
mod file;
mod flow;
pub(crate) mod fonts;
mod frontmatter;
mod furniture;
mod images;
mod lines;
mod metadata;
mod pagination;
mod reading_order;
mod shaping;
mod structure;
mod tables;
mod tagging;
mod theme;
mod writer;

use std::io::Write as _;

use chrono::NaiveDate;

use crate::compose::{self, ComposeError, ComposeOptions, Document};
use crate::store::PlanFile;

pub use furniture::WATERMARK;
use pagination::{Geometry, Pager};

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Adds the "DRAFT — not for publication" watermark to every page.
    pub draft: bool,
    /// 1-based chapter positions to include (all when None).
    pub chapters: Option<Vec<usize>>,
    /// The date on the title page and in the metadata (today when None).
    pub date: Option<NaiveDate>,
    /// The authority's logo, drawn at the top of the title page.
    pub logo: Option<compose::Image>,
}

/// How far an export has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    /// 0.0 to 1.0 over the whole export.
    pub fraction: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Reading,
    Laying,
    Writing,
    Done,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(transparent)]
    Compose(#[from] ComposeError),
    #[error("could not finish the PDF: {0}")]
    Pdf(#[from] lopdf::Error),
    #[error("could not embed the {font} font: {reason}")]
    Font { font: String, reason: String },
}

/// A finished PDF and what its reader should know.
#[derive(Debug)]
pub struct Exported {
    pub pdf: Vec<u8>,
    /// Each a full sentence naming where and what (a figure that shows a
    /// placeholder and why); the export is complete all the same.
    pub warnings: Vec<String>,
}

/// Exports the plan as PDF bytes.
pub fn export(
    plan: &PlanFile,
    opts: &PdfOptions,
    mut progress: Option<&mut dyn FnMut(Progress)>,
) -> Result<Exported, PdfError> {
    report(&mut progress, Stage::Reading, 0.0);
    let doc = compose::compose(
        plan,
        &ComposeOptions {
            chapters: opts.chapters.clone(),
            draft: opts.draft,
            date: opts.date,
            logo: opts.logo.clone(),
        },
    )?;
    let out = render(&doc, progress);
    free_later(doc);
    out
}

/// A file carried inside the PDF (an attached appendix), which readers
/// list among its attachments.
pub struct Attachment<'a> {
    pub name: &'a str,
    /// What it is, in words, for those who find it among the attachments.
    pub description: String,
    pub data: &'a [u8],
}

/// Lays out and writes a composed document; its warnings are the
/// document's and the layout's.
pub fn render(
    doc: &Document,
    progress: Option<&mut dyn FnMut(Progress)>,
) -> Result<Exported, PdfError> {
    render_with_files(doc, &[], progress)
}

/// [`render`], with `files` embedded in the PDF.
pub fn render_with_files(
    doc: &Document,
    files: &[Attachment],
    mut progress: Option<&mut dyn FnMut(Progress)>,
) -> Result<Exported, PdfError> {
    report(&mut progress, Stage::Laying, 0.1);
    let mut pager = layout(doc, &mut progress);
    let pictures = std::mem::take(&mut pager.pictures.encoded);
    let mut warnings = doc.warnings.clone();
    warnings.append(&mut pager.warnings);
    report(&mut progress, Stage::Writing, 0.6);
    let targets = structure::Targets {
        anchors: &pager.anchors,
        notes: &pager.note_places,
    };
    let lo = writer::document(&pager.pages, &pager.tree, pictures, |lo| {
        report(&mut progress, Stage::Writing, 0.8);
        structure::add(lo, &pager.pages, &pager.tree, &targets, &doc.meta.language)?;
        bookmarks::add(lo, &doc.contents, &pager.anchors, &pager.pages)?;
        metadata::set(lo, &doc.meta, &doc.meta.language)?;
        attachments::attach(lo, files)?;
        Ok(())
    })?;
    report(&mut progress, Stage::Writing, 0.9);
    let out = file::write(&lo);
    report(&mut progress, Stage::Done, 1.0);
    free_later((pager, lo));
    Ok(Exported { pdf: out, warnings })
}

/// Frees `t` on a thread of its own: a long plan's pages and objects take
/// a noticeable share of an export to free, which the caller need not
/// wait for (and a command-line export exits without waiting at all).
pub(crate) fn free_later<T: Send + 'static>(t: T) {
    std::thread::spawn(move || drop(t));
}

/// The zlib level for pictures' pixels. Level 2 gives files 70% the size
/// of level 1 in a third more time; higher levels cost much more for
/// little gain on pixels.
const PICTURE_LEVEL: u32 = 2;

/// The zlib level for everything else: page content, object streams,
/// fonts. On text-like data level 4 (the first with lazy matching) gives
/// files a fifth smaller than level 2 (the bench plan 597 -> 465 KB) for
/// about 7 ms more in a 170-page export; level 6 saves another tenth at
/// twice that cost.
const TEXT_LEVEL: u32 = 4;

fn deflate(bytes: &[u8]) -> Vec<u8> {
    deflate_at(bytes, TEXT_LEVEL)
}

fn deflate_pixels(bytes: &[u8]) -> Vec<u8> {
    deflate_at(bytes, PICTURE_LEVEL)
}

fn deflate_at(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(level),
    );
    z.write_all(bytes).expect("writing to memory does not fail");
    z.finish().expect("writing to memory does not fail")
}

fn report(progress: &mut Option<&mut dyn FnMut(Progress)>, stage: Stage, fraction: f32) {
    if let Some(p) = progress {
        p(Progress { stage, fraction });
    }
}

/// Places the whole document: title page, contents, chapters, furniture.
fn layout(doc: &Document, progress: &mut Option<&mut dyn FnMut(Progress)>) -> Pager {
    let geo = Geometry::a4_portrait();
    let mut pager = Pager::new(geo, shaping::Shaper::default());
    let width = geo.measure();
    pager.notes = doc
        .footnotes
        .iter()
        .map(|f| {
            let mut runs = flow::runs(&f.content, fonts::Style::Regular, theme::FOOTNOTE.size);
            runs.insert(
                0,
                lines::Run::new(
                    format!("{} ", f.number),
                    fonts::Style::Regular,
                    theme::FOOTNOTE.size,
                ),
            );
            lines::break_lines(&mut pager.shaper, &runs, width)
        })
        .collect();
    let slots = if doc.title_page {
        pager.title_page(&doc.meta);
        pager.contents(&doc.contents)
    } else {
        pager.head_logo = doc
            .meta
            .logo
            .clone()
            .map(|l| (l, doc.meta.authority.clone()));
        Vec::new()
    };
    let n = doc.chapters.len().max(1) as f32;
    for (i, ch) in doc.chapters.iter().enumerate() {
        pager.chapter(ch, width);
        report(progress, Stage::Laying, 0.1 + 0.5 * (i as f32 + 1.0) / n);
    }
    pager.finish_page();
    pager.trim();
    pager.number_contents(&slots);
    pager.furniture(&doc.meta);
    reading_order::apply(&mut pager.pages, &mut pager.tree);
    if let Some(w) = pager.shaper.missing_warning() {
        pager.warnings.push(w);
    }
    pager
}
