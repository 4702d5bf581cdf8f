use sidenote_fuzz_checks::epub_builder::{sample_book, tiny_png, Chapter, EpubBook};

use super::*;
use crate::error::ErrorKind;
use crate::import::layout::contract_violation;

fn load(book: &EpubBook) -> Result<Loaded> {
    load_epub("book.epub", book.build())
}

fn titles(l: &Loaded) -> Vec<(String, u8)> {
    l.attachments.toc.iter().map(|e| (e.title.clone(), e.level)).collect()
}

/// The text from `start` on, first `n` characters.
fn at(text: &str, start: u32, n: usize) -> String {
    text.chars().skip(start as usize).take(n).collect()
}

#[test]
fn epub3_and_epub2_books_read_in_spine_order_with_contents_metadata_and_links() {
    for version in [3, 2] {
        let l = load(&sample_book(version)).unwrap();
        let e = &l.extracted;
        assert_eq!(contract_violation(&e.text, &e.html), None, "EPUB {version}");
        assert_eq!(e.title, "The Salt Roads");
        assert_eq!(e.byline.as_deref(), Some("Ada Wren"));
        assert_eq!(e.site.as_deref(), Some("Harbour Press"));
        assert_eq!(e.published.map(|p| p.to_string()).as_deref(), Some("1999-05-02"));
        assert_eq!(e.lang.as_deref(), Some("en"));
        assert_eq!(e.dir.as_deref(), Some("ltr"));
        assert_eq!(l.kind, SourceKind::Epub);
        // Spine order, the non-linear notes after the main text.
        let order = ["The tide went out", "In October 1852", "By the spring of 1853", "The harbour log for that year"];
        let found: Vec<usize> = order.iter().map(|s| e.text.find(s).unwrap_or_else(|| panic!("{s} missing"))).collect();
        assert!(found.windows(2).all(|w| w[0] < w[1]), "{found:?}");
        // Contents from the nav (EPUB 3) or the NCX (EPUB 2), at their text.
        assert_eq!(
            titles(&l),
            [
                ("Chapter One: Low Water".to_owned(), 1),
                ("The Harbour".to_owned(), 2),
                ("Chapter Two: The Flood".to_owned(), 1),
                ("Chapter Three: Rebuilding".to_owned(), 1)
            ]
        );
        let toc = &l.attachments.toc;
        assert_eq!(at(&e.text, toc[0].start, 11), "Chapter One");
        assert_eq!(at(&e.text, toc[1].start, 11), "The Harbour");
        assert_eq!(at(&e.text, toc[3].start, 13), "Chapter Three");
        // Structure survives: headings, list, quote, table, figure with caption.
        for tag in
            ["<h1 data-o=", "<h2 data-o=", "<li data-o=", "<blockquote>", "<table>", "<th data-o=", "<figure>", "<figcaption data-o="]
        {
            assert!(e.html.contains(tag), "EPUB {version}: {tag} missing from {}", e.html);
        }
        // Footnote reference → note → back, and a link between chapters, all as offsets.
        let targets: Vec<u32> =
            e.html.match_indices("<a data-to=\"").map(|(i, m)| e.html[i + m.len()..].split('"').next().unwrap().parse().unwrap()).collect();
        assert_eq!(targets.len(), 3, "{}", e.html);
        assert_eq!(at(&e.text, targets[0], 12), "1 The harbou", "the note");
        assert_eq!(at(&e.text, targets[1], 11), "The Harbour", "the chapter link");
        assert_eq!(at(&e.text, targets[2], 1), "1", "back to the reference");
        assert!(!e.html.contains("sidenote.invalid"), "{}", e.html);
        // The image is stored and referred to by its hash with its size.
        assert_eq!(l.attachments.images.len(), 1);
        let img = &l.attachments.images[0];
        assert_eq!((img.mime, img.width, img.height), ("image/png", 3, 2));
        assert!(
            e.html.contains(&format!("<img data-image=\"{}\" width=\"3\" height=\"2\" alt=\"A gull on a post\">", img.hash)),
            "{}",
            e.html
        );
        let details = l.attachments.book.as_ref().unwrap();
        assert_eq!(details.publisher.as_deref(), Some("Harbour Press"));
        assert_eq!(details.identifier.as_deref(), Some("urn:uuid:0b6f3a52-6f43-4d7e-9a35-5c0d7a1e2f00"));
    }
}

#[test]
fn ids_repeated_across_chapters_stay_apart() {
    let mut book = EpubBook::new(3, "Twice");
    for n in 1..=2 {
        book = book.chapter(Chapter::new(
            &format!("c{n}.xhtml"),
            &format!("Part {n}"),
            &format!("<p><a href=\"#n1\">see note</a> in part {n}.</p><p id=\"n1\">Note of part {n}.</p>"),
        ));
    }
    let l = load(&book).unwrap();
    let e = &l.extracted;
    let targets: Vec<usize> =
        e.html.match_indices("data-to=\"").map(|(i, m)| e.html[i + m.len()..].split('"').next().unwrap().parse().unwrap()).collect();
    assert_eq!(targets.len(), 2);
    assert_eq!(at(&e.text, targets[0] as u32, 14), "Note of part 1");
    assert_eq!(at(&e.text, targets[1] as u32, 14), "Note of part 2");
}

#[test]
fn chapter_titles_fall_back_to_the_first_heading() {
    let mut book = EpubBook::new(3, "No Contents");
    book.nav = false;
    book.ncx = false;
    let book = book.chapter(Chapter::new("a.xhtml", "ignored", "<h2>The Quay</h2><p>Rope and tar and fish.</p>")).chapter(Chapter::new(
        "b.xhtml",
        "ignored",
        "<h1>The Market</h1><p>Salt sold by the sack.</p>",
    ));
    let l = load(&book).unwrap();
    assert_eq!(titles(&l), [("The Quay".to_owned(), 1), ("The Market".to_owned(), 1)]);
}

#[test]
fn right_to_left_books_keep_their_direction_and_text() {
    let mut book = EpubBook::new(3, "كتاب المد");
    book.language = "ar".into();
    book.dir = Some("rtl".into());
    let book = book.chapter(Chapter::new("a.xhtml", "الفصل الأول", "<h1>الفصل الأول</h1><p>خرج المد عند الفجر وبقيت القوارب على الطين.</p>"));
    let l = load(&book).unwrap();
    assert_eq!(l.extracted.dir.as_deref(), Some("rtl"));
    assert!(l.extracted.text.contains("خرج المد عند الفجر"));
    // A book in a right-to-left language without `dir` is right to left too.
    let mut book2 = EpubBook::new(3, "ספר");
    book2.language = "he".into();
    let l2 = load(&book2.chapter(Chapter::new("a.xhtml", "א", "<p>הגאות עלתה בלילה.</p>"))).unwrap();
    assert_eq!(l2.extracted.dir.as_deref(), Some("rtl"));
}

#[test]
fn vertical_writing_books_keep_their_text_and_come_out_horizontal() {
    // Vertical Japanese as publishers mark it: a stylesheet with both the
    // standard and the `-epub-` property, inline styles, and a right-to-left
    // page progression. The page progression is about turning pages, not the
    // direction of a line: the text stays left to right.
    let mut book = EpubBook::new(3, "潮の本");
    book.language = "ja".into();
    book.page_progression = Some("rtl".into());
    let css = "html { writing-mode: vertical-rl; -epub-writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; }";
    let book = book
        .resource("style.css", "text/css", css.as_bytes().to_vec())
        .chapter(Chapter::new(
            "a.xhtml",
            "第一章",
            "<div style=\"writing-mode: vertical-rl; -epub-writing-mode: vertical-rl\"><h1>第一章　満ち潮</h1>\
             <p style=\"-webkit-writing-mode: vertical-rl\">朝の潮は静かに岸へ寄せ、舟は<ruby>砂<rt>すな</rt></ruby>の上で眠っていた。</p>\
             <p>一九九九年五月二日、港の灯台が新しくなった。</p></div>",
        ))
        .chapter(Chapter::new("b.xhtml", "第二章", "<h1>第二章　引き潮</h1><p>夕方には水が遠くまで引いた。</p>"));
    let l = load(&book).unwrap();
    let text = &l.extracted.text;
    for line in ["朝の潮は静かに岸へ寄せ", "港の灯台が新しくなった", "夕方には水が遠くまで引いた"] {
        assert!(text.contains(line), "{line} missing from {text}");
    }
    assert_eq!(l.extracted.dir.as_deref(), Some("ltr"));
    assert_eq!(l.extracted.lang.as_deref(), Some("ja"));
    assert_eq!(titles(&l), [("第一章".to_owned(), 1), ("第二章".to_owned(), 1)]);
    // No writing mode reaches the reader: it lays the book out horizontally.
    let html = l.extracted.html.to_ascii_lowercase();
    assert!(!html.contains("writing-mode") && !html.contains("style="), "{html}");
    assert_eq!(contract_violation(&l.extracted.text, &l.extracted.html), None);
}

#[test]
fn unflagged_utf8_names_and_percent_encoded_hrefs_match() {
    let mut book = EpubBook::new(3, "草枕");
    book.language = "ja".into();
    book.utf8_flag = false;
    let book = book
        .chapter(Chapter::new("xhtml/一.xhtml", "一", "<p>山路を登りながら、こう考えた。<img src=\"../画像/絵.png\" alt=\"絵\"/></p>"))
        .resource("画像/絵.png", "image/png", tiny_png());
    let l = load(&book).unwrap();
    assert!(l.extracted.text.contains("山路を登りながら"));
    assert_eq!(l.attachments.images.len(), 1);
    assert_eq!(titles(&l), [("一".to_owned(), 1)]);
}

#[test]
fn font_obfuscation_is_fine_but_encrypted_content_is_drm() {
    let enc = |algorithm: &str, uri: &str| {
        format!(
            "<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData><enc:EncryptionMethod Algorithm=\"{algorithm}\"/><enc:CipherData><enc:CipherReference URI=\"{uri}\"/></enc:CipherData></enc:EncryptedData></encryption>"
        )
    };
    let mut fonts = sample_book(3).resource("fonts/a.otf", "application/vnd.ms-opentype", vec![7; 64]);
    fonts.encryption_xml = Some(enc("http://www.idpf.org/2008/embedding", "OEBPS/fonts/a.otf"));
    assert!(load(&fonts).is_ok());
    let mut drm = sample_book(3);
    drm.encryption_xml = Some(enc("http://www.w3.org/2001/04/xmlenc#aes128-cbc", "OEBPS/text/chapter1.xhtml"));
    let err = load(&drm).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(err.to_string().contains("this book is protected by DRM and cannot be imported"), "{err}");
}

#[test]
fn broken_books_get_clear_errors() {
    let mut no_container = sample_book(3);
    no_container.without_container = true;
    let mut missing = sample_book(3);
    missing.missing_in_spine.push("text/chapter9.xhtml".into());
    let mut traversal = sample_book(3);
    traversal.extra_entries.push((b"../../outside.txt".to_vec(), b"x".to_vec()));
    let mut absolute = sample_book(3);
    absolute.extra_entries.push((b"/etc/cron.d/x".to_vec(), b"x".to_vec()));
    let mut comic = EpubBook::new(3, "Pictures");
    for n in 1..=3 {
        comic = comic.chapter(Chapter::new(
            &format!("p{n}.xhtml"),
            &format!("Page {n}"),
            &format!("<div><img src=\"p{n}.png\" alt=\"\"/></div>"),
        ));
        comic = comic.resource(&format!("p{n}.png"), "image/png", tiny_png());
    }
    let cases: Vec<(Vec<u8>, ErrorKind, &str)> = vec![
        (b"just some words, not a zip".to_vec(), ErrorKind::Unreadable, "not a readable zip archive"),
        (no_container.build(), ErrorKind::Unreadable, "no META-INF/container.xml"),
        (missing.build(), ErrorKind::Unreadable, "OEBPS/text/chapter9.xhtml, which is not in the book"),
        (traversal.build(), ErrorKind::Unreadable, "points outside the book"),
        (absolute.build(), ErrorKind::Unreadable, "absolute path"),
        (comic.build(), ErrorKind::NoArticle, "pages are pictures"),
    ];
    for (bytes, kind, words) in cases {
        let err = load_epub("book.epub", bytes).expect_err("refused");
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.to_string().contains(words), "{err} (wanted {words:?})");
    }
}

#[test]
fn zip_bombs_and_crowded_zips_are_refused_before_unpacking() {
    let limits =
        ArchiveLimits { max_entries: 50, max_total: 4 * 1024 * 1024, max_entry: 3 * 1024 * 1024, max_ratio: 100, ratio_floor: 64 * 1024 };
    let mut ratio = sample_book(3);
    ratio.extra_entries.push((b"OEBPS/zeros.bin".to_vec(), vec![0; 2 * 1024 * 1024]));
    let err = load_epub_with("bomb.epub", ratio.build(), &limits).unwrap_err();
    assert!(err.to_string().contains("zip bomb"), "{err}");
    let mut total = sample_book(3);
    total.deflate = false;
    for n in 0..3 {
        total.extra_entries.push((format!("OEBPS/pad{n}.bin").into_bytes(), vec![n as u8; 2 * 1024 * 1024]));
    }
    let err = load_epub_with("big.epub", total.build(), &limits).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TooLarge, "{err}");
    let mut many = sample_book(3);
    for n in 0..60 {
        many.extra_entries.push((format!("OEBPS/f{n}.txt").into_bytes(), b"x".to_vec()));
    }
    let err = load_epub_with("many.epub", many.build(), &limits).unwrap_err();
    assert!(err.to_string().contains("more than the 50"), "{err}");
}

#[test]
fn missing_images_become_placeholders_and_svg_images_are_rewritten() {
    let book = EpubBook::new(3, "Drawings")
        .chapter(Chapter::new(
            "a.xhtml",
            "A",
            "<p>The chart shows the tides.<img src=\"chart.svg\" alt=\"Tide chart\"/> And the lost map:<img src=\"map.png\" alt=\"Old map\"/></p>",
        ))
        .resource("chart.svg", "image/svg+xml", br#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="x()"><script>alert(1)</script><rect width="4" height="4"/></svg>"#.to_vec());
    let l = load(&book).unwrap();
    let e = &l.extracted;
    assert_eq!(l.attachments.images.len(), 1);
    let svg = String::from_utf8(l.attachments.images[0].bytes.clone()).unwrap();
    assert!(!svg.contains("script") && !svg.contains("onload") && svg.contains("<rect"), "{svg}");
    assert!(e.html.contains("data-failed=\"the image is missing from the book\" alt=\"Old map\""), "{}", e.html);
    assert_eq!(contract_violation(&e.text, &e.html), None);
}
