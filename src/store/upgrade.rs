//! Upgrading a plan written by an older Planwright. A copy of the file as
//! it was is kept beside it first (`NAME.plan.v1.bak`, the number being the
//! format it had); then the migrations run in one transaction. When the copy
//! cannot be made, nothing is upgraded and the file is left as it was.

use std::ffi::OsString;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::error::{Result, StoreError};
use super::{classify, migrate, plain_name, LATEST_VERSION};

/// What opening a plan of an older format did: the app and the command line
/// tell the user, so they know where the old file is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Upgrade {
    /// The plan format the file had.
    pub from: i64,
    /// The plan format it has now.
    pub to: i64,
    /// The copy of the file as it was, in the same folder.
    pub backup: PathBuf,
}

impl fmt::Display for Upgrade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "upgraded from plan format {} to {}; the file as it was is kept as {}",
            self.from,
            self.to,
            self.backup.display()
        )
    }
}

/// How many names a copy may take: `NAME.plan.v1.bak`, then
/// `NAME.plan.v1.2.bak` up to this number. Earlier copies are never
/// replaced; a folder holding all of them gets no more.
const MAX_COPIES: u32 = 20;

/// Keeps a copy of the plan at `path` (format `from`, open on `conn`), then
/// brings it to the latest format, in one transaction: the copy is of the
/// state the transaction reads, and its first write fails (the file is in
/// use) if anyone changed the file since, so exactly that state is
/// migrated. When the upgrade fails, the copy is taken away again.
pub(super) fn upgrade(conn: &mut Connection, path: &Path, from: i64) -> Result<Upgrade> {
    // SQLite cannot back up a database from a connection that holds its
    // write lock, so the transaction starts as a read.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Deferred)
        .map_err(|e| classify(e, path))?;
    tx.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| classify(e, path))?;
    let backup = keep_copy(&tx, path, from)?;
    let migrated = migrate::run(&tx, from, LATEST_VERSION)
        .and_then(|()| Ok(tx.commit()?))
        .map_err(|e| e.at(path));
    if let Err(e) = migrated {
        let _ = std::fs::remove_file(&backup);
        return Err(e);
    }
    Ok(Upgrade {
        from,
        to: LATEST_VERSION,
        backup,
    })
}

/// Writes a consistent copy of the database on `conn` (committed changes
/// still in a `-wal` file included) to a new file beside `path`, flushed to
/// disk, and returns its name. It is written under a temporary name and
/// renamed without replacing anything, so a half-written copy never bears
/// a backup's name.
fn keep_copy(conn: &Connection, path: &Path, from: i64) -> Result<PathBuf> {
    let absolute = plain_name(path)?;
    let folder = absolute.parent().unwrap_or(Path::new("/")).to_path_buf();
    let name = absolute.file_name().unwrap_or_default().to_os_string();
    let refused = |reason: String| StoreError::UpgradeRefused {
        path: path.to_path_buf(),
        found: from,
        folder: folder.clone(),
        reason,
    };
    let io = |e: std::io::Error| refused(io_reason(&e));

    let mut prefix = OsString::from(".");
    prefix.push(&name);
    prefix.push(format!(".v{from}."));
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".partial")
        .tempfile_in(&folder)
        .map_err(io)?;
    copy_database(conn, tmp.path()).map_err(&refused)?;
    tmp.as_file().sync_all().map_err(io)?;

    for n in 1..=MAX_COPIES {
        let target = folder.join(copy_name(&name, from, n));
        match tmp.persist_noclobber(&target) {
            Ok(_) => {
                // The rename itself is durable once the folder is synced.
                if let Ok(dir) = File::open(&folder) {
                    let _ = dir.sync_all();
                }
                return Ok(target);
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(io(e.error)),
        }
    }
    Err(refused(format!(
        "it already holds {} to {}; move some of them elsewhere",
        copy_name(&name, from, 1).to_string_lossy(),
        copy_name(&name, from, MAX_COPIES).to_string_lossy()
    )))
}

/// `NAME.plan.v1.bak`, and for later copies `NAME.plan.v1.N.bak`.
fn copy_name(name: &std::ffi::OsStr, from: i64, n: u32) -> OsString {
    let mut out = name.to_os_string();
    match n {
        1 => out.push(format!(".v{from}.bak")),
        n => out.push(format!(".v{from}.{n}.bak")),
    }
    out
}

/// SQLite's online backup of `conn`'s database into the (empty) file
/// `to`; on failure, why, in words.
fn copy_database(conn: &Connection, to: &Path) -> std::result::Result<(), String> {
    let copy = || -> rusqlite::Result<StepResult> {
        let mut out = Connection::open_with_flags(
            to,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // A new file, renamed into place only once complete, needs no
        // journal of its own.
        out.pragma_update(None, "journal_mode", "OFF")?;
        let step = Backup::new(conn, &mut out)?.step(-1)?;
        out.close().map_err(|(_, e)| e)?;
        Ok(step)
    };
    match copy() {
        Ok(StepResult::Done) => Ok(()),
        // The source is under our write lock, so it is never busy; anything
        // but done is a failure all the same.
        Ok(other) => Err(format!("the copy stopped part way ({other:?})")),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) => {
            Err("the disk is full".into())
        }
        Err(e) => Err(format!("the copy failed: {e}")),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "the folder is read-only".into()
        }
        std::io::ErrorKind::StorageFull => "the disk is full".into(),
        _ => e.to_string(),
    }
}
