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

/// The launch's answers (settings, launch files and link, the library's
/// first page) come with the window, not over IPC; a reload, which they
/// would no longer describe, asks for them over IPC again.
#[tokio::test(flavor = "multi_thread")]
async fn the_launch_answers_come_with_the_window_and_a_reload_asks_again() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let log = dir.path().join("ipc.log");
    let launch_questions = ["get_settings", "take_pending_opens", "take_pending_link", "list_articles", "count_articles"];
    let asked = |log: &std::path::Path| -> Vec<String> {
        let calls = std::fs::read_to_string(log).unwrap_or_default();
        calls.lines().filter(|c| launch_questions.contains(c)).map(str::to_owned).collect()
    };
    let app = App::launch_with_env(&library, &[], &[("SIDENOTE_IPC_LOG", log.as_os_str())]).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 1", "the sample row").await;
    assert_eq!(app.library_titles().await, vec!["Welcome to Sidenote".to_string()]);
    // The count came with the page too.
    assert_eq!(app.js("return document.querySelector('.library-count').textContent").await, "1 article");
    assert_eq!(asked(&log), Vec::<String>::new(), "the launch asked over IPC what came with the window");

    // Changed after the launch: a reload must show it, not the launch's answers.
    app.invoke("set_setting", json!({ "key": "theme", "value": "dark" })).await;
    let path = fixture("lighthouse.txt");
    let reports = app.invoke("import_files", json!({ "paths": [path.to_str().unwrap()] })).await;
    assert_eq!(reports[0]["status"], "imported", "{reports}");
    app.js("document.documentElement.dataset.ready = 'reloading'; location.reload(); return true;").await;
    app.wait_for_js("return document.documentElement.dataset.ready === 'true'", "the reloaded UI").await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 2", "both rows after the reload").await;
    assert_eq!(app.js("return document.documentElement.dataset.theme").await, "dark");
    let after = asked(&log);
    for question in ["get_settings", "list_articles", "count_articles"] {
        assert!(after.iter().any(|c| c == question), "the reload did not ask {question}: {after:?}");
    }
    app.screenshot("08-library-after-reload").await;
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

/// A file handed over while the first launch is still starting (its page not
/// yet listening: the listeners are bound after the first frame) is shown once
/// the page listens, not imported and lost.
#[tokio::test(flavor = "multi_thread")]
async fn a_file_forwarded_while_the_app_starts_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir_all(&library).unwrap();
    let second = dir.path().join("early.md");
    std::fs::write(&second, "# Tide Tables\n\nThe spring tides ran highest in the week after the equinox.\n").unwrap();
    // The moment the running app answers on its socket (set up with the
    // window, before the page has loaded), a second launch hands its file over.
    let forward = {
        let (library, second) = (library.clone(), second.clone());
        tokio::spawn(async move {
            let socket = common::instance_socket(&library);
            for _ in 0..3000 {
                if socket.exists() {
                    let status = tokio::process::Command::new(common::app_binary())
                        .arg("--library")
                        .arg(&library)
                        .arg(&second)
                        .status()
                        .await
                        .unwrap();
                    return status.success();
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            false
        })
    };
    let app = App::launch(&library).await;
    assert!(forward.await.unwrap(), "the second launch could not hand its file over");
    app.wait_for_js(
        "return document.querySelector('#article-title')?.textContent === 'Tide Tables'",
        "the file handed over during the launch to open",
    )
    .await;
    let listed = common::cli(&library, &["list"]);
    assert_eq!(listed.matches("Tide Tables").count(), 1, "the file is in the library once: {listed}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_large_library_shows_a_page_at_a_time_and_ranks_a_search() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    // 230 short pieces of our own; one is titled after the canal, one mentions
    // it three times, and every tenth mentions it once in passing.
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let mut paths = Vec::new();
    for n in 0..230 {
        let (title, body) = match n {
            7 => ("The Old Canal".to_owned(), "Barges carried grain to the mill beside the locks.".to_owned()),
            8 => (format!("Harbour log {n:03}"), "The canal froze; skaters crossed the canal; the canal held.".to_owned()),
            _ if n % 10 == 0 => (format!("Harbour log {n:03}"), format!("Entry {n}: ropes, nets and, once, a word about the canal.")),
            _ => (format!("Harbour log {n:03}"), format!("Entry {n}: the tide turned at noon and the boats came in.")),
        };
        let path = files.join(format!("log-{n:03}.md"));
        std::fs::write(&path, format!("# {title}\n\n{body}\n")).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    let mut args = vec!["import"];
    args.extend(paths.iter().map(String::as_str));
    common::cli(&library, &args);

    let app = App::launch(&library).await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 200", "the first page of 200 rows").await;
    // (The sample article is added on first run only when the library is empty.)
    let count = app.text(".library-count").await;
    assert_eq!(count, "230 articles");
    let more = app.text(".library-more").await;
    assert_eq!(more, "Show 30 more of 30");
    app.screenshot("08-library-first-page").await;
    app.js("document.querySelector('.library-more').scrollIntoView(); return true").await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length === 230", "the rest after scrolling to the end")
        .await;
    assert_eq!(app.js("return document.querySelector('.library-more').hidden").await, true);

    // A search ranks: the title first, then the piece that says it most.
    let search = app.driver.find(By::Css("input[type=search]")).await.unwrap();
    search.send_keys("canal").await.unwrap();
    app.wait_for_js("return document.querySelector('.library-count').textContent === '25 matches, best first'", "ranked matches").await;
    let titles = app.library_titles().await;
    assert_eq!(titles.len(), 25);
    assert_eq!(&titles[..2], ["The Old Canal".to_string(), "Harbour log 008".to_string()]);
    // A new search starts at its top, where the best match is, however far the list was scrolled.
    assert_eq!(app.js("return document.querySelector('.library-view .table-wrap').scrollTop").await, 0);
    app.screenshot("09-library-search-best-first").await;
    // Choosing a column orders the matches by it instead.
    app.click("button[data-sort='title']").await;
    app.wait_for_js("return document.querySelector('.library-count').textContent === '25 matches'", "matches by title").await;
    let titles = app.library_titles().await;
    assert_eq!(titles.first().map(String::as_str), Some("Harbour log 000"));
    assert_eq!(titles.last().map(String::as_str), Some("The Old Canal"));
    app.quit().await;
}
