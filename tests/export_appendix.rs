//! The action plan appendix, exported alone as PDF and HTML by the real
//! CLI and read back: the sample's 84 actions in the 7 groups of
//! Leicestershire's Appendix 1, a PDF that meets PDF/UA, a page with a
//! table per group.

mod common;

use std::path::Path;
use std::process::Command;

use common::{arg, planwright, sample_plan};
use planwright::api::{
    self,
    actions::ActionField,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
    ErrorCode,
};
use planwright::store::PlanFile;

/// Runs `planwright export FORMAT PLAN -o OUT EXTRA…`.
fn export(format: &str, plan: &Path, out: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["export", format, arg(plan), "-o", arg(out)];
    args.extend_from_slice(extra);
    planwright(args)
}

/// The body rows of each table in an exported page, in order.
fn table_sizes(html: &str) -> Vec<usize> {
    html.split("<tbody>")
        .skip(1)
        .map(|t| t[..t.find("</tbody>").unwrap()].matches("<tr>").count())
        .collect()
}

#[test]
fn the_sample_action_plan_has_84_actions_in_7_groups_as_html() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("appendix.html");
    let run = export("html", &plan, &out, &["--appendix", "actions"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(table_sizes(&html), [16, 7, 22, 15, 5, 11, 8]);
    assert!(html.contains(
        "<h3 id=\"h2\">1. Secure the wellbeing and health of child and young people</h3>"
    ));
    assert!(
        html.contains("<th scope=\"col\">Activity</th><th scope=\"col\">Responsibility</th></tr>")
    );
    // The first action and its responsibility, as the seed has them.
    assert!(html.contains(
        "<td>Allocate £34 million over the next three years to provide two expert parenting \
         advisers in every local authority</td><td>Government. Lead: Ellie Lowe</td>"
    ));
    // Sub-actions come indented under their parent.
    assert!(html.contains("<td>– "), "sub-actions are indented");
}

#[test]
fn the_action_plan_as_a_pdf_meets_pdf_ua_with_the_columns_asked_for() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("appendix.pdf");
    let run = export(
        "pdf",
        &plan,
        &out,
        &["--appendix", "actions", "--columns", "timescale,status"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    common::pdf_ua::assert_conforms(&std::fs::read(&out).unwrap());
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8", arg(&out), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "action plan",
        "1. Secure the wellbeing and health of child and young people",
        "V. Vision for 21st century children",
        "Responsibility",
        "Timescale",
        "Status",
        // "Not started", broken over two lines in its narrow column.
        "started",
    ] {
        assert!(
            text.contains(expected),
            "{expected} in the PDF:\n{text:.2000}"
        );
    }
}

#[test]
fn grouped_by_lead_every_action_is_still_there_once() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("by-lead.html");
    let run = export(
        "html",
        &plan,
        &out,
        &["--appendix", "actions", "--group-by", "lead"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    let sizes = table_sizes(&html);
    assert_eq!(sizes.iter().sum::<usize>(), 84, "{sizes:?}");
    assert!(sizes.len() > 7, "more leads than objectives: {sizes:?}");
    assert!(
        html.contains("<h3 id=\"h2\">Ellie Lowe</h3>"),
        "groups are named by their lead"
    );
}

#[test]
fn grouped_by_outcome_an_action_is_under_its_objectives_outcome_or_its_prioritys() {
    let (dir, path) = sample_plan();
    let mut plan = PlanFile::open(&path).unwrap();
    // The first action serves priority P1, whose outcome is "Be healthy";
    // the second is linked to the outcome "Enjoy and achieve" itself.
    let actions = api::actions::list(&plan, &Default::default()).unwrap();
    let (first, second) = (actions[0].action.id, actions[1].action.id);
    api::actions::set(&mut plan, first, ActionField::Priority, "P1").unwrap();
    api::actions::set(&mut plan, second, ActionField::Objective, "ecm_outcomes/3").unwrap();
    drop(plan);
    let out = dir.path().join("by-outcome.html");
    let run = export(
        "html",
        &path,
        &out,
        &[
            "--appendix",
            "actions",
            "--group-by",
            "outcome",
            "--columns",
            "outcome,status",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    let headings: Vec<&str> = html
        .split("<h3 id=\"")
        .skip(1)
        .map(|h| &h[h.find('>').unwrap() + 1..h.find("</h3>").unwrap()])
        .collect();
    assert_eq!(
        headings,
        [
            "1. Be healthy",
            "3. Enjoy and achieve",
            "Not linked to an outcome"
        ]
    );
    let sizes = table_sizes(&html);
    assert_eq!(sizes.iter().sum::<usize>(), 84, "{sizes:?}");
    assert_eq!(sizes[..2], [1, 1], "{sizes:?}");
    assert!(html.contains("The plan's 84 actions under 3 outcomes."));
    assert!(html.contains("<th scope=\"col\">Outcome</th><th scope=\"col\">Status</th></tr>"));
    // The outcome column names the outcome, and nothing for an action of none.
    assert!(
        html.contains("<td>Be healthy</td><td>Not started</td>"),
        "{html:.3000}"
    );
    assert!(html.contains("<td></td><td>Not started</td>"));
}

#[test]
fn an_appendix_is_not_cut_to_chapters_and_the_error_says_so() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("x.html");
    let run = export(
        "html",
        &plan,
        &out,
        &["--appendix", "actions", "--chapters", "2"],
    );
    assert_eq!(run.code, 1, "a problem with what was asked: {}", run.stderr);
    assert!(run.stderr.contains("--chapters"), "{}", run.stderr);
    assert!(!out.exists());
    let grouped_alone = export("html", &plan, &out, &["--group-by", "lead"]);
    assert_eq!(grouped_alone.code, 1, "{}", grouped_alone.stderr);
    assert!(
        grouped_alone.stderr.contains("--appendix"),
        "{}",
        grouped_alone.stderr
    );

    // The app sends both through the API: refused by name, nothing written.
    let plan = PlanFile::open_read_only(&plan).unwrap();
    let both = ExportRequest {
        chapters: Some(vec![2]),
        appendix: Some(Appendix::Actions {
            group_by: GroupBy::Objective,
            columns: ActionColumns::default(),
        }),
        ..Default::default()
    };
    let e = api::export::html(&plan, &both, &out).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(e.detail().as_deref(), Some("chapters"));
    assert!(e.to_string().contains("not its chapters"), "{e}");
    assert!(!out.exists());
}

#[test]
fn the_indicator_appendix_has_the_sample_indicators_with_their_figures() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("indicators.html");
    let run = export("html", &plan, &out, &["--appendix", "indicators"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        table_sizes(&html).iter().sum::<usize>(),
        15,
        "the sample's 15 indicators"
    );
    assert!(html.contains("<th scope=\"col\">LAA or local</th><th scope=\"col\">Better</th>"));
    assert!(html.contains("<th scope=\"col\">Latest actual</th>"));
    let pdf = dir.path().join("indicators.pdf");
    let run = export("pdf", &plan, &pdf, &["--appendix", "indicators"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    common::pdf_ua::assert_conforms(&std::fs::read(&pdf).unwrap());
}

#[test]
fn the_glossary_appendix_holds_the_glossary_and_nothing_of_the_chapters() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("glossary.html");
    let run = export("html", &plan, &out, &["--appendix", "glossary"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("Glossary</h2>"));
    assert!(html.contains("<th scope=\"col\">Term</th><th scope=\"col\">Meaning</th>"));
    assert_eq!(table_sizes(&html).len(), 1);
    assert!(table_sizes(&html)[0] > 10, "the sample's terms");
    assert!(!html.contains("Being Healthy"), "no chapter of the plan");
}

/// The sample with figures for NI 50 (targets 47, 49, 52%; actuals 46 and
/// 50.5%) and NI 112 (a target and an actual for 2008/09).
fn sample_with_figures() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, path) = sample_plan();
    for (code, year, kind, value) in [
        ("NI 50", "2008", "set-target", "47"),
        ("NI 50", "2009", "set-target", "49"),
        ("NI 50", "2010", "set-target", "52"),
        ("NI 50", "2008", "set-actual", "46"),
        ("NI 50", "2009", "set-actual", "50.5"),
        ("NI 112", "2008", "set-target", "40.1"),
        ("NI 112", "2008", "set-actual", "42.3"),
    ] {
        let run = planwright(["indicator", kind, arg(&path), code, year, value]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    (dir, path)
}

const NI_50_ALT: &str = "Trend of NI 50 Emotional health of children: targets 47% in 2008/09, \
                         49% in 2009/10, 52% in 2010/11; actuals 46% in 2008/09, 50.5% in \
                         2009/10. Higher is better.";

#[test]
fn each_indicator_with_figures_has_a_trend_chart_in_every_format_stating_its_figures() {
    let (dir, plan) = sample_with_figures();
    // The web page: an SVG image named by its title, described by its
    // figures, under the priority's table.
    let html_path = dir.path().join("indicators.html");
    let run = export("html", &plan, &html_path, &["--appendix", "indicators"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert_eq!(html.matches(" class=\"chart\" role=\"img\"").count(), 2);
    assert!(
        html.contains(&format!("<desc id=\"chart-1-desc\">{NI_50_ALT}</desc>")),
        "{html}"
    );
    assert!(html.contains("<figcaption>NI 112 Under 18 conception rate</figcaption>"));

    // The PDF: vector figures, tagged with the same alt text, PDF/UA.
    let pdf = dir.path().join("indicators.pdf");
    let run = export("pdf", &plan, &pdf, &["--appendix", "indicators"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    common::pdf_ua::assert_conforms(&bytes);
    let images = Command::new("pdfimages")
        .args(["-list", arg(&pdf)])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&images.stdout).lines().count(),
        2,
        "drawn, not pictures"
    );
    let text = Command::new("pdftotext")
        .args(["-enc", "UTF-8", arg(&pdf), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for label in ["Higher is better ↑", "Lower is better ↓", "2010/11", "52%"] {
        assert!(text.contains(label), "{label} in\n{text}");
    }
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let alts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| a.as_str().ok())
        .map(|a| {
            lopdf::decode_text_string(&lopdf::Object::string_literal(a.to_vec()))
                .unwrap_or_default()
        })
        .collect();
    assert!(alts.iter().any(|a| a == NI_50_ALT), "{alts:?}");

    // The Word document: a picture whose description is the same text.
    let docx = dir.path().join("indicators.docx");
    let run = export("docx", &plan, &docx, &["--appendix", "indicators"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut document = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").unwrap(),
        &mut document,
    )
    .unwrap();
    assert!(
        document.contains(&format!("descr=\"{NI_50_ALT}\"")),
        "{document:.3000}"
    );
    assert!(
        zip.by_name("word/media/image2.png").is_ok(),
        "two charts, two pictures"
    );
}

#[test]
fn no_page_of_an_appendix_ends_with_a_heading_whose_table_is_on_the_next() {
    let (dir, plan) = sample_plan();
    for group_by in ["objective", "lead", "outcome"] {
        let html_path = dir.path().join(format!("{group_by}.html"));
        let pdf = dir.path().join(format!("{group_by}.pdf"));
        let args = [
            "--appendix",
            "actions",
            "--group-by",
            group_by,
            "--columns",
            "timescale,status",
        ];
        assert_eq!(export("html", &plan, &html_path, &args).code, 0);
        assert_eq!(export("pdf", &plan, &pdf, &args).code, 0);
        let html = std::fs::read_to_string(&html_path).unwrap();
        let headings: Vec<&str> = html
            .split("<h3 id=\"")
            .skip(1)
            .map(|h| &h[h.find('>').unwrap() + 1..h.find("</h3>").unwrap()])
            .collect();
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let pages: u32 = String::from_utf8_lossy(&info.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        for page in 1..=pages {
            let p = page.to_string();
            let text = Command::new("pdftotext")
                .args(["-enc", "UTF-8", "-f", &p, "-l", &p, arg(&pdf), "-"])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&text.stdout);
            // The last line of the page's body, before its page number.
            let last = text
                .lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty() && !l.starts_with("Page "))
                .unwrap_or("");
            assert!(
                !headings
                    .iter()
                    .any(|h| h.ends_with(last) && !last.is_empty()),
                "grouped by {group_by}, page {page} ends with the heading {last:?}"
            );
        }
    }
}
