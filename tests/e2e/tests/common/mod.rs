//! Drives the real Sidenote binary through tauri-driver + WebKitWebDriver.
//!
//! Needs: a display (CI runs these under `xvfb-run`), `tauri-driver` and
//! `WebKitWebDriver` on PATH, and a built app (`target/debug/sidenote`, or the
//! path in `SIDENOTE_BIN`). Each app gets its own temporary library folder.

#![allow(dead_code)]

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

pub fn app_binary() -> PathBuf {
    std::env::var_os("SIDENOTE_BIN").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target/debug/sidenote"))
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

pub fn screenshot_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

/// The socket a running app answers on for its library (the app's
/// `library_dir::INSTANCE_SOCKET`): a second launch hands its files to it.
pub fn instance_socket(library: &Path) -> PathBuf {
    library.join(".sidenote-instance.sock")
}

/// Runs the app's headless CLI on `library` (`sidenote --library DIR ARGS`),
/// which must succeed; returns what it printed.
pub fn cli(library: &Path, args: &[&str]) -> String {
    let out = Command::new(app_binary())
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("SIDENOTE_LIBRARY")
        .output()
        .expect("sidenote CLI runs");
    assert!(out.status.success(), "sidenote {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Imports a file of fixtures/ into `library` through the CLI; returns the article id.
pub fn import_fixture(library: &Path, name: &str) -> String {
    cli(library, &["import", fixture(name).to_str().unwrap()]).trim().to_owned()
}

/// Two distinct free ports: both listeners are held until both ports are
/// known (one at a time, the OS handed out the same port twice, and
/// tauri-driver was started with its own port as WebKitWebDriver's).
fn two_free_ports() -> (u16, u16) {
    let a = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let b = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    (a.local_addr().unwrap().port(), b.local_addr().unwrap().port())
}

/// The normal start is done when the UI marks itself ready.
const READY: &str = "return document.documentElement.dataset.ready === 'true'";

/// One running app, driven over WebDriver.
pub struct App {
    pub driver: WebDriver,
    tauri_driver: Child,
    pub library: PathBuf,
}

impl App {
    /// Selects the first occurrence of `phrase` in the article (across text
    /// nodes, as a reader's drag would) and waits for the selection toolbar.
    pub async fn select_phrase(&self, phrase: &str) {
        let script = format!(
            "const phrase = {phrase:?};
             const body = document.getElementById('article-body');
             const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
             let full = '', nodes = [];
             for (let n = walker.nextNode(); n; n = walker.nextNode()) {{ nodes.push([n, full.length]); full += n.data; }}
             const at = full.indexOf(phrase);
             if (at < 0) return false;
             const locate = (pos) => {{ for (let i = nodes.length - 1; i >= 0; i--) if (nodes[i][1] <= pos) return [nodes[i][0], pos - nodes[i][1]]; }};
             const [sn, so] = locate(at), [en, eo] = locate(at + phrase.length);
             const r = document.createRange(); r.setStart(sn, so); r.setEnd(en, eo);
             const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
             body.dispatchEvent(new MouseEvent('mouseup', {{ bubbles: true }}));
             return true;"
        );
        assert_eq!(self.js(&script).await, serde_json::Value::Bool(true), "phrase not found: {phrase}");
        self.wait_for_js("return !document.querySelector('.hl-toolbar').hidden", "the selection toolbar").await;
    }

    /// Starts the app on `library` (created if missing) and waits until its UI is ready.
    pub async fn launch(library: &Path) -> App {
        Self::launch_with_args(library, &[]).await
    }

    /// Starts the app with command-line arguments (files to open).
    pub async fn launch_with_args(library: &Path, args: &[&str]) -> App {
        Self::launch_full(library, args, &[], READY).await
    }

    /// Starts the app with arguments and extra environment variables (they
    /// reach the app through tauri-driver and WebKitWebDriver).
    pub async fn launch_with_env(library: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> App {
        Self::launch_full(library, args, env, READY).await
    }

    /// Starts the app and waits until `ready_script` returns true (for
    /// screens other than the normal start, such as the recovery screen).
    pub async fn launch_until(library: &Path, args: &[&str], ready_script: &str) -> App {
        Self::launch_full(library, args, &[], ready_script).await
    }

    async fn launch_full(library: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)], ready_script: &str) -> App {
        let binary = app_binary();
        assert!(binary.exists(), "app binary {} is missing; build it first", binary.display());
        std::fs::create_dir_all(library).expect("the library folder");
        // A driver that cannot start a session (seen once under load: every
        // request reset) is replaced by a fresh one on new ports; its log is
        // kept in the library folder and printed if all of them fail.
        let mut failures = Vec::new();
        let (driver, tauri_driver) = 'drivers: {
            for start in 1..=3 {
                let log = library.join(format!("tauri-driver-{start}.log"));
                let (mut tauri_driver, port) = start_tauri_driver(library, env, &log).await;
                let mut caps = Capabilities::new();
                caps.set("browserName", "wry").unwrap();
                caps.set("tauri:options", serde_json::json!({ "application": binary, "args": args })).unwrap();
                // tauri-driver can accept connections a moment before it serves
                // them on a loaded machine: retry the session request a few times.
                for attempt in 1..=4 {
                    match WebDriver::new(&format!("http://127.0.0.1:{port}"), caps.clone()).await {
                        Ok(d) => break 'drivers (d, tauri_driver),
                        Err(e) => {
                            eprintln!("WebDriver session (driver {start}, attempt {attempt}) failed: {e}");
                            failures.push(e.to_string());
                            tokio::time::sleep(Duration::from_millis(700)).await;
                        }
                    }
                }
                stop_gently(&mut tauri_driver);
                let log_text = std::fs::read_to_string(&log).unwrap_or_default();
                eprintln!("tauri-driver {start} log (last lines):\n{}", tail(&log_text, 20));
            }
            panic!("WebDriver session: no driver could start one: {failures:?}");
        };
        let app = App { driver, tauri_driver, library: library.to_owned() };
        app.wait_for_js(ready_script, "the UI to be ready").await;
        app
    }

    /// The app's own process: the app binary running with this library.
    pub fn app_pid(&self) -> Option<u32> {
        let binary = app_binary().canonicalize().ok()?;
        let wanted = format!("SIDENOTE_LIBRARY={}", self.library.display());
        std::fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
            let pid: u32 = entry.file_name().to_str()?.parse().ok()?;
            let exe = std::fs::read_link(entry.path().join("exe")).ok()?;
            let environ = std::fs::read(entry.path().join("environ")).ok()?;
            let ours = exe == binary && environ.split(|b| *b == 0).any(|v| v == wanted.as_bytes());
            ours.then_some(pid)
        })
    }

    /// SIGKILLs the app process (a crash: no shutdown, no flush) if it still
    /// runs, then stops the driver.
    pub async fn kill_app(mut self) {
        if let Some(pid) = self.app_pid() {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            let deadline = Instant::now() + Duration::from_secs(10);
            while Path::new(&format!("/proc/{pid}/exe")).exists() && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let _ = self.driver.clone().quit().await;
        stop_gently(&mut self.tauri_driver);
    }

    /// Polls a script until it returns true.
    pub async fn wait_for_js(&self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let ok = self.driver.execute(script, vec![]).await.map(|r| r.json() == &serde_json::Value::Bool(true)).unwrap_or(false);
            if ok {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn js(&self, script: &str) -> serde_json::Value {
        self.driver.execute(script, vec![]).await.expect("script").json().clone()
    }

    /// Calls a Sidenote command through the app's own IPC bridge, as the UI does.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> serde_json::Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke({command:?}, {args})
               .then(v => done({{ ok: v }}), e => done({{ err: e }}));"
        );
        let ret = self.driver.execute_async(&script, vec![]).await.expect("invoke").json().clone();
        assert!(ret.get("err").is_none(), "{command} failed: {ret}");
        ret["ok"].clone()
    }

    /// Clicks the element `css` selects.
    pub async fn click(&self, css: &str) {
        self.driver.find(By::Css(css)).await.unwrap().click().await.unwrap();
    }

    /// The text of the element `css` selects.
    pub async fn text(&self, css: &str) -> String {
        self.driver.find(By::Css(css)).await.unwrap().text().await.unwrap()
    }

    /// Opens the sample article of a fresh library (its only row) in the reader.
    pub async fn open_the_sample(&self) {
        self.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample").await;
        self.click(".library-table tbody tr .row-title").await;
        self.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
    }

    /// Removes the toasts shown so far.
    pub async fn clear_toasts(&self) {
        self.js("document.querySelectorAll('.toast').forEach(t => t.remove()); return true").await;
    }

    /// Titles of the rows in the library table, in order.
    pub async fn library_titles(&self) -> Vec<String> {
        let v = self.js("return Array.from(document.querySelectorAll('.library-table tbody .row-title')).map(e => e.textContent)").await;
        serde_json::from_value(v).unwrap()
    }

    /// Saves a screenshot under target/e2e/, after giving the last change time to paint.
    pub async fn screenshot(&self, name: &str) {
        tokio::time::sleep(Duration::from_millis(400)).await;
        // Two rendering updates first: a snapshot taken soon after launch
        // could show an earlier frame than the DOM the test just checked (an
        // empty window instead of the library in CI screenshots; there,
        // requestAnimationFrame had not run for over a second).
        self.driver
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const t = setTimeout(done, 3000);
                 requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); done(); }));",
                vec![],
            )
            .await
            .expect("a rendering update");
        let path = screenshot_dir().join(format!("{name}.png"));
        self.driver.screenshot(&path).await.expect("screenshot");
    }

    pub async fn quit(mut self) {
        let _ = self.driver.clone().quit().await;
        stop_gently(&mut self.tauri_driver);
        self.wait_until_app_exited().await;
    }

    /// A relaunch on the same library while the old app is still shutting
    /// down would hand its arguments to that app and exit (single instance),
    /// so wait until nothing answers on the library's instance socket.
    /// An app the driver left running after its session (seen under load)
    /// is killed once the grace period is over: it holds nothing unsaved.
    async fn wait_until_app_exited(&self) {
        let socket = instance_socket(&self.library);
        let answers = || std::os::unix::net::UnixStream::connect(&socket).is_ok();
        let deadline = Instant::now() + Duration::from_secs(20);
        while answers() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if answers() {
            eprintln!("the app on {} outlived its session; killing it", self.library.display());
            if let Some(pid) = self.app_pid() {
                let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            }
            let deadline = Instant::now() + Duration::from_secs(10);
            while answers() {
                assert!(Instant::now() < deadline, "the app on {} did not exit", self.library.display());
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

/// SIGTERM, then wait: a SIGKILLed tauri-driver orphans WebKitWebDriver.
fn stop_gently(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Starts tauri-driver for `library` on free ports, logging to `log`; returns once it accepts connections.
async fn start_tauri_driver(library: &Path, env: &[(&str, &std::ffi::OsStr)], log: &Path) -> (Child, u16) {
    let (port, native_port) = two_free_ports();
    let log_file = std::fs::File::create(log).expect("the tauri-driver log");
    let tauri_driver = Command::new("tauri-driver")
        .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
        .env("SIDENOTE_LIBRARY", library)
        // Window state and WebKit data stay inside the test's folder.
        .env("XDG_CONFIG_HOME", library.join("xdg-config"))
        .env("XDG_DATA_HOME", library.join("xdg-data"))
        .env("XDG_CACHE_HOME", library.join("xdg-cache"))
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .expect("tauri-driver must be installed (cargo install tauri-driver --locked)");
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "tauri-driver did not open port {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    (tauri_driver, port)
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
