//! Export from the real app: the dialog's preview, then a file written through
//! the same command the dialog's Save button calls.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::App;
use serde_json::json;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn export_dialog_previews_and_writes_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&dir.path().join("library")).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample").await;
    app.driver.find(By::Css(".library-table tbody tr .row-title")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.getElementById('article-body').dataset.highlights === '0'", "the reader").await;

    // A highlight with a note, made through the app's commands.
    let list = app.invoke("list_articles", json!({ "query": { "search": "", "sort": "imported", "descending": true } })).await;
    let article = list[0]["id"].as_str().unwrap().to_owned();
    let hl = app
        .invoke("create_highlight", json!({ "highlight": { "articleId": article, "start": 0, "end": 8, "color": "blue", "note": "Where it starts.", "tags": ["intro"] } }))
        .await;
    assert_eq!(hl["color"], "blue");

    // The dialog's preview is the Markdown export.
    app.driver.find(By::Css(".export-notes")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return (document.querySelector('.export-preview')?.value || '').includes('Where it starts.')", "the preview").await;
    let preview: String = serde_json::from_value(app.js("return document.querySelector('.export-preview').value").await).unwrap();
    assert!(preview.starts_with("---\n"), "{preview}");
    assert!(preview.contains("title: Welcome to Sidenote") || preview.contains("title: \"Welcome to Sidenote\""), "{preview}");
    assert!(preview.contains("> Sidenote"), "{preview}");
    app.screenshot("30-export-dialog").await;

    // The timeline formats are in the dialog's list and preview as CSV / TimelineJS JSON.
    app.js(
        "const s = document.getElementById('export-format'); s.value = 'timeline-csv'; s.dispatchEvent(new Event('change')); return null",
    )
    .await;
    app.wait_for_js(
        "return (document.querySelector('.export-preview')?.value || '').startsWith('date,precision,label,quote,article')",
        "the timeline CSV preview",
    )
    .await;
    app.js(
        "const s = document.getElementById('export-format'); s.value = 'timeline-json'; s.dispatchEvent(new Event('change')); return null",
    )
    .await;
    app.wait_for_js(
        "try { return Array.isArray(JSON.parse(document.querySelector('.export-preview').value).events) } catch { return false }",
        "the TimelineJS preview",
    )
    .await;
    app.screenshot("31-export-timeline").await;

    // Save writes the same content to the chosen file.
    let out = dir.path().join("notes.md");
    let written = app.invoke("export_to_path", json!({ "ids": [article], "format": "md", "path": out.to_str().unwrap() })).await;
    assert_eq!(written.as_array().unwrap().len(), 1);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), preview);
    app.quit().await;
}
