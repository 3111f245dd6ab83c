//! The built-in reference lists every new plan starts with: the Every Child
//! Matters outcomes, the DCSF strategic objectives, and the statutory lists.
//! The texts are embedded from `src/reference/reference_lists.json`.

use rusqlite::Transaction;
use serde_json::Value;

use super::error::Result;
use super::frameworks;

const LISTS: &str = include_str!("../reference/reference_lists.json");

/// (framework key, display name, key of the list in the JSON).
const BUILT_IN: &[(&str, &str, &str)] = &[
    (
        "ecm_outcomes",
        "Every Child Matters outcomes",
        "ecm_outcomes_001_L70-78",
    ),
    (
        "dcsf_objectives",
        "DCSF strategic objectives",
        "dcsf_strategic_objectives_000_L7-12",
    ),
    (
        "children_plan_principles",
        "Children's Plan principles",
        "children_plan_principles_000_L21-29",
    ),
    (
        "required_contents",
        "Required plan contents",
        "salford_required_contents_004_L28-47",
    ),
    (
        "required_consultees",
        "Required consultees",
        "salford_required_consultees_004_L51-67",
    ),
    ("key_stages", "Key Stages", "key_stages_002_L9223-9229"),
];

/// True for the key of a list every new plan is seeded with.
pub fn is_built_in(key: &str) -> bool {
    BUILT_IN.iter().any(|(k, _, _)| *k == key)
}

/// The built-in lists a plan may change to its authority's own: what a
/// plan must contain, and who must be consulted on it. (The others are
/// national lists the plan's actions and indicators link to.)
pub const AUTHORITY_LISTS: [&str; 2] = ["required_contents", "required_consultees"];

/// The items (code, title) a new plan's built-in list `key` starts with.
pub fn default_items(key: &str) -> Option<Vec<(String, String)>> {
    let (_, _, list) = BUILT_IN.iter().find(|(k, _, _)| *k == key)?;
    let lists: Value =
        serde_json::from_str(LISTS).expect("embedded reference lists are valid JSON");
    let texts = lists[list]
        .as_array()
        .expect("embedded reference list exists");
    Some(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let text = t.as_str().expect("reference items are strings");
                (format!("{}", i + 1), tidy(text))
            })
            .collect(),
    )
}

pub fn seed(tx: &Transaction<'_>) -> Result<()> {
    for (key, name, _) in BUILT_IN {
        let items = default_items(key).expect("a built-in list");
        frameworks::insert(tx, key, name, &items)?;
    }
    Ok(())
}

/// Drops a leading "3. " (the code carries the number) and a trailing full stop.
fn tidy(text: &str) -> String {
    let t = text.trim();
    let t = match t.split_once(". ") {
        Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
        _ => t,
    };
    t.strip_suffix('.').unwrap_or(t).trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::tidy;

    #[test]
    fn tidy_strips_list_numbers_and_final_stop() {
        assert_eq!(tidy("3. Planning."), "Planning");
        assert_eq!(
            tidy("Achieve economic well-being."),
            "Achieve economic well-being"
        );
        assert_eq!(
            tidy("Key Stage 1: pupils aged 5 to 7"),
            "Key Stage 1: pupils aged 5 to 7"
        );
    }
}
