//! What a TIMEX3 value means: where it lies on the calendar (its first and
//! last day), how precise it is, how people read it, and where it sorts.
//! The one reading of a value for the timeline, its exports and the UI.
//!
//! Values placed on the calendar: days (`2001-09-11`), times and parts of a
//! day (`2001-09-11T08:46`, `2001-09-11TMO`), weeks and weekends
//! (`2001-W37`, `2001-W36-WE`), months, seasons, quarters and halves
//! (`2001-06`, `2001-SU`, `2001-Q3`, `2001-H1`), years, fiscal years
//! (`2001`, `FY2001`), decades (`199`, `199X`) and centuries (`19`,
//! `19XX`); unknown trailing parts are dropped (`2001-XX` is the year 2001).
//! A value may carry a range end (`2003` to `2006`). Everything else
//! (`PAST_REF`, `P3Y`, `XXXX-06`) is kept as written and is not on the
//! calendar.
//!
//! # Years before the Common Era
//!
//! Years are counted astronomically, as ISO 8601 and chrono count them: year
//! 0 is 1 BC, -1 is 2 BC, -498 is 499 BC. So a BC day is an ordinary
//! `NaiveDate`, spans and sort keys need no special case, and the years
//! between two dates are a subtraction. Two spellings are read:
//! - ISO 8601 with a leading minus and four or more digits: `-0498`,
//!   `-0043-03-15` (TIMEX3's form, and the tagger's);
//! - TIMEX2's `BC` prefix, which counts years BC: `BC0499` (= `-0498`),
//!   `BC0044-03-15`.
//!
//! A decade or century has no astronomical reading, so there the sign (or
//! `BC`) only says BC: `-048` and `BC048` are the 480s BC (489-480 BC), `-03`
//! and `BC03` the 300s BC (399-300 BC). Labels count as people do: "499 BC",
//! "15 March 44 BC", "the 480s BC".

mod label;
mod unit;

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use label::year_label;
use unit::Unit;

/// How much of a date a value knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A clock time: `2001-09-11T08:46`.
    Time,
    /// A day, or a part of one (`2001-09-11TMO`).
    Day,
    Weekend,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    /// A year or a fiscal year.
    Year,
    Decade,
    Century,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Time => "time",
            Precision::Day => "day",
            Precision::Weekend => "weekend",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Quarter => "quarter",
            Precision::Half => "half",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// The days a value covers, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A calendar point at some precision: the fields after the last `Some` are
/// unknown (a month has no day). `year` is astronomical (0 is 1 BC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateParts {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub hour: Option<u32>,
    pub minute: Option<u32>,
}

impl DateParts {
    fn year(year: i32) -> Self {
        DateParts { year, month: None, day: None, hour: None, minute: None }
    }

    fn month(year: i32, month: u32) -> Self {
        DateParts { month: Some(month), ..Self::year(year) }
    }

    fn day(d: NaiveDate) -> Self {
        DateParts { day: Some(d.day()), ..Self::month(d.year(), d.month()) }
    }
}

/// A chronological sort key: compare keys (as values or as their strings)
/// and values sort earlier first, the coarser first where two begin
/// together ("2001" before "January 2001" before "1 January 2001"), and
/// values not on the calendar last, all equal to each other (a stable sort
/// keeps their order).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey(String);

impl SortKey {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Minutes are counted from a day far before chrono's first, so that keys
/// are non-negative and of one width: the strings compare as the times do.
const KEY_OFFSET_DAYS: i64 = 100_000_000;
const KEY_MAX: i64 = 999_999_999_999;
const OFF_CALENDAR_KEY: &str = "~";

/// A TIMEX3 value (with an optional range end) and what it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimexValue {
    value: String,
    value_end: Option<String>,
    start: Option<Unit>,
    /// The range end, when it is on the calendar and does not end before the start.
    end: Option<Unit>,
}

impl TimexValue {
    /// Reads a value; one not on the calendar is kept as written.
    pub fn parse(value: &str) -> Self {
        Self::parse_range(value, None)
    }

    /// Reads a value and the end of its range ("from 2003 to 2006": `2003`, `2006`).
    pub fn parse_range(value: &str, value_end: Option<&str>) -> Self {
        let start = Unit::parse(value);
        let end = match (start.and_then(Unit::days), value_end.and_then(Unit::parse)) {
            (Some((_, start_last)), Some(e)) => e.days().filter(|(_, end_last)| *end_last >= start_last).map(|_| e),
            _ => None,
        };
        TimexValue { value: value.to_owned(), value_end: value_end.map(str::to_owned), start, end }
    }

    /// The value as written.
    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn value_end(&self) -> Option<&str> {
        self.value_end.as_deref()
    }

    /// True for values that place something on the calendar.
    pub fn is_on_calendar(&self) -> bool {
        self.start.is_some()
    }

    /// The first and last day, from the start of the value to the end of its range.
    pub fn span(&self) -> Option<Span> {
        let (first, mut last) = self.start?.days()?;
        if let Some((_, end_last)) = self.end.and_then(Unit::days) {
            last = end_last;
        }
        Some(Span { first, last })
    }

    /// The precision of the value (of its start, for a range).
    pub fn precision(&self) -> Option<Precision> {
        self.start.map(Unit::precision)
    }

    /// How people read it: "11 September 2001", "June 2001", "Spring 2001",
    /// "the 1990s", "499 BC", "2003 – 2006". A value not on the calendar
    /// reads as written (a few references in words: "the past").
    pub fn label(&self) -> String {
        match (self.start, self.end) {
            (Some(s), Some(e)) => format!("{} – {}", label::label(s), label::label(e)),
            (Some(s), None) => label::label(s),
            (None, _) => label::off_calendar(&self.value),
        }
    }

    /// The chronological sort key (see [`SortKey`]).
    pub fn sort_key(&self) -> SortKey {
        let Some(start) = self.start else { return SortKey(OFF_CALENDAR_KEY.into()) };
        let last_unit = self.end.unwrap_or(start);
        let (Some((first, _)), Some((_, last))) = (start.days(), last_unit.days()) else {
            return SortKey(OFF_CALENDAR_KEY.into());
        };
        let minute = |d: NaiveDate, m: i64| (i64::from(d.num_days_from_ce()) + KEY_OFFSET_DAYS) * 24 * 60 + m;
        let begins = minute(first, start.minutes().0);
        let ends = minute(last, last_unit.minutes().1);
        // Later ends first: of two values that begin together, the coarser.
        SortKey(format!("{begins:012}{:012}", KEY_MAX - ends))
    }

    /// The first and last calendar unit at the value's own precision, the
    /// last from its range end: `2001-SP` is March to May 2001, `199X` 1990
    /// to 1999, `2001-09-11T08:46` that minute twice.
    pub fn endpoints(&self) -> Option<(DateParts, DateParts)> {
        let (first, mut last) = self.start?.endpoints()?;
        if let Some((_, end_last)) = self.end.and_then(Unit::endpoints) {
            last = end_last;
        }
        Some((first, last))
    }

    /// The value in a form that sorts and reads alike in a spreadsheet:
    /// decades and centuries padded with `X` (`199X`, `18XX`), a range as
    /// `start/end`; other values as written.
    pub fn iso(&self) -> String {
        let one = |value: &str, unit: Option<Unit>| match unit {
            Some(Unit::Century { .. } | Unit::Decade { .. }) => {
                let known = value.trim_end_matches('X');
                let digits = known.bytes().filter(u8::is_ascii_digit).count();
                format!("{known}{}", "X".repeat(4usize.saturating_sub(digits)))
            }
            _ => value.to_owned(),
        };
        match (&self.value_end, self.end) {
            (Some(end), Some(unit)) => format!("{}/{}", one(&self.value, self.start), one(end, Some(unit))),
            _ => one(&self.value, self.start),
        }
    }

    /// The span on a continuous scale of years (2001.0 is the first instant
    /// of 2001, -498.0 of 499 BC), for measuring how far apart dates lie.
    pub fn years(&self) -> Option<(f64, f64)> {
        let span = self.span()?;
        let at = |d: NaiveDate| {
            let days = if d.leap_year() { 366.0 } else { 365.0 };
            f64::from(d.year()) + f64::from(d.ordinal0()) / days
        };
        let after_last = span.last.succ_opt().map(at).unwrap_or_else(|| at(span.last));
        Some((at(span.first), after_last))
    }

    /// Everything a front end shows of the value, so that it never reads one.
    pub fn summary(&self) -> TimexSummary {
        TimexSummary {
            label: self.label(),
            precision: self.precision(),
            sort_key: self.sort_key().0,
            year: self.start.map(Unit::year),
            heading: self.start.map(label::heading),
            decade: self.start.map(|u| label::decade_of(u.year())),
        }
    }
}

impl PartialOrd for TimexValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Chronological order (see [`SortKey`]); values with equal keys are told
/// apart by their strings, so that the order is total and agrees with `Eq`.
impl Ord for TimexValue {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key()).then_with(|| (&self.value, &self.value_end).cmp(&(&other.value, &other.value_end)))
    }
}

/// What the UI shows of a value, worked out here so that it never parses
/// one: the label, the sort key, and the year markers, gaps and period
/// filter of the timeline sidebar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
#[serde(rename_all = "camelCase")]
pub struct TimexSummary {
    /// "11 September 2001", "June 2001", "the 1990s", "499 BC", "2003 – 2006".
    pub label: String,
    /// `null` for a value not on the calendar.
    pub precision: Option<Precision>,
    /// Compare as strings (`<`): earlier first, the coarser first at one
    /// start, values not on the calendar last.
    pub sort_key: String,
    /// The year the value is named by, astronomical (0 is 1 BC): subtract two
    /// to count the years between them.
    pub year: Option<i32>,
    /// The year marker it is listed under: "2001", "1990s", "499 BC".
    pub heading: Option<String>,
    /// The decade its year falls in: "1990s", "490s BC".
    pub decade: Option<String>,
}

#[cfg(test)]
mod tests;
