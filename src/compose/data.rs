//! Data blocks expanded into real tables from the plan's actions and indicators.

use rusqlite::Connection;

use super::document::{DocCell, DocTable};
use crate::model::{ActionView, DataQuery, Indicator, PlanInfo};
use crate::store::{self, StoreError};

pub fn table(
    conn: &Connection,
    info: &PlanInfo,
    query: &DataQuery,
) -> Result<DocTable, StoreError> {
    Ok(match query {
        DataQuery::Actions(filter) => actions(&store::actions::list(conn, filter)?),
        DataQuery::Indicators(filter) => indicators(info, &store::indicators::list(conn, filter)?),
    })
}

fn actions(list: &[ActionView]) -> DocTable {
    let mut rows = vec![["Activity", "Responsibility", "Timescale"]
        .map(|h| DocCell::text(h, true))
        .to_vec()];
    for a in list {
        let activity = match a.action.parent {
            Some(_) => format!("– {}", a.action.activity),
            None => a.action.activity.clone(),
        };
        rows.push(vec![
            DocCell::text(activity, false),
            DocCell::text(a.responsibility(), false),
            DocCell::text(timescale(a), false),
        ]);
    }
    DocTable {
        caption: None,
        header_rows: 1,
        rows,
    }
}

pub(super) fn timescale(a: &ActionView) -> String {
    let f = |d: chrono::NaiveDate| d.format("%b %Y").to_string();
    match (a.action.start, a.action.end) {
        (Some(s), Some(e)) => format!("{} to {}", f(s), f(e)),
        (Some(s), None) => format!("From {}", f(s)),
        (None, Some(e)) => format!("By {}", f(e)),
        (None, None) => String::new(),
    }
}

/// "2008/09": the financial year starting in `year`.
fn year_label(year: i32) -> String {
    format!("{}/{:02}", year, (year + 1) % 100)
}

fn number(v: f64, unit: Option<&str>) -> String {
    let n = if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    match unit {
        Some("%") => format!("{n}%"),
        _ => n,
    }
}

/// The most years a table of indicators has a column for: the longest
/// period a plan's properties allow (1900 to 2200), here also for a plan
/// whose period was written by hand.
const MAX_YEARS: usize = 300;

fn indicators(info: &PlanInfo, list: &[Indicator]) -> DocTable {
    let years: Vec<i32> = (info.period.start..info.period.end)
        .take(MAX_YEARS)
        .collect();
    let mut header = vec![
        DocCell::text("Code", true),
        DocCell::text("Indicator", true),
        DocCell::text("Baseline", true),
    ];
    header.extend(
        years
            .iter()
            .map(|y| DocCell::text(format!("Target {}", year_label(*y)), true)),
    );
    let mut rows = vec![header];
    for ind in list {
        let unit = ind.unit.as_deref();
        let mut row = vec![
            // "NI 117" stays on one line.
            DocCell::text(ind.code.replace(' ', "\u{a0}"), false),
            DocCell::text(ind.title.clone(), false),
            DocCell::text(
                ind.baseline
                    .map(|b| format!("{} ({})", number(b.value, unit), year_label(b.year)))
                    .unwrap_or_default(),
                false,
            ),
        ];
        row.extend(years.iter().map(|y| {
            DocCell::text(
                ind.target(*y).map(|v| number(v, unit)).unwrap_or_default(),
                false,
            )
        }));
        rows.push(row);
    }
    DocTable {
        caption: None,
        header_rows: 1,
        rows,
    }
}
