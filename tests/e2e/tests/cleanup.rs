//! Hiding paragraphs that are not part of the article, in the real app: clean-up
//! mode, the folded marker, the timeline without the hidden paragraph's dates,
//! and everything kept across a restart.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::App;
use serde_json::json;
use thirtyfour::prelude::*;

const TEXT: &str = "Harbour Notes\n\nThe pier was rebuilt in 1887 after a winter storm had carried most of it away.\n\nPhoto: the rebuilt pier from the lighthouse gallery, taken in 1999 by a visitor.\n\nThe ferry service returned in 1923 and ran twice a day until the war.";

const PROMO: &str = "Array.from(document.querySelectorAll('#article-body [data-o]')).find(p => p.textContent.startsWith('Photo:'))";

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
    assert!(timeline_has_1999(&app).await, "the caption's year is an event before hiding");

    // Clean-up mode: a bar explains it, paragraphs become buttons.
    app.driver.find(By::Css("button.hide-paragraphs")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return !document.querySelector('.cleanup-bar').hidden", "the clean-up bar").await;
    assert_eq!(app.js(&format!("return {PROMO}.getAttribute('role')")).await, "button");
    app.screenshot("40-cleanup-mode").await;

    // A real pointer click on the promo paragraph hides it.
    let promo = app.driver.find(By::XPath("//*[@id='article-body']//*[@data-o][starts-with(normalize-space(.), 'Photo:')]")).await.unwrap();
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
    let promo = app.driver.find(By::XPath("//*[@id='article-body']//*[@data-o][starts-with(normalize-space(.), 'Photo:')]")).await.unwrap();
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
