//! Sync across devices (docs/sync.md): every change to the reader's data is
//! also an Automerge change (`recorder`), recorded in the transaction of its
//! rows; a round writes this device's changes and article bodies to its own
//! subfolder of a sync folder that a file-sync tool keeps (`folder`,
//! `chunks`), merges the other devices' changes into the documents, and makes
//! the affected rows again from them (`round`).

mod chunks;
mod docs;
mod folder;
mod log_compaction;
mod overview;
mod recorder;
mod round;

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::Library;

pub use overview::{overview, LastRound, SyncOverview, SyncPhase};
pub use recorder::Recorder;
pub use round::round;

/// What a round did (`sidenote sync --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SyncReport {
    /// This device's id.
    pub device: String,
    /// Changes of this device written to the folder.
    pub sent: u64,
    /// Changes of other devices merged.
    pub received: u64,
    /// Articles added or changed from the merged documents.
    pub articles: u64,
    /// Highlights added or changed from the merged documents.
    pub highlights: u64,
    /// Files (or records) skipped for now: still arriving, damaged, or
    /// refused; read again next round.
    pub waiting: u64,
    /// Why files were refused (not printed in the JSON; shown on stderr).
    #[serde(skip)]
    pub problems: Vec<String>,
    /// The articles whose rows were made again from merged documents (for
    /// the app to show them anew; not printed in the JSON).
    #[serde(skip)]
    pub changed: Vec<String>,
    /// Synced settings changed (for the app to apply them; not printed).
    #[serde(skip)]
    pub settings: bool,
    /// Verdicts on disagreements between articles changed (for the app to
    /// show the library's timeline anew; not printed).
    #[serde(skip)]
    pub verdicts: bool,
}

/// A device seen in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct DeviceStatus {
    pub device: String,
    pub name: String,
    /// When it last wrote a change (its own clock).
    pub last_change_at: Option<String>,
    /// When this device last read something of it.
    pub read_at: Option<String>,
}

/// `sidenote sync status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub syncing: bool,
    pub folder: Option<String>,
    pub device: Option<String>,
    pub name: Option<String>,
    pub last_round_at: Option<String>,
    pub last_error: Option<String>,
    pub devices: Vec<DeviceStatus>,
}

/// Installs the recorder on a library that syncs (a library that syncs
/// refuses changes without it). Every opener of a library calls this.
pub fn attach(lib: &mut Library) -> Result<()> {
    if let Some(config) = lib.sync_config()? {
        lib.set_change_sink(Box::new(Recorder::new(&config.device_id)));
    }
    Ok(())
}

fn default_name() -> String {
    let host = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let host = host.trim();
    if host.is_empty() {
        "this device".to_owned()
    } else {
        host.chars().take(100).collect()
    }
}

/// Makes the library sync through `dir` (creating this device's subfolder),
/// keeping its device id and name if it had them. A library that had never
/// synced records everything it holds, so the other devices receive it.
pub fn enable(lib: &mut Library, dir: &Path, name: Option<&str>) -> Result<()> {
    let dir = dir.canonicalize().map_err(|e| Error::Invalid(format!("the sync folder {} cannot be used: {e}", dir.display())))?;
    let folder = dir.to_str().ok_or_else(|| Error::Invalid(format!("the sync folder's path {} is not UTF-8", dir.display())))?;
    let (device, old_name) = match lib.sync_device()? {
        Some((id, n)) => (id, Some(n)),
        None => (uuid::Uuid::new_v4().hyphenated().to_string(), None),
    };
    let name = name.map(str::to_owned).or(old_name.filter(|n| !n.is_empty())).unwrap_or_else(default_name);
    folder::create_device_dir(&dir, &device)?;
    lib.sync_enable(folder, &device, &name)?;
    attach(lib)?;
    if lib.sync_doc_ids()?.is_empty() {
        let mut seed = Recorder::new(&device);
        lib.with_sync_log(|log| seed.record_all(log))?;
        // Every document as a snapshot: a snapshot loads much faster than a
        // change holding a whole article's highlights.
        round::compact(lib, &recorder::actor_of(&device), 1)?;
    }
    Ok(())
}

/// A fingerprint of what the other devices wrote to the folder of a library
/// that syncs (see `folder::arrivals`): poll it to learn that files arrived.
pub fn arrivals(lib: &Library) -> Result<Option<u64>> {
    Ok(lib.sync_config()?.map(|c| folder::arrivals(&c.folder, &c.device_id)))
}

/// Stops syncing; the folder's files and the documents stay.
pub fn disable(lib: &mut Library) -> Result<()> {
    lib.sync_disable()?;
    lib.set_change_sink(Box::new(crate::store::NoSink));
    Ok(())
}

pub fn status(lib: &Library) -> Result<SyncStatus> {
    let config = lib.sync_config()?;
    let device = lib.sync_device()?;
    let devices = lib
        .sync_devices()?
        .into_iter()
        .map(|d| DeviceStatus {
            device: d.position.device_id,
            name: d.position.name,
            last_change_at: d.position.last_change_at,
            read_at: d.read_at,
        })
        .collect();
    Ok(SyncStatus {
        syncing: config.is_some(),
        folder: config.as_ref().map(|c| c.folder.display().to_string()),
        device: device.as_ref().map(|d| d.0.clone()),
        name: device.map(|d| d.1),
        last_round_at: config.as_ref().and_then(|c| c.last_round_at.clone()),
        last_error: config.and_then(|c| c.last_error),
        devices,
    })
}

#[cfg(test)]
mod tests;
