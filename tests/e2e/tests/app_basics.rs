//! The foundation, end to end: first run shows the sample, import, read, restart.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::time::Duration;

use common::{fixture, App};
use serde_json::json;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn first_run_import_read_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");

    // 1. An empty library opens on the built-in sample article.
    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample row").await;
    assert_eq!(app.library_titles().await, vec!["Welcome to Sidenote".to_string()]);
    app.screenshot("01-library-first-run").await;

    // 2. Import a fixture file through the app's import command, as the Import
    //    button does once the native dialog returns a path.
    let path = fixture("lighthouse.txt");
    let reports = app.invoke("import_files", json!({ "paths": [path.to_str().unwrap()] })).await;
    assert_eq!(reports[0]["status"], "imported", "{reports}");
    assert_eq!(reports[0]["article"]["title"], "The Keeper of Skerry Light");
    // Re-sorting reloads the list from the library.
    app.driver.find(By::Css("button[data-sort='title']")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "two rows").await;
    assert_eq!(app.library_titles().await, vec!["The Keeper of Skerry Light".to_string(), "Welcome to Sidenote".to_string()]);

    // Importing the same file again offers the existing article, no duplicate row.
    let again = app.invoke("import_files", json!({ "paths": [path.to_str().unwrap()] })).await;
    assert_eq!(again[0]["status"], "duplicate");

    // Search narrows the list.
    let search = app.driver.find(By::Css("input[type=search]")).await.unwrap();
    search.send_keys("archive").await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "one match").await;
    assert_eq!(app.library_titles().await, vec!["The Keeper of Skerry Light".to_string()]);
    app.screenshot("02-library-search").await;

    // 3. Open it: its text is in the reader.
    app.driver.find(By::Css(".library-table tbody tr .row-title")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the reader").await;
    let body = app.driver.find(By::Css("#article-body")).await.unwrap().text().await.unwrap();
    assert!(body.contains("the lamp on Skerry Rock was tended by one keeper"), "reader text: {body}");
    let title = app.driver.find(By::Css("#article-title")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "The Keeper of Skerry Light");
    // Every block carries its offset into the article's plain text.
    let offsets = app.js("return Array.from(document.querySelectorAll('#article-body [data-o]')).map(e => Number(e.dataset.o))").await;
    assert_eq!(offsets.as_array().unwrap().len(), 3);
    app.screenshot("03-reader").await;

    // Reading preferences: sepia theme and larger text.
    app.driver.find(By::Css("button[data-theme-choice='sepia']")).await.unwrap().click().await.unwrap();
    app.driver.find(By::Css("button.text-larger")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.documentElement.dataset.theme === 'sepia'", "the sepia theme").await;
    let size = app.js("return getComputedStyle(document.querySelector('.reader-grid')).fontSize").await;
    assert_eq!(size, "20px");
    app.screenshot("04-reader-sepia-larger").await;
    app.quit().await;

    // 4. Restart on the same library: the article that was open reopens, the
    //    preferences are kept, and both articles are still in the library.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let app = App::launch(&library).await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the last article to reopen").await;
    let title = app.driver.find(By::Css("#article-title")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "The Keeper of Skerry Light");
    app.driver.find(By::Css(".back-btn")).await.unwrap().click().await.unwrap();
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "both rows after restart").await;
    let mut titles = app.library_titles().await;
    titles.sort();
    assert_eq!(titles, vec!["The Keeper of Skerry Light".to_string(), "Welcome to Sidenote".to_string()]);
    assert_eq!(app.js("return document.documentElement.dataset.theme").await, "sepia");
    app.screenshot("05-after-restart").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn pasting_text_in_the_library_creates_an_article() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::launch(&dir.path().join("library")).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample row").await;
    // A real paste event with clipboard data, dispatched where a user's Ctrl+V lands.
    app.js(
        "const dt = new DataTransfer();
         dt.setData('text/plain', 'Notes on Tidal Mills\\n\\nA tidal mill fills its pond on the rising tide and grinds as the water runs back out.\\n\\nMost of them stood on sheltered estuaries.');
         document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
         return true;",
    )
    .await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "the pasted article").await;
    assert!(app.library_titles().await.contains(&"Notes on Tidal Mills".to_string()));
    app.screenshot("06-pasted").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn files_on_the_command_line_open_and_a_second_launch_forwards_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let first = fixture("lighthouse.txt");
    let app = App::launch_with_args(&library, &[first.to_str().unwrap()]).await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader'", "the file to open").await;
    let title = app.driver.find(By::Css("#article-title")).await.unwrap().text().await.unwrap();
    assert_eq!(title, "The Keeper of Skerry Light");

    // A second launch on the same library hands its file over and exits.
    let second = dir.path().join("second.md");
    std::fs::write(&second, "# Salt Marsh Birds\n\nRedshank call from the creeks at high water.\n").unwrap();
    let status = tokio::process::Command::new(common::app_binary()).arg("--library").arg(&library).arg(&second).status().await.unwrap();
    assert!(status.success());
    app.wait_for_js(
        "return document.querySelector('#article-title')?.textContent === 'Salt Marsh Birds'",
        "the forwarded file to open in the running app",
    )
    .await;
    app.screenshot("07-forwarded-file").await;
    app.quit().await;
}
