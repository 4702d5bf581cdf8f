//! Accounting of IPC calls: when `SIDENOTE_IPC_LOG` names a file, every app
//! command the webview invokes is appended to it, one name per line. The
//! security tests read it to prove that opening a hostile article made no call
//! the reader does not make itself.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use tauri::ipc::Invoke;
use tauri::Runtime;

static FIRST_CALL: AtomicBool = AtomicBool::new(false);
static FIRST_LIST: AtomicBool = AtomicBool::new(false);

pub const ENV_VAR: &str = "SIDENOTE_IPC_LOG";

/// Wraps the app's command handler so that each call is recorded before it runs.
pub fn counting<R: Runtime>(
    handler: impl Fn(Invoke<R>) -> bool + Send + Sync + 'static,
) -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    let log = open_log();
    move |invoke: Invoke<R>| {
        crate::startup_marks::mark_once(&FIRST_CALL, "first-ipc");
        if invoke.message.command() == "list_articles" {
            crate::startup_marks::mark_once(&FIRST_LIST, "first-list-articles");
        }
        if let Some(file) = &log {
            record(file, invoke.message.command());
        }
        handler(invoke)
    }
}

fn open_log() -> Option<Mutex<File>> {
    let path = std::env::var_os(ENV_VAR)?;
    match OpenOptions::new().create(true).append(true).open(&path) {
        Ok(f) => Some(Mutex::new(f)),
        Err(e) => {
            tracing::warn!(error = %e, path = %path.to_string_lossy(), "cannot open the IPC log");
            None
        }
    }
}

fn record(file: &Mutex<File>, command: &str) {
    // A poisoned lock only means another call panicked mid-write; keep logging.
    let mut f = file.lock().unwrap_or_else(|p| p.into_inner());
    if let Err(e) = writeln!(f, "{command}").and_then(|_| f.flush()) {
        tracing::warn!(error = %e, "cannot write the IPC log");
    }
}
