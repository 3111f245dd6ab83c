//! The `actions` and `action_partners` tables.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::{date, date_text, parsed, parsed_opt};
use super::error::{Result, StoreError};
use crate::model::{Action, ActionFilter, ActionView, Id, ValidationError};

const SELECT_VIEW: &str = "
    SELECT a.id, a.parent_id, a.activity, a.objective_id, a.priority_id, a.lead_person_id,
           a.lead_organisation_id, a.notes, a.start_date, a.end_date, a.cost_pence, a.status, a.rag,
           f.key, i.code, i.title, p.code, pe.name, o.name
    FROM actions a
    LEFT JOIN framework_items i ON i.id = a.objective_id
    LEFT JOIN frameworks f ON f.id = i.framework_id
    LEFT JOIN priorities p ON p.id = a.priority_id
    LEFT JOIN people pe ON pe.id = a.lead_person_id
    LEFT JOIN organisations o ON o.id = a.lead_organisation_id";

fn view_from_row(r: &Row<'_>) -> rusqlite::Result<ActionView> {
    let key: Option<String> = r.get(13)?;
    let code: Option<String> = r.get(14)?;
    Ok(ActionView {
        action: Action {
            id: r.get(0)?,
            parent: r.get(1)?,
            activity: r.get(2)?,
            objective: r.get(3)?,
            priority: r.get(4)?,
            lead_person: r.get(5)?,
            lead_organisation: r.get(6)?,
            partners: Vec::new(),
            notes: r.get(7)?,
            start: date(r, 8)?,
            end: date(r, 9)?,
            cost_pence: r.get(10)?,
            status: parsed(r, 11)?,
            rag: parsed_opt(r, 12)?,
        },
        objective_ref: key.zip(code),
        objective_title: r.get(15)?,
        priority_code: r.get(16)?,
        lead_person_name: r.get(17)?,
        lead_organisation_name: r.get(18)?,
        partner_names: Vec::new(),
    })
}

/// Actions matching `filter`, in outline order: each parent followed by its
/// sub-actions.
pub fn list(conn: &Connection, filter: &ActionFilter) -> Result<Vec<ActionView>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_VIEW} ORDER BY a.position, a.id"))?;
    let mut all = stmt
        .query_map([], view_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut partners: HashMap<Id, (Vec<Id>, Vec<String>)> = HashMap::new();
    let mut pstmt = conn.prepare_cached(
        "SELECT ap.action_id, o.id, o.name FROM action_partners ap JOIN organisations o ON o.id = ap.organisation_id
         ORDER BY ap.action_id, ap.position",
    )?;
    let mut rows = pstmt.query([])?;
    while let Some(r) = rows.next()? {
        let entry = partners.entry(r.get(0)?).or_default();
        entry.0.push(r.get(1)?);
        entry.1.push(r.get(2)?);
    }
    for v in &mut all {
        if let Some((ids, names)) = partners.remove(&v.action.id) {
            v.action.partners = ids;
            v.partner_names = names;
        }
    }
    let ordered = outline_order(all);
    Ok(ordered.into_iter().filter(|a| filter.matches(a)).collect())
}

/// Parents first, each followed by its descendants, keeping position order.
fn outline_order(all: Vec<ActionView>) -> Vec<ActionView> {
    let ids: std::collections::HashSet<Id> = all.iter().map(|a| a.action.id).collect();
    let mut children: HashMap<Option<Id>, Vec<ActionView>> = HashMap::new();
    for a in all {
        // An orphan (parent missing) is shown at the top level rather than lost.
        let parent = a.action.parent.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(a);
    }
    let mut out = Vec::new();
    let mut stack: Vec<ActionView> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .collect();
    while let Some(a) = stack.pop() {
        if let Some(kids) = children.remove(&Some(a.action.id)) {
            stack.extend(kids.into_iter().rev());
        }
        out.push(a);
    }
    out
}

pub fn get(conn: &Connection, id: Id) -> Result<Action> {
    Ok(view(conn, id)?.action)
}

/// One action as lists show it, with the names of what it links to: what
/// the grid patches its row with after an edit, without listing them all.
pub fn view(conn: &Connection, id: Id) -> Result<ActionView> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_VIEW} WHERE a.id = ?1"))?;
    let mut view = stmt
        .query_row([id], view_from_row)
        .optional()?
        .ok_or_else(|| StoreError::missing("action", id))?;
    let mut partners = conn.prepare_cached(
        "SELECT o.id, o.name FROM action_partners ap JOIN organisations o ON o.id = ap.organisation_id
         WHERE ap.action_id = ?1 ORDER BY ap.position",
    )?;
    let mut rows = partners.query([id])?;
    while let Some(r) = rows.next()? {
        view.action.partners.push(r.get(0)?);
        view.partner_names.push(r.get(1)?);
    }
    Ok(view)
}

pub fn insert(conn: &Connection, a: &Action) -> Result<Id> {
    insert_at(conn, a, next_position(conn)?)
}

/// The position after the last action's.
pub fn next_position(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM actions",
        [],
        |r| r.get(0),
    )?)
}

/// Inserts `a` at `position`, which the caller knows is after every
/// action's: loading many actions counts on from [`next_position`] once
/// rather than asking for the last position each time (a scan of them all).
pub fn insert_at(conn: &Connection, a: &Action, position: i64) -> Result<Id> {
    check(conn, a)?;
    conn.prepare_cached(
        "INSERT INTO actions (position, parent_id, activity, objective_id, priority_id, lead_person_id,
                              lead_organisation_id, notes, start_date, end_date, cost_pence, status, rag)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        position,
        a.parent,
        a.activity.trim(),
        a.objective,
        a.priority,
        a.lead_person,
        a.lead_organisation,
        a.notes,
        date_text(a.start),
        date_text(a.end),
        a.cost_pence,
        a.status.as_str(),
        a.rag.map(|r| r.as_str()),
    ])?;
    let id = conn.last_insert_rowid();
    write_partners(conn, id, &a.partners)?;
    Ok(id)
}

pub fn update(conn: &Connection, a: &Action) -> Result<()> {
    get(conn, a.id)?;
    check(conn, a)?;
    conn.prepare_cached(
        "UPDATE actions SET parent_id = ?1, activity = ?2, objective_id = ?3, priority_id = ?4,
                lead_person_id = ?5, lead_organisation_id = ?6, notes = ?7, start_date = ?8,
                end_date = ?9, cost_pence = ?10, status = ?11, rag = ?12
         WHERE id = ?13",
    )?
    .execute(params![
        a.parent,
        a.activity.trim(),
        a.objective,
        a.priority,
        a.lead_person,
        a.lead_organisation,
        a.notes,
        date_text(a.start),
        date_text(a.end),
        a.cost_pence,
        a.status.as_str(),
        a.rag.map(|r| r.as_str()),
        a.id,
    ])?;
    conn.execute("DELETE FROM action_partners WHERE action_id = ?1", [a.id])?;
    write_partners(conn, a.id, &a.partners)
}

/// Deletes an action. One with sub-actions is refused, so nothing is lost
/// by accident.
pub fn delete(conn: &Connection, id: Id) -> Result<()> {
    get(conn, id)?;
    let children: i64 = conn.query_row(
        "SELECT count(*) FROM actions WHERE parent_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if children > 0 {
        return Err(StoreError::Refused(format!(
            "action {id} has {children} sub-action{}; delete or move them first",
            if children == 1 { "" } else { "s" }
        )));
    }
    conn.execute("DELETE FROM actions WHERE id = ?1", [id])?;
    Ok(())
}

pub fn count(conn: &Connection) -> Result<usize> {
    Ok(conn.query_row("SELECT count(*) FROM actions", [], |r| r.get::<_, i64>(0))? as usize)
}

fn write_partners(conn: &Connection, id: Id, partners: &[Id]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO action_partners (action_id, organisation_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, org) in partners.iter().enumerate() {
        stmt.execute(params![id, org, i as i64])?;
    }
    Ok(())
}

/// Field rules plus links that must point at rows that exist.
fn check(conn: &Connection, a: &Action) -> Result<()> {
    a.validate()?;
    let exists = |table: &str, id: Id| -> Result<bool> {
        Ok(conn
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE id = ?1"),
                [id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    };
    let links: [(&str, &str, Option<Id>); 5] = [
        ("parent", "actions", a.parent),
        ("objective", "framework_items", a.objective),
        ("priority", "priorities", a.priority),
        ("lead", "people", a.lead_person),
        ("lead organisation", "organisations", a.lead_organisation),
    ];
    for (field, table, id) in links {
        if let Some(id) = id {
            if !exists(table, id)? {
                return Err(ValidationError::new(
                    field,
                    format!("{id} does not exist in this plan"),
                )
                .into());
            }
        }
    }
    for org in &a.partners {
        if !exists("organisations", *org)? {
            return Err(ValidationError::new(
                "partner",
                format!("organisation {org} does not exist"),
            )
            .into());
        }
    }
    // A new parent must not be the action itself or one of its descendants.
    let mut cursor = a.parent;
    let mut steps = 0;
    while let Some(p) = cursor {
        if a.id != 0 && p == a.id {
            return Err(ValidationError::new(
                "parent",
                "an action cannot sit under itself or its own sub-action",
            )
            .into());
        }
        cursor = conn
            .query_row("SELECT parent_id FROM actions WHERE id = ?1", [p], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        steps += 1;
        if steps > 10_000 {
            return Err(StoreError::Refused(
                "the actions' parent links form a loop".into(),
            ));
        }
    }
    Ok(())
}
