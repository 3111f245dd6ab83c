//! Pages → printpdf operations: glyph runs by glyph id (with kerning
//! adjustments and the text each glyph stands for), rectangles and rules,
//! each run of content wrapped in marked content (an MCID or /Artifact).

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, Color as PdfColor, DictItem, FontId, Line, LinePoint, Mm, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::fonts::{self, Style};
use super::pagination::{Draw, Page};
use super::tagging::Tree;
use super::theme::Color;

fn rgb(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb::new(c.0, c.1, c.2, None))
}

/// Builds the printpdf document for the laid-out pages.
pub fn document(title: &str, pages: &[Page], tree: &Tree, width: f32, height: f32) -> PdfDocument {
    let mut doc = PdfDocument::new(title);
    let parsed = fonts::parsed();
    let ids: Vec<FontId> = Style::ALL
        .iter()
        .map(|s| doc.add_font(&parsed[*s as usize]))
        .collect();
    let pdf_pages = pages
        .iter()
        .map(|p| {
            PdfPage::new(
                Mm::from(Pt(width)),
                Mm::from(Pt(height)),
                page_ops(p, tree, &ids, height),
            )
        })
        .collect();
    doc.with_pages(pdf_pages);
    doc
}

fn page_ops(page: &Page, tree: &Tree, fonts: &[FontId], height: f32) -> Vec<Op> {
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
        for d in &m.draws {
            draw_ops(d, fonts, height, &mut ops);
        }
        ops.push(Op::EndMarkedContent);
    }
    ops
}

fn glyph_items(shaped: &super::shaping::Shaped) -> Vec<TextItem> {
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

fn draw_ops(d: &Draw, fonts: &[FontId], height: f32, ops: &mut Vec<Op>) {
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
                font: PdfFontHandle::External(fonts[shaped.style as usize].clone()),
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
