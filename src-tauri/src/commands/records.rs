//! Indicators, people, organisations and the glossary.

use planwright::model::{GlossaryTerm, Id, Indicator, IndicatorFilter, Organisation, Person};
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

#[tauri::command]
pub fn people_list(state: State<'_, AppState>) -> AppResult<Vec<Person>> {
    state.with_plan(|p| p.read(people::list))
}

#[tauri::command]
pub fn organisations_list(state: State<'_, AppState>) -> AppResult<Vec<Organisation>> {
    state.with_plan(|p| p.read(organisations::list))
}

#[tauri::command]
pub fn glossary_list(state: State<'_, AppState>) -> AppResult<Vec<GlossaryTerm>> {
    state.with_plan(|p| p.read(glossary::list))
}

#[tauri::command]
pub fn glossary_add(state: State<'_, AppState>, term: String, definition: String) -> AppResult<Id> {
    state.with_plan(|p| p.write(|tx| glossary::insert(tx, &term, &definition)))
}
