//! Plain text as reports come out of Word and PDFs: "Chapter 3:" and
//! "Section 2" lines, short lines standing alone (or glued to their
//! paragraph) as section titles, page numbers, numbered points after a
//! colon, lettered points, and boxed passages ("Actions to be taken…",
//! case studies).

use super::{clip, kind, paragraph_number, Flavour, Kind, Parser};
use crate::model::{Block, CalloutKind, ListItem};

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
}
