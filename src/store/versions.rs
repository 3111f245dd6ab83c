//! The `versions` table (format 5): immutable snapshots of the whole plan.
//! A version's content is the plan as a bundle ([`Bundle`]: chapters,
//! sections, actions, indicators, reports…) in canonical JSON, deflated;
//! its SHA-256 is taken of that JSON, kept beside it and checked whenever
//! it is read, so a version changed behind Planwright's back is named, not
//! trusted.

use std::io::{Read as _, Write as _};

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::bundle;
use super::error::{Result, StoreError};
use super::migrate::LATEST_VERSION;
use crate::model::version::{Version, VersionStage};
use crate::model::{Bundle, Id, ValidationError};

/// The most bytes a version's content may take unpacked, and packed: a
/// plan from someone else is never inflated past these.
pub const MAX_CONTENT_BYTES: u64 = 256 << 20;
const MAX_STORED_BYTES: i64 = 64 << 20;

/// The SHA-256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The plan as it is now, as a version's content: the canonical JSON of
/// its bundle. Refused if any part of the plan cannot be kept whole.
pub fn content(conn: &Connection) -> Result<Vec<u8>> {
    Ok(serde_json::to_vec(&current(conn)?).expect("bundles serialise"))
}

/// The plan as it is now as one bundle, as a version keeps it. Refused if
/// any part of the plan cannot be kept whole.
pub fn current(conn: &Connection) -> Result<Bundle> {
    let dump = bundle::dump(conn, LATEST_VERSION)?;
    if let Some(first) = dump.left_out.first() {
        return Err(StoreError::Refused(format!(
            "the plan cannot be kept as a version while part of it cannot be read ({first}{}); \
             make a clean copy with planwright repair",
            match dump.left_out.len() {
                1 => String::new(),
                n => format!(", and {} more", n - 1),
            }
        )));
    }
    Ok(dump.bundle)
}

/// Keeps the plan as it is now as a new version; returns it.
pub fn snapshot(
    conn: &Connection,
    stage: VersionStage,
    name: &str,
    created: &str,
) -> Result<Version> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(
            ValidationError::new("name", "a version needs a name of 1 to 200 characters").into(),
        );
    }
    let json = content(conn)?;
    let sha256 = sha256_hex(&json);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    z.write_all(&json).expect("writing to memory does not fail");
    let packed = z.finish().expect("writing to memory does not fail");
    conn.execute(
        "INSERT INTO versions (stage, name, created, sha256, size, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            stage.as_str(),
            name,
            created,
            sha256,
            json.len() as i64,
            packed
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

const COLUMNS: &str = "id, stage, name, created, sha256, size";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Id, String, String, String, String, i64)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn version(row: (Id, String, String, String, String, i64)) -> Result<Version> {
    let (id, stage, name, created, sha256, size) = row;
    let stage = stage.parse().map_err(|e: String| {
        StoreError::Refused(format!("version {id} cannot be read: its stage: {e}"))
    })?;
    Ok(Version {
        id,
        stage,
        name,
        created,
        sha256,
        size: size.max(0) as u64,
    })
}

/// The plan's versions, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Version>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM versions ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|r| version(r?)).collect()
}

pub fn get(conn: &Connection, id: Id) -> Result<Version> {
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM versions WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::missing("version", id))?;
    version(row)
}

/// Version `id` and its content, unpacked within [`MAX_CONTENT_BYTES`],
/// checked against its fingerprint and read as a bundle.
pub fn bundle_of(conn: &Connection, id: Id) -> Result<(Version, Bundle)> {
    let v = get(conn, id)?;
    let bad = |why: String| {
        StoreError::Refused(format!(
            "version {id} (\"{}\") cannot be read: {why}",
            v.name
        ))
    };
    let packed: Option<Vec<u8>> = conn.query_row(
        "SELECT CASE WHEN length(content) <= ?2 THEN content END FROM versions WHERE id = ?1",
        params![id, MAX_STORED_BYTES],
        |r| r.get(0),
    )?;
    let packed = packed.ok_or_else(|| bad("it is larger than 64 MB".into()))?;
    let mut json = Vec::new();
    flate2::read::ZlibDecoder::new(packed.as_slice())
        .take(MAX_CONTENT_BYTES + 1)
        .read_to_end(&mut json)
        .map_err(|e| bad(format!("its content is damaged ({e})")))?;
    if json.len() as u64 > MAX_CONTENT_BYTES {
        return Err(bad("its content unpacks past 256 MB".into()));
    }
    if sha256_hex(&json) != v.sha256 {
        return Err(bad(
            "its content does not match its fingerprint (SHA-256): it was changed after it was kept"
                .into(),
        ));
    }
    let b: Bundle = serde_json::from_slice(&json).map_err(|e| bad(e.to_string()))?;
    Ok((v, b))
}

/// Copies every version of a plan of format `format` into another plan
/// (a repair), as kept: each is checked against its fingerprint when it is
/// next read. Returns how many.
pub(super) fn copy_all(from: &Connection, format: i64, to: &Connection) -> Result<usize> {
    if format < 5 {
        return Ok(0);
    }
    let mut rows = from.prepare(
        "SELECT id, stage, name, created, sha256, size, content FROM versions
         WHERE length(content) <= ?1 ORDER BY id",
    )?;
    let mut insert = to.prepare(
        "INSERT INTO versions (id, stage, name, created, sha256, size, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut n = 0;
    let mut found = rows.query([MAX_STORED_BYTES])?;
    while let Some(r) = found.next()? {
        let stage: String = r.get(1)?;
        if stage.parse::<VersionStage>().is_err() {
            continue;
        }
        insert.execute(params![
            r.get::<_, Id>(0)?,
            stage,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, Vec<u8>>(6)?,
        ])?;
        n += 1;
    }
    Ok(n)
}
