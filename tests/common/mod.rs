//! Shared by the integration tests: running the real CLI binary on real files.
#![allow(dead_code)]

pub mod pdf_ua;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs `planwright ARGS` and captures what it says.
pub fn planwright<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .output()
        .expect("planwright runs")
        .into()
}

/// A temporary folder holding a freshly written sample plan.
pub fn sample_plan() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.plan");
    planwright::store::PlanFile::create(&path, &planwright::templates::sample()).unwrap();
    (dir, path)
}

pub fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}
