//! ProseMirror JSON (the editor's document form) to typed blocks and back.
//!
//! The schema is closed: an unknown node type or mark is an error naming it
//! and where it was found, never silently dropped. Unknown *attributes* of a
//! known node (editor bookkeeping such as a cell's `colwidth`) are ignored.
//!
//! A document to be saved ([`parse_doc`]) must also keep within the limits
//! of [`check_block`]: text length, cell spans and link addresses. A block
//! read back from a plan ([`parse_block`]) is not held to them, so a plan
//! from an older version or made by hand still opens and can be repaired;
//! compose and the exports bound what such a block holds.

use serde_json::{json, Map, Value};

use super::block::{
    Block, CalloutKind, DataQuery, Inline, ListItem, Marks, Table, TableCell, TableRow,
};
use super::error::BlockError;

/// The most characters one block's text may hold (a paragraph, heading or
/// footnote, or a caption, title, alt text or attribution): some 60 pages
/// of one unbroken word, far beyond any real paragraph.
pub const MAX_TEXT_CHARS: usize = 200_000;

/// The most columns, and rows, one table cell may span.
pub const MAX_SPAN: u32 = 64;

/// Whether a link may go to `href`: web pages and e-mail only. Any other
/// address (`javascript:`, `file:`, `data:`, a relative path) could run a
/// script or open a file on the reader's machine when clicked in a PDF.
pub fn link_allowed(href: &str) -> bool {
    let scheme = |s: &str| {
        href.len() > s.len() && href.as_bytes()[..s.len()].eq_ignore_ascii_case(s.as_bytes())
    };
    (scheme("http://") || scheme("https://") || scheme("mailto:"))
        && !href.chars().any(char::is_control)
}

/// `n` with its thousands grouped: "200,000".
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Text as a message may quote it: at most 80 characters, control
/// characters escaped.
pub(crate) fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().take(80).flat_map(char::escape_debug).collect();
    if text.chars().nth(80).is_some() {
        out.push('…');
    }
    out
}

/// Parses a whole section document `{"type":"doc","content":[…]}`, to be
/// saved: each block must also keep within the limits of [`check_block`].
pub fn parse_doc(doc: &Value) -> Result<Vec<Block>, BlockError> {
    let obj = as_node(doc, "document")?;
    let ty = node_type(obj, "document")?;
    if ty != "doc" {
        return Err(BlockError::new(
            "document",
            format!("expected a \"doc\" node, found \"{ty}\""),
        ));
    }
    children(obj, "document")?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let at = format!("block {}", i + 1);
            let block = parse_block(v, &at)?;
            check_block(&block, &at)?;
            Ok(block)
        })
        .collect()
}

/// Checks that a block keeps within what a saved block may hold: text of
/// at most [`MAX_TEXT_CHARS`], cells spanning at most [`MAX_SPAN`] columns
/// and rows, and links only to addresses [`link_allowed`]. `at` names the
/// block in errors as [`parse_block`] does ("block 3").
pub fn check_block(block: &Block, at: &str) -> Result<(), BlockError> {
    let nested = |blocks: &[Block], at: &str| {
        blocks
            .iter()
            .enumerate()
            .try_for_each(|(i, b)| check_block(b, &format!("{at}, part {}", i + 1)))
    };
    match block {
        Block::Heading { content, .. } => check_inlines(content, at, "heading", "shorten it"),
        Block::Paragraph { content, .. } => {
            check_inlines(content, at, "paragraph", "split it into shorter paragraphs")
        }
        Block::Footnote { content, .. } => check_inlines(content, at, "footnote", "shorten it"),
        Block::BulletList { items } | Block::OrderedList { items, .. } => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| nested(&item.blocks, &format!("{at}, item {}", i + 1))),
        Block::Quote {
            attribution,
            blocks,
        } => {
            check_text(attribution.as_deref(), at, "attribution")?;
            nested(blocks, at)
        }
        Block::Callout { title, blocks, .. } => {
            check_text(title.as_deref(), at, "title")?;
            nested(blocks, at)
        }
        Block::Table(t) => {
            check_text(t.caption.as_deref(), at, "caption")?;
            for (r, row) in t.rows.iter().enumerate() {
                for (c, cell) in row.cells.iter().enumerate() {
                    let cell_at = format!("{at}, row {}, cell {}", r + 1, c + 1);
                    for (name, span, what) in [
                        ("colspan", cell.colspan, "columns"),
                        ("rowspan", cell.rowspan, "rows"),
                    ] {
                        if span > MAX_SPAN {
                            return Err(BlockError::new(
                                &cell_at,
                                format!("{name} {span} is more than the {MAX_SPAN} {what} a cell may span"),
                            ));
                        }
                    }
                    nested(&cell.blocks, &cell_at)?;
                }
            }
            Ok(())
        }
        Block::Figure { alt, caption, .. } => {
            check_text(Some(alt), at, "alt text")?;
            check_text(caption.as_deref(), at, "caption")
        }
        Block::PageBreak | Block::Data(_) => Ok(()),
    }
}

fn check_inlines(content: &[Inline], at: &str, what: &str, advice: &str) -> Result<(), BlockError> {
    let mut chars = 0;
    for (i, inline) in content.iter().enumerate() {
        let Inline::Text { text, marks } = inline else {
            continue;
        };
        chars += text.chars().count();
        if let Some(href) = &marks.link {
            if !link_allowed(href) {
                return Err(BlockError::new(
                    &format!("{at}, inline {}", i + 1),
                    format!(
                        "the link to “{}” is not allowed: a link must be an http://, https:// or mailto: address",
                        excerpt(href)
                    ),
                ));
            }
        }
    }
    if chars > MAX_TEXT_CHARS {
        return Err(BlockError::new(
            at,
            format!(
                "this {what} has {} characters, more than the {} a block may hold; {advice}",
                grouped(chars),
                grouped(MAX_TEXT_CHARS)
            ),
        ));
    }
    Ok(())
}

fn check_text(text: Option<&str>, at: &str, what: &str) -> Result<(), BlockError> {
    let chars = text.map_or(0, |t| t.chars().count());
    if chars > MAX_TEXT_CHARS {
        return Err(BlockError::new(
            at,
            format!(
                "the {what} has {} characters, more than the {} it may hold; shorten it",
                grouped(chars),
                grouped(MAX_TEXT_CHARS)
            ),
        ));
    }
    Ok(())
}

/// Builds the section document from its blocks.
pub fn to_doc(blocks: &[Block]) -> Value {
    json!({"type": "doc", "content": blocks.iter().map(block_to_json).collect::<Vec<_>>()})
}

/// Parses one top-level block node. `at` names it in errors ("block 3").
pub fn parse_block(v: &Value, at: &str) -> Result<Block, BlockError> {
    let obj = as_node(v, at)?;
    let ty = node_type(obj, at)?;
    let attrs = Attrs::of(obj, at)?;
    let block = match ty {
        "heading" => {
            let level = attrs.uint("level")?.unwrap_or(1);
            if !(1..=3).contains(&level) {
                return Err(BlockError::new(
                    at,
                    format!("heading level {level} is not 1, 2 or 3"),
                ));
            }
            Block::Heading {
                level: level as u8,
                content: parse_inlines(obj, at)?,
            }
        }
        "paragraph" => Block::Paragraph {
            numbered: attrs.bool("numbered")?.unwrap_or(false),
            content: parse_inlines(obj, at)?,
        },
        "bulletList" => Block::BulletList {
            items: parse_items(obj, at)?,
        },
        "orderedList" => Block::OrderedList {
            start: attrs.uint("start")?.unwrap_or(1) as u32,
            items: parse_items(obj, at)?,
        },
        "blockquote" => Block::Quote {
            attribution: attrs.text("attribution")?,
            blocks: parse_nested(obj, at, &["paragraph", "bulletList", "orderedList"])?,
        },
        "callout" => {
            let kind = attrs
                .text("kind")?
                .ok_or_else(|| BlockError::new(at, "callout has no kind"))?;
            let callout = CalloutKind::parse(&kind).ok_or_else(|| {
                BlockError::new(
                    at,
                    format!(
                        "unknown callout kind \"{kind}\" (expected case_study, next_steps or info)"
                    ),
                )
            })?;
            Block::Callout {
                callout,
                title: attrs.text("title")?,
                blocks: parse_nested(
                    obj,
                    at,
                    &["paragraph", "bulletList", "orderedList", "blockquote"],
                )?,
            }
        }
        "table" => Block::Table(parse_table(obj, &attrs, at)?),
        "figure" => {
            let asset = attrs
                .text("asset")?
                .ok_or_else(|| BlockError::new(at, "figure has no image"))?;
            let alt = attrs.text("alt")?.ok_or_else(|| {
                BlockError::new(
                    at,
                    "figure has no alt text; describe the image for readers who cannot see it",
                )
            })?;
            Block::Figure {
                asset,
                alt,
                caption: attrs.text("caption")?,
            }
        }
        "footnote" => {
            let id = attrs
                .text("id")?
                .ok_or_else(|| BlockError::new(at, "footnote has no id"))?;
            Block::Footnote {
                id,
                content: parse_inlines(obj, at)?,
            }
        }
        "pageBreak" => Block::PageBreak,
        "dataBlock" => Block::Data(parse_data_query(obj, at)?),
        "listItem" | "tableRow" | "tableCell" | "tableHeader" | "text" | "hardBreak" | "doc" => {
            return Err(BlockError::new(at, format!("\"{ty}\" cannot stand here")));
        }
        other => {
            return Err(BlockError::new(
                at,
                format!("unknown node type \"{other}\""),
            ))
        }
    };
    Ok(block)
}

fn parse_items(obj: &Map<String, Value>, at: &str) -> Result<Vec<ListItem>, BlockError> {
    let kids = children(obj, at)?;
    if kids.is_empty() {
        return Err(BlockError::new(at, "list has no items"));
    }
    kids.iter()
        .enumerate()
        .map(|(i, v)| {
            let item_at = format!("{at}, item {}", i + 1);
            let item = as_node(v, &item_at)?;
            let ty = node_type(item, &item_at)?;
            if ty != "listItem" {
                return Err(BlockError::new(
                    &item_at,
                    format!("expected \"listItem\", found \"{ty}\""),
                ));
            }
            let blocks = parse_nested(item, &item_at, &["paragraph", "bulletList", "orderedList"])?;
            if !matches!(blocks.first(), Some(Block::Paragraph { .. })) {
                return Err(BlockError::new(
                    &item_at,
                    "a list item must start with a paragraph",
                ));
            }
            Ok(ListItem { blocks })
        })
        .collect()
}

/// Parses child blocks, allowing only the given node types.
fn parse_nested(
    obj: &Map<String, Value>,
    at: &str,
    allowed: &[&str],
) -> Result<Vec<Block>, BlockError> {
    children(obj, at)?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let child_at = format!("{at}, part {}", i + 1);
            let ty = node_type(as_node(v, &child_at)?, &child_at)?;
            if !allowed.contains(&ty) && is_known_block(ty) {
                return Err(BlockError::new(
                    &child_at,
                    format!("\"{ty}\" cannot stand here"),
                ));
            }
            parse_block(v, &child_at)
        })
        .collect()
}

fn is_known_block(ty: &str) -> bool {
    matches!(
        ty,
        "heading"
            | "paragraph"
            | "bulletList"
            | "orderedList"
            | "blockquote"
            | "callout"
            | "table"
            | "figure"
            | "footnote"
            | "pageBreak"
            | "dataBlock"
    )
}

fn parse_table(obj: &Map<String, Value>, attrs: &Attrs, at: &str) -> Result<Table, BlockError> {
    let rows = children(obj, at)?
        .iter()
        .enumerate()
        .map(|(r, v)| {
            let row_at = format!("{at}, row {}", r + 1);
            let row = as_node(v, &row_at)?;
            let ty = node_type(row, &row_at)?;
            if ty != "tableRow" {
                return Err(BlockError::new(
                    &row_at,
                    format!("expected \"tableRow\", found \"{ty}\""),
                ));
            }
            let cells = children(row, &row_at)?
                .iter()
                .enumerate()
                .map(|(c, v)| {
                    let cell_at = format!("{row_at}, cell {}", c + 1);
                    let cell = as_node(v, &cell_at)?;
                    let header = match node_type(cell, &cell_at)? {
                        "tableHeader" => true,
                        "tableCell" => false,
                        other => {
                            return Err(BlockError::new(
                                &cell_at,
                                format!(
                                    "expected \"tableCell\" or \"tableHeader\", found \"{other}\""
                                ),
                            ))
                        }
                    };
                    let cell_attrs = Attrs::of(cell, &cell_at)?;
                    Ok(TableCell {
                        header,
                        colspan: cell_attrs.uint("colspan")?.unwrap_or(1).max(1) as u32,
                        rowspan: cell_attrs.uint("rowspan")?.unwrap_or(1).max(1) as u32,
                        blocks: parse_nested(
                            cell,
                            &cell_at,
                            &["paragraph", "bulletList", "orderedList"],
                        )?,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            if cells.is_empty() {
                return Err(BlockError::new(&row_at, "table row has no cells"));
            }
            Ok(TableRow { cells })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() {
        return Err(BlockError::new(at, "table has no rows"));
    }
    Ok(Table {
        caption: attrs.text("caption")?,
        rows,
    })
}

fn parse_data_query(obj: &Map<String, Value>, at: &str) -> Result<DataQuery, BlockError> {
    let attrs = Attrs::of(obj, at)?;
    let source = attrs.text("source")?.ok_or_else(|| {
        BlockError::new(
            at,
            "data block has no source (actions, indicators or indicator_chart)",
        )
    })?;
    let filter = attrs
        .map
        .and_then(|m| m.get("filter"))
        .cloned()
        .unwrap_or(Value::Null);
    let filter = if filter.is_null() { json!({}) } else { filter };
    let bad = |e: serde_json::Error| BlockError::new(at, format!("data block filter: {e}"));
    match source.as_str() {
        "actions" => Ok(DataQuery::Actions(
            serde_json::from_value(filter).map_err(bad)?,
        )),
        "indicators" => Ok(DataQuery::Indicators(
            serde_json::from_value(filter).map_err(bad)?,
        )),
        "indicator_chart" => Ok(DataQuery::IndicatorChart(
            serde_json::from_value(filter).map_err(bad)?,
        )),
        other => Err(BlockError::new(
            at,
            format!(
                "unknown data block source \"{other}\" (expected actions, indicators or indicator_chart)"
            ),
        )),
    }
}

fn parse_inlines(obj: &Map<String, Value>, at: &str) -> Result<Vec<Inline>, BlockError> {
    children(obj, at)?
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let in_at = format!("{at}, inline {}", i + 1);
            let node = as_node(v, &in_at)?;
            match node_type(node, &in_at)? {
                "text" => {
                    let text = node
                        .get("text")
                        .and_then(Value::as_str)
                        .ok_or_else(|| BlockError::new(&in_at, "text node has no text"))?;
                    if text.is_empty() {
                        return Err(BlockError::new(&in_at, "text node is empty"));
                    }
                    Ok(Inline::Text {
                        text: text.to_owned(),
                        marks: parse_marks(node, &in_at)?,
                    })
                }
                "hardBreak" => Ok(Inline::HardBreak),
                other if is_known_block(other) => Err(BlockError::new(
                    &in_at,
                    format!("\"{other}\" cannot stand inside text"),
                )),
                other => Err(BlockError::new(
                    &in_at,
                    format!("unknown node type \"{other}\""),
                )),
            }
        })
        .collect()
}

fn parse_marks(node: &Map<String, Value>, at: &str) -> Result<Marks, BlockError> {
    let mut marks = Marks::default();
    let list = match node.get("marks") {
        None | Some(Value::Null) => return Ok(marks),
        Some(Value::Array(a)) => a,
        Some(_) => return Err(BlockError::new(at, "\"marks\" is not a list")),
    };
    for m in list {
        let obj = as_node(m, at)?;
        let attrs = Attrs::of(obj, at)?;
        match node_type(obj, at)? {
            "bold" => marks.bold = true,
            "italic" => marks.italic = true,
            "link" => {
                let href = attrs
                    .text("href")?
                    .ok_or_else(|| BlockError::new(at, "link has no address"))?;
                marks.link = Some(href);
            }
            "footnoteRef" => {
                let id = attrs
                    .text("id")?
                    .ok_or_else(|| BlockError::new(at, "footnote reference has no id"))?;
                marks.footnote = Some(id);
            }
            other => return Err(BlockError::new(at, format!("unknown mark \"{other}\""))),
        }
    }
    Ok(marks)
}

fn as_node<'a>(v: &'a Value, at: &str) -> Result<&'a Map<String, Value>, BlockError> {
    v.as_object()
        .ok_or_else(|| BlockError::new(at, "expected a node (a JSON object)"))
}

fn node_type<'a>(obj: &'a Map<String, Value>, at: &str) -> Result<&'a str, BlockError> {
    obj.get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| BlockError::new(at, "node has no \"type\""))
}

fn children<'a>(obj: &'a Map<String, Value>, at: &str) -> Result<&'a [Value], BlockError> {
    match obj.get("content") {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(a)) => Ok(a),
        Some(_) => Err(BlockError::new(at, "\"content\" is not a list")),
    }
}

/// Typed access to a node's `attrs`, with errors that name the attribute.
struct Attrs<'a> {
    map: Option<&'a Map<String, Value>>,
    at: &'a str,
}

impl<'a> Attrs<'a> {
    fn of(obj: &'a Map<String, Value>, at: &'a str) -> Result<Self, BlockError> {
        match obj.get("attrs") {
            None | Some(Value::Null) => Ok(Attrs { map: None, at }),
            Some(Value::Object(m)) => Ok(Attrs { map: Some(m), at }),
            Some(_) => Err(BlockError::new(at, "\"attrs\" is not an object")),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.and_then(|m| m.get(key)).filter(|v| !v.is_null())
    }

    /// A string attribute; empty or blank strings count as absent.
    fn text(&self, key: &str) -> Result<Option<String>, BlockError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(BlockError::new(
                self.at,
                format!("attribute \"{key}\" is not text"),
            )),
        }
    }

    fn bool(&self, key: &str) -> Result<Option<bool>, BlockError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(BlockError::new(
                self.at,
                format!("attribute \"{key}\" is not true or false"),
            )),
        }
    }

    fn uint(&self, key: &str) -> Result<Option<u64>, BlockError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .filter(|n| *n <= u32::MAX as u64)
                .map(Some)
                .ok_or_else(|| {
                    BlockError::new(
                        self.at,
                        format!("attribute \"{key}\" is not a whole number"),
                    )
                }),
        }
    }
}

/// The canonical ProseMirror JSON of a block (what the store keeps).
pub fn block_to_json(b: &Block) -> Value {
    match b {
        Block::Heading { level, content } => {
            json!({"type": "heading", "attrs": {"level": level}, "content": inlines_to_json(content)})
        }
        Block::Paragraph { numbered, content } => {
            let mut v = json!({"type": "paragraph", "attrs": {"numbered": numbered}});
            if !content.is_empty() {
                v["content"] = inlines_to_json(content);
            }
            v
        }
        Block::BulletList { items } => {
            json!({"type": "bulletList", "content": items_to_json(items)})
        }
        Block::OrderedList { start, items } => {
            json!({"type": "orderedList", "attrs": {"start": start}, "content": items_to_json(items)})
        }
        Block::Quote {
            attribution,
            blocks,
        } => json!({
            "type": "blockquote",
            "attrs": {"attribution": attribution},
            "content": blocks.iter().map(block_to_json).collect::<Vec<_>>(),
        }),
        Block::Callout {
            callout,
            title,
            blocks,
        } => json!({
            "type": "callout",
            "attrs": {"kind": callout.as_str(), "title": title},
            "content": blocks.iter().map(block_to_json).collect::<Vec<_>>(),
        }),
        Block::Table(t) => json!({
            "type": "table",
            "attrs": {"caption": t.caption},
            "content": t.rows.iter().map(|r| json!({
                "type": "tableRow",
                "content": r.cells.iter().map(|c| json!({
                    "type": if c.header { "tableHeader" } else { "tableCell" },
                    "attrs": {"colspan": c.colspan, "rowspan": c.rowspan},
                    "content": c.blocks.iter().map(block_to_json).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }),
        Block::Figure {
            asset,
            alt,
            caption,
        } => {
            json!({"type": "figure", "attrs": {"asset": asset, "alt": alt, "caption": caption}})
        }
        Block::Footnote { id, content } => {
            json!({"type": "footnote", "attrs": {"id": id}, "content": inlines_to_json(content)})
        }
        Block::PageBreak => json!({"type": "pageBreak"}),
        Block::Data(q) => {
            let (source, filter) = match q {
                DataQuery::Actions(f) => ("actions", serde_json::to_value(f)),
                DataQuery::Indicators(f) => ("indicators", serde_json::to_value(f)),
                DataQuery::IndicatorChart(f) => ("indicator_chart", serde_json::to_value(f)),
            };
            // Filters are plain structs of strings and enums: serialising cannot fail.
            let filter = filter.unwrap_or_else(|_| json!({}));
            json!({"type": "dataBlock", "attrs": {"source": source, "filter": filter}})
        }
    }
}

fn items_to_json(items: &[ListItem]) -> Vec<Value> {
    items
        .iter()
        .map(|i| json!({"type": "listItem", "content": i.blocks.iter().map(block_to_json).collect::<Vec<_>>()}))
        .collect()
}

fn inlines_to_json(content: &[Inline]) -> Value {
    Value::Array(
        content
            .iter()
            .map(|i| match i {
                Inline::HardBreak => json!({"type": "hardBreak"}),
                Inline::Text { text, marks } => {
                    let mut v = json!({"type": "text", "text": text});
                    let mut m = Vec::new();
                    if marks.bold {
                        m.push(json!({"type": "bold"}));
                    }
                    if marks.italic {
                        m.push(json!({"type": "italic"}));
                    }
                    if let Some(href) = &marks.link {
                        m.push(json!({"type": "link", "attrs": {"href": href}}));
                    }
                    if let Some(id) = &marks.footnote {
                        m.push(json!({"type": "footnoteRef", "attrs": {"id": id}}));
                    }
                    if !m.is_empty() {
                        v["marks"] = Value::Array(m);
                    }
                    v
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Value {
        json!({"type":"paragraph","attrs":{"numbered":true},"content":[{"type":"text","text":text}]})
    }

    #[test]
    fn parses_a_numbered_paragraph_with_marks() {
        let v = json!({"type":"paragraph","attrs":{"numbered":true},"content":[
            {"type":"text","text":"Voice, ","marks":[{"type":"italic"},{"type":"bold"}]},
            {"type":"text","text":"choice","marks":[{"type":"link","attrs":{"href":"https://example.org","target":"_blank"}}]}
        ]});
        let b = parse_block(&v, "block 1").unwrap();
        let Block::Paragraph { numbered, content } = &b else {
            panic!("{b:?}")
        };
        assert!(numbered);
        assert_eq!(
            content[0],
            Inline::Text {
                text: "Voice, ".into(),
                marks: Marks {
                    bold: true,
                    italic: true,
                    ..Marks::default()
                }
            }
        );
        let Inline::Text { marks, .. } = &content[1] else {
            panic!()
        };
        assert_eq!(marks.link.as_deref(), Some("https://example.org"));
    }

    #[test]
    fn unknown_node_is_an_error_naming_it_and_where() {
        let doc =
            json!({"type":"doc","content":[para("a"), {"type":"mention","attrs":{"id":"x"}}]});
        let e = parse_doc(&doc).unwrap_err();
        assert_eq!(e.to_string(), "block 2: unknown node type \"mention\"");
    }

    #[test]
    fn unknown_mark_is_an_error() {
        let v = json!({"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"strike"}]}]});
        let e = parse_block(&v, "block 1").unwrap_err();
        assert_eq!(e.to_string(), "block 1, inline 1: unknown mark \"strike\"");
    }

    #[test]
    fn figure_without_alt_text_is_refused() {
        let v = json!({"type":"figure","attrs":{"asset":"a1","alt":"  "}});
        let e = parse_block(&v, "block 4").unwrap_err();
        assert!(
            e.to_string().starts_with("block 4: figure has no alt text"),
            "{e}"
        );
    }

    #[test]
    fn nested_list_items_and_tables_parse() {
        let v = json!({"type":"bulletList","content":[{"type":"listItem","content":[
            para("Improve physical health through:"),
            {"type":"bulletList","content":[{"type":"listItem","content":[para("health education")]}]}
        ]}]});
        let b = parse_block(&v, "b").unwrap();
        let Block::BulletList { items } = &b else {
            panic!()
        };
        assert!(matches!(items[0].blocks[1], Block::BulletList { .. }));

        let t = json!({"type":"table","attrs":{"caption":"Indicators"},"content":[
            {"type":"tableRow","content":[{"type":"tableHeader","content":[para("Code")]},{"type":"tableHeader","content":[para("Target")]}]},
            {"type":"tableRow","content":[{"type":"tableCell","attrs":{"colwidth":[120]},"content":[para("NI 117")]},{"type":"tableCell","content":[para("5%")]}]}
        ]});
        let Block::Table(table) = parse_block(&t, "b").unwrap() else {
            panic!()
        };
        assert_eq!(table.header_rows(), 1);
        assert_eq!(table.caption.as_deref(), Some("Indicators"));
    }

    #[test]
    fn list_item_must_not_hold_a_table() {
        let v = json!({"type":"bulletList","content":[{"type":"listItem","content":[
            para("x"), {"type":"table","content":[]}
        ]}]});
        let e = parse_block(&v, "block 1").unwrap_err();
        assert_eq!(
            e.to_string(),
            "block 1, item 1, part 2: \"table\" cannot stand here"
        );
    }

    #[test]
    fn data_block_filter_is_typed() {
        let v = json!({"type":"dataBlock","attrs":{"source":"actions","filter":{"framework":"dcsf_objectives","item":"2"}}});
        let b = parse_block(&v, "b").unwrap();
        assert_eq!(parse_block(&block_to_json(&b), "b").unwrap(), b);
        let bad =
            json!({"type":"dataBlock","attrs":{"source":"actions","filter":{"colour":"red"}}});
        let e = parse_block(&bad, "block 2").unwrap_err().to_string();
        assert!(e.contains("unknown field `colour`"), "{e}");
        let chart = json!({"type":"dataBlock","attrs":{"source":"indicator_chart","filter":{"code":"NI 50"}}});
        let b = parse_block(&chart, "b").unwrap();
        assert_eq!(block_to_json(&b), chart);
        let nameless = json!({"type":"dataBlock","attrs":{"source":"indicator_chart","filter":{}}});
        let e = parse_block(&nameless, "block 3").unwrap_err().to_string();
        assert!(e.contains("missing field `code`"), "{e}");
    }

    fn doc_of(block: Value) -> Value {
        json!({"type":"doc","content":[para("before"), block]})
    }

    fn cell_spanning(colspan: u64, rowspan: u64) -> Value {
        json!({"type":"table","content":[
            {"type":"tableRow","content":[{"type":"tableCell","attrs":{"colspan":1},"content":[para("a")]}]},
            {"type":"tableRow","content":[{"type":"tableCell","attrs":{"colspan":colspan,"rowspan":rowspan},"content":[para("b")]}]}
        ]})
    }

    #[test]
    fn a_cell_may_span_at_most_64_columns_and_rows() {
        assert!(parse_doc(&doc_of(cell_spanning(64, 64))).is_ok());
        let e = parse_doc(&doc_of(cell_spanning(4294967295, 1))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "block 2, row 2, cell 1: colspan 4294967295 is more than the 64 columns a cell may span"
        );
        let e = parse_doc(&doc_of(cell_spanning(1, 65))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "block 2, row 2, cell 1: rowspan 65 is more than the 64 rows a cell may span"
        );
    }

    fn linked(href: &str) -> Value {
        json!({"type":"paragraph","content":[
            {"type":"text","text":"see "},
            {"type":"text","text":"here","marks":[{"type":"link","attrs":{"href":href}}]}
        ]})
    }

    #[test]
    fn links_go_only_to_web_and_mail_addresses() {
        for ok in [
            "https://example.org/a?b=c#d",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
            "mailto:cyp@example.gov.uk",
        ] {
            assert!(parse_doc(&doc_of(linked(ok))).is_ok(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "/relative/path",
            "#_Toc123",
            "https://example.org/\u{0}x",
        ] {
            let e = parse_doc(&doc_of(linked(bad))).unwrap_err().to_string();
            assert!(
                e.starts_with("block 2, inline 2: the link to "),
                "{bad}: {e}"
            );
            assert!(
                e.ends_with(
                    "is not allowed: a link must be an http://, https:// or mailto: address"
                ),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn a_block_may_hold_at_most_200000_characters() {
        let long = |n: usize| {
            json!({"type":"paragraph","content":[
                {"type":"text","text":"x".repeat(n - 1)},
                {"type":"text","text":"é","marks":[{"type":"bold"}]}
            ]})
        };
        assert!(parse_doc(&doc_of(long(200_000))).is_ok());
        let e = parse_doc(&doc_of(long(200_001))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "block 2: this paragraph has 200,001 characters, more than the 200,000 a block may hold; split it into shorter paragraphs"
        );
        let in_list =
            json!({"type":"bulletList","content":[{"type":"listItem","content":[long(300_000)]}]});
        let e = parse_doc(&doc_of(in_list)).unwrap_err().to_string();
        assert!(
            e.starts_with("block 2, item 1, part 1: this paragraph has 300,000 characters"),
            "{e}"
        );
    }

    #[test]
    fn a_stored_block_beyond_the_limits_still_reads() {
        // An older or hand-made plan opens and exports; compose and the
        // PDF writer bound what it holds (see compose and export::pdf).
        for b in [cell_spanning(4294967295, 1), linked("javascript:alert(1)")] {
            assert!(parse_block(&b, "block 1").is_ok());
        }
    }
}
