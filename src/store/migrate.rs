//! Embedded schema migrations, applied in order and recorded in
//! `PRAGMA user_version`. Adding a table is adding a file here.

use rusqlite::Connection;

use super::error::Result;

/// (version, SQL). Version N's script takes a file from N-1 to N.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_logo_language.sql")),
    (3, include_str!("migrations/0003_word_template.sql")),
    (4, include_str!("migrations/0004_reports.sql")),
    (5, include_str!("migrations/0005_versions.sql")),
    (6, include_str!("migrations/0006_approvals.sql")),
    (7, include_str!("migrations/0007_consultation.sql")),
    (8, include_str!("migrations/0008_publications.sql")),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Brings a database from `from` to the latest version, all in one
/// transaction: a failed upgrade leaves the file as it was.
pub fn apply(conn: &mut Connection, from: i64) -> Result<()> {
    apply_range(conn, from, LATEST_VERSION)
}

/// Applies the migrations after `from` up to and including `to`.
pub fn apply_range(conn: &mut Connection, from: i64, to: i64) -> Result<()> {
    let tx = conn.transaction()?;
    run(&tx, from, to)?;
    tx.commit()?;
    Ok(())
}

/// Applies the migrations after `from` up to and including `to` within the
/// caller's transaction.
pub fn run(conn: &Connection, from: i64, to: i64) -> Result<()> {
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > from && *v <= to) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", version)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v, i as i64 + 1);
        }
    }

    #[test]
    fn migrating_twice_is_harmless() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, 0).unwrap();
        apply(&mut conn, LATEST_VERSION).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}
