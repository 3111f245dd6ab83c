//! Every kind of bad input gets one clear line naming the file or field and
//! what is wrong, and leaves the file exactly as it was.

mod common;

use std::fs;
use std::path::Path;

use common::{arg, planwright, sample_plan};
use rusqlite::Connection;

/// Runs the CLI on a file that must come out byte-for-byte unchanged and
/// returns the exit code and the error line.
fn refused(path: &Path, args: &[&str]) -> (i32, String) {
    let before = fs::read(path).ok();
    let r = planwright(args);
    assert_eq!(
        fs::read(path).ok(),
        before,
        "the file changed after: planwright {}",
        args.join(" ")
    );
    assert!(r.stdout.is_empty(), "nothing on stdout, got {:?}", r.stdout);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line of error, got {:?}", r.stderr);
    (r.code, lines[0].to_owned())
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("nowhere.plan");
    let (code, msg) = refused(&p, &["info", arg(&p)]);
    assert_eq!(code, 2);
    assert_eq!(msg, format!("planwright: {}: no such file", p.display()));
    assert!(!p.exists());
}

#[test]
fn file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("minutes.plan");
    fs::write(
        &p,
        "Minutes of the Children and Young People's Executive, 8 February 2008\n".repeat(50),
    )
    .unwrap();
    let (code, msg) = refused(&p, &["outline", arg(&p)]);
    assert_eq!(code, 2);
    assert_eq!(
        msg,
        format!(
            "planwright: {}: not a plan file (it is not an SQLite database)",
            p.display()
        )
    );

    let empty = dir.path().join("empty.plan");
    fs::write(&empty, "").unwrap();
    let (_, msg) = refused(&empty, &["info", arg(&empty)]);
    assert!(
        msg.ends_with("not a plan file (it is not an SQLite database; it is empty)"),
        "{msg}"
    );
}

#[test]
fn sqlite_file_of_another_program() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("contacts.plan");
    let c = Connection::open(&p).unwrap();
    c.execute_batch(
        "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Sudha Amin');",
    )
    .unwrap();
    drop(c);
    let (code, msg) = refused(&p, &["action", "list", arg(&p)]);
    assert_eq!(code, 2);
    assert!(
        msg.ends_with("not a plan file (an SQLite database made by another program)"),
        "{msg}"
    );
    assert!(msg.contains("contacts.plan"), "{msg}");
    // No WAL or shared-memory files were left beside it either.
    assert!(!dir.path().join("contacts.plan-wal").exists());
}

#[test]
fn plan_from_a_newer_version() {
    let (dir, p) = sample_plan();
    let c = Connection::open(&p).unwrap();
    c.pragma_update(None, "user_version", 99).unwrap();
    c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(c);
    let (code, msg) = refused(&p, &["info", arg(&p)]);
    assert_eq!(code, 2);
    assert!(
        msg.ends_with(&format!(
            "made by a newer version of Planwright (plan format 99; this version reads up to {}); update Planwright to open it",
            planwright::store::LATEST_VERSION
        )),
        "{msg}"
    );
    drop(dir);
}

#[test]
fn plan_with_no_format_version() {
    // On main this printed the whole migration script as the error.
    for version in [0, -3] {
        let (_dir, p) = sample_plan();
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", version).unwrap();
        c.pragma_update(None, "journal_mode", "DELETE").unwrap();
        drop(c);
        for command in ["info", "outline"] {
            let (code, msg) = refused(&p, &[command, arg(&p)]);
            assert_eq!(code, 2);
            assert_eq!(
                msg,
                format!(
                    "planwright: {}: the file is damaged (it records plan format {version}, which no \
                     Planwright writes); restore it from a backup",
                    p.display()
                )
            );
        }
        let (code, _) = refused(&p, &["chapter", "add", arg(&p), "Appendix"]);
        assert_eq!(code, 2);
    }
}

#[test]
fn truncated_file() {
    let (_dir, p) = sample_plan();
    let bytes = fs::read(&p).unwrap();
    // Cut mid-page, and cut on a page boundary.
    for cut in [bytes.len() / 2 + 7, (bytes.len() / 2) & !4095] {
        fs::write(&p, &bytes[..cut]).unwrap();
        let (code, msg) = refused(&p, &["outline", arg(&p)]);
        assert_eq!(code, 2, "{msg}");
        assert!(msg.contains("the file is damaged"), "cut at {cut}: {msg}");
        assert!(msg.ends_with("restore it from a backup"), "{msg}");
    }
    fs::write(&p, &bytes[..60]).unwrap();
    let (code, msg) = refused(&p, &["info", arg(&p)]);
    assert_eq!(
        (code, msg.contains("damaged (it is cut short)")),
        (2, true),
        "{msg}"
    );
}

#[test]
fn corrupt_file() {
    let (_dir, p) = sample_plan();
    let mut bytes = fs::read(&p).unwrap();
    // Scribble over the pages after the first: the tables' b-trees.
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for b in &mut bytes[page * 2..page * 6] {
        *b = 0xA5;
    }
    fs::write(&p, &bytes).unwrap();
    let (code, msg) = refused(&p, &["info", arg(&p)]);
    assert_eq!(code, 2);
    assert!(msg.contains("the file is damaged"), "{msg}");
}

#[test]
fn file_in_use_by_another_program() {
    let (_dir, p) = sample_plan();
    // Another program holds the write lock: reading still works, a change is refused.
    let other = Connection::open(&p).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let (code, msg) = refused(
        &p,
        &[
            "action",
            "add",
            arg(&p),
            "--activity",
            "Review short breaks",
            "--objective",
            "1",
        ],
    );
    assert_eq!(code, 2);
    assert!(
        msg.ends_with("the file is in use by another program; close it there and try again"),
        "{msg}"
    );
    assert!(planwright(["info", arg(&p)]).code == 0);
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);
    // Once the other program lets go, the same change goes through.
    let r = planwright([
        "action",
        "add",
        arg(&p),
        "--activity",
        "Review short breaks",
        "--objective",
        "1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn invalid_field_values_name_the_field_and_save_nothing() {
    let (_dir, p) = sample_plan();
    let f = arg(&p);
    let cases: &[(&[&str], &str)] = &[
        (&["action", "add", f, "--activity", "Publish a play strategy", "--start", "2008-06-01", "--end", "2008-05-01"],
         "planwright: end: 2008-05-01 is before the start date 2008-06-01"),
        (&["action", "add", f, "--activity", "Publish a play strategy", "--objective", "9"],
         "planwright: objective: \"9\" is not one of The Children's Plan: Appendix 1 objectives: use 1, 2, 3, 4, 5, 6, V"),
        (&["action", "add", f, "--activity", "Publish a play strategy", "--objective", "ecm/1"],
         "planwright: objective: no framework \"ecm\"; the plan has ecm_outcomes, dcsf_objectives, children_plan_principles, required_contents, required_consultees, key_stages, appendix1_objectives"),
        (&["action", "add", f, "--activity", "  "], "planwright: activity: an action needs its activity: what will be done"),
        (&["action", "add", f, "--activity", "X", "--end", "31/02/2009"],
         "planwright: end: \"31/02/2009\" is not a date (use 2008-03-14 or 14/03/2008)"),
        (&["action", "add", f, "--activity", "X", "--cost", "a lot"],
         "planwright: cost: \"a lot\" is not an amount of money (for example £2,500 or £1.5m)"),
        (&["action", "add", f, "--activity", "X", "--priority", "P9"],
         "planwright: priority: no priority \"P9\"; use P1, P2, P3, P4"),
        (&["action", "edit", f, "9999", "--activity", "X"], "planwright: action 9999 does not exist in this plan"),
        (&["action", "edit", f, "24", "--parent", "25"],
         "planwright: parent: an action cannot sit under itself or its own sub-action"),
        (&["action", "delete", f, "24"], "planwright: action 24 has 6 sub-actions; delete or move them first"),
        (&["chapter", "rename", f, "2", " "], "planwright: title: a chapter needs a title"),
        (&["chapter", "move", f, "2", "--to", "40"],
         "planwright: position 40 is out of range: there are 11 chapters, so use 1 to 11"),
        (&["chapter", "delete", f, "2"], "planwright: chapter #2 has 15 blocks of content; to delete it with them, confirm (--yes on the command line)"),
        (&["indicator", "add", f, "--code", "NI 117", "--title", "NEET", "--kind", "laa", "--polarity", "lower_is_better"],
         "planwright: code: an indicator NI 117 already exists"),
        (&["indicator", "add", f, "--code", "L9", "--title", "Visits", "--kind", "laa", "--polarity", "lower", "--target", "2009"],
         "planwright: target: \"2009\" should be YEAR=VALUE, e.g. 2009=5.5"),
        (&["indicator", "set-actual", f, "NI 999", "2009", "5"], "planwright: indicator NI 999 does not exist in this plan"),
    ];
    for (args, expected) in cases {
        let (code, msg) = refused(&p, args);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(&msg, expected, "{args:?}");
    }
}

#[test]
fn bad_arguments_are_user_errors() {
    let (_dir, p) = sample_plan();
    let r = planwright(["action", "list", arg(&p), "--rag", "purple"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains(
            "invalid value 'purple' for '--rag <RAG>': \"purple\" is not one of red, amber, green"
        ),
        "{}",
        r.stderr
    );
    let r = planwright(["new", "x.plan", "--template", "glossy"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("\"glossy\" is not a template; use cypp or blank"),
        "{}",
        r.stderr
    );
}

#[test]
fn new_plan_with_empty_title_or_backwards_period_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.plan");
    let r = planwright(["new", arg(&p), "--title", ""]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (1, "planwright: title: must not be empty")
    );
    let r = planwright(["new", arg(&p), "--start", "2011", "--end", "2008"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (1, "planwright: period end: 2008 is before the start, 2011")
    );
    assert!(!p.exists());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no half-made files left behind"
    );
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let (_dir, p) = sample_plan();
    let (code, msg) = refused(&p, &["new", arg(&p)]);
    assert_eq!(code, 2);
    assert!(
        msg.ends_with("already exists; choose another name"),
        "{msg}"
    );
    // --force replaces only plan files, never someone's other document.
    let other = p.with_file_name("notes.txt");
    fs::write(&other, "keep me").unwrap();
    let (code, msg) = refused(&other, &["sample", arg(&other), "--force"]);
    assert_eq!(code, 2);
    assert!(msg.contains("not a plan file"), "{msg}");
}

#[test]
fn logo_that_is_missing_or_not_a_picture_writes_no_pdf() {
    let (dir, p) = sample_plan();
    let out = dir.path().join("plan.pdf");
    let notes = dir.path().join("logo.png");
    fs::write(
        &notes,
        "Minutes of the Children and Young People's Executive\n",
    )
    .unwrap();
    let missing = dir.path().join("nowhere.png");
    for (logo, why) in [
        (&notes, "not a PNG or JPEG image"),
        (&missing, "no such file"),
    ] {
        let (code, msg) = refused(
            &p,
            &[
                "export",
                "pdf",
                arg(&p),
                "-o",
                arg(&out),
                "--logo",
                arg(logo),
            ],
        );
        assert_eq!(code, 2, "{msg}");
        assert_eq!(msg, format!("planwright: {}: {why}", logo.display()));
        assert!(!out.exists(), "no PDF written");
    }
    let mut left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["logo.png", "sample.plan"], "nothing half-written");
}
