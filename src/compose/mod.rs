//! compose: the plan (model + store) → one intermediate [`Document`].
//!
//! Numbering, data blocks expanded into tables, footnote numbers and
//! contents entries are settled here, so the PDF, DOCX and HTML exports
//! agree on every number.

mod data;
mod document;
mod image;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

pub use document::{
    figure_warning, place, spans_text, CalloutKind, ContentsEntry, DocBlock, DocCell, DocChapter,
    DocTable, Document, Footnote, Image, Meta, Span,
};
pub use image::ImageError;

use crate::model::{Block, Id, Inline, PlanInfo, PlanStatus};
use crate::store::{self, PlanFile, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("there is no chapter {0}; the plan has {1} chapters")]
    NoSuchChapter(usize, usize),
}

/// What to put in the document.
#[derive(Debug, Clone, Default)]
pub struct ComposeOptions {
    /// 1-based chapter positions to include (all when None).
    pub chapters: Option<Vec<usize>>,
    /// Marks the document as a draft (the PDF gets a watermark).
    pub draft: bool,
    /// The document's date (today when None).
    pub date: Option<NaiveDate>,
    /// The authority's logo, for the title page.
    pub logo: Option<Image>,
}

/// Reads the plan and composes its document in one consistent read.
pub fn compose(plan: &PlanFile, opts: &ComposeOptions) -> Result<Document, ComposeError> {
    plan.read(|conn| Ok(compose_conn(conn, opts)))?
}

fn compose_conn(conn: &Connection, opts: &ComposeOptions) -> Result<Document, ComposeError> {
    let info = store::plan_info::get(conn)?;
    let chapters = store::chapters::list(conn)?;
    if let Some(wanted) = &opts.chapters {
        if let Some(&bad) = wanted.iter().find(|&&n| n == 0 || n > chapters.len()) {
            return Err(ComposeError::NoSuchChapter(bad, chapters.len()));
        }
    }
    let labels = store::outline::paragraph_labels(conn)?;
    let numbers = crate::model::numbering::chapter_numbers(
        &chapters
            .iter()
            .map(|c| (c.id, c.numbered))
            .collect::<Vec<_>>(),
    );
    let mut cx = Composer {
        conn,
        info: &info,
        labels,
        footnote_numbers: HashMap::new(),
        footnotes: Vec::new(),
        footnote_text: HashMap::new(),
        anchors: 0,
        chapter: String::new(),
        section: None,
        assets: HashMap::new(),
        warnings: Vec::new(),
    };
    let mut doc_chapters = Vec::new();
    let mut contents = Vec::new();
    for (i, chapter) in chapters.iter().enumerate() {
        if opts
            .chapters
            .as_ref()
            .is_some_and(|w| !w.contains(&(i + 1)))
        {
            continue;
        }
        let number = numbers.get(&chapter.id).copied();
        let anchor = cx.anchor();
        let mut dc = DocChapter {
            anchor: anchor.clone(),
            number,
            title: chapter.title.clone(),
            blocks: Vec::new(),
        };
        cx.chapter = dc.heading_text();
        contents.push(ContentsEntry {
            level: 1,
            label: number.map(|n| n.to_string()),
            title: chapter.title.clone(),
            anchor,
        });
        for section in store::sections::list(conn, chapter.id)? {
            let stored = store::blocks::list_section(conn, section.id)?;
            cx.collect_footnotes(stored.iter().map(|b| &b.block));
            cx.section = section.title.clone();
            if let Some(title) = &section.title {
                let anchor = cx.anchor();
                contents.push(ContentsEntry {
                    level: 2,
                    label: None,
                    title: title.clone(),
                    anchor: anchor.clone(),
                });
                dc.blocks.push(DocBlock::Heading {
                    level: 2,
                    anchor: Some(anchor),
                    content: vec![Span::plain(title.clone())],
                });
            }
            for b in &stored {
                cx.block(Some(b.id), &b.block, &mut dc.blocks)?;
            }
        }
        doc_chapters.push(dc);
    }
    let glossary = store::glossary::list(conn)?;
    if !glossary.is_empty() && opts.chapters.is_none() {
        let anchor = cx.anchor();
        contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: "Glossary".into(),
            anchor: anchor.clone(),
        });
        let mut rows = vec![vec![
            DocCell::text("Term", true),
            DocCell::text("Meaning", true),
        ]];
        rows.extend(glossary.into_iter().map(|g| {
            vec![
                DocCell::text(g.term, false),
                DocCell::text(g.definition, false),
            ]
        }));
        doc_chapters.push(DocChapter {
            anchor,
            number: None,
            title: "Glossary".into(),
            blocks: vec![DocBlock::Table(DocTable {
                caption: None,
                header_rows: 1,
                rows,
            })],
        });
    }
    let date = opts
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let footnotes = cx.footnotes;
    let warnings = cx.warnings;
    Ok(Document {
        meta: Meta {
            title: info.title.clone(),
            authority: info.authority.clone(),
            period: info.period.to_string(),
            vision: info.vision.clone(),
            status: status_text(info.status).into(),
            date: date.format("%Y-%m-%d").to_string(),
            date_text: date.format("%-d %B %Y").to_string(),
            draft: opts.draft,
            logo: opts.logo.clone(),
        },
        contents,
        chapters: doc_chapters,
        footnotes,
        warnings,
    })
}

pub fn status_text(s: PlanStatus) -> &'static str {
    match s {
        PlanStatus::Draft => "Draft",
        PlanStatus::Consultation => "Consultation draft",
        PlanStatus::SecondDraft => "Second draft",
        PlanStatus::Approved => "Approved",
        PlanStatus::Published => "Published",
        PlanStatus::Archived => "Archived",
    }
}

struct Composer<'a> {
    conn: &'a Connection,
    info: &'a PlanInfo,
    labels: HashMap<Id, String>,
    /// Footnote id → its number.
    footnote_numbers: HashMap<String, u32>,
    footnotes: Vec<Footnote>,
    /// Footnote id → its text, for the section being composed.
    footnote_text: HashMap<String, Vec<Inline>>,
    anchors: u32,
    /// Where blocks are being composed, for warnings: the chapter's heading
    /// text and the section's title.
    chapter: String,
    section: Option<String>,
    /// The pictures read so far by asset id (None: not in the plan), so a
    /// picture shown by many figures is read and held once.
    assets: HashMap<String, Option<Image>>,
    warnings: Vec<String>,
}

impl Composer<'_> {
    fn anchor(&mut self) -> String {
        self.anchors += 1;
        format!("h{}", self.anchors)
    }

    /// Footnote texts live as blocks in the same section as their marks.
    fn collect_footnotes<'b>(&mut self, blocks: impl Iterator<Item = &'b Block>) {
        for b in blocks {
            if let Block::Footnote { id, content } = b {
                self.footnote_text.insert(id.clone(), content.clone());
            }
        }
    }

    fn block(
        &mut self,
        id: Option<Id>,
        block: &Block,
        out: &mut Vec<DocBlock>,
    ) -> Result<(), ComposeError> {
        match block {
            Block::Heading { content, .. } => out.push(DocBlock::Heading {
                level: 3,
                anchor: None,
                content: self.spans(content),
            }),
            Block::Paragraph { content, .. } => out.push(DocBlock::Paragraph {
                label: id.and_then(|id| self.labels.get(&id).cloned()),
                content: self.spans(content),
            }),
            Block::BulletList { items } => out.push(self.list(false, 1, items)?),
            Block::OrderedList { start, items } => out.push(self.list(true, *start, items)?),
            Block::Quote {
                attribution,
                blocks,
            } => out.push(DocBlock::Quote {
                blocks: self.blocks(blocks)?,
                attribution: attribution.clone(),
            }),
            Block::Callout {
                callout,
                title,
                blocks,
            } => out.push(DocBlock::Callout {
                callout: callout.clone(),
                title: title.clone(),
                blocks: self.blocks(blocks)?,
            }),
            Block::Table(t) => {
                let mut rows = Vec::new();
                for r in &t.rows {
                    let mut cells = Vec::new();
                    for c in &r.cells {
                        cells.push(DocCell {
                            header: c.header,
                            colspan: c.colspan.max(1),
                            blocks: self.blocks(&c.blocks)?,
                        });
                    }
                    rows.push(cells);
                }
                out.push(DocBlock::Table(DocTable {
                    caption: t.caption.clone(),
                    header_rows: t.header_rows(),
                    rows,
                }));
            }
            Block::Figure {
                asset,
                alt,
                caption,
            } => {
                let image = self.asset(asset)?;
                let place = place(&self.chapter, self.section.as_deref());
                if image.is_none() {
                    self.warnings.push(figure_warning(
                        alt,
                        &place,
                        &format!("its image (asset \"{asset}\") is not in the plan"),
                    ));
                }
                out.push(DocBlock::Figure {
                    alt: alt.clone(),
                    caption: caption.clone(),
                    image,
                    place,
                })
            }
            // Footnote texts are gathered by number and set at the foot of the page.
            Block::Footnote { .. } => {}
            Block::PageBreak => out.push(DocBlock::PageBreak),
            Block::Data(query) => {
                out.push(DocBlock::Table(data::table(self.conn, self.info, query)?))
            }
        }
        Ok(())
    }

    /// The picture of asset `id`, read from the plan once however many
    /// figures show it.
    fn asset(&mut self, id: &str) -> Result<Option<Image>, ComposeError> {
        if let Some(known) = self.assets.get(id) {
            return Ok(known.clone());
        }
        // The asset's name is for warnings; store::assets::get gives only
        // its type and bytes.
        let image = self
            .conn
            .prepare_cached("SELECT name, mime, data FROM assets WHERE id = ?1")
            .and_then(|mut q| {
                q.query_row([id], |r| {
                    Ok(Image {
                        name: r.get(0)?,
                        mime: r.get(1)?,
                        key: id.to_owned(),
                        data: Arc::from(r.get::<_, Vec<u8>>(2)?),
                        decoded: None,
                    })
                })
                .optional()
            })
            .map_err(StoreError::from)?;
        self.assets.insert(id.to_owned(), image.clone());
        Ok(image)
    }

    fn blocks(&mut self, blocks: &[Block]) -> Result<Vec<DocBlock>, ComposeError> {
        let mut out = Vec::new();
        for b in blocks {
            self.block(None, b, &mut out)?;
        }
        Ok(out)
    }

    fn list(
        &mut self,
        ordered: bool,
        start: u32,
        items: &[crate::model::ListItem],
    ) -> Result<DocBlock, ComposeError> {
        let items = items
            .iter()
            .map(|i| self.blocks(&i.blocks))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(DocBlock::List {
            ordered,
            start,
            items,
        })
    }

    fn spans(&mut self, content: &[Inline]) -> Vec<Span> {
        let mut out = Vec::new();
        for i in content {
            match i {
                Inline::HardBreak => out.push(Span::LineBreak),
                Inline::Text { text, marks } => {
                    out.push(Span::Text {
                        text: text.clone(),
                        bold: marks.bold,
                        italic: marks.italic,
                        link: marks.link.clone(),
                    });
                    if let Some(id) = &marks.footnote {
                        if let Some(number) = self.footnote(id) {
                            out.push(Span::FootnoteRef { number });
                        }
                    }
                }
            }
        }
        out
    }

    /// The number of footnote `id`, numbering it on its first reference.
    /// A mark whose footnote text is missing gets no number.
    fn footnote(&mut self, id: &str) -> Option<u32> {
        if let Some(n) = self.footnote_numbers.get(id) {
            return Some(*n);
        }
        let content = self.footnote_text.get(id)?.clone();
        let number = self.footnotes.len() as u32 + 1;
        let content = self.spans(&content);
        self.footnotes.push(Footnote { number, content });
        self.footnote_numbers.insert(id.to_owned(), number);
        Some(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_doc() -> Document {
        let dir = tempfile::tempdir().unwrap();
        let plan =
            PlanFile::create(dir.path().join("s.plan"), &crate::templates::sample()).unwrap();
        compose(&plan, &ComposeOptions::default()).unwrap()
    }

    #[test]
    fn sample_has_every_chapter_numbers_and_data_tables() {
        let doc = sample_doc();
        assert_eq!(doc.chapters.len(), 12, "11 chapters and the glossary");
        assert_eq!(doc.chapters[0].number, None);
        assert_eq!(doc.chapters[1].heading_text(), "1 Summary");
        let tables = doc
            .chapters
            .iter()
            .flat_map(|c| &c.blocks)
            .filter(|b| matches!(b, DocBlock::Table(_)))
            .count();
        assert!(tables >= 5, "data blocks become tables: {tables}");
        assert!(doc.contents.iter().any(|c| c.level == 2));
    }

    #[test]
    fn chapter_selection_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let plan =
            PlanFile::create(dir.path().join("s.plan"), &crate::templates::sample()).unwrap();
        let opts = ComposeOptions {
            chapters: Some(vec![2, 3]),
            ..Default::default()
        };
        let doc = compose(&plan, &opts).unwrap();
        assert_eq!(doc.chapters.len(), 2);
        assert_eq!(doc.chapters[0].title, "Summary");
        let bad = ComposeOptions {
            chapters: Some(vec![40]),
            ..Default::default()
        };
        assert_eq!(
            compose(&plan, &bad).unwrap_err().to_string(),
            "there is no chapter 40; the plan has 11 chapters"
        );
    }
}
