//! "Keep an Obsidian vault in sync": with a vault folder chosen (the
//! `obsidianVault` setting), every committed change to the reader's data
//! schedules a re-export of the whole library into it, once the changes
//! have paused for a moment (typing a note commits often). Unchanged notes
//! are not rewritten, so Obsidian only sees the notes that changed.

use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use sidenote_core::export::{self, obsidian::VaultReport};
use sidenote_core::store::{ChangeSink, SyncLog};
use sidenote_core::{Change, Library};
use tauri::{AppHandle, Emitter, Manager};

use super::AppState;
use crate::error::{CommandError, CommandResult};

/// The setting that holds the vault folder (absent or null: no sync).
pub const SETTING: &str = "obsidianVault";
/// Quiet time after the last change before the vault is written.
const DEBOUNCE: Duration = Duration::from_millis(1500);
pub const SYNCED_EVENT: &str = "vault-synced";
pub const FAILED_EVENT: &str = "vault-sync-failed";

static CHANGED: OnceLock<Mutex<Sender<()>>> = OnceLock::new();

/// Tells the sync thread about committed changes to the reader's data.
#[derive(Default)]
pub struct VaultSink {
    dirty: bool,
}

impl ChangeSink for VaultSink {
    fn record(&mut self, change: &Change<'_>, _log: &mut SyncLog<'_>) -> sidenote_core::Result<()> {
        // Preferences are not notes.
        if !matches!(change, Change::SettingChanged { .. }) {
            self.dirty = true;
        }
        Ok(())
    }

    fn committed(&mut self) {
        if std::mem::take(&mut self.dirty) {
            if let Some(tx) = CHANGED.get() {
                let _ = tx.lock().unwrap_or_else(|p| p.into_inner()).send(());
            }
        }
    }

    fn rolled_back(&mut self) {
        self.dirty = false;
    }

    /// It only listens: a library that syncs needs the recorder beside it.
    fn records(&self) -> bool {
        false
    }
}

/// The vault folder the reader chose, if any.
pub fn vault_dir(lib: &Library) -> sidenote_core::Result<Option<String>> {
    Ok(lib.setting(SETTING)?.and_then(|v| v.as_str().map(str::to_owned)).filter(|s| !s.trim().is_empty()))
}

/// Exports the whole library into `dir`.
pub fn sync_now(state: &AppState, dir: &Path) -> CommandResult<VaultReport> {
    let mut lib = state.library()?;
    let notes = export::collect(&mut lib, &[])?;
    Ok(export::obsidian::export_vault(&mut lib, &notes, dir)?)
}

/// Starts the thread that re-exports after changes.
pub fn start(app: &AppHandle) {
    let (tx, rx) = mpsc::channel();
    if CHANGED.set(Mutex::new(tx)).is_err() {
        return;
    }
    let app = app.clone();
    let _ = std::thread::Builder::new().name("vault-sync".into()).spawn(move || run(&app, &rx));
}

fn run(app: &AppHandle, rx: &Receiver<()>) {
    while rx.recv().is_ok() {
        // Wait until the changes pause.
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(()) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let state = app.state::<AppState>();
        let dir = match state.library().map(|lib| vault_dir(&lib)) {
            Ok(Ok(Some(dir))) => dir,
            _ => continue,
        };
        let sent = match sync_now(&state, Path::new(&dir)) {
            Ok(report) => app.emit(SYNCED_EVENT, report),
            Err(CommandError(e)) => app.emit(FAILED_EVENT, e),
        };
        if let Err(e) = sent {
            tracing::warn!(error = %e, "could not report a vault sync");
        }
    }
}

/// Chooses (or, with none, stops) the vault kept in sync; a chosen folder is
/// written at once and the report returned.
#[tauri::command(async)]
pub fn set_obsidian_vault(state: tauri::State<'_, AppState>, path: Option<String>) -> CommandResult<Option<VaultReport>> {
    let path = path.filter(|p| !p.trim().is_empty());
    let Some(path) = path else {
        state.library()?.set_setting(SETTING, &serde_json::Value::Null)?;
        return Ok(None);
    };
    // Written first: a folder that cannot be written is refused and not remembered.
    let report = sync_now(&state, Path::new(&path))?;
    state.library()?.set_setting(SETTING, &serde_json::Value::String(report.folder.clone()))?;
    Ok(Some(report))
}
