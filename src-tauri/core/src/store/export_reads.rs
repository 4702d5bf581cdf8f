//! Reading the highlights an export shows, quickly enough for a whole
//! library. Reading each highlight's tags in a correlated subquery (as the
//! reader's lists do) takes one index search per highlight, half the time of
//! a 100,000-highlight export. Here the tags are read once, in one pass over
//! the tag links when the whole library is exported, or one join per article
//! otherwise, and the highlights in one cached statement per article, sorted
//! here. The result is the same (a test holds the two together).

use std::collections::HashMap;

use rusqlite::Connection;

use super::Library;
use crate::error::Result;
use crate::highlight::Highlight;

/// Each highlight's tags for an export, in tag id order (as the store's
/// subquery lists them); a highlight's are taken out as it is read.
pub enum ExportTags {
    /// Every tag link in the library, read up front.
    Library(HashMap<String, Vec<String>>),
    /// Read with each article's highlights (for an export of a few articles).
    PerArticle,
}

impl Library {
    /// The tags an export reads its highlights with: the whole library's in
    /// one pass when it exports the whole library, else each article's as it comes.
    pub fn export_tags(&self, whole_library: bool) -> Result<ExportTags> {
        if whole_library {
            whole_library_tags(self.conn())
        } else {
            Ok(ExportTags::PerArticle)
        }
    }

    /// The article's highlights that are not deleted, as exports list them:
    /// anchored ones in text order, then orphans, ties broken by id so the
    /// order never depends on insertion.
    pub fn highlights_for_export(&self, article_id: &str, tags: &mut ExportTags) -> Result<Vec<Highlight>> {
        highlights(self.conn(), article_id, tags)
    }
}

fn whole_library_tags(conn: &Connection) -> Result<ExportTags> {
    let mut stmt = conn.prepare(
        "SELECT ht.highlight_id, t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id
         ORDER BY ht.highlight_id, ht.tag_id",
    )?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, name): (String, String) = (row.get(0)?, row.get(1)?);
        map.entry(id).or_default().push(name);
    }
    Ok(ExportTags::Library(map))
}

fn highlights(conn: &Connection, article_id: &str, tags: &mut ExportTags) -> Result<Vec<Highlight>> {
    let mut per_article;
    let tags = match tags {
        ExportTags::Library(map) => map,
        ExportTags::PerArticle => {
            per_article = article_tags(conn, article_id)?;
            &mut per_article
        }
    };
    let mut stmt = conn.prepare_cached(
        "SELECT h.id, h.start, h.end, h.exact, h.prefix, h.suffix, h.color, h.note, h.orphaned, h.created_at, h.updated_at
         FROM highlights h WHERE h.article_id = ?1 AND h.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([article_id])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let mut tags = tags.remove(&id).unwrap_or_default();
        tags.sort_by_cached_key(|t| t.to_lowercase());
        let color: String = row.get(6)?;
        out.push(Highlight {
            id,
            article_id: article_id.to_owned(),
            start: row.get(1)?,
            end: row.get(2)?,
            exact: row.get(3)?,
            prefix: row.get(4)?,
            suffix: row.get(5)?,
            // The table's CHECK constraint admits only the five colors.
            color: color.parse().unwrap_or_default(),
            note: row.get(7)?,
            tags,
            orphaned: row.get(8)?,
            created_at: row.get(9)?,
            updated_at: row.get(10)?,
        });
    }
    // Sorted here rather than by SQLite, which would copy every row through its sorter first
    // (ids compare as SQLite's BINARY collation does: byte for byte).
    out.sort_unstable_by(|a, b| (a.orphaned, a.start, a.end, &a.id).cmp(&(b.orphaned, b.start, b.end, &b.id)));
    Ok(out)
}

fn article_tags(conn: &Connection, article_id: &str) -> Result<HashMap<String, Vec<String>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ht.highlight_id, t.name FROM highlights h
           JOIN highlight_tags ht ON ht.highlight_id = h.id JOIN tags t ON t.id = ht.tag_id
         WHERE h.article_id = ?1 AND h.deleted_at IS NULL ORDER BY ht.highlight_id, ht.tag_id",
    )?;
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut rows = stmt.query([article_id])?;
    while let Some(row) = rows.next()? {
        let (id, name): (String, String) = (row.get(0)?, row.get(1)?);
        map.entry(id).or_default().push(name);
    }
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::{Color, HighlightPatch, NewHighlight};
    use crate::model::{Extracted, SourceKind};
    use crate::store::{Library, NewArticle};

    /// The reader's way of reading an article's highlights (tags by
    /// correlated subquery), in the export's order: what the export must match.
    fn by_subquery(lib: &Library, article_id: &str) -> Vec<Highlight> {
        let sql = format!(
            "SELECT {} FROM highlights h WHERE h.article_id = ?1 AND h.deleted_at IS NULL
             ORDER BY h.orphaned, h.start, h.end, h.id",
            crate::store::highlights::COLUMNS
        );
        let mut stmt = lib.conn().prepare(&sql).unwrap();
        let rows = stmt.query_map([article_id], crate::store::highlights::from_row).unwrap();
        rows.map(Result::unwrap).collect()
    }

    #[test]
    fn reads_what_the_store_reads_for_export() {
        let mut lib = Library::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for a in 0..3 {
            let text = format!("Article {a}: the tide came in over the harbour wall, and the gulls rose. Then it went out again.");
            let article = lib
                .insert_article(NewArticle {
                    extracted: Extracted { title: format!("Article {a}"), text, html: String::new(), ..Default::default() },
                    source_kind: SourceKind::Text,
                    source_url: None,
                    raw: None,
                    encoding: None,
                })
                .unwrap();
            let id = article.summary.id;
            // The last one shares its span with the second: ties go by id.
            let tag_sets: [&[&str]; 6] = [&[], &["Zeta", "alpha", "Émile"], &["émile", "beta"], &["alpha"], &[], &["beta"]];
            for (i, tags) in tag_sets.iter().enumerate() {
                let start = [0, 7, 14, 21, 28, 7][i];
                let new = NewHighlight {
                    article_id: id.clone(),
                    start,
                    end: start + 5 + (i as u32 % 2),
                    color: Color::ALL[i % 5],
                    note: if i % 2 == 0 { format!("note {i}") } else { String::new() },
                    tags: tags.iter().map(|t| t.to_string()).collect(),
                };
                let h = lib.create_highlight(&new).unwrap();
                if i == 4 {
                    lib.delete_highlight(&h.id).unwrap();
                } else if i == 2 {
                    lib.update_highlight(&h.id, &HighlightPatch { note: Some("edited".into()), ..Default::default() }).unwrap();
                }
            }
            ids.push(id);
        }
        lib.conn().execute("UPDATE highlights SET orphaned = 1 WHERE note = 'edited'", []).unwrap();
        let mut library = lib.export_tags(true).unwrap();
        for id in &ids {
            let expected = by_subquery(&lib, id);
            assert_eq!(expected.len(), 5);
            assert_eq!((expected[1].start, expected[1].end), (expected[2].start, expected[2].end));
            assert!(expected.iter().any(|h| h.tags.len() == 3) && expected.last().unwrap().orphaned);
            assert_eq!(lib.highlights_for_export(id, &mut library).unwrap(), expected);
            assert_eq!(lib.highlights_for_export(id, &mut ExportTags::PerArticle).unwrap(), expected);
        }
    }
}
