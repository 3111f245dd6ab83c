//! A committee's approval of a version of the plan, and the sign-off PDFs
//! written of it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ValidationError;
use super::string_enum::string_enum;
use super::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Approval {
    pub id: Id,
    /// The version approved: kept at the approved stage, frozen.
    pub version: Id,
    pub committee: String,
    pub meeting_date: NaiveDate,
    /// The minute or resolution, as recorded.
    pub resolution: String,
    /// Who approved it (the chair, the cabinet member).
    pub approver: String,
    /// Why it was approved with the readiness checklist not met, if so.
    pub override_reason: Option<String>,
    /// When it was recorded, RFC 3339.
    pub recorded: String,
}

/// What an approval records, as a person gives it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ApprovalRequest {
    pub committee: String,
    pub meeting_date: NaiveDate,
    pub resolution: String,
    pub approver: String,
    #[serde(default)]
    pub override_reason: Option<String>,
}

impl ApprovalRequest {
    pub fn validate(&self) -> Result<(), ValidationError> {
        for (field, value, max) in [
            ("committee", &self.committee, 200),
            ("resolution", &self.resolution, 10_000),
            ("approver", &self.approver, 200),
        ] {
            if value.trim().is_empty() {
                return Err(ValidationError::new(
                    field,
                    "is needed to record an approval",
                ));
            }
            if value.chars().count() > max {
                return Err(ValidationError::new(
                    field,
                    format!("is longer than {max} characters"),
                ));
            }
        }
        if let Some(r) = &self.override_reason {
            if r.trim().is_empty() || r.chars().count() > 2_000 {
                return Err(ValidationError::new(
                    "override reason",
                    "say in 1 to 2,000 characters why the plan is approved as it is",
                ));
            }
        }
        Ok(())
    }
}

string_enum! {
    /// How a plan is published (seed 004's routes, and any other).
    Route {
        /// Placed on the authority's website.
        Website = "website",
        /// Deposited in public libraries and other outlets.
        Libraries = "libraries",
        /// Sent to the partners who were consulted.
        Partners = "partners",
        Other = "other",
    }
}

/// Where and when an approved plan was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Publication {
    pub id: Id,
    pub approval: Id,
    pub route: Route,
    /// The web address, the libraries, the partners sent it.
    pub place: String,
    pub published: NaiveDate,
}
