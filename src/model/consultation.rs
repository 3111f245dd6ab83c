//! Consultation on a draft: its rounds, who must be consulted, and what
//! each consultee said and what changed as a result.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ValidationError;
use super::string_enum::string_enum;
use super::Id;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Round {
    pub id: Id,
    /// "Consultation on the first draft".
    pub name: String,
    pub opens: NaiveDate,
    /// The comments deadline, which the draft's title page gives.
    pub closes: NaiveDate,
}

string_enum! {
    /// Who a response is from.
    ConsulteeKind {
        /// One of the plan's required consultees, by its code.
        Required = "required",
        /// One of the plan's organisations, by its name.
        Organisation = "organisation",
        /// Anyone else, by name.
        Other = "other",
    }
}

/// Someone the plan is consulted with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Consultee {
    pub kind: ConsulteeKind,
    /// The required consultee's code, or the organisation's name.
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Response {
    pub id: Id,
    pub round: Id,
    pub consultee_kind: ConsulteeKind,
    /// A required consultee's code ("3"), or a name.
    pub consultee: String,
    /// Who, in words: the required consultee's text, or the name.
    pub from: String,
    pub received: Option<NaiveDate>,
    /// What it is about: "section "Play" of chapter "Being Healthy"",
    /// "action 12 "Publish a play strategy"", or empty for the whole plan.
    pub about: String,
    pub said: String,
    /// What changed in the plan as a result; empty while undecided.
    pub outcome: String,
}

/// The longest a response's text may be.
pub const MAX_TEXT: usize = 20_000;

impl Round {
    pub fn check(name: &str, opens: NaiveDate, closes: NaiveDate) -> Result<(), ValidationError> {
        if name.trim().is_empty() || name.chars().count() > 200 {
            return Err(ValidationError::new(
                "name",
                "a round needs a name of 1 to 200 characters",
            ));
        }
        if closes < opens {
            return Err(ValidationError::new(
                "closes",
                format!("{closes} is before the round opens ({opens})"),
            ));
        }
        Ok(())
    }
}
