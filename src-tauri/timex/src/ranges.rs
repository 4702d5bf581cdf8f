//! Ranges whose first date leaves out what the second says: "6-7 January
//! 1916" (the 6th is of January 1916 too), "the 28 and 29 August", "April
//! and June 1955", "summer and autumn 1918".

use chrono::Datelike;

use super::lexicon;
use super::lexicon::starts::*;
use super::reference::{Anchor, Gran};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;

/// A word or dash that joins the two ends of a range at token `k`; the token after it.
fn link(ctx: &Ctx, k: usize) -> Option<usize> {
    let mut c = Cur::new(ctx.toks, k);
    let joined = c.eat_hyphen() || c.eat("-") || c.eat("–") || c.eat_any(&["and", "to", "through", "until", "till", "or"]).is_some();
    joined.then_some(c.j)
}

/// The year of the date that ends a range after token `k` ("- 4 August
/// 1952", "and June 1955"): a month, a day or a season written with its year.
pub fn ahead_range_year(ctx: &Ctx, k: usize) -> Option<i32> {
    let next = link(ctx, k)?;
    let h = super::best_hit(ctx, next)?;
    let a = h.anchor.filter(|a| h.explicit && a.gran < Gran::Year)?;
    Some(a.date.year())
}

/// A day of the month written as a number ("6", "13th").
fn day_number(ctx: &Ctx, k: usize) -> Option<u32> {
    let t = ctx.toks.get(k)?;
    let d = match t.kind {
        TokKind::Num if t.text.len() <= 2 => t.num()?,
        TokKind::Num => lexicon::day_ordinal(t.lower)?,
        _ => return None,
    };
    (1..=31).contains(&d).then_some(d)
}

/// "6-7 January 1916", "the 28 and 29 August", "the 13th to the 19th of
/// October 1950": the first day of a range of days, in the month (and
/// year) of the second.
fn day_range_start(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat("the");
    let d = day_number(ctx, c.j)?;
    let after = c.j + 1;
    let second = link(ctx, after)?;
    let mut s = Cur::new(ctx.toks, second);
    s.eat("the");
    let d2 = day_number(ctx, s.j).filter(|d2| *d2 > d)?;
    let h = super::best_hit(ctx, s.j).filter(|h| h.kind == super::TimexKind::Date)?;
    let a = h.anchor.filter(|a| a.gran == Gran::Day && a.date.day() == d2)?;
    let hit = Hit::date(after, Anchor::day(a.date.year(), a.date.month(), d)?);
    Some(if h.explicit { hit.explicit() } else { hit })
}

pub const PATTERNS: &[Pattern] = &[(day_range_start, 1, NUM | THE)];

#[cfg(test)]
mod tests {
    fn narrative(text: &str) -> Vec<(String, String)> {
        crate::tag(text, None).into_iter().map(|t| (t.text, t.value)).collect()
    }

    fn pairs(want: &[(&str, &str)]) -> Vec<(String, String)> {
        want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn the_first_day_of_a_range_takes_the_month_and_year_of_the_second() {
        assert_eq!(narrative("The fair ran on 6-7 January 1916."), pairs(&[("6", "1916-01-06"), ("7 January 1916", "1916-01-07")]));
        assert_eq!(
            narrative("In August 1918 the line broke on the 28 and 29 August."),
            pairs(&[("August 1918", "1918-08"), ("the 28", "1918-08-28"), ("29 August", "1918-08-29")])
        );
        assert_eq!(
            narrative("The vote moved from the 13th to the 19th of October 1950."),
            pairs(&[("the 13th", "1950-10-13"), ("the 19th of October 1950", "1950-10-19")])
        );
        // Counting down, or with no month after, it is no range of days.
        assert_eq!(narrative("Scores of 7-6 were common in May 1916.").len(), 1);
    }

    #[test]
    fn the_first_month_or_season_of_a_range_takes_the_year_of_the_second() {
        let got = narrative("The truce held from July-November 1954, and the raids of April and June 1955 broke it.");
        assert_eq!(got, pairs(&[("July", "1954-07"), ("November 1954", "1954-11"), ("April", "1955-04"), ("June 1955", "1955-06")]));
        assert_eq!(narrative("The siege lasted from 26 June - 4 August 1952.")[0], ("26 June".to_string(), "1952-06-26".to_string()));
    }

    #[test]
    fn of_that_year_is_the_narratives_year() {
        let got =
            narrative("The war stalled in 1940. In August of that year a new front opened, and in May of the following year another.");
        assert_eq!(got, pairs(&[("1940", "1940"), ("August of that year", "1940-08"), ("May of the following year", "1941-05")]));
    }

    #[test]
    fn the_twenty_ninth_of_february_is_in_a_leap_year() {
        assert_eq!(narrative("The talks began in 2007. The troops withdrew on February 29.")[1].1, "2008-02-29");
    }
}
