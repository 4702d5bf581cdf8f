//! Importing notes: our own JSON export, a full restore (`sidenote_json`),
//! a Readwise CSV (`readwise_csv`) and Kindle clippings (`kindle`, whose file
//! `clippings` reads). The format is recognised from the content.
//!
//! Each importer reads and checks the whole file into values first, then
//! applies them in one transaction through the store's functions for each
//! kind of change (article added, text replaced, highlight created, event
//! added), so an import is recorded as the reader's own changes are: a
//! malformed record stops the import with an error naming it, and nothing is
//! stored. Records already in the library are skipped, so importing the same
//! file twice adds nothing the second time.

pub mod clippings;
pub mod kindle;
pub mod readwise_csv;
pub mod sidenote_json;

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::import::blocks::{render, Block};
use crate::model::{Extracted, SourceKind};
use crate::store::{Library, NewArticle, Stamp, Tx};

/// What an import of notes did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct NotesImportReport {
    /// `json`, `csv` or `kindle`.
    pub format: String,
    pub articles_added: u32,
    /// Articles that were already in the library (their notes were merged).
    pub articles_matched: u32,
    pub highlights_added: u32,
    /// Highlights already in the library.
    pub highlights_skipped: u32,
    /// Timeline events (the user's own, corrected or hidden ones) restored.
    pub events_added: u32,
    /// Events already in the library.
    pub events_skipped: u32,
}

/// Imports a notes file, recognising its format from its content.
pub fn import_notes_file(lib: &mut Library, path: &Path) -> Result<NotesImportReport> {
    let what = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::Unreadable { path: what.clone(), reason: e.to_string() })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Unreadable { path: what.clone(), reason: "not UTF-8 text".into() })?;
    import_notes_str(lib, &text, &what)
}

/// Imports notes from `input` (`what` names it in messages).
pub fn import_notes_str(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let head = input.trim_start();
    if head.starts_with('{') {
        sidenote_json::restore_json(lib, input, what)
    } else if clippings::looks_like_clippings(input) {
        kindle::import_clippings(lib, input, what)
    } else if head.split(['\r', '\n']).next().is_some_and(readwise_csv::looks_like_header) {
        readwise_csv::import_csv(lib, input, what)
    } else {
        Err(Error::Unsupported {
            what: what.to_owned(),
            detail: "expected a Sidenote JSON export, a Readwise CSV (header Highlight,Title,Author,URL,Note,Location,Date) or a Kindle My Clippings.txt".into(),
        })
    }
}

/// An anchored span (highlight or event) must quote exactly its part of the
/// text; an orphan keeps where it used to be, which the text may no longer have.
fn check_span(start: u32, end: u32, orphaned: bool, exact: &str, text: &[char]) -> Result<()> {
    if start >= end {
        return Err(Error::Invalid(format!("the span {start}..{end} is empty")));
    }
    if orphaned {
        return Ok(());
    }
    let (s, e) = (start as usize, end as usize);
    if e > text.len() {
        return Err(Error::Invalid(format!("the span {s}..{e} runs past the article's {} characters", text.len())));
    }
    if text[s..e].iter().collect::<String>() != exact {
        return Err(Error::Invalid(format!("the quote does not match the article's text at {s}..{e}")));
    }
    Ok(())
}

/// Adds an article made of quotation blocks, as the Readwise and Kindle
/// imports make one for quotes the library has no article for: a fresh id,
/// imported now, plain text. Returns its id and text.
fn add_quotes_article(
    tx: &mut Tx<'_>,
    title: String,
    byline: Option<String>,
    site: Option<&str>,
    source_url: Option<String>,
    blocks: &[Block],
) -> Result<(String, String)> {
    let (text, html) = render(blocks);
    let extracted = Extracted { title, byline, site: site.map(str::to_owned), text, html, ..Default::default() };
    let new = NewArticle { extracted, source_kind: SourceKind::Text, source_url, raw: None, encoding: None };
    let stamp = Stamp::fresh();
    tx.add_article(&new, &stamp)?;
    Ok((stamp.id, new.extracted.text))
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
