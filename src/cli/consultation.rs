//! `consultation consultees|open|rounds|respond|outcome|responses|summary`:
//! who the draft goes to, its rounds, what came back and what changed.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use planwright::api::{self, consultation::About, consultation::Respond};
use planwright::model::Id;

use super::{open, open_read_only, Failure, Out, Outcome};

#[derive(Subcommand)]
pub enum ConsultationCommand {
    /// Who the plan must be consulted with, then its partners.
    Consultees {
        file: PathBuf,
        /// Replace the required consultees with the authority's own list,
        /// one --required for each, in order (before anyone has responded).
        #[arg(long)]
        required: Vec<String>,
    },
    /// Open a round: the plan becomes a consultation draft, its comments
    /// due when the round closes (the title page says so).
    Open {
        file: PathBuf,
        #[arg(long)]
        name: String,
        /// YYYY-MM-DD.
        #[arg(long)]
        opens: NaiveDate,
        /// The comments deadline, YYYY-MM-DD.
        #[arg(long)]
        closes: NaiveDate,
    },
    /// The rounds held.
    Rounds { file: PathBuf },
    /// Log a response.
    Respond {
        file: PathBuf,
        #[arg(long)]
        round: Id,
        /// A required consultee's number (see `consultees`), or a name.
        #[arg(long)]
        from: String,
        /// What they said.
        #[arg(long)]
        said: String,
        /// The section it is about (its id, as `outline` shows it).
        #[arg(long, conflicts_with = "action")]
        section: Option<Id>,
        /// The action it is about.
        #[arg(long)]
        action: Option<Id>,
        /// When it came, YYYY-MM-DD.
        #[arg(long)]
        received: Option<NaiveDate>,
        /// What changed in the plan as a result.
        #[arg(long, default_value = "")]
        outcome: String,
    },
    /// Record what changed as a result of a response.
    Outcome {
        file: PathBuf,
        response: Id,
        outcome: String,
    },
    /// The responses, by round.
    Responses { file: PathBuf },
    /// Write the consultation summary as PDF, Word or HTML (by its name).
    Summary {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
}

pub fn run(c: ConsultationCommand, out: &Out) -> Outcome {
    match c {
        ConsultationCommand::Consultees { file, required } => {
            let list = if required.is_empty() {
                api::consultation::consultees(&open_read_only(&file)?)?
            } else {
                api::consultation::set_required_consultees(&mut open(&file)?, &required)?
            };
            out.show(&list, || {
                list.iter()
                    .map(|c| match c.kind {
                        planwright::model::consultation::ConsulteeKind::Required => {
                            format!("{}. {} (required)", c.key, c.name)
                        }
                        _ => c.name.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsultationCommand::Open {
            file,
            name,
            opens,
            closes,
        } => {
            let r = api::consultation::open_round(&mut open(&file)?, &name, opens, closes)?;
            out.show(&r, || {
                format!(
                    "Opened round #{} \"{}\", {} to {}: the plan is a consultation draft, comments by {}",
                    r.id,
                    r.name,
                    r.opens,
                    r.closes,
                    r.closes.format("%-d %B %Y")
                )
            });
        }
        ConsultationCommand::Rounds { file } => {
            let list = api::consultation::rounds(&open_read_only(&file)?)?;
            out.show(&list, || {
                if list.is_empty() {
                    return "No round of consultation yet.".into();
                }
                list.iter()
                    .map(|r| format!("#{} {} ({} to {})", r.id, r.name, r.opens, r.closes))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsultationCommand::Respond {
            file,
            round,
            from,
            said,
            section,
            action,
            received,
            outcome,
        } => {
            let about = match (section, action) {
                (Some(s), _) => About::Section(s),
                (None, Some(a)) => About::Action(a),
                (None, None) => About::Plan,
            };
            let r = api::consultation::respond(
                &mut open(&file)?,
                &Respond {
                    round,
                    consultee: from,
                    received,
                    about,
                    said,
                    outcome,
                },
            )?;
            out.show(&r, || {
                format!(
                    "Logged response #{} from {}{}",
                    r.id,
                    r.from,
                    if r.about.is_empty() {
                        String::new()
                    } else {
                        format!(" about {}", r.about)
                    }
                )
            });
        }
        ConsultationCommand::Outcome {
            file,
            response,
            outcome,
        } => {
            api::consultation::set_outcome(&mut open(&file)?, response, &outcome)?;
            out.show(&serde_json::json!({"response": response}), || {
                format!("Recorded what changed as a result of response #{response}")
            });
        }
        ConsultationCommand::Responses { file } => {
            let list = api::consultation::responses(&open_read_only(&file)?)?;
            out.show(&list, || {
                if list.is_empty() {
                    return "No responses logged.".into();
                }
                list.iter()
                    .map(|r| {
                        format!(
                            "#{} [round {}] {}{}: \"{}\"{}",
                            r.id,
                            r.round,
                            r.from,
                            if r.about.is_empty() {
                                String::new()
                            } else {
                                format!(" on {}", r.about)
                            },
                            r.said,
                            if r.outcome.is_empty() {
                                String::new()
                            } else {
                                format!(" → {}", r.outcome)
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        ConsultationCommand::Summary { file, output } => {
            let warnings = api::consultation::summary(&open_read_only(&file)?, &output)?;
            super::export::warn(&warnings);
            out.show(&serde_json::json!({"written": output}), || {
                format!("Wrote {}", output.display())
            });
        }
    }
    Ok::<(), Failure>(())
}
