//! The browser's native-messaging host and the app: a page saved from the
//! browser shows in the running app at once (without taking the focus),
//! "Open in Sidenote" brings the app to an article, and starts the app on it
//! when none runs. The host is the real binary, started as Chromium starts
//! it and spoken to over its pipes (the browser side is tests/browser-e2e).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{app_binary, cli, App};
use serde_json::{json, Value};

const CHROMIUM_ORIGIN: &str = "chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/";

const PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Salt marsh</title></head><body>\
<nav><a href=\"/\">Home</a></nav><article><h1>Salt marsh</h1>\
<p>The salt marsh floods twice a day, and the samphire that grows there is picked at low tide in late summer.</p>\
<p>Wading birds feed along the creeks, and in winter geese arrive from the north in their thousands.</p>\
<p>The sea wall built in 1953 was breached on purpose in 2002, and the marsh has been growing back ever since.</p>\
</article></body></html>";

/// Starts the host as Chromium does, sends one message, returns the reply.
fn host(library: &Path, message: &Value, env: &[(&str, &Path)]) -> Value {
    let body = serde_json::to_vec(message).unwrap();
    let mut child = Command::new(app_binary())
        .arg(CHROMIUM_ORIGIN)
        .env("SIDENOTE_LIBRARY", library)
        .envs(env.iter().map(|(k, v)| (*k, *v)))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&(body.len() as u32).to_ne_bytes()).unwrap();
    stdin.write_all(&body).unwrap();
    drop(stdin);
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    assert!(child.wait().unwrap().success());
    let len = u32::from_ne_bytes(out[..4].try_into().unwrap()) as usize;
    serde_json::from_slice(&out[4..4 + len]).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_saved_from_the_browser_shows_in_the_running_app() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample").await;

    let saved = host(&library, &json!({ "type": "save", "url": "https://127.0.0.1:9/marsh", "title": "Salt marsh", "html": PAGE }), &[]);
    assert_eq!(saved["ok"], true, "{saved}");
    assert_eq!(saved["shown_in_app"], true, "the running app took the article: {saved}");
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'reader' && document.querySelector('#article-title')?.textContent === 'Salt marsh'",
        "the saved article in the reader",
    )
    .await;
    assert!(app.text(".reader-column").await.contains("samphire"));
    app.screenshot("60-browser-save-shown-in-app").await;

    // "Open in Sidenote" for another article: the app shows it.
    let listed: Value = serde_json::from_str(&cli(&library, &["list", "--json"])).unwrap();
    let sample_id = listed.as_array().unwrap().iter().find(|a| a["id"] != saved["article_id"]).unwrap()["id"].as_str().unwrap().to_owned();
    let opened = host(&library, &json!({ "type": "open", "article_id": sample_id }), &[]);
    assert_eq!(opened, json!({ "ok": true, "app": "shown" }));
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'reader' && document.querySelector('#article-title')?.textContent !== 'Salt marsh'",
        "the other article in the reader",
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn open_in_sidenote_starts_the_app_on_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let page = dir.path().join("marsh.html");
    std::fs::write(&page, PAGE).unwrap();
    let id = cli(&library, &["import", page.to_str().unwrap()]).trim().to_owned();
    let xdg = dir.path().join("xdg");
    let env = [("XDG_CONFIG_HOME", xdg.as_path()), ("XDG_DATA_HOME", xdg.as_path()), ("XDG_CACHE_HOME", xdg.as_path())];
    let opened = host(&library, &json!({ "type": "open", "article_id": id }), &env);
    assert_eq!(opened["ok"], true, "{opened}");
    assert!(opened["app"] == "started" || opened["app"] == "starting", "{opened}");
    // Its window opens on the article (the window's title names it).
    let deadline = Instant::now() + Duration::from_secs(30);
    let found = loop {
        let out = Command::new("xdotool").args(["search", "--name", "^Salt marsh — Sidenote$"]).output().unwrap();
        if out.status.success() && !out.stdout.is_empty() {
            break true;
        }
        if Instant::now() > deadline {
            break false;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // A picture once the window has painted the article (not just its menu bar).
    let shot = common::screenshot_dir().join("61-browser-open-started-app.png");
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = Command::new("import").args(["-window", "root"]).arg(&shot).status();
        let spread = Command::new("convert")
            .arg(&shot)
            .args(["-crop", "800x500+100+80", "-colorspace", "gray", "-format", "%[fx:standard_deviation]", "info:"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<f64>().unwrap_or(0.0))
            .unwrap_or(0.0);
        if spread > 0.02 {
            break;
        }
    }
    // The app the host started is ours to stop.
    let socket = common::instance_socket(&library);
    let wanted = library.to_string_lossy().into_owned();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        let args: Vec<String> = cmdline.split(|b| *b == 0).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
        if args.first().is_some_and(|a| Path::new(a) == app_binary()) && args.contains(&wanted) {
            let _ = Command::new("kill").args(["-TERM", &entry.file_name().to_string_lossy()]).status();
        }
    }
    let deadline = Instant::now() + Duration::from_secs(15);
    while std::os::unix::net::UnixStream::connect(&socket).is_ok() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(found, "no window titled \"Salt marsh — Sidenote\" appeared");
}
