//! Pictures in exported PDFs: a picture shown by many figures is decoded
//! once, kept at no more than print resolution, in bounded memory; a
//! picture that cannot be used gives the placeholder and a warning that
//! names the figure.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use planwright::export::pdf::{self, PdfOptions};
use planwright::model::{Block, PlanInfo};
use planwright::store::{self, PlanFile};
use planwright::templates::Template;

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} could not run ({e}); scripts/setup.sh installs it"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PNG of `side` × `side` pixels of one colour, written a row at a time:
/// with the Up filter every row after the first is zeros, so 13,000² is a
/// few hundred kilobytes, made without holding its 507 MB of samples.
fn one_colour_png(side: u32) -> Vec<u8> {
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

/// A plan whose chapter 1 has a section "Play areas" holding a figure for
/// each (alt, asset) given; `assets` are (file name, bytes) put in the plan.
/// Returns the plan's path and the asset ids by name.
fn plan_with_figures(dir: &Path, assets: &[(&str, &[u8])], figures: &[(&str, &str)]) -> PathBuf {
    let path = dir.join("figures.plan");
    let info = PlanInfo::titled("Pictures", 2027);
    let mut plan = PlanFile::create(&path, &Template::Blank.bundle(info)).unwrap();
    plan.write(|tx| {
        let ids: Vec<(String, String)> = assets
            .iter()
            .map(|(name, data)| Ok((name.to_string(), store::assets::import(tx, name, data)?)))
            .collect::<Result<_, store::StoreError>>()?;
        let chapter = store::chapters::list(tx)?[0].id;
        let section = store::sections::add(tx, chapter, Some("Play areas"), None)?;
        for (alt, asset) in figures {
            let asset = ids
                .iter()
                .find(|(name, _)| name == asset)
                .map_or(asset.to_string(), |(_, id)| id.clone());
            let figure = Block::Figure {
                asset,
                alt: alt.to_string(),
                caption: None,
            };
            store::blocks::insert(tx, section, None, &figure)?;
        }
        Ok(())
    })
    .unwrap();
    path
}

/// The largest resident size any child of this process has had, in MB.
fn children_peak_mb() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage only writes the struct it is given.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    usage.ru_maxrss as u64 / 1024
}

#[test]
fn sixteen_figures_of_one_huge_picture_share_one_print_sized_image() {
    let dir = tempfile::tempdir().unwrap();
    let huge = one_colour_png(13_000);
    assert!(huge.len() < 2 << 20, "{} bytes", huge.len());
    let figures: Vec<(String, &str)> = (1..=16)
        .map(|i| (format!("Map {i} of the county"), "county.png"))
        .collect();
    let figures: Vec<(&str, &str)> = figures.iter().map(|(a, n)| (a.as_str(), *n)).collect();
    let plan = plan_with_figures(dir.path(), &[("county.png", &huge)], &figures);
    drop(huge);
    let out = dir.path().join("figures.pdf");

    let run = common::planwright(["export", "pdf", common::arg(&plan), "-o", common::arg(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no warnings");
    // The export decodes 169 million pixels; it used 1 GB a figure before.
    let peak = children_peak_mb();
    assert!(peak < 400, "the export peaked at {peak} MB");

    tool("qpdf", &["--check", common::arg(&out)]);
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    let list = tool("pdfimages", &["-list", common::arg(&out)]);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 16, "sixteen figures drawn: {list}");
    let objects: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[10]).collect();
    assert_eq!(objects.len(), 1, "one image object for all of them: {list}");
    for r in &rows {
        let (w, h): (u32, u32) = (r[3].parse().unwrap(), r[4].parse().unwrap());
        let (x_ppi, y_ppi): (u32, u32) = (r[12].parse().unwrap(), r[13].parse().unwrap());
        assert!(w == h && w < 2000, "shrunk from 13000 px: {w} × {h}");
        // Exactly print resolution at its placed size (pdfimages rounds).
        assert!(
            (299..=300).contains(&x_ppi) && (299..=300).contains(&y_ppi),
            "{x_ppi} × {y_ppi} ppi"
        );
    }
}

/// A JPEG of 64 × 64 pixels, cut off half way.
fn truncated_jpeg() -> Vec<u8> {
    let pixels = [200u8, 120, 40].repeat(64 * 64);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(&pixels, 64, 64, image::ExtendedColorType::Rgb8)
        .unwrap();
    out.truncate(out.len() / 2);
    out
}

/// A PNG header claiming `w` × `h` pixels, with no pixels after it.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = png::Encoder::new(&mut out, w, h);
    e.set_color(png::ColorType::Rgb);
    e.write_header().unwrap();
    out
}

#[test]
fn a_picture_that_cannot_be_used_is_a_placeholder_and_a_warning_naming_its_figure() {
    let dir = tempfile::tempdir().unwrap();
    let mut cut_png = one_colour_png(300);
    cut_png.truncate(cut_png.len() / 2);
    let plan = plan_with_figures(
        dir.path(),
        &[
            ("cut.png", &cut_png),
            ("banner.png", &png_header(40_000, 10)),
            ("photo.jpg", &truncated_jpeg()),
        ],
        &[
            ("A cut map", "cut.png"),
            ("A long banner", "banner.png"),
            ("A photo of the opening", "photo.jpg"),
            ("A chart", "chart.png"),
        ],
    );
    let out = dir.path().join("warned.pdf");
    let run = common::planwright(["export", "pdf", common::arg(&plan), "-o", common::arg(&out)]);
    assert_eq!(run.code, 0, "an unusable picture does not stop the export");
    let lines: Vec<&str> = run.stderr.lines().collect();
    let place = "in chapter \"1 Introduction\", section \"Play areas\" shows a placeholder because";
    let want = [
        format!(
            "planwright: warning: The figure \"A chart\" {place} its image (asset \"chart.png\") is not in the plan."
        ),
        format!("planwright: warning: The figure \"A cut map\" {place} its image cut.png cannot be used: the PNG image is damaged (the file ends before the picture does)."),
        format!(
            "planwright: warning: The figure \"A long banner\" {place} its image banner.png cannot be used: it is 40000 × 10 pixels, more than the 30000 pixels a side a picture may have."
        ),
        format!("planwright: warning: The figure \"A photo of the opening\" {place} its image photo.jpg cannot be used: the JPEG image is damaged (the file ends before the picture does)."),
    ];
    assert_eq!(lines.len(), want.len(), "{}", run.stderr);
    for (line, want) in lines.iter().zip(&want) {
        assert!(line.starts_with(want.as_str()), "{line}\nwanted {want}");
        assert!(line.ends_with('.'), "{line}");
    }
    // Each figure is its placeholder, and no image is embedded.
    let text = tool("pdftotext", &["-layout", common::arg(&out), "-"]);
    for alt in [
        "A cut map",
        "A long banner",
        "A photo of the opening",
        "A chart",
    ] {
        assert!(
            text.contains(&format!("Image not available: {alt}")),
            "{alt}: {text}"
        );
    }
    let list = tool("pdfimages", &["-list", common::arg(&out)]);
    assert_eq!(list.lines().count(), 2, "no images: {list}");

    // The library gives the same warnings with the PDF.
    let plan = PlanFile::open(&plan).unwrap();
    let exported = pdf::export(&plan, &PdfOptions::default(), None).unwrap();
    assert!(exported.pdf.starts_with(b"%PDF-"));
    let from_cli: Vec<&str> = lines
        .iter()
        .map(|l| l.strip_prefix("planwright: warning: ").unwrap())
        .collect();
    assert_eq!(exported.warnings, from_cli);
}

#[test]
fn a_logo_too_large_to_use_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_figures(dir.path(), &[], &[]);
    let logo = dir.path().join("crest.png");
    std::fs::write(&logo, png_header(20_000, 20_000)).unwrap();
    let run = common::planwright([
        "export",
        "pdf",
        common::arg(&plan),
        "-o",
        common::arg(&dir.path().join("logo.pdf")),
        "--logo",
        common::arg(&logo),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{}: it is 20000 × 20000 pixels (400 million), more than the 200 million a picture may have",
            logo.display()
        )),
        "{}",
        run.stderr
    );
}
