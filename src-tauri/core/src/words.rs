//! Splitting text at whitespace a byte at a time, with exactly the results of
//! `str::split_whitespace` (the same Unicode White_Space characters). That one
//! decodes every character, and importing a 3 MB book split its text at
//! whitespace four times over: a sixth of the import. ASCII text, the common
//! case, is counted and checked without decoding anything. The word count a
//! reader sees (`count_alphanumeric`) also counts each Chinese or Japanese
//! character as a word, in the same single pass.

/// The byte length of the whitespace character starting at byte `i`, or 0.
#[inline(always)]
fn whitespace_at(s: &str, i: usize) -> usize {
    match s.as_bytes()[i] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => 1,
        // Lead bytes of the other White_Space characters (U+0085, U+00A0,
        // U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
        0xc2 | 0xe1 | 0xe2 | 0xe3 => other_whitespace_at(s, i),
        _ => 0,
    }
}

#[inline(never)]
fn other_whitespace_at(s: &str, i: usize) -> usize {
    // A lead byte is on a character boundary, so the slice is valid.
    match s[i..].chars().next() {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// The words of `s`, as `s.split_whitespace()` yields them.
pub fn words(s: &str) -> Words<'_> {
    Words { s, at: 0 }
}

pub struct Words<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.s.len();
        loop {
            if self.at >= len {
                return None;
            }
            match whitespace_at(self.s, self.at) {
                0 => break,
                n => self.at += n,
            }
        }
        let start = self.at;
        // Continuation bytes are never whitespace, so stepping a byte at a
        // time stops only on a character boundary.
        while self.at < len && whitespace_at(self.s, self.at) == 0 {
            self.at += 1;
        }
        Some(&self.s[start..self.at])
    }
}

/// `s.split_whitespace().count()`.
pub fn count(s: &str) -> usize {
    if s.is_ascii() {
        count_ascii(s.as_bytes(), false)
    } else {
        s.split_whitespace().count()
    }
}

/// How many words hold a letter or digit, counting as word processors do for
/// scripts written without spaces: every Chinese or Japanese character (Han,
/// kana, bopomofo) is a word, and their punctuation ends a word. Other text
/// counts its whitespace-separated runs, so "東京Tower、2026年" is 東, 京,
/// Tower, 2026 and 年. Korean writes spaces between words and is counted by
/// them, as word processors count "Korean words" beside "Asian characters".
pub fn count_alphanumeric(s: &str) -> usize {
    if s.is_ascii() {
        return count_ascii(s.as_bytes(), true);
    }
    let bytes = s.as_bytes();
    // `open`: inside a run that counts (one with a letter or digit so far).
    let (mut count, mut open, mut i) = (0, false, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if matches!(b, b'\t'..=b'\r' | b' ') {
                count += usize::from(open);
                open = false;
            } else {
                open |= b.is_ascii_alphanumeric();
            }
            i += 1;
            continue;
        }
        // One decode per character (from the bytes: the string is valid
        // UTF-8), and the Unicode tables only while no letter has opened the
        // run or for CJK punctuation.
        let (c, len) = decode(bytes, i, b);
        i += len;
        if is_other_whitespace(c) {
            count += usize::from(open);
            open = false;
            continue;
        }
        match cjk(c) {
            Cjk::Word => {
                count += usize::from(open) + 1;
                open = false;
            }
            Cjk::Break => {
                count += usize::from(open);
                open = false;
            }
            Cjk::No => open = open || c.is_alphanumeric(),
        }
    }
    count + usize::from(open)
}

/// The character whose lead byte `b` is at `i` of valid UTF-8, and its length.
#[inline(always)]
fn decode(bytes: &[u8], i: usize, b: u8) -> (char, usize) {
    let cont = |k: usize| u32::from(bytes[i + k] & 0x3f);
    let (u, len) = match b {
        0xc0..=0xdf => ((u32::from(b & 0x1f) << 6) | cont(1), 2),
        0xe0..=0xef => ((u32::from(b & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => ((u32::from(b & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4),
    };
    (char::from_u32(u).unwrap_or_default(), len)
}

/// Whether `c`, not ASCII, is White_Space (the list `whitespace_at` knows).
#[inline(always)]
fn is_other_whitespace(c: char) -> bool {
    matches!(u32::from(c), 0x85 | 0xa0 | 0x1680 | 0x2000..=0x200a | 0x2028 | 0x2029 | 0x202f | 0x205f | 0x3000)
}

enum Cjk {
    /// A character that is a word by itself.
    Word,
    /// Punctuation or a symbol of a CJK block: it ends a word.
    Break,
    /// Not written without spaces: counted in whitespace-separated runs.
    No,
}

#[inline(always)]
fn cjk(c: char) -> Cjk {
    let u = u32::from(c);
    // Below U+2E80 (every script written with spaces, Hangul Jamo included)
    // nothing is looked up.
    if u < 0x2e80 {
        return Cjk::No;
    }
    // The common blocks, every code point a letter: CJK Unified Ideographs,
    // Extension A, and the hiragana and katakana letters.
    // (Tested without branching: kanji and kana alternate unpredictably.)
    let letters = (u.wrapping_sub(0x4e00) <= 0x9fff - 0x4e00)
        | (u.wrapping_sub(0x3400) <= 0x4dbf - 0x3400)
        | (u.wrapping_sub(0x3041) <= 0x3096 - 0x3041)
        | (u.wrapping_sub(0x30a1) <= 0x30fa - 0x30a1);
    if letters {
        return Cjk::Word;
    }
    let block = matches!(u,
        0x2e80..=0x312f // radicals, CJK symbols and punctuation, kana, bopomofo
        | 0x3190..=0x33ff // kanbun, bopomofo and katakana extensions, enclosed and compatibility forms
        | 0x4dc0..=0x4dff // hexagram symbols
        | 0xf900..=0xfaff // compatibility ideographs
        | 0xfe30..=0xfe4f // vertical and compatibility punctuation
        | 0xff00..=0xff65 // full-width punctuation (full-width letters and digits are No below)
        | 0xff66..=0xff9f // half-width katakana
        | 0x1b000..=0x1b16f // kana supplement and extensions
        | 0x20000..=0x3ffff // the supplementary ideographic planes (with unassigned gaps)
    );
    match (block, c.is_alphanumeric()) {
        (true, true) if !matches!(u, 0xff00..=0xff65) => Cjk::Word,
        (true, false) => Cjk::Break,
        _ => Cjk::No,
    }
}

/// The words of ASCII text, or with `alphanumeric` only those holding a
/// letter or digit, without a branch per byte (where a word ends is not
/// predictable). `count` keeps `split_whitespace` for other text, and
/// `count_alphanumeric` asks the Unicode tables about a character only until
/// its run has a letter: checking every character of a Cyrillic word made
/// counting several times slower.
fn count_ascii(bytes: &[u8], alphanumeric: bool) -> usize {
    // `open`: inside a word that counts (one with a letter or digit so far).
    let (mut count, mut open) = (0, false);
    for &b in bytes {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        let counts = b.is_ascii_alphanumeric() || !alphanumeric;
        count += usize::from(open & space);
        open = (open | counts) & !space;
    }
    count + usize::from(open)
}

/// Runs of whitespace collapsed to one space, the ends trimmed.
pub fn collapse(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for w in words(s) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// `collapse(s).chars().count()`, without building the collapsed string.
pub fn collapsed_chars(s: &str) -> usize {
    let (mut chars, mut n) = (0usize, 0usize);
    for w in words(s) {
        chars += if w.is_ascii() { w.len() } else { w.chars().count() };
        n += 1;
    }
    chars + n.saturating_sub(1)
}

/// Whether [`collapse`] would return `s` unchanged.
pub fn is_collapsed(s: &str) -> bool {
    let bytes = s.as_bytes();
    // At the start, or just after a space.
    let mut after_space = true;
    if s.is_ascii() {
        for &b in bytes {
            let space = matches!(b, b'\t'..=b'\r' | b' ');
            if space && (b != b' ' || after_space) {
                return false;
            }
            after_space = space;
        }
    } else {
        // Byte by byte too: whitespace other than a space is never collapsed.
        for (i, &b) in bytes.iter().enumerate() {
            let space = match whitespace_at(s, i) {
                0 => false,
                1 if b == b' ' && !after_space => true,
                _ => return false,
            };
            after_space = space;
        }
    }
    !after_space || s.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_whitespace_exactly_when_std_says_so() {
        let mut buf = [0u8; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            if !c.is_ascii() {
                assert_eq!(is_other_whitespace(c), c.is_whitespace(), "U+{:04X}", c as u32);
                assert_eq!(decode(s.as_bytes(), 0, s.as_bytes()[0]), (c, c.len_utf8()), "U+{:04X}", c as u32);
            }
            assert_eq!(whitespace_at(s, 0), expected, "U+{:04X}", c as u32);
            assert_eq!(count(s), usize::from(!c.is_whitespace()), "U+{:04X}", c as u32);
            assert_eq!(count_alphanumeric(s), usize::from(c.is_alphanumeric()), "U+{:04X}", c as u32);
            // The ranges taken as letters without asking are letters.
            match cjk(c) {
                Cjk::Word => assert!(c.is_alphanumeric(), "U+{:04X}", c as u32),
                Cjk::Break => assert!(!c.is_alphanumeric(), "U+{:04X}", c as u32),
                Cjk::No => {}
            }
        }
    }

    #[test]
    fn words_and_collapsing_of_mixed_spacing() {
        let s = "\u{a0} Tide\u{2003}tables,\t\tharbour\r\nmaps \u{3000}and\u{85}\u{1680}charts\u{205f}";
        assert_eq!(words(s).collect::<Vec<_>>(), ["Tide", "tables,", "harbour", "maps", "and", "charts"]);
        assert_eq!(collapse(s), "Tide tables, harbour maps and charts");
        assert!(!is_collapsed(s));
        assert!(is_collapsed("Tide tables, harbour maps"));
        assert!(is_collapsed("") && is_collapsed("é"));
        assert_eq!(count(s), 6);
        // "½" is a number too.
        assert_eq!(count_alphanumeric("— 1914 … ½ — Ünïcode, «ok» ..."), 4);
        assert_eq!(count("— 1914 … ½ — Ünïcode, «ok» ..."), 8);
        for s in [" lead", "trail ", "two  spaces", "a\tb", "a\u{a0}b", " "] {
            assert!(!is_collapsed(s), "{s:?}");
        }
    }

    /// Every function of this module against its `split_whitespace` definition.
    fn agrees_with_split_whitespace(s: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assert_eq!(is_collapsed(s), collapsed == s);
        proptest::prop_assert_eq!(collapse(s), collapsed.clone());
        proptest::prop_assert_eq!(collapsed_chars(s), collapsed.chars().count());
        proptest::prop_assert_eq!(count(s), s.split_whitespace().count());
        proptest::prop_assert_eq!(count_alphanumeric(s), words_as_written(s));
        Ok(())
    }

    /// `count_alphanumeric` spelled out: split at whitespace, then split each
    /// piece at CJK characters and punctuation; a CJK character is a word, a
    /// remaining piece is one when it holds a letter or digit.
    fn words_as_written(s: &str) -> usize {
        let mut n = 0;
        for piece in s.split_whitespace() {
            let mut run = String::new();
            for c in piece.chars() {
                match cjk(c) {
                    Cjk::No => run.push(c),
                    kind => {
                        n += usize::from(run.chars().any(char::is_alphanumeric)) + usize::from(matches!(kind, Cjk::Word));
                        run.clear();
                    }
                }
            }
            n += usize::from(run.chars().any(char::is_alphanumeric));
        }
        n
    }

    #[test]
    fn chinese_and_japanese_count_a_word_per_character_and_korean_by_spaces() {
        // Our own sentences: "the harbour master read the tide table twice".
        assert_eq!(count_alphanumeric("港長は潮汐表を二度読んだ。"), 12);
        assert_eq!(count_alphanumeric("港务长把潮汐表读了两遍。"), 11);
        assert_eq!(count_alphanumeric("항만장은 조석표를 두 번 읽었다."), 5);
        // Katakana with its length mark, half-width katakana, iteration marks.
        assert_eq!(count_alphanumeric("ハーバー ﾊﾞｽ 時々"), 4 + 3 + 2);
        // Latin words and numbers between CJK characters and punctuation.
        assert_eq!(count_alphanumeric("東京Tower、2026年「GPS」"), 6);
        // Full-width Latin is Latin: one word; full-width punctuation ends it.
        assert_eq!(count_alphanumeric("ＡＢＣ！ＤＥＦ"), 2);
        // Punctuation alone is no word, in any script.
        assert_eq!(count_alphanumeric("。、「」・ — …"), 0);
        // An ideograph from the supplementary plane.
        assert_eq!(count_alphanumeric("𠮟る"), 2);
        assert_eq!(count_alphanumeric("Привет, мир — 1914"), 3);
    }

    proptest::proptest! {
        #[test]
        fn the_same_as_split_whitespace(s in "[a-zé😀7.,—“あ漢ー、！Ａｱ한𠮟 \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{feff}]{0,24}") {
            proptest::prop_assert_eq!(words(&s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>());
            agrees_with_split_whitespace(&s)?;
        }

        #[test]
        fn ascii_text_the_same_as_split_whitespace(s in "[a-zA-Z07.,! \t\n\r\u{b}\u{c}-]{0,40}") {
            agrees_with_split_whitespace(&s)?;
        }
    }
}
