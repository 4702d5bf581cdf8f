//! Links back to the passage, end to end: a `sidenote://open/…#h=…` link opens
//! the app on the article scrolled to the highlight, which is selected —
//! whether the app was closed (the link is its argument, as the desktop
//! entry passes it) or running (`sidenote open URL` hands it over). The
//! highlight's toolbar copies that same link, and the Export dialog holds
//! the "Keep an Obsidian vault in sync" setting, which writes the vault.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::Path;
use std::process::Command;

use common::{app_binary, cli, App};

/// A long article of our own (the passage is far below the first screen) and
/// a highlight near its end; returns (article id, highlight id).
fn library_with_far_passage(dir: &Path, library: &Path) -> (String, String) {
    let mut text = String::from("The Canal Keepers\n\n");
    for i in 1..=60 {
        text.push_str(&format!(
            "In the year {} the keepers of lock {i} wrote down every barge that passed, with its cargo of coal, grain or timber, and the hour of the day.\n\n",
            1800 + i
        ));
    }
    text.push_str("The last keeper closed the ledger in the hard winter when the canal froze solid from bank to bank.\n");
    let file = dir.join("canal.txt");
    std::fs::write(&file, text).unwrap();
    let id = cli(library, &["import", file.to_str().unwrap()]).trim().to_owned();
    let highlight = cli(
        library,
        &["highlight", &id, "--quote", "the canal froze solid from bank to bank", "--color", "blue", "--note", "Which winter?"],
    )
    .trim()
    .to_owned();
    (id, highlight)
}

/// The reader shows the article with this highlight selected and on screen.
const AT_PASSAGE: &str = "const m = document.querySelector('mark.hl-selected');
    if (document.documentElement.dataset.view !== 'reader' || !m || m.dataset.hid !== arguments[0]) return false;
    const r = m.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;";

async fn wait_at_passage(app: &App, highlight: &str, what: &str) {
    let script = format!("return (function() {{ {} }}).apply(null, [{}]);", AT_PASSAGE, serde_json::to_string(highlight).unwrap());
    app.wait_for_js(&script, what).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_opens_the_closed_app_at_the_passage_and_the_toolbar_copies_it() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let (id, highlight) = library_with_far_passage(dir.path(), &library);
    let url = format!("sidenote://open/{id}#h={highlight}");
    // As the desktop entry starts it: the link is the only argument.
    let app = App::launch_with_args(&library, &[&url]).await;
    wait_at_passage(&app, &highlight, "the linked highlight, selected and in view").await;
    let scrolled = app.js("return document.querySelector('.reader-scroll').scrollTop").await;
    assert!(scrolled.as_f64().unwrap() > 500.0, "the reader scrolled down to the passage: {scrolled}");
    app.screenshot("70-link-opened-at-passage").await;

    // The highlight's toolbar: "Link" copies the link that leads back here.
    app.wait_for_js(
        "return !document.querySelector('.hl-toolbar').hidden && !document.querySelector('.tb-link').hidden",
        "the toolbar's Link button",
    )
    .await;
    app.js("window.__copied = null;
         navigator.clipboard.writeText = (t) => { window.__copied = t; return Promise.resolve(); };
         return true")
        .await;
    // The toolbar sits at the passage, on screen.
    app.wait_for_js(
        "const t = document.querySelector('.hl-toolbar').getBoundingClientRect(); const m = document.querySelector('mark.hl-selected').getBoundingClientRect();
         return t.top >= 0 && t.bottom <= window.innerHeight && Math.abs(t.bottom - m.top) < 80",
        "the toolbar beside the passage",
    )
    .await;
    app.screenshot("71-highlight-menu-copy-link").await;
    app.click(".tb-link").await;
    app.wait_for_js("return window.__copied !== null", "the copied link").await;
    let copied = app.js("return window.__copied").await;
    assert_eq!(copied.as_str(), Some(url.as_str()));
    app.wait_for_js(
        "return [...document.querySelectorAll('.toast')].some(t => t.textContent.includes('Link to the highlight copied'))",
        "the toast",
    )
    .await;
    // And the CLI reads it back to the same passage.
    let passage: serde_json::Value = serde_json::from_str(&cli(&library, &["open", "--check", &url])).unwrap();
    assert_eq!(passage, serde_json::json!({ "articleId": id, "highlightId": highlight }));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_opened_while_the_app_runs_lands_on_the_passage() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let (id, highlight) = library_with_far_passage(dir.path(), &library);
    let app = App::launch(&library).await;
    app.wait_for_js("return document.documentElement.dataset.view === 'library'", "the library").await;

    // `sidenote open URL` hands the link to the running app and exits.
    let url = format!("sidenote://open/{}#h={}", &id[..8], &highlight[..8]);
    let out =
        Command::new(app_binary()).arg("--library").arg(&library).args(["open", &url]).env_remove("SIDENOTE_LIBRARY").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    wait_at_passage(&app, &highlight, "the running app at the linked highlight").await;
    app.screenshot("72-link-opened-in-running-app").await;

    // An offset link, as the desktop entry passes it to a second launch: the block holding it.
    let offset = cli(&library, &["show", &id]).find("In the year 1840").expect("a paragraph of the fixture");
    let offset_url = format!("sidenote://open/{id}#o={offset}");
    let out = Command::new(app_binary()).arg("--library").arg(&library).arg(&offset_url).env_remove("SIDENOTE_LIBRARY").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    app.wait_for_js(
        "const b = document.querySelector('.just-restored'); if (!b || !b.textContent.includes('In the year 1840')) return false;
         const r = b.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight",
        "the paragraph at the offset, in view",
    )
    .await;

    // A link to a highlight that is not in this library: the app says so.
    let bad = format!("sidenote://open/{id}#h=00000000-0000-4000-8000-00000000dead");
    let out = Command::new(app_binary()).arg("--library").arg(&library).arg(&bad).env_remove("SIDENOTE_LIBRARY").output().unwrap();
    assert!(out.status.success(), "handed over: the running app reports it");
    app.wait_for_js(
        "return [...document.querySelectorAll('.toast')].some(t => t.textContent.includes('highlight not found'))",
        "the refusal",
    )
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_export_dialog_keeps_an_obsidian_vault_in_sync() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    let (id, highlight) = library_with_far_passage(dir.path(), &library);
    let vault = dir.path().join("Vault");
    let app = App::launch(&library).await;
    app.click("#export-button").await;
    app.wait_for_js("return !!document.querySelector('.vault-sync')", "the vault section").await;
    // The folder chooser is native; the test sets the folder through the same command it calls.
    let report = app.invoke("set_obsidian_vault", serde_json::json!({ "path": vault.to_str().unwrap() })).await;
    assert_eq!(report["written"], serde_json::json!(["The Canal Keepers.md"]), "{report}");
    let note =
        std::fs::read_dir(&vault).unwrap().flatten().map(|e| e.path()).find(|p| std::fs::read_to_string(p).unwrap().contains(&id)).unwrap();
    // Closing and opening the dialog shows the folder kept in sync.
    app.js("[...document.querySelectorAll('[data-dialog=export] .dialog-footer button')].find(b => b.textContent === 'Cancel').click(); return true").await;
    app.wait_for_js("return !document.querySelector('.vault-sync')", "the dialog closed").await;
    app.click("#export-button").await;
    let folder = vault.canonicalize().unwrap().display().to_string();
    app.wait_for_js(
        &format!(
            "return document.querySelector('#vault-sync').checked && document.querySelector('.vault-path').textContent === {}",
            serde_json::to_string(&folder).unwrap()
        ),
        "the vault setting",
    )
    .await;
    app.screenshot("73-export-dialog-obsidian-vault").await;

    // A change in the app reaches the vault on its own (debounced).
    app.invoke("update_highlight", serde_json::json!({ "id": highlight, "patch": { "note": "The winter of 1861, says the ledger." } }))
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        if std::fs::read_to_string(&note).unwrap().contains("The winter of 1861") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the vault was not updated after the change");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    app.quit().await;
}
