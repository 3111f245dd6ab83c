//! `indicator add|list|set-actual|set-target`.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use planwright::api::indicators::{IndicatorFigure, NewIndicator};
use planwright::api::{self};
use planwright::model::{IndicatorFilter, IndicatorKind, Polarity};
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
        /// A number ("5.5", "5.5%", "1,200"); "" clears it.
        value: String,
    },
    /// Set the target for a year.
    SetTarget {
        file: PathBuf,
        code: String,
        year: i32,
        /// A number ("5.5", "5.5%", "1,200"); "" clears it.
        value: String,
    },
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
            let mut plan = open(&file)?;
            let new = NewIndicator {
                code: code.clone(),
                title,
                kind,
                polarity,
                unit,
                priority,
                baseline,
                targets,
            };
            let id = api::indicators::add(&mut plan, &new)?;
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
            let list = api::indicators::list(&plan, &IndicatorFilter { priority, kind })?;
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
        } => set_figure(&file, &code, year, IndicatorFigure::Actual, &value, out)?,
        IndicatorCommand::SetTarget {
            file,
            code,
            year,
            value,
        } => set_figure(&file, &code, year, IndicatorFigure::Target, &value, out)?,
    }
    Ok(())
}

/// Records one year's actual or target, as one transaction, and says so.
fn set_figure(
    file: &Path,
    code: &str,
    year: i32,
    figure: IndicatorFigure,
    value: &str,
    out: &Out,
) -> Outcome {
    let mut plan = open(file)?;
    let value = api::indicators::set_figure(&mut plan, code, year, figure, value)?;
    let what = match figure {
        IndicatorFigure::Target => "target",
        IndicatorFigure::Actual => "actual",
    };
    out.show(
        &json!({"code": code, "year": year, what: value}),
        || match value {
            Some(v) => format!("{code} {year}: {what} {v}"),
            None => format!("{code} {year}: {what} cleared"),
        },
    );
    Ok(())
}
