//! The `glossary` table.

use rusqlite::{params, Connection, Row};

use super::error::{Result, StoreError};
use crate::model::{GlossaryTerm, Id, ValidationError};

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, term, definition";

fn from_row(r: &Row<'_>) -> rusqlite::Result<GlossaryTerm> {
    Ok(GlossaryTerm {
        id: r.get(0)?,
        term: r.get(1)?,
        definition: r.get(2)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<GlossaryTerm>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM glossary ORDER BY term COLLATE NOCASE"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn insert(conn: &Connection, term: &str, definition: &str) -> Result<Id> {
    if term.trim().is_empty() {
        return Err(ValidationError::new("term", "must not be empty").into());
    }
    conn.execute(
        "INSERT INTO glossary (term, definition) VALUES (?1, ?2)",
        params![term.trim(), definition.trim()],
    )
    .map_err(|e| {
        StoreError::unless_duplicate(e, || {
            format!("the glossary already defines \"{}\"", term.trim())
        })
    })?;
    Ok(conn.last_insert_rowid())
}
