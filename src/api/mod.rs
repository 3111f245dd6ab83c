//! The application API: every operation a user can perform on a plan, one
//! function each, grouped by area. The `planwright` command line and the
//! desktop app's commands are adapters of a few lines over these, so the
//! same mistake gets the same message in both; neither reaches into `store`
//! for more than the [`PlanFile`] handle. Each function owns its
//! transaction (one read or one write) and its transport types. Lower
//! layers never import this module.

pub mod actions;
pub mod approval;
pub mod assets;
pub mod consultation;
mod error;
pub mod export;
pub mod find;
pub mod glossary;
pub mod import;
pub mod indicators;
pub mod outline;
pub mod people;
pub mod plan;
pub mod reports;
pub mod sections;
pub mod signing;
pub mod stale;
pub mod versions;

pub use crate::store::PlanFile;
pub use error::{ApiError, ErrorCode, Result};
