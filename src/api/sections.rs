//! A section's content as the editor reads and saves it.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Result;
use crate::model::prosemirror::{parse_doc, to_doc};
use crate::model::{Block, CalloutKind, Id, Inline, Marks, Section};
use crate::store::{self, blocks, outline, sections, PlanFile, StoreError};

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

pub fn get(plan: &PlanFile, id: Id) -> Result<SectionView> {
    Ok(plan.read(|conn| view(conn, id))?)
}

/// Replaces a section's content with the editor's document (checked whole
/// first: all of it is saved or none) and returns the section as it now
/// is. `base` is the version the editor started from: if the section has
/// been saved since (by another window or program), nothing is written and
/// the error (`conflict`) says so.
pub fn save(plan: &mut PlanFile, id: Id, doc: &Value, base: Option<&str>) -> Result<SectionView> {
    Ok(plan.edit(|tx| {
        if let Some(base) = base {
            if blocks::section_version(tx, id)? != base {
                let title = sections::get(tx, id)?.title;
                return Err(StoreError::Conflict(format!(
                    "section \"{}\" was changed in another window or program after you opened it; \
                     your edit was not saved over it",
                    title.as_deref().unwrap_or("(untitled)")
                )));
            }
        }
        blocks::replace_section(tx, id, doc)?;
        view(tx, id)
    })?)
}

/// Keeps an edit that lost a conflict: the section as now stored, followed
/// by an information box holding the edit (its paragraphs, lists and quotes
/// as they were, anything else as plain text), for the user to merge by
/// hand. Nothing of either version is lost.
pub fn recover(plan: &mut PlanFile, id: Id, doc: &Value) -> Result<SectionView> {
    let mine = parse_doc(doc)?;
    Ok(plan.edit(|tx| {
        let mut content: Vec<Block> = blocks::list_section_salvaged(tx, id)?
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
        blocks::replace_section_blocks(tx, id, &content)?;
        view(tx, id)
    })?)
}

fn view(conn: &Connection, id: Id) -> store::Result<SectionView> {
    let section = sections::get(conn, id)?;
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
