//! Arbitrary bytes opened as a plan file, then read whole.
//! The body is in `fuzz/bodies.rs`, shared with `tests/fuzz_corpus.rs`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(init: bodies::release_at_exit(), |data: &[u8]| {
    bodies::open_plan(data);
});
