//! Splits text into words, numbers and punctuation, with offsets in Unicode
//! code points and a sentence number per token, in one pass that allocates
//! only the token list.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// Digits, possibly with internal `,` `.` `:` `/` ("60,000", "10:30", "9/11").
    Num,
    Punct,
}

/// One token. Its text is a slice of the tagged text, and its lower-case
/// form the same slice when the token is lower case already (most words of
/// prose), else a slice of one buffer per text: tokenizing allocates
/// nothing per token.
#[derive(Debug, Clone)]
pub struct Tok<'a> {
    /// Offsets in Unicode code points.
    pub start: usize,
    pub end: usize,
    /// Byte offset of the token in the text.
    pub byte: usize,
    pub text: &'a str,
    pub lower: &'a str,
    pub kind: TokKind,
    /// Whitespace separates this token from the previous one.
    pub space_before: bool,
    pub sentence: usize,
}

impl Tok<'_> {
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

    /// Byte offset just past the token.
    pub fn byte_end(&self) -> usize {
        self.byte + self.text.len()
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
        || super::lexicon::month_abbreviation(prev).is_some()
}

/// A cursor over the characters of the text that counts code points.
struct Chars<'a> {
    text: &'a str,
    /// Byte offset and code point offset of the next character.
    b: usize,
    c: usize,
}

impl Chars<'_> {
    /// The next byte, if it is a whole ASCII character.
    fn ascii(&self) -> Option<u8> {
        self.text.as_bytes().get(self.b).copied().filter(u8::is_ascii)
    }

    fn peek(&self) -> Option<char> {
        let byte = *self.text.as_bytes().get(self.b)?;
        if byte.is_ascii() {
            Some(byte as char)
        } else {
            self.text[self.b..].chars().next()
        }
    }

    /// The character after the next one.
    fn peek2(&self) -> Option<char> {
        let mut it = self.text[self.b..].chars();
        it.next();
        it.next()
    }

    fn bump(&mut self, ch: char) {
        self.b += ch.len_utf8();
        self.c += 1;
    }

    /// Skips a run of ASCII bytes that `keep` accepts (each one character).
    fn skip_ascii(&mut self, keep: impl Fn(u8) -> bool) {
        let bytes = self.text.as_bytes();
        let from = self.b;
        while self.b < bytes.len() && keep(bytes[self.b]) {
            self.b += 1;
        }
        self.c += self.b - from;
    }
}

/// The lower-case form of `s` if it differs from `s`, appended to `buf`;
/// the typographic apostrophe reads as the plain one ("Sunday’s").
fn push_lower(s: &str, buf: &mut String) -> bool {
    let (mut upper, mut ascii) = (false, true);
    for b in s.bytes() {
        upper |= b.is_ascii_uppercase();
        ascii &= b.is_ascii();
    }
    if ascii {
        if !upper {
            return false;
        }
        let at = buf.len();
        buf.push_str(s);
        buf[at..].make_ascii_lowercase();
        return true;
    }
    let at = buf.len();
    for c in s.chars().flat_map(char::to_lowercase) {
        buf.push(if c == '’' { '\'' } else { c });
    }
    if buf[at..] == *s {
        buf.truncate(at);
        return false;
    }
    true
}

/// A token whose lower-case form is `arena[start..end]`, not its own text.
pub struct Pending {
    pub tok: usize,
    pub start: usize,
    pub end: usize,
}

/// Tokenizes `text`, writing the lower-case forms that differ from the
/// tokens' text into `arena`.
pub fn tokenize<'a>(text: &'a str, arena: &'a mut String) -> Vec<Tok<'a>> {
    let (mut toks, pending) = scan(text, arena);
    let arena: &'a str = arena;
    for p in pending {
        toks[p.tok].lower = &arena[p.start..p.end];
    }
    toks
}

/// The tokens with an empty lower-case form where it is in `arena` instead
/// (listed in the second vector).
pub fn scan<'a>(text: &'a str, arena: &mut String) -> (Vec<Tok<'a>>, Vec<Pending>) {
    arena.clear();
    let mut pending = Vec::new();
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let mut it = Chars { text, b: 0, c: 0 };
    let mut space = true;
    let mut sentence = 0usize;
    let mut pending_break = false;
    let bytes = text.as_bytes();
    loop {
        // ASCII, the common case, without decoding a character.
        let c = match it.ascii() {
            Some(b' ' | b'\t' | b'\r' | 0x0b | 0x0c) => {
                space = true;
                it.skip_ascii(|b| matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c));
                continue;
            }
            Some(b) => b as char,
            None => match it.peek() {
                Some(c) => c,
                None => break,
            },
        };
        if c.is_whitespace() {
            // A blank line always ends a sentence (headings, list items).
            if c == '\n' && bytes.get(it.b + 1) == Some(&b'\n') {
                pending_break = true;
            }
            space = true;
            it.bump(c);
            continue;
        }
        let (start, byte) = (it.c, it.b);
        let kind;
        it.bump(c);
        if c.is_ascii_digit() {
            it.skip_ascii(|b| b.is_ascii_digit());
            while let Some(d) = it.peek() {
                let joins = matches!(d, ',' | '.' | ':' | '/') && it.peek2().is_some_and(|n| n.is_ascii_digit());
                if d.is_ascii_digit() || joins {
                    it.bump(d);
                    it.skip_ascii(|b| b.is_ascii_digit());
                } else {
                    break;
                }
            }
            // "1990s", "11th", "5pm": letters glued to digits stay in the token.
            while let Some(d) = it.peek().filter(|d| d.is_alphabetic()) {
                it.bump(d);
            }
            kind = TokKind::Num;
        } else if c.is_alphabetic() {
            it.skip_ascii(|b| b.is_ascii_alphanumeric());
            while let Some(d) = it.peek() {
                let apostrophe = matches!(d, '\'' | '’') && it.peek2().is_some_and(char::is_alphabetic);
                if d.is_alphanumeric() || apostrophe {
                    it.bump(d);
                    it.skip_ascii(|b| b.is_ascii_alphanumeric());
                } else {
                    break;
                }
            }
            kind = TokKind::Word;
        } else {
            kind = TokKind::Punct;
        }
        if pending_break {
            sentence += 1;
            pending_break = false;
        }
        let s = &text[byte..it.b];
        let at = arena.len();
        let lower = if push_lower(s, arena) {
            pending.push(Pending { tok: toks.len(), start: at, end: arena.len() });
            ""
        } else {
            s
        };
        toks.push(Tok { start, end: it.c, byte, text: s, lower, kind, space_before: space, sentence });
        space = false;
        if kind == TokKind::Punct && matches!(c, '.' | '!' | '?' | ';') {
            let prev_word = match toks.len().checked_sub(2) {
                Some(k) if pending.last().is_some_and(|p| p.tok == k) => &arena[pending[pending.len() - 1].start..],
                Some(k) => toks[k].lower,
                None => "",
            };
            let rest = &text[it.b..];
            let next_upper = rest.chars().find(|c| !c.is_whitespace()).is_none_or(|n| !n.is_lowercase());
            let followed_by_space = rest.chars().next().is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '\'' | '”' | '’'));
            if c != '.' || (followed_by_space && next_upper && !keeps_sentence(prev_word)) {
                pending_break = true;
            }
        }
    }
    (toks, pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_code_points_and_numbers_stay_whole() {
        let mut arena = String::new();
        let toks = tokenize("Ça coûte 60,000 — le 9/11.", &mut arena);
        let texts: Vec<&str> = toks.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["Ça", "coûte", "60,000", "—", "le", "9/11", "."]);
        assert_eq!((toks[2].start, toks[2].end), (9, 15));
        assert_eq!(toks[2].kind, TokKind::Num);
    }

    #[test]
    fn sentences_split_on_periods_but_not_abbreviations() {
        let mut arena = String::new();
        let toks = tokenize("We met on Sept. 3 in the U.S. capital. Then it rained.", &mut arena);
        let then = toks.iter().find(|t| t.text == "Then").unwrap();
        let capital = toks.iter().find(|t| t.text == "capital").unwrap();
        assert_eq!(capital.sentence, 0);
        assert_eq!(then.sentence, 1);
    }

    #[test]
    fn a_single_digit_before_a_period_ends_the_sentence_an_initial_does_not() {
        let mut arena = String::new();
        let toks = tokenize("The fair opens June 1. Critics said it was late. J. Smith agreed.", &mut arena);
        let critics = toks.iter().find(|t| t.text == "Critics").unwrap();
        let smith = toks.iter().find(|t| t.text == "Smith").unwrap();
        assert_eq!(critics.sentence, 1);
        assert_eq!(smith.sentence, 2);
    }
}
