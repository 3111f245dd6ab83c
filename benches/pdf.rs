//! PDF export speed: the sample plan (68 pages), the generated
//! 170-page / 60,000-word plan of the issue (see `plan_gen::BENCH_WORDS`),
//! and 16 figures showing one 13,000² picture (issue 10; its memory is
//! measured by benches/images.sh).

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::export::pdf::{self, PdfOptions};
use planwright::store::PlanFile;
use planwright::templates;

#[path = "support/figures_gen.rs"]
mod figures_gen;
#[path = "support/plan_gen.rs"]
mod plan_gen;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sample = PlanFile::create(dir.path().join("sample.plan"), &templates::sample()).unwrap();
    let big = plan_gen::generate(&dir.path().join("big.plan"), plan_gen::BENCH_WORDS);
    let opts = PdfOptions::default();
    let mut g = c.benchmark_group("pdf");
    g.sample_size(10);
    g.bench_function("sample plan", |b| {
        b.iter(|| pdf::export(&sample, &opts, None).unwrap())
    });
    g.bench_function("generated 170 pages", |b| {
        b.iter(|| pdf::export(&big, &opts, None).unwrap())
    });
    let figures = figures_gen::generate(&dir.path().join("figures.plan"), 16, 13_000);
    g.bench_function("16 figures of one 13000x13000 PNG", |b| {
        b.iter(|| pdf::export(&figures, &opts, None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
