//! The `people` table: leads, report authors and contacts.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use crate::model::{Id, Person, ValidationError};

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "id, name, role, organisation_id, email, phone";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: r.get(0)?,
        name: r.get(1)?,
        role: r.get(2)?,
        organisation: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people ORDER BY name"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn find(conn: &Connection, name: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM people WHERE name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn insert(
    conn: &Connection,
    name: &str,
    role: Option<&str>,
    organisation: Option<Id>,
) -> Result<Id> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ValidationError::new("person", "name must not be empty").into());
    }
    conn.execute(
        "INSERT INTO people (name, role, organisation_id) VALUES (?1, ?2, ?3)",
        params![name, role, organisation],
    )
    .map_err(|e| {
        StoreError::unless_duplicate(e, || {
            format!("the plan already has a person called \"{name}\"")
        })
    })?;
    Ok(conn.last_insert_rowid())
}

/// The person of that name, added if new.
pub fn find_or_add(conn: &Connection, name: &str) -> Result<Id> {
    match find(conn, name)? {
        Some(id) => Ok(id),
        None => insert(conn, name, None, None),
    }
}
