//! Hiding paragraphs that are not part of the article, in the real app: clean-up
//! mode, the folded marker, the timeline without the hidden paragraph's dates,
//! and everything kept across a restart.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::App;
use serde_json::json;
use thirtyfour::prelude::*;

const TEXT: &str = "Harbour Notes\n\nThe pier was rebuilt in 1887 after a winter storm had carried most of it away.\n\nVisitors can buy prints of the rebuilt pier at the lighthouse gallery, painted in 1999 by a local artist.\n\nThe ferry service returned in 1923 and ran twice a day until the war.";

const PROMO: &str = "Array.from(document.querySelectorAll('#article-body [data-o]')).find(p => p.textContent.startsWith('Visitors can'))";

async fn timeline_has_1999(app: &App) -> bool {
    app.js("return document.querySelector(\".timeline-event[data-value='1999']\") !== null").await == true
}

#[tokio::test(flavor = "multi_thread")]
async fn hide_a_paragraph_then_show_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let app = App::launch(&library).await;
    let report = app.invoke("import_pasted", json!({ "html": null, "text": TEXT })).await;
    assert_eq!(report["status"], "imported", "{report}");
    // Re-sorting reloads the list from the library.
    app.driver.find(By::Css("button[data-sort='title']")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "the pasted article").await;
    app.js("Array.from(document.querySelectorAll('.library-table .row-title')).find(e => e.textContent === 'Harbour Notes').click(); return true").await;
    app.wait_for_js("return document.querySelector(\".timeline-event[data-value='1887']\") !== null", "the timeline").await;
    assert!(timeline_has_1999(&app).await, "the gallery paragraph's year is an event before hiding");

    // Clean-up mode: a bar explains it, paragraphs become buttons.
    app.driver.find(By::Css("button.hide-paragraphs")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return !document.querySelector('.cleanup-bar').hidden", "the clean-up bar").await;
    assert_eq!(app.js(&format!("return {PROMO}.getAttribute('role')")).await, "button");
    app.screenshot("40-cleanup-mode").await;

    // A real pointer click on the promo paragraph hides it.
    let promo =
        app.driver.find(By::XPath("//*[@id='article-body']//*[@data-o][starts-with(normalize-space(.), 'Visitors can')]")).await.unwrap();
    promo.click().await.unwrap();
    app.wait_for_js(&format!("return {PROMO}.getAttribute('aria-pressed') === 'true'"), "the paragraph to be hidden").await;
    app.wait_for_js("return document.querySelector(\".timeline-event[data-value='1999']\") === null", "the timeline without 1999").await;
    app.screenshot("41-cleanup-hidden").await;

    // Done: the paragraph is folded behind a marker; no text was selected or highlighted.
    app.driver.find(By::Css("button.cleanup-done")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelector('.cleanup-bar').hidden", "clean-up mode to end").await;
    assert!(!promo.is_displayed().await.unwrap());
    let marker = app.driver.find(By::Css("#article-body .hidden-marker")).await.unwrap();
    assert_eq!(marker.text().await.unwrap(), "1 paragraph hidden");
    assert_eq!(app.js("return document.querySelectorAll('#article-body mark.hl').length").await, 0);
    app.screenshot("42-cleanup-folded").await;
    app.quit().await;

    // After a restart the paragraph is still hidden (the article reopens).
    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelector('#article-title')?.textContent === 'Harbour Notes'", "the article to reopen").await;
    app.wait_for_js("return document.querySelector('#article-body .hidden-marker') !== null", "the marker").await;
    app.wait_for_js("return document.querySelector(\".timeline-event[data-value='1887']\") !== null", "the timeline").await;
    assert!(!timeline_has_1999(&app).await);

    // The marker leads back to clean-up mode, where a click shows the paragraph again.
    app.driver.find(By::Css("#article-body .hidden-marker")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return !document.querySelector('.cleanup-bar').hidden", "the clean-up bar").await;
    let promo =
        app.driver.find(By::XPath("//*[@id='article-body']//*[@data-o][starts-with(normalize-space(.), 'Visitors can')]")).await.unwrap();
    promo.click().await.unwrap();
    app.wait_for_js(&format!("return {PROMO}.getAttribute('aria-pressed') === 'false'"), "the paragraph to be shown").await;
    // Escape leaves clean-up mode (and stays in the reader).
    app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();
    app.wait_for_js("return document.querySelector('.cleanup-bar').hidden", "clean-up mode to end").await;
    assert_eq!(app.js("return document.documentElement.dataset.view").await, "reader");
    assert!(promo.is_displayed().await.unwrap());
    app.wait_for_js("return document.querySelector(\".timeline-event[data-value='1999']\") !== null", "1999 back in the timeline").await;

    // Article details offer reading the kept source again in another encoding.
    app.driver.find(By::Css("button.edit-details")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelector('#details-encoding') !== null", "the encoding field").await;
    assert_eq!(app.js("return document.querySelector('#details-encoding').value").await, "UTF-8");
    app.screenshot("43-details-encoding").await;
    app.js("document.querySelector('#details-encoding').value = 'windows-1252'; document.querySelector('button.redecode').click(); return true").await;
    app.wait_for_js("return document.querySelector('.dialog-backdrop') === null", "the dialog to close after reading again").await;
    app.wait_for_js("return document.querySelector('#article-title')?.textContent === 'Harbour Notes'", "the article to reopen").await;
    // The source is plain ASCII, so the text reads the same in windows-1252.
    let body = app.driver.find(By::Css("#article-body")).await.unwrap().text().await.unwrap();
    assert!(body.contains("The ferry service returned in 1923"), "{body}");
    app.quit().await;
}

const ACCENTED: &str =
    "Harbour notes\n\nThe café on the quay opened in 1923 and sold bread to the fishermen every morning before the boats went out.\n\n\
The lighthouse keeper kept a log of every ship that passed the point in the long winters, and of every storm.\n\n\
Été à Sète, déjà vu: où ça? Ça dépend, répète l'élève à la fenêtre de l'hôtel, près du phare où le gardien écrivait chaque soir.";

/// The toasts' text, and the orphan panel's heading ("" when it is hidden).
async fn toast_and_orphans(app: &App) -> (String, String) {
    let toast = app.js("return Array.from(document.querySelectorAll('.toast')).map(t => t.textContent).join(' ')").await;
    let orphans =
        app.js("const p = document.querySelector('.orphans'); return p && !p.hidden ? p.querySelector('h2').textContent : ''").await;
    (toast.as_str().unwrap_or_default().to_owned(), orphans.as_str().unwrap_or_default().to_owned())
}

async fn read_again_as(app: &App, encoding: &str) {
    app.clear_toasts().await;
    app.driver.find(By::Css("button.edit-details")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelector('#details-encoding') !== null", "the encoding field").await;
    app.js(&format!(
        "document.querySelector('#details-encoding').value = {encoding:?}; document.querySelector('button.redecode').click(); return true"
    ))
    .await;
    app.wait_for_js("return document.querySelector('.dialog-backdrop') === null", "the dialog to close after reading again").await;
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('.toast')).some(t => t.textContent.startsWith('Read again as'))",
        "the toast",
    )
    .await;
}

/// Reading the source again in another encoding keeps the highlights: they
/// move to the new text, those that cannot be placed are listed above the
/// article, and the toast says which went where. Reading it back in the
/// right encoding puts every one where it was.
#[tokio::test(flavor = "multi_thread")]
async fn reading_again_in_another_encoding_keeps_the_highlights() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let app = App::launch(&library).await;
    let report = app.invoke("import_pasted", json!({ "html": null, "text": ACCENTED })).await;
    assert_eq!(report["status"], "imported", "{report}");
    let id = report["article"]["id"].as_str().unwrap().to_owned();
    let article = app.invoke("get_article", json!({ "id": id })).await;
    let text = article["text"].as_str().unwrap().to_owned();
    let cp = |needle: &str| text[..text.find(needle).unwrap()].chars().count() as u32;
    for (quote, note) in [("The café on the quay", "Still open?"), ("kept a log of every ship", ""), ("Été à Sète, déjà vu", "Summer")]
    {
        let start = cp(quote);
        let highlight = json!({ "articleId": id, "start": start, "end": start + quote.chars().count() as u32, "color": "green", "note": note, "tags": [] });
        app.invoke("create_highlight", json!({ "highlight": highlight })).await;
    }
    app.driver.find(By::Css("button[data-sort='title']")).await.unwrap().click().await.unwrap();
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('.library-table .row-title')).some(e => e.textContent === 'Harbour notes')",
        "the article",
    )
    .await;
    app.js("Array.from(document.querySelectorAll('.library-table .row-title')).find(e => e.textContent === 'Harbour notes').click(); return true").await;
    app.wait_for_js("return document.querySelectorAll('#article-body mark.hl').length >= 3", "the highlights").await;

    // Read as windows-1252, the accented paragraphs come out garbled (and the
    // plain-text reader drops them): the keeper's highlight moves, the others
    // are kept above the article.
    read_again_as(&app, "windows-1252").await;
    let (toast, orphans) = toast_and_orphans(&app).await;
    assert!(
        toast.contains("Read again as windows-1252. 1 highlight was found in the new text; 2 highlights could not be placed and are kept above the article."),
        "{toast}"
    );
    assert_eq!(orphans, "2 highlights could not be placed");
    app.wait_for_js("return document.querySelectorAll('.orphans .orphan').length === 2", "the orphans listed").await;
    assert_eq!(app.js("return document.querySelector('#article-body mark.hl')?.textContent").await, "kept a log of every ship");
    app.screenshot("44-read-again-orphans").await;

    // Read back as UTF-8, every highlight is placed again.
    read_again_as(&app, "UTF-8").await;
    let (toast, orphans) = toast_and_orphans(&app).await;
    assert!(toast.contains("Read again as UTF-8. 2 highlights kept their places; 1 highlight was found in the new text."), "{toast}");
    assert_eq!(orphans, "");
    app.wait_for_js("return document.querySelectorAll('#article-body mark.hl').length >= 3", "the highlights back in the text").await;
    let notes = app.js("return Array.from(document.querySelectorAll('.reader-margin .note-card')).map(n => n.textContent)").await;
    app.screenshot("45-read-again-placed").await;
    app.quit().await;
    assert!(
        notes.to_string().contains("Still open?") && notes.to_string().contains("Summer"),
        "the notes came back with their highlights: {notes}"
    );
}
