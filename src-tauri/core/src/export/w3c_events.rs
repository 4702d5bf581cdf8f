//! Timeline events in the W3C JSON export: `describing` annotations whose
//! body is the event's label and whose target is the dated passage, with the
//! TIMEX3 value, origin and the user's flags under `sidenote:event`.
//!
//! Only what a restore cannot make again is written: the user's own events
//! and extracted events the user corrected or hid. Restoring one replaces an
//! untouched extracted event on the same span, the way re-extraction keeps
//! the user's version.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::w3c_json::{article_iri, id_of, Annotation, Body, Selector, Target};
use super::ArticleNotes;
use crate::anchor::Text;
use crate::error::{Error, Result};
use crate::store::now_rfc3339;
use crate::store::StoredMark;
use crate::timeline::{is_calendar_value, ChronologyWarning, Evidence, TimelineEvent, WarningKind, WarningMark};
use crate::timex::TimexKind;

pub const MOTIVATION: &str = "describing";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EventData {
    /// `user` or `extracted`.
    pub origin: String,
    /// TIMEX3 type: `DATE` or `TIME`.
    pub timex_type: String,
    /// TIMEX3 value: `2001-09-11`, `1987-SP`, `199X`...
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_end: Option<String>,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub user_edited: bool,
    /// The chronology warnings' sentences, for a person reading the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The reader's verdicts on its warnings (dismissed, or a real error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warning_marks: Vec<MarkData>,
}

/// A verdict on one warning of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkData {
    /// `after_publication`, `likely_typo` or `two_dates`.
    pub kind: String,
    /// `dismissed` or `error`.
    pub mark: String,
    /// The warning's sentence.
    pub message: String,
}

impl MarkData {
    fn of(w: &ChronologyWarning) -> Option<Self> {
        let mark = w.mark?;
        Some(MarkData { kind: w.kind.as_str().into(), mark: mark.as_str().into(), message: w.message.clone() })
    }
}

/// True for the events the user made or changed, or gave a verdict on a
/// warning of.
pub fn is_users(e: &TimelineEvent) -> bool {
    e.origin == "user" || e.hidden || e.user_edited || e.warnings.iter().any(|w| w.mark.is_some())
}

/// The article's user events as annotations, in order of mention.
pub fn annotations(n: &ArticleNotes) -> Vec<Annotation> {
    let mine: Vec<&TimelineEvent> = n.events.iter().filter(|e| is_users(e)).collect();
    if mine.is_empty() {
        return Vec::new();
    }
    let text = Text::new(&n.article.text);
    mine.into_iter()
        .map(|e| {
            // The context comes from the text; an orphaned event keeps only its quote.
            let (prefix, suffix) = match text.describe(e.start, e.end) {
                Ok(sel) if !e.orphaned && sel.quote.exact == e.exact => (sel.quote.prefix, sel.quote.suffix),
                _ => (String::new(), String::new()),
            };
            Annotation {
                id: article_iri(&e.id),
                kind: "Annotation".into(),
                motivation: MOTIVATION.into(),
                created: None,
                modified: None,
                body: vec![Body { kind: "TextualBody".into(), value: e.label.clone(), format: None, purpose: MOTIVATION.into() }],
                target: Target {
                    source: article_iri(&e.article_id),
                    selector: vec![
                        Selector::TextQuoteSelector { exact: e.exact.clone(), prefix, suffix },
                        Selector::TextPositionSelector { start: e.start, end: e.end },
                    ],
                },
                color: None,
                orphaned: e.orphaned,
                event: Some(EventData {
                    origin: e.origin.clone(),
                    timex_type: e.kind.as_str().into(),
                    value: e.value.clone(),
                    value_end: e.value_end.clone(),
                    hidden: e.hidden,
                    user_edited: e.user_edited,
                    warnings: e.warnings.iter().map(|w| w.message.clone()).collect(),
                    warning_marks: e.warnings.iter().filter_map(MarkData::of).collect(),
                }),
            }
        })
        .collect()
}

/// An event read back from its annotation, checked before anything is written.
pub struct RestoredEvent {
    id: String,
    pub article_id: String,
    kind: TimexKind,
    data: EventData,
    label: String,
    start: u32,
    end: u32,
    exact: String,
    prefix: String,
    suffix: String,
    orphaned: bool,
}

impl RestoredEvent {
    pub fn from_annotation(a: &Annotation) -> Result<Self> {
        let id = id_of(&a.id).to_owned();
        if id.trim().is_empty() {
            return Err(Error::Invalid("the annotation has no id".into()));
        }
        let data = a.event.clone().ok_or_else(|| Error::Invalid("a describing annotation needs sidenote:event".into()))?;
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
        for m in &data.warning_marks {
            if WarningKind::parse(&m.kind).is_none() || WarningMark::parse(&m.mark).is_none() {
                return Err(Error::Invalid(format!("unknown warning verdict {:?} on a {:?} warning", m.mark, m.kind)));
            }
        }
        let label = match a.body.as_slice() {
            [b] if b.purpose == MOTIVATION && !b.value.trim().is_empty() => b.value.clone(),
            _ => return Err(Error::Invalid("an event needs exactly one describing body, its label".into())),
        };
        let quote = a.target.selector.iter().find_map(|s| match s {
            Selector::TextQuoteSelector { exact, prefix, suffix } => Some((exact.clone(), prefix.clone(), suffix.clone())),
            _ => None,
        });
        let position = a.target.selector.iter().find_map(|s| match s {
            Selector::TextPositionSelector { start, end } => Some((*start, *end)),
            _ => None,
        });
        let (Some((exact, prefix, suffix)), Some((start, end))) = (quote, position) else {
            return Err(Error::Invalid("the target needs both a TextQuoteSelector and a TextPositionSelector".into()));
        };
        Ok(RestoredEvent {
            id,
            article_id: id_of(&a.target.source).to_owned(),
            kind,
            data,
            label,
            start,
            end,
            exact,
            prefix,
            suffix,
            orphaned: a.orphaned,
        })
    }

    /// An anchored event must quote exactly its span of the text.
    pub fn check(&self, text: &[char]) -> Result<()> {
        super::restore::check_span(self.start, self.end, self.orphaned, &self.exact, text)
    }

    /// Stores the event unless its id is taken; returns whether it was added.
    pub fn insert(&self, tx: &Transaction<'_>) -> Result<bool> {
        if tx.query_row("SELECT 1 FROM events WHERE id = ?1", [&self.id], |_| Ok(())).optional()?.is_some() {
            return Ok(false);
        }
        tx.execute(
            "DELETE FROM events WHERE article_id = ?1 AND start = ?2 AND end = ?3 AND origin = 'extracted' AND user_edited = 0 AND hidden = 0",
            params![self.article_id, self.start, self.end],
        )?;
        let now = now_rfc3339();
        // The sentences are for people; the next extraction gives the event its warnings.
        let warnings = "[]";
        tx.execute(
            "INSERT INTO events (id, article_id, origin, timex_type, value, value_end, label, start, end, exact, prefix, suffix,
                warnings, hidden, user_edited, orphaned, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
            params![
                self.id,
                self.article_id,
                self.data.origin,
                self.kind.as_str(),
                self.data.value,
                self.data.value_end,
                self.label,
                self.start,
                self.end,
                self.exact,
                self.prefix,
                self.suffix,
                warnings,
                self.data.hidden,
                self.data.user_edited,
                self.orphaned,
                now
            ],
        )?;
        crate::store::restore_warning_marks(tx, &self.article_id, &self.marks())?;
        Ok(true)
    }

    /// The verdicts on the event's warnings, keyed by its span.
    fn marks(&self) -> Vec<StoredMark> {
        self.data
            .warning_marks
            .iter()
            .filter_map(|m| {
                let kind = WarningKind::parse(&m.kind)?;
                let mark = WarningMark::parse(&m.mark)?;
                let warning = ChronologyWarning { kind, message: m.message.clone(), evidence: Evidence::default(), mark: None };
                Some(StoredMark { start: self.start, end: self.end, exact: self.exact.clone(), kind, mark, warning })
            })
            .collect()
    }
}
