//! The XSS corpus in the real app: every vector (tests/security/xss-vectors.txt)
//! is imported, 20 to an article; each article is opened, scrolled, its links
//! hovered and clicked, and nothing may happen: no script sentinel, no dialog,
//! no navigation, no request beyond the images the sanitizer kept, and no IPC
//! call the reader does not make itself (the app logs every command it serves
//! to SIDENOTE_IPC_LOG).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;
// The corpus reader of the core tests, so that both read the file the same way.
#[path = "../../../src-tauri/core/tests/xss_support/corpus.rs"]
mod xss_corpus;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::App;
use thirtyfour::prelude::*;
use xss_corpus::{load_vectors, Vector};

const BATCH: usize = 20;

/// What the reader calls by itself when an article is opened, scrolled, its
/// links clicked (`open_external`) and the library shown again. Anything else
/// (an import, a delete, a write) would have come from the article.
const READER_CALLS: &[&str] = &[
    "get_article",
    "list_article_highlights",
    "list_orphaned_highlights",
    "list_events",
    "hidden_paragraphs",
    "open_external",
    "list_articles",
    // The library's total, counted apart from its first page.
    "count_articles",
    "library_info",
    "get_settings",
    "list_highlight_tags",
    // Remembers the open article ("lastArticle") to reopen it at the next start.
    "set_setting",
    // Remembers where the reader is in the article once scrolling stops.
    "set_reading_position",
    // The notes on the whole article, shown above its text.
    "list_article_notes",
    // What the clean-up left out, for "Show what was removed".
    "removed_blocks",
    // The header's sync indicator asks for sync's state once at start (read-only).
    "sync_overview",
];

/// The corpus with {TRAP} and {TRAPHOST} pointing at this test's trap server.
fn vectors_trapped_at(trap_host: &str) -> Vec<Vector> {
    load_vectors(&format!("http://{trap_host}"), trap_host)
}

fn title(batch: usize) -> String {
    format!("Canal notes e2e {batch}")
}

fn article_page(batch: usize, vectors: &[&Vector]) -> String {
    let t = title(batch);
    let mut body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head><body><article><h1>{t}</h1>\
         <p>Batch {batch} begins on the towpath, where the willows lean over the water and the moored boats creak in the wind.</p>\
         <p>The lock keeper of batch {batch} writes every passing boat in a ledger, and links to <a href=\"https://example.org/locks\">a page about locks</a>.</p>"
    );
    for v in vectors {
        // Prose around each vector, so that the readability pass keeps it in the article.
        body.push_str(&format!(
            "<div><p>Vector {i} of family {f} comes next, set among ordinary sentences so that the page reads as an article.</p>{p}\
             <p>After vector {i} the towpath goes on past the lock, the mill and the old brewery yard.</p></div>",
            i = v.index,
            f = v.family,
            p = v.payload
        ));
    }
    body.push_str(&format!(
        "<p>Batch {batch} ends at the basin, where a cafe sells tea to walkers and cyclists.</p></article></body></html>"
    ));
    body
}

/// A server on 127.0.0.1 that records every request path and answers 404.
fn trap_server() -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let host = format!("127.0.0.1:{}", listener.local_addr().unwrap().port());
    let hits = Arc::new(Mutex::new(Vec::new()));
    let recorded = hits.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            recorded.lock().unwrap().push(request.split_whitespace().nth(1).unwrap_or("").to_owned());
            let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    });
    (host, hits)
}

/// Starts the app on `library`, logging every command it serves to `log`.
async fn launch_logging_ipc(library: &Path, log: &Path) -> App {
    App::launch_with_env(library, &[], &[("SIDENOTE_IPC_LOG", log.as_os_str())]).await
}

fn ipc_calls(log: &Path) -> Vec<String> {
    std::fs::read_to_string(log).unwrap_or_default().lines().map(str::to_owned).collect()
}

/// What a vector could have done to the page, read after the article was used.
const PAGE_STATE: &str = "
    const body = document.getElementById('article-body');
    const allowed = new Set(['P','H1','H2','H3','H4','H5','H6','PRE','BLOCKQUOTE','UL','OL','LI','DL','DT','DD','FIGURE',
      'FIGCAPTION','TABLE','CAPTION','THEAD','TBODY','TFOOT','TR','TD','TH','HR','A','EM','STRONG','B','I','U','S','CODE',
      'SUB','SUP','MARK','SMALL','CITE','Q','ABBR','DEL','INS','KBD','VAR','IMG']);
    const attrs = new Set(['data-o','href','title','rel','src','alt','referrerpolicy','loading','colspan','rowspan','start']);
    const stray = [];
    for (const el of body.querySelectorAll('*')) {
      if (!allowed.has(el.tagName)) stray.push('<' + el.tagName + '>');
      for (const a of el.attributes) if (!attrs.has(a.name)) stray.push(el.tagName + '[' + a.name + ']');
      const url = el.getAttribute('href') ?? el.getAttribute('src');
      if (url !== null && !/^(https?:|mailto:)/i.test(url)) stray.push(el.tagName + ' url ' + url);
    }
    return {
      xss: typeof window.__xss,
      title: document.title,
      invoke: typeof window.__TAURI_INTERNALS__?.invoke,
      bodies: document.querySelectorAll('#article-body').length,
      frames: window.frames.length,
      stray,
      images: Array.from(body.querySelectorAll('img')).map(i => i.getAttribute('src')),
    };";

#[tokio::test(flavor = "multi_thread")]
async fn hostile_articles_do_nothing_in_the_reader() {
    let (trap_host, hits) = trap_server();
    let all = vectors_trapped_at(&trap_host);
    // A NUL byte makes a file binary: the importer refuses it (tested in core).
    let vectors: Vec<&Vector> = all.iter().filter(|v| !v.payload.contains('\0')).collect();
    eprintln!("{} vectors ({} with a NUL byte are refused at import and left to the core tests)", vectors.len(), all.len() - vectors.len());
    let batches: Vec<&[&Vector]> = vectors.chunks(BATCH).collect();

    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let mut files = Vec::new();
    for (k, batch) in batches.iter().enumerate() {
        let path = dir.path().join(format!("batch-{k}.html"));
        std::fs::write(&path, article_page(k, batch)).unwrap();
        files.push(path);
    }
    // Images stay links: nothing may be fetched, from the trap or anywhere.
    let mut import = vec!["import", "--no-images"];
    import.extend(files.iter().map(|f| f.to_str().unwrap()));
    common::cli(&library, &import);

    let log = dir.path().join("ipc.log");
    let app = launch_logging_ipc(&library, &log).await;
    app.wait_for_js(&format!("return document.querySelectorAll('.library-table tbody tr').length >= {}", batches.len()), "the library")
        .await;
    let rows_before = app.js("return document.querySelectorAll('.library-table tbody tr').length").await;
    let home_url = app.driver.current_url().await.unwrap();
    let home_title = app.js("return document.title").await;
    let mut unexpected: BTreeMap<String, usize> = BTreeMap::new();
    let mut clicks_total = 0;

    for k in 0..batches.len() {
        let calls_before = ipc_calls(&log).len();
        // Found and clicked in one script: the library re-renders its rows
        // when it reloads after the reader, which made a found element stale.
        app.wait_for_js(
            &format!(
                "const row = Array.from(document.querySelectorAll('.library-table .row-title')).find(e => e.textContent === {});
                 if (!row) return false;
                 row.scrollIntoView({{ block: 'center' }});
                 row.click();
                 return true;",
                serde_json::to_string(&title(k)).unwrap()
            ),
            "the article's row in the library",
        )
        .await;
        app.wait_for_js(
            "return document.documentElement.dataset.view === 'reader' && document.getElementById('article-body').dataset.highlights !== undefined",
            "the reader",
        )
        .await;

        // Read it: scroll to the end, point at every block, image and link, click the links.
        app.js("const s = document.querySelector('.reader-scroll'); s.scrollTop = 0; return true").await;
        loop {
            let at_end = app.js("const s = document.querySelector('.reader-scroll'); s.scrollTop += 400; return s.scrollTop + s.clientHeight >= s.scrollHeight - 2").await;
            tokio::time::sleep(Duration::from_millis(40)).await;
            if at_end == serde_json::Value::Bool(true) {
                break;
            }
        }
        for el in app
            .driver
            .find_all(By::Css("#article-body p, #article-body li, #article-body td, #article-body img, #article-body a"))
            .await
            .unwrap()
        {
            if el.scroll_into_view().await.is_ok() {
                let _ = app.driver.action_chain().move_to_element_center(&el).perform().await;
            }
        }
        let links = app.driver.find_all(By::Css("#article-body a[href]")).await.unwrap();
        let opened_since = |calls: &[String]| calls[calls_before..].iter().filter(|c| *c == "open_external").count();
        for (n, link) in links.iter().enumerate() {
            link.scroll_into_view().await.unwrap();
            // The last click's toast may come after the wait below gave up
            // (a CI run beside a build lost a click to one): none may cover this link.
            app.clear_toasts().await;
            if link.click().await.is_err() {
                // Covered by something (a toast): click it the way a script would.
                app.driver.execute("arguments[0].click()", vec![link.to_json().unwrap()]).await.unwrap();
            }
            clicks_total += 1;
            // The app answers a click with open_external and then, as this
            // headless session has no browser, an error toast. Both are
            // waited for before the next click: a toast arriving late could
            // cover the next link and take its click (seen in CI).
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            while opened_since(&ipc_calls(&log)) <= n && std::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            let deadline = std::time::Instant::now() + Duration::from_secs(2);
            while app.js("return !!document.querySelector('.toast')").await != serde_json::Value::Bool(true)
                && std::time::Instant::now() < deadline
            {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            app.clear_toasts().await;
        }
        if k == 0 {
            app.js("document.querySelector('.reader-scroll').scrollTop = 300; return true").await;
            app.screenshot("60-xss-batch-0").await;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;

        // Nothing happened.
        let what = format!("batch {k} (vectors {}..={})", batches[k][0].index, batches[k][batches[k].len() - 1].index);
        assert!(app.driver.get_alert_text().await.is_err(), "{what}: a dialog opened");
        assert_eq!(app.driver.current_url().await.unwrap(), home_url, "{what}: the window navigated");
        let state = app.js(PAGE_STATE).await;
        assert_eq!(state["xss"], "undefined", "{what}: a script set the sentinel");
        assert_eq!(state["title"], home_title, "{what}: the document title changed");
        assert_eq!(state["invoke"], "function", "{what}: the IPC bridge was clobbered");
        assert_eq!(state["bodies"], 1, "{what}: a second #article-body appeared");
        assert_eq!(state["frames"], 0, "{what}: a frame was created");
        assert_eq!(state["stray"], serde_json::json!([]), "{what}: markup outside the allowlist reached the reader");
        let images: Vec<String> = serde_json::from_value(state["images"].clone()).unwrap();
        for path in hits.lock().unwrap().drain(..) {
            assert!(
                images.iter().any(|src| src.ends_with(&path)),
                "{what}: the page requested {path} from the trap server, which is not an image it shows"
            );
        }
        // Clicks reach the app asynchronously: give the last ones time to land.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while opened_since(&ipc_calls(&log)) < links.len() && std::time::Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let calls = ipc_calls(&log);
        let new_calls = &calls[calls_before..];
        let opened = opened_since(&calls);
        assert_eq!(opened, links.len(), "{what}: open_external ran {opened} times for {} link clicks", links.len());
        for call in new_calls {
            if !READER_CALLS.contains(&call.as_str()) {
                *unexpected.entry(format!("{what}: {call}")).or_default() += 1;
            }
        }
        assert!(unexpected.is_empty(), "commands the reader never calls were invoked: {unexpected:?}");

        app.click(".back-btn").await;
        app.wait_for_js("return document.documentElement.dataset.view === 'library'", "the library").await;
    }

    let rows_after = app.js("return document.querySelectorAll('.library-table tbody tr').length").await;
    assert_eq!(rows_after, rows_before, "an article was added or removed while reading");
    eprintln!(
        "{} vectors in {} articles opened; {clicks_total} link clicks; {} IPC calls, all expected",
        vectors.len(),
        batches.len(),
        ipc_calls(&log).len()
    );
    app.quit().await;
}

/// Waits for the error toast (`what`) and checks that it refuses `scheme`.
async fn assert_refused(app: &App, scheme: &str, what: &str) {
    app.wait_for_js("return !!document.querySelector('.toast-error')", what).await;
    let message = app.js("return document.querySelector('.toast-error .toast-text').textContent").await;
    assert_eq!(message, format!("Links with the \"{scheme}:\" scheme are not opened; only web and mail links are"));
}

/// Only http, https and mailto leave the app; any other scheme is refused
/// with a message the reader sees, whether it comes from a click in the
/// article or from a navigation of the window.
#[tokio::test(flavor = "multi_thread")]
async fn links_with_other_schemes_are_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("ipc.log");
    let app = launch_logging_ipc(&dir.path().join("library"), &log).await;
    app.open_the_sample().await;
    let home_url = app.driver.current_url().await.unwrap();

    // Links the sanitizer would never keep, planted by the test, clicked for real.
    for (scheme, href) in [("file", "file:///etc/hostname"), ("ftp", "ftp://example.org/x"), ("tauri", "tauri://localhost/")] {
        app.js(&format!(
            "const a = document.createElement('a'); a.href = {href:?}; a.id = 'planted'; a.textContent = 'planted link';
             document.querySelector('#article-body p').prepend(a); return true"
        ))
        .await;
        app.click("#planted").await;
        assert_refused(&app, scheme, "the refusal message").await;
        app.js("document.getElementById('planted').remove(); document.querySelectorAll('.toast').forEach(t => t.remove()); return true")
            .await;
    }
    assert_eq!(ipc_calls(&log).iter().filter(|c| *c == "open_external").count(), 3, "each click asks the app, which refuses");

    // A navigation of the window itself is cancelled by the guard, with the same message.
    for (scheme, href) in [("ftp", "ftp://example.org/x"), ("sidenote-test", "sidenote-test:somewhere")] {
        app.js(&format!("window.location.href = {href:?}; return true")).await;
        assert_refused(&app, scheme, "the navigation refusal").await;
        assert_eq!(app.driver.current_url().await.unwrap(), home_url, "the window must not navigate to {href}");
        if scheme == "ftp" {
            app.screenshot("61-link-refused").await;
        }
        app.clear_toasts().await;
    }
    // A local file is not loaded either (WebKit refuses it before the guard): nothing happens.
    app.js("window.location.href = 'file:///etc/hostname'; return true").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(app.driver.current_url().await.unwrap(), home_url, "the window must not navigate to a file");
    app.quit().await;
}

/// The second wall on its own: every vector planted raw into the reader,
/// bypassing the importer entirely, and still no script runs, because the CSP
/// allows no inline script, handler, `javascript:` URL, frame or plugin.
/// (DOM clobbering is left out: only the sanitizer's allowlist stops that.)
#[tokio::test(flavor = "multi_thread")]
async fn the_csp_alone_stops_unsanitized_vectors() {
    let (trap_host, _hits) = trap_server();
    let vectors: Vec<Vector> =
        vectors_trapped_at(&trap_host).into_iter().filter(|v| v.family != "clobber" && !v.payload.contains('\0')).collect();
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("ipc.log");
    let app = launch_logging_ipc(&dir.path().join("library"), &log).await;
    app.open_the_sample().await;
    let home_url = app.driver.current_url().await.unwrap();
    let home_title = app.js("return document.title").await;
    let calls_before = ipc_calls(&log).len();

    let payloads: Vec<String> = vectors.iter().map(|v| format!("<div>{}</div>", v.payload)).collect();
    app.driver
        .execute(
            "document.getElementById('article-body').innerHTML = arguments[0]; return true",
            vec![serde_json::json!(payloads.join(""))],
        )
        .await
        .unwrap();
    for el in app.driver.find_all(By::Css("#article-body a, #article-body p, #article-body img, #article-body svg *")).await.unwrap() {
        if el.scroll_into_view().await.is_ok() {
            let _ = app.driver.action_chain().move_to_element_center(&el).perform().await;
            let _ = el.click().await;
        }
        app.clear_toasts().await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;

    assert!(app.driver.get_alert_text().await.is_err(), "a dialog opened");
    assert_eq!(app.driver.current_url().await.unwrap(), home_url, "the window navigated");
    let state =
        app.js("return { xss: typeof window.__xss, title: document.title, invoke: typeof window.__TAURI_INTERNALS__?.invoke }").await;
    assert_eq!(state["xss"], "undefined", "a planted vector ran script");
    assert_eq!(state["title"], home_title, "a planted vector changed the title");
    assert_eq!(state["invoke"], "function");
    let calls = ipc_calls(&log);
    let stray: Vec<&String> = calls[calls_before..].iter().filter(|c| !READER_CALLS.contains(&c.as_str())).collect();
    assert!(stray.is_empty(), "planted vectors made IPC calls: {stray:?}");
    eprintln!("{} vectors planted raw under the CSP: nothing ran", vectors.len());
    app.quit().await;
}
