//! A line's inline forms: `**bold**`, `*italic*` or `_italic_`,
//! `[text](https://…)` links and `[^1]` footnote marks. Anything that does
//! not close (a lone `*`, a bracket) stays as the text it was, so no word
//! is lost. One pass over the text: a mark looks at most 66 bytes ahead,
//! a link at most [`MAX_LINK`], and after [`MAX_MISSES`] brackets that
//! were no link a text stops looking, so a line of brackets from a
//! hostile file costs no more than a line of letters.

use crate::model::{Block, Inline, Marks};

/// How far a link's text and address may run, in bytes.
const MAX_LINK: usize = 2048;

/// Brackets that may turn out not to start a link before a text is read
/// as having none left.
const MAX_MISSES: usize = 64;

/// The inlines of `text`, with the footnote ids it refers to in order.
pub fn parse(text: &str) -> (Vec<Inline>, Vec<String>) {
    let mut out: Vec<Inline> = Vec::new();
    let mut notes = Vec::new();
    let mut misses = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let Some(at) = rest.find('[') else {
            emphasis(rest, None, &mut out);
            break;
        };
        emphasis(&rest[..at], None, &mut out);
        rest = &rest[at..];
        if let Some((id, len)) = footnote_ref(rest) {
            mark_last_word(&mut out, &id);
            notes.push(id);
            rest = &rest[len..];
        } else if let Some((label, href, len)) = (misses < MAX_MISSES).then(|| link(rest)).flatten()
        {
            emphasis(label, Some(href), &mut out);
            rest = &rest[len..];
        } else {
            misses += 1;
            push_text(&mut out, "[", Marks::default());
            rest = &rest[1..];
        }
    }
    (out, notes)
}

/// `[^id]` at the start of `s`: the id and the length of the mark.
fn footnote_ref(s: &str) -> Option<(String, usize)> {
    let body = s.strip_prefix("[^")?;
    let end = body[..floor_char(body, 65)].find(']').filter(|e| *e > 0)?;
    let id = &body[..end];
    id.chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        .then(|| (id.to_owned(), end + 3))
}

/// `[label](href)` at the start of `s`, for a web or mail address.
fn link(s: &str) -> Option<(&str, String, usize)> {
    let window = &s[..floor_char(s, MAX_LINK)];
    let close = window.find("](")?;
    let label = &window[1..close];
    let after = &window[close + 2..];
    let end = after.find(')')?;
    let href = after[..end].trim();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| href.to_ascii_lowercase().starts_with(p));
    (allowed && !label.trim().is_empty() && !href.contains(char::is_whitespace))
        .then(|| (label, href.to_owned(), close + 2 + end + 1))
}

/// The largest char boundary at or below `at`.
fn floor_char(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Text with `**`, `*` and `_` emphasis, all of it linked to `link` if
/// given. Markers that are left open at the end are kept as text.
fn emphasis(text: &str, link: Option<String>, out: &mut Vec<Inline>) {
    if text.is_empty() {
        return;
    }
    let base = Marks {
        link,
        ..Marks::default()
    };
    let mut runs: Vec<(String, bool, bool)> = vec![(String::new(), false, false)];
    let (mut bold, mut italic) = (false, false);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if c == '\\' && next.is_some_and(|n| "*_[]\\".contains(n)) {
            runs.last_mut().unwrap().0.push(next.unwrap());
            i += 2;
            continue;
        }
        let toggle = if c == '*' && next == Some('*') {
            Some((true, 2))
        } else if c == '*' || (c == '_' && !(word(prev) && word(next))) {
            Some((false, 1))
        } else {
            None
        };
        match toggle {
            Some((strong, len)) => {
                if strong {
                    bold = !bold;
                } else {
                    italic = !italic;
                }
                runs.push((String::new(), bold, italic));
                i += len;
            }
            None => {
                runs.last_mut().unwrap().0.push(c);
                i += 1;
            }
        }
    }
    // Unbalanced, emphasis of nothing ("a_*b"), or one emphasis closing
    // where the next opens ("*a*_b_"): the markers were the writer's text.
    let inner = runs.len().saturating_sub(1);
    let empty =
        runs.iter().enumerate().skip(1).any(|(n, (t, b, i))| {
            ((*b || *i) && t.trim().is_empty()) || (n < inner && t.is_empty())
        });
    if bold || italic || empty {
        push_text(out, text, base);
        return;
    }
    for (t, b, it) in runs {
        let marks = Marks {
            bold: b,
            italic: it,
            ..base.clone()
        };
        push_text(out, &t, marks);
    }
}

/// Appends text, joined to the last inline when its marks are the same.
pub(super) fn push_text(out: &mut Vec<Inline>, text: &str, marks: Marks) {
    if text.is_empty() {
        return;
    }
    if let Some(Inline::Text {
        text: last,
        marks: m,
    }) = out.last_mut()
    {
        if *m == marks {
            last.push_str(text);
            return;
        }
    }
    out.push(Inline::Text {
        text: text.to_owned(),
        marks,
    });
}

/// The text of `content`, a line break as "\n".
pub(super) fn plain_text(content: &[Inline]) -> String {
    content
        .iter()
        .map(|i| match i {
            Inline::Text { text, .. } => text.as_str(),
            Inline::HardBreak => "\n",
        })
        .collect()
}

/// The text of the paragraphs among `blocks`, joined by `between`.
pub(super) fn blocks_text(blocks: &[Block], between: &str) -> String {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content, .. } => Some(plain_text(content)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(between)
}

/// Puts footnote `id` on the last word written, as the editor marks the
/// text a note annotates; on a "*" of its own when nothing precedes it.
pub(super) fn mark_last_word(out: &mut Vec<Inline>, id: &str) {
    let noted = Marks {
        footnote: Some(id.to_owned()),
        ..Marks::default()
    };
    let (text, marks) = match out.last_mut() {
        Some(Inline::Text { text, marks })
            if marks.footnote.is_none() && !text.trim().is_empty() =>
        {
            (text, marks)
        }
        _ => {
            out.push(Inline::Text {
                text: "*".into(),
                marks: noted,
            });
            return;
        }
    };
    let trimmed = text.trim_end().len();
    let start = text[..trimmed]
        .rfind(char::is_whitespace)
        .map(|i| i + text[i..].chars().next().unwrap().len_utf8())
        .unwrap_or(0);
    let word = text[start..].to_owned();
    // The word keeps its own emphasis and link.
    let noted = Marks {
        footnote: noted.footnote,
        ..marks.clone()
    };
    text.truncate(start);
    if text.is_empty() {
        out.pop();
    }
    out.push(Inline::Text {
        text: word,
        marks: noted,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, bold, italic, link, footnote.
    type Flat = (String, bool, bool, Option<String>, Option<String>);

    fn flat(inlines: &[Inline]) -> Vec<Flat> {
        inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, marks } => (
                    text.clone(),
                    marks.bold,
                    marks.italic,
                    marks.link.clone(),
                    marks.footnote.clone(),
                ),
                Inline::HardBreak => ("\n".into(), false, false, None, None),
            })
            .collect()
    }

    #[test]
    fn emphasis_links_and_notes() {
        let (i, notes) =
            parse("We **will** act *now*, see [the plan](https://example.org/p) and 2008[^1].");
        assert_eq!(notes, ["1"]);
        assert_eq!(
            flat(&i),
            [
                ("We ".into(), false, false, None, None),
                ("will".into(), true, false, None, None),
                (" act ".into(), false, false, None, None),
                ("now".into(), false, true, None, None),
                (", see ".into(), false, false, None, None),
                (
                    "the plan".into(),
                    false,
                    false,
                    Some("https://example.org/p".into()),
                    None
                ),
                (" and ".into(), false, false, None, None),
                ("2008".into(), false, false, None, Some("1".into())),
                (".".into(), false, false, None, None),
            ]
        );
    }

    #[test]
    fn what_does_not_close_stays_as_written() {
        let text = |s: &str| -> String {
            parse(s)
                .0
                .iter()
                .map(|i| match i {
                    Inline::Text { text, .. } => text.clone(),
                    Inline::HardBreak => "\n".into(),
                })
                .collect()
        };
        assert_eq!(
            text("2 * 3 = 6 and snake_case_name"),
            "2 * 3 = 6 and snake_case_name"
        );
        assert_eq!(
            text("[a link](javascript:alert(1))"),
            "[a link](javascript:alert(1))"
        );
        assert_eq!(text("[^not a note] [x]"), "[^not a note] [x]");
        assert_eq!(text(r"\*not italic\*"), "*not italic*");
    }

    #[test]
    fn a_text_of_brackets_is_read_in_one_pass() {
        // Each bracket a candidate link or note that never closes: read
        // with bounded look-ahead, so this takes milliseconds, not the
        // hours a search to the end from every bracket would.
        let hostile = "[^a".repeat(100_000) + &"[x](".repeat(100_000);
        let (inlines, notes) = parse(&hostile);
        assert!(notes.is_empty());
        let chars: usize = inlines
            .iter()
            .map(|i| match i {
                Inline::Text { text, .. } => text.chars().count(),
                Inline::HardBreak => 1,
            })
            .sum();
        assert_eq!(chars, hostile.chars().count(), "every character kept");
    }
}
