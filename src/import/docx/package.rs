//! A .docx package: its parts, read from the zip with bounds and parsed by
//! roxmltree, and the few questions asked of WordprocessingML's elements.

use std::collections::HashMap;
use std::io::Read as _;

use roxmltree::{Document, Node};

use super::ImportError;
use crate::untrusted_xml::XmlError;

/// The largest part unpacked (the document's text, its styles, …).
pub(super) const MAX_PART_BYTES: u64 = 64 << 20;

/// The most entries a package may have.
pub(super) const MAX_ENTRIES: usize = 10_000;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub(super) const STRICT_W: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

pub(super) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

pub(super) const WP: &str =
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

pub(super) const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";

pub(super) type Zip<'a> = zip::ZipArchive<std::io::Cursor<&'a [u8]>>;

pub(super) fn not_word(why: impl Into<String>) -> ImportError {
    ImportError::NotWord(why.into())
}

pub(super) fn part(zip: &mut Zip<'_>, name: &str) -> Result<Option<String>, ImportError> {
    let Some(bytes) = bytes_of(zip, name, MAX_PART_BYTES)? else {
        return Ok(None);
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| ImportError::DamagedWord(format!("its {name} is not UTF-8 text")))?;
    Ok(Some(text.trim_start_matches('\u{FEFF}').to_owned()))
}

pub(super) fn bytes_of(
    zip: &mut Zip<'_>,
    name: &str,
    max: u64,
) -> Result<Option<Vec<u8>>, ImportError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(ImportError::DamagedWord(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportError::DamagedWord(format!("{name}: {e}")))?;
    if bytes.len() as u64 > max {
        return Err(ImportError::DamagedWord(format!(
            "its {name} is larger than {} MB unpacked",
            max >> 20
        )));
    }
    Ok(Some(bytes))
}

pub(super) fn parse<'a>(text: &'a str, name: &str) -> Result<Document<'a>, ImportError> {
    crate::untrusted_xml::parse(text).map_err(|e| match e {
        XmlError::TooDeep => ImportError::DamagedWord(format!("its {name} {e}")),
        XmlError::Damaged(why) => {
            ImportError::DamagedWord(format!("its {name} is damaged ({why})"))
        }
    })
}

pub(super) fn is(n: &Node<'_, '_>, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

pub(super) fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

pub(super) fn val<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute((W, "val"))
}

/// A toggle property (w:b, w:i): on unless its value says off.
pub(super) fn on(n: Option<Node<'_, '_>>) -> bool {
    n.is_some_and(|n| !matches!(val(n), Some("0" | "false" | "off")))
}

/// The relationships of the document: id to (target, external).
pub(super) fn rels(doc: &Document<'_>) -> HashMap<String, (String, bool)> {
    doc.root_element()
        .children()
        .filter(|n| n.is_element() && n.tag_name().name() == "Relationship")
        .filter_map(|n| {
            Some((
                n.attribute("Id")?.to_owned(),
                (
                    n.attribute("Target")?.to_owned(),
                    n.attribute("TargetMode") == Some("External"),
                ),
            ))
        })
        .collect()
}

/// A relationship's target as a path in the package ("media/image1.png"
/// is "word/media/image1.png"; "/word/…" is from the root).
pub(super) fn package_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => {
            let mut parts: Vec<&str> = vec!["word"];
            for seg in target.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            parts.join("/")
        }
    }
}
