//! The .plan file: one SQLite database per plan, with embedded migrations.
//!
//! Opening checks what the file is before anything is written to it, so a
//! file that is not a plan (or is a plan from a newer version) is left
//! byte-for-byte as it was. Every user action is one transaction.

mod columns;
mod error;
mod migrate;
mod ordering;
mod reference;

pub mod actions;
pub mod assets;
pub mod blocks;
pub mod bundle;
pub mod chapters;
pub mod frameworks;
pub mod glossary;
pub mod indicators;
pub mod notes;
pub mod organisations;
pub mod outline;
pub mod people;
pub mod plan_info;
pub mod priorities;
pub mod sections;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use error::{Result, StoreError};
pub use migrate::LATEST_VERSION;

use crate::model::Bundle;

/// "PlWr": marks an SQLite file as a Planwright plan (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x506C_5772;

/// How long to wait for another program's lock before saying the file is in use.
const BUSY_TIMEOUT: Duration = Duration::from_millis(1500);

/// An open plan file.
pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for PlanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanFile")
            .field("path", &self.path)
            .finish()
    }
}

impl PlanFile {
    /// Opens an existing plan, upgrading its schema if it is older.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        check_header(&path)?;
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| classify(e, &path))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| classify(e, &path))?;

        // Only reads until we know this is a plan we can handle.
        let app_id: i32 = conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| classify(e, &path))?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::NotAPlan(path));
        }
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| classify(e, &path))?;
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path,
                found: version,
                supported: LATEST_VERSION,
            });
        }
        integrity_check(&conn, &path)?;

        let mut plan = PlanFile { conn, path };
        plan.configure()?;
        if version < LATEST_VERSION {
            let path = plan.path.clone();
            migrate::apply(&mut plan.conn, version).map_err(|e| e.at(&path))?;
        }
        Ok(plan)
    }

    /// Creates a new plan file holding `bundle`. The file appears only once
    /// it is complete: it is built beside the target and renamed into place.
    pub fn create(path: impl AsRef<Path>, bundle: &Bundle) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        if path.exists() {
            return Err(StoreError::AlreadyExists(path));
        }
        let tmp = temp_path_for(&path);
        let _ = std::fs::remove_file(&tmp);
        let build = || -> Result<()> {
            let mut conn = Connection::open(&tmp).map_err(|e| classify(e, &path))?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            conn.pragma_update(None, "foreign_keys", true)?;
            migrate::apply(&mut conn, 0).map_err(|e| e.at(&path))?;
            let tx = conn.transaction()?;
            reference::seed(&tx)?;
            bundle::load(&tx, bundle)?;
            tx.commit()?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.close().map_err(|(_, e)| classify(e, &path))?;
            Ok(())
        };
        if let Err(e) = build() {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
        if path.exists() {
            let _ = std::fs::remove_file(&tmp);
            return Err(StoreError::AlreadyExists(path));
        }
        std::fs::rename(&tmp, &path).map_err(|source| StoreError::Io {
            path: path.clone(),
            source,
        })?;
        Self::open(&path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs one user action as one transaction. It takes the write lock at
    /// the start, so a plan in use elsewhere is reported before any work.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let run = |conn: &mut Connection| -> Result<T> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            plan_info::touch(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run(&mut self.conn).map_err(|e| e.at(&path))
    }

    /// Runs reads that must see one consistent state.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        let run = || -> Result<T> {
            let tx = self.conn.unchecked_transaction()?;
            let out = f(&tx)?;
            tx.finish()?;
            Ok(out)
        };
        run().map_err(|e| e.at(&path))
    }

    /// Runs SQLite's full integrity check.
    pub fn integrity_check(&self) -> Result<()> {
        integrity_check(&self.conn, &self.path)
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        let set = |conn: &Connection| -> rusqlite::Result<()> {
            conn.pragma_update(None, "foreign_keys", true)?;
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            debug_assert_eq!(mode.to_ascii_lowercase(), "wal");
            // NORMAL in WAL mode: a committed edit survives the app being
            // killed or crashing, and the file is never corrupted; only a
            // power cut can lose the last moments' edits. FULL would fsync
            // on every keystroke-driven save (p99 > 10 ms here).
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            Ok(())
        };
        set(&self.conn).map_err(|e| classify(e, &path))
    }
}

impl StoreError {
    /// Turns a raw SQLite failure into the file-level error it really is.
    fn at(self, path: &Path) -> StoreError {
        match self {
            StoreError::Sqlite(e) => classify(e, path),
            other => other,
        }
    }
}

fn classify(e: rusqlite::Error, path: &Path) -> StoreError {
    let path = path.to_path_buf();
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked(path),
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Damaged {
            path,
            detail: e.to_string(),
        },
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite {
            path,
            detail: String::new(),
        },
        Some(ErrorCode::CannotOpen) => StoreError::Io {
            path,
            source: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "cannot be opened for writing",
            ),
        },
        Some(ErrorCode::ReadOnly) => StoreError::Io {
            path,
            source: std::io::Error::new(std::io::ErrorKind::PermissionDenied, "is read-only"),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// Reads the first 100 bytes (SQLite's header) without opening the database.
fn check_header(path: &Path) -> Result<()> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
        _ => StoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if meta.is_dir() {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
            detail: "; it is a folder".into(),
        });
    }
    let mut header = Vec::with_capacity(100);
    File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    const MAGIC: &[u8] = b"SQLite format 3\0";
    if header.is_empty() {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
            detail: "; it is empty".into(),
        });
    }
    if !header.starts_with(MAGIC) {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
            detail: String::new(),
        });
    }
    if header.len() < 100 {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: "it is cut short".into(),
        });
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotAPlan(path.to_path_buf()));
    }
    // A database is a whole number of pages; anything else was cut short.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => n as u64,
    };
    if page_size == 0 || meta.len() % page_size != 0 {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: "it is cut short".into(),
        });
    }
    Ok(())
}

fn integrity_check(conn: &Connection, path: &Path) -> Result<()> {
    let mut stmt = conn
        .prepare("PRAGMA integrity_check")
        .map_err(|e| classify(e, path))?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| classify(e, path))?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    let mut detail = problems.into_iter().take(3).collect::<Vec<_>>().join("; ");
    if detail.is_empty() {
        detail = "integrity check failed".into();
    }
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    })
}

fn temp_path_for(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".creating");
    path.with_file_name(name)
}
