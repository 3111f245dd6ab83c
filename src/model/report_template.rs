//! Committee report templates: the sections an authority's cover reports
//! have, in order, which are required, how paragraphs are numbered, and how
//! the pack looks. Two are built in, from real reports (seeds 000 and 003);
//! an authority defines its own and passes it on as a small JSON file.

use serde::{Deserialize, Serialize};

use super::error::ValidationError;
use super::string_enum::string_enum;

string_enum! {
    #[derive(Default)]
    /// How a report's paragraphs are numbered.
    ParagraphNumbering {
        /// 1, 2, … 17 through the whole report (Leicestershire).
        #[default]
        Continuous = "continuous",
        /// 1.1, 1.2 in the first numbered section, 2.1 in the next; a
        /// section of one paragraph is just "2." (Derby).
        BySection = "by_section",
    }
}

string_enum! {
    #[derive(Default)]
    /// How the pack's pages are numbered.
    PageNumbering {
        /// "Page 7 of 40" through the whole pack.
        #[default]
        Continuous = "continuous",
        /// The report's pages, then each appendix's, counted on their own:
        /// "Appendix 2 – page 3 of 12".
        PerPart = "per_part",
    }
}

string_enum! {
    #[derive(Default)]
    /// What fills a section.
    SectionKind {
        /// What the author writes.
        #[default]
        Text = "text",
        /// What the committee is asked to decide: numbered paragraphs.
        Recommendations = "recommendations",
        /// The report's author and contact details, from its fields.
        Contact = "contact",
        /// The report's date, from its field.
        Date = "date",
        /// The list of appendices, generated from the report's appendices.
        Appendices = "appendices",
        /// Officers' clearance (legal, finance, director): internal only,
        /// left out of the public pack.
        SignOff = "sign_off",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportTemplate {
    /// Short and unique: "leicestershire".
    pub key: String,
    /// As the template picker shows it: "Leicestershire County Council".
    pub name: String,
    /// Printed at the head of the report: "DERBY CITY COUNCIL".
    #[serde(default)]
    pub authority: String,
    #[serde(default)]
    pub numbering: ParagraphNumbering,
    #[serde(default)]
    pub page_numbers: PageNumbering,
    /// The font the Word documents ask for ("Arial"). PDFs embed
    /// Liberation Sans, which has Arial's metrics.
    #[serde(default = "default_font")]
    pub font: String,
    /// The body text size in Word documents, in points.
    #[serde(default = "default_size")]
    pub font_size: u8,
    /// Whether the plan's logo heads the report.
    #[serde(default)]
    pub logo: bool,
    pub sections: Vec<TemplateSection>,
}

fn default_font() -> String {
    "Arial".into()
}

fn default_size() -> u8 {
    12
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateSection {
    pub key: String,
    pub title: String,
    #[serde(default)]
    pub kind: SectionKind,
    /// A report without it (or with it empty) gets a warning.
    #[serde(default)]
    pub required: bool,
    /// Its paragraphs are numbered.
    #[serde(default)]
    pub numbered: bool,
    /// Section numbers start again at 1 here (Derby's summary page, then
    /// its main report).
    #[serde(default)]
    pub restart: bool,
    /// Set on sections printed as an appendix of the report itself (Derby's
    /// "Implications"): the appendix's title.
    #[serde(default)]
    pub part: Option<String>,
    /// What to write here, shown in the editor.
    #[serde(default)]
    pub hint: String,
}

impl ReportTemplate {
    pub fn section(&self, key: &str) -> Option<&TemplateSection> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// Checks a template read from a file or a plan from someone else.
    pub fn validate(&self) -> Result<(), ValidationError> {
        let key_ok = |k: &str| {
            !k.is_empty()
                && k.len() <= 64
                && k.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        };
        if !key_ok(&self.key) {
            return Err(ValidationError::new(
                "key",
                format!(
                    "\"{}\" is not a template key: use 1 to 64 lower-case letters, digits, - or _",
                    self.key
                ),
            ));
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 200 {
            return Err(ValidationError::new("name", "needs 1 to 200 characters"));
        }
        if self.authority.chars().count() > 200 || self.font.chars().count() > 64 {
            return Err(ValidationError::new(
                "authority",
                "the authority (200) or font (64) is too long",
            ));
        }
        if !(8..=20).contains(&self.font_size) {
            return Err(ValidationError::new(
                "font_size",
                format!("{} pt is not a text size; use 8 to 20", self.font_size),
            ));
        }
        if self.sections.is_empty() || self.sections.len() > super::report::MAX_SECTIONS {
            return Err(ValidationError::new(
                "sections",
                format!(
                    "a template has 1 to {} sections",
                    super::report::MAX_SECTIONS
                ),
            ));
        }
        let mut keys = std::collections::HashSet::new();
        for (i, s) in self.sections.iter().enumerate() {
            let at = format!("section {}", i + 1);
            if !key_ok(&s.key) {
                return Err(ValidationError::new(
                    &at,
                    format!("\"{}\" is not a section key", s.key),
                ));
            }
            if !keys.insert(s.key.as_str()) {
                return Err(ValidationError::new(
                    &at,
                    format!("the key \"{}\" is used twice", s.key),
                ));
            }
            if s.title.trim().is_empty() || s.title.chars().count() > 200 {
                return Err(ValidationError::new(
                    &at,
                    "needs a title of 1 to 200 characters",
                ));
            }
            if s.hint.chars().count() > 1_000
                || s.part
                    .as_ref()
                    .is_some_and(|p| p.trim().is_empty() || p.len() > 200)
            {
                return Err(ValidationError::new(
                    &at,
                    "its hint or part is too long or empty",
                ));
            }
        }
        Ok(())
    }
}

/// The keys of the built-in templates.
pub const LEICESTERSHIRE: &str = "leicestershire";
pub const DERBY: &str = "derby";

/// The built-in templates.
pub fn built_in() -> Vec<ReportTemplate> {
    vec![leicestershire(), derby()]
}

/// The built-in template of key `key`.
pub fn built_in_named(key: &str) -> Option<ReportTemplate> {
    built_in().into_iter().find(|t| t.key == key)
}

fn section(
    key: &str,
    title: &str,
    kind: SectionKind,
    required: bool,
    numbered: bool,
) -> TemplateSection {
    TemplateSection {
        key: key.into(),
        title: title.into(),
        kind,
        required,
        numbered,
        restart: false,
        part: None,
        hint: String::new(),
    }
}

fn hinted(mut s: TemplateSection, hint: &str) -> TemplateSection {
    s.hint = hint.into();
    s
}

/// Leicestershire County Council's cover report (seed 000): paragraphs
/// numbered 1, 2, … through the report, implications after the
/// recommendations, the author and date at the end.
fn leicestershire() -> ReportTemplate {
    use SectionKind::*;
    ReportTemplate {
        key: LEICESTERSHIRE.into(),
        name: "Leicestershire County Council".into(),
        authority: "Leicestershire County Council".into(),
        numbering: ParagraphNumbering::Continuous,
        page_numbers: PageNumbering::Continuous,
        font: default_font(),
        font_size: 12,
        logo: false,
        sections: vec![
            hinted(
                section("purpose", "Purpose of the Report", Text, true, true),
                "What the report is for, in a paragraph or two.",
            ),
            hinted(
                section("background", "Background", Text, true, true),
                "What the committee needs to know to decide.",
            ),
            section(
                "implications",
                "Implications for the Local Authority",
                Text,
                false,
                true,
            ),
            hinted(
                section(
                    "recommendations",
                    "Recommendations",
                    Recommendations,
                    true,
                    true,
                ),
                "One numbered paragraph for each thing the committee is asked to do.",
            ),
            section("equalities", "Equalities implications", Text, true, false),
            section(
                "safeguarding",
                "Safeguarding implications",
                Text,
                true,
                false,
            ),
            section("background_papers", "Background papers", Text, false, false),
            section("sign_off", "Sign-off", SignOff, false, false),
            section("author", "Officer to contact", Contact, true, false),
            section("date", "Date", Date, true, false),
        ],
    }
}

/// Derby City Council's cabinet report (seed 003): a summary page of
/// numbered sections, the main report numbered again from 1, and the
/// implications as the report's own Appendix 1.
fn derby() -> ReportTemplate {
    use SectionKind::*;
    let restart = |mut s: TemplateSection| {
        s.restart = true;
        s
    };
    let implication = |key: &str, title: &str, restart_here: bool| {
        let mut s = section(key, title, Text, true, true);
        s.part = Some("Implications".into());
        s.restart = restart_here;
        s
    };
    ReportTemplate {
        key: DERBY.into(),
        name: "Derby City Council".into(),
        authority: "Derby City Council".into(),
        numbering: ParagraphNumbering::BySection,
        page_numbers: PageNumbering::PerPart,
        font: default_font(),
        font_size: 12,
        logo: false,
        sections: vec![
            section("summary", "Summary", Text, true, true),
            section(
                "recommendations",
                "Recommendations",
                Recommendations,
                true,
                true,
            ),
            section("reason", "Reason for recommendation", Text, true, true),
            restart(section(
                "supporting",
                "Supporting information",
                Text,
                true,
                true,
            )),
            section("options", "Other options considered", Text, false, true),
            section("sign_off", "Sign-off", SignOff, false, false),
            section(
                "contact",
                "For more information contact",
                Contact,
                true,
                false,
            ),
            section("background_papers", "Background papers", Text, false, false),
            section("appendices", "List of appendices", Appendices, true, false),
            implication("financial", "Financial", true),
            implication("legal", "Legal", false),
            implication("personnel", "Personnel", false),
            implication("equalities", "Equalities impact", false),
            implication(
                "corporate",
                "Corporate objectives and priorities for change",
                false,
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_templates_are_valid_and_say_what_the_issue_asks() {
        for t in built_in() {
            t.validate().unwrap();
        }
        let l = leicestershire();
        let titles: Vec<&str> = l.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles[0], "Purpose of the Report");
        assert!(titles.contains(&"Recommendations") && titles.contains(&"Date"));
        let d = derby();
        assert_eq!(d.numbering, ParagraphNumbering::BySection);
        assert_eq!(
            d.sections.iter().filter(|s| s.part.is_some()).count(),
            5,
            "Financial, Legal, Personnel, Equalities impact, Corporate objectives"
        );
    }

    #[test]
    fn a_template_from_a_file_is_checked_field_by_field() {
        let mut t = derby();
        t.key = "Derby City".into();
        assert_eq!(t.validate().unwrap_err().field, "key");
        let mut t = derby();
        t.sections[1].key = t.sections[0].key.clone();
        assert!(t.validate().unwrap_err().problem.contains("used twice"));
        let mut t = derby();
        t.font_size = 200;
        assert_eq!(t.validate().unwrap_err().field, "font_size");
    }
}
