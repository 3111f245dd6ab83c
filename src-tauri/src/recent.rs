//! The list of recently opened plans, kept as JSON in the app's config folder,
//! with the logo last exported with each.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

const FILE: &str = "recent.json";
const KEEP: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecentPlan {
    pub path: String,
    pub title: String,
    /// The logo file last put on this plan's title page.
    #[serde(default)]
    pub logo: Option<String>,
}

/// The recent plans, newest first. A missing or unreadable list is empty.
pub fn list(config_dir: &Path) -> Vec<RecentPlan> {
    std::fs::read_to_string(config_dir.join(FILE))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Puts `plan` at the top of the list (keeping the logo it had), written
/// atomically.
pub fn remember(config_dir: &Path, mut plan: RecentPlan) -> std::io::Result<Vec<RecentPlan>> {
    let mut plans = list(config_dir);
    if let Some(old) = plans.iter().find(|p| p.path == plan.path) {
        plan.logo = plan.logo.or_else(|| old.logo.clone());
    }
    plans.retain(|p| p.path != plan.path);
    plans.insert(0, plan);
    plans.truncate(KEEP);
    save(config_dir, &plans)?;
    Ok(plans)
}

/// Records the logo (or none) last used for the plan at `path`.
pub fn set_logo(config_dir: &Path, path: &str, logo: Option<String>) -> std::io::Result<()> {
    let mut plans = list(config_dir);
    if let Some(p) = plans.iter_mut().find(|p| p.path == path) {
        p.logo = logo;
        save(config_dir, &plans)?;
    }
    Ok(())
}

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
            logo: None,
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
    fn a_plan_keeps_its_logo_when_opened_again() {
        let dir = tempfile::tempdir().unwrap();
        remember(dir.path(), recent("/a.plan")).unwrap();
        set_logo(dir.path(), "/a.plan", Some("/crest.png".into())).unwrap();
        let plans = remember(dir.path(), recent("/a.plan")).unwrap();
        assert_eq!(plans[0].logo.as_deref(), Some("/crest.png"));
        set_logo(dir.path(), "/a.plan", None).unwrap();
        assert_eq!(list(dir.path())[0].logo, None);
    }

    #[test]
    fn unreadable_list_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "not json").unwrap();
        assert!(list(dir.path()).is_empty());
    }
}
