//! How the reader's data is laid out in the Automerge documents, and the two
//! directions between documents and rows: `write_*` makes a document say what
//! the rows say (only what differs becomes an operation), `read_*` reads the
//! rows a document describes.
//!
//! Every object is created by the one device that creates the record it holds
//! (an article's entry by the device that imported it, a highlight's map and
//! its note by the device that made it), each under its own root key, so two
//! devices never create the same object concurrently (Automerge would keep
//! only one of them). Values that two devices may set at once are scalars
//! (last writer wins, the same winner everywhere) or text (both edits kept).
//!
//! - catalogue (`catalogue`): `a/<article id>` → map of the article's
//!   details; `s/<key>` → a synced setting's value as JSON text.
//! - one document per article (`article:<id>`): `h/<highlight id>` → map with
//!   the highlight's span, colour, times, `deleted_at`, `tags` (map of lower
//!   case → spelling) and `note` (text); `n/<note id>` → a note on the whole
//!   article (map with `note` as text); `p/<start>` → a hidden paragraph and
//!   `e/<event id>` → an event the reader made, corrected or hid, and
//!   `w/<start>:<end>:<kind>` → a verdict on a chronology warning (JSON
//!   scalars: the last writer wins).
//! - the catalogue also holds `v/<group key>` → a verdict on a disagreement
//!   between articles (JSON; the key is derived from the events' content,
//!   the same on every device).

use std::collections::{BTreeMap, HashMap};

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};

use crate::error::{Error, Result};
use crate::highlight::{Color, Highlight};
use crate::model::SourceKind;
use crate::model::{ArticleNote, NewEvent};
use crate::store::{
    ReplicaArticle, ReplicaArticleNote, ReplicaEvent, ReplicaHidden, ReplicaHighlight, ReplicaNotes, StoredMark, StoredVerdict,
    VerdictEvent,
};
use crate::timeline::{ChronologyWarning, WarningKind, WarningMark};

pub const CATALOGUE: &str = "catalogue";

pub fn article_doc(article_id: &str) -> String {
    format!("article:{article_id}")
}

/// The article a document id names, if it names one.
pub fn article_of_doc(doc_id: &str) -> Option<&str> {
    doc_id.strip_prefix("article:")
}

fn am(e: automerge::AutomergeError) -> Error {
    Error::Invalid(format!("sync document: {e}"))
}

fn scalar_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<Option<ScalarValue>> {
    Ok(match doc.get(obj, key).map_err(am)? {
        Some((Value::Scalar(s), _)) => Some(s.into_owned()),
        _ => None,
    })
}

fn str_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<Option<String>> {
    Ok(match scalar_of(doc, obj, key)? {
        Some(ScalarValue::Str(s)) => Some(s.to_string()),
        _ => None,
    })
}

fn int_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<i64> {
    Ok(match scalar_of(doc, obj, key)? {
        Some(ScalarValue::Int(i)) => i,
        Some(ScalarValue::Uint(u)) => i64::try_from(u).unwrap_or(0),
        _ => 0,
    })
}

fn u32_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<u32> {
    Ok(u32::try_from(int_of(doc, obj, key)?).unwrap_or(0))
}

fn bool_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<bool> {
    Ok(matches!(scalar_of(doc, obj, key)?, Some(ScalarValue::Boolean(true))))
}

fn object_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<Option<ObjId>> {
    Ok(match doc.get(obj, key).map_err(am)? {
        Some((Value::Object(_), id)) => Some(id),
        _ => None,
    })
}

/// Sets `key` to `value` unless it already holds it (`fresh`: the object
/// was just made, nothing to compare with, as when a library that starts to
/// sync records what it holds; reading before each write doubled that time).
fn set(doc: &mut AutoCommit, fresh: bool, obj: &ObjId, key: &str, value: ScalarValue) -> Result<()> {
    if fresh || scalar_of(doc, obj, key)?.as_ref() != Some(&value) {
        doc.put(obj, key, value).map_err(am)?;
    }
    Ok(())
}

fn opt(s: Option<&str>) -> ScalarValue {
    s.map_or(ScalarValue::Null, |s| ScalarValue::Str(s.into()))
}

fn text(s: &str) -> ScalarValue {
    ScalarValue::Str(s.into())
}

/// The map under `key`, made when missing.
fn map_at(doc: &mut AutoCommit, fresh: bool, obj: &ObjId, key: &str, kind: ObjType) -> Result<ObjId> {
    if fresh {
        return doc.put_object(obj, key, kind).map_err(am);
    }
    match object_of(doc, obj, key)? {
        Some(id) => Ok(id),
        None => doc.put_object(obj, key, kind).map_err(am),
    }
}

/// Makes the catalogue's entry for the article say what `a` says.
pub fn write_article(doc: &mut AutoCommit, fresh: bool, a: &ReplicaArticle) -> Result<()> {
    let obj = map_at(doc, fresh, &ROOT, &format!("a/{}", a.id), ObjType::Map)?;
    set(doc, fresh, &obj, "title", text(&a.title))?;
    set(doc, fresh, &obj, "byline", opt(a.byline.as_deref()))?;
    set(doc, fresh, &obj, "site", opt(a.site.as_deref()))?;
    set(doc, fresh, &obj, "sourceUrl", opt(a.source_url.as_deref()))?;
    set(doc, fresh, &obj, "sourceKind", text(a.source_kind.as_str()))?;
    set(doc, fresh, &obj, "published", opt(a.published.map(|p| p.to_string()).as_deref()))?;
    set(doc, fresh, &obj, "importedAt", text(&a.imported_at))?;
    set(doc, fresh, &obj, "lang", opt(a.lang.as_deref()))?;
    set(doc, fresh, &obj, "dir", opt(a.dir.as_deref()))?;
    set(doc, fresh, &obj, "contentHash", text(&a.content_hash))?;
    set(doc, fresh, &obj, "deletedAt", opt(a.deleted_at.as_deref()))
}

/// Makes the catalogue hold a synced setting's value (`s/<key>`, JSON text:
/// the last writer wins).
pub fn write_setting(doc: &mut AutoCommit, fresh: bool, key: &str, value: &serde_json::Value) -> Result<()> {
    set(doc, fresh, &ROOT, &format!("s/{key}"), text(&value.to_string()))
}

/// The synced settings the catalogue holds (unreadable values passed over).
pub fn read_settings(doc: &AutoCommit) -> Result<Vec<(String, serde_json::Value)>> {
    let mut out = Vec::new();
    for key in doc.keys(ROOT).filter(|k| k.starts_with("s/")) {
        let Some(raw) = str_of(doc, &ROOT, &key)? else { continue };
        if let Ok(value) = serde_json::from_str(&raw) {
            out.push((key["s/".len()..].to_owned(), value));
        }
    }
    Ok(out)
}

/// Every article the catalogue holds, by id.
pub fn read_articles(doc: &AutoCommit) -> Result<BTreeMap<String, ReplicaArticle>> {
    let mut out = BTreeMap::new();
    for key in doc.keys(ROOT).filter(|k| k.starts_with("a/")) {
        let id = &key["a/".len()..];
        if let Some(article) = read_article(doc, id)? {
            out.insert(id.to_owned(), article);
        }
    }
    Ok(out)
}

/// One article's catalogue entry, when the catalogue holds all of it (not
/// when a change of it is still on its way).
pub fn read_article(doc: &AutoCommit, id: &str) -> Result<Option<ReplicaArticle>> {
    let Some(obj) = object_of(doc, &ROOT, &format!("a/{id}"))? else { return Ok(None) };
    let (Some(title), Some(hash), Some(imported_at)) =
        (str_of(doc, &obj, "title")?, str_of(doc, &obj, "contentHash")?, str_of(doc, &obj, "importedAt")?)
    else {
        return Ok(None);
    };
    let kind = str_of(doc, &obj, "sourceKind")?.and_then(|k| SourceKind::parse(&k)).unwrap_or(SourceKind::Text);
    Ok(Some(ReplicaArticle {
        id: id.to_owned(),
        title,
        byline: str_of(doc, &obj, "byline")?,
        site: str_of(doc, &obj, "site")?,
        source_url: str_of(doc, &obj, "sourceUrl")?,
        source_kind: kind,
        published: str_of(doc, &obj, "published")?.and_then(|p| p.parse().ok()),
        imported_at,
        lang: str_of(doc, &obj, "lang")?,
        dir: str_of(doc, &obj, "dir")?,
        content_hash: hash,
        deleted_at: str_of(doc, &obj, "deletedAt")?,
    }))
}

pub fn write_highlight(doc: &mut AutoCommit, fresh: bool, w: &ReplicaHighlight) -> Result<()> {
    let h = &w.highlight;
    let obj = map_at(doc, fresh, &ROOT, &format!("h/{}", h.id), ObjType::Map)?;
    set(doc, fresh, &obj, "start", ScalarValue::Int(h.start.into()))?;
    set(doc, fresh, &obj, "end", ScalarValue::Int(h.end.into()))?;
    set(doc, fresh, &obj, "exact", text(&h.exact))?;
    set(doc, fresh, &obj, "prefix", text(&h.prefix))?;
    set(doc, fresh, &obj, "suffix", text(&h.suffix))?;
    set(doc, fresh, &obj, "color", text(h.color.as_str()))?;
    set(doc, fresh, &obj, "orphaned", ScalarValue::Boolean(h.orphaned))?;
    set(doc, fresh, &obj, "createdAt", text(&h.created_at))?;
    set(doc, fresh, &obj, "updatedAt", text(&h.updated_at))?;
    set(doc, fresh, &obj, "anchoredTo", text(&w.anchored_to))?;
    set(doc, fresh, &obj, "deletedAt", opt(w.deleted_at.as_deref()))?;
    write_text(doc, fresh, &obj, "note", &h.note)?;
    let tags = map_at(doc, fresh, &obj, "tags", ObjType::Map)?;
    let wanted: HashMap<String, &String> = h.tags.iter().map(|t| (t.to_lowercase(), t)).collect();
    let present: Vec<String> = if fresh { Vec::new() } else { doc.keys(&tags).collect() };
    for key in present {
        if !wanted.contains_key(&key) {
            doc.delete(&tags, key.as_str()).map_err(am)?;
        }
    }
    for (lower, spelling) in wanted {
        set(doc, fresh, &tags, &lower, text(spelling))?;
    }
    Ok(())
}

fn read_highlight(doc: &AutoCommit, obj: &ObjId, id: &str, article_id: &str) -> Result<Option<ReplicaHighlight>> {
    let (Some(created_at), Some(anchored_to)) = (str_of(doc, obj, "createdAt")?, str_of(doc, obj, "anchoredTo")?) else {
        return Ok(None);
    };
    let note = read_text(doc, obj, "note")?;
    let mut tags = Vec::new();
    if let Some(t) = object_of(doc, obj, "tags")? {
        for key in doc.keys(&t) {
            tags.push(str_of(doc, &t, &key)?.unwrap_or(key));
        }
    }
    tags.sort_by_key(|t| t.to_lowercase());
    let color = str_of(doc, obj, "color")?.and_then(|c| c.parse::<Color>().ok()).unwrap_or_default();
    let highlight = Highlight {
        id: id.to_owned(),
        article_id: article_id.to_owned(),
        start: u32_of(doc, obj, "start")?,
        end: u32_of(doc, obj, "end")?,
        exact: str_of(doc, obj, "exact")?.unwrap_or_default(),
        prefix: str_of(doc, obj, "prefix")?.unwrap_or_default(),
        suffix: str_of(doc, obj, "suffix")?.unwrap_or_default(),
        color,
        note,
        tags,
        orphaned: bool_of(doc, obj, "orphaned")?,
        updated_at: str_of(doc, obj, "updatedAt")?.unwrap_or_else(|| created_at.clone()),
        created_at,
    };
    Ok(Some(ReplicaHighlight { highlight, anchored_to, deleted_at: str_of(doc, obj, "deletedAt")? }))
}

/// Makes the text under `key` read `value`, as a diff applied as splices: an
/// edit made meanwhile on another device to another part of it survives the merge.
fn write_text(doc: &mut AutoCommit, fresh: bool, obj: &ObjId, key: &str, value: &str) -> Result<()> {
    let text = map_at(doc, fresh, obj, key, ObjType::Text)?;
    if fresh {
        if !value.is_empty() {
            doc.splice_text(&text, 0, 0, value).map_err(am)?;
        }
        return Ok(());
    }
    if doc.text(&text).map_err(am)? != value {
        doc.update_text(&text, value).map_err(am)?;
    }
    Ok(())
}

fn read_text(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<String> {
    match object_of(doc, obj, key)? {
        Some(t) => doc.text(&t).map_err(am),
        None => Ok(String::new()),
    }
}

fn write_article_note(doc: &mut AutoCommit, fresh: bool, w: &ReplicaArticleNote) -> Result<()> {
    let n = &w.note;
    let obj = map_at(doc, fresh, &ROOT, &format!("n/{}", n.id), ObjType::Map)?;
    set(doc, fresh, &obj, "createdAt", text(&n.created_at))?;
    set(doc, fresh, &obj, "updatedAt", text(&n.updated_at))?;
    set(doc, fresh, &obj, "deletedAt", opt(w.deleted_at.as_deref()))?;
    write_text(doc, fresh, &obj, "note", &n.note)
}

fn read_article_note(doc: &AutoCommit, obj: &ObjId, id: &str, article_id: &str) -> Result<Option<ReplicaArticleNote>> {
    let Some(created_at) = str_of(doc, obj, "createdAt")? else { return Ok(None) };
    let note = ArticleNote {
        id: id.to_owned(),
        article_id: article_id.to_owned(),
        note: read_text(doc, obj, "note")?,
        updated_at: str_of(doc, obj, "updatedAt")?.unwrap_or_else(|| created_at.clone()),
        created_at,
    };
    Ok(Some(ReplicaArticleNote { note, deleted_at: str_of(doc, obj, "deletedAt")? }))
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventJson {
    event: NewEvent,
    anchored_to: String,
    updated_at: String,
}

/// Makes the document hold the event as it now is.
pub fn write_event(doc: &mut AutoCommit, fresh: bool, e: &ReplicaEvent) -> Result<()> {
    let json = EventJson { event: e.event.clone(), anchored_to: e.anchored_to.clone(), updated_at: e.updated_at.clone() };
    let json = serde_json::to_string(&json).map_err(|err| Error::Invalid(format!("cannot record an event: {err}")))?;
    set(doc, fresh, &ROOT, &format!("e/{}", e.event.id), text(&json))
}

fn hidden_json(h: &ReplicaHidden) -> String {
    serde_json::json!({ "end": h.end, "anchoredTo": h.anchored_to, "words": h.words }).to_string()
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct MarkJson {
    exact: String,
    mark: WarningMark,
    warning: ChronologyWarning,
    updated_at: String,
}

fn mark_key(m: &StoredMark) -> String {
    format!("w/{}:{}:{}", m.start, m.end, m.kind.as_str())
}

/// Makes the document hold exactly the article's verdicts on its warnings
/// (one taken back is deleted from it).
pub fn write_marks(doc: &mut AutoCommit, fresh: bool, marks: &[StoredMark]) -> Result<()> {
    let mut wanted = HashMap::new();
    for m in marks {
        let json = MarkJson {
            exact: m.exact.clone(),
            mark: m.mark,
            warning: ChronologyWarning { mark: None, ..m.warning.clone() },
            updated_at: m.updated_at.clone(),
        };
        let json = serde_json::to_string(&json).map_err(|e| Error::Invalid(format!("cannot record a warning verdict: {e}")))?;
        wanted.insert(mark_key(m), json);
    }
    sync_keys(doc, fresh, "w/", &wanted)
}

/// Makes the root's keys that start with `prefix` exactly `wanted`.
fn sync_keys(doc: &mut AutoCommit, fresh: bool, prefix: &str, wanted: &HashMap<String, String>) -> Result<()> {
    let present: Vec<String> = if fresh { Vec::new() } else { doc.keys(ROOT).filter(|k| k.starts_with(prefix)).collect() };
    for key in present {
        if !wanted.contains_key(&key) {
            doc.delete(ROOT, key.as_str()).map_err(am)?;
        }
    }
    for (key, value) in wanted {
        set(doc, fresh, &ROOT, key, text(value))?;
    }
    Ok(())
}

/// A warning verdict from its key and value; None when either is not one.
fn read_mark(key: &str, raw: &str) -> Option<StoredMark> {
    let mut parts = key.splitn(3, ':');
    let start = parts.next()?.parse().ok()?;
    let end = parts.next()?.parse().ok()?;
    let kind = WarningKind::parse(parts.next()?)?;
    let json: MarkJson = serde_json::from_str(raw).ok()?;
    // The key says which warning it is: a value that says otherwise is not believed.
    let warning = ChronologyWarning { kind, mark: None, ..json.warning };
    Some(StoredMark { start, end, exact: json.exact, kind, mark: json.mark, warning, updated_at: json.updated_at })
}

/// Longest disagreement key taken from another device (a key is a few names and words).
const MAX_VERDICT_KEY: usize = 2048;

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct VerdictJson {
    right: Option<VerdictEvent>,
    updated_at: String,
}

/// Makes the catalogue hold the verdict on the disagreement `key` as the row
/// has it, or none (taken back).
pub fn write_verdict(doc: &mut AutoCommit, fresh: bool, key: &str, verdict: Option<&StoredVerdict>) -> Result<()> {
    let doc_key = format!("v/{key}");
    match verdict {
        Some(v) => {
            let json = VerdictJson { right: v.right.clone(), updated_at: v.updated_at.clone() };
            let json = serde_json::to_string(&json).map_err(|e| Error::Invalid(format!("cannot record a verdict: {e}")))?;
            set(doc, fresh, &ROOT, &doc_key, text(&json))
        }
        None if !fresh && doc.get(ROOT, doc_key.as_str()).map_err(am)?.is_some() => doc.delete(ROOT, doc_key.as_str()).map_err(am),
        None => Ok(()),
    }
}

/// The disagreement verdicts the catalogue holds (unreadable ones passed over).
pub fn read_verdicts(doc: &AutoCommit) -> Result<Vec<StoredVerdict>> {
    let mut out = Vec::new();
    for doc_key in doc.keys(ROOT).filter(|k| k.starts_with("v/")) {
        let key = &doc_key["v/".len()..];
        if key.trim().is_empty() || key.len() > MAX_VERDICT_KEY {
            continue;
        }
        let Some(raw) = str_of(doc, &ROOT, &doc_key)? else { continue };
        let Ok(v) = serde_json::from_str::<VerdictJson>(&raw) else { continue };
        out.push(StoredVerdict { key: key.to_owned(), right: v.right, updated_at: v.updated_at });
    }
    Ok(out)
}

/// Makes an article's document say what its rows say. Highlights are never
/// taken out of it: a deleted one is in the trash (`deletedAt`), with its note.
pub fn write_notes(doc: &mut AutoCommit, fresh: bool, notes: &ReplicaNotes) -> Result<()> {
    for h in &notes.highlights {
        write_highlight(doc, fresh, h)?;
    }
    for n in &notes.article_notes {
        write_article_note(doc, fresh, n)?;
    }
    // Events are never taken out: one the reader stopped hiding is written as it now is.
    for e in &notes.events {
        write_event(doc, fresh, e)?;
    }
    let wanted: HashMap<String, String> = notes.hidden.iter().map(|h| (format!("p/{}", h.start), hidden_json(h))).collect();
    sync_keys(doc, fresh, "p/", &wanted)?;
    write_marks(doc, fresh, &notes.marks)
}

/// The reader's notes on the article an article document describes.
pub fn read_notes(doc: &AutoCommit, article_id: &str) -> Result<ReplicaNotes> {
    let mut notes = ReplicaNotes::default();
    for key in doc.keys(ROOT).collect::<Vec<_>>() {
        if let Some(id) = key.strip_prefix("h/") {
            let Some(obj) = object_of(doc, &ROOT, &key)? else { continue };
            if let Some(h) = read_highlight(doc, &obj, id, article_id)? {
                notes.highlights.push(h);
            }
        } else if let Some(id) = key.strip_prefix("n/") {
            let Some(obj) = object_of(doc, &ROOT, &key)? else { continue };
            if let Some(n) = read_article_note(doc, &obj, id, article_id)? {
                notes.article_notes.push(n);
            }
        } else if let Some(id) = key.strip_prefix("e/") {
            let Some(raw) = str_of(doc, &ROOT, &key)? else { continue };
            let Ok(mut e) = serde_json::from_str::<EventJson>(&raw) else { continue };
            // Its place in the document is what it is: an id or article inside that disagree are not believed.
            (e.event.id, e.event.article_id) = (id.to_owned(), article_id.to_owned());
            notes.events.push(ReplicaEvent { event: e.event, anchored_to: e.anchored_to, updated_at: e.updated_at });
        } else if let Some(mark_key) = key.strip_prefix("w/") {
            let Some(raw) = str_of(doc, &ROOT, &key)? else { continue };
            notes.marks.extend(read_mark(mark_key, &raw));
        } else if let Some(start) = key.strip_prefix("p/").and_then(|s| s.parse::<u32>().ok()) {
            let Some(raw) = str_of(doc, &ROOT, &key)? else { continue };
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&raw) else { continue };
            let end = v["end"].as_u64().and_then(|e| u32::try_from(e).ok()).unwrap_or(start);
            let field = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
            notes.hidden.push(ReplicaHidden { start, end, anchored_to: field("anchoredTo"), words: field("words") });
        }
    }
    Ok(notes)
}
