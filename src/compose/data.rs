//! Data blocks expanded into real tables from the plan's actions and indicators.

use rusqlite::Connection;

use super::document::{Chart, DocCell, DocTable};
use crate::model::{
    ActionView, DataQuery, Indicator, IndicatorKind, PlanInfo, Polarity, YearValue,
};
use crate::store::{self, StoreError};

/// What a data block shows: a table, or an indicator's chart, or why an
/// indicator has no chart (words that follow "because").
pub enum Shown {
    Table(DocTable),
    Chart(Chart),
    NoChart { code: String, because: &'static str },
}

pub fn shown(conn: &Connection, info: &PlanInfo, query: &DataQuery) -> Result<Shown, StoreError> {
    Ok(match query {
        DataQuery::Actions(filter) => Shown::Table(actions(&store::actions::list(conn, filter)?)),
        DataQuery::Indicators(filter) => Shown::Table(indicators(
            info,
            &store::indicators::list(conn, filter)?,
            IndicatorColumns::default(),
        )),
        DataQuery::IndicatorChart(f) => match store::indicators::get_by_code(conn, &f.code) {
            Err(StoreError::Missing { .. }) => Shown::NoChart {
                code: f.code.trim().to_owned(),
                because: "the plan has no such indicator",
            },
            found => {
                let ind = found?;
                match chart(&ind) {
                    Some(c) => Shown::Chart(c),
                    None => Shown::NoChart {
                        code: ind.code,
                        because: "it has no baseline, targets or actuals yet",
                    },
                }
            }
        },
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

/// The most years a chart spans: the latest ones, if an indicator has
/// figures over more.
pub const CHART_YEARS: i32 = 20;

/// The trend chart of an indicator with any figures: its baseline, targets
/// and actuals over the years it has figures for (at most the latest
/// [`CHART_YEARS`]), the alt text stating each.
pub fn chart(ind: &Indicator) -> Option<Chart> {
    let all = ind.baseline.iter().chain(&ind.targets).chain(&ind.actuals);
    let last = all.clone().map(|v| v.year).max()?;
    let first = last - CHART_YEARS + 1;
    let within = |vs: &[YearValue]| -> Vec<(i32, f64)> {
        let mut out: Vec<(i32, f64)> = vs
            .iter()
            .filter(|v| v.year >= first && v.value.is_finite())
            .map(|v| (v.year, v.value))
            .collect();
        out.sort_by_key(|(y, _)| *y);
        out.dedup_by_key(|(y, _)| *y);
        out
    };
    let unit = ind.unit.as_deref();
    let baseline = ind
        .baseline
        .filter(|b| b.year >= first && b.value.is_finite())
        .map(|b| (b.year, b.value));
    let targets = within(&ind.targets);
    let actuals = within(&ind.actuals);
    let title = format!("{} {}", ind.code, ind.title);
    let list = |vs: &[(i32, f64)]| {
        vs.iter()
            .map(|(y, v)| format!("{} in {}", number(*v, unit), year_label(*y)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut parts = Vec::new();
    if let Some((y, v)) = baseline {
        parts.push(format!("baseline {} in {}", number(v, unit), year_label(y)));
    }
    if !targets.is_empty() {
        parts.push(format!("targets {}", list(&targets)));
    }
    if !actuals.is_empty() {
        parts.push(format!("actuals {}", list(&actuals)));
    }
    let higher_is_better = ind.polarity == Polarity::HigherIsBetter;
    let alt = format!(
        "Trend of {title}: {}. {} is better.",
        parts.join("; "),
        if higher_is_better { "Higher" } else { "Lower" }
    );
    Some(Chart {
        title,
        unit: ind.unit.clone(),
        higher_is_better,
        baseline,
        targets,
        actuals,
        alt,
    })
}

/// "2008/09": the financial year starting in `year`.
pub fn year_label(year: i32) -> String {
    format!("{}/{:02}", year, (year + 1) % 100)
}

/// A figure as tables and charts show it: "45%", "12.5".
pub fn number(v: f64, unit: Option<&str>) -> String {
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

/// The columns an indicator table has beyond code, title, baseline and
/// the targets: an appendix shows them all.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct IndicatorColumns {
    /// LAA, national or local.
    pub kind: bool,
    /// Whether higher or lower is better.
    pub better: bool,
    /// The latest actual figure and its year.
    pub latest: bool,
}

pub(super) fn indicators(info: &PlanInfo, list: &[Indicator], more: IndicatorColumns) -> DocTable {
    let years: Vec<i32> = (info.period.start..info.period.end)
        .take(MAX_YEARS)
        .collect();
    let mut header = vec![
        DocCell::text("Code", true),
        DocCell::text("Indicator", true),
    ];
    if more.kind {
        header.push(DocCell::text("LAA or local", true));
    }
    if more.better {
        header.push(DocCell::text("Better", true));
    }
    header.push(DocCell::text("Baseline", true));
    header.extend(
        years
            .iter()
            .map(|y| DocCell::text(format!("Target {}", year_label(*y)), true)),
    );
    if more.latest {
        header.push(DocCell::text("Latest actual", true));
    }
    let mut rows = vec![header];
    for ind in list {
        let unit = ind.unit.as_deref();
        let mut row = vec![
            // "NI 117" stays on one line.
            DocCell::text(ind.code.replace(' ', "\u{a0}"), false),
            DocCell::text(ind.title.clone(), false),
        ];
        if more.kind {
            row.push(DocCell::text(
                match ind.kind {
                    IndicatorKind::Laa => "LAA",
                    IndicatorKind::National => "National",
                    IndicatorKind::Local => "Local",
                },
                false,
            ));
        }
        if more.better {
            row.push(DocCell::text(
                match ind.polarity {
                    Polarity::HigherIsBetter => "Higher",
                    Polarity::LowerIsBetter => "Lower",
                },
                false,
            ));
        }
        row.push(DocCell::text(
            ind.baseline
                .map(|b| format!("{} ({})", number(b.value, unit), year_label(b.year)))
                .unwrap_or_default(),
            false,
        ));
        row.extend(years.iter().map(|y| {
            DocCell::text(
                ind.target(*y).map(|v| number(v, unit)).unwrap_or_default(),
                false,
            )
        }));
        if more.latest {
            let latest = ind.actuals.iter().max_by_key(|v| v.year);
            row.push(DocCell::text(
                latest
                    .map(|v| format!("{} ({})", number(v.value, unit), year_label(v.year)))
                    .unwrap_or_default(),
                false,
            ));
        }
        rows.push(row);
    }
    DocTable {
        caption: None,
        header_rows: 1,
        rows,
    }
}
