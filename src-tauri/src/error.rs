//! The one error the app's commands return, serialised for the web UI as
//! `{code, message, detail}`.

use planwright::compose::{ComposeError, ImageError};
use planwright::export::pdf::PdfError;
use planwright::store::StoreError;
use serde::Serialize;

/// `code` is stable for the UI to branch on ("invalid", "not_a_plan", …),
/// `message` is a sentence for the user, and `detail` says where: the field
/// for an invalid value ("end"), the place in the document for invalid
/// content ("block 3"), the file for file problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub detail: Option<String>,
}

impl AppError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        AppError {
            code: code.to_owned(),
            message: message.into(),
            detail: None,
        }
    }

    pub fn no_plan() -> Self {
        AppError::new("no_plan", "no plan is open")
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let detail = match &e {
            StoreError::Invalid(v) => Some(v.field.clone()),
            StoreError::Content(b) => Some(b.at.clone()),
            StoreError::NotFound(p)
            | StoreError::AlreadyExists(p)
            | StoreError::NotAPlan(p)
            | StoreError::Locked(p)
            | StoreError::NotSqlite { path: p, .. }
            | StoreError::TooNew { path: p, .. }
            | StoreError::Damaged { path: p, .. }
            | StoreError::Io { path: p, .. } => Some(p.display().to_string()),
            _ => None,
        };
        AppError {
            code: e.code().to_owned(),
            message: e.to_string(),
            detail,
        }
    }
}

impl From<PdfError> for AppError {
    fn from(e: PdfError) -> Self {
        match e {
            PdfError::Compose(ComposeError::Store(s)) => s.into(),
            PdfError::Io { ref path, .. } => AppError {
                code: "io".into(),
                message: e.to_string(),
                detail: Some(path.display().to_string()),
            },
            other => AppError::new("export", other.to_string()),
        }
    }
}

impl From<ImageError> for AppError {
    fn from(e: ImageError) -> Self {
        let path = match &e {
            ImageError::Missing(p)
            | ImageError::NotAnImage(p)
            | ImageError::Unreadable { path: p, .. }
            | ImageError::Damaged { path: p, .. }
            | ImageError::Refused { path: p, .. } => p.display().to_string(),
        };
        AppError {
            code: "bad_image".into(),
            message: e.to_string(),
            detail: Some(path),
        }
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::new("io", e.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;
    use planwright::model::ValidationError;
    use serde_json::json;

    #[test]
    fn validation_error_names_its_field() {
        let e: AppError =
            StoreError::from(ValidationError::new("end", "\"31/02/2008\" is not a date")).into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "invalid", "message": "end: \"31/02/2008\" is not a date", "detail": "end"})
        );
    }

    #[test]
    fn file_error_names_the_file() {
        let e: AppError = StoreError::NotAPlan("/tmp/notes.txt".into()).into();
        assert_eq!(e.code, "not_a_plan");
        assert_eq!(e.detail.as_deref(), Some("/tmp/notes.txt"));
        assert!(
            e.message.starts_with("/tmp/notes.txt: not a plan file"),
            "{}",
            e.message
        );
    }

    #[test]
    fn export_failure_names_the_file_it_could_not_write() {
        let e: AppError = PdfError::Io {
            path: "/read-only/plan.pdf".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        }
        .into();
        assert_eq!(e.code, "io");
        assert_eq!(e.detail.as_deref(), Some("/read-only/plan.pdf"));
        assert!(
            e.message.starts_with("could not write /read-only/plan.pdf"),
            "{}",
            e.message
        );
        let e: AppError = PdfError::Compose(ComposeError::NoSuchChapter(12, 11)).into();
        assert_eq!(e.code, "export");
        assert_eq!(
            e.message,
            "there is no chapter 12; the plan has 11 chapters"
        );
    }

    #[test]
    fn a_bad_logo_is_named() {
        let e: AppError = ImageError::NotAnImage("/tmp/logo.svg".into()).into();
        assert_eq!(e.code, "bad_image");
        assert_eq!(e.detail.as_deref(), Some("/tmp/logo.svg"));
        assert_eq!(e.message, "/tmp/logo.svg: not a PNG or JPEG image");
    }

    #[test]
    fn missing_row_has_no_detail() {
        let e: AppError = StoreError::missing("chapter", 9).into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "missing", "message": "chapter 9 does not exist in this plan", "detail": null})
        );
    }
}
