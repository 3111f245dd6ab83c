//! Pages → printpdf operations: glyph runs by glyph id (with kerning
//! adjustments and the text each glyph stands for), rectangles and rules,
//! each run of content wrapped in marked content (an MCID or /Artifact).

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color as PdfColor, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, Point, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix,
    XObjectId, XObjectTransform,
};

use super::fonts::{self, Style};
use super::pagination::{Draw, Page};
use super::shaping::Shaped;
use super::tagging::Tree;
use super::theme::Color;

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb::new(c.0, c.1, c.2, None))
}

/// Builds the printpdf document for the laid-out pages.
pub fn document(
    title: &str,
    pages: &[Page],
    tree: &Tree,
    images: &[RawImage],
    width: f32,
    height: f32,
) -> PdfDocument {
    let mut doc = PdfDocument::new(title);
    let parsed = fonts::parsed();
    let pictures: Vec<XObjectId> = images.iter().map(|i| doc.add_image(i)).collect();
    let sizes: Vec<(f32, f32)> = images
        .iter()
        .map(|i| (i.width.max(1) as f32, i.height.max(1) as f32))
        .collect();
    let fonts: Vec<FontId> = Style::ALL
        .iter()
        .map(|s| doc.add_font(&parsed[*s as usize]))
        .collect();
    let res = Resources {
        fonts,
        images: pictures,
        sizes,
    };
    let pdf_pages = pages
        .iter()
        .map(|p| {
            PdfPage::new(
                Mm::from(Pt(width)),
                Mm::from(Pt(height)),
                page_ops(p, tree, &res, height),
            )
        })
        .collect();
    doc.with_pages(pdf_pages);
    doc
}

/// What the pages refer to: the fonts and the images with their pixel sizes.
struct Resources {
    fonts: Vec<FontId>,
    images: Vec<XObjectId>,
    sizes: Vec<(f32, f32)>,
}

fn page_ops(page: &Page, tree: &Tree, res: &Resources, height: f32) -> Vec<Op> {
    let mut ops = Vec::new();
    for m in &page.marked {
        match m.tag {
            Some((elem, mcid)) => {
                let mut map = BTreeMap::new();
                map.insert("MCID".to_owned(), DictItem::Int(mcid as i64));
                ops.push(Op::BeginMarkedContentWithProperties {
                    tag: tree.elems[elem].role.to_owned(),
                    properties: DictItem::Dict { map },
                });
            }
            None => ops.push(Op::BeginMarkedContent {
                tag: "Artifact".into(),
            }),
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
                        r.emit(&mut text, res, height, &mut ops);
                    }
                    run = Some(TextRun::new(*x, *y, shaped, *size, *color));
                }
                continue;
            }
            if let Some(r) = run.take() {
                r.emit(&mut text, res, height, &mut ops);
            }
            text.close(&mut ops);
            draw_ops(d, res, height, &mut ops);
        }
        if let Some(r) = run.take() {
            r.emit(&mut text, res, height, &mut ops);
        }
        text.close(&mut ops);
        ops.push(Op::EndMarkedContent);
    }
    ops
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
    fn close(&mut self, ops: &mut Vec<Op>) {
        if self.open {
            ops.push(Op::EndTextSection);
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
    glyphs: Vec<Codepoint>,
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
            glyphs: Vec::new(),
        };
        r.push(shaped);
        r
    }

    fn push(&mut self, shaped: &Shaped) {
        self.glyphs.extend(shaped.glyphs.iter().map(|g| Codepoint {
            gid: g.gid,
            offset: if g.adjust.abs() < 0.01 { 0.0 } else { g.adjust },
            cid: Some(g.text.clone()),
        }));
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
            last.offset -= gap * 1000.0 / size;
        }
        self.end = x;
        self.push(shaped);
        true
    }

    fn emit(self, st: &mut TextState, res: &Resources, height: f32, ops: &mut Vec<Op>) {
        if !st.open {
            ops.push(Op::StartTextSection);
            st.open = true;
        }
        if st.color != Some(self.color) {
            ops.push(Op::SetFillColor {
                col: rgb(self.color),
            });
            st.color = Some(self.color);
        }
        if st.font != Some((self.style, self.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(res.fonts[self.style as usize].clone()),
                size: Pt(self.size),
            });
            st.font = Some((self.style, self.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(self.x), Pt(height - self.y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(self.glyphs)],
        });
    }
}

fn draw_ops(d: &Draw, res: &Resources, height: f32, ops: &mut Vec<Op>) {
    match d {
        Draw::Text {
            x,
            y,
            shaped,
            size,
            color,
        }
        | Draw::Turned {
            x,
            y,
            shaped,
            size,
            color,
            ..
        } => {
            let matrix = match d {
                Draw::Turned { angle, .. } => {
                    TextMatrix::TranslateRotate(Pt(*x), Pt(height - y), *angle)
                }
                _ => TextMatrix::Translate(Pt(*x), Pt(height - y)),
            };
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor { col: rgb(*color) });
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(res.fonts[shaped.style as usize].clone()),
                size: Pt(*size),
            });
            ops.push(Op::SetTextMatrix { matrix });
            ops.push(Op::ShowText {
                items: glyph_items(shaped),
            });
            ops.push(Op::EndTextSection);
        }
        Draw::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => {
            let mode = match (fill, stroke) {
                (Some(_), Some(_)) => PaintMode::FillStroke,
                (Some(_), None) => PaintMode::Fill,
                (None, _) => PaintMode::Stroke,
            };
            if let Some(f) = fill {
                ops.push(Op::SetFillColor { col: rgb(*f) });
            }
            if let Some((c, wd)) = stroke {
                ops.push(Op::SetOutlineColor { col: rgb(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*wd) });
            }
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(height - y - h),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(mode),
                    winding_order: None,
                },
            });
        }
        Draw::Image { x, y, w, h, image } => {
            let (pw, ph) = res.sizes[*image];
            // At 72 dpi a pixel is a point; scale from there to the box.
            ops.push(Op::UseXobject {
                id: res.images[*image].clone(),
                transform: XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(height - y - h)),
                    scale_x: Some(w / pw),
                    scale_y: Some(h / ph),
                    dpi: Some(72.0),
                    ..XObjectTransform::default()
                },
            });
        }
        Draw::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => {
            ops.push(Op::SetOutlineColor { col: rgb(*color) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            let p = |x: f32, y: f32| LinePoint {
                p: Point {
                    x: Pt(x),
                    y: Pt(height - y),
                },
                bezier: false,
            };
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![p(*x1, *y1), p(*x2, *y2)],
                    is_closed: false,
                },
            });
        }
    }
}

fn glyph_items(shaped: &Shaped) -> Vec<TextItem> {
    let cps = shaped
        .glyphs
        .iter()
        .map(|g| Codepoint {
            gid: g.gid,
            offset: if g.adjust.abs() < 0.01 { 0.0 } else { g.adjust },
            cid: Some(g.text.clone()),
        })
        .collect();
    vec![TextItem::GlyphIds(cps)]
}
