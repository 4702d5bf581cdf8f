//! Where this library is in its sync (`0010_sync.sql`): the folder, this
//! device's id and name, how far its own changes were written, the other
//! devices and how far their files were read, article bodies to write, and
//! articles to make again from their documents.

use std::path::PathBuf;

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_rfc3339, Library, ReplicaBody};
use crate::error::Result;

const FOLDER: &str = "folder";
const DEVICE: &str = "device";
const NAME: &str = "name";
const SENT: &str = "sent";
const LAST_ROUND: &str = "lastRound";
const LAST_ERROR: &str = "lastError";

/// How far another device's files have been read, and what it is called.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DevicePosition {
    pub device_id: String,
    pub name: String,
    pub last_change_at: Option<String>,
    pub log_number: i64,
    pub log_offset: i64,
}

/// This library's sync settings, when it syncs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    pub folder: PathBuf,
    pub device_id: String,
    pub device_name: String,
    /// The last of this device's changes (a seq of the sync log) written to the folder.
    pub sent: i64,
    /// When the last round ended, and why it failed if it did.
    pub last_round_at: Option<String>,
    pub last_error: Option<String>,
}

/// Another device seen in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenDevice {
    pub position: DevicePosition,
    /// When this device last read something of it.
    pub read_at: Option<String>,
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.prepare_cached("SELECT value FROM sync_state WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?)
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT INTO sync_state (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
        .execute(params![key, value])?;
    Ok(())
}

fn remove(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM sync_state WHERE key = ?1", [key])?;
    Ok(())
}

/// Whether the library syncs (has a folder): then every change must be recorded.
pub(super) fn is_syncing(conn: &Connection) -> Result<bool> {
    Ok(get(conn, FOLDER)?.is_some())
}

pub(super) fn sent(conn: &Connection) -> Result<i64> {
    Ok(get(conn, SENT)?.and_then(|s| s.parse().ok()).unwrap_or(0))
}

pub(super) fn save_position(conn: &Connection, p: &DevicePosition) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_devices (device_id, name, last_change_at, read_at, log_number, log_offset) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, last_change_at = coalesce(excluded.last_change_at, last_change_at),
            read_at = excluded.read_at, log_number = excluded.log_number, log_offset = excluded.log_offset",
    )?
    .execute(params![p.device_id, p.name, p.last_change_at, now_rfc3339(), p.log_number, p.log_offset])?;
    Ok(())
}

impl Library {
    /// The sync settings, or `None` when the library does not sync.
    pub fn sync_config(&self) -> Result<Option<SyncConfig>> {
        let conn = self.conn();
        let (Some(folder), Some(device_id)) = (get(conn, FOLDER)?, get(conn, DEVICE)?) else { return Ok(None) };
        Ok(Some(SyncConfig {
            folder: PathBuf::from(folder),
            device_id,
            device_name: get(conn, NAME)?.unwrap_or_default(),
            sent: sent(conn)?,
            last_round_at: get(conn, LAST_ROUND)?,
            last_error: get(conn, LAST_ERROR)?,
        }))
    }

    /// This device's id and name, kept when syncing is turned off (so that
    /// turning it on again carries on as the same device).
    pub fn sync_device(&self) -> Result<Option<(String, String)>> {
        let conn = self.conn();
        Ok(get(conn, DEVICE)?.map(|id| (id, get(conn, NAME).ok().flatten().unwrap_or_default())))
    }

    /// Makes the library sync through `folder` as device `device_id`, named `name`.
    /// A new folder starts from nothing written: every change is written again.
    pub fn sync_enable(&mut self, folder: &str, device_id: &str, name: &str) -> Result<()> {
        self.write_quietly(|tx| {
            if get(tx.conn, FOLDER)?.as_deref() != Some(folder) {
                put(tx.conn, SENT, "0")?;
                // Another folder holds other devices' files, read from the start.
                tx.conn.execute("UPDATE sync_devices SET log_number = 0, log_offset = 0", [])?;
            }
            put(tx.conn, FOLDER, folder)?;
            put(tx.conn, DEVICE, device_id)?;
            put(tx.conn, NAME, name)
        })?;
        self.syncing = true;
        Ok(())
    }

    /// Stops syncing; the folder, the documents and this device's id stay.
    pub fn sync_disable(&mut self) -> Result<()> {
        self.write_quietly(|tx| {
            remove(tx.conn, FOLDER)?;
            remove(tx.conn, LAST_ERROR)
        })?;
        self.syncing = false;
        Ok(())
    }

    pub fn sync_set_name(&mut self, name: &str) -> Result<()> {
        self.write_quietly(|tx| put(tx.conn, NAME, name))
    }

    /// This device's changes up to `seq` are in the folder: those a snapshot
    /// already holds are not needed any more.
    pub fn sync_mark_sent(&mut self, seq: i64) -> Result<()> {
        self.write_quietly(|tx| {
            tx.conn.prepare_cached("DELETE FROM sync_changes WHERE seq <= ?1 AND seq IN (SELECT seq FROM sync_held)")?.execute([seq])?;
            tx.conn.prepare_cached("DELETE FROM sync_held WHERE seq <= ?1")?.execute([seq])?;
            put(tx.conn, SENT, &seq.to_string())
        })
    }

    /// Notes the end of a round, and its error if it failed.
    pub fn sync_note_round(&mut self, error: Option<&str>) -> Result<()> {
        self.write_quietly(|tx| {
            put(tx.conn, LAST_ROUND, &now_rfc3339())?;
            match error {
                Some(e) => put(tx.conn, LAST_ERROR, e),
                None => remove(tx.conn, LAST_ERROR),
            }
        })
    }

    /// The other devices seen in the folder, by name then id.
    pub fn sync_devices(&self) -> Result<Vec<SeenDevice>> {
        let mut stmt = self.conn().prepare(
            "SELECT device_id, name, last_change_at, log_number, log_offset, read_at FROM sync_devices ORDER BY name, device_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SeenDevice {
                position: DevicePosition {
                    device_id: r.get(0)?,
                    name: r.get(1)?,
                    last_change_at: r.get(2)?,
                    log_number: r.get(3)?,
                    log_offset: r.get(4)?,
                },
                read_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How far the device's files were read (from the start when never).
    pub fn sync_device_position(&self, device_id: &str) -> Result<DevicePosition> {
        Ok(self
            .conn()
            .prepare_cached("SELECT name, last_change_at, log_number, log_offset FROM sync_devices WHERE device_id = ?1")?
            .query_row([device_id], |r| {
                Ok(DevicePosition {
                    device_id: device_id.to_owned(),
                    name: r.get(0)?,
                    last_change_at: r.get(1)?,
                    log_number: r.get(2)?,
                    log_offset: r.get(3)?,
                })
            })
            .optional()?
            .unwrap_or_else(|| DevicePosition { device_id: device_id.to_owned(), ..Default::default() }))
    }

    /// Article bodies waiting to be written to the folder: (hash, article id).
    pub fn sync_blobs_out(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn().prepare("SELECT hash, article_id FROM sync_blobs_out ORDER BY hash")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn sync_blob_written(&mut self, hash: &str) -> Result<()> {
        self.write_quietly(|tx| {
            tx.conn.execute("DELETE FROM sync_blobs_out WHERE hash = ?1", [hash])?;
            Ok(())
        })
    }

    /// An article's text and HTML (in the trash or not) with its images and
    /// a book's contents, for its blob.
    pub fn sync_body(&self, article_id: &str) -> Result<Option<ReplicaBody>> {
        let row: Option<(String, String)> = self
            .conn()
            .query_row("SELECT text, html FROM articles WHERE id = ?1", [article_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((text, html)) = row else { return Ok(None) };
        Ok(Some(ReplicaBody { text, html, attachments: super::books::attachments_of(self.conn(), article_id)? }))
    }

    /// Articles to make again from their documents, up to `limit`.
    pub fn sync_dirty(&self, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare_cached("SELECT article_id FROM sync_dirty ORDER BY article_id LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn sync_dirty_count(&self) -> Result<u64> {
        let n: i64 = self.conn().query_row("SELECT count(*) FROM sync_dirty", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Marks articles to be made again from their documents.
    pub fn sync_mark_dirty(&mut self, ids: &[String]) -> Result<()> {
        self.write_quietly(|tx| {
            for id in ids {
                tx.conn.prepare_cached("INSERT OR IGNORE INTO sync_dirty (article_id) VALUES (?1)")?.execute([id])?;
            }
            Ok(())
        })
    }
}
