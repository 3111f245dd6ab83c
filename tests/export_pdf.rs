//! The PDF export read back with real tools: qpdf, pdffonts, pdftotext, pdfinfo.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use chrono::NaiveDate;
use planwright::api::{self, export::ExportRequest};
use planwright::compose::{self, ComposeOptions};
use planwright::export::pdf::{self, PdfOptions, Progress, WATERMARK};
use planwright::model::{
    Action, ActionFilter, Block, CalloutKind, DataQuery, Inline, Marks, PlanInfo, Table, TableCell,
    TableRow,
};
use planwright::store::{self, PlanFile};
use planwright::templates::{self, Template};

fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 23)
}

/// Exports the whole plan, dated `date()`, to `path` and returns the path.
fn export_dated(plan: &PlanFile, path: &Path) -> PathBuf {
    let request = ExportRequest {
        date: date(),
        ..Default::default()
    };
    api::export::pdf(plan, &request, path, None).unwrap();
    path.to_path_buf()
}

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

fn text_of(pdf: &Path, page: Option<usize>) -> String {
    let p = pdf.to_str().unwrap();
    match page {
        Some(n) => tool(
            "pdftotext",
            &[
                "-enc",
                "UTF-8",
                "-f",
                &n.to_string(),
                "-l",
                &n.to_string(),
                p,
                "-",
            ],
        ),
        None => tool("pdftotext", &["-enc", "UTF-8", p, "-"]),
    }
}

/// Pages `first` to `last` as pdftotext lays them out (columns kept).
fn laid_out_text(pdf: &Path, first: usize, last: usize) -> String {
    let (f, l) = (first.to_string(), last.to_string());
    tool(
        "pdftotext",
        &["-layout", "-f", &f, "-l", &l, pdf.to_str().unwrap(), "-"],
    )
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports the page count")
}

/// Words reduced to lowercase letters and digits, split at anything else.
fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

struct Sample {
    _dir: tempfile::TempDir,
    plan: PathBuf,
    pdf: PathBuf,
}

/// The sample plan exported once for all the tests that read it.
fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let plan_path = dir.path().join("sample.plan");
        let plan = PlanFile::create(&plan_path, &templates::sample()).unwrap();
        let pdf = dir.path().join("sample.pdf");
        let mut seen = Vec::new();
        let mut record = |p: Progress| seen.push(p.fraction);
        api::export::pdf(
            &plan,
            &ExportRequest {
                date: date(),
                ..Default::default()
            },
            &pdf,
            Some(&mut record),
        )
        .unwrap();
        assert_eq!(seen.last(), Some(&1.0), "progress ends at 1");
        assert!(
            seen.windows(2).all(|w| w[0] <= w[1]),
            "progress only goes forward: {seen:?}"
        );
        Sample {
            _dir: dir,
            plan: plan_path,
            pdf,
        }
    })
}

#[test]
fn qpdf_finds_the_sample_clean() {
    let s = sample();
    let out = tool("qpdf", &["--check", s.pdf.to_str().unwrap()]);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
    assert!(!out.to_lowercase().contains("warning"), "{out}");
    let info = tool("pdfinfo", &[s.pdf.to_str().unwrap()]);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Title:           Leicestershire Children and Young People's Plan 2008–2011"),
        "{info}"
    );
    assert!(
        info.contains("Author:          Leicestershire County Council"),
        "{info}"
    );
    assert!(info.contains("PDF version:     1.7"), "{info}");
    assert!(
        info.contains("Page size:       595.28 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(page_count(&s.pdf) > 30);
}

#[test]
fn dictionaries_are_packed_in_object_streams() {
    // Pages, structure elements and annotations go into object streams;
    // only streams (content, fonts, pictures, the XMP) stand on their own.
    let xref = tool("qpdf", &["--show-xref", sample().pdf.to_str().unwrap()]);
    let count = |kind: &str| xref.lines().filter(|l| l.contains(kind)).count();
    let (packed, alone) = (count(": compressed;"), count(": uncompressed;"));
    assert!(packed > 1000, "{packed} objects in object streams");
    assert!(alone * 10 < packed, "{alone} objects outside them");
}

#[test]
fn every_font_is_embedded_and_subset() {
    let out = tool("pdffonts", &[sample().pdf.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(rows.len() >= 3, "regular, bold and italic are used: {out}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        // name type encoding emb sub uni object-id
        let n = cols.len();
        assert!(cols[0].contains('+'), "subset tag on {r}");
        assert!(cols[0].contains("LiberationSans"), "{r}");
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "embedded, subset, unicode: {r}"
        );
    }
}

#[test]
fn text_comes_out_in_reading_order() {
    let s = sample();
    let plan = PlanFile::open(&s.plan).unwrap();
    let mut words = Vec::new();
    plan.read(|conn| {
        for ch in store::chapters::list(conn)? {
            words.extend(tokens(&ch.title));
            for sec in store::sections::list(conn, ch.id)? {
                if let Some(t) = &sec.title {
                    words.extend(tokens(t));
                }
                for b in store::blocks::list_section(conn, sec.id)? {
                    // A callout's kind is printed above its title.
                    if let Block::Callout { callout, .. } = &b.block {
                        words.extend(tokens(callout.label()));
                    }
                    if !matches!(b.block, Block::Footnote { .. }) {
                        words.extend(tokens(&b.block.plain_text()));
                    }
                }
            }
        }
        Ok(())
    })
    .unwrap();
    assert!(words.len() > 10_000, "the sample has {} words", words.len());
    let got = tokens(&text_of(&s.pdf, None));
    // Every word of the plan, in order; a word may be split over two
    // tokens where it was hyphenated at a line end.
    let mut at = 0;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let next = words.get(i + 1).map_or("", String::as_str);
        // Plan words matched: 1, or 2 where pdftotext joined a word broken
        // after its hyphen ("well-" / "being" → "wellbeing").
        let found = (at..got.len().min(at + 3000)).find_map(|j| {
            let joined_pdf = j + 1 < got.len() && format!("{}{}", got[j], got[j + 1]) == *w;
            if got[j] == *w {
                Some((j + 1, 1))
            } else if !next.is_empty() && got[j] == format!("{w}{next}") {
                Some((j + 1, 2))
            } else if joined_pdf {
                Some((j + 2, 1))
            } else {
                None
            }
        });
        match found {
            Some((j, n)) => {
                at = j;
                i += n;
            }
            None => panic!(
                "word {i} \"{w}\" not found in order; plan context {:?}; pdf context {:?}",
                &words[i.saturating_sub(5)..(i + 5).min(words.len())],
                &got[at.saturating_sub(5)..(at + 30).min(got.len())]
            ),
        }
    }
}

#[test]
fn contents_page_numbers_are_the_pages_the_headings_are_on() {
    let s = sample();
    let plan = PlanFile::open(&s.plan).unwrap();
    let doc = compose::compose(
        &plan,
        &ComposeOptions {
            date: date(),
            ..Default::default()
        },
    )
    .unwrap();
    let contents = laid_out_text(&s.pdf, 2, 4);
    let lines: Vec<&str> = contents.lines().collect();
    let squash = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut checked = 0;
    let mut from = 0;
    for e in &doc.contents {
        let head: String = e.title.chars().take(24).collect();
        let Some(start) = (from..lines.len()).find(|&i| squash(lines[i]).contains(&squash(&head)))
        else {
            panic!(
                "contents entry {:?} not found in the contents pages",
                e.title
            )
        };
        let (end, page) = (start..lines.len())
            .find_map(|i| {
                lines[i]
                    .split_whitespace()
                    .last()?
                    .parse::<usize>()
                    .ok()
                    .map(|p| (i, p))
            })
            .expect("the entry has a page number");
        from = end + 1;
        let page_text = squash(&text_of(&s.pdf, Some(page)));
        assert!(
            page_text.contains(&squash(&e.title)),
            "\"{}\" should be on page {page}: {}",
            e.title,
            &page_text[..page_text.len().min(300)]
        );
        checked += 1;
    }
    assert!(checked > 50, "{checked} entries checked");
}

#[test]
fn contents_entries_lead_to_their_numbers_with_dots_left_out_of_the_tags() {
    let s = sample();
    let contents = laid_out_text(&s.pdf, 2, 2);
    for title in ["1 Summary", "Be Healthy", "2 Vision"] {
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(title))
            .unwrap_or_else(|| panic!("{title} is in the contents: {contents}"));
        let rest = line.trim_start()[title.len()..].trim();
        let (dots, number) = rest.rsplit_once(' ').expect("dots, then the number");
        assert!(
            number.parse::<usize>().is_ok(),
            "{title} ends in its page number: {line:?}"
        );
        let dots = dots.trim();
        assert!(
            dots.len() > 40 && dots.chars().all(|c| c == '.' || c == ' '),
            "a row of dots leads from {title} to its number: {line:?}"
        );
    }
    // The dots are an artifact: the tag tree says only the title and number.
    let tags = tool("pdfinfo", &["-struct-text", s.pdf.to_str().unwrap()]);
    assert!(tags.contains("\"1 Summary\""), "{}", &tags[..600]);
    assert!(!tags.contains(". . ."), "no leader dots in the tags");
}

/// The whole sample exported as a draft, dated like the final.
fn sample_draft() -> &'static Path {
    static DRAFT: OnceLock<PathBuf> = OnceLock::new();
    DRAFT.get_or_init(|| {
        let s = sample();
        let plan = PlanFile::open(&s.plan).unwrap();
        let opts = PdfOptions {
            draft: true,
            date: date(),
            ..Default::default()
        };
        let path = s.pdf.with_file_name("sample-draft.pdf");
        std::fs::write(&path, pdf::export(&plan, &opts, None).unwrap().pdf).unwrap();
        path
    })
}

/// Page `p` rendered by poppler at 20 dpi in greyscale: one byte a pixel.
fn grey_pixels(pdf: &Path, p: usize) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("page");
    let n = p.to_string();
    tool(
        "pdftoppm",
        &[
            "-r",
            "20",
            "-gray",
            "-singlefile",
            "-f",
            &n,
            "-l",
            &n,
            pdf.to_str().unwrap(),
            root.to_str().unwrap(),
        ],
    );
    let pgm = std::fs::read(root.with_extension("pgm")).unwrap();
    // The P5 header is four fields (magic, width, height, maxval), each
    // ended by one whitespace byte.
    let mut at = 0;
    for _ in 0..4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
    }
    pgm[at + 1..].to_vec()
}

/// Whether a page's resources hold a form XObject (the watermark is one).
fn has_form(pdf: &Path) -> bool {
    let lo = lopdf::Document::load(pdf).unwrap();
    lo.objects.values().any(|o| {
        o.as_stream()
            .ok()
            .and_then(|s| s.dict.get(b"Subtype").ok())
            .and_then(|t| t.as_name().ok())
            == Some(b"Form".as_slice())
    })
}

#[test]
fn draft_watermark_only_on_drafts() {
    let (draft, final_) = (sample_draft(), &sample().pdf);
    let pages = page_count(draft);
    assert_eq!(pages, page_count(final_));
    // Seen: where the final's page is white, the draft's shows the
    // watermark's light grey (0.86, 219 of 255) over a few hundred pixels.
    for p in [1, 2, 5, pages] {
        let (d, f) = (grey_pixels(draft, p), grey_pixels(final_, p));
        let shown = d
            .iter()
            .zip(&f)
            .filter(|(d, f)| **f == 255 && (205..=230).contains(*d))
            .count();
        assert!(
            shown > 150,
            "page {p} of the draft shows the watermark ({shown} px)"
        );
    }
    assert!(has_form(draft), "the draft paints its watermark as a form");
    assert!(!has_form(final_), "the final has no watermark");
    // Not read: it is outlines, so no text of it anywhere.
    let squashed: String = text_of(draft, None).split_whitespace().collect();
    let mark: String = WATERMARK.split_whitespace().collect();
    assert!(!squashed.contains(&mark), "no watermark text in the draft");
    assert!(!squashed.contains("DRAFT"));
}

#[test]
fn the_whole_drafts_text_is_the_finals_page_by_page() {
    let (draft, final_) = (sample_draft(), &sample().pdf);
    let pages = page_count(final_);
    assert_eq!(page_count(draft), pages);
    for p in 1..=pages {
        for raw in [false, true] {
            let read = |pdf: &Path| {
                let n = p.to_string();
                let mut args = vec!["-enc", "UTF-8", "-f", &n, "-l", &n];
                if raw {
                    args.push("-raw");
                }
                args.extend([pdf.to_str().unwrap(), "-"]);
                tool("pdftotext", &args)
            };
            let (d, f) = (read(draft), read(final_));
            if p == 1 {
                // The title page names the plan's status in both.
                assert!(d.contains("Consultation draft"), "{d}");
            }
            assert_eq!(d, f, "page {p} (raw: {raw}) reads the same in the draft");
        }
    }
}

#[test]
fn the_sample_meets_pdf_ua_final_and_draft() {
    for pdf in [&sample().pdf, sample_draft()] {
        common::pdf_ua::assert_conforms(&std::fs::read(pdf).unwrap());
    }
}

#[test]
fn the_checker_finds_what_pdf_ua_forbids() {
    // The checker must fail a file that breaks the rules, or its passes
    // prove nothing: drop the Print flag, a TH's Scope and the
    // language, and show a .notdef glyph.
    let mut lo = lopdf::Document::load(&sample().pdf).unwrap();
    let ids: Vec<lopdf::ObjectId> = lo.objects.keys().copied().collect();
    for id in ids {
        let Ok(d) = lo.get_dictionary_mut(id) else {
            continue;
        };
        if d.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Link".as_slice()) {
            d.remove(b"F");
        }
        if d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"TH".as_slice()) {
            d.remove(b"A");
        }
    }
    lo.catalog_mut().unwrap().remove(b"Lang");
    // Show one character of the first page with glyph 0, .notdef.
    let first = lo.page_iter().next().unwrap();
    let mut content = lo.get_and_decode_page_content(first).unwrap();
    let shown = content
        .operations
        .iter_mut()
        .find(|op| op.operator == "TJ")
        .expect("the first page shows text");
    shown.operands = vec![lopdf::Object::Array(vec![lopdf::Object::String(
        vec![0, 0],
        lopdf::StringFormat::Hexadecimal,
    )])];
    lo.change_page_content(first, content.encode().unwrap())
        .unwrap();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).unwrap();
    let found = common::pdf_ua::failures(&bytes).join("\n");
    for checkpoint in ["PDF/A 6.3.2", "11-001", "15-003", "31-030"] {
        assert!(
            found.contains(checkpoint),
            "{checkpoint} found in:\n{found}"
        );
    }
}

#[test]
fn the_checker_finds_a_tagged_form_painted_on_many_pages() {
    // The draft's watermark form is painted on every page; were its
    // content tagged, each page would claim the same MCIDs (30-002).
    let mut lo = lopdf::Document::load(sample_draft()).unwrap();
    let forms: Vec<lopdf::ObjectId> = lo
        .objects
        .iter()
        .filter(|(_, o)| {
            matches!(o, lopdf::Object::Stream(s)
                if s.dict.get(b"Subtype").and_then(|t| t.as_name()).ok() == Some(b"Form".as_slice()))
        })
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(forms.len(), 1, "one watermark form");
    let lopdf::Object::Stream(form) = lo.get_object_mut(forms[0]).unwrap() else {
        unreachable!()
    };
    let mut content = form.decompressed_content().unwrap();
    content.splice(0..0, b"/P <</MCID 0>> BDC EMC\n".iter().copied());
    form.dict.remove(b"Filter");
    form.set_content(content);
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).unwrap();
    let found = common::pdf_ua::failures(&bytes).join("\n");
    assert!(found.contains("30-002"), "30-002 found in:\n{found}");
}

#[test]
fn a_screen_reader_meets_the_sample_in_reading_order() {
    let tags = tool("pdfinfo", &["-struct-text", sample().pdf.to_str().unwrap()]);
    let head: Vec<&str> = tags.lines().take(12).collect();
    let head = head.join("\n");
    let expect = [
        "Document",
        "\"Leicestershire County Council\"",
        "H1",
        "\"Leicestershire Children and Young People's Plan 2008–2011\"",
    ];
    let mut from = 0;
    for e in expect {
        let at = head[from..]
            .find(e)
            .unwrap_or_else(|| panic!("{e} after byte {from} in:\n{head}"));
        from += at + e.len();
    }
    // The contents: a TOC of TOCI, each a Link whose text is the entry's
    // title then its page number, with no dot leaders.
    let toc = tags.find("TOC").expect("a TOC element");
    let entry = &tags[toc..];
    assert!(entry.contains("TOCI"), "{}", &entry[..400.min(entry.len())]);
    assert!(!tags.contains(". . ."), "no leader dots in the tags");
}

#[test]
fn each_kind_of_callout_is_named_in_words_above_its_title() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, section) = blank(dir.path(), "callouts.plan");
    let title = |k: &CalloutKind| format!("What the {} box says", k.as_str().replace('_', " "));
    plan.write(|tx| {
        for kind in CalloutKind::ALL {
            let callout = Block::Callout {
                title: Some(title(&kind)),
                blocks: vec![para("The body of the box.")],
                callout: kind,
            };
            store::blocks::insert(tx, section, None, &callout)?;
        }
        Ok(())
    })
    .unwrap();
    let path = export_dated(&plan, &dir.path().join("callouts.pdf"));
    let got = tokens(&text_of(&path, None));
    let tags = tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]);
    let tag_lines: Vec<&str> = tags.lines().map(str::trim).collect();
    for kind in CalloutKind::ALL {
        // Read out in order: the kind, then the title.
        let want = [tokens(kind.label()), tokens(&title(&kind))].concat();
        assert!(
            got.windows(want.len()).any(|w| w == want.as_slice()),
            "{want:?} in the text: {got:?}"
        );
        // Tagged as the box's first paragraph.
        let label = format!("\"{}\"", kind.label().to_uppercase());
        let at = tag_lines
            .iter()
            .position(|l| *l == label)
            .unwrap_or_else(|| panic!("{label} is tagged: {tags}"));
        assert_eq!(tag_lines[at - 2..at], ["Div", "P (block)"], "{tags}");
        assert_eq!(
            tag_lines[at + 1..at + 3],
            ["P (block)", format!("\"{}\"", title(&kind)).as_str()],
            "{tags}"
        );
    }
}

/// A blank plan with one chapter, and the id of its section.
fn blank(dir: &Path, name: &str) -> (PlanFile, i64) {
    let mut info = PlanInfo::titled("Test Plan for Export", 2024);
    info.authority = "Anytown Council".into();
    let mut plan = PlanFile::create(dir.join(name), &Template::Blank.bundle(info)).unwrap();
    let section = plan
        .write(|tx| {
            let ch = store::chapters::list(tx)?[0].id;
            Ok(store::sections::list(tx, ch)?[0].id)
        })
        .unwrap();
    (plan, section)
}

fn text(t: &str) -> Inline {
    Inline::Text {
        text: t.into(),
        marks: Marks::default(),
    }
}

fn para(t: &str) -> Block {
    Block::Paragraph {
        numbered: true,
        content: vec![text(t)],
    }
}

#[test]
fn characters_the_font_lacks_show_as_question_marks_and_are_named() {
    // Liberation Sans has Latin, Greek and Cyrillic but no Han or emoji:
    // those must not be drawn with .notdef (Matterhorn 31-030), and the
    // author must be told which they are.
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, section) = blank(dir.path(), "glyphs.plan");
    plan.write(|tx| {
        store::blocks::insert(
            tx,
            section,
            None,
            &para("Tea 茶 and a smile 😀, Ελλάδα.\tEnd"),
        )?;
        Ok(())
    })
    .unwrap();
    let path = dir.path().join("glyphs.pdf");
    let request = ExportRequest {
        date: date(),
        ..Default::default()
    };
    let warnings = api::export::pdf(&plan, &request, &path, None).unwrap();
    let warning = warnings
        .iter()
        .find(|w| w.contains("no glyph"))
        .unwrap_or_else(|| panic!("a warning names the characters: {warnings:?}"));
    assert!(warning.contains("茶 (U+8336)"), "{warning}");
    assert!(warning.contains("😀 (U+1F600)"), "{warning}");
    assert!(
        !warning.contains("U+0009"),
        "a tab is shown as a space: {warning}"
    );
    let bytes = std::fs::read(&path).unwrap();
    common::pdf_ua::assert_conforms(&bytes);
    let text = text_of(&path, None);
    assert!(text.contains("Tea ? and a smile ?, Ελλάδα."), "{text}");
}

#[test]
fn a_long_action_table_repeats_its_header_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, section) = blank(dir.path(), "table.plan");
    plan.write(|tx| {
        for i in 1..=120 {
            let mut a = Action::new(&format!(
                "Action row {i:03}: extend the family support service into every locality, working with schools and health visitors"
            ));
            a.start = NaiveDate::from_ymd_opt(2024, 4, 1);
            a.end = NaiveDate::from_ymd_opt(2025, 3, 31);
            store::actions::insert(tx, &a)?;
        }
        store::blocks::insert(tx, section, None, &para("The actions we will take are these."))?;
        store::blocks::insert(tx, section, None, &Block::Data(DataQuery::Actions(ActionFilter::default())))?;
        Ok(())
    })
    .unwrap();
    let path = export_dated(&plan, &dir.path().join("table.pdf"));
    let mut spanned = 0;
    for p in 1..=page_count(&path) {
        let t = text_of(&path, Some(p));
        if !t.contains("Action row") {
            continue;
        }
        spanned += 1;
        for h in ["Activity", "Responsibility", "Timescale"] {
            assert!(t.contains(h), "page {p} repeats the header cell {h}");
        }
    }
    assert!(spanned >= 3, "the table spans {spanned} pages");
    let all = text_of(&path, None);
    for i in [1, 60, 120] {
        assert!(
            all.contains(&format!("Action row {i:03}")),
            "row {i} is there"
        );
    }
}

#[test]
fn footnotes_are_on_the_page_of_their_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, section) = blank(dir.path(), "notes.plan");
    let filler = "Children and young people told us what matters to them, and partners agreed how services will change as a result of what we heard. ".repeat(3);
    plan.write(|tx| {
        for n in 1..=12 {
            for _ in 0..4 {
                store::blocks::insert(tx, section, None, &para(&filler))?;
            }
            let id = format!("fn{n}");
            let marked = Inline::Text {
                text: format!("Marker sentence {n} cites a source."),
                marks: Marks {
                    footnote: Some(id.clone()),
                    ..Marks::default()
                },
            };
            store::blocks::insert(
                tx,
                section,
                None,
                &Block::Paragraph {
                    numbered: false,
                    content: vec![marked],
                },
            )?;
            store::blocks::insert(
                tx,
                section,
                None,
                &Block::Footnote {
                    id,
                    content: vec![text(&format!("Source note {n} for the marker."))],
                },
            )?;
        }
        Ok(())
    })
    .unwrap();
    let path = export_dated(&plan, &dir.path().join("notes.pdf"));
    let pages: Vec<String> = (1..=page_count(&path))
        .map(|p| text_of(&path, Some(p)))
        .collect();
    for n in 1..=12 {
        let mark = pages
            .iter()
            .position(|t| t.contains(&format!("Marker sentence {n} ")));
        let note = pages
            .iter()
            .position(|t| t.contains(&format!("Source note {n} for")));
        assert!(mark.is_some(), "mark {n} is set");
        assert_eq!(mark, note, "footnote {n} is on the page of its mark");
    }
}

/// `pdfinfo -struct-text` names a link annotation by its object number
/// ("Object 75 0"), which moves whenever anything else in the file does;
/// the snapshot keeps only that a link annotation is there.
fn without_object_numbers(tags: &str) -> String {
    let mut out = String::with_capacity(tags.len());
    for line in tags.lines() {
        let body = line.trim_start();
        let numbers = body
            .strip_prefix("Object ")
            .map(|r| r.split(' ').collect::<Vec<_>>());
        match numbers {
            Some(n) if n.len() == 2 && n.iter().all(|p| p.parse::<u32>().is_ok()) => {
                out.push_str(&line[..line.len() - body.len()]);
                out.push_str("Object (link annotation)");
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

/// The suite's plan with one block of every kind: its reference tag tree
/// (compared with each export by `the_suite_matches_its_references`) holds
/// every structure type the export writes, so a refreshed reference that
/// lost one is caught here.
#[test]
fn every_kind_of_block_is_tagged_in_the_suite_reference() {
    let reference =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ref/every-block-kind.tags.txt");
    let tags = std::fs::read_to_string(&reference).expect("the suite's reference exists");
    for role in [
        "Document",
        "H1",
        "H3",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "THead",
        "TBody",
        "TR",
        "TH",
        "TD",
        "Figure",
        "Note",
        "Reference",
        "Link",
        "TOC",
        "TOCI",
    ] {
        // A line is an element: its role, then its attributes or ID.
        let tagged = tags.lines().any(|l| {
            let rest = l.trim_start().strip_prefix(role);
            rest.is_some_and(|r| r.is_empty() || r.starts_with([' ', ':']))
        });
        assert!(tagged, "{role} is in the tag tree:\n{tags}");
    }
}

#[test]
fn the_cli_exports_chapters_and_explains_bad_ranges() {
    let s = sample();
    let out = s.pdf.with_file_name("cli.pdf");
    let bin = env!("CARGO_BIN_EXE_planwright");
    let run = |args: &[&str]| Command::new(bin).args(args).output().unwrap();
    let ok = run(&[
        "export",
        "pdf",
        s.plan.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--chapters",
        "2,4-5",
        "--draft",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let t = text_of(&out, None);
    assert!(t.contains("1 Summary") && t.contains("3 Needs Analysis") && !t.contains("2 Vision"));
    let bad = run(&[
        "export",
        "pdf",
        s.plan.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--chapters",
        "40",
    ]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("there is no chapter 40"));
    let missing = run(&[
        "export",
        "pdf",
        "/nonexistent/x.plan",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(missing.status.code(), Some(2));
}

/// A PNG of `w` × `h` pixels in two colours (no image crate needed).
fn png(w: u32, h: u32) -> Vec<u8> {
    use std::io::Write as _;
    fn crc(data: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for b in data {
            c ^= *b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc(&body).to_be_bytes());
    }
    let mut raw = Vec::new();
    for y in 0..h {
        raw.push(0);
        for x in 0..w {
            let dark = (x / 40 + y / 40) % 2 == 0;
            raw.extend_from_slice(if dark {
                &[20, 60, 120]
            } else {
                &[230, 236, 245]
            });
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    z.write_all(&raw).unwrap();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn figures_are_scaled_to_fit_the_measure() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, section) = blank(dir.path(), "figure.plan");
    plan.write(|tx| {
        let figure = Block::Figure {
            asset: "map".into(),
            alt: "A map of the county's children's centres".into(),
            caption: Some("Figure 1: Children's centres".into()),
        };
        store::blocks::insert(tx, section, None, &figure)?;
        Ok(())
    })
    .unwrap();
    drop(plan);
    // The store has no asset writer yet: put the image in as the app will.
    let conn = rusqlite::Connection::open(dir.path().join("figure.plan")).unwrap();
    conn.execute(
        "INSERT INTO assets (id, name, mime, data) VALUES ('map', 'map.png', 'image/png', ?1)",
        [png(2400, 600)],
    )
    .unwrap();
    drop(conn);
    let plan = PlanFile::open(dir.path().join("figure.plan")).unwrap();
    let path = export_dated(&plan, &dir.path().join("figure.pdf"));
    let list = tool("pdfimages", &["-list", path.to_str().unwrap()]);
    let row: Vec<&str> = list
        .lines()
        .nth(2)
        .expect("one image")
        .split_whitespace()
        .collect();
    // Shrunk from 2400 × 600 to print resolution (300 ppi) at the measure.
    let (px_w, px_h): (f32, f32) = (row[3].parse().unwrap(), row[4].parse().unwrap());
    assert!(px_w < 2400.0 && (px_w / px_h - 4.0).abs() < 0.02, "{list}");
    let x_ppi: f32 = row[12].parse().unwrap();
    assert!(x_ppi <= 300.0, "{list}");
    let width_pt = px_w * 72.0 / x_ppi;
    // The measure is 459.3 pt; pdfimages rounds the resolution to whole ppi.
    assert!(
        width_pt <= 461.0 && width_pt > 400.0,
        "scaled to the measure: {width_pt} pt"
    );
    // The Figure's layout box is where the picture is drawn, on the page.
    let figures = struct_elems(&path, "Figure");
    assert_eq!(figures.len(), 1);
    let [llx, lly, urx, ury] = layout_bbox(&figures[0]);
    assert!(
        0.0 <= llx && llx < urx && urx <= PAGE[0] && 0.0 <= lly && lly < ury && ury <= PAGE[1],
        "inside the page: {:?}",
        [llx, lly, urx, ury]
    );
    assert!((urx - llx - width_pt).abs() < 2.0, "as wide as the picture");
    assert!(
        ((urx - llx) / (ury - lly) - 4.0).abs() < 0.05,
        "2400 x 600 keeps its shape"
    );
}

/// The structure elements of role `role`, read back with lopdf.
fn struct_elems(pdf: &Path, role: &str) -> Vec<lopdf::Dictionary> {
    let doc = lopdf::Document::load(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"StructElem"))
        .filter(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(role.as_bytes()))
        .cloned()
        .collect()
}

/// A structure element's layout bounding box, [llx lly urx ury].
fn layout_bbox(elem: &lopdf::Dictionary) -> [f32; 4] {
    let a = elem.get(b"A").expect("the element has attributes");
    let owners = match a {
        lopdf::Object::Array(list) => list.iter().collect(),
        other => vec![other],
    };
    let layout = owners
        .into_iter()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"O").and_then(|o| o.as_name()).ok() == Some(b"Layout"))
        .expect("a Layout attribute");
    let nums: Vec<f32> = layout
        .get(b"BBox")
        .and_then(|b| b.as_array())
        .expect("a BBox")
        .iter()
        .map(|n| n.as_float().expect("numbers"))
        .collect();
    nums.try_into().expect("four numbers")
}

/// A4 in points.
const PAGE: [f32; 2] = [595.28, 841.89];

#[test]
fn a_logo_goes_at_the_top_of_the_title_page_as_a_figure_with_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, _) = blank(dir.path(), "logo.plan");
    drop(plan);
    let logo = dir.path().join("council.png");
    std::fs::write(&logo, png(600, 200)).unwrap();
    let out = dir.path().join("logo.pdf");
    let run = Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(["export", "pdf"])
        .arg(dir.path().join("logo.plan"))
        .arg("-o")
        .arg(&out)
        .arg("--logo")
        .arg(&logo)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let list = tool("pdfimages", &["-list", out.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 1, "one image: {list}");
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi
    assert_eq!(
        (rows[0][0], rows[0][3], rows[0][4]),
        ("1", "600", "200"),
        "{list}"
    );
    let (x_ppi, y_ppi): (f32, f32) = (rows[0][12].parse().unwrap(), rows[0][13].parse().unwrap());
    let (w, h) = (600.0 * 72.0 / x_ppi, 200.0 * 72.0 / y_ppi);
    assert!(
        w <= 201.0 && h <= 61.0 && h > 55.0,
        "scaled into the logo box: {w} x {h} pt"
    );
    let figures = struct_elems(&out, "Figure");
    assert_eq!(figures.len(), 1);
    let alt = figures[0].get(b"Alt").and_then(|a| a.as_str()).unwrap();
    assert_eq!(alt, b"Anytown Council logo");
    // At the top-left margin (68 pt in, 72 pt down), as large as it is drawn.
    let [llx, lly, urx, ury] = layout_bbox(&figures[0]);
    assert!((llx - 68.0).abs() < 0.5 && (ury - (PAGE[1] - 72.0)).abs() < 0.5);
    assert!(((urx - llx) - w).abs() < 1.5 && ((ury - lly) - h).abs() < 1.5);
    // Read first: the logo comes before the authority's name.
    let tags = tool("pdfinfo", &["-struct-text", out.to_str().unwrap()]);
    assert!(tags.starts_with("Document\n  Figure"), "{tags}");
}

/// Page `n`'s size as pdfinfo reports it: "595.28 x 841.89".
fn page_size(pdf: &Path, n: usize) -> String {
    let info = tool(
        "pdfinfo",
        &[
            "-f",
            &n.to_string(),
            "-l",
            &n.to_string(),
            pdf.to_str().unwrap(),
        ],
    );
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("Page {n:>4} size:")))
        .map(|s| s.trim().split(" pts").next().unwrap_or("").to_owned())
        .unwrap_or_else(|| panic!("pdfinfo gives page {n}'s size: {info}"))
}

#[test]
fn a_wide_table_gets_landscape_pages_and_the_text_after_it_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, section) = blank(dir.path(), "wide.plan");
    let cell = |t: String, header| TableCell {
        header,
        colspan: 1,
        rowspan: 1,
        blocks: vec![para(&t)],
    };
    let heads = [
        "Consultee",
        "Organisation",
        "Representation",
        "Responsibilities",
        "Recommendation",
        "Implementation",
        "Accountability",
        "Communication",
    ];
    let mut rows = vec![TableRow {
        cells: heads.iter().map(|h| cell(h.to_string(), true)).collect(),
    }];
    for r in 0..60 {
        rows.push(TableRow {
            cells: (0..heads.len())
                .map(|c| cell(format!("Row {r} column {c} safeguarding"), false))
                .collect(),
        });
    }
    let narrow = Block::Table(Table {
        caption: None,
        rows: vec![
            TableRow {
                cells: vec![cell("Area".into(), true), cell("Places".into(), true)],
            },
            TableRow {
                cells: vec![cell("North".into(), false), cell("120".into(), false)],
            },
        ],
    });
    plan.write(|tx| {
        store::blocks::insert(tx, section, None, &para("Before the wide table."))?;
        store::blocks::insert(tx, section, None, &narrow)?;
        store::blocks::insert(
            tx,
            section,
            None,
            &Block::Table(Table {
                caption: Some("Table 2: Who said what".into()),
                rows,
            }),
        )?;
        store::blocks::insert(tx, section, None, &para("After the wide table."))?;
        Ok(())
    })
    .unwrap();
    let path = export_dated(&plan, &dir.path().join("wide.pdf"));
    let (portrait, landscape) = ("595.28 x 841.89", "841.89 x 595.28");
    let pages = page_count(&path);
    let find = |needle: &str| {
        (1..=pages)
            .find(|&p| text_of(&path, Some(p)).contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} is in the PDF"))
    };
    let (before, caption, after) = (
        find("Before the wide table."),
        find("Table 2: Who said what"),
        find("After the wide table."),
    );
    // The short table stays on the portrait page with the text before it.
    assert_eq!(find("North"), before);
    assert_eq!(page_size(&path, before), portrait);
    assert!(
        caption > before && after > caption + 1,
        "{before} {caption} {after}"
    );
    for p in caption..after {
        assert_eq!(
            page_size(&path, p),
            landscape,
            "page {p} holds the wide table"
        );
        // Every landscape page repeats the header, and no word is split.
        let t = text_of(&path, Some(p));
        assert!(
            t.contains("Representation") && t.contains("Accountability"),
            "{t}"
        );
        assert!(!t.contains("safe-"), "page {p} hyphenates: {t}");
    }
    assert_eq!(page_size(&path, after), portrait);
    assert_eq!(pages, after, "no blank page is left behind");
    let qpdf = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert!(
        qpdf.contains("No syntax or stream encoding errors"),
        "{qpdf}"
    );
}

/// Tests as data: each plan bundle in tests/suite is exported (dated,
/// final), held to PDF/UA, and its tag tree and text compared with
/// tests/ref; `UPDATE_SNAPSHOTS=1` rewrites the references.
#[test]
fn the_suite_matches_its_references() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut bundles: Vec<PathBuf> = std::fs::read_dir(root.join("suite"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    bundles.sort();
    assert!(bundles.len() >= 2, "the suite has its plans");
    let mut changed = Vec::new();
    for path in bundles {
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let bundle: planwright::model::Bundle =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{name} is a plan bundle: {e}"));
        let dir = tempfile::tempdir().unwrap();
        let plan = PlanFile::create(dir.path().join("suite.plan"), &bundle).unwrap();
        let pdf = export_dated(&plan, &dir.path().join("suite.pdf"));
        common::pdf_ua::assert_conforms(&std::fs::read(&pdf).unwrap());
        let tags =
            without_object_numbers(&tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]));
        for (kind, got) in [("tags.txt", tags), ("txt", text_of(&pdf, None))] {
            let reference = root.join("ref").join(format!("{name}.{kind}"));
            if update {
                std::fs::write(&reference, &got).unwrap();
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
