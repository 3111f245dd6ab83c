//! A section's content as the editor reads and saves it.

use planwright::api::stale::{self, Changed};
use planwright::api::{self, sections::SectionView};
use planwright::model::Id;
use serde_json::Value;

use crate::error::AppResult;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn section_get(state: ThisWindow<'_>, id: Id) -> AppResult<SectionView> {
    state.with_plan(|p| api::sections::get(p, id))
}

/// Saves the editor's document for a section: all of it or, if any part is
/// invalid, none of it. `base` is the version the editor started from; a
/// section saved since by someone else is refused with `conflict`.
#[tauri::command(async)]
pub fn section_save(
    state: ThisWindow<'_>,
    id: Id,
    doc: Value,
    base: String,
) -> AppResult<Changed<SectionView>> {
    state.change(stale::SECTION_SAVE, |p| {
        api::sections::save(p, id, &doc, Some(&base))
    })
}

/// After a conflict: the section as now saved, with `doc` kept in a box at
/// its end.
#[tauri::command(async)]
pub fn section_recover(
    state: ThisWindow<'_>,
    id: Id,
    doc: Value,
) -> AppResult<Changed<SectionView>> {
    state.change(stale::SECTION_SAVE, |p| api::sections::recover(p, id, &doc))
}
