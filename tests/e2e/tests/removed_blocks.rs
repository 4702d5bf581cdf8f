//! "Show what was removed" in the real app: a page of our own whose clean-up
//! takes out a teaser, a photo credit and a newsletter prompt; the list in the
//! article header; putting the teaser back into the article, with a highlight
//! after it staying on its words.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::App;
use serde_json::json;
use thirtyfour::prelude::*;

/// Our own page: three paragraphs of a story with furniture between them.
const PAGE: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Lamp Room Above the Harbour | Harbour Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>The Lamp Room Above the Harbour</h1>
<p>Every evening since the spring of 1887 the keepers of the old harbour have climbed the stone stairs to light the lamps above the pier.</p>
<p>Read more: <a href="https://gazette.test/storm">The storm that closed the pier for a winter</a></p>
<p>The youngest keeper, who joined in March 2019, says the work is quieter than people imagine and that the gulls complain the most.</p>
<p>The harbour at dusk, seen from the gallery. Photo: Jon Doe</p>
<p>On clear nights the beam reaches the islands, where the fishing boats use it to find the channel that wrecked so many ships.</p>
<p>Sign up for our newsletter to get every story from the harbour in your inbox.</p>
<p>The council has promised to keep the lamps lit through the winter, whatever the price of the oil.</p>
</article><footer>© Harbour Gazette</footer></body></html>"#;

const WORDS: &str = "quieter than people imagine";

#[tokio::test(flavor = "multi_thread")]
async fn show_what_was_removed_and_put_a_teaser_back() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let page = dir.path().join("lamp-room.html");
    std::fs::write(&page, PAGE).unwrap();
    let app = App::launch(&library).await;
    let reports = app.invoke("import_files", json!({ "paths": [page.to_str().unwrap()] })).await;
    assert_eq!(reports[0]["status"], "imported", "{reports}");
    let id = reports[0]["article"]["id"].as_str().unwrap().to_owned();
    let text = app.invoke("get_article", json!({ "id": id })).await["text"].as_str().unwrap().to_owned();
    assert!(!text.contains("Read more") && !text.contains("Photo: Jon Doe") && !text.contains("newsletter"), "{text}");

    // A highlight on words after the teaser, made before the teaser goes back.
    let start = text[..text.find(WORDS).unwrap()].chars().count();
    let highlight = json!({ "articleId": id, "start": start, "end": start + WORDS.chars().count(), "color": "green", "note": "The keeper's own words.", "tags": [] });
    app.invoke("create_highlight", json!({ "highlight": highlight })).await;

    app.driver.find(By::Css("button[data-sort='title']")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return Array.from(document.querySelectorAll('.library-table .row-title')).some(e => e.textContent === 'The Lamp Room Above the Harbour')", "the page").await;
    app.js("Array.from(document.querySelectorAll('.library-table .row-title')).find(e => e.textContent === 'The Lamp Room Above the Harbour').click(); return true").await;
    app.wait_for_js("return document.getElementById('article-body')?.dataset.highlights === '1'", "the highlight").await;

    // The header offers what was removed, with the count.
    app.wait_for_js("return !document.querySelector('button.show-removed').hidden", "the removed-blocks button").await;
    assert_eq!(app.text("button.show-removed").await, "Show what was removed (3)");
    app.screenshot("50-removed-header").await;
    app.click("button.show-removed").await;
    app.wait_for_js("return document.querySelectorAll('.removed-item').length === 3", "the list of removed blocks").await;
    app.screenshot("51-removed-list").await;
    let reasons = app.js("return Array.from(document.querySelectorAll('.removed-reason')).map(e => e.textContent)").await;
    assert_eq!(reasons, json!(["Teaser", "Caption or credit", "Prompt"]));
    let place = app.js("return document.querySelector(\".removed-item[data-seq='0'] .removed-place\").textContent").await;
    assert!(place.as_str().unwrap().starts_with("Before “The youngest keeper"), "{place}");

    // Put the teaser back with a real click.
    app.driver.find(By::Css(".removed-item[data-seq='0'] button.put-back")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.removed-item').length === 2", "the list without the teaser").await;
    app.wait_for_js(
        "return Array.from(document.querySelectorAll('#article-body [data-o]')).some(p => p.textContent.startsWith('Read more: The storm'))",
        "the teaser in the article",
    )
    .await;
    app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();
    app.wait_for_js("return document.querySelector('.dialog-backdrop') === null", "the dialog to close").await;

    // In its place: after the first paragraph, before the keeper's.
    let order = app.js("return Array.from(document.querySelectorAll('#article-body [data-o]')).map(p => p.textContent.slice(0, 16))").await;
    let order: Vec<String> = serde_json::from_value(order).unwrap();
    let teaser = order.iter().position(|t| t.starts_with("Read more")).unwrap();
    assert!(order[teaser - 1].starts_with("Every evening") && order[teaser + 1].starts_with("The youngest"), "{order:?}");
    // The highlight after it is still on its words, in the reader and in the library.
    app.wait_for_js("return document.getElementById('article-body')?.dataset.highlights === '1'", "the highlight after reopening").await;
    assert_eq!(
        app.js("return Array.from(document.querySelectorAll('#article-body mark.hl')).map(m => m.textContent).join('')").await,
        WORDS
    );
    let now = app.invoke("get_article", json!({ "id": id })).await["text"].as_str().unwrap().to_owned();
    let stored = app.invoke("list_article_highlights", json!({ "articleId": id })).await;
    let (s, e) = (stored[0]["start"].as_u64().unwrap() as usize, stored[0]["end"].as_u64().unwrap() as usize);
    assert_eq!(now.chars().skip(s).take(e - s).collect::<String>(), WORDS);
    assert!(s > start, "the highlight moved with the text ({start} -> {s})");
    assert_eq!(app.text("button.show-removed").await, "Show what was removed (2)");
    app.screenshot("52-removed-put-back").await;

    // The list in the dark theme, with the two blocks left.
    app.js("document.querySelector(\"button[data-theme-choice='dark']\").click(); return true").await;
    app.wait_for_js("return document.documentElement.dataset.theme === 'dark'", "the dark theme").await;
    app.click("button.show-removed").await;
    app.wait_for_js("return document.querySelectorAll('.removed-item').length === 2", "the list of two").await;
    app.screenshot("53-removed-list-dark").await;
    app.driver.action_chain().send_keys(Key::Escape).perform().await.unwrap();
    app.quit().await;

    // After a restart the teaser is still part of the article and two blocks remain.
    let app = App::launch(&library).await;
    app.wait_for_js(
        "return document.querySelector('#article-title')?.textContent === 'The Lamp Room Above the Harbour'",
        "the article to reopen",
    )
    .await;
    app.wait_for_js(
        "return document.querySelector('button.show-removed')?.textContent === 'Show what was removed (2)'",
        "two removed blocks",
    )
    .await;
    let body = app.text("#article-body").await;
    assert!(body.contains("Read more: The storm that closed the pier for a winter"), "{body}");
    app.quit().await;
}
