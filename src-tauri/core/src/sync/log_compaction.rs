//! This device's log in the folder, written anew when it has grown far
//! beyond what it says: a log only grows (every edit of a note is a change
//! in it), while the documents fold their changes into snapshots. The new
//! log (`changes.<n+1>.log`) starts with a snapshot of every document this
//! library holds, written under a temporary name and renamed; `device.json`
//! then names it, and the old log goes. A device reading the old log
//! switches to the new one from its start: merging a snapshot of changes it
//! already has adds nothing, so no change is lost or applied twice.

use automerge::ActorId;

use super::chunks;
use super::folder::{self, DeviceFile, NewLog};
use super::recorder::load;
use crate::error::Result;
use crate::store::{Library, SyncConfig};

/// A log is written anew once it is at least this large…
pub(super) const MIN_LOG_BYTES: u64 = 16 << 20;
/// …and this many times what the library's documents take as stored.
const GROWTH: u64 = 2;

/// Writes this device's log anew when it is at least `min_bytes` and more
/// than twice what the documents take; says whether it did.
pub(super) fn compact(lib: &Library, config: &SyncConfig, min_bytes: u64) -> Result<bool> {
    let folder = config.folder.as_path();
    let Some(current) = folder::read_device_file(folder, &config.device_id) else { return Ok(false) };
    let size = folder::log_size(folder, &config.device_id, current.log);
    if size == 0 || size < min_bytes || size <= GROWTH * lib.sync_stored_bytes()? {
        return Ok(false);
    }
    let next = current.log + 1;
    if !write_snapshots(lib, config, next)? {
        return Ok(false);
    }
    folder::write_device_file(folder, &DeviceFile { log: next, ..current.clone() })?;
    folder::remove_log(folder, &config.device_id, current.log)?;
    Ok(true)
}

/// The new log: one chunk per document, each a snapshot. False (and no new
/// log) when a document cannot be one: it holds changes still waiting for
/// others, or its snapshot is larger than a chunk may be.
fn write_snapshots(lib: &Library, config: &SyncConfig, generation: u32) -> Result<bool> {
    let actor = ActorId::random();
    let mut log = NewLog::create(&config.folder, &config.device_id, generation)?;
    for doc_id in lib.sync_doc_ids()? {
        let mut doc = load(&lib.sync_doc(&doc_id)?, &actor)?;
        if !doc.get_missing_deps(&[]).is_empty() {
            return Ok(false);
        }
        let bytes = doc.save();
        if bytes.len() + doc_id.len() + 2 > chunks::MAX_PAYLOAD {
            return Ok(false);
        }
        log.push(&chunks::encode(&doc_id, &bytes))?;
    }
    log.finish()?;
    Ok(true)
}
