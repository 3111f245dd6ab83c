//! What can go wrong with a plan file, in words that name the file.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::schema::SchemaChange;
use crate::model::{BlockError, ValidationError};

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: no such file", .0.display())]
    NotFound(PathBuf),

    #[error("{}: already exists; choose another name", .0.display())]
    AlreadyExists(PathBuf),

    #[error("{}: not a plan file (it is not an SQLite database{})", .path.display(), .detail)]
    NotSqlite { path: PathBuf, detail: String },

    #[error("{}: not a plan file (an SQLite database made by another program)", .0.display())]
    NotAPlan(PathBuf),

    #[error(
        "{}: made by a newer version of Planwright (plan format {found}; this version reads up to {supported}); update Planwright to open it",
        .path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error(
        "{}: made by an older version of Planwright (plan format {found}); open it for a change once in a folder you can write to, and it is upgraded",
        .path.display()
    )]
    TooOld { path: PathBuf, found: i64 },

    /// A plan of an older format is upgraded only once a copy of it as it
    /// was is kept beside it; that copy could not be made.
    #[error(
        "{}: made by an older version of Planwright (plan format {found}); it is upgraded only after a copy of it is kept in {}, and the copy could not be made ({reason}); nothing was changed. Free some space, or copy the plan to a folder you can write to, and open it again",
        .path.display(),
        .folder.display()
    )]
    UpgradeRefused {
        path: PathBuf,
        found: i64,
        folder: PathBuf,
        reason: String,
    },

    #[error("{}: the file is damaged ({detail}); restore it from a backup", .path.display())]
    Damaged { path: PathBuf, detail: String },

    /// The file's schema is not exactly what our migrations make: a trigger,
    /// view or changed table could run hidden SQL on an ordinary edit.
    #[error(
        "{}: {change}{}; make a clean copy with: planwright repair {} -o CLEAN.plan",
        .path.display(),
        and_more(*.others),
        shell_word(.path)
    )]
    Altered {
        path: PathBuf,
        /// The change that matters most (triggers and views first).
        change: Box<SchemaChange>,
        /// How many other changes there are.
        others: usize,
    },

    #[error(
        "{}: the disk is full; nothing was saved from this change; free some space and try again",
        .0.display()
    )]
    DiskFull(PathBuf),

    #[error(
        "{}: the folder is read-only, so {} cannot be changed in it; copy the plan to a folder you can write to",
        .folder.display(),
        .file.display()
    )]
    FolderReadOnly { folder: PathBuf, file: PathBuf },

    #[error("{}: the file is in use by another program; close it there and try again", .0.display())]
    Locked(PathBuf),

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A value the user gave that the plan cannot hold.
    #[error("{0}")]
    Invalid(#[from] ValidationError),

    /// Section content that does not fit the block schema.
    #[error("{0}")]
    Content(#[from] BlockError),

    /// A chapter, action, … that the plan does not have.
    #[error("{what} {key} does not exist in this plan")]
    Missing { what: &'static str, key: String },

    /// An edit made to an older state of what it changes: someone else (another
    /// window or program) saved it since.
    #[error("{0}")]
    Conflict(String),

    /// A change the plan's rules forbid ("action 3 has sub-actions").
    #[error("{0}")]
    Refused(String),

    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl StoreError {
    /// `e` as the user should hear it: a UNIQUE rule broken (a name the plan
    /// already has) is refused with `duplicate`; anything else stays as it is.
    pub(crate) fn unless_duplicate(e: rusqlite::Error, duplicate: impl FnOnce() -> String) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::Refused(duplicate()),
            _ => e.into(),
        }
    }

    pub fn missing(what: &'static str, key: impl std::fmt::Display) -> Self {
        StoreError::Missing {
            what,
            key: key.to_string(),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

fn and_more(others: usize) -> String {
    match others {
        0 => String::new(),
        1 => ", and 1 other change".into(),
        n => format!(", and {n} other changes"),
    }
}

/// `path` as one shell word, quoted when it needs to be, for a command the
/// user can paste.
fn shell_word(path: &Path) -> String {
    let s = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:@%".contains(c);
    if !s.is_empty() && s.chars().all(plain) {
        s
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
