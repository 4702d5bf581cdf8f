//! The library's change sink while it syncs: each change to the reader's data
//! is also made in the Automerge document it belongs to, and the resulting
//! Automerge change is appended to the sync log in the same SQLite
//! transaction as the rows (see `store::changes`).
//!
//! The recorder does not translate each kind of change into operations of its
//! own: it reads, in the transaction, the rows the change touched (the
//! article's entry, or everything of the reader's on the article) and makes
//! the document say the same (`docs::write_*`), so that only what differs
//! becomes an operation. One place decides how rows map to a document, for
//! recording and for the first sync of an existing library alike.

use std::collections::HashMap;

use automerge::{ActorId, AutoCommit};

use super::docs::{self, article_doc, CATALOGUE};
use crate::error::{Error, Result};
use crate::store::{Change, ChangeSink, StoredDoc, SyncLog};

/// Loads a stored document: its snapshot, then its changes in any order
/// (Automerge holds back a change until the changes it depends on are there).
pub fn load(stored: &StoredDoc, actor: &ActorId) -> Result<AutoCommit> {
    let mut doc = match &stored.snapshot {
        Some(s) => AutoCommit::load(s).map_err(|e| Error::Invalid(format!("a sync document does not load: {e}")))?,
        None => AutoCommit::new(),
    };
    for c in &stored.changes {
        doc.load_incremental(&c.bytes).map_err(|e| Error::Invalid(format!("a stored sync change does not load: {e}")))?;
    }
    doc.set_actor(actor.clone());
    Ok(doc)
}

/// The actor id of this device's changes (its device id's bytes).
pub fn actor_of(device_id: &str) -> ActorId {
    match uuid::Uuid::parse_str(device_id) {
        Ok(u) => ActorId::from(u.as_bytes()),
        Err(_) => ActorId::from(device_id.as_bytes()),
    }
}

/// This device's flag: its verdicts are in the documents.
const VERDICTS_RECORDED: &str = "sync.verdictsRecorded";

/// Article documents kept loaded (the catalogue is kept besides): the ones
/// the reader works in, without the memory growing with the library.
const KEPT: usize = 16;

/// A loaded document: the version it was loaded at, and when it was last used.
struct Loaded {
    version: i64,
    used: u64,
    doc: AutoCommit,
}

pub struct Recorder {
    actor: ActorId,
    cache: HashMap<String, Loaded>,
    /// A counter for `Loaded::used`.
    clock: u64,
    /// How many documents to keep loaded besides the catalogue.
    kept: usize,
}

impl Recorder {
    pub fn new(device_id: &str) -> Self {
        Recorder { actor: actor_of(device_id), cache: HashMap::new(), clock: 0, kept: KEPT }
    }

    /// The document loaded as `log` has it now (from the cache when it is
    /// still the stored version).
    fn loaded(&mut self, log: &SyncLog<'_>, doc_id: &str) -> Result<&mut Loaded> {
        self.clock += 1;
        let version = log.doc_version(doc_id)?;
        let fresh = self.cache.get(doc_id).is_some_and(|l| l.version == version);
        if !fresh {
            let doc = load(&log.load_doc(doc_id)?, &self.actor)?;
            self.cache.insert(doc_id.to_owned(), Loaded { version, used: self.clock, doc });
            self.evict(doc_id);
        }
        let clock = self.clock;
        let loaded = self.cache.get_mut(doc_id).ok_or_else(|| Error::Invalid(format!("the sync document {doc_id} did not load")))?;
        loaded.used = clock;
        Ok(loaded)
    }

    /// Drops the least recently used article documents beyond `kept`.
    fn evict(&mut self, keep: &str) {
        while self.cache.len() > self.kept + 1 {
            let oldest = self
                .cache
                .iter()
                .filter(|(id, _)| id.as_str() != CATALOGUE && id.as_str() != keep)
                .min_by_key(|(_, l)| l.used)
                .map(|(id, _)| id.clone());
            match oldest {
                Some(id) => self.cache.remove(&id),
                None => break,
            };
        }
    }

    /// Makes `doc_id` say what `write` writes; appends the change if there is one.
    fn edit(&mut self, log: &mut SyncLog<'_>, doc_id: &str, write: impl FnOnce(&mut AutoCommit) -> Result<()>) -> Result<()> {
        let Loaded { version: v, doc, .. } = self.loaded(log, doc_id)?;
        write(doc)?;
        if doc.commit().is_none() {
            return Ok(());
        }
        let Some(mut change) = doc.get_last_local_change() else { return Ok(()) };
        *v = log.append(doc_id, &change.bytes())?;
        Ok(())
    }

    /// Records the article's catalogue entry and its notes as the rows have them.
    pub fn record_article(&mut self, log: &mut SyncLog<'_>, article_id: &str) -> Result<()> {
        let Some(article) = log.article(article_id)? else { return Ok(()) };
        self.edit(log, CATALOGUE, |doc| docs::write_article(doc, &article))?;
        self.record_notes(log, article_id)
    }

    pub fn record_notes(&mut self, log: &mut SyncLog<'_>, article_id: &str) -> Result<()> {
        if log.synced_article(article_id)?.is_none() {
            return Ok(());
        }
        let notes = log.notes(article_id)?;
        self.edit(log, &article_doc(article_id), |doc| docs::write_notes(doc, &notes))
    }

    /// Records one highlight as it now is: only its own map is compared, so
    /// the cost does not grow with the article's other highlights.
    fn record_highlight(&mut self, log: &mut SyncLog<'_>, id: &str) -> Result<()> {
        let h = log.highlight(id)?;
        if log.synced_article(&h.highlight.article_id)?.is_none() {
            return Ok(());
        }
        self.edit(log, &article_doc(&h.highlight.article_id), |doc| docs::write_highlight(doc, &h))
    }

    /// Records an event as it now is (one the reader stopped hiding too).
    fn record_event(&mut self, log: &mut SyncLog<'_>, event_id: &str) -> Result<()> {
        let event = log.event(event_id)?;
        if log.synced_article(&event.event.article_id)?.is_none() {
            return Ok(());
        }
        self.edit(log, &article_doc(&event.event.article_id), |doc| docs::write_event(doc, &event))
    }

    /// Records the article's verdicts on its chronology warnings as they now
    /// are (only those keys of its document are compared).
    fn record_marks(&mut self, log: &mut SyncLog<'_>, article_id: &str) -> Result<()> {
        if log.synced_article(article_id)?.is_none() {
            return Ok(());
        }
        let marks = log.warning_marks(article_id)?;
        self.edit(log, &article_doc(article_id), |doc| docs::write_marks(doc, &marks))
    }

    /// Records every verdict of a library that was syncing before verdicts
    /// were synced (once: `VERDICTS_RECORDED`), so that the first round that
    /// rebuilds its articles from the documents does not take them away.
    pub fn record_verdicts_once(&mut self, log: &mut SyncLog<'_>) -> Result<()> {
        if log.flag(VERDICTS_RECORDED)? {
            return Ok(());
        }
        for article in log.articles_with_marks()? {
            self.record_marks(log, &article)?;
        }
        let verdicts = log.disagreement_verdicts()?;
        self.edit(log, CATALOGUE, |doc| verdicts.iter().try_for_each(|v| docs::write_verdict(doc, &v.key, Some(v))))?;
        log.set_flag(VERDICTS_RECORDED)
    }

    /// The library's whole state, for its first sync.
    pub fn record_all(&mut self, log: &mut SyncLog<'_>) -> Result<()> {
        // Each article's document is written once: none needs keeping.
        let kept = std::mem::replace(&mut self.kept, 0);
        let recorded = self.record_everything(log);
        self.kept = kept;
        recorded
    }

    /// A document written from nothing is stored as a snapshot at once, from
    /// the copy in hand (compacting it later would load it again from the
    /// change just recorded: most of a first recording's time).
    fn snapshot_if_fresh(&mut self, log: &mut SyncLog<'_>, doc_id: &str, fresh: bool) -> Result<()> {
        if !fresh {
            return Ok(());
        }
        let Some(loaded) = self.cache.get_mut(doc_id) else { return Ok(()) };
        // A document left empty (an article with nothing of the reader's) stays unwritten.
        if loaded.doc.get_heads().is_empty() {
            return Ok(());
        }
        log.hold_in_snapshot(doc_id, &loaded.doc.save())
    }

    fn record_everything(&mut self, log: &mut SyncLog<'_>) -> Result<()> {
        let ids = log.synced_articles()?;
        // The catalogue in one change: the settings and every entry (made in
        // one batch when the document is new).
        let fresh = log.doc_version(CATALOGUE)? == 0;
        let settings = log.synced_settings()?;
        let verdicts = log.disagreement_verdicts()?;
        let mut articles = Vec::with_capacity(ids.len());
        for id in &ids {
            articles.extend(log.article(id)?);
        }
        self.edit(log, CATALOGUE, |doc| docs::write_catalogue(doc, &settings, &verdicts, &articles))?;
        self.snapshot_if_fresh(log, CATALOGUE, fresh)?;
        for id in &ids {
            let doc_id = article_doc(id);
            let fresh = log.doc_version(&doc_id)? == 0;
            let notes = log.notes(id)?;
            self.edit(log, &doc_id, |doc| docs::write_notes(doc, &notes))?;
            self.snapshot_if_fresh(log, &doc_id, fresh)?;
            if let Some(hash) = log.synced_article(id)? {
                log.queue_blob(&hash, id)?;
            }
        }
        // Verdicts (on warnings, in the notes, and on disagreements) are in.
        log.set_flag(VERDICTS_RECORDED)
    }
}

impl ChangeSink for Recorder {
    fn warm(&mut self, article_id: &str, log: &SyncLog<'_>) -> Result<()> {
        if log.synced_article(article_id)?.is_some() {
            self.loaded(log, &article_doc(article_id))?;
        }
        Ok(())
    }

    fn record(&mut self, change: &Change<'_>, log: &mut SyncLog<'_>) -> Result<()> {
        match change {
            Change::ArticleAdded { id, content_hash, .. } | Change::ArticleTextReplaced { id, content_hash, .. } => {
                if log.synced_article(id)?.is_some() {
                    log.queue_blob(content_hash, id)?;
                }
                self.record_article(log, id)
            }
            Change::ArticleMetadataEdited { id, .. } | Change::ArticleDeleted { id, .. } => self.record_article(log, id),
            Change::HighlightCreated { highlight } => self.record_highlight(log, &highlight.id),
            Change::HighlightRecoloured { id, .. }
            | Change::HighlightNoteChanged { id, .. }
            | Change::HighlightTagged { id, .. }
            | Change::HighlightDeleted { id, .. }
            | Change::HighlightRestored { id }
            | Change::HighlightReattached { id, .. } => self.record_highlight(log, id),
            Change::ParagraphHidden { article_id, .. } | Change::ParagraphShown { article_id, .. } => self.record_notes(log, article_id),
            Change::ArticleNoteAdded { note } => self.record_notes(log, &note.article_id),
            Change::ArticleNoteEdited { id, .. } | Change::ArticleNoteDeleted { id, .. } | Change::ArticleNoteRestored { id } => {
                let article = log.article_of_note(id)?;
                self.record_notes(log, &article)
            }
            Change::EventAdded { event } => self.record_event(log, &event.id),
            Change::EventEdited { id, .. } | Change::EventHidden { id, .. } => self.record_event(log, id),
            Change::SettingChanged { key, value } if crate::store::is_synced_setting(key) => {
                self.edit(log, CATALOGUE, |doc| docs::write_setting(doc, key, value))
            }
            // A setting of this device only.
            Change::SettingChanged { .. } => Ok(()),
            Change::WarningMarked { article_id, .. } => self.record_marks(log, article_id),
            Change::DisagreementVerdictSet { key } => {
                let verdict = log.disagreement_verdict(key)?;
                self.edit(log, CATALOGUE, |doc| docs::write_verdict(doc, key, verdict.as_ref()))
            }
        }
    }

    fn rolled_back(&mut self) {
        // The loaded documents hold operations whose rows were not kept.
        self.cache.clear();
    }
}
