//! Tables: column widths from content, wrapping cells, rows that split
//! across pages, header rows repeated at the top of every page.

use super::fonts::Style;
use super::lines::{break_lines, measure, Line, Run};
use super::pagination::{Draw, Geometry, Pager};
use super::theme::{self, CELL_PAD, TABLE};
use crate::compose::{DocBlock, DocCell, DocTable, Span};
use crate::model::prosemirror::MAX_SPAN;

/// How many times the measure a table of five or more columns would be
/// unwrapped before it goes on landscape pages.
const LANDSCAPE_SPREAD: f32 = 2.5;

/// A cell's text as paragraphs of runs.
fn cell_runs(cell: &DocCell) -> Vec<Vec<Run>> {
    let base = if cell.header {
        Style::Bold
    } else {
        Style::Regular
    };
    let mut out = Vec::new();
    collect(&cell.blocks, base, "", &mut out);
    out
}

fn collect(blocks: &[DocBlock], base: Style, prefix: &str, out: &mut Vec<Vec<Run>>) {
    for b in blocks {
        match b {
            DocBlock::Paragraph { content, .. } | DocBlock::Heading { content, .. } => {
                let mut runs = super::flow::runs(content, base, TABLE.size);
                if !prefix.is_empty() {
                    runs.insert(0, Run::new(prefix, base, TABLE.size));
                }
                out.push(runs);
            }
            DocBlock::List { items, .. } => {
                for item in items {
                    collect(item, base, "• ", out);
                }
            }
            DocBlock::Quote { blocks, .. } | DocBlock::Callout { blocks, .. } => {
                collect(blocks, base, prefix, out)
            }
            DocBlock::Table(t) => {
                for row in &t.rows {
                    for c in row {
                        collect(&c.blocks, base, prefix, out);
                    }
                }
            }
            DocBlock::Chart(c) => out.push(super::flow::runs(
                &[Span::plain(c.alt.clone())],
                base,
                TABLE.size,
            )),
            DocBlock::Figure { alt, .. } => out.push(super::flow::runs(
                &[Span::plain(alt.clone())],
                base,
                TABLE.size,
            )),
            DocBlock::PageBreak => {}
        }
    }
}

/// Column widths that fit `width`: each column gets its widest word, and
/// what is left is shared in proportion to how much more each would use.
pub fn column_widths(min: &[f32], max: &[f32], width: f32) -> Vec<f32> {
    let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
    if smax <= width {
        // Everything fits on one line: share the spare width by natural size.
        let spare = width - smax;
        return max.iter().map(|m| m + spare * m / smax.max(1.0)).collect();
    }
    if smin >= width {
        return min.iter().map(|m| m * width / smin.max(1.0)).collect();
    }
    let spare = width - smin;
    let want: f32 = min.iter().zip(max).map(|(a, b)| b - a).sum();
    min.iter()
        .zip(max)
        .map(|(a, b)| a + spare * (b - a) / want.max(1.0))
        .collect()
}

struct LaidCell {
    x: f32,
    w: f32,
    /// Columns it spans.
    span: usize,
    header: bool,
    lines: Vec<Line>,
}

/// The columns each cell spans, at most as many as the widest row has
/// cells (and at most [`MAX_SPAN`]): a span beyond those claims columns no
/// other cell starts in, which would only make empty slivers (and a span
/// of four billion, an allocation of 17 GB).
fn spans(t: &DocTable) -> Vec<Vec<usize>> {
    let most = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let cap = most.min(MAX_SPAN as usize).max(1);
    t.rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| (c.colspan as usize).clamp(1, cap))
                .collect()
        })
        .collect()
}

impl Pager {
    pub fn table(&mut self, t: &DocTable, parent: usize, x: f32, width: f32) {
        let spans = spans(t);
        // At most MAX_SPAN times the widest row's cells.
        let ncols = spans
            .iter()
            .map(|r| r.iter().sum::<usize>())
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return;
        }
        let runs: Vec<Vec<Vec<Vec<Run>>>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(cell_runs).collect())
            .collect();
        let (mut min, mut max) = self.natural_widths(&spans, &runs, ncols, width);
        // A table whose words cannot all fit across a portrait page, or
        // whose many columns would each wrap to a sliver, turns the page.
        let full = (width - self.geo.measure()).abs() < 0.5 && (x - self.geo.left).abs() < 0.5;
        let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
        let wide = full
            && !self.geo.is_landscape()
            && ncols >= 2
            && (smin > width + 0.5 || (ncols >= 5 && smax > width * LANDSCAPE_SPREAD));
        let (x, width) = if wide {
            self.turn(Geometry::a4_landscape());
            let width = self.geo.measure();
            (min, max) = self.natural_widths(&spans, &runs, ncols, width);
            (self.geo.left, width)
        } else {
            (x, width)
        };
        let widths = column_widths(&min, &max, width);
        let rows = self.lay_out_rows(t, &spans, &runs, x, &widths, t.rows.len());

        self.space_before(4.0);
        let table = self.tree.add(parent, "Table");
        if let Some(c) = &t.caption {
            let p = self.tree.add(table, "Caption");
            let mut style = theme::BODY;
            style.after = 4.0;
            self.paragraph(
                &[Span::plain(c.clone())],
                Style::Bold,
                style,
                x,
                width,
                p,
                None,
            );
        }
        let head_n = t.header_rows.min(rows.len());
        self.ensure(start_height(&rows, head_n));
        let thead = (head_n > 0).then(|| self.tree.add(table, "THead"));
        for row in &rows[..head_n] {
            let tr = self
                .tree
                .add(thead.expect("header rows have a THead"), "TR");
            self.row(row, Some(tr));
        }
        let tbody = self.tree.add(table, "TBody");
        for row in &rows[head_n..] {
            let tr = self.tree.add(tbody, "TR");
            let cells: Vec<usize> = row.iter().map(|c| self.cell_elem(tr, c, "Row")).collect();
            let mut from = vec![0usize; row.len()];
            loop {
                let left = row
                    .iter()
                    .zip(&from)
                    .map(|(c, f)| c.lines.len().saturating_sub(*f))
                    .max()
                    .unwrap_or(0);
                let need = left as f32 * TABLE.leading + 2.0 * CELL_PAD;
                if self.y + need <= self.limit() + 0.01 {
                    self.segment(row, &from, left, &cells);
                    break;
                }
                let fit = ((self.room() - 2.0 * CELL_PAD) / TABLE.leading)
                    .floor()
                    .max(0.0) as usize;
                // Long rows split (at least two lines each side); short ones move whole.
                if fit >= 2 && left >= fit + 2 {
                    self.segment(row, &from, fit, &cells);
                    for f in from.iter_mut() {
                        *f += fit;
                    }
                } else if self.at_top() {
                    // Taller than a page even on its own: split where it must.
                    let fit = fit.max(1);
                    self.segment(row, &from, fit, &cells);
                    for f in from.iter_mut() {
                        *f += fit;
                    }
                }
                self.new_page(true);
                for hrow in &rows[..head_n] {
                    // Repeated header rows are pagination artifacts.
                    self.row(hrow, None);
                }
            }
        }
        self.y += 10.0;
        if wide {
            self.turn(Geometry::a4_portrait());
        }
    }

    /// Rows `..n` of `t` broken into lines in columns of `widths` from `x`.
    fn lay_out_rows(
        &mut self,
        t: &DocTable,
        spans: &[Vec<usize>],
        runs: &[Vec<Vec<Vec<Run>>>],
        x: f32,
        widths: &[f32],
        n: usize,
    ) -> Vec<Vec<LaidCell>> {
        let ncols = widths.len();
        let mut starts = vec![x];
        for w in widths {
            starts.push(starts.last().unwrap() + w);
        }
        t.rows
            .iter()
            .take(n)
            .enumerate()
            .map(|(r, row)| {
                let mut col = 0;
                row.iter()
                    .enumerate()
                    .filter_map(|(c, cell)| {
                        if col >= ncols {
                            return None;
                        }
                        let span = spans[r][c].min(ncols - col);
                        let (cx, cw) = (starts[col], starts[col + span] - starts[col]);
                        col += span;
                        let mut lines = Vec::new();
                        for para in &runs[r][c] {
                            lines.extend(break_lines(&mut self.shaper, para, cw - 2.0 * CELL_PAD));
                        }
                        Some(LaidCell {
                            x: cx,
                            w: cw,
                            span,
                            header: cell.header,
                            lines,
                        })
                    })
                    .collect()
            })
            .collect()
    }

    /// How much of the page table `t` needs to start on it (its caption,
    /// header rows and the start of its first row), so a heading above it
    /// can keep with it. Nothing for a table that will turn the page to
    /// landscape, which starts a page of its own.
    pub fn table_start_height(&mut self, t: &DocTable, width: f32) -> f32 {
        let spans = spans(t);
        let ncols = spans
            .iter()
            .map(|r| r.iter().sum::<usize>())
            .max()
            .unwrap_or(0);
        let head_n = t.header_rows.min(t.rows.len());
        if ncols == 0 {
            return 0.0;
        }
        let runs: Vec<Vec<Vec<Vec<Run>>>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(cell_runs).collect())
            .collect();
        let (min, max) = self.natural_widths(&spans, &runs, ncols, width);
        let (smin, smax): (f32, f32) = (min.iter().sum(), max.iter().sum());
        if ncols >= 2 && (smin > width + 0.5 || (ncols >= 5 && smax > width * LANDSCAPE_SPREAD)) {
            return 0.0;
        }
        let widths = column_widths(&min, &max, width);
        let rows = self.lay_out_rows(t, &spans, &runs, 0.0, &widths, head_n + 1);
        let caption = t.caption.as_ref().map_or(0.0, |c| {
            let lines = break_lines(
                &mut self.shaper,
                &[Run::new(c.clone(), Style::Bold, theme::BODY.size)],
                width,
            );
            lines.len() as f32 * theme::BODY.leading + 4.0
        });
        4.0 + caption + start_height(&rows, head_n)
    }

    /// Each column's narrowest (its longest word, at most a third of
    /// `width`) and widest (no wrapping) width, padding included.
    fn natural_widths(
        &mut self,
        spans: &[Vec<usize>],
        runs: &[Vec<Vec<Vec<Run>>>],
        ncols: usize,
        width: f32,
    ) -> (Vec<f32>, Vec<f32>) {
        let (mut min, mut max) = (vec![2.0 * CELL_PAD; ncols], vec![2.0 * CELL_PAD; ncols]);
        for (r, row) in spans.iter().enumerate() {
            let mut col = 0;
            for (c, &span) in row.iter().enumerate() {
                if span == 1 && col < ncols {
                    for para in &runs[r][c] {
                        let (a, b) = measure(&mut self.shaper, para);
                        min[col] = min[col].max(a.min(width / 3.0) + 2.0 * CELL_PAD);
                        max[col] = max[col].max(b + 2.0 * CELL_PAD);
                    }
                }
                col += span;
            }
        }
        (min, max)
    }

    /// Draws a whole row (header rows), tagged under `tr` or as an artifact.
    fn row(&mut self, row: &[LaidCell], tr: Option<usize>) {
        let cells: Vec<Option<usize>> = row
            .iter()
            .map(|c| tr.map(|tr| self.cell_elem(tr, c, "Column")))
            .collect();
        let n = row.iter().map(|c| c.lines.len()).max().unwrap_or(0);
        self.draw_segment(row, &vec![0; row.len()], n, &cells);
    }

    /// A TH (with `scope` for its headers) or TD element, with its span.
    fn cell_elem(&mut self, tr: usize, c: &LaidCell, scope: &'static str) -> usize {
        let e = self.tree.add(tr, if c.header { "TH" } else { "TD" });
        let elem = self.tree.get_mut(e);
        if c.header {
            elem.scope = Some(scope);
        }
        if c.span > 1 {
            elem.colspan = Some(c.span as u32);
        }
        e
    }

    fn segment(&mut self, row: &[LaidCell], from: &[usize], n: usize, cells: &[usize]) {
        let cells: Vec<Option<usize>> = cells.iter().map(|c| Some(*c)).collect();
        self.draw_segment(row, from, n, &cells);
    }

    /// Draws `n` lines of each cell from `from`, with the cell borders.
    fn draw_segment(
        &mut self,
        row: &[LaidCell],
        from: &[usize],
        n: usize,
        cells: &[Option<usize>],
    ) {
        let h = n as f32 * TABLE.leading + 2.0 * CELL_PAD;
        let top = self.y;
        for c in row {
            let fill = c.header.then_some(theme::TABLE_HEAD_FILL);
            self.draw(
                None,
                Draw::Rect {
                    x: c.x,
                    y: top,
                    w: c.w,
                    h,
                    fill,
                    stroke: Some((theme::RULE, 0.5)),
                },
            );
        }
        for ((c, f), elem) in row.iter().zip(from).zip(cells) {
            let mut y = top + CELL_PAD;
            for line in c.lines.iter().skip(*f).take(n) {
                self.draw_line(*elem, line, c.x + CELL_PAD, y, TABLE.leading, theme::TEXT);
                y += TABLE.leading;
            }
        }
        self.y = top + h;
    }
}

/// The header rows' height and up to three lines of the first body row:
/// what a table needs to start on a page.
fn start_height(rows: &[Vec<LaidCell>], head_n: usize) -> f32 {
    let head_h: f32 = rows[..head_n].iter().map(|r| row_height(r)).sum();
    let first_body = rows.get(head_n).map_or(0.0, |r| {
        row_height(r).min(3.0 * TABLE.leading + 2.0 * CELL_PAD)
    });
    head_h + first_body
}

fn row_height(row: &[LaidCell]) -> f32 {
    row.iter().map(|c| c.lines.len()).max().unwrap_or(0) as f32 * TABLE.leading + 2.0 * CELL_PAD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_fill_the_measure_and_respect_words() {
        let w = column_widths(&[30.0, 50.0], &[60.0, 400.0], 300.0);
        assert!((w.iter().sum::<f32>() - 300.0).abs() < 0.01);
        assert!(w[0] >= 30.0 && w[1] >= 50.0);
        let narrow = column_widths(&[10.0, 10.0], &[20.0, 60.0], 160.0);
        assert!((narrow[1] / narrow[0] - 3.0).abs() < 0.01);
    }

    #[test]
    fn a_span_claims_no_more_columns_than_the_widest_row_has_cells() {
        let row = |spans: &[u32]| {
            spans
                .iter()
                .map(|&s| DocCell {
                    colspan: s,
                    ..DocCell::text("x", false)
                })
                .collect::<Vec<_>>()
        };
        let t = |rows: Vec<Vec<DocCell>>| DocTable {
            caption: None,
            header_rows: 0,
            rows,
        };
        assert_eq!(
            spans(&t(vec![row(&[u32::MAX]), row(&[1, 1, 1])])),
            [vec![3], vec![1, 1, 1]]
        );
        // A table as the editor makes it keeps its spans.
        assert_eq!(
            spans(&t(vec![row(&[2, 1]), row(&[1, 2]), row(&[1, 1, 1])])),
            [vec![2, 1], vec![1, 2], vec![1, 1, 1]]
        );
        let wide: Vec<u32> = vec![u32::MAX; 1000];
        assert!(spans(&t(vec![row(&wide)]))
            .iter()
            .flatten()
            .all(|&s| s == 64));
    }
}
