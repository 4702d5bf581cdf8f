//! The year arithmetic the warnings need, in one place: where a value sits
//! on the calendar (read by the tagger's `TimexValue`), the year written in
//! a quote, and how two years differ the way a typist's slip would make them.

use super::TypoKind;
use crate::timex::TimexValue;
use crate::PartialDate;

/// The span of a value in fractional years, when it is at most `max_years`
/// long (a day, a month, a year; not a decade or a century).
pub fn span_within(value: &str, max_years: f64) -> Option<(f64, f64)> {
    TimexValue::parse(value).years().filter(|(s, e)| e - s <= max_years + 1e-9)
}

/// The calendar year a value starts in (`2001-06` → 2001), for values no
/// longer than a year.
pub fn year_of(value: &str) -> Option<i32> {
    span_within(value, 1.0).map(|(s, _)| s.floor() as i32)
}

/// The end of the published date's span, in fractional years: a story
/// published "2011-09" may tell anything up to the end of September.
pub fn published_end(p: &PartialDate) -> f64 {
    TimexValue::parse(&p.to_string()).years().map_or(f64::from(p.year) + 1.0, |(_, end)| end)
}

/// The four-digit year written in a quote ("October 2011", "Sept. 11, 2001",
/// "2003") when it is the only one and the value's own year: the writer
/// typed it, so the writer can have mistyped it. Relative dates ("a year
/// later"), names ("9/11") and ranges are not written years.
pub fn written_year(quote: &str, value: &str) -> Option<i32> {
    let runs: Vec<&str> = quote.split(|c: char| !c.is_ascii_digit()).filter(|r| r.len() >= 3).collect();
    match runs.as_slice() {
        [run] if run.len() == 4 => {
            let y: i32 = run.parse().ok()?;
            (year_of(value) == Some(y)).then_some(y)
        }
        _ => None,
    }
}

/// How `written` differs from `meant` as a typist's slip: one digit of the
/// last three (a decade when it is the tens digit, one off), or two
/// neighbouring digits swapped. `None` when they are equal or further apart.
pub fn typo_between(written: i32, meant: i32) -> Option<TypoKind> {
    if written == meant || !(1000..=2999).contains(&written) || !(1000..=2999).contains(&meant) {
        return None;
    }
    let a: Vec<u8> = format!("{written:04}").into_bytes();
    let b: Vec<u8> = format!("{meant:04}").into_bytes();
    let differ: Vec<usize> = (0..4).filter(|&k| a[k] != b[k]).collect();
    match differ.as_slice() {
        [k] if *k >= 1 => Some(if *k == 2 && a[2].abs_diff(b[2]) == 1 { TypoKind::Decade } else { TypoKind::Digit }),
        [k, l] if *l == k + 1 && *k >= 1 && a[*k] == b[*l] && a[*l] == b[*k] => Some(TypoKind::Transposition),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typists_slips() {
        assert_eq!(typo_between(2011, 2001), Some(TypoKind::Decade));
        assert_eq!(typo_between(1991, 2001), None);
        assert_eq!(typo_between(2007, 2001), Some(TypoKind::Digit));
        assert_eq!(typo_between(2041, 2001), Some(TypoKind::Digit));
        assert_eq!(typo_between(1889, 1989), Some(TypoKind::Digit));
        assert_eq!(typo_between(2010, 2001), Some(TypoKind::Transposition));
        assert_eq!(typo_between(1899, 1989), Some(TypoKind::Transposition));
        assert_eq!(typo_between(2001, 2001), None);
        assert_eq!(typo_between(1840, 2019), None);
        // The millennium digit is no slip a reader would take for one.
        assert_eq!(typo_between(1001, 2001), None);
    }

    #[test]
    fn written_years() {
        assert_eq!(written_year("October 2011", "2011-10"), Some(2011));
        assert_eq!(written_year("Sept. 11, 2001", "2001-09-11"), Some(2001));
        assert_eq!(written_year("9/11", "2001-09-11"), None);
        assert_eq!(written_year("a year later", "2002"), None);
        assert_eq!(written_year("1919–1932", "1919"), None);
        assert_eq!(written_year("the 1990s", "199"), None);
    }
}
