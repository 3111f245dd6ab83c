//! Choosing files. The native dialogs run here, in Rust, and whatever the
//! user picks is granted for that purpose (see `grants.rs`); the webview
//! only ever learns the path to show it and hand it back.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

use crate::error::AppResult;
use crate::grants::Purpose;
use crate::state::ThisWindow;

/// For the end-to-end tests, which cannot drive a native dialog: the file
/// this names holds the answers, one path a line (an empty line cancels),
/// and each dialog takes the first. Only the app's own environment can set
/// it, never the webview.
const SCRIPTED: &str = "PLANWRIGHT_DIALOG_ANSWERS";

/// Shows the open or save dialog for `purpose` (`suggested`: a file name
/// to start from) and returns the chosen path, or null if cancelled.
#[tauri::command(async)]
pub fn choose_file(
    app: AppHandle,
    state: ThisWindow<'_>,
    purpose: Purpose,
    suggested: Option<String>,
) -> AppResult<Option<String>> {
    let picked = match std::env::var_os(SCRIPTED) {
        Some(script) => scripted(Path::new(&script))?,
        None => native(&app, &state, purpose, suggested.as_deref()),
    };
    let Some(path) = picked.map(|p| with_extension(purpose, p)) else {
        return Ok(None);
    };
    state.grants.allow(purpose, path.clone());
    Ok(Some(path.display().to_string()))
}

fn native(
    app: &AppHandle,
    state: &ThisWindow,
    purpose: Purpose,
    suggested: Option<&str>,
) -> Option<PathBuf> {
    let (title, filter, extensions): (&str, &str, &[&str]) = match purpose {
        Purpose::OpenPlan => ("Open a plan", "Plan", &["plan"]),
        Purpose::NewPlan => ("Create the plan as", "Plan", &["plan"]),
        Purpose::ExportPdf => ("Export PDF as", "PDF", &["pdf"]),
        Purpose::ExportHtml => ("Export web page as", "Web page", &["html", "htm"]),
        Purpose::ExportDocx => ("Export Word document as", "Word document", &["docx"]),
        Purpose::Figure => (
            "Choose a picture",
            "PNG or JPEG image",
            &["png", "jpg", "jpeg"],
        ),
        Purpose::Logo => (
            "Choose the logo",
            "PNG or JPEG image",
            &["png", "jpg", "jpeg"],
        ),
        Purpose::WordTemplate => (
            "Choose the Word template",
            "Word document or template",
            &["docx", "dotx"],
        ),
        Purpose::ImportSource => (
            "Choose the document to start the plan from",
            "Word, text or Markdown",
            &["docx", "txt", "md", "markdown", "text"],
        ),
        Purpose::ReportPack => ("Choose the folder for the pack", "Folder", &[]),
        Purpose::ReportAttachment => (
            "Choose the file to attach as an appendix",
            "PDF or Word document",
            &["pdf", "docx"],
        ),
        Purpose::ReportTemplateImport => (
            "Choose the report template to add",
            "Report template",
            &["json"],
        ),
        Purpose::ReportTemplateExport => {
            ("Save the report template as", "Report template", &["json"])
        }
        Purpose::RestoreVersion => ("Restore the version as a new plan", "Plan", &["plan"]),
        Purpose::SignOff => ("Save the signed-off PDF as", "PDF", &["pdf"]),
        Purpose::VerifyPdf => ("Choose the PDF to verify", "PDF", &["pdf"]),
        Purpose::SigningKey => (
            "Choose the key or certificate to sign with",
            "PKCS#12, key or certificate",
            &["p12", "pfx", "pem", "key", "crt", "cer"],
        ),
    };
    let mut dialog = app.dialog().file().set_title(title);
    if !extensions.is_empty() {
        dialog = dialog.add_filter(filter, extensions);
    }
    let folder = match purpose {
        Purpose::NewPlan => app.path().document_dir().ok(),
        _ => state.plan_folder(),
    };
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    // Only a name: a suggestion never points the dialog elsewhere.
    if let Some(name) = suggested.and_then(|s| Path::new(s).file_name()) {
        dialog = dialog.set_file_name(name.to_string_lossy());
    }
    let picked = match purpose {
        Purpose::NewPlan
        | Purpose::ExportPdf
        | Purpose::ExportHtml
        | Purpose::ExportDocx
        | Purpose::ReportTemplateExport
        | Purpose::RestoreVersion
        | Purpose::SignOff => dialog.blocking_save_file(),
        Purpose::ReportPack => dialog.blocking_pick_folder(),
        _ => dialog.blocking_pick_file(),
    };
    picked.and_then(|p| p.into_path().ok())
}

/// Takes the first answer from the script file, leaving the rest.
fn scripted(script: &Path) -> AppResult<Option<PathBuf>> {
    let text = std::fs::read_to_string(script).unwrap_or_default();
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    std::fs::write(script, rest)?;
    let first = first.trim();
    Ok((!first.is_empty()).then(|| PathBuf::from(first)))
}

/// A name typed without its extension gets it, as users expect of a save
/// dialog.
fn with_extension(purpose: Purpose, path: PathBuf) -> PathBuf {
    let wanted = match purpose {
        Purpose::NewPlan | Purpose::RestoreVersion => "plan",
        Purpose::ExportPdf | Purpose::SignOff => "pdf",
        Purpose::ExportHtml if has_extension(&path, "htm") => return path,
        Purpose::ExportHtml => "html",
        Purpose::ExportDocx => "docx",
        Purpose::ReportTemplateExport => "json",
        _ => return path,
    };
    if has_extension(&path, wanted) {
        path
    } else {
        let mut s = path.into_os_string();
        s.push(".");
        s.push(wanted);
        PathBuf::from(s)
    }
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_dialogs_add_the_extension_a_name_lacks() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            with_extension(Purpose::NewPlan, p("/d/plan")),
            p("/d/plan.plan")
        );
        assert_eq!(
            with_extension(Purpose::NewPlan, p("/d/a.PLAN")),
            p("/d/a.PLAN")
        );
        assert_eq!(
            with_extension(Purpose::ExportPdf, p("/d/x.plan")),
            p("/d/x.plan.pdf")
        );
        assert_eq!(with_extension(Purpose::Logo, p("/d/crest")), p("/d/crest"));
        assert_eq!(
            with_extension(Purpose::RestoreVersion, p("/d/draft")),
            p("/d/draft.plan")
        );
        assert_eq!(
            with_extension(Purpose::SignOff, p("/d/signed")),
            p("/d/signed.pdf")
        );
        assert_eq!(
            with_extension(Purpose::ReportTemplateExport, p("/d/derby")),
            p("/d/derby.json")
        );
        assert_eq!(
            with_extension(Purpose::ReportPack, p("/d/pack.v2")),
            p("/d/pack.v2"),
            "a folder is taken as named"
        );
    }

    #[test]
    fn scripted_answers_are_taken_in_turn_and_an_empty_line_cancels() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("answers");
        std::fs::write(&script, "/a.pdf\n\n/b.png\n").unwrap();
        assert_eq!(scripted(&script).unwrap(), Some(PathBuf::from("/a.pdf")));
        assert_eq!(scripted(&script).unwrap(), None);
        assert_eq!(scripted(&script).unwrap(), Some(PathBuf::from("/b.png")));
        assert_eq!(scripted(&script).unwrap(), None, "none left: cancelled");
    }
}
