//! Appendices generated from the plan's data rather than its chapters:
//! documents of their own, exported as the plan is (PDF, Word, HTML).
//!
//! The action plan appendix has the shape councils already send to
//! committee (Leicestershire's "Appendix 1", seed 000): the actions under
//! a heading for each objective, in a table of Activity and
//! Responsibility, an action's sub-actions indented below it. The
//! indicator appendix has the shape of chapter 9 of Leicestershire's plan
//! (seed 001), a table of indicators under each priority. The glossary
//! appendix is the plan's glossary chapter alone.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::data::{self, timescale, IndicatorColumns};
use super::document::{ContentsEntry, DocBlock, DocCell, DocChapter, DocTable, Document, Span};
use super::{ComposeError, ComposeOptions, Composer};
pub use crate::model::{ActionColumns, GroupBy};
use crate::model::{ActionFilter, ActionView, Id, Indicator, IndicatorFilter};
use crate::store::{self, PlanFile};

/// How deep sub-actions are indented at most: deeper ones are shown at
/// this depth (a plan's own nesting is one or two levels).
const MAX_DEPTH: usize = 4;

/// The action plan appendix of the plan: one table of actions per group.
pub fn actions(
    plan: &PlanFile,
    opts: &ComposeOptions,
    group_by: GroupBy,
    columns: ActionColumns,
) -> Result<Document, ComposeError> {
    plan.read(|conn| Ok(actions_conn(conn, opts, group_by, columns)))?
}

pub(super) fn actions_conn(
    conn: &Connection,
    opts: &ComposeOptions,
    group_by: GroupBy,
    columns: ActionColumns,
) -> Result<Document, ComposeError> {
    let info = store::plan_info::get(conn)?;
    let list = store::actions::list(conn, &ActionFilter::default())?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    cx.place = "The action plan appendix".into();
    let outcomes = Outcomes::read(conn)?;
    let groups = grouped(&list, |a| heading(a, group_by, &outcomes));
    let under = match group_by {
        GroupBy::Objective => ("objective", "objectives"),
        GroupBy::Lead => ("lead", "leads"),
        GroupBy::Outcome => ("outcome", "outcomes"),
    };
    let opening = format!(
        "The plan's {} under {}.",
        count(list.len(), "action", "actions"),
        count(groups.len(), under.0, under.1)
    );
    let tables = groups
        .iter()
        .map(|g| {
            let t = table(&mut cx, &g.rows, columns, &outcomes);
            (g.heading.clone(), vec![DocBlock::Table(t)])
        })
        .collect();
    tables_under_headings(cx, opts, "Action plan", opening, tables)
}

/// The indicator appendix, in the shape of chapter 9 of Leicestershire's
/// plan (seed 001): the indicators under each priority they measure, each
/// with whether it is in the Local Area Agreement, which way is better,
/// its baseline, its target for each year of the plan and its latest
/// actual.
pub fn indicators(plan: &PlanFile, opts: &ComposeOptions) -> Result<Document, ComposeError> {
    plan.read(|conn| Ok(indicators_conn(conn, opts)))?
}

pub(super) fn indicators_conn(
    conn: &Connection,
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    let info = store::plan_info::get(conn)?;
    let priorities = store::priorities::list(conn)?;
    let list = store::indicators::list(conn, &IndicatorFilter::default())?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    cx.place = "The indicator appendix".into();
    // Each priority in the plan's order, then the indicators of none.
    let known: HashSet<Id> = priorities.iter().map(|p| p.id).collect();
    let mut by_priority: HashMap<Id, Vec<Indicator>> = HashMap::new();
    let mut other = Vec::new();
    for i in list.iter().cloned() {
        match i.priority {
            Some(p) if known.contains(&p) => by_priority.entry(p).or_default().push(i),
            _ => other.push(i),
        }
    }
    let mut groups: Vec<(String, Vec<Indicator>)> = priorities
        .iter()
        .filter_map(|p| {
            let of = by_priority.remove(&p.id)?;
            Some((format!("{}. {}", p.code, p.title), of))
        })
        .collect();
    let mut opening = format!(
        "The plan's {} under {}",
        count(list.len(), "indicator", "indicators"),
        count(groups.len(), "priority", "priorities")
    );
    if !other.is_empty() {
        opening.push_str(&format!(", and {} of no priority", other.len()));
        groups.push(("Indicators of no priority".into(), other));
    }
    opening.push('.');
    let columns = IndicatorColumns {
        kind: true,
        better: true,
        latest: true,
    };
    // Each group's table, then a trend chart of each of its indicators
    // that has figures.
    let tables = groups
        .into_iter()
        .map(|(heading, of)| {
            let mut blocks = vec![DocBlock::Table(data::indicators(&info, &of, columns))];
            blocks.extend(of.iter().filter_map(data::chart).map(DocBlock::Chart));
            (heading, blocks)
        })
        .collect();
    tables_under_headings(cx, opts, "Indicators", opening, tables)
}

/// An appendix of one chapter called `title`: `opening`, then a heading
/// and its blocks (a table, charts) for each group, each heading in the
/// contents.
fn tables_under_headings(
    mut cx: Composer,
    opts: &ComposeOptions,
    title: &str,
    opening: String,
    groups: Vec<(String, Vec<DocBlock>)>,
) -> Result<Document, ComposeError> {
    let chapter_anchor = cx.anchor();
    let mut contents = vec![ContentsEntry {
        level: 1,
        label: None,
        title: title.into(),
        anchor: chapter_anchor.clone(),
    }];
    let mut blocks = vec![DocBlock::Paragraph {
        label: None,
        content: vec![Span::plain(opening)],
    }];
    for (heading, group) in groups {
        let heading = cx.clip(&heading, "heading");
        let anchor = cx.anchor();
        contents.push(ContentsEntry {
            level: 2,
            label: None,
            title: heading.clone(),
            anchor: anchor.clone(),
        });
        blocks.push(DocBlock::Heading {
            level: 2,
            anchor: Some(anchor),
            content: vec![Span::plain(heading)],
        });
        blocks.extend(group);
    }
    let chapter = DocChapter {
        label: None,
        anchor: chapter_anchor,
        number: None,
        title: title.into(),
        blocks,
    };
    finish(cx, opts, &title.to_lowercase(), chapter, contents)
}

/// The glossary appendix: the plan's terms and what they mean.
pub fn glossary(plan: &PlanFile, opts: &ComposeOptions) -> Result<Document, ComposeError> {
    plan.read(|conn| Ok(glossary_conn(conn, opts)))?
}

pub(super) fn glossary_conn(
    conn: &Connection,
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    let info = store::plan_info::get(conn)?;
    let terms = store::glossary::list(conn)?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    let mut chapter = cx.glossary(&terms);
    if terms.is_empty() {
        chapter.blocks = vec![DocBlock::Paragraph {
            label: None,
            content: vec![Span::plain("The plan has no glossary terms yet.")],
        }];
    }
    let contents = vec![ContentsEntry {
        level: 1,
        label: None,
        title: chapter.title.clone(),
        anchor: chapter.anchor.clone(),
    }];
    finish(cx, opts, "glossary", chapter, contents)
}

/// The consultee list: who the plan must be consulted with (the plan's
/// "Required consultees" list, Salford's nine of seed 004 in a new plan),
/// then the plan's partner organisations by kind.
pub fn consultees(plan: &PlanFile, opts: &ComposeOptions) -> Result<Document, ComposeError> {
    plan.read(|conn| Ok(consultees_conn(conn, opts)))?
}

pub(super) fn consultees_conn(
    conn: &Connection,
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    let info = store::plan_info::get(conn)?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    cx.place = "The consultee list".into();
    let required: Vec<(String, String)> = store::frameworks::list(conn)?
        .into_iter()
        .find(|f| f.key == "required_consultees")
        .map(|f| f.items.into_iter().map(|i| (i.code, i.title)).collect())
        .unwrap_or_default();
    let mut orgs = store::organisations::list(conn)?;
    // In the order a council lists its partners.
    orgs.sort_by_key(|o| crate::model::OrgKind::ALL.iter().position(|k| *k == o.kind));
    let opening = format!(
        "The plan is consulted on with {} and its {}.",
        count(required.len(), "required consultee", "required consultees"),
        count(orgs.len(), "partner organisation", "partner organisations")
    );
    let mut groups = Vec::new();
    if !required.is_empty() {
        let mut rows = vec![vec![
            DocCell::text("No.", true),
            DocCell::text("Consultee", true),
        ]];
        for (code, title) in required {
            // The reference list writes its numbers into the text ("1. The
            // partners …"): said once.
            let title = title
                .strip_prefix(&format!("{code}. "))
                .unwrap_or(&title)
                .to_owned();
            rows.push(vec![
                DocCell::text(code, false),
                DocCell::text(cx.clip(&title, "consultee"), false),
            ]);
        }
        groups.push(("Who must be consulted".to_owned(), vec![plain_table(rows)]));
    }
    if !orgs.is_empty() {
        let mut rows = vec![vec![
            DocCell::text("Organisation", true),
            DocCell::text("Kind", true),
        ]];
        for o in orgs {
            rows.push(vec![
                DocCell::text(cx.clip(&o.name, "organisation"), false),
                DocCell::text(org_kind(o.kind), false),
            ]);
        }
        groups.push(("The plan's partners".to_owned(), vec![plain_table(rows)]));
    }
    tables_under_headings(cx, opts, "Consultees", opening, groups)
}

fn plain_table(rows: Vec<Vec<DocCell>>) -> DocBlock {
    DocBlock::Table(DocTable {
        caption: None,
        header_rows: 1,
        rows,
    })
}

/// The consultation summary: each round (its dates), its responses (who,
/// about what, what they said, what changed as a result), then the
/// required consultees not heard from.
pub fn consultation(plan: &PlanFile, opts: &ComposeOptions) -> Result<Document, ComposeError> {
    plan.read(|conn| Ok(consultation_conn(conn, opts)))?
}

pub(super) fn consultation_conn(
    conn: &Connection,
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    let info = store::plan_info::get(conn)?;
    let mut cx = Composer::new(conn, &info, HashMap::new());
    cx.place = "The consultation summary".into();
    let rounds = store::consultation::rounds(conn)?;
    let responses = store::consultation::responses(conn)?;
    let required = store::consultation::required(conn)?;
    let heard: HashSet<&str> = responses
        .iter()
        .filter(|r| r.consultee_kind == crate::model::consultation::ConsulteeKind::Required)
        .map(|r| r.consultee.as_str())
        .collect();
    let not_heard: Vec<&str> = required
        .iter()
        .filter(|c| !heard.contains(c.key.as_str()))
        .map(|c| c.name.as_str())
        .collect();
    let opening = format!(
        "{} in {}, from {} of the plan's {} required consultees.",
        count(responses.len(), "response", "responses"),
        count(rounds.len(), "round", "rounds"),
        required.len() - not_heard.len(),
        required.len()
    );
    let mut groups = Vec::new();
    for round in &rounds {
        let mut rows = vec![vec![
            DocCell::text("Consultee", true),
            DocCell::text("About", true),
            DocCell::text("What they said", true),
            DocCell::text("What changed", true),
        ]];
        for r in responses.iter().filter(|r| r.round == round.id) {
            rows.push(vec![
                DocCell::text(cx.clip(&r.from, "consultee"), false),
                DocCell::text(
                    if r.about.is_empty() {
                        "The whole plan".to_owned()
                    } else {
                        cx.clip(&r.about, "about")
                    },
                    false,
                ),
                DocCell::text(cx.clip(&r.said, "response"), false),
                DocCell::text(
                    if r.outcome.is_empty() {
                        "Not decided yet".to_owned()
                    } else {
                        cx.clip(&r.outcome, "outcome")
                    },
                    false,
                ),
            ]);
        }
        let heading = format!(
            "{} ({} to {})",
            round.name,
            round.opens.format("%-d %B %Y"),
            round.closes.format("%-d %B %Y")
        );
        let block = if rows.len() == 1 {
            DocBlock::Paragraph {
                label: None,
                content: vec![Span::plain("No responses logged.")],
            }
        } else {
            plain_table(rows)
        };
        groups.push((heading, vec![block]));
    }
    let rest = if not_heard.is_empty() {
        vec![DocBlock::Paragraph {
            label: None,
            content: vec![Span::plain("Every required consultee has responded.")],
        }]
    } else {
        vec![DocBlock::List {
            ordered: false,
            start: 1,
            items: not_heard
                .iter()
                .map(|n| {
                    vec![DocBlock::Paragraph {
                        label: None,
                        content: vec![Span::plain(*n)],
                    }]
                })
                .collect(),
        }]
    };
    groups.push(("Required consultees not heard from".to_owned(), rest));
    tables_under_headings(cx, opts, "Consultation", opening, groups)
}

/// A kind of organisation in words.
fn org_kind(kind: crate::model::OrgKind) -> &'static str {
    use crate::model::OrgKind::*;
    match kind {
        LocalAuthority => "Local authority",
        DistrictCouncil => "District council",
        Health => "Health",
        Police => "Police",
        School => "School",
        Voluntary => "Voluntary sector",
        Government => "Government",
        Other => "Other",
    }
}

/// An appendix of one chapter, titled "PLAN TITLE: what".
fn finish(
    mut cx: Composer,
    opts: &ComposeOptions,
    what: &str,
    chapter: DocChapter,
    contents: Vec<ContentsEntry>,
) -> Result<Document, ComposeError> {
    cx.place = "The plan's properties".into();
    let title = cx.clip(&format!("{}: {what}", cx.info.title), "title");
    let meta = cx.meta(opts, title)?;
    Ok(Document {
        meta,
        title_page: true,
        contents,
        chapters: vec![chapter],
        footnotes: Vec::new(),
        warnings: cx.warnings,
    })
}

/// "84 actions", "1 action".
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// One group of the appendix: its heading and its rows, each an action
/// and how deep it is indented.
struct Group<'a> {
    heading: String,
    rows: Vec<(&'a ActionView, usize)>,
}

/// The actions in groups, in the order the groups first appear in the
/// plan's list, each action followed by its sub-actions. A sub-action is
/// in its top action's group, so a family is never split. Every action is
/// placed once (a parent loop in a damaged plan cannot repeat one), so the
/// work is bounded by the number of actions.
fn grouped<'a>(list: &'a [ActionView], heading: impl Fn(&ActionView) -> String) -> Vec<Group<'a>> {
    let ids: HashSet<Id> = list.iter().map(|a| a.action.id).collect();
    let mut children: HashMap<Id, Vec<&ActionView>> = HashMap::new();
    let mut tops = Vec::new();
    for a in list {
        match a.action.parent {
            Some(p) if ids.contains(&p) && p != a.action.id => {
                children.entry(p).or_default().push(a)
            }
            _ => tops.push(a),
        }
    }
    let mut placed: HashSet<Id> = HashSet::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // Then every action again: those in a loop of parents (a damaged plan)
    // have no top, and start a family of their own after the rest.
    for top in tops.into_iter().chain(list) {
        if placed.contains(&top.action.id) {
            continue;
        }
        let heading = heading(top);
        let at = *index.entry(heading.clone()).or_insert_with(|| {
            groups.push(Group {
                heading,
                rows: Vec::new(),
            });
            groups.len() - 1
        });
        // Depth first, with an explicit stack.
        let mut stack = vec![(top, 0usize)];
        while let Some((a, depth)) = stack.pop() {
            if !placed.insert(a.action.id) {
                continue;
            }
            groups[at].rows.push((a, depth.min(MAX_DEPTH)));
            if let Some(kids) = children.get(&a.action.id) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
    }
    // Groups of no objective, lead or outcome go last.
    groups.sort_by_key(|g| [NO_OBJECTIVE, NO_LEAD, NO_OUTCOME].contains(&g.heading.as_str()));
    groups
}

const NO_OBJECTIVE: &str = "Not linked to an objective";
const NO_LEAD: &str = "No lead named";
const NO_OUTCOME: &str = "Not linked to an outcome";

/// The framework of the five Every Child Matters outcomes.
const OUTCOMES: &str = "ecm_outcomes";

/// What grouping by outcome needs: the outcomes by id and code, and each
/// priority's outcome.
struct Outcomes {
    /// Outcome id → its code and title: ("1", "Be healthy").
    items: HashMap<Id, (String, String)>,
    /// Outcome code → its id.
    by_code: HashMap<String, Id>,
    /// Priority code → its outcome's id.
    of_priority: HashMap<String, Id>,
}

impl Outcomes {
    fn read(conn: &Connection) -> Result<Self, ComposeError> {
        let mut items = HashMap::new();
        let mut by_code = HashMap::new();
        for f in store::frameworks::list(conn)?
            .into_iter()
            .filter(|f| f.key == OUTCOMES)
        {
            for item in f.items {
                by_code.insert(item.code.clone(), item.id);
                items.insert(item.id, (item.code, item.title));
            }
        }
        let of_priority = store::priorities::list(conn)?
            .into_iter()
            .filter_map(|p| Some((p.code, p.outcome?)))
            .collect();
        Ok(Outcomes {
            items,
            by_code,
            of_priority,
        })
    }

    /// The outcome `a` serves: its code and title.
    fn of(&self, a: &ActionView) -> Option<&(String, String)> {
        let own = match &a.objective_ref {
            Some((key, code)) if key == OUTCOMES => self.by_code.get(code),
            _ => None,
        };
        let id = own.or_else(|| self.of_priority.get(a.priority_code.as_ref()?))?;
        self.items.get(id)
    }
}

fn heading(a: &ActionView, group_by: GroupBy, outcomes: &Outcomes) -> String {
    match group_by {
        GroupBy::Objective => match (&a.objective_ref, &a.objective_title) {
            (Some((_, code)), Some(title)) => format!("{code}. {title}"),
            (_, Some(title)) => title.clone(),
            _ => NO_OBJECTIVE.into(),
        },
        GroupBy::Lead => a
            .lead_person_name
            .clone()
            .or_else(|| a.lead_organisation_name.clone())
            .unwrap_or_else(|| NO_LEAD.into()),
        GroupBy::Outcome => outcomes
            .of(a)
            .map(|(code, title)| format!("{code}. {title}"))
            .unwrap_or_else(|| NO_OUTCOME.into()),
    }
}

fn table(
    cx: &mut Composer,
    rows: &[(&ActionView, usize)],
    columns: ActionColumns,
    outcomes: &Outcomes,
) -> DocTable {
    let mut header = vec!["Activity", "Responsibility"];
    if columns.timescale {
        header.push("Timescale");
    }
    if columns.outcome {
        header.push("Outcome");
    }
    if columns.status {
        header.push("Status");
    }
    let mut out = vec![header.into_iter().map(|h| DocCell::text(h, true)).collect()];
    for (a, depth) in rows {
        // Indented as the seed's sub-bullets are: a dash a level.
        let activity = format!(
            "{}{}",
            "– ".repeat(*depth),
            cx.clip(&a.action.activity, "activity")
        );
        let mut row = vec![
            DocCell::text(activity, false),
            DocCell::text(cx.clip(&a.responsibility(), "responsibility"), false),
        ];
        if columns.timescale {
            row.push(DocCell::text(timescale(a), false));
        }
        if columns.outcome {
            let title = outcomes
                .of(a)
                .map(|(_, title)| title.as_str())
                .unwrap_or("");
            row.push(DocCell::text(title, false));
        }
        if columns.status {
            row.push(DocCell::text(status_text(a), false));
        }
        out.push(row);
    }
    DocTable {
        caption: None,
        header_rows: 1,
        rows: out,
    }
}

/// "In progress", "Delayed (red)".
fn status_text(a: &ActionView) -> String {
    let words = a.action.status.as_str().replace('_', " ");
    let mut text: String = words
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(words.chars().skip(1))
        .collect();
    if let Some(rag) = a.action.rag {
        text.push_str(&format!(" ({rag})"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    #[test]
    fn the_sample_has_its_84_actions_in_the_seven_groups_of_its_appendix() {
        let dir = tempfile::tempdir().unwrap();
        let plan = PlanFile::create(dir.path().join("s.plan"), &templates::sample()).unwrap();
        let doc = actions(
            &plan,
            &ComposeOptions::default(),
            GroupBy::Objective,
            ActionColumns::default(),
        )
        .unwrap();
        let blocks = &doc.chapters[0].blocks;
        let sizes: Vec<usize> = blocks
            .iter()
            .filter_map(|b| match b {
                DocBlock::Table(t) => Some(t.rows.len() - 1),
                _ => None,
            })
            .collect();
        assert_eq!(sizes, [16, 7, 22, 15, 5, 11, 8]);
        assert_eq!(
            doc.contents[1].title,
            "1. Secure the wellbeing and health of child and young people"
        );
        assert_eq!(doc.contents.len(), 8);
        let DocBlock::Paragraph { content, .. } = &blocks[0] else {
            panic!("an opening paragraph")
        };
        assert_eq!(
            super::super::spans_text(content),
            "The plan's 84 actions under 7 objectives."
        );
        assert!(doc.meta.title.ends_with(": action plan"));
    }

    #[test]
    fn the_indicator_appendix_has_every_indicator_under_its_priority_with_its_latest_actual() {
        let dir = tempfile::tempdir().unwrap();
        let plan = PlanFile::create(dir.path().join("s.plan"), &templates::sample()).unwrap();
        let doc = indicators(&plan, &ComposeOptions::default()).unwrap();
        let tables: Vec<&DocTable> = doc.chapters[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                DocBlock::Table(t) => Some(t),
                _ => None,
            })
            .collect();
        let rows: usize = tables.iter().map(|t| t.rows.len() - 1).sum();
        assert_eq!(rows, 15, "the sample's 15 indicators, each once");
        assert_eq!(doc.contents.len(), tables.len() + 1);
        let header: Vec<String> = tables[0].rows[0]
            .iter()
            .map(|c| match &c.blocks[0] {
                DocBlock::Paragraph { content, .. } => crate::compose::spans_text(content),
                _ => String::new(),
            })
            .collect();
        assert_eq!(
            header[..5],
            ["Code", "Indicator", "LAA or local", "Better", "Baseline"]
        );
        assert_eq!(header.last().unwrap(), "Latest actual");
        assert!(doc.meta.title.ends_with(": indicators"));
    }

    #[test]
    fn the_glossary_appendix_is_the_glossary_alone_and_says_when_it_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let plan = PlanFile::create(dir.path().join("s.plan"), &templates::sample()).unwrap();
        let doc = glossary(&plan, &ComposeOptions::default()).unwrap();
        assert_eq!(doc.chapters.len(), 1);
        assert_eq!(doc.chapters[0].title, "Glossary");
        let [DocBlock::Table(t)] = doc.chapters[0].blocks.as_slice() else {
            panic!("one table")
        };
        assert!(t.rows.len() > 10, "the sample's terms: {}", t.rows.len());
        assert!(doc.meta.title.ends_with(": glossary"));

        let blank = PlanFile::create(
            dir.path().join("b.plan"),
            &templates::Template::Blank.bundle(crate::model::PlanInfo::titled("B", 2024)),
        )
        .unwrap();
        let doc = glossary(&blank, &ComposeOptions::default()).unwrap();
        let [DocBlock::Paragraph { content, .. }] = doc.chapters[0].blocks.as_slice() else {
            panic!("a paragraph")
        };
        assert_eq!(
            crate::compose::spans_text(content),
            "The plan has no glossary terms yet."
        );
    }
}
