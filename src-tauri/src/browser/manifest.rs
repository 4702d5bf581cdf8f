//! Who may talk to the host, and the host manifests that tell each browser
//! where it is. The ids are fixed in the extension's build
//! (`extension/manifest.json`, `docs/browser.md` explains how the Chromium id
//! is derived from the key there); `extension/test/ids.test.ts` checks that
//! they agree with these constants and with the packaged manifests.

use std::path::{Path, PathBuf};

use serde_json::json;

/// The host's name, as the extension asks for it and as the manifests' file name.
pub const HOST_NAME: &str = "app.sidenote.reader";

/// The extension's id in Chromium and Chrome (from the public key in its manifest).
pub const CHROMIUM_EXTENSION_ID: &str = "mmdnojkimbdeholjphacklkmodlfpgik";

/// The extension's id in Firefox (`browser_specific_settings.gecko.id`).
pub const FIREFOX_EXTENSION_ID: &str = "capture@sidenote.reader";

const DESCRIPTION: &str = "Sidenote: saves pages and highlights from the browser into your library";

/// The origin Chromium passes as the host's first argument.
pub fn chromium_origin() -> String {
    format!("chrome-extension://{CHROMIUM_EXTENSION_ID}/")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    Firefox,
    Chromium,
    Chrome,
}

impl Browser {
    pub const ALL: [Browser; 3] = [Browser::Firefox, Browser::Chromium, Browser::Chrome];

    pub fn name(self) -> &'static str {
        match self {
            Browser::Firefox => "Firefox",
            Browser::Chromium => "Chromium",
            Browser::Chrome => "Google Chrome",
        }
    }

    /// Where the browser looks for a user's own host manifests.
    pub fn user_dir(self, home: &Path) -> PathBuf {
        match self {
            Browser::Firefox => home.join(".mozilla/native-messaging-hosts"),
            Browser::Chromium => home.join(".config/chromium/NativeMessagingHosts"),
            Browser::Chrome => home.join(".config/google-chrome/NativeMessagingHosts"),
        }
    }

    /// The manifest for a host at `path` (absolute).
    pub fn manifest(self, path: &Path) -> String {
        let path = path.display().to_string();
        let value = match self {
            Browser::Firefox => json!({
                "name": HOST_NAME,
                "description": DESCRIPTION,
                "path": path,
                "type": "stdio",
                "allowed_extensions": [FIREFOX_EXTENSION_ID],
            }),
            Browser::Chromium | Browser::Chrome => json!({
                "name": HOST_NAME,
                "description": DESCRIPTION,
                "path": path,
                "type": "stdio",
                "allowed_origins": [chromium_origin()],
            }),
        };
        // serde_json's pretty printer cannot fail on a Value it built.
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

pub fn manifest_file_name() -> String {
    format!("{HOST_NAME}.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The packages install these files (tauri.conf.json, bundle.linux.*.files).
    #[test]
    fn packaged_manifests_are_the_ones_for_the_installed_binary() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/native-messaging");
        let installed = Path::new("/usr/bin/sidenote");
        let firefox = std::fs::read_to_string(dir.join("firefox").join(manifest_file_name())).unwrap();
        let chromium = std::fs::read_to_string(dir.join("chromium").join(manifest_file_name())).unwrap();
        assert_eq!(firefox, Browser::Firefox.manifest(installed));
        assert_eq!(chromium, Browser::Chromium.manifest(installed));
        assert_eq!(chromium, Browser::Chrome.manifest(installed));
    }

    #[test]
    fn the_bundle_installs_them_where_each_browser_reads_them() {
        let conf: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tauri.conf.json")).unwrap()).unwrap();
        let name = manifest_file_name();
        for package in ["deb", "rpm"] {
            let files = &conf["bundle"]["linux"][package]["files"];
            for (dir, source) in [
                ("/usr/lib/mozilla/native-messaging-hosts", "firefox"),
                ("/etc/chromium/native-messaging-hosts", "chromium"),
                ("/etc/opt/chrome/native-messaging-hosts", "chromium"),
            ] {
                let installed = format!("{dir}/{name}");
                assert_eq!(files[&installed], format!("packaging/native-messaging/{source}/{name}"), "{package}: {installed}");
            }
        }
    }
}
