//! The app's windows: one per open plan, all in one process. A plan opened
//! from the desktop while the app runs (a double-click on a mailed plan)
//! reaches the running app, which opens it in a new window, or brings
//! forward the window that already has it.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use tauri::{AppHandle, Manager, WebviewWindow, WebviewWindowBuilder};

use crate::state::AppState;

/// What a later launch asked for (its arguments and folder), handed over
/// by the single-instance plugin.
pub fn on_second_launch(app: &AppHandle, argv: Vec<String>, cwd: String) {
    let plan = argv.get(1).map(|arg| Path::new(&cwd).join(arg));
    let state = app.state::<AppState>();
    let existing = plan.as_deref().and_then(|p| state.window_with(p));
    if let Some(window) = existing.and_then(|label| app.get_webview_window(&label)) {
        bring_forward(&window);
        return;
    }
    if let Err(e) = open(app, plan) {
        eprintln!("Planwright could not open a window: {e}");
    }
}

/// Opens a new window, on `plan` or on the start screen.
pub fn open(app: &AppHandle, plan: Option<PathBuf>) -> tauri::Result<WebviewWindow> {
    static NEXT: AtomicUsize = AtomicUsize::new(1);
    let label = format!("plan-{}", NEXT.fetch_add(1, Ordering::Relaxed));
    if let Some(plan) = plan {
        app.state::<AppState>().launch(&label, plan);
    }
    // Like the first window, as tauri.conf.json describes it.
    let mut config = app.config().app.windows[0].clone();
    config.label = label;
    let window = WebviewWindowBuilder::from_config(app, &config)?.build()?;
    crate::webview::tune(&window);
    Ok(window)
}

pub fn bring_forward(window: &WebviewWindow) {
    let _ = window.unminimize();
    let _ = window.show();
    let _ = window.set_focus();
}
