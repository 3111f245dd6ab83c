//! Versions and approval: the plan kept as it is at a stage, versions
//! listed and compared, "Changes since…" written, a version exported or
//! restored as a new plan; the readiness checklist, the committee's
//! approval, the signed-off PDF, and a PDF checked against the plan.

use std::path::PathBuf;

use planwright::api::approval::{Approved, SignedOff, Verification};
use planwright::api::export::ExportRequest;
use planwright::api::plan::PlanSummary;
use planwright::api::signing::SignWith;
use planwright::api::stale::{self, Changed};
use planwright::api::versions::{Comparison, Which};
use planwright::api::{self, ErrorCode};
use planwright::model::approval::{Approval, ApprovalRequest};
use planwright::model::version::{Version, VersionStage};
use planwright::model::Id;
use planwright::readiness::Readiness;
use planwright::sign::KeySource;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::grants::Purpose;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn version_list(state: ThisWindow<'_>) -> AppResult<Vec<Version>> {
    state.with_plan(|p| api::versions::list(p))
}

/// Keeps the plan as it is now as version `name` at `stage`. Nothing the
/// views show changes: the Versions view lists it again.
#[tauri::command(async)]
pub fn version_snapshot(
    state: ThisWindow<'_>,
    stage: VersionStage,
    name: String,
) -> AppResult<Changed<Version>> {
    state.change(stale::PLAN_INFO, |p| {
        api::versions::snapshot(p, stage, &name)
    })
}

/// "3" (version 3) or "current" (the plan as it is now).
fn which(field: &str, text: &str) -> AppResult<Which> {
    text.parse().map_err(|why: String| AppError {
        code: ErrorCode::Invalid,
        message: format!("{field}: {why}"),
        detail: Some(field.to_owned()),
    })
}

/// What changed from `from` to `to`, each a version's id or "current".
#[tauri::command(async)]
pub fn version_diff(state: ThisWindow<'_>, from: String, to: String) -> AppResult<Comparison> {
    let (from, to) = (which("from", &from)?, which("to", &to)?);
    state.with_plan(|p| api::versions::diff(p, from, to))
}

/// Writes "Changes since…" comparing `from` with `to` at `path` (chosen in
/// the PDF, Word or web page export dialog), as its name says. Returns its
/// warnings.
#[tauri::command(async)]
pub fn version_changes(
    state: ThisWindow<'_>,
    from: String,
    to: String,
    path: PathBuf,
) -> AppResult<Vec<String>> {
    state
        .grants
        .check(Purpose::of_export(&path), &path, false)?;
    let (from, to) = (which("from", &from)?, which("to", &to)?);
    // The plan is held to compose, not while the document is laid out.
    let job = state.with_plan(|p| api::versions::prepare_changes(p, from, to, &path))?;
    Ok(job.write()?)
}

/// Writes version `id` as the plan was then at `path` (chosen in an export
/// dialog), as its name says. Returns the export's warnings.
#[tauri::command(async)]
pub fn version_export(state: ThisWindow<'_>, id: Id, path: PathBuf) -> AppResult<Vec<String>> {
    state
        .grants
        .check(Purpose::of_export(&path), &path, false)?;
    let job = state
        .with_plan(|p| api::versions::prepare_export(p, id, &ExportRequest::default(), &path))?;
    Ok(job.write()?)
}

/// Makes a new plan at `path` (chosen in the restore dialog) holding
/// version `id` as a draft; it may then be opened without asking again.
/// The open plan is only read.
#[tauri::command(async)]
pub fn version_restore(state: ThisWindow<'_>, id: Id, path: PathBuf) -> AppResult<Version> {
    state.grants.check(Purpose::RestoreVersion, &path, false)?;
    let v = state.with_plan(|p| api::versions::restore(p, id, &path))?;
    state.grants.allow(Purpose::OpenPlan, path);
    Ok(v)
}

/// What the plan needs before it is approved, and whether it has it.
#[tauri::command(async)]
pub fn readiness(state: ThisWindow<'_>) -> AppResult<Readiness> {
    state.with_plan(|p| api::approval::readiness(p))
}

/// Replaces the required contents with the authority's own list; returns
/// the checklist as it now is.
#[tauri::command(async)]
pub fn set_required_contents(
    state: ThisWindow<'_>,
    items: Vec<String>,
) -> AppResult<Changed<Readiness>> {
    state.change(stale::PLAN_INFO, |p| {
        api::approval::set_required_contents(p, &items)
    })
}

/// An approval recorded, and the plan's summary as it now is (its status
/// is approved), for the title bar and Properties.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ApprovedPlan {
    pub approved: Approved,
    pub summary: PlanSummary,
}

/// Records the committee's approval of the plan as it is now (refused
/// when the checklist is not met and `request` gives no reason).
#[tauri::command(async)]
pub fn approve(
    state: ThisWindow<'_>,
    request: ApprovalRequest,
) -> AppResult<Changed<ApprovedPlan>> {
    state.change(stale::PLAN_INFO, |p| {
        let approved = api::approval::approve(p, &request)?;
        let summary = api::plan::summary(p)?;
        Ok::<_, api::ApiError>(ApprovedPlan { approved, summary })
    })
}

#[tauri::command(async)]
pub fn approvals(state: ThisWindow<'_>) -> AppResult<Vec<Approval>> {
    state.with_plan(|p| api::approval::approvals(p))
}

/// The key to sign a sign-off with: a PKCS#12 file, or a PEM key and its
/// certificate, each chosen in the key dialog, and the password typed.
#[derive(Debug, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SigningKey {
    Pkcs12 {
        path: PathBuf,
        password: Option<String>,
    },
    Pem {
        key: PathBuf,
        cert: PathBuf,
        password: Option<String>,
    },
}

/// The longest password taken from the webview.
const MAX_PASSWORD: usize = 1024;

impl SigningKey {
    /// The key's files checked against the dialog that gave them.
    fn checked(self, state: &ThisWindow<'_>) -> AppResult<SignWith> {
        let (source, password) = match self {
            SigningKey::Pkcs12 { path, password } => {
                state.grants.check(Purpose::SigningKey, &path, false)?;
                (KeySource::Pkcs12(path), password)
            }
            SigningKey::Pem {
                key,
                cert,
                password,
            } => {
                state.grants.check(Purpose::SigningKey, &key, false)?;
                state.grants.check(Purpose::SigningKey, &cert, false)?;
                (KeySource::Pem { key, cert }, password)
            }
        };
        if password.as_ref().is_some_and(|p| p.len() > MAX_PASSWORD) {
            return Err(AppError {
                code: ErrorCode::Invalid,
                message: "password: longer than 1,024 bytes".into(),
                detail: Some("password".into()),
            });
        }
        Ok(SignWith { source, password })
    }
}

/// Writes the signed-off PDF of approval `approval` (the latest when null)
/// at `path` (chosen in the sign-off dialog), digitally signed with `key`
/// when given; the plan records the PDF's fingerprint.
#[tauri::command(async)]
pub fn signoff(
    state: ThisWindow<'_>,
    approval: Option<Id>,
    path: PathBuf,
    key: Option<SigningKey>,
) -> AppResult<Changed<SignedOff>> {
    state.grants.check(Purpose::SignOff, &path, false)?;
    let sign = key.map(|k| k.checked(&state)).transpose()?;
    // The plan is needed to compose and to record, not while the PDF is
    // laid out and signed.
    let job =
        state.with_plan(|p| api::approval::prepare_signoff(p, approval, &path, sign.as_ref()))?;
    let written = job.write()?;
    state.change(stale::PLAN_INFO, |p| {
        api::approval::record_signoff(p, written)
    })
}

/// Checks the PDF at `path` (chosen in the verify dialog) against the open
/// plan's sign-off record.
#[tauri::command(async)]
pub fn verify(state: ThisWindow<'_>, path: PathBuf) -> AppResult<Verification> {
    state.grants.check(Purpose::VerifyPdf, &path, false)?;
    state.with_plan(|p| api::approval::verify(&path, Some(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_named_by_its_number_or_current() {
        assert_eq!(which("from", "3").unwrap(), Which::Version(3));
        assert_eq!(which("to", "current").unwrap(), Which::Current);
        let e = which("to", "latest").unwrap_err();
        assert_eq!(e.code, ErrorCode::Invalid);
        assert!(
            e.message.starts_with("to: \"latest\" is not a version"),
            "{}",
            e.message
        );
    }
}
