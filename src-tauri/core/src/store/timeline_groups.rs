//! The library timeline's groups, kept in `event_readings` (migration 0013)
//! and owned here. Triggers mark an article in `timeline_dirty` whenever
//! its events, hidden paragraphs or deletion change, on whichever path;
//! [`refresh`] then reads the labels of those articles' events again and
//! regroups, in each bucket (named event, or set of participants) they
//! left or entered, only the events within the grouping's window of years
//! of the changed dates and the sets those were linked into. Groups never
//! cross a bucket nor a link the window, so the groups kept are those a
//! grouping of the whole library would make. An import, which leaves no
//! reading behind, only adds links: its readings are joined to the sets
//! they link to (`timeline_join`) without regrouping those.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension};

use super::timeline_join::{join, Made};
use crate::error::Result;
use crate::timeline::agreement::{linked_sets, read_label, Item, Reading, READING_VERSION, WINDOW_YEARS};
use crate::timeline::GroupKind;
use crate::timex::TimexValue;

const VERSION_KEY: &str = "timeline.readings_version";

/// With this many articles changed (or nothing kept yet), the whole
/// library is grouped in one pass: one query and one insert per event
/// instead of a regroup per bucket.
const FULL_REBUILD_AT: usize = 500;

/// What grouping reads of the events the library timeline shows (not
/// hidden, not orphaned, not in a hidden paragraph, of an article not
/// deleted): id, article, value, end value, label, offset, article's seq.
fn visible_events_sql(one_article: bool) -> String {
    format!(
        "SELECT e.id, e.article_id, e.value, e.value_end, e.label, e.start, a.seq FROM events e JOIN articles a ON a.id = e.article_id
         WHERE {} a.deleted_at IS NULL AND e.hidden = 0 AND e.orphaned = 0
           AND NOT EXISTS (SELECT 1 FROM hidden_ranges r
                           WHERE r.article_id = e.article_id AND e.start >= r.start AND e.start < r.end)",
        if one_article { "e.article_id = ?1 AND" } else { "" }
    )
}

/// One visible event as grouping reads it: its id, article, span in
/// years (None when not on the calendar) and label's reading, with what
/// the timeline's windows keep of it.
type Visible = (String, String, Option<(f64, f64)>, Reading, Point);

fn reading_from(r: &rusqlite::Row) -> rusqlite::Result<Visible> {
    let value: String = r.get(2)?;
    let value_end: Option<String> = r.get(3)?;
    let label: String = r.get(4)?;
    let years = TimexValue::parse_range(&value, value_end.as_deref()).years();
    let reading = if years.is_some() { read_label(&label) } else { Reading::default() };
    let point = Point { start: r.get(5)?, article_seq: r.get(6)?, label_lc: label.to_lowercase() };
    Ok((r.get(0)?, r.get(1)?, years, reading, point))
}

/// One stored reading, with the group it was last found in.
struct Row {
    event_id: String,
    article_id: String,
    from: f64,
    to: f64,
    reading: Reading,
    /// As stored (part of the table's key): `(from + to) / 2`.
    mid: f64,
    component: Option<String>,
    key: Option<String>,
    disagree: bool,
}

/// A group whose articles disagree, as kept: its key and its events' ids.
pub(crate) struct KeptGroup {
    pub key: String,
    pub kind: GroupKind,
    pub event_ids: Vec<String>,
    /// How many events the group holds, when `event_ids` are a sample of them.
    pub total: Option<u32>,
}

/// Brings the kept groups up to date with the events; says how many
/// articles were read again. Runs inside the caller's transaction.
pub(crate) fn refresh(conn: &Connection) -> Result<usize> {
    let version: Option<String> = conn.query_row("SELECT value FROM settings WHERE key = ?1", [VERSION_KEY], |r| r.get(0)).optional()?;
    if version.as_deref() != Some(READING_VERSION.to_string().as_str()) {
        // Rules changed (or a library from before them): read every label again.
        conn.execute("DELETE FROM event_readings", [])?;
        conn.execute("INSERT OR IGNORE INTO timeline_dirty (article_id) SELECT id FROM articles", [])?;
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![VERSION_KEY, READING_VERSION.to_string()],
        )?;
    }
    let dirty: Vec<String> = {
        let mut stmt = conn.prepare("SELECT article_id FROM timeline_dirty")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if dirty.is_empty() {
        return Ok(0);
    }
    let nothing_kept: bool = conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM event_readings)", [], |r| r.get(0))?;
    if nothing_kept || dirty.len() >= FULL_REBUILD_AT {
        rebuild(conn)?;
        conn.execute("DELETE FROM timeline_dirty", [])?;
        return Ok(dirty.len());
    }
    // What changed, per bucket: the midpoints of the readings each dirty
    // article left and made, and the sets the readings it left were in.
    let mut changed: BTreeMap<String, Change> = BTreeMap::new();
    // Readings made for articles that left none: joined to the sets they
    // link to when no article left any (imports), else regrouped.
    let mut made: Vec<Made> = Vec::new();
    let mut any_left = false;
    {
        let mut old = conn.prepare_cached("SELECT bucket, mid, component FROM event_readings WHERE article_id = ?1")?;
        let mut forget = conn.prepare_cached("DELETE FROM event_readings WHERE article_id = ?1")?;
        let mut events = conn.prepare_cached(&visible_events_sql(true))?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO event_readings (event_id, article_id, bucket, named, action, from_year, to_year, mid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut forget_points = conn.prepare_cached("DELETE FROM timeline_points WHERE article_id = ?1")?;
        let mut insert_point = conn.prepare_cached(INSERT_POINT)?;
        for article in &dirty {
            forget_points.execute([article])?;
            let left = old.query_map([article], |r| Ok((r.get::<_, String>(0)?, r.get::<_, f64>(1)?, r.get::<_, Option<String>>(2)?)))?;
            for row in left {
                let (bucket, mid, component) = row?;
                any_left = true;
                let change = changed.entry(bucket).or_default();
                change.mids.push(mid);
                change.components.extend(component);
            }
            forget.execute([article])?;
            for row in events.query_map([article], reading_from)? {
                let (id, _, years, reading, point) = row?;
                let Some((from, to)) = years else { continue };
                point.insert(&mut insert_point, &id, article, from, to)?;
                let Some(kind) = reading.kind else { continue };
                let action = reading.action.iter().cloned().collect::<Vec<_>>().join(" ");
                let mid = (from + to) / 2.0;
                insert.execute(params![id, article, reading.bucket, kind == GroupKind::Named, action, from, to, mid])?;
                changed.entry(reading.bucket.clone()).or_default().mids.push(mid);
                made.push(Made {
                    event_id: id,
                    article_id: article.clone(),
                    bucket: reading.bucket,
                    mid,
                    from,
                    to,
                    action: reading.action,
                });
            }
        }
    }
    if any_left {
        for (bucket, change) in &changed {
            regroup(conn, bucket, change)?;
        }
    } else {
        for m in &made {
            join(conn, m)?;
        }
    }
    conn.execute("DELETE FROM timeline_dirty", [])?;
    Ok(dirty.len())
}

/// The readings of one bucket that a change left or made.
#[derive(Default)]
struct Change {
    mids: Vec<f64>,
    /// The sets of linked events that readings it left were in.
    components: BTreeSet<String>,
}

/// Reads every label of the library and groups it all in one pass. The
/// table's indexes are dropped for the bulk insert and made again after
/// (from their own SQL, as the migrations wrote it): building an index
/// once over sorted keys is several times faster than 500,000 inserts
/// into it.
fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM event_readings", [])?;
    // The cells' triggers would count half a million rows one by one: they
    // are made again once the cells are counted in one pass below.
    let triggers = drop_all(conn, "trigger", "timeline_points")?;
    conn.execute("DELETE FROM timeline_points", [])?;
    let mut rows: Vec<Row> = Vec::new();
    let mut points: Vec<(String, String, f64, f64, Point)> = Vec::new();
    {
        let mut stmt = conn.prepare(&visible_events_sql(false))?;
        for row in stmt.query_map([], reading_from)? {
            let (event_id, article_id, years, reading, point) = row?;
            let Some((from, to)) = years else { continue };
            points.push((event_id.clone(), article_id.clone(), from, to, point));
            if reading.kind.is_none() {
                continue;
            }
            rows.push(Row { event_id, article_id, from, to, mid: (from + to) / 2.0, reading, component: None, key: None, disagree: false });
        }
    }
    let found = group_rows(&rows);
    let mut order: Vec<usize> = (0..rows.len()).collect();
    // In key order, each insert appends to the table's b-tree.
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&rows[a], &rows[b]);
        x.reading.bucket.cmp(&y.reading.bucket).then(x.mid.total_cmp(&y.mid)).then(x.event_id.cmp(&y.event_id))
    });
    let indexes = drop_all(conn, "index", "event_readings")?;
    {
        let mut insert = conn.prepare(
            "INSERT INTO event_readings (event_id, article_id, bucket, named, action, from_year, to_year, component, group_key, disagree, mid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for i in order {
            let (row, (component, key, disagree)) = (&rows[i], &found[i]);
            let action = row.reading.action.iter().cloned().collect::<Vec<_>>().join(" ");
            let named = row.reading.kind == Some(GroupKind::Named);
            insert.execute(params![
                row.event_id,
                row.article_id,
                row.reading.bucket,
                named,
                action,
                row.from,
                row.to,
                component,
                key,
                disagree,
                row.mid
            ])?;
        }
    }
    for sql in &indexes {
        conn.execute(sql, [])?;
    }
    // The points in date order, for the same reason.
    points.sort_unstable_by(|a, b| a.2.total_cmp(&b.2).then(b.3.total_cmp(&a.3)).then(a.4.article_seq.cmp(&b.4.article_seq)));
    let indexes = drop_all(conn, "index", "timeline_points")?;
    {
        let mut insert = conn.prepare(INSERT_POINT)?;
        for (event_id, article_id, from, to, point) in &points {
            point.insert(&mut insert, event_id, article_id, *from, *to)?;
        }
    }
    for sql in &indexes {
        conn.execute(sql, [])?;
    }
    conn.execute("DELETE FROM timeline_cells", [])?;
    conn.execute("INSERT INTO timeline_cells (cell, events) SELECT cell, count(*) FROM timeline_points GROUP BY cell", [])?;
    for sql in &triggers {
        conn.execute(sql, [])?;
    }
    Ok(())
}

/// Drops the schema objects of `kind` ("index", "trigger") on `table` that
/// have SQL of their own (not the automatic indexes of constraints) before
/// a bulk insert; gives back their SQL, as the migrations wrote it, to make
/// them again after.
fn drop_all(conn: &Connection, kind: &str, table: &str) -> Result<Vec<String>> {
    let found: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_master WHERE type = ?1 AND tbl_name = ?2 AND sql IS NOT NULL")?;
        let rows = stmt.query_map([kind, table], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (name, _) in &found {
        conn.execute(&format!("DROP {} \"{}\"", kind.to_uppercase(), name.replace('"', "\"\"")), [])?;
    }
    Ok(found.into_iter().map(|(_, sql)| sql).collect())
}

/// What the timeline's windows keep of an event besides its id, article and years.
struct Point {
    start: u32,
    article_seq: i64,
    label_lc: String,
}

const INSERT_POINT: &str = "INSERT INTO timeline_points (event_id, article_id, article_seq, from_year, to_year, start, label_lc)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

impl Point {
    fn insert(&self, stmt: &mut rusqlite::Statement<'_>, event_id: &str, article_id: &str, from: f64, to: f64) -> Result<()> {
        stmt.execute(params![event_id, article_id, self.article_seq, from, to, self.start, self.label_lc])?;
        Ok(())
    }
}

/// Each row's set of linked events (its smallest event id), and for a
/// group of more than one article its key and flag.
fn group_rows(rows: &[Row]) -> Vec<(Option<String>, Option<String>, bool)> {
    let items: Vec<Item> = rows.iter().map(|r| Item { article: &r.article_id, from: r.from, to: r.to, reading: &r.reading }).collect();
    let mut found: Vec<(Option<String>, Option<String>, bool)> = vec![(None, None, false); rows.len()];
    for set in linked_sets(&items) {
        let component = set.members.iter().map(|&i| rows[i].event_id.as_str()).min().map(str::to_owned);
        let (key, disagree) = match set.group {
            Some((key, _, disagree)) => (Some(key), disagree),
            None => (None, false),
        };
        for &i in &set.members {
            found[i] = (component.clone(), key.clone(), disagree);
        }
    }
    found
}

/// Groups again the events of one bucket that a change can have moved
/// and writes the rows whose group changed. Events are only linked within
/// [`WINDOW_YEARS`] of each other, so those are the events near a changed
/// midpoint and every set of linked events they (or the readings the
/// change left) were in: no link leaves that set of events, before the
/// change or after it, so grouping it alone finds what grouping the whole
/// bucket would.
fn regroup(conn: &Connection, bucket: &str, change: &Change) -> Result<()> {
    let mut near = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM event_readings
         WHERE bucket = ?1 AND mid BETWEEN ?2 AND ?3"
    ))?;
    let mut in_set = conn.prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM event_readings WHERE component = ?1"))?;
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut components = change.components.clone();
    let mut keep = |row: Row, rows: &mut Vec<Row>, components: &mut BTreeSet<String>| {
        if seen.insert(row.event_id.clone()) {
            components.extend(row.component.clone());
            rows.push(row);
        }
    };
    // A hair wider than the window: reading one event too many is harmless
    // (its whole set is read with it), one too few is not.
    let reach = WINDOW_YEARS + 1e-6;
    for (from, to) in windows(&change.mids, reach) {
        for row in near.query_map(params![bucket, from, to], row_from)? {
            keep(row?, &mut rows, &mut components);
        }
    }
    for component in std::mem::take(&mut components) {
        for row in in_set.query_map([&component], row_from)? {
            let row = row?;
            // A set's events are in the same bucket; a stale one elsewhere is not this bucket's.
            if row.reading.bucket == bucket {
                keep(row, &mut rows, &mut BTreeSet::new());
            }
        }
    }
    let found = group_rows(&rows);
    let mut update = conn.prepare_cached(
        "UPDATE event_readings SET component = ?4, group_key = ?5, disagree = ?6 WHERE bucket = ?1 AND mid = ?2 AND event_id = ?3",
    )?;
    for (row, (component, key, disagree)) in rows.iter().zip(found) {
        if row.component != component || row.key != key || row.disagree != disagree {
            update.execute(params![row.reading.bucket, row.mid, row.event_id, component, key, disagree])?;
        }
    }
    Ok(())
}

/// The intervals of midpoints within `reach` of any of `mids`, merged.
fn windows(mids: &[f64], reach: f64) -> Vec<(f64, f64)> {
    let mut mids = mids.to_vec();
    mids.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, f64)> = Vec::new();
    for m in mids {
        match out.last_mut() {
            Some(last) if m - reach <= last.1 => last.1 = m + reach,
            _ => out.push((m - reach, m + reach)),
        }
    }
    out
}

const ROW_COLUMNS: &str = "event_id, article_id, named, action, from_year, to_year, component, group_key, disagree, bucket, mid";

fn row_from(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let named: bool = r.get(2)?;
    let action: String = r.get(3)?;
    Ok(Row {
        event_id: r.get(0)?,
        article_id: r.get(1)?,
        from: r.get(4)?,
        to: r.get(5)?,
        reading: Reading {
            bucket: r.get(9)?,
            kind: Some(if named { GroupKind::Named } else { GroupKind::Action }),
            action: action.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect(),
        },
        component: r.get(6)?,
        key: r.get(7)?,
        disagree: r.get(8)?,
        mid: r.get(10)?,
    })
}

/// The kept groups whose articles disagree, each with a sample of its
/// events: one per date span given (the earliest id), and the events
/// `also` names that are in it; `keep` says which groups to keep (by
/// their set). A group told by hundreds of articles is a few rows, not
/// hundreds.
pub(crate) fn disagreeing_sampled(
    conn: &Connection,
    keep: impl Fn(&str) -> Result<bool>,
    also: impl Fn(&str, &str) -> Result<Vec<String>>,
) -> Result<Vec<KeptGroup>> {
    let sets: Vec<(String, String, bool, u32)> = {
        let mut stmt =
            conn.prepare("SELECT component, group_key, named, count(*) FROM event_readings WHERE disagree = 1 GROUP BY component")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut sample = conn.prepare_cached("SELECT min(event_id) FROM event_readings WHERE component = ?1 GROUP BY from_year, to_year")?;
    let mut out = Vec::new();
    for (component, key, named, total) in sets {
        if !keep(&component)? {
            continue;
        }
        let mut event_ids: Vec<String> = sample.query_map([&component], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in also(&component, &key)? {
            if !event_ids.contains(&id) {
                event_ids.push(id);
            }
        }
        out.push(KeptGroup { key, kind: if named { GroupKind::Named } else { GroupKind::Action }, event_ids, total: Some(total) });
    }
    Ok(out)
}

/// The kept groups whose articles disagree.
pub(crate) fn disagreeing(conn: &Connection) -> Result<Vec<KeptGroup>> {
    let mut stmt =
        conn.prepare("SELECT component, group_key, named, event_id FROM event_readings WHERE disagree = 1 ORDER BY component, event_id")?;
    let mut out: Vec<KeptGroup> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let rows =
        stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, String>(3)?)))?;
    for row in rows {
        let (component, key, named, event_id) = row?;
        let n = *index.entry(component).or_insert_with(|| {
            out.push(KeptGroup { key, kind: if named { GroupKind::Named } else { GroupKind::Action }, event_ids: Vec::new(), total: None });
            out.len() - 1
        });
        out[n].event_ids.push(event_id);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::windows;

    #[test]
    fn changed_dates_make_one_window_each_unless_their_windows_touch() {
        assert_eq!(windows(&[], 25.0), []);
        assert_eq!(windows(&[2001.5], 25.0), [(1976.5, 2026.5)]);
        // Out of order, two within reach of each other, one far away.
        assert_eq!(windows(&[1900.0, 2001.5, 1940.0], 25.0), [(1875.0, 1965.0), (1976.5, 2026.5)]);
        // Windows that just meet are one.
        assert_eq!(windows(&[1800.0, 1850.0], 25.0), [(1775.0, 1875.0)]);
    }
}
