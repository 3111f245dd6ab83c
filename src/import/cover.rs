//! A committee report at the head of a text: the cover report that took a
//! plan (or its action plan) to committee, as seeds 000, 001 and 003 begin.
//! It is told by the headings councils give such reports ("Purpose of the
//! Report", "Recommendations", "SUMMARY", "REASON FOR RECOMMENDATION"…)
//! and becomes a committee report of the plan in the matching template,
//! its paragraphs numbered as the template numbers them, rather than
//! chapters of the plan.

use std::ops::Range;

use chrono::NaiveDate;

use super::report::paragraph_number;
use crate::model::prosemirror::to_doc;
use crate::model::report::{ReportBody, ReportSection, ReportStatus};
use crate::model::report_template::{DERBY, LEICESTERSHIRE};
use crate::model::{Block, Inline, ListItem, Marks};

/// How far into a text a report's Recommendations heading is looked for.
const LOOK_LINES: usize = 400;
/// The most lines a cover report takes.
const MAX_LINES: usize = 3_000;

/// A cover report found at the head of a text.
#[derive(Debug)]
pub struct Cover {
    pub report: ReportBody,
    /// The lines it was read from (indices of the lines given).
    pub lines: Range<usize>,
    /// Its numbered paragraphs.
    pub numbered: usize,
    /// It ended at an "APPENDIX 1" line: what follows is its appendix,
    /// titled by the line after.
    pub appendix: Option<String>,
    /// The lines of that "APPENDIX 1" and of its title.
    pub appendix_lines: Option<(usize, usize)>,
    /// What follows it otherwise (the plan it covers), by its first line.
    pub followed_by: Option<String>,
}

/// Which template a heading belongs to, when it tells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Either,
    Leicestershire,
    Derby,
}

/// A known report heading: its section key and which template has it.
fn known(heading: &str, in_implications: bool) -> Option<(&'static str, Side)> {
    let h = heading
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    use Side::*;
    let found = match h.as_str() {
        "purpose of the report" | "purpose of report" | "purpose" => ("purpose", Leicestershire),
        "background" => ("background", Either),
        "implication for the local authority" | "implications for the local authority" => {
            ("implications", Leicestershire)
        }
        "recommendation" | "recommendations" => ("recommendations", Either),
        "equalities issues/implications" | "equalities implications" | "equality implications" => {
            ("equalities", Leicestershire)
        }
        "safeguarding issues/implications" | "safeguarding implications" => {
            ("safeguarding", Leicestershire)
        }
        "background papers" => ("background_papers", Either),
        "author" | "officer to contact" | "contact officer" => ("author", Leicestershire),
        "date" => ("date", Leicestershire),
        "summary" => ("summary", Derby),
        "reason for recommendation"
        | "reasons for recommendation"
        | "reasons for recommendations" => ("reason", Derby),
        "supporting information" => ("supporting", Derby),
        "other options considered" => ("options", Derby),
        "list of appendices" => ("appendices", Derby),
        "implications" => ("implications_part", Derby),
        "financial" if in_implications => ("financial", Derby),
        "legal" if in_implications => ("legal", Derby),
        "personnel" if in_implications => ("personnel", Derby),
        "equalities impact" if in_implications => ("equalities", Derby),
        "corporate objectives and priorities for change" if in_implications => ("corporate", Derby),
        _ => return None,
    };
    Some(found)
}

/// "Background papers: none" → ("Background papers", "none"), for the
/// headings written with their value on the line.
fn with_value(line: &str) -> Option<(&str, &str)> {
    let (head, value) = line.split_once(':')?;
    let h = head.trim().to_lowercase();
    [
        "background papers",
        "list of appendices",
        "for more information contact",
    ]
    .contains(&h.as_str())
    .then_some((head.trim(), value.trim()))
}

/// The date a line ends with: "8th February 2008", "COUNCIL CABINET 21
/// FEBRUARY 2006"; and the text before it.
pub fn trailing_date(line: &str) -> Option<(&str, NaiveDate)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
    let [day, month, year] = &words[words.len() - 3..] else {
        return None;
    };
    let day: u32 = day
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .parse()
        .ok()?;
    let year: i32 = year.trim_end_matches(['.', ',']).parse().ok()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u32 + 1;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    // The text before the date, found by its day's position.
    let cut = line.rfind(words[words.len() - 3]).unwrap_or(0);
    Some((line[..cut].trim(), date))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_appendix_line(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    l.strip_prefix("appendix ")
        .is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()))
}

/// "SUMMARY" → "Summary"; a title in mixed case stays as written.
fn as_written(title: &str) -> String {
    let t = title.trim().trim_end_matches(':').trim();
    if t.chars().any(|c| c.is_lowercase()) {
        return t.to_owned();
    }
    let lower = t.to_lowercase();
    let mut c = lower.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A short line standing as a heading of the report's own (seed 001's
/// "Progress in developing CYPP 2008-2011"): no end stop, not a number,
/// followed by a numbered paragraph.
fn own_heading(lines: &[&str], i: usize) -> bool {
    let t = lines[i].trim();
    let words = t.split_whitespace().count();
    if !(1..=10).contains(&words)
        || t.ends_with(['.', ',', ';', ':'])
        || paragraph_number(t).is_some()
        || t.starts_with(['·', '•', '-', '–'])
    {
        return false;
    }
    next_text(lines, i + 1).is_some_and(|j| paragraph_number(lines[j].trim()).is_some())
}

fn next_text(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len().min(from + 20)).find(|&j| !lines[j].trim().is_empty())
}

/// A person's name: two to four capitalised words, nothing else.
fn is_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase()) && w.chars().all(char::is_alphabetic)
        })
}

/// The cover report at the head of `lines`, if they begin with one.
pub fn cover(lines: &[&str]) -> Option<Cover> {
    let look = lines.len().min(LOOK_LINES);
    let recommendations =
        (0..look).find(|&i| known(lines[i], false).is_some_and(|(k, _)| k == "recommendations"))?;
    let first = (0..recommendations).find(|&i| !lines[i].trim().is_empty())?;
    let mut r = ReportBody {
        template: LEICESTERSHIRE.into(),
        title: String::new(),
        committee: String::new(),
        meeting_date: None,
        report_of: String::new(),
        author: String::new(),
        contact: String::new(),
        date: None,
        status: ReportStatus::Final,
        exempt: None,
        sections: Vec::new(),
        appendices: Vec::new(),
    };
    let mut side = Side::Either;
    let mut known_headings = 0;
    // (key, title, lines)
    let mut sections: Vec<(String, String, Vec<&str>)> = Vec::new();
    let mut in_implications = false;
    let mut end = lines.len().min(first + MAX_LINES);
    let mut appendix = None;
    let mut appendix_lines = None;
    let mut i = first;
    while i < end {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        let seen_recommendations = i > recommendations;
        // The head, wherever it is set (Derby repeats it mid-report).
        if sections.is_empty() || !line.contains('.') {
            if r.committee.is_empty() {
                if let Some((before, date)) = trailing_date(line) {
                    if !before.is_empty() && before.split_whitespace().count() <= 10 {
                        r.committee = title_case(before);
                        r.meeting_date = Some(date);
                        i += 1;
                        continue;
                    }
                }
            }
            if line.to_uppercase() == line
                && line.ends_with("COUNCIL")
                && line.split_whitespace().count() <= 5
            {
                i += 1;
                continue;
            }
            if r.report_of.is_empty() && line.starts_with("Report of ") {
                r.report_of = line.to_owned();
                i += 1;
                continue;
            }
            if !r.title.is_empty() && same(line, &r.title) {
                i += 1;
                continue;
            }
        }
        if let Some((head, value)) = with_value(line) {
            let h = head.to_lowercase();
            if h == "for more information contact" {
                let (name, rest) = value.split_once(',').unwrap_or((value, ""));
                r.author = name.trim().to_owned();
                r.contact = rest.trim().to_owned();
                sections.push(("contact".into(), as_written(head), Vec::new()));
            } else {
                let key = if h == "background papers" {
                    "background_papers"
                } else {
                    "appendices"
                };
                // A generated list of appendices: what it said is not kept
                // as text (the pack writes it from the report's appendices).
                let body = if key == "appendices" || value.is_empty() {
                    Vec::new()
                } else {
                    vec![value]
                };
                sections.push((key.into(), as_written(head), body));
            }
            known_headings += 1;
            side = if side == Side::Either {
                Side::Derby
            } else {
                side
            };
            i += 1;
            continue;
        }
        if let Some((key, from)) = known(line, in_implications) {
            known_headings += 1;
            if from != Side::Either && side == Side::Either {
                side = from;
            }
            if key == "implications_part" {
                in_implications = true;
            } else {
                sections.push((key.into(), as_written(line), Vec::new()));
            }
            i += 1;
            continue;
        }
        if seen_recommendations && is_appendix_line(line) {
            let next = next_text(lines, i + 1);
            if next.is_some_and(|j| {
                known(lines[j], false).is_some_and(|(k, _)| k == "implications_part")
            }) {
                i += 1;
                continue;
            }
            appendix = Some(next.map(|j| lines[j].trim().to_owned()).unwrap_or_default());
            appendix_lines = next.map(|j| (i, j));
            end = i;
            break;
        }
        if seen_recommendations {
            if let Some((before, date)) = trailing_date(line) {
                if before.is_empty() {
                    // The report's date: its last line. A name just before
                    // it (seed 001's "Peter Chester") is its author.
                    r.date = Some(date);
                    if let Some((_, _, body)) = sections.last_mut() {
                        if r.author.is_empty() && body.last().is_some_and(|l| is_name(l)) {
                            r.author = body.pop().unwrap_or_default().trim().to_owned();
                        }
                    }
                    end = i + 1;
                    break;
                }
            }
        }
        if sections.is_empty() {
            if r.title.is_empty() {
                r.title = line.to_owned();
            } else if own_heading(lines, i) {
                sections.push((slug(line), line.to_owned(), Vec::new()));
            } else {
                // Text before any heading: the report's opening.
                sections.push(("introduction".into(), "Introduction".into(), vec![line]));
            }
            i += 1;
            continue;
        }
        if own_heading(lines, i) && !seen_recommendations {
            sections.push((slug(line), line.to_owned(), Vec::new()));
            i += 1;
            continue;
        }
        match sections.last_mut() {
            Some((key, _, body)) if key == "author" && r.author.is_empty() => {
                r.author = line.to_owned();
            }
            Some((key, _, _)) if key == "date" && r.date.is_none() => {
                r.date = trailing_date(line).map(|(_, d)| d);
                if r.date.is_none() {
                    sections.last_mut().expect("there is one").2.push(line);
                }
            }
            Some((_, _, body)) => body.push(line),
            None => {}
        }
        i += 1;
    }
    if known_headings < 2 || sections.is_empty() {
        return None;
    }
    if side == Side::Derby {
        r.template = DERBY.into();
    }
    if r.title.is_empty() {
        r.title = "Committee report".into();
    }
    let mut numbered = 0;
    let mut keys = std::collections::HashSet::new();
    for (key, title, body) in sections {
        let blocks = extracted_blocks(&body, r.template == DERBY);
        numbered += blocks
            .iter()
            .filter(|b| matches!(b, Block::Paragraph { numbered: true, .. }))
            .count();
        let mut key = key;
        while !keys.insert(key.clone()) {
            key.push('_');
        }
        r.sections.push(ReportSection {
            key,
            title,
            content: to_doc(&blocks),
        });
    }
    let mut followed_by = None;
    if appendix.is_none() {
        // The report's last line, then its "APPENDIX 1" (seed 000).
        match next_text(lines, end) {
            Some(j) if is_appendix_line(lines[j]) => {
                let title = next_text(lines, j + 1);
                appendix = Some(
                    title
                        .map(|k| lines[k].trim().to_owned())
                        .unwrap_or_default(),
                );
                appendix_lines = title.map(|k| (j, k));
            }
            Some(j) => followed_by = Some(lines[j].trim().to_owned()),
            None => {}
        }
    }
    Some(Cover {
        report: r,
        lines: first..end,
        numbered,
        appendix,
        appendix_lines,
        followed_by,
    })
}

/// "COUNCIL CABINET" → "Council Cabinet"; mixed case stays as written.
fn title_case(s: &str) -> String {
    if s.chars().any(|c| c.is_lowercase()) {
        return s.trim().to_owned();
    }
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// A section key made from a heading: "progress_in_developing_cypp".
fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let s: Vec<&str> = s.split('_').filter(|p| !p.is_empty()).take(6).collect();
    if s.is_empty() {
        "section".into()
    } else {
        s.join("_")
    }
}

fn text(t: &str) -> Vec<Inline> {
    vec![Inline::Text {
        text: t.to_owned(),
        marks: Marks::default(),
    }]
}

/// Blocks of lines as a PDF extraction gives them, a paragraph to a line:
/// "1.", "3.1" or "- 1.1" start a numbered paragraph; "·", "•", "-", "–"
/// start a bullet. In a report numbered 1, 2, 3 through (not `by_section`),
/// a "3.1." is a sub-paragraph of 3: it keeps its number as written.
fn extracted_blocks(lines: &[&str], by_section: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut items: Vec<ListItem> = Vec::new();
    let flush = |items: &mut Vec<ListItem>, out: &mut Vec<Block>| {
        if !items.is_empty() {
            out.push(Block::BulletList {
                items: std::mem::take(items),
            });
        }
    };
    for line in lines {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let unmarked = t.strip_prefix("- ").map(str::trim_start).unwrap_or(t);
        if let Some(rest) = paragraph_number(unmarked) {
            flush(&mut items, &mut out);
            let number = &unmarked[..unmarked.len() - rest.len()];
            let sub = number.trim().trim_end_matches('.').contains('.');
            out.push(if sub && !by_section {
                Block::Paragraph {
                    numbered: false,
                    content: text(unmarked),
                }
            } else {
                Block::Paragraph {
                    numbered: true,
                    content: text(rest),
                }
            });
            continue;
        }
        if let Some(rest) = t.strip_prefix(['·', '•', '-', '–']).map(str::trim) {
            if !rest.is_empty() {
                items.push(ListItem {
                    blocks: vec![Block::Paragraph {
                        numbered: false,
                        content: text(rest),
                    }],
                });
                continue;
            }
        }
        flush(&mut items, &mut out);
        out.push(Block::Paragraph {
            numbered: false,
            content: text(t),
        });
    }
    flush(&mut items, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_end_lines_as_reports_write_them() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            trailing_date(" Children and Young People’s Executive 8th February 2008"),
            Some(("Children and Young People’s Executive", d(2008, 2, 8)))
        );
        assert_eq!(
            trailing_date("COUNCIL CABINET 21 FEBRUARY 2006"),
            Some(("COUNCIL CABINET", d(2006, 2, 21)))
        );
        assert_eq!(
            trailing_date("28th February 2008"),
            Some(("", d(2008, 2, 28)))
        );
        assert_eq!(trailing_date("a budget of 12 million 2008"), None);
        assert_eq!(trailing_date("31 February 2008"), None);
    }

    #[test]
    fn a_text_without_a_report_has_no_cover() {
        let lines = [
            "Introduction",
            "",
            "1. Some text.",
            "Recommendations are welcome.",
        ];
        assert!(cover(&lines).is_none());
    }
}
