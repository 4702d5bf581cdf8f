//! Placing TIMEX3 values on the calendar, for chronological order and for
//! comparing events.

/// The span of time a value covers, in fractional years: `2001-06` is
/// [2001.417, 2001.5); `200X` is [2000, 2010).
pub fn year_span(value: &str) -> Option<(f64, f64)> {
    let date = value.split('T').next()?;
    let mut parts = date.split('-');
    let head = parts.next()?;
    if head.len() < 4 {
        // Decades ("199", "199X") and centuries ("19", "19XX").
        let digits: String = head.chars().take_while(char::is_ascii_digit).collect();
        let scale = 10f64.powi(4 - digits.len() as i32);
        let start = digits.parse::<f64>().ok()? * scale;
        return Some((start, start + scale));
    }
    if head.ends_with('X') {
        let digits: String = head.chars().take_while(char::is_ascii_digit).collect();
        let scale = 10f64.powi(4 - digits.len() as i32);
        let start = digits.parse::<f64>().ok()? * scale;
        return Some((start, start + scale));
    }
    let year: f64 = head.parse::<i32>().ok()? as f64;
    let Some(second) = parts.next() else {
        return Some((year, year + 1.0));
    };
    let month_span = |m0: f64, months: f64| Some((year + m0 / 12.0, year + (m0 + months) / 12.0));
    match second {
        "SP" => month_span(2.0, 3.0),
        "SU" => month_span(5.0, 3.0),
        "FA" => month_span(8.0, 3.0),
        "WI" => month_span(11.0, 3.0),
        "H1" => month_span(0.0, 6.0),
        "H2" => month_span(6.0, 6.0),
        q if q.starts_with('Q') => {
            let n: f64 = q[1..].parse().ok()?;
            month_span((n - 1.0) * 3.0, 3.0)
        }
        w if w.starts_with('W') => {
            let n: f64 = w[1..].parse().ok()?;
            let start = year + (n - 1.0) * 7.0 / 365.25;
            Some((start, start + 7.0 / 365.25))
        }
        m => {
            let month: f64 = m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))? as f64;
            match parts.next() {
                None => month_span(month - 1.0, 1.0),
                Some(d) => {
                    let day: f64 = d.parse::<u32>().ok()? as f64;
                    let start = year + (month - 1.0) / 12.0 + (day - 1.0) / 365.25;
                    Some((start, start + 1.0 / 365.25))
                }
            }
        }
    }
}

/// Chronological sort key: start of the span, then its length (the more
/// precise date first).
pub fn sort_key(value: &str) -> (f64, f64) {
    match year_span(value) {
        Some((s, e)) => (s, e - s),
        None => (f64::INFINITY, 0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_at_every_precision() {
        assert_eq!(year_span("2003"), Some((2003.0, 2004.0)));
        let (s, e) = year_span("2001-06").unwrap();
        assert!((s - 2001.4167).abs() < 1e-3 && (e - 2001.5).abs() < 1e-3);
        let (s, _) = year_span("2001-09-11").unwrap();
        assert!(s > 2001.66 && s < 2001.70);
        assert_eq!(year_span("199"), Some((1990.0, 2000.0)));
        assert_eq!(year_span("199X"), Some((1990.0, 2000.0)));
        assert_eq!(year_span("19"), Some((1900.0, 2000.0)));
        assert!(year_span("2001-SU").is_some());
        assert!(year_span("2001-Q3").is_some());
        assert!(year_span("2001-09-11T08:46").is_some());
        assert_eq!(year_span("PAST_REF"), None);
    }

    #[test]
    fn sorting_puts_precise_dates_first_within_their_year() {
        let mut v = vec!["2003", "2001-06", "2001", "2001-09-11", "200X"];
        v.sort_by(|a, b| sort_key(a).partial_cmp(&sort_key(b)).unwrap());
        assert_eq!(v, vec!["200X", "2001", "2001-06", "2001-09-11", "2003"]);
    }
}
