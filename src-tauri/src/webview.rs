//! The webview's memory. The app shows only its own page and never
//! navigates, so it needs none of a browser's page and resource caches:
//! WebKitGTK's "document viewer" cache model keeps them smallest.

#[cfg(target_os = "linux")]
pub fn tune(window: &tauri::WebviewWindow) {
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
    let _ = window.with_webview(|webview| {
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    });
}

#[cfg(not(target_os = "linux"))]
pub fn tune(_window: &tauri::WebviewWindow) {}
