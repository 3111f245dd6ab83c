//! The files the webview may name: those the user chose in one of the app's
//! own dialogs since it started (kept here, in Rust), the plans on the
//! recent list, and the logo remembered for the open plan. A path that
//! merely arrives from the webview is refused, so a script in the page
//! cannot read or overwrite a file the user never picked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use planwright::api::ErrorCode;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};

/// What a file was chosen for; a file chosen to read is never written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// A plan to open (Open a plan…).
    OpenPlan,
    /// Where to create a new plan.
    NewPlan,
    /// Where to write an exported PDF.
    ExportPdf,
    /// Where to write an exported web page.
    ExportHtml,
    /// Where to write an exported Word document.
    ExportDocx,
    /// A picture for a figure.
    Figure,
    /// The authority's logo for the title page.
    Logo,
    /// A Word document whose styles the plan's Word exports take.
    WordTemplate,
    /// A Word, text or Markdown file to start a plan from.
    ImportSource,
    /// The folder a committee report's pack is written into.
    ReportPack,
    /// A PDF or Word file attached to a committee report as an appendix.
    ReportAttachment,
    /// A report template (JSON) to add to the plan.
    ReportTemplateImport,
    /// Where to write a report template (JSON).
    ReportTemplateExport,
    /// Where to make a new plan holding a version of the open one.
    RestoreVersion,
    /// Where to write the signed-off PDF of an approval.
    SignOff,
    /// A PDF to check against the plan's sign-off record.
    VerifyPdf,
    /// A key, certificate or PKCS#12 file to sign a sign-off with.
    SigningKey,
}

impl Purpose {
    /// The export dialog a file's name says it came from: a name the PDF
    /// dialog gave ends in .pdf, so any other is checked as a PDF's and
    /// refused.
    pub fn of_export(path: &Path) -> Purpose {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "docx" => Purpose::ExportDocx,
            "html" | "htm" => Purpose::ExportHtml,
            _ => Purpose::ExportPdf,
        }
    }

    /// How the refusal puts it: "open", "create", …
    fn verb(self) -> &'static str {
        match self {
            Purpose::OpenPlan => "opens plans",
            Purpose::NewPlan => "creates plans",
            Purpose::ExportPdf | Purpose::ExportHtml | Purpose::ExportDocx => "writes exports",
            Purpose::Figure | Purpose::Logo => "reads pictures",
            Purpose::WordTemplate => "reads Word templates",
            Purpose::ImportSource => "imports files",
            Purpose::ReportPack => "writes packs into folders",
            Purpose::ReportAttachment => "attaches files",
            Purpose::ReportTemplateImport => "reads report templates",
            Purpose::ReportTemplateExport => "writes report templates",
            Purpose::RestoreVersion => "restores versions into new plans",
            Purpose::SignOff => "writes signed-off PDFs",
            Purpose::VerifyPdf => "checks PDFs",
            Purpose::SigningKey => "signs with keys",
        }
    }
}

#[derive(Default)]
pub struct Grants {
    chosen: Mutex<HashSet<(Purpose, PathBuf)>>,
}

impl Grants {
    pub fn allow(&self, purpose: Purpose, path: PathBuf) {
        self.lock().insert((purpose, path));
    }

    /// Ok if `path` was chosen for `purpose`, or `also` vouches for it (a
    /// recent plan).
    pub fn check(&self, purpose: Purpose, path: &Path, also: bool) -> AppResult<()> {
        if also || self.lock().contains(&(purpose, path.to_path_buf())) {
            return Ok(());
        }
        Err(AppError {
            code: ErrorCode::NotChosen,
            message: format!(
                "{}: Planwright only {} that you choose in its own dialog; choose the file again",
                path.display(),
                purpose.verb()
            ),
            detail: Some(path.display().to_string()),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashSet<(Purpose, PathBuf)>> {
        self.chosen.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_path_chosen_for_that_purpose_passes() {
        let g = Grants::default();
        let pdf = Path::new("/home/u/plan.pdf");
        let e = g.check(Purpose::ExportPdf, pdf, false).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotChosen);
        assert_eq!(e.detail.as_deref(), Some("/home/u/plan.pdf"));
        assert!(
            e.message.contains("only writes exports that you choose"),
            "{}",
            e.message
        );

        g.allow(Purpose::Figure, pdf.to_path_buf());
        assert!(
            g.check(Purpose::ExportPdf, pdf, false).is_err(),
            "chosen to read is not chosen to write"
        );
        g.allow(Purpose::ExportPdf, pdf.to_path_buf());
        assert!(g.check(Purpose::ExportPdf, pdf, false).is_ok());
        assert!(g
            .check(
                Purpose::ExportPdf,
                Path::new("/home/u/x/../plan.pdf"),
                false
            )
            .is_err());
        assert!(g
            .check(Purpose::OpenPlan, Path::new("/x.plan"), true)
            .is_ok());
    }

    #[test]
    fn an_export_is_checked_against_the_dialog_its_name_says() {
        let of = |p: &str| Purpose::of_export(Path::new(p));
        assert_eq!(of("/d/a.PDF"), Purpose::ExportPdf);
        assert_eq!(of("/d/a.docx"), Purpose::ExportDocx);
        assert_eq!(of("/d/a.htm"), Purpose::ExportHtml);
        assert_eq!(of("/d/a.txt"), Purpose::ExportPdf);
    }
}
