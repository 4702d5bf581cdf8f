//! Saving a page sent by the extension: the same pipeline as every import
//! (extraction, sanitizer, duplicate detection by address or text), then the
//! selection as a highlight, then the running app told to show the article.

use std::path::PathBuf;
use std::time::Instant;

use serde_json::{json, Value};
use sidenote_core::anchor::TextQuote;
use sidenote_core::import::{self, Format, Source};
use sidenote_core::{Color, Library, NewHighlight, Outcome, SourceKind};

use super::quote;
use super::request::{shorten, Failure, Save, Selection};

/// Code points of context kept either side of a quote (as the core keeps).
const CONTEXT: usize = sidenote_core::anchor::CONTEXT_LEN;

/// Where the time of one save went, in milliseconds, for the reply (the
/// benchmark reads it; docs/benchmarks.md).
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Timings {
    /// From the message's first byte to its last.
    pub read_ms: f64,
    pub parse_ms: f64,
    /// Opening the library (once per host process).
    pub open_ms: f64,
    /// Decoding, extraction and sanitizing.
    pub extract_ms: f64,
    /// The duplicate check and the article's transaction.
    pub store_ms: f64,
    /// Fetching the page's images (when saving them is on).
    pub images_ms: f64,
    pub highlight_ms: f64,
    /// Telling a running app to show the article.
    pub app_ms: f64,
    /// Wall-clock time (ms since 1970) when this process started and when the
    /// article was stored, to line up with the extension's clock.
    pub process_started_at: f64,
    pub stored_at: f64,
}

pub fn ms(since: Instant) -> f64 {
    (since.elapsed().as_secs_f64() * 1e6).round() / 1e3
}

pub fn epoch_ms() -> f64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

/// The library the host writes to, opened on first use.
pub struct Store {
    pub dir: Result<PathBuf, String>,
    library: Option<Library>,
}

impl Store {
    pub fn new(dir: Result<PathBuf, String>) -> Store {
        Store { dir, library: None }
    }

    pub fn library(&mut self, timings: &mut Timings) -> Result<&mut Library, Failure> {
        let dir = self.dir.clone().map_err(|message| Failure::new("Invalid", message))?;
        match &mut self.library {
            Some(lib) => Ok(lib),
            slot @ None => {
                let began = Instant::now();
                let mut lib = Library::open_dir(&dir)?;
                // A library that syncs records every change for the other devices.
                sidenote_core::sync::attach(&mut lib)?;
                timings.open_ms = ms(began);
                Ok(slot.insert(lib))
            }
        }
    }
}

/// Saves the page (and its selection); the reply's fields on success.
pub fn save(store: &mut Store, request: Save, timings: &mut Timings) -> Result<Value, Failure> {
    let Save { url, base_url, title, html, selection } = request;
    let url = web_address(&url)?;
    let base = match base_url.as_deref().filter(|b| !b.trim().is_empty()) {
        Some(b) => web_address(b).unwrap_or_else(|_| url.clone()),
        None => url.clone(),
    };
    let lib = store.library(timings)?;
    // The address is already here: no need to extract the page again.
    let began = Instant::now();
    let known = lib.find_duplicate("", Some(&url))?;
    timings.store_ms = ms(began);
    let (article_id, article_title, duplicate) = match known {
        Some(existing) => (existing.id, existing.title, true),
        None => {
            let began = Instant::now();
            let mut loaded = import::load_source(Source {
                what: &url,
                bytes: html.into_bytes(),
                format: Format::Html,
                url: Some(&base),
                // The DOM arrives as a JSON string: whatever its <meta> says, it is UTF-8 now.
                http_charset: Some("utf-8"),
            })?;
            timings.extract_ms = ms(began);
            loaded.kind = SourceKind::Url;
            loaded.source_url = Some(url.clone());
            if loaded.extracted.title.trim().is_empty() && !title.trim().is_empty() {
                loaded.extracted.title = shorten(title.trim(), 500);
            }
            if lib.saves_images()? {
                let began = Instant::now();
                import::save_web_images_blocking(&mut loaded, &import::ImageLimits::default());
                timings.images_ms = ms(began);
            }
            let began = Instant::now();
            let outcome = lib.import_loaded(loaded)?;
            timings.store_ms += ms(began);
            match outcome {
                Outcome::Imported(article) => (article.summary.id, article.summary.title, false),
                Outcome::Duplicate(existing) => (existing.id, existing.title, true),
            }
        }
    };
    timings.stored_at = epoch_ms();
    let mut reply = json!({ "ok": true, "article_id": article_id, "title": shorten(&article_title, 300) });
    if duplicate {
        reply["duplicate_of"] = json!(article_id);
    }
    if let Some(selection) = selection {
        let began = Instant::now();
        highlight(lib, &article_id, selection, &mut reply);
        timings.highlight_ms = ms(began);
    }
    Ok(reply)
}

/// An http(s) address, normalized as "Open URL" stores it so that both find the same duplicates.
fn web_address(url: &str) -> Result<String, Failure> {
    import::parse_web_address(url).map(|u| u.to_string()).map_err(|_| {
        Failure::bad_message(format!("only pages at http:// and https:// addresses can be saved, not {:?}", shorten(url.trim(), 100)))
    })
}

/// Stores the selection as a highlight on the article and says how in `reply`:
/// `highlight_id`, and `highlight_orphaned` or `highlight_existed` with a
/// `message`. A failure here leaves the article saved and is reported as
/// `highlight_error`.
fn highlight(lib: &mut Library, article_id: &str, selection: Selection, reply: &mut Value) {
    match place(lib, article_id, selection) {
        Ok(Placed::New(id)) => reply["highlight_id"] = json!(id),
        Ok(Placed::Existing(id)) => {
            reply["highlight_id"] = json!(id);
            reply["highlight_existed"] = json!(true);
            reply["message"] = json!("This passage was already highlighted in Sidenote.");
        }
        Ok(Placed::Orphan(id)) => {
            reply["highlight_id"] = json!(id);
            reply["highlight_orphaned"] = json!(true);
            reply["message"] = json!(
                "The passage you selected is not in the text Sidenote kept from this page (it may be in a caption, \
                 a sidebar or a comment). It is kept with the article's unplaced highlights, where you can attach it to a passage."
            );
        }
        Err(f) => reply["highlight_error"] = f.reply()["error"].clone(),
    }
}

enum Placed {
    New(String),
    Existing(String),
    Orphan(String),
}

fn place(lib: &mut Library, article_id: &str, selection: Selection) -> Result<Placed, Failure> {
    let Selection { exact, prefix, suffix, note } = selection;
    let note = note.map(|n| n.trim().to_owned()).unwrap_or_default();
    let text = lib.article(article_id)?.text;
    let Some((start, end)) = quote::locate(&text, &exact, &prefix, &suffix) else {
        let quote =
            TextQuote { exact: exact.trim().to_owned(), prefix: last_chars(&prefix, CONTEXT), suffix: first_chars(&suffix, CONTEXT) };
        return Ok(Placed::Orphan(lib.create_orphaned_highlight(article_id, &quote, Color::Yellow, &note)?.id));
    };
    // Saving the same passage twice keeps one highlight; a new note is added to it.
    let existing = lib.article_highlights(article_id)?.into_iter().find(|h| h.start == start && h.end == end);
    if let Some(h) = existing {
        if !note.is_empty() && !h.note.contains(&note) {
            let joined = if h.note.trim().is_empty() { note } else { format!("{}\n\n{note}", h.note.trim_end()) };
            lib.update_highlight(&h.id, &sidenote_core::HighlightPatch { note: Some(joined), ..Default::default() })?;
        }
        return Ok(Placed::Existing(h.id));
    }
    let new = NewHighlight { article_id: article_id.to_owned(), start, end, color: Color::Yellow, note, tags: Vec::new() };
    Ok(Placed::New(lib.create_highlight(&new)?.id))
}

fn last_chars(s: &str, n: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

fn first_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}
