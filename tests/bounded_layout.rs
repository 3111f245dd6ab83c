//! Untrusted plans lay out in bounded time and memory: a crafted table
//! span, a link to a script or a file, and text far beyond what a block may
//! hold, each written straight into the plan (past the checks a save makes).

use std::path::Path;
use std::process::Command;

use planwright::export::pdf::{self, PdfOptions};
use planwright::model::prosemirror::parse_block;
use planwright::model::{Block, Inline, Marks, PlanInfo};
use planwright::store::{self, PlanFile};
use planwright::templates::Template;

/// A blank plan whose one section holds `blocks`.
fn plan_with(dir: &Path, blocks: &[Block]) -> PlanFile {
    let info = PlanInfo::titled("Untrusted", 2024);
    let mut plan = PlanFile::create(dir.join("u.plan"), &Template::Blank.bundle(info)).unwrap();
    plan.write(|tx| {
        let ch = store::chapters::list(tx)?[0].id;
        let section = store::sections::list(tx, ch)?[0].id;
        for b in blocks {
            store::blocks::insert(tx, section, None, b)?;
        }
        Ok(())
    })
    .unwrap();
    plan
}

fn pdftotext(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (scripts/setup.sh installs it)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_cell_spanning_four_billion_columns_lays_out_as_the_table_it_is() {
    let cell = |text: &str, colspan: u64| {
        serde_json::json!({"type":"tableCell","attrs":{"colspan":colspan},"content":[
            {"type":"paragraph","content":[{"type":"text","text":text}]}
        ]})
    };
    let table = serde_json::json!({"type":"table","content":[
        {"type":"tableRow","content":[cell("Wide", 4294967295u64)]},
        {"type":"tableRow","content":[cell("Left", 1), cell("Right", 1)]},
    ]});
    // What a plan read from disk holds: the stored form parses.
    let block = parse_block(&table, "block 1").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with(dir.path(), &[block]);
    let bytes = pdf::export(&plan, &PdfOptions::default(), None)
        .unwrap()
        .pdf;
    let text = pdftotext(&bytes, dir.path());
    for word in ["Wide", "Left", "Right"] {
        assert!(text.contains(word), "{word} in {text}");
    }
}

#[test]
fn a_link_to_a_script_or_a_file_is_set_as_plain_text() {
    let linked = |text: &str, href: &str| Inline::Text {
        text: text.into(),
        marks: Marks {
            link: Some(href.into()),
            ..Marks::default()
        },
    };
    let block = Block::Paragraph {
        numbered: false,
        content: vec![
            linked("script ", "javascript:alert(1)"),
            linked("file ", "file:///etc/passwd"),
            linked("data ", "data:text/html,x"),
            linked("web", "https://example.org/"),
        ],
    };
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with(dir.path(), &[block]);
    let bytes = pdf::export(&plan, &PdfOptions::default(), None)
        .unwrap()
        .pdf;
    // The annotations sit in compressed object streams: search every
    // string lopdf reads back rather than the file's bytes.
    fn strings(o: &lopdf::Object, out: &mut Vec<String>) {
        match o {
            lopdf::Object::String(b, _) => out.push(String::from_utf8_lossy(b).into_owned()),
            lopdf::Object::Array(a) => a.iter().for_each(|o| strings(o, out)),
            lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, o)| strings(o, out)),
            _ => {}
        }
    }
    let lo = lopdf::Document::load_mem(&bytes).unwrap();
    let mut all = Vec::new();
    lo.objects.values().for_each(|o| strings(o, &mut all));
    for bad in ["javascript:", "file:", "data:"] {
        assert!(!all.iter().any(|s| s.contains(bad)), "{bad} is in the PDF");
    }
    assert!(all.iter().any(|s| s == "https://example.org/"), "{all:?}");
    let text = pdftotext(&bytes, dir.path());
    assert!(text.contains("script file data web"), "{text}");
}
