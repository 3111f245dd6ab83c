//! Combined operations the desktop app performs as one step: a section as
//! the editor sees it (document, paragraph numbers, words), saving it back,
//! and editing one field of an action from the text typed in a grid cell.
//! Each is one read or one transaction; the app's commands only call these.

use std::path::Path;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::prosemirror::{parse_doc, to_doc};
use crate::model::values::{parse_date, parse_money};
use crate::model::{
    Action, ActionStatus, Block, CalloutKind, Id, Indicator, IndicatorFilter, Inline, Marks,
    PlanInfo, Rag, Section, ValidationError,
};
use crate::store::{
    actions, blocks, frameworks, indicators, outline, people, plan_info, sections, PlanFile,
    Result, StoreError,
};
use crate::templates::{self, Template};

/// One section as the editor shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionView {
    pub section: Section,
    /// The section's ProseMirror document.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub doc: Value,
    /// The computed number ("3.2") of each top-level block, by position;
    /// null for blocks that are not numbered paragraphs.
    pub labels: Vec<Option<String>>,
    pub words: usize,
    /// The stored content this view shows; a save carries it back, and a
    /// save over a newer version is refused rather than losing that edit.
    pub version: String,
}

/// The open plan in a few words: what the window title and start screen show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSummary {
    pub path: String,
    pub file_name: String,
    pub info: PlanInfo,
    pub words: usize,
}

/// A field of an action that a grid cell edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ActionField {
    Activity,
    Objective,
    Lead,
    Start,
    End,
    Cost,
    Status,
    Rag,
    Parent,
}

pub fn summary(plan: &PlanFile) -> Result<PlanSummary> {
    let path = plan.path();
    let (info, words) = plan.read(|conn| {
        let words = outline::outline(conn)?.iter().map(|c| c.words()).sum();
        Ok((plan_info::get(conn)?, words))
    })?;
    Ok(PlanSummary {
        path: path.display().to_string(),
        file_name: file_name(path),
        info,
        words,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Creates a new plan from a template with the given title.
pub fn create_from_template(
    path: &Path,
    template: Template,
    title: &str,
    start_year: i32,
) -> Result<PlanFile> {
    let info = PlanInfo::titled(title, start_year);
    info.validate()?;
    PlanFile::create(path, &template.bundle(info))
}

/// Opens the sample plan at `path`, writing it there first if it is not there.
pub fn open_sample(path: &Path) -> Result<PlanFile> {
    if path.exists() {
        PlanFile::open(path)
    } else {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| crate::store::StoreError::Io {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        PlanFile::create(path, &templates::sample())
    }
}

pub fn section_view(conn: &Connection, section: Id) -> Result<SectionView> {
    let section = sections::get(conn, section)?;
    let stored = blocks::list_section_salvaged(conn, section.id)?;
    let numbers = outline::paragraph_labels(conn)?;
    let labels = stored.iter().map(|b| numbers.get(&b.id).cloned()).collect();
    let words = stored.iter().map(|b| b.block.word_count()).sum();
    let content: Vec<Block> = stored.into_iter().map(|b| b.block).collect();
    Ok(SectionView {
        version: blocks::section_version(conn, section.id)?,
        section,
        doc: to_doc(&content),
        labels,
        words,
    })
}

/// Replaces a section's content with the editor's document (checked whole
/// first) and returns the section as it now is. `base` is the version the
/// editor started from: if the section has been saved since (by another
/// window or program), nothing is written and the error says so.
pub fn save_section(
    conn: &Connection,
    section: Id,
    doc: &Value,
    base: Option<&str>,
) -> Result<SectionView> {
    if let Some(base) = base {
        if blocks::section_version(conn, section)? != base {
            let title = sections::get(conn, section)?.title;
            return Err(StoreError::Conflict(format!(
                "section \"{}\" was changed in another window or program after you opened it; \
                 your edit was not saved over it",
                title.as_deref().unwrap_or("(untitled)")
            )));
        }
    }
    blocks::replace_section(conn, section, doc)?;
    section_view(conn, section)
}

/// Keeps an edit that lost a conflict: the section as now stored, followed
/// by an information box holding the edit (its paragraphs, lists and quotes
/// as they were, anything else as plain text), for the user to merge by
/// hand. Nothing of either version is lost.
pub fn recover_section(conn: &Connection, section: Id, doc: &Value) -> Result<SectionView> {
    let mine = parse_doc(doc)?;
    let mut content: Vec<Block> = blocks::list_section_salvaged(conn, section)?
        .into_iter()
        .map(|b| b.block)
        .collect();
    content.push(Block::Callout {
        callout: CalloutKind::Info,
        title: Some(
            "Your edit that could not be saved: this section was changed elsewhere first. \
             Keep what you need from this box, then delete it."
                .into(),
        ),
        blocks: recovered(mine),
    });
    blocks::replace_section_blocks(conn, section, &content)?;
    section_view(conn, section)
}

/// Blocks as a callout may hold them. Footnote marks are dropped with their
/// notes (the notes' text is kept as a paragraph).
fn recovered(blocks: Vec<Block>) -> Vec<Block> {
    let para = |content: Vec<Inline>| Block::Paragraph {
        numbered: false,
        content: content
            .into_iter()
            .map(|i| match i {
                Inline::Text { text, mut marks } => {
                    marks.footnote = None;
                    Inline::Text { text, marks }
                }
                other => other,
            })
            .collect(),
    };
    let plain = |text: String| {
        para(vec![Inline::Text {
            text,
            marks: Marks::default(),
        }])
    };
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { content, .. } | Block::Heading { content, .. } => {
                out.push(para(content))
            }
            Block::Footnote { content, .. } => out.push(para(content)),
            list @ (Block::BulletList { .. } | Block::OrderedList { .. } | Block::Quote { .. }) => {
                out.push(list)
            }
            Block::Callout { title, blocks, .. } => {
                out.extend(title.map(plain));
                out.extend(recovered(blocks));
            }
            Block::Table(t) => out.extend(t.rows.iter().map(|r| {
                plain(
                    r.cells
                        .iter()
                        .map(|c| {
                            c.blocks
                                .iter()
                                .map(Block::plain_text)
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect::<Vec<_>>()
                        .join(" | "),
                )
            })),
            Block::Figure { alt, caption, .. } => out.push(plain(format!(
                "[Figure: {alt}{}]",
                caption.map(|c| format!(" — {c}")).unwrap_or_default()
            ))),
            Block::PageBreak | Block::Data(_) => {}
        }
    }
    out
}

/// Sets one field of an action from the text typed for it. Empty text
/// clears an optional field. Nothing is written if the text is invalid.
pub fn set_action_field(conn: &Connection, id: Id, field: ActionField, text: &str) -> Result<()> {
    let mut a = actions::get(conn, id)?;
    let t = text.trim();
    let name = field_name(field);
    match field {
        ActionField::Activity => a.activity = t.to_owned(),
        ActionField::Objective => {
            a.objective = match t {
                "" => None,
                code => Some(resolve_objective(conn, code)?),
            }
        }
        ActionField::Lead => {
            a.lead_person = match t {
                "" => None,
                n => Some(people::find_or_add(conn, n)?),
            }
        }
        ActionField::Start => a.start = optional(t, |t| parse_date(name, t))?,
        ActionField::End => a.end = optional(t, |t| parse_date(name, t))?,
        ActionField::Cost => a.cost_pence = optional(t, |t| parse_money(name, t))?,
        ActionField::Status => {
            a.status = t
                .parse::<ActionStatus>()
                .map_err(|e| ValidationError::new(name, e))?
        }
        ActionField::Rag => {
            a.rag = optional(t, |t| {
                t.parse::<Rag>().map_err(|e| ValidationError::new(name, e))
            })?
        }
        ActionField::Parent => {
            a.parent = optional(t, |t| {
                t.trim_start_matches('#').parse::<Id>().map_err(|_| {
                    ValidationError::new(name, format!("\"{t}\" is not an action number"))
                })
            })?
        }
    }
    actions::update(conn, &a)
}

/// Adds an action with just its activity (and objective, if given).
pub fn add_action(conn: &Connection, activity: &str, objective: Option<&str>) -> Result<Id> {
    let mut a = Action::new(activity);
    if let Some(code) = objective.map(str::trim).filter(|c| !c.is_empty()) {
        a.objective = Some(resolve_objective(conn, code)?);
    }
    actions::insert(conn, &a)
}

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

/// Which figure of a year a grid cell edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorFigure {
    Target,
    Actual,
}

pub fn indicator_rows(conn: &Connection, filter: &IndicatorFilter) -> Result<Vec<IndicatorRow>> {
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
}

/// Sets (or, for empty text, clears) one year's target or actual of an
/// indicator from the text typed for it ("5.5", "5.5%", "1,200").
pub fn set_indicator_figure(
    conn: &Connection,
    code: &str,
    year: i32,
    figure: IndicatorFigure,
    text: &str,
) -> Result<()> {
    let name = match figure {
        IndicatorFigure::Target => "target",
        IndicatorFigure::Actual => "actual",
    };
    let t = text.trim();
    if t.is_empty() {
        return indicators::clear_value(conn, code, year, figure == IndicatorFigure::Actual);
    }
    let value: f64 = t
        .trim_end_matches('%')
        .replace(',', "")
        .trim()
        .parse()
        .map_err(|_| ValidationError::new(name, format!("\"{t}\" is not a number")))?;
    match figure {
        IndicatorFigure::Target => indicators::set_target(conn, code, year, value),
        IndicatorFigure::Actual => indicators::set_actual(conn, code, year, value),
    }
}

fn resolve_objective(conn: &Connection, code: &str) -> Result<Id> {
    frameworks::resolve_item(
        conn,
        "objective",
        code,
        &frameworks::action_framework(conn)?,
    )
}

fn field_name(field: ActionField) -> &'static str {
    match field {
        ActionField::Activity => "activity",
        ActionField::Objective => "objective",
        ActionField::Lead => "lead",
        ActionField::Start => "start",
        ActionField::End => "end",
        ActionField::Cost => "cost",
        ActionField::Status => "status",
        ActionField::Rag => "rag",
        ActionField::Parent => "parent",
    }
}

fn optional<T>(
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, ValidationError>,
) -> Result<Option<T>, ValidationError> {
    if text.is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan() -> (tempfile::TempDir, PlanFile) {
        let dir = tempfile::tempdir().unwrap();
        let plan = create_from_template(
            &dir.path().join("t.plan"),
            Template::Cypp,
            "Children and Young People's Plan",
            2027,
        )
        .unwrap();
        (dir, plan)
    }

    #[test]
    fn saved_section_comes_back_with_numbers_and_words() {
        let (_dir, mut plan) = plan();
        let summary_chapter = plan
            .read(outline::outline)
            .unwrap()
            .into_iter()
            .find(|c| c.chapter.title == "Summary")
            .unwrap();
        let section = summary_chapter.sections[0].section.id;
        let doc = json!({"type": "doc", "content": [
            {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Our aims"}]},
            {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "Every child safe."}]},
            {"type": "paragraph", "attrs": {"numbered": true}, "content": [{"type": "text", "text": "Every child heard."}]}
        ]});
        let view = plan
            .write(|tx| save_section(tx, section, &doc, None))
            .unwrap();
        assert_eq!(
            view.labels,
            vec![None, Some("1.1".into()), Some("1.2".into())]
        );
        assert_eq!(view.words, 8);
        assert_eq!(plan.read(|c| section_view(c, section)).unwrap(), view);
    }

    #[test]
    fn invalid_document_saves_nothing() {
        let (_dir, mut plan) = plan();
        let section = plan.read(outline::outline).unwrap()[1].sections[0]
            .section
            .id;
        let bad = json!({"type": "doc", "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "kept?"}]},
            {"type": "figure", "attrs": {"asset": "a.png"}}
        ]});
        let err = plan
            .write(|tx| save_section(tx, section, &bad, None))
            .unwrap_err();
        assert_eq!(err.code(), "invalid_content");
        assert!(err.to_string().contains("alt text"), "{err}");
        assert_eq!(plan.read(|c| section_view(c, section)).unwrap().words, 0);
    }

    #[test]
    fn indicator_figures_are_set_cleared_and_rated() {
        let (_dir, mut plan) = plan();
        let ind = Indicator {
            id: 0,
            code: "NI 117".into(),
            title: "16-18 year olds NEET".into(),
            kind: crate::model::IndicatorKind::Laa,
            polarity: crate::model::Polarity::LowerIsBetter,
            unit: Some("%".into()),
            priority: None,
            baseline: None,
            targets: vec![],
            actuals: vec![],
        };
        plan.write(|tx| indicators::insert(tx, &ind)).unwrap();
        let set = |plan: &mut PlanFile, year, figure, text: &str| {
            plan.write(|tx| set_indicator_figure(tx, "NI 117", year, figure, text))
        };
        set(&mut plan, 2028, IndicatorFigure::Target, "5.5%").unwrap();
        set(&mut plan, 2028, IndicatorFigure::Actual, " 5.9 ").unwrap();
        let err = set(&mut plan, 2029, IndicatorFigure::Actual, "about six").unwrap_err();
        assert_eq!(err.code(), "invalid");
        assert!(err.to_string().starts_with("actual:"), "{err}");

        let rows = plan
            .read(|c| indicator_rows(c, &Default::default()))
            .unwrap();
        let years: Vec<i32> = rows[0].years.iter().map(|y| y.year).collect();
        assert_eq!(years, vec![2027, 2028, 2029], "the plan's three years");
        let y2028 = &rows[0].years[1];
        assert_eq!((y2028.target, y2028.actual), (Some(5.5), Some(5.9)));
        assert_eq!(
            y2028.rag,
            Some(Rag::Amber),
            "5.9 against 5.5, lower is better"
        );
        assert_eq!(rows[0].years[2].actual, None, "the bad text saved nothing");

        set(&mut plan, 2028, IndicatorFigure::Actual, "").unwrap();
        let rows = plan
            .read(|c| indicator_rows(c, &Default::default()))
            .unwrap();
        assert_eq!(
            (rows[0].years[1].target, rows[0].years[1].actual),
            (Some(5.5), None)
        );
    }

    #[test]
    fn a_name_the_plan_already_has_is_refused_and_nothing_changes() {
        use crate::model::OrgKind;
        use crate::store::organisations;
        let (_dir, mut plan) = plan();
        plan.write(|tx| people::insert(tx, "Michelle Foulds", None, None))
            .unwrap();
        let err = plan
            .write(|tx| people::insert(tx, "michelle foulds", Some("Lead"), None))
            .unwrap_err();
        assert_eq!(err.code(), "refused");
        assert_eq!(
            err.to_string(),
            "the plan already has a person called \"michelle foulds\""
        );
        assert_eq!(plan.read(people::list).unwrap().len(), 1);

        plan.write(|tx| organisations::insert(tx, "Connexions", OrgKind::Other))
            .unwrap();
        let err = plan
            .write(|tx| organisations::insert(tx, "Connexions", OrgKind::Voluntary))
            .unwrap_err();
        assert_eq!(err.code(), "refused");
        assert!(err
            .to_string()
            .contains("organisation called \"Connexions\""));
        let orgs = plan.read(organisations::list).unwrap();
        assert_eq!(orgs.iter().filter(|o| o.name == "Connexions").count(), 1);
    }

    #[test]
    fn action_fields_are_parsed_and_bad_dates_refused() {
        let (_dir, mut plan) = plan();
        let id = plan
            .write(|tx| add_action(tx, "Publish a play strategy", None))
            .unwrap();
        plan.write(|tx| set_action_field(tx, id, ActionField::End, "31/08/2008"))
            .unwrap();
        plan.write(|tx| set_action_field(tx, id, ActionField::Lead, "Michelle Foulds"))
            .unwrap();
        plan.write(|tx| set_action_field(tx, id, ActionField::Cost, "£1.5m"))
            .unwrap();
        let err = plan
            .write(|tx| set_action_field(tx, id, ActionField::Start, "31/02/2008"))
            .unwrap_err();
        assert_eq!(err.code(), "invalid");
        let a = plan.read(|c| actions::get(c, id)).unwrap();
        assert_eq!(a.start, None);
        assert_eq!(a.end, chrono::NaiveDate::from_ymd_opt(2008, 8, 31));
        assert_eq!(a.cost_pence, Some(150_000_000));
        assert!(a.lead_person.is_some());
        let err = plan
            .write(|tx| set_action_field(tx, id, ActionField::Start, "2008-09-01"))
            .unwrap_err();
        assert!(err.to_string().starts_with("end:"), "{err}");
    }
}
