//! Dates as pages print them near a headline ("Updated: 3 May 2021, 10:27",
//! "6 de mayo de 2022", "04.05.2021", "Sept. 11, 2001"), for articles whose
//! markup carries no date. Month names come from the word lists' `[months]`.

use super::clutter_words::lexicon;
use crate::PartialDate;

/// The first date written in `text` as a calendar date (day, month and year;
/// or month and year).
pub fn find_date(text: &str) -> Option<PartialDate> {
    let lower = text.to_lowercase();
    let tokens = tokenize(&lower);
    (0..tokens.len()).find_map(|i| date_at(&tokens[i..]))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
    /// A separator inside a numeric date: '.', '/' or '-'.
    Sep(char),
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                n.push(d);
                chars.next();
            }
            out.push(Tok::Num(n.parse().unwrap_or(u32::MAX), n.len()));
        } else if c.is_alphabetic() {
            let mut w = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_alphabetic()) {
                w.push(d);
                chars.next();
            }
            out.push(Tok::Word(w));
        } else {
            if matches!(c, '.' | '/' | '-') {
                out.push(Tok::Sep(c));
            }
            chars.next();
        }
    }
    out
}

fn month(word: &str) -> Option<u32> {
    lexicon()?.months.get(word).copied()
}

fn year(n: u32, len: usize) -> Option<i32> {
    (len == 4 && (1900..=2100).contains(&n)).then_some(n as i32)
}

fn day(n: u32, len: usize) -> Option<u32> {
    (len <= 2 && (1..=31).contains(&n)).then_some(n)
}

fn ymd(y: i32, m: u32, d: Option<u32>) -> Option<PartialDate> {
    let text = match d {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    };
    text.parse().ok()
}

/// Words that may stand between a day, a month and a year ("6 de mayo de 2022").
fn is_filler(t: &Tok) -> bool {
    matches!(t, Tok::Sep('.')) || matches!(t, Tok::Word(w) if matches!(w.as_str(), "de" | "del" | "of" | "th" | "st" | "nd" | "rd" | "er"))
}

fn date_at(t: &[Tok]) -> Option<PartialDate> {
    // Numeric: 2021-05-04, 04.05.2021, 4/5/2021 (day first unless impossible).
    if let [Tok::Num(a, la), Tok::Sep(s1), Tok::Num(b, lb), Tok::Sep(s2), Tok::Num(c, lc), ..] = t {
        if s1 == s2 {
            if let Some(y) = year(*a, *la).filter(|_| *s1 == '-') {
                let d = day(*c, *lc)?;
                return (1..=12).contains(b).then(|| ymd(y, *b, Some(d))).flatten();
            }
            let y = year(*c, *lc)?;
            let (d, m) = match s1 {
                '.' | '-' => (*a, *b),
                _ if *a > 12 => (*a, *b),
                _ if *b > 12 => (*b, *a),
                // 04/05/2021 could be either: not a dateline to trust.
                _ => return None,
            };
            if (1..=12).contains(&m) && *la <= 2 && *lb <= 2 && day(d, 2).is_some() {
                return ymd(y, m, Some(d));
            }
        }
        return None;
    }
    // Day before month: "3 May 2021", "3. April 2020", "6 de mayo de 2022".
    if let Some(Tok::Num(d, ld)) = t.first() {
        let d = day(*d, *ld)?;
        let rest: Vec<&Tok> = t[1..].iter().skip_while(|t| is_filler(t)).collect();
        if let Some(Tok::Word(w)) = rest.first() {
            let m = month(w)?;
            let after: Vec<&Tok> = rest[1..].iter().copied().skip_while(|t| is_filler(t)).collect();
            if let Some(Tok::Num(y, ly)) = after.first() {
                return ymd(year(*y, *ly)?, m, Some(d));
            }
        }
        return None;
    }
    // Month first: "May 3, 2021", "Sept. 11, 2001", "April 2020".
    if let Some(Tok::Word(w)) = t.first() {
        let m = month(w)?;
        let rest: Vec<&Tok> = t[1..].iter().skip_while(|t| is_filler(t)).collect();
        match rest.as_slice() {
            [Tok::Num(d, ld), more @ ..] if day(*d, *ld).is_some() => {
                let after: Vec<&&Tok> = more.iter().skip_while(|t| is_filler(t)).collect();
                if let Some(Tok::Num(y, ly)) = after.first().map(|t| **t) {
                    return ymd(year(*y, *ly)?, m, day(*d, *ld));
                }
            }
            [Tok::Num(y, ly), ..] => return ymd(year(*y, *ly)?, m, None),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<String> {
        find_date(s).map(|d| d.to_string())
    }

    #[test]
    fn datelines_in_several_languages_and_shapes() {
        let cases = [
            ("Updated: 3 May 2021, 10:27", "2021-05-03"),
            ("Published Sept. 11, 2001 at 9:00", "2001-09-11"),
            ("6 de mayo de 2022 05:30", "2022-05-06"),
            ("Aktualisiert: 11.04.2020, 10:27", "2020-04-11"),
            ("Publikacja: 04.05.2021", "2021-05-04"),
            ("jeudi 13 juin 2019, par la rédaction", "2019-06-13"),
            ("Am 21. April 2020 veröffentlicht", "2020-04-21"),
            ("opublikowano: 2021-04-29 17:13", "2021-04-29"),
            ("4 maja 2021", "2021-05-04"),
            ("posted 25/12/2019", "2019-12-25"),
            ("The March 2019 issue", "2019-03"),
        ];
        for (text, want) in cases {
            assert_eq!(date(text).as_deref(), Some(want), "{text}");
        }
        for none in ["04/05/2021", "12 comments", "Chapter 3 of 10", "In 1997 the pier closed", "31.02.2020", "Page 2 / 14"] {
            assert_eq!(date(none), None, "{none}");
        }
    }
}
