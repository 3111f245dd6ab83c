//! The `word_template` table (format 3): the plan's Word template, a .docx
//! kept inside the plan so every Word export of it, on any machine, has the
//! authority's styles. What makes a template usable is the Word export's
//! business ([`crate::export::docx::Template`]); this keeps the bytes.

use rusqlite::{params, Connection, OptionalExtension};

use super::error::Result;

/// Makes `data` (the file `name`) the plan's Word template.
pub fn set(conn: &Connection, name: &str, data: &[u8]) -> Result<()> {
    conn.execute(
        "INSERT INTO word_template (id, name, data) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, data = excluded.data",
        params![name, data],
    )?;
    Ok(())
}

/// Takes the template off the plan: Word exports use Planwright's styles.
pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM word_template", [])?;
    Ok(())
}

/// The plan's template, if it has one: its name, and its bytes if they
/// are no more than `max` (a plan from someone else may hold a gigabyte
/// there, which is never read into memory).
pub fn get(conn: &Connection, max: u64) -> Result<Option<(String, Option<Vec<u8>>)>> {
    Ok(conn
        .query_row(
            "SELECT name, CASE WHEN length(data) <= ?1 THEN data END FROM word_template
             WHERE id = 1 AND typeof(data) = 'blob' AND typeof(name) = 'text'",
            [i64::try_from(max).unwrap_or(i64::MAX)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The name of the plan's template, without reading its bytes.
pub fn name(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM word_template WHERE id = 1 AND typeof(name) = 'text'",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

/// Copies the template of a plan of format `format` into another plan,
/// if it has one of no more than `max` bytes.
pub(super) fn copy(from: &Connection, format: i64, to: &Connection, max: u64) -> Result<bool> {
    if format < 3 {
        return Ok(false);
    }
    match get(from, max)? {
        Some((name, Some(data))) if !name.trim().is_empty() => {
            set(to, &name, &data)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}
