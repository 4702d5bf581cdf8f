//! Years of an era and ranges of years: "499-493 BC" and "from 218 to 201
//! BC" (the first year takes the era written after the second), "the rest
//! of 496 and 495 BC", and the short end of "1915-17". Each year of a range
//! is its own expression; `link_ranges` joins them afterwards.

use super::lexicon::starts::*;
use super::parts::{eat_era_year, plausible_year, Era};
use super::reference::Anchor;
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;

/// A bare number, 1 to 9999, that may be a year of an era.
fn bare_number(ctx: &Ctx, k: usize) -> Option<u32> {
    let t = ctx.toks.get(k)?;
    t.num().filter(|n| (1..10000).contains(n) && t.text.len() <= 4)
}

/// "499-493 BC", "from 499 to 493 BC", "496 and 495 BC", "AD 14-37": a
/// number whose era is written after the next year of the range. Before the
/// common era a range counts down, in it up.
fn era_range_start(ctx: &Ctx, i: usize) -> Option<Hit> {
    let n = bare_number(ctx, i)?;
    let mut c = Cur::new(ctx.toks, i + 1);
    let dash = c.eat_hyphen() || c.eat("–");
    if !dash && c.eat_any(&["to", "and", "or", "through", "until", "till"]).is_none() {
        return None;
    }
    let m = bare_number(ctx, c.j)?;
    let y2 = eat_era_year(&mut c)?;
    let era = if y2 <= 0 { Era::Before } else { Era::Common };
    // "AD 14-37" took its era before the first year: that is `year_alone`'s.
    let in_order = match era {
        Era::Before => n > m,
        Era::Common => n < m,
    };
    if !in_order {
        return None;
    }
    Some(Hit::date(i + 1, Anchor::year(era.year(n))?).explicit())
}

/// "1915-17", "1990-94": the end of a range of years written with its
/// last two digits, in the century of the start.
fn year_range_end(ctx: &Ctx, i: usize) -> Option<Hit> {
    let toks = ctx.toks;
    let t = toks.get(i)?;
    if i < 2 || t.kind != TokKind::Num || t.text.len() != 2 || t.space_before {
        return None;
    }
    let dash = &toks[i - 1];
    if !matches!(dash.text, "-" | "–") || dash.space_before {
        return None;
    }
    let start = toks[i - 2].num().filter(|y| toks[i - 2].text.len() == 4 && plausible_year(*y))? as i32;
    let y = start - start % 100 + t.num()? as i32;
    // "1998-99" but not "2001-03-11" (a date) nor "1999-05" written as a month.
    if y <= start || toks.get(i + 1).is_some_and(|n| matches!(n.text, "-" | "/") && !n.space_before) {
        return None;
    }
    Some(Hit::date(i + 1, Anchor::year(y)?).explicit())
}

pub const PATTERNS: &[Pattern] = &[(era_range_start, 0, NUM), (year_range_end, 0, NUM)];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    fn narrative(text: &str) -> Vec<(String, String)> {
        crate::tag(text, None).into_iter().map(|t| (t.text, t.value)).collect()
    }

    #[test]
    fn years_before_the_common_era_are_astronomical() {
        assert_eq!(values("The fort fell in 499 BC and again in 146 B.C.", "2011-09-15"), ["-0498", "-0145"]);
        assert_eq!(values("The town was founded in 753 BCE.", "2011-09-15"), ["-0752"]);
        assert_eq!(values("The tower was finished in AD 79.", "2011-09-15"), ["0079"]);
        assert_eq!(values("The tower was finished in 1066 CE.", "2011-09-15"), ["1066"]);
        // 1 BC is year zero.
        assert_eq!(values("The coin dates from 1 BC.", "2011-09-15"), ["0000"]);
    }

    #[test]
    fn a_range_before_the_common_era_takes_its_era_from_its_end() {
        let got = narrative("The revolt lasted from 499 to 493 BC. The truce held 449-431 BC.");
        let want = [("499", "-0498"), ("493 BC", "-0492"), ("449", "-0448"), ("431 BC", "-0430")];
        assert_eq!(got, want.map(|(a, b)| (a.to_string(), b.to_string())));
        let got = narrative("A stalemate marked the rest of 496 and 495 BC.");
        assert_eq!(got[0], ("the rest of 496".to_string(), "-0495".to_string()));
        // Counting up, it is no range before the common era.
        assert_eq!(narrative("He bought 12 to 20 BC coins.").len(), 1);
    }

    #[test]
    fn a_range_of_years_is_two_expressions_linked() {
        let t = crate::tag("The siege lasted from 1915-17, and the drought 1990-1994.", None);
        let got: Vec<(&str, &str, Option<&str>)> = t.iter().map(|x| (x.text.as_str(), x.value.as_str(), x.value_end.as_deref())).collect();
        assert_eq!(got, [("1915", "1915", Some("1917")), ("17", "1917", None), ("1990", "1990", Some("1994")), ("1994", "1994", None)]);
        // A date written with hyphens is no range.
        assert_eq!(values("The pact was signed on 2001-03-11.", "2011-09-15"), ["2001-03-11"]);
    }

    #[test]
    fn decades_and_centuries_before_the_common_era() {
        assert_eq!(values("The walls were rebuilt in the 470s BC.", "2011-09-15"), ["-047"]);
        assert_eq!(values("The temple dates from the 5th century BC.", "2011-09-15"), ["-04"]);
        assert_eq!(values("The port grew in the 300s BC.", "2011-09-15"), ["-03"]);
    }
}
