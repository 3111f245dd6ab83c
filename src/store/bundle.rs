//! Loading a [`Bundle`] (a template, the sample plan) into an empty plan,
//! and reading a whole plan back as one (for `repair`).

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, Transaction};

use super::error::{Result, StoreError};
use super::{
    actions, assets, blocks, chapters, frameworks, glossary, indicators, logo, notes,
    organisations, people, plan_info, priorities, reference, reports, sections,
};
use crate::model::bundle::{
    BundleAction, BundleChapter, BundleFramework, BundleIndicator, BundleItem, BundleNote,
    BundleOrganisation, BundlePerson, BundlePriority, BundleSection, BundleTerm,
};
use crate::model::prosemirror::{parse_block, parse_doc, to_doc};
use crate::model::{
    Action, ActionFilter, Block, Bundle, Id, Indicator, IndicatorFilter, Priority, ValidationError,
};

/// Writes everything in the bundle. Links by name or code must resolve;
/// the error names the row and the link that does not.
pub fn load(tx: &Transaction<'_>, b: &Bundle) -> Result<()> {
    plan_info::put(tx, &b.plan)?;
    append(tx, b)?;
    if let Some(id) = &b.logo {
        logo::link(tx, Some(id))?;
    }
    Ok(())
}

/// Adds everything in the bundle but its plan details and logo to the plan
/// `tx` writes: its reference lists, people, organisations, priorities,
/// indicators and actions, its chapters after the plan's own, its glossary
/// and notes. Names and keys must be new to the plan (an import makes them
/// so); links must resolve, as for [`load`].
pub fn append(tx: &Transaction<'_>, b: &Bundle) -> Result<()> {
    for f in &b.frameworks {
        let items: Vec<(String, String)> = f
            .items
            .iter()
            .map(|i| (i.code.clone(), i.title.clone()))
            .collect();
        // An authority's own list in place of the built-in one every plan
        // is seeded with.
        if reference::AUTHORITY_LISTS.contains(&f.key.as_str()) {
            frameworks::replace_items(tx, &f.key, &items)?;
        } else {
            frameworks::insert(tx, &f.key, &f.name, &items)?;
        }
    }
    for o in &b.organisations {
        organisations::insert(tx, &o.name, o.kind)?;
    }
    for p in &b.people {
        let org = p
            .organisation
            .as_deref()
            .map(|name| org_named(tx, &format!("person {}", p.name), name))
            .transpose()?;
        people::insert(tx, &p.name, p.role.as_deref(), org)?;
    }
    for p in &b.priorities {
        let outcome = match &p.outcome {
            Some(code) => Some(
                frameworks::find_item(tx, "ecm_outcomes", code)?
                    .ok_or_else(|| bad(&format!("priority {}", p.code), "outcome", code))?,
            ),
            None => None,
        };
        priorities::insert(
            tx,
            &Priority {
                id: 0,
                code: p.code.clone(),
                title: p.title.clone(),
                description: p.description.clone(),
                laa: p.laa,
                outcome,
            },
        )?;
    }
    for i in &b.indicators {
        let priority = priority_coded(tx, &format!("indicator {}", i.code), i.priority.as_deref())?;
        indicators::insert(
            tx,
            &Indicator {
                id: 0,
                code: i.code.clone(),
                title: i.title.clone(),
                kind: i.kind,
                polarity: i.polarity,
                unit: i.unit.clone(),
                priority,
                baseline: i.baseline,
                targets: i.targets.clone(),
                actuals: i.actuals.clone(),
            },
        )
        .map_err(|e| within(e, &format!("indicator {}", i.code)))?;
    }
    let mut action_ids: HashMap<&str, Id> = HashMap::new();
    // Positions count on from the last, asked for once.
    for (position, a) in (actions::next_position(tx)?..).zip(&b.actions) {
        let at = format!("action {}", a.key);
        let parent = match &a.parent {
            Some(k) => Some(
                *action_ids
                    .get(k.as_str())
                    .ok_or_else(|| bad(&at, "parent", k))?,
            ),
            None => None,
        };
        let objective = match (&a.framework, &a.item) {
            (Some(f), Some(i)) => Some(
                frameworks::find_item(tx, f, i)?
                    .ok_or_else(|| bad(&at, "objective", &format!("{f}/{i}")))?,
            ),
            (None, None) => None,
            _ => {
                return Err(ValidationError::new(
                    "objective",
                    format!("{at}: give both framework and item"),
                )
                .into())
            }
        };
        let lead_person = match &a.lead_person {
            Some(n) => Some(people::find(tx, n)?.ok_or_else(|| bad(&at, "lead_person", n))?),
            None => None,
        };
        let lead_organisation = a
            .lead_organisation
            .as_deref()
            .map(|n| org_named(tx, &at, n))
            .transpose()?;
        let partners = a
            .partners
            .iter()
            .map(|n| org_named(tx, &at, n))
            .collect::<Result<Vec<_>>>()?;
        let action = Action {
            id: 0,
            parent,
            activity: a.activity.clone(),
            objective,
            priority: priority_coded(tx, &at, a.priority.as_deref())?,
            lead_person,
            lead_organisation,
            partners,
            notes: a.notes.clone(),
            start: a.start,
            end: a.end,
            cost_pence: a.cost_pence,
            status: a.status,
            rag: a.rag,
        };
        let id = actions::insert_at(tx, &action, position).map_err(|e| within(e, &at))?;
        if action_ids.insert(a.key.as_str(), id).is_some() {
            return Err(StoreError::Refused(format!("{at}: the key is used twice")));
        }
    }
    for (ci, c) in b.chapters.iter().enumerate() {
        let chapter = chapters::add(tx, &c.title, c.numbered, None)?;
        for (si, s) in c.sections.iter().enumerate() {
            let section = sections::add(tx, chapter, s.title.as_deref(), None)?;
            let content = parse_doc(&s.content).map_err(|e| {
                e.within(&format!(
                    "chapter {} (\"{}\"), section {}",
                    ci + 1,
                    c.title,
                    si + 1
                ))
            })?;
            blocks::replace_section_blocks(tx, section, &content)?;
        }
        if c.sections.is_empty() {
            sections::add(tx, chapter, None, None)?;
        }
    }
    for g in &b.glossary {
        glossary::insert(tx, &g.term, &g.definition)?;
    }
    for n in &b.notes {
        notes::insert(tx, &n.label, &n.text, n.url.as_deref())?;
    }
    for t in &b.report_templates {
        reports::put_template(tx, t)
            .map_err(|e| within(e, &format!("report template {}", t.key)))?;
    }
    for r in &b.reports {
        reports::insert(tx, r).map_err(|e| within(e, &format!("report \"{}\"", r.title)))?;
    }
    Ok(())
}

fn bad(at: &str, field: &str, value: &str) -> StoreError {
    ValidationError::new(field, format!("{at}: \"{value}\" does not exist")).into()
}

fn within(e: StoreError, at: &str) -> StoreError {
    match e {
        StoreError::Invalid(v) => {
            ValidationError::new(&v.field, format!("{at}: {}", v.problem)).into()
        }
        other => other,
    }
}

fn org_named(tx: &Transaction<'_>, at: &str, name: &str) -> Result<Id> {
    organisations::find(tx, name)?.ok_or_else(|| bad(at, "organisation", name))
}

fn priority_coded(tx: &Transaction<'_>, at: &str, code: Option<&str>) -> Result<Option<Id>> {
    code.map(|c| priorities::find(tx, c)?.ok_or_else(|| bad(at, "priority", c)))
        .transpose()
}

/// A whole plan read back as a bundle, and what could not be carried
/// across with it, in words.
#[derive(Debug)]
pub struct Dump {
    pub bundle: Bundle,
    pub left_out: Vec<String>,
}

/// Reads the whole plan, of plan format `format`, through our own row
/// mapping, links by id turned into links by name and code, as [`load`]
/// takes them. Only the columns we know are read. A block that does not fit
/// the block schema, or a link to a row that is not there, is left out and
/// named in `left_out`; anything else that cannot be read is an error naming
/// the part.
pub fn dump(conn: &Connection, format: i64) -> Result<Dump> {
    let mut left_out = Vec::new();
    let plan = part("plan's properties", plan_info::get(conn))?;
    // Format 2 added the logo.
    let logo = match format {
        ..=1 => None,
        _ => part("plan's logo", logo::asset(conn))?,
    };
    // Only a logo whose image goes across with the plan's images.
    let logo = match logo {
        Some(id) if !part("plan's logo", assets::is_image(conn, &id))? => {
            left_out.push(format!(
                "the plan's logo: its image {id} is not a PNG or JPEG the plan holds"
            ));
            None
        }
        logo => logo,
    };

    let all_frameworks = part("frameworks", frameworks::list(conn))?;
    let item_ref: HashMap<Id, (String, String)> = all_frameworks
        .iter()
        .flat_map(|f| {
            f.items
                .iter()
                .map(|i| (i.id, (f.key.clone(), i.code.clone())))
        })
        .collect();
    // New plans are seeded with the built-in lists; only the plan's own go
    // across, and an authority's own required contents or consultees.
    let frameworks = all_frameworks
        .into_iter()
        .filter(|f| !reference::is_built_in(&f.key) || changed_authority_list(f))
        .map(|f| BundleFramework {
            key: f.key,
            name: f.name,
            items: f
                .items
                .into_iter()
                .map(|i| BundleItem {
                    code: i.code,
                    title: i.title,
                })
                .collect(),
        })
        .collect();

    let orgs = part("organisations", organisations::list(conn))?;
    let org_name: HashMap<Id, String> = orgs.iter().map(|o| (o.id, o.name.clone())).collect();
    let people = part("people", people::list(conn))?
        .into_iter()
        .map(|p| BundlePerson {
            organisation: p.organisation.and_then(|id| org_name.get(&id).cloned()),
            name: p.name,
            role: p.role,
        })
        .collect();

    let prios = part("priorities", priorities::list(conn))?;
    let prio_code: HashMap<Id, String> = prios.iter().map(|p| (p.id, p.code.clone())).collect();
    let priorities = prios
        .into_iter()
        .map(|p| {
            // `load` links a priority to an Every Child Matters outcome only.
            let outcome = p.outcome.and_then(|id| match item_ref.get(&id) {
                Some((key, code)) if key == "ecm_outcomes" => Some(code.clone()),
                _ => {
                    left_out.push(format!("priority {}: its link to outcome #{id}", p.code));
                    None
                }
            });
            BundlePriority {
                code: p.code,
                title: p.title,
                description: p.description,
                laa: p.laa,
                outcome,
            }
        })
        .collect();

    let indicators = part(
        "indicators",
        indicators::list(conn, &IndicatorFilter::default()),
    )?
    .into_iter()
    .map(|i| BundleIndicator {
        priority: i.priority.and_then(|id| prio_code.get(&id).cloned()),
        code: i.code,
        title: i.title,
        kind: i.kind,
        polarity: i.polarity,
        unit: i.unit,
        baseline: i.baseline,
        targets: i.targets,
        actuals: i.actuals,
    })
    .collect();

    // In outline order, so a parent always comes before its sub-actions.
    let views = part("actions", actions::list(conn, &ActionFilter::default()))?;
    let stored = part("actions", actions::count(conn))?;
    if views.len() < stored {
        left_out.push(format!(
            "{} actions that are sub-actions of each other in a loop",
            stored - views.len()
        ));
    }
    let ids: HashSet<Id> = views.iter().map(|v| v.action.id).collect();
    let actions = views
        .into_iter()
        .map(|v| {
            let a = v.action;
            let parent = a.parent.filter(|p| {
                let there = ids.contains(p);
                if !there {
                    left_out.push(format!("action {}: its link to parent action {p}", a.id));
                }
                there
            });
            let (framework, item) = v.objective_ref.unzip();
            BundleAction {
                key: a.id.to_string(),
                activity: a.activity,
                parent: parent.map(|p| p.to_string()),
                framework,
                item,
                priority: v.priority_code,
                lead_person: v.lead_person_name,
                lead_organisation: v.lead_organisation_name,
                partners: v.partner_names,
                notes: a.notes,
                start: a.start,
                end: a.end,
                cost_pence: a.cost_pence,
                status: a.status,
                rag: a.rag,
            }
        })
        .collect();

    let mut chapters_out = Vec::new();
    for (ci, c) in part("chapters", chapters::list(conn))?
        .into_iter()
        .enumerate()
    {
        let mut sections_out = Vec::new();
        for (si, s) in part("sections", sections::list(conn, c.id))?
            .into_iter()
            .enumerate()
        {
            let at = format!("chapter {} (\"{}\"), section {}", ci + 1, c.title, si + 1);
            let mut content: Vec<Block> = Vec::new();
            let rows = blocks::section_rows(conn, s.id).map_err(|e| unread("blocks", e))?;
            for (id, _, json) in rows {
                let block = serde_json::from_str(&json)
                    .map_err(|e| format!("not valid JSON: {e}"))
                    .and_then(|v| {
                        parse_block(&v, &format!("block {id}")).map_err(|e| e.to_string())
                    });
                match block {
                    Ok(b) => content.push(b),
                    Err(why) => left_out.push(format!("{at}: block {id} ({why})")),
                }
            }
            sections_out.push(BundleSection {
                title: s.title,
                content: to_doc(&content),
            });
        }
        chapters_out.push(BundleChapter {
            title: c.title,
            numbered: c.numbered,
            sections: sections_out,
        });
    }

    let glossary = part("glossary", glossary::list(conn))?
        .into_iter()
        .map(|g| BundleTerm {
            term: g.term,
            definition: g.definition,
        })
        .collect();
    let notes = part("notes", notes::list(conn))?
        .into_iter()
        .map(|n| BundleNote {
            label: n.label,
            text: n.text,
            url: n.url,
        })
        .collect();

    // Format 4 added committee reports. One that cannot be read is left
    // out and named; the rest go across.
    let (reports, report_templates) = match format {
        ..=3 => (Vec::new(), Vec::new()),
        _ => {
            let mut out = Vec::new();
            for id in part("reports", reports::ids(conn))? {
                match reports::get(conn, id) {
                    Ok(r) => out.push(r.body),
                    Err(e) => left_out.push(format!("report {id}: {e}")),
                }
            }
            let templates = match reports::templates(conn) {
                Ok(t) => t,
                Err(e) => {
                    left_out.push(format!("the plan's report templates: {e}"));
                    Vec::new()
                }
            };
            (out, templates)
        }
    };

    Ok(Dump {
        bundle: Bundle {
            plan,
            frameworks,
            organisations: orgs
                .into_iter()
                .map(|o| BundleOrganisation {
                    name: o.name,
                    kind: o.kind,
                })
                .collect(),
            people,
            priorities,
            indicators,
            actions,
            chapters: chapters_out,
            glossary,
            notes,
            logo,
            reports,
            report_templates,
        },
        left_out,
    })
}

/// Names the part of the plan a read failed in.
fn part<T>(what: &str, r: Result<T>) -> Result<T> {
    r.map_err(|e| match e {
        StoreError::Sqlite(e) => unread(what, e),
        other => other,
    })
}

fn unread(what: &str, e: rusqlite::Error) -> StoreError {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        // The caller words these: repair's step limit, damage, a lock.
        Some(OperationInterrupted | DatabaseCorrupt | DatabaseBusy | DatabaseLocked) => {
            StoreError::Sqlite(e)
        }
        // A missing table or column, a value of the wrong type…
        _ => StoreError::Refused(format!("the plan's {what} could not be read ({e})")),
    }
}

/// A required contents or consultees list changed from the built-in one.
fn changed_authority_list(f: &crate::model::Framework) -> bool {
    reference::AUTHORITY_LISTS.contains(&f.key.as_str())
        && reference::default_items(&f.key).is_some_and(|d| {
            d.len() != f.items.len()
                || d.iter()
                    .zip(&f.items)
                    .any(|((code, title), i)| *code != i.code || *title != i.title)
        })
}
