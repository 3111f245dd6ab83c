//! The list of recently opened plans, kept as JSON in the app's config
//! folder for the start screen, and given to the desktop's own list.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "recent.json";
const KEEP: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecentPlan {
    pub path: String,
    pub title: String,
}

/// The recent plans, newest first. A missing or unreadable list is empty.
pub fn list(config_dir: &Path) -> Vec<RecentPlan> {
    std::fs::read_to_string(config_dir.join(FILE))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Puts `plan` at the top of the list, written atomically.
pub fn remember(config_dir: &Path, plan: RecentPlan) -> std::io::Result<Vec<RecentPlan>> {
    let mut plans = list(config_dir);
    plans.retain(|p| p.path != plan.path);
    plans.insert(0, plan);
    plans.truncate(KEEP);
    save(config_dir, &plans)?;
    Ok(plans)
}

/// Puts the plan at `path` on the desktop's list of recent files (GTK's,
/// which file choosers and the desktop's "Recent" show), as a plan that
/// Planwright opens. Best effort: a desktop without the list loses nothing.
#[cfg(target_os = "linux")]
pub fn tell_desktop(app: &tauri::AppHandle, path: &Path) {
    use gtk::prelude::RecentManagerExt;
    let Some(uri) = path
        .canonicalize()
        .ok()
        .and_then(|p| gtk::glib::filename_to_uri(p, None).ok())
    else {
        return;
    };
    // GTK is used from its own thread only.
    let _ = app.run_on_main_thread(move || {
        let data = gtk::RecentData {
            display_name: None,
            description: None,
            mime_type: "application/vnd.planwright.plan".into(),
            app_name: "Planwright".into(),
            app_exec: "planwright-app %f".into(),
            groups: vec!["Planwright".into()],
            is_private: false,
        };
        if let Some(manager) = gtk::RecentManager::default() {
            manager.add_full(&uri, &data);
        }
    });
}

/// Windows' list takes `SHAddToRecentDocs`: not done yet (docs/windows.md).
#[cfg(not(target_os = "linux"))]
pub fn tell_desktop(_app: &tauri::AppHandle, _path: &Path) {}

fn save(config_dir: &Path, plans: &[RecentPlan]) -> std::io::Result<()> {
    std::fs::create_dir_all(config_dir)?;
    let tmp: PathBuf = config_dir.join(format!("{FILE}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec_pretty(&plans)?)?;
    std::fs::rename(&tmp, config_dir.join(FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recent(path: &str) -> RecentPlan {
        RecentPlan {
            path: path.into(),
            title: format!("Plan at {path}"),
        }
    }

    #[test]
    fn newest_first_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        assert!(list(dir.path()).is_empty());
        remember(dir.path(), recent("/a.plan")).unwrap();
        remember(dir.path(), recent("/b.plan")).unwrap();
        let plans = remember(dir.path(), recent("/a.plan")).unwrap();
        assert_eq!(plans, vec![recent("/a.plan"), recent("/b.plan")]);
        assert_eq!(list(dir.path()), plans);
    }

    #[test]
    fn unreadable_list_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "not json").unwrap();
        assert!(list(dir.path()).is_empty());
    }
}
