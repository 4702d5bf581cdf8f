//! `sidenote timeline` as a real process: the library's events in date
//! order with their articles, the filters, and where articles disagree.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

use std::path::Path;
use std::process::{Command, Output};

fn sidenote(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sidenote")).arg("--library").arg(library).args(args).output().unwrap()
}

fn import(library: &Path, dir: &Path, name: &str, text: &str) -> String {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    let out = sidenote(library, &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_library_timeline_lists_events_in_date_order_and_where_articles_disagree() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("lib");
    let right = import(
        &library,
        dir.path(),
        "harbour.txt",
        "A harbour town at war\n\nThe ferry kept running all autumn. In October 2001, the United States invaded Afghanistan. The market reopened in May 1999.\n",
    );
    let wrong = import(
        &library,
        dir.path(),
        "steppe.txt",
        "Notes from the steppe\n\nGrain was short. When the United States invaded Afghanistan in October 2011, the border closed for a week.\n",
    );

    let all = json(&sidenote(&library, &["timeline", "--json"]));
    let events = all["events"].as_array().unwrap();
    let values: Vec<&str> = events.iter().map(|e| e["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["1999-05", "2001-10", "2011-10"]);
    let first = &events[1];
    assert_eq!(first["article_id"], right.as_str());
    assert_eq!(first["article_title"], "A harbour town at war");
    assert_eq!(first["quote"], "October 2001");
    assert!(first["label"].as_str().unwrap().contains("invaded Afghanistan"), "{first}");
    let (start, end) = (first["start"].as_u64().unwrap(), first["end"].as_u64().unwrap());
    assert_eq!(end - start, "October 2001".chars().count() as u64);

    let groups = all["disagreements"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{all}");
    let g = &groups[0];
    assert_eq!(g["kind"], "action");
    assert_eq!(g["verdict"], serde_json::Value::Null);
    let members: Vec<(&str, &str)> =
        g["events"].as_array().unwrap().iter().map(|e| (e["article_id"].as_str().unwrap(), e["value"].as_str().unwrap())).collect();
    assert_eq!(members, [(right.as_str(), "2001-10"), (wrong.as_str(), "2011-10")]);

    // Filters: a date range, a search.
    let range = json(&sidenote(&library, &["timeline", "--from", "2000", "--to", "2005-06", "--json"]));
    let values: Vec<&str> = range["events"].as_array().unwrap().iter().map(|e| e["value"].as_str().unwrap()).collect();
    assert_eq!(values, ["2001-10"]);
    let searched = json(&sidenote(&library, &["timeline", "--search", "steppe", "--json"]));
    assert_eq!(searched["events"].as_array().unwrap().len(), 1);
    assert_eq!(searched["events"][0]["article_id"], wrong.as_str());
    let tagged = json(&sidenote(&library, &["timeline", "--tag", "nothing-tagged-so", "--json"]));
    assert!(tagged["events"].as_array().unwrap().is_empty());
    assert!(tagged["disagreements"].as_array().unwrap().is_empty());

    // Plain text names the disagreement.
    let text = sidenote(&library, &["timeline"]);
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("Articles disagree:") && text.contains("2011-10") && text.contains("Notes from the steppe"), "{text}");

    // Exports of the filtered timeline.
    let csv = sidenote(&library, &["timeline", "--from", "2000", "--export", "csv"]);
    assert!(csv.status.success());
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert_eq!(csv.lines().count(), 3, "header and the two invasions: {csv}");
    assert!(csv.starts_with("date,precision,label,quote,article,article_id,start,end,disagreement\r\n"));
    let page = String::from_utf8(sidenote(&library, &["timeline", "--export", "html"]).stdout).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && !page.contains("<script") && page.contains("Where articles disagree"));
    let tl: serde_json::Value = serde_json::from_slice(&sidenote(&library, &["timeline", "--export", "timelinejs"]).stdout).unwrap();
    assert_eq!(tl["events"].as_array().unwrap().len(), 3);
    let bad = sidenote(&library, &["timeline", "--export", "pdf"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a timeline export format"));

    // A bad date is one clear line, and a JSON error with --json.
    let bad = sidenote(&library, &["timeline", "--from", "someday", "--json"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("“from” date “someday” is not a date"));
    let err: serde_json::Value = serde_json::from_slice(&bad.stdout).unwrap();
    assert_eq!(err["error"]["kind"], "Invalid");
}
