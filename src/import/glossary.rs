//! A glossary in the text: under a chapter or section titled "Glossary"
//! (or "Abbreviations", "Acronyms", "Jargon buster"), each line "TERM –
//! definition", "TERM: definition" or "TERM⇥definition", each list item
//! of that form, a paragraph that begins with its term in bold, and each
//! row of a two-column table (a Word export's "Term | Meaning") becomes
//! an entry of the plan's glossary, which every export then lists. What is
//! not of that form stays in the text.

use std::collections::HashSet;

use super::inline::{blocks_text, plain_text};
use super::{Parser, Section};
use crate::model::bundle::BundleTerm;
use crate::model::{Block, Inline};

/// The longest term read; a longer "term" is a sentence with a colon.
const MAX_TERM_CHARS: usize = 60;

fn is_glossary_title(title: &str) -> bool {
    let t = title.trim().to_lowercase();
    ["glossary", "abbreviations", "acronyms", "jargon buster"]
        .iter()
        .any(|g| t.starts_with(g))
}

/// "APA – Annual Performance Assessment": the term and its definition.
fn split_entry(text: &str) -> Option<(String, String)> {
    let text = text.trim();
    let (term, definition) = [" – ", " — ", " - ", "\t", ": ", " = "]
        .iter()
        .filter_map(|sep| text.split_once(sep))
        .min_by_key(|(term, _)| term.len())?;
    let (term, definition) = (term.trim(), definition.trim());
    (!term.is_empty()
        && !definition.is_empty()
        && term.chars().count() <= MAX_TERM_CHARS
        && !term.ends_with(['.', ',']))
    .then(|| (term.to_owned(), definition.to_owned()))
}

/// A paragraph's entry: "TERM – definition", or a bold term and the text
/// after it.
fn paragraph_entry(content: &[Inline]) -> Option<(String, String)> {
    if let Some(Inline::Text { text, marks }) = content.first() {
        let rest = plain_text(&content[1..]).replace('\n', " ");
        let rest = rest.trim().trim_start_matches(['–', '—', '-', ':']).trim();
        if marks.bold
            && !text.trim().is_empty()
            && text.trim().chars().count() <= MAX_TERM_CHARS
            && !rest.is_empty()
        {
            return Some((
                text.trim().trim_end_matches(':').to_owned(),
                rest.to_owned(),
            ));
        }
    }
    split_entry(&plain_text(content).replace('\n', " "))
}

/// The entries a block holds, all of them, or None if any part of it is
/// not an entry (so it stays as it is).
fn entries(block: &Block) -> Option<Vec<(String, String)>> {
    match block {
        Block::Paragraph { content, .. } => paragraph_entry(content).map(|e| vec![e]),
        Block::BulletList { items } | Block::OrderedList { items, .. } => items
            .iter()
            .map(|i| match i.blocks.as_slice() {
                [Block::Paragraph { content, .. }] => paragraph_entry(content),
                _ => None,
            })
            .collect(),
        Block::Table(t) => {
            let cell_text = |blocks: &[Block]| blocks_text(blocks, " ").trim().replace('\n', " ");
            t.rows
                .iter()
                .filter(|r| !r.cells.iter().all(|c| c.header))
                .map(|r| match r.cells.as_slice() {
                    [term, meaning] => {
                        let (term, meaning) = (cell_text(&term.blocks), cell_text(&meaning.blocks));
                        (!term.is_empty()
                            && !meaning.is_empty()
                            && term.chars().count() <= MAX_TERM_CHARS)
                            .then_some((term, meaning))
                    }
                    _ => None,
                })
                .collect()
        }
        _ => None,
    }
}

impl Parser {
    /// Moves the glossary's entries out of the text into the plan's
    /// glossary; a section left empty goes, and so does a chapter.
    pub(super) fn glossary(&mut self) {
        let mut found: Vec<(String, String)> = Vec::new();
        let mut from: Vec<(usize, String, usize)> = Vec::new();
        let mut terms = HashSet::new();
        for ch in &mut self.chapters {
            let whole = is_glossary_title(&ch.title);
            for s in &mut ch.sections {
                if !whole && !s.title.as_deref().is_some_and(is_glossary_title) {
                    continue;
                }
                let before = found.len();
                take_entries(s, &mut found, &mut terms);
                if found.len() > before {
                    let title = s.title.clone().unwrap_or_else(|| ch.title.clone());
                    from.push((ch.line, title, found.len() - before));
                }
            }
            ch.sections.retain(|s| {
                !(s.blocks.is_empty()
                    && s.notes.is_empty()
                    && (whole || s.title.as_deref().is_some_and(is_glossary_title)))
            });
        }
        for (line, title, n) in from {
            let said = match n {
                1 => format!("the entry of \"{title}\" is the plan's glossary"),
                n => format!("the {n} entries of \"{title}\" are the plan's glossary"),
            };
            self.note(line, said);
        }
        self.chapters
            .retain(|c| !(c.sections.is_empty() && is_glossary_title(&c.title)));
        self.report.glossary = found.len();
        self.glossary = found
            .into_iter()
            .map(|(term, definition)| BundleTerm { term, definition })
            .collect();
    }
}

/// Takes the section's glossary entries into `found`: a block every part
/// of which is an entry whose term is new. Others stay.
fn take_entries(s: &mut Section, found: &mut Vec<(String, String)>, terms: &mut HashSet<String>) {
    let mut kept = Vec::with_capacity(s.blocks.len());
    for b in std::mem::take(&mut s.blocks) {
        let es = entries(&b).unwrap_or_default();
        // Terms folded as the plan folds them; each new to the glossary
        // and to the block.
        let folded: HashSet<String> = es.iter().map(|(t, _)| t.to_ascii_lowercase()).collect();
        if !es.is_empty() && folded.len() == es.len() && folded.is_disjoint(terms) {
            terms.extend(folded);
            found.extend(es);
        } else {
            kept.push(b);
        }
    }
    s.blocks = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_as_glossaries_write_them() {
        assert_eq!(
            split_entry("APA – Annual Performance Assessment"),
            Some(("APA".into(), "Annual Performance Assessment".into()))
        );
        assert_eq!(
            split_entry("CAMHS: Child and Adolescent Mental Health Services"),
            Some((
                "CAMHS".into(),
                "Child and Adolescent Mental Health Services".into()
            ))
        );
        assert_eq!(split_entry("LAA\tLocal Area Agreement").unwrap().0, "LAA");
        assert_eq!(split_entry("A sentence with no separator"), None);
        assert_eq!(
            split_entry(
                "This is a long opening clause of a sentence, far longer than a term: and more"
            ),
            None
        );
    }
}
