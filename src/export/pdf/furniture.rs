//! Page furniture drawn once the page count is known: the running head
//! (plan title and chapter), the "Page X of Y" footer, a committee pack's
//! marking and the draft watermark. All of it is marked as artifacts, outside the tag tree; the
//! watermark is glyph outlines, not text, so copying, search and screen
//! readers never meet it.

use std::sync::Arc;

use super::fonts::Style;
use super::pagination::{Draw, Page, Pager};
use super::shaping::Shaped;
use super::theme::{self, RUNNING};
use crate::compose::{Meta, PageNumbering};

pub const WATERMARK: &str = "DRAFT — not for publication";

impl Pager {
    pub fn furniture(&mut self, meta: &Meta) {
        let (title, draft) = (meta.title.as_str(), meta.draft);
        let numbers = page_numbers(&self.pages, meta.page_numbers);
        let marking = meta
            .marking
            .as_deref()
            .map(|m| self.shaper.shape(Style::Bold, m));
        // Shaped once, not once a page: a long title is not kept by the cache.
        let t = self.shaper.shape(Style::Regular, title);
        let mut chapter: Option<(String, Arc<Shaped>)> = None;
        // One shape for every page: the writer paints it once, as a form.
        let mark = self.shaper.shape(Style::Bold, WATERMARK);
        for (i, number) in numbers.into_iter().enumerate() {
            let geo = self.pages[i].geo;
            let (left, right) = (geo.left, geo.width - geo.right);
            let head_y = geo.top - 30.0;
            let foot_y = geo.body_bottom() + 36.0;
            if draft {
                let shaped = mark.clone();
                let size = 40.0;
                let w = shaped.width_at(size);
                let (cx, cy) = (geo.width / 2.0, geo.height / 2.0);
                // Centre the turned text on the page centre (45 degrees).
                let d = w / 2.0 / std::f32::consts::SQRT_2;
                let d = Draw::Outlined {
                    x: cx - d,
                    y: cy + d,
                    angle: 45.0,
                    shaped,
                    size,
                    color: theme::WATERMARK,
                };
                self.underlay(i, 0, d);
            }
            if !self.pages[i].furniture {
                continue;
            }
            if let Some(m) = &marking {
                let w = m.width_at(RUNNING.size);
                self.draw_on(
                    i,
                    None,
                    Draw::Text {
                        x: ((geo.width - w) / 2.0).max(left),
                        y: head_y - 16.0,
                        shaped: m.clone(),
                        size: RUNNING.size,
                        color: theme::MARKING,
                    },
                );
            }
            self.draw_on(
                i,
                None,
                Draw::Text {
                    x: left,
                    y: head_y,
                    shaped: t.clone(),
                    size: RUNNING.size,
                    color: theme::MUTED,
                },
            );
            if let Some(ch) = self.pages[i]
                .chapter
                .as_ref()
                .filter(|c| c.as_str() != title)
            {
                let c = match &chapter {
                    Some((name, c)) if name == ch => c.clone(),
                    _ => {
                        let c = self.shaper.shape(Style::Regular, ch);
                        chapter = Some((ch.clone(), c.clone()));
                        c
                    }
                };
                let cw = c.width_at(RUNNING.size);
                if cw + t.width_at(RUNNING.size) + 24.0 < right - left {
                    self.draw_on(
                        i,
                        None,
                        Draw::Text {
                            x: right - cw,
                            y: head_y,
                            shaped: c,
                            size: RUNNING.size,
                            color: theme::MUTED,
                        },
                    );
                }
            }
            self.draw_on(
                i,
                None,
                Draw::Rule {
                    x1: left,
                    y1: head_y + 6.0,
                    x2: right,
                    y2: head_y + 6.0,
                    width: 0.5,
                    color: theme::RULE,
                },
            );
            let f = self.shaper.shape(Style::Regular, &number);
            let fw = f.width_at(RUNNING.size);
            self.draw_on(
                i,
                None,
                Draw::Text {
                    x: (geo.width - fw) / 2.0,
                    y: foot_y,
                    shaped: f,
                    size: RUNNING.size,
                    color: theme::MUTED,
                },
            );
        }
    }
}

/// Each page's number as its foot says it: "Page 7 of 40" through the
/// document, or counted afresh in each part ("Appendix 2 – page 3 of 12").
fn page_numbers(pages: &[Page], style: PageNumbering) -> Vec<String> {
    let total = pages.len();
    if style == PageNumbering::Continuous {
        return (1..=total)
            .map(|n| format!("Page {n} of {total}"))
            .collect();
    }
    let mut out = Vec::with_capacity(total);
    let mut start = 0;
    while start < total {
        let part = &pages[start].part;
        let len = pages[start..]
            .iter()
            .take_while(|p| &p.part == part)
            .count();
        for n in 1..=len {
            out.push(match part {
                Some(label) => format!("{label} – page {n} of {len}"),
                None => format!("Page {n} of {len}"),
            });
        }
        start += len;
    }
    out
}
