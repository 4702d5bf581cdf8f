//! An article's timeline in the `events` table. Extracted events are derived
//! from the article's text and published date: made the first time they are
//! asked for, and dropped to be made again when either changes (the table
//! `events_extracted` says which articles' timelines are current). The
//! reader's own events, edits and hidden flags are their data: kept across
//! re-extraction, and carried to a new text like highlights.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{new_id, now_rfc3339, warning_marks, Change, Library, Tx};
use crate::anchor::{Selector, Text, TextPosition, TextQuote};
use crate::error::{Error, Result};
use crate::model::NewEvent;
use crate::timeline::{self, ChronologyWarning, EventDraft, TimelineEvent as Event};
use crate::timex::TimexKind;
use crate::PartialDate;

/// Bumped when extraction improves, so stored timelines are made again.
/// 2: chronology warnings with a reason and evidence; numbers that are not
/// dates and page furniture left out (issue 17).
/// 3: issue 17's later rounds (fewer numbers, stamps and generic times
/// taken for events); each article is made again when next opened, and
/// the Timeline tab makes the rest, outside the library's lock.
pub(super) const EXTRACTOR_VERSION: i64 = 3;

pub(super) const COLUMNS: &str =
    "id, article_id, origin, timex_type, value, value_end, label, start, end, exact, warnings, hidden, user_edited, orphaned";

pub(super) fn event_from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
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

/// The id of the event the extractor finds on `start..end` of the text with
/// this content hash: the same on every device that extracts it, so that the
/// reader's correction of it made on one device meets the same event on
/// another (see docs/sync.md).
fn extracted_id(article_id: &str, content_hash: &str, start: usize, end: usize) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("{article_id}\n{content_hash}\n{start}\n{end}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid().to_string()
}

/// An event the extractor found, as the store writes it.
fn extracted(article_id: &str, content_hash: &str, d: &EventDraft) -> NewEvent {
    NewEvent {
        id: extracted_id(article_id, content_hash, d.start, d.end),
        article_id: article_id.to_owned(),
        origin: "extracted".into(),
        kind: d.kind,
        value: d.value.clone(),
        value_end: d.value_end.clone(),
        label: d.label.clone(),
        start: d.start as u32,
        end: d.end as u32,
        exact: d.exact.clone(),
        prefix: d.prefix.clone(),
        suffix: d.suffix.clone(),
        warnings: d.warnings.clone(),
        hidden: false,
        user_edited: false,
        orphaned: false,
    }
}

/// The columns an event row is written with, in the order [`write_row`]
/// binds them; `created_at` is last, set only when the row is new.
const WRITE_COLUMNS: [&str; 18] = [
    "id",
    "article_id",
    "origin",
    "timex_type",
    "value",
    "value_end",
    "label",
    "start",
    "end",
    "exact",
    "prefix",
    "suffix",
    "warnings",
    "hidden",
    "user_edited",
    "orphaned",
    "updated_at",
    "created_at",
];

/// Writes `e` as a new row (made or changed at `now`), or with `replace` makes
/// the row with its id equal to it (its creation time kept), unless that row
/// belongs to another article (an event is never moved between articles).
fn write_row(conn: &Connection, e: &NewEvent, now: &str, replace: bool) -> Result<usize> {
    // created_at takes the same value as updated_at on a new row.
    let placeholders: Vec<String> = (1..WRITE_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    let mut sql =
        format!("INSERT INTO events ({}) VALUES ({}, ?{})", WRITE_COLUMNS.join(", "), placeholders.join(", "), WRITE_COLUMNS.len() - 1);
    if replace {
        let set: Vec<String> = WRITE_COLUMNS[2..WRITE_COLUMNS.len() - 1].iter().map(|c| format!("{c} = excluded.{c}")).collect();
        sql += &format!(" ON CONFLICT (id) DO UPDATE SET {} WHERE events.article_id = excluded.article_id", set.join(", "));
    }
    Ok(conn.prepare_cached(&sql)?.execute(params![
        e.id,
        e.article_id,
        e.origin,
        e.kind.as_str(),
        e.value,
        e.value_end,
        e.label,
        e.start,
        e.end,
        e.exact,
        e.prefix,
        e.suffix,
        warnings_json(&e.warnings),
        e.hidden,
        e.user_edited,
        e.orphaned,
        now
    ])?)
}

/// The only place a new event row is written.
pub(super) fn insert(conn: &Connection, e: &NewEvent, now: &str) -> Result<()> {
    write_row(conn, e, now, false)?;
    Ok(())
}

/// An event as another device's documents have it (last changed at
/// `updated_at`), made a row of its article: added, or the existing one made
/// equal. It takes the place of an extracted event the reader left alone on
/// the same span. Not recorded as a change: the documents already hold it.
pub(super) fn write_synced(conn: &Connection, e: &NewEvent, updated_at: &str) -> Result<()> {
    if write_row(conn, e, updated_at, true)? == 0 {
        return Ok(()); // the id is another article's event
    }
    conn.execute(
        &format!("DELETE FROM events WHERE article_id = ?1 AND start = ?2 AND end = ?3 AND id <> ?4 AND {UNTOUCHED}"),
        params![e.article_id, e.start, e.end, e.id],
    )?;
    Ok(())
}

/// The events the extractor made that the reader left alone: derived data,
/// made again whenever extraction runs.
pub(super) const UNTOUCHED: &str = "origin = 'extracted' AND user_edited = 0 AND hidden = 0";

/// Drops the article's extracted timeline, to be made again (from its
/// current text and published date) the next time it is asked for.
pub(super) fn invalidate(conn: &Connection, article_id: &str) -> Result<()> {
    conn.execute(&format!("DELETE FROM events WHERE article_id = ?1 AND {UNTOUCHED}"), [article_id])?;
    conn.execute("DELETE FROM events_extracted WHERE article_id = ?1", [article_id])?;
    Ok(())
}

/// Part of replacing an article's text: the extracted timeline is dropped
/// (see [`invalidate`]) and the events the reader made, corrected or hid are
/// found again in `new_text` as highlights are (by position, quote, then
/// approximate match); one that cannot be found is kept as an orphan.
pub(super) fn follow_text(conn: &Connection, article_id: &str, new_text: &str) -> Result<()> {
    invalidate(conn, article_id)?;
    let mut stmt = conn.prepare("SELECT id, start, end, exact, prefix, suffix FROM events WHERE article_id = ?1")?;
    let kept: Vec<(String, Selector)> = stmt
        .query_map([article_id], |r| {
            let position = TextPosition { start: r.get(1)?, end: r.get(2)? };
            Ok((r.get(0)?, Selector { position, quote: TextQuote { exact: r.get(3)?, prefix: r.get(4)?, suffix: r.get(5)? } }))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let text = Text::new(new_text);
    let selectors: Vec<Selector> = kept.iter().map(|(_, s)| s.clone()).collect();
    for ((id, _), anchored) in kept.iter().zip(text.anchor_all(&selectors)) {
        match anchored.and_then(|a| text.describe(a.position.start, a.position.end).ok()) {
            Some(Selector { position: p, quote: q }) => {
                conn.execute(
                    "UPDATE events SET start = ?2, end = ?3, exact = ?4, prefix = ?5, suffix = ?6, orphaned = 0 WHERE id = ?1",
                    params![id, p.start, p.end, q.exact, q.prefix, q.suffix],
                )?;
            }
            None => {
                conn.execute("UPDATE events SET orphaned = 1 WHERE id = ?1", [id])?;
            }
        }
    }
    Ok(())
}

/// Warnings as stored: without the reader's verdicts, which live in `warning_marks`.
fn warnings_json(warnings: &[ChronologyWarning]) -> String {
    let bare: Vec<ChronologyWarning> = warnings.iter().map(|w| ChronologyWarning { mark: None, ..w.clone() }).collect();
    serde_json::to_string(&bare).unwrap_or_else(|_| "[]".into())
}

/// The event with this id, its warnings carrying the reader's verdicts.
fn read_event(conn: &Connection, id: &str) -> Result<Event> {
    let mut event = conn
        .query_row(&format!("SELECT {COLUMNS} FROM events WHERE id = ?1"), [id], event_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: "event", id: id.to_owned() })?;
    warning_marks::apply(conn, &event.article_id.clone(), std::slice::from_mut(&mut event))?;
    Ok(event)
}

/// An article's text and date as read for extracting its events. The app
/// takes it under the library's lock and extracts without it, since a book
/// takes seconds and every other command would wait for it.
pub struct EventsJob {
    article_id: String,
    content_hash: String,
    published: Option<PartialDate>,
    text: String,
    html: String,
}

/// An article's extracted events, for [`Library::store_events`].
pub struct ExtractedEvents {
    article_id: String,
    content_hash: String,
    published: Option<PartialDate>,
    drafts: Vec<EventDraft>,
}

impl EventsJob {
    pub fn article_id(&self) -> &str {
        &self.article_id
    }

    /// Extracts the events: pure work on the text, no library needed.
    pub fn run(self) -> ExtractedEvents {
        let captions = crate::import::blocks::caption_ranges(&self.html);
        let drafts = timeline::extract_prose(&self.text, self.published, &captions);
        ExtractedEvents { article_id: self.article_id, content_hash: self.content_hash, published: self.published, drafts }
    }
}

impl Library {
    /// The article's events in order of mention, extracting them the first
    /// time. Events in paragraphs the user hid are not part of the article.
    pub fn events(&mut self, article_id: &str) -> Result<Vec<Event>> {
        if let Some(job) = self.events_job(article_id)? {
            self.store_events(job.run())?;
        }
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM events WHERE article_id = ?1
               AND NOT EXISTS (SELECT 1 FROM hidden_ranges h
                               WHERE h.article_id = events.article_id AND events.start >= h.start AND events.start < h.end)
             ORDER BY start, end"
        ))?;
        let rows = stmt.query_map([article_id], event_from_row)?;
        let mut events = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        warning_marks::apply(self.conn(), article_id, &mut events)?;
        Ok(events)
    }

    /// What extracting the article's events needs, when its stored timeline
    /// is missing or was made by an older extractor; `None` when it is current.
    pub fn events_job(&self, article_id: &str) -> Result<Option<EventsJob>> {
        let current: Option<i64> =
            self.conn().query_row("SELECT extractor FROM events_extracted WHERE article_id = ?1", [article_id], |r| r.get(0)).optional()?;
        if current == Some(EXTRACTOR_VERSION) {
            return Ok(None);
        }
        self.refresh_job(article_id).map(Some)
    }

    fn refresh_job(&self, article_id: &str) -> Result<EventsJob> {
        let article = self.article(article_id)?;
        Ok(EventsJob {
            article_id: article_id.to_owned(),
            content_hash: article.content_hash,
            published: article.summary.published,
            text: article.text,
            html: article.html,
        })
    }

    /// Extracts the events again, keeping the user's events and edits. An
    /// extracted event the user only hid stays hidden, with what the
    /// extractor now reads there. Derived data: no change is recorded.
    pub fn refresh_events(&mut self, article_id: &str) -> Result<()> {
        let job = self.refresh_job(article_id)?;
        self.store_events(job.run()).map(|_| ())
    }

    /// Stores a timeline extracted by [`EventsJob::run`], unless the article's
    /// text or date changed while it was extracted (the next call extracts
    /// again from those); says whether it was stored.
    pub fn store_events(&mut self, done: ExtractedEvents) -> Result<bool> {
        let ExtractedEvents { article_id, content_hash, published, drafts } = done;
        let article_id = article_id.as_str();
        let now = now_rfc3339();
        self.write(|tx| {
            let conn = tx.conn;
            let stored: Option<(String, Option<String>)> = conn
                .query_row("SELECT content_hash, published FROM articles WHERE id = ?1", [article_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            if stored != Some((content_hash.clone(), published.map(|p| p.to_string()))) {
                return Ok(false);
            }
            conn.execute(&format!("DELETE FROM events WHERE article_id = ?1 AND {UNTOUCHED}"), [article_id])?;
            for d in &drafts {
                // An orphan's span is where it used to be, in another text: it holds no place here.
                let kept: Option<(String, String, bool)> = conn
                    .prepare_cached(
                        "SELECT id, origin, user_edited FROM events WHERE article_id = ?1 AND start = ?2 AND end = ?3 AND orphaned = 0",
                    )?
                    .query_row(params![article_id, d.start as i64, d.end as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                    .optional()?;
                match kept {
                    None => {
                        let mut e = extracted(article_id, &content_hash, d);
                        // An orphan made on this same text before keeps its id; this one gets a new one.
                        if conn.query_row("SELECT 1 FROM events WHERE id = ?1", [&e.id], |_| Ok(())).optional()?.is_some() {
                            e.id = new_id();
                        }
                        insert(conn, &e, &now)?
                    }
                    Some((id, origin, false)) if origin == "extracted" => {
                        conn.execute(
                            "UPDATE events SET timex_type = ?2, value = ?3, value_end = ?4, label = ?5, warnings = ?6 WHERE id = ?1",
                            params![id, d.kind.as_str(), d.value, d.value_end, d.label, warnings_json(&d.warnings)],
                        )?;
                    }
                    // A relabelled event keeps the reader's label but takes the
                    // warnings of its date as read now (a redated one has none).
                    Some((id, origin, true)) if origin == "extracted" => {
                        conn.execute(
                            "UPDATE events SET warnings = ?2 WHERE id = ?1 AND value = ?3",
                            params![id, warnings_json(&d.warnings), d.value],
                        )?;
                    }
                    Some(_) => {}
                }
            }
            conn.execute(
                "INSERT INTO events_extracted (article_id, extractor) VALUES (?1, ?2)
                 ON CONFLICT (article_id) DO UPDATE SET extractor = excluded.extractor",
                params![article_id, EXTRACTOR_VERSION],
            )?;
            Ok(true)
        })
    }

    /// Adds the user's own event on a span of the text; `date` is typed in
    /// natural language and read by the tagger.
    pub fn add_event(&mut self, article_id: &str, start: u32, end: u32, date: &str, label: Option<&str>) -> Result<Event> {
        let article = self.article(article_id)?;
        let (kind, value) = timeline::parse_user_date(date, article.summary.published).ok_or_else(|| {
            Error::Invalid(format!("“{date}” is not a date Sidenote understands; try “June 2001” or “11 September 2001”"))
        })?;
        let selector = Text::new(&article.text).describe(start, end)?;
        let label = label.map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).unwrap_or_else(|| selector.quote.exact.clone());
        let TextQuote { exact, prefix, suffix } = selector.quote;
        let event = NewEvent {
            id: new_id(),
            article_id: article_id.to_owned(),
            origin: "user".into(),
            kind,
            value,
            value_end: None,
            label,
            start,
            end,
            exact,
            prefix,
            suffix,
            warnings: Vec::new(),
            hidden: false,
            user_edited: false,
            orphaned: false,
        };
        self.write(|tx| {
            tx.add_event(&event)?;
            read_event(tx.conn, &event.id)
        })
    }

    pub fn event(&self, id: &str) -> Result<Event> {
        read_event(self.conn(), id)
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
        self.write(|tx| {
            tx.edit_event(id, value.as_deref(), label)?;
            read_event(tx.conn, id)
        })
    }

    pub fn set_event_hidden(&mut self, id: &str, hidden: bool) -> Result<Event> {
        self.write(|tx| {
            tx.hide_event(id, hidden)?;
            read_event(tx.conn, id)
        })
    }
}

impl Tx<'_> {
    /// Event added: the reader's own, or one restored from a notes file. It
    /// takes the place of an extracted event the reader left alone on the
    /// same span, as re-extraction keeps the reader's version.
    pub(crate) fn add_event(&mut self, e: &NewEvent) -> Result<()> {
        self.conn.execute(
            &format!("DELETE FROM events WHERE article_id = ?1 AND start = ?2 AND end = ?3 AND {UNTOUCHED}"),
            params![e.article_id, e.start, e.end],
        )?;
        insert(self.conn, e, &now_rfc3339())?;
        self.record(Change::EventAdded { event: e })
    }

    /// [`Self::add_event`], unless an event with its id exists: a restore adds
    /// each event once. Says whether it was added.
    pub(crate) fn add_event_if_absent(&mut self, e: &NewEvent) -> Result<bool> {
        let taken = self.conn.query_row("SELECT 1 FROM events WHERE id = ?1", [&e.id], |_| Ok(())).optional()?.is_some();
        if !taken {
            self.add_event(e)?;
        }
        Ok(!taken)
    }

    /// Event edited: a new date (which clears the date's warnings and any
    /// range end) and/or label; either left out stays.
    fn edit_event(&mut self, id: &str, value: Option<&str>, label: Option<&str>) -> Result<()> {
        let now = now_rfc3339();
        let changed = self.conn.execute(
            "UPDATE events SET value = coalesce(?2, value), value_end = CASE WHEN ?2 IS NULL THEN value_end ELSE NULL END,
                label = coalesce(?3, label), warnings = CASE WHEN ?2 IS NULL THEN warnings ELSE '[]' END,
                user_edited = 1, updated_at = ?4 WHERE id = ?1",
            params![id, value, label, now],
        )?;
        if changed == 0 {
            return Err(Error::NotFound { what: "event", id: id.to_owned() });
        }
        let e = read_event(self.conn, id)?;
        self.record(Change::EventEdited { id, value: &e.value, value_end: e.value_end.as_deref(), label: &e.label, updated_at: &now })
    }

    /// Event hidden (or shown again) on the timeline.
    fn hide_event(&mut self, id: &str, hidden: bool) -> Result<()> {
        let now = now_rfc3339();
        let changed = self.conn.execute("UPDATE events SET hidden = ?2, updated_at = ?3 WHERE id = ?1", params![id, hidden, now])?;
        if changed == 0 {
            return Err(Error::NotFound { what: "event", id: id.to_owned() });
        }
        self.record(Change::EventHidden { id, hidden, updated_at: &now })
    }
}

#[cfg(test)]
pub(super) mod tests {
    use crate::model::{Extracted, SourceKind};
    use crate::store::{Library, NewArticle};

    /// A library holding one plain-text article published on `published`
    /// (also used by the warning verdicts' tests).
    pub(in crate::store) fn library_with(text: &str, published: &str) -> (Library, String) {
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
    fn the_readers_event_on_an_extracted_events_span_takes_its_place() {
        let (mut lib, id) = library_with("The mill burned down in 1887 and was rebuilt.", "2000");
        let burned = lib.events(&id).unwrap().remove(0);
        assert_eq!(burned.exact, "1887");
        let mine = lib.add_event(&id, burned.start, burned.end, "autumn 1887", Some("The mill fire")).unwrap();
        let after = lib.events(&id).unwrap();
        assert_eq!(after.iter().map(|e| (e.id.as_str(), e.value.as_str())).collect::<Vec<_>>(), [(mine.id.as_str(), "1887-FA")]);
        lib.refresh_events(&id).unwrap();
        assert_eq!(lib.events(&id).unwrap(), after, "re-extraction keeps the reader's version of the span");
    }

    #[test]
    fn a_timeline_extracted_from_a_date_changed_meanwhile_is_not_stored() {
        // A day without a year reads against the published date: extracted
        // from the old date it would fall in 2010; the article now says 2015.
        let (mut lib, id) = library_with("The bridge closed on 4 March for repairs.", "2010-06-01");
        let job = lib.events_job(&id).unwrap().expect("never extracted");
        assert_eq!(job.article_id(), id);
        lib.update_article_metadata(&id, "Town notes", None, Some("2015-06-01".parse().unwrap())).unwrap();
        assert!(!lib.store_events(job.run()).unwrap(), "stale: the date changed while it was extracted");
        assert!(lib.events_job(&id).unwrap().is_some(), "still to be extracted");
        let values: Vec<String> = lib.events(&id).unwrap().into_iter().map(|e| e.value).collect();
        assert_eq!(values, ["2015-03-04"]);
        assert!(lib.events_job(&id).unwrap().is_none(), "current once stored");
        assert!(lib.missing_timelines().unwrap().is_empty());
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
