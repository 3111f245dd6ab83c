//! The whole plan as one JSON document, with links by name and code rather
//! than row id. Templates and the sample plan are written in this form; it
//! is loaded into a new plan file by `store::bundle`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::plan::PlanInfo;
use super::planning::{ActionStatus, IndicatorKind, OrgKind, Polarity, Rag, YearValue};
use super::report::ReportBody;
use super::report_template::ReportTemplate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub plan: PlanInfo,
    /// Frameworks of this plan beyond the built-in reference lists.
    #[serde(default)]
    pub frameworks: Vec<BundleFramework>,
    #[serde(default)]
    pub organisations: Vec<BundleOrganisation>,
    #[serde(default)]
    pub people: Vec<BundlePerson>,
    #[serde(default)]
    pub priorities: Vec<BundlePriority>,
    #[serde(default)]
    pub indicators: Vec<BundleIndicator>,
    #[serde(default)]
    pub actions: Vec<BundleAction>,
    #[serde(default)]
    pub chapters: Vec<BundleChapter>,
    #[serde(default)]
    pub glossary: Vec<BundleTerm>,
    #[serde(default)]
    pub notes: Vec<BundleNote>,
    /// The asset id of the plan's logo. Like a figure's image, the image
    /// itself is not in the bundle: it must be in the plan it is loaded into.
    #[serde(default)]
    pub logo: Option<String>,
    /// Committee reports; an appendix's attached file, like a figure's
    /// image, must be in the plan the bundle is loaded into.
    #[serde(default)]
    pub reports: Vec<ReportBody>,
    /// The plan's own report templates (not the built-in ones).
    #[serde(default)]
    pub report_templates: Vec<ReportTemplate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleFramework {
    pub key: String,
    pub name: String,
    pub items: Vec<BundleItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleItem {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleOrganisation {
    pub name: String,
    pub kind: OrgKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundlePerson {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    /// Organisation name.
    #[serde(default)]
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundlePriority {
    pub code: String,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub laa: bool,
    /// Item code of the Every Child Matters outcome it serves.
    #[serde(default)]
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleIndicator {
    pub code: String,
    pub title: String,
    pub kind: IndicatorKind,
    pub polarity: Polarity,
    #[serde(default)]
    pub unit: Option<String>,
    /// Priority code.
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub baseline: Option<YearValue>,
    #[serde(default)]
    pub targets: Vec<YearValue>,
    #[serde(default)]
    pub actuals: Vec<YearValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleAction {
    /// Unique within the bundle, for `parent` links.
    pub key: String,
    pub activity: String,
    #[serde(default)]
    pub parent: Option<String>,
    /// Framework key and item code of the objective or outcome.
    #[serde(default)]
    pub framework: Option<String>,
    #[serde(default)]
    pub item: Option<String>,
    /// Priority code.
    #[serde(default)]
    pub priority: Option<String>,
    #[serde(default)]
    pub lead_person: Option<String>,
    #[serde(default)]
    pub lead_organisation: Option<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub cost_pence: Option<i64>,
    #[serde(default)]
    pub status: ActionStatus,
    #[serde(default)]
    pub rag: Option<Rag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleChapter {
    pub title: String,
    #[serde(default = "yes")]
    pub numbered: bool,
    #[serde(default)]
    pub sections: Vec<BundleSection>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleSection {
    #[serde(default)]
    pub title: Option<String>,
    /// The section's ProseMirror document.
    pub content: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleTerm {
    pub term: String,
    pub definition: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleNote {
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub url: Option<String>,
}
