//! Action tables: an ACTIVITY / RESPONSIBILITY table grouped under
//! objectives (as in a council's "Appendix 1"), read as the plan's actions
//! rather than as text.
//!
//! Copied out of Word, such a table comes out one cell to a line, each
//! cell led by a tab: "\t· Publish a play strategy;" then "\tGovernment";
//! a responsibility that wrapped carries on in lines of its own
//! ("LCC lead Michelle Foulds"). Between the rows, "1. Secure the
//! wellbeing…" or a line in capitals starts the next objective. An
//! activity that ends with a colon ("…to ensure there is:") opens a list
//! of sub-actions, which runs to the one after an item ending "; and", to
//! a lettered item ("a. …") or the next activity ending with a colon, or
//! to the end of its objective.
//!
//! Each objective becomes an item of one framework, each row an action
//! with its lead person and organisation guessed from the responsibility
//! (which is also kept as written in the action's notes), and the text
//! keeps the table's place with a heading and a live action table per
//! objective.

use std::collections::{HashMap, HashSet};

use crate::model::bundle::{
    BundleAction, BundleFramework, BundleItem, BundleOrganisation, BundlePerson,
};
use crate::model::{ActionFilter, ActionStatus, OrgKind};

/// The key of the framework that holds an import's objectives.
pub const FRAMEWORK_KEY: &str = "imported_objectives";
/// The most people or organisations one responsibility is read into.
const MAX_LEADS: usize = 8;
/// A line longer than this, outside a cell, ends the table: it is body
/// text, not a responsibility that wrapped.
const CONTINUATION_CHARS: usize = 80;

/// An action table as read from the lines.
#[derive(Debug)]
pub(super) struct Table {
    /// The line after the table.
    pub end: usize,
    pub groups: Vec<Group>,
}

/// The rows under one objective heading.
#[derive(Debug)]
pub(super) struct Group {
    pub line: usize,
    /// The heading as written ("1. Secure the wellbeing…").
    pub heading: String,
    /// Its number, when it has one ("1").
    pub number: Option<String>,
    /// The heading without its number.
    pub title: String,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub(super) struct Row {
    pub line: usize,
    /// The activity as written, its bullet or letter removed.
    pub activity: String,
    /// "a. …": a lettered item, which ends a list of sub-actions.
    pub lettered: bool,
    /// "– …" in a table's first column: a sub-action of the row above
    /// that has no dash, as Planwright's own tables show them.
    pub dashed: bool,
    /// The responsibility's lines.
    pub responsibility: Vec<String>,
    /// Further columns, as "Timescale: By March 2009".
    pub details: Vec<String>,
}

/// What a column heading names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Activity,
    Responsibility,
}

fn column(cell: &str) -> Option<Column> {
    // Every line is asked: a long one is no heading, and is not lowered.
    let t = cell.trim();
    if t.len() > 20 {
        return None;
    }
    let c = t.trim_end_matches(':').to_lowercase();
    match c.as_str() {
        "activity" | "activities" | "action" | "actions" | "what we will do" => {
            Some(Column::Activity)
        }
        "responsibility" | "responsible" | "lead" | "lead officer" | "who" | "owner" => {
            Some(Column::Responsibility)
        }
        _ => None,
    }
}

/// Whether `cells` are an action table's headings: an activity column,
/// then a responsibility column, then any of the columns Planwright's own
/// action tables add.
pub(super) fn is_header(cells: &[&str]) -> bool {
    cells.len() >= 2
        && column(cells[0]) == Some(Column::Activity)
        && column(cells[1]) == Some(Column::Responsibility)
        && cells[2..].iter().all(|c| {
            matches!(
                c.trim().to_lowercase().as_str(),
                "timescale" | "outcome" | "status" | "start" | "end" | "by when"
            )
        })
}

fn next_filled(lines: &[&str], from: usize) -> Option<usize> {
    (from..lines.len()).find(|n| !lines[*n].trim().is_empty())
}

/// The header starting at line `i`: "ACTIVITY" and "RESPONSIBILITY" as
/// two cells (on their lines, or one line split by a tab). The line after
/// it.
fn header_at(lines: &[&str], i: usize) -> Option<usize> {
    let t = lines[i].trim();
    if let Some((a, b)) = t.split_once('\t') {
        return is_header(&[a, b]).then_some(i + 1);
    }
    if column(t) != Some(Column::Activity) {
        return None;
    }
    let n = next_filled(lines, i + 1)?;
    is_header(&[t, lines[n].trim()]).then_some(n + 1)
}

/// Whether an action table starts at line `i`: its header, or the heading
/// of its first objective just above the header.
pub(super) fn starts_at(lines: &[&str], i: usize) -> bool {
    header_at(lines, i).is_some()
        || (group_heading(lines[i]).is_some()
            && next_filled(lines, i + 1).is_some_and(|n| header_at(lines, n).is_some()))
}

/// "1. Secure the wellbeing…", "2 Safeguard…" or a line in capitals
/// ("VISION FOR 21ST CENTURY…"), not in a cell: an objective's heading.
/// Its number and title.
fn group_heading(line: &str) -> Option<(Option<String>, String)> {
    if line.starts_with(char::is_whitespace) {
        return None;
    }
    numbered_title(line)
}

/// An objective's number and title, from a heading such as "1. Secure
/// the wellbeing…" (no number when it has none).
pub(super) fn split_title(heading: &str) -> (Option<String>, String) {
    numbered_title(heading).unwrap_or_else(|| (None, heading.trim().to_owned()))
}

fn numbered_title(line: &str) -> Option<(Option<String>, String)> {
    let t = line.trim();
    if !(3..=200).contains(&t.chars().count()) || column(t).is_some() {
        return None;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = t[digits..]
            .strip_prefix(". ")
            .or_else(|| t[digits..].strip_prefix(") "))
            .or_else(|| t[digits..].strip_prefix(' '))?
            .trim();
        return rest
            .starts_with(|c: char| c.is_uppercase())
            .then(|| (Some(t[..digits].to_owned()), rest.to_owned()));
    }
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 3
        && t.contains(' ')
        && t.chars().count() <= 120
        && letters.iter().all(|c| c.is_uppercase()))
    .then(|| (None, t.to_owned()))
}

/// A cell's bulleted activity: its text.
fn bulleted(cell: &str) -> Option<&str> {
    ["· ", "• ", "- ", "* ", "zz ", "o ", "▪ ", "■ "]
        .iter()
        .find_map(|b| cell.strip_prefix(b))
        .map(str::trim)
}

/// "a. Text", "b) Text", "(c) Text": a lettered activity's text.
fn lettered(cell: &str) -> Option<&str> {
    let mut chars = cell.chars();
    let first = chars.next()?;
    let (letter, rest) = if first == '(' {
        (chars.next()?, chars.as_str().strip_prefix(')')?)
    } else {
        let rest = chars.as_str();
        (
            first,
            rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?,
        )
    };
    (letter.is_ascii_lowercase() && rest.starts_with(char::is_whitespace)).then(|| rest.trim())
}

/// Reads the action table starting at line `start` (see [`starts_at`]),
/// making at most `budget` rows; it ends at the first line that is neither
/// a cell, an objective's heading followed by cells, nor a short line
/// carrying on a responsibility.
pub(super) fn read(lines: &[&str], start: usize, budget: usize) -> Table {
    let mut groups: Vec<Group> = Vec::new();
    let mut rows = 0;
    let mut j = start;
    while j < lines.len() && rows < budget {
        let line = lines[j];
        let t = line.trim();
        if t.is_empty() {
            j += 1;
            continue;
        }
        // The header (again at the top of each page, in some files).
        if let Some(after) = header_at(lines, j) {
            j = after;
            continue;
        }
        let open = groups.last_mut().and_then(|g| g.rows.last_mut());
        if line.starts_with(char::is_whitespace) {
            let item = bulleted(t)
                .map(|a| (a, false))
                .or_else(|| lettered(t).map(|a| (a, true)));
            match (item, open) {
                (None, Some(row)) => row.responsibility.push(t.to_owned()),
                (item, _) => {
                    if groups.is_empty() {
                        groups.push(Group {
                            line: j,
                            heading: String::new(),
                            number: None,
                            title: String::new(),
                            rows: Vec::new(),
                        });
                    }
                    let (activity, lettered) = item.unwrap_or((t, false));
                    rows += 1;
                    groups.last_mut().expect("a group").rows.push(Row {
                        line: j,
                        activity: activity.to_owned(),
                        lettered,
                        dashed: false,
                        responsibility: Vec::new(),
                        details: Vec::new(),
                    });
                }
            }
        } else if let Some((number, title)) = group_heading(line).filter(|_| {
            next_filled(lines, j + 1).is_some_and(|n| {
                lines[n].starts_with(char::is_whitespace) || header_at(lines, n).is_some()
            })
        }) {
            groups.push(Group {
                line: j,
                heading: t.to_owned(),
                number,
                title,
                rows: Vec::new(),
            });
        } else if let Some(row) = open.filter(|_| t.chars().count() <= CONTINUATION_CHARS) {
            row.responsibility.push(t.to_owned());
        } else {
            break;
        }
        j += 1;
    }
    // An objective's heading with no rows under it ends the table before it.
    while groups.last().is_some_and(|g| g.rows.is_empty()) {
        j = groups.pop().expect("a group").line;
    }
    Table { end: j, groups }
}

/// The sub-actions of each row of `rows`: `parents[k]` is the index of
/// row k's parent. See the module's account of the rule.
pub(super) fn parents(rows: &[Row]) -> Vec<Option<usize>> {
    let mut parents = vec![None; rows.len()];
    if rows.iter().any(|r| r.dashed) {
        let mut top = None;
        for (k, r) in rows.iter().enumerate() {
            if r.dashed {
                parents[k] = top;
            } else {
                top = Some(k);
            }
        }
        return parents;
    }
    let mut k = 0;
    while k < rows.len() {
        if !rows[k].activity.ends_with(':') {
            k += 1;
            continue;
        }
        let mut m = k + 1;
        let mut last = false;
        while m < rows.len() && !last {
            let r = &rows[m];
            if r.lettered || r.activity.ends_with(':') {
                break;
            }
            parents[m] = Some(k);
            let a = r.activity.trim_end();
            last = a.ends_with('.') || ends_with_and(&rows[m - 1].activity) && m > k + 1;
            m += 1;
        }
        k = m;
    }
    parents
}

fn ends_with_and(activity: &str) -> bool {
    let a = activity.trim_end();
    a.ends_with("; and") || a.ends_with(", and") || a.ends_with(" and")
}

/// An activity as a plan holds it: without the "; and" or ";" that ran it
/// into the next row.
fn tidy_activity(activity: &str) -> String {
    let a = activity.trim();
    let a = a
        .strip_suffix("; and")
        .or_else(|| a.strip_suffix(";and"))
        .or_else(|| a.strip_suffix(';'))
        .unwrap_or(a);
    a.trim_end().to_owned()
}

/// Words that mark a name as an organisation's, not a person's.
const ORGANISATION_WORDS: &[&str] = &[
    "agency",
    "authority",
    "board",
    "camhs",
    "care",
    "centre",
    "centres",
    "college",
    "colleges",
    "connexions",
    "council",
    "councils",
    "daat",
    "department",
    "districts",
    "early",
    "forum",
    "forums",
    "government",
    "governors",
    "group",
    "health",
    "highways",
    "lead",
    "lsc",
    "member",
    "network",
    "nhs",
    "office",
    "officers",
    "panel",
    "partners",
    "partnership",
    "police",
    "responsibility",
    "school",
    "schools",
    "service",
    "services",
    "support",
    "team",
    "transport",
    "trust",
    "trusts",
    "unit",
    "visitors",
    "years",
    "youth",
];

/// Whether `name` reads as a person's: two or three capitalised words,
/// none of them an organisation's word.
fn is_person(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().count() > 0
                && cs.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
                && !ORGANISATION_WORDS.contains(&w.to_lowercase().as_str())
        })
}

fn org_kind(name: &str) -> OrgKind {
    let n = name.to_lowercase();
    let has = |w: &str| n.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
    if n == "government" || has("department") || has("dcsf") {
        OrgKind::Government
    } else if has("police") || has("constabulary") {
        OrgKind::Police
    } else if has("health") || has("nhs") || has("camhs") || has("pct") {
        OrgKind::Health
    } else if has("school") || has("schools") || has("college") || has("colleges") {
        OrgKind::School
    } else if has("district") || has("districts") {
        OrgKind::DistrictCouncil
    } else if has("council") || has("lcc") {
        OrgKind::LocalAuthority
    } else {
        OrgKind::Other
    }
}

/// The people and organisations a responsibility names, in its order:
/// "Government. LCC lead Ellie Lowe." is the organisation Government and
/// the person Ellie Lowe.
fn leads(responsibility: &str) -> (Vec<String>, Vec<String>) {
    let mut people: Vec<String> = Vec::new();
    let mut orgs: Vec<String> = Vec::new();
    let spaced = responsibility.replace(['(', ')', '/', '|', ',', ';', '?', '\n'], ".");
    let parts = spaced
        .split('.')
        .flat_map(|p| p.split(" and "))
        .flat_map(|p| p.split(" with "));
    for part in parts {
        let mut p = part.trim();
        // "LCC lead Ellie Lowe" names a person; "Lead Member" a role.
        for prefix in ["LCC lead ", "LCC Lead ", "Lead: ", "Lead ", "lead "] {
            p = p
                .strip_prefix(prefix)
                .filter(|n| is_person(n))
                .unwrap_or(p)
                .trim();
        }
        p = p.strip_prefix("Partners: ").unwrap_or(p).trim();
        for suffix in [" Responsibility", " responsibility", " Lead", " lead"] {
            p = p.strip_suffix(suffix).unwrap_or(p).trim();
        }
        if p.is_empty()
            || !p.starts_with(|c: char| c.is_uppercase())
            || p.chars().count() > 80
            || p.eq_ignore_ascii_case("lcc")
        {
            continue;
        }
        let list = if is_person(p) { &mut people } else { &mut orgs };
        if list.len() < MAX_LEADS && !list.iter().any(|x| x.eq_ignore_ascii_case(p)) {
            list.push(p.to_owned());
        }
    }
    (people, orgs)
}

/// The actions, objectives, people and organisations an import's action
/// tables hold, as a plan's data.
#[derive(Debug, Default)]
pub struct ActionData {
    pub frameworks: Vec<BundleFramework>,
    pub organisations: Vec<BundleOrganisation>,
    pub people: Vec<BundlePerson>,
    pub actions: Vec<BundleAction>,
    /// What is here already, by name folded as the plan folds it (ASCII
    /// case), so each row's look-ups take constant time.
    people_seen: HashSet<String>,
    organisations_seen: HashMap<String, String>,
    codes: HashSet<String>,
}

impl ActionData {
    /// Adds `group`'s rows as actions under an objective; the filter that
    /// shows them.
    pub(super) fn add(&mut self, group: &Group, parents: &[Option<usize>]) -> ActionFilter {
        if self.frameworks.is_empty() {
            self.frameworks.push(BundleFramework {
                key: FRAMEWORK_KEY.into(),
                name: "Objectives of the imported action tables".into(),
                items: Vec::new(),
            });
        }
        let items = &mut self.frameworks[0].items;
        let title = if group.title.is_empty() {
            format!("Actions {}", items.len() + 1)
        } else {
            group.title.clone()
        };
        // The heading's number, unless another objective has it (of the
        // next len + 1 numbers, one is free).
        let codes = &mut self.codes;
        let code = match &group.number {
            Some(n) if !codes.contains(n) => n.clone(),
            _ => (items.len() + 1..)
                .map(|n| n.to_string())
                .find(|c| !codes.contains(c))
                .expect("a free code"),
        };
        codes.insert(code.clone());
        items.push(BundleItem {
            code: code.clone(),
            title,
        });
        let first = self.actions.len();
        for (row, parent) in group.rows.iter().zip(parents) {
            // Its lines are read apart: "Government" over "LCC lead
            // Ellie Lowe" is two leads.
            let (people, orgs) = leads(&row.responsibility.join("\n"));
            let responsibility = row.responsibility.join(" ");
            for p in &people {
                if self.people_seen.insert(p.to_ascii_lowercase()) {
                    self.people.push(BundlePerson {
                        name: p.clone(),
                        role: None,
                        organisation: None,
                    });
                }
            }
            let orgs: Vec<String> = orgs
                .into_iter()
                .map(
                    |o| match self.organisations_seen.get(&o.to_ascii_lowercase()) {
                        Some(known) => known.clone(),
                        None => {
                            self.organisations_seen
                                .insert(o.to_ascii_lowercase(), o.clone());
                            self.organisations.push(BundleOrganisation {
                                name: o.clone(),
                                kind: org_kind(&o),
                            });
                            o
                        }
                    },
                )
                .collect();
            let person = people.into_iter().next();
            let mut orgs = orgs.into_iter();
            self.actions.push(BundleAction {
                key: format!("A{}", self.actions.len() + 1),
                activity: tidy_activity(&row.activity),
                parent: parent.map(|p| format!("A{}", first + p + 1)),
                framework: Some(FRAMEWORK_KEY.into()),
                item: Some(code.clone()),
                priority: None,
                lead_person: person,
                lead_organisation: orgs.next(),
                partners: orgs.collect(),
                notes: {
                    let mut notes = row.details.clone();
                    if !responsibility.is_empty() {
                        notes.insert(0, format!("Responsibility as written: {responsibility}"));
                    }
                    (!notes.is_empty()).then(|| notes.join(". "))
                },
                start: None,
                end: None,
                cost_pence: None,
                status: ActionStatus::default(),
                rag: None,
            });
        }
        ActionFilter {
            framework: Some(FRAMEWORK_KEY.into()),
            item: Some(code),
            ..ActionFilter::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_responsibility_names_people_and_organisations() {
        let (p, o) = leads("Government. LCC lead Ellie Lowe.");
        assert_eq!(
            (p, o),
            (vec!["Ellie Lowe".into()], vec!["Government".into()])
        );
        let (p, o) = leads("Rob Wade/Ellie Lowe");
        assert_eq!(p, ["Rob Wade", "Ellie Lowe"]);
        assert!(o.is_empty());
        let (p, o) = leads("Schools Responsibility (Tony Mulhearn)");
        assert_eq!(
            (p, o),
            (vec!["Tony Mulhearn".into()], vec!["Schools".into()])
        );
        let (p, o) = leads("Locality Partnership Officers / Pastoral Forums");
        assert!(p.is_empty());
        assert_eq!(o, ["Locality Partnership Officers", "Pastoral Forums"]);
        let (p, o) = leads("Health (Health Visitors)");
        assert!(p.is_empty());
        assert_eq!(o, ["Health", "Health Visitors"]);
    }

    #[test]
    fn lettered_and_bulleted_cells() {
        assert_eq!(lettered("a. Arrangements"), Some("Arrangements"));
        assert_eq!(lettered("(b) Monitoring"), Some("Monitoring"));
        assert_eq!(lettered("as written"), None);
        assert_eq!(bulleted("· Expand"), Some("Expand"));
    }

    fn row(activity: &str) -> Row {
        Row {
            line: 0,
            activity: activity.into(),
            lettered: activity.starts_with("a."),
            dashed: false,
            responsibility: Vec::new(),
            details: Vec::new(),
        }
    }

    #[test]
    fn a_colon_opens_sub_actions_that_end_after_the_and() {
        let rows: Vec<Row> = [
            "Consult on a new relationship, in order that:",
            "Parents are contacted;",
            "Parents councils are heard; and",
            "Complaints are managed openly;",
            "Spend £30 million on family learning;",
            "Review the curriculum to ensure there is:",
            "More time for the basics;",
            "Have in place by 2010",
            "a. Arrangements for early intervention",
        ]
        .iter()
        .map(|a| row(a))
        .collect();
        assert_eq!(
            parents(&rows),
            [
                None,
                Some(0),
                Some(0),
                Some(0),
                None,
                None,
                Some(5),
                Some(5),
                None
            ]
        );
        assert_eq!(
            tidy_activity("Parents councils are heard; and"),
            "Parents councils are heard"
        );
    }
}
