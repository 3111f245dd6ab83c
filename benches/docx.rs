//! Word export speed (issue 13: the whole sample plan < 100 ms; the action
//! plan appendix < 20 ms): the whole export as the CLI and the app run it
//! (read and compose the plan, write the package, write the file) and the
//! package alone, for the sample plan and the generated 170-page plan.
//!
//! Then pandoc, the usual way to make a .docx from text, converting the
//! same content (the sample as Markdown, which pandoc makes from our HTML
//! beforehand) to a .docx in the same run; the ratio is printed. Skipped,
//! with a line saying so, where pandoc is not installed.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{
    self,
    export::{ActionColumns, Appendix, ExportRequest, GroupBy},
    indicators::IndicatorFigure,
};
use planwright::compose::{self, ComposeOptions};
use planwright::export::docx;
use planwright::store::PlanFile;
use planwright::templates;

#[path = "support/plan_gen.rs"]
mod plan_gen;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sample = PlanFile::create(dir.path().join("sample.plan"), &templates::sample()).unwrap();
    let big = plan_gen::generate(&dir.path().join("big.plan"), plan_gen::BENCH_WORDS);
    let out = dir.path().join("out.docx");
    let request = ExportRequest::default();
    let mut g = c.benchmark_group("docx");
    for (name, plan) in [("sample plan", &sample), ("generated 170 pages", &big)] {
        g.bench_function(format!("{name}: export to a file"), |b| {
            b.iter(|| api::export::docx(plan, &request, &out).unwrap())
        });
        let doc = compose::compose(plan, &ComposeOptions::default()).unwrap();
        g.bench_function(format!("{name}: the package alone"), |b| {
            b.iter(|| docx::render(&doc, None).unwrap())
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
        b.iter(|| api::export::docx(&sample, &appendix, &out).unwrap())
    });
    // Every one of the sample's 15 indicators with three targets and two
    // actuals: 15 charts, each drawn as a picture.
    let charted = dir.path().join("charted.plan");
    std::fs::copy(sample.path(), &charted).unwrap();
    let mut charted = PlanFile::open(&charted).unwrap();
    let codes: Vec<String> = api::indicators::list(&charted, &Default::default())
        .unwrap()
        .into_iter()
        .map(|i| i.code)
        .collect();
    for code in &codes {
        for (year, target, actual) in [(2008, "47", "46"), (2009, "49", "50.5"), (2010, "52", "")] {
            api::indicators::set_figure(&mut charted, code, year, IndicatorFigure::Target, target)
                .unwrap();
            api::indicators::set_figure(&mut charted, code, year, IndicatorFigure::Actual, actual)
                .unwrap();
        }
    }
    let indicators = ExportRequest {
        appendix: Some(Appendix::Indicators),
        ..Default::default()
    };
    g.bench_function("indicator appendix, 15 charts: export to a file", |b| {
        b.iter(|| api::export::docx(&charted, &indicators, &out).unwrap())
    });
    g.finish();

    // The sample once more, timed as pandoc is (the median of 7).
    let runs: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            api::export::docx(&sample, &request, &out).unwrap();
            t.elapsed()
        })
        .collect();
    compare_with_pandoc(&sample, dir.path(), median(runs));
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn compare_with_pandoc(sample: &PlanFile, dir: &Path, ours: Duration) {
    let html = dir.join("sample.html");
    api::export::html(sample, &ExportRequest::default(), &html).unwrap();
    let md = dir.join("sample.md");
    let made = Command::new("pandoc")
        .args(["-f", "html", "-t", "markdown", "-o"])
        .arg(&md)
        .arg(&html)
        .status();
    if !matches!(made, Ok(s) if s.success()) {
        println!("pandoc: not installed (scripts/setup.sh installs it); no comparison");
        return;
    }
    let out = dir.join("pandoc.docx");
    let runs: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let ok = Command::new("pandoc")
                .args(["-f", "markdown", "-t", "docx", "-o"])
                .arg(&out)
                .arg(&md)
                .status()
                .unwrap();
            assert!(ok.success());
            t.elapsed()
        })
        .collect();
    let theirs = median(runs);
    println!(
        "sample plan to .docx: Planwright {:.1} ms (read, compose, write), pandoc {:.1} ms \
         (Markdown to .docx); pandoc takes {:.1}× as long",
        ours.as_secs_f64() * 1e3,
        theirs.as_secs_f64() * 1e3,
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
