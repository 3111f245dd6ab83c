//! The `sections` table.

use rusqlite::{params, Connection, OptionalExtension};

use super::error::{Result, StoreError};
use super::ordering::Ordered;
use crate::model::{Id, Section};

fn order(chapter: Id) -> Ordered {
    Ordered {
        table: "sections",
        scope: Some(("chapter_id", chapter)),
    }
}

pub fn list(conn: &Connection, chapter: Id) -> Result<Vec<Section>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, chapter_id, title FROM sections WHERE chapter_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt
        .query_map([chapter], |r| {
            Ok(Section {
                id: r.get(0)?,
                chapter: r.get(1)?,
                title: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: Id) -> Result<Section> {
    conn.query_row(
        "SELECT id, chapter_id, title FROM sections WHERE id = ?1",
        [id],
        |r| {
            Ok(Section {
                id: r.get(0)?,
                chapter: r.get(1)?,
                title: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::missing("section", id))
}

/// Adds a section to a chapter at 1-based `at` (None: the end).
pub fn add(conn: &Connection, chapter: Id, title: Option<&str>, at: Option<usize>) -> Result<Id> {
    super::chapters::get(conn, chapter)?;
    let position = order(chapter).make_room(conn, at, "section")?;
    conn.execute(
        "INSERT INTO sections (chapter_id, position, title) VALUES (?1, ?2, ?3)",
        params![chapter, position, clean(title)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn rename(conn: &Connection, id: Id, title: Option<&str>) -> Result<()> {
    get(conn, id)?;
    conn.execute(
        "UPDATE sections SET title = ?1 WHERE id = ?2",
        params![clean(title), id],
    )?;
    Ok(())
}

/// Moves a section to 1-based position `to` in `chapter` (its own or another).
pub fn move_to(conn: &Connection, id: Id, chapter: Id, to: usize) -> Result<()> {
    let s = get(conn, id)?;
    super::chapters::get(conn, chapter)?;
    if s.chapter != chapter {
        let end = order(chapter).make_room(conn, None, "section")?;
        conn.execute(
            "UPDATE sections SET chapter_id = ?1, position = ?2 WHERE id = ?3",
            params![chapter, end, id],
        )?;
        order(s.chapter).compact(conn)?;
    }
    order(chapter).move_to(conn, id, to, "section")
}

pub fn delete(conn: &Connection, id: Id) -> Result<()> {
    let s = get(conn, id)?;
    conn.execute("DELETE FROM sections WHERE id = ?1", [id])?;
    order(s.chapter).compact(conn)
}

fn clean(title: Option<&str>) -> Option<&str> {
    title.map(str::trim).filter(|t| !t.is_empty())
}
