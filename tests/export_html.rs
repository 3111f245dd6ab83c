//! The HTML export read back by real readers: html5lib (the HTML5 parsing
//! algorithm, strict), axe-core in Debian's headless Chromium, and the PDF
//! of the same plan for its paragraph numbers.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use planwright::api::{
    self,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
    indicators::IndicatorFigure,
};
use planwright::model::{Block, Inline, Marks, PlanInfo};
use planwright::store::{self, PlanFile};
use planwright::templates::{self, Template};

use common::{dated_request as request, tool};

struct Sample {
    _dir: tempfile::TempDir,
    plan: PathBuf,
    html: PathBuf,
    pdf: PathBuf,
}

/// The sample plan exported once, as HTML and as PDF, for the tests that
/// read them.
fn sample() -> &'static Sample {
    static SAMPLE: OnceLock<Sample> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let plan_path = dir.path().join("sample.plan");
        let plan = PlanFile::create(&plan_path, &templates::sample()).unwrap();
        let html = dir.path().join("sample.html");
        let warnings = api::export::html(&plan, &request(), &html).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let pdf = dir.path().join("sample.pdf");
        api::export::pdf(&plan, &request(), &pdf, None).unwrap();
        Sample {
            _dir: dir,
            plan: plan_path,
            html,
            pdf,
        }
    })
}

/// The plans of tests/suite, each exported as HTML into `dir`.
fn suite(dir: &Path) -> Vec<(String, PathBuf)> {
    common::suite_bundles()
        .into_iter()
        .map(|(name, bundle)| {
            let plan = PlanFile::create(dir.join(format!("{name}.plan")), &bundle).unwrap();
            let html = dir.join(format!("{name}.html"));
            api::export::html(&plan, &request(), &html).unwrap();
            (name, html)
        })
        .collect()
}

/// The sample plan, its action plan appendix with every column, its
/// indicator and glossary appendices, and the suite's plans, as pages.
fn every_kind_of_page(dir: &Path) -> Vec<PathBuf> {
    let plan = PlanFile::open_read_only(&sample().plan).unwrap();
    let appendix = dir.join("action-plan.html");
    let request = ExportRequest {
        appendix: Some(Appendix::Actions {
            group_by: GroupBy::Objective,
            columns: ActionColumns {
                timescale: true,
                outcome: true,
                status: true,
            },
        }),
        ..request()
    };
    api::export::html(&plan, &request, &appendix).unwrap();
    // The indicators with figures, so the page has its trend charts.
    let with_figures = dir.join("figures.plan");
    std::fs::copy(&sample().plan, &with_figures).unwrap();
    let mut figures = PlanFile::open(&with_figures).unwrap();
    for (year, target, actual) in [(2008, "47", "46"), (2009, "49", "50.5"), (2010, "52", "")] {
        api::indicators::set_figure(&mut figures, "NI 50", year, IndicatorFigure::Target, target)
            .unwrap();
        api::indicators::set_figure(&mut figures, "NI 50", year, IndicatorFigure::Actual, actual)
            .unwrap();
    }
    let indicators = dir.join("indicators.html");
    let request = ExportRequest {
        appendix: Some(Appendix::Indicators),
        ..self::request()
    };
    api::export::html(&figures, &request, &indicators).unwrap();
    assert!(std::fs::read_to_string(&indicators)
        .unwrap()
        .contains(" class=\"chart\" role=\"img\""));
    let glossary = dir.join("glossary.html");
    let request = ExportRequest {
        appendix: Some(Appendix::Glossary),
        ..self::request()
    };
    api::export::html(&plan, &request, &glossary).unwrap();
    let mut files = vec![sample().html.clone(), appendix, indicators, glossary];
    files.extend(suite(dir).into_iter().map(|(_, p)| p));
    files
}

#[test]
fn the_sample_and_the_suite_parse_as_html5_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let files = every_kind_of_page(dir.path());
    // Strict: the first parse error (a stray end tag, a bad attribute, a
    // character HTML forbids…) is raised with its line and column.
    let script = "import sys, html5lib\n\
                  for f in sys.argv[1:]:\n\
                  \x20   p = html5lib.HTMLParser(strict=True)\n\
                  \x20   try:\n\
                  \x20       p.parse(open(f, 'rb'))\n\
                  \x20   except Exception as e:\n\
                  \x20       sys.exit(f'{f}: {e} at {p.errors[:1]}')\n";
    let mut args = vec!["-c", script];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    // Debian's Python, which has Debian's html5lib, whatever else is first
    // on PATH.
    let out = tool("/usr/bin/python3", &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn axe_finds_no_violation_in_the_sample_or_the_suite() {
    let dir = tempfile::tempdir().unwrap();
    let files = every_kind_of_page(dir.path());
    let checker = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/tools/axe-check.mjs");
    let mut args = vec![checker.to_str().unwrap()];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    let out = tool("node", &args);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        said.matches("checked, 0 rules violated").count(),
        files.len(),
        "{said}"
    );
}

/// The labels of numbered paragraphs, in the order the page has them.
fn paragraph_labels(html: &str) -> Vec<&str> {
    html.split("<p class=\"numbered\" id=\"para-")
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

#[test]
fn paragraph_numbers_are_the_pdfs_in_the_same_order() {
    let s = sample();
    let html = std::fs::read_to_string(&s.html).unwrap();
    let labels = paragraph_labels(&html);
    assert!(
        labels.len() > 50,
        "the sample numbers its paragraphs: {}",
        labels.len()
    );
    let out = tool(
        "pdftotext",
        &["-enc", "UTF-8", s.pdf.to_str().unwrap(), "-"],
    );
    let pdf = String::from_utf8_lossy(&out.stdout);
    // A paragraph's number starts its first line in the PDF.
    let mut starts = pdf
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .peekable();
    for label in &labels {
        assert!(
            starts.by_ref().any(|w| w == *label),
            "paragraph {label} of the HTML is in the PDF, after the ones before it"
        );
    }
}

#[test]
fn the_sample_page_holds_its_headings_contents_and_notes_and_asks_for_nothing_outside() {
    let html = std::fs::read_to_string(&sample().html).unwrap();
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert!(html.contains("<h1>Leicestershire Children and Young People's Plan 2008–2011</h1>"));
    assert!(html.contains("<h2 id=\"contents-title\">Contents</h2>"));
    assert!(
        html.contains("<span class=\"num\">4</span> Being Healthy</h2>"),
        "chapter headings are numbered as in the PDF"
    );
    for outside in [
        "<link",
        "<script",
        "url(",
        "src=\"http",
        "@import",
        "<iframe",
        "<object",
    ] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    // Headings never skip a level on the way down.
    let mut last = 1;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(level <= last + 1, "h{level} after h{last} at byte {i}");
        last = level;
    }
}

#[test]
fn the_suite_matches_its_html_references() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ref");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let dir = tempfile::tempdir().unwrap();
    let mut changed = Vec::new();
    for (name, html) in suite(dir.path()) {
        // The style sheet is the same for every page: left out, so a change
        // of style does not rewrite every reference.
        let page = std::fs::read_to_string(html).unwrap();
        let (head, rest) = page.split_once("<style>\n").unwrap();
        let got = format!("{head}<style>…{}", &rest[rest.find("</style>").unwrap()..]);
        let reference = root.join(format!("{name}.html"));
        if update {
            std::fs::write(&reference, &got).unwrap();
        }
        if std::fs::read_to_string(&reference).ok().as_deref() != Some(got.as_str()) {
            changed.push(reference.display().to_string());
        }
    }
    assert!(
        changed.is_empty(),
        "these differ from the export; check them and rerun with UPDATE_SNAPSHOTS=1: {changed:#?}"
    );
}

#[test]
fn a_plans_text_cannot_put_markup_or_script_in_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut info = PlanInfo::titled("<script>alert('title')</script>", 2024);
    info.authority = "\"><img src=x onerror=alert(1)>".into();
    let mut plan =
        PlanFile::create(dir.path().join("x.plan"), &Template::Blank.bundle(info)).unwrap();
    plan.write(|tx| {
        let ch = store::chapters::list(tx)?[0].id;
        let section = store::sections::list(tx, ch)?[0].id;
        store::blocks::insert(
            tx,
            section,
            None,
            &Block::Paragraph {
                numbered: true,
                content: vec![Inline::Text {
                    text: "</p><script>alert(2)</script><p>".into(),
                    marks: Marks::default(),
                }],
            },
        )?;
        Ok(())
    })
    .unwrap();
    let out = dir.path().join("x.html");
    api::export::html(&plan, &request(), &out).unwrap();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(html.contains("&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;p&gt;"));
}

#[test]
fn the_cli_writes_chosen_chapters_and_never_over_the_plan() {
    let s = sample();
    let out = s.html.with_file_name("cli.html");
    let ok = common::planwright([
        "export",
        "html",
        common::arg(&s.plan),
        "-o",
        common::arg(&out),
        "--chapters",
        "2,4-5",
        "--draft",
    ]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("DRAFT — not for publication"));
    assert!(html.contains("Summary</h2>") && html.contains("Needs Analysis</h2>"));
    assert!(!html.contains("Vision</h2>"));

    let before = std::fs::read(&s.plan).unwrap();
    let over = common::planwright([
        "export",
        "html",
        common::arg(&s.plan),
        "-o",
        common::arg(&s.plan),
    ]);
    assert_eq!(over.code, 1, "{}", over.stderr);
    assert!(over.stderr.contains("plan"), "{}", over.stderr);
    assert_eq!(
        std::fs::read(&s.plan).unwrap(),
        before,
        "the plan is untouched"
    );
}
