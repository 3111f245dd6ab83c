//! The `reports`, `report_templates` and `report_files` tables (format 4):
//! committee reports, the authority's own report templates, and the files
//! attached to reports as appendices. Sections and appendices are kept as
//! JSON and checked on the way in and out, as a plan's section is.

use std::hash::{Hash, Hasher};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use super::ordering::Ordered;
use crate::model::prosemirror::parse_doc;
use crate::model::report::{Exempt, Report, ReportAppendix, ReportBody, ReportSection};
use crate::model::report_template::ReportTemplate;
use crate::model::{BlockError, Id, ValidationError};

/// The most bytes of JSON a report's sections (or a template) may take: a
/// plan from someone else is never parsed past this.
pub const MAX_JSON_BYTES: i64 = 16 << 20;
/// The largest file a report may attach (a PDF or Word appendix).
pub const MAX_FILE_BYTES: usize = 50 << 20;

const ORDER: Ordered = Ordered {
    table: "reports",
    scope: None,
};

const COLUMNS: &str = "id, template, title, committee, meeting_date, report_of, author, contact, \
     report_date, status, exempt_paragraph, exempt_reason, \
     CASE WHEN length(sections) <= ?1 THEN sections END, \
     CASE WHEN length(appendices) <= ?1 THEN appendices END";

/// The plan's reports, in order.
pub fn list(conn: &Connection) -> Result<Vec<Report>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM reports ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([MAX_JSON_BYTES], raw)?;
    rows.map(|r| finish(r?)).collect()
}

/// The ids of the plan's reports, in order.
pub fn ids(conn: &Connection) -> Result<Vec<Id>> {
    ORDER.ids(conn)
}

/// The report `id`.
pub fn get(conn: &Connection, id: Id) -> Result<Report> {
    let raw = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM reports WHERE id = ?2"))?
        .query_row(params![MAX_JSON_BYTES, id], raw)
        .optional()?
        .ok_or_else(|| StoreError::missing("report", id))?;
    finish(raw)
}

/// Adds a report after the others; returns its id.
pub fn insert(conn: &Connection, body: &ReportBody) -> Result<Id> {
    check(body)?;
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position), -1) + 1 FROM reports",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO reports (position, template, title) VALUES (?1, ?2, ?3)",
        params![position, body.template, body.title],
    )?;
    let id = conn.last_insert_rowid();
    write(conn, id, body)?;
    Ok(id)
}

/// Replaces everything of report `id` with `body`.
pub fn update(conn: &Connection, id: Id, body: &ReportBody) -> Result<()> {
    check(body)?;
    if !exists(conn, id)? {
        return Err(StoreError::missing("report", id));
    }
    write(conn, id, body)
}

pub fn delete(conn: &Connection, id: Id) -> Result<()> {
    if conn.execute("DELETE FROM reports WHERE id = ?1", [id])? == 0 {
        return Err(StoreError::missing("report", id));
    }
    ORDER.compact(conn)
}

fn exists(conn: &Connection, id: Id) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM reports WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

fn write(conn: &Connection, id: Id, b: &ReportBody) -> Result<()> {
    conn.execute(
        "UPDATE reports SET template = ?2, title = ?3, committee = ?4, meeting_date = ?5,
             report_of = ?6, author = ?7, contact = ?8, report_date = ?9, status = ?10,
             exempt_paragraph = ?11, exempt_reason = ?12, sections = ?13, appendices = ?14
         WHERE id = ?1",
        params![
            id,
            b.template,
            b.title.trim(),
            b.committee.trim(),
            b.meeting_date.map(|d| d.to_string()),
            b.report_of.trim(),
            b.author.trim(),
            b.contact.trim(),
            b.date.map(|d| d.to_string()),
            b.status.as_str(),
            b.exempt.as_ref().map(|e| e.paragraph),
            b.exempt.as_ref().map(|e| e.reason.trim().to_owned()),
            serde_json::to_string(&b.sections).expect("sections serialise"),
            serde_json::to_string(&b.appendices).expect("appendices serialise"),
        ],
    )?;
    Ok(())
}

/// The report's fields, and each section's content against the block
/// schema, with the section named in the error.
fn check(body: &ReportBody) -> Result<()> {
    body.validate()?;
    for s in &body.sections {
        parse_doc(&s.content).map_err(|e| e.within(&format!("report section \"{}\"", s.title)))?;
    }
    Ok(())
}

struct Raw {
    id: Id,
    template: String,
    title: String,
    committee: String,
    meeting_date: Option<String>,
    report_of: String,
    author: String,
    contact: String,
    date: Option<String>,
    status: String,
    exempt_paragraph: Option<i64>,
    exempt_reason: Option<String>,
    sections: Option<String>,
    appendices: Option<String>,
}

fn raw(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        template: r.get(1)?,
        title: r.get(2)?,
        committee: r.get(3)?,
        meeting_date: r.get(4)?,
        report_of: r.get(5)?,
        author: r.get(6)?,
        contact: r.get(7)?,
        date: r.get(8)?,
        status: r.get(9)?,
        exempt_paragraph: r.get(10)?,
        exempt_reason: r.get(11)?,
        sections: r.get(12)?,
        appendices: r.get(13)?,
    })
}

/// A stored report checked as one from someone else's plan: every part is
/// parsed and validated, and what does not fit is named.
fn finish(r: Raw) -> Result<Report> {
    let at = format!("report {} (\"{}\")", r.id, r.title);
    let bad = |what: &str, why: String| {
        StoreError::Content(BlockError::new(
            &at,
            format!("its {what} cannot be read: {why}"),
        ))
    };
    let date = |what: &str, v: Option<String>| {
        v.map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| bad(what, e.to_string())))
            .transpose()
    };
    let sections: Vec<ReportSection> = match &r.sections {
        Some(json) => serde_json::from_str(json).map_err(|e| bad("sections", e.to_string()))?,
        None => return Err(bad("sections", "they are larger than 16 MB".into())),
    };
    let appendices: Vec<ReportAppendix> = match &r.appendices {
        Some(json) => serde_json::from_str(json).map_err(|e| bad("appendices", e.to_string()))?,
        None => return Err(bad("appendices", "they are larger than 16 MB".into())),
    };
    let body = ReportBody {
        template: r.template,
        title: r.title,
        committee: r.committee,
        meeting_date: date("meeting date", r.meeting_date)?,
        report_of: r.report_of,
        author: r.author,
        contact: r.contact,
        date: date("date", r.date)?,
        status: r.status.parse().map_err(|e| bad("status", e))?,
        exempt: match (r.exempt_paragraph, r.exempt_reason) {
            (Some(p), reason) => Some(Exempt {
                paragraph: u8::try_from(p).unwrap_or(0),
                reason: reason.unwrap_or_default(),
            }),
            (None, _) => None,
        },
        sections,
        appendices,
    };
    check(&body).map_err(|e| match e {
        StoreError::Invalid(v) => bad(&v.field, v.problem),
        StoreError::Content(c) => StoreError::Content(c.within(&at)),
        other => other,
    })?;
    Ok(Report { id: r.id, body })
}

/// The plan's own report templates (the built-in ones are not stored).
pub fn templates(conn: &Connection) -> Result<Vec<ReportTemplate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, CASE WHEN length(definition) <= ?1 THEN definition END
         FROM report_templates ORDER BY key",
    )?;
    let rows = stmt.query_map([MAX_JSON_BYTES], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, json) = row?;
        let bad = |why: String| {
            StoreError::Invalid(ValidationError::new(
                &format!("report template \"{key}\""),
                format!("cannot be read: {why}"),
            ))
        };
        let json = json.ok_or_else(|| bad("it is larger than 16 MB".into()))?;
        let t: ReportTemplate = serde_json::from_str(&json).map_err(|e| bad(e.to_string()))?;
        t.validate().map_err(|e| bad(e.to_string()))?;
        if t.key != key {
            return Err(bad(format!("it calls itself \"{}\"", t.key)));
        }
        out.push(t);
    }
    Ok(out)
}

/// Adds the template, or replaces the plan's template of the same key.
pub fn put_template(conn: &Connection, t: &ReportTemplate) -> Result<()> {
    t.validate()?;
    conn.execute(
        "INSERT INTO report_templates (key, definition) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET definition = excluded.definition",
        params![
            t.key,
            serde_json::to_string(t).expect("templates serialise")
        ],
    )?;
    Ok(())
}

/// The kinds of file a report attaches: PDF and Word.
pub fn file_kind(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if data.starts_with(b"PK\x03\x04") {
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    } else {
        None
    }
}

/// Stores a PDF or Word file to attach to a report under an id made from
/// its bytes; returns the id.
pub fn add_file(conn: &Connection, name: &str, data: &[u8]) -> Result<String> {
    let Some(mime) = file_kind(data) else {
        return Err(ValidationError::new(
            "appendix file",
            format!("{name} is not a PDF or Word (.docx) file"),
        )
        .into());
    };
    if data.len() > MAX_FILE_BYTES {
        return Err(ValidationError::new(
            "appendix file",
            format!("{name} is larger than {} MB", MAX_FILE_BYTES >> 20),
        )
        .into());
    }
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut hasher);
    let ext = if mime == "application/pdf" {
        "pdf"
    } else {
        "docx"
    };
    let id = format!("{:016x}.{ext}", hasher.finish());
    conn.execute(
        "INSERT INTO report_files (id, name, mime, data) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO NOTHING",
        params![id, name, mime, data],
    )?;
    Ok(id)
}

/// An attached file's name and bytes, if the plan holds it and it is no
/// larger than [`MAX_FILE_BYTES`].
pub fn file(conn: &Connection, id: &str) -> Result<Option<(String, Vec<u8>)>> {
    Ok(conn
        .query_row(
            "SELECT name, data FROM report_files WHERE id = ?1 AND length(data) <= ?2",
            params![id, MAX_FILE_BYTES as i64],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Whether the plan holds the attached file `id` (within the size a pack
/// reads), without reading it.
pub fn has_file(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM report_files WHERE id = ?1 AND length(data) <= ?2",
            params![id, MAX_FILE_BYTES as i64],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Copies the reports' files of a plan of format `format` into another
/// plan (a repair), one at a time; returns how many.
pub(super) fn copy_files(from: &Connection, format: i64, to: &Connection) -> Result<usize> {
    if format < 4 {
        return Ok(0);
    }
    let mut ids = from.prepare("SELECT id FROM report_files ORDER BY id")?;
    let ids: Vec<String> = ids
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut n = 0;
    for id in ids {
        // The type is told again from the bytes; the id is kept, as the
        // appendices link to it.
        if let Some((name, data)) = file(from, &id)? {
            if let Some(mime) = file_kind(&data) {
                to.execute(
                    "INSERT INTO report_files (id, name, mime, data) VALUES (?1, ?2, ?3, ?4)",
                    params![id, name, mime, data],
                )?;
                n += 1;
            }
        }
    }
    Ok(n)
}
