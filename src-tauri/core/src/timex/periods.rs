//! Fiscal and calendar parts of a year: quarters and halves ("the third
//! quarter", "third-quarter", "the fourth quarter of 1990", "last year's
//! second quarter", "the quarter", "the first half of 2002").

use chrono::Datelike;

use super::lexicon;
use super::reference::{Anchor, Gran, Tense};
use super::scan::{Ctx, Cur, Hit};
use super::tokens::TokKind;
use super::TimexKind;

fn eat_year(c: &mut Cur) -> Option<i32> {
    let t = c.tok()?;
    let n = t.num().filter(|n| t.text.len() == 4 && (1000..2100).contains(n))?;
    c.j += 1;
    Some(n as i32)
}

fn quarter(ctx: &Ctx, i: usize) -> Option<Hit> {
    let mut c = Cur::new(ctx.toks, i);
    c.eat_any(&["the", "its", "their", "a", "this", "that"]);
    // A year or a deictic year in front: "the 1988 third quarter", "last year's quarter".
    let mut year: Option<i32> = eat_year(&mut c);
    let mut explicit = year.is_some();
    if year.is_none() {
        let save = c.j;
        if let Some(w) = c.eat_any(&["this", "last", "next"]) {
            if c.eat("year's") {
                let r = ctx.reference?;
                year = Some(r.date.year() + match w { "last" => -1, "next" => 1, _ => 0 });
            } else {
                c.j = save;
            }
        }
    }
    c.eat("fiscal");
    c.eat_hyphen();
    let latest = c.eat_any(&["latest", "current", "last", "previous", "next", "same", "comparable", "recent", "most-recent"]);
    let ord = c.eat_with(lexicon::ordinal).filter(|n| (1..=4).contains(n));
    c.eat_hyphen();
    let (unit, q_of_half) = if c.eat("quarter") || c.eat("quarter's") {
        (Gran::Quarter, ord)
    } else if ord.is_some_and(|n| n <= 2) && (c.eat("half") || c.eat("half's")) {
        (Gran::Year, ord)
    } else {
        return None;
    };
    // "the fourth quarter of 1990"
    let mut y = Cur::new(ctx.toks, c.j);
    if y.eat("of") || y.eat(",") {
        if let Some(v) = eat_year(&mut y) {
            year = Some(v);
            explicit = true;
            c.j = y.j;
        }
    }
    if unit == Gran::Year {
        let n = q_of_half?;
        let y = year.or_else(|| ctx.narrative().map(|a| a.date.year()))?;
        let mut h = Hit::new(c.j, TimexKind::Date, format!("{y:04}-H{n}"));
        h.anchor = Anchor::year(y);
        h.explicit = explicit;
        return Some(h);
    }
    let r = ctx.reference;
    let a = match (q_of_half, year) {
        (Some(q), Some(y)) => Anchor::quarter(y, q)?,
        (Some(q), None) => {
            let base = ctx.anchor.map(|a| a.0).filter(|a| a.gran == Gran::Quarter).map(|a| a.date.year());
            let y = match (base, r) {
                (Some(y), _) => y,
                (None, Some(r)) => {
                    let current = r.at(Gran::Quarter);
                    let cand = Anchor::quarter(r.date.year(), q)?;
                    if cand.date > current.date && ctx.tense(i, c.j) == Tense::Past && ord.is_some() && latest.is_none() {
                        r.date.year() - 1
                    } else {
                        r.date.year()
                    }
                }
                (None, None) => return Some(Hit::new(c.j, TimexKind::Date, format!("XXXX-Q{q}"))),
            };
            Anchor::quarter(y, q)?
        }
        (None, _) => {
            // "the quarter", "the latest quarter": the one in view, else the last finished one.
            if ctx.toks.get(i).is_some_and(|t| t.lower == "a") {
                return None;
            }
            if let Some(a) = ctx.anchor.map(|a| a.0).filter(|a| a.gran == Gran::Quarter) {
                if latest == Some("next") { a.shift(1, Gran::Quarter)? } else { a }
            } else {
                let r = r?;
                let cur = r.at(Gran::Quarter);
                match latest {
                    Some("current") | None if ctx.toks.get(i).is_some_and(|t| t.lower == "this") || latest == Some("current") => cur,
                    Some("next") => cur.shift(1, Gran::Quarter)?,
                    _ => cur.shift(-1, Gran::Quarter)?,
                }
            }
        }
    };
    // A plural "fourth quarters" is a recurrence.
    if c.tok().is_some_and(|t| t.kind == TokKind::Word && t.lower == "s" && !t.space_before) {
        return None;
    }
    let h = Hit::date(c.j, a);
    Some(if explicit { h.explicit() } else { h })
}

pub const PATTERNS: &[fn(&Ctx, usize) -> Option<Hit>] = &[quarter];

#[cfg(test)]
mod tests {
    use crate::timex::tests::values;

    #[test]
    fn quarters_and_halves() {
        assert_eq!(values("Third-quarter profit rose 5%.", "1989-10-26"), ["1989-Q3"]);
        assert_eq!(values("Earnings in the fourth quarter of 1990 will be flat.", "1989-10-26"), ["1990-Q4"]);
        assert_eq!(values("The firm lost money in the quarter.", "1989-10-26"), ["1989-Q3"]);
        assert_eq!(values("Output grew in the first half of 2002.", "2011-09-15"), ["2002-H1"]);
        assert_eq!(values("Last year's second quarter was weak.", "1989-10-26"), ["1988-Q2"]);
    }
}
