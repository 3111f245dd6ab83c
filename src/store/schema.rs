//! The schema allow-list. Plans are mailed between councils, so a plan is
//! untrusted input: a trigger, a view standing in for a table or a changed
//! table would run the sender's SQL on an ordinary edit or read. A plan's
//! `sqlite_master` must therefore hold exactly what our migrations make for
//! its version. The expected schema is made by running the migrations on an
//! in-memory database, never kept by hand, so a new migration just works.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::Serialize;

use super::error::Result;
use super::migrate::{self, LATEST_VERSION};

/// One row of `sqlite_master`: what is compared, exactly as SQLite keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemaObject {
    /// table, index, trigger or view.
    pub kind: String,
    pub name: String,
    /// The table an index or trigger belongs to.
    pub table: String,
    /// The statement that made it (none for an index SQLite makes itself).
    #[serde(skip)]
    pub sql: Option<String>,
}

/// One way a plan's schema differs from the one Planwright makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum SchemaChange {
    /// An object Planwright does not make.
    Extra { object: SchemaObject },
    /// An object of another kind under the name of one of ours.
    Replaced {
        object: SchemaObject,
        expected_kind: String,
    },
    /// One of ours, made by another statement.
    Changed { object: SchemaObject },
    /// One of ours that is not there.
    Missing { object: SchemaObject },
}

impl SchemaChange {
    pub fn object(&self) -> &SchemaObject {
        match self {
            SchemaChange::Extra { object }
            | SchemaChange::Replaced { object, .. }
            | SchemaChange::Changed { object }
            | SchemaChange::Missing { object } => object,
        }
    }

    /// Lower is worse: what runs SQL first, then what changes how data is
    /// read or written, then what is merely there or missing.
    fn rank(&self) -> u8 {
        let runs = |o: &SchemaObject| matches!(o.kind.as_str(), "trigger" | "view");
        match self {
            SchemaChange::Extra { object } if runs(object) => 0,
            SchemaChange::Replaced { .. } => 1,
            SchemaChange::Changed { .. } => 2,
            SchemaChange::Extra { .. } => 3,
            SchemaChange::Missing { .. } => 4,
        }
    }
}

/// Triggers and views run SQL when the plan is edited or read.
fn danger(kind: &str) -> &'static str {
    match kind {
        "trigger" | "view" => " (it could run hidden commands)",
        _ => "",
    }
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

impl fmt::Display for SchemaChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.object();
        let (kind, name) = (o.kind.as_str(), o.name.as_str());
        let on = if matches!(kind, "trigger" | "index") && !o.table.is_empty() {
            format!(" on \"{}\"", o.table)
        } else {
            String::new()
        };
        match self {
            SchemaChange::Extra { .. } => write!(
                f,
                "the plan holds {} {kind} \"{name}\"{on} that Planwright does not make{}",
                article(kind),
                danger(kind)
            ),
            SchemaChange::Replaced { expected_kind, .. } => write!(
                f,
                "the plan holds {} {kind} \"{name}\" where Planwright makes {} {expected_kind}{}",
                article(kind),
                article(expected_kind),
                danger(kind)
            ),
            SchemaChange::Changed { .. } => write!(
                f,
                "the plan's {kind} \"{name}\"{on} is not the one Planwright makes"
            ),
            SchemaChange::Missing { .. } => write!(
                f,
                "the plan has no {kind} \"{name}\"{on}, which Planwright makes"
            ),
        }
    }
}

/// The schema each version's migrations make, keyed by name (SQLite names
/// are unique across tables, indexes, triggers and views). Index 0 is
/// version 1. Made once per process.
fn expected(version: i64) -> Option<&'static BTreeMap<String, SchemaObject>> {
    static SCHEMAS: OnceLock<Vec<BTreeMap<String, SchemaObject>>> = OnceLock::new();
    let all = SCHEMAS.get_or_init(|| {
        let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
        (1..=LATEST_VERSION)
            .map(|v| {
                migrate::apply_range(&mut conn, v - 1, v).expect("the migrations run");
                read(&conn)
                    .expect("the in-memory schema reads")
                    .into_iter()
                    .map(|o| (o.name.clone(), o))
                    .collect()
            })
            .collect()
    });
    let index = usize::try_from(version.checked_sub(1)?).ok()?;
    all.get(index)
}

/// Everything in the file's `sqlite_master`. The rows are as many as the
/// file holds (each is a row of one page-backed table), so this is bounded by
/// the file's size.
pub fn read(conn: &Connection) -> Result<Vec<SchemaObject>> {
    // A crafted file can hold any value in any column: read them as they
    // are, and compare whatever is there.
    fn text(v: ValueRef<'_>) -> Option<String> {
        match v {
            ValueRef::Null => None,
            ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Integer(i) => Some(i.to_string()),
            ValueRef::Real(r) => Some(r.to_string()),
            ValueRef::Blob(b) => Some(format!("<{} bytes>", b.len())),
        }
    }
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master")?;
    let rows = stmt
        .query_map([], |r| {
            Ok(SchemaObject {
                kind: text(r.get_ref(0)?).unwrap_or_default(),
                name: text(r.get_ref(1)?).unwrap_or_default(),
                table: text(r.get_ref(2)?).unwrap_or_default(),
                sql: text(r.get_ref(3)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// How the schema of `conn` differs from what the migrations make for
/// `version`, worst first. Empty when it is exactly ours. A version with no
/// migrations (0, or above ours) expects an empty schema; callers refuse
/// those versions before asking.
pub fn differences(conn: &Connection, version: i64) -> Result<Vec<SchemaChange>> {
    let empty = BTreeMap::new();
    let ours = expected(version).unwrap_or(&empty);
    let found = read(conn)?;
    let mut changes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for object in found {
        seen.insert(object.name.clone());
        match ours.get(&object.name) {
            None => changes.push(SchemaChange::Extra { object }),
            Some(mine) if mine.kind != object.kind => changes.push(SchemaChange::Replaced {
                expected_kind: mine.kind.clone(),
                object,
            }),
            Some(mine) if mine.table != object.table || mine.sql != object.sql => {
                changes.push(SchemaChange::Changed { object })
            }
            Some(_) => {}
        }
    }
    for (name, mine) in ours {
        if !seen.contains(name) {
            changes.push(SchemaChange::Missing {
                object: mine.clone(),
            });
        }
    }
    changes.sort_by(|a, b| (a.rank(), &a.object().name).cmp(&(b.rank(), &b.object().name)));
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate::apply(&mut conn, 0).unwrap();
        conn
    }

    #[test]
    fn our_own_schema_has_no_differences_at_every_version() {
        for v in 1..=LATEST_VERSION {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate::apply_range(&mut conn, 0, v).unwrap();
            assert_eq!(differences(&conn, v).unwrap(), []);
        }
        assert!(!expected(LATEST_VERSION).unwrap().is_empty());
        assert!(expected(0).is_none() && expected(LATEST_VERSION + 1).is_none());
    }

    #[test]
    fn each_kind_of_change_is_named_worst_first() {
        let conn = latest();
        conn.execute_batch(
            "CREATE TABLE exfil (x);
             DROP INDEX chapters_position;
             CREATE INDEX actions_notes ON actions (notes);
             DROP TABLE glossary;
             CREATE VIEW glossary AS SELECT 1 AS id, 'a' AS term, 'b' AS definition;
             CREATE TRIGGER quiet AFTER INSERT ON actions BEGIN DELETE FROM blocks; END;",
        )
        .unwrap();
        let said: Vec<String> = differences(&conn, LATEST_VERSION)
            .unwrap()
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(
            said,
            [
                "the plan holds a trigger \"quiet\" on \"actions\" that Planwright does not make (it could run hidden commands)",
                "the plan holds a view \"glossary\" where Planwright makes a table (it could run hidden commands)",
                "the plan holds an index \"actions_notes\" on \"actions\" that Planwright does not make",
                "the plan holds a table \"exfil\" that Planwright does not make",
                "the plan has no index \"chapters_position\" on \"chapters\", which Planwright makes",
                // The glossary's own unique index went with its table.
                "the plan has no index \"sqlite_autoindex_glossary_1\" on \"glossary\", which Planwright makes",
            ]
        );
    }

    #[test]
    fn a_table_with_one_more_column_is_a_change() {
        let conn = latest();
        conn.execute_batch("ALTER TABLE notes ADD COLUMN hidden TEXT")
            .unwrap();
        let changes = differences(&conn, LATEST_VERSION).unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(
            changes[0].to_string(),
            "the plan's table \"notes\" is not the one Planwright makes"
        );
    }
}
