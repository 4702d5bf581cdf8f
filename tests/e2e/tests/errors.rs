//! Errors the app acts on, end to end: the payload the real bridge delivers
//! ({ kind, message, data }), and what the UI does with it: a file too large
//! says its size and the limit, an article already in the library is offered,
//! an article deleted elsewhere leaves the list.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::App;
use serde_json::json;

/// Calls a command that must fail; returns the error exactly as the UI receives it.
async fn invoke_err(app: &App, command: &str, args: serde_json::Value) -> serde_json::Value {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         window.__TAURI_INTERNALS__.invoke({command:?}, {args})
           .then(v => done({{ ok: v }}), e => done({{ err: e }}));"
    );
    let ret = app.driver.execute_async(&script, vec![]).await.expect("invoke").json().clone();
    assert!(ret.get("ok").is_none(), "{command} should fail: {ret}");
    ret["err"].clone()
}

const TIDES: &str = "Notes on Tidal Mills\n\nA tidal mill fills its pond on the rising tide and grinds as the water runs back out.\n\nMost of them stood on sheltered estuaries.";

/// Pastes `text` in the library, as Ctrl+V does.
async fn paste(app: &App, text: &str) {
    app.js(&format!(
        "const dt = new DataTransfer();
         dt.setData('text/plain', {text:?});
         document.body.dispatchEvent(new ClipboardEvent('paste', {{ clipboardData: dt, bubbles: true, cancelable: true }}));
         return true;"
    ))
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_ui_acts_on_the_kind_and_data_of_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    // A 60 MiB file (sparse: nothing is written) handed to the app at launch.
    let huge = dir.path().join("huge-notes.txt");
    std::fs::File::create(&huge).unwrap().set_len(60 * 1024 * 1024).unwrap();
    let app = App::launch_with_args(&library, &[huge.to_str().unwrap()]).await;

    // The file's import failed: the toast gives its size and the limit in words.
    app.wait_for_js(
        "return [...document.querySelectorAll('.toast-error')].some(t => t.textContent.includes('huge-notes.txt is too large'))",
        "the too-large toast",
    )
    .await;
    let toasts = app.js("return [...document.querySelectorAll('.toast-error .toast-text')].map(t => t.textContent)").await;
    assert_eq!(toasts, json!(["huge-notes.txt is too large to import (60.0 MB; the limit is 50.0 MB)."]));
    app.screenshot("70-error-too-large").await;
    app.clear_toasts().await;

    // The bridge delivers kind, message and data.
    let missing = invoke_err(&app, "get_article", json!({ "id": "no-such-article" })).await;
    assert_eq!(
        missing,
        json!({ "kind": "NotFound", "data": { "what": "article", "id": "no-such-article" }, "message": "article not found: no-such-article" })
    );
    let report = app.invoke("import_files", json!({ "paths": [huge.to_str().unwrap()] })).await;
    assert_eq!(report[0]["error"]["kind"], "TooLarge");
    assert_eq!(report[0]["error"]["data"]["size"], 60 * 1024 * 1024);
    assert_eq!(report[0]["error"]["data"]["limit"], 50 * 1024 * 1024);

    // Pasting an article that is already there offers the one in the library.
    paste(&app, TIDES).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "the pasted article").await;
    app.clear_toasts().await;
    paste(&app, TIDES).await;
    app.wait_for_js(
        "return [...document.querySelectorAll('.toast')].some(t => t.textContent.includes('is already in your library'))",
        "the offer",
    )
    .await;
    assert_eq!(app.js("return document.querySelectorAll('.library-table tbody tr').length").await, 2, "no second copy");
    app.screenshot("71-already-in-library-offer").await;
    app.js("[...document.querySelectorAll('.toast button')].find(b => b.textContent === 'Open it').click(); return true").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the existing article").await;
    assert_eq!(app.text("#article-title").await, "Notes on Tidal Mills");

    // An article deleted elsewhere (another window, the command line) leaves
    // the list when clicked, with a word why, instead of a raw error.
    app.click(".back-btn").await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "the library").await;
    let rows = app.js("return Array.from(document.querySelectorAll('.library-table tbody tr')).map(r => r.dataset.id)").await;
    let tides_id = app.invoke("list_articles", json!({ "query": { "search": "tidal" } })).await[0]["id"].as_str().unwrap().to_owned();
    assert!(rows.as_array().unwrap().iter().any(|r| r == tides_id.as_str()), "{rows}");
    app.invoke("delete_article", json!({ "id": tides_id })).await;
    app.clear_toasts().await;
    app.js("Array.from(document.querySelectorAll('.library-table .row-title')).find(e => e.textContent === 'Notes on Tidal Mills').click(); return true").await;
    app.wait_for_js(
        "return [...document.querySelectorAll('.toast')].some(t => t.textContent.includes('no longer in your library'))",
        "the explanation",
    )
    .await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the stale row gone").await;
    assert_eq!(app.js("return document.documentElement.dataset.view").await, "library");
    app.screenshot("72-deleted-elsewhere").await;
    app.quit().await;
}
