//! A day of the month told by its ordinal alone: "voting ends on the 20th",
//! "by the 3rd": a day of the month in view.

use chrono::Datelike;

use super::lexicon;
use super::lexicon::starts::*;
use super::reference::{Anchor, Gran, Tense};
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;

/// "on the 20th": after a preposition, and with no noun after it ("the 20th
/// floor", "the 20th anniversary" are not days). The month is the story's
/// when it is at a month or a day, else the published one, moved by the tense
/// when the day would fall on the wrong side of the published date.
fn ordinal_day(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !matches!(c.prev(), "on" | "by" | "until" | "till" | "since" | "before" | "after") || !c.eat("the") {
        return None;
    }
    let t = c.tok().filter(|t| t.kind == TokKind::Num || t.kind == TokKind::Word)?;
    let d = lexicon::day_ordinal(t.lower)?;
    c.j += 1;
    // "the 20th floor" names a floor; "the 20th was quiet", "on the 20th and
    // 21st" are days (a function word or a verb after it).
    if c.tok().is_some_and(|n| (n.kind != TokKind::Punct || n.text == "-") && !lexicon::follows_a_time(n.lower)) {
        return None;
    }
    let story = ctx.anchor.map(|a| a.0).filter(|a| a.gran <= Gran::Month);
    let a = match (story, ctx.reference) {
        (Some(a), _) => Anchor::day(a.date.year(), a.date.month(), d)?,
        (None, Some(r)) => {
            let day = Anchor::day(r.date.year(), r.date.month(), d)?;
            match ctx.tense(i, c.j) {
                Tense::Past if day.date > r.date => day.shift(-1, Gran::Month)?,
                Tense::Future if day.date < r.date => day.shift(1, Gran::Month)?,
                _ => day,
            }
        }
        (None, None) => return None,
    };
    Some(Hit::date(c.j, a))
}

pub const PATTERNS: &[Pattern] = &[(ordinal_day, 1, THE)];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    #[test]
    fn a_day_told_by_its_ordinal_is_in_the_month_in_view() {
        assert_eq!(values("Voting ends on the 20th.", "2013-03-14"), ["2013-03-20"]);
        assert_eq!(values("The strike began on the 20th, officials said.", "2013-03-14"), ["2013-02-20"]);
        assert_eq!(values("Talks opened in May 2010 and broke down on the 12th.", "2013-03-14"), ["2010-05", "2010-05-12"]);
    }

    #[test]
    fn ordinals_before_a_noun_are_not_days() {
        assert!(values("The fire started on the 20th floor.", "2013-03-14").is_empty());
        assert!(values("Crowds gathered on the 20th anniversary.", "2013-03-14").is_empty());
        assert!(values("The fire started on the 20th floor and spread.", "2013-03-14").is_empty());
    }

    #[test]
    fn a_day_told_by_its_ordinal_may_open_a_clause() {
        let narrative = |t: &str| crate::tag(t, None).into_iter().map(|x| x.value).collect::<Vec<_>>();
        assert_eq!(narrative("The assault began in September 1917. The attack on the 20th was a success."), ["1917-09", "1917-09-20"]);
    }
}
