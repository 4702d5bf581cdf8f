//! Whether a published date from a page's metadata can be one. Broken or
//! template metadata gives dates such as `0001-01-01` or the Unix epoch;
//! taken at its word, such a date makes every event in the article "after
//! publication". The article's date is then unknown (and the reader can set
//! it), never invented.

use chrono::NaiveDate;

use crate::PartialDate;

/// The earliest published date believed: news on the web that says it was
/// published before 1800 is a placeholder or a mistake.
const EARLIEST_YEAR: i32 = 1800;

/// Dates content systems write when they have none: the epochs of Unix,
/// spreadsheets and some databases.
const PLACEHOLDERS: &[(i32, u32, u32)] = &[(1970, 1, 1), (1900, 1, 1), (1899, 12, 30), (1899, 12, 31)];

/// `date`, unless it is before 1800, after `today` (a day's grace for time
/// zones), or a placeholder.
pub fn plausible(date: PartialDate, today: NaiveDate) -> Option<PartialDate> {
    if date.year < EARLIEST_YEAR || date.first_day() > today + chrono::Days::new(1) {
        return None;
    }
    let placeholder = PLACEHOLDERS.iter().any(|&(y, m, d)| date.year == y && date.month == Some(m) && date.day.is_none_or(|day| day == d));
    (!placeholder).then_some(date)
}

/// `plausible` against the machine's date.
pub fn plausible_now(date: PartialDate) -> Option<PartialDate> {
    plausible(date, chrono::Local::now().date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn check(s: &str) -> Option<String> {
        plausible(s.parse().unwrap(), day("2024-06-15")).map(|d| d.to_string())
    }

    #[test]
    fn real_dates_are_kept() {
        assert_eq!(check("2011-09-14").as_deref(), Some("2011-09-14"));
        assert_eq!(check("1998-03").as_deref(), Some("1998-03"));
        assert_eq!(check("1850").as_deref(), Some("1850"));
        assert_eq!(check("2024-06-16").as_deref(), Some("2024-06-16"), "a day ahead: another time zone");
        assert_eq!(check("1970-01-02").as_deref(), Some("1970-01-02"));
        assert_eq!(check("1970").as_deref(), Some("1970"), "a year alone is no epoch");
    }

    #[test]
    fn placeholders_and_impossible_dates_are_dropped() {
        for bad in ["0001-01-01", "1000-01-01", "1799-12-31", "1970-01-01", "1900-01-01", "1899-12-30", "2024-06-18", "2031-01", "2099"] {
            assert_eq!(check(bad), None, "{bad}");
        }
    }
}
