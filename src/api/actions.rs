//! The action plan: listing, adding, editing and deleting actions. Every
//! field is set from the text a user typed for it (a grid cell, a command
//! line flag), read here once, so both say the same about a bad value.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Result;
use crate::model::values::{parse_date, parse_money};
use crate::model::{
    Action, ActionFilter, ActionStatus, ActionView, Framework, Id, Rag, ValidationError,
};
use crate::store::{self, actions, frameworks, organisations, people, priorities, PlanFile};

/// A field of an action, as a grid column or a command line flag names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ActionField {
    /// What will be done.
    Activity,
    /// A code ("3") in the plan's action framework, or KEY/CODE.
    Objective,
    /// A priority code, e.g. P1.
    Priority,
    /// A person, added to the plan's people if new.
    Lead,
    /// An organisation, added to the plan's organisations if new.
    LeadOrg,
    /// Organisations separated by semicolons; each added if new.
    Partners,
    /// 2008-04-01 or 01/04/2008.
    Start,
    End,
    /// £2,500 or £1.5m.
    Cost,
    Status,
    Rag,
    /// The number of the parent action ("12" or "#12").
    Parent,
    Notes,
}

impl ActionField {
    /// The name a message gives the field ("end: … is not a date").
    pub fn name(self) -> &'static str {
        match self {
            ActionField::Activity => "activity",
            ActionField::Objective => "objective",
            ActionField::Priority => "priority",
            ActionField::Lead => "lead",
            ActionField::LeadOrg => "lead_org",
            ActionField::Partners => "partners",
            ActionField::Start => "start",
            ActionField::End => "end",
            ActionField::Cost => "cost",
            ActionField::Status => "status",
            ActionField::Rag => "rag",
            ActionField::Parent => "parent",
            ActionField::Notes => "notes",
        }
    }
}

/// Actions that match `filter`, in plan order. An objective given as
/// `item` alone is read in the plan's action framework (or in `framework`),
/// and may be written KEY/CODE; one the plan does not have is refused with
/// the codes it does have.
pub fn list(plan: &PlanFile, filter: &ActionFilter) -> Result<Vec<ActionView>> {
    Ok(plan.read(|conn| {
        let mut filter = filter.clone();
        if let Some(item) = filter.item.take() {
            let key = match filter.framework.take() {
                Some(key) => key,
                None => frameworks::action_framework(conn)?,
            };
            frameworks::resolve_item(conn, "objective", &item, &key)?;
            let (key, code) = match item.split_once('/') {
                Some((k, c)) => (k.trim().to_owned(), c.trim().to_owned()),
                None => (key, item.trim().to_owned()),
            };
            filter.framework = Some(key);
            filter.item = Some(code);
        }
        actions::list(conn, &filter)
    })?)
}

/// Adds an action from the fields typed for it; the activity is needed.
pub fn add(plan: &mut PlanFile, fields: &[(ActionField, String)]) -> Result<ActionView> {
    let has_activity = fields
        .iter()
        .any(|(f, t)| *f == ActionField::Activity && !t.trim().is_empty());
    if !has_activity {
        return Err(ValidationError::new(
            "activity",
            "an action needs its activity: what will be done",
        )
        .into());
    }
    Ok(plan.edit(|tx| {
        let mut a = Action::new("");
        for (field, text) in fields {
            apply(tx, &mut a, *field, text)?;
        }
        let id = actions::insert(tx, &a)?;
        actions::view(tx, id)
    })?)
}

/// Sets the given fields of action `id`, all or none; empty text clears an
/// optional field. Fields not given stay as they are.
pub fn edit(plan: &mut PlanFile, id: Id, fields: &[(ActionField, String)]) -> Result<ActionView> {
    Ok(plan.edit(|tx| {
        let mut a = actions::get(tx, id)?;
        for (field, text) in fields {
            apply(tx, &mut a, *field, text)?;
        }
        actions::update(tx, &a)?;
        actions::view(tx, id)
    })?)
}

/// Sets one field from the text typed in its grid cell.
pub fn set(plan: &mut PlanFile, id: Id, field: ActionField, text: &str) -> Result<ActionView> {
    edit(plan, id, &[(field, text.to_owned())])
}

/// Deletes an action; one with sub-actions is refused.
pub fn delete(plan: &mut PlanFile, id: Id) -> Result<()> {
    Ok(plan.edit(|tx| actions::delete(tx, id))?)
}

/// The frameworks (objectives, outcomes) the plan's actions can link to.
pub fn frameworks(plan: &PlanFile) -> Result<Vec<Framework>> {
    Ok(plan.read(frameworks::list)?)
}

/// Sets one field of `a` from its text, resolving names and codes (new
/// people and organisations are added in the same transaction).
fn apply(conn: &Connection, a: &mut Action, field: ActionField, text: &str) -> store::Result<()> {
    let name = field.name();
    let t = text.trim();
    let invalid = |problem: String| ValidationError::new(name, problem);
    match field {
        ActionField::Activity => a.activity = t.to_owned(),
        ActionField::Objective => {
            a.objective = optional(t, |code| {
                let default = frameworks::action_framework(conn)?;
                frameworks::resolve_item(conn, name, code, &default)
            })?
        }
        ActionField::Priority => a.priority = optional(t, |c| priorities::resolve(conn, c))?,
        ActionField::Lead => a.lead_person = optional(t, |n| people::find_or_add(conn, n))?,
        ActionField::LeadOrg => {
            a.lead_organisation = optional(t, |n| organisations::find_or_add(conn, n))?
        }
        ActionField::Partners => {
            a.partners = t
                .split(';')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(|n| organisations::find_or_add(conn, n))
                .collect::<store::Result<_>>()?
        }
        ActionField::Start => a.start = optional(t, |d| Ok(parse_date(name, d)?))?,
        ActionField::End => a.end = optional(t, |d| Ok(parse_date(name, d)?))?,
        ActionField::Cost => a.cost_pence = optional(t, |c| Ok(parse_money(name, c)?))?,
        ActionField::Status => a.status = t.parse::<ActionStatus>().map_err(invalid)?,
        ActionField::Rag => a.rag = optional(t, |r| Ok(r.parse::<Rag>().map_err(invalid)?))?,
        ActionField::Parent => {
            a.parent = optional(t, |p| {
                Ok(p.trim_start_matches('#')
                    .parse::<Id>()
                    .map_err(|_| invalid(format!("\"{p}\" is not an action number")))?)
            })?
        }
        ActionField::Notes => a.notes = optional(t, |n| Ok(n.to_owned()))?,
    }
    Ok(())
}

/// None for empty text, else what `parse` makes of it.
fn optional<T>(
    text: &str,
    parse: impl FnOnce(&str) -> store::Result<T>,
) -> store::Result<Option<T>> {
    if text.is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}
