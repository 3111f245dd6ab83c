//! Arbitrary bytes as a picture: the title-page logo and a figure's asset, exported to PDF.
//! The body is in `fuzz/bodies.rs`, shared with `tests/fuzz_corpus.rs`.
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(init: bodies::release_at_exit(), |data: &[u8]| {
    bodies::image_bytes(data);
});
