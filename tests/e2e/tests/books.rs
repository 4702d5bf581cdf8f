//! A book in the real app: imported from an EPUB we build, read with its
//! table of contents, its picture shown from the library (no remote load),
//! a footnote link followed, a highlight made in chapter 3, and the book
//! opened again, after a restart too, where the reader left it.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{cli, App};
use sidenote_epub_builder::long_book;
use thirtyfour::prelude::*;

/// True when the block containing `text` is inside the reader's viewport.
fn passage_in_view(text: &str) -> String {
    format!(
        "const p = Array.from(document.querySelectorAll('#article-body [data-o]')).find(p => p.textContent.includes({text:?}));
         if (!p || !p.getClientRects().length) return false;
         const r = p.getBoundingClientRect(), s = document.querySelector('.reader-scroll').getBoundingClientRect();
         return r.bottom > s.top && r.top < s.bottom;"
    )
}

async fn open_book(app: &App) {
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 1", "the book in the library").await;
    app.js(
        "const row = Array.from(document.querySelectorAll('.library-table tbody tr .row-title')).find(t => t.textContent.includes('A History of the Harbour'));
         row.click(); return true",
    )
    .await;
    app.wait_for_js(
        "return document.documentElement.dataset.view === 'reader' && document.getElementById('article-body').dataset.highlights !== undefined",
        "the reader",
    )
    .await;
}

const CHAPTER_3_PHRASE: &str = "in chapter 3, paragraph 4, line 2";

#[tokio::test(flavor = "multi_thread")]
async fn a_book_reads_with_contents_images_links_and_its_place_kept() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let file = dir.path().join("harbour.epub");
    std::fs::write(&file, long_book(6).build()).unwrap();
    cli(&library, &["import", file.to_str().unwrap()]);

    let app = App::launch(&library).await;
    open_book(&app).await;
    assert_eq!(app.text("#article-title").await, "A History of the Harbour");

    // The picture comes from the library through the app's protocol, decoded.
    app.wait_for_js(
        "const img = document.querySelector('#article-body img');
         return !!img && img.src.includes('sidenote-img') && img.complete && img.naturalWidth === 480",
        "the book's picture drawn from the library",
    )
    .await;
    let remote = app
        .js("return performance.getEntriesByType('resource').filter(e => /^https?:/.test(e.name) && !e.name.includes('localhost')).length")
        .await;
    assert_eq!(remote, 0, "nothing is fetched from the web");
    assert_eq!(app.text("#article-body figcaption").await, "The harbour at low tide, drawn from the sea wall.");
    app.screenshot("books-01-reader").await;

    // The contents, by keyboard: Ctrl+Shift+O opens it on the current chapter.
    app.driver
        .action_chain()
        .key_down(Key::Control)
        .key_down(Key::Shift)
        .send_keys("o")
        .key_up(Key::Shift)
        .key_up(Key::Control)
        .perform()
        .await
        .unwrap();
    app.wait_for_js("return !document.querySelector('.reader-contents').hidden", "the contents panel").await;
    let entries =
        app.js("return Array.from(document.querySelectorAll('.contents-entry')).map(e => e.textContent + '|' + e.dataset.level)").await;
    let entries: Vec<String> = serde_json::from_value(entries).unwrap();
    assert_eq!(entries.len(), 12, "six chapters and a section in each: {entries:?}");
    assert_eq!(entries[0], "Chapter 1: Low Water|1");
    assert_eq!(entries[1], "The year 1850|2");
    assert_eq!(app.js("return document.activeElement.textContent").await, "Chapter 1: Low Water", "focus on the current entry");
    // A click on chapter 3 goes there, and the panel marks it.
    app.js(
        "Array.from(document.querySelectorAll('.contents-entry')).find(e => e.textContent.startsWith('Chapter 3')).click(); return true",
    )
    .await;
    app.wait_for_js(&passage_in_view("Chapter 3: Rebuilding"), "chapter 3 in view").await;
    app.wait_for_js(
        "return document.querySelector('.contents-entry[aria-current]')?.textContent.startsWith('Chapter 3')",
        "chapter 3 marked",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.screenshot("books-02-contents").await;
    app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();
    app.wait_for_js("return document.querySelector('.reader-contents').hidden", "the contents closed").await;

    // A highlight in chapter 3.
    app.select_phrase(CHAPTER_3_PHRASE).await;
    app.driver.find(By::Css(".hl-toolbar .swatch[data-color='green']")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('mark.hl[data-color=green]').length > 0", "the highlight").await;
    app.wait_for_js(&passage_in_view(CHAPTER_3_PHRASE), "the highlight in view").await;
    // The position is saved a second after scrolling stops.
    tokio::time::sleep(std::time::Duration::from_millis(1600)).await;

    // Back to the library and in again: the same place.
    app.click(".back-btn").await;
    open_book(&app).await;
    app.wait_for_js(&passage_in_view(CHAPTER_3_PHRASE), "the book reopened at chapter 3").await;
    assert!(!app.js(&passage_in_view("Chapter 1: Low Water")).await.as_bool().unwrap(), "not at the start");

    // The footnote reference in chapter 2 leads to its note, and back.
    app.js("document.querySelector('#article-body a[data-to]').click(); return true").await;
    app.wait_for_js(&passage_in_view("The customs ledgers for these years"), "the note").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.js("Array.from(document.querySelectorAll('#article-body a[data-to]')).pop().click(); return true").await;
    app.wait_for_js(&passage_in_view("in chapter 2, paragraph 3, line 4"), "back at the reference").await;

    // Left at chapter 3 again, then the app restarts: still chapter 3.
    app.js(
        "Array.from(document.querySelectorAll('.contents-entry')).find(e => e.textContent.startsWith('Chapter 3')).click(); return true",
    )
    .await;
    app.wait_for_js(&passage_in_view(CHAPTER_3_PHRASE), "chapter 3 in view").await;
    tokio::time::sleep(std::time::Duration::from_millis(1600)).await;
    app.quit().await;
    let app = App::launch(&library).await;
    if app.js("return document.documentElement.dataset.view").await != "reader" {
        open_book(&app).await;
    }
    app.wait_for_js("return document.querySelectorAll('mark.hl[data-color=green]').length > 0", "the highlight after restart").await;
    app.wait_for_js(&passage_in_view(CHAPTER_3_PHRASE), "the book reopened at chapter 3 after a restart").await;
    app.quit().await;
}
