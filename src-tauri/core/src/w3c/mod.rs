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
//! The file conforms to the Web Annotation Data Model (see
//! `export/w3c_conformance` for a test of each of its requirements): the
//! collection and its one page have `urn:uuid:` ids made from the articles
//! they hold (the same library gives the same ids), each annotation's id is
//! its record's `urn:uuid:`, and every time is an `xsd:dateTime` in UTC. A
//! note on a whole article is an annotation whose target is the article
//! itself, with no selector.
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
/// Bumped when the restore data changes shape. Version 2 added ids to the
/// collection and its page, notes on whole articles, and targets typed as
/// SpecificResource; version 1 files are still read.
pub const FORMAT_VERSION: u32 = 2;
/// The motivation of a timeline event's annotation.
pub const DESCRIBING: &str = "describing";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Collection<'a, Items, Articles> {
    #[serde(rename = "@context")]
    pub context: Context,
    /// Version 1 files have none.
    #[serde(default)]
    pub id: Cow<'a, str>,
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    pub label: Cow<'a, str>,
    pub total: usize,
    #[serde(rename = "sidenote:formatVersion")]
    pub format_version: u32,
    /// The one page, embedded; absent when there are no annotations (the
    /// model requires a first page only when there are some).
    #[serde(default = "Option::default", skip_serializing_if = "Option::is_none")]
    pub first: Option<Page<'a, Items>>,
    /// The same page, by its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<Cow<'a, str>>,
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
    /// Version 1 files have none.
    #[serde(default)]
    pub id: Cow<'a, str>,
    #[serde(rename = "type")]
    pub kind: Cow<'a, str>,
    /// The collection's id.
    #[serde(rename = "partOf", default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<Cow<'a, str>>,
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
    #[serde(rename = "sidenote:orphaned", default, skip_serializing_if = "is_false")]
    pub orphaned: bool,
    /// The chapter a highlight of a book (an article with contents) is in:
    /// the title of its top-level entry. Written for reading; a restore
    /// finds the chapter again from the position.
    #[serde(rename = "sidenote:chapter", default, skip_serializing_if = "Option::is_none")]
    pub chapter: Option<Cow<'a, str>>,
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

fn is_false(b: &bool) -> bool {
    !*b
}

/// What an annotation is about: a span of an article (a SpecificResource of
/// the article with its selectors), or, with no selectors, the whole
/// article, written as the article's IRI alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Target<'a> {
    pub source: Cow<'a, str>,
    pub selector: Vec<Selector<'a>>,
}

impl Serialize for Target<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Specific<'s, 'a> {
            #[serde(rename = "type")]
            kind: &'static str,
            source: &'s str,
            selector: &'s [Selector<'a>],
        }
        if self.selector.is_empty() {
            serializer.serialize_str(&self.source)
        } else {
            Specific { kind: "SpecificResource", source: &self.source, selector: &self.selector }.serialize(serializer)
        }
    }
}

impl<'de, 'a> Deserialize<'de> for Target<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<'a> {
            Iri(String),
            Specific {
                source: String,
                #[serde(default)]
                selector: Vec<Selector<'a>>,
            },
        }
        Ok(match Either::deserialize(deserializer)? {
            Either::Iri(source) => Target { source: Cow::Owned(source), selector: Vec::new() },
            Either::Specific { source, selector } => Target { source: Cow::Owned(source), selector },
        })
    }
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

/// The id of a collection holding the notes of these articles (in this
/// order), and of its page: `urn:uuid:` IRIs that are the same every time.
pub fn collection_iris<'a>(article_ids: impl Iterator<Item = &'a str>) -> (String, String) {
    let mut name = String::from("w3c-collection");
    for id in article_ids {
        name.push(':');
        name.push_str(id);
    }
    let collection = iri(&crate::ids::stable_id(&name));
    let page = iri(&crate::ids::stable_id(&format!("{name}:page:1")));
    (collection, page)
}

/// The IRI of a highlight, event or article id.
pub fn iri(id: &str) -> String {
    format!("urn:uuid:{id}")
}

/// The id in a `urn:uuid:` IRI (or the string itself when it is a bare id).
pub fn id_of(iri: &str) -> &str {
    iri.strip_prefix("urn:uuid:").unwrap_or(iri)
}
