//! The binder: chapters and sections.

use planwright::api;
use planwright::api::stale::{self, Changed};
use planwright::model::{Id, OutlineChapter};

use crate::error::AppResult;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn outline_get(state: ThisWindow<'_>) -> AppResult<Vec<OutlineChapter>> {
    state.with_plan(|p| api::outline::outline(p))
}

#[tauri::command(async)]
pub fn chapter_add(state: ThisWindow<'_>, title: String, numbered: bool) -> AppResult<Changed<Id>> {
    state.change(stale::OUTLINE, |p| {
        api::outline::add_chapter(p, &title, numbered, None)
    })
}

#[tauri::command(async)]
pub fn chapter_rename(state: ThisWindow<'_>, id: Id, title: String) -> AppResult<Changed<()>> {
    state.change(stale::OUTLINE, |p| {
        api::outline::rename_chapter(p, id, &title)
    })
}

/// Moves a chapter to 1-based position `to`.
#[tauri::command(async)]
pub fn chapter_move(state: ThisWindow<'_>, id: Id, to: usize) -> AppResult<Changed<()>> {
    state.change(stale::OUTLINE, |p| api::outline::move_chapter(p, id, to))
}

/// Deletes a chapter; the UI has asked the user first.
#[tauri::command(async)]
pub fn chapter_delete(state: ThisWindow<'_>, id: Id) -> AppResult<Changed<()>> {
    state.change(stale::OUTLINE_DELETE, |p| {
        api::outline::delete_chapter(p, id, true)
    })
}

#[tauri::command(async)]
pub fn section_add(state: ThisWindow<'_>, chapter: Id, title: String) -> AppResult<Changed<Id>> {
    state.change(stale::OUTLINE, |p| {
        api::outline::add_section(p, chapter, Some(&title))
    })
}

#[tauri::command(async)]
pub fn section_rename(state: ThisWindow<'_>, id: Id, title: String) -> AppResult<Changed<()>> {
    state.change(stale::OUTLINE, |p| {
        api::outline::rename_section(p, id, Some(&title))
    })
}

/// Moves a section to 1-based position `to` in `chapter`.
#[tauri::command(async)]
pub fn section_move(
    state: ThisWindow<'_>,
    id: Id,
    chapter: Id,
    to: usize,
) -> AppResult<Changed<()>> {
    state.change(stale::OUTLINE, |p| {
        api::outline::move_section(p, id, chapter, to)
    })
}

#[tauri::command(async)]
pub fn section_delete(state: ThisWindow<'_>, id: Id) -> AppResult<Changed<()>> {
    state.change(stale::OUTLINE_DELETE, |p| {
        api::outline::delete_section(p, id)
    })
}
