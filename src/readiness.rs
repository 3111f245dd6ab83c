//! Whether a plan is ready for approval: the contents a plan must have
//! (the plan's "Required contents" list, seed 004's six items) each found
//! as a chapter or section, every action with a lead and a timescale, every
//! indicator with targets. What is not met blocks approval unless the
//! approver records why it goes ahead.

use rusqlite::Connection;
use serde::Serialize;

use crate::model::{ActionFilter, IndicatorFilter};
use crate::store::{self, StoreError};

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReadinessItem {
    /// What must be so, in words.
    pub item: String,
    pub met: bool,
    /// Where it is met, or what is missing.
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Readiness {
    pub items: Vec<ReadinessItem>,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.items.iter().all(|i| i.met)
    }

    /// The items not met, in words, for an error.
    pub fn unmet(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| !i.met)
            .map(|i| format!("{} ({})", i.item, i.detail))
            .collect()
    }
}

/// Words that name each required content in a chapter's or section's
/// title, by its number in the list.
fn words_for(code: &str) -> &'static [&'static str] {
    match code {
        "1" => &["vision"],
        "2" => &["needs analysis", "analysis", "needs assessment"],
        "4" => &[
            "delivering",
            "integrated",
            "children's trust",
            "children’s trust",
            "partnership",
        ],
        "5" => &[
            "links to",
            "related plans",
            "other plans",
            "partners' plans",
            "partners’ plans",
        ],
        "6" => &["performance", "monitoring", "how we will know"],
        _ => &[],
    }
}

/// The most required contents (and consultees) a plan's list holds: what
/// an authority may set, and all a plan from someone else is read for, so
/// matching them against every title stays bounded.
pub const MAX_REQUIRED_ITEMS: usize = 40;

/// The most items named one by one in a detail.
const NAMED: usize = 3;

pub fn readiness(conn: &Connection) -> Result<Readiness, StoreError> {
    let mut items = Vec::new();
    // Every chapter and section title, with where it is.
    let mut titles: Vec<(String, String)> = Vec::new();
    for c in store::chapters::list(conn)? {
        titles.push((c.title.to_lowercase(), format!("chapter \"{}\"", c.title)));
        for s in store::sections::list(conn, c.id)? {
            if let Some(t) = s.title {
                titles.push((
                    t.to_lowercase(),
                    format!("section \"{t}\" of chapter \"{}\"", c.title),
                ));
            }
        }
    }
    let actions = store::actions::list(conn, &ActionFilter::default())?;
    let contents = store::frameworks::list(conn)?
        .into_iter()
        .find(|f| f.key == "required_contents");
    // Seed 004's items are found by the words plans title them with; an
    // authority's own items by their own titles.
    let built_in = store::reference::default_items("required_contents").unwrap_or_default();
    let contents = contents.map(|f| f.items).unwrap_or_default();
    for i in contents.into_iter().take(MAX_REQUIRED_ITEMS) {
        let item = i
            .title
            .strip_prefix(&format!("{}. ", i.code))
            .unwrap_or(&i.title)
            .trim_end_matches(':')
            .to_owned();
        // Seed 004's item as it was (a list saved back unchanged from the
        // app loses its closing colon, as the checklist shows it).
        let plain = |t: &str| t.trim_end_matches(':').trim().to_owned();
        let seeded = built_in
            .iter()
            .any(|(code, title)| *code == i.code && plain(title) == plain(&i.title));
        let (met, detail) = if !seeded {
            let own = item.to_lowercase();
            match titles
                .iter()
                .find(|(t, _)| t.contains(&own) || (t.chars().count() >= 4 && own.contains(t.as_str())))
            {
                Some((_, at)) => (true, format!("in {at}")),
                None => (
                    false,
                    "no chapter or section is titled for it (a title containing it, or contained in it)"
                        .to_owned(),
                ),
            }
        } else if i.code == "3" {
            // The strategic actions: the plan's own, with their timescales
            // checked below.
            match actions.len() {
                0 => (false, "the plan has no actions".to_owned()),
                n => (true, format!("the plan's {n} actions")),
            }
        } else {
            let words = words_for(&i.code);
            match titles
                .iter()
                .find(|(t, _)| words.iter().any(|w| t.contains(w)))
            {
                Some((_, at)) => (true, format!("in {at}")),
                None if words.is_empty() => (true, "not checked".to_owned()),
                None => (false, "no chapter or section is titled for it".to_owned()),
            }
        };
        items.push(ReadinessItem { item, met, detail });
    }
    let named = |ids: &[String]| {
        let mut s = ids
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        if ids.len() > NAMED {
            s.push_str(&format!(" and {} more", ids.len() - NAMED));
        }
        s
    };
    let without = |pred: &dyn Fn(&crate::model::ActionView) -> bool| -> Vec<String> {
        actions
            .iter()
            .filter(|a| pred(a))
            .map(|a| format!("action {}", a.action.id))
            .collect()
    };
    let no_lead =
        without(&|a| a.action.lead_person.is_none() && a.action.lead_organisation.is_none());
    items.push(ReadinessItem {
        item: "Every action has a lead".into(),
        met: no_lead.is_empty(),
        detail: if no_lead.is_empty() {
            "all have".into()
        } else {
            format!("{} have none: {}", no_lead.len(), named(&no_lead))
        },
    });
    let no_time = without(&|a| a.action.end.is_none());
    items.push(ReadinessItem {
        item: "Every action has a timescale".into(),
        met: no_time.is_empty(),
        detail: if no_time.is_empty() {
            "all have".into()
        } else {
            format!("{} have no end date: {}", no_time.len(), named(&no_time))
        },
    });
    let no_targets: Vec<String> = store::indicators::list(conn, &IndicatorFilter::default())?
        .into_iter()
        .filter(|i| i.targets.is_empty())
        .map(|i| format!("indicator {}", i.code))
        .collect();
    items.push(ReadinessItem {
        item: "Every indicator has targets".into(),
        met: no_targets.is_empty(),
        detail: if no_targets.is_empty() {
            "all have".into()
        } else {
            format!("{} have none: {}", no_targets.len(), named(&no_targets))
        },
    });
    // Every required consultee heard from in a round of consultation.
    let required = store::consultation::required(conn)?;
    if !required.is_empty() {
        let rounds = store::consultation::rounds(conn)?;
        let heard: std::collections::HashSet<String> = store::consultation::responses(conn)?
            .into_iter()
            .filter(|r| r.consultee_kind == crate::model::consultation::ConsulteeKind::Required)
            .map(|r| r.consultee)
            .collect();
        let missing: Vec<String> = required
            .iter()
            .filter(|c| !heard.contains(&c.key))
            .map(|c| format!("{} ({})", c.key, short(&c.name)))
            .collect();
        items.push(ReadinessItem {
            item: "Every required consultee has been consulted".into(),
            met: !rounds.is_empty() && missing.is_empty(),
            detail: if rounds.is_empty() {
                "no round of consultation has been held".into()
            } else if missing.is_empty() {
                "each has responded".into()
            } else {
                format!("{} not heard from: {}", missing.len(), named(&missing))
            },
        });
    }
    Ok(Readiness { items })
}

/// `text`'s first 40 characters, for a list.
fn short(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}
