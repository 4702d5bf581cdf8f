//! Reading the date a Kindle wrote on a clipping, in any of its languages and
//! firmware generations: "Monday, March 3, 2025 10:11:12 PM", "Thursday,
//! March 10, 2011, 10:49 PM" (no seconds), "Monday, 3 December 12 19:42:30
//! Greenwich Mean Time" (a two-digit year, a zone name), "Montag, 3. März
//! 2025 um 10:11:12 Uhr", "воскресенье, 16 июня 2019 г. в 23:38:53",
//! "2024年4月1日星期一 下午2:30:45", "2013年6月17日 (月曜日) 20:31:09".
//!
//! The date is read by its parts wherever they stand: a month name of any
//! supported language (or the year, month and day markers of a CJK date), a
//! day, a year of four digits or two, a clock time with its seconds or
//! without, a 12-hour clock word in any language, and a UTC offset when one
//! is written. Weekday names and filler words are passed over.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::words::{AM, CJK_DAY, CJK_MONTH, CJK_YEAR, MONTHS, PM};

/// The moment `s` names, in UTC when it gives an offset and as written
/// otherwise (a Kindle's clock is local and names no zone).
pub fn parse(s: &str) -> Option<NaiveDateTime> {
    let lower = s.to_lowercase();
    let (mut year, mut month, mut day) = cjk_date(&lower).map_or((None, None, None), |(y, m, d)| (Some(y), Some(m), Some(d)));
    let mut clock: Option<(u32, u32, u32)> = None;
    let mut half: Option<bool> = None; // Some(true) for the afternoon
    let mut offset_minutes = 0i64;
    let cleaned: String = lower.chars().map(|c| if matches!(c, ',' | '(' | ')' | '（' | '）' | '|' | '，') { ' ' } else { c }).collect();
    for raw in cleaned.split_whitespace() {
        if raw.contains(CJK_YEAR) || raw.contains(CJK_MONTH) || raw.contains(CJK_DAY) {
            continue; // read by `cjk_date`, and a weekday such as 月曜日
        }
        // Zone names ("Greenwich Mean Time", "CET") are passed over: only a
        // written offset moves the time.
        if let Some(minutes) = utc_offset(raw) {
            offset_minutes = minutes;
            continue;
        }
        if let Some(found) = time_in(raw) {
            clock = Some(found.hms);
            half = found.half.or(half);
            continue;
        }
        let word = raw.trim_end_matches('.');
        if AM.contains(&raw) || AM.contains(&word) {
            half = Some(false);
            continue;
        }
        if PM.contains(&raw) || PM.contains(&word) {
            half = Some(true);
            continue;
        }
        if let Some(n) = day_number(word) {
            if day.is_none() && !word.chars().all(|c| c.is_ascii_digit()) {
                day = Some(n); // "3." or "1er": a day by its mark
            } else if word.len() == 4 && year.is_none() {
                year = Some(n as i32);
            } else if word.len() <= 2 && day.is_none() {
                day = Some(n);
            } else if word.len() == 2 && year.is_none() {
                year = Some(2000 + n as i32); // Kindle 3: "3 December 12"
            }
            continue;
        }
        if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
            month = month.or(Some(*m));
        }
    }
    let (mut hour, minute, second) = clock.unwrap_or((0, 0, 0));
    match half {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let year = year.filter(|y| (1990..=2200).contains(y))?;
    let at = NaiveDate::from_ymd_opt(year, month?, day?)?.and_hms_opt(hour, minute, second)?;
    Some(at - Duration::minutes(offset_minutes))
}

/// `2024年4月1日` (also with spaces, and Korean `2024년 1월 1일`): year, month, day.
fn cjk_date(s: &str) -> Option<(i32, u32, u32)> {
    let year = number_before(s, CJK_YEAR)?;
    let after_year = &s[s.find(CJK_YEAR)?..];
    let month = number_before(after_year, CJK_MONTH)?;
    let after_month = &after_year[after_year.find(CJK_MONTH)?..];
    let day = number_before(after_month, CJK_DAY)?;
    Some((i32::try_from(year).ok()?, month, day))
}

/// The number written just before the first of `markers` (spaces allowed between).
fn number_before(s: &str, markers: &[char]) -> Option<u32> {
    let at = s.find(markers)?;
    let digits: String = s[..at].trim_end().chars().rev().take_while(char::is_ascii_digit).collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// A day or year number: digits, optionally marked as a day ("3." is trimmed
/// before, "1er", "1º").
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(['º', 'ª']).trim_end_matches("er");
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

struct ClockTime {
    hms: (u32, u32, u32),
    half: Option<bool>,
}

/// A clock time inside `token`: `10:49`, `19:42:30`, `23:38:23.1`, `10:49pm`,
/// `下午2:30:45`, with the 12-hour word glued before or after it.
fn time_in(token: &str) -> Option<ClockTime> {
    let start = token.find(|c: char| c.is_ascii_digit())?;
    let rest = &token[start..];
    let len = rest.find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.')).unwrap_or(rest.len());
    let clock = rest[..len].trim_end_matches('.');
    if !clock.contains(':') {
        return None;
    }
    let mut parts = clock.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => s.split('.').next()?.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let around = [&token[..start], &rest[len..]];
    let half = if around.iter().any(|w| PM.contains(&w.trim_matches('.'))) {
        Some(true)
    } else if around.iter().any(|w| AM.contains(&w.trim_matches('.'))) {
        Some(false)
    } else {
        None
    };
    Some(ClockTime { hms: (hour, minute, second.min(59)), half })
}

/// `gmt+01:00`, `utc-5`, `gmt+0530`: minutes east of UTC.
fn utc_offset(token: &str) -> Option<i64> {
    let rest = token.strip_prefix("gmt").or_else(|| token.strip_prefix("utc"))?;
    let (sign, digits) = match rest.chars().next()? {
        '+' => (1, &rest[1..]),
        '-' | '−' => (-1, &rest[rest.chars().next()?.len_utf8()..]),
        _ => return None,
    };
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i64>().ok()?, m.parse::<i64>().ok()?),
        None if digits.len() > 2 => (digits[..digits.len() - 2].parse().ok()?, digits[digits.len() - 2..].parse().ok()?),
        None => (digits.parse().ok()?, 0),
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32, s: u32) -> Option<NaiveDateTime> {
        NaiveDate::from_ymd_opt(y, m, d).and_then(|d| d.and_hms_opt(h, min, s))
    }

    #[test]
    fn every_generation_and_language_reads_to_the_same_moment() {
        let cases = [
            // Current English firmware, US and UK order, 12- and 24-hour clocks.
            ("Monday, March 3, 2025 10:11:12 PM", at(2025, 3, 3, 22, 11, 12)),
            ("Monday, 3 March 2025 22:11:12", at(2025, 3, 3, 22, 11, 12)),
            // Kindle Scribe puts a narrow no-break space before the meridiem.
            ("Monday, March 3, 2025 10:11:12\u{202f}PM", at(2025, 3, 3, 22, 11, 12)),
            // The Indian order: the day first and a comma after the month.
            ("Tuesday, 4 March, 2025 12:05:00 AM", at(2025, 3, 4, 0, 5, 0)),
            // Kindle 1 and 2: a comma after the year, no seconds.
            ("Thursday, March 10, 2011, 10:49 PM", at(2011, 3, 10, 22, 49, 0)),
            // Kindle 3 in the UK: a two-digit year and a zone name.
            ("Monday, 3 December 12 19:42:30 Greenwich Mean Time", at(2012, 12, 3, 19, 42, 30)),
            ("Friday, 6 July 12 07:37:42 GMT+01:00", at(2012, 7, 6, 6, 37, 42)),
            ("Montag, 3. März 2025 10:11:12", at(2025, 3, 3, 10, 11, 12)),
            ("Donnerstag, 25. April 2013 um 23:38:23.1 Uhr", at(2013, 4, 25, 23, 38, 23)),
            ("lundi 3 mars 2025 à 10:11:12", at(2025, 3, 3, 10, 11, 12)),
            ("samedi 1er février 2025 08:00:00", at(2025, 2, 1, 8, 0, 0)),
            ("lunes, 3 de marzo de 2025 10:11:12", at(2025, 3, 3, 10, 11, 12)),
            ("viernes 26 de abril de 2013, 0:04:34", at(2013, 4, 26, 0, 4, 34)),
            ("lunedì 3 marzo 2025 10:11:12", at(2025, 3, 3, 10, 11, 12)),
            ("venerdì 6 aprile 12, 00:25:08", at(2012, 4, 6, 0, 25, 8)),
            ("segunda-feira, 3 de março de 2025 10:11:12", at(2025, 3, 3, 10, 11, 12)),
            ("maandag 3 maart 2025 10:11:12", at(2025, 3, 3, 10, 11, 12)),
            ("воскресенье, 16 июня 2019 г. в 23:38:53", at(2019, 6, 16, 23, 38, 53)),
            ("2024年4月1日星期一 下午2:30:45", at(2024, 4, 1, 14, 30, 45)),
            ("2013年6月17日 星期一 22:27:30", at(2013, 6, 17, 22, 27, 30)),
            ("2023年9月4日月曜日 22:53:55", at(2023, 9, 4, 22, 53, 55)),
            ("2013年6月17日 (月曜日) 午後8:31:09", at(2013, 6, 17, 20, 31, 9)),
            ("2024년 1월 1일 월요일 오전 10:30:45", at(2024, 1, 1, 10, 30, 45)),
            // Labels in one language around an English date (firmware 5.16 and later).
            ("Wednesday, August 12, 2026 в 7:45:00 AM", at(2026, 8, 12, 7, 45, 0)),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), want, "{text}");
        }
    }

    #[test]
    fn what_names_no_day_is_no_date() {
        for text in ["Saturday", "Someday", "", "12:00", "March 2025", "31 February 2025 10:00:00", "3 March 1850 10:00"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
