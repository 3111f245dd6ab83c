//! `import`: a new plan from a Word, text or Markdown file, and the report of
//! what was placed and what was guessed at or left unplaced.

use std::path::PathBuf;

use clap::Args;
use planwright::api;

use super::{Out, Outcome};

#[derive(Args)]
pub struct ImportArgs {
    /// The Word, text or Markdown file (.docx, .txt, .md) to read. It is only read.
    pub file: PathBuf,
    /// The new plan file to write; it must not exist yet.
    #[arg(short = 'o', long = "output", required_unless_present = "into")]
    pub output: Option<PathBuf>,
    /// Or a plan to add the file's chapters (and actions) to, after its own.
    #[arg(long, value_name = "PLAN", conflicts_with_all = ["output", "title"])]
    pub into: Option<PathBuf>,
    /// The new plan's title (default: the document's title, or its file name).
    #[arg(long)]
    pub title: Option<String>,
}

pub fn run(a: ImportArgs, out: &Out) -> Outcome {
    let done = match (&a.into, &a.output) {
        (Some(plan), _) => api::import::into_plan(&mut super::open(plan)?, &a.file)?,
        (None, Some(output)) => api::import::text_to_new_plan(&a.file, output, a.title.as_deref())?,
        (None, None) => unreachable!("clap requires --output or --into"),
    };
    out.show(&done, || {
        let r = &done.report;
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut t = match a.into {
            Some(_) => format!("Added to {} from {}\n", done.plan, done.source),
            None => format!("Wrote {} from {}\n", done.plan, done.source),
        };
        t += &format!(
            "Placed: {}, {}, {} ({} numbered), {}, {}, {}, {}, {}, {}, {}, {}, {}\n",
            n(r.chapters, "chapter", "chapters"),
            n(r.sections, "section", "sections"),
            n(r.paragraphs, "paragraph", "paragraphs"),
            r.numbered_paragraphs,
            n(r.lists, "list", "lists"),
            n(r.tables, "table", "tables"),
            n(r.quotes, "quote", "quotes"),
            n(r.footnotes, "footnote", "footnotes"),
            n(r.actions, "action", "actions"),
            n(r.boxes, "box", "boxes"),
            n(r.figures, "figure", "figures"),
            n(r.glossary, "glossary entry", "glossary entries"),
            n(r.reports, "committee report", "committee reports"),
        );
        t += &format!("Read as {}\n", r.encoding);
        if r.notes.is_empty() {
            t += "Every line was placed as it reads.";
        } else {
            for note in &r.notes {
                t += &format!("{} {}: {}\n", r.place, note.line, note.said);
            }
            if r.more_notes > 0 {
                t += &format!("… and {} more lines guessed at or left out\n", r.more_notes);
            }
            t.pop();
        }
        t
    });
    Ok(())
}
