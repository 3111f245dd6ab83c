//! `indicator add|list|set-actual|set-target`.

use std::path::PathBuf;

use clap::Subcommand;
use planwright::model::{
    Indicator, IndicatorFilter, IndicatorKind, Polarity, ValidationError, YearValue,
};
use planwright::store::{self, priorities};
use serde_json::json;

use super::{open, open_read_only, Out, Outcome};

#[derive(Subcommand)]
pub enum IndicatorCommand {
    /// Add an indicator.
    Add {
        file: PathBuf,
        /// "NI 117", or a local code.
        #[arg(long)]
        code: String,
        #[arg(long)]
        title: String,
        /// laa, national or local.
        #[arg(long)]
        kind: IndicatorKind,
        /// higher_is_better or lower_is_better.
        #[arg(long)]
        polarity: Polarity,
        /// "%", "rate", "number"…
        #[arg(long)]
        unit: Option<String>,
        /// Priority code, e.g. P1.
        #[arg(long)]
        priority: Option<String>,
        /// Baseline as YEAR=VALUE, e.g. 2007=6.1.
        #[arg(long)]
        baseline: Option<String>,
        /// A target as YEAR=VALUE; repeat for each year.
        #[arg(long = "target")]
        targets: Vec<String>,
    },
    /// List indicators with their targets and actuals.
    List {
        file: PathBuf,
        #[arg(long)]
        kind: Option<IndicatorKind>,
        #[arg(long)]
        priority: Option<String>,
    },
    /// Record the actual figure for a year.
    SetActual {
        file: PathBuf,
        code: String,
        year: i32,
        value: f64,
    },
    /// Set the target for a year.
    SetTarget {
        file: PathBuf,
        code: String,
        year: i32,
        value: f64,
    },
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
        value: v.trim().parse().map_err(|_| bad())?,
    })
}

pub fn run(c: IndicatorCommand, out: &Out) -> Outcome {
    match c {
        IndicatorCommand::Add {
            file,
            code,
            title,
            kind,
            polarity,
            unit,
            priority,
            baseline,
            targets,
        } => {
            let baseline = baseline.map(|b| year_value("baseline", &b)).transpose()?;
            let targets = targets
                .iter()
                .map(|t| year_value("target", t))
                .collect::<Result<Vec<_>, _>>()?;
            let mut plan = open(&file)?;
            let id = plan.write(|tx| {
                let priority = priority
                    .as_deref()
                    .map(|p| priorities::resolve(tx, p))
                    .transpose()?;
                store::indicators::insert(
                    tx,
                    &Indicator {
                        id: 0,
                        code: code.clone(),
                        title: title.clone(),
                        kind,
                        polarity,
                        unit,
                        priority,
                        baseline,
                        targets,
                        actuals: Vec::new(),
                    },
                )
            })?;
            out.show(&json!({"id": id, "code": code.trim()}), || {
                format!("Added indicator {}", code.trim())
            });
        }
        IndicatorCommand::List {
            file,
            kind,
            priority,
        } => {
            let plan = open_read_only(&file)?;
            let list = plan
                .read(|conn| store::indicators::list(conn, &IndicatorFilter { priority, kind }))?;
            out.show(&list, || {
                let mut t = String::new();
                for i in &list {
                    t += &format!("{:<8} {:<8} {}\n", i.code, i.kind, i.title);
                    let years: std::collections::BTreeSet<i32> =
                        i.targets.iter().chain(&i.actuals).map(|v| v.year).collect();
                    for y in years {
                        let f =
                            |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
                        let rag = i.rag(y).map(|r| format!("  {r}")).unwrap_or_default();
                        t += &format!(
                            "         {y}/{:02}: target {}, actual {}{rag}\n",
                            (y + 1) % 100,
                            f(i.target(y)),
                            f(i.actual(y))
                        );
                    }
                }
                t += &format!(
                    "{} indicator{}",
                    list.len(),
                    if list.len() == 1 { "" } else { "s" }
                );
                t
            });
        }
        IndicatorCommand::SetActual {
            file,
            code,
            year,
            value,
        } => {
            set_figure(
                &file,
                &code,
                year,
                value,
                "actual",
                store::indicators::set_actual,
                out,
            )?;
        }
        IndicatorCommand::SetTarget {
            file,
            code,
            year,
            value,
        } => {
            set_figure(
                &file,
                &code,
                year,
                value,
                "target",
                store::indicators::set_target,
                out,
            )?;
        }
    }
    Ok(())
}

/// Records one year's actual or target, as one transaction, and says so.
fn set_figure(
    file: &std::path::Path,
    code: &str,
    year: i32,
    value: f64,
    what: &str,
    set: fn(&rusqlite::Connection, &str, i32, f64) -> planwright::store::Result<()>,
    out: &Out,
) -> Outcome {
    let mut plan = open(&file.to_path_buf())?;
    plan.write(|tx| set(tx, code, year, value))?;
    out.show(&json!({"code": code, "year": year, what: value}), || {
        format!("{code} {year}: {what} {value}")
    });
    Ok(())
}
