//! Storing, listing, searching and reading articles.

use rusqlite::{params, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use super::{new_id, now_rfc3339, Library};
use crate::error::{Candidate, Error, Result, MAX_CANDIDATES};
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

pub fn content_hash(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

const SUMMARY_COLUMNS: &str = "a.id, a.title, a.byline, a.site, a.source_url, a.source_kind, a.published,
     a.imported_at, a.lang, a.word_count,
     coalesce((SELECT c.live_highlights FROM article_counts c WHERE c.article_id = a.id), 0)";

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
    })
}

impl Library {
    /// Stores a new article and returns it. Rejects an article with no text; the
    /// row is written in one transaction or not at all.
    pub fn insert_article(&mut self, new: NewArticle) -> Result<Article> {
        let hash = content_hash(&new.extracted.text);
        self.insert_article_hashed(new, hash)
    }

    /// [`Self::insert_article`] with the text's [`content_hash`] already known.
    pub(crate) fn insert_article_hashed(&mut self, new: NewArticle, hash: String) -> Result<Article> {
        let NewArticle { extracted, source_kind, source_url, raw, encoding } = new;
        if extracted.text.trim().is_empty() {
            return Err(Error::Empty { what: "the article".into() });
        }
        let id = new_id();
        let words = word_count(&extracted.text);
        let imported_at = now_rfc3339();
        let title = if extracted.title.trim().is_empty() { "Untitled".to_owned() } else { extracted.title.trim().to_owned() };
        self.write(|tx| {
            tx.execute(
                "INSERT INTO articles (id, title, byline, site, source_url, source_kind, published,
                    published_precision, imported_at, lang, dir, html, text, word_count, content_hash, raw, encoding)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    id,
                    title,
                    extracted.byline,
                    extracted.site,
                    source_url,
                    source_kind.as_str(),
                    extracted.published.map(|p| p.to_string()),
                    extracted.published.map(|p| p.precision()),
                    imported_at,
                    extracted.lang,
                    extracted.dir.as_deref().filter(|d| *d == "ltr" || *d == "rtl"),
                    extracted.html,
                    extracted.text,
                    words,
                    hash,
                    raw,
                    encoding,
                ],
            )?;
            Ok(())
        })?;
        // The text and HTML are the strings just written: reading a book's
        // megabytes back would only copy them.
        self.article_with_bodies(&id, Some((extracted.html, extracted.text)))
    }

    /// An existing (not deleted) article with the same text, or from the same URL.
    pub fn find_duplicate(&self, text: &str, source_url: Option<&str>) -> Result<Option<ArticleSummary>> {
        self.find_duplicate_hashed(&content_hash(text), source_url)
    }

    /// [`Self::find_duplicate`] by the text's [`content_hash`].
    pub(crate) fn find_duplicate_hashed(&self, hash: &str, source_url: Option<&str>) -> Result<Option<ArticleSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a
             WHERE a.deleted_at IS NULL AND (a.content_hash = ?1 OR (?2 IS NOT NULL AND a.source_url = ?2))
             ORDER BY a.seq LIMIT 1"
        );
        Ok(self.conn().query_row(&sql, params![hash, source_url], summary_from_row).optional()?)
    }

    pub fn article(&self, id: &str) -> Result<Article> {
        self.article_with_bodies(id, None)
    }

    /// An article, with its HTML and text read from the library unless given.
    fn article_with_bodies(&self, id: &str, bodies: Option<(String, String)>) -> Result<Article> {
        let columns = if bodies.is_some() { "" } else { ", a.html, a.text" };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, a.dir, a.content_hash{columns}
             FROM articles a WHERE a.id = ?1 AND a.deleted_at IS NULL"
        );
        self.conn()
            .query_row(&sql, [id], |row| {
                let (html, text) = match bodies {
                    Some(given) => given,
                    None => (row.get(13)?, row.get(14)?),
                };
                Ok(Article { summary: summary_from_row(row)?, dir: row.get(11)?, content_hash: row.get(12)?, html, text })
            })
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "article", id: id.to_owned() })
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
            0 => Err(Error::NotFound { what: "article", id: needle.to_owned() }),
            _ => Err(Error::ambiguous_id("article", needle, found)),
        }
    }

    pub fn list_articles(&self, query: &ListQuery) -> Result<Vec<ArticleSummary>> {
        let (sql, arg) = list_sql(query);
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([arg], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn article_count(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row("SELECT count(*) FROM articles WHERE deleted_at IS NULL", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Moves an article to the trash (kept in the file, hidden from every view).
    pub fn delete_article(&mut self, id: &str) -> Result<()> {
        let now = now_rfc3339();
        let changed =
            self.write(|tx| Ok(tx.execute("UPDATE articles SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?))?;
        if changed == 0 {
            return Err(Error::NotFound { what: "article", id: id.to_owned() });
        }
        Ok(())
    }

    /// Corrects the metadata the importer guessed.
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
        let byline = byline.map(str::trim).filter(|b| !b.is_empty());
        let before = self.article(id).ok().map(|a| a.summary.published);
        let changed = self.write(|tx| {
            Ok(tx.execute(
                "UPDATE articles SET title = ?2, byline = ?3, published = ?4, published_precision = ?5
                 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, title, byline, published.map(|p| p.to_string()), published.map(|p| p.precision())],
            )?)
        })?;
        if changed == 0 {
            return Err(Error::NotFound { what: "article", id: id.to_owned() });
        }
        // The published date is what relative dates and chronology warnings
        // are read against: a corrected one gives the timeline again.
        if before.is_some_and(|p| p != published) {
            self.refresh_events(id)?;
        }
        self.article(id)
    }
}

/// The library view's query and its one argument (the FTS query, or '').
fn list_sql(query: &ListQuery) -> (String, String) {
    let order = match query.sort {
        SortKey::Imported => "a.imported_at",
        SortKey::Title => "a.title COLLATE NOCASE",
        SortKey::Site => "coalesce(a.site, '') COLLATE NOCASE",
        SortKey::Byline => "coalesce(a.byline, '') COLLATE NOCASE",
        SortKey::Published => "coalesce(a.published, '')",
        SortKey::Words => "a.word_count",
        SortKey::Highlights => "11",
    };
    let direction = if query.descending { "DESC" } else { "ASC" };
    let (filter, arg) = match fts_query(&query.search) {
        Some(q) => ("AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)", q),
        None => ("AND ?1 = ''", String::new()),
    };
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM articles a WHERE a.deleted_at IS NULL {filter}
         ORDER BY {order} {direction}, a.seq {direction}"
    );
    (sql, arg)
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
        let rows = stmt.query_map([arg], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_library_view_reads_indexes_not_article_rows() {
        let lib = Library::open_in_memory().unwrap();
        for sort in [SortKey::Imported, SortKey::Title, SortKey::Highlights] {
            let (sql, arg) = list_sql(&ListQuery { sort, ..Default::default() });
            let plan = plan(&lib, &sql, &arg);
            // Articles hold their text and HTML: the list must come from the covering index.
            assert!(plan.contains("COVERING INDEX articles_list"), "{sort:?}: {plan}");
            // Highlight counts are read from their kept totals, never counted.
            assert!(plan.contains("SEARCH c USING PRIMARY KEY (article_id=?)"), "{plan}");
            assert!(!plan.contains("highlights"), "{plan}");
        }
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
