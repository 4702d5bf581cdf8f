//! Omnivore import on export zips we build here in the shape its export job
//! writes (metadata list, saved pages, highlights as Markdown quotes).

use std::io::Write;

use serde_json::json;
use zip::write::SimpleFileOptions;

use super::*;
use crate::notes_import::import_notes_bytes;

/// A zip of `(name, contents)`, deflated as Omnivore's were.
fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const PAGE: &str = "<html><head><title>Tide tables</title></head><body><article><h1>Tide tables</h1>\
    <p>The harbour master posted the tide tables every Sunday morning, on the door of the customs house.</p>\
    <p>Boats waiting for the spring tide lined the outer mole for a week.</p>\
    <p>Nobody in the town could remember a winter without a storm from the north.</p></article></body></html>";

fn metadata() -> String {
    json!([
        {"id": "item-1", "slug": "tide-tables", "title": "Tide Tables", "author": "Mira Holm", "url": "https://harbour.example/tides",
         "labels": ["harbour", "to read"], "savedAt": "2024-05-01T09:30:00.000Z", "publishedAt": "2024-04-28T00:00:00.000Z",
         "description": "On tides."},
        {"id": "item-2", "slug": "gull-notes", "title": "Gull Notes", "author": null, "url": "https://gulls.example/notes",
         "labels": [], "savedAt": "2024-05-02T10:00:00.000Z"},
        {"id": "item-3", "slug": "never-read", "title": "Never Read", "url": "https://later.example/x",
         "labels": ["later"], "savedAt": "2024-05-03T10:00:00.000Z", "description": "A piece saved for a rainy day."}
    ])
    .to_string()
}

const TIDE_HIGHLIGHTS: &str =
    "> Boats waiting for the spring tide lined the outer mole for a week. \n\n#boats #spring\n\nCompare with the *harbour* log.\n\n\
                               > The harbour master posted the tide tables\n> \nevery Sunday morning \n\n";
const GULL_HIGHLIGHTS: &str =
    "A note on the whole piece.\n\n> Gulls nest on the mole in spring. \n\n> They leave in October. \n\nCounted twice.";

fn export() -> Vec<u8> {
    zip_of(&[
        ("Omnivore/metadata_0_to_3.json", &metadata()),
        ("Omnivore/content/tide-tables.html", PAGE),
        ("Omnivore/highlights/tide-tables.md", TIDE_HIGHLIGHTS),
        ("Omnivore/highlights/gull-notes.md", GULL_HIGHLIGHTS),
        ("__MACOSX/Omnivore/._metadata_0_to_3.json", "\u{0}\u{5}mac resource fork"),
        ("Omnivore/.DS_Store", "junk"),
    ])
}

fn by_title(lib: &Library, title: &str) -> crate::model::ArticleSummary {
    lib.list_articles(&Default::default()).unwrap().into_iter().find(|a| a.title == title).unwrap_or_else(|| panic!("no {title}"))
}

#[test]
fn highlights_files_read_quotes_labels_notes_and_notes_on_the_item() {
    let md = parse_highlights(TIDE_HIGHLIGHTS);
    assert!(md.page_notes.is_empty());
    assert_eq!(
        md.highlights,
        [
            MdHighlight {
                quote: "Boats waiting for the spring tide lined the outer mole for a week.".into(),
                labels: vec!["boats".into(), "spring".into()],
                note: "Compare with the *harbour* log.".into()
            },
            MdHighlight {
                quote: "The harbour master posted the tide tables\n\nevery Sunday morning".into(),
                labels: vec![],
                note: String::new()
            },
        ]
    );
    let md = parse_highlights(&GULL_HIGHLIGHTS.replace('\n', "\r\n"));
    assert_eq!(md.page_notes, ["A note on the whole piece."]);
    assert_eq!(md.highlights.len(), 2);
    assert_eq!(md.highlights[1].note, "Counted twice.");
}

#[test]
fn an_export_imports_articles_highlights_notes_and_labels_and_a_second_time_adds_nothing() {
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_bytes(&mut lib, &export(), "omnivore.zip").unwrap();
    assert_eq!(r.format, "omnivore");
    assert_eq!((r.articles_added, r.highlights_added, r.highlights_orphaned), (3, 4, 0), "{r:?}");
    assert_eq!(r.notes_added, 2, "the gull page note and the unread item's labels");
    assert!(r.skipped.is_empty(), "{:?}", r.skipped);

    // The saved page: Omnivore's title, author and date; highlights placed by our anchoring.
    let tides = by_title(&lib, "Tide Tables");
    assert_eq!((tides.byline.as_deref(), tides.imported_at.as_str()), (Some("Mira Holm"), "2024-05-01T09:30:00.000Z"));
    let article = lib.article(&tides.id).unwrap();
    assert!(article.text.contains("customs house"), "the saved text: {}", article.text);
    let hs = lib.article_highlights(&tides.id).unwrap();
    assert_eq!(hs.len(), 2);
    let boats = hs.iter().find(|h| h.exact.starts_with("Boats")).unwrap();
    assert_eq!(boats.note, "Compare with the *harbour* log.");
    assert_eq!(boats.tags, ["boats", "harbour", "spring", "to read"]);
    let chars: Vec<char> = article.text.chars().collect();
    assert_eq!(chars[boats.start as usize..boats.end as usize].iter().collect::<String>(), boats.exact);
    let master = hs.iter().find(|h| h.exact.starts_with("The harbour master")).unwrap();
    assert_eq!(master.exact, "The harbour master posted the tide tables every Sunday morning", "found across the quote's line break");

    // No saved page: an article of its quotes, with the page note kept on it.
    let gulls = by_title(&lib, "Gull Notes");
    assert_eq!(lib.article(&gulls.id).unwrap().text, "Gulls nest on the mole in spring.\n\nThey leave in October.");
    assert_eq!(lib.article_notes(&gulls.id).unwrap()[0].note, "A note on the whole piece.");

    // Neither: its description, and its labels as a note.
    let later = by_title(&lib, "Never Read");
    assert_eq!(lib.article(&later.id).unwrap().text, "A piece saved for a rainy day.");
    assert_eq!(lib.article_notes(&later.id).unwrap()[0].note, "Omnivore labels: #later");
    assert!(r.remarks.iter().any(|m| m.contains("1 item had neither saved text nor highlights")), "{:?}", r.remarks);

    let again = import_notes_bytes(&mut lib, &export(), "omnivore.zip").unwrap();
    assert_eq!((again.articles_added, again.highlights_added, again.notes_added), (0, 0, 0), "{again:?}");
    assert_eq!((again.highlights_skipped, again.notes_skipped), (4, 2));
    assert_eq!(lib.article_count().unwrap(), 3);
}

#[test]
fn an_export_without_highlights_imports_its_items_and_says_so() {
    let meta = json!([{"id": "x1", "slug": "tide-tables", "title": "Tide Tables", "url": "https://harbour.example/tides"}]).to_string();
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_bytes(&mut lib, &zip_of(&[("metadata_0_to_1.json", &meta), ("content/tide-tables.html", PAGE)]), "o.zip").unwrap();
    assert_eq!((r.articles_added, r.highlights_added), (1, 0));
    assert!(r.remarks.iter().any(|m| m.starts_with("The export holds no highlights")), "{:?}", r.remarks);
}

#[test]
fn a_zip_that_is_not_an_export_or_tries_to_escape_is_refused_with_a_reason() {
    let mut lib = Library::open_in_memory().unwrap();
    let err = import_notes_bytes(&mut lib, &zip_of(&[("notes.txt", "hello")]), "other.zip").unwrap_err().to_string();
    assert!(err.contains("not an Omnivore export") && err.contains("metadata_"), "{err}");
    let err = import_notes_bytes(&mut lib, b"PK\x03\x04 broken", "broken.zip").unwrap_err().to_string();
    assert!(err.contains("broken.zip"), "{err}");
    let err = import_notes_bytes(&mut lib, &zip_of(&[("metadata_0_to_0.json", "{\"not\": \"a list\"}")]), "o.zip").unwrap_err().to_string();
    assert!(err.contains("is not a list of items"), "{err}");

    let meta = json!([{"id": "x1", "slug": "a", "title": "A", "url": "https://a.example/"}, {"title": "no id or url"}]).to_string();
    let r = import_notes_bytes(&mut lib, &zip_of(&[("metadata_0_to_2.json", &meta), ("../../evil.html", "x")]), "o.zip").unwrap();
    assert_eq!(r.articles_added, 1);
    let at: Vec<&str> = r.skipped.iter().map(|n| n.at.as_str()).collect();
    assert_eq!(at, ["../../evil.html", "metadata_0_to_2.json item 2"], "{:?}", r.skipped);
}

#[test]
fn a_zip_bomb_is_refused() {
    // One entry of 64 MiB of zeros deflates to about 64 KiB: over the ratio allowed.
    let zeros = "\0".repeat(64 * 1024 * 1024);
    let meta = json!([{"id": "x1", "slug": "big", "title": "Big", "url": "https://a.example/"}]).to_string();
    let bytes = zip_of(&[("metadata_0_to_1.json", &meta), ("content/big.html", &zeros)]);
    assert!(bytes.len() < 1024 * 1024);
    let mut lib = Library::open_in_memory().unwrap();
    let err = import_notes_bytes(&mut lib, &bytes, "bomb.zip").unwrap_err().to_string();
    assert!(err.contains("inflates to over") || err.contains("too large") || err.contains("larger"), "{err}");
    assert_eq!(lib.article_count().unwrap(), 0, "nothing stored");
}
