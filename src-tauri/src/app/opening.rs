//! Files handed to the app from outside: command-line arguments at launch and
//! files forwarded by a second launch. Each is imported (or found, if already
//! in the library) and the UI opens the first one.

use std::path::PathBuf;

use sidenote_core::import;
use sidenote_core::ImportReport;
use tauri::{AppHandle, Emitter, Manager};

use super::single_instance::Handoff;
use super::AppState;

/// Imports each path in turn; one failure never stops the rest.
pub fn import_paths(state: &AppState, paths: &[PathBuf]) -> Vec<ImportReport> {
    paths
        .iter()
        .map(|path| {
            let source = path.display().to_string();
            // Extraction runs without holding the library lock.
            let loaded = import::load_file(path);
            match (loaded, state.library()) {
                (Ok(loaded), Ok(mut lib)) => ImportReport::from_outcome(source, lib.import_loaded(loaded)),
                (Err(e), _) => ImportReport::from_outcome(source, Err(e)),
                // Why the library is not open, as it is.
                (Ok(_), Err(e)) => ImportReport::Failed { source, error: e.0 },
            }
        })
        .collect()
}

/// A second launch passed `files`: import them, tell the UI, and bring the
/// window forward. The browser host passes an article to show instead
/// (`background` for a save, when the reader stays in the browser).
pub fn open_forwarded(app: &AppHandle, handoff: Handoff) {
    let state = app.state::<AppState>();
    let reports = import_paths(&state, &handoff.files);
    if !reports.is_empty() {
        if let Err(e) = app.emit("opened-files", reports) {
            tracing::warn!(error = %e, "could not tell the UI about opened files");
        }
    }
    if let Some(id) = handoff.article {
        if let Err(e) = app.emit("open-article", id) {
            tracing::warn!(error = %e, "could not tell the UI to open an article");
        }
    }
    if handoff.background {
        return;
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}
