//! The library timeline a window at a time (issue 20): what the Timeline tab
//! asks for instead of every event of the library. An overview (how many
//! events the filter holds, from when to when, where articles disagree),
//! counts per slice of time (the overview strip and the crowded zoom
//! levels) and the events of one window of years, a page at a time.

use serde::Serialize;
use ts_rs::TS;

use super::library::{Disagreement, DisagreementVerdict, GroupKind, LibraryEvent, TimelineArticle};
use super::WarningMark;
use crate::timex::Precision;

/// The most slices a density may have: one per pixel of a wide screen.
pub const MAX_BUCKETS: u32 = 4096;
/// The most events one page of a window may hold.
pub const MAX_PAGE: u32 = 5000;
/// The widest window asked for, in years: the axis shows a thousand at most,
/// the overview the whole filter (and dates run from 9999 BC to AD 9999).
pub const MAX_SPAN_YEARS: f64 = 20_000.0;

/// The filter's timeline as the tab opens it.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TimelineOverview {
    /// Events in the filter.
    pub total: u32,
    /// Articles those events come from.
    pub articles: u32,
    /// The first instant of the earliest event and the last of the latest (years); None when there are no events.
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// Groups with at least one event in the filter.
    pub disagreements: Vec<Disagreement>,
}

/// How many of the filter's events have their midpoint in each of equal slices of a span of years.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TimelineDensity {
    pub from: f64,
    pub to: f64,
    /// One count per slice, the first starting at `from`; the last slice includes `to`.
    pub counts: Vec<u32>,
}

/// One page of the events that reach into a window of years, in date order.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TimelineWindow {
    pub from: f64,
    pub to: f64,
    /// Events of the filter in the window, all pages.
    pub total: u32,
    /// Where this page starts among them.
    pub offset: u32,
    /// In date order (earliest start first, the longer of two spans first, then article and text order).
    pub events: Vec<LibraryEvent>,
    /// The articles of this page's events, in order of their first event, with their tags.
    pub articles: Vec<TimelineArticle>,
    /// This page's events that are in a group where articles disagree (the
    /// overview's disagreements hold a sample of each group's events).
    pub disagreeing: Vec<DisagreeingEvent>,
}

/// An event in a group where articles disagree: the tab flags it unless
/// the group's verdict is given.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct DisagreeingEvent {
    pub event_id: String,
    /// The group's key (Disagreement::key).
    pub key: String,
}

/// One event as the Timeline tab's chart and list draw it: only what a
/// frame needs (a window of 2,000 full events with their quotes, values and
/// warnings' evidence is several times larger to send and to parse).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct WindowEvent {
    pub id: String,
    /// Its article, as an index into the answer's `articles`.
    pub article: u32,
    /// Years, as [`LibraryEvent`]'s.
    pub from: f64,
    pub to: f64,
    pub precision: Option<Precision>,
    /// The date as the reader reads it ("June 2001").
    pub date: String,
    pub label: String,
    /// The passage, in the article's text.
    pub start: u32,
    pub end: u32,
    pub highlighted: bool,
    /// The article's chronology warnings on it, not dismissed (their messages).
    pub warnings: Vec<String>,
}

/// [`TimelineWindow`] with its events in the compact form the tab draws.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct WindowMarks {
    pub from: f64,
    pub to: f64,
    pub total: u32,
    pub offset: u32,
    pub events: Vec<WindowEvent>,
    pub articles: Vec<TimelineArticle>,
    pub disagreeing: Vec<DisagreeingEvent>,
}

impl From<TimelineWindow> for WindowMarks {
    fn from(w: TimelineWindow) -> Self {
        let mut articles = w.articles;
        let mut at: std::collections::HashMap<String, u32> = articles.iter().enumerate().map(|(i, a)| (a.id.clone(), i as u32)).collect();
        let events = w
            .events
            .into_iter()
            .map(|e| {
                let article = *at.entry(e.event.article_id.clone()).or_insert_with(|| {
                    // Every event's article is listed; one that is not gets an entry of its own.
                    articles.push(TimelineArticle { id: e.event.article_id.clone(), title: e.article_title.clone(), tags: Vec::new() });
                    (articles.len() - 1) as u32
                });
                WindowEvent {
                    article,
                    from: e.from,
                    to: e.to,
                    precision: e.event.date.precision,
                    warnings: e.event.warnings.into_iter().filter(|w| w.mark != Some(WarningMark::Dismissed)).map(|w| w.message).collect(),
                    date: e.event.date.label,
                    label: e.event.label,
                    start: e.event.start,
                    end: e.event.end,
                    highlighted: e.highlighted,
                    id: e.event.id,
                }
            })
            .collect();
        WindowMarks { from: w.from, to: w.to, total: w.total, offset: w.offset, events, articles, disagreeing: w.disagreeing }
    }
}

/// One article's claim in a disagreement, as the Timeline tab's panel shows it.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    pub event_id: String,
    pub article_id: String,
    pub article_title: String,
    /// The date as the article gives it ("October 2001").
    pub date: String,
    /// The event's label (what the article says happened).
    pub label: String,
}

/// [`Disagreement`] with its events as claims.
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct DisagreementClaims {
    pub key: String,
    pub kind: GroupKind,
    pub label: String,
    pub claims: Vec<Claim>,
    /// How many events the group holds in all.
    pub total: u32,
    pub verdict: Option<DisagreementVerdict>,
}

/// [`TimelineOverview`] in the compact form the Timeline tab shows (each
/// disagreement's events as claims: a tenth of the full events' size).
#[derive(Debug, Clone, Serialize, TS, PartialEq)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct OverviewClaims {
    pub total: u32,
    pub articles: u32,
    pub from: Option<f64>,
    pub to: Option<f64>,
    pub disagreements: Vec<DisagreementClaims>,
}

impl From<TimelineOverview> for OverviewClaims {
    fn from(o: TimelineOverview) -> Self {
        let disagreements = o
            .disagreements
            .into_iter()
            .map(|d| DisagreementClaims {
                key: d.key,
                kind: d.kind,
                label: d.label,
                total: d.total,
                verdict: d.verdict,
                claims: d
                    .events
                    .into_iter()
                    .map(|e| Claim {
                        event_id: e.event.id,
                        article_id: e.event.article_id,
                        article_title: e.article_title,
                        date: e.event.date.label,
                        label: e.event.label,
                    })
                    .collect(),
            })
            .collect();
        OverviewClaims { total: o.total, articles: o.articles, from: o.from, to: o.to, disagreements }
    }
}

/// Checks a window asked for by the UI: finite, in order, not absurdly wide.
pub fn check_span(from: f64, to: f64) -> Result<(), String> {
    if !from.is_finite() || !to.is_finite() {
        return Err("a timeline window needs finite years".into());
    }
    if to <= from {
        return Err(format!("a timeline window must end after it begins (from {from}, to {to})"));
    }
    if to - from > MAX_SPAN_YEARS {
        return Err(format!("a timeline window may span at most {MAX_SPAN_YEARS} years"));
    }
    Ok(())
}

/// The slice a midpoint falls in, of `buckets` equal slices of `from..=to`; None outside.
pub fn bucket_of(mid: f64, from: f64, to: f64, buckets: u32) -> Option<usize> {
    if !(from..=to).contains(&mid) || buckets == 0 {
        return None;
    }
    let k = ((mid - from) / (to - from) * f64::from(buckets)).floor() as usize;
    Some(k.min(buckets as usize - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_must_be_finite_in_order_and_not_absurdly_wide() {
        assert!(check_span(1990.0, 2000.0).is_ok());
        assert!(check_span(2000.0, 1990.0).is_err());
        assert!(check_span(2000.0, 2000.0).is_err());
        assert!(check_span(f64::NAN, 2000.0).is_err());
        assert!(check_span(0.0, f64::INFINITY).is_err());
        assert!(check_span(-15_000.0, 9_999.0).is_err());
    }

    #[test]
    fn midpoints_fall_in_their_slice_and_the_end_in_the_last() {
        assert_eq!(bucket_of(1990.0, 1990.0, 2000.0, 10), Some(0));
        assert_eq!(bucket_of(1994.99, 1990.0, 2000.0, 10), Some(4));
        assert_eq!(bucket_of(1995.0, 1990.0, 2000.0, 10), Some(5));
        assert_eq!(bucket_of(2000.0, 1990.0, 2000.0, 10), Some(9));
        assert_eq!(bucket_of(1989.9, 1990.0, 2000.0, 10), None);
        assert_eq!(bucket_of(2000.1, 1990.0, 2000.0, 10), None);
    }
}
