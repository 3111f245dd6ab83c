//! The commands the web UI invokes, one file per area. Each is a few lines
//! that call the core library; errors cross as [`crate::error::AppError`].

pub mod about;
pub mod actions;
pub mod assets;
pub mod consultation;
pub mod export;
pub mod files;
pub mod find;
pub mod import;
pub mod outline;
pub mod plan;
pub mod records;
pub mod reports;
pub mod sections;
pub mod spelling;
pub mod versions;
