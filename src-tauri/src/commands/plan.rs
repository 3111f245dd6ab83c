//! Opening and creating plans, the recent list, the plan's properties.

use std::path::{Path, PathBuf};

use planwright::api::plan::{NewPlan, PlanSummary};
use planwright::api::stale::{self, Changed};
use planwright::api::{self, PlanFile};
use planwright::model::PlanInfo;
use planwright::templates::Template;
use serde::Serialize;

use crate::error::AppResult;
use crate::grants::Purpose;
use crate::recent::{self, RecentPlan};
use crate::state::ThisWindow;

/// Makes `plan` the window's plan and puts it at the top of the recent list.
pub(crate) fn adopt(state: &ThisWindow, plan: PlanFile) -> AppResult<PlanSummary> {
    let summary = api::plan::summary(&plan)?;
    state.set_plan(plan)?;
    let entry = RecentPlan {
        path: summary.path.clone(),
        title: summary.info.title.clone(),
    };
    recent::remember(&state.config_dir, entry)?;
    recent::tell_desktop(state.app(), Path::new(&summary.path));
    Ok(summary)
}

/// What a window shows as it opens: the plan it was opened on (named on
/// the command line), else the sample on a first run (no recent plans),
/// else nothing (the start screen).
#[tauri::command(async)]
pub fn startup(state: ThisWindow<'_>) -> AppResult<Option<PlanSummary>> {
    match (
        state.launch_path(),
        recent::list(&state.config_dir).is_empty(),
    ) {
        (Some(path), _) => adopt(&state, api::plan::open(&path)?).map(Some),
        (None, true) => adopt(&state, api::plan::open_sample(&state.sample_path())?).map(Some),
        (None, false) => Ok(None),
    }
}

/// A plan the app may open without a dialog: the one the window was opened
/// on, or one on the recent list.
fn known_plan(state: &ThisWindow, path: &Path) -> bool {
    state.launch_path().as_deref() == Some(path)
        || recent::list(&state.config_dir)
            .iter()
            .any(|r| Path::new(&r.path) == path)
}

/// Opens a plan chosen in the Open dialog or on the recent list.
#[tauri::command(async)]
pub fn plan_open(state: ThisWindow<'_>, path: PathBuf) -> AppResult<PlanSummary> {
    state
        .grants
        .check(Purpose::OpenPlan, &path, known_plan(&state, &path))?;
    adopt(&state, api::plan::open(&path)?)
}

/// What a repair made, for the start screen to show before opening it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RepairOutcome {
    /// The clean copy.
    pub path: String,
    /// What the original held that Planwright does not make, left behind.
    pub left_behind: Vec<String>,
    /// Rows that could not be carried across.
    pub left_out: Vec<String>,
}

/// Copies a plan refused as altered (`source`, opened or chosen before)
/// into a clean plan at `dest` (chosen in the new-plan dialog). The
/// original is only read.
#[tauri::command(async)]
pub fn plan_repair(
    state: ThisWindow<'_>,
    source: PathBuf,
    dest: PathBuf,
) -> AppResult<RepairOutcome> {
    let known = known_plan(&state, &source);
    state.grants.check(Purpose::OpenPlan, &source, known)?;
    state.grants.check(Purpose::NewPlan, &dest, false)?;
    let report = api::plan::repair(&source, &dest)?;
    // The copy is the user's now: it opens from the result without asking again.
    state.grants.allow(Purpose::OpenPlan, dest.clone());
    Ok(RepairOutcome {
        path: dest.display().to_string(),
        left_behind: report.left_behind.iter().map(|c| c.to_string()).collect(),
        left_out: report.left_out,
    })
}

#[tauri::command(async)]
pub fn plan_open_sample(state: ThisWindow<'_>) -> AppResult<PlanSummary> {
    adopt(&state, api::plan::open_sample(&state.sample_path())?)
}

#[tauri::command(async)]
pub fn plan_new(
    state: ThisWindow<'_>,
    path: PathBuf,
    template: Template,
    title: String,
    start_year: i32,
) -> AppResult<PlanSummary> {
    state.grants.check(Purpose::NewPlan, &path, false)?;
    let new = NewPlan {
        template,
        title: Some(title),
        start_year: Some(start_year),
        ..NewPlan::default()
    };
    adopt(&state, api::plan::create(&path, &new)?)
}

/// Makes the picture at `path` (chosen in the logo dialog) the plan's
/// logo, kept in the plan and drawn on every export's title page.
#[tauri::command(async)]
pub fn plan_set_logo(state: ThisWindow<'_>, path: PathBuf) -> AppResult<Changed<PlanSummary>> {
    state.grants.check(Purpose::Logo, &path, false)?;
    state.change(stale::PLAN_INFO, |p| api::plan::set_logo(p, &path))
}

#[tauri::command(async)]
pub fn plan_clear_logo(state: ThisWindow<'_>) -> AppResult<Changed<PlanSummary>> {
    state.change(stale::PLAN_INFO, api::plan::clear_logo)
}

/// Makes the Word document at `path` (chosen in the template dialog) the
/// plan's Word template, kept in the plan: its Word exports take its styles.
#[tauri::command(async)]
pub fn plan_set_word_template(
    state: ThisWindow<'_>,
    path: PathBuf,
) -> AppResult<Changed<PlanSummary>> {
    state.grants.check(Purpose::WordTemplate, &path, false)?;
    state.change(stale::PLAN_INFO, |p| api::plan::set_word_template(p, &path))
}

#[tauri::command(async)]
pub fn plan_clear_word_template(state: ThisWindow<'_>) -> AppResult<Changed<PlanSummary>> {
    state.change(stale::PLAN_INFO, api::plan::clear_word_template)
}

#[tauri::command(async)]
pub fn recent_plans(state: ThisWindow<'_>) -> Vec<RecentPlan> {
    recent::list(&state.config_dir)
}

#[tauri::command(async)]
pub fn plan_summary(state: ThisWindow<'_>) -> AppResult<PlanSummary> {
    state.with_plan(|p| api::plan::summary(p))
}

#[tauri::command(async)]
pub fn plan_info_put(state: ThisWindow<'_>, info: PlanInfo) -> AppResult<Changed<PlanSummary>> {
    state.change(stale::PLAN_INFO, |p| api::plan::set_info(p, &info))
}
