//! An export never costs a plan: its output cannot be the plan, the plan's
//! working files or another plan, and is written whole or not at all.

mod common;

use std::fs;
use std::path::Path;

use common::{arg, planwright, sample_plan};

fn blocks(plan: &Path) -> i64 {
    let p = planwright::store::PlanFile::open(plan).expect("the plan still opens");
    p.read(|c| Ok(c.query_row("SELECT count(*) FROM blocks", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn exporting_onto_the_plan_is_refused_however_the_plan_is_named() {
    let (dir, plan) = sample_plan();
    let before = blocks(&plan);
    let dot = format!("./{}", plan.file_name().unwrap().to_str().unwrap());
    let wal = format!("{}-wal", arg(&plan));
    let shm = format!("{}-shm", arg(&plan));
    let spellings = [arg(&plan), &dot, &wal, &shm];
    for out in spellings {
        let r = std::process::Command::new(env!("CARGO_BIN_EXE_planwright"))
            .current_dir(dir.path())
            .args(["export", "pdf", arg(&plan), "-o", out])
            .output()
            .unwrap();
        let r = common::Run::from(r);
        assert_eq!(r.code, 1, "-o {out}: {}", r.stderr);
        assert!(
            r.stderr.contains("that is the plan being exported")
                && r.stderr.contains("choose another name"),
            "-o {out}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "no 'Wrote': {}", r.stdout);
    }
    assert_eq!(blocks(&plan), before, "the plan is whole");
    let partial = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .count();
    assert_eq!(partial, 0, "no partial output left behind");
}

#[test]
fn exporting_onto_another_plan_is_refused_and_it_stays_a_plan() {
    let (dir, plan) = sample_plan();
    let other = dir.path().join("other.plan");
    fs::copy(&plan, &other).unwrap();
    let before = fs::read(&other).unwrap();
    let r = planwright(["export", "pdf", arg(&plan), "-o", arg(&other)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("that is a Planwright plan"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(&other).unwrap(), before);
}

#[test]
fn a_link_planted_at_the_old_partial_name_is_not_followed() {
    let (dir, plan) = sample_plan();
    let out = dir.path().join("out.pdf");
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("out.pdf.partial")).unwrap();
    let r = planwright(["export", "pdf", arg(&plan), "-o", arg(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn a_folder_as_the_output_is_named_and_nothing_is_written() {
    let (dir, plan) = sample_plan();
    let r = planwright(["export", "pdf", arg(&plan), "-o", arg(dir.path())]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("that is a folder"), "{}", r.stderr);
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("sample.plan"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Exports are mailed and put on shared drives: a new one is readable as
/// any new file of the user's is, and one written over keeps its mode.
#[cfg(unix)]
#[test]
fn an_export_gets_the_permissions_of_a_new_file_or_keeps_those_it_had() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, plan) = sample_plan();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // What the umask makes of a new file here.
    let reference = dir.path().join("reference.txt");
    fs::File::create(&reference).unwrap();
    for format in ["pdf", "html"] {
        let out = dir.path().join(format!("plan.{format}"));
        let r = planwright(["export", format, arg(&plan), "-o", arg(&out)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(mode(&out), mode(&reference), "{format}: as a new file");
        fs::set_permissions(&out, fs::Permissions::from_mode(0o640)).unwrap();
        let r = planwright(["export", format, arg(&plan), "-o", arg(&out)]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(mode(&out), 0o640, "{format}: written over, its mode kept");
    }
}
