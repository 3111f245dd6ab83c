//! `action add|list|edit|delete`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use planwright::api::{self, actions::ActionField};
use planwright::model::values::format_money;
use planwright::model::{ActionFilter, ActionStatus, ActionView, Id, Rag};
use serde_json::json;

use super::{open, open_read_only, Out, Outcome};

#[derive(Subcommand)]
pub enum ActionCommand {
    /// Add an action.
    Add {
        file: PathBuf,
        #[command(flatten)]
        fields: Fields,
    },
    /// List actions, optionally filtered.
    List {
        file: PathBuf,
        /// Objective or outcome: a code ("3") in the plan's action framework, or KEY/CODE ("ecm_outcomes/2").
        #[arg(long)]
        objective: Option<String>,
        /// Priority code, e.g. P1.
        #[arg(long)]
        priority: Option<String>,
        /// Lead person or organisation (part of the name).
        #[arg(long)]
        lead: Option<String>,
        #[arg(long)]
        status: Option<ActionStatus>,
        #[arg(long)]
        rag: Option<Rag>,
    },
    /// Change fields of an action; fields not given stay as they are.
    Edit {
        file: PathBuf,
        id: Id,
        #[command(flatten)]
        fields: Fields,
    },
    /// Delete an action (one with sub-actions is refused).
    Delete { file: PathBuf, id: Id },
}

/// Fields of an action as typed on the command line. Give "" to clear one.
#[derive(Args)]
pub struct Fields {
    /// What will be done.
    #[arg(long)]
    activity: Option<String>,
    /// Objective or outcome: a code ("3") in the plan's action framework, or KEY/CODE ("ecm_outcomes/2").
    #[arg(long)]
    objective: Option<String>,
    /// Priority code, e.g. P1.
    #[arg(long)]
    priority: Option<String>,
    /// Lead person (added to the plan's people if new).
    #[arg(long)]
    lead: Option<String>,
    /// Lead organisation (added to the plan's organisations if new).
    #[arg(long = "lead-org")]
    lead_org: Option<String>,
    /// A partner organisation; repeat for several.
    #[arg(long = "partner")]
    partners: Vec<String>,
    /// Start date, 2008-04-01 or 01/04/2008.
    #[arg(long)]
    start: Option<String>,
    /// End date, 2011-03-31 or 31/03/2011.
    #[arg(long)]
    end: Option<String>,
    /// Cost, e.g. £2,500 or £1.5m.
    #[arg(long)]
    cost: Option<String>,
    /// not_started, in_progress, complete, delayed or cancelled.
    #[arg(long)]
    status: Option<String>,
    /// red, amber or green ("" to clear).
    #[arg(long)]
    rag: Option<String>,
    /// Number of the parent action ("" to clear).
    #[arg(long)]
    parent: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

impl Fields {
    /// The fields given, as the API takes them; repeated partners are one
    /// list.
    fn edits(&self) -> Vec<(ActionField, String)> {
        let mut edits: Vec<(ActionField, String)> = [
            (ActionField::Activity, &self.activity),
            (ActionField::Objective, &self.objective),
            (ActionField::Priority, &self.priority),
            (ActionField::Lead, &self.lead),
            (ActionField::LeadOrg, &self.lead_org),
            (ActionField::Start, &self.start),
            (ActionField::End, &self.end),
            (ActionField::Cost, &self.cost),
            (ActionField::Status, &self.status),
            (ActionField::Rag, &self.rag),
            (ActionField::Parent, &self.parent),
            (ActionField::Notes, &self.notes),
        ]
        .into_iter()
        .filter_map(|(field, text)| text.clone().map(|t| (field, t)))
        .collect();
        if !self.partners.is_empty() {
            edits.push((ActionField::Partners, self.partners.join(";")));
        }
        edits
    }
}

pub fn run(c: ActionCommand, out: &Out) -> Outcome {
    match c {
        ActionCommand::Add { file, fields } => {
            let mut plan = open(&file)?;
            let view = api::actions::add(&mut plan, &fields.edits())?;
            out.show(&view, || {
                format!("Added action #{}\n{}", view.action.id, line(&view))
            });
        }
        ActionCommand::List {
            file,
            objective,
            priority,
            lead,
            status,
            rag,
        } => {
            let plan = open_read_only(&file)?;
            let filter = ActionFilter {
                framework: None,
                item: objective,
                priority,
                lead,
                status,
                rag,
            };
            let views = api::actions::list(&plan, &filter)?;
            out.show(&views, || {
                let mut t: String = views.iter().map(|v| line(v) + "\n").collect();
                t += &format!(
                    "{} action{}",
                    views.len(),
                    if views.len() == 1 { "" } else { "s" }
                );
                t
            });
        }
        ActionCommand::Edit { file, id, fields } => {
            let mut plan = open(&file)?;
            let view = api::actions::edit(&mut plan, id, &fields.edits())?;
            out.show(&view, || format!("Updated action #{id}\n{}", line(&view)));
        }
        ActionCommand::Delete { file, id } => {
            let mut plan = open(&file)?;
            api::actions::delete(&mut plan, id)?;
            out.show(&json!({"id": id, "deleted": true}), || {
                format!("Deleted action #{id}")
            });
        }
    }
    Ok(())
}

/// One line per action: "#12   [1] Publish a play strategy — Government. Lead: …".
fn line(v: &ActionView) -> String {
    let a = &v.action;
    let indent = if a.parent.is_some() { "    " } else { "" };
    let objective = v
        .objective_ref
        .as_ref()
        .map(|(_, c)| format!("[{c}] "))
        .unwrap_or_default();
    let mut t = format!("#{:<5}{indent}{objective}{}", a.id, a.activity);
    let resp = v.responsibility();
    if !resp.is_empty() {
        t += &format!(" — {resp}");
    }
    let mut extra = Vec::new();
    if a.status != ActionStatus::NotStarted {
        extra.push(a.status.to_string());
    }
    if let Some(r) = a.rag {
        extra.push(r.to_string());
    }
    if let Some(e) = a.end {
        extra.push(format!("by {e}"));
    }
    if let Some(c) = a.cost_pence {
        extra.push(format_money(c));
    }
    if !extra.is_empty() {
        t += &format!(" ({})", extra.join(", "));
    }
    t
}
