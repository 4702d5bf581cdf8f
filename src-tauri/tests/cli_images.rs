//! `sidenote import` of a web page saves its images, as a real process
//! against the test site on 127.0.0.1 (never the internet).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test and benchmark code: a panic with its message is the failure report")]

mod common;

use std::path::Path;

use common::{ok, sidenote};
use sidenote_fuzz_checks::epub_builder::image_site::{ImageSite, CAPTION};

fn count(lib: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(lib.join("library.sqlite3")).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_page_is_imported_with_its_images_and_placeholders_for_the_rest() {
    let site = ImageSite::start();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = ok(&lib, &["import", &site.url("/article"), "--json", "--image-timeout", "1"]);
    let records: serde_json::Value = serde_json::from_str(&out).unwrap();
    let html = records["html"].as_str().expect("the article's HTML");
    assert_eq!(html.matches("data-image=").count(), 4, "{html}");
    assert_eq!(html.matches("data-failed=").count(), 3, "{html}");
    assert!(html.contains("within 1 second"), "{html}");
    assert!(!html.contains(" src="), "nothing is loaded from the web when reading: {html}");
    assert_eq!(count(&lib, "SELECT count(*) FROM images"), 4);
    assert_eq!(count(&lib, "SELECT count(*) FROM images WHERE mime = 'image/svg+xml' AND instr(bytes, 'script') = 0"), 1);
    assert_eq!(count(&lib, "SELECT count(*) FROM article_images WHERE source LIKE 'http://127.0.0.1:%'"), 4);
}

#[test]
fn with_saving_off_images_stay_links_and_nothing_is_fetched() {
    let site = ImageSite::start();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    ok(&lib, &["list"]);
    let conn = rusqlite::Connection::open(lib.join("library.sqlite3")).unwrap();
    conn.execute("INSERT INTO settings (key, value) VALUES ('saveImages', 'false')", []).unwrap();
    drop(conn);
    let out = sidenote(&lib, &["import", &site.url("/article"), "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let records: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let html = records["html"].as_str().unwrap();
    assert!(html.contains(&format!("src=\"{}\"", site.url("/img/plain.png"))), "{html}");
    assert!(!html.contains("data-image="), "{html}");
    assert_eq!(count(&lib, "SELECT count(*) FROM images"), 0);
    assert_eq!(site.requested(), ["/article"], "no image was fetched");
}

#[test]
fn a_markdown_export_copies_or_links_the_pictures_of_its_highlights() {
    let site = ImageSite::start();
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let id = ok(&lib, &["import", &site.url("/article"), "--image-timeout", "1"]).trim().to_owned();
    ok(&lib, &["highlight", &id, "--quote", CAPTION]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let written = ok(&lib, &["export", &id, "--format", "md", "--out", out.to_str().unwrap()]);
    let files: Vec<&str> = written.lines().collect();
    assert_eq!(files.len(), 2, "{written}");
    assert!(files[1].contains("/images/") && files[1].ends_with(".png"), "{written}");
    let md = std::fs::read_to_string(files[0]).unwrap();
    let name = Path::new(files[1]).file_name().unwrap().to_str().unwrap();
    assert!(md.contains(&format!("![The harbour wall at low tide](<images/{name}>)")), "{md}");
    assert!(std::fs::read(files[1]).unwrap().starts_with(b"\x89PNG"));
    let linked = ok(&lib, &["export", &id, "--format", "md"]);
    assert!(linked.contains(&format!("![The harbour wall at low tide](<{}>)", site.url("/img/plain.png"))), "{linked}");
    let bad = sidenote(&lib, &["export", &id, "--format", "md", "--out", out.to_str().unwrap(), "--images", "embed"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use copy or link"));
}
