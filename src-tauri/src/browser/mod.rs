//! The native-messaging host: how the browser extension (`extension/`) saves
//! pages into the library with no port open on the machine. A browser starts
//! this same binary with its own arguments (recognised here before any CLI
//! parsing) and speaks to it over stdin/stdout; see `request.rs` for the
//! messages and docs/browser.md for the whole picture.
//!
//! Every reply is written before the next message is read; bad input gets an
//! error reply and changes nothing; input that leaves the stream out of step
//! (a short read, an impossible length) ends the session after its reply.

mod frame;
pub mod manifest;
mod open;
mod quote;
mod request;
mod save;

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use serde_json::{json, Value};

use frame::{read_frame, write_frame, FrameError, MAX_REPLY};
use request::{Failure, Request};
use save::{ms, Store, Timings};

/// Who started the host, as the browser told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Chromium and Chrome pass the extension's origin, `chrome-extension://ID/`.
    Chromium { origin: String },
    /// Firefox passes the host manifest's path and the extension's id.
    Firefox { extension_id: String },
}

impl Caller {
    /// Only our own extension may save into the library.
    pub fn is_allowed(&self) -> bool {
        match self {
            Caller::Chromium { origin } => *origin == manifest::chromium_origin(),
            Caller::Firefox { extension_id } => extension_id == manifest::FIREFOX_EXTENSION_ID,
        }
    }

    fn describe(&self) -> String {
        match self {
            Caller::Chromium { origin } => format!("the Chromium extension {origin}"),
            Caller::Firefox { extension_id } => format!("the Firefox extension {extension_id}"),
        }
    }
}

/// The caller when `args` (the whole argv) are a browser starting its host:
/// Chromium: `[path, "chrome-extension://ID/"]` (Windows adds `--parent-window=N`);
/// Firefox: `[path, "/…/app.sidenote.reader.json", "ID"]`. No command line a
/// person types looks like either: a subcommand or option comes first, and
/// the app opens only .txt, .md and .html files.
pub fn caller_from_args(args: &[OsString]) -> Option<Caller> {
    let arg = |i: usize| args.get(i).and_then(|a| a.to_str());
    if let Some(origin) = arg(1).filter(|a| a.starts_with("chrome-extension://")) {
        return Some(Caller::Chromium { origin: origin.to_owned() });
    }
    let manifest_named = arg(1).is_some_and(|a| Path::new(a).file_name().is_some_and(|f| *f == *manifest::manifest_file_name()));
    match (manifest_named, arg(2), args.len()) {
        (true, Some(id), 3) if !id.starts_with('-') => Some(Caller::Firefox { extension_id: id.to_owned() }),
        _ => None,
    }
}

/// Runs the host on stdin/stdout until the browser closes the pipe.
pub fn run_host(caller: Caller) -> ExitCode {
    let started_at = save::epoch_ms();
    let dir = library_dir();
    let mut host = Host { caller, store: Store::new(dir), started_at };
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    match host.serve(&mut stdin.lock(), &mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The browser is gone; nobody is left to answer.
            tracing::warn!(error = %e, "the browser's pipe closed before the reply was written");
            ExitCode::FAILURE
        }
    }
}

/// The library the browser's saves go to: `SIDENOTE_LIBRARY` from the
/// browser's environment (or a launcher script setting it), else the default.
fn library_dir() -> Result<PathBuf, String> {
    match std::env::var_os("SIDENOTE_LIBRARY").filter(|d| !d.is_empty()) {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => crate::library_dir::resolve(None).map_err(|e| e.to_string()),
    }
}

struct Host {
    caller: Caller,
    store: Store,
    started_at: f64,
}

impl Host {
    fn serve(&mut self, input: &mut impl Read, output: &mut impl Write) -> std::io::Result<()> {
        loop {
            let frame = match read_frame(input) {
                Ok(Some(frame)) => frame,
                Ok(None) => return Ok(()),
                Err(e) => {
                    let kind = if matches!(e, FrameError::TooLarge(_)) { "TooLarge" } else { "BadMessage" };
                    reply(output, &Failure::new(kind, e.message()).reply())?;
                    if e.ends_the_stream() {
                        return Ok(());
                    }
                    continue;
                }
            };
            if !self.caller.is_allowed() {
                let message = format!(
                    "Sidenote accepts pages only from its own extension, not from {}; install the extension from Sidenote's documentation",
                    self.caller.describe()
                );
                return reply(output, &Failure::new("Forbidden", message).reply());
            }
            let mut timings = Timings { read_ms: ms_of(frame.read_time), process_started_at: self.started_at, ..Timings::default() };
            let answer = self.handle(&frame.body, &mut timings).unwrap_or_else(|f| f.reply());
            reply(output, &answer)?;
        }
    }

    fn handle(&mut self, body: &[u8], timings: &mut Timings) -> Result<Value, Failure> {
        let began = Instant::now();
        let request = request::parse(body)?;
        timings.parse_ms = ms(began);
        match request {
            Request::Ping => Ok(json!({ "ok": true, "version": env!("CARGO_PKG_VERSION"), "host": manifest::HOST_NAME })),
            Request::Save(save) => {
                let mut answer = save::save(&mut self.store, *save, timings)?;
                let began = Instant::now();
                let shown = match (&self.store.dir, answer["article_id"].as_str()) {
                    (Ok(dir), Some(id)) => open::show_if_running(dir, id),
                    _ => false,
                };
                timings.app_ms = ms(began);
                answer["shown_in_app"] = json!(shown);
                answer["timings"] = serde_json::to_value(*timings).unwrap_or(Value::Null);
                Ok(answer)
            }
            Request::Open { article_id } => open::open(&mut self.store, &article_id),
        }
    }
}

fn ms_of(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1e6).round() / 1e3
}

/// Writes a reply, replacing one that would break the browser's 1 MiB limit.
fn reply(output: &mut impl Write, value: &Value) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec(value).unwrap_or_default();
    if bytes.len() > MAX_REPLY || bytes.is_empty() {
        let f = Failure::new("Invalid", "the reply would be over the browser's 1 MiB limit");
        bytes = serde_json::to_vec(&f.reply()).unwrap_or_default();
    }
    write_frame(output, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_browsers_arguments_are_recognised_and_nothing_else() {
        let chromium = caller_from_args(&args(&["/usr/bin/sidenote", "chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/"]));
        assert_eq!(chromium, Some(Caller::Chromium { origin: manifest::chromium_origin() }));
        assert!(chromium.unwrap().is_allowed());
        let windows = caller_from_args(&args(&["sidenote.exe", "chrome-extension://abc/", "--parent-window=7"]));
        assert!(matches!(windows, Some(Caller::Chromium { .. })));
        let firefox = caller_from_args(&args(&[
            "/usr/bin/sidenote",
            "/usr/lib/mozilla/native-messaging-hosts/app.sidenote.reader.json",
            "capture@sidenote.reader",
        ]));
        assert_eq!(firefox, Some(Caller::Firefox { extension_id: "capture@sidenote.reader".into() }));
        assert!(firefox.unwrap().is_allowed());
        let other = caller_from_args(&args(&["sidenote", "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"])).unwrap();
        assert!(!other.is_allowed());
        let other_fx = caller_from_args(&args(&["sidenote", "/x/app.sidenote.reader.json", "evil@example.org"])).unwrap();
        assert!(!other_fx.is_allowed());
        for cli in [
            &["sidenote"][..],
            &["sidenote", "list"],
            &["sidenote", "import", "chrome-extension://x/"],
            &["sidenote", "notes.json", "other.html"],
            &["sidenote", "/x/app.sidenote.reader.json"],
            &["sidenote", "/x/app.sidenote.reader.json", "--json"],
        ] {
            assert_eq!(caller_from_args(&args(cli)), None, "{cli:?}");
        }
    }
}
