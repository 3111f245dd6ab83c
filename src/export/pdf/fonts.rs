//! The embedded fonts: Liberation Sans (SIL OFL 1.1, see `fonts/`) in its
//! four styles, parsed once per process.

use std::sync::OnceLock;

pub const REGULAR: &[u8] = include_bytes!("../../../fonts/LiberationSans-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../fonts/LiberationSans-Bold.ttf");
pub const ITALIC: &[u8] = include_bytes!("../../../fonts/LiberationSans-Italic.ttf");
pub const BOLD_ITALIC: &[u8] = include_bytes!("../../../fonts/LiberationSans-BoldItalic.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    Regular = 0,
    Bold = 1,
    Italic = 2,
    BoldItalic = 3,
}

impl Style {
    pub const ALL: [Style; 4] = [
        Style::Regular,
        Style::Bold,
        Style::Italic,
        Style::BoldItalic,
    ];

    pub fn of(bold: bool, italic: bool) -> Style {
        match (bold, italic) {
            (false, false) => Style::Regular,
            (true, false) => Style::Bold,
            (false, true) => Style::Italic,
            (true, true) => Style::BoldItalic,
        }
    }

    pub fn bold(self) -> Style {
        Style::of(true, matches!(self, Style::Italic | Style::BoldItalic))
    }

    pub fn italic(self) -> Style {
        Style::of(matches!(self, Style::Bold | Style::BoldItalic), true)
    }

    pub fn bytes(self) -> &'static [u8] {
        match self {
            Style::Regular => REGULAR,
            Style::Bold => BOLD,
            Style::Italic => ITALIC,
            Style::BoldItalic => BOLD_ITALIC,
        }
    }
}

/// One face: the shaper's view and the metrics layout needs.
pub struct Face {
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Left-to-right Latin shaping, compiled once: building a plan for
    /// every word cost more than shaping it.
    pub latin: rustybuzz::ShapePlan,
}

impl Face {
    fn load(style: Style) -> Face {
        let shaper = rustybuzz::Face::from_slice(style.bytes(), 0)
            .expect("the embedded fonts are valid TrueType");
        let latin = rustybuzz::ShapePlan::new(
            &shaper,
            rustybuzz::Direction::LeftToRight,
            Some(rustybuzz::script::LATIN),
            None,
            &[],
        );
        Face {
            units_per_em: shaper.units_per_em() as f32,
            shaper,
            latin,
        }
    }

    /// The advance the font's `hmtx` gives a glyph, in font units (what a
    /// PDF viewer assumes before any kerning adjustment).
    pub fn advance(&self, gid: u16) -> f32 {
        self.shaper
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0) as f32
    }

    /// The glyph for `c`; 0 (.notdef) if the font has none.
    pub fn glyph(&self, c: char) -> u16 {
        self.shaper.glyph_index(c).map_or(0, |g| g.0)
    }
}

/// The four faces, parsed on first use.
pub fn faces() -> &'static [Face; 4] {
    static FACES: OnceLock<[Face; 4]> = OnceLock::new();
    FACES.get_or_init(|| Style::ALL.map(Face::load))
}

pub fn face(style: Style) -> &'static Face {
    &faces()[style as usize]
}

/// The fonts as printpdf parses them for embedding and subsetting.
pub fn parsed() -> &'static [printpdf::ParsedFont; 4] {
    static PARSED: OnceLock<[printpdf::ParsedFont; 4]> = OnceLock::new();
    PARSED.get_or_init(|| {
        Style::ALL.map(|s| {
            printpdf::ParsedFont::from_bytes(s.bytes(), 0, &mut Vec::new())
                .expect("the embedded fonts are valid TrueType")
        })
    })
}
