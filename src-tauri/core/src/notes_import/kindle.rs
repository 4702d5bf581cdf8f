//! Importing Kindle clippings: each book (title and author) becomes an article
//! whose text is its clippings in book order, one block each, with a yellow
//! highlight over each. A Kindle note is attached to the highlight it was
//! written on (the one whose locations hold the note's); a note on no
//! highlight becomes a block of its own, highlighted and tagged `kindle-note`.
//! Bookmarks carry no text and are skipped.
//!
//! Re-importing finds the book's article again (same title and author, site
//! "Kindle"), appends clippings it does not hold yet and skips highlights
//! already on their span, so the same file twice adds nothing. The whole file
//! is parsed before anything is written, and written in one transaction.

use super::clippings::{parse, ClipKind, Clipping};
use super::{add_quotes_article, NotesImportReport};
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::highlight::{Color, Highlight};
use crate::import::blocks::{collapse_whitespace, render, Block, BlockKind};
use crate::store::{new_id, now_rfc3339, Library, Tx};

pub const SITE: &str = "Kindle";
pub const NOTE_TAG: &str = "kindle-note";

/// A clipping as it goes into the article: its block text, the note on it
/// and when it was made.
#[derive(Debug, Clone, PartialEq)]
struct Passage {
    text: String,
    note: String,
    tags: Vec<String>,
    added: Option<String>,
}

/// One book's clippings, in book order.
#[derive(Debug)]
struct Book {
    title: String,
    author: Option<String>,
    passages: Vec<Passage>,
}

pub fn import_clippings(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let clippings = parse(input, what)?;
    let books = books(&clippings);
    if books.is_empty() {
        return Err(Error::Invalid(format!("{what}: no highlights or notes (bookmarks alone are not imported)")));
    }
    lib.write(|tx| {
        let mut report = NotesImportReport { format: "kindle".into(), ..Default::default() };
        for book in &books {
            let (article_id, text) = match find_article(tx, book)? {
                Some((id, old)) => {
                    report.articles_matched += 1;
                    let text = append_missing(tx, &id, &old, book)?;
                    (id, text)
                }
                None => {
                    report.articles_added += 1;
                    create_article(tx, book)?
                }
            };
            let text = Text::new(&text);
            for p in &book.passages {
                let Some(start) = block_at(&text, &p.text) else {
                    return Err(Error::Invalid(format!("{what}: the clipping “{}” is not in its article's text", p.text)));
                };
                let (start, end) = (start as u32, (start + p.text.chars().count()) as u32);
                if tx.highlight_on(&article_id, start, end)? {
                    report.highlights_skipped += 1;
                    continue;
                }
                let q = text.describe(start, end)?.quote;
                let created = p.added.clone().unwrap_or_else(now_rfc3339);
                tx.add_highlight(Highlight {
                    id: new_id(),
                    article_id: article_id.clone(),
                    start,
                    end,
                    exact: q.exact,
                    prefix: q.prefix,
                    suffix: q.suffix,
                    color: Color::Yellow,
                    note: p.note.clone(),
                    tags: p.tags.clone(),
                    orphaned: false,
                    created_at: created.clone(),
                    updated_at: created,
                })?;
                report.highlights_added += 1;
            }
        }
        Ok(report)
    })
}

fn rfc3339(c: &Clipping) -> Option<String> {
    c.added.map(|d| d.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// Groups the clippings by book (in order of first appearance) and turns each
/// book's into passages: a re-made highlight (same start location) replaces
/// the older one, notes join their highlight, and the rest is sorted by
/// location (then page, then file order).
fn books(clippings: &[Clipping]) -> Vec<Book> {
    let mut keys: Vec<(&str, Option<&str>)> = Vec::new();
    for c in clippings.iter().filter(|c| c.kind != ClipKind::Bookmark && !c.text.trim().is_empty()) {
        let key = (c.title.as_str(), c.author.as_deref());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.into_iter()
        .map(|(title, author)| {
            let mine: Vec<&Clipping> = clippings
                .iter()
                .filter(|c| c.title == title && c.author.as_deref() == author && c.kind != ClipKind::Bookmark && !c.text.trim().is_empty())
                .collect();
            Book { title: title.to_owned(), author: author.map(str::to_owned), passages: passages(&mine) }
        })
        .collect()
}

fn passages(clips: &[&Clipping]) -> Vec<Passage> {
    // Highlights: the latest one at each start location (or page) wins.
    let mut highlights: Vec<&Clipping> = Vec::new();
    for c in clips.iter().filter(|c| c.kind == ClipKind::Highlight) {
        let same_place = |h: &&Clipping| match (h.location, c.location) {
            (Some(a), Some(b)) => a.0 == b.0,
            (None, None) => h.page == c.page && h.text == c.text,
            _ => false,
        };
        highlights.retain(|h| !same_place(h) && h.text != c.text);
        highlights.push(c);
    }
    let mut notes: Vec<Vec<&Clipping>> = vec![Vec::new(); highlights.len()];
    let mut loose: Vec<&Clipping> = Vec::new();
    for n in clips.iter().filter(|c| c.kind == ClipKind::Note) {
        // The highlight ending at the note's location, else one that holds it; the latest if several.
        let at = n.location.map(|l| l.0);
        let target = at.and_then(|l| {
            highlights
                .iter()
                .rposition(|h| h.location.is_some_and(|(_, e)| e == l))
                .or_else(|| highlights.iter().rposition(|h| h.location.is_some_and(|(s, e)| s <= l && l <= e)))
        });
        match target {
            Some(i) => notes[i].push(n),
            None => loose.push(n),
        }
    }
    let mut out: Vec<(&Clipping, Passage)> = highlights
        .iter()
        .zip(notes)
        .map(|(h, ns)| {
            let note = ns.iter().map(|n| n.text.trim()).collect::<Vec<_>>().join("\n\n");
            (*h, Passage { text: collapse_whitespace(&h.text), note, tags: Vec::new(), added: rfc3339(h) })
        })
        .collect();
    for n in loose {
        out.push((
            n,
            Passage { text: collapse_whitespace(&n.text), note: String::new(), tags: vec![NOTE_TAG.to_owned()], added: rfc3339(n) },
        ));
    }
    out.sort_by_key(|(c, _)| (c.location.map(|l| l.0).unwrap_or(u32::MAX), page_number(c), c.record));
    let mut seen: Vec<String> = Vec::new();
    out.into_iter()
        .filter_map(|(_, p)| {
            // Two clippings of the same words make one block and one highlight.
            (!seen.contains(&p.text)).then(|| {
                seen.push(p.text.clone());
                p
            })
        })
        .collect()
}

/// Where `passage` stands as a whole block of the text (not inside a longer
/// clipping that happens to contain the same words).
fn block_at(text: &Text<'_>, passage: &str) -> Option<usize> {
    let len = passage.chars().count();
    let chars = text.chars();
    let is_break = |range: &[char]| range == ['\n', '\n'];
    text.occurrences(passage).into_iter().find(|&start| {
        let end = start + len;
        (start == 0 || (start >= 2 && is_break(&chars[start - 2..start])))
            && (end == chars.len() || (end + 2 <= chars.len() && is_break(&chars[end..end + 2])))
    })
}

fn page_number(c: &Clipping) -> u32 {
    c.page.as_deref().and_then(|p| p.parse().ok()).unwrap_or(u32::MAX)
}

fn find_article(tx: &Tx<'_>, book: &Book) -> Result<Option<(String, String)>> {
    tx.article_by(SITE, &book.title, book.author.as_deref().unwrap_or(""))
}

fn blocks_of(paragraphs: &[&str]) -> Vec<Block> {
    paragraphs.iter().map(|t| Block { kind: BlockKind::Quote, text: (*t).to_owned() }).collect()
}

fn create_article(tx: &mut Tx<'_>, book: &Book) -> Result<(String, String)> {
    let texts: Vec<&str> = book.passages.iter().map(|p| p.text.as_str()).collect();
    add_quotes_article(tx, book.title.clone(), book.author.clone(), Some(SITE), None, &blocks_of(&texts))
}

/// Appends the book's passages the article does not hold yet, after the old
/// ones (so no stored offset moves), and returns the article's text.
fn append_missing(tx: &mut Tx<'_>, id: &str, old: &str, book: &Book) -> Result<String> {
    let existing = Text::new(old);
    let missing: Vec<&str> = book.passages.iter().map(|p| p.text.as_str()).filter(|t| block_at(&existing, t).is_none()).collect();
    if missing.is_empty() {
        return Ok(old.to_owned());
    }
    // Kindle articles are blocks joined by blank lines, so rendering the old
    // blocks again gives the same text and HTML, and the new ones follow.
    let mut all: Vec<&str> = old.split("\n\n").collect();
    all.extend(missing);
    let (text, html) = render(&blocks_of(&all));
    // The old blocks keep their offsets, so every highlight stays where it is;
    // the timeline is made again from the longer text.
    tx.replace_text(id, &text, &html, None)?;
    Ok(text)
}

#[cfg(test)]
mod tests;
