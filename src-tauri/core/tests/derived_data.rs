//! Derived data follows its source: an article's timeline (its extracted
//! events) is made again when the text it was extracted from or the
//! published date its relative dates were read against changes, and the
//! full-text index and kept counts follow restores and notes imports.
//! (Re-decoding's effect on search, counts, highlights and hidden paragraphs
//! is in `store/importing/tests.rs`.) Through the public API only, with our
//! own sentences.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use sidenote_core::export::{collect, render, ExportFormat};
use sidenote_core::import::{load_bytes, Format};
use sidenote_core::notes_import::import_notes_str;
use sidenote_core::timeline::TimelineEvent;
use sidenote_core::{Color, Extracted, HighlightFilter, Library, ListQuery, NewArticle, Outcome, SourceKind};

/// Every event quotes exactly its span of `text`.
fn assert_anchored(events: &[TimelineEvent], text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for e in events {
        let (s, end) = (e.start as usize, e.end as usize);
        assert!(end <= chars.len(), "event {:?} at {s}..{end} runs past the {}-character text", e.value, chars.len());
        let at: String = chars[s..end].iter().collect();
        assert_eq!(at, e.exact, "event {:?} at {s}..{end} does not quote the text", e.value);
    }
}

fn values(events: &[TimelineEvent]) -> Vec<&str> {
    events.iter().map(|e| e.value.as_str()).collect()
}

/// Bug: "read again with another encoding" replaced the text but kept the
/// events extracted from the old one, at the old text's offsets.
#[test]
fn reading_again_with_another_encoding_extracts_the_timeline_from_the_new_text() {
    let source = "Заметки о городе\n\nВ 1998 году построили новый мост через реку.\n\nВ 2004 году его закрыли на ремонт.";
    let mut lib = Library::open_in_memory().unwrap();
    let loaded = load_bytes("town.txt", source.as_bytes().to_vec(), Format::Text).unwrap();
    let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
    let id = article.summary.id;
    let before = lib.events(&id).unwrap();
    assert_eq!(values(&before), ["1998", "2004"]);
    assert_anchored(&before, &article.text);

    // Read as windows-1252, each Cyrillic letter becomes two characters: every offset moves.
    let reread = lib.redecode(&id, "windows-1252").unwrap();
    let text = reread.article.text;
    assert_ne!(text, article.text);
    let after = lib.events(&id).unwrap();
    assert_eq!(values(&after), ["1998", "2004"]);
    assert_anchored(&after, &text);
    assert!(after.iter().zip(&before).all(|(a, b)| a.start != b.start), "the events moved with their dates");
}

/// Bug: correcting the published date left relative dates ("yesterday")
/// resolved against the old one.
#[test]
fn a_new_published_date_re_dates_the_timeline() {
    let text = "Harbour report\n\nThe new ferry made its first crossing yesterday.\n\nThe old pier was demolished in 1987.";
    let mut lib = Library::open_in_memory().unwrap();
    let article = lib
        .insert_article(NewArticle {
            extracted: Extracted {
                title: "Harbour report".into(),
                text: text.into(),
                html: String::new(),
                published: Some("2010-05-12".parse().unwrap()),
                ..Default::default()
            },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap();
    let id = article.summary.id;
    assert_eq!(values(&lib.events(&id).unwrap()), ["2010-05-11", "1987"]);

    lib.update_article_metadata(&id, "Harbour report", None, Some("2015-03-02".parse().unwrap())).unwrap();
    let after = lib.events(&id).unwrap();
    assert_eq!(values(&after), ["2015-03-01", "1987"]);
    assert_anchored(&after, text);
}

/// An extracted event the reader only hid stays hidden when the timeline is
/// made again, with what the extractor now reads there.
#[test]
fn a_hidden_extracted_event_is_re_dated_and_stays_hidden() {
    let text = "Harbour report\n\nThe ferry was late yesterday.\n\nThe crane was moved last week.";
    let mut lib = Library::open_in_memory().unwrap();
    let id = lib
        .insert_article(NewArticle {
            extracted: Extracted {
                title: "Harbour".into(),
                text: text.into(),
                published: Some("2010-05-12".parse().unwrap()),
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
    let before = lib.events(&id).unwrap();
    let ferry = before.iter().find(|e| e.exact.contains("yesterday")).unwrap().clone();
    lib.set_event_hidden(&ferry.id, true).unwrap();
    lib.update_article_metadata(&id, "Harbour", None, Some("2015-03-02".parse().unwrap())).unwrap();
    let after = lib.events(&id).unwrap();
    let same = after.iter().find(|e| e.id == ferry.id).expect("the hidden event is kept");
    assert_eq!((same.value.as_str(), same.hidden), ("2015-03-01", true));
}

fn search(lib: &Library, words: &str) -> usize {
    lib.list_articles(&ListQuery { search: words.into(), ..Default::default() }).unwrap().len()
}

fn search_notes(lib: &Library, words: &str) -> usize {
    lib.list_highlights(&HighlightFilter { search: words.into(), ..Default::default() }).unwrap().len()
}

/// A restore brings articles, highlights and the reader's events; the
/// full-text rows and kept counts follow by themselves, and the timeline is
/// extracted from the restored text, the restored events in place of the
/// extracted ones on their spans.
#[test]
fn a_restore_is_searchable_counted_and_has_its_timeline() {
    let text = "Lighthouse log\n\nThe lamp was first lit in 1874 by the keeper's daughter.\n\nA new lens came from Paris in 1902, packed in straw.";
    let mut source = Library::open_in_memory().unwrap();
    let loaded = load_bytes("log.txt", text.as_bytes().to_vec(), Format::Text).unwrap();
    let Outcome::Imported(article) = source.import_loaded(loaded).unwrap() else { panic!("not imported") };
    let id = article.summary.id;
    source.create_highlight_from_quote(&id, "packed in straw", None, Color::Blue, "fragile cargo", &[]).unwrap();
    source.create_highlight_from_quote(&id, "the keeper's daughter", None, Color::Green, "", &[]).unwrap();
    let events = source.events(&id).unwrap();
    let lens = events.iter().find(|e| e.value == "1902").unwrap();
    source.update_event(&lens.id, Some("March 1902"), Some("The lens arrives")).unwrap();
    let json = render(&collect(&mut source, &[]).unwrap(), ExportFormat::Json).unwrap();

    let mut lib = Library::open_in_memory().unwrap();
    import_notes_str(&mut lib, &json, "notes.json").unwrap();
    assert_eq!(search(&lib, "straw"), 1, "the article's text is searchable");
    assert_eq!(search_notes(&lib, "fragile"), 1, "so are the highlights' notes");
    assert_eq!(lib.article(&id).unwrap().summary.highlight_count, 2, "and counted");
    let restored = lib.events(&id).unwrap();
    assert_eq!(values(&restored), ["1874", "1902-03"], "extracted 1874; the reader's corrected 1902 in place of the extracted one");
    assert_eq!(restored[1].label, "The lens arrives");
    assert_anchored(&restored, &lib.article(&id).unwrap().text);
}

/// Clippings added to a Kindle book's article grow its text: the new words
/// are searchable, the new highlight counted, and the timeline is made again
/// from the longer text.
#[test]
fn clippings_that_grow_a_book_reach_its_search_counts_and_timeline() {
    let clip = |at: &str, text: &str| {
        format!("Tides (Ada Quill)\n- Your Highlight at location {at} | Added on Monday, 3 March 2025 10:00:00\n\n{text}\n==========\n")
    };
    let first = clip("10-12", "The sea wall was built in 1820 and held through the winter storms.");
    let mut lib = Library::open_in_memory().unwrap();
    import_notes_str(&mut lib, &first, "My Clippings.txt").unwrap();
    let book = lib.list_articles(&ListQuery::default()).unwrap().remove(0);
    assert_eq!(values(&lib.events(&book.id).unwrap()), ["1820"]);
    let grown = format!("{first}{}", clip("40-41", "The harbour lights were first lit in 1853, at dusk."));
    import_notes_str(&mut lib, &grown, "My Clippings.txt").unwrap();
    assert_eq!(search(&lib, "harbour lights"), 1);
    assert_eq!(lib.article(&book.id).unwrap().summary.highlight_count, 2);
    let events = lib.events(&book.id).unwrap();
    assert_eq!(values(&events), ["1820", "1853"]);
    assert_anchored(&events, &lib.article(&book.id).unwrap().text);
}

/// A Readwise CSV's highlights on an article already in the library are
/// searchable and counted at once.
#[test]
fn readwise_highlights_reach_search_and_counts() {
    let text = "Canal notes\n\nThe lock keeper raised the paddles slowly so the boat would not knock.\n\nBy noon the barge had passed the last lock.";
    let mut lib = Library::open_in_memory().unwrap();
    let loaded = load_bytes("canal.txt", text.as_bytes().to_vec(), Format::Text).unwrap();
    let Outcome::Imported(article) = lib.import_loaded(loaded).unwrap() else { panic!("not imported") };
    let csv = "Highlight,Title,Author,URL,Note,Location,Date\nraised the paddles slowly,Canal notes,,,patience of the keeper,,2025-01-02\n";
    let report = import_notes_str(&mut lib, csv, "readwise.csv").unwrap();
    assert_eq!((report.articles_matched, report.highlights_added), (1, 1));
    assert_eq!(search_notes(&lib, "patience"), 1);
    assert_eq!(lib.article(&article.summary.id).unwrap().summary.highlight_count, 1);
}
