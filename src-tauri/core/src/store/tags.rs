//! The `tags` and `highlight_tags` tables: tag names, created on first use
//! and dropped when no highlight uses them any more, and their links to
//! highlights. Changed only as part of a highlight's changes (`highlights`).

use rusqlite::{params, Connection};

use super::Library;
use crate::error::Result;

/// Links a highlight to `tags` (normalized), creating the names it lacks.
pub(super) fn link(conn: &Connection, highlight_id: &str, tags: &[String]) -> Result<()> {
    for tag in tags {
        conn.prepare_cached("INSERT OR IGNORE INTO tags (name) VALUES (?1)")?.execute([tag])?;
        conn.prepare_cached("INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) SELECT ?1, id FROM tags WHERE name = ?2")?
            .execute(params![highlight_id, tag])?;
    }
    Ok(())
}

/// Replaces a highlight's tags with `tags` (normalized), dropping names no
/// highlight uses any more.
pub(super) fn replace(conn: &Connection, highlight_id: &str, tags: &[String]) -> Result<()> {
    conn.execute("DELETE FROM highlight_tags WHERE highlight_id = ?1", [highlight_id])?;
    link(conn, highlight_id, tags)?;
    // NOT EXISTS probes the tag_id index per tag; NOT IN would read every link.
    conn.execute("DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM highlight_tags ht WHERE ht.tag_id = tags.id)", [])?;
    Ok(())
}

impl Library {
    /// Every tag in use, sorted, for completion.
    pub fn highlight_tags(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT DISTINCT t.name FROM tags t JOIN highlight_tags ht ON ht.tag_id = t.id
             JOIN highlights h ON h.id = ht.highlight_id WHERE h.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
