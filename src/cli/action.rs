//! `action add|list|edit|delete`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use planwright::model::values::{format_money, parse_date, parse_money};
use planwright::model::{Action, ActionFilter, ActionStatus, ActionView, Id, Rag};
use planwright::store::{self, frameworks, organisations, people, priorities, StoreError};
use rusqlite::Connection;
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
    #[arg(long)]
    status: Option<ActionStatus>,
    /// red, amber or green ("" to clear).
    #[arg(long)]
    rag: Option<String>,
    /// Id of the parent action ("" to clear).
    #[arg(long)]
    parent: Option<String>,
    #[arg(long)]
    notes: Option<String>,
}

/// "" means clear the field.
fn given(v: &Option<String>) -> Option<Option<&str>> {
    v.as_deref()
        .map(|s| Some(s.trim()).filter(|s| !s.is_empty()))
}

impl Fields {
    /// Applies the given fields to `a`, resolving names and codes.
    fn apply(&self, conn: &Connection, a: &mut Action) -> Result<(), StoreError> {
        if let Some(t) = &self.activity {
            a.activity = t.clone();
        }
        if let Some(v) = given(&self.objective) {
            let default = frameworks::action_framework(conn)?;
            a.objective = v
                .map(|r| frameworks::resolve_item(conn, "objective", r, &default))
                .transpose()?;
        }
        if let Some(v) = given(&self.priority) {
            a.priority = v.map(|c| priorities::resolve(conn, c)).transpose()?;
        }
        if let Some(v) = given(&self.lead) {
            a.lead_person = v.map(|n| people::find_or_add(conn, n)).transpose()?;
        }
        if let Some(v) = given(&self.lead_org) {
            a.lead_organisation = v.map(|n| organisations::find_or_add(conn, n)).transpose()?;
        }
        if !self.partners.is_empty() {
            a.partners = self
                .partners
                .iter()
                .filter(|p| !p.trim().is_empty())
                .map(|n| organisations::find_or_add(conn, n))
                .collect::<Result<_, _>>()?;
        }
        if let Some(v) = given(&self.start) {
            a.start = v.map(|d| parse_date("start", d)).transpose()?;
        }
        if let Some(v) = given(&self.end) {
            a.end = v.map(|d| parse_date("end", d)).transpose()?;
        }
        if let Some(v) = given(&self.cost) {
            a.cost_pence = v.map(|c| parse_money("cost", c)).transpose()?;
        }
        if let Some(s) = self.status {
            a.status = s;
        }
        if let Some(v) = given(&self.rag) {
            a.rag = v
                .map(|r| {
                    r.parse::<Rag>()
                        .map_err(|e| planwright::model::ValidationError::new("rag", e))
                })
                .transpose()?;
        }
        if let Some(v) = given(&self.parent) {
            a.parent = v
                .map(|p| {
                    p.trim_start_matches('#').parse::<Id>().map_err(|_| {
                        planwright::model::ValidationError::new(
                            "parent",
                            format!("\"{p}\" is not an action id"),
                        )
                    })
                })
                .transpose()?;
        }
        if let Some(v) = given(&self.notes) {
            a.notes = v.map(str::to_owned);
        }
        Ok(())
    }
}

pub fn run(c: ActionCommand, out: &Out) -> Outcome {
    match c {
        ActionCommand::Add { file, fields } => {
            let mut plan = open(&file)?;
            if fields
                .activity
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
            {
                return Err(planwright::model::ValidationError::new(
                    "activity",
                    "give the action's text with --activity",
                )
                .into());
            }
            let view = plan.write(|tx| {
                let mut a = Action::new("");
                fields.apply(tx, &mut a)?;
                let id = store::actions::insert(tx, &a)?;
                view_of(tx, id)
            })?;
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
            let views = plan.read(|conn| {
                let (framework, item) = match &objective {
                    Some(r) => {
                        let default = frameworks::action_framework(conn)?;
                        frameworks::resolve_item(conn, "objective", r, &default)?;
                        match r.split_once('/') {
                            Some((k, c)) => (Some(k.trim().to_owned()), Some(c.trim().to_owned())),
                            None => (Some(default), Some(r.trim().to_owned())),
                        }
                    }
                    None => (None, None),
                };
                let filter = ActionFilter {
                    framework,
                    item,
                    priority,
                    lead,
                    status,
                    rag,
                };
                store::actions::list(conn, &filter)
            })?;
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
            let view = plan.write(|tx| {
                let mut a = store::actions::get(tx, id)?;
                fields.apply(tx, &mut a)?;
                store::actions::update(tx, &a)?;
                view_of(tx, id)
            })?;
            out.show(&view, || format!("Updated action #{id}\n{}", line(&view)));
        }
        ActionCommand::Delete { file, id } => {
            let mut plan = open(&file)?;
            plan.write(|tx| store::actions::delete(tx, id))?;
            out.show(&json!({"id": id, "deleted": true}), || {
                format!("Deleted action #{id}")
            });
        }
    }
    Ok(())
}

fn view_of(conn: &Connection, id: Id) -> Result<ActionView, StoreError> {
    store::actions::list(conn, &ActionFilter::default())?
        .into_iter()
        .find(|v| v.action.id == id)
        .ok_or_else(|| StoreError::missing("action", id))
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
