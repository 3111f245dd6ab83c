//! The Word export read back by real readers: LibreOffice (headless,
//! converting every file to PDF), pandoc (its document tree: headings,
//! lists, tables, notes) and the HTML of the same plan for its paragraph
//! numbers; and its main parts against references.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use planwright::api::{
    self,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
};
use planwright::store::PlanFile;
use planwright::templates;
use serde_json::Value;

use common::{dated_request as request, suite_bundles as suite, tool};

/// Every kind of Word file, exported once: the sample plan, its three
/// appendices and the suite's plans, with the sample's HTML.
struct Files {
    dir: tempfile::TempDir,
    plan: PathBuf,
    html: PathBuf,
    /// (name, file), the sample first.
    docx: Vec<(String, PathBuf)>,
}

fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let plan_path = dir.path().join("sample.plan");
        let plan = PlanFile::create(&plan_path, &templates::sample()).unwrap();
        let mut docx = Vec::new();
        let appendices = [
            ("sample", None),
            (
                "actions",
                Some(Appendix::Actions {
                    group_by: GroupBy::Objective,
                    columns: ActionColumns {
                        timescale: true,
                        outcome: true,
                        status: true,
                    },
                }),
            ),
            ("indicators", Some(Appendix::Indicators)),
            ("glossary", Some(Appendix::Glossary)),
        ];
        for (name, appendix) in appendices {
            let out = dir.path().join(format!("{name}.docx"));
            let warnings = api::export::docx(
                &plan,
                &ExportRequest {
                    appendix,
                    ..request()
                },
                &out,
            )
            .unwrap();
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            docx.push((name.to_owned(), out));
        }
        let html = dir.path().join("sample.html");
        api::export::html(&plan, &request(), &html).unwrap();
        for (name, bundle) in suite() {
            let plan = PlanFile::create(dir.path().join(format!("{name}.plan")), &bundle).unwrap();
            let out = dir.path().join(format!("{name}.docx"));
            api::export::docx(&plan, &request(), &out).unwrap();
            docx.push((name, out));
        }
        Files {
            dir,
            plan: plan_path,
            html,
            docx,
        }
    })
}

fn file(name: &str) -> &'static Path {
    &files().docx.iter().find(|(n, _)| n == name).unwrap().1
}

/// The package's XML parts by name.
fn parts(docx: &Path) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            out.insert(name, text);
        }
    }
    out
}

/// pandoc's reading of a file: its document tree as JSON.
fn pandoc(docx: &Path) -> Value {
    let out = tool(
        "pandoc",
        &["-f", "docx", "-t", "json", docx.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "pandoc could not read {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Every block of pandoc's tree, depth first, with its type.
fn blocks(tree: &Value) -> Vec<&Value> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
        match v {
            Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
            Value::Object(o) => {
                if o.get("t").is_some() {
                    out.push(v);
                }
                if let Some(c) = o.get("c") {
                    walk(c, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&tree["blocks"], &mut out);
    out
}

fn kind(v: &Value) -> &str {
    v["t"].as_str().unwrap_or("")
}

/// The plain text of an element of pandoc's tree.
fn text(v: &Value) -> String {
    match v {
        Value::Array(items) => items.iter().map(text).collect(),
        Value::Object(o) => match kind(v) {
            "Str" => o["c"].as_str().unwrap().to_owned(),
            "Space" | "SoftBreak" | "LineBreak" => " ".into(),
            "Note" => String::new(),
            _ => o.get("c").map(text).unwrap_or_default(),
        },
        _ => String::new(),
    }
}

#[test]
fn libreoffice_opens_every_file_and_its_pdf_shows_the_content() {
    let f = files();
    let out_dir = f.dir.path().join("libreoffice");
    std::fs::create_dir_all(&out_dir).unwrap();
    // Its own profile, so no other LibreOffice (or a test running beside
    // this one) holds the lock.
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        f.dir.path().display()
    );
    let mut args = vec![
        profile.as_str(),
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        out_dir.to_str().unwrap(),
    ];
    args.extend(f.docx.iter().map(|(_, p)| p.to_str().unwrap()));
    let out = tool("soffice", &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expect: &[(&str, &[&str])] = &[
        (
            "sample",
            &[
                "Contents",
                "4 Being Healthy",
                "2.5",
                "Improving physical health",
                "Page 3",
            ],
        ),
        (
            "actions",
            &[
                "1. Secure the wellbeing and health of child and young people",
                "Activity",
                "Responsibility",
                "Timescale",
            ],
        ),
        (
            "indicators",
            &["P1. Improve emotional health", "Baseline", "NI 115"],
        ),
        ("glossary", &["Glossary"]),
        ("every-block-kind", &["Case study"]),
    ];
    for (name, _) in &f.docx {
        let pdf = out_dir.join(format!("{name}.pdf"));
        assert!(pdf.exists(), "LibreOffice made no PDF of {name}");
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        assert!(
            info.status.success(),
            "{name}.pdf: {}",
            String::from_utf8_lossy(&info.stderr)
        );
        let words = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
        let words = String::from_utf8_lossy(&words.stdout);
        for want in expect
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, w)| *w)
        {
            assert!(words.contains(want), "{name}.pdf lacks {want:?}");
        }
    }
}

#[test]
fn pandoc_reads_headings_as_headings_lists_as_lists_and_tables_as_tables() {
    let tree = pandoc(file("sample"));
    let all = blocks(&tree);
    let count = |k: &str| all.iter().filter(|b| kind(b) == k).count();
    let html = std::fs::read_to_string(&files().html).unwrap();
    let chapters = html.matches("<section class=\"chapter\"").count();
    let level = |n: u64| {
        all.iter()
            .filter(|b| kind(b) == "Header" && b["c"][0] == n)
            .count()
    };
    // The chapters and the contents' own heading; sections below them.
    assert_eq!(level(1), chapters + 1);
    assert!(level(2) > 50, "{}", level(2));
    assert!(count("BulletList") > 100, "{}", count("BulletList"));
    assert!(count("BlockQuote") > 5, "{}", count("BlockQuote"));
    assert!(count("Table") > 0);
    let headings: Vec<String> = all
        .iter()
        .filter(|b| kind(b) == "Header" && b["c"][0] == 1)
        .map(|b| text(&b["c"][2]))
        .collect();
    assert!(
        headings.contains(&"4 Being Healthy".to_owned()),
        "{headings:?}"
    );

    // The suite's plans: notes, quotes, tables and lists of both kinds.
    for (name, kinds) in [
        (
            "every-block-kind",
            &["BulletList", "BlockQuote", "Table", "Note"][..],
        ),
        (
            "headings-lists-quotes",
            &["OrderedList", "BulletList", "BlockQuote"][..],
        ),
    ] {
        let tree = pandoc(file(name));
        let all = blocks(&tree);
        for k in kinds {
            assert!(all.iter().any(|b| kind(b) == *k), "no {k} in {name}");
        }
    }
}

#[test]
fn the_action_appendix_has_84_rows_in_7_tables_under_their_objectives() {
    let tree = pandoc(file("actions"));
    let all = blocks(&tree);
    let rows: Vec<usize> = all
        .iter()
        .filter(|b| kind(b) == "Table")
        .map(|t| {
            // [attr, caption, colspecs, head, bodies, foot]; a body is
            // [attr, row head columns, head rows, rows].
            t["c"][4]
                .as_array()
                .unwrap()
                .iter()
                .map(|body| body[3].as_array().unwrap().len())
                .sum()
        })
        .collect();
    assert_eq!(rows, [16, 7, 22, 15, 5, 11, 8]);
    let objectives = all
        .iter()
        .filter(|b| kind(b) == "Header" && b["c"][0] == 2)
        .count();
    assert_eq!(objectives, 7);
    // The header row repeats on every page the table runs onto.
    let document = &parts(file("actions"))["word/document.xml"];
    assert_eq!(document.matches("<w:tblHeader/>").count(), 7);
}

/// The numbers of numbered paragraphs in a Word file, in order: the text
/// before the tab that starts each Numbered Paragraph.
fn docx_labels(document: &str) -> Vec<String> {
    let xml = roxmltree::Document::parse(document).unwrap();
    xml.descendants()
        .filter(|n| n.has_tag_name("p"))
        .filter(|p| {
            p.descendants().any(|n| {
                n.has_tag_name("pStyle") && n.attributes().any(|a| a.value() == "NumberedParagraph")
            })
        })
        .map(|p| {
            let t = p.descendants().find(|n| n.has_tag_name("t")).unwrap();
            t.text().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn paragraph_numbers_are_the_htmls_and_so_the_pdfs() {
    let docx = docx_labels(&parts(file("sample"))["word/document.xml"]);
    let html = std::fs::read_to_string(&files().html).unwrap();
    let html: Vec<&str> = html
        .split("<p class=\"numbered\" id=\"para-")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect();
    assert!(
        docx.len() > 50,
        "the sample numbers its paragraphs: {}",
        docx.len()
    );
    // tests/export_html.rs holds the HTML's numbers to the PDF's.
    assert_eq!(docx, html);
}

#[test]
fn the_file_has_its_properties_styles_and_alt_text() {
    let p = parts(file("sample"));
    let core = &p["docProps/core.xml"];
    assert!(
        core.contains(
            "<dc:title>Leicestershire Children and Young People's Plan 2008–2011</dc:title>"
        ),
        "{core}"
    );
    assert!(core.contains("<dc:creator>Leicestershire County Council</dc:creator>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    let styles = &p["word/styles.xml"];
    for name in [
        "Title",
        "heading 1",
        "heading 2",
        "heading 3",
        "List Bullet",
        "List Number",
        "Quote",
        "Intense Quote",
        "caption",
        "footnote text",
        "Table Grid",
        "toc 1",
    ] {
        assert!(
            styles.contains(&format!("<w:name w:val=\"{name}\"/>")),
            "no {name} style"
        );
    }
    // Every picture says what it shows.
    let every = parts(file("every-block-kind"));
    let document = &every["word/document.xml"];
    let xml = roxmltree::Document::parse(document).unwrap();
    let pictures: Vec<_> = xml
        .descendants()
        .filter(|n| n.has_tag_name("docPr"))
        .collect();
    for p in &pictures {
        assert!(
            !p.attribute("descr").unwrap_or("").trim().is_empty(),
            "a picture without alt text"
        );
    }
}

#[test]
fn the_suite_matches_its_word_references() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ref");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut changed = Vec::new();
    let suite: Vec<String> = suite().into_iter().map(|(n, _)| n).collect();
    for name in &suite {
        let p = parts(file(name));
        let mut wanted = vec!["word/document.xml", "word/numbering.xml"];
        // The styles are the same for every file: kept once.
        if name == &suite[0] {
            wanted.push("word/styles.xml");
        }
        for part in wanted {
            let short = part.trim_start_matches("word/");
            let reference = if short == "styles.xml" {
                root.join("docx.styles.xml")
            } else {
                root.join(format!("{name}.{short}"))
            };
            let got = &p[part];
            if update {
                std::fs::write(&reference, got).unwrap();
            }
            if std::fs::read_to_string(&reference).ok().as_deref() != Some(got.as_str()) {
                changed.push(reference.display().to_string());
            }
        }
    }
    assert!(
        changed.is_empty(),
        "these differ from the export; check them and rerun with UPDATE_SNAPSHOTS=1: {changed:#?}"
    );
}

#[test]
fn the_cli_writes_a_word_appendix_and_never_over_the_plan() {
    let f = files();
    let out = f.dir.path().join("cli.docx");
    let ok = common::planwright([
        "export",
        "docx",
        common::arg(&f.plan),
        "-o",
        common::arg(&out),
        "--appendix",
        "actions",
        "--group-by",
        "lead",
    ]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(parts(&out)["word/document.xml"].contains("<w:tblHeader/>"));
    let before = std::fs::read(&f.plan).unwrap();
    let onto_plan = common::planwright([
        "export",
        "docx",
        common::arg(&f.plan),
        "-o",
        common::arg(&f.plan),
    ]);
    assert_eq!(onto_plan.code, 1, "{}", onto_plan.stderr);
    assert!(onto_plan.stderr.contains("plan"), "{}", onto_plan.stderr);
    assert_eq!(
        std::fs::read(&f.plan).unwrap(),
        before,
        "the plan is untouched"
    );
}

/// A Word template whose Heading 1 is dark red and whose Normal is
/// Georgia, as an authority's house style might be.
fn house_template(dir: &Path) -> PathBuf {
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
        <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>\
        <w:rPr><w:rFonts w:ascii=\"Georgia\" w:hAnsi=\"Georgia\"/></w:rPr></w:style>\
        <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>\
        <w:basedOn w:val=\"Normal\"/><w:pPr><w:pageBreakBefore/><w:outlineLvl w:val=\"0\"/></w:pPr>\
        <w:rPr><w:b/><w:color w:val=\"C00000\"/><w:sz w:val=\"48\"/></w:rPr></w:style></w:styles>";
    let path = dir.join("house.dotx");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut zip, styles.as_bytes()).unwrap();
    zip.finish().unwrap();
    path
}

/// Whether page `page` of `pdf`, as pdftoppm draws it, has dark red text.
fn has_red(pdf: &Path, page: u32) -> bool {
    let out = tool(
        "pdftoppm",
        &[
            "-r",
            "40",
            "-f",
            &page.to_string(),
            "-l",
            &page.to_string(),
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success());
    // A binary PPM: "P6", width, height, 255, then RGB triples.
    let data = out.stdout;
    let mut fields = 0;
    let mut at = 0;
    while fields < 4 {
        while data[at].is_ascii_whitespace() {
            at += 1;
        }
        while !data[at].is_ascii_whitespace() {
            at += 1;
        }
        fields += 1;
    }
    data[at + 1..]
        .chunks_exact(3)
        .any(|p| p[0] > 150 && p[1] < 40 && p[2] < 40)
}

#[test]
fn the_plans_word_template_styles_its_word_exports_and_survives_a_repair() {
    let dir = tempfile::tempdir().unwrap();
    let (_sample_dir, sample) = common::sample_plan();
    let plan = dir.path().join("house.plan");
    std::fs::copy(&sample, &plan).unwrap();
    let template = house_template(dir.path());
    let set = common::planwright([
        "plan",
        "set-word-template",
        common::arg(&plan),
        common::arg(&template),
    ]);
    assert_eq!(set.code, 0, "{}", set.stderr);
    assert!(
        set.stdout.contains("the Word template is house.dotx"),
        "{}",
        set.stdout
    );

    // A repaired copy keeps it.
    let clean = dir.path().join("clean.plan");
    let repair = common::planwright(["repair", common::arg(&plan), "-o", common::arg(&clean)]);
    assert_eq!(repair.code, 0, "{}", repair.stderr);
    let info = common::planwright(["info", common::arg(&clean)]);
    assert!(
        info.stdout.contains("Word template: house.dotx"),
        "{}",
        info.stdout
    );

    let out = dir.path().join("house.docx");
    let run = common::planwright([
        "export",
        "docx",
        common::arg(&clean),
        "-o",
        common::arg(&out),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let styles = &parts(&out)["word/styles.xml"];
    assert!(
        styles.contains("<w:color w:val=\"C00000\"/>"),
        "the template's Heading 1"
    );
    assert!(
        styles.contains("w:styleId=\"NumberedParagraph\""),
        "and ours besides"
    );

    // LibreOffice draws the chapter headings in the template's red; the
    // same plan without it has none.
    let plain = dir.path().join("plain.docx");
    api::export::docx(
        &PlanFile::open_read_only(&sample).unwrap(),
        &request(),
        &plain,
    )
    .unwrap();
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        dir.path().display()
    );
    let converted = tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            dir.path().to_str().unwrap(),
            out.to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    assert!(
        converted.status.success(),
        "{}",
        String::from_utf8_lossy(&converted.stderr)
    );
    // Page 5 starts the first chapter, Welcome (after the title page and
    // three pages of contents).
    assert!(has_red(&dir.path().join("house.pdf"), 5));
    assert!(!has_red(&dir.path().join("plain.pdf"), 5));
}

#[test]
fn a_template_that_cannot_be_used_is_refused_or_warned_of_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (_sample_dir, sample) = common::sample_plan();
    let plan = dir.path().join("p.plan");
    std::fs::copy(&sample, &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let not_word = dir.path().join("notes.docx");
    std::fs::write(&not_word, "just some notes").unwrap();
    let run = common::planwright([
        "plan",
        "set-word-template",
        common::arg(&plan),
        common::arg(&not_word),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("notes.docx cannot be a Word template: it is not a Word document (.docx)"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is untouched"
    );
    let e =
        api::plan::set_word_template(&mut PlanFile::open(&plan).unwrap(), &not_word).unwrap_err();
    assert_eq!(e.code(), api::ErrorCode::BadTemplate);
    assert_eq!(e.detail().as_deref(), not_word.to_str());

    // A plan from someone else holding a damaged template still exports,
    // in Planwright's styles, and says why.
    let conn = rusqlite::Connection::open(&plan).unwrap();
    conn.execute(
        "INSERT INTO word_template (id, name, data) VALUES (1, 'theirs.docx', x'504b0304')",
        [],
    )
    .unwrap();
    drop(conn);
    let out = dir.path().join("p.docx");
    let warnings =
        api::export::docx(&PlanFile::open_read_only(&plan).unwrap(), &request(), &out).unwrap();
    assert_eq!(
        warnings,
        [
            "The plan's Word template theirs.docx could not be used because it is not a Word \
          document (.docx); the document has Planwright's own styles."
        ]
    );
    // One too large to use is never read.
    let conn = rusqlite::Connection::open(&plan).unwrap();
    conn.execute("UPDATE word_template SET data = zeroblob(52428801)", [])
        .unwrap();
    drop(conn);
    let warnings =
        api::export::docx(&PlanFile::open_read_only(&plan).unwrap(), &request(), &out).unwrap();
    assert!(
        warnings[0].contains("because it is larger than 50 MB"),
        "{warnings:?}"
    );
    assert!(parts(&out)["word/styles.xml"].contains("w:styleId=\"NumberedParagraph\""));
}
