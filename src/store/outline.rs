//! Whole-plan views over chapters, sections and blocks: the outline with
//! its sizes, and the computed paragraph numbers.

use std::collections::HashMap;

use rusqlite::Connection;

use super::error::Result;
use super::{blocks, chapters, plan_info, sections};
use crate::model::numbering::{chapter_numbers, paragraph_numbers, ChapterParagraphs};
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
/// Every section view and save asks for these, so the numbered paragraphs
/// are picked out by SQLite without parsing any block: a paragraph row's
/// JSON, as Planwright writes it (compact), holds `"numbered":true` exactly
/// when it is numbered (in text that string would be escaped, `\"`). On
/// the 5,000-block bench plan this takes 5.7 ms where parsing every block
/// took 16 ms (and SQLite's json_extract as long).
pub fn paragraph_labels(conn: &Connection) -> Result<HashMap<Id, String>> {
    let style = plan_info::get(conn)?.numbering;
    let mut by_chapter: HashMap<Id, Vec<Id>> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT s.chapter_id, b.id FROM blocks b JOIN sections s ON s.id = b.section_id
         WHERE b.kind = 'paragraph'
           AND instr(b.json, '\"numbered\":true') > 0
         ORDER BY s.position, b.position",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?)))?;
    for row in rows {
        let (chapter, block) = row?;
        by_chapter.entry(chapter).or_default().push(block);
    }
    let input: Vec<ChapterParagraphs> = chapters::list(conn)?
        .into_iter()
        .map(|c| ChapterParagraphs {
            numbered: c.numbered,
            paragraphs: by_chapter.remove(&c.id).unwrap_or_default(),
        })
        .collect();
    Ok(paragraph_numbers(style, &input))
}
