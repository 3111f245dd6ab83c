//! The intermediate document: what every export (PDF, DOCX, HTML) draws.
//! Numbers, data tables, footnote numbers and contents entries are already
//! worked out here; nothing in it is specific to one output format.

use std::sync::Arc;

use serde::Serialize;

pub use crate::model::report_template::PageNumbering;
pub use crate::model::CalloutKind;
use crate::picture::Raster;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    pub meta: Meta,
    /// A plan opens with its title page and contents; a committee report
    /// opens straight with its first chapter, its head.
    pub title_page: bool,
    /// Chapters and their sections, in order, for a contents list.
    pub contents: Vec<ContentsEntry>,
    pub chapters: Vec<DocChapter>,
    /// Footnotes numbered 1, 2 … in order of first reference.
    pub footnotes: Vec<Footnote>,
    /// What the document leaves out or changes of the plan, each a full
    /// sentence naming where (chapter and section) and what, for the user.
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Meta {
    pub title: String,
    pub authority: String,
    /// "2008–2011".
    pub period: String,
    pub vision: Option<String>,
    /// "Consultation draft", "Approved", …
    pub status: String,
    /// The date the document was made, ISO 8601.
    pub date: String,
    /// The date spelled out for the title page: "23 November 2026".
    pub date_text: String,
    pub draft: bool,
    pub logo: Option<Image>,
    /// The plan's language (BCP 47), which the document declares.
    pub language: String,
    /// Said at the top of every page: "NOT FOR PUBLICATION – …" on a
    /// committee pack's internal version.
    pub marking: Option<String>,
    /// Page numbers through the whole document, or counted afresh in each
    /// part (a chapter with a label starts a part).
    pub page_numbers: PageNumbering,
    /// The body font a Word document asks for, when not Planwright's own
    /// (a committee report's template names its authority's).
    pub font: Option<Font>,
    /// Said in the file's keywords: a signed-off plan's fingerprint, which
    /// `planwright verify` reads back.
    pub keywords: Option<String>,
}

/// A font by name and the body text's size in points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Font {
    pub name: String,
    pub size: u8,
}

impl Meta {
    /// "Leicestershire Children and Young People's Plan 2008–2011", as a
    /// browser's tab, a running header and document properties name it.
    pub fn title_line(&self) -> String {
        if self.period.is_empty() || self.title.contains(&self.period) {
            self.title.clone()
        } else {
            format!("{} {}", self.title, self.period)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    /// What people call it, for messages: the asset's or the file's name.
    pub name: String,
    pub mime: String,
    /// The same key is the same picture: an export decodes each key once.
    pub key: String,
    /// Shared by every figure that shows the picture.
    #[serde(skip)]
    pub data: Arc<[u8]>,
    /// Already decoded, when it had to be checked (a logo), no larger than
    /// [`crate::picture::PRINT_MAX_SIDE`] a side.
    #[serde(skip)]
    pub decoded: Option<Arc<Raster>>,
}

/// The longest a title or alt text is quoted in a warning.
const QUOTE_MAX: usize = 60;

/// `text` in quotes, cut short with "…" past [`QUOTE_MAX`] characters.
fn quoted(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(QUOTE_MAX) {
        Some((cut, _)) => format!("\"{}…\"", &text[..cut]),
        None => format!("\"{text}\""),
    }
}

/// Where a block is, for messages: `chapter "3 Needs", section "Play"`.
pub fn place(chapter: &str, section: Option<&str>) -> String {
    let section = section
        .map(|s| format!(", section {}", quoted(s)))
        .unwrap_or_default();
    format!("chapter {}{section}", quoted(chapter))
}

/// The warning for a figure at `place` that shows a placeholder instead of
/// its picture, `because` saying why: "The figure \"Map\" in chapter \"3
/// Needs\" shows a placeholder because its image map.png is not in the plan."
pub fn figure_warning(alt: &str, place: &str, because: &str) -> String {
    format!(
        "The figure {} in {place} shows a placeholder because {because}.",
        quoted(alt)
    )
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContentsEntry {
    /// 1 for a chapter, 2 for a section.
    pub level: u8,
    /// "3" or "3.2"-style label, if numbered.
    pub label: Option<String>,
    pub title: String,
    /// The anchor of the heading it points to.
    pub anchor: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocChapter {
    /// "Appendix 2", printed above the heading; it starts a part of the
    /// document (see [`Meta::page_numbers`]).
    pub label: Option<String>,
    pub anchor: String,
    pub number: Option<u32>,
    pub title: String,
    pub blocks: Vec<DocBlock>,
}

impl DocChapter {
    /// "3 Being Healthy", or the bare title of an unnumbered chapter.
    pub fn heading_text(&self) -> String {
        match self.number {
            Some(n) => format!("{n} {}", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocBlock {
    /// Level 2 (a section title) or 3 (a heading inside a section).
    Heading {
        level: u8,
        anchor: Option<String>,
        content: Vec<Span>,
    },
    Paragraph {
        /// The paragraph number, "3.1".
        label: Option<String>,
        content: Vec<Span>,
    },
    List {
        ordered: bool,
        start: u32,
        items: Vec<Vec<DocBlock>>,
    },
    Quote {
        blocks: Vec<DocBlock>,
        attribution: Option<String>,
    },
    Callout {
        callout: CalloutKind,
        title: Option<String>,
        blocks: Vec<DocBlock>,
    },
    Table(DocTable),
    /// An indicator's trend, drawn (vectors in a PDF, SVG in a web page, a
    /// picture in Word) with its figures as its alt text.
    Chart(Chart),
    Figure {
        alt: String,
        caption: Option<String>,
        image: Option<Image>,
        /// Where it is, for warnings: see [`place`].
        place: String,
    },
    PageBreak,
}

/// An indicator's baseline, targets and actuals by year (the financial
/// year starting in it), and which way is better.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// "NI 50 Emotional health of children".
    pub title: String,
    /// "%" or another unit, if any.
    pub unit: Option<String>,
    pub higher_is_better: bool,
    pub baseline: Option<(i32, f64)>,
    pub targets: Vec<(i32, f64)>,
    pub actuals: Vec<(i32, f64)>,
    /// Every figure the chart shows, in words, for those who cannot see it.
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocTable {
    pub caption: Option<String>,
    /// Leading rows that repeat at the top of every page the table spans.
    pub header_rows: usize,
    pub rows: Vec<Vec<DocCell>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocCell {
    pub header: bool,
    pub colspan: u32,
    pub blocks: Vec<DocBlock>,
}

impl DocCell {
    pub fn text(text: impl Into<String>, header: bool) -> Self {
        DocCell {
            header,
            colspan: 1,
            blocks: vec![DocBlock::Paragraph {
                label: None,
                content: vec![Span::plain(text)],
            }],
        }
    }
}

/// A piece of inline content.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Span {
    Text {
        text: String,
        bold: bool,
        italic: bool,
        link: Option<String>,
    },
    /// The mark of footnote `number`, placed after the text it annotates.
    FootnoteRef {
        number: u32,
    },
    LineBreak,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span::Text {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub number: u32,
    pub content: Vec<Span>,
}

/// The text of spans as one string (footnote marks as their numbers).
pub fn spans_text(spans: &[Span]) -> String {
    let mut out = String::new();
    for s in spans {
        match s {
            Span::Text { text, .. } => out.push_str(text),
            Span::FootnoteRef { number } => out.push_str(&number.to_string()),
            Span::LineBreak => out.push(' '),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_warning_names_the_figure_and_where_it_is_quoting_long_text_short() {
        assert_eq!(
            figure_warning(
                "Map",
                &place("3 Needs", Some("Play")),
                "its image map.png is not in the plan"
            ),
            "The figure \"Map\" in chapter \"3 Needs\", section \"Play\" shows a placeholder \
             because its image map.png is not in the plan."
        );
        let long = "x".repeat(10_000);
        let w = figure_warning(&long, &place(&long, None), "of this");
        assert_eq!(
            w.matches(&format!("\"{}…\"", "x".repeat(60))).count(),
            2,
            "{w}"
        );
        assert!(w.len() < 200, "{w}");
    }
}
