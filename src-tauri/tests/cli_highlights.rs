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
