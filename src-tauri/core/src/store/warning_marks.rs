//! The reader's verdicts on chronology warnings, in `warning_marks`: a
//! warning dismissed or marked as a real error. A verdict belongs to the
//! event's span and the warning's kind, so it outlives the event row (which
//! re-extraction replaces); see migration 0005.

use rusqlite::{params, Connection};

use super::{now_rfc3339, Change, Library, Tx};
use crate::error::{Error, Result};
use crate::timeline::{ChronologyWarning, TimelineEvent, WarningKind, WarningMark};

/// One stored verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMark {
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub kind: WarningKind,
    pub mark: WarningMark,
    /// The warning as the reader saw it when they gave the verdict.
    pub warning: ChronologyWarning,
    pub updated_at: String,
}

impl Library {
    /// Dismisses a warning of an event, marks it as a real error, or (with
    /// `None`) takes the verdict back. Returns the event with its verdicts.
    pub fn mark_warning(&mut self, event_id: &str, kind: WarningKind, mark: Option<WarningMark>) -> Result<TimelineEvent> {
        let event = self.event(event_id)?;
        let Some(warning) = event.warnings.iter().find(|w| w.kind == kind).cloned() else {
            return Err(Error::Invalid(format!("this event has no “{}” warning to mark", kind.as_str())));
        };
        self.write(|tx| tx.mark_warning(&event.article_id, event.start, event.end, &event.exact, &ChronologyWarning { mark, ..warning }))?;
        self.event(event_id)
    }

    /// The article's verdicts, in text order.
    pub fn warning_marks(&self, article_id: &str) -> Result<Vec<StoredMark>> {
        read(self.conn(), article_id)
    }
}

impl Tx<'_> {
    /// Warning marked: the reader's verdict (`warning.mark`) on the warning
    /// of its kind on the event at `start..end` of the article, or with no
    /// verdict, the verdict taken back.
    pub(crate) fn mark_warning(&mut self, article_id: &str, start: u32, end: u32, exact: &str, warning: &ChronologyWarning) -> Result<()> {
        let kind = warning.kind.as_str();
        match warning.mark {
            Some(m) => {
                let json = serde_json::to_string(&ChronologyWarning { mark: None, ..warning.clone() })
                    .map_err(|e| Error::Invalid(format!("cannot store the warning: {e}")))?;
                self.conn.execute(
                    "INSERT INTO warning_marks (article_id, start, end, exact, kind, mark, warning, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)
                     ON CONFLICT (article_id, start, end, kind)
                     DO UPDATE SET exact = excluded.exact, mark = excluded.mark, warning = excluded.warning, updated_at = excluded.updated_at",
                    params![article_id, start, end, exact, kind, m.as_str(), json, now_rfc3339()],
                )?
            }
            None => self.conn.execute(
                "DELETE FROM warning_marks WHERE article_id = ?1 AND start = ?2 AND end = ?3 AND kind = ?4",
                params![article_id, start, end, kind],
            )?,
        };
        self.record(Change::WarningMarked { article_id, start, end, exact, warning })
    }
}

/// The article's verdicts, in text order.
pub(super) fn read(conn: &Connection, article_id: &str) -> Result<Vec<StoredMark>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start, end, exact, kind, mark, warning, updated_at FROM warning_marks WHERE article_id = ?1 ORDER BY start, end, kind",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok((
            r.get::<_, u32>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (start, end, exact, kind, mark, warning, updated_at) = row?;
        // Rows this version cannot read (a kind or mark from a newer one) are left alone.
        let (Some(kind), Some(mark), Ok(warning)) =
            (WarningKind::parse(&kind), WarningMark::parse(&mark), serde_json::from_str::<ChronologyWarning>(&warning))
        else {
            continue;
        };
        out.push(StoredMark { start, end, exact, kind, mark, warning, updated_at });
    }
    Ok(out)
}

/// Makes the article's verdicts `wanted` (as merged sync documents say;
/// nothing recorded). Says whether anything changed.
pub(super) fn apply_synced(conn: &Connection, article_id: &str, wanted: &[StoredMark]) -> Result<bool> {
    let mut wanted = wanted.to_vec();
    wanted.sort_by(|a, b| (a.start, a.end, a.kind.as_str()).cmp(&(b.start, b.end, b.kind.as_str())));
    if read(conn, article_id)? == wanted {
        return Ok(false);
    }
    conn.prepare_cached("DELETE FROM warning_marks WHERE article_id = ?1")?.execute([article_id])?;
    for m in &wanted {
        let json = serde_json::to_string(&ChronologyWarning { mark: None, ..m.warning.clone() })
            .map_err(|e| Error::Invalid(format!("cannot store the warning: {e}")))?;
        conn.prepare_cached(
            "INSERT OR REPLACE INTO warning_marks (article_id, start, end, exact, kind, mark, warning, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        )?
        .execute(params![article_id, m.start, m.end, m.exact, m.kind.as_str(), m.mark.as_str(), json, m.updated_at])?;
    }
    Ok(true)
}

/// Gives each event's warnings the reader's verdicts. An error the reader
/// confirmed stays on its event even when extraction no longer raises the
/// warning, unless the reader has since corrected the event's date.
pub(super) fn apply(conn: &Connection, article_id: &str, events: &mut [TimelineEvent]) -> Result<()> {
    let marks = read(conn, article_id)?;
    if marks.is_empty() {
        return Ok(());
    }
    for ev in events.iter_mut() {
        for m in marks.iter().filter(|m| m.start == ev.start && m.end == ev.end && m.exact == ev.exact) {
            match ev.warnings.iter_mut().find(|w| w.kind == m.kind) {
                Some(w) => w.mark = Some(m.mark),
                None if m.mark == WarningMark::Error && !ev.user_edited => {
                    ev.warnings.push(ChronologyWarning { mark: Some(WarningMark::Error), ..m.warning.clone() })
                }
                None => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::events::tests::library_with;
    use crate::timeline::{WarningKind, WarningMark};

    const TEXT: &str = "The ferry company was founded in 1998. The harbour wall collapsed in March 2016, and the quay was rebuilt.";

    #[test]
    fn verdicts_are_kept_across_re_extraction_and_can_be_taken_back() {
        let (mut lib, id) = library_with(TEXT, "2012-05-01");
        let events = lib.events(&id).unwrap();
        let late = events.iter().find(|e| e.value == "2016-03").unwrap().clone();
        assert_eq!(late.warnings.len(), 1, "{late:?}");
        assert_eq!(late.warnings[0].kind, WarningKind::AfterPublication);
        assert_eq!(late.warnings[0].mark, None);

        let marked = lib.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Dismissed)).unwrap();
        assert_eq!(marked.warnings[0].mark, Some(WarningMark::Dismissed));
        // A new extraction makes the event rows again; the verdict stays with the span.
        lib.refresh_events(&id).unwrap();
        let again = lib.events(&id).unwrap();
        let late2 = again.iter().find(|e| e.value == "2016-03").unwrap();
        // Made again with the same id: an extracted event's id comes from its
        // article, text and span, so it is the same on every device (sync).
        assert_eq!(late2.id, late.id);
        assert_eq!(late2.warnings[0].mark, Some(WarningMark::Dismissed));

        let error = lib.mark_warning(&late2.id, WarningKind::AfterPublication, Some(WarningMark::Error)).unwrap();
        assert_eq!(error.warnings[0].mark, Some(WarningMark::Error));
        assert_eq!(lib.warning_marks(&id).unwrap().len(), 1);
        let cleared = lib.mark_warning(&late2.id, WarningKind::AfterPublication, None).unwrap();
        assert_eq!(cleared.warnings[0].mark, None);
        assert!(lib.warning_marks(&id).unwrap().is_empty());
    }

    #[test]
    fn a_warning_the_event_does_not_carry_cannot_be_marked() {
        let (mut lib, id) = library_with(TEXT, "2012-05-01");
        let founded = lib.events(&id).unwrap().into_iter().find(|e| e.value == "1998").unwrap();
        let err = lib.mark_warning(&founded.id, WarningKind::LikelyTypo, Some(WarningMark::Error)).unwrap_err();
        assert!(err.to_string().contains("no “likely_typo” warning"), "{err}");
        assert!(lib.mark_warning("no-such-event", WarningKind::LikelyTypo, None).is_err());
        assert!(lib.warning_marks(&id).unwrap().is_empty());
    }

    #[test]
    fn a_confirmed_error_stays_when_extraction_stops_raising_it() {
        let (mut lib, id) = library_with(TEXT, "2012-05-01");
        let late = lib.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
        lib.mark_warning(&late.id, WarningKind::AfterPublication, Some(WarningMark::Error)).unwrap();
        // Published later: extraction no longer raises the warning, the reader's error stays.
        lib.update_article_metadata(&id, "Harbour notes", None, Some("2017-01-01".parse().unwrap())).unwrap();
        lib.refresh_events(&id).unwrap();
        let ev = lib.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
        assert_eq!(ev.warnings.len(), 1);
        assert_eq!(ev.warnings[0].mark, Some(WarningMark::Error));
        // A dismissed one does not come back.
        lib.mark_warning(&ev.id, WarningKind::AfterPublication, Some(WarningMark::Dismissed)).unwrap();
        let ev = lib.events(&id).unwrap().into_iter().find(|e| e.value == "2016-03").unwrap();
        assert!(ev.warnings.is_empty(), "{ev:?}");
    }
}
