//! Per-user preferences stored in the library as JSON values.
//!
//! Some are the reader's own and follow them to every device that syncs
//! ([`SYNCED`]: how the reader looks); the rest belong to one device and
//! never leave it: the article last open, the Obsidian vault's path, whether
//! new articles keep their images (a small laptop may not want them while
//! the desktop does), the library's own bookkeeping.

use rusqlite::{params, Connection, OptionalExtension};

use super::{Change, Library, Tx};
use crate::error::Result;

/// The settings sync carries (in the catalogue; the last writer wins).
pub const SYNCED: &[&str] = &["theme", "fontSize", "timelineOpen", "timelineByChapter"];

pub fn is_synced(key: &str) -> bool {
    SYNCED.contains(&key)
}

/// The synced settings the library holds, by key.
pub(super) fn read_synced(conn: &Connection) -> Result<Vec<(String, serde_json::Value)>> {
    let mut out = Vec::new();
    for key in SYNCED {
        let raw: Option<String> =
            conn.prepare_cached("SELECT value FROM settings WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?;
        if let Some(value) = raw.and_then(|s| serde_json::from_str(&s).ok()) {
            out.push(((*key).to_owned(), value));
        }
    }
    Ok(out)
}

/// Sets the synced settings to the values the other devices agreed on (the
/// documents already hold them: nothing is recorded); others are passed
/// over. Says how many changed.
pub(super) fn apply_synced(conn: &Connection, settings: &[(String, serde_json::Value)]) -> Result<u32> {
    let mut changed = 0;
    for (key, value) in settings.iter().filter(|(k, _)| is_synced(k)) {
        changed += conn
            .prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                 WHERE value <> excluded.value",
            )?
            .execute(params![key, value.to_string()])?;
    }
    Ok(changed as u32)
}

impl Library {
    pub fn setting(&self, key: &str) -> Result<Option<serde_json::Value>> {
        let raw: Option<String> = self.conn().query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?;
        Ok(raw.and_then(|s| serde_json::from_str(&s).ok()))
    }

    pub fn set_setting(&mut self, key: &str, value: &serde_json::Value) -> Result<()> {
        self.write(|tx| tx.set_setting(key, value))
    }

    pub fn all_settings(&self) -> Result<serde_json::Map<String, serde_json::Value>> {
        let mut stmt = self.conn().prepare("SELECT key, value FROM settings ORDER BY key")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut map = serde_json::Map::new();
        for row in rows {
            let (k, v) = row?;
            if let Ok(value) = serde_json::from_str(&v) {
                map.insert(k, value);
            }
        }
        Ok(map)
    }
}

impl Tx<'_> {
    /// Setting changed.
    fn set_setting(&mut self, key: &str, value: &serde_json::Value) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value.to_string()],
        )?;
        self.record(Change::SettingChanged { key, value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_overwrite() {
        let mut lib = Library::open_in_memory().unwrap();
        assert_eq!(lib.setting("theme").unwrap(), None);
        lib.set_setting("theme", &serde_json::json!("sepia")).unwrap();
        lib.set_setting("theme", &serde_json::json!("dark")).unwrap();
        lib.set_setting("fontSize", &serde_json::json!(19)).unwrap();
        assert_eq!(lib.setting("theme").unwrap(), Some(serde_json::json!("dark")));
        let all = lib.all_settings().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all["fontSize"], serde_json::json!(19));
    }

    #[test]
    fn only_the_readers_own_settings_are_applied_from_sync() {
        let mut lib = Library::open_in_memory().unwrap();
        lib.set_setting("lastArticle", &serde_json::json!("here")).unwrap();
        let changed = lib
            .write_quietly(|tx| {
                apply_synced(
                    tx.conn,
                    &[("theme".into(), serde_json::json!("dark")), ("lastArticle".into(), serde_json::json!("elsewhere"))],
                )
            })
            .unwrap();
        assert_eq!(changed, 1);
        assert_eq!(lib.setting("theme").unwrap(), Some(serde_json::json!("dark")));
        assert_eq!(lib.setting("lastArticle").unwrap(), Some(serde_json::json!("here")));
        assert_eq!(read_synced(lib.conn()).unwrap(), vec![("theme".to_owned(), serde_json::json!("dark"))]);
    }
}
