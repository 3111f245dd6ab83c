//! Word import: a .docx read part by part with zip and roxmltree. Heading 1
//! starts a chapter and Heading 2 a section (Heading 3 and below are
//! headings in the text); paragraphs on Word's list numbering become lists,
//! nested by their level; tables, footnotes, quotes, boxed passages and
//! pictures (with their descriptions as alt text) become the plan's own.
//! The "Numbered Paragraph" style, or a paragraph that begins "2.5" and a
//! tab, is a numbered paragraph; the title page's Title names the plan and
//! a table of contents is left for the plan to make.
//!
//! A .docx is someone else's file: the package is read with bounds (the
//! file, its entries, each part unpacked, the pictures together), the XML
//! by roxmltree (no DTDs, so no entity expansion), and walked without
//! recursion but through content controls, at most [`MAX_NESTING`] deep
//! (a table within a table gives its paragraphs to the cell). The
//! report's notes count the document's paragraphs and table rows.

mod package;
mod runs;
mod styles;

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::inline::{blocks_text, plain_text, push_text};
use package::{child, is, not_word, parse, part, rels, val, Zip, MAX_ENTRIES, STRICT_W, W, WP};
use runs::trim_inlines;
use styles::{num_pr, Numbering, Styles};

use super::{actions, close_level, list_block, ImportError, Imported, Parser, Picture};
use crate::model::{Block, CalloutKind, Inline, ListItem, Marks, Table, TableCell, TableRow};

/// The largest .docx read.
pub const MAX_FILE_BYTES: u64 = 50 << 20;
/// The most picture bytes unpacked from one file, all pictures together.
const MAX_PICTURE_BYTES: u64 = 200 << 20;
/// The deepest content controls (w:sdt) are read within each other.
const MAX_NESTING: usize = 8;

/// Reads `bytes` (a Word document) into chapters and the pictures their
/// figures show.
pub fn docx(bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| not_word("it is not a Word document (.docx): it is not a zip package"))?;
    if zip.len() > MAX_ENTRIES {
        return Err(not_word(format!(
            "its package has more than {MAX_ENTRIES} entries"
        )));
    }
    let document = part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        not_word("it is a zip package but not a Word document (it has no word/document.xml)")
    })?;
    let doc = parse(&document, "word/document.xml")?;
    if doc.root_element().tag_name().namespace() == Some(STRICT_W) {
        return Err(not_word(
            "it is saved as Strict Open XML, which Planwright does not read; save it as a Word Document (.docx)",
        ));
    }
    let styles_xml = part(&mut zip, "word/styles.xml")?;
    let numbering_xml = part(&mut zip, "word/numbering.xml")?;
    let footnotes_xml = part(&mut zip, "word/footnotes.xml")?;
    let rels_xml = part(&mut zip, "word/_rels/document.xml.rels")?;
    let styles = match &styles_xml {
        Some(x) => Styles::read(&parse(x, "word/styles.xml")?),
        None => Styles::default(),
    };
    let numbering = match &numbering_xml {
        Some(x) => Numbering::read(&parse(x, "word/numbering.xml")?),
        None => Numbering::default(),
    };
    let rels = match &rels_xml {
        Some(x) => rels(&parse(x, "word/_rels/document.xml.rels")?),
        None => HashMap::new(),
    };
    let mut reader = Reader {
        p: Parser::default(),
        styles,
        numbering,
        rels,
        zip,
        pictures: Vec::new(),
        picture_ids: Default::default(),
        picture_paths: HashMap::new(),
        picture_bytes: 0,
        list: Vec::new(),
        list_notes: Vec::new(),
        gathering: None,
        gather_notes: Vec::new(),
        headed: false,
        caption: None,
        title: None,
        toc_noted: false,
        line: 0,
    };
    reader.p.report.encoding = "a Word document (.docx)".into();
    reader.p.report.place = "Paragraph".into();
    if let Some(x) = &footnotes_xml {
        reader.footnotes(&parse(x, "word/footnotes.xml")?);
    }
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| not_word("its word/document.xml has no body"))?;
    reader.body(body, 0)?;
    reader.flush();
    let pictures = std::mem::take(&mut reader.pictures);
    let mut imported = reader.p.finish();
    imported.title = reader.title;
    imported.pictures = pictures;
    Ok(imported)
}

/// What a paragraph is, from its style and numbering.
enum Role {
    Title,
    Chapter,
    Section,
    Heading,
    Contents,
    Numbered,
    Item { level: usize, ordered: Option<u32> },
    Continue,
    Quote,
    Attribution,
    CalloutLabel,
    CalloutTitle,
    Boxed,
    Caption,
    Normal,
}

/// A quote or boxed passage being gathered, paragraph by paragraph.
enum Gathering {
    Quote {
        blocks: Vec<Block>,
        attribution: Option<String>,
    },
    Callout {
        kind: CalloutKind,
        title: Option<String>,
        blocks: Vec<Block>,
    },
}

struct Reader<'a> {
    p: Parser,
    styles: Styles,
    numbering: Numbering,
    rels: HashMap<String, (String, bool)>,
    zip: Zip<'a>,
    pictures: Vec<Picture>,
    picture_ids: std::collections::HashSet<String>,
    /// The id of each picture part read, by its path in the package.
    picture_paths: HashMap<String, String>,
    picture_bytes: u64,
    /// The list being made: each open level, as the text import has it.
    list: Vec<(usize, Option<u32>, Vec<ListItem>)>,
    list_notes: Vec<String>,
    gathering: Option<Gathering>,
    /// The footnotes the quote or box being gathered refers to.
    gather_notes: Vec<String>,
    /// A chapter heading has been read.
    headed: bool,
    /// A caption waiting for the table after it.
    caption: Option<String>,
    title: Option<String>,
    toc_noted: bool,
    /// Paragraphs and rows read so far: the report's "line".
    line: usize,
}

impl Reader<'_> {
    fn footnotes(&mut self, doc: &Document<'_>) {
        for f in doc.root_element().children().filter(|n| is(n, "footnote")) {
            if f.attribute((W, "type")).is_some_and(|t| t != "normal") {
                continue;
            }
            let Some(id) = f.attribute((W, "id")) else {
                continue;
            };
            let mut content = Vec::new();
            for p in f.children().filter(|n| is(n, "p")) {
                let (inlines, _, _) = self.inlines(p, false);
                if !content.is_empty() && !inlines.is_empty() {
                    push_text(&mut content, " ", Marks::default());
                }
                content.extend(inlines);
            }
            trim_inlines(&mut content);
            self.p.parts += 1;
            self.p.note_texts.insert(format!("fn{id}"), (0, content));
        }
    }

    /// The blocks of a body (or a w:sdt's content) in order.
    fn body(&mut self, body: Node<'_, '_>, depth: usize) -> Result<(), ImportError> {
        let title_page = if depth == 0 { self.title_page(body) } else { 0 };
        for (i, n) in body.children().filter(Node::is_element).enumerate() {
            if self.p.parts > super::MAX_PARTS {
                return Err(ImportError::TooManyParts { line: self.line });
            }
            if i < title_page {
                self.title_page_part(n);
            } else if is(&n, "p") {
                self.paragraph(n);
            } else if is(&n, "tbl") {
                // A caption waiting above is the table's.
                self.close_list();
                self.close_gathering();
                self.table(n);
            } else if is(&n, "sdt") {
                let toc = n
                    .descendants()
                    .find(|d| is(d, "docPartGallery"))
                    .and_then(val)
                    .is_some_and(|g| g.contains("Table of Contents"));
                if toc {
                    self.flush();
                    self.note_contents();
                } else if let Some(c) = child(n, "sdtContent") {
                    if depth < MAX_NESTING {
                        self.body(c, depth + 1)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// How many of the body's first elements are its title page: those
    /// before the contents or the first chapter heading, when a Title
    /// paragraph is among them (a plan's title page is made from its
    /// properties, so this one's text is listed in the report, not kept).
    fn title_page(&self, body: Node<'_, '_>) -> usize {
        let mut titled = false;
        for (i, n) in body.children().filter(Node::is_element).enumerate() {
            let toc = is(&n, "sdt")
                && n.descendants()
                    .find(|d| is(d, "docPartGallery"))
                    .and_then(val)
                    .is_some_and(|g| g.contains("Table of Contents"));
            if toc || is(&n, "tbl") {
                return if titled { i } else { 0 };
            }
            if is(&n, "p") {
                match self.role(n) {
                    Role::Title => titled = true,
                    Role::Contents | Role::Chapter | Role::Section => {
                        return if titled { i } else { 0 };
                    }
                    _ => {}
                }
            }
        }
        0
    }

    fn title_page_part(&mut self, n: Node<'_, '_>) {
        self.line += 1;
        let text: String = n
            .descendants()
            .filter(|d| is(d, "t"))
            .filter_map(|d| d.text())
            .collect::<String>()
            .trim()
            .to_owned();
        let pictures = n
            .descendants()
            .filter(|d| d.tag_name().namespace() == Some(WP) && d.tag_name().name() == "docPr")
            .count();
        if is(&n, "p")
            && matches!(self.role(n), Role::Title)
            && self.title.is_none()
            && !text.is_empty()
        {
            self.p.note(
                self.line - 1,
                format!(
                    "\"{}\", the document's title, is the plan's title",
                    super::clip(&text)
                ),
            );
            self.title = Some(text);
            return;
        }
        if !text.is_empty() {
            self.p.note(
                self.line - 1,
                format!("\"{}\" on the title page is left out: the plan's title page is made from its properties", super::clip(&text)),
            );
        }
        if pictures > 0 {
            self.p.note(
                self.line - 1,
                "a picture on the title page is left out: a plan's logo is set in its properties",
            );
        }
    }

    fn note_contents(&mut self) {
        if !std::mem::replace(&mut self.toc_noted, true) {
            self.p.note(
                self.line,
                "the table of contents is left out: the plan makes its own",
            );
        }
    }

    fn role(&self, p: Node<'_, '_>) -> Role {
        let ppr = child(p, "pPr");
        let style_id = ppr.and_then(|x| child(x, "pStyle")).and_then(val);
        let style = style_id.map(|s| self.styles.name(s)).unwrap_or_default();
        let num = ppr
            .and_then(|x| child(x, "numPr"))
            .and_then(num_pr)
            .or_else(|| {
                style_id
                    .and_then(|s| self.styles.by_id.get(s))
                    .and_then(|s| s.1.clone())
            })
            // numId 0 takes numbering away.
            .filter(|(id, _)| id != "0");
        match style.as_str() {
            "title" => return Role::Title,
            "heading 1" => return Role::Chapter,
            "heading 2" => return Role::Section,
            "toc heading" => return Role::Contents,
            s if s.starts_with("heading ") => return Role::Heading,
            s if s.starts_with("toc ") => return Role::Contents,
            "numbered paragraph" => return Role::Numbered,
            // Word's Quote; pandoc's Block Text.
            "quote" | "block text" => return Role::Quote,
            "quote attribution" => return Role::Attribution,
            "callout label" => return Role::CalloutLabel,
            "callout title" => return Role::CalloutTitle,
            "intense quote" => return Role::Boxed,
            "caption" | "table caption" | "image caption" => return Role::Caption,
            _ => {}
        }
        if let Some((id, level)) = num {
            // "2.3" numbering, as council reports number their
            // paragraphs, makes numbered paragraphs; other numbering, lists.
            if self.numbering.outline(&id, level) {
                return Role::Numbered;
            }
            return Role::Item {
                level,
                ordered: self.numbering.ordered(&id, level),
            };
        }
        match style.as_str() {
            "list bullet" | "list bullet 2" | "list bullet 3" => Role::Item {
                level: style
                    .rsplit(' ')
                    .next()
                    .and_then(|d| d.parse::<usize>().ok())
                    .map_or(0, |d| d - 1),
                ordered: None,
            },
            "list number" | "list number 2" | "list number 3" => Role::Item {
                level: style
                    .rsplit(' ')
                    .next()
                    .and_then(|d| d.parse::<usize>().ok())
                    .map_or(0, |d| d - 1),
                ordered: Some(1),
            },
            s if s.starts_with("list continue") => Role::Continue,
            _ => Role::Normal,
        }
    }

    fn paragraph(&mut self, p: Node<'_, '_>) {
        self.line += 1;
        let role = self.role(p);
        let (mut content, notes, figures) = self.inlines(p, true);
        trim_inlines(&mut content);
        let text = plain_text(&content);
        if text.trim().is_empty() && figures.is_empty() {
            // An empty attribution line ends a quote all the same.
            if matches!(role, Role::Attribution) {
                self.close_gathering();
            }
            return;
        }
        // A list, quote or box goes on only while its paragraphs do.
        if !matches!(role, Role::Item { .. } | Role::Continue) {
            self.close_list();
        }
        // A box holds lists as well as paragraphs.
        let in_box = matches!(self.gathering, Some(Gathering::Callout { .. }))
            && matches!(role, Role::Item { .. } | Role::Continue);
        if !in_box
            && !matches!(
                role,
                Role::Quote | Role::Attribution | Role::CalloutTitle | Role::Boxed
            )
        {
            self.close_gathering();
        }
        // A caption is a table's only when the table comes next.
        if !matches!(role, Role::Caption) {
            if let Some(c) = self.caption.take() {
                self.orphan_caption(c);
            }
        }
        let paragraph = |numbered, content| Block::Paragraph { numbered, content };
        match role {
            Role::Title if self.title.is_none() && !self.headed => {
                self.p.note(
                    self.line - 1,
                    format!(
                        "\"{}\", the document's title, is the plan's title",
                        text.trim()
                    ),
                );
                self.title = Some(text.trim().to_owned());
            }
            Role::Chapter => {
                let (title, numbered) = chapter_number(text.trim());
                let title = title.to_owned();
                self.p.start_chapter(self.line - 1, &title);
                self.headed = true;
                if let Some(c) = self.p.chapters.last_mut() {
                    c.numbered = Some(numbered);
                }
            }
            Role::Section => {
                let (_, title) = split_number(text.trim());
                self.p.start_section(title);
            }
            Role::Heading => self.p.push(
                Block::Heading {
                    level: 3,
                    content: strip_number(content),
                },
                notes,
            ),
            Role::Contents => self.note_contents(),
            Role::Item { level, ordered } => {
                self.list_item(level, ordered, content, notes);
            }
            Role::Continue if !self.list.is_empty() => {
                if let Some(item) = self.list.last_mut().and_then(|l| l.2.last_mut()) {
                    item.blocks.push(paragraph(false, content));
                }
                self.list_notes.extend(notes);
            }
            Role::Quote => {
                let block = paragraph(false, content);
                match &mut self.gathering {
                    // A quote goes on until its attribution; after it, the
                    // next quote begins.
                    Some(Gathering::Quote {
                        blocks,
                        attribution: None,
                    }) => blocks.push(block),
                    _ => {
                        self.close_gathering();
                        self.gathering = Some(Gathering::Quote {
                            blocks: vec![block],
                            attribution: None,
                        })
                    }
                }
                self.gather_notes.extend(notes);
            }
            Role::Attribution => {
                let who = text
                    .trim()
                    .trim_start_matches(['—', '–', '-'])
                    .trim()
                    .to_owned();
                match &mut self.gathering {
                    Some(Gathering::Quote { attribution, .. }) if attribution.is_none() => {
                        *attribution = Some(who)
                    }
                    _ => self.p.push(paragraph(false, content), notes),
                }
            }
            Role::CalloutLabel => {
                let kind = match text.trim().to_lowercase().as_str() {
                    "case study" => CalloutKind::CaseStudy,
                    "what we will do next" | "next steps" => CalloutKind::NextSteps,
                    _ => CalloutKind::Info,
                };
                self.gathering = Some(Gathering::Callout {
                    kind,
                    title: None,
                    blocks: Vec::new(),
                });
            }
            Role::CalloutTitle => match &mut self.gathering {
                Some(Gathering::Callout { title, blocks, .. })
                    if title.is_none() && blocks.is_empty() =>
                {
                    *title = Some(text.trim().to_owned())
                }
                _ => self.p.push(paragraph(false, content), notes),
            },
            Role::Boxed => {
                // Counted as the text import counts a box's paragraphs.
                self.p.report.paragraphs += 1;
                let block = paragraph(false, content);
                match &mut self.gathering {
                    Some(Gathering::Callout { blocks, .. }) => blocks.push(block),
                    _ => {
                        self.close_gathering();
                        self.gathering = Some(Gathering::Callout {
                            kind: CalloutKind::Info,
                            title: None,
                            blocks: vec![block],
                        })
                    }
                }
                self.gather_notes.extend(notes);
            }
            Role::Caption => self.caption_paragraph(text.trim()),
            Role::Numbered => {
                self.p.report.paragraphs += 1;
                self.p.report.numbered_paragraphs += 1;
                self.p.push(paragraph(true, strip_number(content)), notes);
            }
            Role::Title | Role::Continue | Role::Normal => {
                if !text.trim().is_empty() {
                    // "2.5⇥Text": a numbered paragraph, as Word users type
                    // them.
                    let numbered = numbered_label(&text);
                    self.p.report.paragraphs += 1;
                    if numbered {
                        self.p.report.numbered_paragraphs += 1;
                    }
                    let content = if numbered {
                        strip_number(content)
                    } else {
                        content
                    };
                    self.p.push(paragraph(numbered, content), notes);
                }
            }
        }
        for f in figures {
            self.close_list();
            self.close_gathering();
            if matches!(f, Block::Figure { .. }) {
                self.p.report.figures += 1;
            }
            self.p.push(f, Vec::new());
        }
    }

    /// A caption: the table's or picture's just above it when it has none,
    /// else the next table's.
    fn caption_paragraph(&mut self, text: &str) {
        let last = self
            .p
            .chapters
            .last_mut()
            .and_then(|c| c.sections.last_mut())
            .and_then(|s| s.blocks.last_mut());
        match last {
            Some(Block::Table(t)) if t.caption.is_none() => t.caption = Some(text.to_owned()),
            Some(Block::Figure { caption, .. }) if caption.is_none() => {
                *caption = Some(text.to_owned())
            }
            _ => {
                if let Some(old) = self.caption.replace(text.to_owned()) {
                    self.orphan_caption(old);
                }
            }
        }
    }

    fn orphan_caption(&mut self, text: String) {
        self.p.report.paragraphs += 1;
        self.p.push(
            Block::Paragraph {
                numbered: false,
                content: vec![Inline::Text {
                    text,
                    marks: Marks::default(),
                }],
            },
            Vec::new(),
        );
    }

    fn list_item(
        &mut self,
        level: usize,
        ordered: Option<u32>,
        content: Vec<Inline>,
        notes: Vec<String>,
    ) {
        // Bullets straight after a numbered list (or the reverse) are a
        // list of their own.
        if self
            .list
            .first()
            .is_some_and(|top| level <= top.0 && top.1.is_some() != ordered.is_some())
        {
            self.close_list();
        }
        while self.list.len() > 1 && level < self.list.last().expect("open").0 {
            close_level(&mut self.list);
        }
        if self.list.last().is_none_or(|top| level > top.0) {
            self.list.push((level, ordered, Vec::new()));
        }
        self.p.parts += 1;
        self.list_notes.extend(notes);
        self.list.last_mut().expect("open").2.push(ListItem {
            blocks: vec![Block::Paragraph {
                numbered: false,
                content,
            }],
        });
    }

    fn close_list(&mut self) {
        while self.list.len() > 1 {
            close_level(&mut self.list);
        }
        if let Some(top) = self.list.pop() {
            self.p.report.lists += 1;
            let notes = std::mem::take(&mut self.list_notes);
            let list = list_block(top.1, top.2);
            match &mut self.gathering {
                Some(Gathering::Callout { blocks, .. }) => {
                    blocks.push(list);
                    self.gather_notes.extend(notes);
                }
                _ => self.p.push(list, notes),
            }
        }
    }

    fn close_gathering(&mut self) {
        let notes = std::mem::take(&mut self.gather_notes);
        match self.gathering.take() {
            Some(Gathering::Quote {
                blocks,
                attribution,
            }) => {
                self.p.report.quotes += 1;
                self.p.parts += blocks.len();
                self.p.push(
                    Block::Quote {
                        attribution,
                        blocks,
                    },
                    notes,
                );
            }
            Some(Gathering::Callout {
                kind,
                title,
                blocks,
            }) => {
                self.p.report.boxes += 1;
                self.p.parts += blocks.len();
                self.p.push(
                    Block::Callout {
                        callout: kind,
                        title,
                        blocks,
                    },
                    notes,
                );
            }
            None => {}
        }
    }

    /// Ends what is open before a table or the end of the document.
    fn flush(&mut self) {
        self.close_list();
        self.close_gathering();
        if let Some(c) = self.caption.take() {
            self.orphan_caption(c);
        }
    }

    fn table(&mut self, tbl: Node<'_, '_>) {
        let start = self.line;
        let mut rows = Vec::new();
        let mut notes = Vec::new();
        for tr in tbl.children().filter(|n| is(n, "tr")) {
            self.line += 1;
            let header = child(tr, "trPr").is_some_and(|t| child(t, "tblHeader").is_some());
            let mut cells = Vec::new();
            for tc in tr.children().filter(|n| is(n, "tc")) {
                let props = child(tc, "tcPr");
                let colspan = props
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(val)
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, super::MAX_COLUMNS as u32);
                // A cell merged into the one above is left empty.
                let merged = props
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|m| val(m) != Some("restart"));
                let mut blocks = Vec::new();
                if !merged {
                    for p in cell_paragraphs(tc) {
                        let (mut content, n, figures) = self.inlines(p, true);
                        trim_inlines(&mut content);
                        notes.extend(n);
                        if !content.is_empty() {
                            blocks.push(Block::Paragraph {
                                numbered: false,
                                content,
                            });
                        }
                        self.p.report.figures += figures
                            .iter()
                            .filter(|f| matches!(f, Block::Figure { .. }))
                            .count();
                        blocks.extend(figures);
                    }
                }
                cells.push(TableCell {
                    header,
                    colspan,
                    rowspan: 1,
                    blocks,
                });
                if cells.len() >= super::MAX_COLUMNS {
                    break;
                }
            }
            if !cells.is_empty() {
                self.p.parts += 1;
                rows.push(TableRow { cells });
            }
        }
        if rows.is_empty() {
            return;
        }
        // An ACTIVITY / RESPONSIBILITY table is the plan's actions.
        let texts: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| blocks_text(&c.blocks, "\n"))
                    .collect()
            })
            .collect();
        let head: Vec<&str> = texts[0].iter().map(String::as_str).collect();
        if rows.len() > 1 && actions::is_header(&head) {
            // Named by its caption, or else by the heading just above it
            // (as Planwright's own exports show an objective's actions), or
            // by the title of a section it opens.
            match self.caption.take() {
                Some(c) => self.p.table_actions(start, &c, &c, &texts),
                None => {
                    let section = self.p.section();
                    let above = match section.blocks.last() {
                        Some(Block::Heading { content, .. }) => plain_text(content),
                        None => section.title.clone().unwrap_or_default(),
                        _ => String::new(),
                    };
                    self.p.table_actions(start, "", &above, &texts)
                }
            }
            return;
        }
        self.p.report.tables += 1;
        let caption = self.caption.take();
        self.p.push(Block::Table(Table { caption, rows }), notes);
    }
}

/// "2.5 Text" or "12 Text": the number and the rest.
fn split_number(text: &str) -> (Option<&str>, &str) {
    let (num, rest) = match text.split_once(char::is_whitespace) {
        Some(x) => x,
        None => return (None, text),
    };
    let digits = num.trim_end_matches('.');
    let ok = !digits.is_empty()
        && digits.len() <= 12
        && digits
            .split('.')
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()));
    if ok && !rest.trim().is_empty() {
        (Some(num), rest.trim_start())
    } else {
        (None, text)
    }
}

/// A chapter heading's title, without the number the plan gives it.
fn chapter_number(text: &str) -> (&str, bool) {
    match split_number(text) {
        (Some(_), rest) => (rest, true),
        (None, t) => (t, false),
    }
}

/// Whether a paragraph's text begins with a paragraph number ("2.5 ", or
/// "2.5" and a tab, as Word users lay numbered paragraphs out).
fn numbered_label(text: &str) -> bool {
    matches!(split_number(text.trim_start()), (Some(n), _) if n.trim_end_matches('.').contains('.'))
}

/// The content without its leading paragraph number ("2.5 ", "3 ").
fn strip_number(mut content: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Text { text, .. }) = content.first_mut() {
        if let (Some(_), rest) = split_number(text.trim_start()) {
            *text = rest.to_owned();
        }
    }
    content.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
    content
}

/// The paragraphs of a table cell, those of tables within it too, in
/// order; a paragraph within a paragraph (a text box) is read with it, not
/// again. Walked with a stack, so each element is visited once however
/// deep the nesting.
fn cell_paragraphs<'a, 'i>(tc: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    let mut found = Vec::new();
    let mut stack: Vec<Node<'a, 'i>> = tc.children().filter(Node::is_element).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if is(&n, "p") {
            found.push(n);
        } else if ["tbl", "tr", "tc", "sdt", "sdtContent"]
            .iter()
            .any(|t| is(&n, t))
        {
            let at = stack.len();
            stack.extend(n.children().filter(Node::is_element));
            stack[at..].reverse();
        }
    }
    found
}

#[cfg(test)]
mod tests;
