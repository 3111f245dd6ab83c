//! Committee reports: list, write and edit them in their authority's
//! template, link their appendices to the plan, and export the pack (one
//! PDF, and Word files for the cover report and each appendix) in a public
//! or an internal version.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ApiError, Result};
use crate::compose::report::{self, AppendixContent, Pack, PackOptions, SectionNumbers};
use crate::compose::Document;
use crate::export::pdf::{self, Progress};
use crate::export::{docx, output};
use crate::import::report::section_blocks;
use crate::model::prosemirror::to_doc;
use crate::model::report::{
    AppendixSource, Exempt, Report, ReportAppendix, ReportBody, ReportSection, ReportStatus,
};
use crate::model::report_template::{self as templates, ReportTemplate};
use crate::model::{Id, ValidationError};
use crate::store::{self, PlanFile, StoreError};

/// A report as the list shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportSummary {
    pub id: Id,
    pub title: String,
    pub committee: String,
    pub meeting_date: Option<NaiveDate>,
    pub template: String,
    pub status: ReportStatus,
    pub sections: usize,
    pub appendices: usize,
    pub exempt: bool,
}

/// A report as the editor shows it: the report, its template, and what is
/// missing from it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportView {
    pub report: Report,
    /// None when the plan does not hold the template the report names.
    pub template: Option<ReportTemplate>,
    /// Required sections missing or empty, and the like, each a sentence.
    pub warnings: Vec<String>,
    /// "Appendix 1 – Implications", … as the report will list them.
    pub appendix_list: Vec<String>,
    /// The numbers of each section's numbered paragraphs, as the template
    /// numbers them.
    pub numbers: Vec<SectionNumbers>,
}

/// The plan's reports, in order.
pub fn list(plan: &PlanFile) -> Result<Vec<ReportSummary>> {
    let reports = plan.read(store::reports::list)?;
    Ok(reports
        .into_iter()
        .map(|r| ReportSummary {
            id: r.id,
            sections: r.body.sections.len(),
            appendices: r.body.appendices.len(),
            exempt: r.body.exempt.is_some() || r.body.appendices.iter().any(|a| a.exempt),
            title: r.body.title,
            committee: r.body.committee,
            meeting_date: r.body.meeting_date,
            template: r.body.template,
            status: r.body.status,
        })
        .collect())
}

pub fn get(plan: &PlanFile, id: Id) -> Result<ReportView> {
    let pack = report::pack(
        plan,
        id,
        &PackOptions {
            public: false,
            date: None,
            preview: true,
        },
    );
    // The view's warnings are the cover report's; a pack that cannot be
    // made (an appendix's chapter gone) still opens in the editor, saying so.
    let (warnings, appendix_list, numbers) = match pack {
        Ok(p) => (p.cover.warnings.clone(), appendix_names(&p), p.numbers),
        Err(e) => (vec![e.to_string()], Vec::new(), Vec::new()),
    };
    let (report, template) = plan.read(|conn| {
        let r = store::reports::get(conn, id)?;
        let t = report::template_of(conn, &r.body.template)
            .map_err(|e| StoreError::Refused(e.to_string()))?;
        Ok::<_, StoreError>((r, t))
    })?;
    Ok(ReportView {
        report,
        template,
        warnings,
        appendix_list,
        numbers,
    })
}

fn appendix_names(p: &Pack) -> Vec<String> {
    let own = p
        .cover
        .chapters
        .iter()
        .filter_map(|c| Some(format!("{} – {}", c.label.as_ref()?, c.title)))
        .filter(|l| l.starts_with("Appendix "));
    own.chain(
        p.appendices
            .iter()
            .map(|a| format!("Appendix {} – {}", a.number, a.title)),
    )
    .collect()
}

/// A new report's fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewReport {
    pub template: String,
    pub title: String,
    #[serde(default)]
    pub committee: String,
    #[serde(default)]
    pub meeting_date: Option<NaiveDate>,
}

/// Adds a report with the template's sections, empty, in its order.
pub fn create(plan: &mut PlanFile, new: &NewReport) -> Result<ReportView> {
    let id = plan.write(|tx| {
        let template = report::template_of(tx, &new.template)
            .map_err(|e| StoreError::Refused(e.to_string()))?
            .ok_or_else(|| no_template(tx, &new.template))?;
        let body = ReportBody {
            template: template.key.clone(),
            title: new.title.trim().to_owned(),
            committee: new.committee.trim().to_owned(),
            meeting_date: new.meeting_date,
            report_of: String::new(),
            author: String::new(),
            contact: String::new(),
            date: None,
            status: ReportStatus::Draft,
            exempt: None,
            sections: template
                .sections
                .iter()
                .map(|s| ReportSection {
                    key: s.key.clone(),
                    title: s.title.clone(),
                    content: to_doc(&[]),
                })
                .collect(),
            appendices: Vec::new(),
        };
        store::reports::insert(tx, &body)
    })?;
    get(plan, id)
}

fn no_template(conn: &rusqlite::Connection, key: &str) -> StoreError {
    let mut keys: Vec<String> = templates::built_in().into_iter().map(|t| t.key).collect();
    keys.extend(
        store::reports::templates(conn)
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.key),
    );
    StoreError::Invalid(ValidationError::new(
        "template",
        format!(
            "there is no report template \"{key}\"; the plan has {}",
            keys.join(", ")
        ),
    ))
}

/// Saves the whole report as the editor has it (checked whole first: all
/// of it or none).
pub fn save(plan: &mut PlanFile, id: Id, body: &ReportBody) -> Result<ReportView> {
    plan.write(|tx| store::reports::update(tx, id, body))?;
    get(plan, id)
}

/// Changes to a report, each optional: what the command line sets.
#[derive(Debug, Clone, Default)]
pub struct ReportEdit {
    pub title: Option<String>,
    pub committee: Option<String>,
    pub meeting_date: Option<Option<NaiveDate>>,
    pub report_of: Option<String>,
    pub author: Option<String>,
    pub contact: Option<String>,
    pub date: Option<Option<NaiveDate>>,
    pub status: Option<ReportStatus>,
    /// Some(None) takes the exempt marker off.
    pub exempt: Option<Option<Exempt>>,
    /// (section key, its text): see [`section_blocks`]. A key the report
    /// does not have adds a section of that name at the end.
    pub sections: Vec<(String, String)>,
    /// (section key, new title).
    pub titles: Vec<(String, String)>,
    pub add_appendices: Vec<ReportAppendix>,
    /// 1-based positions among the report's own appendices.
    pub remove_appendices: Vec<usize>,
}

/// Applies `edit` to report `id` in one change.
pub fn edit(plan: &mut PlanFile, id: Id, edit: &ReportEdit) -> Result<ReportView> {
    plan.write(|tx| {
        let mut b = store::reports::get(tx, id)?.body;
        let set = |field: &mut String, v: &Option<String>| {
            if let Some(v) = v {
                *field = v.trim().to_owned();
            }
        };
        set(&mut b.title, &edit.title);
        set(&mut b.committee, &edit.committee);
        set(&mut b.report_of, &edit.report_of);
        set(&mut b.author, &edit.author);
        set(&mut b.contact, &edit.contact);
        if let Some(d) = edit.meeting_date {
            b.meeting_date = d;
        }
        if let Some(d) = edit.date {
            b.date = d;
        }
        if let Some(s) = edit.status {
            b.status = s;
        }
        if let Some(e) = &edit.exempt {
            b.exempt = e.clone();
        }
        for (key, text) in &edit.sections {
            let content = to_doc(&section_blocks(text));
            match b.sections.iter_mut().find(|s| &s.key == key) {
                Some(s) => s.content = content,
                None => b.sections.push(ReportSection {
                    key: key.clone(),
                    title: key.replace('_', " "),
                    content,
                }),
            }
        }
        for (key, title) in &edit.titles {
            let Some(s) = b.sections.iter_mut().find(|s| &s.key == key) else {
                return Err(StoreError::missing("report section", key));
            };
            s.title = title.trim().to_owned();
        }
        let mut remove = edit.remove_appendices.clone();
        remove.sort_unstable();
        remove.dedup();
        for &n in remove.iter().rev() {
            if n == 0 || n > b.appendices.len() {
                return Err(StoreError::missing("appendix", n));
            }
            b.appendices.remove(n - 1);
        }
        b.appendices.extend(edit.add_appendices.iter().cloned());
        store::reports::update(tx, id, &b)
    })?;
    get(plan, id)
}

pub fn delete(plan: &mut PlanFile, id: Id) -> Result<()> {
    Ok(plan.write(|tx| store::reports::delete(tx, id))?)
}

/// Attaches the PDF or Word file at `path` to the plan, for an appendix;
/// returns the appendix source that shows it.
pub fn attach_file(plan: &mut PlanFile, path: &Path) -> Result<AppendixSource> {
    let data = super::import::read(path, store::reports::MAX_FILE_BYTES as u64)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "appendix".into());
    let asset = plan.write(|tx| store::reports::add_file(tx, &name, &data))?;
    Ok(AppendixSource::File { asset, name })
}

/// The templates a report may use: the built-in ones, then the plan's.
pub fn templates(plan: &PlanFile) -> Result<Vec<ReportTemplate>> {
    let mut all = templates::built_in();
    all.extend(plan.read(store::reports::templates)?);
    Ok(all)
}

/// The largest template file read.
const MAX_TEMPLATE_FILE: u64 = 1 << 20;

/// Adds the template in the JSON file at `path` to the plan (replacing
/// its own template of the same key); a built-in key is refused.
pub fn import_template(plan: &mut PlanFile, path: &Path) -> Result<ReportTemplate> {
    let bytes = super::import::read(path, MAX_TEMPLATE_FILE)?;
    let bad = |why: String| {
        ApiError::from(ValidationError::new(
            "report template",
            format!("{}: {why}", path.display()),
        ))
    };
    if bytes.len() as u64 > MAX_TEMPLATE_FILE {
        return Err(bad(
            "it is larger than 1 MB; a template is a small file".into()
        ));
    }
    let t: ReportTemplate = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
    t.validate().map_err(|e| bad(e.to_string()))?;
    if templates::built_in_named(&t.key).is_some() {
        return Err(bad(format!(
            "\"{}\" is a built-in template's key; give the template a key of its own",
            t.key
        )));
    }
    plan.write(|tx| store::reports::put_template(tx, &t))?;
    Ok(t)
}

/// Writes template `key` (built in or the plan's) as a JSON file at
/// `output`, to pass to another plan or authority.
pub fn export_template(plan: &PlanFile, key: &str, out: &Path) -> Result<()> {
    output::check_target(out, plan.path())?;
    let t = templates(plan)?
        .into_iter()
        .find(|t| t.key == key)
        .ok_or_else(|| StoreError::missing("report template", key))?;
    let json = serde_json::to_string_pretty(&t).expect("templates serialise");
    output::write_atomic(out, |f| f.write_all(json.as_bytes()))?;
    Ok(())
}

/// What a pack export wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackResult {
    pub folder: String,
    /// The one-PDF pack.
    pub pdf: String,
    /// The cover report's Word file, then each appendix's file, in order.
    pub files: Vec<String>,
    pub public: bool,
    /// Appendices left out of the public version, by number.
    pub withheld: Vec<usize>,
    pub warnings: Vec<String>,
}

/// A pack read and composed, ready to be written; it holds nothing of the
/// plan file, so the app lays it out without holding the plan.
pub struct PackJob {
    pack: Pack,
    folder: PathBuf,
    word_template: Option<docx::Template>,
    notes: Vec<String>,
    plan_path: PathBuf,
}

/// The pack's PDF's name: its version in it, so a folder may hold both.
pub fn pdf_name(public: bool) -> &'static str {
    if public {
        "Committee pack (public).pdf"
    } else {
        "Committee pack (internal).pdf"
    }
}

/// Checks the folder (made if need be) and reads the plan.
pub fn prepare_pack(plan: &PlanFile, id: Id, folder: &Path, public: bool) -> Result<PackJob> {
    if folder.exists() && !folder.is_dir() {
        return Err(ValidationError::new(
            "folder",
            format!("{} is a file; name a folder for the pack", folder.display()),
        )
        .into());
    }
    std::fs::create_dir_all(folder).map_err(|source| output::OutputError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    let pack = report::pack(
        plan,
        id,
        &PackOptions {
            public,
            date: None,
            preview: false,
        },
    )?;
    let (word_template, notes) = super::export::plan_word_template(plan)?;
    Ok(PackJob {
        pack,
        folder: folder.to_path_buf(),
        word_template,
        notes,
        plan_path: plan.path().to_path_buf(),
    })
}

impl PackJob {
    /// Writes the pack's PDF and Word files, each whole or not at all.
    pub fn write(self, mut progress: Option<&mut dyn FnMut(Progress)>) -> Result<PackResult> {
        let PackJob {
            pack,
            folder,
            word_template,
            mut notes,
            plan_path,
        } = self;
        let target = |name: &str| -> Result<PathBuf> {
            let path = folder.join(name);
            output::check_target(&path, &plan_path)?;
            Ok(path)
        };
        // The one PDF takes most of the time: 0 to 0.8.
        let merged = report::merged(&pack);
        let pdf_path = target(pdf_name(pack.public))?;
        let mut scaled = |p: Progress| {
            if let Some(f) = progress.as_mut() {
                f(Progress {
                    fraction: p.fraction * 0.8,
                    ..p
                })
            }
        };
        // Attached PDFs ride inside the pack's PDF as well as beside it.
        let files: Vec<pdf::Attachment> = pack
            .appendices
            .iter()
            .filter_map(|a| match &a.content {
                AppendixContent::Pdf { name, data } => Some(pdf::Attachment {
                    name,
                    description: format!("Appendix {}: {}", a.number, a.title),
                    data,
                }),
                _ => None,
            })
            .collect();
        let pdf::Exported {
            pdf: bytes,
            warnings,
        } = pdf::render_with_files(&merged, &files, Some(&mut scaled))?;
        pdf::free_later(merged);
        output::write_atomic(&pdf_path, |f| f.write_all(&bytes))?;
        notes.extend(warnings);

        let mut files = Vec::new();
        let word = |doc: &Document, name: &str, notes: &mut Vec<String>| -> Result<String> {
            let path = target(name)?;
            let docx::Exported { docx, warnings } = docx::render(doc, word_template.as_ref())?;
            output::write_atomic(&path, |f| f.write_all(&docx))?;
            notes.extend(warnings);
            Ok(path.display().to_string())
        };
        files.push(word(&pack.cover, "Cover report.docx", &mut notes)?);
        let mut withheld = Vec::new();
        for a in &pack.appendices {
            let base = report::file_name(a.number, &a.title);
            match &a.content {
                AppendixContent::Withheld => withheld.push(a.number),
                AppendixContent::Document(d) => {
                    let mut d = (**d).clone();
                    d.meta.title = format!("Appendix {}: {}", a.number, a.title);
                    d.warnings.clear();
                    files.push(word(&d, &format!("{base}.docx"), &mut Vec::new())?);
                }
                AppendixContent::Pdf { name, data } | AppendixContent::Word { name, data, .. } => {
                    let path = target(&report::file_name(a.number, name))?;
                    output::write_atomic(&path, |f| f.write_all(data))?;
                    files.push(path.display().to_string());
                }
            }
        }
        if let Some(f) = progress.as_mut() {
            f(Progress {
                stage: pdf::Stage::Done,
                fraction: 1.0,
            });
        }
        let mut seen = std::collections::HashSet::new();
        notes.retain(|n| seen.insert(n.clone()));
        Ok(PackResult {
            folder: folder.display().to_string(),
            pdf: pdf_path.display().to_string(),
            files,
            public: pack.public,
            withheld,
            warnings: notes,
        })
    }
}

/// Exports report `id`'s pack into `folder`: [`prepare_pack`] then
/// [`PackJob::write`].
pub fn pack(
    plan: &PlanFile,
    id: Id,
    folder: &Path,
    public: bool,
    progress: Option<&mut dyn FnMut(Progress)>,
) -> Result<PackResult> {
    prepare_pack(plan, id, folder, public)?.write(progress)
}
