//! Shared by the integration tests: running the real CLI binary on real files.
#![allow(dead_code)]

pub mod pdf_ua;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// Runs `planwright ARGS` and captures what it says.
pub fn planwright<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .output()
        .expect("planwright runs")
        .into()
}

/// A temporary folder holding a freshly written sample plan.
pub fn sample_plan() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.plan");
    planwright::store::PlanFile::create(&path, &planwright::templates::sample()).unwrap();
    (dir, path)
}

pub fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs a real reader (pdftotext, pandoc, soffice…) and returns what it
/// printed; says which when it is not installed.
pub fn tool(cmd: &str, args: &[&str]) -> Output {
    Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} could not run ({e}); scripts/setup.sh installs it"))
}

/// An export request dated 23 November 2026, so exports compare with the
/// references whatever day the tests run.
pub fn dated_request() -> planwright::api::export::ExportRequest {
    planwright::api::export::ExportRequest {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
        ..Default::default()
    }
}

/// The plan bundles of tests/suite, by name, in name order.
pub fn suite_bundles() -> Vec<(String, planwright::model::Bundle)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "the suite has its plans");
    paths
        .into_iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_str().unwrap().to_owned();
            let bundle = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (name, bundle)
        })
        .collect()
}

/// What the plan PDF's own checks ask of every PDF Planwright writes: qpdf
/// finds nothing wrong, every font is embedded and subset with Unicode,
/// and the PDF/UA checks pass.
pub fn assert_checked_like_the_plan_pdf(pdf: &Path) {
    let qpdf = tool("qpdf", &["--check", arg(pdf)]);
    assert!(
        qpdf.status.success(),
        "{}: {}",
        pdf.display(),
        String::from_utf8_lossy(&qpdf.stdout)
    );
    let fonts = String::from_utf8(tool("pdffonts", &[arg(pdf)]).stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{}: no fonts", pdf.display());
    for r in rows {
        assert!(
            r.contains(" yes yes yes "),
            "{}: a font is not embedded: {r}",
            pdf.display()
        );
    }
    pdf_ua::assert_conforms(&std::fs::read(pdf).unwrap());
}

/// LibreOffice's reading of a Word file: converted to PDF headless (with a
/// profile of its own in `scratch`), and that PDF's text, its whitespace
/// made single spaces.
pub fn libreoffice_text(scratch: &Path, docx: &Path) -> String {
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        scratch.display()
    );
    let out_dir = scratch.join("lo-out");
    let out = tool(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            arg(&out_dir),
            arg(docx),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    let text = String::from_utf8(tool("pdftotext", &[arg(&pdf), "-"]).stdout).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
