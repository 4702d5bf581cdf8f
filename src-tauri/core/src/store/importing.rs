//! Storing what the importers make: a loaded source (unless the library has
//! it already), an article's kept source read again with another encoding,
//! and the first run's sample article.

use super::articles::{content_hash, duplicate_of, metadata_of, source_of, ArticleMetadata, NewArticle, Stamp};
use super::{books, removed_blocks, Library};
use crate::error::{Error, Result};
use crate::import::{self, Loaded};
use crate::model::{Article, Extracted, Outcome, Redecoded, SourceKind};
use crate::sample;

/// Set once the sample article has been offered, so it never comes back.
const SEEDED_KEY: &str = "sampleSeeded";

impl Library {
    /// Stores a loaded article unless the same text or URL is already here
    /// (looked for in the transaction that stores it).
    pub fn import_loaded(&mut self, loaded: Loaded) -> Result<Outcome> {
        // Hashed once for both uses (a book's text is megabytes).
        let hash = content_hash(&loaded.extracted.text);
        // A book's source is not kept: its text is UTF-8 by rule, and its
        // images are stored on their own.
        let book = loaded.kind == SourceKind::Epub;
        let new = NewArticle {
            extracted: loaded.extracted,
            source_kind: loaded.kind,
            source_url: loaded.source_url,
            raw: (!book).then_some(loaded.raw),
            encoding: (!book).then_some(loaded.encoding),
        };
        let attachments = loaded.attachments;
        let stamp = Stamp::fresh();
        let existing = self.write(|tx| match duplicate_of(tx.conn, &hash, new.source_url.as_deref())? {
            Some(existing) => Ok(Some(existing)),
            None => {
                tx.add_article_hashed(&new, &stamp, &hash)?;
                tx.add_attachments(&stamp.id, &attachments)?;
                // What the clean-up took out, for the reader's "Show what was removed".
                removed_blocks::set(tx.conn, &stamp.id, &new.extracted.removed)?;
                Ok(None)
            }
        })?;
        if let Some(existing) = existing {
            return Ok(Outcome::Duplicate(Box::new(existing)));
        }
        // The text and HTML are the strings just written: no need to read them back.
        let article = self.article_with_bodies(&stamp.id, Some((new.extracted.html, new.extracted.text)))?;
        Ok(Outcome::Imported(Box::new(article)))
    }

    /// Decodes the article's kept source bytes as `encoding` (a WHATWG label
    /// such as "windows-1251"), extracts it again and stores the new text.
    /// Its highlights move to the new text (see [`crate::anchor`]); those that
    /// cannot be placed are kept as orphans, and the report says how many
    /// went where. The title, byline and site are read again too, unless the
    /// reader corrected them (they differ from what the old reading gave).
    /// Refused, with nothing changed, when the source was not kept, the label
    /// is unknown or the bytes do not decode.
    pub fn redecode(&mut self, article_id: &str, encoding: &str) -> Result<Redecoded> {
        let (raw, kind, url) = source_of(self.conn(), article_id)?;
        let raw = raw.ok_or_else(|| Error::Invalid("this article's source bytes were not kept, so it cannot be re-decoded".into()))?;
        let (e, used) = import::read_again(&raw, kind, url.as_deref(), encoding)?;
        // What the importer made of the details last time: a stored value that differs is the reader's.
        let previous = self.source_info(article_id)?.encoding;
        let guessed = previous.and_then(|old| import::read_again(&raw, kind, url.as_deref(), &old).ok()).map(|(old, _)| old);
        let highlights = self.write(|tx| {
            let before = metadata_of(tx.conn, article_id)?;
            let html = books::keep_saved_images(tx.conn, article_id, &e.html)?;
            let report = tx.replace_text(article_id, &e.text, &html, Some(&used))?;
            // What the clean-up took out of the text as now decoded.
            removed_blocks::set(tx.conn, article_id, &e.removed)?;
            let after = ArticleMetadata {
                title: reread(&before.title, guessed.as_ref().map(title_of).as_ref(), &title_of(&e)),
                byline: reread(&before.byline, guessed.as_ref().map(|g| &g.byline), &e.byline),
                site: reread(&before.site, guessed.as_ref().map(|g| &g.site), &e.site),
                published: before.published,
            };
            if after != before {
                tx.edit_metadata(article_id, &after)?;
            }
            Ok(report)
        })?;
        Ok(Redecoded { article: self.article(article_id)?, highlights })
    }

    /// Adds the sample article the first time a library is opened with no
    /// articles. Once seeded it is never re-added, even if the user deletes it.
    pub fn ensure_sample(&mut self) -> Result<Option<Article>> {
        if self.setting(SEEDED_KEY)?.is_some() {
            return Ok(None);
        }
        let mut added = None;
        if self.article_count()? == 0 {
            let extracted = sample::welcome()?;
            added = Some(self.insert_article(NewArticle {
                extracted,
                source_kind: SourceKind::Sample,
                source_url: None,
                raw: None,
                encoding: None,
            })?);
        }
        self.set_setting(SEEDED_KEY, &serde_json::Value::Bool(true))?;
        Ok(added)
    }
}

/// A detail of an article read again: the new reading's, unless the reader
/// changed it (it differs from what the old reading gave).
fn reread<T: PartialEq + Clone>(stored: &T, old_reading: Option<&T>, new_reading: &T) -> T {
    match old_reading {
        Some(old) if old != stored => stored.clone(),
        _ => new_reading.clone(),
    }
}

/// The title an extraction gives an article, as the store keeps it.
fn title_of(e: &Extracted) -> String {
    if e.title.trim().is_empty() {
        "Untitled".to_owned()
    } else {
        e.title.trim().to_owned()
    }
}

#[cfg(test)]
mod tests;
