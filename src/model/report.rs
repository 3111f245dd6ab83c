//! Committee reports: the cover report that takes the plan to a committee
//! (an executive board, cabinet, scrutiny), in its authority's template,
//! with appendices that are links to the plan, never copies of it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::ValidationError;
use super::planning::{ActionColumns, GroupBy, Id};
use super::string_enum::string_enum;

string_enum! {
    #[derive(Default)]
    ReportStatus {
        #[default]
        Draft = "draft",
        Final = "final",
    }
}

/// One committee report as the plan holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    pub id: Id,
    #[serde(flatten)]
    pub body: ReportBody,
}

/// Everything of a report but its row id: what a bundle, the CLI and the
/// editor write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportBody {
    /// The key of its template: built in ("leicestershire", "derby") or
    /// one of the plan's own.
    pub template: String,
    pub title: String,
    /// "Children and Young People's Executive", "Council Cabinet".
    #[serde(default)]
    pub committee: String,
    #[serde(default)]
    pub meeting_date: Option<NaiveDate>,
    /// "Report of the Corporate Director for Children & Young People".
    #[serde(default)]
    pub report_of: String,
    /// The officer who wrote it and whom to contact.
    #[serde(default)]
    pub author: String,
    /// How to reach them: "01332 256700 andrew.flack@derby.gov.uk".
    #[serde(default)]
    pub contact: String,
    /// The date the report is signed off with.
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub status: ReportStatus,
    /// Set when part of the report may not be published.
    #[serde(default)]
    pub exempt: Option<Exempt>,
    /// In order; each a template section or one the author added.
    #[serde(default)]
    pub sections: Vec<ReportSection>,
    #[serde(default)]
    pub appendices: Vec<ReportAppendix>,
}

/// Why some of a report is not for publication: a paragraph of Schedule
/// 12A to the Local Government Act 1972 and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Exempt {
    /// 1 to 7 (Part 1 of Schedule 12A).
    pub paragraph: u8,
    pub reason: String,
}

impl Exempt {
    /// "Exempt information under paragraph 3 of Schedule 12A to the Local
    /// Government Act 1972: …".
    pub fn statement(&self) -> String {
        format!(
            "Exempt information under paragraph {} of Part 1 of Schedule 12A to the Local \
             Government Act 1972: {}",
            self.paragraph,
            self.reason.trim()
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportSection {
    /// The template section it fills ("purpose"), or the author's own.
    pub key: String,
    /// As printed: the template's title unless the author renamed it.
    pub title: String,
    /// A ProseMirror document, as a plan section's (checked the same way).
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub content: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportAppendix {
    /// "Children's Plan – Building Brighter Future".
    pub title: String,
    pub source: AppendixSource,
    /// Left out of the public pack.
    #[serde(default)]
    pub exempt: bool,
}

/// What an appendix shows: always read from the plan when the pack is
/// made, so a change to the plan shows in the next pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AppendixSource {
    /// The whole plan.
    Plan,
    /// Chosen chapters, by 1-based position.
    Chapters {
        chapters: Vec<usize>,
    },
    /// The action plan: actions in a table under each group.
    Actions {
        #[serde(default)]
        group_by: GroupBy,
        #[serde(default)]
        columns: ActionColumns,
    },
    /// The indicators, with their baselines, targets and actuals.
    Indicators,
    /// Who must be consulted and the plan's partners.
    Consultees,
    /// The consultation summary: its rounds, who responded about what,
    /// and what changed as a result.
    Consultation,
    Glossary,
    /// A PDF or Word file attached to the plan (an asset), by its asset id.
    File {
        asset: String,
        name: String,
    },
}

impl AppendixSource {
    /// What it is, in words, for lists and messages.
    pub fn describe(&self) -> String {
        match self {
            AppendixSource::Plan => "the whole plan".into(),
            AppendixSource::Chapters { chapters } => {
                let list: Vec<String> = chapters.iter().map(|c| c.to_string()).collect();
                format!("chapters {} of the plan", list.join(", "))
            }
            AppendixSource::Actions { .. } => "the action plan".into(),
            AppendixSource::Indicators => "the indicators".into(),
            AppendixSource::Consultees => "the consultee list".into(),
            AppendixSource::Consultation => "the consultation summary".into(),
            AppendixSource::Glossary => "the glossary".into(),
            AppendixSource::File { name, .. } => format!("the attached file {name}"),
        }
    }
}

/// The most sections, appendices and characters a report may hold: a
/// report from someone else's plan is read within these.
pub const MAX_SECTIONS: usize = 64;
pub const MAX_APPENDICES: usize = 40;
pub const MAX_FIELD_CHARS: usize = 1_000;

impl ReportBody {
    /// Checks the fields a person types (the sections' content is checked
    /// as a plan section's is, where it is stored).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.title.trim().is_empty() {
            return Err(ValidationError::new("title", "a report needs a title"));
        }
        for (field, value) in [
            ("title", &self.title),
            ("committee", &self.committee),
            ("report of", &self.report_of),
            ("author", &self.author),
            ("contact", &self.contact),
            ("template", &self.template),
        ] {
            if value.chars().count() > MAX_FIELD_CHARS {
                return Err(ValidationError::new(
                    field,
                    format!("is longer than {MAX_FIELD_CHARS} characters"),
                ));
            }
        }
        if let Some(e) = &self.exempt {
            if !(1..=7).contains(&e.paragraph) {
                return Err(ValidationError::new(
                    "exempt paragraph",
                    format!(
                        "{} is not a paragraph of Part 1 of Schedule 12A; use 1 to 7",
                        e.paragraph
                    ),
                ));
            }
            if e.reason.trim().is_empty() {
                return Err(ValidationError::new(
                    "exempt reason",
                    "say why the information is exempt",
                ));
            }
        }
        if self.sections.len() > MAX_SECTIONS {
            return Err(ValidationError::new(
                "sections",
                format!("a report holds at most {MAX_SECTIONS} sections"),
            ));
        }
        if self.appendices.len() > MAX_APPENDICES {
            return Err(ValidationError::new(
                "appendices",
                format!("a report holds at most {MAX_APPENDICES} appendices"),
            ));
        }
        let mut keys = std::collections::HashSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            let at = format!("section {}", i + 1);
            if s.key.trim().is_empty() || s.key.len() > 64 {
                return Err(ValidationError::new(
                    &at,
                    "its key must be 1 to 64 characters",
                ));
            }
            if !keys.insert(s.key.as_str()) {
                return Err(ValidationError::new(
                    &at,
                    format!("the report already has a section \"{}\"", s.key),
                ));
            }
            if s.title.chars().count() > MAX_FIELD_CHARS {
                return Err(ValidationError::new(&at, "its title is too long"));
            }
        }
        for (i, a) in self.appendices.iter().enumerate() {
            let at = format!("appendix {}", i + 1);
            if a.title.trim().is_empty() || a.title.chars().count() > MAX_FIELD_CHARS {
                return Err(ValidationError::new(
                    &at,
                    "it needs a title of up to 1,000 characters",
                ));
            }
            if let AppendixSource::Chapters { chapters } = &a.source {
                if chapters.is_empty() || chapters.len() > 1_000 || chapters.contains(&0) {
                    return Err(ValidationError::new(
                        &at,
                        "choose the chapters it shows, by number (1 is the first)",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The section with key `key`.
    pub fn section(&self, key: &str) -> Option<&ReportSection> {
        self.sections.iter().find(|s| s.key == key)
    }
}
