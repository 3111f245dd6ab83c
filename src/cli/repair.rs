//! `repair`: a clean copy of a plan that Planwright refuses to open because
//! its schema was changed (a trigger, a view, an extra table).

use std::path::PathBuf;

use clap::Args;
use planwright::api;

use super::{Out, Outcome};

#[derive(Args)]
pub struct RepairArgs {
    /// The plan to copy from. It is only read, never changed.
    pub file: PathBuf,
    /// The new plan file to write; it must not exist yet.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// How many left-out rows to name before saying "and N more".
const NAMED: usize = 20;

pub fn run(a: RepairArgs, out: &Out) -> Outcome {
    let report = api::plan::repair(&a.file, &a.output)?;
    out.show(&report, || {
        let c = &report.copied;
        let mut t = format!(
            "Wrote {}, a clean copy of {}\n",
            report.output.display(),
            report.source.display()
        );
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let copied = [
            n(c.chapters, "chapter", "chapters"),
            n(c.sections, "section", "sections"),
            n(c.blocks, "block", "blocks"),
            n(c.actions, "action", "actions"),
            n(c.indicators, "indicator", "indicators"),
            n(c.priorities, "priority", "priorities"),
            n(c.people, "person", "people"),
            n(c.organisations, "organisation", "organisations"),
            n(c.frameworks, "framework", "frameworks"),
            n(c.glossary_terms, "glossary term", "glossary terms"),
            n(c.notes, "note", "notes"),
            n(c.images, "image", "images"),
            n(c.reports, "committee report", "committee reports"),
            n(c.versions, "version", "versions"),
        ];
        t += &format!("Copied: {}\n", copied.join(", "));
        if report.left_behind.is_empty() {
            t += "Left behind: nothing; the plan's schema was already Planwright's own\n";
        } else {
            t += "Left behind (not in the copy):\n";
            for change in &report.left_behind {
                let o = change.object();
                let on = if o.table.is_empty() || o.table == o.name {
                    String::new()
                } else {
                    format!(" on \"{}\"", o.table)
                };
                t += &format!("  {} \"{}\"{on}\n", o.kind, o.name);
            }
        }
        if !report.left_out.is_empty() {
            t += &format!("Left out ({}):\n", report.left_out.len());
            for what in report.left_out.iter().take(NAMED) {
                t += &format!("  {what}\n");
            }
            if report.left_out.len() > NAMED {
                t += &format!("  and {} more\n", report.left_out.len() - NAMED);
            }
        }
        t
    });
    Ok(())
}
