//! Loading a [`Bundle`] (a template, the sample plan) into an empty plan.

use std::collections::HashMap;

use rusqlite::Transaction;

use super::error::{Result, StoreError};
use super::{
    actions, blocks, chapters, frameworks, glossary, indicators, notes, organisations, people,
    plan_info, priorities, sections,
};
use crate::model::prosemirror::parse_doc;
use crate::model::{Action, Bundle, Id, Indicator, Priority, ValidationError};

/// Writes everything in the bundle. Links by name or code must resolve;
/// the error names the row and the link that does not.
pub fn load(tx: &Transaction<'_>, b: &Bundle) -> Result<()> {
    plan_info::put(tx, &b.plan)?;
    for f in &b.frameworks {
        let items: Vec<(String, String)> = f
            .items
            .iter()
            .map(|i| (i.code.clone(), i.title.clone()))
            .collect();
        frameworks::insert(tx, &f.key, &f.name, &items)?;
    }
    for o in &b.organisations {
        organisations::insert(tx, &o.name, o.kind)?;
    }
    for p in &b.people {
        let org = p
            .organisation
            .as_deref()
            .map(|name| org_named(tx, &format!("person {}", p.name), name))
            .transpose()?;
        people::insert(tx, &p.name, p.role.as_deref(), org)?;
    }
    for p in &b.priorities {
        let outcome = match &p.outcome {
            Some(code) => Some(
                frameworks::find_item(tx, "ecm_outcomes", code)?
                    .ok_or_else(|| bad(&format!("priority {}", p.code), "outcome", code))?,
            ),
            None => None,
        };
        priorities::insert(
            tx,
            &Priority {
                id: 0,
                code: p.code.clone(),
                title: p.title.clone(),
                description: p.description.clone(),
                laa: p.laa,
                outcome,
            },
        )?;
    }
    for i in &b.indicators {
        let priority = priority_coded(tx, &format!("indicator {}", i.code), i.priority.as_deref())?;
        indicators::insert(
            tx,
            &Indicator {
                id: 0,
                code: i.code.clone(),
                title: i.title.clone(),
                kind: i.kind,
                polarity: i.polarity,
                unit: i.unit.clone(),
                priority,
                baseline: i.baseline,
                targets: i.targets.clone(),
                actuals: i.actuals.clone(),
            },
        )
        .map_err(|e| within(e, &format!("indicator {}", i.code)))?;
    }
    let mut action_ids: HashMap<&str, Id> = HashMap::new();
    for a in &b.actions {
        let at = format!("action {}", a.key);
        let parent = match &a.parent {
            Some(k) => Some(
                *action_ids
                    .get(k.as_str())
                    .ok_or_else(|| bad(&at, "parent", k))?,
            ),
            None => None,
        };
        let objective = match (&a.framework, &a.item) {
            (Some(f), Some(i)) => Some(
                frameworks::find_item(tx, f, i)?
                    .ok_or_else(|| bad(&at, "objective", &format!("{f}/{i}")))?,
            ),
            (None, None) => None,
            _ => {
                return Err(ValidationError::new(
                    "objective",
                    format!("{at}: give both framework and item"),
                )
                .into())
            }
        };
        let lead_person = match &a.lead_person {
            Some(n) => Some(people::find(tx, n)?.ok_or_else(|| bad(&at, "lead_person", n))?),
            None => None,
        };
        let lead_organisation = a
            .lead_organisation
            .as_deref()
            .map(|n| org_named(tx, &at, n))
            .transpose()?;
        let partners = a
            .partners
            .iter()
            .map(|n| org_named(tx, &at, n))
            .collect::<Result<Vec<_>>>()?;
        let action = Action {
            id: 0,
            parent,
            activity: a.activity.clone(),
            objective,
            priority: priority_coded(tx, &at, a.priority.as_deref())?,
            lead_person,
            lead_organisation,
            partners,
            notes: a.notes.clone(),
            start: a.start,
            end: a.end,
            cost_pence: a.cost_pence,
            status: a.status,
            rag: a.rag,
        };
        let id = actions::insert(tx, &action).map_err(|e| within(e, &at))?;
        if action_ids.insert(a.key.as_str(), id).is_some() {
            return Err(StoreError::Refused(format!("{at}: the key is used twice")));
        }
    }
    for (ci, c) in b.chapters.iter().enumerate() {
        let chapter = chapters::add(tx, &c.title, c.numbered, None)?;
        // `chapters::add` makes one empty section; the bundle supplies its own.
        for s in sections::list(tx, chapter)? {
            sections::delete(tx, s.id)?;
        }
        for (si, s) in c.sections.iter().enumerate() {
            let section = sections::add(tx, chapter, s.title.as_deref(), None)?;
            let content = parse_doc(&s.content).map_err(|e| {
                e.within(&format!(
                    "chapter {} (\"{}\"), section {}",
                    ci + 1,
                    c.title,
                    si + 1
                ))
            })?;
            blocks::replace_section_blocks(tx, section, &content)?;
        }
        if c.sections.is_empty() {
            sections::add(tx, chapter, None, None)?;
        }
    }
    for g in &b.glossary {
        glossary::insert(tx, &g.term, &g.definition)?;
    }
    for n in &b.notes {
        notes::insert(tx, &n.label, &n.text, n.url.as_deref())?;
    }
    Ok(())
}

fn bad(at: &str, field: &str, value: &str) -> StoreError {
    ValidationError::new(field, format!("{at}: \"{value}\" does not exist")).into()
}

fn within(e: StoreError, at: &str) -> StoreError {
    match e {
        StoreError::Invalid(v) => {
            ValidationError::new(&v.field, format!("{at}: {}", v.problem)).into()
        }
        other => other,
    }
}

fn org_named(tx: &Transaction<'_>, at: &str, name: &str) -> Result<Id> {
    organisations::find(tx, name)?.ok_or_else(|| bad(at, "organisation", name))
}

fn priority_coded(tx: &Transaction<'_>, at: &str, code: Option<&str>) -> Result<Option<Id>> {
    code.map(|c| priorities::find(tx, c)?.ok_or_else(|| bad(at, "priority", c)))
        .transpose()
}
