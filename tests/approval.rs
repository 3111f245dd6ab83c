//! Readiness, approval, the signed-off PDF and checking a PDF against the
//! plan, as a council uses them: refused when not ready unless a reason is
//! recorded, frozen as an approved version, written with its sign-off
//! page, and any change to the PDF found.

mod common;

use common::{arg, planwright, sample_plan, tool};

fn approve(plan: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "approve",
        plan,
        "--committee",
        "Children and Young People's Board",
        "--date",
        "2008-05-20",
        "--resolution",
        "RESOLVED that the Children and Young People's Plan 2008–2011 be approved.",
        "--approver",
        "Cllr Ivan Ould",
    ];
    args.extend_from_slice(extra);
    planwright(args)
}

#[test]
fn the_readiness_checklist_blocks_approval_unless_a_reason_is_recorded() {
    let (_dir, plan) = sample_plan();
    let p = arg(&plan);
    let r = planwright(["readiness", p]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains(
            "[x] A statement of local vision for children and young people: in chapter \"Vision\""
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("[ ] Every indicator has targets: 15 have none"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with(
        "Not ready: approval needs the items above, or a recorded reason to go ahead.\n"
    ));

    let before = std::fs::read(&plan).unwrap();
    let refused = approve(p, &[]);
    assert_eq!(refused.code, 1);
    assert!(
        refused
            .stderr
            .contains("the plan is not ready for approval"),
        "{}",
        refused.stderr
    );
    assert!(
        refused
            .stderr
            .contains("Every indicator has targets (15 have none"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read(&plan).unwrap(), before, "nothing was written");

    let done = approve(
        p,
        &[
            "--override-reason",
            "Targets are set in the Local Area Agreement",
        ],
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(done.stdout.contains("the plan is kept as version #1 \"Approved by Children and Young People's Board, 20 May 2008\""), "{}", done.stdout);
    let list = planwright(["version", "list", p]);
    assert!(list.stdout.contains("— Approved ["), "{}", list.stdout);
    assert!(planwright(["info", p]).stdout.contains("Status: approved"));
}

#[test]
fn the_signed_off_pdf_carries_its_approval_and_verify_finds_any_change() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    let done = approve(
        p,
        &[
            "--override-reason",
            "Targets are set in the Local Area Agreement",
        ],
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    let pdf = dir.path().join("signed.pdf");
    let run = planwright(["signoff", p, "-o", arg(&pdf)]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let bytes = std::fs::read(&pdf).unwrap();
    common::pdf_ua::assert_conforms(&bytes);
    assert!(tool("qpdf", &["--check", arg(&pdf)]).status.success());
    let text = String::from_utf8(tool("pdftotext", &[arg(&pdf), "-"]).stdout).unwrap();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let versions: serde_json::Value =
        serde_json::from_str(&planwright(["version", "list", p, "--json"]).stdout).unwrap();
    let sha = versions[0]["sha256"].as_str().unwrap();
    let grouped = sha
        .as_bytes()
        .chunks(8)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(" ");
    for wanted in [
        "Sign-off",
        "Approved by Children and Young People's Board",
        "Meeting 20 May 2008",
        "Approver Cllr Ivan Ould",
        "Approved with the checklist not met because Targets are set in the Local Area Agreement",
        &grouped,
    ] {
        assert!(
            text.contains(wanted),
            "the sign-off page lacks \"{wanted}\""
        );
    }
    let info = String::from_utf8(tool("pdfinfo", &[arg(&pdf)]).stdout).unwrap();
    assert!(
        info.contains(&format!("planwright-version:1 sha256:{sha}")),
        "{info}"
    );

    // Checked against the plan: the very sign-off, unchanged.
    let ok = planwright(["verify", arg(&pdf), "--plan", p]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(
        ok.stdout
            .contains("Unchanged: it is the sign-off PDF the plan wrote"),
        "{}",
        ok.stdout
    );
    assert!(
        ok.stdout
            .contains("It matches the plan's approved version 1"),
        "{}",
        ok.stdout
    );
    // Without the plan nothing can be told: not verified.
    let alone = planwright(["verify", arg(&pdf), "--json"]);
    assert_eq!(alone.code, 1);
    let v: serde_json::Value = serde_json::from_str(&alone.stdout).unwrap();
    assert_eq!(v["valid"], false);
    assert_eq!(v["version_sha256"], sha);

    // Any byte changed, anywhere: changed.
    for at in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x01;
        let path = dir.path().join(format!("changed-{at}.pdf"));
        std::fs::write(&path, &changed).unwrap();
        let run = planwright(["verify", arg(&path), "--plan", p]);
        assert_ne!(run.code, 0, "a byte changed at {at} was not found");
    }
    // Appended to (an incremental update): changed.
    let mut appended = bytes.clone();
    appended.extend_from_slice(b"\n% a note added later\n");
    let path = dir.path().join("appended.pdf");
    std::fs::write(&path, &appended).unwrap();
    let run = planwright(["verify", arg(&path), "--plan", p]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("Changed, or not this plan's"),
        "{}",
        run.stdout
    );

    // A repaired copy of the plan keeps the record: the PDF verifies against it.
    let clean = dir.path().join("clean.plan");
    assert_eq!(planwright(["repair", p, "-o", arg(&clean)]).code, 0);
    let ok = planwright(["verify", arg(&pdf), "--plan", arg(&clean)]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
}

#[test]
fn bad_input_to_sign_off_and_verify_is_named() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    let pdf = dir.path().join("signed.pdf");
    let run = planwright(["signoff", p, "-o", arg(&pdf)]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("the plan has not been approved yet"),
        "{}",
        run.stderr
    );
    assert!(!pdf.exists());
    let run = approve(p, &["--override-reason", " "]);
    assert!(run.stderr.contains("override reason"), "{}", run.stderr);
    let run = planwright([
        "approve",
        p,
        "--committee",
        " ",
        "--date",
        "2008-05-20",
        "--resolution",
        "R",
        "--approver",
        "A",
    ]);
    assert!(
        run.stderr.contains("committee: is needed"),
        "{}",
        run.stderr
    );

    let junk = dir.path().join("junk.pdf");
    std::fs::write(&junk, "not a pdf at all").unwrap();
    let run = planwright(["verify", arg(&junk)]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("junk.pdf: it is not a PDF"),
        "{}",
        run.stderr
    );
    // A real PDF cut short.
    let whole = dir.path().join("whole.pdf");
    assert_eq!(
        planwright(["export", "pdf", p, "-o", arg(&whole), "--chapters", "2"]).code,
        0
    );
    let bytes = std::fs::read(&whole).unwrap();
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let run = planwright(["verify", arg(&cut)]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("cut.pdf") || run.stdout.contains("not a Planwright sign-off"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    // A PDF that is not a sign-off.
    let run = planwright(["verify", arg(&whole), "--plan", p]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("It is not a Planwright sign-off"),
        "{}",
        run.stdout
    );
    let missing = planwright(["verify", arg(&dir.path().join("nowhere.pdf"))]);
    assert!(
        missing.stderr.contains("no such file"),
        "{}",
        missing.stderr
    );
}

#[test]
fn the_annual_review_starts_from_the_approved_version_as_a_draft() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    let next = dir.path().join("next.plan");
    let run = planwright([
        "version",
        "review",
        p,
        "--date",
        "2009-04-01",
        "-o",
        arg(&next),
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("the plan has no approved version to review"),
        "{}",
        run.stderr
    );
    assert!(!next.exists());

    let done = approve(
        p,
        &[
            "--override-reason",
            "Targets are set in the Local Area Agreement",
        ],
    );
    assert_eq!(done.code, 0, "{}", done.stderr);
    assert!(planwright(["info", p]).stdout.contains("Status: approved"));
    // Edited after approval: the approved version stays as it was, the plan
    // is the next draft, and the review starts from what was approved.
    assert_eq!(
        planwright(["replace", p, "Primary Care Trust", "Integrated Care Board"]).code,
        0
    );
    let info = planwright(["info", p]).stdout;
    assert!(info.contains("Status: draft"), "{info}");
    let approved: serde_json::Value =
        serde_json::from_str(&planwright(["version", "list", p, "--json"]).stdout).unwrap();
    assert_eq!(approved[0]["stage"], "approved");
    // Monitored since approval: an action's progress and a year's actual.
    let run = planwright([
        "action", "edit", p, "1", "--status", "complete", "--rag", "green",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = planwright(["indicator", "set-actual", p, "NI 50", "2008", "61.5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = dir.path().join("signed.pdf");
    assert_eq!(planwright(["signoff", p, "-o", arg(&pdf)]).code, 0);
    let text = String::from_utf8(tool("pdftotext", &[arg(&pdf), "-"]).stdout).unwrap();
    assert!(text.contains("Primary Care Trust") && !text.contains("Integrated Care Board"));
    let run = planwright([
        "version",
        "review",
        p,
        "--date",
        "2009-04-01",
        "-o",
        arg(&next),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let info = planwright(["info", arg(&next)]).stdout;
    assert!(info.contains("Status: draft"), "{info}");
    let list = planwright(["version", "list", arg(&next)]).stdout;
    assert!(list.contains("#1 Annual review 2009: the approved plan (Approved by Children and Young People's Board, 20 May 2008) — Annual review"), "{list}");
    // What was monitored since approval carries forward into the review.
    let actions: serde_json::Value =
        serde_json::from_str(&planwright(["action", "list", arg(&next), "--json"]).stdout).unwrap();
    assert_eq!(actions[0]["status"], "complete");
    assert_eq!(actions[0]["rag"], "green");
    assert_eq!(actions[1]["status"], "not_started");
    let indicators = planwright(["indicator", "list", arg(&next), "--json"]).stdout;
    assert!(indicators.contains("61.5"), "{indicators}");
    let found = planwright(["find", arg(&next), "Primary Care Trust"]).stdout;
    assert!(found.contains("Reducing Obesity"), "{found}");
    let plan_info =
        planwright::api::plan::info(&planwright::api::PlanFile::open_read_only(&next).unwrap())
            .unwrap();
    assert_eq!(
        plan_info.key_dates.review_due,
        chrono::NaiveDate::from_ymd_opt(2009, 4, 1)
    );
    assert!(plan_info
        .predecessor
        .unwrap()
        .contains("approved version 1 (SHA-256 "));
}

#[test]
fn where_and_when_the_approved_plan_was_published_is_recorded() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    let early = planwright([
        "publish",
        p,
        "--route",
        "website",
        "--where",
        "https://www.leics.gov.uk/cypp",
        "--date",
        "2008-06-01",
    ]);
    assert_eq!(early.code, 1);
    assert!(
        early.stderr.contains("the plan has not been approved yet"),
        "{}",
        early.stderr
    );
    assert_eq!(
        approve(p, &["--override-reason", "Targets are set in the LAA"]).code,
        0
    );
    for (route, place) in [
        ("website", "https://www.leics.gov.uk/cypp"),
        (
            "libraries",
            "County Hall library and the 16 branch libraries",
        ),
        ("partners", "Sent to the partners consulted"),
    ] {
        let run = planwright([
            "publish",
            p,
            "--route",
            route,
            "--where",
            place,
            "--date",
            "2008-06-01",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let list = planwright(["publish", p, "--list"]).stdout;
    assert_eq!(
        list,
        "2008-06-01 — website: https://www.leics.gov.uk/cypp\n\
         2008-06-01 — libraries: County Hall library and the 16 branch libraries\n\
         2008-06-01 — partners: Sent to the partners consulted\n"
    );
    assert!(planwright(["info", p]).stdout.contains("Status: published"));
    let bad = planwright([
        "publish",
        p,
        "--route",
        "radio",
        "--where",
        "x",
        "--date",
        "2008-06-01",
    ]);
    assert_ne!(bad.code, 0);
    let bad = planwright([
        "publish",
        p,
        "--route",
        "website",
        "--where",
        " ",
        "--date",
        "2008-06-01",
    ]);
    assert!(
        bad.stderr.contains("say where it was published"),
        "{}",
        bad.stderr
    );
    // A repaired copy keeps them.
    let clean = dir.path().join("clean.plan");
    assert_eq!(planwright(["repair", p, "-o", arg(&clean)]).code, 0);
    assert_eq!(planwright(["publish", arg(&clean), "--list"]).stdout, list);
}

#[test]
fn an_authoritys_own_required_contents_and_consultees_replace_seed_004s() {
    let (dir, plan) = sample_plan();
    let p = arg(&plan);
    let run = planwright([
        "readiness",
        p,
        "--contents",
        "Vision",
        "--contents",
        "Safeguarding",
        "--contents",
        "Parenting support",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("[x] Vision: in chapter \"Vision\"\n[x] Safeguarding: in section \"Improving Safeguarding\" of chapter \"Staying Safe\"\n[ ] Parenting support: no chapter or section is titled for it"), "{}", run.stdout);
    assert!(!run.stdout.contains("Salford"), "{}", run.stdout);
    let run = planwright([
        "consultation",
        "consultees",
        p,
        "--required",
        "Leicestershire Children's Trust Board",
        "--required",
        "Leicestershire Safeguarding Children Board",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("1. Leicestershire Children's Trust Board (required)\n2. Leicestershire Safeguarding Children Board (required)\n"), "{}", run.stdout);

    // Seed 004's list saved back as the checklist shows it is still found
    // by the words plans title its items with.
    let fresh = dir.path().join("fresh.plan");
    planwright::store::PlanFile::create(&fresh, &planwright::templates::sample()).unwrap();
    let shown = planwright(["readiness", arg(&fresh)]).stdout;
    let items: Vec<String> = shown
        .lines()
        .take(6)
        .map(|l| l[4..l.find(": ").unwrap()].to_owned())
        .collect();
    let mut args = vec!["readiness".to_owned(), arg(&fresh).to_owned()];
    for i in &items {
        args.push("--contents".into());
        args.push(i.clone());
    }
    assert_eq!(planwright(&args).stdout, shown);

    // The lists are the plan's: a version restored and a repaired copy keep them.
    assert_eq!(
        planwright([
            "version",
            "snapshot",
            p,
            "--stage",
            "draft",
            "--name",
            "Own lists"
        ])
        .code,
        0
    );
    let restored = dir.path().join("restored.plan");
    assert_eq!(
        planwright(["version", "restore", p, "1", "-o", arg(&restored)]).code,
        0
    );
    let clean = dir.path().join("clean.plan");
    assert_eq!(planwright(["repair", p, "-o", arg(&clean)]).code, 0);
    for copy in [&restored, &clean] {
        let r = planwright(["readiness", arg(copy)]).stdout;
        assert!(r.starts_with("[x] Vision"), "{r}");
        assert!(r.contains("Parenting support"), "{r}");
        let c = planwright(["consultation", "consultees", arg(copy)]).stdout;
        assert!(
            c.starts_with("1. Leicestershire Children's Trust Board (required)"),
            "{c}"
        );
    }

    // Bad lists are named, and nothing changes.
    let before = std::fs::read(&plan).unwrap();
    for (args, wanted) in [
        (
            vec!["readiness", p, "--contents", " "],
            "contents: item 1: an item is 1 to 1,000 characters",
        ),
        (
            vec![
                "readiness",
                p,
                "--contents",
                "Vision",
                "--contents",
                "vision",
            ],
            "contents: item 2: \"vision\" is in the list twice",
        ),
        (
            vec!["consultation", "consultees", p, "--required", ""],
            "consultees: item 1",
        ),
    ] {
        let run = planwright(&args);
        assert_eq!(run.code, 1, "{args:?}");
        assert!(run.stderr.contains(wanted), "{args:?}: {}", run.stderr);
    }
    assert_eq!(std::fs::read(&plan).unwrap(), before);

    // Once a required consultee has responded, their numbers stand.
    for args in [
        vec![
            "consultation",
            "open",
            p,
            "--name",
            "First draft",
            "--opens",
            "2008-03-07",
            "--closes",
            "2008-03-14",
        ],
        vec![
            "consultation",
            "respond",
            p,
            "--round",
            "1",
            "--from",
            "2",
            "--said",
            "Add the LSCB's findings.",
        ],
    ] {
        let run = planwright(&args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    let run = planwright([
        "consultation",
        "consultees",
        p,
        "--required",
        "Someone else",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("the list cannot change once consultation has heard from them"),
        "{}",
        run.stderr
    );
    let r = planwright(["readiness", p]).stdout;
    assert!(
        r.contains("1 not heard from: 1 (Leicestershire Children's Trust Board)"),
        "{r}"
    );
}
