//! Importing notes: our own JSON export, a full restore (`sidenote_json`),
//! a Readwise CSV (`readwise_csv`), Kindle clippings (`kindle`), Hypothesis
//! annotations (`hypothesis`) and an Omnivore export (`omnivore`). The
//! format is recognised from the content, never from the file's name.
//!
//! Each importer reads and checks the whole file into values first, then
//! applies them in one transaction through the store's functions for each
//! kind of change (article added, text replaced, highlight created, article
//! note added, event added), so an import is recorded as the reader's own
//! changes are, and a file is imported whole or not at all. Records that
//! cannot be read are reported with where they are and why (a Kindle file's
//! unknown lines, say) while the rest of the file imports; a malformed record
//! of a format that is a restore (our JSON) stops it, naming the record.
//! Records already in the library are skipped, so importing the same file
//! twice adds nothing the second time.

pub mod hypothesis;
pub mod kindle;
pub mod omnivore;
mod quotes;
pub mod readwise_csv;
pub mod sidenote_json;

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, FormatDetail, Result};
use crate::store::Library;

/// The largest notes file read, in bytes (an Omnivore export of a large
/// library with its saved pages is the biggest we expect).
pub const MAX_NOTES_BYTES: u64 = 512 * 1024 * 1024;

/// How many records a report lists by name; the rest are counted.
const LISTED: usize = 200;

/// What an import of notes did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct NotesImportReport {
    /// `json`, `csv`, `kindle`, `hypothesis` or `omnivore`.
    pub format: String,
    pub articles_added: u32,
    /// Articles that were already in the library (their notes were merged).
    pub articles_matched: u32,
    pub highlights_added: u32,
    /// Highlights already in the library.
    pub highlights_skipped: u32,
    /// Highlights kept without a place: the article's text does not hold the
    /// passage they quote (listed above the article, never dropped).
    pub highlights_orphaned: u32,
    /// Notes on a whole article (a Hypothesis page note, an Omnivore item's labels).
    pub notes_added: u32,
    /// Article notes already in the library.
    pub notes_skipped: u32,
    /// Timeline events (the user's own, corrected or hidden ones) restored.
    pub events_added: u32,
    /// Events already in the library.
    pub events_skipped: u32,
    /// Kindle bookmarks: a place in a book with no text, not imported.
    pub bookmarks: u32,
    /// Records left out, each with where it is in the file and why.
    pub skipped: Vec<ImportNotice>,
    /// Records imported with a caveat (a date that could not be read).
    pub warnings: Vec<ImportNotice>,
    /// What the import as a whole should tell the reader.
    pub remarks: Vec<String>,
}

/// A record of a notes file that needs a word: where it is and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct ImportNotice {
    /// Where in the file: "line 12", "annotation 3", "highlights/slug.md".
    pub at: String,
    pub message: String,
}

impl NotesImportReport {
    pub fn new(format: &str) -> Self {
        NotesImportReport { format: format.to_owned(), ..Default::default() }
    }

    /// Notes a record left out (the first `LISTED` are listed, the rest counted).
    pub fn skip(&mut self, at: impl Into<String>, message: impl Into<String>) {
        push_notice(&mut self.skipped, at.into(), message.into());
    }

    /// Notes a record imported with a caveat.
    pub fn warn(&mut self, at: impl Into<String>, message: impl Into<String>) {
        push_notice(&mut self.warnings, at.into(), message.into());
    }

    pub fn remark(&mut self, sentence: impl Into<String>) {
        self.remarks.push(sentence.into());
    }
}

fn push_notice(list: &mut Vec<ImportNotice>, at: String, message: String) {
    match list.len() {
        n if n < LISTED => list.push(ImportNotice { at, message }),
        n if n == LISTED => list.push(ImportNotice { at: "…".into(), message: "more records like these are not listed".into() }),
        _ => {}
    }
}

/// Imports a notes file, recognising its format from its content.
pub fn import_notes_file(lib: &mut Library, path: &Path) -> Result<NotesImportReport> {
    let what = path.display().to_string();
    let unreadable = |reason: String| Error::Unreadable { path: what.clone(), reason };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(e.to_string()))?;
    if meta.is_dir() {
        return Err(Error::Unsupported { what, detail: FormatDetail::detected("folder", "it is a folder, not a notes file") });
    }
    if meta.len() > MAX_NOTES_BYTES {
        return Err(Error::TooLarge { what, size: meta.len(), limit: MAX_NOTES_BYTES });
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    import_notes_bytes(lib, &bytes, &what)
}

/// Imports notes from a file's bytes (`what` names it in messages).
pub fn import_notes_bytes(lib: &mut Library, bytes: &[u8], what: &str) -> Result<NotesImportReport> {
    if omnivore::is_zip(bytes) {
        return omnivore::import_zip(lib, bytes, what);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Error::Unsupported {
        what: what.to_owned(),
        detail: FormatDetail::detected("binary", "it is neither text nor a zip archive"),
    })?;
    import_notes_str(lib, text, what)
}

/// Imports notes from `input` (`what` names it in messages).
pub fn import_notes_str(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let head = input.trim_start();
    if head.starts_with('{') || head.starts_with('[') {
        if hypothesis::looks_like_hypothesis(input) {
            hypothesis::import_json(lib, input, what)
        } else {
            sidenote_json::restore_json(lib, input, what)
        }
    } else if kindle::looks_like_clippings(input) {
        kindle::import_clippings(lib, input, what)
    } else if head.split(['\r', '\n']).next().is_some_and(readwise_csv::looks_like_header) {
        readwise_csv::import_csv(lib, input, what)
    } else {
        Err(Error::Unsupported {
            what: what.to_owned(),
            detail: FormatDetail::detected(
                "text",
                "expected a Sidenote JSON export, Hypothesis annotations (JSON), an Omnivore export (zip), a Readwise CSV (header Highlight,Title,Author,URL,Note,Location,Date) or a Kindle My Clippings.txt",
            ),
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

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
