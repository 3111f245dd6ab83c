//! HTML export speed (issue 13: the whole sample plan < 50 ms): the whole
//! export as the CLI and the app run it (read and compose the plan, write
//! the page, write the file), and the writing of the page alone, for the
//! sample plan and the generated 170-page / 60,000-word plan; and the
//! sample's action plan appendix (issue 13: < 20 ms).

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{
    self,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
};
use planwright::compose::{self, ComposeOptions};
use planwright::export::html;
use planwright::store::PlanFile;
use planwright::templates;

#[path = "support/plan_gen.rs"]
mod plan_gen;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sample = PlanFile::create(dir.path().join("sample.plan"), &templates::sample()).unwrap();
    let big = plan_gen::generate(&dir.path().join("big.plan"), plan_gen::BENCH_WORDS);
    let out = dir.path().join("out.html");
    let request = ExportRequest::default();
    let mut g = c.benchmark_group("html");
    for (name, plan) in [("sample plan", &sample), ("generated 170 pages", &big)] {
        g.bench_function(format!("{name}: export to a file"), |b| {
            b.iter(|| api::export::html(plan, &request, &out).unwrap())
        });
        let doc = compose::compose(plan, &ComposeOptions::default()).unwrap();
        g.bench_function(format!("{name}: the page alone"), |b| {
            b.iter(|| html::render(&doc))
        });
    }
    let appendix = ExportRequest {
        appendix: Some(Appendix::Actions {
            group_by: GroupBy::Objective,
            columns: ActionColumns::default(),
        }),
        ..Default::default()
    };
    g.bench_function("sample action plan appendix: export to a file", |b| {
        b.iter(|| api::export::html(&sample, &appendix, &out).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
