//! Durability in the real app: a damaged library opens the recovery screen and
//! comes back from a backup; highlights written through the app survive the
//! app being SIGKILLed mid-burst.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{cli, import_fixture, App};
use serde_json::json;
use thirtyfour::prelude::*;

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_library_shows_the_recovery_screen_and_restores_the_newest_backup() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let article = import_fixture(&library, "lighthouse.txt");
    cli(&library, &["highlight", &article, "--quote", "tended by one keeper", "--note", "kept before the damage"]);
    cli(&library, &["backup"]);
    let file = library.join("library.sqlite3");
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(library.join(format!("library.sqlite3{companion}")));
    }
    let damaged = b"Not a library: a list of tide times scribbled over the file.".repeat(40);
    std::fs::write(&file, &damaged).unwrap();

    let app = App::launch_until(&library, &[], "return document.documentElement.dataset.ready === 'error'").await;
    app.wait_for_js("return !!document.querySelector('.recovery .recovery-restore')", "the recovery screen").await;
    let title = app.text("#recovery-title").await;
    assert_eq!(title, "Your library file is damaged");
    let shown_path = app.text(".recovery-path").await;
    assert_eq!(shown_path, file.display().to_string());
    let reason = app.text(".recovery-error").await;
    assert!(reason.contains("not a database"), "{reason}");
    assert!(app.driver.find(By::Css(".recovery-fresh")).await.is_ok(), "a fresh start is offered");
    // Checked through the DOM: a WebDriver screenshot of this screen came out blank here, so
    // docs/screenshots/durability-recovery.png was captured from the Xvfb display instead.
    assert_eq!(std::fs::read(&file).unwrap(), damaged, "showing the screen changed nothing");

    app.click(".recovery-restore").await;
    app.wait_for_js("return document.documentElement.dataset.ready === 'true'", "the restored library").await;
    app.wait_for_js("return document.querySelectorAll('.library-table tbody tr').length >= 1", "the library rows").await;
    assert!(app.library_titles().await.contains(&"The Keeper of Skerry Light".to_string()));
    let toast = app.js("return Array.from(document.querySelectorAll('.toast')).map(t => t.textContent).join(' ')").await;
    assert!(toast.as_str().unwrap_or_default().contains("Restored the backup"), "{toast}");
    let highlights = app.invoke("list_article_highlights", json!({ "articleId": article })).await;
    assert_eq!(highlights[0]["note"], "kept before the damage");
    app.screenshot("durability-after-restore").await;

    // File → Restore from Backup… (the menu sends a `menu` event; emitted here the same way).
    app.js("window.__TAURI_INTERNALS__.invoke('plugin:event|emit', { event: 'menu', payload: 'restore-backup' }); return true").await;
    app.wait_for_js("return document.querySelectorAll('.backup-item').length >= 2", "the backups dialog").await;
    let reasons = app.js("return Array.from(document.querySelectorAll('.backup-reason')).map(e => e.textContent)").await;
    assert!(reasons.as_array().unwrap().iter().any(|r| r == "Backed up by you"), "{reasons}");
    app.screenshot("durability-backups-dialog").await;
    // Restore the manual backup again, through the confirmation.
    app.js("Array.from(document.querySelectorAll('.backup-item')).find(e => e.querySelector('.backup-reason').textContent === 'Backed up by you').click(); return true").await;
    app.click(".backups-restore").await;
    app.wait_for_js("return !document.querySelector('.backup-confirm').hidden", "the confirmation").await;
    app.screenshot("durability-backups-confirm").await;
    app.click(".backups-confirm").await;
    app.wait_for_js(
        "return document.documentElement.dataset.ready === 'true' && Array.from(document.querySelectorAll('.toast')).some(t => t.textContent.includes('previous library was kept'))",
        "the app reloaded on the restored backup",
    )
    .await;
    app.quit().await;
    let listed: Vec<serde_json::Value> = serde_json::from_str(&cli(&library, &["backups", "--json"])).unwrap();
    assert_eq!(
        listed.iter().filter(|b| b["reason"] == "pre-restore").count(),
        1,
        "the app's restore kept the library it replaced: {listed:?}"
    );

    let aside: Vec<_> = std::fs::read_dir(&library)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name().to_string_lossy().starts_with("library.sqlite3.corrupt-") && !e.file_name().to_string_lossy().ends_with("-wal")
        })
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept, moved aside");
    assert_eq!(std::fs::read(aside[0].path()).unwrap(), damaged);
}

/// Creates highlights through the app's IPC until `stop_at`, returning the ids the app acknowledged.
async fn burst(app: &App, article: &str, stop_at: Instant, words: &[(u32, u32)]) -> Vec<String> {
    let mut acked = Vec::new();
    let mut i = 0;
    while Instant::now() < stop_at {
        let (start, end) = words[i % words.len()];
        let script = format!(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('create_highlight', {{ highlight: {{ articleId: {article:?}, start: {start}, end: {end}, color: 'green', note: 'app burst {i}', tags: [] }} }})
               .then(v => done({{ ok: v.id }}), e => done({{ err: e }}));"
        );
        match app.driver.execute_async(&script, vec![]).await {
            Ok(r) => match r.json().get("ok").and_then(|v| v.as_str()) {
                Some(id) => acked.push(id.to_owned()),
                None => panic!("create_highlight failed while the app was running: {}", r.json()),
            },
            Err(_) => break,
        }
        i += 1;
    }
    acked
}

#[tokio::test(flavor = "multi_thread")]
async fn highlights_written_in_the_app_survive_a_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let article = import_fixture(&library, "lighthouse.txt");
    let shown: serde_json::Value = serde_json::from_str(&cli(&library, &["show", &article, "--json"])).unwrap();
    let text = shown["text"].as_str().unwrap().to_owned();
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.chars().chain(std::iter::once(' ')).enumerate() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i as u32),
            (false, Some(s)) => {
                words.push((s, i as u32));
                start = None;
            }
            _ => {}
        }
    }

    let rounds = 6;
    let mut all_acked: Vec<String> = Vec::new();
    let mut seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64 | 1;
    for round in 0..rounds {
        let app = App::launch(&library).await;
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let run_for = Duration::from_millis(400 + seed % 1200);
        // The kill lands while invokes are in flight: a writer task and a killer racing.
        let acked = {
            let writes = burst(&app, &article, Instant::now() + run_for + Duration::from_secs(5), &words);
            let kill_after = tokio::time::sleep(run_for);
            tokio::pin!(writes);
            tokio::select! {
                acked = &mut writes => acked,
                () = kill_after => {
                    let pid = app.app_pid().expect("app pid");
                    let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
                    writes.await
                }
            }
        };
        app.kill_app().await;
        assert!(!acked.is_empty(), "round {round}: the app acknowledged no write before the kill");
        all_acked.extend(acked);

        // Reopened by a fresh process, as after a real crash.
        assert_eq!(cli(&library, &["check"]).trim(), "ok", "round {round}");
        let stored: Vec<serde_json::Value> = serde_json::from_str(&cli(&library, &["highlights", &article, "--json"])).unwrap();
        let stored: std::collections::HashSet<&str> = stored.iter().filter_map(|h| h["id"].as_str()).collect();
        for id in &all_acked {
            assert!(stored.contains(id.as_str()), "round {round}: highlight {id} was acknowledged by the app but is missing");
        }
    }
    println!("app crash test: {rounds} SIGKILLs of the app, {} acknowledged highlights checked", all_acked.len());
}
