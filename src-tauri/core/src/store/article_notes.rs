//! The `article_notes` table: notes on a whole article rather than on a
//! passage, and the store's one function for each change to one (added,
//! edited, deleted, restored). Deletion is soft so it can be undone.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::articles::current_text;
use super::{now_rfc3339, Change, Library, Tx};
use crate::error::{Error, Result};
use crate::model::ArticleNote;

const COLUMNS: &str = "id, article_id, note, created_at, updated_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<ArticleNote> {
    Ok(ArticleNote { id: row.get(0)?, article_id: row.get(1)?, note: row.get(2)?, created_at: row.get(3)?, updated_at: row.get(4)? })
}

fn not_found(id: &str) -> Error {
    Error::NotFound { what: "article note", id: id.to_owned() }
}

/// A live article note by id.
fn get(conn: &Connection, id: &str) -> Result<ArticleNote> {
    let sql = format!("SELECT {COLUMNS} FROM article_notes WHERE id = ?1 AND deleted_at IS NULL");
    conn.query_row(&sql, [id], from_row).optional()?.ok_or_else(|| not_found(id))
}

/// The article's live notes, oldest first (by creation time, then id, which
/// is time-ordered: the same order on every device, whatever order sync
/// brought them in).
pub(super) fn of_article(conn: &Connection, article_id: &str) -> Result<Vec<ArticleNote>> {
    let sql = format!("SELECT {COLUMNS} FROM article_notes WHERE article_id = ?1 AND deleted_at IS NULL ORDER BY created_at, id");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([article_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A note's text as stored: trimmed, and never empty.
fn checked(note: &str) -> Result<&str> {
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::Invalid("a note on the article needs some text".into()));
    }
    Ok(note)
}

impl Library {
    /// The article's notes (not in the trash), oldest first.
    pub fn article_notes(&self, article_id: &str) -> Result<Vec<ArticleNote>> {
        current_text(self.conn(), article_id)?;
        of_article(self.conn(), article_id)
    }

    /// Writes a note on the whole article.
    pub fn add_article_note(&mut self, article_id: &str, note: &str) -> Result<ArticleNote> {
        let note = checked(note)?.to_owned();
        self.write(|tx| {
            current_text(tx.conn, article_id)?;
            let now = now_rfc3339();
            let n = ArticleNote {
                id: uuid::Uuid::now_v7().to_string(),
                article_id: article_id.to_owned(),
                note,
                created_at: now.clone(),
                updated_at: now,
            };
            tx.add_article_note(&n)?;
            Ok(n)
        })
    }

    /// Replaces an article note's text.
    pub fn update_article_note(&mut self, id: &str, note: &str) -> Result<ArticleNote> {
        let note = checked(note)?;
        self.write(|tx| {
            get(tx.conn, id)?;
            tx.edit_article_note(id, note, &now_rfc3339())?;
            get(tx.conn, id)
        })
    }

    /// Moves an article note to the trash; `restore_article_note` brings it back.
    pub fn delete_article_note(&mut self, id: &str) -> Result<()> {
        self.write(|tx| tx.delete_article_note(id))
    }

    /// Undoes `delete_article_note` (restoring a live note changes nothing).
    pub fn restore_article_note(&mut self, id: &str) -> Result<ArticleNote> {
        self.write(|tx| {
            tx.restore_article_note(id)?;
            get(tx.conn, id)
        })
    }
}

impl Tx<'_> {
    /// Article note added: the only place an article note row is written.
    pub(crate) fn add_article_note(&mut self, n: &ArticleNote) -> Result<()> {
        checked(&n.note)?;
        self.conn.execute(
            "INSERT INTO article_notes (id, article_id, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![n.id, n.article_id, n.note, n.created_at, n.updated_at],
        )?;
        self.record(Change::ArticleNoteAdded { note: n })
    }

    /// [`Self::add_article_note`], unless a note with its id exists (in the
    /// trash or not): a restore adds each note once. Says whether it was added.
    pub(crate) fn add_article_note_if_absent(&mut self, n: &ArticleNote) -> Result<bool> {
        let taken = self.conn.query_row("SELECT 1 FROM article_notes WHERE id = ?1", [&n.id], |_| Ok(())).optional()?.is_some();
        if !taken {
            self.add_article_note(n)?;
        }
        Ok(!taken)
    }

    /// Article note edited.
    fn edit_article_note(&mut self, id: &str, note: &str, now: &str) -> Result<()> {
        self.conn.execute("UPDATE article_notes SET note = ?2, updated_at = ?3 WHERE id = ?1", params![id, note, now])?;
        self.record(Change::ArticleNoteEdited { id, note, updated_at: now })
    }

    /// Article note deleted: moved to the trash.
    fn delete_article_note(&mut self, id: &str) -> Result<()> {
        let now = now_rfc3339();
        let changed =
            self.conn.execute("UPDATE article_notes SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?;
        if changed == 0 {
            return Err(not_found(id));
        }
        self.record(Change::ArticleNoteDeleted { id, deleted_at: &now })
    }

    /// Article note restored (undo of a delete).
    fn restore_article_note(&mut self, id: &str) -> Result<()> {
        let exists = self.conn.query_row("SELECT 1 FROM article_notes WHERE id = ?1", [id], |_| Ok(())).optional()?.is_some();
        if !exists {
            return Err(not_found(id));
        }
        let changed = self.conn.execute("UPDATE article_notes SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL", [id])?;
        if changed > 0 {
            self.record(Change::ArticleNoteRestored { id })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Extracted, SourceKind};
    use crate::store::NewArticle;

    fn article(lib: &mut Library) -> String {
        let extracted = Extracted { title: "Tides".into(), text: "The tide turned at noon.".into(), ..Default::default() };
        let new = NewArticle { extracted, source_kind: SourceKind::Text, source_url: None, raw: None, encoding: None };
        lib.insert_article(new).unwrap().summary.id
    }

    #[test]
    fn notes_are_added_edited_deleted_and_restored() {
        let mut lib = Library::open_in_memory().unwrap();
        let id = article(&mut lib);
        let first = lib.add_article_note(&id, "  Read with the harbour log.  ").unwrap();
        assert_eq!(first.note, "Read with the harbour log.");
        let second = lib.add_article_note(&id, "A second thought.").unwrap();
        assert_eq!(lib.article_notes(&id).unwrap(), vec![first.clone(), second.clone()]);
        let edited = lib.update_article_note(&first.id, "Read with the ferry log.").unwrap();
        assert_eq!((edited.note.as_str(), edited.created_at.as_str()), ("Read with the ferry log.", first.created_at.as_str()));
        lib.delete_article_note(&second.id).unwrap();
        assert_eq!(lib.article_notes(&id).unwrap(), vec![edited.clone()]);
        assert_eq!(lib.delete_article_note(&second.id).unwrap_err().kind(), crate::error::ErrorKind::NotFound);
        lib.restore_article_note(&second.id).unwrap();
        assert_eq!(lib.article_notes(&id).unwrap().len(), 2);
        assert_eq!(lib.add_article_note(&id, "   ").unwrap_err().kind(), crate::error::ErrorKind::Invalid);
        assert_eq!(lib.add_article_note("no-such-article", "x").unwrap_err().kind(), crate::error::ErrorKind::NotFound);
    }
}
