//! `sidenote events` and `sidenote dates` on the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::process::Command;

fn run(args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_sidenote")).args(args).output().expect("run sidenote");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn events_of_a_file_in_date_order_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("town.txt");
    std::fs::write(
        &file,
        "The Mill Town\n\nIn March 1998, the old mill closed for good. The town had built it in 1871. \
         A museum opened there in June 2014, the council said.\n",
    )
    .unwrap();
    let json = run(&["events", file.to_str().unwrap(), "--published", "2010-05", "--json"]);
    let events = json["events"].as_array().unwrap();
    let values: Vec<&str> = events.iter().map(|e| e["value"].as_str().unwrap()).collect();
    assert_eq!(values, vec!["1871", "1998-03", "2014-06"]);
    assert_eq!(events[1]["label"], "The old mill closed for good");
    assert_eq!(events[1]["quote"], "March 1998");
    // The warning says why and on what evidence.
    let w = &events[2]["warnings"][0];
    assert_eq!(w["kind"], "after_publication");
    assert!(w["message"].as_str().unwrap().contains("after the article was published (May 2010)"), "{w}");
    assert_eq!(w["evidence"]["published"], "2010-05");
    assert_eq!(w["evidence"]["words"], serde_json::json!(["opened"]));
    assert!(w.get("mark").is_none(), "no verdict on a file's events: {w}");
    assert!(events[0]["warnings"].as_array().unwrap().is_empty());
}

#[test]
fn events_of_a_library_article_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let file = dir.path().join("pier.md");
    std::fs::write(&file, "# The Pier\n\nThe pier was rebuilt in 1987 after the storm of October 1986.\n").unwrap();
    let id = common::ok(&lib, &["import", file.to_str().unwrap()]).trim().to_owned();
    let json = run(&["--library", lib.to_str().unwrap(), "events", &id, "--json"]);
    let values: Vec<&str> = json["events"].as_array().unwrap().iter().map(|e| e["value"].as_str().unwrap()).collect();
    assert_eq!(values, vec!["1986-10", "1987"]);
}
