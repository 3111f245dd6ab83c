//! Flowing the document's blocks down the pages: paragraphs (no single
//! widow or orphan lines), headings kept with what follows, lists with
//! hanging indents, quotes, callout boxes, figures and page breaks.

use std::sync::Arc;

use super::fonts::Style;
use super::lines::{break_lines, Line, Run};
use super::pagination::{Draw, Geometry, LinkArea, Pager, Target};
use super::theme::{self, Color, TextStyle, BODY, H1, H2, H3, LABEL};
use crate::compose::{figure_warning, CalloutKind, Chart, DocBlock, DocChapter, Image, Span};
use crate::export::chart::{self, Anchor, Item, Mark, Rgb};
use crate::model::prosemirror::link_allowed;

/// The height a chart is drawn at in `width`: its own size, or smaller to
/// fit.
fn chart_height(width: f32) -> f32 {
    chart::HEIGHT * (width / chart::WIDTH).min(1.0)
}

/// The size a picture of `pw` × `ph` pixels is drawn at in `width` on
/// pages of `geo`: its natural size at 96 pixels an inch, scaled down to
/// fit the measure and at most 60% of the page's height.
fn figure_size(geo: &Geometry, pw: u32, ph: u32, width: f32) -> (f32, f32) {
    let (pw, ph) = (pw.max(1) as f32, ph.max(1) as f32);
    let mut w = (pw * 0.75).min(width);
    let mut h = w * ph / pw;
    let max_h = (geo.body_bottom() - geo.top) * 0.6;
    if h > max_h {
        w *= max_h / h;
        h = max_h;
    }
    (w, h)
}

/// A figure block's parts, as composed.
struct Figure<'a> {
    alt: &'a str,
    caption: Option<&'a str>,
    image: Option<&'a Image>,
    place: &'a str,
}

/// A label set in the hanging indent beside a paragraph's first line.
pub struct Label {
    pub text: String,
    pub x: f32,
    pub elem: usize,
}

/// Turns inline spans into runs at `size` on top of `base`.
pub fn runs(spans: &[Span], base: Style, size: f32) -> Vec<Run> {
    let mut out = Vec::with_capacity(spans.len());
    for s in spans {
        match s {
            Span::Text {
                text,
                bold,
                italic,
                link,
            } => {
                let mut style = base;
                if *bold {
                    style = style.bold();
                }
                if *italic {
                    style = style.italic();
                }
                let mut r = Run::new(text.clone(), style, size);
                // Compose drops any other link; this also guards a document made elsewhere.
                r.link = link.as_deref().filter(|l| link_allowed(l)).map(Arc::from);
                out.push(r);
            }
            Span::FootnoteRef { number } => {
                let mut r = Run::new(number.to_string(), Style::Regular, size * theme::SUP_SCALE);
                r.rise = size * 0.33;
                r.note = Some(*number);
                out.push(r);
            }
            Span::LineBreak => out.push(Run::new("\n", base, size)),
        }
    }
    out
}

impl Pager {
    /// Places lines of one element, splitting across pages without leaving
    /// a single first line at a page foot or a single last line at a top.
    pub fn place_lines(
        &mut self,
        lines: &[Line],
        x: f32,
        style: TextStyle,
        color: Color,
        elem: usize,
        mut label: Option<Label>,
    ) {
        let n = lines.len();
        let mut i = 0;
        while i < n {
            let fit = self.fit_count(&lines[i..], style.leading);
            let left = n - i;
            let mut take = fit.min(left);
            if take < left {
                if i == 0 && take == 1 && left > 1 {
                    take = 0;
                }
                if left - take == 1 && take >= 2 {
                    take -= 1;
                } else if left - take == 1 && take < 2 && left > 1 {
                    take = 0;
                }
            }
            if take == 0 {
                if self.at_top() {
                    take = 1;
                } else {
                    self.new_page(true);
                    continue;
                }
            }
            for line in &lines[i..i + take] {
                self.place_line(line, x, style, color, elem, label.take());
            }
            i += take;
            if i < n {
                self.new_page(true);
            }
        }
    }

    /// How many of `lines` fit on this page with their footnotes.
    fn fit_count(&self, lines: &[Line], leading: f32) -> usize {
        let mut notes: Vec<u32> = Vec::new();
        let mut y = self.y;
        for (k, l) in lines.iter().enumerate() {
            notes.extend(l.notes());
            y += leading;
            if y + self.notes_need(&notes) > self.limit() + 0.01 {
                return k;
            }
        }
        lines.len()
    }

    fn place_line(
        &mut self,
        line: &Line,
        x: f32,
        style: TextStyle,
        color: Color,
        elem: usize,
        label: Option<Label>,
    ) {
        let top = self.y;
        if let Some(l) = label {
            // The trailing space keeps "3.1 Text" apart in the tag text.
            let shaped = self.shaper.shape(Style::Regular, &format!("{} ", l.text));
            let baseline = top + (style.leading - style.size) / 2.0 + style.size * 0.8;
            self.draw(
                Some(l.elem),
                Draw::Text {
                    x: l.x,
                    y: baseline,
                    shaped,
                    size: style.size,
                    color,
                },
            );
        }
        for f in &line.frags {
            let fx = x + f.x;
            let area = |elem, target| LinkArea {
                x: fx,
                y: top,
                w: f.width(),
                h: style.leading,
                target,
                elem,
            };
            if let Some(n) = f.note {
                // The footnote mark: a Reference holding a Link to the note.
                let reference = self.tree.add(elem, "Reference");
                let link = self.tree.add(reference, "Link");
                self.draw_frag(Some(link), f, fx, top, style.leading, color);
                self.link(area(link, Target::Footnote(n)));
                self.add_note(n, elem);
            } else if let Some(uri) = &f.link {
                let open = match &self.open_link {
                    Some((parent, u, link)) if *parent == elem && u == uri => Some(*link),
                    _ => None,
                };
                let link = open.unwrap_or_else(|| self.tree.add(elem, "Link"));
                self.open_link = Some((elem, uri.clone(), link));
                self.draw_frag(Some(link), f, fx, top, style.leading, theme::LINK);
                // The link's next word on the same line widens its area;
                // on a new line it gets an area (annotation) of its own.
                let last = self.pages.last_mut().and_then(|p| p.links.last_mut());
                match last {
                    Some(a) if open.is_some() && a.elem == link && a.y == top => {
                        a.w = fx + f.width() - a.x;
                    }
                    _ => self.link(area(link, Target::Uri(uri.to_string()))),
                }
                continue;
            } else {
                self.draw_frag(Some(elem), f, fx, top, style.leading, color);
            }
            self.open_link = None;
        }
        self.y += style.leading;
    }

    /// Records where figure `elem` is drawn on the current page, given in
    /// the pager's top-down points, as its layout bounding box.
    pub fn set_bbox(&mut self, elem: usize, x: f32, y: f32, w: f32, h: f32) {
        let page_h = self.geo.height;
        self.tree.get_mut(elem).bbox = Some([x, page_h - (y + h), x + w, page_h - y]);
    }

    pub fn space_before(&mut self, gap: f32) {
        if !self.at_top() {
            self.y += gap;
        }
    }

    /// Starts a new page unless `need` points remain on this one.
    pub fn ensure(&mut self, need: f32) {
        if self.room() < need && !self.at_top() {
            self.new_page(true);
        }
    }

    /// A chapter: new page, H1 title, its blocks.
    pub fn chapter(&mut self, ch: &DocChapter, width: f32) {
        self.chapter = Some(ch.heading_text());
        // A labelled chapter after the first starts a part (an appendix);
        // the first one's label names the document's author.
        if ch.label.is_some() && !self.pages.is_empty() {
            self.part = ch.label.clone();
        }
        self.new_page(true);
        if let Some((logo, authority)) = self.head_logo.take() {
            let h = self.logo(&logo, &authority);
            if h > 0.0 {
                self.y += h + 18.0;
            }
        }
        self.anchors
            .insert(ch.anchor.clone(), (self.page_index(), self.y));
        if let Some(label) = &ch.label {
            // "Appendix 2" above the heading, read before it.
            let p = self.tree.add(super::tagging::ROOT, "P");
            let runs = vec![Run::new(label.clone(), Style::Bold, LABEL.size)];
            let lines = break_lines(&mut self.shaper, &runs, width);
            self.place_lines(&lines, self.geo.left, LABEL, theme::MUTED, p, None);
            self.y += LABEL.after;
        }
        let h = self.tree.add(super::tagging::ROOT, "H1");
        let runs = vec![Run::new(ch.heading_text(), Style::Bold, H1.size)];
        let lines = break_lines(&mut self.shaper, &runs, width);
        let x = self.geo.left;
        self.place_lines(&lines, x, H1, theme::HEADING, h, None);
        self.y += H1.after;
        let sect = self.tree.add(super::tagging::ROOT, "Sect");
        for (i, b) in ch.blocks.iter().enumerate() {
            if let DocBlock::Heading { .. } = b {
                self.keep_next = match ch.blocks.get(i + 1) {
                    Some(DocBlock::Table(t)) => self.table_start_height(t, width),
                    Some(DocBlock::Chart(_)) => chart_height(width) + BODY.leading,
                    _ => 0.0,
                };
            }
            self.block(b, sect, x, width);
        }
    }

    pub fn block(&mut self, b: &DocBlock, parent: usize, x: f32, width: f32) {
        match b {
            DocBlock::Heading {
                level,
                anchor,
                content,
            } => {
                let (style, role) = if *level <= 2 { (H2, "H2") } else { (H3, "H3") };
                self.space_before(style.before);
                let runs = runs(content, Style::Bold, style.size);
                let lines = break_lines(&mut self.shaper, &runs, width);
                // Keep with the next two lines of text, or the start of the
                // table or chart that follows.
                let next = std::mem::take(&mut self.keep_next).max(2.0 * BODY.leading);
                self.ensure(lines.len() as f32 * style.leading + next + style.after);
                if let Some(a) = anchor {
                    self.anchors.insert(a.clone(), (self.page_index(), self.y));
                }
                let h = self.tree.add(parent, role);
                self.place_lines(&lines, x, style, theme::HEADING, h, None);
                self.y += style.after;
            }
            DocBlock::Paragraph { label, content } => {
                let p = self.tree.add(parent, "P");
                let (tx, tw, label) = match label {
                    Some(l) => (
                        x + theme::NUMBER_HANG,
                        width - theme::NUMBER_HANG,
                        Some(Label {
                            text: l.clone(),
                            x,
                            elem: p,
                        }),
                    ),
                    None => (x, width, None),
                };
                self.paragraph(content, Style::Regular, BODY, tx, tw, p, label);
            }
            DocBlock::List {
                ordered,
                start,
                items,
            } => self.list(*ordered, *start, items, parent, x, width),
            DocBlock::Quote {
                blocks,
                attribution,
            } => self.quote(blocks, attribution.as_deref(), parent, x, width),
            DocBlock::Callout {
                callout,
                title,
                blocks,
            } => self.callout(callout, title.as_deref(), blocks, parent, x, width),
            DocBlock::Table(t) => self.table(t, parent, x, width),
            DocBlock::Chart(c) => self.chart(c, parent, x, width),
            DocBlock::Figure {
                alt,
                caption,
                image,
                place,
            } => {
                let figure = Figure {
                    alt,
                    caption: caption.as_deref(),
                    image: image.as_ref(),
                    place,
                };
                self.figure(figure, parent, x, width)
            }
            DocBlock::PageBreak => {
                if !self.at_top() {
                    self.new_page(true);
                }
            }
        }
    }

    /// An indicator's trend chart, drawn as vectors: a Figure whose alt
    /// text states its figures, its title as the caption.
    fn chart(&mut self, c: &Chart, parent: usize, x: f32, width: f32) {
        let f = self.tree.add(parent, "Figure");
        self.tree.get_mut(f).alt = Some(c.alt.clone());
        let scale = (width / chart::WIDTH).min(1.0);
        let (w, h) = (chart::WIDTH * scale, chart_height(width));
        self.ensure(h + BODY.leading * 2.0);
        let top = self.y;
        self.set_bbox(f, x, top, w, h);
        let at = |(px, py): (f32, f32)| (x + px * scale, top + py * scale);
        let color = |Rgb(r, g, b): Rgb| Color(r as f32 / 255.0, g as f32 / 255.0, b as f32 / 255.0);
        for item in chart::layout(c) {
            let d = match item {
                Item::Line {
                    points,
                    width,
                    color: c,
                    dashed,
                } => Draw::Path {
                    points: points.into_iter().map(at).collect(),
                    closed: false,
                    fill: None,
                    stroke: Some((color(c), width * scale)),
                    dashed,
                },
                Item::Mark {
                    x: mx,
                    y: my,
                    size,
                    mark,
                    color: c,
                } => {
                    let r = size / 2.0;
                    let corners = match mark {
                        Mark::Diamond => {
                            vec![(mx, my - r), (mx + r, my), (mx, my + r), (mx - r, my)]
                        }
                        _ => vec![
                            (mx - r, my - r),
                            (mx + r, my - r),
                            (mx + r, my + r),
                            (mx - r, my + r),
                        ],
                    };
                    let filled = mark != Mark::Open;
                    Draw::Path {
                        points: corners.into_iter().map(at).collect(),
                        closed: true,
                        fill: Some(if filled {
                            color(c)
                        } else {
                            Color(1.0, 1.0, 1.0)
                        }),
                        stroke: (!filled).then(|| (color(c), 1.25 * scale)),
                        dashed: false,
                    }
                }
                Item::Text {
                    x: tx,
                    y: ty,
                    text,
                    size,
                    anchor,
                    color: c,
                } => {
                    let shaped = self.shaper.shape(Style::Regular, &text);
                    let size = size * scale;
                    let advance = shaped.width * size;
                    let (px, py) = at((tx, ty));
                    let px = match anchor {
                        Anchor::Start => px,
                        Anchor::Middle => px - advance / 2.0,
                        Anchor::End => px - advance,
                    };
                    Draw::Text {
                        x: px,
                        y: py,
                        shaped,
                        size,
                        color: color(c),
                    }
                }
            };
            self.draw(Some(f), d);
        }
        self.y = top + h + 4.0;
        let p = self.tree.add(parent, "Caption");
        let mut style = BODY;
        style.size = theme::TABLE.size;
        style.leading = theme::TABLE.leading;
        self.paragraph(
            &[Span::plain(c.title.clone())],
            Style::Italic,
            style,
            x,
            width,
            p,
            None,
        );
        self.y += 4.0;
    }

    /// A framed box with the alt text, for a figure whose image is missing
    /// or cannot be read.
    fn figure_placeholder(&mut self, f: usize, alt: &str, x: f32, width: f32) {
        let height = 140.0f32.min(width * 0.5);
        self.ensure(height + BODY.leading * 2.0);
        let top = self.y;
        self.set_bbox(f, x, top, width, height);
        self.draw(
            Some(f),
            Draw::Rect {
                x,
                y: top,
                w: width,
                h: height,
                fill: Some(theme::CALLOUT_FILL),
                stroke: Some((theme::RULE, 0.5)),
            },
        );
        let runs = vec![Run::new(
            format!("Image not available: {alt}"),
            Style::Italic,
            theme::TABLE.size,
        )];
        let lines = break_lines(&mut self.shaper, &runs, width - 2.0 * theme::BOX_PAD);
        let mut y = top + height / 2.0 - lines.len() as f32 * theme::TABLE.leading / 2.0;
        for l in &lines {
            self.draw_line(
                Some(f),
                l,
                x + theme::BOX_PAD,
                y,
                theme::TABLE.leading,
                theme::MUTED,
            );
            y += theme::TABLE.leading;
        }
        self.y = top + height + 4.0;
    }

    /// A paragraph of body text (or italic, in quotes) in element `elem`.
    #[allow(clippy::too_many_arguments)]
    pub fn paragraph(
        &mut self,
        content: &[Span],
        base: Style,
        style: TextStyle,
        x: f32,
        width: f32,
        elem: usize,
        label: Option<Label>,
    ) {
        let runs = runs(content, base, style.size);
        let lines = break_lines(&mut self.shaper, &runs, width);
        self.place_lines(&lines, x, style, theme::TEXT, elem, label);
        self.y += style.after;
    }

    fn list(
        &mut self,
        ordered: bool,
        start: u32,
        items: &[Vec<DocBlock>],
        parent: usize,
        x: f32,
        width: f32,
    ) {
        let l = self.tree.add(parent, "L");
        for (i, item) in items.iter().enumerate() {
            let li = self.tree.add(l, "LI");
            let lbl = self.tree.add(li, "Lbl");
            let body = self.tree.add(li, "LBody");
            let text = if ordered {
                format!("{}.", start as usize + i)
            } else {
                "•".to_owned()
            };
            let mut label = Some(Label { text, x, elem: lbl });
            let (bx, bw) = (x + theme::HANG, width - theme::HANG);
            for b in item {
                match (b, label.take()) {
                    (DocBlock::Paragraph { content, .. }, Some(lab)) => {
                        let p = self.tree.add(body, "P");
                        let mut style = BODY;
                        style.after = 4.0;
                        self.paragraph(content, Style::Regular, style, bx, bw, p, Some(lab));
                    }
                    (DocBlock::Paragraph { content, .. }, None) => {
                        let p = self.tree.add(body, "P");
                        let mut style = BODY;
                        style.after = 4.0;
                        self.paragraph(content, Style::Regular, style, bx, bw, p, None);
                    }
                    (other, lab) => {
                        if let Some(lab) = lab {
                            self.ensure(BODY.leading * 2.0);
                            let shaped = self.shaper.shape(Style::Regular, &lab.text);
                            let y = self.y + BODY.size;
                            self.draw(
                                Some(lab.elem),
                                Draw::Text {
                                    x,
                                    y,
                                    shaped,
                                    size: BODY.size,
                                    color: theme::TEXT,
                                },
                            );
                        }
                        self.block(other, body, bx, bw);
                    }
                }
            }
        }
        self.y += 4.0;
    }

    fn quote(
        &mut self,
        blocks: &[DocBlock],
        attribution: Option<&str>,
        parent: usize,
        x: f32,
        width: f32,
    ) {
        let q = self.tree.add(parent, "BlockQuote");
        let indent = 18.0;
        let (start_page, start_y) = (self.page_index(), self.y);
        for b in blocks {
            match b {
                DocBlock::Paragraph { content, .. } => {
                    let p = self.tree.add(q, "P");
                    self.paragraph(
                        content,
                        Style::Italic,
                        BODY,
                        x + indent,
                        width - indent,
                        p,
                        None,
                    );
                }
                other => self.block(other, q, x + indent, width - indent),
            }
        }
        if let Some(a) = attribution {
            let p = self.tree.add(q, "P");
            self.paragraph(
                &[Span::plain(format!("— {a}"))],
                Style::Regular,
                BODY,
                x + indent,
                width - indent,
                p,
                None,
            );
        }
        let end = (self.page_index(), self.y - BODY.after);
        for page in start_page..=end.0 {
            let top = if page == start_page {
                start_y
            } else {
                self.geo.top
            };
            let bottom = if page == end.0 {
                end.1
            } else {
                self.geo.body_bottom()
            };
            let d = Draw::Rule {
                x1: x + 4.0,
                y1: top,
                x2: x + 4.0,
                y2: bottom,
                width: 2.5,
                color: theme::CALLOUT_BORDER,
            };
            self.underlay(page, usize::MAX, d);
        }
    }

    /// A box in the colours of its kind, the kind named in words at its top.
    fn callout(
        &mut self,
        kind: &CalloutKind,
        title: Option<&str>,
        blocks: &[DocBlock],
        parent: usize,
        x: f32,
        width: f32,
    ) {
        let look = theme::callout(kind);
        let label = theme::CALLOUT_LABEL;
        self.space_before(4.0);
        self.ensure(label.leading + BODY.leading * 3.0 + 2.0 * theme::BOX_PAD);
        let div = self.tree.add(parent, "Div");
        let (start_page, start_y, start_at) = (self.page_index(), self.y, self.marked_len());
        self.y += theme::BOX_PAD;
        let (ix, iw) = (x + theme::BOX_PAD, width - 2.0 * theme::BOX_PAD);
        let p = self.tree.add(div, "P");
        let runs = vec![Run::new(
            kind.label().to_uppercase(),
            Style::Bold,
            label.size,
        )];
        let lines = break_lines(&mut self.shaper, &runs, iw);
        self.place_lines(&lines, ix, label, look.label, p, None);
        self.y += label.after;
        if let Some(t) = title {
            let p = self.tree.add(div, "P");
            let mut style = BODY;
            style.after = 4.0;
            let runs = vec![Run::new(t, Style::Bold, style.size)];
            let lines = break_lines(&mut self.shaper, &runs, iw);
            self.ensure(lines.len() as f32 * style.leading + 2.0 * BODY.leading);
            self.place_lines(&lines, ix, style, theme::HEADING, p, None);
            self.y += style.after;
        }
        for b in blocks {
            self.block(b, div, ix, iw);
        }
        self.y += theme::BOX_PAD - BODY.after;
        let end = (self.page_index(), self.y);
        for page in start_page..=end.0 {
            let top = if page == start_page {
                start_y
            } else {
                self.geo.top - 4.0
            };
            let bottom = if page == end.0 {
                end.1
            } else {
                self.geo.body_bottom()
            };
            let d = Draw::Rect {
                x,
                y: top,
                w: width,
                h: bottom - top,
                fill: Some(look.fill),
                stroke: Some((look.border, 0.8)),
            };
            self.underlay(page, if page == start_page { start_at } else { 0 }, d);
        }
        self.y += 12.0;
    }

    fn figure(&mut self, figure: Figure, parent: usize, x: f32, width: f32) {
        let Figure {
            alt,
            caption,
            image,
            place,
        } = figure;
        let f = self.tree.add(parent, "Figure");
        self.tree.get_mut(f).alt = Some(alt.to_owned());
        // Decoded for the widest it can be drawn (the whole measure), so
        // one decoding serves every figure that shows it.
        let geo = self.geo;
        let placed = image.map(|i| {
            self.pictures
                .get(i, |pw, ph| figure_size(&geo, pw, ph, geo.measure()))
                .map_err(|why| {
                    let because = format!("its image {} cannot be used: {why}", i.name);
                    figure_warning(alt, place, &because)
                })
        });
        match placed {
            Some(Ok(p)) => {
                let (w, h) = figure_size(&geo, p.width, p.height, width);
                self.ensure(h + BODY.leading * 2.0);
                let top = self.y;
                self.set_bbox(f, x, top, w, h);
                self.draw(
                    Some(f),
                    Draw::Image {
                        x,
                        y: top,
                        w,
                        h,
                        image: p.index,
                    },
                );
                self.y = top + h + 4.0;
            }
            Some(Err(warning)) => {
                self.warnings.push(warning);
                self.figure_placeholder(f, alt, x, width);
            }
            // Not in the plan: compose has said so.
            None => self.figure_placeholder(f, alt, x, width),
        }
        if let Some(c) = caption {
            let p = self.tree.add(parent, "Caption");
            let mut style = BODY;
            style.size = theme::TABLE.size;
            style.leading = theme::TABLE.leading;
            self.paragraph(&[Span::plain(c)], Style::Italic, style, x, width, p, None);
        }
        self.y += 4.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_to_anything_but_the_web_or_mail_is_set_as_plain_text() {
        let link = |href: &str| Span::Text {
            text: "x".into(),
            bold: false,
            italic: false,
            link: Some(href.into()),
        };
        let spans = [
            link("javascript:alert(1)"),
            link("file:///etc/passwd"),
            link("data:text/html,x"),
            link("https://example.org"),
        ];
        let links: Vec<_> = runs(&spans, Style::Regular, 10.0)
            .into_iter()
            .map(|r| r.link.map(|l| l.to_string()))
            .collect();
        assert_eq!(
            links,
            [None, None, None, Some("https://example.org".into())]
        );
    }
}
