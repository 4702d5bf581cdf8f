//! The library: one SQLite file holding articles, highlights, events and settings.
//!
//! The connection is configured once when the library opens (WAL,
//! `synchronous=NORMAL`, foreign keys, busy timeout) and every write runs in a
//! `BEGIN IMMEDIATE` transaction, so the app and the CLI can share one file.

mod articles;
pub(crate) mod events;
mod highlights;
pub mod migrations;
mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use articles::{content_hash, NewArticle};
pub use highlights::reanchor_highlights;

/// File name of the library inside its folder.
pub const LIBRARY_FILE: &str = "library.sqlite3";

/// The application identifier; the default library lives in
/// `<platform data dir>/<APP_ID>/` (Linux: `~/.local/share/app.sidenote.reader/`).
pub const APP_ID: &str = "app.sidenote.reader";

/// Where the library lives when neither `--library` nor `SIDENOTE_LIBRARY` says.
pub fn default_library_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join(APP_ID))
        .ok_or_else(|| Error::Invalid("no data directory for this user (is HOME set?); pass --library DIR".into()))
}

pub struct Library {
    conn: Connection,
    path: PathBuf,
}

impl Library {
    /// Opens (creating if needed) the library in folder `dir`.
    pub fn open_dir(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create the library folder {}", dir.display()), e))?;
        Self::open_file(&dir.join(LIBRARY_FILE))
    }

    /// Opens (creating if needed) the library file at `path`.
    pub fn open_file(path: &Path) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        configure(&conn)?;
        migrations::migrate(&mut conn, &path.display().to_string())?;
        Ok(Library { conn, path: path.to_owned() })
    }

    /// A private in-memory library, for tests and dry runs.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn, ":memory:")?;
        Ok(Library { conn, path: PathBuf::from(":memory:") })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is stored, or none.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(10))?;
    // journal_mode returns a row, so it is queried rather than executed.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch(
        "PRAGMA synchronous = NORMAL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    Ok(())
}

pub(crate) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_sets_up_wal_foreign_keys_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open_dir(dir.path()).unwrap();
        let mode: String = lib.conn().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = lib.conn().query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = lib.conn().query_row("PRAGMA synchronous", [], |r| r.get(0)).unwrap();
        assert_eq!(sync, 1, "NORMAL");
        assert_eq!(migrations::schema_version(lib.conn()).unwrap(), migrations::SCHEMA_VERSION);
        assert!(dir.path().join(LIBRARY_FILE).exists());
    }

    #[test]
    fn reopening_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        drop(Library::open_dir(dir.path()).unwrap());
        let lib = Library::open_dir(dir.path()).unwrap();
        assert_eq!(migrations::schema_version(lib.conn()).unwrap(), migrations::SCHEMA_VERSION);
    }

    #[test]
    fn refuses_a_library_from_a_newer_version_without_touching_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(LIBRARY_FILE);
        {
            let conn = Connection::open(&path).unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Library::open_file(&path).err().expect("must refuse");
        assert_eq!(err.kind(), crate::error::ErrorKind::NewerLibrary);
        assert!(err.to_string().contains("newer Sidenote"));
        let version: i64 = Connection::open(&path).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 999);
        assert!(before.len() <= std::fs::read(&path).unwrap().len());
    }
}
