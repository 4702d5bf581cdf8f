//! Splitting text at whitespace a byte at a time, with exactly the results of
//! `str::split_whitespace` (the same Unicode White_Space characters). That one
//! decodes every character, and importing a 3 MB book split its text at
//! whitespace four times over: a sixth of the import. ASCII text, the common
//! case, is counted and checked without decoding anything.

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

/// How many words hold a letter or digit.
pub fn count_alphanumeric(s: &str) -> usize {
    if s.is_ascii() {
        count_ascii(s.as_bytes(), true)
    } else {
        s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
    }
}

/// The words of ASCII text, or with `alphanumeric` only those holding a
/// letter or digit, without a branch per byte (where a word ends is not
/// predictable). Other text keeps `split_whitespace`: checking every
/// character of a Cyrillic or CJK word made counting several times slower.
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
            assert_eq!(whitespace_at(s, 0), expected, "U+{:04X}", c as u32);
            assert_eq!(count(s), usize::from(!c.is_whitespace()), "U+{:04X}", c as u32);
            assert_eq!(count_alphanumeric(s), usize::from(c.is_alphanumeric()), "U+{:04X}", c as u32);
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
        let alphanumeric = s.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        proptest::prop_assert_eq!(count_alphanumeric(s), alphanumeric);
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn the_same_as_split_whitespace(s in "[a-zé😀7.,—“ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{feff}]{0,24}") {
            proptest::prop_assert_eq!(words(&s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>());
            agrees_with_split_whitespace(&s)?;
        }

        #[test]
        fn ascii_text_the_same_as_split_whitespace(s in "[a-zA-Z07.,! \t\n\r\u{b}\u{c}-]{0,40}") {
            agrees_with_split_whitespace(&s)?;
        }
    }
}
