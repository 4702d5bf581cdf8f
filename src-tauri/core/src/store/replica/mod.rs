//! An article as sync carries it between devices ([`ReplicaArticle`] in the
//! catalogue, [`ReplicaNotes`] in its own document), read from the rows, and
//! the rows made again from it after remote changes were merged.
//!
//! Making rows again goes through the store's own functions for the article
//! (add, new text, new details), so that derived data follows as it does for
//! a change made here: a new text re-anchors highlights and events, a new
//! published date re-dates the timeline, full-text rows and counts follow by
//! trigger. The reader's notes carry the text they were anchored to
//! (`anchored_to`, a content hash): one anchored to another text is placed
//! on this one as re-anchoring places it (position, quote, approximate
//! match; an orphan when none), so every device makes the same rows from the
//! same documents. Nothing here is recorded as a change: the documents
//! already hold it.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

mod placing;

pub use placing::{place_events, place_hidden, place_highlights};

use super::articles::{content_hash, ArticleMetadata, NewArticle, Stamp};
use super::{events, highlights, warning_marks, Library, StoredMark, Tx};
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::highlight::{normalize_tags, Highlight};
use crate::import::Attachments;
use crate::model::{ArticleNote, Extracted, NewEvent, SourceKind};
use crate::timex::TimexKind;
use crate::PartialDate;

/// An article's record in the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicaArticle {
    pub id: String,
    pub title: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub source_url: Option<String>,
    pub source_kind: SourceKind,
    pub published: Option<PartialDate>,
    pub imported_at: String,
    pub lang: Option<String>,
    pub dir: Option<String>,
    /// SHA-256 of the text (see [`content_hash`]).
    pub content_hash: String,
    pub deleted_at: Option<String>,
}

/// A highlight with the text its selectors refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicaHighlight {
    pub highlight: Highlight,
    pub anchored_to: String,
    pub deleted_at: Option<String>,
}

/// A hidden paragraph: its range in the text it was hidden in, and a hash of
/// its words, by which it is found in another text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaHidden {
    pub start: u32,
    pub end: u32,
    pub anchored_to: String,
    pub words: String,
}

/// An event the reader made, corrected or hid.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplicaEvent {
    pub event: NewEvent,
    pub anchored_to: String,
    pub updated_at: String,
}

/// A note on the whole article (in the trash when `deleted_at` is set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaArticleNote {
    pub note: ArticleNote,
    pub deleted_at: Option<String>,
}

/// Everything of the reader's on one article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReplicaNotes {
    pub highlights: Vec<ReplicaHighlight>,
    pub hidden: Vec<ReplicaHidden>,
    pub events: Vec<ReplicaEvent>,
    pub article_notes: Vec<ReplicaArticleNote>,
    /// The reader's verdicts on chronology warnings, by span and kind.
    pub marks: Vec<StoredMark>,
}

/// An article's text and HTML, as a blob brings them (checked and
/// sanitized), with what came with it: its images and a book's contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaBody {
    pub text: String,
    pub html: String,
    pub attachments: Attachments,
}

/// What making an article's rows again changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReplicaApplied {
    /// The article's row was added or changed.
    pub article: bool,
    /// Highlights added or changed.
    pub highlights: u32,
    /// Nothing was done: the article's body is needed and was not given.
    pub needs_body: bool,
}

/// The hash a hidden paragraph's words are known by.
pub fn words_hash(words: &str) -> String {
    content_hash(words)[..16].to_owned()
}

fn event_columns() -> &'static str {
    "id, article_id, origin, timex_type, value, value_end, label, start, end, exact, prefix, suffix, warnings, hidden, user_edited,
     orphaned, updated_at"
}

fn event_from_row(r: &rusqlite::Row<'_>, anchored_to: &str) -> rusqlite::Result<ReplicaEvent> {
    let kind: String = r.get(3)?;
    let warnings: String = r.get(12)?;
    Ok(ReplicaEvent {
        event: NewEvent {
            id: r.get(0)?,
            article_id: r.get(1)?,
            origin: r.get(2)?,
            kind: TimexKind::parse(&kind).unwrap_or(TimexKind::Date),
            value: r.get(4)?,
            value_end: r.get(5)?,
            label: r.get(6)?,
            start: r.get(7)?,
            end: r.get(8)?,
            exact: r.get(9)?,
            prefix: r.get(10)?,
            suffix: r.get(11)?,
            warnings: serde_json::from_str(&warnings).unwrap_or_default(),
            hidden: r.get(13)?,
            user_edited: r.get(14)?,
            orphaned: r.get(15)?,
        },
        anchored_to: anchored_to.to_owned(),
        updated_at: r.get(16)?,
    })
}

fn hash_of(conn: &Connection, article_id: &str) -> Result<String> {
    conn.prepare_cached("SELECT content_hash FROM articles WHERE id = ?1")?
        .query_row([article_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })
}

pub(super) fn read_event(conn: &Connection, id: &str) -> Result<ReplicaEvent> {
    let sql = format!(
        "SELECT {}, (SELECT content_hash FROM articles a WHERE a.id = e.article_id) FROM events e WHERE e.id = ?1",
        event_columns()
    );
    conn.query_row(&sql, [id], |r| {
        let hash: String = r.get(17)?;
        event_from_row(r, &hash)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: "event", id: id.to_owned() })
}

/// The reader's notes on an article as its rows hold them: every highlight
/// (in the trash too), hidden paragraphs, and the events the reader made,
/// corrected or hid, all anchored to the article's current text.
/// One highlight (in the trash too), anchored to its article's current text.
pub(super) fn read_highlight(conn: &Connection, id: &str) -> Result<ReplicaHighlight> {
    let sql = format!(
        "SELECT {}, h.deleted_at, (SELECT content_hash FROM articles a WHERE a.id = h.article_id) FROM highlights h WHERE h.id = ?1",
        highlights::COLUMNS
    );
    conn.prepare_cached(&sql)?
        .query_row([id], |r| Ok(ReplicaHighlight { highlight: highlights::from_row(r)?, deleted_at: r.get(13)?, anchored_to: r.get(14)? }))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "highlight", id: id.to_owned() })
}

pub(super) fn read_notes(conn: &Connection, article_id: &str) -> Result<ReplicaNotes> {
    let hash = hash_of(conn, article_id)?;
    let sql = format!("SELECT {}, h.deleted_at FROM highlights h WHERE h.article_id = ?1 ORDER BY h.id", highlights::COLUMNS);
    let mut stmt = conn.prepare_cached(&sql)?;
    let highlights = stmt
        .query_map([article_id], |r| {
            Ok(ReplicaHighlight { highlight: highlights::from_row(r)?, anchored_to: hash.clone(), deleted_at: r.get(13)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let text: String = conn.query_row("SELECT text FROM articles WHERE id = ?1", [article_id], |r| r.get(0))?;
    let chars: Vec<char> = text.chars().collect();
    let mut stmt = conn.prepare_cached("SELECT start, end FROM hidden_ranges WHERE article_id = ?1 ORDER BY start")?;
    let ranges = stmt.query_map([article_id], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let hidden = ranges
        .into_iter()
        .map(|(start, end)| {
            let words: String = chars.get(start as usize..(end as usize).min(chars.len())).unwrap_or_default().iter().collect();
            ReplicaHidden { start, end, anchored_to: hash.clone(), words: words_hash(&words) }
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM events e WHERE article_id = ?1 AND (origin = 'user' OR hidden = 1 OR user_edited = 1) ORDER BY id",
        event_columns()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let events = stmt.query_map([article_id], |r| event_from_row(r, &hash))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT id, article_id, note, created_at, updated_at, deleted_at FROM article_notes WHERE article_id = ?1 ORDER BY id",
    )?;
    let article_notes = stmt
        .query_map([article_id], |r| {
            Ok(ReplicaArticleNote {
                note: ArticleNote { id: r.get(0)?, article_id: r.get(1)?, note: r.get(2)?, created_at: r.get(3)?, updated_at: r.get(4)? },
                deleted_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let marks = warning_marks::read(conn, article_id)?;
    Ok(ReplicaNotes { highlights, hidden, events, article_notes, marks })
}

pub(super) fn row_of(conn: &Connection, id: &str) -> Result<Option<ReplicaArticle>> {
    let sql = "SELECT id, title, byline, site, source_url, source_kind, published, imported_at, lang, dir, content_hash, deleted_at
               FROM articles WHERE id = ?1";
    Ok(conn.prepare_cached(sql)?.query_row([id], article_from_row).optional()?)
}

fn article_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReplicaArticle> {
    let kind: String = r.get(5)?;
    let published: Option<String> = r.get(6)?;
    Ok(ReplicaArticle {
        id: r.get(0)?,
        title: r.get(1)?,
        byline: r.get(2)?,
        site: r.get(3)?,
        source_url: r.get(4)?,
        source_kind: SourceKind::parse(&kind).unwrap_or(SourceKind::Text),
        published: published.and_then(|p| p.parse().ok()),
        imported_at: r.get(7)?,
        lang: r.get(8)?,
        dir: r.get(9)?,
        content_hash: r.get(10)?,
        deleted_at: r.get(11)?,
    })
}

impl Library {
    /// Every article that syncs (all but the sample), in the trash or not, by id.
    pub fn replica_articles(&self) -> Result<Vec<ReplicaArticle>> {
        let mut stmt = self.conn().prepare(
            "SELECT id, title, byline, site, source_url, source_kind, published, imported_at, lang, dir, content_hash, deleted_at
             FROM articles WHERE source_kind <> 'sample' ORDER BY id",
        )?;
        let rows = stmt.query_map([], article_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The reader's notes on an article, as its rows hold them.
    pub fn replica_notes(&self, article_id: &str) -> Result<ReplicaNotes> {
        read_notes(self.conn(), article_id)
    }

    /// Makes an article's rows what the documents say: the article (added,
    /// given a new text or details, moved to the trash) and, with `notes`,
    /// its highlights, hidden paragraphs and events; tags are spelled as
    /// `spellings` (lower case to spelling) says. Only what differs is
    /// written. Also takes the article off the list of articles to make again,
    /// unless its body is needed and not given.
    pub fn apply_replica(
        &mut self,
        article: &ReplicaArticle,
        body: Option<&ReplicaBody>,
        notes: Option<&ReplicaNotes>,
        spellings: &HashMap<String, String>,
    ) -> Result<ReplicaApplied> {
        self.write_quietly(|tx| tx.apply_replica(article, body, notes, spellings))
    }

    /// [`Self::apply_replica`] for many articles in one transaction (a first
    /// sync brings hundreds: one commit, and one flush of the full-text
    /// index, for the lot).
    pub fn apply_replicas(&mut self, batch: &[ReplicaInput], spellings: &HashMap<String, String>) -> Result<Vec<ReplicaApplied>> {
        self.write_quietly(|tx| batch.iter().map(|r| tx.apply_replica(&r.article, r.body.as_ref(), Some(&r.notes), spellings)).collect())
    }

    /// Whether making the article's rows needs its body: it is new here, or
    /// has a new text (and is not in the trash).
    pub fn replica_needs_body(&self, article: &ReplicaArticle) -> Result<bool> {
        Ok(needs_body(row_of(self.conn(), &article.id)?.as_ref(), article))
    }

    /// Spells each tag as the catalogue does (`(lower case, spelling)`).
    pub fn apply_tag_spellings(&mut self, spellings: &HashMap<String, String>) -> Result<u32> {
        self.write_quietly(|tx| {
            let mut changed = 0;
            for name in spellings.values() {
                changed += tx
                    .conn
                    .prepare_cached("UPDATE tags SET name = ?1 WHERE name = ?1 COLLATE NOCASE AND name <> ?1 COLLATE BINARY")?
                    .execute([name])?;
            }
            Ok(changed as u32)
        })
    }
}

fn needs_body(current: Option<&ReplicaArticle>, article: &ReplicaArticle) -> bool {
    current.is_none_or(|c| c.content_hash != article.content_hash && article.deleted_at.is_none())
}

/// One article to make again from the documents, with its body when it needs one.
#[derive(Debug, Clone)]
pub struct ReplicaInput {
    pub article: ReplicaArticle,
    pub body: Option<ReplicaBody>,
    pub notes: ReplicaNotes,
}

impl Tx<'_> {
    fn apply_replica(
        &mut self,
        article: &ReplicaArticle,
        body: Option<&ReplicaBody>,
        notes: Option<&ReplicaNotes>,
        spellings: &HashMap<String, String>,
    ) -> Result<ReplicaApplied> {
        let mut applied = ReplicaApplied::default();
        let current = row_of(self.conn, &article.id)?;
        if needs_body(current.as_ref(), article) && body.is_none() {
            return Ok(ReplicaApplied { needs_body: true, ..applied });
        }
        applied.article = self.replica_article(article, current.as_ref(), body)?;
        if let (Some(notes), None) = (notes, &article.deleted_at) {
            applied.highlights = self.replica_notes(&article.id, notes, spellings)?;
        }
        self.conn.prepare_cached("DELETE FROM sync_dirty WHERE article_id = ?1")?.execute([&article.id])?;
        Ok(applied)
    }

    /// The article's own row; says whether it changed.
    fn replica_article(&mut self, a: &ReplicaArticle, current: Option<&ReplicaArticle>, body: Option<&ReplicaBody>) -> Result<bool> {
        let metadata = ArticleMetadata { title: a.title.clone(), byline: a.byline.clone(), site: a.site.clone(), published: a.published };
        let Some(current) = current else {
            let body = body.ok_or_else(|| Error::Invalid("the article's text is needed".into()))?;
            let extracted = Extracted {
                title: a.title.clone(),
                byline: a.byline.clone(),
                site: a.site.clone(),
                published: a.published,
                lang: a.lang.clone(),
                dir: a.dir.clone(),
                text: body.text.clone(),
                html: body.html.clone(),
                removed: Vec::new(),
            };
            let new = NewArticle { extracted, source_kind: a.source_kind, source_url: a.source_url.clone(), raw: None, encoding: None };
            let stamp = Stamp { id: a.id.clone(), imported_at: a.imported_at.clone() };
            self.add_article_hashed(&new, &stamp, &content_hash(&body.text))?;
            self.add_attachments(&a.id, &body.attachments)?;
            if a.deleted_at.is_some() {
                self.conn.execute("UPDATE articles SET deleted_at = ?2 WHERE id = ?1", params![a.id, a.deleted_at])?;
            }
            return Ok(true);
        };
        let mut changed = false;
        if current.deleted_at != a.deleted_at {
            self.conn.execute("UPDATE articles SET deleted_at = ?2 WHERE id = ?1", params![a.id, a.deleted_at])?;
            changed = true;
        }
        if a.deleted_at.is_some() {
            // What is in the trash is not shown anywhere: its text and details wait.
            return Ok(changed);
        }
        if current.content_hash != a.content_hash {
            let body = body.ok_or_else(|| Error::Invalid("the article's text is needed".into()))?;
            self.replace_text(&a.id, &body.text, &body.html, None)?;
            // The new text's images; a book's contents stay as they were made.
            self.add_attachments(&a.id, &Attachments { images: body.attachments.images.clone(), ..Attachments::default() })?;
            changed = true;
        }
        let before = ArticleMetadata {
            title: current.title.clone(),
            byline: current.byline.clone(),
            site: current.site.clone(),
            published: current.published,
        };
        if before != metadata {
            self.edit_metadata(&a.id, &metadata)?;
            changed = true;
        }
        Ok(changed)
    }

    /// The article's notes; returns how many highlights were added or changed.
    fn replica_notes(&mut self, article_id: &str, wanted: &ReplicaNotes, spellings: &HashMap<String, String>) -> Result<u32> {
        let conn = self.conn;
        let text: String = conn.query_row("SELECT text FROM articles WHERE id = ?1", [article_id], |r| r.get(0))?;
        let hash = content_hash(&text);
        let placed = Text::new(&text);
        let have = read_notes(conn, article_id)?;
        let mut changed = 0;
        for w in place_highlights(&placed, &hash, &wanted.highlights) {
            let mut w = w;
            w.highlight.tags =
                normalize_tags(&w.highlight.tags)?.into_iter().map(|t| spellings.get(&t.to_lowercase()).cloned().unwrap_or(t)).collect();
            let old = have.highlights.iter().find(|h| h.highlight.id == w.highlight.id);
            if old.is_some_and(|o| same_highlight(o, &w)) {
                continue;
            }
            highlights::write_synced(conn, article_id, &w.highlight, w.deleted_at.as_deref(), old.is_some())?;
            changed += 1;
        }
        let hidden = place_hidden(&text, &hash, &wanted.hidden);
        let same_hidden =
            hidden.len() == have.hidden.len() && hidden.iter().zip(&have.hidden).all(|(a, b)| (a.start, a.end) == (b.start, b.end));
        if !same_hidden {
            conn.execute("DELETE FROM hidden_ranges WHERE article_id = ?1", [article_id])?;
            for h in &hidden {
                conn.execute(
                    "INSERT INTO hidden_ranges (article_id, start, end) VALUES (?1, ?2, ?3)",
                    params![article_id, h.start, h.end],
                )?;
            }
        }
        let mut events_changed = false;
        for w in place_events(&placed, &hash, &wanted.events) {
            let old = have.events.iter().find(|e| e.event.id == w.event.id);
            let untouched = w.event.origin == "extracted" && !w.event.hidden && !w.event.user_edited;
            // One the reader left alone is derived data, made by extraction.
            if (untouched && old.is_none()) || old.is_some_and(|o| o.event == w.event) {
                continue;
            }
            if w.event.article_id == article_id {
                events::write_synced(conn, &w.event, &w.updated_at)?;
            }
            events_changed = true;
        }
        if events_changed {
            // Extracted untouched events are made again around the reader's ones.
            events::invalidate(conn, article_id)?;
        }
        for w in &wanted.article_notes {
            // The table refuses a blank note: one emptied everywhere waits for text.
            if have.article_notes.contains(w) || w.note.note.trim().is_empty() {
                continue;
            }
            upsert_article_note(conn, article_id, w)?;
        }
        // Kept by span as they were given: a verdict whose span holds other
        // words now is not applied (`warning_marks::apply`), on any device.
        warning_marks::apply_synced(conn, article_id, &wanted.marks)?;
        Ok(changed)
    }
}

fn same_highlight(a: &ReplicaHighlight, b: &ReplicaHighlight) -> bool {
    let lower = |h: &Highlight| h.tags.iter().map(|t| t.to_lowercase()).collect::<Vec<_>>();
    let (x, y) = (&a.highlight, &b.highlight);
    a.deleted_at == b.deleted_at
        && (x.start, x.end, &x.exact, &x.prefix, &x.suffix, x.color, &x.note, x.orphaned, &x.created_at, &x.updated_at)
            == (y.start, y.end, &y.exact, &y.prefix, &y.suffix, y.color, &y.note, y.orphaned, &y.created_at, &y.updated_at)
        && lower(x) == lower(y)
}

fn upsert_article_note(conn: &Connection, article_id: &str, w: &ReplicaArticleNote) -> Result<()> {
    let n = &w.note;
    // A note of another article with the same id is not moved here.
    conn.prepare_cached(
        "INSERT INTO article_notes (id, article_id, note, created_at, updated_at, deleted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (id) DO UPDATE SET note = excluded.note, created_at = excluded.created_at, updated_at = excluded.updated_at,
            deleted_at = excluded.deleted_at
         WHERE article_notes.article_id = excluded.article_id",
    )?
    .execute(params![n.id, article_id, n.note, n.created_at, n.updated_at, w.deleted_at])?;
    Ok(())
}
