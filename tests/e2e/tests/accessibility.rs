//! An accessibility audit of the real app with axe-core (the engine behind
//! most browser accessibility checkers): every main view and dialog, with
//! highlights, a note and the timeline on screen. Serious and critical
//! findings fail the test; the rest are printed.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{workspace_root, App};
use serde_json::json;
use thirtyfour::prelude::*;

/// Injects axe-core once per page and audits the document.
async fn audit(app: &App, view: &str) -> Vec<String> {
    let loaded = app.js("return typeof window.axe === 'object'").await;
    if loaded != true {
        let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run npm ci in ui/)", path.display()));
        app.driver.execute(&format!("{source}\nreturn true;"), vec![]).await.expect("inject axe-core");
    }
    // Colours are checked at rest: animations and transitions are switched
    // off for the audit (a dialog fading in failed contrast halfway through).
    app.js("if (!document.getElementById('audit-still')) {
           const s = document.createElement('style'); s.id = 'audit-still';
           s.textContent = '*, *::before, *::after { animation: none !important; transition: none !important; }';
           document.head.appendChild(s);
         }
         return true;")
        .await;
    app.wait_for_js("return document.getAnimations().every(a => a.playState !== 'running')", "animations to stop").await;
    let result = app
        .driver
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' '))
             }))), e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));",
            vec![],
        )
        .await
        .expect("axe.run")
        .json()
        .clone();
    let mut serious = Vec::new();
    for v in result.as_array().cloned().unwrap_or_default() {
        let line = format!("[{view}] {} ({}): {} {:?}", v["id"], v["impact"], v["help"], v["nodes"]);
        eprintln!("{line}");
        if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
            serious.push(line);
        }
    }
    serious
}

#[tokio::test(flavor = "multi_thread")]
async fn main_views_and_dialogs_pass_an_accessibility_audit() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&dir.path().join("library")).await;
    let mut findings = Vec::new();

    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample").await;
    findings.extend(audit(&app, "library").await);

    // The sample with two highlights (one with a note) and its timeline.
    let id = app.js("return document.querySelector('.library-table tbody tr').dataset.id").await;
    let id = id.as_str().unwrap().to_owned();
    let article = app.invoke("get_article", json!({ "id": id })).await;
    let text = article["text"].as_str().unwrap();
    let cp = |needle: &str| text[..text.find(needle).unwrap_or_else(|| panic!("{needle} not in the sample"))].chars().count();
    for (phrase, note) in [("mark the passages that matter", "Why this matters."), ("timeline", "")] {
        let start = cp(phrase);
        let highlight = json!({ "articleId": id, "start": start, "end": start + phrase.chars().count(), "color": "yellow", "note": note, "tags": ["audit"] });
        app.invoke("create_highlight", json!({ "highlight": highlight })).await;
    }
    app.driver.find(By::Css(".library-table tbody tr .row-title")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.getElementById('article-body').dataset.highlights === '2'", "the highlights").await;
    app.wait_for_js("return Number(document.querySelector('.reader-timeline').dataset.events) >= 5", "the timeline").await;
    findings.extend(audit(&app, "reader").await);

    // Selecting a highlight shows the toolbar.
    app.js("document.querySelector('mark.hl').click(); return true").await;
    app.wait_for_js("return !document.querySelector('.hl-toolbar').hidden", "the toolbar").await;
    findings.extend(audit(&app, "reader with toolbar").await);
    app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();

    for (open, name) in [
        ("document.querySelector('.edit-details').click()", "details"),
        ("document.querySelector('.export-notes').click()", "export"),
        ("document.querySelector('.hide-paragraphs').click()", "clean-up mode"),
    ] {
        app.js(&format!("{open}; return true")).await;
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        findings.extend(audit(&app, name).await);
        // Escape closes a dialog or ends clean-up mode, as for a user.
        app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();
        app.wait_for_js(
            "return !document.querySelector('.dialog-backdrop') && document.querySelector('.cleanup-bar').hidden",
            "the dialog to close",
        )
        .await;
    }

    // Help and the library-wide Highlights view.
    app.driver.action_chain().send_keys(Key::F1).perform().await.unwrap();
    app.wait_for_js("return document.querySelector('.dialog-backdrop[data-dialog=help]') !== null", "help").await;
    findings.extend(audit(&app, "help").await);
    app.js("document.querySelector('.dialog-close').click(); document.querySelector('.back-btn').click(); return true").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'library'", "the library").await;
    app.js("document.querySelector(\".tab[data-tab='highlights']\").click(); return true").await;
    app.wait_for_js("return document.querySelectorAll('.hl-item').length === 2", "the highlights list").await;
    findings.extend(audit(&app, "highlights").await);

    // Dark theme: contrast is audited again.
    app.js("document.querySelector(\"button[data-theme-choice='dark']\").click(); return true").await;
    app.wait_for_js("return document.documentElement.dataset.theme === 'dark'", "the dark theme").await;
    // Colours change with a short transition.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    findings.extend(audit(&app, "highlights, dark").await);

    // The library's timeline (the sample's events), dark and light.
    app.js("document.querySelector(\".tab[data-tab='timeline']\").click(); return true").await;
    app.wait_for_js("return document.querySelectorAll('.tl-item').length >= 5", "the library timeline").await;
    findings.extend(audit(&app, "timeline, dark").await);
    app.js("document.querySelector(\"button[data-theme-choice='light']\").click(); return true").await;
    app.wait_for_js("return document.documentElement.dataset.theme === 'light'", "the light theme").await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    findings.extend(audit(&app, "timeline").await);

    app.quit().await;
    assert!(findings.is_empty(), "accessibility findings:\n{}", findings.join("\n"));
}
