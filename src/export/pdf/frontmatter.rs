//! The title page and the contents list. Contents page numbers are the
//! second pass: entries are set first (their lines do not depend on the
//! numbers), and the numbers are drawn once the body has been paginated,
//! into the entry's own marked run and a leader artifact reserved after it,
//! so the page is painted in the order of its tags.

use super::fonts::Style;
use super::lines::{break_lines, Run};
use super::pagination::{Draw, LinkArea, Pager, Target};
use super::tagging::ROOT;
use super::theme::{self, TextStyle, BODY, H1};
use crate::compose::{ContentsEntry, Image, Meta};

/// Where a contents entry's page number goes, filled in after pagination.
pub struct NumberSlot {
    /// The entry's marked run (page, index): the number joins its text.
    pub run: (usize, usize),
    /// The artifact run reserved after it for the dot leader.
    pub leader: (usize, usize),
    /// Baseline of the entry's last line.
    pub baseline: f32,
    /// Where the entry's last line ends, from the page's left edge: the
    /// dot leader starts after it.
    pub end: f32,
    pub anchor: String,
    pub size: f32,
    pub style: Style,
}

/// Width kept free at the right of the contents for page numbers.
const NUMBER_COLUMN: f32 = 40.0;
/// Size of the leader dots; one size for every entry keeps the dots of
/// all rows on one grid, so they line up down the page.
const LEADER_SIZE: f32 = 10.0;
/// Least room between an entry's text, its leader dots and its number.
const LEADER_GAP: f32 = 4.0;
/// The largest box the title page logo is scaled into, in points.
const LOGO_W: f32 = 200.0;
const LOGO_H: f32 = 60.0;

/// The size in points a logo of `pw` × `ph` pixels is drawn at.
fn logo_size(pw: u32, ph: u32) -> (f32, f32) {
    let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
    let scale = 0.75f32.min(LOGO_W / pw).min(LOGO_H / ph);
    (pw * scale, ph * scale)
}

impl Pager {
    pub fn title_page(&mut self, meta: &Meta) {
        self.new_page(false);
        if let Some(logo) = &meta.logo {
            self.logo(logo, &meta.authority);
        }
        let x = self.geo.left;
        let width = self.geo.measure();
        self.y = self.geo.top + 110.0;
        let line =
            |p: &mut Pager, text: &str, role: &'static str, style: Style, ts: TextStyle, color| {
                if text.is_empty() {
                    return;
                }
                let e = p.tree.add(ROOT, role);
                let lines = break_lines(&mut p.shaper, &[Run::new(text, style, ts.size)], width);
                p.place_lines(&lines, x, ts, color, e, None);
                p.y += ts.after;
            };
        let big = TextStyle {
            size: 30.0,
            leading: 36.0,
            before: 0.0,
            after: 18.0,
        };
        let sub = TextStyle {
            size: 16.0,
            leading: 21.0,
            before: 0.0,
            after: 10.0,
        };
        line(
            self,
            &meta.authority,
            "P",
            Style::Regular,
            sub,
            theme::MUTED,
        );
        line(self, &meta.title, "H1", Style::Bold, big, theme::HEADING);
        line(self, &meta.period, "P", Style::Regular, sub, theme::TEXT);
        if let Some(v) = &meta.vision {
            self.y += 20.0;
            line(self, v, "P", Style::Italic, sub, theme::HEADING);
        }
        self.y = self.geo.body_bottom() - 80.0;
        line(self, &meta.status, "P", Style::Bold, BODY, theme::TEXT);
        line(
            self,
            &meta.date_text,
            "P",
            Style::Regular,
            BODY,
            theme::TEXT,
        );
    }

    /// The logo at the top left of the title page (or a report's first
    /// page): natural size at 96 pixels an inch, scaled down to fit the
    /// logo box. Returns the height it takes.
    pub(super) fn logo(&mut self, image: &Image, authority: &str) -> f32 {
        let placed = match self.pictures.get(image, logo_size) {
            Ok(p) => p,
            Err(why) => {
                self.warnings.push(format!(
                    "The title page has no logo because the image {} cannot be used: {why}.",
                    image.name
                ));
                return 0.0;
            }
        };
        let f = self.tree.add(ROOT, "Figure");
        self.tree.get_mut(f).alt = Some(if authority.trim().is_empty() {
            "Logo".to_owned()
        } else {
            format!("{} logo", authority.trim())
        });
        let (w, h) = logo_size(placed.width, placed.height);
        let (x, y) = (self.geo.left, self.geo.top);
        self.set_bbox(f, x, y, w, h);
        self.draw(
            Some(f),
            Draw::Image {
                x,
                y,
                w,
                h,
                image: placed.index,
            },
        );
        h
    }

    /// Sets the contents entries; returns where their numbers go.
    pub fn contents(&mut self, entries: &[ContentsEntry]) -> Vec<NumberSlot> {
        self.chapter = Some("Contents".into());
        self.new_page(true);
        let x = self.geo.left;
        let width = self.geo.measure();
        let h = self.tree.add(ROOT, "H1");
        let lines = break_lines(
            &mut self.shaper,
            &[Run::new("Contents", Style::Bold, H1.size)],
            width,
        );
        self.place_lines(&lines, x, H1, theme::HEADING, h, None);
        self.y += H1.after;
        let toc = self.tree.add(ROOT, "TOC");
        let mut slots = Vec::new();
        for e in entries {
            let (style, indent, ts) = match e.level {
                1 => (
                    Style::Bold,
                    0.0,
                    TextStyle {
                        before: 6.0,
                        after: 2.0,
                        ..BODY
                    },
                ),
                _ => (
                    Style::Regular,
                    18.0,
                    TextStyle {
                        size: 11.0,
                        leading: 14.5,
                        before: 0.0,
                        after: 2.0,
                    },
                ),
            };
            let text = match &e.label {
                Some(l) => format!("{l}  {}", e.title),
                None => e.title.clone(),
            };
            let lines = break_lines(
                &mut self.shaper,
                &[Run::new(text, style, ts.size)],
                width - indent - NUMBER_COLUMN,
            );
            if !self.at_top() {
                self.y += ts.before;
            }
            self.ensure(lines.len() as f32 * ts.leading);
            let item = self.tree.add(toc, "TOCI");
            let link = self.tree.add(item, "Link");
            let top = self.y;
            self.place_lines(&lines, x + indent, ts, theme::TEXT, link, None);
            let baseline = self.y - ts.leading + (ts.leading - ts.size) / 2.0 + ts.size * 0.8;
            self.link(LinkArea {
                x: x + indent,
                y: top,
                w: width - indent,
                h: self.y - top,
                target: Target::Anchor(e.anchor.clone()),
                elem: link,
            });
            let last = lines.last().map_or(0.0, |l| l.width);
            let run = self.last_run();
            let leader = self.reserve_artifact();
            slots.push(NumberSlot {
                run,
                leader,
                baseline,
                end: x + indent + last,
                anchor: e.anchor.clone(),
                size: ts.size,
                style,
            });
            self.y += ts.after;
        }
        slots
    }

    /// The second pass: page numbers into the contents, right-aligned.
    pub fn number_contents(&mut self, slots: &[NumberSlot]) {
        let right = self.geo.width - self.geo.right;
        for s in slots {
            let Some(&(page, _)) = self.anchors.get(&s.anchor) else {
                continue;
            };
            // A leading space keeps the number apart from the title in the tags.
            let shaped = self.shaper.shape(s.style, &format!(" {}", page + 1));
            let w = shaped.width_at(s.size);
            self.draw_into(
                s.run,
                Draw::Text {
                    x: right - w,
                    y: s.baseline,
                    shaped,
                    size: s.size,
                    color: theme::TEXT,
                },
            );
            self.leader(s, right - w);
        }
    }

    /// Dots from the end of an entry to its number at `number_x`, as an
    /// artifact: the Link's text, what screen readers say, stays the title
    /// and the number without dozens of dots between.
    fn leader(&mut self, s: &NumberSlot, number_x: f32) {
        let pitch = self.shaper.width(Style::Regular, ". ") * LEADER_SIZE;
        let left = self.geo.left;
        // The first grid point at least a gap after the text.
        let first = ((s.end + LEADER_GAP - left) / pitch).ceil();
        let last = ((number_x - LEADER_GAP - pitch * 0.5 - left) / pitch).floor();
        if last < first + 1.0 {
            return;
        }
        let dots = (last - first) as usize + 1;
        let text = ". ".repeat(dots);
        let shaped = self.shaper.shape(Style::Regular, text.trim_end());
        self.draw_into(
            s.leader,
            Draw::Text {
                x: left + first * pitch,
                y: s.baseline,
                shaped,
                size: LEADER_SIZE,
                color: theme::MUTED,
            },
        );
    }
}
