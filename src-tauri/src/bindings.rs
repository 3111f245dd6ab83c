//! The TypeScript types of everything that crosses the boundary, generated
//! from the Rust types into `ui/src/bindings/`. `cargo test -p planwright-app`
//! fails if the checked-in files are out of date; run it with
//! `UPDATE_BINDINGS=1` to rewrite them.

use std::collections::BTreeMap;
use std::path::Path;

use planwright::api::{
    actions::ActionField,
    approval::{SignedOff, Verification},
    consultation::{About, Respond},
    export::Appendix,
    find::{FindQuery, FindResult, Found, Replaced},
    import::Imported,
    indicators::{IndicatorFigure, IndicatorRow},
    plan::{PlanLogo, PlanSummary},
    reports::{NewReport, PackResult, ReportSummary, ReportView},
    sections::SectionView,
    stale::{Changed, View},
    versions::Comparison,
    ErrorCode,
};
use planwright::compare::Diff;
use planwright::model::approval::{Approval, ApprovalRequest, Publication, Route};
use planwright::model::consultation::{Consultee, Response, Round};
use planwright::model::version::{Version, VersionStage};
use planwright::model::{
    ActionFilter, ActionView, Framework, GlossaryTerm, Indicator, IndicatorFilter, Organisation,
    OutlineChapter, Person, PlanInfo,
};
use planwright::readiness::Readiness;
use planwright::templates::Template;
use ts_rs::TS;

use crate::commands::about::AboutApp;
use crate::commands::consultation::{OpenedRound, Published};
use crate::commands::plan::RepairOutcome;
use crate::commands::versions::{ApprovedPlan, SigningKey};
use crate::error::AppError;
use crate::grants::Purpose;
use crate::recent::RecentPlan;

/// Every generated file, by name. Ids and pence are i64 in Rust, which ts-rs
/// writes as `bigint`; they cross as JSON numbers (all well below 2^53), so
/// the bindings say `number`.
fn generate() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    AboutApp::export_all_to(out).unwrap();
    AppError::export_all_to(out).unwrap();
    ErrorCode::export_all_to(out).unwrap();
    View::export_all_to(out).unwrap();
    Changed::<()>::export_all_to(out).unwrap();
    Template::export_all_to(out).unwrap();
    RecentPlan::export_all_to(out).unwrap();
    Purpose::export_all_to(out).unwrap();
    RepairOutcome::export_all_to(out).unwrap();
    Imported::export_all_to(out).unwrap();
    PlanSummary::export_all_to(out).unwrap();
    PlanLogo::export_all_to(out).unwrap();
    FindQuery::export_all_to(out).unwrap();
    FindResult::export_all_to(out).unwrap();
    Found::export_all_to(out).unwrap();
    Replaced::export_all_to(out).unwrap();
    SectionView::export_all_to(out).unwrap();
    ActionField::export_all_to(out).unwrap();
    OutlineChapter::export_all_to(out).unwrap();
    PlanInfo::export_all_to(out).unwrap();
    ActionView::export_all_to(out).unwrap();
    ActionFilter::export_all_to(out).unwrap();
    Framework::export_all_to(out).unwrap();
    Indicator::export_all_to(out).unwrap();
    IndicatorFilter::export_all_to(out).unwrap();
    IndicatorRow::export_all_to(out).unwrap();
    IndicatorFigure::export_all_to(out).unwrap();
    Person::export_all_to(out).unwrap();
    Organisation::export_all_to(out).unwrap();
    GlossaryTerm::export_all_to(out).unwrap();
    Appendix::export_all_to(out).unwrap();
    ReportSummary::export_all_to(out).unwrap();
    ReportView::export_all_to(out).unwrap();
    NewReport::export_all_to(out).unwrap();
    PackResult::export_all_to(out).unwrap();
    Version::export_all_to(out).unwrap();
    Comparison::export_all_to(out).unwrap();
    Diff::export_all_to(out).unwrap();
    Readiness::export_all_to(out).unwrap();
    Approval::export_all_to(out).unwrap();
    ApprovalRequest::export_all_to(out).unwrap();
    ApprovedPlan::export_all_to(out).unwrap();
    SignedOff::export_all_to(out).unwrap();
    Verification::export_all_to(out).unwrap();
    SigningKey::export_all_to(out).unwrap();
    Round::export_all_to(out).unwrap();
    Consultee::export_all_to(out).unwrap();
    Response::export_all_to(out).unwrap();
    About::export_all_to(out).unwrap();
    Respond::export_all_to(out).unwrap();
    OpenedRound::export_all_to(out).unwrap();
    Publication::export_all_to(out).unwrap();
    Published::export_all_to(out).unwrap();
    std::fs::write(out.join("choices.ts"), choices()).unwrap();
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("bigint", "number");
        files.insert(
            path.file_name().unwrap().to_string_lossy().into_owned(),
            text,
        );
    }
    files
}

/// The values of the enums the UI offers in lists, in the order Rust
/// declares them, so the UI never keeps its own copy.
fn choices() -> String {
    use planwright::model::{ActionStatus, IndicatorKind, OrgKind, Polarity, Rag};
    fn list<T: std::fmt::Display>(all: &[T]) -> String {
        let quoted: Vec<String> = all.iter().map(|v| format!("\"{v}\"")).collect();
        format!("[{}]", quoted.join(", "))
    }
    let lists = [
        ("ACTION_STATUSES", "ActionStatus", list(ActionStatus::ALL)),
        ("RAGS", "Rag", list(Rag::ALL)),
        ("INDICATOR_KINDS", "IndicatorKind", list(IndicatorKind::ALL)),
        ("POLARITIES", "Polarity", list(Polarity::ALL)),
        ("ORG_KINDS", "OrgKind", list(OrgKind::ALL)),
        ("ROUTES", "Route", list(Route::ALL)),
    ];
    let mut t = String::from(
        "// Generated from the Rust enums by src-tauri/src/bindings.rs. Do not edit.\n\n",
    );
    for (_, ty, _) in &lists {
        t += &format!("import type {{ {ty} }} from \"./{ty}\";\n");
    }
    t += "import type { VersionStage } from \"./VersionStage\";\n";
    t += "\n";
    for (name, ty, values) in &lists {
        t += &format!("export const {name}: readonly {ty}[] = {values};\n");
    }
    let stages: Vec<String> = VersionStage::ALL
        .iter()
        .map(|s| format!("  [\"{s}\", \"{}\"],\n", s.label()))
        .collect();
    t += &format!(
        "\n// Each stage a version is kept at, with its name in words.\n\
         export const VERSION_STAGES: readonly (readonly [VersionStage, string])[] = [\n{}];\n",
        stages.concat()
    );
    t
}

#[test]
fn typescript_bindings_are_up_to_date() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings");
    let files = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&out);
        std::fs::create_dir_all(&out).unwrap();
        for (name, text) in &files {
            std::fs::write(out.join(name), text).unwrap();
        }
    }
    let mut stale = Vec::new();
    for (name, text) in &files {
        if std::fs::read_to_string(out.join(name)).ok().as_ref() != Some(text) {
            stale.push(name.clone());
        }
    }
    for entry in std::fs::read_dir(&out).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !files.contains_key(&name) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date ({stale:?}); run `UPDATE_BINDINGS=1 cargo test -p planwright-app bindings`"
    );
}
