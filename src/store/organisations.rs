//! The `organisations` table: partner organisations that lead or support actions.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::parsed;
use super::error::{Result, StoreError};
use crate::model::{Id, OrgKind, Organisation, ValidationError};

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, name, kind";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Organisation> {
    Ok(Organisation {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: parsed(r, 2)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Organisation>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM organisations ORDER BY name"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM organisations WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert(conn: &Connection, name: &str, kind: OrgKind) -> Result<Id> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ValidationError::new("organisation", "name must not be empty").into());
    }
    conn.execute(
        "INSERT INTO organisations (name, kind) VALUES (?1, ?2)",
        params![name, kind.as_str()],
    )
    .map_err(|e| {
        StoreError::unless_duplicate(e, || {
            format!("the plan already has an organisation called \"{name}\"")
        })
    })?;
    Ok(conn.last_insert_rowid())
}

/// The organisation of that name, added (as kind "other") if new.
pub fn find_or_add(conn: &Connection, name: &str) -> Result<Id> {
    match find(conn, name)? {
        Some(id) => Ok(id),
        None => insert(conn, name, OrgKind::Other),
    }
}

pub fn name(conn: &Connection, id: Id) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT name FROM organisations WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}
