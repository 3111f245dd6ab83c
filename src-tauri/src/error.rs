//! The one error the app's commands return, serialised for the web UI as
//! `{code, message, detail}`: the core's [`ApiError`] classified by its
//! [`ErrorCode`], or one of the app's own (no plan open, a path not chosen
//! in a dialog).

use planwright::api::{ApiError, ErrorCode};
use serde::Serialize;

/// `code` is what the UI branches on, `message` a sentence for the user,
/// and `detail` says where: the field of an invalid value ("end"), the
/// place in the document of invalid content ("block 3"), the file for file
/// problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    pub detail: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            detail: None,
        }
    }

    pub fn no_plan() -> Self {
        AppError::new(ErrorCode::NoPlan, "no plan is open")
    }
}

impl From<ApiError> for AppError {
    fn from(e: ApiError) -> Self {
        AppError {
            code: e.code(),
            message: e.to_string(),
            detail: e.detail(),
        }
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::new(ErrorCode::Io, e.to_string())
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
            ApiError::from(ValidationError::new("end", "\"31/02/2008\" is not a date")).into();
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"code": "invalid", "message": "end: \"31/02/2008\" is not a date", "detail": "end"})
        );
    }

    #[test]
    fn an_altered_plan_names_the_file_for_the_repair_offer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.plan");
        planwright::api::plan::write_sample(&path, false).unwrap();
        rusqlite::Connection::open(&path)
            .unwrap()
            .execute_batch(
                "CREATE TRIGGER t AFTER INSERT ON actions BEGIN DELETE FROM blocks; END;",
            )
            .unwrap();
        let e: AppError = planwright::api::plan::open(&path).unwrap_err().into();
        assert_eq!(e.code, ErrorCode::Altered);
        assert_eq!(e.detail.as_deref(), Some(path.to_str().unwrap()));
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], "altered");
    }
}
