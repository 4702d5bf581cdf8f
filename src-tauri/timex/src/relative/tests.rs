//! Tests of the relative patterns, in sentences of our own.

use crate::tests::values;

#[test]
fn deictic_from_the_published_date() {
    assert_eq!(values("The mayor resigned yesterday.", "1998-08-07"), ["1998-08-06"]);
    assert_eq!(values("Exports rose last year.", "1998-08-07"), ["1997"]);
    assert_eq!(values("Rates went up this month.", "1998-08-07"), ["1998-08"]);
    assert_eq!(values("The talks collapsed last week.", "1998-08-07"), ["1998-W31"]);
    assert_eq!(values("The town flooded three years ago.", "1998-08-07"), ["1995"]);
    assert_eq!(values("It happened two months ago.", "1998-08-07"), ["1998-06"]);
    assert_eq!(values("The shop opened this morning.", "1998-08-07"), ["1998-08-07TMO"]);
}

#[test]
fn weekdays_follow_tense() {
    // 1998-08-07 was a Friday.
    assert_eq!(values("The council met on Tuesday.", "1998-08-07"), ["1998-08-04"]);
    assert_eq!(values("The council will meet on Tuesday.", "1998-08-07"), ["1998-08-11"]);
    // The part of the day is part of the span; the value is the day.
    assert_eq!(values("Bombs exploded Friday morning.", "1998-08-07"), ["1998-08-07"]);
}

#[test]
fn weekdays_without_tense_take_the_nearest_and_reports_date_the_telling() {
    // 2000-01-06 was a Thursday.
    assert_eq!(values("The ferry schedule for Saturday is posted.", "2000-01-06"), ["2000-01-08"]);
    assert_eq!(values("The mayor said Monday that taxes would rise.", "2000-01-06"), ["2000-01-03"]);
    assert_eq!(values("In a letter, the union announced on Tuesday a new strike.", "2000-01-06"), ["2000-01-04"]);
    // "next to" is a place, not a future.
    assert_eq!(values("A bus burned next to the depot on Friday.", "1998-08-08"), ["1998-08-07"]);
}

#[test]
fn comparisons_do_not_move_the_story() {
    // The quarter stays in view: the second "a year earlier" compares with it, not with 1988.
    assert_eq!(
        values("Profit rose in the third quarter from a year earlier. Sales also beat the level of a year earlier.", "1989-10-26"),
        ["1989-Q3", "1988-Q3", "1988-Q3"]
    );
    assert_eq!(values("Sales fell below the year-ago level.", "1989-10-26"), ["1988"]);
    assert_eq!(values("Net beat the year-earlier third quarter.", "1989-10-26"), ["1988-Q3"]);
}

#[test]
fn vague_offsets_are_lengths() {
    assert_eq!(values("The clinic reopened several months later.", "2011-09-15"), ["PXM"]);
    assert_eq!(values("A few years ago the pier washed away.", "2011-09-15"), ["PAST_REF"]);
    assert_eq!(values("The letter came a week or so ago.", "2011-09-15"), ["2011-W36"]);
}

#[test]
fn weekends_and_reporting_years() {
    // 1989-10-30 was a Monday.
    assert_eq!(values("Over the weekend, the rebels regrouped.", "1989-10-30"), ["1989-W43-WE"]);
    assert_eq!(values("Traders sold ahead of the weekend.", "1989-10-27"), ["1989-W43-WE"]);
    assert_eq!(values("Sales for the full year will rise.", "1989-10-30"), ["1989"]);
    assert_eq!(values("Revenue for the year ended June 30 was flat.", "1989-10-30"), ["P1Y", "1989-06-30"]);
}

#[test]
fn titles_and_form_labels_are_not_times() {
    assert!(values("She spoke on ABC's \"This Week\" program.", "1991-02-25").is_empty());
    assert!(values("He told CBS's 60 Minutes about it.", "1991-02-25").is_empty());
    assert!(values("Give once\nMonthly\nAnnual\n", "2011-09-15").is_empty());
}

#[test]
fn anaphora_chains_from_the_narrative() {
    assert_eq!(values("The mill closed in 1931. It reopened the following year.", "2011-09-15"), ["1931", "1932"]);
    assert_eq!(values("The war began in 1914; four years later it ended.", "2011-09-15"), ["1914", "1918"]);
    assert_eq!(values("Profit fell in the third quarter from a year earlier.", "1989-10-26"), ["1989-Q3", "1988-Q3"]);
    assert_eq!(values("They arrived in 1972. That October, snow fell early.", "2011-09-15"), ["1972", "1972-10"]);
}

#[test]
fn vague_references() {
    assert_eq!(values("Prices are now falling.", "1998-08-07"), ["PRESENT_REF"]);
    assert_eq!(values("She recently moved to Ohio.", "1998-08-07"), ["PAST_REF"]);
    assert_eq!(values("Such crises may return in the future.", "1998-08-07"), ["FUTURE_REF"]);
    assert!(values("The current account deficit widened.", "1998-08-07").is_empty());
}

#[test]
fn then_current_and_the_near_term() {
    assert_eq!(values("Holders may buy shares at the then current price.", "1998-08-07"), ["PAST_REF"]);
    assert_eq!(values("Margins will stay thin in the near term.", "1998-08-07"), ["FUTURE_REF"]);
    assert!(values("Long-term debt rose.", "1998-08-07").is_empty());
}

#[test]
fn a_day_finer_than_the_story_is_not_invented() {
    // The story is known only to the year: "that day" has no date.
    assert_eq!(values("The mill closed in 1931. Workers marched that day.", "2011-09-15"), ["1931"]);
    assert_eq!(values("The mill closed on May 4, 1931. Workers marched that day.", "2011-09-15"), ["1931-05-04", "1931-05-04"]);
}

#[test]
fn a_possessive_weekday_is_a_reported_event_unless_awaited() {
    // 2004-02-13 was a Friday; "would" does not make Wednesday's ruling future.
    assert_eq!(values("Lawyers said they would appeal Wednesday's ruling.", "2004-02-13"), ["2004-02-11"]);
    assert_eq!(values("Shares rose ahead of Sunday's vote.", "2004-02-13"), ["2004-02-15"]);
}

#[test]
fn the_previous_weekday_counts_from_the_story() {
    // 1989-10-30 was a Monday; the story is at Friday the 27th.
    assert_eq!(values("Shares fell on Friday, down 4% from the previous Friday.", "1989-10-30"), ["1989-10-27", "1989-10-20"]);
    assert_eq!(values("The ship sank on Friday and was found the following Monday.", "1989-10-30"), ["1989-10-27", "1989-10-30"]);
}

#[test]
fn lengths_finer_than_a_day_before_or_after_are_lengths() {
    assert_eq!(values("The ferry sank; about an hour later, rescuers arrived.", "2004-02-13"), ["PT1H"]);
    assert_eq!(values("Two minutes and a half later the alarm rang.", "2004-02-13"), ["PT2M30S"]);
    assert_eq!(values("The lights failed three hours before the match.", "2004-02-13"), ["PT3H"]);
    // A day or more is still a date when it can be placed.
    assert_eq!(values("The mill closed on May 4, 1931. Two days later it burned.", "2011-09-15"), ["1931-05-04", "1931-05-06"]);
}

#[test]
fn one_day_after_a_modal_is_some_time_ahead() {
    assert_eq!(values("The village hopes it will one day have a school.", "2004-02-13"), ["FUTURE_REF"]);
    assert!(values("One day the river rose.", "2004-02-13").is_empty());
}

#[test]
fn this_coming_weekday_and_spelled_ordinal_days() {
    // 2004-02-12 was a Thursday.
    assert_eq!(values("The fair opens this coming Sunday.", "2004-02-12"), ["2004-02-15"]);
    assert_eq!(values("The fair opens this coming Sunday, February fifteenth.", "2004-02-12"), ["2004-02-15"]);
    assert_eq!(values("Results for May second-quarter sales were flat.", "2004-02-12"), ["2003-Q2"]);
}

#[test]
fn a_finer_offset_from_a_coarser_story_stays_in_its_period() {
    // The story is only known to the year: a week earlier is not the year before.
    assert_eq!(values("The plant opened in 2013. A week earlier, workers had struck.", "2015-06-15"), ["2013", "2013"]);
    assert_eq!(values("The plant opened in 2013. Two years later it closed.", "2015-06-15"), ["2013", "2015"]);
}

#[test]
fn the_nth_day_of_something_under_way_is_today() {
    assert_eq!(values("Today is the fifth day of the strike.", "2004-02-13"), ["2004-02-13", "2004-02-13"]);
    assert_eq!(values("It's the third day of the siege.", "2004-02-13"), ["2004-02-13"]);
    assert!(values("It was the third day of the siege.", "2004-02-13").is_empty());
}

#[test]
fn a_year_earlier_span_told_by_its_length() {
    assert_eq!(values("Net for the year-earlier nine months included a gain.", "1989-10-26"), ["P9M"]);
}

#[test]
fn a_later_date_is_some_time_ahead() {
    assert_eq!(values("The firm will raise the rest at a later date.", "2004-02-13"), ["FUTURE_REF"]);
}

#[test]
fn a_year_and_a_half_later_is_eighteen_months_on() {
    assert_eq!(values("The mill closed on May 4, 1931. A year and a half later it reopened.", "2011-09-15"), ["1931-05-04", "1932-11"]);
    assert_eq!(values("The mill closed in 1931. A year and a half later it reopened.", "2011-09-15"), ["1931", "1932"]);
}

#[test]
fn weekdays_opening_a_title_are_not_days() {
    assert!(values("She wrote a column for The Sunday Times.", "2013-03-14").is_empty());
    assert!(values("Fans tuned in to Monday Night Football.", "2013-03-14").is_empty());
    assert!(values("Her essay ran in the Sunday Review section.", "2013-03-14").is_empty());
    assert_eq!(values("The minister told reporters on Sunday morning.", "2013-03-14"), ["2013-03-10"]);
    assert_eq!(values("The paper said Sunday Smith had resigned.", "2013-03-14"), ["2013-03-10"]);
}

#[test]
fn the_past_decade_or_century_is_the_span_up_to_now() {
    assert_eq!(values("Rents doubled over the past decade.", "2013-03-14"), ["P10Y"]);
    assert_eq!(values("It was the worst storm of the past century.", "2013-03-14"), ["P100Y"]);
    // "last" names the calendar decade; "the past year" stays the year.
    assert_eq!(values("Rents doubled in the last decade.", "2013-03-14"), ["200"]);
    assert_eq!(values("Rents rose in the past year.", "2013-03-14"), ["2012"]);
}

#[test]
fn later_than_an_undated_event_is_a_length() {
    assert_eq!(values("The mayor fell ill. Two days later, he resigned.", "2013-03-14"), ["P2D"]);
    assert_eq!(values("The mill closed in 2009. Two years later, it reopened.", "2013-03-14"), ["2009", "2011"]);
}

#[test]
fn the_last_quarter_century_is_no_quarter() {
    assert!(values("Stocks rose over the last quarter-century.", "2016-06-15").is_empty());
    assert_eq!(values("Stocks rose over the last quarter.", "2016-06-15"), ["2016-Q1"]);
}

#[test]
fn the_week_in_view_when_its_part_is_named() {
    assert_eq!(values("The truce expires at the end of the week.", "2013-03-14"), ["2013-W11"]);
    assert_eq!(values("A ruling is due later in the week.", "2013-03-14"), ["2013-W11"]);
    assert_eq!(values("Talks stalled on Feb. 4 and resumed later in the week.", "2013-03-14"), ["2013-02-04", "2013-W06"]);
    // Alone, "the week" of a market report is not dated.
    assert!(values("For the week, the index fell 2%.", "2013-03-14").is_empty());
}

#[test]
fn todays_is_the_published_day_unless_it_means_the_present_age() {
    assert_eq!(values("Shares fell in today's session.", "2004-02-20"), ["2004-02-20"]);
    assert_eq!(values("The notice ran in today's edition of the paper.", "2004-02-20"), ["2004-02-20"]);
    assert!(values("Today's youth read less than their parents did.", "2004-02-20").is_empty());
    assert!(values("Most of today's family cars have airbags.", "2004-02-20").is_empty());
    // A capitalised name ending in a time word is a title.
    assert!(values("The figure comes from USA Today's survey.", "2004-02-20").is_empty());
}

#[test]
fn the_age_to_come_and_what_becomes_of_something_are_no_times() {
    assert!(values("She designs the schools of tomorrow.", "2004-02-20").is_empty());
    assert_eq!(values("The new fares apply as of tomorrow.", "2004-02-20"), ["2004-02-21"]);
    assert_eq!(values("The roads close by the end of tomorrow.", "2004-02-20"), ["2004-02-21"]);
    assert!(values("Delegates argued over the future of the treaty.", "2004-02-20").is_empty());
    assert_eq!(values("The treaty may be revised in the future.", "2004-02-20"), ["FUTURE_REF"]);
}

#[test]
fn this_moment_is_the_present() {
    assert_eq!(values("Nobody should leave the coalition at this delicate moment.", "2004-02-20"), ["PRESENT_REF"]);
    assert_eq!(values("At this moment the vote is tied.", "2004-02-20"), ["PRESENT_REF"]);
}

#[test]
fn a_quarter_set_beside_a_comparison_a_year_back_is_that_quarter() {
    let text = "In the year-ago quarter, the fourth quarter ended Jan. 31, the bakery lost money. Sales in that quarter fell.";
    assert_eq!(values(text, "2004-11-26"), ["2003-Q4", "2003-Q4", "2004-01-31", "2003-Q4"]);
    // Without the comparison, the quarter is the last one reported.
    assert_eq!(values("In the fourth quarter, the bakery lost money.", "2004-11-26"), ["2004-Q4"]);
}

#[test]
fn a_comparison_after_a_span_of_months_is_with_that_span_a_year_back() {
    let text = "The brewer earned more in the third quarter than a year ago. For the nine months, profit rose from a year earlier.";
    assert_eq!(values(text, "2005-10-20"), ["2005-Q3", "2004-Q3", "P9M", "2004"]);
    let text = "Third-quarter sales fell. In the first six months, the brewer lost more than in the 2004 period. The year-ago loss included a charge.";
    assert_eq!(values(text, "2005-10-20"), ["2005-Q3", "P6M", "2004", "2004"]);
    let text = "Third-quarter sales fell. Exports were 20% of sales in the latest nine months, against 15% a year earlier.";
    assert_eq!(values(text, "2005-10-20"), ["2005-Q3", "P9M", "2004"]);
    // Three months are the quarter itself.
    let text = "The brewer earned more in the third quarter. In the three months, sales beat the level of a year earlier.";
    assert_eq!(values(text, "2005-10-20"), ["2005-Q3", "P3M", "2004-Q3"]);
    // "the past two months" is no reported span.
    let text = "The brewer earned more in the third quarter. Prices rose over the past two months, as a year earlier.";
    assert_eq!(values(text, "2005-10-20"), ["2005-Q3", "P2M", "2004-Q3"]);
    // A quarter named again takes the narrative back from the span.
    let text = "For the nine months, profit rose. In the third quarter, sales beat the level of a year ago.";
    assert_eq!(values(text, "2005-10-20"), ["P9M", "2005-Q3", "2004-Q3"]);
}

#[test]
fn the_previous_and_the_next_unit_are_told_from_the_story() {
    let text = "The ferry sank on Feb. 3, 2003. The previous day, a gale blew; divers came the next day.";
    assert_eq!(values(text, "2004-03-10"), ["2003-02-03", "2003-02-02", "2003-02-04"]);
    assert_eq!(values("The mill burned in 2001. The previous year, it had been sold.", "2004-03-10"), ["2001", "2000"]);
    // Ahead of a future verb, or before any date, "the next year" is from now.
    assert_eq!(values("The mill burned in 2001. It will be rebuilt over the next year.", "2004-03-10"), ["2001", "2005"]);
    // A month before a story known only to its year is unknown.
    assert_eq!(values("The mill burned in 2001. The prior month, it had been sold.", "2004-03-10"), ["2001"]);
}

#[test]
fn the_year_ago_quarter_is_a_quarter_even_with_none_in_view() {
    // The last quarter finished by the published date, a year back.
    assert_eq!(values("Profit fell 5% from the year-earlier quarter.", "2011-02-10"), ["2009-Q4"]);
    assert_eq!(values("Profit fell 5% from the year-earlier period.", "2011-02-10"), ["2010"]);
}

#[test]
fn the_full_year_told_in_the_past_early_in_a_year_is_the_one_just_ended() {
    assert_eq!(values("For the full year, the brewer's profit rose.", "2011-02-10"), ["2010"]);
    assert_eq!(values("For the full year, the brewer's profit will rise.", "2011-02-10"), ["2011"]);
    assert_eq!(values("For the full year, the brewer's profit rose.", "2011-10-10"), ["2011"]);
}

#[test]
fn this_past_is_the_last_one_and_belongs_to_the_span() {
    // 2004-01-15 was a Thursday.
    let t =
        |s: &str| crate::tag(s, chrono::NaiveDate::from_ymd_opt(2004, 1, 15)).into_iter().map(|x| (x.text, x.value)).collect::<Vec<_>>();
    assert_eq!(t("The mill shut this past summer."), [("this past summer".to_string(), "2003-SU".to_string())]);
    assert_eq!(t("The mill shut this past Monday."), [("this past Monday".to_string(), "2004-01-12".to_string())]);
    assert_eq!(t("The mill shut this past December."), [("this past December".to_string(), "2003-12".to_string())]);
    assert_eq!(t("The mill shut this past weekend."), [("this past weekend".to_string(), "2004-W02-WE".to_string())]);
}

#[test]
fn the_last_unit_of_something_is_part_of_it() {
    assert_eq!(values("The sale will close in the last week of March.", "2004-03-10"), ["2004-03"]);
    assert!(values("He wrote it in the last year of the war.", "2004-03-10").is_empty());
    assert_eq!(values("He wrote it in the last year.", "2004-03-10"), ["2003"]);
}

#[test]
fn a_story_known_only_to_its_year_has_no_early_months() {
    use crate::{tag_with, Gran, Reference};
    let r = Reference { date: chrono::NaiveDate::from_ymd_opt(2011, 1, 1).unwrap(), precision: Gran::Year };
    let v = |s: &str| tag_with(s, Some(r)).into_iter().map(|x| x.value).collect::<Vec<_>>();
    assert_eq!(v("For the full year, the brewer's profit rose."), ["2011"]);
    assert_eq!(v("Orders fell in the first half."), ["2011-H1"]);
}

#[test]
fn the_end_of_the_year_before_a_clause_about_something_else_is_still_dated() {
    assert_eq!(values("The mill will shed 300 jobs by the end of the year after a weak third quarter.", "2004-10-20"), ["2004", "2004-Q3"]);
    assert!(values("He came home the year after the war.", "2004-10-20").is_empty());
}

#[test]
fn this_weekend_told_in_the_past_on_a_weekday_is_the_one_just_past() {
    // 2004-10-04 was a Monday.
    assert_eq!(values("The club met this weekend.", "2004-10-04"), ["2004-W40-WE"]);
    assert_eq!(values("The club will meet this weekend.", "2004-10-04"), ["2004-W41-WE"]);
}
