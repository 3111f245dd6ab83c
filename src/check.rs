//! Plan-level validation: what `planwright check` reports and the app shows
//! as a to-do list. The file's own integrity is checked on open.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::model::{Block, DataQuery, Inline, OutlineChapter};
use crate::store::{self, PlanFile, Result};

/// One thing to fix, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable kind, for scripts: "action_without_lead", …
    pub kind: &'static str,
    /// Where: "action 12", "chapter 4 (Being Healthy)".
    pub at: String,
    pub message: String,
}

pub fn check(plan: &PlanFile) -> Result<Vec<Finding>> {
    plan.integrity_check()?;
    plan.read(|conn| {
        let mut out = Vec::new();
        let mut add = |kind, at: String, message: String| out.push(Finding { kind, at, message });

        let fk: Vec<(String, i64)> = conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (table, row) in fk {
            add("broken_link", format!("{table} row {row}"), "links to a row that no longer exists".into());
        }

        let outline = store::outline::outline(conn)?;
        for c in &outline {
            if c.words() == 0 && !has_data_blocks(conn, c)? {
                add("empty_chapter", chapter_name(c), "has no text yet".into());
            }
        }

        let actions = store::actions::list(conn, &Default::default())?;
        for a in &actions {
            if a.action.lead_person.is_none() && a.action.lead_organisation.is_none() {
                add("action_without_lead", format!("action {}", a.action.id), format!("\"{}\" has no lead", short(&a.action.activity)));
            }
        }

        let indicators = store::indicators::list(conn, &Default::default())?;
        for i in &indicators {
            if i.targets.is_empty() {
                add("indicator_without_targets", format!("indicator {}", i.code), format!("\"{}\" has no targets", short(&i.title)));
            }
        }

        let frameworks = store::frameworks::list(conn)?;
        let priorities: HashSet<String> =
            store::priorities::list(conn)?.into_iter().map(|p| p.code.to_lowercase()).collect();
        for c in &outline {
            for s in &c.sections {
                let blocks = store::blocks::list_section(conn, s.section.id)?;
                let at = |i: usize| format!("{}, section {}, block {}", chapter_name(c), section_index(c, s.section.id), i + 1);
                let mut notes: HashMap<String, bool> = HashMap::new();
                let mut refs: Vec<(usize, String)> = Vec::new();
                for (i, b) in blocks.iter().enumerate() {
                    collect_footnotes(&b.block, i, &mut notes, &mut refs);
                    if let Block::Data(q) = &b.block {
                        let (framework, priority) = match q {
                            DataQuery::Actions(f) => (f.framework.as_deref(), f.priority.as_deref()),
                            DataQuery::Indicators(f) => (None, f.priority.as_deref()),
                            DataQuery::IndicatorChart(f) => {
                                if store::indicators::find(conn, &f.code)?.is_none() {
                                    add("data_block_unknown_indicator", at(i), format!("charts indicator \"{}\", which the plan does not have", f.code));
                                }
                                (None, None)
                            }
                        };
                        if let Some(key) = framework.filter(|k| !frameworks.iter().any(|f| f.key == *k)) {
                            add("data_block_unknown_framework", at(i), format!("shows actions of framework \"{key}\", which the plan does not have"));
                        }
                        if let Some(p) = priority.filter(|p| !priorities.contains(&p.to_lowercase())) {
                            add("data_block_unknown_priority", at(i), format!("filters on priority \"{p}\", which the plan does not have"));
                        }
                    }
                }
                for (i, id) in refs {
                    match notes.get_mut(&id) {
                        Some(used) => *used = true,
                        None => add("footnote_missing", at(i), format!("refers to footnote \"{id}\", which has no text")),
                    }
                }
                for (id, used) in notes {
                    if !used {
                        add("footnote_unused", format!("{}, section {}", chapter_name(c), section_index(c, s.section.id)), format!("footnote \"{id}\" is never referred to"));
                    }
                }
            }
        }
        Ok(out)
    })
}

fn has_data_blocks(conn: &rusqlite::Connection, c: &OutlineChapter) -> Result<bool> {
    Ok(store::blocks::list_chapter(conn, c.chapter.id)?
        .iter()
        .any(|b| {
            matches!(
                b.block,
                Block::Data(_) | Block::Figure { .. } | Block::Table(_)
            )
        }))
}

fn collect_footnotes(
    b: &Block,
    index: usize,
    notes: &mut HashMap<String, bool>,
    refs: &mut Vec<(usize, String)>,
) {
    let inline = |content: &[Inline], refs: &mut Vec<(usize, String)>| {
        for i in content {
            if let Inline::Text { marks, .. } = i {
                if let Some(id) = &marks.footnote {
                    refs.push((index, id.clone()));
                }
            }
        }
    };
    match b {
        Block::Footnote { id, content } => {
            notes.entry(id.clone()).or_insert(false);
            inline(content, refs);
        }
        Block::Heading { content, .. } | Block::Paragraph { content, .. } => inline(content, refs),
        Block::BulletList { items } | Block::OrderedList { items, .. } => {
            for it in items {
                it.blocks
                    .iter()
                    .for_each(|b| collect_footnotes(b, index, notes, refs));
            }
        }
        Block::Quote { blocks, .. } | Block::Callout { blocks, .. } => blocks
            .iter()
            .for_each(|b| collect_footnotes(b, index, notes, refs)),
        Block::Table(t) => {
            for row in &t.rows {
                for cell in &row.cells {
                    cell.blocks
                        .iter()
                        .for_each(|b| collect_footnotes(b, index, notes, refs));
                }
            }
        }
        Block::Figure { .. } | Block::PageBreak | Block::Data(_) => {}
    }
}

fn chapter_name(c: &OutlineChapter) -> String {
    match c.number {
        Some(n) => format!("chapter {n} ({})", c.chapter.title),
        None => format!("\"{}\"", c.chapter.title),
    }
}

fn section_index(c: &OutlineChapter, id: crate::model::Id) -> usize {
    c.sections
        .iter()
        .position(|s| s.section.id == id)
        .map_or(0, |i| i + 1)
}

fn short(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        t.push('…');
    }
    t
}
