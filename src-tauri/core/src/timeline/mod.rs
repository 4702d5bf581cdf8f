//! The event timeline of an article: its dated expressions (from the temporal
//! tagger), each with the clause it dates, a short label, an anchor into the
//! text and any chronology warnings.

pub(crate) mod agreement;
mod credits;
mod furniture;
mod label;
pub mod library;
mod listings;
mod look_alikes;
mod not_events;
mod not_told;
mod order;
mod warnings;
pub mod window;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::anchor::{Text, TextQuote};
use crate::timex::{self, Reference, TenseReader, Timex, TimexKind, TimexSummary, TimexValue};
use crate::PartialDate;

pub use agreement::{disagreeing_groups, Group};
pub use library::{Disagreement, DisagreementVerdict, GroupKind, LibraryEvent, LibraryTimeline, TimelineArticle, TimelineFilter};
pub use order::{date_order, in_date_order};
pub use warnings::{parse_stored as parse_stored_warnings, ChronologyWarning, Evidence, EvidenceDate, TypoKind, WarningKind, WarningMark};
pub use window::{Claim, DisagreementClaims, OverviewClaims, TimelineDensity, TimelineOverview, TimelineWindow, WindowEvent, WindowMarks};

/// An event found in the text, before it is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub kind: TimexKind,
    pub value: String,
    pub value_end: Option<String>,
    pub label: String,
    /// Code points of the article text: the date expression itself.
    pub start: usize,
    pub end: usize,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    pub warnings: Vec<ChronologyWarning>,
    /// Dated by the named-events file ("World War II"), not by a date written in the text.
    pub event_name: bool,
}

/// One event of an article's timeline, as the sidebar and the CLI show it.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEvent {
    pub id: String,
    pub article_id: String,
    /// `extracted` by the tagger or added by the `user`.
    pub origin: String,
    #[ts(type = "string")]
    pub kind: TimexKind,
    /// TIMEX3 value: `2001-09-11`, `2001-06`, `2003`, `200X`...
    pub value: String,
    pub value_end: Option<String>,
    /// What the value means, for the UI (which never reads a value itself):
    /// its label ("June 2001"), sort key, span and year markers.
    pub date: TimexSummary,
    /// A short label of the clause the date belongs to.
    pub label: String,
    pub start: u32,
    pub end: u32,
    pub exact: String,
    pub warnings: Vec<ChronologyWarning>,
    pub hidden: bool,
    pub user_edited: bool,
    pub orphaned: bool,
}

impl TimelineEvent {
    /// The warnings the reader confirmed as real errors in the text: the
    /// exports show them.
    pub fn confirmed_errors(&self) -> impl Iterator<Item = &ChronologyWarning> {
        self.warnings.iter().filter(|w| w.mark == Some(WarningMark::Error))
    }

    /// The event's value with its range end.
    pub fn timex(&self) -> TimexValue {
        TimexValue::parse_range(&self.value, self.value_end.as_deref())
    }
}

/// What a value means, as a `TimelineEvent` carries it.
pub fn summarize(value: &str, value_end: Option<&str>) -> TimexSummary {
    TimexValue::parse_range(value, value_end).summary()
}

/// The sentence around the event at code points `start..end` of `chars`:
/// its passage, where a highlight marks the event as highlighted.
pub fn passage_bounds(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    label::sentence_bounds(chars, start, end)
}

/// True for values that place an event on the calendar (not "PAST_REF", durations, sets).
pub fn is_calendar_value(value: &str) -> bool {
    TimexValue::parse(value).is_on_calendar()
}

/// The events of `text`, in order of mention, with their warnings.
pub fn extract(text: &str, published: Option<PartialDate>) -> Vec<EventDraft> {
    let tags = timex::tag_with(text, published.as_ref().map(Reference::from_partial));
    let anchor_text = Text::new(text);
    let chars: Vec<char> = text.chars().collect();
    let tenses = TenseReader::new(text);
    let mut drafts: Vec<EventDraft> = tags
        .into_iter()
        .filter(|t| matches!(t.kind, TimexKind::Date | TimexKind::Time) && is_calendar_value(&t.value) && !t.range_end)
        // Stamps, bylines and references date the page, not events; nor do
        // a game's quarters or a habit's seasons.
        .filter(|t| !furniture::is_metadata(&chars, t.start, t.end, &t.value))
        .filter(|t| !listings::is_listed(&chars, t.start, t.end))
        .filter(|t| !look_alikes::is_look_alike(&chars, t.start, t.end, &t.value))
        .filter(|t| !credits::in_credits(&chars, t.start, t.end))
        .filter(|t| !not_told::not_told(&chars, t.start, t.end))
        .filter(|t| !not_events::not_an_event(&chars, &tenses, t.start, t.end, &t.value))
        .map(|t| draft(text, &anchor_text, t))
        .collect();
    // Named events beside a written date are dropped from the timeline, but
    // the warnings still compare the two.
    let names: Vec<EventDraft> = drafts.iter().filter(|d| d.event_name).cloned().collect();
    drop_shadowed(&mut drafts);
    warnings::annotate(&chars, &tenses, &mut drafts, &names, published);
    drafts
}

/// [`extract`] leaving out the text's `captions` (figure and table captions,
/// as code-point ranges: `import::blocks::caption_ranges` of its HTML): a
/// caption's date says when a picture was taken or what a chart shows, not
/// what the prose tells, so it is not a timeline event.
pub fn extract_prose(text: &str, published: Option<PartialDate>, captions: &[(usize, usize)]) -> Vec<EventDraft> {
    let mut drafts = extract(text, published);
    drafts.retain(|d| !captions.iter().any(|(s, e)| d.start >= *s && d.start < *e));
    drafts
}

/// A date without digits ("nearly two centuries later", "that spring")
/// whose clause also names a written date ("in 1896") dates the same event:
/// the written date stands for it, and the timeline shows the event once
/// (the derived value is vaguer and can even fall on the wrong side of it).
fn drop_shadowed(drafts: &mut Vec<EventDraft>) {
    const NEAR: usize = 160; // code points: the same clause, not the next sentence's
    let written = |d: &EventDraft| d.exact.chars().any(|c| c.is_ascii_digit());
    let shadowed: Vec<bool> = drafts
        .iter()
        .map(|d| !written(d) && drafts.iter().any(|e| written(e) && e.start.abs_diff(d.start) < NEAR && d.label.contains(e.exact.as_str())))
        .collect();
    let mut flags = shadowed.into_iter();
    drafts.retain(|_| !flags.next().unwrap_or(false));
}

fn draft(text: &str, anchor_text: &Text, t: Timex) -> EventDraft {
    let quote: TextQuote = anchor_text.describe(t.start as u32, t.end as u32).map(|sel| sel.quote).unwrap_or_else(|_| TextQuote {
        exact: t.text.clone(),
        prefix: String::new(),
        suffix: String::new(),
    });
    EventDraft {
        kind: t.kind,
        label: label::label_for(text, t.start, t.end, t.event_name),
        value: t.value,
        value_end: t.value_end,
        start: t.start,
        end: t.end,
        exact: quote.exact,
        prefix: quote.prefix,
        suffix: quote.suffix,
        warnings: Vec::new(),
        event_name: t.event_name,
    }
}

/// Parses a date typed by the user ("June 2001", "the fall of 1989") with the
/// same tagger, relative to the article's published date.
pub fn parse_user_date(input: &str, published: Option<PartialDate>) -> Option<(TimexKind, String)> {
    timex::tag_with(input, published.as_ref().map(Reference::from_partial))
        .into_iter()
        .find(|t| matches!(t.kind, TimexKind::Date | TimexKind::Time) && is_calendar_value(&t.value))
        .map(|t| (t.kind, t.value))
}

#[cfg(test)]
mod tests;
