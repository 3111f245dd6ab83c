use std::io::Write as _;

use zip::write::SimpleFileOptions;
use zip::ZipWriter;

use super::package::package_path;
use super::*;
use crate::model::prosemirror::parse_doc;
use crate::model::DataQuery;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

/// A package of `parts` (name, text or bytes).
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        zip.start_file(*name, SimpleFileOptions::default()).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn p(style: &str, body: &str) -> String {
    let ppr = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#)
    };
    format!("<w:p>{ppr}{body}</w:p>")
}

fn r(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

fn item(num: u32, level: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
        r(text)
    )
}

/// Heading styles named as Word names them, under ids of another language
/// (as a German Word writes them): the names decide.
const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift3"><w:name w:val="heading 3"/></w:style>
<w:style w:type="paragraph" w:styleId="Zitat"><w:name w:val="Quote"/></w:style>
<w:style w:type="paragraph" w:styleId="Verzeichnis1"><w:name w:val="toc 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Aufzhlungszeichen"><w:name w:val="List Bullet"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"#;

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

const FOOTNOTES: &str = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:t>Census, 2001.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;

const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/play" TargetMode="External"/>
<Relationship Id="rBad" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>
<Relationship Id="rImg" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>
<Relationship Id="rEmf" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image2.emf"/>
</Relationships>"#;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR picture bytes";

fn picture(rel: &str, descr: &str) -> String {
    format!(
        r#"<w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture 1" descr="{descr}"/><a:graphic><a:graphicData><a:blip r:embed="{rel}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
    )
}

fn document(body: &str) -> Vec<u8> {
    let doc = format!(r#"<w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#);
    package(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", doc.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/footnotes.xml", FOOTNOTES.as_bytes()),
        ("word/_rels/document.xml.rels", RELS.as_bytes()),
        ("word/media/image1.png", PNG),
        ("word/media/image2.emf", b"not a png"),
    ])
}

fn blocks(c: &crate::model::bundle::BundleChapter, s: usize) -> Vec<Block> {
    parse_doc(&c.sections[s].content).unwrap()
}

#[test]
fn a_word_document_becomes_chapters_sections_and_blocks() {
    let body = [
        p("Titel", &r("Our Plan 2008–2011")),
        p("", &r("Draft")),
        p("Verzeichnis1", &r("1 Summary")),
        p("berschrift1", &r("1 Summary")),
        p(
            "",
            &format!(
                r#"{}<w:r><w:rPr><w:b/></w:rPr><w:t>five</w:t></w:r>{}<w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t xml:space="preserve"> outcomes</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>{}<w:hyperlink r:id="rLink">{}</w:hyperlink><w:hyperlink r:id="rBad">{}</w:hyperlink>"#,
                r("The plan in brief, with "),
                r(" good"),
                r(" See "),
                r("the strategy"),
                r(" and this")
            ),
        ),
        p("berschrift2", &r("1.1 Be Healthy")),
        p("", &format!("{}<w:r><w:tab/></w:r>{}", r("1.2"), r("Children are healthy."))),
        item(1, 0, "Exercise"),
        item(1, 1, "Swimming"),
        p("Aufzhlungszeichen", &r("Food")),
        item(2, 0, "First step"),
        p("Zitat", &r("Listen to us.")),
        p("berschrift3", &r("Next steps")),
        r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Area</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Lead</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Both</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
            .to_owned(),
        p("", &picture("rImg", "A bar chart of obesity")),
        p("", &picture("rEmf", "An old diagram")),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ACTIVITY</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>RESPONSIBILITY</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Publish a play strategy</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Government</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
            .to_owned(),
    ]
    .concat();
    let out = docx(&document(&body)).unwrap();
    assert_eq!(out.title.as_deref(), Some("Our Plan 2008–2011"));
    let titles: Vec<&str> = out.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Summary"],
        "the title page and contents are left out"
    );
    let ch = &out.chapters[0];
    assert_eq!(ch.sections[1].title.as_deref(), Some("Be Healthy"));

    let first = blocks(ch, 0);
    let Block::Paragraph { content, .. } = &first[0] else {
        panic!("{first:?}")
    };
    let bold: Vec<&str> = content
        .iter()
        .filter_map(|i| match i {
            Inline::Text { text, marks } if marks.bold => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(bold, ["five"]);
    let link = content.iter().find_map(|i| match i {
        Inline::Text { marks, .. } => marks.link.clone(),
        _ => None,
    });
    assert_eq!(link.as_deref(), Some("https://example.org/play"));
    // A script is no link: its text stays, unlinked.
    assert!(content.iter().all(|i| !matches!(i, Inline::Text { marks, .. } if marks.link.as_deref().is_some_and(|l| l.starts_with("javascript")))));
    let noted = content.iter().find_map(|i| match i {
        Inline::Text { text, marks } if marks.footnote.is_some() => Some(text.as_str()),
        _ => None,
    });
    assert_eq!(noted, Some("outcomes"));
    assert!(
        matches!(first.last(), Some(Block::Footnote { content, .. }) if matches!(&content[0], Inline::Text { text, .. } if text == "Census, 2001."))
    );

    let b = blocks(ch, 1);
    assert!(
        matches!(&b[0], Block::Paragraph { numbered: true, content } if matches!(&content[0], Inline::Text { text, .. } if text == "Children are healthy.")),
        "{:?}",
        b[0]
    );
    let Block::BulletList { items } = &b[1] else {
        panic!("{:?}", b[1])
    };
    assert_eq!(items.len(), 2, "Exercise (with Swimming) and Food");
    assert!(matches!(&items[0].blocks[1], Block::BulletList { items } if items.len() == 1));
    assert!(matches!(&b[2], Block::OrderedList { start: 3, items } if items.len() == 1));
    assert!(matches!(&b[3], Block::Quote { blocks, .. } if blocks.len() == 1));
    assert!(matches!(&b[4], Block::Heading { level: 3, .. }));
    let Block::Table(t) = &b[5] else {
        panic!("{:?}", b[5])
    };
    assert_eq!(t.header_rows(), 1);
    assert_eq!(t.rows[1].cells[0].colspan, 2);
    let asset = crate::store::assets::id_for(PNG).unwrap();
    assert!(
        matches!(&b[6], Block::Figure { asset: a, alt, .. } if *a == asset && alt == "A bar chart of obesity")
    );
    assert_eq!(
        out.pictures,
        [Picture {
            name: "Picture 1".into(),
            data: PNG.to_vec()
        }]
    );
    // A picture that is not PNG or JPEG keeps its description, and says so.
    assert!(
        matches!(&b[7], Block::Paragraph { content, .. } if matches!(&content[0], Inline::Text { text, .. } if text == "[Picture: An old diagram]"))
    );
    assert!(matches!(&b[8], Block::Data(DataQuery::Actions(_))));
    assert_eq!(out.data.actions[0].activity, "Publish a play strategy");

    let r = &out.report;
    assert_eq!((r.chapters, r.sections), (1, 2));
    assert_eq!((r.lists, r.tables, r.quotes, r.footnotes), (2, 1, 1, 1));
    assert_eq!((r.figures, r.actions, r.numbered_paragraphs), (1, 1, 1));
    let said: Vec<&str> = r.notes.iter().map(|n| n.said.as_str()).collect();
    assert!(said.contains(&"\"Draft\" on the title page is left out: the plan's title page is made from its properties"), "{said:?}");
    assert!(
        said.iter().any(|s| s.contains("An old diagram")),
        "{said:?}"
    );
}

fn refused(bytes: &[u8]) -> String {
    match docx(bytes) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("accepted"),
    }
}

#[test]
fn what_is_not_a_word_document_is_refused_and_says_why() {
    assert_eq!(refused(b""), "it is empty");
    assert!(refused(b"\x00\x01junk").contains("not a zip package"));
    let renamed = package(&[("notes.txt", b"hello")]);
    assert!(refused(&renamed).contains("has no word/document.xml"));
    let torn = document("<w:p>");
    let torn = &torn[..torn.len() / 2];
    assert!(refused(torn).contains("not a zip package") || refused(torn).contains("damaged"));
    let bad_xml = package(&[("word/document.xml", b"<w:document><w:body>")]);
    assert!(
        refused(&bad_xml).contains("damaged"),
        "{}",
        refused(&bad_xml)
    );
    // No entity expansion: a DTD is refused outright.
    let bomb = package(&[(
        "word/document.xml",
        br#"<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document>&b;</w:document>"#,
    )]);
    assert!(refused(&bomb).contains("damaged"), "{}", refused(&bomb));
    // Nesting deep enough to overflow a recursive parser is refused unparsed.
    let deep = document(&format!(
        "{}{}",
        "<w:p>".repeat(100_000),
        "</w:p>".repeat(100_000)
    ));
    assert!(refused(&deep).contains("nests elements more than 256 deep"));
    let strict = package(&[(
        "word/document.xml",
        br#"<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body/></w:document>"#,
    )]);
    assert!(refused(&strict).contains("Strict Open XML"));
}

#[test]
fn a_part_that_unpacks_past_its_bound_is_refused_unread() {
    // 65 MB of one letter packs into a few hundred KB.
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default())
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..65 {
        zip.write_all(&chunk).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 1 << 20);
    assert!(refused(&bytes).contains("larger than 64 MB unpacked"));
}

#[test]
fn numbers_and_paths_are_read_as_word_writes_them() {
    assert_eq!(package_path("media/a.png"), "word/media/a.png");
    assert_eq!(package_path("../media/a.png"), "media/a.png");
    assert_eq!(package_path("/word/media/a.png"), "word/media/a.png");
    assert_eq!(split_number("2.5 Text"), (Some("2.5"), "Text"));
    assert_eq!(split_number("2008 was a year"), (None, "2008 was a year"));
    assert!(numbered_label("2.5 Text"));
    assert!(!numbered_label("2008 was a year"));
    assert_eq!(chapter_number("3 Needs Analysis"), ("Needs Analysis", true));
    assert_eq!(chapter_number("Welcome"), ("Welcome", false));
}

/// One element of a body: paragraphs of the styles the import reads, list
/// items, tables, and elements it does not know.
fn element() -> impl proptest::strategy::Strategy<Value = (String, Vec<String>)> {
    use proptest::prelude::*;
    let word = "[A-Za-z0-9£é]{1,8}";
    prop_oneof![
        (
            prop_oneof![
                Just(""),
                Just("berschrift1"),
                Just("berschrift2"),
                Just("berschrift3"),
                Just("Zitat"),
                Just("Aufzhlungszeichen"),
                Just("Unknown")
            ],
            word
        )
            .prop_map(|(s, w)| (p(s, &r(&w)), vec![w])),
        (1..3u32, 0..3u32, word).prop_map(|(n, l, w)| (item(n, l, &w), vec![w])),
        (word, word).prop_map(|(a, b)| (
            format!(
                "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
                p("", &r(&a)),
                p("", &r(&b))
            ),
            vec![a, b]
        )),
        word.prop_map(|w| (
            format!(
                r#"<w:p><w:hyperlink r:id="rLink">{}</w:hyperlink><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#,
                r(&w)
            ),
            vec![w]
        )),
        word.prop_map(|w| (format!("<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt>", p("", &r(&w))), vec![w])),
        Just(("<w:unknown><w:p/></w:unknown>".to_owned(), vec![])),
    ]
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000)) {
        let _ = docx(&bytes);
        let mut zipped = package(&[("word/document.xml", &bytes)]);
        let _ = docx(&zipped);
        zipped.truncate(zipped.len() / 2);
        let _ = docx(&zipped);
    }

    #[test]
    fn any_mixture_of_elements_loses_no_word(elements in proptest::collection::vec(element(), 1..30)) {
        let body: String = elements.iter().map(|e| e.0.as_str()).collect();
        let out = docx(&document(&body)).unwrap();
        let placed = crate::import::tests::placed_words(&out);
        for w in elements.iter().flat_map(|e| &e.1).flat_map(|w| crate::import::tests::words(w)) {
            proptest::prop_assert!(placed.contains(&w), "{w:?} lost from {body}");
        }
    }
}

/// A council report numbers its paragraphs with Word's own numbering
/// ("1.1", "1.2" under "1."): those are numbered paragraphs, not a list.
#[test]
fn paragraphs_on_outline_numbering_are_numbered_paragraphs() {
    let body = [
        p("berschrift1", &r("Summary")),
        item(
            3,
            1,
            "As part of the Integrating Children's Services project, work has been done.",
        ),
        item(3, 1, "The plan is due in April."),
        item(1, 0, "A bullet"),
    ]
    .concat();
    let out = docx(&document(&body)).unwrap();
    let b = blocks(&out.chapters[0], 0);
    assert!(
        matches!(&b[0], Block::Paragraph { numbered: true, .. }),
        "{:?}",
        b[0]
    );
    assert!(
        matches!(&b[1], Block::Paragraph { numbered: true, .. }),
        "{:?}",
        b[1]
    );
    assert!(matches!(&b[2], Block::BulletList { .. }), "{:?}", b[2]);
    assert_eq!(out.report.numbered_paragraphs, 2);
}
