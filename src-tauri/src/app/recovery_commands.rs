//! Backups and recovery from the app: the recovery screen shown when the
//! library cannot be opened, and File → Restore from Backup….

use sidenote_core::store::backup::{self, BackupInfo};
use sidenote_core::store::recovery::{self, LibraryStatus, RestoreReport};
use sidenote_core::store::LIBRARY_FILE;
use sidenote_core::ErrorDetail;
use tauri::State;

use super::AppState;
use crate::error::{CommandError, CommandResult};

/// Whether the library is open, and if not why, with the backups to restore.
#[tauri::command(async)]
pub fn library_status(state: State<'_, AppState>) -> LibraryStatus {
    let error = state.open_error();
    let dir = state.dir().ok();
    let backups = dir.map(backup::list_backups).transpose();
    let (backups, error) = match backups {
        Ok(b) => (b.unwrap_or_default(), error),
        // The listing failing matters less than the library failing: show that first.
        Err(e) => (Vec::new(), error.or(Some(e.payload()))),
    };
    LibraryStatus {
        folder: dir.map(|d| d.display().to_string()),
        file: dir.map(|d| d.join(LIBRARY_FILE).display().to_string()),
        error,
        backups,
    }
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> CommandResult<Vec<BackupInfo>> {
    Ok(backup::list_backups(state.dir()?)?)
}

/// Backs the open library up now; returns the new backup.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CommandResult<BackupInfo> {
    let path = state.library()?.backup_now()?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    Ok(backup::find_backup(state.dir()?, Some(&name))?)
}

/// Replaces the library with backup `name` (the newest when absent). The
/// library is closed meanwhile and opened again afterwards.
#[tauri::command(async)]
pub fn restore_backup(state: State<'_, AppState>, name: Option<String>) -> CommandResult<RestoreReport> {
    state.reopen_after(|dir| recovery::restore_backup(dir, name.as_deref()))
}

/// Moves an unopenable library file aside and starts an empty library.
/// Refused while the library is open: there is nothing to recover from then.
#[tauri::command(async)]
pub fn start_fresh_library(state: State<'_, AppState>) -> CommandResult<Option<String>> {
    if state.open_error().is_none() {
        return Err(CommandError::new(
            ErrorDetail::Invalid,
            "the library is open and readable; restore a backup instead of starting afresh",
        ));
    }
    let aside = state.reopen_after(recovery::move_aside)?;
    Ok(aside.map(|p| p.display().to_string()))
}
