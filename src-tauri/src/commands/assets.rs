//! Images for figures: added from a file into the plan, shown in the editor.

use std::path::PathBuf;

use base64::Engine;
use planwright::store::{assets, StoreError};
use tauri::State;

use crate::error::AppResult;
use crate::grants::Purpose;
use crate::state::AppState;

/// Reads the image at `path` (chosen in the picture dialog) into the plan;
/// returns the id its figure uses.
#[tauri::command]
pub fn asset_import(state: State<'_, AppState>, path: PathBuf) -> AppResult<String> {
    state.grants.check(Purpose::Figure, &path, false)?;
    let data = std::fs::read(&path).map_err(|source| StoreError::Io {
        path: path.clone(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    state.with_plan(|p| p.write(|tx| assets::import(tx, &name, &data)))
}

/// The image as a `data:` URL (the only kind the app's CSP lets it show),
/// or null if the plan does not hold it.
#[tauri::command]
pub fn asset_url(state: State<'_, AppState>, id: String) -> AppResult<Option<String>> {
    let found = state.with_plan(|p| p.read(|c| assets::get(c, &id)))?;
    Ok(found.map(|(mime, data)| {
        let b64 = base64::engine::general_purpose::STANDARD.encode(data);
        format!("data:{mime};base64,{b64}")
    }))
}
