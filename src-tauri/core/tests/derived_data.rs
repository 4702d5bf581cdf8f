//! Derived data follows its source: an article's timeline (its extracted
//! events) is made again when the text it was extracted from or the
//! published date its relative dates were read against changes. Through the
//! public API only, with our own sentences.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic with its message is the failure report")]

use sidenote_core::import::{load_bytes, Format};
use sidenote_core::timeline::TimelineEvent;
use sidenote_core::{Extracted, Library, NewArticle, Outcome, SourceKind};

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
