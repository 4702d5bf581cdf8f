//! Golden-file tests: each format rendered from our own fixture and compared
//! byte for byte with a reviewed file in `golden/`. To accept a deliberate
//! change, run with `SIDENOTE_UPDATE_GOLDEN=1`, then read the diff.

use std::path::PathBuf;

use super::fixtures::{notes, BEES_TEXT};
use super::*;

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/export/golden").join(name);
    if std::env::var_os("SIDENOTE_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (run with SIDENOTE_UPDATE_GOLDEN=1)", path.display()));
    assert_eq!(actual, expected, "{name} differs from its golden file");
}

fn sorted() -> Vec<ArticleNotes> {
    // `collect` sorts highlights in text order; the fixture lists them shuffled.
    let mut n = notes();
    for a in &mut n {
        a.highlights.sort_by_key(|h| (h.start, h.end));
    }
    n
}

#[test]
fn markdown_matches_its_golden_file() {
    let out = render(&sorted(), ExportFormat::Md).unwrap();
    golden("notes.md", &out);
    assert!(out.starts_with(
        "---\ntitle: \"Beekeeping in the Hills: a \\\"light box\\\"\"\nauthor: \"M. Orchard\"\nsite: \"Hill Notes\"\n\
         url: \"https://hills.example/bees?x=1&y=2\"\npublished: \"2019-08\"\nimported: \"2026-01-02T10:00:00.000Z\"\n\
         tags:\n  - \"bees\"\n  - \"plants\"\n  - \"winter care\"\n"
    ));
    assert!(out.contains("> a light box meant \"feed them sugar, quickly\"\n\n*pink* #bees #winter-care\n\nAsk about *winter* feeding,\nand about \"fondant\".\n"));
    let first = out.find("> The hives").unwrap();
    let second = out.find("> where the heather").unwrap();
    assert!(first < second, "text order");
}

#[test]
fn json_matches_its_golden_file_and_is_a_web_annotation_collection() {
    let out = render(&sorted(), ExportFormat::Json).unwrap();
    golden("notes.json", &out);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"][0], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["total"], 3);
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(items[0]["motivation"], "commenting", "a note makes it commenting");
    assert_eq!(items[1]["motivation"], "highlighting");
    assert_eq!(items[1]["body"][0], serde_json::json!({"type": "TextualBody", "value": "plants", "purpose": "tagging"}));
    let sel = &items[1]["target"]["selector"];
    assert_eq!(sel[0]["type"], "TextQuoteSelector");
    assert_eq!(sel[0]["exact"], "where the heather flowered late");
    let start = BEES_TEXT.find("where the heather").unwrap(); // ASCII fixture
    assert_eq!(sel[1], serde_json::json!({"type": "TextPositionSelector", "start": start, "end": start + 31}));
    assert_eq!(v["sidenote:articles"][0]["text"], BEES_TEXT);
}

#[test]
fn csv_matches_readwise_columns_with_rfc4180_quoting() {
    let out = render(&sorted(), ExportFormat::Csv).unwrap();
    golden("notes.csv", &out);
    let bees_title = "\"Beekeeping in the Hills: a \"\"light box\"\"\"";
    let url = "https://hills.example/bees?x=1&y=2";
    let expected = format!(
        "Highlight,Title,Author,URL,Note,Location,Date\r\n\
         The hives,{bees_title},M. Orchard,{url},<script>alert(1)</script>,26,2026-01-06 12:00:00\r\n\
         where the heather flowered late,{bees_title},M. Orchard,{url},.plants,62,2026-01-05 08:00:00\r\n\
         \"a light box meant \"\"feed them sugar, quickly\"\"\",{bees_title},M. Orchard,{url},\
         \".bees .winter_care\nAsk about *winter* feeding,\nand about \"\"fondant\"\".\",150,2026-01-05 08:05:30\r\n"
    );
    assert_eq!(out, expected);
}

#[test]
fn html_is_self_contained_escaped_and_safe() {
    let out = render(&sorted(), ExportFormat::Html).unwrap();
    golden("notes.html", &out);
    assert!(out.contains("<title>Sidenote notes</title>"));
    assert!(out.contains("<h1>Ferry &lt;timetable&gt;</h1>"));
    assert!(out.contains("<blockquote class=\"c-pink\">a light box meant &quot;feed them sugar, quickly&quot;</blockquote>"));
    assert!(out.contains("<em>winter</em>"), "notes are rendered Markdown");
    assert!(!out.contains("<script"), "nothing in a note can run");
    assert!(!out.contains("src=") && !out.contains("<link"), "no outside resources");
}

#[test]
fn folder_export_names_files_stably_one_per_article() {
    let files = render_files(&sorted(), ExportFormat::Md).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["beekeeping-in-the-hills-a-light-box-0b5e2c1a.md", "ferry-timetable-5f0d9e88.md"]);
    assert!(files[1].1.contains("*No highlights.*"));
    let json = render_files(&sorted(), ExportFormat::Json).unwrap();
    assert_eq!(json.len(), 1);
    assert_eq!(json[0].0, "sidenote-notes.json");
}

#[test]
fn formats_parse_from_their_cli_names() {
    for f in ExportFormat::ALL {
        assert_eq!(f.as_str().parse::<ExportFormat>().unwrap(), f);
    }
    assert_eq!("Markdown".parse::<ExportFormat>().unwrap(), ExportFormat::Md);
    assert!("timeline-csv".parse::<ExportFormat>().unwrap_err().to_string().contains("md, json, csv or html"));
}
