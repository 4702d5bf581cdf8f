//! The library timeline a window at a time (issue 20), read from
//! `timeline_points` (migration 0017, kept by `timeline_groups`): the
//! filter becomes SQL over that table, so an overview, the counts per slice
//! of time and a page of one window's events each read an index range
//! instead of every event of the library.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

use super::articles::fts_query;
use super::library_timeline::years_of;
use super::{timeline_groups, Library};
use crate::error::{Error, Result};
use crate::timeline::library::sort_events;
use crate::timeline::window::DisagreeingEvent;
use crate::timeline::window::{check_span, MAX_BUCKETS, MAX_PAGE};
use crate::timeline::{Disagreement, LibraryEvent, TimelineDensity, TimelineFilter, TimelineOverview, TimelineWindow};

/// Cells per year in `timeline_cells` (migration 0018).
const CELLS_PER_YEAR: f64 = 16.0;

/// The filter as a condition on `timeline_points p`, with its parameters.
struct FilterSql {
    clause: String,
    params: Vec<Value>,
}

impl FilterSql {
    fn new(filter: &TimelineFilter) -> Result<Self> {
        let mut parts: Vec<String> = Vec::new();
        let mut params: Vec<Value> = Vec::new();
        if !filter.article_ids.is_empty() {
            let ids = serde_json::to_string(&filter.article_ids).map_err(|e| Error::Invalid(e.to_string()))?;
            parts.push("p.article_seq IN (SELECT seq FROM articles WHERE id IN (SELECT value FROM json_each(?)))".into());
            params.push(Value::Text(ids));
        }
        if let Some(tag) = filter.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            parts.push(
                "p.article_seq IN (SELECT a.seq FROM articles a WHERE a.id IN
                   (SELECT h.article_id FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
                    JOIN tags t ON t.id = ht.tag_id WHERE h.deleted_at IS NULL AND t.name = ?))"
                    .into(),
            );
            params.push(Value::Text(tag.to_owned()));
        }
        if let Some(q) = fts_query(&filter.search) {
            // The article matches (its rowid in the index is its seq), or the label holds every word.
            let words: Vec<String> = filter.search.split_whitespace().map(str::to_lowercase).collect();
            let mut label = vec!["1".to_owned()];
            label.extend(words.iter().map(|_| "instr(p.label_lc, ?) > 0".to_owned()));
            parts.push(format!(
                "(p.article_seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) OR ({}))",
                label.join(" AND ")
            ));
            params.push(Value::Text(q));
            params.extend(words.into_iter().map(Value::Text));
        }
        let given = |d: &Option<String>| d.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        if let Some(from) = given(&filter.from) {
            parts.push("p.to_year > ?".into());
            params.push(Value::Real(years_of(&from, "from")?.0));
        }
        if let Some(to) = given(&filter.to) {
            parts.push("p.from_year < ?".into());
            params.push(Value::Real(years_of(&to, "to")?.1));
        }
        let clause = if parts.is_empty() { "1".to_owned() } else { parts.join(" AND ") };
        Ok(FilterSql { clause, params })
    }

    /// No filter: every event of the library.
    fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// This filter's parameters after `first`.
    fn with(&self, first: &[Value]) -> Vec<Value> {
        first.iter().cloned().chain(self.params.iter().cloned()).collect()
    }
}

impl Library {
    /// The filter's timeline as the Timeline tab opens it: how many events
    /// and articles, from when to when, and where articles disagree. Makes
    /// what is missing first (timelines never extracted, groups and points
    /// of the articles changed since).
    pub fn timeline_overview(&mut self, filter: &TimelineFilter) -> Result<TimelineOverview> {
        FilterSql::new(filter)?;
        self.extract_missing_timelines()?;
        self.timeline_overview_so_far(filter)
    }

    /// [`Self::timeline_overview`] of the timelines made so far: the groups
    /// and points of the articles changed since are brought up to date, but
    /// a missing timeline is not made (the app makes them a batch at a time
    /// outside its lock, showing what is ready meanwhile; an article whose
    /// timeline came from an older extractor shows its old events until then).
    pub fn timeline_overview_so_far(&mut self, filter: &TimelineFilter) -> Result<TimelineOverview> {
        let sql = FilterSql::new(filter)?;
        self.refresh_timeline_groups()?;
        let conn = self.conn();
        let total: u32 = if sql.is_empty() {
            conn.query_row("SELECT coalesce(sum(events), 0) FROM timeline_cells", [], |r| r.get(0))?
        } else {
            conn.query_row(&format!("SELECT count(*) FROM timeline_points p WHERE {}", sql.clause), params_from_iter(&sql.params), |r| {
                r.get(0)
            })?
        };
        // One probe per article of the index on article ids: no sort of every event.
        let articles: u32 = conn.query_row(
            &format!(
                "SELECT count(*) FROM articles a WHERE EXISTS (SELECT 1 FROM timeline_points p WHERE p.article_id = a.id AND {})",
                sql.clause
            ),
            params_from_iter(&sql.params),
            |r| r.get(0),
        )?;
        let from: Option<f64> = conn
            .query_row(
                &format!("SELECT p.from_year FROM timeline_points p WHERE {} ORDER BY p.from_year LIMIT 1", sql.clause),
                params_from_iter(&sql.params),
                |r| r.get(0),
            )
            .optional()?;
        let to = match from {
            None => None,
            Some(_) => {
                // The latest end is among the events that begin within the longest span of the latest start.
                let last: f64 = conn.query_row(
                    &format!("SELECT p.from_year FROM timeline_points p WHERE {} ORDER BY p.from_year DESC LIMIT 1", sql.clause),
                    params_from_iter(&sql.params),
                    |r| r.get(0),
                )?;
                let reach = last - self.longest_span()?;
                conn.query_row(
                    &format!("SELECT max(p.to_year) FROM timeline_points p WHERE p.from_year >= ? AND {}", sql.clause),
                    params_from_iter(sql.with(&[Value::Real(reach)])),
                    |r| r.get(0),
                )?
            }
        };
        let disagreements = self.filtered_disagreements(&sql)?;
        Ok(TimelineOverview { total, articles, from, to, disagreements })
    }

    /// How many of the filter's events have their midpoint in each of
    /// `buckets` equal slices of `from..=to` (years). Slices of a year or
    /// more over the whole library are counted from `timeline_cells`: an
    /// event then counts in the slice that holds the middle of its cell, its
    /// midpoint to within 1/32 year, and the cells at the two ends count
    /// whole.
    pub fn timeline_density(&self, filter: &TimelineFilter, from: f64, to: f64, buckets: u32) -> Result<TimelineDensity> {
        check_span(from, to).map_err(Error::Invalid)?;
        if buckets == 0 || buckets > MAX_BUCKETS {
            return Err(Error::Invalid(format!("a density has 1 to {MAX_BUCKETS} slices, not {buckets}")));
        }
        let sql = FilterSql::new(filter)?;
        if sql.is_empty() && (to - from) / f64::from(buckets) >= 1.0 {
            return self.density_by_cells(from, to, buckets);
        }
        // An event's midpoint is at most half its span after its start.
        let earliest = from - self.longest_span()?;
        let mut counts = vec![0u32; buckets as usize];
        let first = [Value::Real(from), Value::Real(to), Value::Integer(i64::from(buckets)), Value::Real(earliest)];
        let query = format!(
            "SELECT min(CAST(((p.from_year + p.to_year) / 2.0 - ?1) / (?2 - ?1) * ?3 AS INTEGER), ?3 - 1), count(*)
             FROM timeline_points p
             WHERE p.from_year >= ?4 AND p.from_year <= ?2
               AND (p.from_year + p.to_year) / 2.0 >= ?1 AND (p.from_year + p.to_year) / 2.0 <= ?2 AND {}
             GROUP BY 1",
            numbered(&sql.clause, first.len())
        );
        let mut stmt = self.conn().prepare_cached(&query)?;
        let rows = stmt.query_map(params_from_iter(sql.with(&first)), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))?;
        for row in rows {
            let (k, n) = row?;
            if let Some(slot) = usize::try_from(k).ok().and_then(|k| counts.get_mut(k)) {
                *slot += n;
            }
        }
        Ok(TimelineDensity { from, to, counts })
    }

    /// [`Self::timeline_density`] of the whole library from the counts per cell.
    fn density_by_cells(&self, from: f64, to: f64, buckets: u32) -> Result<TimelineDensity> {
        let (first, last) = ((from * CELLS_PER_YEAR).floor() as i64, (to * CELLS_PER_YEAR).floor() as i64);
        let mut counts = vec![0u32; buckets as usize];
        let mut stmt = self.conn().prepare_cached("SELECT cell, events FROM timeline_cells WHERE cell BETWEEN ?1 AND ?2")?;
        let rows = stmt.query_map([first, last], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?)))?;
        let last_slot = buckets as usize - 1;
        for row in rows {
            let (cell, n) = row?;
            let middle = (cell as f64 + 0.5) / CELLS_PER_YEAR;
            let k = ((middle - from) / (to - from) * f64::from(buckets)).floor();
            counts[if k < 0.0 { 0 } else { (k as usize).min(last_slot) }] += n;
        }
        Ok(TimelineDensity { from, to, counts })
    }

    /// One page of the filter's events that reach into `from..to` (years),
    /// in date order, with how many there are in all.
    pub fn timeline_window(&self, filter: &TimelineFilter, from: f64, to: f64, offset: u32, limit: u32) -> Result<TimelineWindow> {
        check_span(from, to).map_err(Error::Invalid)?;
        if limit == 0 || limit > MAX_PAGE {
            return Err(Error::Invalid(format!("a page of the timeline holds 1 to {MAX_PAGE} events, not {limit}")));
        }
        let sql = FilterSql::new(filter)?;
        let earliest = from - self.longest_span()?;
        let first = [Value::Real(from), Value::Real(to), Value::Real(earliest)];
        let range = format!("p.from_year >= ?3 AND p.from_year < ?2 AND p.to_year > ?1 AND {}", numbered(&sql.clause, first.len()));
        let total: u32 = self.conn().query_row(
            &format!("SELECT count(*) FROM timeline_points p WHERE {range}"),
            params_from_iter(sql.with(&first)),
            |r| r.get(0),
        )?;
        let ids: Vec<String> = {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT p.event_id FROM timeline_points p WHERE {range}
                 ORDER BY p.from_year, p.to_year DESC, p.article_seq, p.start LIMIT {limit} OFFSET {offset}"
            ))?;
            let rows = stmt.query_map(params_from_iter(sql.with(&first)), |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // Read by id, then put back in the page's order.
        let at: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let mut events = self.library_events(Some(&ids))?;
        events.sort_by_key(|e| at.get(e.event.id.as_str()).copied().unwrap_or(usize::MAX));
        let articles = self.timeline_articles(&events)?;
        let disagreeing = self.disagreeing_of(&events)?;
        Ok(TimelineWindow { from, to, total, offset, events, articles, disagreeing })
    }

    /// The longest span of any event on the timeline, in years (0 when there are none).
    fn longest_span(&self) -> Result<f64> {
        let span: Option<f64> = self.conn().query_row("SELECT max(to_year - from_year) FROM timeline_points", [], |r| r.get(0))?;
        Ok(span.unwrap_or(0.0).max(0.0))
    }

    /// The kept groups where articles disagree that have an event in the
    /// filter, each with one event per date given and the one marked right
    /// (read by id: a few rows per group, not the library).
    fn filtered_disagreements(&self, sql: &FilterSql) -> Result<Vec<Disagreement>> {
        let conn = self.conn();
        let in_filter = format!(
            "SELECT EXISTS (SELECT 1 FROM event_readings r JOIN timeline_points p ON p.event_id = r.event_id
               WHERE r.component = ?1 AND r.disagree = 1 AND {})",
            numbered(&sql.clause, 1)
        );
        let unfiltered = sql.params.is_empty();
        let keep = |component: &str| -> Result<bool> {
            if unfiltered {
                return Ok(true);
            }
            let mut stmt = conn.prepare_cached(&in_filter)?;
            Ok(stmt.query_row(params_from_iter(sql.with(&[Value::Text(component.to_owned())])), |r| r.get(0))?)
        };
        let also = |component: &str, key: &str| -> Result<Vec<String>> {
            let mut stmt = conn.prepare_cached(
                "SELECT e.id FROM disagreement_verdicts v JOIN events e ON e.article_id = v.article_id AND e.start = v.start
                   AND e.end = v.end AND e.exact = v.exact JOIN event_readings r ON r.event_id = e.id
                 WHERE v.group_key = ?2 AND r.component = ?1",
            )?;
            let rows = stmt.query_map([component, key], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let groups = timeline_groups::disagreeing_sampled(conn, keep, also)?;
        let ids: Vec<String> = groups.iter().flat_map(|g| g.event_ids.iter().cloned()).collect();
        let mut events = self.library_events(Some(&ids))?;
        sort_events(&mut events);
        self.disagreements_of(groups, &events, |_| true)
    }

    /// Which of `events` are in a group where articles disagree, with its key.
    fn disagreeing_of(&self, events: &[LibraryEvent]) -> Result<Vec<DisagreeingEvent>> {
        let ids: Vec<&str> = events.iter().map(|e| e.event.id.as_str()).collect();
        let list = serde_json::to_string(&ids).map_err(|e| Error::Invalid(e.to_string()))?;
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.event_id, r.group_key FROM json_each(?1) j CROSS JOIN event_readings r ON r.event_id = j.value
             WHERE r.disagree = 1 AND r.group_key IS NOT NULL",
        )?;
        let rows = stmt.query_map([list], |r| Ok(DisagreeingEvent { event_id: r.get(0)?, key: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The clause's anonymous `?` parameters numbered on from `after + 1`, so
/// that it can follow numbered ones (`?1`…`?after`) in the same statement.
fn numbered(clause: &str, after: usize) -> String {
    let mut out = String::with_capacity(clause.len() + 8);
    let mut n = after;
    for c in clause.chars() {
        out.push(c);
        if c == '?' {
            n += 1;
            out.push_str(&n.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests;
