//! Firefox ESR, headless, through geckodriver, with the Firefox build of the
//! extension installed as a temporary add-on and our host manifest in
//! `$HOME/.mozilla/native-messaging-hosts/` (Firefox looks there whatever
//! the profile). Firefox has no devtools command to press an extension's
//! button, so the test does what the button does from the browser's own
//! (chrome) context: the extension's action is triggered for the window.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;
use thirtyfour::common::command::FormatRequestData;
use thirtyfour::prelude::*;
use thirtyfour::RequestData;

use crate::{sidenote_binary, workspace_root, HOST_NAME};

pub const FIREFOX_EXTENSION_ID: &str = "capture@sidenote.reader";

/// The unpacked Firefox build of the extension.
pub fn extension_dir() -> PathBuf {
    let dir = workspace_root().join("extension/dist/firefox");
    assert!(
        dir.join("manifest.json").is_file(),
        "{} is missing: build the extension first (cd extension && npm ci && npm run build)",
        dir.display()
    );
    dir
}

fn firefox_binary() -> PathBuf {
    ["/usr/bin/firefox-esr", "/usr/bin/firefox"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
        .expect("Firefox is not installed (apt-get install firefox-esr; scripts/setup.sh does)")
}

/// geckodriver's `moz/context`: "chrome" for the browser's own window, "content" for the page.
#[derive(Debug)]
struct SetContext(&'static str);

impl FormatRequestData for SetContext {
    fn format_request(&self, session_id: &thirtyfour::SessionId) -> RequestData {
        RequestData::new(http::Method::POST, format!("/session/{session_id}/moz/context")).add_body(json!({ "context": self.0 }))
    }
}

pub struct Firefox {
    driver: WebDriver,
    geckodriver: Child,
    home: tempfile::TempDir,
    pub library: PathBuf,
}

impl Firefox {
    pub async fn start() -> Firefox {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let home = tempfile::tempdir().expect("home folder");
        let library = home.path().join("library");
        // The launcher records the arguments Firefox starts the host with.
        let launcher = home.path().join("sidenote-host.sh");
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nSIDENOTE_LIBRARY='{}' exec '{}' \"$@\"\n",
            home.path().join("host-args").display(),
            library.display(),
            sidenote_binary().display()
        );
        std::fs::write(&launcher, script).expect("launcher");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&launcher, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let hosts = home.path().join(".mozilla/native-messaging-hosts");
        std::fs::create_dir_all(&hosts).expect("native-messaging-hosts");
        let manifest = json!({
            "name": HOST_NAME, "description": "Sidenote (test)", "path": launcher, "type": "stdio",
            "allowed_extensions": [FIREFOX_EXTENSION_ID],
        });
        std::fs::write(hosts.join(format!("{HOST_NAME}.json")), manifest.to_string()).expect("host manifest");

        let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let log = std::fs::File::create(home.path().join("geckodriver.log")).expect("driver log");
        let geckodriver = Command::new("geckodriver")
            .args(["--port", &port.to_string(), "--allow-system-access"])
            .env("HOME", home.path())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("geckodriver is not installed (cargo install geckodriver --locked; scripts/setup.sh does)");
        let began = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(began.elapsed() < Duration::from_secs(20), "geckodriver did not start listening");
            std::thread::sleep(Duration::from_millis(20));
        }
        let mut caps = Capabilities::new();
        caps.set("browserName", "firefox").unwrap();
        caps.set("moz:firefoxOptions", json!({ "binary": firefox_binary(), "args": ["-headless"] })).unwrap();
        let driver = WebDriver::new(&format!("http://127.0.0.1:{port}"), caps).await.expect("a Firefox session through geckodriver");
        let firefox = Firefox { driver, geckodriver, home, library };
        thirtyfour::extensions::addons::firefox::FirefoxTools::new(firefox.driver.handle().clone())
            .install_addon(&extension_dir().display().to_string(), Some(true))
            .await
            .expect("install the extension as a temporary add-on");
        firefox
    }

    pub async fn open(&mut self, url: &str, ready: &str) {
        self.driver.goto(url).await.expect("navigate");
        let began = Instant::now();
        while self.driver.execute(&format!("return Boolean({ready})"), vec![]).await.expect("script").json().as_bool() != Some(true) {
            assert!(began.elapsed() < Duration::from_secs(20), "{url}: {ready} never became true");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// What the toolbar button does: the extension's action, triggered for this window (it opens the popup).
    pub async fn click_toolbar_button(&mut self) {
        self.driver.handle().cmd(SetContext("chrome")).await.expect("the browser's own context (geckodriver --allow-system-access)");
        let script = format!(
            "const {{ ExtensionParent }} = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');\
             const extension = ExtensionParent.GlobalManager.getExtension('{FIREFOX_EXTENSION_ID}');\
             ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);\
             return true;"
        );
        let result = self.driver.execute(&script, vec![]).await;
        self.driver.handle().cmd(SetContext("content")).await.expect("back to the page");
        result.expect("trigger the extension's action");
    }

    /// The arguments Firefox started the host with, one per line (empty before it ran).
    pub fn host_args(&self) -> String {
        std::fs::read_to_string(self.home.path().join("host-args")).unwrap_or_default()
    }

    pub fn home(&self) -> &Path {
        self.home.path()
    }

    pub async fn quit(mut self) {
        let _ = self.driver.quit().await;
        let _ = self.geckodriver.kill();
        let _ = self.geckodriver.wait();
    }
}
