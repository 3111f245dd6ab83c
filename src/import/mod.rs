//! Import: a plan started from an authority's own documents. Text is read
//! in Markdown's forms, which is also how text copied out of Word with a
//! "save as Markdown" or pandoc arrives: `#` chapters, `##` sections,
//! `###` headings, paragraphs (a leading "3.1" makes one a numbered
//! paragraph), `-`/`*`/`•` bullets and `1.` lists nested by indentation,
//! `>` quotes with a `— attribution` line, pipe tables (with a `Table:`
//! caption line), `[^1]` footnotes and their `[^1]: text`. Plain text, as
//! reports come out of Word and PDFs, is read by what it looks like too
//! (`plain`); action tables become the plan's actions (`actions`); a
//! Word document is read from its own parts (`docx`).
//!
//! Nothing in the file is dropped: what cannot be placed goes to a last
//! chapter, "Unplaced", and every guess and every unplaced line is in the
//! report with its line number. The work is one pass over the lines, with
//! lists at most [`MAX_DEPTH`] deep and tables at most [`MAX_COLUMNS`]
//! wide (what is beyond is kept, joined into the last cell or level).

mod actions;
mod cover;
mod decode;
mod docx;
mod glossary;
mod inline;
mod plain;
pub mod report;
mod tables;

use std::collections::HashMap;

use serde::Serialize;
use thiserror::Error;

use crate::model::bundle::{BundleChapter, BundleSection, BundleTerm};
use crate::model::prosemirror::to_doc;
use crate::model::report::{AppendixSource, ReportAppendix, ReportBody};
use crate::model::{Block, DataQuery, Inline, ListItem};
pub use actions::{ActionData, FRAMEWORK_KEY};
pub use decode::MAX_BYTES;
pub use docx::{docx, MAX_FILE_BYTES as MAX_DOCX_BYTES};
pub use plain::is_page_number;
use plain::{introduces_list, letter_mark, next_in_list, numbered_title, plain_number};

#[derive(Debug, Error)]
pub enum ImportError {
    #[error("it is larger than {} MB ({} MB); a plan's text is far smaller", .max >> 20, .bytes >> 20)]
    TooLarge { bytes: u64, max: u64 },
    #[error("it is empty")]
    Empty,
    #[error("it is not text (it holds binary data at byte {at})")]
    NotText { at: u64 },
    #[error(
        "it has more than {MAX_PARTS} paragraphs, list items, table rows and headings (by line {line}); a plan has a few thousand at most"
    )]
    TooManyParts { line: usize },
    /// Not a .docx: "it is not a zip package", "it has no word/document.xml".
    #[error("{0}")]
    NotWord(String),
    #[error("it is a Word document but damaged: {0}")]
    DamagedWord(String),
}

/// The most paragraphs, list items, table rows, quotes and headings a file
/// may hold. Each becomes a block of the plan, so this bounds the memory and
/// time an import takes (a file of 20 MB of one-letter list items would
/// otherwise be five million blocks); the seeds have under 2,000.
pub const MAX_PARTS: usize = 50_000;

/// The most guesses the report lists one by one; the rest are counted.
pub const MAX_NOTES: usize = 500;

/// The most levels a list is nested; deeper items join the deepest.
pub const MAX_DEPTH: usize = 8;
/// The most columns a table has; further cells join the last.
pub const MAX_COLUMNS: usize = 64;

/// What an import made of a file.
#[derive(Debug)]
pub struct Imported {
    pub chapters: Vec<BundleChapter>,
    /// The actions its action tables hold, with their objectives and leads.
    pub data: ActionData,
    /// The document's own title (a .docx's Title paragraph), if it has one.
    pub title: Option<String>,
    /// The pictures its figures show, each once, named in the figures by
    /// [`crate::store::assets::id_for`].
    pub pictures: Vec<Picture>,
    /// The entries of its glossary.
    pub glossary: Vec<BundleTerm>,
    /// The committee report it begins with, as the plan's report.
    pub reports: Vec<ReportBody>,
    pub report: ImportReport,
}

impl Imported {
    /// Names the imported objectives `key` instead of [`FRAMEWORK_KEY`]
    /// (a plan that already has such a list keeps it): in the framework,
    /// its actions and the live tables that show them.
    pub fn rekey_objectives(&mut self, key: &str) {
        for f in &mut self.data.frameworks {
            f.key = key.to_owned();
        }
        for a in &mut self.data.actions {
            a.framework = a.framework.as_ref().map(|_| key.to_owned());
        }
        for c in &mut self.chapters {
            for s in &mut c.sections {
                let Ok(mut blocks) = crate::model::prosemirror::parse_doc(&s.content) else {
                    continue;
                };
                for b in &mut blocks {
                    if let Block::Data(DataQuery::Actions(f)) = b {
                        if f.framework.as_deref() == Some(FRAMEWORK_KEY) {
                            f.framework = Some(key.to_owned());
                        }
                    }
                }
                s.content = to_doc(&blocks);
            }
        }
    }
}

/// A picture from the file, as it was there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// Its name in the document ("Picture 1").
    pub name: String,
    pub data: Vec<u8>,
}

/// What was placed, and every line guessed at or not placed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    /// How the file was read: "UTF-8", or Windows-1252 and why, or "a
    /// Word document (.docx)".
    pub encoding: String,
    /// What a note's number counts: "Line" in text, "Paragraph" in a
    /// Word document (its paragraphs and table rows).
    pub place: String,
    pub chapters: usize,
    pub sections: usize,
    pub paragraphs: usize,
    pub numbered_paragraphs: usize,
    pub lists: usize,
    pub tables: usize,
    pub quotes: usize,
    /// Boxed passages: "Actions to be taken…" lists, case studies.
    pub boxes: usize,
    pub footnotes: usize,
    /// Rows of action tables made the plan's actions.
    pub actions: usize,
    /// Pictures made figures.
    pub figures: usize,
    /// Glossary entries made the plan's glossary.
    pub glossary: usize,
    /// Cover reports made the plan's committee reports.
    pub reports: usize,
    /// Guesses and unplaced lines, in the file's order (the first
    /// [`MAX_NOTES`]).
    pub notes: Vec<ImportNote>,
    /// How many more there were, not listed.
    pub more_notes: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportNote {
    /// 1-based line of the file (or paragraph of a Word document).
    pub line: usize,
    /// What was done with it: "put in Unplaced: …", "guessed …".
    pub said: String,
}

/// The title of the chapter that holds what could not be placed.
pub const UNPLACED: &str = "Unplaced";

/// How a file's numbered lines are read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Flavour {
    /// Markdown: "1. text" is an item of a numbered list.
    #[default]
    Markdown,
    /// Plain text, as reports are written: "1. text" of more than a line
    /// is a numbered paragraph; a short one is a list item.
    Plain,
}

/// A numbered line longer than this, in plain text, is a paragraph.
const LIST_ITEM_CHARS: usize = 80;

/// Reads `bytes` (a text or Markdown file) into chapters.
pub fn text(bytes: &[u8], flavour: Flavour) -> Result<Imported, ImportError> {
    let decoded = decode::decode(bytes)?;
    // The chapter heading a cover report's appendix is read under.
    let appendix_heading: String;
    let mut p = Parser {
        flavour,
        ..Parser::default()
    };
    p.report.encoding = decoded.encoding.to_owned();
    p.report.place = "Line".into();
    let mut lines: Vec<&str> = Vec::new();
    for (n, line) in decoded.text.split('\n').enumerate() {
        // Bullets a PDF extraction glued to the text before them each
        // start a line of their own (which reports its line in the file).
        let pieces = match flavour {
            Flavour::Plain => plain::unglue_bullets(line),
            Flavour::Markdown => vec![line],
        };
        for piece in pieces {
            lines.push(piece);
            p.origin.push(n);
        }
    }
    // Superscript footnotes, rewritten as Markdown's (line for line).
    let rewritten = match flavour {
        Flavour::Plain => plain::superscript_notes(&lines),
        Flavour::Markdown => None,
    };
    if let Some(r) = &rewritten {
        lines = r.iter().map(String::as_str).collect();
    }
    // A committee report at the head of the text is the plan's report,
    // not its chapters: its lines are read no further.
    let cover = match flavour {
        Flavour::Plain => cover::cover(&lines),
        Flavour::Markdown => None,
    };
    if let Some(c) = &cover {
        for l in &mut lines[c.lines.clone()] {
            *l = "";
        }
        // Its "APPENDIX 1" and the title after it head the appendix's chapter.
        if let Some((label, title)) = c.appendix_lines {
            appendix_heading = format!("# {}", lines[title].trim());
            lines[label] = "";
            lines[title] = &appendix_heading;
        }
    }
    if flavour == Flavour::Plain {
        p.running = plain::running_lines(&lines);
    }
    let mut i = 0;
    while i < lines.len() {
        i = p.line(&lines, i);
        if p.parts > MAX_PARTS {
            return Err(ImportError::TooManyParts {
                line: i.min(lines.len()),
            });
        }
    }
    if let Some(c) = cover {
        p.cover(c);
    }
    Ok(p.finish())
}

#[derive(Default)]
struct Chapter {
    title: String,
    /// The line it began on.
    line: usize,
    /// Whether its heading carried a number (a Word document's say); when
    /// some did, those that did not are unnumbered (a Welcome). Unknown,
    /// the plan numbers it.
    numbered: Option<bool>,
    sections: Vec<Section>,
}

#[derive(Default)]
struct Section {
    title: Option<String>,
    blocks: Vec<Block>,
    /// Footnote ids referred to here, so their texts go here too.
    notes: Vec<String>,
}

#[derive(Default)]
struct Parser {
    chapters: Vec<Chapter>,
    /// Footnote texts by id, with the line each was defined on.
    note_texts: HashMap<String, (usize, Vec<Inline>)>,
    unplaced: Vec<Block>,
    report: ImportReport,
    /// Text came before the first chapter heading, so a chapter was made
    /// for it.
    introduced: bool,
    flavour: Flavour,
    /// Blocks, list items and table rows made so far (see [`MAX_PARTS`]).
    parts: usize,
    data: ActionData,
    glossary: Vec<BundleTerm>,
    reports: Vec<ReportBody>,
    /// The line of the file each line read comes from (lines split apart
    /// share theirs); empty when they are the same.
    origin: Vec<usize>,
    /// Running headers and footers: lines to leave out, and whether each
    /// has been reported.
    running: HashMap<String, bool>,
    /// The number of the last "4. …" numbered paragraph, whose successor is
    /// a numbered paragraph however short.
    last_number: Option<u32>,
}

/// What a line is.
enum Kind<'a> {
    Blank,
    Heading(usize, &'a str),
    Item {
        indent: usize,
        ordered: Option<u32>,
        text: &'a str,
    },
    Quote(&'a str),
    TableRow,
    Caption(&'a str),
    NoteText(&'a str, &'a str),
    Text,
}

fn kind(line: &str) -> Kind<'_> {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return Kind::Blank;
    }
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        return Kind::Heading(hashes, trimmed[hashes..].trim());
    }
    if let Some(q) = trimmed.strip_prefix('>') {
        return Kind::Quote(q.trim());
    }
    if trimmed.starts_with('|') {
        return Kind::TableRow;
    }
    if let Some(c) = trimmed.strip_prefix("Table:") {
        return Kind::Caption(c.trim());
    }
    if let Some(body) = trimmed.strip_prefix("[^") {
        if let Some((id, text)) = body.split_once("]:") {
            if !id.is_empty() && id.len() <= 64 && !id.contains(char::is_whitespace) {
                return Kind::NoteText(id, text.trim());
            }
        }
    }
    let indent: usize = line
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    // "zz" and "o" are how some PDF extractions write Word's bullets.
    for bullet in ["- ", "* ", "• ", "· ", "zz ", "o "] {
        if let Some(text) = trimmed.strip_prefix(bullet) {
            return Kind::Item {
                indent,
                ordered: None,
                text: text.trim(),
            };
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    if (1..=4).contains(&digits) {
        let after = &trimmed[digits..];
        if let Some(text) = after
            .strip_prefix(". ")
            .or_else(|| after.strip_prefix(") "))
        {
            if let Ok(n) = trimmed[..digits].parse::<u32>() {
                return Kind::Item {
                    indent,
                    ordered: Some(n),
                    text: text.trim(),
                };
            }
        }
    }
    Kind::Text
}

/// "3.1 Text" or "3.1.2 Text": a numbered paragraph's own number, which
/// the plan numbers itself; the text after it.
fn paragraph_number(text: &str) -> Option<&str> {
    let (num, rest) = text.split_once(char::is_whitespace)?;
    let parts: Vec<&str> = num.trim_end_matches('.').split('.').collect();
    (parts.len() >= 2
        && parts.len() <= 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit())))
    .then(|| rest.trim_start())
}

impl Parser {
    fn section(&mut self) -> &mut Section {
        if self.chapters.is_empty() {
            self.chapters.push(Chapter {
                title: "Introduction".into(),
                line: 0,
                numbered: None,
                sections: Vec::new(),
            });
            self.introduced = true;
        }
        let ch = self.chapters.last_mut().expect("a chapter");
        if ch.sections.is_empty() {
            ch.sections.push(Section::default());
        }
        ch.sections.last_mut().expect("a section")
    }

    /// A new chapter titled `title`, begun at line `i`.
    fn start_chapter(&mut self, i: usize, title: &str) {
        self.parts += 1;
        if std::mem::take(&mut self.introduced) {
            self.note(
                i,
                "the text before this first chapter is in a chapter called Introduction",
            );
        }
        self.chapters.push(Chapter {
            title: title.to_owned(),
            line: i,
            numbered: None,
            sections: Vec::new(),
        });
    }

    /// A new section titled `title` in the current chapter. A chapter's
    /// opening text before its first section stays in an untitled
    /// section; an empty one is given the title instead.
    fn start_section(&mut self, title: &str) {
        self.parts += 1;
        self.section();
        let ch = self.chapters.last_mut().expect("a chapter");
        if ch.sections.len() == 1
            && ch.sections[0].title.is_none()
            && ch.sections[0].blocks.is_empty()
        {
            ch.sections[0].title = Some(title.to_owned());
        } else {
            ch.sections.push(Section {
                title: Some(title.to_owned()),
                ..Section::default()
            });
        }
    }

    /// The 1-based line of the file that line `i` read comes from.
    fn line_of(&self, i: usize) -> usize {
        self.origin.get(i).copied().unwrap_or(i) + 1
    }

    fn note(&mut self, line: usize, said: impl Into<String>) {
        if self.report.notes.len() >= MAX_NOTES {
            self.report.more_notes += 1;
            return;
        }
        self.report.notes.push(ImportNote {
            line: self.line_of(line),
            said: said.into(),
        });
    }

    fn push(&mut self, block: Block, notes: Vec<String>) {
        self.parts += 1;
        let s = self.section();
        s.blocks.push(block);
        s.notes.extend(notes);
    }

    /// Reads the construct starting at line `i`; returns the next line.
    fn line(&mut self, lines: &[&str], i: usize) -> usize {
        if actions::starts_at(lines, i) {
            return self.action_table(lines, i);
        }
        match kind(lines[i]) {
            Kind::Blank => i + 1,
            Kind::Text if self.flavour == Flavour::Plain => {
                if is_page_number(lines[i]) {
                    self.note(
                        i,
                        format!("\"{}\", a page number, is left out", lines[i].trim()),
                    );
                    i + 1
                } else if self.is_running(i, lines[i]) {
                    i + 1
                } else if let Some(end) = self.tab_table(lines, i) {
                    end
                } else if let Some(end) = self.plain_quote(lines, i) {
                    end
                } else if let Some(title) = numbered_title(lines[i], "Chapter") {
                    self.note(i, format!("\"{}\" starts a chapter", lines[i].trim()));
                    self.start_chapter(i, title);
                    i + 1
                } else if let Some(title) = numbered_title(lines[i], "Section") {
                    self.note(i, format!("\"{}\" starts a section", lines[i].trim()));
                    self.start_section(title);
                    i + 1
                } else if let Some(kind) = self.box_label(lines, i) {
                    self.boxed(lines, i, kind)
                } else if self.plain_heading(lines, i) {
                    let title = lines[i].trim();
                    self.note(
                        i,
                        format!(
                            "\"{title}\", a short line standing alone, is taken as a section title"
                        ),
                    );
                    self.start_section(title);
                    i + 1
                } else if self.glued_heading(lines, i) {
                    let title = lines[i].trim();
                    self.note(
                        i,
                        format!(
                            "\"{title}\", a short line over a paragraph, is taken as a section title"
                        ),
                    );
                    self.start_section(title);
                    i + 1
                } else {
                    self.paragraph(lines, i)
                }
            }
            Kind::Heading(1, title) => {
                self.start_chapter(i, title);
                i + 1
            }
            Kind::Heading(2, title) => {
                self.start_section(title);
                i + 1
            }
            Kind::Heading(level, title) => {
                if level > 3 {
                    self.note(
                        i,
                        format!("a level-{level} heading is made a level-3 heading"),
                    );
                }
                let (content, notes) = inline::parse(title);
                self.push(Block::Heading { level: 3, content }, notes);
                i + 1
            }
            Kind::Item { .. }
                if self.numbered_paragraph(lines[i]) && !introduces_list(lines, i) =>
            {
                self.paragraph(lines, i)
            }
            Kind::Item { .. } => self.list(lines, i),
            Kind::Quote(_) => self.quote(lines, i),
            Kind::TableRow | Kind::Caption(_) => self.table(lines, i),
            Kind::NoteText(id, text) => {
                let (content, _) = inline::parse(text);
                if self.note_texts.contains_key(id) {
                    self.note(
                        i,
                        format!("footnote [^{id}] is defined twice; the second is put in Unplaced"),
                    );
                    self.unplaced.push(Block::Paragraph {
                        numbered: false,
                        content,
                    });
                } else {
                    self.parts += 1;
                    self.note_texts.insert(id.to_owned(), (i, content));
                }
                i + 1
            }
            Kind::Text => self.paragraph(lines, i),
        }
    }

    /// Lines of text up to a blank line or another construct.
    fn paragraph(&mut self, lines: &[&str], start: usize) -> usize {
        let mut end = start + 1;
        // A line that starts with a paragraph number starts a paragraph.
        // And "Chapter 4: …" or "Section 2 …" starts its own.
        let starts_part = |l: &str| {
            self.flavour == Flavour::Plain
                && (numbered_title(l, "Chapter").is_some()
                    || numbered_title(l, "Section").is_some())
        };
        // A page number or running header between a paragraph's lines
        // (text copied out of a PDF) is left out, and the paragraph goes on.
        let mut page_numbers = Vec::new();
        while end < lines.len()
            && matches!(kind(lines[end]), Kind::Text)
            && paragraph_number(lines[end].trim()).is_none()
            && !starts_part(lines[end])
            && self.box_label(lines, end).is_none()
        {
            if self.flavour == Flavour::Plain
                && (is_page_number(lines[end]) || self.running.contains_key(lines[end].trim()))
            {
                page_numbers.push(end);
            }
            end += 1;
        }
        for &n in &page_numbers {
            if !self.is_running(n, lines[n]) {
                self.note(
                    n,
                    format!("\"{}\", a page number, is left out", lines[n].trim()),
                );
            }
        }
        // A bullet before a paragraph number is no bullet.
        let first = match kind(lines[start]) {
            Kind::Item {
                ordered: None,
                text,
                ..
            } => text,
            _ => lines[start].trim(),
        };
        let joined = std::iter::once(first)
            .chain(
                (start + 1..end)
                    .filter(|n| !page_numbers.contains(n))
                    .map(|n| lines[n].trim()),
            )
            .collect::<Vec<_>>()
            .join(" ");
        let (numbered, text) = match paragraph_number(&joined).or_else(|| {
            // "4. Information has been…": in plain text, a report's
            // numbered paragraph.
            (self.flavour == Flavour::Plain)
                .then(|| plain_number(&joined))
                .flatten()
        }) {
            Some(rest) => (true, rest),
            None => (false, joined.as_str()),
        };
        // "…in 2006. 1.2 The CYPP…": the next paragraph's number where a
        // PDF's text joined two numbered paragraphs.
        if numbered {
            self.last_number = joined
                .split_once(". ")
                .and_then(|(n, _)| n.parse().ok())
                .filter(|_| plain_number(&joined).is_some());
        }
        let pieces = match (numbered, self.flavour) {
            (true, Flavour::Plain) => {
                let label = joined[..joined.len() - text.len()].trim();
                plain::unglue_numbers(label, text)
            }
            _ => vec![text],
        };
        if pieces.len() > 1 {
            self.note(
                start,
                format!(
                    "the paragraph numbers after the first here, mid-line, start {} more numbered paragraphs",
                    pieces.len() - 1
                ),
            );
        }
        for piece in pieces {
            let (content, notes) = inline::parse(piece);
            self.report.paragraphs += 1;
            if numbered {
                self.report.numbered_paragraphs += 1;
            }
            self.push(Block::Paragraph { numbered, content }, notes);
        }
        end
    }

    /// Whether `line`, which reads as a list item, is in plain text a
    /// report's numbered paragraph: a numbered line more than a line long,
    /// or a bullet before a paragraph number ("- 1.1 Text", as some
    /// reports come out of Word).
    fn numbered_paragraph(&self, line: &str) -> bool {
        self.flavour == Flavour::Plain
            && match kind(line) {
                // Long, or the next number of the report's paragraphs
                // ("5. Five Principles underpin the Plan." after 4.).
                Kind::Item {
                    ordered: Some(n),
                    text,
                    ..
                } => {
                    text.chars().count() > LIST_ITEM_CHARS
                        || self.last_number.is_some_and(|last| n == last + 1)
                }
                Kind::Item {
                    ordered: None,
                    text,
                    ..
                } => paragraph_number(text).is_some(),
                _ => false,
            }
    }

    /// A list and the lists nested in it, by indentation.
    fn list(&mut self, lines: &[&str], start: usize) -> usize {
        // Each open level: its indentation, whether numbered (and from
        // what), and its items.
        let mut stack: Vec<(usize, Option<u32>, Vec<ListItem>)> = Vec::new();
        let mut notes = Vec::new();
        let mut i = start;
        // Past the bound, the list ends and the import is refused.
        while i < lines.len() && self.parts <= MAX_PARTS {
            match kind(lines[i]) {
                // A long numbered line is a paragraph, unless it starts the
                // list or carries on its numbering.
                Kind::Item { .. }
                    if self.numbered_paragraph(lines[i])
                        && i != start
                        && !next_in_list(&stack, lines[i]) =>
                {
                    break
                }
                Kind::Item {
                    indent,
                    ordered,
                    text,
                } => {
                    while stack.len() > 1 && indent < stack.last().expect("open").0 {
                        close_level(&mut stack);
                    }
                    let deeper = stack.last().is_none_or(|top| indent > top.0 + 1);
                    if deeper && stack.len() < MAX_DEPTH {
                        stack.push((indent, ordered, Vec::new()));
                    } else if deeper {
                        self.note(i, format!("a list nested deeper than {MAX_DEPTH} levels is kept at level {MAX_DEPTH}"));
                    }
                    let (content, n) = inline::parse(text);
                    notes.extend(n);
                    self.parts += 1;
                    stack.last_mut().expect("open").2.push(ListItem {
                        blocks: vec![Block::Paragraph {
                            numbered: false,
                            content,
                        }],
                    });
                    i += 1;
                }
                // Blank lines between items keep the list going (a loose
                // list, as Word's bullets come out in text).
                Kind::Blank => {
                    let next = (i..lines.len()).find(|n| !matches!(kind(lines[*n]), Kind::Blank));
                    match next {
                        // An item of the same kind of list, bullets or numbers.
                        Some(n)
                            if matches!(kind(lines[n]), Kind::Item { ordered, .. }
                                if ordered.is_some() == stack.first().is_some_and(|s| s.1.is_some()))
                                && (!self.numbered_paragraph(lines[n])
                                    || next_in_list(&stack, lines[n])) =>
                        {
                            i = n
                        }
                        Some(n)
                            if self.flavour == Flavour::Plain
                                && letter_mark(lines[n]).is_some() =>
                        {
                            i = n
                        }
                        _ => break,
                    }
                }
                // "(a)" and its text: a lettered point of the item above,
                // kept in it as a paragraph.
                Kind::Text
                    if self.flavour == Flavour::Plain
                        && !stack.is_empty()
                        && letter_mark(lines[i]).is_some() =>
                {
                    let mut text = lines[i].trim().to_owned();
                    i += 1;
                    while i < lines.len()
                        && matches!(kind(lines[i]), Kind::Text)
                        && letter_mark(lines[i]).is_none()
                    {
                        text.push(' ');
                        text.push_str(lines[i].trim());
                        i += 1;
                    }
                    let (content, n) = inline::parse(&text);
                    notes.extend(n);
                    self.parts += 1;
                    if let Some(item) = stack.last_mut().and_then(|top| top.2.last_mut()) {
                        item.blocks.push(Block::Paragraph {
                            numbered: false,
                            content,
                        });
                    }
                }
                // A line that carries on the item above.
                Kind::Text if lines[i].starts_with(' ') || lines[i].starts_with('\t') => {
                    let (content, n) = inline::parse(lines[i].trim());
                    notes.extend(n);
                    if let Some(Block::Paragraph { content: last, .. }) = stack
                        .last_mut()
                        .and_then(|top| top.2.last_mut())
                        .and_then(|item| item.blocks.last_mut())
                    {
                        last.push(Inline::Text {
                            text: " ".into(),
                            marks: Default::default(),
                        });
                        last.extend(content);
                    }
                    i += 1;
                }
                _ => break,
            }
        }
        while stack.len() > 1 {
            close_level(&mut stack);
        }
        if let Some(top) = stack.pop() {
            self.report.lists += 1;
            self.push(list_block(top.1, top.2), notes);
        }
        i
    }

    fn quote(&mut self, lines: &[&str], start: usize) -> usize {
        let mut i = start;
        let mut paras: Vec<String> = vec![String::new()];
        let mut attribution = None;
        while i < lines.len() && paras.len() <= MAX_PARTS {
            let Kind::Quote(text) = kind(lines[i]) else {
                break;
            };
            let who = text
                .strip_prefix('—')
                .or_else(|| text.strip_prefix("--"))
                .or_else(|| text.strip_prefix("- "));
            match who {
                Some(w) if !w.trim().is_empty() => attribution = Some(w.trim().to_owned()),
                _ if text.is_empty() => paras.push(String::new()),
                _ => {
                    let p = paras.last_mut().expect("a paragraph");
                    if !p.is_empty() {
                        p.push(' ');
                    }
                    p.push_str(text);
                }
            }
            i += 1;
        }
        let mut notes = Vec::new();
        let blocks = paras
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (content, n) = inline::parse(p);
                notes.extend(n);
                Block::Paragraph {
                    numbered: false,
                    content,
                }
            })
            .collect::<Vec<_>>();
        if blocks.is_empty() {
            // Only an attribution: kept as a paragraph.
            if let Some(a) = attribution {
                self.note(
                    start,
                    "a quote with no words but its attribution is kept as a paragraph",
                );
                self.push(
                    Block::Paragraph {
                        numbered: false,
                        content: inline::parse(&a).0,
                    },
                    notes,
                );
            }
            return i;
        }
        self.report.quotes += 1;
        // Its paragraphs count as the parts they are.
        self.parts += blocks.len() - 1;
        self.push(
            Block::Quote {
                attribution,
                blocks,
            },
            notes,
        );
        i
    }

    /// Keeps the cover report `c` as the plan's committee report, its
    /// appendix the action plan that follows it (seed 000) or the plan
    /// itself (seed 001), and says so.
    fn cover(&mut self, mut c: cover::Cover) {
        let r = &mut c.report;
        match (&c.appendix, &c.followed_by) {
            (Some(title), _) if !self.data.actions.is_empty() => {
                r.appendices.push(ReportAppendix {
                    title: if title.is_empty() {
                        "Action plan".into()
                    } else {
                        title.clone()
                    },
                    source: AppendixSource::Actions {
                        group_by: Default::default(),
                        columns: Default::default(),
                    },
                    exempt: false,
                })
            }
            (_, Some(title)) | (Some(title), None) if !self.chapters.is_empty() => {
                r.appendices.push(ReportAppendix {
                    title: title.clone(),
                    source: AppendixSource::Plan,
                    exempt: false,
                })
            }
            _ => {}
        }
        let template = if r.template == crate::model::report_template::DERBY {
            "Derby"
        } else {
            "Leicestershire"
        };
        let said = format!(
            "lines {}–{} are read as a committee report, \"{}\" to {}, in the {template} \
             template: {} sections, {} numbered paragraphs{}{}",
            self.line_of(c.lines.start),
            self.line_of(c.lines.end.saturating_sub(1)),
            clip(&r.title),
            if r.committee.is_empty() {
                "a committee"
            } else {
                &r.committee
            },
            r.sections.len(),
            c.numbered,
            match &r.author {
                a if a.is_empty() => String::new(),
                a => format!(", by {a}"),
            },
            match r.appendices.first() {
                Some(a) => format!("; its Appendix 1 is {}", a.source.describe()),
                None => String::new(),
            }
        );
        self.note(c.lines.start, said);
        self.report.reports += 1;
        self.reports.push(c.report);
    }

    fn finish(mut self) -> Imported {
        self.glossary();
        if self.introduced {
            self.note(
                0,
                "the file has no # chapter headings: its text is in a chapter called Introduction",
            );
        }
        // Each footnote text goes at the end of the first section that
        // refers to it; texts nothing refers to are unplaced.
        let note_texts = std::mem::take(&mut self.note_texts);
        let mut placed = std::collections::HashSet::new();
        for ch in &mut self.chapters {
            for s in &mut ch.sections {
                for id in std::mem::take(&mut s.notes) {
                    if !placed.insert(id.clone()) {
                        continue;
                    }
                    if let Some((_, content)) = note_texts.get(&id) {
                        s.blocks.push(Block::Footnote {
                            id: id.clone(),
                            content: content.clone(),
                        });
                        self.report.footnotes += 1;
                    }
                }
            }
        }
        let mut unreferenced: Vec<(usize, String, Vec<Inline>)> = note_texts
            .into_iter()
            .filter(|(id, _)| !placed.contains(id))
            .map(|(id, (line, content))| (line, id, content))
            .collect();
        unreferenced.sort_by_key(|(line, ..)| *line);
        for (line, id, content) in unreferenced {
            self.note(
                line,
                format!("footnote [^{id}] is not referred to; its text is put in Unplaced"),
            );
            self.unplaced.push(Block::Paragraph {
                numbered: false,
                content,
            });
        }
        let some_numbered = self.chapters.iter().any(|c| c.numbered == Some(true));
        let mut chapters: Vec<BundleChapter> = self
            .chapters
            .into_iter()
            .map(|c| BundleChapter {
                title: c.title,
                numbered: c.numbered.unwrap_or(!some_numbered),
                sections: c
                    .sections
                    .into_iter()
                    .map(|s| BundleSection {
                        title: s.title,
                        content: to_doc(&s.blocks),
                    })
                    .collect(),
            })
            .collect();
        if !self.unplaced.is_empty() {
            chapters.push(BundleChapter {
                title: UNPLACED.into(),
                numbered: false,
                sections: vec![BundleSection {
                    title: None,
                    content: to_doc(&self.unplaced),
                }],
            });
        }
        self.report.notes.sort_by_key(|n| n.line);
        self.report.chapters = chapters.len();
        self.report.sections = chapters.iter().map(|c| c.sections.len()).sum();
        Imported {
            chapters,
            data: self.data,
            title: None,
            pictures: Vec::new(),
            glossary: self.glossary,
            reports: self.reports,
            report: self.report,
        }
    }
}

/// `text`'s first 60 characters, for a note.
fn clip(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Closes the deepest open list level into the last item of the one above.
fn close_level(stack: &mut Vec<(usize, Option<u32>, Vec<ListItem>)>) {
    let (_, ordered, items) = stack.pop().expect("a level to close");
    let block = list_block(ordered, items);
    let parent = stack.last_mut().expect("a level above");
    match parent.2.last_mut() {
        Some(item) => item.blocks.push(block),
        None => parent.2.push(ListItem {
            blocks: vec![block],
        }),
    }
}

fn list_block(ordered: Option<u32>, items: Vec<ListItem>) -> Block {
    match ordered {
        Some(start) => Block::OrderedList { start, items },
        None => Block::BulletList { items },
    }
}

#[cfg(test)]
mod tests;
