//! The `chapters` table.

use rusqlite::{params, Connection, OptionalExtension};

use super::error::{Result, StoreError};
use super::ordering::Ordered;
use crate::model::{Chapter, Id, ValidationError};

const ORDER: Ordered = Ordered {
    table: "chapters",
    scope: None,
};

pub fn list(conn: &Connection) -> Result<Vec<Chapter>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, title, numbered FROM chapters ORDER BY position, id")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Chapter {
                id: r.get(0)?,
                title: r.get(1)?,
                numbered: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: Id) -> Result<Chapter> {
    conn.query_row(
        "SELECT id, title, numbered FROM chapters WHERE id = ?1",
        [id],
        |r| {
            Ok(Chapter {
                id: r.get(0)?,
                title: r.get(1)?,
                numbered: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| StoreError::missing("chapter", id))
}

/// Adds an empty chapter at 1-based position `at` (None: at the end).
pub fn add(conn: &Connection, title: &str, numbered: bool, at: Option<usize>) -> Result<Id> {
    let title = valid_title(title)?;
    let position = ORDER.make_room(conn, at, "chapter")?;
    conn.execute(
        "INSERT INTO chapters (position, title, numbered) VALUES (?1, ?2, ?3)",
        params![position, title, numbered],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn rename(conn: &Connection, id: Id, title: &str) -> Result<()> {
    let title = valid_title(title)?;
    get(conn, id)?;
    conn.execute(
        "UPDATE chapters SET title = ?1 WHERE id = ?2",
        params![title, id],
    )?;
    Ok(())
}

pub fn set_numbered(conn: &Connection, id: Id, numbered: bool) -> Result<()> {
    get(conn, id)?;
    conn.execute(
        "UPDATE chapters SET numbered = ?1 WHERE id = ?2",
        params![numbered, id],
    )?;
    Ok(())
}

/// Moves a chapter to 1-based position `to`.
pub fn move_to(conn: &Connection, id: Id, to: usize) -> Result<()> {
    ORDER.move_to(conn, id, to, "chapter")
}

/// Deletes a chapter with its sections and blocks.
pub fn delete(conn: &Connection, id: Id) -> Result<()> {
    get(conn, id)?;
    conn.execute("DELETE FROM chapters WHERE id = ?1", [id])?;
    ORDER.compact(conn)
}

fn valid_title(title: &str) -> Result<&str> {
    let t = title.trim();
    if t.is_empty() {
        return Err(ValidationError::new("title", "a chapter needs a title").into());
    }
    Ok(t)
}
