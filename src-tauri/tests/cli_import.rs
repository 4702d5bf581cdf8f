//! The `sidenote import` command on a temporary library.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::sidenote;

const STORY: &str =
    "The Lock Keeper\n\nEvery morning the lock keeper opened the gates before the first barges arrived from the city upstream.\n\n\
    He kept a ledger of every boat that passed, with its name, its cargo and the weather on the day it came through.\n";

#[test]
fn one_failure_does_not_stop_the_rest_and_nothing_bad_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let story = dir.path().join("story.txt");
    std::fs::write(&story, STORY).unwrap();
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 binary").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let out = sidenote(&lib, &["import", pdf.to_str().unwrap(), story.to_str().unwrap(), empty.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("PDF document files cannot be imported yet"), "{stderr}");
    assert!(stderr.contains("is empty"), "{stderr}");
    assert!(stderr.contains("2 of 3 files could not be imported"), "{stderr}");
    let list = sidenote(&lib, &["list", "--json"]);
    let articles: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(articles.as_array().map(Vec::len), Some(1));
    assert_eq!(articles[0]["title"], "The Lock Keeper");
    // Importing the same text again offers the existing article.
    let again = sidenote(&lib, &["import", story.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("already in the library"));
}

#[test]
fn a_refused_file_names_what_it_is_in_the_json_error() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 binary").unwrap();
    let out = sidenote(&lib, &["import", pdf.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON error on stdout");
    assert_eq!(printed["error"]["kind"], "Unsupported");
    assert_eq!(printed["error"]["data"]["detected"], "PDF document");
    assert_eq!(printed["error"]["data"]["what"], pdf.to_str().unwrap());

    // In a batch, each failure is a line on stderr and stdout holds only the records.
    let story = dir.path().join("story.txt");
    std::fs::write(&story, STORY).unwrap();
    let out = sidenote(&lib, &["import", pdf.to_str().unwrap(), story.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(records.as_array().map(Vec::len), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of 2 files could not be imported"));
}

#[test]
fn folders_import_their_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let folder = dir.path().join("drop");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), STORY).unwrap();
    std::fs::write(folder.join("b.md"), "# Second Piece\n\nA different story about the canal, told by the miller's daughter one winter.\n")
        .unwrap();
    std::fs::write(folder.join("skip.png"), b"\x89PNG").unwrap();
    let out = sidenote(&lib, &["import", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
}

#[test]
fn extract_json_has_the_keys_and_unreachable_urls_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let story = dir.path().join("story.txt");
    std::fs::write(&story, STORY).unwrap();
    let out = sidenote(dir.path(), &["extract", story.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in ["title", "byline", "site", "published", "lang", "text", "html"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/gone");
    let out = sidenote(&dir.path().join("lib"), &["import", &url]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not be reached"));
}
