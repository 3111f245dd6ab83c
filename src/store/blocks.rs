//! The `blocks` table: a section's content, one row per top-level block.

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::error::{Result, StoreError};
use super::ordering::Ordered;
use crate::model::prosemirror::{block_to_json, parse_block, parse_doc, to_doc};
use crate::model::{Block, Id, StoredBlock};

fn order(section: Id) -> Ordered {
    Ordered {
        table: "blocks",
        scope: Some(("section_id", section)),
    }
}

fn row_to_block(id: Id, section: Id, json: &str) -> Result<StoredBlock> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| StoreError::Refused(format!("block {id} is not valid JSON: {e}")))?;
    let block = parse_block(&value, &format!("block {id}"))?;
    Ok(StoredBlock { id, section, block })
}

/// The blocks of one section, in order.
pub fn list_section(conn: &Connection, section: Id) -> Result<Vec<StoredBlock>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, section_id, json FROM blocks WHERE section_id = ?1 ORDER BY position, id",
    )?;
    let mut rows = stmt.query([section])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row_to_block(r.get(0)?, r.get(1)?, &r.get::<_, String>(2)?)?);
    }
    Ok(out)
}

/// The blocks of a whole chapter, section by section, in order.
pub fn list_chapter(conn: &Connection, chapter: Id) -> Result<Vec<StoredBlock>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.section_id, b.json FROM blocks b JOIN sections s ON s.id = b.section_id
         WHERE s.chapter_id = ?1 ORDER BY s.position, s.id, b.position, b.id",
    )?;
    let mut rows = stmt.query([chapter])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row_to_block(r.get(0)?, r.get(1)?, &r.get::<_, String>(2)?)?);
    }
    Ok(out)
}

pub fn get(conn: &Connection, id: Id) -> Result<StoredBlock> {
    let (section, json): (Id, String) = conn
        .query_row(
            "SELECT section_id, json FROM blocks WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| StoreError::missing("block", id))?;
    row_to_block(id, section, &json)
}

/// Inserts a block at 1-based `at` in a section (None: the end).
pub fn insert(conn: &Connection, section: Id, at: Option<usize>, block: &Block) -> Result<Id> {
    super::sections::get(conn, section)?;
    let position = order(section).make_room(conn, at, "block")?;
    insert_at(conn, section, position, block)
}

fn insert_at(conn: &Connection, section: Id, position: i64, block: &Block) -> Result<Id> {
    let json = block_to_json(block).to_string();
    conn.prepare_cached(
        "INSERT INTO blocks (section_id, position, kind, json) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![section, position, block.kind_name(), json])?;
    Ok(conn.last_insert_rowid())
}

/// Replaces one block's content.
pub fn update(conn: &Connection, id: Id, block: &Block) -> Result<()> {
    let json = block_to_json(block).to_string();
    let n = conn
        .prepare_cached("UPDATE blocks SET kind = ?1, json = ?2 WHERE id = ?3")?
        .execute(params![block.kind_name(), json, id])?;
    if n == 0 {
        return Err(StoreError::missing("block", id));
    }
    Ok(())
}

/// Replaces one block from the editor's JSON for it, checked against the schema.
pub fn update_json(conn: &Connection, id: Id, node: &Value) -> Result<()> {
    let block = parse_block(node, &format!("block {id}"))?;
    update(conn, id, &block)
}

pub fn delete(conn: &Connection, id: Id) -> Result<()> {
    let b = get(conn, id)?;
    conn.execute("DELETE FROM blocks WHERE id = ?1", [id])?;
    order(b.section).compact(conn)
}

pub fn move_to(conn: &Connection, id: Id, to: usize) -> Result<()> {
    let b = get(conn, id)?;
    order(b.section).move_to(conn, id, to, "block")
}

/// The section as one editor document.
pub fn section_doc(conn: &Connection, section: Id) -> Result<Value> {
    let blocks: Vec<Block> = list_section(conn, section)?
        .into_iter()
        .map(|b| b.block)
        .collect();
    Ok(to_doc(&blocks))
}

/// Replaces a section's content with the editor's document. The whole
/// document is checked first: nothing is written if any part is invalid.
pub fn replace_section(conn: &Connection, section: Id, doc: &Value) -> Result<Vec<Id>> {
    super::sections::get(conn, section)?;
    let blocks = parse_doc(doc)?;
    replace_section_blocks(conn, section, &blocks)
}

pub fn replace_section_blocks(conn: &Connection, section: Id, blocks: &[Block]) -> Result<Vec<Id>> {
    conn.execute("DELETE FROM blocks WHERE section_id = ?1", [section])?;
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| insert_at(conn, section, i as i64, b))
        .collect()
}

/// Number of blocks in the whole plan.
pub fn count(conn: &Connection) -> Result<usize> {
    Ok(conn.query_row("SELECT count(*) FROM blocks", [], |r| r.get::<_, i64>(0))? as usize)
}
