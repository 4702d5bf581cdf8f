//! Lengths of time ("ten years", "the past two months", "a two-year term",
//! "recent weeks") and recurrences ("every week", "daily", "each Friday").

use super::lexicon::starts::*;
use super::lexicon::{self, Unit};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::{Tok, TokKind};
use super::TimexKind;

/// Words before a bare "a year"/"a week" that make it a length of time:
/// prepositions and verbs of length, "of" ("the end of a week that saw"),
/// and an object pronoun ("gave them a week to answer"; a rate follows a
/// quantity instead, "700 seats a week").
fn introduces_length(w: &str) -> bool {
    matches!(
        w,
        "of" | "him"
            | "her"
            | "them"
            | "us"
            | "me"
            | "for"
            | "within"
            | "about"
            | "nearly"
            | "almost"
            | "than"
            | "least"
            | "over"
            | "after"
            | "lasted"
            | "lasting"
            | "spent"
            | "took"
            | "only"
            | "just"
            | "barely"
            | "roughly"
            | "some"
            | "by"
    )
}

/// Words after a length that make it an offset dated by the offset pattern
/// ("three years ago", "two days later").
fn dates_an_offset(w: &str) -> bool {
    matches!(w, "ago" | "earlier" | "later" | "back")
}

/// "of [base] pay", "of annual salary" at token `k`: what a length before it
/// measures is money.
fn pay_measured(ctx: &Ctx, k: usize) -> bool {
    let words: Vec<&str> = ctx.toks.iter().skip(k).take(4).map(|t| t.lower).collect();
    words.first() == Some(&"of")
        && words[1..]
            .iter()
            .take(3)
            .any(|w| matches!(*w, "pay" | "salary" | "salaries" | "wage" | "wages" | "rent" | "severance" | "compensation"))
}

/// [the] [past|last|next|first|coming] N unit(s) [and a half]; "two-year"; "recent weeks".
fn duration(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let the = c.eat("the") || c.eat_any(&["its", "their", "his", "her"]).is_some();
    let lead = c.eat_any(&[
        "past",
        "last",
        "next",
        "first",
        "coming",
        "previous",
        "final",
        "recent",
        "following",
        "initial",
        "same",
        // "the intervening years", "the ensuing months": a stretch between two times.
        "intervening",
        "ensuing",
        "subsequent",
    ]);
    // "in past years", "in previous years": earlier times, not the stretch
    // up to now that "the past two years" measures.
    if !the && !lexicon::determiner(Cur::new(ctx.toks, i).prev()) && matches!(lead, Some("past" | "previous")) {
        let mut u = c;
        if u.eat_unit().is_some_and(|(u, plural)| plural && !matches!(u, Unit::Second | Unit::Minute | Unit::Hour)) {
            return Some(Hit::new(u.j, TimexKind::Date, "PAST_REF"));
        }
    }
    // "in the early years": the years at the start of something.
    let early = the && lead.is_none() && c.eat("early");
    // "the next couple of years" is two, like "a couple of years".
    let mut couple = false;
    if lead.is_some() && c.eat("couple") {
        c.eat("of");
        couple = true;
    }
    let before_qty = c.j;
    let qty = if couple { Some(Some(2.0)) } else { c.eat_quantity() };
    let mut half_before_unit = false;
    // "two more weeks", "an additional year": the length added; "18
    // straight months", "six long years", "a full day": the same length.
    if qty.is_some() {
        c.eat_any(&["more", "additional", "extra", "straight", "consecutive", "successive", "long", "full", "whole"]);
        // "two and a half years"
        if !matches!(ctx.toks[before_qty].lower, "a" | "an") && c.eat_seq(&["and", "a", "half"]) {
            half_before_unit = true;
        }
        // "eight trading days", "ten business days": days of a kind.
        if matches!(c.toks.get(c.j + 1).map(|t| t.lower), Some("day" | "days")) {
            c.eat_any(&["trading", "business", "working"]);
        }
    }
    let glued = c.eat_hyphen();
    let (u, plural) = c.eat_unit()?;
    // "for a second straight month", "a second time": an ordinal, not a second's length.
    if matches!(u, Unit::Second)
        && !plural
        && c.tok().is_some_and(|t| {
            t.kind == TokKind::Word && !matches!(t.lower, "and" | "or" | "before" | "after" | "later" | "earlier" | "ago" | "longer")
        })
    {
        return None;
    }
    if early && (qty.is_some() || !plural) {
        return None;
    }
    // "day-long", "decades-long": an adjective of length.
    let mut long = c;
    let adjective = long.eat_hyphen() && long.eat("long");
    if adjective && qty.is_none() {
        return Some(Hit::new(long.j, TimexKind::Duration, u.duration(if plural { None } else { Some(1.0) })));
    }
    if matches!(u, Unit::Quarter) {
        // "three-quarters of its food", "a quarter of the market", "quarter-century": fractions.
        // "several quarters of losses" counts quarters: a vague number is no fraction.
        // "a quarter century" is 25 years, not a quarter of a year.
        let fraction = glued && plural || (c.lower() == "of" && qty != Some(None)) || c.eat_hyphen() || c.lower() == "century";
        if qty.is_none() || fraction {
            return None;
        }
    }
    let n = match qty {
        Some(q) => {
            // "a year" alone is a date or a rate more often than a length: want a cue.
            let word = ctx.toks[before_qty].lower;
            // "a $119-a-year plan": a price per year.
            if matches!(word, "a" | "an") && glued {
                return None;
            }
            // "a day-care center", "a week-long drama": the unit opens a
            // compound word (the "-long" adjective is tagged on its own).
            let mut compound_word = c;
            if matches!(word, "a" | "an") && !plural && compound_word.eat_hyphen() {
                return None;
            }
            if matches!(word, "a" | "an" | "one") && !the && lead.is_none() && !glued {
                let before = Cur::new(ctx.toks, i).prev();
                // "as long as a month": a length.
                let as_long_as = i >= 3 && ctx.toks[i - 3..i].iter().map(|t| t.lower).eq(["as", "long", "as"]);
                // "one year after the crash": the length between two events
                // ("$5 a month before tax" is a rate).
                let rate = i > 0 && (ctx.toks[i - 1].kind == TokKind::Num || ctx.toks[i - 1].lower == "times");
                // "the first time in a decade": a span that long up to now.
                let in_decades = before == "in" && matches!(u, Unit::Decade | Unit::Century);
                if !introduces_length(before) && !as_long_as && !in_decades && (rate || !matches!(c.lower(), "after" | "before")) {
                    return None;
                }
            }
            q
        }
        None => {
            // Bare plural units: only after a cue ("for years", "recent weeks", "the past few days").
            let before = Cur::new(ctx.toks, i).prev();
            // "over the years", "in the years that followed": years gone by, of
            // unknown number ("in the years 1990 to 1994" names years; "in the
            // weeks before the vote" is dated by the vote, not a length).
            let years_gone_by = the
                && matches!(u, Unit::Year | Unit::Decade)
                && matches!(before, "over" | "in" | "during" | "through")
                && c.tok().is_none_or(|t| t.kind != TokKind::Num);
            // "in the weeks ahead": an unsaid stretch to come.
            // "in the months to come" likewise.
            let to_come = c.lower() == "to" && c.toks.get(c.j + 1).is_some_and(|t| t.lower == "come");
            let ahead = the && (c.lower() == "ahead" || to_come);
            if !plural
                || !(lead.is_some()
                    || years_gone_by
                    || ahead
                    || matches!(before, "for" | "within" | "over" | "in" | "take" | "takes" | "took" | "taking" | "lasted" | "spent")
                        && !the)
            {
                return None;
            }
            None
        }
    };
    // "three years ago/later" is a date: the offset pattern takes it.
    if dates_an_offset(c.lower()) {
        return None;
    }
    // "and a half"
    let mut n = n;
    let save = c.j;
    if half_before_unit || c.eat_seq(&["and", "a", "half"]) {
        n = n.map(|v| v + 0.5);
    } else {
        c.j = save;
    }
    // "a bonus equal to six months of base pay": an amount of money
    // measured in time, not a time.
    if pay_measured(ctx, c.j) {
        return None;
    }
    // "24 hours a day", "seven days a week", "two hours per day": how much
    // of each period, a rate like "$5 a month", not the length of an event.
    let mut per = c;
    if per.eat_any(&["a", "per"]).is_some() && per.eat_unit().is_some_and(|(_, plural)| !plural) && !dates_an_offset(per.lower()) {
        return None;
    }
    // "a 10-year-old", "52 years old": ages, not spans.
    let mut look = c;
    if (look.eat_hyphen() && look.eat("old")) || (!glued && c.lower() == "old") {
        return None;
    }
    // "the 10-year fight": the adjective alone is the expression, not its
    // noun phrase's article (the next token's match takes it).
    if glued && the && lead.is_none() {
        return None;
    }
    // "the weeks ahead", "the months to come": the span takes the word of direction.
    if the && n.is_none() {
        let _ = c.eat("ahead") || c.eat_seq(&["to", "come"]);
    }
    // "two hours and 15 minutes", "2 hours 30 minutes": one length.
    if let Some((end, value)) = n.filter(|v| v.fract() == 0.0 && !glued).and_then(|v| compound(ctx, c.j, u, v as i64)) {
        return Some(Hit::new(end, TimexKind::Duration, value));
    }
    Some(Hit::new(c.j, TimexKind::Duration, u.duration(n)))
}

/// The finer part of a length in two units at token `k` ("[and] 15
/// minutes" after "two hours"): the end and the value of the whole.
fn compound(ctx: &Ctx, k: usize, u: Unit, v: i64) -> Option<(usize, String)> {
    let mut c = Cur::new(ctx.toks, k);
    c.eat("and");
    let Some(Some(m)) = c.eat_quantity() else { return None };
    if m.fract() != 0.0 || matches!(ctx.toks[c.j - 1].lower, "a" | "an") {
        return None;
    }
    let (fine, _) = c.eat_unit()?;
    // "three years and two months ago": the offset pattern dates its end;
    // "five years and six months old" is an age.
    if dates_an_offset(c.lower()) || c.lower() == "old" {
        return None;
    }
    let m = m as i64;
    let value = match (u, fine) {
        (Unit::Year, Unit::Month) => format!("P{v}Y{m}M"),
        (Unit::Day, Unit::Hour) => format!("P{v}DT{m}H"),
        (Unit::Hour, Unit::Minute) => format!("PT{v}H{m}M"),
        (Unit::Minute, Unit::Second) => format!("PT{v}M{m}S"),
        _ => return None,
    };
    Some((c.j, value))
}

/// "half an hour", "half a century": half of one unit.
fn half_unit(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.eat("half") || c.eat_any(&["a", "an"]).is_none() {
        return None;
    }
    let (u, plural) = c.eat_unit()?;
    if plural || matches!(u, Unit::Week | Unit::Month | Unit::Quarter) || c.eat_hyphen() {
        return None;
    }
    Some(Hit::new(c.j, TimexKind::Duration, u.duration(Some(0.5))))
}

/// "two to three weeks", "between two and six days": the first number of a
/// range of lengths shares the unit of the second and is a length of its
/// own ("two" = `P2D`; the second is tagged as usual). After "the next" or
/// "the past" the range bounds a single stretch whose length is not known:
/// "the next 12 to 18 months" is one expression, `PXM`.
fn range_start(ctx: &Ctx, i: usize) -> Option<Hit> {
    const LEADS: [&str; 8] = ["next", "past", "last", "coming", "first", "previous", "recent", "following"];
    let mut c = Cur::new(ctx.toks, i);
    let before = c.prev();
    if LEADS.contains(&before) {
        return None;
    }
    let stretch = c.eat("the") && c.eat_any(&LEADS).is_some();
    if !stretch {
        c.j = i;
    }
    let Some(Some(n)) = c.eat_quantity() else { return None };
    let end = c.j;
    if !(c.eat("to") || before == "between" && c.eat("and")) {
        return None;
    }
    let Some(Some(m)) = c.eat_quantity() else { return None };
    if m <= n || ctx.toks[i].lower == "a" {
        return None;
    }
    c.eat_any(&["more", "additional", "extra"]);
    let (u, plural) = c.eat_unit()?;
    // "six to eight years old", "aged six to eight years": ages; "10 to 15
    // years ago", "two to three hours later": offsets, dated by the second.
    if !plural
        || matches!(before, "aged" | "ages")
        || c.lower() == "old"
        || dates_an_offset(c.lower())
        || (c.eat_hyphen() && c.lower() == "old")
    {
        return None;
    }
    if stretch {
        return Some(Hit::new(c.j, TimexKind::Duration, u.duration(None)));
    }
    Some(Hit::new(end, TimexKind::Duration, u.duration(Some(n))))
}

/// "for a while", "for some time", "for a fairly lengthy period": a length
/// of time left unsaid (`PXX`). Only after "for", which makes it a length
/// ("at a time when", "a long time ago" are not).
fn vague_length(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if c.prev() != "for" {
        return None;
    }
    if !(c.eat_seq(&["a", "while"]) || c.eat_seq(&["some", "time"])) {
        if !c.eat("a") {
            return None;
        }
        c.eat_any(&["very", "fairly", "rather", "quite", "relatively"]);
        c.eat_any(&["long", "lengthy", "short", "brief", "extended", "prolonged"])?;
        c.eat_any(&["while", "time", "period", "stretch", "spell"])?;
    }
    if matches!(c.lower(), "ago" | "before" | "after" | "later" | "earlier") {
        return None;
    }
    Some(Hit::new(c.j, TimexKind::Duration, "PXX"))
}

/// "the year ended Sept. 30", "the fiscal year ending in June": a reporting
/// year is a length of a year, whichever year it is.
fn reporting_year(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.eat("the") {
        return None;
    }
    c.eat("fiscal");
    if !c.eat("year") || !matches!(c.lower(), "ended" | "ending" | "ends" | "that") {
        return None;
    }
    if c.lower() == "that" && !matches!(ctx.toks.get(c.j + 1).map(|t| t.lower), Some("ended" | "ends")) {
        return None;
    }
    Some(Hit::new(c.j, TimexKind::Duration, "P1Y"))
}

/// "the nine months", "the first half", "the latest nine months".
fn period_lengths(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.eat("the") {
        return None;
    }
    c.eat_any(&["first", "latest"]);
    let n = c.eat_with(lexicon::cardinal)?;
    if n < 2 {
        return None;
    }
    if !c.eat("months") {
        return None;
    }
    Some(Hit::new(c.j, TimexKind::Duration, format!("P{n}M")))
}

/// A number just before token `i`, with at most one noun after it ("8.5%",
/// "$2 million", "10,000 units", "5 million shares"); "three times" counts
/// occurrences, so "three times weekly" stays a recurrence.
fn after_quantity(toks: &[Tok], i: usize) -> bool {
    let mut nouns = 0;
    for t in toks[..i].iter().rev().take(4) {
        match t.kind {
            TokKind::Num => return true,
            _ if matches!(t.lower, "%" | "percent" | "thousand" | "million" | "billion" | "trillion") => {}
            TokKind::Word if nouns == 0 && !matches!(t.lower, "times" | "a" | "an" | "the") && !t.is_capitalized() => nouns += 1,
            _ => return false,
        }
    }
    false
}

/// every week, each year, every other day, every Friday, daily, weekly, twice a year.
fn recurrences(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // "quarterly" mostly qualifies reports and dividends, not a rate of events.
    if let Some(w) = c.eat_any(&["daily", "nightly", "weekly", "monthly", "yearly", "annually", "hourly", "biweekly"]) {
        // "a daily newspaper" is still daily; "weekly" as a noun ("the weekly") is not a rate.
        if Cur::new(ctx.toks, i).prev() == "the" {
            return None;
        }
        // "10,000 units annually", "rose 8% annually": a rate of a quantity,
        // like "8% a year" (no expression), not a recurring event.
        if after_quantity(ctx.toks, i) {
            return None;
        }
        let v = match w {
            "daily" => "P1D",
            "nightly" => "P1D",
            "weekly" => "P1W",
            "biweekly" => "P2W",
            "monthly" => "P1M",
            "hourly" => "PT1H",
            _ => "P1Y",
        };
        return Some(Hit::new(c.j, TimexKind::Set, v));
    }
    if let Some(w) = c.eat_any(&["every", "each", "per"]) {
        // "instructions per second", "miles per hour": a speed, not a recurrence.
        if w == "per" && matches!(Unit::parse(c.lower()), Some(Unit::Second | Unit::Minute | Unit::Hour)) {
            return None;
        }
        let other = c.eat("other");
        if let Some(wd) = c.eat_with(lexicon::weekday) {
            return Some(Hit::new(c.j, TimexKind::Set, format!("XXXX-WXX-{wd}")));
        }
        // "each July": that month of every year.
        if let Some(m) = c
            .tok()
            .filter(|t| t.is_capitalized())
            .and_then(|t| lexicon::month(t.lower))
            .filter(|_| c.tok().is_some_and(|t| t.lower.len() > 3))
        {
            return Some(Hit::new(c.j + 1, TimexKind::Set, format!("XXXX-{m:02}")));
        }
        // "every spring": that season of every year.
        if let Some(code) = lexicon::season(c.lower()) {
            return Some(Hit::new(c.j + 1, TimexKind::Set, format!("XXXX-{code}")));
        }
        let save = c.j;
        // "every few years": a recurrence of unknown period (`PXY`).
        let n = match c.eat_quantity() {
            Some(Some(v)) => Some(v),
            Some(None) => None,
            _ => {
                c.j = save;
                Some(1.0)
            }
        };
        let (u, _) = c.eat_unit()?;
        let n = if other { Some(2.0) } else { n };
        return Some(Hit::new(c.j, TimexKind::Set, u.duration(n)));
    }
    if c.eat_any(&["once", "twice"]).is_some() && c.eat_any(&["a", "per"]).is_some() {
        let (u, _) = c.eat_unit()?;
        return Some(Hit::new(c.j, TimexKind::Set, u.duration(Some(1.0))));
    }
    // "Tuesday nights", "Monday and Tuesday nights": that part of every such day.
    if let Some(h) = weekday_nights(ctx, i) {
        return Some(h);
    }
    // "on Fridays", "Sundays"
    let t = c.tok()?;
    if t.is_capitalized() {
        if let Some(wd) = lexicon::weekday_plural(t.lower) {
            return Some(Hit::new(c.j + 1, TimexKind::Set, format!("XXXX-WXX-{wd}")));
        }
    }
    None
}

/// "Tuesday nights" (and the first day of "Monday and Tuesday nights"): a
/// weekday with a plural part of the day recurs every week.
pub(super) fn weekday_nights(ctx: &Ctx, i: usize) -> Option<Hit> {
    let toks = ctx.toks;
    let day_at = |k: usize| toks.get(k).filter(|t| t.is_capitalized()).and_then(|t| lexicon::weekday(t.lower));
    let plural_part = |k: usize| toks.get(k).and_then(|t| t.lower.strip_suffix('s')).and_then(lexicon::day_part);
    let wd = day_at(i)?;
    let (part, end) = match plural_part(i + 1) {
        Some(p) => (p, i + 2),
        // The first of two coordinated days takes the part of the second.
        None if toks.get(i + 1).is_some_and(|t| matches!(t.lower, "and" | "or")) && day_at(i + 2).is_some() => (plural_part(i + 3)?, i + 1),
        None => return None,
    };
    Some(Hit::new(end, TimexKind::Set, format!("XXXX-WXX-{wd}{part}")))
}

pub const PATTERNS: &[Pattern] = &[
    (duration, 4, FUNC | THE | QTY | NUM | TIME | MARK),
    (range_start, 5, THE | QTY | NUM),
    (half_unit, 0, TIME),
    (vague_length, 3, QTY | FUNC),
    (reporting_year, 1, THE),
    (period_lengths, 3, THE),
    (recurrences, 4, TIME | FUNC),
];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    #[test]
    fn lengths_of_time() {
        assert_eq!(values("The siege lasted ten years.", "2011-09-15"), ["P10Y"]);
        assert_eq!(values("Sales rose over the past two months.", "2011-09-15"), ["P2M"]);
        assert_eq!(values("He won a two-year term.", "2011-09-15"), ["P2Y"]);
        assert_eq!(values("The talks took 36 hours.", "2011-09-15"), ["PT36H"]);
        assert_eq!(values("They waited for years.", "2011-09-15"), ["PXY"]);
        assert_eq!(values("Shares fell in recent weeks.", "2011-09-15"), ["PXW"]);
        assert_eq!(values("Rates may climb over the next couple of years.", "2011-09-15"), ["P2Y"]);
        assert_eq!(values("Rates may climb over the next few years.", "2011-09-15"), ["PXY"]);
        assert_eq!(values("Over the years the town grew, as it did in the early years.", "2011-09-15"), ["PXY", "PXY"]);
        assert!(values("Crops failed in the weeks before the flood.", "2011-09-15").is_empty());
        assert_eq!(values("Rents rose in the years 1990 and 1991.", "2011-09-15"), ["1990", "1991"]);
        assert_eq!(values("Banks may merge in the months ahead.", "2011-09-15"), ["PXM"]);
        assert_eq!(values("Banks may merge in the months to come.", "2011-09-15"), ["PXM"]);
        assert_eq!(values("The index fell for eight trading days.", "2011-09-15"), ["P8D"]);
        assert_eq!(values("It made money after several quarters of losses.", "2011-09-15"), ["PXQ"]);
        assert_eq!(values("The trial lasted 2.5 years.", "2011-09-15"), ["P2Y6M"]);
        assert_eq!(values("In the intervening years the town grew.", "2011-09-15"), ["PXY"]);
        assert_eq!(values("The ensuing months were quiet.", "2011-09-15"), ["PXM"]);
    }

    #[test]
    fn hundreds_and_adjectives_of_lengths() {
        assert_eq!(values("The feud lasted three hundred years.", "2011-09-15"), ["P300Y"]);
        let d = chrono::NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = crate::tag("The war went on for a hundred years.", d);
        assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("a hundred years", "P100Y"));
        assert_eq!(values("Rents rose for 18 straight months.", "2011-09-15"), ["P18M"]);
        assert_eq!(values("It took six long years and three full days.", "2011-09-15"), ["P6Y", "P3D"]);
        assert!(values("Prices rose for a second straight month.", "2011-09-15").is_empty());
        assert_eq!(values("Wait for a second, please.", "2011-09-15"), ["PT1S"]);
    }

    #[test]
    fn halves_and_lengths_in_two_units() {
        assert_eq!(values("Half an hour later, the rain stopped.", "2011-09-15"), ["PT30M"]);
        assert_eq!(values("The storm lasted half a day.", "2011-09-15"), ["PT12H"]);
        assert_eq!(values("The lease ran for half a century.", "2011-09-15"), ["P50Y"]);
        assert_eq!(values("The race lasted two hours and 15 minutes.", "2011-09-15"), ["PT2H15M"]);
        assert_eq!(values("The flight takes 2 hours 30 minutes.", "2011-09-15"), ["PT2H30M"]);
        assert_eq!(values("The siege lasted three years and four months.", "2011-09-15"), ["P3Y4M"]);
        assert_eq!(values("The trial could take months.", "2011-09-15"), ["PXM"]);
        assert!(values("The record stood for a quarter century.", "2011-09-15").is_empty());
    }

    #[test]
    fn ages_and_rates_are_not_lengths() {
        assert!(values("A 10-year-old boy sang.", "2011-09-15").is_empty());
        assert!(values("It costs $5 a month to join.", "2011-09-15").is_empty());
        assert!(values("She pays for a $119-a-year delivery plan.", "2011-09-15").is_empty());
        assert!(values("It was caught by a century-old boat.", "2011-09-15").is_empty());
        assert!(values("I check it a few times a day before lunch.", "2011-09-15").is_empty());
        assert!(values("Mr. Lane, 52 years old, will retire.", "2011-09-15").is_empty());
        assert!(values("The town imports three-quarters of its grain.", "2011-09-15").is_empty());
        assert!(values("Staff who leave get a bonus equal to six months of base pay.", "2011-09-15").is_empty());
        assert!(values("The clinic is guarded 24 hours a day, seven days a week.", "2011-09-15").is_empty());
        assert_eq!(values("The strike lasted three days a decade ago.", "2011-09-15"), ["P3D", "2001"]);
        assert_eq!(values("The strike cost them two weeks of work.", "2011-09-15"), ["P2W"]);
        assert!(values("More than a quarter of the market left.", "2011-09-15").is_empty());
    }

    #[test]
    fn adjectival_lengths_span_without_their_article() {
        let d = chrono::NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = crate::tag("Voters judged the 10-year campaign.", d);
        assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("10-year", "P10Y"));
    }

    #[test]
    fn a_vague_count_after_the_past_keeps_its_article() {
        let d = chrono::NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = crate::tag("Sales fell over the past several quarters.", d);
        assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("the past several quarters", "PXQ"));
    }

    #[test]
    fn each_month_is_a_set() {
        assert_eq!(values("The fair returns each July.", "1998-03-22"), ["XXXX-07"]);
    }

    #[test]
    fn recurrences() {
        assert_eq!(values("The paper is printed daily.", "2011-09-15"), ["P1D"]);
        assert_eq!(values("We meet every week.", "2011-09-15"), ["P1W"]);
        assert_eq!(values("The market opens every Friday.", "2011-09-15"), ["XXXX-WXX-5"]);
        assert_eq!(values("Elections are held twice a year.", "2011-09-15"), ["P1Y"]);
        assert_eq!(values("The board meets every few years.", "2011-09-15"), ["PXY"]);
        assert_eq!(values("The geese return every spring.", "2011-09-15"), ["XXXX-SP"]);
        assert_eq!(values("The club meets on Tuesday nights.", "2011-09-15"), ["XXXX-WXX-2TNI"]);
        assert_eq!(values("Buses run on Friday and Saturday evenings.", "2011-09-15"), ["XXXX-WXX-5TEV", "XXXX-WXX-6TEV"]);
    }

    #[test]
    fn added_lengths_halves_and_length_adjectives() {
        assert_eq!(values("The base stays open for at least 20 more years.", "2011-09-15"), ["P20Y"]);
        assert_eq!(values("The lease may run for an additional year.", "2011-09-15"), ["P1Y"]);
        assert_eq!(values("They lived in camps for 2 1/2 years.", "2011-09-15"), ["P2Y6M"]);
        assert_eq!(values("The crossing took 5 1/2 hours.", "2011-09-15"), ["PT5H30M"]);
        assert_eq!(values("The call lasted a minute and a half.", "2011-09-15"), ["PT1M30S"]);
        assert_eq!(values("The plan runs for two and a half years.", "2011-09-15"), ["P2Y6M"]);
        assert_eq!(values("The talk lasted one and a half hours.", "2011-09-15"), ["PT1H30M"]);
        assert!(values("Shares rose 2 1/2 to 37.", "2011-09-15").is_empty());
        assert_eq!(values("The day-long meeting ended in a vote.", "2011-09-15"), ["P1D"]);
        assert_eq!(values("It ended a decades-long feud.", "2011-09-15"), ["PXDE"]);
        assert_eq!(values("It was the steepest fall in a decade.", "2011-09-15"), ["P10Y"]);
        assert_eq!(values("It was the worst flood in a century.", "2011-09-15"), ["P100Y"]);
    }

    #[test]
    fn the_first_number_of_a_range_of_lengths_is_a_length() {
        assert_eq!(values("The repair takes two to four weeks.", "2011-09-15"), ["P2W", "P4W"]);
        assert_eq!(values("Patients wait between 3 and 5 days.", "2011-09-15"), ["P3D", "P5D"]);
        assert_eq!(values("Prices may rise over the next 6 to 9 months.", "2011-09-15"), ["PXM"]);
        assert!(values("The twins are six to eight years old.", "2011-09-15").is_empty());
        assert_eq!(values("The dam broke 10 to 15 years ago.", "2011-09-15"), ["1996"]);
        assert!(values("Shares rose 2 to 3 percent.", "2011-09-15").is_empty());
    }

    #[test]
    fn unsaid_lengths_after_for() {
        assert_eq!(values("The road will stay shut for a while.", "2011-09-15"), ["PXX"]);
        assert_eq!(values("Prices may stay high for some time.", "2011-09-15"), ["PXX"]);
        assert_eq!(values("The ship stayed in port for a rather lengthy period.", "2011-09-15"), ["PXX"]);
        assert!(values("It began at a time when rents were low.", "2011-09-15").is_empty());
    }

    #[test]
    fn past_years_without_the_are_earlier_times() {
        assert_eq!(values("Floods were worse in past years.", "2011-09-15"), ["PAST_REF"]);
        assert_eq!(values("Floods were worse in previous decades.", "2011-09-15"), ["PAST_REF"]);
        assert_eq!(values("Floods were worse over the past years.", "2011-09-15"), ["PXY"]);
        assert_eq!(values("Floods grew over the past two years.", "2011-09-15"), ["P2Y"]);
        assert_eq!(values("Sales fell over the past several quarters.", "2011-09-15"), ["PXQ"]);
    }

    #[test]
    fn a_single_unit_between_two_events_is_a_length() {
        assert_eq!(values("The shrine was rebuilt one year after the flood.", "2011-09-15"), ["P1Y"]);
        assert_eq!(values("A week before the vote, polls were even.", "2011-09-15"), ["P1W"]);
        assert!(values("It costs $5 a month before tax.", "2011-09-15").is_empty());
        assert_eq!(values("The appeal could take as long as a month.", "2011-09-15"), ["P1M"]);
        assert_eq!(values("The launch slipped by one day.", "2011-09-15"), ["P1D"]);
        assert_eq!(values("The judge gave them a week to answer.", "2011-09-15"), ["P1W"]);
        assert_eq!(values("It was the end of a month that saw prices fall.", "2011-09-15"), ["P1M"]);
        assert!(values("The line adds 700 seats a week.", "2011-09-15").is_empty());
        assert!(values("She runs the kitchen of a day-care center.", "2011-09-15").is_empty());
    }

    #[test]
    fn a_rate_after_a_quantity_is_not_a_recurrence() {
        // Like "8% a year" and "$5 a month", which are no expressions either.
        assert!(values("Our orchard should yield 4,000 crates annually.", "2011-09-15").is_empty());
        assert_eq!(values("Rents are expected to climb 3.5% annually until 2015.", "2011-09-15"), ["2015"]);
        assert!(values("The ferry carries 2 million passengers yearly.", "2011-09-15").is_empty());
        assert!(values("The bakery sells 300 loaves daily.", "2011-09-15").is_empty());
        // Events that recur, and counts of occurrences, stay sets.
        assert_eq!(values("The village fair is held annually.", "2011-09-15"), ["P1Y"]);
        assert_eq!(values("The committee gathers three times weekly.", "2011-09-15"), ["P1W"]);
        assert_eq!(values("Since 2004 the race has been run annually.", "2011-09-15"), ["2004", "P1Y"]);
    }

    #[test]
    fn speeds_are_not_recurrences() {
        assert!(values("The chip runs 15 million instructions per second.", "2011-09-15").is_empty());
        assert!(values("Trucks may not exceed 50 miles per hour.", "2011-09-15").is_empty());
    }
}
