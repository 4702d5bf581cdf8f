//! The highlight subcommands, run as a user would: the real binary on a
//! temporary library, with a small text file of our own imported first.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::Path;

use common::{fails, library_with, ok};

const FIXTURE: &str = "The ferry to the island ran twice a day in summer.\n\n\
In winter the ferry ran only on Saturdays, and the islanders stocked up on candles and tea.\n";

/// A fresh library holding the fixture; returns (temp dir, library dir, article id).
fn setup() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, library, id) = library_with("ferry.txt", FIXTURE);
    assert_eq!(id.len(), 36, "import prints the new id, got {id:?}");
    (dir, library, id)
}

fn highlights_json(library: &Path, article: &str) -> Vec<serde_json::Value> {
    let out = ok(library, &["highlights", article, "--json"]);
    serde_json::from_str(&out).expect("JSON array")
}

#[test]
fn highlight_a_quote_with_note_color_and_tags() {
    let (_dir, library, article) = setup();
    let out = ok(
        &library,
        &[
            "highlight",
            &article[..8],
            "--quote",
            "stocked up on candles",
            "--note",
            "winter *supplies*",
            "--color",
            "green",
            "--tag",
            "winter",
            "--tag",
            "shops",
        ],
    );
    let id = out.trim();
    assert_eq!(id.len(), 36);
    let all = highlights_json(&library, &article);
    assert_eq!(all.len(), 1);
    let h = &all[0];
    assert_eq!(h["id"], id);
    assert_eq!(h["exact"], "stocked up on candles");
    assert_eq!(h["color"], "green");
    assert_eq!(h["note"], "winter *supplies*");
    assert_eq!(h["tags"], serde_json::json!(["shops", "winter"]));
    assert_eq!(h["orphaned"], false);
    // Offsets are code points of the stored text.
    let text = ok(&library, &["show", &article, "--json"]);
    let text: serde_json::Value = serde_json::from_str(&text).expect("article JSON");
    let text: Vec<char> = text["text"].as_str().expect("text").chars().collect();
    let (start, end) = (h["start"].as_u64().expect("start") as usize, h["end"].as_u64().expect("end") as usize);
    assert_eq!(text[start..end].iter().collect::<String>(), "stocked up on candles");

    // The library-wide listing names the article.
    let listing = ok(&library, &["highlights"]);
    assert!(listing.contains("stocked up on candles") && listing.contains("(The ferry to the island"), "{listing}");
    assert!(listing.contains("#shops #winter"), "{listing}");
}

#[test]
fn an_ambiguous_quote_needs_an_occurrence() {
    let (_dir, library, article) = setup();
    let err = fails(&library, &["highlight", &article, "--quote", "ferry"]);
    assert!(err.contains("occurs 2 times") && err.contains("--occurrence"), "{err}");
    assert!(highlights_json(&library, &article).is_empty(), "nothing is written on error");
    let id = ok(&library, &["highlight", &article, "--quote", "ferry", "--occurrence", "2"]);
    let h = &highlights_json(&library, &article)[0];
    assert_eq!(h["id"], id.trim());
    assert_eq!(h["start"], FIXTURE.rfind("ferry").expect("in fixture") as u64);
    let err = fails(&library, &["highlight", &article, "--quote", "ferry", "--occurrence", "3"]);
    assert!(err.contains("occurrence 3 does not exist"), "{err}");
}

#[test]
fn an_ambiguous_quote_lists_each_copy_with_the_words_around_it() {
    let (_dir, library, article) = setup();
    let err = fails(&library, &["highlight", &article, "--quote", "ferry"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[1].trim_start().starts_with("1  The [ferry] to the island"), "{err}");
    assert!(lines[2].trim_start().starts_with("2  …") && lines[2].contains("In winter the [ferry] ran only"), "{err}");
}

#[test]
fn an_ambiguous_id_prefix_lists_what_it_matches() {
    let (dir, library, _) = setup();
    // 17 articles over 16 possible first characters: two ids share one.
    for n in 0..16 {
        let file = dir.path().join(format!("piece-{n}.txt"));
        std::fs::write(&file, format!("Piece number {n} is about the tides of the northern bay.\n")).unwrap();
        ok(&library, &["import", file.to_str().unwrap()]);
    }
    let list: Vec<serde_json::Value> = serde_json::from_str(&ok(&library, &["list", "--json"])).unwrap();
    let ids: Vec<&str> = list.iter().map(|a| a["id"].as_str().unwrap()).collect();
    let prefix = ids.iter().map(|id| &id[..1]).find(|p| ids.iter().filter(|id| id.starts_with(p)).count() > 1).unwrap();
    let sharing: Vec<&serde_json::Value> = list.iter().filter(|a| a["id"].as_str().unwrap().starts_with(prefix)).collect();

    let err = fails(&library, &["show", prefix]);
    assert!(err.contains("is ambiguous") && err.contains(&format!("matches {} articles", sharing.len())), "{err}");
    for a in &sharing {
        let line = format!("{}  {}", a["id"].as_str().unwrap(), a["title"].as_str().unwrap());
        assert!(err.contains(&line), "{line:?} missing from {err}");
    }

    // With --json the error is also on standard output, with its kind and data.
    let out = common::sidenote(&library, &["show", prefix, "--json"]);
    assert!(!out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON error on stdout");
    let error = &printed["error"];
    assert_eq!(error["kind"], "Ambiguous");
    assert_eq!(error["data"]["what"], "article");
    assert_eq!(error["data"]["given"], prefix);
    assert_eq!(error["data"]["candidates"].as_array().unwrap().len(), sharing.len());
    assert!(error["message"].as_str().unwrap().contains("is ambiguous"));
}

#[test]
fn json_errors_carry_their_kind_and_data() {
    let (_dir, library, _) = setup();
    let out = common::sidenote(&library, &["highlights", "00000000", "--json"]);
    assert!(!out.status.success());
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON error on stdout");
    assert_eq!(printed["error"]["kind"], "NotFound");
    assert_eq!(printed["error"]["data"], serde_json::json!({ "what": "article", "id": "00000000" }));
    assert!(String::from_utf8_lossy(&out.stderr).contains("article not found: 00000000"));
    // Without --json, standard output stays empty.
    let out = common::sidenote(&library, &["highlights", "00000000"]);
    assert!(!out.status.success() && out.stdout.is_empty());
}

#[test]
fn a_missing_quote_is_a_clear_error() {
    let (_dir, library, article) = setup();
    let err = fails(&library, &["highlight", &article, "--quote", "lighthouse"]);
    assert!(err.contains("does not occur"), "{err}");
    let err = fails(&library, &["highlight", &article, "--quote", "candles", "--color", "orange"]);
    assert!(err.contains("orange"), "{err}");
    assert!(highlights_json(&library, &article).is_empty());
}

#[test]
fn note_and_unhighlight() {
    let (_dir, library, article) = setup();
    let id = ok(&library, &["highlight", &article, "--quote", "twice a day"]).trim().to_owned();
    ok(&library, &["note", &id[..8], "Timetable changed in 1998."]);
    let h = &highlights_json(&library, &article)[0];
    assert_eq!(h["note"], "Timetable changed in 1998.");
    assert_eq!(h["color"], "yellow");
    let text = ok(&library, &["highlights", &article]);
    assert!(text.contains("twice a day") && text.contains("note: Timetable changed in 1998."), "{text}");

    ok(&library, &["unhighlight", &id]);
    assert!(highlights_json(&library, &article).is_empty());
    let err = fails(&library, &["unhighlight", &id]);
    assert!(err.contains("not found"), "{err}");
    let err = fails(&library, &["note", "00000000", "text"]);
    assert!(err.contains("highlight not found"), "{err}");
}
