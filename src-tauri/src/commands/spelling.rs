//! Spelling checked as the user types, in the plan's language: WebKitGTK's
//! spell checker, with the hunspell dictionaries the setup installs.

use std::sync::mpsc;
use std::time::Duration;

use planwright::api::{self, ErrorCode};
use tauri::WebviewWindow;

use crate::error::{AppError, AppResult};
use crate::state::ThisWindow;

/// Checks spelling in the open plan's language from now on, and returns
/// the dictionaries the webview is using ("en_GB"): none if there is no
/// dictionary for it.
#[tauri::command(async)]
pub fn spelling_apply(state: ThisWindow<'_>, window: WebviewWindow) -> AppResult<Vec<String>> {
    let language = state.with_plan(|p| api::plan::info(p))?.language;
    // Dictionaries are named en_GB where the tag says en-GB.
    let dictionary = language.replace('-', "_");
    let (tx, rx) = mpsc::channel();
    window
        .with_webview(move |webview| {
            let _ = tx.send(set_languages(webview, &dictionary));
        })
        .map_err(|e| AppError::new(ErrorCode::Io, format!("the spell checker: {e}")))?;
    // The webview runs this on the window's thread, which is free: this
    // command is not on it.
    rx.recv_timeout(Duration::from_secs(10))
        .map_err(|_| AppError::new(ErrorCode::Io, "the spell checker did not answer"))
}

#[cfg(target_os = "linux")]
fn set_languages(webview: tauri::webview::PlatformWebview, dictionary: &str) -> Vec<String> {
    use webkit2gtk::{WebContextExt, WebViewExt};
    let Some(context) = webview.inner().context() else {
        return Vec::new();
    };
    context.set_spell_checking_enabled(true);
    context.set_spell_checking_languages(&[dictionary]);
    context
        .spell_checking_languages()
        .iter()
        .map(|l| l.to_string())
        .collect()
}

/// Other platforms' webviews check spelling in the system's language.
#[cfg(not(target_os = "linux"))]
fn set_languages(_webview: tauri::webview::PlatformWebview, _dictionary: &str) -> Vec<String> {
    Vec::new()
}
