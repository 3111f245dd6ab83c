//! Import: a new plan made from an authority's own text, with a report of
//! what was placed and every line guessed at or left unplaced.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{ApiError, Result};
use crate::import::{self, Flavour, ImportError, ImportReport};
use crate::model::bundle::Bundle;
use crate::model::PlanInfo;
use crate::store::{self, PlanFile};
use crate::templates::Template;

/// What an import wrote, and its report.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Imported {
    pub source: String,
    pub plan: String,
    pub report: ImportReport,
}

/// A file to import that is missing, unreadable or not text: named, with
/// why.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{}: no such file", .0.display())]
    Missing(PathBuf),
    #[error("{}: could not be read ({source})", path.display())]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} cannot be imported: {why}", path.display())]
    Refused { path: PathBuf, why: ImportError },
}

/// What importing `source` would place, and every line it would guess at
/// or leave unplaced, without writing anything: the app shows it before
/// the plan is made.
pub fn preview(source: &Path) -> Result<ImportReport> {
    Ok(parse(source)?.report)
}

/// Reads the Word, text or Markdown file `source` (see `parse`) and
/// writes a new plan at
/// `output` (which must not exist) holding its chapters, titled `title`,
/// or the document's own title, or its file's name. Nothing is written when the file cannot be read
/// or is not text.
pub fn text_to_new_plan(source: &Path, output: &Path, title: Option<&str>) -> Result<Imported> {
    let mut imported = parse(source)?;
    let title = title
        .map(str::to_owned)
        // The document's own title, when it is one a plan may have.
        .or_else(|| {
            imported
                .title
                .clone()
                .filter(|t| PlanInfo::titled(t, 2000).validate().is_ok())
        })
        .or_else(|| {
            source
                .file_stem()
                .map(|s| s.to_string_lossy().replace(['_', '-'], " "))
        })
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Imported plan".into());
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let info = PlanInfo::titled(title.trim(), year);
    info.validate()?;
    let mut bundle = Template::Blank.bundle(info);
    fill(&mut bundle, &mut imported);
    let pictures = imported
        .pictures
        .iter()
        .map(|p| (p.name.as_str(), p.data.as_slice()));
    PlanFile::create_with_pictures(output, &bundle, pictures)?;
    Ok(Imported {
        source: source.display().to_string(),
        plan: output.display().to_string(),
        report: imported.report,
    })
}

/// Reads the Word, text or Markdown file `source` (see `parse`) into
/// `plan`, in one change: its chapters after the plan's own, its action
/// tables' actions under objectives of their own, its pictures; people and
/// organisations the plan knows already are linked, not added again.
/// Nothing is written when the file cannot be read or is not text.
pub fn into_plan(plan: &mut PlanFile, source: &Path) -> Result<Imported> {
    let mut imported = parse(source)?;
    plan.edit(|tx| {
        if !imported.data.frameworks.is_empty() {
            let keys: Vec<String> = store::frameworks::list(tx)?
                .into_iter()
                .map(|f| f.key)
                .collect();
            if keys.iter().any(|k| k == import::FRAMEWORK_KEY) {
                // Bounded: there are fewer keys than numbers tried.
                let free = (2..=keys.len() + 2)
                    .map(|n| format!("{}_{n}", import::FRAMEWORK_KEY))
                    .find(|k| !keys.contains(k))
                    .expect("a free key");
                imported.rekey_objectives(&free);
            }
        }
        let mut bundle = Template::Blank.bundle(store::plan_info::get(tx)?);
        fill(&mut bundle, &mut imported);
        // What the plan has already is linked to, not added again; a term
        // it defines keeps its definition.
        let mut organisations = Vec::new();
        for o in std::mem::take(&mut bundle.organisations) {
            if store::organisations::find(tx, &o.name)?.is_none() {
                organisations.push(o);
            }
        }
        bundle.organisations = organisations;
        let mut people = Vec::new();
        for p in std::mem::take(&mut bundle.people) {
            if store::people::find(tx, &p.name)?.is_none() {
                people.push(p);
            }
        }
        bundle.people = people;
        let known: std::collections::HashSet<String> = store::glossary::list(tx)?
            .into_iter()
            .map(|k| k.term.to_ascii_lowercase())
            .collect();
        bundle
            .glossary
            .retain(|g| !known.contains(&g.term.to_ascii_lowercase()));
        for p in &imported.pictures {
            store::assets::import(tx, &p.name, &p.data)?;
        }
        store::bundle::append(tx, &bundle)
    })?;
    Ok(Imported {
        source: source.display().to_string(),
        plan: plan.path().display().to_string(),
        report: imported.report,
    })
}

/// Moves what `imported` holds into `bundle`: its chapters, its action
/// tables' objectives, organisations, people and actions, its glossary,
/// its committee report.
fn fill(bundle: &mut Bundle, imported: &mut import::Imported) {
    let data = std::mem::take(&mut imported.data);
    bundle.chapters = std::mem::take(&mut imported.chapters);
    bundle.frameworks.extend(data.frameworks);
    bundle.organisations.extend(data.organisations);
    bundle.people.extend(data.people);
    bundle.actions.extend(data.actions);
    bundle.glossary = std::mem::take(&mut imported.glossary);
    bundle.reports = std::mem::take(&mut imported.reports);
}

/// The file at `source` read into chapters, and the pictures its figures
/// show: a Word document when it is one (by its bytes, whatever its name),
/// else Markdown when it ends .md, else a plain report.
fn parse(source: &Path) -> Result<import::Imported> {
    let bytes = read(source, import::MAX_DOCX_BYTES)?;
    let refused = |why| SourceError::Refused {
        path: source.to_path_buf(),
        why,
    };
    let ext = |e: &str| {
        source
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case(e))
    };
    // A zip's signature: a .docx, or something that is not text.
    if bytes.starts_with(b"PK\x03\x04") || ext("docx") {
        return Ok(import::docx(&bytes).map_err(refused)?);
    }
    if bytes.len() as u64 > import::MAX_BYTES {
        return Err(refused(ImportError::TooLarge {
            bytes: bytes.len() as u64,
            max: import::MAX_BYTES,
        })
        .into());
    }
    let flavour = if ext("md") || ext("markdown") {
        Flavour::Markdown
    } else {
        Flavour::Plain
    };
    Ok(import::text(&bytes, flavour).map_err(refused)?)
}

/// The file's bytes, reading no more than the import takes (and one byte
/// over, to say it is too large).
pub(super) fn read(path: &Path, max: u64) -> Result<Vec<u8>> {
    let f = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => SourceError::Missing(path.to_path_buf()),
        _ => SourceError::Unreadable {
            path: path.to_path_buf(),
            source: e,
        },
    })?;
    let mut bytes = Vec::new();
    f.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| SourceError::Unreadable {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(bytes)
}

impl From<SourceError> for ApiError {
    fn from(e: SourceError) -> Self {
        ApiError::Import(e)
    }
}
