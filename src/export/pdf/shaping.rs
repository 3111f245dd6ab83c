//! Shaping with rustybuzz (kerning on), each distinct (style, text) once.

use std::collections::HashMap;
use std::sync::Arc;

use super::fonts::{face, Style};

/// One shaped glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub gid: u16,
    /// What the PDF's default width differs by, in thousandths of an em
    /// (the TJ adjustment, positive moves left).
    pub adjust: f32,
    /// Where the text this glyph stands for lies in [`Shaped::text`]
    /// (for copying and search): one string a word, not one a glyph.
    start: u32,
    end: u32,
}

/// A shaped piece of text in one style.
#[derive(Debug, Clone)]
pub struct Shaped {
    pub style: Style,
    pub glyphs: Vec<Glyph>,
    /// Total advance in em.
    pub width: f32,
    pub text: Box<str>,
}

impl Shaped {
    /// The text glyph `g` (one of this shape's) stands for.
    pub fn text_of(&self, g: &Glyph) -> &str {
        self.text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    }

    /// Width at `size` points.
    pub fn width_at(&self, size: f32) -> f32 {
        self.width * size
    }
}

/// Shapes text, remembering every result for the whole export.
#[derive(Default)]
pub struct Shaper {
    /// One map per style, looked up by `&str` without allocating.
    cache: [HashMap<String, Arc<Shaped>>; 4],
}

impl Shaper {
    pub fn shape(&mut self, style: Style, text: &str) -> Arc<Shaped> {
        let map = &mut self.cache[style as usize];
        if let Some(s) = map.get(text) {
            return s.clone();
        }
        let shaped = Arc::new(shape_uncached(style, text));
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
    let out = if text.chars().all(latin) {
        buffer.set_script(rustybuzz::script::LATIN);
        rustybuzz::shape_with_plan(&f.shaper, &f.latin, buffer)
    } else {
        // Another script (a name in Urdu, say): a plan made for it.
        rustybuzz::shape(&f.shaper, &[], buffer)
    };
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
            start: start as u32,
            end: end as u32,
        });
        width += advance;
    }
    Shaped {
        style,
        glyphs,
        width,
        text: text.into(),
    }
}

/// Characters the Latin plan shapes as their own script would: Latin
/// letters, and the digits, punctuation and symbols any script shares.
fn latin(c: char) -> bool {
    matches!(c as u32,
        0..=0x024F          // ASCII, Latin-1, Latin Extended-A and B
        | 0x1E00..=0x1EFF   // Latin Extended Additional
        | 0x2000..=0x206F   // General Punctuation: dashes, quotes, spaces
        | 0x20A0..=0x20CF   // Currency symbols
        | 0x2100..=0x214F   // Letterlike symbols
        | 0xFB00..=0xFB06) // Latin ligatures
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
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(
            first
                .glyphs
                .iter()
                .map(|g| first.text_of(g))
                .collect::<String>(),
            "Plan"
        );
    }

    #[test]
    fn the_compiled_latin_plan_shapes_as_a_plan_made_for_each_text_would() {
        for style in Style::ALL {
            for text in [
                "Children’s “voice” — 2008–2011",
                "ﬁgures, café, £1.5m & 75%",
                "AV To",
            ] {
                let f = face(style);
                let mut buffer = rustybuzz::UnicodeBuffer::new();
                buffer.push_str(text);
                let own = rustybuzz::shape(&f.shaper, &[], buffer);
                let ours = shape_uncached(style, text);
                let gids: Vec<u16> = own
                    .glyph_infos()
                    .iter()
                    .map(|g| g.glyph_id as u16)
                    .collect();
                assert_eq!(
                    ours.glyphs.iter().map(|g| g.gid).collect::<Vec<_>>(),
                    gids,
                    "{text}"
                );
                let width: i32 = own.glyph_positions().iter().map(|p| p.x_advance).sum();
                assert!(
                    (ours.width - width as f32 / f.units_per_em).abs() < 1e-4,
                    "{text}"
                );
            }
        }
    }
}
