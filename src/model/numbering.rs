//! Automatic numbers for chapters and numbered paragraphs. Computed from the
//! order of things every time, never stored, so they stay right after any
//! insert, delete or move.

use std::collections::HashMap;

use super::plan::NumberingStyle;
use super::planning::Id;

/// Numbers of the numbered chapters, by chapter id, given chapters in order
/// as (id, numbered).
pub fn chapter_numbers(chapters: &[(Id, bool)]) -> HashMap<Id, u32> {
    chapters
        .iter()
        .filter(|(_, numbered)| *numbered)
        .enumerate()
        .map(|(i, (id, _))| (*id, i as u32 + 1))
        .collect()
}

/// A chapter, for numbering: whether it is numbered, and the ids of its
/// numbered paragraphs (top-level paragraphs marked numbered) in order.
pub struct ChapterParagraphs {
    pub numbered: bool,
    pub paragraphs: Vec<Id>,
}

/// Labels of numbered paragraphs by block id: "3.1" (by chapter) or "17"
/// (continuous). In an unnumbered chapter, by-chapter numbers are plain
/// "1", "2" ….
pub fn paragraph_numbers(
    style: NumberingStyle,
    chapters: &[ChapterParagraphs],
) -> HashMap<Id, String> {
    let mut out = HashMap::new();
    let mut chapter_no = 0u32;
    let mut running = 0u32;
    for ch in chapters {
        if ch.numbered {
            chapter_no += 1;
        }
        let mut n = 0u32;
        for id in &ch.paragraphs {
            n += 1;
            running += 1;
            let label = match style {
                NumberingStyle::Off => continue,
                NumberingStyle::Continuous => running.to_string(),
                NumberingStyle::ByChapter if ch.numbered => format!("{chapter_no}.{n}"),
                NumberingStyle::ByChapter => n.to_string(),
            };
            out.insert(*id, label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A chapter of blocks given as (id, is a numbered paragraph).
    fn chapter(numbered: bool, blocks: &[(Id, bool)]) -> ChapterParagraphs {
        ChapterParagraphs {
            numbered,
            paragraphs: blocks.iter().filter(|b| b.1).map(|b| b.0).collect(),
        }
    }

    #[test]
    fn by_chapter_skips_front_matter_and_unnumbered_paragraphs() {
        // 4 is a page break and 2 and 5 unnumbered paragraphs: not counted.
        let chapters = [
            chapter(false, &[(1, true), (2, false)]),
            chapter(true, &[(3, true), (4, false), (5, false), (6, true)]),
            chapter(true, &[(7, true)]),
        ];
        let n = paragraph_numbers(NumberingStyle::ByChapter, &chapters);
        assert_eq!(n[&1], "1");
        assert_eq!(n[&3], "1.1");
        assert_eq!(n[&6], "1.2");
        assert_eq!(n[&7], "2.1");
        assert!(!n.contains_key(&2) && !n.contains_key(&4) && !n.contains_key(&5));
        let c = paragraph_numbers(NumberingStyle::Continuous, &chapters);
        assert_eq!(
            (c[&1].as_str(), c[&3].as_str(), c[&7].as_str()),
            ("1", "2", "4")
        );
        assert!(paragraph_numbers(NumberingStyle::Off, &chapters).is_empty());
    }

    proptest! {
        /// Whatever the mix and order, by-chapter numbers in each numbered
        /// chapter run 1..=k without gaps, and deleting one paragraph
        /// renumbers the rest to 1..=k-1.
        #[test]
        fn numbers_are_dense_after_any_edit(
            flags in proptest::collection::vec(proptest::bool::ANY, 1..60),
            delete in 0usize..60,
        ) {
            let mut ids: Vec<(Id, bool)> = flags.iter().enumerate().map(|(i, f)| (i as Id, *f)).collect();
            let count = |ids: &[(Id, bool)]| {
                let ch = [chapter(true, ids)];
                let n = paragraph_numbers(NumberingStyle::ByChapter, &ch);
                let mut got: Vec<u32> = ids
                    .iter()
                    .filter_map(|(id, _)| n.get(id))
                    .map(|l| l.strip_prefix("1.").unwrap().parse().unwrap())
                    .collect();
                let k = got.len() as u32;
                got.sort();
                prop_assert_eq!(got, (1..=k).collect::<Vec<_>>());
                Ok(k)
            };
            let before = count(&ids)?;
            let i = delete % ids.len();
            let removed_numbered = ids[i].1;
            ids.remove(i);
            let after = count(&ids)?;
            prop_assert_eq!(after + removed_numbered as u32, before);
        }
    }
}
