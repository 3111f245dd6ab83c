//! Starting a plan from a Word, text or Markdown file, or adding one to the
//! open plan: a preview of what would be placed, then the change.

use std::path::PathBuf;

use planwright::api;
use planwright::api::import::Imported;
use planwright::api::plan::PlanSummary;
use planwright::api::stale::{self, Changed};
use planwright::import::ImportReport;

use super::plan::adopt;
use crate::error::AppResult;
use crate::grants::Purpose;
use crate::state::ThisWindow;

/// What importing `path` (chosen in the import dialog) would place, and
/// every line it would guess at or leave unplaced; nothing is written.
#[tauri::command(async)]
pub fn import_preview(state: ThisWindow<'_>, path: PathBuf) -> AppResult<ImportReport> {
    state.grants.check(Purpose::ImportSource, &path, false)?;
    Ok(api::import::preview(&path)?)
}

/// Makes a new plan at `path` (chosen in the save dialog) from `source`
/// (chosen in the import dialog) and opens it here.
#[tauri::command(async)]
pub fn import_new_plan(
    state: ThisWindow<'_>,
    source: PathBuf,
    path: PathBuf,
) -> AppResult<PlanSummary> {
    state.grants.check(Purpose::ImportSource, &source, false)?;
    state.grants.check(Purpose::NewPlan, &path, false)?;
    api::import::text_to_new_plan(&source, &path, None)?;
    adopt(&state, api::plan::open(&path)?)
}

/// Adds `source` (chosen in the import dialog) to the open plan: its
/// chapters after the plan's own, and its action tables' actions.
#[tauri::command(async)]
pub fn import_into_plan(state: ThisWindow<'_>, source: PathBuf) -> AppResult<Changed<Imported>> {
    state.grants.check(Purpose::ImportSource, &source, false)?;
    state.change(stale::IMPORT, |p| api::import::into_plan(p, &source))
}
