//! The actions grid and the data blocks that show actions.

use planwright::api::stale::{self, Changed};
use planwright::api::{self, actions::ActionField};
use planwright::model::{ActionFilter, ActionView, Framework, Id};

use crate::error::AppResult;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn actions_list(state: ThisWindow<'_>, filter: ActionFilter) -> AppResult<Vec<ActionView>> {
    state.with_plan(|p| api::actions::list(p, &filter))
}

/// Adds an action with its activity (and objective, if given).
#[tauri::command(async)]
pub fn action_add(
    state: ThisWindow<'_>,
    activity: String,
    objective: Option<String>,
) -> AppResult<Changed<ActionView>> {
    let mut fields = vec![(ActionField::Activity, activity)];
    fields.extend(objective.map(|o| (ActionField::Objective, o)));
    state.change(stale::ACTIONS, |p| api::actions::add(p, &fields))
}

/// Sets one field from the text typed in its cell and returns the action
/// as it now is; invalid text saves nothing.
#[tauri::command(async)]
pub fn action_set(
    state: ThisWindow<'_>,
    id: Id,
    field: ActionField,
    text: String,
) -> AppResult<Changed<ActionView>> {
    state.change(stale::ACTION_FIELD, |p| {
        api::actions::set(p, id, field, &text)
    })
}

#[tauri::command(async)]
pub fn action_delete(state: ThisWindow<'_>, id: Id) -> AppResult<Changed<()>> {
    state.change(stale::ACTIONS, |p| api::actions::delete(p, id))
}

#[tauri::command(async)]
pub fn frameworks_list(state: ThisWindow<'_>) -> AppResult<Vec<Framework>> {
    state.with_plan(|p| api::actions::frameworks(p))
}
