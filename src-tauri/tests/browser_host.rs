//! The native-messaging host run as the browser runs it: the real binary,
//! started with a browser's arguments, spoken to over its stdin and stdout
//! (32-bit native-endian length + UTF-8 JSON). Every bad input gets an error
//! reply and changes nothing; a real page goes in and comes back out through
//! the CLI.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{json, Value};

const CHROMIUM_ORIGIN: &str = "chrome-extension://mmdnojkimbdeholjphacklkmodlfpgik/";
const FIREFOX_ID: &str = "capture@sidenote.reader";
const MAX_INBOUND: u32 = 64 * 1024 * 1024;

fn frame(body: &[u8]) -> Vec<u8> {
    let mut v = (body.len() as u32).to_ne_bytes().to_vec();
    v.extend_from_slice(body);
    v
}

fn message(value: &Value) -> Vec<u8> {
    frame(&serde_json::to_vec(value).unwrap())
}

/// What the host wrote: its replies, in order, and how it ended.
struct Session {
    replies: Vec<Value>,
    success: bool,
    stderr: String,
}

/// Starts the host as a browser does (`args` after the program path), feeds
/// it `input` and closes the pipe.
fn run_host(library: &Path, args: &[&str], input: Vec<u8>) -> Session {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sidenote"))
        .args(args)
        .env("SIDENOTE_LIBRARY", library)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the sidenote binary starts");
    let mut stdin = child.stdin.take().unwrap();
    // Written from a thread: a host that stops reading must not stall the test.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut out = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut out).unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    Session { replies: replies(&out), success: status.success(), stderr }
}

fn chromium(library: &Path, input: Vec<u8>) -> Session {
    run_host(library, &[CHROMIUM_ORIGIN], input)
}

/// Splits the host's output into its framed replies, checking the framing.
fn replies(mut out: &[u8]) -> Vec<Value> {
    let mut all = Vec::new();
    while !out.is_empty() {
        assert!(out.len() >= 4, "a reply's length is cut short: {out:?}");
        let len = u32::from_ne_bytes(out[..4].try_into().unwrap()) as usize;
        assert!(len < 1024 * 1024, "a reply of {len} bytes is over the browsers' 1 MiB limit");
        let body = &out[4..4 + len];
        all.push(serde_json::from_slice(body).expect("each reply is JSON"));
        out = &out[4 + len..];
    }
    all
}

fn error_kind(reply: &Value) -> &str {
    assert_eq!(reply["ok"], false, "expected an error reply: {reply}");
    assert!(reply["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "an error says what went wrong: {reply}");
    reply["error"]["kind"].as_str().unwrap()
}

/// A page of our own: site furniture around an article.
fn page(tag: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Harbour records {tag} | The Tidewater Gazette</title>\
         <script>window.analytics = [];</script></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/subscribe\">Subscribe</a></nav></header>\
         <main><article><h1>Harbour records {tag}</h1><p class=\"byline\">By Maren Holt</p>\
         <p>The harbour master of {tag} kept a ledger of every ship that entered the bay between 1887 and 1902, and the ledger survived two floods.</p>\
         <p>Its pages list the cargo of each ship in a careful hand: timber from the north, salt from the south, and once a crate of oranges.</p>\
         <p>In the winter of 1895 the bay froze for eleven days, and the ledger records no ships at all, only the temperature each morning.</p>\
         <p>The ledger of {tag} now sits in the town museum, where visitors may turn its pages with cotton gloves on Saturday afternoons.</p>\
         </article></main><aside><h2>Most read</h2><ul><li><a href=\"/a\">Ferry times change</a></li></ul></aside>\
         <footer><p>Copyright 2026 The Tidewater Gazette. All rights reserved.</p></footer></body></html>"
    )
}

fn save(url: &str, html: &str) -> Value {
    json!({ "type": "save", "url": url, "base_url": url, "title": "Harbour records", "html": html })
}

fn count(library: &Path) -> usize {
    let listed: Value = serde_json::from_str(&common::ok(library, &["list", "--json"])).unwrap();
    listed.as_array().unwrap().len()
}

#[test]
fn ping_answers_the_version() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let s = chromium(&library, message(&json!({ "type": "ping" })));
    assert!(s.success, "{}", s.stderr);
    assert_eq!(s.replies.len(), 1);
    assert_eq!(s.replies[0]["ok"], true);
    assert_eq!(s.replies[0]["version"], env!("CARGO_PKG_VERSION"));
    assert!(!library.exists(), "a ping does not touch the library");
}

#[test]
fn a_real_page_goes_in_and_duplicates_and_selections_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let url = "http://127.0.0.1:9/harbour/ledger";
    let html = page("Saltby");
    let selection = json!({ "exact": "a crate of\n oranges", "prefix": "salt from the south, and once ", "suffix": ".\n\nIn the winter", "note": "fruit!" });
    let mut with_selection = save("http://127.0.0.1:9/other/address", &html);
    with_selection["selection"] = selection.clone();
    let mut input = message(&save(url, &html));
    input.extend(message(&save(url, &html)));
    input.extend(message(&with_selection));
    let s = chromium(&library, input);
    assert!(s.success, "{}", s.stderr);
    let [first, again, same_text] = &s.replies[..] else { panic!("three replies expected: {:?}", s.replies) };

    assert_eq!(first["ok"], true, "{first}");
    let id = first["article_id"].as_str().unwrap();
    assert!(first["title"].as_str().unwrap().starts_with("Harbour records Saltby"), "{first}");
    assert!(first.get("duplicate_of").is_none());
    assert_eq!(first["shown_in_app"], false, "no app is running on this library");
    for part in ["read_ms", "parse_ms", "extract_ms", "store_ms", "stored_at", "process_started_at"] {
        assert!(first["timings"][part].as_f64().is_some(), "timing {part} missing: {first}");
    }
    // The same pipeline as a file import: extracted, boilerplate gone.
    let shown = common::ok(&library, &["show", id]);
    assert!(shown.contains("kept a ledger of every ship"), "{shown}");
    assert!(shown.contains("with cotton gloves on Saturday afternoons"), "{shown}");
    for furniture in ["Subscribe", "Most read", "All rights reserved", "analytics"] {
        assert!(!shown.contains(furniture), "{furniture:?} was kept: {shown}");
    }
    let listed: Value = serde_json::from_str(&common::ok(&library, &["list", "--json"])).unwrap();
    assert_eq!(listed[0]["sourceUrl"], url);
    assert_eq!(listed[0]["sourceKind"], "url");

    // The same address again: the article already there is offered.
    assert_eq!(again["ok"], true);
    assert_eq!(again["duplicate_of"], id);
    assert_eq!(again["article_id"], id);
    // Another address with the same text: a duplicate by text; its selection lands on the existing article.
    assert_eq!(same_text["duplicate_of"], id, "{same_text}");
    let hid = same_text["highlight_id"].as_str().unwrap();
    let highlights: Value = serde_json::from_str(&common::ok(&library, &["highlights", id, "--json"])).unwrap();
    let h = &highlights[0];
    assert_eq!(h["id"], hid);
    assert_eq!(h["exact"], "a crate of oranges");
    assert_eq!(h["note"], "fruit!");
    assert_eq!(h["orphaned"], false);
    let text: String =
        serde_json::from_str::<Value>(&common::ok(&library, &["show", id, "--json"])).unwrap()["text"].as_str().unwrap().to_owned();
    let start = h["start"].as_u64().unwrap() as usize;
    let end = h["end"].as_u64().unwrap() as usize;
    assert_eq!(text.chars().skip(start).take(end - start).collect::<String>(), "a crate of oranges");
    assert_eq!(count(&library), 1);
}

#[test]
fn a_selection_outside_the_article_is_kept_as_an_orphan_and_the_same_one_twice_is_one_highlight() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let url = "https://127.0.0.1:9/harbour/ice";
    let mut outside = save(url, &page("Frostvik"));
    outside["selection"] = json!({ "exact": "Ferry times change", "prefix": "Most read", "suffix": "", "note": "sidebar" });
    let mut inside = save(url, &page("Frostvik"));
    inside["selection"] =
        json!({ "exact": "the bay froze for eleven days", "prefix": "In the winter of 1895 ", "suffix": ", and the ledger" });
    let mut inside_with_note = inside.clone();
    inside_with_note["selection"]["note"] = json!("cold");
    let mut input = message(&outside);
    input.extend(message(&inside));
    input.extend(message(&inside_with_note));
    let s = chromium(&library, input);
    let [orphan, placed, twice] = &s.replies[..] else { panic!("three replies expected: {:?}", s.replies) };
    assert_eq!(orphan["ok"], true, "the article is saved: {orphan}");
    assert_eq!(orphan["highlight_orphaned"], true);
    assert!(orphan["message"].as_str().unwrap().contains("not in the text Sidenote kept"), "{orphan}");
    assert!(placed["highlight_id"].is_string() && placed.get("highlight_orphaned").is_none(), "{placed}");
    assert_eq!(twice["highlight_id"], placed["highlight_id"]);
    assert_eq!(twice["highlight_existed"], true);
    let id = orphan["article_id"].as_str().unwrap();
    let all: Value = serde_json::from_str(&common::ok(&library, &["highlights", id, "--json"])).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    let kept = all.iter().find(|h| h["orphaned"] == true).unwrap();
    assert_eq!((kept["exact"].as_str(), kept["note"].as_str()), (Some("Ferry times change"), Some("sidebar")));
    let froze = all.iter().find(|h| h["orphaned"] == false).unwrap();
    assert_eq!(froze["note"], "cold", "the second save's note is added to the highlight");
}

#[test]
fn firefox_arguments_are_understood_too() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let manifest = "/usr/lib/mozilla/native-messaging-hosts/app.sidenote.reader.json";
    let s = run_host(&library, &[manifest, FIREFOX_ID], message(&save("https://127.0.0.1:9/fx", &page("Foxholm"))));
    assert_eq!(s.replies[0]["ok"], true, "{:?}", s.replies);
    assert_eq!(count(&library), 1);
}

#[test]
fn other_extensions_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let input = message(&save("https://127.0.0.1:9/x", &page("Refused")));
    for args in [
        &["chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"][..],
        &["/home/x/.mozilla/native-messaging-hosts/app.sidenote.reader.json", "other@example.org"][..],
    ] {
        let s = run_host(&library, args, input.clone());
        assert_eq!(s.replies.len(), 1, "{:?}", s.replies);
        assert_eq!(error_kind(&s.replies[0]), "Forbidden");
    }
    assert!(!library.exists(), "the library was not even opened");
}

/// One good save first, then each bad input: every one is answered with an
/// error, and the library still holds the one article.
#[test]
fn every_bad_input_gets_an_error_reply_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let first = chromium(&library, message(&save("https://127.0.0.1:9/good", &page("Goodhaven"))));
    assert_eq!(first.replies[0]["ok"], true);
    let ping = message(&json!({ "type": "ping" }));
    let framed = |body: &[u8]| {
        // Each recoverable error is followed by a ping that must still be answered.
        let mut v = frame(body);
        v.extend(ping.clone());
        v
    };
    let huge_page = format!("<html><body><article><p>{}</p></article></body></html>", "Tide tables and harbour dues. ".repeat(1_800_000));
    let cases: Vec<(&str, Vec<u8>, &str, bool)> = vec![
        ("zero length", [0u32.to_ne_bytes().to_vec(), ping.clone()].concat(), "BadMessage", true),
        ("invalid UTF-8", framed(b"{\"type\":\"ping\",\"x\":\"\xff\xfe\"}"), "BadMessage", true),
        ("invalid JSON", framed(b"{\"type\": \"save\", \"url\": "), "BadMessage", true),
        ("not an object", framed(b"\"save\""), "BadMessage", true),
        ("unknown type", framed(br#"{"type":"delete","article_id":"x"}"#), "BadMessage", true),
        ("missing html", framed(br#"{"type":"save","url":"https://127.0.0.1:9/y"}"#), "BadMessage", true),
        ("not a web address", framed(&serde_json::to_vec(&save("file:///etc/passwd", &page("Filey"))).unwrap()), "BadMessage", true),
        ("empty page", framed(&serde_json::to_vec(&save("https://127.0.0.1:9/empty", "")).unwrap()), "Empty", true),
        (
            "no article",
            framed(
                &serde_json::to_vec(&save("https://127.0.0.1:9/nav", "<html><body><nav><a href=/>Home</a></nav></body></html>")).unwrap(),
            ),
            "NoArticle",
            true,
        ),
        (
            "page over the import limit",
            framed(&serde_json::to_vec(&save("https://127.0.0.1:9/huge", &huge_page)).unwrap()),
            "TooLarge",
            true,
        ),
        ("length over 64 MiB", (MAX_INBOUND + 1).to_ne_bytes().to_vec(), "TooLarge", false),
        ("length of 4 GiB", u32::MAX.to_ne_bytes().to_vec(), "TooLarge", false),
        ("short header", vec![7, 0], "BadMessage", false),
        ("short body", [100u32.to_ne_bytes().to_vec(), b"{\"type\":\"ping\"}".to_vec()].concat(), "BadMessage", false),
    ];
    assert!(huge_page.len() > 50 * 1024 * 1024 && huge_page.len() < MAX_INBOUND as usize);
    for (what, input, kind, continues) in cases {
        let s = chromium(&library, input);
        assert!(s.success, "{what}: the host ended in failure: {}", s.stderr);
        assert!(!s.replies.is_empty(), "{what}: no reply");
        assert_eq!(error_kind(&s.replies[0]), kind, "{what}: {}", s.replies[0]);
        if continues {
            assert_eq!(s.replies.len(), 2, "{what}: the next message must still be answered: {:?}", s.replies);
            assert_eq!(s.replies[1]["version"], env!("CARGO_PKG_VERSION"), "{what}");
        } else {
            assert_eq!(s.replies.len(), 1, "{what}: the stream is out of step; the host stops: {:?}", s.replies);
        }
        assert_eq!(count(&library), 1, "{what}: the library changed");
    }
    // A reply message names the problem in words.
    let s = chromium(&library, framed(br#"{"type":"delete"}"#));
    assert!(s.replies[0]["error"]["message"].as_str().unwrap().contains("unknown message type \"delete\""));
    assert_eq!(common::ok(&library, &["check"]).trim(), "ok");
}

/// A page from Readability's test suite (../shared, when present) saved
/// through the host has exactly the text `sidenote extract` finds in it.
#[test]
fn a_corpus_page_is_extracted_as_any_import_would() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/readability");
    if !corpus.is_dir() {
        eprintln!("skipped: {} is absent", corpus.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    for name in ["ars-1", "bbc-1", "base-url"] {
        let source = corpus.join(name).join("source.html");
        let html = std::fs::read_to_string(&source).unwrap();
        let s = chromium(&library, message(&save(&format!("http://fakehost/{name}"), &html)));
        assert_eq!(s.replies[0]["ok"], true, "{name}: {:?}", s.replies);
        let id = s.replies[0]["article_id"].as_str().unwrap();
        let stored: Value = serde_json::from_str(&common::ok(&library, &["show", id, "--json"])).unwrap();
        let extracted: Value = serde_json::from_str(&common::ok(&library, &["extract", source.to_str().unwrap(), "--json"])).unwrap();
        assert_eq!(stored["text"], extracted["text"], "{name}");
        assert_eq!(stored["title"], extracted["title"], "{name}");
    }
}
