//! The plan's own properties: title, authority, period, vision, status, dates.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::error::ValidationError;
use super::string_enum::string_enum;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanInfo {
    pub title: String,
    #[serde(default)]
    pub authority: String,
    pub period: Period,
    #[serde(default)]
    pub vision: Option<String>,
    #[serde(default)]
    pub owning_board: Option<String>,
    #[serde(default)]
    pub status: PlanStatus,
    #[serde(default)]
    pub numbering: NumberingStyle,
    #[serde(default)]
    pub predecessor: Option<String>,
    #[serde(default)]
    pub key_dates: KeyDates,
    /// The language the plan is written in, as a BCP 47 tag ("en-GB"): the
    /// app checks spelling in it and exports declare it.
    #[serde(default = "default_language")]
    pub language: String,
}

/// British English, the language of the plans Planwright is made for.
pub const DEFAULT_LANGUAGE: &str = "en-GB";

fn default_language() -> String {
    DEFAULT_LANGUAGE.to_owned()
}

/// The years a plan covers, e.g. 2008–2011.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Period {
    pub start: i32,
    pub end: i32,
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}–{}", self.start, self.end)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeyDates {
    #[serde(default)]
    pub comments_deadline: Option<NaiveDate>,
    #[serde(default)]
    pub second_draft_due: Option<NaiveDate>,
    #[serde(default)]
    pub publish_by: Option<NaiveDate>,
    #[serde(default)]
    pub review_due: Option<NaiveDate>,
}

string_enum! {
    /// Where the plan is in its life.
    #[derive(Default)]
    PlanStatus {
        #[default]
        Draft = "draft",
        Consultation = "consultation",
        SecondDraft = "second_draft",
        Approved = "approved",
        Published = "published",
        Archived = "archived",
    }
}

string_enum! {
    /// How numbered paragraphs are numbered.
    #[derive(Default)]
    NumberingStyle {
        /// 3.1, 3.2 … restarting in each numbered chapter.
        #[default]
        ByChapter = "by_chapter",
        /// 1, 2, 3 … through the whole plan.
        Continuous = "continuous",
        /// No paragraph numbers.
        Off = "off",
    }
}

impl PlanInfo {
    /// A blank plan's properties for the given title.
    pub fn titled(title: &str, start_year: i32) -> Self {
        PlanInfo {
            title: title.to_owned(),
            authority: String::new(),
            period: Period {
                start: start_year,
                end: start_year + 3,
            },
            vision: None,
            owning_board: None,
            status: PlanStatus::Draft,
            numbering: NumberingStyle::ByChapter,
            predecessor: None,
            key_dates: KeyDates::default(),
            language: default_language(),
        }
    }

    pub fn validate(&self) -> Result<(), ValidationError> {
        if !is_language_tag(&self.language) {
            return Err(ValidationError::new(
                "language",
                format!(
                    "\"{}\" is not a language tag; write it as en-GB, cy-GB or en-US",
                    self.language
                ),
            ));
        }
        if self.title.trim().is_empty() {
            return Err(ValidationError::new("title", "must not be empty"));
        }
        if self.title.chars().count() > 300 {
            return Err(ValidationError::new(
                "title",
                "is longer than 300 characters",
            ));
        }
        for (field, year) in [
            ("period start", self.period.start),
            ("period end", self.period.end),
        ] {
            if !(1900..=2200).contains(&year) {
                return Err(ValidationError::new(
                    field,
                    format!("{year} is not a plausible year"),
                ));
            }
        }
        if self.period.end < self.period.start {
            return Err(ValidationError::new(
                "period end",
                format!(
                    "{} is before the start, {}",
                    self.period.end, self.period.start
                ),
            ));
        }
        Ok(())
    }
}

/// A language and, optionally, a region: "en", "en-GB", "cy-GB".
fn is_language_tag(tag: &str) -> bool {
    let (lang, region) = match tag.split_once('-') {
        Some((l, r)) => (l, Some(r)),
        None => (tag, None),
    };
    (2..=3).contains(&lang.len())
        && lang.bytes().all(|b| b.is_ascii_lowercase())
        && region.is_none_or(|r| r.len() == 2 && r.bytes().all(|b| b.is_ascii_uppercase()))
}
