//! Holidays: fixed ("Christmas", "Independence Day"), on a weekday of a
//! month ("Thanksgiving", "Labor Day", "Election Day") or around Easter
//! ("Good Friday", "Easter week").

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon;
use super::parts::eat_year;
use super::reference::{Anchor, Gran};
use super::scan::{Ctx, Cur, Hit};
use super::tokens::TokKind;

/// When a holiday falls in a given year.
#[derive(Clone, Copy)]
enum Rule {
    Fixed(u32, u32),
    /// The `n`th such weekday of the month (`n` = 5: the last one).
    Nth(u32, Weekday, u32),
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
    /// Days after Easter Sunday (negative: before).
    Easter(i64),
}

impl Rule {
    fn day(self, y: i32) -> Option<NaiveDate> {
        match self {
            Rule::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
            Rule::Nth(m, wd, 5) => {
                let last = NaiveDate::from_ymd_opt(y, m + 1, 1).or_else(|| NaiveDate::from_ymd_opt(y + 1, 1, 1))? - Duration::days(1);
                let back = (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                Some(last - Duration::days(back as i64))
            }
            Rule::Nth(m, wd, n) => NaiveDate::from_weekday_of_month_opt(y, m, wd, n as u8),
            Rule::Election => Some(NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Mon, 1)? + Duration::days(1)),
            Rule::Easter(offset) => Some(easter(y)? + Duration::days(offset)),
        }
    }
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian computus).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// Words that may follow a holiday in a date: "Christmas Eve", "Easter Monday", "Christmas December 25".
fn is_date_word(w: &str) -> bool {
    lexicon::time_word(w) || w == "eve"
}

/// Christmas, Thanksgiving, New Year's Day, Independence Day, Halloween,
/// Labor Day, Memorial Day, Election Day, Easter, Good Friday, Easter week.
pub fn holiday(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.tok()?.is_capitalized() {
        return None;
    }
    let mut week = false;
    let rule = if c.eat("christmas") {
        if c.eat("eve") {
            Rule::Fixed(12, 24)
        } else {
            c.eat("day");
            Rule::Fixed(12, 25)
        }
    } else if c.eat_seq(&["new", "year's", "day"]) {
        Rule::Fixed(1, 1)
    } else if c.eat_seq(&["new", "year's", "eve"]) {
        Rule::Fixed(12, 31)
    } else if c.eat("thanksgiving") {
        c.eat("day");
        Rule::Nth(11, Weekday::Thu, 4)
    } else if c.eat_seq(&["independence", "day"]) {
        Rule::Fixed(7, 4)
    } else if c.eat("halloween") {
        Rule::Fixed(10, 31)
    } else if c.eat_seq(&["valentine's", "day"]) {
        Rule::Fixed(2, 14)
    } else if c.eat_seq(&["veterans", "day"]) {
        Rule::Fixed(11, 11)
    } else if c.eat_seq(&["labor", "day"]) {
        Rule::Nth(9, Weekday::Mon, 1)
    } else if c.eat_seq(&["memorial", "day"]) {
        Rule::Nth(5, Weekday::Mon, 5)
    } else if c.eat_seq(&["election", "day"]) {
        Rule::Election
    } else if c.eat_seq(&["good", "friday"]) {
        Rule::Easter(-2)
    } else if c.eat("easter") {
        // "Easter week": the week that ends on Easter Sunday.
        week = c.eat("week");
        if !week {
            c.eat("sunday");
        }
        Rule::Easter(0)
    } else {
        return None;
    };
    // "Easter Island", "the Christmas Island centre": a place named after the
    // day. A name with "Day" or "Eve" is the day itself, whatever follows it
    // ("On Christmas Day President Lee spoke").
    let one_word = c.j == i + 1;
    if one_word
        && c.tok()
            .is_some_and(|t| t.kind == TokKind::Word && t.is_capitalized() && t.sentence == ctx.toks[i].sentence && !is_date_word(t.lower))
    {
        return None;
    }
    let mut yc = Cur::new(ctx.toks, c.j);
    yc.eat_comma();
    let year = eat_year(&mut yc);
    let end = if year.is_some() { yc.j } else { c.j };
    let y = match year {
        Some(y) => y,
        None => {
            // The year the tense picks for this year's date of the holiday.
            let this = rule.day(ctx.reference.map(|r| r.date.year()).unwrap_or(2000))?;
            ctx.year_for(i, end, this.month(), Some(this.day()))?
        }
    };
    let day = rule.day(y)?;
    let a = if week { Anchor::new(day, Gran::Week) } else { Anchor::new(day, Gran::Day) };
    let hit = Hit::date(end, a);
    Some(if year.is_some() { hit.explicit() } else { hit })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::values;

    #[test]
    fn holidays_fall_on_their_days() {
        assert_eq!(values("Stores closed on Thanksgiving Day.", "1999-12-01"), ["1999-11-25"]);
        assert_eq!(values("We met on Christmas Eve, 1914.", "2011-09-15"), ["1914-12-24"]);
        assert_eq!(values("Turnout on Election Day was low.", "1998-11-05"), ["1998-11-03"]);
        assert_eq!(values("Parks open on Memorial Day.", "2004-05-20"), ["2004-05-31"]);
        assert_eq!(values("The strike ended on Labor Day, 1950.", "2011-09-15"), ["1950-09-04"]);
        assert_eq!(values("Pilgrims arrived as Easter week began.", "2000-04-17"), ["2000-W16"]);
        assert_eq!(values("Shops shut on Good Friday.", "2000-04-25"), ["2000-04-21"]);
    }

    #[test]
    fn places_named_after_a_holiday_are_not_days() {
        assert!(values("The ship sailed on to Easter Island.", "2011-09-15").is_empty());
        assert!(values("The Christmas Island camp was full.", "2011-09-15").is_empty());
        assert_eq!(values("On Christmas Day President Lee spoke.", "2011-12-27"), ["2011-12-25"]);
        assert_eq!(values("Markets closed on Christmas Day and on Easter Sunday, 2012.", "2013-03-14"), ["2012-12-25", "2012-04-08"]);
    }

    #[test]
    fn easter_sundays() {
        let days: Vec<String> = [1998, 2000, 2011, 2019, 2024].iter().map(|&y| easter(y).unwrap().to_string()).collect();
        assert_eq!(days, ["1998-04-12", "2000-04-23", "2011-04-24", "2019-04-21", "2024-03-31"]);
    }

    #[test]
    fn the_last_weekday_of_a_month() {
        assert_eq!(Rule::Nth(5, Weekday::Mon, 5).day(1999), NaiveDate::from_ymd_opt(1999, 5, 31));
        assert_eq!(Rule::Nth(12, Weekday::Fri, 5).day(1999), NaiveDate::from_ymd_opt(1999, 12, 31));
    }
}
