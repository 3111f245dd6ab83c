//! Find and replace across the whole plan.

use planwright::api::stale::{self, Changed};
use planwright::api::{
    self,
    find::{FindQuery, FindResult, Replaced},
};

use crate::error::AppResult;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn find_text(state: ThisWindow<'_>, query: FindQuery) -> AppResult<FindResult> {
    state.with_plan(|p| api::find::find(p, &query))
}

#[tauri::command(async)]
pub fn replace_all(
    state: ThisWindow<'_>,
    query: FindQuery,
    replacement: String,
) -> AppResult<Changed<Replaced>> {
    state.change(stale::REPLACE_ALL, |p| {
        api::find::replace_all(p, &query, &replacement)
    })
}
