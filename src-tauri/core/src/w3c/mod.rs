//! The W3C Web Annotation model (JSON-LD) as Sidenote writes and reads it:
//! an `AnnotationCollection` of `Annotation`s, each targeting its article by
//! both a TextQuoteSelector and a TextPositionSelector (code points of the
//! text), with a Markdown note body and tag bodies.
//!
//! What the W3C model has no term for lives under the `sidenote:` prefix,
//! declared in the `@context`: each highlight's color and orphaned flag, a
//! timeline event's date and flags (`describing` annotations), and
//! `sidenote:articles`, the articles' metadata, text and HTML, so that the
//! file is a full restore.
//!
//! One set of types serves both directions. The export (`export::w3c_json`)
//! fills them with data borrowed from the library and streams them through
//! serde_json; a restore (`notes_import::sidenote_json`) reads them back.
//! The collection's two lists are type parameters, so the export can hand
//! serde lazy sequences instead of building the whole file in memory.

use std::borrow::Cow;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// The IRI the `sidenote:` prefix expands to.
pub const SIDENOTE_NS: &str = "urn:x-sidenote:";
/// Bumped when the restore data changes shape.
pub const FORMAT_VERSION: u32 = 1;
/// The motivation of a timeline event's annotation.
pub const DESCRIBING: &str = "describing";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection<'a, Items, Articles> {
    #[serde(rename = "@context")]
    pub context: Context,
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    pub label: Cow<'a, str>,
    pub total: usize,
    #[serde(rename = "sidenote:formatVersion")]
    pub format_version: u32,
    pub first: Page<'a, Items>,
    #[serde(rename = "sidenote:articles")]
    pub articles: Articles,
}

/// A collection as a restore reads it.
pub type ReadCollection = Collection<'static, Vec<Annotation<'static>>, Vec<ArticleRecord<'static>>>;

/// The `@context`: the annotation vocabulary and the `sidenote:` prefix.
/// Written as such; a file's own is accepted as it is (it must be there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Context;

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Prefixes {
            sidenote: &'static str,
        }
        (ANNO_CONTEXT, Prefixes { sidenote: SIDENOTE_NS }).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Context {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(deserializer).map(|_| Context)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<'a, Items> {
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    #[serde(rename = "startIndex")]
    pub start_index: usize,
    pub items: Items,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation<'a> {
    pub id: Cow<'a, str>,
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    pub motivation: Cow<'a, str>,
    /// Always set on highlights; events carry no dates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<Body<'a>>,
    pub target: Target<'a>,
    /// A highlight's color (events have none).
    #[serde(rename = "sidenote:color", default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Cow<'a, str>>,
    #[serde(rename = "sidenote:orphaned", default)]
    pub orphaned: bool,
    /// What a `describing` annotation says of its timeline event.
    #[serde(rename = "sidenote:event", default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventData<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body<'a> {
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    pub value: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Cow<'a, str>>,
    pub purpose: Cow<'a, str>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target<'a> {
    pub source: Cow<'a, str>,
    pub selector: Vec<Selector<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Selector<'a> {
    TextQuoteSelector {
        exact: Cow<'a, str>,
        #[serde(default)]
        prefix: Cow<'a, str>,
        #[serde(default)]
        suffix: Cow<'a, str>,
    },
    TextPositionSelector {
        start: u32,
        end: u32,
    },
}

impl Target<'_> {
    /// The quote selector's exact text, prefix and suffix.
    pub fn quote(&self) -> Option<(&str, &str, &str)> {
        self.selector.iter().find_map(|s| match s {
            Selector::TextQuoteSelector { exact, prefix, suffix } => Some((&**exact, &**prefix, &**suffix)),
            Selector::TextPositionSelector { .. } => None,
        })
    }

    /// The position selector's start and end.
    pub fn position(&self) -> Option<(u32, u32)> {
        self.selector.iter().find_map(|s| match s {
            Selector::TextPositionSelector { start, end } => Some((*start, *end)),
            Selector::TextQuoteSelector { .. } => None,
        })
    }
}

/// What a `describing` annotation says of its timeline event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventData<'a> {
    /// `user` or `extracted`.
    pub origin: Cow<'a, str>,
    /// TIMEX3 type: `DATE` or `TIME`.
    pub timex_type: Cow<'a, str>,
    /// TIMEX3 value: `2001-09-11`, `1987-SP`, `199X`...
    pub value: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_end: Option<Cow<'a, str>>,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub user_edited: bool,
    /// The chronology warnings' sentences, for a person reading the file
    /// (a restored event gets its warnings from the next extraction).
    #[serde(default, skip_serializing_if = "<[String]>::is_empty")]
    pub warnings: Cow<'a, [String]>,
    /// The reader's verdicts on its warnings (dismissed, or a real error).
    #[serde(default, skip_serializing_if = "<[MarkData<'_>]>::is_empty")]
    pub warning_marks: Cow<'a, [MarkData<'a>]>,
}

/// A verdict on one warning of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarkData<'a> {
    /// `after_publication`, `likely_typo` or `two_dates`.
    pub kind: Cow<'a, str>,
    /// `dismissed` or `error`.
    pub mark: Cow<'a, str>,
    /// The warning's sentence.
    pub message: Cow<'a, str>,
}

/// An article as a restore needs it (everything but the original source bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ArticleRecord<'a> {
    pub id: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub byline: Option<Cow<'a, str>>,
    pub site: Option<Cow<'a, str>>,
    pub source_url: Option<Cow<'a, str>>,
    pub source_kind: Cow<'a, str>,
    pub published: Option<Cow<'a, str>>,
    pub imported_at: Cow<'a, str>,
    pub lang: Option<Cow<'a, str>>,
    pub dir: Option<Cow<'a, str>>,
    pub text: Cow<'a, str>,
    pub html: Cow<'a, str>,
}

/// The IRI of a highlight, event or article id.
pub fn iri(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// The id in a `urn:uuid:` IRI (or the string itself when it is a bare id).
pub fn id_of(iri: &str) -> &str {
    iri.strip_prefix("urn:uuid:").unwrap_or(iri)
}
