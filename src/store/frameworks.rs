//! The `frameworks` and `framework_items` tables: outcomes, objectives and
//! the other reference lists a plan links to.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use crate::model::{Framework, FrameworkItem, Id, ValidationError};

pub fn insert(conn: &Connection, key: &str, name: &str, items: &[(String, String)]) -> Result<Id> {
    let position: i64 = conn.query_row("SELECT count(*) FROM frameworks", [], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO frameworks (key, name, position) VALUES (?1, ?2, ?3)",
        params![key, name, position],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            StoreError::Refused(format!("a framework with key \"{key}\" already exists"))
        }
        _ => e.into(),
    })?;
    let id = conn.last_insert_rowid();
    insert_items(conn, id, key, items)?;
    Ok(id)
}

/// Replaces the items of framework `key` with `items` (code, title), in
/// their order. Only for lists nothing links to by item: the readiness
/// checklist's required contents and consultees.
pub fn replace_items(conn: &Connection, key: &str, items: &[(String, String)]) -> Result<()> {
    let id: Id = conn
        .query_row("SELECT id FROM frameworks WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::Refused(format!("the plan has no list \"{key}\"")))?;
    conn.execute("DELETE FROM framework_items WHERE framework_id = ?1", [id])?;
    insert_items(conn, id, key, items)
}

/// Adds `items` (code, title) in their order to framework `id` (`key`).
fn insert_items(conn: &Connection, id: Id, key: &str, items: &[(String, String)]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO framework_items (framework_id, position, code, title) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, (code, title)) in items.iter().enumerate() {
        stmt.execute(params![id, i as i64, code, title])
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Refused(format!(
                    "framework \"{key}\" has item code \"{code}\" twice"
                )),
                _ => e.into(),
            })?;
    }
    Ok(())
}

/// The `frameworks` columns [`framework_from_row`] reads, in its order.
const FRAMEWORK_COLUMNS: &str = "id, key, name";

/// A framework without its items.
fn framework_from_row(r: &Row<'_>) -> rusqlite::Result<Framework> {
    Ok(Framework {
        id: r.get(0)?,
        key: r.get(1)?,
        name: r.get(2)?,
        items: Vec::new(),
    })
}

/// The `framework_items` columns [`item_from_row`] reads, in its order.
const ITEM_COLUMNS: &str = "id, code, title";

fn item_from_row(r: &Row<'_>) -> rusqlite::Result<FrameworkItem> {
    Ok(FrameworkItem {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<Framework>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {FRAMEWORK_COLUMNS} FROM frameworks ORDER BY position, id"
    ))?;
    let mut frameworks = stmt
        .query_map([], framework_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut items = conn.prepare_cached(&format!(
        "SELECT {ITEM_COLUMNS} FROM framework_items WHERE framework_id = ?1 ORDER BY position, id"
    ))?;
    for f in &mut frameworks {
        f.items = items
            .query_map([f.id], item_from_row)?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(frameworks)
}

/// The item `code` of framework `key`, if both exist.
pub fn find_item(conn: &Connection, key: &str, code: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT i.id FROM framework_items i JOIN frameworks f ON f.id = i.framework_id
             WHERE f.key = ?1 AND i.code = ?2 COLLATE NOCASE",
            params![key, code],
            |r| r.get(0),
        )
        .optional()?)
}

/// Resolves a user's reference to an objective or outcome: "KEY/CODE", or a
/// bare CODE in `default_key`. The error lists what would have been valid.
pub fn resolve_item(
    conn: &Connection,
    field: &str,
    reference: &str,
    default_key: &str,
) -> Result<Id> {
    let reference = reference.trim();
    let (key, code) = match reference.split_once('/') {
        Some((k, c)) => (k.trim(), c.trim()),
        None => (default_key, reference),
    };
    if let Some(id) = find_item(conn, key, code)? {
        return Ok(id);
    }
    let frameworks = list(conn)?;
    let problem = match frameworks.iter().find(|f| f.key == key) {
        Some(f) => format!(
            "\"{reference}\" is not one of {}: use {}",
            f.name,
            f.items
                .iter()
                .map(|i| i.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!(
            "no framework \"{key}\"; the plan has {}",
            frameworks
                .iter()
                .map(|f| f.key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(ValidationError::new(field, problem).into())
}

/// The framework most of the plan's actions link to (else DCSF objectives):
/// bare objective codes are read in it.
pub fn action_framework(conn: &Connection) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT f.key FROM actions a JOIN framework_items i ON i.id = a.objective_id
             JOIN frameworks f ON f.id = i.framework_id
             GROUP BY f.key ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| "dcsf_objectives".to_owned()))
}
