//! Small parsing pieces shared by several pattern modules (the calendar,
//! seasons and holidays all read a year the same way). Kept below them so
//! that no pattern module has to import another.

use super::lexicon;
use super::scan::Cur;
use super::tokens::TokKind;

pub(super) fn plausible_year(n: u32) -> bool {
    (1000..=2099).contains(&n)
}

/// Tens and units in words: "ninety-four", "eighty", "seven".
fn eat_below_hundred(c: &mut Cur) -> Option<i32> {
    let save = c.j;
    let n = c.eat_with(lexicon::cardinal).filter(|n| (1..100).contains(n))? as i32;
    if n >= 20 && n % 10 == 0 {
        let before_unit = c.j;
        c.eat_hyphen();
        match c.eat_with(lexicon::cardinal).filter(|u| (1..10).contains(u)) {
            Some(u) => return Some(n + u as i32),
            None => c.j = before_unit,
        }
    }
    if matches!(ctx_word(c, save), "a" | "an" | "one") {
        c.j = save;
        return None;
    }
    Some(n)
}

fn ctx_word<'a>(c: &Cur<'a>, k: usize) -> &'a str {
    c.toks.get(k).map(|t| t.lower).unwrap_or("")
}

/// A year in words, as spoken in broadcasts: "nineteen ninety-four",
/// "two thousand", "two thousand and one".
fn eat_spelled_year(c: &mut Cur) -> Option<i32> {
    let save = c.j;
    if c.eat_seq(&["two", "thousand"]) {
        let after = c.j;
        c.eat("and");
        match eat_below_hundred(c) {
            Some(n) => return Some(2000 + n),
            None => {
                c.j = after;
                return Some(2000);
            }
        }
    }
    let century = c.eat_with(lexicon::cardinal).filter(|n| (10..=20).contains(n))? as i32;
    match eat_below_hundred(c).filter(|n| *n >= 10) {
        Some(n) => Some(century * 100 + n),
        None => {
            c.j = save;
            None
        }
    }
}

/// A four-digit year, or one spelled out ("nineteen ninety-six").
pub(super) fn eat_year(c: &mut Cur) -> Option<i32> {
    if c.tok()?.kind == TokKind::Word {
        return eat_spelled_year(c);
    }
    let t = c.tok()?;
    if t.kind == TokKind::Num && t.text.len() == 4 {
        let n = t.num()?;
        if plausible_year(n) {
            c.j += 1;
            return Some(n as i32);
        }
    }
    None
}
