//! The binder: chapters and sections.

use planwright::model::{Id, OutlineChapter};
use planwright::store::{chapters, outline, sections};
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;

#[tauri::command]
pub fn outline_get(state: State<'_, AppState>) -> AppResult<Vec<OutlineChapter>> {
    state.with_plan(|p| p.read(outline::outline))
}

#[tauri::command]
pub fn chapter_add(state: State<'_, AppState>, title: String, numbered: bool) -> AppResult<Id> {
    state.with_plan(|p| p.write(|tx| chapters::add(tx, &title, numbered, None)))
}

#[tauri::command]
pub fn chapter_rename(state: State<'_, AppState>, id: Id, title: String) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| chapters::rename(tx, id, &title)))
}

/// Moves a chapter to 1-based position `to`.
#[tauri::command]
pub fn chapter_move(state: State<'_, AppState>, id: Id, to: usize) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| chapters::move_to(tx, id, to)))
}

#[tauri::command]
pub fn chapter_delete(state: State<'_, AppState>, id: Id) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| chapters::delete(tx, id)))
}

#[tauri::command]
pub fn section_add(state: State<'_, AppState>, chapter: Id, title: String) -> AppResult<Id> {
    state.with_plan(|p| p.write(|tx| sections::add(tx, chapter, Some(&title), None)))
}

#[tauri::command]
pub fn section_rename(state: State<'_, AppState>, id: Id, title: String) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| sections::rename(tx, id, Some(&title))))
}

/// Moves a section to 1-based position `to` in `chapter`.
#[tauri::command]
pub fn section_move(state: State<'_, AppState>, id: Id, chapter: Id, to: usize) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| sections::move_to(tx, id, chapter, to)))
}

#[tauri::command]
pub fn section_delete(state: State<'_, AppState>, id: Id) -> AppResult<()> {
    state.with_plan(|p| p.write(|tx| sections::delete(tx, id)))
}
