//! The clippings reader on records written in our own words after each
//! documented firmware shape and interface language.

use chrono::{NaiveDate, NaiveDateTime};

use super::*;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> Option<NaiveDateTime> {
    NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, min, s)
}

/// One record: a title line, a metadata line, a blank line and the text.
fn record(title: &str, meta: &str, text: &str) -> String {
    format!("{title}\n{meta}\n\n{text}\n{SEPARATOR}\n")
}

fn one(title: &str, meta: &str, text: &str) -> Clipping {
    let parsed = parse(&record(title, meta, text));
    assert!(parsed.problems.is_empty(), "{meta}: {:?}", parsed.problems);
    assert_eq!(parsed.clippings.len(), 1, "{meta}");
    parsed.clippings.into_iter().next().unwrap()
}

#[test]
fn a_kindle_3_date_with_a_two_digit_year_and_a_zone_name_is_read() {
    // Issue #16: this file was refused whole ("cannot read the date").
    let c = one(
        "Harbour Lights (Mina Storr)",
        "- Highlight on Page 41 | Loc. 620-21 | Added on Monday, 3 December 12 19:42:30 Greenwich Mean Time",
        "The pilot boat went out at first light.",
    );
    assert_eq!((c.kind, c.location, c.page.as_deref()), (ClipKind::Highlight, Some((620, 621)), Some("41")));
    assert_eq!(c.added, at(2012, 12, 3, 19, 42, 30));
}

#[test]
fn a_file_that_opens_with_a_separator_is_a_clippings_file() {
    // Issue #16: refused as "unsupported file type".
    let input = format!(
        "{SEPARATOR}\n{}",
        record(
            "Harbour Lights (Mina Storr)",
            "- Your Highlight at location 5-6 | Added on Monday, 3 March 2025 10:00:00",
            "Gulls on the mole."
        )
    );
    assert!(looks_like_clippings(&input));
    assert!(looks_like_clippings(&format!("\u{feff}{}", input.replace('\n', "\r\n"))));
    let parsed = parse(&input);
    assert_eq!(parsed.clippings.len(), 1);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert!(!looks_like_clippings("Title,Author\nA,B\n"), "a CSV is not one");
}

#[test]
fn a_chinese_kindle_highlight_note_and_bookmark_are_read() {
    // Issue #16: "- 您在位置 #2543-2544的标注" was "not a highlight, note or bookmark".
    let h = one("潮汐之书 (林海)", "- 您在位置 #2543-2544的标注 | 添加于 2024年4月1日星期一 下午2:30:45", "海浪在夜里退去。");
    assert_eq!((h.kind, h.location, h.added), (ClipKind::Highlight, Some((2543, 2544)), at(2024, 4, 1, 14, 30, 45)));
    let n = one("潮汐之书 (林海)", "- 您在位置 #2544的笔记 | 添加于 2024年4月1日星期一 上午9:05:00", "对照航海日志。");
    assert_eq!((n.kind, n.location, n.added), (ClipKind::Note, Some((2544, 2544)), at(2024, 4, 1, 9, 5, 0)));
    let b = one("潮汐之书 (林海)", "- 您在第 12 页（位置 #180）的书签 | 添加于 2024年4月2日星期二 下午10:00:00", "");
    assert_eq!((b.kind, b.location), (ClipKind::Bookmark, Some((180, 180))));
}

/// A metadata line and what it reads as: kind, location, page, date.
type Case = (&'static str, ClipKind, Option<(u32, u32)>, Option<&'static str>, Option<NaiveDateTime>);

#[test]
fn every_firmware_generation_and_language_reads() {
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Kindle 1 and 2.
        ("- Highlight Loc. 5444-45  | Added on Saturday, 12 February 2011 09:14:02", ClipKind::Highlight, Some((5444, 5445)), None, at(2011, 2, 12, 9, 14, 2)),
        // Kindle Touch: 12-hour clock, no seconds.
        ("- Highlight on Page 88 | Location 1340-1342 | Added on Thursday, March 10, 2011, 10:49 PM", ClipKind::Highlight, Some((1340, 1342)), Some("88"), at(2011, 3, 10, 22, 49, 0)),
        // Paperwhite, with seconds.
        ("- Your Note on page 17 | Location 260 | Added on Sunday, 2 June 2019 12:05:09 AM", ClipKind::Note, Some((260, 260)), Some("17"), at(2019, 6, 2, 0, 5, 9)),
        // A PDF: a page and no location.
        ("- Your Highlight on page xii | Added on Friday, 7 March 2025 08:00:00", ClipKind::Highlight, None, Some("xii"), at(2025, 3, 7, 8, 0, 0)),
        ("- Your Bookmark at location 5 | Added on Monday, 3 March 2025 10:00:00", ClipKind::Bookmark, Some((5, 5)), None, at(2025, 3, 3, 10, 0, 0)),
        ("- Ihre Markierung auf Seite 4 | bei Position 55-57 | Hinzugefügt am Mittwoch, 5. März 2025 21:03:09", ClipKind::Highlight, Some((55, 57)), Some("4"), at(2025, 3, 5, 21, 3, 9)),
        ("- Ihre Notiz bei Position 57 | Hinzugefügt am Mittwoch, 5. März 2025 um 21:04 Uhr", ClipKind::Note, Some((57, 57)), None, at(2025, 3, 5, 21, 4, 0)),
        ("- Votre surlignement à l'emplacement 300-302 | Ajouté le jeudi 6 mars 2025 07:45:00", ClipKind::Highlight, Some((300, 302)), None, at(2025, 3, 6, 7, 45, 0)),
        ("- Tu subrayado en la página 3 | posición 40-41 | Añadido el viernes, 7 de marzo de 2025 19:20:00", ClipKind::Highlight, Some((40, 41)), Some("3"), at(2025, 3, 7, 19, 20, 0)),
        ("- La tua evidenziazione a pagina 9 | posizione 130-131 | Aggiunto in data sabato 8 marzo 2025 11:11:11", ClipKind::Highlight, Some((130, 131)), Some("9"), at(2025, 3, 8, 11, 11, 11)),
        ("- Seu destaque ou posição 77-78 | Adicionado: domingo, 9 de março de 2025 06:30:00", ClipKind::Highlight, Some((77, 78)), None, at(2025, 3, 9, 6, 30, 0)),
        ("- Je markering op pagina 5 | locatie 55 t/m 88 | Toegevoegd op maandag 10 maart 2025 13:00:00", ClipKind::Highlight, Some((55, 88)), Some("5"), at(2025, 3, 10, 13, 0, 0)),
        ("- 26ページ|位置No. 295-296のハイライト |作成日: 2013年6月17日 (月曜日) 20:31:09", ClipKind::Highlight, Some((295, 296)), Some("26"), at(2013, 6, 17, 20, 31, 9)),
        ("– Ваш выделенный отрывок в месте 2147–2148 | Добавлено: воскресенье, 16 июня 2019 г. в 23:38:53", ClipKind::Highlight, Some((2147, 2148)), None, at(2019, 6, 16, 23, 38, 53)),
        ("- 您在位置 #10-12 的標註 | 新增於 2024年4月1日 星期一 下午2:30:45", ClipKind::Highlight, Some((10, 12)), None, at(2024, 4, 1, 14, 30, 45)),
        ("- 위치 100-101의 하이라이트 | 추가 날짜: 2024년 1월 1일 월요일 오후 3:00:00", ClipKind::Highlight, Some((100, 101)), None, at(2024, 1, 1, 15, 0, 0)),
        ("– Ваша заметка в месте 2148 | Добавлено: воскресенье, 16 июня 2019 г. в 23:39:00", ClipKind::Note, Some((2148, 2148)), None, at(2019, 6, 16, 23, 39, 0)),
    ];
    for (meta, kind, location, page, added) in cases {
        let text = if *kind == ClipKind::Bookmark { "" } else { "Words of our own." };
        let c = one("A Book (Someone)", meta, text);
        assert_eq!((c.kind, c.location, c.page.as_deref(), c.added), (*kind, *location, *page, *added), "{meta}");
    }
}

#[test]
fn an_unknown_line_is_reported_with_its_number_and_the_rest_is_read() {
    let input = [
        record("Good (A)", "- Your Highlight at location 1-2 | Added on Monday, 3 March 2025 10:00:00", "First."),
        record("Bad (A)", "this line is no metadata", "Lost?"),
        record("Good (A)", "- Your Highlight at location 9-10 | Added on Monday, 3 March 2025 10:00:00", "Second."),
    ]
    .concat();
    let parsed = parse(&input);
    assert_eq!(parsed.clippings.iter().map(|c| c.text.as_str()).collect::<Vec<_>>(), ["First.", "Second."]);
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!((parsed.problems[0].line, parsed.problems[0].skipped), (7, true));
    assert!(parsed.problems[0].reason.contains("this line is no metadata"), "{:?}", parsed.problems);
}

#[test]
fn an_unreadable_date_keeps_the_clipping_with_a_warning() {
    let parsed = parse(&record("A (B)", "- Your Highlight at location 3-4 | Added on someday soon", "Kept."));
    assert_eq!(parsed.clippings.len(), 1);
    assert_eq!(parsed.clippings[0].added, None);
    assert_eq!((parsed.problems[0].line, parsed.problems[0].skipped), (2, false));
    assert!(parsed.problems[0].reason.contains("someday soon"), "{:?}", parsed.problems);
}

#[test]
fn titles_split_their_author_off_the_last_brackets() {
    assert_eq!(split_title("The Sea (Vol. 2) (Ada Quill)"), ("The Sea (Vol. 2)".into(), Some("Ada Quill".into())));
    assert_eq!(split_title("The Sea (Vol. 2)  "), ("The Sea (Vol. 2)".into(), None));
    assert_eq!(split_title("潮汐之书（林海）"), ("潮汐之书".into(), Some("林海".into())));
    assert_eq!(split_title("No Author"), ("No Author".into(), None));
}
