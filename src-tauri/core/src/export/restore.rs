//! Importing notes: our own JSON export (a full restore), Readwise CSV
//! (`readwise_import`) and Kindle clippings (`kindle_import`). Everything is checked and written in one transaction:
//! a malformed record stops the import with an error naming it, and nothing is
//! stored. Records already in the library (same article or highlight id, or
//! for CSV the same span of the same article) are skipped, so importing the
//! same file twice adds nothing the second time.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::w3c_events::{self, RestoredEvent};
use super::w3c_json::{id_of, Annotation, ArticleRecord, Collection, Selector, FORMAT_VERSION};
use crate::error::{Error, Result};
use crate::highlight::{normalize_tags, Color};
use crate::import::blocks::{render, Block};
use crate::model::{word_count, SourceKind};
use crate::store::{new_id, now_rfc3339, Library};
use crate::PartialDate;

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

pub fn import_notes_str(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let head = input.trim_start();
    if head.starts_with('{') {
        restore_json(lib, input, what)
    } else if super::kindle::looks_like_clippings(input) {
        super::kindle_import::import_clippings(lib, input, what)
    } else if head.split(['\r', '\n']).next().is_some_and(super::readwise_import::looks_like_header) {
        super::readwise_import::import_csv(lib, input, what)
    } else {
        Err(Error::Unsupported {
            what: what.to_owned(),
            detail: "expected a Sidenote JSON export, a Readwise CSV (header Highlight,Title,Author,URL,Note,Location,Date) or a Kindle My Clippings.txt".into(),
        })
    }
}

/// Restores a Sidenote JSON export: same article ids, highlights at the same
/// positions with their notes, tags, colors and dates.
pub fn restore_json(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let collection: Collection =
        serde_json::from_str(input).map_err(|e| Error::Invalid(format!("{what}: not a Sidenote JSON export ({e})")))?;
    if collection.format_version > FORMAT_VERSION {
        return Err(Error::Invalid(format!(
            "{what} was written by a newer Sidenote (format {}, this build reads {FORMAT_VERSION}); nothing was imported",
            collection.format_version
        )));
    }
    lib.write(|tx| {
        let mut report = NotesImportReport { format: "json".into(), ..Default::default() };
        let mut texts: Vec<(String, Vec<char>)> = Vec::new();
        for (i, a) in collection.articles.iter().enumerate() {
            let name = format!("{what}: article {} ({:?})", i + 1, a.id);
            if texts.iter().any(|(id, _)| *id == a.id) {
                return Err(Error::Invalid(format!("{name}: the id occurs twice")));
            }
            if article_exists(tx, &a.id)? {
                report.articles_matched += 1;
            } else {
                insert_article(tx, a).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
                report.articles_added += 1;
            }
            let text: String = tx.query_row("SELECT text FROM articles WHERE id = ?1", [&a.id], |r| r.get(0))?;
            texts.push((a.id.clone(), text.chars().collect()));
        }
        for (i, ann) in collection.first.items.iter().enumerate() {
            let name = format!("{what}: annotation {} ({})", i + 1, ann.id);
            if ann.motivation == w3c_events::MOTIVATION {
                let e = RestoredEvent::from_annotation(ann).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
                let text = match texts.iter().find(|(id, _)| *id == e.article_id) {
                    Some((_, t)) => t,
                    None => {
                        return Err(Error::Invalid(format!("{name}: its target {} is not among the file's articles", ann.target.source)))
                    }
                };
                e.check(text).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
                if e.insert(tx)? {
                    report.events_added += 1;
                } else {
                    report.events_skipped += 1;
                }
                continue;
            }
            let h = RestoredHighlight::from_annotation(ann).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
            let text = match texts.iter().find(|(id, _)| *id == h.article_id) {
                Some((_, t)) => t,
                None => return Err(Error::Invalid(format!("{name}: its target {} is not among the file's articles", ann.target.source))),
            };
            h.check(text).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
            if highlight_exists(tx, &h.id)? {
                report.highlights_skipped += 1;
            } else {
                h.insert(tx)?;
                report.highlights_added += 1;
            }
        }
        Ok(report)
    })
}

struct RestoredHighlight {
    id: String,
    article_id: String,
    start: u32,
    end: u32,
    exact: String,
    prefix: String,
    suffix: String,
    color: Color,
    note: String,
    tags: Vec<String>,
    orphaned: bool,
    created: String,
    modified: String,
}

impl RestoredHighlight {
    fn from_annotation(a: &Annotation) -> Result<Self> {
        let id = id_of(&a.id).to_owned();
        if id.trim().is_empty() {
            return Err(Error::Invalid("the annotation has no id".into()));
        }
        let quote = a.target.selector.iter().find_map(|s| match s {
            Selector::TextQuoteSelector { exact, prefix, suffix } => Some((exact.clone(), prefix.clone(), suffix.clone())),
            _ => None,
        });
        let position = a.target.selector.iter().find_map(|s| match s {
            Selector::TextPositionSelector { start, end } => Some((*start, *end)),
            _ => None,
        });
        let (Some((exact, prefix, suffix)), Some((start, end))) = (quote, position) else {
            return Err(Error::Invalid("the target needs both a TextQuoteSelector and a TextPositionSelector".into()));
        };
        let mut note = String::new();
        let mut tags = Vec::new();
        for b in &a.body {
            match b.purpose.as_str() {
                "tagging" => tags.push(b.value.clone()),
                "commenting" if note.is_empty() => note = b.value.clone(),
                "commenting" => return Err(Error::Invalid("more than one note body".into())),
                other => return Err(Error::Invalid(format!("a body with unknown purpose {other:?}"))),
            }
        }
        Ok(RestoredHighlight {
            id,
            article_id: id_of(&a.target.source).to_owned(),
            start,
            end,
            exact,
            prefix,
            suffix,
            color: a.color.as_deref().ok_or_else(|| Error::Invalid("the highlight has no sidenote:color".into()))?.parse()?,
            note,
            tags: normalize_tags(&tags)?,
            orphaned: a.orphaned,
            created: a.created.clone().ok_or_else(|| Error::Invalid("the highlight has no created date".into()))?,
            modified: a.modified.clone().or_else(|| a.created.clone()).unwrap_or_default(),
        })
    }

    /// An anchored highlight must quote exactly its span of the text; an
    /// orphan keeps where it used to be, which the text may no longer have.
    fn check(&self, text: &[char]) -> Result<()> {
        check_span(self.start, self.end, self.orphaned, &self.exact, text)
    }

    fn insert(&self, tx: &Transaction<'_>) -> Result<()> {
        tx.execute(
            "INSERT INTO highlights (id, article_id, start, end, exact, prefix, suffix, color, note, orphaned, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                self.id,
                self.article_id,
                self.start,
                self.end,
                self.exact,
                self.prefix,
                self.suffix,
                self.color.as_str(),
                self.note,
                self.orphaned,
                self.created,
                self.modified
            ],
        )?;
        add_tags(tx, &self.id, &self.tags)
    }
}

pub(super) fn add_tags(tx: &Transaction<'_>, highlight_id: &str, tags: &[String]) -> Result<()> {
    for tag in tags {
        tx.execute("INSERT OR IGNORE INTO tags (name) VALUES (?1)", [tag])?;
        tx.execute(
            "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2",
            params![highlight_id, tag],
        )?;
    }
    Ok(())
}

/// Any row with this id, trashed or not: its id is taken either way.
fn article_exists(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    Ok(tx.query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

fn highlight_exists(tx: &Transaction<'_>, id: &str) -> Result<bool> {
    Ok(tx.query_row("SELECT 1 FROM highlights WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some())
}

/// Stores a new article made of quotation blocks, as the Readwise and Kindle
/// imports make one for quotes the library has no article for: a fresh id,
/// imported now, plain text. Returns its id and text.
pub(super) fn insert_quotes_article(
    tx: &Transaction<'_>,
    title: String,
    byline: Option<String>,
    site: Option<&str>,
    source_url: Option<String>,
    blocks: &[Block],
) -> Result<(String, String)> {
    let (text, html) = render(blocks);
    let record = ArticleRecord {
        id: new_id(),
        title,
        byline,
        site: site.map(str::to_owned),
        source_url,
        source_kind: SourceKind::Text.as_str().to_owned(),
        published: None,
        imported_at: now_rfc3339(),
        lang: None,
        dir: None,
        text,
        html,
    };
    insert_article(tx, &record)?;
    Ok((record.id, record.text))
}

/// Stores an article record as it is (id and import time included).
pub(super) fn insert_article(tx: &Transaction<'_>, a: &ArticleRecord) -> Result<()> {
    if a.id.trim().is_empty() {
        return Err(Error::Invalid("the article has no id".into()));
    }
    if a.text.trim().is_empty() {
        return Err(Error::Invalid("the article has no text".into()));
    }
    if a.title.trim().is_empty() {
        return Err(Error::Invalid("the article has no title".into()));
    }
    let kind = SourceKind::parse(&a.source_kind).ok_or_else(|| Error::Invalid(format!("unknown source kind {:?}", a.source_kind)))?;
    let published = a.published.as_deref().map(str::parse::<PartialDate>).transpose()?;
    if let Some(dir) = a.dir.as_deref().filter(|d| *d != "ltr" && *d != "rtl") {
        return Err(Error::Invalid(format!("unknown text direction {dir:?}")));
    }
    let hash = hex::encode(Sha256::digest(a.text.as_bytes()));
    tx.execute(
        "INSERT INTO articles (id, title, byline, site, source_url, source_kind, published,
            published_precision, imported_at, lang, dir, html, text, word_count, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            a.id,
            a.title,
            a.byline,
            a.site,
            a.source_url,
            kind.as_str(),
            published.map(|p| p.to_string()),
            published.map(|p| p.precision()),
            a.imported_at,
            a.lang,
            a.dir,
            a.html,
            a.text,
            word_count(&a.text),
            hash
        ],
    )?;
    Ok(())
}

/// An anchored span (highlight or event) must quote exactly its part of the
/// text; an orphan keeps where it used to be, which the text may no longer have.
pub(super) fn check_span(start: u32, end: u32, orphaned: bool, exact: &str, text: &[char]) -> Result<()> {
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
