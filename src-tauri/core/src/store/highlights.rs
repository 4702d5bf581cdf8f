//! The `highlights` table: listing highlights, the store's one function for
//! each change to one (created, recoloured, re-noted, tagged, deleted,
//! restored, reattached), and re-anchoring an article's highlights when its
//! text is replaced. Deletion is soft so it can be undone; kept counts and
//! full-text rows follow by trigger (`0001_init.sql`, `0003_highlight_counts.sql`).

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};

use super::articles::{current_text, fts_query};
use super::{new_id, now_rfc3339, tags, Change, Library, Tx};
use crate::anchor::{describe_span, AnchorMethod, Selector, Text, TextPosition, TextQuote};
use crate::error::{Candidate, Error, Result, MAX_CANDIDATES};
use crate::highlight::{normalize_tags, Color, Highlight, HighlightFilter, HighlightPatch, LibraryHighlight, NewHighlight, ReanchorReport};

/// Separates tag names inside one SQL string (a control character no tag holds).
const TAG_SEP: char = '\u{1f}';

pub(super) const COLUMNS: &str = "h.id, h.article_id, h.start, h.end, h.exact, h.prefix, h.suffix, h.color, h.note,
     h.orphaned, h.created_at, h.updated_at,
     (SELECT group_concat(t.name, char(31)) FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
      WHERE ht.highlight_id = h.id)";

pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Highlight> {
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

/// How many live highlights of the article overlap `start..end`.
pub(super) fn ids_overlapping(conn: &Connection, article_id: &str, start: u32, end: u32) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM highlights WHERE article_id = ?1 AND deleted_at IS NULL AND start < ?3 AND end > ?2 ORDER BY start",
    )?;
    let ids = stmt.query_map(params![article_id, start, end], |row| row.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

/// A new highlight on the span `selector` describes, made now.
fn new_highlight(article_id: &str, selector: Selector, color: Color, note: &str, tags: &[String]) -> Highlight {
    let now = now_rfc3339();
    let Selector { position, quote } = selector;
    Highlight {
        id: new_id(),
        article_id: article_id.to_owned(),
        start: position.start,
        end: position.end,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        color,
        note: note.to_owned(),
        tags: tags.to_vec(),
        orphaned: false,
        created_at: now.clone(),
        updated_at: now,
    }
}

/// Finds every highlight of an article (deleted and orphaned ones too, so
/// that restoring them later puts them in the right place) in `new_text`,
/// the article's new text: found ones get fresh selectors, lost ones are
/// flagged as orphans and kept. Part of replacing an article's text. The
/// report counts the highlights the reader has (not those in the trash).
pub(super) fn reanchor(conn: &Connection, article_id: &str, new_text: &str) -> Result<ReanchorReport> {
    let text = Text::new(new_text);
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS}, h.deleted_at IS NOT NULL FROM highlights h WHERE h.article_id = ?1"))?;
    let rows = stmt.query_map([article_id], |row| Ok((from_row(row)?, row.get::<_, bool>(13)?)))?;
    let (all, trashed): (Vec<Highlight>, Vec<bool>) = rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().unzip();
    let selectors: Vec<Selector> = all
        .iter()
        .map(|h| Selector {
            position: TextPosition { start: h.start, end: h.end },
            quote: TextQuote { exact: h.exact.clone(), prefix: h.prefix.clone(), suffix: h.suffix.clone() },
        })
        .collect();
    let mut report = ReanchorReport::default();
    // What the reader has is counted; the trash is anchored alongside.
    let mut uncounted = ReanchorReport::default();
    for ((h, anchored), in_trash) in all.iter().zip(text.anchor_all(&selectors)).zip(trashed) {
        let counts = if in_trash { &mut uncounted } else { &mut report };
        let found = anchored.and_then(|a| Some((a.method, text.describe(a.position.start, a.position.end).ok()?)));
        match found {
            Some((method, fresh)) => {
                match method {
                    AnchorMethod::Position => counts.unchanged += 1,
                    AnchorMethod::Quote => counts.moved += 1,
                    AnchorMethod::Fuzzy => counts.fuzzy += 1,
                }
                let (p, q) = (fresh.position, &fresh.quote);
                conn.execute(
                    "UPDATE highlights SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0 WHERE id = ?1",
                    params![h.id, p.start, p.end, q.exact, q.prefix, q.suffix],
                )?;
            }
            None => {
                counts.orphaned += 1;
                conn.execute("UPDATE highlights SET orphaned = 1 WHERE id = ?1", [&h.id])?;
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
            let text = current_text(tx.conn, &new.article_id)?;
            let selector = describe_span(&text, new.start, new.end)?;
            tx.add_highlight(new_highlight(&new.article_id, selector, new.color, &new.note, &new.tags))
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
            let text = current_text(tx.conn, article_id)?;
            let text = Text::new(&text);
            let at = text.locate_quote(quote, occurrence)?;
            tx.add_highlight(new_highlight(article_id, text.describe(at.start, at.end)?, color, note, tags))
        })
    }

    /// Keeps a passage that could not be placed in the article's text (a
    /// selection made in a part of a page the extractor left out) as an
    /// orphan, so that it and its note are listed with the article's unplaced
    /// highlights and can be attached to a span later (`reattach_highlight`).
    /// It claims the first characters of the text until then, as an orphan
    /// claims where it used to be.
    pub fn create_orphaned_highlight(&mut self, article_id: &str, quote: &TextQuote, color: Color, note: &str) -> Result<Highlight> {
        if quote.exact.trim().is_empty() {
            return Err(Error::Invalid("the selection holds only blank space".into()));
        }
        self.write(|tx| {
            current_text(tx.conn, article_id)?;
            let end = quote.exact.chars().count() as u32;
            let selector = Selector { position: TextPosition { start: 0, end }, quote: quote.clone() };
            tx.add_highlight(Highlight { orphaned: true, ..new_highlight(article_id, selector, color, note, &[]) })
        })
    }

    /// Changes a highlight's color, note and/or tags in one transaction (one
    /// change each); what the patch leaves out stays as it is.
    pub fn update_highlight(&mut self, id: &str, patch: &HighlightPatch) -> Result<Highlight> {
        let tags = patch.tags.as_deref().map(normalize_tags).transpose()?;
        self.write(|tx| {
            get(tx.conn, id, false)?;
            let now = now_rfc3339();
            if let Some(color) = patch.color {
                tx.recolour_highlight(id, color, &now)?;
            }
            if let Some(note) = &patch.note {
                tx.renote_highlight(id, note, &now)?;
            }
            if let Some(tags) = &tags {
                tx.retag_highlight(id, tags, &now)?;
            }
            get(tx.conn, id, false)
        })
    }

    /// Moves a highlight to the trash; `restore_highlight` brings it back.
    pub fn delete_highlight(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete_highlight(id))
    }

    /// Undoes `delete_highlight` (restoring a live highlight changes nothing).
    pub fn restore_highlight(&mut self, id: &str) -> Result<Highlight> {
        self.write(|tx| {
            tx.restore_highlight(id)?;
            get(tx.conn, id, false)
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
        current_text(self.conn(), article_id)?;
        let sql = format!(
            "SELECT {COLUMNS} FROM highlights h
             WHERE h.article_id = ?1 AND h.deleted_at IS NULL AND h.orphaned = ?2
             ORDER BY h.start, h.end, h.seq"
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![article_id, orphaned], from_row)?;
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

    /// Attaches a highlight (typically an orphan) to a new span of its
    /// article's current text.
    pub fn reattach_highlight(&mut self, id: &str, start: u32, end: u32) -> Result<Highlight> {
        self.write(|tx| {
            tx.reattach_highlight(id, start, end)?;
            get(tx.conn, id, false)
        })
    }
}

impl Tx<'_> {
    /// Highlight created: stores `h` (its tags normalized) and returns it as
    /// stored. The only place a highlight row is written; a reader's new
    /// highlight, an imported and a restored one all come through here.
    pub(crate) fn add_highlight(&mut self, mut h: Highlight) -> Result<Highlight> {
        h.tags = normalize_tags(&h.tags)?;
        write_row(self.conn, &h.article_id, &h, None, false)?;
        tags::link(self.conn, &h.id, &h.tags)?;
        self.record(Change::HighlightCreated { highlight: &h })?;
        Ok(h)
    }

    /// [`Self::add_highlight`], unless a highlight with its id exists (in the
    /// trash or not): a restore adds each highlight once. Says whether it was added.
    pub(crate) fn add_highlight_if_absent(&mut self, h: Highlight) -> Result<bool> {
        let taken = self.conn.query_row("SELECT 1 FROM highlights WHERE id = ?1", [&h.id], |_| Ok(())).optional()?.is_some();
        if !taken {
            self.add_highlight(h)?;
        }
        Ok(!taken)
    }

    /// Whether a live highlight of the article covers exactly `start..end`.
    pub(crate) fn highlight_on(&self, article_id: &str, start: u32, end: u32) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM highlights WHERE article_id = ?1 AND start = ?2 AND end = ?3 AND deleted_at IS NULL")?;
        Ok(stmt.exists(params![article_id, start, end])?)
    }

    /// Highlight recoloured.
    fn recolour_highlight(&mut self, id: &str, color: Color, now: &str) -> Result<()> {
        self.conn.execute("UPDATE highlights SET color = ?2, updated_at = ?3 WHERE id = ?1", params![id, color.as_str(), now])?;
        self.record(Change::HighlightRecoloured { id, color, updated_at: now })
    }

    /// Highlight re-noted (Markdown).
    fn renote_highlight(&mut self, id: &str, note: &str, now: &str) -> Result<()> {
        self.conn.execute("UPDATE highlights SET note = ?2, updated_at = ?3 WHERE id = ?1", params![id, note, now])?;
        self.record(Change::HighlightNoteChanged { id, note, updated_at: now })
    }

    /// Highlight tagged: `tags` (normalized) replace its tags.
    fn retag_highlight(&mut self, id: &str, tags: &[String], now: &str) -> Result<()> {
        tags::replace(self.conn, id, tags)?;
        self.conn.execute("UPDATE highlights SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
        self.record(Change::HighlightTagged { id, tags, updated_at: now })
    }

    /// Highlight deleted: moved to the trash, with its note and tags.
    fn delete_highlight(&mut self, id: &str) -> Result<()> {
        let now = now_rfc3339();
        let changed = self.conn.execute("UPDATE highlights SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?;
        if changed == 0 {
            return Err(not_found(id));
        }
        self.record(Change::HighlightDeleted { id, deleted_at: &now })
    }

    /// Highlight restored (undo of a delete); a live highlight stays as it is.
    fn restore_highlight(&mut self, id: &str) -> Result<()> {
        let h = get(self.conn, id, true)?;
        let changed = self.conn.execute("UPDATE highlights SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [&h.id])?;
        if changed > 0 {
            self.record(Change::HighlightRestored { id })?;
        }
        Ok(())
    }

    /// Highlight reattached: placed on `start..end` of its article's current text.
    fn reattach_highlight(&mut self, id: &str, start: u32, end: u32) -> Result<()> {
        let h = get(self.conn, id, false)?;
        let text = current_text(self.conn, &h.article_id)?;
        let fresh = Text::new(&text).describe(start, end)?;
        let q = &fresh.quote;
        let now = now_rfc3339();
        self.conn.execute(
            "UPDATE highlights SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0, updated_at = ?7
             WHERE id = ?1",
            params![id, start, end, q.exact, q.prefix, q.suffix, now],
        )?;
        self.record(Change::HighlightReattached { id, start, end, exact: &q.exact, prefix: &q.prefix, suffix: &q.suffix, updated_at: &now })
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
mod tests;

/// The columns a highlight row is written with, in the order [`write_row`]
/// binds them; every other column is by the first two.
const WRITE_COLUMNS: [&str; 13] = [
    "id",
    "article_id",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "color",
    "note",
    "orphaned",
    "created_at",
    "updated_at",
    "deleted_at",
];

/// Writes `h` as a row of `article_id`: a new one, or with `replace` the one
/// with its id made equal to it, unless that one belongs to another article
/// (a highlight is never moved between articles). Tags are not touched.
fn write_row(conn: &Connection, article_id: &str, h: &Highlight, deleted_at: Option<&str>, replace: bool) -> Result<()> {
    let placeholders: Vec<String> = (1..=WRITE_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    let mut sql = format!("INSERT INTO highlights ({}) VALUES ({})", WRITE_COLUMNS.join(", "), placeholders.join(", "));
    if replace {
        let set: Vec<String> = WRITE_COLUMNS[2..].iter().map(|c| format!("{c} = excluded.{c}")).collect();
        sql += &format!(" ON CONFLICT (id) DO UPDATE SET {} WHERE highlights.article_id = excluded.article_id", set.join(", "));
    }
    conn.prepare_cached(&sql)?.execute(params![
        h.id,
        article_id,
        h.start,
        h.end,
        h.exact,
        h.prefix,
        h.suffix,
        h.color.as_str(),
        h.note,
        h.orphaned,
        h.created_at,
        h.updated_at,
        deleted_at
    ])?;
    Ok(())
}

/// A highlight as another device's documents have it, made a row of
/// `article_id` (added, or the existing one made equal, tags included). Not
/// recorded as a change: the documents already hold it.
pub(super) fn write_synced(conn: &Connection, article_id: &str, h: &Highlight, deleted_at: Option<&str>, existed: bool) -> Result<()> {
    write_row(conn, article_id, h, deleted_at, true)?;
    if existed {
        tags::replace(conn, &h.id, &h.tags)
    } else {
        tags::link(conn, &h.id, &h.tags)
    }
}
