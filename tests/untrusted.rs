//! A plan is untrusted input: plans are mailed between councils and
//! partners, and users make mistakes with file names. Each test crafts the
//! file as an attacker (or an unlucky user) would with `sqlite3`, and runs
//! the real `planwright` binary on it.
// Named pipes, sockets, file modes and `setpriv`.
#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{arg, planwright, sample_plan, Run};
use planwright::store::{assets, PlanFile};
use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

/// Changes the plan behind Planwright's back, as `sqlite3 FILE "SQL"` would.
fn tamper(p: &Path, sql: &str) {
    let c = Connection::open(p).unwrap();
    c.execute_batch(sql).unwrap();
}

/// The plan's title and number of blocks, read without Planwright.
fn title_and_blocks(p: &Path) -> (String, i64) {
    let c = Connection::open_with_flags(p, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    (
        c.query_row("SELECT title FROM plan", [], |r| r.get(0))
            .unwrap(),
        c.query_row("SELECT count(*) FROM blocks", [], |r| r.get(0))
            .unwrap(),
    )
}

fn add_action(p: &Path) -> Run {
    planwright([
        "action",
        "add",
        arg(p),
        "--activity",
        "Publish a play strategy",
        "--objective",
        "1",
    ])
}

/// The one line of error, after checking the file did not change.
fn refused(p: &Path, r: &Run, before: &[u8]) -> String {
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(fs::read(p).unwrap() == before, "the file changed");
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", r.stderr);
    lines[0].to_owned()
}

fn repair_hint(p: &Path) -> String {
    format!(
        "; make a clean copy with: planwright repair {} -o CLEAN.plan",
        p.display()
    )
}

#[test]
fn hidden_triggers_never_run_on_an_edit() {
    let (_dir, p) = sample_plan();
    let kept = title_and_blocks(&p);
    assert_eq!(kept.1, 278);
    // Found by trying main: `action add` renamed the plan, copied every
    // person's name into a hidden table and deleted all 278 blocks, exit 0.
    tamper(
        &p,
        "CREATE TABLE loot (name TEXT);
         CREATE TRIGGER t1 AFTER INSERT ON actions BEGIN
             UPDATE plan SET title = 'Owned';
             INSERT INTO loot SELECT name FROM people;
         END;
         CREATE TRIGGER t2 AFTER INSERT ON actions BEGIN DELETE FROM blocks; END;",
    );
    let before = fs::read(&p).unwrap();
    let msg = refused(&p, &add_action(&p), &before);
    assert_eq!(
        msg,
        format!(
            "planwright: {}: the plan holds a trigger \"t1\" on \"actions\" that Planwright does not make \
             (it could run hidden commands), and 2 other changes{}",
            p.display(),
            repair_hint(&p)
        )
    );
    assert_eq!(title_and_blocks(&p), kept);
    // Reading is refused too: the app offers repair instead.
    let r = planwright(["info", arg(&p)]);
    assert_eq!(refused(&p, &r, &before), msg);
}

#[test]
fn a_view_standing_in_for_a_table_is_refused() {
    let (_dir, p) = sample_plan();
    tamper(
        &p,
        "ALTER TABLE glossary RENAME TO glossary_kept;
         CREATE VIEW glossary AS SELECT * FROM glossary_kept;",
    );
    let before = fs::read(&p).unwrap();
    let msg = refused(&p, &planwright(["info", arg(&p)]), &before);
    assert!(
        msg.starts_with(&format!(
            "planwright: {}: the plan holds a view \"glossary\" where Planwright makes a table \
             (it could run hidden commands), and ",
            p.display()
        )),
        "{msg}"
    );
    assert!(msg.ends_with(&repair_hint(&p)), "{msg}");
}

#[test]
fn a_trigger_calling_load_extension_is_refused_and_repair_makes_an_editable_copy() {
    let (dir, p) = sample_plan();
    tamper(
        &p,
        "CREATE TRIGGER ext AFTER INSERT ON actions BEGIN SELECT load_extension('/tmp/evil.so'); END;",
    );
    let before = fs::read(&p).unwrap();
    let msg = refused(&p, &add_action(&p), &before);
    assert_eq!(
        msg,
        format!(
            "planwright: {}: the plan holds a trigger \"ext\" on \"actions\" that Planwright does not make \
             (it could run hidden commands){}",
            p.display(),
            repair_hint(&p)
        )
    );

    let clean = dir.path().join("clean.plan");
    let r = planwright(["repair", arg(&p), "-o", arg(&clean)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("Left behind (not in the copy):\n  trigger \"ext\" on \"actions\"\n"),
        "{}",
        r.stdout
    );
    assert!(fs::read(&p).unwrap() == before, "repair changed the plan");
    let r = add_action(&clean);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_cpu_heavy_trigger_is_refused() {
    let (_dir, p) = sample_plan();
    // Added seconds to every edit on main.
    tamper(
        &p,
        "CREATE TRIGGER slow AFTER INSERT ON actions BEGIN
             SELECT count(*) FROM (WITH RECURSIVE c(x) AS
                 (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000) SELECT x FROM c);
         END;",
    );
    let before = fs::read(&p).unwrap();
    let msg = refused(&p, &add_action(&p), &before);
    assert!(
        msg.contains(": the plan holds a trigger \"slow\" on \"actions\""),
        "{msg}"
    );
}

#[test]
fn an_extra_table_or_index_is_refused() {
    for (sql, said) in [
        (
            "CREATE TABLE notes_archive (x)",
            "the plan holds a table \"notes_archive\" that Planwright does not make",
        ),
        (
            "CREATE INDEX actions_by_notes ON actions (notes)",
            "the plan holds an index \"actions_by_notes\" on \"actions\" that Planwright does not make",
        ),
        (
            "ALTER TABLE notes ADD COLUMN hidden TEXT",
            "the plan's table \"notes\" is not the one Planwright makes",
        ),
    ] {
        let (_dir, p) = sample_plan();
        tamper(&p, sql);
        let before = fs::read(&p).unwrap();
        let msg = refused(&p, &add_action(&p), &before);
        assert_eq!(
            msg,
            format!("planwright: {}: {said}{}", p.display(), repair_hint(&p)),
            "{sql}"
        );
    }
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let r = planwright(&all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// What a plan says, without what differs in any copy (file name, times,
/// row ids).
fn contents(p: &Path) -> Vec<Value> {
    let mut info = json(&["info", arg(p)]);
    for k in ["path", "file_name", "modified"] {
        info.as_object_mut().unwrap().remove(k);
    }
    let actions: Vec<Value> = json(&["action", "list", arg(p)])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let keep = [
                "activity",
                "objective_ref",
                "priority_code",
                "lead_person_name",
                "lead_organisation_name",
                "partner_names",
                "notes",
                "start",
                "end",
                "cost_pence",
                "status",
                "rag",
            ];
            keep.iter().map(|k| a[k].clone()).collect()
        })
        .collect();
    let mut indicators = json(&["indicator", "list", arg(p)]);
    for i in indicators.as_array_mut().unwrap() {
        for k in ["id", "priority"] {
            i.as_object_mut().unwrap().remove(k);
        }
    }
    vec![
        info,
        json(&["outline", arg(p)]),
        Value::Array(actions),
        indicators,
    ]
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

#[test]
fn repair_copies_the_plan_and_leaves_the_rest_behind() {
    let (dir, p) = sample_plan();
    let image = PlanFile::open(&p)
        .unwrap()
        .write(|tx| assets::import(tx, "map.png", PNG))
        .unwrap();
    let original = contents(&p);
    tamper(
        &p,
        "CREATE TABLE loot (name TEXT);
         CREATE TRIGGER t1 AFTER INSERT ON actions BEGIN DELETE FROM blocks; END;
         ALTER TABLE glossary RENAME TO glossary_kept;
         CREATE VIEW glossary AS SELECT * FROM glossary_kept;",
    );
    let before = fs::read(&p).unwrap();
    let clean = dir.path().join("clean.plan");
    let r = planwright(["repair", arg(&p), "-o", arg(&clean)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "Wrote {}, a clean copy of {}\n\
             Copied: 11 chapters, 76 sections, 278 blocks, 84 actions, 15 indicators, 4 priorities, \
             23 people, 29 organisations, 1 framework, 30 glossary terms, 0 notes, 1 image, \
             2 committee reports, 0 versions\n\
             Left behind (not in the copy):\n  \
             trigger \"t1\" on \"actions\"\n  \
             view \"glossary\"\n  \
             table \"glossary_kept\"\n  \
             table \"loot\"\n  \
             index \"sqlite_autoindex_glossary_kept_1\" on \"glossary_kept\"\n",
            clean.display(),
            p.display()
        )
    );
    // The source is only read: not a byte changed, no side files made.
    assert!(fs::read(&p).unwrap() == before, "repair changed the plan");
    let mut files: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["clean.plan", "sample.plan"]);

    // The copy says everything the plan said, glossary (read through the
    // view) and image included, and opens as a plan of our own schema.
    assert_eq!(contents(&clean), original);
    let copy = PlanFile::open(&clean).unwrap();
    let (_, data) = copy.read(|c| assets::get(c, &image)).unwrap().unwrap();
    assert_eq!(data, PNG);

    let report = json(&["repair", arg(&p), "-o", arg(&dir.path().join("again.plan"))]);
    assert_eq!(report["copied"]["glossary_terms"], 30);
    assert_eq!(report["left_behind"][0]["change"], "extra");
    assert_eq!(report["left_behind"][0]["object"]["kind"], "trigger");
    assert_eq!(report["left_behind"][0]["object"]["name"], "t1");
}

#[test]
fn repair_leaves_out_a_block_that_does_not_fit_and_names_it() {
    let (dir, p) = sample_plan();
    tamper(
        &p,
        "UPDATE blocks SET json = '{\"type\": \"script\"}' WHERE id = (SELECT min(id) FROM blocks)",
    );
    let clean = dir.path().join("clean.plan");
    let r = planwright(["repair", arg(&p), "-o", arg(&clean)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(" 277 blocks,"), "{}", r.stdout);
    assert!(
        r.stdout.contains(
            "Left behind: nothing; the plan's schema was already Planwright's own\nLeft out (1):\n  \
             chapter 1 (\"Welcome\"), section 1: block 1 ("
        ),
        "{}",
        r.stdout
    );
    assert_eq!(title_and_blocks(&clean).1, 277);
}

#[test]
fn repair_never_writes_over_the_plan_or_its_side_files() {
    let (dir, p) = sample_plan();
    let before = fs::read(&p).unwrap();
    let r = planwright(["repair", arg(&p), "-o", arg(&p)]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            2,
            format!(
                "planwright: {}: already exists; choose another name",
                p.display()
            )
            .as_str()
        )
    );
    let wal = dir.path().join("sample.plan-wal");
    let r = planwright(["repair", arg(&p), "-o", arg(&wal)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "planwright: {}: that is the -wal file of {}; write the clean copy to a new .plan file",
            wal.display(),
            p.display()
        )
    );
    assert!(fs::read(&p).unwrap() == before, "the plan changed");
    assert!(!wal.exists());
}

#[test]
fn repair_stops_a_view_that_never_ends() {
    let (dir, p) = sample_plan();
    tamper(
        &p,
        "DROP TABLE notes;
         CREATE VIEW notes AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)
             SELECT x AS id, x AS position, 'label' AS label, 'text' AS text, NULL AS url FROM c;",
    );
    let clean = dir.path().join("clean.plan");
    let r = planwright(["repair", arg(&p), "-o", arg(&clean)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "planwright: {}: the file is damaged (reading it was stopped: something in it takes far \
             longer to read than a plan of its size can); restore it from a backup",
            p.display()
        )
    );
    assert!(!clean.exists());
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "nothing left");
}

/// Runs the CLI on something that may never answer (a named pipe): the
/// test must end even if opening hangs again, so the child is waited for on
/// a thread and killed if it has not ended in time.
fn bounded(args: &[&str]) -> Option<Run> {
    let child = Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => Some(out.unwrap().into()),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            None
        }
    }
}

#[test]
fn things_that_are_not_files_are_refused_before_opening() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.plan");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    // On main this waited for ever for something to write to the pipe.
    let r = bounded(&["info", arg(&fifo)]).expect("planwright hung on a named pipe");
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            2,
            format!(
                "planwright: {}: not a plan file (it is not an SQLite database; it is a named pipe)",
                fifo.display()
            )
            .as_str()
        )
    );
    let r = bounded(&["action", "add", arg(&fifo), "--activity", "X"])
        .expect("planwright hung on a named pipe");
    assert_eq!(r.code, 2, "{}", r.stderr);

    let r = planwright(["outline", "/dev/null"]);
    assert_eq!(
        (r.code, r.stderr.trim()),
        (
            2,
            "planwright: /dev/null: not a plan file (it is not an SQLite database; it is a device)"
        )
    );

    let socket = dir.path().join("socket.plan");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let r = planwright(["info", arg(&socket)]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.trim().ends_with("it is a socket)"), "{}", r.stderr);
}

/// Runs the CLI in `dir`, as a user typing a file name there would.
fn planwright_in(dir: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
        .into()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn a_name_beginning_file_colon_is_a_file_name_not_a_uri() {
    let (dir, p) = sample_plan();
    let d = dir.path();
    // A plan called "file:sample.plan" beside "sample.plan": on main, SQLite
    // read the name as a URI and the edit went into sample.plan.
    let odd = d.join("file:sample.plan");
    fs::copy(&p, &odd).unwrap();
    let before = fs::read(&p).unwrap();
    let r = planwright_in(d, &["chapter", "add", "file:sample.plan", "Appendix"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::read(&p).unwrap() == before, "sample.plan was changed");
    let outline = planwright_in(d, &["outline", "file:sample.plan"]);
    assert!(outline.stdout.contains("Appendix"), "{}", outline.stdout);

    // New plans land under exactly the name given.
    for name in ["file:new.plan?mode=memory", ":memory:"] {
        let r = planwright_in(d, &["new", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
        let r = planwright_in(d, &["info", name]);
        assert_eq!(r.code, 0, "{name}: {}", r.stderr);
    }
    assert_eq!(
        names_in(d),
        [
            ":memory:",
            "file:new.plan?mode=memory",
            "file:sample.plan",
            "sample.plan"
        ]
    );
}

#[test]
fn reading_never_changes_the_file() {
    let (dir, p) = sample_plan();
    // A plan in rollback-journal mode, as another tool may leave it: on main
    // `info` switched it to WAL, and its checksum changed.
    let c = Connection::open(&p).unwrap();
    c.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(c);
    let before = fs::read(&p).unwrap();
    let pdf = dir.path().join("out.pdf");
    for args in [
        vec!["info", arg(&p)],
        vec!["outline", arg(&p)],
        vec!["check", arg(&p)],
        vec!["action", "list", arg(&p)],
        vec!["indicator", "list", arg(&p)],
        vec!["export", "pdf", arg(&p), "-o", arg(&pdf)],
    ] {
        let r = planwright(&args);
        assert!(r.code == 0 || args[0] == "check", "{args:?}: {}", r.stderr);
        assert!(fs::read(&p).unwrap() == before, "{args:?} changed the file");
        assert_eq!(
            names_in(dir.path()).len(),
            1 + pdf.exists() as usize,
            "{args:?}"
        );
    }
}

/// Runs the CLI as a user who may not write in `folder`: as `nobody` when
/// the tests run as root (root writes anywhere), else as ourselves. Checks
/// first that writing there really fails. `bin` is a copy of the binary that
/// user may run (the build folder may be private to root).
fn as_reader(bin: &Path, folder: &Path, args: &[&str]) -> Run {
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let run = |program: &Path, rest: &[&str]| -> Run {
        let mut cmd = if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(program);
            c
        } else {
            Command::new(program)
        };
        cmd.args(rest).output().unwrap().into()
    };
    let probe = folder.join("probe");
    let touched = run(Path::new("touch"), &[arg(&probe)]);
    assert_ne!(touched.code, 0, "the folder is not read-only for the test");
    assert!(!probe.exists());
    run(bin, args)
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_plan_in_a_read_only_folder_can_be_viewed_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let folder: PathBuf = dir.path().join("from the partner");
    fs::create_dir(&folder).unwrap();
    let p = folder.join("plan.plan");
    PlanFile::create(&p, &planwright::templates::sample()).unwrap();
    // The same plan in rollback-journal mode reads the same way.
    let journal = folder.join("journal.plan");
    fs::copy(&p, &journal).unwrap();
    Connection::open(&journal)
        .unwrap()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let out = dir.path().join("out");
    fs::create_dir(&out).unwrap();
    chmod(&out, 0o777);
    let bin = dir.path().join("planwright");
    fs::copy(env!("CARGO_BIN_EXE_planwright"), &bin).unwrap();
    chmod(&bin, 0o755);
    chmod(&folder, 0o555);
    let before = fs::read(&p).unwrap();

    for plan in [&p, &journal] {
        for args in [
            vec!["info", arg(plan)],
            vec!["outline", arg(plan)],
            vec!["action", "list", arg(plan)],
            vec!["indicator", "list", arg(plan)],
        ] {
            let r = as_reader(&bin, &folder, &args);
            assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        }
        let r = as_reader(&bin, &folder, &["check", arg(plan)]);
        assert!(r.stdout.contains("problems found"), "{}", r.stderr);
    }
    let pdf = out.join("plan.pdf");
    let r = as_reader(&bin, &folder, &["export", "pdf", arg(&p), "-o", arg(&pdf)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    // A change cannot be made there, and the error says why: the folder.
    let r = as_reader(&bin, &folder, &["chapter", "add", arg(&p), "Appendix"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        format!(
            "planwright: {}: the folder is read-only, so {} cannot be changed in it; \
             copy the plan to a folder you can write to",
            folder.display(),
            p.display()
        )
    );
    assert!(fs::read(&p).unwrap() == before, "the plan changed");
    assert_eq!(names_in(&folder), ["journal.plan", "plan.plan"]);
    chmod(&folder, 0o755);
}

#[test]
fn a_plan_in_a_folder_with_uri_characters_in_its_name_reads_as_itself() {
    // Read-only opening of a WAL plan builds an SQLite URI from the path:
    // "?", "#" and "%" must stay part of the name.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a?mode=rw#b %41 é");
    fs::create_dir(&folder).unwrap();
    let p = folder.join("s.plan");
    PlanFile::create(&p, &planwright::templates::sample()).unwrap();
    let plan = PlanFile::open_read_only(&p).unwrap();
    assert!(plan.is_read_only());
    let title = plan.read(planwright::store::plan_info::get).unwrap().title;
    assert_eq!(
        title,
        "Leicestershire Children and Young People's Plan 2008–2011"
    );
    drop(plan);
    assert_eq!(names_in(&folder), ["s.plan"]);
}
