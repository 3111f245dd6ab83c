//! Laid-out pages → the PDF's pages: content streams (glyph runs by glyph
//! id with their kerning, rectangles, rules and pictures, each run of
//! content wrapped in marked content: an MCID or /Artifact), the fonts
//! subset to the glyphs used, and the page tree.

use lopdf::{dictionary, Dictionary, Document as Lo, Object, ObjectId, Stream};

use super::content::Content;
use super::embedding::{self, Usage};
use super::fonts::Style;
use super::pagination::{Draw, Page};
use super::shaping::Shaped;
use super::tagging::Tree;
use super::theme::Color;
use super::{deflate, images, PdfError};

/// Builds the PDF for the laid-out pages. The pages' content is written
/// and deflated while the fonts are subset and `finish` adds the rest (the
/// tag tree, links, bookmarks, metadata).
pub fn document(
    pages: &[Page],
    tree: &Tree,
    pictures: Vec<images::Encoded>,
    finish: impl FnOnce(&mut Lo) -> Result<(), PdfError>,
) -> Result<Lo, PdfError> {
    let mut usage: [Usage; 4] = Default::default();
    for d in pages.iter().flat_map(|p| &p.marked).flat_map(|m| &m.draws) {
        if let Draw::Text { shaped, .. } = d {
            let u = &mut usage[shaped.style as usize];
            for g in &shaped.glyphs {
                u.add(g.gid, shaped.text_of(g));
            }
        }
    }
    std::thread::scope(|s| {
        // Content is written and deflated on the other cores while this
        // one subsets the fonts and builds the rest of the document.
        let count = pictures.len();
        // The outlined shapes (one, the watermark) are found in one pass;
        // pages name each form by its place in this list.
        let forms = outline_forms(pages);
        let keys: Vec<usize> = forms.iter().map(|f| f.0).collect();
        let writing = s.spawn(move || contents(pages, tree, count, &keys));
        let subsets = Style::ALL.map(|style| {
            let u = &usage[style as usize];
            (!u.is_empty()).then(|| embedding::subset(style, u))
        });
        let mut lo = Lo::with_version("1.7");
        let mut font_dict = Dictionary::new();
        for (style, subset) in Style::ALL.into_iter().zip(subsets) {
            let Some(subset) = subset else { continue };
            let subset = subset.map_err(|reason| PdfError::Font {
                font: format!("{style:?}"),
                reason,
            })?;
            let id = embedding::write(&mut lo, style, &usage[style as usize], subset);
            font_dict.set(font_name(style), id);
        }
        let mut xobjects = Dictionary::new();
        for (i, picture) in pictures.into_iter().enumerate() {
            let id = images::add(&mut lo, picture);
            xobjects.set(image_name(i), id);
        }
        for (i, (_, content, bbox)) in forms.into_iter().enumerate() {
            let bbox: Vec<Object> = bbox.iter().map(|v| Object::Real(*v)).collect();
            let id = lo.add_object(Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Form",
                    "BBox" => bbox,
                    "Resources" => Dictionary::new(),
                },
                content,
            ));
            xobjects.set(form_name(i), id);
        }
        let resources = lo.add_object(dictionary! { "Font" => font_dict, "XObject" => xobjects });

        let pages_id: ObjectId = lo.new_object_id();
        let mut streams = Vec::with_capacity(pages.len());
        let kids: Vec<Object> = pages
            .iter()
            .map(|page| {
                let stream = lo.add_object(Stream::new(
                    dictionary! { "Filter" => "FlateDecode" },
                    Vec::new(),
                ));
                streams.push(stream);
                Object::Reference(lo.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "MediaBox" => vec![0.into(), 0.into(), Object::Real(page.geo.width), Object::Real(page.geo.height)],
                    "Resources" => resources,
                    "Contents" => stream,
                }))
            })
            .collect();
        let count = kids.len() as i64;
        lo.set_object(
            pages_id,
            dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count },
        );
        let catalog = lo.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        lo.trailer.set("Root", catalog);
        finish(&mut lo)?;

        let packed = writing.join().expect("writing content does not panic");
        for (id, bytes) in streams.into_iter().zip(packed) {
            if let Ok(Object::Stream(stream)) = lo.get_object_mut(id) {
                stream.set_content(bytes);
            }
        }
        Ok(lo)
    })
}

/// The resource name of a style's font: looked up for every run of text,
/// so a constant rather than a string made each time.
fn font_name(style: Style) -> &'static str {
    ["F0", "F1", "F2", "F3"][style as usize]
}

fn form_name(index: usize) -> String {
    format!("Wm{index}")
}

/// Identifies an outlined shape by its allocation: the watermark is
/// shaped once and drawn on every page.
fn outline_key(shaped: &std::sync::Arc<Shaped>) -> usize {
    std::sync::Arc::as_ptr(shaped) as usize
}

/// Each distinct outlined shape as a form's content and bounding box.
fn outline_forms(pages: &[Page]) -> Vec<(usize, Vec<u8>, [f32; 4])> {
    let mut forms: Vec<(usize, Vec<u8>, [f32; 4])> = Vec::new();
    for d in pages.iter().flat_map(|p| &p.marked).flat_map(|m| &m.draws) {
        if let Draw::Outlined {
            shaped,
            size,
            color,
            ..
        } = d
        {
            let k = outline_key(shaped);
            if !forms.iter().any(|f| f.0 == k) {
                let (content, bbox) = super::content::outlines(shaped, *size, *color);
                forms.push((k, content, bbox));
            }
        }
    }
    forms
}

fn image_name(index: usize) -> String {
    format!("Im{index}")
}

/// Each page's content stream, deflated, written on the machine's cores.
fn contents(pages: &[Page], tree: &Tree, pictures: usize, forms: &[usize]) -> Vec<Vec<u8>> {
    let one = |p: &Page| deflate(&page_content(p, tree, pictures, forms));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads < 2 || pages.len() < 8 {
        return pages.iter().map(one).collect();
    }
    let chunk = pages.len().div_ceil(threads);
    std::thread::scope(|s| {
        let workers: Vec<_> = pages
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("writing content does not panic"))
            .collect()
    })
}

/// A page's content stream; `pictures` is how many images there are.
fn page_content(page: &Page, tree: &Tree, pictures: usize, forms: &[usize]) -> Vec<u8> {
    let height = page.geo.height;
    let mut c = Content::with_capacity(16 * 1024);
    for m in &page.marked {
        // A reserved artifact left empty (an entry too long for a leader).
        if m.tag.is_none() && m.draws.is_empty() {
            continue;
        }
        match m.tag {
            Some((elem, mcid)) => c.begin_tagged(tree.elems[elem].role, mcid),
            None => c.begin_artifact(),
        }
        let mut run: Option<TextRun> = None;
        let mut text = TextState::default();
        for d in &m.draws {
            if let Draw::Text {
                x,
                y,
                shaped,
                size,
                color,
            } = d
            {
                let joined = run
                    .as_mut()
                    .is_some_and(|r| r.join(*x, *y, shaped, *size, *color));
                if !joined {
                    if let Some(r) = run.take() {
                        r.emit(&mut text, height, &mut c);
                    }
                    run = Some(TextRun::new(*x, *y, shaped, *size, *color));
                }
                continue;
            }
            if let Some(r) = run.take() {
                r.emit(&mut text, height, &mut c);
            }
            text.close(&mut c);
            draw(d, pictures, forms, height, &mut c);
        }
        if let Some(r) = run.take() {
            r.emit(&mut text, height, &mut c);
        }
        text.close(&mut c);
        c.end_marked();
    }
    c.finish()
}

/// The open text object (BT … ET) and the font and colour it has set, so
/// consecutive runs share one text object and set only what changes.
#[derive(Default)]
struct TextState {
    open: bool,
    font: Option<(Style, f32)>,
    color: Option<Color>,
}

impl TextState {
    fn close(&mut self, c: &mut Content) {
        if self.open {
            c.end_text();
            *self = TextState::default();
        }
    }
}

/// Pieces of text on one baseline in one font, size and colour, shown by
/// one TJ with the gaps between them as position adjustments.
struct TextRun {
    x: f32,
    y: f32,
    style: Style,
    size: f32,
    color: Color,
    /// Where the text shown so far ends.
    end: f32,
    /// Original glyph ids and their TJ adjustments.
    glyphs: Vec<(u16, f32)>,
}

impl TextRun {
    fn new(x: f32, y: f32, shaped: &Shaped, size: f32, color: Color) -> Self {
        let mut r = TextRun {
            x,
            y,
            style: shaped.style,
            size,
            color,
            end: x,
            glyphs: Vec::with_capacity(64),
        };
        r.push(shaped);
        r
    }

    fn push(&mut self, shaped: &Shaped) {
        self.glyphs
            .extend(shaped.glyphs.iter().map(|g| (g.gid, adjustment(g.adjust))));
        self.end += shaped.width_at(self.size);
    }

    /// Adds `shaped` at `x` if it continues this run; false if it cannot.
    fn join(&mut self, x: f32, y: f32, shaped: &Shaped, size: f32, color: Color) -> bool {
        let gap = x - self.end;
        if (y - self.y).abs() > 0.01
            || shaped.style != self.style
            || (size - self.size).abs() > 0.01
            || color != self.color
            || !(-0.5..=200.0).contains(&gap)
        {
            return false;
        }
        if let Some(last) = self.glyphs.last_mut() {
            // TJ numbers move left by thousandths of the font size.
            last.1 -= gap * 1000.0 / size;
        }
        self.end = x;
        self.push(shaped);
        true
    }

    fn emit(self, st: &mut TextState, height: f32, c: &mut Content) {
        if !st.open {
            c.begin_text();
            st.open = true;
        }
        if st.color != Some(self.color) {
            c.fill(self.color);
            st.color = Some(self.color);
        }
        if st.font != Some((self.style, self.size)) {
            c.font(font_name(self.style), self.size);
            st.font = Some((self.style, self.size));
        }
        c.text_at(self.x, height - self.y, 0.0);
        c.show(
            self.glyphs
                .into_iter()
                .map(|(gid, adj)| (gid, adjustment(adj))),
        );
    }
}

/// Adjustments too small to see are left out, keeping runs of glyphs in
/// one string.
fn adjustment(a: f32) -> f32 {
    if a.abs() < 0.01 {
        0.0
    } else {
        a
    }
}

/// `forms` are the outlined shapes painted as forms, by [`outline_key`].
fn draw(d: &Draw, pictures: usize, forms: &[usize], height: f32, c: &mut Content) {
    match d {
        Draw::Text {
            x,
            y,
            shaped,
            size,
            color,
        } => {
            c.begin_text();
            c.fill(*color);
            c.font(font_name(shaped.style), *size);
            c.text_at(*x, height - y, 0.0);
            c.show(shaped.glyphs.iter().map(|g| (g.gid, adjustment(g.adjust))));
            c.end_text();
        }
        Draw::Outlined {
            x,
            y,
            angle,
            shaped,
            ..
        } => {
            if let Some(i) = forms.iter().position(|k| *k == outline_key(shaped)) {
                c.form(&form_name(i), *x, height - y, *angle);
            }
        }
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            paint(c, *fill, *stroke);
            c.rect(*x, height - y - h, *w, *h, fill.is_some(), stroke.is_some());
        }
        Draw::Image { x, y, w, h, image } => {
            if *image < pictures {
                c.image(&image_name(*image), *x, height - y - h, *w, *h);
            }
        }
        Draw::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            c.stroke(*color);
            c.line_width(*width);
            c.line(*x1, height - y1, *x2, height - y2);
        }
        Draw::Path {
            points,
            closed,
            fill,
            stroke,
            dashed,
        } => {
            paint(c, *fill, *stroke);
            let flipped: Vec<(f32, f32)> = points.iter().map(|(x, y)| (*x, height - y)).collect();
            c.path(&flipped, *closed, fill.is_some(), stroke.is_some(), *dashed);
        }
    }
}

/// Sets the colours a filled and/or stroked shape is painted in.
fn paint(c: &mut Content, fill: Option<Color>, stroke: Option<(Color, f32)>) {
    if let Some(f) = fill {
        c.fill(f);
    }
    if let Some((s, width)) = stroke {
        c.stroke(s);
        c.line_width(width);
    }
}
