//! One window per library: a second launch hands its files to the running app
//! and exits. The running app listens on a Unix socket inside the library
//! folder, so two different libraries can still be open side by side (the
//! end-to-end tests rely on that). The browser's native-messaging host uses
//! the same socket to have a saved article shown.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::library_dir::instance_socket;

/// What a later launch (or the browser host) hands to the running app.
#[derive(Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Handoff {
    pub files: Vec<PathBuf>,
    /// An article to show (saved from the browser, or "Open in Sidenote").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
    /// Show it without bringing the window forward (a save from the browser
    /// leaves the reader in the browser).
    #[serde(default)]
    pub background: bool,
    /// A `sidenote://` link to open at its passage (checked by the app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// Tries to pass `files` to an app already running on this library. Returns
/// true when one took them, in which case this process should exit.
#[cfg(unix)]
pub fn forward_to_running(library_dir: &Path, files: &[PathBuf], link: Option<&str>) -> bool {
    send(library_dir, &Handoff { files: files.to_vec(), link: link.map(str::to_owned), ..Handoff::default() })
}

/// Asks the app running on this library to show an article; false when none took it.
#[cfg(unix)]
pub fn show_article(library_dir: &Path, article_id: &str, background: bool) -> bool {
    send(library_dir, &Handoff { article: Some(article_id.to_owned()), background, ..Handoff::default() })
}

#[cfg(unix)]
fn send(library_dir: &Path, message: &Handoff) -> bool {
    use std::os::unix::net::UnixStream;
    let Ok(mut stream) = UnixStream::connect(instance_socket(library_dir)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(3)));
    let Ok(body) = serde_json::to_vec(message) else {
        return false;
    };
    if stream.write_all(&body).is_err() || stream.shutdown(std::net::Shutdown::Write).is_err() {
        return false;
    }
    let mut reply = String::new();
    stream.read_to_string(&mut reply).is_ok() && reply == "ok"
}

/// Listens for later launches; `on_message` runs for each one (with no files
/// when the user simply launched the app again: bring the window forward).
#[cfg(unix)]
pub fn listen(library_dir: &Path, on_message: impl Fn(Handoff) + Send + 'static) {
    use std::os::unix::net::UnixListener;
    let path = instance_socket(library_dir);
    // A socket file left by a crashed app: nothing answered on it above.
    let _ = std::fs::remove_file(&path);
    let listener = match UnixListener::bind(&path) {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, path = %path.display(), "single-instance socket unavailable");
            return;
        }
    };
    std::thread::Builder::new()
        .name("single-instance".into())
        .spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(3)));
                let mut body = Vec::new();
                // An empty message is `library_dir::in_use_by_app` checking that we are here.
                if stream.read_to_end(&mut body).is_err() || body.is_empty() {
                    continue;
                }
                match serde_json::from_slice::<Handoff>(&body) {
                    Ok(message) => {
                        let _ = stream.write_all(b"ok");
                        on_message(message);
                    }
                    Err(e) => tracing::warn!(error = %e, "ignored a malformed single-instance message"),
                }
            }
        })
        .ok();
}

/// Removes the socket when the app exits normally.
pub fn cleanup(library_dir: &Path) {
    let _ = std::fs::remove_file(instance_socket(library_dir));
}

#[cfg(not(unix))]
pub fn forward_to_running(_library_dir: &Path, _files: &[PathBuf], _link: Option<&str>) -> bool {
    false
}

#[cfg(not(unix))]
pub fn show_article(_library_dir: &Path, _article_id: &str, _background: bool) -> bool {
    false
}

#[cfg(not(unix))]
pub fn listen(_library_dir: &Path, _on_message: impl Fn(Handoff) + Send + 'static) {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::library_dir::in_use_by_app;
    use std::sync::mpsc;

    #[test]
    fn a_second_launch_hands_over_its_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!forward_to_running(dir.path(), &[], None), "nobody is listening yet");
        assert!(!in_use_by_app(dir.path()));
        let (tx, rx) = mpsc::channel();
        listen(dir.path(), move |message| tx.send(message).unwrap());
        assert!(in_use_by_app(dir.path()));
        let files = vec![PathBuf::from("/tmp/one.html"), PathBuf::from("/tmp/two.md")];
        assert!(forward_to_running(dir.path(), &files, None));
        assert_eq!(rx.recv_timeout(Duration::from_secs(5)).unwrap(), Handoff { files, ..Handoff::default() });
        // A link to a passage (from the desktop entry or `sidenote open`).
        assert!(forward_to_running(dir.path(), &[], Some("sidenote://open/a1#h=b2")));
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)).unwrap(),
            Handoff { link: Some("sidenote://open/a1#h=b2".into()), ..Handoff::default() }
        );
        // The browser host asks for an article, in the background or in front.
        assert!(show_article(dir.path(), "article-7", true));
        assert_eq!(
            rx.recv_timeout(Duration::from_secs(5)).unwrap(),
            Handoff { article: Some("article-7".into()), background: true, ..Handoff::default() }
        );
        // A launch by an older build (files only) still parses.
        assert_eq!(serde_json::from_str::<Handoff>(r#"{"files":[]}"#).unwrap(), Handoff::default());
        assert!(rx.recv_timeout(Duration::from_millis(300)).is_err(), "the presence check is not a launch");
        cleanup(dir.path());
        assert!(!forward_to_running(dir.path(), &[], None));
        assert!(!in_use_by_app(dir.path()));
    }
}
