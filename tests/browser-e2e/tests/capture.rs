//! Saving from a real browser: Debian's Chromium, headless, with the built
//! extension and the real `sidenote` binary as its native-messaging host on
//! a temporary library. The pages build their article with JavaScript after
//! load, so only the rendered DOM has it. The toolbar button is pressed
//! through the devtools protocol; the extension's popup, service worker and
//! native messaging do the rest. Screenshots of each popup state land in
//! target/e2e/browser-popup-*.png.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::collections::HashMap;

use serde_json::Value;
use sidenote_browser_e2e::{cli, cli_ok, pages, Browser};

const BUILT: &str = "document.documentElement.dataset.built === 'yes'";

fn article_json(library: &std::path::Path, id: &str) -> Value {
    serde_json::from_str(&cli_ok(library, &["show", id, "--json"])).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn saving_pages_and_selections_from_chromium() {
    let base = pages::serve(HashMap::from([
        ("/ferry".to_owned(), pages::built_by_script("The night ferry", &pages::FERRY)),
        ("/ledger".to_owned(), pages::built_by_script("The keepers' ledger", &pages::LEDGER)),
        ("/archive".to_owned(), pages::no_article()),
        ("/notes".to_owned(), pages::built_by_script("Keepers' notes", &pages::LEDGER[..2])),
    ]));
    let ferry = format!("{base}/ferry");

    // What the server sends has no article: "Open URL" on this address finds none.
    let scratch = tempfile::tempdir().unwrap();
    let fetched = cli(&scratch.path().join("library"), &["import", &ferry]);
    assert!(!fetched.status.success(), "the static page should hold no article");
    let why = String::from_utf8_lossy(&fetched.stderr);
    assert!(why.contains("no article"), "{why}");

    let mut browser = Browser::start().await;
    let library = browser.library.clone();

    // 1. The toolbar button on a page whose article a script built: saved.
    browser.open(&ferry, BUILT).await;
    let popup = browser.click_toolbar_button();
    assert_eq!(
        browser.wait_for_state(&popup, &["saved", "duplicate", "error", "not-installed", "unsupported"]),
        "saved",
        "{}",
        browser.popup_text(&popup)
    );
    let shown = browser.popup_text(&popup);
    assert!(shown.contains("Saved to Sidenote") && shown.contains("The night ferry"), "{shown}");
    assert!(shown.contains("Open in Sidenote"), "{shown}");
    let id = browser.popup_eval(&popup, "document.body.dataset.articleId").as_str().unwrap().to_owned();
    browser.screenshot(&popup, "browser-popup-saved");
    browser.emulate_dark(&popup);
    browser.screenshot(&popup, "browser-popup-saved-dark");
    browser.close_popup(popup);
    let stored = article_json(&library, &id);
    for paragraph in pages::FERRY {
        assert!(stored["text"].as_str().unwrap().contains(paragraph), "the script-built text is missing: {paragraph}");
    }
    assert!(!stored["text"].as_str().unwrap().contains("Subscribe"), "the site's navigation was kept");
    assert_eq!(stored["sourceUrl"], ferry);
    // The extension's side of the save, with the host's timings in it.
    let last = browser.worker_eval("sidenoteLastSave()");
    assert_eq!(last["state"], "saved");
    assert!(last["timings"]["extension"]["native_ms"].as_f64().unwrap() > 0.0, "{last}");
    assert!(last["timings"]["host"]["extract_ms"].as_f64().is_some(), "{last}");

    // 2. The same page again: already in the library, the same article offered.
    let popup = browser.click_toolbar_button();
    assert_eq!(browser.wait_for_state(&popup, &["saved", "duplicate", "error"]), "duplicate");
    let shown = browser.popup_text(&popup);
    assert!(shown.contains("Already in your library") && shown.contains("The night ferry"), "{shown}");
    assert_eq!(browser.popup_eval(&popup, "document.body.dataset.articleId"), Value::from(id.clone()));
    browser.screenshot(&popup, "browser-popup-duplicate");
    browser.close_popup(popup);

    // 3. A selection on another page: the popup takes a note, then the
    //    article and the highlight are saved at the passage's offsets.
    let ledger = format!("{base}/ledger");
    browser.open(&ledger, BUILT).await;
    let passage = "recorded the great storm of 1911 in four words";
    browser.select(passage).await;
    let popup = browser.click_toolbar_button();
    assert_eq!(browser.wait_for_state(&popup, &["note", "saved", "error"]), "note");
    let shown = browser.popup_text(&popup);
    assert!(shown.contains(passage) && shown.contains("Save highlight") && shown.contains("Save page only"), "{shown}");
    browser.popup_eval(&popup, "document.getElementById('note').value = 'Four words for a whole storm.'");
    browser.screenshot(&popup, "browser-popup-note");
    browser.popup_eval(&popup, "document.querySelector('button.primary').click()");
    assert_eq!(browser.wait_for_state(&popup, &["saved", "duplicate", "error"]), "saved", "{}", browser.popup_text(&popup));
    assert!(browser.popup_text(&popup).contains("Your highlight was saved with it."));
    browser.screenshot(&popup, "browser-popup-saved-highlight");
    let ledger_id = browser.popup_eval(&popup, "document.body.dataset.articleId").as_str().unwrap().to_owned();
    browser.close_popup(popup);
    let text = article_json(&library, &ledger_id)["text"].as_str().unwrap().to_owned();
    let highlights: Value = serde_json::from_str(&cli_ok(&library, &["highlights", &ledger_id, "--json"])).unwrap();
    assert_eq!(highlights.as_array().unwrap().len(), 1, "{highlights}");
    let h = &highlights[0];
    let (start, end) = (h["start"].as_u64().unwrap() as usize, h["end"].as_u64().unwrap() as usize);
    let expected_start = text[..text.find(passage).unwrap()].chars().count();
    assert_eq!((start, end), (expected_start, expected_start + passage.chars().count()), "{h}");
    assert_eq!(text.chars().skip(start).take(end - start).collect::<String>(), passage);
    assert_eq!(h["note"], "Four words for a whole storm.");
    assert_eq!(h["orphaned"], false);

    // 4. A page with no article: the error, in words.
    browser.open(&format!("{base}/archive"), "document.readyState === 'complete'").await;
    let popup = browser.click_toolbar_button();
    assert_eq!(browser.wait_for_state(&popup, &["saved", "error"]), "error");
    let shown = browser.popup_text(&popup);
    assert!(shown.contains("Not saved") && shown.contains("Sidenote found no article on this page"), "{shown}");
    browser.screenshot(&popup, "browser-popup-error");
    browser.close_popup(popup);

    // 5. The context menu's "Save page to Sidenote" (its handler, as the menu calls it): the popup shows the outcome.
    let notes = format!("{base}/notes");
    browser.open(&notes, BUILT).await;
    let opened = browser.worker_eval(
        "(async () => { const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true }); \
         await sidenoteMenuClicked('save-page', tab.id); return tab.url; })()",
    );
    assert_eq!(opened, Value::from(notes.clone()));
    let popup = browser.find_popup();
    assert_eq!(browser.wait_for_state(&popup, &["saved", "duplicate", "error", "note"]), "saved", "{}", browser.popup_text(&popup));
    assert!(browser.popup_text(&popup).contains("Keepers' notes"));
    browser.close_popup(popup);

    // 6. Without the host manifest, Sidenote is not installed: say so and link to the install page.
    browser.remove_host();
    browser.open(&ferry, BUILT).await;
    let popup = browser.click_toolbar_button();
    assert_eq!(browser.wait_for_state(&popup, &["saved", "duplicate", "error", "not-installed"]), "not-installed");
    let shown = browser.popup_text(&popup);
    assert!(shown.contains("Sidenote is not installed") && shown.contains("How to install Sidenote"), "{shown}");
    let link = browser.popup_eval(&popup, "document.querySelector('a').href");
    assert_eq!(link, "https://example.invalid/sidenote/blob/main/docs/browser.md#install");
    browser.screenshot(&popup, "browser-popup-not-installed");
    browser.close_popup(popup);

    let listed: Value = serde_json::from_str(&cli_ok(&library, &["list", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3, "three articles, no more: {listed}");
    browser.quit().await;
}
