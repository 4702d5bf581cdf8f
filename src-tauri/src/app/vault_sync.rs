//! "Keep an Obsidian vault in sync": with a vault folder chosen (the
//! `obsidianVault` setting), every committed change to the reader's data
//! schedules a re-export of the whole library into it, once the changes
//! have paused for a moment (typing a note commits often); a sync round that
//! brought other devices' changes schedules the articles it changed (their
//! rows are made again without a change of this device's, so the sink does
//! not hear them). Unchanged notes are not rewritten, so Obsidian only sees
//! the notes that changed.

use std::collections::BTreeSet;
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

/// What is due to be written to the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// The whole library (a change here: any article's note may differ).
    All,
    /// These articles (a sync round changed them).
    Articles(BTreeSet<String>),
}

impl Due {
    /// What is due after `more` is asked for too.
    pub fn and(self, more: Due) -> Due {
        match (self, more) {
            (Due::Articles(mut a), Due::Articles(b)) => {
                a.extend(b);
                Due::Articles(a)
            }
            _ => Due::All,
        }
    }
}

static CHANGED: OnceLock<Mutex<Sender<Due>>> = OnceLock::new();

fn send(due: Due) {
    if let Some(tx) = CHANGED.get() {
        let _ = tx.lock().unwrap_or_else(|p| p.into_inner()).send(due);
    }
}

/// A sync round made these articles again from other devices' changes:
/// their notes are written to the vault (if one is kept) once things pause.
pub fn articles_synced(ids: &[String]) {
    if !ids.is_empty() {
        send(Due::Articles(ids.iter().cloned().collect()));
    }
}

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
            send(Due::All);
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

/// Exports what is due into `dir`: the whole library, or the given articles
/// that are still in it (one moved to the trash keeps its note, as with a
/// change made here); None when none of them is.
pub fn write_due(lib: &mut Library, dir: &Path, due: &Due) -> sidenote_core::Result<Option<VaultReport>> {
    let ids: Vec<String> = match due {
        Due::All => Vec::new(),
        Due::Articles(ids) => ids.iter().filter(|id| lib.article(id).is_ok()).cloned().collect(),
    };
    if ids.is_empty() && *due != Due::All {
        return Ok(None);
    }
    let notes = export::collect(lib, &ids)?;
    export::obsidian::export_vault(lib, &notes, dir).map(Some)
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

fn run(app: &AppHandle, rx: &Receiver<Due>) {
    while let Ok(first) = rx.recv() {
        // Wait until the changes pause.
        let mut due = first;
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(more) => due = due.and(more),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let state = app.state::<AppState>();
        let dir = match state.library().map(|lib| vault_dir(&lib)) {
            Ok(Ok(Some(dir))) => dir,
            _ => continue,
        };
        let written = state.library().and_then(|mut lib| write_due(&mut lib, Path::new(&dir), &due).map_err(CommandError::from));
        let sent = match written {
            Ok(None) => continue,
            Ok(Some(report)) => app.emit(SYNCED_EVENT, report),
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

#[cfg(test)]
mod tests {
    use super::Due;

    #[test]
    fn rounds_add_up_their_articles_and_a_change_here_asks_for_everything() {
        let of = |ids: &[&str]| Due::Articles(ids.iter().map(|s| (*s).to_owned()).collect());
        assert_eq!(of(&["a", "b"]).and(of(&["b", "c"])), of(&["a", "b", "c"]));
        assert_eq!(of(&["a"]).and(Due::All), Due::All);
        assert_eq!(Due::All.and(of(&["a"])), Due::All);
    }
}
