//! The `indicators` and `indicator_values` tables.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::columns::parsed;
use super::error::{Result, StoreError};
use crate::model::{Id, Indicator, IndicatorFilter, ValidationError, YearValue};

/// The columns [`from_row`] reads, in its order: the indicator's own (as
/// `i`), then the code of its priority (as `p`, joined).
const COLUMNS: &str = "i.id, i.code, i.title, i.kind, i.polarity, i.unit, i.priority_id,
                       i.baseline_year, i.baseline_value, p.code";

/// An indicator without its yearly figures, and its priority's code.
fn from_row(r: &Row<'_>) -> rusqlite::Result<(Indicator, Option<String>)> {
    let baseline = match (r.get::<_, Option<i32>>(7)?, r.get::<_, Option<f64>>(8)?) {
        (Some(year), Some(value)) => Some(YearValue { year, value }),
        _ => None,
    };
    let indicator = Indicator {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        kind: parsed(r, 3)?,
        polarity: parsed(r, 4)?,
        unit: r.get(5)?,
        priority: r.get(6)?,
        baseline,
        targets: Vec::new(),
        actuals: Vec::new(),
    };
    Ok((indicator, r.get(9)?))
}

/// The `indicator_values` columns [`value_from_row`] reads, in its order.
const VALUE_COLUMNS: &str = "year, target, actual";

/// One year's target and actual (either may be missing).
fn value_from_row(r: &Row<'_>) -> rusqlite::Result<(i32, Option<f64>, Option<f64>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

pub fn list(conn: &Connection, filter: &IndicatorFilter) -> Result<Vec<Indicator>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM indicators i LEFT JOIN priorities p ON p.id = i.priority_id
         ORDER BY i.position, i.id"
    ))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut values = conn.prepare_cached(&format!(
        "SELECT {VALUE_COLUMNS} FROM indicator_values WHERE indicator_id = ?1 ORDER BY year"
    ))?;
    let mut out = Vec::new();
    for (mut ind, pcode) in rows {
        if filter.kind.is_some_and(|k| k != ind.kind)
            || filter
                .priority
                .as_ref()
                .is_some_and(|p| !pcode.as_ref().is_some_and(|c| c.eq_ignore_ascii_case(p)))
        {
            continue;
        }
        for value in values.query_map([ind.id], value_from_row)? {
            let (year, target, actual) = value?;
            if let Some(value) = target {
                ind.targets.push(YearValue { year, value });
            }
            if let Some(value) = actual {
                ind.actuals.push(YearValue { year, value });
            }
        }
        out.push(ind);
    }
    Ok(out)
}

pub fn find(conn: &Connection, code: &str) -> Result<Option<Id>> {
    Ok(conn
        .query_row(
            "SELECT id FROM indicators WHERE code = ?1",
            [code.trim()],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn get_by_code(conn: &Connection, code: &str) -> Result<Indicator> {
    let id = find(conn, code)?.ok_or_else(|| StoreError::missing("indicator", code))?;
    Ok(list(conn, &IndicatorFilter::default())?
        .into_iter()
        .find(|i| i.id == id)
        .expect("indicator found by code is listed"))
}

pub fn insert(conn: &Connection, ind: &Indicator) -> Result<Id> {
    ind.validate()?;
    if find(conn, &ind.code)?.is_some() {
        return Err(ValidationError::new(
            "code",
            format!("an indicator {} already exists", ind.code.trim()),
        )
        .into());
    }
    let position: i64 = conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM indicators",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO indicators (position, code, title, kind, polarity, unit, priority_id, baseline_year, baseline_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            position,
            ind.code.trim(),
            ind.title.trim(),
            ind.kind.as_str(),
            ind.polarity.as_str(),
            ind.unit,
            ind.priority,
            ind.baseline.map(|b| b.year),
            ind.baseline.map(|b| b.value),
        ],
    )?;
    let id = conn.last_insert_rowid();
    write_values(conn, id, ind)?;
    Ok(id)
}

fn write_values(conn: &Connection, id: Id, ind: &Indicator) -> Result<()> {
    conn.execute("DELETE FROM indicator_values WHERE indicator_id = ?1", [id])?;
    let mut years: Vec<i32> = ind
        .targets
        .iter()
        .chain(&ind.actuals)
        .map(|v| v.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO indicator_values (indicator_id, year, target, actual) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for y in years {
        stmt.execute(params![id, y, ind.target(y), ind.actual(y)])?;
    }
    Ok(())
}

/// Records the actual figure for one year.
pub fn set_actual(conn: &Connection, code: &str, year: i32, value: f64) -> Result<()> {
    set_value(conn, code, year, value, "actual")
}

/// Records the target for one year.
pub fn set_target(conn: &Connection, code: &str, year: i32, value: f64) -> Result<()> {
    set_value(conn, code, year, value, "target")
}

fn set_value(conn: &Connection, code: &str, year: i32, value: f64, column: &str) -> Result<()> {
    let id = find(conn, code)?.ok_or_else(|| StoreError::missing("indicator", code))?;
    if !value.is_finite() {
        return Err(ValidationError::new(column, "must be a number").into());
    }
    if !(1900..=2200).contains(&year) {
        return Err(ValidationError::new("year", format!("{year} is not a plausible year")).into());
    }
    conn.execute(
        &format!(
            "INSERT INTO indicator_values (indicator_id, year, {column}) VALUES (?1, ?2, ?3)
             ON CONFLICT (indicator_id, year) DO UPDATE SET {column} = excluded.{column}"
        ),
        params![id, year, value],
    )?;
    Ok(())
}

/// Removes one year's actual or target (the other figure stays).
pub fn clear_value(conn: &Connection, code: &str, year: i32, actual: bool) -> Result<()> {
    let id = find(conn, code)?.ok_or_else(|| StoreError::missing("indicator", code))?;
    let column = if actual { "actual" } else { "target" };
    conn.execute(
        &format!(
            "UPDATE indicator_values SET {column} = NULL WHERE indicator_id = ?1 AND year = ?2"
        ),
        params![id, year],
    )?;
    Ok(())
}

pub fn count(conn: &Connection) -> Result<usize> {
    Ok(conn.query_row("SELECT count(*) FROM indicators", [], |r| {
        r.get::<_, i64>(0)
    })? as usize)
}
