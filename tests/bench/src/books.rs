//! A book through EPUB import against the same text as a plain-text book:
//! the budget is < 1 s in release for a book of 1.5 MB of text (#23).

use std::path::Path;

use sidenote_core::import::{load_bytes, Format};
use sidenote_core::Library;
use sidenote_epub_builder::{escape, Chapter, EpubBook};

use crate::row::{Better, Row};
use crate::timing::{median, time_ms};
use crate::BenchError;

const GROUP: &str = "Import";
const TEXT_BYTES: usize = 1_500_000;
const CHAPTER_BYTES: usize = 60_000;

/// The first [`TEXT_BYTES`] of `book`, cut at a paragraph.
fn text_of(book: &str) -> &str {
    if book.len() <= TEXT_BYTES {
        return book;
    }
    let mut end = TEXT_BYTES;
    while !book.is_char_boundary(end) {
        end -= 1;
    }
    book[..end].rfind("\n\n").map_or(&book[..end], |cut| &book[..cut])
}

/// The text as an EPUB 3 book: chapters of about [`CHAPTER_BYTES`], each
/// paragraph a `<p>`, a heading per chapter.
fn epub_of(text: &str) -> Vec<u8> {
    let mut book = EpubBook::new(3, "The Benchmark Book");
    let (mut body, mut n) = (String::new(), 0);
    let flush = |body: &mut String, n: &mut usize, book: EpubBook| -> EpubBook {
        *n += 1;
        let title = format!("Chapter {n}");
        let chapter = Chapter::new(&format!("text/c{n}.xhtml"), &title, &format!("<h1>{title}</h1>{body}"));
        body.clear();
        book.chapter(chapter)
    };
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        body.push_str("<p>");
        body.push_str(&escape(para));
        body.push_str("</p>\n");
        if body.len() >= CHAPTER_BYTES {
            book = flush(&mut body, &mut n, book);
        }
    }
    if !body.is_empty() {
        book = flush(&mut body, &mut n, book);
    }
    book.build()
}

/// Median milliseconds of 5 imports into a fresh library file.
fn import_ms(what: &str, bytes: &[u8], format: Format) -> Result<f64, BenchError> {
    let mut times = Vec::new();
    for _ in 0..5 {
        let dir = tempfile::tempdir().map_err(|e| BenchError::io(Path::new("tmp"), e))?;
        let mut lib = Library::open_dir(dir.path())?;
        let (result, ms) = time_ms(|| -> Result<(), BenchError> {
            lib.import_loaded(load_bytes(what, bytes.to_vec(), format)?)?;
            Ok(())
        });
        result?;
        times.push(ms);
    }
    Ok(median(&times))
}

pub fn run(book: &str) -> Result<Vec<Row>, BenchError> {
    let text = text_of(book);
    let epub = epub_of(text);
    let mb = text.len() as f64 / 1e6;
    let ours = import_ms("book.epub", &epub, Format::Epub)?;
    let plain = import_ms("book.txt", text.as_bytes(), Format::Text)?;
    Ok(vec![Row::new(GROUP, &format!("Import an EPUB book ({mb:.1} MB of text)"), "ms")
        .ours(ours, Better::Lower, Some(1000.0))
        .peer("the same text as a .txt book", Some(plain))
        .note(format!(
            "median of 5 into a fresh library: unzip, package, {} chapters through the sanitizer and layout, store",
            text.len().div_ceil(CHAPTER_BYTES)
        ))])
}
