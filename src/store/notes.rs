//! The `notes` table: references and endnotes.

use rusqlite::{params, Connection, Row};

use super::error::Result;
use crate::model::{Id, Note};

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, label, text, url";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        label: r.get(1)?,
        text: r.get(2)?,
        url: r.get(3)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM notes ORDER BY position, id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn insert(conn: &Connection, label: &str, text: &str, url: Option<&str>) -> Result<Id> {
    let position: i64 = conn.query_row("SELECT count(*) FROM notes", [], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO notes (position, label, text, url) VALUES (?1, ?2, ?3, ?4)",
        params![position, label, text, url],
    )?;
    Ok(conn.last_insert_rowid())
}
