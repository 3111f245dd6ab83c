//! Store figures: opening a large plan, saving one block edit, saving a
//! section as the editor does, one cell of a 500-action grid, and writing
//! the sample plan end to end.
//! `cargo bench --bench store`.

use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{criterion_group, BatchSize, Criterion};
use planwright::model::{Block, Inline, Marks, PlanInfo};
use planwright::store::{blocks, chapters, sections, PlanFile};
use planwright::templates::{self, Template};

const BLOCKS: usize = 5_000;

fn para(i: usize) -> Block {
    let text = format!(
        "Paragraph {i}: we will work with schools, health visitors and the voluntary sector to improve \
         outcomes for children in care, with clear targets that we review every year."
    );
    Block::Paragraph {
        numbered: !i.is_multiple_of(4),
        content: vec![Inline::Text {
            text,
            marks: Marks::default(),
        }],
    }
}

/// A plan of ten chapters, five sections each, 5,000 paragraphs in all.
/// The large plan, opened, and the block the save benchmarks rewrite.
fn block_to_edit(dir: &std::path::Path) -> (PlanFile, planwright::model::Id) {
    let plan = PlanFile::open(large_plan(dir)).unwrap();
    let id = plan
        .read(|c| Ok(blocks::list_chapter(c, chapters::list(c)?[3].id)?[10].id))
        .unwrap();
    (plan, id)
}

fn large_plan(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("large.plan");
    let mut plan = PlanFile::create(
        &path,
        &Template::Cypp.bundle(PlanInfo::titled("Large plan", 2026)),
    )
    .unwrap();
    plan.write(|tx| {
        let chs = chapters::list(tx)?;
        let per_section = BLOCKS / (chs.len() * 5) + 1;
        let mut n = 0;
        for ch in &chs {
            for s in 0..5 {
                let section = if s == 0 {
                    sections::list(tx, ch.id)?[0].id
                } else {
                    sections::add(tx, ch.id, Some("Part"), None)?
                };
                let content: Vec<Block> = (n..(n + per_section).min(BLOCKS)).map(para).collect();
                n += content.len();
                blocks::replace_section_blocks(tx, section, &content)?;
            }
        }
        Ok(())
    })
    .unwrap();
    path
}

fn open_and_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = large_plan(dir.path());
    c.bench_function("open 5,000-block plan + load chapter 1 blocks", |b| {
        b.iter(|| {
            let plan = PlanFile::open(&path).unwrap();
            let first = plan.read(|c| Ok(chapters::list(c)?[1].id)).unwrap();
            let content = plan.read(|c| blocks::list_chapter(c, first)).unwrap();
            assert!(!content.is_empty());
            content
        })
    });
}

/// Every open compares the file's schema with ours (the allow-list) and
/// checks its integrity; this is what opening the sample costs.
fn open_sample(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.plan");
    PlanFile::create(&path, &templates::sample()).unwrap();
    c.bench_function("open the sample plan (for changes)", |b| {
        b.iter(|| PlanFile::open(&path).unwrap())
    });
    c.bench_function("open the sample plan (read-only)", |b| {
        b.iter(|| PlanFile::open_read_only(&path).unwrap())
    });
}

fn save_block_edit(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, id) = block_to_edit(dir.path());
    let mut i = 0;
    c.bench_function("save one block edit (one transaction)", |b| {
        b.iter(|| {
            i += 1;
            plan.write(|tx| blocks::update(tx, id, &para(i))).unwrap()
        })
    });
}

fn sample_end_to_end(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    c.bench_function("sample plan written (in process)", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("s{n}.plan"))
            },
            |p| PlanFile::create(&p, &templates::sample()).unwrap(),
            BatchSize::PerIteration,
        )
    });
    c.bench_function("`planwright sample` end to end (process)", |b| {
        b.iter_batched(
            || {
                n += 1;
                dir.path().join(format!("s{n}.plan"))
            },
            |p| {
                let out = Command::new(env!("CARGO_BIN_EXE_planwright"))
                    .arg("sample")
                    .arg(&p)
                    .output()
                    .unwrap();
                assert!(out.status.success());
            },
            BatchSize::PerIteration,
        )
    });
}

/// Criterion reports means; the save figure is a p99, so measure the tail.
fn save_latency_percentiles() {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, id) = block_to_edit(dir.path());
    let mut times: Vec<Duration> = (0..2_000)
        .map(|i| {
            let t = Instant::now();
            plan.write(|tx| blocks::update(tx, id, &para(i))).unwrap();
            t.elapsed()
        })
        .collect();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "save one block edit over {} saves: p50 {:?}  p99 {:?}  max {:?}",
        times.len(),
        pct(0.50),
        pct(0.99),
        times[times.len() - 1]
    );
}
/// What each autosave costs in the app: the section's document saved and
/// read back with its paragraph numbers, which depend on the whole plan.
fn save_section_as_the_editor_does(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (mut plan, _) = block_to_edit(dir.path());
    let section = plan
        .read(|c| Ok(sections::list(c, chapters::list(c)?[3].id)?[0].id))
        .unwrap();
    let view = planwright::api::sections::get(&plan, section).unwrap();
    let mut version = view.version;
    let mut doc = view.doc;
    c.bench_function(
        "save a section of the 5,000-block plan, as the editor does",
        |b| {
            b.iter(|| {
                doc["content"][0]["content"][0]["text"] = format!("Edited {version}").into();
                let saved =
                    planwright::api::sections::save(&mut plan, section, &doc, Some(&version))
                        .unwrap();
                version = saved.version;
            })
        },
    );
    c.bench_function("paragraph numbers of the 5,000-block plan", |b| {
        b.iter(|| {
            plan.read(planwright::store::outline::paragraph_labels)
                .unwrap()
        })
    });
}

/// What one edit in the actions grid costs the app, in a plan of 500
/// actions: the field saved and the action read back as the grid shows it.
fn set_action_field(c: &mut Criterion) {
    use planwright::api::actions::{add, set, ActionField};
    let dir = tempfile::tempdir().unwrap();
    let mut plan = PlanFile::create(
        dir.path().join("actions.plan"),
        &Template::Blank.bundle(PlanInfo::titled("Many actions", 2026)),
    )
    .unwrap();
    let ids: Vec<_> = (0..500)
        .map(|i| {
            let activity = format!("Action {i}: run holiday play schemes in every district");
            add(&mut plan, &[(ActionField::Activity, activity)])
                .unwrap()
                .action
                .id
        })
        .collect();
    let mut n = 0u64;
    c.bench_function("set one field of an action in a plan of 500 actions", |b| {
        b.iter(|| {
            n += 1;
            let id = ids[(n as usize * 37) % ids.len()];
            set(&mut plan, id, ActionField::Cost, &format!("£{n}")).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(5));
    targets = open_and_load, open_sample, save_block_edit, save_section_as_the_editor_does, set_action_field, sample_end_to_end
}

fn main() {
    benches();
    save_latency_percentiles();
    Criterion::default().configure_from_args().final_summary();
}
