//! `sidenote browser-setup`: per-user host manifests for a build run from
//! source, where each browser looks for them, and their removal.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn setup(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .env("HOME", home)
        .env_remove("SIDENOTE_LIBRARY")
        .env_remove("DISPLAY")
        .output()
        .unwrap()
}

fn manifest(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

#[test]
fn writes_a_manifest_where_each_browser_looks_and_says_where() {
    let home = tempfile::tempdir().unwrap();
    let out = setup(home.path(), &["browser-setup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8(out.stdout).unwrap();
    let binary = Path::new(env!("CARGO_BIN_EXE_sidenote")).canonicalize().unwrap();
    for (dir, allowed) in [
        (".mozilla/native-messaging-hosts", "allowed_extensions"),
        (".config/chromium/NativeMessagingHosts", "allowed_origins"),
        (".config/google-chrome/NativeMessagingHosts", "allowed_origins"),
    ] {
        let file = home.path().join(dir).join("app.sidenote.reader.json");
        assert!(said.contains(&file.display().to_string()), "{said}");
        let m = manifest(&file);
        assert_eq!(m["name"], "app.sidenote.reader");
        assert_eq!(m["type"], "stdio");
        assert_eq!(Path::new(m["path"].as_str().unwrap()), binary);
        assert_eq!(m[allowed].as_array().unwrap().len(), 1, "{m}");
    }
    let out = setup(home.path(), &["browser-setup", "--remove"]);
    assert!(out.status.success());
    assert!(!home.path().join(".config/chromium/NativeMessagingHosts/app.sidenote.reader.json").exists());
    assert!(!home.path().join(".mozilla/native-messaging-hosts/app.sidenote.reader.json").exists());
}

#[test]
fn another_library_gets_a_launcher_that_names_it() {
    let home = tempfile::tempdir().unwrap();
    let library = home.path().join("my library's folder");
    let out = setup(home.path(), &["--library", library.to_str().unwrap(), "browser-setup", "--browser", "chromium"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!home.path().join(".mozilla").exists(), "only the browser asked for");
    let m = manifest(&home.path().join(".config/chromium/NativeMessagingHosts/app.sidenote.reader.json"));
    let launcher = Path::new(m["path"].as_str().unwrap());
    assert_eq!(launcher, library.join("sidenote-browser-host"));
    // The launcher starts the binary on that library: a save through it lands there.
    let page = "<html><head><title>Dune grass</title></head><body><article><h1>Dune grass</h1>\
        <p>Marram grass holds the dunes together with roots that can reach several metres down into the sand.</p>\
        <p>It grows faster when it is buried, which is why it thrives where the wind piles sand over it.</p></article></body></html>";
    let body = serde_json::to_vec(&serde_json::json!({ "type": "save", "url": "https://127.0.0.1:9/dunes", "html": page })).unwrap();
    let mut input = (body.len() as u32).to_ne_bytes().to_vec();
    input.extend(body);
    let mut child = Command::new(launcher)
        .arg("chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/")
        .env_remove("SIDENOTE_LIBRARY")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), &input).unwrap();
    let out = child.wait_with_output().unwrap();
    let reply: Value = serde_json::from_slice(&out.stdout[4..]).unwrap();
    assert_eq!(reply["ok"], true, "{reply}");
    assert!(library.join("library.sqlite3").is_file());
    let bad = setup(home.path(), &["browser-setup", "--browser", "opera"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use firefox, chromium or chrome"));
}
