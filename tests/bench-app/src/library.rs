//! The benchmark library: a few ordinary articles for the library view, and
//! one article of about 1 MB of text with 2,000 highlights, 500 of them with
//! notes, all created through the core store API before the app starts;
//! and a book of 1.5 MB of text imported as EPUB, with the same text as a
//! plain-text article beside it (#23).

use std::path::{Path, PathBuf};

use sidenote_core::import::{self, Format};
use sidenote_core::Outcome;
use sidenote_core::{Color, Library, NewHighlight};

use crate::error::BenchError;
use crate::textgen::{article_html, note_markdown, sentence, Rng};
use sidenote_epub_builder::{escape, Chapter, EpubBook};

pub const BIG_TITLE: &str = "The Harbour Survey Papers";
const SMALL_ARTICLES: usize = 30;
const BIG_TEXT_BYTES: usize = 1_000_000;
pub const HIGHLIGHTS: usize = 2_000;
pub const NOTES: usize = 500;
const BOOK_TEXT_BYTES: usize = 1_500_000;
const BOOK_CHAPTER_BYTES: usize = 60_000;

/// A library folder ready to be copied for each launch.
pub struct BenchLibrary {
    pub dir: PathBuf,
    pub big_id: String,
    pub big_text_bytes: usize,
    pub big_html_bytes: usize,
    /// The big article's sanitized HTML, as the reader renders it.
    pub big_html: String,
    /// The 2,000 highlights' spans (code points of the article's text), for
    /// the fair baseline: the same spans as plain `<mark>`s in the minimal window.
    pub big_spans: Vec<(u32, u32)>,
    /// The EPUB book and the same text imported as a .txt article.
    pub book_id: String,
    pub book_txt_id: String,
    pub book_text_bytes: usize,
}

pub fn build(dir: &Path) -> Result<BenchLibrary, BenchError> {
    let mut lib = Library::open_dir(dir)?;
    let mut rng = Rng::new(0x5eed_2026);
    for i in 0..SMALL_ARTICLES {
        let html = article_html(&mut rng, &format!("Harbour notebook {}", i + 1), 6_000);
        import_html(&mut lib, &format!("small-{i}.html"), html)?;
    }
    let big = import_html(&mut lib, "big.html", article_html(&mut rng, BIG_TITLE, BIG_TEXT_BYTES))?;
    let chars: Vec<char> = big.text.chars().collect();
    let big_spans = highlight_spans(&chars, &mut rng);
    for (k, &(start, end)) in big_spans.iter().enumerate() {
        // Every fourth highlight carries a note: 500 of 2,000.
        let note = if k % (HIGHLIGHTS / NOTES) == 0 { note_markdown(&mut rng) } else { String::new() };
        let tags = if k % 7 == 0 { vec![format!("theme-{}", k % 5)] } else { Vec::new() };
        let color = Color::ALL[k % Color::ALL.len()];
        lib.create_highlight(&NewHighlight { article_id: big.id.clone(), start, end, color, note, tags })?;
    }
    // The events of an article are extracted the first time it is opened; a
    // reader with 2,000 highlights has opened it before, so do that here.
    lib.events(&big.id)?;
    let (book_id, book_txt_id, book_text_bytes) = import_book(&mut lib, &mut rng)?;
    lib.set_setting("lastArticle", &serde_json::Value::Null)?;
    Ok(BenchLibrary {
        dir: dir.to_owned(),
        big_id: big.id,
        big_text_bytes: big.text.len(),
        big_html_bytes: big.html.len(),
        big_html: big.html,
        big_spans,
        book_id,
        book_txt_id,
        book_text_bytes,
    })
}

/// A book of [`BOOK_TEXT_BYTES`] of generated prose in chapters of about
/// [`BOOK_CHAPTER_BYTES`], imported as EPUB 3, and the same paragraphs as a
/// .txt article (the comparison): (book id, text article id, text bytes).
fn import_book(lib: &mut Library, rng: &mut Rng) -> Result<(String, String, usize), BenchError> {
    let mut book = EpubBook::new(3, "The Harbour Chronicle");
    let (mut text, mut body, mut n) = (String::new(), String::new(), 0);
    while text.len() < BOOK_TEXT_BYTES {
        let para: Vec<String> = (0..rng.range(3, 8)).map(|_| sentence(rng)).collect();
        let para = para.join(" ");
        text.push_str(&para);
        text.push_str("\n\n");
        body.push_str(&format!("<p>{}</p>\n", escape(&para)));
        if body.len() >= BOOK_CHAPTER_BYTES || text.len() >= BOOK_TEXT_BYTES {
            n += 1;
            let title = format!("Chapter {n}");
            book = book.chapter(Chapter::new(&format!("text/c{n}.xhtml"), &title, &format!("<h1>{title}</h1>{body}")));
            body.clear();
        }
    }
    let epub = import::load_bytes("chronicle.epub", book.build(), Format::Epub)?;
    let book_id = match lib.import_loaded(epub)? {
        Outcome::Imported(a) => a.summary.id.clone(),
        Outcome::Duplicate(_) => return Err(BenchError::Setup("the book was a duplicate in a fresh library".into())),
    };
    let plain = import::load_bytes("chronicle.txt", text.clone().into_bytes(), Format::Text)?;
    let txt_id = match lib.import_loaded(plain)? {
        Outcome::Imported(a) => a.summary.id.clone(),
        Outcome::Duplicate(_) => return Err(BenchError::Setup("the text book was a duplicate in a fresh library".into())),
    };
    Ok((book_id, txt_id, text.len()))
}

struct Imported {
    id: String,
    text: String,
    html: String,
}

fn import_html(lib: &mut Library, name: &str, html: String) -> Result<Imported, BenchError> {
    let loaded = import::load_bytes(name, html.into_bytes(), Format::Html)?;
    match lib.import_loaded(loaded)? {
        Outcome::Imported(a) => Ok(Imported { id: a.summary.id.clone(), text: a.text.clone(), html: a.html.clone() }),
        Outcome::Duplicate(_) => Err(BenchError::Setup(format!("{name} was a duplicate in a fresh library"))),
    }
}

/// 2,000 spans over the whole text, in code points, starting and ending on
/// word boundaries, 30–220 characters long; one in twenty overlaps the one
/// before it (highlights may overlap and nest).
fn highlight_spans(chars: &[char], rng: &mut Rng) -> Vec<(u32, u32)> {
    let n = chars.len();
    let stride = n / HIGHLIGHTS;
    let mut spans = Vec::with_capacity(HIGHLIGHTS);
    let mut prev: Option<(usize, usize)> = None;
    for k in 0..HIGHLIGHTS {
        let wanted = match prev {
            Some((s, e)) if k % 20 == 19 && e > s + 12 => s + 10,
            _ => k * stride + rng.range(0, stride / 2),
        };
        let start = word_start_at_or_after(chars, wanted.min(n - 1));
        let end = word_end_at_or_after(chars, (start + rng.range(30, 220)).min(n));
        if end > start {
            spans.push((start as u32, end as u32));
            prev = Some((start, end));
        }
    }
    spans
}

fn word_start_at_or_after(chars: &[char], mut i: usize) -> usize {
    while i > 0 && i < chars.len() && chars[i - 1].is_alphanumeric() {
        i += 1;
    }
    while i < chars.len() && !chars[i].is_alphanumeric() {
        i += 1;
    }
    i.min(chars.len().saturating_sub(1))
}

fn word_end_at_or_after(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i].is_alphanumeric() {
        i += 1;
    }
    i
}
