//! Vague references built from time nouns: "future quarters" (some time
//! ahead), "at the time" (a past time the story is at).

use super::lexicon::starts::*;
use super::lexicon::Unit;
use super::reference::Tense;
use super::scan::{Ctx, Cur, Hit, Pattern};
use super::tokens::TokKind;
use super::TimexKind;

/// "in future years", "future quarters": some time ahead, of no stated
/// length or start (unlike "the coming weeks", the stretch just ahead).
fn future_units(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if !c.eat("future") {
        return None;
    }
    let (u, plural) = c.eat_unit()?;
    if !plural || matches!(u, Unit::Second | Unit::Minute) {
        return None;
    }
    Some(Hit::new(c.j, TimexKind::Date, "FUTURE_REF"))
}

/// "he said at the time", "saying at the time he was willing": in a past
/// clause, the past time the story is at, left unnamed (`PAST_REF`). Not
/// "at the time of the vote" or "at the time when ...", which the words
/// after it date, nor in the present or future ("at the time the law takes
/// effect").
fn at_the_time(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    if c.prev() != "at" || !c.eat_seq(&["the", "time"]) {
        return None;
    }
    if matches!(c.lower(), "of" | "when" | "that" | "which") || ctx.tense(i, c.j) != Tense::Past {
        return None;
    }
    // "At the time Howes was captured, ...": opening its clause with a
    // clause after it, it is dated by that clause.
    let opens = i < 2 || ctx.toks[i - 2].sentence != ctx.toks[i].sentence || matches!(ctx.toks[i - 2].lower, "," | ";" | ":");
    if opens && c.tok().is_some_and(|t| t.kind == TokKind::Word) {
        return None;
    }
    Some(Hit::new(c.j, TimexKind::Date, "PAST_REF"))
}

pub const PATTERNS: &[Pattern] = &[(future_units, 0, TIME), (at_the_time, 1, THE)];

#[cfg(test)]
mod tests {
    use crate::tests::values;

    #[test]
    fn future_units_are_some_time_ahead() {
        assert_eq!(values("The plant should earn more in future years.", "2011-09-15"), ["FUTURE_REF"]);
        assert_eq!(values("Losses may shrink in future quarters.", "2011-09-15"), ["FUTURE_REF"]);
        assert!(values("The fund will pay future costs.", "2011-09-15").is_empty());
    }

    #[test]
    fn at_the_time_is_a_past_time_left_unnamed() {
        assert_eq!(values("He spoke in May, saying at the time he was leaving.", "2011-09-15"), ["2011-05", "PAST_REF"]);
        assert_eq!(values("Rents were low, he said at the time.", "2011-09-15"), ["PAST_REF"]);
        assert!(values("The town had 40 shops at the time of the flood.", "2011-09-15").is_empty());
        assert!(values("At the time when rents fell, he moved.", "2011-09-15").is_empty());
        assert!(values("At the time Lee was elected, the town had 40 shops.", "2011-09-15").is_empty());
        assert_eq!(values("At the time, the town had 40 shops.", "2011-09-15"), ["PAST_REF"]);
        assert!(values("Rents will be frozen at the time the law takes effect.", "2011-09-15").is_empty());
    }
}
