//! Performance indicators: their targets and actual figures by year, and
//! the grid that shows them with a RAG rating from the polarity.

use serde::{Deserialize, Serialize};

use super::Result;
use crate::model::{
    Id, Indicator, IndicatorFilter, IndicatorKind, Polarity, Rag, ValidationError, YearValue,
};
use crate::store::{indicators, plan_info, priorities, PlanFile};

/// An indicator as the grid shows it: a column for every year of the plan
/// (and any other year with a figure), each with its RAG from the polarity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorRow {
    pub indicator: Indicator,
    pub years: Vec<YearFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearFigures {
    pub year: i32,
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub rag: Option<Rag>,
}

/// Which figure of a year is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorFigure {
    Target,
    Actual,
}

impl IndicatorFigure {
    fn name(self) -> &'static str {
        match self {
            IndicatorFigure::Target => "target",
            IndicatorFigure::Actual => "actual",
        }
    }
}

/// A new indicator as typed: figures are "YEAR=VALUE" ("2009=5.5").
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewIndicator {
    pub code: String,
    pub title: String,
    pub kind: IndicatorKind,
    pub polarity: Polarity,
    pub unit: Option<String>,
    /// A priority code, e.g. P1.
    pub priority: Option<String>,
    pub baseline: Option<String>,
    pub targets: Vec<String>,
}

pub fn list(plan: &PlanFile, filter: &IndicatorFilter) -> Result<Vec<Indicator>> {
    Ok(plan.read(|conn| indicators::list(conn, filter))?)
}

/// The trend chart of indicator `code` as SVG, as exports draw it (the
/// editor shows a chart data block with it); None while the indicator has
/// no figures.
pub fn chart_svg(plan: &PlanFile, code: &str) -> Result<Option<String>> {
    let ind = plan.read(|conn| indicators::get_by_code(conn, code))?;
    Ok(crate::compose::indicator_chart(&ind)
        .map(|c| crate::export::chart::svg(&c, &format!("chart-{}", ind.id))))
}

pub fn rows(plan: &PlanFile, filter: &IndicatorFilter) -> Result<Vec<IndicatorRow>> {
    Ok(plan.read(|conn| {
        let period = plan_info::get(conn)?.period;
        let list = indicators::list(conn, filter)?;
        // A 2008–2011 plan runs over the years 2008/09, 2009/10 and 2010/11.
        let mut years: Vec<i32> = (period.start..period.end.max(period.start + 1)).collect();
        for i in &list {
            years.extend(i.targets.iter().chain(&i.actuals).map(|v| v.year));
        }
        years.sort_unstable();
        years.dedup();
        Ok(list
            .into_iter()
            .map(|indicator| IndicatorRow {
                years: years
                    .iter()
                    .map(|&year| YearFigures {
                        year,
                        target: indicator.target(year),
                        actual: indicator.actual(year),
                        rag: indicator.rag(year),
                    })
                    .collect(),
                indicator,
            })
            .collect())
    })?)
}

pub fn add(plan: &mut PlanFile, new: &NewIndicator) -> Result<Id> {
    let baseline = new
        .baseline
        .as_deref()
        .map(|b| year_value("baseline", b))
        .transpose()?;
    let targets = new
        .targets
        .iter()
        .map(|t| year_value("target", t))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(plan.edit(|tx| {
        let priority = new
            .priority
            .as_deref()
            .map(|p| priorities::resolve(tx, p))
            .transpose()?;
        indicators::insert(
            tx,
            &Indicator {
                id: 0,
                code: new.code.clone(),
                title: new.title.clone(),
                kind: new.kind,
                polarity: new.polarity,
                unit: new.unit.clone(),
                priority,
                baseline,
                targets,
                actuals: Vec::new(),
            },
        )
    })?)
}

/// Sets (or, for empty text, clears) one year's target or actual of the
/// indicator `code` from the text typed for it ("5.5", "5.5%", "1,200").
/// Returns the figure now stored.
pub fn set_figure(
    plan: &mut PlanFile,
    code: &str,
    year: i32,
    figure: IndicatorFigure,
    text: &str,
) -> Result<Option<f64>> {
    let t = text.trim();
    let value = if t.is_empty() {
        None
    } else {
        Some(number(figure.name(), t)?)
    };
    plan.edit(|tx| match (value, figure) {
        (None, _) => indicators::clear_value(tx, code, year, figure == IndicatorFigure::Actual),
        (Some(v), IndicatorFigure::Target) => indicators::set_target(tx, code, year, v),
        (Some(v), IndicatorFigure::Actual) => indicators::set_actual(tx, code, year, v),
    })?;
    Ok(value)
}

fn number(field: &str, text: &str) -> Result<f64, ValidationError> {
    text.trim_end_matches('%')
        .replace(',', "")
        .trim()
        .parse()
        .map_err(|_| ValidationError::new(field, format!("\"{text}\" is not a number")))
}

fn year_value(field: &str, text: &str) -> Result<YearValue, ValidationError> {
    let bad = || {
        ValidationError::new(
            field,
            format!("\"{text}\" should be YEAR=VALUE, e.g. 2009=5.5"),
        )
    };
    let (y, v) = text.split_once('=').ok_or_else(bad)?;
    Ok(YearValue {
        year: y.trim().parse().map_err(|_| bad())?,
        value: number(field, v).map_err(|_| bad())?,
    })
}
