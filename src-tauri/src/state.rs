//! What the app holds between commands: the open plan and where its own
//! settings live.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use planwright::api::stale::{Changed, View};
use planwright::api::PlanFile;

use crate::error::{AppError, AppResult};
use crate::grants::Grants;

pub struct AppState {
    plan: Mutex<Option<PlanFile>>,
    /// Recent plans and the sample live here (`PLANWRIGHT_CONFIG_DIR`, else
    /// the platform's config folder for the app).
    pub config_dir: PathBuf,
    /// A plan named on the command line, opened at start instead of the
    /// start screen.
    pub launch_path: Option<PathBuf>,
    /// The files the user chose in the app's dialogs.
    pub grants: Grants,
}

impl AppState {
    pub fn new(config_dir: PathBuf, launch_path: Option<PathBuf>) -> Self {
        AppState {
            plan: Mutex::new(None),
            config_dir,
            launch_path,
            grants: Grants::default(),
        }
    }

    /// Runs `f` on the open plan.
    pub fn with_plan<T, E: Into<AppError>>(
        &self,
        f: impl FnOnce(&mut PlanFile) -> Result<T, E>,
    ) -> AppResult<T> {
        let mut guard = self.plan.lock().unwrap_or_else(|p| p.into_inner());
        let plan = guard.as_mut().ok_or_else(AppError::no_plan)?;
        f(plan).map_err(Into::into)
    }

    /// Runs `f`, which changes the open plan, and returns its value with the
    /// views it made stale, for the UI to load again.
    pub fn change<T, E: Into<AppError>>(
        &self,
        stale: &[View],
        f: impl FnOnce(&mut PlanFile) -> Result<T, E>,
    ) -> AppResult<Changed<T>> {
        self.with_plan(f).map(|value| Changed::new(value, stale))
    }

    /// Makes `plan` the open plan, closing the one before.
    pub fn set_plan(&self, plan: PlanFile) {
        *self.plan.lock().unwrap_or_else(|p| p.into_inner()) = Some(plan);
    }

    /// The folder of the open plan, where dialogs start.
    pub fn plan_folder(&self) -> Option<PathBuf> {
        let guard = self.plan.lock().unwrap_or_else(|p| p.into_inner());
        guard
            .as_ref()
            .and_then(|p| p.path().parent().map(Path::to_path_buf))
    }

    pub fn sample_path(&self) -> PathBuf {
        self.config_dir.join("sample.plan")
    }
}
