//! One calendar unit a TIMEX3 value names ("2001-06", "199", "2001-W36-WE"),
//! read from its string and placed on the calendar: first and last day,
//! where in those days it lies, and its endpoints at its own precision.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{DateParts, Precision};

/// A calendar unit. Years are astronomical (0 is 1 BC, -498 is 499 BC): see
/// the module documentation of `value` for the spellings read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    /// The hundreds `base` ("19" is 1900, "BC03" is 300) counted forward, or
    /// back from the birth of Christ when `bc`.
    Century {
        base: i32,
        bc: bool,
    },
    Decade {
        base: i32,
        bc: bool,
    },
    Year(i32),
    /// "FY2022": placed on the calendar year it is named by, as the tagger
    /// dates "FY2022" (the fiscal calendar itself is not known).
    FiscalYear(i32),
    Half(i32, u32),
    Quarter(i32, u32),
    Season(i32, Season),
    Month(i32, u32),
    /// ISO 8601 week-numbering year and week.
    Week(i32, u32),
    Weekend(i32, u32),
    Day(NaiveDate),
    PartOfDay(NaiveDate, DayPart),
    /// Hour (0-24: "T24:00" is the midnight at the end of the day) and minute.
    Time(NaiveDate, u32, Option<u32>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    /// The first month (winter runs from December into the next year).
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayPart {
    Morning,
    Midday,
    Afternoon,
    Evening,
    Night,
    Daytime,
}

impl DayPart {
    pub(super) fn name(self) -> &'static str {
        match self {
            DayPart::Morning => "morning",
            DayPart::Midday => "midday",
            DayPart::Afternoon => "afternoon",
            DayPart::Evening => "evening",
            DayPart::Night => "night",
            DayPart::Daytime => "daytime",
        }
    }

    /// Minutes into the day, for ordering only: a part of the day has no edges.
    fn minutes(self) -> (i64, i64) {
        match self {
            DayPart::Morning => (6 * 60, 12 * 60),
            DayPart::Midday => (12 * 60, 13 * 60),
            DayPart::Afternoon => (12 * 60, 18 * 60),
            DayPart::Evening => (18 * 60, 21 * 60),
            DayPart::Night => (21 * 60, 24 * 60),
            DayPart::Daytime => (8 * 60, 18 * 60),
        }
    }
}

const MINUTES_PER_DAY: i64 = 24 * 60;

impl Unit {
    /// Reads one value (no range). `None` for values that are not on the
    /// calendar (`PAST_REF`, `P3Y`, `XXXX-06`) or not valid (`2001-13`).
    pub(super) fn parse(value: &str) -> Option<Unit> {
        let (date, time) = match value.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (value, None),
        };
        if let Some(year) = date.strip_prefix("FY") {
            return (time.is_none() && year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
                .then(|| year.parse().ok().map(Unit::FiscalYear))
                .flatten();
        }
        let (era, body) = match (date.strip_prefix("BC"), date.strip_prefix('-')) {
            (Some(rest), _) => (Era::Bc, rest),
            (_, Some(rest)) => (Era::Minus, rest),
            _ => (Era::Ad, date),
        };
        let mut segments: Vec<&str> = body.split('-').collect();
        // Parts left unknown ("2001-XX", "2001-09-XX") leave the known ones.
        let mut known = true;
        while segments.len() > 1 && segments.last().is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b == b'X')) {
            segments.pop();
            known = false;
        }
        let time = time.filter(|_| known);
        let head = segments[0];
        let digits = head.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || head[digits..].bytes().any(|b| b != b'X') {
            return None;
        }
        let number: i32 = head[..digits].parse().ok()?;
        let bc = era != Era::Ad;
        let unit = match (digits, head.len(), &segments[1..]) {
            // "19", "19XX", "BC03": hundreds; "199", "199X", "BC048": tens.
            (2, 2 | 4, []) => Unit::Century { base: number * 100, bc },
            (3, 3 | 4, []) => Unit::Decade { base: number * 10, bc },
            (4.., _, rest) if digits == head.len() && (digits == 4 || era == Era::Minus) => {
                let year = match era {
                    Era::Ad => number,
                    Era::Minus => -number,
                    // TIMEX2 counts BC years: BC0001 is year 0.
                    Era::Bc if number >= 1 => 1 - number,
                    Era::Bc => return None,
                };
                within_year(year, rest)?
            }
            _ => return None,
        };
        unit.check()?;
        match time {
            None => Some(unit),
            Some(t) => match unit {
                Unit::Day(d) => with_time(d, t),
                _ => None,
            },
        }
    }

    /// `None` when the unit falls outside the calendar chrono can place.
    fn check(self) -> Option<()> {
        let (first, last) = self.days()?;
        (first <= last).then_some(())
    }

    /// First and last day.
    pub(super) fn days(self) -> Option<(NaiveDate, NaiveDate)> {
        let jan1 = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
        let dec31 = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
        Some(match self {
            Unit::Century { .. } | Unit::Decade { .. } => {
                let (first, last) = self.years_covered();
                (jan1(first)?, dec31(last)?)
            }
            Unit::Year(y) | Unit::FiscalYear(y) => (jan1(y)?, dec31(y)?),
            Unit::Half(y, n) => months(y, (n - 1) * 6 + 1, 6)?,
            Unit::Quarter(y, n) => months(y, (n - 1) * 3 + 1, 3)?,
            Unit::Season(y, s) => months(y, s.first_month(), 3)?,
            Unit::Month(y, m) => months(y, m, 1)?,
            Unit::Week(y, w) => (NaiveDate::from_isoywd_opt(y, w, Weekday::Mon)?, NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?),
            Unit::Weekend(y, w) => (NaiveDate::from_isoywd_opt(y, w, Weekday::Sat)?, NaiveDate::from_isoywd_opt(y, w, Weekday::Sun)?),
            Unit::Day(d) | Unit::PartOfDay(d, _) | Unit::Time(d, ..) => (d, d),
        })
    }

    /// First and last year of a century or decade (astronomical), others: the
    /// years of their first and last day.
    pub(super) fn years_covered(self) -> (i32, i32) {
        let (base, size, bc) = match self {
            Unit::Century { base, bc } => (base, 100, bc),
            Unit::Decade { base, bc } => (base, 10, bc),
            _ => return self.days().map(|(f, l)| (f.year(), l.year())).unwrap_or((0, 0)),
        };
        if bc {
            // The 480s BC are 489-480 BC; there is no year 0 BC.
            (1 - (base + size - 1), 1 - base.max(1))
        } else {
            (base.max(1), base + size - 1)
        }
    }

    /// Where the unit begins and ends inside its first and last day, in
    /// minutes from midnight (the end exclusive).
    pub(super) fn minutes(self) -> (i64, i64) {
        match self {
            Unit::PartOfDay(_, p) => p.minutes(),
            Unit::Time(_, h, Some(m)) => {
                let at = i64::from(h * 60 + m);
                (at, at + 1)
            }
            Unit::Time(_, h, None) => (i64::from(h) * 60, i64::from(h) * 60 + 60),
            _ => (0, MINUTES_PER_DAY),
        }
    }

    pub(super) fn precision(self) -> Precision {
        match self {
            Unit::Century { .. } => Precision::Century,
            Unit::Decade { .. } => Precision::Decade,
            Unit::Year(_) | Unit::FiscalYear(_) => Precision::Year,
            Unit::Half(..) => Precision::Half,
            Unit::Quarter(..) => Precision::Quarter,
            Unit::Season(..) => Precision::Season,
            Unit::Month(..) => Precision::Month,
            Unit::Week(..) => Precision::Week,
            Unit::Weekend(..) => Precision::Weekend,
            Unit::Day(_) | Unit::PartOfDay(..) => Precision::Day,
            Unit::Time(..) => Precision::Time,
        }
    }

    /// The year the unit is named by: a week's ISO year (2004-W01 began on
    /// 29 December 2003), a winter's December, a decade's first year.
    pub(super) fn year(self) -> i32 {
        match self {
            Unit::Century { .. } | Unit::Decade { .. } => self.years_covered().0,
            Unit::Year(y)
            | Unit::FiscalYear(y)
            | Unit::Half(y, _)
            | Unit::Quarter(y, _)
            | Unit::Season(y, _)
            | Unit::Month(y, _)
            | Unit::Week(y, _)
            | Unit::Weekend(y, _) => y,
            Unit::Day(d) | Unit::PartOfDay(d, _) | Unit::Time(d, ..) => d.year(),
        }
    }

    /// The first and last calendar unit at the unit's own precision (a month
    /// knows no day, a decade runs from its first year to its last).
    pub(super) fn endpoints(self) -> Option<(DateParts, DateParts)> {
        let (first, last) = self.days()?;
        Some(match self {
            Unit::Century { .. } | Unit::Decade { .. } | Unit::Year(_) | Unit::FiscalYear(_) => {
                let (a, b) = self.years_covered();
                (DateParts::year(a), DateParts::year(b))
            }
            Unit::Half(..) | Unit::Quarter(..) | Unit::Season(..) | Unit::Month(..) => {
                (DateParts::month(first.year(), first.month()), DateParts::month(last.year(), last.month()))
            }
            Unit::Week(..) | Unit::Weekend(..) | Unit::Day(_) | Unit::PartOfDay(..) => (DateParts::day(first), DateParts::day(last)),
            Unit::Time(d, hour, minute) => {
                let at = DateParts { hour: Some(hour), minute, ..DateParts::day(d) };
                (at, at)
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    /// No sign: years of the Common Era.
    Ad,
    /// A leading minus: an astronomical year (`-0498`), or a decade or century BC.
    Minus,
    /// TIMEX2's `BC` prefix, counting years BC (`BC0499`).
    Bc,
}

/// `count` months from `first` (1-12) of `year`, possibly into the next year.
fn months(year: i32, first: u32, count: u32) -> Option<(NaiveDate, NaiveDate)> {
    let start = NaiveDate::from_ymd_opt(year, first, 1)?;
    let after = start.checked_add_months(chrono::Months::new(count))?;
    Some((start, after - Duration::days(1)))
}

/// The parts after a year: `06`, `06-11`, `SU`, `Q3`, `H1`, `W36`, `W36-WE`, `W36-3`.
fn within_year(year: i32, rest: &[&str]) -> Option<Unit> {
    let number = |s: &str, max: u32| -> Option<u32> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
    };
    Some(match rest {
        [] => Unit::Year(year),
        [second, more @ ..] => {
            let season = match *second {
                "SP" => Some(Season::Spring),
                "SU" => Some(Season::Summer),
                "FA" | "AU" => Some(Season::Autumn),
                "WI" => Some(Season::Winter),
                _ => None,
            };
            match (season, second.as_bytes().first(), more) {
                (Some(s), _, []) => Unit::Season(year, s),
                (None, Some(b'Q'), []) => Unit::Quarter(year, number(&second[1..], 4)?),
                (None, Some(b'H'), []) => Unit::Half(year, number(&second[1..], 2)?),
                (None, Some(b'W'), _) => {
                    let week = number(&second[1..], 53)?;
                    match more {
                        [] => Unit::Week(year, week),
                        ["WE"] => Unit::Weekend(year, week),
                        [d] => {
                            let weekday = Weekday::try_from(u8::try_from(number(d, 7)? - 1).ok()?).ok()?;
                            Unit::Day(NaiveDate::from_isoywd_opt(year, week, weekday)?)
                        }
                        _ => return None,
                    }
                }
                (None, Some(b'0'..=b'9'), []) if second.len() == 2 => Unit::Month(year, number(second, 12)?),
                (None, Some(b'0'..=b'9'), [day]) if second.len() == 2 && day.len() == 2 => {
                    Unit::Day(NaiveDate::from_ymd_opt(year, number(second, 12)?, number(day, 31)?)?)
                }
                _ => return None,
            }
        }
    })
}

/// A clock time (`08:46`, `08`, `08:46:30Z`) or a part of the day (`MO`).
fn with_time(day: NaiveDate, t: &str) -> Option<Unit> {
    let part = match t {
        "MO" => Some(DayPart::Morning),
        "MI" => Some(DayPart::Midday),
        "AF" => Some(DayPart::Afternoon),
        "EV" => Some(DayPart::Evening),
        "NI" => Some(DayPart::Night),
        "DT" => Some(DayPart::Daytime),
        _ => None,
    };
    if let Some(p) = part {
        return Some(Unit::PartOfDay(day, p));
    }
    let two = |s: Option<&str>| s.filter(|s| s.bytes().all(|b| b.is_ascii_digit())).and_then(|s| s.parse::<u32>().ok());
    let hour = two(t.get(..2))?;
    let minute = match t.get(2..3) {
        None | Some("") => None,
        Some(":") => Some(two(t.get(3..5))?),
        // Seconds and zones may follow a minute, not an hour alone.
        Some(_) => return None,
    };
    let valid = hour < 24 && minute.is_none_or(|m| m < 60) || hour == 24 && minute.is_none_or(|m| m == 0);
    valid.then_some(Unit::Time(day, hour, minute))
}
