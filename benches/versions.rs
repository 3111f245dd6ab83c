//! Version speed (issue 16: a snapshot of the sample plan < 50 ms; a diff
//! of two versions of it < 100 ms): keeping the sample as a version (read
//! it whole, serialise, fingerprint, deflate, store), reading a version
//! back (inflate, check, parse), and comparing two versions that differ as
//! a second draft does (a replacement across the text, an action added).

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{self, versions::Which};
use planwright::model::version::VersionStage;
use planwright::store::{self, PlanFile};
use planwright::templates;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.plan");
    let mut plan = PlanFile::create(&path, &templates::sample()).unwrap();
    let first =
        api::versions::snapshot(&mut plan, VersionStage::ConsultationDraft, "First draft").unwrap();
    api::find::replace_all(
        &mut plan,
        &api::find::FindQuery {
            text: "Primary Care Trust".into(),
            match_case: false,
            whole_words: false,
        },
        "Integrated Care Board",
    )
    .unwrap();
    let second =
        api::versions::snapshot(&mut plan, VersionStage::SecondDraft, "Second draft").unwrap();
    println!("a version of the sample: {} KB of JSON", first.size / 1024);

    let mut g = c.benchmark_group("versions");
    g.bench_function("snapshot of the sample plan (into a scratch copy)", |b| {
        let scratch = dir.path().join("scratch.plan");
        let _ = std::fs::remove_file(&scratch);
        std::fs::copy(&path, &scratch).unwrap();
        let mut s = PlanFile::open(&scratch).unwrap();
        b.iter(|| api::versions::snapshot(&mut s, VersionStage::Draft, "Bench").unwrap())
    });
    g.bench_function("read a version back (inflate, check, parse)", |b| {
        b.iter(|| {
            plan.read(|c| store::versions::bundle_of(c, first.id))
                .unwrap()
        })
    });
    g.bench_function("diff of two versions of the sample plan", |b| {
        b.iter(|| {
            api::versions::diff(&plan, Which::Version(first.id), Which::Version(second.id)).unwrap()
        })
    });
    g.bench_function("diff of a version with the plan as it is now", |b| {
        b.iter(|| api::versions::diff(&plan, Which::Version(first.id), Which::Current).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
