//! Hypothesis import on annotation files we write ourselves in the shapes its
//! API search and its export give.

use serde_json::json;

use crate::model::{Extracted, SourceKind};
use crate::notes_import::import_notes_str;
use crate::store::{Library, NewArticle};

const URL: &str = "https://tides.example/essay";
const TEXT: &str = "The harbour froze in the winter of 1947.\n\nFishermen walked across the ice to the lighthouse, carrying bread.";

fn library_with_article() -> (Library, String) {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib
        .insert_article(NewArticle {
            extracted: Extracted { title: "Frozen Harbour".into(), text: TEXT.into(), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Html,
            source_url: Some(URL.into()),
            raw: Some(TEXT.as_bytes().to_vec()),
            encoding: Some("utf-8".into()),
        })
        .unwrap();
    (lib, a.summary.id)
}

fn quote_row(id: &str, uri: &str, exact: &str, prefix: &str, position: (u32, u32), text: &str, tags: &[&str]) -> serde_json::Value {
    json!({
        "id": id, "uri": uri, "user": "acct:mira@hypothes.is",
        "created": "2025-02-01T10:00:00.000000+01:00", "updated": "2025-02-02T10:00:00.000000+00:00",
        "text": text, "tags": tags, "document": {"title": ["Frozen Harbour"]},
        "target": [{"source": uri, "selector": [
            {"type": "RangeSelector", "startContainer": "/div[1]/p[2]", "startOffset": 0, "endContainer": "/div[1]/p[2]", "endOffset": 9},
            {"type": "TextPositionSelector", "start": position.0, "end": position.1},
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": ""}
        ]}]
    })
}

fn api_file(rows: Vec<serde_json::Value>) -> String {
    json!({"total": rows.len(), "rows": rows}).to_string()
}

#[test]
fn annotations_attach_to_the_article_with_the_same_address_by_our_anchoring() {
    let (mut lib, id) = library_with_article();
    // Hypothesis's positions count its copy of the page (here 20 characters of
    // navigation more): the quote and its context place it.
    let rows = vec![
        quote_row("a1", URL, "walked across the ice", "Fishermen ", (72, 93), "On *foot*.", &["ice", "winter"]),
        quote_row("a2", &format!("{URL}#section"), "The harbour froze", "", (20, 37), "", &[]),
        json!({"id": "p1", "uri": URL, "text": "A page note on the whole essay.", "tags": ["essay"], "created": "2025-02-03T08:00:00Z",
               "target": [{"source": URL}], "document": {"title": ["Frozen Harbour"]}}),
        json!({"id": "r1", "uri": URL, "text": "I agree.", "references": ["a1"], "user": "acct:sam@hypothes.is",
               "created": "2025-02-04T08:00:00Z", "target": [{"source": URL}]}),
    ];
    let r = import_notes_str(&mut lib, &api_file(rows.clone()), "hypothesis.json").unwrap();
    assert_eq!((r.format.as_str(), r.articles_added, r.articles_matched), ("hypothesis", 0, 1));
    assert_eq!((r.highlights_added, r.highlights_orphaned, r.notes_added), (2, 0, 1));
    let mut hs = lib.article_highlights(&id).unwrap();
    hs.sort_by_key(|h| h.start);
    assert_eq!((hs[0].exact.as_str(), hs[0].start, hs[0].end), ("The harbour froze", 0, 17));
    let ice = &hs[1];
    let start = TEXT.find("walked").unwrap() as u32; // ASCII
    assert_eq!((ice.exact.as_str(), ice.start, ice.end), ("walked across the ice", start, start + 21));
    assert_eq!(ice.note, "On *foot*.\n\n**Reply from sam:** I agree.");
    assert_eq!(ice.tags, ["ice", "winter"]);
    assert_eq!((ice.created_at.as_str(), ice.updated_at.as_str()), ("2025-02-01T09:00:00.000Z", "2025-02-02T10:00:00.000Z"));
    let notes = lib.article_notes(&id).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].note, "A page note on the whole essay.\n\nTags: essay");

    let again = import_notes_str(&mut lib, &api_file(rows), "hypothesis.json").unwrap();
    assert_eq!((again.highlights_added, again.highlights_skipped, again.notes_added, again.notes_skipped), (0, 2, 0, 1));
    assert_eq!(lib.article_count().unwrap(), 1);
}

#[test]
fn a_page_not_in_the_library_becomes_a_quotes_article_and_the_export_shape_reads() {
    let mut lib = Library::open_in_memory().unwrap();
    let other = "https://gulls.example/notes";
    let file = json!({
        "export_date": "2025-03-01T00:00:00Z", "export_userid": "acct:mira@hypothes.is",
        "annotations": [
            quote_row("b1", other, "Gulls nest on the mole.", "", (0, 23), "Spring only.", &[]),
            quote_row("b2", other, "They leave in   October.", "", (30, 54), "", &["autumn"]),
        ]
    })
    .to_string();
    let r = import_notes_str(&mut lib, &file, "export.json").unwrap();
    assert_eq!((r.articles_added, r.highlights_added, r.highlights_orphaned), (1, 2, 0));
    let a = lib.list_articles(&Default::default()).unwrap().remove(0);
    assert_eq!((a.title.as_str(), a.site.as_deref()), ("Frozen Harbour", Some("gulls.example")));
    let article = lib.article(&a.id).unwrap();
    assert_eq!(article.text, "Gulls nest on the mole.\n\nThey leave in October.");
    assert_eq!(article.summary.source_url.as_deref(), Some(other));
    let hs = lib.article_highlights(&a.id).unwrap();
    assert!(hs.iter().all(|h| article.text.chars().skip(h.start as usize).take((h.end - h.start) as usize).collect::<String>() == h.exact));
    let again = import_notes_str(&mut lib, &file, "export.json").unwrap();
    assert_eq!((again.articles_added, again.highlights_added, again.highlights_skipped), (0, 0, 2));
    assert_eq!(lib.article(&a.id).unwrap().text, article.text, "nothing appended on a second import");
}

#[test]
fn a_quote_the_article_does_not_hold_is_kept_as_an_orphan() {
    let (mut lib, id) = library_with_article();
    let rows = vec![quote_row("c1", URL, "a sentence that was edited away", "", (5, 36), "Still mine.", &[])];
    let r = import_notes_str(&mut lib, &api_file(rows), "h.json").unwrap();
    assert_eq!((r.highlights_added, r.highlights_orphaned), (1, 1));
    assert!(lib.article_highlights(&id).unwrap().is_empty(), "not placed in the text");
    let h = &lib.orphaned_highlights(&id).unwrap()[0];
    assert!(h.orphaned);
    assert_eq!((h.exact.as_str(), h.note.as_str()), ("a sentence that was edited away", "Still mine."));
}

#[test]
fn bad_rows_are_reported_and_bad_files_refused_with_a_reason() {
    let mut lib = Library::open_in_memory().unwrap();
    let rows = vec![
        json!({"id": "", "uri": URL, "text": "no id"}),
        json!({"id": "d2", "uri": 7}),
        quote_row("d3", URL, "Kept anyway.", "", (0, 12), "", &[]),
    ];
    let r = import_notes_str(&mut lib, &api_file(rows), "h.json").unwrap();
    assert_eq!(r.highlights_added, 1);
    assert_eq!(r.skipped.iter().map(|n| n.at.as_str()).collect::<Vec<_>>(), ["annotation 1", "annotation 2"]);
    let err = import_notes_str(&mut lib, r#"{"total": 0, "rows": []}"#, "empty.json").unwrap_err().to_string();
    assert!(err.contains("no annotations"), "{err}");
    let err = import_notes_str(&mut lib, r#"{"uri": "x", "rows": "nope"}"#, "odd.json").unwrap_err().to_string();
    assert!(err.contains("not a list"), "{err}");
    assert_eq!(lib.article_count().unwrap(), 1);
}
