//! The bodies of the fuzz targets: plain functions that the cargo-fuzz
//! targets in `fuzz/fuzz_targets/` call for every input, and that
//! `tests/fuzz_corpus.rs` replays the kept corpus through, so `cargo test`
//! runs a short pass of each target on exactly the same code.
//!
//! No input may make a body panic, abort or hang: bytes that are not a plan,
//! not a document or not an image must come back as an error. What each body
//! returns says how far its input got, so the replay can show that the corpus
//! reaches the deep paths (the reading of a whole plan, the PDF layout).
//!
//! The plans that fuzzed blocks and images are exported from are made once
//! per process and reused, so an input costs one save and one export.

// Each fuzz target uses one body; the replay uses them all.
#![allow(dead_code)]

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use chrono::NaiveDate;
use planwright::api::{self, ApiError};
use planwright::compose::{self, ComposeOptions, Image};
use planwright::export::pdf::{self, PdfOptions};
use planwright::model::{prosemirror, ActionFilter, Block, Bundle, Id, IndicatorFilter, PlanInfo};
use planwright::store::{assets, blocks, chapters, notes, priorities, sections, PlanFile};
use planwright::templates::{self, Template};
use serde_json::Value;

/// How far one input got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reached {
    /// Refused with an error before the deep path (not a plan, not a
    /// document, not an image): the expected answer to most inputs.
    Refused,
    /// Went the whole way without an error.
    Done,
    /// Went the whole way, and a step past the first refusal gave this error.
    Failed(String),
}

/// The sections of a fuzzed plan shown in the editor: the first screen
/// shows one (each view numbers the paragraphs of the whole plan, so
/// viewing them all would cost sections × blocks per input).
const SECTIONS_VIEWED: usize = 1;

/// The date on every export, so a run is the same each time.
fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 23)
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A replayed input that panicked leaves the state usable for the next.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A plan made once per process with an empty chapter at the end whose one
/// section each input replaces.
struct Workbench {
    // Declared first so the plan is closed before its folder is removed.
    plan: PlanFile,
    /// 1-based position of the chapter the inputs go into.
    chapter: usize,
    section: Id,
    dir: tempfile::TempDir,
}

impl Workbench {
    fn new(bundle: &Bundle) -> Workbench {
        let dir = scratch_dir();
        let mut plan = PlanFile::create(dir.path().join("bench.plan"), bundle)
            .expect("the workbench plan is created");
        let (chapter, section) = plan
            .write(|tx| {
                let chapter = chapters::add(tx, "Fuzzed content", true, None)?;
                let section = sections::add(tx, chapter, None, None)?;
                Ok((chapters::list(tx)?.len(), section))
            })
            .expect("the workbench's chapter is added");
        Workbench {
            plan,
            chapter,
            section,
            dir,
        }
    }

    /// Exports only the fuzzed chapter (the title page and contents come too).
    fn export(&self, logo: Option<Image>) -> Reached {
        let opts = PdfOptions {
            date: date(),
            chapters: Some(vec![self.chapter]),
            logo,
            ..Default::default()
        };
        match pdf::export(&self.plan, &opts, None) {
            Ok(out) => {
                assert!(out.pdf.starts_with(b"%PDF-"), "an export is a PDF");
                Reached::Done
            }
            Err(e) => Reached::Failed(format!("export: {e}")),
        }
    }
}

fn scratch_dir() -> tempfile::TempDir {
    let mut builder = tempfile::Builder::new();
    builder.prefix("planwright-fuzz-");
    // In memory where there is a /dev/shm: each input's writes and syncs
    // (WAL mode, migrations, saves) cost nothing there.
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        builder.tempdir_in(shm)
    } else {
        builder.tempdir()
    };
    dir.expect("a temporary folder")
}

static OPEN_DIR: Mutex<Option<tempfile::TempDir>> = Mutex::new(None);
static BLOCKS_BENCH: Mutex<Option<Workbench>> = Mutex::new(None);
static IMAGES_BENCH: Mutex<Option<Workbench>> = Mutex::new(None);

/// Removes the scratch folder and plan of one target ("open_plan",
/// "compose_blocks", "image_bytes"); the next input makes them again.
pub fn release(target: &str) {
    match target {
        "open_plan" => drop(lock(&OPEN_DIR).take()),
        "compose_blocks" => drop(lock(&BLOCKS_BENCH).take()),
        "image_bytes" => drop(lock(&IMAGES_BENCH).take()),
        other => panic!("no fuzz target {other}"),
    }
}

/// Removes every target's scratch folder when the process exits (libFuzzer
/// ends a run with `exit`, which never drops statics).
pub fn release_at_exit() {
    extern "C" fn release_all() {
        // try_lock: an exit from inside a body must not wait for itself.
        if let Ok(mut dir) = OPEN_DIR.try_lock() {
            drop(dir.take());
        }
        for bench in [&BLOCKS_BENCH, &IMAGES_BENCH] {
            if let Ok(mut bench) = bench.try_lock() {
                drop(bench.take());
            }
        }
    }
    extern "C" {
        fn atexit(f: extern "C" fn()) -> std::os::raw::c_int;
    }
    // SAFETY: atexit only records the function, a plain `extern "C" fn`
    // that takes no arguments and never panics.
    unsafe {
        atexit(release_all);
    }
}

// ---------------------------------------------------------------- open_plan

/// (a) Arbitrary bytes opened as a plan, and if the file opens, everything
/// the app's first screens and `planwright check` read from it.
pub fn open_plan(data: &[u8]) -> Reached {
    let mut dir = lock(&OPEN_DIR);
    let dir = dir.get_or_insert_with(scratch_dir);
    let path = dir.path().join("fuzzed.plan");
    remove_plan_files(&path);
    std::fs::write(&path, data).expect("the scratch folder is writable");
    let reached = match PlanFile::open(&path) {
        Ok(plan) => read_whole(&plan),
        Err(_) => Reached::Refused,
    };
    remove_plan_files(&path);
    reached
}

/// Empties the scratch folder of `path`: the plan, SQLite's side files and
/// the copy an upgrade keeps (`NAME.plan.v1.bak`; an upgrade is refused
/// once 20 of them are there).
fn remove_plan_files(path: &Path) {
    let Some(Ok(entries)) = path.parent().map(std::fs::read_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let _ = std::fs::remove_file(entry.path());
    }
}

/// Reads all of an open plan through the API the app and the CLI use;
/// every read is tried even after one fails.
fn read_whole(plan: &PlanFile) -> Reached {
    let mut first: Option<String> = None;
    let mut note = |what: &str, r: Result<(), ApiError>| {
        if let Err(e) = r {
            first.get_or_insert_with(|| format!("{what}: {e}"));
        }
    };
    note("summary", api::plan::summary(plan).map(drop));
    match api::outline::outline(plan) {
        Ok(chapters) => {
            let ids = chapters
                .iter()
                .flat_map(|c| &c.sections)
                .map(|s| s.section.id);
            for id in ids.take(SECTIONS_VIEWED) {
                note("section view", api::sections::get(plan, id).map(drop));
            }
        }
        Err(e) => note("outline", Err(e)),
    }
    note(
        "actions",
        api::actions::list(plan, &ActionFilter::default()).map(drop),
    );
    note(
        "indicators",
        api::indicators::rows(plan, &IndicatorFilter::default()).map(drop),
    );
    note("people", api::people::people(plan).map(drop));
    note("organisations", api::people::organisations(plan).map(drop));
    note("glossary", api::glossary::list(plan).map(drop));
    note("frameworks", api::actions::frameworks(plan).map(drop));
    note(
        "notes and priorities",
        plan.read(|conn| {
            notes::list(conn)?;
            priorities::list(conn)?;
            Ok(())
        })
        .map_err(ApiError::from),
    );
    note("check", api::plan::check(plan).map(drop));
    let opts = ComposeOptions {
        date: date(),
        ..Default::default()
    };
    note(
        "compose",
        compose::compose(plan, &opts)
            .map(drop)
            .map_err(ApiError::from),
    );
    match first {
        None => Reached::Done,
        Some(e) => Reached::Failed(e),
    }
}

// ----------------------------------------------------------- compose_blocks

/// (b) Arbitrary bytes as a section's editor JSON: parsed by the core's
/// block schema and, when valid, saved into a plan and exported through
/// compose and the PDF layout.
pub fn compose_blocks(data: &[u8]) -> Reached {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return Reached::Refused;
    };
    let doc = as_doc(value);
    let Ok(parsed) = prosemirror::parse_doc(&doc) else {
        return Reached::Refused;
    };
    // What is stored is the blocks' own JSON; it must read back the same.
    let stored = prosemirror::to_doc(&parsed);
    let again = prosemirror::parse_doc(&stored)
        .unwrap_or_else(|e| panic!("the JSON of parsed blocks is refused: {e}\n{stored}"));
    assert_eq!(
        again, parsed,
        "blocks changed on the way through their JSON"
    );
    let mut bench = lock(&BLOCKS_BENCH);
    let bench = bench.get_or_insert_with(|| Workbench::new(&blocks_bundle()));
    let section = bench.section;
    let view = match api::sections::save(&mut bench.plan, section, &doc, None) {
        Ok(view) => view,
        Err(e) => return Reached::Failed(format!("save: {e}")),
    };
    assert_eq!(
        view.doc, stored,
        "the saved section reads back as it was saved"
    );
    bench.export(None)
}

/// The sample plan's actions, indicators, people and footnotes, which data
/// blocks and marks refer to, without its chapters: every save numbers the
/// paragraphs of the whole plan and every export reads it all, so the
/// sample's 278 blocks would cost most of each input's time.
fn blocks_bundle() -> Bundle {
    Bundle {
        chapters: Vec::new(),
        ..templates::sample()
    }
}

/// A whole document as it is; a list of blocks or one block put in one.
fn as_doc(value: Value) -> Value {
    match value {
        Value::Object(ref o) if o.get("type").and_then(Value::as_str) == Some("doc") => value,
        Value::Array(content) => serde_json::json!({"type": "doc", "content": content}),
        block => serde_json::json!({"type": "doc", "content": [block]}),
    }
}

// -------------------------------------------------------------- image_bytes

/// (c) Arbitrary bytes as a picture, both ways one reaches a PDF: as the
/// logo file a user names (`compose::Image::read`), and as the asset of a
/// figure in a plan; then exported.
pub fn image_bytes(data: &[u8]) -> Reached {
    let mut bench = lock(&IMAGES_BENCH);
    let bench = bench.get_or_insert_with(|| {
        Workbench::new(&Template::Blank.bundle(PlanInfo::titled("Fuzzed pictures", 2027)))
    });
    let logo_path = bench.dir.path().join("logo");
    std::fs::write(&logo_path, data).expect("the scratch folder is writable");
    let logo = Image::read(&logo_path).ok();
    let _ = std::fs::remove_file(&logo_path);

    let section = bench.section;
    let figure = bench.plan.write(|tx| {
        let asset = assets::import(tx, "fuzzed.png", data)?;
        let figure = Block::Figure {
            asset,
            alt: "A fuzzed picture".into(),
            caption: Some("Figure under test".into()),
        };
        blocks::replace_section_blocks(tx, section, &[figure])?;
        Ok(())
    });
    if logo.is_none() && figure.is_err() {
        return Reached::Refused;
    }
    let reached = bench.export(logo);
    // One asset at a time: the plan does not grow over a run.
    bench
        .plan
        .write(|tx| {
            tx.execute("DELETE FROM assets", [])?;
            blocks::replace_section_blocks(tx, section, &[])?;
            Ok(())
        })
        .expect("the fuzzed picture is removed");
    reached
}
