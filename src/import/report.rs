//! A committee report's section typed or pasted as text: paragraphs
//! parted by blank lines; a paragraph that starts with a number ("1.",
//! "16.", "2.1") is a numbered paragraph, numbered again by the report's
//! template; lines starting "•", "·", "-" or "*" are a bulleted list.

use crate::model::{Block, Inline, ListItem, Marks};

/// The most blocks a section's text makes; the rest joins the last.
const MAX_BLOCKS: usize = 5_000;

/// The blocks of a section's text.
pub fn section_blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    for para in text.split("\n\n") {
        let lines: Vec<&str> = para
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let mut prose: Vec<&str> = Vec::new();
        let mut items: Vec<String> = Vec::new();
        for line in lines {
            match bullet(line) {
                Some(item) => {
                    flush_prose(&mut prose, &mut out);
                    items.push(item.to_owned());
                }
                None if !items.is_empty() && prose.is_empty() && out.len() < MAX_BLOCKS => {
                    // A line after a bullet without its own mark: the
                    // items end and prose follows.
                    flush_items(&mut items, &mut out);
                    prose.push(line);
                }
                None => prose.push(line),
            }
        }
        flush_items(&mut items, &mut out);
        flush_prose(&mut prose, &mut out);
    }
    if out.len() > MAX_BLOCKS {
        out.truncate(MAX_BLOCKS);
    }
    out
}

fn text(t: &str) -> Vec<Inline> {
    vec![Inline::Text {
        text: t.to_owned(),
        marks: Marks::default(),
    }]
}

fn flush_items(items: &mut Vec<String>, out: &mut Vec<Block>) {
    if items.is_empty() {
        return;
    }
    out.push(Block::BulletList {
        items: items
            .drain(..)
            .map(|i| ListItem {
                blocks: vec![Block::Paragraph {
                    numbered: false,
                    content: text(&i),
                }],
            })
            .collect(),
    });
}

fn flush_prose(prose: &mut Vec<&str>, out: &mut Vec<Block>) {
    if prose.is_empty() {
        return;
    }
    let joined = prose.join(" ");
    prose.clear();
    let (numbered, rest) = match paragraph_number(&joined) {
        Some(rest) => (true, rest),
        None => (false, joined.as_str()),
    };
    out.push(Block::Paragraph {
        numbered,
        content: text(rest),
    });
}

/// The text after a bullet mark.
fn bullet(line: &str) -> Option<&str> {
    let rest = line.strip_prefix(['•', '·', '-', '*', '–'])?.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// The text after a paragraph number: "16. To note" → "To note", "2.1 To
/// approve" → "To approve".
pub fn paragraph_number(p: &str) -> Option<&str> {
    let digits_end = p.find(|c: char| !c.is_ascii_digit() && c != '.')?;
    let (num, rest) = p.split_at(digits_end);
    let ok = !num.is_empty()
        && num.len() <= 12
        && num.starts_with(|c: char| c.is_ascii_digit())
        && (num.contains('.'))
        && rest.starts_with(char::is_whitespace);
    ok.then(|| rest.trim_start()).filter(|r| !r.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { numbered, .. } => {
                    format!("p{}", if *numbered { "#" } else { "" })
                }
                Block::BulletList { items } => format!("ul{}", items.len()),
                _ => "?".into(),
            })
            .collect()
    }

    #[test]
    fn numbers_start_numbered_paragraphs_and_marks_start_bullets() {
        let b = section_blocks(
            "16. To note the report.\n\n17. To support\nthe tasks.\n\nIt is expected that…\n\n\
             · Secure health\n· Safeguard\nThese objectives are underpinned.\n\n2.1 To approve.",
        );
        assert_eq!(kinds(&b), ["p#", "p#", "p", "ul2", "p", "p#"]);
        let Block::Paragraph { content, .. } = &b[1] else {
            panic!()
        };
        assert_eq!(content, &text("To support the tasks."));
    }

    #[test]
    fn a_year_or_a_sum_is_no_paragraph_number() {
        for t in ["2008 was a year.", "£34 million.", "5 principles", "12."] {
            let b = section_blocks(t);
            assert_eq!(kinds(&b), ["p"], "{t}");
        }
    }
}
