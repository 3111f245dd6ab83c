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

use std::collections::HashMap;
use std::io::Read as _;

use roxmltree::{Document, Node};

use super::inline::mark_last_word;
use super::{actions, close_level, list_block, ImportError, Imported, Parser, Picture};
use crate::model::{Block, CalloutKind, Inline, ListItem, Marks, Table, TableCell, TableRow};

/// The largest .docx read.
pub const MAX_FILE_BYTES: u64 = 50 << 20;
/// The largest part unpacked (the document's text, its styles, …).
const MAX_PART_BYTES: u64 = 64 << 20;
/// The most picture bytes unpacked from one file, all pictures together.
const MAX_PICTURE_BYTES: u64 = 200 << 20;
/// The most entries a package may have.
const MAX_ENTRIES: usize = 10_000;
/// The deepest content controls (w:sdt) are read within each other.
const MAX_NESTING: usize = 8;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const STRICT_W: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

type Zip<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

fn not_word(why: impl Into<String>) -> ImportError {
    ImportError::NotWord(why.into())
}

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
        picture_bytes: 0,
        list: Vec::new(),
        list_notes: Vec::new(),
        gathering: None,
        gather_notes: Vec::new(),
        chapter_numbers: Vec::new(),
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
    let numbers = std::mem::take(&mut reader.chapter_numbers);
    let mut imported = reader.p.finish();
    imported.title = reader.title;
    imported.pictures = pictures;
    // Where some chapter headings carry numbers, those without are the
    // plan's unnumbered chapters (a Welcome); else the plan numbers all.
    if numbers.iter().any(|(_, n)| *n) {
        for c in &mut imported.chapters {
            c.numbered = false;
        }
        for (i, n) in numbers {
            imported.chapters[i].numbered = n;
        }
    }
    Ok(imported)
}

fn part(zip: &mut Zip<'_>, name: &str) -> Result<Option<String>, ImportError> {
    let Some(bytes) = bytes_of(zip, name, MAX_PART_BYTES)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| ImportError::DamagedWord(format!("its {name} is not UTF-8 text")))?;
    Ok(Some(text.trim_start_matches('\u{FEFF}').to_owned()))
}

fn bytes_of(zip: &mut Zip<'_>, name: &str, max: u64) -> Result<Option<Vec<u8>>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::DamagedWord(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::DamagedWord(format!("{name}: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(ImportError::DamagedWord(format!(
            "its {name} is larger than {} MB unpacked",
            max >> 20
        )));
    }
    Ok(Some(bytes))
}

fn parse<'a>(text: &'a str, name: &str) -> Result<Document<'a>, ImportError> {
    Document::parse(text)
        .map_err(|e| ImportError::DamagedWord(format!("its {name} is damaged ({e})")))
}

fn is(n: &Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn val<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute((W, "val"))
}

/// A toggle property (w:b, w:i): on unless its value says off.
fn on(n: Option<Node<'_, '_>>) -> bool {
    n.is_some_and(|n| !matches!(val(n), Some("0" | "false" | "off")))
}

/// The relationships of the document: id to (target, external).
fn rels(doc: &Document<'_>) -> HashMap<String, (String, bool)> {
    doc.root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            Some((
                n.attribute("Id")?.to_owned(),
                (
                    n.attribute("Target")?.to_owned(),
                    n.attribute("TargetMode") == Some("External"),
                ),
            ))
        })
        .collect()
}

/// A paragraph style: its name (lower case, as Word names the built-in
/// ones whatever the language) and the list numbering it carries.
#[derive(Default)]
struct Styles {
    by_id: HashMap<String, (String, Option<(String, usize)>)>,
}

impl Styles {
    fn read(doc: &Document<'_>) -> Self {
        let mut by_id = HashMap::new();
        for s in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = s.attribute((W, "styleId")) else {
                continue;
            };
            let name = child(s, "name").and_then(val).unwrap_or(id).to_lowercase();
            let num = child(s, "pPr")
                .and_then(|p| child(p, "numPr"))
                .and_then(num_pr);
            by_id.insert(id.to_owned(), (name, num));
        }
        Styles { by_id }
    }

    fn name<'a>(&'a self, id: &'a str) -> String {
        match self.by_id.get(id) {
            Some((name, _)) => name.clone(),
            None => id.to_lowercase(),
        }
    }
}

/// A paragraph's w:numPr: its numbering and level.
fn num_pr(n: Node<'_, '_>) -> Option<(String, usize)> {
    let id = child(n, "numId").and_then(val)?.to_owned();
    let level = child(n, "ilvl")
        .and_then(val)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0usize);
    Some((id, level.min(8)))
}

/// Word's list numbering: for each numbering and level, whether it counts
/// (and from what) or is bullets.
#[derive(Default)]
struct Numbering {
    /// numId to abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId to its levels: numbered from (None for bullets).
    levels: HashMap<String, Vec<Option<u32>>>,
}

impl Numbering {
    fn read(doc: &Document<'_>) -> Self {
        let mut n = Numbering::default();
        for e in doc.root_element().children() {
            if is(&e, "abstractNum") {
                let Some(id) = e.attribute((W, "abstractNumId")) else {
                    continue;
                };
                let mut levels = vec![None; 9];
                for lvl in e.children().filter(|c| is(c, "lvl")) {
                    let Some(i) = lvl
                        .attribute((W, "ilvl"))
                        .and_then(|v| v.parse::<usize>().ok())
                        .filter(|i| *i < 9)
                    else {
                        continue;
                    };
                    let fmt = child(lvl, "numFmt").and_then(val).unwrap_or("decimal");
                    let start = child(lvl, "start")
                        .and_then(val)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1);
                    levels[i] = (!matches!(fmt, "bullet" | "none")).then_some(start);
                }
                n.levels.insert(id.to_owned(), levels);
            } else if is(&e, "num") {
                if let (Some(id), Some(abs)) = (
                    e.attribute((W, "numId")),
                    child(e, "abstractNumId").and_then(val),
                ) {
                    n.nums.insert(id.to_owned(), abs.to_owned());
                }
            }
        }
        n
    }

    /// Whether list `num` at `level` counts, and from what.
    fn ordered(&self, num: &str, level: usize) -> Option<u32> {
        let abs = self.nums.get(num)?;
        *self.levels.get(abs)?.get(level)?
    }
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
    picture_bytes: u64,
    /// The list being made: each open level, as the text import has it.
    list: Vec<(usize, Option<u32>, Vec<ListItem>)>,
    list_notes: Vec<String>,
    gathering: Option<Gathering>,
    /// The footnotes the quote or box being gathered refers to.
    gather_notes: Vec<String>,
    /// Chapters begun by a heading, and whether it had a number.
    chapter_numbers: Vec<(usize, bool)>,
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
        let text = plain(&content);
        if text.trim().is_empty() && figures.is_empty() {
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
            Role::Title if self.title.is_none() && self.chapter_numbers.is_empty() => {
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
                self.chapter_numbers
                    .push((self.p.chapters.len() - 1, numbered));
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
                    Some(Gathering::Quote { blocks, .. }) => blocks.push(block),
                    _ => {
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
                let block = paragraph(false, content);
                match &mut self.gathering {
                    Some(Gathering::Callout { blocks, .. }) => blocks.push(block),
                    _ => {
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
                    for p in tc.descendants().filter(|n| is(n, "p")) {
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
            .map(|r| r.cells.iter().map(|c| plain_blocks(&c.blocks)).collect())
            .collect();
        let head: Vec<&str> = texts[0].iter().map(String::as_str).collect();
        if rows.len() > 1 && actions::is_header(&head) {
            // Named by its caption, or else by the heading just above it
            // (as Planwright's own exports show an objective's actions).
            match self.caption.take() {
                Some(c) => self.p.table_actions(start, &c, &c, &texts),
                None => {
                    let above = match self.p.section().blocks.last() {
                        Some(Block::Heading { content, .. }) => plain(content),
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

    /// A paragraph's inlines, the footnotes it refers to, and the figures
    /// its pictures make (when `pictures`: a footnote's are left out).
    fn inlines(
        &mut self,
        p: Node<'_, '_>,
        pictures: bool,
    ) -> (Vec<Inline>, Vec<String>, Vec<Block>) {
        let mut out: Vec<Inline> = Vec::new();
        let mut notes = Vec::new();
        let mut figures = Vec::new();
        for n in p.descendants().filter(Node::is_element) {
            let name = n.tag_name().name();
            if pictures && n.tag_name().namespace() == Some(WP) && name == "docPr" {
                figures.extend(self.figure(n));
                continue;
            }
            if n.tag_name().namespace() != Some(W) {
                continue;
            }
            match name {
                "t" => {
                    let text = n.text().unwrap_or("");
                    if !text.is_empty() {
                        push_text(&mut out, text, self.marks(n));
                    }
                }
                "tab" if n.parent().is_some_and(|r| is(&r, "r")) => {
                    push_text(&mut out, "\t", self.marks(n))
                }
                // A page or column break is no line of the text.
                "br" | "cr" if n.attribute((W, "type")).is_none_or(|t| t == "textWrapping") => {
                    out.push(Inline::HardBreak)
                }
                "noBreakHyphen" => push_text(&mut out, "-", self.marks(n)),
                "footnoteReference" => {
                    if let Some(id) = n.attribute((W, "id")) {
                        let id = format!("fn{id}");
                        mark_last_word(&mut out, &id);
                        notes.push(id);
                    }
                }
                _ => {}
            }
        }
        (out, notes, figures)
    }

    /// The marks of the text in `n`: its run's bold and italic, and the
    /// link it is in.
    fn marks(&self, n: Node<'_, '_>) -> Marks {
        let mut marks = Marks::default();
        if let Some(rpr) = n
            .ancestors()
            .find(|a| is(a, "r"))
            .and_then(|r| child(r, "rPr"))
        {
            marks.bold = on(child(rpr, "b"));
            marks.italic = on(child(rpr, "i"));
        }
        marks.link = n
            .ancestors()
            .find(|a| is(a, "hyperlink"))
            .and_then(|h| h.attribute((R, "id")))
            .and_then(|id| self.rels.get(id))
            .filter(|(target, external)| {
                *external
                    && (target.starts_with("https://")
                        || target.starts_with("http://")
                        || target.starts_with("mailto:"))
            })
            .map(|(target, _)| target.clone());
        marks
    }

    /// The figure a picture (its wp:docPr) makes: its description is the
    /// alt text. A picture that is not PNG or JPEG, or is missing, keeps
    /// its description as a paragraph and is named in the report.
    fn figure(&mut self, doc_pr: Node<'_, '_>) -> Option<Block> {
        let alt = [doc_pr.attribute("descr"), doc_pr.attribute("title")]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|a| !a.is_empty())
            .map(str::to_owned);
        let name = doc_pr.attribute("name").unwrap_or("picture").to_owned();
        let drawing = doc_pr.ancestors().find(|a| is(a, "drawing"))?;
        let target = drawing
            .descendants()
            .find(|d| d.tag_name().namespace() == Some(A) && d.tag_name().name() == "blip")
            .and_then(|b| b.attribute((R, "embed")))
            .and_then(|id| self.rels.get(id))
            .filter(|(_, external)| !external)
            .map(|(t, _)| t.clone());
        let line = self.line - 1;
        // The picture, or why it is not kept.
        let data = match target {
            Some(t) => {
                let left = MAX_PICTURE_BYTES.saturating_sub(self.picture_bytes);
                match bytes_of(
                    &mut self.zip,
                    &package_path(&t),
                    left.min(crate::picture::MAX_FILE_BYTES),
                ) {
                    Ok(Some(d)) if crate::store::assets::id_for(&d).is_some() => Ok(d),
                    Ok(Some(_)) => Err("is not a PNG or JPEG picture".to_owned()),
                    Ok(None) => Err("is missing from the file".to_owned()),
                    Err(e) => Err(e.to_string()),
                }
            }
            None => Err("is linked, not in the file".to_owned()),
        };
        let data = match data {
            Ok(d) => d,
            Err(why) => {
                let alt = alt.unwrap_or_else(|| name.clone());
                self.p.note(
                    line,
                    format!(
                        "the picture \"{}\" {why}; its description is kept as a paragraph",
                        super::clip(&alt)
                    ),
                );
                return Some(Block::Paragraph {
                    numbered: false,
                    content: vec![Inline::Text {
                        text: format!("[Picture: {alt}]"),
                        marks: Marks::default(),
                    }],
                });
            }
        };
        let id = crate::store::assets::id_for(&data)?;
        self.picture_bytes += data.len() as u64;
        let alt = match alt {
            Some(a) => a,
            None => {
                self.p.note(
                    line,
                    format!("the picture \"{name}\" has no description; its alt text is its name, to be written"),
                );
                name.clone()
            }
        };
        if !self.pictures.iter().any(|p| p.data == data) {
            self.pictures.push(Picture { name, data });
        }
        Some(Block::Figure {
            asset: id,
            alt,
            caption: None,
        })
    }
}

/// A relationship's target as a path in the package ("media/image1.png"
/// is "word/media/image1.png"; "/word/…" is from the root).
fn package_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => {
            let mut parts: Vec<&str> = vec!["word"];
            for seg in target.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            parts.join("/")
        }
    }
}

fn push_text(out: &mut Vec<Inline>, text: &str, marks: Marks) {
    if let Some(Inline::Text {
        text: last,
        marks: m,
    }) = out.last_mut()
    {
        if *m == marks {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text {
        text: text.to_owned(),
        marks,
    });
}

/// Tabs become spaces, and the paragraph's ends are trimmed.
fn trim_inlines(content: &mut Vec<Inline>) {
    for i in content.iter_mut() {
        if let Inline::Text { text, .. } = i {
            if text.contains('\t') {
                *text = text.replace('\t', " ");
            }
        }
    }
    while matches!(content.last(), Some(Inline::HardBreak)) {
        content.pop();
    }
    if let Some(Inline::Text { text, .. }) = content.first_mut() {
        let t = text.trim_start();
        if t.len() != text.len() {
            *text = t.to_owned();
        }
    }
    if let Some(Inline::Text { text, .. }) = content.last_mut() {
        text.truncate(text.trim_end().len());
    }
    content.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
}

fn plain(content: &[Inline]) -> String {
    content
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::HardBreak => "\n",
        })
        .collect()
}

fn plain_blocks(blocks: &[Block]) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(plain(content)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
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

#[cfg(test)]
mod tests;
