//! PDF export speed: the sample plan (68 pages), the generated
//! 170-page / 60,000-word plan of the issue (see `plan_gen::BENCH_WORDS`),
//! a paragraph that is one unbroken word (a pasted key or blob): at the
//! most a block may hold, and a 1 MB one cut to that (benches/long_word.sh
//! times the command line on a 50 MB one),
//! and 16 figures showing one 13,000² picture (issue 10; its memory is
//! measured by benches/images.sh), and the sample's action plan appendix.

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{
    self,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
};
use planwright::export::pdf::{self, PdfOptions};
use planwright::model::prosemirror::MAX_TEXT_CHARS;
use planwright::model::{Block, Inline, Marks, PlanInfo};
use planwright::store::{self, PlanFile};
use planwright::templates::{self, Template};

#[path = "support/figures_gen.rs"]
mod figures_gen;
#[path = "support/plan_gen.rs"]
mod plan_gen;

/// A blank plan whose one paragraph is a word of `chars` letters and digits,
/// written as a typed block (past the limit a save from the editor checks).
fn one_word(path: &std::path::Path, chars: usize) -> PlanFile {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut state = 7u64;
    let word: String = (0..chars)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ALPHABET[(state >> 33) as usize % ALPHABET.len()] as char
        })
        .collect();
    let mut plan = PlanFile::create(
        path,
        &Template::Blank.bundle(PlanInfo::titled("Word", 2024)),
    )
    .unwrap();
    plan.write(|tx| {
        let ch = store::chapters::list(tx)?[0].id;
        let section = store::sections::list(tx, ch)?[0].id;
        let block = Block::Paragraph {
            numbered: true,
            content: vec![Inline::Text {
                text: word,
                marks: Marks::default(),
            }],
        };
        store::blocks::insert(tx, section, None, &block)
    })
    .unwrap();
    plan
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sample = PlanFile::create(dir.path().join("sample.plan"), &templates::sample()).unwrap();
    let big = plan_gen::generate(&dir.path().join("big.plan"), plan_gen::BENCH_WORDS);
    let at_limit = one_word(&dir.path().join("limit.plan"), MAX_TEXT_CHARS);
    let megabyte = one_word(&dir.path().join("mb.plan"), 1 << 20);
    let opts = PdfOptions::default();
    let mut g = c.benchmark_group("pdf");
    g.sample_size(10);
    g.bench_function("sample plan", |b| {
        b.iter(|| pdf::export(&sample, &opts, None).unwrap())
    });
    g.bench_function("generated 170 pages", |b| {
        b.iter(|| pdf::export(&big, &opts, None).unwrap())
    });
    g.bench_function("one word of 200,000 characters", |b| {
        b.iter(|| pdf::export(&at_limit, &opts, None).unwrap())
    });
    g.bench_function("one word of 1 MB, cut to 200,000 characters", |b| {
        b.iter(|| pdf::export(&megabyte, &opts, None).unwrap())
    });
    let figures = figures_gen::generate(&dir.path().join("figures.plan"), 16, 13_000);
    g.bench_function("16 figures of one 13000x13000 PNG", |b| {
        b.iter(|| pdf::export(&figures, &opts, None).unwrap())
    });
    // Issue 13: the action plan appendix < 20 ms, composed and written.
    let appendix = ExportRequest {
        appendix: Some(Appendix::Actions {
            group_by: GroupBy::Objective,
            columns: ActionColumns::default(),
        }),
        ..Default::default()
    };
    let out = dir.path().join("appendix.pdf");
    g.bench_function("sample action plan appendix", |b| {
        b.iter(|| api::export::pdf(&sample, &appendix, &out, None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
