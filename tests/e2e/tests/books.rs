//! A book in the real app: imported from an EPUB we build, read with its
//! table of contents, its picture shown from the library (no remote load),
//! a footnote link followed, a highlight made in chapter 3, and the book
//! opened again, after a restart too, where the reader left it.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{cli, App};
use sidenote_epub_builder::{long_book, Chapter, EpubBook};
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

    // Back to the library: the book's row says how far in it is read
    // (its remembered position over its text), as a bar and in words.
    app.click(".back-btn").await;
    app.wait_for_js("return !!document.querySelector('.library-table .row-progress')", "the book's progress in the library").await;
    let id = app.js("return document.querySelector('.library-table tbody tr').dataset.id").await;
    let article = app.invoke("get_article", serde_json::json!({ "id": id })).await;
    let length = article["text"].as_str().unwrap().chars().count() as f64;
    let percent = (article["position"].as_f64().unwrap() / length * 100.0).floor();
    assert!((10.0..90.0).contains(&percent), "chapter 3 of 6 is partway: {percent}%");
    let shown = app.js("return document.querySelector('.library-table .row-progress').textContent").await;
    assert_eq!(shown, format!("{percent}% read"), "the percentage, and 'read' for screen readers");
    let label = app.js("return document.querySelector('.library-table tbody tr').getAttribute('aria-label')").await;
    assert_eq!(label, format!("A History of the Harbour, by Ada Wren, {percent}% read"));
    let width = app.js("return document.querySelector('.row-progress-fill').getBoundingClientRect().width / document.querySelector('.row-progress-bar').getBoundingClientRect().width").await;
    assert!((width.as_f64().unwrap() * 100.0 - percent).abs() < 2.0, "the bar is filled to the percentage: {width}");
    assert_eq!(app.js("return document.querySelector('.hl-toolbar').hidden").await, true, "the highlight toolbar stays with the reader");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot("books-03-library-progress").await;

    // In again: the same place.
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

    // The timeline by chapter: each chapter's heading over its own events
    // (chapter N tells of the spring of 1849 + N); by date again, one timeline.
    app.wait_for_js("return document.querySelectorAll('.timeline-event').length >= 6", "the book's timeline").await;
    app.click(".timeline-by-chapter").await;
    app.wait_for_js("return document.querySelectorAll('.timeline-chapter').length >= 6", "the chapters in the timeline").await;
    let grouped = app
        .js("return Array.from(document.querySelectorAll('.timeline-chapter-title, .timeline-event .timeline-date')).map(e => (e.classList.contains('timeline-chapter-title') ? '# ' : '') + e.textContent)")
        .await;
    let grouped: Vec<String> = serde_json::from_value(grouped).unwrap();
    for n in 1..=6 {
        let heading =
            grouped.iter().position(|t| t.starts_with(&format!("# Chapter {n}:"))).unwrap_or_else(|| panic!("chapter {n}: {grouped:?}"));
        let year = (1849 + n).to_string();
        let next = grouped[heading + 1..].iter().position(|t| t.starts_with("# ")).map_or(grouped.len(), |i| heading + 1 + i);
        assert!(grouped[heading + 1..next].iter().any(|t| t.contains(&year)), "{year} under chapter {n}: {grouped:?}");
    }
    assert_eq!(app.js("return document.querySelector('.timeline-by-chapter').getAttribute('aria-pressed')").await, "true");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot("books-04-timeline-by-chapter").await;
    // The toggle is a saved preference: still on after a restart.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.quit().await;
    let app = App::launch(&library).await;
    if app.js("return document.documentElement.dataset.view").await != "reader" {
        open_book(&app).await;
    }
    app.wait_for_js("return document.querySelectorAll('.timeline-chapter').length >= 6", "the chapters kept after a restart").await;
    assert_eq!(app.js("return document.querySelector('.timeline-by-chapter').getAttribute('aria-pressed')").await, "true");
    app.click(".timeline-by-chapter").await;
    app.wait_for_js("return document.querySelectorAll('.timeline-chapter').length === 0", "one timeline by date").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_vertical_writing_book_reads_horizontally_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let file = dir.path().join("tides.epub");
    let mut book = EpubBook::new(3, "潮の本");
    book.language = "ja".into();
    book.page_progression = Some("rtl".into());
    let css = "html { writing-mode: vertical-rl; -epub-writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; }";
    let book = book
        .resource("style.css", "text/css", css.as_bytes().to_vec())
        .chapter(Chapter::new(
            "a.xhtml",
            "第一章",
            "<div style=\"writing-mode: vertical-rl\"><h1>第一章　満ち潮</h1><p>朝の潮は静かに岸へ寄せ、舟は砂の上で眠っていた。</p><p>一九九九年五月二日、港の灯台が新しくなった。</p></div>",
        ))
        .chapter(Chapter::new("b.xhtml", "第二章", "<h1>第二章　引き潮</h1><p>夕方には水が遠くまで引いた。</p>"));
    std::fs::write(&file, book.build()).unwrap();
    cli(&library, &["import", file.to_str().unwrap()]);

    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 1", "the book in the library").await;
    app.click(".library-table tbody tr .row-title").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
    app.wait_for_js("return document.getElementById('article-body').textContent.includes('港の灯台が新しくなった')", "the text").await;
    // Laid out in horizontal lines, left to right, in the reader's column.
    let modes = app
        .js("return Array.from(document.querySelectorAll('#article-body, #article-body p, #article-body h1, #article-body h2')).map(e => getComputedStyle(e).writingMode + ' ' + getComputedStyle(e).direction)")
        .await;
    let modes: Vec<String> = serde_json::from_value(modes).unwrap();
    assert!(modes.len() >= 4 && modes.iter().all(|m| m == "horizontal-tb ltr"), "{modes:?}");
    let shape = app.js("const p = document.querySelector('#article-body p').getBoundingClientRect(); return p.width > p.height").await;
    assert_eq!(shape, true, "a paragraph is a wide line, not a column");
    // Every kanji and kana is a word (the two headings' and three paragraphs'
    // characters, punctuation left out), read at Japanese speed.
    let length = app.js("return document.querySelector('.article-length').textContent").await;
    assert_eq!(length, "67 words · 1 min read");
    app.screenshot("books-05-vertical-book").await;
    app.quit().await;
}
