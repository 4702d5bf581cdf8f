//! `sidenote sync`, run as a user would: two libraries (two devices) on one
//! machine sharing a sync folder, the real binary for every step.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::Path;

use common::{fails, library_with, ok};

const FIXTURE: &str = "The night train to the coast left at ten.\n\n\
Passengers slept sitting up, and the guard woke them at the border with a lantern.\n";

fn json(library: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(library, args)).expect("JSON output")
}

fn note_of(library: &Path, article: &str) -> String {
    let all = json(library, &["highlights", article, "--json"]);
    all[0]["note"].as_str().expect("a highlight with a note").to_owned()
}

#[test]
fn two_devices_sync_highlights_and_notes_through_a_folder() {
    let (dir, desk, article) = library_with("train.txt", FIXTURE);
    let folder = dir.path().join("Sync");
    std::fs::create_dir(&folder).unwrap();
    let laptop = dir.path().join("laptop");
    let id = ok(&desk, &["highlight", &article, "--quote", "woke them at the border", "--note", "the lantern", "--tag", "Travel"]);
    let id = id.trim();

    let sent = json(&desk, &["sync", "--folder", folder.to_str().unwrap(), "--name", "desk", "--json"]);
    let keys: Vec<&str> = sent.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["device", "sent", "received", "articles", "highlights", "waiting"]);
    assert!(sent["sent"].as_u64().unwrap() >= 2, "{sent}");
    let device = sent["device"].as_str().unwrap().to_owned();
    assert!(folder.join(&device).join("changes.log").is_file(), "the device writes its own subfolder");

    let got = json(&laptop, &["sync", "--folder", folder.to_str().unwrap(), "--name", "laptop", "--json"]);
    assert_eq!((got["articles"].as_u64(), got["highlights"].as_u64(), got["waiting"].as_u64()), (Some(1), Some(1), Some(0)), "{got}");
    assert_eq!(note_of(&laptop, &article), "the lantern", "same article id and highlight id on both");

    // Both edit the note before either syncs again: both edits are kept.
    ok(&desk, &["note", id, "A lantern: the lantern"]);
    ok(&laptop, &["note", id, "the lantern, at the border"]);
    ok(&laptop, &["sync"]);
    ok(&desk, &["sync"]);
    ok(&laptop, &["sync"]);
    assert_eq!(note_of(&desk, &article), "A lantern: the lantern, at the border");
    assert_eq!(note_of(&laptop, &article), note_of(&desk, &article));

    let export = |lib: &Path| ok(lib, &["export", "--format", "json"]);
    assert_eq!(export(&desk), export(&laptop));

    let status = json(&desk, &["sync", "status", "--json"]);
    assert_eq!(status["syncing"], true);
    assert_eq!(status["name"], "desk");
    assert_eq!(status["devices"][0]["name"], "laptop", "{status}");
    assert!(status["devices"][0]["lastChangeAt"].is_string(), "{status}");
    assert!(ok(&desk, &["sync", "status"]).contains("laptop"));

    ok(&desk, &["sync", "--off"]);
    assert_eq!(json(&desk, &["sync", "status", "--json"])["syncing"], false);
    assert!(fails(&desk, &["sync"]).contains("sync --folder"));
    assert!(folder.join(&device).join("changes.log").is_file(), "turning sync off leaves the files");
    // Turned on again, it is the same device.
    let again = json(&desk, &["sync", "--folder", folder.to_str().unwrap(), "--json"]);
    assert_eq!(again["device"].as_str(), Some(device.as_str()));
}

#[test]
fn a_missing_folder_is_a_clear_error_that_changes_nothing() {
    let (dir, library, _) = library_with("train.txt", FIXTURE);
    let missing = dir.path().join("nowhere");
    let message = fails(&library, &["sync", "--folder", missing.to_str().unwrap()]);
    assert!(message.contains("nowhere"), "{message}");
    assert_eq!(json(&library, &["sync", "status", "--json"])["syncing"], false);
}
