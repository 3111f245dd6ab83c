use proptest::prelude::*;

use super::*;
use crate::model::prosemirror::parse_doc;

const PLAN: &str = "\
Opening words before any chapter.

# Summary

The plan in brief, with **five** outcomes.[^src]

## Be Healthy

1.1 Children are healthy
and active.
1.2 We will *reduce* obesity.

- Exercise
  - Swimming
  - Cycling
- Food

1. First step
2. Second step

> Listen to us.
> — a young person

Table: Leads

| ACTIVITY | RESPONSIBILITY |
|---|---|
| Publish a play strategy | Government |
| Build 30 playgrounds | Districts \\| Schools |

### Next steps

See [the strategy](https://example.org/play).

[^src]: The census, 2001.
[^orphan]: Nobody refers to this note.
";

fn blocks(c: &BundleChapter, s: usize) -> Vec<Block> {
    parse_doc(&c.sections[s].content).unwrap()
}

#[test]
fn markdown_becomes_chapters_sections_and_blocks() {
    let out = text(PLAN.as_bytes(), Flavour::Markdown).unwrap();
    let titles: Vec<&str> = out.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Introduction", "Summary", UNPLACED]);
    let summary = &out.chapters[1];
    assert_eq!(summary.sections[0].title, None);
    assert_eq!(summary.sections[1].title.as_deref(), Some("Be Healthy"));
    let opening = blocks(summary, 0);
    assert!(matches!(&opening[1], Block::Footnote { id, .. } if id == "src"));
    let b = blocks(summary, 1);
    let Block::Paragraph {
        numbered: true,
        content,
    } = &b[0]
    else {
        panic!("{:?}", b[0])
    };
    assert_eq!(
        content,
        &[Inline::Text {
            text: "Children are healthy and active.".into(),
            marks: Default::default()
        }]
    );
    assert!(matches!(&b[1], Block::Paragraph { numbered: true, .. }));
    let Block::BulletList { items } = &b[2] else {
        panic!("{:?}", b[2])
    };
    assert_eq!(items.len(), 2);
    assert!(matches!(&items[0].blocks[1], Block::BulletList { items } if items.len() == 2));
    assert!(matches!(&b[3], Block::OrderedList { start: 1, items } if items.len() == 2));
    assert!(
        matches!(&b[4], Block::Quote { attribution: Some(a), blocks } if a == "a young person" && blocks.len() == 1)
    );
    // The ACTIVITY | RESPONSIBILITY table is the plan's actions, shown
    // under its caption as a live table.
    assert!(matches!(&b[5], Block::Heading { level: 3, .. }));
    assert!(
        matches!(&b[6], Block::Data(DataQuery::Actions(f)) if f.framework.as_deref() == Some(FRAMEWORK_KEY))
    );
    assert!(matches!(&b[7], Block::Heading { level: 3, .. }));
    let a = &out.data.actions;
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].activity, "Publish a play strategy");
    assert_eq!(a[0].lead_organisation.as_deref(), Some("Government"));
    assert_eq!(a[1].lead_organisation.as_deref(), Some("Districts"));
    assert_eq!(a[1].partners, ["Schools"]);
    assert_eq!(out.data.frameworks[0].items[0].title, "Leads");

    let r = &out.report;
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!((r.chapters, r.sections), (3, 4));
    assert_eq!((r.paragraphs, r.numbered_paragraphs), (5, 2));
    assert_eq!((r.lists, r.tables, r.quotes, r.footnotes), (2, 0, 1, 1));
    assert_eq!(r.actions, 2);
    let said: Vec<(usize, &str)> = r.notes.iter().map(|n| (n.line, n.said.as_str())).collect();
    assert_eq!(
        said,
        [
            (
                3,
                "the text before this first chapter is in a chapter called Introduction"
            ),
            (
                24,
                "the ACTIVITY | RESPONSIBILITY table is read as 2 actions, shown in the text as a live action table"
            ),
            (
                36,
                "footnote [^orphan] is not referred to; its text is put in Unplaced"
            ),
        ]
    );
    // The unreferenced note's words are kept, in Unplaced.
    let unplaced = blocks(out.chapters.last().unwrap(), 0);
    assert_eq!(unplaced.len(), 1);
}

#[test]
fn in_plain_text_a_long_numbered_line_is_a_paragraph_and_a_short_one_an_item() {
    let report = "Background\n\
        1. The Leicestershire Children and Young People's Plan 2006-2009 was published in 2006 and needs rewriting.\n\
        2. The CYPP 2006-2009 was written under the original DfES guidance published in 2005, which has changed.\n\
        \n\
        1. Short item\n\
        2. Another\n";
    let out = text(report.as_bytes(), Flavour::Plain).unwrap();
    let b = blocks(&out.chapters[0], 0);
    assert!(
        matches!(&b[1], Block::Paragraph { numbered: true, .. }),
        "{:?}",
        b[1]
    );
    assert!(
        matches!(&b[2], Block::Paragraph { numbered: true, .. }),
        "{:?}",
        b[2]
    );
    assert!(
        matches!(&b[3], Block::OrderedList { items, .. } if items.len() == 2),
        "{:?}",
        b[3]
    );
    assert_eq!(out.report.numbered_paragraphs, 2);
    // The same lines in Markdown are a list.
    let md = text(report.as_bytes(), Flavour::Markdown).unwrap();
    assert!(matches!(
        &blocks(&md.chapters[0], 0)[1],
        Block::OrderedList { .. }
    ));
}

#[test]
fn a_file_that_is_not_text_is_refused_saying_why() {
    assert_eq!(
        text(b"", Flavour::Plain).unwrap_err().to_string(),
        "it is empty"
    );
    assert_eq!(
        text(b"%PDF-1.7\n\x00\x01binary", Flavour::Plain)
            .unwrap_err()
            .to_string(),
        "it is not text (it holds binary data at byte 9)"
    );
    let w1252 = text(b"# Caf\xe9\n\nCosts \xa35.", Flavour::Plain).unwrap();
    assert_eq!(w1252.chapters[0].title, "Café");
    assert!(w1252.report.encoding.starts_with("Windows-1252"));
}

/// The words of a source line that are its text, not its form: without a
/// heading's #s, a list item's bullet or number, a paragraph's number, a
/// quote's >, a caption's "Table:" or a footnote text's "[^n]:".
fn text_words(line: &str, flavour: Flavour) -> Vec<String> {
    if flavour == Flavour::Plain && is_page_number(line) {
        return Vec::new();
    }
    // An action table's headings name its columns, and a box's label
    // "Case study" is its kind: neither is text of the plan.
    if ["ACTIVITY", "RESPONSIBILITY"].contains(&line.trim()) {
        return Vec::new();
    }
    let line = line.strip_prefix("Case study:").unwrap_or(line);
    let mut t = line.trim_start().trim_start_matches('#').trim_start();
    for part in ["Chapter", "Section"] {
        if let Some(title) = numbered_title(t, part) {
            t = title;
        }
    }
    for marker in ["- ", "* ", "> ", "zz ", "o "] {
        t = t.strip_prefix(marker).unwrap_or(t);
    }
    t = t.strip_prefix("Table:").unwrap_or(t);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") ")) {
        t = &t[digits + 2..];
    }
    if let Some(rest) = paragraph_number(t) {
        t = rest;
    }
    if let Some(rest) = t.strip_prefix("[^").and_then(|r| r.split_once("]:")) {
        t = rest.1;
    }
    words(t)
}

/// Every word of a text: letters and digits between anything else.
pub(super) fn words(s: &str) -> Vec<String> {
    // Superscript digits are footnote marks, not letters of a word.
    s.split(|c: char| !c.is_alphanumeric() || "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every word the import placed: its texts, link addresses, table cells,
/// titles and attributions.
pub(super) fn placed_words(out: &Imported) -> std::collections::HashSet<String> {
    let mut all = String::new();
    fn inlines(all: &mut String, content: &[Inline]) {
        for i in content {
            if let Inline::Text { text, marks } = i {
                all.push_str(text);
                all.push(' ');
                if let Some(l) = &marks.link {
                    all.push_str(l);
                    all.push(' ');
                }
                if let Some(f) = &marks.footnote {
                    all.push_str(f);
                    all.push(' ');
                }
            }
        }
    }
    fn walk(all: &mut String, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Heading { content, .. }
                | Block::Paragraph { content, .. }
                | Block::Footnote { content, .. } => inlines(all, content),
                Block::BulletList { items } | Block::OrderedList { items, .. } => {
                    for i in items {
                        walk(all, &i.blocks);
                    }
                }
                Block::Quote {
                    attribution,
                    blocks,
                } => {
                    all.push_str(attribution.as_deref().unwrap_or(""));
                    all.push(' ');
                    walk(all, blocks);
                }
                Block::Callout { title, blocks, .. } => {
                    all.push_str(title.as_deref().unwrap_or(""));
                    all.push(' ');
                    walk(all, blocks)
                }
                Block::Table(t) => {
                    all.push_str(t.caption.as_deref().unwrap_or(""));
                    all.push(' ');
                    for r in &t.rows {
                        for c in &r.cells {
                            walk(all, &c.blocks);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for c in &out.chapters {
        all.push_str(&c.title);
        all.push(' ');
        for s in &c.sections {
            all.push_str(s.title.as_deref().unwrap_or(""));
            all.push(' ');
            walk(&mut all, &parse_doc(&s.content).unwrap());
        }
    }
    // A cover report's words are in the plan's committee report.
    for r in &out.reports {
        for field in [&r.title, &r.committee, &r.report_of, &r.author, &r.contact] {
            all.push_str(field);
            all.push(' ');
        }
        for s in &r.sections {
            all.push_str(&s.title);
            all.push(' ');
            walk(&mut all, &parse_doc(&s.content).unwrap());
        }
    }
    // An action table's words are in the plan's actions and objectives.
    for a in &out.data.actions {
        all.push_str(&a.activity);
        all.push(' ');
        all.push_str(a.notes.as_deref().unwrap_or(""));
        all.push(' ');
    }
    for g in &out.glossary {
        all.push_str(&g.term);
        all.push(' ');
        all.push_str(&g.definition);
        all.push(' ');
    }
    for f in &out.data.frameworks {
        for i in &f.items {
            all.push_str(&i.title);
            all.push(' ');
        }
    }
    words(&all).into_iter().collect()
}

/// Lines of the constructs the import reads, and of anything else.
fn line() -> impl Strategy<Value = String> {
    let word = "[A-Za-z0-9£éœ]{1,8}";
    prop_oneof![
        prop::collection::vec(word, 1..6).prop_map(|w| w.join(" ")),
        (1..7usize, word).prop_map(|(n, w)| format!("{} {w}", "#".repeat(n))),
        (0..3usize, word).prop_map(|(d, w)| format!("{}- {w}", "  ".repeat(d))),
        (1..20u32, word).prop_map(|(n, w)| format!("{n}. {w}")),
        (word, word).prop_map(|(a, b)| format!("> {a} **{b}**")),
        (word, word).prop_map(|(a, b)| format!("| {a} | {b} |")),
        Just("|---|---|".to_owned()),
        (word, word).prop_map(|(a, b)| format!("{a} [{b}](https://x.org/{a})")),
        (word, 1..4u8).prop_map(|(a, n)| format!("{a}[^{n}]")),
        (1..4u8, word).prop_map(|(n, a)| format!("[^{n}]: {a}")),
        (word, word).prop_map(|(a, b)| format!("Table: {a} *{b}")),
        (1..20u32, word).prop_map(|(n, w)| format!("Chapter {n}: {w}")),
        (1..20u32, word).prop_map(|(n, w)| format!("Section {n} {w}")),
        (1..9u32, 1..20u32, word).prop_map(|(c, p, w)| format!("- {c}.{p} {w} and more")),
        (1..400u32).prop_map(|n| format!("Page {n}")),
        (word, word).prop_map(|(a, b)| format!("zz {a} {b}")),
        Just("\tACTIVITY".to_owned()),
        Just("\tRESPONSIBILITY".to_owned()),
        (word, word).prop_map(|(a, b)| format!("\t· {a} {b}:")),
        (word, word).prop_map(|(a, b)| format!("\t{a} {b}")),
        (1..9u32, word).prop_map(|(n, w)| format!("{n}. {w} Objective")),
        (word, word).prop_map(|(a, b)| format!("(b) {a} {b}")),
        Just("(a)".to_owned()),
        word.prop_map(|w| format!("Actions to be taken {w}")),
        word.prop_map(|w| format!("Case study: {w}")),
        (word, word).prop_map(|(a, b)| format!("{a}¹ {b}")),
        word.prop_map(|w| format!("¹ {w}")),
        Just(String::new()),
        "[ -~]{0,30}",
    ]
}

proptest! {
    #[test]
    fn any_mixture_of_constructs_loses_no_word(
        lines in prop::collection::vec(line(), 1..40),
        flavour in prop_oneof![Just(Flavour::Markdown), Just(Flavour::Plain)],
    ) {
        let source = lines.join("\n");
        prop_assume!(!source.trim().is_empty());
        let out = text(source.as_bytes(), flavour).unwrap();
        let placed = placed_words(&out);
        for w in lines.iter().flat_map(|l| text_words(l, flavour)) {
            prop_assert!(placed.contains(&w), "{w:?} lost from {source:?}");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = text(&bytes, Flavour::Plain);
        let _ = text(&bytes, Flavour::Markdown);
    }
}

#[test]
fn in_plain_text_a_lone_short_line_over_body_is_a_section_title_and_nothing_else_is() {
    let report = "DERBY CITY COUNCIL\n\nCOUNCIL CABINET 21 FEBRUARY 2006\n\nSUMMARY\n\n\
        - 1.1 As part of the Integrating Children's Services project, substantial work has been carried out.\n\n\
        Equalities issues/implications\n\nNone\n\nAuthor\nSudha Amin\n\n\
        \tGovernment.\n\nDistricts\n\n\t· Create 30 new adventure playgrounds for 8- to 13-year-olds in disadvantaged areas;\n";
    let out = text(report.as_bytes(), Flavour::Plain).unwrap();
    let titles: Vec<Option<&str>> = out.chapters[0]
        .sections
        .iter()
        .map(|s| s.title.as_deref())
        .collect();
    // The council's name and the meeting are lines above the title, kept
    // as paragraphs; "None" answers a label; "Districts" is a table cell.
    assert_eq!(titles, [None, Some("SUMMARY")]);
    let summary = blocks(&out.chapters[0], 1);
    assert!(
        matches!(&summary[0], Block::Paragraph { numbered: true, .. }),
        "{:?}",
        summary[0]
    );
    let opening = blocks(&out.chapters[0], 0);
    assert_eq!(opening.len(), 2, "{opening:?}");
}

#[test]
fn page_numbers_in_plain_text_are_left_out_and_a_paragraph_runs_on_across_them() {
    let page = "The plan will be reviewed every year and its progress reported to the\n\
        17\n\
        Children's Trust Board.\n\nPage 3 of 40\n\nzz Swimming\nzz Cycling\n\nIn 2008\n";
    let out = text(page.as_bytes(), Flavour::Plain).unwrap();
    let b = blocks(&out.chapters[0], 0);
    let Block::Paragraph { content, .. } = &b[0] else {
        panic!("{:?}", b[0])
    };
    assert_eq!(
        content,
        &[Inline::Text {
            text: "The plan will be reviewed every year and its progress reported to the \
                   Children's Trust Board."
                .into(),
            marks: Default::default()
        }]
    );
    assert!(
        matches!(&b[1], Block::BulletList { items } if items.len() == 2),
        "{:?}",
        b[1]
    );
    // A year alone is text.
    assert!(matches!(&b[2], Block::Paragraph { .. }));
    let said: Vec<&str> = out.report.notes.iter().map(|n| n.said.as_str()).collect();
    assert!(
        said.contains(&"\"17\", a page number, is left out"),
        "{said:?}"
    );
    assert!(
        said.contains(&"\"Page 3 of 40\", a page number, is left out"),
        "{said:?}"
    );
    assert!(!is_page_number("2008") && is_page_number("Page 2008") && is_page_number(" 7 "));
}

#[test]
fn a_file_of_more_parts_than_a_plan_has_is_refused_and_its_report_is_bounded() {
    // 60,000 one-letter items: refused before they are blocks.
    let items = "- a\n".repeat(MAX_PARTS + 10_000);
    let e = text(items.as_bytes(), Flavour::Markdown).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("it has more than 50000 paragraphs"),
        "{e}"
    );
    assert!(
        matches!(e, ImportError::TooManyParts { line } if line < MAX_PARTS + 10),
        "refused where the bound was passed, not at the end: {e:?}"
    );
    for many in ["> a\n>\n", "| a |\n", "# a\n"] {
        let text_of_many = many.repeat(MAX_PARTS + 1);
        assert!(
            matches!(
                text(text_of_many.as_bytes(), Flavour::Markdown),
                Err(ImportError::TooManyParts { .. })
            ),
            "{many:?}"
        );
    }
    let headings = "# a\n".repeat(MAX_PARTS + 1);
    assert!(matches!(
        text(headings.as_bytes(), Flavour::Markdown),
        Err(ImportError::TooManyParts { .. })
    ));
    // 100,000 page numbers: the report lists 500 and counts the rest.
    let pages = "Page 1\n".repeat(100_000) + "Some text that is kept.\n";
    let out = text(pages.as_bytes(), Flavour::Plain).unwrap();
    assert_eq!(out.report.notes.len(), MAX_NOTES);
    assert_eq!(out.report.more_notes, 100_001 - MAX_NOTES);
}

#[test]
fn a_glossarys_entries_become_the_plans_glossary_and_the_rest_stays() {
    let text_ = "# Summary\n\nWe use the APA.\n\n# Glossary\n\nAPA – Annual Performance Assessment\n\n\
        CAMHS: Child and Adolescent Mental Health Services\n\n- LAA – Local Area Agreement\n- PCT – Primary Care Trust\n\n\
        Terms are listed as the council uses them.\n";
    let out = text(text_.as_bytes(), Flavour::Markdown).unwrap();
    let terms: Vec<&str> = out.glossary.iter().map(|g| g.term.as_str()).collect();
    assert_eq!(terms, ["APA", "CAMHS", "LAA", "PCT"]);
    assert_eq!(
        out.glossary[1].definition,
        "Child and Adolescent Mental Health Services"
    );
    assert_eq!(out.report.glossary, 4);
    // The sentence that is no entry keeps the chapter.
    let titles: Vec<&str> = out.chapters.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, ["Summary", "Glossary"]);
    assert_eq!(blocks(&out.chapters[1], 0).len(), 1);
    // A glossary of entries only leaves no chapter behind.
    let only = "# Summary\n\nText.\n\n# Glossary\n\nAPA – Annual Performance Assessment\n";
    let out = text(only.as_bytes(), Flavour::Markdown).unwrap();
    assert_eq!(out.chapters.len(), 1);
    assert!(out
        .report
        .notes
        .iter()
        .any(|n| n.said == "the entry of \"Glossary\" is the plan's glossary"));
}

#[test]
fn plain_text_quotes_tables_glued_bullets_and_running_heads() {
    let report = "Leicestershire CYPP 2008-2011\n\
        Our plan is about children.\n\
        \n\
        1\n\
        \n\
        Leicestershire CYPP 2008-2011\n\
        \n\
        “I want to feel safe on the way to school.”\n\
        — a young person, aged 12\n\
        \n\
        We will:• listen to young people• act on what they say\n\
        \n\
        2\n\
        \n\
        Leicestershire CYPP 2008-2011\n\
        \n\
        Area\tLead\tBy\n\
        Play\tDistricts\t2009\n\
        Health\tPCT\t2010\n\
        \n\
        3\n\
        \n\
        Leicestershire CYPP 2008-2011\n";
    let out = text(report.as_bytes(), Flavour::Plain).unwrap();
    let b = blocks(&out.chapters[0], 0);
    assert!(
        matches!(&b[1], Block::Quote { attribution: Some(a), blocks } if a == "a young person, aged 12" && matches!(&blocks[0], Block::Paragraph { content, .. } if matches!(&content[0], Inline::Text { text, .. } if text == "I want to feel safe on the way to school."))),
        "{:?}",
        b[1]
    );
    assert!(matches!(&b[2], Block::Paragraph { .. }), "{:?}", b[2]);
    assert!(
        matches!(&b[3], Block::BulletList { items } if items.len() == 2),
        "{:?}",
        b[3]
    );
    let Block::Table(t) = &b[4] else {
        panic!("{:?}", b[4])
    };
    assert_eq!((t.rows.len(), t.header_rows()), (3, 1));
    assert_eq!(
        b.len(),
        5,
        "the running head and page numbers are left out: {b:?}"
    );
    let said: Vec<(usize, &str)> = out
        .report
        .notes
        .iter()
        .map(|n| (n.line, n.said.as_str()))
        .collect();
    assert!(said.contains(&(1, "\"Leicestershire CYPP 2008-2011\", beside page numbers throughout, is a running header or footer and is left out each time")), "{said:?}");
    // The glued bullets report their own line of the file.
    assert_eq!(out.report.lists, 1);
    assert!(
        said.contains(&(17, "lines 17–19, separated by tabs, are taken as a table")),
        "{said:?}"
    );
    assert_eq!(
        unglue_bullets_for_test("We will:• listen• act"),
        ["We will:", "• listen", "• act"]
    );
}

fn unglue_bullets_for_test(line: &str) -> Vec<&str> {
    plain::unglue_bullets(line)
}

#[test]
fn numbered_paragraphs_joined_mid_line_are_parted() {
    let report = "Background\n\n1.1 The plan was published in 2006. 1.2 The CYPP was written under guidance of 2005. 1.3 It needs rewriting: the guidance changed in 2007.\n\n\
        4. Information has been given to 12.5 per cent of families. 5. The plan is due in April.\n";
    let out = text(report.as_bytes(), Flavour::Plain).unwrap();
    let texts: Vec<String> = out.chapters[0]
        .sections
        .iter()
        .flat_map(|s| parse_doc(&s.content).unwrap())
        .filter_map(|b| match b {
            Block::Paragraph {
                numbered: true,
                content,
            } => Some(
                content
                    .iter()
                    .filter_map(|i| match i {
                        Inline::Text { text, .. } => Some(text.as_str()),
                        _ => None,
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "The plan was published in 2006.",
            "The CYPP was written under guidance of 2005.",
            "It needs rewriting: the guidance changed in 2007.",
            "Information has been given to 12.5 per cent of families.",
            "The plan is due in April.",
        ]
    );
    assert_eq!(out.report.numbered_paragraphs, 5);
}

#[test]
fn superscript_footnotes_are_paired_with_their_texts() {
    let report = "Background\n\nMore children are healthy, as the census shows.¹ The area is 12 km² in all.\n\n\
        Our needs analysis² is in the appendix.\n\n\
        ¹ Office for National Statistics, 2001.\n\
        ² Leicestershire County Council, 2007.\n";
    let out = text(report.as_bytes(), Flavour::Plain).unwrap();
    assert_eq!(out.report.footnotes, 2);
    let b: Vec<Block> = out.chapters[0]
        .sections
        .iter()
        .flat_map(|s| parse_doc(&s.content).unwrap())
        .collect();
    let noted: Vec<&str> = b
        .iter()
        .flat_map(|b| match b {
            Block::Paragraph { content, .. } => content.as_slice(),
            _ => &[],
        })
        .filter_map(|i| match i {
            Inline::Text { text, marks } if marks.footnote.is_some() => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(noted, ["shows.", "analysis"]);
    // A unit's power is no mark.
    assert!(b.iter().any(|b| matches!(b, Block::Paragraph { content, .. } if content.iter().any(|i| matches!(i, Inline::Text { text, .. } if text.contains("12 km² in all"))))));
    assert!(b.iter().any(|b| matches!(b, Block::Footnote { content, .. } if matches!(&content[0], Inline::Text { text, .. } if text == "Office for National Statistics, 2001."))));
}
