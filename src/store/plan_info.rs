//! The `plan` table: the single row of plan properties.

use rusqlite::{params, Connection, Row};

use super::columns::{date, date_text, parsed};
use super::error::Result;
use crate::model::{KeyDates, Period, PlanInfo, DEFAULT_LANGUAGE};

/// The columns [`from_row`] reads, in its order.
const COLUMNS: &str = "title, authority, period_start, period_end, vision, owning_board, status,
                       numbering, predecessor, comments_deadline, second_draft_due, publish_by,
                       review_due";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PlanInfo> {
    Ok(PlanInfo {
        title: r.get(0)?,
        authority: r.get(1)?,
        period: Period {
            start: r.get(2)?,
            end: r.get(3)?,
        },
        vision: r.get(4)?,
        owning_board: r.get(5)?,
        status: parsed(r, 6)?,
        numbering: parsed(r, 7)?,
        predecessor: r.get(8)?,
        key_dates: KeyDates {
            comments_deadline: date(r, 9)?,
            second_draft_due: date(r, 10)?,
            publish_by: date(r, 11)?,
            review_due: date(r, 12)?,
        },
        language: r.get(13)?,
    })
}

pub fn get(conn: &Connection) -> Result<PlanInfo> {
    // Format 1 had no language (repair reads such plans as they are): its
    // plans are in British English.
    let has_language = conn
        .prepare_cached("SELECT 1 FROM pragma_table_info('plan') WHERE name = 'language'")?
        .exists([])?;
    let language = if has_language {
        "language".to_owned()
    } else {
        format!("'{DEFAULT_LANGUAGE}'")
    };
    Ok(conn.query_row(
        &format!("SELECT {COLUMNS}, {language} FROM plan WHERE id = 1"),
        [],
        from_row,
    )?)
}

/// Writes the plan's properties after checking them.
pub fn put(conn: &Connection, p: &PlanInfo) -> Result<()> {
    p.validate()?;
    let now = now();
    conn.execute(
        "INSERT INTO plan (id, title, authority, period_start, period_end, vision, owning_board, status,
                           numbering, predecessor, comments_deadline, second_draft_due, publish_by,
                           review_due, language, created_at, modified_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?15, ?14, ?14)
         ON CONFLICT (id) DO UPDATE SET
            title = excluded.title, authority = excluded.authority,
            period_start = excluded.period_start, period_end = excluded.period_end,
            vision = excluded.vision, owning_board = excluded.owning_board, status = excluded.status,
            numbering = excluded.numbering, predecessor = excluded.predecessor,
            comments_deadline = excluded.comments_deadline, second_draft_due = excluded.second_draft_due,
            publish_by = excluded.publish_by, review_due = excluded.review_due,
            language = excluded.language, modified_at = excluded.modified_at",
        params![
            p.title.trim(),
            p.authority.trim(),
            p.period.start,
            p.period.end,
            p.vision,
            p.owning_board,
            p.status.as_str(),
            p.numbering.as_str(),
            p.predecessor,
            date_text(p.key_dates.comments_deadline),
            date_text(p.key_dates.second_draft_due),
            date_text(p.key_dates.publish_by),
            date_text(p.key_dates.review_due),
            now,
            p.language,
        ],
    )?;
    Ok(())
}

/// Records that the plan changed.
pub fn touch(conn: &Connection) -> Result<()> {
    conn.execute("UPDATE plan SET modified_at = ?1 WHERE id = 1", [now()])?;
    Ok(())
}

/// When the plan was created and last changed (RFC 3339).
pub fn timestamps(conn: &Connection) -> Result<(String, String)> {
    Ok(conn.query_row(
        "SELECT created_at, modified_at FROM plan WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
