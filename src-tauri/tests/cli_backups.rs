//! `backup`, `backups`, `restore`, `start-fresh` and the messages for a
//! library that cannot be opened, run as a user would.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::{Path, PathBuf};

use common::{fails, library_with, ok};
use sidenote_core::Library;

const FIXTURE: &str = "The lock keeper opened the gates at dawn for the coal barges.\n\n\
In dry summers the canal ran low and the barges waited for rain at the top lock.\n";

fn setup() -> (tempfile::TempDir, PathBuf, String) {
    library_with("canal.txt", FIXTURE)
}

fn backups_json(library: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(library, &["backups", "--json"])).expect("JSON array")
}

fn highlight_count(library: &Path) -> usize {
    ok(library, &["highlights"]).lines().count()
}

#[test]
fn back_up_list_and_restore_from_the_command_line() {
    let (_dir, library, article) = setup();
    ok(&library, &["highlight", &article, "--quote", "opened the gates at dawn"]);
    let made = ok(&library, &["backup"]);
    let made = made.trim();
    assert!(made.contains("/backups/library-") && made.ends_with("-manual.sqlite3"), "{made}");
    ok(&library, &["highlight", &article, "--quote", "waited for rain"]);
    assert_eq!(highlight_count(&library), 2);

    let listed = backups_json(&library);
    let manual = listed.iter().find(|b| b["reason"] == "manual").expect("the manual backup is listed");
    assert_eq!(manual["path"], made);
    assert_eq!(manual["articleCount"], 1);
    assert_eq!(manual["highlightCount"], 1);
    let text = ok(&library, &["backups"]);
    assert!(text.contains("1 articles, 1 highlights") && text.contains("manual"), "{text}");

    let name = manual["name"].as_str().expect("name");
    let restored = ok(&library, &["restore", name]);
    assert!(restored.contains(&format!("restored {name}")) && restored.contains("pre-restore"), "{restored}");
    assert_eq!(highlight_count(&library), 1, "back to the backup's state");
    // The replaced library (two highlights) is itself a backup now: restoring it undoes the restore.
    let pre = backups_json(&library).into_iter().find(|b| b["reason"] == "pre-restore").expect("pre-restore backup");
    assert_eq!(pre["highlightCount"], 2);
    ok(&library, &["restore", pre["name"].as_str().expect("name")]);
    assert_eq!(highlight_count(&library), 2);

    let missing = fails(&library, &["restore", "library-19990101T000000.000Z-manual.sqlite3"]);
    assert!(missing.contains("backup not found"), "{missing}");
}

#[test]
fn a_damaged_library_gets_a_clear_message_with_the_ways_out_and_is_left_alone() {
    let (_dir, library, article) = setup();
    ok(&library, &["highlight", &article, "--quote", "coal barges"]);
    ok(&library, &["backup"]);
    let file = library.join("library.sqlite3");
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(library.join(format!("library.sqlite3{companion}")));
    }
    let mut bytes = std::fs::read(&file).expect("library file");
    bytes[..16].copy_from_slice(b"not sqlite at al"); // the header no longer says SQLite
    std::fs::write(&file, &bytes).expect("damage it");

    let message = fails(&library, &["list"]);
    assert!(message.contains("is damaged or is not a Sidenote library"), "{message}");
    assert!(message.contains(&file.display().to_string()), "{message}");
    assert!(message.contains("sidenote restore") && message.contains("sidenote start-fresh"), "{message}");
    assert!(message.contains("the newest backup is library-"), "{message}");
    assert_eq!(std::fs::read(&file).expect("still there"), bytes, "the damaged file is untouched");

    let restored = ok(&library, &["restore"]);
    assert!(restored.contains("library.sqlite3.corrupt-"), "{restored}");
    assert_eq!(highlight_count(&library), 1);
}

#[test]
fn start_fresh_keeps_the_bad_file_aside() {
    let (_dir, library, _article) = setup();
    let file = library.join("library.sqlite3");
    for companion in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(library.join(format!("library.sqlite3{companion}")));
    }
    std::fs::write(&file, b"scribbles").expect("damage it");
    let out = ok(&library, &["start-fresh"]);
    assert!(out.contains("the old file is kept as"), "{out}");
    let aside: Vec<_> = std::fs::read_dir(&library)
        .expect("dir")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("library.sqlite3.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(aside[0].path()).expect("kept"), b"scribbles");
    let listing = ok(&library, &["list"]);
    assert!(!listing.contains("The lock keeper"), "a new, empty library: {listing}");
}

#[test]
fn a_library_from_a_newer_version_is_refused_byte_for_byte_untouched() {
    let (_dir, library, _article) = setup();
    {
        drop(Library::open_dir(&library).expect("open"));
        // The store keeps its connection to itself: the file is changed through one of our own.
        let conn = rusqlite::Connection::open(library.join("library.sqlite3")).expect("open the file");
        conn.pragma_update(None, "user_version", 42).expect("pretend a newer schema");
        conn.execute_batch("PRAGMA journal_mode = DELETE").expect("one self-contained file");
    }
    let file = library.join("library.sqlite3");
    let before = std::fs::read(&file).expect("library file");
    let backups_before = backups_json(&library).len();
    for args in [&["list"][..], &["highlights"][..], &["backup"][..]] {
        let message = fails(&library, args);
        assert!(message.contains("written by a newer Sidenote (schema 42"), "{message}");
        assert!(message.contains("nothing was changed"), "{message}");
    }
    assert_eq!(std::fs::read(&file).expect("library file"), before, "not a byte changed");
    assert_eq!(backups_json(&library).len(), backups_before);
}

#[cfg(unix)]
#[test]
fn restore_is_refused_while_the_app_has_the_library_open() {
    let (_dir, library, _article) = setup();
    ok(&library, &["backup"]);
    // What the running app listens on (see app/single_instance.rs).
    let _app = std::os::unix::net::UnixListener::bind(library.join(".sidenote-instance.sock")).expect("bind");
    let message = fails(&library, &["restore"]);
    assert!(message.contains("app has the library") && message.contains("quit it first"), "{message}");
    assert_eq!(backups_json(&library).iter().filter(|b| b["reason"] == "pre-restore").count(), 0, "nothing was done");
}

#[test]
fn check_reports_a_whole_library_as_ok() {
    let (_dir, library, _article) = setup();
    assert_eq!(ok(&library, &["check"]).trim(), "ok");
}
