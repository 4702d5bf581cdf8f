//! Sync in the app, end to end: two libraries (two "devices") share one
//! sync folder on local disk (a file-sync tool would copy it between
//! computers; here both apps simply see the same folder). A highlight with
//! a note made in app A appears in app B's open reader without anyone doing
//! anything there, and B's Sync dialog lists A with its name and syncs on
//! demand; B's undo forgets a highlight A changed, B's Obsidian vault is
//! rewritten after a round, a paragraph hidden in A folds away in B's open
//! reader; the theme chosen in A reaches B. Screenshots: target/e2e/90-sync-*.png.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::Path;

use common::{cli, App};
use thirtyfour::{By, Key};

const TEXT: &str = "The Ferry Ledger\n\n\
The ferry across the estuary ran every hour from the spring of 1887.\n\n\
Its captain kept a ledger of passengers, horses and crates of apples.\n\n\
In the storm of 1903 the ferry stayed at the pier for nine days.\n";

/// Opens the article titled `title` from the library list.
async fn open_article(app: &App, title: &str) {
    let script = format!(
        "const row = Array.from(document.querySelectorAll('.library-table tbody .row-title')).find(e => e.textContent === {title:?});
         if (!row) return false; row.click(); return true;"
    );
    app.wait_for_js(&script, "the article's row").await;
    app.wait_for_js("return document.documentElement.dataset.view === 'reader' && document.querySelector('#article-body').dataset.highlights !== undefined", "the reader")
        .await;
}

fn device(dir: &Path, name: &str, shared: &Path) -> std::path::PathBuf {
    let library = dir.join(format!("library-{name}"));
    std::fs::create_dir_all(&library).unwrap();
    cli(&library, &["sync", "--folder", shared.to_str().unwrap(), "--name", name]);
    library
}

#[tokio::test(flavor = "multi_thread")]
async fn a_highlight_made_in_one_app_appears_in_the_other_apps_open_reader() {
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let desk = device(dir.path(), "Desk", &shared);
    let file = dir.path().join("ferry.txt");
    std::fs::write(&file, TEXT).unwrap();
    cli(&desk, &["import", file.to_str().unwrap()]);
    cli(&desk, &["sync"]);
    // The laptop joins: it receives the article through the folder.
    let laptop = device(dir.path(), "Laptop", &shared);
    assert!(cli(&laptop, &["list"]).contains("The Ferry Ledger"), "the article reached the laptop");

    let a = App::launch(&desk).await;
    let b = App::launch(&laptop).await;
    // Both show that they sync.
    for app in [&a, &b] {
        app.wait_for_js("return document.querySelector('.sync-indicator').dataset.phase === 'synced'", "the indicator saying synced").await;
    }
    open_article(&b, "The Ferry Ledger").await;
    open_article(&a, "The Ferry Ledger").await;

    // A highlight with a note in A, made as a reader makes it.
    a.select_phrase("stayed at the pier for nine days").await;
    a.driver.find(By::Css(".hl-toolbar .swatch[data-color='blue']")).await.unwrap().click().await.unwrap();
    a.wait_for_js("return document.querySelectorAll('mark.hl[data-color=blue]').length > 0", "A's highlight").await;
    let id = a.js("return document.querySelector('mark.hl[data-color=blue]').dataset.hid").await;
    let id = id.as_str().unwrap().to_owned();
    a.invoke("update_highlight", serde_json::json!({ "id": id, "patch": { "note": "Nine days: check the harbour log." } })).await;

    // B shows it by itself: the mark in the text and the note in the margin.
    let arrived = format!(
        "const m = document.querySelector('mark.hl[data-hid=\"{id}\"]');
         const card = Array.from(document.querySelectorAll('.note-card')).find(c => c.textContent.includes('check the harbour log'));
         return !!m && m.dataset.color === 'blue' && m.textContent.length > 0 && !!card;"
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    loop {
        if b.js(&format!("return (function() {{ {arrived} }})()")).await == serde_json::Value::Bool(true) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the highlight and its note did not appear in B's reader");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let marked =
        b.js(&format!("return Array.from(document.querySelectorAll('mark.hl[data-hid=\"{id}\"]')).map(m => m.textContent).join('')")).await;
    assert_eq!(marked.as_str(), Some("stayed at the pier for nine days"));
    b.screenshot("90-sync-highlight-arrived").await;

    // B's Sync dialog, opened from the header indicator: the folder, this
    // device's name, the desk listed by name, and "Sync Now".
    b.click(".sync-indicator").await;
    b.wait_for_js(
        "return Array.from(document.querySelectorAll('.sync-device strong')).some(e => e.textContent === 'Desk')",
        "the desk in the device list",
    )
    .await;
    assert_eq!(b.js("return document.querySelector('.sync-name').value").await.as_str(), Some("Laptop"));
    let folder = b.js("return document.querySelector('.sync-folder-path').textContent").await;
    assert_eq!(folder.as_str().map(Path::new), Some(shared.canonicalize().unwrap().as_path()), "the folder shown");
    b.click(".sync-now").await;
    b.wait_for_js(
        "return /^Last sync just now: sent \\d+ changes?, received \\d+ changes?/.test(document.querySelector('.sync-result').textContent)",
        "the result of Sync Now",
    )
    .await;
    b.screenshot("90-sync-dialog").await;

    // Renaming the device from the dialog reaches the desk.
    b.js("const i = document.querySelector('.sync-name'); i.focus(); i.value = 'Travel laptop'; i.dispatchEvent(new Event('change')); return true").await;
    b.wait_for_js("return document.querySelector('.sync-error').textContent === ''", "the rename").await;
    b.click(".dialog-close").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let status = cli(&desk, &["sync", "status", "--json"]);
        if status.contains("Travel laptop") {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the new name did not reach the desk: {status}");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }

    // B writes in the note's editor while A changes the same note: B's
    // editor takes A's edit beside its own typing, and both reach A.
    b.js(&format!("document.querySelector('mark.hl[data-hid=\"{id}\"]').click(); return true")).await;
    b.wait_for_js("return !document.querySelector('.hl-toolbar').hidden", "the highlight's toolbar").await;
    b.click(".hl-toolbar .tb-note").await;
    let input = b.driver.find(By::Css(".note-card textarea")).await.unwrap();
    input.send_keys(" Ask Tom.").await.unwrap();
    a.invoke("update_highlight", serde_json::json!({ "id": id, "patch": { "note": "Nine stormy days: check the harbour log." } })).await;
    let merged = "Nine stormy days: check the harbour log. Ask Tom.";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    while b.js("return document.querySelector('.note-card textarea')?.value").await.as_str() != Some(merged) {
        assert!(std::time::Instant::now() < deadline, "A's edit did not reach B's open editor");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert!(b.text(".note-card .note-status").await.contains("both edits are kept"));
    b.screenshot("90-sync-note-merged").await;
    b.click(".note-card .note-save").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    let in_a = "return Array.from(document.querySelectorAll('.note-card')).some(c => c.textContent.includes('Nine stormy days: check the harbour log. Ask Tom.'))";
    while a.js(in_a).await != serde_json::Value::Bool(true) {
        assert!(std::time::Instant::now() < deadline, "the merged note did not reach A's reader");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }

    // B recolours the highlight (an entry on B's undo stack) and keeps an
    // Obsidian vault; then A rewrites the note. B's reader shows A's note,
    // B's vault is rewritten by the round (B changed nothing itself), and
    // B's Ctrl+Z no longer reaches the highlight: undoing the recolour would
    // have written B's old note back over A's.
    b.js(&format!("document.querySelector('mark.hl[data-hid=\"{id}\"]').click(); return true")).await;
    b.wait_for_js("return !document.querySelector('.hl-toolbar').hidden", "the highlight's toolbar").await;
    b.click(".hl-toolbar .swatch[data-color='green']").await;
    b.wait_for_js(&format!("return document.querySelector('mark.hl[data-hid=\"{id}\"]').dataset.color === 'green'"), "B's recolour").await;
    let vault = dir.path().join("Vault on the laptop");
    b.invoke("set_obsidian_vault", serde_json::json!({ "path": vault.to_str().unwrap() })).await;
    let in_vault = |text: &str| {
        std::fs::read_dir(&vault).unwrap().flatten().any(|e| std::fs::read_to_string(e.path()).unwrap_or_default().contains(text))
    };
    let from_a = "Checked on the desk: the harbour log says nine days.";
    assert!(!in_vault(from_a));
    a.invoke("update_highlight", serde_json::json!({ "id": id, "patch": { "note": from_a } })).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    let note_in_b = format!("return Array.from(document.querySelectorAll('.note-card')).some(c => c.textContent.includes({from_a:?}))");
    while b.js(&note_in_b).await != serde_json::Value::Bool(true) {
        assert!(std::time::Instant::now() < deadline, "A's note did not reach B's reader");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !in_vault(from_a) {
        assert!(std::time::Instant::now() < deadline, "B's vault was not rewritten after the round");
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    b.clear_toasts().await;
    b.js("document.activeElement?.blur(); return true").await;
    b.driver.action_chain().key_down(Key::Control).send_keys("z").key_up(Key::Control).perform().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    assert_eq!(
        b.js(&format!("return document.querySelector('mark.hl[data-hid=\"{id}\"]').dataset.color")).await.as_str(),
        Some("green"),
        "B's undo left the highlight alone"
    );
    assert_eq!(b.js(&note_in_b).await, serde_json::Value::Bool(true), "A's note stays in B's reader");
    let toasts = b.js("return Array.from(document.querySelectorAll('.toast')).map(t => t.textContent).join(' | ')").await;
    assert!(!toasts.as_str().unwrap_or_default().contains("Undid"), "{toasts}");
    let stored = cli(&laptop, &["highlights", "--json"]);
    assert!(stored.contains(from_a), "{stored}");

    // A hides a paragraph: B's open reader folds it away by itself.
    let start = b
        .js("return Number(Array.from(document.querySelectorAll('#article-body [data-o]')).find(p => p.textContent.startsWith('Its captain')).dataset.o)")
        .await;
    let list: serde_json::Value = serde_json::from_str(&cli(&desk, &["list", "--json"])).unwrap();
    let article = list[0]["id"].as_str().unwrap().to_owned();
    a.invoke("hide_paragraphs", serde_json::json!({ "id": article, "starts": [start.clone()] })).await;
    b.wait_for_js(
        &format!(
            "return document.querySelector('#article-body [data-o=\"{start}\"]').classList.contains('para-hidden')
                 && !!document.querySelector('#article-body .hidden-marker')"
        ),
        "the paragraph hidden in A folded away in B",
    )
    .await;
    b.screenshot("90-sync-hidden-arrived").await;

    // The reader's look follows them: the dark theme chosen in A turns B dark
    // by itself; the article open in each stays each device's own.
    a.click("button[data-theme-choice='dark']").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(40);
    while b.js("return document.documentElement.dataset.theme").await.as_str() != Some("dark") {
        assert!(std::time::Instant::now() < deadline, "A's theme did not reach B");
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(
        b.js("return document.querySelector('button[data-theme-choice=dark]').getAttribute('aria-pressed')").await.as_str(),
        Some("true")
    );
    b.screenshot("90-sync-theme-arrived").await;
    a.quit().await;

    // The folder goes away (an unmounted share): Sync Now says why, and the indicator shows the failure.
    std::fs::rename(&shared, dir.path().join("shared-gone")).unwrap();
    b.click(".sync-indicator").await;
    b.wait_for_js("return !!document.querySelector('.sync-now') && !document.querySelector('.sync-now').disabled", "the dialog").await;
    b.click(".sync-now").await;
    b.wait_for_js("return document.querySelector('.sync-indicator').dataset.phase === 'error'", "the indicator showing the failure").await;
    let said = b.js("return document.querySelector('.sync-result').textContent").await;
    assert!(said.as_str().unwrap().contains("failed") && said.as_str().unwrap().contains("shared"), "{said}");
    b.screenshot("90-sync-failed").await;
    b.quit().await;
}
