//! An article's timeline in the `events` table. Extracted events are made
//! once per article (and again after its text changes); the user's own
//! events, edits and hidden flags are kept across re-extraction.

use rusqlite::{params, OptionalExtension, Row, Transaction};

use super::{new_id, now_rfc3339, Library};
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::timeline::{self, ChronologyWarning, TimelineEvent as Event};
use crate::timex::TimexKind;

/// Bumped when extraction improves, so stored timelines are made again.
/// 2: chronology warnings with a reason and evidence; numbers that are not
/// dates and page furniture left out (issue 17).
const EXTRACTOR_VERSION: i64 = 2;

pub(crate) fn setting_key(article_id: &str) -> String {
    format!("events.extracted.{article_id}")
}

const COLUMNS: &str =
    "id, article_id, origin, timex_type, value, value_end, label, start, end, exact, warnings, hidden, user_edited, orphaned";

fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    let kind: String = row.get(3)?;
    let warnings: String = row.get(10)?;
    let value: String = row.get(4)?;
    let value_end: Option<String> = row.get(5)?;
    Ok(Event {
        id: row.get(0)?,
        article_id: row.get(1)?,
        origin: row.get(2)?,
        kind: TimexKind::parse(&kind).unwrap_or(TimexKind::Date),
        date: timeline::summarize(&value, value_end.as_deref()),
        value,
        value_end,
        label: row.get(6)?,
        start: row.get(7)?,
        end: row.get(8)?,
        exact: row.get(9)?,
        warnings: timeline::parse_stored_warnings(&warnings),
        hidden: row.get(11)?,
        user_edited: row.get(12)?,
        orphaned: row.get(13)?,
    })
}

impl Library {
    /// The article's events in order of mention, extracting them the first
    /// time. Events in paragraphs the user hid are not part of the article.
    pub fn events(&mut self, article_id: &str) -> Result<Vec<Event>> {
        let done = self.setting(&setting_key(article_id))?.and_then(|v| v.as_i64());
        if done != Some(EXTRACTOR_VERSION) {
            self.refresh_events(article_id)?;
        }
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM events WHERE article_id = ?1
               AND NOT EXISTS (SELECT 1 FROM hidden_ranges h
                               WHERE h.article_id = events.article_id AND events.start >= h.start AND events.start < h.end)
             ORDER BY start, end"
        ))?;
        let rows = stmt.query_map([article_id], event_from_row)?;
        let mut events = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        self.apply_warning_marks(article_id, &mut events)?;
        Ok(events)
    }

    /// Extracts the events again, keeping the user's events and edits.
    pub fn refresh_events(&mut self, article_id: &str) -> Result<()> {
        let article = self.article(article_id)?;
        let drafts = timeline::extract(&article.text, article.summary.published);
        let now = now_rfc3339();
        let key = setting_key(article_id);
        self.write(|tx| {
            // Untouched extracted events are replaced; edited or hidden ones stay.
            tx.execute(
                "DELETE FROM events WHERE article_id = ?1 AND origin = 'extracted' AND user_edited = 0 AND hidden = 0",
                [article_id],
            )?;
            for d in &drafts {
                let kept: Option<String> = tx
                    .query_row(
                        "SELECT id FROM events WHERE article_id = ?1 AND start = ?2 AND end = ?3",
                        params![article_id, d.start as i64, d.end as i64],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(kept) = kept {
                    // A hidden or relabelled event keeps the user's changes
                    // but takes the warnings of its date as read now.
                    tx.execute(
                        "UPDATE events SET warnings = ?2 WHERE id = ?1 AND origin = 'extracted' AND value = ?3",
                        params![kept, warnings_json(&d.warnings), d.value],
                    )?;
                    continue;
                }
                insert(
                    tx,
                    article_id,
                    "extracted",
                    d.kind,
                    &d.value,
                    d.value_end.as_deref(),
                    &d.label,
                    d.start,
                    d.end,
                    &d.exact,
                    &d.prefix,
                    &d.suffix,
                    &d.warnings,
                    &now,
                )?;
            }
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, EXTRACTOR_VERSION.to_string()],
            )?;
            Ok(())
        })
    }

    /// Adds the user's own event on a span of the text; `date` is typed in
    /// natural language and read by the tagger.
    pub fn add_event(&mut self, article_id: &str, start: u32, end: u32, date: &str, label: Option<&str>) -> Result<Event> {
        let article = self.article(article_id)?;
        let (kind, value) = timeline::parse_user_date(date, article.summary.published).ok_or_else(|| {
            Error::Invalid(format!("“{date}” is not a date Sidenote understands; try “June 2001” or “11 September 2001”"))
        })?;
        let text = Text::new(&article.text);
        let selector = text.describe(start, end)?;
        let label = label.map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).unwrap_or_else(|| selector.quote.exact.clone());
        let now = now_rfc3339();
        let id = self.write(|tx| {
            insert(
                tx,
                article_id,
                "user",
                kind,
                &value,
                None,
                &label,
                start as usize,
                end as usize,
                &selector.quote.exact,
                &selector.quote.prefix,
                &selector.quote.suffix,
                &[],
                &now,
            )
        })?;
        self.event(&id)
    }

    pub fn event(&self, id: &str) -> Result<Event> {
        let mut event = self
            .conn()
            .query_row(&format!("SELECT {COLUMNS} FROM events WHERE id = ?1"), [id], event_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "event", id: id.to_owned() })?;
        self.apply_warning_marks(&event.article_id.clone(), std::slice::from_mut(&mut event))?;
        Ok(event)
    }

    /// Corrects an event's date (natural language) and/or label.
    pub fn update_event(&mut self, id: &str, date: Option<&str>, label: Option<&str>) -> Result<Event> {
        let existing = self.event(id)?;
        let published = self.article(&existing.article_id)?.summary.published;
        let value = match date.map(str::trim).filter(|d| !d.is_empty()) {
            Some(d) => Some(
                timeline::parse_user_date(d, published)
                    .ok_or_else(|| Error::Invalid(format!("“{d}” is not a date Sidenote understands")))?
                    .1,
            ),
            None => None,
        };
        let label = label.map(str::trim).filter(|l| !l.is_empty());
        let now = now_rfc3339();
        self.write(|tx| {
            tx.execute(
                "UPDATE events SET value = coalesce(?2, value), value_end = CASE WHEN ?2 IS NULL THEN value_end ELSE NULL END,
                    label = coalesce(?3, label), warnings = CASE WHEN ?2 IS NULL THEN warnings ELSE '[]' END,
                    user_edited = 1, updated_at = ?4 WHERE id = ?1",
                params![id, value, label, now],
            )?;
            Ok(())
        })?;
        self.event(id)
    }

    pub fn set_event_hidden(&mut self, id: &str, hidden: bool) -> Result<Event> {
        let now = now_rfc3339();
        let changed =
            self.write(|tx| Ok(tx.execute("UPDATE events SET hidden = ?2, updated_at = ?3 WHERE id = ?1", params![id, hidden, now])?))?;
        if changed == 0 {
            return Err(Error::NotFound { what: "event", id: id.to_owned() });
        }
        self.event(id)
    }
}

#[allow(clippy::too_many_arguments)]
fn insert(
    tx: &Transaction<'_>,
    article_id: &str,
    origin: &str,
    kind: TimexKind,
    value: &str,
    value_end: Option<&str>,
    label: &str,
    start: usize,
    end: usize,
    exact: &str,
    prefix: &str,
    suffix: &str,
    warnings: &[ChronologyWarning],
    now: &str,
) -> Result<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO events (id, article_id, origin, timex_type, value, value_end, label, start, end, exact, prefix, suffix, warnings, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        params![
            id,
            article_id,
            origin,
            kind.as_str(),
            value,
            value_end,
            label,
            start as i64,
            end as i64,
            exact,
            prefix,
            suffix,
            warnings_json(warnings),
            now
        ],
    )?;
    Ok(id)
}

/// Warnings as stored: without the reader's marks, which live in `warning_marks`.
fn warnings_json(warnings: &[ChronologyWarning]) -> String {
    let bare: Vec<ChronologyWarning> = warnings.iter().map(|w| ChronologyWarning { mark: None, ..w.clone() }).collect();
    serde_json::to_string(&bare).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use crate::model::{Extracted, SourceKind};
    use crate::store::{Library, NewArticle};

    fn library_with(text: &str, published: &str) -> (Library, String) {
        let mut lib = Library::open_in_memory().unwrap();
        let a = lib
            .insert_article(NewArticle {
                extracted: Extracted {
                    title: "Town notes".into(),
                    text: text.into(),
                    html: format!("<p data-o=\"0\">{text}</p>"),
                    published: Some(published.parse().unwrap()),
                    ..Default::default()
                },
                source_kind: SourceKind::Text,
                source_url: None,
                raw: None,
                encoding: None,
            })
            .unwrap();
        (lib, a.summary.id)
    }

    #[test]
    fn extracted_once_and_user_changes_survive_refresh() {
        let (mut lib, id) = library_with("The school opened in 1954. The library moved in May 1999. A fire broke out in 2003.", "2010-01");
        let events = lib.events(&id).unwrap();
        assert_eq!(events.iter().map(|e| e.value.as_str()).collect::<Vec<_>>(), vec!["1954", "1999-05", "2003"]);
        let fire = events[2].clone();
        let moved = events[1].clone();
        lib.set_event_hidden(&fire.id, true).unwrap();
        let edited = lib.update_event(&moved.id, Some("June 1999"), Some("Library moved to the square")).unwrap();
        assert_eq!(edited.value, "1999-06");
        assert!(edited.user_edited);
        let added = lib.add_event(&id, 4, 10, "spring 1960", Some("School renamed")).unwrap();
        assert_eq!(added.origin, "user");
        assert_eq!(added.value, "1960-SP");
        lib.refresh_events(&id).unwrap();
        let after = lib.events(&id).unwrap();
        assert_eq!(after.len(), 4, "{after:?}");
        assert!(after.iter().any(|e| e.id == fire.id && e.hidden));
        assert!(after.iter().any(|e| e.id == moved.id && e.value == "1999-06" && e.label == "Library moved to the square"));
        assert!(after.iter().any(|e| e.id == added.id));
    }

    #[test]
    fn bad_dates_are_refused_with_nothing_written() {
        let (mut lib, id) = library_with("The pier was rebuilt in 1987.", "2000");
        let before = lib.events(&id).unwrap().len();
        let err = lib.add_event(&id, 4, 8, "someday soon-ish", None).unwrap_err();
        assert!(err.to_string().contains("not a date"));
        assert_eq!(lib.events(&id).unwrap().len(), before);
        assert!(lib.update_event("no-such-event", Some("1990"), None).is_err());
    }
}
