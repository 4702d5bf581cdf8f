//! Getting a library back: restoring a backup over it, or setting a damaged
//! file aside to start afresh. Nothing here runs unless the person asked for
//! it; opening a library never renames or rewrites a bad file by itself.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use super::backup::{self, BackupInfo};
use super::migrations::SCHEMA_VERSION;
use super::{Library, LIBRARY_FILE};
use crate::error::{Error, Result};

/// What a restore did, for the message shown afterwards.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    /// The backup that is now the library.
    pub restored: BackupInfo,
    /// Where the library that was replaced went: a `pre-restore` backup, or
    /// (when it was too damaged to back up) the file moved aside.
    pub previous_kept_as: Option<String>,
}

/// Restores backup `name` (the newest when `None`) into the library in
/// `library_dir`. The current library is kept first: backed up when it can be
/// read, otherwise moved aside as `library.sqlite3.corrupt-<time>`. The
/// backup is checked before anything changes. Nobody else may have the
/// library open (the CLI refuses while the app runs on it).
pub fn restore_backup(library_dir: &Path, name: Option<&str>) -> Result<RestoreReport> {
    let chosen = backup::find_backup(library_dir, name)?;
    let source = open_verified_backup(Path::new(&chosen.path))?;
    let library_path = library_dir.join(LIBRARY_FILE);
    let previous_kept_as = keep_current(library_dir, &library_path)?;
    {
        let mut dest = Connection::open(&library_path).map_err(|e| Error::from(e).at_path(&library_path))?;
        dest.busy_timeout(std::time::Duration::from_secs(10))?;
        backup::copy_database(&source, &mut dest)?;
    }
    // Opening checks the result and brings an older backup's schema up to date.
    drop(Library::open_file(&library_path)?);
    // Pruning waits until now so the backup being restored is never the one deleted.
    backup::prune(library_dir, backup::KEEP_BACKUPS)?;
    tracing::info!(backup = %chosen.name, "library restored from backup");
    Ok(RestoreReport { restored: chosen, previous_kept_as })
}

/// Opens a backup read-only and makes sure it is whole and not from a newer build.
fn open_verified_backup(path: &Path) -> Result<Connection> {
    let damaged = |reason: String| Error::Corrupt { path: path.display().to_string(), reason };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| Error::from(e).at_path(path))?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|e| Error::from(e).at_path(path))?;
    if check != "ok" {
        return Err(damaged(format!("integrity check: {check}")));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerLibrary { path: path.display().to_string(), found: version, known: SCHEMA_VERSION });
    }
    if version < 1 {
        return Err(damaged("it holds no Sidenote library".into()));
    }
    Ok(conn)
}

/// Saves the library about to be replaced; returns where it went.
fn keep_current(library_dir: &Path, library_path: &Path) -> Result<Option<String>> {
    if !has_content(library_path) {
        return Ok(None);
    }
    let readable = Connection::open_with_flags(library_path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .ok()
        .filter(|c| c.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)).is_ok_and(|s| s == "ok"));
    match readable {
        Some(conn) => {
            let kept = backup::create_backup_unpruned(&conn, library_dir, "pre-restore")?;
            Ok(Some(kept.display().to_string()))
        }
        None => Ok(move_aside(library_dir)?.map(|p| p.display().to_string())),
    }
}

/// Moves a damaged library (and its `-wal`/`-shm` companions) to
/// `library.sqlite3.corrupt-<time>` so a new one can take its place. Returns
/// the new name, or `None` when there was no file.
pub fn move_aside(library_dir: &Path) -> Result<Option<PathBuf>> {
    let library_path = library_dir.join(LIBRARY_FILE);
    if !library_path.exists() {
        return Ok(None);
    }
    let mut stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string();
    // Never move one damaged file over another kept earlier.
    while library_dir.join(format!("{LIBRARY_FILE}.corrupt-{stamp}")).exists() {
        stamp.push('x');
    }
    let aside = library_dir.join(format!("{LIBRARY_FILE}.corrupt-{stamp}"));
    // The companions first: a WAL left behind would be replayed into the new library.
    for companion in ["-wal", "-shm"] {
        let from = library_dir.join(format!("{LIBRARY_FILE}{companion}"));
        if from.exists() {
            let to = library_dir.join(format!("{LIBRARY_FILE}.corrupt-{stamp}{companion}"));
            std::fs::rename(&from, &to).map_err(|e| Error::io(format!("cannot move {} aside", from.display()), e))?;
        }
    }
    std::fs::rename(&library_path, &aside).map_err(|e| Error::io(format!("cannot move {} aside", library_path.display()), e))?;
    backup::sync_dir(library_dir);
    tracing::info!(to = %aside.display(), "damaged library moved aside");
    Ok(Some(aside))
}

/// Sets the current library file aside and opens a new, empty one.
pub fn start_fresh(library_dir: &Path) -> Result<(Library, Option<PathBuf>)> {
    let aside = move_aside(library_dir)?;
    Ok((Library::open_dir(library_dir)?, aside))
}

pub(crate) fn has_content(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.len() > 0)
}

/// Whether the library opened, and what there is to recover it from: what
/// the app's recovery screen shows.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LibraryStatus {
    /// The library folder, when one could be chosen.
    pub folder: Option<String>,
    /// The library file inside it.
    pub file: Option<String>,
    /// Why the library could not be opened; `None` when it is open.
    pub error: Option<crate::ErrorPayload>,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
}
