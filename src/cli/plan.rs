//! `new`, `sample`, `info`, `outline` and `check`.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use planwright::api::plan::{NewPlan, PlanSummary};
use planwright::api::{self, PlanFile};
use planwright::check::Finding;
use planwright::templates::Template;

use super::{open, open_read_only, Failure, Out, Outcome};

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

#[derive(Subcommand)]
pub enum PlanCommand {
    /// Make a PNG or JPEG the plan's logo; it is kept in the plan.
    SetLogo { file: PathBuf, image: PathBuf },
    /// Take the logo off the plan.
    ClearLogo { file: PathBuf },
    /// Make a Word document (.docx or .dotx) the plan's Word template: its
    /// Word exports take its styles. It is kept in the plan.
    SetWordTemplate { file: PathBuf, template: PathBuf },
    /// Take the Word template off the plan (Word exports use Planwright's
    /// own styles).
    ClearWordTemplate { file: PathBuf },
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
    let new = NewPlan {
        template: a.template,
        title: a.title,
        authority: a.authority,
        start_year: a.start,
        end_year: a.end,
    };
    let plan = api::plan::create(&a.file, &new)?;
    report_created(&plan, out)
}

pub fn sample(a: SampleArgs, out: &Out) -> Outcome {
    let plan = api::plan::write_sample(&a.file, a.force)?;
    report_created(&plan, out)
}

fn report_created(plan: &PlanFile, out: &Out) -> Outcome {
    let summary = api::plan::summary(plan)?;
    out.show(&summary, || {
        format!("Created {}\n{}", plan.path().display(), text(&summary))
    });
    Ok(())
}

fn text(s: &PlanSummary) -> String {
    let p = &s.info;
    let mut t = format!("{}\n", p.title);
    if !p.authority.is_empty() {
        t += &format!("{}\n", p.authority);
    }
    t += &format!("Period: {}   Status: {}\n", p.period, p.status);
    if let Some(v) = &p.vision {
        t += &format!("Vision: {v}\n");
    }
    if let Some(logo) = &s.logo {
        t += &format!("Logo: {}\n", logo.name);
    }
    if let Some(template) = &s.word_template {
        t += &format!("Word template: {template}\n");
    }
    t += &format!(
        "{} chapters, {} sections, {} blocks, {} words; {} priorities, {} actions, {} indicators",
        s.chapters, s.sections, s.blocks, s.words, s.priorities, s.actions, s.indicators
    );
    t
}

pub fn run(c: PlanCommand, out: &Out) -> Outcome {
    let (file, summary) = match c {
        PlanCommand::SetWordTemplate { file, template } => {
            let mut plan = open(&file)?;
            let s = api::plan::set_word_template(&mut plan, &template)?;
            return show_template(&file, &s, out);
        }
        PlanCommand::ClearWordTemplate { file } => {
            let mut plan = open(&file)?;
            let s = api::plan::clear_word_template(&mut plan)?;
            return show_template(&file, &s, out);
        }
        PlanCommand::SetLogo { file, image } => {
            let mut plan = open(&file)?;
            let s = api::plan::set_logo(&mut plan, &image)?;
            (file, s)
        }
        PlanCommand::ClearLogo { file } => {
            let mut plan = open(&file)?;
            let s = api::plan::clear_logo(&mut plan)?;
            (file, s)
        }
    };
    out.show(&summary.logo, || match &summary.logo {
        Some(l) => format!("{}: the logo is {}", file.display(), l.name),
        None => format!("{}: no logo", file.display()),
    });
    Ok(())
}

fn show_template(file: &Path, s: &PlanSummary, out: &Out) -> Outcome {
    out.show(&s.word_template, || match &s.word_template {
        Some(t) => format!("{}: the Word template is {t}", file.display()),
        None => format!("{}: no Word template (Planwright's styles)", file.display()),
    });
    Ok(())
}

pub fn info(a: FileArg, out: &Out) -> Outcome {
    let plan = open_read_only(&a.file)?;
    let s = api::plan::summary(&plan)?;
    out.show(&s, || text(&s));
    Ok(())
}

pub fn outline(a: FileArg, out: &Out) -> Outcome {
    let plan = open_read_only(&a.file)?;
    let outline = api::outline::outline(&plan)?;
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
    let findings: Vec<Finding> = api::plan::check(&plan)?;
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
