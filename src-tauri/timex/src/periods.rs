//! Fiscal and calendar parts of a year: quarters and halves ("the third
//! quarter", "third-quarter", "the fourth quarter of 1990", "last year's
//! second quarter", "the quarter", "the first half of 2002").

use chrono::Datelike;

use super::lexicon;
use super::lexicon::starts::*;
use super::reference::{Anchor, Gran, Tense};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;
use super::TimexKind;

fn eat_year(c: &mut Cur) -> Option<i32> {
    let t = c.tok()?;
    let n = t.num().filter(|n| t.text.len() == 4 && (1000..2100).contains(n))?;
    c.j += 1;
    Some(n as i32)
}

/// "last year's", "this year's", "next year's" before a quarter.
fn deictic_year_possessive(ctx: &Ctx, c: &mut Cur) -> Option<i32> {
    let save = c.j;
    let w = c.eat_any(&["this", "last", "next"])?;
    if !c.eat("year's") {
        c.j = save;
        return None;
    }
    let r = ctx.reference?;
    Some(
        r.date.year()
            + match w {
                "last" => -1,
                "next" => 1,
                _ => 0,
            },
    )
}

fn quarter(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // A year or a deictic year in front: "the 1988 third quarter", "last year's quarter".
    let mut year = deictic_year_possessive(ctx, &mut c);
    if year.is_none() {
        c.eat_any(&["the", "its", "their", "a", "this", "that"]);
        year = eat_year(&mut c);
    }
    let mut explicit = year.is_some() && c.prev() != "year's";
    c.eat("fiscal");
    c.eat_hyphen();
    let latest = c.eat_any(&[
        "latest",
        "current",
        "last",
        "previous",
        "prior",
        "next",
        "same",
        "comparable",
        "corresponding",
        "recent",
        "most-recent",
    ]);
    let mut ord = c.eat_with(lexicon::ordinal).filter(|n| (1..=4).contains(n));
    // "the last half of 1989", "the latter half": the second half.
    if ord.is_none()
        && (latest == Some("last") || c.lower() == "latter")
        && ctx.toks.get(c.j + usize::from(c.lower() == "latter")).is_some_and(|t| t.lower == "half")
    {
        c.eat("latter");
        ord = Some(2);
    }
    c.eat_hyphen();
    // "quarter-century", "quarter-to-quarter": a fraction or a comparison, not a quarter.
    let q = c.j;
    let toks = ctx.toks;
    let glued = |k: usize, w: &str| toks.get(k).is_some_and(|t| t.lower == w && !t.space_before);
    if (glued(q + 1, "-") && (glued(q + 2, "century") || glued(q + 2, "to"))) || (q >= 2 && glued(q - 1, "-") && toks[q - 2].lower == "to")
    {
        return None;
    }
    // "Q3", "H1": a quarter or a half written short (capitals only: "q3" is a code).
    // Only with a year after it or a preposition or article before it: "the Audi Q3" is a car.
    let dated = |k: usize| {
        ctx.toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Num)
            || matches!(Cur::new(ctx.toks, k).prev(), "in" | "for" | "during" | "of" | "by" | "since" | "until" | "the" | "its" | "their")
            || ctx.toks.get(k + 1).is_some_and(|t| matches!(t.lower, "results" | "earnings" | "sales" | "profit" | "revenue" | "loss"))
    };
    let short = c.tok().filter(|_| ord.is_none() && dated(c.j)).and_then(|t| short_period(t.text));
    let (unit, q_of_half) = if let Some((g, n)) = short {
        c.j += 1;
        (g, Some(n))
    } else if c.eat("quarter") || c.eat("quarter's") {
        (Gran::Quarter, ord)
    } else if ord.is_some_and(|n| n <= 2) && (c.eat("half") || c.eat("half's")) {
        (Gran::Year, ord)
    } else if ord == Some(1) && c.eat_seq(&["two", "quarters"]) {
        // "the first two quarters of 1990": the first half.
        (Gran::Year, ord)
    } else if ord.is_none() && (year.is_some() || latest.is_some()) && c.eat("period") {
        // "the 1988 period", "the latest period": the quarter being reported.
        (Gran::Quarter, None)
    } else {
        return None;
    };
    // "the fourth quarter of 1990", "Q3 2021"
    let mut y = Cur::new(ctx.toks, c.j);
    let of = y.eat("of");
    // "the first half of next year": a year told from the published one.
    let mut deictic = y;
    if let (true, Some(w), Some(r)) = (of, deictic.eat_any(&["this", "last", "next"]), ctx.reference) {
        if deictic.eat("year") {
            year = Some(
                r.date.year()
                    + match w {
                        "last" => -1,
                        "next" => 1,
                        _ => 0,
                    },
            );
            c.j = deictic.j;
        }
    }
    // "the second half of the year": of the sentence's year, else the published one.
    let mut the_year = y;
    if of && year.is_none() && the_year.eat_seq(&["the", "year"]) {
        year = ctx.same_sentence_year(i).or_else(|| ctx.reference.map(|r| r.date.year()));
        c.j = the_year.j;
    }
    if year.is_none() && (of || y.eat(",") || (short.is_some() && y.tok().is_some_and(|t| t.kind == TokKind::Num))) {
        if let Some(v) = eat_year(&mut y) {
            year = Some(v);
            explicit = true;
            c.j = y.j;
        }
    }
    if unit == Gran::Year {
        let n = q_of_half?;
        // "the first half of the '80s", "of the century": not a year's half.
        if c.lower() == "of" {
            return None;
        }
        let y = match year.or_else(|| ctx.same_sentence_year(i)) {
            Some(y) => y,
            // A half not yet over is last year's when told in the past ("sales
            // fell in the second half", published in February).
            None => {
                let r = ctx.reference?;
                let unfinished = r.precision <= Gran::Month && (n == 2 || r.date.month() <= 6);
                r.date.year() - i32::from(unfinished && latest.is_none() && ctx.tense(i, c.j) == Tense::Past)
            }
        };
        let mut h = Hit::new(c.j, TimexKind::Date, format!("{}-H{n}", super::reference::year_value(y)));
        h.anchor = Anchor::year(y);
        h.explicit = explicit;
        return Some(h);
    }
    // A plural "fourth quarters" is a recurrence.
    if c.tok().is_some_and(|t| t.kind == TokKind::Word && t.lower == "s" && !t.space_before) {
        return None;
    }
    let r = ctx.reference;
    let in_view = ctx.quarter_in_view();
    let a = match (q_of_half, year) {
        (Some(q), Some(y)) => Anchor::quarter(y, q)?,
        (Some(q), None) => {
            let y = match (ctx.same_sentence_year(i), r) {
                (Some(y), _) => y,
                (None, Some(r)) => {
                    // A quarter still ahead this year is last year's when told in the past.
                    let current = r.at(Gran::Quarter);
                    let cand = Anchor::quarter(r.date.year(), q)?;
                    let tense = ctx.tense(i, c.j);
                    if beside_a_year_back(ctx, i) {
                        r.date.year() - 1 - i32::from(cand.date > r.date)
                    } else if cand.date > current.date && tense == Tense::Past && latest.is_none() {
                        r.date.year() - 1
                    } else if current.shift(-1, Gran::Quarter).is_some_and(|last| cand.date < last.date)
                        && tense == Tense::Future
                        && latest.is_none()
                        && matches!(Cur::new(ctx.toks, i).prev(), "in" | "by" | "during" | "until" | "before")
                    {
                        // One over this year, before the one just reported on ("will
                        // report third-quarter results" in October is still this
                        // year's), is next year's when looked forward to.
                        r.date.year() + 1
                    } else {
                        r.date.year()
                    }
                }
                (None, None) => return Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-Q{q}"))),
            };
            Anchor::quarter(y, q)?
        }
        (None, year) => {
            // "the quarter", "the latest quarter": the one in view, else the last finished one.
            // "a quarter", a bare "quarter", "a quarter of the market": not a dated quarter.
            if ctx.toks.get(i).is_some_and(|t| matches!(t.lower, "a" | "quarter" | "quarter's")) || c.lower() == "of" {
                return None;
            }
            let this = ctx.toks.get(i).is_some_and(|t| t.lower == "this");
            // A fiscal quarter already named ("its fiscal first quarter") keeps its own numbering.
            if let Some(a) = quarter_ending(ctx, c.j).filter(|_| year.is_none() && latest.is_none() && !this && in_view.is_none()) {
                return Some(Hit::date(c.j, a));
            }
            // "This quarter's loss" in a story reporting a finished quarter:
            // the results are that quarter's, not those of one barely begun.
            let reported = ctx.reported_quarter_in_view().filter(|a| r.is_some_and(|r| a.date < r.at(Gran::Quarter).date));
            let results_of_this = this && c.prev() == "quarter's" && ctx.tense(i, c.j) != Tense::Future;
            let base = match r {
                Some(r) => {
                    let cur = r.at(Gran::Quarter);
                    match latest {
                        _ if results_of_this && reported.is_some() => reported?,
                        _ if this || latest == Some("current") => cur,
                        Some("next") => in_view.unwrap_or(cur).shift(1, Gran::Quarter)?,
                        Some("previous") | Some("prior") => in_view.unwrap_or(cur).shift(-1, Gran::Quarter)?,
                        Some("last") => cur.shift(-1, Gran::Quarter)?,
                        // "the latest quarter" is one reported, not a forecast.
                        Some("latest" | "recent" | "most-recent") => {
                            ctx.reported_quarter_in_view().unwrap_or(cur.shift(-1, Gran::Quarter)?)
                        }
                        // With another date in view since, the quarter last
                        // reported on within the year is still the one discussed.
                        _ => in_view
                            .or(ctx.reported_quarter.filter(|q| q.date >= cur.shift(-4, Gran::Quarter).map_or(q.date, |b| b.date)))
                            .unwrap_or(cur.shift(-1, Gran::Quarter)?),
                    }
                }
                None => in_view?,
            };
            match year {
                // "the 1988 period" after "the nine months": that span, in that year.
                Some(y) if ctx.months_span_in_view(i) && c.prev() == "period" => Anchor::year(y)?,
                // "the 1988 quarter": the quarter being reported, in that year.
                Some(y) => Anchor::quarter(y, (base.date.month() - 1) / 3 + 1)?,
                None => {
                    // "the quarter a year ago", "the corresponding period last
                    // year": that quarter a year before, compared with.
                    let mut back = c;
                    if back.eat_seq(&["a", "year", "ago"]) || back.eat_seq(&["a", "year", "earlier"]) || back.eat_seq(&["last", "year"]) {
                        return Some(Hit::date(back.j, base.shift(-1, Gran::Year)?).anaphoric());
                    }
                    base
                }
            }
        }
    };
    let h = Hit::date(c.j, a);
    Some(if explicit { h.explicit() } else { h })
}

/// ", the second quarter" at token `k`: the number of a quarter set beside
/// the expression before it.
pub(super) fn apposed_quarter(toks: &[super::tokens::Tok], k: usize) -> Option<u32> {
    let mut c = Cur::new(toks, k);
    if !c.eat_comma() {
        return None;
    }
    c.eat_any(&["the", "its", "their"]);
    c.eat("fiscal");
    let n = c.eat_with(lexicon::ordinal).filter(|n| (1..=4).contains(n))?;
    c.eat_hyphen();
    c.eat("quarter").then_some(n)
}

/// "the year-ago quarter, the second quarter ended Oct. 31": a quarter set
/// beside a comparison a year back is that quarter, the year before.
fn beside_a_year_back(ctx: &Ctx, i: usize) -> bool {
    let toks = ctx.toks;
    let Some(comma) = (i.saturating_sub(4)..i).rev().find(|&k| toks[k].text == ",") else { return false };
    comma >= 4
        && apposed_quarter(toks, comma).is_some()
        && matches!(toks[comma - 1].lower, "quarter" | "period")
        && matches!(toks[comma - 2].lower, "ago" | "earlier")
        && toks[comma - 3].text == "-"
        && toks[comma - 4].lower == "year"
}

/// "the quarter ended July 31": the three months up to that month, named by
/// the calendar quarter holding most of them (the one of the middle month),
/// in the year that puts it before the published date.
fn quarter_ending(ctx: &Ctx, k: usize) -> Option<Anchor> {
    let mut c = Cur::new(ctx.toks, k);
    c.eat_any(&["ended", "ending"])?;
    let m = c.eat_with(lexicon::month)?;
    let r = ctx.reference?;
    let (y, middle) = if m == 1 { (r.date.year() - 1, 12) } else { (r.date.year(), m - 1) };
    let a = Anchor::quarter(y, (middle - 1) / 3 + 1)?;
    Some(if a.date > r.at(Gran::Quarter).date { a.shift(-1, Gran::Year)? } else { a })
}

/// "Q1".."Q4" and "H1", "H2": the part of a year they name.
fn short_period(text: &str) -> Option<(Gran, u32)> {
    let (g, max) = match text.get(..1)? {
        "Q" => (Gran::Quarter, 4),
        "H" => (Gran::Year, 2),
        _ => return None,
    };
    let n: u32 = text.get(1..).filter(|d| d.len() == 1)?.parse().ok()?;
    (1..=max).contains(&n).then_some((g, n))
}

/// "FY2022", "FY22", "FY 2022": a fiscal year, named by the year it ends in.
fn fiscal_year_short(ctx: &Ctx, i: usize) -> Option<Hit> {
    let t = ctx.toks.get(i)?;
    let (digits, end) = match t.text.strip_prefix("FY") {
        Some("") => (ctx.toks.get(i + 1).filter(|n| n.kind == TokKind::Num)?.text, i + 2),
        Some(d) => (d, i + 1),
        None => return None,
    };
    let n: i32 = digits.parse().ok().filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))?;
    let year = match digits.len() {
        4 => n,
        // "FY22": the century of the published date, else this one.
        2 => ctx.reference.map_or(2000, |r| r.date.year() - r.date.year().rem_euclid(100)) + n,
        _ => return None,
    };
    Some(Hit::date(end, Anchor::year(year)?).explicit())
}

/// "by year-end", "since year end", "at year's end": the year, whose end it
/// is (TIMEX3 marks the end with a modifier, not in the value). Looking back
/// ("since year-end", "debt fell at year-end") it is the last year closed.
fn year_end(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // After a preposition only: "year-end figures" is a kind of figures.
    let before = c.prev();
    if !matches!(
        before,
        "by" | "at" | "since" | "around" | "before" | "until" | "through" | "after" | "near" | "toward" | "towards" | "from" | "to"
    ) {
        return None;
    }
    if !(c.eat("year") || c.eat("year's")) {
        return None;
    }
    c.eat_hyphen();
    if !c.eat("end") {
        return None;
    }
    let mut y = c;
    if let Some(year) = eat_year(&mut y) {
        return Some(Hit::date(y.j, Anchor::year(year)?).explicit());
    }
    let r = ctx.reference?;
    let back = before == "since" || ctx.tense(i, c.j) == Tense::Past;
    Some(Hit::date(c.j, r.at(Gran::Year).shift(if back { -1 } else { 0 }, Gran::Year)?))
}

/// "the second and fourth quarters", "the third quarters": quarters named in
/// the plural, one expression per ordinal. With a year they are that year's;
/// without one, and not told in the past or the future, they recur every year
/// ("business is usually slow in the first and third quarters").
fn plural_quarters(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    let q = c.eat_with(lexicon::ordinal).filter(|n| (1..=4).contains(n))?;
    let end_first = c.j;
    // Later ordinals coordinated with this one: "second, third and fourth".
    while c.eat_any(&["and", "or", ","]).is_some() {
        c.eat_with(lexicon::ordinal).filter(|n| (1..=4).contains(n))?;
    }
    if !c.eat("quarters") {
        return None;
    }
    let end = if c.j == end_first + 1 { c.j } else { end_first };
    let mut y = c;
    if y.eat("of") {
        if let Some(year) = eat_year(&mut y) {
            let end = if end == c.j { y.j } else { end };
            return Some(Hit::date(end, Anchor::quarter(year, q)?).explicit());
        }
    }
    let habit = ctx.toks[i.saturating_sub(8)..i].iter().any(|t| {
        t.sentence == ctx.toks[i].sentence
            && matches!(
                t.lower,
                "usually" | "typically" | "normally" | "generally" | "often" | "always" | "traditionally" | "tend" | "tends"
            )
    });
    if habit || matches!(ctx.tense(i, c.j), Tense::Present | Tense::Unknown) {
        return Some(Hit::new(end, TimexKind::Set, format!("XXXX-Q{q}")));
    }
    let year = ctx.same_sentence_year(i).or_else(|| ctx.reference.map(|r| r.date.year()))?;
    Some(Hit::date(end, Anchor::quarter(year, q)?))
}

pub const PATTERNS: &[Pattern] = &[
    (quarter, 3, NUM | TIME | THE | FUNC | QTY | MARK),
    (plural_quarters, 1, THE | TIME),
    (year_end, 0, TIME),
    (fiscal_year_short, 1, TIME | CAP),
];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    #[test]
    fn quarters_and_halves() {
        assert_eq!(values("Third-quarter profit rose 5%.", "1989-10-26"), ["1989-Q3"]);
        assert_eq!(values("Earnings in the fourth quarter of 1990 will be flat.", "1989-10-26"), ["1990-Q4"]);
        assert_eq!(values("The firm lost money in the quarter.", "1989-10-26"), ["1989-Q3"]);
        assert_eq!(values("Output grew in the first half of 2002.", "2011-09-15"), ["2002-H1"]);
        assert_eq!(values("Last year's second quarter was weak.", "1989-10-26"), ["1988-Q2"]);
    }

    #[test]
    fn quarters_without_a_year_follow_the_published_date() {
        // A year named in another sentence does not carry to the quarter.
        assert_eq!(values("The mill opened in 1974. Third-quarter profit rose.", "1989-10-26"), ["1974", "1989-Q3"]);
        assert_eq!(values("The latest quarter was strong.", "1989-10-26"), ["1989-Q3"]);
        assert_eq!(values("Output will grow in the current quarter.", "1989-10-26"), ["1989-Q4"]);
        assert_eq!(values("This year's third quarter was weak.", "1989-11-01"), ["1989-Q3"]);
        // "the 1988 period" is the quarter in view, in 1988.
        assert_eq!(values("Third-quarter sales beat the 1988 period.", "1989-10-26"), ["1989-Q3", "1988-Q3"]);
    }

    #[test]
    fn fractions_and_comparisons_are_not_quarters() {
        assert!(values("Unemployment fell to its quarter-century low.", "1998-02-06").is_empty());
        assert!(values("The quarter-to-quarter comparison improved.", "1989-11-01").is_empty());
    }

    #[test]
    fn year_end_is_the_year_whose_end_it_is() {
        assert_eq!(values("The sale should close by year-end.", "2003-10-10"), ["2003"]);
        assert_eq!(values("Shares are up 12% since year end.", "2003-10-10"), ["2002"]);
        assert_eq!(values("Debt was cut at year's end 2001.", "2003-10-10"), ["2001"]);
        assert!(values("Year-end bonuses were cut.", "2003-10-10").is_empty());
    }

    #[test]
    fn the_last_half_is_the_second_and_a_decade_has_no_year_halves() {
        assert_eq!(values("Earnings will weaken in the last half of 2004.", "2004-03-01"), ["2004-H2"]);
        assert_eq!(values("Growth slowed in the first half of the '80s.", "2004-03-01"), ["198"]);
        assert_eq!(values("Sales should recover in the first two quarters of 2005.", "2004-03-01"), ["2005-H1"]);
    }

    #[test]
    fn a_forecast_quarter_does_not_replace_the_reported_one_in_comparisons() {
        let text =
            "Third-quarter profit rose. The firm expects a weak fourth quarter. Profit in the latest quarter beat the level of a year ago.";
        assert_eq!(values(text, "1989-11-02"), ["1989-Q3", "1989-Q4", "1989-Q3", "1988-Q3"]);
        // The forecast quarter itself stays in view for "the quarter".
        assert_eq!(
            values("The firm expects fourth-quarter sales to fall. In the quarter it will close two plants.", "1989-11-02"),
            ["1989-Q4", "1989-Q4"]
        );
    }

    #[test]
    fn the_closing_day_of_a_quarter_keeps_the_quarter_in_view() {
        let text = "The bank lost money in the quarter ended Sept. 30. In the year-ago quarter it earned $2 million.";
        assert_eq!(values(text, "1989-11-01"), ["1989-Q3", "1989-09-30", "1988-Q3"]);
        // Without a quarter in view the closing day is the story's date.
        let text = "The chain was founded in 1985. For the six months ended Aug. 12, profit fell from a year earlier.";
        assert_eq!(values(text, "1989-11-01"), ["1985", "P6M", "1989-08-12", "1988"]);
    }

    #[test]
    fn an_earlier_quarter_for_contrast_leaves_the_reported_one_in_view() {
        let text = "Third-quarter profit rose. After a weak second quarter, margins recovered. The year-earlier period had a charge.";
        assert_eq!(values(text, "1989-11-01"), ["1989-Q3", "1989-Q2", "1988-Q3"]);
        // Named as the topic, the earlier quarter is in view.
        let text = "Third-quarter profit rose. In the second quarter, margins fell. The year-earlier period had a charge.";
        assert_eq!(values(text, "1989-11-01"), ["1989-Q3", "1989-Q2", "1988-Q2"]);
    }

    #[test]
    fn the_same_quarter_a_year_back_is_a_comparison_not_the_topic() {
        let text = "Sales rose in the third quarter, against a loss in the 1988 period. A year earlier, the unit was sold.";
        assert_eq!(values(text, "1989-11-01"), ["1989-Q3", "1988-Q3", "1988-Q3"]);
    }

    #[test]
    fn a_quarter_ending_on_a_date_is_the_one_holding_most_of_its_months() {
        assert_eq!(values("Sales rose in the quarter ended July 31.", "1995-10-20"), ["1995-Q2", "1995-07-31"]);
        assert_eq!(values("Sales rose in the quarter ended Sept. 30.", "1995-10-20"), ["1995-Q3", "1995-09-30"]);
        assert_eq!(values("Sales rose in the quarter ending Jan. 31.", "1995-03-20"), ["1994-Q4", "1995-01-31"]);
        // After a fiscal quarter is named, "the quarter" is that one.
        let text = "Its fiscal second quarter was weak: sales fell in the quarter ended Sept. 30.";
        assert_eq!(values(text, "1995-10-20"), ["1995-Q2", "1995-Q2", "1995-09-30"]);
    }

    #[test]
    fn quarters_in_the_plural() {
        assert_eq!(values("Orders are usually highest in the second and fourth quarters.", "2013-03-14"), ["XXXX-Q2", "XXXX-Q4"]);
        assert_eq!(values("Sales rose in the first and second quarters of 2012.", "2013-03-14"), ["2012-Q1", "2012-Q2"]);
        assert!(values("Two quarters of the fleet were idle.", "2013-03-14").is_empty());
        // A habit stays one even when reported in the past.
        let text = "The firm said its sales are typically strongest in the third and fourth quarters.";
        assert_eq!(values(text, "2013-03-14"), ["XXXX-Q3", "XXXX-Q4"]);
    }

    #[test]
    fn quarters_halves_and_fiscal_years_written_short() {
        assert_eq!(values("Revenue rose in Q3 2021 after losses in H1.", "2021-11-10"), ["2021-Q3", "2021-H1"]);
        assert!(values("She drove an Audi Q3 to work.", "2021-11-10").is_empty());
        assert_eq!(values("The bank posted Q3 results.", "2021-11-10"), ["2021-Q3"]);
        assert_eq!(values("The merger should close in the first half of next year.", "2021-11-10"), ["2022-H1"]);
        assert_eq!(values("Demand should recover in the second half of the year.", "2021-03-10"), ["2021-H2"]);
        assert_eq!(values("In 2008 exports fell in the latter half of the year.", "2021-03-10"), ["2008", "2008-H2"]);
        assert_eq!(values("Margins should widen in the fourth quarter of the year.", "2021-03-10"), ["2021-Q4"]);
        assert_eq!(values("The chip maker expects a loss in FY2022 and a profit in FY 2023.", "2021-11-10"), ["2022", "2023"]);
        assert!(values("The q3 key and the H9 bus.", "2021-11-10").is_empty());
    }

    #[test]
    fn this_quarters_results_in_a_results_story_are_the_reported_quarter() {
        let text = "The mill lost money in the third quarter ended Sept. 30. This quarter's loss reflects a strike.";
        assert_eq!(values(text, "1995-10-20"), ["1995-Q3", "1995-09-30", "1995-Q3"]);
        // Without a finished quarter in view, or looking ahead, it is the current one.
        assert_eq!(values("This quarter's sales look strong.", "1995-10-20"), ["1995-Q4"]);
        let text = "The mill lost money in the third quarter. This quarter's loss will be smaller.";
        assert_eq!(values(text, "1995-10-20"), ["1995-Q3", "1995-Q4"]);
    }

    #[test]
    fn the_quarter_after_another_date_is_the_one_last_reported() {
        let text = "The firm earned $2 million in its fiscal first quarter. Earlier this month, it said it expected to break even for the quarter.";
        assert_eq!(values(text, "1995-10-20"), ["1995-Q1", "1995-10", "1995-Q1"]);
        // A quarter reported more than a year back is no longer discussed.
        let text =
            "The firm lost money in the second quarter of 1993. Earlier this month, it said it expected to break even for the quarter.";
        assert_eq!(values(text, "1995-10-20"), ["1993-Q2", "1995-10", "1995-Q3"]);
    }

    #[test]
    fn a_quarter_already_over_looked_forward_to_is_next_years() {
        assert_eq!(values("The merger is expected to close in the second quarter.", "2004-10-20"), ["2005-Q2"]);
        // Results of a past quarter, or the quarter just reported on, stay this year's.
        assert_eq!(values("Second-quarter results will be restated.", "2004-10-20"), ["2004-Q2"]);
        assert_eq!(values("The firm will report earnings for the third quarter.", "2004-10-20"), ["2004-Q3"]);
    }

    #[test]
    fn a_half_not_yet_over_told_in_the_past_is_last_years() {
        assert_eq!(values("Orders fell in the second half.", "2011-02-10"), ["2010-H2"]);
        assert_eq!(values("Orders fell in the first half.", "2011-02-10"), ["2010-H1"]);
        // Over by then, or still ahead: this year's.
        assert_eq!(values("Orders fell in the first half.", "2011-10-10"), ["2011-H1"]);
        assert_eq!(values("Orders will fall in the second half.", "2011-02-10"), ["2011-H2"]);
    }

    #[test]
    fn the_quarter_a_year_ago_is_one_expression() {
        let text = "Third-quarter profit rose. In the quarter a year ago, the mill lost money, as in the corresponding period last year.";
        assert_eq!(values(text, "1989-11-02"), ["1989-Q3", "1988-Q3", "1988-Q3"]);
    }
}
