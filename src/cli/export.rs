//! `export pdf|docx|html`: the typeset plan as a tagged PDF, as a Word
//! document in real Word styles, or as one self-contained accessible web
//! page.

use std::io::Write as _;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use planwright::api::{
    self,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
};
use serde_json::json;

use super::{open_read_only, Failure, Out, Outcome};

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Typeset the plan as an accessible (tagged) PDF.
    Pdf(ExportArgs),
    /// Write the plan as a Word document (.docx) in Word's own styles, for
    /// committee clerks and partners who edit it.
    Docx(ExportArgs),
    /// Write the plan as one accessible web page that needs nothing else
    /// (styles and pictures inside it).
    Html(ExportArgs),
}

#[derive(Args)]
pub struct ExportArgs {
    /// The plan file (.plan).
    pub file: PathBuf,
    /// Where to write the export.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Mark it "DRAFT — not for publication" (on every page of a PDF).
    #[arg(long)]
    pub draft: bool,
    /// Only these chapters, by position: 1,3-5.
    #[arg(long, value_parser = parse_chapters)]
    pub chapters: Option<Chapters>,
    /// Instead of the plan, an appendix made from its data: `actions`, the
    /// action plan (a table of actions under each objective),
    /// `indicators` (baselines, targets and actuals under each priority),
    /// or `glossary`.
    #[arg(long, value_enum, conflicts_with = "chapters")]
    pub appendix: Option<AppendixArg>,
    /// What the action plan groups its actions under.
    #[arg(long, value_enum, default_value_t = GroupBy::Objective, requires = "appendix")]
    pub group_by: GroupBy,
    /// The action plan's columns after Activity and Responsibility:
    /// timescale, outcome (Every Child Matters), status (with RAG), e.g.
    /// --columns timescale,status.
    #[arg(long, value_enum, value_delimiter = ',', requires = "appendix")]
    pub columns: Vec<ColumnArg>,
    /// The authority's logo for the title page (PNG or JPEG).
    #[arg(long, value_name = "IMAGE")]
    pub logo: Option<PathBuf>,
    /// Word only: a Word document (.docx or .dotx) whose styles this
    /// export takes, instead of the plan's Word template.
    #[arg(long, value_name = "DOCX")]
    pub template: Option<PathBuf>,
}

enum Format {
    Pdf,
    Docx,
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum AppendixArg {
    Actions,
    Indicators,
    Glossary,
}

#[derive(Clone, Copy, Debug, PartialEq, ValueEnum)]
pub enum ColumnArg {
    Timescale,
    Outcome,
    Status,
}

#[derive(Clone, Debug)]
pub struct Chapters(Vec<usize>);

/// "1,3-5" → [1, 3, 4, 5].
fn parse_chapters(s: &str) -> Result<Chapters, String> {
    let mut out = Vec::new();
    for part in s.split(',').map(str::trim) {
        let num = |t: &str| {
            t.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    format!("\"{t}\" is not a chapter position (1, 2, …); write e.g. 1,3-5")
                })
        };
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (num(a)?, num(b)?);
                if b < a {
                    return Err(format!(
                        "\"{part}\" runs backwards; write the lower number first"
                    ));
                }
                out.extend(a..=b);
            }
            None => out.push(num(part)?),
        }
    }
    out.sort_unstable();
    out.dedup();
    Ok(Chapters(out))
}

pub fn run(c: ExportCommand, out: &Out) -> Outcome {
    let (a, format) = match c {
        ExportCommand::Pdf(a) => (a, Format::Pdf),
        ExportCommand::Docx(a) => (a, Format::Docx),
        ExportCommand::Html(a) => (a, Format::Html),
    };
    if a.template.is_some() && !matches!(format, Format::Docx) {
        return Err(Failure::user(
            "--template is for Word exports (export docx); PDFs and web pages have Planwright's styles",
        ));
    }
    let plan = open_read_only(&a.file)?;
    let request = ExportRequest {
        word_template: a.template,
        draft: a.draft,
        chapters: a.chapters.map(|c| c.0),
        logo: a.logo,
        date: None,
        appendix: a.appendix.map(|which| match which {
            AppendixArg::Actions => Appendix::Actions {
                group_by: a.group_by,
                columns: ActionColumns {
                    timescale: a.columns.contains(&ColumnArg::Timescale),
                    outcome: a.columns.contains(&ColumnArg::Outcome),
                    status: a.columns.contains(&ColumnArg::Status),
                },
            },
            AppendixArg::Indicators => Appendix::Indicators,
            AppendixArg::Glossary => Appendix::Glossary,
        }),
    };
    let warnings = match format {
        Format::Pdf => api::export::pdf(&plan, &request, &a.output, None)?,
        Format::Docx => api::export::docx(&plan, &request, &a.output)?,
        Format::Html => api::export::html(&plan, &request, &a.output)?,
    };
    warn(&warnings);
    out.show(&json!({"output": a.output, "draft": a.draft}), || {
        format!("Wrote {}", a.output.display())
    });
    Ok(())
}

/// An export's warnings on stderr, each a line; the file is written
/// anyway, and a closed stderr is no reason to fail it.
pub fn warn(warnings: &[String]) {
    let mut stderr = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(stderr, "planwright: warning: {w}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_ranges_parse_and_explain_mistakes() {
        assert_eq!(parse_chapters("1,3-5").unwrap().0, [1, 3, 4, 5]);
        assert_eq!(parse_chapters("2, 2").unwrap().0, [2]);
        assert!(parse_chapters("0")
            .unwrap_err()
            .contains("not a chapter position"));
        assert!(parse_chapters("5-3").unwrap_err().contains("backwards"));
    }
}
