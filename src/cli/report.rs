//! `report list|show|new|edit|delete|pack` and `report template
//! list|import|export`: committee reports in their authority's template,
//! and their packs.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use planwright::api;
use planwright::api::reports::{NewReport, ReportEdit};
use planwright::model::prosemirror::parse_doc;
use planwright::model::report::{AppendixSource, Exempt, ReportAppendix, ReportStatus};
use planwright::model::{GroupBy, Id};
use serde_json::json;

use super::{open, open_read_only, Failure, Out, Outcome};

#[derive(Subcommand)]
pub enum ReportCommand {
    /// The plan's committee reports.
    List { file: PathBuf },
    /// A report: its fields, sections, appendices and what it lacks.
    Show { file: PathBuf, report: Id },
    /// Start a report in a template (its sections, empty).
    New {
        file: PathBuf,
        /// leicestershire, derby, or one of the plan's own (`report template list`).
        #[arg(long)]
        template: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        committee: Option<String>,
        /// YYYY-MM-DD.
        #[arg(long)]
        meeting_date: Option<NaiveDate>,
    },
    /// Change a report's fields, sections or appendices.
    Edit(Box<EditArgs>),
    /// Delete a report (its appendices stay in the plan: they are links).
    Delete {
        file: PathBuf,
        report: Id,
        #[arg(long)]
        yes: bool,
    },
    /// Export the cover report and its appendices into a folder: one PDF
    /// (each appendix from a new page, bookmarked) and Word files.
    Pack {
        file: PathBuf,
        report: Id,
        /// The folder (made if need be).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The public version: no exempt appendix, no officers' sign-off.
        #[arg(long)]
        public: bool,
    },
    #[command(subcommand)]
    Template(TemplateCommand),
}

#[derive(clap::Args)]
pub struct EditArgs {
    file: PathBuf,
    report: Id,
    #[arg(long)]
    title: Option<String>,
    #[arg(long)]
    committee: Option<String>,
    /// YYYY-MM-DD, or "none".
    #[arg(long)]
    meeting_date: Option<DateArg>,
    /// "Report of the Corporate Director for Children & Young People".
    #[arg(long)]
    report_of: Option<String>,
    #[arg(long)]
    author: Option<String>,
    /// Telephone and email.
    #[arg(long)]
    contact: Option<String>,
    /// The report's date, YYYY-MM-DD, or "none".
    #[arg(long)]
    date: Option<DateArg>,
    /// draft or final.
    #[arg(long)]
    status: Option<ReportStatus>,
    /// Schedule 12A paragraph (1–7) of the exempt information.
    #[arg(long, requires = "exempt_reason")]
    exempt_paragraph: Option<u8>,
    #[arg(long, requires = "exempt_paragraph")]
    exempt_reason: Option<String>,
    /// Take the exempt marker off.
    #[arg(long, conflicts_with = "exempt_paragraph")]
    not_exempt: bool,
    /// KEY=TEXT or KEY=@FILE: a section's text. Paragraphs are parted by
    /// blank lines; one starting with a number ("1.", "2.1") is numbered;
    /// lines starting "•" or "-" are bullets.
    #[arg(long = "section", value_name = "KEY=TEXT")]
    sections: Vec<String>,
    /// KEY=TITLE: a section's printed title.
    #[arg(long = "section-title", value_name = "KEY=TITLE")]
    titles: Vec<String>,
    /// KIND=TITLE: add an appendix. KIND is plan, chapters:1,3,
    /// actions[:objective|lead|outcome], indicators, consultees, consultation, glossary
    /// or file:PATH (a PDF or Word file, kept in the plan).
    #[arg(long = "appendix", value_name = "KIND=TITLE")]
    appendices: Vec<String>,
    /// As --appendix, for an appendix that is exempt (left out of the
    /// public pack).
    #[arg(long = "exempt-appendix", value_name = "KIND=TITLE")]
    exempt_appendices: Vec<String>,
    /// Remove the report's appendix N (as `report show` numbers them among
    /// the report's own).
    #[arg(long = "remove-appendix", value_name = "N")]
    remove: Vec<usize>,
}

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// The templates reports can use: built in, and the plan's own.
    List { file: PathBuf },
    /// Add a template (a JSON file, as `export` writes) to the plan.
    Import { file: PathBuf, template: PathBuf },
    /// Write a template as a JSON file, to edit or pass on.
    Export {
        file: PathBuf,
        key: String,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

/// A date to set, or "none" to clear it.
#[derive(Clone, Copy)]
struct DateArg(Option<NaiveDate>);

impl std::str::FromStr for DateArg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "" | "none" => Ok(DateArg(None)),
            d => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(|d| DateArg(Some(d)))
                .map_err(|_| format!("\"{d}\" is not a date: write YYYY-MM-DD, or none")),
        }
    }
}

pub fn run(c: ReportCommand, out: &Out) -> Outcome {
    match c {
        ReportCommand::List { file } => {
            let list = api::reports::list(&open_read_only(&file)?)?;
            out.show(&list, || {
                if list.is_empty() {
                    return "The plan has no committee reports.".into();
                }
                list.iter()
                    .map(|r| {
                        let when = r.meeting_date.map(|d| format!(", {d}")).unwrap_or_default();
                        format!(
                            "#{} {} — {}{when} [{}; {}; {} appendices{}]",
                            r.id,
                            r.title,
                            if r.committee.is_empty() {
                                "no committee"
                            } else {
                                &r.committee
                            },
                            r.template,
                            r.status.as_str(),
                            r.appendices,
                            if r.exempt { "; exempt parts" } else { "" }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ReportCommand::Show { file, report } => {
            let view = api::reports::get(&open_read_only(&file)?, report)?;
            show(out, &view);
        }
        ReportCommand::New {
            file,
            template,
            title,
            committee,
            meeting_date,
        } => {
            let mut plan = open(&file)?;
            let view = api::reports::create(
                &mut plan,
                &NewReport {
                    template,
                    title,
                    committee: committee.unwrap_or_default(),
                    meeting_date,
                },
            )?;
            out.show(&json!({"id": view.report.id}), || {
                format!(
                    "Added report #{} \"{}\" with {} sections",
                    view.report.id,
                    view.report.body.title,
                    view.report.body.sections.len()
                )
            });
        }
        ReportCommand::Edit(a) => {
            let mut plan = open(&a.file)?;
            let edit = edit_of(&mut plan, &a)?;
            let view = api::reports::edit(&mut plan, a.report, &edit)?;
            show(out, &view);
        }
        ReportCommand::Delete { file, report, yes } => {
            if !yes {
                return Err(Failure::user(format!(
                    "deleting report {report} cannot be undone; add --yes to delete it"
                )));
            }
            api::reports::delete(&mut open(&file)?, report)?;
            out.show(&json!({"deleted": report}), || {
                format!("Deleted report #{report}")
            });
        }
        ReportCommand::Pack {
            file,
            report,
            output,
            public,
        } => {
            let plan = open_read_only(&file)?;
            let done = api::reports::pack(&plan, report, &output, public, None)?;
            out.show(&done, || {
                let mut t = format!(
                    "Wrote the {} pack to {}\n{}\n",
                    if done.public { "public" } else { "internal" },
                    done.folder,
                    done.pdf
                );
                for f in &done.files {
                    t += &format!("{f}\n");
                }
                for n in &done.withheld {
                    t += &format!("Appendix {n} is exempt: left out of the public version\n");
                }
                for w in &done.warnings {
                    t += &format!("Note: {w}\n");
                }
                t
            });
        }
        ReportCommand::Template(c) => template(c, out)?,
    }
    Ok(())
}

fn template(c: TemplateCommand, out: &Out) -> Outcome {
    match c {
        TemplateCommand::List { file } => {
            let list = api::reports::templates(&open_read_only(&file)?)?;
            out.show(&list, || {
                list.iter()
                    .map(|t| {
                        let sections: Vec<String> = t
                            .sections
                            .iter()
                            .map(|s| format!("{}{}", s.title, if s.required { "*" } else { "" }))
                            .collect();
                        format!("{} — {}: {}", t.key, t.name, sections.join(", "))
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n(* required)"
            });
        }
        TemplateCommand::Import { file, template } => {
            let t = api::reports::import_template(&mut open(&file)?, &template)?;
            out.show(&t, || {
                format!("Added report template \"{}\" ({})", t.key, t.name)
            });
        }
        TemplateCommand::Export { file, key, output } => {
            api::reports::export_template(&open_read_only(&file)?, &key, &output)?;
            out.show(&json!({"written": output}), || {
                format!("Wrote template \"{key}\" to {}", output.display())
            });
        }
    }
    Ok(())
}

/// The edit the arguments ask for; files named for appendices are
/// attached to the plan first.
fn edit_of(plan: &mut api::PlanFile, a: &EditArgs) -> Result<ReportEdit, Failure> {
    let pair = |s: &str, what: &str| -> Result<(String, String), Failure> {
        s.split_once('=')
            .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
            .ok_or_else(|| Failure::user(format!("{what} \"{s}\" must be written KEY=VALUE")))
    };
    let mut sections = Vec::new();
    for s in &a.sections {
        let (key, value) = pair(s, "--section")?;
        let text = match value.strip_prefix('@') {
            Some(path) => read_text(Path::new(path))?,
            None => value,
        };
        sections.push((key, text));
    }
    let titles = a
        .titles
        .iter()
        .map(|s| pair(s, "--section-title"))
        .collect::<Result<_, _>>()?;
    let mut add = Vec::new();
    for (spec, exempt) in a
        .appendices
        .iter()
        .map(|s| (s, false))
        .chain(a.exempt_appendices.iter().map(|s| (s, true)))
    {
        let (kind, title) = pair(spec, "--appendix")?;
        add.push(ReportAppendix {
            title: title.trim().to_owned(),
            source: source(plan, &kind)?,
            exempt,
        });
    }
    Ok(ReportEdit {
        title: a.title.clone(),
        committee: a.committee.clone(),
        meeting_date: a.meeting_date.map(|d| d.0),
        report_of: a.report_of.clone(),
        author: a.author.clone(),
        contact: a.contact.clone(),
        date: a.date.map(|d| d.0),
        status: a.status,
        exempt: match (&a.exempt_paragraph, &a.exempt_reason, a.not_exempt) {
            (_, _, true) => Some(None),
            (Some(p), Some(r), _) => Some(Some(Exempt {
                paragraph: *p,
                reason: r.clone(),
            })),
            _ => None,
        },
        sections,
        titles,
        add_appendices: add,
        remove_appendices: a.remove.clone(),
    })
}

/// The largest section text read from a file.
const MAX_SECTION_TEXT: u64 = 4 << 20;

fn read_text(path: &Path) -> Result<String, Failure> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SECTION_TEXT + 1).read_to_end(&mut bytes))
        .map_err(|e| Failure {
            code: 2,
            message: format!("{}: {e}", path.display()),
        })?;
    if bytes.len() as u64 > MAX_SECTION_TEXT {
        return Err(Failure::user(format!(
            "{}: a section's text is at most 4 MB",
            path.display()
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Failure::user(format!("{}: is not UTF-8 text", path.display())))
}

fn source(plan: &mut api::PlanFile, kind: &str) -> Result<AppendixSource, Failure> {
    let (name, arg) = match kind.split_once(':') {
        Some((n, a)) => (n.trim(), Some(a.trim())),
        None => (kind.trim(), None),
    };
    Ok(match (name, arg) {
        ("plan", None) => AppendixSource::Plan,
        ("chapters", Some(list)) => AppendixSource::Chapters {
            chapters: list
                .split(',')
                .map(|n| n.trim().parse::<usize>())
                .collect::<Result<_, _>>()
                .map_err(|_| {
                    Failure::user(format!(
                        "chapters:{list} must list chapter numbers: chapters:1,3"
                    ))
                })?,
        },
        ("actions", by) => AppendixSource::Actions {
            group_by: match by {
                None | Some("objective") => GroupBy::Objective,
                Some("lead") => GroupBy::Lead,
                Some("outcome") => GroupBy::Outcome,
                Some(other) => {
                    return Err(Failure::user(format!(
                        "actions:{other}: group actions by objective, lead or outcome"
                    )))
                }
            },
            columns: Default::default(),
        },
        ("indicators", None) => AppendixSource::Indicators,
        ("consultees", None) => AppendixSource::Consultees,
        ("consultation", None) => AppendixSource::Consultation,
        ("glossary", None) => AppendixSource::Glossary,
        ("file", Some(path)) => api::reports::attach_file(plan, Path::new(path))?,
        _ => {
            return Err(Failure::user(format!(
                "\"{kind}\" is not an appendix: use plan, chapters:1,3, actions[:lead], \
                 indicators, consultees, consultation, glossary or file:PATH"
            )))
        }
    })
}

fn show(out: &Out, view: &api::reports::ReportView) {
    out.show(view, || {
        let r = &view.report.body;
        let mut t = format!("Report #{}: {}\n", view.report.id, r.title);
        let template = view
            .template
            .as_ref()
            .map(|t| t.name.clone())
            .unwrap_or_else(|| format!("{} (not in the plan)", r.template));
        t += &format!("Template: {template}\n");
        for (name, value) in [
            ("Committee", r.committee.clone()),
            (
                "Meeting",
                r.meeting_date.map(|d| d.to_string()).unwrap_or_default(),
            ),
            ("Report of", r.report_of.clone()),
            ("Author", r.author.clone()),
            ("Contact", r.contact.clone()),
            ("Date", r.date.map(|d| d.to_string()).unwrap_or_default()),
            ("Status", r.status.as_str().to_owned()),
            (
                "Exempt",
                r.exempt.as_ref().map(|e| e.statement()).unwrap_or_default(),
            ),
        ] {
            if !value.is_empty() {
                t += &format!("{name}: {value}\n");
            }
        }
        t += "Sections:\n";
        for s in &r.sections {
            let blocks = parse_doc(&s.content).map(|b| b.len()).unwrap_or(0);
            t += &format!("  {} [{}]: {} blocks\n", s.title, s.key, blocks);
        }
        t += "Appendices:\n";
        if view.appendix_list.is_empty() {
            t += "  none\n";
        }
        for a in &view.appendix_list {
            t += &format!("  {a}\n");
        }
        for w in &view.warnings {
            t += &format!("Note: {w}\n");
        }
        t
    });
}
