//! The Firefox build of the extension in Firefox ESR (headless, geckodriver):
//! installed as a temporary add-on, its button saves a page whose article a
//! script built, through the real host started with Firefox's arguments.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;
use sidenote_browser_e2e::firefox::{Firefox, FIREFOX_EXTENSION_ID};
use sidenote_browser_e2e::{cli_ok, pages};

#[tokio::test(flavor = "multi_thread")]
async fn firefox_saves_a_page_built_by_script() {
    let base = pages::serve(HashMap::from([("/ferry".to_owned(), pages::built_by_script("The night ferry", &pages::FERRY))]));
    let mut firefox = Firefox::start().await;
    let url = format!("{base}/ferry");
    firefox.open(&url, "document.documentElement.dataset.built === 'yes'").await;
    firefox.click_toolbar_button().await;
    let began = Instant::now();
    let listed = loop {
        if firefox.library.join("library.sqlite3").is_file() {
            let listed: Value = serde_json::from_str(&cli_ok(&firefox.library, &["list", "--json"])).unwrap();
            if !listed.as_array().unwrap().is_empty() {
                break listed;
            }
        }
        assert!(began.elapsed() < Duration::from_secs(30), "nothing was saved; host started with: {:?}", firefox.host_args());
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Firefox starts the host with its manifest's path and the extension's id.
    let args: Vec<String> = firefox.host_args().lines().map(str::to_owned).collect();
    let manifest = firefox.home().join(".mozilla/native-messaging-hosts/app.sidenote.reader.json");
    assert_eq!(args, vec![manifest.display().to_string(), FIREFOX_EXTENSION_ID.to_owned()]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["sourceUrl"], url);
    let id = listed[0]["id"].as_str().unwrap();
    let text = cli_ok(&firefox.library, &["show", id]);
    for paragraph in pages::FERRY {
        assert!(text.contains(paragraph), "the script-built text is missing: {paragraph}");
    }
    firefox.quit().await;
}
