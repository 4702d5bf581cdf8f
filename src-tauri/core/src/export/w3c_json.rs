//! The W3C Web Annotation JSON export (see `w3c` for the model): each
//! highlight an annotation, each note on a whole article a `commenting`
//! annotation of the article, the reader's own timeline events (and
//! extracted ones the reader corrected or hid) `describing` annotations,
//! and the articles under `sidenote:articles`, so that the file is a full
//! restore.
//! Events the tagger finds unaided are made again after a restore, so they
//! are not written.
//!
//! The model's types are filled with data borrowed from the notes and
//! streamed through serde_json's pretty serializer, annotation by
//! annotation: a whole library's export is over 100 MB and is never built
//! as one value or one string.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::{Serialize, Serializer};

use super::ArticleNotes;
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::highlight::Highlight;
use crate::model::{ArticleNote, TocEntry};
use crate::timeline::TimelineEvent;
use crate::w3c::{
    collection_iris, iri, Annotation, ArticleRecord, Body, Collection, Context, EventData, MarkData, Page, Selector, Target, DESCRIBING,
    FORMAT_VERSION,
};

/// Writes the collection of `notes`, then a final newline.
pub fn write(notes: &[ArticleNotes], mut w: impl Write) -> io::Result<()> {
    let mut json = serde_json::Serializer::pretty(&mut w);
    collection(notes).serialize(&mut json)?;
    w.write_all(b"\n")
}

/// The export as one string.
pub fn render(notes: &[ArticleNotes]) -> Result<String> {
    let mut out = Vec::new();
    write(notes, &mut out).map_err(|e| Error::Invalid(format!("cannot encode the JSON export: {e}")))?;
    String::from_utf8(out).map_err(|e| Error::Invalid(format!("cannot encode the JSON export: {e}")))
}

/// True for the events the reader made or changed, or gave a verdict on a
/// warning of: the ones an export keeps.
pub fn is_users(e: &TimelineEvent) -> bool {
    e.origin == "user" || e.hidden || e.user_edited || e.warnings.iter().any(|w| w.mark.is_some())
}

fn collection(notes: &[ArticleNotes]) -> Collection<'static, Items<'_>, Articles<'_>> {
    let total: usize =
        notes.iter().map(|n| n.highlights.len() + n.article_notes.len() + n.events.iter().filter(|e| is_users(e)).count()).sum();
    let (id, page_id) = collection_iris(notes.iter().map(|n| n.article.summary.id.as_str()));
    // The model asks for a first page only when there are annotations, and
    // a page of none would not be one.
    let first = (total > 0).then(|| Page {
        id: page_id.clone().into(),
        kind: "AnnotationPage".into(),
        part_of: Some(id.clone().into()),
        start_index: 0,
        items: Items(notes),
    });
    Collection {
        context: Context,
        id: id.into(),
        kind: "AnnotationCollection".into(),
        label: "Sidenote notes".into(),
        total,
        format_version: FORMAT_VERSION,
        first,
        last: (total > 0).then(|| page_id.into()),
        articles: Articles(notes),
    }
}

/// Every article's highlights, then its notes, then its events, made one at
/// a time as serde asks.
struct Items<'a>(&'a [ArticleNotes]);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|n| {
            n.highlights.iter().map(|h| highlight(h, n.chapter_of(h))).chain(n.article_notes.iter().map(article_note)).chain(events(n))
        }))
    }
}

/// A time as `xsd:dateTime` in UTC, as the model asks: the stored value when
/// it already is one (they all are when Sidenote wrote them).
fn utc(t: &str) -> Cow<'_, str> {
    if t.ends_with('Z') {
        return Cow::Borrowed(t);
    }
    match chrono::DateTime::parse_from_rfc3339(t) {
        Ok(d) => Cow::Owned(d.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        Err(_) => Cow::Borrowed(t),
    }
}

/// A note on the whole article: its target is the article itself.
fn article_note(n: &ArticleNote) -> Annotation<'_> {
    Annotation {
        id: Cow::Owned(iri(&n.id)),
        kind: "Annotation".into(),
        motivation: "commenting".into(),
        created: Some(utc(&n.created_at)),
        modified: Some(utc(&n.updated_at)),
        body: vec![Body {
            kind: "TextualBody".into(),
            value: Cow::Borrowed(&n.note),
            format: Some("text/markdown".into()),
            purpose: "commenting".into(),
        }],
        target: Target { source: Cow::Owned(iri(&n.article_id)), selector: Vec::new() },
        color: None,
        orphaned: false,
        chapter: None,
        event: None,
    }
}

struct Articles<'a>(&'a [ArticleNotes]);

impl Serialize for Articles<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(article))
    }
}

fn article(n: &ArticleNotes) -> ArticleRecord<'_> {
    let (a, s) = (&n.article, &n.article.summary);
    ArticleRecord {
        id: Cow::Borrowed(&s.id),
        title: Cow::Borrowed(&s.title),
        byline: s.byline.as_deref().map(Cow::Borrowed),
        site: s.site.as_deref().map(Cow::Borrowed),
        source_url: s.source_url.as_deref().map(Cow::Borrowed),
        source_kind: Cow::Borrowed(s.source_kind.as_str()),
        published: s.published.map(|p| Cow::Owned(p.to_string())),
        imported_at: Cow::Borrowed(&s.imported_at),
        lang: s.lang.as_deref().map(Cow::Borrowed),
        dir: a.dir.as_deref().map(Cow::Borrowed),
        text: Cow::Borrowed(&a.text),
        html: Cow::Borrowed(&a.html),
    }
}

fn highlight<'a>(h: &'a Highlight, chapter: Option<&'a TocEntry>) -> Annotation<'a> {
    let mut body = Vec::with_capacity(usize::from(!h.note.is_empty()) + h.tags.len());
    if !h.note.is_empty() {
        body.push(Body {
            kind: "TextualBody".into(),
            value: Cow::Borrowed(&h.note),
            format: Some("text/markdown".into()),
            purpose: "commenting".into(),
        });
    }
    for t in &h.tags {
        body.push(Body { kind: "TextualBody".into(), value: Cow::Borrowed(t), format: None, purpose: "tagging".into() });
    }
    Annotation {
        id: Cow::Owned(iri(&h.id)),
        kind: "Annotation".into(),
        motivation: if h.note.is_empty() { "highlighting" } else { "commenting" }.into(),
        created: Some(utc(&h.created_at)),
        modified: Some(utc(&h.updated_at)),
        body,
        target: Target {
            source: Cow::Owned(iri(&h.article_id)),
            selector: vec![
                Selector::TextQuoteSelector {
                    exact: Cow::Borrowed(&h.exact),
                    prefix: Cow::Borrowed(&h.prefix),
                    suffix: Cow::Borrowed(&h.suffix),
                },
                Selector::TextPositionSelector { start: h.start, end: h.end },
            ],
        },
        color: Some(h.color.as_str().into()),
        orphaned: h.orphaned,
        chapter: chapter.map(|c| Cow::Borrowed(c.title.as_str())),
        event: None,
    }
}

/// The article's events the reader made or changed, as annotations in order
/// of mention. Their quote's context comes from the text; an orphaned event
/// keeps only its quote.
fn events(n: &ArticleNotes) -> Vec<Annotation<'_>> {
    let mine: Vec<&TimelineEvent> = n.events.iter().filter(|e| is_users(e)).collect();
    if mine.is_empty() {
        return Vec::new();
    }
    let text = Text::new(&n.article.text);
    mine.into_iter()
        .map(|e| {
            let (prefix, suffix) = match text.describe(e.start, e.end) {
                Ok(sel) if !e.orphaned && sel.quote.exact == e.exact => (sel.quote.prefix, sel.quote.suffix),
                _ => (String::new(), String::new()),
            };
            Annotation {
                id: Cow::Owned(iri(&e.id)),
                kind: "Annotation".into(),
                motivation: DESCRIBING.into(),
                created: None,
                modified: None,
                body: vec![Body { kind: "TextualBody".into(), value: Cow::Borrowed(&e.label), format: None, purpose: DESCRIBING.into() }],
                target: Target {
                    source: Cow::Owned(iri(&e.article_id)),
                    selector: vec![
                        Selector::TextQuoteSelector { exact: Cow::Borrowed(&e.exact), prefix: prefix.into(), suffix: suffix.into() },
                        Selector::TextPositionSelector { start: e.start, end: e.end },
                    ],
                },
                color: None,
                orphaned: e.orphaned,
                chapter: None,
                event: Some(EventData {
                    origin: Cow::Borrowed(&e.origin),
                    timex_type: e.kind.as_str().into(),
                    value: Cow::Borrowed(&e.value),
                    value_end: e.value_end.as_deref().map(Cow::Borrowed),
                    hidden: e.hidden,
                    user_edited: e.user_edited,
                    warnings: Cow::Owned(e.warnings.iter().map(|w| w.message.clone()).collect()),
                    warning_marks: Cow::Owned(
                        e.warnings
                            .iter()
                            .filter_map(|w| {
                                let mark = w.mark?;
                                Some(MarkData {
                                    kind: w.kind.as_str().into(),
                                    mark: mark.as_str().into(),
                                    message: Cow::Borrowed(&w.message),
                                })
                            })
                            .collect(),
                    ),
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixtures::notes;
    use crate::w3c::ReadCollection;

    #[test]
    fn the_export_reads_back_as_the_model_and_writes_the_same_bytes_again() {
        for notes in [notes(), notes()[1..].to_vec(), Vec::new()] {
            let json = render(&notes).unwrap();
            let read: ReadCollection = serde_json::from_str(&json).unwrap();
            assert_eq!(read.total, read.first.as_ref().map_or(0, |p| p.items.len()));
            assert_eq!(read.articles.len(), notes.len());
            assert_eq!(serde_json::to_string_pretty(&read).unwrap() + "\n", json, "one encoder: the model's serde form");
        }
    }

    #[test]
    fn a_stream_into_a_writer_is_the_rendered_string() {
        let mut bytes = Vec::new();
        write(&notes(), &mut bytes).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), render(&notes()).unwrap());
    }
}
