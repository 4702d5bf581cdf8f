//! Storing, editing, listing and re-anchoring highlights. Every change is one
//! `BEGIN IMMEDIATE` transaction; deletion is soft so it can be undone.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

use super::articles::fts_query;
use super::{new_id, now_rfc3339, Library};
use crate::anchor::{describe_span, AnchorMethod, Selector, Text, TextPosition, TextQuote};
use crate::error::{Candidate, Error, Result, MAX_CANDIDATES};
use crate::highlight::{normalize_tags, Color, Highlight, HighlightFilter, HighlightPatch, LibraryHighlight, NewHighlight, ReanchorReport};

/// Separates tag names inside one SQL string (a control character no tag holds).
const TAG_SEP: char = '\u{1f}';

const COLUMNS: &str = "h.id, h.article_id, h.start, h.end, h.exact, h.prefix, h.suffix, h.color, h.note,
     h.orphaned, h.created_at, h.updated_at,
     (SELECT group_concat(t.name, char(31)) FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
      WHERE ht.highlight_id = h.id)";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Highlight> {
    let color: String = row.get(7)?;
    let tags: Option<String> = row.get(12)?;
    let mut tags: Vec<String> = tags.map(|t| t.split(TAG_SEP).map(str::to_owned).collect()).unwrap_or_default();
    tags.sort_by_key(|t| t.to_lowercase());
    Ok(Highlight {
        id: row.get(0)?,
        article_id: row.get(1)?,
        start: row.get(2)?,
        end: row.get(3)?,
        exact: row.get(4)?,
        prefix: row.get(5)?,
        suffix: row.get(6)?,
        // The table's CHECK constraint admits only the five colors.
        color: color.parse().unwrap_or_default(),
        note: row.get(8)?,
        tags,
        orphaned: row.get(9)?,
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
    })
}

fn not_found(id: &str) -> Error {
    Error::NotFound { what: "highlight", id: id.to_owned() }
}

/// A highlight by id; deleted ones only when `deleted` says so.
fn get(conn: &Connection, id: &str, deleted: bool) -> Result<Highlight> {
    let filter = if deleted { "" } else { "AND h.deleted_at IS NULL" };
    let sql = format!("SELECT {COLUMNS} FROM highlights h WHERE h.id = ?1 {filter}");
    conn.query_row(&sql, [id], from_row).optional()?.ok_or_else(|| not_found(id))
}

fn article_text(conn: &Connection, article_id: &str) -> Result<String> {
    conn.query_row("SELECT text FROM articles WHERE id = ?1 AND deleted_at IS NULL", [article_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })
}

/// Replaces a highlight's tags, creating tag names on first use and dropping
/// names no highlight uses any more.
fn set_tags(tx: &Transaction<'_>, id: &str, tags: &[String]) -> Result<()> {
    tx.execute("DELETE FROM highlight_tags WHERE highlight_id = ?1", [id])?;
    for tag in tags {
        tx.execute("INSERT OR IGNORE INTO tags (name) VALUES (?1)", [tag])?;
        tx.execute(
            "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2",
            params![id, tag],
        )?;
    }
    // NOT EXISTS probes the tag_id index per tag; NOT IN would read every link.
    tx.execute("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM highlight_tags ht WHERE ht.tag_id = tags.id)", [])?;
    Ok(())
}

/// Stores a highlight described by `selector` (built from the article's current text).
fn insert(tx: &Transaction<'_>, article_id: &str, selector: Selector, color: Color, note: &str, tags: &[String]) -> Result<Highlight> {
    let at = selector.position;
    let tags = normalize_tags(tags)?;
    let id = new_id();
    let now = now_rfc3339();
    let q = &selector.quote;
    tx.execute(
        "INSERT INTO highlights (id, article_id, start, end, exact, prefix, suffix, color, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![id, article_id, at.start, at.end, q.exact, q.prefix, q.suffix, color.as_str(), note, now],
    )?;
    set_tags(tx, &id, &tags)?;
    get(tx, &id, false)
}

/// Finds every highlight of an article (deleted and orphaned ones too, so
/// that restoring them later puts them in the right place) in `new_text`:
/// found ones get fresh selectors, lost ones are flagged as orphans and kept.
/// Call it in the transaction that stores `new_text` as the article's text.
pub fn reanchor_highlights(tx: &Transaction<'_>, article_id: &str, new_text: &str) -> Result<ReanchorReport> {
    let text = Text::new(new_text);
    let mut stmt = tx.prepare(&format!("SELECT {COLUMNS} FROM highlights h WHERE h.article_id = ?1"))?;
    let all: Vec<Highlight> = stmt.query_map([article_id], from_row)?.collect::<rusqlite::Result<_>>()?;
    let selectors: Vec<Selector> = all
        .iter()
        .map(|h| Selector {
            position: TextPosition { start: h.start, end: h.end },
            quote: TextQuote { exact: h.exact.clone(), prefix: h.prefix.clone(), suffix: h.suffix.clone() },
        })
        .collect();
    let mut report = ReanchorReport::default();
    for (h, anchored) in all.iter().zip(text.anchor_all(&selectors)) {
        let found = anchored.and_then(|a| Some((a.method, text.describe(a.position.start, a.position.end).ok()?)));
        match found {
            Some((method, fresh)) => {
                match method {
                    AnchorMethod::Position => report.unchanged += 1,
                    AnchorMethod::Quote => report.moved += 1,
                    AnchorMethod::Fuzzy => report.fuzzy += 1,
                }
                let (p, q) = (fresh.position, &fresh.quote);
                tx.execute(
                    "UPDATE highlights SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0 WHERE id = ?1",
                    params![h.id, p.start, p.end, q.exact, q.prefix, q.suffix],
                )?;
            }
            None => {
                report.orphaned += 1;
                tx.execute("UPDATE highlights SET orphaned = 1 WHERE id = ?1", [&h.id])?;
            }
        }
    }
    Ok(report)
}

impl Library {
    /// A highlight that is not deleted.
    pub fn highlight(&self, id: &str) -> Result<Highlight> {
        get(self.conn(), id, false)
    }

    /// Resolves a full highlight id or a unique prefix of one (as the CLI accepts).
    pub fn resolve_highlight_id(&self, id_or_prefix: &str) -> Result<String> {
        let needle = id_or_prefix.trim();
        if needle.is_empty() {
            return Err(Error::Invalid("a highlight id is required".into()));
        }
        // One more than the candidates listed, to know whether there are more.
        let mut stmt = self.conn().prepare(
            "SELECT id, exact FROM highlights WHERE deleted_at IS NULL AND substr(id, 1, length(?1)) = ?1 ORDER BY created_at DESC LIMIT ?2",
        )?;
        let limit = MAX_CANDIDATES as i64 + 1;
        let mut found: Vec<Candidate> = stmt
            .query_map(params![needle, limit], |r| Ok(Candidate::new(r.get::<_, String>(0)?, &r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        match found.len() {
            1 => Ok(found.remove(0).id),
            0 => Err(not_found(needle)),
            _ => Err(Error::ambiguous_id("highlight", needle, found)),
        }
    }

    /// Highlights a span of an article's text.
    pub fn create_highlight(&mut self, new: &NewHighlight) -> Result<Highlight> {
        self.write(|tx| {
            let text = article_text(tx, &new.article_id)?;
            let selector = describe_span(&text, new.start, new.end)?;
            insert(tx, &new.article_id, selector, new.color, &new.note, &new.tags)
        })
    }

    /// Highlights the `occurrence`-th (1-based) copy of `quote` in an article;
    /// without `occurrence` the quote must occur exactly once.
    pub fn create_highlight_from_quote(
        &mut self,
        article_id: &str,
        quote: &str,
        occurrence: Option<u32>,
        color: Color,
        note: &str,
        tags: &[String],
    ) -> Result<Highlight> {
        self.write(|tx| {
            let text = article_text(tx, article_id)?;
            let text = Text::new(&text);
            let at = text.locate_quote(quote, occurrence)?;
            insert(tx, article_id, text.describe(at.start, at.end)?, color, note, tags)
        })
    }

    /// Changes a highlight's color, note and/or tags in one transaction.
    pub fn update_highlight(&mut self, id: &str, patch: &HighlightPatch) -> Result<Highlight> {
        let tags = patch.tags.as_deref().map(normalize_tags).transpose()?;
        self.write(|tx| {
            get(tx, id, false)?;
            let now = now_rfc3339();
            tx.execute(
                "UPDATE highlights SET color = coalesce(?2, color), note = coalesce(?3, note), updated_at = ?4 WHERE id = ?1",
                params![id, patch.color.map(Color::as_str), patch.note, now],
            )?;
            if let Some(tags) = &tags {
                set_tags(tx, id, tags)?;
            }
            get(tx, id, false)
        })
    }

    /// Moves a highlight to the trash; `restore_highlight` brings it back.
    pub fn delete_highlight(&mut self, id: &str) -> Result<()> {
        let now = now_rfc3339();
        let changed = self
            .write(|tx| Ok(tx.execute("UPDATE highlights SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?))?;
        if changed == 0 {
            return Err(not_found(id));
        }
        Ok(())
    }

    /// Undoes `delete_highlight` (restoring a live highlight changes nothing).
    pub fn restore_highlight(&mut self, id: &str) -> Result<Highlight> {
        self.write(|tx| {
            get(tx, id, true)?;
            tx.execute("UPDATE highlights SET deleted_at = NULL WHERE id = ?1", [id])?;
            get(tx, id, false)
        })
    }

    /// An article's anchored highlights in text order (orphans are listed by
    /// `orphaned_highlights`).
    pub fn article_highlights(&self, article_id: &str) -> Result<Vec<Highlight>> {
        self.article_highlights_where(article_id, false)
    }

    /// An article's highlights that re-anchoring could not place, in their old order.
    pub fn orphaned_highlights(&self, article_id: &str) -> Result<Vec<Highlight>> {
        self.article_highlights_where(article_id, true)
    }

    fn article_highlights_where(&self, article_id: &str, orphaned: bool) -> Result<Vec<Highlight>> {
        article_text(self.conn(), article_id)?;
        let sql = format!(
            "SELECT {COLUMNS} FROM highlights h
             WHERE h.article_id = ?1 AND h.deleted_at IS NULL AND h.orphaned = ?2
             ORDER BY h.start, h.end, h.seq"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![article_id, orphaned], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every highlight of an article that is not deleted, as export lists
    /// them: anchored ones in text order, then orphans, ties broken by id so
    /// the order never depends on insertion. One cached statement, so
    /// exporting a large library costs one index scan per article.
    pub fn highlights_for_export(&self, article_id: &str) -> Result<Vec<Highlight>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM highlights h WHERE h.article_id = ?1 AND h.deleted_at IS NULL
             ORDER BY h.orphaned, h.start, h.end, h.id"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([article_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Highlights across the library, newest first, narrowed by `filter`.
    pub fn list_highlights(&self, filter: &HighlightFilter) -> Result<Vec<LibraryHighlight>> {
        let (sql, args) = library_highlights_query(filter)?;
        let mut stmt = self.conn().prepare(&sql)?;
        let rows =
            stmt.query_map(params_from_iter(args), |row| Ok(LibraryHighlight { highlight: from_row(row)?, article_title: row.get(13)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every tag in use, sorted, for completion.
    pub fn highlight_tags(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT DISTINCT t.name FROM tags t JOIN highlight_tags ht ON ht.tag_id = t.id
             JOIN highlights h ON h.id = ht.highlight_id WHERE h.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Re-anchors an article's highlights to `new_text`. The caller stores
    /// `new_text` as the article's text; to do both atomically, call
    /// `reanchor_highlights` inside the same `write`.
    pub fn reanchor_article(&mut self, article_id: &str, new_text: &str) -> Result<ReanchorReport> {
        self.write(|tx| {
            article_text(tx, article_id)?;
            reanchor_highlights(tx, article_id, new_text)
        })
    }

    /// Attaches a highlight (typically an orphan) to a new span of its
    /// article's current text.
    pub fn reattach_highlight(&mut self, id: &str, start: u32, end: u32) -> Result<Highlight> {
        self.write(|tx| {
            let h = get(tx, id, false)?;
            let text = article_text(tx, &h.article_id)?;
            let fresh = Text::new(&text).describe(start, end)?;
            let q = &fresh.quote;
            tx.execute(
                "UPDATE highlights SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0, updated_at = ?7
                 WHERE id = ?1",
                params![id, start, end, q.exact, q.prefix, q.suffix, now_rfc3339()],
            )?;
            get(tx, id, false)
        })
    }
}

/// The Highlights view's query for `filter` and its arguments.
pub(super) fn library_highlights_query(filter: &HighlightFilter) -> Result<(String, Vec<Value>)> {
    let mut conditions = vec!["h.deleted_at IS NULL".to_owned(), "a.deleted_at IS NULL".to_owned()];
    let mut args: Vec<Value> = Vec::new();
    let arg = |v: Value, args: &mut Vec<Value>| {
        args.push(v);
        format!("?{}", args.len())
    };
    if !filter.colors.is_empty() {
        let list: Vec<String> = filter.colors.iter().map(|c| arg(Value::Text(c.as_str().into()), &mut args)).collect();
        conditions.push(format!("h.color IN ({})", list.join(", ")));
    }
    if let Some(tag) = filter.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let p = arg(Value::Text(tag.into()), &mut args);
        conditions.push(format!(
            "EXISTS (SELECT 1 FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id = h.id AND t.name = {p})"
        ));
    }
    if let Some(article) = filter.article_id.as_deref().filter(|a| !a.is_empty()) {
        let p = arg(Value::Text(article.into()), &mut args);
        conditions.push(format!("h.article_id = {p}"));
    }
    for (bound, op) in [(&filter.from, ">="), (&filter.to, "<=")] {
        if let Some(day) = bound.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map_err(|_| Error::Invalid(format!("{day:?} is not a date; write it as YYYY-MM-DD")))?;
            let p = arg(Value::Text(day.into()), &mut args);
            conditions.push(format!("substr(h.created_at, 1, 10) {op} {p}"));
        }
    }
    // A page stops after its last row instead of collecting every match (a
    // common word matches hundreds of thousands of highlights in a large
    // library): with words to find, the search index drives the query in its
    // own order (rowid = h.seq); otherwise the highlights are walked newest
    // first. SQLite would start from the articles and sort every highlight
    // (CROSS JOIN fixes the order), except for one article's highlights.
    let join = if filter.limit.is_some() && filter.article_id.is_none() { "CROSS JOIN" } else { "JOIN" };
    let (from, order) = match fts_query(&filter.search) {
        Some(q) => {
            let p = arg(Value::Text(q), &mut args);
            conditions.push(format!("highlights_fts MATCH {p}"));
            (format!("highlights_fts f {join} highlights h ON h.seq = f.rowid"), "f.rowid DESC")
        }
        None => ("highlights h".to_owned(), "h.seq DESC"),
    };
    if !filter.include_orphans {
        conditions.push("h.orphaned = 0".into());
    }
    let limit = filter.limit.map(|n| format!("LIMIT {n}")).unwrap_or_default();
    // Newest added first: seq grows with every highlight written to this
    // library (restored ones count from their restoring).
    let sql = format!(
        "SELECT {COLUMNS}, a.title FROM {from} {join} articles a ON a.id = h.article_id
         WHERE {} ORDER BY {order} {limit}",
        conditions.join(" AND ")
    );
    Ok((sql, args))
}

#[cfg(test)]
#[path = "highlights_tests.rs"]
mod tests;
