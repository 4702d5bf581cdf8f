//! A calendar date known to year, month or day precision ("2011", "2011-09",
//! "2011-09-11"), as article metadata usually gives it.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string that is not a date in one of the accepted forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a date: {:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)", self.0)
    }
}

impl std::error::Error for BadDate {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }

    pub fn from_naive(d: NaiveDate) -> Self {
        PartialDate { year: d.year(), month: Some(d.month()), day: Some(d.day()) }
    }

    /// The first day the date can stand for: the reference point for relative dates.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(NaiveDate::MIN)
    }

    pub fn precision(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "day",
            (Some(_), None) => "month",
            _ => "year",
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = BadDate;

    /// Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and full RFC 3339 / ISO date-times
    /// (whose date part is kept).
    fn from_str(s: &str) -> Result<Self, BadDate> {
        let bad = || BadDate(s.to_owned());
        let s = s.trim();
        let is_datetime = s.len() > 10 && matches!(s.as_bytes()[10], b'T' | b't' | b' ');
        let date_part = if is_datetime { &s[..10] } else { s };
        let mut parts = date_part.split('-');
        let year: i32 = parts.next().filter(|p| p.len() == 4).and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let month = match parts.next() {
            Some(p) => Some(p.parse::<u32>().ok().filter(|m| (1..=12).contains(m)).ok_or_else(bad)?),
            None => None,
        };
        let day = match parts.next() {
            Some(p) => Some(p.parse::<u32>().ok().ok_or_else(bad)?),
            None => None,
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (month, day) {
            NaiveDate::from_ymd_opt(year, m, d).ok_or_else(bad)?;
        }
        Ok(PartialDate { year, month, day })
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_round_trips() {
        for s in ["1989", "2001-06", "2001-09-11"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        let d: PartialDate = "2011-09-14T08:30:00+04:00".parse().unwrap();
        assert_eq!(d.to_string(), "2011-09-14");
        assert_eq!(d.precision(), "day");
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in ["", "11-09", "2001-13", "2001-02-30", "2001-01-01-01", "abcd"] {
            assert!(s.parse::<PartialDate>().is_err(), "{s} should be rejected");
        }
    }
}
