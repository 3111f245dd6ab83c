//! The `consultation_rounds` and `consultation_responses` tables (format
//! 7). A response names what it is about as it was when logged (a
//! section's or an action's title), so it reads the same after the plan
//! moves on, and goes across a repair whole.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use crate::model::consultation::{Consultee, ConsulteeKind, Response, Round, MAX_TEXT};
use crate::model::{Id, ValidationError};

fn date(id: Id, what: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        StoreError::Refused(format!("{what} {id} cannot be read: \"{s}\" is not a date"))
    })
}

pub fn add_round(
    conn: &Connection,
    name: &str,
    opens: NaiveDate,
    closes: NaiveDate,
) -> Result<Round> {
    Round::check(name, opens, closes)?;
    conn.execute(
        "INSERT INTO consultation_rounds (name, opens, closes) VALUES (?1, ?2, ?3)",
        params![name.trim(), opens.to_string(), closes.to_string()],
    )?;
    round(conn, conn.last_insert_rowid())
}

fn round_row(r: &Row<'_>) -> rusqlite::Result<(Id, String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn to_round((id, name, opens, closes): (Id, String, String, String)) -> Result<Round> {
    Ok(Round {
        id,
        name,
        opens: date(id, "round", &opens)?,
        closes: date(id, "round", &closes)?,
    })
}

pub fn round(conn: &Connection, id: Id) -> Result<Round> {
    let row = conn
        .query_row(
            "SELECT id, name, opens, closes FROM consultation_rounds WHERE id = ?1",
            [id],
            round_row,
        )
        .optional()?
        .ok_or_else(|| StoreError::missing("consultation round", id))?;
    to_round(row)
}

pub fn rounds(conn: &Connection) -> Result<Vec<Round>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, opens, closes FROM consultation_rounds ORDER BY opens, id",
    )?;
    let rows = stmt.query_map([], round_row)?;
    rows.map(|r| to_round(r?)).collect()
}

/// A response to log: `from` is what the consultee is called in words.
pub struct NewResponse<'a> {
    pub round: Id,
    pub kind: ConsulteeKind,
    pub consultee: &'a str,
    pub received: Option<NaiveDate>,
    pub about: &'a str,
    pub said: &'a str,
    pub outcome: &'a str,
}

pub fn add_response(conn: &Connection, r: &NewResponse<'_>) -> Result<Id> {
    round(conn, r.round)?;
    if r.said.trim().is_empty() {
        return Err(ValidationError::new("said", "say what the consultee said").into());
    }
    for (field, text) in [
        ("said", r.said),
        ("outcome", r.outcome),
        ("about", r.about),
        ("consultee", r.consultee),
    ] {
        if text.chars().count() > MAX_TEXT {
            return Err(ValidationError::new(
                field,
                format!("is longer than {MAX_TEXT} characters"),
            )
            .into());
        }
    }
    conn.execute(
        "INSERT INTO consultation_responses (round_id, consultee_kind, consultee, received, about, said, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            r.round,
            r.kind.as_str(),
            r.consultee.trim(),
            r.received.map(|d| d.to_string()),
            r.about.trim(),
            r.said.trim(),
            r.outcome.trim()
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Records what changed as a result of response `id`.
pub fn set_outcome(conn: &Connection, id: Id, outcome: &str) -> Result<()> {
    if outcome.chars().count() > MAX_TEXT {
        return Err(ValidationError::new(
            "outcome",
            format!("is longer than {MAX_TEXT} characters"),
        )
        .into());
    }
    if conn.execute(
        "UPDATE consultation_responses SET outcome = ?2 WHERE id = ?1",
        params![id, outcome.trim()],
    )? == 0
    {
        return Err(StoreError::missing("response", id));
    }
    Ok(())
}

/// The plan's "Required consultees" list (seed 004's nine in a new plan),
/// each without the number its text repeats.
pub fn required(conn: &Connection) -> Result<Vec<Consultee>> {
    Ok(super::frameworks::list(conn)?
        .into_iter()
        .find(|f| f.key == "required_consultees")
        .map(|f| f.items)
        .unwrap_or_default()
        .into_iter()
        .map(|i| Consultee {
            kind: ConsulteeKind::Required,
            name: i
                .title
                .strip_prefix(&format!("{}. ", i.code))
                .unwrap_or(&i.title)
                .to_owned(),
            key: i.code,
        })
        .collect())
}

/// The responses, by round and in the order logged, each with who it is
/// from in words.
pub fn responses(conn: &Connection) -> Result<Vec<Response>> {
    let required = required(conn)?;
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.round_id, r.consultee_kind, r.consultee, r.received, r.about, r.said, r.outcome
         FROM consultation_responses r JOIN consultation_rounds o ON o.id = r.round_id
         ORDER BY o.opens, o.id, r.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, Id>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, round, kind, consultee, received, about, said, outcome) = row?;
        let consultee_kind: ConsulteeKind = kind.parse().map_err(|e: String| {
            StoreError::Refused(format!("response {id} cannot be read: {e}"))
        })?;
        let from = match consultee_kind {
            ConsulteeKind::Required => required
                .iter()
                .find(|c| c.key == consultee)
                .map_or_else(|| consultee.clone(), |c| c.name.clone()),
            _ => consultee.clone(),
        };
        out.push(Response {
            id,
            round,
            consultee_kind,
            from,
            consultee,
            received: received.map(|d| date(id, "response", &d)).transpose()?,
            about,
            said,
            outcome,
        });
    }
    Ok(out)
}

/// Copies the rounds and responses of a plan of format `format` into
/// another plan (a repair). Returns how many responses.
pub(super) fn copy_all(from: &Connection, format: i64, to: &Connection) -> Result<usize> {
    if format < 7 {
        return Ok(0);
    }
    for r in rounds(from)? {
        to.execute(
            "INSERT INTO consultation_rounds (id, name, opens, closes) VALUES (?1, ?2, ?3, ?4)",
            params![r.id, r.name, r.opens.to_string(), r.closes.to_string()],
        )?;
    }
    let list = responses(from)?;
    for r in &list {
        to.execute(
            "INSERT INTO consultation_responses (round_id, consultee_kind, consultee, received, about, said, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.round,
                r.consultee_kind.as_str(),
                r.consultee,
                r.received.map(|d| d.to_string()),
                r.about,
                r.said,
                r.outcome
            ],
        )?;
    }
    Ok(list.len())
}
