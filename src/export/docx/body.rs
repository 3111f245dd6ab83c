//! `word/document.xml` and `word/footnotes.xml`: the document's blocks as
//! WordprocessingML paragraphs and tables in the styles of `styles.xml`,
//! with the pictures and links they need collected on the way.
//!
//! Every loop here is over the composed document (bounded by the plan's
//! own limits) or over a table's columns; nothing is repeated per page.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use super::numbering::{self, Numbering};
use crate::compose::{
    figure_warning, spans_text, DocBlock, DocCell, DocChapter, DocTable, Document, Footnote, Image,
    Meta, Span,
};
use crate::export::chart;
use crate::export::pdf::WATERMARK;
use crate::export::xml::{escape, push_escaped};
use crate::picture;

/// A4 with 2 cm margins, in twips (twentieths of a point).
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
pub const MARGIN: u32 = 1134;
pub const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;
const TEXT_HEIGHT: u32 = PAGE_HEIGHT - 2 * MARGIN;

/// English Metric Units in a twip, and in a pixel at 96 an inch.
const EMU_PER_TWIP: u32 = 635;
const EMU_PER_PX: u32 = 9525;

/// A table cell's left and right margins together (Normal Table's).
const CELL_MARGINS: u32 = 216;

/// Tables of this many columns or more are set in the compact styles.
const COMPACT_COLUMNS: usize = 7;

/// The most picture bytes one file holds: each picture is stored once,
/// however many figures show it, so this bounds distinct pictures.
const MAX_PICTURE_BYTES: u64 = 256 << 20;

/// The namespaces of a part with paragraphs in it.
pub const NAMESPACES: &str =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
     xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
     xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
     xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

pub const REL_IMAGE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image";
pub const REL_LINK: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

/// A part's relationships: (id, type, target, external), one for each
/// target however often the part refers to it.
#[derive(Default)]
pub struct Rels {
    pub list: Vec<(String, &'static str, String, bool)>,
    ids: HashMap<(&'static str, String), String>,
}

impl Rels {
    /// The id of the relationship to `target`, made the first time.
    pub fn once(&mut self, kind: &'static str, target: String, external: bool) -> String {
        if let Some(id) = self.ids.get(&(kind, target.clone())) {
            return id.clone();
        }
        let id = format!("rId{}", self.list.len() + 1);
        self.list.push((id.clone(), kind, target.clone(), external));
        self.ids.insert((kind, target), id.clone());
        id
    }

    pub fn xml(&self) -> String {
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
        );
        for (id, kind, target, external) in &self.list {
            let mode = if *external {
                " TargetMode=\"External\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{}\"{mode}/>",
                escape(target)
            );
        }
        out.push_str("</Relationships>\n");
        out
    }
}

/// A picture stored in `word/media`.
pub struct Media {
    pub name: String,
    pub data: Arc<[u8]>,
}

/// What the body writer made, for the package.
pub struct Body {
    pub document: String,
    pub document_rels: Rels,
    pub footnotes: String,
    pub footnote_rels: Rels,
    pub numbering: String,
    pub media: Vec<Media>,
    pub warnings: Vec<String>,
}

/// Where paragraphs are being written, which sets their style and width.
#[derive(Clone, Copy)]
struct Ctx {
    style: &'static str,
    /// The width text can take, in twips.
    width: u32,
    /// How deep in lists (0 outside any).
    depth: usize,
}

const TOP: Ctx = Ctx {
    style: "Normal",
    width: TEXT_WIDTH,
    depth: 0,
};

/// Writes `doc`'s body, footnotes and lists.
pub fn write(doc: &Document) -> Body {
    let mut w = Writer {
        out: String::with_capacity(128 * 1024),
        rels: Rels::default(),
        numbering: Numbering::default(),
        pictures: HashMap::new(),
        media: Vec::new(),
        picture_budget: MAX_PICTURE_BYTES,
        warnings: doc.warnings.clone(),
        bookmarks: HashMap::new(),
        referenced: vec![false; doc.footnotes.len() + 1],
        drawings: 0,
        gap_before: false,
    };
    for (i, e) in doc.contents.iter().enumerate() {
        w.bookmarks
            .entry(e.anchor.clone())
            .or_insert_with(|| format!("_Toc{}", i + 1));
    }
    w.out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document ");
    w.out.push_str(NAMESPACES);
    w.out.push_str("><w:body>\n");
    if doc.title_page {
        w.title_page(&doc.meta);
        if !doc.contents.is_empty() {
            w.contents(doc);
        }
    } else if doc.meta.draft {
        w.text_p("DraftMark", WATERMARK);
    }
    for (i, c) in doc.chapters.iter().enumerate() {
        w.chapter(c, i == 0 && !doc.title_page);
    }
    w.out.push_str(&section_properties(doc.title_page));
    w.out.push_str("</w:body></w:document>\n");

    let document = std::mem::take(&mut w.out);
    let document_rels = std::mem::take(&mut w.rels);
    w.footnotes(&doc.footnotes);
    Body {
        document,
        document_rels,
        footnotes: std::mem::take(&mut w.out),
        footnote_rels: std::mem::take(&mut w.rels),
        numbering: w.numbering.xml(),
        media: w.media,
        warnings: w.warnings,
    }
}

/// A4 portrait, the running header and footer on every page but the
/// title page, if there is one. The header and footer are the document
/// part's relations 1 and 2 (see the package).
fn section_properties(title_page: bool) -> String {
    let title_pg = if title_page { "<w:titlePg/>" } else { "" };
    format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>\
         <w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" \
         w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>{title_pg}</w:sectPr>\n"
    )
}

struct Writer {
    out: String,
    rels: Rels,
    numbering: Numbering,
    /// Each picture's key → its media index and pixel size, or why it
    /// cannot be shown.
    pictures: HashMap<String, Result<(usize, u32, u32), String>>,
    media: Vec<Media>,
    picture_budget: u64,
    warnings: Vec<String>,
    /// A heading's anchor → its bookmark, which the contents link to.
    bookmarks: HashMap<String, String>,
    /// Whether footnote n's mark has been written: Word numbers a note by
    /// its one reference, so later marks of the same note are its number.
    referenced: Vec<bool>,
    drawings: u32,
    /// The next paragraph follows a boxed callout and keeps clear of it.
    gap_before: bool,
}

/// A paragraph's properties after its style.
#[derive(Default)]
struct Props {
    keep_next: bool,
    /// Starts a new page (or, Some(false), not, whatever the style says).
    page_break: Option<bool>,
    /// (list number, level).
    num: Option<(u32, usize)>,
    indent: Option<u32>,
}

impl Writer {
    fn open_p(&mut self, style: &str, props: Props) {
        let _ = write!(self.out, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/>");
        if props.keep_next {
            self.out.push_str("<w:keepNext/>");
        }
        match props.page_break {
            Some(true) => self.out.push_str("<w:pageBreakBefore/>"),
            Some(false) => self.out.push_str("<w:pageBreakBefore w:val=\"0\"/>"),
            None => {}
        }
        if let Some((num, level)) = props.num {
            let _ = write!(
                self.out,
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{num}\"/></w:numPr>",
                level.min(numbering::MAX_LEVEL)
            );
        }
        if std::mem::take(&mut self.gap_before) {
            self.out.push_str("<w:spacing w:before=\"240\"/>");
        }
        if let Some(left) = props.indent {
            let _ = write!(self.out, "<w:ind w:left=\"{left}\"/>");
        }
        self.out.push_str("</w:pPr>");
    }

    fn close_p(&mut self) {
        self.out.push_str("</w:p>\n");
    }

    /// A paragraph of plain text in `style`.
    fn text_p(&mut self, style: &str, text: &str) {
        self.open_p(style, Props::default());
        self.run(text, "");
        self.close_p();
    }

    /// A run of `text`, with `rpr` (run properties) if any; newlines and
    /// tabs become Word's breaks and tabs.
    fn run(&mut self, text: &str, rpr: &str) {
        if text.is_empty() {
            return;
        }
        self.out.push_str("<w:r>");
        if !rpr.is_empty() {
            let _ = write!(self.out, "<w:rPr>{rpr}</w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<w:br/>");
            }
            for (j, piece) in line.split('\t').enumerate() {
                if j > 0 {
                    self.out.push_str("<w:tab/>");
                }
                if !piece.is_empty() {
                    self.out.push_str("<w:t xml:space=\"preserve\">");
                    push_escaped(&mut self.out, piece);
                    self.out.push_str("</w:t>");
                }
            }
        }
        self.out.push_str("</w:r>");
    }

    fn page_break(&mut self) {
        self.out
            .push_str("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>\n");
    }

    fn title_page(&mut self, m: &Meta) {
        if m.draft {
            self.text_p("DraftMark", WATERMARK);
        }
        if let Some(logo) = &m.logo {
            let alt = match m.authority.trim() {
                "" => "Logo".to_owned(),
                a => format!("{a} logo"),
            };
            // A logo fits 6 cm by 3 cm.
            match self.picture(logo) {
                Ok(p) => {
                    self.open_p("Figure", Props::default());
                    self.drawing(p, &alt, 3402, 1701);
                    self.close_p();
                }
                Err(why) => self
                    .warnings
                    .push(format!("The title page has no logo because {why}.")),
            }
        }
        // The period once: many plans have it in their title already.
        let period = if m.title.contains(&m.period) {
            ""
        } else {
            &m.period
        };
        for (style, text) in [
            ("Subtitle", m.authority.as_str()),
            ("Title", m.title.as_str()),
            ("Subtitle", period),
        ] {
            if !text.trim().is_empty() {
                self.text_p(style, text);
            }
        }
        if let Some(v) = m.vision.as_deref().filter(|v| !v.trim().is_empty()) {
            self.open_p("Subtitle", Props::default());
            self.run(v, "<w:i/><w:iCs/>");
            self.close_p();
        }
        if !m.status.trim().is_empty() {
            self.open_p("Normal", Props::default());
            self.run(&m.status, "<w:b/><w:bCs/>");
            self.close_p();
        }
        if !m.date_text.trim().is_empty() {
            self.text_p("Normal", &m.date_text);
        }
    }

    /// A contents field that Word and LibreOffice rebuild (with page
    /// numbers) when asked to update fields, holding the entries as links
    /// until then, so the list reads right before any update.
    fn contents(&mut self, doc: &Document) {
        self.text_p("TOCHeading", "Contents");
        let last = doc.contents.len() - 1;
        for (i, e) in doc.contents.iter().enumerate() {
            let style = if e.level > 1 { "TOC2" } else { "TOC1" };
            self.open_p(style, Props::default());
            if i == 0 {
                self.out.push_str(
                    "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>\
                     <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-2\" \\h \\z \\u </w:instrText></w:r>\
                     <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
                );
            }
            let text = match &e.label {
                Some(l) => format!("{l} {}", e.title),
                None => e.title.clone(),
            };
            match self.bookmarks.get(&e.anchor) {
                Some(name) => {
                    let _ = write!(
                        self.out,
                        "<w:hyperlink w:anchor=\"{}\" w:history=\"1\">",
                        escape(name)
                    );
                    self.run(&text, "");
                    self.out.push_str("</w:hyperlink>");
                }
                None => self.run(&text, ""),
            }
            if i == last {
                self.out
                    .push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
            }
            self.close_p();
        }
    }

    /// A chapter from a new page: its label ("Appendix 2") above its
    /// heading, and its blocks. The first chapter of a document without a
    /// title page starts the first page.
    fn chapter(&mut self, c: &DocChapter, first_page: bool) {
        let mut heading = Props::default();
        if let Some(label) = &c.label {
            self.open_p(
                "Subtitle",
                Props {
                    keep_next: true,
                    page_break: Some(!first_page),
                    ..Props::default()
                },
            );
            self.run(label, "");
            self.close_p();
            heading.page_break = Some(false);
        } else if first_page {
            heading.page_break = Some(false);
        }
        self.heading("Heading1", Some(&c.anchor), heading, |w| {
            w.run(&c.heading_text(), "")
        });
        self.blocks(&c.blocks, TOP);
    }

    fn heading(
        &mut self,
        style: &str,
        anchor: Option<&str>,
        props: Props,
        content: impl FnOnce(&mut Self),
    ) {
        self.open_p(style, props);
        let mark = anchor.and_then(|a| self.bookmarks.get(a)).cloned();
        // Bookmark ids only need to differ; the name's number serves.
        if let Some(name) = &mark {
            let _ = write!(
                self.out,
                "<w:bookmarkStart w:id=\"{}\" w:name=\"{}\"/>",
                &name[4..],
                escape(name)
            );
        }
        content(self);
        if let Some(name) = &mark {
            let _ = write!(self.out, "<w:bookmarkEnd w:id=\"{}\"/>", &name[4..]);
        }
        self.close_p();
        self.gap_before = false;
    }

    fn blocks(&mut self, blocks: &[DocBlock], ctx: Ctx) {
        for (i, b) in blocks.iter().enumerate() {
            self.block(b, ctx);
            // Two quotes in a row, the first with no attribution, would
            // read as one: an empty attribution line parts them (as it
            // does for the import that reads this file back).
            if let (
                DocBlock::Quote {
                    attribution: None, ..
                },
                Some(DocBlock::Quote { .. }),
            ) = (b, blocks.get(i + 1))
            {
                self.text_p("QuoteAttribution", "");
            }
        }
    }

    fn block(&mut self, b: &DocBlock, ctx: Ctx) {
        match b {
            DocBlock::Heading {
                level,
                anchor,
                content,
            } => {
                let style = if *level <= 2 { "Heading2" } else { "Heading3" };
                self.heading(style, anchor.as_deref(), Props::default(), |w| {
                    w.spans(content, "")
                });
            }
            DocBlock::Paragraph { label, content } => {
                match (label, ctx.style) {
                    (Some(l), "Normal") => {
                        self.open_p("NumberedParagraph", Props::default());
                        self.run(&format!("{l}\t"), "");
                    }
                    (Some(l), style) => {
                        self.open_p(style, Props::default());
                        self.run(&format!("{l} "), "");
                    }
                    (None, style) => self.open_p(style, Props::default()),
                }
                self.spans(content, "");
                self.close_p();
            }
            DocBlock::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, ctx),
            DocBlock::Quote {
                blocks,
                attribution,
            } => {
                let inner = Ctx {
                    style: "Quote",
                    width: ctx.width.saturating_sub(1134),
                    ..ctx
                };
                self.blocks(blocks, inner);
                if let Some(a) = attribution {
                    self.text_p("QuoteAttribution", &format!("— {a}"));
                }
            }
            DocBlock::Callout {
                callout,
                title,
                blocks,
            } => {
                self.open_p("CalloutLabel", Props::default());
                self.run(callout.label(), "");
                self.close_p();
                if let Some(t) = title {
                    self.text_p("CalloutTitle", t);
                }
                let inner = Ctx {
                    style: "IntenseQuote",
                    width: ctx.width.saturating_sub(680),
                    ..ctx
                };
                self.blocks(blocks, inner);
                self.gap_before = true;
            }
            DocBlock::Chart(c) => {
                // Drawn at three pixels a point (216 dpi), shown at the
                // chart's size or the width there is.
                let png = chart::png(c, 3.0);
                let (w, h) = ((chart::WIDTH * 3.0) as u32, (chart::HEIGHT * 3.0) as u32);
                match self.store_bytes(Arc::from(png), "png", w, h) {
                    Ok(p) => {
                        self.open_p("Figure", Props::default());
                        let max_w = ctx.width.min((chart::WIDTH * 20.0) as u32);
                        self.drawing(p, &c.alt, max_w, TEXT_HEIGHT);
                        self.close_p();
                    }
                    Err(why) => {
                        self.warnings.push(format!(
                            "The chart of {} is left out because {why}.",
                            c.title
                        ));
                        self.text_p(ctx.style, &c.alt);
                    }
                }
                self.text_p("Caption", &c.title);
            }
            DocBlock::Table(t) => {
                self.table(t, ctx);
                // A table has no space below it of its own.
                self.gap_before = true;
            }
            DocBlock::Figure {
                alt,
                caption,
                image,
                place,
            } => {
                let shown = image.as_ref().map(|i| self.picture(i));
                match shown {
                    Some(Ok(p)) => {
                        self.open_p("Figure", Props::default());
                        self.drawing(p, alt, ctx.width, TEXT_HEIGHT * 6 / 10);
                        self.close_p();
                    }
                    failed => {
                        // The PDF has said why a missing picture is
                        // missing; one it could use but this file cannot
                        // is said here.
                        if let Some(Err(why)) = failed {
                            self.warnings.push(figure_warning(alt, place, &why));
                        }
                        self.open_p(ctx.style, Props::default());
                        self.run(&format!("Picture not available: {alt}"), "<w:i/><w:iCs/>");
                        self.close_p();
                    }
                }
                if let Some(c) = caption {
                    self.text_p("Caption", c);
                }
            }
            DocBlock::PageBreak => self.page_break(),
        }
    }

    fn list(&mut self, ordered: bool, start: u32, items: &[Vec<DocBlock>], ctx: Ctx) {
        let level = ctx.depth.min(numbering::MAX_LEVEL);
        let (style, num) = if ordered {
            ("ListNumber", self.numbering.ordered(level, start))
        } else {
            ("ListBullet", numbering::BULLET)
        };
        let inner = Ctx {
            depth: ctx.depth + 1,
            width: ctx.width.saturating_sub(numbering::indent(level)),
            ..ctx
        };
        for item in items {
            let mut rest = item.as_slice();
            self.open_p(
                style,
                Props {
                    num: Some((num, level)),
                    ..Props::default()
                },
            );
            if let Some((
                DocBlock::Paragraph {
                    label: None,
                    content,
                },
                more,
            )) = item.split_first()
            {
                self.spans(content, "");
                rest = more;
            }
            self.close_p();
            for b in rest {
                match b {
                    DocBlock::Paragraph {
                        label: None,
                        content,
                    } => {
                        self.open_p(
                            "ListContinue",
                            Props {
                                indent: Some(numbering::indent(level)),
                                ..Props::default()
                            },
                        );
                        self.spans(content, "");
                        self.close_p();
                    }
                    other => self.block(other, inner),
                }
            }
        }
    }

    fn table(&mut self, t: &DocTable, ctx: Ctx) {
        if t.rows.is_empty() {
            return;
        }
        if let Some(c) = &t.caption {
            self.open_p(
                "Caption",
                Props {
                    keep_next: true,
                    ..Props::default()
                },
            );
            self.run(c, "");
            self.close_p();
        }
        // A table of many columns is set smaller, so its words fit.
        let compact = t.rows.iter().map(Vec::len).max().unwrap_or(0) >= COMPACT_COLUMNS;
        let widths = column_widths(t, ctx.width, if compact { 117 } else { 136 });
        let head = t.header_rows.min(t.rows.len());
        self.out
            .push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/>");
        let _ = write!(
            self.out,
            "<w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>\
             <w:tblLook w:val=\"{}\" w:firstRow=\"{}\" w:lastRow=\"0\" w:firstColumn=\"0\" \
             w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/>",
            widths.iter().sum::<u32>(),
            if head > 0 { "0420" } else { "0400" },
            u8::from(head > 0)
        );
        if let Some(c) = &t.caption {
            let _ = write!(self.out, "<w:tblCaption w:val=\"{}\"/>", escape(c));
        }
        self.out.push_str("</w:tblPr><w:tblGrid>");
        for w in &widths {
            let _ = write!(self.out, "<w:gridCol w:w=\"{w}\"/>");
        }
        self.out.push_str("</w:tblGrid>\n");
        for (r, row) in t.rows.iter().enumerate() {
            // A row is kept whole on a page, as committee papers are read.
            self.out.push_str(if r < head {
                "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            } else {
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            });
            let mut col = 0;
            for cell in row {
                if col >= widths.len() {
                    break;
                }
                let span = (cell.colspan.max(1) as usize).min(widths.len() - col);
                let width: u32 = widths[col..col + span].iter().sum();
                self.cell(cell, span, width, r < head, compact, ctx);
                col += span;
            }
            // A short row is filled out, so the grid stays whole.
            while col < widths.len() {
                let _ = write!(
                    self.out,
                    "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/></w:tcPr><w:p/></w:tc>",
                    widths[col]
                );
                col += 1;
            }
            self.out.push_str("</w:tr>\n");
        }
        self.out.push_str("</w:tbl>\n");
    }

    fn cell(
        &mut self,
        cell: &DocCell,
        span: usize,
        width: u32,
        head_row: bool,
        compact: bool,
        ctx: Ctx,
    ) {
        let _ = write!(
            self.out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        );
        if span > 1 {
            let _ = write!(self.out, "<w:gridSpan w:val=\"{span}\"/>");
        }
        if head_row {
            self.out
                .push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E0E8F2\"/>");
        }
        self.out.push_str("</w:tcPr>");
        let inner = Ctx {
            style: match (cell.header, compact) {
                (true, false) => "TableHeading",
                (false, false) => "TableText",
                (true, true) => "TableHeadingCompact",
                (false, true) => "TableTextCompact",
            },
            width: width.saturating_sub(CELL_MARGINS),
            depth: ctx.depth,
        };
        let before = self.out.len();
        self.blocks(&cell.blocks, inner);
        // Word wants every cell to end with a paragraph.
        if self.out.len() == before || self.out.ends_with("</w:tbl>\n") {
            let _ = write!(
                self.out,
                "<w:p><w:pPr><w:pStyle w:val=\"{}\"/></w:pPr></w:p>",
                inner.style
            );
        }
        self.out.push_str("</w:tc>");
    }

    /// The picture of `image` in the file (stored once however many figures
    /// show it): its media index and pixel size, or why it cannot be used.
    fn picture(&mut self, image: &Image) -> Result<(usize, u32, u32), String> {
        if let Some(known) = self.pictures.get(&image.key) {
            return known.clone();
        }
        let found = self.store(image);
        self.pictures.insert(image.key.clone(), found.clone());
        found
    }

    fn store(&mut self, image: &Image) -> Result<(usize, u32, u32), String> {
        let info = picture::probe(&image.data)
            .map_err(|why| format!("its image {} cannot be used: {why}", image.name))?;
        let len = image.data.len() as u64;
        if len > picture::MAX_FILE_BYTES {
            return Err(format!(
                "its image {} is larger than {} MB",
                image.name,
                picture::MAX_FILE_BYTES >> 20
            ));
        }
        let ext = match info.kind {
            picture::Kind::Png => "png",
            picture::Kind::Jpeg => "jpeg",
        };
        self.store_bytes(image.data.clone(), ext, info.width, info.height)
    }

    /// Keeps a picture's bytes for `word/media`, within the file's budget.
    fn store_bytes(
        &mut self,
        data: Arc<[u8]>,
        ext: &str,
        width: u32,
        height: u32,
    ) -> Result<(usize, u32, u32), String> {
        let len = data.len() as u64;
        if len > self.picture_budget {
            return Err(format!(
                "the file already holds {} MB of pictures, as many as it may",
                MAX_PICTURE_BYTES >> 20
            ));
        }
        self.picture_budget -= len;
        self.media.push(Media {
            name: format!("image{}.{ext}", self.media.len() + 1),
            data,
        });
        Ok((self.media.len() - 1, width, height))
    }

    /// An inline picture of media `index`, its natural size at 96 pixels an
    /// inch scaled down to fit `max_w` × `max_h` twips, with `alt` as the
    /// description screen readers and Word's alt text show.
    fn drawing(&mut self, (index, pw, ph): (usize, u32, u32), alt: &str, max_w: u32, max_h: u32) {
        let rid = self.image_rel(index);
        // In EMUs, well within u32: 30,000 pixels a side at most, and the
        // page's text area.
        let (cx, cy) = picture::fit(
            pw.max(1) * EMU_PER_PX,
            ph.max(1) * EMU_PER_PX,
            max_w * EMU_PER_TWIP,
            max_h * EMU_PER_TWIP,
        );
        self.drawings += 1;
        let id = self.drawings;
        let alt = escape(alt);
        let name = &self.media[index].name;
        let _ = write!(
            self.out,
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
             <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
             <wp:docPr id=\"{id}\" name=\"Picture {id}\" descr=\"{alt}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\" descr=\"{alt}\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
             </a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        );
    }

    /// The document part's relation to media `index`, made once.
    fn image_rel(&mut self, index: usize) -> String {
        let target = format!("media/{}", self.media[index].name);
        self.rels.once(REL_IMAGE, target, false)
    }

    fn spans(&mut self, spans: &[Span], base: &str) {
        for s in spans {
            match s {
                Span::Text {
                    text,
                    bold,
                    italic,
                    link,
                } => {
                    let mut rpr = String::new();
                    if link.is_some() {
                        rpr.push_str("<w:rStyle w:val=\"Hyperlink\"/>");
                    }
                    rpr.push_str(base);
                    if *bold {
                        rpr.push_str("<w:b/><w:bCs/>");
                    }
                    if *italic {
                        rpr.push_str("<w:i/><w:iCs/>");
                    }
                    match link {
                        Some(href) => {
                            let id = self.rels.once(REL_LINK, href.clone(), true);
                            let _ = write!(self.out, "<w:hyperlink r:id=\"{id}\" w:history=\"1\">");
                            self.run(text, &rpr);
                            self.out.push_str("</w:hyperlink>");
                        }
                        None => self.run(text, &rpr),
                    }
                }
                Span::FootnoteRef { number } => {
                    let n = *number as usize;
                    let Some(seen) = self.referenced.get_mut(n).filter(|_| n > 0) else {
                        continue;
                    };
                    if std::mem::replace(seen, true) {
                        // Word gives a note one reference; a later mark of
                        // the same note is its number, raised.
                        self.run(&n.to_string(), "<w:rStyle w:val=\"FootnoteReference\"/>");
                    } else {
                        let _ = write!(
                            self.out,
                            "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr>\
                             <w:footnoteReference w:id=\"{n}\"/></w:r>"
                        );
                    }
                }
                Span::LineBreak => self.out.push_str("<w:r><w:br/></w:r>"),
            }
        }
    }

    /// `word/footnotes.xml`: Word's two separators, then the notes.
    fn footnotes(&mut self, notes: &[Footnote]) {
        self.out.push_str(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes ",
        );
        self.out.push_str(NAMESPACES);
        self.out.push_str(
            "><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" \
             w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>\n\
             <w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing \
             w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/>\
             </w:r></w:p></w:footnote>\n",
        );
        for n in notes {
            // A note no mark refers to would be a second note numbered
            // the same; the composer only lists notes that are marked.
            if !self
                .referenced
                .get(n.number as usize)
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            let _ = write!(
                self.out,
                "<w:footnote w:id=\"{}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr>\
                 <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>\
                 <w:r><w:t xml:space=\"preserve\"> </w:t></w:r>",
                n.number
            );
            self.spans(&n.content, "");
            self.out.push_str("</w:p></w:footnote>\n");
        }
        self.out.push_str("</w:footnotes>\n");
    }
}

/// The widths of a table's columns, in twips, filling `total`: each
/// column's share follows the longest text of its one-column cells
/// (between 6 and 50 characters), as a word processor's autofit would,
/// but no column is narrower than its longest word ("Timescale" is not
/// broken to fit) while the others can give way. `per_char` is about the
/// width of a bold character of the table's text, in twips.
fn column_widths(t: &DocTable, total: u32, per_char: u64) -> Vec<u32> {
    let columns = t
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.colspan.max(1) as usize).sum::<usize>())
        .max()
        .unwrap_or(1)
        .clamp(1, 63);
    let mut weight = vec![6u64; columns];
    let mut word = vec![1u64; columns];
    for row in &t.rows {
        let mut col = 0;
        for cell in row {
            if col >= columns {
                break;
            }
            if cell.colspan <= 1 {
                let (chars, longest) = cell_chars(&cell.blocks);
                weight[col] = weight[col].max(chars.clamp(6, 50) as u64);
                word[col] = word[col].max(longest.min(20) as u64);
            }
            col += cell.colspan.max(1) as usize;
        }
    }
    let total = total as u64;
    let least: Vec<u64> = word
        .iter()
        .map(|w| w * per_char + CELL_MARGINS as u64)
        .collect();
    let least_sum: u64 = least.iter().sum();
    if least_sum >= total {
        // Even the longest words do not fit: each column in proportion.
        return least
            .iter()
            .map(|l| (total * l / least_sum) as u32)
            .collect();
    }
    let sum: u64 = weight.iter().sum();
    let mut widths: Vec<u64> = weight.iter().map(|w| total * w / sum).collect();
    // Widen the narrow columns, taking the width from the others in
    // proportion to what each has to spare (which is more than enough, as
    // the least widths fit).
    let short: u64 = (0..columns)
        .map(|c| least[c].saturating_sub(widths[c]))
        .sum();
    let spare: u64 = (0..columns)
        .map(|c| widths[c].saturating_sub(least[c]))
        .sum();
    if short > 0 {
        for c in 0..columns {
            widths[c] = if widths[c] < least[c] {
                least[c]
            } else {
                widths[c] - (widths[c] - least[c]) * short / spare
            };
        }
    }
    widths.into_iter().map(|w| w as u32).collect()
}

/// The characters of a cell's text (counting to 50) and of its longest
/// word.
fn cell_chars(blocks: &[DocBlock]) -> (usize, usize) {
    let mut chars = 0;
    let mut longest = 0;
    for b in blocks {
        match b {
            DocBlock::Paragraph { content, .. } | DocBlock::Heading { content, .. } => {
                let text = spans_text(content);
                let n = text.chars().take(50).count();
                chars = chars.max(n);
                // A short text ("NI 101", "By Dec 2008") is kept on one
                // line, as a word is.
                if n <= 8 {
                    longest = longest.max(n);
                }
                for w in text.split_whitespace().take(1000) {
                    longest = longest.max(w.chars().take(20).count());
                }
            }
            _ => chars = 50,
        }
    }
    (chars, longest)
}
