//! Exporting the plan. An export reads the plan once (compose, quick) and
//! then lays out and writes the file (slow) from what it read, so a caller
//! that shares the plan (the app) holds it only for the first part:
//! [`prepare_pdf`] under the plan's lock, [`PdfJob::write`] outside it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Result;
pub use crate::compose::appendix::{ActionColumns, GroupBy};
use crate::compose::{self, appendix, ComposeError, ComposeOptions, Document, Image};
use crate::export::pdf::{self, Exported, Progress};
use crate::export::{docx, html, output};
use crate::store::{self, PlanFile};

/// What to put in an export of the plan (PDF, Word or HTML).
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// Marked as a draft: a watermark on every PDF page, a banner in HTML.
    pub draft: bool,
    /// 1-based positions of the chapters to include (all when None).
    pub chapters: Option<Vec<usize>>,
    /// A PNG or JPEG for the title page, instead of the plan's own.
    pub logo: Option<PathBuf>,
    /// The date printed on the plan (today when None).
    pub date: Option<NaiveDate>,
    /// An appendix made from the plan's data instead of the plan itself.
    pub appendix: Option<Appendix>,
    /// A Word template (.docx) for this Word export, instead of the plan's
    /// own; other formats do not use one.
    pub word_template: Option<PathBuf>,
}

/// The appendices made from the plan's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Appendix {
    /// The actions in a table under each objective (or lead).
    Actions {
        group_by: GroupBy,
        columns: ActionColumns,
    },
    /// The indicators under each priority, with baselines, targets and
    /// the latest actuals.
    Indicators,
    /// The plan's glossary: its terms and what they mean.
    Glossary,
}

/// A plan read and composed, ready to be laid out and written to its
/// output; it holds nothing of the plan file.
pub struct PdfJob {
    doc: Document,
    output: PathBuf,
}

/// Checks the output and the logo, and reads the plan. The output may not
/// be the plan, its SQLite side files, another plan or a folder.
pub fn prepare_pdf(plan: &PlanFile, request: &ExportRequest, output: &Path) -> Result<PdfJob> {
    Ok(PdfJob {
        doc: prepare(plan, request, output)?,
        output: output.to_path_buf(),
    })
}

/// Checks the output and the logo, and composes the document.
fn prepare(plan: &PlanFile, request: &ExportRequest, output: &Path) -> Result<Document> {
    output::check_target(output, plan.path())?;
    let logo = request.logo.as_deref().map(Image::read).transpose()?;
    let opts = ComposeOptions {
        chapters: request.chapters.clone(),
        draft: request.draft,
        date: request.date,
        logo,
    };
    Ok(match request.appendix {
        None => compose::compose(plan, &opts)?,
        Some(_) if opts.chapters.is_some() => Err(ComposeError::ChaptersOfAnAppendix)?,
        Some(Appendix::Actions { group_by, columns }) => {
            appendix::actions(plan, &opts, group_by, columns)?
        }
        Some(Appendix::Indicators) => appendix::indicators(plan, &opts)?,
        Some(Appendix::Glossary) => appendix::glossary(plan, &opts)?,
    })
}

impl PdfJob {
    /// Lays out the PDF and writes it whole, or not at all (a new file in
    /// the output's folder, synced, then renamed over the output). Returns
    /// the export's warnings, each a full sentence (a figure whose picture
    /// could not be used, …).
    pub fn write(self, progress: Option<&mut dyn FnMut(Progress)>) -> Result<Vec<String>> {
        let Exported {
            pdf: bytes,
            warnings,
        } = pdf::render(&self.doc, progress)?;
        pdf::free_later(self.doc);
        output::write_atomic(&self.output, |f| f.write_all(&bytes))?;
        Ok(warnings)
    }
}

/// Exports the plan as a PDF at `output`: [`prepare_pdf`] then
/// [`PdfJob::write`].
pub fn pdf(
    plan: &PlanFile,
    request: &ExportRequest,
    output: &Path,
    progress: Option<&mut dyn FnMut(Progress)>,
) -> Result<Vec<String>> {
    prepare_pdf(plan, request, output)?.write(progress)
}

/// Exports the plan as one self-contained HTML file at `output`, written
/// whole or not at all. Returns the export's warnings, as [`PdfJob::write`].
pub fn html(plan: &PlanFile, request: &ExportRequest, output: &Path) -> Result<Vec<String>> {
    let doc = prepare(plan, request, output)?;
    let html::Exported { html, warnings } = html::render(&doc);
    output::write_atomic(output, |f| f.write_all(html.as_bytes()))?;
    Ok(warnings)
}

/// Exports the plan as a Word document at `output`, written whole or not at
/// all, in the styles of the request's template, else the plan's, else
/// Planwright's own. Returns the export's warnings, as [`PdfJob::write`]:
/// among them, that the plan's template could not be used (a plan from
/// someone else may hold anything), in which case Planwright's styles are.
pub fn docx(plan: &PlanFile, request: &ExportRequest, output: &Path) -> Result<Vec<String>> {
    let doc = prepare(plan, request, output)?;
    let (template, mut notes) = match &request.word_template {
        Some(path) => (Some(docx::Template::read(path)?.0), Vec::new()),
        None => plan_word_template(plan)?,
    };
    let docx::Exported { docx, warnings } = docx::render(&doc, template.as_ref())?;
    output::write_atomic(output, |f| f.write_all(&docx))?;
    notes.extend(warnings);
    Ok(notes)
}

/// The three formats a document is written in, named by its file's
/// extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Docx,
    Html,
}

impl Format {
    /// The format `output`'s name asks for: .pdf, .docx, .html or .htm.
    pub fn of(output: &Path) -> Result<Format> {
        let ext = output
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "html" | "htm" => Ok(Format::Html),
            _ => Err(crate::model::ValidationError::new(
                "output",
                format!(
                    "{}: name the file .pdf, .docx or .html to say which to write",
                    output.display()
                ),
            )
            .into()),
        }
    }
}

/// A composed document (changes between versions, the consultation
/// summary…) ready to write at its output in the format its name says:
/// [`DocumentJob::write`] needs no plan, so the app holds the plan only
/// while [`prepare_document`] reads it.
pub struct DocumentJob {
    doc: Document,
    output: PathBuf,
    format: Format,
    /// The plan's Word template, for a Word file, and why it could not be
    /// used, if so.
    template: Option<docx::Template>,
    notes: Vec<String>,
}

/// Checks `output` and reads what writing `doc` there needs from the
/// plan: its Word styles, for a Word file, as the plan's own Word export
/// has them.
pub fn prepare_document(plan: &PlanFile, doc: Document, output: &Path) -> Result<DocumentJob> {
    output::check_target(output, plan.path())?;
    let format = Format::of(output)?;
    let (template, notes) = match format {
        Format::Docx => plan_word_template(plan)?,
        _ => (None, Vec::new()),
    };
    Ok(DocumentJob {
        doc,
        output: output.to_path_buf(),
        format,
        template,
        notes,
    })
}

impl DocumentJob {
    /// Writes the document whole or not at all; returns its warnings.
    pub fn write(self) -> Result<Vec<String>> {
        let output = &self.output;
        let mut notes = self.notes;
        notes.extend(match self.format {
            Format::Pdf => {
                let Exported { pdf, warnings } = pdf::render(&self.doc, None)?;
                output::write_atomic(output, |f| f.write_all(&pdf))?;
                warnings
            }
            Format::Docx => {
                let docx::Exported { docx, warnings } =
                    docx::render(&self.doc, self.template.as_ref())?;
                output::write_atomic(output, |f| f.write_all(&docx))?;
                warnings
            }
            Format::Html => {
                let html::Exported { html, warnings } = html::render(&self.doc);
                output::write_atomic(output, |f| f.write_all(html.as_bytes()))?;
                warnings
            }
        });
        Ok(notes)
    }
}

/// The plan's Word template, if it has one that can be used, and a note
/// saying why when it has one that cannot (a plan from someone else may
/// hold anything): then Planwright's own styles are used.
pub(super) fn plan_word_template(plan: &PlanFile) -> Result<(Option<docx::Template>, Vec<String>)> {
    let mut notes = Vec::new();
    let stored = plan.read(|c| store::word_template::get(c, docx::MAX_TEMPLATE_BYTES))?;
    let template = stored.and_then(|(name, data)| {
        let parsed = match data {
            Some(data) => docx::Template::parse(&name, &data),
            None => Err(format!(
                "it is larger than {} MB",
                docx::MAX_TEMPLATE_BYTES >> 20
            )),
        };
        parsed
            .map_err(|why| {
                notes.push(format!(
                    "The plan's Word template {name} could not be used because {why}; \
                     the document has Planwright's own styles."
                ))
            })
            .ok()
    });
    Ok((template, notes))
}
