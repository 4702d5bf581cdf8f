//! The `articles` table: reading, listing and searching articles, and the
//! store's one function for each change to an article's record (added,
//! details edited, deleted; a new text is `bodies`). A new published date
//! re-dates its timeline. Full-text rows follow by trigger (`0001_init.sql`).

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{events, new_id, now_rfc3339, Change, Library, Tx};
use crate::error::{Candidate, Error, Result, MAX_CANDIDATES};
use crate::import::SourceInfo;
use crate::model::{word_count, Article, ArticleSummary, Extracted, ListQuery, SortKey, SourceKind};
use crate::PartialDate;

/// An extracted article on its way into the library.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub extracted: Extracted,
    pub source_kind: SourceKind,
    pub source_url: Option<String>,
    /// The source bytes and the encoding they were decoded with, kept so the
    /// user can re-decode with another encoding.
    pub raw: Option<Vec<u8>>,
    pub encoding: Option<String>,
}

/// The id and import time an article is stored under: fresh ones for an
/// import, the exported ones for a restore (so that its notes find it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub id: String,
    pub imported_at: String,
}

impl Stamp {
    pub fn fresh() -> Stamp {
        Stamp { id: new_id(), imported_at: now_rfc3339() }
    }
}

/// An article's details, as a reader corrects them (and re-decoding reads them again).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ArticleMetadata {
    pub title: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub published: Option<PartialDate>,
}

/// SHA-256 of an article's text, in hex: how the same text is known again
/// when it is imported twice. The only place a text is hashed.
pub fn content_hash(text: &str) -> String {
    crate::digest::sha256_hex(text.as_bytes())
}

/// A book's row says `html` (see `0008_books.sql`): the `books` row makes it `epub`.
const SUMMARY_COLUMNS: &str = "a.id, a.title, a.byline, a.site, a.source_url,
     CASE WHEN EXISTS (SELECT 1 FROM books b WHERE b.article_id = a.id) THEN 'epub' ELSE a.source_kind END, a.published,
     a.imported_at, a.lang, a.word_count,
     coalesce((SELECT c.live_highlights FROM article_counts c WHERE c.article_id = a.id), 0),
     (SELECT CASE WHEN p.length > 0 THEN min(1.0, p.position * 1.0 / p.length) END FROM reading_positions p WHERE p.article_id = a.id)";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    let kind: String = row.get(5)?;
    let published: Option<String> = row.get(6)?;
    Ok(ArticleSummary {
        id: row.get(0)?,
        title: row.get(1)?,
        byline: row.get(2)?,
        site: row.get(3)?,
        source_url: row.get(4)?,
        source_kind: SourceKind::parse(&kind).unwrap_or(SourceKind::Text),
        published: published.and_then(|p| p.parse::<PartialDate>().ok()),
        imported_at: row.get(7)?,
        lang: row.get(8)?,
        word_count: row.get(9)?,
        highlight_count: row.get(10)?,
        progress: row.get(11)?,
    })
}

fn not_found(id: &str) -> Error {
    Error::NotFound { what: "article", id: id.to_owned() }
}

/// The text of an article that is not deleted.
pub(super) fn current_text(conn: &Connection, id: &str) -> Result<String> {
    conn.query_row("SELECT text FROM articles WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| not_found(id))
}

/// An article, with its HTML and text read from the library unless given.
pub(super) fn read_article(conn: &Connection, id: &str, bodies: Option<(String, String)>) -> Result<Article> {
    let columns = if bodies.is_some() { "" } else { ", a.html, a.text" };
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, a.dir, a.content_hash{columns}
         FROM articles a WHERE a.id = ?1 AND a.deleted_at IS NULL"
    );
    conn.query_row(&sql, [id], |row| {
        let (html, text) = match bodies {
            Some(given) => given,
            None => (row.get(14)?, row.get(15)?),
        };
        Ok(Article {
            summary: summary_from_row(row)?,
            dir: row.get(12)?,
            content_hash: row.get(13)?,
            html,
            text,
            toc: Vec::new(),
            book: None,
            position: None,
        })
    })
    .optional()?
    .ok_or_else(|| not_found(id))
    .and_then(|mut article| {
        (article.toc, article.book) = super::books::book_of(conn, id)?;
        article.position = super::books::position_of(conn, id)?;
        Ok(article)
    })
}

/// The `source_kind` column's value: 0001's CHECK predates books, whose rows
/// say `html` (their chapters' format) and are known by their `books` row.
fn stored_kind(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Epub => SourceKind::Html.as_str(),
        other => other.as_str(),
    }
}

/// An existing (not deleted) article with the text of this [`content_hash`], or from this URL.
pub(super) fn duplicate_of(conn: &Connection, hash: &str, source_url: Option<&str>) -> Result<Option<ArticleSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a
         WHERE a.deleted_at IS NULL AND (a.content_hash = ?1 OR (?2 IS NOT NULL AND a.source_url = ?2))
         ORDER BY a.seq LIMIT 1"
    );
    Ok(conn.query_row(&sql, params![hash, source_url], summary_from_row).optional()?)
}

/// What re-decoding an article needs: its kept source bytes (if any), its
/// kind and the address it came from.
pub(super) fn source_of(conn: &Connection, id: &str) -> Result<(Option<Vec<u8>>, SourceKind, Option<String>)> {
    let row: Option<(Option<Vec<u8>>, String, Option<String>)> = conn
        .query_row("SELECT raw, source_kind, source_url FROM articles WHERE id = ?1 AND deleted_at IS NULL", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (raw, kind, url) = row.ok_or_else(|| not_found(id))?;
    Ok((raw, SourceKind::parse(&kind).unwrap_or(SourceKind::Text), url))
}

/// The stored details of an article that is not deleted.
pub(super) fn metadata_of(conn: &Connection, id: &str) -> Result<ArticleMetadata> {
    conn.query_row("SELECT title, byline, site, published FROM articles WHERE id = ?1 AND deleted_at IS NULL", [id], |r| {
        let published: Option<String> = r.get(3)?;
        Ok(ArticleMetadata { title: r.get(0)?, byline: r.get(1)?, site: r.get(2)?, published: published.and_then(|p| p.parse().ok()) })
    })
    .optional()?
    .ok_or_else(|| not_found(id))
}

impl Library {
    /// Stores a new article and returns it. Rejects an article with no text; the
    /// row is written in one transaction or not at all.
    pub fn insert_article(&mut self, new: NewArticle) -> Result<Article> {
        let stamp = Stamp::fresh();
        self.write(|tx| tx.add_article(&new, &stamp))?;
        // The text and HTML are the strings just written: reading a book's
        // megabytes back would only copy them.
        self.article_with_bodies(&stamp.id, Some((new.extracted.html, new.extracted.text)))
    }

    /// An existing (not deleted) article with the same text, or from the same URL.
    pub fn find_duplicate(&self, text: &str, source_url: Option<&str>) -> Result<Option<ArticleSummary>> {
        duplicate_of(self.conn(), &content_hash(text), source_url)
    }

    pub fn article(&self, id: &str) -> Result<Article> {
        read_article(self.conn(), id, None)
    }

    pub(super) fn article_with_bodies(&self, id: &str, bodies: Option<(String, String)>) -> Result<Article> {
        read_article(self.conn(), id, bodies)
    }

    /// Resolves a full id or a unique prefix of one (as the CLI accepts).
    pub fn resolve_article_id(&self, id_or_prefix: &str) -> Result<String> {
        let needle = id_or_prefix.trim();
        if needle.is_empty() {
            return Err(Error::Invalid("an article id is required".into()));
        }
        // One more than the candidates listed, to know whether there are more.
        let mut stmt = self.conn().prepare(
            "SELECT id, title FROM articles WHERE deleted_at IS NULL AND substr(id, 1, length(?1)) = ?1 ORDER BY imported_at DESC LIMIT ?2",
        )?;
        let limit = MAX_CANDIDATES as i64 + 1;
        let mut found: Vec<Candidate> = stmt
            .query_map(params![needle, limit], |r| Ok(Candidate::new(r.get::<_, String>(0)?, &r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        match found.len() {
            1 => Ok(found.remove(0).id),
            0 => Err(not_found(needle)),
            _ => Err(Error::ambiguous_id("article", needle, found)),
        }
    }

    /// The library view's rows: `query`'s page of the articles it matches, in its order.
    pub fn list_articles(&self, query: &ListQuery) -> Result<Vec<ArticleSummary>> {
        let (sql, arg) = list_sql(query);
        let limit = query.limit.map_or(-1, i64::from);
        let offset = i64::from(query.offset.unwrap_or(0));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params![arg, limit, offset], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many articles `query` matches in all (its page size and offset aside):
    /// counted apart from the page, so a page of a large library stays quick.
    pub fn count_articles(&self, query: &ListQuery) -> Result<u64> {
        let n: i64 = match fts_query(&query.search) {
            Some(q) => self
                .conn()
                .prepare_cached(&format!("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?1 AND {NOT_TRASHED}"))?
                .query_row([q], |r| r.get(0))?,
            None => return self.article_count(),
        };
        Ok(n as u64)
    }

    pub fn article_count(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row("SELECT count(*) FROM articles WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Moves an article to the trash (kept in the file, hidden from every view).
    pub fn delete_article(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete_article(id))
    }

    /// Corrects the metadata the importer guessed. A new published date
    /// re-dates the timeline (relative dates are read against it).
    pub fn update_article_metadata(
        &mut self,
        id: &str,
        title: &str,
        byline: Option<&str>,
        published: Option<PartialDate>,
    ) -> Result<Article> {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::Invalid("the title cannot be empty".into()));
        }
        let byline = byline.map(str::trim).filter(|b| !b.is_empty()).map(str::to_owned);
        self.write(|tx| {
            let site = metadata_of(tx.conn, id)?.site;
            tx.edit_metadata(id, &ArticleMetadata { title: title.to_owned(), byline, site, published })
        })?;
        self.article(id)
    }

    /// What the reader's "Text encoding" control needs to know about an article's source.
    pub fn source_info(&self, article_id: &str) -> Result<SourceInfo> {
        self.conn()
            .query_row("SELECT encoding, raw IS NOT NULL FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| {
                Ok(SourceInfo { encoding: r.get(0)?, can_redecode: r.get(1)? })
            })
            .optional()?
            .ok_or_else(|| not_found(article_id))
    }
}

impl Tx<'_> {
    /// Article added: stores `new` under `stamp`. The only place an article row is written.
    pub(crate) fn add_article(&mut self, new: &NewArticle, stamp: &Stamp) -> Result<()> {
        self.add_article_hashed(new, stamp, &content_hash(&new.extracted.text))
    }

    /// [`Self::add_article`] with the text's [`content_hash`] already known.
    pub(super) fn add_article_hashed(&mut self, new: &NewArticle, stamp: &Stamp, hash: &str) -> Result<()> {
        let e = &new.extracted;
        if e.text.trim().is_empty() {
            return Err(Error::Empty { what: "the article".into() });
        }
        let title = if e.title.trim().is_empty() { "Untitled" } else { e.title.trim() };
        let dir = e.dir.as_deref().filter(|d| *d == "ltr" || *d == "rtl");
        self.conn.execute(
            "INSERT INTO articles (id, title, byline, site, source_url, source_kind, published,
                published_precision, imported_at, lang, dir, html, text, word_count, content_hash, raw, encoding)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                stamp.id,
                title,
                e.byline,
                e.site,
                new.source_url,
                stored_kind(new.source_kind),
                e.published.map(|p| p.to_string()),
                e.published.map(|p| p.precision()),
                stamp.imported_at,
                e.lang,
                dir,
                e.html,
                e.text,
                word_count(&e.text),
                hash,
                new.raw,
                new.encoding,
            ],
        )?;
        self.record(Change::ArticleAdded {
            id: &stamp.id,
            title,
            byline: e.byline.as_deref(),
            site: e.site.as_deref(),
            source_url: new.source_url.as_deref(),
            source_kind: new.source_kind,
            published: e.published,
            imported_at: &stamp.imported_at,
            lang: e.lang.as_deref(),
            dir,
            text: &e.text,
            html: &e.html,
            content_hash: hash,
        })
    }

    /// Metadata edited: the article's details become `m`. A new published
    /// date drops the extracted timeline, to be made again against it.
    pub(crate) fn edit_metadata(&mut self, id: &str, m: &ArticleMetadata) -> Result<()> {
        if m.title.trim().is_empty() {
            return Err(Error::Invalid("the title cannot be empty".into()));
        }
        let before = metadata_of(self.conn, id)?;
        self.conn.execute(
            "UPDATE articles SET title = ?2, byline = ?3, site = ?4, published = ?5, published_precision = ?6 WHERE id = ?1",
            params![id, m.title, m.byline, m.site, m.published.map(|p| p.to_string()), m.published.map(|p| p.precision())],
        )?;
        if before.published != m.published {
            events::invalidate(self.conn, id)?;
        }
        self.record(Change::ArticleMetadataEdited {
            id,
            title: &m.title,
            byline: m.byline.as_deref(),
            site: m.site.as_deref(),
            published: m.published,
        })
    }

    /// Article deleted: moved to the trash.
    pub(crate) fn delete_article(&mut self, id: &str) -> Result<()> {
        let now = now_rfc3339();
        let changed = self.conn.execute("UPDATE articles SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?;
        if changed == 0 {
            return Err(not_found(id));
        }
        self.record(Change::ArticleDeleted { id, deleted_at: &now })
    }

    /// The text of the article with this id, in the trash or not: a restore
    /// matches any row (its id is taken either way).
    pub(crate) fn stored_text(&self, id: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT text FROM articles WHERE id = ?1", [id], |r| r.get(0)).optional()?)
    }

    /// Articles (not in the trash) from `url`, oldest first, with their texts.
    pub(crate) fn articles_from(&self, url: &str) -> Result<Vec<(String, String)>> {
        self.ids_and_texts("SELECT id, text FROM articles WHERE deleted_at IS NULL AND source_url = ?1 ORDER BY seq", &[&url])
    }

    /// Articles (not in the trash) titled `title`, ignoring case, oldest first, with their texts.
    pub(crate) fn articles_titled(&self, title: &str) -> Result<Vec<(String, String)>> {
        self.ids_and_texts("SELECT id, text FROM articles WHERE deleted_at IS NULL AND title = ?1 COLLATE NOCASE ORDER BY seq", &[&title])
    }

    /// The oldest article (not in the trash) from `site` with this title and byline (none: empty), with its text.
    pub(crate) fn article_by(&self, site: &str, title: &str, byline: &str) -> Result<Option<(String, String)>> {
        let sql = "SELECT id, text FROM articles WHERE deleted_at IS NULL AND site = ?1 AND title = ?2 AND coalesce(byline, '') = ?3
                   ORDER BY seq LIMIT 1";
        Ok(self.ids_and_texts(sql, &[&site, &title, &byline])?.into_iter().next())
    }

    /// The article (not in the trash) with this text, or from this address,
    /// with its text: an importer's copy of a page the library already has.
    pub(crate) fn duplicate_of(&self, text: &str, source_url: Option<&str>) -> Result<Option<(String, String)>> {
        match duplicate_of(self.conn, &content_hash(text), source_url)? {
            Some(found) => Ok(Some((found.id.clone(), current_text(self.conn, &found.id)?))),
            None => Ok(None),
        }
    }

    /// Whether the article is one an importer made of quotes for a source the
    /// library does not hold (plain text, no kept source bytes), which may
    /// grow by more quotes; not a page or file the reader imported.
    pub(crate) fn is_quote_article(&self, id: &str) -> Result<bool> {
        let found: Option<bool> = self
            .conn
            .query_row("SELECT raw IS NULL AND source_kind = 'text' FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        found.ok_or_else(|| not_found(id))
    }

    fn ids_and_texts(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Matches of the full-text index that are not in the trash (trashed articles
/// keep their index entries, and there are few of them).
const NOT_TRASHED: &str = "rowid NOT IN (SELECT seq FROM articles WHERE deleted_at IS NOT NULL)";

/// The library view's query and its first argument (the FTS query, or ''); its
/// second and third are the page's size (-1: all) and offset.
///
/// The page is chosen from the columns the `articles_list` index covers (an
/// article's row holds its text, read only through overflow pages), and only
/// the page's rows get the rest of their summary: highlight counts, reading
/// progress, book or not. The page is sorted again by the same keys (a
/// subquery's order does not carry over a join), which costs only its rows.
fn list_sql(query: &ListQuery) -> (String, String) {
    const LISTED: &str =
        "a.seq, a.id, a.title, a.byline, a.site, a.source_url, a.source_kind, a.published, a.imported_at, a.lang, a.word_count";
    const HIGHLIGHTS: &str = "coalesce((SELECT c.live_highlights FROM article_counts c WHERE c.article_id = a.id), 0)";
    let fts = fts_query(&query.search);
    if let (Some(q), SortKey::Relevance) = (&fts, query.sort) {
        return (relevance_sql(), q.clone());
    }
    let direction = if query.descending { "DESC" } else { "ASC" };
    let order = match query.sort {
        SortKey::Imported => format!("a.imported_at {direction}, a.seq {direction}"),
        SortKey::Title => format!("a.title COLLATE NOCASE {direction}, a.seq {direction}"),
        SortKey::Site => format!("coalesce(a.site, '') COLLATE NOCASE {direction}, a.seq {direction}"),
        SortKey::Byline => format!("coalesce(a.byline, '') COLLATE NOCASE {direction}, a.seq {direction}"),
        SortKey::Published => format!("coalesce(a.published, '') {direction}, a.seq {direction}"),
        SortKey::Words => format!("a.word_count {direction}, a.seq {direction}"),
        SortKey::Highlights => format!("{HIGHLIGHTS} {direction}, a.seq {direction}"),
        // Best match without a search: the newest first.
        SortKey::Relevance => "a.imported_at DESC, a.seq DESC".to_owned(),
    };
    let (filter, arg) = match fts {
        Some(q) => ("AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)", q),
        None => ("AND ?1 = ''", String::new()),
    };
    let sql = format!(
        "WITH page AS (SELECT {LISTED} FROM articles a WHERE a.deleted_at IS NULL {filter} ORDER BY {order} LIMIT ?2 OFFSET ?3)
         SELECT {SUMMARY_COLUMNS} FROM page a ORDER BY {order}"
    );
    (sql, arg)
}

/// Best match first: the page is taken from the full-text index itself,
/// ranked by bm25 (lower is better; a word in the title weighs ten times one
/// in the text, in the byline five, in the site's name two; ties: the newest
/// first), and only its rows are read from the articles. Ranking every match
/// is the cost of this order; going through the articles' index first, as the
/// other orders do, doubled it.
fn relevance_sql() -> String {
    format!(
        "WITH page AS (SELECT rowid AS seq, bm25(articles_fts, 10.0, 5.0, 2.0, 1.0) AS rank FROM articles_fts
                       WHERE articles_fts MATCH ?1 AND {NOT_TRASHED} ORDER BY rank, rowid DESC LIMIT ?2 OFFSET ?3)
         SELECT {SUMMARY_COLUMNS} FROM page JOIN articles a ON a.seq = page.seq ORDER BY page.rank, page.seq DESC"
    )
}

/// Turns what a person types into a safe FTS5 query: each word becomes a quoted
/// prefix term, so punctuation and FTS operators in the input are inert.
pub(super) fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(|t| format!("\"{t}\"*")).collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(title: &str, text: &str) -> NewArticle {
        NewArticle {
            extracted: Extracted {
                title: title.into(),
                text: text.into(),
                html: format!("<p data-o=\"0\">{text}</p>"),
                byline: Some("A. Writer".into()),
                published: Some("2010-05".parse().unwrap()),
                ..Default::default()
            },
            source_kind: SourceKind::Text,
            source_url: None,
            raw: None,
            encoding: None,
        }
    }

    #[test]
    fn insert_then_read_back_everything() {
        let mut lib = Library::open_in_memory().unwrap();
        let a = lib.insert_article(sample("Harbour notes", "The ferry left the harbour at dawn.")).unwrap();
        assert_eq!(a.summary.title, "Harbour notes");
        assert_eq!(a.html, "<p data-o=\"0\">The ferry left the harbour at dawn.</p>");
        assert_eq!(a.summary.word_count, 7);
        assert_eq!(a.summary.published.unwrap().to_string(), "2010-05");
        assert_eq!(a.text, "The ferry left the harbour at dawn.");
        assert_eq!(a.content_hash, content_hash(&a.text));
        assert_eq!(lib.article(&a.summary.id).unwrap(), a);
    }

    #[test]
    fn empty_text_is_rejected_and_nothing_is_written() {
        let mut lib = Library::open_in_memory().unwrap();
        let err = lib.insert_article(sample("Blank", "  \n ")).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Empty);
        assert_eq!(lib.article_count().unwrap(), 0);
    }

    #[test]
    fn search_sort_and_duplicates() {
        let mut lib = Library::open_in_memory().unwrap();
        let b = lib.insert_article(sample("Bridges of the north", "Stone bridges crossed the cold river.")).unwrap();
        let a = lib.insert_article(sample("Apple harvest", "Orchards gave a late harvest of apples.")).unwrap();
        let by_title = lib.list_articles(&ListQuery { sort: SortKey::Title, ..Default::default() }).unwrap();
        assert_eq!(by_title.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), [&a.summary.id, &b.summary.id]);
        let found = lib.list_articles(&ListQuery { search: "bridg".into(), ..Default::default() }).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, b.summary.id);
        // FTS operators typed by a user are treated as plain words.
        assert!(lib.list_articles(&ListQuery { search: "\"NEAR( OR *".into(), ..Default::default() }).is_ok());
        let dup = lib.find_duplicate("Orchards gave a late harvest of apples.", None).unwrap().unwrap();
        assert_eq!(dup.id, a.summary.id);
        assert!(lib.find_duplicate("Something else entirely.", None).unwrap().is_none());
    }

    #[test]
    fn pages_follow_the_order_and_the_total_is_counted_apart() {
        let mut lib = Library::open_in_memory().unwrap();
        for n in 0..25 {
            let extra = if n % 2 == 0 { " The lighthouse stood on the point." } else { "" };
            lib.insert_article(sample(&format!("Coast log {n:02}"), &format!("Entry {n} of the coast log.{extra}"))).unwrap();
        }
        let by_title = |limit, offset| ListQuery { sort: SortKey::Title, limit, offset, ..Default::default() };
        let all: Vec<String> = lib.list_articles(&by_title(None, None)).unwrap().into_iter().map(|a| a.title).collect();
        assert_eq!(all.len(), 25);
        let mut pages = Vec::new();
        for offset in (0..25).step_by(10) {
            let page = lib.list_articles(&by_title(Some(10), Some(offset))).unwrap();
            assert!(page.len() <= 10);
            pages.extend(page.into_iter().map(|a| a.title));
        }
        assert_eq!(pages, all, "pages joined give the whole list, in order, once each");
        assert_eq!(lib.count_articles(&by_title(Some(10), Some(20))).unwrap(), 25);
        let search = ListQuery { search: "lighthouse".into(), limit: Some(5), ..Default::default() };
        assert_eq!(lib.list_articles(&search).unwrap().len(), 5);
        assert_eq!(lib.count_articles(&search).unwrap(), 13);
        // Trashed articles are neither listed nor counted.
        let first = lib.list_articles(&search).unwrap().remove(0).id;
        lib.delete_article(&first).unwrap();
        assert_eq!(lib.count_articles(&search).unwrap(), 12);
        assert!(lib.list_articles(&ListQuery { search: "lighthouse".into(), ..Default::default() }).unwrap().iter().all(|a| a.id != first));
    }

    #[test]
    fn relevance_puts_a_title_match_first_then_the_denser_text() {
        let mut lib = Library::open_in_memory().unwrap();
        let passing = lib
            .insert_article(sample("Market day", "Fish, bread and, once, a word about the canal, then more bread and fish and cheese."))
            .unwrap();
        let dense =
            lib.insert_article(sample("Water ways", "The canal froze. Skaters crossed the canal, and the canal kept them.")).unwrap();
        let titled = lib.insert_article(sample("The canal", "Boats carried coal past the mill and the granary.")).unwrap();
        lib.insert_article(sample("Hills", "Sheep grazed on the hills above the town.")).unwrap();
        let ranked: Vec<String> = lib
            .list_articles(&ListQuery { search: "canal".into(), sort: SortKey::Relevance, ..Default::default() })
            .unwrap()
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ranked, [titled.summary.id, dense.summary.id, passing.summary.id]);
        // Without a search, best match means the newest first.
        let newest = lib.list_articles(&ListQuery { sort: SortKey::Relevance, limit: Some(1), ..Default::default() }).unwrap();
        assert_eq!(newest[0].title, "Hills");
    }

    #[test]
    fn delete_hides_and_prefix_ids_resolve() {
        let mut lib = Library::open_in_memory().unwrap();
        let a = lib.insert_article(sample("One", "First piece of writing here.")).unwrap();
        let id = a.summary.id.clone();
        assert_eq!(lib.resolve_article_id(&id[..8]).unwrap(), id);
        lib.delete_article(&id).unwrap();
        assert!(lib.article(&id).is_err());
        assert_eq!(lib.article_count().unwrap(), 0);
        assert_eq!(lib.delete_article(&id).unwrap_err().kind(), crate::error::ErrorKind::NotFound);
    }

    #[test]
    fn an_ambiguous_prefix_lists_the_articles_it_matches() {
        let mut lib = Library::open_in_memory().unwrap();
        // 40 ids over 16 first characters: some character starts at least three.
        for n in 0..40 {
            lib.insert_article(sample(&format!("Piece {n}"), &format!("Writing number {n} about tides."))).unwrap();
        }
        let all = lib.list_articles(&ListQuery::default()).unwrap();
        let (prefix, sharing) = (0..16)
            .map(|d| format!("{d:x}"))
            .map(|p| (p.clone(), all.iter().filter(|a| a.id.starts_with(&p)).collect::<Vec<_>>()))
            .max_by_key(|(_, v)| v.len())
            .unwrap();
        assert!(sharing.len() >= 3);
        let err = lib.resolve_article_id(&prefix).unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Ambiguous);
        assert!(err.to_string().contains(&format!("matches {} articles", sharing.len())), "{err}");
        let crate::Error::Ambiguous { candidates, given, .. } = err else { panic!("not ambiguous") };
        assert_eq!(given, prefix);
        let mut got: Vec<(String, String)> = candidates.into_iter().map(|c| (c.id, c.label)).collect();
        let mut want: Vec<(String, String)> = sharing.iter().map(|a| (a.id.clone(), a.title.clone())).collect();
        got.sort();
        want.sort();
        assert_eq!(got, want);
    }

    fn plan(lib: &Library, sql: &str, arg: &str) -> String {
        let mut stmt = lib.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map(params![arg, 200, 0], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_library_view_reads_indexes_not_article_rows() {
        let lib = Library::open_in_memory().unwrap();
        let searches = [("", SortKey::Imported), ("", SortKey::Title), ("", SortKey::Highlights), ("tide", SortKey::Words)];
        for (search, sort) in searches {
            let (sql, arg) = list_sql(&ListQuery { sort, search: search.into(), limit: Some(200), ..Default::default() });
            let plan = plan(&lib, &sql, &arg);
            // Articles hold their text and HTML: the list must come from the covering index.
            assert!(plan.contains("SEARCH a USING COVERING INDEX articles_list"), "{sort:?}: {plan}");
            assert!(!plan.contains("SEARCH a USING INTEGER PRIMARY KEY"), "{sort:?}: {plan}");
            // Highlight counts are read from their kept totals, never counted.
            assert!(plan.contains("SEARCH c USING PRIMARY KEY (article_id=?)"), "{plan}");
            assert!(!plan.contains("highlights"), "{plan}");
        }
        // Best match: the page comes from the full-text index; only its rows are read from the articles.
        let (sql, arg) = list_sql(&ListQuery { sort: SortKey::Relevance, search: "tide".into(), limit: Some(200), ..Default::default() });
        let plan = plan(&lib, &sql, &arg);
        let steps: Vec<&str> = plan.lines().collect();
        let page_end = steps.iter().position(|s| s.starts_with("SCAN page")).unwrap_or_else(|| panic!("{plan}"));
        assert!(steps[..page_end].iter().any(|s| s.starts_with("SCAN articles_fts VIRTUAL TABLE")), "{plan}");
        let reads_articles = |s: &&str| s.starts_with("SEARCH a ") || s.starts_with("SCAN a ") || *s == "SCAN a";
        assert!(!steps[..page_end].iter().any(reads_articles), "{plan}");
        assert!(steps[page_end..].iter().any(|s| s.starts_with("SEARCH a USING INTEGER PRIMARY KEY")), "{plan}");
    }

    #[test]
    fn metadata_edits_persist_and_reach_search() {
        let mut lib = Library::open_in_memory().unwrap();
        let a = lib.insert_article(sample("Wrong title", "Body of the piece about lighthouses.")).unwrap();
        let edited = lib
            .update_article_metadata(&a.summary.id, "Lighthouse keepers", Some("B. Author"), Some("1999-03-02".parse().unwrap()))
            .unwrap();
        assert_eq!(edited.summary.title, "Lighthouse keepers");
        assert_eq!(edited.summary.published.unwrap().precision(), "day");
        let found = lib.list_articles(&ListQuery { search: "keepers".into(), ..Default::default() }).unwrap();
        assert_eq!(found.len(), 1);
        assert!(lib.update_article_metadata(&a.summary.id, "  ", None, None).is_err());
    }
}
