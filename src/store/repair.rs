//! `repair`: a clean copy of a plan whose schema is not ours (a trigger, a
//! view, an extra table), or one that fails to open for its content. The
//! source is opened read-only and never written, so none of its triggers can
//! fire; only what our own row mapping reads from our own tables goes into
//! a fresh file made by our migrations. Everything else stays behind.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::bundle::{self, Dump};
use super::error::{Result, StoreError};
use super::schema::{self, SchemaChange};
use super::{assets, create_with, reports, word_template, Access, Opened};

/// How much SQL the source may run while it is read, in SQLite virtual
/// machine steps: this many, plus one for each byte of the file. Reading
/// our tables costs some twenty steps a row and a row takes more than twenty
/// bytes, so a real plan stays far below (the sample needs about 12,000).
/// A view or a changed table standing in for one of ours could compute
/// rows for ever; it is stopped here, having made at most about a million
/// rows more than the file could hold.
const STEP_BASE: u64 = 10_000_000;

/// How often SQLite calls back to count steps. SQLite counts within one
/// statement, so the many short statements of a real plan count little.
const STEPS_PER_CALL: u64 = 1_000;

/// What a repair copied and what it left behind.
#[derive(Debug, Serialize)]
pub struct RepairReport {
    pub source: PathBuf,
    pub output: PathBuf,
    /// What the source's schema has that Planwright does not make (or makes
    /// differently): none of it is in the copy.
    pub left_behind: Vec<SchemaChange>,
    /// Rows that could not be carried across, in words (a block that does
    /// not fit the block schema, a link to a row that is not there).
    pub left_out: Vec<String>,
    pub copied: RepairCounts,
}

/// How many of each thing the copy holds.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct RepairCounts {
    pub chapters: usize,
    pub sections: usize,
    pub blocks: usize,
    pub actions: usize,
    pub indicators: usize,
    pub priorities: usize,
    pub people: usize,
    pub organisations: usize,
    pub frameworks: usize,
    pub glossary_terms: usize,
    pub notes: usize,
    pub images: usize,
    pub reports: usize,
    pub versions: usize,
}

/// Copies the plan at `src` into a new plan file at `dst`. `src` is only
/// read; `dst` must not exist, and must not be `src` or one of its side
/// files. The copy appears only once it is complete.
pub fn repair(src: &Path, dst: &Path) -> Result<RepairReport> {
    if std::fs::symlink_metadata(dst).is_ok() {
        return Err(StoreError::AlreadyExists(dst.to_path_buf()));
    }
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = src.as_os_str().to_owned();
        side.push(suffix);
        if same_place(Path::new(&side), dst) {
            return Err(StoreError::Refused(format!(
                "{}: that is the {suffix} file of {}; write the clean copy to a new .plan file",
                dst.display(),
                src.display()
            )));
        }
    }

    // A plan of an older format is repaired too (its tables are read as
    // its format has them): it cannot be opened to be upgraded while its
    // schema is refused.
    let Opened {
        mut conn,
        version,
        unlocked,
    } = Opened::new(src, Access::ReadOnly)?;
    let limit = STEP_BASE.saturating_add(std::fs::metadata(src).map_or(0, |m| m.len()));
    let mut steps = 0u64;
    conn.progress_handler(
        STEPS_PER_CALL as i32,
        Some(move || {
            steps += STEPS_PER_CALL;
            steps > limit
        }),
    )
    .map_err(|e| read_failure(e.into(), src))?;

    let left_behind: Vec<SchemaChange> = schema::differences(&conn, version)
        .map_err(|e| read_failure(e, src))?
        .into_iter()
        .filter(|c| !matches!(c, SchemaChange::Missing { .. }))
        .collect();

    // One read transaction: the copy is of one state of the source.
    let tx = conn
        .unchecked_transaction()
        .map_err(|e| read_failure(e.into(), src))?;
    let Dump {
        bundle,
        mut left_out,
    } = bundle::dump(&tx, version).map_err(|e| read_failure(e, src))?;
    let mut images = 0;
    let mut versions = 0;
    create_with(dst, &bundle, |out| {
        let (copied, skipped) = assets::copy_all(&tx, out).map_err(|e| read_failure(e, src))?;
        images = copied;
        left_out.extend(skipped);
        // The largest template a Word export would use.
        word_template::copy(&tx, version, out, 50 << 20).map_err(|e| read_failure(e, src))?;
        reports::copy_files(&tx, version, out).map_err(|e| read_failure(e, src))?;
        versions =
            super::versions::copy_all(&tx, version, out).map_err(|e| read_failure(e, src))?;
        super::approvals::copy_all(&tx, version, out).map_err(|e| read_failure(e, src))?;
        super::consultation::copy_all(&tx, version, out).map_err(|e| read_failure(e, src))?;
        Ok(())
    })?;
    drop(tx);
    if let Some(stamp) = unlocked {
        if !stamp.unchanged() {
            // It was written while we read it without locks: the copy may mix
            // two states. Take it away rather than hand over a doubtful copy.
            let _ = std::fs::remove_file(dst);
            return Err(StoreError::Locked(src.to_path_buf()));
        }
    }

    let b = &bundle;
    let sections = b.chapters.iter().map(|c| c.sections.len().max(1)).sum();
    let blocks = b
        .chapters
        .iter()
        .flat_map(|c| &c.sections)
        .map(|s| s.content["content"].as_array().map_or(0, Vec::len))
        .sum();
    Ok(RepairReport {
        source: src.to_path_buf(),
        output: dst.to_path_buf(),
        left_behind,
        left_out,
        copied: RepairCounts {
            chapters: b.chapters.len(),
            sections,
            blocks,
            actions: b.actions.len(),
            indicators: b.indicators.len(),
            priorities: b.priorities.len(),
            people: b.people.len(),
            organisations: b.organisations.len(),
            frameworks: b.frameworks.len(),
            glossary_terms: b.glossary.len(),
            notes: b.notes.len(),
            images,
            reports: b.reports.len(),
            versions,
        },
    })
}

/// A failure while reading the source, said as a problem with the source.
fn read_failure(e: StoreError, src: &Path) -> StoreError {
    let path = src.to_path_buf();
    match e {
        StoreError::Sqlite(e)
            if e.sqlite_error_code() == Some(rusqlite::ErrorCode::OperationInterrupted) =>
        {
            StoreError::Damaged {
                path,
                detail: "reading it was stopped: something in it takes far longer to read than a plan of its size can"
                    .into(),
            }
        }
        StoreError::Refused(detail) => StoreError::Damaged { path, detail },
        other => other.at(src),
    }
}

/// True when `a` and `b` name the same place, whether or not it exists.
fn same_place(a: &Path, b: &Path) -> bool {
    let place = |p: &Path| -> Option<PathBuf> {
        let name = p.file_name()?;
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some(parent.canonicalize().ok()?.join(name))
    };
    matches!((place(a), place(b)), (Some(x), Some(y)) if x == y)
}
