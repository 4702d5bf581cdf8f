//! Files handed to the app from outside: command-line arguments at launch and
//! files forwarded by a second launch. Each is imported (or found, if already
//! in the library) and the UI opens the first one.

use std::path::PathBuf;

use sidenote_core::ImportReport;
use sidenote_core::{import, links};
use tauri::{AppHandle, Emitter, Manager};

use super::deliveries::Delivery;
use super::single_instance::Handoff;
use super::AppState;

/// Imports each path in turn; one failure never stops the rest. With
/// `images`, a saved page's web images are fetched and stored with it (when
/// the library's setting allows); files opened at launch are imported before
/// the window exists, so they keep their images as links rather than delay it.
pub fn import_paths(state: &AppState, paths: &[PathBuf], images: bool) -> Vec<ImportReport> {
    paths
        .iter()
        .map(|path| {
            let source = path.display().to_string();
            // Extraction runs without holding the library lock.
            let loaded = import::load_file(path).map(|mut l| {
                // A saved page's images, fetched before the library is locked.
                if images && state.library().is_ok_and(|lib| lib.saves_images().unwrap_or(true)) {
                    import::save_web_images_blocking(&mut l, &import::ImageLimits::default());
                }
                l
            });
            match (loaded, state.library()) {
                (Ok(loaded), Ok(mut lib)) => ImportReport::from_outcome(source, lib.import_loaded(loaded)),
                (Err(e), _) => ImportReport::from_outcome(source, Err(e)),
                // Why the library is not open, as it is.
                (Ok(_), Err(e)) => ImportReport::Failed { source, error: e.0 },
            }
        })
        .collect()
}

/// The event that has the UI open an article at a passage.
pub const OPEN_PASSAGE_EVENT: &str = "open-passage";

/// Checks a link against the library: the UI opens its passage, or shows
/// why the link does not lead anywhere (as for any refused link).
fn link_delivery(state: &AppState, link: &str) -> Delivery {
    let resolved = state.library().map_err(|e| e.0.message).and_then(|lib| links::resolve(&lib, link).map_err(|e| e.to_string()));
    match resolved {
        Ok(passage) => Delivery::OpenPassage(passage),
        Err(message) => Delivery::LinkRefused(format!("The link could not be opened: {message}")),
    }
}

/// A second launch passed `files`: import them, tell the UI (now, or when
/// its page listens: `deliveries.rs`), and bring the window forward. The
/// browser host passes an article to show instead (`background` for a save,
/// when the reader stays in the browser).
pub fn open_forwarded(app: &AppHandle, handoff: Handoff) {
    let state = app.state::<AppState>();
    let reports = import_paths(&state, &handoff.files, true);
    let mut deliveries = Vec::new();
    if !reports.is_empty() {
        deliveries.push(Delivery::OpenedFiles(reports));
    }
    if let Some(link) = &handoff.link {
        deliveries.push(link_delivery(&state, link));
    }
    if let Some(id) = handoff.article {
        deliveries.push(Delivery::OpenArticle(id));
    }
    for delivery in deliveries {
        state.deliveries().deliver(delivery, |d| emit(app, d));
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

/// Emits `delivery` as its event.
fn emit(app: &AppHandle, delivery: &Delivery) {
    let sent = match delivery {
        Delivery::OpenedFiles(reports) => app.emit(delivery.event(), reports),
        Delivery::OpenPassage(passage) => app.emit(delivery.event(), passage),
        Delivery::LinkRefused(message) | Delivery::OpenArticle(message) => app.emit(delivery.event(), message),
    };
    if let Err(e) = sent {
        tracing::warn!(error = %e, event = delivery.event(), "could not tell the UI about a hand-off");
    }
}
