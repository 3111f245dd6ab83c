//! What changed between two versions of a plan: chapters and sections
//! added, removed or moved; paragraphs changed, word by word; actions and
//! indicators added, removed or changed field by field. Read from two
//! bundles, so any two versions (or a version and the plan as it is now)
//! compare the same way.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::Serialize;
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};

use crate::model::bundle::{BundleChapter, BundleSection};
use crate::model::prosemirror::parse_doc;
use crate::model::Bundle;

/// How long a word-level comparison of one paragraph may take before it
/// says the paragraph was replaced whole: a bound on any pair of texts.
const WORD_DIFF_TIMEOUT: Duration = Duration::from_millis(20);

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Diff {
    pub chapters: Vec<ChapterChange>,
    pub actions: Vec<RecordChange>,
    pub indicators: Vec<RecordChange>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.chapters.is_empty() && self.actions.is_empty() && self.indicators.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Change {
    Added,
    Removed,
    /// In another place among its siblings.
    Moved,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChapterChange {
    pub change: Change,
    pub title: String,
    /// 1-based positions before and after (for a moved chapter).
    pub from: Option<usize>,
    pub to: Option<usize>,
    pub sections: Vec<SectionChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionChange {
    pub change: Change,
    /// Its title, or "Section 2" for one without.
    pub title: String,
    pub paragraphs: Vec<ParagraphChange>,
}

/// A paragraph (or list, table, quote: each top-level block, as text).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParagraphChange {
    pub change: Change,
    /// Its words: kept, inserted and deleted runs, in order.
    pub words: Vec<Words>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Words {
    pub kind: WordsKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum WordsKind {
    Same,
    Inserted,
    Deleted,
}

/// An action (named by its activity) or an indicator (by its code).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordChange {
    pub change: Change,
    pub name: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    pub field: String,
    pub from: String,
    pub to: String,
}

/// What changed from `old` to `new`.
pub fn diff(old: &Bundle, new: &Bundle) -> Diff {
    Diff {
        chapters: chapters(&old.chapters, &new.chapters),
        actions: records(
            old.actions.iter().map(|a| {
                (
                    a.activity.clone(),
                    fields(a, &["key", "activity", "parent"]),
                )
            }),
            new.actions.iter().map(|a| {
                (
                    a.activity.clone(),
                    fields(a, &["key", "activity", "parent"]),
                )
            }),
        ),
        indicators: records(
            old.indicators
                .iter()
                .map(|i| (i.code.clone(), fields(i, &["code"]))),
            new.indicators
                .iter()
                .map(|i| (i.code.clone(), fields(i, &["code"]))),
        ),
    }
}

/// A record's fields as text, by name, leaving out `skip`.
fn fields<T: Serialize>(record: &T, skip: &[&str]) -> Vec<(String, String)> {
    let value = serde_json::to_value(record).expect("records serialise");
    let Some(map) = value.as_object() else {
        return Vec::new();
    };
    map.iter()
        .filter(|(k, _)| !skip.contains(&k.as_str()))
        .map(|(k, v)| {
            let text = match v {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.replace('_', " "), text)
        })
        .collect()
}

/// Records matched by name: added, removed, and changed field by field. A
/// name used twice is matched in order.
fn records(
    old: impl Iterator<Item = (String, Vec<(String, String)>)>,
    new: impl Iterator<Item = (String, Vec<(String, String)>)>,
) -> Vec<RecordChange> {
    let mut before: HashMap<String, Vec<Vec<(String, String)>>> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for (name, f) in old {
        order.push(name.clone());
        before.entry(name).or_default().push(f);
    }
    for list in before.values_mut() {
        list.reverse();
    }
    let mut out = Vec::new();
    for (name, f) in new {
        match before.get_mut(&name).and_then(Vec::pop) {
            None => out.push(RecordChange {
                change: Change::Added,
                name,
                fields: Vec::new(),
            }),
            Some(was) => {
                let was: HashMap<&str, &str> =
                    was.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let changed: Vec<FieldChange> = f
                    .iter()
                    .filter(|(k, v)| was.get(k.as_str()).copied().unwrap_or("") != v)
                    .map(|(k, v)| FieldChange {
                        field: k.clone(),
                        from: was.get(k.as_str()).copied().unwrap_or("").to_owned(),
                        to: v.clone(),
                    })
                    .collect();
                if !changed.is_empty() {
                    out.push(RecordChange {
                        change: Change::Changed,
                        name,
                        fields: changed,
                    });
                }
            }
        }
    }
    let mut said = HashSet::new();
    for name in order {
        if !said.insert(name.clone()) {
            continue;
        }
        for _ in before.remove(&name).unwrap_or_default() {
            out.push(RecordChange {
                change: Change::Removed,
                name: name.clone(),
                fields: Vec::new(),
            });
        }
    }
    out
}

fn key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Items matched by key: (old index, new index) of each match, in the new
/// order, and the unmatched of each side. A key used twice is matched in
/// order.
fn matched(old: &[String], new: &[String]) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut free: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, k) in old.iter().enumerate().rev() {
        free.entry(k.as_str()).or_default().push(i);
    }
    let mut pairs = Vec::new();
    let mut added = Vec::new();
    for (j, k) in new.iter().enumerate() {
        match free.get_mut(k.as_str()).and_then(Vec::pop) {
            Some(i) => pairs.push((i, j)),
            None => added.push(j),
        }
    }
    let used: HashSet<usize> = pairs.iter().map(|p| p.0).collect();
    let removed = (0..old.len()).filter(|i| !used.contains(i)).collect();
    (pairs, added, removed)
}

/// The matched pairs that moved: those not in the longest run kept in the
/// same order on both sides.
fn moved(pairs: &[(usize, usize)]) -> HashSet<usize> {
    let olds: Vec<usize> = pairs.iter().map(|p| p.0).collect();
    let mut sorted = olds.clone();
    sorted.sort_unstable();
    let mut stay = HashSet::new();
    for op in capture_diff_slices(Algorithm::Myers, &sorted, &olds) {
        if let DiffOp::Equal { new_index, len, .. } = op {
            stay.extend(olds[new_index..new_index + len].iter().copied());
        }
    }
    olds.into_iter().filter(|o| !stay.contains(o)).collect()
}

fn chapters(old: &[BundleChapter], new: &[BundleChapter]) -> Vec<ChapterChange> {
    let ok: Vec<String> = old.iter().map(|c| key(&c.title)).collect();
    let nk: Vec<String> = new.iter().map(|c| key(&c.title)).collect();
    let (pairs, added, removed) = matched(&ok, &nk);
    let moved = moved(&pairs);
    let mut out = Vec::new();
    for &(i, j) in &pairs {
        let sections = sections(&old[i].sections, &new[j].sections);
        let change = if moved.contains(&i) {
            Change::Moved
        } else if !sections.is_empty() {
            Change::Changed
        } else {
            continue;
        };
        out.push(ChapterChange {
            change,
            title: new[j].title.clone(),
            from: Some(i + 1),
            to: Some(j + 1),
            sections,
        });
    }
    for j in added {
        out.push(ChapterChange {
            change: Change::Added,
            title: new[j].title.clone(),
            from: None,
            to: Some(j + 1),
            sections: Vec::new(),
        });
    }
    for i in removed {
        out.push(ChapterChange {
            change: Change::Removed,
            title: old[i].title.clone(),
            from: Some(i + 1),
            to: None,
            sections: Vec::new(),
        });
    }
    // In the order of the new plan, the removed where they were.
    out.sort_by_key(|c| (c.to.or(c.from).unwrap_or(0), c.change == Change::Removed));
    out
}

fn section_title(s: &BundleSection, i: usize) -> String {
    s.title
        .clone()
        .unwrap_or_else(|| format!("Section {}", i + 1))
}

fn sections(old: &[BundleSection], new: &[BundleSection]) -> Vec<SectionChange> {
    let ok: Vec<String> = old
        .iter()
        .enumerate()
        .map(|(i, s)| key(&section_title(s, i)))
        .collect();
    let nk: Vec<String> = new
        .iter()
        .enumerate()
        .map(|(i, s)| key(&section_title(s, i)))
        .collect();
    let (pairs, added, removed) = matched(&ok, &nk);
    let moved = moved(&pairs);
    let mut out = Vec::new();
    for &(i, j) in &pairs {
        let paragraphs = paragraphs(&texts(&old[i]), &texts(&new[j]));
        let change = if moved.contains(&i) {
            Change::Moved
        } else if !paragraphs.is_empty() {
            Change::Changed
        } else {
            continue;
        };
        out.push(SectionChange {
            change,
            title: section_title(&new[j], j),
            paragraphs,
        });
    }
    for j in added {
        out.push(SectionChange {
            change: Change::Added,
            title: section_title(&new[j], j),
            paragraphs: Vec::new(),
        });
    }
    for i in removed {
        out.push(SectionChange {
            change: Change::Removed,
            title: section_title(&old[i], i),
            paragraphs: Vec::new(),
        });
    }
    out
}

/// Each top-level block of a section as its text.
fn texts(s: &BundleSection) -> Vec<String> {
    parse_doc(&s.content)
        .map(|blocks| {
            blocks
                .iter()
                .map(|b| b.plain_text())
                .filter(|t| !t.trim().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn paragraphs(old: &[String], new: &[String]) -> Vec<ParagraphChange> {
    let whole = |change, text: &str| ParagraphChange {
        change,
        words: vec![Words {
            kind: if change == Change::Added {
                WordsKind::Inserted
            } else {
                WordsKind::Deleted
            },
            text: text.to_owned(),
        }],
    };
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal { .. } => {}
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(
                old[old_index..old_index + old_len]
                    .iter()
                    .map(|t| whole(Change::Removed, t)),
            ),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(
                new[new_index..new_index + new_len]
                    .iter()
                    .map(|t| whole(Change::Added, t)),
            ),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let pairs = old_len.min(new_len);
                for k in 0..pairs {
                    out.push(ParagraphChange {
                        change: Change::Changed,
                        words: words(&old[old_index + k], &new[new_index + k]),
                    });
                }
                out.extend(
                    old[old_index + pairs..old_index + old_len]
                        .iter()
                        .map(|t| whole(Change::Removed, t)),
                );
                out.extend(
                    new[new_index + pairs..new_index + new_len]
                        .iter()
                        .map(|t| whole(Change::Added, t)),
                );
            }
        }
    }
    out
}

/// The word-level changes from `old` to `new`, runs of the same kind joined.
pub fn words(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(WORD_DIFF_TIMEOUT)
        .diff_words(old, new);
    let mut out: Vec<Words> = Vec::new();
    for c in diff.iter_all_changes() {
        let kind = match c.tag() {
            ChangeTag::Equal => WordsKind::Same,
            ChangeTag::Insert => WordsKind::Inserted,
            ChangeTag::Delete => WordsKind::Deleted,
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(c.value()),
            _ => out.push(Words {
                kind,
                text: c.value().to_owned(),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_show_what_was_inserted_and_deleted() {
        let w = words(
            "Publish a play strategy by summer 2008",
            "Publish the play strategy by autumn 2008",
        );
        let said: Vec<(WordsKind, &str)> = w.iter().map(|w| (w.kind, w.text.as_str())).collect();
        assert_eq!(
            said,
            [
                (WordsKind::Same, "Publish "),
                (WordsKind::Deleted, "a"),
                (WordsKind::Inserted, "the"),
                (WordsKind::Same, " play strategy by "),
                (WordsKind::Deleted, "summer"),
                (WordsKind::Inserted, "autumn"),
                (WordsKind::Same, " 2008"),
            ]
        );
    }

    #[test]
    fn a_chapter_moved_is_the_one_out_of_order() {
        let pairs = [(0, 0), (2, 1), (1, 2), (3, 3)];
        let m = moved(&pairs);
        assert_eq!(m.len(), 1, "{m:?}");
    }
}
