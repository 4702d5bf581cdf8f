//! Embedded, append-only schema migrations, tracked with `PRAGMA user_version`.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Each entry is applied once, in order; entry `i` brings the schema to version `i + 1`.
/// Append only: a landed migration is never edited.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_init.sql"), include_str!("migrations/0002_list_and_save_indexes.sql")];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date. Refuses, touching nothing, a library written by
/// a newer build.
pub fn migrate(conn: &mut Connection, path_for_messages: &str) -> Result<()> {
    let current = schema_version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(Error::NewerLibrary {
            path: path_for_messages.to_owned(),
            found: current,
            known: SCHEMA_VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
        tracing::info!(version = index + 1, "applied library migration");
    }
    Ok(())
}
