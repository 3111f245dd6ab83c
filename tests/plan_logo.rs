//! The logo is part of the plan: kept as one of its images, on the title
//! page of every export unless one export is given another, and carried by
//! repair and by the upgrade from format 1.

mod common;

use std::path::{Path, PathBuf};

use planwright::compose::Image;
use planwright::export::pdf::{self, PdfOptions};
use planwright::model::PlanInfo;
use planwright::store::{self, PlanFile, StoreError};
use planwright::templates::Template;

/// An opaque PNG of `w` × `h` pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut e = ::png::Encoder::new(&mut out, w, h);
    e.set_color(::png::ColorType::Rgb);
    e.set_depth(::png::BitDepth::Eight);
    let mut writer = e.write_header().unwrap();
    writer
        .write_image_data(&[20u8, 60, 140].repeat((w * h) as usize))
        .unwrap();
    drop(writer);
    out
}

fn new_plan(dir: &Path) -> (PathBuf, PlanFile) {
    let path = dir.join("logo.plan");
    let info = PlanInfo::titled("Children and Young People's Plan", 2027);
    let plan = PlanFile::create(&path, &Template::Blank.bundle(info)).unwrap();
    (path, plan)
}

/// The crest every test gives its plan as the logo.
fn crest() -> Vec<u8> {
    png(120, 60)
}

/// A new plan whose logo is [`crest`], and the logo's asset id.
fn plan_with_crest(dir: &Path) -> (PathBuf, PlanFile, String) {
    let (path, mut plan) = new_plan(dir);
    let id = plan
        .write(|tx| store::logo::set(tx, "crest.png", &crest()))
        .unwrap();
    (path, plan, id)
}

/// A PNG cut off half way.
fn cut_png() -> Vec<u8> {
    let mut cut = png(300, 300);
    cut.truncate(cut.len() / 2);
    cut
}

/// The size of every image in a PDF, in pixels.
fn images_in(pdf: &[u8]) -> Vec<(i64, i64)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut sizes: Vec<(i64, i64)> = doc
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict
                .get(b"Subtype")
                .and_then(|t| t.as_name())
                .is_ok_and(|t| t == b"Image")
        })
        .map(|s| {
            let side = |k: &[u8]| s.dict.get(k).and_then(|v| v.as_i64()).unwrap();
            (side(b"Width"), side(b"Height"))
        })
        .collect();
    sizes.sort();
    sizes
}

fn export(plan: &PlanFile, logo: Option<Image>) -> pdf::Exported {
    let opts = PdfOptions {
        logo,
        ..PdfOptions::default()
    };
    pdf::export(plan, &opts, None).unwrap()
}

fn logo_name(plan: &PlanFile) -> Option<String> {
    plan.read(store::logo::get).unwrap().map(|l| l.name)
}

#[test]
fn the_plan_s_logo_is_on_the_title_page_until_it_is_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut plan) = new_plan(dir.path());
    assert_eq!(images_in(&export(&plan, None).pdf), []);

    let id = plan
        .write(|tx| store::logo::set(tx, "crest.png", &crest()))
        .unwrap();
    let logo = plan.read(store::logo::get).unwrap().unwrap();
    assert_eq!(
        (logo.id, logo.name.as_str(), logo.data.as_slice()),
        (id, "crest.png", crest().as_slice())
    );
    let exported = export(&plan, None);
    assert_eq!(images_in(&exported.pdf), [(120, 60)]);
    assert_eq!(exported.warnings, [] as [String; 0]);

    plan.write(|tx| store::logo::clear(tx)).unwrap();
    assert_eq!(logo_name(&plan), None);
    assert_eq!(images_in(&export(&plan, None).pdf), []);
}

#[test]
fn a_logo_given_for_one_export_is_used_instead_of_the_plan_s() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan, _) = plan_with_crest(dir.path());
    let other = Image::from_bytes("partnership.png", &png(50, 50)).unwrap();
    assert_eq!(images_in(&export(&plan, Some(other)).pdf), [(50, 50)]);
    assert_eq!(images_in(&export(&plan, None).pdf), [(120, 60)]);
    drop(plan);

    // The command line: the plan's logo, or `--logo` for one export.
    let out = dir.path().join("plan.pdf");
    let run = common::planwright(["export", "pdf", common::arg(&path), "-o", common::arg(&out)]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(images_in(&std::fs::read(&out).unwrap()), [(120, 60)]);
    let file = dir.path().join("partnership.png");
    std::fs::write(&file, png(50, 50)).unwrap();
    let out = dir.path().join("once.pdf");
    let run = common::planwright([
        "export",
        "pdf",
        common::arg(&path),
        "-o",
        common::arg(&out),
        "--logo",
        common::arg(&file),
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    assert_eq!(images_in(&std::fs::read(&out).unwrap()), [(50, 50)]);
    let plan = PlanFile::open(&path).unwrap();
    assert_eq!(logo_name(&plan).as_deref(), Some("crest.png"), "kept");
}

#[test]
fn only_a_usable_picture_can_be_the_logo_and_a_refusal_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut plan, _) = plan_with_crest(dir.path());
    let images = |plan: &PlanFile| -> i64 {
        plan.read(|c| Ok(c.query_row("SELECT count(*) FROM assets", [], |r| r.get(0))?))
            .unwrap()
    };
    let before = images(&plan);

    let cut = cut_png();
    // A header claiming 40,000 × 10 pixels, and no pixels.
    let mut banner = Vec::new();
    let mut e = ::png::Encoder::new(&mut banner, 40_000, 10);
    e.set_color(::png::ColorType::Rgb);
    drop(e.write_header().unwrap());
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "notes.docx",
            b"PK\x03\x04 a Word file",
            "it is not a PNG or JPEG image",
        ),
        ("cut.png", &cut, "the PNG image is damaged ("),
        (
            "banner.png",
            &banner,
            "it is 40000 × 10 pixels, more than the 30000 pixels a side",
        ),
    ];
    for (name, data, why) in cases {
        let err = plan
            .write(|tx| store::logo::set(tx, name, data))
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
        let said = err.to_string();
        assert!(
            said.contains(&format!("{name} cannot be the plan's logo: {why}")),
            "{said}"
        );
        assert_eq!(logo_name(&plan).as_deref(), Some("crest.png"));
    }
    assert_eq!(images(&plan), before, "no image was added");
}

#[test]
fn a_stored_logo_that_cannot_be_used_is_left_off_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut plan) = new_plan(dir.path());
    // Made by hand (or by another program): `logo::set` would refuse it.
    plan.write(|tx| {
        let id = store::assets::import(tx, "cut.png", &cut_png())?;
        tx.execute("UPDATE plan SET logo_asset = ?1", [id])?;
        Ok(())
    })
    .unwrap();
    let exported = export(&plan, None);
    assert_eq!(images_in(&exported.pdf), []);
    assert_eq!(exported.warnings.len(), 1, "{:?}", exported.warnings);
    assert!(
        exported.warnings[0].starts_with(
            "The title page has no logo because the plan's logo cut.png cannot be used: the PNG image is damaged ("
        ),
        "{}",
        exported.warnings[0]
    );
}

#[test]
fn deleting_the_logo_s_image_takes_the_logo_off_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut plan, id) = plan_with_crest(dir.path());
    plan.write(|tx| Ok(tx.execute("DELETE FROM assets WHERE id = ?1", [&id])?))
        .unwrap();
    let link: Option<String> = plan
        .read(|c| Ok(c.query_row("SELECT logo_asset FROM plan", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(link, None, "no link to an image that is not there");
    assert_eq!(logo_name(&plan), None);
}

#[test]
fn repair_keeps_the_logo() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan, _) = plan_with_crest(dir.path());
    drop(plan);
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch("CREATE TRIGGER quiet AFTER INSERT ON actions BEGIN DELETE FROM blocks; END;")
        .unwrap();
    drop(c);

    let clean = dir.path().join("clean.plan");
    let report = store::repair(&path, &clean).unwrap();
    assert_eq!(report.left_out, [] as [String; 0]);
    let plan = PlanFile::open(&clean).unwrap();
    let logo = plan.read(store::logo::get).unwrap().unwrap();
    assert_eq!((logo.name.as_str(), logo.data), ("crest.png", crest()));
    assert_eq!(images_in(&export(&plan, None).pdf), [(120, 60)]);
}

#[test]
fn a_plan_upgraded_from_format_1_has_no_logo_and_can_be_given_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cypp.plan");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-1.plan"),
        &path,
    )
    .unwrap();
    let mut plan = PlanFile::open(&path).unwrap();
    assert!(plan.upgraded().is_some());
    assert_eq!(logo_name(&plan), None);
    assert_eq!(images_in(&export(&plan, None).pdf), []);
    plan.write(|tx| store::logo::set(tx, "leicestershire.png", &crest()))
        .unwrap();
    assert_eq!(images_in(&export(&plan, None).pdf), [(120, 60)]);
}

#[test]
fn a_bundle_naming_a_logo_the_plan_does_not_hold_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.plan");
    let mut bundle = Template::Blank.bundle(PlanInfo::titled("Plan", 2027));
    bundle.logo = Some("0123456789abcdef.png".into());
    let err = PlanFile::create(&path, &bundle).unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    assert!(
        err.to_string().contains(
            "the plan holds no PNG or JPEG image \"0123456789abcdef.png\" to be its logo"
        ),
        "{err}"
    );
    assert!(!path.exists());
}

#[test]
fn repair_names_a_logo_whose_image_it_cannot_carry() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut plan) = new_plan(dir.path());
    plan.write(|tx| {
        tx.execute_batch(
            "INSERT INTO assets (id, name, mime, data) VALUES ('x.png', 'crest.png', 'image/png', x'00');
             UPDATE plan SET logo_asset = 'x.png';",
        )?;
        Ok(())
    })
    .unwrap();
    drop(plan);
    let clean = dir.path().join("clean.plan");
    let report = store::repair(&path, &clean).unwrap();
    assert_eq!(
        report.left_out,
        [
            "the plan's logo: its image x.png is not a PNG or JPEG the plan holds",
            "image x.png (\"crest.png\"): not a PNG or JPEG"
        ]
    );
    let plan = PlanFile::open(&clean).unwrap();
    assert_eq!(logo_name(&plan), None);
}
