//! What the app holds between commands: each window's open plan, the plan
//! each window was opened on, and where the app's own settings live.
//!
//! Every window has its own plan; a plan is open for writing in one window
//! at most. Commands reach their window's plan through [`ThisWindow`].

use std::collections::HashMap;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use planwright::api::stale::{Changed, View};
use planwright::api::{ErrorCode, PlanFile};
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{Manager, State, Webview};

use crate::error::{AppError, AppResult};
use crate::grants::Grants;

type Shared = Arc<Mutex<PlanFile>>;

/// A window's plan, with its path kept apart so finding a plan's window
/// never waits on a plan in use.
struct Open {
    /// Canonical.
    path: PathBuf,
    plan: Shared,
}

pub struct AppState {
    /// Each window's plan, by window label. A plan has its own lock, so a
    /// long read in one window never waits on another window's edits.
    plans: Mutex<HashMap<String, Open>>,
    /// The plan a window was opened on: the command line's for the first,
    /// the one a later launch named for the others. Opened at start
    /// instead of the start screen.
    launches: Mutex<HashMap<String, PathBuf>>,
    /// Recent plans and the sample live here (`PLANWRIGHT_CONFIG_DIR`, else
    /// the platform's config folder for the app).
    pub config_dir: PathBuf,
    /// The files the user chose in the app's dialogs.
    pub grants: Grants,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A command that panicked leaves the data as its last step wrote it,
    // which every step keeps whole: go on with it.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One name for a file, however it was named ("./a.plan", a symlink, …);
/// on Windows `C:\…`, not the `\\?\C:\…` that std gives.
fn canonical(path: &Path) -> PathBuf {
    dunce::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl AppState {
    pub fn new(config_dir: PathBuf) -> Self {
        AppState {
            plans: Mutex::new(HashMap::new()),
            launches: Mutex::new(HashMap::new()),
            config_dir,
            grants: Grants::default(),
        }
    }

    /// Opens `window` on `plan` when its page starts.
    pub fn launch(&self, window: &str, plan: PathBuf) {
        lock(&self.launches).insert(window.to_owned(), plan);
    }

    pub fn launch_path(&self, window: &str) -> Option<PathBuf> {
        lock(&self.launches).get(window).cloned()
    }

    /// The window whose plan is the file at `path`, if any.
    pub fn window_with(&self, path: &Path) -> Option<String> {
        let path = canonical(path);
        lock(&self.plans)
            .iter()
            .find(|(_, open)| open.path == path)
            .map(|(label, _)| label.clone())
    }

    fn plan_of(&self, window: &str) -> AppResult<Shared> {
        lock(&self.plans)
            .get(window)
            .map(|open| open.plan.clone())
            .ok_or_else(AppError::no_plan)
    }

    /// Makes `plan` `window`'s plan, closing the one it had; refused, and
    /// `plan` closed, if another window has it open.
    fn set_plan(&self, window: &str, plan: PlanFile) -> Result<(), String> {
        let path = canonical(plan.path());
        let mut plans = lock(&self.plans);
        let elsewhere = plans
            .iter()
            .find(|(label, open)| *label != window && open.path == path);
        if let Some((label, _)) = elsewhere {
            return Err(label.clone());
        }
        let open = Open {
            path,
            plan: Arc::new(Mutex::new(plan)),
        };
        plans.insert(window.to_owned(), open);
        Ok(())
    }

    /// Forgets a closed window and closes its plan.
    pub fn close(&self, window: &str) {
        lock(&self.launches).remove(window);
        lock(&self.plans).remove(window);
    }

    pub fn sample_path(&self) -> PathBuf {
        self.config_dir.join("sample.plan")
    }
}

/// The app's state as the window that called a command sees it: its plan,
/// the plan it was opened on. Taken by commands in place of
/// `State<AppState>`.
pub struct ThisWindow<'r> {
    state: State<'r, AppState>,
    webview: Webview,
}

impl<'r, 'de: 'r> CommandArg<'de, tauri::Wry> for ThisWindow<'r> {
    fn from_command(command: CommandItem<'de, tauri::Wry>) -> Result<Self, InvokeError> {
        let webview = command.message.webview();
        Ok(ThisWindow {
            state: State::from_command(command)?,
            webview,
        })
    }
}

impl Deref for ThisWindow<'_> {
    type Target = AppState;
    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl ThisWindow<'_> {
    pub fn label(&self) -> &str {
        self.webview.label()
    }

    pub fn app(&self) -> &tauri::AppHandle {
        self.webview.app_handle()
    }

    /// Runs `f` on this window's plan.
    pub fn with_plan<T, E: Into<AppError>>(
        &self,
        f: impl FnOnce(&mut PlanFile) -> Result<T, E>,
    ) -> AppResult<T> {
        let plan = self.state.plan_of(self.label())?;
        let mut plan = lock(&plan);
        f(&mut plan).map_err(Into::into)
    }

    /// Runs `f`, which changes this window's plan, and returns its value
    /// with the views it made stale, for the UI to load again.
    pub fn change<T, E: Into<AppError>>(
        &self,
        stale: &[View],
        f: impl FnOnce(&mut PlanFile) -> Result<T, E>,
    ) -> AppResult<Changed<T>> {
        self.with_plan(f).map(|value| Changed::new(value, stale))
    }

    /// Makes `plan` this window's plan. A plan open in another window is
    /// not opened twice: that window comes to the front instead.
    pub fn set_plan(&self, plan: PlanFile) -> AppResult<()> {
        let path = plan.path().display().to_string();
        self.state.set_plan(self.label(), plan).map_err(|other| {
            if let Some(window) = self.app().get_webview_window(&other) {
                crate::windows::bring_forward(&window);
            }
            AppError {
                code: ErrorCode::OpenElsewhere,
                message: format!(
                    "{path} is open in another Planwright window, which is now in front"
                ),
                detail: Some(path),
            }
        })
    }

    /// The plan this window was opened on.
    pub fn launch_path(&self) -> Option<PathBuf> {
        self.state.launch_path(self.label())
    }

    /// The file of this window's plan.
    pub fn plan_path(&self) -> Option<PathBuf> {
        let plans = lock(&self.state.plans);
        plans.get(self.label()).map(|open| open.path.clone())
    }

    /// The folder of this window's plan, where dialogs start.
    pub fn plan_folder(&self) -> Option<PathBuf> {
        self.plan_path()?.parent().map(Path::to_path_buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_open_in_one_window_at_most() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.plan");
        planwright::api::plan::write_sample(&path, false).unwrap();
        let state = AppState::new(dir.path().to_path_buf());
        let open = || planwright::api::plan::open(&path).unwrap();
        state.set_plan("main", open()).unwrap();
        // Named another way, it is still the same file.
        let again = planwright::api::plan::open(&dir.path().join(".").join("a.plan")).unwrap();
        assert_eq!(state.set_plan("plan-1", again), Err("main".to_string()));
        assert!(state.plan_of("plan-1").is_err());
        // The window that has it may open it again.
        state.set_plan("main", open()).unwrap();
        assert_eq!(state.window_with(&path).as_deref(), Some("main"));
        // Closed, it can open elsewhere.
        state.close("main");
        assert_eq!(state.window_with(&path), None);
        state.set_plan("plan-1", open()).unwrap();
        assert_eq!(state.window_with(&path).as_deref(), Some("plan-1"));
    }
}
