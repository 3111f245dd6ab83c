//! Consultation on a draft as officers run it: a round opened (the draft's
//! title page gives its deadline), responses logged against a section and
//! an action, what changed recorded, the summary written, and approval's
//! checklist asking for every required consultee.

mod common;

use common::{arg, planwright, sample_plan, tool};

fn ok(args: &[&str]) -> String {
    let run = planwright(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn text(pdf: &std::path::Path) -> String {
    let out = tool("pdftotext", &[arg(pdf), "-"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_round_of_consultation_is_logged_summarised_and_checked_before_approval() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    let consultees = ok(&["consultation", "consultees", p]);
    assert!(
        consultees.starts_with("1. The partners within the Salford Children’s Trust (required)"),
        "{consultees}"
    );
    assert!(consultees.contains("9. The Local Safeguarding Children Board (required)"));
    let readiness = ok(&["readiness", p]);
    assert!(readiness.contains("[ ] Every required consultee has been consulted: no round of consultation has been held"), "{readiness}");

    let opened = ok(&[
        "consultation",
        "open",
        p,
        "--name",
        "Consultation on the first draft",
        "--opens",
        "2008-03-07",
        "--closes",
        "2008-03-14",
    ]);
    assert!(opened.contains("comments by 14 March 2008"), "{opened}");
    // The draft's title page gives the deadline.
    let draft = dir.path().join("draft.pdf");
    ok(&["export", "pdf", p, "-o", arg(&draft)]);
    assert!(text(&draft).contains("Consultation draft: comments by 14 March 2008"));

    let outline: serde_json::Value = serde_json::from_str(&ok(&["--json", "outline", p])).unwrap();
    let section = outline
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["sections"].as_array().unwrap())
        .find(|s| s["section"]["title"] == "Reducing Obesity")
        .unwrap()["section"]["id"]
        .to_string();
    let logged = ok(&[
        "consultation",
        "respond",
        p,
        "--round",
        "1",
        "--from",
        "9",
        "--said",
        "Add the LSCB's child death review findings.",
        "--section",
        &section,
        "--received",
        "2008-03-12",
    ]);
    assert!(logged.contains("from The Local Safeguarding Children Board about section \"Reducing Obesity\" of chapter \"Being Healthy\""), "{logged}");
    ok(&[
        "consultation",
        "respond",
        p,
        "--round",
        "1",
        "--from",
        "A parent in Melton",
        "--said",
        "More play schemes in the holidays.",
        "--action",
        "3",
    ]);
    ok(&[
        "consultation",
        "outcome",
        p,
        "1",
        "Added to Staying Safe, section 2",
    ]);
    let responses = ok(&["consultation", "responses", p]);
    assert!(
        responses.contains("→ Added to Staying Safe, section 2"),
        "{responses}"
    );
    assert!(
        responses.contains("#2 [round 1] A parent in Melton on action 3"),
        "{responses}"
    );

    let summary = dir.path().join("summary.pdf");
    ok(&["consultation", "summary", p, "-o", arg(&summary)]);
    let t = text(&summary);
    for wanted in [
        "2 responses in 1 round, from 1 of the plan's 9 required consultees.",
        "Consultation on the first draft (7 March 2008 to 14 March 2008)",
        "Added to Staying Safe, section 2",
        "Not decided yet",
        "Required consultees not heard from",
        "Salford’s School Organisation Committee",
    ] {
        assert!(t.contains(wanted), "the summary lacks \"{wanted}\": {t}");
    }
    common::assert_checked_like_the_plan_pdf(&summary);
    let readiness = ok(&["readiness", p]);
    assert!(
        readiness.contains(
            "[ ] Every required consultee has been consulted: 8 not heard from: 1 (The partners"
        ),
        "{readiness}"
    );

    // The summary as an appendix of the committee report that asks for
    // approval, and in the summary's Word file too.
    ok(&[
        "report",
        "edit",
        p,
        "1",
        "--appendix",
        "consultation=Consultation summary",
    ]);
    let pack = dir.path().join("pack");
    ok(&["report", "pack", p, "1", "-o", arg(&pack)]);
    let t = text(&pack.join("Committee pack (internal).pdf"));
    assert!(t.contains("Appendix 2 Consultation summary"), "{t}");
    assert!(
        t.contains("Add the LSCB's child death review findings."),
        "{t}"
    );
    assert!(pack.join("Appendix 2 - Consultation summary.docx").exists());
    let docx = dir.path().join("summary.docx");
    ok(&["consultation", "summary", p, "-o", arg(&docx)]);
    let md = String::from_utf8(tool("pandoc", &[arg(&docx), "-t", "plain"]).stdout).unwrap();
    assert!(md.contains("Required consultees not heard from"), "{md}");
    let lo = common::libreoffice_text(dir.path(), &docx);
    assert!(
        lo.contains("Add the LSCB's child death review findings."),
        "{lo}"
    );

    // A repaired copy keeps the consultation.
    let clean = dir.path().join("clean.plan");
    ok(&["repair", p, "-o", arg(&clean)]);
    assert_eq!(ok(&["consultation", "responses", arg(&clean)]), responses);
}

#[test]
fn bad_consultation_input_is_named() {
    let (_dir, plan) = sample_plan();
    let p = arg(&plan);
    let bad = |args: &[&str], says: &str| {
        let run = planwright(args);
        assert_ne!(run.code, 0, "{args:?} succeeded");
        assert!(run.stderr.contains(says), "{args:?} said: {}", run.stderr);
    };
    bad(
        &[
            "consultation",
            "open",
            p,
            "--name",
            "R",
            "--opens",
            "2008-03-14",
            "--closes",
            "2008-03-07",
        ],
        "is before the round opens",
    );
    bad(
        &[
            "consultation",
            "open",
            p,
            "--name",
            " ",
            "--opens",
            "2008-03-07",
            "--closes",
            "2008-03-14",
        ],
        "a round needs a name",
    );
    bad(
        &[
            "consultation",
            "respond",
            p,
            "--round",
            "4",
            "--from",
            "9",
            "--said",
            "x",
        ],
        "consultation round 4 does not exist",
    );
    ok(&[
        "consultation",
        "open",
        p,
        "--name",
        "R",
        "--opens",
        "2008-03-07",
        "--closes",
        "2008-03-14",
    ]);
    bad(
        &[
            "consultation",
            "respond",
            p,
            "--round",
            "1",
            "--from",
            "9",
            "--said",
            " ",
        ],
        "say what the consultee said",
    );
    bad(
        &[
            "consultation",
            "respond",
            p,
            "--round",
            "1",
            "--from",
            "9",
            "--said",
            "x",
            "--action",
            "999",
        ],
        "action 999 does not exist",
    );
    bad(
        &["consultation", "outcome", p, "7", "x"],
        "response 7 does not exist",
    );
    bad(
        &["consultation", "summary", p, "-o", "summary.txt"],
        "name the file .pdf, .docx or .html",
    );
}
