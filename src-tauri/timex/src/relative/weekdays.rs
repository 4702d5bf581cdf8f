//! Weekdays: "Friday", "last Friday", "next Monday", "Friday morning" from
//! the published day, "that Friday" from the narrative's day, and the tense
//! that decides which of the two nearest such days a bare weekday is.

use chrono::{Datelike, Duration, NaiveDate};

use super::day_part_suffix;
use crate::lexicon;
use crate::reference::{Anchor, Gran, Tense};
use crate::scan::{strip_possessive, Ctx, Cur, Hit};
use crate::tokens::TokKind;
use crate::TimexKind;

/// "The Sunday Times", "Monday Night Football": a weekday opening the name
/// of a newspaper or a programme (the capitalised word after it at `k`).
fn opens_a_title(ctx: &Ctx, k: usize) -> bool {
    let cap = |k: usize| ctx.toks.get(k).filter(|t| t.kind == TokKind::Word && t.is_capitalized()).map(|t| t.lower);
    match cap(k) {
        Some(
            "times" | "telegraph" | "express" | "mirror" | "herald" | "post" | "mail" | "independent" | "tribune" | "observer" | "review"
            | "magazine" | "edition",
        ) => true,
        Some("night" | "morning") => cap(k + 1).is_some_and(|w| lexicon::month(w).is_none() && lexicon::weekday(w).is_none()),
        _ => false,
    }
}

/// "Friday", "last Friday", "next Monday", "Friday morning".
pub(super) fn weekday(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let mut modifier = c.eat_any(&["last", "next", "this", "past", "coming"]);
    // "this coming Sunday" is the coming one.
    if modifier == Some("this") && c.eat("coming") {
        modifier = Some("coming");
    }
    // "this past Monday" is the last one.
    if modifier == Some("this") && c.eat("past") {
        modifier = Some("past");
    }
    let t = c.tok()?;
    if !t.is_capitalized() {
        return None;
    }
    let wd = c.eat_with(lexicon::weekday)?;
    if matches!(strip_possessive(t.lower), "sun" | "sat" | "wed" | "mon" | "fri")
        || crate::durations::weekday_nights(ctx, c.j - 1).is_some()
    {
        return None;
    }
    if t.lower.len() <= 5 {
        c.eat_dot();
    }
    if opens_a_title(ctx, c.j) {
        return None;
    }
    // "Monday, Oct. 26" is a calendar date: leave it to that pattern.
    let mut look = c;
    look.eat_comma();
    if look.tok().is_some_and(|t| t.is_capitalized() && lexicon::month(t.lower).is_some()) {
        return None;
    }
    // "Friday night" is reported as the day: news uses the part of the day
    // loosely ("night" for the evening), and the day is what orders events.
    day_part_suffix(&mut c);
    let r = ctx.now()?;
    // A narrative not at a day gives a weekday no date (nor a recurrence).
    if ctx.reference.is_none() && r.precision != Gran::Day {
        return None;
    }
    if r.precision != Gran::Day {
        return Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-WXX-{wd}")));
    }
    let today = r.date;
    let delta = wd as i64 - today.weekday().number_from_monday() as i64;
    let past = |d: i64| if d > 0 { d - 7 } else { d };
    let future = |d: i64| if d <= 0 { d + 7 } else { d };
    let days = match modifier {
        Some("last") | Some("past") => past(delta).min(-1).min(if delta == 0 { -7 } else { past(delta) }),
        Some("next") | Some("coming") => future(delta),
        Some("this") => delta,
        // A narrative is told in the past throughout: the nearest such day.
        _ if ctx.reference.is_none() => {
            if delta > 3 {
                delta - 7
            } else if delta < -3 {
                delta + 7
            } else {
                delta
            }
        }
        _ => match weekday_tense(ctx, i, c.j) {
            Tense::Future => {
                if delta < 0 {
                    delta + 7
                } else {
                    delta
                }
            }
            Tense::Past => past(delta),
            // No tense: the nearest such day, a past one on a tie.
            Tense::Present | Tense::Unknown => {
                if delta > 3 {
                    delta - 7
                } else if delta < -3 {
                    delta + 7
                } else {
                    delta
                }
            }
        },
    };
    let date: NaiveDate = today.checked_add_signed(Duration::days(days))?;
    Some(Hit::date(c.j, Anchor::new(date, Gran::Day)))
}

/// "the previous Friday", "the following Monday": counted from the day the
/// story is at, not from the published date.
pub(super) fn anaphoric_weekday(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    let w = c.eat_any(&["previous", "preceding", "prior", "following", "next"])?;
    if c.prev_at(c.j - 1) != "the" || !c.tok()?.is_capitalized() {
        return None;
    }
    let wd = c.eat_with(lexicon::weekday)? as i64;
    let base = ctx.narrative().filter(|a| a.gran == Gran::Day)?.date;
    let delta = wd - base.weekday().number_from_monday() as i64;
    let days = if matches!(w, "following" | "next") {
        if delta <= 0 {
            delta + 7
        } else {
            delta
        }
    } else if delta >= 0 {
        delta - 7
    } else {
        delta
    };
    Some(Hit::date(c.j, Anchor::new(base.checked_add_signed(Duration::days(days))?, Gran::Day)))
}

/// The tense a bare weekday is read in. A deadline ("until 9 a.m. Tuesday")
/// is near the published day whatever the past verb says, and ahead of it
/// after a postponement ("postponed until Tuesday").
fn weekday_tense(ctx: &Ctx, i: usize, end: usize) -> Tense {
    let toks = ctx.toks;
    // "Wednesday's ruling", "Thursday's closing price": a possessive day names
    // an event already reported, unless it is awaited ("ahead of Sunday's vote").
    if toks[i].lower.ends_with("'s") {
        let before = |w: &[&str]| i >= w.len() && toks[i - w.len()..i].iter().map(|t| t.lower).eq(w.iter().copied());
        let awaited = before(&["ahead", "of"]) || before(&["upcoming"]) || before(&["in", "advance", "of"]);
        return if awaited { Tense::Future } else { Tense::Past };
    }
    // Skip a time of day before the weekday: "until 9 a.m. EST Tuesday".
    let mut k = i;
    while k > 0
        && (toks[k - 1].kind == TokKind::Num
            || matches!(toks[k - 1].lower, "a" | "p" | "m" | "." | "est" | "edt" | "gmt" | "noon" | "midnight" | "at"))
    {
        k -= 1;
    }
    let c = Cur::new(toks, k);
    // "since Friday" reaches back from now, whatever the verb.
    if c.prev() == "since" {
        return Tense::Past;
    }
    let tense = ctx.tense(i, end);
    // "Starting Monday, fares rise": a change from then on, ahead unless told in the past.
    if matches!(c.prev(), "starting" | "beginning" | "effective") && matches!(tense, Tense::Present | Tense::Unknown) {
        return Tense::Future;
    }
    let until = matches!(c.prev(), "until" | "till") && !matches!(c.prev_at(k - 1), "up" | "not");
    // Only "until": "had taken the town by Friday" is a past deadline.
    if !until {
        return tense;
    }
    let sentence = toks[i].sentence;
    let postponed = toks[..k].iter().rev().take_while(|t| t.sentence == sentence).take(12).any(|t| lexicon::postponement(t.lower));
    match tense {
        _ if postponed => Tense::Future,
        Tense::Past => Tense::Unknown,
        t => t,
    }
}
