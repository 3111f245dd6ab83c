//! The `assets` table: images the plan's figures show (read-only here).

use rusqlite::{Connection, OptionalExtension};

use super::error::Result;

/// The MIME type and bytes of an asset, if the plan holds it.
pub fn get(conn: &Connection, id: &str) -> Result<Option<(String, Vec<u8>)>> {
    Ok(conn
        .prepare_cached("SELECT mime, data FROM assets WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}
