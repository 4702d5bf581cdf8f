//! One sync round: send this device's changes and bodies, merge the other
//! devices' changes into the documents (one transaction, with how far each
//! log was read), then make the affected articles' rows again from them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use automerge::{ActorId, AutoCommit, Change};

use super::chunks::{self, Chunk};
use super::docs::{self, article_of_doc, CATALOGUE};
use super::folder::{self, Blob, DeviceFile};
use super::log_compaction;
use super::recorder::{actor_of, load, Recorder};
use super::SyncReport;
use crate::error::{Error, Result};
use crate::store::{now_rfc3339, DevicePosition, DocUpdate, InboundBatch, Library, ReplicaInput, SyncConfig};

/// Local changes written per batch (bytes, about).
const SEND_BATCH: usize = 16 << 20;

/// Runs one round with the library's sync folder.
pub fn round(lib: &mut Library) -> Result<SyncReport> {
    let config = lib
        .sync_config()?
        .ok_or_else(|| Error::Invalid("this library does not sync; choose a folder first: sidenote sync --folder DIR".into()))?;
    let result = run(lib, &config);
    let error = result.as_ref().err().map(|e| e.to_string());
    lib.sync_note_round(error.as_deref())?;
    result
}

fn run(lib: &mut Library, config: &SyncConfig) -> Result<SyncReport> {
    let folder = config.folder.as_path();
    folder::create_device_dir(folder, &config.device_id)?;
    let mut report = SyncReport { device: config.device_id.clone(), ..Default::default() };
    lib.with_sync_log(|log| Recorder::new(&config.device_id).record_verdicts_once(log))?;
    send(lib, config, &mut report)?;
    log_compaction::compact(lib, config, log_compaction::MIN_LOG_BYTES)?;
    receive(lib, config, &mut report)?;
    let catalogue = rebuild(lib, folder, &mut report)?;
    apply_verdicts(lib, catalogue, &mut report)?;
    compact(lib, &actor_of(&config.device_id), COMPACT_AFTER)?;
    Ok(report)
}

/// A document is kept as a snapshot and its changes since; once it has this
/// many changes as rows, they are folded into a new snapshot (loading one
/// snapshot is much faster than applying many changes).
pub(super) const COMPACT_AFTER: usize = 32;

/// Folds the changes of documents that have piled up into snapshots. A change
/// of this device not yet in the folder stays as a row too (it is sent from
/// there); so does every change of a document holding changes that still wait
/// for others they depend on (a snapshot would not hold them).
pub(super) fn compact(lib: &mut Library, actor: &ActorId, min: usize) -> Result<()> {
    let mut updates = Vec::new();
    for doc_id in lib.sync_docs_to_compact(min)? {
        let stored = lib.sync_doc(&doc_id)?;
        let mut doc = load(&stored, actor)?;
        if !doc.get_missing_deps(&[]).is_empty() {
            continue;
        }
        updates.push(DocUpdate {
            doc_id,
            loaded_version: stored.version,
            snapshot: Some(doc.save()),
            compacted: stored.changes.iter().map(|c| c.seq).collect(),
            remote: Vec::new(),
            merged: false,
        });
    }
    lib.sync_store_docs(&updates)
}

fn send(lib: &mut Library, config: &SyncConfig, report: &mut SyncReport) -> Result<()> {
    let folder = config.folder.as_path();
    // Bodies first: a device that reads a change naming an article finds its body.
    for (hash, article_id) in lib.sync_blobs_out()? {
        // A body written before (another article with the same text, or a
        // round cut short after the write) is not read from the library again.
        if !folder::has_blob(folder, &config.device_id, &hash) {
            if let Some(body) = lib.sync_body(&article_id)? {
                folder::write_blob(folder, &config.device_id, &hash, &body)?;
            }
        }
        lib.sync_blob_written(&hash)?;
    }
    let previous = folder::read_device_file(folder, &config.device_id);
    let generation = previous.as_ref().map_or(0, |p| p.log);
    let mut sent_upto = config.sent;
    loop {
        let batch = lib.sync_unsent(sent_upto, SEND_BATCH)?;
        let Some(last) = batch.last().map(|c| c.seq) else { break };
        let bytes: Vec<u8> = batch.iter().flat_map(|c| chunks::encode(&c.doc_id, &c.bytes)).collect();
        // Written and flushed before it counts as sent: a crash between the
        // two writes the batch again, which readers skip as already merged.
        folder::append(folder, &config.device_id, generation, &bytes)?;
        lib.sync_mark_sent(last)?;
        report.sent += batch.len() as u64;
        sent_upto = last;
    }
    let last_change_at = if report.sent > 0 { Some(now_rfc3339()) } else { previous.as_ref().and_then(|p| p.last_change_at.clone()) };
    let file = DeviceFile { device: config.device_id.clone(), name: config.device_name.clone(), last_change_at, log: generation };
    if previous.as_ref() != Some(&file) {
        folder::write_device_file(folder, &file)?;
    }
    Ok(())
}

/// A document id another device may write: the catalogue or an article's.
fn valid_doc_id(id: &str) -> bool {
    id == CATALOGUE
        || article_of_doc(id).is_some_and(|a| !a.is_empty() && a.len() <= 64 && a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
}

/// The intact changes at the start of `buf`, and the bytes they take; stops
/// (counting a file waiting) at a chunk cut short or damaged.
fn read_chunks(buf: &[u8], report: &mut SyncReport) -> (Vec<(String, Vec<u8>)>, usize) {
    let mut out = Vec::new();
    let mut at = 0;
    loop {
        match chunks::decode(&buf[at..]) {
            Chunk::Change { doc_id, bytes, len } => {
                if valid_doc_id(doc_id) {
                    out.push((doc_id.to_owned(), bytes.to_vec()));
                } else {
                    report.waiting += 1; // intact but not ours to apply: passed over
                }
                at += len;
            }
            Chunk::End => break,
            Chunk::Incomplete | Chunk::Bad(_) => {
                report.waiting += 1;
                break;
            }
        }
    }
    (out, at)
}

fn receive(lib: &mut Library, config: &SyncConfig, report: &mut SyncReport) -> Result<()> {
    let folder = config.folder.as_path();
    let actor = actor_of(&config.device_id);
    let mut batch = InboundBatch::default();
    let mut incoming: BTreeMap<String, Vec<Vec<u8>>> = BTreeMap::new();
    for device in folder::other_devices(folder, &config.device_id)? {
        let pos = lib.sync_device_position(&device)?;
        let info = folder::read_device_file(folder, &device);
        // The log it writes now; a new one (it compacted) is read from its start.
        let generation = info.as_ref().map_or(u32::try_from(pos.log_number).unwrap_or(0), |i| i.log);
        let offset = if i64::from(generation) == pos.log_number { u64::try_from(pos.log_offset).unwrap_or(0) } else { 0 };
        let (log_number, log_offset) = match folder::read_log(folder, &device, generation, offset)? {
            Some(buf) => {
                let (found, used) = read_chunks(&buf, report);
                for (doc_id, bytes) in found {
                    incoming.entry(doc_id).or_default().push(bytes);
                }
                (i64::from(generation), (offset + used as u64) as i64)
            }
            // No log yet (a device that has written no change) or, named by
            // its device file, one the sync tool is still bringing: read
            // where it was; its name and times are taken all the same.
            None => {
                report.waiting += u64::from(generation > 0);
                (pos.log_number, pos.log_offset)
            }
        };
        let info = info.unwrap_or_default();
        let pos = DevicePosition {
            device_id: device,
            name: if info.name.is_empty() { pos.name } else { info.name },
            last_change_at: info.last_change_at.or(pos.last_change_at),
            log_number,
            log_offset,
        };
        batch.devices.push(pos);
    }
    let mut dirty = BTreeSet::new();
    for (doc_id, changes) in incoming {
        merge_doc(lib, &actor, &doc_id, changes, &mut batch, &mut dirty, report)?;
    }
    batch.dirty = dirty.into_iter().collect();
    lib.sync_commit_inbound(&batch)
}

fn merge_doc(
    lib: &Library,
    actor: &ActorId,
    doc_id: &str,
    changes: Vec<Vec<u8>>,
    batch: &mut InboundBatch,
    dirty: &mut BTreeSet<String>,
    report: &mut SyncReport,
) -> Result<()> {
    let stored = lib.sync_doc(doc_id)?;
    let mut doc = load(&stored, actor)?;
    let before = if doc_id == CATALOGUE { docs::read_catalogue(&doc)? } else { docs::Catalogue::default() };
    let mut remote = Vec::new();
    let mut seen = HashSet::new();
    for bytes in changes {
        let Ok(change) = Change::from_bytes(bytes.clone()) else {
            // A whole document (a compacted log starts with one per
            // document): merged as it is, kept as a row like a change.
            match doc.load_incremental(&bytes) {
                Ok(0) => {}
                Ok(_) => remote.push(bytes),
                Err(_) => report.waiting += 1, // checksummed, yet not Automerge: passed over
            }
            continue;
        };
        if !seen.insert(change.hash()) || doc.get_change_by_hash(&change.hash()).is_some() {
            continue; // written again after a crash, or already merged
        }
        if doc.apply_changes([change]).is_err() {
            report.waiting += 1;
            continue;
        }
        remote.push(bytes);
    }
    if remote.is_empty() {
        return Ok(());
    }
    report.received += remote.len() as u64;
    match article_of_doc(doc_id) {
        Some(article) => {
            dirty.insert(article.to_owned());
        }
        None => {
            let after = docs::read_catalogue(&doc)?;
            dirty.extend(after.articles.iter().filter(|(id, a)| before.articles.get(*id) != Some(*a)).map(|(id, _)| id.clone()));
            if after.settings != before.settings {
                report.settings = true;
                batch.settings = Some(after.settings);
            }
            batch.verdicts_changed |= after.verdicts != before.verdicts;
        }
    }
    // A document new here (a first sync) is kept as a snapshot at once:
    // rebuilding its rows and every later load read a snapshot much faster
    // than the changes it holds.
    let new_here = stored.snapshot.is_none() && stored.changes.is_empty() && doc.get_missing_deps(&[]).is_empty();
    batch.docs.push(if new_here {
        DocUpdate {
            doc_id: doc_id.to_owned(),
            loaded_version: stored.version,
            snapshot: Some(doc.save()),
            merged: true,
            ..Default::default()
        }
    } else {
        DocUpdate { doc_id: doc_id.to_owned(), loaded_version: stored.version, remote, merged: true, ..Default::default() }
    });
    Ok(())
}

/// Makes the disagreement verdicts what the catalogue says, when its
/// verdicts changed or articles arrived (a verdict on an article that had not
/// arrived waits for it). `catalogue`: the rebuild's, if it loaded it.
fn apply_verdicts(lib: &mut Library, catalogue: Option<AutoCommit>, report: &mut SyncReport) -> Result<()> {
    if report.articles == 0 && !lib.sync_verdicts_dirty()? {
        return Ok(());
    }
    let catalogue = match catalogue {
        Some(c) => c,
        None => load(&lib.sync_doc(CATALOGUE)?, &ActorId::random())?,
    };
    report.verdicts = lib.sync_apply_verdicts(&docs::read_verdicts(&catalogue)?)? > 0;
    Ok(())
}

/// Articles made again per transaction, and the most text a batch holds in
/// memory before it is written (a batch also holds the write lock: a save
/// made meanwhile waits for it).
const REBUILD_BATCH: usize = 32;
const REBUILD_BATCH_BYTES: usize = 32 << 20;

/// Makes the rows of every article marked dirty what the documents say, many
/// articles per transaction. One whose catalogue entry or body has not
/// arrived stays marked for a later round. Returns the catalogue when it
/// loaded it.
fn rebuild(lib: &mut Library, folder: &Path, report: &mut SyncReport) -> Result<Option<AutoCommit>> {
    let dirty = lib.sync_dirty(usize::MAX >> 1)?;
    if dirty.is_empty() {
        return Ok(None);
    }
    let actor = ActorId::random();
    // Only the dirty articles' entries are read: a round with one change
    // does not read the whole catalogue.
    let catalogue = load(&lib.sync_doc(CATALOGUE)?, &actor)?;
    let mut batch: Vec<ReplicaInput> = Vec::new();
    let mut bytes = 0;
    for id in dirty {
        let Some(article) = docs::read_article(&catalogue, &id)? else { continue };
        let notes = docs::read_notes(&load(&lib.sync_doc(&docs::article_doc(&id))?, &actor)?, &id)?;
        let body = if lib.replica_needs_body(&article)? {
            match folder::find_blob(folder, &article.content_hash)? {
                Blob::Found(body) => Some(*body),
                Blob::Missing => {
                    report.waiting += 1;
                    continue;
                }
                Blob::Rejected(reason) => {
                    report.problems.push(reason);
                    report.waiting += 1;
                    continue;
                }
            }
        } else {
            None
        };
        bytes += body.as_ref().map_or(0, |b| b.text.len() + b.html.len());
        batch.push(ReplicaInput { article, body, notes });
        if batch.len() >= REBUILD_BATCH || bytes >= REBUILD_BATCH_BYTES {
            apply_batch(lib, std::mem::take(&mut batch), report)?;
            bytes = 0;
        }
    }
    apply_batch(lib, batch, report)?;
    Ok(Some(catalogue))
}

fn apply_batch(lib: &mut Library, batch: Vec<ReplicaInput>, report: &mut SyncReport) -> Result<()> {
    if batch.is_empty() {
        return Ok(());
    }
    let applied = lib.apply_replicas(&batch, &HashMap::new())?;
    for (input, applied) in batch.into_iter().zip(applied) {
        if applied.needs_body {
            // Its text changed again since it was looked at: next round.
            report.waiting += 1;
            continue;
        }
        report.articles += u64::from(applied.article);
        report.highlights += u64::from(applied.highlights);
        report.changed.push(input.article.id);
    }
    Ok(())
}
