//! Times of day: "3 p.m.", "10:30 a.m. EDT", "noon", "midnight", "9 o'clock".
//! A bare "10:30" is not taken (scores, ratios and verses look the same).
//! The day is filled in afterwards from a neighbouring date, else the reference.

use super::lexicon;
use super::lexicon::starts::*;
use super::reference::Gran;
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;
use super::TimexKind;

/// "a.m." arrives as a . m . ; "am"/"pm" glued to digits as "5pm".
fn eat_meridiem(c: &mut Cur) -> Option<bool> {
    let save = c.j;
    let first = c.eat_any(&["a", "p", "am", "pm"]);
    let pm = match first {
        Some("am") => return Some(false),
        Some("pm") => return Some(true),
        Some(w) => w == "p",
        None => return None,
    };
    if c.eat_dot() && c.eat("m") {
        c.eat_dot();
        return Some(pm);
    }
    c.j = save;
    None
}

fn fmt(h: u32, m: u32) -> String {
    format!("T{h:02}:{m:02}")
}

fn clock_time(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if let Some(w) = c.eat_any(&["noon", "midnight", "midday"]) {
        // "high noon" is a showdown, not a time of day.
        if c.prev_at(i) == "high" {
            return None;
        }
        let v = if w == "midnight" { "T24:00".to_string() } else { fmt(12, 0) };
        return Some(Hit::new(c.j, TimexKind::Time, v));
    }
    let t = c.tok()?;
    if t.kind != TokKind::Num {
        return None;
    }
    let text: &str = t.lower;
    c.j += 1;
    // "at 0600 GMT": a 24-hour time with its zone. In brackets ("10:35 a.m.
    // (0735 GMT)") it only restates the time before it.
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) {
        let (h, m) = (text[..2].parse::<u32>().ok()?, text[2..].parse::<u32>().ok()?);
        if h > 23 || m > 59 || c.prev_at(i) == "(" || c.eat_any(&["gmt", "utc"]).is_none() {
            return None;
        }
        return Some(Hit::new(c.j, TimexKind::Time, fmt(h, m)));
    }
    // "5pm" glued.
    let (digits, glued) = if let Some(d) = text.strip_suffix("pm") {
        (d, Some(true))
    } else if let Some(d) = text.strip_suffix("am") {
        (d, Some(false))
    } else {
        (text, None)
    };
    let (h, m) = match digits.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        None if digits.len() <= 2 => (digits.parse::<u32>().ok()?, 0),
        _ => return None,
    };
    if h > 24 || m > 59 {
        return None;
    }
    let pm = match glued {
        Some(p) => Some(p),
        None => eat_meridiem(&mut c),
    };
    let h = match pm {
        Some(true) if h < 12 => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) => h,
        None => {
            // "9 o'clock", "4 in the morning", "8 in the evening".
            if c.eat("o'clock") {
                h
            } else if c.eat_seq(&["in", "the", "morning"]) && h <= 12 {
                h % 12
            } else if (c.eat_seq(&["in", "the", "afternoon"]) || c.eat_seq(&["in", "the", "evening"]) || c.eat_seq(&["at", "night"]))
                && h < 12
            {
                h + 12
            } else {
                return None;
            }
        }
    };
    // Time zones are part of the expression.
    c.eat_any(&["edt", "est", "cdt", "cst", "pdt", "pst", "gmt", "utc", "bst", "cet", "et", "ct", "mt", "pt"]);
    let save = c.j;
    if !(c.eat("local") && c.eat("time")) {
        c.j = save;
    }
    Some(Hit::new(c.j, TimexKind::Time, fmt(h, m)))
}

/// A part of the day on its own: "(in) the morning", "by mid-afternoon",
/// "mid-afternoon yesterday": the part of the day the story is at.
fn day_part(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let mid = c.eat("mid");
    if mid {
        c.eat_hyphen();
    }
    let the = !mid && c.eat("the");
    let part = c.eat_any(&["morning", "afternoon", "evening"])?;
    let code = lexicon::day_part(part)?;
    let deictic = c.eat_any(&["yesterday", "today"]);
    let before = Cur::new(ctx.toks, i).prev();
    if deictic.is_none() && !((the || mid) && matches!(before, "in" | "by" | "at" | "during" | "until" | "around" | "since")) {
        return None;
    }
    let day = match deictic {
        Some(w) => ctx.now()?.at(Gran::Day).shift(if w == "yesterday" { -1 } else { 0 }, Gran::Day)?,
        // Only a story already at a day: "in the morning" alone is habitual.
        // "By mid-afternoon" is no habit: before any date, it is the published day.
        None => match ctx.anchor {
            Some((a, ..)) => Some(a).filter(|a| a.gran == Gran::Day)?,
            None if mid => ctx.reference.filter(|r| r.precision == Gran::Day)?.at(Gran::Day),
            None => return None,
        },
    };
    if day.gran != Gran::Day {
        return None;
    }
    let mut h = Hit::new(c.j, TimexKind::Time, format!("{}{code}", day.value()));
    h.anchor = Some(day);
    Some(h.anaphoric())
}

pub const PATTERNS: &[Pattern] = &[(clock_time, 0, TIME | NUM), (day_part, 2, FUNC | THE | TIME)];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    #[test]
    fn times_of_day_take_the_day_around_them() {
        assert_eq!(values("The blast came at 10:30 a.m. Friday.", "1998-08-07"), ["1998-08-07T10:30"]);
        assert_eq!(values("Polls close at 8 p.m. today.", "1998-08-07"), ["1998-08-07T20:00"]);
        assert_eq!(values("The deal was signed at noon.", "1998-08-07"), ["1998-08-07T12:00"]);
        assert_eq!(values("Polls closed at 8 p.m. ET on Thursday.", "1998-08-07"), ["1998-08-06T20:00"]);
    }

    #[test]
    fn twenty_four_hour_times_with_a_zone() {
        assert_eq!(values("The truce began at 0600 GMT on Sunday.", "2013-03-14"), ["2013-03-10T06:00"]);
        // Restating a time in brackets, the zone time is no second expression.
        assert_eq!(values("It landed at 9:51 p.m. (1851 GMT) on Friday.", "2016-12-02"), ["2016-12-02T21:51", "2016-12-02"]);
        assert!(values("The fleet had 1200 ships.", "2013-03-14").is_empty());
    }

    #[test]
    fn bare_clock_numbers_are_not_times() {
        assert!(values("The home team won 3:2 in extra play.", "1998-08-07").is_empty());
        assert!(values("Read verse 10:30 aloud.", "1998-08-07").is_empty());
        assert!(values("For the rebels, high noon has come.", "1998-08-07").is_empty());
    }

    #[test]
    fn parts_of_the_day_on_their_own() {
        assert_eq!(values("Prices slid on Friday. Buyers returned in the morning.", "1989-10-30"), ["1989-10-27", "1989-10-27TMO"]);
        assert_eq!(values("Shares were up at mid-afternoon yesterday.", "1989-11-02"), ["1989-11-01TAF"]);
        // Without a day in the story, "in the morning" is habitual.
        assert!(values("Bakers start work in the morning.", "1989-11-02").is_empty());
        assert_eq!(values("By mid afternoon the streets were calm.", "1989-11-02"), ["1989-11-02TAF"]);
        assert_eq!(values("The ferry leaves at 4 in the morning.", "1989-11-02"), ["1989-11-02T04:00"]);
    }

    #[test]
    fn a_bracketed_aside_does_not_part_a_time_from_its_day() {
        // The aside parts the two expressions; the time still takes the day.
        assert_eq!(values("The blast came at about 10:35 a.m. (0735 GMT) Friday.", "1998-08-08"), ["1998-08-07T10:35", "1998-08-07"]);
    }

    #[test]
    fn a_time_restated_in_brackets_takes_the_day_of_the_restatement() {
        let got = values("The convoy will leave at 5 in the morning (5 a.m. EDT Sunday).", "2004-06-05");
        assert_eq!(got, ["2004-06-06T05:00", "2004-06-06T05:00"]);
        // Another hour is another zone: its day says nothing about the first.
        let got = values("The convoy will leave at 11 p.m. (0300 GMT Sunday).", "2004-06-05");
        assert_eq!(got[0], "2004-06-05T23:00");
    }
}
