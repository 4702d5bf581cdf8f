//! The open library, shared by the command handlers.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::thread::JoinHandle;

use sidenote_core::links::{self, Passage};
use sidenote_core::store::{DueBackup, NoSink, PairedSinks};
use sidenote_core::{ErrorDetail, ErrorPayload, ImportReport, Library};

use crate::error::{CommandError, CommandResult};
use crate::startup_marks::mark;

type Opened = Result<Library, ErrorPayload>;
/// What the opening thread hands over: the library (or why not) and the day's backup if due.
type Opening = JoinHandle<(Opened, Option<DueBackup>)>;

pub struct AppState {
    /// The library folder, or why none could be chosen.
    dir: Result<PathBuf, ErrorPayload>,
    /// The library, or why it could not be opened: the app still starts and
    /// shows the reason (with restore and start-fresh choices) instead of
    /// crashing. Replaced when the person restores a backup or starts afresh.
    library: Mutex<Opened>,
    /// Files imported at launch, for the UI to open once it is ready.
    pending_opens: Mutex<Vec<ImportReport>>,
    /// The passage a link passed at launch leads to, or why it leads nowhere.
    pending_link: Mutex<Option<Result<Passage, ErrorPayload>>>,
    /// The day's backup, when due at launch: written once the window is up.
    due_backup: Mutex<Option<DueBackup>>,
    /// Hand-offs from a second launch or the browser, kept until the page listens.
    deliveries: super::deliveries::Deliveries,
    /// The launch's open, running beside the window's creation: taken (and
    /// waited for) by the first use of the library. Held locked while its
    /// result is stored, so a second caller waits for the result too.
    opening: Mutex<Option<Opening>>,
}

/// The locked library; only handed out when the library is open.
pub struct LibraryGuard<'a>(MutexGuard<'a, Opened>);

impl Deref for LibraryGuard<'_> {
    type Target = Library;
    fn deref(&self) -> &Library {
        match &*self.0 {
            Ok(lib) => lib,
            Err(_) => unreachable!("a LibraryGuard is only made for an open library"),
        }
    }
}

impl DerefMut for LibraryGuard<'_> {
    fn deref_mut(&mut self) -> &mut Library {
        match &mut *self.0 {
            Ok(lib) => lib,
            Err(_) => unreachable!("a LibraryGuard is only made for an open library"),
        }
    }
}

/// Opens the library in `dir`, adding the sample article to a new one.
pub fn open_library(dir: &Path) -> Opened {
    let (lib, due) = open_library_backup_deferred(dir)?;
    if let Some(due) = due {
        due.write();
    }
    Ok(lib)
}

/// [`open_library`], leaving the day's backup (if due) to the caller.
fn open_library_backup_deferred(dir: &Path) -> Result<(Library, Option<DueBackup>), ErrorPayload> {
    let (mut lib, due) = Library::open_dir_backup_deferred(dir).map_err(|e| e.payload())?;
    mark("library-opened");
    install_sinks(&mut lib).map_err(|e| e.payload())?;
    mark("sync-attached");
    lib.ensure_sample().map_err(|e| e.payload())?;
    Ok((lib, due))
}

/// A library that syncs records every change for the other devices, and
/// committed changes wake the Obsidian vault sync (when a vault is chosen)
/// and the sync thread: the library has one sink slot, so they share it.
/// Called again whenever sync is turned on or off.
pub fn install_sinks(lib: &mut Library) -> sidenote_core::Result<()> {
    lib.set_change_sink(Box::new(NoSink));
    sidenote_core::sync::attach(lib)?;
    let recorder = lib.set_change_sink(Box::new(NoSink));
    let listeners =
        PairedSinks::new(Box::new(super::vault_sync::VaultSink::default()), Box::new(super::sync_commands::SyncWake::default()));
    lib.set_change_sink(Box::new(PairedSinks::new(recorder, Box::new(listeners))));
    Ok(())
}

/// The open's result split into the library (or why not) and its due backup.
fn split(opened: Result<(Library, Option<DueBackup>), ErrorPayload>) -> (Opened, Option<DueBackup>) {
    match opened {
        Ok((lib, due)) => (Ok(lib), due),
        Err(e) => (Err(e), None),
    }
}

impl AppState {
    /// Starts opening the library in `dir` on a thread of its own and
    /// returns at once: the open (the schema check, the sync log, the sample
    /// article; ~20 ms) runs while Tauri creates the window and its web
    /// process (~150 ms), instead of before it. Every use of the library
    /// waits for it, so nothing can see the library half open.
    pub fn open(dir: Result<PathBuf, ErrorPayload>) -> Self {
        let mut state = AppState {
            dir,
            library: Mutex::new(Err(ErrorPayload { detail: ErrorDetail::Busy, message: "the library is still opening".into() })),
            pending_opens: Mutex::new(Vec::new()),
            pending_link: Mutex::new(None),
            due_backup: Mutex::new(None),
            deliveries: super::deliveries::Deliveries::default(),
            opening: Mutex::new(None),
        };
        let dir = match &state.dir {
            Ok(dir) => dir.clone(),
            Err(e) => {
                tracing::error!(message = %e.message, "library could not be opened");
                *state.library.get_mut().unwrap_or_else(|p| p.into_inner()) = Err(e.clone());
                return state;
            }
        };
        let spawned = std::thread::Builder::new().name("library-open".into()).spawn({
            let dir = dir.clone();
            move || split(open_library_backup_deferred(&dir))
        });
        match spawned {
            Ok(handle) => *state.opening.get_mut().unwrap_or_else(|p| p.into_inner()) = Some(handle),
            // No thread to be had: open here, as before.
            Err(_) => state.store(split(open_library_backup_deferred(&dir))),
        }
        state
    }

    fn store(&self, (opened, due): (Opened, Option<DueBackup>)) {
        if let Err(e) = &opened {
            tracing::error!(message = %e.message, "library could not be opened");
        }
        *self.library.lock().unwrap_or_else(|p| p.into_inner()) = opened;
        *self.due_backup.lock().unwrap_or_else(|p| p.into_inner()) = due;
    }

    /// Waits for the launch's open, once, and stores what it gave.
    fn finish_opening(&self) {
        let mut opening = self.opening.lock().unwrap_or_else(|p| p.into_inner());
        let Some(handle) = opening.take() else { return };
        match handle.join() {
            Ok(result) => self.store(result),
            // A panic while opening is a bug: it goes on where the library is
            // first used (the setup hook), as it did when the open ran there.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// The day's backup if it was due at launch (once).
    pub fn take_due_backup(&self) -> Option<DueBackup> {
        self.finish_opening();
        self.due_backup.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    pub fn queue_opens(&self, reports: Vec<ImportReport>) {
        self.pending_opens.lock().unwrap_or_else(|p| p.into_inner()).extend(reports);
    }

    /// Hand-offs for the page: sent when it listens, kept until then.
    pub fn deliveries(&self) -> &super::deliveries::Deliveries {
        &self.deliveries
    }

    pub fn take_pending_opens(&self) -> Vec<ImportReport> {
        std::mem::take(&mut *self.pending_opens.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Checks a link passed at launch against the library, for the UI to open once ready.
    pub fn queue_link(&self, link: &str) {
        let resolved = match self.library() {
            Ok(lib) => links::resolve(&lib, link).map_err(|e| e.payload()),
            Err(e) => Err(e.0),
        };
        *self.pending_link.lock().unwrap_or_else(|p| p.into_inner()) = Some(resolved);
    }

    pub fn take_pending_link(&self) -> Option<Result<Passage, ErrorPayload>> {
        self.pending_link.lock().unwrap_or_else(|p| p.into_inner()).take()
    }

    fn lock(&self) -> MutexGuard<'_, Opened> {
        self.finish_opening();
        // A panic while holding the lock cannot leave SQLite inconsistent
        // (transactions roll back), so a poisoned lock is still usable.
        self.library.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn library(&self) -> CommandResult<LibraryGuard<'_>> {
        let guard = self.lock();
        match &*guard {
            Ok(_) => Ok(LibraryGuard(guard)),
            Err(e) => Err(CommandError(e.clone())),
        }
    }

    /// Why the library is not open, if it is not.
    pub fn open_error(&self) -> Option<ErrorPayload> {
        self.lock().as_ref().err().cloned()
    }

    pub fn dir(&self) -> CommandResult<&Path> {
        self.dir.as_deref().map_err(|e| CommandError(e.clone()))
    }

    /// Closes the library, runs `change` on its folder (a restore, a fresh
    /// start), then opens it again, whatever `change` did.
    pub fn reopen_after<T>(&self, change: impl FnOnce(&Path) -> sidenote_core::Result<T>) -> CommandResult<T> {
        let dir = self.dir()?;
        let mut guard = self.lock();
        // Dropping the Library closes its connection before the file changes.
        *guard = Err(ErrorPayload {
            detail: ErrorDetail::Busy,
            message: "the library is being replaced by a backup or a new one; try again in a moment".into(),
        });
        let outcome = change(dir);
        *guard = open_library(dir);
        let value = outcome?;
        if let Err(e) = &*guard {
            return Err(CommandError(e.clone()));
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_caller_waits_for_the_launch_open_and_sees_the_same_library() {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = std::sync::Arc::new(AppState::open(Ok(dir.path().to_path_buf())));
        // Callers racing the open: none sees it half done ("still opening").
        let callers: Vec<_> = (0..8)
            .map(|_| {
                let state = state.clone();
                std::thread::spawn(move || state.library().map(|lib| lib.article_count().expect("count")).map_err(|e| e.0.message))
            })
            .collect();
        let counts: Vec<_> = callers.into_iter().map(|c| c.join().expect("caller")).collect();
        // A new library holds the sample article.
        assert!(counts.iter().all(|c| c == &Ok(1)), "{counts:?}");
        assert!(state.open_error().is_none());
    }

    #[test]
    fn a_library_that_cannot_open_says_why_to_every_caller() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A folder where the library file should be: the open fails.
        std::fs::create_dir(dir.path().join(sidenote_core::store::LIBRARY_FILE)).expect("blocker");
        let state = AppState::open(Ok(dir.path().to_path_buf()));
        let error = state.open_error().expect("the open failed");
        assert_ne!(error.detail, ErrorDetail::Busy, "the reason, not 'still opening': {}", error.message);
        assert_eq!(state.library().err().map(|e| e.0.message), Some(error.message));
        assert!(state.take_due_backup().is_none());
    }

    #[test]
    fn no_folder_is_the_reason_at_once() {
        let reason = ErrorPayload { detail: ErrorDetail::Invalid, message: "no folder for the library".into() };
        let state = AppState::open(Err(reason.clone()));
        assert_eq!(state.open_error(), Some(reason));
    }
}
