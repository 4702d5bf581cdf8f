//! Lengths of time ("ten years", "the past two months", "a two-year term",
//! "recent weeks") and recurrences ("every week", "daily", "each Friday").

use super::lexicon::{self, Unit};
use super::scan::{Ctx, Cur, Hit};
use super::tokens::TokKind;
use super::TimexKind;

/// Words before a bare "a year"/"a week" that make it a length of time.
fn introduces_length(w: &str) -> bool {
    matches!(w, "for" | "within" | "about" | "nearly" | "almost" | "than" | "least" | "over" | "after" | "lasted" | "lasting" | "spent" | "took" | "only" | "just" | "barely" | "roughly" | "some" | "by")
}

/// [the] [past|last|next|first|coming] N unit(s) [and a half]; "two-year"; "recent weeks".
fn duration(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    let the = c.eat("the") || c.eat_any(&["its", "their", "his", "her"]).is_some();
    let lead = c.eat_any(&["past", "last", "next", "first", "coming", "previous", "final", "recent", "following", "initial", "same"]);
    // "in the early years": the years at the start of something.
    let early = the && lead.is_none() && c.eat("early");
    // "the next couple of years" is two, like "a couple of years".
    let mut couple = false;
    if lead.is_some() && c.eat_any(&["few", "several", "many", "couple"]) == Some("couple") {
        c.eat("of");
        couple = true;
    }
    let before_qty = c.j;
    let qty = if couple { Some(Some(2.0)) } else { c.eat_quantity() };
    // "two more weeks", "an additional year": the length added.
    if qty.is_some() {
        c.eat_any(&["more", "additional", "extra"]);
        // "eight trading days", "ten business days": days of a kind.
        if matches!(c.toks.get(c.j + 1).map(|t| t.lower.as_str()), Some("day" | "days")) {
            c.eat_any(&["trading", "business", "working"]);
        }
    }
    let glued = c.eat_hyphen();
    let (u, plural) = c.eat_unit()?;
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
        let fraction = glued && plural || (c.lower() == "of" && qty != Some(None)) || c.eat_hyphen();
        if qty.is_none() || fraction {
            return None;
        }
    }
    let n = match qty {
        Some(q) => {
            // "a year" alone is a date or a rate more often than a length: want a cue.
            let word = ctx.toks[before_qty].lower.as_str();
            // "a $119-a-year plan": a price per year.
            if matches!(word, "a" | "an") && glued {
                return None;
            }
            if matches!(word, "a" | "an" | "one") && !the && lead.is_none() && !glued {
                let before = Cur::new(ctx.toks, i).prev();
                // "as long as a month": a length.
                let as_long_as = i >= 3 && ctx.toks[i - 3..i].iter().map(|t| t.lower.as_str()).eq(["as", "long", "as"]);
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
            let years_gone_by = the && matches!(u, Unit::Year | Unit::Decade) && matches!(before, "over" | "in" | "during" | "through")
                && c.tok().is_none_or(|t| t.kind != TokKind::Num);
            // "in the weeks ahead": an unsaid stretch to come.
            let ahead = the && c.lower() == "ahead";
            if !plural || !(lead.is_some() || years_gone_by || ahead || matches!(before, "for" | "within" | "over" | "in") && !the) {
                return None;
            }
            None
        }
    };
    // "three years ago/later" is a date: the offset pattern takes it.
    if matches!(c.lower(), "ago" | "earlier" | "later" | "back") {
        return None;
    }
    // "and a half"
    let mut n = n;
    let save = c.j;
    if c.eat_seq(&["and", "a", "half"]) {
        n = n.map(|v| v + 0.5);
    } else {
        c.j = save;
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
    if the && n.is_none() && c.lower() == "ahead" {
        c.j += 1;
    }
    Some(Hit::new(c.j, TimexKind::Duration, u.duration(n)))
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
    if c.lower() == "that" && !matches!(ctx.toks.get(c.j + 1).map(|t| t.lower.as_str()), Some("ended" | "ends")) {
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

/// every week, each year, every other day, every Friday, daily, weekly, twice a year.
fn recurrences(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // "quarterly" mostly qualifies reports and dividends, not a rate of events.
    if let Some(w) = c.eat_any(&["daily", "nightly", "weekly", "monthly", "yearly", "annually", "hourly", "biweekly"]) {
        // "a daily newspaper" is still daily; "weekly" as a noun ("the weekly") is not a rate.
        if Cur::new(ctx.toks, i).prev() == "the" {
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
        if let Some(m) = c.tok().filter(|t| t.is_capitalized()).and_then(|t| lexicon::month(&t.lower)).filter(|_| c.tok().is_some_and(|t| t.lower.len() > 3)) {
            return Some(Hit::new(c.j + 1, TimexKind::Set, format!("XXXX-{m:02}")));
        }
        let save = c.j;
        let n = match c.eat_quantity() {
            Some(Some(v)) => v,
            _ => {
                c.j = save;
                1.0
            }
        };
        let (u, _) = c.eat_unit()?;
        let n = if other { 2.0 } else { n };
        return Some(Hit::new(c.j, TimexKind::Set, u.duration(Some(n))));
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
        if let Some(wd) = lexicon::weekday_plural(&t.lower) {
            return Some(Hit::new(c.j + 1, TimexKind::Set, format!("XXXX-WXX-{wd}")));
        }
    }
    None
}

/// "Tuesday nights" (and the first day of "Monday and Tuesday nights"): a
/// weekday with a plural part of the day recurs every week.
pub(super) fn weekday_nights(ctx: &Ctx, i: usize) -> Option<Hit> {
    let toks = ctx.toks;
    let day_at = |k: usize| toks.get(k).filter(|t| t.is_capitalized()).and_then(|t| lexicon::weekday(&t.lower));
    let plural_part = |k: usize| toks.get(k).and_then(|t| t.lower.strip_suffix('s')).and_then(lexicon::day_part);
    let wd = day_at(i)?;
    let (part, end) = match plural_part(i + 1) {
        Some(p) => (p, i + 2),
        // The first of two coordinated days takes the part of the second.
        None if toks.get(i + 1).is_some_and(|t| matches!(t.lower.as_str(), "and" | "or")) && day_at(i + 2).is_some() => (plural_part(i + 3)?, i + 1),
        None => return None,
    };
    Some(Hit::new(end, TimexKind::Set, format!("XXXX-WXX-{wd}{part}")))
}

pub const PATTERNS: &[fn(&Ctx, usize) -> Option<Hit>] = &[duration, reporting_year, period_lengths, recurrences];

#[cfg(test)]
mod tests {
    use crate::timex::tests::values;

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
        assert_eq!(values("The index fell for eight trading days.", "2011-09-15"), ["P8D"]);
        assert_eq!(values("It made money after several quarters of losses.", "2011-09-15"), ["PXQ"]);
        assert_eq!(values("The trial lasted 2.5 years.", "2011-09-15"), ["P2Y6M"]);
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
        assert!(values("More than a quarter of the market left.", "2011-09-15").is_empty());
    }

    #[test]
    fn adjectival_lengths_span_without_their_article() {
        let d = chrono::NaiveDate::from_ymd_opt(2011, 9, 15);
        let t = crate::timex::tag("Voters judged the 10-year campaign.", d);
        assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("10-year", "P10Y"));
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
        assert!(values("Shares rose 2 1/2 to 37.", "2011-09-15").is_empty());
        assert_eq!(values("The day-long meeting ended in a vote.", "2011-09-15"), ["P1D"]);
        assert_eq!(values("It ended a decades-long feud.", "2011-09-15"), ["PXDE"]);
        assert_eq!(values("It was the steepest fall in a decade.", "2011-09-15"), ["P10Y"]);
        assert_eq!(values("It was the worst flood in a century.", "2011-09-15"), ["P100Y"]);
    }

    #[test]
    fn a_single_unit_between_two_events_is_a_length() {
        assert_eq!(values("The shrine was rebuilt one year after the flood.", "2011-09-15"), ["P1Y"]);
        assert_eq!(values("A week before the vote, polls were even.", "2011-09-15"), ["P1W"]);
        assert!(values("It costs $5 a month before tax.", "2011-09-15").is_empty());
        assert_eq!(values("The appeal could take as long as a month.", "2011-09-15"), ["P1M"]);
        assert_eq!(values("The launch slipped by one day.", "2011-09-15"), ["P1D"]);
    }

    #[test]
    fn speeds_are_not_recurrences() {
        assert!(values("The chip runs 15 million instructions per second.", "2011-09-15").is_empty());
        assert!(values("Trucks may not exceed 50 miles per hour.", "2011-09-15").is_empty());
    }
}
