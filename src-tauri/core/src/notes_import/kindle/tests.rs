//! Kindle `My Clippings.txt` import, on our own clippings file (four invented
//! books, one per language): books become articles of their clippings, notes
//! join their highlights, re-imports add nothing, bad records stop it all.

use crate::notes_import::import_notes_str;
use crate::store::Library;

const CLIPPINGS: &str = include_str!("../testdata/my_clippings.txt");

fn article_by_title(lib: &Library, title: &str) -> crate::model::ArticleSummary {
    let all = lib.list_articles(&Default::default()).unwrap();
    all.into_iter().find(|a| a.title == title).unwrap_or_else(|| panic!("no article {title:?}"))
}

fn counts(lib: &Library) -> (u64, usize) {
    (lib.article_count().unwrap(), lib.list_highlights(&Default::default()).unwrap().len())
}

#[test]
fn each_book_becomes_an_article_of_its_clippings_with_notes_attached() {
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, CLIPPINGS, "My Clippings.txt").unwrap();
    assert_eq!((r.format.as_str(), r.articles_added, r.highlights_added, r.highlights_skipped), ("kindle", 4, 6, 0));

    let almanac = article_by_title(&lib, "The Lantern Keeper's Almanac");
    assert_eq!((almanac.byline.as_deref(), almanac.site.as_deref()), (Some("Ada Quill"), Some("Kindle")));
    let text = lib.article(&almanac.id).unwrap().text;
    // Book order (location 120 before 170); the re-made highlight at 120 replaced its shorter first version.
    assert_eq!(
        text,
        "The oil came by cart from the mill on the hill, twice a month.\n\nEvery lantern on the sea wall was trimmed before the fog came in."
    );
    let hs = lib.article_highlights(&almanac.id).unwrap();
    assert_eq!(hs.len(), 2, "the bookmark is skipped");
    let lantern = hs.iter().find(|h| h.exact.starts_with("Every lantern")).unwrap();
    assert_eq!(lantern.note, "Compare with the harbour log.", "the note at location 172 joins the highlight 170-172");
    assert_eq!(lantern.created_at, "2025-03-03T10:11:12.000Z");
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[lantern.start as usize..lantern.end as usize].iter().collect::<String>(), lantern.exact, "anchored on the article");

    let salz = article_by_title(&lib, "Das Salzbuch");
    let hs = lib.article_highlights(&salz.id).unwrap();
    let loose = hs.iter().find(|h| h.exact.starts_with("Nachsehen")).unwrap();
    assert_eq!(loose.tags, vec!["kindle-note"], "a note on no highlight is its own block");
    assert_eq!(hs.iter().find(|h| h.exact.starts_with("Das Salz")).unwrap().created_at, "2025-03-05T21:03:09.000Z");

    let jardin = article_by_title(&lib, "Le Jardin des Marées");
    let h = &lib.article_highlights(&jardin.id).unwrap()[0];
    assert_eq!((h.note.as_str(), h.created_at.as_str()), ("Vérifier l'almanach.", "2025-03-06T07:45:00.000Z"));
    let faro = article_by_title(&lib, "El Faro del Norte");
    assert_eq!(lib.article_highlights(&faro.id).unwrap()[0].created_at, "2025-03-07T19:20:00.000Z");
}

#[test]
fn crlf_and_byte_order_marks_read_the_same() {
    let windows = format!("\u{feff}{}", CLIPPINGS.replace('\n', "\r\n").replace("\r\n==========\r\n", "\r\n==========\r\n\u{feff}"));
    let mut a = Library::open_in_memory().unwrap();
    let mut b = Library::open_in_memory().unwrap();
    import_notes_str(&mut a, CLIPPINGS, "unix.txt").unwrap();
    let r = import_notes_str(&mut b, &windows, "windows.txt").unwrap();
    assert_eq!((r.articles_added, r.highlights_added), (4, 6));
    for title in ["The Lantern Keeper's Almanac", "Das Salzbuch", "Le Jardin des Marées", "El Faro del Norte"] {
        let (x, y) = (article_by_title(&a, title), article_by_title(&b, title));
        assert_eq!(a.article(&x.id).unwrap().text, b.article(&y.id).unwrap().text, "{title}");
        let notes = |lib: &Library, id: &str| {
            lib.article_highlights(id).unwrap().into_iter().map(|h| (h.exact, h.note, h.created_at)).collect::<Vec<_>>()
        };
        assert_eq!(notes(&a, &x.id), notes(&b, &y.id), "{title}");
    }
}

#[test]
fn reimporting_adds_nothing_and_a_grown_file_adds_only_the_new_clipping() {
    let mut lib = Library::open_in_memory().unwrap();
    import_notes_str(&mut lib, CLIPPINGS, "c.txt").unwrap();
    let again = import_notes_str(&mut lib, CLIPPINGS, "c.txt").unwrap();
    assert_eq!((again.articles_added, again.articles_matched, again.highlights_added, again.highlights_skipped), (0, 4, 0, 6));
    assert_eq!(counts(&lib), (4, 6));

    let almanac = article_by_title(&lib, "The Lantern Keeper's Almanac");
    let before = lib.article_highlights(&almanac.id).unwrap();
    let grown = format!(
        "{CLIPPINGS}The Lantern Keeper's Almanac (Ada Quill)\n- Your Highlight on page 40 | Location 610-611 | Added on Friday, 14 March 2025 18:00:00\n\nThe last lamp was carried home at dawn.\n==========\n"
    );
    let r = import_notes_str(&mut lib, &grown, "c.txt").unwrap();
    assert_eq!((r.articles_added, r.highlights_added, r.highlights_skipped), (0, 1, 6));
    let text = lib.article(&almanac.id).unwrap().text;
    assert!(text.ends_with("\n\nThe last lamp was carried home at dawn."), "{text}");
    let after = lib.article_highlights(&almanac.id).unwrap();
    for old in &before {
        let same = after.iter().find(|h| h.id == old.id).unwrap();
        assert_eq!((same.start, same.end, same.orphaned), (old.start, old.end, false), "appending moves no stored highlight");
    }
    assert_eq!(counts(&lib), (4, 7));
}

#[test]
fn a_malformed_record_is_named_and_nothing_is_imported() {
    let mut lib = Library::open_in_memory().unwrap();
    let meta_line = CLIPPINGS.lines().count() + 2;
    let broken = format!(
        "{CLIPPINGS}El Faro del Norte (Lucía Brisa)\n- Tu subrayado | Añadido el viernes, 7 de marzo de 2025 19:20:00\n\nSin posición.\n==========\n"
    );
    let err = import_notes_str(&mut lib, &broken, "My Clippings.txt").unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("My Clippings.txt: record 11 (line {meta_line}): ")) && err.contains("neither a location nor a page"),
        "{err}"
    );
    let broken = format!("{CLIPPINGS}El Faro del Norte (Lucía Brisa)\n- Tu subrayado en la posición 77 | Añadido el viernes, 7 de marzo 19:20:00\n\nSin año.\n==========\n");
    let err = import_notes_str(&mut lib, &broken, "My Clippings.txt").unwrap_err().to_string();
    assert!(err.starts_with(&format!("My Clippings.txt: record 11 (line {meta_line}): cannot read the date")), "{err}");
    assert_eq!(counts(&lib), (0, 0), "the ten good records before it were not imported either");

    let only_bookmarks = "A Book (Someone)\n- Your Bookmark at location 5 | Added on Monday, 3 March 2025 10:00:00\n\n\n==========\n";
    let err = import_notes_str(&mut lib, only_bookmarks, "b.txt").unwrap_err().to_string();
    assert!(err.contains("no highlights or notes"), "{err}");
}

#[test]
fn a_short_clipping_inside_a_longer_one_gets_its_own_block() {
    let input = "Tides (Ada Quill)\n- Your Highlight at location 10-14 | Added on Monday, 3 March 2025 10:00:00\n\nThe sea wall held through the winter storms.\n==========\n\
                 Tides (Ada Quill)\n- Your Highlight at location 30-30 | Added on Monday, 3 March 2025 10:05:00\n\nthe winter storms\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!(r.highlights_added, 2);
    let tides = article_by_title(&lib, "Tides");
    let text = lib.article(&tides.id).unwrap().text;
    assert_eq!(text, "The sea wall held through the winter storms.\n\nthe winter storms");
    let short = lib.article_highlights(&tides.id).unwrap().into_iter().find(|h| h.exact == "the winter storms").unwrap();
    assert_eq!(short.start as usize, text.chars().count() - "the winter storms".chars().count(), "on its own block, not inside the first");
    let again = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!((again.highlights_added, again.highlights_skipped), (0, 2));
    assert_eq!(lib.article(&tides.id).unwrap().text, text, "nothing appended");
}
