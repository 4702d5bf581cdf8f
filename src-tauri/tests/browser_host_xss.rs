//! The XSS corpus through the browser's path: each vector in a page sent to
//! the native-messaging host as the extension sends it (the serialized DOM
//! as a JSON string), and the HTML the library stores checked like every
//! other import path's (core/tests/xss_corpus.rs).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

#[path = "../core/tests/xss_support/mod.rs"]
mod xss_support;

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use sidenote_core::Library;
use xss_support::{article_page, load_vectors, paragraphs, violations};

const CHROMIUM_ORIGIN: &str = "chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/";

#[test]
fn every_vector_saved_from_the_browser_is_stored_harmless() {
    let vectors: Vec<xss_support::Vector> = load_vectors("https://xss.invalid", "xss.invalid");
    assert!(vectors.len() >= 200, "the corpus holds {} vectors", vectors.len());
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    // Images stay links: the vectors' addresses are not fetched (only loopback
    // in tests); the stored image forms are checked in the core corpus test.
    Library::open_dir(&library).unwrap().set_setting("saveImages", &json!(false)).unwrap();
    let mut input = Vec::new();
    for v in &vectors {
        let url = format!("https://127.0.0.1:9/vector/{}", v.index);
        let body = serde_json::to_vec(&json!({
            "type": "save", "url": url, "title": "Canal notes", "html": article_page(&format!("browser-{}", v.index), &[&v.payload]),
        }))
        .unwrap();
        input.extend((body.len() as u32).to_ne_bytes());
        input.extend(body);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .arg(CHROMIUM_ORIGIN)
        .env("SIDENOTE_LIBRARY", &library)
        .env_remove("DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        // The parser's notes about the vectors' broken markup.
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input).unwrap());
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    writer.join().unwrap();
    assert!(child.wait().unwrap().success());

    let lib = Library::open_dir(&library).unwrap();
    let (mut stored, mut refused, mut failures) = (0, 0, Vec::new());
    let mut rest = &out[..];
    for v in &vectors {
        let len = u32::from_ne_bytes(rest[..4].try_into().unwrap()) as usize;
        let reply: Value = serde_json::from_slice(&rest[4..4 + len]).unwrap();
        rest = &rest[4 + len..];
        if reply["ok"] != true {
            // The corpus's NUL-byte vectors make a page look binary: refused, nothing stored.
            if v.payload.contains('\0') && reply["error"]["kind"] == "Unsupported" {
                refused += 1;
                continue;
            }
            failures.push(format!("#{} [{}]: save failed: {reply}", v.index, v.family));
            continue;
        }
        stored += 1;
        let html = lib.article(reply["article_id"].as_str().unwrap()).unwrap().html;
        let found = violations(&html);
        if !found.is_empty() {
            failures.push(format!("#{} [{}]: {found:?}\n  payload: {:?}\n  stored: {html}", v.index, v.family, v.payload));
        }
        if !html.contains(&paragraphs(&format!("browser-{}", v.index))[0]) {
            failures.push(format!("#{} [{}]: the article text was lost: {html}", v.index, v.family));
        }
    }
    assert!(rest.is_empty(), "one reply per message");
    eprintln!("browser host: {} vectors, {stored} stored and checked, {refused} refused as binary", vectors.len());
    assert!(failures.is_empty(), "{} vectors got through the browser path:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(stored + refused, vectors.len());
}
