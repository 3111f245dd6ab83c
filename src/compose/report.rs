//! A committee report and its pack: the cover report in its template (the
//! head, the sections with their paragraphs numbered the template's way,
//! the template's own appendix such as Derby's "Implications"), and each
//! appendix composed from the plan as it is now, so a change to the plan
//! shows in the next pack. The public version leaves out exempt appendices
//! and the officers' sign-off; the internal version keeps them and says so
//! at the top of every page.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::appendix;
use super::document::{ContentsEntry, DocBlock, DocChapter, Document, Span};
use super::{compose_conn, CalloutKind, ComposeError, ComposeOptions, Composer, PageNumbering};
use crate::model::prosemirror::parse_doc;
use crate::model::report::{AppendixSource, Report, ReportStatus};
use crate::model::report_template::{
    self, ParagraphNumbering, ReportTemplate, SectionKind, TemplateSection,
};
use crate::model::{Block, Id};
use crate::store::{self, PlanFile};

#[derive(Debug, Clone, Default)]
pub struct PackOptions {
    /// The public version: no exempt appendix, no sign-off.
    pub public: bool,
    /// The date the appendices are dated (today when None).
    pub date: Option<NaiveDate>,
    /// For the editor: the cover report composed, each appendix only
    /// checked (its chapters there, its file in the plan), not made, so a
    /// save does not compose the whole plan or parse an attached file.
    pub preview: bool,
}

/// A report's pack, composed.
#[derive(Debug)]
pub struct Pack {
    pub report: Report,
    pub template: ReportTemplate,
    pub public: bool,
    /// The cover report: its head, its sections and the template's own
    /// appendices.
    pub cover: Document,
    /// The report's appendices, numbered after the template's own.
    pub appendices: Vec<PackAppendix>,
    /// The numbers the report's paragraphs have, section by section.
    pub numbers: Vec<SectionNumbers>,
}

/// The numbers of a section's numbered paragraphs, in order ("16.",
/// "17."; "2.1", "2.2"), for the editor to show.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionNumbers {
    pub key: String,
    pub labels: Vec<String>,
}

#[derive(Debug)]
pub struct PackAppendix {
    pub number: usize,
    pub title: String,
    pub content: AppendixContent,
}

#[derive(Debug)]
pub enum AppendixContent {
    /// Composed from the plan (or from an attached Word file's text).
    Document(Box<Document>),
    /// An attached PDF, as it is.
    Pdf { name: String, data: Vec<u8> },
    /// An attached Word file: its text composed for the one-PDF pack, its
    /// bytes as they are for the folder.
    Word {
        name: String,
        data: Vec<u8>,
        doc: Box<Document>,
    },
    /// Exempt: left out of the public pack.
    Withheld,
}

/// The template a report names: built in, else the plan's own.
pub fn template_of(conn: &Connection, key: &str) -> Result<Option<ReportTemplate>, ComposeError> {
    if let Some(t) = report_template::built_in_named(key) {
        return Ok(Some(t));
    }
    Ok(store::reports::templates(conn)?
        .into_iter()
        .find(|t| t.key == key))
}

/// Reads the plan once and composes report `id`'s pack.
pub fn pack(plan: &PlanFile, id: Id, opts: &PackOptions) -> Result<Pack, ComposeError> {
    plan.read(|conn| Ok(pack_conn(conn, id, opts)))?
}

fn pack_conn(conn: &Connection, id: Id, opts: &PackOptions) -> Result<Pack, ComposeError> {
    let report = store::reports::get(conn, id)?;
    let mut notes = Vec::new();
    let template = match template_of(conn, &report.body.template)? {
        Some(t) => t,
        None => {
            notes.push(format!(
                "The report's template \"{}\" is not in the plan: its sections are printed as \
                 they are, paragraphs numbered 1, 2, … through the report.",
                report.body.template
            ));
            fallback_template(&report)
        }
    };
    let parts = own_parts(&report, &template);
    let first = parts.len() + 1;
    let compose_opts = ComposeOptions {
        date: opts.date,
        ..ComposeOptions::default()
    };
    let mut appendices = Vec::new();
    for (i, a) in report.body.appendices.iter().enumerate() {
        let number = first + i;
        let content = if a.exempt && opts.public {
            AppendixContent::Withheld
        } else if opts.preview {
            // Not made: a preview only names it, as the list of appendices.
            check_appendix(conn, number, &a.title, &a.source)?;
            AppendixContent::Withheld
        } else {
            appendix_content(conn, number, &a.title, &a.source, &compose_opts)?
        };
        appendices.push(PackAppendix {
            number,
            title: a.title.clone(),
            content,
        });
    }
    if report.body.exempt.is_none() && report.body.appendices.iter().any(|a| a.exempt) {
        notes.push(
            "An appendix is marked exempt but the report does not say why: give the paragraph \
             of Schedule 12A and the reason."
                .into(),
        );
    }
    let (mut cover, numbers) = cover(conn, &report, &template, &parts, opts)?;
    notes.append(&mut cover.warnings);
    cover.warnings = notes;
    Ok(Pack {
        report,
        template,
        public: opts.public,
        cover,
        appendices,
        numbers,
    })
}

/// A template made of a report's own sections, for a report whose
/// template is not in the plan.
fn fallback_template(report: &Report) -> ReportTemplate {
    ReportTemplate {
        key: report.body.template.clone(),
        name: report.body.template.clone(),
        authority: String::new(),
        numbering: ParagraphNumbering::Continuous,
        page_numbers: PageNumbering::Continuous,
        font: "Arial".into(),
        font_size: 12,
        logo: false,
        sections: Vec::new(),
    }
}

/// The template's own appendices (Derby's "Implications"), in order: their
/// titles.
fn own_parts(report: &Report, template: &ReportTemplate) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for s in &report.body.sections {
        if let Some(p) = template.section(&s.key).and_then(|t| t.part.clone()) {
            if !parts.contains(&p) {
                parts.push(p);
            }
        }
    }
    parts
}

/// What making an appendix would find wrong, without making it: a chapter
/// the plan no longer has, an attached file gone.
fn check_appendix(
    conn: &Connection,
    number: usize,
    title: &str,
    source: &AppendixSource,
) -> Result<(), ComposeError> {
    match source {
        AppendixSource::Chapters { chapters } => {
            let of = store::chapters::list(conn)?.len();
            if let Some(n) = chapters.iter().find(|&&n| n == 0 || n > of) {
                return Err(ComposeError::Appendix(format!(
                    "Appendix {number} (\"{title}\") shows chapter {n}, but the plan has {of} \
                     chapters; choose its chapters again"
                )));
            }
        }
        AppendixSource::File { asset, name } if !store::reports::has_file(conn, asset)? => {
            return Err(ComposeError::Appendix(format!(
                "Appendix {number} (\"{title}\") is the file {name}, which is not in the \
                 plan (or is larger than 50 MB); attach it again"
            )));
        }
        _ => {}
    }
    Ok(())
}

fn appendix_content(
    conn: &Connection,
    number: usize,
    title: &str,
    source: &AppendixSource,
    opts: &ComposeOptions,
) -> Result<AppendixContent, ComposeError> {
    let doc = match source {
        AppendixSource::Plan => compose_conn(conn, opts)?,
        AppendixSource::Chapters { chapters } => {
            let opts = ComposeOptions {
                chapters: Some(chapters.clone()),
                ..opts.clone()
            };
            compose_conn(conn, &opts).map_err(|e| match e {
                ComposeError::NoSuchChapter(n, of) => ComposeError::Appendix(format!(
                    "Appendix {number} (\"{title}\") shows chapter {n}, but the plan has {of} \
                     chapters; choose its chapters again"
                )),
                e => e,
            })?
        }
        AppendixSource::Actions { group_by, columns } => {
            appendix::actions_conn(conn, opts, *group_by, *columns)?
        }
        AppendixSource::Indicators => appendix::indicators_conn(conn, opts)?,
        AppendixSource::Consultees => appendix::consultees_conn(conn, opts)?,
        AppendixSource::Consultation => appendix::consultation_conn(conn, opts)?,
        AppendixSource::Glossary => appendix::glossary_conn(conn, opts)?,
        AppendixSource::File { asset, name } => {
            let Some((stored, data)) = store::reports::file(conn, asset)? else {
                return Err(ComposeError::Appendix(format!(
                    "Appendix {number} (\"{title}\") is the file {name}, which is not in the \
                     plan (or is larger than 50 MB); attach it again"
                )));
            };
            return Ok(match store::reports::file_kind(&data) {
                Some("application/pdf") => AppendixContent::Pdf { name: stored, data },
                _ => {
                    let doc = word_text(conn, &stored, &data, opts)?;
                    AppendixContent::Word {
                        name: stored,
                        data,
                        doc: Box::new(doc),
                    }
                }
            });
        }
    };
    Ok(AppendixContent::Document(Box::new(doc)))
}

/// The text of an attached Word file as a document: its chapters,
/// sections, paragraphs, lists and tables. Its live action tables and
/// pictures are the file's own, not the plan's: they are named in the
/// warnings and stay in the Word file in the pack's folder.
fn word_text(
    conn: &Connection,
    name: &str,
    data: &[u8],
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    let imported = crate::import::docx(data).map_err(|e| {
        ComposeError::Appendix(format!("the attached file {name} cannot be read: {e}"))
    })?;
    let info = store::plan_info::get(conn)?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    let mut chapters = Vec::new();
    let mut contents = Vec::new();
    let mut left_out = 0;
    for c in &imported.chapters {
        cx.place = format!("The attached file {name}");
        let anchor = cx.anchor();
        contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: c.title.clone(),
            anchor: anchor.clone(),
        });
        let mut blocks = Vec::new();
        for s in &c.sections {
            let Ok(parsed) = parse_doc(&s.content) else {
                continue;
            };
            cx.collect_footnotes(parsed.iter());
            cx.section = s.title.clone();
            if let Some(t) = &s.title {
                blocks.push(DocBlock::Heading {
                    level: 2,
                    anchor: None,
                    content: vec![Span::plain(t.clone())],
                });
            }
            for b in &parsed {
                if matches!(b, Block::Data(_) | Block::Figure { .. }) {
                    left_out += 1;
                    continue;
                }
                cx.block(None, b, &mut blocks)?;
            }
        }
        chapters.push(DocChapter {
            label: None,
            anchor,
            number: None,
            title: c.title.clone(),
            blocks,
        });
    }
    if left_out > 0 {
        cx.warnings.push(format!(
            "The attached file {name} has {left_out} tables of actions or pictures that the pack's \
             PDF does not show; they are in the Word file in the pack's folder."
        ));
    }
    let title = imported.title.clone().unwrap_or_else(|| name.to_owned());
    let meta = cx.meta(opts, title)?;
    Ok(Document {
        meta,
        title_page: true,
        contents,
        chapters,
        footnotes: cx.footnotes,
        warnings: cx.warnings,
    })
}

/// How a report's paragraphs are numbered as its sections go by.
struct Numberer {
    style: ParagraphNumbering,
    /// The last paragraph number (continuous) or section number (by section).
    count: u32,
}

impl Numberer {
    /// The labels of a section's `n` numbered paragraphs. By section, a
    /// numbered section takes its number even when it is empty, so the
    /// sections keep the template's numbers (Derby's Recommendations are
    /// always 2).
    fn labels(&mut self, restart: bool, numbered: bool, n: usize) -> Vec<String> {
        if restart {
            self.count = 0;
        }
        if !numbered {
            return Vec::new();
        }
        match self.style {
            ParagraphNumbering::Continuous => (0..n)
                .map(|_| {
                    self.count += 1;
                    format!("{}.", self.count)
                })
                .collect(),
            ParagraphNumbering::BySection => {
                self.count += 1;
                let s = self.count;
                if n == 1 {
                    vec![format!("{s}.")]
                } else {
                    (1..=n).map(|p| format!("{s}.{p}")).collect()
                }
            }
        }
    }
}

/// A section as the template sees it: its own entry, or a text section of
/// numbered paragraphs for one the author added.
fn template_section(template: &ReportTemplate, key: &str) -> TemplateSection {
    template.section(key).cloned().unwrap_or(TemplateSection {
        key: key.into(),
        title: String::new(),
        kind: SectionKind::Text,
        required: false,
        numbered: true,
        restart: false,
        part: None,
        hint: String::new(),
    })
}

fn cover(
    conn: &Connection,
    report: &Report,
    template: &ReportTemplate,
    parts: &[String],
    opts: &PackOptions,
) -> Result<(Document, Vec<SectionNumbers>), ComposeError> {
    let info = store::plan_info::get(conn)?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    let r = &report.body;
    let internal = !opts.public;
    let mut warnings = Vec::new();
    for t in template.sections.iter().filter(|t| t.required) {
        let kind_fills = matches!(
            t.kind,
            SectionKind::Contact | SectionKind::Date | SectionKind::Appendices
        );
        match r.section(&t.key) {
            None => warnings.push(format!(
                "The report has no \"{}\" section, which the {} template requires.",
                t.title, template.name
            )),
            Some(s) if !kind_fills && doc_is_empty(&s.content) => warnings.push(format!(
                "The report's \"{}\" section is empty; the {} template requires it.",
                s.title, template.name
            )),
            _ => {}
        }
    }
    if r.author.trim().is_empty() {
        warnings.push("The report does not say who wrote it (its author).".into());
    }

    let numberer = Numberer {
        style: template.numbering,
        count: 0,
    };
    let mut contents = Vec::new();
    let head_anchor = cx.anchor();
    let authority = if template.authority.trim().is_empty() {
        info.authority.clone()
    } else {
        template.authority.clone()
    };
    contents.push(ContentsEntry {
        level: 1,
        label: None,
        title: r.title.clone(),
        anchor: head_anchor.clone(),
    });
    let mut head = DocChapter {
        label: (!authority.trim().is_empty()).then(|| authority.clone()),
        anchor: head_anchor,
        number: None,
        title: cx.clip(&r.title, "report title"),
        blocks: head_blocks(report, parts.len(), internal),
    };
    let mut body = Body {
        report,
        template,
        numberer,
        appendix_list: appendix_list(report, parts, opts.public),
        contents,
        numbers: Vec::new(),
    };
    // The report's own sections (the sign-off only in the internal
    // version), then each of the template's parts as its appendix.
    body.sections(&mut cx, None, opts.public, &mut head.blocks)?;
    let mut part_chapters: Vec<DocChapter> = Vec::new();
    for (p, part) in parts.iter().enumerate() {
        let anchor = cx.anchor();
        let label = format!("Appendix {}", p + 1);
        body.contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: format!("{label}: {part}"),
            anchor: anchor.clone(),
        });
        let mut chapter = DocChapter {
            label: Some(label),
            anchor,
            number: None,
            title: part.clone(),
            blocks: Vec::new(),
        };
        body.sections(&mut cx, Some(part), opts.public, &mut chapter.blocks)?;
        part_chapters.push(chapter);
    }
    let Body {
        contents, numbers, ..
    } = body;
    let mut chapters = vec![head];
    chapters.extend(part_chapters);
    cx.place = "The report's properties".into();
    let title = cx.clip(&r.title, "title");
    let mut meta = cx.meta(
        &ComposeOptions {
            date: r.date.or(opts.date),
            draft: r.status == ReportStatus::Draft,
            ..ComposeOptions::default()
        },
        title,
    )?;
    if !template.logo {
        meta.logo = None;
    }
    meta.authority = authority;
    meta.period = String::new();
    meta.vision = None;
    meta.status = match r.status {
        ReportStatus::Draft => "Draft report".into(),
        ReportStatus::Final => "Final report".into(),
    };
    meta.page_numbers = template.page_numbers;
    meta.font = Some(super::Font {
        name: template.font.clone(),
        size: template.font_size,
    });
    meta.marking = if internal {
        marking(report, template)
    } else {
        None
    };
    warnings.append(&mut cx.warnings);
    let doc = Document {
        meta,
        title_page: false,
        contents,
        chapters,
        footnotes: cx.footnotes,
        warnings,
    };
    Ok((doc, numbers))
}

/// What the internal version says at the top of every page: that it
/// holds exempt information, or the officers' sign-off; nothing when it
/// holds nothing the public version leaves out.
fn marking(report: &Report, template: &ReportTemplate) -> Option<String> {
    let r = &report.body;
    if let Some(e) = &r.exempt {
        return Some(format!(
            "NOT FOR PUBLICATION – internal version (exempt: Schedule 12A, paragraph {})",
            e.paragraph
        ));
    }
    let signed_off = r.sections.iter().any(|s| {
        template_section(template, &s.key).kind == SectionKind::SignOff && !doc_is_empty(&s.content)
    });
    signed_off.then(|| "INTERNAL VERSION – includes the officers' sign-off".into())
}

fn doc_is_empty(content: &serde_json::Value) -> bool {
    parse_doc(content).map_or(true, |b| b.is_empty())
}

/// The committee, meeting, who the report is of, its status, and (where
/// any of it may not be published) why.
fn head_blocks(report: &Report, parts: usize, internal: bool) -> Vec<DocBlock> {
    let r = &report.body;
    let mut out = Vec::new();
    let mut field = |name: &str, value: String| {
        if !value.trim().is_empty() {
            out.push(DocBlock::Paragraph {
                label: None,
                content: vec![
                    Span::Text {
                        text: format!("{name}: "),
                        bold: true,
                        italic: false,
                        link: None,
                    },
                    Span::plain(value),
                ],
            });
        }
    };
    field("Committee", r.committee.clone());
    field("Meeting", r.meeting_date.map(date_text).unwrap_or_default());
    field("Report of", r.report_of.clone());
    field(
        "Status",
        match r.status {
            ReportStatus::Draft => "Draft".into(),
            ReportStatus::Final => "Final".into(),
        },
    );
    let exempt: Vec<String> = r
        .appendices
        .iter()
        .enumerate()
        .filter(|(_, a)| a.exempt)
        .map(|(i, _)| (parts + i + 1).to_string())
        .collect();
    if let Some(e) = &r.exempt {
        let text = if internal {
            format!(
                "This version of the report contains information that is not for publication. {}.",
                e.statement()
            )
        } else if exempt.is_empty() {
            format!("Part of this report is not published. {}.", e.statement())
        } else {
            format!(
                "{} of this report {} not published. {}.",
                plural_appendices(&exempt),
                if exempt.len() == 1 { "is" } else { "are" },
                e.statement()
            )
        };
        out.push(DocBlock::Callout {
            callout: CalloutKind::Info,
            title: Some("Exempt information".into()),
            blocks: vec![DocBlock::Paragraph {
                label: None,
                content: vec![Span::plain(text)],
            }],
        });
    }
    out
}

/// "Appendix 3", "Appendices 3 and 4", numbered after the template's own.
fn plural_appendices(positions: &[String]) -> String {
    match positions {
        [one] => format!("Appendix {one}"),
        many => format!(
            "Appendices {} and {}",
            many[..many.len() - 1].join(", "),
            many[many.len() - 1]
        ),
    }
}

/// "8 February 2008".
fn date_text(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// The generated list of appendices: the template's own, then the
/// report's, each "Appendix N – title", an exempt one said to be so.
fn appendix_list(report: &Report, parts: &[String], public: bool) -> Vec<String> {
    let mut out: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| format!("Appendix {} – {p}", i + 1))
        .collect();
    for (i, a) in report.body.appendices.iter().enumerate() {
        let n = parts.len() + i + 1;
        let mut line = format!("Appendix {n} – {}", a.title);
        if a.exempt {
            line.push_str(if public {
                " (exempt: not for publication, so not in this pack)"
            } else {
                " (exempt: not for publication)"
            });
        }
        out.push(line);
    }
    out
}

/// The report's sections as they are composed in order: their numbering
/// goes on from one to the next, and each is in the contents.
struct Body<'r> {
    report: &'r Report,
    template: &'r ReportTemplate,
    numberer: Numberer,
    appendix_list: Vec<String>,
    contents: Vec<ContentsEntry>,
    numbers: Vec<SectionNumbers>,
}

impl Body<'_> {
    /// The sections of `part` (None: the report's own), each a heading and
    /// its blocks, into `out`; the sign-off is left out of the public
    /// version.
    fn sections(
        &mut self,
        cx: &mut Composer,
        part: Option<&str>,
        public: bool,
        out: &mut Vec<DocBlock>,
    ) -> Result<(), ComposeError> {
        for (i, s) in self.report.body.sections.iter().enumerate() {
            let t = template_section(self.template, &s.key);
            if t.part.as_deref() != part || (t.kind == SectionKind::SignOff && public) {
                continue;
            }
            let anchor = cx.anchor();
            self.contents.push(ContentsEntry {
                level: 2,
                label: None,
                title: s.title.clone(),
                anchor: anchor.clone(),
            });
            out.push(DocBlock::Heading {
                level: 2,
                anchor: Some(anchor),
                content: vec![Span::plain(cx.clip(&s.title, "section title"))],
            });
            let blocks = self.section(cx, &t, s, i)?;
            out.extend(blocks);
        }
        Ok(())
    }

    /// The blocks of one section: what the author wrote, its numbered
    /// paragraphs labelled, and what the section's kind fills in.
    fn section(
        &mut self,
        cx: &mut Composer,
        t: &TemplateSection,
        s: &crate::model::report::ReportSection,
        index: usize,
    ) -> Result<Vec<DocBlock>, ComposeError> {
        let r = &self.report.body;
        let appendix_list = &self.appendix_list;
        let numberer = &mut self.numberer;
        cx.place = format!("The report's section \"{}\"", s.title);
        cx.section = Some(s.title.clone());
        // Checked when stored; one that no longer parses is named, not dropped.
        let blocks = parse_doc(&s.content).map_err(|e| {
            ComposeError::Appendix(format!("section {} of the report: {e}", index + 1))
        })?;
        cx.collect_footnotes(blocks.iter());
        let mut out = Vec::new();
        let para = |text: String| DocBlock::Paragraph {
            label: None,
            content: vec![Span::plain(text)],
        };
        match t.kind {
            SectionKind::Contact => {
                for line in [&r.author, &r.contact] {
                    if !line.trim().is_empty() {
                        out.push(para(line.trim().to_owned()));
                    }
                }
            }
            SectionKind::Date => {
                if let Some(d) = r.date {
                    out.push(para(date_text(d)));
                }
            }
            SectionKind::Appendices => {
                if appendix_list.is_empty() {
                    out.push(para("None".into()));
                } else {
                    out.push(DocBlock::List {
                        ordered: false,
                        start: 1,
                        items: appendix_list
                            .iter()
                            .map(|a| vec![para(a.clone())])
                            .collect(),
                    });
                }
            }
            _ => {}
        }
        let numbered = blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { numbered: true, .. }))
            .count();
        let labels = numberer.labels(t.restart, t.numbered, numbered);
        self.numbers.push(SectionNumbers {
            key: s.key.clone(),
            labels: labels.clone(),
        });
        let mut labels = labels.into_iter();
        for b in &blocks {
            cx.block(None, b, &mut out)?;
            if let Block::Paragraph { numbered: true, .. } = b {
                if let Some(DocBlock::Paragraph { label, .. }) = out.last_mut() {
                    *label = labels.next();
                }
            }
        }
        cx.section = None;
        Ok(out)
    }
}

/// The whole pack as one document, for the one-PDF pack: the cover
/// report, then each appendix from a new page under its "Appendix N"
/// label, each in the bookmarks with its chapters beneath. An attached PDF
/// is named where it would be (it goes in the folder beside the pack).
pub fn merged(pack: &Pack) -> Document {
    let mut doc = pack.cover.clone();
    for a in &pack.appendices {
        let label = format!("Appendix {}", a.number);
        match &a.content {
            AppendixContent::Withheld => {}
            AppendixContent::Document(d) | AppendixContent::Word { doc: d, .. } => {
                append(&mut doc, &label, &a.title, d)
            }
            AppendixContent::Pdf { name, .. } => {
                let anchor = format!("a{}-file", a.number);
                doc.contents.push(ContentsEntry {
                    level: 1,
                    label: None,
                    title: format!("{label}: {}", a.title),
                    anchor: anchor.clone(),
                });
                doc.chapters.push(DocChapter {
                    label: Some(label.clone()),
                    anchor,
                    number: None,
                    title: a.title.clone(),
                    blocks: vec![DocBlock::Paragraph {
                        label: None,
                        content: vec![Span::plain(format!(
                            "This appendix is the PDF file {name}: it is attached to this PDF \
                             (see its attachments) and in the pack's folder as \"{}\".",
                            file_name(a.number, name)
                        ))],
                    }],
                });
            }
        }
    }
    doc
}

/// The name an attached file has in the pack's folder.
pub fn file_name(number: usize, name: &str) -> String {
    format!("Appendix {number} - {}", safe_name(name))
}

/// `name` with nothing that could climb out of a folder or trouble a
/// file system: a plan from someone else names its files as it likes.
pub fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| match c {
            c if c.is_control() => '_',
            ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c => c,
        })
        .take(120)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    if trimmed.is_empty() {
        "file".into()
    } else {
        trimmed.to_owned()
    }
}

/// Adds appendix document `d` to `doc` under `label`: its anchors made
/// its own and its footnotes numbered on from `doc`'s.
fn append(doc: &mut Document, label: &str, title: &str, d: &Document) {
    let prefix = format!("{}-", label.to_lowercase().replace(' ', ""));
    let offset = doc.footnotes.len() as u32;
    let mut chapters = d.chapters.clone();
    for c in &mut chapters {
        c.anchor = format!("{prefix}{}", c.anchor);
        for b in &mut c.blocks {
            renumber(b, &prefix, offset);
        }
    }
    for f in &d.footnotes {
        let mut content = f.content.clone();
        shift_spans(&mut content, offset);
        doc.footnotes.push(super::Footnote {
            number: f.number + offset,
            content,
        });
    }
    doc.warnings.extend(d.warnings.iter().cloned());
    let entries = d.contents.iter().map(|e| ContentsEntry {
        anchor: format!("{prefix}{}", e.anchor),
        ..e.clone()
    });
    if let [only] = chapters.as_mut_slice() {
        // One chapter (an action plan, the indicators): it is the appendix.
        only.label = Some(label.into());
        only.title = title.into();
        only.number = None;
        doc.contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: format!("{label}: {title}"),
            anchor: only.anchor.clone(),
        });
        doc.contents.extend(entries.filter(|e| e.level > 1));
    } else {
        // The plan or some of its chapters: a page naming it, then its
        // chapters beneath it in the bookmarks.
        let anchor = format!("{prefix}start");
        let m = &d.meta;
        let mut blocks = Vec::new();
        for line in [m.title_line(), m.authority.clone(), m.status.clone()] {
            if !line.trim().is_empty() {
                blocks.push(DocBlock::Paragraph {
                    label: None,
                    content: vec![Span::plain(line)],
                });
            }
        }
        doc.contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: format!("{label}: {title}"),
            anchor: anchor.clone(),
        });
        doc.contents.extend(entries.map(|e| ContentsEntry {
            level: e.level + 1,
            ..e
        }));
        doc.chapters.push(DocChapter {
            label: Some(label.into()),
            anchor,
            number: None,
            title: title.into(),
            blocks,
        });
    }
    doc.chapters.extend(chapters);
}

fn renumber(b: &mut DocBlock, prefix: &str, offset: u32) {
    match b {
        DocBlock::Heading {
            anchor, content, ..
        } => {
            if let Some(a) = anchor {
                *a = format!("{prefix}{a}");
            }
            shift_spans(content, offset);
        }
        DocBlock::Paragraph { content, .. } => shift_spans(content, offset),
        DocBlock::List { items, .. } => items
            .iter_mut()
            .flatten()
            .for_each(|b| renumber(b, prefix, offset)),
        DocBlock::Quote { blocks, .. } | DocBlock::Callout { blocks, .. } => {
            blocks.iter_mut().for_each(|b| renumber(b, prefix, offset))
        }
        DocBlock::Table(t) => t
            .rows
            .iter_mut()
            .flatten()
            .flat_map(|c| c.blocks.iter_mut())
            .for_each(|b| renumber(b, prefix, offset)),
        DocBlock::Chart(_) | DocBlock::Figure { .. } | DocBlock::PageBreak => {}
    }
}

fn shift_spans(spans: &mut [Span], offset: u32) {
    for s in spans {
        if let Span::FootnoteRef { number } = s {
            *number += offset;
        }
    }
}
