//! Timing marks of the app's start (issue 24): when `SIDENOTE_STARTUP_MARKS`
//! names a file, each step of the launch appends `name unix-nanoseconds` to
//! it. The whole-app benchmark sets it and lines the marks up with the
//! process start it records outside the app and with the page's own marks,
//! to see where the start goes. Unset (as for everyone else), a mark costs
//! one read of a `OnceLock`.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

pub const ENV_VAR: &str = "SIDENOTE_STARTUP_MARKS";

static FILE: OnceLock<Option<Mutex<File>>> = OnceLock::new();

/// Records that the launch reached `name` now (wall clock, as the bench's).
pub fn mark(name: &str) {
    let file = FILE.get_or_init(|| {
        let path = std::env::var_os(ENV_VAR)?;
        OpenOptions::new().create(true).append(true).open(path).ok().map(Mutex::new)
    });
    let Some(file) = file else { return };
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let mut f = file.lock().unwrap_or_else(|p| p.into_inner());
    // A mark that cannot be written only leaves a gap in the bench's breakdown.
    let _ = writeln!(f, "{name} {nanos}");
}

/// Records `name` the first time only (for steps that repeat, such as IPC calls).
pub fn mark_once(flag: &std::sync::atomic::AtomicBool, name: &str) {
    if !flag.swap(true, std::sync::atomic::Ordering::Relaxed) {
        mark(name);
    }
}
