//! The actions grid and the data blocks that show actions.

use planwright::model::{ActionFilter, ActionView, Framework, Id};
use planwright::session::{self, ActionField};
use planwright::store::{actions, frameworks};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
pub fn actions_list(
    state: State<'_, AppState>,
    filter: ActionFilter,
) -> AppResult<Vec<ActionView>> {
    state.with_plan(|p| p.read(|c| actions::list(c, &filter)))
}

#[tauri::command]
pub fn action_add(
    state: State<'_, AppState>,
    activity: String,
    objective: Option<String>,
) -> AppResult<Id> {
    state.with_plan(|p| p.write(|tx| session::add_action(tx, &activity, objective.as_deref())))
}

/// Sets one field from the text typed in its cell; invalid text saves nothing.
#[tauri::command]
pub fn action_set(
    state: State<'_, AppState>,
    id: Id,
    field: ActionField,
    text: String,
) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| session::set_action_field(tx, id, field, &text)))
}

#[tauri::command]
pub fn action_delete(state: State<'_, AppState>, id: Id) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| actions::delete(tx, id)))
}

#[tauri::command]
pub fn frameworks_list(state: State<'_, AppState>) -> AppResult<Vec<Framework>> {
    state.with_plan(|p| p.read(frameworks::list))
}
