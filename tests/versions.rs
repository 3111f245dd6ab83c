//! Versions of a plan as its authors use them: kept at a stage, compared
//! (text word by word, actions and indicators field by field), exported
//! as they were, restored as a new draft; and a version changed behind
//! Planwright's back named, not trusted.

mod common;

use std::path::Path;

use common::{arg, planwright, sample_plan, tool};

fn ok(args: &[&str]) -> String {
    let run = planwright(args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.stdout
}

fn pdftotext(pdf: &Path) -> String {
    let out = tool("pdftotext", &[arg(pdf), "-"]);
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sample kept as the consultation draft, then edited: a replacement
/// in the text, an action added and one changed, a chapter moved, an
/// indicator's actual, and kept again as the second draft.
fn two_versions() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    ok(&[
        "version",
        "snapshot",
        p,
        "--stage",
        "consultation_draft",
        "--name",
        "First draft for consultation",
    ]);
    ok(&["replace", p, "Primary Care Trust", "Integrated Care Board"]);
    ok(&[
        "action",
        "add",
        p,
        "--activity",
        "Open a play centre in every district",
        "--objective",
        "1",
    ]);
    let first = planwright::api::actions::list(
        &planwright::api::PlanFile::open_read_only(&plan).unwrap(),
        &Default::default(),
    )
    .unwrap()
    .remove(0);
    ok(&[
        "action",
        "edit",
        p,
        &first.action.id.to_string(),
        "--status",
        "complete",
    ]);
    let outline = planwright::api::outline::outline(
        &planwright::api::PlanFile::open_read_only(&plan).unwrap(),
    )
    .unwrap();
    let last = outline.last().unwrap().chapter.id;
    ok(&["chapter", "move", p, &last.to_string(), "--to", "2"]);
    ok(&["indicator", "set-actual", p, "NI 117", "2009", "5.9"]);
    ok(&[
        "version",
        "snapshot",
        p,
        "--stage",
        "second_draft",
        "--name",
        "Second draft",
    ]);
    (dir, plan)
}

#[test]
fn versions_are_kept_listed_and_compared_word_by_word_and_field_by_field() {
    let (_dir, plan) = two_versions();
    let p = arg(&plan);
    let list = ok(&["version", "list", p]);
    assert!(
        list.contains("#1 First draft for consultation — Consultation draft"),
        "{list}"
    );
    assert!(list.contains("#2 Second draft — Second draft"), "{list}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["version", "list", p, "--json"])).unwrap();
    assert_eq!(json[0]["sha256"].as_str().unwrap().len(), 64);
    assert_ne!(json[0]["sha256"], json[1]["sha256"]);

    let diff = ok(&["version", "diff", p, "1", "2"]);
    assert!(
        diff.contains(
            "Leicestershire and Rutland [-Primary-][+Integrated+] Care [-Trust-][+Board+]"
        ),
        "{diff}"
    );
    assert!(
        diff.contains("Added action \"Open a play centre in every district\""),
        "{diff}"
    );
    assert!(
        diff.contains("status: \"not_started\" → \"complete\""),
        "{diff}"
    );
    assert!(
        diff.contains("Moved chapter \"Delivering the Plan\" (from 11 to 2)"),
        "{diff}"
    );
    assert!(diff.contains("Changed indicator \"NI 117\""), "{diff}");
    // The same as JSON, and nothing between a version and itself.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["version", "diff", p, "1", "2", "--json"])).unwrap();
    assert_eq!(json["diff"]["actions"].as_array().unwrap().len(), 2);
    assert!(ok(&["version", "diff", p, "2", "2"]).starts_with("No changes"));
    // Against the plan as it is now (the default).
    assert!(ok(&["version", "diff", p, "2"]).starts_with("No changes"));
}

#[test]
fn the_changes_document_marks_insertions_and_deletions_in_pdf_word_and_html() {
    let (dir, plan) = two_versions();
    let p = arg(&plan);
    let pdf = dir.path().join("changes.pdf");
    ok(&["version", "changes", p, "1", "2", "-o", arg(&pdf)]);
    let text = pdftotext(&pdf);
    for wanted in [
        "Changes since the First draft for consultation",
        "Leicestershire and Rutland [deleted: Primary][added: Integrated] Care [deleted: Trust][added: Board]",
        "Open a play centre in every district added",
        "NI 117 changed actuals",
    ] {
        assert!(text.contains(wanted), "the PDF lacks \"{wanted}\": {text}");
    }
    common::assert_checked_like_the_plan_pdf(&pdf);

    let docx = dir.path().join("changes.docx");
    ok(&["version", "changes", p, "1", "2", "-o", arg(&docx)]);
    let md = tool("pandoc", &[arg(&docx), "-t", "markdown", "--wrap=none"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("**\\[added: Integrated\\]**"), "{md}");
    assert!(md.contains("*\\[deleted: Primary\\]*"), "{md}");
    let lo = common::libreoffice_text(dir.path(), &docx);
    assert!(lo.contains("[deleted: Primary][added: Integrated]"), "{lo}");

    let html = dir.path().join("changes.html");
    ok(&["version", "changes", p, "1", "2", "-o", arg(&html)]);
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(
        page.contains("<strong>[added: Integrated]</strong>"),
        "{page}"
    );

    let bad = planwright([
        "version",
        "changes",
        p,
        "1",
        "2",
        "-o",
        arg(&dir.path().join("changes.txt")),
    ]);
    assert_ne!(bad.code, 0);
    assert!(
        bad.stderr.contains("name the file .pdf, .docx or .html"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_version_exports_as_it_was_and_restores_as_a_new_draft() {
    let (dir, plan) = two_versions();
    let p = arg(&plan);
    let then = dir.path().join("then.pdf");
    ok(&["version", "export", p, "1", "-o", arg(&then)]);
    let text = pdftotext(&then);
    assert!(text.contains("Leicestershire and Rutland Primary Care Trust"));
    assert!(!text.contains("Integrated Care Board"));

    let restored = dir.path().join("restored.plan");
    let said = ok(&["version", "restore", p, "1", "-o", arg(&restored)]);
    assert!(said.contains("as a new draft"), "{said}");
    let info = ok(&["info", arg(&restored)]);
    assert!(info.contains("Status: draft"), "{info}");
    assert!(info.contains("84 actions"), "{info}");
    // Its text is the version's, and the live plan is as it was.
    let found = ok(&["find", arg(&restored), "Primary Care Trust"]);
    assert!(found.contains("Reducing Obesity"), "{found}");
    assert!(ok(&["version", "diff", p, "2"]).starts_with("No changes"));
    // A plan is never written over.
    let again = planwright(["version", "restore", p, "1", "-o", arg(&restored)]);
    assert_ne!(again.code, 0);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    // A repaired copy keeps the versions, each still matching its fingerprint.
    let clean = dir.path().join("clean.plan");
    let said = ok(&["repair", p, "-o", arg(&clean)]);
    assert!(said.contains("2 versions"), "{said}");
    let diff = ok(&["version", "diff", arg(&clean), "1", "2"]);
    assert!(diff.contains("[+Integrated+]"), "{diff}");
}

#[test]
fn a_version_changed_behind_planwrights_back_is_named_and_bad_input_is_refused() {
    let (_dir, plan) = two_versions();
    let p = arg(&plan);
    let bad = |args: &[&str], says: &str| {
        let run = planwright(args);
        assert_ne!(run.code, 0, "{args:?} succeeded");
        assert!(run.stderr.contains(says), "{args:?} said: {}", run.stderr);
    };
    bad(&["version", "diff", p, "9"], "version 9 does not exist");
    bad(&["version", "diff", p, "x"], "\"x\" is not a version");
    bad(
        &[
            "version", "snapshot", p, "--stage", "approved", "--name", " ",
        ],
        "a version needs a name",
    );
    bad(
        &["version", "snapshot", p, "--stage", "signed", "--name", "X"],
        "signed",
    );
    bad(
        &["version", "export", p, "1", "-o", p],
        "that is the plan being exported",
    );

    // Its content changed in the file: the fingerprint no longer matches.
    {
        let conn = rusqlite::Connection::open(&plan).unwrap();
        let packed: Vec<u8> = conn
            .query_row("SELECT content FROM versions WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        let mut json = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::ZlibDecoder::new(packed.as_slice()),
            &mut json,
        )
        .unwrap();
        let json = String::from_utf8(json)
            .unwrap()
            .replace("Primary Care Trust", "Private Care Trust");
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut z, json.as_bytes()).unwrap();
        conn.execute(
            "UPDATE versions SET content = ?1 WHERE id = 1",
            [z.finish().unwrap()],
        )
        .unwrap();
        // And one that is not even zlib.
        conn.execute("UPDATE versions SET content = x'00010203' WHERE id = 2", [])
            .unwrap();
    }
    bad(
        &["version", "diff", p, "1", "current"],
        "version 1 (\"First draft for consultation\") cannot be read: its content does not match its fingerprint",
    );
    bad(
        &["version", "export", p, "2", "-o", "x.pdf"],
        "its content is damaged",
    );
}
