//! Starting a plan from a text or Markdown file: a preview of what would
//! be placed, then the new plan, opened in this window.

use std::path::PathBuf;

use planwright::api;
use planwright::api::plan::PlanSummary;
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
