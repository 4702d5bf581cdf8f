//! A Chromium session with Sidenote's extension loaded, for the end-to-end
//! tests (`tests/capture.rs`) and the benchmark (`tests/bench-app`).
//!
//! Debian's `chromium` runs headless under `chromedriver`, on a fresh profile
//! whose `NativeMessagingHosts/` holds our host manifest. The manifest points
//! at a launcher the harness writes, which sets `SIDENOTE_LIBRARY` to a
//! temporary library and starts the built `sidenote` binary with the
//! browser's arguments. The extension's own code does the rest: the toolbar
//! button is pressed through the devtools protocol (`Extensions.triggerAction`),
//! its popup and service worker run as they do for a person.
//!
//! Needs: `chromium` and `chromium-driver` (scripts/setup.sh), the built
//! extension (`extension/dist/chromium`, `npm run build` there) and the
//! built binary (`./scripts/build.sh`; or SIDENOTE_BIN).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test harness: a panic with its message is the failure report")]

pub mod cdp;
pub mod firefox;
pub mod pages;

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use thirtyfour::prelude::*;

pub use cdp::Cdp;

/// The extension's id in Chromium, fixed by the key in its manifest.
pub const EXTENSION_ID: &str = "mmdnojkimbdeholjphacklkmodlfpgik";
pub const HOST_NAME: &str = "app.sidenote.reader";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

/// The `sidenote` binary the browser starts: SIDENOTE_BIN, else the debug build in the target folder.
pub fn sidenote_binary() -> PathBuf {
    if let Some(bin) = std::env::var_os("SIDENOTE_BIN") {
        return PathBuf::from(bin);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    let bin = target.join("debug/sidenote");
    assert!(bin.is_file(), "{} is missing: build it first (./scripts/build.sh)", bin.display());
    bin
}

/// The unpacked Chromium build of the extension.
pub fn extension_dir() -> PathBuf {
    let dir = workspace_root().join("extension/dist/chromium");
    assert!(
        dir.join("manifest.json").is_file(),
        "{} is missing: build the extension first (cd extension && npm ci && npm run build)",
        dir.display()
    );
    dir
}

/// Runs the headless CLI on `library`.
pub fn cli(library: &Path, args: &[&str]) -> Output {
    Command::new(sidenote_binary())
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("SIDENOTE_LIBRARY")
        .env_remove("DISPLAY")
        .output()
        .expect("the sidenote CLI runs")
}

/// Runs the CLI, which must succeed; returns its output.
pub fn cli_ok(library: &Path, args: &[&str]) -> String {
    let out = cli(library, args);
    assert!(out.status.success(), "sidenote {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

pub fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).expect("create the screenshot folder");
    dir
}

fn chromium_binary() -> PathBuf {
    // The /usr/bin/chromium wrapper script works too, but complains about /dev/shm here.
    ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("Chromium is not installed (apt-get install chromium chromium-driver; scripts/setup.sh does)")
}

/// One headless Chromium with the extension, on a temporary profile and library.
pub struct Browser {
    driver: WebDriver,
    pub cdp: Cdp,
    chromedriver: Child,
    profile: tempfile::TempDir,
    /// The library the host writes to.
    pub library: PathBuf,
    _library_dir: tempfile::TempDir,
}

/// The extension's popup, open on a tab.
pub struct Popup {
    pub target_id: String,
    pub session: String,
    /// Wall-clock time (ms since 1970) just before the button was pressed.
    pub clicked_at: f64,
}

/// Milliseconds since 1970, the clock the extension (`Date.now()`) and the host use.
pub fn epoch_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

impl Browser {
    pub async fn start() -> Browser {
        // sidenote-core's reqwest leaves the TLS provider to us (see Cargo.toml).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let extension = extension_dir();
        let profile = tempfile::tempdir().expect("profile folder");
        let library_dir = tempfile::tempdir().expect("library folder");
        let library = library_dir.path().join("library");
        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let log = std::fs::File::create(profile.path().join("chromedriver.log")).expect("driver log");
        let chromedriver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("chromedriver is not installed (apt-get install chromium-driver; scripts/setup.sh does)");
        let began = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(began.elapsed() < Duration::from_secs(20), "chromedriver did not start listening");
            std::thread::sleep(Duration::from_millis(20));
        }
        let user_data = profile.path().join("chromium");
        let mut args = vec![
            "--headless=new".to_owned(),
            format!("--user-data-dir={}", user_data.display()),
            format!("--load-extension={}", extension.display()),
            format!("--disable-extensions-except={}", extension.display()),
            "--no-first-run".to_owned(),
            "--window-size=1200,900".to_owned(),
        ];
        // Chromium refuses to run as root with its sandbox on (CI runs as root).
        if is_root() {
            args.push("--no-sandbox".to_owned());
        }
        let mut caps = Capabilities::new();
        caps.set("browserName", "chrome").unwrap();
        caps.set("goog:chromeOptions", json!({ "binary": chromium_binary(), "args": args })).unwrap();
        let driver = WebDriver::new(&format!("http://127.0.0.1:{port}"), caps).await.expect("a Chromium session through chromedriver");
        // Chromium names its devtools endpoint in the profile.
        let active = user_data.join("DevToolsActivePort");
        let began = Instant::now();
        let endpoint = loop {
            if let Ok(text) = std::fs::read_to_string(&active) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    break format!("ws://127.0.0.1:{port}{path}");
                }
            }
            assert!(began.elapsed() < Duration::from_secs(20), "no {}", active.display());
            std::thread::sleep(Duration::from_millis(20));
        };
        let cdp = Cdp::connect(&endpoint).expect("devtools connection");
        let mut browser = Browser { driver, cdp, chromedriver, profile, library, _library_dir: library_dir };
        browser.install_host();
        browser
    }

    fn hosts_dir(&self) -> PathBuf {
        self.profile.path().join("chromium/NativeMessagingHosts")
    }

    /// Writes the host manifest (read by Chromium at each connection) and the
    /// launcher it names, which starts the built binary on the test's library.
    pub fn install_host(&mut self) {
        let dir = self.hosts_dir();
        std::fs::create_dir_all(&dir).expect("NativeMessagingHosts");
        let launcher = self.profile.path().join("sidenote-host.sh");
        let script = format!("#!/bin/sh\nSIDENOTE_LIBRARY='{}' exec '{}' \"$@\"\n", self.library.display(), sidenote_binary().display());
        std::fs::write(&launcher, script).expect("launcher");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&launcher, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let manifest = json!({
            "name": HOST_NAME,
            "description": "Sidenote (test)",
            "path": launcher,
            "type": "stdio",
            "allowed_origins": [format!("chrome-extension://{EXTENSION_ID}/")],
        });
        std::fs::write(dir.join(format!("{HOST_NAME}.json")), manifest.to_string()).expect("host manifest");
    }

    /// Removes the host manifest: to the extension, Sidenote is not installed.
    pub fn remove_host(&mut self) {
        std::fs::remove_file(self.hosts_dir().join(format!("{HOST_NAME}.json"))).expect("remove the host manifest");
    }

    /// Opens `url` in the tab and waits until `ready` (a JS expression) is true.
    pub async fn open(&mut self, url: &str, ready: &str) {
        self.driver.goto(url).await.expect("navigate");
        let began = Instant::now();
        loop {
            let done = self.driver.execute(&format!("return Boolean({ready})"), vec![]).await.expect("script").json().as_bool();
            if done == Some(true) {
                return;
            }
            assert!(began.elapsed() < Duration::from_secs(20), "{url}: {ready} never became true");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Selects `text` (one text node's run of it) in the page, as a person would with the mouse.
    pub async fn select(&mut self, text: &str) {
        let script = "const wanted = arguments[0];\
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);\
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {\
              const at = n.data.indexOf(wanted);\
              if (at >= 0) { const r = document.createRange(); r.setStart(n, at); r.setEnd(n, at + wanted.length);\
                const s = getSelection(); s.removeAllRanges(); s.addRange(r); return s.toString(); }\
            }\
            return null;";
        let selected = self.driver.execute(script, vec![json!(text)]).await.expect("select").json().clone();
        assert_eq!(selected, json!(text), "the text to select is not in the page");
    }

    /// Presses the extension's toolbar button on the tab (what a click does)
    /// and returns its popup once its script has started.
    pub fn click_toolbar_button(&mut self) -> Popup {
        let tab = self.cdp.call(None, "Target.getTargets", json!({ "filter": [{ "type": "tab" }] })).expect("tabs");
        let tab_id = tab["targetInfos"][0]["targetId"].as_str().expect("a tab target").to_owned();
        let clicked_at = epoch_ms();
        self.cdp.call(None, "Extensions.triggerAction", json!({ "id": EXTENSION_ID, "targetId": tab_id })).expect("trigger the action");
        Popup { clicked_at, ..self.find_popup() }
    }

    /// The extension's popup once it is open (by the button, or by the extension itself).
    pub fn find_popup(&mut self) -> Popup {
        let popup_url = format!("chrome-extension://{EXTENSION_ID}/popup.html");
        let target = self
            .cdp
            .wait_for_target("popup", Duration::from_secs(10), |t| t["type"] == "page" && t["url"].as_str() == Some(popup_url.as_str()))
            .expect("the popup opens");
        let target_id = target["targetId"].as_str().expect("popup id").to_owned();
        let session = self.cdp.attach(&target_id).expect("attach to the popup");
        Popup { target_id, session, clicked_at: f64::NAN }
    }

    /// Waits until the popup shows one of `states` (its `data-state`); returns the one shown.
    pub fn wait_for_state(&mut self, popup: &Popup, states: &[&str]) -> String {
        let list = serde_json::to_string(states).expect("json");
        let expr = format!("(() => {{ const s = document.body?.dataset.state; return {list}.includes(s) ? s : null; }})()");
        match self.cdp.wait_for(&popup.session, &expr, Duration::from_secs(30)) {
            Ok(v) => v.as_str().unwrap_or_default().to_owned(),
            Err(e) => {
                let shown = self.popup_text(popup);
                panic!("the popup never reached {states:?}: {e}\nit shows: {shown}\nchromedriver log: {}", self.driver_log());
            }
        }
    }

    /// The popup's visible text.
    pub fn popup_text(&mut self, popup: &Popup) -> String {
        self.cdp.eval(&popup.session, "document.body.innerText").map(|v| v.as_str().unwrap_or_default().to_owned()).unwrap_or_default()
    }

    pub fn popup_eval(&mut self, popup: &Popup, expression: &str) -> Value {
        self.cdp.eval(&popup.session, expression).expect("evaluate in the popup")
    }

    /// Saves a picture of the popup as `target/e2e/<name>.png` (at twice the size, for reading).
    pub fn screenshot(&mut self, popup: &Popup, name: &str) -> PathBuf {
        use base64::Engine;
        // After the last change has been painted.
        let _ = self.cdp.eval(&popup.session, "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))");
        let size = self.popup_eval(popup, "[document.body.scrollWidth, document.body.scrollHeight]");
        let (w, h) = (size[0].as_f64().unwrap_or(340.0), size[1].as_f64().unwrap_or(200.0));
        let shot = self
            .cdp
            .call(
                Some(&popup.session),
                "Page.captureScreenshot",
                json!({ "format": "png", "captureBeyondViewport": true, "clip": { "x": 0, "y": 0, "width": w, "height": h, "scale": 2 } }),
            )
            .expect("screenshot");
        let png = base64::engine::general_purpose::STANDARD.decode(shot["data"].as_str().unwrap_or_default()).expect("base64 png");
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
        path
    }

    /// Shows the popup as with the system's dark theme.
    pub fn emulate_dark(&mut self, popup: &Popup) {
        self.cdp
            .call(
                Some(&popup.session),
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] }),
            )
            .expect("dark theme");
    }

    pub fn close_popup(&mut self, popup: Popup) {
        let _ = self.cdp.call(None, "Target.closeTarget", json!({ "targetId": popup.target_id }));
        let id = popup.target_id;
        let began = Instant::now();
        while self.cdp.targets().unwrap_or_default().iter().any(|t| t["targetId"] == json!(id)) && began.elapsed() < Duration::from_secs(5)
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Evaluates in the extension's service worker.
    pub fn worker_eval(&mut self, expression: &str) -> Value {
        let url = format!("chrome-extension://{EXTENSION_ID}/background.js");
        let target = self
            .cdp
            .wait_for_target("service worker", Duration::from_secs(10), |t| {
                t["type"] == "service_worker" && t["url"].as_str() == Some(url.as_str())
            })
            .expect("the extension's service worker");
        let session = self.cdp.attach(target["targetId"].as_str().unwrap_or_default()).expect("attach to the worker");
        let value = self.cdp.eval(&session, expression).expect("evaluate in the worker");
        let _ = self.cdp.call(None, "Target.detachFromTarget", json!({ "sessionId": session }));
        value
    }

    pub fn driver_log(&self) -> String {
        let log = std::fs::read_to_string(self.profile.path().join("chromedriver.log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Ends the session (chromedriver closes Chromium), then chromedriver.
    pub async fn quit(mut self) {
        let _ = self.driver.quit().await;
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}
