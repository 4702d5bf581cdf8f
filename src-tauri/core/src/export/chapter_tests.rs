//! A book's notes exported under its chapters: a book built by the test EPUB
//! builder, highlights in two of its chapters (and a second one in the
//! first), exported as Markdown, HTML and JSON.

use sidenote_fuzz_checks::epub_builder::sample_book;

use super::*;
use crate::highlight::{Color, NewHighlight};
use crate::import::{load_bytes, Format};
use crate::model::Outcome;

fn book_with_highlights(phrases: &[&str]) -> Vec<ArticleNotes> {
    let mut lib = Library::open_in_memory().unwrap();
    let loaded = load_bytes("salt.epub", sample_book(3).build(), Format::Epub).unwrap();
    let Outcome::Imported(book) = lib.import_loaded(loaded).unwrap() else { panic!("a new book") };
    assert!(book.toc.len() >= 3, "the sample book has chapters: {:?}", book.toc);
    for phrase in phrases {
        let at = book.text.find(phrase).unwrap_or_else(|| panic!("{phrase:?} in the book"));
        let start = book.text[..at].chars().count() as u32;
        let end = start + phrase.chars().count() as u32;
        let new = NewHighlight { article_id: book.summary.id.clone(), start, end, color: Color::Blue, note: String::new(), tags: vec![] };
        lib.create_highlight(&new).unwrap();
    }
    collect(&mut lib, &[]).unwrap()
}

const PHRASES: [&str; 3] = ["the boats lay on the mud", "wrote the number in his book", "built the wall again"];

#[test]
fn markdown_puts_a_books_highlights_under_their_chapter_headings() {
    let out = render(&book_with_highlights(&PHRASES), ExportFormat::Md).unwrap();
    let one = out.find("## Chapter One: Low Water\n\n> the boats lay on the mud\n").expect(&out);
    let same_chapter = out.find("> wrote the number in his book\n").unwrap();
    let three = out.find("## Chapter Three: Rebuilding\n\n> built the wall again\n").expect(&out);
    assert!(one < same_chapter && same_chapter < three, "text order, one heading per chapter: {out}");
    assert_eq!(out.matches("## Chapter One").count(), 1, "the second highlight of chapter one adds no heading");
    assert!(!out.contains("## Chapter Two"), "a chapter without highlights has no heading");
    assert!(!out.contains("## The Harbour"), "sections are not chapters");
}

#[test]
fn html_puts_a_books_highlights_under_their_chapter_headings() {
    let out = render(&book_with_highlights(&PHRASES), ExportFormat::Html).unwrap();
    let one =
        out.find("<h2 class=\"chapter\">Chapter One: Low Water</h2>\n<blockquote class=\"c-blue\">the boats lay on the mud").expect(&out);
    let three =
        out.find("<h2 class=\"chapter\">Chapter Three: Rebuilding</h2>\n<blockquote class=\"c-blue\">built the wall again").expect(&out);
    assert!(one < three);
    assert_eq!(out.matches("<h2 class=\"chapter\">").count(), 2, "{out}");
}

#[test]
fn json_records_each_highlights_chapter_and_reads_back() {
    let out = render(&book_with_highlights(&PHRASES), ExportFormat::Json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v["first"]["items"].as_array().unwrap();
    let chapters: Vec<(&str, &str)> = items
        .iter()
        .filter(|i| i["sidenote:color"].is_string())
        .map(|i| (i["target"]["selector"][0]["exact"].as_str().unwrap(), i["sidenote:chapter"].as_str().unwrap()))
        .collect();
    assert_eq!(
        chapters,
        [
            ("the boats lay on the mud", "Chapter One: Low Water"),
            ("wrote the number in his book", "Chapter One: Low Water"),
            ("built the wall again", "Chapter Three: Rebuilding"),
        ]
    );
    let read: crate::w3c::ReadCollection = serde_json::from_str(&out).unwrap();
    assert_eq!(serde_json::to_string_pretty(&read).unwrap() + "\n", out, "the chapter is part of the model");
}

#[test]
fn an_orphaned_highlight_has_no_chapter_and_stays_with_the_lost_ones() {
    let mut notes = book_with_highlights(&PHRASES);
    notes[0].highlights[2].orphaned = true;
    assert_eq!(notes[0].chapter_of(&notes[0].highlights[2]), None);
    let md = render(&notes, ExportFormat::Md).unwrap();
    assert!(!md.contains("## Chapter Three"), "{md}");
    assert!(md.contains("## Highlights that lost their place\n\n> built the wall again\n"), "{md}");
}

#[test]
fn exports_of_an_article_without_chapters_are_unchanged() {
    // The golden files were written before chapters were exported; an
    // article with no contents renders them byte for byte (tests.rs), and
    // giving it contents is what changes the output.
    let mut notes = super::fixtures::notes();
    for n in &mut notes {
        n.highlights.sort_by_key(|h| (h.start, h.end));
    }
    assert!(notes.iter().all(|n| n.article.toc.is_empty()));
    let golden = |name: &str| std::fs::read_to_string(format!("{}/src/export/golden/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    for (format, name) in [(ExportFormat::Md, "notes.md"), (ExportFormat::Html, "notes.html"), (ExportFormat::Json, "notes.json")] {
        assert_eq!(render(&notes, format).unwrap(), golden(name), "{name}");
    }
    notes[0].article.toc = vec![TocEntry { title: "Part One".into(), level: 1, start: 0 }];
    assert!(render(&notes, ExportFormat::Md).unwrap().contains("## Part One\n\n"));
}
