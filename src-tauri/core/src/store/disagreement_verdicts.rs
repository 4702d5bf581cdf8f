//! The reader's verdicts on disagreements between articles, in
//! `disagreement_verdicts` (migration 0012), owned here. A verdict is kept
//! by its group's key, which grouping derives from the events' content (the
//! named event, or the participants and shared action words), never from
//! row ids: the same on every device that holds the same articles, so sync
//! carries verdicts in the catalogue under that key. The event marked right
//! is kept by its article and span, with its quote.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_rfc3339, Change, Tx};
use crate::error::Result;

/// The event a verdict marks right: its article, span and quote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VerdictEvent {
    pub article_id: String,
    pub start: u32,
    pub end: u32,
    pub exact: String,
}

/// One stored verdict: dismissed (`right` is None) or one event marked right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredVerdict {
    pub key: String,
    pub right: Option<VerdictEvent>,
    pub updated_at: String,
}

const COLUMNS: &str = "group_key, verdict, article_id, start, end, exact, updated_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<StoredVerdict> {
    let verdict: String = r.get(1)?;
    let article: Option<String> = r.get(2)?;
    let right = match (verdict.as_str(), article) {
        ("right", Some(article_id)) => Some(VerdictEvent { article_id, start: r.get(3)?, end: r.get(4)?, exact: r.get(5)? }),
        _ => None,
    };
    Ok(StoredVerdict { key: r.get(0)?, right, updated_at: r.get(6)? })
}

/// Every verdict, by key.
pub(crate) fn all(conn: &Connection) -> Result<Vec<StoredVerdict>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM disagreement_verdicts ORDER BY group_key"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn one(conn: &Connection, key: &str) -> Result<Option<StoredVerdict>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM disagreement_verdicts WHERE group_key = ?1"))?
        .query_row([key], from_row)
        .optional()?)
}

fn upsert(conn: &Connection, v: &StoredVerdict) -> Result<()> {
    let kind = if v.right.is_some() { "right" } else { "dismissed" };
    let r = v.right.as_ref();
    conn.prepare_cached(
        "INSERT INTO disagreement_verdicts (group_key, verdict, article_id, start, end, exact, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
         ON CONFLICT (group_key) DO UPDATE SET verdict = excluded.verdict, article_id = excluded.article_id,
           start = excluded.start, end = excluded.end, exact = excluded.exact, updated_at = excluded.updated_at",
    )?
    .execute(params![
        v.key,
        kind,
        r.map(|e| e.article_id.as_str()),
        r.map(|e| e.start),
        r.map(|e| e.end),
        r.map(|e| e.exact.as_str()),
        v.updated_at
    ])?;
    Ok(())
}

/// Makes the table hold `wanted` (the catalogue's verdicts after a merge),
/// leaving out a verdict whose event's article is not in this library yet
/// (a later round applies it). Nothing is recorded: the documents hold it.
/// Says how many rows changed.
pub(crate) fn apply_synced(conn: &Connection, wanted: &[StoredVerdict]) -> Result<u32> {
    let have = all(conn)?;
    let mut changed = 0;
    let exists = |id: &str| -> Result<bool> {
        Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)")?.query_row([id], |r| r.get(0))?)
    };
    let mut applicable = Vec::with_capacity(wanted.len());
    for w in wanted {
        if w.right.as_ref().map_or(Ok(true), |r| exists(&r.article_id))? {
            applicable.push(w);
        }
    }
    for old in &have {
        if !applicable.iter().any(|w| w.key == old.key) {
            conn.prepare_cached("DELETE FROM disagreement_verdicts WHERE group_key = ?1")?.execute([&old.key])?;
            changed += 1;
        }
    }
    for w in applicable {
        if !have.contains(w) {
            upsert(conn, w)?;
            changed += 1;
        }
    }
    Ok(changed)
}

impl Tx<'_> {
    /// Disagreement verdict given: dismissed (`right` None) or one event
    /// marked right; with `verdict` None, taken back.
    pub(crate) fn set_disagreement_verdict(&mut self, key: &str, verdict: Option<Option<VerdictEvent>>) -> Result<()> {
        match verdict {
            None => {
                self.conn.prepare_cached("DELETE FROM disagreement_verdicts WHERE group_key = ?1")?.execute([key])?;
            }
            Some(right) => upsert(self.conn, &StoredVerdict { key: key.to_owned(), right, updated_at: now_rfc3339() })?,
        }
        self.record(Change::DisagreementVerdictSet { key })
    }
}

impl super::Library {
    /// Every verdict on a disagreement, as stored, by key.
    pub fn disagreement_verdicts(&self) -> Result<Vec<StoredVerdict>> {
        all(self.conn())
    }
}
