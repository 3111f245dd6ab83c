//! The plan as a whole: creating, opening, its properties and counts,
//! checking it, and making a clean copy of one that was tampered with.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Result;
use crate::check::Finding;
use crate::export::docx;
use crate::model::{OutlineChapter, PlanInfo};
use crate::store::{self, PlanFile, RepairReport, StoreError, Upgrade};
use crate::templates::{self, Template};

/// The open plan in a few words and numbers: what the window title, the
/// start screen and `planwright info` show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSummary {
    pub path: String,
    pub file_name: String,
    pub info: PlanInfo,
    pub chapters: usize,
    pub sections: usize,
    pub blocks: usize,
    pub words: usize,
    pub actions: usize,
    pub indicators: usize,
    pub priorities: usize,
    /// When the plan was last changed, as stored (UTC, RFC 3339).
    pub modified: String,
    /// The plan's logo, drawn on the title page of every export.
    pub logo: Option<PlanLogo>,
    /// The file name of the plan's Word template, whose styles its Word
    /// exports take.
    pub word_template: Option<String>,
    /// Set when opening the file upgraded it from an older format: where
    /// the copy of it as it was is kept.
    pub upgraded: Option<Upgrade>,
}

/// The plan's logo: its file name and the id of its picture (which the app
/// shows as a preview).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanLogo {
    pub name: String,
    pub asset: String,
}

/// What a new plan starts from; anything not given has a default.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewPlan {
    pub template: Template,
    /// Default: "Children and Young People's Plan START–END".
    pub title: Option<String>,
    /// The council, e.g. "Leicestershire County Council".
    pub authority: Option<String>,
    /// First year of the plan's period (default: this year).
    pub start_year: Option<i32>,
    /// Last year of the plan's period (default: three years on).
    pub end_year: Option<i32>,
}

/// Creates a new plan at `path` (which must not exist) from a template.
pub fn create(path: &Path, new: &NewPlan) -> Result<PlanFile> {
    let start = new
        .start_year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let end = new.end_year.unwrap_or(start + 3);
    let default_title = format!("Children and Young People's Plan {start}–{end}");
    let mut info = PlanInfo::titled(new.title.as_deref().unwrap_or(&default_title), start);
    info.period.end = end;
    if let Some(authority) = &new.authority {
        info.authority = authority.trim().to_owned();
    }
    info.validate()?;
    Ok(PlanFile::create(path, &new.template.bundle(info))?)
}

/// Writes the sample plan (Leicestershire's draft CYPP 2008–2011) to
/// `path`. With `replace`, a plan already there is replaced; anything there
/// that is not a plan is refused, never deleted.
pub fn write_sample(path: &Path, replace: bool) -> Result<PlanFile> {
    if replace {
        remove_plan(path)?;
    }
    Ok(PlanFile::create(path, &templates::sample())?)
}

/// Opens the sample plan at `path`, writing it there first if it is not there.
pub fn open_sample(path: &Path) -> Result<PlanFile> {
    if path.exists() {
        return open(path);
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    Ok(PlanFile::create(path, &templates::sample())?)
}

/// Opens a plan to read and change it (upgrading an older format).
pub fn open(path: &Path) -> Result<PlanFile> {
    Ok(PlanFile::open(path)?)
}

/// Opens a plan only to read it: nothing is ever written, so a plan in a
/// read-only folder can be viewed and exported and keeps its checksum.
pub fn open_read_only(path: &Path) -> Result<PlanFile> {
    Ok(PlanFile::open_read_only(path)?)
}

pub fn summary(plan: &PlanFile) -> Result<PlanSummary> {
    let path = plan.path();
    Ok(plan.read(|conn| {
        let outline = store::outline::outline(conn)?;
        Ok(PlanSummary {
            path: path.display().to_string(),
            file_name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            info: store::plan_info::get(conn)?,
            chapters: outline.len(),
            sections: outline.iter().map(|c| c.sections.len()).sum(),
            blocks: outline.iter().map(OutlineChapter::blocks).sum(),
            words: outline.iter().map(OutlineChapter::words).sum(),
            actions: store::actions::count(conn)?,
            indicators: store::indicators::count(conn)?,
            priorities: store::priorities::list(conn)?.len(),
            modified: store::plan_info::timestamps(conn)?.1,
            logo: store::logo::get(conn)?.map(|l| PlanLogo {
                name: l.name,
                asset: l.id,
            }),
            word_template: store::word_template::name(conn)?,
            upgraded: plan.upgraded().cloned(),
        })
    })?)
}

/// Makes the PNG or JPEG at `path` the plan's logo: kept in the plan, so it
/// travels with it, and drawn on the title page of every export. A file
/// that is no usable picture is refused and the logo stays as it was.
pub fn set_logo(plan: &mut PlanFile, path: &Path) -> Result<PlanSummary> {
    let (name, data) = super::assets::read_picture(path, "logo")?;
    plan.edit(|tx| store::logo::set(tx, &name, &data))?;
    summary(plan)
}

/// Takes the logo off the plan (its picture stays if a figure shows it).
pub fn clear_logo(plan: &mut PlanFile) -> Result<PlanSummary> {
    plan.edit(|tx| store::logo::clear(tx))?;
    summary(plan)
}

/// Makes the Word document (.docx or .dotx) at `path` the plan's Word
/// template: kept in the plan, so every Word export of it takes its styles
/// (fonts, colours, spacing of Title, Heading 1, Normal, …) wherever it is
/// exported. A file that is no usable template is refused, saying why, and
/// the template stays as it was.
pub fn set_word_template(plan: &mut PlanFile, path: &Path) -> Result<PlanSummary> {
    let (template, data) = docx::Template::read(path)?;
    plan.edit(|tx| store::word_template::set(tx, &template.name, &data))?;
    summary(plan)
}

/// Takes the Word template off the plan: Word exports use Planwright's
/// own styles.
pub fn clear_word_template(plan: &mut PlanFile) -> Result<PlanSummary> {
    plan.edit(|tx| store::word_template::clear(tx))?;
    summary(plan)
}

/// The plan's properties alone, without the counts a summary reads the
/// whole plan for.
pub fn info(plan: &PlanFile) -> Result<PlanInfo> {
    Ok(plan.read(store::plan_info::get)?)
}

/// Replaces the plan's properties (title, authority, period, status…).
pub fn set_info(plan: &mut PlanFile, info: &PlanInfo) -> Result<PlanSummary> {
    plan.edit(|tx| store::plan_info::put(tx, info))?;
    summary(plan)
}

/// What to fix before the plan goes out: actions without a lead,
/// indicators without targets, empty chapters, broken links…
pub fn check(plan: &PlanFile) -> Result<Vec<Finding>> {
    Ok(crate::check::check(plan)?)
}

/// Copies the data of the plan at `source` (only read) into a clean new
/// plan at `dest`, leaving behind anything Planwright does not make.
pub fn repair(source: &Path, dest: &Path) -> Result<RepairReport> {
    Ok(store::repair(source, dest)?)
}

/// Removes a plan file and its SQLite side files, refusing anything that
/// is not a plan.
fn remove_plan(path: &Path) -> Result<()> {
    match PlanFile::open_read_only(path) {
        Ok(plan) => drop(plan),
        Err(StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = PathBuf::from(p);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(StoreError::Io { path: p, source }.into()),
        }
    }
    Ok(())
}
