//! Shaping with rustybuzz (kerning on), recent results kept in a bounded cache.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use super::fonts::{face, Style};

/// One shaped glyph.
#[derive(Debug, Clone, Copy)]
pub struct Glyph {
    pub gid: u16,
    /// What the PDF's default width differs by, in thousandths of an em
    /// (the TJ adjustment, positive moves left).
    pub adjust: f32,
    /// Where the text this glyph stands for lies in [`Shaped::text`]
    /// (for copying and search): one string a word, not one a glyph.
    start: u32,
    end: u32,
    /// Set when the font has no glyph for the text and another is shown.
    stand_in: Option<StandIn>,
}

/// What is shown for text the font has no glyph for: never its `.notdef`
/// glyph, which PDF/UA forbids (Matterhorn 31-030) and readers draw as an
/// empty box or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandIn {
    /// White space (a tab, say): a space.
    Space,
    /// Anything else: a question mark, and the export warns.
    Question,
}

impl StandIn {
    fn text(self) -> &'static str {
        match self {
            StandIn::Space => " ",
            StandIn::Question => "?",
        }
    }
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
    /// The text glyph `g` (one of this shape's) stands for; a stand-in's
    /// own character, so that a glyph maps to one text however it is used.
    pub fn text_of(&self, g: &Glyph) -> &str {
        match g.stand_in {
            Some(s) => s.text(),
            None => self.source(g),
        }
    }

    /// The text glyph `g` was shaped from.
    fn source(&self, g: &Glyph) -> &str {
        self.text
            .get(g.start as usize..g.end as usize)
            .unwrap_or("")
    }

    /// The characters shown by a question mark because the font lacks them.
    fn missing(&self) -> impl Iterator<Item = char> + '_ {
        self.glyphs
            .iter()
            .filter(|g| g.stand_in == Some(StandIn::Question))
            .flat_map(|g| self.source(g).chars())
    }

    /// Width at `size` points.
    pub fn width_at(&self, size: f32) -> f32 {
        self.width * size
    }

    /// How far glyph `i` moves the pen, in em (its kerning included).
    pub fn advance(&self, i: usize) -> f32 {
        let g = &self.glyphs[i];
        let f = face(self.style);
        f.advance(g.gid) / f.units_per_em - g.adjust / 1000.0
    }

    /// Where the text of glyph `i`'s cluster starts, in bytes; the end of
    /// the text past the last glyph. Glyphs of one cluster share it.
    pub fn cluster(&self, i: usize) -> usize {
        self.glyphs
            .get(i)
            .map_or(self.text.len(), |g| g.start as usize)
    }

    /// Glyphs `from..to` (whole clusters) as a shape of their own, set
    /// exactly as in this one, with `hyphen`'s glyphs after them if given:
    /// a piece of a word broken across lines, cut without shaping again.
    pub fn slice(&self, from: usize, to: usize, hyphen: Option<&Shaped>) -> Shaped {
        let start = self.cluster(from);
        let end = self.cluster(to).max(start);
        let extra = hyphen.map_or(0, |h| h.text.len());
        let mut text = String::with_capacity(end - start + extra);
        text.push_str(&self.text[start..end]);
        let rebase = |at: u32| (at as usize).clamp(start, end) as u32 - start as u32;
        let mut glyphs = Vec::with_capacity(to - from + hyphen.map_or(0, |h| h.glyphs.len()));
        let mut width = 0.0;
        for (i, g) in self.glyphs[from..to].iter().enumerate() {
            width += self.advance(from + i);
            glyphs.push(Glyph {
                start: rebase(g.start),
                end: rebase(g.end),
                ..*g
            });
        }
        if let Some(h) = hyphen {
            let base = text.len() as u32;
            text.push_str(&h.text);
            glyphs.extend(h.glyphs.iter().map(|g| Glyph {
                start: g.start + base,
                end: g.end + base,
                ..*g
            }));
            width += h.width;
        }
        Shaped {
            style: self.style,
            glyphs,
            width,
            text: text.into(),
        }
    }
}

/// The most the cache may hold, in bytes of text and glyphs (and an
/// allowance for each entry): 8 MB, some 40,000 words.
pub const CACHE_BOUND: usize = 8 << 20;

/// Texts longer than this (in bytes) are shaped each time and never kept:
/// words, labels and headings are shorter, and a long unbroken run of text
/// (a pasted blob, a long address) is set once.
const CACHE_TEXT_MAX: usize = 256;

/// What each entry costs beyond its text and glyphs: the map's slot, the
/// key's and the shape's headers and the reference count.
const ENTRY_OVERHEAD: usize = 96;

/// Shapes text, remembering recent results: the words of a plan repeat,
/// and shaping one costs far more than looking it up.
#[derive(Default)]
pub struct Shaper {
    /// Two generations of at most half the bound each: a text is looked
    /// up in both and moved to the newer; when the newer is full the
    /// older is dropped. What is in use stays; the rest ages out.
    newer: Generation,
    older: Generation,
    /// Bytes of text shaped so far (not found in the cache), for tests.
    shaped: u64,
    /// Characters the fonts have no glyph for, in the order of their code
    /// points (at most every Unicode scalar value: 1.1 million).
    missing: BTreeSet<char>,
}

/// Missing characters named in the export's warning; the rest are counted.
const MISSING_NAMED: usize = 20;

#[derive(Default)]
struct Generation {
    /// One map per style, looked up by `&str` without allocating.
    maps: [HashMap<Box<str>, Arc<Shaped>>; 4],
    /// What the entries cost, by [`cost`].
    bytes: usize,
}

fn cost(text: &str, shaped: &Shaped) -> usize {
    text.len()
        + shaped.text.len()
        + shaped.glyphs.len() * std::mem::size_of::<Glyph>()
        + ENTRY_OVERHEAD
}

impl Shaper {
    pub fn shape(&mut self, style: Style, text: &str) -> Arc<Shaped> {
        let i = style as usize;
        if let Some(s) = self.newer.maps[i].get(text) {
            return s.clone();
        }
        let shaped = match self.older.maps[i].remove_entry(text) {
            Some((_, s)) => {
                self.older.bytes -= cost(text, &s);
                s
            }
            None => {
                self.shaped += text.len() as u64;
                let shaped = shape_uncached(style, text);
                self.missing.extend(shaped.missing());
                Arc::new(shaped)
            }
        };
        if text.len() <= CACHE_TEXT_MAX {
            let c = cost(text, &shaped);
            if self.newer.bytes + c > CACHE_BOUND / 2 {
                self.older = std::mem::take(&mut self.newer);
            }
            self.newer.bytes += c;
            self.newer.maps[i].insert(text.into(), shaped.clone());
        }
        shaped
    }

    /// The export's warning when the fonts lack some of the text's
    /// characters, naming them with their code points.
    pub fn missing_warning(&self) -> Option<String> {
        if self.missing.is_empty() {
            return None;
        }
        let named: Vec<String> = self
            .missing
            .iter()
            .take(MISSING_NAMED)
            .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
            .collect();
        let more = self.missing.len() - named.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        Some(format!(
            "The PDF's font (Liberation Sans) has no glyph for {}{more}: each is shown as \"?\".",
            named.join(", ")
        ))
    }

    #[cfg(test)]
    pub fn shaped_bytes(&self) -> u64 {
        self.shaped
    }

    /// What the cache holds: its keys, texts and glyphs.
    #[cfg(test)]
    pub fn held_bytes(&self) -> usize {
        [&self.newer, &self.older]
            .iter()
            .flat_map(|g| g.maps.iter().flat_map(|m| m.iter()))
            .map(|(k, v)| k.len() + v.text.len() + v.glyphs.len() * std::mem::size_of::<Glyph>())
            .sum()
    }

    /// Width in em.
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
    for (info, pos) in infos.iter().zip(positions) {
        let mut gid = info.glyph_id as u16;
        let mut advance = pos.x_advance as f32 / upem;
        let mut stand_in = None;
        if gid == 0 {
            // Glyph 0 is .notdef: the font has nothing for this text.
            let at = info.cluster as usize;
            let space = text[at..].chars().next().is_some_and(char::is_whitespace);
            let (s, c) = if space {
                (StandIn::Space, ' ')
            } else {
                (StandIn::Question, '?')
            };
            gid = f.glyph(c);
            advance = f.advance(gid) / upem;
            stand_in = Some(s);
        }
        let default = f.advance(gid) / upem;
        glyphs.push(Glyph {
            gid,
            adjust: (default - advance) * 1000.0,
            start: info.cluster,
            end: 0,
            stand_in,
        });
        width += advance;
    }
    // Each glyph stands for its cluster's text: up to where the next
    // cluster starts (clusters run in text order, left to right).
    let (mut end, mut next) = (text.len() as u32, None);
    for g in glyphs.iter_mut().rev() {
        if next != Some(g.start) {
            if let Some(n) = next {
                end = n;
            }
            next = Some(g.start);
        }
        g.end = end;
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
    fn text_the_font_lacks_gets_stand_ins_and_is_counted() {
        let mut s = Shaper::default();
        // Twenty-five Han characters (none in Liberation Sans), a tab.
        let han: String = ('\u{4e00}'..'\u{4e19}').collect();
        let shaped = s.shape(Style::Regular, &format!("a{han}\tb"));
        assert!(shaped.glyphs.iter().all(|g| g.gid != 0), "no .notdef");
        let texts: String = shaped.glyphs.iter().map(|g| shaped.text_of(g)).collect();
        assert_eq!(texts, format!("a{} b", "?".repeat(25)));
        // Seen again (from the cache or not), a character is counted once.
        s.shape(Style::Bold, &han);
        let w = s.missing_warning().expect("a warning");
        assert!(w.contains("\u{4e00} (U+4E00)"), "{w}");
        assert!(w.ends_with("and 5 more: each is shown as \"?\"."), "{w}");
        assert!(Shaper::default().missing_warning().is_none());
    }

    #[test]
    fn the_cache_stays_within_its_bound() {
        let mut s = Shaper::default();
        for i in 0..100_000 {
            s.shape(Style::Regular, &format!("word{i}"));
        }
        for i in 0..20 {
            s.shape(Style::Bold, &format!("{i}{}", "x".repeat(100_000)));
        }
        assert!(s.held_bytes() <= CACHE_BOUND, "{} bytes", s.held_bytes());
        // What was shaped last is still found.
        let again = s.shape(Style::Regular, "word99999");
        assert!(Arc::ptr_eq(&again, &s.shape(Style::Regular, "word99999")));
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
