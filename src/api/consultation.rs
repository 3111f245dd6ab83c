//! Consultation on a draft: who must be consulted (the plan's required
//! consultees, seed 004's nine in a new plan, and its partners), rounds
//! with their dates (a round's close is the comments deadline the draft's
//! title page gives), responses logged against a section or an action with
//! what changed as a result, and the consultation summary.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::Result;
use crate::compose::{appendix, ComposeOptions};
use crate::export::output;
use crate::model::consultation::{Consultee, ConsulteeKind, Response, Round};
use crate::model::{ActionFilter, Id, PlanStatus, ValidationError};
use crate::store::{self, consultation::NewResponse, PlanFile, StoreError};

/// The plan's required consultees (by code), then its organisations.
pub fn consultees(plan: &PlanFile) -> Result<Vec<Consultee>> {
    Ok(plan.read(|conn| {
        let mut out = store::consultation::required(conn)?;
        out.extend(
            store::organisations::list(conn)?
                .into_iter()
                .map(|o| Consultee {
                    kind: ConsulteeKind::Organisation,
                    key: o.name.clone(),
                    name: o.name,
                }),
        );
        Ok(out)
    })?)
}

/// Replaces the plan's required consultees with its authority's own list,
/// numbered from 1. Refused once a response from a required consultee is
/// logged: responses name them by number. Like the required contents,
/// how the plan is checked, not its content.
pub fn set_required_consultees(plan: &mut PlanFile, names: &[String]) -> Result<Vec<Consultee>> {
    let items = super::approval::authority_list("consultees", names)?;
    plan.write(|tx| {
        let logged = store::consultation::responses(tx)?
            .iter()
            .filter(|r| r.consultee_kind == ConsulteeKind::Required)
            .count();
        if logged > 0 {
            return Err(StoreError::Refused(format!(
                "{logged} responses from required consultees are logged against their numbers: \
                 the list cannot change once consultation has heard from them"
            )));
        }
        store::frameworks::replace_items(tx, "required_consultees", &items)?;
        Ok(())
    })?;
    consultees(plan)
}

/// Opens a round of consultation: the plan becomes a consultation draft
/// whose comments are due when the round closes.
pub fn open_round(
    plan: &mut PlanFile,
    name: &str,
    opens: NaiveDate,
    closes: NaiveDate,
) -> Result<Round> {
    Ok(plan.write(|tx| {
        let round = store::consultation::add_round(tx, name, opens, closes)?;
        let mut info = store::plan_info::get(tx)?;
        info.status = PlanStatus::Consultation;
        info.key_dates.comments_deadline = Some(closes);
        store::plan_info::put(tx, &info)?;
        Ok(round)
    })?)
}

pub fn rounds(plan: &PlanFile) -> Result<Vec<Round>> {
    Ok(plan.read(store::consultation::rounds)?)
}

/// What a response is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum About {
    Plan,
    Section(Id),
    Action(Id),
}

/// A response to log.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Respond {
    pub round: Id,
    /// A required consultee's code ("3"), an organisation's name, or
    /// anyone else's name.
    pub consultee: String,
    pub received: Option<NaiveDate>,
    pub about: About,
    pub said: String,
    pub outcome: String,
}

/// Logs a response; returns it as the list shows it.
pub fn respond(plan: &mut PlanFile, r: &Respond) -> Result<Response> {
    let id = plan.write(|tx| {
        let who = r.consultee.trim();
        if who.is_empty() {
            return Err(ValidationError::new("consultee", "say who responded").into());
        }
        let kind = if store::consultation::required(tx)?
            .iter()
            .any(|c| c.key == who)
        {
            ConsulteeKind::Required
        } else if store::organisations::find(tx, who)?.is_some() {
            ConsulteeKind::Organisation
        } else {
            ConsulteeKind::Other
        };
        let about = match r.about {
            About::Plan => String::new(),
            About::Section(id) => {
                let s = store::sections::get(tx, id)?;
                let c = store::chapters::get(tx, s.chapter)?;
                match s.title {
                    Some(t) => format!("section \"{t}\" of chapter \"{}\"", c.title),
                    None => format!("chapter \"{}\"", c.title),
                }
            }
            About::Action(id) => {
                let a = store::actions::list(tx, &ActionFilter::default())?
                    .into_iter()
                    .find(|a| a.action.id == id)
                    .ok_or_else(|| StoreError::missing("action", id))?;
                format!("action {id} \"{}\"", a.action.activity)
            }
        };
        store::consultation::add_response(
            tx,
            &NewResponse {
                round: r.round,
                kind,
                consultee: who,
                received: r.received,
                about: &about,
                said: &r.said,
                outcome: &r.outcome,
            },
        )
    })?;
    responses(plan)?
        .into_iter()
        .find(|x| x.id == id)
        .ok_or_else(|| StoreError::missing("response", id).into())
}

/// Records what changed in the plan as a result of response `id`.
pub fn set_outcome(plan: &mut PlanFile, id: Id, outcome: &str) -> Result<()> {
    Ok(plan.write(|tx| store::consultation::set_outcome(tx, id, outcome))?)
}

/// Every response, by round, with who it is from in words.
pub fn responses(plan: &PlanFile) -> Result<Vec<Response>> {
    Ok(plan.read(store::consultation::responses)?)
}

/// Writes the consultation summary at `output` (.pdf, .docx or .html, as
/// its name says): each round's responses, what changed, and the required
/// consultees not yet heard from. Returns its warnings.
pub fn summary(plan: &PlanFile, out: &Path) -> Result<Vec<String>> {
    output::check_target(out, plan.path())?;
    super::export::Format::of(out)?;
    let doc = appendix::consultation(plan, &ComposeOptions::default())?;
    super::export::prepare_document(plan, doc, out)?.write()
}
