//! Images for figures: added from a file into the plan, shown in the editor.

use std::path::PathBuf;

use base64::Engine;
use planwright::api;

use crate::error::AppResult;
use crate::grants::Purpose;
use crate::state::ThisWindow;

/// Reads the image at `path` (chosen in the picture dialog) into the plan;
/// returns the id its figure uses.
#[tauri::command(async)]
pub fn asset_import(state: ThisWindow<'_>, path: PathBuf) -> AppResult<String> {
    state.grants.check(Purpose::Figure, &path, false)?;
    state.with_plan(|p| api::assets::import(p, &path))
}

/// The image as a `data:` URL (the only kind the app's CSP lets it show),
/// or null if the plan does not hold it.
#[tauri::command(async)]
pub fn asset_url(state: ThisWindow<'_>, id: String) -> AppResult<Option<String>> {
    let found = state.with_plan(|p| api::assets::get(p, &id))?;
    Ok(found.map(|(mime, data)| {
        let b64 = base64::engine::general_purpose::STANDARD.encode(data);
        format!("data:{mime};base64,{b64}")
    }))
}
