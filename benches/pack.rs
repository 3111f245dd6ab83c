//! Committee pack speed (issue 14: a pack with the cover report and a
//! 60-page plan appendix, PDF + Word files, < 1 s): the sample's
//! Leicestershire report with the whole sample plan (68 pages) added as an
//! appendix beside its action plan, exported as the CLI and the app do it
//! (read and compose, lay out and write the PDF, write each Word file);
//! then its parts, to see where the time goes; and, as a peer in the same
//! run, the plain PDF export of the same plan alone.

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{self, export::ExportRequest, reports::ReportEdit};
use planwright::compose::report::{self, PackOptions};
use planwright::model::report::{AppendixSource, ReportAppendix};
use planwright::store::PlanFile;
use planwright::templates;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.plan");
    PlanFile::create(&path, &templates::sample()).unwrap();
    let mut plan = PlanFile::open(&path).unwrap();
    api::reports::edit(
        &mut plan,
        1,
        &ReportEdit {
            add_appendices: vec![ReportAppendix {
                title: "Children and Young People's Plan 2008–2011".into(),
                source: AppendixSource::Plan,
                exempt: false,
            }],
            ..Default::default()
        },
    )
    .unwrap();
    let folder = dir.path().join("pack");
    let done = api::reports::pack(&plan, 1, &folder, false, None).unwrap();
    let pages = lopdf::Document::load(&done.pdf).unwrap().get_pages().len();
    println!(
        "pack: {pages} pages in one PDF, {} Word files",
        done.files.len()
    );

    let mut g = c.benchmark_group("pack");
    g.sample_size(20);
    g.bench_function(
        format!("cover report + action plan + whole plan ({pages} pages): PDF and Word files"),
        |b| b.iter(|| api::reports::pack(&plan, 1, &folder, false, None).unwrap()),
    );
    g.bench_function("the same, public version", |b| {
        b.iter(|| api::reports::pack(&plan, 1, &folder, true, None).unwrap())
    });
    g.bench_function("read and compose the pack alone", |b| {
        b.iter(|| report::pack(&plan, 1, &PackOptions::default()).unwrap())
    });
    let out = dir.path().join("plan.pdf");
    g.bench_function("peer: the plan's own PDF export", |b| {
        b.iter(|| api::export::pdf(&plan, &ExportRequest::default(), &out, None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
