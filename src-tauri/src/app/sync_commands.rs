//! The app's side of sync (docs/sync.md): the Sync dialog's commands, and a
//! thread that runs rounds by itself while the app runs: after local changes
//! pause (typing a note commits often) and after other devices' files arrive
//! and stop changing. Arrivals are found by polling a fingerprint of the
//! other devices' file sizes and times once a second (no file is read): it
//! works the same on local disks, network shares and FUSE mounts, where
//! change notifications are not delivered, and needs no new dependency.
//! Each round's result goes to the UI as a `sync-state` event, and the ids of
//! the articles it changed as `sync-changed`, so the open reader and the
//! lists show them without a restart.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use sidenote_core::store::{ChangeSink, SyncLog};
use sidenote_core::sync::{self, LastRound, SyncOverview};
use sidenote_core::{Change, ErrorDetail, Library};
use tauri::{AppHandle, Emitter, Manager, State};

use super::state::install_sinks;
use super::AppState;
use crate::error::{CommandError, CommandResult};

pub const STATE_EVENT: &str = "sync-state";
pub const CHANGED_EVENT: &str = "sync-changed";
/// The reader's settings (theme, font size…) changed on another device.
pub const SETTINGS_EVENT: &str = "sync-settings";
/// Quiet time after the last local change or arrival before a round.
const DEBOUNCE: Duration = Duration::from_millis(1500);
/// How often the folder's fingerprint is read.
const POLL: Duration = Duration::from_secs(1);

static WAKE: OnceLock<Mutex<Sender<()>>> = OnceLock::new();
/// Rounds running now (the thread's and a "Sync now").
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static LAST: Mutex<Option<LastRound>> = Mutex::new(None);

/// Wakes the sync thread when the reader's data changed here.
#[derive(Default)]
pub struct SyncWake {
    dirty: bool,
}

impl ChangeSink for SyncWake {
    fn record(&mut self, _change: &Change<'_>, _log: &mut SyncLog<'_>) -> sidenote_core::Result<()> {
        self.dirty = true;
        Ok(())
    }

    fn committed(&mut self) {
        if std::mem::take(&mut self.dirty) {
            wake();
        }
    }

    fn rolled_back(&mut self) {
        self.dirty = false;
    }

    /// It only listens: the recorder beside it records.
    fn records(&self) -> bool {
        false
    }
}

fn wake() {
    if let Some(tx) = WAKE.get() {
        let _ = tx.lock().unwrap_or_else(|p| p.into_inner()).send(());
    }
}

fn last() -> Option<LastRound> {
    LAST.lock().unwrap_or_else(|p| p.into_inner()).clone()
}

fn overview_of(lib: &Library) -> CommandResult<SyncOverview> {
    Ok(sync::overview(sync::status(lib)?, RUNNING.load(Ordering::SeqCst) > 0, last()))
}

fn emit_state(app: &AppHandle) {
    let state = app.state::<AppState>();
    let overview = state.library().and_then(|lib| overview_of(&lib));
    if let Ok(overview) = overview {
        if let Err(e) = app.emit(STATE_EVENT, overview) {
            tracing::warn!(error = %e, "sync state not delivered");
        }
    }
}

/// Runs one round (if the library syncs), keeps its result for the dialog,
/// and tells the UI what it changed.
fn run_round(app: &AppHandle) -> CommandResult<()> {
    let state = app.state::<AppState>();
    if state.library()?.sync_config()?.is_none() {
        return Ok(());
    }
    RUNNING.fetch_add(1, Ordering::SeqCst);
    emit_state(app);
    let result = state.library().and_then(|mut lib| sync::round(&mut lib).map_err(CommandError::from));
    RUNNING.fetch_sub(1, Ordering::SeqCst);
    let outcome = result.as_ref().map(Clone::clone).map_err(|e| e.0.message.clone());
    *LAST.lock().unwrap_or_else(|p| p.into_inner()) = Some(LastRound::ended_now(&outcome));
    if let Ok(report) = &result {
        for problem in &report.problems {
            tracing::info!(%problem, "sync skipped a file");
        }
        // Verdicts on disagreements change no article: the lists are told
        // with no ids, and the library's timeline shows them anew.
        if !report.changed.is_empty() || report.verdicts {
            if let Err(e) = app.emit(CHANGED_EVENT, &report.changed) {
                tracing::warn!(error = %e, "sync changes not delivered");
            }
        }
        super::vault_sync::articles_synced(&report.changed);
        if report.settings {
            if let Err(e) = app.emit(SETTINGS_EVENT, ()) {
                tracing::warn!(error = %e, "synced settings not delivered");
            }
        }
    }
    emit_state(app);
    Ok(())
}

/// Starts the thread that syncs by itself.
pub fn start(app: &AppHandle) {
    let (tx, rx) = mpsc::channel();
    if WAKE.set(Mutex::new(tx)).is_err() {
        return;
    }
    let app = app.clone();
    let _ = std::thread::Builder::new().name("sync".into()).spawn(move || run(&app, &rx));
}

fn run(app: &AppHandle, rx: &Receiver<()>) {
    // A round at start: what arrived while the app was closed.
    let mut due = Some(Instant::now());
    let mut seen: Option<u64> = None;
    let mut polled = Instant::now() - POLL;
    loop {
        let wait = due.map_or(POLL, |d| d.saturating_duration_since(Instant::now()).min(POLL));
        match rx.recv_timeout(wait) {
            Ok(()) => due = Some(Instant::now() + DEBOUNCE),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if polled.elapsed() >= POLL {
            polled = Instant::now();
            let arrivals = app.state::<AppState>().library().ok().and_then(|lib| sync::arrivals(&lib).ok().flatten());
            if arrivals != seen {
                // Files still arriving push the round back until they stop.
                if seen.is_some() && arrivals.is_some() {
                    due = Some(Instant::now() + DEBOUNCE);
                }
                seen = arrivals;
            }
        }
        if due.is_some_and(|d| Instant::now() >= d) {
            due = None;
            if let Err(e) = run_round(app) {
                tracing::warn!(message = %e.0.message, "sync round could not start");
            }
        }
    }
}

/// The Sync dialog's and header indicator's data.
#[tauri::command(async)]
pub fn sync_overview(state: State<'_, AppState>) -> CommandResult<SyncOverview> {
    let lib = state.library()?;
    overview_of(&lib)
}

/// Syncs the library through `folder` (this device named `name`, or as
/// before, or by the host name), then runs a round at once.
#[tauri::command(async)]
pub fn choose_sync_folder(app: AppHandle, state: State<'_, AppState>, folder: String, name: Option<String>) -> CommandResult<SyncOverview> {
    let name = clean_name(name)?;
    {
        let mut lib = state.library()?;
        sync::enable(&mut lib, std::path::Path::new(&folder), name.as_deref())?;
        install_sinks(&mut lib)?;
    }
    run_round(&app)?;
    let lib = state.library()?;
    overview_of(&lib)
}

/// Names this device, as the other devices list it.
#[tauri::command(async)]
pub fn rename_sync_device(state: State<'_, AppState>, name: String) -> CommandResult<SyncOverview> {
    let Some(name) = clean_name(Some(name))? else {
        return Err(CommandError::new(ErrorDetail::Invalid, "a device needs a name"));
    };
    state.library()?.sync_set_name(&name)?;
    // The other devices learn the name from the next round.
    wake();
    let lib = state.library()?;
    overview_of(&lib)
}

/// "Sync now": a round at once. A failed round is not an error of the
/// command: its reason is in the overview, as the dialog shows it.
#[tauri::command(async)]
pub fn sync_now(app: AppHandle, state: State<'_, AppState>) -> CommandResult<SyncOverview> {
    if state.library()?.sync_config()?.is_none() {
        return Err(CommandError::new(ErrorDetail::Invalid, "this library does not sync; choose a sync folder first"));
    }
    run_round(&app)?;
    let lib = state.library()?;
    overview_of(&lib)
}

/// Stops syncing; the files in the folder stay.
#[tauri::command(async)]
pub fn stop_sync(app: AppHandle, state: State<'_, AppState>) -> CommandResult<SyncOverview> {
    {
        let mut lib = state.library()?;
        sync::disable(&mut lib)?;
        install_sinks(&mut lib)?;
    }
    *LAST.lock().unwrap_or_else(|p| p.into_inner()) = None;
    emit_state(&app);
    let lib = state.library()?;
    overview_of(&lib)
}

/// A device name as kept: trimmed, at most 100 characters; blank is none.
fn clean_name(name: Option<String>) -> CommandResult<Option<String>> {
    let Some(name) = name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) else { return Ok(None) };
    if name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(CommandError::new(ErrorDetail::Invalid, "a device name is one line of at most 100 characters"));
    }
    Ok(Some(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_are_trimmed_and_limited() {
        assert_eq!(clean_name(Some("  Desk  ".into())).unwrap(), Some("Desk".into()));
        assert_eq!(clean_name(Some("   ".into())).unwrap(), None);
        assert_eq!(clean_name(None).unwrap(), None);
        assert!(clean_name(Some("x".repeat(101))).is_err());
        assert!(clean_name(Some("two\nlines".into())).is_err());
        assert_eq!(clean_name(Some("é".repeat(100))).unwrap().map(|n| n.chars().count()), Some(100));
    }

    #[test]
    fn the_wake_sink_wakes_the_thread_after_a_commit_and_not_after_a_rollback() {
        let (tx, rx) = mpsc::channel();
        assert!(WAKE.set(Mutex::new(tx)).is_ok(), "only this test installs the channel");
        let mut sink = SyncWake { dirty: true };
        sink.committed();
        assert!(rx.try_recv().is_ok(), "a committed change wakes the thread");
        sink.committed();
        assert!(rx.try_recv().is_err(), "nothing new: no wake");
        sink = SyncWake { dirty: true };
        sink.rolled_back();
        sink.committed();
        assert!(rx.try_recv().is_err(), "a rolled-back change does not wake it");
        assert!(!sink.records(), "it only listens");
    }
}
