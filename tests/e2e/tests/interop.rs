//! Notes from other tools in the real app: a Hypothesis file imported through
//! the CLI shows its page note above the article, the reader writes a note of
//! their own there, and an Omnivore export imports through the command the
//! Import Notes dialog calls.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{cli, workspace_root, App};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn imported_page_notes_show_above_the_article_and_new_ones_are_written_there() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let file = dir.path().join("hypothesis.json");
    let rows = json!({"total": 2, "rows": [
        {"id": "e2e-1", "uri": "https://tides.example/essay", "text": "Read this beside the harbour log.",
         "created": "2025-02-01T10:00:00Z", "document": {"title": ["Tides"]}, "target": [{"source": "https://tides.example/essay"}]},
        {"id": "e2e-2", "uri": "https://tides.example/essay", "text": "The key line.", "created": "2025-02-01T10:05:00Z",
         "document": {"title": ["Tides"]},
         "target": [{"source": "https://tides.example/essay", "selector": [{"type": "TextQuoteSelector", "exact": "The tide turned at noon and the boats came home."}]}]}
    ]});
    std::fs::write(&file, rows.to_string()).unwrap();
    let report: serde_json::Value = serde_json::from_str(&cli(&library, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!((report["format"].as_str(), report["notesAdded"].as_u64()), (Some("hypothesis"), Some(1)));

    let app = App::launch(&library).await;
    app.wait_for_js(
        "return [...document.querySelectorAll('.library-table .row-title')].some(e => e.textContent === 'Tides')",
        "the article",
    )
    .await;
    app.js("[...document.querySelectorAll('.library-table .row-title')].find(e => e.textContent === 'Tides').click(); return null").await;
    app.wait_for_js(
        "const s = document.querySelector('.article-notes'); return !!s && !s.hidden && s.textContent.includes('Read this beside the harbour log.')",
        "the page note above the article",
    )
    .await;
    assert_eq!(app.text(".article-notes h2").await, "Note on this article");
    app.wait_for_js("return document.getElementById('article-body').dataset.highlights === '1'", "the highlight").await;
    app.screenshot("60-article-notes").await;

    // The reader's own note, written in the section.
    app.click(".add-article-note").await;
    app.wait_for_js("return document.activeElement?.classList.contains('article-note-input') === true", "the note editor").await;
    app.js("const a = document.querySelector('.article-note-input'); a.value = 'Ask about the spring tides.'; return null").await;
    app.screenshot("61-article-note-editing").await;
    app.click(".article-note-save").await;
    app.wait_for_js("return document.querySelectorAll('.article-note-text').length === 2", "the new note").await;
    assert_eq!(app.text(".article-notes h2").await, "Notes on this article (2)");
    // The margin note moved down with its highlight when the section grew.
    app.wait_for_js(
        "const m = document.querySelector('mark.hl').getBoundingClientRect(); const c = document.querySelector('.note-card').getBoundingClientRect(); return Math.abs(m.top - c.top) < 24",
        "the margin note beside its highlight",
    )
    .await;
    app.screenshot("62-article-notes-two").await;
    let articles = app.invoke("list_articles", json!({ "query": { "search": "Tides", "sort": "imported", "descending": true } })).await;
    let article = articles[0]["id"].as_str().unwrap().to_owned();
    let notes = app.invoke("list_article_notes", json!({ "articleId": article })).await;
    let texts: Vec<&str> = notes.as_array().unwrap().iter().map(|n| n["note"].as_str().unwrap()).collect();
    assert_eq!(texts, ["Read this beside the harbour log.", "Ask about the spring tides."]);

    // An Omnivore export, through the Import Notes command.
    let zip = workspace_root().join("fuzz/seeds/notes_omnivore/export.zip");
    let r = app.invoke("import_notes", json!({ "path": zip.to_str().unwrap() })).await;
    assert_eq!(
        (r["format"].as_str(), r["articlesAdded"].as_u64(), r["highlightsAdded"].as_u64()),
        (Some("omnivore"), Some(2), Some(3)),
        "{r}"
    );
    app.quit().await;
}
