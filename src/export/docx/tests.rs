use std::collections::BTreeMap;
use std::io::Read as _;
use std::sync::Arc;

use super::*;
use crate::compose::{
    CalloutKind, ContentsEntry, DocBlock, DocCell, DocChapter, DocTable, Footnote, Image, Span,
};

use crate::export::fixtures::{meta, para};

fn doc(blocks: Vec<DocBlock>) -> Document {
    Document {
        title_page: true,
        meta: meta(),
        contents: vec![
            ContentsEntry {
                level: 1,
                label: Some("1".into()),
                title: "Introduction".into(),
                anchor: "c1".into(),
            },
            ContentsEntry {
                level: 2,
                label: Some("1.1".into()),
                title: "Why".into(),
                anchor: "c1s1".into(),
            },
        ],
        chapters: vec![DocChapter {
            label: None,
            anchor: "c1".into(),
            number: Some(1),
            title: "Introduction".into(),
            blocks: [
                vec![DocBlock::Heading {
                    level: 2,
                    anchor: Some("c1s1".into()),
                    content: vec![Span::plain("1.1 Why")],
                }],
                blocks,
            ]
            .concat(),
        }],
        footnotes: vec![Footnote {
            number: 1,
            content: vec![Span::plain("Source: the census.")],
        }],
        warnings: vec![],
    }
}

/// A 2 × 1 PNG.
fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = ::png::Encoder::new(&mut out, 2, 1);
    enc.set_color(::png::ColorType::Grayscale);
    enc.write_header()
        .unwrap()
        .write_image_data(&[0, 255])
        .unwrap();
    out
}

fn image(key: &str, bytes: Vec<u8>) -> Image {
    Image {
        name: format!("{key}.png"),
        mime: "image/png".into(),
        key: key.into(),
        data: Arc::from(bytes),
        decoded: None,
    }
}

/// The package's parts by name, each checked to be well-formed XML (but
/// pictures).
fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        if name.starts_with("word/media/") {
            out.insert(name, String::new());
            continue;
        }
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{name} is not well-formed: {e}\n{text}");
        }
        out.insert(name, text);
    }
    out
}

fn every_block() -> Vec<DocBlock> {
    vec![
        DocBlock::Paragraph {
            label: Some("1.1".into()),
            content: vec![
                Span::plain("Numbered "),
                Span::Text {
                    text: "bold".into(),
                    bold: true,
                    italic: false,
                    link: None,
                },
                Span::FootnoteRef { number: 1 },
                Span::plain(" and again"),
                Span::FootnoteRef { number: 1 },
                Span::LineBreak,
                Span::Text {
                    text: "a link".into(),
                    bold: false,
                    italic: true,
                    link: Some("https://example.org/?a=1&b=\"2\"".into()),
                },
            ],
        },
        DocBlock::List {
            ordered: true,
            start: 4,
            items: vec![
                vec![para("four")],
                vec![
                    para("five"),
                    para("five, more"),
                    DocBlock::List {
                        ordered: false,
                        start: 1,
                        items: vec![vec![para("inner")]],
                    },
                ],
            ],
        },
        DocBlock::Quote {
            blocks: vec![para("We were heard.")],
            attribution: Some("A young person".into()),
        },
        DocBlock::Callout {
            callout: CalloutKind::CaseStudy,
            title: Some("Anytown".into()),
            blocks: vec![para("Inside the box.")],
        },
        DocBlock::Table(DocTable {
            caption: Some("Table 1: Leads".into()),
            header_rows: 1,
            rows: vec![
                vec![
                    DocCell::text("ACTIVITY", true),
                    DocCell::text("RESPONSIBILITY", true),
                ],
                vec![
                    DocCell::text("A very long activity that takes much of the width", false),
                    DocCell::text("CYPS", false),
                ],
                vec![DocCell {
                    header: false,
                    colspan: 2,
                    blocks: vec![para("spans both")],
                }],
                vec![DocCell::text("short row", false)],
            ],
        }),
        DocBlock::Figure {
            alt: "Map of \"the county\"".into(),
            caption: Some("Figure 1: The county".into()),
            image: Some(image("map", png())),
            place: "chapter \"1\"".into(),
        },
        DocBlock::Figure {
            alt: "The same map again".into(),
            caption: None,
            image: Some(image("map", png())),
            place: "chapter \"1\"".into(),
        },
        DocBlock::PageBreak,
    ]
}

#[test]
fn every_part_is_well_formed_and_named_in_the_content_types() {
    let out = render_plain(&doc(every_block())).unwrap();
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let parts = parts(&out.docx);
    let types = &parts["[Content_Types].xml"];
    for name in parts.keys() {
        if name.ends_with(".rels") || name.starts_with('[') {
            continue;
        }
        let named = types.contains(&format!("PartName=\"/{name}\""))
            || types.contains(&format!(
                "Extension=\"{}\"",
                name.rsplit('.').next().unwrap()
            ));
        assert!(named, "{name} has no content type");
    }
    for rels in parts.keys().filter(|n| n.ends_with(".rels")) {
        // Every internal target of a relationship is a part of the file.
        let base = rels.replace("_rels/", "").replace(".rels", "");
        let folder = base
            .rsplit_once('/')
            .map(|(f, _)| format!("{f}/"))
            .unwrap_or_default();
        let xml = roxmltree::Document::parse(&parts[rels]).unwrap();
        for r in xml.descendants().filter(|n| n.has_tag_name("Relationship")) {
            if r.attribute("TargetMode") == Some("External") {
                continue;
            }
            let target = format!("{folder}{}", r.attribute("Target").unwrap());
            let target = target.trim_start_matches('/');
            assert!(
                parts.contains_key(target),
                "{rels} names {target}, not in the file"
            );
        }
    }
}

#[test]
fn text_from_the_plan_cannot_break_the_markup() {
    let mut d = doc(vec![
        para("</w:t></w:r><w:r><w:t>injected"),
        para("control \u{1}\u{b}characters\u{FFFE}"),
        DocBlock::Figure {
            alt: "\"/><evil x=\"".into(),
            caption: None,
            image: Some(image("p", png())),
            place: "x".into(),
        },
    ]);
    d.meta.title = "<w:body>".into();
    d.meta.language = "en\"><x".into();
    d.meta.authority = "Q&A".into();
    let parts = parts(&render_plain(&d).unwrap().docx);
    let doc = &parts["word/document.xml"];
    assert!(doc.contains("&lt;/w:t&gt;&lt;/w:r&gt;&lt;w:r&gt;&lt;w:t&gt;injected"));
    assert!(doc.contains("control characters"));
    assert!(parts["docProps/core.xml"].contains("<dc:title>&lt;w:body&gt; 2024–2027</dc:title>"));
    assert!(parts["word/styles.xml"].contains("w:val=\"en&quot;&gt;&lt;x\""));
}

#[test]
fn headings_lists_quotes_and_callouts_use_word_styles_and_real_numbering() {
    let parts = parts(&render_plain(&doc(every_block())).unwrap().docx);
    let d = &parts["word/document.xml"];
    for style in [
        "Title",
        "Heading1",
        "Heading2",
        "NumberedParagraph",
        "ListNumber",
        "ListBullet",
        "ListContinue",
        "Quote",
        "QuoteAttribution",
        "CalloutLabel",
        "CalloutTitle",
        "IntenseQuote",
        "Caption",
        "TableHeading",
        "TableText",
        "TOCHeading",
        "TOC1",
        "TOC2",
    ] {
        assert!(
            d.contains(&format!("<w:pStyle w:val=\"{style}\"/>")),
            "{style} unused"
        );
        assert!(
            parts["word/styles.xml"].contains(&format!("w:styleId=\"{style}\"")),
            "{style} undefined"
        );
    }
    // The paragraph number, a tab, then the text.
    assert!(d.contains("<w:t xml:space=\"preserve\">1.1</w:t><w:tab/>"));
    // The numbered list counts from 4 in a number of its own; the list in
    // its second item is a level deeper.
    assert!(parts["word/numbering.xml"].contains(
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"4\"/>"
    ));
    assert_eq!(
        d.matches("<w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/>")
            .count(),
        2
    );
    assert_eq!(
        d.matches("<w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/>")
            .count(),
        1
    );
    assert!(d.contains("— A young person"));
    assert!(d.contains(">Case study<"));
    // The contents field links to the headings' bookmarks.
    assert!(d.contains(" TOC \\o \"1-2\" \\h \\z \\u "));
    assert!(d.contains("<w:hyperlink w:anchor=\"_Toc2\" w:history=\"1\">"));
    assert!(d.contains("<w:bookmarkStart w:id=\"2\" w:name=\"_Toc2\"/>"));
    assert_eq!(
        d.matches("<w:bookmarkStart").count(),
        d.matches("<w:bookmarkEnd").count()
    );
}

#[test]
fn tables_repeat_their_header_rows_and_fit_the_page() {
    let parts = parts(&render_plain(&doc(every_block())).unwrap().docx);
    let xml = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let tbl = xml.descendants().find(|n| n.has_tag_name("tbl")).unwrap();
    let rows: Vec<_> = tbl.children().filter(|n| n.has_tag_name("tr")).collect();
    assert_eq!(rows.len(), 4);
    let header = |r: &roxmltree::Node| r.descendants().any(|n| n.has_tag_name("tblHeader"));
    assert!(header(&rows[0]));
    assert!(!rows[1..].iter().any(header));
    let w = |n: roxmltree::Node| -> u32 {
        n.attributes()
            .find(|a| a.name() == "w")
            .unwrap()
            .value()
            .parse()
            .unwrap()
    };
    let grid: Vec<u32> = tbl
        .descendants()
        .filter(|n| n.has_tag_name("gridCol"))
        .map(w)
        .collect();
    assert_eq!(grid.len(), 2);
    assert!(grid.iter().sum::<u32>() <= body::TEXT_WIDTH);
    assert!(grid[0] > grid[1] * 3, "the long column is wider: {grid:?}");
    // Every row fills the grid: the spanning cell spans, the short row is
    // filled out.
    for r in &rows {
        let cols: u32 = r
            .children()
            .filter(|n| n.has_tag_name("tc"))
            .map(|tc| {
                tc.descendants()
                    .find(|n| n.has_tag_name("gridSpan"))
                    .map(|g| g.attributes().next().unwrap().value().parse().unwrap())
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(cols, 2);
    }
    assert!(parts["word/document.xml"].contains("<w:tblCaption w:val=\"Table 1: Leads\"/>"));
}

#[test]
fn a_note_is_a_word_footnote_referred_to_once_and_marked_again_by_its_number() {
    let parts = parts(&render_plain(&doc(every_block())).unwrap().docx);
    let d = &parts["word/document.xml"];
    assert_eq!(d.matches("<w:footnoteReference w:id=\"1\"/>").count(), 1);
    assert!(d.contains(
        "<w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:t xml:space=\"preserve\">1</w:t>"
    ));
    let notes = &parts["word/footnotes.xml"];
    assert!(notes.contains("<w:footnote w:id=\"1\">"));
    assert!(notes.contains("Source: the census."));
    assert!(
        parts["word/settings.xml"].contains("<w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/>")
    );
}

#[test]
fn pictures_are_stored_once_with_their_alt_text_and_a_bad_one_is_a_placeholder() {
    let mut blocks = every_block();
    blocks.push(DocBlock::Figure {
        alt: "Broken".into(),
        caption: None,
        image: Some(image("bad", b"not a picture".to_vec())),
        place: "chapter \"1\"".into(),
    });
    let out = render_plain(&doc(blocks)).unwrap();
    let parts = parts(&out.docx);
    let media: Vec<_> = parts
        .keys()
        .filter(|k| k.starts_with("word/media/"))
        .collect();
    assert_eq!(media, ["word/media/image1.png"]);
    let d = &parts["word/document.xml"];
    assert!(d.contains("descr=\"Map of &quot;the county&quot;\""));
    assert!(d.contains("descr=\"The same map again\""));
    assert_eq!(d.matches("r:embed=\"rId").count(), 2);
    assert!(d.contains("Picture not available: Broken"));
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(out.warnings[0].contains("\"Broken\""), "{:?}", out.warnings);
    assert!(out.warnings[0].contains("bad.png"), "{:?}", out.warnings);
}

#[test]
fn links_are_external_relationships() {
    let parts = parts(&render_plain(&doc(every_block())).unwrap().docx);
    let rels = &parts["word/_rels/document.xml.rels"];
    assert!(rels.contains(
        "Target=\"https://example.org/?a=1&amp;b=&quot;2&quot;\" TargetMode=\"External\""
    ));
    assert!(parts["word/document.xml"].contains("<w:rStyle w:val=\"Hyperlink\"/>"));
}

#[test]
fn the_file_says_its_title_author_subject_and_language() {
    let mut d = doc(vec![para("x")]);
    d.meta.draft = true;
    let parts = parts(&render_plain(&d).unwrap().docx);
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>Children and Young People's Plan 2024–2027</dc:title>"));
    assert!(core.contains("<dc:creator>Anytown Council</dc:creator>"));
    assert!(
        core.contains("<dc:subject>Every child &lt;safe&gt; &amp; &quot;heard&quot;</dc:subject>")
    );
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(core.contains("2026-11-23T00:00:00Z"));
    assert!(parts["word/styles.xml"].contains("<w:lang w:val=\"en-GB\""));
    // A draft says so on its title page and at the top of every page.
    assert!(parts["word/document.xml"].contains("DRAFT — not for publication"));
    assert!(parts["word/header1.xml"].contains("DRAFT — not for publication"));
    assert!(parts["word/footer1.xml"].contains(" PAGE "));
}

#[test]
fn the_same_document_makes_the_same_file() {
    let a = render_plain(&doc(every_block())).unwrap().docx;
    let b = render_plain(&doc(every_block())).unwrap().docx;
    assert_eq!(a, b);
}

fn render_plain(doc: &Document) -> Result<Exported, DocxError> {
    render(doc, None)
}

/// A package of `parts`, as a template would be.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A template's styles under another prefix (`x:`), with a red Heading 1
/// and a Georgia Normal of its own.
const TEMPLATE_STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
    <x:styles xmlns:x=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
    <x:style x:type=\"paragraph\" x:default=\"1\" x:styleId=\"Normal\"><x:name x:val=\"Normal\"/>\
    <x:rPr><x:rFonts x:ascii=\"Georgia\" x:hAnsi=\"Georgia\"/></x:rPr></x:style>\
    <x:style x:type=\"paragraph\" x:styleId=\"Heading1\"><x:name x:val=\"heading 1\"/>\
    <x:basedOn x:val=\"Normal\"/><x:rPr><x:color x:val=\"FF0000\"/></x:rPr></x:style></x:styles>";

const THEME: &str =
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"House\"/>";

#[test]
fn a_template_lends_its_styles_and_ours_fill_the_gaps() {
    let bytes = package(&[
        ("word/styles.xml", TEMPLATE_STYLES.as_bytes()),
        ("word/theme/theme1.xml", THEME.as_bytes()),
        ("word/document.xml", b"<not-read/>"),
    ]);
    let t = Template::parse("house.dotx", &bytes).unwrap();
    let parts = parts(&render(&doc(every_block()), Some(&t)).unwrap().docx);
    let styles = roxmltree::Document::parse(&parts["word/styles.xml"]).unwrap();
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let ids: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|n| n.attribute((W, "styleId")).unwrap())
        .collect();
    // The template's Heading 1 and Normal, once each, and ours besides.
    assert_eq!(ids.iter().filter(|i| **i == "Heading1").count(), 1);
    assert_eq!(ids.iter().filter(|i| **i == "Normal").count(), 1);
    assert!(parts["word/styles.xml"].contains("<x:color x:val=\"FF0000\"/>"));
    assert!(parts["word/styles.xml"].contains("Georgia"));
    // Every style the document names is defined.
    let doc = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    for used in doc.descendants().filter(|n| n.has_tag_name((W, "pStyle"))) {
        let id = used.attribute((W, "val")).unwrap();
        assert!(ids.contains(&id), "{id} is used but not defined");
    }
    assert_eq!(parts["word/theme/theme1.xml"], THEME);
    assert!(parts["word/_rels/document.xml.rels"].contains("Target=\"theme/theme1.xml\""));
    assert!(parts["[Content_Types].xml"].contains("/word/theme/theme1.xml"));
    // Nothing else of the template comes across.
    assert!(!parts["word/document.xml"].contains("not-read"));
}

#[test]
fn a_template_that_is_not_one_is_refused_saying_why() {
    let why = |bytes: &[u8]| Template::parse("t.docx", bytes).unwrap_err();
    assert!(why(b"plain text").contains("not a Word document (.docx)"));
    assert!(why(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]).contains("older Word document (.doc)"));
    assert!(why(&package(&[("word/document.xml", b"<x/>")])).contains("has no styles"));
    assert!(why(&package(&[("word/styles.xml", b"<w:styles")])).contains("damaged"));
    // Entities are never expanded: a DTD is refused outright.
    let laughs = "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY a \"aaaaaaaaaa\">\
                  <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><s>&b;</s>";
    assert!(why(&package(&[("word/styles.xml", laughs.as_bytes())])).contains("damaged"));
    let strict = "<w:styles xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\">\
                  <w:style w:styleId=\"Normal\"/></w:styles>";
    assert!(why(&package(&[("word/styles.xml", strict.as_bytes())])).contains("Strict"));
    // Nesting deep enough to overflow a recursive parser is refused unparsed.
    let deep = format!(
        "{}{}",
        "<w:style>".repeat(50_000),
        "</w:style>".repeat(50_000)
    );
    assert_eq!(
        why(&package(&[("word/styles.xml", deep.as_bytes())])),
        "its styles part nests elements more than 256 deep"
    );
    // A small entry that unpacks to more than a part may be.
    let mut big =
        b"<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            .to_vec();
    big.resize(17 << 20, b' ');
    let bomb = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let deflate = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/styles.xml", deflate).unwrap();
        std::io::Write::write_all(&mut zip, &big).unwrap();
        zip.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 1 << 20);
    assert!(why(&bomb).contains("larger than 16 MB"));
}

#[test]
fn a_theme_that_names_parts_not_copied_is_left_behind() {
    let theme = "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
        xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" name=\"Pictures\">\
        <a:blip r:embed=\"rId1\"/></a:theme>";
    let bytes = package(&[
        ("word/styles.xml", TEMPLATE_STYLES.as_bytes()),
        ("word/theme/theme1.xml", theme.as_bytes()),
    ]);
    let t = Template::parse("t.docx", &bytes).unwrap();
    assert!(t.theme().is_none());
    let parts = parts(&render(&doc(vec![]), Some(&t)).unwrap().docx);
    assert!(!parts.contains_key("word/theme/theme1.xml"));
}

#[test]
fn our_styles_go_inside_the_templates_root_whatever_follows_it() {
    let styles = format!("{TEMPLATE_STYLES}\n<!-- </x:styles> a note -->\n");
    let bytes = package(&[("word/styles.xml", styles.as_bytes())]);
    let t = Template::parse("t.docx", &bytes).unwrap();
    let merged = t.styles(&STYLES.replace("{LANG}", "en-GB"));
    let xml = roxmltree::Document::parse(&merged).unwrap();
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    assert!(xml
        .root_element()
        .children()
        .any(|n| n.attribute((W, "styleId")) == Some("NumberedParagraph")));
    assert!(merged.ends_with("<!-- </x:styles> a note -->\n"));
}

#[test]
fn a_documents_own_font_and_size_replace_the_defaults_and_a_report_has_no_title_page() {
    assert!(STYLES.contains(DEFAULT_FONT) && STYLES.contains(DEFAULT_SIZE));
    let mut d = doc(vec![para("Text")]);
    d.meta.font = Some(crate::compose::Font {
        name: "Gill Sans <MT>".into(),
        size: 12,
    });
    d.title_page = false;
    d.chapters[0].label = Some("Derby City Council".into());
    let p = parts(&render(&d, None).unwrap().docx);
    let styles = &p["word/styles.xml"];
    assert!(
        styles.contains("w:ascii=\"Gill Sans &lt;MT&gt;\""),
        "{styles}"
    );
    assert!(styles.contains("<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"));
    let body = &p["word/document.xml"];
    assert!(!body.contains("TOCHeading") && !body.contains("<w:titlePg/>"));
    // The label opens the first page, and the heading stays with it.
    let label = body.find("Derby City Council").unwrap();
    let heading = body.find("Heading1").unwrap();
    assert!(label < heading);
    assert!(body.contains("<w:pageBreakBefore w:val=\"0\"/>"));
}
