//! Words that point back at a time just named: "until then", "by then",
//! "this year as last".

use super::lexicon::starts::*;
use super::lexicon::Unit;
use super::reference::Gran;
use super::relative::gran_of;
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;

/// "until then", "by then": the time of the date just named (in the same
/// or the previous sentence). "since then" opens a span up to now instead.
pub(super) fn until_then(ctx: &Ctx, i: usize) -> Option<Hit> {
    let c = Cur::new(ctx.toks, i);
    if c.lower() != "then" || !matches!(c.prev(), "until" | "till" | "by") {
        return None;
    }
    let s = ctx.toks[i].sentence;
    let (a, _, _) = ctx.anchor.filter(|(_, sent, _)| s <= sent + 1)?;
    Some(Hit::date(i + 1, a).anaphoric())
}

/// "twice as high this year as last": "last" alone after a comparison with
/// "this year" (or month, week, quarter) in the same sentence is the one before.
pub(super) fn elliptic_last(ctx: &Ctx, i: usize) -> Option<Hit> {
    let c = Cur::new(ctx.toks, i);
    if c.lower() != "last" || !matches!(c.prev(), "as" | "than") {
        return None;
    }
    if ctx.toks.get(i + 1).is_some_and(|t| t.kind != TokKind::Punct && t.sentence == ctx.toks[i].sentence) {
        return None;
    }
    let s = ctx.toks[i].sentence;
    let g = (1..i)
        .rev()
        .take_while(|&k| ctx.toks[k].sentence == s)
        .filter(|&k| ctx.toks[k - 1].lower == "this")
        .find_map(|k| Unit::parse(ctx.toks[k].lower))
        .and_then(gran_of)
        .filter(|g| matches!(g, Gran::Year | Gran::Quarter | Gran::Month | Gran::Week))?;
    let a = ctx.reference?.at(g).shift(-1, g)?;
    Some(Hit::date(i + 1, a).anaphoric())
}

/// "It was a great day for the town": a day called so is the story's day,
/// when the story is at a day ("Voters chose a mayor on Friday ...").
pub(super) fn it_was_a_day(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    // The words before, over an opening quote ("it was \"a great day\"").
    let mut before = ctx.toks[..i].iter().rev().skip_while(|t| matches!(t.text, "\"" | "``" | "“" | "'" | "‘")).map(|t| t.lower);
    let be = (before.next(), before.next());
    if !matches!(be, (Some("was" | "is"), Some("it" | "this")) | (Some("it's"), _)) || c.eat_any(&["a", "an"]).is_none() {
        return None;
    }
    let t = c.tok()?;
    if t.kind != TokKind::Word || t.lower.ends_with("ly") || !c.eat(t.lower) || !c.eat("day") {
        return None;
    }
    let a = ctx.narrative().filter(|a| a.gran == Gran::Day)?;
    Some(Hit::date(c.j, a).anaphoric())
}

pub(super) const PATTERNS: &[Pattern] = &[(until_then, 0, TIME), (elliptic_last, 0, TIME), (it_was_a_day, 2, QTY)];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    #[test]
    fn until_then_is_the_date_just_named() {
        assert_eq!(values("The offer expires on March 3. Until then, the price holds.", "2004-02-20"), ["2004-03-03", "2004-03-03"]);
        assert_eq!(values("The bridge reopens in 2009, and by then the toll will double.", "2006-05-02"), ["2009", "2009"]);
        // "since then" is a span up to now; with no date just named, "then" is no time.
        assert_eq!(values("The club was founded in 1921. Since then it has moved twice.", "2006-05-02"), ["1921"]);
        assert!(values("He agreed, but until then nobody had asked.", "2006-05-02").is_empty());
    }

    #[test]
    fn a_bare_last_after_a_comparison_is_the_unit_before() {
        assert_eq!(values("Rainfall was twice as heavy this year as last.", "2004-02-20"), ["2004", "2003"]);
        assert_eq!(values("We sold more this month than last, said the owner.", "2004-02-20"), ["2004-02", "2004-01"]);
        // Not a time: "last" before a noun, or with no unit to compare.
        assert!(values("He came in as last runner.", "2004-02-20").is_empty());
        assert!(values("She finished first and he finished last.", "2004-02-20").is_empty());
    }

    #[test]
    fn a_day_called_great_is_the_storys_day() {
        // 2004-02-20 was a Friday.
        assert_eq!(
            values("The bridge opened on Wednesday. It was a proud day for the valley.", "2004-02-20"),
            ["2004-02-18", "2004-02-18"]
        );
        assert_eq!(
            values("On Tuesday the port reopened, and the mayor said it was \"a historic day\" for the town.", "2004-02-20"),
            ["2004-02-17", "2004-02-17"]
        );
        // Not with the story at a year, nor a day that is not called so.
        assert_eq!(values("The bridge opened in 1990. It was a proud day for the valley.", "2004-02-20"), ["1990"]);
        assert_eq!(values("The bridge opened on Wednesday. It was a day of rain.", "2004-02-20"), ["2004-02-18"]);
    }
}
