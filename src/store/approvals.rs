//! The `approvals` and `signoffs` tables (format 6): a committee's approval
//! of a version, and the SHA-256 of each sign-off PDF written of it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::error::{Result, StoreError};
use crate::model::approval::{Approval, ApprovalRequest, Publication, Route};
use crate::model::Id;
use crate::model::ValidationError;

const COLUMNS: &str =
    "id, version_id, committee, meeting_date, resolution, approver, override_reason, recorded";

fn from_row(r: &Row<'_>) -> rusqlite::Result<(Approval, String)> {
    let date: String = r.get(3)?;
    Ok((
        Approval {
            id: r.get(0)?,
            version: r.get(1)?,
            committee: r.get(2)?,
            meeting_date: NaiveDate::MIN,
            resolution: r.get(4)?,
            approver: r.get(5)?,
            override_reason: r.get(6)?,
            recorded: r.get(7)?,
        },
        date,
    ))
}

fn finish((mut a, date): (Approval, String)) -> Result<Approval> {
    a.meeting_date = NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
        StoreError::Refused(format!(
            "approval {} cannot be read: its meeting date \"{date}\" is not a date",
            a.id
        ))
    })?;
    Ok(a)
}

/// Records the approval of version `version`.
pub fn insert(
    conn: &Connection,
    version: Id,
    req: &ApprovalRequest,
    recorded: &str,
) -> Result<Approval> {
    req.validate()?;
    conn.execute(
        "INSERT INTO approvals (version_id, committee, meeting_date, resolution, approver,
             override_reason, recorded)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            version,
            req.committee.trim(),
            req.meeting_date.to_string(),
            req.resolution.trim(),
            req.approver.trim(),
            req.override_reason.as_deref().map(str::trim),
            recorded
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

pub fn get(conn: &Connection, id: Id) -> Result<Approval> {
    let row = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM approvals WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or_else(|| StoreError::missing("approval", id))?;
    finish(row)
}

/// The plan's approvals, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Approval>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM approvals ORDER BY id"))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|r| finish(r?)).collect()
}

/// Records that a sign-off PDF of approval `approval` was written, by the
/// SHA-256 of its bytes.
pub fn record_signoff(
    conn: &Connection,
    approval: Id,
    pdf_sha256: &str,
    written: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO signoffs (approval_id, pdf_sha256, written) VALUES (?1, ?2, ?3)",
        params![approval, pdf_sha256, written],
    )?;
    Ok(())
}

/// The approval a sign-off PDF of these bytes' SHA-256 was written of, and
/// when, if the plan wrote one.
pub fn signoff_of(conn: &Connection, pdf_sha256: &str) -> Result<Option<(Id, String)>> {
    Ok(conn
        .query_row(
            "SELECT approval_id, written FROM signoffs WHERE pdf_sha256 = ?1 ORDER BY id DESC",
            [pdf_sha256],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Records that approval `approval`'s plan was published by `route` at
/// `place` on `published`.
pub fn add_publication(
    conn: &Connection,
    approval: Id,
    route: Route,
    place: &str,
    published: NaiveDate,
) -> Result<Publication> {
    get(conn, approval)?;
    if place.trim().is_empty() || place.chars().count() > 2_000 {
        return Err(ValidationError::new(
            "where",
            "say where it was published (a web address, the libraries, the partners), in up to 2,000 characters",
        )
        .into());
    }
    conn.execute(
        "INSERT INTO publications (approval_id, route, place, published) VALUES (?1, ?2, ?3, ?4)",
        params![
            approval,
            route.as_str(),
            place.trim(),
            published.to_string()
        ],
    )?;
    Ok(Publication {
        id: conn.last_insert_rowid(),
        approval,
        route,
        place: place.trim().to_owned(),
        published,
    })
}

/// Where and when the plan was published, in the order recorded.
pub fn publications(conn: &Connection) -> Result<Vec<Publication>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, approval_id, route, place, published FROM publications ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Id>(0)?,
            r.get::<_, Id>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, approval, route, place, published) = row?;
        let bad = |what: &str| {
            StoreError::Refused(format!("publication {id} cannot be read: its {what}"))
        };
        out.push(Publication {
            id,
            approval,
            route: route.parse().map_err(|_| bad("route"))?,
            place,
            published: NaiveDate::parse_from_str(&published, "%Y-%m-%d")
                .map_err(|_| bad("date"))?,
        });
    }
    Ok(out)
}

/// Copies the approvals, sign-off and publication records of a plan of format `format`
/// into another plan (a repair, after its versions, which they name).
/// Returns how many approvals.
pub(super) fn copy_all(from: &Connection, format: i64, to: &Connection) -> Result<usize> {
    if format < 6 {
        return Ok(0);
    }
    let approvals = list(from)?;
    for a in &approvals {
        to.execute(
            "INSERT INTO approvals (id, version_id, committee, meeting_date, resolution, approver,
                 override_reason, recorded)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE EXISTS (SELECT 1 FROM versions WHERE id = ?2)",
            params![
                a.id,
                a.version,
                a.committee,
                a.meeting_date.to_string(),
                a.resolution,
                a.approver,
                a.override_reason,
                a.recorded
            ],
        )?;
    }
    let mut rows =
        from.prepare("SELECT approval_id, pdf_sha256, written FROM signoffs ORDER BY id")?;
    let mut found = rows.query([])?;
    while let Some(r) = found.next()? {
        to.execute(
            "INSERT INTO signoffs (approval_id, pdf_sha256, written)
             SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM approvals WHERE id = ?1)
                 AND length(?2) = 64",
            params![
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ],
        )?;
    }
    if format >= 8 {
        for p in publications(from)? {
            to.execute(
                "INSERT INTO publications (approval_id, route, place, published)
                 SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM approvals WHERE id = ?1)",
                params![
                    p.approval,
                    p.route.as_str(),
                    p.place,
                    p.published.to_string()
                ],
            )?;
        }
    }
    Ok(approvals.len())
}
