//! The library's timeline: every article's stored events in one date order,
//! filtered, with the groups where articles disagree and the reader's
//! verdicts on them (`disagreement_verdicts`, migration 0011). Events are
//! read from the `events` table; an article whose timeline was never made
//! (or was made by an older extractor) is extracted once, then stored.

use std::collections::{HashMap, HashSet};

use super::articles::{current_text, fts_query};
use super::disagreement_verdicts::{self, StoredVerdict, VerdictEvent};
use super::events::{event_from_row, EXTRACTOR_VERSION};
use super::{timeline_groups, warning_marks, Library};
use crate::error::{Error, Result};
use crate::timeline;
use crate::timeline::library::sort_events;
use crate::timeline::{Disagreement, DisagreementVerdict, LibraryEvent, LibraryTimeline, TimelineArticle, TimelineFilter};
use crate::timex::TimexValue;
use crate::PartialDate;

/// The years a filter date covers (`2001-10` covers October 2001).
pub(super) fn years_of(date: &str, flag: &str) -> Result<(f64, f64)> {
    let parsed: PartialDate = date
        .trim()
        .parse()
        .map_err(|_| Error::Invalid(format!("the “{flag}” date “{date}” is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")))?;
    TimexValue::parse(&parsed.to_string())
        .years()
        .ok_or_else(|| Error::Invalid(format!("the “{flag}” date “{date}” is not a date on the calendar")))
}

impl Library {
    /// Makes the timelines of the articles that have none yet, or one made
    /// by an older extractor; says how many were made.
    pub fn extract_missing_timelines(&mut self) -> Result<usize> {
        let missing = self.missing_timelines()?;
        for id in &missing {
            self.refresh_events(id)?;
        }
        Ok(missing.len())
    }

    /// The articles whose timelines are missing or made by an older
    /// extractor: the app extracts them one at a time outside its lock
    /// (with [`Library::events_job`]) before it asks for the timeline.
    pub fn missing_timelines(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(
            "SELECT a.id FROM articles a WHERE a.deleted_at IS NULL AND NOT EXISTS
               (SELECT 1 FROM events_extracted x WHERE x.article_id = a.id AND x.extractor = ?1)",
        )?;
        let rows = stmt.query_map([EXTRACTOR_VERSION], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Brings the kept groups up to date with the articles changed since
    /// the last call (all of them after a migration or a change of the
    /// grouping rules); says how many articles were read again.
    pub fn refresh_timeline_groups(&mut self) -> Result<usize> {
        self.write_quietly(|tx| timeline_groups::refresh(tx.conn))
    }

    /// The events of the library (or of `filter`) in date order, the
    /// articles they come from, and where articles disagree. Disagreements
    /// are found over the whole library and kept when one of their events
    /// is in the filter.
    pub fn library_timeline(&mut self, filter: &TimelineFilter) -> Result<LibraryTimeline> {
        let given = |d: &Option<String>| d.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let from = given(&filter.from).map(|d| years_of(&d, "from")).transpose()?.map(|y| y.0);
        let to = given(&filter.to).map(|d| years_of(&d, "to")).transpose()?.map(|y| y.1);
        let range = (from, to);
        self.extract_missing_timelines()?;
        self.refresh_timeline_groups()?;
        let mut all = self.library_events(None)?;
        sort_events(&mut all);
        let shown = self.filter_mask(&all, filter, range)?;
        let groups = timeline_groups::disagreeing(self.conn())?;
        let at: HashMap<&str, usize> = all.iter().enumerate().map(|(i, e)| (e.event.id.as_str(), i)).collect();
        let disagreements = self.disagreements_of(groups, &all, |e| at.get(e.event.id.as_str()).is_some_and(|&i| shown[i]))?;
        let events: Vec<LibraryEvent> = all.into_iter().zip(shown).filter_map(|(e, keep)| keep.then_some(e)).collect();
        let articles = self.timeline_articles(&events)?;
        Ok(LibraryTimeline { events, articles, disagreements })
    }

    /// The kept groups as disagreements: each with its events found among
    /// `events` (in date order), kept when one of them is `shown`, in order
    /// of their first event, with the reader's verdict.
    pub(super) fn disagreements_of(
        &self,
        groups: Vec<timeline_groups::KeptGroup>,
        events: &[LibraryEvent],
        shown: impl Fn(&LibraryEvent) -> bool,
    ) -> Result<Vec<Disagreement>> {
        let verdicts: HashMap<String, StoredVerdict> =
            disagreement_verdicts::all(self.conn())?.into_iter().map(|v| (v.key.clone(), v)).collect();
        let at: HashMap<&str, usize> = events.iter().enumerate().map(|(i, e)| (e.event.id.as_str(), i)).collect();
        let mut kept: Vec<(Vec<usize>, timeline_groups::KeptGroup)> = groups
            .into_iter()
            .map(|g| {
                let mut members: Vec<usize> = g.event_ids.iter().filter_map(|id| at.get(id.as_str()).copied()).collect();
                members.sort_unstable();
                (members, g)
            })
            .filter(|(members, _)| members.len() > 1 && members.iter().any(|&i| shown(&events[i])))
            .collect();
        kept.sort_by_key(|(members, _)| members[0]);
        Ok(kept
            .into_iter()
            .map(|(members, g)| {
                let events: Vec<LibraryEvent> = members.iter().map(|&i| events[i].clone()).collect();
                let verdict = verdicts.get(&g.key).and_then(|v| match &v.right {
                    None => Some(DisagreementVerdict::Dismissed),
                    Some(r) => events
                        .iter()
                        .find(|e| {
                            e.event.article_id == r.article_id
                                && e.event.start == r.start
                                && e.event.end == r.end
                                && e.event.exact == r.exact
                        })
                        .map(|e| DisagreementVerdict::Right { event_id: e.event.id.clone() }),
                });
                let label = events[0].event.label.clone();
                let total = g.total.unwrap_or(events.len() as u32);
                Disagreement { key: g.key, kind: g.kind, label, events, verdict, total }
            })
            .collect())
    }

    /// Every event on the calendar of every article (or only those of
    /// `ids`), as the timeline shows them: not hidden, not orphaned, not in
    /// a hidden paragraph; in no particular order.
    pub(super) fn library_events(&self, ids: Option<&[String]>) -> Result<Vec<LibraryEvent>> {
        let columns = super::events::COLUMNS.split(", ").map(|c| format!("e.{c}")).collect::<Vec<_>>().join(", ");
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {columns}, a.title,
                EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = e.article_id AND h.deleted_at IS NULL)
             FROM events e JOIN articles a ON a.id = e.article_id
             WHERE a.deleted_at IS NULL AND e.hidden = 0 AND e.orphaned = 0
               AND NOT EXISTS (SELECT 1 FROM hidden_ranges r
                               WHERE r.article_id = e.article_id AND e.start >= r.start AND e.start < r.end) {}",
            if ids.is_some() { "AND e.id IN (SELECT value FROM json_each(?1))" } else { "" }
        ))?;
        let list = match ids {
            Some(ids) => vec![serde_json::to_string(ids).map_err(|e| Error::Invalid(e.to_string()))?],
            None => Vec::new(),
        };
        let rows = stmt
            .query_map(rusqlite::params_from_iter(&list), |r| Ok((event_from_row(r)?, r.get::<_, String>(14)?, r.get::<_, bool>(15)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (event, article_title, highlighted) = row?;
            if let Some((from, to)) = event.timex().years() {
                out.push(LibraryEvent { event, article_title, from, to, highlighted });
            }
        }
        // An event is highlighted when a highlight overlaps its sentence: read
        // only for the articles with highlights (the query said which).
        let mut by_article: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in out.iter().enumerate().filter(|(_, e)| e.highlighted) {
            by_article.entry(e.event.article_id.clone()).or_default().push(i);
        }
        let mut spans = self.conn().prepare("SELECT start, end FROM highlights WHERE article_id = ?1 AND deleted_at IS NULL")?;
        for (article, indices) in by_article {
            let highlights: Vec<(u32, u32)> =
                spans.query_map([&article], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            let chars: Vec<char> = current_text(self.conn(), &article)?.chars().collect();
            for i in indices {
                let (start, end) = (out[i].event.start as usize, out[i].event.end as usize);
                let (s, e) = if end <= chars.len() { timeline::passage_bounds(&chars, start, end) } else { (start, end) };
                out[i].highlighted = highlights.iter().any(|&(hs, he)| (hs as usize) < e && s < he as usize);
            }
        }
        drop(spans);
        // The reader's verdicts on chronology warnings, for the articles that have any.
        let marked: HashSet<String> = {
            let mut stmt = self.conn().prepare("SELECT DISTINCT article_id FROM warning_marks")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if !marked.is_empty() {
            let mut by_article: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, e) in out.iter().enumerate().filter(|(_, e)| marked.contains(&e.event.article_id)) {
                by_article.entry(e.event.article_id.clone()).or_default().push(i);
            }
            for (article, indices) in by_article {
                let mut events: Vec<_> = indices.iter().map(|&i| out[i].event.clone()).collect();
                warning_marks::apply(self.conn(), &article, &mut events)?;
                for (&i, e) in indices.iter().zip(events) {
                    out[i].event = e;
                }
            }
        }
        Ok(out)
    }

    /// Which of `events` the filter keeps.
    fn filter_mask(&self, events: &[LibraryEvent], filter: &TimelineFilter, (from, to): (Option<f64>, Option<f64>)) -> Result<Vec<bool>> {
        let tagged: Option<HashSet<String>> = match filter.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(tag) => {
                let mut stmt = self.conn().prepare(
                    "SELECT DISTINCT h.article_id FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
                     JOIN tags t ON t.id = ht.tag_id WHERE h.deleted_at IS NULL AND t.name = ?1",
                )?;
                let rows = stmt.query_map([tag], |r| r.get(0))?;
                Some(rows.collect::<rusqlite::Result<_>>()?)
            }
            None => None,
        };
        let words: Vec<String> = filter.search.split_whitespace().map(str::to_lowercase).collect();
        let searched: Option<HashSet<String>> = match fts_query(&filter.search) {
            Some(q) => {
                let mut stmt = self.conn().prepare(
                    "SELECT a.id FROM articles a WHERE a.deleted_at IS NULL
                       AND a.seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1)",
                )?;
                let rows = stmt.query_map([q], |r| r.get(0))?;
                Some(rows.collect::<rusqlite::Result<_>>()?)
            }
            None => None,
        };
        let chosen: HashSet<&str> = filter.article_ids.iter().map(String::as_str).collect();
        Ok(events
            .iter()
            .map(|e| {
                let article = e.event.article_id.as_str();
                let label_found = || {
                    let label = e.event.label.to_lowercase();
                    words.iter().all(|w| label.contains(w.as_str()))
                };
                (chosen.is_empty() || chosen.contains(article))
                    && tagged.as_ref().is_none_or(|t| t.contains(article))
                    && searched.as_ref().is_none_or(|s| s.contains(article) || label_found())
                    && from.is_none_or(|f| e.to > f)
                    && to.is_none_or(|t| e.from < t)
            })
            .collect())
    }

    /// The articles of `events`, in order of their first event, with the tags of their highlights.
    pub(super) fn timeline_articles(&self, events: &[LibraryEvent]) -> Result<Vec<TimelineArticle>> {
        let mut order: Vec<TimelineArticle> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for e in events {
            if !seen.contains_key(e.event.article_id.as_str()) {
                seen.insert(&e.event.article_id, order.len());
                order.push(TimelineArticle { id: e.event.article_id.clone(), title: e.article_title.clone(), tags: Vec::new() });
            }
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT t.name FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
             JOIN tags t ON t.id = ht.tag_id WHERE h.article_id = ?1 AND h.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE",
        )?;
        for a in &mut order {
            let rows = stmt.query_map([&a.id], |r| r.get(0))?;
            a.tags = rows.collect::<rusqlite::Result<_>>()?;
        }
        Ok(order)
    }

    /// The reader's verdict on the disagreement `key`: dismissed, one event
    /// marked right, or (with `None`) taken back.
    pub fn set_disagreement_verdict(&mut self, key: &str, verdict: Option<&DisagreementVerdict>) -> Result<()> {
        if key.trim().is_empty() {
            return Err(Error::Invalid("a disagreement needs its key".into()));
        }
        let verdict = match verdict {
            None => None,
            Some(DisagreementVerdict::Dismissed) => Some(None),
            Some(DisagreementVerdict::Right { event_id }) => {
                let e = self.event(event_id)?;
                Some(Some(VerdictEvent { article_id: e.article_id, start: e.start, end: e.end, exact: e.exact }))
            }
        };
        self.write(|tx| tx.set_disagreement_verdict(key, verdict))
    }
}

#[cfg(test)]
pub(super) mod tests;
