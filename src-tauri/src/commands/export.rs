//! Exporting the open plan, as a PDF, a Word document or a web page.

use std::path::PathBuf;

use planwright::api::{
    self,
    export::{Appendix, ExportRequest},
};
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
/// figure whose picture could not be used, …), each a full sentence. With
/// `appendix`, that appendix is written instead of the plan.
#[tauri::command(async)]
pub fn export_pdf(
    state: ThisWindow<'_>,
    path: PathBuf,
    draft: bool,
    chapters: Option<Vec<usize>>,
    appendix: Option<Appendix>,
    on_progress: Channel<f32>,
) -> AppResult<Vec<String>> {
    state.grants.check(Purpose::ExportPdf, &path, false)?;
    let request = request(draft, chapters, appendix);
    // A window closed mid-export only stops the progress reaching it.
    let mut report = |p: Progress| {
        let _ = on_progress.send(p.fraction);
    };
    let job = state.with_plan(|p| api::export::prepare_pdf(p, &request, &path))?;
    Ok(job.write(Some(&mut report))?)
}

/// Writes the plan as one self-contained web page to `path` (whole, or not
/// at all), marked as a draft if `draft`, limited to `chapters` as
/// [`export_pdf`] is. `path` must have been chosen in the export dialog.
/// Quick enough (milliseconds) to run while holding the plan.
#[tauri::command(async)]
pub fn export_html(
    state: ThisWindow<'_>,
    path: PathBuf,
    draft: bool,
    chapters: Option<Vec<usize>>,
    appendix: Option<Appendix>,
) -> AppResult<Vec<String>> {
    state.grants.check(Purpose::ExportHtml, &path, false)?;
    let request = request(draft, chapters, appendix);
    state.with_plan(|p| api::export::html(p, &request, &path))
}

/// Writes the plan as a Word document to `path` (whole, or not at all),
/// as [`export_html`] writes a web page.
#[tauri::command(async)]
pub fn export_docx(
    state: ThisWindow<'_>,
    path: PathBuf,
    draft: bool,
    chapters: Option<Vec<usize>>,
    appendix: Option<Appendix>,
) -> AppResult<Vec<String>> {
    state.grants.check(Purpose::ExportDocx, &path, false)?;
    let request = request(draft, chapters, appendix);
    state.with_plan(|p| api::export::docx(p, &request, &path))
}

/// What the dialog asked for; the logo is the plan's own.
fn request(draft: bool, chapters: Option<Vec<usize>>, appendix: Option<Appendix>) -> ExportRequest {
    ExportRequest {
        draft,
        chapters,
        appendix,
        ..ExportRequest::default()
    }
}
