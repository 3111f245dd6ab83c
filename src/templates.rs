//! Starting points for a new plan: the CYPP structure of the 2005 guidance,
//! a blank plan, and the sample plan built from a real Leicestershire draft.

use serde_json::json;

use crate::model::bundle::{BundleChapter, BundleSection};
use crate::model::{Bundle, PlanInfo};

/// The embedded sample: Leicestershire's first draft CYPP 2008–2011 with
/// the actions of its Children's Plan report (Appendix 1).
const SAMPLE: &str = include_str!("sample/sample_plan.json");

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Template {
    /// Welcome plus the ten chapters of a Children and Young People's Plan.
    #[default]
    Cypp,
    Blank,
}

impl std::str::FromStr for Template {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cypp" => Ok(Template::Cypp),
            "blank" => Ok(Template::Blank),
            other => Err(format!("\"{other}\" is not a template; use cypp or blank")),
        }
    }
}

/// The CYPP chapters, in order: (title, numbered).
pub const CYPP_CHAPTERS: [(&str, bool); 11] = [
    ("Welcome", false),
    ("Summary", true),
    ("Vision", true),
    ("Needs Analysis", true),
    ("Being Healthy", true),
    ("Staying Safe", true),
    ("Enjoying and Achieving", true),
    ("Making a Positive Contribution", true),
    ("Achieving Economic Well-being", true),
    ("Key Priorities", true),
    ("Delivering the Plan", true),
];

impl Template {
    pub fn bundle(self, info: PlanInfo) -> Bundle {
        let chapters = match self {
            Template::Blank => vec![chapter("Introduction", true)],
            Template::Cypp => CYPP_CHAPTERS.iter().map(|(t, n)| chapter(t, *n)).collect(),
        };
        Bundle {
            plan: info,
            frameworks: Vec::new(),
            organisations: Vec::new(),
            people: Vec::new(),
            priorities: Vec::new(),
            indicators: Vec::new(),
            actions: Vec::new(),
            chapters,
            glossary: Vec::new(),
            notes: Vec::new(),
            logo: None,
            reports: Vec::new(),
            report_templates: Vec::new(),
        }
    }
}

fn chapter(title: &str, numbered: bool) -> BundleChapter {
    BundleChapter {
        title: title.to_owned(),
        numbered,
        sections: vec![BundleSection {
            title: None,
            content: json!({"type": "doc", "content": []}),
        }],
    }
}

/// The sample plan.
pub fn sample() -> Bundle {
    serde_json::from_str(SAMPLE).expect("the embedded sample plan matches the bundle format")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_parses_with_every_section_valid() {
        let b = sample();
        assert_eq!(b.chapters.len(), 11);
        assert_eq!(b.actions.len(), 84);
        for c in &b.chapters {
            for s in &c.sections {
                crate::model::prosemirror::parse_doc(&s.content).unwrap();
            }
        }
    }
}
