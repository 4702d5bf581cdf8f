//! The library's timeline: the stored events of every article (or of a
//! filter) on one time axis, and the groups of events from different
//! articles that name the same thing with different dates ("articles
//! disagree"). The store reads the events; the grouping here is pure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::TimelineEvent;

/// What to show: every filter left empty shows the whole library.
#[derive(Debug, Clone, Default, Deserialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase", default)]
pub struct TimelineFilter {
    /// Articles with a highlight carrying this tag (case-insensitive).
    pub tag: Option<String>,
    /// Words searched in the articles (title, byline, site, text) and in the events' labels.
    pub search: String,
    /// Only these articles (a selection in the library list); empty: all.
    pub article_ids: Vec<String>,
    /// Events that reach into or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    pub from: Option<String>,
    /// Events that begin on or before this date.
    pub to: Option<String>,
}

/// One event on the library's time axis.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LibraryEvent {
    pub event: TimelineEvent,
    pub article_title: String,
    /// Where the event lies on a continuous scale of years (2001.0 is the
    /// first instant of 2001): `to` is the end of its last day, so a year
    /// is a span one long and a day a sliver (what the axis draws).
    pub from: f64,
    pub to: f64,
    /// A highlight of the reader's overlaps the event's passage (its sentence).
    pub highlighted: bool,
}

/// An article that has events in the filter: the lanes and colours of the view.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TimelineArticle {
    pub id: String,
    pub title: String,
    /// The tags of its highlights, sorted (lanes by tag).
    pub tags: Vec<String>,
}

/// How the events of a group were found to name the same thing.
#[derive(Debug, Clone, Copy, Serialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// The same named event ("the fall of the Berlin Wall").
    Named,
    /// The same participants and action ("the United States invaded Afghanistan").
    Action,
}

/// The reader's verdict on a disagreement.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
#[ts(export)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum DisagreementVerdict {
    /// Not a real disagreement: the flag is put away.
    Dismissed,
    /// This event's date is the right one.
    #[serde(rename_all = "camelCase")]
    Right { event_id: String },
}

/// Events from two or more articles that name the same thing with dates
/// that do not overlap, even allowing for each one's precision.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Disagreement {
    /// Stable across re-extraction: what the verdict is kept under.
    pub key: String,
    pub kind: GroupKind,
    /// What the events are about, for the flag's title.
    pub label: String,
    /// The group's events in date order (some may be outside the filter):
    /// every one, or in the Timeline tab's overview one per date given
    /// (and the one marked right), however many articles give it.
    pub events: Vec<LibraryEvent>,
    /// How many events the group holds in all.
    pub total: u32,
    pub verdict: Option<DisagreementVerdict>,
}

/// The library's timeline for a filter.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct LibraryTimeline {
    /// In date order; ties in article and text order.
    pub events: Vec<LibraryEvent>,
    /// The articles the events come from, in order of their first event.
    pub articles: Vec<TimelineArticle>,
    /// Groups with at least one event in the filter.
    pub disagreements: Vec<Disagreement>,
}

/// Sorts events as the axis and the list show them.
pub fn sort_events(events: &mut [LibraryEvent]) {
    events.sort_by(|a, b| {
        a.from
            .total_cmp(&b.from)
            .then(b.to.total_cmp(&a.to))
            .then_with(|| a.event.article_id.cmp(&b.event.article_id))
            .then(a.event.start.cmp(&b.event.start))
    });
}
