//! Embedded, append-only schema migrations, tracked with `PRAGMA user_version`.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Each entry is applied once, in order; entry `i` brings the schema to version `i + 1`.
/// Append only: a landed migration is never edited.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_list_and_save_indexes.sql"),
    include_str!("migrations/0003_highlight_counts.sql"),
    include_str!("migrations/0004_events_extracted.sql"),
    include_str!("migrations/0005_warning_marks.sql"),
    include_str!("migrations/0006_article_notes.sql"),
    include_str!("migrations/0007_removed_blocks.sql"),
    include_str!("migrations/0008_books.sql"),
    include_str!("migrations/0009_vault_files.sql"),
    include_str!("migrations/0010_sync.sql"),
    include_str!("migrations/0011_reading_progress.sql"),
    include_str!("migrations/0012_disagreement_verdicts.sql"),
    include_str!("migrations/0013_timeline_groups.sql"),
    include_str!("migrations/0014_sync_held.sql"),
    include_str!("migrations/0015_timeline_windows.sql"),
    include_str!("migrations/0016_cjk_word_counts.sql"),
    include_str!("migrations/0017_timeline_points.sql"),
    include_str!("migrations/0018_timeline_cells.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to date. Refuses, touching nothing, a library written by
/// a newer build. With `backup_dir`, an existing library that is about to
/// change is first backed up there (and a failed backup stops the migration).
pub fn migrate(conn: &mut Connection, path_for_messages: &str, backup_dir: Option<&Path>) -> Result<()> {
    migrate_with(conn, MIGRATIONS, path_for_messages, backup_dir)
}

fn migrate_with(conn: &mut Connection, migrations: &[&str], path_for_messages: &str, backup_dir: Option<&Path>) -> Result<()> {
    let current = schema_version(conn)?;
    let known = migrations.len() as i64;
    if current > known {
        return Err(Error::NewerLibrary { path: path_for_messages.to_owned(), found: current, known });
    }
    if let Some(dir) = backup_dir.filter(|_| current > 0 && current < known) {
        super::backup::create_backup(conn, dir, &format!("pre-migration-v{current}"))?;
    }
    if current < known {
        register_functions(conn)?;
    }
    for (index, sql) in migrations.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
        tracing::info!(version = index + 1, "applied library migration");
    }
    Ok(())
}

/// Functions the migrations call that SQL has no words for (a migration that
/// recounts calls the importer's own count, so old and new rows agree).
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_DIRECTONLY;
    conn.create_scalar_function("sidenote_word_count", 1, flags, |ctx| {
        let text = ctx.get_raw(0).as_str().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        Ok(i64::from(crate::model::word_count(text)))
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::backup::list_backups;
    use rusqlite::OptionalExtension;

    #[test]
    fn an_existing_library_is_backed_up_before_its_schema_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, "test", Some(dir.path())).unwrap();
        assert!(list_backups(dir.path()).unwrap().is_empty(), "a new library has nothing to back up");
        conn.execute("INSERT INTO settings (key, value) VALUES ('marker', '\"before\"')", []).unwrap();

        // A later build with one more migration opens it.
        let mut next = MIGRATIONS.to_vec();
        next.push("CREATE TABLE later_feature (id INTEGER PRIMARY KEY);");
        migrate_with(&mut conn, &next, "test", Some(dir.path())).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION + 1);

        let backups = list_backups(dir.path()).unwrap();
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, format!("pre-migration-v{SCHEMA_VERSION}"));
        let old = Connection::open(&backups[0].path).unwrap();
        assert_eq!(schema_version(&old).unwrap(), SCHEMA_VERSION, "the backup holds the schema from before the migration");
        let marker: String = old.query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| r.get(0)).unwrap();
        assert_eq!(marker, "\"before\"");
        let has_new: i64 = old.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'later_feature'", [], |r| r.get(0)).unwrap();
        assert_eq!(has_new, 0);

        // Up to date: no further backup.
        migrate_with(&mut conn, &next, "test", Some(dir.path())).unwrap();
        assert_eq!(list_backups(dir.path()).unwrap().len(), 1);
    }

    #[test]
    fn highlight_counts_are_filled_in_for_an_existing_library() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &MIGRATIONS[..2], "test", None).unwrap();
        let article = |id: &str| {
            format!(
                "INSERT INTO articles (id, title, source_kind, imported_at, html, text, word_count, content_hash)
                 VALUES ('{id}', 'T', 'text', '2026-01-01T00:00:00Z', '', 'some words here', 3, '{id}')"
            )
        };
        let highlight = |id: &str, article: &str, deleted: &str| {
            format!(
                "INSERT INTO highlights (id, article_id, start, end, exact, created_at, updated_at, deleted_at)
                 VALUES ('{id}', '{article}', 0, 4, 'some', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', {deleted})"
            )
        };
        for sql in [
            article("a1"),
            article("a2"),
            article("a3"),
            highlight("h1", "a1", "NULL"),
            highlight("h2", "a1", "NULL"),
            highlight("h3", "a1", "'2026-01-02T00:00:00Z'"),
            highlight("h4", "a2", "'2026-01-02T00:00:00Z'"),
        ] {
            conn.execute(&sql, []).unwrap();
        }
        migrate(&mut conn, "test", None).unwrap();
        let count = |id: &str| -> Option<i64> {
            conn.query_row("SELECT live_highlights FROM article_counts WHERE article_id = ?1", [id], |r| r.get(0)).optional().unwrap()
        };
        assert_eq!((count("a1"), count("a2"), count("a3")), (Some(2), None, None));
        conn.execute(&highlight("h5", "a3", "NULL"), []).unwrap();
        conn.execute("UPDATE highlights SET deleted_at = NULL WHERE id = 'h4'", []).unwrap();
        conn.execute("UPDATE highlights SET deleted_at = '2026-01-03T00:00:00Z' WHERE id = 'h1'", []).unwrap();
        assert_eq!((count("a1"), count("a2"), count("a3")), (Some(1), Some(1), Some(1)));
    }

    #[test]
    fn reading_positions_learn_their_texts_length() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &MIGRATIONS[..8], "test", None).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, title, source_kind, imported_at, html, text, word_count, content_hash)
             VALUES ('a1', 'T', 'text', '2026-01-01T00:00:00Z', '', 'été à la mer', 4, 'a1');
             INSERT INTO reading_positions (article_id, position, updated_at) VALUES ('a1', 5, '2026-01-01T00:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn, "test", None).unwrap();
        let length: i64 = conn.query_row("SELECT length FROM reading_positions WHERE article_id = 'a1'", [], |r| r.get(0)).unwrap();
        assert_eq!(length, 12, "code points of the text, not bytes");
    }

    #[test]
    fn extraction_markers_leave_the_settings() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &MIGRATIONS[..3], "test", None).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, title, source_kind, imported_at, html, text, word_count, content_hash)
             VALUES ('a1', 'T', 'text', '2026-01-01T00:00:00Z', '', 'In 1990.', 2, 'h1');
             INSERT INTO settings (key, value) VALUES ('events.extracted.a1', '1'), ('events.extracted.gone', '1'), ('theme', '\"dark\"');",
        )
        .unwrap();
        migrate(&mut conn, "test", None).unwrap();
        let keys: Vec<String> = {
            let mut stmt = conn.prepare("SELECT key FROM settings ORDER BY key").unwrap();
            stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(keys, ["theme"], "only the reader's own settings stay");
        let marked: Vec<(String, i64)> = {
            let mut stmt = conn.prepare("SELECT article_id, extractor FROM events_extracted").unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(marked, [("a1".to_owned(), 1)], "the marker of an article that is no longer there is dropped");
    }
    #[test]
    fn word_counts_written_at_spaces_are_recounted_for_chinese_and_japanese() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_with(&mut conn, &MIGRATIONS[..14], "test", None).unwrap();
        // As the old count stored them: whitespace-separated runs.
        conn.execute_batch(
            "INSERT INTO articles (id, title, source_kind, imported_at, html, text, word_count, content_hash) VALUES
             ('ja', 'T', 'text', '2026-01-01T00:00:00Z', '', '港長は潮汐表を二度読んだ。 灯台も見た。', 2, 'h1'),
             ('en', 'T', 'text', '2026-01-01T00:00:00Z', '', 'The harbour master read the tide table.', 7, 'h2'),
             ('ko', 'T', 'text', '2026-01-01T00:00:00Z', '', '항만장은 조석표를 읽었다.', 3, 'h3');",
        )
        .unwrap();
        migrate(&mut conn, "test", None).unwrap();
        let count = |id: &str| -> i64 { conn.query_row("SELECT word_count FROM articles WHERE id = ?1", [id], |r| r.get(0)).unwrap() };
        assert_eq!((count("ja"), count("en"), count("ko")), (12 + 5, 7, 3));
        let fts: i64 = conn.query_row("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'", [], |r| r.get(0)).unwrap();
        assert_eq!(fts, 1, "the search index is untouched");
    }
}
