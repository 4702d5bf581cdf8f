//! Starting the app (or the minimal window) two ways:
//! - through WebKitWebDriver, so page JavaScript can read the app's User
//!   Timing marks; a wrapper script records the wall-clock time and pid right
//!   before it `exec`s the binary, so the process start is known to the
//!   millisecond without trusting anything inside the app;
//! - directly, with no automation attached, for memory figures.

use std::net::TcpStream;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

use crate::error::BenchError;
use crate::procs;

/// Where one launch keeps its files: the library (if any) and WebKit's data.
pub struct LaunchDirs {
    pub library: Option<PathBuf>,
    /// XDG config/data/cache homes go here, so nothing outside is touched.
    pub xdg: PathBuf,
}

/// Where the app writes its start-up marks (`SIDENOTE_STARTUP_MARKS`), one launch at a time.
pub fn marks_path(xdg: &Path) -> PathBuf {
    xdg.join("startup-marks")
}

impl LaunchDirs {
    fn apply(&self, cmd: &mut Command) {
        if let Some(lib) = &self.library {
            cmd.env("SIDENOTE_LIBRARY", lib);
        }
        // Each launch writes its own; the minimal window ignores it.
        let marks = marks_path(&self.xdg);
        let _ = std::fs::remove_file(&marks);
        cmd.env("SIDENOTE_STARTUP_MARKS", marks);
        cmd.env("XDG_CONFIG_HOME", self.xdg.join("config"))
            .env("XDG_DATA_HOME", self.xdg.join("data"))
            .env("XDG_CACHE_HOME", self.xdg.join("cache"));
    }
}

/// An app started by WebKitWebDriver, with a WebDriver session on it.
pub struct Session {
    pub driver: WebDriver,
    webdriver: Child,
    pub app_pid: u32,
    /// Wall-clock time (ms since the epoch) just before the app binary was exec'd.
    pub spawned_at_ms: f64,
}

fn free_port() -> Result<u16, BenchError> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(BenchError::io("bind a free port"))?;
    Ok(l.local_addr().map_err(BenchError::io("read the port"))?.port())
}

/// Writes the wrapper that records the start time, then becomes `bin` (same pid).
fn write_wrapper(bin: &Path, dir: &Path) -> Result<(PathBuf, PathBuf), BenchError> {
    let stamp = dir.join("spawned-at");
    let wrapper = dir.join("launch.sh");
    let script = format!(
        "#!/bin/sh\n# Written by sidenote-bench-app: record pid and start time, then exec the app.\n\
         echo \"$$ $(date +%s%N)\" > '{}'\nexec '{}' \"$@\"\n",
        stamp.display(),
        bin.display()
    );
    std::fs::write(&wrapper, script).map_err(BenchError::io("write the launch wrapper"))?;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).map_err(BenchError::io("chmod the wrapper"))?;
    let _ = std::fs::remove_file(&stamp);
    Ok((wrapper, stamp))
}

impl Session {
    pub async fn start(bin: &Path, dirs: &LaunchDirs) -> Result<Session, BenchError> {
        std::fs::create_dir_all(&dirs.xdg).map_err(BenchError::io("create the XDG folder"))?;
        let (wrapper, stamp) = write_wrapper(bin, &dirs.xdg)?;
        let port = free_port()?;
        let mut cmd = Command::new("WebKitWebDriver");
        cmd.arg(format!("--port={port}")).env("TAURI_WEBVIEW_AUTOMATION", "true").stdout(Stdio::null()).stderr(Stdio::null());
        dirs.apply(&mut cmd);
        let mut webdriver = cmd.spawn().map_err(BenchError::io("start WebKitWebDriver (package webkit2gtk-driver)"))?;
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                stop_child(&mut webdriver);
                return Err(BenchError::Setup(format!("WebKitWebDriver did not open port {port}")));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let mut caps = Capabilities::new();
        caps.set("webkitgtk:browserOptions", serde_json::json!({ "binary": wrapper, "args": [] }))?;
        let driver = match WebDriver::new(&format!("http://127.0.0.1:{port}"), caps).await {
            Ok(d) => d,
            Err(e) => {
                // Whatever the wrapper started must not outlive the failed session.
                if let Some(pid) = std::fs::read_to_string(&stamp).ok().and_then(|s| s.split_whitespace().next()?.parse().ok()) {
                    procs::terminate(pid);
                }
                stop_child(&mut webdriver);
                return Err(e.into());
            }
        };
        let stamp_text = std::fs::read_to_string(&stamp).map_err(BenchError::io("read the launch time the wrapper wrote"))?;
        let mut parts = stamp_text.split_whitespace();
        let app_pid = parts.next().and_then(|p| p.parse().ok());
        let nanos: Option<f64> = parts.next().and_then(|n| n.parse().ok());
        let (Some(app_pid), Some(nanos)) = (app_pid, nanos) else {
            stop_child(&mut webdriver);
            return Err(BenchError::Setup(format!("unexpected launch stamp {stamp_text:?}")));
        };
        driver.set_script_timeout(Duration::from_secs(60)).await?;
        Ok(Session { driver, webdriver, app_pid, spawned_at_ms: nanos / 1e6 })
    }

    /// Runs a script and returns its JSON result.
    pub async fn js(&self, script: &str) -> Result<serde_json::Value, BenchError> {
        Ok(self.driver.execute(script, vec![]).await?.json().clone())
    }

    /// Runs an asynchronous script (it calls `arguments[arguments.length - 1]` with its result).
    pub async fn js_async(&self, script: &str) -> Result<serde_json::Value, BenchError> {
        Ok(self.driver.execute_async(script, vec![]).await?.json().clone())
    }

    /// Polls `script` until it returns something other than null.
    pub async fn poll(&self, script: &str, what: &str, timeout: Duration) -> Result<serde_json::Value, BenchError> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.js(script).await?;
            if !v.is_null() {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(BenchError::Page(what.to_owned()));
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Ends the session, the driver and the app (and waits for the app and its WebKit processes).
    pub async fn quit(mut self) {
        let family = procs::tree(self.app_pid);
        let _ = self.driver.clone().quit().await;
        stop_child(&mut self.webdriver);
        if !procs::wait_gone(&family, Duration::from_secs(10)) {
            procs::terminate(self.app_pid);
            procs::wait_gone(&family, Duration::from_secs(10));
        }
    }
}

/// SIGTERM, then wait (a SIGKILLed driver can orphan what it started).
fn stop_child(child: &mut Child) {
    procs::terminate(child.id());
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// An app started directly, as a user would start it: no automation.
pub struct Direct {
    child: Child,
    /// Where its standard error goes: shown when it exits early.
    stderr_path: PathBuf,
}

impl Direct {
    pub fn start(bin: &Path, dirs: &LaunchDirs) -> Result<Direct, BenchError> {
        std::fs::create_dir_all(&dirs.xdg).map_err(BenchError::io("create the XDG folder"))?;
        let stderr_path = dirs.xdg.join("direct-stderr.log");
        let stderr = std::fs::File::create(&stderr_path).map_err(BenchError::io("create the app's error log"))?;
        let mut cmd = Command::new(bin);
        cmd.stdout(Stdio::null()).stderr(stderr);
        dirs.apply(&mut cmd);
        let child = cmd.spawn().map_err(BenchError::io(format!("start {}", bin.display())))?;
        Ok(Direct { child, stderr_path })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until a window whose title matches `title_regex` exists (xdotool).
    pub async fn wait_for_window(&mut self, title_regex: &str, timeout: Duration) -> Result<(), BenchError> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                let log = std::fs::read_to_string(&self.stderr_path).unwrap_or_default();
                let lines: Vec<&str> = log.lines().collect();
                let tail = &lines[lines.len().saturating_sub(12)..];
                return Err(BenchError::Setup(format!("the app exited early ({status}); its last output: {}", tail.join(" | "))));
            }
            let found = Command::new("xdotool")
                .args(["search", "--name", title_regex])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(BenchError::io("run xdotool"))?;
            if found.success() {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(BenchError::Setup(format!("no window titled /{title_regex}/ appeared")));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn stop(mut self) {
        let family = procs::tree(self.child.id());
        stop_child(&mut self.child);
        procs::wait_gone(&family, Duration::from_secs(10));
    }
}
