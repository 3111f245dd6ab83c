//! Shaping with rustybuzz (kerning on), each distinct (style, text) once.

use std::collections::HashMap;
use std::rc::Rc;

use super::fonts::{face, Style};

/// One shaped glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub gid: u16,
    /// What the PDF's default width differs by, in thousandths of an em
    /// (the TJ adjustment, positive moves left).
    pub adjust: f32,
    /// The text this glyph stands for, for copying and search.
    pub text: String,
}

/// A shaped piece of text in one style.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub style: Style,
    pub glyphs: Vec<Glyph>,
    /// Total advance in em.
    pub width: f32,
}

impl Shaped {
    /// Width at `size` points.
    pub fn width_at(&self, size: f32) -> f32 {
        self.width * size
    }
}

/// Shapes text, remembering every result for the whole export.
#[derive(Default)]
pub struct Shaper {
    /// One map per style, looked up by `&str` without allocating.
    cache: [HashMap<String, Rc<Shaped>>; 4],
}

impl Shaper {
    pub fn shape(&mut self, style: Style, text: &str) -> Rc<Shaped> {
        let map = &mut self.cache[style as usize];
        if let Some(s) = map.get(text) {
            return s.clone();
        }
        let shaped = Rc::new(shape_uncached(style, text));
        map.insert(text.to_owned(), shaped.clone());
        shaped
    }

    /// Width in em, without keeping the glyphs apart from the cache.
    pub fn width(&mut self, style: Style, text: &str) -> f32 {
        self.shape(style, text).width
    }
}

fn shape_uncached(style: Style, text: &str) -> Shaped {
    let f = face(style);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(rustybuzz::Direction::LeftToRight);
    let out = rustybuzz::shape(&f.shaper, &[], buffer);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    let upem = f.units_per_em;
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut width = 0.0;
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        let end = infos
            .get(i + 1)
            .map(|n| n.cluster as usize)
            .filter(|&e| e > start)
            .unwrap_or(text.len());
        let gid = info.glyph_id as u16;
        let advance = pos.x_advance as f32 / upem;
        let default = f.advance(gid) / upem;
        glyphs.push(Glyph {
            gid,
            adjust: (default - advance) * 1000.0,
            text: text.get(start..end).unwrap_or("").to_owned(),
        });
        width += advance;
    }
    Shaped {
        style,
        glyphs,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kerning_narrows_av_and_results_are_cached() {
        let mut s = Shaper::default();
        let av = s.width(Style::Regular, "AV");
        let a = s.width(Style::Regular, "A");
        let v = s.width(Style::Regular, "V");
        assert!(av < a + v, "kerned {av} vs {a} + {v}");
        let first = s.shape(Style::Bold, "Plan");
        let again = s.shape(Style::Bold, "Plan");
        assert!(Rc::ptr_eq(&first, &again));
        assert_eq!(
            first
                .glyphs
                .iter()
                .map(|g| g.text.as_str())
                .collect::<String>(),
            "Plan"
        );
    }
}
