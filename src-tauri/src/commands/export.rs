//! Exporting the open plan.

use std::path::PathBuf;

use planwright::export::pdf::{self, PdfOptions};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

/// Writes the plan as a typeset PDF to `path` (whole, or not at all); a
/// draft carries a watermark on every page. Runs off the window's thread.
#[tauri::command(async)]
pub fn export_pdf(state: State<'_, AppState>, path: PathBuf, draft: bool) -> AppResult<()> {
    let opts = PdfOptions {
        draft,
        ..PdfOptions::default()
    };
    state.with_plan(|p| pdf::export_to(p, &opts, &path, None))
}
