//! Showing a saved article in the app: handed to the app running on the same
//! library (its single-instance socket), or, for "Open in Sidenote" when
//! none runs, by starting the app on that article.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::request::Failure;
use super::save::{Store, Timings};

/// The app shows it without taking the focus from the browser; true when an app took it.
pub fn show_if_running(dir: &Path, article_id: &str) -> bool {
    crate::app::show_article_in_running_app(dir, article_id, false)
}

/// How long a starting app has to open its window before we stop waiting.
const START_WAIT: Duration = Duration::from_secs(15);

/// "Open in Sidenote": brings the running app forward on the article, or starts it there.
pub fn open(store: &mut Store, article_id: &str) -> Result<Value, Failure> {
    let mut timings = Timings::default();
    let dir = store.dir.clone().map_err(|message| Failure::new("Invalid", message))?;
    let lib = store.library(&mut timings)?;
    // Refuses an unknown or deleted article before anything is started.
    let id = lib.resolve_article_id(article_id)?;
    lib.article(&id)?;
    if crate::app::show_article_in_running_app(&dir, &id, true) {
        return Ok(json!({ "ok": true, "app": "shown" }));
    }
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(unavailable(
            "the browser started Sidenote without a display to open a window on; open Sidenote from your desktop's menu",
        ));
    }
    // The app opens on the article it showed last.
    lib.set_setting("lastArticle", &json!(id))?;
    let exe = std::env::current_exe().map_err(|e| unavailable(&format!("its program could not be found ({e})")))?;
    let mut command = Command::new(exe);
    // Not the browser's pipes: the app outlives this host, and its output
    // must never reach the browser as a reply.
    command.arg("--library").arg(&dir).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
    #[cfg(unix)]
    {
        // Its own process group, so that the browser ending the host's group leaves the app open.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|e| unavailable(&format!("it could not be started ({e})")))?;
    let began = Instant::now();
    while began.elapsed() < START_WAIT {
        if crate::library_dir::in_use_by_app(&dir) {
            return Ok(json!({ "ok": true, "app": "started" }));
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(unavailable(&format!("it stopped as it started ({status})")));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // Still starting (a slow disk): it opens on the article when it is up.
    Ok(json!({ "ok": true, "app": "starting" }))
}

fn unavailable(why: &str) -> Failure {
    Failure::new("AppUnavailable", format!("Sidenote could not be opened: {why}."))
}
