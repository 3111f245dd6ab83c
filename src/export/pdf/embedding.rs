//! The fonts as embedded: each style's used glyphs, subset by printpdf
//! (allsorts underneath) and written as a Type0 / CIDFontType2 font with
//! Identity-H encoding, a CIDToGIDMap, widths and a ToUnicode map for
//! copying text.

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

/// Subsets `style` to the glyphs in `usage`. Needs nothing but the
/// usage, so it runs while the pages are being written.
pub fn subset(style: Style, usage: &Usage) -> Result<printpdf::SubsetFont, String> {
    printpdf::subset_font(&fonts::parsed()[style as usize], &usage.glyphs)
}

/// Adds the font's objects to `lo` and returns the Type0 font. Content
/// shows glyphs by their ids in the whole font (the CIDs); the subset
/// renumbers them, which the CIDToGIDMap undoes, so page content never
/// waits for the subset.
pub fn write(lo: &mut Lo, style: Style, usage: &Usage, subset: printpdf::SubsetFont) -> ObjectId {
    let face = &fonts::face(style).shaper;
    let upem = face.units_per_em() as f32;
    let scale = |v: f32| (v * 1000.0 / upem).round() as i64;

    let top = usage.glyphs.keys().next_back().copied().unwrap_or(0) as usize;
    let mut cid_to_gid = vec![0u8; 2 * (top + 1)];
    for (&old, (new, _)) in &subset.glyph_mapping {
        if let Some(slot) = cid_to_gid.get_mut(2 * old as usize..2 * old as usize + 2) {
            slot.copy_from_slice(&new.to_be_bytes());
        }
    }
    // Widths by CID, one `c [w1 w2 …]` group per run of consecutive ids.
    let mut widths: Vec<Object> = Vec::new();
    let mut run: Vec<Object> = Vec::new();
    let mut next = None;
    for &gid in usage.glyphs.keys() {
        if next != Some(gid) && !run.is_empty() {
            widths.push(Object::Array(std::mem::take(&mut run)));
        }
        if run.is_empty() {
            widths.push(Object::Integer(gid as i64));
        }
        run.push(Object::Integer(scale(fonts::face(style).advance(gid))));
        next = gid.checked_add(1);
    }
    if !run.is_empty() {
        widths.push(Object::Array(run));
    }
    let unicode: Vec<(u16, String)> = usage.glyphs.iter().map(|(g, t)| (*g, t.clone())).collect();

    let parsed = &fonts::parsed()[style as usize];
    let base = format!("{}+{}", subset_tag(style, usage), postscript_name(face));
    let cmap = printpdf::generate_cmap_string(parsed, &printpdf::FontId(base.clone()), &unicode);
    let program_len = subset.bytes.len() as i64;
    let program = lo.add_object(Stream::new(
        dictionary! { "Length1" => program_len },
        subset.bytes,
    ));
    let map = lo.add_object(Stream::new(dictionary! {}, cid_to_gid));
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
        "CIDToGIDMap" => map,
        "W" => widths,
    });
    let to_unicode = lo.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    lo.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => Object::Name(base.into_bytes()),
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![Object::Reference(cid_font)],
        "ToUnicode" => to_unicode,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::pdf::shaping::Shaper;

    /// Every glyph shown by its CID is drawn by the subset glyph the map
    /// sends it to: same outline box, same advance.
    #[test]
    fn the_cid_map_sends_each_glyph_to_its_own_outline_in_the_subset() {
        let style = Style::Bold;
        let mut usage = Usage::default();
        let shaped = Shaper::default().shape(style, "Planwright — Ævar’s 2024/25 ﬁgures");
        for g in &shaped.glyphs {
            usage.add(g.gid, shaped.text_of(g));
        }
        let mut lo = Lo::with_version("1.7");
        let font = write(&mut lo, style, &usage, subset(style, &usage).unwrap());
        let get = |d: &lopdf::Dictionary, key: &[u8]| {
            lo.get_object(d.get(key).unwrap().as_reference().unwrap())
                .unwrap()
                .clone()
        };
        let type0 = lo.get_dictionary(font).unwrap();
        let descendants = type0.get(b"DescendantFonts").unwrap().as_array().unwrap();
        let cid_font = lo
            .get_dictionary(descendants[0].as_reference().unwrap())
            .unwrap();
        let map = get(cid_font, b"CIDToGIDMap")
            .as_stream()
            .unwrap()
            .content
            .clone();
        let descriptor = get(cid_font, b"FontDescriptor");
        let program = get(descriptor.as_dict().unwrap(), b"FontFile2");
        let program = program.as_stream().unwrap().content.clone();
        let sub = ttf_parser::Face::parse(&program, 0).unwrap();
        let whole = &fonts::face(style).shaper;
        for &cid in usage.glyphs.keys() {
            let gid = u16::from_be_bytes([map[2 * cid as usize], map[2 * cid as usize + 1]]);
            let (a, b) = (ttf_parser::GlyphId(cid), ttf_parser::GlyphId(gid));
            assert_eq!(
                whole.glyph_hor_advance(a),
                sub.glyph_hor_advance(b),
                "advance of {cid}"
            );
            assert_eq!(
                whole.glyph_bounding_box(a),
                sub.glyph_bounding_box(b),
                "outline of {cid} (subset glyph {gid})"
            );
        }
        assert!(sub.number_of_glyphs() < 60, "only what is used is kept");
    }
}
