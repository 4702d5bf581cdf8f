//! Per-user preferences stored in the library as JSON values.

use rusqlite::{params, OptionalExtension};

use super::{Change, Library, Tx};
use crate::error::Result;

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
}
