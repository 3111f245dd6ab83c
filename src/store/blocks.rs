//! The `blocks` table: a section's content, one row per top-level block.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::Value;

use super::error::{Result, StoreError};
use super::ordering::Ordered;
use crate::model::prosemirror::{block_to_json, parse_block, parse_doc, to_doc};
use crate::model::{Block, Id, Inline, Marks, StoredBlock};

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

/// The columns [`from_row`] reads, in its order; named by table, so that a
/// query joining `sections` can use them.
const COLUMNS: &str = "blocks.id, blocks.section_id, blocks.json";

/// A block's id, its section's id and its stored JSON, not yet parsed.
fn from_row(r: &Row<'_>) -> rusqlite::Result<(Id, Id, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

const SECTION: &str = "FROM blocks WHERE section_id = ?1 ORDER BY position, id";
const CHAPTER: &str = "FROM blocks JOIN sections s ON s.id = blocks.section_id
     WHERE s.chapter_id = ?1 ORDER BY s.position, s.id, blocks.position, blocks.id";

/// The blocks of one section, in order.
pub fn list_section(conn: &Connection, section: Id) -> Result<Vec<StoredBlock>> {
    rows(conn, SECTION, section, Strict)
}

/// The blocks of one section for the editor and the outline: a block that
/// does not fit the schema (a plan altered by hand, or from a newer build)
/// comes as a paragraph saying so and holding its stored JSON as text, so
/// one bad block neither hides the plan nor is lost when the section is
/// saved.
pub fn list_section_salvaged(conn: &Connection, section: Id) -> Result<Vec<StoredBlock>> {
    rows(conn, SECTION, section, Salvage)
}

/// The blocks of a whole chapter, section by section, in order (salvaged
/// as for the editor: they only feed numbering and counts).
pub fn list_chapter(conn: &Connection, chapter: Id) -> Result<Vec<StoredBlock>> {
    rows(conn, CHAPTER, chapter, Salvage)
}

#[derive(Clone, Copy, PartialEq)]
enum Reading {
    Strict,
    Salvage,
}
use Reading::{Salvage, Strict};

/// The rows `SELECT COLUMNS {from}` finds, `from` taking `key` as ?1.
fn raw(conn: &Connection, from: &str, key: Id) -> rusqlite::Result<Vec<(Id, Id, String)>> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} {from}"))?
        .query_map([key], from_row)?
        .collect()
}

/// The rows of one section's blocks, in order, their JSON not yet parsed
/// (`repair` parses them itself, to name each one that does not fit).
pub(super) fn section_rows(
    conn: &Connection,
    section: Id,
) -> rusqlite::Result<Vec<(Id, Id, String)>> {
    raw(conn, SECTION, section)
}

fn rows(conn: &Connection, from: &str, key: Id, reading: Reading) -> Result<Vec<StoredBlock>> {
    let mut out = Vec::new();
    for (id, section, json) in raw(conn, from, key)? {
        match row_to_block(id, section, &json) {
            Ok(b) => out.push(b),
            Err(e) if reading == Salvage => out.push(StoredBlock {
                id,
                section,
                block: unreadable(&e, json),
            }),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A paragraph standing in for a block that could not be read.
fn unreadable(e: &StoreError, json: String) -> Block {
    let text = |text: String| Inline::Text {
        text,
        marks: Marks::default(),
    };
    Block::Paragraph {
        numbered: false,
        content: vec![
            text(format!(
                "[This block could not be read ({e}). What the file holds follows as text; \
                 mend it or delete it.]"
            )),
            Inline::HardBreak,
            text(json),
        ],
    }
}

pub fn get(conn: &Connection, id: Id) -> Result<StoredBlock> {
    let (id, section, json) = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM blocks WHERE id = ?1"))?
        .query_row([id], from_row)
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
    let blocks: Vec<Block> = list_section_salvaged(conn, section)?
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

/// A fingerprint of a section's stored content, which changes with every
/// save: an editor sends back the one it started from, so a save over
/// someone else's newer edit is caught instead of silently replacing it.
/// (FNV-1a over the rows: stable across builds, cheap, and collisions
/// would need a hostile editor racing the user, which gains nothing.)
pub fn section_version(conn: &Connection, section: Id) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, json FROM blocks WHERE section_id = ?1 ORDER BY position, id",
    )?;
    let mut rows = stmt.query([section])?;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash ^= u64::from(*b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    while let Some(r) = rows.next()? {
        feed(&r.get::<_, i64>(0)?.to_le_bytes());
        feed(r.get_ref(1)?.as_bytes().unwrap_or_default());
        feed(&[0xff]);
    }
    Ok(format!("{hash:016x}"))
}

/// Number of blocks in the whole plan.
pub fn count(conn: &Connection) -> Result<usize> {
    Ok(conn.query_row("SELECT count(*) FROM blocks", [], |r| r.get::<_, i64>(0))? as usize)
}
