//! The `planwright` command line used as a user would, on real files.

mod common;

use common::{arg, planwright, sample_plan};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let r = planwright(&all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{args:?} printed no JSON ({e}): {}", r.stdout))
}

#[test]
fn sample_plan_has_the_leicestershire_draft() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sample.plan");
    let r = planwright(["sample", arg(&p)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(&format!(
        "Created {}\nLeicestershire Children and Young People's Plan 2008–2011",
        p.display()
    )));

    let info = json(&["info", arg(&p)]);
    assert_eq!(info["info"]["authority"], "Leicestershire County Council");
    assert_eq!(
        info["info"]["vision"],
        "Voice, choice, safety and fulfilment"
    );
    assert_eq!(info["info"]["key_dates"]["comments_deadline"], "2008-03-14");
    assert_eq!(info["chapters"], 11);
    assert_eq!(info["actions"], 84);
    assert_eq!(info["priorities"], 4);
    assert!(info["words"].as_u64().unwrap() > 12_000);

    let outline = json(&["outline", arg(&p)]);
    let titles: Vec<&str> = outline
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["chapter"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Welcome",
            "Summary",
            "Vision",
            "Needs Analysis",
            "Being Healthy",
            "Staying Safe",
            "Enjoying and Achieving",
            "Making a Positive Contribution",
            "Achieving Economic Well-being",
            "Key Priorities",
            "Delivering the Plan"
        ]
    );
    assert_eq!(outline[0]["number"], Value::Null);
    assert_eq!(outline[4]["number"], 4);

    // --force replaces the sample with a fresh one.
    assert_eq!(planwright(["chapter", "add", arg(&p), "Extra"]).code, 0);
    assert_eq!(planwright(["sample", arg(&p), "--force"]).code, 0);
    assert_eq!(json(&["info", arg(&p)])["chapters"], 11);
}

#[test]
fn appendix_actions_keep_their_groups_and_sub_actions() {
    let (_dir, p) = sample_plan();
    let all = json(&["action", "list", arg(&p)]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 84);
    let first = &all[0];
    assert_eq!(first["activity"], "Allocate £34 million over the next three years to provide two expert parenting advisers in every local authority");
    assert_eq!(first["lead_organisation_name"], "Government");
    assert_eq!(first["lead_person_name"], "Ellie Lowe");
    assert_eq!(first["cost_pence"], 3_400_000_000i64);
    // Every sub-action directly follows its parent or a sibling.
    for (i, a) in all.iter().enumerate() {
        if let Some(parent) = a["parent"].as_i64() {
            let before = &all[i - 1];
            assert!(before["id"] == parent || before["parent"] == parent, "{a}");
        }
    }
    let vision = json(&["action", "list", arg(&p), "--objective", "V"]);
    assert!(!vision.as_array().unwrap().is_empty());
    assert!(vision
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["objective_ref"][1] == "V"));
    let text = planwright(["action", "list", arg(&p), "--lead", "vanessa bishop"]);
    assert!(
        text.stdout.contains("Invest £90 million capital"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout.trim_end().ends_with(" actions"),
        "{}",
        text.stdout
    );
}

#[test]
fn new_cypp_plan_and_chapter_editing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("anyshire.plan");
    let r = planwright([
        "new",
        arg(&p),
        "--template",
        "cypp",
        "--title",
        "Anyshire Children and Young People's Plan",
        "--authority",
        "Anyshire County Council",
        "--start",
        "2027",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let info = json(&["info", arg(&p)]);
    assert_eq!(info["info"]["period"]["end"], 2030);
    assert_eq!(info["info"]["status"], "draft");
    let outline = json(&["outline", arg(&p)]);
    assert_eq!(outline.as_array().unwrap().len(), 11);
    let id = |o: &Value, i: usize| o[i]["chapter"]["id"].as_i64().unwrap().to_string();

    // Add a glossary at the end, then move Key Priorities (position 10) to follow the Summary.
    let added = json(&["chapter", "add", arg(&p), "Glossary", "--unnumbered"]);
    let key_priorities = id(&outline, 9);
    json(&["chapter", "move", arg(&p), &key_priorities, "--to", "3"]);
    json(&[
        "chapter",
        "rename",
        arg(&p),
        &key_priorities,
        "Our Key Priorities",
    ]);
    let o = json(&["outline", arg(&p)]);
    let titles: Vec<&str> = o
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["chapter"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        &titles[..4],
        ["Welcome", "Summary", "Our Key Priorities", "Vision"]
    );
    assert_eq!(titles.last(), Some(&"Glossary"));
    // Numbers follow the new order; the unnumbered glossary has none.
    assert_eq!(o[2]["number"], 2);
    assert_eq!(o[3]["number"], 3);
    assert_eq!(o[11]["number"], Value::Null);

    // An empty chapter deletes without --yes.
    let glossary = added["id"].to_string();
    json(&["chapter", "delete", arg(&p), &glossary]);
    assert_eq!(json(&["outline", arg(&p)]).as_array().unwrap().len(), 11);

    let blank = dir.path().join("blank.plan");
    assert_eq!(
        planwright([
            "new",
            arg(&blank),
            "--template",
            "blank",
            "--title",
            "Short breaks review"
        ])
        .code,
        0
    );
    assert_eq!(json(&["outline", arg(&blank)]).as_array().unwrap().len(), 1);
}

#[test]
fn actions_add_edit_delete() {
    let (_dir, p) = sample_plan();
    let added = json(&[
        "action",
        "add",
        arg(&p),
        "--activity",
        "Publish a local play strategy",
        "--objective",
        "1",
        "--lead",
        "Michelle Foulds",
        "--lead-org",
        "Leicestershire County Council",
        "--partner",
        "Districts",
        "--partner",
        "Voluntary Action Leicestershire",
        "--start",
        "01/04/2008",
        "--end",
        "2008-08-31",
        "--cost",
        "£1.5m",
        "--priority",
        "P1",
    ]);
    let id = added["id"].as_i64().unwrap().to_string();
    assert_eq!(
        added["objective_ref"],
        serde_json::json!(["appendix1_objectives", "1"])
    );
    assert_eq!(
        added["partner_names"],
        serde_json::json!(["Districts", "Voluntary Action Leicestershire"])
    );
    assert_eq!(added["cost_pence"], 150_000_000);
    assert_eq!(added["start"], "2008-04-01");

    let edited = json(&[
        "action",
        "edit",
        arg(&p),
        &id,
        "--status",
        "in_progress",
        "--rag",
        "amber",
        "--cost",
        "",
    ]);
    assert_eq!(edited["status"], "in_progress");
    assert_eq!(edited["rag"], "amber");
    assert_eq!(edited["cost_pence"], Value::Null);
    assert_eq!(
        edited["activity"], "Publish a local play strategy",
        "fields not given stay as they were"
    );

    let amber = json(&[
        "action",
        "list",
        arg(&p),
        "--rag",
        "amber",
        "--status",
        "in_progress",
    ]);
    assert_eq!(amber.as_array().unwrap().len(), 1);
    let child = json(&[
        "action",
        "add",
        arg(&p),
        "--activity",
        "Consult young people on the strategy",
        "--parent",
        &id,
    ]);
    assert_eq!(child["parent"].to_string(), id);
    json(&["action", "delete", arg(&p), &child["id"].to_string()]);
    json(&["action", "delete", arg(&p), &id]);
    assert_eq!(json(&["info", arg(&p)])["actions"], 84);
}

#[test]
fn indicators_targets_actuals_and_rag() {
    let (_dir, p) = sample_plan();
    json(&[
        "indicator",
        "add",
        arg(&p),
        "--code",
        "L20",
        "--title",
        "Short break places for disabled children",
        "--kind",
        "local",
        "--polarity",
        "higher",
        "--unit",
        "number",
        "--baseline",
        "2007=120",
        "--target",
        "2008=150",
        "--target",
        "2009=180",
        "--priority",
        "P3",
    ]);
    json(&["indicator", "set-actual", arg(&p), "L20", "2008", "140"]);
    json(&["indicator", "set-target", arg(&p), "NI 117", "2008", "6.5"]);
    json(&["indicator", "set-actual", arg(&p), "NI 117", "2008", "6.1"]);
    let list = json(&[
        "indicator",
        "list",
        arg(&p),
        "--kind",
        "local",
        "--priority",
        "P3",
    ]);
    let l20 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "L20")
        .unwrap();
    assert_eq!(
        l20["baseline"],
        serde_json::json!({"year": 2007, "value": 120.0})
    );
    assert_eq!(
        l20["actuals"],
        serde_json::json!([{"year": 2008, "value": 140.0}])
    );
    let text = planwright(["indicator", "list", arg(&p)]).stdout;
    assert!(
        text.contains("2008/09: target 150, actual 140  amber"),
        "{text}"
    );
    assert!(
        text.contains("2008/09: target 6.5, actual 6.1  green"),
        "{text}"
    );
}

#[test]
fn check_reports_what_needs_doing() {
    let (_dir, p) = sample_plan();
    json(&[
        "action",
        "add",
        arg(&p),
        "--activity",
        "Agree the workforce strategy",
    ]);
    let r = planwright(["check", arg(&p), "--json"]);
    assert_eq!(r.code, 1, "problems found exit 1");
    let findings: Value = serde_json::from_str(&r.stdout).unwrap();
    let kinds: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"action_without_lead"));
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == "indicator_without_targets")
            .count(),
        15
    );
    let text = planwright(["check", arg(&p)]);
    assert!(
        text.stdout
            .contains("\"Agree the workforce strategy\" has no lead"),
        "{}",
        text.stdout
    );

    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.plan");
    planwright(["new", arg(&fresh)]);
    let r = planwright(["check", arg(&fresh)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("chapter 4 (Being Healthy): has no text yet"),
        "{}",
        r.stdout
    );
}

#[test]
fn help_is_everywhere() {
    for args in [
        vec!["--help"],
        vec!["action", "--help"],
        vec!["action", "add", "--help"],
        vec!["chapter", "move", "--help"],
    ] {
        let r = planwright(&args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(
            r.stdout.contains("Usage: planwright"),
            "{args:?}: {}",
            r.stdout
        );
    }
}

#[test]
fn output_to_a_closed_pipe_ends_quietly() {
    // `planwright outline s.plan | head -1` panicked with a broken pipe (exit 101).
    let (_dir, p) = sample_plan();
    for args in [
        vec!["outline", arg(&p)],
        vec!["outline", arg(&p), "--json"],
        vec!["action", "list", arg(&p)],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        // The reading end is closed before planwright writes a byte.
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_planwright"))
            .args(&args)
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}

/// A PNG of 4 × 2 pixels, a stand-in for a council's crest.
const CREST_PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 2, 8, 2, 0,
    0, 0, 240, 202, 234, 52, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 16, 177, 169, 128, 35, 6,
    100, 14, 0, 78, 58, 6, 65, 19, 199, 115, 228, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// Images on page 1 of `pdf`, as pdfimages lists them.
fn title_page_images(pdf: &std::path::Path) -> usize {
    let out = std::process::Command::new("pdfimages")
        .args(["-list", "-f", "1", "-l", "1", arg(pdf)])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).lines().count() - 2
}

#[test]
fn the_logo_is_kept_in_the_plan_and_every_export_draws_it() {
    let (dir, p) = sample_plan();
    let crest = dir.path().join("crest.png");
    std::fs::write(&crest, CREST_PNG).unwrap();
    let r = planwright(["plan", "set-logo", arg(&p), arg(&crest)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout.trim(),
        format!("{}: the logo is crest.png", p.display())
    );
    // The picture file is not needed any more: the plan holds it.
    std::fs::remove_file(&crest).unwrap();
    assert!(planwright(["info", arg(&p)])
        .stdout
        .contains("Logo: crest.png"));
    let pdf = dir.path().join("plan.pdf");
    assert_eq!(
        planwright(["export", "pdf", arg(&p), "-o", arg(&pdf)]).code,
        0
    );
    assert_eq!(title_page_images(&pdf), 1, "the plan's logo");

    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a picture").unwrap();
    let r = planwright(["plan", "set-logo", arg(&p), arg(&notes)]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("notes.txt cannot be the plan's logo"),
        "{}",
        r.stderr
    );
    assert!(planwright(["info", arg(&p)])
        .stdout
        .contains("Logo: crest.png"));

    let r = planwright(["plan", "clear-logo", arg(&p)]);
    assert_eq!(r.stdout.trim(), format!("{}: no logo", p.display()));
    assert_eq!(
        planwright(["export", "pdf", arg(&p), "-o", arg(&pdf)]).code,
        0
    );
    assert_eq!(title_page_images(&pdf), 0);
}

#[test]
fn an_older_plan_is_upgraded_on_its_first_change_and_the_old_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("old.plan");
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-1.plan");
    std::fs::copy(fixture, &p).unwrap();
    // Reading alone never writes: the plan is read as it would be upgraded,
    // and the file stays as it was.
    let before = std::fs::read(&p).unwrap();
    let r = planwright(["info", arg(&p)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("chapters"), "{}", r.stdout);
    let pdf = dir.path().join("old.pdf");
    let r = planwright(["export", "pdf", arg(&p), "-o", arg(&pdf)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read(&p).unwrap(), before, "reading wrote nothing");
    let r = planwright(["action", "add", arg(&p), "--activity", "Review the plan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let backup = dir.path().join("old.plan.v1.bak");
    assert_eq!(
        r.stderr.trim(),
        format!(
            "planwright: {}: upgraded from plan format 1 to {}; the file as it was is kept as {}",
            p.display(),
            planwright::store::LATEST_VERSION,
            backup.display()
        )
    );
    let kept: i64 = rusqlite::Connection::open(&backup)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1, "the copy is the plan as it was, in format 1");
    assert!(planwright(["info", arg(&p)]).stdout.contains("actions"));
}
