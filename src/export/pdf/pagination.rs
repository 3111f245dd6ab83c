//! Pages and the cursor that fills them: page geometry, what is drawn on
//! each page (grouped into marked content per structure element), and the
//! footnote area at the foot of each page.

use std::collections::HashMap;
use std::sync::Arc;

use super::lines::{Frag, Line};
use super::shaping::{Shaped, Shaper};
use super::tagging::{Kid, Tree};
use super::theme::{Color, FOOTNOTE};

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl Geometry {
    pub fn a4_portrait() -> Self {
        Geometry {
            width: 595.28,
            height: 841.89,
            top: 72.0,
            bottom: 68.0,
            left: 68.0,
            right: 68.0,
        }
    }

    /// A4 turned on its side, for tables too wide for a portrait page.
    pub fn a4_landscape() -> Self {
        let p = Geometry::a4_portrait();
        Geometry {
            width: p.height,
            height: p.width,
            ..p
        }
    }

    pub fn is_landscape(&self) -> bool {
        self.width > self.height
    }

    pub fn measure(&self) -> f32 {
        self.width - self.left - self.right
    }

    /// The bottom of the body area, as a distance from the top.
    pub fn body_bottom(&self) -> f32 {
        self.height - self.bottom
    }
}

impl Default for Geometry {
    fn default() -> Self {
        Geometry::a4_portrait()
    }
}

/// Something drawn, in points from the page's top-left corner.
#[derive(Debug, Clone)]
pub enum Draw {
    /// Glyphs with their baseline at `y`.
    Text {
        x: f32,
        y: f32,
        shaped: Arc<Shaped>,
        size: f32,
        color: Color,
    },
    /// Text turned by `angle` degrees about (x, y), painted as filled
    /// glyph outlines: seen but not read (the watermark).
    Outlined {
        x: f32,
        y: f32,
        angle: f32,
        shaped: Arc<Shaped>,
        size: f32,
        color: Color,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
    },
    /// Picture `image` (an index into [`Pager::pictures`]) scaled into the box.
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        image: usize,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Color,
    },
    /// Straight segments through `points` (a chart's lines and marks),
    /// closed and filled, or stroked, solid or dashed.
    Path {
        points: Vec<(f32, f32)>,
        closed: bool,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
        dashed: bool,
    },
}

/// A run of drawing that belongs to one structure element, or is an
/// artifact (running heads, rules, backgrounds, repeated table headers).
#[derive(Debug, Clone)]
pub struct Marked {
    /// Element and its marked-content id on this page; None for artifacts.
    pub tag: Option<(usize, u32)>,
    pub draws: Vec<Draw>,
}

#[derive(Debug, Clone)]
pub enum Target {
    /// A heading anchor in the document.
    Anchor(String),
    Uri(String),
    /// Footnote text by number.
    Footnote(u32),
}

/// A clickable area (top-down points) and the Link element it belongs to.
#[derive(Debug, Clone)]
pub struct LinkArea {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub target: Target,
    pub elem: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The page's size and margins.
    pub geo: Geometry,
    pub marked: Vec<Marked>,
    /// Running head and footer (not on the title page).
    pub furniture: bool,
    /// The chapter the page is in, for the running head.
    pub chapter: Option<String>,
    /// The part it is in ("Appendix 2"), for page numbers counted by part.
    pub part: Option<String>,
    pub links: Vec<LinkArea>,
    next_mcid: u32,
    /// Footnotes set at the foot of this page: (number, Note element).
    notes: Vec<(u32, usize)>,
    notes_height: f32,
}

impl Page {
    fn is_blank(&self) -> bool {
        self.marked.is_empty() && self.notes.is_empty() && self.links.is_empty()
    }
}

/// Where footnote `n`'s text starts: page and top y.
pub type Place = (usize, f32);

/// Fills pages top to bottom.
pub struct Pager {
    /// The geometry of the current page, and of new pages.
    pub geo: Geometry,
    pub pages: Vec<Page>,
    /// The cursor: distance from the page top.
    pub y: f32,
    pub tree: Tree,
    pub shaper: Shaper,
    /// The chapter new pages are in.
    pub chapter: Option<String>,
    /// The part new pages are in.
    pub part: Option<String>,
    /// A logo to head the first chapter's page (a report has no title
    /// page), and whose it is.
    pub head_logo: Option<(crate::compose::Image, String)>,
    /// Heading anchors: page and y.
    pub anchors: HashMap<String, Place>,
    /// Footnote texts broken into lines, by number - 1.
    pub notes: Vec<Vec<Line>>,
    pub note_places: HashMap<u32, Place>,
    /// The pictures of figures and the logo, drawn by index.
    pub pictures: super::images::Pictures,
    /// What the reader should know about the layout (see `Document::warnings`).
    pub warnings: Vec<String>,
    /// The Link element the last piece of text was set in: (its parent,
    /// the URI, the element), so a link's words make one Link, not one each.
    pub open_link: Option<(usize, Arc<str>, usize)>,
    /// How much of the page the block after the next heading needs to
    /// start on it (a table's header and first row, a chart), so the
    /// heading is never left alone at a page's foot.
    pub keep_next: f32,
}

/// Space between the body and the footnote rule, and the rule and notes.
const NOTE_GAP: f32 = 10.0;

impl Pager {
    pub fn new(geo: Geometry, shaper: Shaper) -> Self {
        Pager {
            geo,
            pages: Vec::new(),
            y: geo.top,
            tree: Tree::default(),
            shaper,
            chapter: None,
            part: None,
            head_logo: None,
            anchors: HashMap::new(),
            notes: Vec::new(),
            note_places: HashMap::new(),
            pictures: Default::default(),
            warnings: Vec::new(),
            open_link: None,
            keep_next: 0.0,
        }
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is open")
    }

    /// Finishes the current page (if any) and starts a new one; a page
    /// with nothing on it yet is taken over instead, so a page break, a
    /// turn to landscape and a new chapter never leave a blank page.
    pub fn new_page(&mut self, furniture: bool) {
        self.finish_page();
        let page = Page {
            geo: self.geo,
            furniture,
            chapter: self.chapter.clone(),
            part: self.part.clone(),
            ..Page::default()
        };
        match self.pages.last_mut() {
            Some(last) if last.is_blank() => *last = page,
            _ => self.pages.push(page),
        }
        self.y = self.geo.top;
    }

    /// Continues on pages of geometry `geo`: landscape for a wide table,
    /// portrait after it.
    pub fn turn(&mut self, geo: Geometry) {
        self.geo = geo;
        self.new_page(true);
    }

    /// Drops a blank last page (left by a turn or a break at the very end).
    pub fn trim(&mut self) {
        if self.pages.len() > 1 && self.pages.last().is_some_and(Page::is_blank) {
            self.pages.pop();
        }
    }

    /// True when nothing has been placed on the current page's body yet.
    pub fn at_top(&self) -> bool {
        (self.y - self.geo.top).abs() < 0.01
    }

    /// The lowest y the body may reach on this page.
    pub fn limit(&self) -> f32 {
        let p = self.pages.last().expect("a page is open");
        self.geo.body_bottom() - p.notes_height
    }

    pub fn room(&self) -> f32 {
        self.limit() - self.y
    }

    /// Height the footnotes `numbers` would add to this page.
    pub fn notes_need(&self, numbers: &[u32]) -> f32 {
        let p = self.pages.last().expect("a page is open");
        let mut h = 0.0;
        for n in numbers {
            if p.notes.iter().any(|(m, _)| m == n) {
                continue;
            }
            if p.notes.is_empty() && h == 0.0 {
                h += NOTE_GAP * 2.0;
            }
            h += self.note_height(*n);
        }
        h
    }

    fn note_height(&self, n: u32) -> f32 {
        self.notes
            .get(n as usize - 1)
            .map_or(0.0, |l| l.len() as f32 * FOOTNOTE.leading + 2.0)
    }

    /// Puts footnote `n` at the foot of this page, as a Note child of `parent`.
    pub fn add_note(&mut self, n: u32, parent: usize) {
        if self.notes.get(n as usize - 1).is_none() {
            return;
        }
        if self
            .pages
            .last()
            .is_some_and(|p| p.notes.iter().any(|(m, _)| *m == n))
        {
            return;
        }
        let extra = self.notes_need(&[n]);
        let elem = self.tree.add(parent, "Note");
        let p = self.page();
        p.notes.push((n, elem));
        p.notes_height += extra;
    }

    /// Draws into the current page for `elem` (None: an artifact).
    pub fn draw(&mut self, elem: Option<usize>, d: Draw) {
        let page = self.pages.len() - 1;
        self.draw_on(page, elem, d);
    }

    /// Draws onto page `page` (0-based) after what it already holds.
    pub fn draw_on(&mut self, page: usize, elem: Option<usize>, d: Draw) {
        let p = &mut self.pages[page];
        let same = p.marked.last().is_some_and(|m| m.tag.map(|t| t.0) == elem);
        if !same {
            let tag = elem.map(|e| {
                let mcid = p.next_mcid;
                p.next_mcid += 1;
                (e, mcid)
            });
            if let Some((e, mcid)) = tag {
                self.tree.elems[e].kids.push(Kid::Content { page, mcid });
            }
            p.marked.push(Marked {
                tag,
                draws: Vec::new(),
            });
        }
        p.marked.last_mut().expect("just pushed").draws.push(d);
    }

    /// Draws a set line with its top at `top`.
    pub fn draw_line(
        &mut self,
        elem: Option<usize>,
        line: &Line,
        x: f32,
        top: f32,
        leading: f32,
        color: Color,
    ) {
        for f in &line.frags {
            self.draw_frag(elem, f, x + f.x, top, leading, color);
        }
    }

    /// Draws one piece at `x` on a line whose top is at `top`; raised
    /// pieces (footnote marks) keep the baseline of the text they follow.
    pub fn draw_frag(
        &mut self,
        elem: Option<usize>,
        f: &Frag,
        x: f32,
        top: f32,
        leading: f32,
        color: Color,
    ) {
        let base_size = if f.rise > 0.0 {
            f.size / super::theme::SUP_SCALE
        } else {
            f.size
        };
        let baseline = top + (leading - base_size) / 2.0 + base_size * 0.8 - f.rise;
        self.draw(
            elem,
            Draw::Text {
                x,
                y: baseline,
                shaped: f.shaped.clone(),
                size: f.size,
                color,
            },
        );
    }

    /// Adds a link area on this page for Link element `elem`.
    pub fn link(&mut self, area: LinkArea) {
        let page_no = self.pages.len() - 1;
        let index = self.page().links.len();
        self.tree.elems[area.elem].kids.push(Kid::Annot {
            page: page_no,
            index,
        });
        self.page().links.push(area);
    }

    /// Inserts an artifact drawn beneath what page `page` already holds
    /// from marked run `at` on (backgrounds of boxes).
    pub fn underlay(&mut self, page: usize, at: usize, d: Draw) {
        let p = &mut self.pages[page];
        let at = at.min(p.marked.len());
        p.marked.insert(
            at,
            Marked {
                tag: None,
                draws: vec![d],
            },
        );
    }

    /// Where the current page's last marked run is: (page, index), for
    /// [`Pager::draw_into`] to add to it later.
    pub fn last_run(&self) -> (usize, usize) {
        (self.page_index(), self.marked_len().saturating_sub(1))
    }

    /// Keeps an empty artifact run at this point of the current page's
    /// paint order, to be drawn into later with [`Pager::draw_into`].
    pub fn reserve_artifact(&mut self) -> (usize, usize) {
        self.page().marked.push(Marked {
            tag: None,
            draws: Vec::new(),
        });
        self.last_run()
    }

    /// Draws into marked run `run` of a page: content known only after
    /// the page is set (contents page numbers) still painted where it
    /// reads, in its element's own run or in a reserved artifact.
    pub fn draw_into(&mut self, (page, index): (usize, usize), d: Draw) {
        self.pages[page].marked[index].draws.push(d);
    }

    pub fn marked_len(&self) -> usize {
        self.pages.last().map_or(0, |p| p.marked.len())
    }

    /// Sets the current page's footnotes at its foot.
    pub fn finish_page(&mut self) {
        let Some(p) = self.pages.last_mut() else {
            return;
        };
        let notes = std::mem::take(&mut p.notes);
        if notes.is_empty() {
            return;
        }
        let area_top = self.geo.body_bottom() - p.notes_height + NOTE_GAP;
        let x = self.geo.left;
        self.draw(
            None,
            Draw::Rule {
                x1: x,
                y1: area_top,
                x2: x + 120.0,
                y2: area_top,
                width: 0.5,
                color: super::theme::RULE,
            },
        );
        let mut y = area_top + NOTE_GAP;
        let page_no = self.pages.len() - 1;
        for (n, elem) in notes {
            self.note_places.insert(n, (page_no, y));
            let lines = self.notes[n as usize - 1].clone();
            for l in &lines {
                self.draw_line(Some(elem), l, x, y, FOOTNOTE.leading, super::theme::TEXT);
                y += FOOTNOTE.leading;
            }
            y += 2.0;
        }
    }
}
