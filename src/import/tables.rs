//! Tables: Markdown's pipe tables, and action tables (ACTIVITY /
//! RESPONSIBILITY, in tab-led cells or pipes) made the plan's actions.

use super::{actions, clip, inline, kind, Kind, Parser, MAX_COLUMNS, MAX_PARTS};
use crate::model::{Block, DataQuery, Table, TableCell, TableRow};

impl Parser {
    /// An ACTIVITY / RESPONSIBILITY table: its rows become actions, and
    /// the text shows each objective's heading and its actions as a live
    /// table.
    pub(super) fn action_table(&mut self, lines: &[&str], start: usize) -> usize {
        let table = actions::read(lines, start, MAX_PARTS.saturating_sub(self.parts) + 1);
        if table.groups.is_empty() {
            // A header with no rows under it is text.
            return self.paragraph(lines, start);
        }
        let rows: usize = table.groups.iter().map(|g| g.rows.len()).sum();
        self.note(
            start,
            format!(
                "the ACTIVITY / RESPONSIBILITY table of lines {}–{} is read as {rows} actions under {} objectives, shown in the text as live action tables",
                self.line_of(start),
                self.line_of(table.end - 1),
                table.groups.len()
            ),
        );
        // In a chapter's untitled opening (an appendix), each objective is
        // a section of its own, as a Word export of it reads back;
        // under a section's title, each is a heading.
        let as_sections = self
            .chapters
            .last()
            .is_some_and(|c| c.sections.last().is_none_or(|s| s.title.is_none()));
        for group in &table.groups {
            self.action_group(group, as_sections);
        }
        table.end
    }

    pub(super) fn action_group(&mut self, group: &actions::Group, as_section: bool) {
        let parents = actions::parents(&group.rows);
        let dashed = group.rows.iter().any(|r| r.dashed);
        let mut children = vec![0usize; group.rows.len()];
        for p in parents.iter().flatten() {
            children[*p] += 1;
        }
        for (row, &children) in group.rows.iter().zip(&children) {
            if children > 0 && !dashed {
                self.note(
                    row.line,
                    format!(
                        "\"{}\" ends with a colon: the {children} actions after it are taken as its sub-actions",
                        clip(&row.activity)
                    ),
                );
            }
        }
        let filter = self.data.add(group, &parents);
        self.report.actions += group.rows.len();
        self.parts += group.rows.len();
        if !group.heading.is_empty() {
            if as_section {
                let title = group.heading.clone();
                self.start_section(&title);
            } else {
                let (content, notes) = inline::parse(&group.heading);
                self.push(Block::Heading { level: 3, content }, notes);
            }
        }
        self.push(Block::Data(DataQuery::Actions(filter)), Vec::new());
    }

    /// A pipe table: a header row, a `|---|` rule, body rows; a `Table:`
    /// line just before or after is its caption.
    pub(super) fn table(&mut self, lines: &[&str], start: usize) -> usize {
        let mut i = start;
        let mut caption = None;
        if let Kind::Caption(c) = kind(lines[i]) {
            caption = Some(c.to_owned());
            i += 1;
            while i < lines.len() && matches!(kind(lines[i]), Kind::Blank) {
                i += 1;
            }
            // A caption with no table under it is a paragraph.
            if i >= lines.len() || !matches!(kind(lines[i]), Kind::TableRow) {
                return self.paragraph(lines, start);
            }
        }
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut rule_at = None;
        while i < lines.len() && rows.len() <= MAX_PARTS && matches!(kind(lines[i]), Kind::TableRow)
        {
            let cells = split_row(lines[i]);
            if cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| "-:= ".contains(ch)))
            {
                rule_at.get_or_insert(rows.len());
            } else {
                rows.push(cells);
            }
            i += 1;
        }
        if caption.is_none() && !rows.is_empty() && i < lines.len() {
            if let Kind::Caption(c) = kind(lines[i]) {
                caption = Some(c.to_owned());
                i += 1;
            }
        }
        if rule_at == Some(1) && rows.len() > 1 && {
            let h: Vec<&str> = rows[0].iter().map(String::as_str).collect();
            actions::is_header(&h)
        } {
            let title = caption.unwrap_or_default();
            self.table_actions(start, &title, &title, &rows);
            return i;
        }
        let header_rows = match rule_at {
            Some(n) => n,
            None => {
                self.note(
                    start,
                    "a table without a |---| rule is taken to have no header row",
                );
                0
            }
        };
        let mut notes = Vec::new();
        let mut table_rows = Vec::new();
        for (r, cells) in rows.into_iter().enumerate() {
            let mut cells = cells;
            if cells.len() > MAX_COLUMNS {
                let extra = cells.split_off(MAX_COLUMNS - 1).join(" | ");
                cells.push(extra);
                self.note(
                    start + r,
                    format!("a row of more than {MAX_COLUMNS} cells has the rest in its last cell"),
                );
            }
            let cells = cells
                .into_iter()
                .map(|c| {
                    let (content, n) = inline::parse(&c);
                    notes.extend(n);
                    TableCell {
                        header: r < header_rows,
                        colspan: 1,
                        rowspan: 1,
                        blocks: vec![Block::Paragraph {
                            numbered: false,
                            content,
                        }],
                    }
                })
                .collect();
            self.parts += 1;
            table_rows.push(TableRow { cells });
        }
        if table_rows.is_empty() {
            self.note(start, "a table of rules alone is left out");
            if let Some(c) = caption {
                let (content, notes) = inline::parse(&format!("Table: {c}"));
                self.push(
                    Block::Paragraph {
                        numbered: false,
                        content,
                    },
                    notes,
                );
            }
            return i;
        }
        self.report.tables += 1;
        self.push(
            Block::Table(Table {
                caption,
                rows: table_rows,
            }),
            notes,
        );
        i
    }

    /// A table headed ACTIVITY | RESPONSIBILITY (`rows[0]`): its rows are
    /// actions under one objective, `title`, shown under `heading` (none
    /// when empty).
    pub(super) fn table_actions(
        &mut self,
        start: usize,
        heading: &str,
        title: &str,
        rows: &[Vec<String>],
    ) {
        let header = &rows[0];
        let (number, title) = actions::split_title(title);
        let group = actions::Group {
            line: start,
            heading: heading.to_owned(),
            number,
            title,
            rows: rows[1..]
                .iter()
                .enumerate()
                .map(|(r, cells)| {
                    let first = cells.first().map(String::as_str).unwrap_or_default();
                    let child = first
                        .strip_prefix("– ")
                        .or_else(|| first.strip_prefix("- "));
                    actions::Row {
                        line: start + 2 + r,
                        activity: child.unwrap_or(first).trim().to_owned(),
                        lettered: false,
                        dashed: child.is_some(),
                        responsibility: cells.get(1).cloned().into_iter().collect(),
                        details: header
                            .iter()
                            .zip(cells)
                            .skip(2)
                            .filter(|(_, v)| !v.trim().is_empty())
                            .map(|(h, v)| format!("{h}: {v}"))
                            .collect(),
                    }
                })
                .collect(),
        };
        self.note(
            start,
            format!(
                "the ACTIVITY | RESPONSIBILITY table is read as {} actions, shown in the text as a live action table",
                rows.len() - 1
            ),
        );
        self.action_group(&group, false);
    }
}

/// The cells of `| a | b |`, trimmed (a `\|` is a bar in a cell).
pub(super) fn split_row(line: &str) -> Vec<String> {
    let inner = line.trim();
    let inner = inner.strip_prefix('|').unwrap_or(inner);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cells.last_mut().expect("a cell").push('|');
                chars.next();
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().expect("a cell").push(c),
        }
    }
    cells.into_iter().map(|c| c.trim().to_owned()).collect()
}
