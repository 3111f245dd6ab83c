//! Argument parsing, dispatch, and exit codes: 0 ok, 1 user error (bad
//! arguments or values, or `check` found problems), 2 file error.

mod action;
mod approval;
mod chapter;
mod consultation;
mod export;
mod find;
mod generate;
mod import;
mod indicator;
mod plan;
mod repair;
mod report;
mod version;

use std::cell::RefCell;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use planwright::api::{self, ApiError};

#[derive(Parser)]
#[command(
    name = "planwright",
    version,
    about = "Write, manage and publish Children and Young People's Plans"
)]
struct Cli {
    /// Print results as JSON, for scripts.
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new plan from a template.
    New(plan::NewArgs),
    /// Write the sample plan (Leicestershire's draft CYPP 2008–2011).
    Sample(plan::SampleArgs),
    /// Show the plan's title, period and counts.
    Info(plan::FileArg),
    /// Set or clear the plan's logo (drawn on the title page of every export).
    #[command(subcommand)]
    Plan(plan::PlanCommand),
    /// Show the chapters and sections with their sizes.
    Outline(plan::FileArg),
    /// Add, rename, move or delete chapters.
    #[command(subcommand)]
    Chapter(chapter::ChapterCommand),
    /// Add, list, edit or delete actions.
    #[command(subcommand)]
    Action(action::ActionCommand),
    /// Add and list indicators and record their figures.
    #[command(subcommand)]
    Indicator(indicator::IndicatorCommand),
    /// List every place a text appears in the plan's chapters.
    Find(find::FindArgs),
    /// Replace a text everywhere in the plan's chapters, in one change.
    Replace(find::ReplaceArgs),
    /// Check the file and the plan: actions without a lead, indicators without targets, empty chapters…
    Check(plan::FileArg),
    /// Export the plan: `export pdf FILE -o OUT.pdf [--draft] [--chapters 1,3-5] [--logo LOGO.png]`.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Copy a plan's data into a clean new plan file, leaving behind anything Planwright does not make: `repair FILE -o CLEAN.plan`.
    Repair(repair::RepairArgs),
    /// Start a new plan from a Word, text or Markdown file: `import PLAN.docx -o NEW.plan`; says what it placed and every line it guessed at or could not place.
    Import(import::ImportArgs),
    /// Consultation on the draft: `consultation open FILE --name … --opens … --closes …`, `consultation respond …`, `consultation summary FILE -o SUMMARY.pdf`.
    #[command(subcommand)]
    Consultation(consultation::ConsultationCommand),
    /// Whether the plan is ready for approval: required contents, leads, timescales, targets (`--contents …` sets the authority's own required contents).
    Readiness(approval::ReadinessArgs),
    /// Record the committee's approval: `approve FILE --committee … --date … --resolution … --approver …`.
    Approve(approval::ApproveArgs),
    /// Write the signed-off PDF of the approved version: `signoff FILE -o OUT.pdf [--key K --cert C | --p12 P] [--password-file F]`.
    Signoff(approval::SignoffArgs),
    /// Make a key and a self-signed certificate to try signing with: `keygen -o DIR` (writes a PKCS#12 file and the PEM pair).
    Keygen(approval::KeygenArgs),
    /// Record where and when the approved plan was published: `publish FILE --route website --where URL --date YYYY-MM-DD` (`--list` lists them).
    Publish(approval::PublishArgs),
    /// Check a signed-off PDF: its digital signature, and with --plan the plan's record: `verify FILE.pdf [--plan FILE.plan] [--json]` (exit 0 only when valid and unchanged).
    Verify(approval::VerifyArgs),
    /// Versions of the plan: `version snapshot FILE --stage approved --name …`, `version diff FILE 1 2`, `version changes FILE 1 -o CHANGES.pdf`.
    #[command(subcommand)]
    Version(version::VersionCommand),
    /// Committee reports in the authority's template, and their packs: `report pack FILE ID -o DIR [--public]`.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Write the manual pages or a shell's completions (for packagers).
    #[command(subcommand, hide = true)]
    Generate(generate::GenerateCommand),
}

/// A failure to report: the message and the exit code.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn user(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

/// The exit status comes from the error's code: 1 for a mistake in what
/// was asked, 2 for a problem with a file.
impl From<ApiError> for Failure {
    fn from(e: ApiError) -> Self {
        Failure {
            code: e.code().exit_status(),
            message: e.to_string(),
        }
    }
}

pub type Outcome = Result<(), Failure>;

/// What a command prints: human text or JSON.
pub struct Out {
    pub json: bool,
    /// The first failure to write to stdout; nothing more is written after it.
    failed: RefCell<Option<std::io::Error>>,
}

impl Out {
    /// Prints `value` as JSON, or calls `text` for the human form. A failed
    /// write (stdout closed, as by `| head -1`, or a full disk) is kept for
    /// `main` to report, rather than a panic.
    pub fn show<T: serde::Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.failed.borrow().is_some() {
            return;
        }
        let mut stdout = std::io::stdout().lock();
        let written = if self.json {
            serde_json::to_writer_pretty(&mut stdout, value)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(stdout))
        } else {
            let t = text();
            if t.is_empty() {
                Ok(())
            } else {
                writeln!(stdout, "{}", t.trim_end())
            }
        };
        if let Err(e) = written.and_then(|()| stdout.flush()) {
            *self.failed.borrow_mut() = Some(e);
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let _ = e.print();
            return match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => ExitCode::SUCCESS,
                _ => ExitCode::from(1),
            };
        }
    };
    let out = Out {
        json: cli.json,
        failed: RefCell::new(None),
    };
    let result = match cli.command {
        Command::New(a) => plan::new(a, &out),
        Command::Sample(a) => plan::sample(a, &out),
        Command::Info(a) => plan::info(a, &out),
        Command::Plan(c) => plan::run(c, &out),
        Command::Outline(a) => plan::outline(a, &out),
        Command::Chapter(c) => chapter::run(c, &out),
        Command::Action(c) => action::run(c, &out),
        Command::Indicator(c) => indicator::run(c, &out),
        Command::Find(a) => find::find(a, &out),
        Command::Replace(a) => find::replace(a, &out),
        Command::Check(a) => plan::check(a, &out),
        Command::Export(c) => export::run(c, &out),
        Command::Repair(a) => repair::run(a, &out),
        Command::Import(a) => import::run(a, &out),
        Command::Report(c) => report::run(c, &out),
        Command::Version(c) => version::run(c, &out),
        Command::Consultation(c) => consultation::run(c, &out),
        Command::Readiness(a) => approval::readiness(a, &out),
        Command::Approve(a) => approval::approve(a, &out),
        Command::Signoff(a) => approval::signoff(a, &out),
        Command::Keygen(a) => approval::keygen(a, &out),
        Command::Verify(a) => approval::verify(a, &out),
        Command::Publish(a) => approval::publish(a, &out),
        Command::Generate(c) => generate::run(c, &out),
    };
    // Whoever closed our stdout (`| head -1`) has what they wanted: end
    // quietly. Any other failure to write the output is reported.
    let result = match (result, out.failed.into_inner()) {
        (Ok(()), Some(e)) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Failure {
            code: 2,
            message: format!("could not write the output: {e}"),
        }),
        (result, _) => result,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // Written, not `eprintln!`: a closed stderr must not panic either.
            let mut stderr = std::io::stderr().lock();
            let _ = if cli.json {
                writeln!(
                    stderr,
                    "{}",
                    serde_json::json!({"error": f.message, "exit": f.code})
                )
            } else {
                writeln!(stderr, "planwright: {}", f.message)
            };
            ExitCode::from(f.code)
        }
    }
}

/// The plan file argument every command that changes the plan takes first.
/// A plan of an older format is upgraded, and the user told where the copy
/// of it as it was is kept.
pub fn open(path: &Path) -> Result<api::PlanFile, Failure> {
    let plan = api::plan::open(path)?;
    if let Some(upgrade) = plan.upgraded() {
        let _ = writeln!(
            std::io::stderr().lock(),
            "planwright: {}: {upgrade}",
            path.display()
        );
    }
    Ok(plan)
}

/// The plan file argument of a command that only reads: the plan is never
/// written, so it can be in a read-only folder and keeps its checksum.
pub fn open_read_only(path: &Path) -> Result<api::PlanFile, Failure> {
    Ok(api::plan::open_read_only(path)?)
}
