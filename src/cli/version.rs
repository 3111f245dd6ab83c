//! `version list|snapshot|diff|changes|export|restore`: the plan kept as it
//! is at a stage, compared, exported as it was, restored as a new draft.

use std::path::PathBuf;

use clap::Subcommand;
use planwright::api::{self, versions::Which};
use planwright::compare::{Change, WordsKind};
use planwright::model::version::VersionStage;
use planwright::model::Id;

use super::{open, open_read_only, Out, Outcome};

#[derive(Subcommand)]
pub enum VersionCommand {
    /// The plan's versions, oldest first.
    List { file: PathBuf },
    /// Keep the plan as it is now as a version.
    Snapshot {
        file: PathBuf,
        /// consultation_draft, second_draft, approved, published,
        /// annual_review or draft.
        #[arg(long)]
        stage: VersionStage,
        /// "First draft for consultation, March 2008".
        #[arg(long)]
        name: String,
    },
    /// What changed from one version to another (or to the plan as it is
    /// now: `current`, the default).
    Diff {
        file: PathBuf,
        from: Which,
        #[arg(default_value = "current")]
        to: Which,
    },
    /// Write "Changes since …" as a PDF, Word or HTML file (by its name).
    Changes {
        file: PathBuf,
        from: Which,
        #[arg(default_value = "current")]
        to: Which,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Export a version as the plan was then, as PDF, Word or HTML (by the
    /// output's name).
    Export {
        file: PathBuf,
        version: Id,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Start the year's review: a new plan from the latest approved
    /// version, a draft due for review on --date.
    Review {
        file: PathBuf,
        /// When the review is due, YYYY-MM-DD.
        #[arg(long)]
        date: chrono::NaiveDate,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Restore a version as a new draft, in a new plan file.
    Restore {
        file: PathBuf,
        version: Id,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

pub fn run(c: VersionCommand, out: &Out) -> Outcome {
    match c {
        VersionCommand::List { file } => {
            let list = api::versions::list(&open_read_only(&file)?)?;
            out.show(&list, || {
                if list.is_empty() {
                    return "The plan has no versions yet.".into();
                }
                list.iter()
                    .map(|v| {
                        format!(
                            "#{} {} — {} [{}] sha256:{}",
                            v.id,
                            v.name,
                            v.stage.label(),
                            v.created,
                            &v.sha256[..16]
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        VersionCommand::Snapshot { file, stage, name } => {
            let v = api::versions::snapshot(&mut open(&file)?, stage, &name)?;
            out.show(&v, || {
                format!(
                    "Kept version #{} \"{}\" ({}), sha256 {}",
                    v.id,
                    v.name,
                    v.stage.label(),
                    v.sha256
                )
            });
        }
        VersionCommand::Diff { file, from, to } => {
            let c = api::versions::diff(&open_read_only(&file)?, from, to)?;
            out.show(&c, || {
                let d = &c.diff;
                if d.is_empty() {
                    return format!("No changes from the {} to the {}.", c.from, c.to);
                }
                let mut t = format!("From the {} to the {}:\n", c.from, c.to);
                for ch in &d.chapters {
                    t += &format!("{} chapter \"{}\"", word(ch.change), ch.title);
                    if let (Change::Moved, Some(a), Some(b)) = (ch.change, ch.from, ch.to) {
                        t += &format!(" (from {a} to {b})");
                    }
                    t.push('\n');
                    for s in &ch.sections {
                        t += &format!("  {} section \"{}\"\n", word(s.change), s.title);
                        for p in &s.paragraphs {
                            t += &format!("    {}\n", marked(&p.words));
                        }
                    }
                }
                for (what, list) in [("action", &d.actions), ("indicator", &d.indicators)] {
                    for r in list {
                        t += &format!("{} {what} \"{}\"\n", word(r.change), r.name);
                        for f in &r.fields {
                            t += &format!("  {}: \"{}\" → \"{}\"\n", f.field, f.from, f.to);
                        }
                    }
                }
                t
            });
        }
        VersionCommand::Changes {
            file,
            from,
            to,
            output,
        } => {
            let warnings = api::versions::changes(&open_read_only(&file)?, from, to, &output)?;
            super::export::warn(&warnings);
            out.show(&serde_json::json!({"written": output}), || {
                format!("Wrote {}", output.display())
            });
        }
        VersionCommand::Export {
            file,
            version,
            output,
        } => {
            let warnings = api::versions::export(
                &open_read_only(&file)?,
                version,
                &Default::default(),
                &output,
            )?;
            super::export::warn(&warnings);
            out.show(&serde_json::json!({"written": output}), || {
                format!("Wrote version #{version} to {}", output.display())
            });
        }
        VersionCommand::Review { file, date, output } => {
            let v = api::versions::annual_review(&open_read_only(&file)?, date, &output)?;
            out.show(&v, || {
                format!(
                    "Wrote {}: the review's draft, its first version #{} \"{}\"",
                    output.display(),
                    v.id,
                    v.name
                )
            });
        }
        VersionCommand::Restore {
            file,
            version,
            output,
        } => {
            let v = api::versions::restore(&open_read_only(&file)?, version, &output)?;
            out.show(&v, || {
                format!(
                    "Wrote {}: version #{} \"{}\" as a new draft",
                    output.display(),
                    v.id,
                    v.name
                )
            });
        }
    }
    Ok(())
}

fn word(c: Change) -> &'static str {
    match c {
        Change::Added => "Added",
        Change::Removed => "Removed",
        Change::Moved => "Moved",
        Change::Changed => "Changed",
    }
}

/// A paragraph's words with "[+added+]" and "[-deleted-]" marked.
fn marked(words: &[planwright::compare::Words]) -> String {
    words
        .iter()
        .map(|w| match w.kind {
            WordsKind::Same => w.text.clone(),
            WordsKind::Inserted => format!("[+{}+]", w.text),
            WordsKind::Deleted => format!("[-{}-]", w.text),
        })
        .collect()
}
