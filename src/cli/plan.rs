//! `new`, `sample`, `info`, `outline` and `check`.

use std::path::PathBuf;

use clap::Args;
use planwright::check::Finding;
use planwright::model::{OutlineChapter, PlanInfo};
use planwright::store::{self, PlanFile, StoreError};
use planwright::templates::{self, Template};
use serde::Serialize;

use super::{open_read_only, Failure, Out, Outcome};

#[derive(Args)]
pub struct FileArg {
    /// The plan file (.plan).
    pub file: PathBuf,
}

#[derive(Args)]
pub struct NewArgs {
    /// Where to create the plan (.plan).
    pub file: PathBuf,
    /// cypp (the ten chapters of a Children and Young People's Plan) or blank.
    #[arg(long, default_value = "cypp")]
    pub template: Template,
    #[arg(long)]
    pub title: Option<String>,
    /// The council, e.g. "Leicestershire County Council".
    #[arg(long)]
    pub authority: Option<String>,
    /// First year of the plan's period (default: this year).
    #[arg(long)]
    pub start: Option<i32>,
    /// Last year of the plan's period (default: start + 3).
    #[arg(long)]
    pub end: Option<i32>,
}

#[derive(Args)]
pub struct SampleArgs {
    /// Where to write the sample plan.
    pub file: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn new(a: NewArgs, out: &Out) -> Outcome {
    let start = a
        .start
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let mut info = PlanInfo::titled(
        a.title.as_deref().unwrap_or(&format!(
            "Children and Young People's Plan {start}–{}",
            a.end.unwrap_or(start + 3)
        )),
        start,
    );
    if let Some(end) = a.end {
        info.period.end = end;
    }
    if let Some(authority) = a.authority {
        info.authority = authority;
    }
    info.validate()?;
    let plan = PlanFile::create(&a.file, &a.template.bundle(info))?;
    report_created(&plan, out)
}

pub fn sample(a: SampleArgs, out: &Out) -> Outcome {
    if a.force {
        remove_plan(&a.file)?;
    }
    let plan = PlanFile::create(&a.file, &templates::sample())?;
    report_created(&plan, out)
}

/// Removes a plan file and its SQLite side files, refusing anything that is not a plan.
fn remove_plan(path: &PathBuf) -> Outcome {
    match PlanFile::open_read_only(path) {
        Ok(plan) => drop(plan),
        Err(StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.clone().into_os_string();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Failure {
                    code: 2,
                    message: format!("{}: {e}", path.display()),
                })
            }
        }
    }
    Ok(())
}

fn report_created(plan: &PlanFile, out: &Out) -> Outcome {
    let summary = summarise(plan)?;
    out.show(&summary, || {
        format!("Created {}\n{}", plan.path().display(), summary.text())
    });
    Ok(())
}

#[derive(Serialize)]
struct Summary {
    file: String,
    plan: PlanInfo,
    chapters: usize,
    sections: usize,
    blocks: usize,
    words: usize,
    actions: usize,
    indicators: usize,
    priorities: usize,
    modified: String,
}

impl Summary {
    fn text(&self) -> String {
        let p = &self.plan;
        let mut t = format!("{}\n", p.title);
        if !p.authority.is_empty() {
            t += &format!("{}\n", p.authority);
        }
        t += &format!("Period: {}   Status: {}\n", p.period, p.status);
        if let Some(v) = &p.vision {
            t += &format!("Vision: {v}\n");
        }
        t += &format!(
            "{} chapters, {} sections, {} blocks, {} words; {} priorities, {} actions, {} indicators",
            self.chapters, self.sections, self.blocks, self.words, self.priorities, self.actions, self.indicators
        );
        t
    }
}

fn summarise(plan: &PlanFile) -> Result<Summary, Failure> {
    Ok(plan.read(|conn| {
        let outline = store::outline::outline(conn)?;
        Ok(Summary {
            file: plan.path().display().to_string(),
            plan: store::plan_info::get(conn)?,
            chapters: outline.len(),
            sections: outline.iter().map(|c| c.sections.len()).sum(),
            blocks: outline.iter().map(OutlineChapter::blocks).sum(),
            words: outline.iter().map(OutlineChapter::words).sum(),
            actions: store::actions::count(conn)?,
            indicators: store::indicators::count(conn)?,
            priorities: store::priorities::list(conn)?.len(),
            modified: store::plan_info::timestamps(conn)?.1,
        })
    })?)
}

pub fn info(a: FileArg, out: &Out) -> Outcome {
    let plan = open_read_only(&a.file)?;
    let s = summarise(&plan)?;
    out.show(&s, || s.text());
    Ok(())
}

pub fn outline(a: FileArg, out: &Out) -> Outcome {
    let plan = open_read_only(&a.file)?;
    let outline = plan.read(store::outline::outline)?;
    out.show(&outline, || {
        let mut t = String::new();
        for c in &outline {
            let number = c
                .number
                .map(|n| format!("{n:>2}"))
                .unwrap_or_else(|| "  ".into());
            t += &format!(
                "#{:<4} {number}  {:<48} {:>3} sections {:>5} words\n",
                c.chapter.id,
                c.chapter.title,
                c.sections.len(),
                c.words()
            );
            for s in c.sections.iter().filter(|s| s.section.title.is_some()) {
                t += &format!(
                    "           - {}\n",
                    s.section.title.as_deref().unwrap_or_default()
                );
            }
        }
        t
    });
    Ok(())
}

pub fn check(a: FileArg, out: &Out) -> Outcome {
    let plan = open_read_only(&a.file)?;
    let findings: Vec<Finding> = planwright::check::check(&plan)?;
    out.show(&findings, || {
        if findings.is_empty() {
            return "No problems found.".into();
        }
        let mut t: String = findings
            .iter()
            .map(|f| format!("{}: {}\n", f.at, f.message))
            .collect();
        t += &format!(
            "{} problem{} found.",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        );
        t
    });
    if findings.is_empty() {
        Ok(())
    } else {
        // Already printed; the exit code tells scripts.
        Err(Failure::user(format!(
            "{} problem(s) found in {}",
            findings.len(),
            a.file.display()
        )))
    }
}
