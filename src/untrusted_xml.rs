//! XML from someone else's file (a Word document to import, a Word
//! template), parsed by roxmltree with bounds. roxmltree refuses DTDs, so
//! no entity expands; but it parses each element's content by recursion,
//! so elements nested tens of thousands deep would overflow the stack and
//! abort the app. The nesting is measured first, in one pass with no
//! recursion, and a part nested deeper than [`MAX_DEPTH`] is refused.

use roxmltree::Document;

/// The deepest nesting of elements parsed. Word writes a few dozen levels
/// at most (a picture in a table in a table is some 30).
pub const MAX_DEPTH: usize = 256;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum XmlError {
    /// Read after the part's name: "its styles part nests elements…".
    #[error("nests elements more than {MAX_DEPTH} deep")]
    TooDeep,
    #[error("{0}")]
    Damaged(String),
}

/// Parses `text` once its nesting is known to be within [`MAX_DEPTH`].
pub fn parse(text: &str) -> Result<Document<'_>, XmlError> {
    if depth(text.as_bytes()) > MAX_DEPTH {
        return Err(XmlError::TooDeep);
    }
    Document::parse(text).map_err(|e| XmlError::Damaged(e.to_string()))
}

/// The deepest nesting of elements in `xml`, counted from its tags: `<a>`
/// opens, `</a>` closes, `<a/>` does neither; comments, processing
/// instructions, CDATA and declarations are passed over, and quoted
/// attribute values may hold `>`. Malformed text is counted as it comes
/// (the parser refuses it after); the count never goes below nought.
fn depth(xml: &[u8]) -> usize {
    let (mut at, mut now, mut max) = (0, 0usize, 0);
    let find = |from: usize, what: &[u8]| {
        xml[from..]
            .windows(what.len())
            .position(|w| w == what)
            .map_or(xml.len(), |p| from + p + what.len())
    };
    while let Some(p) = xml[at..].iter().position(|b| *b == b'<') {
        at += p + 1;
        match xml.get(at) {
            Some(b'/') => {
                now = now.saturating_sub(1);
                at = find(at, b">");
            }
            Some(b'?') => at = find(at, b"?>"),
            Some(b'!') if xml[at..].starts_with(b"!--") => at = find(at, b"-->"),
            Some(b'!') if xml[at..].starts_with(b"![CDATA[") => at = find(at, b"]]>"),
            Some(b'!') => at = find(at, b">"),
            _ => {
                // An open tag: to its '>', past quoted values.
                let mut quote = None;
                let mut end = xml.len();
                let mut i = at;
                while i < xml.len() {
                    match (quote, xml[i]) {
                        (None, q @ (b'"' | b'\'')) => quote = Some(q),
                        (Some(q), c) if c == q => quote = None,
                        (None, b'>') => {
                            end = i;
                            break;
                        }
                        _ => {}
                    }
                    i += 1;
                }
                if end == xml.len() || xml[end - 1] != b'/' {
                    now += 1;
                    max = max.max(now);
                }
                at = (end + 1).min(xml.len());
            }
        }
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_from_the_tags() {
        assert_eq!(depth(b"<a><b/><c x='>'><d></d></c></a>"), 3);
        assert_eq!(
            depth(b"<?xml version='1.0'?><!-- <x><y> --><a><![CDATA[<z>]]></a>"),
            1
        );
        assert_eq!(depth(b"</a></a><a>"), 1);
        assert_eq!(depth(b""), 0);
    }

    #[test]
    fn a_part_nested_past_the_bound_is_refused_not_parsed() {
        let deep = format!("{}{}", "<p>".repeat(100_000), "</p>".repeat(100_000));
        assert_eq!(parse(&deep).err(), Some(XmlError::TooDeep));
        let fine = format!("{}{}", "<p>".repeat(MAX_DEPTH), "</p>".repeat(MAX_DEPTH));
        assert!(parse(&fine).is_ok());
        assert!(matches!(parse("<a>"), Err(XmlError::Damaged(_))));
    }
}
