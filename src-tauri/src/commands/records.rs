//! Indicators, people, organisations and the glossary.

use planwright::model::{
    GlossaryTerm, Id, Indicator, IndicatorFilter, OrgKind, Organisation, Person,
};
use planwright::session::{self, IndicatorFigure, IndicatorRow};
use planwright::store::{glossary, indicators, organisations, people};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
pub fn indicators_list(
    state: State<'_, AppState>,
    filter: IndicatorFilter,
) -> AppResult<Vec<Indicator>> {
    state.with_plan(|p| p.read(|c| indicators::list(c, &filter)))
}

/// The indicators grid: every year of the plan, with RAG from the polarity.
#[tauri::command]
pub fn indicator_rows(
    state: State<'_, AppState>,
    filter: IndicatorFilter,
) -> AppResult<Vec<IndicatorRow>> {
    state.with_plan(|p| p.read(|c| session::indicator_rows(c, &filter)))
}

/// Sets one year's target or actual from the text typed in its cell; empty
/// text clears it, invalid text saves nothing.
#[tauri::command]
pub fn indicator_set(
    state: State<'_, AppState>,
    code: String,
    year: i32,
    figure: IndicatorFigure,
    text: String,
) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| session::set_indicator_figure(tx, &code, year, figure, &text)))
}

#[tauri::command]
pub fn people_list(state: State<'_, AppState>) -> AppResult<Vec<Person>> {
    state.with_plan(|p| p.read(people::list))
}

#[tauri::command]
pub fn organisations_list(state: State<'_, AppState>) -> AppResult<Vec<Organisation>> {
    state.with_plan(|p| p.read(organisations::list))
}

#[tauri::command]
pub fn person_add(
    state: State<'_, AppState>,
    name: String,
    role: Option<String>,
    organisation: Option<Id>,
) -> AppResult<Id> {
    let role = role.filter(|r| !r.trim().is_empty());
    state.with_plan(|p| p.write(|tx| people::insert(tx, &name, role.as_deref(), organisation)))
}

#[tauri::command]
pub fn organisation_add(state: State<'_, AppState>, name: String, kind: OrgKind) -> AppResult<Id> {
    state.with_plan(|p| p.write(|tx| organisations::insert(tx, &name, kind)))
}

#[tauri::command]
pub fn glossary_list(state: State<'_, AppState>) -> AppResult<Vec<GlossaryTerm>> {
    state.with_plan(|p| p.read(glossary::list))
}

#[tauri::command]
pub fn glossary_add(state: State<'_, AppState>, term: String, definition: String) -> AppResult<Id> {
    state.with_plan(|p| p.write(|tx| glossary::insert(tx, &term, &definition)))
}
