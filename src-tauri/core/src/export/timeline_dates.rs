//! TIMEX3 values placed on the calendar for the timeline exports: the first and
//! last calendar unit a value covers at its own precision (`2001-SP` is March
//! to May 2001, `199X` is 1990 to 1999), a precision name and a label for
//! people ("Spring 2001", "the 1990s"), as the timeline sidebar shows it.

use chrono::{Datelike, NaiveDate, Weekday};

const MONTHS: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A calendar point at some precision (the fields after the last `Some` are unknown).
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

/// Where a value lies: its first and last unit (equal for a single day, month
/// or year), what precision it has, and how people read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub precision: &'static str,
    pub first: DateParts,
    pub last: DateParts,
    pub display: String,
    /// The value in a sortable ISO-like form: decades `199X`, centuries `19XX`.
    pub iso: String,
}

/// Places a TIMEX3 calendar value; `None` for values that are not on the
/// calendar (`PAST_REF`, durations) or that this reader does not know.
pub fn place(value: &str) -> Option<Placed> {
    let (date, time) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let mut parts = date.split('-');
    let head = parts.next()?;
    let digits: String = head.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 4 {
        // "199" / "199X" is a decade, "19" / "19XX" a century.
        if head.chars().skip(digits.len()).any(|c| c != 'X') || parts.next().is_some() {
            return None;
        }
        let (precision, scale) = match digits.len() {
            3 => ("decade", 10),
            2 => ("century", 100),
            _ => return None,
        };
        let start = digits.parse::<i32>().ok()? * scale;
        let iso = format!("{digits}{}", "X".repeat(4 - digits.len()));
        return Some(Placed {
            precision,
            first: DateParts::year(start),
            last: DateParts::year(start + scale - 1),
            display: format!("the {start}s"),
            iso,
        });
    }
    if digits.len() != 4 || head.len() != 4 {
        return None;
    }
    let year: i32 = digits.parse().ok()?;
    let mut placed = match parts.next() {
        None => Placed {
            precision: "year",
            first: DateParts::year(year),
            last: DateParts::year(year),
            display: year.to_string(),
            iso: String::new(),
        },
        Some(second) => place_within_year(year, second, parts.next())?,
    };
    if parts.next().is_some() {
        return None;
    }
    if let Some(t) = time {
        add_time(&mut placed, t)?;
    }
    placed.iso = value.to_owned();
    Some(placed)
}

fn months(year: i32, first: u32, count: u32, precision: &'static str, display: String) -> Placed {
    let last0 = first - 1 + count - 1; // zero-based, may pass December
    let last = DateParts::month(year + (last0 / 12) as i32, last0 % 12 + 1);
    Placed { precision, first: DateParts::month(year, first), last, display, iso: String::new() }
}

fn place_within_year(year: i32, second: &str, third: Option<&str>) -> Option<Placed> {
    let seasons = [("SP", 3, "Spring"), ("SU", 6, "Summer"), ("FA", 9, "Autumn"), ("WI", 12, "Winter")];
    if let Some((_, first, name)) = seasons.iter().find(|(code, _, _)| *code == second) {
        return third.is_none().then(|| months(year, *first, 3, "season", format!("{name} {year}")));
    }
    if let Some(n) = second.strip_prefix('Q').and_then(|n| n.parse::<u32>().ok()).filter(|n| (1..=4).contains(n)) {
        return third.is_none().then(|| months(year, (n - 1) * 3 + 1, 3, "quarter", format!("Q{n} {year}")));
    }
    if let Some(n) = second.strip_prefix('H').and_then(|n| n.parse::<u32>().ok()).filter(|n| (1..=2).contains(n)) {
        let name = if n == 1 { "First" } else { "Second" };
        return third.is_none().then(|| months(year, (n - 1) * 6 + 1, 6, "half", format!("{name} half of {year}")));
    }
    if let Some(week) = second.strip_prefix('W').and_then(|n| n.parse::<u32>().ok()) {
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        let sunday = NaiveDate::from_isoywd_opt(year, week, Weekday::Sun)?;
        let display = format!("Week {week}, {year}");
        return third.is_none().then(|| Placed {
            precision: "week",
            first: DateParts::day(monday),
            last: DateParts::day(sunday),
            display,
            iso: String::new(),
        });
    }
    let month: u32 = second.parse().ok().filter(|m| (1..=12).contains(m))?;
    let name = MONTHS[(month - 1) as usize];
    match third {
        None => Some(months(year, month, 1, "month", format!("{name} {year}"))),
        Some(d) => {
            let date = NaiveDate::from_ymd_opt(year, month, d.parse().ok()?)?;
            let at = DateParts::day(date);
            Some(Placed { precision: "day", first: at, last: at, display: format!("{} {name} {year}", date.day()), iso: String::new() })
        }
    }
}

/// `08:46`, `08` or a part of the day (`MO`, `AF`, `EV`, `NI`).
fn add_time(placed: &mut Placed, t: &str) -> Option<()> {
    if placed.precision != "day" {
        return None;
    }
    let part = match t {
        "MO" => Some("morning"),
        "AF" => Some("afternoon"),
        "EV" => Some("evening"),
        "NI" => Some("night"),
        _ => None,
    };
    if let Some(part) = part {
        placed.display = format!("{}, {part}", placed.display);
        return Some(());
    }
    let mut hm = t.split(':');
    let hour: u32 = hm.next()?.parse().ok().filter(|h| *h < 24)?;
    let minute: Option<u32> = match hm.next() {
        Some(m) => Some(m.get(..2)?.parse().ok().filter(|m| *m < 60)?),
        None => None,
    };
    placed.first.hour = Some(hour);
    placed.first.minute = minute;
    placed.last = placed.first;
    placed.precision = "time";
    placed.display = format!("{}, {hour:02}:{:02}", placed.display, minute.unwrap_or(0));
    Some(())
}

/// A value with an optional range end (`2003` to `2006`): from the first unit
/// of the start to the last unit of the end.
pub fn place_range(value: &str, value_end: Option<&str>) -> Option<Placed> {
    let mut placed = place(value)?;
    if let Some(end) = value_end.and_then(place) {
        placed.last = end.last;
        placed.display = format!("{} – {}", placed.display, end.display);
        placed.iso = format!("{}/{}", placed.iso, end.iso);
    }
    Some(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: Option<u32>, d: Option<u32>) -> DateParts {
        DateParts { year: y, month: m, day: d, hour: None, minute: None }
    }

    #[test]
    fn each_precision_covers_its_units() {
        let p = place("2001-09-11").unwrap();
        assert_eq!(
            (p.precision, p.first, p.last, p.display.as_str()),
            ("day", ymd(2001, Some(9), Some(11)), ymd(2001, Some(9), Some(11)), "11 September 2001")
        );
        let p = place("2001-06").unwrap();
        assert_eq!(
            (p.precision, p.first, p.last, p.display.as_str()),
            ("month", ymd(2001, Some(6), None), ymd(2001, Some(6), None), "June 2001")
        );
        let p = place("1987").unwrap();
        assert_eq!((p.precision, p.display.as_str(), p.iso.as_str()), ("year", "1987", "1987"));
        let p = place("199").unwrap();
        assert_eq!(
            (p.precision, p.first, p.last, p.display.as_str(), p.iso.as_str()),
            ("decade", ymd(1990, None, None), ymd(1999, None, None), "the 1990s", "199X")
        );
        assert_eq!(place("199X").unwrap().iso, "199X");
        let p = place("18XX").unwrap();
        assert_eq!((p.precision, p.first.year, p.last.year, p.display.as_str()), ("century", 1800, 1899, "the 1800s"));
        let p = place("2001-WI").unwrap();
        assert_eq!(
            (p.precision, p.first, p.last),
            ("season", ymd(2001, Some(12), None), ymd(2002, Some(2), None)),
            "winter runs into the next year"
        );
        let p = place("2001-Q3").unwrap();
        assert_eq!((p.first.month, p.last.month, p.display.as_str()), (Some(7), Some(9), "Q3 2001"));
        assert_eq!(place("2001-H2").unwrap().first.month, Some(7));
        let p = place("2012-W05").unwrap();
        assert_eq!((p.precision, p.first, p.last), ("week", ymd(2012, Some(1), Some(30)), ymd(2012, Some(2), Some(5))));
    }

    #[test]
    fn times_and_parts_of_the_day() {
        let p = place("2011-09-03T07:15").unwrap();
        assert_eq!((p.precision, p.first.hour, p.first.minute, p.display.as_str()), ("time", Some(7), Some(15), "3 September 2011, 07:15"));
        let p = place("2011-09-03TMO").unwrap();
        assert_eq!((p.precision, p.first.hour, p.display.as_str()), ("day", None, "3 September 2011, morning"));
    }

    #[test]
    fn ranges_run_to_the_last_unit_of_their_end() {
        let p = place_range("2003", Some("2006")).unwrap();
        assert_eq!((p.first.year, p.last.year, p.iso.as_str(), p.display.as_str()), (2003, 2006, "2003/2006", "2003 – 2006"));
        let p = place_range("2011-05", Some("2011-08")).unwrap();
        assert_eq!((p.first.month, p.last.month), (Some(5), Some(8)));
    }

    #[test]
    fn values_off_the_calendar_are_not_placed() {
        for v in ["PAST_REF", "P3Y", "2001-13", "2001-02-30", "abcd", "", "2001-06-01-02", "1X9"] {
            assert_eq!(place(v), None, "{v}");
        }
    }
}
