//! The `priorities` table.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use crate::model::{Id, Priority, ValidationError};

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, code, title, description, laa, outcome_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Priority> {
    Ok(Priority {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        description: r.get(3)?,
        laa: r.get(4)?,
        outcome: r.get(5)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Priority>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM priorities ORDER BY position, id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn insert(conn: &Connection, p: &Priority) -> Result<Id> {
    if p.code.trim().is_empty() {
        return Err(ValidationError::new("code", "a priority needs a code such as P1").into());
    }
    if p.title.trim().is_empty() {
        return Err(ValidationError::new("title", "must not be empty").into());
    }
    if find(conn, &p.code)?.is_some() {
        return Err(StoreError::Refused(format!(
            "a priority with code {} already exists",
            p.code
        )));
    }
    let position: i64 = conn.query_row("SELECT count(*) FROM priorities", [], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO priorities (position, code, title, description, laa, outcome_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![position, p.code.trim(), p.title.trim(), p.description, p.laa, p.outcome],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn find(conn: &Connection, code: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM priorities WHERE code = ?1",
            [code.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

/// A priority by code, or an error listing the codes there are.
pub fn resolve(conn: &Connection, code: &str) -> Result<Id> {
    if let Some(id) = find(conn, code)? {
        return Ok(id);
    }
    let codes: Vec<String> = list(conn)?.into_iter().map(|p| p.code).collect();
    let known = if codes.is_empty() {
        "the plan has no priorities yet".to_owned()
    } else {
        format!("use {}", codes.join(", "))
    };
    Err(ValidationError::new("priority", format!("no priority \"{code}\"; {known}")).into())
}
