//! "Changes since the consultation draft": a comparison of two versions as
//! a document the PDF, Word and HTML exports write. Inserted words are
//! shown "[added: …]" in bold, deleted ones "[deleted: …]" in italics: the
//! marks are words as well as styles, so a screen reader, a black and
//! white print and a copied paragraph all keep them.

use std::collections::HashMap;

use super::document::{ContentsEntry, DocBlock, DocCell, DocChapter, DocTable, Document, Span};
use super::{ComposeError, ComposeOptions, Composer};
use crate::compare::{Change, Diff, RecordChange, Words, WordsKind};
use crate::store::{self, PlanFile};

/// The comparison `diff` of version `from` with `to` (their names), as a
/// document of the plan.
pub fn changes(
    plan: &PlanFile,
    from: &str,
    to: &str,
    diff: &Diff,
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    plan.read(|conn| {
        let info = store::plan_info::get(conn)?;
        let mut cx = Composer::new(conn, &info, HashMap::new());
        Ok(compose(&mut cx, from, to, diff, opts))
    })?
}

fn compose(
    cx: &mut Composer,
    from: &str,
    to: &str,
    diff: &Diff,
    opts: &ComposeOptions,
) -> Result<Document, ComposeError> {
    let mut chapters = Vec::new();
    let mut contents = Vec::new();
    let mut chapter = |cx: &mut Composer, title: &str, blocks: Vec<DocBlock>| {
        let anchor = cx.anchor();
        contents.push(ContentsEntry {
            level: 1,
            label: None,
            title: title.into(),
            anchor: anchor.clone(),
        });
        chapters.push(DocChapter {
            label: None,
            anchor,
            number: None,
            title: title.into(),
            blocks,
        });
    };
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let text_changes: usize = diff.chapters.len();
    let summary = vec![
        para(vec![Span::plain(format!(
            "What changed from {from} to {to}: {}, {} and {}.",
            count(text_changes, "chapter", "chapters"),
            count(diff.actions.len(), "action", "actions"),
            count(diff.indicators.len(), "indicator", "indicators"),
        ))]),
        para(vec![
            Span::plain("Words added are shown "),
            bold("[added: like this]"),
            Span::plain(", words taken out "),
            italic("[deleted: like this]"),
            Span::plain("."),
        ]),
    ];
    chapter(cx, "Summary", summary);

    let mut text = Vec::new();
    if diff.chapters.is_empty() {
        text.push(para(vec![Span::plain("The text is the same.")]));
    }
    for c in &diff.chapters {
        let how = match (c.change, c.from, c.to) {
            (Change::Added, _, _) => "added".to_owned(),
            (Change::Removed, _, _) => "removed".to_owned(),
            (Change::Moved, Some(a), Some(b)) => format!("moved from chapter {a} to {b}"),
            _ => "changed".to_owned(),
        };
        text.push(DocBlock::Heading {
            level: 2,
            anchor: None,
            content: vec![Span::plain(format!("{} ({how})", c.title))],
        });
        for s in &c.sections {
            let how = match s.change {
                Change::Added => " (added)",
                Change::Removed => " (removed)",
                Change::Moved => " (moved)",
                Change::Changed => "",
            };
            text.push(DocBlock::Heading {
                level: 3,
                anchor: None,
                content: vec![Span::plain(format!("{}{how}", s.title))],
            });
            for p in &s.paragraphs {
                text.push(para(marked(&p.words)));
            }
        }
    }
    chapter(cx, "Text", text);
    chapter(cx, "Actions", records(&diff.actions, "Action"));
    chapter(cx, "Indicators", records(&diff.indicators, "Indicator"));

    cx.place = "The comparison".into();
    let title = cx.clip(&format!("Changes since the {from}"), "title");
    let mut meta = cx.meta(opts, title)?;
    meta.status = format!("{from} → {to}");
    Ok(Document {
        meta,
        title_page: true,
        contents,
        chapters,
        footnotes: Vec::new(),
        warnings: std::mem::take(&mut cx.warnings),
    })
}

fn para(content: Vec<Span>) -> DocBlock {
    DocBlock::Paragraph {
        label: None,
        content,
    }
}

fn bold(t: &str) -> Span {
    Span::Text {
        text: t.into(),
        bold: true,
        italic: false,
        link: None,
    }
}

fn italic(t: &str) -> Span {
    Span::Text {
        text: t.into(),
        bold: false,
        italic: true,
        link: None,
    }
}

/// A paragraph's words, its insertions and deletions marked.
fn marked(words: &[Words]) -> Vec<Span> {
    words
        .iter()
        .map(|w| match w.kind {
            WordsKind::Same => Span::plain(w.text.clone()),
            WordsKind::Inserted => bold(&format!("[added: {}]", w.text.trim())),
            WordsKind::Deleted => italic(&format!("[deleted: {}]", w.text.trim())),
        })
        .collect()
}

/// A table of the records' changes: one row per changed field.
fn records(list: &[RecordChange], what: &str) -> Vec<DocBlock> {
    if list.is_empty() {
        return vec![para(vec![Span::plain(format!(
            "No {} changed.",
            what.to_lowercase() + "s"
        ))])];
    }
    let mut rows = vec![vec![
        DocCell::text(what, true),
        DocCell::text("Change", true),
        DocCell::text("Field", true),
        DocCell::text("Was", true),
        DocCell::text("Is", true),
    ]];
    for r in list {
        let change = match r.change {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Moved => "moved",
            Change::Changed => "changed",
        };
        if r.fields.is_empty() {
            rows.push(vec![
                DocCell::text(&r.name, false),
                DocCell::text(change, false),
                DocCell::text("", false),
                DocCell::text("", false),
                DocCell::text("", false),
            ]);
        }
        for f in &r.fields {
            rows.push(vec![
                DocCell::text(&r.name, false),
                DocCell::text(change, false),
                DocCell::text(&f.field, false),
                DocCell::text(&f.from, false),
                DocCell::text(&f.to, false),
            ]);
        }
    }
    vec![DocBlock::Table(DocTable {
        caption: None,
        header_rows: 1,
        rows,
    })]
}
