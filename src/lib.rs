//! Planwright's core: the plan file, the plan model, and everything a user
//! can do to a plan. No Tauri and no webview here; the CLI and the desktop
//! shell are thin layers over this library.

pub mod api;
pub mod check;
pub mod compare;
pub mod compose;
pub mod export;
pub mod import;
pub mod model;
pub mod picture;
pub mod readiness;
pub mod sign;
pub mod store;
pub mod templates;
pub mod untrusted_xml;
