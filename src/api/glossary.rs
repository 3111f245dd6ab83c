//! The glossary of terms and abbreviations printed with the plan.

use super::Result;
use crate::model::{GlossaryTerm, Id};
use crate::store::{glossary, PlanFile};

pub fn list(plan: &PlanFile) -> Result<Vec<GlossaryTerm>> {
    Ok(plan.read(glossary::list)?)
}

pub fn add(plan: &mut PlanFile, term: &str, definition: &str) -> Result<Id> {
    Ok(plan.edit(|tx| glossary::insert(tx, term, definition))?)
}
