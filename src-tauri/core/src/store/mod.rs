//! The library: one SQLite file holding articles, highlights, events and settings.
//!
//! The connection is configured once when the library opens (WAL,
//! `synchronous=NORMAL`, foreign keys, busy timeout) and every write runs in a
//! `BEGIN IMMEDIATE` transaction, so the app and the CLI can share one file
//! and a write that returned is on disk.
//!
//! Opening reads the schema version before changing anything, so a file from
//! a newer build or a damaged one is left byte-for-byte as it was. An existing
//! library is backed up before a migration and once a day (see `backup`).
//!
//! The store owns every table: all of the core's SQL is here, one module per
//! table (`articles`, `article_notes`, `highlights`, `tags`, `events`, `hidden`, `settings`),
//! with `bodies` for replacing an article's text and what follows it,
//! `importing` for storing what the importers make, and `export_reads` for
//! the exports' fast reads. The connection is private to the store; writes go
//! through `Tx`, where each kind of change to the reader's data has one
//! function that applies it and hands a [`Change`] to the library's
//! [`ChangeSink`] (see `changes`). Data derived from the reader's (extracted
//! events, re-anchored selectors, full-text rows, kept counts) is kept in
//! step by those same functions and by triggers.

mod article_notes;
mod articles;
pub mod backup;
mod bodies;
mod books;
mod changes;
mod checkpointer;
mod disagreement_verdicts;
mod events;
mod export_reads;
mod hidden;
mod highlights;
mod importing;
mod library_timeline;
pub mod migrations;
pub mod recovery;
mod removed_blocks;
mod replica;
mod settings;
pub use settings::{is_synced as is_synced_setting, SYNCED as SYNCED_SETTINGS};
mod sync_log;
mod sync_state;
mod tags;
mod timeline_groups;
mod timeline_join;
mod timeline_window;
mod vault_files;
mod warning_marks;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub(crate) use articles::Stamp;
pub use articles::{content_hash, NewArticle};
pub use books::{StoredImage, SAVE_IMAGES};
pub use changes::{Change, ChangeSink, NoSink, PairedSinks};
pub use disagreement_verdicts::{StoredVerdict, VerdictEvent};
pub use events::{EventsJob, ExtractedEvents};
pub use export_reads::ExportTags;
pub use removed_blocks::StoredRemovedBlock;
pub use replica::{
    place_events, place_hidden, place_highlights, words_hash, ReplicaApplied, ReplicaArticle, ReplicaArticleNote, ReplicaBody,
    ReplicaEvent, ReplicaHidden, ReplicaHighlight, ReplicaInput, ReplicaNotes,
};
pub use sync_log::{DocUpdate, InboundBatch, StoredChange, StoredDoc, SyncLog, UnsentChange};
pub use sync_state::{DevicePosition, SeenDevice, SyncConfig};
pub use warning_marks::StoredMark;

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
    /// Declared first so that it is dropped first: its connection closes
    /// before the library's, whose close then checkpoints and removes the WAL.
    checkpointer: Option<checkpointer::Checkpointer>,
    conn: Connection,
    path: PathBuf,
    /// Where every change to the reader's data is handed (see `changes`).
    sink: Box<dyn ChangeSink>,
    /// The library syncs (has a sync folder): a change that no sink records
    /// is refused, since it would never reach the other devices.
    syncing: bool,
}

/// A write in progress: one `BEGIN IMMEDIATE` transaction, and the sink its
/// changes are recorded to. The store's functions for each kind of change
/// take it; its connection is private to the store.
pub(crate) struct Tx<'t> {
    conn: &'t Connection,
    /// None for a quiet write: rows made again from the sync documents,
    /// which already hold the change.
    sink: Option<&'t mut dyn ChangeSink>,
    syncing: bool,
}

impl Tx<'_> {
    /// Hands `change`, just applied in this transaction, to the sink.
    fn record(&mut self, change: Change<'_>) -> Result<()> {
        let Some(sink) = self.sink.as_deref_mut() else { return Ok(()) };
        if self.syncing && !sink.records() {
            return Err(Error::Invalid(
                "this library syncs with other devices, but was opened without its sync recorder; nothing was changed".into(),
            ));
        }
        sink.record(&change, &mut SyncLog::new(self.conn))
    }
}

/// The day's backup of a library just opened and checked, not written yet.
#[must_use = "the day's backup is written only by `write`"]
pub struct DueBackup {
    library: PathBuf,
    dir: PathBuf,
}

impl DueBackup {
    /// Writes the backup from a connection of its own: one consistent
    /// snapshot of the library, while the app's connection goes on reading
    /// and writing (WAL). A backup that cannot be written (full disk,
    /// read-only folder) is logged, as it never stops the library opening.
    pub fn write(self) {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match Connection::open_with_flags(&self.library, flags).and_then(|c| c.busy_timeout(BUSY_TIMEOUT).map(|()| c)) {
            Ok(conn) => self.write_with(&conn),
            Err(e) => tracing::warn!(error = %e, "the daily backup could not be written"),
        }
    }

    fn write_with(self, conn: &Connection) {
        if let Err(e) = backup::create_backup(conn, &self.dir, "daily") {
            tracing::warn!(error = %e, "the daily backup could not be written");
        }
    }
}

impl Library {
    /// Opens (creating if needed) the library in folder `dir`, and makes the
    /// day's backup if the newest one is older than a day.
    pub fn open_dir(dir: &Path) -> Result<Self> {
        let (lib, due) = Self::open_dir_backup_deferred(dir)?;
        if let Some(due) = due {
            due.write_with(&lib.conn);
        }
        Ok(lib)
    }

    /// [`Library::open_dir`], with the day's backup checked for but left to
    /// the caller to write ([`DueBackup::write`]): the app writes it off its
    /// start-up path (issue 24: copying the file took 75-180 ms before the
    /// window could show the library). The file is still checked here, so a
    /// damaged library is refused at once as before.
    pub fn open_dir_backup_deferred(dir: &Path) -> Result<(Self, Option<DueBackup>)> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create the library folder {}", dir.display()), e))?;
        let path = dir.join(LIBRARY_FILE);
        let existed = recovery::has_content(&path);
        let lib = Self::open_file(&path)?;
        if !(existed && backup::daily_backup_due(dir)) {
            return Ok((lib, None));
        }
        lib.check_before_backup()?;
        Ok((lib, Some(DueBackup { library: path, dir: dir.to_owned() })))
    }

    /// Opens (creating if needed) the library file at `path`. An existing
    /// library is backed up into `backups/` beside it before a migration.
    pub fn open_file(path: &Path) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let located = |e: rusqlite::Error| Error::from(e).at_path(path);
        let mut conn = Connection::open_with_flags(path, flags).map_err(located)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(located)?;
        // Read-only look first: nothing is written to a file we are going to refuse.
        let found = probe(&conn).map_err(|e| explain_io(&conn, located(e)))?;
        let message_path = path.display().to_string();
        if found > migrations::SCHEMA_VERSION {
            return Err(Error::NewerLibrary { path: message_path, found, known: migrations::SCHEMA_VERSION });
        }
        configure(&conn).map_err(|e| explain_io(&conn, e.at_path(path)))?;
        let backup_dir = path.parent().filter(|_| found > 0);
        let migrated = migrations::migrate(&mut conn, &message_path, backup_dir);
        migrated.map_err(|e| explain_io(&conn, e.at_path(path)))?;
        let syncing = sync_state::is_syncing(&conn).map_err(|e| e.at_path(path))?;
        let checkpointer = checkpointer::Checkpointer::start(path);
        if checkpointer.is_some() {
            conn.pragma_update(None, "wal_autocheckpoint", 0).map_err(located)?;
        }
        Ok(Library { checkpointer, conn, path: path.to_owned(), sink: Box::new(NoSink), syncing })
    }

    /// Checks the file before the day's backup: a damaged library must not
    /// replace good backups (and is refused).
    fn check_before_backup(&self) -> Result<()> {
        let check: String = self.conn.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(|e| Error::from(e).at_path(&self.path))?;
        if check != "ok" {
            return Err(Error::Corrupt { path: self.path.display().to_string(), reason: format!("integrity check: {check}") });
        }
        Ok(())
    }

    /// SQLite's full integrity check: an empty list when the file is whole.
    pub fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    /// Writes a backup of the library now (`sidenote backup`, the app's menu).
    pub fn backup_now(&self) -> Result<PathBuf> {
        let dir = self.path.parent().ok_or_else(|| Error::Invalid("an in-memory library has no backups folder".into()))?;
        backup::create_backup(&self.conn, dir, "manual")
    }

    /// A private in-memory library, for tests and dry runs.
    pub fn open_in_memory() -> Result<Self> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        migrations::migrate(&mut conn, ":memory:", None)?;
        Ok(Library { checkpointer: None, conn, path: PathBuf::from(":memory:"), sink: Box::new(NoSink), syncing: false })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the library syncs with other devices (see [`ChangeSink::records`]).
    pub fn is_syncing(&self) -> bool {
        self.syncing
    }

    /// Hands every later change to `sink` (see [`ChangeSink`]); returns the one it replaces.
    pub fn set_change_sink(&mut self, sink: Box<dyn ChangeSink>) -> Box<dyn ChangeSink> {
        std::mem::replace(&mut self.sink, sink)
    }

    /// The connection, for the store's reads. Writes go through `write`.
    fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: all of it is stored, or
    /// none, and the sink hears which. Several changes may share one
    /// transaction (a notes import applies a whole file in one).
    /// Waiting for another writer is the busy timeout's job; if SQLite still
    /// reports the library busy (it skips the wait in a few cases, such as
    /// while another process recovers the WAL), the transaction is begun
    /// again a few times before the error reaches the user.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.write_with(true, f)
    }

    /// [`Self::write`] with nothing recorded: rows made again from the sync
    /// documents, and the sync tables themselves.
    pub(crate) fn write_quietly<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.write_with(false, f)
    }

    fn write_with<T>(&mut self, recorded: bool, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let Library { checkpointer, conn, path, sink, syncing } = self;
        let conn: &Connection = conn;
        let mut attempts = 0;
        // A shared borrow, so that each attempt may borrow the connection anew.
        let tx = loop {
            match Transaction::new_unchecked(conn, TransactionBehavior::Immediate) {
                Ok(tx) => break tx,
                Err(e) => {
                    attempts += 1;
                    let e = explain_io(conn, Error::from(e).at_path(path));
                    if !matches!(e, Error::Busy(_)) || attempts >= BEGIN_ATTEMPTS {
                        return Err(e);
                    }
                    std::thread::sleep(Duration::from_millis(50 * u64::from(attempts)));
                }
            }
        };
        let applied = f(&mut Tx { conn: &tx, sink: recorded.then_some(sink.as_mut()), syncing: *syncing });
        let value = match applied {
            Ok(v) => v,
            Err(e) => {
                let e = explain_io(conn, e.at_path(path));
                drop(tx); // rolls back
                if recorded {
                    sink.rolled_back();
                }
                return Err(e);
            }
        };
        if let Err(e) = tx.commit() {
            // A failed COMMIT leaves the transaction to be rolled back as it is dropped.
            if recorded {
                sink.rolled_back();
            }
            return Err(explain_io(conn, Error::from(e).at_path(path)));
        }
        if let Some(c) = checkpointer {
            c.committed();
        }
        if recorded {
            sink.committed();
        }
        Ok(value)
    }
}

/// A full disk or a read-only file system met while writing the WAL or its
/// index reaches us from SQLite as a plain I/O error; the operating system's
/// error number, which SQLite keeps, says which it was.
fn explain_io(conn: &Connection, e: Error) -> Error {
    let Error::Database(inner) = &e else { return e };
    if inner.sqlite_error_code() != Some(rusqlite::ErrorCode::SystemIoFailure) {
        return e;
    }
    // SAFETY: the handle is valid for as long as `conn` is borrowed, and
    // sqlite3_system_errno only reads the connection's last OS error number.
    let errno = unsafe { rusqlite::ffi::sqlite3_system_errno(conn.handle()) };
    classify_os_error(&inner.to_string(), errno).unwrap_or(e)
}

fn classify_os_error(detail: &str, errno: i32) -> Option<Error> {
    use std::io::ErrorKind as K;
    if errno == 0 {
        return None;
    }
    let os = std::io::Error::from_raw_os_error(errno);
    match os.kind() {
        K::StorageFull => Some(Error::DiskFull(format!("{detail}: {os}"))),
        K::ReadOnlyFilesystem | K::PermissionDenied => Some(Error::ReadOnly(format!("{detail}: {os}"))),
        _ => None,
    }
}

const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
const BEGIN_ATTEMPTS: u32 = 5;

/// The schema version, read in a way that also touches the schema table, so
/// a file that is not a database (or has a damaged first page) fails here.
fn probe(conn: &Connection) -> rusqlite::Result<i64> {
    let _tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // journal_mode returns a row, so it is queried rather than executed.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // NORMAL in WAL mode: a committed write survives any crash of the app or
    // the CLI (the WAL is in the OS's hands at commit); only a power cut can
    // lose the last commits, never consistency. FULL would fsync every save.
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
        assert!(lib.integrity_problems().unwrap().is_empty());
    }

    #[test]
    fn an_io_error_from_a_full_or_read_only_disk_gets_its_own_kind() {
        use crate::error::ErrorKind;
        #[cfg(target_os = "linux")]
        {
            const ENOSPC: i32 = 28;
            const EROFS: i32 = 30;
            const EIO: i32 = 5;
            assert_eq!(classify_os_error("disk I/O error", ENOSPC).map(|e| e.kind()), Some(ErrorKind::DiskFull));
            assert!(classify_os_error("disk I/O error", ENOSPC).unwrap().to_string().contains("No space left"));
            assert_eq!(classify_os_error("disk I/O error", EROFS).map(|e| e.kind()), Some(ErrorKind::ReadOnly));
            assert!(classify_os_error("disk I/O error", EIO).is_none(), "a real I/O error stays one");
        }
        assert!(classify_os_error("disk I/O error", 0).is_none());
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
            conn.execute_batch("CREATE TABLE from_the_future (x); INSERT INTO from_the_future VALUES (1);").unwrap();
            conn.pragma_update(None, "user_version", 999).unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        for _ in 0..2 {
            let err = Library::open_dir(dir.path()).err().expect("must refuse");
            assert_eq!(err.kind(), crate::error::ErrorKind::NewerLibrary);
            assert!(err.to_string().contains("newer Sidenote"));
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "the file is byte-for-byte as it was");
        assert!(!dir.path().join(backup::BACKUPS_DIR).exists(), "no backup or migration was attempted");
        assert!(!dir.path().join(format!("{LIBRARY_FILE}-wal")).exists(), "not switched to WAL");
    }
}
