//! Committee reports and their packs, as a clerk uses them: the sample's
//! re-creations of seed 000 (Leicestershire) and seed 003 (Derby) exported
//! and read back by real readers (pdftotext, qpdf, pdffonts, LibreOffice),
//! the public version checked for what it must leave out, and bad input.

mod common;

use std::path::Path;

use common::{arg, planwright, sample_plan, tool};
use planwright::api::{self, reports::ReportEdit};
use planwright::compose::report::{self as packs, AppendixContent, PackOptions};
use planwright::compose::{DocBlock, Document};
use planwright::model::report::{AppendixSource, Exempt, ReportAppendix};

const LEICS: i64 = 1;
const DERBY: i64 = 2;

fn pack(plan: &Path, id: i64, dir: &Path, public: bool) -> api::reports::PackResult {
    let plan = api::PlanFile::open_read_only(plan).unwrap();
    api::reports::pack(&plan, id, dir, public, None).unwrap()
}

fn pdftotext(pdf: &str) -> String {
    let out = tool("pdftotext", &["-layout", pdf, "-"]);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Where each of `wanted` is found in `text`, each after the one before;
/// panics naming the first that is missing or out of order.
fn in_order(text: &str, wanted: &[&str]) {
    let mut from = 0;
    for w in wanted {
        let at = text[from..]
            .find(w)
            .unwrap_or_else(|| panic!("\"{w}\" is not after byte {from} in:\n{text}"));
        from += at + w.len();
    }
}

/// `text` with every run of white space one space, as it reads.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraph numbers that start lines ("16.  To note …"), in order.
fn paragraph_numbers(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|l| {
            let t = l.trim_start();
            let end = t.find(char::is_whitespace)?;
            let n = &t[..end];
            let numeric = n.chars().all(|c| c.is_ascii_digit() || c == '.')
                && n.starts_with(|c: char| c.is_ascii_digit())
                && n.contains('.');
            // A number at the left margin followed by a wide gap, as the
            // PDF sets a paragraph number.
            (numeric && l.len() - t.len() < 4 && t[end..].starts_with("  ")).then(|| n.to_owned())
        })
        .collect()
}

#[test]
fn the_leicestershire_report_reads_as_seed_000_with_its_84_actions_as_appendix_1() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("leics");
    let done = pack(&plan, LEICS, &out, false);
    let text = pdftotext(&done.pdf);
    let (cover, appendix) = text.split_at(text.find("Appendix 1\n").expect("Appendix 1"));
    // The seed's headings, in the seed's order.
    in_order(
        cover,
        &[
            "Children’s Plan – Building brighter futures",
            "Committee: Children and Young People’s Executive",
            "Meeting: 8 February 2008",
            "Purpose of the Report",
            "Background",
            "Implication for the Local Authority",
            "Recommendations",
            "16.",
            "To note the content of the report",
            "17.",
            "To support the tasks mapped out in Appendix 1",
            "Equalities issues/implications",
            "None",
            "Safeguarding issues/implications",
            "Author",
            "Sudha Amin",
            "Date",
            "30 January 2008",
        ],
    );
    let numbers: Vec<String> = (1..=17).map(|n| format!("{n}.")).collect();
    assert_eq!(paragraph_numbers(cover), numbers);
    assert!(appendix.contains("Children’s Plan – Building Brighter Future"));
    assert!(flat(appendix).contains("1. Secure the wellbeing and health of child and young people"));

    // The appendix's action plan: 84 rows in the seed's 7 groups.
    let plan = api::PlanFile::open_read_only(&plan).unwrap();
    let p = packs::pack(&plan, LEICS, &PackOptions::default()).unwrap();
    let AppendixContent::Document(doc) = &p.appendices[0].content else {
        panic!("the action plan is composed from the plan")
    };
    assert_eq!(group_rows(doc), [16, 7, 22, 15, 5, 11, 8]);
    // Files: the PDF and Word files for the cover report and the appendix.
    assert_eq!(done.files.len(), 2, "{:?}", done.files);
    assert!(done.files[1].ends_with("Appendix 1 - Children’s Plan – Building Brighter Future.docx"));
}

/// The body rows of each table of the document, in order.
fn group_rows(doc: &Document) -> Vec<usize> {
    doc.chapters
        .iter()
        .flat_map(|c| &c.blocks)
        .filter_map(|b| match b {
            DocBlock::Table(t) => Some(t.rows.len() - t.header_rows),
            _ => None,
        })
        .collect()
}

#[test]
fn the_derby_report_numbers_by_section_and_has_its_implications_appendix() {
    let (dir, plan) = sample_plan();
    let done = pack(&plan, DERBY, &dir.path().join("derby"), true);
    let text = pdftotext(&done.pdf);
    in_order(
        &text,
        &[
            "Derby City Council",
            "Committee: Council Cabinet",
            "Meeting: 21 February 2006",
            "Report of: Report of the Corporate Director for Children & Young People",
            "Summary",
            "1.1",
            "Recommendations",
            "2.1",
            "To approve the Children and Young People's Plan",
            "2.2",
            "Reason for recommendation",
            "3.3",
            "Supporting information",
            "1.9",
            "Other options considered",
            "2.",
            "For more information contact",
            "Andrew Flack",
            "01332 256700 andrew.flack@derby.gov.uk",
            "Background papers",
            "List of appendices",
            "Appendix 1 – Implications",
            "Appendix 1",
            "Implications",
            "Financial",
            "1.1",
            "1.2",
            "Legal",
            "2.",
            "Personnel",
            "3.",
            "Equalities impact",
            "4.",
            "Corporate objectives and priorities for change",
            "5.",
        ],
    );
    // Numbered per section, afresh in the main report and in Appendix 1.
    let numbers = paragraph_numbers(&text);
    let expected: Vec<&str> = [
        "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "1.1", "1.2", "1.3", "1.4", "1.5",
        "1.6", "1.7", "1.8", "1.9", "2.", "1.1", "1.2", "2.", "3.", "4.", "5.",
    ]
    .to_vec();
    assert_eq!(numbers, expected);
    // Pages numbered per part, as the template says.
    assert!(text.contains("Appendix 1 – page 1 of 2"), "{text}");
    assert!(text.contains("Page 1 of "));
}

#[test]
fn the_public_pack_leaves_out_exempt_appendices_and_the_sign_off_and_the_internal_one_says_so() {
    let (dir, plan_path) = sample_plan();
    let mut plan = api::PlanFile::open(&plan_path).unwrap();
    api::reports::edit(
        &mut plan,
        LEICS,
        &ReportEdit {
            exempt: Some(Some(Exempt {
                paragraph: 3,
                reason: "information about the financial affairs of particular persons".into(),
            })),
            sections: vec![(
                "sign_off".into(),
                "Legal: cleared by the Monitoring Officer, 29 January 2008.".into(),
            )],
            add_appendices: vec![ReportAppendix {
                title: "Who we consulted".into(),
                source: AppendixSource::Consultees,
                exempt: true,
            }],
            ..Default::default()
        },
    )
    .unwrap();
    drop(plan);
    let public = pack(&plan_path, LEICS, &dir.path().join("public"), true);
    let internal = pack(&plan_path, LEICS, &dir.path().join("internal"), false);
    assert_eq!(public.withheld, [2]);
    assert!(internal.withheld.is_empty());

    let exempt_text = [
        "Who must be consulted",
        "The Governing Body and Headteacher",
        "cleared by the Monitoring Officer",
    ];
    let public_text = flat(&pdftotext(&public.pdf));
    for t in exempt_text {
        assert!(!public_text.contains(t), "the public PDF shows \"{t}\"");
    }
    assert!(public_text.contains("Appendix 2 of this report is not published"));
    assert!(!public_text.contains("NOT FOR PUBLICATION"));
    // Nor any of the public folder's Word files.
    for f in &public.files {
        let words = docx_text(Path::new(f));
        for t in exempt_text {
            assert!(!words.contains(t), "{f} holds \"{t}\"");
        }
    }
    assert_eq!(
        public.files.len(),
        2,
        "no Word file for the exempt appendix"
    );

    let internal_text = pdftotext(&internal.pdf);
    for t in exempt_text {
        assert!(internal_text.contains(t), "the internal PDF lacks \"{t}\"");
    }
    // Marked at the top of every page.
    let pages = internal_text.split('\x0c').filter(|p| !p.trim().is_empty());
    for (i, page) in pages.enumerate() {
        assert!(
            page.contains(
                "NOT FOR PUBLICATION – internal version (exempt: Schedule 12A, paragraph 3)"
            ),
            "page {} is not marked",
            i + 1
        );
    }
    assert_eq!(internal.files.len(), 3);
}

/// The text of a Word file, as pandoc reads it.
fn docx_text(path: &Path) -> String {
    let out = tool("pandoc", &[arg(path), "-t", "plain"]);
    assert!(out.status.success(), "pandoc reads {}", path.display());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_pack_pdf_passes_the_pdf_checks_and_bookmarks_each_appendix() {
    let (dir, plan_path) = sample_plan();
    let mut plan = api::PlanFile::open(&plan_path).unwrap();
    api::reports::edit(
        &mut plan,
        DERBY,
        &ReportEdit {
            add_appendices: vec![ReportAppendix {
                title: "Children and Young People's Plan 2008–2011".into(),
                source: AppendixSource::Chapters {
                    chapters: vec![2, 4],
                },
                exempt: false,
            }],
            ..Default::default()
        },
    )
    .unwrap();
    drop(plan);
    let done = pack(&plan_path, DERBY, &dir.path().join("pack"), false);
    let bytes = std::fs::read(&done.pdf).unwrap();
    let qpdf = tool("qpdf", &["--check", &done.pdf]);
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
    let fonts = String::from_utf8(tool("pdffonts", &[&done.pdf]).stdout).unwrap();
    for line in fonts.lines().skip(2) {
        assert!(
            line.contains(" yes yes yes "),
            "a font is not embedded: {line}"
        );
    }
    common::pdf_ua::assert_conforms(&bytes);

    let outline = outline(&bytes);
    let top: Vec<&str> = outline.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        top,
        [
            "Children and Young People's Plan 2006–2008",
            "Appendix 1: Implications",
            "Appendix 2: Children and Young People's Plan 2008–2011",
        ]
    );
    assert!(outline[0].1.iter().any(|k| k == "Supporting information"));
    assert_eq!(outline[1].1.len(), 5, "Financial … Corporate objectives");
    // The chosen chapters beneath their appendix.
    assert_eq!(outline[2].1.len(), 2, "{:?}", outline[2].1);
    // Each appendix starts a page with its label.
    let text = pdftotext(&done.pdf);
    for page_start in ["Appendix 1\n", "Appendix 2\n"] {
        let at = text.find(page_start).unwrap();
        let before = &text[..at];
        let since_break = &before[before.rfind('\x0c').map_or(0, |i| i + 1)..];
        assert!(
            since_break.lines().count() < 8,
            "{page_start:?} is not at the top of its page"
        );
    }
}

/// The outline's top level: each title and its children's titles.
fn outline(pdf: &[u8]) -> Vec<(String, Vec<String>)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let titles = |first: Option<&lopdf::Object>| -> Vec<(String, Option<lopdf::ObjectId>)> {
        let mut out = Vec::new();
        let mut next = first.and_then(|o| o.as_reference().ok());
        while let Some(id) = next {
            let d = doc.get_dictionary(id).unwrap();
            let title = lopdf::decode_text_string(d.get(b"Title").unwrap()).unwrap();
            let kids = d.get(b"First").ok().and_then(|o| o.as_reference().ok());
            out.push((title, kids));
            next = d.get(b"Next").ok().and_then(|o| o.as_reference().ok());
        }
        out
    };
    titles(root.get(b"First").ok())
        .into_iter()
        .map(|(t, kids)| {
            let kids = match kids {
                Some(id) => titles(Some(&lopdf::Object::Reference(id)))
                    .into_iter()
                    .map(|(t, _)| t)
                    .collect(),
                None => Vec::new(),
            };
            (t, kids)
        })
        .collect()
}

/// Files of a pack and a text each must show.
type Shows = &'static [(&'static str, &'static str)];

#[test]
fn libreoffice_opens_every_word_file_of_a_pack() {
    let (dir, plan) = sample_plan();
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        dir.path().display()
    );
    // Each pack's files, what LibreOffice must show of each.
    let packs: [(i64, &str, Shows); 2] = [
        (
            LEICS,
            "leics",
            &[
                ("Cover report.pdf", "Implication for the Local Authority 6."),
                (
                    "Appendix 1 - Children’s Plan – Building Brighter Future.pdf",
                    "Activity Responsibility",
                ),
            ],
        ),
        (
            DERBY,
            "derby",
            &[("Cover report.pdf", "Appendix 1 Implications Financial 1.1")],
        ),
    ];
    for (id, name, expect) in packs {
        let done = pack(&plan, id, &dir.path().join(name), false);
        assert_eq!(done.files.len(), expect.len());
        let out_dir = dir.path().join(format!("lo-{name}"));
        let mut args = vec![
            profile.as_str(),
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            arg(&out_dir),
        ];
        args.extend(done.files.iter().map(String::as_str));
        let out = tool("soffice", &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for (file, wanted) in expect {
            let text = flat(&pdftotext(arg(&out_dir.join(file))));
            assert!(
                text.contains(wanted),
                "{name}/{file} lacks \"{wanted}\": {text}"
            );
        }
    }
}

#[test]
fn a_change_to_the_plan_shows_in_the_next_pack() {
    let (dir, plan_path) = sample_plan();
    let first = pack(&plan_path, LEICS, &dir.path().join("one"), false);
    assert!(!pdftotext(&first.pdf).contains("Open a play centre in every district"));
    let run = planwright([
        "action",
        "add",
        arg(&plan_path),
        "--activity",
        "Open a play centre in every district",
        "--objective",
        "1",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let second = pack(&plan_path, LEICS, &dir.path().join("two"), false);
    assert!(pdftotext(&second.pdf).contains("Open a play centre in every district"));
}

#[test]
fn the_command_line_lists_makes_edits_and_packs_reports() {
    let (dir, plan) = sample_plan();
    let list = planwright(["report", "list", arg(&plan)]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(list
        .stdout
        .contains("#1 The Children’s Plan – Building brighter futures"));
    assert!(list
        .stdout
        .contains("#2 Children and Young People's Plan 2006–2008"));

    let new = planwright([
        "report",
        "new",
        arg(&plan),
        "--template",
        "derby",
        "--title",
        "Annual review of the plan",
        "--committee",
        "Council Cabinet",
        "--meeting-date",
        "2009-03-12",
    ]);
    assert_eq!(new.code, 0, "{}", new.stderr);
    assert!(new.stdout.contains("Added report #3"), "{}", new.stdout);
    let text = dir.path().join("recs.txt");
    std::fs::write(&text, "2.1 To approve the review.\n\n2.2 To publish it.\n").unwrap();
    let edit = planwright([
        "report",
        "edit",
        arg(&plan),
        "3",
        "--section",
        &format!("recommendations=@{}", arg(&text)),
        "--author",
        "Andrew Flack",
        "--appendix",
        "indicators=Indicators",
        "--exempt-appendix",
        "consultees=Consultees",
        "--exempt-paragraph",
        "3",
        "--exempt-reason",
        "financial affairs",
    ]);
    assert_eq!(edit.code, 0, "{}", edit.stderr);
    assert!(
        edit.stdout.contains("Appendix 2 – Indicators"),
        "{}",
        edit.stdout
    );
    assert!(edit
        .stdout
        .contains("Note: The report's \"Summary\" section is empty"));

    let json = planwright(["report", "list", arg(&plan), "--json"]);
    let list: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[2]["exempt"], true);

    let out = dir.path().join("pack");
    let run = planwright([
        "report",
        "pack",
        arg(&plan),
        "3",
        "-o",
        arg(&out),
        "--public",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run
        .stdout
        .contains("Appendix 3 is exempt: left out of the public version"));
    let text = pdftotext(arg(&out.join("Committee pack (public).pdf")));
    in_order(
        &text,
        &["Recommendations", "2.1", "To approve the review.", "2.2"],
    );
}

#[test]
fn a_template_goes_out_as_a_small_file_and_comes_into_another_plan() {
    let (dir, plan) = sample_plan();
    let file = dir.path().join("derby.json");
    let run = planwright([
        "report",
        "template",
        "export",
        arg(&plan),
        "derby",
        "-o",
        arg(&file),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut t: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    t["key"] = "salford".into();
    t["name"] = "Salford City Council".into();
    t["authority"] = "Salford City Council".into();
    std::fs::write(&file, serde_json::to_vec(&t).unwrap()).unwrap();
    let run = planwright(["report", "template", "import", arg(&plan), arg(&file)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = planwright(["report", "template", "list", arg(&plan)]);
    assert!(
        list.stdout.contains("salford — Salford City Council"),
        "{}",
        list.stdout
    );
    let run = planwright([
        "report",
        "new",
        arg(&plan),
        "--template",
        "salford",
        "--title",
        "Plan 2009",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // It goes across with the plan: a repaired copy keeps it.
    let copy = dir.path().join("copy.plan");
    let run = planwright(["repair", arg(&plan), "-o", arg(&copy)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let list = planwright(["report", "list", arg(&copy)]);
    assert!(list.stdout.contains("#3 Plan 2009"), "{}", list.stdout);
    assert!(list.stdout.contains("[salford;"), "{}", list.stdout);
}

#[test]
fn bad_input_is_named_and_changes_nothing() {
    let (dir, plan) = sample_plan();
    let before = std::fs::read(&plan).unwrap();
    let bad = |args: &[&str], says: &str| {
        let run = planwright(args);
        assert_ne!(run.code, 0, "{args:?} succeeded");
        assert!(run.stderr.contains(says), "{args:?} said: {}", run.stderr);
    };
    let p = arg(&plan);
    bad(&["report", "show", p, "9"], "report 9 does not exist");
    bad(
        &["report", "new", p, "--template", "nowhere", "--title", "X"],
        "there is no report template \"nowhere\"",
    );
    bad(
        &[
            "report",
            "edit",
            p,
            "1",
            "--exempt-paragraph",
            "9",
            "--exempt-reason",
            "x",
        ],
        "9 is not a paragraph of Part 1 of Schedule 12A",
    );
    bad(
        &["report", "edit", p, "1", "--title", " "],
        "a report needs a title",
    );
    bad(
        &["report", "edit", p, "1", "--appendix", "minutes=M"],
        "\"minutes\" is not an appendix",
    );
    bad(
        &["report", "edit", p, "1", "--remove-appendix", "5"],
        "appendix 5 does not exist",
    );
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, "not a pdf").unwrap();
    bad(
        &[
            "report",
            "edit",
            p,
            "1",
            "--appendix",
            &format!("file:{}=Minutes", arg(&junk)),
        ],
        "junk.txt is not a PDF or Word (.docx) file",
    );
    let template = dir.path().join("t.json");
    std::fs::write(&template, "{\"key\": \"Bad Key\"}").unwrap();
    bad(
        &["report", "template", "import", p, arg(&template)],
        "t.json",
    );
    std::fs::write(
        &template,
        serde_json::to_vec(&planwright::model::report_template::built_in()[0]).unwrap(),
    )
    .unwrap();
    bad(
        &["report", "template", "import", p, arg(&template)],
        "built-in template's key",
    );
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    bad(
        &["report", "pack", p, "1", "-o", arg(&file)],
        "is a file; name a folder",
    );
    bad(&["report", "delete", p, "1"], "add --yes");
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is as it was"
    );

    // An appendix whose chapters have gone says so.
    let run = planwright(["report", "edit", p, "2", "--appendix", "chapters:40=Gone"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    bad(
        &["report", "pack", p, "2", "-o", arg(&dir.path().join("x"))],
        "Appendix 2 (\"Gone\") shows chapter 40, but the plan has 11 chapters",
    );
    // The editor's view says so too, from its check without making the pack.
    let shown = planwright(["report", "show", p, "2", "--json"]);
    assert!(
        shown
            .stdout
            .contains("Appendix 2 (\\\"Gone\\\") shows chapter 40, but the plan has 11 chapters"),
        "{}",
        shown.stdout
    );
}

#[test]
fn a_report_damaged_in_someone_elses_plan_is_named_and_the_rest_is_kept() {
    let (dir, plan) = sample_plan();
    {
        let conn = rusqlite::Connection::open(&plan).unwrap();
        conn.execute(
            "UPDATE reports SET sections = '[{\"key\": 7}]' WHERE id = 2",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE reports SET appendices = '[{\"title\": \"X\", \"source\": {\"kind\": \"plan\"}, \"exempt\": false, \"run\": \"rm -rf /\"}]' WHERE id = 1",
            [],
        )
        .unwrap();
    }
    let run = planwright(["report", "list", arg(&plan)]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("report 1 (\"The Children’s Plan"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("its appendices cannot be read"),
        "{}",
        run.stderr
    );
    let copy = dir.path().join("clean.plan");
    let run = planwright(["repair", arg(&plan), "-o", arg(&copy)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("report 1") && run.stdout.contains("report 2"),
        "{}",
        run.stdout
    );
}

#[test]
fn attached_pdf_and_word_files_go_in_the_pack_as_appendices() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    // Another council's papers: a PDF and a Word file.
    let minutes_pdf = dir.path().join("minutes.pdf");
    let run = planwright([
        "export",
        "pdf",
        p,
        "-o",
        arg(&minutes_pdf),
        "--chapters",
        "2",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let annex_docx = dir.path().join("annex.docx");
    let run = planwright([
        "export",
        "docx",
        p,
        "-o",
        arg(&annex_docx),
        "--chapters",
        "3",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = planwright([
        "report",
        "edit",
        p,
        "2",
        "--appendix",
        &format!("file:{}=Minutes of the Board", arg(&minutes_pdf)),
        "--appendix",
        &format!("file:{}=Needs analysis", arg(&annex_docx)),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Appendix 2 – Minutes of the Board"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Appendix 3 – Needs analysis"),
        "{}",
        run.stdout
    );

    let done = pack(&plan, DERBY, &dir.path().join("pack"), false);
    // Beside the pack, byte for byte.
    let folder = Path::new(&done.folder);
    assert_eq!(
        std::fs::read(folder.join("Appendix 2 - minutes.pdf")).unwrap(),
        std::fs::read(&minutes_pdf).unwrap()
    );
    assert_eq!(
        std::fs::read(folder.join("Appendix 3 - annex.docx")).unwrap(),
        std::fs::read(&annex_docx).unwrap()
    );
    // Inside the pack's PDF: the PDF as an attachment, the Word file's text
    // as pages of their own.
    let list = tool("pdfdetach", &["-list", &done.pdf]);
    let list = String::from_utf8(list.stdout).unwrap();
    assert!(
        list.contains("1 embedded files") && list.contains("minutes.pdf"),
        "{list}"
    );
    let text = flat(&pdftotext(&done.pdf));
    assert!(
        text.contains("This appendix is the PDF file minutes.pdf"),
        "{text}"
    );
    in_order(
        &text,
        &[
            "Appendix 3",
            "Needs analysis",
            "Voice, choice, safety and fulfilment",
        ],
    );
    let bytes = std::fs::read(&done.pdf).unwrap();
    common::pdf_ua::assert_conforms(&bytes);
    let qpdf = tool("qpdf", &["--check", &done.pdf]);
    assert!(
        qpdf.status.success(),
        "{}",
        String::from_utf8_lossy(&qpdf.stdout)
    );
}

#[test]
fn the_editor_is_told_each_paragraphs_number_as_the_template_numbers_it() {
    let (_dir, plan) = sample_plan();
    let plan = api::PlanFile::open_read_only(&plan).unwrap();
    let numbers = |id| {
        api::reports::get(&plan, id)
            .unwrap()
            .numbers
            .into_iter()
            .map(|n| (n.key, n.labels))
            .collect::<std::collections::HashMap<_, _>>()
    };
    let leics = numbers(LEICS);
    assert_eq!(leics["purpose"], ["1.", "2.", "3."]);
    assert_eq!(leics["recommendations"], ["16.", "17."]);
    let derby = numbers(DERBY);
    assert_eq!(derby["recommendations"], ["2.1", "2.2"]);
    assert_eq!(derby["options"], ["2."]);
    assert_eq!(derby["financial"], ["1.1", "1.2"]);
}
