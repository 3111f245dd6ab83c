//! Arbitrary bytes as a section's editor JSON, through the block schema, the store, compose and the PDF layout.
//! The body is in `fuzz/bodies.rs`, shared with `tests/fuzz_corpus.rs`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(init: bodies::release_at_exit(), |data: &[u8]| {
    bodies::compose_blocks(data);
});
