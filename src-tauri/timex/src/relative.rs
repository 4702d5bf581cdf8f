//! Expressions resolved against a reference: deictic ones against the
//! published date ("yesterday", "last year", "three weeks ago", "Friday"),
//! anaphoric ones against the narrative's last date ("a year later", "the
//! following month", "that October"), and the vague PRESENT/PAST/FUTURE_REF.

use chrono::Datelike;

use super::lexicon::starts::*;
use super::lexicon::{self, Unit};
use super::reference::{Anchor, Gran, Tense};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::{Tok, TokKind};
use super::TimexKind;
use weekdays::{anaphoric_weekday, weekday};

pub(super) fn gran_of(u: Unit) -> Option<Gran> {
    Some(match u {
        Unit::Day => Gran::Day,
        Unit::Week => Gran::Week,
        Unit::Month => Gran::Month,
        Unit::Quarter => Gran::Quarter,
        Unit::Year => Gran::Year,
        Unit::Decade => Gran::Decade,
        Unit::Century => Gran::Century,
        _ => return None,
    })
}

fn day_part_suffix(c: &mut Cur) -> Option<&'static str> {
    let save = c.j;
    c.eat("in");
    c.eat("the");
    match c.eat_with(lexicon::day_part) {
        Some(p) => Some(p),
        None => {
            c.j = save;
            None
        }
    }
}

fn with_part(end: usize, a: Anchor, part: Option<&str>) -> Hit {
    match part {
        Some(p) if a.gran == Gran::Day => {
            let mut h = Hit::new(end, TimexKind::Time, format!("{}{p}", a.value()));
            h.anchor = Some(a);
            h
        }
        _ => Hit::date(end, a),
    }
}

/// today, yesterday, tomorrow, tonight, this morning, last night, the day before yesterday.
fn deictic_days(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // In a narrative, "today" is the writer's present, not a day of the story.
    if ctx.reference.is_none() && c.lower() == "today" {
        return Some(Hit::new(i + 1, TimexKind::Date, "PRESENT_REF"));
    }
    let r = ctx.now()?;
    let day = r.at(Gran::Day);
    let (a, part) = if c.eat_seq(&["the", "day", "before", "yesterday"]) {
        (day.shift(-2, Gran::Day)?, None)
    } else if c.eat_seq(&["the", "day", "after", "tomorrow"]) {
        (day.shift(2, Gran::Day)?, None)
    } else if let Some(w) = c.eat_any(&["today", "yesterday", "tomorrow", "yesterday's", "tomorrow's"]) {
        // "the cities of tomorrow": the age to come (as "today's youth" is
        // the present one), not the day after; "as of tomorrow" is the day.
        if w == "tomorrow" && i >= 2 && c.prev_at(i) == "of" && generic_of(&ctx.toks[i - 2]) {
            return None;
        }
        let shift = match w.trim_end_matches("'s") {
            "yesterday" => -1,
            "tomorrow" => 1,
            _ => 0,
        };
        (day.shift(shift, Gran::Day)?, day_part_suffix(&mut c))
    } else if c.eat("today's") {
        // "today's session" is the published day's; "today's youth", "many
        // of today's personal computers" are the present age, left untagged.
        if (0..2).any(|k| lexicon::generic_class(ctx.toks.get(c.j + k).map_or("", |t| t.lower))) {
            return None;
        }
        (day, None)
    } else if c.eat("tonight") {
        (day, Some("TNI"))
    } else if c.eat_seq(&["last", "night"]) {
        (day.shift(-1, Gran::Day)?, Some("TNI"))
    } else if c.eat("this") {
        let p = c.eat_with(lexicon::day_part)?;
        (day, Some(p))
    } else {
        return None;
    };
    // In a narrative known only to the month or the year, the day is unknown.
    if ctx.reference.is_none() && r.precision != Gran::Day {
        return Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-XX-XX{}", part.unwrap_or(""))));
    }
    // "Today" heading a line of a dateline-free article is still the published day.
    Some(ctx.counted_from_now(with_part(c.j, a, part)))
}

/// The noun before "of tomorrow" makes it the age to come ("the cities of
/// tomorrow"), not when it is a part or a time ("the end of tomorrow", "the
/// morning of tomorrow", "as of tomorrow").
fn generic_of(t: &Tok) -> bool {
    let w = t.lower;
    t.kind == TokKind::Word
        && !matches!(w, "as" | "end" | "rest" | "start" | "beginning" | "middle" | "close" | "course")
        && lexicon::day_part(w).is_none()
        && Unit::parse(w).is_none()
}

/// this/last/next/the past/the coming week|month|year|quarter|decade|weekend,
/// earlier/later this year.
fn deictic_units(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat_any(&["earlier", "later", "early", "late"]).map(|_| c.eat("in"));
    let the = c.eat("the");
    let mut word = c.eat_any(&[
        "this",
        "last",
        "next",
        "past",
        "coming",
        "current",
        "previous",
        "prior",
        "preceding",
        "following",
        "latest",
        "same",
        "that",
    ])?;
    // "this past week" is the past one; "that same day" is that day.
    if word == "this" && c.eat("past") {
        word = "past";
    }
    if word == "that" {
        c.eat("same");
    }
    // "the previous year", "the next day": told from the narrative's date
    // ("last year", "next week" are told from the published one). "over the
    // next year" ahead of a future verb, or before any date, is still from now.
    let from_story = match word {
        "previous" | "prior" | "preceding" => the && ctx.anchor.is_some(),
        // In a narrative every "the next year" is the story's.
        "next" => {
            the && ctx.anchor.is_some() && (ctx.reference.is_none() || !matches!(ctx.tense(i, c.j + 1), Tense::Future | Tense::Present))
        }
        _ => false,
    };
    if from_story {
        // A step back is a flashback: the story stays where it was.
        let h = anaphoric_unit(ctx, i, &mut c, word)?;
        return Some(if word == "next" { h } else { h.anaphoric() });
    }
    // The words after a "the" that found no date from the story are no deictic date.
    if !the && matches!(word, "previous" | "prior" | "preceding" | "next") && c.prev_at(i) == "the" && ctx.anchor.is_some() {
        return None;
    }
    let shift = match word {
        "this" | "current" => 0,
        "last" | "past" | "previous" | "prior" => -1,
        "next" | "coming" => 1,
        // Anaphoric: from the narrative, not the published date.
        w => return anaphoric_unit(ctx, i, &mut c, w),
    };
    if c.eat("weekend") {
        let r = ctx.reference?;
        // "met this weekend", told on a weekday: the weekend just past.
        let just_past =
            word == "this" && r.precision == Gran::Day && r.date.weekday().number_from_monday() < 6 && ctx.tense(i, c.j) == Tense::Past;
        let w = r.at(Gran::Week).shift(if just_past { -1 } else { shift }, Gran::Week)?;
        return Some(Hit { anchor: Some(w), ..Hit::new(c.j, TimexKind::Date, format!("{}-WE", w.value())) });
    }
    let (u, plural) = c.eat_unit()?;
    // "the last quarter-century" is twenty-five years, not a quarter; "the
    // last week of March", "the last year of the war" are parts of what follows.
    if plural || (c.eat_hyphen() && c.lower() == "century") || ((the || c.prev_at(i) == "the") && c.lower() == "of") {
        return None;
    }
    let g = gran_of(u)?;
    // "over the past decade" reaches up to now: ten years, not the 1980s.
    if word == "past" && matches!(g, Gran::Decade | Gran::Century) {
        return Some(Hit::new(c.j, TimexKind::Duration, u.duration(Some(1.0))));
    }
    let r = ctx.now()?;
    let a = r.at(g).shift(shift, g)?;
    // "last year's third quarter" is the quarter pattern's business.
    Some(ctx.counted_from_now(Hit::date(c.j, a)))
}

/// "the weekend": over the weekend just past, or ahead of the coming one.
fn the_weekend(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.eat_seq(&["the", "weekend"]) {
        return None;
    }
    let r = ctx.reference.filter(|r| r.precision == Gran::Day)?;
    let coming = matches!(c.prev_at(i), "before" | "until" | "for")
        || (c.prev_at(i) == "of" && c.prev_at(i.saturating_sub(1)) == "ahead")
        || ctx.tense(i, c.j) == Tense::Future;
    let weekday = r.date.weekday().number_from_monday();
    let this_week = r.at(Gran::Week);
    let w = match (coming, weekday >= 6) {
        (true, true) => this_week.shift(1, Gran::Week)?,
        (true, false) | (false, true) => this_week,
        (false, false) => this_week.shift(-1, Gran::Week)?,
    };
    Some(Hit { anchor: Some(w), ..Hit::new(c.j, TimexKind::Date, format!("{}-WE", w.value())) })
}

/// "the fiscal year", "the full year", "the current fiscal year": the
/// published year; "the latest fiscal year": the last one closed.
fn fiscal_year(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.eat("the") {
        return None;
    }
    let which = c.eat_any(&["current", "latest", "full"]);
    let fiscal = c.eat("fiscal");
    if (which.is_none() && !fiscal) || !c.eat("year") || matches!(c.lower(), "ended" | "ending" | "ends" | "-") {
        return None;
    }
    let r = ctx.reference?;
    // Results for "the full year" told in the past early in a year are for
    // the year just ended ("For the full year, profit rose", in February).
    let just_ended = which != Some("current") && r.precision <= Gran::Month && r.date.month() <= 3 && ctx.tense(i, c.j) == Tense::Past;
    let a = r.at(Gran::Year).shift(if which == Some("latest") || just_ended { -1 } else { 0 }, Gran::Year)?;
    Some(Hit::date(c.j, a))
}

/// the following/next/previous day|year, the same day, that week.
fn anaphoric_unit(ctx: &Ctx, _i: usize, c: &mut Cur, w: &str) -> Option<Hit> {
    let (u, plural) = c.eat_unit()?;
    if plural {
        return None;
    }
    let g = gran_of(u)?;
    let base = ctx.narrative()?;
    let shift = match w {
        "following" | "next" => 1,
        "previous" | "prior" | "preceding" => -1,
        _ => 0,
    };
    // "that day" when the story is only known to the month or the year: the
    // day is unknown, and its first day would be a false date.
    if w == "latest" || g < base.gran {
        return None;
    }
    let a = Anchor::new(base.coarsen(g).date, g.max(Gran::Day)).coarsen(g);
    Some(Hit::date(c.j, a.shift(shift, g)?))
}

/// N units ago / earlier / later / before / after / from now.
fn offsets(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if matches!(c.eat_any(&["about", "nearly", "almost", "some", "roughly", "more", "less", "over", "just", "only"]), Some("more" | "less"))
    {
        c.eat("than");
    }
    let n = c.eat_quantity()?;
    c.eat_hyphen();
    let (u, _) = c.eat_unit()?;
    let length_end = c.j;
    // "a minute and a half later"
    let half = c.eat_seq(&["and", "a", "half"]);
    // "a week or so ago"
    let _ = c.eat_seq(&["or", "so"]);
    let dir = c.eat_any(&["ago", "earlier", "later", "before", "after", "from", "since", "back"])?;
    if dir == "from" && !c.eat("now") {
        return None;
    }
    // "a year and a half later": eighteen months on, to the month.
    if half && u == Unit::Year && dir == "later" {
        let months = n.map(|v| (v * 12.0).round() as i32 + 6)?;
        let base = ctx.narrative()?;
        let start = if base.gran <= Gran::Month { Anchor::new(base.date, Gran::Day).coarsen(Gran::Month) } else { base };
        return Some(Hit::date(c.j, start.shift(months, Gran::Month)?));
    }
    let Some(g) = gran_of(u).filter(|_| !half) else {
        // "an hour later", "a minute and a half before the blast": too fine
        // for a calendar date, so the length is the expression (TIMEX3 marks
        // the length and leaves the word of direction out).
        if !matches!(dir, "earlier" | "later" | "before" | "after") || gran_of(u).is_some() {
            return None;
        }
        let end = if half { length_end + 3 } else { length_end };
        return Some(Hit::new(end, TimexKind::Duration, u.duration(n.map(|v| if half { v + 0.5 } else { v }))));
    };
    // "before"/"after" introduce a clause or a noun; only count them when nothing follows that could be it.
    if matches!(dir, "before" | "after" | "since") {
        return None;
    }
    let back = matches!(dir, "ago" | "earlier" | "back");
    let Some(n) = n else {
        // "a few years ago" is some time in the past; "several months later"
        // is a stretch of unknown length from the story's date, told as its length.
        if dir == "ago" || dir == "back" {
            return Some(Hit::new(c.j, TimexKind::Date, "PAST_REF"));
        }
        return Some(Hit::new(c.j - 1, TimexKind::Duration, u.duration(None)));
    };
    let k = if back { -(n as i32) } else { n as i32 };
    // "a decade ago", "a century later": that many years, to the year (the
    // decade before the 2010s is no date ten years back).
    let (k, g) = match g {
        Gran::Decade => (k * 10, Gran::Year),
        Gran::Century => (k * 100, Gran::Year),
        g => (k, g),
    };
    // A financial "a year ago" with a quarter in view is that quarter a year before.
    if g == Gran::Year && dir != "later" {
        if let Some(q) = ctx.reported_quarter_in_view() {
            let q = if ctx.months_span_in_view(i) { q.coarsen(Gran::Year) } else { q };
            return Some(Hit::date(c.j, q.shift(k, Gran::Year)?).anaphoric());
        }
    }
    // "Two days later, he resigned" before any date: later than an event the
    // text never dates, so only the length is known (the published day would
    // put a past event after the article).
    if dir == "later" && ctx.anchor.is_none() {
        return Some(Hit::new(length_end, TimexKind::Duration, u.duration(Some(n))));
    }
    let base = if matches!(dir, "ago" | "now" | "from" | "back") {
        ctx.now()?.at(Gran::Day)
    } else {
        // "a year earlier" compares with the period just discussed, at its granularity.
        ctx.narrative()?
    };
    // A story known only to a coarser period ("in 2013 ... a week later"):
    // shifting its first day by the finer unit would cross into the period
    // before it, so the shift stays within the story's period.
    let shifted = if base.gran <= g { Anchor::new(base.date, Gran::Day).coarsen(g).shift(k, g)? } else { base };
    let h = Hit::date(c.j, shifted);
    // Comparisons back in time do not move the story; "four years later" does.
    Some(if dir == "later" { h } else { h.anaphoric() })
}

/// "year-ago", "year-earlier", "the year-ago quarter/period": the period in
/// view, a year before.
fn year_ago_adjective(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    c.eat("comparable");
    if !c.eat("year") || !c.eat_hyphen() || c.eat_any(&["ago", "earlier"]).is_none() {
        return None;
    }
    // "the year-earlier nine months": a span of the year before, told by its length.
    let mut span = c;
    if let Some(n) = span.eat_with(lexicon::cardinal).filter(|n| *n > 1) {
        if let Some((u @ (Unit::Month | Unit::Week), true)) = span.eat_unit() {
            return Some(Hit::new(span.j, TimexKind::Duration, u.duration(Some(n as f64))));
        }
    }
    // "the year-ago quarter, the second quarter ended Oct. 31": the quarter
    // set beside it says which one.
    let mut q = c;
    if let Some(n) = q.eat_any(&["quarter", "period"]).and_then(|_| super::periods::apposed_quarter(ctx.toks, q.j)) {
        return Some(Hit::date(q.j, last_such_quarter(ctx, n)?.shift(-1, Gran::Year)?).anaphoric());
    }
    // "the year-ago third quarter": that quarter, a year before.
    let mut q = c;
    if let Some(n) = q.eat_with(lexicon::ordinal).filter(|n| (1..=4).contains(n)) {
        q.eat_hyphen();
        if q.eat("quarter") {
            return Some(Hit::date(q.j, last_such_quarter(ctx, n)?.shift(-1, Gran::Year)?).anaphoric());
        }
    }
    // The quarter in view, else the year of the story (the published year).
    let base =
        ctx.reported_quarter_in_view().filter(|_| !ctx.months_span_in_view(i)).or_else(|| ctx.reference.map(|r| r.at(Gran::Year)))?;
    let save = c.j;
    let noun = c.eat_any(&["quarter", "period", "level", "levels", "results", "figure", "figures"]);
    if noun.is_some_and(|n| n != "quarter" && n != "period") {
        c.j = save;
    }
    // "the year-ago quarter" with no quarter in view: the last one finished, a year back.
    let base = match (noun, base.gran) {
        (Some("quarter"), Gran::Year) => ctx.reference?.at(Gran::Quarter).shift(-1, Gran::Quarter)?,
        _ => base,
    };
    Some(Hit::date(c.j, base.shift(-1, Gran::Year)?).anaphoric())
}

/// The last quarter numbered `n` to begin by the published date.
fn last_such_quarter(ctx: &Ctx, n: u32) -> Option<Anchor> {
    let r = ctx.reference?;
    let a = Anchor::quarter(r.date.year(), n)?;
    if a.date > r.date {
        a.shift(-1, Gran::Year)
    } else {
        Some(a)
    }
}

/// now, currently, recently, the past, the future, these days ...
fn vague_refs(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // "the then current price": current as of a past time.
    let mut then = c;
    if then.eat("then") {
        then.eat_hyphen();
        if then.eat("current") {
            return Some(Hit::new(then.j, TimexKind::Date, "PAST_REF"));
        }
    }
    // "will one day be": some time ahead, not a day's length.
    let modal = matches!(c.prev(), "will" | "would" | "could" | "may" | "might" | "can" | "should" | "'ll");
    if modal && c.eat_seq(&["one", "day"]) {
        return Some(Hit::new(c.j, TimexKind::Date, "FUTURE_REF"));
    }
    let term = |c: &mut Cur| ["near", "short", "long"].iter().any(|w| c.eat_seq(&["the", w, "term"])) && !c.eat_hyphen();
    // "at this crucial moment": the present one.
    let this_moment = |c: &mut Cur| {
        let mut m = *c;
        let ok = m.eat("this")
            && (m.eat("moment")
                || (m.tok().is_some_and(|t| t.kind == TokKind::Word && !t.is_capitalized()) && m.eat(m.lower()) && m.eat("moment")));
        if ok {
            *c = m;
        }
        ok
    };
    let v = if this_moment(&mut c)
        || c.eat_seq(&["right", "now"])
        || c.eat_seq(&["for", "now"])
        || c.eat("now")
        || c.eat("currently")
        || c.eat("nowadays")
        || c.eat_seq(&["these", "days"])
        || c.eat_seq(&["at", "present"])
        || c.eat_seq(&["at", "the", "moment"])
    {
        "PRESENT_REF"
    } else if c.eat("recently") || c.eat("lately") {
        "PAST_REF"
    } else if c.eat_seq(&["the", "past"]) || c.eat_seq(&["in", "the", "past"]) {
        // "the past two months" is a duration.
        let mut n = c;
        if n.eat_quantity().is_some() || n.eat_unit().is_some() || matches!(c.lower(), "few" | "several") {
            return None;
        }
        "PAST_REF"
    } else if term(&mut c) {
        // "in the near term": ahead, for an unsaid while.
        "FUTURE_REF"
    } else if c.eat_seq(&["a", "later", "date"]) || c.eat_seq(&["a", "future", "date"]) {
        // "at a later date": some time ahead, left open.
        "FUTURE_REF"
    } else if c.eat_seq(&["the", "future"])
        || c.eat_seq(&["the", "near", "future"])
        || c.eat_seq(&["the", "foreseeable", "future"])
        || c.eat_seq(&["the", "distant", "future"])
    {
        // "the future of the alliance": what becomes of it, not a time.
        if c.lower() == "of" {
            return None;
        }
        "FUTURE_REF"
    } else if c.eat("current") {
        // "current" dates the noun after it ("the current account" excepted).
        if matches!(c.lower(), "account" | "accounts" | "events" | "affairs" | "flowing" | "of" | "." | ",") {
            return None;
        }
        "PRESENT_REF"
    } else if c.eat("recent") {
        let mut n = c;
        if n.eat_unit().is_some() {
            return None;
        }
        "PAST_REF"
    } else {
        return None;
    };
    Some(Hit::new(c.j, TimexKind::Date, v))
}

/// "the year", "the month" as the narrative's period; "that October", "that day".
fn narrative_refs(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if c.eat("that") {
        if let Some(t) = c.tok().filter(|t| t.is_capitalized()) {
            if let Some(m) = lexicon::month(t.lower) {
                c.j += 1;
                let base = ctx.narrative()?;
                return Some(Hit::date(c.j, Anchor::month(base.date.year(), m)?));
            }
        }
        return None;
    }
    if !c.eat("the") {
        return None;
    }
    let before = (c.prev_at(i.saturating_sub(1)), c.prev_at(i));
    // "the end of the year", "the rest of the week": a part of it.
    let part_of = matches!(before, ("end" | "middle" | "rest" | "start" | "beginning", "of"));
    let g = match c.eat_any(&["year", "month", "week"])? {
        "year" => Gran::Year,
        "month" => Gran::Month,
        // "the week" alone is a market report's span; "the end of the week",
        // "later in the week", "the rest of the week" are the story's week.
        _ if part_of || matches!(before, ("later" | "earlier", "in")) => Gran::Week,
        _ => return None,
    };
    // "the year after the war" is another year; "by the end of the year
    // after a weak quarter" is still this one.
    if matches!(c.lower(), "-" | "before" | "after" | "ended" | "ending" | "to" | "earlier" | "ago")
        && !(part_of && matches!(c.lower(), "before" | "after"))
    {
        return None;
    }
    let base = ctx.narrative()?;
    if base.gran > g {
        return None;
    }
    Some(Hit::date(c.j, base.coarsen(g)).anaphoric())
}

/// "Today is the eighth day of the strike", "it's the second day of the
/// offensive": a day counted in something under way, told in the present, is
/// the published day.
fn nth_day_now(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let copula = c.prev();
    c.eat("the");
    let n = c.eat_with(lexicon::ordinal)?;
    if n < 2 || !c.eat("day") || c.lower() != "of" {
        return None;
    }
    let now = matches!(copula, "is" | "it's" | "'s") || (copula == "the" && matches!(c.prev_at(i.saturating_sub(1)), "is" | "it's" | "'s"));
    let r = ctx.reference.filter(|r| r.precision == Gran::Day && now)?;
    Some(Hit::date(c.j, r.at(Gran::Day)))
}

pub const PATTERNS: &[Pattern] = &[
    (deictic_days, 1, THE | TIME | FUNC),
    (deictic_units, 4, FUNC | THE | TIME),
    (the_weekend, 1, THE),
    (fiscal_year, 2, THE),
    (offsets, 4, FUNC | NUM | QTY | TIME),
    (year_ago_adjective, 2, THE | FUNC | TIME),
    (weekday, 2, FUNC | TIME),
    (anaphoric_weekday, 2, THE | FUNC | TIME),
    (vague_refs, 2, FUNC | THE | TIME | QTY),
    (narrative_refs, 1, FUNC | THE),
    (nth_day_now, 1, THE | TIME),
];

#[cfg(test)]
mod tests;
mod weekdays;
