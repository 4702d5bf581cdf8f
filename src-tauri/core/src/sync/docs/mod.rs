//! How the reader's data is laid out in the Automerge documents, and the two
//! directions between documents and rows: `write_*` makes a document say what
//! the rows say (only what differs becomes an operation), `read_*` reads the
//! rows a document describes.
//!
//! Both directions read a record whole (`hydrate`: one pass over its
//! operations) rather than field by field: each `get` seeks through the
//! document's columns again, which made reading or writing an article's
//! document grow with the square of its highlights. A record new to a
//! document is made in one batch (`batch_create_object`), and a document
//! written from nothing (a library's first sync) in one batch for its root.
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

use std::collections::HashMap;

use automerge::{hydrate, AutoCommit, ObjId, ObjType, ReadDoc, ScalarValue, Value, ROOT};

use crate::error::{Error, Result};
use crate::model::NewEvent;
use crate::store::VerdictEvent;
use crate::timeline::{ChronologyWarning, WarningMark};

mod read;
mod write;

pub use read::{read_article, read_catalogue, read_notes, read_verdicts, Catalogue};
pub use write::{write_article, write_catalogue, write_event, write_highlight, write_marks, write_notes, write_setting, write_verdict};

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

/// The object under `key` of `obj`, when there is one.
fn object_of(doc: &AutoCommit, obj: &ObjId, key: &str) -> Result<Option<ObjId>> {
    Ok(match doc.get(obj, key).map_err(am)? {
        Some((Value::Object(_), id)) => Some(id),
        _ => None,
    })
}

/// The map under the root's `key` read whole; None when there is none (or
/// something else is there).
fn record(doc: &AutoCommit, key: &str) -> Result<Option<hydrate::Map>> {
    match doc.get(ROOT, key).map_err(am)? {
        Some((Value::Object(ObjType::Map), id)) => Ok(match doc.hydrate(&id, None).map_err(am)? {
            hydrate::Value::Map(m) => Some(m),
            _ => None,
        }),
        _ => Ok(None),
    }
}

/// The root of the document read whole.
fn root(doc: &AutoCommit) -> Result<hydrate::Map> {
    match doc.hydrate(ROOT, None).map_err(am)? {
        hydrate::Value::Map(m) => Ok(m),
        _ => Ok(hydrate::Map::default()),
    }
}

/// The fields of a map read whole.
#[derive(Clone, Copy)]
struct Fields<'a>(&'a hydrate::Map);

impl<'a> Fields<'a> {
    fn map(&self, key: &str) -> Option<Fields<'a>> {
        match self.0.get(key) {
            Some(hydrate::Value::Map(m)) => Some(Fields(m)),
            _ => None,
        }
    }

    fn scalar(&self, key: &str) -> Option<&'a ScalarValue> {
        match self.0.get(key) {
            Some(hydrate::Value::Scalar(s)) => Some(s),
            _ => None,
        }
    }

    fn str(&self, key: &str) -> Option<String> {
        match self.scalar(key) {
            Some(ScalarValue::Str(s)) => Some(s.to_string()),
            _ => None,
        }
    }

    fn int(&self, key: &str) -> i64 {
        match self.scalar(key) {
            Some(ScalarValue::Int(i)) => *i,
            Some(ScalarValue::Uint(u)) => i64::try_from(*u).unwrap_or(0),
            _ => 0,
        }
    }

    fn u32(&self, key: &str) -> u32 {
        u32::try_from(self.int(key)).unwrap_or(0)
    }

    fn bool(&self, key: &str) -> bool {
        matches!(self.scalar(key), Some(ScalarValue::Boolean(true)))
    }

    /// The text object under `key`; None when there is none.
    fn text(&self, key: &str) -> Option<String> {
        match self.0.get(key) {
            Some(hydrate::Value::Text(t)) => Some(String::from(t)),
            _ => None,
        }
    }

    /// Keys in the order the document lists them (a hydrated map is a hash map).
    fn keys(&self) -> Vec<&'a str> {
        let mut keys: Vec<&str> = self.0.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        keys
    }
}

/// Root keys and their JSON text, for the records kept as one scalar each.
type Scalars = HashMap<String, String>;

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct EventJson {
    event: NewEvent,
    anchored_to: String,
    updated_at: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct MarkJson {
    exact: String,
    mark: WarningMark,
    warning: ChronologyWarning,
    updated_at: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct VerdictJson {
    right: Option<VerdictEvent>,
    updated_at: String,
}

/// Longest disagreement key taken from another device (a key is a few names and words).
const MAX_VERDICT_KEY: usize = 2048;
