use super::*;

fn v(s: &str) -> TimexValue {
    TimexValue::parse(s)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn span(s: &str) -> (NaiveDate, NaiveDate) {
    let sp = v(s).span().unwrap_or_else(|| panic!("{s} has no span"));
    (sp.first, sp.last)
}

fn ymd(y: i32, m: Option<u32>, d: Option<u32>) -> DateParts {
    DateParts { year: y, month: m, day: d, hour: None, minute: None }
}

#[test]
fn labels_at_each_precision() {
    for (value, label) in [
        ("2003", "2003"),
        ("2001-06", "June 2001"),
        ("2001-09-11", "11 September 2001"),
        ("200X", "the 2000s"),
        ("199", "the 1990s"),
        ("19", "the 1900s"),
        ("18XX", "the 1800s"),
        ("2001-SP", "Spring 2001"),
        ("2001-SU", "Summer 2001"),
        ("2001-FA", "Autumn 2001"),
        ("2001-WI", "Winter 2001"),
        ("2001-Q3", "Q3 2001"),
        ("2001-H1", "First half of 2001"),
        ("2001-H2", "Second half of 2001"),
        ("2001-W37", "Week 37, 2001"),
        ("2012-W05", "Week 5, 2012"),
        ("FY2022", "FY2022"),
        ("2001-09-11T08:46", "11 September 2001, 08:46"),
        ("2011-09-03T07:15", "3 September 2011, 07:15"),
        ("2001-09-11T08", "11 September 2001, 08:00"),
        ("2001-09-11T24:00", "11 September 2001, 24:00"),
        ("2011-09-03TMO", "3 September 2011, morning"),
        ("2001-09-11TNI", "11 September 2001, night"),
        ("2001-W36-WE", "Weekend of 8–9 September 2001"),
        ("2001-W26-WE", "Weekend of 30 June – 1 July 2001"),
        ("2011-W52-WE", "Weekend of 31 December 2011 – 1 January 2012"),
        ("2001-XX", "2001"),
        ("2001-09-XX", "September 2001"),
        ("PAST_REF", "the past"),
        ("PRESENT_REF", "the present"),
        ("P3Y", "P3Y"),
        ("XXXX-06", "XXXX-06"),
    ] {
        assert_eq!(v(value).label(), label, "{value}");
    }
}

#[test]
fn spans_run_from_first_to_last_day() {
    assert_eq!(span("2001-09-11"), (day(2001, 9, 11), day(2001, 9, 11)));
    assert_eq!(span("2001-06"), (day(2001, 6, 1), day(2001, 6, 30)));
    assert_eq!(span("2000-02"), (day(2000, 2, 1), day(2000, 2, 29)));
    assert_eq!(span("2003"), (day(2003, 1, 1), day(2003, 12, 31)));
    assert_eq!(span("199"), (day(1990, 1, 1), day(1999, 12, 31)));
    assert_eq!(span("199X"), span("199"));
    assert_eq!(span("19"), (day(1900, 1, 1), day(1999, 12, 31)));
    assert_eq!(span("19XX"), span("19"));
    assert_eq!(span("2001-SP"), (day(2001, 3, 1), day(2001, 5, 31)));
    assert_eq!(span("2001-WI"), (day(2001, 12, 1), day(2002, 2, 28)), "winter runs into the next year");
    assert_eq!(span("2001-Q3"), (day(2001, 7, 1), day(2001, 9, 30)));
    assert_eq!(span("2001-H2"), (day(2001, 7, 1), day(2001, 12, 31)));
    assert_eq!(span("2012-W05"), (day(2012, 1, 30), day(2012, 2, 5)));
    assert_eq!(span("2004-W01"), (day(2003, 12, 29), day(2004, 1, 4)), "ISO weeks can begin in December");
    assert_eq!(span("2001-W36-WE"), (day(2001, 9, 8), day(2001, 9, 9)));
    assert_eq!(span("2001-W36-3"), (day(2001, 9, 5), day(2001, 9, 5)));
    assert_eq!(span("2001-09-11T08:46"), (day(2001, 9, 11), day(2001, 9, 11)));
    assert_eq!(span("FY2022"), (day(2022, 1, 1), day(2022, 12, 31)));
    assert_eq!(span("2001-XX-XX"), span("2001"));
}

#[test]
fn precisions() {
    for (value, p) in [
        ("2001-09-11T08:46", Precision::Time),
        ("2001-09-11TMO", Precision::Day),
        ("2001-09-11", Precision::Day),
        ("2001-W36-WE", Precision::Weekend),
        ("2001-W36", Precision::Week),
        ("2001-06", Precision::Month),
        ("2001-SU", Precision::Season),
        ("2001-Q3", Precision::Quarter),
        ("2001-H1", Precision::Half),
        ("2001", Precision::Year),
        ("FY2001", Precision::Year),
        ("199", Precision::Decade),
        ("19XX", Precision::Century),
    ] {
        assert_eq!(v(value).precision(), Some(p), "{value}");
    }
    assert_eq!(v("PAST_REF").precision(), None);
}

#[test]
fn endpoints_carry_only_what_the_precision_knows() {
    assert_eq!(v("2001-09-11").endpoints(), Some((ymd(2001, Some(9), Some(11)), ymd(2001, Some(9), Some(11)))));
    assert_eq!(v("2001-06").endpoints(), Some((ymd(2001, Some(6), None), ymd(2001, Some(6), None))));
    assert_eq!(v("199").endpoints(), Some((ymd(1990, None, None), ymd(1999, None, None))));
    assert_eq!(v("18XX").endpoints(), Some((ymd(1800, None, None), ymd(1899, None, None))));
    assert_eq!(v("2001-WI").endpoints(), Some((ymd(2001, Some(12), None), ymd(2002, Some(2), None))));
    assert_eq!(v("2001-Q3").endpoints(), Some((ymd(2001, Some(7), None), ymd(2001, Some(9), None))));
    assert_eq!(v("2012-W05").endpoints(), Some((ymd(2012, Some(1), Some(30)), ymd(2012, Some(2), Some(5)))));
    let (first, last) = v("2011-09-03T07:15").endpoints().unwrap();
    assert_eq!((first.hour, first.minute, first), (Some(7), Some(15), last));
    let (first, _) = v("2011-09-03TMO").endpoints().unwrap();
    assert_eq!((first.day, first.hour), (Some(3), None), "a part of the day has no clock time");
}

#[test]
fn ranges_run_to_the_last_unit_of_their_end() {
    let r = TimexValue::parse_range("2003", Some("2006"));
    assert_eq!(r.span().map(|s| (s.first, s.last)), Some((day(2003, 1, 1), day(2006, 12, 31))));
    assert_eq!((r.label().as_str(), r.iso().as_str(), r.precision()), ("2003 – 2006", "2003/2006", Some(Precision::Year)));
    let (first, last) = r.endpoints().unwrap();
    assert_eq!((first.year, last.year), (2003, 2006));
    let r = TimexValue::parse_range("2011-05", Some("2011-08"));
    let (first, last) = r.endpoints().unwrap();
    assert_eq!((first.month, last.month), (Some(5), Some(8)));
    // An end that is no date, or that ends before the start, is left out.
    for end in ["PAST_REF", "1999"] {
        let r = TimexValue::parse_range("2003", Some(end));
        assert_eq!((r.label().as_str(), r.iso().as_str()), ("2003", "2003"), "{end}");
        assert_eq!(r.value_end(), Some(end));
    }
}

#[test]
fn values_off_the_calendar_are_not_placed() {
    for s in [
        "PAST_REF",
        "P3Y",
        "XXXX-06",
        "2001-13",
        "2001-02-30",
        "abcd",
        "",
        "2001-06-01-02",
        "1X9",
        "1XXX",
        "20011",
        "2001-Q5",
        "2001-W54",
        "2001-06T08:00",
        "2001-09-11T25:00",
        "2001-09-11T08:61",
        "BC0000",
        "FY22",
    ] {
        let value = v(s);
        assert!(!value.is_on_calendar(), "{s}");
        assert_eq!((value.span(), value.precision(), value.endpoints(), value.years()), (None, None, None, None), "{s}");
        assert_eq!(value.sort_key().as_str(), "~", "{s}");
    }
}

/// BC years: astronomical with a minus (ISO 8601, TIMEX3) or TIMEX2's BC prefix.
#[test]
fn years_before_the_common_era() {
    assert_eq!(v("-0498").label(), "499 BC");
    assert_eq!(v("BC0499").label(), "499 BC");
    assert_eq!(v("-0498").span(), v("BC0499").span());
    assert_eq!(span("-0498"), (day(-498, 1, 1), day(-498, 12, 31)));
    assert_eq!(v("0000").label(), "1 BC");
    assert_eq!(v("BC0001").span(), v("0000").span());
    assert_eq!(v("-0043-03-15").label(), "15 March 44 BC");
    assert_eq!(v("BC0044-03-15").span(), v("-0043-03-15").span());
    assert_eq!(v("BC0480-SP").label(), "Spring 480 BC");
    assert_eq!(v("-00498").label(), "499 BC", "more than four digits after a minus");
    // Decades and centuries: the sign only says BC.
    assert_eq!((v("BC048").label(), v("-048").label()), ("the 480s BC".into(), "the 480s BC".into()));
    assert_eq!(span("BC048"), (day(-488, 1, 1), day(-479, 12, 31)), "489-480 BC");
    assert_eq!(v("BC03").label(), "the 300s BC");
    assert_eq!(span("-03"), (day(-398, 1, 1), day(-299, 12, 31)), "399-300 BC");
    assert_eq!(span("BC00"), (day(-98, 1, 1), day(0, 12, 31)), "99-1 BC: there is no year 0 BC");
    let s = v("BC048").summary();
    assert_eq!((s.heading.as_deref(), s.decade.as_deref(), s.year), (Some("480s BC"), Some("480s BC"), Some(-488)));
    assert_eq!(v("-0498").summary().decade.as_deref(), Some("490s BC"));
    let range = TimexValue::parse_range("BC0499", Some("BC0493"));
    assert_eq!(range.label(), "499 BC – 493 BC");
    // BC sorts before AD, and earlier BC years before later ones.
    let mut values: Vec<TimexValue> = ["0014", "-0043-03-15", "BC0499", "-03", "0000"].into_iter().map(v).collect();
    values.sort();
    let labels: Vec<String> = values.iter().map(TimexValue::label).collect();
    assert_eq!(labels, ["499 BC", "the 300s BC", "15 March 44 BC", "1 BC", "14"]);
    assert_eq!(year_label(-43), "44 BC");
}

fn sorted(values: &[&str]) -> Vec<String> {
    let mut parsed: Vec<TimexValue> = values.iter().map(|s| v(s)).collect();
    parsed.sort_by_key(TimexValue::sort_key);
    parsed.iter().map(|t| t.value().to_owned()).collect()
}

#[test]
fn sorting_is_chronological_with_the_coarser_first_at_one_start() {
    assert_eq!(sorted(&["2003", "2001-06", "2001", "2001-09-11", "200X"]), ["200X", "2001", "2001-06", "2001-09-11", "2003"]);
    assert_eq!(
        sorted(&["2001-01-01", "2001-01", "2001-Q1", "2001-H1", "2001", "200", "20"]),
        ["20", "200", "2001", "2001-H1", "2001-Q1", "2001-01", "2001-01-01"]
    );
    // Within a day: the day, then its times in order; a part of the day by its usual hours.
    assert_eq!(
        sorted(&["2001-09-11T20:00", "2001-09-11TMO", "2001-09-11T08:46", "2001-09-11", "2001-09-11T05:00"]),
        ["2001-09-11", "2001-09-11T05:00", "2001-09-11TMO", "2001-09-11T08:46", "2001-09-11T20:00"]
    );
    // A week that begins in December sorts there, not with its ISO year.
    assert_eq!(sorted(&["2004-01-02", "2004-W01", "2003-12-30"]), ["2004-W01", "2003-12-30", "2004-01-02"]);
    // Values off the calendar come last, in the order given (the sort is stable).
    assert_eq!(sorted(&["PAST_REF", "2003", "FUTURE_REF", "P2Y", "1999"]), ["1999", "2003", "PAST_REF", "FUTURE_REF", "P2Y"]);
    // A range is as long as its end makes it.
    let range = TimexValue::parse_range("2003", Some("2006"));
    assert!(range.sort_key() < v("2003").sort_key());
}

#[test]
fn sort_keys_compare_as_strings_the_way_the_values_do() {
    let values = [
        "-0498",
        "BC03",
        "0001",
        "0999-12-31",
        "1000",
        "1999-12-31T24:00",
        "2000-01-01",
        "200",
        "2001-W01",
        "2001-09-11T08:46",
        "9999-12-31",
        "PAST_REF",
    ];
    let keys: Vec<SortKey> = values.iter().map(|s| v(s).sort_key()).collect();
    for a in &keys {
        for b in &keys {
            assert_eq!(a.cmp(b), a.as_str().cmp(b.as_str()));
        }
        assert!(a.as_str() == "~" || a.as_str().len() == 24, "{a:?}");
    }
}

#[test]
fn iso_forms_for_spreadsheets() {
    for (value, iso) in [
        ("199", "199X"),
        ("199X", "199X"),
        ("18", "18XX"),
        ("18XX", "18XX"),
        ("1987-SP", "1987-SP"),
        ("BC048", "BC048X"),
        ("PAST_REF", "PAST_REF"),
    ] {
        assert_eq!(v(value).iso(), iso, "{value}");
    }
}

#[test]
fn years_on_a_continuous_scale() {
    assert_eq!(v("2003").years(), Some((2003.0, 2004.0)));
    assert_eq!(v("199X").years(), Some((1990.0, 2000.0)));
    let (s, e) = v("2001-07").years().unwrap();
    assert!((s - (2001.0 + 181.0 / 365.0)).abs() < 1e-9 && (e - (2001.0 + 212.0 / 365.0)).abs() < 1e-9);
    let (s, e) = v("2001-12-31").years().unwrap();
    assert!(s < 2002.0 && e == 2002.0, "the last day of a year ends with it: {s} {e}");
    assert_eq!(v("-0498").years(), Some((-498.0, -497.0)));
}

#[test]
fn summaries_carry_what_the_sidebar_shows() {
    let s = v("2001-09-11").summary();
    assert_eq!(
        s,
        TimexSummary {
            label: "11 September 2001".into(),
            precision: Some(Precision::Day),
            sort_key: v("2001-09-11").sort_key().as_str().into(),
            year: Some(2001),
            heading: Some("2001".into()),
            decade: Some("2000s".into()),
        }
    );
    let s = v("199").summary();
    assert_eq!((s.heading.as_deref(), s.decade.as_deref(), s.year), (Some("1990s"), Some("1990s"), Some(1990)));
    assert_eq!(v("18").summary().heading.as_deref(), Some("1800s"));
    // Files under the year it is named by: a week of 2004 that began in 2003, a winter into the next year.
    assert_eq!(v("2004-W01").summary().heading.as_deref(), Some("2004"));
    assert_eq!(v("2001-WI").summary().heading.as_deref(), Some("2001"));
    let s = v("PAST_REF").summary();
    assert_eq!((s.precision, s.year, s.heading, s.decade, s.sort_key.as_str()), (None, None, None, None, "~"));
    let json = serde_json::to_value(v("2001-06").summary()).unwrap();
    assert_eq!(json["sortKey"], v("2001-06").sort_key().as_str());
    assert_eq!(json["precision"], "month");
}
