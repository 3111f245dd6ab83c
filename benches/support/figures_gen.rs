//! A plan whose figures all show one large picture of one colour, for the
//! picture benchmarks (benches/pdf.rs, benches/images.sh): the case of
//! issue 10, one 13,000² PNG shown by 16 figures.

use std::io::Write as _;
use std::path::Path;

use planwright::model::{Block, PlanInfo};
use planwright::store::{self, PlanFile};
use planwright::templates::Template;

/// A `side` × `side` PNG of one colour, written a row at a time: with the
/// Up filter every row after the first is zeros, so 13,000² is a few
/// hundred kilobytes.
pub fn one_colour_png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, side, side);
    e.set_color(png::ColorType::Rgb);
    e.set_depth(png::BitDepth::Eight);
    // zlib's level 6: the fast (fdeflate) levels leave it ten times larger.
    e.set_deflate_compression(png::DeflateCompression::Level(6));
    e.set_filter(png::Filter::Up);
    let mut header = e.write_header().unwrap();
    let mut w = header.stream_writer().unwrap();
    let row: Vec<u8> = [40u8, 90, 160].repeat(side as usize);
    for _ in 0..side {
        w.write_all(&row).unwrap();
    }
    w.finish().unwrap();
    drop(header);
    out
}

/// Writes a plan at `path` with `figures` figures showing one `side`²
/// picture, one after another in the first section.
pub fn generate(path: &Path, figures: usize, side: u32) -> PlanFile {
    let picture = one_colour_png(side);
    let info = PlanInfo::titled("Figures", 2027);
    let mut plan = PlanFile::create(path, &Template::Blank.bundle(info)).unwrap();
    plan.write(|tx| {
        let asset = store::assets::import(tx, "county.png", &picture)?;
        let chapter = store::chapters::list(tx)?[0].id;
        let section = store::sections::list(tx, chapter)?[0].id;
        for i in 1..=figures {
            let figure = Block::Figure {
                asset: asset.clone(),
                alt: format!("Map {i} of the county"),
                caption: Some(format!("Figure {i}")),
            };
            store::blocks::insert(tx, section, None, &figure)?;
        }
        Ok(())
    })
    .unwrap();
    plan
}
