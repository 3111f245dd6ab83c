//! Planning data kept in tables, never in rich text: frameworks, priorities,
//! actions, indicators, people, organisations, glossary and notes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ValidationError;
use super::string_enum::string_enum;

/// Row id in the plan file.
pub type Id = i64;

string_enum! {
    #[derive(Default)]
    ActionStatus {
        #[default]
        NotStarted = "not_started",
        InProgress = "in_progress",
        Complete = "complete",
        Delayed = "delayed",
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// Red / amber / green progress rating.
    Rag { Red = "red", Amber = "amber", Green = "green" }
}

string_enum! {
    IndicatorKind { Laa = "laa", National = "national", Local = "local" }
}

string_enum! {
    /// Whether a rising figure is good news.
    Polarity { HigherIsBetter = "higher_is_better", LowerIsBetter = "lower_is_better" }
}

string_enum! {
    /// In the order a council lists its partners (and the app offers them).
    OrgKind {
        LocalAuthority = "local_authority",
        DistrictCouncil = "district_council",
        Health = "health",
        Police = "police",
        School = "school",
        Voluntary = "voluntary",
        Government = "government",
        Other = "other",
    }
}

/// A reference list such as the five Every Child Matters outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Framework {
    pub id: Id,
    /// Stable key used in filters: "ecm_outcomes", "dcsf_objectives", …
    pub key: String,
    pub name: String,
    pub items: Vec<FrameworkItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FrameworkItem {
    pub id: Id,
    /// Short code within the framework: "1", "2", "V".
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Priority {
    pub id: Id,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    /// Part of the Local Area Agreement.
    pub laa: bool,
    /// The outcome or objective it serves (a framework item).
    pub outcome: Option<Id>,
}

/// An action as stored; names of linked rows are in [`ActionView`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Action {
    pub id: Id,
    pub parent: Option<Id>,
    pub activity: String,
    /// The outcome or objective it delivers (a framework item).
    pub objective: Option<Id>,
    pub priority: Option<Id>,
    pub lead_person: Option<Id>,
    pub lead_organisation: Option<Id>,
    pub partners: Vec<Id>,
    pub notes: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// Cost in pence, to keep money exact.
    pub cost_pence: Option<i64>,
    pub status: ActionStatus,
    pub rag: Option<Rag>,
}

impl Action {
    pub fn new(activity: &str) -> Self {
        Action {
            id: 0,
            parent: None,
            activity: activity.to_owned(),
            objective: None,
            priority: None,
            lead_person: None,
            lead_organisation: None,
            partners: Vec::new(),
            notes: None,
            start: None,
            end: None,
            cost_pence: None,
            status: ActionStatus::NotStarted,
            rag: None,
        }
    }

    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.activity.trim().is_empty() {
            return Err(ValidationError::new("activity", "must not be empty"));
        }
        if let (Some(s), Some(e)) = (self.start, self.end) {
            if e < s {
                return Err(ValidationError::new(
                    "end",
                    format!("{e} is before the start date {s}"),
                ));
            }
        }
        if let Some(c) = self.cost_pence {
            if c < 0 {
                return Err(ValidationError::new("cost", "must not be negative"));
            }
        }
        if self.parent.is_some() && self.parent == Some(self.id) && self.id != 0 {
            return Err(ValidationError::new(
                "parent",
                "an action cannot be its own parent",
            ));
        }
        Ok(())
    }
}

/// An action with the names of what it links to, for lists, grids and tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionView {
    #[serde(flatten)]
    pub action: Action,
    /// Framework key and item code of the objective: ("dcsf_objectives", "2").
    pub objective_ref: Option<(String, String)>,
    pub objective_title: Option<String>,
    pub priority_code: Option<String>,
    pub lead_person_name: Option<String>,
    pub lead_organisation_name: Option<String>,
    pub partner_names: Vec<String>,
}

impl ActionView {
    /// "Government. Lead: Ellie Lowe. Partners: Districts" — the responsibility
    /// column of an action table.
    pub fn responsibility(&self) -> String {
        let mut parts = Vec::new();
        if let Some(o) = &self.lead_organisation_name {
            parts.push(o.clone());
        }
        if let Some(p) = &self.lead_person_name {
            parts.push(format!("Lead: {p}"));
        }
        if !self.partner_names.is_empty() {
            parts.push(format!("Partners: {}", self.partner_names.join(", ")));
        }
        parts.join(". ")
    }
}

/// Which actions a data block or `action list` shows. Every field narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionFilter {
    /// Framework key, e.g. "dcsf_objectives".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// Item code within the framework, e.g. "2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Priority code, e.g. "P1".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Lead person or organisation name (case-insensitive substring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ActionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
}

impl ActionFilter {
    pub fn matches(&self, a: &ActionView) -> bool {
        let obj = a.objective_ref.as_ref();
        let lower = |s: &str| s.to_lowercase();
        self.framework
            .as_ref()
            .is_none_or(|f| obj.is_some_and(|(k, _)| k == f))
            && self
                .item
                .as_ref()
                .is_none_or(|i| obj.is_some_and(|(_, c)| c.eq_ignore_ascii_case(i)))
            && self.priority.as_ref().is_none_or(|p| {
                a.priority_code
                    .as_ref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(p))
            })
            && self.lead.as_ref().is_none_or(|l| {
                let l = lower(l);
                [&a.lead_person_name, &a.lead_organisation_name]
                    .into_iter()
                    .flatten()
                    .any(|n| lower(n).contains(&l))
            })
            && self.status.is_none_or(|s| a.action.status == s)
            && self.rag.is_none_or(|r| a.action.rag == Some(r))
    }
}

/// A figure for one year (the year a financial year starts: 2008 = 2008/09).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearValue {
    pub year: i32,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Indicator {
    pub id: Id,
    /// "NI 117", or a local code.
    pub code: String,
    pub title: String,
    pub kind: IndicatorKind,
    pub polarity: Polarity,
    pub unit: Option<String>,
    pub priority: Option<Id>,
    pub baseline: Option<YearValue>,
    pub targets: Vec<YearValue>,
    pub actuals: Vec<YearValue>,
}

impl Indicator {
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.code.trim().is_empty() {
            return Err(ValidationError::new("code", "must not be empty"));
        }
        if self.title.trim().is_empty() {
            return Err(ValidationError::new("title", "must not be empty"));
        }
        for v in self
            .baseline
            .iter()
            .chain(&self.targets)
            .chain(&self.actuals)
        {
            if !v.value.is_finite() {
                return Err(ValidationError::new(
                    "value",
                    format!("{} for {} is not a number", v.value, v.year),
                ));
            }
            if !(1900..=2200).contains(&v.year) {
                return Err(ValidationError::new(
                    "year",
                    format!("{} is not a plausible year", v.year),
                ));
            }
        }
        Ok(())
    }

    pub fn target(&self, year: i32) -> Option<f64> {
        self.targets
            .iter()
            .find(|v| v.year == year)
            .map(|v| v.value)
    }

    pub fn actual(&self, year: i32) -> Option<f64> {
        self.actuals
            .iter()
            .find(|v| v.year == year)
            .map(|v| v.value)
    }

    /// Rating of a year's actual against its target, by polarity: met is
    /// green, missed by up to a tenth of the target is amber, worse is red.
    pub fn rag(&self, year: i32) -> Option<Rag> {
        let (target, actual) = (self.target(year)?, self.actual(year)?);
        let shortfall = match self.polarity {
            Polarity::HigherIsBetter => target - actual,
            Polarity::LowerIsBetter => actual - target,
        };
        Some(if shortfall <= 0.0 {
            Rag::Green
        } else if shortfall <= target.abs() * 0.1 {
            Rag::Amber
        } else {
            Rag::Red
        })
    }
}

/// Which indicator a chart data block draws.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChartFilter {
    /// The indicator's code, e.g. "NI 50".
    pub code: String,
}

/// Which indicators a data block or `indicator list` shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IndicatorFilter {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<IndicatorKind>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Person {
    pub id: Id,
    pub name: String,
    pub role: Option<String>,
    pub organisation: Option<Id>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Organisation {
    pub id: Id,
    pub name: String,
    pub kind: OrgKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GlossaryTerm {
    pub id: Id,
    pub term: String,
    pub definition: String,
}

/// A reference or endnote the plan cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: Id,
    pub label: String,
    pub text: String,
    pub url: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(polarity: Polarity, target: f64, actual: f64) -> Indicator {
        Indicator {
            id: 1,
            code: "NI 117".into(),
            title: "16 to 18 year olds who are not in education, training or employment".into(),
            kind: IndicatorKind::Laa,
            polarity,
            unit: Some("%".into()),
            priority: None,
            baseline: None,
            targets: vec![YearValue {
                year: 2008,
                value: target,
            }],
            actuals: vec![YearValue {
                year: 2008,
                value: actual,
            }],
        }
    }

    #[test]
    fn rag_follows_polarity() {
        assert_eq!(
            indicator(Polarity::LowerIsBetter, 5.0, 4.8).rag(2008),
            Some(Rag::Green)
        );
        assert_eq!(
            indicator(Polarity::LowerIsBetter, 5.0, 5.4).rag(2008),
            Some(Rag::Amber)
        );
        assert_eq!(
            indicator(Polarity::LowerIsBetter, 5.0, 6.0).rag(2008),
            Some(Rag::Red)
        );
        assert_eq!(
            indicator(Polarity::HigherIsBetter, 5.0, 6.0).rag(2008),
            Some(Rag::Green)
        );
        assert_eq!(
            indicator(Polarity::HigherIsBetter, 50.0, 46.0).rag(2008),
            Some(Rag::Amber)
        );
        assert_eq!(
            indicator(Polarity::HigherIsBetter, 5.0, 6.0).rag(2009),
            None
        );
    }

    #[test]
    fn action_end_before_start_is_refused() {
        let mut a = Action::new("Publish a play strategy");
        a.start = NaiveDate::from_ymd_opt(2008, 6, 1);
        a.end = NaiveDate::from_ymd_opt(2008, 5, 1);
        assert_eq!(
            a.validate().unwrap_err().to_string(),
            "end: 2008-05-01 is before the start date 2008-06-01"
        );
    }

    #[test]
    fn names_parse_forgivingly() {
        assert_eq!(
            "In progress".parse::<ActionStatus>(),
            Ok(ActionStatus::InProgress)
        );
        assert_eq!(
            "higher-is-better".parse::<Polarity>(),
            Ok(Polarity::HigherIsBetter)
        );
        assert_eq!(
            "purple".parse::<Rag>().unwrap_err(),
            "\"purple\" is not one of red, amber, green"
        );
    }
}

/// What the actions are grouped under.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum GroupBy {
    /// The objective each action serves, as the plan's framework numbers it.
    #[default]
    Objective,
    /// Who leads each action: the lead person, else the lead organisation.
    Lead,
    /// The Every Child Matters outcome each action serves: its objective
    /// when that is an outcome, else the outcome of its priority.
    Outcome,
}

/// The columns after Activity and Responsibility.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ActionColumns {
    pub timescale: bool,
    /// The Every Child Matters outcome the action serves.
    pub outcome: bool,
    /// Its status and RAG rating.
    pub status: bool,
}
