//! The open library, shared by the command handlers.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use sidenote_core::{ErrorKind, ErrorPayload, ImportReport, Library};

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    /// The library, or why it could not be opened: the app still starts and
    /// shows the reason instead of crashing.
    library: Result<Mutex<Library>, ErrorPayload>,
    /// Files imported at launch, for the UI to open once it is ready.
    pending_opens: Mutex<Vec<ImportReport>>,
}

impl AppState {
    pub fn open(dir: Result<PathBuf, String>) -> Self {
        let opened = dir
            .map_err(|message| ErrorPayload { kind: ErrorKind::Invalid, message })
            .and_then(|dir| Library::open_dir(&dir).map_err(|e| e.payload()))
            .and_then(|mut lib| {
                lib.ensure_sample().map_err(|e| e.payload())?;
                Ok(lib)
            });
        if let Err(e) = &opened {
            tracing::error!(message = %e.message, "library could not be opened");
        }
        AppState { library: opened.map(Mutex::new), pending_opens: Mutex::new(Vec::new()) }
    }

    pub fn queue_opens(&self, reports: Vec<ImportReport>) {
        self.pending_opens.lock().unwrap_or_else(|p| p.into_inner()).extend(reports);
    }

    pub fn take_pending_opens(&self) -> Vec<ImportReport> {
        std::mem::take(&mut *self.pending_opens.lock().unwrap_or_else(|p| p.into_inner()))
    }

    pub fn library(&self) -> CommandResult<MutexGuard<'_, Library>> {
        match &self.library {
            // A panic while holding the lock cannot leave SQLite inconsistent
            // (transactions roll back), so a poisoned lock is still usable.
            Ok(m) => Ok(m.lock().unwrap_or_else(|p| p.into_inner())),
            Err(e) => Err(CommandError(e.clone())),
        }
    }
}
