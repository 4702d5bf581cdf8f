//! Highlights and margin notes in the real app: select, highlight, note,
//! alignment, undo/redo, overlap, restart, narrow window.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::time::Duration;

use common::App;
use thirtyfour::prelude::*;

async fn open_sample(app: &App) {
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 1", "the library").await;
    app.driver.find(By::Css(".library-table tbody tr .row-title")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.documentElement.dataset.view === 'reader' && document.getElementById('article-body').dataset.highlights !== undefined", "the reader").await;
}

async fn highlight_count(app: &App) -> i64 {
    app.js("return Number(document.getElementById('article-body').dataset.highlights)").await.as_i64().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn highlight_note_undo_overlap_restart_and_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let app = App::launch(&library).await;
    open_sample(&app).await;

    // Highlight a passage with the toolbar's green swatch.
    let passage = "mark the passages that matter";
    app.select_phrase(passage).await;
    app.driver.find(By::Css(".hl-toolbar .swatch[data-color='green']")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('mark.hl[data-color=green]').length > 0", "the green highlight").await;
    let marked = app.js("return Array.from(document.querySelectorAll('mark.hl[data-color=green]')).map(m => m.textContent).join('')").await;
    assert_eq!(marked, passage);

    // Add a note to it: the editor opens in the margin.
    app.driver.find(By::Css(".hl-toolbar .tb-note")).await.unwrap().click().await.unwrap();
    let input = app.driver.find(By::Css(".note-card textarea")).await.unwrap();
    input.send_keys("The *core* idea of the app.").await.unwrap();
    app.driver.find(By::Css(".note-card .note-save")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return !!document.querySelector('.note-card .note-text em')", "the rendered note").await;

    // The note sits level with its passage.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let tops = app
        .js("const m = document.querySelector('mark.hl').getBoundingClientRect(); const c = document.querySelector('.note-card').getBoundingClientRect(); return [m.top, c.top, c.left, m.right];")
        .await;
    let t: Vec<f64> = serde_json::from_value(tops).unwrap();
    let transform =
        app.js("return document.querySelector('.note-card').style.top + ' ' + document.querySelectorAll('.note-card').length").await;
    assert!((t[0] - t[1]).abs() <= 2.0, "note top {} vs passage top {} ({transform})", t[1], t[0]);
    assert!(t[2] > t[3], "the note is in the right margin");
    app.screenshot("10-highlight-and-note").await;

    // Tag the highlight from its toolbar, then remove the tag again.
    app.js("document.querySelector('mark.hl[data-color=green]').click(); return true").await;
    app.wait_for_js("return !document.querySelector('.hl-toolbar').hidden", "the highlight's toolbar").await;
    app.driver.find(By::Css(".hl-toolbar .tb-tag")).await.unwrap().click().await.unwrap();
    app.driver.find(By::Css(".hl-toolbar .tag-input")).await.unwrap().send_keys("thesis" + Key::Enter).await.unwrap();
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('.note-card .tag')).some(t => t.textContent === 'thesis')",
        "the tag on the note",
    )
    .await;
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('.hl-toolbar .toolbar-tags .tag')).some(t => t.textContent === 'thesis')",
        "the tag in the toolbar",
    )
    .await;
    app.screenshot("10b-tagged").await;
    app.driver.find(By::Css(".hl-toolbar .toolbar-tags .tag-remove")).await.unwrap().click().await.unwrap();
    app.wait_for_js(
        "return document.querySelectorAll('.note-card .tag').length === 0 && document.querySelector('.hl-toolbar .toolbar-tags').hidden",
        "the tag removed",
    )
    .await;

    // An overlapping highlight in another colour, via the keyboard shortcut 4 (pink).
    app.select_phrase("passages that matter, write notes").await;
    app.driver.action_chain().send_keys("4").perform().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('mark.hl[data-color=pink]').length > 0", "the pink highlight").await;
    assert_eq!(highlight_count(&app).await, 2);
    let nested = app.js("return document.querySelectorAll('mark.hl mark.hl, mark.hl[data-color=pink] ~ mark.hl').length + document.querySelectorAll('mark.hl mark.hl').length").await;
    assert!(nested.as_i64().unwrap() >= 1, "the overlap is drawn");
    app.screenshot("11-overlap").await;

    // Undo removes the pink one; redo brings it back.
    app.driver.action_chain().key_down(Key::Control).send_keys("z").key_up(Key::Control).perform().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('mark.hl[data-color=pink]').length === 0", "undo").await;
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .key_down(Key::Shift)
        .send_keys("z")
        .key_up(Key::Shift)
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    app.wait_for_js("return document.querySelectorAll('mark.hl[data-color=pink]').length > 0", "redo").await;
    assert_eq!(highlight_count(&app).await, 2);
    app.quit().await;

    // After a restart both highlights and the note are where they were.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let app = App::launch(&library).await;
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'reader' && document.getElementById('article-body').dataset.highlights === '2'",
        "highlights after restart",
    )
    .await;
    let marked = app.js("return Array.from(document.querySelectorAll('mark.hl[data-color=green]')).map(m => m.textContent).join('')").await;
    assert_eq!(marked, passage);
    let note = app.driver.find(By::Css(".note-card .note-text")).await.unwrap().text().await.unwrap();
    assert_eq!(note, "The core idea of the app.");
    // Reopened, the note is still level with its passage.
    let t: Vec<f64> = serde_json::from_value(
        app.js("const m = document.querySelector('mark.hl[data-color=green]').getBoundingClientRect(); const c = document.querySelector('.note-card').getBoundingClientRect(); return [m.top, c.top];").await,
    )
    .unwrap();
    assert!((t[0] - t[1]).abs() <= 2.0, "after restart: note top {} vs passage top {}", t[1], t[0]);
    app.screenshot("12-after-restart").await;

    // The library-wide Highlights view lists both; a search narrows to the
    // noted one, and clicking it opens the article at the passage.
    app.driver.find(By::Css(".back-btn")).await.unwrap().click().await.unwrap();
    app.driver.find(By::Css(".tab[data-tab='highlights']")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.hl-item').length === 2", "two highlights listed").await;
    app.driver.find(By::Css(".highlights-view input[type=search]")).await.unwrap().send_keys("core idea").await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.hl-item').length === 1", "the search result").await;
    app.screenshot("14-highlights-view").await;
    app.driver.find(By::Css(".hl-item blockquote")).await.unwrap().click().await.unwrap();
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'reader' && !!document.querySelector('mark.hl-selected')",
        "the passage selected in the reader",
    )
    .await;

    // A narrow window: notes become markers; a click opens the note.
    app.driver.set_window_rect(0, 0, 760, 760).await.unwrap();
    app.wait_for_js("return getComputedStyle(document.querySelector('.note-marker')).display !== 'none'", "the narrow layout").await;
    app.driver.find(By::Css(".note-marker")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return getComputedStyle(document.querySelector('.note-card .note-body')).display !== 'none'", "the note popover")
        .await;
    app.screenshot("13-narrow").await;
    app.quit().await;
}
