//! The plan as one self-contained, accessible HTML file: the same
//! [`Document`] as the PDF, so headings, paragraph numbers, footnote
//! numbers and contents agree across formats. Nothing in the file asks for
//! anything outside it: the style sheet is inline and pictures are data
//! URIs, so it reads the same offline, mailed, or on a council's intranet.
//!
//! Every text from the plan is escaped; links were already limited to
//! http, https and mailto when the document was composed.

use std::fmt::Write as _;

use base64::Engine as _;

use crate::compose::{
    figure_warning, DocBlock, DocCell, DocChapter, DocTable, Document, Footnote, Image, Meta, Span,
};
use crate::export::chart;
use crate::export::pdf::WATERMARK;
use crate::picture;

/// The style sheet, screen and print.
const STYLE: &str = include_str!("style.css");

/// What [`render`] made: the page and what it left out or changed.
pub struct Exported {
    pub html: String,
    /// Full sentences for the user: the document's own, then the page's.
    pub warnings: Vec<String>,
}

/// The most picture bytes one page embeds. A page repeats a picture for
/// every figure that shows it (the PDF holds it once), so a plan from
/// someone else with one large picture in a thousand figures would
/// otherwise make a page of gigabytes; past this, figures show their
/// placeholder and a warning says why.
const MAX_EMBEDDED_BYTES: u64 = 256 << 20;

/// Writes `doc` as an HTML page.
pub fn render(doc: &Document) -> Exported {
    render_within(doc, MAX_EMBEDDED_BYTES)
}

fn render_within(doc: &Document, picture_budget: u64) -> Exported {
    let mut w = Writer {
        out: String::with_capacity(64 * 1024),
        warnings: doc.warnings.clone(),
        refs: vec![0; doc.footnotes.len() + 1],
        picture_budget,
        charts: 0,
    };
    w.page(doc);
    Exported {
        html: w.out,
        warnings: w.warnings,
    }
}

struct Writer {
    out: String,
    warnings: Vec<String>,
    /// How many marks of footnote n have been written, so each mark has an
    /// id of its own and the note links back to the first.
    refs: Vec<u32>,
    /// Picture bytes the page may still embed.
    picture_budget: u64,
    /// Charts written so far, for each one's ids.
    charts: u32,
}

impl Writer {
    fn page(&mut self, doc: &Document) {
        let m = &doc.meta;
        let _ = write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n",
            attr(&m.language),
            text(&m.title_line()),
        );
        self.meta_tag("author", &m.authority);
        self.meta_tag("description", m.vision.as_deref().unwrap_or(""));
        self.meta_tag(
            "generator",
            concat!("Planwright ", env!("CARGO_PKG_VERSION")),
        );
        let _ = write!(self.out, "<style>\n{STYLE}</style>\n</head>\n<body>\n");
        self.out
            .push_str("<a class=\"skip-link\" href=\"#main\">Skip to the plan</a>\n");
        self.title_page(m);
        if !doc.contents.is_empty() {
            self.contents(doc);
        }
        self.out.push_str("<main id=\"main\">\n");
        for chapter in &doc.chapters {
            self.chapter(chapter);
        }
        if !doc.footnotes.is_empty() {
            self.footnotes(&doc.footnotes);
        }
        self.out.push_str("</main>\n</body>\n</html>\n");
    }

    fn meta_tag(&mut self, name: &str, content: &str) {
        if !content.trim().is_empty() {
            let _ = writeln!(
                self.out,
                "<meta name=\"{name}\" content=\"{}\">",
                attr(content.trim())
            );
        }
    }

    fn title_page(&mut self, m: &Meta) {
        self.out.push_str("<header class=\"title-page\">\n");
        if m.draft {
            let _ = writeln!(self.out, "<p class=\"draft\">{}</p>", text(WATERMARK));
        }
        if let Some(logo) = &m.logo {
            let alt = match m.authority.trim() {
                "" => "Logo".to_owned(),
                a => format!("{a} logo"),
            };
            if let Err(why) = self.img(logo, " class=\"logo\"", &alt) {
                self.warnings
                    .push(format!("The title page has no logo because {why}."));
            }
        }
        self.line("authority", &m.authority);
        let _ = writeln!(self.out, "<h1>{}</h1>", text(&m.title));
        self.line("period", &m.period);
        if let Some(v) = &m.vision {
            self.line("vision", v);
        }
        self.line("status", &m.status);
        if !m.date_text.is_empty() {
            let _ = writeln!(
                self.out,
                "<p class=\"date\"><time datetime=\"{}\">{}</time></p>",
                attr(&m.date),
                text(&m.date_text)
            );
        }
        self.out.push_str("</header>\n");
    }

    fn line(&mut self, class: &str, s: &str) {
        if !s.trim().is_empty() {
            let _ = writeln!(self.out, "<p class=\"{class}\">{}</p>", text(s));
        }
    }

    /// Chapters with their sections nested below them.
    fn contents(&mut self, doc: &Document) {
        self.out.push_str(
            "<nav class=\"contents\" aria-labelledby=\"contents-title\">\n\
             <h2 id=\"contents-title\">Contents</h2>\n<ol>\n",
        );
        let mut open_sections = false;
        for (i, e) in doc.contents.iter().enumerate() {
            if e.level > 1 && !open_sections {
                self.out.push_str("<ol>\n");
                open_sections = true;
            }
            if e.level == 1 && i > 0 {
                if open_sections {
                    self.out.push_str("</ol>\n");
                    open_sections = false;
                }
                self.out.push_str("</li>\n");
            }
            let label = e
                .label
                .as_deref()
                .map(|l| format!("<span class=\"num\">{}</span> ", text(l)))
                .unwrap_or_default();
            let _ = write!(
                self.out,
                "<li><a href=\"#{}\">{label}{}</a>",
                attr(&e.anchor),
                text(&e.title)
            );
            if e.level > 1 {
                self.out.push_str("</li>\n");
            }
        }
        if open_sections {
            self.out.push_str("</ol>\n");
        }
        self.out.push_str("</li>\n</ol>\n</nav>\n");
    }

    fn chapter(&mut self, c: &DocChapter) {
        let _ = write!(
            self.out,
            "<section class=\"chapter\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">",
            id = attr(&c.anchor)
        );
        if let Some(label) = &c.label {
            let _ = write!(self.out, "<span class=\"part\">{}</span> ", text(label));
        }
        if let Some(n) = c.number {
            let _ = write!(self.out, "<span class=\"num\">{n}</span> ");
        }
        let _ = writeln!(self.out, "{}</h2>", text(&c.title));
        self.blocks(&c.blocks);
        self.out.push_str("</section>\n");
    }

    fn blocks(&mut self, blocks: &[DocBlock]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &DocBlock) {
        match b {
            DocBlock::Heading {
                level,
                anchor,
                content,
            } => {
                // The title is h1 and chapters h2, so a section is h3.
                let h = (level + 1).min(6);
                let id = anchor
                    .as_deref()
                    .map(|a| format!(" id=\"{}\"", attr(a)))
                    .unwrap_or_default();
                let _ = write!(self.out, "<h{h}{id}>");
                self.spans(content);
                let _ = writeln!(self.out, "</h{h}>");
            }
            DocBlock::Paragraph { label, content } => {
                match label {
                    Some(l) => {
                        let _ = write!(
                            self.out,
                            "<p class=\"numbered\" id=\"para-{}\"><span class=\"num\">{}</span> ",
                            attr(l),
                            text(l)
                        );
                    }
                    None => self.out.push_str("<p>"),
                }
                self.spans(content);
                self.out.push_str("</p>\n");
            }
            DocBlock::List {
                ordered,
                start,
                items,
            } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let start = if *ordered && *start != 1 {
                    format!(" start=\"{start}\"")
                } else {
                    String::new()
                };
                let _ = writeln!(self.out, "<{tag}{start}>");
                for item in items {
                    self.out.push_str("<li>");
                    // A lone unnumbered paragraph is the item's own text.
                    match item.as_slice() {
                        [DocBlock::Paragraph {
                            label: None,
                            content,
                        }] => self.spans(content),
                        blocks => {
                            self.out.push('\n');
                            self.blocks(blocks);
                        }
                    }
                    self.out.push_str("</li>\n");
                }
                let _ = writeln!(self.out, "</{tag}>");
            }
            DocBlock::Quote {
                blocks,
                attribution,
            } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(blocks);
                if let Some(a) = attribution {
                    let _ = writeln!(self.out, "<p class=\"attribution\">— {}</p>", text(a));
                }
                self.out.push_str("</blockquote>\n");
            }
            DocBlock::Callout {
                callout,
                title,
                blocks,
            } => {
                // A note, not an <aside>: a complementary landmark inside
                // <main> is one that screen readers list out of place.
                let _ = write!(
                    self.out,
                    "<div class=\"callout {}\" role=\"note\">\n<p class=\"callout-label\">{}</p>\n",
                    callout.as_str(),
                    callout.label()
                );
                if let Some(t) = title {
                    let _ = writeln!(self.out, "<p class=\"callout-title\">{}</p>", text(t));
                }
                self.blocks(blocks);
                self.out.push_str("</div>\n");
            }
            DocBlock::Table(t) => self.table(t),
            DocBlock::Chart(c) => {
                self.charts += 1;
                let id = format!("chart-{}", self.charts);
                self.out.push_str("<figure class=\"chart\">\n");
                self.out.push_str(&chart::svg(c, &id));
                let _ = writeln!(self.out, "\n<figcaption>{}</figcaption>", text(&c.title));
                self.out.push_str("</figure>\n");
            }
            DocBlock::Figure {
                alt,
                caption,
                image,
                place,
            } => self.figure(alt, caption.as_deref(), image.as_ref(), place),
            DocBlock::PageBreak => self.out.push_str("<div class=\"page-break\"></div>\n"),
        }
    }

    fn table(&mut self, t: &DocTable) {
        self.out.push_str("<div class=\"table-wrap\">\n<table>\n");
        if let Some(c) = &t.caption {
            let _ = writeln!(self.out, "<caption>{}</caption>", text(c));
        }
        let head = t.header_rows.min(t.rows.len());
        if head > 0 {
            self.out.push_str("<thead>\n");
            for row in &t.rows[..head] {
                self.row(row, "col");
            }
            self.out.push_str("</thead>\n");
        }
        self.out.push_str("<tbody>\n");
        for row in &t.rows[head..] {
            self.row(row, "row");
        }
        self.out.push_str("</tbody>\n</table>\n</div>\n");
    }

    fn row(&mut self, cells: &[DocCell], scope: &str) {
        self.out.push_str("<tr>");
        for c in cells {
            // An empty header names nothing: a plain cell says so.
            let header = c.header && !c.blocks.is_empty();
            let tag = if header { "th" } else { "td" };
            let _ = write!(self.out, "<{tag}");
            if header {
                let _ = write!(self.out, " scope=\"{scope}\"");
            }
            if c.colspan > 1 {
                let _ = write!(self.out, " colspan=\"{}\"", c.colspan);
            }
            self.out.push('>');
            match c.blocks.as_slice() {
                [DocBlock::Paragraph {
                    label: None,
                    content,
                }] => self.spans(content),
                blocks => self.blocks(blocks),
            }
            let _ = write!(self.out, "</{tag}>");
        }
        self.out.push_str("</tr>\n");
    }

    fn figure(&mut self, alt: &str, caption: Option<&str>, image: Option<&Image>, place: &str) {
        self.out.push_str("<figure>\n");
        // The PDF has said why already when the picture is missing; a
        // picture the PDF could use but this page cannot is said here.
        let shown = match image {
            Some(i) => self
                .img(i, "", alt)
                .map_err(|why| self.warnings.push(figure_warning(alt, place, &why)))
                .is_ok(),
            None => false,
        };
        if !shown {
            let _ = writeln!(
                self.out,
                "<div class=\"placeholder\" role=\"img\" aria-label=\"{}\">Picture not available: {}</div>",
                attr(alt),
                text(alt)
            );
        }
        if let Some(c) = caption {
            let _ = writeln!(self.out, "<figcaption>{}</figcaption>", text(c));
        }
        self.out.push_str("</figure>\n");
    }

    /// Writes `<img…>` with the picture inside it as a data URI, if its
    /// bytes are a PNG or JPEG (the type is taken from the bytes, never from
    /// the plan) and fit the file limit and the page's budget; else says why.
    fn img(&mut self, image: &Image, class: &str, alt: &str) -> Result<(), String> {
        let kind = picture::sniff(&image.data)
            .ok_or_else(|| format!("its image {} is not a PNG or JPEG picture", image.name))?;
        let len = image.data.len() as u64;
        if len > picture::MAX_FILE_BYTES {
            return Err(format!(
                "its image {} is larger than {} MB",
                image.name,
                picture::MAX_FILE_BYTES >> 20
            ));
        }
        if len > self.picture_budget {
            return Err(format!(
                "the page already holds {} MB of pictures, as many as a page embeds",
                MAX_EMBEDDED_BYTES >> 20
            ));
        }
        self.picture_budget -= len;
        let _ = write!(self.out, "<img{class} src=\"data:{};base64,", kind.mime());
        base64::engine::general_purpose::STANDARD.encode_string(&image.data, &mut self.out);
        let _ = writeln!(self.out, "\" alt=\"{}\">", attr(alt));
        Ok(())
    }

    fn footnotes(&mut self, notes: &[Footnote]) {
        self.out.push_str(
            "<section class=\"footnotes\" aria-labelledby=\"notes-title\">\n\
             <h2 id=\"notes-title\">Notes</h2>\n<ol>\n",
        );
        for n in notes {
            let _ = write!(self.out, "<li id=\"note-{}\" value=\"{0}\">", n.number);
            self.spans(&n.content);
            if self.refs.get(n.number as usize).copied().unwrap_or(0) > 0 {
                let _ = write!(
                    self.out,
                    " <a class=\"back\" href=\"#note-ref-{0}-1\" aria-label=\"Back to the text of note {0}\">↩</a>",
                    n.number
                );
            }
            self.out.push_str("</li>\n");
        }
        self.out.push_str("</ol>\n</section>\n");
    }

    fn spans(&mut self, spans: &[Span]) {
        for s in spans {
            match s {
                Span::Text {
                    text: t,
                    bold,
                    italic,
                    link,
                } => {
                    if let Some(href) = link {
                        let _ = write!(self.out, "<a href=\"{}\">", attr(href));
                    }
                    if *bold {
                        self.out.push_str("<strong>");
                    }
                    if *italic {
                        self.out.push_str("<em>");
                    }
                    self.out.push_str(&text(t));
                    if *italic {
                        self.out.push_str("</em>");
                    }
                    if *bold {
                        self.out.push_str("</strong>");
                    }
                    if link.is_some() {
                        self.out.push_str("</a>");
                    }
                }
                Span::FootnoteRef { number } => {
                    let n = *number as usize;
                    let nth = match self.refs.get_mut(n) {
                        Some(count) => {
                            *count += 1;
                            *count
                        }
                        None => continue,
                    };
                    let _ = write!(
                        self.out,
                        "<sup><a class=\"note-ref\" id=\"note-ref-{n}-{nth}\" href=\"#note-{n}\" \
                         aria-label=\"Note {n}\">{n}</a></sup>"
                    );
                }
                Span::LineBreak => self.out.push_str("<br>"),
            }
        }
    }
}

/// Text content, escaped.
fn text(s: &str) -> String {
    escape(s, false)
}

/// An attribute value (always double-quoted), escaped.
fn attr(s: &str) -> String {
    escape(s, true)
}

fn escape(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            // Control characters other than tab and newlines are parse
            // errors in HTML; the plan's text has no business with them.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c if is_noncharacter(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// U+FDD0–U+FDEF and the last two code points of every plane, which
/// HTML's parser reports as errors.
fn is_noncharacter(c: char) -> bool {
    let c = c as u32;
    (0xFDD0..=0xFDEF).contains(&c) || c & 0xFFFE == 0xFFFE
}

#[cfg(test)]
mod tests;
