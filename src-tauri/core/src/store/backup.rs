//! Automatic and manual backups of the library, made with SQLite's online
//! backup API so they are consistent even while the app or the CLI writes.
//!
//! Backups live in `<library>/backups/` as
//! `library-<UTC timestamp>-<reason>.sqlite3`; the timestamp sorts them.
//! A backup is written under a hidden `.partial` name and renamed when it is
//! complete and on disk, so a crash mid-backup never leaves a file that looks
//! like a good backup. Only the newest [`KEEP_BACKUPS`] are kept.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};

/// Folder inside the library folder that holds the backups.
pub const BACKUPS_DIR: &str = "backups";
/// How many backups are kept; older ones are deleted after each new one.
pub const KEEP_BACKUPS: usize = 10;
/// A library opened when its newest backup is older than this gets a new one.
pub const DAILY: chrono::TimeDelta = chrono::TimeDelta::hours(24);

const PREFIX: &str = "library-";
const SUFFIX: &str = ".sqlite3";
const STAMP_FORMAT: &str = "%Y%m%dT%H%M%S%.3fZ";

/// One backup file, as `sidenote backups` and the restore dialog list it.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// File name inside `backups/`; what `sidenote restore NAME` takes.
    pub name: String,
    pub path: String,
    /// RFC 3339 UTC, from the file name.
    pub created_at: String,
    /// Why it was made: daily, manual, pre-migration-vN, pre-restore.
    pub reason: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Counts read from the backup itself; `None` when it cannot be read.
    #[ts(type = "number | null")]
    pub article_count: Option<u64>,
    #[ts(type = "number | null")]
    pub highlight_count: Option<u64>,
}

pub fn backups_dir(library_dir: &Path) -> PathBuf {
    library_dir.join(BACKUPS_DIR)
}

/// Copies the whole of `from` (its main database) into `to`, replacing what
/// `to` held. Busy or locked steps are retried for up to about ten seconds.
pub(crate) fn copy_database(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let mut waits = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => {
                waits += 1;
                if waits > 200 {
                    return Err(Error::Busy("the library stayed locked during the backup".into()));
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            // StepResult is non-exhaustive; a future variant is treated as "try again".
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Writes a backup of `conn` into `<library_dir>/backups/`, then prunes old
/// ones. Returns the new backup's path.
pub fn create_backup(conn: &Connection, library_dir: &Path, reason: &str) -> Result<PathBuf> {
    let path = create_backup_unpruned(conn, library_dir, reason)?;
    prune(library_dir, KEEP_BACKUPS)?;
    Ok(path)
}

/// [`create_backup`] without the pruning, for a caller that still needs the
/// oldest backup (a restore from it).
pub(crate) fn create_backup_unpruned(conn: &Connection, library_dir: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backups_dir(library_dir);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(format!("cannot create the backups folder {}", dir.display()), e))?;
    let stamp = chrono::Utc::now().format(STAMP_FORMAT).to_string();
    let name = format!("{PREFIX}{stamp}-{reason}{SUFFIX}");
    let final_path = dir.join(&name);
    // The process id keeps two processes backing up at the same instant apart.
    let partial = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let written = write_backup_file(conn, &partial);
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &final_path).map_err(|e| Error::io(format!("cannot finish the backup {}", final_path.display()), e))?;
    sync_dir(&dir);
    tracing::info!(backup = %final_path.display(), reason, "library backed up");
    Ok(final_path)
}

fn write_backup_file(conn: &Connection, partial: &Path) -> Result<()> {
    let mut dest = Connection::open(partial)?;
    copy_database(conn, &mut dest)?;
    // A backup is a single self-contained file: no WAL beside it.
    let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dest.close().map_err(|(_, e)| Error::from(e))?;
    let file = std::fs::File::open(partial).map_err(|e| Error::io(format!("cannot reopen the backup {}", partial.display()), e))?;
    file.sync_all().map_err(|e| Error::io(format!("cannot flush the backup {}", partial.display()), e))?;
    Ok(())
}

/// Makes a rename durable: flushes the folder entry (best effort; not every
/// platform can open a folder for this).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The backups of a library, newest first.
pub fn list_backups(library_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backups_dir(library_dir);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot read the backups folder {}", dir.display()), e)),
    };
    let mut found: Vec<BackupInfo> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let (created_at, reason) = parse_name(&name)?;
            let path = entry.path();
            let size = entry.metadata().ok()?.len();
            let (article_count, highlight_count) = match counts(&path) {
                Some((a, h)) => (Some(a), Some(h)),
                None => (None, None),
            };
            Some(BackupInfo { name, path: path.display().to_string(), created_at, reason, size, article_count, highlight_count })
        })
        .collect();
    found.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(found)
}

/// `library-<stamp>-<reason>.sqlite3` → (RFC 3339 time, reason).
fn parse_name(name: &str) -> Option<(String, String)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let (stamp, reason) = rest.split_once("Z-")?;
    let time = chrono::NaiveDateTime::parse_from_str(&format!("{stamp}Z"), STAMP_FORMAT).ok()?;
    let time = time.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    Some((time, reason.to_owned()))
}

/// Live article and highlight counts of a backup, read without changing it.
fn counts(path: &Path) -> Option<(u64, u64)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    let articles: i64 = conn.query_row("SELECT count(*) FROM articles WHERE deleted_at IS NULL", [], |r| r.get(0)).ok()?;
    let highlights: i64 = conn
        .query_row(
            "SELECT count(*) FROM highlights h JOIN articles a ON a.id = h.article_id
             WHERE h.deleted_at IS NULL AND a.deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .ok()?;
    Some((articles as u64, highlights as u64))
}

/// Deletes all but the newest `keep` backups, and unfinished ones left by a
/// crash more than an hour ago (a younger one may still be being written).
pub fn prune(library_dir: &Path, keep: usize) -> Result<()> {
    let dir = backups_dir(library_dir);
    let all: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok()?.file_name().to_str().map(str::to_owned)).collect(),
        Err(_) => return Ok(()),
    };
    for partial in all.iter().filter(|n| n.starts_with('.') && n.ends_with(".partial")) {
        let path = dir.join(partial);
        let stale = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if stale {
            let _ = std::fs::remove_file(&path);
        }
    }
    let mut names: Vec<String> = all.into_iter().filter(|n| parse_name(n).is_some()).collect();
    names.sort_by(|a, b| b.cmp(a));
    for old in names.into_iter().skip(keep) {
        let path = dir.join(&old);
        std::fs::remove_file(&path).map_err(|e| Error::io(format!("cannot delete the old backup {}", path.display()), e))?;
    }
    Ok(())
}

/// True when the library has no backup newer than a day.
pub fn daily_backup_due(library_dir: &Path) -> bool {
    let dir = backups_dir(library_dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return true;
    };
    let newest = entries
        .filter_map(|e| e.ok()?.file_name().to_str().and_then(parse_name))
        .filter_map(|(time, _)| chrono::DateTime::parse_from_rfc3339(&time).ok())
        .max();
    match newest {
        Some(t) => chrono::Utc::now().signed_duration_since(t) >= DAILY,
        None => true,
    }
}

/// Finds a backup by file name (or, with `None`, the newest).
pub fn find_backup(library_dir: &Path, name: Option<&str>) -> Result<BackupInfo> {
    let all = list_backups(library_dir)?;
    let dir = backups_dir(library_dir);
    match name {
        None => all.into_iter().next().ok_or_else(|| Error::NotFound { what: "backup", id: format!("any backup in {}", dir.display()) }),
        Some(wanted) => {
            // Accept a path too, as long as it names a file in this library's backups folder.
            let wanted = Path::new(wanted).file_name().and_then(|n| n.to_str()).unwrap_or(wanted);
            all.into_iter()
                .find(|b| b.name == wanted)
                .ok_or_else(|| Error::NotFound { what: "backup", id: format!("{wanted} in {}", dir.display()) })
        }
    }
}

#[cfg(test)]
mod tests;
