//! Plain text as reports come out of Word and PDFs: "Chapter 3:" and
//! "Section 2" lines, short lines standing alone (or glued to their
//! paragraph) as section titles, page numbers, numbered points after a
//! colon, lettered points, and boxed passages ("Actions to be taken…",
//! case studies).

use std::collections::HashMap;

use super::{clip, inline, kind, paragraph_number, Flavour, Kind, Parser, MAX_COLUMNS, MAX_PARTS};
use crate::model::{Block, CalloutKind, ListItem, Table, TableCell, TableRow};

/// A line that recurs beside page numbers at least this often is a
/// running header or footer.
const RUNNING_TIMES: usize = 3;
/// The longest running header or footer.
const RUNNING_CHARS: usize = 100;
/// The longest attribution under a quote.
const ATTRIBUTION_CHARS: usize = 80;

/// "We will:• do this• do that": the line and each bullet glued to it, as
/// lines of their own. A bullet is "•" or "·" followed by a space, after
/// the line's first character.
pub(super) fn unglue_bullets(line: &str) -> Vec<&str> {
    let lead = line.len() - line.trim_start().len();
    let mut starts: Vec<usize> = line
        .char_indices()
        .filter(|(at, c)| {
            *at > lead && matches!(c, '•' | '·') && line[at + c.len_utf8()..].starts_with(' ')
        })
        .map(|(at, _)| at)
        .collect();
    if starts.is_empty() {
        return vec![line];
    }
    starts.insert(0, 0);
    starts.push(line.len());
    starts
        .windows(2)
        .map(|w| &line[w[0]..w[1]])
        .filter(|piece| !piece.trim().is_empty())
        .collect()
}

/// "¹" as '1': a superscript digit, as footnote marks come out of Word
/// and PDFs.
fn superscript(c: char) -> Option<char> {
    match c {
        '⁰' => Some('0'),
        '¹' => Some('1'),
        '²' => Some('2'),
        '³' => Some('3'),
        '⁴'..='⁹' => char::from_u32(c as u32 - '⁴' as u32 + '4' as u32),
        _ => None,
    }
}

/// A footnote's text as a PDF's text gives it: "¹ Office for National
/// Statistics". Its number and text.
fn note_line(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start();
    let id: String = t.chars().map_while(superscript).take(4).collect();
    let text = t[t
        .char_indices()
        .nth(id.chars().count())
        .map_or(t.len(), |(i, _)| i)..]
        .trim();
    (!id.is_empty() && !text.is_empty()).then_some((id, text))
}

/// Footnotes written with superscript numbers ("…as the census shows.¹"
/// and, lower down, "¹ Office for National Statistics, 2001."), rewritten
/// as Markdown's `[^1]` and `[^1]: …` so they are paired as Markdown's are.
/// Only numbers that some note's text carries are marks, and not after a
/// unit ("12 km²" stays); None when the file has no such notes.
pub(super) fn superscript_notes(lines: &[&str]) -> Option<Vec<String>> {
    let ids: std::collections::HashSet<String> = lines
        .iter()
        .filter_map(|l| note_line(l))
        .map(|(id, _)| id)
        .collect();
    if ids.is_empty() {
        return None;
    }
    let rewrite = |line: &str| -> String {
        if let Some((id, text)) = note_line(line) {
            return format!("[^{id}]: {text}");
        }
        let mut out = String::with_capacity(line.len() + 8);
        let mut chars = line.chars().peekable();
        let mut prev: Option<char> = None;
        while let Some(c) = chars.next() {
            if superscript(c).is_some() && prev.is_some_and(|p| !p.is_whitespace()) {
                let mut id: String = superscript(c).into_iter().collect();
                while let Some(d) = chars.peek().copied().and_then(superscript) {
                    id.push(d);
                    chars.next();
                }
                // The word the number follows, for units ("km²").
                let word: String = out
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let unit = ["m", "km", "cm", "mm", "ft", "mi"].contains(&word.as_str());
                if ids.contains(&id) && !unit {
                    out.push_str(&format!("[^{id}]"));
                } else {
                    out.extend(id.chars().filter_map(|d| {
                        ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']
                            .get(d.to_digit(10)? as usize)
                            .copied()
                    }));
                }
                prev = Some(c);
                continue;
            }
            out.push(c);
            prev = Some(c);
        }
        out
    };
    Some(lines.iter().map(|l| rewrite(l)).collect())
}

/// The paragraph after `label` ("1.1", "4."): "1.2", "5.".
fn next_label(label: &str) -> Option<String> {
    let dotted = label.ends_with('.');
    let parts: Vec<&str> = label.trim_end_matches('.').split('.').collect();
    let last: u32 = parts.last()?.parse().ok()?;
    let mut next = parts[..parts.len() - 1].join(".");
    if !next.is_empty() {
        next.push('.');
    }
    next.push_str(&(last + 1).to_string());
    if dotted {
        next.push('.');
    }
    Some(next)
}

/// A numbered paragraph's text (after its `label`) split where the next
/// numbers follow mid-line, each after a sentence's end and before a
/// capital ("…in 2006. 1.2 The CYPP…"): the texts, without their numbers.
pub(super) fn unglue_numbers<'a>(label: &str, text: &'a str) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    let mut label = label.to_owned();
    // Each split moves on through the text, so this ends.
    while let Some(next) = next_label(&label) {
        let needle = format!(" {next} ");
        let found = rest.match_indices(&needle).find(|(at, _)| {
            rest[..*at].ends_with(['.', '!', '?', ':', ';'])
                && rest[at + needle.len()..].starts_with(|c: char| c.is_uppercase())
        });
        let Some((at, _)) = found else {
            break;
        };
        pieces.push(rest[..at].trim());
        rest = &rest[at + needle.len()..];
        label = next;
    }
    pieces.push(rest.trim());
    pieces
}

/// Lines that recur beside page numbers ([`RUNNING_TIMES`] or more): a
/// document's running headers and footers, as a PDF's text gives them.
pub(super) fn running_lines(lines: &[&str]) -> HashMap<String, bool> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if !is_page_number(line) {
            continue;
        }
        let near = (i.saturating_sub(2)..i)
            .rev()
            .find(|n| !lines[*n].trim().is_empty())
            .into_iter()
            .chain((i + 1..lines.len().min(i + 3)).find(|n| !lines[*n].trim().is_empty()));
        for n in near {
            let t = lines[n].trim();
            if t.chars().count() <= RUNNING_CHARS && !is_page_number(t) {
                *seen.entry(t).or_default() += 1;
            }
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n >= RUNNING_TIMES)
        .map(|(t, _)| (t.to_owned(), false))
        .collect()
}

/// The cells of a line of a tab-separated table, not led by a tab (that is
/// a cell of Word's tables, one to a line): two or more.
fn tab_cells(line: &str) -> Option<Vec<&str>> {
    if line.starts_with(char::is_whitespace) || !line.contains('\t') {
        return None;
    }
    let cells: Vec<&str> = line
        .split('\t')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    (cells.len() >= 2).then_some(cells)
}

/// The most paragraphs a case study in plain text runs to.
const BOX_PARAGRAPHS: usize = 20;

/// "Chapter 3: Being Healthy", "Chapter 3 Being Healthy" (for `word`
/// "Chapter"): the title after the number.
pub(super) fn numbered_title<'a>(line: &'a str, word: &str) -> Option<&'a str> {
    let t = line.trim();
    let rest = t
        .strip_prefix(word)
        .or_else(|| t.strip_prefix(&word.to_uppercase()[..]))?;
    let rest = rest.strip_prefix(' ')?.trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let title = rest[digits..]
        .trim_start_matches([':', '.', ' ', '–', '-'])
        .trim();
    (!title.is_empty() && title.chars().count() <= 120).then_some(title)
}

/// A line that is a page's number: "12", "Page 12", "Page 3 of 40" (a
/// bare number of at most three digits, so a year alone is kept).
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let (t, max) = match t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")) {
        Some(rest) => (rest.trim(), 4),
        None => (t, 3),
    };
    let (n, of) = t.split_once(" of ").unwrap_or((t, "1"));
    [n.trim(), of.trim()]
        .iter()
        .all(|p| (1..=max).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// "4. Text": a plain paragraph number and the text after it.
pub(super) fn plain_number(text: &str) -> Option<&str> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    text[digits..].strip_prefix(". ").map(str::trim_start)
}

/// Whether the numbered line `i` is a list's first item by what comes
/// before it: "1." after a line that ends with a colon ("The plan must
/// contain:"), however long the item.
pub(super) fn introduces_list(lines: &[&str], i: usize) -> bool {
    matches!(
        kind(lines[i]),
        Kind::Item {
            ordered: Some(1),
            ..
        }
    ) && (0..i)
        .rev()
        .find(|n| !lines[*n].trim().is_empty())
        .is_some_and(|n| lines[n].trim_end().ends_with(':'))
}

/// Whether the numbered line `line` carries on the numbering of the list
/// level being made (its number follows the last item's).
pub(super) fn next_in_list(stack: &[(usize, Option<u32>, Vec<ListItem>)], line: &str) -> bool {
    match (kind(line), stack.last()) {
        (
            Kind::Item {
                ordered: Some(n), ..
            },
            Some((_, Some(start), items)),
        ) => n as usize == *start as usize + items.len(),
        _ => false,
    }
}

/// "(a)", "(iv)" or "b)" leading a line: a lettered point; the text after
/// the mark.
pub(super) fn letter_mark(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let inner = t.strip_prefix('(').unwrap_or(t);
    let close = inner.find(')')?;
    let mark = &inner[..close];
    let letters = mark.len() == 1 && mark.chars().all(|c| c.is_ascii_lowercase())
        || (1..=4).contains(&mark.len()) && mark.chars().all(|c| "ivx".contains(c));
    let rest = &inner[close + 1..];
    (letters && (rest.is_empty() || rest.starts_with(char::is_whitespace))).then(|| rest.trim())
}

impl Parser {
    /// Whether line `i`, in plain text, heads a boxed passage: "Actions to
    /// be taken 2008-2011" (or "What we will do next", "Next steps") over a
    /// list, or "Case study" (or "Case study: title") over paragraphs.
    pub(super) fn box_label(&self, lines: &[&str], i: usize) -> Option<CalloutKind> {
        let t = lines[i].trim();
        if self.flavour != Flavour::Plain
            || t.chars().count() > 100
            || t.ends_with(['.', ',', ';', '!', '?'])
        {
            return None;
        }
        let lower = t.to_lowercase();
        let next = (i + 1..lines.len()).find(|n| !lines[*n].trim().is_empty())?;
        let actions = [
            "actions to be taken",
            "specific actions to be taken",
            "what we will do",
            "next steps",
            "key actions",
        ];
        if actions.iter().any(|a| lower.starts_with(a)) {
            return matches!(kind(lines[next]), Kind::Item { .. } | Kind::Text)
                .then_some(CalloutKind::NextSteps);
        }
        (lower.starts_with("case study") && matches!(kind(lines[next]), Kind::Text))
            .then_some(CalloutKind::CaseStudy)
    }

    /// The boxed passage headed by line `start` (see [`Self::box_label`]):
    /// the paragraphs under it up to the next list, heading or section
    /// title (at most [`BOX_PARAGRAPHS`]), and for actions the list after
    /// them.
    pub(super) fn boxed(&mut self, lines: &[&str], start: usize, callout: CalloutKind) -> usize {
        let label = lines[start].trim();
        let title = match callout {
            CalloutKind::CaseStudy => {
                let rest = label["case study".len()..]
                    .trim_start_matches([':', ' ', '-', '–'])
                    .trim();
                (!rest.is_empty()).then(|| rest.to_owned())
            }
            _ => Some(label.to_owned()),
        };
        let before = self.section().blocks.len();
        let mut i = start + 1;
        let next_filled = |i: usize| (i..lines.len()).find(|n| !lines[*n].trim().is_empty());
        for _ in 0..BOX_PARAGRAPHS {
            let Some(next) = next_filled(i) else {
                break;
            };
            if !matches!(kind(lines[next]), Kind::Text)
                || is_page_number(lines[next])
                || self.plain_heading(lines, next)
                || self.box_label(lines, next).is_some()
                || numbered_title(lines[next], "Chapter").is_some()
                || numbered_title(lines[next], "Section").is_some()
            {
                break;
            }
            i = self.paragraph(lines, next);
        }
        if callout == CalloutKind::NextSteps {
            if let Some(next) = next_filled(i).filter(|n| {
                matches!(kind(lines[*n]), Kind::Item { .. }) && !self.numbered_paragraph(lines[*n])
            }) {
                i = self.list(lines, next);
            }
        }
        let section = self.section();
        let blocks = section.blocks.split_off(before.min(section.blocks.len()));
        self.note(
            start,
            format!("\"{}\" and what follows it are taken as a box", clip(label)),
        );
        self.report.boxes += 1;
        self.push(
            Block::Callout {
                callout,
                title,
                blocks,
            },
            Vec::new(),
        );
        i
    }

    /// Whether line `i`, in plain text, is a section's title: a short line
    /// (at most 80 characters) with no closing punctuation, standing alone
    /// between blank lines, followed by a list or a paragraph longer than a
    /// line rather than another such line (of several, the last is the
    /// title; "DERBY CITY COUNCIL" above a report's own title is not).
    pub(super) fn plain_heading(&self, lines: &[&str], i: usize) -> bool {
        let standalone = |n: usize| {
            let t = lines[n].trim();
            matches!(kind(lines[n]), Kind::Text)
                && (2..=80).contains(&t.chars().count())
                && !t.ends_with(['.', ',', ';', ':', '!', '?'])
                && t.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && paragraph_number(t).is_none()
                // After a blank line, or straight after a list's last item.
                && (n == 0 || matches!(kind(lines[n - 1]), Kind::Blank | Kind::Item { .. }))
                && lines
                    .get(n + 1)
                    .is_none_or(|l| matches!(kind(l), Kind::Blank))
        };
        if self.flavour != Flavour::Plain || !standalone(i) {
            return false;
        }
        // Not inside a table whose cells come out as tab-led lines (a
        // "Districts" between two rows is a cell, not a title).
        let cell = |n: &usize| lines[*n].starts_with('\t');
        let before = (0..i)
            .rev()
            .find(|n| !matches!(kind(lines[*n]), Kind::Blank));
        let next = (i + 1..lines.len()).find(|n| !matches!(kind(lines[*n]), Kind::Blank));
        // And followed by body: a list, or text longer than a title ("None"
        // under a label is an answer, not a title).
        let body = |n: usize| {
            matches!(kind(lines[n]), Kind::Item { .. }) || lines[n].trim().chars().count() > 80
        };
        !before.as_ref().is_some_and(cell)
            && next.is_some_and(|n| !standalone(n) && !cell(&n) && body(n))
    }

    /// Whether line `i`, in plain text, is a section's title with no blank
    /// line under it: a short line (at most 60 characters, no closing
    /// punctuation, a capital first) after a blank line, over a line of
    /// body text (more than 80 characters) that starts with a capital, as
    /// "Improving physical health" over its paragraph comes out of a PDF.
    pub(super) fn glued_heading(&self, lines: &[&str], i: usize) -> bool {
        let t = lines[i].trim();
        self.flavour == Flavour::Plain
            && !lines[i].starts_with(char::is_whitespace)
            && (2..=60).contains(&t.chars().count())
            && !t.ends_with(['.', ',', ';', ':', '!', '?', '-', '–'])
            && t.starts_with(|c: char| c.is_uppercase())
            && paragraph_number(t).is_none()
            && plain_number(t).is_none()
            && (i == 0 || matches!(kind(lines[i - 1]), Kind::Blank | Kind::Item { .. }))
            && lines.get(i + 1).is_some_and(|next| {
                matches!(kind(next), Kind::Text)
                    && !next.starts_with(char::is_whitespace)
                    && next.trim().chars().count() > 80
                    && next.trim_start().starts_with(|c: char| c.is_uppercase())
            })
    }

    /// Whether line `i` is a running header or footer: left out, and said
    /// once.
    pub(super) fn is_running(&mut self, i: usize, line: &str) -> bool {
        let t = line.trim();
        match self.running.get_mut(t) {
            None => false,
            Some(said) => {
                if !std::mem::replace(said, true) {
                    self.note(
                        i,
                        format!(
                            "\"{}\", beside page numbers throughout, is a running header or footer and is left out each time",
                            clip(t)
                        ),
                    );
                }
                true
            }
        }
    }

    /// A tab-separated table at line `i`: two or more lines of as many
    /// tab-separated cells; the first row is its header when every cell is
    /// short and none ends a sentence. The line after it.
    pub(super) fn tab_table(&mut self, lines: &[&str], i: usize) -> Option<usize> {
        let width = tab_cells(lines[i])?.len();
        let same = |n: usize| {
            lines
                .get(n)
                .and_then(|l| tab_cells(l))
                .is_some_and(|c| c.len() == width)
        };
        if !same(i + 1) {
            return None;
        }
        let mut end = i;
        while end < lines.len() && same(end) && self.parts <= MAX_PARTS {
            self.parts += 1;
            end += 1;
        }
        let rows: Vec<Vec<&str>> = (i..end).filter_map(|n| tab_cells(lines[n])).collect();
        let header = rows[0]
            .iter()
            .all(|c| c.chars().count() <= 40 && !c.ends_with(['.', ';', ',']));
        let mut notes = Vec::new();
        let rows = rows
            .iter()
            .enumerate()
            .map(|(r, cells)| TableRow {
                cells: cells
                    .iter()
                    .take(MAX_COLUMNS)
                    .map(|c| {
                        let (content, n) = inline::parse(c);
                        notes.extend(n);
                        TableCell {
                            header: header && r == 0,
                            colspan: 1,
                            rowspan: 1,
                            blocks: vec![Block::Paragraph {
                                numbered: false,
                                content,
                            }],
                        }
                    })
                    .collect(),
            })
            .collect();
        self.note(
            i,
            format!(
                "lines {}–{}, separated by tabs, are taken as a table",
                self.line_of(i),
                self.line_of(end - 1)
            ),
        );
        self.report.tables += 1;
        self.push(
            Block::Table(Table {
                caption: None,
                rows,
            }),
            notes,
        );
        Some(end)
    }

    /// A quotation at line `i`: a paragraph that opens and closes with
    /// quotation marks, and its attribution ("— a young person", on the
    /// line after it or after the closing mark). The line after it.
    pub(super) fn plain_quote(&mut self, lines: &[&str], i: usize) -> Option<usize> {
        let first = lines[i].trim();
        if !first.starts_with(['“', '"']) {
            return None;
        }
        let mut end = i + 1;
        while end < lines.len()
            && matches!(kind(lines[end]), Kind::Text)
            && !lines[end].trim().starts_with(['—', '–'])
        {
            end += 1;
        }
        let joined = (i..end)
            .map(|n| lines[n].trim())
            .collect::<Vec<_>>()
            .join(" ");
        let body = joined.trim_start_matches(['“', '"']);
        let close = body.rfind(['”', '"'])?;
        let (said, after) = (&body[..close], body[close..].trim_start_matches(['”', '"']));
        let who = |t: &str| {
            let t = t.trim().trim_start_matches(['.', ',']).trim();
            let w = t.strip_prefix(['—', '–', '-'])?.trim();
            (!w.is_empty() && w.chars().count() <= ATTRIBUTION_CHARS).then(|| w.to_owned())
        };
        let (attribution, end) = if after.trim().trim_matches(['.', ',']).is_empty() {
            // On the next line, or the one after a blank.
            let next = match lines.get(end) {
                Some(l) if l.trim().is_empty() => end + 1,
                _ => end,
            };
            match lines.get(next).and_then(|l| who(l)) {
                Some(w) => (Some(w), next + 1),
                None => (None, end),
            }
        } else {
            (Some(who(after)?), end)
        };
        let (content, notes) = inline::parse(said.trim());
        self.report.quotes += 1;
        self.push(
            Block::Quote {
                attribution,
                blocks: vec![Block::Paragraph {
                    numbered: false,
                    content,
                }],
            },
            notes,
        );
        Some(end)
    }
}
