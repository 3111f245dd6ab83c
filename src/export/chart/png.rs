//! The chart as a PNG picture, for the Word export (which has no vector
//! drawing a word processor reliably shows). Drawn by tiny-skia, text as
//! Liberation Sans glyph outlines (the PDF's font), on white.

use tiny_skia::{
    FillRule, LineCap, Paint, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform,
};

use super::{layout, Anchor, Item, Mark, Rgb, HEIGHT, WIDTH};
use crate::compose::Chart;
use crate::export::pdf::fonts;

/// The chart drawn at `scale` pixels a point (3 is 216 dpi), as PNG bytes:
/// at most [`WIDTH`] × [`HEIGHT`] × 16 pixels, as `scale` is held to 4.
pub fn png(c: &Chart, scale: f32) -> Vec<u8> {
    let scale = scale.clamp(1.0, 4.0);
    let (w, h) = ((WIDTH * scale) as u32, (HEIGHT * scale) as u32);
    let mut pixmap = Pixmap::new(w, h).expect("a chart is never empty");
    pixmap.fill(tiny_skia::Color::WHITE);
    let at = Transform::from_scale(scale, scale);
    let face = ttf_parser::Face::parse(fonts::REGULAR, 0).expect("the bundled font parses");
    for item in layout(c) {
        match item {
            Item::Line {
                points,
                width,
                color,
                dashed,
            } => {
                let mut pb = PathBuilder::new();
                for (i, (x, y)) in points.iter().enumerate() {
                    if i == 0 {
                        pb.move_to(*x, *y);
                    } else {
                        pb.line_to(*x, *y);
                    }
                }
                let Some(path) = pb.finish() else { continue };
                let stroke = Stroke {
                    width,
                    line_cap: LineCap::Butt,
                    dash: dashed
                        .then(|| StrokeDash::new(vec![4.0, 3.0], 0.0))
                        .flatten(),
                    ..Stroke::default()
                };
                pixmap.stroke_path(&path, &paint(color), &stroke, at, None);
            }
            Item::Mark {
                x,
                y,
                size,
                mark,
                color,
            } => {
                let r = size / 2.0;
                let path = match mark {
                    Mark::Diamond => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(x, y - r);
                        pb.line_to(x + r, y);
                        pb.line_to(x, y + r);
                        pb.line_to(x - r, y);
                        pb.close();
                        pb.finish()
                    }
                    _ => Rect::from_xywh(x - r, y - r, size, size).map(PathBuilder::from_rect),
                };
                let Some(path) = path else { continue };
                if mark == Mark::Open {
                    pixmap.fill_path(
                        &path,
                        &paint(Rgb(255, 255, 255)),
                        FillRule::Winding,
                        at,
                        None,
                    );
                    let stroke = Stroke {
                        width: 1.25,
                        ..Stroke::default()
                    };
                    pixmap.stroke_path(&path, &paint(color), &stroke, at, None);
                } else {
                    pixmap.fill_path(&path, &paint(color), FillRule::Winding, at, None);
                }
            }
            Item::Text {
                x,
                y,
                text,
                size,
                anchor,
                color,
            } => text_path(&face, &text, size)
                .into_iter()
                .for_each(|(path, advance)| {
                    let x = match anchor {
                        Anchor::Start => x,
                        Anchor::Middle => x - advance / 2.0,
                        Anchor::End => x - advance,
                    };
                    let t = at.pre_translate(x, y);
                    pixmap.fill_path(&path, &paint(color), FillRule::Winding, t, None);
                }),
        }
    }
    encode(&pixmap)
}

fn paint(Rgb(r, g, b): Rgb) -> Paint<'static> {
    let mut p = Paint::default();
    p.set_color_rgba8(r, g, b, 255);
    p.anti_alias = true;
    p
}

/// The outlines of `text` set at `size` points from the origin along its
/// baseline, and how far it advances; none for text with no ink.
fn text_path(face: &ttf_parser::Face, text: &str, size: f32) -> Option<(tiny_skia::Path, f32)> {
    let per_unit = size / f32::from(face.units_per_em());
    let mut pb = PathBuilder::new();
    let mut pen = 0.0f32;
    // A label is a few words; more is cut short.
    for ch in text.chars().take(200) {
        let Some(gid) = face.glyph_index(ch).or_else(|| face.glyph_index('?')) else {
            continue;
        };
        let mut outline = Outline {
            pb: &mut pb,
            x: pen,
            k: per_unit,
        };
        face.outline_glyph(gid, &mut outline);
        pen += f32::from(face.glyph_hor_advance(gid).unwrap_or(0)) * per_unit;
    }
    Some((pb.finish()?, pen))
}

/// Glyph outlines (font units, y up) into a path (points, y down).
struct Outline<'a> {
    pb: &'a mut PathBuilder,
    x: f32,
    k: f32,
}

impl Outline<'_> {
    fn p(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.k, -y * self.k)
    }
}

impl ttf_parser::OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.pb.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.p(x, y);
        self.pb.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.p(x1, y1);
        let (x, y) = self.p(x, y);
        self.pb.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.p(x1, y1);
        let (x2, y2) = self.p(x2, y2);
        let (x, y) = self.p(x, y);
        self.pb.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.pb.close();
    }
}

/// The pixmap as an RGB PNG (it is opaque: drawn on white).
fn encode(pixmap: &Pixmap) -> Vec<u8> {
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::new();
    let mut enc = ::png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    enc.set_color(::png::ColorType::Rgb);
    enc.set_depth(::png::BitDepth::Eight);
    let mut writer = enc.write_header().expect("writing to memory");
    writer.write_image_data(&rgb).expect("writing to memory");
    drop(writer);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_is_the_charts_size_with_its_lines_and_labels_drawn() {
        let c = Chart {
            title: "NI 50".into(),
            unit: Some("%".into()),
            higher_is_better: true,
            baseline: Some((2007, 45.0)),
            targets: vec![(2008, 47.0), (2009, 49.0)],
            actuals: vec![(2008, 46.0), (2009, 50.5)],
            alt: String::new(),
        };
        let png = png(&c, 2.0);
        let decoded = crate::picture::decode(&png, 10_000, 10_000).unwrap();
        assert_eq!((decoded.width, decoded.height), (720, 360));
        let px: Vec<&[u8]> = decoded.pixels.chunks_exact(3).collect();
        let near = |p: &[u8], c: Rgb| {
            (p[0] as i32 - c.0 as i32).abs() < 24
                && (p[1] as i32 - c.1 as i32).abs() < 24
                && (p[2] as i32 - c.2 as i32).abs() < 24
        };
        for colour in [
            super::super::ACTUAL,
            super::super::TARGET,
            super::super::BASELINE,
        ] {
            assert!(
                px.iter().filter(|p| near(p, colour)).count() > 50,
                "{colour:?} drawn"
            );
        }
        assert!(
            px.iter().filter(|p| **p == [255u8, 255, 255]).count() > px.len() / 2,
            "on white"
        );
    }
}
