//! The .plan file: one SQLite database per plan, with embedded migrations.
//!
//! Opening checks what the file is before anything is written to it, so a
//! file that is not a plan (or is a plan from a newer version) is left
//! byte-for-byte as it was. Every user action is one transaction.

mod columns;
mod error;
mod migrate;
mod ordering;
pub mod reference;
mod repair;
mod schema;
mod upgrade;

pub mod actions;
pub mod approvals;
pub mod assets;
pub mod blocks;
pub mod bundle;
pub mod chapters;
pub mod consultation;
pub mod frameworks;
pub mod glossary;
pub mod indicators;
pub mod logo;
pub mod notes;
pub mod organisations;
pub mod outline;
pub mod people;
pub mod plan_info;
pub mod priorities;
pub mod reports;
pub mod sections;
pub mod versions;
pub mod word_template;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use error::{Result, StoreError};
pub use migrate::LATEST_VERSION;
pub use repair::{repair, RepairCounts, RepairReport};
pub use schema::{SchemaChange, SchemaObject};
pub use upgrade::Upgrade;

use crate::model::{Bundle, PlanStatus};

/// "PlWr": marks an SQLite file as a Planwright plan (`PRAGMA application_id`).
pub const APPLICATION_ID: i32 = 0x506C_5772;

/// How long to wait for another program's lock before saying the file is in use.
const BUSY_TIMEOUT: Duration = Duration::from_millis(1500);

/// An open plan file.
pub struct PlanFile {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Set when the file is read without SQLite's locks (see `connect`):
    /// the file as it was when opened, checked after every read.
    unlocked: Option<Stamp>,
    /// Set when opening upgraded the file from an older format.
    upgraded: Option<Upgrade>,
}

impl std::fmt::Debug for PlanFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlanFile")
            .field("path", &self.path)
            .field("read_only", &self.read_only)
            .finish()
    }
}

impl PlanFile {
    /// Opens an existing plan for reading and changing. A plan of an older
    /// format is upgraded: a copy of it as it was is kept beside it first
    /// (see [`PlanFile::upgraded`]), and if that copy cannot be made the
    /// open fails and the file is left as it was.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let opened = Opened::new(&path, Access::ReadWrite)?;
        opened.check(&path)?;
        let Opened {
            mut conn, version, ..
        } = opened;
        // Before `configure`, which may set the journal mode: nothing is
        // written until the copy exists.
        let upgraded = if version < LATEST_VERSION {
            Some(upgrade::upgrade(&mut conn, &path, version)?)
        } else {
            None
        };
        let mut plan = PlanFile {
            conn,
            path,
            read_only: false,
            unlocked: None,
            upgraded,
        };
        plan.configure()?;
        Ok(plan)
    }

    /// Opens a plan only to read it. Nothing is ever written: not the
    /// journal mode, not a `-wal` or `-shm` file beside it; so a plan in a
    /// read-only folder can be viewed and exported, and reading never changes
    /// the file. A plan of an older format is read through a copy of it
    /// upgraded in memory (up to `MAX_UPGRADED_IN_MEMORY` bytes; a larger
    /// one is refused, as it needs upgrading).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref().to_path_buf();
        let mut opened = Opened::new(&path, Access::ReadOnly)?;
        opened.check(&path)?;
        if opened.version < LATEST_VERSION {
            // Reading never writes, so an older plan is read through a copy
            // of it upgraded in memory; the file stays as it is until a
            // change upgrades it. One too large to copy is refused, as
            // before.
            let size = std::fs::metadata(&path).map_or(u64::MAX, |m| m.len());
            if size > MAX_UPGRADED_IN_MEMORY {
                return Err(StoreError::TooOld {
                    path,
                    found: opened.version,
                });
            }
            opened.conn =
                upgraded_in_memory(&opened.conn, opened.version).map_err(|e| match e {
                    StoreError::Sqlite(e) => classify(e, &path),
                    other => other,
                })?;
        }
        Ok(PlanFile {
            conn: opened.conn,
            path,
            read_only: true,
            unlocked: opened.unlocked,
            upgraded: None,
        })
    }

    /// Creates a new plan file holding `bundle`. The file appears only once
    /// it is complete: it is built beside the target and renamed into place.
    pub fn create(path: impl AsRef<Path>, bundle: &Bundle) -> Result<Self> {
        create_with(path.as_ref(), bundle, |_| Ok(()))?;
        Self::open(path)
    }

    /// Creates a new plan file holding `bundle` and the pictures its
    /// figures show (name and bytes of each PNG or JPEG), in one
    /// transaction, as [`PlanFile::create`] does.
    pub fn create_with_pictures<'a>(
        path: impl AsRef<Path>,
        bundle: &Bundle,
        pictures: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Self> {
        create_with(path.as_ref(), bundle, |tx| {
            for (name, data) in pictures {
                assets::import(tx, name, data)?;
            }
            Ok(())
        })?;
        Self::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates a new plan file at `path` holding `bundle` (a version of
    /// this plan) with this plan's pictures, attached files and Word
    /// template, which the bundle names but does not hold.
    pub fn copy_with(&self, path: impl AsRef<Path>, bundle: &Bundle) -> Result<PlanFile> {
        let from = &self.conn;
        create_with(path.as_ref(), bundle, |out| {
            assets::copy_all(from, out)?;
            reports::copy_files(from, LATEST_VERSION, out)?;
            word_template::copy(from, LATEST_VERSION, out, 50 << 20)?;
            Ok(())
        })?;
        Self::open(path)
    }

    /// What opening did to a plan of an older format (None when it was
    /// already of this version's format): the app and the command line say
    /// so, and where the copy of the old file is.
    pub fn upgraded(&self) -> Option<&Upgrade> {
        self.upgraded.as_ref()
    }

    /// True when opened with [`PlanFile::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs one user action as one transaction. It takes the write lock at
    /// the start, so a plan in use elsewhere is reported before any work.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        if self.read_only {
            return Err(StoreError::Io {
                path,
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "was opened only for reading",
                ),
            });
        }
        let run = |conn: &mut Connection| -> Result<T> {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&tx)?;
            plan_info::touch(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run(&mut self.conn).map_err(|e| e.at(&path))
    }

    /// Writes a change to the plan's content. An approved or published
    /// plan stands as its approved version, which never changes; editing
    /// it starts the next draft, so its status goes back to draft, unless
    /// the change sets the status itself.
    pub fn edit<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        self.write(|tx| {
            let before = plan_info::get(tx)?.status;
            let out = f(tx)?;
            let mut info = plan_info::get(tx)?;
            if matches!(before, PlanStatus::Approved | PlanStatus::Published)
                && info.status == before
            {
                info.status = PlanStatus::Draft;
                plan_info::put(tx, &info)?;
            }
            Ok(out)
        })
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
        let out = run().map_err(|e| e.at(&path))?;
        self.still_unchanged()?;
        Ok(out)
    }

    /// Runs SQLite's full integrity check.
    pub fn integrity_check(&self) -> Result<()> {
        integrity_check(&self.conn, &self.path)?;
        self.still_unchanged()
    }

    /// Reads without locks are only sound while nobody writes the file; if
    /// it changed since it was opened, what was read may mix old and new.
    fn still_unchanged(&self) -> Result<()> {
        match &self.unlocked {
            Some(stamp) if !stamp.unchanged() => Err(StoreError::Locked(self.path.clone())),
            _ => Ok(()),
        }
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

/// Builds a new plan at `path` from `bundle`, after running `extra` in the
/// same transaction (repair copies images there, which the bundle's logo
/// may name). The file appears only once it is complete: it is built beside
/// the target and renamed into place.
fn create_with(
    path: &Path,
    bundle: &Bundle,
    extra: impl FnOnce(&Transaction<'_>) -> Result<()>,
) -> Result<()> {
    if path.exists() {
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    let tmp = temp_path_for(path);
    let _ = std::fs::remove_file(&tmp);
    let build = || -> Result<()> {
        let mut conn = Connection::open_with_flags(
            plain_name(&tmp)?,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        harden(&conn)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        migrate::apply(&mut conn, 0)?;
        let tx = conn.transaction()?;
        reference::seed(&tx)?;
        extra(&tx)?;
        bundle::load(&tx, bundle)?;
        tx.commit()?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.close().map_err(|(_, e)| e)?;
        Ok(())
    };
    if let Err(e) = build() {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.at(path));
    }
    if path.exists() {
        let _ = std::fs::remove_file(&tmp);
        return Err(StoreError::AlreadyExists(path.to_path_buf()));
    }
    std::fs::rename(&tmp, path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    ReadWrite,
    ReadOnly,
}

/// A connection to a file that is an SQLite database marked as a plan, of a
/// plan format this version knows, made safe to use on untrusted files.
/// Its schema is not checked yet: `check` does that (repair reads without).
struct Opened {
    conn: Connection,
    version: i64,
    unlocked: Option<Stamp>,
}

impl Opened {
    fn new(path: &Path, access: Access) -> Result<Self> {
        let header = check_header(path)?;
        let (conn, unlocked) = connect(path, access, &header)?;
        let prepare = |conn: &Connection| -> rusqlite::Result<(i32, i64)> {
            harden(conn)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            // Only reads until we know this is a plan we can handle.
            let app_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
            let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            Ok((app_id, version))
        };
        let (app_id, version) = prepare(&conn).map_err(|e| classify(e, path))?;
        if app_id != APPLICATION_ID {
            return Err(StoreError::NotAPlan(path.to_path_buf()));
        }
        if version < 1 {
            // Every plan Planwright writes has a format of 1 or more.
            return Err(StoreError::Damaged {
                path: path.to_path_buf(),
                detail: format!("it records plan format {version}, which no Planwright writes"),
            });
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        Ok(Opened {
            conn,
            version,
            unlocked,
        })
    }

    /// Refuses a schema that is not exactly ours, then a damaged file.
    fn check(&self, path: &Path) -> Result<()> {
        let changes = schema::differences(&self.conn, self.version).map_err(|e| e.at(path))?;
        if let Some(first) = changes.first() {
            return Err(StoreError::Altered {
                path: path.to_path_buf(),
                change: Box::new(first.clone()),
                others: changes.len() - 1,
            });
        }
        integrity_check(&self.conn, path)
    }
}

/// Settings for every connection to a plan, which may come from anyone:
/// SQL stored in the file (views, triggers, defaults, checks) may call only
/// harmless functions; the file cannot be altered through the schema or
/// made inconsistent by SQL; cell sizes are checked as pages are read, so a
/// corrupt page is reported rather than followed. Extension loading is left
/// off (SQLite's default: we never enable it, so `load_extension()` fails).
/// The largest older plan read through a copy in memory.
const MAX_UPGRADED_IN_MEMORY: u64 = 1 << 30;

/// A copy of `conn` (a plan of format `version`) in memory, upgraded to
/// this version's format and held to reading.
fn upgraded_in_memory(conn: &Connection, version: i64) -> Result<Connection> {
    let mut mem = Connection::open_in_memory()?;
    {
        let backup = rusqlite::backup::Backup::new(conn, &mut mem)?;
        backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
    }
    harden(&mem)?;
    migrate::apply(&mut mem, version)?;
    mem.pragma_update(None, "query_only", true)?;
    Ok(mem)
}

fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    Ok(())
}

/// `path` as SQLite must get it to read it as a file name. This SQLite is
/// built with URI names on (SQLITE_USE_URI), so "file:x.plan?vfs=…" would be
/// a URI whatever the open flags, and ":memory:" no file at all; an absolute
/// path is always a plain name.
fn plain_name(path: &Path) -> Result<PathBuf> {
    std::path::absolute(path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Opens the SQLite connection. A plan opened read-only in WAL mode needs
/// SQLite's `-wal` and `-shm` files to be read with locks, and reading would
/// create them (or fail, in a read-only folder). When no live `-wal` file is
/// beside it, the file alone holds every committed change, so it is read as
/// `immutable`: no locks, no side files. A writer that starts meanwhile is
/// caught by the stamp checked after every read.
fn connect(path: &Path, access: Access, header: &Header) -> Result<(Connection, Option<Stamp>)> {
    let name = plain_name(path)?;
    let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let opened = match access {
        Access::ReadWrite => {
            Connection::open_with_flags(&name, flags | OpenFlags::SQLITE_OPEN_READ_WRITE)
                .map(|c| (c, None))
        }
        Access::ReadOnly => match (header.wal && !has_live_wal(&name))
            .then(|| immutable_uri(&name))
            .flatten()
        {
            Some(uri) => {
                let stamp = Stamp::of(&name).map_err(|source| StoreError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                Connection::open_with_flags(
                    uri,
                    flags | OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
                )
                .map(|c| (c, Some(stamp)))
            }
            None => Connection::open_with_flags(&name, flags | OpenFlags::SQLITE_OPEN_READ_ONLY)
                .map(|c| (c, None)),
        },
    };
    opened.map_err(|e| classify(e, path))
}

/// A `-wal` file that may hold changes not yet in the plan, or belongs to a
/// program that has the plan open. An empty one with no `-shm` beside it
/// holds nothing, and nobody has the plan open through it.
fn has_live_wal(name: &Path) -> bool {
    let beside = |suffix: &str| {
        let mut p = name.as_os_str().to_owned();
        p.push(suffix);
        std::fs::metadata(PathBuf::from(p))
    };
    match beside("-wal") {
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        Ok(wal) => wal.len() > 0 || beside("-shm").is_ok(),
    }
}

/// An SQLite URI that reads the file at absolute `name` as immutable and
/// read-only. Every byte outside the URI's unreserved characters is
/// percent-encoded, so "?", "#" and "%" in a name stay part of the name.
fn immutable_uri(name: &Path) -> Option<String> {
    #[cfg(unix)]
    let uri = uri_of_unix_path(std::os::unix::ffi::OsStrExt::as_bytes(name.as_os_str()));
    #[cfg(not(unix))]
    let uri = uri_of_windows_path(name.to_str()?);
    Some(uri)
}

/// The URI of the Unix path `bytes` (any bytes but NUL).
#[cfg_attr(not(unix), allow(dead_code))]
fn uri_of_unix_path(bytes: &[u8]) -> String {
    encode_uri(bytes, b"")
}

/// The URI of the Windows path `path` (`C:\dir\x.plan`): SQLite wants
/// `file:/C:/dir/x.plan`, the drive's colon as it is. A share's path
/// (`\\server\share\x.plan`) goes after an empty authority,
/// `file:////server/share/x.plan`: SQLite refuses any authority but an
/// empty one or "localhost". A verbatim path (`\\?\C:\…`) loses its prefix.
#[cfg_attr(unix, allow(dead_code))]
fn uri_of_windows_path(path: &str) -> String {
    let path = if let Some(share) = path.strip_prefix(r"\\?\UNC\") {
        format!(r"\\{share}")
    } else {
        path.strip_prefix(r"\\?\").unwrap_or(path).to_string()
    };
    let path = path.replace('\\', "/");
    let path = if path.starts_with("//") {
        format!("//{path}")
    } else if path.starts_with('/') {
        path
    } else {
        format!("/{path}")
    };
    encode_uri(path.as_bytes(), b":")
}

fn encode_uri(bytes: &[u8], also_keep: &[u8]) -> String {
    use std::fmt::Write;
    let keep = |b: u8| b.is_ascii_alphanumeric() || b"/-._~".contains(&b) || also_keep.contains(&b);
    let mut uri = String::from("file:");
    for &b in bytes {
        if keep(b) {
            uri.push(b as char);
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

/// A file's size and modification time: a write changes one of them (the
/// time moves in steps of a few milliseconds; a write within the same step
/// as the one before our open, keeping the size, would go unseen).
#[derive(Debug, PartialEq, Eq)]
struct Stamp {
    name: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(name: &Path) -> std::io::Result<Self> {
        let meta = std::fs::metadata(name)?;
        Ok(Stamp {
            name: name.to_path_buf(),
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }

    fn unchanged(&self) -> bool {
        Stamp::of(&self.name).is_ok_and(|now| now == *self)
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
        Some(ErrorCode::DiskFull) => StoreError::DiskFull(path),
        Some(code @ (ErrorCode::CannotOpen | ErrorCode::ReadOnly)) => match read_only_folder(&path)
        {
            Some(folder) => StoreError::FolderReadOnly { folder, file: path },
            None => StoreError::Io {
                path,
                source: std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    if code == ErrorCode::CannotOpen {
                        "cannot be opened for writing"
                    } else {
                        "is read-only"
                    },
                ),
            },
        },
        _ => StoreError::Sqlite(e),
    }
}

/// The folder holding `path`, when this process may not write in it (the
/// plan's `-wal` and `-shm` files, and new plans, live there).
fn read_only_folder(path: &Path) -> Option<PathBuf> {
    let name = std::path::absolute(path).ok()?;
    let folder = name.parent()?.to_path_buf();
    if !std::fs::metadata(&folder).ok()?.is_dir() {
        return None;
    }
    #[cfg(unix)]
    let read_only = rustix::fs::access(&folder, rustix::fs::Access::WRITE_OK).is_err();
    #[cfg(not(unix))]
    let read_only = std::fs::metadata(&folder).ok()?.permissions().readonly();
    read_only.then_some(folder)
}

/// What the header says about how to open the file.
struct Header {
    /// In WAL mode (file format bytes 18 and 19 are 2).
    wal: bool,
}

/// What kind of thing `meta` is, when it is not a regular file.
fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Reads the first 100 bytes (SQLite's header) without opening the database.
/// Anything but a regular file is refused before it is opened: reading a
/// named pipe would wait forever for a writer, and a device never ends.
fn check_header(path: &Path) -> Result<Header> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound(path.to_path_buf()),
        _ => StoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if let Some(what) = not_a_file(&meta) {
        return Err(StoreError::NotSqlite {
            path: path.to_path_buf(),
            detail: format!("; it is {what}"),
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
    Ok(Header {
        wal: header[18] == 2 && header[19] == 2,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::sample;

    fn sample_plan() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.plan");
        PlanFile::create(&path, &sample()).unwrap();
        (dir, path)
    }

    #[test]
    fn a_full_disk_is_named_with_advice_and_nothing_is_saved() {
        let (_dir, path) = sample_plan();
        let mut plan = PlanFile::open(&path).unwrap();
        // The file may not grow: SQLite says SQLITE_FULL, as on a full disk.
        let pages: i64 = plan
            .conn
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        plan.conn
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let terms = plan.read(glossary::list).unwrap().len();
        let err = plan
            .write(|tx| glossary::insert(tx, "Long", &"words ".repeat(200_000)).map(drop))
            .unwrap_err();
        assert!(matches!(err, StoreError::DiskFull(_)), "{err}");
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the disk is full; nothing was saved from this change; free some space and try again",
                path.display()
            )
        );
        assert_eq!(plan.read(glossary::list).unwrap().len(), terms);
    }

    #[test]
    fn every_connection_is_hardened() {
        let (_dir, path) = sample_plan();
        for plan in [
            PlanFile::open(&path).unwrap(),
            PlanFile::open_read_only(&path).unwrap(),
        ] {
            let c = &plan.conn;
            let get = |pragma: &str| -> i64 {
                c.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                    .unwrap()
            };
            assert_eq!(get("trusted_schema"), 0);
            assert_eq!(get("cell_size_check"), 1);
            assert!(c.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap());
            let err = c
                .query_row("SELECT load_extension('/nowhere/evil.so')", [], |_| Ok(()))
                .unwrap_err();
            assert!(err.to_string().contains("not authorized"), "{err}");
        }
    }

    #[test]
    fn a_read_only_plan_never_writes() {
        let (dir, path) = sample_plan();
        let mut plan = PlanFile::open_read_only(&path).unwrap();
        assert!(plan.unlocked.is_some(), "a WAL plan alone is read unlocked");
        let err = plan
            .write(|tx| chapters::add(tx, "More", true, None))
            .unwrap_err();
        assert!(matches!(err, StoreError::Io { .. }), "{err}");
        assert!(
            err.to_string().ends_with("was opened only for reading"),
            "{err}"
        );
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, ["s.plan"]);
    }

    #[test]
    fn a_plan_written_while_read_unlocked_is_reported_not_misread() {
        let (_dir, path) = sample_plan();
        // Timestamps are coarse (a few ms on ext4): start from an old one so
        // that the write below surely moves it.
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_200_000_000);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        let reader = PlanFile::open_read_only(&path).unwrap();
        reader.read(chapters::list).unwrap();
        let mut writer = PlanFile::open(&path).unwrap();
        writer
            .write(|tx| chapters::add(tx, "Appendix", false, None))
            .unwrap();
        // Closing the writer copies its changes into the file itself.
        drop(writer);
        let err = reader.read(chapters::list).unwrap_err();
        assert!(matches!(err, StoreError::Locked(_)), "{err}");
        // Opened again, it reads the new state.
        let again = PlanFile::open_read_only(&path).unwrap();
        let titles: Vec<String> = again
            .read(chapters::list)
            .unwrap()
            .into_iter()
            .map(|c| c.title)
            .collect();
        assert_eq!(titles.last().map(String::as_str), Some("Appendix"));
    }

    #[test]
    fn immutable_uris_keep_every_character_of_the_name() {
        assert_eq!(
            uri_of_unix_path("/tmp/a?b#c%d é/s.plan".as_bytes()),
            "file:/tmp/a%3Fb%23c%25d%20%C3%A9/s.plan?mode=ro&immutable=1"
        );
        // A colon is a character of a Unix name, not a drive.
        assert_eq!(
            uri_of_unix_path(b"/tmp/C:x.plan"),
            "file:/tmp/C%3Ax.plan?mode=ro&immutable=1"
        );
        #[cfg(unix)]
        assert_eq!(
            immutable_uri(Path::new("/tmp/a?b.plan")).unwrap(),
            "file:/tmp/a%3Fb.plan?mode=ro&immutable=1"
        );
    }

    #[test]
    fn windows_paths_become_the_uris_sqlite_reads_there() {
        assert_eq!(
            uri_of_windows_path(r"C:\Users\Ann\My plans\a #1.plan"),
            "file:/C:/Users/Ann/My%20plans/a%20%231.plan?mode=ro&immutable=1"
        );
        assert_eq!(
            uri_of_windows_path(r"\\council-fs\cypp\draft é.plan"),
            "file:////council-fs/cypp/draft%20%C3%A9.plan?mode=ro&immutable=1"
        );
        assert_eq!(
            uri_of_windows_path(r"\\?\UNC\council-fs\cypp\a.plan"),
            "file:////council-fs/cypp/a.plan?mode=ro&immutable=1"
        );
        assert_eq!(
            uri_of_windows_path(r"\\?\C:\Plans\a.plan"),
            "file:/C:/Plans/a.plan?mode=ro&immutable=1"
        );
        assert_eq!(
            uri_of_windows_path(r"D:\100%?.plan"),
            "file:/D:/100%25%3F.plan?mode=ro&immutable=1"
        );
    }
}
