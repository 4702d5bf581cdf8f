//! The sync log (`0010_sync.sql`): the Automerge documents every change to
//! the reader's data is also recorded in, kept as a compacted snapshot per
//! document plus the changes since, each change recorded in the transaction
//! of the rows it changes. [`SyncLog`] is what a recorder gets with each
//! change: the reads it needs and the log it appends to. The sync engine
//! reads documents and commits what it merged through the `sync_*`
//! functions of [`Library`].

use rusqlite::{params, Connection, OptionalExtension};

use super::replica::{self, ReplicaArticle, ReplicaEvent, ReplicaHighlight, ReplicaNotes};
use super::sync_state::DevicePosition;
use super::{Library, StoredMark, StoredVerdict, Tx};
use crate::error::{Error, Result};

/// A document as stored: its snapshot (if it has one) and the changes since,
/// oldest first, and its version (bumped by every write to it; 0 when it was
/// never written).
#[derive(Debug, Clone, Default)]
pub struct StoredDoc {
    pub snapshot: Option<Vec<u8>>,
    pub changes: Vec<StoredChange>,
    pub version: i64,
}

#[derive(Debug, Clone)]
pub struct StoredChange {
    pub seq: i64,
    pub bytes: Vec<u8>,
    pub local: bool,
}

/// A local change not yet written to the sync folder.
#[derive(Debug, Clone)]
pub struct UnsentChange {
    pub seq: i64,
    pub doc_id: String,
    pub bytes: Vec<u8>,
}

/// What the sync engine merged into one document, to be stored.
#[derive(Debug, Clone, Default)]
pub struct DocUpdate {
    pub doc_id: String,
    /// The version the engine loaded: the update is refused (and the round
    /// tried again) if another process wrote to the document since.
    pub loaded_version: i64,
    /// A new compacted snapshot, which holds every change in `compacted`.
    pub snapshot: Option<Vec<u8>>,
    /// Stored changes the new snapshot holds (removed).
    pub compacted: Vec<i64>,
    /// Changes from other devices to keep as rows (those the snapshot does not hold).
    pub remote: Vec<Vec<u8>>,
    /// The update holds changes new to the document (merged from other
    /// devices), in `remote` or in `snapshot`; without it, it only folds what
    /// the document held into a snapshot.
    pub merged: bool,
}

/// What one inbound step merged, committed in one transaction: the documents,
/// how far each device was read, and the articles to make again from them.
#[derive(Debug, Clone, Default)]
pub struct InboundBatch {
    pub docs: Vec<DocUpdate>,
    pub devices: Vec<DevicePosition>,
    pub dirty: Vec<String>,
    /// The synced settings as the merged catalogue has them (when it changed).
    pub settings: Option<Vec<(String, serde_json::Value)>>,
    /// The catalogue's disagreement verdicts changed: the rows are made
    /// again from it after the articles (`Library::sync_apply_verdicts`).
    pub verdicts_changed: bool,
}

/// This device's flag: the catalogue's disagreement verdicts changed and the
/// rows are not made again from them yet (set with the merge, so that a
/// crash in between leaves it set).
const VERDICTS_DIRTY: &str = "sync.verdictsDirty";

pub(super) fn doc_version(conn: &Connection, doc_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT version FROM sync_doc_versions WHERE doc_id = ?1")?
        .query_row([doc_id], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

fn bump(conn: &Connection, doc_id: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO sync_doc_versions (doc_id, version) VALUES (?1, 1)
             ON CONFLICT (doc_id) DO UPDATE SET version = version + 1 RETURNING version",
        )?
        .query_row([doc_id], |r| r.get(0))?)
}

fn load_doc(conn: &Connection, doc_id: &str) -> Result<StoredDoc> {
    let snapshot: Option<Vec<u8>> =
        conn.prepare_cached("SELECT snapshot FROM sync_docs WHERE doc_id = ?1")?.query_row([doc_id], |r| r.get(0)).optional()?;
    // Held changes are in the snapshot already (`0014_sync_held.sql`).
    let mut stmt = conn.prepare_cached(
        "SELECT seq, bytes, local FROM sync_changes WHERE doc_id = ?1 AND seq NOT IN (SELECT seq FROM sync_held) ORDER BY seq",
    )?;
    let changes = stmt
        .query_map([doc_id], |r| Ok(StoredChange { seq: r.get(0)?, bytes: r.get(1)?, local: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(StoredDoc { snapshot, changes, version: doc_version(conn, doc_id)? })
}

/// A recorder's view of the transaction a change is applied in.
pub struct SyncLog<'t> {
    conn: &'t Connection,
}

impl<'t> SyncLog<'t> {
    pub(super) fn new(conn: &'t Connection) -> Self {
        SyncLog { conn }
    }

    /// The document's version (see [`StoredDoc`]).
    pub fn doc_version(&self, doc_id: &str) -> Result<i64> {
        doc_version(self.conn, doc_id)
    }

    pub fn load_doc(&self, doc_id: &str) -> Result<StoredDoc> {
        load_doc(self.conn, doc_id)
    }

    /// Appends one change made here; returns the document's new version.
    pub fn append(&mut self, doc_id: &str, bytes: &[u8]) -> Result<i64> {
        self.conn.prepare_cached("INSERT INTO sync_changes (doc_id, bytes, local) VALUES (?1, ?2, 1)")?.execute(params![doc_id, bytes])?;
        bump(self.conn, doc_id)
    }

    /// Stores `snapshot` as the document's, holding every change it has
    /// (a document this device just recorded in full, at its first sync):
    /// loading reads the snapshot alone, and the changes stay as rows only to
    /// be sent (`0014_sync_held.sql`). The content is the same: no new version.
    pub fn hold_in_snapshot(&mut self, doc_id: &str, snapshot: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO sync_docs (doc_id, snapshot) VALUES (?1, ?2) ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot",
            )?
            .execute(params![doc_id, snapshot])?;
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO sync_held (seq) SELECT seq FROM sync_changes WHERE doc_id = ?1")?
            .execute([doc_id])?;
        Ok(())
    }

    /// Asks for the article's body (text and HTML hashing to `hash`) to be
    /// written to the sync folder at the next round.
    pub fn queue_blob(&mut self, hash: &str, article_id: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO sync_blobs_out (hash, article_id) VALUES (?1, ?2)")?
            .execute(params![hash, article_id])?;
        Ok(())
    }

    /// The content hash of the article's text, if the article is one that
    /// syncs: in the library (in the trash or not) and not the sample.
    pub fn synced_article(&self, article_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT content_hash FROM articles WHERE id = ?1 AND source_kind <> 'sample'")?
            .query_row([article_id], |r| r.get(0))
            .optional()?)
    }

    /// The article's catalogue entry as its row has it, if it is one that syncs.
    pub fn article(&self, article_id: &str) -> Result<Option<ReplicaArticle>> {
        Ok(replica::row_of(self.conn, article_id)?.filter(|a| a.source_kind != crate::model::SourceKind::Sample))
    }

    /// Every article that syncs, by id.
    pub fn synced_articles(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT id FROM articles WHERE source_kind <> 'sample' ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The article a highlight belongs to.
    pub fn article_of_highlight(&self, highlight_id: &str) -> Result<String> {
        self.conn
            .prepare_cached("SELECT article_id FROM highlights WHERE id = ?1")?
            .query_row([highlight_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "highlight", id: highlight_id.to_owned() })
    }

    /// The article a note on a whole article belongs to.
    pub fn article_of_note(&self, note_id: &str) -> Result<String> {
        self.conn
            .prepare_cached("SELECT article_id FROM article_notes WHERE id = ?1")?
            .query_row([note_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "article note", id: note_id.to_owned() })
    }

    /// A highlight as it now is (in the trash too).
    pub fn highlight(&self, id: &str) -> Result<ReplicaHighlight> {
        replica::read_highlight(self.conn, id)
    }

    /// An event as it now is.
    pub fn event(&self, id: &str) -> Result<ReplicaEvent> {
        replica::read_event(self.conn, id)
    }

    /// The article's verdicts on its chronology warnings.
    pub fn warning_marks(&self, article_id: &str) -> Result<Vec<StoredMark>> {
        super::warning_marks::read(self.conn, article_id)
    }

    /// The articles that have verdicts on chronology warnings.
    pub fn articles_with_marks(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT DISTINCT article_id FROM warning_marks ORDER BY article_id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The verdict on the disagreement `key`, if there is one.
    pub fn disagreement_verdict(&self, key: &str) -> Result<Option<StoredVerdict>> {
        super::disagreement_verdicts::one(self.conn, key)
    }

    /// Every verdict on a disagreement.
    pub fn disagreement_verdicts(&self) -> Result<Vec<StoredVerdict>> {
        super::disagreement_verdicts::all(self.conn)
    }

    /// A flag of this device's sync bookkeeping (in `settings`, never synced).
    pub fn flag(&self, key: &str) -> Result<bool> {
        Ok(self.conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM settings WHERE key = ?1)")?.query_row([key], |r| r.get(0))?)
    }

    pub fn set_flag(&mut self, key: &str) -> Result<()> {
        self.conn.prepare_cached("INSERT OR IGNORE INTO settings (key, value) VALUES (?1, 'true')")?.execute([key])?;
        Ok(())
    }

    /// The article's text (in the trash or not).
    pub fn text(&self, article_id: &str) -> Result<String> {
        self.conn
            .query_row("SELECT text FROM articles WHERE id = ?1", [article_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "article", id: article_id.to_owned() })
    }

    /// The settings that sync (see [`super::settings::SYNCED`]), as the library holds them.
    pub fn synced_settings(&self) -> Result<Vec<(String, serde_json::Value)>> {
        super::settings::read_synced(self.conn)
    }

    /// Everything of the reader's on the article, as its rows hold it now.
    pub fn notes(&self, article_id: &str) -> Result<ReplicaNotes> {
        replica::read_notes(self.conn, article_id)
    }
}

impl Library {
    /// Runs `f` with the sync log in one transaction, nothing else recorded:
    /// recording the whole library when it starts to sync.
    pub(crate) fn with_sync_log<T>(&mut self, f: impl FnOnce(&mut SyncLog<'_>) -> Result<T>) -> Result<T> {
        self.write_quietly(|tx| f(&mut SyncLog::new(tx.conn)))
    }

    /// Gets the change sink ready for changes to the article the reader just
    /// opened (see [`super::ChangeSink::warm`]), in one read transaction so
    /// that what it reads is one consistent state. Meant to run off the
    /// UI's critical path, as the article opens.
    pub fn warm_sync(&mut self, article_id: &str) -> Result<()> {
        if !self.syncing {
            return Ok(());
        }
        let Library { conn, sink, .. } = self;
        let tx = conn.unchecked_transaction()?;
        let warmed = sink.warm(article_id, &SyncLog::new(&tx));
        drop(tx); // read only: nothing to commit
        warmed
    }

    /// A document as stored, for the sync engine.
    pub fn sync_doc(&self, doc_id: &str) -> Result<StoredDoc> {
        load_doc(self.conn(), doc_id)
    }

    pub fn sync_doc_version(&self, doc_id: &str) -> Result<i64> {
        doc_version(self.conn(), doc_id)
    }

    /// Every document the library holds, in id order.
    /// What the documents take as stored: their snapshots and changes, in bytes.
    pub fn sync_stored_bytes(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row(
            "SELECT (SELECT coalesce(sum(length(snapshot)), 0) FROM sync_docs) + (SELECT coalesce(sum(length(bytes)), 0) FROM sync_changes)",
            [],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    pub fn sync_doc_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare("SELECT doc_id FROM sync_docs UNION SELECT DISTINCT doc_id FROM sync_changes ORDER BY 1")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Documents with at least `min` changes kept as rows (to compact into a snapshot).
    pub fn sync_docs_to_compact(&self, min: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT doc_id FROM sync_changes WHERE seq NOT IN (SELECT seq FROM sync_held)
             GROUP BY doc_id HAVING count(*) >= ?1 ORDER BY doc_id",
        )?;
        let rows = stmt.query_map([min as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Local changes after `after` (a seq), oldest first, up to about `max_bytes`.
    pub fn sync_unsent(&self, after: i64, max_bytes: usize) -> Result<Vec<UnsentChange>> {
        let mut stmt =
            self.conn().prepare_cached("SELECT seq, doc_id, bytes FROM sync_changes WHERE local = 1 AND seq > ?1 ORDER BY seq")?;
        let mut rows = stmt.query([after])?;
        let mut out = Vec::new();
        let mut size = 0;
        while let Some(row) = rows.next()? {
            let change = UnsentChange { seq: row.get(0)?, doc_id: row.get(1)?, bytes: row.get(2)? };
            size += change.bytes.len();
            out.push(change);
            if size >= max_bytes {
                break;
            }
        }
        Ok(out)
    }

    /// Stores what one inbound step merged (see [`InboundBatch`]), all of it
    /// or none. Refused with `Busy` when another process wrote to one of the
    /// documents since the engine loaded it.
    pub fn sync_commit_inbound(&mut self, batch: &InboundBatch) -> Result<()> {
        self.write_quietly(|tx| {
            for d in &batch.docs {
                store_update(tx, d)?;
            }
            for p in &batch.devices {
                super::sync_state::save_position(tx.conn, p)?;
            }
            for id in &batch.dirty {
                tx.conn.prepare_cached("INSERT OR IGNORE INTO sync_dirty (article_id) VALUES (?1)")?.execute([id])?;
            }
            // In the transaction of the documents: a crash cannot keep one without the other.
            if let Some(settings) = &batch.settings {
                super::settings::apply_synced(tx.conn, settings)?;
            }
            if batch.verdicts_changed {
                SyncLog::new(tx.conn).set_flag(VERDICTS_DIRTY)?;
            }
            Ok(())
        })
    }

    /// Whether the catalogue's disagreement verdicts changed since the rows
    /// were last made from them.
    pub fn sync_verdicts_dirty(&self) -> Result<bool> {
        SyncLog::new(self.conn()).flag(VERDICTS_DIRTY)
    }

    /// Makes the disagreement verdicts what the catalogue says (those whose
    /// event's article has not arrived wait: they are applied again when
    /// articles arrive). Says how many rows changed.
    pub fn sync_apply_verdicts(&mut self, verdicts: &[StoredVerdict]) -> Result<u32> {
        self.write_quietly(|tx| {
            let changed = super::disagreement_verdicts::apply_synced(tx.conn, verdicts)?;
            tx.conn.prepare_cached("DELETE FROM settings WHERE key = ?1")?.execute([VERDICTS_DIRTY])?;
            Ok(changed)
        })
    }

    /// Stores compacted snapshots of documents (the engine compacts a
    /// document whose changes pile up); same rules as an inbound update.
    pub fn sync_store_docs(&mut self, docs: &[DocUpdate]) -> Result<()> {
        self.write_quietly(|tx| docs.iter().try_for_each(|d| store_update(tx, d)))
    }
}

fn store_update(tx: &Tx<'_>, d: &DocUpdate) -> Result<()> {
    let conn = tx.conn;
    if doc_version(conn, &d.doc_id)? != d.loaded_version {
        return Err(Error::Busy(format!("the sync document {} changed while it was merged; the round starts again", d.doc_id)));
    }
    if d.snapshot.is_none() && d.remote.is_empty() && d.compacted.is_empty() {
        return Ok(());
    }
    if let Some(snapshot) = &d.snapshot {
        conn.prepare_cached(
            "INSERT INTO sync_docs (doc_id, snapshot) VALUES (?1, ?2) ON CONFLICT (doc_id) DO UPDATE SET snapshot = excluded.snapshot",
        )?
        .execute(params![d.doc_id, snapshot])?;
    }
    // A change made here stays until it is in the folder, snapshot or not.
    let sent = super::sync_state::sent(conn)?;
    // One not yet sent is marked as held by the snapshot: loading skips it.
    for seq in &d.compacted {
        conn.prepare_cached("DELETE FROM sync_changes WHERE seq = ?1 AND doc_id = ?2 AND (local = 0 OR seq <= ?3)")?
            .execute(params![seq, d.doc_id, sent])?;
        conn.prepare_cached("INSERT OR IGNORE INTO sync_held (seq) SELECT seq FROM sync_changes WHERE seq = ?1 AND doc_id = ?2")?
            .execute(params![seq, d.doc_id])?;
    }
    for bytes in &d.remote {
        conn.prepare_cached("INSERT INTO sync_changes (doc_id, bytes, local) VALUES (?1, ?2, 0)")?.execute(params![d.doc_id, bytes])?;
    }
    // Only new changes make the document say something new: a snapshot of
    // what it held leaves a recorder's loaded copy valid (its next save does
    // not load the document again). A concurrent writer is still caught: its
    // append bumps the version this update was loaded at.
    if d.merged {
        bump(conn, &d.doc_id)?;
    }
    Ok(())
}
