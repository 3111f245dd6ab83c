//! Opening and creating plans, the recent list, the plan's properties.

use std::path::{Path, PathBuf};

use planwright::model::PlanInfo;
use planwright::session::{self, PlanSummary};
use planwright::store::{plan_info, PlanFile};
use planwright::templates::Template;
use tauri::State;

use crate::error::{AppError, AppResult};
use crate::grants::Purpose;
use crate::recent::{self, RecentPlan};
use crate::state::AppState;

/// Makes `plan` the open plan and puts it at the top of the recent list.
fn adopt(state: &AppState, plan: PlanFile) -> AppResult<PlanSummary> {
    let summary = session::summary(&plan)?;
    state.set_plan(plan);
    let entry = RecentPlan {
        path: summary.path.clone(),
        title: summary.info.title.clone(),
        logo: None,
    };
    recent::remember(&state.config_dir, entry)?;
    Ok(summary)
}

/// What to show at launch: the plan named on the command line, else the
/// sample on a first run (no recent plans), else nothing (the start screen).
#[tauri::command]
pub fn startup(state: State<'_, AppState>) -> AppResult<Option<PlanSummary>> {
    match (
        &state.launch_path,
        recent::list(&state.config_dir).is_empty(),
    ) {
        (Some(path), _) => adopt(&state, PlanFile::open(path)?).map(Some),
        (None, true) => adopt(&state, session::open_sample(&state.sample_path())?).map(Some),
        (None, false) => Ok(None),
    }
}

/// Opens a plan chosen in the Open dialog or on the recent list.
#[tauri::command]
pub fn plan_open(state: State<'_, AppState>, path: PathBuf) -> AppResult<PlanSummary> {
    let recent = recent::list(&state.config_dir)
        .iter()
        .any(|r| Path::new(&r.path) == path);
    state.grants.check(Purpose::OpenPlan, &path, recent)?;
    adopt(&state, PlanFile::open(path)?)
}

#[tauri::command]
pub fn plan_open_sample(state: State<'_, AppState>) -> AppResult<PlanSummary> {
    adopt(&state, session::open_sample(&state.sample_path())?)
}

#[tauri::command]
pub fn plan_new(
    state: State<'_, AppState>,
    path: PathBuf,
    template: String,
    title: String,
    start_year: i32,
) -> AppResult<PlanSummary> {
    let template: Template = template
        .parse()
        .map_err(|e: String| AppError::new("invalid", e))?;
    state.grants.check(Purpose::NewPlan, &path, false)?;
    adopt(
        &state,
        session::create_from_template(&path, template, &title, start_year)?,
    )
}

/// The logo last exported with the open plan, if any.
#[tauri::command]
pub fn plan_logo(state: State<'_, AppState>) -> AppResult<Option<String>> {
    let path = state.plan_path()?;
    Ok(recent::list(&state.config_dir)
        .into_iter()
        .find(|r| Path::new(&r.path) == path)
        .and_then(|r| r.logo))
}

#[tauri::command]
pub fn recent_plans(state: State<'_, AppState>) -> Vec<RecentPlan> {
    recent::list(&state.config_dir)
}

#[tauri::command]
pub fn plan_summary(state: State<'_, AppState>) -> AppResult<PlanSummary> {
    state.with_plan(|p| session::summary(p))
}

#[tauri::command]
pub fn plan_info_put(state: State<'_, AppState>, info: PlanInfo) -> AppResult<PlanSummary> {
    state.with_plan(|p| {
        p.write(|tx| plan_info::put(tx, &info))?;
        session::summary(p)
    })
}
