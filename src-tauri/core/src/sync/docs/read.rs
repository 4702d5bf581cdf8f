//! Documents to rows: what a document says, read whole in one pass.

use std::collections::BTreeMap;

use automerge::{hydrate, AutoCommit};

use super::{record, root, EventJson, Fields, MarkJson, VerdictJson, MAX_VERDICT_KEY};
use crate::error::Result;
use crate::highlight::{Color, Highlight};
use crate::model::{ArticleNote, SourceKind};
use crate::store::{
    ReplicaArticle, ReplicaArticleNote, ReplicaEvent, ReplicaHidden, ReplicaHighlight, ReplicaNotes, StoredMark, StoredVerdict,
};
use crate::timeline::{ChronologyWarning, WarningKind};

/// What the catalogue says: its articles by id, synced settings and verdicts
/// on disagreements (unreadable values passed over).
#[derive(Debug, Default, PartialEq)]
pub struct Catalogue {
    pub articles: BTreeMap<String, ReplicaArticle>,
    pub settings: Vec<(String, serde_json::Value)>,
    pub verdicts: Vec<StoredVerdict>,
}

pub fn read_catalogue(doc: &AutoCommit) -> Result<Catalogue> {
    let root = root(doc)?;
    let fields = Fields(&root);
    let mut out = Catalogue::default();
    for key in fields.keys() {
        if let Some(id) = key.strip_prefix("a/") {
            if let Some(article) = fields.map(key).and_then(|a| article_from(id, a)) {
                out.articles.insert(id.to_owned(), article);
            }
        } else if let Some(setting) = key.strip_prefix("s/") {
            if let Some(value) = fields.str(key).and_then(|raw| serde_json::from_str(&raw).ok()) {
                out.settings.push((setting.to_owned(), value));
            }
        } else if let Some(group) = key.strip_prefix("v/") {
            out.verdicts.extend(verdict_from(group, fields.str(key)));
        }
    }
    Ok(out)
}

/// The disagreement verdicts the catalogue holds.
pub fn read_verdicts(doc: &AutoCommit) -> Result<Vec<StoredVerdict>> {
    Ok(read_catalogue(doc)?.verdicts)
}

fn verdict_from(key: &str, raw: Option<String>) -> Option<StoredVerdict> {
    if key.trim().is_empty() || key.len() > MAX_VERDICT_KEY {
        return None;
    }
    let v: VerdictJson = serde_json::from_str(&raw?).ok()?;
    Some(StoredVerdict { key: key.to_owned(), right: v.right, updated_at: v.updated_at })
}

/// One article's catalogue entry, when the catalogue holds all of it (not
/// when a change of it is still on its way).
pub fn read_article(doc: &AutoCommit, id: &str) -> Result<Option<ReplicaArticle>> {
    Ok(record(doc, &format!("a/{id}"))?.and_then(|a| article_from(id, Fields(&a))))
}

fn article_from(id: &str, a: Fields<'_>) -> Option<ReplicaArticle> {
    let (title, content_hash, imported_at) = (a.str("title")?, a.str("contentHash")?, a.str("importedAt")?);
    Some(ReplicaArticle {
        id: id.to_owned(),
        title,
        byline: a.str("byline"),
        site: a.str("site"),
        source_url: a.str("sourceUrl"),
        source_kind: a.str("sourceKind").and_then(|k| SourceKind::parse(&k)).unwrap_or(SourceKind::Text),
        published: a.str("published").and_then(|p| p.parse().ok()),
        imported_at,
        lang: a.str("lang"),
        dir: a.str("dir"),
        content_hash,
        deleted_at: a.str("deletedAt"),
    })
}

fn highlight_from(h: Fields<'_>, id: &str, article_id: &str) -> Option<ReplicaHighlight> {
    let (created_at, anchored_to) = (h.str("createdAt")?, h.str("anchoredTo")?);
    let mut tags: Vec<String> = match h.map("tags") {
        Some(t) => t.keys().into_iter().map(|key| t.str(key).unwrap_or_else(|| key.to_owned())).collect(),
        None => Vec::new(),
    };
    tags.sort_by_key(|t| t.to_lowercase());
    let highlight = Highlight {
        id: id.to_owned(),
        article_id: article_id.to_owned(),
        start: h.u32("start"),
        end: h.u32("end"),
        exact: h.str("exact").unwrap_or_default(),
        prefix: h.str("prefix").unwrap_or_default(),
        suffix: h.str("suffix").unwrap_or_default(),
        color: h.str("color").and_then(|c| c.parse::<Color>().ok()).unwrap_or_default(),
        note: h.text("note").unwrap_or_default(),
        tags,
        orphaned: h.bool("orphaned"),
        updated_at: h.str("updatedAt").unwrap_or_else(|| created_at.clone()),
        created_at,
    };
    Some(ReplicaHighlight { highlight, anchored_to, deleted_at: h.str("deletedAt") })
}

fn article_note_from(n: Fields<'_>, id: &str, article_id: &str) -> Option<ReplicaArticleNote> {
    let created_at = n.str("createdAt")?;
    let note = ArticleNote {
        id: id.to_owned(),
        article_id: article_id.to_owned(),
        note: n.text("note").unwrap_or_default(),
        updated_at: n.str("updatedAt").unwrap_or_else(|| created_at.clone()),
        created_at,
    };
    Some(ReplicaArticleNote { note, deleted_at: n.str("deletedAt") })
}

/// A warning verdict from its key and value; None when either is not one.
fn mark_from(key: &str, raw: &str) -> Option<StoredMark> {
    let mut parts = key.splitn(3, ':');
    let start = parts.next()?.parse().ok()?;
    let end = parts.next()?.parse().ok()?;
    let kind = WarningKind::parse(parts.next()?)?;
    let json: MarkJson = serde_json::from_str(raw).ok()?;
    // The key says which warning it is: a value that says otherwise is not believed.
    let warning = ChronologyWarning { kind, mark: None, ..json.warning };
    Some(StoredMark { start, end, exact: json.exact, kind, mark: json.mark, warning, updated_at: json.updated_at })
}

fn hidden_from(start: u32, raw: &str) -> Option<ReplicaHidden> {
    let v: serde_json::Value = serde_json::from_str(raw).ok()?;
    let end = v["end"].as_u64().and_then(|e| u32::try_from(e).ok()).unwrap_or(start);
    let field = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
    Some(ReplicaHidden { start, end, anchored_to: field("anchoredTo"), words: field("words") })
}

/// The reader's notes on the article an article document describes.
pub fn read_notes(doc: &AutoCommit, article_id: &str) -> Result<ReplicaNotes> {
    let root: hydrate::Map = root(doc)?;
    let fields = Fields(&root);
    let mut notes = ReplicaNotes::default();
    for key in fields.keys() {
        if let Some(id) = key.strip_prefix("h/") {
            notes.highlights.extend(fields.map(key).and_then(|h| highlight_from(h, id, article_id)));
        } else if let Some(id) = key.strip_prefix("n/") {
            notes.article_notes.extend(fields.map(key).and_then(|n| article_note_from(n, id, article_id)));
        } else if let Some(id) = key.strip_prefix("e/") {
            let Some(Ok(mut e)) = fields.str(key).map(|raw| serde_json::from_str::<EventJson>(&raw)) else { continue };
            // Its place in the document is what it is: an id or article inside that disagree are not believed.
            (e.event.id, e.event.article_id) = (id.to_owned(), article_id.to_owned());
            notes.events.push(ReplicaEvent { event: e.event, anchored_to: e.anchored_to, updated_at: e.updated_at });
        } else if let Some(mark_key) = key.strip_prefix("w/") {
            notes.marks.extend(fields.str(key).and_then(|raw| mark_from(mark_key, &raw)));
        } else if let Some(start) = key.strip_prefix("p/").and_then(|s| s.parse::<u32>().ok()) {
            notes.hidden.extend(fields.str(key).and_then(|raw| hidden_from(start, &raw)));
        }
    }
    Ok(notes)
}
