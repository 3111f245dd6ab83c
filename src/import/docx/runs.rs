//! A paragraph's content: its runs' text with their bold, italic and
//! links, footnote marks, and pictures made figures.

use roxmltree::Node;

use super::package::{bytes_of, child, is, on, package_path, A, R, W, WP};
use super::{Reader, MAX_PICTURE_BYTES};
use crate::import::inline::{mark_last_word, push_text};
use crate::import::Picture;
use crate::model::{Block, Inline, Marks};

/// How far up a run's properties, its link or a picture's drawing are
/// looked for: Word puts them a level or two up, and a file nested deeper
/// on purpose costs no more than this for each of its texts.
const MAX_ANCESTORS: usize = 16;

impl Reader<'_> {
    /// A paragraph's inlines, the footnotes it refers to, and the figures
    /// its pictures make (when `pictures`: a footnote's are left out).
    pub(super) fn inlines(
        &mut self,
        p: Node<'_, '_>,
        pictures: bool,
    ) -> (Vec<Inline>, Vec<String>, Vec<Block>) {
        let mut out: Vec<Inline> = Vec::new();
        let mut notes = Vec::new();
        let mut figures = Vec::new();
        for n in p.descendants().filter(Node::is_element) {
            let name = n.tag_name().name();
            if pictures && n.tag_name().namespace() == Some(WP) && name == "docPr" {
                figures.extend(self.figure(n));
                continue;
            }
            if n.tag_name().namespace() != Some(W) {
                continue;
            }
            match name {
                "t" => {
                    let text = n.text().unwrap_or("");
                    if !text.is_empty() {
                        push_text(&mut out, text, self.marks(n));
                    }
                }
                "tab" if n.parent().is_some_and(|r| is(&r, "r")) => {
                    push_text(&mut out, "\t", self.marks(n))
                }
                // A page or column break is no line of the text.
                "br" | "cr" if n.attribute((W, "type")).is_none_or(|t| t == "textWrapping") => {
                    out.push(Inline::HardBreak)
                }
                "noBreakHyphen" => push_text(&mut out, "-", self.marks(n)),
                "footnoteReference" => {
                    if let Some(id) = n.attribute((W, "id")) {
                        let id = format!("fn{id}");
                        mark_last_word(&mut out, &id);
                        notes.push(id);
                    }
                }
                _ => {}
            }
        }
        (out, notes, figures)
    }

    /// The marks of the text in `n`: its run's bold and italic, and the
    /// link it is in.
    pub(super) fn marks(&self, n: Node<'_, '_>) -> Marks {
        let mut marks = Marks::default();
        if let Some(rpr) = n
            .ancestors()
            .take(MAX_ANCESTORS)
            .find(|a| is(a, "r"))
            .and_then(|r| child(r, "rPr"))
        {
            marks.bold = on(child(rpr, "b"));
            marks.italic = on(child(rpr, "i"));
        }
        marks.link = n
            .ancestors()
            .take(MAX_ANCESTORS)
            .find(|a| is(a, "hyperlink"))
            .and_then(|h| h.attribute((R, "id")))
            .and_then(|id| self.rels.get(id))
            .filter(|(target, external)| {
                *external
                    && (target.starts_with("https://")
                        || target.starts_with("http://")
                        || target.starts_with("mailto:"))
            })
            .map(|(target, _)| target.clone());
        marks
    }

    /// The figure a picture (its wp:docPr) makes: its description is the
    /// alt text. A picture that is not PNG or JPEG, or is missing, keeps
    /// its description as a paragraph and is named in the report.
    pub(super) fn figure(&mut self, doc_pr: Node<'_, '_>) -> Option<Block> {
        let alt = [doc_pr.attribute("descr"), doc_pr.attribute("title")]
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|a| !a.is_empty())
            .map(str::to_owned);
        let name = doc_pr.attribute("name").unwrap_or("picture").to_owned();
        let drawing = doc_pr
            .ancestors()
            .take(MAX_ANCESTORS)
            .find(|a| is(a, "drawing"))?;
        let target = drawing
            .descendants()
            .find(|d| d.tag_name().namespace() == Some(A) && d.tag_name().name() == "blip")
            .and_then(|b| b.attribute((R, "embed")))
            .and_then(|id| self.rels.get(id))
            .filter(|(_, external)| !external)
            .map(|(t, _)| t.clone());
        let line = self.line - 1;
        let path = target.as_deref().map(package_path);
        // A part shown before is not read again.
        if let Some(id) = path.as_ref().and_then(|p| self.picture_paths.get(p)) {
            return Some(Block::Figure {
                asset: id.clone(),
                alt: alt.unwrap_or(name),
                caption: None,
            });
        }
        // The picture and its id, or why it is not kept.
        let read = match &path {
            Some(path) => {
                let left = MAX_PICTURE_BYTES.saturating_sub(self.picture_bytes);
                match bytes_of(
                    &mut self.zip,
                    path,
                    left.min(crate::picture::MAX_FILE_BYTES),
                ) {
                    Ok(Some(d)) => match crate::store::assets::id_for(&d) {
                        Some(id) => Ok((d, id)),
                        None => Err("is not a PNG or JPEG picture".to_owned()),
                    },
                    Ok(None) => Err("is missing from the file".to_owned()),
                    Err(e) => Err(e.to_string()),
                }
            }
            None => Err("is linked, not in the file".to_owned()),
        };
        let (data, id) = match read {
            Ok(read) => read,
            Err(why) => {
                let alt = alt.unwrap_or_else(|| name.clone());
                self.p.note(
                    line,
                    format!(
                        "the picture \"{}\" {why}; its description is kept as a paragraph",
                        crate::import::clip(&alt)
                    ),
                );
                return Some(Block::Paragraph {
                    numbered: false,
                    content: vec![Inline::Text {
                        text: format!("[Picture: {alt}]"),
                        marks: Marks::default(),
                    }],
                });
            }
        };
        self.picture_bytes += data.len() as u64;
        if let Some(path) = path {
            self.picture_paths.insert(path, id.clone());
        }
        let alt = match alt {
            Some(a) => a,
            None => {
                self.p.note(
                    line,
                    format!("the picture \"{name}\" has no description; its alt text is its name, to be written"),
                );
                name.clone()
            }
        };
        // Each picture once, however many figures show it.
        if self.picture_ids.insert(id.clone()) {
            self.pictures.push(Picture { name, data });
        }
        Some(Block::Figure {
            asset: id,
            alt,
            caption: None,
        })
    }
}

/// Tabs become spaces, and the paragraph's ends are trimmed.
pub(super) fn trim_inlines(content: &mut Vec<Inline>) {
    for i in content.iter_mut() {
        if let Inline::Text { text, .. } = i {
            if text.contains('\t') {
                *text = text.replace('\t', " ");
            }
        }
    }
    while matches!(content.last(), Some(Inline::HardBreak)) {
        content.pop();
    }
    if let Some(Inline::Text { text, .. }) = content.first_mut() {
        let t = text.trim_start();
        if t.len() != text.len() {
            *text = t.to_owned();
        }
    }
    if let Some(Inline::Text { text, .. }) = content.last_mut() {
        text.truncate(text.trim_end().len());
    }
    content.retain(|i| !matches!(i, Inline::Text { text, .. } if text.is_empty()));
}
