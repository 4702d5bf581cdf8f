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

/// The era of a year: before the common era, or in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Era {
    Before,
    Common,
}

impl Era {
    /// The astronomical year of year `n` of this era: 1 BC is year 0.
    pub(super) fn year(self, n: u32) -> i32 {
        match self {
            Era::Before => 1 - n as i32,
            Era::Common => n as i32,
        }
    }
}

/// An era marker: "BC", "BCE", "B.C.", "B.C.E.", "AD", "A.D.", "CE", "C.E."
/// (capitals only: "ad" and "ce" are words or abbreviations of other things).
pub(super) fn eat_era(c: &mut Cur) -> Option<Era> {
    let t = c.tok()?;
    if t.kind != TokKind::Word {
        return None;
    }
    let era = |w: &str| match w {
        "BC" | "BCE" => Some(Era::Before),
        "AD" | "CE" => Some(Era::Common),
        _ => None,
    };
    if let Some(e) = era(t.text) {
        c.j += 1;
        return Some(e);
    }
    // Dotted, as single capitals between glued periods: "B.C.", "A.D.", "B.C.E.".
    let save = c.j;
    let (mut letters, mut n) = ([0u8; 3], 0);
    while let Some(t) = c.tok().filter(|t| t.kind == TokKind::Word && t.text.len() == 1 && t.is_capitalized()) {
        if n == letters.len() || (n > 0 && t.space_before) {
            break;
        }
        letters[n] = t.text.as_bytes()[0];
        n += 1;
        c.j += 1;
        if !c.eat_dot() {
            break;
        }
    }
    match std::str::from_utf8(&letters[..n]).ok().and_then(era) {
        Some(e) if n >= 2 => Some(e),
        _ => {
            c.j = save;
            None
        }
    }
}

/// A number that can be a year of an era (1 to 9999, "10,000" too before it).
fn era_number(c: &Cur) -> Option<u32> {
    let t = c.tok()?;
    if t.kind != TokKind::Num || t.text.len() > 6 {
        return None;
    }
    let mut n: u32 = 0;
    for b in t.text.bytes().filter(|b| *b != b',') {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(b - b'0');
    }
    (1..=20000).contains(&n).then_some(n)
}

/// A year with its era: "499 BC", "146 B.C.", "AD 79", "1066 CE"; the
/// astronomical year (499 BC is -498).
pub(super) fn eat_era_year(c: &mut Cur) -> Option<i32> {
    let save = c.j;
    // "AD 79": the marker of the common era may come first.
    if let Some(Era::Common) = eat_era(c) {
        if let Some(n) = era_number(c).filter(|n| *n < 10000) {
            c.j += 1;
            return Some(n as i32);
        }
    }
    c.j = save;
    let n = era_number(c)?;
    c.j += 1;
    match eat_era(c) {
        Some(e) => Some(e.year(n)),
        None => {
            c.j = save;
            None
        }
    }
}

/// A four-digit year, a year with its era ("499 BC", "AD 79"), or one
/// spelled out ("nineteen ninety-six").
pub(super) fn eat_year(c: &mut Cur) -> Option<i32> {
    if let Some(y) = eat_era_year(c) {
        return Some(y);
    }
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
