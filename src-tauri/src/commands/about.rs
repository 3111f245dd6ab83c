//! The About box: which Planwright this is, and where it keeps things.
//! (The licences it shows are the UI's own file, ui/src/licences.json.)

use serde::Serialize;

use crate::state::ThisWindow;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AboutApp {
    pub version: String,
    /// The file of this window's plan, if one is open.
    pub plan: Option<String>,
    /// The app's own folder: the recent list and the sample.
    pub config_dir: String,
}

#[tauri::command(async)]
pub fn about_app(state: ThisWindow<'_>) -> AboutApp {
    AboutApp {
        version: state.app().package_info().version.to_string(),
        plan: state.plan_path().map(|p| p.display().to_string()),
        config_dir: state.config_dir.display().to_string(),
    }
}
