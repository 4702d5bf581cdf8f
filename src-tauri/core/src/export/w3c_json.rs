//! A W3C Web Annotation collection (JSON-LD): each highlight an `Annotation`
//! with a Markdown note body and tag bodies, targeting its article by both a
//! TextQuoteSelector and a TextPositionSelector (code points of the text).
//!
//! What the W3C model has no term for lives under the `sidenote:` prefix,
//! declared in the `@context`: each highlight's color and orphaned flag, and
//! `sidenote:articles`, the articles' metadata, text and HTML, so the file is
//! a full restore (see `restore`).
//!
//! The user's own timeline events, and extracted ones the user corrected or
//! hid, are `describing` annotations (see `w3c_events`); events the tagger
//! finds unaided are made again after a restore, so they are not written.

use serde::{Deserialize, Serialize};

use super::ArticleNotes;
use crate::error::{Error, Result};
use crate::highlight::Highlight;

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI the `sidenote:` prefix expands to.
pub const SIDENOTE_NS: &str = "urn:x-sidenote:";
/// Bumped when the restore data changes shape.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection {
    #[serde(rename = "@context")]
    pub context: serde_json::Value,
    #[serde(rename = "type")]
    pub kind: String,
    pub label: String,
    pub total: usize,
    #[serde(rename = "sidenote:formatVersion")]
    pub format_version: u32,
    pub first: Page,
    #[serde(rename = "sidenote:articles")]
    pub articles: Vec<ArticleRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(rename = "startIndex")]
    pub start_index: usize,
    pub items: Vec<Annotation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub motivation: String,
    /// Always set on highlights; events carry no dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Body>,
    pub target: Target,
    /// A highlight's color (events have none).
    #[serde(rename = "sidenote:color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(rename = "sidenote:orphaned", default)]
    pub orphaned: bool,
    /// What a `describing` annotation says of its timeline event.
    #[serde(rename = "sidenote:event", default, skip_serializing_if = "Option::is_none")]
    pub event: Option<super::w3c_events::EventData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    pub purpose: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub source: String,
    pub selector: Vec<Selector>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Selector {
    TextQuoteSelector {
        exact: String,
        #[serde(default)]
        prefix: String,
        #[serde(default)]
        suffix: String,
    },
    TextPositionSelector {
        start: u32,
        end: u32,
    },
}

/// An article as a restore needs it (everything but the original source bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleRecord {
    pub id: String,
    pub title: String,
    pub byline: Option<String>,
    pub site: Option<String>,
    pub source_url: Option<String>,
    pub source_kind: String,
    pub published: Option<String>,
    pub imported_at: String,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub text: String,
    pub html: String,
}

pub fn article_iri(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// The id in a `urn:uuid:` IRI (or the string itself when it is a bare id).
pub fn id_of(iri: &str) -> &str {
    iri.strip_prefix("urn:uuid:").unwrap_or(iri)
}

/// The export as a typed value (what a restore reads back). `render` and
/// `output::write_export` stream the same JSON through `w3c_write` without
/// building it; a test keeps the two byte-identical.
pub fn collection(notes: &[ArticleNotes]) -> Collection {
    let items: Vec<Annotation> =
        notes.iter().flat_map(|n| n.highlights.iter().map(annotation).chain(super::w3c_events::annotations(n))).collect();
    let articles = notes
        .iter()
        .map(|n| {
            let (a, s) = (&n.article, &n.article.summary);
            ArticleRecord {
                id: s.id.clone(),
                title: s.title.clone(),
                byline: s.byline.clone(),
                site: s.site.clone(),
                source_url: s.source_url.clone(),
                source_kind: s.source_kind.as_str().to_owned(),
                published: s.published.map(|p| p.to_string()),
                imported_at: s.imported_at.clone(),
                lang: s.lang.clone(),
                dir: a.dir.clone(),
                text: a.text.clone(),
                html: a.html.clone(),
            }
        })
        .collect();
    Collection {
        context: serde_json::json!([ANNO_CONTEXT, { "sidenote": SIDENOTE_NS }]),
        kind: "AnnotationCollection".into(),
        label: "Sidenote notes".into(),
        total: items.len(),
        format_version: FORMAT_VERSION,
        first: Page { kind: "AnnotationPage".into(), start_index: 0, items },
        articles,
    }
}

fn annotation(h: &Highlight) -> Annotation {
    let mut body = Vec::new();
    if !h.note.is_empty() {
        body.push(Body {
            kind: "TextualBody".into(),
            value: h.note.clone(),
            format: Some("text/markdown".into()),
            purpose: "commenting".into(),
        });
    }
    for t in &h.tags {
        body.push(Body { kind: "TextualBody".into(), value: t.clone(), format: None, purpose: "tagging".into() });
    }
    Annotation {
        id: article_iri(&h.id),
        kind: "Annotation".into(),
        motivation: if h.note.is_empty() { "highlighting" } else { "commenting" }.into(),
        created: Some(h.created_at.clone()),
        modified: Some(h.updated_at.clone()),
        body,
        target: Target {
            source: article_iri(&h.article_id),
            selector: vec![
                Selector::TextQuoteSelector { exact: h.exact.clone(), prefix: h.prefix.clone(), suffix: h.suffix.clone() },
                Selector::TextPositionSelector { start: h.start, end: h.end },
            ],
        },
        color: Some(h.color.as_str().into()),
        orphaned: h.orphaned,
        event: None,
    }
}

/// The export as one string: what `w3c_write` streams (the same bytes as
/// `serde_json::to_string_pretty(&collection(notes))` and a final newline).
pub fn render(notes: &[ArticleNotes]) -> Result<String> {
    let mut out = Vec::new();
    super::w3c_write::write(notes, &mut out).map_err(|e| Error::Invalid(format!("cannot encode the JSON export: {e}")))?;
    String::from_utf8(out).map_err(|e| Error::Invalid(format!("cannot encode the JSON export: {e}")))
}
