//! Embedded, append-only schema migrations, tracked with `PRAGMA user_version`.

use std::path::Path;

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
/// a newer build. With `backup_dir`, an existing library that is about to
/// change is first backed up there (and a failed backup stops the migration).
pub fn migrate(conn: &mut Connection, path_for_messages: &str, backup_dir: Option<&Path>) -> Result<()> {
    migrate_with(conn, MIGRATIONS, path_for_messages, backup_dir)
}

fn migrate_with(conn: &mut Connection, migrations: &[&str], path_for_messages: &str, backup_dir: Option<&Path>) -> Result<()> {
    let current = schema_version(conn)?;
    let known = migrations.len() as i64;
    if current > known {
        return Err(Error::NewerLibrary { path: path_for_messages.to_owned(), found: current, known });
    }
    if let Some(dir) = backup_dir.filter(|_| current > 0 && current < known) {
        super::backup::create_backup(conn, dir, &format!("pre-migration-v{current}"))?;
    }
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
        tracing::info!(version = index + 1, "applied library migration");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::backup::list_backups;

    #[test]
    fn an_existing_library_is_backed_up_before_its_schema_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, "test", Some(dir.path())).unwrap();
        assert!(list_backups(dir.path()).unwrap().is_empty(), "a new library has nothing to back up");
        conn.execute("INSERT INTO settings (key, value) VALUES ('marker', '\"before\"')", []).unwrap();

        // A later build with one more migration opens it.
        let mut next = MIGRATIONS.to_vec();
        next.push("CREATE TABLE later_feature (id INTEGER PRIMARY KEY);");
        migrate_with(&mut conn, &next, "test", Some(dir.path())).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION + 1);

        let backups = list_backups(dir.path()).unwrap();
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, format!("pre-migration-v{SCHEMA_VERSION}"));
        let old = Connection::open(&backups[0].path).unwrap();
        assert_eq!(schema_version(&old).unwrap(), SCHEMA_VERSION, "the backup holds the schema from before the migration");
        let marker: String = old.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0)).unwrap();
        assert_eq!(marker, "\"before\"");
        let has_new: i64 = old.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'later_feature'", [], |r| r.get(0)).unwrap();
        assert_eq!(has_new, 0);

        // Up to date: no further backup.
        migrate_with(&mut conn, &next, "test", Some(dir.path())).unwrap();
        assert_eq!(list_backups(dir.path()).unwrap().len(), 1);
    }
}
