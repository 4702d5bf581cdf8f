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
fn an_unreadable_record_is_reported_by_line_and_the_rest_imports() {
    let mut lib = Library::open_in_memory().unwrap();
    let meta_line = CLIPPINGS.lines().count() + 2;
    let broken = format!(
        "{CLIPPINGS}El Faro del Norte (Lucía Brisa)\n- Tu subrayado | Añadido el viernes, 7 de marzo de 2025 19:20:00\n\nSin posición.\n==========\n"
    );
    let r = import_notes_str(&mut lib, &broken, "My Clippings.txt").unwrap();
    assert_eq!((r.articles_added, r.highlights_added), (4, 6), "the good records all import");
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    assert_eq!(r.skipped[0].at, format!("line {meta_line}"));
    assert!(r.skipped[0].message.contains("neither a location nor a page"), "{:?}", r.skipped);

    let mut lib = Library::open_in_memory().unwrap();
    let undated = format!("{CLIPPINGS}El Faro del Norte (Lucía Brisa)\n- Tu subrayado en la posición 77 | Añadido el viernes, 7 de marzo 19:20:00\n\nSin año.\n==========\n");
    let r = import_notes_str(&mut lib, &undated, "My Clippings.txt").unwrap();
    assert_eq!(r.highlights_added, 7, "a clipping whose date cannot be read is kept");
    assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
    assert!(r.warnings[0].at == format!("line {meta_line}") && r.warnings[0].message.contains("could not be read"), "{:?}", r.warnings);

    let only_bookmarks = "A Book (Someone)\n- Your Bookmark at location 5 | Added on Monday, 3 March 2025 10:00:00\n\n\n==========\n";
    let err = import_notes_str(&mut lib, only_bookmarks, "b.txt").unwrap_err().to_string();
    assert!(err.contains("no highlights or notes, only 1 bookmark"), "{err}");
    let nothing_readable = "A Book (Someone)\nno metadata here\n\nText.\n==========\n";
    assert!(import_notes_str(&mut lib, nothing_readable, "n.txt").is_err());
}

fn texts(lib: &Library, title: &str) -> Vec<(String, String, Vec<String>)> {
    let a = article_by_title(lib, title);
    let mut hs = lib.article_highlights(&a.id).unwrap();
    hs.sort_by_key(|h| h.start);
    hs.into_iter().map(|h| (h.exact, h.note, h.tags)).collect()
}

#[test]
fn a_kindle_3_file_with_two_digit_years_and_zone_names_imports() {
    // Issue #16: refused whole, "cannot read the date".
    let input = "Harbour Lights (Mina Storr)\n- Highlight on Page 41 | Loc. 620-21 | Added on Monday, 3 December 12 19:42:30 Greenwich Mean Time\n\nThe pilot boat went out at first light.\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, input, "k3.txt").unwrap();
    assert_eq!((r.highlights_added, r.warnings.len()), (1, 0), "{r:?}");
    let a = article_by_title(&lib, "Harbour Lights");
    assert_eq!(lib.article_highlights(&a.id).unwrap()[0].created_at, "2012-12-03T19:42:30.000Z");
}

#[test]
fn a_file_that_begins_with_a_separator_imports() {
    // Issue #16: refused as "unsupported file type".
    let input = format!("==========\n{CLIPPINGS}");
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, &input, "c.txt").unwrap();
    assert_eq!((r.format.as_str(), r.articles_added, r.highlights_added), ("kindle", 4, 6));
}

#[test]
fn different_passages_at_one_location_are_both_kept() {
    // Issue #16: `Loc. 6672` and `Loc. 6672-73` sharing no words were taken as
    // one superseding the other, and the first passage was lost.
    let input = "Tides (Ada Quill)\n- Highlight Loc. 6672  | Added on Monday, 3 March 2025 10:00:00\n\nThe keeper counted the ships.\n==========\n\
                 Tides (Ada Quill)\n- Highlight Loc. 6672-73  | Added on Monday, 3 March 2025 10:01:00\n\nRain fell on the slate roofs all night.\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!(r.highlights_added, 2);
    let got: Vec<String> = texts(&lib, "Tides").into_iter().map(|t| t.0).collect();
    assert_eq!(got, ["The keeper counted the ships.", "Rain fell on the slate roofs all night."]);
    // A highlight redone over the same passage (one text holds the other) still collapses to the longer.
    let redone = "Tides (Ada Quill)\n- Highlight Loc. 80-81  | Added on Monday, 3 March 2025 10:00:00\n\nThe keeper\n==========\n\
                  Tides (Ada Quill)\n- Highlight Loc. 80-82  | Added on Monday, 3 March 2025 10:01:00\n\nThe keeper walked the wall.\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, redone, "c.txt").unwrap();
    assert_eq!(r.highlights_added, 1);
    assert_eq!(texts(&lib, "Tides")[0].0, "The keeper walked the wall.");
}

#[test]
fn a_highlight_with_the_words_of_a_note_elsewhere_is_not_merged_away() {
    // Issue #16: a highlight whose text equals a standalone note's text
    // elsewhere in the book was merged against that note.
    let input = "Tides (Ada Quill)\n- Your Note at location 40 | Added on Monday, 3 March 2025 10:00:00\n\nThe sea keeps its own time.\n==========\n\
                 Tides (Ada Quill)\n- Your Highlight at location 900-901 | Added on Monday, 3 March 2025 11:00:00\n\nThe sea keeps its own time.\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!(r.highlights_added, 2);
    let got = texts(&lib, "Tides");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0], ("The sea keeps its own time.".to_owned(), String::new(), vec!["kindle-note".to_owned()]));
    assert_eq!(got[1], ("The sea keeps its own time.".to_owned(), String::new(), Vec::<String>::new()));
    let again = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!((again.highlights_added, again.highlights_skipped), (0, 2));
}

#[test]
fn a_chinese_kindle_file_imports() {
    // Issue #16: "not a highlight, note or bookmark".
    let input = "潮汐之书 (林海)\n- 您在位置 #2543-2544的标注 | 添加于 2024年4月1日星期一 下午2:30:45\n\n海浪在夜里退去。\n==========\n\
                 潮汐之书 (林海)\n- 您在位置 #2544的笔记 | 添加于 2024年4月1日星期一 下午2:31:00\n\n对照航海日志。\n==========\n\
                 潮汐之书 (林海)\n- 您在位置 #2600的书签 | 添加于 2024年4月1日星期一 下午2:40:00\n\n\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!((r.highlights_added, r.bookmarks, r.skipped.len()), (1, 1, 0), "{r:?}");
    let a = article_by_title(&lib, "潮汐之书");
    assert_eq!(a.byline.as_deref(), Some("林海"));
    let h = &lib.article_highlights(&a.id).unwrap()[0];
    assert_eq!(
        (h.exact.as_str(), h.note.as_str(), h.created_at.as_str()),
        ("海浪在夜里退去。", "对照航海日志。", "2024-04-01T14:30:45.000Z")
    );
}

#[test]
fn a_pdf_note_joins_the_highlight_on_its_page_and_empty_clippings_are_reported() {
    let input = "Field Notes (Ada Quill)\n- Your Highlight on page 7 | Added on Monday, 3 March 2025 10:00:00\n\nTerns nest on the shingle.\n==========\n\
                 Field Notes (Ada Quill)\n- Your Note on page 7 | Added on Monday, 3 March 2025 10:02:00\n\nCheck the spring count.\n==========\n\
                 Field Notes (Ada Quill)\n- Your Highlight on page 9 | Added on Monday, 3 March 2025 10:05:00\n\n\n==========\n";
    let mut lib = Library::open_in_memory().unwrap();
    let r = import_notes_str(&mut lib, input, "c.txt").unwrap();
    assert_eq!(r.highlights_added, 1);
    assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
    assert_eq!(texts(&lib, "Field Notes")[0].1, "Check the spring count.");
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
