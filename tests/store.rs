//! The store used through the library API, as the desktop app will use it.

mod common;

use planwright::model::prosemirror::{block_to_json, parse_block, parse_doc, to_doc};
use planwright::model::*;
use planwright::store::{blocks, chapters, outline, plan_info, sections, PlanFile, StoreError};
use proptest::prelude::*;
use serde_json::json;

fn para(text: &str, numbered: bool) -> Block {
    Block::Paragraph {
        numbered,
        content: vec![Inline::Text {
            text: text.into(),
            marks: Marks::default(),
        }],
    }
}

#[test]
fn section_documents_round_trip_through_the_file() {
    let (_dir, path) = common::sample_plan();
    let mut plan = PlanFile::open(&path).unwrap();
    let section = plan.read(|c| Ok(sections::list(c, 5)?[1].id)).unwrap();
    let doc = json!({"type": "doc", "content": [
        {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Breast feeding"}]},
        {"type": "paragraph", "attrs": {"numbered": true}, "content": [
            {"type": "text", "text": "We will "}, {"type": "text", "text": "promote", "marks": [{"type": "bold"}]},
            {"type": "text", "text": " breast feeding", "marks": [{"type": "footnoteRef", "attrs": {"id": "f1"}}]}]},
        {"type": "blockquote", "attrs": {"attribution": "Young person"}, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "It has taught me a lot"}]}]},
        {"type": "callout", "attrs": {"kind": "case_study", "title": "Melton"}, "content": [
            {"type": "bulletList", "content": [{"type": "listItem", "content": [
                {"type": "paragraph", "content": [{"type": "text", "text": "Peer counsellors"}]}]}]}]},
        {"type": "figure", "attrs": {"asset": "a1", "alt": "Chart of breast feeding rates, 2004 to 2007", "caption": "Figure 1"}},
        {"type": "footnote", "attrs": {"id": "f1"}, "content": [{"type": "text", "text": "UNICEF Baby Friendly Initiative."}]},
        {"type": "pageBreak"},
        {"type": "dataBlock", "attrs": {"source": "indicators", "filter": {"priority": "P1"}}}
    ]});
    let ids = plan
        .write(|tx| blocks::replace_section(tx, section, &doc))
        .unwrap();
    assert_eq!(ids.len(), 8);
    drop(plan);

    let plan = PlanFile::open(&path).unwrap();
    let stored = plan.read(|c| blocks::section_doc(c, section)).unwrap();
    assert_eq!(parse_doc(&stored).unwrap(), parse_doc(&doc).unwrap());
    let b = plan.read(|c| blocks::get(c, ids[1])).unwrap().block;
    let Block::Paragraph { content, .. } = b else {
        panic!()
    };
    let Inline::Text { marks, .. } = &content[2] else {
        panic!()
    };
    assert_eq!(marks.footnote.as_deref(), Some("f1"));
}

#[test]
fn invalid_content_is_refused_and_the_section_keeps_what_it_had() {
    let (_dir, path) = common::sample_plan();
    let mut plan = PlanFile::open(&path).unwrap();
    let section = plan.read(|c| Ok(sections::list(c, 5)?[0].id)).unwrap();
    let before = plan.read(|c| blocks::section_doc(c, section)).unwrap();
    let doc = json!({"type": "doc", "content": [
        {"type": "paragraph", "content": [{"type": "text", "text": "fine"}]},
        {"type": "figure", "attrs": {"asset": "a1"}}
    ]});
    let err = plan
        .write(|tx| blocks::replace_section(tx, section, &doc))
        .unwrap_err();
    assert!(matches!(err, StoreError::Content(_)));
    assert!(
        err.to_string()
            .starts_with("block 2: figure has no alt text"),
        "{err}"
    );
    assert_eq!(
        plan.read(|c| blocks::section_doc(c, section)).unwrap(),
        before
    );
}

#[test]
fn paragraph_numbers_follow_inserts_deletes_and_moves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.plan");
    let mut plan = PlanFile::create(
        &path,
        &planwright::templates::Template::Cypp.bundle(PlanInfo::titled("Numbers", 2026)),
    )
    .unwrap();
    let (summary, vision) = plan
        .read(|c| Ok((chapters::list(c)?[1].id, chapters::list(c)?[2].id)))
        .unwrap();
    let s1 = plan
        .read(|c| Ok(sections::list(c, summary)?[0].id))
        .unwrap();
    let s2 = plan.read(|c| Ok(sections::list(c, vision)?[0].id)).unwrap();
    let a = plan
        .write(|tx| blocks::insert(tx, s1, None, &para("a", true)))
        .unwrap();
    let b = plan
        .write(|tx| blocks::insert(tx, s1, None, &para("b", true)))
        .unwrap();
    let v = plan
        .write(|tx| blocks::insert(tx, s2, None, &para("v", true)))
        .unwrap();
    let labels = |plan: &PlanFile| plan.read(outline::paragraph_labels).unwrap();
    let l = labels(&plan);
    assert_eq!(
        (l[&a].as_str(), l[&b].as_str(), l[&v].as_str()),
        ("1.1", "1.2", "2.1")
    );

    // Insert before a: a and b move down one.
    let first = plan
        .write(|tx| blocks::insert(tx, s1, Some(1), &para("first", true)))
        .unwrap();
    let unnumbered = plan
        .write(|tx| blocks::insert(tx, s1, Some(2), &para("lead-in:", false)))
        .unwrap();
    let l = labels(&plan);
    assert_eq!(
        (l[&first].as_str(), l[&a].as_str(), l[&b].as_str()),
        ("1.1", "1.2", "1.3")
    );
    assert!(!l.contains_key(&unnumbered));

    plan.write(|tx| blocks::delete(tx, a)).unwrap();
    plan.write(|tx| blocks::move_to(tx, b, 1)).unwrap();
    let l = labels(&plan);
    assert_eq!((l[&b].as_str(), l[&first].as_str()), ("1.1", "1.2"));

    // Moving the Vision chapter before the Summary swaps their numbers.
    plan.write(|tx| chapters::move_to(tx, vision, 2)).unwrap();
    let l = labels(&plan);
    assert_eq!((l[&v].as_str(), l[&b].as_str()), ("1.1", "2.1"));

    // Continuous numbering runs through the plan.
    let mut info = plan.read(plan_info::get).unwrap();
    info.numbering = NumberingStyle::Continuous;
    plan.write(|tx| plan_info::put(tx, &info)).unwrap();
    let l = labels(&plan);
    assert_eq!(
        (l[&v].as_str(), l[&b].as_str(), l[&first].as_str()),
        ("1", "2", "3")
    );
}

#[test]
fn plan_properties_are_validated_and_kept() {
    let (_dir, path) = common::sample_plan();
    let mut plan = PlanFile::open(&path).unwrap();
    let mut info = plan.read(plan_info::get).unwrap();
    info.title = "  ".into();
    let err = plan.write(|tx| plan_info::put(tx, &info)).unwrap_err();
    assert_eq!(err.to_string(), "title: must not be empty");
    info.title = "Leicestershire CYPP 2008–2011: second draft".into();
    info.status = PlanStatus::SecondDraft;
    info.key_dates.review_due = chrono::NaiveDate::from_ymd_opt(2009, 6, 1);
    plan.write(|tx| plan_info::put(tx, &info)).unwrap();
    drop(plan);
    let again = PlanFile::open(&path).unwrap().read(plan_info::get).unwrap();
    assert_eq!(again, info);
}

/// Any text, including characters that need escaping in JSON.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 £–’“”\"\\\\<>&\u{1F600}]{1,30}"
}

/// Text that says something (not empty, not only spaces): what a figure's
/// image reference and alt text must be.
fn said() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9][a-zA-Z0-9 £–’“”\"<>&]{0,29}"
}

fn inline() -> impl Strategy<Value = Inline> {
    prop_oneof![
        9 => (text(), any::<bool>(), any::<bool>(), proptest::option::of("https://[a-z]{1,8}\\.gov\\.uk"), proptest::option::of("f[0-9]"))
            .prop_map(|(text, bold, italic, link, footnote)| Inline::Text { text, marks: Marks { bold, italic, link, footnote } }),
        1 => Just(Inline::HardBreak),
    ]
}

fn paragraph() -> impl Strategy<Value = Block> {
    (any::<bool>(), proptest::collection::vec(inline(), 0..5))
        .prop_map(|(numbered, content)| Block::Paragraph { numbered, content })
}

fn list() -> impl Strategy<Value = Block> {
    let item =
        (paragraph(), proptest::collection::vec(paragraph(), 0..2)).prop_map(|(first, rest)| {
            ListItem {
                blocks: std::iter::once(first).chain(rest).collect(),
            }
        });
    (
        any::<bool>(),
        1u32..5,
        proptest::collection::vec(item, 1..4),
    )
        .prop_map(|(ordered, start, items)| {
            if ordered {
                Block::OrderedList { start, items }
            } else {
                Block::BulletList { items }
            }
        })
}

fn block() -> impl Strategy<Value = Block> {
    let cell = (any::<bool>(), paragraph()).prop_map(|(header, p)| TableCell {
        header,
        colspan: 1,
        rowspan: 1,
        blocks: vec![p],
    });
    prop_oneof![
        paragraph(),
        (1u8..=3, proptest::collection::vec(inline(), 1..3))
            .prop_map(|(level, content)| Block::Heading { level, content }),
        list(),
        (
            proptest::option::of(text()),
            proptest::collection::vec(paragraph(), 1..3)
        )
            .prop_map(|(attribution, blocks)| Block::Quote {
                attribution,
                blocks
            }),
        (
            0usize..3,
            proptest::option::of(text()),
            proptest::collection::vec(prop_oneof![paragraph(), list()], 1..3)
        )
            .prop_map(|(k, title, blocks)| Block::Callout {
                callout: CalloutKind::ALL[k].clone(),
                title,
                blocks
            }),
        (
            proptest::option::of(text()),
            proptest::collection::vec(proptest::collection::vec(cell, 1..4), 1..4)
        )
            .prop_map(|(caption, rows)| Block::Table(Table {
                caption,
                rows: rows.into_iter().map(|cells| TableRow { cells }).collect()
            })),
        (said(), said(), proptest::option::of(text())).prop_map(|(asset, alt, caption)| {
            Block::Figure {
                asset,
                alt,
                caption,
            }
        }),
        ("f[0-9]", proptest::collection::vec(inline(), 1..3))
            .prop_map(|(id, content)| Block::Footnote { id, content }),
        Just(Block::PageBreak),
        (
            proptest::option::of("P[1-4]"),
            proptest::option::of(Just(Rag::Red))
        )
            .prop_map(
                |(priority, rag)| Block::Data(DataQuery::Actions(ActionFilter {
                    priority,
                    rag,
                    ..Default::default()
                }))
            ),
    ]
}

/// Blank text counts as absent in attributes; generate what the schema keeps.
fn normalise(b: Block) -> Block {
    parse_block(&block_to_json(&b), "b").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_block_survives_json_and_back(b in block()) {
        let json = block_to_json(&b);
        let parsed = parse_block(&json, "b").unwrap();
        let canonical = normalise(b);
        prop_assert_eq!(&parsed, &canonical);
        // What is written back is the canonical form (a blank caption is no
        // caption), not necessarily the JSON that came in.
        prop_assert_eq!(block_to_json(&parsed), block_to_json(&canonical));
    }

    #[test]
    fn any_section_survives_the_file(blocks in proptest::collection::vec(block(), 0..12)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.plan");
        let mut plan = PlanFile::create(&path, &planwright::templates::Template::Blank.bundle(PlanInfo::titled("P", 2026))).unwrap();
        let section = plan.read(|c| Ok(sections::list(c, chapters::list(c)?[0].id)?[0].id)).unwrap();
        plan.write(|tx| blocks::replace_section(tx, section, &to_doc(&blocks))).unwrap();
        drop(plan);
        let plan = PlanFile::open(&path).unwrap();
        let back = parse_doc(&plan.read(|c| blocks::section_doc(c, section)).unwrap()).unwrap();
        prop_assert_eq!(back, blocks.into_iter().map(normalise).collect::<Vec<_>>());
    }

    /// Opening arbitrary bytes never panics and never changes them.
    #[test]
    fn opening_any_bytes_is_an_error_not_a_crash(bytes in proptest::collection::vec(any::<u8>(), 0..4096), header in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.plan");
        let mut data = bytes;
        if header {
            let mut h = b"SQLite format 3\0".to_vec();
            h.extend(data);
            data = h;
        }
        std::fs::write(&path, &data).unwrap();
        prop_assert!(PlanFile::open(&path).is_err());
        prop_assert_eq!(std::fs::read(&path).unwrap(), data);
    }
}
