//! Splits text into words, numbers and punctuation, with offsets in Unicode
//! code points and a sentence number per token.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// Digits, possibly with internal `,` `.` `:` `/` ("60,000", "10:30", "9/11").
    Num,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub lower: String,
    pub kind: TokKind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    pub sentence: usize,
}

impl Tok {
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn num(&self) -> Option<u32> {
        if self.kind == TokKind::Num && self.text.bytes().all(|b| b.is_ascii_digit()) {
            self.text.parse().ok()
        } else {
            None
        }
    }
}

/// Abbreviations after which a period does not end the sentence.
fn keeps_sentence(prev: &str) -> bool {
    // An initial ("J. Smith"), not a single digit: "begins June 1. Officials said" is two sentences.
    (prev.chars().count() == 1 && prev.chars().all(char::is_alphabetic))
        || matches!(
            prev,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "st"
                | "jr"
                | "sr"
                | "gen"
                | "gov"
                | "sen"
                | "rep"
                | "lt"
                | "col"
                | "capt"
                | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "no"
                | "vs"
                | "inc"
                | "corp"
                | "co"
                | "ltd"
                | "prof"
                | "rev"
                | "mt"
                | "ft"
        )
}

pub fn tokenize(text: &str) -> Vec<Tok> {
    let chars: Vec<char> = text.chars().collect();
    // Byte offset of each character (and of the end), to slice tokens out of
    // `text` in one allocation each.
    let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let mut toks: Vec<Tok> = Vec::with_capacity(chars.len() / 5);
    let mut i = 0;
    let mut space = true;
    let mut sentence = 0usize;
    let mut pending_break = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            // A blank line always ends a sentence (headings, list items).
            if c == '\n' && i + 1 < chars.len() && chars[i + 1] == '\n' {
                pending_break = true;
            }
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let joins = matches!(d, ',' | '.' | ':' | '/') && i + 1 < chars.len() && chars[i + 1].is_ascii_digit();
                if d.is_ascii_digit() || joins {
                    i += 1;
                } else {
                    break;
                }
            }
            // "1990s", "11th", "5pm": letters glued to digits stay in the token.
            while i < chars.len() && chars[i].is_alphabetic() {
                i += 1;
            }
            kind = TokKind::Num;
        } else if c.is_alphabetic() {
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                let apostrophe = matches!(d, '\'' | '’') && i + 1 < chars.len() && chars[i + 1].is_alphabetic();
                if d.is_alphanumeric() || apostrophe {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = TokKind::Word;
        } else {
            i += 1;
            kind = TokKind::Punct;
        }
        if pending_break {
            sentence += 1;
            pending_break = false;
        }
        let s = text[bytes[start]..bytes[i]].to_string();
        let lower = if s.is_ascii() {
            s.to_ascii_lowercase()
        } else {
            let l = s.to_lowercase();
            if l.contains('’') {
                l.replace('’', "'")
            } else {
                l
            }
        };
        toks.push(Tok { start, end: i, text: s, lower, kind, space_before: space, sentence });
        space = false;
        if kind == TokKind::Punct && matches!(c, '.' | '!' | '?' | ';') {
            let prev_word = toks.len().checked_sub(2).map(|k| toks[k].lower.as_str()).unwrap_or("");
            let next_upper = chars.get(i..).and_then(|rest| rest.iter().find(|c| !c.is_whitespace())).is_none_or(|n| !n.is_lowercase());
            let followed_by_space = chars.get(i).is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '\'' | '”' | '’'));
            if c != '.' || (followed_by_space && next_upper && !keeps_sentence(prev_word)) {
                pending_break = true;
            }
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points_and_numbers_stay_whole() {
        let toks = tokenize("Ça coûte 60,000 — le 9/11.");
        let texts: Vec<&str> = toks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, ["Ça", "coûte", "60,000", "—", "le", "9/11", "."]);
        assert_eq!((toks[2].start, toks[2].end), (9, 15));
        assert_eq!(toks[2].kind, TokKind::Num);
    }

    #[test]
    fn sentences_split_on_periods_but_not_abbreviations() {
        let toks = tokenize("We met on Sept. 3 in the U.S. capital. Then it rained.");
        let then = toks.iter().find(|t| t.text == "Then").unwrap();
        let capital = toks.iter().find(|t| t.text == "capital").unwrap();
        assert_eq!(capital.sentence, 0);
        assert_eq!(then.sentence, 1);
    }

    #[test]
    fn a_single_digit_before_a_period_ends_the_sentence_an_initial_does_not() {
        let toks = tokenize("The fair opens June 1. Critics said it was late. J. Smith agreed.");
        let critics = toks.iter().find(|t| t.text == "Critics").unwrap();
        let smith = toks.iter().find(|t| t.text == "Smith").unwrap();
        assert_eq!(critics.sentence, 1);
        assert_eq!(smith.sentence, 2);
    }
}
