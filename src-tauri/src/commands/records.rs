//! Indicators, people, organisations and the glossary.

use planwright::api::stale::{self, Changed};
use planwright::api::{
    self,
    indicators::{IndicatorFigure, IndicatorRow},
};
use planwright::model::{
    GlossaryTerm, Id, Indicator, IndicatorFilter, OrgKind, Organisation, Person,
};

use crate::error::AppResult;
use crate::state::ThisWindow;

#[tauri::command(async)]
pub fn indicators_list(
    state: ThisWindow<'_>,
    filter: IndicatorFilter,
) -> AppResult<Vec<Indicator>> {
    state.with_plan(|p| api::indicators::list(p, &filter))
}

/// Indicator `code`'s trend chart as SVG, as exports draw it; None while
/// it has no figures.
#[tauri::command(async)]
pub fn indicator_chart(state: ThisWindow<'_>, code: String) -> AppResult<Option<String>> {
    state.with_plan(|p| api::indicators::chart_svg(p, &code))
}

/// The indicators grid: every year of the plan, with RAG from the polarity.
#[tauri::command(async)]
pub fn indicator_rows(
    state: ThisWindow<'_>,
    filter: IndicatorFilter,
) -> AppResult<Vec<IndicatorRow>> {
    state.with_plan(|p| api::indicators::rows(p, &filter))
}

/// Sets one year's target or actual from the text typed in its cell; empty
/// text clears it, invalid text saves nothing.
#[tauri::command(async)]
pub fn indicator_set(
    state: ThisWindow<'_>,
    code: String,
    year: i32,
    figure: IndicatorFigure,
    text: String,
) -> AppResult<Changed<Option<f64>>> {
    state.change(stale::INDICATORS, |p| {
        api::indicators::set_figure(p, &code, year, figure, &text)
    })
}

#[tauri::command(async)]
pub fn people_list(state: ThisWindow<'_>) -> AppResult<Vec<Person>> {
    state.with_plan(|p| api::people::people(p))
}

#[tauri::command(async)]
pub fn organisations_list(state: ThisWindow<'_>) -> AppResult<Vec<Organisation>> {
    state.with_plan(|p| api::people::organisations(p))
}

#[tauri::command(async)]
pub fn person_add(
    state: ThisWindow<'_>,
    name: String,
    role: Option<String>,
    organisation: Option<Id>,
) -> AppResult<Changed<Id>> {
    state.change(stale::PEOPLE, |p| {
        api::people::add_person(p, &name, role.as_deref(), organisation)
    })
}

#[tauri::command(async)]
pub fn organisation_add(
    state: ThisWindow<'_>,
    name: String,
    kind: OrgKind,
) -> AppResult<Changed<Id>> {
    state.change(stale::PEOPLE, |p| {
        api::people::add_organisation(p, &name, kind)
    })
}

#[tauri::command(async)]
pub fn glossary_list(state: ThisWindow<'_>) -> AppResult<Vec<GlossaryTerm>> {
    state.with_plan(|p| api::glossary::list(p))
}

#[tauri::command(async)]
pub fn glossary_add(
    state: ThisWindow<'_>,
    term: String,
    definition: String,
) -> AppResult<Changed<Id>> {
    state.change(stale::GLOSSARY, |p| {
        api::glossary::add(p, &term, &definition)
    })
}
