//! `sidenote-bench-capture`: saving a 1 MB page from the browser, from the
//! click on the extension's button to the article stored in the library
//! (budget: under 1 s), split into the extension's and the host's parts from
//! their own timings. Baseline in the same run: "Open URL" on the same kind of
//! page (`sidenote import URL`: fetch, extract, store).
//!
//! Drives Debian's Chromium, headless, with the built extension
//! (`extension/dist/chromium`) and the release binary as its host, through
//! the end-to-end harness (tests/browser-e2e). Prints JSON rows on stdout
//! like sidenote-bench-app. Knob: BENCH_CAPTURE_RUNS (7).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

use serde_json::{json, Value};
use sidenote_browser_e2e::{cli, pages, Browser};

const GROUP: &str = "Browser capture";
const PAGE_BYTES: usize = 1_000_000;
const BUDGET_MS: f64 = 1000.0;

/// One save, split up (ms).
#[derive(Debug, Default, Clone, Copy)]
struct Split {
    /// Click → article stored: the budget's measure.
    total: f64,
    /// Click → the popup's page begins loading (the browser opens the popup).
    popup_open: f64,
    /// Its HTML, CSS and script load and the script runs.
    popup_load: f64,
    /// The popup finds the tab and asks the background.
    ask: f64,
    /// Reading the page: the DOM serialized in the tab and handed to the background.
    capture: f64,
    /// The background builds the message.
    message: f64,
    /// The message is sent → the host's main() runs (the browser starts the process and passes 1 MB).
    host_start: f64,
    /// Inside the host, until stored.
    read: f64,
    parse: f64,
    open: f64,
    extract: f64,
    store: f64,
    /// The host's time not in the parts above.
    host_other: f64,
    /// Article stored → the reply is back in the background.
    reply: f64,
    html_bytes: f64,
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn split(clicked_at: f64, last: &Value) -> Split {
    let ext = &last["timings"]["extension"];
    let host = &last["timings"]["host"];
    let opened = num(&ext["popup_opened_at"]);
    let script = num(&ext["popup_script_at"]);
    let requested = num(&ext["requested_at"]);
    let capture = num(&ext["capture_ms"]);
    let sent_at = num(&ext["sent_at"]);
    let started = num(&host["process_started_at"]);
    let stored = num(&host["stored_at"]);
    let s = Split {
        total: stored - clicked_at,
        popup_open: opened - clicked_at,
        popup_load: script - opened,
        ask: requested - script,
        capture,
        message: sent_at - requested - capture,
        host_start: started - sent_at,
        read: num(&host["read_ms"]),
        parse: num(&host["parse_ms"]),
        open: num(&host["open_ms"]),
        extract: num(&host["extract_ms"]),
        store: num(&host["store_ms"]),
        host_other: 0.0,
        reply: sent_at + num(&ext["native_ms"]) - stored,
        html_bytes: num(&ext["html_bytes"]),
    };
    Split { host_other: (stored - started) - (s.read + s.parse + s.open + s.extract + s.store), ..s }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[(v.len() - 1) / 2]
}

fn round(v: f64) -> f64 {
    if v.abs() < 100.0 {
        (v * 10.0).round() / 10.0
    } else {
        v.round()
    }
}

fn row(name: &str, ours: Option<f64>, budget: Option<&str>, met: Option<bool>, peer: Option<(&str, f64)>, note: &str) {
    let (peer_name, peer_value) = peer.map_or((None, None), |(n, v)| (Some(n), Some(round(v))));
    let ratio = match (ours, peer) {
        (Some(o), Some((_, p))) if o > 0.0 => Some((p / o * 100.0).round() / 100.0),
        _ => None,
    };
    let line = json!({
        "group": GROUP, "name": name, "ours": ours.map(round), "unit": "ms", "budget": budget, "met": met,
        "peer": peer_name, "peer_value": peer_value, "ratio": ratio, "note": note,
    });
    println!("{line}");
}

#[tokio::main]
async fn main() -> ExitCode {
    let runs: usize = std::env::var("BENCH_CAPTURE_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(7).max(1);
    // Editions 0..=runs for the browser (0 is the unrecorded warm-up), the rest for Open URL.
    let mut served = HashMap::new();
    for edition in 0..=(2 * runs) {
        served.insert(format!("/year/{edition}"), pages::long_article(PAGE_BYTES, edition));
    }
    let base = pages::serve(served);
    let mut browser = Browser::start().await;
    let library = browser.library.clone();
    let mut splits = Vec::new();
    for edition in 0..=runs {
        browser.open(&format!("{base}/year/{edition}"), "document.readyState === 'complete'").await;
        let popup = browser.click_toolbar_button();
        let state = browser.wait_for_state(&popup, &["saved", "duplicate", "error", "not-installed", "unsupported"]);
        if state != "saved" {
            let shown = browser.popup_text(&popup);
            eprintln!("bench-capture: the save failed ({state}): {shown}");
            row(
                "Save a 1 MB page from the browser: click to article stored",
                None,
                Some("< 1000 ms"),
                None,
                None,
                &format!("failed: {shown}"),
            );
            browser.quit().await;
            return ExitCode::FAILURE;
        }
        let clicked_at = popup.clicked_at;
        browser.close_popup(popup);
        let last = browser.worker_eval("sidenoteLastSave()");
        let s = split(clicked_at, &last);
        eprintln!("bench-capture: edition {edition}: {s:?}");
        if edition > 0 {
            splits.push(s);
        }
    }
    browser.quit().await;

    // Open URL on pages of the same size, into the same library.
    let mut open_url = Vec::new();
    for edition in runs + 1..=2 * runs {
        let began = Instant::now();
        let out = cli(&library, &["import", &format!("{base}/year/{edition}")]);
        assert!(out.status.success(), "Open URL failed: {}", String::from_utf8_lossy(&out.stderr));
        open_url.push(began.elapsed().as_secs_f64() * 1e3);
    }

    let m = |f: fn(&Split) -> f64| median(splits.iter().map(f).collect());
    let total = m(|s| s.total);
    let max = splits.iter().map(|s| s.total).fold(f64::NAN, f64::max);
    let note = format!(
        "median of {runs} saves after one warm-up, {:.0} bytes of HTML; click (devtools Extensions.triggerAction) -> stored (the host's clock): \
         the browser opens the popup {:.0} ms, its page loads {:.0}, it asks the background {:.0}, the page is read (DOM serialized, to the \
         background) {:.0}, message built {:.0}, the browser starts the host and passes the message {:.0}; in the host: message read {:.0}, \
         JSON {:.0}, library opened {:.0}, extraction and sanitizing {:.0}, duplicate check and store {:.0}, other {:.0}; then the reply back {:.0}; \
         max {:.0} ms. Release build, headless Chromium; Open URL = sidenote import URL, process start to exit",
        m(|s| s.html_bytes),
        m(|s| s.popup_open),
        m(|s| s.popup_load),
        m(|s| s.ask),
        m(|s| s.capture),
        m(|s| s.message),
        m(|s| s.host_start),
        m(|s| s.read),
        m(|s| s.parse),
        m(|s| s.open),
        m(|s| s.extract),
        m(|s| s.store),
        m(|s| s.host_other),
        m(|s| s.reply),
        max,
    );
    row(
        "Save a 1 MB page from the browser: click to article stored",
        Some(total),
        Some("< 1000 ms"),
        Some(total < BUDGET_MS),
        Some(("Open URL on the same page (sidenote import URL)", median(open_url.clone()))),
        &note,
    );
    let extension = m(|s| s.popup_open + s.popup_load + s.ask + s.capture + s.message);
    row(
        "… of which the browser and the extension (popup, reading the page)",
        Some(extension),
        None,
        None,
        None,
        "median; the popup opening and loading, and the DOM serialized in the tab and handed to the background",
    );
    let messaging = m(|s| s.host_start + s.read + s.host_other);
    row(
        "… of which native messaging (host start, message transfer)",
        Some(messaging),
        None,
        None,
        None,
        "median; the browser starting the host process and the 1 MB message reaching it",
    );
    let host = m(|s| s.parse + s.open + s.extract + s.store);
    row(
        "… of which the host's import (JSON, library, extract, store)",
        Some(host),
        None,
        None,
        None,
        "median; the same pipeline as every import",
    );
    eprintln!("bench-capture: Open URL runs (ms): {open_url:?}");
    ExitCode::SUCCESS
}
