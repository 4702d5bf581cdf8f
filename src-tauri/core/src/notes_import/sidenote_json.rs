//! Restoring a Sidenote JSON export (see `w3c`): the same article ids,
//! highlights at the same positions with their notes, tags, colors and
//! dates, and the reader's own timeline events, corrections and hidden
//! flags. An article already in the library (same id) keeps its text and
//! gets the file's notes; a highlight or event already there (same id) is
//! skipped. A restored event takes the place of an extracted event the
//! reader left alone on the same span, as re-extraction keeps the reader's.
//! Notes on whole articles (an annotation whose target is the article, with
//! no selector) come back as article notes. Files of format version 1 (no
//! collection ids, no article notes) are read as well.

use crate::anchor::{Selector, TextPosition, TextQuote};
use crate::error::{Error, Result};
use crate::highlight::{normalize_tags, Color, Highlight};
use crate::model::{ArticleNote, Extracted, NewEvent, SourceKind};
use crate::store::{Library, NewArticle, Stamp};
use crate::timeline::{is_calendar_value, ChronologyWarning, Evidence, WarningKind, WarningMark};
use crate::timex::TimexKind;
use crate::w3c::{id_of, Annotation, ArticleRecord, ReadCollection, DESCRIBING, FORMAT_VERSION};
use crate::PartialDate;

use super::{check_span, NotesImportReport};

/// Restores a Sidenote JSON export into the library, in one transaction.
pub fn restore_json(lib: &mut Library, input: &str, what: &str) -> Result<NotesImportReport> {
    let collection: ReadCollection =
        serde_json::from_str(input).map_err(|e| Error::Invalid(format!("{what}: not a Sidenote JSON export ({e})")))?;
    if collection.format_version > FORMAT_VERSION {
        return Err(Error::NewerFormat {
            what: what.to_owned(),
            found: i64::from(collection.format_version),
            supported: i64::from(FORMAT_VERSION),
        });
    }
    lib.write(|tx| {
        let mut report = NotesImportReport::new("json");
        let mut texts: Vec<(String, Vec<char>)> = Vec::new();
        for (i, a) in collection.articles.iter().enumerate() {
            let name = format!("{what}: article {} ({:?})", i + 1, a.id);
            if texts.iter().any(|(id, _)| *id == a.id) {
                return Err(Error::Invalid(format!("{name}: the id occurs twice")));
            }
            let text = match tx.stored_text(&a.id)? {
                Some(text) => {
                    report.articles_matched += 1;
                    text
                }
                None => {
                    let (new, stamp) = article(a).map_err(|e| Error::Invalid(format!("{name}: {e}")))?;
                    tx.add_article(&new, &stamp)?;
                    report.articles_added += 1;
                    new.extracted.text
                }
            };
            texts.push((a.id.to_string(), text.chars().collect()));
        }
        let items = collection.first.as_ref().map(|p| p.items.as_slice()).unwrap_or_default();
        for (i, ann) in items.iter().enumerate() {
            let name = format!("{what}: annotation {} ({})", i + 1, ann.id);
            let named = |e: Error| Error::Invalid(format!("{name}: {e}"));
            let article_text = |article_id: &str| match texts.iter().find(|(id, _)| id == article_id) {
                Some((_, t)) => Ok(t),
                None => Err(Error::Invalid(format!("{name}: its target {} is not among the file's articles", ann.target.source))),
            };
            if ann.motivation == DESCRIBING {
                let (e, marks) = event(ann).map_err(named)?;
                check_span(e.start, e.end, e.orphaned, &e.exact, article_text(&e.article_id)?).map_err(named)?;
                if tx.add_event_if_absent(&e)? {
                    for w in &marks {
                        tx.mark_warning(&e.article_id, e.start, e.end, &e.exact, w)?;
                    }
                    report.events_added += 1;
                } else {
                    report.events_skipped += 1;
                }
                continue;
            }
            if ann.target.selector.is_empty() {
                let n = article_note(ann).map_err(named)?;
                article_text(&n.article_id)?;
                if tx.add_article_note_if_absent(&n)? {
                    report.notes_added += 1;
                } else {
                    report.notes_skipped += 1;
                }
                continue;
            }
            let h = highlight(ann).map_err(named)?;
            check_span(h.start, h.end, h.orphaned, &h.exact, article_text(&h.article_id)?).map_err(named)?;
            if tx.add_highlight_if_absent(h)? {
                report.highlights_added += 1;
            } else {
                report.highlights_skipped += 1;
            }
        }
        Ok(report)
    })
}

/// An article record as the store takes it, with the id and import time it keeps.
fn article(a: &ArticleRecord<'_>) -> Result<(NewArticle, Stamp)> {
    if a.id.trim().is_empty() {
        return Err(Error::Invalid("the article has no id".into()));
    }
    if a.text.trim().is_empty() {
        return Err(Error::Invalid("the article has no text".into()));
    }
    if a.title.trim().is_empty() {
        return Err(Error::Invalid("the article has no title".into()));
    }
    let kind = SourceKind::parse(&a.source_kind).ok_or_else(|| Error::Invalid(format!("unknown source kind {:?}", a.source_kind)))?;
    let published = a.published.as_deref().map(str::parse::<PartialDate>).transpose()?;
    if let Some(dir) = a.dir.as_deref().filter(|d| *d != "ltr" && *d != "rtl") {
        return Err(Error::Invalid(format!("unknown text direction {dir:?}")));
    }
    let owned = |s: &Option<std::borrow::Cow<'_, str>>| s.as_deref().map(str::to_owned);
    let extracted = Extracted {
        title: a.title.to_string(),
        byline: owned(&a.byline),
        site: owned(&a.site),
        published,
        lang: owned(&a.lang),
        dir: owned(&a.dir),
        text: a.text.to_string(),
        html: a.html.to_string(),
        // The notes file holds the article as the reader kept it, not what
        // the importer left out of the page.
        removed: Vec::new(),
    };
    let new = NewArticle { extracted, source_kind: kind, source_url: owned(&a.source_url), raw: None, encoding: None };
    Ok((new, Stamp { id: a.id.to_string(), imported_at: a.imported_at.to_string() }))
}

/// The annotation's quote and position selectors, both required.
fn selectors(a: &Annotation<'_>) -> Result<Selector> {
    match (a.target.quote(), a.target.position()) {
        (Some((exact, prefix, suffix)), Some((start, end))) => Ok(Selector {
            position: TextPosition { start, end },
            quote: TextQuote { exact: exact.to_owned(), prefix: prefix.to_owned(), suffix: suffix.to_owned() },
        }),
        _ => Err(Error::Invalid("the target needs both a TextQuoteSelector and a TextPositionSelector".into())),
    }
}

/// A note on a whole article: one commenting body, the time it was written.
fn article_note(a: &Annotation<'_>) -> Result<ArticleNote> {
    let id = id_of(&a.id).to_owned();
    if id.trim().is_empty() {
        return Err(Error::Invalid("the annotation has no id".into()));
    }
    let note = match a.body.as_slice() {
        [b] if b.purpose == "commenting" && !b.value.trim().is_empty() => b.value.to_string(),
        _ => return Err(Error::Invalid("a note on an article needs exactly one commenting body with text".into())),
    };
    let created = a.created.as_deref().ok_or_else(|| Error::Invalid("the note has no created date".into()))?.to_owned();
    Ok(ArticleNote {
        id,
        article_id: id_of(&a.target.source).to_owned(),
        note,
        updated_at: a.modified.as_deref().unwrap_or(&created).to_owned(),
        created_at: created,
    })
}

fn highlight(a: &Annotation<'_>) -> Result<Highlight> {
    let id = id_of(&a.id).to_owned();
    if id.trim().is_empty() {
        return Err(Error::Invalid("the annotation has no id".into()));
    }
    let Selector { position: TextPosition { start, end }, quote: TextQuote { exact, prefix, suffix } } = selectors(a)?;
    let mut note = String::new();
    let mut tags = Vec::new();
    for b in &a.body {
        match &*b.purpose {
            "tagging" => tags.push(b.value.to_string()),
            "commenting" if note.is_empty() => note = b.value.to_string(),
            "commenting" => return Err(Error::Invalid("more than one note body".into())),
            other => return Err(Error::Invalid(format!("a body with unknown purpose {other:?}"))),
        }
    }
    let color: Color = a.color.as_deref().ok_or_else(|| Error::Invalid("the highlight has no sidenote:color".into()))?.parse()?;
    let created = a.created.as_deref().ok_or_else(|| Error::Invalid("the highlight has no created date".into()))?.to_owned();
    Ok(Highlight {
        id,
        article_id: id_of(&a.target.source).to_owned(),
        start,
        end,
        exact,
        prefix,
        suffix,
        color,
        note,
        tags: normalize_tags(&tags)?,
        orphaned: a.orphaned,
        updated_at: a.modified.as_deref().unwrap_or(&created).to_owned(),
        created_at: created,
    })
}

/// A timeline event from its `describing` annotation, with the reader's
/// verdicts on its warnings.
fn event(a: &Annotation<'_>) -> Result<(NewEvent, Vec<ChronologyWarning>)> {
    let id = id_of(&a.id).to_owned();
    if id.trim().is_empty() {
        return Err(Error::Invalid("the annotation has no id".into()));
    }
    let data = a.event.as_ref().ok_or_else(|| Error::Invalid("a describing annotation needs sidenote:event".into()))?;
    if data.origin != "user" && data.origin != "extracted" {
        return Err(Error::Invalid(format!("unknown event origin {:?}", data.origin)));
    }
    let kind = TimexKind::parse(&data.timex_type)
        .filter(|k| matches!(k, TimexKind::Date | TimexKind::Time))
        .ok_or_else(|| Error::Invalid(format!("unknown event type {:?}", data.timex_type)))?;
    for v in std::iter::once(&data.value).chain(data.value_end.as_ref()) {
        if !is_calendar_value(v) {
            return Err(Error::Invalid(format!("{v:?} is not a calendar date")));
        }
    }
    let mut marks = Vec::new();
    for m in data.warning_marks.iter() {
        let (Some(kind), Some(mark)) = (WarningKind::parse(&m.kind), WarningMark::parse(&m.mark)) else {
            return Err(Error::Invalid(format!("unknown warning verdict {:?} on a {:?} warning", m.mark, m.kind)));
        };
        // The sentence as the reader saw it; the next extraction gives the evidence.
        marks.push(ChronologyWarning { kind, message: m.message.to_string(), evidence: Evidence::default(), mark: Some(mark) });
    }
    let label = match a.body.as_slice() {
        [b] if b.purpose == DESCRIBING && !b.value.trim().is_empty() => b.value.to_string(),
        _ => return Err(Error::Invalid("an event needs exactly one describing body, its label".into())),
    };
    let Selector { position: TextPosition { start, end }, quote: TextQuote { exact, prefix, suffix } } = selectors(a)?;
    let event = NewEvent {
        id,
        article_id: id_of(&a.target.source).to_owned(),
        origin: data.origin.to_string(),
        kind,
        value: data.value.to_string(),
        value_end: data.value_end.as_deref().map(str::to_owned),
        label,
        start,
        end,
        exact,
        prefix,
        suffix,
        // The sentences are for people; the next extraction gives the event its warnings.
        warnings: Vec::new(),
        hidden: data.hidden,
        user_edited: data.user_edited,
        orphaned: a.orphaned,
    };
    Ok((event, marks))
}
