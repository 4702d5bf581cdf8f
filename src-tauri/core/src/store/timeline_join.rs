//! A new reading joined to the kept groups without regrouping them (issue
//! 20's incremental budget). Adding an event only adds links: it links to
//! every event of its bucket whose midpoint is within the window of years
//! and that names the same thing (a shared action word, or a bare named
//! event on either side), so the sets it links to become one with it, and
//! nothing else changes. Their key is the bucket and the words all their
//! events share, which the kept key of each set already says; they
//! disagree when one of them did or when the new event and a linked event
//! of another article do not overlap. So a join reads one row per set it
//! links to and writes only the rows whose set, key or flag changed, where
//! a regroup reads every event of those sets. Removals still regroup
//! (`timeline_groups::regroup`): a removed link can split a set.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection};

use crate::error::Result;
use crate::timeline::agreement::WINDOW_YEARS;

/// A reading just written (its row's set, key and flag still empty).
pub(crate) struct Made {
    pub event_id: String,
    pub article_id: String,
    pub bucket: String,
    pub mid: f64,
    pub from: f64,
    pub to: f64,
    pub action: BTreeSet<String>,
}

/// One set the new reading links to, as one of its rows says.
struct Linked {
    component: Option<String>,
    event_id: String,
    article_id: String,
    key: Option<String>,
    disagree: bool,
    action: String,
}

/// The rows of `m`'s bucket it links to: within the window (the same
/// comparison of midpoints as the grouping's, so the same ones at its
/// edge) and naming the same thing. Parameters: ?1 bucket, ?2 mid, ?3 the
/// event's id, ?4 the window, then one per action word (` word `).
fn linked_clause(m: &Made) -> String {
    let matching = if m.action.is_empty() {
        "1".to_owned()
    } else {
        let mut any = vec!["action = ''".to_owned()];
        any.extend((0..m.action.len()).map(|k| format!("instr(' ' || action || ' ', ?{}) > 0", 5 + k)));
        format!("({})", any.join(" OR "))
    };
    format!("bucket = ?1 AND mid BETWEEN ?2 - ?4 - 1e-6 AND ?2 + ?4 + 1e-6 AND abs(mid - ?2) <= ?4 AND event_id != ?3 AND {matching}")
}

fn words(action: &str) -> BTreeSet<String> {
    action.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// Joins the new reading `m` to the sets it links to, in place.
pub(crate) fn join(conn: &Connection, m: &Made) -> Result<()> {
    let clause = linked_clause(m);
    let mut base: Vec<Value> =
        vec![Value::Text(m.bucket.clone()), Value::Real(m.mid), Value::Text(m.event_id.clone()), Value::Real(WINDOW_YEARS)];
    base.extend(m.action.iter().map(|w| Value::Text(format!(" {w} "))));
    // One row per set it links to (an event linked to none is a set of its own).
    let sets: Vec<Linked> = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT component, event_id, article_id, group_key, disagree, action FROM event_readings
             WHERE {clause} GROUP BY coalesce(component, event_id)"
        ))?;
        let rows = stmt.query_map(params_from_iter(&base), |r| {
            Ok(Linked {
                component: r.get(0)?,
                event_id: r.get(1)?,
                article_id: r.get(2)?,
                key: r.get(3)?,
                disagree: r.get(4)?,
                action: r.get(5)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if sets.is_empty() {
        return Ok(()); // linked to nothing: a set of none
    }
    // A linked event of another article whose dates do not overlap its own.
    let n = base.len();
    let apart: bool = {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM event_readings WHERE {clause}
               AND article_id != ?{} AND (from_year >= ?{} OR to_year <= ?{}))",
            n + 1,
            n + 2,
            n + 3
        ))?;
        let mut all = base.clone();
        all.extend([Value::Text(m.article_id.clone()), Value::Real(m.to), Value::Real(m.from)]);
        stmt.query_row(params_from_iter(&all), |r| r.get(0))?
    };
    let mut shared = m.action.clone();
    let mut disagree = apart;
    let mut many_articles = false;
    let mut component = m.event_id.clone();
    let mut members_of = conn.prepare_cached("SELECT action FROM event_readings WHERE component = ?1")?;
    for set in &sets {
        let own: BTreeSet<String> = match (&set.component, &set.key) {
            // A group of several articles: its key holds the words all its events share.
            (Some(_), Some(key)) => {
                many_articles = true;
                disagree |= set.disagree;
                words(key.rsplit_once('|').map_or("", |(_, w)| w))
            }
            // One article's set: the words its events share, read from them.
            (Some(c), None) => {
                let mut acc: Option<BTreeSet<String>> = None;
                for action in members_of.query_map([c], |r| r.get::<_, String>(0))? {
                    let w = words(&action?);
                    acc = Some(match acc {
                        None => w,
                        Some(a) => a.intersection(&w).cloned().collect(),
                    });
                }
                acc.unwrap_or_default()
            }
            (None, _) => words(&set.action),
        };
        shared = shared.intersection(&own).cloned().collect();
        if set.key.is_none() && set.article_id != m.article_id {
            many_articles = true;
        }
        let id = set.component.as_ref().unwrap_or(&set.event_id);
        if *id < component {
            component = id.clone();
        }
    }
    let (key, disagree) = if many_articles {
        (Some(format!("{}|{}", m.bucket, shared.into_iter().collect::<Vec<_>>().join(" "))), disagree)
    } else {
        (None, false)
    };
    let mut by_set = conn.prepare_cached(
        "UPDATE event_readings SET component = ?1, group_key = ?2, disagree = ?3
         WHERE component = ?4 AND (component IS NOT ?1 OR group_key IS NOT ?2 OR disagree IS NOT ?3)",
    )?;
    let mut by_event =
        conn.prepare_cached("UPDATE event_readings SET component = ?1, group_key = ?2, disagree = ?3 WHERE event_id = ?4")?;
    for set in &sets {
        match &set.component {
            Some(c) => by_set.execute(params![component, key, disagree, c])?,
            None => by_event.execute(params![component, key, disagree, set.event_id])?,
        };
    }
    by_event.execute(params![component, key, disagree, m.event_id])?;
    Ok(())
}
