//! compose: the plan (model + store) → one intermediate [`Document`].
//!
//! Numbering, data blocks expanded into tables, footnote numbers and
//! contents entries are settled here, so the PDF, DOCX and HTML exports
//! agree on every number.

pub mod appendix;
pub mod changes;
mod data;
mod document;
mod image;
pub mod report;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::Connection;

pub use data::{chart as indicator_chart, year_label, CHART_YEARS};
pub use document::{
    figure_warning, place, spans_text, CalloutKind, Chart, ContentsEntry, DocBlock, DocCell,
    DocChapter, DocTable, Document, Font, Footnote, Image, Meta, PageNumbering, Span,
};
pub use image::ImageError;

use crate::model::prosemirror::{excerpt, grouped, link_allowed, MAX_SPAN, MAX_TEXT_CHARS};
use crate::model::{Block, GlossaryTerm, Id, Inline, PlanInfo, PlanStatus};
use crate::store::{self, PlanFile, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("there is no chapter {0}; the plan has {1} chapters")]
    NoSuchChapter(usize, usize),
    #[error("an appendix is made from the plan's actions, not its chapters: choose the chapters or the appendix")]
    ChaptersOfAnAppendix,
    /// A committee report's appendix or section that cannot be made, in words.
    #[error("{0}")]
    Appendix(String),
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
    /// The authority's logo for the title page, for this export only: when
    /// None, the plan's own logo (if it has one) is used.
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
    let mut cx = Composer::new(conn, &info, labels);
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
        let chapter_place = match number {
            Some(n) => format!("Chapter {n} “{}”", short(&chapter.title)),
            None => format!("Chapter “{}”", short(&chapter.title)),
        };
        cx.place = chapter_place.clone();
        let title = cx.clip(&chapter.title, "chapter title");
        let anchor = cx.anchor();
        let mut dc = DocChapter {
            label: None,
            anchor: anchor.clone(),
            number,
            title: title.clone(),
            blocks: Vec::new(),
        };
        cx.chapter = dc.heading_text();
        contents.push(ContentsEntry {
            level: 1,
            label: number.map(|n| n.to_string()),
            title,
            anchor,
        });
        for (s, section) in store::sections::list(conn, chapter.id)?.iter().enumerate() {
            cx.place = match &section.title {
                Some(t) => format!("{chapter_place}, section “{}”", short(t)),
                None => format!("{chapter_place}, section {}", s + 1),
            };
            let stored = store::blocks::list_section(conn, section.id)?;
            cx.collect_footnotes(stored.iter().map(|b| &b.block));
            cx.section = section.title.clone();
            if let Some(title) = &section.title {
                let title = cx.clip(title, "section title");
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
                    content: vec![Span::plain(title)],
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
        let chapter = cx.glossary(&glossary);
        contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: chapter.title.clone(),
            anchor: chapter.anchor.clone(),
        });
        doc_chapters.push(chapter);
    }
    cx.place = "The plan's properties".into();
    let title = cx.clip(&info.title, "title");
    let meta = cx.meta(opts, title)?;
    Ok(Document {
        meta,
        title_page: true,
        contents,
        chapters: doc_chapters,
        footnotes: cx.footnotes,
        warnings: cx.warnings,
    })
}

/// A title as a warning names it: at most 60 characters.
fn short(title: &str) -> String {
    match title.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &title[..i]),
        None => title.to_owned(),
    }
}

/// `text` cut to its first `n` characters, and how many it had beyond them.
fn cut(text: &str, n: usize) -> (&str, usize) {
    match text.char_indices().nth(n) {
        Some((i, _)) => (&text[..i], text[i..].chars().count()),
        None => (text, 0),
    }
}

/// What stands in a document for text beyond [`MAX_TEXT_CHARS`].
fn cut_note(omitted: usize, what: &str) -> String {
    format!(
        " [… {} more characters not shown: this {what} is too long to typeset]",
        grouped(omitted)
    )
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
    /// Where in the plan composing has got to, for warnings: "Chapter 3
    /// “Being Healthy”, section “Play”".
    place: String,
    /// Where blocks are being composed, for warnings: the chapter's heading
    /// text and the section's title.
    chapter: String,
    section: Option<String>,
    /// The pictures read so far by asset id (None: not in the plan), so a
    /// picture shown by many figures is read and held once.
    assets: HashMap<String, Option<Image>>,
    warnings: Vec<String>,
}

impl<'a> Composer<'a> {
    fn new(conn: &'a Connection, info: &'a PlanInfo, labels: HashMap<Id, String>) -> Self {
        Composer {
            conn,
            info,
            labels,
            footnote_numbers: HashMap::new(),
            footnotes: Vec::new(),
            footnote_text: HashMap::new(),
            anchors: 0,
            place: String::new(),
            chapter: String::new(),
            section: None,
            assets: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The title page's facts for a document called `title`.
    fn meta(&mut self, opts: &ComposeOptions, title: String) -> Result<Meta, ComposeError> {
        let info = self.info;
        let date = opts
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let authority = self.clip(&info.authority, "authority");
        let vision = info.vision.as_deref().map(|v| self.clip(v, "vision"));
        let logo = match &opts.logo {
            Some(logo) => Some(logo.clone()),
            None => self.plan_logo()?,
        };
        Ok(Meta {
            title,
            authority,
            period: info.period.to_string(),
            vision,
            status: match (info.status, info.key_dates.comments_deadline) {
                // The draft says by when comments are due.
                (PlanStatus::Consultation, Some(d)) => {
                    format!("Consultation draft: comments by {}", d.format("%-d %B %Y"))
                }
                (s, _) => status_text(s).into(),
            },
            date: date.format("%Y-%m-%d").to_string(),
            date_text: date.format("%-d %B %Y").to_string(),
            draft: opts.draft,
            logo,
            language: info.language.clone(),
            marking: None,
            page_numbers: PageNumbering::Continuous,
            font: None,
            keywords: None,
        })
    }

    /// The glossary's chapter: a table of its terms and what they mean.
    fn glossary(&mut self, terms: &[GlossaryTerm]) -> DocChapter {
        let anchor = self.anchor();
        self.place = "The glossary".into();
        let mut rows = vec![vec![
            DocCell::text("Term", true),
            DocCell::text("Meaning", true),
        ]];
        for g in terms {
            rows.push(vec![
                DocCell::text(self.clip(&g.term, "term"), false),
                DocCell::text(self.clip(&g.definition, "definition"), false),
            ]);
        }
        DocChapter {
            label: None,
            anchor,
            number: None,
            title: "Glossary".into(),
            blocks: vec![DocBlock::Table(DocTable {
                caption: None,
                header_rows: 1,
                rows,
            })],
        }
    }

    fn anchor(&mut self) -> String {
        self.anchors += 1;
        format!("h{}", self.anchors)
    }

    /// Notes that `what` here held `chars` characters, of which only the
    /// first [`MAX_TEXT_CHARS`] are in the document.
    fn warn_cut(&mut self, what: &str, chars: usize) {
        self.warnings.push(format!(
            "{}: this {what} is too long to typeset ({} characters); only its first {} characters are in the document.",
            self.place,
            grouped(chars),
            grouped(MAX_TEXT_CHARS)
        ));
    }

    /// A plain text (a title, caption, table cell…), cut to at most
    /// [`MAX_TEXT_CHARS`] characters with a note saying so.
    fn clip(&mut self, text: &str, what: &str) -> String {
        let (kept, omitted) = cut(text, MAX_TEXT_CHARS);
        if omitted == 0 {
            return text.to_owned();
        }
        self.warn_cut(what, MAX_TEXT_CHARS + omitted);
        format!("{kept}{}", cut_note(omitted, what))
    }

    fn clip_opt(&mut self, text: &Option<String>, what: &str) -> Option<String> {
        text.as_deref().map(|t| self.clip(t, what))
    }

    /// The link `href`, if it goes somewhere a document may link to.
    fn link(&mut self, href: &str) -> Option<String> {
        if link_allowed(href) {
            return Some(href.to_owned());
        }
        self.warnings.push(format!(
            "{}: the link to “{}” is left out, as a link must be an http://, https:// or mailto: address.",
            self.place,
            excerpt(href)
        ));
        None
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
            // A heading sits below its section's title; in a section
            // without one, directly below the chapter's (headings must not
            // skip a level: Matterhorn 14-003).
            Block::Heading { content, .. } => out.push(DocBlock::Heading {
                level: if self.section.is_some() { 3 } else { 2 },
                anchor: None,
                content: self.spans(content, "heading"),
            }),
            Block::Paragraph { content, .. } => out.push(DocBlock::Paragraph {
                label: id.and_then(|id| self.labels.get(&id).cloned()),
                content: self.spans(content, "paragraph"),
            }),
            Block::BulletList { items } => out.push(self.list(false, 1, items)?),
            Block::OrderedList { start, items } => out.push(self.list(true, *start, items)?),
            Block::Quote {
                attribution,
                blocks,
            } => out.push(DocBlock::Quote {
                blocks: self.blocks(blocks)?,
                attribution: self.clip_opt(attribution, "attribution"),
            }),
            Block::Callout {
                callout,
                title,
                blocks,
            } => out.push(DocBlock::Callout {
                callout: callout.clone(),
                title: self.clip_opt(title, "title"),
                blocks: self.blocks(blocks)?,
            }),
            Block::Table(t) => {
                let mut rows = Vec::new();
                for r in &t.rows {
                    let mut cells = Vec::new();
                    for c in &r.cells {
                        cells.push(DocCell {
                            header: c.header,
                            // A saved cell spans at most MAX_SPAN; one written by hand may claim more.
                            colspan: c.colspan.clamp(1, MAX_SPAN),
                            blocks: self.blocks(&c.blocks)?,
                        });
                    }
                    rows.push(cells);
                }
                out.push(DocBlock::Table(DocTable {
                    caption: self.clip_opt(&t.caption, "caption"),
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
                    alt: self.clip(alt, "alt text"),
                    caption: self.clip_opt(caption, "caption"),
                    image,
                    place,
                })
            }
            // Footnote texts are gathered by number and set at the foot of the page.
            Block::Footnote { .. } => {}
            Block::PageBreak => out.push(DocBlock::PageBreak),
            Block::Data(query) => {
                let mut table = match data::shown(self.conn, self.info, query)? {
                    data::Shown::Table(t) => t,
                    data::Shown::Chart(mut c) => {
                        c.title = self.clip(&c.title, "chart title");
                        c.alt = self.clip(&c.alt, "chart description");
                        out.push(DocBlock::Chart(c));
                        return Ok(());
                    }
                    data::Shown::NoChart { code, because } => {
                        let code = self.clip(&code, "indicator code");
                        let place = place(&self.chapter, self.section.as_deref());
                        self.warnings.push(format!(
                            "The chart of indicator \"{code}\" in {place} shows a placeholder \
                             because {because}."
                        ));
                        out.push(DocBlock::Paragraph {
                            label: None,
                            content: vec![Span::Text {
                                text: format!("Chart not available: indicator {code} ({because})."),
                                bold: false,
                                italic: true,
                                link: None,
                            }],
                        });
                        return Ok(());
                    }
                };
                for cell in table.rows.iter_mut().flatten() {
                    for b in &mut cell.blocks {
                        if let DocBlock::Paragraph { content, .. } = b {
                            for span in content {
                                if let Span::Text { text, .. } = span {
                                    if text.len() > MAX_TEXT_CHARS {
                                        *text = self.clip(text, "table cell");
                                    }
                                }
                            }
                        }
                    }
                }
                out.push(DocBlock::Table(table))
            }
        }
        Ok(())
    }

    /// The plan's own logo, decoded. One that cannot be used is left off
    /// the title page with a warning: the export goes on without it.
    fn plan_logo(&mut self) -> Result<Option<Image>, ComposeError> {
        let Some(logo) = store::logo::get(self.conn)? else {
            return Ok(None);
        };
        match Image::from_bytes(&logo.name, &logo.data) {
            Ok(image) => Ok(Some(image)),
            Err(why) => {
                self.warnings.push(format!(
                    "The title page has no logo because the plan's logo {} cannot be used: {why}.",
                    logo.name
                ));
                Ok(None)
            }
        }
    }

    /// The picture of asset `id`, read from the plan once however many
    /// figures show it.
    fn asset(&mut self, id: &str) -> Result<Option<Image>, ComposeError> {
        if let Some(known) = self.assets.get(id) {
            return Ok(known.clone());
        }
        let image = store::assets::find(self.conn, id)?.map(|a| Image {
            name: a.name,
            mime: a.mime,
            key: a.id,
            data: Arc::from(a.data),
            decoded: None,
        });
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

    /// The spans of a block's text (`what`: "paragraph"…), cut with a note
    /// after [`MAX_TEXT_CHARS`] characters, links only where allowed.
    fn spans(&mut self, content: &[Inline], what: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let (mut left, mut omitted) = (MAX_TEXT_CHARS, 0);
        for i in content {
            match i {
                Inline::HardBreak if left > 0 => out.push(Span::LineBreak),
                Inline::HardBreak => {}
                Inline::Text { text, .. } if left == 0 => omitted += text.chars().count(),
                Inline::Text { text, marks } => {
                    let (kept, rest) = cut(text, left);
                    left -= if rest == 0 {
                        kept.chars().count()
                    } else {
                        left
                    };
                    omitted += rest;
                    out.push(Span::Text {
                        text: kept.to_owned(),
                        bold: marks.bold,
                        italic: marks.italic,
                        link: marks.link.as_deref().and_then(|l| self.link(l)),
                    });
                    if let Some(id) = marks.footnote.as_ref().filter(|_| rest == 0) {
                        if let Some(number) = self.footnote(id) {
                            out.push(Span::FootnoteRef { number });
                        }
                    }
                }
            }
        }
        if omitted > 0 {
            self.warn_cut(what, MAX_TEXT_CHARS + omitted);
            out.push(Span::Text {
                text: cut_note(omitted, what),
                bold: false,
                italic: true,
                link: None,
            });
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
        let content = self.spans(&content, "footnote");
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

    /// A blank plan whose one section holds `blocks`, written as typed
    /// blocks (so without the checks a save from the editor goes through).
    fn plan_with(dir: &std::path::Path, blocks: &[Block]) -> PlanFile {
        let info = PlanInfo::titled("Long", 2024);
        let mut plan = PlanFile::create(
            dir.join("long.plan"),
            &crate::templates::Template::Blank.bundle(info),
        )
        .unwrap();
        plan.write(|tx| {
            let ch = store::chapters::list(tx)?[0].id;
            let section = store::sections::list(tx, ch)?[0].id;
            for b in blocks {
                store::blocks::insert(tx, section, None, b)?;
            }
            Ok(())
        })
        .unwrap();
        plan
    }

    fn paragraph(text: String) -> Block {
        Block::Paragraph {
            numbered: true,
            content: vec![Inline::Text {
                text,
                marks: Default::default(),
            }],
        }
    }

    #[test]
    fn a_chart_block_draws_its_indicator_or_says_why_it_cannot() {
        use crate::model::{ChartFilter, DataQuery, Indicator, IndicatorKind, Polarity, YearValue};
        let dir = tempfile::tempdir().unwrap();
        let chart =
            |code: &str| Block::Data(DataQuery::IndicatorChart(ChartFilter { code: code.into() }));
        let mut plan = plan_with(dir.path(), &[chart("NI 1"), chart("NOPE"), chart("NI 2")]);
        plan.write(|tx| {
            for (code, figures) in [("NI 1", true), ("NI 2", false)] {
                let v = |year, value| YearValue { year, value };
                store::indicators::insert(
                    tx,
                    &Indicator {
                        id: 0,
                        code: code.into(),
                        title: "Attendance".into(),
                        kind: IndicatorKind::Local,
                        polarity: Polarity::LowerIsBetter,
                        unit: Some("%".into()),
                        priority: None,
                        baseline: figures.then(|| v(2023, 8.5)),
                        targets: if figures { vec![v(2024, 7.0)] } else { vec![] },
                        actuals: if figures { vec![v(2024, 7.5)] } else { vec![] },
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
        let doc = compose(&plan, &ComposeOptions::default()).unwrap();
        let blocks = &doc.chapters[0].blocks;
        let DocBlock::Chart(c) = &blocks[0] else {
            panic!("{:?}", blocks[0])
        };
        assert_eq!(c.title, "NI 1 Attendance");
        assert_eq!(
            c.alt,
            "Trend of NI 1 Attendance: baseline 8.5% in 2023/24; targets 7% in 2024/25; \
             actuals 7.5% in 2024/25. Lower is better."
        );
        let text = |b: &DocBlock| match b {
            DocBlock::Paragraph { content, .. } => spans_text(content),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            text(&blocks[1]),
            "Chart not available: indicator NOPE (the plan has no such indicator)."
        );
        assert_eq!(
            text(&blocks[2]),
            "Chart not available: indicator NI 2 (it has no baseline, targets or actuals yet)."
        );
        assert_eq!(doc.warnings.len(), 2, "{:?}", doc.warnings);
        assert!(doc.warnings[0].starts_with("The chart of indicator \"NOPE\" in chapter"));
        let findings = crate::check::check(&plan).unwrap();
        assert!(
            findings
                .iter()
                .any(|f| f.message.contains("charts indicator \"NOPE\"")),
            "{findings:?}"
        );
    }

    #[test]
    fn a_block_longer_than_the_limit_is_cut_with_a_note_and_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let word = "é".repeat(250_000);
        let plan = plan_with(dir.path(), &[paragraph("Short.".into()), paragraph(word)]);
        let doc = compose(&plan, &ComposeOptions::default()).unwrap();
        let paras: Vec<&Vec<Span>> = doc.chapters[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                DocBlock::Paragraph { content, .. } => Some(content),
                _ => None,
            })
            .collect();
        assert_eq!(spans_text(paras[0]), "Short.");
        let long = paras[1];
        let Span::Text { text, .. } = &long[0] else {
            panic!("{:?}", long[0])
        };
        assert_eq!(text.chars().count(), 200_000);
        let Span::Text { text, italic, .. } = &long[1] else {
            panic!("{:?}", long[1])
        };
        assert!(italic);
        assert_eq!(
            text,
            " [… 50,000 more characters not shown: this paragraph is too long to typeset]"
        );
        assert_eq!(
            doc.warnings,
            [
                "Chapter 1 “Introduction”, section 1: this paragraph is too long to typeset \
              (250,000 characters); only its first 200,000 characters are in the document."
            ]
        );
    }

    #[test]
    fn a_link_to_a_script_keeps_its_text_and_is_named_in_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let linked = |text: &str, href: &str| Inline::Text {
            text: text.into(),
            marks: crate::model::Marks {
                link: Some(href.into()),
                ..Default::default()
            },
        };
        let block = Block::Paragraph {
            numbered: false,
            content: vec![
                linked("run ", "javascript:alert(1)"),
                linked("web", "https://example.org"),
            ],
        };
        let plan = plan_with(dir.path(), &[block]);
        let doc = compose(&plan, &ComposeOptions::default()).unwrap();
        let DocBlock::Paragraph { content, .. } = &doc.chapters[0].blocks[0] else {
            panic!("{:?}", doc.chapters[0].blocks)
        };
        let links: Vec<_> = content
            .iter()
            .map(|s| match s {
                Span::Text { text, link, .. } => (text.as_str(), link.as_deref()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            links,
            [("run ", None), ("web", Some("https://example.org"))]
        );
        assert_eq!(
            doc.warnings,
            ["Chapter 1 “Introduction”, section 1: the link to “javascript:alert(1)” is left out, \
              as a link must be an http://, https:// or mailto: address."]
        );
    }
}
