//! The short pass of the fuzz targets that `cargo test` runs: every input
//! kept in `fuzz/corpus/<target>/` and every reproducer of a crash the
//! fuzzer found in `fuzz/regressions/<target>/`, through the same bodies
//! the fuzz targets call (`fuzz/bodies.rs`). Long runs: `fuzz/run.sh`.

#[path = "../fuzz/bodies.rs"]
mod bodies;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use bodies::Reached;

/// The files of `fuzz/<kind>/<target>/`, sorted; none if it does not exist.
fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(kind)
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("the corpus folder can be listed").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every kept input of `target` through `body` and counts how far
/// each got. A panic names the input that caused it.
fn replay(target: &str, body: fn(&[u8]) -> Reached) -> BTreeMap<&'static str, usize> {
    let corpus = inputs("corpus", target);
    assert!(
        !corpus.is_empty(),
        "fuzz/corpus/{target}/ is empty; it is kept in the repository"
    );
    let mut seen = BTreeMap::new();
    for path in corpus.iter().chain(&inputs("regressions", target)) {
        let data = std::fs::read(path).expect("a corpus file can be read");
        let outcome = std::panic::catch_unwind(|| body(&data)).unwrap_or_else(|_| {
            bodies::release(target);
            panic!("{target} failed on {}", path.display())
        });
        let kind = match outcome {
            Reached::Refused => "refused",
            Reached::Done => "done",
            Reached::Failed(e) => {
                eprintln!("{target}: {}: {e}", path.display());
                "failed with an error"
            }
        };
        *seen.entry(kind).or_insert(0) += 1;
    }
    bodies::release(target);
    eprintln!("{target}: {seen:?}");
    seen
}

#[test]
fn arbitrary_bytes_opened_as_a_plan() {
    let seen = replay("open_plan", bodies::open_plan);
    assert!(
        seen.contains_key("done"),
        "some kept file must open and read whole: {seen:?}"
    );
    assert!(seen.contains_key("refused"), "{seen:?}");
}

#[test]
fn arbitrary_section_json_through_compose_and_pdf_layout() {
    let seen = replay("compose_blocks", bodies::compose_blocks);
    assert!(
        seen.contains_key("done"),
        "some kept document must export: {seen:?}"
    );
    assert!(seen.contains_key("refused"), "{seen:?}");
}

#[test]
fn arbitrary_picture_bytes_as_logo_and_figure() {
    let seen = replay("image_bytes", bodies::image_bytes);
    assert!(
        seen.contains_key("done"),
        "some kept picture must export: {seen:?}"
    );
    assert!(seen.contains_key("refused"), "{seen:?}");
}
