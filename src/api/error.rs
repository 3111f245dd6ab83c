//! What can go wrong with any operation of the API, and the one place each
//! error is classified: its [`ErrorCode`] (which the app's UI branches on
//! and the CLI's exit status comes from) and the detail that says where.

use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::import::SourceError;
use crate::compose::{ComposeError, ImageError};
use crate::export::docx::{DocxError, TemplateError};
use crate::export::output::OutputError;
use crate::export::pdf::PdfError;
use crate::model::{BlockError, ValidationError};
use crate::sign::SignError;
use crate::store::StoreError;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A picture the user named (a logo, a figure's file).
    #[error(transparent)]
    Image(#[from] ImageError),
    #[error(transparent)]
    Export(#[from] PdfError),
    #[error(transparent)]
    Docx(#[from] DocxError),
    /// A Word template the user named.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A file to import.
    #[error(transparent)]
    Import(SourceError),
    /// Where an export was to be written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A signing key or certificate, or the PDF being signed.
    #[error(transparent)]
    Sign(#[from] SignError),
}

pub type Result<T, E = ApiError> = std::result::Result<T, E>;

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        ApiError::Store(e.into())
    }
}

impl From<BlockError> for ApiError {
    fn from(e: BlockError) -> Self {
        ApiError::Store(e.into())
    }
}

impl From<ComposeError> for ApiError {
    fn from(e: ComposeError) -> Self {
        match e {
            ComposeError::Store(s) => ApiError::Store(s),
            other => ApiError::Export(other.into()),
        }
    }
}

/// What kind of failure an error is: stable, for the UI to branch on and
/// for scripts (`--json`). Generated into the UI's bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The file.
    NotFound,
    AlreadyExists,
    NotAPlan,
    /// Made by a newer Planwright: update to open it.
    TooNew,
    /// An older format that cannot be upgraded where it is.
    TooOld,
    /// An older format whose upgrade was refused because the copy of the
    /// file as it was could not be kept; the file is untouched.
    UpgradeRefused,
    Damaged,
    /// Its schema is not ours; the app offers a clean copy (repair).
    Altered,
    DiskFull,
    ReadOnlyFolder,
    /// In use by another program.
    Locked,
    Io,
    Database,
    /// A picture file that is missing, unreadable, damaged or too large.
    BadImage,
    /// A Word template that is missing, unreadable, too large or not a
    /// Word document with styles.
    BadTemplate,
    /// A file to import that is missing, unreadable, empty, too large or
    /// not text.
    BadImport,
    // What the user asked.
    /// A value that does not fit its field; the detail names the field.
    Invalid,
    /// Section content that does not fit the schema; the detail says where.
    InvalidContent,
    Missing,
    /// Saved elsewhere since it was read: nothing was written over it.
    Conflict,
    /// A change the plan's rules forbid.
    Refused,
    /// An export's output that would overwrite a plan, or is a folder.
    BadOutput,
    /// A signing key, certificate or PKCS#12 file that cannot be used:
    /// the wrong password, a key not the certificate's, an expired
    /// certificate.
    BadKey,
    /// The PDF could not be made (a font, the PDF writer).
    Export,
    // The app.
    /// A command that needs an open plan, with none open.
    NoPlan,
    /// A path the user did not choose in one of the app's dialogs.
    NotChosen,
    /// A plan already open in another of the app's windows, which was
    /// brought to the front instead: one plan, one window that writes it.
    OpenElsewhere,
    /// A call the UI made that the app could not read (a bug, not the
    /// user's doing).
    BadRequest,
}

impl ErrorCode {
    /// The command line's exit status: 1 for a mistake in what was asked,
    /// 2 for a problem with a file or the machine.
    pub fn exit_status(self) -> u8 {
        use ErrorCode::*;
        match self {
            NotFound | AlreadyExists | NotAPlan | TooNew | TooOld | UpgradeRefused | Damaged
            | Altered | DiskFull | ReadOnlyFolder | Locked | Io | Database | BadImage
            | BadTemplate | BadImport | BadKey | Export => 2,
            Invalid | InvalidContent | Missing | Conflict | Refused | BadOutput | NoPlan
            | NotChosen | OpenElsewhere | BadRequest => 1,
        }
    }
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Store(e) => store_code(e),
            ApiError::Image(_) => ErrorCode::BadImage,
            ApiError::Export(e) => match e {
                PdfError::Compose(ComposeError::Store(s)) => store_code(s),
                PdfError::Compose(ComposeError::NoSuchChapter(..)) => ErrorCode::Missing,
                PdfError::Compose(ComposeError::ChaptersOfAnAppendix) => ErrorCode::Invalid,
                PdfError::Compose(ComposeError::Appendix(_)) => ErrorCode::Invalid,
                PdfError::Pdf(_) | PdfError::Font { .. } => ErrorCode::Export,
            },
            ApiError::Docx(_) => ErrorCode::Export,
            ApiError::Template(_) => ErrorCode::BadTemplate,
            ApiError::Import(_) => ErrorCode::BadImport,
            ApiError::Output(OutputError::Io { .. }) => ErrorCode::Io,
            ApiError::Output(_) => ErrorCode::BadOutput,
            ApiError::Sign(SignError::Pdf(_) | SignError::Keygen(_)) => ErrorCode::Export,
            ApiError::Sign(_) => ErrorCode::BadKey,
        }
    }

    /// Where: the field of an invalid value ("end"), the place in a
    /// section of invalid content ("block 3"), or the file.
    pub fn detail(&self) -> Option<String> {
        let path = |p: &Path| Some(p.display().to_string());
        match self {
            ApiError::Store(e) => store_detail(e),
            ApiError::Image(e) => match e {
                ImageError::Missing(p)
                | ImageError::NotAnImage(p)
                | ImageError::Unreadable { path: p, .. }
                | ImageError::Damaged { path: p, .. }
                | ImageError::Refused { path: p, .. } => path(p),
            },
            ApiError::Export(e) => match e {
                PdfError::Compose(ComposeError::Store(s)) => store_detail(s),
                PdfError::Compose(
                    ComposeError::NoSuchChapter(..) | ComposeError::ChaptersOfAnAppendix,
                ) => Some("chapters".into()),
                PdfError::Compose(ComposeError::Appendix(_)) => Some("report".into()),
                PdfError::Pdf(_) | PdfError::Font { .. } => None,
            },
            ApiError::Docx(_) => None,
            ApiError::Template(
                TemplateError::Missing(p)
                | TemplateError::Unreadable { path: p, .. }
                | TemplateError::Refused { path: p, .. },
            ) => path(p),
            ApiError::Import(
                SourceError::Missing(p)
                | SourceError::Unreadable { path: p, .. }
                | SourceError::Refused { path: p, .. },
            ) => path(p),
            ApiError::Output(
                OutputError::IsThePlan { output: p, .. }
                | OutputError::IsAPlan { output: p, .. }
                | OutputError::IsAFolder(p)
                | OutputError::Io { path: p, .. },
            ) => path(p),
            ApiError::Sign(e) => e.path().and_then(path),
        }
    }
}

fn store_code(e: &StoreError) -> ErrorCode {
    match e {
        StoreError::NotFound(_) => ErrorCode::NotFound,
        StoreError::AlreadyExists(_) => ErrorCode::AlreadyExists,
        StoreError::NotSqlite { .. } | StoreError::NotAPlan(_) => ErrorCode::NotAPlan,
        StoreError::TooNew { .. } => ErrorCode::TooNew,
        StoreError::TooOld { .. } => ErrorCode::TooOld,
        StoreError::UpgradeRefused { .. } => ErrorCode::UpgradeRefused,
        StoreError::Damaged { .. } => ErrorCode::Damaged,
        StoreError::Altered { .. } => ErrorCode::Altered,
        StoreError::DiskFull(_) => ErrorCode::DiskFull,
        StoreError::FolderReadOnly { .. } => ErrorCode::ReadOnlyFolder,
        StoreError::Locked(_) => ErrorCode::Locked,
        StoreError::Io { .. } => ErrorCode::Io,
        StoreError::Invalid(_) => ErrorCode::Invalid,
        StoreError::Content(_) => ErrorCode::InvalidContent,
        StoreError::Missing { .. } => ErrorCode::Missing,
        StoreError::Conflict(_) => ErrorCode::Conflict,
        StoreError::Refused(_) => ErrorCode::Refused,
        StoreError::Sqlite(_) => ErrorCode::Database,
    }
}

fn store_detail(e: &StoreError) -> Option<String> {
    match e {
        StoreError::Invalid(v) => Some(v.field.clone()),
        StoreError::Content(b) => Some(b.at.clone()),
        StoreError::NotFound(p)
        | StoreError::AlreadyExists(p)
        | StoreError::NotAPlan(p)
        | StoreError::Locked(p)
        | StoreError::NotSqlite { path: p, .. }
        | StoreError::TooNew { path: p, .. }
        | StoreError::TooOld { path: p, .. }
        | StoreError::UpgradeRefused { path: p, .. }
        | StoreError::Altered { path: p, .. }
        | StoreError::DiskFull(p)
        | StoreError::FolderReadOnly { file: p, .. }
        | StoreError::Damaged { path: p, .. }
        | StoreError::Io { path: p, .. } => Some(p.display().to_string()),
        StoreError::Missing { .. }
        | StoreError::Conflict(_)
        | StoreError::Refused(_)
        | StoreError::Sqlite(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_snake_case_words() {
        assert_eq!(
            serde_json::to_value(ErrorCode::ReadOnlyFolder).unwrap(),
            "read_only_folder"
        );
        assert_eq!(
            serde_json::to_value(ErrorCode::NotAPlan).unwrap(),
            "not_a_plan"
        );
    }

    #[test]
    fn a_bad_value_names_its_field_and_is_the_users_mistake() {
        let e: ApiError = ValidationError::new("end", "\"31/02/2008\" is not a date").into();
        assert_eq!(e.code(), ErrorCode::Invalid);
        assert_eq!(e.detail().as_deref(), Some("end"));
        assert_eq!(e.code().exit_status(), 1);
        assert_eq!(e.to_string(), "end: \"31/02/2008\" is not a date");
    }

    #[test]
    fn a_file_problem_names_the_file_and_exits_2() {
        let e: ApiError = StoreError::NotAPlan("/tmp/notes.txt".into()).into();
        assert_eq!(e.code(), ErrorCode::NotAPlan);
        assert_eq!(e.detail().as_deref(), Some("/tmp/notes.txt"));
        assert_eq!(e.code().exit_status(), 2);
    }

    #[test]
    fn export_errors_are_classified_by_what_went_wrong() {
        let onto_plan: ApiError = OutputError::IsThePlan {
            output: "/p/s.plan".into(),
            plan: "/p/s.plan".into(),
        }
        .into();
        assert_eq!(onto_plan.code(), ErrorCode::BadOutput);
        assert_eq!(onto_plan.detail().as_deref(), Some("/p/s.plan"));
        let unwritable: ApiError = OutputError::Io {
            path: "/read-only/plan.pdf".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        }
        .into();
        assert_eq!(unwritable.code(), ErrorCode::Io);
        let chapter: ApiError = ComposeError::NoSuchChapter(12, 11).into();
        assert_eq!(chapter.code(), ErrorCode::Missing);
        assert_eq!(
            chapter.to_string(),
            "there is no chapter 12; the plan has 11 chapters"
        );
        let stored: ApiError = ComposeError::Store(StoreError::Locked("/p/s.plan".into())).into();
        assert_eq!(stored.code(), ErrorCode::Locked);
        let logo: ApiError = ImageError::NotAnImage("/tmp/logo.svg".into()).into();
        assert_eq!(logo.code(), ErrorCode::BadImage);
        assert_eq!(logo.detail().as_deref(), Some("/tmp/logo.svg"));
    }
}
