//! Tests of the calendar patterns, in sentences of our own.

use crate::tests::values;

#[test]
fn written_dates_at_their_precision() {
    assert_eq!(values("In June 2001, the two leaders met.", "2011-09-15"), ["2001-06"]);
    assert_eq!(values("The treaty was signed on Sept. 11, 2001, at noon.", "2011-09-15")[0], "2001-09-11T12:00");
    assert_eq!(values("She was born on 3 March 1950 in Leeds.", "2011-09-15"), ["1950-03-03"]);
    assert_eq!(values("The plant opened in 1987.", "2011-09-15"), ["1987"]);
    assert_eq!(values("He wrote it on Monday, Oct. 26, 1987.", "2011-09-15"), ["1987-10-26"]);
    assert_eq!(values("They filed on 4/15/1999.", "2011-09-15"), ["1999-04-15"]);
}

#[test]
fn bare_months_take_the_year_the_tense_implies() {
    assert_eq!(values("Prices fell in October.", "1998-08-10"), ["1997-10"]);
    assert_eq!(values("The vote will be held in October.", "1998-08-10"), ["1998-10"]);
    assert_eq!(values("The rally took place on July 4.", "1998-08-10"), ["1998-07-04"]);
}

#[test]
fn the_second_month_of_a_range_follows_the_first() {
    assert_eq!(values("The ferry ran from 2003 to 2006, between June and August.", "2021-05-23"), ["2003", "2006", "2006-06", "2006-08"]);
    assert_eq!(values("In 1994 the mill shut from November to February.", "2011-09-15"), ["1994", "1994-11", "1995-02"]);
    // A month left untagged starts no range from the month before it.
    assert_eq!(values("Sales rose in June, March and April.", "2013-03-14"), ["2012-06", "2012-04"]);
    // Not a range: each month on its own.
    assert_eq!(values("In 2006 they sailed in June, and in August the boat was sold.", "2021-05-23"), ["2006", "2006-06", "2006-08"]);
}

#[test]
fn month_days_near_the_published_date() {
    // A coming day beats a past-tense verb; a deadline takes the nearest; no tense: the nearest.
    assert_eq!(values("The offer was extended to Nov. 20.", "1989-11-02"), ["1989-11-20"]);
    assert_eq!(values("The boy must be sent home by Jan. 14.", "2000-01-06"), ["2000-01-14"]);
    assert_eq!(values("The bonds mature on Feb. 10.", "2000-01-07"), ["2000-02-10"]);
    assert_eq!(values("The loan runs until mid-November.", "1989-10-30"), ["1989-11"]);
    // A past month far from the date stays in the past.
    assert_eq!(values("The dam collapsed on Aug. 3.", "1999-02-16"), ["1998-08-03"]);
}

#[test]
fn a_year_in_the_sentence_must_agree_with_its_tense() {
    assert_eq!(values("In 1990, prices peaked in December.", "1998-03-04"), ["1990", "1990-12"]);
    assert_eq!(values("Admitted in 1997, it will host a summit on March 12.", "1999-02-27"), ["1997", "1999-03-12"]);
}

#[test]
fn deictic_months() {
    assert_eq!(values("Elections are due this September.", "1998-02-05"), ["1998-09"]);
    assert_eq!(values("Rents rose last April.", "1989-10-27"), ["1989-04"]);
    assert_eq!(values("Rents rose last November.", "1989-10-27"), ["1988-11"]);
    assert_eq!(values("Talks resume next March.", "1989-10-27"), ["1990-03"]);
    assert_eq!(values("It opened in January this year.", "1998-02-19"), ["1998-01"]);
    assert_eq!(values("Payrolls revised December's figures.", "1998-02-06"), ["1997-12"]);
    assert_eq!(values("The summit is on April 24 and 25.", "1999-02-10"), ["1999-04-24", "1999-04-25"]);
    assert_eq!(values("Rates rose on April 24 and 25 percent of loans failed.", "1999-02-10"), ["1998-04-24"]);
    assert!(values("March's memoir sold well.", "1998-02-06").is_empty());
    assert_eq!(values("The clinic was attacked last Oct. 23.", "1999-04-19"), ["1998-10-23"]);
    assert_eq!(values("He will visit next March 3.", "1999-04-19"), ["2000-03-03"]);
}

#[test]
fn years_in_words() {
    assert_eq!(values("The mine closed in nineteen eighty-four.", "1998-02-27"), ["1984"]);
    assert_eq!(values("Jobs will be halved by the year two thousand.", "1998-02-05"), ["2000"]);
    assert_eq!(values("They hired two thousand workers.", "1998-02-05"), Vec::<String>::new());
}

#[test]
fn decades_centuries_and_ranges_of_years() {
    assert_eq!(values("Growth slowed in the 1990s.", "2011-09-15"), ["199"]);
    assert_eq!(values("Music of the '60s still sells.", "2011-09-15"), ["196"]);
    assert_eq!(values("Farming changed in the 19th century.", "2011-09-15"), ["18"]);
    // A range of years is two expressions (the timeline links them).
    assert_eq!(values("The fiscal 1989-90 budget was cut.", "2011-09-15"), ["1989", "1990"]);
}

#[test]
fn seasons() {
    assert_eq!(values("Sales dropped last fall.", "1998-02-06"), ["1997-FA"]);
    assert_eq!(values("They married in the summer of 1969.", "2011-09-15"), ["1969-SU"]);
}

#[test]
fn quantities_and_identifiers_are_not_years() {
    assert!(values("The army sent 1500 troops and 2000 tanks.", "2011-09-15").len() <= 1);
    assert!(values("See page 1999 of the report.", "2011-09-15").is_empty());
    assert!(values("The General Staff planned to deploy 60,000 troops.", "2011-09-15").is_empty());
    assert!(values("Support us from just $2 a month.", "2011-09-15").is_empty());
    assert!(values("We may return soon, and march on.", "2011-09-15").is_empty());
}

#[test]
fn the_week_of_a_day_and_the_day_next_to_it() {
    // 2004-02-13 was a Friday; March 8, 2004 a Monday of ISO week 11.
    assert_eq!(values("The vote is set for the week of March 8.", "2004-02-13"), ["2004-W11"]);
    assert_eq!(values("Talks broke down the day before last Tuesday's hearing.", "2004-02-13"), ["2004-02-09"]);
    assert_eq!(values("The shops reopened the day after Christmas Day 2003.", "2004-02-13"), ["2003-12-26"]);
}

#[test]
fn an_ambiguous_month_after_the_and_spelled_ordinals() {
    assert_eq!(values("The May elections will decide it.", "2004-02-13"), ["2004-05"]);
    assert!(values("He joined the March on the capital.", "2004-02-13").is_empty());
    assert_eq!(values("Rent is due on the first of March.", "2004-02-13"), ["2004-03-01"]);
    // Not the first day of March.
    assert!(values("It was the first March after the war.", "2004-02-13").is_empty());
}

#[test]
fn sizes_and_copyright_notices_are_not_years() {
    assert!(values("The panel shows 1800 x 1920 pixels per eye.", "2015-06-15").is_empty());
    assert!(values("Copyright 2017 The Daily Planet.", "2015-06-15").is_empty());
    assert!(values("© 2015 The Daily Planet.", "2015-06-15").is_empty());
    assert!(values("© 1996-2015 The Daily Planet.", "2015-06-15").is_empty());
}

#[test]
fn seasons_as_nouns_and_habits() {
    assert!(values("Historians still debate the fall of the republic.", "2015-06-15").is_empty());
    assert_eq!(values("The harbour froze in the fall of 1998.", "2015-06-15"), ["1998-FA"]);
    // A habit in the present tense belongs to no year.
    assert_eq!(values("Water mains often break in winter.", "2015-06-15"), ["XXXX-WI"]);
    assert_eq!(values("Heating bills are highest in the winter months.", "2015-06-15"), ["XXXX-WI"]);
    assert_eq!(values("Heating bills rose in the winter.", "2015-06-15"), ["2014-WI"]);
    assert_eq!(values("The harbour froze last winter.", "2015-06-15"), ["2014-WI"]);
    assert!(values("The post drew 1623 comments.", "2015-06-15").is_empty());
}

#[test]
fn temperatures_in_the_fifties_are_not_decades() {
    assert!(values("Highs will be in the low 50s, then climb into the 60s.", "2015-06-15").is_empty());
    assert_eq!(values("Rents rose in the 1950s and fell in the '60s.", "2015-06-15"), ["195", "196"]);
}

#[test]
fn a_day_described_beside_a_date_is_that_date() {
    assert_eq!(values("Shares slid after Oct. 12, the day before the crash.", "1989-10-30"), ["1989-10-12", "1989-10-12"]);
    assert_eq!(values("Shares slid after Oct. 12, the week of the crash.", "1989-10-30"), ["1989-10-12"]);
}

#[test]
fn seasons_naming_another_noun_are_not_seasons() {
    assert_eq!(values("In 1851 the spring water rose above the old bridge.", "1900-06-10"), ["1851"]);
    assert!(values("The children left for summer camp.", "2015-06-15").is_empty());
    assert!(values("Stores cut prices on winter coats.", "2015-06-15").is_empty());
    assert!(values("Tickets for the Winter Olympics sold out.", "2015-06-15").is_empty());
    // A season followed by a function word, a verb or punctuation is still one.
    assert_eq!(values("The canal froze in the winter of 1851.", "2015-06-15"), ["1851-WI"]);
    assert_eq!(values("Prices jumped last spring when the mill closed.", "2015-06-15"), ["2015-SP"]);
    assert_eq!(values("The spring ended with a flood.", "2015-06-15"), ["2015-SP"]);
    assert_eq!(values("Sales slowed over the summer, the firm said.", "2015-10-15"), ["2015-SU"]);
    assert_eq!(values("Exports rose this summer on strong demand.", "2015-08-15"), ["2015-SU"]);
    // A stretch of the season itself is still the season.
    assert_eq!(values("Parliament returned after the summer recess.", "2015-10-15"), ["2015-SU"]);
}

#[test]
fn hundreds_are_centuries_except_the_two_thousands() {
    assert_eq!(values("The mill was built in the late 1800s.", "2015-06-15"), ["18"]);
    assert_eq!(values("Cars spread in the 1900s.", "2015-06-15"), ["19"]);
    assert_eq!(values("Phones shrank in the 2000s and the 1990s.", "2015-06-15"), ["200", "199"]);
}

#[test]
fn a_month_opening_a_name_is_no_date() {
    assert!(values("Singer June Carter played a last song.", "2013-03-14").is_empty());
    assert!(values("The April Fools hoax fooled nobody.", "2013-03-14").is_empty());
    // After a preposition the month stays, even before a name.
    assert_eq!(values("In May Mr. Lee resigned.", "2013-03-14"), ["2012-05"]);
    assert_eq!(values("Sales fell in January, the firm said.", "2013-03-14"), ["2013-01"]);
}

#[test]
fn clock_times_and_counts_are_not_years() {
    assert_eq!(values("The probe lifted off at 9:51 p.m. (1851 GMT) on Friday.", "2016-12-02"), ["2016-12-02T21:51", "2016-12-02"]);
    assert!(values("The thread drew 1237 messages.", "2016-12-02").is_empty());
}

#[test]
fn a_period_told_as_ended_closed_on_a_day_already_past() {
    // Days ahead, the closing day is the one a year back.
    assert_eq!(values("The bakery lost money in its half-year ended Nov. 30.", "2004-11-26"), ["2003-11-30"]);
    assert_eq!(values("The bakery lost money in its half-year ended Aug. 31.", "2004-11-26"), ["2004-08-31"]);
    // A period still ending keeps the coming day.
    assert_eq!(values("The bakery will lose money in its half-year ending Nov. 30.", "2004-11-26"), ["2004-11-30"]);
}

#[test]
fn a_year_dating_a_noun_in_a_fronted_phrase_does_not_date_the_main_clause() {
    let text = "Under a plan approved by the board in 1990 that set no cap, the bakery bought shares through Sept. 29.";
    assert_eq!(values(text, "1992-10-13"), ["1990", "1992-09-29"]);
    // A fronted time, or a year in the main clause, still sets the year.
    assert_eq!(values("In 1990, the bakery hired bakers in December.", "1992-10-13"), ["1990", "1990-12"]);
    assert_eq!(values("Sales rose in 1990, reaching a peak in December.", "1992-10-13"), ["1990", "1990-12"]);
    // An aside between commas is background as well.
    assert_eq!(values("The bakery, which opened in 1990, hired bakers in September.", "1992-10-13"), ["1990", "1992-09"]);
    assert_eq!(values("The bakery opened in 1990, and in September it hired bakers.", "1992-10-13"), ["1990", "1990-09"]);
}

#[test]
fn the_month_just_ended_named_with_last_is_last_years() {
    assert_eq!(values("The bridge collapsed last February.", "2006-03-02"), ["2005-02"]);
    // Months further back this year stay this year's; last year's December is the one just ended.
    assert_eq!(values("The bridge collapsed last January.", "2006-03-02"), ["2006-01"]);
    assert_eq!(values("The bridge collapsed last December.", "2006-01-20"), ["2005-12"]);
    assert_eq!(values("The bridge collapsed last Feb. 12.", "2006-03-02"), ["2006-02-12"]);
}

#[test]
fn a_full_month_name_leaves_the_sentence_period() {
    let t = crate::tag("The dam opened in December.", chrono::NaiveDate::from_ymd_opt(2004, 1, 15));
    assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("December", "2003-12"));
    let t = crate::tag("The dam opened on Dec. 3.", chrono::NaiveDate::from_ymd_opt(2004, 1, 15));
    assert_eq!(t[0].text, "Dec. 3");
    let t = crate::tag("The dam opened in Dec. and closed.", chrono::NaiveDate::from_ymd_opt(2004, 1, 15));
    assert_eq!(t[0].text, "Dec.");
}

#[test]
fn since_a_month_reaches_back_whatever_the_verb() {
    assert_eq!(values("The ban, in force since April, will be lifted.", "2004-03-10"), ["2003-04"]);
    assert_eq!(values("The pier has been shut since March 30.", "2004-03-10"), ["2003-03-30"]);
    assert_eq!(values("The pier has been shut since January.", "2004-03-10"), ["2004-01"]);
    // Weekdays and seasons too. 2004-03-10 was a Wednesday.
    assert_eq!(values("The ban, in force since Friday, will be lifted.", "2004-03-10"), ["2004-03-05"]);
    assert_eq!(values("The ban, in force since the summer, will be lifted.", "2004-03-10"), ["2003-SU"]);
}

#[test]
fn a_month_or_season_of_last_year_is_one_expression() {
    let t =
        |s: &str| crate::tag(s, chrono::NaiveDate::from_ymd_opt(2004, 10, 4)).into_iter().map(|x| (x.text, x.value)).collect::<Vec<_>>();
    assert_eq!(t("The dam burst in March of last year."), [("March of last year".to_string(), "2003-03".to_string())]);
    assert_eq!(t("The dam burst in the spring of last year."), [("the spring of last year".to_string(), "2003-SP".to_string())]);
}
