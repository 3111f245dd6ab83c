//! Keeping `position` columns dense (0, 1, 2 …) in the order the user chose.

use rusqlite::{params, Connection};

use super::error::{Result, StoreError};
use crate::model::Id;

/// An ordered table, optionally scoped by a parent column.
pub struct Ordered {
    pub table: &'static str,
    /// ("chapter_id", 4) to order sections within chapter 4.
    pub scope: Option<(&'static str, Id)>,
}

impl Ordered {
    pub fn ids(&self, conn: &Connection) -> Result<Vec<Id>> {
        let (sql, scope) = match self.scope {
            Some((col, id)) => (
                format!(
                    "SELECT id FROM {} WHERE {col} = ?1 ORDER BY position, id",
                    self.table
                ),
                Some(id),
            ),
            None => (
                format!("SELECT id FROM {} ORDER BY position, id", self.table),
                None,
            ),
        };
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = match scope {
            Some(id) => stmt
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<Id>>>()?,
            None => stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<Id>>>()?,
        };
        Ok(rows)
    }

    /// Writes positions 0..n for `ids` in order.
    pub fn write(&self, conn: &Connection, ids: &[Id]) -> Result<()> {
        let sql = format!(
            "UPDATE {} SET position = ?1 WHERE id = ?2 AND position IS NOT ?1",
            self.table
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        for (i, id) in ids.iter().enumerate() {
            stmt.execute(params![i as i64, id])?;
        }
        Ok(())
    }

    /// The position a new row takes when put at 1-based `at` (None: the end),
    /// making room for it. Returns the 0-based position to store.
    pub fn make_room(
        &self,
        conn: &Connection,
        at: Option<usize>,
        what: &'static str,
    ) -> Result<i64> {
        let ids = self.ids(conn)?;
        let index = match at {
            None => ids.len(),
            Some(n) if (1..=ids.len() + 1).contains(&n) => n - 1,
            Some(n) => {
                return Err(StoreError::Refused(format!(
                    "position {n} is out of range: there are {} {what}s, so use 1 to {}",
                    ids.len(),
                    ids.len() + 1
                )))
            }
        };
        // Shift the rows after the insertion point down by one.
        let tail: Vec<Id> = ids[index..].to_vec();
        let sql = format!("UPDATE {} SET position = ?1 WHERE id = ?2", self.table);
        let mut stmt = conn.prepare_cached(&sql)?;
        for (i, id) in tail.iter().enumerate().rev() {
            stmt.execute(params![(index + i + 1) as i64, id])?;
        }
        Ok(index as i64)
    }

    /// Moves row `id` to 1-based position `to`.
    pub fn move_to(&self, conn: &Connection, id: Id, to: usize, what: &'static str) -> Result<()> {
        let mut ids = self.ids(conn)?;
        let from = ids
            .iter()
            .position(|x| *x == id)
            .ok_or_else(|| StoreError::missing(what, id))?;
        if to == 0 || to > ids.len() {
            return Err(StoreError::Refused(format!(
                "position {to} is out of range: there are {} {what}s, so use 1 to {}",
                ids.len(),
                ids.len()
            )));
        }
        let moved = ids.remove(from);
        ids.insert(to - 1, moved);
        self.write(conn, &ids)
    }

    /// Closes the gap a deleted row left.
    pub fn compact(&self, conn: &Connection) -> Result<()> {
        let ids = self.ids(conn)?;
        self.write(conn, &ids)
    }
}
