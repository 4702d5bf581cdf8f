//! Importing notes: malformed files are refused whole, re-imports add nothing,
//! Readwise CSV finds its articles or makes them.

use super::sidenote_json::restore_json;
use super::*;
use crate::export::{collect, render, ExportFormat};
use crate::highlight::Color;
use crate::model::{Extracted, SourceKind};
use crate::store::NewArticle;

const HARBOUR: &str = "The harbour froze in the winter of 1947.\n\nFishermen walked across the ice to the lighthouse, carrying bread.";

fn library_with_notes() -> (Library, String) {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib
        .insert_article(NewArticle {
            extracted: Extracted { title: "Frozen Harbour".into(), text: HARBOUR.into(), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: Some("https://harbour.example/1947".into()),
            raw: None,
            encoding: None,
        })
        .unwrap();
    let id = a.summary.id;
    lib.create_highlight_from_quote(&id, "walked across the ice", None, Color::Blue, "On foot, *really*?", &["ice".into()]).unwrap();
    lib.create_highlight_from_quote(&id, "The harbour froze", None, Color::Yellow, "", &[]).unwrap();
    (lib, id)
}

fn counts(lib: &Library) -> (u64, usize) {
    let highlights = lib.list_highlights(&Default::default()).unwrap().len();
    (lib.article_count().unwrap(), highlights)
}

#[test]
fn a_malformed_annotation_is_named_and_nothing_is_imported() {
    let (mut lib, _) = library_with_notes();
    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["first"]["items"][1]["target"]["selector"][1]["end"] = serde_json::json!(100_000);
    let broken = serde_json::to_string(&v).unwrap();
    let mut fresh = Library::open_in_memory().unwrap();
    let err = restore_json(&mut fresh, &broken, "notes.json").unwrap_err().to_string();
    assert!(err.contains("notes.json: annotation 2 (urn:uuid:"), "{err}");
    assert!(err.contains("runs past"), "{err}");
    assert_eq!(counts(&fresh), (0, 0), "the article before the bad annotation was rolled back too");

    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["first"]["items"][0]["sidenote:color"] = serde_json::json!("orange");
    let err = restore_json(&mut fresh, &serde_json::to_string(&v).unwrap(), "notes.json").unwrap_err().to_string();
    assert!(err.contains("annotation 1") && err.contains("unknown color"), "{err}");

    let err = restore_json(&mut fresh, "{\"type\": \"AnnotationCollection\"", "notes.json").unwrap_err().to_string();
    assert!(err.contains("notes.json: not a Sidenote JSON export") && err.contains("line 1"), "{err}");
    assert_eq!(counts(&fresh), (0, 0));
}

#[test]
fn a_quote_that_does_not_match_its_position_is_refused() {
    let (mut lib, _) = library_with_notes();
    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["first"]["items"][0]["target"]["selector"][0]["exact"] = serde_json::json!("The harbour thawed");
    let mut fresh = Library::open_in_memory().unwrap();
    let err = restore_json(&mut fresh, &serde_json::to_string(&v).unwrap(), "x.json").unwrap_err().to_string();
    assert!(err.contains("does not match"), "{err}");
}

#[test]
fn readwise_csv_round_trips_into_an_empty_library_and_reimports_without_duplicates() {
    let (mut lib, _) = library_with_notes();
    let csv = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Csv).unwrap();
    let mut fresh = Library::open_in_memory().unwrap();
    let report = import_notes_str(&mut fresh, &csv, "readwise.csv").unwrap();
    assert_eq!((report.format.as_str(), report.articles_added, report.highlights_added), ("csv", 1, 2));
    let article = fresh.list_articles(&Default::default()).unwrap().remove(0);
    assert_eq!(article.title, "Frozen Harbour");
    assert_eq!(article.source_url.as_deref(), Some("https://harbour.example/1947"));
    let hs = fresh.article_highlights(&article.id).unwrap();
    let ice = hs.iter().find(|h| h.exact == "walked across the ice").unwrap();
    assert_eq!(ice.note, "On foot, *really*?");
    assert_eq!(ice.tags, vec!["ice"]);

    let again = import_notes_str(&mut fresh, &csv, "readwise.csv").unwrap();
    assert_eq!((again.articles_added, again.articles_matched, again.highlights_added, again.highlights_skipped), (0, 1, 0, 2));
    assert_eq!(counts(&fresh), (1, 2));
}

#[test]
fn readwise_rows_attach_to_the_article_with_their_url() {
    let (mut lib, id) = library_with_notes();
    let csv = "Highlight,Title,Author,URL,Note,Location,Date\n\
               carrying bread,Some other title,,https://harbour.example/1947,\"Warm, \"\"fresh\"\" bread\",,2025-02-03 04:05:06\n";
    let report = import_notes_str(&mut lib, csv, "r.csv").unwrap();
    assert_eq!((report.articles_matched, report.highlights_added), (1, 1));
    let h = lib.article_highlights(&id).unwrap().into_iter().find(|h| h.exact == "carrying bread").unwrap();
    assert_eq!(h.note, "Warm, \"fresh\" bread");
    assert_eq!(h.created_at, "2025-02-03T04:05:06.000Z");
}

#[test]
fn a_bad_csv_row_names_its_line_and_imports_nothing() {
    let mut lib = Library::open_in_memory().unwrap();
    let csv = "Highlight,Title,Author,URL,Note,Location,Date\nfirst quote,T,,,,,\nsecond,T,only three\n";
    let err = import_notes_str(&mut lib, csv, "r.csv").unwrap_err().to_string();
    assert_eq!(err, "r.csv: line 3: 3 fields where the header has 7");
    assert_eq!(counts(&lib), (0, 0));
    let err = import_notes_str(&mut lib, "just some words\n", "w.txt").unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::Unsupported);
}

#[test]
fn the_users_events_and_hidden_flags_are_restored_and_reimported_once() {
    let text = "The lighthouse was built in 1874. Its lamp was electrified in May 1931.\n\nThe keepers left the island in the 1980s.";
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib
        .insert_article(NewArticle {
            extracted: Extracted { title: "Island light".into(), text: text.into(), html: String::new(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap()
        .summary
        .id;
    let extracted = lib.events(&id).unwrap();
    assert!(extracted.len() >= 2, "{extracted:?}");
    let hidden = lib.set_event_hidden(&extracted[0].id, true).unwrap();
    let edited = lib.update_event(&extracted[1].id, Some("June 1931"), Some("Electric lamp lit")).unwrap();
    let keepers = text.find("The keepers left").unwrap() as u32;
    let mine = lib.add_event(&id, keepers, keepers + 16, "spring 1986", Some("Last keeper leaves")).unwrap();
    let before = lib.events(&id).unwrap();

    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    let mut fresh = Library::open_in_memory().unwrap();
    let r = restore_json(&mut fresh, &json, "notes.json").unwrap();
    assert_eq!((r.events_added, r.events_skipped), (3, 0));
    let after = fresh.events(&id).unwrap();
    for e in [&hidden, &edited, &mine] {
        assert!(after.contains(e), "{e:?} not restored: {after:?}");
    }
    let shown = |es: &[crate::timeline::TimelineEvent]| {
        let mut v: Vec<(String, String, u32)> =
            es.iter().filter(|e| !e.hidden).map(|e| (e.value.clone(), e.label.clone(), e.start)).collect();
        v.sort();
        v
    };
    assert_eq!(shown(&after), shown(&before), "the restored timeline shows what the old one showed");
    let again = restore_json(&mut fresh, &json, "notes.json").unwrap();
    assert_eq!((again.events_added, again.events_skipped), (0, 3));
    assert_eq!(fresh.events(&id).unwrap().len(), after.len());

    // A describing annotation with a date that is not on the calendar is refused, naming it.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let items = v["first"]["items"].as_array_mut().unwrap();
    let i = items.iter().position(|a| a["motivation"] == "describing").unwrap();
    items[i]["sidenote:event"]["value"] = serde_json::json!("PAST_REF");
    let mut empty = Library::open_in_memory().unwrap();
    let err = restore_json(&mut empty, &serde_json::to_string(&v).unwrap(), "notes.json").unwrap_err().to_string();
    assert!(err.contains(&format!("annotation {} (urn:uuid:", i + 1)) && err.contains("not a calendar date"), "{err}");
    assert_eq!(counts(&empty), (0, 0));
}

#[test]
fn collect_lists_anchored_highlights_in_text_order_then_orphans_without_deleted_ones() {
    let (mut lib, id) = library_with_notes();
    let bread = lib.create_highlight_from_quote(&id, "carrying bread", None, Color::Green, "", &[]).unwrap();
    let light = lib.create_highlight_from_quote(&id, "lighthouse", None, Color::Pink, "", &[]).unwrap();
    lib.delete_highlight(&light.id).unwrap();
    let shorter = "The harbour froze in the winter of 1947.\n\nFishermen walked across the ice.";
    let report = lib.write(|tx| tx.replace_text(&id, shorter, "", None)).unwrap();
    assert_eq!(report.orphaned, 1, "the bread is gone from the new text (and the deleted lighthouse, not counted)");
    // The same article named twice is exported once.
    let notes = collect(&mut lib, &[id.clone(), id[..8].to_owned()]).unwrap();
    assert_eq!(notes.len(), 1);
    let quotes: Vec<(&str, bool)> = notes[0].highlights.iter().map(|h| (h.exact.as_str(), h.orphaned)).collect();
    assert_eq!(quotes, [("The harbour froze", false), ("walked across the ice", false), ("carrying bread", true)]);
    assert_eq!(notes[0].highlights[2].id, bread.id);
}

#[test]
fn the_readers_verdicts_on_warnings_are_exported_and_restored() {
    let text = "The ferry company was founded in 1998. The harbour wall collapsed in March 2016, and the quay was rebuilt.";
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib
        .insert_article(NewArticle {
            extracted: Extracted {
                title: "Harbour wall".into(),
                text: text.into(),
                html: String::new(),
                published: Some("2012-05-01".parse().unwrap()),
                ..Default::default()
            },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap()
        .summary
        .id;
    let late = lib.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
    let kind = late.warnings[0].kind;
    lib.mark_warning(&late.id, kind, Some(crate::timeline::WarningMark::Error)).unwrap();

    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    assert!(json.contains("\"warningMarks\""), "{json}");
    let mut fresh = Library::open_in_memory().unwrap();
    restore_json(&mut fresh, &json, "notes.json").unwrap();
    let restored = fresh.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
    assert_eq!(restored.warnings.len(), 1, "{restored:?}");
    assert_eq!(restored.warnings[0].kind, kind);
    assert_eq!(restored.warnings[0].mark, Some(crate::timeline::WarningMark::Error));
    // Its evidence is extraction's, made again.
    assert_eq!(restored.warnings[0].evidence.words, ["collapsed"]);

    // An unknown verdict is refused, naming its annotation.
    let bad = json.replace("\"mark\": \"error\"", "\"mark\": \"maybe\"");
    let mut empty = Library::open_in_memory().unwrap();
    let err = restore_json(&mut empty, &bad, "notes.json").unwrap_err().to_string();
    assert!(err.contains("unknown warning verdict \"maybe\""), "{err}");
}

#[test]
fn a_notes_file_from_a_newer_format_names_both_versions_and_imports_nothing() {
    let (mut lib, _) = library_with_notes();
    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["sidenote:formatVersion"] = serde_json::json!(99);
    let mut fresh = Library::open_in_memory().unwrap();
    let err = restore_json(&mut fresh, &serde_json::to_string(&v).unwrap(), "notes.json").unwrap_err();
    let crate::Error::NewerFormat { found, supported, .. } = &err else { panic!("not NewerFormat: {err}") };
    assert_eq!((*found, *supported), (99, i64::from(crate::w3c::FORMAT_VERSION)));
    assert!(err.to_string().contains("format 99"), "{err}");
    assert_eq!(counts(&fresh), (0, 0));
}

#[test]
fn a_json_export_restored_into_a_new_library_exports_the_same_bytes() {
    let (mut lib, id) = library_with_notes();
    lib.add_article_note(&id, "The whole piece, *briefly*.").unwrap();
    let clippings = include_str!("testdata/my_clippings.txt");
    import_notes_str(&mut lib, clippings, "My Clippings.txt").unwrap();
    let page_note = r#"[{"id": "pn1", "uri": "https://gulls.example/", "text": "On gulls.", "target": [{"source": "https://gulls.example/"}],
        "created": "2025-01-01T00:00:00Z", "document": {"title": ["Gulls"]}}]"#;
    import_notes_str(&mut lib, page_note, "h.json").unwrap();
    let json = render(&collect(&mut lib, &[]).unwrap(), ExportFormat::Json).unwrap();

    let mut fresh = Library::open_in_memory().unwrap();
    let r = restore_json(&mut fresh, &json, "notes.json").unwrap();
    assert_eq!((r.articles_added, r.notes_added), (6, 2), "{r:?}");
    let again = render(&collect(&mut fresh, &[]).unwrap(), ExportFormat::Json).unwrap();
    assert_eq!(again, json, "the restored library exports byte for byte what the first one did");
}
