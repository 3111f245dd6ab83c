//! The fonts as embedded: each style's used glyphs, subset by printpdf
//! (allsorts underneath) and written as a Type0 / CIDFontType2 font with
//! Identity-H encoding, widths and a ToUnicode map for copying text.

use std::collections::BTreeMap;

use lopdf::{dictionary, Document as Lo, Object, ObjectId, Stream};

use super::fonts::{self, Style};

/// The glyphs a document uses in one style, with the text each stands for.
#[derive(Default)]
pub struct Usage {
    glyphs: BTreeMap<u16, String>,
    /// Which glyph ids are in `glyphs`: every glyph drawn is looked up.
    seen: Vec<bool>,
}

impl Usage {
    pub fn add(&mut self, gid: u16, text: &str) {
        let i = gid as usize;
        if i >= self.seen.len() {
            self.seen.resize((i + 1).max(1024), false);
        }
        if !self.seen[i] {
            self.seen[i] = true;
            self.glyphs.insert(gid, text.to_owned());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }
}

/// A font written into the document.
pub struct Embedded {
    pub font: ObjectId,
    /// Subset glyph id by original glyph id (0 for glyphs not used).
    remap: Vec<u16>,
}

impl Embedded {
    pub fn gid(&self, original: u16) -> u16 {
        self.remap.get(original as usize).copied().unwrap_or(0)
    }
}

/// Subsets `style` to `usage` and adds the font's objects to `lo`.
pub fn embed(lo: &mut Lo, style: Style, usage: &Usage) -> Result<Embedded, String> {
    let parsed = &fonts::parsed()[style as usize];
    let subset = printpdf::subset_font(parsed, &usage.glyphs)?;
    let face = &fonts::face(style).shaper;
    let upem = face.units_per_em() as f32;
    let scale = |v: f32| (v * 1000.0 / upem).round() as i64;

    let mut remap = vec![0u16; face.number_of_glyphs() as usize];
    // Widths by new glyph id, which runs 0, 1, 2 … in the order of `usage`.
    let mut widths = vec![Object::Integer(0); subset.glyph_mapping.len() + 1];
    let mut unicode = Vec::with_capacity(subset.glyph_mapping.len());
    for (&old, (new, text)) in &subset.glyph_mapping {
        if let Some(slot) = remap.get_mut(old as usize) {
            *slot = *new;
        }
        if let Some(w) = widths.get_mut(*new as usize) {
            *w = Object::Integer(scale(fonts::face(style).advance(old)));
        }
        unicode.push((*new, text.clone()));
    }

    let base = format!("{}+{}", subset_tag(style, usage), postscript_name(face));
    let cmap = printpdf::generate_cmap_string(parsed, &printpdf::FontId(base.clone()), &unicode);
    let program_len = subset.bytes.len() as i64;
    let program = lo.add_object(Stream::new(
        dictionary! { "Length1" => program_len },
        subset.bytes,
    ));
    let bbox = face.global_bounding_box();
    let italic = matches!(style, Style::Italic | Style::BoldItalic);
    let descriptor = lo.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => Object::Name(base.clone().into_bytes()),
        // Nonsymbolic (Latin text), and italic where it is.
        "Flags" => if italic { 32 + 64 } else { 32 },
        "FontBBox" => vec![
            scale(bbox.x_min as f32).into(),
            scale(bbox.y_min as f32).into(),
            scale(bbox.x_max as f32).into(),
            scale(bbox.y_max as f32).into(),
        ],
        "ItalicAngle" => Object::Real(face.italic_angle()),
        "Ascent" => scale(face.ascender() as f32),
        "Descent" => scale(face.descender() as f32),
        "CapHeight" => scale(face.capital_height().unwrap_or(face.ascender()) as f32),
        "StemV" => if matches!(style, Style::Bold | Style::BoldItalic) { 120 } else { 80 },
        "FontFile2" => program,
    });
    let cid_font = lo.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => Object::Name(base.clone().into_bytes()),
        "CIDSystemInfo" => dictionary! {
            "Registry" => Object::string_literal("Adobe"),
            "Ordering" => Object::string_literal("Identity"),
            "Supplement" => 0,
        },
        "FontDescriptor" => descriptor,
        "CIDToGIDMap" => "Identity",
        "W" => vec![Object::Integer(0), Object::Array(widths)],
    });
    let to_unicode = lo.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let font = lo.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode,
    });
    Ok(Embedded { font, remap })
}

/// The six capital letters that mark a subset (ISO 32000-1, 9.6.4), from
/// the glyphs it holds, so the same content gives the same file.
fn subset_tag(style: Style, usage: &Usage) -> String {
    // FNV-1a over the style and glyph ids.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ style as u64;
    for gid in usage.glyphs.keys() {
        for b in gid.to_le_bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

fn postscript_name(face: &rustybuzz::Face<'_>) -> String {
    face.names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "LiberationSans".to_owned())
}
