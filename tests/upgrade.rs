//! Opening a plan written by an older Planwright: a copy of the file as it
//! was is kept beside it before it is upgraded, and without that copy it is
//! not upgraded at all. `tests/fixtures/schema-1.plan` is the sample plan as
//! format 1 wrote it.

use std::path::{Path, PathBuf};

use planwright::store::{self, PlanFile, StoreError, Upgrade, LATEST_VERSION};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema-1.plan");

/// The fixture copied into a new folder as `name` (never opened in place).
fn old_plan(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(FIXTURE, &path).unwrap();
    (dir, path)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every row of every table, as text, with the format the file records:
/// what a plan holds, however its pages are laid out.
fn contents(path: &Path) -> (i64, Vec<String>) {
    // Immutable: reading leaves no -wal or -shm file beside it.
    let conn = Connection::open_with_flags(
        format!("file:{}?mode=ro&immutable=1", path.display()),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap();
    let version = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut rows = Vec::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let width = stmt.column_count();
        let mut q = stmt.query([]).unwrap();
        while let Some(r) = q.next().unwrap() {
            let cells: Vec<String> = (0..width)
                .map(|i| match r.get_ref(i).unwrap() {
                    ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                    other => format!("{other:?}"),
                })
                .collect();
            rows.push(format!("{table}: {}", cells.join(" | ")));
        }
    }
    (version, rows)
}

#[test]
fn a_format_1_plan_is_upgraded_after_a_copy_of_it_is_kept_beside_it() {
    let (dir, path) = old_plan("cypp.plan");
    let (version, before) = contents(&path);
    assert_eq!(version, 1, "the fixture is a format 1 plan");
    const { assert!(LATEST_VERSION > 1) };

    let plan = PlanFile::open(&path).unwrap();
    let backup = dir.path().join("cypp.plan.v1.bak");
    let upgrade = plan.upgraded().expect("an old plan is upgraded");
    assert_eq!(
        upgrade,
        &Upgrade {
            from: 1,
            to: LATEST_VERSION,
            backup: backup.clone()
        }
    );
    assert_eq!(
        upgrade.to_string(),
        format!(
            "upgraded from plan format 1 to {LATEST_VERSION}; the file as it was is kept as {}",
            backup.display()
        )
    );
    // The plan holds all it held.
    let (chapters, actions, info) = plan
        .read(|c| {
            Ok((
                store::chapters::list(c)?.len(),
                store::actions::count(c)?,
                store::plan_info::get(c)?,
            ))
        })
        .unwrap();
    assert_eq!((chapters, actions), (11, 84));
    assert_eq!(
        info.title,
        "Leicestershire Children and Young People's Plan 2008–2011"
    );
    plan.integrity_check().unwrap();
    drop(plan);

    // The copy is the old file: format 1, every row as it was.
    assert_eq!(contents(&backup), (1, before.clone()));
    // Page for page the same file: only the header's change counters differ.
    let (old, copy) = (
        std::fs::read(FIXTURE).unwrap(),
        std::fs::read(&backup).unwrap(),
    );
    assert_eq!(old.len(), copy.len());
    let counters = [24..28, 40..44, 92..96];
    let differ: Vec<usize> = (0..old.len())
        .filter(|&i| old[i] != copy[i] && !counters.iter().any(|c| c.contains(&i)))
        .collect();
    assert_eq!(differ, [] as [usize; 0], "bytes that differ");
    let (version, after) = contents(&path);
    assert_eq!(version, LATEST_VERSION);
    assert!(after.len() >= before.len());

    // Opened again, it is already upgraded: no second copy.
    let again = PlanFile::open(&path).unwrap();
    assert_eq!(again.upgraded(), None);
    drop(again);
    PlanFile::open_read_only(&path).unwrap();
    assert_eq!(names_in(dir.path()), ["cypp.plan", "cypp.plan.v1.bak"]);
}

#[test]
fn an_earlier_copy_is_never_replaced() {
    let (dir, path) = old_plan("cypp.plan");
    let earlier = dir.path().join("cypp.plan.v1.bak");
    std::fs::write(&earlier, "kept from last time").unwrap();

    let plan = PlanFile::open(&path).unwrap();
    let backup = dir.path().join("cypp.plan.v1.2.bak");
    assert_eq!(plan.upgraded().unwrap().backup, backup);
    assert_eq!(std::fs::read(&earlier).unwrap(), b"kept from last time");
    assert_eq!(contents(&backup).0, 1);
}

#[test]
fn without_a_copy_an_old_plan_is_not_upgraded_and_is_left_as_it_was() {
    let (dir, path) = old_plan("cypp.plan");
    let original = std::fs::read(&path).unwrap();
    // Every name a copy could take is taken (by folders, which no rename
    // replaces), so the copy cannot be kept.
    std::fs::create_dir(dir.path().join("cypp.plan.v1.bak")).unwrap();
    for n in 2..=20 {
        std::fs::create_dir(dir.path().join(format!("cypp.plan.v1.{n}.bak"))).unwrap();
    }
    let before = names_in(dir.path());

    let err = PlanFile::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::UpgradeRefused { .. }), "{err}");
    let folder = dir.path();
    assert_eq!(
        err.to_string(),
        format!(
            "{}: made by an older version of Planwright (plan format 1); it is upgraded only after a copy of it is kept in {}, and the copy could not be made (it already holds cypp.plan.v1.bak to cypp.plan.v1.20.bak; move some of them elsewhere); nothing was changed. Free some space, or copy the plan to a folder you can write to, and open it again",
            path.display(),
            folder.display()
        )
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "not a byte changed"
    );
    assert_eq!(names_in(dir.path()), before, "nothing left behind");

    // Read-only, an old plan is read through a copy upgraded in memory,
    // and still not written.
    let read = PlanFile::open_read_only(&path).unwrap();
    assert!(!read.read(store::chapters::list).unwrap().is_empty());
    drop(read);
    assert_eq!(std::fs::read(&path).unwrap(), original);
}

#[test]
fn the_copy_holds_changes_not_yet_moved_out_of_the_wal() {
    let (dir, path) = old_plan("cypp.plan");
    // Another program has the plan open and has saved a change, which is in
    // the -wal file (it is moved into the plan only when the last program
    // closes it): a copy of the file alone would not hold it.
    let other = Connection::open(&path).unwrap();
    other
        .execute(
            "INSERT INTO glossary (term, definition) VALUES ('Kept in the WAL', 'A change saved by another program')",
            [],
        )
        .unwrap();
    assert!(
        std::fs::metadata(dir.path().join("cypp.plan-wal"))
            .unwrap()
            .len()
            > 0
    );

    let plan = PlanFile::open(&path).unwrap();
    let backup = plan.upgraded().unwrap().backup.clone();
    let (version, rows) = contents(&backup);
    assert_eq!(version, 1);
    assert!(
        rows.iter()
            .any(|r| r.starts_with("glossary: ") && r.contains("Kept in the WAL")),
        "the saved change is in the copy"
    );
    drop((plan, other));
}

#[test]
fn a_format_1_plan_with_a_schema_not_ours_can_be_repaired_into_the_latest_format() {
    let (dir, path) = old_plan("cypp.plan");
    let c = Connection::open(&path).unwrap();
    c.execute_batch("CREATE TRIGGER quiet AFTER INSERT ON actions BEGIN DELETE FROM blocks; END;")
        .unwrap();
    drop(c);
    assert!(matches!(
        PlanFile::open(&path).unwrap_err(),
        StoreError::Altered { .. }
    ));

    let clean = dir.path().join("clean.plan");
    let report = store::repair(&path, &clean).unwrap();
    assert_eq!(report.left_behind.len(), 1, "{:?}", report.left_behind);
    assert_eq!(report.left_out, [] as [String; 0]);
    assert_eq!((report.copied.chapters, report.copied.actions), (11, 84));
    let plan = PlanFile::open(&clean).unwrap();
    assert_eq!(
        plan.upgraded(),
        None,
        "the copy is made in the latest format"
    );
    assert_eq!(contents(&clean).0, LATEST_VERSION);
}
