use std::sync::Arc;

use super::*;
use crate::compose::{CalloutKind, ContentsEntry};

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
            ContentsEntry {
                level: 1,
                label: None,
                title: "Glossary".into(),
                anchor: "c2".into(),
            },
        ],
        chapters: vec![
            DocChapter {
                label: None,
                anchor: "c1".into(),
                number: Some(1),
                title: "Introduction".into(),
                blocks,
            },
            DocChapter {
                label: None,
                anchor: "c2".into(),
                number: None,
                title: "Glossary".into(),
                blocks: vec![para("Terms.")],
            },
        ],
        footnotes: vec![Footnote {
            number: 1,
            content: vec![Span::plain("Source: the census.")],
        }],
        warnings: vec![],
    }
}

fn image(bytes: &[u8]) -> Image {
    Image {
        name: "map.png".into(),
        mime: "image/png".into(),
        key: "k".into(),
        data: Arc::from(bytes),
        decoded: None,
    }
}

#[test]
fn the_page_declares_its_language_and_title_and_asks_for_nothing_outside_it() {
    let html = render(&doc(vec![para("Hello.")])).html;
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"),
        "{html}"
    );
    assert!(html.contains("<title>Children and Young People's Plan 2024–2027</title>"));
    assert!(html.contains("<h1>Children and Young People's Plan</h1>"));
    for outside in ["<link", "<script", "url(", "src=\"http", "@import"] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    // The skip link comes first and leads to <main>.
    let body = &html[html.find("<body>").unwrap()..];
    assert!(body.starts_with("<body>\n<a class=\"skip-link\" href=\"#main\">"));
    assert!(html.contains("<main id=\"main\">"));
}

#[test]
fn text_from_the_plan_is_escaped_everywhere() {
    let mut d = doc(vec![
        para("<script>alert(1)</script>"),
        DocBlock::Figure {
            alt: "a \"quoted\" <b>".into(),
            caption: Some("</figcaption><script>".into()),
            image: None,
            place: "chapter \"1\"".into(),
        },
    ]);
    d.meta.title = "<img src=x onerror=alert(1)>".into();
    d.meta.language = "en\" onload=\"x".into();
    let html = render(&d).html;
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("aria-label=\"a &quot;quoted&quot; &lt;b&gt;\""));
    assert!(html.contains("lang=\"en&quot; onload=&quot;x\""));
    assert!(html.contains("Every child &lt;safe&gt; &amp; \"heard\""));
}

#[test]
fn control_characters_and_noncharacters_are_left_out() {
    assert_eq!(
        text("a\u{0}b\u{7}c\td\u{FFFE}e\u{FDD0}f\u{1FFFF}"),
        "abc\tdef"
    );
}

#[test]
fn contents_nest_sections_under_their_chapter() {
    let html = render(&doc(vec![])).html;
    let nav = &html[html.find("<nav").unwrap()..html.find("</nav>").unwrap()];
    assert_eq!(
        nav.replace('\n', ""),
        "<nav class=\"contents\" aria-labelledby=\"contents-title\"><h2 id=\"contents-title\">Contents</h2><ol>\
         <li><a href=\"#c1\"><span class=\"num\">1</span> Introduction</a>\
         <ol><li><a href=\"#c1s1\"><span class=\"num\">1.1</span> Why</a></li></ol></li>\
         <li><a href=\"#c2\">Glossary</a></li></ol>"
    );
}

#[test]
fn paragraph_numbers_are_printed_and_can_be_linked_to() {
    let html = render(&doc(vec![DocBlock::Paragraph {
        label: Some("1.4".into()),
        content: vec![Span::plain("We will.")],
    }]))
    .html;
    assert!(html.contains(
        "<p class=\"numbered\" id=\"para-1.4\"><span class=\"num\">1.4</span> We will.</p>"
    ));
}

#[test]
fn footnote_marks_link_to_their_note_and_the_note_back_to_the_first_mark() {
    let mark = Span::FootnoteRef { number: 1 };
    let html = render(&doc(vec![
        DocBlock::Paragraph {
            label: None,
            content: vec![Span::plain("One"), mark.clone()],
        },
        DocBlock::Paragraph {
            label: None,
            content: vec![Span::plain("Two"), mark, Span::FootnoteRef { number: 9 }],
        },
    ]))
    .html;
    assert!(html.contains("id=\"note-ref-1-1\" href=\"#note-1\""));
    assert!(html.contains("id=\"note-ref-1-2\" href=\"#note-1\""));
    assert!(html.contains("<li id=\"note-1\" value=\"1\">Source: the census. <a class=\"back\" href=\"#note-ref-1-1\""));
    // A mark with no note is dropped rather than left pointing nowhere.
    assert!(!html.contains("note-9"));
}

#[test]
fn tables_have_captions_and_scoped_headers_and_empty_headers_are_plain_cells() {
    let cell = |t: &str, header| DocCell::text(t, header);
    let html = render(&doc(vec![DocBlock::Table(DocTable {
        caption: Some("Actions".into()),
        header_rows: 1,
        rows: vec![
            vec![cell("Activity", true), cell("Lead", true)],
            vec![cell("Open a centre", true), cell("Ann", false)],
            vec![DocCell {
                header: true,
                colspan: 2,
                blocks: vec![],
            }],
        ],
    })]))
    .html;
    assert!(html.contains("<caption>Actions</caption>"));
    assert!(html.contains(
        "<thead>\n<tr><th scope=\"col\">Activity</th><th scope=\"col\">Lead</th></tr>\n</thead>"
    ));
    assert!(html.contains("<tr><th scope=\"row\">Open a centre</th><td>Ann</td></tr>"));
    assert!(html.contains("<tr><td colspan=\"2\"></td></tr>"));
}

#[test]
fn figures_embed_real_pictures_and_say_when_a_picture_is_not_one() {
    let png = image(b"\x89PNG\r\n\x1a\nrest");
    let fake = Image {
        name: "virus.exe".into(),
        mime: "image/png".into(),
        ..image(b"MZ\x90\x00")
    };
    let fig = |image| DocBlock::Figure {
        alt: "Map of centres".into(),
        caption: Some("Figure 1".into()),
        image: Some(image),
        place: "chapter \"1 Introduction\"".into(),
    };
    let out = render(&doc(vec![fig(png), fig(fake)]));
    assert!(out
        .html
        .contains("<img src=\"data:image/png;base64,iVBORw0KGgpyZXN0\" alt=\"Map of centres\">"));
    assert!(out.html.contains(
        "<div class=\"placeholder\" role=\"img\" aria-label=\"Map of centres\">Picture not available: Map of centres</div>"
    ));
    assert_eq!(
        out.warnings,
        [
            "The figure \"Map of centres\" in chapter \"1 Introduction\" shows a placeholder \
          because its image virus.exe is not a PNG or JPEG picture."
        ]
    );
}

#[test]
fn callouts_are_notes_named_in_words_and_drafts_say_so() {
    let mut d = doc(vec![DocBlock::Callout {
        callout: CalloutKind::CaseStudy,
        title: Some("Jo's story".into()),
        blocks: vec![para("Jo found help.")],
    }]);
    d.meta.draft = true;
    let html = render(&d).html;
    assert!(html.contains(
        "<div class=\"callout case_study\" role=\"note\">\n<p class=\"callout-label\">Case study</p>\n<p class=\"callout-title\">Jo's story</p>"
    ));
    assert!(html.contains("<p class=\"draft\">DRAFT — not for publication</p>"));
}

#[test]
fn headings_follow_on_from_the_chapter_heading() {
    let html = render(&doc(vec![
        DocBlock::Heading {
            level: 2,
            anchor: Some("c1s1".into()),
            content: vec![Span::plain("Why")],
        },
        DocBlock::Heading {
            level: 3,
            anchor: None,
            content: vec![Span::plain("Because")],
        },
    ]))
    .html;
    assert!(html.contains("<h2 id=\"c1\"><span class=\"num\">1</span> Introduction</h2>"));
    assert!(html.contains("<h3 id=\"c1s1\">Why</h3>"));
    assert!(html.contains("<h4>Because</h4>"));
}

#[test]
fn a_page_embeds_pictures_up_to_its_budget_then_shows_placeholders_and_says_why() {
    // 60 bytes a picture, a budget of 150: two fit, the third does not.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.resize(60, 0);
    let fig = |i: usize| DocBlock::Figure {
        alt: format!("Map {i}"),
        caption: None,
        image: Some(image(&png)),
        place: "chapter \"1 Introduction\"".into(),
    };
    let out = render_within(&doc((1..=3).map(fig).collect()), 150);
    assert_eq!(
        out.html
            .matches("<img src=\"data:image/png;base64,")
            .count(),
        2
    );
    assert!(out
        .html
        .contains("aria-label=\"Map 3\">Picture not available"));
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(
        out.warnings[0].starts_with("The figure \"Map 3\"")
            && out.warnings[0].contains("as many as a page embeds"),
        "{:?}",
        out.warnings
    );
}
