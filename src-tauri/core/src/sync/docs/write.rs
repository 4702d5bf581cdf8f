//! Rows to documents: make a document say what the rows say, with an
//! operation only for what differs.

use std::collections::HashMap;

use automerge::transaction::Transactable;
use automerge::{hydrate, AutoCommit, ObjType, ReadDoc, ScalarValue, TextEncoding, ROOT};

use super::{am, object_of, record, root, EventJson, Fields, MarkJson, Scalars, VerdictJson};
use crate::error::{Error, Result};
use crate::store::{
    ReplicaArticle, ReplicaArticleNote, ReplicaEvent, ReplicaHidden, ReplicaHighlight, ReplicaNotes, StoredMark, StoredVerdict,
};
use crate::timeline::ChronologyWarning;

fn opt(s: Option<&str>) -> ScalarValue {
    s.map_or(ScalarValue::Null, |s| ScalarValue::Str(s.into()))
}

fn text(s: &str) -> ScalarValue {
    ScalarValue::Str(s.into())
}

/// A record kept as a map under a root key: its scalar fields, the text of
/// its note (highlights and notes on the article) and its tags (highlights).
struct Wanted<'a> {
    scalars: Vec<(&'static str, ScalarValue)>,
    note: Option<&'a str>,
    tags: Option<HashMap<String, &'a String>>,
}

impl Wanted<'_> {
    /// The record as a new object, made in one batch.
    fn value(&self, encoding: TextEncoding) -> hydrate::Value {
        let mut map: HashMap<String, hydrate::Value> =
            self.scalars.iter().map(|(k, v)| ((*k).to_owned(), hydrate::Value::Scalar(v.clone()))).collect();
        if let Some(note) = self.note {
            map.insert("note".to_owned(), hydrate::Value::text(encoding, note));
        }
        if let Some(tags) = &self.tags {
            map.insert("tags".to_owned(), tags_value(tags));
        }
        hydrate::Value::Map(map.into())
    }
}

fn tags_value(tags: &HashMap<String, &String>) -> hydrate::Value {
    let map: HashMap<String, hydrate::Value> = tags.iter().map(|(k, v)| (k.clone(), hydrate::Value::Scalar(text(v)))).collect();
    hydrate::Value::Map(map.into())
}

fn article_record(a: &ReplicaArticle) -> Wanted<'_> {
    let scalars = vec![
        ("title", text(&a.title)),
        ("byline", opt(a.byline.as_deref())),
        ("site", opt(a.site.as_deref())),
        ("sourceUrl", opt(a.source_url.as_deref())),
        ("sourceKind", text(a.source_kind.as_str())),
        ("published", opt(a.published.map(|p| p.to_string()).as_deref())),
        ("importedAt", text(&a.imported_at)),
        ("lang", opt(a.lang.as_deref())),
        ("dir", opt(a.dir.as_deref())),
        ("contentHash", text(&a.content_hash)),
        ("deletedAt", opt(a.deleted_at.as_deref())),
    ];
    Wanted { scalars, note: None, tags: None }
}

fn highlight_record(w: &ReplicaHighlight) -> Wanted<'_> {
    let h = &w.highlight;
    let scalars = vec![
        ("start", ScalarValue::Int(h.start.into())),
        ("end", ScalarValue::Int(h.end.into())),
        ("exact", text(&h.exact)),
        ("prefix", text(&h.prefix)),
        ("suffix", text(&h.suffix)),
        ("color", text(h.color.as_str())),
        ("orphaned", ScalarValue::Boolean(h.orphaned)),
        ("createdAt", text(&h.created_at)),
        ("updatedAt", text(&h.updated_at)),
        ("anchoredTo", text(&w.anchored_to)),
        ("deletedAt", opt(w.deleted_at.as_deref())),
    ];
    let tags = h.tags.iter().map(|t| (t.to_lowercase(), t)).collect();
    Wanted { scalars, note: Some(&h.note), tags: Some(tags) }
}

fn article_note_record(w: &ReplicaArticleNote) -> Wanted<'_> {
    let n = &w.note;
    let scalars = vec![("createdAt", text(&n.created_at)), ("updatedAt", text(&n.updated_at)), ("deletedAt", opt(w.deleted_at.as_deref()))];
    Wanted { scalars, note: Some(&n.note), tags: None }
}

/// Makes the map under the root's `key` say `wanted`. `current`: that map as
/// it is now (None: there is none, so it is made whole). Nothing is looked up
/// in the document unless something differs.
fn write_record(doc: &mut AutoCommit, current: Option<Fields<'_>>, key: &str, wanted: &Wanted<'_>) -> Result<()> {
    let Some(current) = current else {
        let value = wanted.value(doc.text_encoding());
        doc.batch_create_object(ROOT, key, &value, false).map_err(am)?;
        return Ok(());
    };
    let scalars: Vec<&(&str, ScalarValue)> = wanted.scalars.iter().filter(|(k, v)| current.scalar(k) != Some(v)).collect();
    let note = wanted.note.filter(|n| current.text("note").as_deref() != Some(*n));
    let tags = wanted.tags.as_ref().filter(|t| !same_tags(current.map("tags"), t));
    if scalars.is_empty() && note.is_none() && tags.is_none() {
        return Ok(());
    }
    let Some(obj) = object_of(doc, &ROOT, key)? else { return Err(Error::Invalid(format!("the sync record {key} went missing"))) };
    for (k, v) in scalars {
        doc.put(&obj, *k, v.clone()).map_err(am)?;
    }
    if let Some(note) = note {
        // As a diff applied as splices: an edit made meanwhile on another
        // device to another part of the note survives the merge.
        match object_of(doc, &obj, "note")? {
            Some(t) => doc.update_text(&t, note).map_err(am)?,
            None => {
                let t = doc.put_object(&obj, "note", ObjType::Text).map_err(am)?;
                doc.splice_text(&t, 0, 0, note).map_err(am)?;
            }
        }
    }
    if let Some(tags) = tags {
        match (current.map("tags"), object_of(doc, &obj, "tags")?) {
            (Some(present), Some(t)) => {
                for key in present.keys() {
                    if !tags.contains_key(key) {
                        doc.delete(&t, key).map_err(am)?;
                    }
                }
                for (lower, spelling) in tags {
                    if present.str(lower).as_ref() != Some(*spelling) {
                        doc.put(&t, lower.as_str(), text(spelling)).map_err(am)?;
                    }
                }
            }
            _ => {
                doc.batch_create_object(&obj, "tags", &tags_value(tags), false).map_err(am)?;
            }
        }
    }
    Ok(())
}

fn same_tags(present: Option<Fields<'_>>, wanted: &HashMap<String, &String>) -> bool {
    present.is_some_and(|p| p.0.iter().count() == wanted.len() && wanted.iter().all(|(k, v)| p.str(k).as_ref() == Some(*v)))
}

/// Sets the root's `key` to `value` unless it already holds it.
fn set(doc: &mut AutoCommit, key: &str, value: ScalarValue) -> Result<()> {
    let current = match doc.get(ROOT, key).map_err(am)? {
        Some((automerge::Value::Scalar(s), _)) => Some(s.into_owned()),
        _ => None,
    };
    if current.as_ref() != Some(&value) {
        doc.put(ROOT, key, value).map_err(am)?;
    }
    Ok(())
}

/// Makes the root's keys that start with `prefix` exactly `wanted` (JSON text each).
fn sync_keys(doc: &mut AutoCommit, root: Fields<'_>, prefix: &str, wanted: &Scalars) -> Result<()> {
    for key in root.keys() {
        if key.starts_with(prefix) && !wanted.contains_key(key) {
            doc.delete(ROOT, key).map_err(am)?;
        }
    }
    for (key, value) in wanted {
        if root.str(key).as_ref() != Some(value) {
            doc.put(ROOT, key.as_str(), text(value)).map_err(am)?;
        }
    }
    Ok(())
}

/// A document with nothing in it yet (no root key, no change).
fn is_empty(doc: &mut AutoCommit) -> bool {
    doc.length(ROOT) == 0 && doc.get_heads().is_empty()
}

/// Makes an empty document's root `entries` in one batch.
fn init(doc: &mut AutoCommit, entries: HashMap<String, hydrate::Value>) -> Result<()> {
    doc.init_root_from_hydrate(&entries.into()).map_err(am)
}

/// Makes the catalogue's entry for the article say what `a` says.
pub fn write_article(doc: &mut AutoCommit, a: &ReplicaArticle) -> Result<()> {
    let key = format!("a/{}", a.id);
    let current = record(doc, &key)?;
    write_record(doc, current.as_ref().map(Fields), &key, &article_record(a))
}

/// Makes the catalogue hold a synced setting's value (`s/<key>`, JSON text:
/// the last writer wins).
pub fn write_setting(doc: &mut AutoCommit, key: &str, value: &serde_json::Value) -> Result<()> {
    set(doc, &format!("s/{key}"), text(&value.to_string()))
}

fn verdict_json(v: &StoredVerdict) -> Result<String> {
    let json = VerdictJson { right: v.right.clone(), updated_at: v.updated_at.clone() };
    serde_json::to_string(&json).map_err(|e| Error::Invalid(format!("cannot record a verdict: {e}")))
}

/// Makes the catalogue hold the verdict on the disagreement `key` as the row
/// has it, or none (taken back).
pub fn write_verdict(doc: &mut AutoCommit, key: &str, verdict: Option<&StoredVerdict>) -> Result<()> {
    let doc_key = format!("v/{key}");
    match verdict {
        Some(v) => set(doc, &doc_key, text(&verdict_json(v)?)),
        None if doc.get(ROOT, doc_key.as_str()).map_err(am)?.is_some() => doc.delete(ROOT, doc_key.as_str()).map_err(am),
        None => Ok(()),
    }
}

/// Makes the catalogue say what a library holds: its synced settings, its
/// verdicts on disagreements and every article's entry (in one batch when
/// the catalogue is new, as at a library's first sync).
pub fn write_catalogue(
    doc: &mut AutoCommit,
    settings: &[(String, serde_json::Value)],
    verdicts: &[StoredVerdict],
    articles: &[ReplicaArticle],
) -> Result<()> {
    if !is_empty(doc) {
        settings.iter().try_for_each(|(k, v)| write_setting(doc, k, v))?;
        verdicts.iter().try_for_each(|v| write_verdict(doc, &v.key, Some(v)))?;
        return articles.iter().try_for_each(|a| write_article(doc, a));
    }
    let encoding = doc.text_encoding();
    let mut entries = HashMap::new();
    for (key, value) in settings {
        entries.insert(format!("s/{key}"), hydrate::Value::Scalar(text(&value.to_string())));
    }
    for v in verdicts {
        entries.insert(format!("v/{}", v.key), hydrate::Value::Scalar(text(&verdict_json(v)?)));
    }
    for a in articles {
        entries.insert(format!("a/{}", a.id), article_record(a).value(encoding));
    }
    init(doc, entries)
}

/// Records one highlight as it now is: only its own map is read, so the cost
/// does not grow with the article's other highlights.
pub fn write_highlight(doc: &mut AutoCommit, w: &ReplicaHighlight) -> Result<()> {
    let key = format!("h/{}", w.highlight.id);
    let current = record(doc, &key)?;
    write_record(doc, current.as_ref().map(Fields), &key, &highlight_record(w))
}

fn event_json(e: &ReplicaEvent) -> Result<String> {
    let json = EventJson { event: e.event.clone(), anchored_to: e.anchored_to.clone(), updated_at: e.updated_at.clone() };
    serde_json::to_string(&json).map_err(|err| Error::Invalid(format!("cannot record an event: {err}")))
}

/// Makes the document hold the event as it now is.
pub fn write_event(doc: &mut AutoCommit, e: &ReplicaEvent) -> Result<()> {
    set(doc, &format!("e/{}", e.event.id), text(&event_json(e)?))
}

fn hidden_json(h: &ReplicaHidden) -> String {
    serde_json::json!({ "end": h.end, "anchoredTo": h.anchored_to, "words": h.words }).to_string()
}

fn marks_wanted(marks: &[StoredMark]) -> Result<Scalars> {
    let mut wanted = HashMap::new();
    for m in marks {
        let json = MarkJson {
            exact: m.exact.clone(),
            mark: m.mark,
            warning: ChronologyWarning { mark: None, ..m.warning.clone() },
            updated_at: m.updated_at.clone(),
        };
        let json = serde_json::to_string(&json).map_err(|e| Error::Invalid(format!("cannot record a warning verdict: {e}")))?;
        wanted.insert(format!("w/{}:{}:{}", m.start, m.end, m.kind.as_str()), json);
    }
    Ok(wanted)
}

/// Makes the document hold exactly the article's verdicts on its warnings
/// (one taken back is deleted from it).
pub fn write_marks(doc: &mut AutoCommit, marks: &[StoredMark]) -> Result<()> {
    let wanted = marks_wanted(marks)?;
    let root = root(doc)?;
    sync_keys(doc, Fields(&root), "w/", &wanted)
}

/// Makes an article's document say what its rows say. Highlights are never
/// taken out of it: a deleted one is in the trash (`deletedAt`), with its note.
pub fn write_notes(doc: &mut AutoCommit, notes: &ReplicaNotes) -> Result<()> {
    let hidden: Scalars = notes.hidden.iter().map(|h| (format!("p/{}", h.start), hidden_json(h))).collect();
    let marks = marks_wanted(&notes.marks)?;
    let highlights = notes.highlights.iter().map(|h| (format!("h/{}", h.highlight.id), highlight_record(h)));
    let article_notes = notes.article_notes.iter().map(|n| (format!("n/{}", n.note.id), article_note_record(n)));
    let records: Vec<(String, Wanted<'_>)> = highlights.chain(article_notes).collect();
    let mut events = Scalars::new();
    for e in &notes.events {
        events.insert(format!("e/{}", e.event.id), event_json(e)?);
    }
    if is_empty(doc) {
        let encoding = doc.text_encoding();
        let mut entries: HashMap<String, hydrate::Value> = records.iter().map(|(k, w)| (k.clone(), w.value(encoding))).collect();
        for (k, v) in events.into_iter().chain(hidden).chain(marks) {
            entries.insert(k, hydrate::Value::Scalar(text(&v)));
        }
        return init(doc, entries);
    }
    let root = root(doc)?;
    let fields = Fields(&root);
    for (key, wanted) in &records {
        write_record(doc, fields.map(key), key, wanted)?;
    }
    // Events are never taken out: one the reader stopped hiding is written as it now is.
    for (key, json) in &events {
        if fields.str(key).as_ref() != Some(json) {
            doc.put(ROOT, key.as_str(), text(json)).map_err(am)?;
        }
    }
    sync_keys(doc, fields, "p/", &hidden)?;
    sync_keys(doc, fields, "w/", &marks)
}
