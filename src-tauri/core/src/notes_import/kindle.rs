//! Importing Kindle clippings. A Kindle book is not in the library, so each
//! book (title and author) becomes an article made of its clippings in book
//! order, one quotation block each, with a yellow highlight over each. A note
//! is attached to the highlight whose locations hold the note's; a note on
//! no highlight becomes a block of its own at its place, highlighted and
//! tagged `kindle-note`. Bookmarks carry no text and are counted, not
//! imported.
//!
//! A highlight made again over the same passage (its locations overlap an
//! earlier one's and one text holds the other) is kept once, in its longer
//! form; different passages at one location are all kept; a note edited on
//! the device (written again at its location, one text holding the other)
//! is kept as last written.
//!
//! Re-importing finds the book's article again (same title and author, site
//! "Kindle"), appends the clippings it does not hold yet after the old ones
//! (so no stored offset moves) and skips highlights already on their block,
//! so the same file twice adds nothing. Every clipping is matched to a block
//! of its own, in order, so two clippings with the same words (a highlight
//! and a note, a refrain) keep a block each. The whole file is read before
//! anything is written, and written in one transaction.

mod clippings;
mod date;
mod words;

pub use clippings::{looks_like_clippings, parse, split_title, ClipKind, Clipping, Parsed, SEPARATOR};

use super::{quotes, NotesImportReport};
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::highlight::{Color, Highlight};
use crate::import::blocks::collapse_whitespace;
use crate::store::{new_id, now_rfc3339, Library};

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
    let parsed = parse(input);
    let mut report = NotesImportReport::new("kindle");
    for p in &parsed.problems {
        if p.skipped {
            report.skip(format!("line {}", p.line), p.reason.clone());
        } else {
            report.warn(format!("line {}", p.line), p.reason.clone());
        }
    }
    let books = books(&parsed.clippings, &mut report);
    if books.is_empty() {
        let why = match (report.bookmarks, report.skipped.first()) {
            (_, Some(first)) if parsed.clippings.iter().all(|c| c.kind == ClipKind::Bookmark) => {
                format!("no clipping could be read (the first problem, {}: {})", first.at, first.message)
            }
            (0, _) => "no highlights or notes".to_owned(),
            (n, _) => format!("no highlights or notes, only {n} bookmark{} (which carry no text)", if n == 1 { "" } else { "s" }),
        };
        return Err(Error::Invalid(format!("{what}: {why}")));
    }
    lib.write(|tx| {
        for book in &books {
            let existing = tx.article_by(SITE, &book.title, book.author.as_deref().unwrap_or(""))?;
            let source = quotes::Source {
                title: book.title.clone(),
                byline: book.author.clone(),
                site: Some(SITE.to_owned()),
                ..Default::default()
            };
            let texts: Vec<&str> = book.passages.iter().map(|p| p.text.as_str()).collect();
            let placed = quotes::place(tx, &source, existing, &texts)?;
            if placed.created {
                report.articles_added += 1;
            } else {
                report.articles_matched += 1;
            }
            let article_id = placed.id;
            let text = Text::new(&placed.text);
            for (p, (start, end)) in book.passages.iter().zip(placed.spans) {
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
        Ok(())
    })?;
    Ok(report)
}

fn rfc3339(c: &Clipping) -> Option<String> {
    c.added.map(|d| d.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
}

/// What a publisher's clipping limit left of a highlight: the words before
/// the bracketed message the Kindle wrote instead of the rest, or `None` when
/// the text is all message.
fn without_limit_message(text: &str) -> (Option<&str>, bool) {
    let t = text.trim_end();
    if let (Some(open), true) = (t.rfind('<'), t.ends_with('>')) {
        let message = t[open..].to_lowercase();
        if words::CLIPPING_LIMIT.iter().any(|w| message.contains(w)) {
            let before = t[..open].trim();
            return ((!before.is_empty()).then_some(before), true);
        }
    }
    (Some(text), false)
}

/// Groups the clippings by book (in order of first appearance) and turns each
/// book's into passages; counts bookmarks and reports what it leaves out.
fn books(clippings: &[Clipping], report: &mut NotesImportReport) -> Vec<Book> {
    let mut kept: Vec<Clipping> = Vec::new();
    let mut limited = 0;
    for c in clippings {
        let at = format!("line {}", c.line);
        match c.kind {
            ClipKind::Bookmark => report.bookmarks += 1,
            _ if c.text.trim().is_empty() => report.skip(at, "an empty clipping (no text)"),
            _ => match without_limit_message(&c.text) {
                (None, _) => report.skip(at, "the publisher's clipping limit: the Kindle saved no text for this highlight"),
                (Some(text), cut) => {
                    limited += usize::from(cut);
                    kept.push(Clipping { text: text.to_owned(), ..c.clone() });
                }
            },
        }
    }
    if limited > 0 {
        report.remark(format!(
            "{limited} highlight{} stopped at the publisher's clipping limit; the words the Kindle kept were imported",
            if limited == 1 { "" } else { "s" }
        ));
    }
    let mut keys: Vec<(&str, Option<&str>)> = Vec::new();
    for c in &kept {
        let key = (c.title.as_str(), c.author.as_deref());
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let mut superseded = 0;
    let books = keys
        .into_iter()
        .map(|(title, author)| {
            let mine: Vec<&Clipping> = kept.iter().filter(|c| c.title == title && c.author.as_deref() == author).collect();
            let (passages, dropped) = passages(&mine);
            superseded += dropped;
            Book { title: title.to_owned(), author: author.map(str::to_owned), passages }
        })
        .collect();
    if superseded > 0 {
        report.remark(format!(
            "{superseded} clipping{} made again on the Kindle (a highlight redone, a note edited) {} kept once, as last made",
            if superseded == 1 { "" } else { "s" },
            if superseded == 1 { "was" } else { "were" }
        ));
    }
    books
}

/// Two clippings of one passage: their places overlap (locations, or the same
/// page when there are none) and one text holds the other.
fn same_passage(a: &Clipping, b: &Clipping) -> bool {
    let place = match (a.location, b.location) {
        (Some((s1, e1)), Some((s2, e2))) => s1 <= e2 && s2 <= e1,
        (None, None) => a.page.is_some() && a.page == b.page,
        _ => false,
    };
    let (x, y) = (collapse_whitespace(&a.text), collapse_whitespace(&b.text));
    place && (x.contains(&y) || y.contains(&x))
}

/// A book's passages in book order, and how many clippings were superseded
/// by a later one of the same passage.
fn passages(clips: &[&Clipping]) -> (Vec<Passage>, usize) {
    let mut dropped = 0;
    // Highlights: a re-made one replaces the one it re-makes, keeping the longer text.
    let mut highlights: Vec<Clipping> = Vec::new();
    for c in clips.iter().filter(|c| c.kind == ClipKind::Highlight) {
        if let Some(i) = highlights.iter().position(|h| same_passage(h, c)) {
            dropped += 1;
            if collapse_whitespace(&c.text).chars().count() >= collapse_whitespace(&highlights[i].text).chars().count() {
                highlights[i] = (*c).clone();
            }
        } else {
            highlights.push((*c).clone());
        }
    }
    // Notes: one written again at its location replaces the earlier version.
    let mut notes: Vec<&Clipping> = Vec::new();
    for n in clips.iter().filter(|c| c.kind == ClipKind::Note) {
        if let Some(i) = notes.iter().position(|m| m.location == n.location && m.page == n.page && same_passage(m, n)) {
            dropped += 1;
            notes[i] = n;
        } else {
            notes.push(n);
        }
    }
    let mut attached: Vec<Vec<&Clipping>> = vec![Vec::new(); highlights.len()];
    let mut loose: Vec<&Clipping> = Vec::new();
    for n in notes {
        match note_target(&highlights, n) {
            Some(i) => attached[i].push(n),
            None => loose.push(n),
        }
    }
    let mut out: Vec<(&Clipping, Passage)> = highlights
        .iter()
        .zip(attached)
        .map(|(h, ns)| {
            let note = ns.iter().map(|n| n.text.trim()).collect::<Vec<_>>().join("\n\n");
            (h, Passage { text: collapse_whitespace(&h.text), note, tags: Vec::new(), added: rfc3339(h) })
        })
        .collect();
    for n in loose {
        let p = Passage { text: collapse_whitespace(&n.text), note: String::new(), tags: vec![NOTE_TAG.to_owned()], added: rfc3339(n) };
        out.push((n, p));
    }
    out.sort_by_key(|(c, _)| (c.location.map(|l| l.0).unwrap_or(u32::MAX), page_number(c), c.record));
    (out.into_iter().map(|(_, p)| p).collect(), dropped)
}

/// The highlight a note was written on: the one whose locations hold the
/// note's (the one ending there first, then the latest); for a PDF, which
/// has only pages, the latest highlight on the note's page made before it.
fn note_target(highlights: &[Clipping], n: &Clipping) -> Option<usize> {
    match n.location {
        Some((at, _)) => highlights
            .iter()
            .rposition(|h| h.location.is_some_and(|(_, e)| e == at))
            .or_else(|| highlights.iter().rposition(|h| h.location.is_some_and(|(s, e)| s <= at && at <= e))),
        None => highlights
            .iter()
            .rposition(|h| h.location.is_none() && h.page.is_some() && h.page == n.page && (h.added <= n.added || n.added.is_none())),
    }
}

fn page_number(c: &Clipping) -> u32 {
    c.page.as_deref().and_then(|p| p.parse().ok()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
