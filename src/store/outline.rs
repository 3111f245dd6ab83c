//! Whole-plan views over chapters, sections and blocks: the outline with
//! its sizes, and the computed paragraph numbers.

use std::collections::HashMap;

use rusqlite::Connection;

use super::error::Result;
use super::{blocks, chapters, plan_info, sections};
use crate::model::numbering::{chapter_numbers, paragraph_numbers, ChapterBlocks};
use crate::model::{Id, OutlineChapter, OutlineSection};

pub fn outline(conn: &Connection) -> Result<Vec<OutlineChapter>> {
    let chapters = chapters::list(conn)?;
    let numbers = chapter_numbers(
        &chapters
            .iter()
            .map(|c| (c.id, c.numbered))
            .collect::<Vec<_>>(),
    );
    chapters
        .into_iter()
        .map(|chapter| {
            let sections = sections::list(conn, chapter.id)?
                .into_iter()
                .map(|section| {
                    let content = blocks::list_section_salvaged(conn, section.id)?;
                    Ok(OutlineSection {
                        blocks: content.len(),
                        words: content.iter().map(|b| b.block.word_count()).sum(),
                        section,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(OutlineChapter {
                number: numbers.get(&chapter.id).copied(),
                chapter,
                sections,
            })
        })
        .collect()
}

/// Paragraph numbers ("3.1") of every numbered paragraph, by block id.
pub fn paragraph_labels(conn: &Connection) -> Result<HashMap<Id, String>> {
    let style = plan_info::get(conn)?.numbering;
    let chapters = chapters::list(conn)?;
    let content = chapters
        .iter()
        .map(|c| blocks::list_chapter(conn, c.id))
        .collect::<Result<Vec<_>>>()?;
    let input: Vec<ChapterBlocks<'_>> = chapters
        .iter()
        .zip(&content)
        .map(|(c, blocks)| ChapterBlocks {
            numbered: c.numbered,
            blocks: blocks.iter().map(|b| (b.id, &b.block)).collect(),
        })
        .collect();
    Ok(paragraph_numbers(style, &input))
}
