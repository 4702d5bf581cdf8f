//! Importing, re-decoding and the sample article, with our own sentences.

use super::*;
use crate::highlight::{Color, ReanchorReport};
use crate::import::{load_bytes, Format};

fn import(lib: &mut Library, name: &str, bytes: Vec<u8>) -> Article {
    import_as(lib, name, bytes, Format::Text)
}

fn import_as(lib: &mut Library, name: &str, bytes: Vec<u8>, format: Format) -> Article {
    let Outcome::Imported(article) = lib.import_loaded(load_bytes(name, bytes, format).unwrap()).unwrap() else { panic!("not imported") };
    *article
}

#[test]
fn redecoding_fixes_a_wrong_guess_and_refuses_bad_labels() {
    let source = "Заметки\n\nВчера вечером в городе прошёл сильный дождь, и многие улицы оказались затоплены.";
    let (koi, _, _) = encoding_rs::KOI8_R.encode(source);
    let mut lib = Library::open_in_memory().unwrap();
    let id = import(&mut lib, "f.txt", koi.into_owned()).summary.id;
    let before = lib.source_info(&id).unwrap();
    assert!(before.can_redecode);
    assert_ne!(before.encoding.as_deref(), Some("KOI8-R"));
    let fixed = lib.redecode(&id, "koi8-r").unwrap().article;
    assert_eq!(lib.source_info(&id).unwrap().encoding.as_deref(), Some("KOI8-R"));
    assert_eq!(fixed.summary.title, "Заметки");
    assert!(fixed.text.starts_with("Вчера вечером"));
    let enc: String = lib.conn().query_row("SELECT encoding FROM articles WHERE id = ?1", [&id], |r| r.get(0)).unwrap();
    assert_eq!(enc, "KOI8-R");
    let err = lib.redecode(&id, "no-such-encoding").unwrap_err();
    assert_eq!(err.kind(), crate::error::ErrorKind::Unreadable);
    assert_eq!(lib.article(&id).unwrap().text, fixed.text);
    // The words are found under the right encoding, not the wrong one.
    let found =
        |lib: &Library, words: &str| lib.list_articles(&crate::ListQuery { search: words.into(), ..Default::default() }).unwrap().len();
    assert_eq!(found(&lib, "затоплены"), 1, "the full-text index follows the new text");
    assert_eq!(lib.find_duplicate(&fixed.text, None).unwrap().map(|a| a.id), Some(id.clone()), "so does the content hash");
    assert_eq!(fixed.summary.word_count, crate::model::word_count(&fixed.text));
}

/// Re-decoding keeps the reader's highlights: each is found again in the new
/// text by position, quote or approximate match, and what cannot be placed
/// is kept as an orphan, never deleted.
#[test]
fn redecoding_moves_highlights_to_the_new_text_and_orphans_what_it_cannot_place() {
    // UTF-8 read as windows-1252: every "é" becomes two characters, so
    // passages after one move, passages with one change, and the Cyrillic
    // passage is unrecognisable. (Markdown: plain text would also have its
    // boilerplate guessed again, which the garbled text changes.)
    let source = "# Harbour notes\n\nThe quay was rebuilt after the storm of 1911, when the sea broke the old wall.\n\n\
                  The café on the quay sold bread to the fishermen every morning before the boats went out.\n\n\
                  Записки о порте и рыбаках, которые каждый день выходили в море за рыбой.\n\n\
                  The lighthouse keeper kept a log of every ship that passed the point in the long winters.";
    let mut lib = Library::open_in_memory().unwrap();
    let article = import_as(&mut lib, "harbour.md", source.as_bytes().to_vec(), Format::Markdown);
    let id = article.summary.id.clone();
    let quote =
        |lib: &mut Library, q: &str| lib.create_highlight_from_quote(&id, q, None, Color::Green, "a note", &["port".into()]).unwrap();
    let same = quote(&mut lib, "The quay was rebuilt");
    let cafe = quote(&mut lib, "The café on the quay sold bread");
    let cyrillic = quote(&mut lib, "Записки о порте");
    let keeper = quote(&mut lib, "The lighthouse keeper kept a log");
    let deleted = quote(&mut lib, "every ship");
    lib.delete_highlight(&deleted.id).unwrap();

    let out = lib.redecode(&id, "windows-1252").unwrap();
    assert_eq!(out.highlights, ReanchorReport { unchanged: 1, moved: 1, fuzzy: 1, orphaned: 1 }, "the trashed one moves uncounted");
    let text: Vec<char> = out.article.text.chars().collect();
    let at = |h: &crate::Highlight| text[h.start as usize..h.end as usize].iter().collect::<String>();
    assert_eq!(at(&lib.highlight(&same.id).unwrap()), "The quay was rebuilt");
    let k = lib.highlight(&keeper.id).unwrap();
    assert_eq!((at(&k).as_str(), k.start > keeper.start), ("The lighthouse keeper kept a log", true));
    let c = lib.highlight(&cafe.id).unwrap();
    assert_eq!(
        (at(&c).as_str(), c.exact.as_str()),
        ("The cafÃ© on the quay sold bread", "The cafÃ© on the quay sold bread"),
        "found approximately"
    );
    assert_eq!((c.note.as_str(), c.tags.as_slice()), ("a note", ["port".to_owned()].as_slice()), "notes and tags stay");
    let orphans = lib.orphaned_highlights(&id).unwrap();
    assert_eq!(orphans.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [cyrillic.id.as_str()], "kept, not deleted");
    assert_eq!(lib.article(&id).unwrap().summary.highlight_count, 4, "orphans still count; the deleted one does not");
    assert_eq!(at(&lib.restore_highlight(&deleted.id).unwrap()), "every ship", "the trashed one moved too");

    // Read back as UTF-8, everything is where it was.
    let back = lib.redecode(&id, "utf-8").unwrap();
    assert_eq!(back.article.text, article.text);
    assert_eq!(back.highlights.orphaned, 0, "{:?}", back.highlights);
    for h in [&same, &cafe, &cyrillic, &keeper] {
        let now = lib.highlight(&h.id).unwrap();
        assert_eq!((now.start, now.end, now.exact.as_str(), now.orphaned), (h.start, h.end, h.exact.as_str(), false));
    }
}

#[test]
fn a_hidden_paragraph_stays_hidden_where_the_new_text_still_has_it() {
    let source = "Mill notes\n\nThe mill wheel at Montréal turned from 1820 to 1901.\n\nSubscribe for more, since 1999.\n\nThe miller’s son sold it in 1903.";
    let mut lib = Library::open_in_memory().unwrap();
    let article = import(&mut lib, "mill.txt", source.as_bytes().to_vec());
    let id = article.summary.id;
    let cp = |text: &str, needle: &str| text[..text.find(needle).unwrap()].chars().count() as u32;
    lib.hide_paragraphs(&id, &[cp(&article.text, "Subscribe"), cp(&article.text, "The miller")]).unwrap();
    // In windows-1252 "é" is two characters and the curly apostrophe three:
    // the promotion is the same words at a new offset, the miller's paragraph is not.
    let text = lib.redecode(&id, "windows-1252").unwrap().article.text;
    let start = cp(&text, "Subscribe");
    assert_ne!(start, cp(&article.text, "Subscribe"));
    let hidden = lib.hidden_ranges(&id).unwrap();
    assert_eq!(hidden, [crate::import::HiddenRange { start, end: start + "Subscribe for more, since 1999.".len() as u32 }]);
    let years: Vec<String> = lib.events(&id).unwrap().into_iter().map(|e| e.value).collect();
    assert_eq!(years, ["1820", "1903"], "the hidden promotion's year stays off the timeline (1820 to 1901 is one event)");
}

#[test]
fn a_source_that_was_not_kept_cannot_be_read_again() {
    let mut lib = Library::open_in_memory().unwrap();
    let a = lib
        .insert_article(NewArticle {
            extracted: crate::Extracted { title: "T".into(), text: "Some words.".into(), ..Default::default() },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        })
        .unwrap();
    assert!(!lib.source_info(&a.summary.id).unwrap().can_redecode);
    assert!(lib.redecode(&a.summary.id, "utf-8").unwrap_err().to_string().contains("not kept"));
}

#[test]
fn the_same_text_or_address_is_offered_not_stored_twice() {
    let mut lib = Library::open_in_memory().unwrap();
    let first = import(&mut lib, "a.txt", b"Tide tables\n\nThe tide turns twice a day at the harbour mouth.".to_vec());
    let again = lib.import_loaded(load_bytes("b.txt", first.text.as_bytes().to_vec(), Format::Text).unwrap()).unwrap();
    assert!(matches!(again, Outcome::Duplicate(ref a) if a.id == first.summary.id), "{again:?}");
    assert_eq!(lib.article_count().unwrap(), 1);
}

#[test]
fn sample_is_added_once_and_not_after_deletion() {
    let mut lib = Library::open_in_memory().unwrap();
    let sample = lib.ensure_sample().unwrap().expect("first run seeds");
    assert_eq!(sample.summary.title, "Welcome to Sidenote");
    assert_eq!(sample.summary.source_kind, SourceKind::Sample);
    assert!(sample.text.contains("11 March 1702"));
    assert!(lib.ensure_sample().unwrap().is_none());
    lib.delete_article(&sample.summary.id).unwrap();
    assert!(lib.ensure_sample().unwrap().is_none());
    assert_eq!(lib.article_count().unwrap(), 0);
}

#[test]
fn reading_again_keeps_the_details_the_reader_corrected() {
    let source = "Заметки\n\nВчера вечером в городе прошёл сильный дождь, и многие улицы оказались затоплены.";
    let (koi, _, _) = encoding_rs::KOI8_R.encode(source);
    let mut lib = Library::open_in_memory().unwrap();
    let id = import(&mut lib, "f.txt", koi.into_owned()).summary.id;
    lib.update_article_metadata(&id, "Rain in town", None, Some("2024-05-02".parse().unwrap())).unwrap();
    let fixed = lib.redecode(&id, "koi8-r").unwrap().article;
    assert!(fixed.text.starts_with("Вчера вечером"));
    assert_eq!(fixed.summary.title, "Rain in town", "the reader's title, not the new reading's");
    assert_eq!(fixed.summary.published.map(|p| p.to_string()).as_deref(), Some("2024-05-02"));
}

#[test]
fn hiding_a_paragraph_with_highlights_is_a_conflict_naming_them() {
    let source = "Mill notes\n\nThe mill wheel turned from 1820 to 1901.\n\nThe miller sold it in 1903.";
    let mut lib = Library::open_in_memory().unwrap();
    let article = import(&mut lib, "mill.txt", source.as_bytes().to_vec());
    let id = article.summary.id;
    let h = lib.create_highlight_from_quote(&id, "sold it", None, crate::highlight::Color::Yellow, "", &[]).unwrap();
    let start = article.text[..article.text.find("The miller").unwrap()].chars().count() as u32;
    let err = lib.hide_paragraphs(&id, &[start]).unwrap_err();
    let crate::Error::Conflict { what, ids, .. } = &err else { panic!("not a conflict: {err}") };
    assert_eq!((*what, ids.as_slice()), ("highlight", [h.id.clone()].as_slice()));
    assert!(lib.hidden_ranges(&id).unwrap().is_empty(), "nothing was hidden");
}
