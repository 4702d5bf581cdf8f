//! The open library, shared by the command handlers.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use sidenote_core::{ErrorKind, ErrorPayload, Library};

use crate::error::{CommandError, CommandResult};

pub struct AppState {
    /// The library, or why it could not be opened: the app still starts and
    /// shows the reason instead of crashing.
    library: Result<Mutex<Library>, ErrorPayload>,
}

impl AppState {
    pub fn open(library: Option<&Path>) -> Self {
        let opened = crate::cli::resolve_library_dir(library)
            .map_err(|message| ErrorPayload { kind: ErrorKind::Invalid, message })
            .and_then(|dir| Library::open_dir(&dir).map_err(|e| e.payload()))
            .and_then(|mut lib| {
                lib.ensure_sample().map_err(|e| e.payload())?;
                Ok(lib)
            });
        if let Err(e) = &opened {
            tracing::error!(message = %e.message, "library could not be opened");
        }
        AppState { library: opened.map(Mutex::new) }
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
