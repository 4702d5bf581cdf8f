//! How people read a calendar unit: "11 September 2001", "June 2001",
//! "Spring 2001", "the 1990s", "499 BC". The wording is the timeline
//! sidebar's, which the exports repeat.

use chrono::{Datelike, NaiveDate};

use super::unit::{Season, Unit};

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A year as people count it: `2001`, `-498` is "499 BC" (year 0 is 1 BC).
pub fn year_label(year: i32) -> String {
    if year >= 1 {
        year.to_string()
    } else {
        format!("{} BC", 1 - i64::from(year))
    }
}

pub(super) fn month_name(month: u32) -> &'static str {
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

fn day(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month_name(d.month()), year_label(d.year()))
}

/// "the 1990s", "the 1800s", "the 480s BC".
fn tens(base: i32, bc: bool) -> String {
    if bc {
        format!("the {base}s BC")
    } else {
        format!("the {base}s")
    }
}

pub(super) fn label(unit: Unit) -> String {
    match unit {
        Unit::Century { base, bc } | Unit::Decade { base, bc } => tens(base, bc),
        Unit::Year(y) => year_label(y),
        Unit::FiscalYear(y) => format!("FY{}", year_label(y)),
        Unit::Half(y, n) => format!("{} half of {}", if n == 1 { "First" } else { "Second" }, year_label(y)),
        Unit::Quarter(y, n) => format!("Q{n} {}", year_label(y)),
        Unit::Season(y, s) => {
            let name = match s {
                Season::Spring => "Spring",
                Season::Summer => "Summer",
                Season::Autumn => "Autumn",
                Season::Winter => "Winter",
            };
            format!("{name} {}", year_label(y))
        }
        Unit::Month(y, m) => format!("{} {}", month_name(m), year_label(y)),
        Unit::Week(y, w) => format!("Week {w}, {}", year_label(y)),
        Unit::Weekend(..) => match unit.days() {
            Some((sat, sun)) if sat.month() == sun.month() => format!("Weekend of {}–{}", sat.day(), day(sun)),
            Some((sat, sun)) if sat.year() == sun.year() => {
                format!("Weekend of {} {} – {}", sat.day(), month_name(sat.month()), day(sun))
            }
            Some((sat, sun)) => format!("Weekend of {} – {}", day(sat), day(sun)),
            None => String::new(),
        },
        Unit::Day(d) => day(d),
        Unit::PartOfDay(d, p) => format!("{}, {}", day(d), p.name()),
        Unit::Time(d, h, m) => format!("{}, {h:02}:{:02}", day(d), m.unwrap_or(0)),
    }
}

/// The year marker a unit is filed under: its year ("2001", "499 BC"), or
/// its decade or century ("1990s", "1800s", "480s BC").
pub(super) fn heading(unit: Unit) -> String {
    match unit {
        Unit::Century { base, bc } | Unit::Decade { base, bc } => tens(base, bc).trim_start_matches("the ").to_owned(),
        _ => year_label(unit.year()),
    }
}

/// The decade a year falls in, as the period filter names it: "1990s",
/// "490s BC" (499-490 BC).
pub(super) fn decade_of(year: i32) -> String {
    if year >= 1 {
        format!("{}s", year.div_euclid(10) * 10)
    } else {
        format!("{}s BC", (1 - i64::from(year)).div_euclid(10) * 10)
    }
}

/// Values that are not on the calendar: a few references in words, the rest as written.
pub(super) fn off_calendar(value: &str) -> String {
    match value {
        "PRESENT_REF" => "the present".into(),
        "PAST_REF" => "the past".into(),
        "FUTURE_REF" => "the future".into(),
        _ => value.to_owned(),
    }
}
