//! The record of which note file in an Obsidian vault folder belongs to
//! which article (see `export::obsidian`). Local bookkeeping: no `Change` is
//! recorded, so it never travels to other devices.

use rusqlite::params;

use super::Library;
use crate::error::Result;

impl Library {
    /// Every recorded (article id, file name) in the vault folder `vault`.
    pub fn vault_files(&self, vault: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare("SELECT article_id, file FROM vault_files WHERE vault = ?1 ORDER BY article_id")?;
        let rows = stmt.query_map([vault], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records the files written by one export, all at once.
    pub fn record_vault_files(&mut self, vault: &str, files: &[(String, String)]) -> Result<()> {
        self.write(|tx| {
            for (article_id, file) in files {
                // A file name another article held before (its note was renamed away) passes on.
                tx.conn.execute(
                    "DELETE FROM vault_files WHERE vault = ?1 AND file = ?2 AND article_id <> ?3",
                    params![vault, file, article_id],
                )?;
                tx.conn.execute(
                    "INSERT INTO vault_files(vault, article_id, file) VALUES (?1, ?2, ?3)
                     ON CONFLICT(vault, article_id) DO UPDATE SET file = excluded.file",
                    params![vault, article_id, file],
                )?;
            }
            Ok(())
        })
    }
}
