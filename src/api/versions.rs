//! Versions of the plan: keep it as it is at a stage (the consultation
//! draft, the approved plan…), list them, compare any two (or one with the
//! plan as it is now), export any one as PDF, Word or HTML, and restore one
//! as a new draft in a new plan file.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use super::export::{self, ExportRequest};
use super::Result;
use crate::compare::{self, Diff};
use crate::compose::{changes, ComposeOptions};
use crate::export::output;
use crate::model::bundle::{BundleAction, BundleIndicator};
use crate::model::version::{Version, VersionStage};
use crate::model::{Bundle, Id, PlanStatus};
use crate::store::{self, PlanFile};

pub fn list(plan: &PlanFile) -> Result<Vec<Version>> {
    Ok(plan.read(store::versions::list)?)
}

/// Keeps the plan as it is now as version `name` at `stage`.
pub fn snapshot(plan: &mut PlanFile, stage: VersionStage, name: &str) -> Result<Version> {
    let now = chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    Ok(plan.write(|tx| store::versions::snapshot(tx, stage, name, &now))?)
}

/// A version, or the plan as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Version(Id),
    Current,
}

impl std::str::FromStr for Which {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim() {
            "current" | "now" => Ok(Which::Current),
            n => n
                .trim_start_matches('#')
                .parse()
                .map(Which::Version)
                .map_err(|_| format!("\"{n}\" is not a version: give its number, or current")),
        }
    }
}

/// The bundle of `which` and what it is called.
fn read(plan: &PlanFile, which: Which) -> Result<(String, Bundle)> {
    Ok(plan.read(|conn| match which {
        Which::Current => Ok((
            "plan as it is now".to_owned(),
            store::versions::current(conn)?,
        )),
        Which::Version(id) => {
            let (v, b) = store::versions::bundle_of(conn, id)?;
            Ok((format!("{} (version {})", v.name, v.id), b))
        }
    })?)
}

/// What changed from `from` to `to`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub from: String,
    pub to: String,
    pub diff: Diff,
}

pub fn diff(plan: &PlanFile, from: Which, to: Which) -> Result<Comparison> {
    let (from_name, a) = read(plan, from)?;
    let (to_name, b) = read(plan, to)?;
    Ok(Comparison {
        diff: compare::diff(&a, &b),
        from: from_name,
        to: to_name,
    })
}

/// Composes "Changes since …" comparing `from` with `to`, to write at
/// `output` as its name says (.pdf, .docx or .html).
pub fn prepare_changes(
    plan: &PlanFile,
    from: Which,
    to: Which,
    output: &Path,
) -> Result<export::DocumentJob> {
    output::check_target(output, plan.path())?;
    export::Format::of(output)?;
    let c = diff(plan, from, to)?;
    let doc = changes::changes(plan, &c.from, &c.to, &c.diff, &ComposeOptions::default())?;
    export::prepare_document(plan, doc, output)
}

/// Writes "Changes since …": [`prepare_changes`], then its job's write.
/// Returns its warnings.
pub fn changes(plan: &PlanFile, from: Which, to: Which, output: &Path) -> Result<Vec<String>> {
    prepare_changes(plan, from, to, output)?.write()
}

/// A new plan file at `output` holding version `id` (with this plan's
/// pictures and attached files), as a draft to go on from.
pub fn restore(plan: &PlanFile, id: Id, output: &Path) -> Result<Version> {
    let (v, mut b) = plan.read(|conn| store::versions::bundle_of(conn, id))?;
    b.plan.status = PlanStatus::Draft;
    plan.copy_with(output, &b)?;
    Ok(v)
}

/// The year's review: a new plan file at `output` from the plan's latest
/// approved version, as a draft due for review on `review_due`, naming
/// the approved plan it follows, its actions with their statuses as they
/// were approved; its first version (stage annual review) is that starting
/// point, so "Changes since…" can later show what the review changed.
pub fn annual_review(
    plan: &PlanFile,
    review_due: chrono::NaiveDate,
    output: &Path,
) -> Result<Version> {
    let (v, mut b, now) = plan.read(|conn| {
        let approved = store::versions::list(conn)?
            .into_iter()
            .rev()
            .find(|v| v.stage == VersionStage::Approved)
            .ok_or_else(|| {
                store::StoreError::Refused(
                    "the plan has no approved version to review: approve it first (planwright approve)"
                        .into(),
                )
            })?;
        let (v, b) = store::versions::bundle_of(conn, approved.id)?;
        Ok((v, b, store::versions::current(conn)?))
    })?;
    carry_forward(&mut b, &now);
    b.plan.status = PlanStatus::Draft;
    b.plan.key_dates.review_due = Some(review_due);
    b.plan.predecessor = Some(format!(
        "{}, approved version {} (SHA-256 {})",
        b.plan.title, v.id, v.sha256
    ));
    let mut next = plan.copy_with(output, &b)?;
    let name = format!(
        "Annual review {}: the approved plan ({})",
        review_due.format("%Y"),
        v.name
    );
    snapshot(&mut next, VersionStage::AnnualReview, &name)
}

/// What was monitored since approval carries into the review: each
/// action's status and RAG rating, and each indicator's actuals, as the
/// plan has them now (an action matched by its key, which is its id, an
/// indicator by its code). Loops over the two bundles' lists once each.
fn carry_forward(review: &mut Bundle, now: &Bundle) {
    let actions: HashMap<&str, &BundleAction> =
        now.actions.iter().map(|a| (a.key.as_str(), a)).collect();
    for a in &mut review.actions {
        if let Some(n) = actions.get(a.key.as_str()) {
            a.status = n.status;
            a.rag = n.rag;
        }
    }
    let indicators: HashMap<String, &BundleIndicator> = now
        .indicators
        .iter()
        .map(|i| (i.code.to_lowercase(), i))
        .collect();
    for i in &mut review.indicators {
        if let Some(n) = indicators.get(&i.code.to_lowercase()) {
            i.actuals = n.actuals.clone();
        }
    }
}

/// A version to export, as a plan of its own: [`VersionExport::write`]
/// reads only that plan, so the app holds the open one only while
/// [`prepare_export`] copies the version out of it.
pub struct VersionExport {
    then: PlanFile,
    request: ExportRequest,
    output: std::path::PathBuf,
    format: export::Format,
    /// The folder `then` is in, gone with the job.
    _dir: tempfile::TempDir,
}

/// Checks `output` and copies version `id` (with the plan's pictures and
/// attached files) into a plan of its own, to export as it was then.
pub fn prepare_export(
    plan: &PlanFile,
    id: Id,
    request: &ExportRequest,
    output: &Path,
) -> Result<VersionExport> {
    output::check_target(output, plan.path())?;
    let format = export::Format::of(output)?;
    let (_, b) = plan.read(|conn| store::versions::bundle_of(conn, id))?;
    let dir = tempfile::tempdir().map_err(|source| output::OutputError::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let then = plan.copy_with(dir.path().join("version.plan"), &b)?;
    Ok(VersionExport {
        then,
        request: request.clone(),
        output: output.to_path_buf(),
        format,
        _dir: dir,
    })
}

impl VersionExport {
    /// Writes the version as its output's name says; returns the export's
    /// warnings.
    pub fn write(self) -> Result<Vec<String>> {
        let (then, r, out) = (&self.then, &self.request, &self.output);
        match self.format {
            export::Format::Pdf => export::pdf(then, r, out, None),
            export::Format::Docx => export::docx(then, r, out),
            export::Format::Html => export::html(then, r, out),
        }
    }
}

/// Writes version `id` at `output` as its name says (.pdf, .docx, .html),
/// as the plan was then: [`prepare_export`], then its write. Returns the
/// export's warnings.
pub fn export(
    plan: &PlanFile,
    id: Id,
    request: &ExportRequest,
    output: &Path,
) -> Result<Vec<String>> {
    prepare_export(plan, id, request, output)?.write()
}
