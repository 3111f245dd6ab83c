//! Page content streams, written straight to bytes.
//!
//! A page of text is thousands of operators; building them as objects
//! (printpdf's `Op`, then lopdf's `Operation`) and encoding them again cost
//! most of an export's time, so the operators are written here as text.

use super::fonts;
use super::shaping::Shaped;
use super::theme::Color;

/// The bytes of one content stream.
#[derive(Default)]
pub struct Content {
    buf: Vec<u8>,
}

impl Content {
    pub fn with_capacity(n: usize) -> Self {
        Content {
            buf: Vec::with_capacity(n),
        }
    }

    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    fn op(&mut self, op: &str) {
        self.buf.extend_from_slice(op.as_bytes());
        self.buf.push(b'\n');
    }

    fn num(&mut self, v: f32) {
        number(&mut self.buf, v);
        self.buf.push(b' ');
    }

    fn name(&mut self, name: &str) {
        self.buf.push(b'/');
        self.buf.extend_from_slice(name.as_bytes());
        self.buf.push(b' ');
    }

    /// `/Role <</MCID n>> BDC`: content belonging to a structure element.
    pub fn begin_tagged(&mut self, role: &str, mcid: u32) {
        self.name(role);
        self.buf.extend_from_slice(b"<</MCID ");
        number(&mut self.buf, mcid as f32);
        self.op(">> BDC");
    }

    /// `/Artifact BMC`: furniture outside the tag tree.
    pub fn begin_artifact(&mut self) {
        self.op("/Artifact BMC");
    }

    pub fn end_marked(&mut self) {
        self.op("EMC");
    }

    pub fn begin_text(&mut self) {
        self.op("BT");
    }

    pub fn end_text(&mut self) {
        self.op("ET");
    }

    pub fn fill(&mut self, c: Color) {
        self.num(c.0);
        self.num(c.1);
        self.num(c.2);
        self.op("rg");
    }

    pub fn stroke(&mut self, c: Color) {
        self.num(c.0);
        self.num(c.1);
        self.num(c.2);
        self.op("RG");
    }

    pub fn line_width(&mut self, w: f32) {
        self.num(w);
        self.op("w");
    }

    pub fn font(&mut self, name: &str, size: f32) {
        self.name(name);
        self.num(size);
        self.op("Tf");
    }

    /// Sets the text matrix: translation, turned by `angle` degrees.
    pub fn text_at(&mut self, x: f32, y: f32, angle: f32) {
        if angle == 0.0 {
            self.buf.extend_from_slice(b"1 0 0 1 ");
        } else {
            let (s, c) = angle.to_radians().sin_cos();
            self.num(c);
            self.num(s);
            self.num(-s);
            self.num(c);
        }
        self.num(x);
        self.num(y);
        self.op("Tm");
    }

    /// `[<gids> adj <gids> …] TJ`: two-byte glyph ids, each followed by
    /// its adjustment in thousandths of an em (positive moves left).
    pub fn show(&mut self, glyphs: impl IntoIterator<Item = (u16, f32)>) {
        self.buf.push(b'[');
        let mut open = false;
        for (gid, adjust) in glyphs {
            if !open {
                self.buf.push(b'<');
                open = true;
            }
            hex(&mut self.buf, gid);
            if adjust != 0.0 {
                self.buf.push(b'>');
                open = false;
                number(&mut self.buf, adjust);
            }
        }
        if open {
            self.buf.push(b'>');
        }
        self.op("] TJ");
    }

    /// A rectangle from its bottom-left corner, filled, stroked or both.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: bool, stroke: bool) {
        self.num(x);
        self.num(y);
        self.num(w);
        self.num(h);
        self.op(match (fill, stroke) {
            (true, true) => "re B",
            (true, false) => "re f",
            _ => "re S",
        });
    }

    /// Straight segments through `points`, closed or not, filled and/or
    /// stroked, dashed 4 on 3 off; in its own graphics state, so the dash
    /// ends with it.
    pub fn path(
        &mut self,
        points: &[(f32, f32)],
        closed: bool,
        fill: bool,
        stroke: bool,
        dashed: bool,
    ) {
        let Some(((x0, y0), rest)) = points.split_first() else {
            return;
        };
        self.op("q");
        if dashed {
            self.op("[4 3] 0 d");
        }
        self.num(*x0);
        self.num(*y0);
        self.op("m");
        for (x, y) in rest {
            self.num(*x);
            self.num(*y);
            self.op("l");
        }
        if closed {
            self.op("h");
        }
        self.op(match (fill, stroke) {
            (true, true) => "B",
            (true, false) => "f",
            _ => "S",
        });
        self.op("Q");
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32) {
        self.num(x1);
        self.num(y1);
        self.op("m");
        self.num(x2);
        self.num(y2);
        self.op("l S");
    }

    /// Paints image XObject `name` into the box with bottom-left (x, y).
    pub fn image(&mut self, name: &str, x: f32, y: f32, w: f32, h: f32) {
        self.op("q");
        self.num(w);
        self.buf.extend_from_slice(b"0 0 ");
        self.num(h);
        self.num(x);
        self.num(y);
        self.op("cm");
        self.name(name);
        self.op("Do Q");
    }

    /// Paints form XObject `name` with its origin at (x, y), turned by
    /// `angle` degrees.
    pub fn form(&mut self, name: &str, x: f32, y: f32, angle: f32) {
        let (sin, cos) = angle.to_radians().sin_cos();
        self.op("q");
        for v in [cos, sin, -sin, cos] {
            self.buf.extend_from_slice(format!("{v:.4} ").as_bytes());
        }
        self.num(x);
        self.num(y);
        self.op("cm");
        self.name(name);
        self.op("Do Q");
    }
}

/// A form XObject's content filling the outlines of `shaped`'s glyphs at
/// `size` points, baseline from the origin, and its bounding box: painted
/// once per document, it costs each page one `Do` (a path, not text).
pub fn outlines(shaped: &Shaped, size: f32, color: Color) -> (Vec<u8>, [f32; 4]) {
    let face = &fonts::face(shaped.style).shaper;
    let upem = face.units_per_em() as f32;
    let scale = size / upem;
    let mut c = Content::with_capacity(8 * 1024);
    c.fill(color);
    // Font units are integers: the scale needs more than two decimals.
    c.buf
        .extend_from_slice(format!("{scale:.6} 0 0 {scale:.6} 0 0 cm\n").as_bytes());
    let start = c.buf.len();
    let mut pen = 0.0;
    for (i, g) in shaped.glyphs.iter().enumerate() {
        let mut path = Outline {
            c: &mut c,
            dx: pen,
            at: (0.0, 0.0),
        };
        face.outline_glyph(ttf_parser::GlyphId(g.gid), &mut path);
        pen += shaped.advance(i) * upem;
    }
    if c.buf.len() > start {
        // Nonzero winding, as TrueType outlines are drawn.
        c.op("f");
    }
    let bbox = [
        0.0,
        face.descender() as f32 * scale,
        pen * scale,
        face.ascender() as f32 * scale,
    ];
    (c.finish(), bbox)
}

/// A glyph's outline as path operators, in font units shifted by `dx`;
/// TrueType's quadratic curves become the cubics PDF draws.
struct Outline<'a> {
    c: &'a mut Content,
    dx: f32,
    at: (f32, f32),
}

impl Outline<'_> {
    fn point(&mut self, x: f32, y: f32) {
        self.c.num(x + self.dx);
        self.c.num(y);
    }
}

impl ttf_parser::OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.c.op("m");
        self.at = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.point(x, y);
        self.c.op("l");
        self.at = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x0, y0) = self.at;
        let two_thirds = 2.0 / 3.0;
        self.point(x0 + two_thirds * (x1 - x0), y0 + two_thirds * (y1 - y0));
        self.point(x + two_thirds * (x1 - x), y + two_thirds * (y1 - y));
        self.point(x, y);
        self.c.op("c");
        self.at = (x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.point(x1, y1);
        self.point(x2, y2);
        self.point(x, y);
        self.c.op("c");
        self.at = (x, y);
    }

    fn close(&mut self) {
        self.c.op("h");
    }
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn hex(buf: &mut Vec<u8>, v: u16) {
    buf.extend_from_slice(&[
        HEX[(v >> 12) as usize],
        HEX[(v >> 8 & 0xF) as usize],
        HEX[(v >> 4 & 0xF) as usize],
        HEX[(v & 0xF) as usize],
    ]);
}

/// Writes `v` to two decimal places, without trailing zeros: a hundredth
/// of a point is far below what any printer or screen resolves.
pub fn number(buf: &mut Vec<u8>, v: f32) {
    let mut n = (v as f64 * 100.0).round() as i64;
    if n < 0 {
        buf.push(b'-');
        n = -n;
    }
    let (int, frac) = (n / 100, n % 100);
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut m = int;
    loop {
        i -= 1;
        digits[i] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
    if frac != 0 {
        buf.push(b'.');
        buf.push(b'0' + (frac / 10) as u8);
        if frac % 10 != 0 {
            buf.push(b'0' + (frac % 10) as u8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(v: f32) -> String {
        let mut b = Vec::new();
        number(&mut b, v);
        String::from_utf8(b).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_hundredth() {
        assert_eq!(num(0.0), "0");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(595.28), "595.28");
        assert_eq!(num(-0.5), "-0.5");
        assert_eq!(num(0.05), "0.05");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1234.567), "1234.57");
    }

    #[test]
    fn glyph_runs_share_a_string_until_an_adjustment() {
        let mut c = Content::default();
        c.show([(1, 0.0), (0x2A, 15.5), (0xFFFF, 0.0)]);
        assert_eq!(
            String::from_utf8(c.finish()).unwrap(),
            "[<0001002A>15.5<FFFF>] TJ\n"
        );
    }
}
