//! The closed set of content blocks a section holds, as typed Rust values.
//!
//! The editor stores a section as a ProseMirror document (JSON). `prosemirror.rs`
//! turns that JSON into these types and back; everything downstream (numbering,
//! compose, export) works on these types only.

use serde::{Deserialize, Serialize};

use super::planning::{ActionFilter, ChartFilter, IndicatorFilter};

/// One top-level block of a section (one row of the `blocks` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        numbered: bool,
        content: Vec<Inline>,
    },
    BulletList {
        items: Vec<ListItem>,
    },
    OrderedList {
        start: u32,
        items: Vec<ListItem>,
    },
    /// A quotation, typically the voice of a young person.
    Quote {
        attribution: Option<String>,
        blocks: Vec<Block>,
    },
    /// A boxed case study, "what we will do next", or information box.
    Callout {
        callout: CalloutKind,
        title: Option<String>,
        blocks: Vec<Block>,
    },
    Table(Table),
    Figure {
        /// Id of the image in the plan's `assets` table.
        asset: String,
        /// Required, never empty: a figure without alt text is invalid.
        alt: String,
        caption: Option<String>,
    },
    /// The text of a footnote; referenced by `Mark::FootnoteRef` with the same id.
    Footnote {
        id: String,
        content: Vec<Inline>,
    },
    PageBreak,
    /// Live planning data rendered as a table.
    Data(DataQuery),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CalloutKind {
    CaseStudy,
    NextSteps,
    Info,
}

impl CalloutKind {
    pub const ALL: [CalloutKind; 3] = [
        CalloutKind::CaseStudy,
        CalloutKind::NextSteps,
        CalloutKind::Info,
    ];

    pub fn as_str(&self) -> &'static str {
        match self {
            CalloutKind::CaseStudy => "case_study",
            CalloutKind::NextSteps => "next_steps",
            CalloutKind::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kind in words, as exports print it above the box's title.
    pub fn label(&self) -> &'static str {
        match self {
            CalloutKind::CaseStudy => "Case study",
            CalloutKind::NextSteps => "Next steps",
            CalloutKind::Info => "Information",
        }
    }
}

/// A list item: one or more paragraphs, optionally followed by nested lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub caption: Option<String>,
    pub rows: Vec<TableRow>,
}

impl Table {
    /// Leading rows whose cells are all header cells repeat on every page.
    pub fn header_rows(&self) -> usize {
        self.rows
            .iter()
            .take_while(|r| !r.cells.is_empty() && r.cells.iter().all(|c| c.header))
            .count()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub cells: Vec<TableCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableCell {
    pub header: bool,
    pub colspan: u32,
    pub rowspan: u32,
    pub blocks: Vec<Block>,
}

/// What a data block shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum DataQuery {
    Actions(ActionFilter),
    Indicators(IndicatorFilter),
    /// One indicator's trend chart.
    IndicatorChart(ChartFilter),
}

/// Inline content of a paragraph, heading or footnote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    Text { text: String, marks: Marks },
    HardBreak,
}

/// The marks a run of text carries. A struct rather than a list: each mark
/// can apply once, and equal runs compare equal whatever order the editor
/// wrote the marks in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
    /// Id of the footnote this text refers to.
    pub footnote: Option<String>,
}

impl Block {
    /// The kind name stored in the `blocks.kind` column.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Block::Heading { .. } => "heading",
            Block::Paragraph { .. } => "paragraph",
            Block::BulletList { .. } => "bullet_list",
            Block::OrderedList { .. } => "ordered_list",
            Block::Quote { .. } => "quote",
            Block::Callout { .. } => "callout",
            Block::Table(_) => "table",
            Block::Figure { .. } => "figure",
            Block::Footnote { .. } => "footnote",
            Block::PageBreak => "page_break",
            Block::Data(_) => "data",
        }
    }

    /// Plain text of the block, for word counts, search and checks.
    pub fn plain_text(&self) -> String {
        let mut out = String::new();
        self.write_text(&mut out);
        out
    }

    fn write_text(&self, out: &mut String) {
        let sep = |out: &mut String| {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
        };
        match self {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Footnote { content, .. } => {
                sep(out);
                inline_text(content, out);
            }
            Block::BulletList { items } | Block::OrderedList { items, .. } => {
                for item in items {
                    for b in &item.blocks {
                        b.write_text(out);
                    }
                }
            }
            Block::Quote { blocks, .. } => blocks.iter().for_each(|b| b.write_text(out)),
            Block::Callout { title, blocks, .. } => {
                if let Some(t) = title {
                    sep(out);
                    out.push_str(t);
                }
                blocks.iter().for_each(|b| b.write_text(out));
            }
            Block::Table(t) => {
                for row in &t.rows {
                    for cell in &row.cells {
                        cell.blocks.iter().for_each(|b| b.write_text(out));
                    }
                }
            }
            Block::Figure { caption, .. } => {
                if let Some(c) = caption {
                    sep(out);
                    out.push_str(c);
                }
            }
            Block::PageBreak | Block::Data(_) => {}
        }
    }

    pub fn word_count(&self) -> usize {
        self.plain_text().split_whitespace().count()
    }

    /// Calls `f` on every piece of text a reader sees in the block, in
    /// reading order: runs of text (each keeps its marks), callout titles,
    /// quote attributions, a figure's alt text and caption. Find and
    /// replace go through here, so none is missed.
    pub fn each_text_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        let runs = |content: &mut Vec<Inline>, f: &mut dyn FnMut(&mut String)| {
            for i in content {
                if let Inline::Text { text, .. } = i {
                    f(text);
                }
            }
        };
        match self {
            Block::Heading { content, .. }
            | Block::Paragraph { content, .. }
            | Block::Footnote { content, .. } => runs(content, f),
            Block::BulletList { items } | Block::OrderedList { items, .. } => {
                for b in items.iter_mut().flat_map(|i| &mut i.blocks) {
                    b.each_text_mut(f);
                }
            }
            Block::Quote {
                attribution,
                blocks,
            } => {
                blocks.iter_mut().for_each(|b| b.each_text_mut(f));
                if let Some(a) = attribution {
                    f(a);
                }
            }
            Block::Callout { title, blocks, .. } => {
                if let Some(t) = title {
                    f(t);
                }
                blocks.iter_mut().for_each(|b| b.each_text_mut(f));
            }
            Block::Table(t) => {
                for b in t
                    .rows
                    .iter_mut()
                    .flat_map(|r| &mut r.cells)
                    .flat_map(|c| &mut c.blocks)
                {
                    b.each_text_mut(f);
                }
            }
            Block::Figure { alt, caption, .. } => {
                f(alt);
                if let Some(c) = caption {
                    f(c);
                }
            }
            Block::PageBreak | Block::Data(_) => {}
        }
    }
}

/// Appends the text of inline content (hard breaks as spaces).
pub fn inline_text(content: &[Inline], out: &mut String) {
    for i in content {
        match i {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::HardBreak => out.push(' '),
        }
    }
}
