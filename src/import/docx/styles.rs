//! Paragraph styles (by the names Word gives them) and list numbering.

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::package::{child, is, val, W};

/// A paragraph style: its name (lower case, as Word names the built-in
/// ones whatever the language) and the list numbering it carries.
#[derive(Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, (String, Option<(String, usize)>)>,
}

impl Styles {
    pub(super) fn read(doc: &Document<'_>) -> Self {
        let mut by_id = HashMap::new();
        for s in doc.root_element().children().filter(|n| is(n, "style")) {
            let Some(id) = s.attribute((W, "styleId")) else {
                continue;
            };
            let name = child(s, "name").and_then(val).unwrap_or(id).to_lowercase();
            let num = child(s, "pPr")
                .and_then(|p| child(p, "numPr"))
                .and_then(num_pr);
            by_id.insert(id.to_owned(), (name, num));
        }
        Styles { by_id }
    }

    pub(super) fn name<'a>(&'a self, id: &'a str) -> String {
        match self.by_id.get(id) {
            Some((name, _)) => name.clone(),
            None => id.to_lowercase(),
        }
    }
}

/// A paragraph's w:numPr: its numbering and level.
pub(super) fn num_pr(n: Node<'_, '_>) -> Option<(String, usize)> {
    let id = child(n, "numId").and_then(val)?.to_owned();
    let level = child(n, "ilvl")
        .and_then(val)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0usize);
    Some((id, level.min(8)))
}

/// Word's list numbering: for each numbering and level, whether it counts
/// (and from what) or is bullets, and whether it numbers a report's
/// paragraphs ("1.1", "1.1.1": a text of two or more numbers).
#[derive(Default)]
pub(super) struct Numbering {
    /// numId to abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId to its levels.
    levels: HashMap<String, Vec<Level>>,
}

#[derive(Clone, Copy, Default)]
struct Level {
    /// Numbered from (None for bullets).
    start: Option<u32>,
    /// Numbered "%1.%2": paragraph numbers, not a list's.
    outline: bool,
}

impl Numbering {
    pub(super) fn read(doc: &Document<'_>) -> Self {
        let mut n = Numbering::default();
        for e in doc.root_element().children() {
            if is(&e, "abstractNum") {
                let Some(id) = e.attribute((W, "abstractNumId")) else {
                    continue;
                };
                let mut levels = vec![Level::default(); 9];
                for lvl in e.children().filter(|c| is(c, "lvl")) {
                    let Some(i) = lvl
                        .attribute((W, "ilvl"))
                        .and_then(|v| v.parse::<usize>().ok())
                        .filter(|i| *i < 9)
                    else {
                        continue;
                    };
                    let fmt = child(lvl, "numFmt").and_then(val).unwrap_or("decimal");
                    let start = child(lvl, "start")
                        .and_then(val)
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1);
                    let text = child(lvl, "lvlText").and_then(val).unwrap_or("");
                    let counting = !matches!(fmt, "bullet" | "none");
                    levels[i] = Level {
                        start: counting.then_some(start),
                        outline: counting && text.matches('%').count() >= 2,
                    };
                }
                n.levels.insert(id.to_owned(), levels);
            } else if is(&e, "num") {
                if let (Some(id), Some(abs)) = (
                    e.attribute((W, "numId")),
                    child(e, "abstractNumId").and_then(val),
                ) {
                    n.nums.insert(id.to_owned(), abs.to_owned());
                }
            }
        }
        n
    }

    fn level(&self, num: &str, level: usize) -> Option<Level> {
        let abs = self.nums.get(num)?;
        self.levels.get(abs)?.get(level).copied()
    }

    /// Whether list `num` at `level` counts, and from what.
    pub(super) fn ordered(&self, num: &str, level: usize) -> Option<u32> {
        self.level(num, level)?.start
    }

    /// Whether `num` at `level` numbers paragraphs as a report does ("2.3").
    pub(super) fn outline(&self, num: &str, level: usize) -> bool {
        self.level(num, level).is_some_and(|l| l.outline)
    }
}
