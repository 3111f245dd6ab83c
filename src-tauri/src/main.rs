// Keeps a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // WebKitGTK's accelerated compositing buys an editor of text nothing, and
    // where there is no GPU (remote desktops, VMs, Xvfb) it renders through
    // software GL: ~100 MB more memory and slower frames. The user's own
    // setting, if any, wins. Set before any thread or GTK starts.
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    planwright_app::run();
}
