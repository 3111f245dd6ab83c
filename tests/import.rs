//! Import from text by the real CLI: a Markdown report becomes a plan that
//! opens, exports and reports what it placed; a file that is not text is
//! refused by name and nothing is written.

mod common;

use common::{arg, planwright};
use planwright::store::{self, PlanFile};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// Imports the fixture `name` into a new plan at `plan` by the CLI, which
/// must succeed.
fn import_ok(name: &str, plan: &std::path::Path) -> common::Run {
    let run = planwright(["import", arg(&fixture(name)), "-o", arg(plan)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

#[test]
fn a_markdown_report_becomes_a_plan_with_a_report_of_what_was_placed() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("imported.plan");
    let run = planwright(["import", arg(&fixture("report.md")), "-o", arg(&plan)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains(
            "Placed: 2 chapters, 3 sections, 5 paragraphs (2 numbered), 1 list, 0 tables, 1 quote, 1 footnote, 2 actions"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Read as UTF-8"), "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "Line 20: the ACTIVITY | RESPONSIBILITY table is read as 2 actions, shown in the text as a live action table"
        ),
        "{}",
        run.stdout
    );

    let outline = planwright(["outline", arg(&plan)]);
    assert_eq!(outline.code, 0, "{}", outline.stderr);
    for title in [
        "Children and Young People's Plan 2008-2011",
        "Background",
        "Progress",
        "Recommendation",
    ] {
        assert!(
            outline.stdout.contains(title),
            "{title} in\n{}",
            outline.stdout
        );
    }
    // The plan is a plan like any other: it checks clean and exports.
    let p = PlanFile::open_read_only(&plan).unwrap();
    let info = p.read(store::plan_info::get).unwrap();
    assert_eq!(info.title, "report");
    let pdf = dir.path().join("imported.pdf");
    let export = planwright(["export", "pdf", arg(&plan), "-o", arg(&pdf)]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", arg(&pdf), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "1.1 The Leicestershire Children",
        "Publish a play strategy by summer 2008",
        "Joint Area Review",
        "Comments to the Children and Young People's Service",
    ] {
        let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            squashed.contains(expected),
            "{expected} in the PDF:\n{text:.1500}"
        );
    }

    // --json gives the report to scripts.
    let again = dir.path().join("again.plan");
    let json = planwright([
        "--json",
        "import",
        arg(&fixture("report.md")),
        "-o",
        arg(&again),
    ]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["report"]["actions"], 2);
    assert_eq!(v["report"]["encoding"], "UTF-8");
}

#[test]
fn a_file_that_cannot_be_imported_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("new.plan");
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "empty.txt",
            b"",
            "empty.txt cannot be imported: it is empty",
        ),
        (
            "scan.pdf",
            b"%PDF-1.7\n\x00\x00\x01\x02",
            "scan.pdf cannot be imported: it is not text (it holds binary data at byte 9)",
        ),
        (
            "blank.md",
            b"\n \n\t\n",
            "blank.md cannot be imported: it is empty",
        ),
    ];
    for (name, bytes, said) in cases {
        let source = dir.path().join(name);
        std::fs::write(&source, bytes).unwrap();
        let run = planwright(["import", arg(&source), "-o", arg(&plan)]);
        assert_eq!(run.code, 2, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(said), "{name}: {}", run.stderr);
        assert!(!plan.exists(), "{name}: nothing written");
    }
    let big = dir.path().join("big.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(planwright::import::MAX_BYTES + 1).unwrap();
    let run = planwright(["import", arg(&big), "-o", arg(&plan)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("it is larger than 20 MB"),
        "{}",
        run.stderr
    );
    let missing = planwright(["import", arg(&dir.path().join("nope.md")), "-o", arg(&plan)]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("nope.md: no such file"),
        "{}",
        missing.stderr
    );
    assert!(!plan.exists());

    // An existing file is never written over.
    std::fs::write(&plan, "precious").unwrap();
    let run = planwright(["import", arg(&fixture("report.md")), "-o", arg(&plan)]);
    assert_ne!(run.code, 0);
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "precious");
}

#[test]
fn a_windows_1252_file_is_read_and_the_report_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("notes.txt");
    std::fs::write(
        &source,
        b"# Caf\xe9 budget\r\n\r\nCosts \xa35,000 \x96 \x93agreed\x94.\r\n",
    )
    .unwrap();
    let plan = dir.path().join("notes.plan");
    let run = planwright(["import", arg(&source), "-o", arg(&plan), "--title", "Notes"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Read as Windows-1252"),
        "{}",
        run.stdout
    );
    let find = planwright(["find", arg(&plan), "£5,000 – “agreed”"]);
    assert!(find.stdout.contains("Café budget"), "{}", find.stdout);
}

/// Seed 003, Derby's cabinet report as text: its sections in order, found
/// from the short lines standing alone, and its numbered paragraphs,
/// written "- 1.1 …" as the report came out of Word.
#[test]
fn the_derby_report_imports_with_its_sections_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("derby.plan");
    let run = import_ok("seed-003-derby-report.txt", &plan);
    assert!(
        run.stdout.contains(
            "Line 5: lines 5–91 are read as a committee report, \"Children and Young People's Plan \
             2006–2008\" to Council Cabinet, in the Derby template: 13 sections, 24 numbered \
             paragraphs, by Andrew Flack"
        ),
        "{}",
        run.stdout
    );
    let p = PlanFile::open_read_only(&plan).unwrap();
    let report = p.read(store::reports::list).unwrap().remove(0).body;
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Summary",
            "Recommendations",
            "Reason for recommendation",
            "Supporting information",
            "Other options considered",
            "For more information contact",
            "Background papers",
            "List of appendices",
            "Financial",
            "Legal",
            "Personnel",
            "Equalities impact",
            "Corporate objectives and priorities for change",
        ]
    );
    assert_eq!(report.template, "derby");
    assert_eq!(report.committee, "Council Cabinet");
    assert_eq!(
        report.meeting_date,
        chrono::NaiveDate::from_ymd_opt(2006, 2, 21)
    );
    assert_eq!(
        report.report_of,
        "Report of the Corporate Director for Children & Young People"
    );
    assert_eq!(report.author, "Andrew Flack");
    assert_eq!(report.contact, "01332 256700 andrew.flack@derby.gov.uk");
    // All of it is the report: the plan has no chapters of it.
    assert!(p.read(store::chapters::list).unwrap().is_empty());
    drop(p);
    // Its pack reads as the seed: sections numbered 1.1 … and Appendix 1.
    let out = dir.path().join("pack");
    let pack = planwright(["report", "pack", arg(&plan), "1", "-o", arg(&out)]);
    assert_eq!(pack.code, 0, "{}", pack.stderr);
    let text = std::process::Command::new("pdftotext")
        .args([
            "-layout",
            arg(&out.join("Committee pack (internal).pdf")),
            "-",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "1.1",
        "2.2",
        "3.3",
        "1.9",
        "Appendix 1",
        "Corporate objectives",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
}

/// Seed 001, Leicestershire's draft plan as text: its ten chapters in
/// order, each begun by its "Chapter N:" line; what comes before (the
/// cover report and the welcome) in an Introduction.
#[test]
fn the_leicestershire_plan_imports_with_its_ten_chapters_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("leics.plan");
    let run = import_ok("seed-001-leicestershire-plan.txt", &plan);
    let p = PlanFile::open_read_only(&plan).unwrap();
    let titles: Vec<String> = p
        .read(store::chapters::list)
        .unwrap()
        .into_iter()
        .map(|c| c.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Introduction",
            "Summary",
            "Vision: ‘Voice, Choice, Safety and Fulfilment’",
            "Needs Analysis",
            "Being Healthy",
            "Staying Safe",
            "Enjoying and Achieving",
            "Making a Positive Contribution",
            "Achieving Economic Well-being",
            "Key Priorities",
            "Delivering the Plan",
        ]
    );
    assert!(
        run.stdout
            .contains("\"Chapter 10:  Delivering the Plan\" starts a chapter"),
        "{}",
        run.stdout
    );
}

/// Seed 000, Leicestershire's cover report with its Appendix 1: the
/// ACTIVITY / RESPONSIBILITY table becomes 84 actions under 7 objectives,
/// five of them parents of 6, 4, 3, 3 and 2 sub-actions, with their leads;
/// the text shows them as live tables, which every export draws.
#[test]
fn the_appendix_action_table_becomes_84_actions_under_7_objectives() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("leics.plan");
    let run = import_ok("seed-000-leicestershire-report.txt", &plan);
    assert!(run.stdout.contains(", 84 actions, "), "{}", run.stdout);
    // The cover report is the plan's committee report, its paragraphs
    // 1–17 numbered, the short ones too ("5. Five Principles…", "16. To
    // note…"); its Appendix 1 the action plan.
    assert!(
        run.stdout.contains(
            "Line 1: lines 1–91 are read as a committee report, \"THE CHILDREN’S PLAN – Building \
             brighter futures\" to Children and Young People’s Executive, in the Leicestershire \
             template: 8 sections, 17 numbered paragraphs, by Sudha Amin; its Appendix 1 is the \
             action plan"
        ),
        "{}",
        run.stdout
    );
    let report = PlanFile::open_read_only(&plan)
        .unwrap()
        .read(store::reports::list)
        .unwrap()
        .remove(0)
        .body;
    let titles: Vec<&str> = report.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Purpose of the Report",
            "Background",
            "Implication for the Local Authority",
            "Recommendations",
            "Equalities issues/implications",
            "Safeguarding issues/implications",
            "Author",
            "Date"
        ]
    );
    let recommendations = planwright::model::prosemirror::parse_doc(
        &report.section("recommendations").unwrap().content,
    )
    .unwrap();
    assert_eq!(recommendations.len(), 2);
    assert_eq!(report.date, chrono::NaiveDate::from_ymd_opt(2008, 1, 30));
    assert_eq!(
        report.meeting_date,
        chrono::NaiveDate::from_ymd_opt(2008, 2, 8)
    );
    assert_eq!(
        report.appendices[0].title,
        "CHILDREN’S PLAN – BUILDING BRIGHTER FUTURE"
    );
    assert!(
        run.stdout
            .contains("is read as 84 actions under 7 objectives"),
        "{}",
        run.stdout
    );
    let p = PlanFile::open_read_only(&plan).unwrap();
    let actions = p
        .read(|c| store::actions::list(c, &Default::default()))
        .unwrap();
    assert_eq!(actions.len(), 84);
    // Objectives in the file's order, each with its rows.
    let mut groups: Vec<(String, usize)> = Vec::new();
    for a in &actions {
        let title = a.objective_title.clone().unwrap();
        match groups.last_mut() {
            Some((t, n)) if *t == title => *n += 1,
            _ => groups.push((title, 1)),
        }
    }
    let sizes: Vec<usize> = groups.iter().map(|g| g.1).collect();
    assert_eq!(sizes, [16, 7, 22, 15, 5, 11, 8], "{groups:?}");
    assert_eq!(
        groups[0].0,
        "Secure the wellbeing and health of child and young people"
    );
    assert_eq!(groups[6].0, "VISION FOR 21ST CENTURY CHILDREN’S SERVICES");
    // Parents and their children, in order.
    let children: Vec<usize> = actions
        .iter()
        .map(|p| {
            actions
                .iter()
                .filter(|c| c.action.parent == Some(p.action.id))
                .count()
        })
        .filter(|n| *n > 0)
        .collect();
    assert_eq!(children, [6, 4, 3, 3, 2]);
    let first = &actions[0];
    assert_eq!(
        first.action.activity,
        "Allocate £34 million over the next three years to provide two expert parenting advisers in every local authority"
    );
    assert_eq!(first.lead_organisation_name.as_deref(), Some("Government"));
    assert_eq!(first.lead_person_name.as_deref(), Some("Ellie Lowe"));
    // The responsibility as written is kept whole.
    assert_eq!(
        first.action.notes.as_deref(),
        Some("Responsibility as written: Government. LCC lead Ellie Lowe.")
    );
    let tutor = actions
        .iter()
        .find(|a| {
            a.action
                .activity
                .starts_with("Every child will have a personal tutor")
        })
        .unwrap();
    assert_eq!(tutor.lead_organisation_name.as_deref(), Some("Schools"));
    assert_eq!(tutor.lead_person_name.as_deref(), Some("Tony Mulhearn"));

    // The PDF shows the actions where the table was, under their headings.
    let pdf = dir.path().join("leics.pdf");
    let export = planwright(["export", "pdf", arg(&plan), "-o", arg(&pdf)]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", arg(&pdf), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let squashed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "2. Safeguard the young and vulnerable",
        "Fund a new home safety equipment scheme",
        "Appoint a taskforce to advise on how to achieve zero carbon schools",
    ] {
        assert!(squashed.contains(expected), "{expected} in the PDF");
    }
}

fn import_json(source: &std::path::Path, plan: &std::path::Path) -> serde_json::Value {
    let run = planwright(["--json", "import", arg(source), "-o", arg(plan)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

/// What a report counts, for comparing two imports.
fn counts(v: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    [
        "chapters",
        "sections",
        "paragraphs",
        "numbered_paragraphs",
        "lists",
        "tables",
        "quotes",
        "footnotes",
        "actions",
    ]
    .iter()
    .map(|k| (k.to_string(), v["report"][k].clone()))
    .collect()
}

/// Import → export to Word → import again keeps every count: the Word
/// export is read back as what it was (chapters, sections, numbered
/// paragraphs, lists, quotes, footnotes, and the action tables as
/// actions, sub-actions and all).
#[test]
fn import_then_word_export_then_import_keeps_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    for source in [
        "report.md",
        "seed-000-leicestershire-report.txt",
        "seed-001-leicestershire-plan.txt",
        // Seed 003 is all cover report: it makes a committee report, and
        // the plan it makes has no chapters to export.
        "seed-004-salford-requirements.txt",
    ] {
        let first = dir.path().join(format!("{source}.plan"));
        let a = import_json(&fixture(source), &first);
        let docx = dir.path().join(format!("{source}.docx"));
        let export = planwright(["export", "docx", arg(&first), "-o", arg(&docx)]);
        assert_eq!(export.code, 0, "{}", export.stderr);
        let again = dir.path().join(format!("{source}.again.plan"));
        let b = import_json(&docx, &again);
        assert_eq!(counts(&a), counts(&b), "{source}");
        assert_eq!(b["report"]["place"], "Paragraph");
        // The title page is the plan's: its title names the new plan.
        let info = PlanFile::open_read_only(&again)
            .unwrap()
            .read(store::plan_info::get)
            .unwrap();
        assert_eq!(
            info.title,
            source.split('.').next().unwrap().replace('-', " ")
        );
    }
    // Seed 000's actions come back with their objectives and parents.
    let p = PlanFile::open_read_only(
        dir.path()
            .join("seed-000-leicestershire-report.txt.again.plan"),
    )
    .unwrap();
    let actions = p
        .read(|c| store::actions::list(c, &Default::default()))
        .unwrap();
    let children: Vec<usize> = actions
        .iter()
        .map(|p| {
            actions
                .iter()
                .filter(|c| c.action.parent == Some(p.action.id))
                .count()
        })
        .filter(|n| *n > 0)
        .collect();
    assert_eq!(children, [6, 4, 3, 3, 2]);
    assert_eq!(
        actions[0].objective_title.as_deref(),
        Some("Secure the wellbeing and health of child and young people")
    );
}

/// The sample plan's Word export imports as the plan it came from: its
/// chapters in order, numbered as they were, its figures' pictures kept.
#[test]
fn the_sample_plans_word_export_imports_with_its_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("sample.plan");
    assert_eq!(planwright(["sample", arg(&sample)]).code, 0);
    let docx = dir.path().join("sample.docx");
    let export = planwright(["export", "docx", arg(&sample), "-o", arg(&docx)]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let again = dir.path().join("again.plan");
    let v = import_json(&docx, &again);
    let chapters = |path: &std::path::Path| -> Vec<(String, bool)> {
        PlanFile::open_read_only(path)
            .unwrap()
            .read(store::chapters::list)
            .unwrap()
            .into_iter()
            .map(|c| (c.title, c.numbered))
            .collect()
    };
    assert_eq!(chapters(&again), chapters(&sample));
    // The glossary comes back as the plan's glossary, not a chapter.
    let glossary = |path: &std::path::Path| -> Vec<(String, String)> {
        PlanFile::open_read_only(path)
            .unwrap()
            .read(store::glossary::list)
            .unwrap()
            .into_iter()
            .map(|g| (g.term, g.definition))
            .collect()
    };
    assert_eq!(glossary(&again), glossary(&sample));
    assert_eq!(v["report"]["glossary"], 30);
    // Its action tables come back as its 84 actions; the indicator
    // tables as tables.
    assert_eq!(v["report"]["actions"], 84);
    assert_eq!(v["report"]["tables"], 5);
    let check = planwright(["check", arg(&again)]);
    assert!(
        check.stdout.contains("No problems found."),
        "{}",
        check.stdout
    );
}

/// A Word document made by another program (pandoc) imports: its
/// headings, quote, footnote, and its ACTIVITY | RESPONSIBILITY table as
/// actions.
#[test]
fn a_word_document_from_another_program_imports() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    let made = common::tool("pandoc", &[arg(&fixture("report.md")), "-o", arg(&docx)]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let plan = dir.path().join("report.plan");
    let v = import_json(&docx, &plan);
    let r = &v["report"];
    assert_eq!(r["chapters"], 2);
    assert_eq!(r["sections"], 3);
    assert_eq!(r["quotes"], 1);
    assert_eq!(r["footnotes"], 1);
    assert_eq!(r["lists"], 1);
    assert_eq!(r["actions"], 2);
    let p = PlanFile::open_read_only(&plan).unwrap();
    let actions = p
        .read(|c| store::actions::list(c, &Default::default()))
        .unwrap();
    assert_eq!(
        actions[1].action.activity,
        "Expand school-based Parent Support Advisers"
    );
    assert_eq!(actions[1].objective_title.as_deref(), Some("Actions"));

    // A title page's Title too long for a plan's title leaves the file's
    // name as the title, and the import goes ahead.
    let long = dir.path().join("long-title.docx");
    let title = format!("title={}", "Children and Young People's Plan ".repeat(12));
    let made = common::tool(
        "pandoc",
        &[arg(&fixture("report.md")), "-M", &title, "-o", arg(&long)],
    );
    assert!(made.status.success());
    let plan = dir.path().join("long.plan");
    import_json(&long, &plan);
    let info = PlanFile::open_read_only(&plan)
        .unwrap()
        .read(store::plan_info::get)
        .unwrap();
    assert_eq!(info.title, "long title");
}

/// A file named .docx that is not one is refused by name, with why, and
/// nothing is written.
#[test]
fn a_docx_that_is_not_a_word_document_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("minutes.docx");
    std::fs::write(&fake, b"PK\x03\x04 this is not really a zip").unwrap();
    let plan = dir.path().join("out.plan");
    let run = planwright(["import", arg(&fake), "-o", arg(&plan)]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("minutes.docx cannot be imported: it is not a Word document (.docx)"),
        "{}",
        run.stderr
    );
    assert!(!plan.exists());
}

/// Every top-level block of every section of an import, in order.
fn all_blocks(out: &planwright::import::Imported) -> Vec<planwright::model::Block> {
    out.chapters
        .iter()
        .flat_map(|c| &c.sections)
        .flat_map(|s| planwright::model::prosemirror::parse_doc(&s.content).unwrap())
        .collect()
}

/// Seed 004, Salford's requirements: "The plan must contain:" over six
/// numbered points (the first with its lettered (a)–(c) kept inside it,
/// the longer ones still items, not paragraphs), and "must consult:" over
/// nine.
#[test]
fn the_salford_requirements_import_as_lists_of_6_contents_and_9_consultees() {
    use planwright::import::{text, Flavour};
    use planwright::model::Block;
    let bytes = std::fs::read(fixture("seed-004-salford-requirements.txt")).unwrap();
    let out = text(&bytes, Flavour::Plain).unwrap();
    let numbered: Vec<(u32, Vec<usize>)> = all_blocks(&out)
        .into_iter()
        .filter_map(|b| match b {
            Block::OrderedList { start, items } => {
                Some((start, items.iter().map(|i| i.blocks.len()).collect()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        numbered[..2],
        [(1, vec![4, 1, 1, 1, 1, 1]), (1, vec![1; 9])],
        "the contents' first point holds its (a), (b) and (c)"
    );
}

/// Seed 001, Leicestershire's plan: its 57 "Actions to be taken 2008-2011"
/// passages are boxes of next steps, each with its list; its subsections
/// ("Improving physical health", "Reducing Obesity") are sections, also
/// where no blank line parts them from the text or the list above.
#[test]
fn the_leicestershire_plans_actions_to_be_taken_are_57_boxes() {
    use planwright::import::{text, Flavour};
    use planwright::model::{Block, CalloutKind};
    let bytes = std::fs::read(fixture("seed-001-leicestershire-plan.txt")).unwrap();
    let out = text(&bytes, Flavour::Plain).unwrap();
    let boxes: Vec<(String, bool)> = all_blocks(&out)
        .into_iter()
        .filter_map(|b| match b {
            Block::Callout {
                callout: CalloutKind::NextSteps,
                title,
                blocks,
            } => Some((
                title.unwrap_or_default(),
                blocks.iter().any(|b| matches!(b, Block::BulletList { .. })),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(boxes.len(), 57);
    assert_eq!(out.report.boxes, 57);
    // The cover report before the plan is its committee report: its
    // paragraphs 1–6 numbered, "3." (a short line ending in a colon) as
    // much as the rest, its 3.1 and 3.2 kept as written beneath 3.
    let report = &out.reports[0];
    let cover: Vec<Block> = report
        .sections
        .iter()
        .flat_map(|s| planwright::model::prosemirror::parse_doc(&s.content).unwrap())
        .collect();
    let numbered = cover
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { numbered: true, .. }))
        .count();
    assert_eq!(numbered, 6);
    assert_eq!(
        cover[3].plain_text(),
        "3.1. In 2007 the DfES published Supplementary Guidance for the CYPP."
    );
    assert_eq!(report.author, "Peter Chester");
    assert_eq!(
        report.appendices[0].title,
        "Leicestershire’s Children and Young People’s Plan 2008 to 2011"
    );
    assert!(boxes
        .iter()
        .all(|(t, list)| t.contains("Actions to be taken 2008-2011") && *list));
    let healthy = out
        .chapters
        .iter()
        .find(|c| c.title == "Being Healthy")
        .unwrap();
    let sections: Vec<&str> = healthy
        .sections
        .iter()
        .filter_map(|s| s.title.as_deref())
        .collect();
    assert_eq!(
        &sections[..3],
        [
            "Improving physical health",
            "Reducing Obesity",
            "Reducing Teenage Pregnancy"
        ]
    );
}

/// `import --into` adds a document's chapters after the plan's own, and its
/// action table's actions under a list of objectives of their own, in one
/// change; a second import of the same file gets a second list; a file
/// that cannot be imported leaves the plan as it was, byte for byte.
#[test]
fn a_document_is_imported_into_an_existing_plan_as_new_chapters() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("sample.plan");
    assert_eq!(planwright(["sample", arg(&plan)]).code, 0);
    let count = |what: fn(&rusqlite::Connection) -> store::Result<usize>| {
        PlanFile::open_read_only(&plan).unwrap().read(what).unwrap()
    };
    let chapters = |c: &rusqlite::Connection| Ok(store::chapters::list(c)?.len());
    let before = (count(chapters), count(store::actions::count));
    for round in 1..=2 {
        let run = planwright([
            "import",
            arg(&fixture("seed-000-leicestershire-report.txt")),
            "--into",
            arg(&plan),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.starts_with("Added to "), "{}", run.stdout);
        assert_eq!(
            (count(chapters), count(store::actions::count)),
            (before.0 + round, before.1 + 84 * round)
        );
    }
    let p = PlanFile::open_read_only(&plan).unwrap();
    let keys: Vec<String> = p
        .read(store::frameworks::list)
        .unwrap()
        .into_iter()
        .map(|f| f.key)
        .collect();
    assert!(keys.contains(&"imported_objectives".to_owned()), "{keys:?}");
    assert!(
        keys.contains(&"imported_objectives_2".to_owned()),
        "{keys:?}"
    );
    let last = p.read(store::chapters::list).unwrap().pop().unwrap();
    assert_eq!(last.title, "CHILDREN’S PLAN – BUILDING BRIGHTER FUTURE");
    // Its cover report joins the sample's two reports, each time.
    assert_eq!(p.read(store::reports::list).unwrap().len(), 4);
    drop(p);
    let check = planwright(["check", arg(&plan)]);
    assert!(!check.stdout.contains("does not exist"), "{}", check.stdout);

    // A file that is not text leaves the plan untouched.
    let junk = dir.path().join("junk.txt");
    std::fs::write(&junk, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let bytes = std::fs::read(&plan).unwrap();
    let run = planwright(["import", arg(&junk), "--into", arg(&plan)]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr
            .contains("junk.txt cannot be imported: it is not text"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&plan).unwrap(), bytes);
}
