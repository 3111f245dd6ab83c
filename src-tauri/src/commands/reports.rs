//! Committee reports: list, write and edit them in their authority's
//! template, attach files for their appendices, pass templates on, and
//! export the pack (one PDF and Word files) into a folder.

use std::path::PathBuf;

use planwright::api::reports::{NewReport, PackResult, ReportSummary, ReportView};
use planwright::api::stale::{self, Changed};
use planwright::api::{self};
use planwright::export::pdf::Progress;
use planwright::model::report::{AppendixSource, ReportBody};
use planwright::model::report_template::ReportTemplate;
use planwright::model::Id;
use tauri::ipc::Channel;

use crate::error::AppResult;
use crate::grants::Purpose;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn report_list(state: ThisWindow<'_>) -> AppResult<Vec<ReportSummary>> {
    state.with_plan(|p| api::reports::list(p))
}

/// The report, its template, what it lacks and its appendices' names.
#[tauri::command(async)]
pub fn report_get(state: ThisWindow<'_>, id: Id) -> AppResult<ReportView> {
    state.with_plan(|p| api::reports::get(p, id))
}

/// A new report with its template's sections, empty.
#[tauri::command(async)]
pub fn report_create(state: ThisWindow<'_>, new: NewReport) -> AppResult<Changed<ReportView>> {
    state.change(stale::REPORTS, |p| api::reports::create(p, &new))
}

/// Saves the whole report as the editor has it: all of it or none.
#[tauri::command(async)]
pub fn report_save(
    state: ThisWindow<'_>,
    id: Id,
    body: ReportBody,
) -> AppResult<Changed<ReportView>> {
    state.change(stale::REPORTS, |p| api::reports::save(p, id, &body))
}

#[tauri::command(async)]
pub fn report_delete(state: ThisWindow<'_>, id: Id) -> AppResult<Changed<()>> {
    state.change(stale::REPORTS, |p| api::reports::delete(p, id))
}

/// The templates a report may use: the built-in ones, then the plan's.
#[tauri::command(async)]
pub fn report_templates(state: ThisWindow<'_>) -> AppResult<Vec<ReportTemplate>> {
    state.with_plan(|p| api::reports::templates(p))
}

/// Keeps the PDF or Word file at `path` (chosen in the attach dialog) in
/// the plan; returns the appendix source that shows it, for the editor to
/// add to the report and save.
#[tauri::command(async)]
pub fn report_attach_file(
    state: ThisWindow<'_>,
    path: PathBuf,
) -> AppResult<Changed<AppendixSource>> {
    state
        .grants
        .check(Purpose::ReportAttachment, &path, false)?;
    state.change(stale::ASSET, |p| api::reports::attach_file(p, &path))
}

/// Adds the template in the JSON file at `path` (chosen in the dialog) to
/// the plan.
#[tauri::command(async)]
pub fn report_template_import(
    state: ThisWindow<'_>,
    path: PathBuf,
) -> AppResult<Changed<ReportTemplate>> {
    state
        .grants
        .check(Purpose::ReportTemplateImport, &path, false)?;
    state.change(stale::REPORTS, |p| api::reports::import_template(p, &path))
}

/// Writes template `key` as a JSON file at `path` (chosen in the dialog).
#[tauri::command(async)]
pub fn report_template_export(state: ThisWindow<'_>, key: String, path: PathBuf) -> AppResult<()> {
    state
        .grants
        .check(Purpose::ReportTemplateExport, &path, false)?;
    state.with_plan(|p| api::reports::export_template(p, &key, &path))
}

/// Writes report `id`'s pack into `folder` (chosen in the folder dialog),
/// public (no exempt appendix, no sign-off) or internal. The plan is held
/// only while it is read, as [`super::export::export_pdf`] does; how far it
/// has got (0 to 1) goes to `on_progress`.
#[tauri::command(async)]
pub fn report_pack(
    state: ThisWindow<'_>,
    id: Id,
    folder: PathBuf,
    public: bool,
    on_progress: Channel<f32>,
) -> AppResult<PackResult> {
    state.grants.check(Purpose::ReportPack, &folder, false)?;
    // A window closed mid-export only stops the progress reaching it.
    let mut report = |p: Progress| {
        let _ = on_progress.send(p.fraction);
    };
    let job = state.with_plan(|p| api::reports::prepare_pack(p, id, &folder, public))?;
    Ok(job.write(Some(&mut report))?)
}
