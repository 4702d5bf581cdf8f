//! `sidenote export` and `sidenote import-notes`, run as a user would: the real
//! binary on temporary libraries, with a small text file of our own.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use common::{library_with, ok, sidenote};

const FIXTURE: &str = "The orchard had forty pear trees and one old walnut.\n\n\
Every October the children shook the walnut, and the crows arrived within the hour.\n";

/// A library with the fixture and two highlights; returns (temp dir, library, article id).
fn setup() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let (dir, library, id) = library_with("orchard.txt", FIXTURE);
    ok(
        &library,
        &[
            "highlight",
            &id,
            "--quote",
            "one old walnut",
            "--color",
            "purple",
            "--tag",
            "trees",
            "--note",
            "Planted in 1890?\nAsk the neighbours.",
        ],
    );
    ok(&library, &["highlight", &id, "--quote", "the crows arrived"]);
    (dir, library, id)
}

#[test]
fn markdown_to_stdout_is_in_text_order_and_deterministic() {
    let (_dir, library, id) = setup();
    let first = ok(&library, &["export", &id[..8], "--format", "md"]);
    assert!(first.starts_with("---\ntitle: \""), "{first}");
    assert!(first.contains(&format!("sidenote-id: \"{id}\"\n---\n")), "{first}");
    let walnut = first.find("> one old walnut").expect("first quote");
    let crows = first.find("> the crows arrived").expect("second quote");
    assert!(walnut < crows);
    assert!(first.contains(&format!("*purple* #trees · [Open in Sidenote](sidenote://open/{id}#h=")), "{first}");
    assert!(first.contains(")\n\nPlanted in 1890?\nAsk the neighbours.\n"), "{first}");
    assert_eq!(ok(&library, &["export", "--format", "md"]), first, "same library, same bytes");
}

#[test]
fn a_folder_gets_one_markdown_file_per_article() {
    let (dir, library, id) = setup();
    let out = dir.path().join("vault");
    std::fs::create_dir(&out).unwrap();
    let printed = ok(&library, &["export", "--format", "md", "--out", out.to_str().unwrap()]);
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1);
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with(&format!("-{}.md", &id[..8])), "{name}");
    assert!(printed.contains(&name));
}

#[test]
fn json_export_restores_into_an_empty_library_once() {
    let (dir, library, id) = setup();
    let file = dir.path().join("notes.json");
    ok(&library, &["export", "--format", "json", "--out", file.to_str().unwrap()]);
    let empty = dir.path().join("restored");
    let report: serde_json::Value = serde_json::from_str(&ok(&empty, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!(report["articlesAdded"], 1);
    assert_eq!(report["highlightsAdded"], 2);
    // The restored library exports the same bytes (same ids, positions, notes, tags, colors).
    assert_eq!(ok(&empty, &["export", "--format", "json"]), std::fs::read_to_string(&file).unwrap());
    let again: serde_json::Value = serde_json::from_str(&ok(&empty, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!(again["highlightsAdded"], 0);
    assert_eq!(again["highlightsSkipped"], 2);
    assert!(ok(&empty, &["show", &id]).contains("forty pear trees"));
}

#[test]
fn a_broken_file_fails_with_one_line_and_imports_nothing() {
    let (dir, _library, _) = setup();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "Highlight,Title,Author,URL,Note,Location,Date\nfine,T,,,,,\n\"never closed,T,,,,,\n").unwrap();
    let empty = dir.path().join("empty");
    let out = sidenote(&empty, &["import-notes", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.csv: line 3"), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1);
    let list: serde_json::Value = serde_json::from_str(&ok(&empty, &["list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 0);
    let unknown = sidenote(&empty, &["export", "--format", "timeline"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("timeline-csv or timeline-json"));
}

const DATED: &str = "Pier and bridge\n\n\
The ferry pier opened in June 1962.\n\n\
The storm of 14 March 1988 carried the pier away.\n\n\
In the 1990s the island voted for a bridge, which opened in 2004.\n";

fn dated_library() -> (tempfile::TempDir, std::path::PathBuf, String) {
    library_with("pier.txt", DATED)
}

#[test]
fn timeline_csv_lists_the_articles_events_in_date_order() {
    let (_dir, library, id) = dated_library();
    let csv = ok(&library, &["export", &id[..8], "--format", "timeline-csv"]);
    let mut lines = csv.split("\r\n").filter(|l| !l.is_empty());
    assert_eq!(lines.next(), Some("date,precision,label,quote,article,error"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let dates: Vec<(&str, &str)> = rows.iter().map(|r| (r[0], r[1])).collect();
    assert_eq!(dates, [("1962-06", "month"), ("1988-03-14", "day"), ("199X", "decade"), ("2004", "year")], "{csv}");
    assert!(rows.iter().all(|r| r[r.len() - 2] == "Pier and bridge"), "the article column holds the title: {csv}");
    assert!(rows.iter().all(|r| r.last() == Some(&"")), "no warning marked as an error: {csv}");
    assert_eq!(ok(&library, &["export", "--format", "timeline-csv"]), csv, "deterministic");
}

#[test]
fn timeline_json_is_written_to_a_folder_for_timelinejs() {
    let (dir, library, _) = dated_library();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let printed = ok(&library, &["export", "--format", "timeline-json", "--out", out.to_str().unwrap()]);
    let file = out.join("sidenote-timeline.json");
    assert!(printed.contains("sidenote-timeline.json"), "{printed}");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["title"]["text"]["headline"], "Pier and bridge");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    assert_eq!(events[1]["start_date"], serde_json::json!({"year": 1988, "month": 3, "day": 14}));
    assert_eq!((&events[2]["start_date"]["year"], &events[2]["end_date"]["year"]), (&serde_json::json!(1990), &serde_json::json!(1999)));
    assert_eq!(events[2]["display_date"], "the 1990s");
}

const CLIPPINGS: &str = include_str!("../core/src/notes_import/testdata/my_clippings.txt");

#[test]
fn kindle_clippings_import_once_and_export_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("My Clippings.txt");
    // As a Kindle writes it: a byte order mark and CRLF line ends.
    std::fs::write(&file, format!("\u{feff}{}", CLIPPINGS.replace('\n', "\r\n"))).unwrap();
    let library = dir.path().join("library");
    let report: serde_json::Value = serde_json::from_str(&ok(&library, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!(
        (report["format"].as_str(), report["articlesAdded"].as_u64(), report["highlightsAdded"].as_u64()),
        (Some("kindle"), Some(4), Some(6))
    );
    let again: serde_json::Value = serde_json::from_str(&ok(&library, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!(
        (again["articlesAdded"].as_u64(), again["highlightsAdded"].as_u64(), again["highlightsSkipped"].as_u64()),
        (Some(0), Some(0), Some(6))
    );
    let md = ok(&library, &["export", "--format", "md"]);
    assert!(
        md.contains(
            "> Every lantern on the sea wall was trimmed before the fog came in.\n\n*yellow* · [Open in Sidenote](sidenote://open/"
        ),
        "{md}"
    );
    assert!(md.contains(")\n\nCompare with the harbour log.\n"), "{md}");
    assert!(md.contains("author: \"Kurt Ebbe\""), "{md}");
}

#[test]
fn an_unreadable_clipping_is_reported_by_line_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clips.txt");
    let line = CLIPPINGS.lines().count() + 2;
    std::fs::write(
        &file,
        format!("{CLIPPINGS}A Book (Someone)\n- Your Highlight | Added on Monday, 3 March 2025 10:00:00\n\nNo place.\n==========\n"),
    )
    .unwrap();
    let library = dir.path().join("library");
    let report: serde_json::Value = serde_json::from_str(&ok(&library, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!(report["highlightsAdded"], 6);
    assert_eq!(report["skipped"][0]["at"], format!("line {line}"));
    assert!(report["skipped"][0]["message"].as_str().unwrap().contains("neither a location nor a page"), "{report}");
    let list: serde_json::Value = serde_json::from_str(&ok(&library, &["list", "--json"])).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 4);
}

#[test]
fn hypothesis_annotations_are_recognised_by_content_whatever_the_file_is_called() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.csv");
    let rows = serde_json::json!({"total": 1, "rows": [{
        "id": "q1", "uri": "https://tides.example/essay", "text": "Worth a second look.", "tags": ["sea"],
        "created": "2025-02-01T10:00:00.000000+00:00", "document": {"title": ["Tides"]},
        "target": [{"source": "https://tides.example/essay", "selector": [{"type": "TextQuoteSelector", "exact": "The tide turned at noon."}]}]
    }]});
    std::fs::write(&file, rows.to_string()).unwrap();
    let library = dir.path().join("library");
    let report: serde_json::Value = serde_json::from_str(&ok(&library, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!((report["format"].as_str(), report["highlightsAdded"].as_u64()), (Some("hypothesis"), Some(1)));
    let md = ok(&library, &["export", "--format", "md"]);
    assert!(md.contains("> The tide turned at noon.") && md.contains("Worth a second look."), "{md}");
    let again: serde_json::Value = serde_json::from_str(&ok(&library, &["import-notes", file.to_str().unwrap()])).unwrap();
    assert_eq!((again["highlightsAdded"].as_u64(), again["highlightsSkipped"].as_u64()), (Some(0), Some(1)));
}
