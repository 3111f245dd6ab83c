//! Consultation and publication: who the draft goes to, its rounds, the
//! responses logged with what changed as a result, the consultation
//! summary, and where and when the approved plan was published.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use planwright::api::consultation::Respond;
use planwright::api::plan::PlanSummary;
use planwright::api::stale::{self, Changed};
use planwright::api::{self};
use planwright::model::approval::{Publication, Route};
use planwright::model::consultation::{Consultee, Response, Round};
use planwright::model::Id;
use serde::Serialize;

use crate::error::AppResult;
use crate::grants::{Grants, Purpose};
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn consultees(state: ThisWindow<'_>) -> AppResult<Vec<Consultee>> {
    state.with_plan(|p| api::consultation::consultees(p))
}

/// Replaces the required consultees with the authority's own list (refused
/// once one has responded); returns the consultees as `consultees` lists them.
#[tauri::command(async)]
pub fn set_required_consultees(
    state: ThisWindow<'_>,
    names: Vec<String>,
) -> AppResult<Changed<Vec<Consultee>>> {
    state.change(stale::PLAN_INFO, |p| {
        api::consultation::set_required_consultees(p, &names)
    })
}

#[tauri::command(async)]
pub fn consultation_rounds(state: ThisWindow<'_>) -> AppResult<Vec<Round>> {
    state.with_plan(|p| api::consultation::rounds(p))
}

/// A round opened, and the plan's summary as it now is (a consultation
/// draft, its comments due when the round closes), for the title bar and
/// Properties.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OpenedRound {
    pub round: Round,
    pub summary: PlanSummary,
}

#[tauri::command(async)]
pub fn consultation_open(
    state: ThisWindow<'_>,
    name: String,
    opens: NaiveDate,
    closes: NaiveDate,
) -> AppResult<Changed<OpenedRound>> {
    state.change(stale::PLAN_INFO, |p| {
        let round = api::consultation::open_round(p, &name, opens, closes)?;
        let summary = api::plan::summary(p)?;
        Ok::<_, api::ApiError>(OpenedRound { round, summary })
    })
}

/// Logs a response; returns it as the list shows it.
#[tauri::command(async)]
pub fn consultation_respond(
    state: ThisWindow<'_>,
    response: Respond,
) -> AppResult<Changed<Response>> {
    state.change(stale::RESPONSES, |p| {
        api::consultation::respond(p, &response)
    })
}

/// Records what changed in the plan as a result of response `id`.
#[tauri::command(async)]
pub fn consultation_outcome(
    state: ThisWindow<'_>,
    id: Id,
    outcome: String,
) -> AppResult<Changed<()>> {
    state.change(stale::RESPONSES, |p| {
        api::consultation::set_outcome(p, id, &outcome)
    })
}

#[tauri::command(async)]
pub fn consultation_responses(state: ThisWindow<'_>) -> AppResult<Vec<Response>> {
    state.with_plan(|p| api::consultation::responses(p))
}

/// Ok when `path` was chosen in the export dialog its name says (PDF, Word
/// or web page), the summary being written as its name says.
fn summary_target(grants: &Grants, path: &Path) -> AppResult<()> {
    grants.check(Purpose::of_export(path), path, false)
}

/// Writes the consultation summary at `path` (chosen in an export dialog)
/// as its name says. A few pages, so written while holding the plan.
/// Returns its warnings.
#[tauri::command(async)]
pub fn consultation_summary(state: ThisWindow<'_>, path: PathBuf) -> AppResult<Vec<String>> {
    summary_target(&state.grants, &path)?;
    state.with_plan(|p| api::consultation::summary(p, &path))
}

/// A publication recorded, and the plan's summary as it now is (its status
/// is published).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Published {
    pub publication: Publication,
    pub summary: PlanSummary,
}

/// Records where and when the latest approved plan was published (refused
/// before any approval).
#[tauri::command(async)]
pub fn publish(
    state: ThisWindow<'_>,
    route: Route,
    place: String,
    published: NaiveDate,
) -> AppResult<Changed<Published>> {
    state.change(stale::PLAN_INFO, |p| {
        let publication = api::approval::publish(p, route, &place, published)?;
        let summary = api::plan::summary(p)?;
        Ok::<_, api::ApiError>(Published {
            publication,
            summary,
        })
    })
}

#[tauri::command(async)]
pub fn publications(state: ThisWindow<'_>) -> AppResult<Vec<Publication>> {
    state.with_plan(|p| api::approval::publications(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use planwright::api::ErrorCode;

    #[test]
    fn a_summary_goes_only_where_its_dialog_said() {
        let grants = Grants::default();
        let pdf = Path::new("/home/u/Consultation summary.pdf");
        let e = summary_target(&grants, pdf).unwrap_err();
        assert_eq!(e.code, ErrorCode::NotChosen);
        assert!(e.message.contains("only writes exports"), "{}", e.message);

        grants.allow(Purpose::ExportPdf, pdf.to_path_buf());
        assert!(summary_target(&grants, pdf).is_ok());
        // A web page's name the PDF dialog never gave.
        let html = Path::new("/home/u/Consultation summary.html");
        grants.allow(Purpose::ExportPdf, html.to_path_buf());
        assert_eq!(
            summary_target(&grants, html).unwrap_err().code,
            ErrorCode::NotChosen
        );
        grants.allow(Purpose::ExportHtml, html.to_path_buf());
        assert!(summary_target(&grants, html).is_ok());
    }
}
