//! The people and organisations of the plan: leads and partners of
//! actions, members of groups.

use super::Result;
use crate::model::{Id, OrgKind, Organisation, Person};
use crate::store::{organisations, people, PlanFile};

pub fn people(plan: &PlanFile) -> Result<Vec<Person>> {
    Ok(plan.read(people::list)?)
}

/// Adds a person; a name the plan already has is refused. A blank role is
/// no role.
pub fn add_person(
    plan: &mut PlanFile,
    name: &str,
    role: Option<&str>,
    organisation: Option<Id>,
) -> Result<Id> {
    let role = role.map(str::trim).filter(|r| !r.is_empty());
    Ok(plan.edit(|tx| people::insert(tx, name, role, organisation))?)
}

pub fn organisations(plan: &PlanFile) -> Result<Vec<Organisation>> {
    Ok(plan.read(organisations::list)?)
}

/// Adds an organisation; a name the plan already has is refused.
pub fn add_organisation(plan: &mut PlanFile, name: &str, kind: OrgKind) -> Result<Id> {
    Ok(plan.edit(|tx| organisations::insert(tx, name, kind))?)
}
