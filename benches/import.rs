//! Import speed (issue 15: a 450 KB plain-text report of 7 chapters, 500+
//! numbered paragraphs, ~300 bullets, footnotes and a glossary in under
//! 200 ms; a 100-page .docx in under 500 ms): reading a generated report of
//! that shape into chapters, a 100-page plan's Word export read back, and
//! each whole import to a new plan file as the CLI runs it; pandoc reading
//! the same .docx is the peer.

use std::fmt::Write as _;

use criterion::{criterion_group, criterion_main, Criterion};
use planwright::api::{self, export::ExportRequest};
use planwright::import::{self, Flavour};

#[path = "support/plan_gen.rs"]
mod plan_gen;

/// A report of 7 chapters, each of 6 sections of 12 numbered paragraphs
/// (504), 42 bullets a chapter (294), a footnote a section and a glossary:
/// about 450 KB.
fn report() -> String {
    let sentence = "Partners will work together to improve outcomes for children and young \
                    people across the county, with schools, health and the voluntary sector. ";
    let mut out = String::new();
    for c in 1..=7 {
        let _ = writeln!(out, "# Chapter {c}: Being healthy and staying safe\n");
        for s in 1..=6 {
            let _ = writeln!(out, "## Section {c}.{s}\n");
            for p in 1..=12 {
                let _ = writeln!(out, "{c}.{} {}\n", (s - 1) * 12 + p, sentence.repeat(6));
            }
            for b in 1..=7 {
                let _ = writeln!(out, "- Action {b}: {}", &sentence[..90]);
            }
            let _ = writeln!(out, "\nAs the census shows.[^{c}-{s}]\n");
            let _ = writeln!(out, "[^{c}-{s}]: Office for National Statistics, 2001.\n");
        }
    }
    out.push_str("# Glossary\n\n");
    for t in 0..40 {
        let _ = writeln!(
            out,
            "LAA{t}: Local Area Agreement, the targets agreed with government.\n"
        );
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = report();
    println!("generated report: {} KB", text.len() / 1024);
    let mut g = c.benchmark_group("import");
    g.bench_function("450 KB report: read into chapters", |b| {
        b.iter(|| import::text(text.as_bytes(), Flavour::Plain).unwrap())
    });
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("report.txt");
    std::fs::write(&source, &text).unwrap();
    let mut n = 0;
    g.bench_function("450 KB report: import to a new plan file", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("p{n}.plan"));
            api::import::text_to_new_plan(&source, &out, None).unwrap();
            std::fs::remove_file(&out).unwrap();
        })
    });

    // A 100-page plan (plan_gen's 169 pages scaled), exported as Word.
    let plan = plan_gen::generate(
        &dir.path().join("hundred.plan"),
        plan_gen::BENCH_WORDS * 100 / 169,
    );
    let docx = dir.path().join("hundred.docx");
    api::export::docx(&plan, &ExportRequest::default(), &docx).unwrap();
    let bytes = std::fs::read(&docx).unwrap();
    println!("100-page Word document: {} KB", bytes.len() / 1024);
    g.bench_function("100-page .docx: read into chapters", |b| {
        b.iter(|| import::docx(&bytes).unwrap())
    });
    g.bench_function("100-page .docx: import to a new plan file", |b| {
        b.iter(|| {
            n += 1;
            let out = dir.path().join(format!("w{n}.plan"));
            api::import::text_to_new_plan(&docx, &out, None).unwrap();
            std::fs::remove_file(&out).unwrap();
        })
    });
    g.sample_size(10);
    g.bench_function("100-page .docx: pandoc reads it (peer)", |b| {
        b.iter(|| {
            let run = std::process::Command::new("pandoc")
                .args(["-f", "docx", "-t", "json", "-o", "/dev/null"])
                .arg(&docx)
                .status()
                .unwrap();
            assert!(run.success());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
