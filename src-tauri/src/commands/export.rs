//! Exporting the open plan.

use std::path::PathBuf;

use planwright::api::{self, export::PdfRequest};
use planwright::export::pdf::Progress;
use tauri::ipc::Channel;

use crate::error::AppResult;
use crate::grants::Purpose;
use crate::state::ThisWindow;

/// Writes the plan as a typeset PDF to `path` (whole, or not at all); a
/// draft carries a watermark on every page, and `chapters` (1-based
/// positions) limits it to those chapters. The plan's own logo goes on the
/// title page. `path` must have been chosen in the export dialog. The plan
/// is held only while it is read: the
/// layout and writing run after, so edits save meanwhile. Sends how far it
/// has got (0 to 1) to `on_progress`. Returns the export's warnings (a
/// figure whose picture could not be used, …), each a full sentence.
#[tauri::command(async)]
pub fn export_pdf(
    state: ThisWindow<'_>,
    path: PathBuf,
    draft: bool,
    chapters: Option<Vec<usize>>,
    on_progress: Channel<f32>,
) -> AppResult<Vec<String>> {
    state.grants.check(Purpose::ExportPdf, &path, false)?;
    let request = PdfRequest {
        draft,
        chapters,
        ..PdfRequest::default()
    };
    // A window closed mid-export only stops the progress reaching it.
    let mut report = |p: Progress| {
        let _ = on_progress.send(p.fraction);
    };
    let job = state.with_plan(|p| api::export::prepare_pdf(p, &request, &path))?;
    Ok(job.write(Some(&mut report))?)
}
