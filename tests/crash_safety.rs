//! Kills a process in the middle of editing, again and again, and checks
//! that the plan is never damaged and no edit reported as saved is lost.
//!
//! This test has its own `main` (harness = false): run with the variable
//! `EDIT_LOOP` set, the same binary is the editor that gets killed.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use planwright::model::{Action, ActionFilter, Block, Inline, Marks};
use planwright::store::{actions, blocks, PlanFile};

const KILLS: usize = 200;

fn main() {
    if let Ok(args) = std::env::var("EDIT_LOOP") {
        edit_loop(&args);
        return;
    }
    let name = "sigkill_during_edits_never_loses_a_saved_edit";
    sigkill_during_edits_never_loses_a_saved_edit();
    println!("test {name} ... ok");
    println!("1 passed, 0 failed");
}

/// The editor: makes edits in a loop, printing "saved LABEL" after each
/// one is committed. `args` is "PLAN\tBLOCK_ID\tPREFIX".
fn edit_loop(args: &str) {
    let mut parts = args.splitn(3, '\t');
    let (path, block, prefix) = (
        parts.next().unwrap(),
        parts.next().unwrap(),
        parts.next().unwrap(),
    );
    let block: i64 = block.parse().expect("block id");
    let mut plan = PlanFile::open(path).expect("open plan");
    let mut out = std::io::stdout().lock();
    for i in 0.. {
        let label = format!("{prefix}-{i}");
        plan.write(|tx| {
            // One user action touching two tables: both land or neither does.
            actions::insert(tx, &Action::new(&label))?;
            let text = format!("Edited as {label}. ").repeat(20);
            let para = Block::Paragraph {
                numbered: true,
                content: vec![Inline::Text {
                    text,
                    marks: Marks::default(),
                }],
            };
            blocks::update(tx, block, &para)
        })
        .expect("edit saved");
        writeln!(out, "saved {label}").expect("report");
        out.flush().expect("report");
    }
}

/// A small deterministic generator: the kill points vary but a failure can
/// be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

fn sigkill_during_edits_never_loses_a_saved_edit() {
    let (_dir, path) = common::sample_plan();
    let block = {
        let plan = PlanFile::open(&path).unwrap();
        plan.read(|c| Ok(blocks::list_chapter(c, 2)?[0].id))
            .unwrap()
    };
    let bin = std::env::current_exe().unwrap();
    let mut rng = Lcg(0x5EED_2008);
    let mut saved: BTreeSet<String> = BTreeSet::new();

    for round in 0..KILLS {
        let mut child = Command::new(&bin)
            .env(
                "EDIT_LOOP",
                format!("{}\t{block}\tr{round}", path.display()),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill after a random number of reported saves (0: while it is opening),
        // so the kill lands at varied points inside and between transactions.
        let wait_for = rng.next(6);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        for _ in 0..wait_for {
            match lines.next() {
                Some(Ok(line)) => {
                    saved.insert(line.strip_prefix("saved ").unwrap().to_owned());
                }
                _ => panic!("round {round}: the editor stopped before it was killed"),
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Saves it reported before dying count too.
        for line in lines.map_while(Result::ok) {
            saved.insert(line.strip_prefix("saved ").unwrap().to_owned());
        }

        // Opening runs SQLite's integrity check; a damaged file is an error.
        let plan = PlanFile::open(&path).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let (present, text) = plan
            .read(|c| {
                let present: BTreeSet<String> = actions::list(c, &ActionFilter::default())?
                    .into_iter()
                    .map(|a| a.action.activity)
                    .filter(|a| a.starts_with('r'))
                    .collect();
                Ok((present, blocks::get(c, block)?.block))
            })
            .unwrap();
        let missing: Vec<_> = saved.difference(&present).collect();
        assert!(
            missing.is_empty(),
            "round {round}: saved edits lost: {missing:?}"
        );
        assert!(
            present.len() <= saved.len() + KILLS,
            "round {round}: edits appeared from nowhere"
        );
        // The block edit and the action insert were one transaction: the
        // block shows the newest action's label.
        if let Some(newest) = newest_label(&present) {
            let Block::Paragraph { .. } = &text else {
                panic!("round {round}: block changed kind")
            };
            assert!(
                text.plain_text()
                    .starts_with(&format!("Edited as {newest}.")),
                "round {round}: block and actions disagree: {newest} vs {:?}",
                &text.plain_text()[..40]
            );
        }
    }
    assert!(
        saved.len() >= KILLS,
        "the editor saved only {} edits",
        saved.len()
    );
}

/// The label with the highest (round, index).
fn newest_label(labels: &BTreeSet<String>) -> Option<String> {
    labels
        .iter()
        .max_by_key(|l| {
            let (r, i) = l[1..].split_once('-').unwrap();
            (r.parse::<u32>().unwrap(), i.parse::<u32>().unwrap())
        })
        .cloned()
}
