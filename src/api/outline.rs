//! The binder: chapters and their sections, added, renamed, moved and
//! deleted. Chapters and sections are named by id, which stays the same
//! when they move; positions are 1-based.

use super::Result;
use crate::model::{Id, OutlineChapter};
use crate::store::{blocks, chapters, outline as stored, sections, PlanFile, StoreError};

pub fn outline(plan: &PlanFile) -> Result<Vec<OutlineChapter>> {
    Ok(plan.read(stored::outline)?)
}

/// Adds a chapter at position `at` (None: at the end) with one empty
/// untitled section, ready to write in. An unnumbered chapter is front
/// matter, such as a Welcome.
pub fn add_chapter(
    plan: &mut PlanFile,
    title: &str,
    numbered: bool,
    at: Option<usize>,
) -> Result<Id> {
    Ok(plan.edit(|tx| {
        let id = chapters::add(tx, title, numbered, at)?;
        sections::add(tx, id, None, None)?;
        Ok(id)
    })?)
}

pub fn rename_chapter(plan: &mut PlanFile, id: Id, title: &str) -> Result<()> {
    Ok(plan.edit(|tx| chapters::rename(tx, id, title))?)
}

pub fn move_chapter(plan: &mut PlanFile, id: Id, to: usize) -> Result<()> {
    Ok(plan.edit(|tx| chapters::move_to(tx, id, to))?)
}

/// Deletes a chapter with its sections. One that holds content is deleted
/// only if `with_content` says the user agreed to lose it.
pub fn delete_chapter(plan: &mut PlanFile, id: Id, with_content: bool) -> Result<()> {
    Ok(plan.edit(|tx| {
        chapters::get(tx, id)?;
        let content = blocks::list_chapter(tx, id)?.len();
        if content > 0 && !with_content {
            return Err(StoreError::Refused(format!(
                "chapter #{id} has {content} blocks of content; to delete it with them, confirm (--yes on the command line)"
            )));
        }
        chapters::delete(tx, id)
    })?)
}

/// Adds a section at the end of `chapter`.
pub fn add_section(plan: &mut PlanFile, chapter: Id, title: Option<&str>) -> Result<Id> {
    Ok(plan.edit(|tx| sections::add(tx, chapter, title, None))?)
}

pub fn rename_section(plan: &mut PlanFile, id: Id, title: Option<&str>) -> Result<()> {
    Ok(plan.edit(|tx| sections::rename(tx, id, title))?)
}

/// Moves a section to position `to` in `chapter` (its own or another).
pub fn move_section(plan: &mut PlanFile, id: Id, chapter: Id, to: usize) -> Result<()> {
    Ok(plan.edit(|tx| sections::move_to(tx, id, chapter, to))?)
}

pub fn delete_section(plan: &mut PlanFile, id: Id) -> Result<()> {
    Ok(plan.edit(|tx| sections::delete(tx, id))?)
}
